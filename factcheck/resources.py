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


@lru_cache(maxsize=None)
def load_data(lang: str, relpath: str):
    """A data file (lexicon, grammar) of the built-in pack: rules/<lang>/<relpath>."""
    path = builtin_rules_dir() / lang / relpath
    with open(path, encoding="utf-8") as f:
        return yaml.load(f, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
