"""The extractor's fast paths give what the plain code they replaced gave.

`Extractor._candidates` reads the words of a text from one split (columns of starts,
ends and words) instead of finding each date word with str.find and the words before
it with a finditer a head; `_reference_candidates` below is the former code, kept here
as the specification.  Offsets and candidate sets must be the same on any text: words
cut by the look-back window, approximators that widen it, underscores, apostrophes,
Arabic proclitics, numbers glued to letters or after proclitics.
"""

from __future__ import annotations

import random
import re

import pytest

from factcheck.dates.extract import (_BRIDGES, _CLOCK_WORDS, _COMMA_MINUTES, _DIGIT_PREFIX, _DIGITS, _GLUED_YEAR_PREFIX,
                                     _NEXT_WORD, _variants, extractor)

_WORDS = re.compile(r"[^\W_]+")


def _digit_words(low: str):
    """(start, digit run) of each word that opens with a number (the former helper)."""
    for run in _DIGITS.finditer(low):
        d = p = run.start()
        while p > 0 and low[p - 1].isalnum():
            p -= 1
            if d - p > 4:
                break
        else:
            if p == d or _DIGIT_PREFIX.fullmatch(low, p, d):
                yield p, run


def _glued_year_heads(low: str):
    """Start of each word that is a preposition or a year word glued to a year («في2017»: dates9)."""
    for run in _DIGITS.finditer(low):
        d = p = run.start()
        if run.end() - d != 4:
            continue
        while p > 0 and low[p - 1].isalnum() and d - p <= 6:
            p -= 1
        if p > 0 and low[p - 1].isalnum():
            continue
        if p != d and _GLUED_YEAR_PREFIX.fullmatch(low, p, d):
            yield p


def _reference_candidates(ex, low: str) -> dict[int, set]:
    """The candidate step of Extractor._matches as it was (factcheck 711085f), with the two
    additions of dates9: the minutes of a clock time after a comma («الساعة 16,18») and the
    years glued to a preposition («في2017», tried at the word, nothing before it)."""
    g = ex.g
    starts, digit = g.starts, g.digit_starts
    ar = ex.lang == "ar"
    anchors = set(_WORDS.findall(low)) & ex.content_forms
    heads = []
    for w in anchors:
        n = len(w)
        i = low.find(w)
        while i != -1:
            j = i + n
            if (i == 0 or not low[i - 1].isalnum()) and (j >= len(low) or not low[j].isalnum()):
                heads.append((i, w))
            i = low.find(w, j)
    content = g.content
    for head, run in _digit_words(low):
        e = run.end()
        f = e
        while f < len(low) and f - e < 2 and low[f] == " ":
            f += 1
        if run.end() - run.start() != 4 and e < len(low) and not low[e].isalpha() and low[f:f + 1] not in ("/", "-", ".", ":") \
                and low[e] not in "/-.:" and not (run.end() - run.start() <= 2 and _COMMA_MINUTES.match(low, e)):
            if not ar and low.startswith(" 1/2", e):
                e += 4
            nxt = _NEXT_WORD.match(low, e, e + 30)
            if nxt is None:
                continue
            w = nxt.group(1)
            if w in _BRIDGES:
                nxt2 = _NEXT_WORD.match(low, nxt.end(), nxt.end() + 30)
                w = nxt2.group(1) if nxt2 else w
            if not any(k in content for k in _variants(w, ar)) and w not in _CLOCK_WORDS:
                continue
        heads.append((head, None))
    cands: dict[int, set] = {}
    for i, w in heads:
        if w is None:
            cands.setdefault(i, set()).update(digit)
        else:
            for k in _variants(w, ar):
                got = starts.get(k)
                if got:
                    cands.setdefault(i, set()).update(got)
        lo = max(0, i - 40)
        before = list(_WORDS.finditer(low, lo, i))
        n_back = 2
        if before and (before[-1].group() in ex._transparent or
                       (len(before) > 1 and before[-2].group() in ex._transparent)):
            lo = max(0, i - 70)
            before = list(_WORDS.finditer(low, lo, i))
            while n_back < len(before) and n_back < 5 and before[-n_back].group() in ex._transparent:
                n_back += 1
        for bm in before[-n_back:]:
            if bm.start() == lo and lo > 0:
                continue
            for k in _variants(bm.group(), ar):
                got = starts.get(k)
                if got:
                    cands.setdefault(bm.start(), set()).update(got)
    if ar:
        for h in _glued_year_heads(low):
            cands.setdefault(h, set()).update(digit)
    return cands


_EN_WORDS = ["the", "a", "more", "than", "about", "nearly", "and", "half", "of", "last", "next", "week", "year",
             "years", "months", "day", "days", "monday", "Tuesday", "may", "March", "june", "2015", "1999", "15th",
             "3", "12", "30", "10:30", "am", "p.m.", "early", "late", "mid", "this", "coming", "since", "after",
             "company", "said", "would", "spring", "decade", "century", "1990s", "quarter", "first", "two", "ago",
             "tonight", "noon", "weekend", "x", "abcdefghijklmnopqrstuvwxyz", "don't", "it’s", "foo_bar", "_",
             "2\u00bd", "one-year", "mid-june", "15/8", "2015-06-01", "abcde12", "ab3", "x2y3", "1,250", "3.5", "16,18"]
