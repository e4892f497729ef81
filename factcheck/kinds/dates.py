"""`dates`: temporal consistency checks over the document's resolved dates.

Every check reads the same mentions (factcheck.dates.mentions_for, computed once
a document), so a file costs one extraction whatever the number of date rules.

check:
- weekday        a weekday next to a date it does not fall on;
- hijri          a Hijri date more than `tolerance_days` away from its Gregorian twin;
- month-relative a month named with «الماضي»/"last" (or «المقبل»/"next") that is
                 the publication month itself;
- tense          an explicit date after publication told in the past tense, or a
                 date before publication announced as coming;
- order          an event the copy places after another (بعد، عقب، إثر، منذ ...;
                 after, since, following) that resolves before it;
- thread         a date told relative to publication in a sentence that continues a
                 story thread (after «بعد/منذ/إثر/عقب/مع اندلاع/في أعقاب» + a dated
                 event; "after", "since" ...) that resolves before the event that
                 opened the thread (factcheck/dates/thread.py);
- undated        no publication date, and relative dates that could not be resolved
                 (one finding a file).

Message templates may use: {match} {value} {date} {stated} {actual} {hijri}
{hijri_value} {gregorian} {days} {published} {month} {anchor} {anchor_value} {anchor_line}
{cue} {readings} {count}.
"""

from __future__ import annotations

import datetime as _dt
from functools import lru_cache


from factcheck import rxcache
from factcheck.messages import render
from factcheck.model import Hit
from factcheck.rules import Opt
from factcheck.lazyrx import bind as _bind_lazy, regex_

CHECKS = ("weekday", "deictic", "hijri", "month-relative", "tense", "order", "thread", "undated")

