"""Where rule packs and data files live, in a source checkout and after a normal install."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import yaml


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
    """A data file (lexicon, grammar) of the built-in pack: rules/<lang>/<relpath>."""
    from factcheck.inputs import one_line

    path = data_path(lang, relpath)
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
