"""A result cache for `factcheck check`: each article's result is kept, so that a
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
- the models: the content of each shipped or configured UDPipe model.

Every digest of a file's content is remembered with the file's size and
modification time (digests.json beside the database), so a file is hashed again
only when it changed or is new to the cache: a run stats some 120 files instead
of reading 7 MB, and a fresh install or checkout (new dates, same content) still
finds its entries.

Entries live in one SQLite database, <dir>/v1.sqlite (the standard library's
sqlite3; write-ahead log): writes go in transactions of up to 200 entries, so a
reader never sees half an entry and concurrent runs (--jobs, pre-commit's
parallel batches, two CI jobs) wait for each other's writes instead of mixing
them; one file per entry cost 3 ms of file creation each on this project's
machines, a transaction of 200 about as much in all.  The size is bounded:
after a run that wrote, the least recently used entries are removed until the
entries take less than 80 % of the limit (FACTCHECK_CACHE_MAX_MB, default 200)
and the freed pages are returned to the file system.  Results are stored only
when the run had no rule errors and the file no errors, and are checked against the
file's decoded text when read back."""

from __future__ import annotations

import dataclasses
import json
import os
import re
import sys
import time
from pathlib import Path

from factcheck.fsutil import WriteError, write_through

try:  # the C module itself (Python 3.12 on: _sha2): hashlib would load OpenSSL's bindings, 13 ms of a cold run
    from _sha2 import sha256
except ImportError:  # pragma: no cover - Python 3.11, or another Python
    try:
        from _sha256 import sha256
    except ImportError:
        from hashlib import sha256

FORMAT = 1
DEFAULT_DIR = ".factcheck_cache"
DEFAULT_MAX_MB = 200
BATCH = 200  # entries a transaction
_LIBS = ("regex", "dateparser", "hijridate", "spacy", "spacy-udpipe", "ufal.udpipe", "rapidfuzz", "PyYAML")
_NOT_STORED = ("path", "source", "doc", "raw_source")


def _sha(data: bytes) -> str:
    return sha256(data).hexdigest()


class Digests:
    """SHA-256 of files' content, remembered by path, size and modification time in
    <cache>/digests.json: a file is read and hashed again only when it changed or is
    new to this cache (a fresh install, a fresh checkout), so that the key of every
    run is made of content, not of file dates, at the cost of a stat per file."""

    def __init__(self, path: Path | None = None):
        self.path = path
        self.memo: dict[str, list] = {}
        self.seen: dict[str, list] = {}
        self.dirty = False
        if path is not None:
            try:
                data = json.loads(path.read_text(encoding="utf-8"))
                if isinstance(data, dict):
                    self.memo = data
            except (OSError, ValueError):
                pass

    def of(self, p: Path) -> str:
        st = p.stat()
        key = str(p)
        m = self.memo.get(key)
        if not (isinstance(m, list) and len(m) == 3 and m[0] == st.st_size and m[1] == st.st_mtime_ns):
            m = [st.st_size, st.st_mtime_ns, _sha(p.read_bytes())]
            self.dirty = True
        self.seen[key] = m
        return m[2]

    def save(self) -> None:
        if self.dirty and self.path is not None and self.path.parent.is_dir():
            try:
                write_through(self.path, json.dumps(self.seen).encode("utf-8"), durable=False)
            except (OSError, WriteError):
                pass
            self.dirty = False


def _hash_tree(root: Path, h, digests: Digests, suffixes: tuple[str, ...] | None = None) -> None:
    if not root.is_dir():
        h.update(f"missing:{root}".encode())
        return
    for p in sorted(root.rglob("*")):
        if "__pycache__" in p.parts or (suffixes and p.suffix not in suffixes) or not p.is_file():
            continue
        h.update(f"{p.relative_to(root).as_posix()}:{digests.of(p)}\n".encode())


