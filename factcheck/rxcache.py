"""Compiled date-grammar expressions kept between runs, the way Python keeps `.pyc` files.

The `regex` module parses a pattern in Python before its C engine takes the compiled code,
and the date grammar's expressions are long trie-built alternations (77,000 characters in
Arabic): compiling the ones an Arabic article needs took 0.14 s of a 0.8 s cold check, more
than anything but the imports and the UDPipe model.  A compiled `regex` pattern pickles as
its compiled code (`regex._regex.compile` with the code as plain data, the library's own
pickle support), and loading that back skips the parse.

* **Where.** One file a set of expressions (`dates-ar`, `dates-en`: an Arabic run reads no
  English ones), a `regex` version and a Python version, in `$FACTCHECK_REGEX_CACHE` if it
  names a folder, else `$XDG_CACHE_HOME/factcheck`, else `~/.cache/factcheck`
  (`%LOCALAPPDATA%\\factcheck` on Windows).  `FACTCHECK_REGEX_CACHE=off` turns it off.  A
  new `regex` release gets a new file; the result cache's `--no-cache` does not concern it
  (this cache holds no results, only what the grammar's own text compiles to).
* **What it trusts.** The file is a dict of pickled patterns, one `bytes` value a
  (source, flags) key, read with an unpickler that resolves one name,
  `regex._regex.compile`, and nothing else: the dict itself needs none, and a pattern is
  unpickled the same way, only when a run asks for it (an Arabic article needs a few of the
  120 expressions a file may hold; reading them all was 10 ms of a cold check).  A
  pattern read back must carry the source and flags it is filed under; one that names any
  other callable, or fails that check, is compiled again and written again, and a file
  that is not such a dict is ignored whole.
* **When it is written.** At exit, once, and only when the run compiled something the file
  did not have; the file on disk is read again first and merged, so concurrent runs add to
  it rather than drop each other's entries.  Atomic (a temporary file renamed over it); a
  folder that cannot be written is left alone silently: the cache only saves time.  A file
  that would pass 8 MB (a grammar edited many times under one `regex` version) is written
  with only the expressions this run used.
"""

from __future__ import annotations

import atexit
import io
import os
import pickle
import sys
from pathlib import Path

import regex

FORMAT = 2  # 1: the dict held the patterns themselves, all unpickled on the first look-up
_MAX_BYTES = 32 * 1024 * 1024  # a file larger than this is not ours: ignore it
# a file past this size keeps only what this process used: the expressions of grammars
# edited since (a development checkout, an upgrade) do not pile up for ever
_KEEP_BYTES = 8 * 1024 * 1024

_raw: dict[str, dict] = {}  # set -> {(source, flags): pickled pattern}, its file as read
_entries: dict[str, dict] = {}  # set -> {(source, flags): compiled pattern} asked for in this process
_fresh: dict[str, set] = {}  # set -> keys compiled in this process (not read from the file)
_new: dict[str, int] = {}  # set -> patterns compiled in this process that its file lacked
_used: dict[str, set] = {}  # set -> keys this process asked for
_hooked = False


class _Refused(pickle.UnpicklingError):
    pass


class _Unpickler(pickle.Unpickler):
    def find_class(self, module, name):
        if (module, name) == ("regex._regex", "compile"):
            return regex._regex.compile
        raise _Refused(f"{module}.{name} is not allowed in a regex cache")


def cache_dir() -> Path | None:
    env = os.environ.get("FACTCHECK_REGEX_CACHE", "").strip()
    if env.lower() in ("off", "0", "no", "false", "none"):
        return None
    if env:
        return Path(env).expanduser()
    if sys.platform == "win32" and os.environ.get("LOCALAPPDATA"):
        return Path(os.environ["LOCALAPPDATA"]) / "factcheck"
    xdg = os.environ.get("XDG_CACHE_HOME", "").strip()
    base = Path(xdg) if xdg and os.path.isabs(xdg) else Path.home() / ".cache"
    return base / "factcheck"


