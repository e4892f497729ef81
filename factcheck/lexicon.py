"""Word lists for the `missing-word` and `broken-word` kinds.

* Tokens: words of the folded text (Arabic) or of the text (English) with their
  spans and the characters between them, computed once a document.
* Frequencies: built from `wordfreq` into factcheck/data/freq_<lang>.txt.gz, folded the way
  `factcheck.langs.fold` folds, so «إلى» and «الى» are one word.  Loaded on first
  use and cached (about a second); a run that never needs them never loads them.
* Arabic clitics: `ar_stems(word)` yields the readings of a token with proclitics
  (و ف ب ل ك س, the article) and suffix pronouns peeled off.
* Place names: `places(lang)` from rules/<lang>/preposition/places/*.yaml.
"""

from __future__ import annotations

from pathlib import Path

from dataclasses import dataclass
from functools import lru_cache

import re

import regex

from factcheck.langs import ARABIC_MARKS, TATWEEL, fold, fold_char_table

# ---------------------------------------------------------------- tokens

_AR_WORD = re.compile(r"[^\W_]+")  # letters and digits (stdlib re: faster than regex here)
# letters and digits, with apostrophe parts ("don't"); stdlib re: faster than regex here
_EN_WORD = re.compile(r"[^\W_]+(?:['’][^\W\d_]+)*")
BOUNDARY_CHARS = set(".!?؟:;؛\n،,()[]{}«»\"“”'‘’-–—/|*•…")


@dataclass(slots=True)
class Tok:
    start: int  # span in the text the tokens were taken from
    end: int
    w: str  # the word: folded (Arabic) or lower-cased (English)
    raw: str  # as written in that text
    pre: str  # characters between the previous token and this one


def tokenize(text: str, lang: str) -> list[Tok]:
    out: list[Tok] = []
    pos = 0
    pat = _AR_WORD if lang == "ar" else _EN_WORD
    for m in pat.finditer(text):
        s, e = m.span()
        raw = m.group()
        out.append(Tok(s, e, raw if lang == "ar" else raw.lower(), raw, text[pos:s]))
        pos = e
    return out


def doc_tokens(doc) -> tuple[str, list[Tok], object]:
    """(text, tokens, view) once a document: Arabic tokens come from the folded
    view (map spans back with view.to_base), English from doc.text (view None)."""
    cached = doc.__dict__.get("_lexicon_tokens")
    if cached is not None:
        return cached
    if doc.lang == "ar":
        view = doc.folded
        text = view.text
    else:
        view = None
        text = doc.text
    res = (text, tokenize(text, doc.lang), view)
    doc.__dict__["_lexicon_tokens"] = res
    return res


def is_boundary(gap: str) -> bool:
    """True when the characters between two tokens end a clause or a line."""
    return any(c in BOUNDARY_CHARS for c in gap)


def plain_gap(gap: str) -> bool:
    """Only spaces (no line break, no punctuation) between two tokens."""
    return gap != "" and not gap.strip(" \t\u00a0")


# ---------------------------------------------------------------- frequencies

_LIGHT_TABLE = str.maketrans({k: v for k, v in fold_char_table().items() if k != ord("ة")})
_MARKS = regex.compile(f"[{ARABIC_MARKS}{TATWEEL}\u200c\u200d\u200e\u200f\u200b\u2060\u00ad]")


_LIGHT_DROP = dict(_LIGHT_TABLE)
_LIGHT_DROP.update({c: None for c in [*range(0x0610, 0x061B), *range(0x064B, 0x0660), 0x0670, *range(0x06D6, 0x06EE),
                                      0x0640, 0x200C, 0x200D, 0x200E, 0x200F, 0x200B, 0x2060, 0x00AD]})


def light_fold(s: str) -> str:
    """Like langs.fold but keeps «ة» apart from «ه» (a suffix pronoun)."""
    return s.translate(_LIGHT_DROP)


@lru_cache(maxsize=None)
def freq(lang: str) -> dict[str, float]:
    """Zipf frequency of each word (Arabic: light_fold; English: lower case) at least
    2.0 frequent, from factcheck/data/freq_<lang>.txt.gz (built from the `wordfreq`
    package by scripts/build_frequency_lists.py, so the package is not needed at run time)."""
    import gzip

    out: dict[str, float] = {}
    path = Path(__file__).resolve().parent / "data" / f"freq_{lang}.txt.gz"
    if not path.is_file():
        return out
    with gzip.open(path, "rt", encoding="utf-8") as f:
        for line in f:
            if line.startswith("#"):
                continue
            z, words = line.rstrip("\n").split("\t", 1)
            out.update(dict.fromkeys(words.split(" "), float(z)))
    return out