def code_fingerprint(digests: Digests) -> str:
    """factcheck's version, the content of its code, data, shipped models and rule
    pack, the Python version and the versions of the libraries that shape results."""
    import factcheck
    from factcheck.resources import builtin_rules_dir

    h = sha256(f"format {FORMAT}; factcheck {factcheck.__version__}; python {sys.version_info[:2]}".encode())
    versions = _dist_versions(_LIBS)
    for lib in _LIBS:
        h.update(f"; {lib} {versions.get(_canon(lib), '-')}".encode())
    pkg = Path(factcheck.__file__).resolve().parent
    _hash_tree(pkg, h, digests, (".py", ".udpipe", ".json", ".yaml", ".yml", ".txt", ".tsv", ".csv", ".gz", ".bin"))
    _hash_tree(builtin_rules_dir(), h, digests)
    return h.hexdigest()


def rules_dirs_fingerprint(dirs: tuple[str, ...], digests: Digests) -> str:
    h = sha256()
    for d in dirs:
        h.update(f"dir {d}\n".encode())
        _hash_tree(Path(d), h, digests)
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


def _model_stamp(path: str, digests: Digests) -> str:
    try:
        return f"{os.path.abspath(path)}:{digests.of(Path(path))}"
    except OSError:
        return f"{path}:missing"


