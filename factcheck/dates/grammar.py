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
from functools import cached_property, lru_cache

import regex

from factcheck import resources, rxcache
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
    "SPOKENC": ("lexicon", "spoken_centuries"),
    "FIXEDDUR": ("lexicon", "fixed_durations"),
    "HOURWORD": ("lexicon", "hour_words"),
    "HOURFRAC": ("lexicon", "hour_fractions"),
    "AGEORD": ("lexicon", "age_ordinals"),
}


def norm_key(s: str, lang: str) -> str:
    """The lookup form of a spelling or of matched text."""
    s = fold(s) if lang == "ar" else s.lower()
    return " ".join(s.replace("-", " ").split()) if lang == "en" else " ".join(s.split())


@lru_cache(maxsize=1 << 16)
def match_key(s: str, lang: str) -> str:
    """norm_key for text the grammar matched: Arabic is already folded (remembered: the
    normalisers ask for the same few words again and again)."""
    if lang == "ar":
        return " ".join(s.split())
    return " ".join(s.lower().replace("-", " ").split())


@dataclass
class Pattern:
    name: str
    sem: str
    type: str | None
    group: str  # the branch group name in the combined expression
    opts: dict = field(default_factory=dict)
    source: str = ""  # this expression alone, anchored by .match at a word start
    flags: int = 0
    index: int = 0
    cache_set: str = "dates"  # the compiled-pattern cache's file (rxcache): one a language

    @cached_property
    def rx(self):
        """`source` compiled on first use: an article tries a few of the expressions, and
        compiling all of them up front cost a tenth of a cold start.  Kept between runs in
        the compiled-pattern cache (factcheck.rxcache)."""
        return rxcache.compile(self.source, self.flags, self.cache_set)


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
    starts: dict  # first word -> indices of the expressions that may begin with it
    digit_starts: tuple  # indices of the expressions that may begin with a number
    weak: frozenset  # first words that need a date word close after them
    content: frozenset  # words that make a weak first word worth a try
    # at a place with this many expressions to try or more, one alternation of them all
    # finds the first that matches in one call (patterns.yaml `try_together_from`; 0: never)
    together_from: int = 0

    def together(self, idxs: tuple):
        """One expression for the expressions `idxs` (in that order) that matches where the
        first of them that matches does, as it does; the group `z<i>` (empty, at its end)
        tells which one it was.  Compiled once, kept in the compiled-pattern cache."""
        src = "|".join(f"(?:{self.patterns[i].source}(?P<z{i}>))" for i in idxs)
        p0 = self.patterns[idxs[0]]
        return rxcache.compile(src, p0.flags, p0.cache_set)

    def look(self, lexicon: str, text: str | None):
        """Meaning of matched text (already folded for Arabic) in a lexicon."""
        if text is None:
            return None
        return self.lex.get(lexicon, {}).get(match_key(text, self.lang))


def _alt(spellings, lang: str) -> str:
    """The spellings as one alternation, the longest that matches first.

    Written as a trie («ا(?:لا(?:ثنين|حد)|...)»), not as a list of the spellings longest
    first: a failed match of a list tries every spelling (hundreds for numbers or month
    names), a trie one letter per level.  Same matches in the same order: the spellings
    that match at a place are prefixes of one another (a space between words matches the
    whole run of spaces, as no spelling has a space before a space or at its end), and the
    trie tries the longer one first, as the list sorted by length did; branches of a node
    begin with different letters, so at most one of them can match."""
    forms = sorted({norm_key(s, lang) for s in spellings}, key=lambda f: (-len(f), f))  # ties by text: the same source every run
    if not forms:
        return "(?!)"
    trie = _trie_alt(forms, lang)
    if trie is not None:
        return trie
    out = []
    for f in forms:
        e = regex.escape(f)
        e = e.replace(r"\ ", " ").replace(" ", r"\s+")
        if lang == "en":
            e = e.replace(r"\s+", r"[\s-]+")
        out.append(e)
    return "(?:" + "|".join(out) + ")"


_END = object()


