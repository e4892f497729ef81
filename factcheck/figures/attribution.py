"""Who says so: the attribution of each figure (guidelines §8).

A figure is attributed when its sentence holds a reporting verb, participle or phrase
whose content covers it (English: anywhere in the sentence; Arabic verbs: the figures after
the verb; Arabic phrases «بحسب، وفق، نقلا عن»: the whole sentence), or when the attribution
is carried over: a quotation opened in an earlier sentence whose speaker is named there, a
line ending with a colon after a reporting verb («وقالت الوزارة في بيانها:»), a headline
«الصحة: 5 وفيات».  The source is the originator named (the subject of the verb, the
object of the phrase, the originator of a named document), else the verb itself.
"""

from __future__ import annotations

import re
from bisect import bisect_right

from factcheck.figures.extract import Extractor, Figure, Sentence, tokenize
from factcheck.figures.grammar import ar_variants

_PUNCT_STOP = frozenset(",،;؛:.!?؟()[]«»\"“”—–")
_AR_PRE_KEEP = ("و", "ف")
_EN_DET = frozenset({"the", "a", "an"})
_QUOTE_CHAR = re.compile(r'[«“»”"]')
_UNREAD = object()  # a colon block not looked for yet


class Cue:
    __slots__ = ("i0", "i1", "kind", "covers_before", "source", "toks", "s", "e")

    def __init__(self, i0, i1, kind, covers_before):
        self.i0, self.i1, self.kind, self.covers_before = i0, i1, kind, covers_before
        self.source = None
        self.toks = None
        self.s = self.e = 0


CUE_BEFORE, CUE_AFTER = 60, 80  # characters read around a reporting word


def attribute(ex: Extractor, figures: list[Figure], sentences: list[Sentence]) -> None:
    if not figures:
        return
    text = ex.text
    by_sent: dict[int, list[Figure]] = {}
    for f in figures:
        by_sent.setdefault(f.sentence, []).append(f)
    cue_cache: dict[int, list[Cue]] = {}

    def cues_of(k: int) -> list[Cue]:
        c = cue_cache.get(k)
        if c is None:
            c = cue_cache[k] = _sentence_cues(ex, sentences[k])
        return c

    quotes = _QuoteMap(text, ex)
    for k, figs in by_sent.items():
        sent = sentences[k]
        cues = cues_of(k)
        block = _UNREAD  # the sentence's colon block, read at most once (the same for each of its figures)
        for f in figs:
            cue = _covering(ex, cues, f)
            if cue is not None:
                _set(ex, f, cue)
                continue
            q = quotes.open_at(f.ts)
            if q is not None:
                # (b) a quotation opened in an earlier sentence, its speaker named there; or a new
                # quotation right after an attributed one in the same paragraph (R5)
                qk = _sentence_index(sentences, q)
                found = None
                if qk is not None and qk < k:
                    for kk in (qk, qk - 1):
                        if kk < 0 or (kk == qk - 1 and not text[sentences[kk].s:sentences[kk].e].rstrip().endswith(":")):
                            continue
                        cs = cues_of(kk)
                        if cs:
                            found = cs[-1]
                            break
                if found is None:
                    found = _previous_quote_speaker(ex, sentences, k, cues_of)
                if found is not None:
                    f.quoted = True
                    _set(ex, f, found)
                    continue
            # (c) a line ending with a colon after a reporting verb introduces what follows (a block)
            if k > 0 and not sent.title:
                if block is _UNREAD:
                    block = _colon_block(ex, sentences, k, cues_of)
                if block is not None:
                    _set(ex, f, block)
                    continue
            # (d) headline «الصحة: 5 وفيات»
            if sent.title:
                src = _headline_source(ex, sent, f)
                if src is not None:
                    f.attributed = True
                    f.source = ex.to_doc(*src)


def _colon_block(ex, sentences, k, cues_of):
    """The cue of a line ending with a colon that opens the block sentence k is in: the lines
    after it up to a blank line or a sentence with a reporting verb of its own."""
    text = ex.text
    para = sentences[k].para
    # the line with the colon first, then the sentences in between (most figures have no such
    # line: the cues of the sentences before them are then never read)
    colon = None
    for pk in range(k - 1, max(-1, k - 8), -1):
        prev = sentences[pk]
        if prev.para < para - 4:
            return None
        if "\n\n" in text[prev.e:sentences[pk + 1].s]:
            return None  # a blank line ends the block
        # does text[prev.s:prev.e].rstrip() end with a colon (read in place, not copied)?
        j = prev.e
        while j > prev.s and text[j - 1].isspace():
            j -= 1
        ends_colon = j > prev.s and text[j - 1] == ":"
        if ends_colon and prev.para != para:
            colon = pk
            break
        if pk == k - 1 and not ends_colon and "\n" not in text[prev.e:sentences[k].s]:
            return None  # the sentence before, in the same line, is no colon: no block
    if colon is None:
        return None
    for pk in range(k - 1, colon, -1):
        if _has_anchor(ex, sentences[pk]) and cues_of(pk):
            return None  # a speaker of its own in between: narration again
    cs = cues_of(colon)
    return cs[-1] if cs else None