OPTIONS = {
    "check": Opt("str", required=True, choices=CHECKS, doc="which consistency check this rule runs"),
    "tolerance_days": Opt("int", 1, doc="hijri: days of difference allowed (moon sighting)"),
    "max_inferred_days": Opt("int", 60, doc="weekday: check a date without a year only this near publication"),
    "max_gap_chars": Opt("int", 300, doc="order: how far after the anchor date a contradicting date may stand"),
    "current_message": Opt("str", "", doc="month-relative: the message for a month named as the current one "
                                          "(«أبريل الجاري») in another month's article; empty: not checked"),
    "late_days": Opt("int", 1, doc="deictic: how many days after it was written copy may be dated («أمس الأربعاء» "
                                   "in Friday's paper, written on Thursday)"),
    "early_days": Opt("int", 0, doc="deictic: how many days before it was written copy may be dated (a UTC stamp, "
                                    "a rolling story's first date)"),
    "margin_days": Opt("int", 1, doc="tense: days of slack around publication (time zones, late editions)"),
    "past_reach": Opt("int", 3, doc="tense: how many words before a date after publication a past-tense verb is "
                                    "read from (Arabic puts subject and object between: «اختتمت القمة العربية "
                                    "الطارئة أعمالها في القاهرة في 20 آذار»)"),
    "complement": Opt("regex", "", doc="tense: a complementiser between the past verb and the date, or before a "
                                       "future cue («قال إنه سيزور»): reported speech, no finding"),
    "place_before": Opt("regex", "", doc="tense: what must end the words between the past verb and the date "
                                         "(\"on\", \"in\"); empty: anything"),
    "past_plural": Opt("regex", "", doc="tense: past verbs of the dual and plural that the grammar's past cues "
                                        "(singular reporting verbs) lack («وقعا», «التقوا»)"),
    "was_future": Opt("regex", "", doc="tense: a future cue made past by the verb before it («كان من المقرر», "
                                       "\"was due to\")"),
    "scheduled": Opt("regex", "", doc="tense: a schedule marker read anywhere in the date's clause, up to "
                                      "`scheduled_reach` characters before it («ومن المقرر أن يخوض الهلال مواجهة "
                                      "نصف نهائي الكأس في ...»), where other future cues must stand in the last "
                                      "four words"),
    "scheduled_reach": Opt("int", 160, doc="tense: how far before the date (characters, within its clause) "
                                           "`scheduled` is read"),
    "weekday_pins_year": Opt("bool", False, doc="tense: a date without a year whose weekday fits it («يوم الأحد 4 "
                                                "فيفري») is checked as if the year were written: the weekday of a "
                                                "day and month differs from one year to the next"),
    "stale_days": Opt("int", 0, doc="tense: a day and month without a year told as coming, whose year was "
                                    "moved to the next one by the future tense although this year's day passed "
                                    "at most this many days before publication («ستنطلق ... يوم 19 أغسطس» in "
                                    "copy of 28 August): a stale preview, reported with `stale_message` (0: off)"),
    "stale_not_after": Opt("regex", "", doc="tense: `stale_days` is not reported when this stands in the clause "
                                            "before the future cue («كان ... يبدأ», \"used to\": a habit of the past)"),
    "stale_message": Opt("str", "", doc="tense: the message of `stale_days` ({match}, {value}, {this_year}, "
                                        "{days}, {published}, {cue})"),
    "background_words": Opt("regex", "", doc="order: words between the anchor and a later date that make that "
                                             "date background (before, which, «الذي» ...)"),
    "new_clause": Opt("regex", "", doc="order: the contradicting date opens a clause of its own "
                                       "(\", and in ...\", «، وفي ...»)"),
    "place_words": Opt("list[str]", [], doc="order: the prepositions before a date read as the event's time"),
    "clause_openers": Opt("list[str]", [], doc="order: a word before the date that opens a clause by itself («وفي»)"),
    "offset_after": Opt("regex", "", doc="order: read right after a date, a duration and 'after' that date's event "
                                       "came after another («..., two months after investigators raided ... on "
                                       "Aug. 22, 2022»): the next date of its sentence must not come later "
                                       "(`offset_message`)"),
    "offset_message": Opt("str", "", doc="order: the message of `offset_after` ({match}, {value}, {anchor}, "
                                         "{anchor_value}, {cue})"),
    "np_participle": Opt("regex", "", doc="order: the date belongs to a noun phrase with a past participle "
                                          "(\"a reserve fund created in\"): background"),
    "cues": Opt("list[str]", [], doc="thread: ordering cues that open a story thread (بعد، منذ ...; after, since ...)"),
    "max_cue_words": Opt("int", 12, doc="thread: most words between the cue and the date of the event"),
    "max_sentences": Opt("int", 15, doc="thread: how many sentences after the anchor's the thread may run"),
    "background": Opt("list[regex]", [], doc="thread: a sentence matching one of these is background, not thread"),
    "pointers": Opt("list[regex]", [], doc="thread: demonstratives pointing back; group 'noun' is the noun"),
    "pointer_not": Opt("list[str]", [], doc="thread: nouns after a demonstrative that do not point back (time words)"),
    "event_skip": Opt("list[str]", [], doc="thread: words after the cue that are not event nouns"),
    "this_words": Opt("dict", {}, doc="thread: the fix's word for 'this' year: {m: masculine, f: feminine}"),
    "readings": Opt("list[str]", [], doc="thread: likely readings offered, templates with {fixed} and {month}"),
    "month_strip": Opt("regex", "", doc="thread: removes the year part from the date's text, leaving {month}"),
    "message_no_reading": Opt("str", "", doc="thread: the message when no likely reading fits"),
    "relative_kinds": Opt("list[str]", ["year"], doc="thread: which relative dates are checked: year (a month "
                          "or day «من العام الماضي», 'of last year'), unit («العام الماضي», 'last year'), month "
                          "(«يناير الماضي», 'last January')"),
    "need_reading": Opt("bool", True, doc="thread: report only when this year's reading fits the thread"),
    "anchor_breaks": Opt("list[str]", [], doc="thread: words between the cue and the date that make the date "
                         "another event's (relative pronouns: that, which, الذي ...)"),
    "event_verbs": Opt("list[str]", [], doc="thread: a word of anchor_breaks right after the event's noun (among "
                       "the first four words after the cue) followed by one of these verbs of happening tells the "
                       "event's own date («العاصفة التي ضربت ... في», 'the storm that hit ... in'): no break"),
}


def validate(options, loc, lang):
    bad = set(options["relative_kinds"]) - {"year", "unit", "month"}
    if bad:
        raise loc.error(("relative_kinds",), f"'relative_kinds': unknown {sorted(bad)} (year, unit, month)")
    if options["tolerance_days"] < 0:
        raise loc.error(("tolerance_days",), "'tolerance_days' must be 0 or more")
    if options["max_gap_chars"] < 1:
        raise loc.error(("max_gap_chars",), "'max_gap_chars' must be positive")


