"""Word lists for the `missing-word` and `broken-word` kinds.

* Tokens: words of the folded text (Arabic) or of the text (English) with their
  spans and the characters between them, computed once a document.
* Frequencies: built from `wordfreq` into factcheck/data/freq_<lang>.txt.gz, folded the way
  `factcheck.langs.fold` folds, so «إلى» and «الى» are one word.  Read through an index
  of hashes beside each list (freq_<lang>.idx): a process looks up the words it meets
  and never builds the whole dict unless it iterates it or looks up very many words.
* Arabic clitics: `ar_stems(word)` yields the readings of a token with proclitics
  (و ف ب ل ك س, the article) and suffix pronouns peeled off.
* Place names: `places(lang)` from rules/<lang>/preposition/places/*.yaml.
"""

from __future__ import annotations

from pathlib import Path

from bisect import bisect_left
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache

import re
import sys

import regex

from itertools import accumulate, compress
from operator import itemgetter

from factcheck.resources import blake2b as _blake2b
from factcheck.langs import (ARABIC_MARKS, PLAIN_WORD_RE, TATWEEL, WORD_RE, fold, fold_char_table, has_marks,
                             strip_marks)

# ---------------------------------------------------------------- tokens
#
# One tokenization a document, shared by every kind (it was done three times):
#
# * `light_tokens(doc)`: words of doc.text with their spans, the word light-folded
#   (Arabic) or lower-cased (English), as written, and the characters before it;
# * `doc_tokens(doc)`: English: the same list.  Arabic: the words of the folded view
#   (`doc.folded`); when the text has no character the fold drops (no diacritics,
#   tatweel or invisible marks: a third of Arabic copy) the folded view has the
#   same length and the same word boundaries, so these tokens are derived from
#   the light ones (same spans and gaps, word folded); otherwise the folded text
#   is tokenized once;
# * `doc_words(doc)` (what `Document.words` returns): (start, end, key) of each word
#   of doc.text, key lower-case without diacritics; derived from the light tokens
#   whenever that gives the same words as `langs.WORD_RE`, computed apart otherwise.
#
# The tokens are built column by column (re.split gives the words and the gaps;
# offsets are running sums), so no Python code runs per word but Tok's __init__.

_BIG_ENDIAN = sys.byteorder == "big"

_AR_WORD = re.compile(r"[^\W_]+")  # letters and digits (stdlib re: faster than regex here)
# letters and digits, with apostrophe parts ("don't"); stdlib re: faster than regex here
_EN_WORD = re.compile(r"[^\W_]+(?:['’][^\W\d_]+)*")
_AR_RAW_WORD = re.compile(r"[^\W_](?:[^\W_]|[\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed\u0640\u200c\u200d])*")
_SPLIT = {pat: re.compile(f"({pat.pattern})") for pat in (_AR_WORD, _EN_WORD, _AR_RAW_WORD)}
BOUNDARY_CHARS = set(".!?؟:;؛\n،,()[]{}«»\"“”'‘’-–—/|*•…")


@dataclass(slots=True)
class Tok:
    start: int  # span in the text the tokens were taken from
    end: int
    w: str  # the word: folded (Arabic) or lower-cased (English)
    raw: str  # as written in that text
    pre: str  # characters between the previous token and this one


class _Memo(dict):
    """word -> fn(word), computed on first sight; cleared when it grows past `limit`."""

    def __init__(self, fn, limit: int = 500_000):
        super().__init__()
        self.fn, self.limit = fn, limit

    def __missing__(self, key):
        if len(self) > self.limit:
            self.clear()
        v = self[key] = self.fn(key)
        return v


def _columns(text: str, pat) -> tuple[list, list, list, list]:
    """(starts, ends, raws, pres) of the matches of `pat` in `text`."""
    parts = _SPLIT[pat].split(text)  # [pre0, word0, pre1, word1, ..., tail]
    bounds = list(accumulate(map(len, parts)))
    return bounds[0:-1:2], bounds[1::2], parts[1::2], parts[0:-1:2]


def tokenize(text: str, lang: str) -> list[Tok]:
    starts, ends, raws, pres = _columns(text, _AR_WORD if lang == "ar" else _EN_WORD)
    ws = raws if lang == "ar" else list(map(str.lower, raws))
    return list(map(Tok, starts, ends, ws, raws, pres))


