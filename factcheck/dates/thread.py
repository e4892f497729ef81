"""Story threads: a floor that a dated event sets for what the copy tells after it.

A dated event introduced with an ordering cue («بعد/منذ/إثر/عقب/مع اندلاع/في أعقاب»;
"after", "since", "following", "in the wake of") opens a thread: the sentences that
follow narrate its consequences, so a date in them cannot lie before it.  A date
told relative to publication («كانون الثاني/يناير من العام الماضي», "last year") in
a sentence of that thread that resolves entirely before the floor is most likely a
slip for this year's one; the finding offers that reading.

A sentence belongs to the thread when it points back to it (a demonstrative before a
noun: «هذه الهجمات», "these attacks") or repeats the event noun of the anchor
(«اندلاع الحرب» ... «الحرب»).  Sentences marked as background («وكان ... قد», «سبق
أن», «في وقت سابق», "had", "earlier", "previously") are history, not the thread.

Everything is read on the text the dates were extracted from (the folded view for
Arabic): mention `work` offsets, sentences and words all live there.  The word lists
and expressions are options of the rule (rules/<lang>/dates/thread.yaml).
"""

from __future__ import annotations

import datetime as _dt
from bisect import bisect_right
from dataclasses import dataclass, field

import regex

from factcheck.langs import fold

ORDERABLE = ("D", "W", "M", "Q", "SE", "Y")
_SENT = regex.compile(r"[.!?؟]+(?=[\s\"»”')]|$)|\n+")
_WORDS = regex.compile(r"[\p{L}\p{N}_]+")
_CLAUSE_CUT = regex.compile(r"[،,؛;:]")


@dataclass
class Anchor:
    men: object  # the dated event (a Mention)
    cue: str  # the ordering cue as matched (folded for Arabic)
    cue_span: tuple  # its span in the text the dates were read on
    sent: int  # index of its sentence
    events: frozenset  # stems of the event nouns after the cue


@dataclass
class Break:
    men: object  # the date that breaks the floor
    anchor: Anchor
    fix: tuple | None = None  # (start, end, replacement) in doc.text
    readings: list = field(default_factory=list)  # likely readings, as copy text


def _norm(s: str, lang: str) -> str:
    return fold(s) if lang == "ar" else s.lower()


def _stem(w: str, lang: str) -> str:
    """A word without Arabic proclitics and article («والحرب» -> «حرب»), or lower-cased."""
    if lang != "ar":
        w = w.lower()
        return w[:-1] if len(w) > 4 and w.endswith("s") else w
    for p in ("وال", "فال", "بال", "كال", "لل", "ال"):
        if w.startswith(p) and len(w) - len(p) >= 3:
            return w[len(p):]
    if len(w) > 4 and w[0] in "وف" and w[1] in "بلك":
        return w[2:]
    if len(w) > 3 and w[0] in "وفبلك":
        return w[1:]
    return w


def _alt_re(words, lang: str):
    forms = sorted({_norm(w, lang) for w in words}, key=len, reverse=True)
    if not forms:
        return None
    body = "|".join(regex.escape(f).replace(r"\ ", r"\s+") for f in forms)
    pre = r"[وف]?" if lang == "ar" else ""
    return regex.compile(rf"(?<![\p{{L}}\p{{N}}_]){pre}(?P<cue>{body})(?![\p{{L}}\p{{N}}_])", regex.I)