@lru_cache(maxsize=None)
def _names(lang: str):
    from factcheck.resources import load_data

    data = load_data(lang, "dates/grammar/months.yaml") or {}
    wd = {int(k): v[0] for k, v in (data.get("weekdays") or {}).items()}
    mo = {int(k): v[0] for k, v in (data.get("gregorian") or {}).items()}
    return wd, mo


def _weekday_name(lang: str, n: int) -> str:
    return _names(lang)[0].get(n, str(n))


def _month_name(lang: str, n: int) -> str:
    return _names(lang)[1].get(n, str(n))


def _levantine(lang: str) -> dict:
    from factcheck.resources import load_data

    data = load_data(lang, "dates/grammar/months.yaml") or {}
    return {int(k): v for k, v in (data.get("levantine") or {}).items()}


def _human(lang: str, d: _dt.date, doc=None) -> str:
    """A date as a message writes it; in Arabic copy that names months the Levantine way
    («آذار/مارس»), with both names, as the copy does (a Gulf «مارس» alone read oddly there)."""
    if lang != "ar":
        return f"{_month_name(lang, d.month)} {d.day}, {d.year}"
    month = _month_name(lang, d.month)
    if doc is not None:
        lev = _levantine(lang)
        uses = doc.cache.get("dates.levantine")
        if uses is None:
            uses = doc.cache["dates.levantine"] = any(n in doc.text for n in lev.values())
        if uses and d.month in lev:
            month = f"{lev[d.month]}/{month}"
    return f"{d.day} {month} {d.year}"


def build(rule):
    o = rule.options
    check = o["check"]
    lang = rule.lang

    def run(doc):
        from factcheck.dates import mentions_for

        mentions = mentions_for(doc)
        if check == "undated":
            yield from _undated(doc, mentions)
            return
        if check == "weekday":
            yield from _weekday(doc, mentions, lang, o)
        elif check == "deictic":
            yield from _deictic(doc, mentions, lang, o)
        elif check == "hijri":
            yield from _hijri(doc, mentions, lang, o)
        elif check == "month-relative":
            yield from _month_relative(doc, mentions, lang, o)
        elif check == "tense":
            yield from _tense(doc, mentions, lang, o)
        elif check == "order":
            yield from _order(doc, mentions, lang, o)
        elif check == "thread":
            yield from _thread(doc, mentions, lang, o, compiled)

    compiled = None
    if check == "thread":
        from factcheck.dates.thread import Compiled

        compiled = Compiled(o, lang)
    return run


# ------------------------------------------------------------------ weekday

# between a weekday read on its own and the date right after it: «مساء يوم السبت 9 مارس»
_WEEKDAY_GAP = regex_(r"[\s،,(\-–]{1,3}")


def _weekday(doc, mentions, lang, o):
    pub = doc.published
    text = doc.text
    for i, m in enumerate(mentions):
        start = m.start
        if m.weekday is None and m.explicit_day and i > 0:
            # a time of day before the weekday («مساء يوم السبت 9 مارس 2025») makes the weekday
            # a mention of its own, and the date another: the two still name one day
            p = mentions[i - 1]
            if p.weekday is not None and not p.explicit_day and _WEEKDAY_GAP.fullmatch(text, p.end, m.start):
                m = _with_weekday(m, p.weekday)
                start = p.start
        if m.weekday is None or m.gran != "D" or m.lo is None:
            continue
        if not m.explicit_day:  # «اليوم الجمعة» rests on the publication date, not on a written date
            continue
        if not m.year_explicit:
            if pub is None or abs((m.lo - pub).days) > o["max_inferred_days"]:
                continue
        actual = m.lo.isoweekday()
        if actual == m.weekday:
            continue
        if m.hijri is not None:
            # a Hijri day may fall a day off the Umm al-Qura calendar (moon sighting): only a
            # weekday further off than `tolerance_days` is wrong («الجمعة 10 صفر 1446» is a Wednesday)
            off = (m.weekday - actual) % 7
            if min(off, 7 - off) <= o["tolerance_days"]:
                continue
        yield Hit(start, m.end, {
            "value": m.value, "date": _human(lang, m.lo, doc), "stated": _weekday_name(lang, m.weekday),
            "actual": _weekday_name(lang, actual)})