def _light_columns(text: str, lang: str) -> tuple[tuple, list[str]]:
    """(columns (starts, ends, raws, pres), words) of the light tokens of a text."""
    if lang == "ar":
        cols = _columns(text, _AR_RAW_WORD)
        ws = list(map(_LIGHT_MEMO.__getitem__, cols[2]))
    else:
        cols = _columns(text, _EN_WORD)
        ws = list(map(str.lower, cols[2]))
    return cols, ws


def light_tokenize(text: str, lang: str) -> tuple[list[Tok], tuple, list[str]]:
    """(tokens, their columns (starts, ends, raws, pres), words): the light tokens of a text."""
    cols, ws = _light_columns(text, lang)
    return list(map(Tok, cols[0], cols[1], ws, cols[2], cols[3])), cols, ws


class TokSeq(Sequence):
    """The tokens of some columns, each Tok made when it is asked for (a new one each
    time).  The rules reach the few tokens they look at through `token_positions`, so
    most tokens of a document are never made (making them was a third of tokenizing)."""

    __slots__ = ("starts", "ends", "ws", "raws", "pres")

    def __init__(self, starts, ends, ws, raws, pres):
        self.starts, self.ends, self.ws, self.raws, self.pres = starts, ends, ws, raws, pres

    def __len__(self) -> int:
        return len(self.starts)

    def __getitem__(self, i):
        if isinstance(i, slice):
            return list(map(Tok, self.starts[i], self.ends[i], self.ws[i], self.raws[i], self.pres[i]))
        return Tok(self.starts[i], self.ends[i], self.ws[i], self.raws[i], self.pres[i])

    def __iter__(self):
        return map(Tok, self.starts, self.ends, self.ws, self.raws, self.pres)


def _light_cols(doc) -> tuple[tuple, list[str]]:
    """Columns (starts, ends, raws, pres) and words of the light tokens of doc.text, once a document."""
    cached = doc.__dict__.get("_lexicon_light_cols")
    if cached is None:
        cached = doc.__dict__["_lexicon_light_cols"] = _light_columns(doc.text, doc.lang)
    return cached


def light_seq(doc) -> Sequence:
    """light_tokens(doc) when they were made, else the same tokens made on access (TokSeq)."""
    toks = doc.__dict__.get("_lexicon_light_toks")
    if toks is not None:
        return toks
    cols, ws = _light_cols(doc)
    return TokSeq(cols[0], cols[1], ws, cols[2], cols[3])


def doc_tokens(doc) -> tuple[str, Sequence, object]:
    """(text, tokens, view) once a document: Arabic tokens come from the folded
    view (map spans back with view.to_base), English from doc.text (view None).
    The tokens are a TokSeq: each Tok is made when it is asked for."""
    cached = doc.__dict__.get("_lexicon_tokens")
    if cached is not None:
        return cached
    if doc.lang == "ar":
        view = doc.folded
        text = view.text
        if len(text) == len(doc.text) and not has_marks(doc.text):
            # same length, nothing dropped: the same words at the same places, folded
            (starts, ends, raws, pres), _ = _light_cols(doc)
            fw = list(map(_FOLD_MEMO.__getitem__, raws))
            toks = TokSeq(starts, ends, fw, fw, pres)
        else:
            starts, ends, raws, pres = _columns(text, _AR_WORD)  # as tokenize(text, "ar")
            toks = TokSeq(starts, ends, raws, raws, pres)
        res = (text, toks, view)
    else:
        (starts, ends, raws, pres), ws = _light_cols(doc)
        res = (doc.text, TokSeq(starts, ends, ws, raws, pres), None)
    doc.__dict__["_lexicon_tokens"] = res
    return res


def token_words(doc, light: bool) -> tuple[list[str], set[str]]:
    """(the word of each token, the set of them) of `light_tokens(doc)` (light) or of
    `doc_tokens(doc)`, once a document: the rules find the few tokens they look at by
    set intersection and `compress` (C loops) instead of a Python loop over every token."""
    key = "_lexicon_light_ws" if light else "_lexicon_tok_ws"
    cached = doc.__dict__.get(key)
    if cached is None:
        if light or doc.lang != "ar":  # English: doc_tokens are the light tokens
            ws = _light_cols(doc)[1]
        else:
            ws = doc_tokens(doc)[1].ws
        cached = doc.__dict__[key] = (ws, set(ws))
    return cached