def zipf(word: str, lang: str) -> float:
    return freq(lang).get(word, 0.0)


AR_PREFIXES = ("وبال", "وكال", "فبال", "وال", "فال", "بال", "كال", "لل", "وب", "ول", "وك", "وس", "فب", "فل", "فس",
               "ال", "و", "ف", "ب", "ل", "ك", "س")
AR_SUFFIXES = ("كما", "هما", "كم", "كن", "هم", "هن", "نا", "ها", "ني", "ه", "ك", "ي")


def ar_stems(w: str):
    """The readings of a light-folded word without proclitics and/or a suffix
    pronoun (each at least three letters); the word itself first.  A definite
    word («ال…») takes no suffix pronoun."""
    yield w
    seen = {w}
    heads = [(w, w.startswith("ال"))]
    for p in AR_PREFIXES:
        if w.startswith(p) and len(w) - len(p) >= 3:
            rest = w[len(p):]
            definite = p.endswith("ال") or p == "لل" or rest.startswith("ال")
            if p == "لل":  # للبيت = ل + البيت
                rest = "ال" + rest
            if rest not in seen:
                seen.add(rest)
                heads.append((rest, definite))
                yield rest
    for h, definite in heads:
        if definite:
            continue
        for s in AR_SUFFIXES:
            if h.endswith(s) and len(h) - len(s) >= 3:
                base = h[:-len(s)]
                for b in (base, base[:-1] + "ة" if base.endswith("ت") else None):  # ta marbuta before a suffix
                    if b and b not in seen:
                        seen.add(b)
                        yield b


_LIGHT_MEMO: dict[str, str] = {}


def light_tokens(doc) -> list[Tok]:
    """Tokens of doc.text itself (spans in doc.text), words light-folded (Arabic)
    or lower-cased (English); once a document."""
    cached = doc.__dict__.get("_lexicon_light")
    if cached is None:
        if doc.lang == "ar":
            cached = []
            pos = 0
            text = doc.text
            memo = _LIGHT_MEMO
            if len(memo) > 500_000:
                memo.clear()
            for m in _AR_RAW_WORD.finditer(text):
                s, e = m.span()
                raw = m.group()
                w = memo.get(raw)
                if w is None:
                    w = memo[raw] = light_fold(raw)
                cached.append(Tok(s, e, w, raw, text[pos:s]))
                pos = e
        else:
            cached = doc_tokens(doc)[1]
        doc.__dict__["_lexicon_light"] = cached
    return cached


_AR_RAW_WORD = re.compile(r"[^\W_](?:[^\W_]|[\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed\u0640\u200c\u200d])*")


def ar_best(w: str) -> float:
    """Highest frequency of any reading of an Arabic token."""
    f = freq("ar")
    return max((f.get(s, 0.0) for s in ar_stems(w)), default=0.0)


# ---------------------------------------------------------------- data

def fold_key(s: str, lang: str) -> str:
    return fold(s) if lang == "ar" else s.lower()


@lru_cache(maxsize=None)
def places(lang: str) -> dict[str, list[tuple[str, ...]]]:
    """Place names by first word: {first: [(word, word, ...), ...]} (folded/lower),
    longest first, from rules/<lang>/preposition/places/*.yaml."""
    from factcheck.resources import builtin_rules_dir
    import yaml

    names: set[str] = set()
    folder = builtin_rules_dir() / lang / "preposition" / "places"
    if folder.is_dir():
        for p in sorted(folder.glob("*.yaml")):
            with open(p, encoding="utf-8") as f:  # libyaml's safe loader when there (5x faster)
                data = yaml.load(f, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader)) or {}
            for key, vals in data.items():
                if key.startswith("_") or key == "exclude":
                    continue
                for v in vals or []:
                    names.add(str(v))
            for v in (data.get("exclude") or []):
                names.discard(str(v))
    out: dict[str, list[tuple[str, ...]]] = {}
    for n in names:
        words = tuple(t.w for t in tokenize(fold_key(n, lang) if lang == "ar" else n, lang))
        if words:
            out.setdefault(words[0], []).append(words)
    for v in out.values():
        v.sort(key=len, reverse=True)
    return out


def match_place(toks: list[Tok], i: int, lang: str, table=None) -> int:
    """Number of tokens of a place name starting at toks[i] (0: none).
    English names must be capitalised as written."""
    table = places(lang) if table is None else table
    cands = table.get(toks[i].w)
    if not cands:
        return 0
    for words in cands:
        n = len(words)
        if i + n > len(toks):
            continue
        if all(toks[i + k].w == words[k] for k in range(n)) and all(plain_gap(toks[i + k].pre) for k in range(1, n)):
            if lang == "en" and not toks[i + n - 1].raw[:1].isupper():
                continue
            return n
    return 0