def _deictic(doc, mentions, lang, o):
    """«اليوم الثلاثاء» in copy dated a Friday: a day named by a deictic (today, yesterday,
    tomorrow) and its weekday, which cannot both hold against the publication date.  Copy
    dated up to `late_days` after it was written names days that many days early («أمس
    الأربعاء» in copy of Friday that was written on Thursday) and is let be; any other shift
    is reported («غدا الأحد» in Friday's copy: tomorrow is Saturday), once for every shift: copy that says «مساء
    أمس الخميس ... مساء اليوم الجمعة ... غد السبت» under a Tuesday date is one stale story (or
    one wrong date), not three errors.  Not inside a quotation, whose deictics count from the
    day the words were said."""
    from factcheck.dates.extract import deictic_in, quote_start
    from factcheck.dates.grammar import grammar

    pub = doc.published
    if pub is None:
        return
    g = grammar(lang)
    text_f = doc.folded.text if lang == "ar" else doc.text
    shifts = set()
    for m in mentions:
        if m.pattern != "dayrel_weekday" or m.weekday is None:
            continue
        # (the words without the comma or brackets between the deictic and its weekday:
        # "yesterday, Sunday", "tomorrow (Saturday)"; English lower-cased, as the lexicon)
        words = [w.strip(",،()") for w in text_f[m.work[0]:m.work[1]].split()]
        if lang != "ar":
            words = [w.lower() for w in words]
        found = deictic_in(g, words)
        if found is None:
            continue
        i, j, days = found
        day = pub + _dt.timedelta(days=days)
        off = (m.weekday - day.isoweekday() + 3) % 7 - 3  # the named day minus the deictic's, -3..3
        if -o["late_days"] <= off <= o["early_days"] or off in shifts or quote_start(text_f, m.work[0]) is not None:
            continue
        shifts.add(off)
        written = [w.strip(",،()") for w in doc.text[m.start:m.end].split()]  # the deictic as the copy writes it
        deictic = " ".join(written[i:j]) if len(written) == len(words) else " ".join(words[i:j])
        yield Hit(m.start, m.end, {
            "value": m.value, "published": _human(lang, pub, doc),
            "published_weekday": _weekday_name(lang, pub.isoweekday()), "deictic": deictic,
            "expected": _weekday_name(lang, day.isoweekday()), "stated": _weekday_name(lang, m.weekday)})


def _with_weekday(m, weekday: int):
    """A copy of mention m that names `weekday` (the mentions stay as extracted)."""
    import copy

    c = copy.copy(m)
    c.weekday = weekday
    return c


# ------------------------------------------------------------------ hijri

_CONNECT = regex_(
    r"^[\s،,()\-–/\u0640]*(?:(?:الموافق|الموافقة|الموافقه|ل|م|ه|هـ|ميلادي|ميلاديه|ميلادية|هجري|هجريه|هجرية)"
    r"[\s،,()\-–/\u0640]*)*$")


def _hijri(doc, mentions, lang, o):
    from factcheck.dates.extract import hijri_near, hijri_to_gregorian

    text = doc.text
    for i, h in enumerate(mentions):
        if h.hijri is None:
            continue
        for j in (i - 1, i + 1):
            if not (0 <= j < len(mentions)):
                continue
            g = mentions[j]
            if g.hijri is not None or g.gran != "D" or g.lo is None or not g.explicit_day:
                continue
            a, b = (h, g) if j > i else (g, h)
            gap = text[a.end:b.start]
            if len(gap) > 25 or not _CONNECT.match(gap):
                continue
            hy, hm, hd = h.hijri
            if hy is None:
                conv = hijri_near(g.lo, hm, hd)
            else:
                conv = hijri_to_gregorian(hy, hm, hd)
            if conv is None:
                break
            diff = (g.lo - conv).days
            if abs(diff) > o["tolerance_days"]:
                yield Hit(a.start, b.end, {
                    "hijri": h.text, "hijri_value": conv.isoformat(), "gregorian": g.value,
                    "hijri_date": _human(lang, conv, doc), "written_date": _human(lang, g.lo, doc),
                    "days": abs(diff),
                    "value": g.value})
            break


# ------------------------------------------------------------------ month named "last"/"next"