def token_positions(doc, words, light: bool = False) -> list[int]:
    """Indices, ascending, of the tokens (of `doc_tokens`, or `light_tokens` when light)
    whose word is in the set `words`."""
    ws, present = token_words(doc, light)
    hits = present.intersection(words) if len(present) <= len(words) else words.intersection(present)
    if not hits:
        return []
    return list(compress(range(len(ws)), map(hits.__contains__, ws)))


class TestedWords:
    """A test that depends on the word alone, memoised across documents: (the words tested,
    those that pass).  `positions(doc)` tests only the words of the document not seen before
    and finds its tokens that pass by set operations and `compress`, not by a test of every
    token.  `select(new)` is given the set of new words and returns those that pass.  A call
    takes the pair once and fills `passed` before `seen`, so a call in another thread never
    finds a word tested but not yet recorded; a full memo is replaced, not cleared."""

    __slots__ = ("select", "limit", "memo")

    def __init__(self, select, limit: int = 200_000):
        self.select, self.limit = select, limit
        self.memo: tuple[set[str], set[str]] = (set(), set())

    def positions(self, doc) -> list[int]:
        """Indices, ascending, of the light tokens of doc whose word passes."""
        memo = self.memo
        if len(memo[0]) > self.limit:
            memo = self.memo = (set(), set())
        seen, passed = memo
        new = token_words(doc, light=True)[1] - seen
        if new:
            passed.update(self.select(new))
            seen.update(new)
        return token_positions(doc, passed, light=True)


def digit_positions(doc, light: bool = False) -> list[int]:
    """Indices, ascending, of the tokens whose word starts with a digit."""
    ws = token_words(doc, light)[0]
    return list(compress(range(len(ws)), map(str.isdigit, map(itemgetter(0), ws))))


def light_tokens(doc) -> list[Tok]:
    """Tokens of doc.text itself (spans in doc.text), words light-folded (Arabic)
    or lower-cased (English); once a document."""
    toks = doc.__dict__.get("_lexicon_light_toks")
    if toks is None:
        cols, ws = _light_cols(doc)
        toks = doc.__dict__["_lexicon_light_toks"] = list(map(Tok, cols[0], cols[1], ws, cols[2], cols[3]))
    return toks


# characters after which WORD_RE's words are not the light tokens: an apostrophe (it joins
# "don't"), a joiner (it splits), the Quranic signs of the marks' range that are not marks
_WORDS_DIFFER = re.compile("['’\u200c\u200d\u06dd\u06de\u06e9]")
_ANY_MARK = regex.compile(r"\p{M}")


def doc_words(doc) -> list[tuple[int, int, str]]:
    """(start, end, key) of each word of doc.text; key is lower-case without diacritics
    (the words of langs.WORD_RE, or of PLAIN_WORD_RE when the text has no marks)."""
    text = doc.text
    marks = has_marks(text)
    if doc.lang == "ar" and not _WORDS_DIFFER.search(text):
        (starts, ends, raws, pres), _ = _light_cols(doc)
        # The light tokens are WORD_RE's words unless a mark stands outside them (after
        # a space, or a mark that is not Arabic: WORD_RE takes it into a word).
        if not _ANY_MARK.search("".join(pres) + text[ends[-1] if ends else 0:]):
            return list(zip(starts, ends, map(_KEY_MEMO.__getitem__, raws)))
    if doc.lang != "ar" and not marks:
        cols, ws = _light_cols(doc)  # the same expression as PLAIN_WORD_RE, words lower-cased
        return list(zip(cols[0], cols[1], ws))
    if marks:  # words may carry diacritics inside: the Unicode-aware expression
        return [(m.start(), m.end(), strip_marks(m.group()).lower()) for m in WORD_RE.finditer(text)]
    return [(m.start(), m.end(), m.group().lower()) for m in PLAIN_WORD_RE.finditer(text)]


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