def _trie_alt(forms: list[str], lang: str) -> str | None:
    """_alt's trie, or None when two branches of a node could match the same letter (one
    letter the other's case under IGNORECASE, English) or a spelling has empty words."""
    space = r"[\s-]+" if lang == "en" else r"\s+"
    root: dict = {}
    for f in forms:
        words = f.split(" ")
        if any(not w for w in words):
            return None
        node = root
        for i, w in enumerate(words):
            if i:
                node = node.setdefault(" ", {})
            for ch in w:
                if ch.isspace() or (lang == "en" and ch == "-"):
                    return None
                node = node.setdefault(ch, {})
        node[_END] = True

    def emit(node: dict) -> str | None:
        keys = [k for k in node if k is not _END]
        if lang == "en" and any(len({f(k) for k in keys}) != len(keys) for f in (str.lower, str.upper, str.casefold)):
            return None
        alts = []
        for k in keys:
            rest = emit(node[k])
            if rest is None:
                return None
            alts.append((space if k == " " else regex.escape(k)) + rest)
        if not alts:
            return ""
        body = alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"
        return f"(?:{body})?" if _END in node else body

    out = emit(root)
    return None if out is None else "(?:" + out + ")"


def _lexicon_table(data: dict, lang: str) -> dict:
    table = {}
    for meaning, spellings in (data or {}).items():
        for s in spellings or []:
            table.setdefault(norm_key(str(s), lang), meaning)
    return table


def _words_re(words, lang: str) -> str:
    return _alt([str(w) for w in words], lang)


DATA_FILES = ("dates/grammar/months.yaml", "dates/grammar/lexicon.yaml", "dates/grammar/patterns.yaml")
BUILT_NAME = "dates-grammar"


def built_digest(lang: str) -> bytes | None:
    """What a built grammar is filed under (factcheck.resources.built_value): the bytes of
    the grammar's data files and of the code that builds it (this module, the folding of
    factcheck.langs), and the `regex` release, whose escaping the expressions hold."""
    from factcheck import langs

    return resources.inputs_digest(lang, DATA_FILES, (__file__, langs.__file__), f"regex {regex.__version__}")


@lru_cache(maxsize=None)
def grammar(lang: str) -> Grammar:
    """The grammar of `lang`: read from the built values (scripts/build_rule_data.py) when
    they were built from the data and code as they are now, else built here."""
    found, plain = resources.built_value(lang, BUILT_NAME, built_digest(lang))
    if found:
        try:
            return from_plain(plain)
        except (KeyError, TypeError, ValueError, IndexError):
            pass  # not what this code writes: build it
    return build(lang)


def to_plain(g: Grammar) -> dict:
    """The grammar as plain values (marshal), its expressions as (source, flags)."""
    def rx(p):  # under the flags it was compiled with, as the compiled-pattern cache files it
        return None if p is None else (p.pattern, int(_flags(g.lang)))

    def listed(v):  # sets as sorted lists: the file's bytes do not depend on the hash seed
        return sorted(v)

    return {
        "lang": g.lang, "lex": g.lex, "lists": g.lists,
        "patterns": [(p.name, p.sem, p.type, p.group, p.opts, p.source, int(p.flags), p.index, p.cache_set)
                     for p in g.patterns],
        "ambiguous_months": listed(g.ambiguous_months),
        "weekday_reject": {w: {k: listed(v) for k, v in d.items()} for w, d in g.weekday_reject.items()},
        "future_re": rx(g.future_re), "past_re": rx(g.past_re), "after_re": rx(g.after_re),
        "starts": dict(sorted(g.starts.items())), "digit_starts": g.digit_starts, "weak": listed(g.weak),
        "content": listed(g.content),
        "together_from": g.together_from,
    }


def from_plain(d: dict) -> Grammar:
    lang = d["lang"]

    def rx(v):
        if v is None:
            return None
        source, flags = v
        return rxcache.compile(source, flags, f"dates-{lang}")

    patterns = [Pattern(name, sem, type_, group, dict(opts), source, flags, index, cache_set)
                for name, sem, type_, group, opts, source, flags, index, cache_set in d["patterns"]]
    wrej = {w: {k: set(v) for k, v in e.items()} for w, e in d["weekday_reject"].items()}
    return Grammar(lang, d["lex"], d["lists"], None, patterns, frozenset(d["ambiguous_months"]),
                   wrej, rx(d["future_re"]), rx(d["past_re"]), rx(d["after_re"]),
                   d["starts"], tuple(d["digit_starts"]), frozenset(d["weak"]), frozenset(d["content"]),
                   int(d["together_from"]))