class Cache:
    def __init__(self, root: Path | str, max_bytes: int | None = None):
        self.root = Path(root)
        self.db_path = self.root / f"v{FORMAT}.sqlite"
        if max_bytes is None:
            try:
                max_bytes = int(float(os.environ.get("FACTCHECK_CACHE_MAX_MB", DEFAULT_MAX_MB)) * 1024 * 1024)
            except ValueError:
                max_bytes = DEFAULT_MAX_MB * 1024 * 1024
        self.max_bytes = max_bytes
        self.hits = self.misses = self.writes = 0
        self._pristine: dict[int, tuple] = {}
        self._static: dict[int, str] = {}
        self._db = None
        self._code: str | None = None
        self.digests = Digests(self.root / "digests.json")
        self._pending: list[tuple] = []
        self._used: list[str] = []
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
            if self._code is None:
                self._code = code_fingerprint(self.digests)
            analysis = {lang: _model_stamp(str(v.get("model")), self.digests)
                        for lang, v in sorted((cfg.analysis or {}).items()) if isinstance(v, dict) and v.get("model")}
            static = self._static[id(cfg)] = _sha(json.dumps({
                "code": self._code,
                "rules": rules_dirs_fingerprint(tuple(cfg.rules_dirs), self.digests),
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

    # ------------------------------------------------------------ the database

    def _connect(self, create: bool):
        """The database, opened once; None when there is none (and `create` is
        false) or it cannot be used: then the run goes on without a cache."""
        if self._db is not None or not self._ok:
            return self._db
        if not create and not self.db_path.is_file():
            return None
        import sqlite3

        for attempt in (1, 2):
            try:
                if create:
                    self._prepare_root()
                db = sqlite3.connect(str(self.db_path), timeout=60, isolation_level=None)
                db.execute("PRAGMA auto_vacuum=INCREMENTAL")  # takes effect in a new database only
                db.execute("PRAGMA journal_mode=WAL")
                db.execute("PRAGMA synchronous=NORMAL")
                db.execute("CREATE TABLE IF NOT EXISTS entries (key TEXT PRIMARY KEY, data TEXT NOT NULL, "
                           "size INTEGER NOT NULL, used REAL NOT NULL)")
                self._db = db
                return db
            except sqlite3.OperationalError:  # locked for a minute, read-only, no room: no cache this run
                self._ok = False
            except sqlite3.DatabaseError:
                if attempt == 1 and self.db_path.is_file():  # not a database (any more): start afresh
                    for suffix in ("", "-wal", "-shm"):
                        try:
                            os.unlink(str(self.db_path) + suffix)
                        except OSError:
                            pass
                    continue
                self._ok = False
            except (sqlite3.Error, OSError):
                self._ok = False
            return None
        return None

    def _prepare_root(self) -> None:
        self.root.mkdir(parents=True, exist_ok=True)
        for name, content in ((".gitignore", "# created by factcheck\n*\n"),
                              ("CACHEDIR.TAG", "Signature: 8a477f597d28d172789f06886806bc55\n"
                                               "# factcheck's result cache; see docs/ci.md\n")):
            try:
                with open(self.root / name, "x", encoding="utf-8") as fh:
                    fh.write(content)
            except FileExistsError:
                pass

    def _read(self, key: str) -> str | None:
        import sqlite3

        db = self._connect(create=False)
        if db is None:
            return None
        try:
            row = db.execute("SELECT data FROM entries WHERE key = ?", (key,)).fetchone()
        except sqlite3.Error:
            return None
        return row[0] if row else None

    # ------------------------------------------------------------ read / write

    def lookup(self, run, path: Path, display: str):
        """(report or None, ticket): the ticket lets `store` file the result of this
        very content under this key.  Raises InputError as reading the file would."""
        from factcheck.document import decode, raw_source, read_bytes

        raw = read_bytes(path)
        key = self.key(run, path, display, raw)
        text = self._read(key)
        if text is not None:
            try:
                data = json.loads(text)
                source = decode(raw)
                if data.get("key") != key or data.get("source_sha") != _sha(source.encode("utf-8")):
                    raise ValueError("stale")
                rep = _report_from(data["report"], display, source)
                rep.raw_source = raw_source(raw)
            except Exception:  # anything odd in an entry is a miss, never a wrong result
                rep = None
            if rep is not None:
                self.hits += 1
                self._used.append(key)
                return rep, None
        self.misses += 1
        return None, (key, _sha(raw))

    def store(self, ticket, rep, run=None) -> None:
        if ticket is None or not self._ok or rep.errors or (run is not None and run.rule_errors):
            return
        key, raw_sha = ticket
        data = {"key": key, "source_sha": _sha(rep.source.encode("utf-8")), "report": _report_to(rep)}
        try:
            text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
        except (TypeError, ValueError):
            return  # something the cache cannot keep faithfully: do not keep it
        self._pending.append((key, text, len(text.encode("utf-8"))))
        if len(self._pending) >= BATCH:
            self._flush()

    def _flush(self) -> None:
        import sqlite3

        if not self._pending:
            return
        rows, self._pending = self._pending, []
        db = self._connect(create=True)
        if db is None:
            return
        now = time.time()
        try:
            db.execute("BEGIN IMMEDIATE")
            db.executemany("INSERT OR REPLACE INTO entries (key, data, size, used) VALUES (?, ?, ?, ?)",
                           [(k, t, n, now) for k, t, n in rows])
            db.execute("COMMIT")
            self.writes += len(rows)
        except sqlite3.Error:
            self._rollback()
            self._ok = False  # a read-only or full disk, a lock held too long: go on without a cache

    def _rollback(self) -> None:
        try:
            self._db.execute("ROLLBACK")
        except Exception:
            pass

    def close(self) -> None:
        """Write what is pending, mark the entries read as used, prune; then close."""
        import sqlite3

        self._flush()
        self.digests.save()
        db = self._db
        if db is None:
            return
        try:
            if self._used:
                db.execute("BEGIN IMMEDIATE")
                now = time.time()
                db.executemany("UPDATE entries SET used = ? WHERE key = ?", [(now, k) for k in self._used])
                db.execute("COMMIT")
                self._used = []
            if self.writes:
                self.prune()
        except sqlite3.Error:
            self._rollback()
        finally:
            try:
                db.close()
            except sqlite3.Error:
                pass
            self._db = None

    def prune(self) -> int:
        """Remove least recently used entries while over the limit; returns how many."""
        db = self._connect(create=False)
        if db is None:
            return 0
        total = db.execute("SELECT COALESCE(SUM(size), 0) FROM entries").fetchone()[0]
        if total <= self.max_bytes:
            return 0
        goal = int(self.max_bytes * 0.8)
        drop = []
        for key, size in db.execute("SELECT key, size FROM entries ORDER BY used"):
            if total <= goal:
                break
            drop.append((key,))
            total -= size
        db.execute("BEGIN IMMEDIATE")
        db.executemany("DELETE FROM entries WHERE key = ?", drop)
        db.execute("COMMIT")
        # every freed page back to the file system: execute() steps the pragma once (one page);
        # executescript() runs it to the end
        db.executescript("PRAGMA incremental_vacuum;")
        db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        return len(drop)


def _report_to(rep) -> dict:
    out = {}
    for fld in dataclasses.fields(rep):
        if fld.name in _NOT_STORED:
            continue
        v = getattr(rep, fld.name)
        out[fld.name] = [_finding_to(f) for f in v] if fld.name == "findings" else v
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