def _month_relative(doc, mentions, lang, o):
    pub = doc.published
    if pub is None:
        return
    for m in mentions:
        if m.mrel == 0 and o["current_message"] and m.month is not None and not m.year_explicit \
                and m.rel_kind == "month" and m.weekday is None and m.month != pub.month:
            # «أبريل الجاري» in a May article: the current month is another one.  Not on the
            # first of a month for the month before (copy written the evening before its date)
            prev = (pub.replace(day=1) - _dt.timedelta(days=1)).month
            if not (pub.day == 1 and m.month == prev):
                args = {"value": m.value, "month": _month_name(lang, m.month), "published": pub.isoformat(),
                        "current": _month_name(lang, pub.month), "word": m.mrel_text}
                yield Hit(m.start, m.end, args, None, render(o["current_message"], {"match": m.text, **args}))
            continue
        if m.mrel not in (-1, 1) or m.month is None or m.year_explicit or m.weekday is not None:
            continue
        # «22 أكتوبر الماضي» a week after 22 October is this year's: only bare months
        if m.explicit_day or m.gran != "M":
            continue
        if m.month != pub.month:
            continue
        yield Hit(m.start, m.end, {
            "value": m.value, "month": _month_name(lang, m.month), "published": pub.isoformat()})


# ------------------------------------------------------------------ tense

_WORD = regex_(r"[\p{L}\p{N}_']+")


def _rx(o, name):
    """The compiled regex option `name`, or None when it is empty."""
    return rxcache.compile(o[name], 0, "rules") if o[name] else None


_CLAUSE_CUT = regex_(r"[!?؟\n;؛,،:]|\.(?=\s|$)")


def _clause_before(doc, m, limit=80):
    view = doc.folded if doc.lang == "ar" else None
    text = view.text if view is not None else doc.text
    s = m.work[0]
    chunk = text[max(0, s - limit):s]
    cut = None
    for cut in _CLAUSE_CUT.finditer(chunk):
        pass
    return chunk[cut.end():] if cut else chunk


def _tense(doc, mentions, lang, o):
    from factcheck.dates.extract import _safe_date
    from factcheck.dates.grammar import grammar

    pub = doc.published
    if pub is None:
        return
    g = grammar(lang)
    margin = _dt.timedelta(days=o["margin_days"])
    complement, place, was_future = _rx(o, "complement"), _rx(o, "place_before"), _rx(o, "was_future")
    scheduled = _rx(o, "scheduled")
    pins, stale, habit = o["weekday_pins_year"], o["stale_days"], _rx(o, "stale_not_after")
    for m in mentions:
        if m.lo is None or m.type not in ("DATE", "TIME"):
            continue
        if m.gran not in ("D", "M") or m.after_cue:  # "since September 2022" is past by itself
            continue
        stale_from = None  # this year's day, passed shortly before publication (`stale_days`)
        if not m.year_explicit:
            if stale and m.inferred and m.side == 1 and m.explicit_day and m.gran == "D" and m.weekday is None:
                this = _safe_date(m.lo.year - 1, m.lo.month, m.lo.day)
                if this is not None and pub - margin > this >= pub - _dt.timedelta(days=stale):
                    stale_from = this
            if stale_from is None and not (pins and _weekday_fits(m) and m.hi is not None and m.hi < pub - margin):
                continue  # (a pinned weekday for a coming date only: «قرر عقد جلسة يوم الثلاثاء 25 أفريل» is no past)
        before = _clause_before(doc, m)
        words = _WORD.findall(before)
        if stale_from is not None:
            # the future cue anywhere in the clause («وستنطلق منافسات ... يوم 19 أغسطس»), not after a
            # habit of the past («كان الاحتفال ... يبدأ في يوم 21 مارس»)
            cue = _future_cue(doc, m, before, words, g, o, scheduled, was_future, complement,
                              anywhere=True, habit=habit)
            if cue is not None:
                args = {"value": m.value, "published": pub.isoformat(), "cue": cue,
                        "this_year": stale_from.isoformat(), "days": (pub - stale_from).days}
                yield Hit(m.start, m.end, args, None,
                          render(o["stale_message"], {"match": m.text, **args}) if o["stale_message"] else None)
            continue
        if m.lo > pub + margin:
            # told in the past: a past-tense verb within three words before the
            # date, with no complementiser ("said that", «قال إن») between them
            if g.past_re is None:
                continue
            near = " ".join(words[-o["past_reach"]:])
            hits = list(g.past_re.finditer(near))
            extra = _rx(o, "past_plural")
            if extra is not None:  # «وقعا الاتفاق في ...», «التقوا في ...»: the dual and plural of the cues
                hits = sorted(hits + list(extra.finditer(near)), key=lambda h: h.end())
            if not hits:
                continue
            tail = near[hits[-1].end():]
            if (complement and complement.search(tail)) or (g.future_re and g.future_re.search(before)):
                continue
            if place and not place.search(tail):
                continue
            yield Hit(m.start, m.end, {"value": m.value, "published": pub.isoformat(), "cue": hits[-1].group(0)})
        elif m.hi is not None and m.hi < pub - margin and g.future_re is not None:
            # (a date pinned by its weekday: the future cue anywhere in its clause, "is expected to reach
            # Southern California on Sunday, Feb. 4"; a date with its year keeps the four words before it)
            cue = _future_cue(doc, m, before, words, g, o, scheduled, was_future, complement,
                              anywhere=not m.year_explicit)
            if cue is not None:
                yield Hit(m.start, m.end, {"value": m.value, "published": pub.isoformat(), "cue": cue})