def freq(lang: str):
    """Zipf frequency of each word (Arabic: light_fold; English: lower case) at least
    2.0 frequent, from factcheck/data/freq_<lang>.txt.gz (built from the `wordfreq`
    package by scripts/build_frequency_lists.py, so the package is not needed at run time).

    A mapping word -> Zipf: for a language whose index (freq_<lang>.idx, `ZipfIndex`) is
    there and was built from this very list, the index, which answers `get` for the words
    a document has without building the 187,000-word dict (about 0.1 s a process);
    otherwise the dict.  Once the index has given way to the dict (a long batch), the
    dict itself is returned.  One object a language and process (`freq.cache_clear()`
    forgets them)."""
    f = _FREQ.get(lang)
    if f is None:
        idx = ZipfIndex.open(lang)
        f = _FREQ[lang] = idx if idx is not None else read_freq_list(lang)
    elif type(f) is ZipfIndex and f._dict is not None:
        f = _FREQ[lang] = f._dict
    return f


_FREQ: dict = {}
freq.cache_clear = _FREQ.clear


def freq_list_path(lang: str) -> Path:
    return Path(__file__).resolve().parent / "data" / f"freq_{lang}.txt.gz"


def read_freq_list(lang: str, raw: bytes | None = None) -> dict[str, float]:
    """The frequency list as a dict (from the file, or from its bytes `raw`)."""
    import gzip
    import io

    out: dict[str, float] = {}
    if raw is None:
        path = freq_list_path(lang)
        if not path.is_file():
            return out
        raw = path.read_bytes()
    with io.TextIOWrapper(gzip.GzipFile(fileobj=io.BytesIO(raw)), encoding="utf-8") as f:
        for line in f:
            if line.startswith("#"):
                continue
            z, words = line.rstrip("\n").split("\t", 1)
            out.update(dict.fromkeys(words.split(" "), float(z)))
    return out


# ---------------------------------------------------------------- the frequency index
#
# factcheck/data/freq_<lang>.idx: the words of freq_<lang>.txt.gz as sorted 64-bit hashes
# (the first 8 bytes of BLAKE2b of the UTF-8 word, little-endian) and their Zipf values
# in hundredths, so a process looks up the words it meets (a binary search each) instead of
# building the dict.  Layout, little-endian:
#   8 bytes  magic b"FCZIPF01"
#   4 bytes  n, the number of words
#   4 bytes  CRC-32 of the bytes of freq_<lang>.txt.gz it was built from
#   8 bytes  the size of that file
#   8 bytes  0 (reserved)
#   n x 8    hashes, sorted ascending, all distinct (checked when built)
#   n x 2    Zipf x 100 of the word of each hash (checked: value / 100 == the list's float)
# The index is used only when the CRC and the size match the list beside it; otherwise
# (the list was rebuilt without the index) `freq` reads the list as before.
#
# Collisions: the 187,447 Arabic words have distinct hashes (`build_freq_index` refuses to
# write an index otherwise).  A word not in the list is reported as in it only if its hash
# equals one of the n hashes: about n / 2**64 (1e-14) a distinct unknown word looked up.

INDEX_MAGIC = b"FCZIPF01"
_INDEX_HEADER = 32


def word_hash(w: str) -> int:
    """The 64-bit key of a word in the index (stable across processes and machines)."""
    return int.from_bytes(_blake2b(w.encode("utf-8", "surrogatepass"), digest_size=8).digest(), "little")


def freq_index_path(lang: str) -> Path:
    return Path(__file__).resolve().parent / "data" / f"freq_{lang}.idx"


