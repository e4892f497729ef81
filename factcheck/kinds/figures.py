"""`figures`: checks over the figures of a document (factcheck.figures, extracted once a
document and shared by every rule of this kind).

check:
- unsupported   a figure with no attribution in reach (its sentence, a quotation or a
                colon that carries one); the headline is not checked (info by default);
- inconsistent  the same thing counted two ways: two figures with the same counted noun and
                unit whose values cannot both be true (approximators and rounding allowed
                for), in different sentences that share what is counted, with no change
                («ارتفع إلى»، "rose to", "revised", "earlier") or comparison in either clause;
- headline      a figure of the headline that the body never states (the same value, or a
                rounding of it, in any form: «40 ألف» / «40,213», "1.5 million" / "1,500,000");
- parts         parts that exceed their total («قتل 12 شخصا بينهم 5 أطفال و8 نساء», "12 people,
                including 5 children and 8 women"), or miss it when the breakdown says it is
                complete («هم ...», "comprising"); percentages of one whole that sum past 100;
                with `partitions`, a count or a sum given once and split later with no
                breakdown cue, the parts a little past it («أجرت القافلة 1420 عملية ... 760
                عملية ... و670 عملية أخرى», "2,400 units ... 1,550 in the first phase and 900
                in the second").

Message templates may use: {match} {value} {counts} {other} {other_value} {line} {total}
{sum} {parts} {relation}.
"""

from __future__ import annotations

import math
from bisect import bisect_left, bisect_right

import regex

from factcheck import rxcache
from factcheck.langs import strip_marks
from factcheck.messages import render
from factcheck.model import Hit
from factcheck.rules import Opt

CHECKS = ("unsupported", "inconsistent", "headline", "parts")

OPTIONS = {
    "check": Opt("str", required=True, choices=CHECKS, doc="which figure check this rule runs"),
    "about_tolerance": Opt("float", 0.1, doc="relative slack of a figure given with «نحو»/\"about\""),
    "rounding_tolerance": Opt("float", 0.02, doc="relative slack between a round figure and a precise one"),
    "same_context": Opt("bool", True, doc="inconsistent: the two mentions must share a word around the number"),
    "max_ratio": Opt("float", 2.0, doc="inconsistent: figures further apart than this factor are different counts"),
    "same_event": Opt("bool", False, doc="inconsistent: two mentions, the only two of their noun, that tell the "
                                         "same event (`events`: killed, injured ...) count the same thing even in "
                                         "other words"),
    "another": Opt("list[str]", [], doc="inconsistent: words before a figure that tell of another event "
                                        "(آخر، مماثل; another, similar): no `same_event` reading then"),
    "transposed_message": Opt("str", None, doc="inconsistent: the message of `transposed_money` ({match}, "
                                                "{other}, {line})"),
    "definite_restates": Opt("bool", False, doc="inconsistent: digits with the article after a plural "
                                                "(«الإصابات الـ3800») restate the one earlier indefinite count "
                                                "of their noun: the two are compared without shared words; such "
                                                "a count and another definite one are never compared (two groups: "
                                                "«الدول الـ26 الأضعف» and «الدول الـ27 الأعلى»)"),
    "transposed_counts": Opt("bool", False, doc="inconsistent: the same for two counts of one noun, its only two, of "
                                                "three digits or more («4215 تلميذا» ... «4251 تلميذا»)"),
    "transposed_money": Opt("bool", False, doc="inconsistent: two sums of one currency, the article's only two, "
                                               "written with the same digits in another order (750 and 570)"),
    "min_shared": Opt("int", 2, doc="inconsistent: words of their own two body mentions must share"),
    "max_group": Opt("int", 30, doc="inconsistent: nouns counted more often than this are not compared"),
    "conversions": Opt("list", [], doc="inconsistent: [unit, other unit, factor] or [..., offset]: 1 unit = factor "
                                       "other units (+ offset); a figure converted in brackets right after another "
                                       "(\"8 kilometres (5 miles)\") must agree with it within the rounding of "
                                       "both (units as the figure grammar names them; 'degree celsius' for a "
                                       "temperature)"),
    "conversion_message": Opt("str", None, doc="inconsistent: the message of a conversion that does not agree "
                                               "({match}, {other}, {expected}); default: the rule's message"),
    "events": Opt("dict", {}, doc="inconsistent, parts: event name -> regexes of the words that tell it (killed, "
                                  "injured ...), in place of the figure grammar's `events` (context.yaml); two "
                                  "figures whose sentences tell different events before them count different "
                                  "people and are not compared"),
    "lead": Opt("bool", False, doc="headline: also check the first paragraph of the body against the rest"),
    "percent_total": Opt("float", 100.5, doc="parts: percentages of one whole may sum to this much (rounding)"),
    "stances_across": Opt("bool", False, doc="parts: those for and those against one proposal told in two "
                                             "sentences, each a share of the same whole («من المستجيبين»), that "
                                             "sum past 100"),
    "ranked_shares": Opt("bool", False, doc="parts: a poll's shares told over two sentences of one paragraph, "
                                            "the second ranking the rest (\"36 percent of respondents would vote "
                                            "for A. B was second with 31 percent ...\"), that sum past 100 "
                                            "(grammar `rank_words`)"),
    "named_totals": Opt("bool", False, doc="parts: a breakdown that names its total with a definite noun («المصابين، "
                                           "وهم ...») adds up against the count an earlier sentence gave of it (the "
                                           "same noun, the same event, or money with that noun beside it)"),
    "partitions": Opt("bool", False, doc="parts: a count or a sum given once and split in a later sentence (or two) "
                                         "with no breakdown cue, the parts a little past it (_partitions)"),
    "partition_ratio": Opt("float", 0.1, doc="partitions: the parts may sum past the total by at most this share "
                                             "of it (past that they are more likely counts of something else)"),
    "partition_reach": Opt("int", 3, doc="partitions: the total stands at most this many sentences before the "
                                         "first part"),
    "subset_words": Opt("list[str]", [], doc="partitions: words right after a count (or its noun) that make it a "
                                             "share of another count, not a part (\"of those\", «منهم», "
                                             "\"each\")"),
    "total_before": Opt("list[str]", [], doc="partitions: words right before a count that make it the total of the "
                                             "other counts of its noun in its sentence («14 مقعدا من أصل 36 مقعدا»)"),
    "not_totals": Opt("list[str]", [], doc="partitions: a figure whose clause holds one of these words is compared "
                                           "with, not split («مقارنة بميزانية السنة الجارية التي ناهزت 1,26 مليار»)"),
    "percent_message": Opt("str", None, doc="parts: the message for shares of one whole that sum past 100 "
                                            "({parts}, {sum}); default: the rule's message"),
    "one_part_message": Opt("str", None, doc="parts: the message when one part alone exceeds the total "
                                             "(«الجزء (652) يتجاوز المجموع «600»»); none: the message"),
    "exceed_word": Opt("str", "exceed", doc="parts: {relation} when the parts sum past the total"),
    "miss_word": Opt("str", "fall short of", doc="parts: {relation} when a complete breakdown misses it"),
}


def validate(options, loc, lang):
    if not 0 < options["partition_ratio"] < 1:
        raise loc.error(("partition_ratio",), "'partition_ratio' must be between 0 and 1")
    if options["partition_reach"] < 1:
        raise loc.error(("partition_reach",), "'partition_reach' must be at least 1")
    for k in ("about_tolerance", "rounding_tolerance"):
        if not 0 <= options[k] < 1:
            raise loc.error((k,), f"'{k}' must be between 0 and 1")
    for i, c in enumerate(options["conversions"]):
        if not (isinstance(c, list) and len(c) in (3, 4) and all(isinstance(u, str) and u for u in c[:2])
                and all(isinstance(x, (int, float)) and not isinstance(x, bool) for x in c[2:])
                and c[2] > 0):
            raise loc.error(("conversions", i), "a conversion is [unit, other unit, factor] or [unit, other unit, "
                                                "factor, offset], the factor a positive number")