_AR_WORDS = ["في", "منذ", "بعد", "نحو", "ما", "يقارب", "قرابة", "حوالي", "العام", "عام", "الماضي", "المقبل", "يوم",
             "الجمعه", "الاحد", "يناير", "اغسطس", "اب", "شهر", "رمضان", "1435ه", "2015", "15", "وب15", "لل2024",
             "ال13", "و2016", "الساعه", "الثامنه", "مساء", "اليوم", "امس", "غدا", "ثلاثه", "ايام", "اسابيع", "سنوات",
             "قبل", "الشركه", "قال", "وزير", "للعام", "فبراير", "الثاني", "من", "الشهر", "الجاري", "10:30", "x_y",
             "وفال15", "ولل2015", "فبال2", "كتاب2", "abcde7", "15ر4", "٢٠١٥", "في2017", "وعام1910", "العام2015",
             "للعام2015", "16,18", "3,25", "1,250"]
_GAPS = [" ", " ", " ", "  ", ", ", ". ", "\n", " - ", "/", "(", ") ", "'", "’", " «", "» ", ":", "_", ""]


def _texts(words, n, seed):
    rng = random.Random(seed)
    for _ in range(n):
        k = rng.randint(1, 60)
        yield "".join(rng.choice(words) + rng.choice(_GAPS) for _ in range(k))


@pytest.mark.parametrize("lang,words", [("en", _EN_WORDS), ("ar", _AR_WORDS)])
def test_candidates_same_as_reference(lang, words):
    ex = extractor(lang)
    seen_transparent = 0
    for text in _texts(words, 3000, seed=len(lang)):
        low = text if lang == "ar" else text.lower()
        if len(low) != len(text):
            low = text
        want = _reference_candidates(ex, low)
        assert ex._candidates(low) == want, text
        seen_transparent += any(w in ex._transparent for w in _WORDS.findall(low))
    assert seen_transparent > 100  # the widened window was exercised


def test_candidates_on_corpus_sample():
    from bench.common import articles, sample

    arts = [a for lang in ("ar", "en") for a in sample(articles(lang), 60, seed=11)]
    if not arts:
        pytest.skip("corpus not available")
    for a in arts:
        ex = extractor(a.lang)
        low = a.text if a.lang == "ar" else a.text.lower()
        if len(low) != len(a.text):
            low = a.text
        assert ex._candidates(low) == _reference_candidates(ex, low), a.name


@pytest.mark.parametrize("lang,first,fillers,anchors", [
    ("en", ["the", "last", "about", "more than", "early", "in"], ["y", "than", "about", "nearly", "the"],
     ["2015", "week", "monday", "years"]),
    ("ar", ["في", "منذ", "نحو", "بعد", "العام"], ["ص", "ما", "يقارب", "نحو"], ["2015", "الماضي", "يوم", "ايام"]),
])
def test_candidates_at_the_window_edges(lang, first, fillers, anchors):
    """Words that start right at, just before and just after the 40 and 70 character
    look-back windows, with and without approximators between."""
    ex = extractor(lang)
    n = 0
    for a in first:
        for f in fillers:
            for b in anchors:
                for pad in range(0, 80):
                    for text in ("x " + a + " " + ("y" * pad) + " " + b + " z",
                                 "x " + a + " " + ("y" * pad) + " " + f + " " + b + " z",
                                 "x " + a + " " + ("y" * pad) + " " + f + " " + f + " " + b + " z",
                                 # a long word cut by the window: its cut end may read as an approximator
                                 "x " + a + " " + ("y" * pad) + f + " " + b + " z",
                                 "x " + a + " " + ("y" * pad) + f + " " + f + " " + b + " z",
                                 "x " + a + " " + ("y" * 30) + f + " " + ("w" * pad) + " " + b + " z",
                                 "x " + a + " " + f + " " + ("w" * pad) + " " + f + " " + b + " z"):
                        low = text if lang == "ar" else text.lower()
                        assert ex._candidates(low) == _reference_candidates(ex, low), text
                        n += 1
    assert n > 1000


# ------------------------------------------------------------------ thread