def _has_anchor(ex, sent) -> bool:
    from factcheck.figures.extract import sent_words

    return not sent_words(ex.text, sent, ex.ar).isdisjoint(ex.g.cue_anchors.keys())


def _previous_quote_speaker(ex, sentences, k, cues_of):
    """R5: a quotation that opens right after an attributed quotation of the same paragraph."""
    text = ex.text
    para = sentences[k].para
    for kk in range(k - 1, max(-1, k - 4), -1):
        if sentences[kk].para != para:
            return None
        cs = cues_of(kk) if _has_anchor(ex, sentences[kk]) else []
        if cs:
            seg = text[sentences[kk].s:sentences[kk].e]
            return cs[-1] if any(ch in seg for ch in "\"“”«»") else None
    return None


def _sentence_cues(ex: Extractor, sent) -> list[Cue]:
    """The reporting cues of a sentence, found by their anchor words and read on small windows."""
    from factcheck.figures.extract import sent_words

    g = ex.g
    text = ex.text
    ws = sent_words(text, sent, ex.ar)
    present = ws & g.cue_anchors.keys()
    if not present:
        return []
    rx = _anchor_rx(ex, frozenset(present))
    out = []
    taken_until = -1
    for m in rx.finditer(text, sent.s, sent.e):
        if m.start() < taken_until:
            continue
        wa = max(sent.s, m.start() - CUE_BEFORE)
        wb = min(sent.e, m.end() + CUE_AFTER)
        if wa > sent.s:
            sp = text.rfind(" ", sent.s, wa)
            wa = sp + 1 if sp != -1 else sent.s
        toks = tokenize(text, wa, wb, ex.lang)
        i = next((j for j, t in enumerate(toks) if t.s == m.start()), None)
        if i is None:
            continue
        cue = _cue_at(ex, toks, i)
        if cue is None:
            continue
        cue.toks = toks
        cue.s, cue.e = toks[cue.i0].s, toks[cue.i1 - 1].e
        taken_until = cue.e
        out.append(cue)
    out.sort(key=lambda c: c.s)
    return out


def _anchor_rx(ex, present, _cache={}):  # noqa: B006 - compiled once for each set of anchors
    key = (ex.lang, present)
    rx = _cache.get(key)
    if rx is None:
        alt = "|".join(re.escape(w) for w in sorted(present, key=len, reverse=True))
        rx = re.compile(rf"\b(?:{alt})\b", 0 if ex.ar else re.I)
        if len(_cache) > 512:
            _cache.clear()
        _cache[key] = rx
    return rx


def _cue_at(ex: Extractor, toks, i) -> Cue | None:
    """A reporting cue whose anchor word is token i (a phrase may start a word or two before)."""
    g = ex.g
    keys = [t.key for t in toks]
    # impersonal framings are never a source («يشار إلى أن», "it is estimated")
    for j in range(max(0, i - 3), i + 1):
        m = g.impersonal.match_at(keys, j, _word_variants(ex, keys[j]))
        if m is not None and j + m[0] > i:
            return None
    for off in g.cue_anchors.get(keys[i], ()):
        j = i - off
        if j < 0:
            continue
        vs = _word_variants(ex, keys[j])
        m = g.phrases.match_at(keys, j, vs)
        if m is not None and j + m[0] > i:
            return Cue(j, j + m[0], "phrase", True)
        m = g.verbs.match_at(keys, j, vs)
        if m is not None and j + m[0] > i:
            if ex.ar:
                return Cue(j, j + m[0], "verb", False)
            if _en_reporting(ex, toks, j):
                return Cue(j, j + m[0], "verb", True)
            return None
        if ex.ar and off == 0 and any(v in g.participles for v in vs):
            return Cue(i, i + 1, "participle", False)
    return None


def _sentence_index(sentences, pos):
    starts = [s.s for s in sentences]
    k = bisect_right(starts, pos) - 1
    if k >= 0 and pos < sentences[k].e:
        return k
    return None