def build(rule):
    o = rule.options
    check = o["check"]
    lang = rule.lang
    conversions = _conversion_table(o["conversions"])  # made once a rule, not once a document

    def run(doc):
        from factcheck.figures import document_parts

        figs, sentences = document_parts(doc)
        if not figs:
            return
        if check == "unsupported":
            yield from _unsupported(figs)
        elif check == "inconsistent":
            yield from _inconsistent(doc, figs, o, conversions)
        elif check == "headline":
            yield from _headline(doc, figs, o)
        elif check == "parts":
            yield from _parts(doc, figs, sentences, lang, o)

    return run


def _fmt(v) -> str:
    if isinstance(v, float) and not v.is_integer():
        return f"{v:,.4g}" if abs(v) < 1000 else f"{v:,.2f}"
    return f"{int(v):,}"


def _args(f, **kw):
    d = {"value": _fmt(f.value) + (f"–{_fmt(f.high)}" if f.high is not None else ""), "counts": f.counts or ""}
    d.update(kw)
    return d


# ------------------------------------------------------------------ unsupported

def _unsupported(figs):
    for f in figs:
        if f.attributed or f.title or f.restates:
            continue  # a restated count («الإصابات الـ3800») makes no claim of its own
        yield Hit(f.start, f.end, _args(f))


# ------------------------------------------------------------------ intervals

def _interval(f, o):
    """(low, high) of what a figure allows."""
    lo = f.value
    hi = f.high if f.high is not None else f.value
    if f.bound == "about":
        t = o["about_tolerance"]
        return lo * (1 - t), hi * (1 + t)
    if f.bound == "lower":
        return lo, math.inf
    if f.bound == "upper":
        return 0.0, hi
    return lo, hi


def _precision(v: float) -> float:
    """10 ** trailing zeros of a whole number (40,000 → 10,000); 0 for others."""
    if v != int(v) or v == 0:
        return 0.0
    v = int(abs(v))
    p = 1
    while v % (p * 10) == 0:
        p *= 10
    return float(p) if p > 1 else 0.0


def _rounds_to(a: float, b: float, o) -> bool:
    """Is the round figure a a rounding of b (or b of a), within the rounding tolerance?"""
    if a == b:
        return True
    if abs(a - b) > o["rounding_tolerance"] * max(abs(a), abs(b)):
        return False
    for x, y in ((a, b), (b, a)):
        p = _precision(x)
        if p and p * 10 > abs(x) / 100 and math.floor(y / p + 0.5) * p == x:
            return True  # «40 ألف» rounds 40,213; 306 does not round 309
        dx, dy = _decimals(x), _decimals(y)
        if dx < dy and math.isclose(math.floor(y * 10 ** dx + 0.5) / 10 ** dx, x, rel_tol=1e-12, abs_tol=1e-12):
            return True  # "79.8 per cent" in the headline rounds the body's 79.81
    return False


def _decimals(v: float) -> int:
    """Digits after the decimal point of a value as written (79.81 → 2; 40 → 0)."""
    r = repr(float(v))
    if "e" in r or "." not in r:
        return 0
    return len(r.split(".")[1].rstrip("0"))


def compatible(a, b, o) -> bool:
    alo, ahi = _interval(a, o)
    blo, bhi = _interval(b, o)
    if alo <= bhi and blo <= ahi:
        return True
    if a.bound == "exact" and b.bound == "exact" and a.high is None and b.high is None:
        return _rounds_to(a.value, b.value, o)
    return False


# ------------------------------------------------------------------ inconsistent

def _transposed(doc, figs, o, counts=False):
    """Two sums of money in one currency whose digits are the same digits in another order
    («750 مليون دينار» ... «570 مليون دينار»; «9.5 مليارات درهم» in the headline, «5.9 مليارات»
    below): a slip of the keyboard, the one restatement of a sum the check can tell without a
    counted noun.  The two must be the article's only two sums of that currency, or one of
    them must be in the headline (what the body then restates).  With `counts`, the same for
    two counts of one noun of three digits or more («4215 تلميذا» ... «4251 تلميذا»), which the
    shared-words test may not link (one in a report, one in a quotation)."""
    by_unit: dict = {}
    for f in figs:
        if f.bound != "exact" or f.listy or f.partial:
            continue
        if counts:
            if f.kind == "count" and f.unit is None and f.counts_key is not None and len(_digits(f.text)) >= 3:
                by_unit.setdefault(f.counts_key, []).append(f)
        elif f.kind == "money" and f.counts_key is None:
            by_unit.setdefault(f.unit, []).append(f)

    for fs in by_unit.values():
        if len(fs) < 2:
            continue
        # only sums written with the same digits can be transposed: compare within those groups
        # (an article of thousands of sums is not read pair by pair)
        by_digits: dict = {}
        seen = set()
        for f in fs:
            d = _digits(f.text)
            # the first sum of each spelling, in the headline and in the body, stands for the others
            if len(d) >= 2 and (d, f.title) not in seen:
                seen.add((d, f.title))
                by_digits.setdefault("".join(sorted(d)), []).append((f, d))
        done = set()
        pairs = ((a, da, b, db) for group in by_digits.values() if len(group) > 1
                 for i, (b, db) in enumerate(group) for a, da in group[:i])
        for a, da, b, db in sorted(pairs, key=lambda x: (x[2].start, x[0].start)):
            if a.sentence == b.sentence or a.value == b.value or b.start in done:
                continue
            if not (len(fs) == 2 or a.title != b.title):
                continue
            if a.cue_words or b.cue_words:
                continue  # a change or a comparison («مقابل 131 مليارا العام الماضي»; alone, «مقابل» is a price)
            hi, lo = max(a.value, b.value), min(a.value, b.value)
            if not (da != db and lo > 0 and hi / lo < 10):
                continue
            body, other = (a, b) if b.title else (b, a)  # the body's sum is reported
            args = _args(body, other=other.text, other_value=_fmt(other.value), line=_line(doc, other))
            msg = render(o["transposed_message"], {"match": body.text, **args}) if o["transposed_message"] else None
            done.add(body.start)
            yield Hit(body.start, body.end, args, None, msg)


def _unit_of(f) -> str | None:
    if f.unit == "degree" and f.counts_key:
        return f"degree {f.counts_key}"  # "40 degrees Celsius"
    return f.unit


def _written_interval(f, o) -> tuple[float, float]:
    """What a figure allows as written: an approximator's slack, else the rounding of its last
    digit ("8" is 7.5-8.5, "4,500" may be rounded to the hundred, "79.8" is 79.75-79.85)."""
    if f.bound != "exact" or f.high is not None:
        return _interval(f, o)
    # trailing zeros may round (a twentieth of the value at most: "40 degrees" is not 35-45)
    half = max(0.5 * 10 ** -_decimals(f.value), min(_precision(f.value) / 2, 0.025 * abs(f.value)))
    return f.value - half, f.value + half


_CONVERSION_SLACK = 0.03  # a conversion rounded more loosely than its last digit ("100 km (60 miles)")


def _conversion_table(conversions) -> dict:
    """(unit, other unit) -> (factor, offset), both ways, of the `conversions` option."""
    table = {}
    for c in conversions:
        u, v, k = c[0], c[1], float(c[2])
        off = float(c[3]) if len(c) > 3 else 0.0
        table[(u, v)] = (k, off)
        table[(v, u)] = (1 / k, -off / k)
    return table


def _conversions(doc, figs, o, table):
    """A figure converted in brackets right after another («8 kilometres (13 miles)»): the two
    must agree within the rounding of both; the bracketed one is reported."""
    text = doc.text
    for a, b in zip(figs, figs[1:]):
        if a.sentence != b.sentence or b.start <= a.end or a.partial or b.partial:
            continue
        conv = table.get((_unit_of(a), _unit_of(b)))
        if conv is None:
            continue
        between = text[a.end:b.start]
        if len(between) > 40 or between.count("(") != 1 or ")" in between or any(ch.isdigit() for ch in between):
            continue
        close = text.find(")", b.end, b.end + 40)
        if close == -1:
            continue
        k, off = conv
        alo, ahi = _written_interval(a, o)
        blo, bhi = _written_interval(b, o)
        clo, chi = alo * k + off, ahi * k + off
        expected = a.value * k + off
        if clo <= bhi and blo <= chi:
            continue
        if max(blo - chi, clo - bhi) <= _CONVERSION_SLACK * abs(expected):
            continue
        opening = a.end + between.index("(")
        unit_words = text[b.end:close].strip()
        shown = _fmt(round(expected, 1) if abs(expected) < 100 else round(expected))
        # {match}, {other}: the figures with their units as written ("13 miles", "8 kilometres")
        args = _args(b, other=text[a.start:opening].strip(), other_value=_fmt(a.value), line=_line(doc, a),
                     expected=f"{shown} {unit_words}".strip())
        msg = render(o["conversion_message"], {**args, "match": text[b.start:close].strip()}) \
            if o["conversion_message"] else None
        yield Hit(b.start, b.end, args, None, msg)


