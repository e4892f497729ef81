"""A result cache for `factcheck check`: one JSON file per article result, so that a
re-run over unchanged articles costs a read and a hash per file.

The key of a file's result is the SHA-256 of:
- the file's bytes and its suffix (which decides how it is parsed);
- the effective settings for that file: the config's select, ignore, severity
  and default language after overrides, and the --select/--ignore/--lang/
  --published flags (and $FACTCHECK_UDPIPE_BACKEND);
- the rules: the content of every file in the built-in rule pack and in each
  configured rules_dirs;
- the code: factcheck's version, the content of its Python modules and data
  files, the Python version and the versions of the libraries that shape
  results (regex, dateparser, hijridate, spacy, spacy-udpipe, ufal.udpipe,
  rapidfuzz, PyYAML);
- the models: each shipped or configured UDPipe model by path, size and
  modification time (not content: models are large and are replaced, not
  edited in place).

Entries live in <dir>/v1/<2 hex>/<62 hex>.json, written to a temporary file and
renamed into place, so concurrent runs (--jobs, pre-commit's parallel batches)
never see half a file.  The total size is bounded: after a run that wrote,
the least recently used entries are removed until the cache is under 80 % of
its limit (FACTCHECK_CACHE_MAX_MB, default 200).  Results are stored only when
the run had no rule errors and the file no errors, and are checked against the
file's decoded text when read back."""

from __future__ import annotations

import dataclasses
import hashlib
import json
import os
import re
import sys
import time
from functools import lru_cache
from pathlib import Path

from factcheck.atomicio import write_atomic

FORMAT = 1
DEFAULT_DIR = ".factcheck_cache"
DEFAULT_MAX_MB = 200
_LIBS = ("regex", "dateparser", "hijridate", "spacy", "spacy-udpipe", "ufal.udpipe", "rapidfuzz", "PyYAML")
_NOT_STORED = ("path", "source", "doc")


def _sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _hash_tree(root: Path, h, suffixes: tuple[str, ...] | None = None) -> None:
    if not root.is_dir():
        h.update(f"missing:{root}".encode())
        return
    for p in sorted(root.rglob("*")):
        if not p.is_file() or "__pycache__" in p.parts:
            continue
        if suffixes and p.suffix not in suffixes:
            continue
        rel = p.relative_to(root).as_posix()
        if p.suffix == ".udpipe":  # models: path, size and mtime, not content
            st = p.stat()
            h.update(f"{rel}:{st.st_size}:{st.st_mtime_ns}\n".encode())
        else:
            h.update(f"{rel}:".encode())
            h.update(_sha(p.read_bytes()).encode())
            h.update(b"\n")


@lru_cache(maxsize=None)
def code_fingerprint() -> str:
    """factcheck's version, code, data and shipped models, Python and library versions."""
    import factcheck
    from factcheck.resources import builtin_rules_dir

    h = hashlib.sha256(f"format {FORMAT}; factcheck {factcheck.__version__}; python {sys.version_info[:2]}".encode())
    versions = _dist_versions(_LIBS)
    for lib in _LIBS:
        h.update(f"; {lib} {versions.get(_canon(lib), '-')}".encode())
    pkg = Path(factcheck.__file__).resolve().parent
    _hash_tree(pkg, h, (".py", ".udpipe", ".json", ".yaml", ".yml", ".txt", ".tsv", ".csv", ".gz", ".bin"))
    _hash_tree(builtin_rules_dir(), h)
    return h.hexdigest()


@lru_cache(maxsize=64)
def rules_dirs_fingerprint(dirs: tuple[str, ...]) -> str:
    h = hashlib.sha256()
    for d in dirs:
        h.update(f"dir {d}\n".encode())
        _hash_tree(Path(d), h)
    return h.hexdigest()


