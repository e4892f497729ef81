"""Where rule packs and data files live, in a source checkout and after a normal install."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

try:  # the C module itself: hashlib would import OpenSSL's bindings too
    from _blake2 import blake2b
except ImportError:  # pragma: no cover - another Python
    from hashlib import blake2b


@lru_cache(maxsize=None)
def builtin_rules_dir() -> Path:
    here = Path(__file__).resolve().parent
    installed = here / "_rules"
    if installed.is_dir():
        return installed
    checkout = here.parent / "rules"
    if checkout.is_dir():
        return checkout
    try:  # a package installed some other way
        from importlib.resources import files

        return Path(str(files("factcheck._rules")))
    except Exception:  # pragma: no cover - reported by the caller
        return checkout


class DataFileError(ValueError):
    """A rule names a data file it may not read, or one that cannot be read; one line."""


def data_path(lang: str, relpath: str) -> Path:
    """rules/<lang>/<relpath> of the built-in pack, refused when it would leave the rule
    directory (an absolute path, '..', a link pointing outside): a rule file, which a
    pull request may add, never makes factcheck open any other file on the machine."""
    root = (builtin_rules_dir() / lang).resolve()
    rel = Path(relpath)
    if rel.is_absolute() or rel.drive or ".." in rel.parts:
        raise DataFileError(f"data file {relpath!r} is outside the rule directory rules/{lang}/")
    path = (root / rel).resolve()
    if path != root and root not in path.parents:
        raise DataFileError(f"data file {relpath!r} is outside the rule directory rules/{lang}/")
    return path


@lru_cache(maxsize=None)
def load_data(lang: str, relpath: str):
    """A data file (lexicon, grammar) of the built-in pack: rules/<lang>/<relpath>.

    Read from the snapshot of the pack's data files (`snapshot_value`) when it holds this
    file as it is now; otherwise (a file edited since the snapshot was built) parsed."""
    from factcheck.inputs import one_line

    path = data_path(lang, relpath)
    found, value = snapshot_value(lang, path)
    if found:
        return value
    import yaml  # only here: a plain check reads the snapshot

    try:
        with open(path, encoding="utf-8") as f:
            return yaml.load(f, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    except yaml.MarkedYAMLError as e:
        mark = e.problem_mark or e.context_mark
        where = f":{mark.line + 1}:{mark.column + 1}" if mark else ""
        raise DataFileError(one_line(f"rules/{lang}/{relpath}{where}: invalid YAML: {e.problem or e.context}")) from None
    except yaml.YAMLError as e:
        raise DataFileError(one_line(f"rules/{lang}/{relpath}: invalid YAML: {e}")) from None
    except UnicodeDecodeError:
        raise DataFileError(f"rules/{lang}/{relpath}: not UTF-8") from None


# ---------------------------------------------------------------- the data snapshot
#
# factcheck/data/rule_data_<lang>.marshal: the value the safe YAML loader gives for each
# data file of rules/<lang>/ (the files below rules/<lang>/<category>/<dir>/, not the rule
# files), with a digest of the file's bytes, written by scripts/build_rule_data.py.  A
# cold run reads a few hundred kilobytes of marshal data (a millisecond or two) instead
# of constructing the grammars and lexicons from YAML (tens of milliseconds); a file
# whose bytes no longer match its digest (edited since) is parsed as before.  The file
# is package data, built from the YAML by the safe loader, and holds only plain values
# (dicts, lists, strings, numbers, booleans, None; the build checks it).

SNAPSHOT_MAGIC = "factcheck rule data 1"


def snapshot_path(lang: str) -> Path:
    return Path(__file__).resolve().parent / "data" / f"rule_data_{lang}.marshal"


def data_digest(raw: bytes) -> bytes:
    return blake2b(raw, digest_size=16).digest()


def _read_marshal(path: Path, magic: str, key: str) -> dict:
    """The dict under `key` of a marshal file of ours (its `magic`); {} when there is none."""
    import marshal

    try:
        data = marshal.loads(path.read_bytes())
    except (OSError, ValueError, EOFError, TypeError):
        return {}
    if not isinstance(data, dict) or data.get("magic") != magic or not isinstance(data.get(key), dict):
        return {}
    return data[key]


@lru_cache(maxsize=None)
def _snapshot(lang: str) -> dict:
    """{path relative to rules/<lang>/ (posix): (digest, value)}; {} when there is none."""
    return _read_marshal(snapshot_path(lang), SNAPSHOT_MAGIC, "files")


def snapshot_value(lang: str, path: Path) -> tuple[bool, object]:
    """(True, the file's value) when the snapshot holds `path` (a resolved file of
    rules/<lang>/) with the digest of its bytes now; (False, None) otherwise."""
    files = _snapshot(lang)
    if not files:
        return False, None
    try:
        rel = path.relative_to((builtin_rules_dir() / lang).resolve()).as_posix()
    except ValueError:
        return False, None
    entry = files.get(rel)
    if entry is None:
        return False, None
    try:
        raw = path.read_bytes()
    except OSError:
        return False, None
    if data_digest(raw) != entry[0]:
        return False, None
    return True, entry[1]


def data_files(lang: str) -> list[Path]:
    """The data files of rules/<lang>/: YAML files below rules/<lang>/<category>/<dir>/."""
    root = builtin_rules_dir() / lang
    return sorted(p for p in root.glob("*/*/**/*") if p.suffix in (".yaml", ".yml") and p.is_file())


def build_snapshot(lang: str) -> Path:
    """Write rule_data_<lang>.marshal from the data files of rules/<lang>/ (scripts/build_rule_data.py)."""
    import marshal

    import yaml

    root = (builtin_rules_dir() / lang).resolve()
    files = {}
    for p in data_files(lang):
        raw = p.read_bytes()
        value = yaml.load(raw.decode("utf-8"), Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
        _check_plain(value, p)
        if marshal.loads(marshal.dumps(value, 4)) != value:
            raise ValueError(f"{p}: does not survive marshal")
        files[p.resolve().relative_to(root).as_posix()] = (data_digest(raw), value)
    out = snapshot_path(lang)
    if write_marshal(out, {"magic": SNAPSHOT_MAGIC, "files": files}):
        _snapshot.cache_clear()
    return out


def _check_plain(v, where) -> None:
    if v is None or type(v) in (str, int, float, bool):
        return
    if type(v) is list:
        for x in v:
            _check_plain(x, where)
    elif type(v) is dict:
        for k, x in v.items():
            _check_plain(k, where)
            _check_plain(x, where)
    else:
        raise ValueError(f"{where}: a {type(v).__name__} value; the snapshot holds plain values only")


# ---------------------------------------------------------------- built values
#
# factcheck/data/built_<lang>.marshal: values that code builds from the pack's data files
# (the date grammar: tries of spellings, expressions, start tables), each filed under a
# digest of everything it was built from: the bytes of the data files it read and of the
# source files of the code that built it.  A cold run that finds its entry with the digest
# of the files as they are now reads the value (a millisecond) instead of building it
# (the Arabic date grammar: about 35 ms of a 0.4 s cold check); otherwise the code builds
# it as before.  Written by scripts/build_rule_data.py next to the data snapshot; package
# data, plain values only (marshal: dicts, lists, tuples, sets, strings, numbers).

BUILT_MAGIC = "factcheck built values 1"


def built_path(lang: str) -> Path:
    return Path(__file__).resolve().parent / "data" / f"built_{lang}.marshal"


@lru_cache(maxsize=None)
def _built(lang: str) -> dict:
    """{name: (digest, value)}; {} when there is no file or it is not ours."""
    return _read_marshal(built_path(lang), BUILT_MAGIC, "values")


def inputs_digest(lang: str, data_relpaths, sources, extra: str = "") -> bytes | None:
    """The digest a built value is filed under: the bytes of its data files (rules/<lang>/...)
    and of its source files (paths), in order, and `extra` (a library's version); None when
    one cannot be read."""
    h = blake2b(extra.encode("utf-8"), digest_size=16)
    try:
        for rel in data_relpaths:
            raw = data_path(lang, rel).read_bytes()
            h.update(len(raw).to_bytes(8, "little") + raw)
        for src in sources:
            raw = Path(src).read_bytes()
            h.update(len(raw).to_bytes(8, "little") + raw)
    except (OSError, DataFileError):
        return None
    return h.digest()


def built_value(lang: str, name: str, digest: bytes | None) -> tuple[bool, object]:
    """(True, value) when the built file holds `name` under `digest`; (False, None) otherwise."""
    if digest is None:
        return False, None
    entry = _built(lang).get(name)
    if not isinstance(entry, tuple) or len(entry) != 2 or entry[0] != digest:
        return False, None
    return True, entry[1]


def write_built(lang: str, values: dict) -> Path:
    """Write built_<lang>.marshal: values is {name: (digest, plain value)} (scripts/build_rule_data.py)."""
    import marshal

    for name, (digest, value) in values.items():
        if marshal.loads(marshal.dumps(value, 4)) != value:
            raise ValueError(f"built value {name!r} ({lang}) does not survive marshal")
    out = built_path(lang)
    if write_marshal(out, {"magic": BUILT_MAGIC, "values": values}):
        _built.cache_clear()
    return out


def write_marshal(path: Path, doc) -> bool:
    """Write `doc` to `path` as marshal data through a temporary file renamed over it, unless
    the file already reads the same (marshal's bytes hang on which equal strings are one
    object: a rebuild under another hash seed would rewrite an unchanged file).  True when
    written."""
    import marshal

    try:
        if marshal.loads(path.read_bytes()) == doc:
            return False
    except (OSError, ValueError, EOFError, TypeError):
        pass
    tmp = path.with_suffix(".tmp")
    tmp.write_bytes(marshal.dumps(doc, 4))
    tmp.replace(path)
    return True