def _digits(text: str) -> str:
    return "".join(c for c in text if c.isdigit())


def _inconsistent(doc, figs, o, conversions=None):
    if o["transposed_money"]:
        yield from _transposed(doc, figs, o)
    if o["transposed_counts"]:
        yield from _transposed(doc, figs, o, counts=True)
    if o["conversions"]:
        yield from _conversions(doc, figs, o, conversions or _conversion_table(o["conversions"]))
    events = _compiled_events(o, doc.lang)
    groups: dict = {}
    for f in figs:
        if f.counts_key is None or f.kind not in ("count", "money") or f.listy or f.unit == "fraction" or f.partial:
            continue
        if f.kind == "count" and f.value < 2:
            continue  # «one»: rarely a figure restated
        groups.setdefault((f.counts_key, f.unit), []).append(f)
    flagged = set()
    if o["definite_restates"] and events:
        for hit in _restated_event(doc, figs, events, o):
            flagged.add(hit.start)
            yield hit
    for (_, _), fs in groups.items():
        if len(fs) < 2 or len(fs) > o["max_group"]:
            continue  # a noun counted that often is a list or a table, not one count restated
        if o["definite_restates"]:
            for hit in _restated(doc, fs, events, o):
                flagged.add(hit.start)
                yield hit
        for i, b in enumerate(fs):
            if b.start in flagged or b.cue_words:
                continue
            for a in fs[:i]:
                if a.sentence == b.sentence or a.cue_words:
                    continue
                if o["definite_restates"] and (a.restates or b.restates) and a.definite and b.definite:
                    continue  # two groups named by what follows: «الدول الـ26 الأضعف», «الدول الـ27 الأعلى»
                if compatible(a, b, o):
                    continue
                hi, lo = max(a.value, b.value), min(a.value, b.value)
                if lo <= 0 or hi / lo > o["max_ratio"]:
                    continue  # a slip changes a digit; a figure several times another is another count
                # the same count in the same words: a share of the context around both numbers,
                # or a headline figure restated in the lead
                ea = eb = None
                if events:
                    ea, eb = _event(doc, a, events), _event(doc, b, events)
                    if ea and eb and ea != eb:
                        continue  # «قتل 12 شخصا» and «وأصيب 20 شخصا»: the dead and the injured
                if o["same_context"] and not _same_thing(a, b, fs, o) and not (
                        o["same_event"] and ea and ea == eb and len(fs) == 2
                        and not _another(doc, a, o) and not _another(doc, b, o)):
                    continue  # one toll told twice in other words: «لقي 9 أشخاص حتفهم» ... «أودى بحياة 11 شخصا»
                flagged.add(b.start)
                yield Hit(b.start, b.end, _args(b, other=a.text, other_value=_fmt(a.value), line=_line(doc, a)))
                break


def _restated(doc, fs, events, o):
    """A count named again with the article («الإصابات الـ3800 المسجلة», «ملف المتهمين الاثنين
    والثلاثين») restates a count the article gave before: when no earlier indefinite count of
    its noun agrees with it, it is reported against the nearest of them in value."""
    for i, b in enumerate(fs):
        if not b.restates or b.cue_words:
            continue
        earlier = [a for a in fs[:i] if not a.definite and a.sentence != b.sentence and not a.cue_words]
        if not earlier or any(compatible(a, b, o) for a in earlier) or _states_sum(earlier, b, o):
            continue  # (or the sum of earlier counts: "the 13 deaths" after nine and four)
        if events and (eb := _event(doc, b, events)):
            earlier = [a for a in earlier if _event(doc, a, events) in (None, eb)]
            if not earlier:
                continue  # «قتل 12 شخصا» ... «المصابين الـ20»: another count of people
        hit = _against_nearest(doc, b, earlier, o)
        if hit is not None:
            yield hit


def _restated_event(doc, figs, events, o):
    """A count named again by the role of those it counts («جثث الضحايا التسعة», «القتلى
    الستة عشر», "the 94 injured") restates the toll the article gave for that event in other
    words («لقي 7 أشخاص حتفهم», "killing three people and injuring 49"): when no earlier count
    of that event agrees, the nearest is reported."""
    counts = [f for f in figs if f.kind == "count" and not f.listy and not f.partial]
    nouns = set()  # the nouns counted so far (indefinite counts)
    for i, b in enumerate(counts):
        if b.counts_key is None:
            continue
        same_noun = b.counts_key in nouns
        if not b.definite:
            nouns.add(b.counts_key)
        if not b.restates or b.cue_words or not b.counts or same_noun:
            continue  # the noun's own count decides, if there is one (_restated)
        named = [name for name, rx in events if rx.search(b.counts)]
        if not named:
            continue  # the event must be named by the noun itself, not by a verb before it
        eb = _event(doc, b, events)
        if eb not in named:
            if len(named) != 1:
                continue
            eb = named[0]  # the role after the number ("the 94 injured"): no event word before it
        # the counts of that event among the nearest before (a toll is told near its restatement),
        # with a noun or without one ("killing three people and injuring 49")
        earlier = [a for a in counts[max(0, i - _NAMED_REACH):i] if not a.definite and a.sentence != b.sentence
                   and not a.cue_words and a.counts_key != b.counts_key and _event(doc, a, events) == eb]
        if not earlier or any(compatible(a, b, o) for a in earlier) or _states_sum(earlier, b, o):
            continue
        hit = _against_nearest(doc, b, earlier, o)
        if hit is not None:
            yield hit


def _against_nearest(doc, b, earlier, o):
    """The finding of a restated count b that none of `earlier` agrees with: against the one
    nearest in value, unless that is another count (further than `max_ratio`, or b's sentence
    tells of another event)."""
    a = min(earlier, key=lambda x: abs(math.log(x.value / b.value)) if x.value > 0 and b.value > 0 else math.inf)
    hi, lo = max(a.value, b.value), min(a.value, b.value)
    if lo <= 0 or hi / lo > o["max_ratio"] or _another(doc, b, o):
        return None
    return Hit(b.start, b.end, _args(b, other=a.text, other_value=_fmt(a.value), line=_line(doc, a)))


_SENT_END = ".!?؟\n"


def _compiled_events(o, lang):
    """[(event, pattern)] of the `events` option, else of the figure grammar's `events`
    (rxcache keeps the compiled patterns)."""
    from factcheck.figures.grammar import grammar

    events = o.get("events") or grammar(lang if lang in ("ar", "en") else "en").events
    return [(name, rxcache.compile(r"(?<![\p{L}])(?:" + "|".join(words) + r")(?![\p{L}])", regex.I, "rules"))
            for name, words in sorted(events.items()) if words]


def _another(doc, f, o) -> bool:
    """The sentence of figure f, before the number, tells of another event («وفي حادث آخر»,
    «حادث مماثل», "another attack": option `another`)."""
    words = o.get("another") or ()
    if not words:
        return False
    rx = rxcache.compile(r"(?<![\p{L}])(?:" + "|".join(words) + r")(?![\p{L}])", regex.I, "rules")
    text = doc.text
    s = max((text.rfind(ch, 0, f.start) for ch in _SENT_END), default=-1) + 1
    return rx.search(text, max(s, f.start - 300), f.start, timeout=1.0) is not None


def _event(doc, f, events):
    """The event the sentence of figure f tells last before the number (killed, injured ...),
    or None."""
    c = f._memo.get("event", 0)
    if c != 0:
        return c
    text = doc.text
    s = max((text.rfind(ch, 0, f.start) for ch in _SENT_END), default=-1) + 1
    chunk = text[max(s, f.start - 300):f.start]
    if doc.lang == "ar":
        chunk = strip_marks(chunk)  # «قُتل 11 شخصا»: the patterns are written without diacritics
    best = None
    for name, rx in events:
        for m in rx.finditer(chunk, timeout=1.0):
            if best is None or m.end() > best[0]:
                best = (m.end(), name)
    f._memo["event"] = best[1] if best else None
    return f._memo["event"]