class Compiled:
    """The rule's word lists and expressions, compiled once a rule."""

    def __init__(self, o: dict, lang: str):
        self.lang = lang
        self.cues = _alt_re(o["cues"], lang)
        flags = regex.I | regex.V0
        rx = (lambda p: fold(p)) if lang == "ar" else (lambda p: p)  # Arabic is read folded
        self.background = [regex.compile(rx(p), flags) for p in o["background"]]
        self.pointers = [regex.compile(rx(p), flags) for p in o["pointers"]]
        self.pointer_not = {_stem(_norm(w, lang), lang) for w in o["pointer_not"]}
        self.event_skip = {_norm(w, lang) for w in o["event_skip"]}
        self.max_cue_words = o["max_cue_words"]
        self.max_sentences = o["max_sentences"]
        self.this_words = {k: str(v) for k, v in (o["this_words"] or {}).items()}
        self.readings = list(o["readings"])
        self.rel_kinds = set(o["relative_kinds"])
        self.need_reading = o["need_reading"]
        self.anchor_breaks = {_norm(w, lang) for w in o["anchor_breaks"]}
        self.event_verbs = {_norm(w, lang) for w in o["event_verbs"]}
        self.month_strip = regex.compile(o["month_strip"], flags) if o["month_strip"] else None  # on copy text


def _sentences(text: str) -> list[int]:
    """Start offsets of the sentences of text."""
    starts = [0]
    for m in _SENT.finditer(text):
        starts.append(m.end())
    return starts


def _reliable(m) -> bool:
    """A date whose year the reader can take as told: written, counted from
    publication, or inferred from a past tense («بعد اندلاع الحرب ... 7 أكتوبر»)."""
    if m.basis in ("absolute", "publication"):
        return True
    return m.basis == "inferred" and m.side == -1


def find(doc, mentions, lang: str, c: Compiled) -> list[Break]:
    pub = doc.published
    if pub is None or c.cues is None:
        return []
    # only a date told relative to publication can break a thread: without one there is
    # nothing to read (the sentences and the anchors cost more than the rest of the rule)
    last = max((b.work[0] for b in mentions if _breaks_candidate(b, c)), default=None)
    if last is None:
        return []
    text = doc.folded.text if lang == "ar" else doc.text
    starts = _sentences(text)

    def sent_of(pos: int) -> int:
        return bisect_right(starts, pos) - 1

    def sent_text(i: int) -> str:
        return text[starts[i]:starts[i + 1] if i + 1 < len(starts) else len(text)]

    anchors: list[Anchor] = []
    for m in mentions:
        if m.work[1] > last:  # after every date that could break it: opens no thread that counts
            continue
        if m.type != "DATE" or m.lo is None or m.gran not in ORDERABLE or not _reliable(m):
            continue
        if m.lo > pub:
            continue
        a = _anchor(text, m, starts, c)
        if a is not None:
            anchors.append(a)
    if not anchors:
        return []
    out = []
    for b in mentions:
        if not _breaks_candidate(b, c):
            continue
        bs = sent_of(b.work[0])
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
        sent = sent_text(bs)
        if any(p.search(sent) for p in c.background):
            continue
        if not _in_thread(sent, best, c):
            continue
        br = _break(doc, b, best, c)
        if c.need_reading and br.fix is None:
            continue
        out.append(br)
    return out


def _breaks_candidate(b, c: Compiled) -> bool:
    """A date that may break a thread: told relative to publication, with a direction
    word of the kinds asked («من العام الماضي», "last year" ...)."""
    if b.type != "DATE" or b.hi is None or b.gran not in ORDERABLE or b.basis != "publication":
        return False
    return b.rel_kind in c.rel_kinds