def _reference_find(doc, mentions, lang, c):
    """factcheck.dates.thread.find as it was (factcheck 711085f): sentences and anchors
    read for every document with a publication date."""
    from bisect import bisect_right

    from factcheck.dates import thread as T

    pub = doc.published
    if pub is None or c.cues is None:
        return []
    text = doc.folded.text if lang == "ar" else doc.text
    starts = T._sentences(text)
    anchors = []
    for m in mentions:
        if m.type != "DATE" or m.lo is None or m.gran not in T.ORDERABLE or not T._reliable(m):
            continue
        if m.lo > pub:
            continue
        a = T._anchor(text, m, starts, c)
        if a is not None:
            anchors.append(a)
    if not anchors:
        return []
    out = []
    for b in mentions:
        if b.type != "DATE" or b.hi is None or b.gran not in T.ORDERABLE or b.basis != "publication":
            continue
        if b.rel_kind not in c.rel_kinds:
            continue
        bs = bisect_right(starts, b.work[0]) - 1
        best = None
        for a in anchors:
            if a.men.work[1] > b.work[0] or not (a.sent < bs <= a.sent + c.max_sentences):
                continue
            if b.hi >= a.men.lo:
                continue
            if best is None or a.men.lo > best.men.lo:
                best = a
        if best is None:
            continue
        sent = text[starts[bs]:starts[bs + 1] if bs + 1 < len(starts) else len(text)]
        if any(p.search(sent) for p in c.background):
            continue
        if not T._in_thread(sent, best, c):
            continue
        br = T._break(doc, b, best, c)
        if c.need_reading and br.fix is None:
            continue
        out.append(br)
    return out


def _breaks(brs):
    return [(b.men.start, b.men.value, b.anchor.men.start, b.anchor.cue, b.anchor.cue_span, sorted(b.anchor.events),
             b.fix, b.readings) for b in brs]


def test_thread_find_same_as_reference():
    """find() stops early when no date can break a thread and reads anchors only up to the
    last date that can: the same breaks as the former code, with the rule's options and
    with relaxed ones (every sentence in the thread, no reading needed) that give many."""
    import datetime as dt

    import regex

    from bench.common import articles, sample
    from factcheck.dates import mentions_for
    from factcheck.dates.thread import Compiled, find
    from factcheck.document import parse_document
    from factcheck.rules import load_rules

    here = __import__("pathlib").Path(__file__).resolve().parent
    texts = [("ar", (here / "data" / "thread_ar_20240815.txt").read_text(encoding="utf-8"), dt.date(2024, 8, 15))]
    en = ("After the war between Israel and Hamas broke out on Oct. 7, militias attacked US bases "
          "in Iraq and Syria more than 170 times.\n\nThe Pentagon keeps about 2,500 troops in Iraq. The militias "
          "had also attacked them in February of last year.\n\nWashington struck back at these attacks, most "
          "heavily after three soldiers were killed in Jordan in January of last year.\n")
    # dates that could break a thread before the anchor, between anchors and after the last
    texts += [("en", en, dt.date(2024, 8, 15)), ("en", "Sales fell last year.\n\n" + en, dt.date(2024, 8, 15)),
              ("en", en + "\nThese attacks went on in March of last year, after the truce of May 2, 2024.\n"
               "These attacks resumed in April of last year.\n", dt.date(2024, 8, 15)),
              ("ar", "تراجعت المبيعات العام الماضي.\n\n" + texts[0][1], dt.date(2024, 8, 15))]
    texts += [(a.lang, a.text, a.published or dt.date(2024, 8, 15))
              for lang in ("ar", "en") for a in sample(articles(lang), 60, seed=5)]
    opts = {r.lang: r.options for r in load_rules().rules if r.options.get("check") == "thread"}
    total = 0
    for relaxed in (False, True):
        comp = {}
        for lang, o in opts.items():
            c = Compiled(o, lang)
            if relaxed:
                c.need_reading, c.rel_kinds, c.background, c.max_sentences = False, {"year", "unit", "month"}, [], 40
                c.pointers, c.pointer_not = [regex.compile(r"(?P<noun>\w+)")], set()
            comp[lang] = c
        for lang, text, pub0 in texts:
            for shift in (0, 200, 400):
                doc = parse_document("t.txt", text, lang=lang, published=pub0 + dt.timedelta(days=shift))
                ms = mentions_for(doc)
                want = _breaks(_reference_find(doc, ms, lang, comp[lang]))
                assert _breaks(find(doc, ms, lang, comp[lang])) == want, (lang, shift, text[:80])
                total += len(want)
    assert total > 10  # breaks were found and compared


def test_expressions_tried_together_find_what_one_by_one_finds():
    """patterns.yaml `try_together_from`: where many expressions may start, one alternation
    of them stands for the calls one by one; the mentions (spans, types, values) are the
    same with it and without it, on a corpus sample."""
    import datetime as dt

    from bench.common import articles, sample

    ex = extractor("en")
    assert ex.g.together_from >= 2  # English tries "the" (22 expressions) together
    texts = [(a.text, a.published) for a in sample(articles("en"), 150, seed=12)]
    if not texts:
        pytest.skip("corpus not available")

    def mentions(text, pub, together_from):
        ex.g.together_from = together_from
        pub = dt.date.fromisoformat(pub) if isinstance(pub, str) else pub
        return [(m.start, m.end, m.type, m.value) for m in ex.run(text, lambda s, e: (s, e), pub, text)]

    saved = ex.g.together_from
    ex._together.clear()
    try:
        for text, pub in texts:
            assert mentions(text, pub, saved) == mentions(text, pub, 0)
    finally:
        ex.g.together_from = saved
    assert ex._together  # the alternation was used