def _ctx(f) -> set:
    c = f._memo.get("ctx")
    if c is None:
        c = f._memo["ctx"] = frozenset(f.ctx_before) | frozenset(f.ctx_after)
    return c


def _shared(a, b, fs, o) -> set:
    """The words around the number that a and b share and the other counts of the same noun
    do not have: «14 مركزا انتخابيا للنساء» and «15 مركزا انتخابيا للنساء» share «نساء» against
    «26 مركزا انتخابيا للرجال»; a list in one frame («باعت أعمالها 500 مليون نسخة», «باعت
    أعمالها 400 مليون نسخة», ...) shares nothing of its own."""
    common = _ctx(a) & _ctx(b)
    for c in fs:
        if not common:
            break
        if c is a or c is b or compatible(c, a, o) or compatible(c, b, o):
            continue
        common -= _ctx(c)
    return common


def _same_thing(a, b, fs, o) -> bool:
    """Evidence that two mentions count the same thing: a headline figure and a figure of the
    lead sharing a word of their own; elsewhere at least `min_shared` such words, one of them
    the word next to the number (the verb or noun before it, the word after the noun)."""
    own = _shared(a, b, fs, o)
    if not own:
        return False
    if a.title and b.para <= a.para + 3:
        return True
    if len(own) < o["min_shared"]:
        return False
    near = {x for x in (a.ctx_before[:1] + a.ctx_after[:1]) if x in (b.ctx_before[:1] + b.ctx_after[:1])}
    return bool(near)


def _line(doc, f) -> int:
    s, _ = doc.view.to_base(f.start, f.end)
    return doc.source.count("\n", 0, s) + 1


# ------------------------------------------------------------------ headline

def _headline(doc, figs, o):
    head = [f for f in figs if f.title]
    if not head:
        return
    body = [f for f in figs if not f.title]
    yield from _not_stated(doc, head, body, o)
    if o["lead"]:
        paras = sorted({f.para for f in body})
        if len(paras) >= 3:
            lead = [f for f in body if f.para == paras[0]]
            rest = [f for f in body if f.para != paras[0]]
            yield from _not_stated(doc, lead, rest, o)


def _not_stated(doc, head, body, o):
    """A headline figure that the body contradicts: the body counts the same thing (the same
    noun and unit; for a figure without a noun, a figure that shares a word around it) and
    none of those counts is the headline's, in any form or rounding."""
    from factcheck.figures.grammar import grammar

    g = grammar(doc.lang if doc.lang in ("ar", "en") else "en")
    for h in head:
        if h.counts_key is not None and h.counts_key in g.listicle_keys:
            continue  # «5 أسباب ...», "Four takeaways": the body enumerates, it does not count
        if h.partial:
            continue  # «الإمارات وتونس و6 دول أخرى»: a part of a count the body gives whole
        related = _related(h, body)
        if not related or any(_states(b, h, o) for b in body if _family(b) == _family(h)):
            continue
        if any(_keeps_bound(b, h, o) for b in related if b.counts_key is not None):
            continue  # «أكثر من ألف أسرة» over «1,250 أسرة» (the same noun): the bound holds
        if len(related) >= 2 and _states_sum(related, h, o):
            continue  # a headline total over the body's parts
        yield Hit(h.start, h.end, _args(h, other=related[0].text, line=_line(doc, related[0])))


def _keeps_bound(b, h, o) -> bool:
    """A headline bound that the body's figure keeps: «أكثر من ألف» over 1,250, "up to 40" over 35
    (within `max_ratio`)."""
    hv = h.value
    if hv <= 0 or b.high is not None:
        return False
    return (h.bound == "lower" and hv <= b.value <= hv * o["max_ratio"]) or \
        (h.bound == "upper" and hv / o["max_ratio"] <= b.value <= hv)


def _states_sum(related, h, o) -> bool:
    import itertools

    vals = [b.value for b in related if b.high is None][:8]
    for r in range(2, len(vals) + 1):
        for combo in itertools.combinations(vals, r):
            if _rounds_to(h.value, sum(combo), o) or sum(combo) == h.value:
                return True
    return False


def _related(h, body) -> list:
    fam = _family(h)
    same = [b for b in body if _family(b) == fam and not b.partial]
    if h.counts_key is not None:
        return [b for b in same if b.counts_key == h.counts_key]
    ch = _ctx(h)
    return [b for b in same if ch & _ctx(b)]


def _family(f) -> str:
    if f.unit in ("%", "fraction"):
        return "share"
    if f.kind == "money":
        return "money:" + (f.unit or "")
    if f.kind == "measure":
        return "measure:" + (f.unit or "")
    return f.kind


def _states(b, h, o) -> bool:
    hv = h.value
    vals = [b.value] + ([b.high] if b.high is not None else [])
    if h.unit == "fraction" and b.unit == "%":
        hv = h.value * 100
    elif b.unit == "fraction" and h.unit == "%":
        vals = [v * 100 for v in vals]
    elif (h.unit == "%") != (b.unit == "%"):
        return False
    for v in vals:
        if v == hv:
            return True
        if (h.bound != "exact" or b.bound != "exact") and abs(v - hv) <= o["about_tolerance"] * max(abs(v), abs(hv)):
            return True
        if _rounds_to(hv, v, o):
            return True
        if hv == int(hv) and v != int(v) and (hv >= 0) == (v >= 0) and \
                abs(hv) in (math.floor(abs(v)), math.floor(abs(v) + 0.5)):
            # «يرتفع 135 نقطة» over «135.65 نقطة»: a headline drops the decimals, or rounds
            # them (4.6% -> "5%"); 4.2% is no "5%"
            return True
        if h.unit == "fraction" or b.unit == "fraction":
            if abs(v - hv) <= 7.0:  # «نصف» over 45 or 48 per cent: a headline's rounding
                return True
    if h.high is not None and any(h.value <= v <= h.high for v in vals):
        return True
    return False


# ------------------------------------------------------------------ parts

def _parts(doc, figs, sentences, lang, o):
    from factcheck.figures.extract import Extractor  # noqa: F401 (the grammar is loaded with it)
    from factcheck.figures.grammar import grammar

    from factcheck.figures.extract import sent_words, tokenize

    g = grammar(lang)
    text = doc.folded.text if lang == "ar" else doc.text
    by_sent: dict = {}
    for f in figs:
        by_sent.setdefault(f.sentence, []).append(f)
    ordered = sorted(figs, key=lambda f: (f.sentence, f.start))  # document order (so it comes already)
    fig_sentences = [f.sentence for f in ordered]
    hit_totals = set()  # the totals reported, which `partitions` does not report again
    for k, fs in by_sent.items():
        if len(fs) < 2 or k >= len(sentences):
            continue
        sent = sentences[k]
        ws = sent_words(text, sent, lang == "ar")
        if ws.isdisjoint(g.parts_forms) and ws.isdisjoint(g.share_forms) and not (
                o["named_totals"] and _BRACKET_NUMBER.search(text, sent.s, sent.e)):
            continue  # no breakdown word, no share word, no list in brackets: nothing to add up
        toks = tokenize(text, sent.s, sent.e, lang)
        # the figures of the sentences before, the nearest _NAMED_REACH of them: a total named
        # from afar stands a few paragraphs up at most
        upto = bisect_left(fig_sentences, k)
        for h in _breakdowns(doc, fs, toks, g, lang, o, ordered[max(0, upto - _NAMED_REACH):upto], sentences, text):
            hit_totals.add(h.start)
            yield h
        shares = list(_percent_shares(fs, toks, g, lang, o))
        yield from shares
        if not shares:
            yield from _stances(fs, toks, g, lang, o)
    if o["stances_across"]:
        yield from _stances_across(figs, sentences, text, g, lang, o)
    if o["ranked_shares"] and g.rank_words:
        yield from _ranked_shares(figs, sentences, text, g, lang, o)
    if o["partitions"]:
        yield from _partitions(doc, ordered, sentences, lang, o, hit_totals)