def _future_cue(doc, m, before, words, g, o, scheduled, was_future, complement, anywhere=False, habit=None):
    """The future cue that tells the date m as coming: a future marker in the four words before
    it (`anywhere`: in its clause, up to `scheduled_reach` characters before it), or a schedule
    marker further back in its clause; None when there is none, when the future is told from
    the past or reported («كان من المقرر», «قال إنه سيزور»), or when `habit` stands before the
    cue in that clause («كان ... يبدأ»: a habit of the past)."""
    if g.future_re is None:
        return None
    f = g.future_re.search(" ".join(words[-4:]))
    clause = None
    if f is None and anywhere:
        # «وستنطلق منافسات كأس السوبر في هونغ كونغ يوم 19 أغسطس»: the verb opens the clause
        clause = _clause_before(doc, m, limit=o["scheduled_reach"])
        for f in g.future_re.finditer(clause):
            pass
    if f:
        cue = f.group(0)
        text = before if clause is None else clause
        head = text[:text.rfind(cue)] if cue in text else text
        sm = None
        for sm in (scheduled.finditer(head) if scheduled is not None else ()):
            pass
        if sm is not None:  # «ومن المقرر أن تجري ...»: the «أن» is the schedule's, not reported speech
            head = head[:sm.start()]
    elif scheduled is not None:
        # «ومن المقرر أن يخوض الهلال مواجهة نصف نهائي الكأس في 12 يناير 2025»: a schedule
        # marker further back in the date's clause
        clause = _clause_before(doc, m, limit=o["scheduled_reach"]) if clause is None else clause
        sm = None
        for sm in scheduled.finditer(clause):
            pass
        if sm is None:
            return None
        cue, head = sm.group(0).strip(" \t،,"), clause[:sm.start()]
    else:
        return None
    # a future told from the past: «كان من المقرر أن تعقد» (was to be held), "was to",
    # or reported speech, a complementiser before the cue («قال إنه سيزور ...»)
    if (was_future and was_future.search(head[-40:])) or (complement and complement.search(head)):
        return None
    if habit is not None:
        clause = _clause_before(doc, m, limit=o["scheduled_reach"]) if clause is None else clause
        k = clause.rfind(cue)
        if habit.search(clause[:k] if k >= 0 else clause):
            return None
    return cue


def _weekday_fits(m) -> bool:
    """A date without a year whose stated weekday is its own: the weekday fixes the year among
    the years around it (a day and month fall one or two weekdays later each year)."""
    return m.weekday is not None and m.explicit_day and m.gran == "D" and m.lo is not None \
        and m.lo == m.hi and m.lo.isoweekday() == m.weekday


# ------------------------------------------------------------------ order

_ORDERABLE = ("D", "W", "M", "Q", "SE", "Y")


