"""The date grammar of a language, read from YAML data and compiled once.

The data lives in ``rules/<lang>/dates/grammar/``:

- ``months.yaml``: Gregorian and Hijri month names, weekdays, ambiguous spellings;
- ``lexicon.yaml``: every other word list (numbers, units, relative words, parts
  of periods, seasons, decades, cue words ...), each a mapping meaning -> spellings;
- ``patterns.yaml``: the expressions, ordered most specific first.  Each has a
  ``name``, a ``sem`` (which normaliser reads its named groups), an optional
  ``type`` and a ``regex`` written with macros such as ``{MONTH}`` that expand to
  the alternation of a lexicon's spellings.

Arabic spellings and patterns are folded (factcheck.langs.fold) and matched on
the folded view of the text; English is matched case-insensitively on the text
itself (the extractor then demands capitals on month and weekday names).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache

import regex

from factcheck.langs import fold
from factcheck.resources import load_data

WORD = r"\p{L}\p{N}_"
YEAR_RE = r"(?:1[5-9]|20)\d\d"
DAY_RE = r"(?:3[01]|[12]\d|0?[1-9])"
HYEAR_RE = r"1[34]\d\d"

# macro -> (data file, key) of the lexicon it expands
_MACROS = {
    "MONTH": ("months", "gregorian"),
    "HMONTH": ("months", "hijri"),
    "WEEKDAY": ("months", "weekdays"),
    "NUMWORD": ("lexicon", "numbers"),
    "ORDDAY": ("lexicon", "ordinal_days"),
    "UNIT": ("lexicon", "units"),
    "DUAL": ("lexicon", "dual_units"),
    "REL": ("lexicon", "relative"),
    "SPANREL": ("lexicon", "span_relative"),
    "CTXREL": ("lexicon", "context_relative"),
    "PART": ("lexicon", "parts"),
    "DAYREL": ("lexicon", "day_relative"),
    "TOD": ("lexicon", "times_of_day"),
    "VAGUE": ("lexicon", "vague"),
    "SET": ("lexicon", "sets"),
    "SEASON": ("lexicon", "seasons"),
    "DECADE": ("lexicon", "decades"),
    "CENTURY": ("lexicon", "centuries"),
    "QUARTER": ("lexicon", "quarters"),
    "HOLIDAY": ("lexicon", "holidays"),
    "AGO": ("lexicon", "ago"),
}


def norm_key(s: str, lang: str) -> str:
    """The lookup form of a spelling or of matched text."""
    s = fold(s) if lang == "ar" else s.lower()
    return " ".join(s.replace("-", " ").split()) if lang == "en" else " ".join(s.split())


@dataclass
class Pattern:
    name: str
    sem: str
    type: str | None
    group: str  # the branch group name in the combined expression
    opts: dict = field(default_factory=dict)


@dataclass
class Grammar:
    lang: str
    lex: dict  # lexicon name -> {normalised spelling: meaning}
    lists: dict  # plain word lists (cues, rejections), normalised
    regex: object  # the combined expression
    patterns: list[Pattern]
    ambiguous_months: frozenset
    weekday_reject: dict
    future_re: object | None
    past_re: object | None
    after_re: object | None
    trigger: object | None

    def look(self, lexicon: str, text: str | None):
        if text is None:
            return None
        return self.lex.get(lexicon, {}).get(norm_key(text, self.lang))


def _alt(spellings, lang: str) -> str:
    forms = sorted({norm_key(s, lang) for s in spellings}, key=len, reverse=True)
    out = []
    for f in forms:
        e = regex.escape(f)
        e = e.replace(r"\ ", " ").replace(" ", r"\s+")
        if lang == "en":
            e = e.replace(r"\s+", r"[\s-]+")
        out.append(e)
    return "(?:" + "|".join(out) + ")" if out else "(?!)"


def _lexicon_table(data: dict, lang: str) -> dict:
    table = {}
    for meaning, spellings in (data or {}).items():
        for s in spellings or []:
            table.setdefault(norm_key(str(s), lang), meaning)
    return table


def _words_re(words, lang: str) -> str:
    return _alt([str(w) for w in words], lang)


@lru_cache(maxsize=None)
def grammar(lang: str) -> Grammar:
    months = load_data(lang, "dates/grammar/months.yaml") or {}
    lexicon = load_data(lang, "dates/grammar/lexicon.yaml") or {}
    pdata = load_data(lang, "dates/grammar/patterns.yaml") or {}
    files = {"months": months, "lexicon": lexicon}
    lex = {}
    macros = {"YEAR": YEAR_RE, "DAY": DAY_RE, "HYEAR": HYEAR_RE}
    for macro, (f, key) in _MACROS.items():
        data = files[f].get(key) or {}
        table = _lexicon_table(data, lang)
        lex[key] = table
        macros[macro] = _alt(table.keys(), lang) if table else "(?!)"
    for key, v in lexicon.items():
        if isinstance(v, list) and v and all(isinstance(x, (str, int)) for x in v):
            macros.setdefault(key.upper(), _words_re([str(x) for x in v], lang))
    for name, words in (pdata.get("macros") or {}).items():
        macros[name] = _words_re(words, lang)
    lists = {}
    for key, v in lexicon.items():
        if isinstance(v, list) and all(isinstance(x, (str, int)) for x in v):
            lists[key] = [norm_key(str(x), lang) for x in v]
    branches = []
    patterns = []
    for i, p in enumerate(pdata.get("patterns") or []):
        body = p["regex"]
        if lang == "ar":
            body = fold(body)
        for k, v in macros.items():
            body = body.replace("{" + k + "}", v)
        pre = r"(?:[وف]?[بلك]?)" if lang == "ar" else ""
        g = f"p{i}"
        branches.append(rf"(?P<{g}>(?<![{WORD}]){pre}(?P<t>{body})(?![{WORD}]))")
        opts = {k: v for k, v in p.items() if k not in ("name", "sem", "type", "regex")}
        patterns.append(Pattern(p["name"], p["sem"], p.get("type"), g, opts))
    flags = regex.V0 | (regex.IGNORECASE if lang == "en" else 0)
    combined = regex.compile("|".join(branches), flags)
    # a cheap first pass: positions where some expression may start
    trig_words = pdata.get("triggers")
    trigger = None
    if trig_words:
        tw = []
        for t in trig_words:
            t = fold(t) if lang == "ar" else t
            for k, v in macros.items():
                t = t.replace("{" + k + "}", v)
            tw.append(t)
        trigger = regex.compile("|".join(f"(?:{t})" for t in tw), flags)
    amb = frozenset(norm_key(s, lang) for s in months.get("ambiguous") or [])
    wrej = {}
    for item in lexicon.get("weekday_reject") or []:
        wrej[norm_key(item["name"], lang)] = {
            "before": {norm_key(w, lang) for w in item.get("before", [])},
            "after": {norm_key(w, lang) for w in item.get("after", [])},
        }
    fut = lexicon.get("future_cues") or {}
    fparts = []
    if fut.get("words"):
        fparts.append(rf"(?<![{WORD}])[وف]?{_words_re(fut['words'], lang)}(?![{WORD}])")
    if fut.get("stems") and lang == "ar":
        fparts.append(rf"(?<![{WORD}])[وف]?س[يتنا]{_words_re(fut['stems'], lang)}(?:ون|ان|ين|وا)?(?![{WORD}])")
    if fut.get("regex"):
        fparts.append(fut["regex"])
    future_re = regex.compile("|".join(fparts), flags) if fparts else None
    past = lexicon.get("past_cues")
    past_re = None
    if isinstance(past, list) and past:
        past_re = regex.compile(rf"(?<![{WORD}])[وف]?{_words_re(past, lang)}(?![{WORD}])", flags)
    elif isinstance(past, dict) and past.get("regex"):
        past_re = regex.compile(past["regex"], flags)
    after = lexicon.get("after_cues")
    after_re = regex.compile(rf"(?<![{WORD}])[وف]?{_words_re(after, lang)}(?![{WORD}])", flags) if after else None
    return Grammar(lang, lex, lists, combined, patterns, amb, wrej, future_re, past_re, after_re, trigger)