def _partitions(doc, figs, sentences, lang, o, reported=()):
    """A total given once and split later with no breakdown cue, the parts a little past it.
    The parts: two or more counts of the total's noun (the first with the noun, the others with
    it or with none: «612 ألف زائر ... 387 ألفا»), or two or more sums of its currency of which
    one names whose share it is («120 مليون دولار من الحزمة»: a word of the total's sentence),
    all exact, in one sentence or two that follow each other, none a rate, a share of another
    count (`subset_words`) or the same value twice (a restatement). The total: the nearest
    earlier exact count or sum of the same thing (`partition_reach` sentences at most), larger
    than every part, not itself a share or a rate, a whole number when it counts. Reported when
    the parts sum past it by at most `partition_ratio` of it: far past it, they are more likely
    counts of something else (two seasons' goals, two years' homicides). `figs` in document
    order; `reported`: the totals the other parts checks reported, not reported again."""
    from factcheck.figures.grammar import key_of, phrase_keys

    ar = lang == "ar"
    text = doc.folded.text if ar else doc.text
    ratio, reach = o["partition_ratio"], o["partition_reach"]
    subset = frozenset(o["subset_words"])
    by_sent: dict = {}
    for f in figs:
        if f.kind in ("count", "money"):
            by_sent.setdefault(f.sentence, []).append(f)
    if len(by_sent) < 2 and not o["total_before"]:
        return
    part_ok: dict = {}

    def can_part(f) -> bool:
        v = part_ok.get(id(f))
        if v is None:
            v = part_ok[id(f)] = f.high is None and f.bound == "exact" and not f.listy and f.lazy is not None \
                and not _share_or_rate(f, subset)
        return v

    reported = set(reported)
    before = [phrase_keys(p, lang) for p in o["total_before"]]
    not_totals = frozenset(key_of(w, lang) for w in o["not_totals"])

    def can_total(t) -> bool:
        return t.high is None and t.bound == "exact" and not t.listy and not t.partial \
            and not (not_totals and t.cue_words & not_totals)

    last_totals: dict = {}

    def totals_of(j) -> dict:
        """The last figure of sentence j that can be a total, by what it counts (made once a
        sentence: a sentence of thousands of figures is not read once a group)."""
        d = last_totals.get(j)
        if d is None:
            d = last_totals[j] = {}
            for t in by_sent.get(j, ()):
                if can_total(t):
                    d[(t.kind, t.unit, t.counts_key if t.kind == "count" else None)] = t
        return d

    for k in sorted(by_sent):
        for span in ((k,), (k, k + 1)):
            if len(span) == 2 and k + 1 not in by_sent:
                continue
            for what, parts in _part_groups([f for j in span for f in by_sent.get(j, ())], k).items():
                # «حصلت القائمة على 14 مقعدا من أصل 36 مقعدا ...»: a total inside the sentence
                total = next((f for f in parts if before and len(span) == 1 and f.lazy is not None
                              and _after_words(f, before) and can_total(f)), None)
                if total is not None:
                    # three parts at least, each with the noun, the one before the total among them
                    # («14 مقعدا من أصل 36 مقعدا ... 11 مقعدا ... 9 مقاعد ... 3 مقاعد»; not «7 أهداف من أصل
                    # 12 ركلة»); two («فاز بـ113 مقعدا ... يلزمه 112 مقعدا من أصل 222») are too often a
                    # count and a threshold
                    i = parts.index(total)
                    parts = [f for f in parts if f is not total]
                    if len(parts) < 3 or i == 0 or any(f.counts_key is None for f in parts):
                        continue
                if len(parts) < 2 or parts[-1].sentence != span[-1] or not all(can_part(f) for f in parts):
                    continue  # (two sentences only when the second holds a part)
                values = [f.value for f in parts]
                if len(set(values)) < len(values):
                    continue
                s = sum(values)
                for j in range(k - 1, k - reach - 1, -1):  # the nearest earlier figure of the same thing
                    if total is not None:
                        break
                    total = totals_of(j).get(what)
                if total is None or total.start in reported or (total.kind == "count" and not float(total.value).is_integer()):
                    continue
                if not (max(values) < total.value < s <= total.value * (1 + ratio) + 1e-9):
                    continue
                if total.kind == "money" and not _names_the_total(parts, total, sentences, text, ar):
                    continue
                reported.add(total.start)
                shown = " + ".join(_fmt(v) for v in values)
                yield Hit(total.start, total.end, _args(total, total=_fmt(total.value), sum=_fmt(s),
                                                        relation=o["exceed_word"], parts=shown,
                                                        breakdown=f"{shown} = {_fmt(s)}"))


def _part_groups(fs, k) -> dict:
    """The figures of one or two sentences grouped by what they count, each group opened by a
    figure of sentence k: counts by their noun (a count with none joins the group of the count
    before it: «612 ألف زائر ... 387 ألفا»), sums by their currency. One pass: a sentence of
    thousands of figures is read in linear time."""
    groups: dict = {}
    last = None  # the group of the last count with a noun
    for f in fs:
        if f.kind == "count":
            if f.counts_key is None:
                if last in groups and last[1] == f.unit:
                    groups[last].append(f)
                continue
            what = last = ("count", f.unit, f.counts_key)
        elif f.kind == "money":
            what = ("money", f.unit, None)
        else:
            continue
        g = groups.get(what)
        if g is None:
            if f.sentence != k:
                continue
            g = groups[what] = []
        g.append(f)
    return groups


def _share_or_rate(f, subset) -> bool:
    """A figure that is a share of another count ("32 of those", «منهم», "each": `subset` right
    after it or in the two words before it) or a rate (the extractor's is_rate: "24 cents a
    share", «بمعدل»)."""
    ex, toks, i0, a0 = f.lazy[:4]
    after = []
    for t in toks[a0:a0 + 3]:
        if t.kind == "p" and t.text in ".;؛:":
            break
        if t.kind == "w":
            after.append(t.key)
    before = [t.key for t in toks[max(0, i0 - 2):i0] if t.kind == "w"]
    return any(w in subset for w in after) or any(w in subset for w in before) or ex.is_rate(toks, i0, a0)


def _after_words(f, phrases) -> bool:
    """One of `phrases` (tuples of token keys) stands right before the figure's number."""
    _ex, toks, i0 = f.lazy[:3]
    keys = [t.key for t in toks[max(0, i0 - 4):i0] if t.kind == "w"]
    return any(len(p) <= len(keys) and tuple(keys[len(keys) - len(p):]) == p for p in phrases)


def _names_the_total(parts, total, sentences, text, ar) -> bool:
    """A sum among the parts says whose share it is («120 مليون دولار من الحزمة»): its noun
    stands in the total's sentence («حزمة تمويل جديدة ... بقيمة 250 مليون دولار»). (The noun
    after «ل» would tie «510 ملايين درهم لميزانية التسيير» to «المرصودة للميزانية», but also a
    price per unit to another: «1207 دولارات للأوقية»; not read.)"""
    from factcheck.figures.extract import sent_words

    if total.sentence >= len(sentences):
        return False
    words = sent_words(text, sentences[total.sentence], ar)
    for f in parts:
        k = f.counts_key
        if k and len(k) >= 3 and any(w.startswith(k[:4]) or (ar and w.startswith("ال" + k[:4])) for w in words):
            return True
    return False