def _anchor(text: str, m, starts, c: Compiled) -> Anchor | None:
    """The ordering cue that introduces the dated event m in its clause, if any."""
    s = m.work[0]
    i = bisect_right(starts, s) - 1
    lo = starts[i]
    # The cue must stand within max_cue_words words of the date, so only the end of the
    # clause is read: a sentence without punctuation (a hostile or broken input) would
    # otherwise be read whole for each of its dates. The window starts at a space, far
    # enough back that a cue before it would have too many words between it and the date.
    reach = 64 * (c.max_cue_words + 4)
    if s - lo > reach:
        sp = text.find(" ", s - reach, s)
        if sp != -1:
            lo = sp + 1
    before = text[lo:s]
    cut = None
    for cut in _CLAUSE_CUT.finditer(before):
        pass
    clause_start = lo + (cut.end() if cut else 0)
    clause = text[clause_start:s]
    last = None
    for last in c.cues.finditer(clause):
        pass
    if last is None:
        return None
    between = _WORDS.findall(clause[last.end():])
    if len(between) > c.max_cue_words:
        return None
    for k, w in enumerate(between):
        if _norm(w, c.lang) in c.anchor_breaks:
            if k <= 3 and k + 1 < len(between) and _norm(between[k + 1], c.lang) in c.event_verbs:
                continue  # «إثر العاصفة التي ضربت المملكة في ...», "after the storm that hit ...": the event's own date
            return None  # "after a year of losses that a revision on Wednesday showed": not the event's date
    events = []
    for w in between:
        if _norm(w, c.lang) in c.event_skip:
            continue
        st = _stem(w, c.lang)
        if len(st) >= 3:
            events.append(st)
        if len(events) == 2:
            break
    cs, ce = clause_start + last.start("cue"), clause_start + last.end("cue")
    return Anchor(m, last.group("cue"), (cs, ce), i, frozenset(events))


def _in_thread(sent: str, a: Anchor, c: Compiled) -> bool:
    """The sentence points back (a demonstrative before a noun, group `noun` of a
    `pointers` expression, not a time word: «هذه الهجمات», not «هذا العام») or
    repeats an event noun of the anchor."""
    for p in c.pointers:
        for pm in p.finditer(sent):
            noun = pm.groupdict().get("noun") or ""
            if _stem(noun, c.lang) not in c.pointer_not:
                return True
    stems = {_stem(w, c.lang) for w in _WORDS.findall(sent)}
    if a.events & stems:
        return True
    # English names a compound event by its head on second reference: "the earthquake" ...
    # "the quake", "a thunderstorm" ... "the storm" (a head of five letters or more)
    return c.lang == "en" and any(len(s) >= 5 and e != s and e.endswith(s) for e in a.events for s in stems)


def _same_in_year(lo: _dt.date, hi: _dt.date, year: int):
    """The period lo..hi moved to `year` (a month stays a whole month: February of a
    leap year ends on the 28th in another year); (None, None) for a 29 February."""
    try:
        lo2 = lo.replace(year=year)
    except ValueError:
        return None, None
    month_end = (hi + _dt.timedelta(days=1)).day == 1
    if month_end:
        nxt = _dt.date(year + (hi.month == 12), hi.month % 12 + 1, 1)
        return lo2, nxt - _dt.timedelta(days=1)
    try:
        return lo2, hi.replace(year=year)
    except ValueError:
        return None, None


def _break(doc, b, a: Anchor, c: Compiled) -> Break:
    br = Break(b, a)
    pub = doc.published
    if b.rel_span is None or b.rel_kind not in ("year", "unit"):
        return br
    if b.rel_kind == "unit" and b.gran != "Y":
        return br
    # the same date in the publication year: the likely reading when it fits the thread
    lo, hi = _same_in_year(b.lo, b.hi, pub.year)
    if lo is None:
        return br
    if hi < a.men.lo or lo > pub:  # this year's one would not fit the thread either
        return br
    s, e = b.rel_span
    word = doc.text[s:e]
    fem = c.lang == "ar" and fold(word).endswith(("ه", "ة"))
    repl = c.this_words.get("f" if fem else "m")
    if not repl:
        return br
    br.fix = (s, e, repl)
    fixed = doc.text[b.start:s] + repl + doc.text[e:b.end]
    month = c.month_strip.sub("", b.text).strip() if c.month_strip is not None else ""
    first_of_pub_month = _dt.date(pub.year, pub.month, 1)
    for tpl in c.readings:
        if "{month}" in tpl:
            # «يناير الماضي», "last January": only for a month before the publication month
            if b.rel_kind != "year" or b.gran != "M" or not month or month == b.text or hi >= first_of_pub_month:
                continue
        br.readings.append(tpl.format(fixed=fixed, month=month))
    return br
