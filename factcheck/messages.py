"""Message templates of rules: `str.format` fields over the arguments a kind gives a
finding, and the plural forms of a count written in the template itself.

* ``{name}``: the argument as it is; an argument the kind did not give stays as written
  (``{name}``), so a template never fails on a missing field.
* ``{count:one|two|few|many}``: an Arabic count with its noun in the form the number
  takes (`langs.ar_counted`): ``{count:مرة واحدة|مرتين|مرات|مرة}`` gives «مرة واحدة»,
  «مرتين», «3 مرات», «11 مرة», «100 مرة».
* ``{count:one|other}``: ``{count:time|times}`` gives "1 time", "3 times".

Every integer argument takes these forms; any other format spec is the number's own
(``{count:,}``).  `check` finds a bad plural spec when a rule is loaded, so a template
that passed it renders."""

from __future__ import annotations

import string
from functools import lru_cache

from factcheck.langs import ar_counted

__all__ = ["Count", "render", "check"]


class Count(int):
    """An integer argument of a message: formats with its plural forms (module doc)."""

    def __format__(self, spec: str) -> str:
        if "|" not in spec:
            return int.__format__(int(self), spec)
        forms = spec.split("|")
        n = int(self)
        if len(forms) == 4:
            return ar_counted(n, *forms)
        if len(forms) == 2:
            return f"{n} {forms[0] if n == 1 else forms[1]}"
        raise ValueError(f"a count takes 2 forms (one|other) or 4 (one|two|few|many), not {len(forms)}: {spec!r}")


class _Args(dict):
    def __missing__(self, key):
        return "{" + key + "}"


def render(template: str, args: dict) -> str:
    """The template with the arguments put in (module doc).  A template whose fields reach
    into an argument (`{match.__class__}`, `{x[0]}`: refused when a rule is loaded) is
    returned as it is: a rule file never reads anything but the arguments."""
    if not _plain(template):
        return template
    return template.format_map(_Args({k: Count(v) if type(v) is int else v for k, v in args.items()}))


@lru_cache(maxsize=4096)
def _plain(template: str) -> bool:
    """Every field of the template is a plain name (no attribute, index or conversion)."""
    try:
        return all(name is None or (name.isidentifier() and conv is None)
                   for _, name, _, conv in string.Formatter().parse(template))
    except ValueError:
        return True  # format_map says what is wrong, as it always has


def check(template: str) -> str | None:
    """Why the template cannot render (a broken field, a plural spec with the wrong number
    of forms or an empty one), or None."""
    try:
        fields = list(string.Formatter().parse(template))
    except ValueError as e:
        return f"not a message template: {e}"
    for _, name, spec, conv in fields:
        if name is not None and not name.isidentifier():
            return (f"{{{name}}}: a field is the plain name of an argument (no attribute, index or "
                    f"position)")
        if conv is not None:
            return f"{{{name}!{conv}}}: no conversions in a message"
        if name is None or not spec or "|" not in spec:
            continue
        forms = spec.split("|")
        if len(forms) not in (2, 4):
            return f"{{{name}:{spec}}}: a count takes 2 forms (one|other) or 4 (one|two|few|many), not {len(forms)}"
        if not all(f.strip() for f in forms):
            return f"{{{name}:{spec}}}: an empty form"
    return None