def _earlier_total(doc, toks, ti, earlier, fs, cue_end, g, ar, o, refs=None, sentences=None, text=""):
    """The total of a breakdown that names it instead of giving it («وأوضح أن المصابين، وهم 15
    معتمرا مصريا و12 معتمرا من باكستان», «إن النفقات تتوزع على ...», «جثث الضحايا (21 رجلا ...)»,
    «الطاقم الجديد يضم 19 طبيبا ...»): a definite noun names it (the word before the cue, or
    `refs`, the subject of a spread verb, and the noun before it in a construct), and an earlier
    sentence gave the count of it: the same noun, the same event («أصيب 26 معتمرا»: the injured),
    or a count or sum with that noun beside it («طاقم طبي جديد من 45 عضوا», «نفقاته الإجمالية
    بـ143.6 مليار»).  None when nothing fits."""
    from factcheck.figures.counts import normalise
    from factcheck.figures.extract import sent_words
    from factcheck.figures.grammar import ar_stripped

    if refs is None:
        k = ti - 1
        while k >= 0 and toks[k].kind == "p" and toks[k].text in ",،":
            k -= 1
        if k < 0 or toks[k].kind != "w":
            return None
        refs = [toks[k]] + ([toks[k - 1]] if k >= 1 and toks[k - 1].kind == "w" and toks[k - 1].e + 1 >= toks[k].s
                            else [])
    if not refs:
        return None
    ref = refs[0]
    if ar and not any(x.startswith("ال") for x in ar_stripped(ref.key)):
        return None  # «المصابين، وهم»: the article names the ones counted before
    ri = bisect_left(_bounds(toks)[0], ref.s)  # the reference's index (tokens do not overlap)
    if not ar and not (0 < ri < len(toks) and toks[ri] is ref and toks[ri - 1].key in ("the", "those", "these")):
        return None
    heads = [f for f in fs if f.ts >= cue_end]
    first = heads[0] if heads else None
    if first is not None and _counts_the_parts(heads, toks):
        first = heads[1]  # «تتوزع على ثلاثة أبواب رئيسية: 78.2 مليار ...»: the parts come after the colon
    if first is None or first.kind not in ("count", "money"):
        return None
    keys, stems, ref_events = set(), set(), set()
    events = _compiled_events(o, "ar" if ar else "en")
    for r in refs:
        keys.add((normalise(r.text, g) or (None, None))[1])
        for name, rx in events:
            if rx.search(r.text):
                ref_events.add(name)
        stems |= {x[2:] if x.startswith("ال") else x for x in ar_stripped(r.key)} if ar else {r.key}
    stems = {st for st in stems if len(st) >= 4}

    def near(a) -> bool:  # the noun among the words around the figure («طاقم طبي جديد من 45 عضوا»)
        return any(c.startswith(st[:4]) for c in set(a.ctx_before) | set(a.ctx_after) for st in stems)

    def in_sentence(a) -> bool:  # or in its sentence («مشروع ميزانية الجهة ... التي حددت في 1.24 مليار»)
        if sentences is None or a.sentence >= len(sentences):
            return False
        sw = sent_words(text, sentences[a.sentence], ar)
        return any(w.startswith(st[:4]) or w.startswith("ال" + st[:4]) for w in sw for st in stems)

    for a in reversed(earlier):
        if a.kind != first.kind or (a.listy and not a.title) or a.partial or a.high is not None:
            continue
        # a clause of change is no objection («بزيادة قدرها 6 في المئة»); a comparison is («مقابل
        # 131.3 مليار ... في ميزانية السنة الجارية»), unless the noun stands right beside the figure
        compared = bool(a.cue_words & g.comparison) or bool(a.cue_words - g.change)
        if a.kind == "money":
            if a.unit == first.unit and (near(a) or (not compared and in_sentence(a))):
                return a
            continue
        if a.unit is not None:
            continue
        if a.counts_key is None:
            # a count without a noun told by the event the total's noun names ("injuring 31")
            if ref_events and not compared and _event(doc, a, events) in ref_events:
                return a
            continue
        if compared and not near(a):
            continue
        if a.counts_key in keys or near(a):
            return a
        if ref_events and _event(doc, a, events) in ref_events:
            return a
    return None


_NAMED_REACH = 60  # figures before a breakdown read for the total it names (_earlier_total)
_BRACKET_NUMBER = regex.compile(r"\(\s*\p{Nd}")  # «(21 رجلا و9 نساء ...)»


def _spread_at(toks, ti, g, ar):
    """(cue length, subject words) of a breakdown verb whose subject stands before its
    preposition («وتوزعت المقاعد بين ...», «وتتوزع اعتمادات الميزانية على ...»), or None."""
    if not g.parts_spread:
        return None
    k = toks[ti].key
    if k not in g.parts_spread and not (ar and k[:1] in "وف" and k[1:] in g.parts_spread):
        return None
    words = []
    for j in range(ti + 1, min(len(toks), ti + 5)):
        x = toks[j]
        if x.kind != "w":
            return None
        if x.key in g.parts_spread_preps:
            return (j - ti + 1, list(reversed(words))) if words else None
        words.append(x)
    return None


def _counts_the_parts(heads, toks) -> bool:
    """The first figure after a breakdown cue counts the parts that follow a colon («ثلاثة
    أبواب رئيسية: 78.2 مليار ... و52.9 مليار ...»): a small count, then a colon, then others."""
    return len(heads) >= 3 and heads[0].kind == "count" and heads[0].value <= 10 and heads[0].high is None \
        and heads[1].kind != "count" and any(x.kind == "p" and x.text == ":" for x in toks
                                             if heads[0].te <= x.s < heads[1].ts)


def _breakdowns(doc, fs, toks, g, lang, o, earlier=(), sentences=None, text=""):
    keys = [t.key for t in toks]
    ar = lang == "ar"
    from factcheck.figures.grammar import ar_variants

    # a cue starts with one of these keys (match_at finds nothing at a token without one)
    open_first, complete_first = g.parts_open.by_first, g.parts_complete.by_first
    for ti, t in enumerate(toks):
        refs = None  # the words that name the total, when the cue does not follow them
        opener = False  # "Of the injured, 18 ... and 16 ...": the sentence breaks down a total named first
        if not ar and o["named_totals"] and t.kind == "w" and t.key == "of" and (m := _of_the_named(toks, ti)):
            m, refs, complete, opener = (m[0], None), m[1], True, True
        elif t.kind == "p" and t.text == "(" and o["named_totals"]:
            # «جثث الضحايا (21 رجلا و9 نساء و8 أطفال)»: a list in brackets after the noun it breaks down
            if ti == 0 or toks[ti - 1].kind != "w" or ti + 1 >= len(toks) or toks[ti + 1].kind != "n":
                continue
            m, complete = (1, None), True
        else:
            if t.kind != "w":
                continue
            k = t.key
            spread = _spread_at(toks, ti, g, ar) if o["named_totals"] else None
            if spread is not None:
                # «وتوزعت المقاعد بين 14 مقعدا ...»: the verb, its subject, the preposition
                m, refs, complete = (spread[0], None), spread[1], True
            else:
                if k not in open_first and k not in complete_first and not (
                        ar and k[:1] == "و" and (k[1:] in open_first or k[1:] in complete_first)):
                    continue  # neither the word nor the word without «و» starts a cue
                firsts = [k] + ([x for p, x in ar_variants(k) if p in ("و",)] if ar else [])
                complete = False
                m = g.parts_open.match_at(keys, ti, firsts)
                if m is None:
                    m = g.parts_complete.match_at(keys, ti, firsts)
                    complete = m is not None
                if m is None:
                    continue
        cue_end = toks[ti + m[0] - 1].e
        cue_start = t.s
        bracket = t.kind == "p"
        total = None
        for f in fs:
            if f.te <= cue_start and f.kind == "count" and not bracket:
                total = f  # (a number in brackets after a figure is its own: «متبوعة بنجيريا (5.62)»)
        named = False  # the total given in an earlier sentence, named here (_earlier_total)
        if total is None and earlier and o["named_totals"]:
            total = _earlier_total(doc, toks, ti, earlier, fs, cue_end, g, ar, o, refs, sentences, text)
            named = total is not None
        if total is None or (total.unit is not None and not named):
            continue
        if not named:
            # the total stands right before the breakdown: its noun (and an adjective), then the cue;
            # «ستة منهم» (six of them) is a part, not a total
            gap = _tokens_between(toks, total.te, cue_start)
            words = [x for x in gap if x.kind == "w"]
            # a casualty formula after the noun may run longer: «إصابة 18 شخصا بحالات اختناق وحروق
            # خفيفة، من بينهم ...» (grammar `total_complements`)
            longest = 7 if len(words) >= 2 and words[1].key in g.total_complements else 4
            if not words or len(words) > longest or any(x.kind == "n" or x.text in ".;؛:" for x in gap):
                continue
            if len(words) >= 2 and ar and not all(_adjective(w.key, ar) or w.key in ("في", "خلال")
                                                  or w.key in g.total_complements for w in words[1:2]):
                continue  # «6915 زيارة استفاد منها»: a verb between, «منها» is no breakdown
        parts = []
        heads = [f for f in fs if f.ts >= cue_end]
        if named and _counts_the_parts(heads, toks):
            cue_end = heads[1].ts  # «تتوزع على ثلاثة أبواب رئيسية: 78.2 مليار ...»: the parts after the colon
        if opener:
            # every count of the sentence that has no noun of its own is a part ("18 were taken to
            # hospital and 16 to a clinic"), but a share of a part ("four of them")
            if not named:
                continue
            parts = [f for f in heads if f.kind == total.kind and f.unit is None and not f.partial
                     and f.counts_key in (None, total.counts_key) and not _of_them(f, toks, g)]
            if len(parts) < 2 or any(_overlapping(f, toks) for f in parts):
                continue
        for f in (() if opener else fs):
            if f.ts < cue_end or f.kind != total.kind:
                continue
            between = _tokens_between(toks, parts[-1].te if parts else cue_end, f.ts)
            if not parts and len([x for x in between if x.kind == "w"]) > 1:
                break  # the breakdown starts with a number («بينهم 5 أطفال», "including 5 children")
            if parts and any(x.kind == "p" and x.text in ".;؛:" for x in between):
                break
            if parts and (_new_clause(between, g, ar) or _after_comma(between, ar)):
                break  # «... ، وأصيب 30 شخصا»: a new count, not a part
            parts.append(f)
        if not parts or ((bracket or named) and len(parts) < 2):
            continue  # a list in brackets, or a breakdown of a total named from afar, has two parts at least
        if any(p.unit != total.unit or p.bound in ("lower", "upper") for p in parts):
            continue
        s = sum(p.value for p in parts)
        lo, hi = _interval(total, o)
        shown = " + ".join(_fmt(p.value) for p in parts)
        # {breakdown}: "3 + 5 = 8", or "8" for a single part ("(8 = 8)" read oddly)
        breakdown = shown if len(parts) == 1 else f"{shown} = {_fmt(s)}"
        if s > hi + 1e-9:
            args = _args(total, total=_fmt(total.value), sum=_fmt(s), relation=o["exceed_word"], parts=shown,
                         breakdown=breakdown)
            one = render(o["one_part_message"], {**args, "match": total.text}) \
                if len(parts) == 1 and o["one_part_message"] else None
            yield Hit(total.start, total.end, args, None, one)
        elif complete and not named and s < lo - 1e-9 and total.bound == "exact":
            yield Hit(total.start, total.end, _args(total, total=_fmt(total.value), sum=_fmt(s), relation=o["miss_word"],
                                                    parts=shown, breakdown=breakdown))