def build_freq_index(lang: str) -> Path | None:
    """Write freq_<lang>.idx from freq_<lang>.txt.gz (the dict `read_freq_list` gives, so
    the two agree word for word); None when there is no list.  Raises ValueError when two
    words share a hash or a value is not a whole number of hundredths."""
    import struct
    import zlib
    from array import array

    src = freq_list_path(lang)
    if not src.is_file():
        return None
    raw = src.read_bytes()
    table = read_freq_list(lang, raw)
    pairs = sorted((word_hash(w), z, w) for w, z in table.items())
    for a, b in zip(pairs, pairs[1:]):
        if a[0] == b[0]:
            raise ValueError(f"freq_{lang}: {a[2]!r} and {b[2]!r} share a hash")
    keys = array("Q", (h for h, _, _ in pairs))
    vals = array("H")
    for _, z, w in pairs:
        c = round(z * 100)
        if not 0 <= c < 65536 or c / 100 != z:
            raise ValueError(f"freq_{lang}: the value {z!r} of {w!r} is not a whole number of hundredths")
        vals.append(c)
    if _BIG_ENDIAN:
        keys.byteswap()
        vals.byteswap()
    out = freq_index_path(lang)
    tmp = out.with_suffix(".idx.tmp")
    with open(tmp, "wb") as f:
        f.write(INDEX_MAGIC + struct.pack("<IIQQ", len(pairs), zlib.crc32(raw), len(raw), 0))
        f.write(keys.tobytes())
        f.write(vals.tobytes())
    tmp.replace(out)
    return out


class ZipfIndex(Mapping):
    """freq(lang) from the index: `get(word, default)` looks the word up (memoised).
    Iterating reads the whole list (as the dict would), and so does a process that has
    looked up more than DICT_AFTER distinct words (a batch of some 40 articles): from
    then on the dict answers (and `freq` returns it), so a batch never pays much more
    than the dict."""

    DICT_AFTER = 8_000

    def __init__(self, lang: str, keys, vals):
        self.lang, self._keys, self._vals = lang, keys, vals
        self._n = len(keys)
        self._memo: dict[str, float | None] = {}
        self._dict: dict[str, float] | None = None

    @classmethod
    def open(cls, lang: str) -> "ZipfIndex | None":
        """The index of a language when it is there, whole, and built from the list beside it."""
        import struct
        import zlib
        from array import array

        try:
            data = freq_index_path(lang).read_bytes()
            src = freq_list_path(lang).read_bytes()
        except OSError:
            return None
        if len(data) < _INDEX_HEADER or data[:8] != INDEX_MAGIC:
            return None
        n, crc, size, _ = struct.unpack_from("<IIQQ", data, 8)
        if len(data) != _INDEX_HEADER + 10 * n or size != len(src) or crc != zlib.crc32(src):
            return None  # another list (rebuilt without its index): read the list
        keys, vals = array("Q"), array("H")
        keys.frombytes(data[_INDEX_HEADER:_INDEX_HEADER + 8 * n])
        vals.frombytes(data[_INDEX_HEADER + 8 * n:])
        if _BIG_ENDIAN:
            keys.byteswap()
            vals.byteswap()
        return cls(lang, keys, vals)

    def full(self) -> dict[str, float]:
        """The list as a dict (read once)."""
        if self._dict is None:
            self._dict = read_freq_list(self.lang)
        return self._dict

    def get(self, w, default=None):
        if self._dict is not None:
            return self._dict.get(w, default)
        v = self._memo.get(w, _UNSEEN)
        if v is _UNSEEN:
            if not isinstance(w, str):
                return default
            if len(self._memo) >= self.DICT_AFTER:
                return self.full().get(w, default)
            h = word_hash(w)
            keys = self._keys
            i = bisect_left(keys, h)
            v = self._memo[w] = self._vals[i] / 100 if i < self._n and keys[i] == h else None
        return default if v is None else v

    def __getitem__(self, w):
        v = self.get(w)
        if v is None:
            raise KeyError(w)
        return v

    def __contains__(self, w) -> bool:
        return self.get(w) is not None

    def __len__(self) -> int:
        return self._n

    def __iter__(self):
        return iter(self.full())


_UNSEEN = object()


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
        # «لل» + a noun of two letters reads as «ال» + the noun, four letters («للسر» = ل + السر)
        if w.startswith(p) and len(w) - len(p) >= (2 if p == "لل" else 3):
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


_LIGHT_MEMO = _Memo(light_fold)
_FOLD_MEMO = _Memo(fold)
_KEY_MEMO = _Memo(lambda w: strip_marks(w).lower())


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
    from factcheck.resources import builtin_rules_dir, load_data

    names: set[str] = set()
    folder = builtin_rules_dir() / lang / "preposition" / "places"
    if folder.is_dir():
        for p in sorted(folder.glob("*.yaml")):
            data = load_data(lang, f"preposition/places/{p.name}") or {}  # the snapshot when current
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