def _set(ex, f, cue):
    a, b = _cue_source(ex, cue)
    f.attributed = True
    f.source = ex.to_doc(a, b)


_WV: dict = {}


def _word_variants(ex, key):
    if not ex.ar:
        return (key,)
    v = _WV.get(key)
    if v is None:
        v = _WV[key] = (key,) + tuple(x for p, x in ar_variants(key) if p in _AR_PRE_KEEP)
        if len(_WV) > 100_000:
            _WV.clear()
    return v


def _en_reporting(ex, toks, i) -> bool:
    """An English verb reports when it is not passive, attributive or a bare noun use."""
    g = ex.g
    k = toks[i].key
    prev = toks[i - 1].key if i > 0 and toks[i - 1].kind == "w" else ""
    if prev in ("is", "are", "was", "were", "be", "been", "being", "an", "a", "the", "to", "its", "their", "his",
                "her", "of", "by", "new", "latest"):
        return False
    if k in g.needs_agent:
        # "officials estimated", "the survey found": a subject just before
        if i == 0 or toks[i - 1].kind != "w":
            return False
    if k in ("according",):
        return i + 1 < len(toks) and toks[i + 1].key == "to"
    if k in ("reports", "records", "estimates", "projects", "forecasts", "notes", "details", "lists", "records",
             "claims", "states", "shows", "finds", "suggests", "indicates", "posts", "cites", "tracks"):
        # a plural noun as often as a verb: only after a name or a pronoun
        if not prev or not (toks[i - 1].text[:1].isupper() or prev in ("he", "she", "it")):
            return False
    return True


def _covering(ex, cues, f) -> Cue | None:
    """The cue whose content holds the figure (guidelines §8.1 scope): a frame at the start or in
    the middle covers what follows it; a frame that ends the sentence or stands in parentheses
    («…، بحسب X», "…, X said.") covers the whole sentence; a figure inside the speaker's own
    noun phrase is not covered."""
    if not cues:
        return None
    best = None
    for c in cues:
        if c.s <= f.ts:
            best = c  # the nearest frame before the figure
    if best is not None and not _in_source(ex, best, f):
        return best
    for c in cues:
        # a phrase («بحسب X», "according to X") qualifies the clause it follows; a verb covers
        # what comes before it when it ends the sentence or stands apart ("…, police said")
        if c.s > f.ts and (c.kind == "phrase" or _ends_or_parenthetical(ex, c)) and not _in_source(ex, c, f):
            return c
    return None


def _in_source(ex, cue, f) -> bool:
    a, b = _cue_source(ex, cue)
    return (a, b) != (cue.s, cue.e) and a <= f.ts < b


def _ends_or_parenthetical(ex, cue) -> bool:
    """A frame after a comma, a dash, a bracket or a closing quote: «…، بحسب X»,
    "…,” she said", "…, police said"."""
    toks = cue.toks
    i = cue.i0
    if not ex.ar and cue.kind == "verb":
        np = _np_before(ex, toks, i)
        if np is not None:
            i = next((j for j, t in enumerate(toks) if t.s == np[0]), i)
    prev = toks[i - 1] if i > 0 else None
    if prev is None:
        return False
    return prev.kind == "p" and prev.text in ",،(—–-\"”»'’"


def _cue_source(ex, cue):
    if cue.source is None:
        cue.source = _source(ex, cue.toks, cue)
    return cue.source


def _source(ex: Extractor, toks, cue: Cue) -> tuple[int, int]:
    """(start, end) in the read text of who says so for a cue."""
    g = ex.g
    n = len(toks)
    verb_span = (toks[cue.i0].s, toks[cue.i1 - 1].e)
    if ex.ar:
        if cue.kind == "participle":
            return verb_span
        # «التقارير التي أفادت ...»: the subject is before the relative pronoun
        if cue.kind == "verb" and cue.i0 >= 2 and toks[cue.i0 - 1].key in g.relatives and toks[cue.i0 - 2].kind == "w":
            return toks[cue.i0 - 2].s, toks[cue.i0 - 2].e
        np = _np_after(ex, toks, cue.i1)
        if np is None:
            return verb_span
        return np
    # English
    if cue.kind == "phrase":
        np = _np_after(ex, toks, cue.i1)
        return np if np is not None else verb_span
    np = _np_before(ex, toks, cue.i0)
    if np is None and cue.i0 >= 2 and toks[cue.i0 - 1].text == ",":
        # «Hilaker, a member of the union, told CNN»: the name before the appositive
        for k in range(cue.i0 - 2, max(-1, cue.i0 - 16), -1):
            if toks[k].text == ",":
                np = _np_before(ex, toks, k)
                break
    if np is not None:
        a, b, pron = np
        if pron:
            return a, verb_span[1]
        return a, b
    # "…,” said Smith / said the company's spokesman
    if cue.i1 < n and toks[cue.i1].kind == "w" and (toks[cue.i1].text[:1].isupper() or toks[cue.i1].key in _EN_DET):
        np = _np_after(ex, toks, cue.i1)
        if np is not None:
            return np
    return verb_span