_CONDITION_WORDS = frozenset({"critical", "serious", "condition", "intensive", "stable", "among", "including"})


_BOUNDS: list = [None]  # (tokens, their starts, their ends): the last token list asked about


def _bounds(toks) -> tuple[list, list]:
    """The starts and ends of a sentence's tokens (in order, not overlapping), made once for
    the checks that look around many figures of one sentence: each look is then a bisection,
    not a scan of the sentence (a sentence of thousands of tokens made them quadratic)."""
    m = _BOUNDS[0]
    if m is not None and m[0] is toks and len(m[1]) == len(toks):
        return m[1], m[2]
    starts, ends = [x.s for x in toks], [x.e for x in toks]
    _BOUNDS[0] = (toks, starts, ends)
    return starts, ends


def _tokens_between(toks, a: int, b: int) -> list:
    """The tokens that start in [a, b)."""
    starts = _bounds(toks)[0]
    return toks[bisect_left(starts, a):bisect_left(starts, b)]


def _tokens_near(toks, pos: int, n: int, after: bool) -> list:
    """The n word tokens that start at or after `pos` (after), or that end at or before it."""
    starts, ends = _bounds(toks)
    out = []
    if n <= 0:
        return out
    if after:
        for i in range(bisect_left(starts, pos), len(toks)):
            if toks[i].kind == "w":
                out.append(toks[i])
                if len(out) == n:
                    break
        return out
    for i in range(bisect_right(ends, pos) - 1, -1, -1):
        if toks[i].kind == "w":
            out.append(toks[i])
            if len(out) == n:
                break
    return out[::-1]


def _words_near(toks, pos: int, n: int, after: bool) -> list[str]:
    """The keys of `_tokens_near`."""
    return [t.key for t in _tokens_near(toks, pos, n, after)]


def _overlapping(f, toks) -> bool:
    """A part that tells a condition ("5 in critical condition") may be among the others."""
    return any(w in _CONDITION_WORDS for w in _words_near(toks, f.te, 4, after=True))


def _of_the_named(toks, ti):
    """(cue length up to its comma, [the noun]) of "Of the injured," or "Of those affected," at
    the start of a sentence (nothing but a quote before it), or None."""
    if ti > 3 or any(x.kind == "w" or x.kind == "n" for x in toks[:ti]):
        return None
    if ti + 3 >= len(toks) or toks[ti + 1].key not in ("the", "those", "these") or toks[ti + 2].kind != "w":
        return None
    for j in (ti + 3, ti + 4):
        if j < len(toks) and toks[j].kind == "p" and toks[j].text == ",":
            if all(x.kind == "w" for x in toks[ti + 2:j]):
                return j - ti + 1, [toks[ti + 2]]
            return None
    return None


def _adjective(key: str, ar: bool) -> bool:
    if ar:
        return key.endswith(("ي", "يه", "يا", "يين", "يون", "ين")) or key.startswith("ال")
    return key.endswith(("al", "ic", "ian", "ese", "ish", "ed", "ful", "ous", "ive"))


def _after_comma(between, ar) -> bool:
    """Words other than «و»/"and" between the last comma and the next number."""
    last = None
    for i, x in enumerate(between):
        if x.kind == "p" and x.text in ",،":
            last = i
    if last is None:
        return False
    return any(x.kind == "w" and x.key not in ("و", "and", "or", "أو", "او") for x in between[last + 1:])


def _new_clause(between, g, ar) -> bool:
    """A verb or a comparison between two parts ends the breakdown."""
    from factcheck.figures.grammar import ar_variants

    for x in between:
        if x.kind != "w":
            continue
        ks = [y for _, y in ar_variants(x.key)] if ar else [x.key]
        if any(k in g.change or k in g.comparison for k in ks):
            return True
        if not ar and x.key in ("were", "was", "are", "is", "have", "has", "had", "while", "whereas", "but"):
            return True
        if ar and any(k in ("بينما", "فيما", "وفيما", "حين", "أما", "اما", "كما") for k in ks):
            return True
    return False


def _percent_shares(fs, toks, g, lang, o):
    """Percentages of one whole in a sentence («55% بنعم و48% بلا») that sum past 100."""
    pcts = [f for f in fs if f.unit == "%" and f.high is None and not f.cue_words and f.bound == "exact"]
    if len(pcts) < 2:
        return
    if any(f.value >= 100 for f in pcts):
        return
    # consecutive percentages joined by «و»/"and"/commas, with short stretches between;
    # not answers to two questions, each with its own verb («يؤيد 60% الاتفاق، ويرى 55%
    # منهم ...»), nor a share of the share before («منهم», "of them")
    run = [pcts[0]]
    for f in pcts[1:]:
        between = _tokens_between(toks, run[-1].te, f.ts)
        words = [x for x in between if x.kind == "w"]
        if len(words) <= 4 and not any(x.kind == "p" and x.text in ".;؛" for x in between) \
                and not _two_questions(run[-1], f, toks, g, lang) and not _of_them(f, toks, g):
            run.append(f)
        else:
            run = [f]
    if len(run) < 2:
        return
    s = sum(f.value for f in run)
    if s > o["percent_total"] and len({f.counts_key for f in run} - {None}) <= 1 and _shares_cue(toks, g, lang):
        first = run[0]
        args = _args(first, total="100", sum=_fmt(s), relation=o["exceed_word"],
                     parts=" + ".join(_fmt(f.value) for f in run))
        msg = render(o["percent_message"], args) if o["percent_message"] else None
        yield Hit(first.start, run[-1].end, args, None, msg)