def _canon(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def _dist_versions(names) -> dict[str, str]:
    """Installed versions read from the *.dist-info folder names on sys.path (one
    listdir per entry; importlib.metadata takes a tenth of a second for this)."""
    want = {_canon(n) for n in names}
    found: dict[str, str] = {}
    for d in sys.path:
        try:
            entries = os.listdir(d or ".")
        except OSError:
            continue
        for e in entries:
            if e.endswith((".dist-info", ".egg-info")):
                name, _, ver = e.rsplit(".", 1)[0].partition("-")
                c = _canon(name)
                if c in want and c not in found:
                    found[c] = ver
    return found


def _model_stamp(path: str) -> str:
    try:
        st = os.stat(path)
    except OSError:
        return f"{path}:missing"
    return f"{os.path.abspath(path)}:{st.st_size}:{st.st_mtime_ns}"


class Cache:
    def __init__(self, root: Path | str, max_bytes: int | None = None):
        self.root = Path(root)
        self.dir = self.root / f"v{FORMAT}"
        if max_bytes is None:
            try:
                max_bytes = int(float(os.environ.get("FACTCHECK_CACHE_MAX_MB", DEFAULT_MAX_MB)) * 1024 * 1024)
            except ValueError:
                max_bytes = DEFAULT_MAX_MB * 1024 * 1024
        self.max_bytes = max_bytes
        self.hits = self.misses = self.writes = 0
        self._pristine: dict[int, tuple] = {}
        self._static: dict[int, str] = {}
        self._cfg_by_dir: dict[str, object] = {}
        self._ok = True

    # ------------------------------------------------------------ keys

    def _settings(self, run, cfg, display: str):
        """The config's effective settings for this file, as read before the engine
        merged the command-line flags into the config object (the flags are keyed
        separately), so that the key is the same on a cold and a warm run."""
        snap = self._pristine.get(id(cfg))
        if snap is None:
            pristine = dataclasses.replace(cfg, select=list(cfg.select), ignore=list(cfg.ignore),
                                           severity=dict(cfg.severity))
            fixed = None if cfg.overrides else self._settings_of(pristine, display)
            snap = self._pristine[id(cfg)] = (cfg, pristine, fixed)
        if snap[2] is not None:  # no overrides: the same for every file
            return snap[2]
        return self._settings_of(snap[1], display)

    @staticmethod
    def _settings_of(cfg, display):
        select, ignore, severity, language = cfg.for_path(display)
        return [select, ignore, sorted(severity.items()), language]

    def key(self, run, path: Path, display: str, raw: bytes) -> str:
        cfg = self._config(run, path)
        static = self._static.get(id(cfg))
        if static is None:
            analysis = {lang: _model_stamp(str(v.get("model"))) for lang, v in sorted((cfg.analysis or {}).items())
                        if isinstance(v, dict) and v.get("model")}
            static = self._static[id(cfg)] = _sha(json.dumps({
                "code": code_fingerprint(),
                "rules": rules_dirs_fingerprint(tuple(cfg.rules_dirs)),
                "flags": [list(run.select or ()), list(run.ignore or ()), run.lang,
                          run.published.isoformat() if run.published else None,
                          os.environ.get("FACTCHECK_UDPIPE_BACKEND")],
                "analysis": analysis}, sort_keys=True).encode())
        settings = json.dumps(self._settings(run, cfg, display))
        return _sha(f"{static}\n{settings}\n{Path(display).suffix.lower()}\n{_sha(raw)}".encode())

    def _config(self, run, path: Path):
        """run.config_for, remembered per folder (the lookup walks up the tree)."""
        d = os.path.dirname(os.path.abspath(path))
        cfg = self._cfg_by_dir.get(d)
        if cfg is None:
            cfg = self._cfg_by_dir[d] = run.config_for(path)
        return cfg

    def _file(self, key: str) -> Path:
        return self.dir / key[:2] / (key[2:] + ".json")

    # ------------------------------------------------------------ read / write

    def lookup(self, run, path: Path, display: str):
        """(report or None, ticket): the ticket lets `store` file the result of this
        very content under this key.  Raises InputError as reading the file would."""
        from factcheck.document import decode, read_bytes

        raw = read_bytes(path)
        key = self.key(run, path, display, raw)
        f = self._file(key)
        try:
            data = json.loads(f.read_text(encoding="utf-8"))
        except FileNotFoundError:
            self.misses += 1
            return None, (key, _sha(raw))
        except (OSError, ValueError):
            self.misses += 1
            return None, (key, _sha(raw))
        try:
            source = decode(raw)
            if data.get("key") != key or data.get("source_sha") != _sha(source.encode("utf-8")):
                raise ValueError("stale")
            rep = _report_from(data["report"], display, source)
        except Exception:  # anything odd in an entry is a miss, never a wrong result
            self.misses += 1
            return None, (key, _sha(raw))
        try:
            os.utime(f)  # least recently used goes first when pruning
        except OSError:
            pass
        self.hits += 1
        return rep, None

    def store(self, ticket, rep, run=None) -> None:
        if ticket is None or not self._ok or rep.errors or (run is not None and run.rule_errors):
            return
        key, raw_sha = ticket
        payload = _report_to(rep)
        if payload is None:
            return
        data = {"key": key, "source_sha": _sha(rep.source.encode("utf-8")), "report": payload}
        try:
            self._write(self._file(key), json.dumps(data, ensure_ascii=False, separators=(",", ":")))
        except OSError:
            self._ok = False  # a read-only or full disk: go on without a cache
            return
        self.writes += 1

    def _write(self, target: Path, text: str) -> None:
        if not self.root.is_dir():
            self.root.mkdir(parents=True, exist_ok=True)
            for name, content in ((".gitignore", "# created by factcheck\n*\n"),
                                  ("CACHEDIR.TAG", "Signature: 8a477f597d28d172789f06886806bc55\n"
                                                   "# factcheck's result cache; see docs/ci.md\n")):
                try:
                    with open(self.root / name, "x", encoding="utf-8") as fh:
                        fh.write(content)
                except FileExistsError:
                    pass
        target.parent.mkdir(parents=True, exist_ok=True)
        write_atomic(target, text.encode("utf-8"), fsync=False)  # a cache: a lost entry is only a miss

    def prune(self) -> int:
        """Remove least recently used entries while over the limit; returns how many."""
        if not self.dir.is_dir():
            return 0
        entries, total = [], 0
        for sub in os.scandir(self.dir):
            if not sub.is_dir():
                continue
            for e in os.scandir(sub.path):
                try:
                    st = e.stat()
                except OSError:
                    continue
                if e.name.endswith(".tmp"):  # being written, or left by a killed run
                    if st.st_mtime < time.time() - 3600:
                        try:
                            os.unlink(e.path)
                        except OSError:
                            pass
                    continue
                entries.append((st.st_mtime_ns, st.st_size, e.path))
                total += st.st_size
        if total <= self.max_bytes:
            return 0
        removed = 0
        goal = int(self.max_bytes * 0.8)
        for _, size, p in sorted(entries):
            if total <= goal:
                break
            try:
                os.unlink(p)
            except OSError:
                continue
            total -= size
            removed += 1
        return removed


def _report_to(rep) -> dict | None:
    out = {}
    for fld in dataclasses.fields(rep):
        if fld.name in _NOT_STORED:
            continue
        v = getattr(rep, fld.name)
        if fld.name == "findings":
            v = [_finding_to(f) for f in v]
        out[fld.name] = v
    try:
        json.dumps(out)
    except (TypeError, ValueError):
        return None  # something the cache cannot keep faithfully: do not keep it
    return out


def _finding_to(f) -> dict:
    d = {k: getattr(f, k) for k in ("rule", "category", "severity", "message", "start", "end", "text")}
    if f.fix is not None:
        d["fix"] = {"applicability": f.fix.applicability,
                    "edits": [[e.start, e.end, e.replacement] for e in f.fix.edits]}
    return d


def _report_from(data: dict, display: str, source: str):
    from factcheck.engine import FileReport
    from factcheck.model import Edit, Finding, Fix

    kw = dict(data)
    findings = []
    for d in kw.pop("findings", []):
        fix = None
        if d.get("fix"):
            fix = Fix(d["fix"]["applicability"], tuple(Edit(s, e, r) for s, e, r in d["fix"]["edits"]))
        findings.append(Finding(d["rule"], d["category"], d["severity"], d["message"], d["start"], d["end"],
                                d["text"], fix))
    known = {f.name for f in dataclasses.fields(FileReport)}
    if set(kw) - known:
        raise ValueError("entry has fields this version does not know")
    return FileReport(path=display, source=source, findings=findings, **kw)
