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
* **What it trusts.** The file is read with an unpickler that resolves one name,
  `regex._regex.compile`, and nothing else, so a file that names any other callable is
  refused, not run.  Every pattern read back must carry the source it is filed under.  A
  file that cannot be read, or fails either check, is ignored whole and written again.
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

FORMAT = 1
_MAX_BYTES = 32 * 1024 * 1024  # a file larger than this is not ours: ignore it
# a file past this size keeps only what this process used: the expressions of grammars
# edited since (a development checkout, an upgrade) do not pile up for ever
_KEEP_BYTES = 8 * 1024 * 1024

_entries: dict[str, dict] = {}  # set -> {(source, flags): compiled pattern}, once loaded
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


def _read(path: Path | None) -> dict:
    """The entries of the file at `path`; {} when it is missing, unreadable or not ours."""
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
    out = {}
    for key, pat in got.items():
        if not (isinstance(key, tuple) and len(key) == 2 and isinstance(key[0], str) and isinstance(key[1], int)):
            return {}
        # the source it is filed under, and at least the flags asked for (regex adds its own)
        if not isinstance(pat, regex.Pattern) or pat.pattern != key[0] or pat.flags & key[1] != key[1]:
            return {}
        out[key] = pat
    return out


def compile(source: str, flags: int = 0, group: str = "misc"):
    """`regex.compile(source, flags)`, from the cache file of `group` when it has it."""
    global _hooked
    key = (source, int(flags))
    entries = _entries.get(group)
    if entries is None:
        entries = _entries[group] = _read(cache_file(group))
    _used.setdefault(group, set()).add(key)
    pat = entries.get(key)
    if pat is None:
        pat = entries[key] = regex.compile(source, flags)
        if cache_dir() is not None:
            _new[group] = _new.get(group, 0) + 1
            if not _hooked:
                _hooked = True
                atexit.register(save)
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
        merged = _read(path)
        merged.update(_entries[group])
        data = pickle.dumps(merged, protocol=pickle.HIGHEST_PROTOCOL)
        if len(data) > _KEEP_BYTES:
            data = pickle.dumps({k: _entries[group][k] for k in _used.get(group, ())}, protocol=pickle.HIGHEST_PROTOCOL)
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            write_through(path, data, durable=False)
        except Exception:
            continue
        _new[group] = 0
        wrote += 1
    return wrote


def _reset_for_tests() -> None:
    _entries.clear()
    _new.clear()
    _used.clear()