def _is_stop(ex, t) -> bool:
    g = ex.g
    if t.kind != "w":
        return True
    if ex.ar:
        return any(v in g.subject_stop for v in _word_variants(ex, t.key)) or t.key in g.subject_stop
    return t.key in g.subject_stop


def _np_after(ex, toks, i) -> tuple[int, int] | None:
    """The noun phrase after token i (the subject of an Arabic verb, the object of a phrase)."""
    g = ex.g
    n = len(toks)
    # skip a verb cue right after a phrase («بحسب ما أفادت وزارة الصحة»)
    if i < n and toks[i].kind == "w" and ex.ar:
        if g.verbs.match_at([t.key for t in toks], i, _word_variants(ex, toks[i].key)):
            i += 1
    if not ex.ar:
        while i < n and toks[i].kind == "w" and toks[i].key in ("to",):
            i += 1
    first = i
    last = None
    words = 0
    k = i
    while k < n and words < g.max_source_words:
        t = toks[k]
        if t.kind == "p":
            if not ex.ar and t.text in "’'" and k + 1 < n and toks[k + 1].key == "s":
                k += 2
                last = k - 1
                continue
            if t.text in "-&." and last is not None and k + 1 < n and toks[k + 1].kind == "w" and toks[k + 1].s == t.e:
                k += 1
                continue
            break
        if t.kind == "n":
            break
        if ex.ar:
            if _is_stop(ex, t) or (k > first and _is_change(ex, t)):
                if k > first:
                    break
                return None
            if k == first and t.key.startswith("بال"):
                return None  # «أفادت بالإفراج عن ...»: the content, not a subject
            if k > first and _doc_word(ex, toks[first].key) and not _nisba_or_definite(t.key) \
                    and not t.key.startswith("ل"):
                break  # «أظهرت بيانات رسمية انخفاض ...»: the document and its adjectives
        else:
            if t.key in _EN_DET and k == first:
                k += 1
                continue
            if t.key in ("of", "for", "on", "at", "in") and last is not None and k + 1 < n \
                    and toks[k + 1].kind == "w" and toks[k + 1].text[:1].isupper():
                k += 1
                continue
            if t.key in g.subject_stop:
                break
        last = k
        words += 1
        k += 1
    if last is None:
        return None
    # a document of an originator: «وفق بيان لوزارة الصحة», "a statement from the ministry"
    j = first
    if not ex.ar and toks[j].key in _EN_DET:
        j += 1
    if j <= last and toks[j].kind == "w" and _doc_word(ex, toks[j].key):
        orig = _originator(ex, toks, j + 1, last)
        if orig is not None:
            return orig
    return toks[first].s, toks[last].e


def _is_change(ex, t) -> bool:
    g = ex.g
    return t.key in g.change or any(x in g.change for _, x in ar_variants(t.key))


def _nisba_or_definite(key: str) -> bool:
    return key.startswith(("ال", "لل")) or key.endswith(("يه", "ي", "يين", "يون"))


def _doc_word(ex, key) -> bool:
    g = ex.g
    return any(v in g.documents for v in ([key] + ([x for _, x in ar_variants(key)] if ex.ar else [])))


def _originator(ex, toks, i, last):
    n = len(toks)
    if ex.ar:
        for k in range(i, min(i + 3, n)):
            t = toks[k]
            if t.kind != "w" or _is_stop(ex, t) and t.key not in ("عن", "من"):
                break
            if t.key in ("عن", "من") and k + 1 < n and toks[k + 1].kind == "w":
                return _np_after(ex, toks, k + 1)
            if t.key.startswith("ل") and len(t.key) > 3:
                np = _np_after_keep(ex, toks, k)
                return np
            if k == i and t.key.startswith("ال"):
                return _np_after_keep(ex, toks, k)
        return None
    for k in range(i, min(i + 4, n)):
        t = toks[k]
        if t.kind == "w" and t.key in ("from", "by", "of") and k + 1 < n:
            return _np_after(ex, toks, k + 1)
    return None