def cache_file(group: str) -> Path | None:
    d = cache_dir()
    if d is None:
        return None
    tag = sys.implementation.cache_tag or "py"
    safe = "".join(c if c.isalnum() or c in "-_" else "_" for c in group)
    return d / f"regex-{FORMAT}-{regex.__version__}-{tag}-{safe}.pickle"


def _read_raw(path: Path | None) -> dict:
    """{(source, flags): pickled pattern} of the file at `path`; {} when it is missing,
    unreadable or not such a dict."""
    if path is None:
        return {}
    try:
        with open(path, "rb") as f:
            data = f.read(_MAX_BYTES + 1)
        if len(data) > _MAX_BYTES:
            return {}
        got = _Unpickler(io.BytesIO(data)).load()
    except Exception:  # missing, truncated, refused, from another build: recompile
        return {}
    if not isinstance(got, dict):
        return {}
    for key, blob in got.items():
        if not (isinstance(key, tuple) and len(key) == 2 and isinstance(key[0], str) and isinstance(key[1], int)
                and isinstance(blob, bytes)):
            return {}
    return got


def _decode(key: tuple, blob: bytes):
    """The pattern pickled in `blob`, or None when it is not the one `key` files."""
    try:
        pat = _Unpickler(io.BytesIO(blob)).load()
    except Exception:  # refused (another callable), truncated
        return None
    # the source it is filed under, and at least the flags asked for (regex adds its own)
    if not isinstance(pat, regex.Pattern) or pat.pattern != key[0] or pat.flags & key[1] != key[1]:
        return None
    return pat


def _read(path: Path | None) -> dict:
    """Every pattern of the file at `path`, unpickled and checked; {} when one is not ours."""
    out = {}
    for key, blob in _read_raw(path).items():
        pat = _decode(key, blob)
        if pat is None:
            return {}
        out[key] = pat
    return out


def _dumps(patterns: dict) -> bytes:
    """The bytes of a cache file holding `patterns` ({(source, flags): compiled pattern})."""
    return pickle.dumps({k: pickle.dumps(p, protocol=pickle.HIGHEST_PROTOCOL) for k, p in patterns.items()},
                        protocol=pickle.HIGHEST_PROTOCOL)


def compile(source: str, flags: int = 0, group: str = "misc"):
    """`regex.compile(source, flags)`, from the cache file of `group` when it has it."""
    global _hooked
    key = (source, int(flags))
    entries = _entries.get(group)
    if entries is None:
        entries = _entries[group] = {}
    _used.setdefault(group, set()).add(key)
    pat = entries.get(key)
    if pat is not None:
        return pat
    raw = _raw.get(group)
    if raw is None:
        raw = _raw[group] = _read_raw(cache_file(group))
    blob = raw.get(key)
    if blob is not None:
        pat = _decode(key, blob)
    if pat is None:
        pat = regex.compile(source, flags)
        if cache_dir() is not None:
            _fresh.setdefault(group, set()).add(key)
            _new[group] = _new.get(group, 0) + 1
            if not _hooked:
                _hooked = True
                atexit.register(save)
    entries[key] = pat
    return pat


def save() -> int:
    """Write the sets this process added to (each merged with its file as it is now); the
    number of files written.  Errors are swallowed: the cache only saves time."""
    from factcheck.fsutil import write_through

    wrote = 0
    for group, n in list(_new.items()):
        path = cache_file(group)
        if not n or path is None:
            continue
        merged = _read_raw(path)
        entries = _entries[group]
        for key in _fresh.get(group, ()):
            merged[key] = pickle.dumps(entries[key], protocol=pickle.HIGHEST_PROTOCOL)
        data = pickle.dumps(merged, protocol=pickle.HIGHEST_PROTOCOL)
        if len(data) > _KEEP_BYTES:
            used = _used.get(group, ())
            data = pickle.dumps({k: v for k, v in merged.items() if k in used}, protocol=pickle.HIGHEST_PROTOCOL)
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            write_through(path, data, durable=False)
        except Exception:
            continue
        _new[group] = 0
        _fresh.pop(group, None)
        wrote += 1
    return wrote


def _reset_for_tests() -> None:
    _raw.clear()
    _fresh.clear()
    _entries.clear()
    _new.clear()
    _used.clear()
