"""Finding the figures of a text: numbers that make a quantitative claim, with their
value, unit, counted noun and approximator (attribution: attribution.py).

Arabic is read on the folded view of the text (hamza/alef/ya/ta marbuta folded, no
diacritics, Arabic-Indic digits as ASCII) and mapped back; English on the text itself.
The text is not tokenized as a whole: the digits and the number words present are found
first (a set intersection of the words with the grammar's spellings), and only the
sentences that hold one are tokenized and read.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass, field
from itertools import filterfalse

from factcheck.figures.counts import normalise
from factcheck.figures.grammar import TOKEN_NUMBER, TOKEN_OTHER, TOKEN_WORD, Grammar, ar_stripped, ar_variants, grammar, key_of
from factcheck.figures.numbers import Core, Reader, num_value, parse_digits
from factcheck.lazyrx import bind as _bind_lazy, re_

MAX_TEXT = 2_000_000
_DIGIT_RUNS = re_(r"\d+")
_WORDS = re_(r"[^\W\d_]+")
# [.!?؟]+ before a space, a closing quote or bracket or the end; or a line break. Written to
# start with one character class (the engine then skips to the next candidate at C speed):
# the same matches as r"[.!?؟]+(?=[\s\"'”’»)]|$)|\n", three times as fast
_SENT_END = re_(r"[\n.!?؟](?:(?<=\n)|[.!?؟]*(?=[\s\"'”’»)]|$))")
_ABBR_CHARS = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz.")
_ABBREV = frozenset({"mr", "mrs", "ms", "dr", "st", "rep", "sen", "gov", "gen", "lt", "col", "sgt", "no", "nos",
                     "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "u.s",
                     "u.k", "u.n", "inc", "co", "corp", "ltd", "jr", "sr", "vs", "prof", "capt", "cmdr", "adm", "maj",
                     "ft", "mt", "ave", "blvd", "rd", "e.g", "i.e", "etc", "approx", "est", "dept", "univ", "fig",
                     "p", "pp", "vol", "a.m", "p.m", "d.c", "la", "calif", "fla", "ariz", "mass", "conn", "tenn",
                     "minn", "wash", "ore", "nev", "okla", "colo", "ill", "mich", "wis", "penn", "pa", "va", "ga",
                     "n.y", "n.j", "s", "u", "n"})
_AR_PROC = frozenset({"و", "ف", "ب", "ل", "ك", "وب", "ول", "وك", "فب", "فل"})  # «الـ13» (an ordinal) is not one
_AR_ARTICLE_GLUED = frozenset({"الـ", "ال"})  # «الإصابات الـ3800», «الضحايا ال17»
_EN_STOP = frozenset("""a an the of in on at to for from by with and or but as than that which who whom whose
this these those is are was were be been being has have had do does did will would could should can may might
must it its their his her our your my they them he she we you i there here when while where after before since
during until about over under into onto per each every all some any no not more most less least only just also
still even already yet again very so too then now than out up down off across through against between among
said says say told including include includes included among like such other another what how why if because
whether both either neither nor own same last next this first second third new old many much few several
were are has have had will get got getting made make makes making taken take takes took went go goes going
around near nearly almost approximately roughly according""".split())
_CLAUSE_P = frozenset(",،;؛:()[]«»\"“”—–")
_QUOTE_CHARS = frozenset('«»"“”')

_LIST_NUMBER = re_(r"\d{1,2}\s*[.)\-ـ–]")  # «1.», «2)», «3 -» at the start of a line
_NON_DIGITS = re_(r"\D")
_DIGIT_SEPARATOR = re_(r"[,.\u066b\u066c\u2009\u202f\u00a0]")
_DOTTED_DATE = re_(r"(0?[1-9]|[12]\d|3[01])\.(0?[1-9]|1[0-2])\.(\d{2}|(19|20)\d{2})")


class Tok:
    __slots__ = ("kind", "s", "e", "text", "key")

    def __init__(self, kind, s, e, text, key):
        self.kind, self.s, self.e, self.text, self.key = kind, s, e, text, key

    def __repr__(self):
        return f"Tok({self.kind},{self.text!r})"


# TOKEN_RE with its branches as plain groups, words first: the branches begin with characters
# of their own (a letter, other, a digit), so the order changes no token, only how soon a word
# (the most frequent) is tried; split gives (word, other, number) with the one that matched
_TOKENS = re_(rf"({TOKEN_WORD})|({TOKEN_OTHER})|({TOKEN_NUMBER})")
# after a count named again and its noun, words that pick a group out of those counted
_PICKED_OUT = frozenset({"who", "that", "whose", "with", "from", "among", "aged"})


def _is_w(ch: str) -> bool:
    """A word character of re (\\w, Unicode): a letter, a digit or the underscore."""
    return ch.isalnum() or ch == "_"


def tokenize(text: str, a: int, b: int, lang: str) -> list[Tok]:
    """Tokens of text[a:b]: numbers ("n"), words ("w", key lower-cased in English), other
    characters ("p"). re.split gives the tokens and the gaps between them in order, so the
    positions are running sums (no match objects, no search); the tokens are made without a
    call to __init__ (this runs for every token the figures read)."""
    out = []
    ap = out.append
    ar = lang == "ar"
    new = object.__new__
    # [gap, word, other, number, gap, ...]: one of the three groups of each token is set
    parts = _TOKENS.split(text[a:b])
    pos = a
    for k in range(0, len(parts) - 1, 4):
        pos += len(parts[k])
        t = new(Tok)
        w = parts[k + 1]
        if w:
            e = pos + len(w)
            c = w[0]
            if c.isalpha():
                t.kind, t.key = "w", (w if ar else w.lower())
            elif c.isdigit():  # «²»: a letter of the regex, a digit of str
                t.kind, t.key = "n", w
            else:
                t.kind, t.key = "p", w
        else:
            w = parts[k + 2]
            if w:
                e = pos + 1
                t.kind = "p"
            else:
                w = parts[k + 3]
                e = pos + len(w)
                t.kind = "n"
            t.key = w
        t.s, t.e, t.text = pos, e, w
        ap(t)
        pos = e
    return out


@dataclass
class Figure:
    start: int  # offsets into doc.text
    end: int
    value: float
    high: float | None = None
    unit: str | None = None
    counts: str | None = None
    counts_key: str | None = None
    approx: str | None = None
    bound: str = "exact"  # exact | about | lower | upper
    attributed: bool = False
    source: tuple | None = None  # (start, end) in doc.text
    kind: str = "count"  # count money measure percent fraction times
    words: bool = False
    title: bool = False
    sentence: int = 0  # index of the sentence in the document
    para: int = 0  # index of the line (paragraph) in the document
    quoted: bool = False  # inside a quotation
    listy: bool = False  # on a short line of a list or a table («ملعب قابس : 1500 متفرج»)
    definite: bool = False  # «الدول الأربع», "the two Republicans"
    restates: bool = False  # «الإصابات الـ3800», «المتهمين الاثنين والثلاثين»: definite after a definite plural
    text: str = ""
    # positions in the text the grammar read (folded view for Arabic)
    ts: int = 0
    te: int = 0
    # what the checks read around the number, computed when first asked for (most figures
    # never are): the extractor, the token window and the indices of the number and its noun
    lazy: tuple | None = field(default=None, repr=False, compare=False)
    _memo: dict = field(default_factory=dict, repr=False, compare=False)

    def _get(self, name):
        v = self._memo.get(name)
        if v is None:
            ex, toks, i0, a0, tail_i, noun_i, nxt, noun_key = self.lazy
            if name == "ctx_before":
                v = ex._context_keys(toks, i0 - 1, -1)
            elif name == "ctx_after":
                v = ex._modifier_keys(toks, tail_i, noun_i) + ex._context_keys(toks, a0, 1)
            elif name == "cue_words":
                v = ex._clause_cues(toks, i0, nxt)
            else:
                v = ex._partial(toks, i0, a0, noun_key)
            self._memo[name] = v
        return v

    @property
    def ctx_before(self) -> tuple:
        """Content words before the number (keys)."""
        return self._get("ctx_before") if self.lazy else ()

    @property
    def ctx_after(self) -> tuple:
        """Content words after the number and its noun (English: with the noun's modifiers)."""
        return self._get("ctx_after") if self.lazy else ()

    @property
    def cue_words(self) -> frozenset:
        """Change and comparison words of the figure's clause («ارتفع»، "revised", "compared")."""
        return self._get("cue_words") if self.lazy else frozenset()

    @property
    def partial(self) -> bool:
        """A part or a rate: «6 دول أخرى», "three others", «بمعدل 129 مريضا يوميا», "24 cents a share"."""
        return self._get("partial") if self.lazy else False

    def as_dict(self, doc) -> dict:
        s, e = doc.view.to_base(self.start, self.end)
        d = {"start": s, "end": e, "text": doc.source[s:e], "value": num_value(self.value)}
        if self.high is not None:
            d["high"] = num_value(self.high)
        d["unit"] = self.unit
        d["counts"] = self.counts
        d["approx"] = self.approx
        d["attributed"] = self.attributed
        if self.source is not None:
            ss, se = doc.view.to_base(*self.source)
            d["source"] = {"start": ss, "end": se, "text": doc.source[ss:se]}
        else:
            d["source"] = None
        return d


@dataclass
class Sentence:
    s: int  # span in the read text
    e: int
    para: int
    title: bool = False
    toks: list | None = None
    words: frozenset | None = None


class Extractor:
    def __init__(self, lang: str):
        self.lang = lang
        self.ar = lang == "ar"
        self.g: Grammar = grammar(lang)
        self.reader = Reader(self.g)
        self._bounds: dict = {}  # (phrase keys, payload) -> bound, see _bound
        self._nouns: dict = {}  # noun as written -> normalise(noun), see _normalise
        self._country_memo: dict = {}  # see _country_hint; emptied for each text

    # ------------------------------------------------------------------ driving

    def run(self, text: str, to_doc, date_spans=(), title_line: int | None = 0, doc_text: str | None = None,
            words=None):
        """Figures of `text` (the text the grammar reads); to_doc maps a span to doc.text;
        date_spans are (start, end) in doc.text coordinates of date expressions; `words`, when
        given, is a set that holds every whole word of the text as `_candidates` reads it (see
        there): the number words are found from it instead of splitting the text again."""
        if len(text) > MAX_TEXT:
            text = text[:MAX_TEXT]
        self.text = text
        self.doc_text = doc_text if doc_text is not None else text
        self.to_doc = to_doc
        self._country_memo = {}  # id(countries of a currency) -> the code the text names most
        cands = self._candidates(text, words)
        sentences, line_starts = split_sentences(text, self.lang, title_line)
        self.sentences = sentences
        self.line_starts = line_starts
        if not cands:
            return [], sentences
        dates = sorted(date_spans)
        date_starts = [d[0] for d in dates]
        sent_starts = [s.s for s in sentences]
        by_sent: dict[int, list[int]] = {}
        for c in cands:
            k = bisect_right(sent_starts, c) - 1
            if k < 0 or c >= sentences[k].e:
                continue
            if dates:  # a number inside a date expression is no figure: not read at all
                ds, de = to_doc(c, c + 1)
                if _overlaps_any(ds, de, dates, date_starts):
                    continue
                # nor the other end of a range that a date opens, written close: "Oct. 25-30",
                # "2014-15" (not "March 3 - 5 people died")
                if c >= 2 and text[c - 1] in "-–" and text[c - 2].isdigit() and \
                        _overlaps_any(*to_doc(c - 2, c - 1), dates, date_starts):
                    continue
            by_sent.setdefault(k, []).append(c)
        figures: list[Figure] = []
        for k in sorted(by_sent):
            sent = sentences[k]
            self._sent = sent
            self._sent_figs = []
            # only the neighbourhood of the numbers is tokenized, not the sentence
            for wa, wb, cs in _windows(text, sent, by_sent[k]):
                toks = tokenize(text, wa, wb, self.lang)
                self._keys = [t.key for t in toks]
                tstarts = [t.s for t in toks]
                pos = set()
                for c in cs:
                    ti = bisect_right(tstarts, c) - 1
                    if ti >= 0:
                        pos.add(ti)
                done_until = -1
                for ti in sorted(pos):
                    if ti < done_until:
                        continue
                    got, nxt = self._figure_at(toks, ti, sent)
                    done_until = max(done_until, nxt)
                    self._sent_figs.extend(got)
                    for f in got:
                        f.sentence = k
                        f.para = sent.para
                        f.title = sent.title
                        f.listy = self._listy(f.ts)
                        ds, de = to_doc(f.ts, f.te)
                        if _overlaps_any(ds, de, dates, date_starts):
                            continue
                        f.start, f.end = ds, de
                        f.text = self.doc_text[ds:de]
                        figures.append(f)
        return _drop_anaphoric(figures), sentences

    def _listy(self, pos: int) -> bool:
        text = self.text
        ls = text.rfind("\n", 0, pos) + 1
        le = text.find("\n", pos)
        line = text[ls:le if le != -1 else len(text)].strip()
        if not line:
            return False
        if line[0] in "-*•●▪◦·" or _LIST_NUMBER.match(line):
            return True
        return len(line) < 90 and (":" in line[:max(1, pos - ls)] or "|" in line or "\t" in line)

    def _candidates(self, text: str, words=None) -> list[int]:
        """Positions of the first digit of each number and of each number word of the grammar.

        `words` (optional): a set holding every run of word characters (re's \\w without the
        underscore) of the lower-cased text, or such runs with parts joined by an apostrophe
        ("one's"), as the document's tokens are (factcheck.lexicon.token_words). It only picks
        the number words to look for: a number word stands as a whole word (what is appended
        below) only where it is such a run, or a part of one between apostrophes."""
        isdigit = str.isdigit
        out = []
        for m in _DIGIT_RUNS.finditer(text):
            p = m.start()
            if p == 0 or not isdigit(text[p - 1]):
                out.append(p)
        low = text if self.ar else text.lower()
        forms = self.g.word_forms
        if words is not None:
            present = words & forms if len(words) < len(forms) else forms & words
            if not self.ar:  # "one's", "o'clock": the parts between apostrophes
                joined = list(filterfalse(str.isalnum, words))
                if joined:
                    present |= set(_WORDS.findall(" ".join(joined))) & forms
        else:
            # the runs of letters of the text (_WORDS) that are number words: a run never holds a
            # space, so it is a whole space-separated chunk made of letters only, or one of the
            # runs of a chunk with other characters (read with _WORDS); no list of every word is made
            chunks = set(low.split())
            present = chunks & forms
            mixed = [w for w in chunks if not w.isalpha()]
            if mixed:
                present |= set(_WORDS.findall(" ".join(mixed))) & forms
        # a present word where it stands as a whole word (what r"\b(?:w1|w2...)\b" finds: the
        # words are runs of letters, so no two of them match at one place)
        n = len(low)
        for w in present:
            k = len(w)
            i = low.find(w)
            while i != -1:
                j = i + k
                if (i == 0 or not _is_w(low[i - 1])) and (j >= n or not _is_w(low[j])):
                    out.append(i)
                i = low.find(w, j)  # w is word characters: no match starts inside it
        out.sort()
        return out

    # ------------------------------------------------------------------ one figure

    def _figure_at(self, toks, i, sent):
        """(figures, next token index) for a candidate at token i."""
        g, r = self.g, self.reader
        n = len(toks)
        core = None
        start_i = i
        if not self.ar and toks[i].kind == "w":
            # "a million", "a third", "two-thirds": the reading may start one word earlier
            if i > 0 and toks[i - 1].kind == "w" and toks[i - 1].key in g.article_words:
                core = r.numerator_fraction(toks, i - 1) or r.parse(toks, i - 1)
                if core is not None:
                    start_i = i - 1
            if core is None:
                core = r.numerator_fraction(toks, i)
        if core is None:
            core = r.parse(toks, i, count_hint=lambda k: self._count_hint(toks, k))
        if core is None:
            return [], i + 1
        if self._not_number_phrase(toks, core):
            return [], core.i1
        # ---- exclusions on the left (with the second number of a pair: «Republic 2-1»)
        if self._excluded_left(toks, core, sent):
            nxt = core.i1
            if nxt + 1 < n and toks[nxt].kind == "p" and toks[nxt].text in "-–" and toks[nxt + 1].kind == "n":
                nxt += 2
            return [], nxt
        # ---- «(200) ألف يورو», «ذو الـ(21) عامًا»: a number in brackets read with what follows
        if core.digits and core.i0 > 0 and core.i1 + 1 < n and toks[core.i0 - 1].text in "(\"«" \
                and toks[core.i1].text in ")\"»" and toks[core.i1 + 1].kind == "w":
            after = toks[core.i1 + 1]
            rr = r.word(after.key, False) if self.ar else None
            tk = after.key
            if tk in self.g.time_units or (self.ar and any(x in self.g.time_units for x in ar_stripped(tk))):
                return [], core.i1 + 2
            if rr is not None and rr[0] == "scale" and rr[3] == 0:
                core.value *= rr[1]
                core.has_scale, core.scale, core.e, core.digits = True, rr[1], after.e, ""
                core.i1 = core.i1 + 2
        # ---- a range or a score
        low, high, j = core, None, core.i1
        rng = self._range(toks, core, sent)
        if rng == "skip":
            nxt = core.i1
            # skip the second number of a score or an identifier pair as well
            while nxt < n and toks[nxt].kind == "p" and toks[nxt].text in "-–—:/":
                nxt += 1
            if nxt < n and toks[nxt].kind == "n":
                nxt += 1
            return [], nxt
        if rng is not None:
            high, j = rng
        f = self._build(toks, low, high, j, sent)
        if f is None:
            return [], (high.i1 if high is not None else core.i1)
        return [f], max(f._next, (high.i1 if high is not None else core.i1))

    def _count_hint(self, toks, k) -> bool:
        """Is the number at token k followed by a counted noun (no unit, no percent)?
        Decides «10.000 طالب» = 10000 in Arabic copy."""
        n = len(toks)
        if k + 1 >= n:
            return False
        t = toks[k + 1]
        if t.kind != "w":
            return False
        keys = self._keys[k + 1:k + 4]
        g = self.g
        if g.percent.match_at(keys, 0) or g.units.match_at(keys, 0) or g.currencies.match_at(keys, 0):
            return False
        if self.reader.word(t.key, False):
            return False  # a scale word: «1.500 مليون» is 1.5 million
        return True

    def _not_number_phrase(self, toks, core) -> bool:
        ps = self.g.not_number_phrases
        if not ps:
            return False
        keys = self._keys
        first = ps.by_first
        for s in range(max(0, core.i0 - 2), core.i0 + 1):
            if keys[s] not in first:
                continue  # no phrase starts here
            m = ps.match_at(keys, s)
            if m and s + m[0] > core.i0:
                return True
        return False

    def _prev_word_keys(self, toks, i):
        """Keys of the word before token i, with its Arabic readings without proclitics."""
        if i <= 0 or toks[i - 1].kind != "w":
            return ()
        k = toks[i - 1].key
        if self.ar:
            return ar_stripped(k)
        return (k,)

    def _excluded_left(self, toks, core, sent) -> bool:
        g = self.g
        i0 = core.i0
        t0 = toks[i0]
        prev = toks[i0 - 1] if i0 > 0 else None
        text = self.text
        # «الثالثة عشرة» (thirteenth): the tens word of an ordinal, no count of ten
        if self.ar and t0.kind == "w" and t0.key in g.ten_words and prev is not None and prev.kind == "w":
            pk = prev.key[1:] if prev.key[:1] in "وف" and prev.key[1:3] == "ال" else prev.key
            if (pk[2:] if pk.startswith("ال") else pk) in g.ordinal_units:
                return True
        # «الإصابات الـ3800 المسجلة»: the article glued to digits after a definite plural restates
        # the count of that noun (a cardinal; after a singular, «الرئيس الـ45», an ordinal)
        if self.ar and prev is not None and prev.kind == "w" and prev.e == core.s and t0.kind == "n" \
                and prev.key in _AR_ARTICLE_GLUED and self._definite_plural(toks, i0 - 2, prev.s):
            core.glued_article = True
        # glued to letters or symbols before it: «حي الصفا1», "G20", "COVID-19", "#5", "10:30"
        if prev is not None and prev.e == core.s and not core.glued_article:
            if prev.kind == "w":
                if self.ar:
                    pk = prev.key
                    if not (pk in _AR_PROC or g.approx_before.match_ending([pk], 1,
                            lambda s: ar_stripped(pk)) or pk in ("نحو", "حوالي")):
                        if any(0x0600 <= ord(c) <= 0x06FF for c in pk):
                            return True
                        return True
                else:
                    return True
            elif prev.kind == "p":
                if prev.text in "#@/\\:_&" or (prev.text in "-–" and i0 >= 2 and toks[i0 - 2].e == prev.s
                                                 and toks[i0 - 2].kind == "w" and t0.kind == "n"):
                    return True
                if prev.text in "+" and t0.kind == "n":
                    return True
        if t0.kind == "n":
            nxt = toks[core.i1] if core.i1 < len(toks) else None
            # «9/ 10/ 1436هـ», «2015/08/01»: a date written with slashes
            if (nxt is not None and nxt.kind == "p" and nxt.text in "/\\" and core.i1 + 1 < len(toks)
                    and toks[core.i1 + 1].kind == "n") or (prev is not None and prev.kind == "p"
                                                           and prev.text in "/\\" and i0 >= 2 and toks[i0 - 2].kind == "n"):
                return True
            # a year with its era glued or after it: «1436هـ», «2015م»
            if nxt is not None and nxt.kind == "w" and nxt.key in g.year_after and core.value == int(core.value) \
                    and 300 <= core.value <= 2200 and "," not in t0.text and "." not in t0.text:
                return True
            if nxt is not None and nxt.kind == "p" and nxt.text == ":" and nxt.s == core.e and core.i1 + 1 < len(toks) \
                    and toks[core.i1 + 1].kind == "n" and toks[core.i1 + 1].s == nxt.e:
                return True  # 10:30
            digits = t0.text
            if _DOTTED_DATE.fullmatch(text[core.s:core.e]) or _DOTTED_DATE.fullmatch(digits):
                return True  # «12.03.2025», «3.4.25»: a date written with dots
            if digits.startswith("0") and len(digits) >= 4 and digits[1:2] not in (".", ",", "\u066b"):
                return True  # phone numbers, codes
            if len(digits) >= 9 and len(_NON_DIGITS.sub("", digits)) >= 9 and not _DIGIT_SEPARATOR.search(digits):
                return True
            # list numbering at the start of a line: «1.», «2)»
            if nxt is not None and nxt.kind == "p" and nxt.text in ".)" and nxt.s == core.e:
                ls = text.rfind("\n", 0, core.s) + 1
                if not text[ls:core.s].strip():
                    return True
            # three or more digit groups in a row: a phone number or a code
            if nxt is not None and nxt.kind == "n" and core.i1 + 1 < len(toks) and toks[core.i1 + 1].kind == "n":
                return True
        # «الرئيس الـ45»: an ordinal
        if self.ar and prev is not None and prev.kind == "w" and prev.key in ("ال", "وال") and t0.kind == "n" \
                and not core.glued_article:
            return True
        # identifier labels: «المادة 12», "No. 10", "Category 4", «رقم ( 1477 - 2015 )»
        pk = self._prev_word_keys(toks, i0)
        if not pk and prev is not None and prev.text in "(\"«“" and i0 >= 2:
            pk = self._prev_word_keys(toks, i0 - 1)
        if not self.ar and t0.kind == "n":
            k = i0 - 1
            if k >= 0 and toks[k].text == ".":
                k -= 1
            if k >= 0 and toks[k].kind == "w" and toks[k].key in g.months:
                return True  # «Feb. 26»
        if pk and any(k in g.labels for k in pk) and not (t0.kind == "n" and self._percent_at(toks, core.i1)):
            # but «قتل 12», "top" etc. only when the label is the word just before; a share is no
            # label («أيّد القرار 49 % من المستجيبين», not resolution 49)
            return True
        if prev is not None and prev.kind == "p" and prev.text == "." and i0 >= 2 and toks[i0 - 2].kind == "w" \
                and toks[i0 - 2].key in ("no", "nos"):
            return True
        if pk and any(k in g.number_word_labels for k in pk):
            pk2 = self._prev_word_keys(toks, i0 - 1)
            if any(k in g.number_word_after for k in pk2):
                return True
        if not self.ar and prev is not None and prev.kind == "w" and len(prev.text) == 1 and prev.text.isupper() \
                and i0 >= 2 and toks[i0 - 2].text == "&":
            return True  # S&P 500
        # «Nokia 3220», «Local 1534», «Windows 10»: a capitalised name before plain digits
        # (Latin names in Arabic copy too: «Honor 9 Lite»)
        if self.ar and t0.kind == "n" and prev is not None and prev.kind == "w" and prev.text[:1].isascii() \
                and prev.text[:1].isalpha():
            return True
        if self.ar and t0.kind == "n" and core.i1 < len(toks) and toks[core.i1].kind == "w" \
                and toks[core.i1].s == core.e and toks[core.i1].text[:1].isascii():
            return True  # «Honor 7X», «4K»
        if not self.ar and t0.kind == "n" and prev is not None and prev.kind == "w" and prev.text[:1].isupper() \
                and i0 >= 1 and _DIGIT_RUNS.fullmatch(t0.text) and not self._sentence_initial(toks, i0 - 1) \
                and prev.key not in g.approx_before.by_first and prev.key not in _EN_STOP \
                and not (i0 >= 2 and toks[i0 - 2].kind == "p" and toks[i0 - 2].text in "$£€"):
            return True
        # ages
        if self._age(toks, core):
            return True
        return False

    def _definite_plural(self, toks, k, before) -> bool:
        """Is token k a definite plural noun standing just before `before` (spaces only)?"""
        if k < 0 or toks[k].kind != "w" or self.text[toks[k].e:before].strip(" \u00a0") != "":
            return False
        key = toks[k].key
        for p in ("وال", "بال", "فال", "كال", "لل", "ال"):
            if key.startswith(p) and len(key) - len(p) >= 3:
                bare = key_of(key[len(p):], "ar")
                break
        else:
            return False
        g = self.g
        if bare in g.singulars:
            return False
        return bare in g.plurals or bare in g.plural_only or (len(bare) >= 4 and bare.endswith(("ات", "ين", "ون")))

    def _sentence_initial(self, toks, i) -> bool:
        k = i - 1
        while k >= 0 and toks[k].kind == "p" and toks[k].text in "\"“‘'(«-–—":
            k -= 1
        return k < 0

    def _age(self, toks, core) -> bool:
        g = self.g
        i0 = core.i0
        n = len(toks)
        keys = self._keys
        m = g.age_before.match_ending(keys, i0, (lambda s: ar_stripped(keys[s])) if self.ar else None)
        if m is not None:
            if not self.ar and keys[i0 - 1] in ("under", "over", "between"):
                # "children under 5": an age only after people and with no noun after it
                s0 = m[0]
                if s0 == 0 or keys[s0 - 1] not in g.age_people:
                    return False
                nx = toks[core.i1] if core.i1 < n else None
                if nx is not None and nx.kind == "w" and nx.key not in ("and", "or", "years", "year") \
                        and nx.key not in _EN_STOP:
                    return False
            return True
        if self.ar or toks[i0].kind != "n" or core.value >= 125 or core.value != int(core.value):
            return False
        nx = toks[core.i1] if core.i1 < n else None
        pv = toks[i0 - 1] if i0 > 0 else None
        pp = toks[i0 - 2] if i0 > 1 else None
        # "dies at 84", "died at the age of 84"
        if pv is not None and pv.kind == "w" and pv.key == "at" and pp is not None and pp.key in g.age_verbs \
                and (nx is None or nx.kind == "p" or nx.key in _EN_STOP):
            return True
        # "He was 85.", "Smith was 45,": an age said of a person
        if pv is not None and pv.kind == "w" and pv.key in ("was", "is", "turned", "turns", "turn") and pp is not None \
                and pp.kind == "w" and (pp.key in ("he", "she", "i", "who") or pp.text[:1].isupper()) \
                and (nx is None or nx.kind == "p" or nx.key in ("when", "and", "years", "at", "in", "on")):
            return True
        # "Smith, 45," / "Smith (45)"
        if pv is not None and pv.text in (",", "(") and pp is not None and pp.kind == "w" and pp.text[:1].isupper():
            if nx is None or (nx.kind == "p" and nx.text in ",);.") or (nx.kind == "w" and nx.key in ("and", "of")):
                if pv.text == "(" and not (nx is not None and nx.text == ")"):
                    return False
                return True
        return False

    def _range(self, toks, core, sent):
        """None, "skip" (a score, a year span, an identifier pair) or (high core, next index)."""
        g, r = self.g, self.reader
        n = len(toks)
        j = core.i1
        if j >= n:
            return None
        t = toks[j]
        low_open = self._prev_word_keys(toks, core.i0)
        # «30-40», "30 - 40"
        if t.kind == "p" and t.text in "-–—" and j + 1 < n and toks[j + 1].kind == "n":
            if core.digits == "" and core.words:
                return None
            if not self.ar and t.s == core.e and toks[j + 1].s == t.e and core.i0 > 0 and toks[core.i0 - 1].kind == "p" \
                    and toks[core.i0 - 1].text in "$£€":
                pass
            hi = r.parse(toks, j + 1)
            if hi is None:
                return None
            lo_v, hi_v = core.value, hi.value
            both_small = lo_v < 30 and hi.value < 30 and lo_v == int(lo_v) and hi_v == int(hi_v) and not hi.has_scale
            if self._is_year(core) and (self._is_year(hi) or len(toks[j + 1].text) == 2):
                return "skip"
            if both_small and (self._sentence_has(sent, g.score_words) or lo_v > hi_v):
                return "skip"
            if lo_v >= hi_v and not hi.has_scale:
                return "skip"
            return hi, hi.i1
        # «بين 30 و40», "between 30 and 40"
        opened = any(k in g.range_open for k in low_open)
        if not opened and core.i0 >= 2 and toks[core.i0 - 1].kind == "w":
            two = (toks[core.i0 - 2].key, toks[core.i0 - 1].key)
            opened = " ".join(two) in g.range_open
        if t.kind == "w":
            conn_and = t.key in g.range_and
            conn_to = t.key in g.range_to
            glued = None
            if self.ar and not conn_and and not conn_to and t.key.startswith("و"):
                hi = r.parse(toks, j)
                if hi is not None and toks[j].key[0] == "و" and hi.s == t.s + 1:
                    glued = hi
            if glued is not None or ((conn_and or conn_to) and j + 1 < n):
                hi = glued or r.parse(toks, j + 1)
                if hi is None:
                    return None
                is_and = glued is not None or conn_and
                from_word = any(k in ("من", "from") for k in low_open)
                between = any(k in ("بين", "between") for k in low_open) or (
                    core.i0 >= 2 and toks[core.i0 - 2].key in ("ما",) and toks[core.i0 - 1].key == "بين")
                if is_and and not conn_to and not between:
                    return None
                if is_and and t.key in ("و",) and not between and not glued:
                    return None
                if is_and and between:
                    pass
                elif conn_to:
                    if t.key == "و" and not between:
                        return None
                    # «ارتفع من 8500 إلى 10 آلاف», "rose from 5% to 7%": a change, two figures
                    if from_word and self._change_before(toks, core.i0 - 1, sent):
                        return None
                    if hi.value <= core.value and not hi.has_scale:
                        return None
                else:
                    return None
                if hi.value < core.value and not (hi.has_scale and not core.has_scale):
                    return None
                return hi, hi.i1
        del opened
        return None

    def _is_year(self, core, low=1800) -> bool:
        d = core.digits
        return bool(d) and len(d) == 4 and d.isdigit() and low <= int(d) <= 2100

    def _sentence_has(self, sent, words) -> bool:
        """Does the sentence hold one of the words (Arabic: with or without proclitics)?"""
        ws = sent_words(self.text, sent, self.ar)
        if not ws.isdisjoint(words):
            return True
        if self.ar:
            return any(not words.isdisjoint(ar_stripped(w)) for w in ws if w[:1] in "وفبلك")
        return False

    def _clause_start(self, toks, i) -> int:
        k = i - 1
        while k >= 0:
            t = toks[k]
            if t.kind == "p" and t.text in _CLAUSE_P:
                return k + 1
            k -= 1
        return 0

    def _change_before(self, toks, i, sent) -> bool:
        g = self.g
        for t in toks[self._clause_start(toks, i):i]:
            if t.kind != "w":
                continue
            if t.key in g.change or (self.ar and any(x in g.change for x in ar_stripped(t.key))):
                return True
        return False

    # ------------------------------------------------------------------ building

    def _build(self, toks, low: Core, high: Core | None, j: int, sent) -> Figure | None:
        g = self.g
        n = len(toks)
        text = self.text
        last = high or low
        s, e = low.s, last.e
        unit = None
        kind = "count"
        value, hi_v = low.value, (high.value if high else None)
        tail_i = last.i1
        # ---- currency sign before: "$1.5 million", "US$40", «$ 500»
        i0 = low.i0
        if i0 > 0 and toks[i0 - 1].kind == "p" and toks[i0 - 1].text in g.currency_signs:
            sign = toks[i0 - 1]
            unit = g.currency_signs[sign.text]
            kind = "money"
            s = sign.s
            if i0 > 1 and toks[i0 - 2].kind == "w" and toks[i0 - 2].e == sign.s and toks[i0 - 2].key in g.sign_prefixes:
                unit = g.sign_prefixes[toks[i0 - 2].key]
                s = toks[i0 - 2].s
            i0 = i0 - 1
        # ---- glued letters after digits (English): "3bn", "100km", "21st", "5G", "1990s", "10pc"
        if not self.ar and tail_i < n and toks[tail_i].kind == "w" and toks[tail_i].s == last.e and last.digits:
            w = toks[tail_i].key
            if w in ("st", "nd", "rd", "th", "s", "x", "d", "g", "ks") and not (w == "k" and kind == "money"):
                return None
            nxw = toks[tail_i + 1].key if tail_i + 1 < n and toks[tail_i + 1].kind == "w" else ""
            if w in ("m", "k", "km") and kind != "money" and (nxw in g.race_words or (
                    i0 > 0 and toks[i0 - 1].key in ("olympic", "the") and nxw in g.race_words)):
                return None  # «the 200m final», "5k run": an event, not a measure
            if w in g.abbr and (w not in g.money_only_abbr or kind == "money" or self._currency_after(toks, tail_i + 1)):
                mult = g.abbr[w]
                value *= mult
                if hi_v is not None:
                    hi_v *= mult
                    if not low.has_scale and value / mult * mult <= hi_v:
                        pass
                e = toks[tail_i].e
                tail_i += 1
                last_scale_applied = True
                del last_scale_applied
            elif g.percent.match_at([w], 0):
                e = toks[tail_i].e
                unit, kind = "%", "percent"
                tail_i += 1
            elif g.units.match_at(self._keys[tail_i:tail_i + 3], 0):
                pass  # read below
            else:
                return None
        # a scale written once applies to both ends of a range: «بين 30 و40 ألفا», "$5-6 billion"
        if high is not None and high.has_scale and not low.has_scale and value * high.scale <= hi_v:
            value *= high.scale
        # ---- percent
        if kind != "percent":
            pct = self._percent_at(toks, tail_i)
            if pct is not None:
                e, tail_i = pct
                unit, kind = "%", "percent"
            elif i0 > 0 and toks[i0 - 1].kind == "p" and toks[i0 - 1].text in "%٪" and toks[i0 - 1].e == low.s:
                s = toks[i0 - 1].s  # «%45» typed the other way round
                unit, kind = "%", "percent"
        # ---- hyphenated English tail: "217-foot", "10-point", "45-year-old", "100-plus", "15-member"
        hyph_noun = None
        plus_after = False
        if not self.ar and tail_i + 1 < n and toks[tail_i].kind == "p" and toks[tail_i].text == "-" \
                and toks[tail_i].s == e and toks[tail_i + 1].kind == "w" and toks[tail_i + 1].s == toks[tail_i].e:
            w = toks[tail_i + 1].key
            if w in g.time_units or w in ("year-old", "old"):
                return None
            keys = self._keys[tail_i + 1:tail_i + 4]
            um = g.units.match_at(keys, 0)
            if w == "plus":
                tail_i += 2
                plus_after = True
            elif um is not None and kind == "count":
                unit, kind = um[1], ("times" if um[1] == "times" else "measure")
                tail_i += 1 + um[0]
            elif w in ("point", "points") and kind == "count":
                unit, kind = "point", "measure"
                tail_i += 2
            elif kind == "count":
                hyph_noun = toks[tail_i + 1]
                tail_i += 2
        # ---- currency word after: «3 مليارات دولار», "5 million dollars", "3bn euros"
        cur_i = tail_i
        if kind in ("count",):
            cm = self._currency_after(toks, tail_i)
            if cm is not None:
                unit, ln = cm
                kind = "money"
                tail_i += ln
        # ---- units and multipliers
        if kind == "count" and hyph_noun is None:
            um = self._unit_after(toks, tail_i)
            if um is not None:
                unit, ln = um
                kind = "times" if unit == "times" else "measure"
                tail_i += ln
        # ---- the counted noun
        counts = counts_key = None
        raw_noun_key = None
        definite = False
        noun_i = None
        if hyph_noun is not None:
            # "a 15-member panel": the noun after the compound, else the compound word
            noun_i = self._en_noun_after(toks, tail_i)
            if noun_i is None:
                noun_i = tail_i - 1
        elif kind == "count" and low.fraction:
            noun_i = self._noun_after(toks, tail_i, partitive=True)
        elif kind in ("count",):
            skip = 1 if (not self.ar and low.value == 1 and tail_i < n and toks[tail_i].key == "more") else 0
            noun_i = self._noun_after(toks, tail_i + skip, partitive=True)  # "one more rate hike"
        elif kind in ("percent", "measure", "money", "times"):
            noun_i = self._noun_after(toks, tail_i, partitive=True, only_partitive=(kind != "measure" or self.ar))
        # time units after the number: a duration, not a figure («3 أيام», "two weeks")
        if kind == "count" and tail_i < n and toks[tail_i].kind == "w":
            tk = toks[tail_i].key
            if tk in g.time_units or (self.ar and any(x in g.time_units for x in ar_stripped(tk))):
                return None
        if low.fraction:
            unit, kind = "fraction", "fraction"
        # a bond yield «2,758%» is 2.758: a thousands comma cannot give a percentage that large
        if unit == "%" and low.digits and low.digits.count(",") == 1 and value > 100 \
                and len(low.digits.split(",")[1]) == 3:
            value = value / 1000
        # cents and pence: "47 cents" is 0.47 USD
        if kind == "count" and tail_i < n and toks[tail_i].kind == "w" and toks[tail_i].key in g.minor_units:
            unit, kind = g.minor_units[toks[tail_i].key], "money"
            value = value / 100
            if hi_v is not None:
                hi_v = hi_v / 100
            tail_i += 1
        # a written sign: «-3,43%», "negative $1.6 million"
        if low.digits or kind == "money":
            c0 = toks[i0 - 1] if i0 > 0 else None
            if c0 is not None and c0.kind == "p" and c0.text in "-−" and c0.e == toks[i0].s and (
                    i0 == 1 or toks[i0 - 2].e < c0.s or toks[i0 - 2].text in "(«\""):
                value, s = -value, c0.s
            elif c0 is not None and c0.kind == "w" and c0.key in ("negative", "minus", "سالب") and not (
                    c0.key == "minus" and i0 >= 3 and toks[i0 - 2].key == "or" and toks[i0 - 3].key == "plus"):
                value, s = -value, c0.s  # "plus or minus 4.2 points" is a margin, no negative
        # frequency: «15 مرة», "five times"; with a comparative, a multiplier
        if kind == "count" and tail_i < n and toks[tail_i].kind == "w":
            tk = toks[tail_i].key
            base = ar_stripped(tk) if self.ar else (tk,)
            if any(x in g.frequency for x in base):
                nx = toks[tail_i + 1] if tail_i + 1 < n else None
                if nx is not None and nx.kind == "w" and nx.key in g.comparative_after:
                    unit, kind = "times", "times"
                    noun_i = None
        # points: index points are a unit, sport points a count
        if noun_i is not None and kind == "count":
            nk = toks[noun_i].key
            if nk in ("نقطه", "نقاط", "points", "point") and self._sentence_has(sent, g.index_point_words):
                unit, kind = "point", "measure"
        # ---- years: a bare four-digit number that is not counting anything
        if self._is_year(low, 1000) and high is None and kind == "count" and not low.has_scale:
            if self._year_context(toks, low, noun_i, strict=not self._is_year(low)):
                return None
        # ---- «one» / «واحد»: a numeral only next to a counted noun
        if low.words and low.value == 1 and not low.has_scale and not low.fraction and high is None:
            if self.ar:
                p = toks[low.i0 - 1] if low.i0 > 0 else None
                nx = toks[low.i1] if low.i1 < n else None
                if p is None or p.kind != "w" or (nx is not None and nx.kind == "w" and nx.key in ("من",)):
                    return None
                if p.key in g.time_units or toks[low.i0].key.startswith("ال") or p.key.startswith(("ال", "وال", "فال", "بال")):
                    return None  # «فالهدف واحد»: a predicate, not a count
                noun_i = low.i0 - 1
            else:
                if toks[low.i0].key != "one":
                    pass
                nx = toks[low.i1] if low.i1 < n else None
                pv = toks[low.i0 - 1].key if low.i0 > 0 else ""
                if nx is None or nx.kind != "w" or nx.key in g.one_not_before or pv in (
                        "no", "the", "every", "any", "each", "this", "that", "which", "at", "as", "than", "only"):
                    if not (pv == "only" and nx is not None and nx.kind == "w" and nx.key not in g.one_not_before):
                        return None
                if noun_i is None:
                    return None
        if not self.ar and low.words and high is None and not low.has_scale and not low.fraction:
            w0 = toks[low.i0]
            pv = toks[low.i0 - 1] if low.i0 > 0 else None
            if pv is not None and pv.kind == "w" and pv.key in ("the", "these", "those", "his", "her", "their", "its",
                                                                 "our", "my", "your", "both", "all") and low.value < 10:
                definite = True  # «the two countries»: anaphoric when the count was given before
            if w0.text[:1].isupper() and pv is not None and not (pv.kind == "p" and pv.text in ".!?\"“‘'(") and (
                    pv.text[:1].isupper() or (low.i1 < n and toks[low.i1].text[:1].isupper())):
                return None  # «BBC Five Live», «Channel Four»
            if low.value == 1 and noun_i is not None and toks[noun_i].key.endswith("s") \
                    and toks[noun_i].key not in g.invariant and noun_i == low.i1:
                return None  # «one orders»: a pronoun before a verb
        restates = False
        if self.ar and low.definite and low.i0 > 0 and toks[low.i0 - 1].kind == "w":
            definite = True  # «الدول الأربع»: the noun is before the numeral
            noun_i = low.i0 - 1
            # «المتهمين الاثنين والثلاثين»: after a definite plural, a count named again
            restates = high is None and self._definite_plural(toks, low.i0 - 1, toks[low.i0].s)
        elif self.ar and low.glued_article and high is None:
            definite = True  # «الإصابات الـ3800»: the noun is before the article
            noun_i = low.i0 - 2
            restates = True
        # Arabic «شخصين اثنين», «قتيل واحد»: the noun before a small number word
        if self.ar and noun_i is None and low.words and low.value in (1, 2) and low.i0 > 0 and toks[low.i0 - 1].kind == "w":
            noun_i = low.i0 - 1
        if noun_i is not None:
            word = self.doc_text_of(toks[noun_i])
            if self.ar and noun_i + 1 < n and toks[noun_i + 1].kind == "w" and toks[noun_i + 1].key.startswith("ال") \
                    and len(word) >= 5 and toks[noun_i].key.endswith("ي") \
                    and toks[noun_i].key not in g.singulars and toks[noun_i].key not in g.plurals:
                word = word[:-1] + "ين"  # construct plural: «مقاتلي الحوثي» → مقاتلين
            norm = self._normalise(word)
            if norm is not None:
                counts, counts_key = norm
                raw_noun_key = counts_key
                if counts_key in g.others or (self.ar and counts_key in ("اخرين", "اخرون")):
                    counts, counts_key = self._antecedent(sent, low.s)
        if kind == "count" and counts is None:
            # «بلغ عدد القتلى 12»: the noun after «عدد» before the number
            ck = self._count_noun_before(toks, low.i0)
            if ck is not None:
                counts, counts_key = ck
        if kind == "count" and counts_key is not None and counts_key in g.time_units:
            return None
        # a count named again after "the": by the role of those it counts ("the 94 injured", "all 12
        # dead"), or with its noun right after it ("The 16 foreigners"); not a group picked out of
        # them ("the 40 injured who needed surgery")
        if not self.ar and kind == "count" and high is None and not low.has_scale and low.i0 > 0 \
                and tail_i < n and toks[tail_i].kind == "w" and toks[low.i0 - 1].kind == "w" \
                and not (tail_i + 1 < n and toks[tail_i + 1].key in _PICKED_OUT):
            before, after = toks[low.i0 - 1].key, toks[tail_i].key
            if after in g.restated_roles and before in ("the", "all", "these", "those") and counts_key in (None, after):
                counts = counts_key = after
                noun_i = tail_i
                definite = restates = True
            elif before == "the" and counts_key is not None and noun_i == tail_i:
                definite = restates = True  # not "these"/"those", which pick a subset
        # ---- approximators
        approx, bound = self._approx(toks, i0, sent)
        if approx is None and plus_after:
            approx, bound = "plus", "lower"
        if approx is None:
            am = self._approx_after(toks, noun_i + 1 if noun_i is not None and noun_i >= tail_i else tail_i)
            if am is not None:
                approx, bound = am
        f = Figure(0, 0, value, hi_v, unit, counts, counts_key, approx, bound, kind=kind, words=low.words or bool(high and high.words))
        f.ts, f.te = s, e
        f.definite = definite
        f.restates = restates  # «الإصابات الـ3800», «الضحايا التسعة»: a count given before, named again
        f._next = max(tail_i, last.i1)
        a0 = (noun_i + 1) if noun_i is not None and noun_i >= tail_i else tail_i
        f.lazy = (self, toks, i0, a0, tail_i, noun_i, f._next, raw_noun_key or counts_key)
        return f

    def _normalise(self, word: str):
        """counts.normalise of a noun as written, read once for each spelling."""
        nouns = self._nouns
        if word in nouns:
            return nouns[word]
        if len(nouns) > 50_000:
            nouns.clear()
        r = nouns[word] = normalise(word, self.g)
        return r

    def doc_text_of(self, tok) -> str:
        ds, de = self.to_doc(tok.s, tok.e)
        return self.doc_text[ds:de]

    def _percent_at(self, toks, k):
        n = len(toks)
        if k >= n:
            return None
        t = toks[k]
        if t.kind == "p" and t.text in "%٪":
            return t.e, k + 1
        m = self.g.percent.match_at(self._keys[k:k + 4], 0)
        if m is not None:
            return toks[k + m[0] - 1].e, k + m[0]
        return None

    def _currency_after(self, toks, k):
        """(code, tokens) of a currency word at token k (with its adjective), or None."""
        g = self.g
        n = len(toks)
        if k >= n or toks[k].kind != "w":
            return None
        keys = self._keys[k:k + 5]
        firsts = (keys[0],) if self.ar else None
        m = g.currencies.match_at(keys, 0, firsts)
        if m is None:
            if not self.ar and keys[0] in g.codes:
                return keys[0].upper(), 1
            return None
        ln, entry, _ = m
        code = entry["default"]
        adj = entry["adjectives"]
        if adj:
            rest = keys[ln:]
            for ph, c in adj.items():
                if tuple(rest[:len(ph)]) == ph or (self.ar and rest and rest[0].startswith("ال")
                                                    and tuple([rest[0][2:]] + rest[1:len(ph)]) == ph):
                    return c, ln + len(ph)
            # English: the adjective before the word («Canadian dollars»)
            if not self.ar and k > 0:
                pk = toks[k - 1].key
                if (pk,) in adj:
                    return adj[(pk,)], ln
        countries = entry.get("countries")
        if countries and self.ar:
            hint = self._country_hint(countries)
            if hint:
                code = hint
        return code, ln

    def _country_hint(self, countries: dict):
        """The currency of the country the text names most (for «دينار», "dollars" ...), once a
        text and a currency: each look counted every country in the whole text (an article of
        3,000 sums in dinars took 4.6 s)."""
        memo = self._country_memo
        key = id(countries)
        if key in memo:
            return memo[key]
        best, best_n = None, 0
        for name, code in countries.items():
            c = self.text.count(name)
            if c > best_n:
                best, best_n = code, c
        memo[key] = best
        return best

    def _unit_after(self, toks, k):
        g = self.g
        n = len(toks)
        if k >= n:
            return None
        keys = self._keys[k:k + 5]
        firsts = None
        if self.ar and toks[k].kind == "w":
            firsts = (keys[0],)
        m = g.units.match_at(keys, 0, firsts)
        if m is None:
            return None
        ln, unit, ph = m
        if unit == "times" and not self.ar:
            pass
        # one-letter English units need to be glued or clearly a unit ("5 m" is rare; "5 m people" is not)
        if not self.ar and len(ph) == 1 and len(ph[0]) <= 2 and ph[0] not in ("km", "kg", "mm", "cm", "ft", "lb", "mw",
                                                                              "gw", "gb", "mb", "tb", "oz", "°",
                                                                              "mph", "kph", "ha", "mi", "kw"):
            if toks[k].s != toks[k - 1].e:
                return None
        if self.ar and ph == ("م",):
            # «م» after a number is metres unless it closes a year («2015 م»)
            if toks[k].s != toks[k - 1].e and k + 1 < n and toks[k + 1].kind == "w":
                pass
        return unit, ln

    def _noun_after(self, toks, k, partitive=True, only_partitive=False):
        """Token index of the counted noun after token k (skipping «من»/"of" + article)."""
        n = len(toks)
        if k >= n:
            return None
        t = toks[k]
        if t.kind != "w":
            return None
        if self.ar:
            if t.key in ("من",) and k + 1 < n and toks[k + 1].kind == "w":
                return k + 1
            if only_partitive:
                return None
            if t.key in self.g.noun_stop:
                return None
            if self.reader.word(t.key, False):
                return None
            return k
        # English: "of the voters", "homes", "Israeli soldiers", "TD catches"
        if t.key == "of":
            k += 1
            while k < n and toks[k].kind == "w" and toks[k].key in ("the", "its", "their", "his", "her", "all",
                                                                    "those", "these", "our", "a", "an"):
                k += 1
            return self._en_noun_after(toks, k)
        if only_partitive:
            return self._en_noun_after(toks, k) if t.kind == "w" and t.key not in _EN_STOP and not t.text[:1].isupper() else None
        return self._en_noun_after(toks, k)

    def _en_noun_after(self, toks, k):
        n = len(toks)
        last = None
        lowers = 0
        for m in range(k, min(n, k + 4)):
            t = toks[m]
            if t.kind != "w":
                if t.kind == "p" and t.text == "-" and last is not None and m + 1 < n and toks[m + 1].s == t.e:
                    continue
                break
            if t.key in _EN_STOP or t.key.endswith("ly") and len(t.key) > 4:
                break
            if last is None and len(t.key) > 4 and t.key.endswith(("ed", "ing")):
                return None  # "55% backed the deal": a verb, not a noun
            if t.text[:1].isupper() and lowers:
                break
            if last is not None and len(t.key) > 3 and t.key.endswith(("ed", "ing")):
                break  # "one person died", "300 people living"
            if t.key in self.g.time_units and last is None:
                return m
            last = m
            if not t.text[:1].isupper():
                lowers += 1
            if t.key.endswith("s") and not t.key.endswith("ss") and len(t.key) > 3:
                break  # a plural noun ends the phrase: "40,000 homes", "300 Freedom Riders"
        return last

    def _count_noun_before(self, toks, i):
        """«بلغ عدد القتلى 12»: the noun after «عدد» within four words before the number."""
        if not self.ar:
            return None
        for m in range(max(0, i - 5), i):
            t = toks[m]
            if t.kind == "w" and "عدد" in ar_stripped(t.key) and m + 1 < i and toks[m + 1].kind == "w":
                return self._normalise(self.doc_text_of(toks[m + 1]))
        return None

    def _antecedent(self, sent, pos):
        """«مقتل 80 مدنيا وإصابة 300 آخرين»: the counted noun of the figure before."""
        for f in reversed(self._sent_figs):
            if f.counts is not None and f.ts < pos:
                return f.counts, f.counts_key
        return None, None

    def _year_context(self, toks, low, noun_i, strict=False) -> bool:
        g = self.g
        n = len(toks)
        pk = self._prev_word_keys(toks, low.i0)
        if any(k in g.year_before for k in pk):
            return True
        if strict:
            return False  # «1670» is a year only after a year word («dating back to 1670»)
        nx = toks[low.i1] if low.i1 < n else None
        if nx is not None and nx.kind == "w" and nx.key in g.year_after:
            return True
        if nx is not None and nx.kind == "p" and nx.text in "-–/" and low.i1 + 1 < n and toks[low.i1 + 1].kind == "n":
            return True
        if noun_i is None:
            return True
        w = toks[noun_i].key
        if self.ar:
            return not (w in g.plurals or w in g.singulars or w.endswith(("ا", "ين", "ون", "ات"))
                        or any(x in g.plurals or x in g.singulars for x in ar_stripped(w)))
        return not (w.endswith("s") or w in g.plurals)

    def _approx(self, toks, i0, sent):
        g = self.g
        keys = self._keys
        fv = (lambda s: ar_stripped(keys[s])) if self.ar else None
        m = g.approx_before.match_ending(keys, i0, fv)
        if m is None:
            return None, "exact"
        s0, phrase = m
        ph_keys = tuple(keys[s0:i0])
        if self.ar:
            # the phrase as matched (its first word may carry a proclitic)
            pass
        if any(ph_keys[-len(x):] == x for x in g.approx_needs_no_change) and self._change_before(toks, s0, sent):
            return None, "exact"
        first = toks[s0]
        a = first.s
        if self.ar:
            k0 = first.key
            for p, x in ar_variants(k0):
                if p and g.approx_before.match_ending([x] + keys[s0 + 1:i0], i0 - s0, None):
                    a = first.s + len(p)
                    break
        ds, de = self.to_doc(a, toks[i0 - 1].e)
        written = self.doc_text[ds:de]
        bound = self._bound(ph_keys, phrase)
        return written, bound

    def _bound(self, ph_keys, phrase):
        """lower, upper or about for an approximator (read once for each phrase and payload)."""
        k = (ph_keys, phrase)
        b = self._bounds.get(k)
        if b is None:
            if len(self._bounds) > 10_000:
                self._bounds.clear()
            b = self._bounds[k] = self._read_bound(ph_keys, phrase)
        return b

    def _read_bound(self, ph_keys, phrase):
        g = self.g
        key = tuple(key_of(phrase, self.lang).split()) if isinstance(phrase, str) else ph_keys
        for cand in (ph_keys, key):
            if any(cand[-len(x):] == x for x in g.approx_lower if len(x) <= len(cand)):
                return "lower"
            if any(cand[-len(x):] == x for x in g.approx_upper if len(x) <= len(cand)):
                return "upper"
        return "about"

    def _approx_after(self, toks, k):
        g = self.g
        n = len(toks)
        if k < n and toks[k].text in ",،":
            k += 1  # "35 feet, if not more"
        if k >= n:
            return None
        keys = self._keys[k:k + 3]
        m = g.approx_after.match_at(keys, 0)
        if m is None:
            return None
        ln, phrase, ph = m
        ds, de = self.to_doc(toks[k].s, toks[k + ln - 1].e)
        return self.doc_text[ds:de], self._bound(ph, phrase)

    def _context_keys(self, toks, start, step, want=3, reach=8) -> tuple:
        """Up to `want` content words from token `start` going `step` (-1 back, 1 forward), within
        `reach` tokens and the clause (a full stop, a colon or a semicolon ends it); Arabic
        without proclitics and article, English lightly stemmed ("kills", "killed" → kill)."""
        out = []
        k = start
        n = len(toks)
        while 0 <= k < n and abs(k - start) < reach and len(out) < want:
            t = toks[k]
            k += step
            if t.kind == "p":
                if t.text in ".;؛:":
                    break
                continue
            if t.kind != "w":
                continue
            key = t.key
            if self.ar:
                for p in ("وال", "بال", "فال", "لل", "ال", "و", "ف", "ب", "ل"):
                    if key.startswith(p) and len(key) - len(p) >= 3:
                        key = key[len(p):]
                        break
                if len(key) < 3 or key in self.g.noun_stop:
                    continue
            else:
                if len(key) < 3 or key in _EN_STOP:
                    continue
                key = _en_stem(key)
            out.append(key)
        return tuple(out)

    def _partial(self, toks, i0, a0, counts_key) -> bool:
        """A count of others or a rate: «6 دول أخرى», "three others", «بمعدل 129 مريضا يوميا»,
        "averaging 6.6 points", "24 cents a share", «مصدران», "two sources"."""
        g = self.g
        if counts_key is not None and (counts_key in g.others or counts_key in g.not_compared):
            return True
        # «خمسة من خاطفي الرهائن», "three of the victims": a part of a group
        if i0 < a0 and any(t.kind == "w" and t.key in ("من", "of") for t in toks[i0:a0]) and not self.ar:
            return True
        if self.ar and a0 - 2 >= i0 and toks[a0 - 2].key == "من":
            return True
        for t in self._words_after(toks, a0)[:2]:
            if any(k in g.others for k in (ar_stripped(t.key) if self.ar else (t.key,))):
                return True
        return self.is_rate(toks, i0, a0)

    @staticmethod
    def _words_after(toks, a0) -> list:
        after = []
        for t in toks[a0:min(len(toks), a0 + 3)]:
            if t.kind != "w":
                break
            after.append(t)
        return after

    def is_rate(self, toks, i0, a0) -> bool:
        """The words around a number make it a rate: «بمعدل 129 مريضا يوميا», "24 cents a
        share", "averaging 6.6 points" (i0: the number's first token, a0: the one after its
        noun)."""
        g = self.g
        after = self._words_after(toks, a0)
        for t in after[:2]:
            if any(k in g.rate_after for k in (ar_stripped(t.key) if self.ar else (t.key,))):
                return True
        if len(after) >= 2 and not self.ar and " ".join((after[0].key, after[1].key)) in g.rate_after:
            return True
        for t in toks[max(0, i0 - 8):i0]:  # «بمعدل ...», "averaging 6.6 points, 5.2 rebounds"
            if t.kind == "p" and t.text in ".;؛:":
                continue
            if t.kind != "w":
                continue
            ks = ar_stripped(t.key) if self.ar else (t.key,)
            if any(k in g.rate_before for k in ks):
                return True
        return False

    def _modifier_keys(self, toks, a, noun_i) -> tuple:
        """English modifiers between the number and its noun ("2,500 US troops" → us)."""
        if self.ar or noun_i is None or noun_i <= a:
            return ()
        return tuple(_en_stem(t.key) for t in toks[a:noun_i] if t.kind == "w")

    def _clause_cues(self, toks, a, b) -> frozenset:
        g = self.g
        out = set()
        lo, hi = self._clause_start(toks, a), min(len(toks), b + 6)
        for t in toks[lo:hi]:
            if t.kind != "w":
                continue
            ks = ar_stripped(t.key) if self.ar else (t.key,)
            for k in ks:
                if k in g.change or k in g.comparison:
                    out.add(k)
        # «يضم المهاجم مقابل 54 مليون يورو»: a price, no comparison; «بـ143.6 مليار، مقابل 131.3 مليار»
        # compares (another number in the window read around the figure, either side of a comma)
        if out & g.comparison_with_number and not any(t.kind == "n" for i, t in enumerate(toks) if not a <= i < b):
            out -= g.comparison_with_number
        return frozenset(out)


def _en_stem(w: str) -> str:
    for suf in ("ing", "ed", "es", "s"):
        if w.endswith(suf) and len(w) - len(suf) >= 3:
            return w[:-len(suf)]
    return w


def _drop_anaphoric(figures):
    """Definite numerals that point back at a count already given («الدول الأربع», "the two
    Republicans" after "two Republicans") make no new claim (guidelines §2.1 item 11)."""
    seen = set()
    out = []
    for f in figures:
        if f.definite and ((f.value, f.counts_key) in seen or (f.value, None) in seen):
            continue
        out.append(f)
        seen.add((f.value, f.counts_key))
        seen.add((f.value, None))
    return out


WIN_BEFORE, WIN_AFTER = 50, 70  # characters read around a number


def _windows(text, sent, cands):
    """Merged character windows around the candidates of a sentence, each cut at spaces."""
    out = []
    for c in sorted(cands):
        a = max(sent.s, c - WIN_BEFORE)
        b = min(sent.e, c + WIN_AFTER)
        if a > sent.s:
            sp = text.rfind(" ", sent.s, a)
            a = sp + 1 if sp != -1 else sent.s
        if b < sent.e:
            sp = text.find(" ", b, sent.e)
            b = sp if sp != -1 else sent.e
        if out and a <= out[-1][1]:
            out[-1][1] = max(out[-1][1], b)
            out[-1][2].append(c)
        else:
            out.append([a, b, [c]])
    return out


def sent_words(text, sent, ar: bool) -> frozenset:
    """The words of a sentence (folded Arabic / lower-case English), computed once."""
    ws = sent.words
    if ws is None:
        chunk = text[sent.s:sent.e]
        ws = sent.words = frozenset(_WORDS.findall(chunk if ar else chunk.lower()))
    return ws


def _overlaps_any(s, e, spans, starts) -> bool:
    k = bisect_right(starts, e) - 1
    while k >= 0:
        a, b = spans[k]
        if b <= s:
            if a < s - 200:
                break
            k -= 1
            continue
        if a < e and b > s:
            return True
        k -= 1
    return False


# ------------------------------------------------------------------ sentences

def split_sentences(text: str, lang: str, title_line: int | None = 0):
    """Sentences of the text (guidelines §1): ended by . ! ? ؟ (not inside a number, not after
    an abbreviation or an initial) or a line break, except a line break inside a running
    sentence of hard-wrapped copy. Returns (sentences, line starts)."""
    out: list[Sentence] = []
    para = 0
    start = 0
    n = len(text)
    pos = 0
    title_end = None
    if title_line is not None:
        ts = 0
        for _ in range(title_line):
            ts = text.find("\n", ts) + 1
            if ts == 0:
                break
        else:
            te = text.find("\n", ts)
            title_end = n if te == -1 else te
    for m in _SENT_END.finditer(text):
        a, b = m.span()
        if a < pos:
            continue
        ch = m.group()
        if ch == "\n":
            # hard-wrapped copy: no end punctuation before the break and the clause goes on.
            # prev = text[start:a].rstrip() is text[start:k], read in place (no copy of the line)
            k = a
            while k > start and text[k - 1].isspace():
                k -= 1
            if k > start and text[k - 1] not in ".!?؟:;؛»\"”)'’" and k - start >= 60 \
                    and (title_end is None or a != title_end):
                nxt_end = text.find("\n", b)
                nxt = text[b:nxt_end if nxt_end != -1 else n]
                if nxt.strip() and _continues(k - start, nxt, lang):
                    continue
            if k > start:  # text[start:a] holds more than spaces
                out.append(Sentence(start, a, para))
            para += 1
            start = pos = b
            continue
        # a dot inside a number or after an abbreviation does not end a sentence
        if ch == "." and b < n and not text[b].isspace() and text[b] not in "\"'”’»)":
            continue
        if ch == "." and lang == "en":
            # the word before the dot: the run of [A-Za-z.] that ends at a (or at a - 1 when
            # that is a line break), at most 12 characters back, read back from a
            lo = max(start, a - 12)
            j = a - 1 if a > lo and text[a - 1] == "\n" else a
            k = j
            while k > lo and text[k - 1] in _ABBR_CHARS:
                k -= 1
            if k < j:
                word = text[k:j].lower().rstrip(".")
                if word in _ABBREV or (len(word) == 1 and text[a - 1].isupper()):
                    continue
        e = b
        while e < n and text[e] in "\"'”’»)":
            e += 1
        out.append(Sentence(start, e, para))
        start = pos = e
    if text[start:].strip():
        out.append(Sentence(start, n, para))
    if title_end is not None:
        for s in out:
            if s.s < title_end and s.e <= title_end + 1:
                s.title = True
    return out, None


def _continues(prev_len: int, nxt: str, lang: str) -> bool:
    """Does the next line go on with the sentence of a line (prev_len characters without the
    spaces at its end) that has no end punctuation?"""
    s = nxt.lstrip()
    if not s:
        return False
    if lang == "en":
        return s[0].islower()
    # Arabic: the next line goes on when the line before stops in mid-clause (a connective or
    # preposition last, or a line that long is a wrapped one)
    return prev_len >= 70 and not s.startswith(("-", "*", "•", "«", "\"", "#"))


_bind_lazy(globals())  # the module's expressions compile when first used (factcheck.lazyrx)
