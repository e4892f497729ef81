"""The figure grammar of a language, read from YAML data and compiled once.

The data lives in ``rules/<lang>/figures/grammar/``:

- ``numbers.yaml``: number words (units, teens, tens, hundreds, scale words with their
  singular, plural and dual forms, fractions, the connector «و»/"and");
- ``context.yaml``: the words around a number (approximators, percent words, range
  connectors, change words, time units, identifier labels, ages, scores, breakdowns);
- ``units.yaml``: currencies (with the adjectives and countries that pick a code) and units;
- ``attribution.yaml``: reporting verbs, phrases, documents, impersonal framings and the
  words a source stops before;
- ``nouns.yaml``: irregular plurals of counted nouns.

Arabic spellings are folded (factcheck.langs.fold) and matched on the folded view of the
text; English is matched in lower case.  Phrases are stored as tuples of token keys, made
by the same tokenizer that reads the text (so «م2» and "km/h" match however they are cut).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from factcheck.langs import fold
from factcheck.resources import load_data

# one token: a number (digits with their separators), a word, or one other character
# «50ر11»: the Saudi press's decimal, the fraction written first with «ر» (11.50); then the usual forms
TOKEN_NUMBER = r"\d+ر\d+(?![\d.,\u066b\u066c])|\d+(?:(?:[.,\u066b\u066c](?=\d)|[\u2009\u202f\u00a0](?=\d{3}(?!\d)))\d+)*"
TOKEN_WORD = r"[^\W\d_]+"
TOKEN_OTHER = r"[^\s\w]|_"
TOKEN_RE = re.compile(rf"(?P<n>{TOKEN_NUMBER})|(?P<w>{TOKEN_WORD})|(?P<p>{TOKEN_OTHER})")
AR_PROCLITICS = ("وب", "ول", "وك", "فب", "فل", "فك", "و", "ف", "ب", "ل", "ك")


def key_of(text: str, lang: str) -> str:
    return fold(text) if lang == "ar" else text.lower()


def phrase_keys(phrase: str, lang: str) -> tuple:
    """A phrase of the data as the tuple of token keys the tokenizer makes of it."""
    k = key_of(str(phrase), lang)
    return tuple(m.group() for m in TOKEN_RE.finditer(k))


_VARIANTS: dict = {}


def ar_variants(key: str) -> list[tuple[str, str]]:
    """(proclitics, rest) readings of an Arabic word key, the word itself first (cached)."""
    out = _VARIANTS.get(key)
    if out is not None:
        return out
    out = [("", key)]
    if key[:1] in "وفبلك":
        for p in AR_PROCLITICS:
            if key.startswith(p) and len(key) - len(p) >= 2:
                out.append((p, key[len(p):]))
    if len(_VARIANTS) > 200_000:
        _VARIANTS.clear()
    _VARIANTS[key] = out
    return out


_STRIPPED: dict = {}


def ar_stripped(key: str) -> tuple:
    """The readings of an Arabic word key without its proclitics (the word itself first)."""
    out = _STRIPPED.get(key)
    if out is None:
        out = _STRIPPED[key] = tuple(x for _, x in ar_variants(key))
        if len(_STRIPPED) > 200_000:
            _STRIPPED.clear()
    return out


class PhraseSet:
    """Phrases (tuples of keys) indexed by first key; longest match first."""

    def __init__(self, items: dict):
        self.by_first: dict[str, list[tuple[tuple, object]]] = {}
        self.by_last: dict[str, list[tuple[tuple, object]]] = {}
        for keys, payload in items.items():
            if not keys:
                continue
            self.by_first.setdefault(keys[0], []).append((keys, payload))
            self.by_last.setdefault(keys[-1], []).append((keys, payload))
        for d in (self.by_first, self.by_last):
            for v in d.values():
                v.sort(key=lambda x: -len(x[0]))

    def __bool__(self):
        return bool(self.by_first)

    def match_at(self, keys: list, i: int, first_variants=None):
        """(length, payload, phrase) of the longest phrase starting at keys[i]; the first
        key may be read in any of `first_variants` (Arabic words without proclitics)."""
        firsts = first_variants if first_variants is not None else (keys[i],)
        best = None
        for f in firsts:
            for ph, payload in self.by_first.get(f, ()):
                n = len(ph)
                if i + n <= len(keys) and all(keys[i + j] == ph[j] for j in range(1, n)):
                    if best is None or n > best[0]:
                        best = (n, payload, ph)
                    break
        return best

    def match_ending(self, keys: list, end: int, first_variants=None):
        """(start, payload) of the longest phrase ending at keys[end-1]; the phrase's first
        key may be read through `first_variants(index)`."""
        if end <= 0:
            return None
        best = None
        cands = list(self.by_last.get(keys[end - 1], ()))
        if first_variants is not None:  # a one-word phrase with a proclitic («لحوالي»)
            for v in first_variants(end - 1):
                if v != keys[end - 1]:
                    cands.extend(x for x in self.by_last.get(v, ()) if len(x[0]) == 1)
        for ph, payload in cands:
            n = len(ph)
            s = end - n
            if s < 0:
                continue
            if all(keys[s + j] == ph[j] for j in range(1, n)) or n == 1:
                first_ok = keys[s] == ph[0] or (first_variants is not None and ph[0] in first_variants(s))
                if first_ok and (best is None or n > end - best[0]):
                    best = (s, payload)
        return best


@dataclass
class Grammar:
    lang: str
    words: dict  # key -> (class, value, form)
    frac_def: dict  # ar: key -> value (fraction only before a definite noun)
    word_forms: frozenset  # every number-word spelling a text may contain (with proclitics)
    article_ok: frozenset  # classes that may carry ال
    not_numbers: frozenset
    bare_fractions: frozenset = frozenset()  # en: «half» needs no numerator
    article_words: frozenset = frozenset()  # en: «a», «an» read as one before a scale word
    approx_lower: frozenset = frozenset()  # approximators that give a lower bound («أكثر من», "at least")
    approx_upper: frozenset = frozenset()  # ... an upper bound («أقل من», "up to")
    not_number_phrases: PhraseSet = None  # «نصف النهائي» (semi-final), "half-time"
    abbr: dict = field(default_factory=dict)  # en: scale abbreviations
    money_only_abbr: frozenset = frozenset()
    approx_before: PhraseSet = None
    approx_after: PhraseSet = None
    approx_needs_no_change: frozenset = frozenset()
    percent: PhraseSet = None
    range_open: frozenset = frozenset()
    range_and: frozenset = frozenset()
    range_to: frozenset = frozenset()
    change: frozenset = frozenset()
    time_units: frozenset = frozenset()
    year_after: frozenset = frozenset()
    year_before: frozenset = frozenset()
    vague: frozenset = frozenset()
    labels: frozenset = frozenset()
    number_word_labels: frozenset = frozenset()
    number_word_after: frozenset = frozenset()
    index_names: frozenset = frozenset()
    age_before: PhraseSet = None
    age_people: frozenset = frozenset()
    score_words: frozenset = frozenset()
    parts_open: PhraseSet = None
    parts_complete: PhraseSet = None
    comparison: frozenset = frozenset()
    others: frozenset = frozenset()
    one_not_before: frozenset = frozenset()
    noun_stop: frozenset = frozenset()
    share_words: frozenset = frozenset()
    listicle_nouns: frozenset = frozenset()
    listicle_keys: frozenset = frozenset()  # listicle_nouns as counts_key reads them (see grammar())
    share_links: frozenset = frozenset()  # before a percentage, no verb of its own («على», "with")
    stance_for: frozenset = frozenset()  # «يؤيدون», "supported": those for a proposal
    stance_against: frozenset = frozenset()  # «عارضه», "opposed": those against it
    of_them: frozenset = frozenset()  # after a percentage, phrases (tuples of keys): «منهم», "of them"
    ordinal_units: frozenset = frozenset()  # «حادي», «ثالثة»: before ten, an ordinal 11-19
    ten_words: frozenset = frozenset()  # «عشر», «عشرة» (numbers `ten`)
    total_complements: frozenset = frozenset()  # «لقي 15 شخصا حتفهم، بينهم ...»: between a total and its parts
    events: dict = field(default_factory=dict)  # event -> regexes of the words that tell it (killed, injured ...)
    poll_samples: frozenset = frozenset()  # counted-noun keys of a poll's sample («مستجيب», «مستطلع»)
    comparison_with_number: frozenset = frozenset()  # «مقابل»: a comparison only beside another number
    parts_spread: frozenset = frozenset()  # «وتوزعت المقاعد بين ...»: a verb, its subject, then a preposition
    parts_spread_preps: frozenset = frozenset()  # those prepositions («على», «بين»)
    restated_roles: frozenset = frozenset()  # "the 94 injured": after "the" and a number, those it counts named again
    rank_words: frozenset = frozenset()  # "was second with 31 percent": a poll's ranking of shares
    months: frozenset = frozenset()
    age_verbs: frozenset = frozenset()
    rate_after: frozenset = frozenset()
    rate_before: frozenset = frozenset()
    not_compared: frozenset = frozenset()
    race_words: frozenset = frozenset()
    minor_units: dict = field(default_factory=dict)  # «cents» -> USD (the value is divided by 100)
    currencies: PhraseSet = None  # words -> entry dict
    currency_signs: dict = field(default_factory=dict)
    sign_prefixes: dict = field(default_factory=dict)
    codes: frozenset = frozenset()
    units: PhraseSet = None
    index_point_words: frozenset = frozenset()
    frequency: frozenset = frozenset()
    comparative_after: frozenset = frozenset()
    # attribution
    verbs: PhraseSet = None
    participles: frozenset = frozenset()
    needs_agent: frozenset = frozenset()
    phrases: PhraseSet = None
    documents: frozenset = frozenset()
    impersonal: PhraseSet = None
    subject_stop: frozenset = frozenset()
    pronouns: frozenset = frozenset()
    max_source_words: int = 8
    relatives: frozenset = frozenset()
    cue_anchors: dict = field(default_factory=dict)  # anchor word of a reporting cue -> its offsets
    parts_forms: frozenset = frozenset()  # words of the breakdown cues (the parts check reads only
    share_forms: frozenset = frozenset()  # the sentences that hold one of them)
    headline_not_sources: frozenset = frozenset()
    quote_open: frozenset = frozenset()
    quote_close: frozenset = frozenset()
    # nouns
    plurals: dict = field(default_factory=dict)  # plural key -> singular as written
    singulars: dict = field(default_factory=dict)  # singular key -> singular as written
    invariant: frozenset = frozenset()
    plural_only: frozenset = frozenset()


def _keys(items, lang) -> frozenset:
    return frozenset(key_of(str(x), lang) for x in items or ())


def _phrases(items, lang, payload=True) -> PhraseSet:
    if isinstance(items, dict):
        d = {}
        for k, vs in items.items():
            for v in vs or ():
                d[phrase_keys(v, lang)] = k
        return PhraseSet(d)
    return PhraseSet({phrase_keys(x, lang): str(x) for x in items or ()})


def _num(v):
    f = float(v)
    return int(f) if f.is_integer() else f


@lru_cache(maxsize=None)
def grammar(lang: str) -> Grammar:
    nums = load_data(lang, "figures/grammar/numbers.yaml") or {}
    ctx = load_data(lang, "figures/grammar/context.yaml") or {}
    un = load_data(lang, "figures/grammar/units.yaml") or {}
    att = load_data(lang, "figures/grammar/attribution.yaml") or {}
    nouns = load_data(lang, "figures/grammar/nouns.yaml") or {}
    k = lambda s: key_of(str(s), lang)  # noqa: E731
    words: dict = {}

    def put(spellings, cls, value, form=""):
        for s in spellings or ():
            words.setdefault(k(s), (cls, _num(value), form))

    for v, sp in (nums.get("units") or {}).items():
        put(sp, "unit", v)
    for v, sp in (nums.get("teens") or {}).items():
        put(sp, "teen", v)
    put(nums.get("ten"), "ten", 10)
    for v, sp in (nums.get("teen_first") or {}).items():
        put(sp, "teen_first", v)
    for v, sp in (nums.get("tens") or {}).items():
        put(sp, "tens", v)
    put(nums.get("hundred"), "hundred", 100)
    for v, sp in (nums.get("hundreds") or {}).items():
        put(sp, "hundreds", v)
    for v, forms in (nums.get("scales") or {}).items():
        for form, sp in (forms or {}).items():
            put(sp, "scale", v, form)
    for v, sp in (nums.get("fractions") or {}).items():
        put(sp, "fraction", v)
    for v, sp in (nums.get("denominators") or {}).items():
        put(sp, "denominator", v)
    put(nums.get("dozen"), "dozen", 12)
    frac_def = {}
    for v, sp in (nums.get("fractions_before_definite") or {}).items():
        for s in sp or ():
            frac_def[k(s)] = _num(v)
    abbr = {}
    for v, sp in (nums.get("scale_abbreviations") or {}).items():
        for s in sp or ():
            abbr[k(s)] = _num(v)
    forms = set(words) | set(frac_def)
    if lang == "ar":
        base = list(forms)
        for w in base:
            for p in AR_PROCLITICS:
                forms.add(p + w)
            forms.add("ال" + w)
            forms.add("وال" + w)
            forms.add("بال" + w)
            forms.add("لل" + w)
    g = Grammar(
        lang=lang, words=words, frac_def=frac_def, word_forms=frozenset(forms),
        article_ok=frozenset(nums.get("article_ok") or ()), not_numbers=_keys(nums.get("not_numbers"), lang),
        abbr=abbr, money_only_abbr=_keys(nums.get("money_only_abbreviations"), lang),
    )
    g.bare_fractions = _keys(nums.get("bare_fractions"), lang)
    g.article_words = _keys(nums.get("article"), lang)
    # context
    g.approx_lower = frozenset(phrase_keys(x, lang) for x in ctx.get("approx_lower") or ())
    g.approx_upper = frozenset(phrase_keys(x, lang) for x in ctx.get("approx_upper") or ())
    g.not_number_phrases = _phrases(nums.get("not_number_phrases"), lang)
    not_approx = _keys(ctx.get("not_approx"), lang)
    g.approx_before = _phrases([x for x in ctx.get("approx_before") or () if k(x) not in not_approx], lang)
    g.approx_after = _phrases(ctx.get("approx_after"), lang)
    g.approx_needs_no_change = frozenset(phrase_keys(x, lang) for x in ctx.get("approx_needs_no_change") or ())
    g.percent = _phrases(ctx.get("percent_words"), lang)
    for name in ("range_open", "range_and", "range_to", "time_units", "year_after", "year_before", "vague", "labels",
                 "number_word_labels", "number_word_after", "index_names", "age_people", "score_words", "others",
                 "one_not_before", "noun_stop", "share_words", "listicle_nouns", "months", "age_verbs", "rate_after",
                 "rate_before", "not_compared", "race_words", "total_complements", "share_links",
                 "stance_for", "stance_against", "parts_spread", "parts_spread_preps", "comparison_with_number",
                 "restated_roles", "rank_words"):
        setattr(g, name, _keys(ctx.get(name), lang))
    g.of_them = frozenset(phrase_keys(x, lang) for x in ctx.get("of_them") or ())
    g.ordinal_units = _keys(nums.get("ordinal_units"), lang)
    g.ten_words = _keys(nums.get("ten"), lang)
    g.change = _keys(ctx.get("change_words"), lang)
    g.comparison = _keys(ctx.get("comparison_words"), lang)
    g.age_before = _phrases(ctx.get("age_before"), lang)
    g.events = {str(name): [str(x) for x in (words or ())] for name, words in (ctx.get("events") or {}).items()}
    g.parts_open = _phrases(ctx.get("parts_open"), lang)
    g.parts_complete = _phrases(ctx.get("parts_complete"), lang)
    # units and currencies
    cur = {}
    for entry in un.get("currencies") or ():
        e = {"default": entry.get("default"),
             "adjectives": {phrase_keys(a, lang): c for a, c in (entry.get("adjectives") or {}).items()},
             "countries": {k(a): c for a, c in (entry.get("countries") or {}).items()}}
        for w in entry.get("words") or ():
            cur[phrase_keys(w, lang)] = e
    g.currencies = PhraseSet(cur)
    g.currency_signs = dict(un.get("currency_signs") or {})
    g.minor_units = {k(w): c for c, ws in (un.get("minor_units") or {}).items() for w in ws}
    g.sign_prefixes = {k(a): c for a, c in (un.get("sign_prefixes") or {}).items()}
    g.codes = _keys(un.get("codes"), lang)
    g.units = _phrases(un.get("units") or {}, lang)
    g.index_point_words = _keys(un.get("index_point_words"), lang)
    g.frequency = _keys(un.get("frequency"), lang)
    g.comparative_after = _keys(un.get("comparative_after"), lang)
    # attribution
    g.verbs = _phrases(att.get("verbs"), lang)
    g.participles = _keys(att.get("participles"), lang)
    g.needs_agent = _keys(att.get("needs_agent"), lang)
    g.phrases = _phrases(att.get("phrases"), lang)
    g.documents = _keys(att.get("documents"), lang)
    g.impersonal = _phrases(att.get("impersonal"), lang)
    g.subject_stop = _keys(att.get("subject_stop"), lang)
    g.pronouns = _keys(att.get("pronouns"), lang)
    g.max_source_words = int(att.get("max_source_words") or 8)
    g.relatives = _keys(att.get("relatives"), lang)
    g.headline_not_sources = _keys(att.get("headline_not_sources"), lang)
    parts = {w for ps in (g.parts_open, g.parts_complete) for lst in ps.by_first.values() for keys, _ in lst
             for w in keys}
    share = set(g.share_words)
    parts |= set(g.parts_spread)
    if lang == "ar":
        parts |= {p + w for w in list(parts) for p in ("و", "ف")}
        share |= {p + w for w in list(share) for p in AR_PROCLITICS}
    g.parts_forms, g.share_forms = frozenset(parts), frozenset(share)
    # anchors: the word a cue is found by (its longest word: «على حد قوله» by «قوله»), with the
    # offset of that word in the cue; Arabic anchors also with «و»/«ف» before them
    anchors: dict = {}
    for ps in (g.verbs, g.phrases):
        for lst in ps.by_first.values():
            for keys, _ in lst:
                off = max(range(len(keys)), key=lambda j: (len(keys[j]), -j))
                anchors.setdefault(keys[off], set()).add(off)
    for w in g.participles:
        anchors.setdefault(w, set()).add(0)
    if lang == "ar":
        for w, offs in list(anchors.items()):
            if 0 in offs:
                for p in ("و", "ف"):
                    anchors.setdefault(p + w, set()).add(0)
    g.cue_anchors = {k: tuple(sorted(v)) for k, v in anchors.items()}
    g.quote_open = frozenset(att.get("quote_open") or ())
    g.quote_close = frozenset(att.get("quote_close") or ())
    # nouns
    for sing, pls in (nouns.get("plurals") or {}).items():
        g.singulars[k(sing)] = str(sing)
        for p in pls or ():
            g.plurals.setdefault(k(p), str(sing))
    g.invariant = _keys(nouns.get("invariant"), lang)
    g.plural_only = _keys(nouns.get("plural_only"), lang)
    # the nouns of list headlines as written and, in English, as a figure's counts_key reads
    # them ("takeaways" -> "takeaway"); not in Arabic, where a list has the plural («5 نقاط»)
    # and the singular is a count to check («71 نقطة»)
    from factcheck.figures.counts import normalise

    g.listicle_keys = g.listicle_nouns
    if lang == "en":
        g.listicle_keys = g.listicle_nouns | {normalise(w, g)[1] for w in g.listicle_nouns}
    # a poll's sample as a figure's counts_key reads it («المستجيبين» -> «مستجيب»), once the nouns are in
    g.poll_samples = frozenset(k for k in ((normalise(str(w).split()[0], g) or (None, None))[1]
                                           for w in ctx.get("poll_samples") or ()) if k)
    return g