def _flags(lang: str) -> int:
    return regex.V0 | (regex.IGNORECASE if lang == "en" else 0)


def build(lang: str) -> Grammar:
    """The grammar of `lang` built from its data files."""
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
        opts = {k: v for k, v in p.items() if k not in ("name", "sem", "type", "regex", "starts")}
        pat = Pattern(p["name"], p["sem"], p.get("type"), g, opts, index=i,
                      source=rf"(?<![{WORD}]){pre}(?P<t>{body})(?![{WORD}])",
                      flags=_flags(lang), cache_set=f"dates-{lang}")
        pat.opts["_starts"] = p.get("starts") or []
        patterns.append(pat)
    flags = _flags(lang)
    combined = None  # expressions are tried one by one at their first words (extract.py)
    # first words: where each expression may begin
    first_words = {}
    for macro, (f, key) in _MACROS.items():
        first_words[macro] = {k.split()[0] for k in lex.get(key, {}) if k}
    for key, v in lexicon.items():
        if isinstance(v, list) and v and all(isinstance(x, (str, int)) for x in v):
            first_words.setdefault(key.upper(), {norm_key(str(x), lang).split()[0] for x in v})
    for name, words in (pdata.get("macros") or {}).items():
        first_words[name] = {norm_key(str(w), lang).split()[0] for w in words}
    starts: dict[str, list[int]] = {}
    digit_starts = []
    for pat in patterns:
        items = pat.opts.pop("_starts")
        if not items:
            raise ValueError(f"dates grammar {lang}: expression {pat.name!r} lists no 'starts'")
        for item in items:
            item = str(item)
            if item == "DIGIT":
                digit_starts.append(pat.index)
                continue
            pre = ""
            if "+" in item:  # «ال+NUMWORD»: the words of a macro with a prefix («الأربعة عشر يوما»)
                pre, item = item.split("+", 1)
                pre = norm_key(pre, lang)
            words = first_words.get(item)
            if words is None:
                words = {norm_key(item, lang).split()[0]}
            words = {pre + w for w in words}
            for w in words:
                starts.setdefault(w, []).append(pat.index)
    starts = {k: sorted(set(v)) for k, v in starts.items()}
    weak = frozenset(norm_key(str(w), lang) for w in pdata.get("weak_starts") or [])
    # anchors: the words of every spelling and every first word, so that any
    # expression holds at least one; frequent function words (not_anchors) are left out
    content = set(starts)
    for key in {k for _, k in _MACROS.values()}:
        for k in lex.get(key, {}):
            content.update(k.split())
    content.update(norm_key(str(w), lang) for w in pdata.get("anchors") or [])
    stop = {norm_key(str(w), lang) for w in pdata.get("not_anchors") or []}
    content = frozenset(content - weak - stop)
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
    future_re = rxcache.compile("|".join(fparts), flags, f"dates-{lang}") if fparts else None
    past = lexicon.get("past_cues")
    past_re = None
    if isinstance(past, list) and past:
        body = _words_re(past, lang)
        longer = [w for w in past if len(norm_key(str(w), lang)) >= 3]
        if lang == "ar" and longer:
            # a verb with its object pronoun: «بيان أصدرته في مايو» (dev 12)
            body = rf"(?:{_words_re(longer, lang)}(?:ه|ها|هم|هما|هن)|{body})"
        # words that read as a cue but are nouns («وزاره»: و + زار + ه, and the folded «وزارة», ministry)
        nots = lexicon.get("past_not") or []
        avoid = rf"(?!{_words_re(nots, lang)}(?![{WORD}]))" if nots else ""
        past_re = rxcache.compile(rf"(?<![{WORD}]){avoid}[وف]?{body}(?![{WORD}])", flags, f"dates-{lang}")
    elif isinstance(past, dict) and past.get("regex"):
        past_re = rxcache.compile(past["regex"], flags, f"dates-{lang}")
    after = lexicon.get("after_cues")
    after_re = rxcache.compile(rf"(?<![{WORD}])[وف]?{_words_re(after, lang)}(?![{WORD}])", flags,
                               f"dates-{lang}") if after else None
    return Grammar(lang, lex, lists, combined, patterns, amb, wrej, future_re, past_re, after_re,
                   starts, tuple(sorted(set(digit_starts))), weak, content,
                   int(pdata.get("try_together_from") or 0))