def _stances(fs, toks, g, lang, o):
    """Those for and those against one proposal, in a sentence about shares of one whole,
    that sum past 100: «أن 58 في المائة من المستطلعة آراؤهم يؤيدون رفع سن التقاعد ...، فيما
    عارضه 47 في المائة» (grammar `stance_for`, `stance_against`: the verb nearest each
    percentage, up to 4 words before it or 5 after)."""
    if not g.stance_for or not g.stance_against:
        return
    # a change word may be the proposal's own («يؤيدون رفع سن التقاعد»): not a condition here
    pcts = [f for f in fs if f.unit == "%" and f.high is None and f.bound == "exact" and f.value < 100]
    if len(pcts) < 2 or not _shares_cue(toks, g, lang):
        return
    sides = [(f, _stance_of(f, toks, g, lang)) for f in pcts]
    pro = [f for f, s in sides if s == "for"]
    con = [f for f, s in sides if s == "against"]
    if len(pro) != 1 or len(con) != 1 or len({pro[0].counts_key, con[0].counts_key} - {None}) > 1:
        return
    a, b = sorted((pro[0], con[0]), key=lambda f: f.ts)
    s = a.value + b.value
    if s > o["percent_total"]:
        args = _args(a, total="100", sum=_fmt(s), relation=o["exceed_word"], parts=f"{_fmt(a.value)} + {_fmt(b.value)}")
        msg = render(o["percent_message"], args) if o["percent_message"] else None
        yield Hit(a.start, b.end, args, None, msg)


def _stance_of(f, toks, g, lang):
    """'for', 'against' or None: the stance word nearest a percentage (up to 4 words before
    it or 5 after), a pronoun taken off («عن رفضهم»)."""

    def side(t):
        k = t.key[1:] if lang == "ar" and len(t.key) > 3 and t.key[0] in "وف" else t.key
        ks = [k]
        if lang == "ar":
            ks += [k[:-len(p)] for p in ("هم", "هن", "ها", "ه") if k.endswith(p) and len(k) - len(p) >= 3]
        for x in ks:
            if x in g.stance_for:
                return "for"
            if x in g.stance_against:
                return "against"
        return None

    near = [(f.ts - t.e, t) for t in _tokens_near(toks, f.ts, 4, after=False)] + \
        [(t.s - f.te, t) for t in _tokens_near(toks, f.te, 5, after=True)]
    found = [(d, side(t)) for d, t in near if side(t)]
    return min(found, key=lambda x: x[0])[1] if found else None


def _stances_across(figs, sentences, text, g, lang, o):
    """Those for and those against one proposal told in two sentences, each a share of the same
    whole («أعرب 56 % من المستجيبين عن رفضهم ...» ... «أيّد القرار 49 % من المستجيبين»), that sum
    past 100: the only percentages of that whole with a stance, one each way."""
    from factcheck.figures.extract import tokenize

    if not g.stance_for or not g.stance_against:
        return
    pcts = [f for f in figs if f.unit == "%" and f.high is None and f.bound == "exact" and f.value < 100
            and f.counts_key is not None and not f.cue_words and not f.title]
    if len(pcts) < 2:
        return
    by_whole: dict = {}
    toks_of: dict = {}  # sentence -> its tokens, made once (not once for each of its percentages)
    for f in pcts:
        if f.sentence >= len(sentences):
            continue
        toks = toks_of.get(f.sentence)
        if toks is None:
            sent = sentences[f.sentence]
            toks = toks_of[f.sentence] = tokenize(text, sent.s, sent.e, lang)
        side = _stance_of(f, toks, g, lang)
        if side:
            by_whole.setdefault(f.counts_key, []).append((f, side))
    groups = list(by_whole.values())
    every = [x for sides in groups for x in sides]
    wholes = set(by_whole)
    if len(wholes) == 2 and wholes & g.poll_samples and all(
            w in g.poll_samples or (lang == "ar" and w.endswith("ي")) for w in wholes) \
            and sum(1 for _, x in every if x == "for") == 1 and sum(1 for _, x in every if x == "against") == 1:
        # «54 % من اللبنانيين يؤيدون» ... «رفض 49 % من المستطلعين»: the poll's sample and the nation it
        # stands for are one whole («من سكان الحضر», a part of the sample, is not)
        groups = [every]
    for sides in groups:
        pro = [f for f, x in sides if x == "for"]
        con = [f for f, x in sides if x == "against"]
        if len(pro) != 1 or len(con) != 1 or pro[0].sentence == con[0].sentence:
            continue
        a, b = sorted((pro[0], con[0]), key=lambda f: f.ts)
        total = a.value + b.value
        if total > o["percent_total"]:
            args = _args(b, total="100", sum=_fmt(total), relation=o["exceed_word"],
                         parts=f"{_fmt(a.value)} + {_fmt(b.value)}")
            msg = render(o["percent_message"], args) if o["percent_message"] else None
            yield Hit(b.start, b.end, args, None, msg)


def _ranked_shares(figs, sentences, text, g, lang, o):
    """A poll's shares told over two sentences of one paragraph: the first gives one share
    and speaks of the poll ("36 percent of respondents would vote for Mejia"), the next ranks
    the others ("Restrepo was second with 31 percent and Galan third with 18 percent, while
    9 percent ..."); together they sum past 100."""
    from factcheck.figures.extract import tokenize

    by_sent: dict = {}
    for f in figs:
        if f.unit == "%" and f.high is None and f.bound == "exact" and not f.cue_words and not f.title \
                and f.value < 100 and f.sentence < len(sentences):
            by_sent.setdefault(f.sentence, []).append(f)
    for k, first in by_sent.items():
        nxt = by_sent.get(k + 1)
        if len(first) != 1 or not nxt or first[0].para != nxt[0].para:
            continue
        toks1 = tokenize(text, sentences[k].s, sentences[k].e, lang)
        if not _shares_cue(toks1, g, lang):
            continue
        toks2 = tokenize(text, sentences[k + 1].s, sentences[k + 1].e, lang)
        rest = [f for f in nxt if not _of_them(f, toks2, g)]
        if not _ranks(rest, toks2, g):
            continue
        run = first + rest
        total = sum(f.value for f in run)
        if total > o["percent_total"]:
            args = _args(run[0], total="100", sum=_fmt(total), relation=o["exceed_word"],
                         parts=" + ".join(_fmt(f.value) for f in run))
            msg = render(o["percent_message"], args) if o["percent_message"] else None
            yield Hit(run[0].start, run[-1].end, args, None, msg)


def _ranks(pcts, toks, g) -> bool:
    """A rank word a few words before "with" and a percentage ("was second with 31 percent")."""
    for f in pcts:
        before = _words_near(toks, f.ts, 4, after=False)
        if len(before) >= 2 and before[-1] == "with" and any(w in g.rank_words for w in before[:-1]):
            return True
    return False


def _verb_before(f, toks, g, lang) -> str | None:
    """The word right before a figure when it is no link word (its own predicate: «يؤيد»,
    «ويرى» without its «و»), else None."""
    k = bisect_right(_bounds(toks)[1], f.ts) - 1  # the last token that ends before the figure
    if k < 0 or toks[k].kind != "w":
        return None
    w = toks[k].key
    if lang == "ar" and len(w) > 3 and w[0] in "وف":
        w = w[1:]
    return None if w in g.share_links else w


def _two_questions(a, b, toks, g, lang) -> bool:
    """Two percentages each after a verb of its own, and the verbs differ: answers to two
    questions («يؤيد 60% ...، ويرى 55% ...»), not shares of one whole («قال 58% ... فيما قال 31%»)."""
    va, vb = _verb_before(a, toks, g, lang), _verb_before(b, toks, g, lang)
    return va is not None and vb is not None and va != vb


def _of_them(f, toks, g) -> bool:
    """The percentage is a share of the group just named: «55% منهم», "55% of them" (grammar `of_them`)."""
    longest = max(map(len, g.of_them), default=0)
    nxt = tuple(_words_near(toks, f.te, longest, after=True))
    return any(nxt[:len(p)] == p for p in g.of_them)


def _shares_cue(toks, g, lang) -> bool:
    """The sentence speaks of shares of one whole (votes, respondents, a split)."""
    words = g.share_words
    from factcheck.figures.grammar import ar_variants

    for t in toks:
        if t.kind != "w":
            continue
        ks = [y for _, y in ar_variants(t.key)] if lang == "ar" else [t.key]
        if any(k in words for k in ks):
            return True
    return False