def _order(doc, mentions, lang, o):
    blocks = doc.blocks
    text_f = doc.folded.text if lang == "ar" else doc.text
    flagged = set()
    background, new_clause, participle = _rx(o, "background_words"), _rx(o, "new_clause"), _rx(o, "np_participle")
    places, openers = set(o["place_words"]), set(o["clause_openers"])
    for i, a in enumerate(mentions):
        if not a.after_cue or a.lo is None or a.gran not in _ORDERABLE or a.inferred:
            continue
        block = _block_of(blocks, a.start)
        for b in mentions[i + 1:]:
            if b.start - a.end > o["max_gap_chars"] or (block and b.start >= block[1]):
                break
            if b.lo is None or b.gran not in _ORDERABLE or b.inferred:
                continue
            between = text_f[a.work[1]:b.work[0]]
            if background and background.search(between):
                break
            if b.after_cue or b.prev_word not in places:
                continue
            if not ((new_clause and new_clause.search(between)) or b.prev_word in openers):
                break
            if participle and participle.search(text_f, max(a.work[1], b.work[0] - 120), b.work[0]):
                break
            if b.hi < a.lo and b.start not in flagged:
                flagged.add(b.start)
                yield Hit(b.start, b.end, {
                    "value": b.value, "anchor": a.text, "anchor_value": a.value, "cue": a.after_cue})
            break
    for h in _offset_after(doc, mentions, text_f, o):
        if h.start not in flagged:
            flagged.add(h.start)
            yield h


_SENT_STOP = regex_(r"[.!?؟\n]")


def _offset_after(doc, mentions, text_f, o):
    """A date followed by a duration and "after" («..., بعد شهرين من ...», "..., two months
    after ...") says its event came after another: the next date of the sentence, that other
    event's, must not resolve after it ("arrested on June 14 of last year, two months after
    investigators raided his home on Aug. 22, 2022" in copy of 2023)."""
    rx = _rx(o, "offset_after")
    if rx is None:
        return
    for i, a in enumerate(mentions):
        if a.lo is None or a.gran not in _ORDERABLE or a.inferred:
            continue
        m = rx.match(text_f, a.work[1], min(len(text_f), a.work[1] + 80))
        if m is None:
            continue
        for b in mentions[i + 1:]:
            if b.work[0] < m.end():
                continue
            if _SENT_STOP.search(text_f, a.work[1], b.work[0]) or b.start - a.end > o["max_gap_chars"]:
                break
            if b.lo is None or b.gran not in _ORDERABLE or b.inferred:
                break
            if b.lo > a.hi:
                args = {"value": b.value, "anchor": a.text, "anchor_value": a.value, "cue": m.group(0).strip(" ,،")}
                msg = render(o["offset_message"], {"match": b.text, **args}) if o["offset_message"] else None
                yield Hit(b.start, b.end, args, None, msg)
            break


def _block_of(blocks, pos):
    for s, e in blocks:
        if s <= pos <= e:
            return (s, e)
    return None


# ------------------------------------------------------------------ thread

def _thread(doc, mentions, lang, o, compiled):
    from factcheck.dates.thread import find
    from factcheck.model import Edit, Fix
    from factcheck.textview import line_col

    q = ("«", "»") if lang == "ar" else ("'", "'")
    sep = " أو " if lang == "ar" else " or "
    for br in find(doc, mentions, lang, compiled):
        b, a = br.men, br.anchor
        s, _ = doc.view.to_base(a.men.start, a.men.end)
        cue = a.cue
        if lang == "ar":
            cs, ce = doc.folded.to_base(*a.cue_span)
            cue = doc.text[cs:ce].strip()
        args = {"match": b.text, "value": b.value, "anchor": a.men.text, "anchor_value": a.men.value,
                "anchor_line": line_col(doc.source_line_starts, s)[0], "cue": cue,
                "readings": sep.join(f"{q[0]}{r}{q[1]}" for r in br.readings)}
        fix = Fix("unsafe", (Edit(*br.fix),)) if br.fix is not None else None
        msg = None
        if not br.readings and o["message_no_reading"]:
            msg = render(o["message_no_reading"], args)
        yield Hit(b.start, b.end, args, fix=fix, message=msg)


# ------------------------------------------------------------------ undated

def _undated(doc, mentions):
    if doc.published is not None:
        return
    rel = [m for m in mentions if m.relative and "X" in m.value]
    if not rel:
        return
    m = rel[0]
    yield Hit(m.start, m.end, {"count": len(rel), "match": m.text, "value": m.value})


_bind_lazy(globals())  # the module's expressions compile when first used (factcheck.lazyrx)