def _np_after_keep(ex, toks, k):
    """The Arabic phrase from token k (kept even if its first word looks like a stop)."""
    g = ex.g
    n = len(toks)
    last = k
    m = k + 1
    while m < n and m - k < g.max_source_words and toks[m].kind == "w" and not _is_stop(ex, toks[m]):
        last = m
        m += 1
    return toks[k].s, toks[last].e


def _np_before(ex, toks, i):
    """English subject before the verb at i: (start, end, is_pronoun) or None."""
    g = ex.g
    k = i - 1
    last = None
    first = None
    words = 0
    while k >= 0 and words < g.max_source_words:
        t = toks[k]
        if t.kind == "p":
            if t.text in "’'" and k + 1 < i and toks[k + 1].key == "s" and k - 1 >= 0 and toks[k - 1].kind == "w":
                k -= 1
                continue
            if t.text in "-.&" and first is not None and k - 1 >= 0 and toks[k - 1].kind == "w" and toks[k - 1].e == t.s:
                k -= 1
                continue
            break
        if t.kind == "n":
            break
        key = t.key
        if key in _EN_DET:
            if first is not None:
                first = k
            break
        if key in ("of", "for", "at", "on") and first is not None and toks[first].text[:1].isupper() and k - 1 >= 0 \
                and toks[k - 1].kind == "w" and toks[k - 1].text[:1].isupper():
            first = k
            k -= 1
            continue
        if key in g.subject_stop or key in ("and", "but", "who", "which", "that"):
            break
        if last is None:
            last = k
        first = k
        words += 1
        if key in g.pronouns and words == 1 and key in ("he", "she", "they", "it", "we", "i", "you"):
            return t.s, t.e, True
        k -= 1
    if first is None:
        return None
    return toks[first].s, toks[last].e, False


def _headline_source(ex, sent, f):
    """«الصحة: 5 وفيات», "UN: 2 million displaced": the part before the colon."""
    text = ex.text
    line = text[sent.s:sent.e]
    c = line.find(":")
    if c <= 0 or sent.s + c > f.ts:
        return None
    part = line[:c].strip()
    words = part.split()
    if not words or len(words) > 5:
        return None
    g = ex.g
    key = part if ex.ar else part.lower()
    first = key.split()[0]
    if first in g.headline_not_sources or any(ch.isdigit() for ch in part) or key in g.headline_not_sources:
        return None
    if key in _place_names(ex.lang):
        return None  # «مالي: مقتل أربعة ...»: a place, not who says so
    a = sent.s + line.index(part)
    return a, a + len(part)


def _place_names(lang, _cache={}):  # noqa: B006
    """Every country and city name of the place lists (ordinary-word homonyms included)."""
    names = _cache.get(lang)
    if names is None:
        from factcheck.figures.grammar import key_of
        from factcheck.resources import builtin_rules_dir

        import yaml

        names = set()
        folder = builtin_rules_dir() / lang / "preposition" / "places"
        for p in sorted(folder.glob("*.yaml")) if folder.is_dir() else ():
            with open(p, encoding="utf-8") as f:
                data = yaml.safe_load(f) or {}
            for vals in data.values():
                for v in vals or []:
                    names.add(key_of(str(v), lang))
        _cache[lang] = names
    return names


class _QuoteMap:
    """Where quotations open and close, line by line (a quotation does not cross a line)."""

    def __init__(self, text, ex):
        self.text = text
        self.ex = ex
        self._lines: dict[int, list[tuple[int, int]]] = {}

    def _spans(self, ls, le):
        spans = []
        opened = None
        straight = None
        for m in _QUOTE_CHAR.finditer(self.text, ls, le):  # the quotation marks of the line only
            p, ch = m.start(), m.group()
            if ch in "«“":
                if opened is None:
                    opened = p
            elif ch in "»”":
                if opened is not None:
                    spans.append((opened, p))
                    opened = None
            elif ch == '"':
                if straight is None:
                    straight = p
                else:
                    spans.append((straight, p))
                    straight = None
        if opened is not None:
            spans.append((opened, le))
        if straight is not None:
            spans.append((straight, le))
        return spans

    def open_at(self, pos):
        """Start of the quotation that holds pos, or None."""
        text = self.text
        ls = text.rfind("\n", 0, pos) + 1
        le = text.find("\n", pos)
        if le == -1:
            le = len(text)
        spans = self._lines.get(ls)
        if spans is None:
            spans = self._lines[ls] = self._spans(ls, le)
        best = None
        for a, b in spans:
            if a < pos <= b:
                best = a
        return best
