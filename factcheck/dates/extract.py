"""Finding date expressions and resolving them to TIMEX3 values.

One pass of the language's combined expression (factcheck.dates.grammar) over
the text (the folded view for Arabic), then one normaliser a `sem` reads the
named groups and the publication date.  News conventions:

- a bare weekday is the most recent such day on or before publication (the same
  day included), or the next one on or after it when the clause announces a
  coming event (future cues in lexicon.yaml);
- a month with «الماضي»/"last" is its most recent occurrence before the
  publication month, with «المقبل»/"next" the first one after it;
- «يناير من العام الماضي»/"January of last year" is that month of the previous year;
- a month or day with no year is read in the year that puts it nearest to
  publication, or on the side of publication the tense asks for;
- "the following day"/«اليوم التالي» resolves from the date the text last spoke of.
"""

from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass

import re as _re
from bisect import bisect_right
from itertools import accumulate, chain, compress, repeat

import regex

from factcheck.dates.grammar import Grammar, grammar, match_key as norm_key
from factcheck.langs import fold as _fold
from factcheck.lazyrx import bind as _bind_lazy, re_, regex_
from factcheck.resources import load_data

TOD_CODES = ("MO", "MI", "AF", "EV", "NI")
# a full stop ends a sentence, not the one of an abbreviation in capitals ("in U.S. District Court
# in Los Angeles on Monday", "Washington, D.C. on Friday": English dev 2)
_STOP = r"(?<!(?:^|[^\p{L}])(?:\p{Lu}\.)+\p{Lu})\.(?=\s|$)"
_BOUNDARY = regex_(r"[!?؟\n;؛]|" + _STOP)
_CLAUSE = regex_(r"[!?؟\n;؛,،:]|" + _STOP)
# searched right to left ((?r)): the leftmost-first search tried every start of the window
_PREV_WORD = regex_(r"(?r)([\p{L}\p{N}_]+)[^\p{L}\p{N}_\n]*$")
_NEXT_WORD = regex_(r"[^\p{L}\p{N}_\n]*([\p{L}\p{N}_]+)")
_RX_SPACE_WORD = regex_(r"[ \t]+\p{L}")  # a word right after, only spaces between
_RX_ADJ_BEFORE = regex_(r"(?<![\p{L}])(\p{Ll}[\p{L}-]*)\s+$")
_INVISIBLE = "\u200b\u200c\u200d\u2060\ufeff"
_RX_INVISIBLE = regex_(f"[{_INVISIBLE}]")
_INVISIBLE_TO_SPACE = str.maketrans({c: " " for c in _INVISIBLE})
# up to three words after a date, in its phrase ("the January jobs report", "November's midterm elections")
_RX_NEXT_WORDS = regex_(r"(?:['’]s)?((?:[ \t]+[\p{L}-]+){0,3})")
_RX_QUOTE_OPENS = regex_(r"[\"«“:]")
_RX_FORMER_AFTER = regex_(r"\u064b?\s*[،,.)\n]")
# ... or a quotation it opens: «طالبة المدرسة الخاصة سابقاً “أحضرن ...”»
_RX_FORMER_QUOTE = regex_(r"\u064b?\s*[“\"«]")
_QUOTE_OPEN = "\"«“(\'"
_QUOTE_CLOSE = "\"»”)\'"
_TOKEN = regex_(r"[\p{L}\p{N}]+")
_WORDS = re_(r"[^\W_]+")
_WORDS_SPLIT = re_(r"([^\W_]+)")
_WORDS_SPLIT_FAST = re_(r"(\w+)")  # the same split for a text without "_"
_DIGITS = re_(r"\d+")
_BRIDGES = frozenset({"من", "of", "في", "more", "trading", "business", "working"})  # "20 more years", "8 trading days"
_CLOCK_WORDS = frozenset({"a", "p", "am", "pm", "gmt", "utc", "et", "edt", "est", "o"})
# a word opening with a number: proclitics at most («وب15», «لل2024», «ال13») before its first digit
_DIGIT_PREFIX = re_(r"[وفبلك]{0,2}(?:ال)?")
# a preposition or a year word glued to a year («في2017», «منذ1945», «عام1910»: copy that lost
# the space): the digit expressions are tried at the word (grammar: year_glued, whose span starts
# at the year: pattern option span_from)
_GLUED_YEAR_PREFIX = re_(r"[وف]?(?:في|منذ|خلال|عام|العام|سنه)")
# the minutes of a clock time after a comma («عند الساعة 16,18», AFP copy): an hour of one or two
# digits opens a date before them as before «:»
_COMMA_MINUTES = re_(r",[0-5]\d(?!\d)")
_RX_ART = regex_(r"^(?:ال|ل)")
_RX_AND = regex_(r"\s+و\s*")
_RX_CONJ = regex_(r"^[وف]")
_RX_DEF_NOUN = regex_(r"^[وف]?ال\p{L}{2,}$")
_RX_PRESENT_VERB = regex_(r"^[يتن]\p{L}{2,}$")
_RX_NOW = regex_(r"(?<![\p{L}\p{N}_])[وف]?اليوم(?![\p{L}\p{N}_])(?! (?:الاحد|الاثنين|الثلاثاء|الاربعاء|الخميس|الجمعه|السبت))")
_RX_THEN = regex_(r"(?<![\p{L}\p{N}_])[وبلف]{0,2}الامس(?![\p{L}\p{N}_])")  # «الأمس» (folded)
_RX_CLAUSE_END = regex_(r"\s*(?:[.,،؛:!?؟)\n]|$)")
_RX_IMPERFECT = regex_(r"^[وف]?[يتن]\p{L}{3,}$")  # «ويصبح», «تلعب»: an imperfect verb (or a noun of that shape)
# after «غدا»: the adverb before a gloss in brackets or a closing quote that ends its clause («نصل غدا (الاثنين)»,
# «نراكم غدا".»); the verb "became" is never followed by either
_RX_TOMORROW_END = regex_(r"\s*(?:\(|[\"”»']\s*(?:[.,،؛:!?؟)\n]|$))")
_RX_PROCL = regex_(r"^[وف]?(?:[بك](?=ال)|ل(?=ل))?")
_RX_WEEKEND = regex_(r"(?:عطل|the)", regex.I)
_RX_PM = regex_(r"مساء|ليل|عصر|ظهر|زوال|p\.?m")
_RX_AM = regex_(r"a\.?m")
# «من ذات الليلة», «من نفس الليلة», «من تلك الليلة» after a clock hour (folded text)
_RX_SAME_NIGHT = regex_(r"^من\s+(?:ذات|نفس|تلك)\s+الليله$")
# a clock hour right after an evening or a night of the same phrase: «مساء يوم غد الأربعاء عند
# الساعة التاسعة» is 21:00 (folded text; at most three words between, then «عند/في/على/حوالي»)
_RX_PM_BEFORE = regex_(r"(?:^|\s)(?:مساء|ليل|ليله|عصر)(?:\s+\S+){0,3}\s+(?:عند|في|على|حوالي|نحو)\s*$")
_DEICTIC_PATTERNS = frozenset({"dayrel", "dayrel_weekday", "last_night"})
# the day a reporting clause gives its quotation: a deictic («ذكر المرصد أمس الخميس: "...»), or a
# weekday («أصدر البيت الأبيض بيانا السبت يثني فيه على "... اليوم ..."», dev 11)
_SPEECH_DAY_PATTERNS = _DEICTIC_PATTERNS | {"weekday"}
_RX_YEAR_NEXT = regex_(r"\s+(?:1[5-9]|20)\d\d(?!\d)")
_RX_DECIMAL = regex_(r"(\d{1,4})[.,٫](\d{1,2})")
# the thousands and millions of a number of years («نحو 100 ألف عام», «1.5 مليون سنة»), by folded word
_MULTIPLIERS = {"الف": 1000, "الاف": 1000, "مليون": 1_000_000, "ملايين": 1_000_000}
# «حتى/إلى» right before a weekday (its «يوم» part of the weekday's extent): a time limit
_RX_UNTIL = regex_(r"(?:^|[^\p{L}])(?:حتى|حتي|إلى|الى|الي|لغاية|لغايه|لحين)\s+$")  # folded forms too
# English: a day named right after "as soon as", "as early as", "no later than" is a coming one;
# after "until", "till" or "by" (a clock time may stand between) a time limit, coming when its
# clause tells no past event ("has given the relatives until 9 a.m. Tuesday"; TBAQ)
_RX_EN_AHEAD = regex_(r"(?<![\p{L}])(?:as\s+(?:soon|early)\s+as|no\s+later\s+than)\s+(?:on\s+)?$", regex.I)
_RX_EN_LIMIT = regex_(
    r"(?<![\p{L}])(?:until|till|by)\s+(?:(?:\d{1,2}(?::\d\d)?\s*(?:a\.m\.|p\.m\.|am|pm)(?:\s+[A-Za-z]{2,4})?"
    r"|noon|midnight)\s+)?(?:on\s+)?$", regex.I)
_RX_REPORTING = regex_(r"(?:said|says|told|announced|reported|added|noted|stated|explained|wrote)", regex.I)
_RX_EN_TIME_GAP = regex_(r"\s*,?\s*(?:on\s+)?")  # between a clock time and the date it is on
_RX_PAREN = regex_(r"\([^()]{0,40}\)")
# «للعام المقبل»: the preposition ل before the article drops its alef; the grammar reads
# «ل» + «العام» (same length: «لل» -> «ال», the span then starts one letter later)
# «الموافق», «الموافق ل», «الموافق 17-» (before the second day of a range), normalised
_RX_MUWAFIQ = regex_(r"الموافق(?: ل:?)?(?: (\d{1,2}) ?[-–])?")
# between the two ends of a range of months («من يناير حتى يونيو 2015»), normalised
# (folded, as the text the grammar reads)
_RANGE_GAPS = frozenset(_fold(w) for w in ("حتى", "وحتى", "إلى", "الى", "و", "-", "–", "ولغاية", "لغاية"))
_RX_LIL = regex_(r"(?<![\p{L}\p{N}])([وف]?)لل(?=\p{L})")
# words that may stand between a clock time and the day written after it
_TIME_GAP_WORDS = frozenset({"من", "يوم", "ليله", "في", "بالتوقيت", "المحلي", "بتوقيت", "غرينتش", "جرينتش", "و"})


def _is_word(ch: str) -> bool:
    return ch.isalnum()


def _variants(w: str, ar: bool) -> tuple:
    """The word and, in Arabic, the word without its proclitics (و ف + ب ل ك)."""
    if not ar or len(w) < 3 or w[0] not in "وفبلك":
        return (w,)
    if w[0] in "وف" and w[1] in "بلك" and len(w) > 3:
        return (w, w[1:], w[2:])
    return (w, w[1:])
MAX_TEXT = 2_000_000  # beyond this only the start of a text is read


@dataclass
class Mention:
    start: int  # offsets into doc.text
    end: int
    text: str
    type: str  # DATE TIME DURATION SET
    value: str
    basis: str  # absolute | publication | inferred | context
    pattern: str = ""
    gran: str | None = None  # D W M Q SE Y DE C
    lo: _dt.date | None = None  # first and last day covered (when known)
    hi: _dt.date | None = None
    weekday: int | None = None  # weekday the text states (ISO, Monday = 1)
    day: int | None = None
    month: int | None = None
    year: int | None = None
    year_explicit: bool = False
    hijri: tuple | None = None  # (year or None, month, day)
    gregorian_pair: bool = False
    mrel: int | None = None  # direction word on a month/weekday/unit (-1 0 1)
    mrel_text: str = ""
    relative: bool = False  # the value depends on the publication date
    future: bool = False  # the clause announces a coming event
    after_cue: str = ""  # ordering cue (بعد, after ...) right before the expression
    prev_word: str = ""
    mod: str | None = None
    explicit_day: bool = False  # the text writes the day of the month
    inferred: bool = False  # the year (or the week) was chosen by a convention, not said
    side: int | None = None  # inferred year: -1 past (tense), 1 coming (tense), 0 nearest (no tense)
    rel_span: tuple | None = None  # doc.text span of the direction word («الماضي», "last")
    rel_kind: str = ""  # "year" («من العام الماضي», "of last year") or "month" («يناير الماضي»)
    work: tuple = (0, 0)  # span in the text the grammar read
    # a TIME's day: "own" (the expression says it), "context" (the date the text spoke of
    # last), "publication" (by convention), "unknown" (XXXX-XX-XX); "" for other types
    day_from: str = ""

    def as_dict(self, doc) -> dict:
        s, e = doc.view.to_base(self.start, self.end)
        return {"start": s, "end": e, "text": doc.source[s:e], "type": self.type,
                "value": self.value, "basis": self.basis}


# ------------------------------------------------------------------ date helpers

def quote_start(text: str, pos: int) -> int | None:
    """Where the quotation holding pos opens («...», "...", “...”), in its paragraph."""
    lo = text.rfind("\n", 0, pos) + 1
    para = text[lo:pos]
    a, b = para.rfind("«"), para.rfind("»")
    if a > b:
        return lo + a
    a, b = para.rfind("“"), para.rfind("”")
    if a > b:
        return lo + a
    if para.count('"') % 2 == 1:
        return lo + para.rfind('"')
    return None


def deictic_in(g, words: list[str]) -> tuple[int, int, int] | None:
    """(i, j, days) of the first and longest run words[i:j] of a deictic day («أمس», «أول
    أمس», "yesterday") in the words of a mention, days its offset from the reference day."""
    for i in range(len(words)):
        for j in range(len(words), i, -1):
            days = g.look("day_relative", " ".join(words[i:j]))
            if days is not None:
                return i, j, int(days)
    return None


def _month_add(y: int, m: int, n: int) -> tuple[int, int]:
    k = y * 12 + (m - 1) + n
    return k // 12, k % 12 + 1


def _month_range(y: int, m: int) -> tuple[_dt.date, _dt.date]:
    ny, nm = _month_add(y, m, 1)
    return _dt.date(y, m, 1), _dt.date(ny, nm, 1) - _dt.timedelta(days=1)


def _safe_date(y, m, d):
    try:
        return _dt.date(y, m, d)
    except (ValueError, OverflowError):
        return None


def _put_in_year(men, y: int) -> bool:
    """A month mention (or a day of a month) moved to year y: its value and range; False,
    and the mention unchanged, for a day that year does not have (29 February)."""
    if men.day:
        d = _safe_date(y, men.month, men.day)
        if d is None:
            return False
        men.value, men.lo, men.hi = d.isoformat(), d, d
    else:
        men.value = f"{y:04d}-{men.month:02d}"
        men.lo, men.hi = _month_range(y, men.month)
    return True


def _put_on_day(men, d: _dt.date) -> None:
    """The mention is on day d, told by the context (its clock time, if any, kept): its value,
    first and last day and day fields, for a DATE and a TIME alike."""
    men.value = d.isoformat() + men.value[10:]
    men.lo = men.hi = d
    men.year, men.month, men.day, men.basis = d.year, d.month, d.day, "context"


def _shift_years(d: _dt.date, n: int) -> _dt.date | None:
    try:
        return d.replace(year=d.year + n)
    except ValueError:
        return _safe_date(d.year + n, d.month, 28)


def _week_value(d: _dt.date) -> str:
    iy, iw, _ = d.isocalendar()
    return f"{iy:04d}-W{iw:02d}"


# a weekday is written with a near date: a day and month this near publication take the
# nearest year (the window of the weekday check, `max_inferred_days`, factcheck/kinds/dates.py)
_WEEKDAY_NEAR_DAYS = 60


def _nearest_year(pub: _dt.date, m: int, d: int | None, direction: int, future_weight: float = 1.0,
                  month_slack: int = 0) -> int | None:
    """The year that puts month m (day d) nearest to pub, or on the asked side.
    With no side asked, a distance after pub counts `future_weight` times (news
    speaks of past months more than of coming ones). On the coming side a month
    (no day) that ended at most `month_slack` days before pub still counts: a
    future cue in its clause speaks of a period still open («خلال الفترة من يناير
    إلى مارس سيكون ...» late February), not of the same month a year on."""
    best = None
    for y in (pub.year - 1, pub.year, pub.year + 1):
        if d is not None:
            cand = _safe_date(y, m, d)
            if cand is None:
                continue
            lo = hi = cand
        else:
            lo, hi = _month_range(y, m)
        if direction < 0 and lo > pub:
            continue
        if direction > 0 and hi < pub and (d is not None or (pub - hi).days > month_slack):
            continue
        dist = 0 if lo <= pub <= hi else min(abs((lo - pub).days), abs((hi - pub).days))
        if lo > pub:
            dist *= future_weight
        if best is None or dist < best[0]:
            best = (dist, y)
    return best[1] if best else None


# ------------------------------------------------------------------ the extractor

class Extractor:
    def __init__(self, lang: str):
        self.lang = lang
        self.g: Grammar = grammar(lang)
        self.norm = {
            "date": self._date, "hijri": self._hijri, "weekday": self._weekday, "dayrel": self._dayrel,
            "relunit": self._relunit, "weekend": self._weekend, "anchored": self._anchored,
            "season": self._season, "ago": self._ago, "span": self._span, "duration": self._duration,
            "year": self._year, "decade": self._decade, "century": self._century, "time": self._time,
            "vague": self._vague, "set": self._set, "quarter": self._quarter, "fixed": self._fixed,
            "holiday": self._holiday, "offset": self._offset, "day_of_month": self._day_of_month,
            "this_year": self._this_year, "spoken_year": self._spoken_year, "set_month": self._set_month,
            "fixed_duration": self._fixed_duration, "hijri_month": self._hijri_month,
            "age": self._age, "per_unit": self._per_unit, "relunit_year": self._relunit_year,
            "once": self._once, "tod_adverb": self._tod_adverb, "hijri_year": self._hijri_year,
            "weekday_dm": self._weekday_dm,
            "set_every": self._set_every, "set_weekday": self._set_weekday,
            "week_of_month": self._week_of_month,
        }
        self.by_group = {p.group: p for p in self.g.patterns}
        self.groups = [p.group for p in self.g.patterns]
        self._reject_before_year = frozenset(self.g.lists.get("year_unit_reject_before", ()))
        self._reject_before_date = frozenset(self.g.lists.get("date_reject_before", ()))
        # how a past cue must stand before a date without a year (lexicon `past_year`)
        py = load_data(lang, "dates/grammar/lexicon.yaml").get("past_year") or {}
        self._past_window = int(py.get("window", 4))
        self._past_tail = regex.compile(py["tail"], regex.I) if py.get("tail") else None
        self._future_weight = float(py.get("future_weight", 1.0))
        self._future_month_slack = int(py.get("future_month_slack", 0))
        fc = (load_data(lang, "dates/grammar/lexicon.yaml") or {}).get("future_cues") or {}
        self._event_stems = frozenset(" ".join(_fold(str(w)).split()) for w in (fc.get("stems") or ()) if isinstance(fc, dict))
        self._events = [(int(ev["month"]), int(ev["day"]), int(ev["year"]),
                         frozenset(" ".join(_fold(str(w)).split()) for w in ev.get("before", ())))
                        for ev in (load_data(lang, "dates/grammar/lexicon.yaml") or {}).get("event_dates") or ()]
        # how far back a clock time looks for the day the text speaks of
        lexd = load_data(lang, "dates/grammar/lexicon.yaml") or {}
        self._time_reach = int(lexd.get("time_anchor_chars", 120))
        self._quarter_reach = int(lexd.get("quarter_anchor_chars", 400))
        # a clock time with no day of its own and no day within reach: the publication
        # day, or unknown (XXXX-XX-XX) as the annotation guidelines have it
        self._time_unanchored = str(lexd.get("time_unanchored", "publication"))
        self._time_sentence = bool(lexd.get("time_anchor_sentence", False))
        self._transparent = frozenset(w for a in self.g.lists.get("approx", ()) for w in a.split()) | \
            frozenset(self.g.lists.get("transparent", ()))  # English: "two and a half hours"
        approx = sorted(self.g.lists.get("approx", ()), key=len, reverse=True)
        # an approximator right before an expression that could not start on it («نحو عقد من الزمان»)
        self._approx_tail = regex.compile(
            r"(?:^|(?<=[^\p{L}]))[وف]?(?:" + "|".join(regex.escape(a).replace(r"\ ", r"\s+") for a in approx) + r")\s+$") \
            if approx else None
        # every spelling of a date word, with the Arabic proclitics it may carry
        forms = set()
        for w in self.g.content:
            forms.add(w)
            if lang == "ar":
                for p in ("و", "ف", "ب", "ل", "ك", "وب", "ول", "وك", "فب", "فل", "فك"):
                    forms.add(p + w)
        self.content_forms = frozenset(forms)
        self._opening_memo: dict[str, frozenset] = {}  # word -> _opening(word)
        self._together: dict[tuple, object] = {}  # expressions tried together -> Grammar.together

    # -------------------------------------------------------------- driving

    def run(self, text: str, to_doc, pub: _dt.date | None, doc_text: str | None = None) -> list[Mention]:
        """Mentions in `text` (the text the grammar reads); to_doc maps a span to doc.text."""
        if len(text) > MAX_TEXT:
            text = text[:MAX_TEXT]
        self.text, self.to_doc, self.pub = text, to_doc, pub
        self.doc_text = text if doc_text is None else doc_text
        out: list[Mention] = []
        self.out = out
        self._accepted = None
        if self.lang == "ar":
            read = _RX_LIL.sub(r"\1ال", text)
        else:
            # "three years\u200b ago", "last \u2060September" (web copy): an invisible format
            # character reads as the space it stands for (one for one: the offsets hold)
            read = text.translate(_INVISIBLE_TO_SPACE) if _RX_INVISIBLE.search(text) else text
        for p, m in self._matches(read):
            gd = {k: v for k, v in m.groupdict().items() if v is not None}
            s, e = m.span("t")
            if p.opts.get("span_from"):  # «في1989»: the expression starts at the year
                s = m.start(p.opts["span_from"])
            if read is not text and read[s] == "ا" and text[s] == "ل":
                s += 1  # «ل[سنة القادمة]»: the article's lam, without the preposition
            self.m, self.p, self.span = m, p, (s, e)
            try:
                res = self.norm[p.sem](gd)
                if p.opts.get("week_of") and res is not None and not isinstance(res, list):
                    res = self._week_of(res)
            except (ValueError, OverflowError, KeyError, TypeError):
                res = None
            if res is None:
                yield_end = None
            else:
                out.extend(res if isinstance(res, list) else [res])
                yield_end = e
            self._accepted = yield_end
        if self.lang == "ar" and out:
            self._today_restated(out)
            self._weekday_restated(out)
            self._title_weekday(out)
            self._range_year(out)
            self._sentence_year(out)
            self._same_month(out)
            self._time_day_after(out)
            self._quoted_deictics(out)
            self._writing_day(out)
        if self.lang == "en" and out:
            self._time_date_after_en(out)
        return out

    def _today_restated(self, out):
        """«يحتفل تويتر اليوم، 23 أغسطس/ آب»: «اليوم» followed by the full date it means
        takes that date (a teaser or a quotation dated by the copy itself)."""
        for a, b in zip(out, out[1:]):
            if a.pattern != "dayrel" or a.weekday is not None or a.type != "DATE" or a.gran != "D":
                continue
            if norm_key(self.doc_text[a.start:a.end], self.lang) != "اليوم":
                continue
            if b.type != "DATE" or b.gran != "D" or not b.explicit_day or b.lo is None:
                continue
            if b.work[0] - a.work[1] > 3 or self.text[a.work[1]:b.work[0]].strip(" ،,(") != "":
                continue
            a.value, a.lo, a.hi = b.value, b.lo, b.hi
            a.year, a.month, a.day, a.basis = b.year, b.month, b.day, "context"

    def _title_weekday(self, out):
        """A bare weekday of the title (the first line) read as a past day takes the day of the
        first mention of that weekday in the body when the body says it is a coming one («شهب
        الغوليات تنير السماء مع بزوغ فجر الخميس» over «وتصل إلى ذروتها مع بزوع فجر الخميس
        المقبل»): a title has no tense of its own."""
        nl = self.text.find("\n")
        if nl < 0 or self.pub is None:
            return
        for a in out:
            if a.work[0] >= nl:
                break
            if a.weekday is None or a.mrel is not None or not a.inferred or a.future or a.lo is None or a.lo > self.pub:
                continue
            b = next((b for b in out if b.work[0] > nl and b.weekday == a.weekday and b.lo is not None), None)
            if b is not None and b.lo > self.pub and (b.mrel == 1 or (b.inferred and b.mrel is None and b.future)):
                _put_on_day(a, b.lo)

    def _weekday_restated(self, out):
        """«يوم الأحد الموافق 19/ 2/ 1435هـ», «يوم السبت الموافق الثاني من شهر شوال», «الساعة
        الثامنة من صباح الأحد الموافق 01/11/1436»: a weekday (or a clock time on a weekday)
        followed by «الموافق» and the full date it falls on takes that date (a date far from
        publication), not the nearest such weekday; «مساء يوم السبت الموافق 17-18/09/1436» the
        first day of the range. A Hijri date that falls on another weekday after a deictic with its
        weekday («هذا اليوم الاثنين الموافق 10/4 / 1436هـ», «أمس الاثنين الموافق ...») is garbled:
        it takes the day the deictic names (GUIDELINES, dev 6 choice)."""
        merged = []
        for a, b, c in zip(out, out[1:], [*out[2:], None]):
            stated = self._stated_weekday(a)
            if stated is None:
                continue
            wd, day, deictic = stated
            if b.type != "DATE" or b.gran != "D" or not b.explicit_day or b.lo is None:
                continue
            gap = norm_key(self.text[a.work[1]:b.work[0]].strip(" ،,"), self.lang)
            m = _RX_MUWAFIQ.fullmatch(gap)
            if m is None:
                # «فجر الخميس 28 شوال», «مساء الاحد 16 اوت»: a part of the day with its weekday, the
                # date right after it: one expression (GUIDELINES §4, as the weekday date pattern
                # takes a bare weekday with its date whole), on that date
                if gap or deictic or b.work[0] - a.work[1] > 3 or b.lo.isoweekday() != wd:
                    continue
                if b.lo != day:
                    _put_on_day(a, b.lo)
                # (not when a Hijri twin follows the date: the Hijri check compares the two dates)
                if a.type == "TIME" and not self.text[a.work[1]:b.work[0]].strip() \
                        and not (c is not None and c.hijri is not None and c.work[0] - b.work[1] <= 25):
                    a.end, a.work = b.end, (a.work[0], b.work[1])
                    merged.append(b)
                continue
            d = b.lo
            if m.group(1):  # a range of days: the weekday restates its first day
                k = (b.hijri[2] if b.hijri else b.lo.day) - int(m.group(1))
                if not 0 < k < 4:
                    continue
                d = b.lo - _dt.timedelta(days=k)
            if d == day:
                continue
            if d.isoweekday() == wd:
                _put_on_day(a, d)
            elif deictic and not m.group(1) and b.hijri is not None and day.isoweekday() == wd:
                _put_on_day(b, day)
        if merged:
            out[:] = [x for x in out if not any(x is y for y in merged)]

    def _stated_weekday(self, a):
        """(weekday, day, deictic) of a mention whose day is a weekday it names: «يوم الأحد»,
        «مساء يوم السبت», «أمس الاثنين» (deictic), «الساعة الثامنة من صباح الأحد»; None otherwise."""
        if a.pattern in ("weekday", "weekday_rel", "dayrel_weekday"):
            if a.weekday is None or a.lo is None:
                return None
            return a.weekday, a.lo, a.pattern == "dayrel_weekday"
        if a.type != "TIME" or a.day_from != "own" or not a.value[:4].isdigit():
            return None
        words = self.text[a.work[0]:a.work[1]].split()
        wd = next((self.g.look("weekdays", w) for w in reversed(words) if self.g.look("weekdays", w) is not None), None)
        if wd is None:
            return None
        deictic = any(self.g.look("day_relative", w) is not None for w in words)
        return int(wd), _dt.date.fromisoformat(a.value[:10]), deictic

    def _writing_day(self, out):
        """«استقبل النادي أمس الثلاثاء ...» in copy dated Tuesday: the copy's own weekday shows it
        was written a day after (or before) the publication date, and a bare deictic of the same
        copy («أمس») counts from that writing day (GUIDELINES, dev 7 choice): when every deictic
        with its weekday is off publication by the same shift, the bare day deictics take it."""
        if self.pub is None:
            return
        shifts = set()
        for m in out:
            if m.pattern != "dayrel_weekday" or m.lo is None:
                continue
            found = deictic_in(self.g, self.text[m.work[0]:m.work[1]].split())
            if found is None:
                return
            shifts.add((m.lo - (self.pub + _dt.timedelta(days=found[2]))).days)
        if len(shifts) != 1:
            return
        shift = shifts.pop()
        if shift == 0 or abs(shift) > 2:
            return
        for m in out:
            if m.pattern != "dayrel" or m.weekday is not None or m.lo is None or m.basis != "publication":
                continue
            _put_on_day(m, m.lo + _dt.timedelta(days=shift))

    def _quoted_alone(self, s: int, e: int) -> bool:
        """The expression at s..e (read text) stands alone between quotes or brackets in the
        copy («"اليوم"», «(اليوم)», «"60 دقيقة"»): a name or a title."""
        a, b = self.to_doc(s, e)
        return 0 < a and b < len(self.doc_text) and self.doc_text[a - 1] in _QUOTE_OPEN \
            and self.doc_text[b] in _QUOTE_CLOSE

    def _quote_start(self, pos: int) -> int | None:
        return quote_start(self.text, pos)

    def _quoted_deictics(self, out):
        """A deictic inside a quotation whose day the copy gives («ذكر المرصد أمس الخميس: "...
        مساء أمس ..."», «بيانا السبت يثني فيه على "... اليوم ..."»): counted from the day of the
        report, not from publication (GUIDELINES.md §5)."""
        if self.pub is None:
            return
        for i, m in enumerate(out):
            if m.pattern not in _DEICTIC_PATTERNS or m.lo is None or m.basis != "publication":
                continue
            q = self._quote_start(m.work[0])
            if q is None:
                continue
            # the reporting clause: from the start of its sentence to the quotation
            head = self._sentence_before(q, 200)
            h0 = q - len(head)
            speech = None
            for a in reversed(out[:i]):
                if a.work[1] <= h0:
                    break
                if a.work[1] <= q and a.pattern in _SPEECH_DAY_PATTERNS and a.gran == "D" and a.lo is not None:
                    speech = a
                    break
            if speech is None or speech.lo == self.pub:
                continue
            _put_on_day(m, m.lo + (speech.lo - self.pub))

    def _time_day_after(self, out):
        """A clock time without a day of its own takes the day written right after it
        («الساعة 8:15 صباح الأحد», «الساعة الواحدة مساء (12.00 بتوقيت غرينتش) أمس الأربعاء»,
        «التاسعة ليلا من يوم الثلاثاء 09 جوان»): that beats a day from the context before and
        the unknown day."""
        for i, a in enumerate(out):
            if a.type != "TIME" or a.day_from not in ("context", "unknown"):
                continue
            # the same time restated in parentheses in another zone («الساعة 14:00 (18:00 بتوقيت
            # غرينتش)، الأربعاء»): it takes the day too, and the day is looked for after it
            same, j = [a], i + 1
            while j < len(out) and out[j].type == "TIME" and out[j].day_from != "own" and \
                    self.text[same[-1].work[1]:out[j].work[0]].strip() == "(":
                same.append(out[j])
                j += 1
            if j >= len(out):
                continue
            b = out[j]
            if b.type not in ("DATE", "TIME") or b.gran != "D" or b.lo is None:
                continue
            gap = self.text[a.work[1]:b.work[0]]
            if len(gap) > 60:
                continue
            gap = _RX_PAREN.sub(" ", gap)
            if any(norm_key(w, self.lang) not in _TIME_GAP_WORDS for w in _WORDS.findall(gap)) or _BOUNDARY.search(gap):
                continue
            for t in same:
                t.value = b.lo.isoformat() + t.value[10:]
                t.basis = "context"

    def _week_of(self, men):
        """"the week of March 6": the ISO week that holds the day read (TimeML 2000-W10)."""
        if men.gran != "D" or men.lo is None:
            return None
        y, w, _ = men.lo.isocalendar()
        mon = men.lo - _dt.timedelta(days=men.lo.isoweekday() - 1)
        men.value, men.gran, men.lo, men.hi = f"{y:04d}-W{w:02d}", "W", mon, mon + _dt.timedelta(days=6)
        men.day = None
        return men

    def _time_date_after_en(self, out):
        """English: a clock time right before a date ("until 5 p.m. EST Nov. 9", "at 10 a.m. on
        Oct. 3") is on that date, not on the day of publication or the one named before (TBAQ)."""
        for a, b in zip(out, out[1:]):
            if a.type != "TIME" or a.day_from == "own" or not a.value[:4].isdigit():
                continue
            if b.type != "DATE" or b.gran != "D" or b.lo is None:
                continue
            if not _RX_EN_TIME_GAP.fullmatch(self.text, a.work[1], b.work[0]):
                continue
            a.value = b.lo.isoformat() + a.value[10:]
            a.basis, a.day_from = "context", "own"

    def _range_year(self, out):
        """«في الفترة من يناير/كانون الثاني حتى يونيو/حزيران 2015», «بين يناير ومايو 2015»: a
        month without a year whose range closes on a month with its year takes that year (the
        year before when its month comes later), not the nearest one."""
        for a, b in zip(out, out[1:]):
            if a.type != "DATE" or a.month is None or a.year is None or a.year_explicit or a.hijri is not None \
                    or not a.inferred or a.mrel is not None or a.gran not in ("D", "M"):
                continue
            if b.type != "DATE" or b.month is None or not b.year_explicit or b.hijri is not None or b.gran not in ("D", "M"):
                continue
            if norm_key(self.text[a.work[1]:b.work[0]], self.lang) not in _RANGE_GAPS:
                continue
            y = b.year if a.month <= b.month else b.year - 1
            if y == a.year or not _put_in_year(a, y):
                continue
            a.year, a.basis, a.inferred = y, "context", False

    def _sentence_year(self, out):
        """«ففي العام 2018 سيقع قمران أزرقان في شهري يناير ومارس»: months without a year of their own
        (whatever the tense made of them; not weekdays), in the clause of a year written out just before them
        (the mention right before, within 80 characters, no comma or sentence end between, nothing but
        months between), take that year (dev 13; «عامي 2016 و2017، ... في مايو» is another clause)."""
        year = None
        for men in out:
            if men.type != "DATE":
                year = None
                continue
            if men.gran == "Y" and men.year_explicit and men.year is not None and men.month is None:
                year = men
                continue
            if men.month is None or year is None:
                year = None
                continue
            gap = self.text[year.work[1]:men.work[0]]
            if len(gap) > 80 or _CLAUSE.search(gap) or not men.inferred or men.mrel is not None \
                    or men.year_explicit or men.hijri is not None or men.gran not in ("D", "M") \
                    or getattr(men, "weekday", None) is not None:
                year = None
                continue
            if men.year != year.year and _put_in_year(men, year.year):
                men.year, men.basis, men.inferred = year.year, "context", False
            # the next month of the list («يناير ومارس») reads against the same year

    def _same_month(self, out):
        """A month without a year that the tense did not place (nearest year), with no weekday, and
        that the article already named: the year of that earlier mention («وقع في أغسطس/ آب»
        ... «الهجوم المزعوم في أغسطس/ آب»)."""
        seen = {}
        for men in out:
            if men.type != "DATE" or men.month is None or men.year is None or men.hijri is not None:
                continue
            if men.inferred and men.side == 0 and men.mrel is None and men.weekday is None:
                # (a weekday placed its date already: «يوم الجمعة 21 أبريل» is 2023's, not that of
                # «أبريل 2021» two paragraphs up, whose 21st was a Wednesday)
                prev = seen.get(men.month)
                if prev is not None and prev != men.year:
                    y = prev
                    if not _put_in_year(men, y):
                        continue
                    men.year, men.basis = y, "context"
                    continue
            if men.gran in ("D", "M"):
                seen[men.month] = men.year

    def _matches(self, text: str):
        """(pattern, match) in text order. Anchors are the date words of the text
        (the words of the text, split once, that are in the set of date words); at an
        anchor and at the two words before it, only the expressions that may begin with
        that word (grammar `starts`) are tried (_candidates), the first one in grammar
        order wins, and the next try starts after an accepted match."""
        pats = self.g.patterns
        low = text if self.lang == "ar" else text.lower()
        if len(low) != len(text):  # a case mapping that changes lengths: keep offsets
            low = text
        cands = self._candidates(low)
        pos_done = -1
        together_from = self.g.together_from
        together = self._together
        for pos, cand in sorted(cands.items()):
            if pos < pos_done:
                continue
            tries = [pos - 1, pos] if pos and text[pos - 1] in "'’" else [pos]
            found = False
            order = sorted(cand)
            for at in tries:
                first = 0
                if together_from and len(order) >= together_from:
                    # many to try («the»: 22 in English): one call finds the first that matches
                    # (its own expression then matches again below, for its own groups)
                    key = tuple(order)
                    rx = together.get(key)
                    if rx is None:
                        if len(together) > 1024:
                            together.clear()
                        rx = together[key] = self.g.together(key)
                    tm = rx.match(text, at)
                    if tm is None:
                        continue
                    first = next(j for j, i in enumerate(order) if tm.start(f"z{i}") >= 0)
                for idx in order[first:]:
                    p = pats[idx]
                    m = p.rx.match(text, at)
                    if m is None:
                        continue
                    self._accepted = None
                    self._name_end = -1
                    yield p, m
                    if self._accepted is not None:
                        pos_done = m.end()
                        found = True
                        break
                    if self._name_end > at:
                        # a name («ساحة الثالث والعشرين من يوليو»): no part of it is read as a
                        # date either («العشرين من يوليو»)
                        pos_done = self._name_end
                        found = True
                        break
                if found:
                    break

    def _candidates(self, low: str) -> dict[int, set]:
        """Start offset -> indices of the expressions to try there (see _matches), in `low`
        (the text _matches reads, lower-cased for English)."""
        g = self.g
        digit = g.digit_starts
        ar = self.lang == "ar"
        # the words of the text, once: (start, end, word) columns (re.split gives the words
        # and the gaps, offsets are running sums); the anchors and the words before them
        # are read from the columns.  [gap0, word0, gap1, word1, ..., tail]; \w+ (faster)
        # gives the same words where no "_" stands
        parts = (_WORDS_SPLIT if "_" in low else _WORDS_SPLIT_FAST).split(low)
        bounds = list(accumulate(map(len, parts)))
        w_starts, w_ends, words = bounds[0:-1:2], bounds[1::2], parts[1::2]
        # the anchors: indices of the date words, then of the numbers that may open a date
        anchors = list(compress(range(len(words)), map(self.content_forms.__contains__, words)))
        numbers = []
        glued = []  # offsets of years glued to a preposition («في2017»)
        content = g.content
        for run in _DIGITS.finditer(low):
            # a word that opens with a number: the digits start it, or proclitics at most
            # stand before them («وب15», «لل2024», «ال13»; «وفي 15» no)
            d, e = run.span()
            k = bisect_right(w_starts, d) - 1  # the word holding the digits
            head = w_starts[k]
            if ar and e - d == 4 and head != d and d - head <= 6 and _GLUED_YEAR_PREFIX.fullmatch(low, head, d):
                glued.append(head)
                continue
            if d - head > 4 or (head != d and not _DIGIT_PREFIX.fullmatch(low, head, d)):
                continue
            # a number opens a date only as a year, before a date word, a
            # separator («15/8», "10:35") or glued letters ("15th", «29أغسطس»)
            # (spaces may stand before the separator: «20 / 1 / 1419هـ», «21 - 10 - 1436هـ»)
            f = e
            while f < len(low) and f - e < 2 and low[f] == " ":
                f += 1
            if e - d != 4 and e < len(low) and not low[e].isalpha() and low[f:f + 1] not in ("/", "-", ".", ":") \
                    and low[e] not in "/-.:" and not (e - d <= 2 and _COMMA_MINUTES.match(low, e)):
                if not ar and low.startswith(" 1/2", e):  # "2 1/2 years": the word after the half
                    e += 4
                nxt = _NEXT_WORD.match(low, e, e + 30)
                if nxt is None:
                    continue
                w = nxt.group(1)
                if w in _BRIDGES:  # «21 من الشهر الجاري», "5th of May": look one word further
                    nxt2 = _NEXT_WORD.match(low, nxt.end(), nxt.end() + 30)
                    w = nxt2.group(1) if nxt2 else w
                if not any(k in content for k in _variants(w, ar)) and w not in _CLOCK_WORDS:
                    continue
            numbers.append(k)
        transparent = self._transparent
        opening = self._opening
        memo = self._opening_memo
        cands: dict[int, set] = {}
        for k, w in chain(zip(anchors, map(words.__getitem__, anchors)), zip(numbers, repeat(None))):
            i = w_starts[k]
            got = digit if w is None else memo.get(w)
            if got is None:
                got = opening(w)
            if got:
                c = cands.get(i)
                if c is None:
                    cands[i] = set(got)
                else:
                    c.update(got)
            # the two words before an anchor may open its expression ("the", «في»): the
            # words of low[lo:i] (a word cut by the window starts at lo, and is not tried)
            lo = max(0, i - 40)
            j = k - 1
            if j < 0 or w_ends[j] <= lo:
                continue
            last = words[j] if w_starts[j] >= lo else low[lo:w_ends[j]]
            two = j > 0 and w_ends[j - 1] > lo  # a second word in the window
            n_back = 2
            if last in transparent or (two and (words[j - 1] if w_starts[j - 1] >= lo else low[lo:w_ends[j - 1]]) in transparent):
                # words of approximators («فقبل ما يقارب 3 أسابيع», "more than") do not count
                lo = max(0, i - 70)
                while n_back < 5 and j - n_back >= 0 and w_ends[j - n_back] > lo and \
                        (words[j - n_back + 1] if w_starts[j - n_back + 1] >= lo else low[lo:w_ends[j - n_back + 1]]) in transparent:
                    n_back += 1
            for t in range(max(0, j - n_back + 1), j + 1):
                if w_ends[t] <= lo:
                    continue  # not in the window
                s0 = w_starts[t]
                if s0 <= lo and lo > 0:
                    continue  # a word cut by the window
                got = memo.get(words[t])
                if got is None:
                    got = opening(words[t])
                if got:
                    c = cands.get(s0)
                    if c is None:
                        cands[s0] = set(got)
                    else:
                        c.update(got)
        for h in glued:
            cands.setdefault(h, set()).update(digit)
        return cands

    def _opening(self, w: str) -> frozenset:
        """Indices of the expressions that may begin with the word w (or with w without its
        proclitics, Arabic): grammar `starts`, remembered a word."""
        starts = self.g.starts
        got = frozenset(i for v in _variants(w, self.lang == "ar") for i in starts.get(v, ()))
        memo = self._opening_memo
        if len(memo) > 200_000:
            memo.clear()
        memo[w] = got
        return got

    def _mk(self, type_, value, basis, s=None, e=None, **kw) -> Mention:
        s = self.span[0] if s is None else s
        e = self.span[1] if e is None else e
        ds, de = self.to_doc(s, e)
        dt = self.doc_text
        while de < len(dt) and dt[de] == "\u0640":  # «1446هـ»: keep the tatweel of the abbreviation
            de += 1
        men = Mention(ds, de, "", type_, value, basis, self.p.name, work=(s, e), **kw)
        men.prev_word = self._prev_word(s)
        if "after_cue" not in kw and self.g.after_re is not None and type_ in ("DATE", "TIME") \
                and not value.endswith("_REF"):
            men.after_cue = self._after_cue(s)
        return men

    # -------------------------------------------------------------- context

    def _sentence_before(self, s: int, limit: int = 90, clause: bool = False) -> str:
        lo = max(0, s - limit)
        chunk = self.text[lo:s]
        last = None
        for last in (_CLAUSE if clause else _BOUNDARY).finditer(chunk):
            pass
        return chunk[last.end():] if last else chunk

    def _sentence_after(self, e: int, limit: int = 60, clause: bool = False) -> str:
        chunk = self.text[e:e + limit]
        m = (_CLAUSE if clause else _BOUNDARY).search(chunk)
        return chunk[:m.start()] if m else chunk

    def _future(self, s: int, e: int) -> bool:
        fr = self.g.future_re
        if fr is None:
            return False
        # before: the clause of the date («التي تستضيف قوات ...، مساء الثلاثاء،» is
        # not about Tuesday); after: the rest of the sentence ("On Friday, they will ...")
        return bool(fr.search(self._sentence_before(s, clause=True)) or fr.search(self._sentence_after(e, 50)))

    def _past(self, s: int) -> bool:
        """The clause before s tells a past event: a past-tense cue among the
        last words before the date (lexicon `past_cues`, not one listed in
        `past_cues_not_for_year`), not after an auxiliary that makes it present
        or passive ("is expected", `past_blockers`), with no complementiser or
        future cue between it and the date ("said that", «قال إن»)."""
        pr = self.g.past_re
        if pr is None:
            return False
        before = self._sentence_before(s, 80, clause=True)
        words = before.split()[-self._past_window:]
        near = " ".join(words)
        last = None
        for last in pr.finditer(near):
            pass
        if last is None:
            return False
        lists = self.g.lists
        if norm_key(last.group(0), self.lang) in lists.get("past_cues_not_for_year", ()):
            return False
        head = near[:last.start()].split()
        if head and norm_key(head[-1], self.lang) in lists.get("past_blockers", ()):
            return False
        tail = near[last.end():]
        if self._past_tail is not None and not self._past_tail.match(tail):
            return False
        if self.lang == "ar" and _RX_QUOTE_OPENS.search(tail):
            return False  # «وأضاف "تنتظركم من تاريخ 18 أيلول/سبتمبر"»: the date is in what was said
        comp = set(lists.get("complementisers", ()))
        if any(norm_key(w, self.lang) in comp for w in _WORDS.findall(tail)):
            return False
        fr = self.g.future_re
        return not (fr is not None and fr.search(tail))

    def _weekday_future(self, s: int, e: int) -> bool:
        """A bare weekday is a coming one when a future cue stands in its clause
        before it, or after it with no past cue in the sentence before («قال
        مسؤولون ...، الإثنين، إن الشركة تنوي ...» is Monday past; "On Saturday,
        protesters will rally" the coming one)."""
        fr = self.g.future_re
        if fr is None:
            return False
        clause = self._sentence_before(s, clause=True)
        if fr.search(clause):
            return True
        if self.lang == "en" and self._en_ahead(s):
            return True
        if self.lang == "ar" and not clause.strip() and self._tail_of_clause(s, e):
            # «ستلعب كرواتيا النهائي أمام فرنسا، يوم الأحد.»: a weekday that closes its sentence
            # after a comma belongs to the clause before the comma (dev 13); not a parenthetical
            # one with a comma after it («التي تستضيف قوات ...، مساء الثلاثاء، ...»)
            cut = max(self.text.rfind("،", 0, s), self.text.rfind(",", 0, s))
            if cut > 0 and self._future_stands(self._sentence_before(cut, clause=True)):
                return True
        if self.lang == "ar" and _RX_UNTIL.search(self.text, max(0, s - 12), s) \
                and not (self.g.past_re is not None and self.g.past_re.search(self._sentence_before(s, 80, clause=True))) \
                and not self._past_in_sentence(s):
            # «أن تبقى الجلسة مفتوحة الى يوم الخميس»: a time limit with no past cue in its clause is a
            # coming day (dev 13); «عقدت الجلسة حتى يوم الخميس» is not
            return True
        if self.lang == "en" and self.g.past_re is not None and len(self._sentence_before(s, 40).split()) <= 1:
            # a weekday opening its sentence takes the tense of the first verb cue after
            # it, however long the subject ("On Tuesday, the National Abortion and
            # Reproductive Rights Action League plans to hold ...")
            after = self._sentence_after(e, 120)
            p, f = self.g.past_re.search(after), fr.search(after)
            if f is not None and (p is None or f.start() < p.start()):
                return True
        if not fr.search(self._sentence_after(e, 50)):
            return self.lang == "ar" and not (self._past(s) or self._past_in_sentence(s)) \
                and self._future_in_sentence(s)
        return not (self._past(s) or self._past_in_sentence(s))

    def _en_ahead(self, s: int) -> bool:
        """English: the words right before s make a coming day of it ("as soon as Tuesday", "until 9
        a.m. Tuesday" in a clause with no past cue)."""
        before = self.text[max(0, s - 40):s]
        if _RX_EN_AHEAD.search(before):
            return True
        if not _RX_EN_LIMIT.search(before):
            return False
        pr = self.g.past_re  # "Until Thursday, they had not called him a suspect": past
        if pr is None:
            return True
        # a verb of reporting tells no past event of its own ("funded through Sept. 30, lawmakers said")
        return not any(_RX_REPORTING.fullmatch(m.group(0)) is None
                       for part in (self._sentence_before(s, 80, clause=True), self._sentence_after(s, 80))
                       for m in pr.finditer(part))

    def _weekday_dm(self, gd):
        """A weekday and a day/month without a year («الاثنين 18/10»): the date within half a
        year of publication, Gregorian or Hijri, that falls on that weekday, when exactly one does."""
        pub = self.pub
        d, mn = int(gd["d"]), int(gd["mn"])
        if pub is None or not (1 <= d <= 31 and 1 <= mn <= 12):
            return None
        wd = int(self._look("weekdays", gd["wd"]))
        found = []
        for y in (pub.year - 1, pub.year, pub.year + 1):
            try:
                g = _dt.date(y, mn, d)
            except ValueError:
                continue
            if abs((g - pub).days) <= 183 and g.isoweekday() == wd:
                found.append((g, None))
        h = hijri_near(pub, mn, d) if d <= 30 else None
        if h is not None and abs((h - pub).days) <= 183 and h.isoweekday() == wd:
            found.append((h, (None, mn, d)))
        if len(found) != 1:
            return None
        g, hij = found[0]
        men = self._mk("DATE", g.isoformat(), "publication")
        men.weekday, men.explicit_day, men.relative = wd, True, True
        if hij is not None:
            men.hijri = hij
        men.gran, men.lo, men.hi = "D", g, g
        men.year, men.month, men.day = g.year, g.month, g.day
        return men

    def _tail_of_clause(self, s: int, e: int) -> bool:
        """The text between the last comma («،» or ",") before s and s is blank, and the sentence
        ends right after e."""
        k = s - 1
        while k >= 0 and self.text[k] in " \t":
            k -= 1
        if k < 0 or self.text[k] not in "،,":
            return False
        rest = self.text[e:e + 3].lstrip(" \t")
        return rest == "" or rest[0] in ".\n!؟?"

    def _weekday_repeats_coming(self, wd: int) -> bool:
        """An earlier weekday of the copy with the same name was a coming day (bare and read
        as coming, or with a word of the coming one: «موقعة الاحد المقبل»): a later bare mention
        without a tense cue of its own names that day again («في مباراة الاحد»)."""
        for m in reversed(self.out):
            if getattr(m, "weekday", None) != wd or m.lo is None or m.type not in ("DATE", "TIME"):
                continue
            if m.inferred and m.mrel is None:
                return m.future and m.lo > self.pub
            if m.mrel == 1 and m.lo > self.pub:
                return True
        return False

    def _future_in_sentence(self, s: int) -> bool:
        """A future cue earlier in the sentence, across commas, with no past cue after it:
        «المتوقع أن يستعيد الإعصار قوته ... عندما يبدأ التحرك ...، ويصبح إعصارا ... يوم
        الجمعة» (the clause of the weekday has no cue of its own)."""
        fr, pr = self.g.future_re, self.g.past_re
        if fr is None or pr is None:
            return False
        # the clause of the weekday goes on with an imperfect verb («، ويصبح ...»), not a
        # perfect one or none («، بحسب رسالة اطلعت عليها الوكالة الاثنين»)
        clause = self._sentence_before(s, 160, clause=True)
        words = clause.split()
        if not words or (len(clause) == 160 and s > 160) or not _RX_IMPERFECT.match(words[0]):
            return False
        return self._future_stands(self._sentence_before(s, 160))

    def _future_stands(self, text: str) -> bool:
        """A future cue in text with no past cue after it."""
        last = None
        for last in self.g.future_re.finditer(text):
            pass
        return last is not None and (self.g.past_re is None or self.g.past_re.search(text[last.end():]) is None)

    def _past_in_sentence(self, s: int) -> bool:
        """A past cue among the last words of the sentence before s (across commas:
        «قال مسؤولون في المدينة، الإثنين»), no complementiser or future cue after it."""
        pr = self.g.past_re
        if pr is None:
            return False
        near = " ".join(self._sentence_before(s, 90).split()[-8:])
        last = None
        for last in pr.finditer(near):
            pass
        if last is None:
            return False
        tail = near[last.end():]
        comp = set(self.g.lists.get("complementisers", ()))
        if any(norm_key(w, self.lang) in comp for w in _WORDS.findall(tail)):
            return False
        fr = self.g.future_re
        return not (fr is not None and fr.search(tail))

    def _past_after(self, s: int, e: int) -> bool:
        """A date opening its sentence ("In January, the company brought in ...",
        «وفي 7 أكتوبر، أعلنت ...») followed by a past cue within a few words."""
        pr = self.g.past_re
        if pr is None or len(self._sentence_before(s, 40).split()) > 1:
            return False
        after = self._sentence_after(e, 80).split()[:self._past_window + 2]
        near = " ".join(after)
        fr = self.g.future_re
        if self.lang == "en":
            # a future cue after the past verb is what was told, not the tense of the
            # date ("In September, it announced plans to acquire ...")
            # (the cue within the first words, "says"/"had" not telling the year)
            full = " ".join(self._sentence_after(e, 80).split())
            f = fr.search(full) if fr is not None else None
            skip = self.g.lists.get("past_cues_not_for_year", ())
            for p in pr.finditer(full, 0, len(near)):
                if norm_key(p.group(0), self.lang) not in skip:
                    return f is None or p.start() < f.start()
            return False
        return bool(pr.search(near)) and not (fr is not None and fr.search(near))

    def _after_cue_far(self, s: int) -> bool:
        """An ordering cue anywhere in the clause before s («بعد اندلاع الحرب ...
        7 أكتوبر»): the date names an event that has happened."""
        ar = self.g.after_re
        return bool(ar is not None and ar.search(self._sentence_before(s, 100, clause=True)))

    def _prev_word(self, s: int) -> str:
        m = _PREV_WORD.search(self.text, max(0, s - 40), s)
        return norm_key(m.group(1), self.lang) if m else ""

    def _noun_side(self, e: int) -> int:
        """A month before the noun it dates: -1 when one of the next three words is a noun of
        figures for a period gone by ("the January jobs report", "a February poll", lexicon
        `month_past_nouns`), 1 when it names an event held on a date set ahead ("the November
        general election", "a June runoff", `month_future_nouns`), else 0."""
        lists = self.g.lists
        for w in _RX_NEXT_WORDS.match(self.text, e, min(len(self.text), e + 60)).group(1).split():
            w = norm_key(w, self.lang)
            if w in lists.get("month_past_nouns", ()):
                return -1
            if w in lists.get("month_future_nouns", ()):
                return 1
        return 0

    def _next_word(self, e: int) -> str:
        m = _NEXT_WORD.match(self.text, e, min(len(self.text), e + 40))
        return norm_key(m.group(1), self.lang) if m else ""

    def _after_cue(self, s: int) -> str:
        before = self._sentence_before(s, 60, clause=True)
        last = None
        for last in self.g.after_re.finditer(before):
            pass
        if last is None:
            return ""
        between = before[last.end():]
        # the cue governs the date when only a few words stand between them
        if len(between.split()) > 4:
            return ""
        return norm_key(last.group(0), self.lang)

    def _upper_ok(self, gd: dict, *keys) -> bool:
        if self.lang != "en":
            return True
        for k in keys:
            v = gd.get(k)
            if v and not v[:1].isupper():
                return False
        return True

    def _look(self, lex: str, text):
        return self.g.look(lex, text)

    def _rel(self, gd) -> int | None:
        if "mrel" in gd:
            r = self._look("relative", gd["mrel"])
            return int(r) if r is not None else None
        if "this" in gd:
            return 0
        return None

    def _num(self, gd, key="n") -> int | str | None:
        v = gd.get(key)
        if v is None:
            return None
        v = v.strip()
        if key == "n" and gd.get("mult"):  # «100 ألف عام», «1.5 مليون سنة»: a number of thousands, millions
            k = _MULTIPLIERS.get(norm_key(gd["mult"], self.lang))
            if k is None or not (v.isdigit() or _RX_DECIMAL.fullmatch(v)):
                return None
            x = float(v.replace(",", ".").replace("٫", ".")) * k
            return int(x) if x == int(x) else None
        if v.isdigit():
            return int(v)
        if _RX_DECIMAL.fullmatch(v):  # «1.2 عام»: P1.2Y
            w, f = _RX_DECIMAL.fullmatch(v).groups()
            return int(w) if int(f) == 0 else f"{int(w)}.{f.rstrip('0')}"
        r = self._look("numbers", v)
        if r is None and self.lang == "ar" and "و" in v:
            # «أربع وعشرين», «ثلاثة وسبعين»: units and tens
            parts = _RX_AND.split(v)
            if len(parts) == 2:
                # «الأربع والعشرين», «الواحد والعشرين»: the article on both parts
                a, b = (self._look("numbers", x) if self._look("numbers", x) is not None or not x.startswith("ال")
                        else self._look("numbers", x[2:]) for x in (p.strip() for p in parts))
                if a not in (None, "X") and b not in (None, "X") and 0 < int(a) < 10 and int(b) % 10 == 0 and 20 <= int(b) <= 90:
                    return int(a) + int(b)
            return None
        if r is None:
            return None
        return r if r == "X" else int(r)

    def _unit(self, word: str | None) -> str | None:
        if word is None:
            return None
        u = self._look("units", word)
        if u is None:
            u = self._look("units", _RX_ART.sub("", norm_key(word, self.lang))) if self.lang == "ar" else None
        if u is None and self.lang == "en":
            w = norm_key(word, "en")
            u = self._look("units", w[:-1] if w.endswith("s") else w)
        return u

    def _part(self, gd) -> str | None:
        return self._look("parts", gd.get("part")) if "part" in gd else None

    def _tod(self, gd) -> str | None:
        t = self._look("times_of_day", gd.get("tod")) if "tod" in gd else None
        return t if t in TOD_CODES else None

    # -------------------------------------------------------------- normalisers

    def _date(self, gd):
        month = None
        if "m" in gd:
            if not self._upper_ok(gd, "m", "wd"):
                return None
            month = self._look("gregorian", gd["m"])
            key = norm_key(gd["m"], self.lang)
            if self.p.opts.get("ambiguous") is False and key in self.g.ambiguous_months and "m2" not in gd:
                return None
            if key in self.g.ambiguous_months and self.lang == "en" and not ("d" in gd or "y" in gd) \
                    and self.p.opts.get("ambiguous") is False:
                return None
        elif "mn" in gd:
            month = int(gd["mn"])
        if month is None:
            return None
        month = int(month)
        if "m2" in gd and self._look("gregorian", gd["m2"]) not in (None, month, str(month)):
            if int(self._look("gregorian", gd["m2"])) != month:
                return None  # «أبريل مايو»: two months, not one month's two names
        # «شارع 7 نوفمبر»: a street, not a date (unless the day names a known event: «ثورة 25 يناير»)
        rejected = "y" not in gd and self._prev_word(self.span[0]) in self._reject_before_date
        if self.lang == "ar" and "m" in gd and "y" not in gd and "d" not in gd and "od" not in gd:
            a, b = self.to_doc(*self.m.span("m"))
            if self.doc_text[a:b] == "إب":
                return None  # «وفي إب، ومع احتدام المعارك»: Ibb (Yemen), folded like «آب» (August)
        day = None
        if "d" in gd:
            day = int(gd["d"])
        elif "od" in gd:
            day = int(self._look("ordinal_days", gd["od"]))
        elif self.p.opts.get("day"):
            day = int(self.p.opts["day"])
        if rejected and (self._event_year(month, day, self.span[0]) is None or {"yrel", "yprev", "mrel"} & set(gd)):
            self._name_end = self.m.end()
            return None
        if self.p.opts.get("generic") and day is not None:
            # «ما بين 23 يوليو و29 أغسطس من كل عام»: a day of every year, no year of its own
            men = self._mk("DATE", f"XXXX-{month:02d}-{day:02d}", "publication")
            men.month, men.day, men.explicit_day = month, day, True
            return men
        wd = int(self._look("weekdays", gd["wd"])) if "wd" in gd else None
        pub = self.pub
        s, e = self.span
        # the tense matters only where the year is not said
        future = False if ("y" in gd or "yrel" in gd or "yprev" in gd or "mrel" in gd or pub is None) else self._future(s, e)
        basis = "absolute"
        year = None
        year_explicit = False
        rel = None
        inferred = False
        after = self._after_cue(s) if self.g.after_re is not None else ""
        ev = self._event_year(month, day, s) if not ({"y", "yrel", "yprev", "mrel"} & set(gd)) else None
        if ev is not None:  # «هجمات 11 سبتمبر»: the year of the event the date names
            year, basis = ev, "context"
        elif "y" in gd:
            year, year_explicit = int(gd["y"]), True
        elif "yrel" in gd:
            r = self._look("relative", gd["yrel"])
            if r is None:
                return None
            basis = "publication"
            year = pub.year + int(r) if pub else None
        elif "yprev" in gd:  # «يناير من العام السابق» (Arabic): as «من العام الماضي»
            basis = "publication"
            year = pub.year - 1 if pub else None
        elif "mrel" in gd:
            rel = self._look("relative", gd["mrel"])
            if rel is None:
                return None
            rel = int(rel)
            basis = "publication"
            if pub:
                if day is not None and rel != 0:
                    # «22 أكتوبر الماضي» a week after 22 October: this year's
                    this = _safe_date(pub.year, month, day)
                    if this is None:
                        return None
                    if rel < 0:
                        year = pub.year if this < pub else pub.year - 1
                    else:
                        year = pub.year if this > pub else pub.year + 1
                elif rel < 0:
                    year = pub.year if month < pub.month else pub.year - 1
                elif rel > 0:
                    year = pub.year if month > pub.month else pub.year + 1
                else:
                    year = pub.year
        else:
            # no year: the most recent past one in a past-tense clause (or after an
            # ordering cue: "since June", «بعد اندلاع الحرب ... 7 أكتوبر»), the next
            # one when the clause announces an event, else the nearest one
            basis = "inferred"
            inferred = True
            if pub:
                noun = self._noun_side(e) if self.p.opts.get("modifier") else (1 if self.p.opts.get("ahead") else 0)
                ps = s
                if self.p.opts.get("modifier"):
                    # "a crowded June primary": the adjective before the month is no past cue
                    adj = _RX_ADJ_BEFORE.search(self.text, max(0, s - 40), s)
                    if adj is not None and adj.group(1).lower() not in ("the", "a", "an", "his", "her", "its",
                                                                        "their", "our"):
                        ps = adj.start(1)
                # "remain in Miami until March 6" (English): an ordering cue earlier in the clause
                # ("after rejecting a court order that ...") does not reach a time limit
                limit = self.lang == "en" and not after and self._prev_word(s) in ("until", "till")
                ahead = False
                if noun < 0 or self._past(ps) or (not future and (after or (not limit and self._after_cue_far(s))
                                                                  or self._past_after(s, e))) \
                        or (future and self.lang == "en" and self._past_after(s, e)):
                    side = -1
                else:
                    # a day set as a time limit with no past event in its sentence ("have until
                    # June 15 to pass a budget", "by Jan. 14, officials said") is coming, or just
                    # passed ("By September, ... tensions escalated": a month alone is left as it was)
                    ahead = self.lang == "en" and day is not None and not future \
                        and _RX_EN_LIMIT.search(self.text, max(0, s - 40), s) is not None and self._en_ahead(s)
                    side = 1 if (future or noun > 0 or ahead) else 0
                # an event set ahead with no future cue ("a March primary" written in April) is
                # still the one just held when its month ended less than a month ago
                slack = max(self._future_month_slack, 31) if ((noun > 0 or ahead) and not future) else self._future_month_slack
                year = _nearest_year(pub, month, day, side, self._future_weight, slack)
                if ahead and day is not None:  # a limit a few days past is the one just passed
                    last = _nearest_year(pub, month, day, -1)
                    c = _safe_date(last, month, day) if last is not None else None
                    if c is not None and (pub - c).days <= 31:
                        year = last
                if wd is not None and day is not None and year is not None:
                    year = self._weekday_year(pub, month, day, wd, year)
        men = self._mk("DATE", "", basis, future=future, mod=self._part(gd), after_cue=after)
        men.month, men.day, men.weekday, men.year_explicit, men.mrel = month, day, wd, year_explicit, rel
        if inferred and pub:
            men.side = side
        men.mrel_text = gd.get("mrel", "") or gd.get("yrel", "")
        for key, kind in (("yrel", "year"), ("mrel", "month")):
            if key in gd:
                men.rel_span, men.rel_kind = self.to_doc(*self.m.span(key)), kind
        men.gregorian_pair = "m2" in gd
        men.relative = basis in ("publication", "inferred")
        men.explicit_day, men.inferred = day is not None, inferred
        if year is None:
            men.value = f"XXXX-{month:02d}" + (f"-{day:02d}" if day else "")
            men.gran = "D" if day else "M"
            return men
        men.year = year
        if day:
            d = _safe_date(year, month, day)
            if d is None:
                return None
            men.value, men.gran, men.lo, men.hi = d.isoformat(), "D", d, d
        else:
            men.value, men.gran = f"{year:04d}-{month:02d}", "M"
            men.lo, men.hi = _month_range(year, month)
        return men

    def _event_year(self, month: int, day: int | None, s: int) -> int | None:
        """The year of a day and month that names a known event after one of its nouns (lexicon
        `event_dates`: «هجمات 11 سبتمبر» 2001), or of a month alone that names it («ثورة فبراير»:
        the revolution of 17 February 2011), None otherwise."""
        if self.lang != "ar":
            return None
        for m, d, y, before in self._events:
            if m == month and (d == day or day is None) and self._prev_word(s) in before:
                return y
        return None

    def _weekday_year(self, pub: _dt.date, month: int, day: int, wd: int, year: int) -> int:
        """The year of a day and month written with a weekday and no year (Arabic): a weekday
        is written with a near date, so one within _WEEKDAY_NEAR_DAYS of publication takes
        that year whatever the tense («ويختتم ... يوم الجمعة (17 يوليو تموز)» four days
        after it; the weekday check then tells a wrong weekday), a farther one the nearest
        year it falls on; `year` (the tense's) when none fits."""
        near = _nearest_year(pub, month, day, 0)
        c = _safe_date(near, month, day) if near is not None else None
        if c is not None and abs((c - pub).days) <= _WEEKDAY_NEAR_DAYS:
            return near
        fits = [y for y in (pub.year - 1, pub.year, pub.year + 1)
                if (c := _safe_date(y, month, day)) is not None and c.isoweekday() == wd]
        if not fits:
            return year
        return min(fits, key=lambda y: abs((_safe_date(y, month, day) - pub).days))

    def _day_of_month(self, gd):
        """«21 من الشهر الجاري», «الأربعاء 14 من الشهر نفسه», «الثامن من الشهر نفسه»."""
        day = int(gd["d"]) if "d" in gd else int(self._look("ordinal_days", gd["od"]))
        wd = int(self._look("weekdays", gd["wd"])) if "wd" in gd else None
        men = self._mk("DATE", "", "publication")
        men.weekday, men.explicit_day, men.day = wd, True, day
        if "ctx" in gd:
            n = 0 if gd["ctx"] == "" else self._look("context_relative", gd["ctx"])  # «21 من نفس الشهر»
            anchor = self._anchor("M")
            if n is None or anchor is None:
                men.value, men.gran = f"XXXX-XX-{day:02d}", "D"
                return men
            men.basis = "context"
            base = anchor.lo
            y, m = _month_add(base.year, base.month, int(n))
        else:
            rel = self._rel(gd) if "mrel" in gd else 0
            if rel is None:
                return None
            men.relative = True
            if self.pub is None:
                men.value, men.gran = f"XXXX-XX-{day:02d}", "D"
                return men
            y, m = _month_add(self.pub.year, self.pub.month, rel)
        d = _safe_date(y, m, day)
        if d is None:
            return None
        men.value, men.gran, men.lo, men.hi = d.isoformat(), "D", d, d
        men.year, men.month = y, m
        return men

    def _hijri(self, gd):
        hm = int(gd["hmn"]) if "hmn" in gd else int(self._look("hijri", gd["hm"]))
        hd = int(gd["d"]) if "d" in gd else int(self._look("ordinal_days", gd["od"]))
        hy = int(gd["hy"]) if "hy" in gd else None
        wd = int(self._look("weekdays", gd["wd"])) if "wd" in gd else None
        men = self._mk("DATE", "", "absolute" if hy else "publication")
        men.hijri, men.weekday = (hy, hm, hd), wd
        men.explicit_day = True
        g = hijri_to_gregorian(hy, hm, hd) if hy else None
        rel = self._rel(gd) if "mrel" in gd else None
        if g is None and hy is None and self.pub is not None and rel is not None:
            # «10 صفر الماضي»: the last such day before publication; «المقبل»: the next one
            g = hijri_rel(self.pub, hm, hd, rel)
            men.relative, men.mrel = True, rel
        elif g is None and hy is None and self.pub is not None:
            g = hijri_near(self.pub, hm, hd)
            men.relative = True
        if g is None:
            men.value = "XXXX-XX-XX"
            men.gran = "D"
            return men
        men.value, men.gran, men.lo, men.hi = g.isoformat(), "D", g, g
        men.year, men.month, men.day = g.year, g.month, g.day
        men.year_explicit = hy is not None
        return men

    def _weekday_rejected(self, name: str, s: int, e: int) -> bool:
        rej = self.g.weekday_reject.get(norm_key(name, self.lang))
        if not rej:
            return False
        if rej["before"]:
            prev = _RX_CONJ.sub("", self._prev_word(s))
            # «لصلاة الجمعة», «بين الاثنين»: the word before, with or without ب ل ك
            if prev in rej["before"] or (len(prev) > 3 and prev[0] in "بلك" and prev[1:] in rej["before"]):
                return True
        if rej["after"] and self._next_word(e) in rej["after"]:
            return True
        return False

    def _weekday(self, gd):
        if not self._upper_ok(gd, "wd"):
            return None
        wd = int(self._look("weekdays", gd["wd"]))
        s, e = self.span
        if "mrel" not in gd and "tod" not in gd and self._weekday_rejected(gd["wd"], self.m.start("wd"), e):
            return None
        if self.lang == "en" and norm_key(gd["wd"], "en") in self.g.lists.get("weekday_abbrev", []):
            return None
        rel = self._rel(gd)
        if "mrel" in gd and rel is None:
            return None
        tod = self._tod(gd)
        if "clk" in gd:  # "noon Saturday", "midnight Friday" (English)
            # midnight closes its day ("by midnight Tuesday"), except just after it
            tod = "12:00" if gd["clk"].lower() == "noon" else ("00:00" if self._prev_word(s) == "after" else "24:00")
        future = self._weekday_future(s, e) if rel is None and self.pub is not None else False
        if rel is None and not future and self.pub is not None and self.lang == "ar" and self._weekday_repeats_coming(wd) \
                and not (self._past(s) or self._past_in_sentence(s)):
            future = True  # «مباراة الأربعاء لا تقبل ...» after «يوم الأربعاء ... التي ستجمع»: the same coming day
        men = self._mk("TIME" if tod else "DATE", "", "publication", future=future)
        men.weekday, men.mrel, men.relative = wd, rel, True
        men.mrel_text = gd.get("mrel", "")
        men.inferred = rel is None
        pub = self.pub
        if pub is None:
            men.value = f"XXXX-WXX-{wd}" + (f"T{tod}" if tod else "")
            men.gran = "D"
            return men
        delta_back = (pub.isoweekday() - wd) % 7
        delta_fwd = (wd - pub.isoweekday()) % 7
        if rel is not None and rel < 0:
            d = pub - _dt.timedelta(days=delta_back or 7)
            if "before" in gd:
                d -= _dt.timedelta(days=7)
        elif rel is not None and rel > 0:
            d = pub + _dt.timedelta(days=delta_fwd or 7)
        elif rel == 0 or future:
            d = pub + _dt.timedelta(days=delta_fwd)
        else:
            d = pub - _dt.timedelta(days=delta_back)
        if self.lang == "en" and rel is None and self.out:
            # "at 8:30 a.m. EST Wednesday": the clock time just before already read this
            # weekday's date (the dot of "a.m." or the colon cut the clause before it)
            last = self.out[-1]
            if last.pattern == "clock" and last.type == "TIME" and 0 <= s - last.work[1] <= 25:
                try:
                    cd = _dt.date.fromisoformat(last.value[:10])
                except ValueError:
                    cd = None
                if cd is not None and cd.isoweekday() == wd and not self.text[last.work[1]:s].strip(" ,").count(" "):
                    d = cd
        men.value = d.isoformat() + (f"T{tod}" if tod else "")
        men.gran, men.lo, men.hi, men.year, men.month, men.day = "D", d, d, d.year, d.month, d.day
        return men

    def _dayrel(self, gd):
        s, e = self.span
        dr = gd.get("dr")
        if self.p.opts.get("days") is not None:
            off = int(self.p.opts["days"])
        else:
            off = self._look("day_relative", dr)
            if off is None:
                return None
            off = int(off)
            key = norm_key(dr, self.lang)
            nxt = self._next_word(e) if "wd" not in gd else ""
            prev = self._prev_word(s)
            lists = self.g.lists
            if self.lang == "ar":
                if key == "اليوم" and "tod" not in gd and "wd" not in gd:
                    # the word after it qualifies it only right after it, no comma between
                    # («من الحصة التدريبية اليوم، التي خصصت ...» is the day)
                    if not _RX_SPACE_WORD.match(self.text, e, min(len(self.text), e + 3)):
                        nxt = ""
                    if prev in lists.get("today_reject_before", ()) or nxt in lists.get("today_reject_after", ()):
                        return None
                    # «لـ"اليوم"», «دار «اليوم»», «(اليوم)»: the word alone in quotes or brackets is
                    # the name of a paper
                    if self._quoted_alone(s, e):
                        return None
                    # «اليوم الوطني», «اليوم الدولي»: an adjective (a nisba) after it
                    if nxt.startswith("ال") and nxt.endswith(("ي", "يه")) and nxt not in ("الجمعه", "الي"):  # not «إلى» (folded «الي»)
                        return None
                if key in ("امس", "الامس") and nxt in lists.get("yesterday_reject_after", ()):
                    return None
                if key == "امس" and s > 0 and self.text[s - 1] == "ل" and "wd" not in gd and "tod" not in gd \
                        and (s < 2 or not self.text[s - 2].isalpha() or self.text[s - 2] in "وف") \
                        and self.doc_text[self.to_doc(s, s + 1)[0]] == "ا":
                    return None  # «ولامس الذهب أدنى مستوى» (touched: the verb, dev 11), not «لأمس»
                if key == "الامس" and "wd" not in gd and "tod" not in gd and self._then(s, e):
                    return self._mk("DATE", "PAST_REF", "publication")
                if key == "الغد" and "wd" not in gd and "tod" not in gd and \
                        _RX_CONJ.sub("", prev) in lists.get("tomorrow_reject_before", ()):
                    return None  # «حزب الغد»: a name
                if key == "غد" and "wd" not in gd and "tod" not in gd and not gd.get("t", "").startswith("يوم"):
                    return None  # «غد أفضل»: a better tomorrow (but «إلى يوم غد»: tomorrow)
                if key == "غدا" and "wd" not in gd and "tod" not in gd:
                    # «غدا» is also the verb "became": only the adverb, written
                    # with tanween, closing its clause (a gloss in brackets or a closing quote too), before
                    # «و» + an imperfect verb («غدا وتتواصل إلى ...») or before a word of `tomorrow_next`,
                    # or after a future cue of its clause («سوف تحسم مسألة مشاركته غدا من
                    # عدمها»: the past verb does not follow «سوف»)
                    a, b = self.to_doc(s, e)
                    raw = self.doc_text[a:b + 2]
                    if "\u064b" not in raw and not _RX_CLAUSE_END.match(self.text[e:e + 3]) \
                            and not _RX_TOMORROW_END.match(self.text, e) \
                            and not (nxt.startswith("و") and _RX_IMPERFECT.match(nxt)) \
                            and nxt not in lists.get("tomorrow_next", ()) \
                            and not (nxt.startswith(tuple(lists.get("tomorrow_next_prefixes", ())) or "\0")
                                     and nxt not in lists.get("tomorrow_not_next", ())) \
                            and not (self.g.future_re is not None
                                     and self.g.future_re.search(self._sentence_before(s, clause=True))):
                        return None
            else:
                if "tod" not in gd and "wd" not in gd:
                    if key == "today" and nxt in lists.get("today_reject_after", ()):
                        return None
                    if key == "today" and self.text[e:e + 2] in ("'s", "’s") \
                            and self._next_word(e + 2) in lists.get("today_nowadays_after", ()):
                        # "in today's world", "today's youth": nowadays, not the day
                        return self._mk("DATE", "PRESENT_REF", "publication")
        wd = int(self._look("weekdays", gd["wd"])) if "wd" in gd else None
        if wd is not None and not self._upper_ok(gd, "wd"):
            return None
        tod = self._tod(gd)
        if self.p.opts.get("tod"):
            tod = self.p.opts["tod"]
        if self.lang == "ar" and norm_key(dr or "", "ar") == "اليوم" and tod is None and wd is None and self._nowadays(s):
            return self._mk("DATE", "PRESENT_REF", "publication")
        men = self._mk("TIME" if tod else "DATE", "", "publication")
        men.weekday, men.relative = wd, True
        if self.pub is None:
            men.value = "XXXX-XX-XX" + (f"T{tod}" if tod else "")
            men.gran = "D"
            return men
        d = self.pub + _dt.timedelta(days=off)
        if wd is not None and d.isoweekday() != wd:
            # «اليوم الجمعة» in copy dated Saturday: the publication date is a day
            # off (a crawl date, a late edition); the weekday the text states wins
            back = (d.isoweekday() - wd) % 7
            d = d - _dt.timedelta(days=back) if back <= 3 else d + _dt.timedelta(days=7 - back)
        men.value = d.isoformat() + (f"T{tod}" if tod else "")
        men.gran, men.lo, men.hi, men.year, men.month, men.day = "D", d, d, d.year, d.month, d.day
        return men

    def _nowadays(self, s: int) -> bool:
        """«اليوم» = nowadays: after a word of `today_present_before` or with a word of
        `still` or `become` among the four words before it in its clause («ما تزال بيننا
        اليوم», «أصبحت سماعات الأذن اليوم»)."""
        lists = self.g.lists
        prev, before = self._prev_word(s), lists.get("today_present_before", ())
        if prev in before or _RX_CONJ.sub("", prev) in before:
            return True
        still = (*lists.get("still", ()), *lists.get("become", ()))  # «أصبحت سماعات الأذن اليوم»
        if any(norm_key(w, self.lang) in still for w in self._sentence_before(s, 60, clause=True).split()[-4:]):
            return True
        # set against «الأمس» (then) in its sentence: «أعداء الأمس واليوم», «الأمة اليوم كما هي بالأمس»,
        # «محمد عساف اليوم، وسامر العيساوي في الأمس القريب» (bare «أمس» is yesterday, a date)
        e = s + len("اليوم")
        if _RX_THEN.search(self._sentence_before(s, 50)) or _RX_THEN.search(self._sentence_after(e, 50)):
            return True
        return self._nominal_now(s, e)

    def _nominal_now(self, s: int, e: int) -> bool:
        """«اليوم» between the subject that opens its clause and a present-tense verb is
        "nowadays" (a statement of how things stand): «فالهند اليوم تحتل المرتبة السابعة»,
        «المفاوض الإيراني اليوم يشعر بأنه ...», «إن الأمة اليوم لم تتماس ...». The subject is
        one definite noun (and an adjective), after «و/ف/إن/لكن» at most; not in the title line,
        not before a verb of a coming event («الهلال اليوم يلتقي ...»: a fixture)."""
        nl = self.text.find("\n")
        if nl < 0 or s < nl:
            return False
        words = _WORDS.findall(self._sentence_before(s, 80, clause=True))
        if words and words[0] in self.g.lists.get("now_particles", ()):
            words = words[1:]
        if not 1 <= len(words) <= 2 or not _RX_DEF_NOUN.match(words[0]):
            return False
        if len(words) == 2 and not (words[1].startswith("ال") or words[1].endswith(("ي", "يه", "يون", "يين"))):
            return False
        after = self.text[e:e + 30].split("\n")[0].split()
        if not after:
            return False
        nxt = after[0]
        if nxt not in self.g.lists.get("now_next", ()) and not _RX_PRESENT_VERB.match(nxt):
            return False
        fr = self.g.future_re
        if fr is not None and fr.match(nxt):
            return False
        stem = nxt[1:]
        return not (stem in self._event_stems or stem[:-2] in self._event_stems)  # «يواجه», «يلتقون»

    def _then(self, s: int, e: int) -> bool:
        """«الأمس» set against «اليوم» in its sentence is "the past" (PAST_REF), as that «اليوم» is
        "nowadays": «أعداء الأمس واليوم», «الأمة اليوم كما هي بالأمس»."""
        return bool(_RX_NOW.search(self._sentence_before(s, 50)) or _RX_NOW.search(self._sentence_after(e, 50)))

    def _year_unit_rejected(self, unit_word: str, s: int) -> bool:
        """«الأمين العام الحالي»: العام after these nouns is the adjective "general"."""
        if self.lang != "ar":
            return False
        if norm_key(unit_word, "ar") not in ("العام", "السنه"):
            return False
        prev = self._prev_word(s)
        if not prev:
            return False
        bare = _RX_PROCL.sub("", prev)
        if bare.startswith("لل"):
            bare = "ا" + bare[1:]
        return bare in self._reject_before_year

    def _period(self, unit: str, base: _dt.date, n: int):
        """(value, gran, lo, hi) of the unit-period `n` units from the one holding base."""
        if unit == "D":
            d = base + _dt.timedelta(days=n)
            return d.isoformat(), "D", d, d
        if unit == "W":
            d = base + _dt.timedelta(weeks=n)
            mon = d - _dt.timedelta(days=d.isoweekday() - 1)
            return _week_value(d), "W", mon, mon + _dt.timedelta(days=6)
        if unit == "M":
            y, m = _month_add(base.year, base.month, n)
            lo, hi = _month_range(y, m)
            return f"{y:04d}-{m:02d}", "M", lo, hi
        if unit == "Q":
            q = (base.month - 1) // 3
            k = base.year * 4 + q + n
            y, q = k // 4, k % 4
            lo = _dt.date(y, 3 * q + 1, 1)
            hi = _month_range(y, 3 * q + 3)[1]
            return f"{y:04d}-Q{q + 1}", "Q", lo, hi
        if unit == "Y":
            y = base.year + n
            return f"{y:04d}", "Y", _dt.date(y, 1, 1), _dt.date(y, 12, 31)
        if unit == "DE":
            dec = base.year // 10 + n
            return f"{dec:03d}", "DE", _dt.date(dec * 10, 1, 1), _dt.date(dec * 10 + 9, 12, 31)
        if unit == "C":
            c = base.year // 100 + n
            return f"{c:02d}", "C", _dt.date(c * 100, 1, 1), _dt.date(c * 100 + 99, 12, 31)
        return None

    def _relunit(self, gd):
        s, e = self.span
        unit = self._unit(gd.get("u"))
        if unit not in ("D", "W", "M", "Q", "Y", "DE", "C"):
            return None
        # with an edge word or «هذا» before the unit the word before the unit is no noun of
        # `year_unit_reject_before` («ويناقش المؤتمر هذا العام»: this year, not "general")
        if self._year_unit_rejected(gd["u"], s if "part" not in gd and "this" not in gd else self.m.start("u")):
            if "part" not in gd:
                return None
        rel = self._rel(gd)
        if rel is None:
            return None
        if "before" in gd:
            rel = -2
        men = self._mk("DATE", "", "publication", mod=self._part(gd))
        men.mrel, men.relative, men.mrel_text = rel, True, gd.get("mrel", "")
        if "mrel" in gd and "before" not in gd:
            men.rel_span, men.rel_kind = self.to_doc(*self.m.span("mrel")), "unit"
        if self.pub is None:
            men.value, men.gran = {"W": "XXXX-WXX", "M": "XXXX-XX", "Q": "XXXX-QX"}.get(unit, "XXXX"), unit
            return men
        men.value, men.gran, men.lo, men.hi = self._period(unit, self.pub, rel)
        return men

    def _relunit_year(self, gd):
        """«العام المقبل 2019», «العام الماضي (2014)»: one expression when the year is
        the one the relative word says; otherwise not this expression."""
        rel = self._rel(gd)
        if rel is None or self.pub is None or self._year_unit_rejected("العام", self.span[0]):
            return None
        y = int(gd["y"])
        if y != self.pub.year + rel:
            return None
        men = self._mk("DATE", f"{y:04d}", "absolute")
        men.gran, men.year, men.year_explicit = "Y", y, True
        men.lo, men.hi = _dt.date(y, 1, 1), _dt.date(y, 12, 31)
        return men

    def _per_unit(self, gd):
        """«400 ألف برميل في اليوم», «مرة واحدة في السنة»: a rate, SET P1<unit>; a number
        or a word of the `per_unit_before` list within the four words before, or (Arabic) a
        number within the three words after («يجمعان في اليوم حوالي 30»), same clause; not right
        after a word of `per_unit_reject_before` (a speed: «250 كيلومترا في الساعة»)."""
        unit = self._unit(gd.get("u"))
        if unit not in ("D", "W", "M", "Y", "H"):
            return None
        before = self._sentence_before(self.span[0], 60, clause=True).split()[-4:]
        # or a number within the three words after («يجمعان في اليوم حوالي 30 ...»)
        after = self._sentence_after(self.span[1], 40, clause=True).split()[:3] if self.lang == "ar" else []
        ok = self.g.lists.get("per_unit_before", ())
        if not any(any(c.isdigit() for c in w) or norm_key(w, self.lang) in ok for w in before) and \
                not any(any(c.isdigit() for c in w) for w in after):
            return None
        if before and norm_key(before[-1], self.lang) in self.g.lists.get("per_unit_reject_before", ()):
            return None  # «250 كيلومترا في الساعة»: a speed, not a rate of events
        return self._mk("SET", "PT1H" if unit == "H" else f"P1{unit}", "absolute")

    def _tod_adverb(self, gd):
        """«ليلا», «مساء»: TIME, the part of the day on the day the text last spoke of
        (within reach), else unknown, like a clock time without a day of its own."""
        key = norm_key(gd["tod"], self.lang)
        code = self._look("times_of_day", key[:-1] if key.endswith("ا") else key)
        if code not in TOD_CODES:
            return None
        anchor = self._anchor("D")
        if anchor is not None and anchor.gran == "D" and self.span[0] - anchor.work[1] < self._time_reach:
            base, basis = anchor.lo.isoformat(), "context"
        else:
            base, basis = "XXXX-XX-XX", "publication"
        men = self._mk("TIME", f"{base}T{code}", basis)
        men.day_from = "context" if basis == "context" else "unknown"
        return men

    def _once(self, gd):
        """«يوما» = once (PAST_REF) or some day (FUTURE_REF, in a clause that announces
        or after «قد»/«لعل», or followed by «ما»)."""
        s, e = self.span
        prev = self._prev_word(s)
        if not prev or prev[-1:].isdigit() or self._look("numbers", prev) is not None or \
                self._look("numbers", _RX_ART.sub("", prev)) is not None or prev in self._transparent:
            return None  # «عشرين يوما», «نحو يوما»: a count
        before = self._sentence_before(s, 60, clause=True).split()[-3:]
        fut = self._future(s, e) or self._next_word(e) == "ما" or \
            any(norm_key(w, self.lang) in ("قد", "لعل", "ربما") for w in before)
        return self._mk("DATE", "FUTURE_REF" if fut else "PAST_REF", "publication")

    def _age(self, gd):
        """«الـ 70 من العمر», «الثمانين من عمره», «ابن الـ22 ربيعا»: an age, DURATION in years."""
        if "ao" in gd:  # «في الثالثة من عمره», «الخامسة والسبعين من عمره»
            a = self._look("age_ordinals", gd["ao"])
            t = self._look("numbers", gd["at"]) if "at" in gd else 0
            if a is None or t in (None, "X") or (t and not (int(a) < 10 and int(t) % 10 == 0 and int(t) >= 20)):
                return None
            return self._mk("DURATION", f"P{int(a) + int(t)}Y", "absolute")
        k = self._num(gd)
        if not isinstance(k, int) or not (1 <= k <= 130):
            return None
        s = self.span[0]
        if self.text[s - 1:s] == "و":
            return None  # «الثانية والستين من العمر»: the tens of a compound number
        prev = self._prev_word(s)
        if k == 10 and (prev.endswith("ه") or prev in self.g.lists.get("ordinal_teens", ())):
            return None  # «الخامسة عشرة من عمره»: a teen, not ten
        return self._mk("DURATION", f"P{k}Y", "absolute")

    def _week_of_month(self, gd):
        """«الأسبوع الأول من مايو», «الأسبوع الأخير من شهر أوت المنقضي»: the ISO week that holds most of a
        week of the month (days 1-7, 8-14, 15-21, 22-28, or its last seven; GUIDELINES §6), from the
        month the grammar reads as usual."""
        k = None if "wklast" in gd else int(self._look("ordinal_days", gd["wk"]) or 0)
        if k is not None and not 1 <= k <= 4:
            return None
        men = self._date(gd)
        if men is None or men.gran != "M" or men.lo is None:
            return None
        first, last = _month_range(men.lo.year, men.lo.month)
        mid = last - _dt.timedelta(days=3) if k is None else first + _dt.timedelta(days=3 + 7 * (k - 1))
        men.value, men.gran = _week_value(mid), "W"
        men.lo = mid - _dt.timedelta(days=mid.isoweekday() - 1)
        men.hi = men.lo + _dt.timedelta(days=6)
        return men

    def _weekend(self, gd):
        rel = self._rel(gd)
        if rel is None and self.p.opts.get("needs_rel_or_holiday") and not _RX_WEEKEND.match(gd["t"]):
            return None
        men = self._mk("DATE", "", "publication")
        men.relative = True
        if self.pub is None:
            men.value, men.gran = "XXXX-WXX-WE", "W"
            return men
        pub = self.pub
        if rel is None:
            # "the weekend" from Friday on is the one at hand, earlier in the week the last one
            rel = 0 if self._future(*self.span) or pub.isoweekday() >= 5 else -1
        d = pub + _dt.timedelta(weeks=rel)
        sat = d + _dt.timedelta(days=6 - d.isoweekday())
        men.value, men.gran, men.lo, men.hi = _week_value(d) + "-WE", "W", sat, sat + _dt.timedelta(days=1)
        return men

    def _anchor(self, gran_needed: str, not_offsets: bool = False):
        """The latest date before the expression of fine enough granularity
        (not_offsets: leaving out "a year earlier"-like expressions, so that
        one offset is not counted from another)."""
        order = {"D": 0, "W": 1, "M": 2, "Q": 3, "SE": 3, "Y": 4, "DE": 5, "C": 6}
        need = order.get(gran_needed, 0)
        for men in reversed(self.out):
            if men.lo is None or men.type not in ("DATE", "TIME") or men.gran is None:
                continue
            if not_offsets and men.pattern == self.p.name:
                continue
            if men.work[1] > self.span[0]:
                continue
            if order.get(men.gran, 9) <= need:
                return men
        return None

    def _anchored(self, gd):
        s, e = self.span
        unit = self._unit(gd.get("u")) or ("D" if norm_key(gd.get("u", ""), self.lang) in ("الليله", "night") else None)
        if unit is None:
            return None
        if self._year_unit_rejected(gd["u"], s):
            return None
        n = 0 if gd.get("ctx") == "" else self._look("context_relative", gd.get("ctx"))  # «نفس اليوم»
        if n is None:
            return None
        n = int(n)
        if "n" in gd or "dual" in gd:  # "two days later"
            k = self._num(gd) if "n" in gd else 2
            if not isinstance(k, int):
                return None
            n *= k
        anchor = self._anchor(unit)
        if anchor is None and self.p.opts.get("that"):
            return None  # "that day" with no day named before it
        men = self._mk("DATE", "", "context")
        if unit in ("M", "D") and ("y" in gd or "yrel" in gd):
            # «الشهر ذاته من عام 2017» (Arabic): the month the text spoke of, in the year given;
            # «نفس اليوم من عام 1931»: the day of the month the text spoke of, in that year
            rel = self._look("relative", gd["yrel"]) if "yrel" in gd else None
            if "yrel" in gd and (rel is None or self.pub is None):
                return None
            year = int(gd["y"]) if "y" in gd else self.pub.year + int(rel)
            if anchor is None:
                men.value, men.gran = f"{year:04d}-XX" + ("-XX" if unit == "D" else ""), "Y"
                return men
            if unit == "D":
                d = _safe_date(year, anchor.lo.month, anchor.lo.day)
                if d is None:
                    return None
                men.value, men.gran, men.lo, men.hi = d.isoformat(), "D", d, d
                men.year, men.month, men.day = d.year, d.month, d.day
                return men
            month = anchor.lo.month
            men.value, men.gran = f"{year:04d}-{month:02d}", "M"
            men.lo, men.hi = _month_range(year, month)
            men.year, men.month = year, month
            return men
        if anchor is None:
            if n == 0 or self.pub is None or self.lang == "ar":
                # «اليوم التالي» with no day before it to follow: unknown (GUIDELINES.md §5)
                men.value, men.gran = "XXXX", unit
                if self.lang == "ar":
                    men.value = {"D": "XXXX-XX-XX", "W": "XXXX-WXX", "M": "XXXX-XX"}.get(unit, "XXXX")
                return men
            men.basis, men.relative = "publication", True
            men.value, men.gran, men.lo, men.hi = self._period(unit, self.pub, n)
            return men
        base = anchor.lo
        men.value, men.gran, men.lo, men.hi = self._period(unit, base, n)
        if unit == "Y" and anchor.gran in ("Q", "M", "D") and self.lang == "en" and "n" in gd:
            # "a year earlier" next to a quarter: the year-ago quarter ("the following year" after
            # "On May 22, 1995" is 1996: TBAQ)
            v = self._period(anchor.gran if anchor.gran != "D" else "D", _shift_years(base, n) or base, 0)
            men.value, men.gran, men.lo, men.hi = v
        return men

    def _offset(self, gd):
        """n units ago / earlier / later (English)."""
        s, e = self.span
        unit = self._unit(gd.get("u"))
        if unit is None:
            return None
        k = self._num(gd) if "n" in gd else 1
        if k is None:
            return None
        direction = self._look("ago", gd.get("ago"))
        if direction is None:
            return None
        direction = str(direction)
        sign = -1 if direction in ("ago", "earlier", "before") else 1
        if direction in ("before", "later"):
            # TimeML: "three days later", "two months after the vote" are durations,
            # the word after them a signal (not in the extent); a bare "day before"
            # is not an expression
            if "n" not in gd:
                if self._prev_word(s) != "the":
                    return None
                # "the day after his death": a date, from the one the text last spoke of
            else:
                value = self._half_value(k, unit) if "half" in gd and isinstance(k, int) else _dur_value(k, unit)
                if value is None:
                    return None
                e = self.m.end("half") if "half" in gd and self.m.end("half") > self.m.end("u") else self.m.end("u")
                return self._mk("DURATION", value, "absolute", e=e, mod="APPROX" if "ap" in gd else None)
        if k == "X":
            men = self._mk("DATE", "PAST_REF" if sign < 0 else "FUTURE_REF", "publication")
            return men
        if unit in ("H", "MIN", "S"):
            men = self._mk("DURATION", _dur_value(k, unit), "absolute")
            return men
        half = "half" in gd  # "two and a half years ago": the half moves the date, not its granularity
        gran_unit = {"DE": "Y", "C": "Y"}.get(unit, unit)
        mult = {"DE": 10, "C": 100}.get(unit, 1)
        if direction in ("ago", "from now"):
            base_men = None
            if unit == "Y" and self.lang == "en":
                a = self._anchor("Q")
                if a is not None and a.gran == "Q" and (self.span[0] - a.work[1]) < 200:
                    base_men = a
            men = self._mk("DATE", "", "publication")
            men.relative = True
            if base_men is not None:
                men.basis = "context"
                base = _shift_years(base_men.lo, sign * k) or base_men.lo
                men.value, men.gran, men.lo, men.hi = self._period("Q", base, 0)
                return men
            if self.pub is None:
                men.value, men.gran = "XXXX", gran_unit
                return men
            base = self._half_shift(self.pub, unit, sign) if half else self.pub
            men.value, men.gran, men.lo, men.hi = self._shifted(base, gran_unit, sign * k * mult)
            return men
        anchor = self._anchor(gran_unit if gran_unit != "W" else "D", not_offsets=True)
        men = self._mk("DATE", "", "context")
        if anchor is None:
            if self.pub is None:
                men.value, men.gran = "XXXX", gran_unit
                return men
            men.basis, men.relative = "publication", True
            anchor_lo, agran = self.pub, "D"
        else:
            anchor_lo, agran = anchor.lo, anchor.gran
        if half:
            anchor_lo = self._half_shift(anchor_lo, unit, sign)
        if gran_unit == "Y" and agran in ("Q", "M"):
            base = _shift_years(anchor_lo, sign * k * mult) or anchor_lo
            men.value, men.gran, men.lo, men.hi = self._period(agran, base, 0)
        else:
            men.value, men.gran, men.lo, men.hi = self._shifted(anchor_lo, gran_unit, sign * k * mult)
        return men

    def _shifted(self, base: _dt.date, unit: str, n: int):
        if unit == "D":
            return self._period("D", base, n)
        if unit == "W":
            return self._period("W", base, n)
        if unit == "M":
            y, m = _month_add(base.year, base.month, n)
            return self._period("M", _dt.date(y, m, 1), 0)
        if unit == "Q":
            return self._period("Q", base, n)
        if unit == "Y":
            return self._period("Y", base, n)
        return self._period("D", base, 0)

    def _season(self, gd):
        code = self._look("seasons", gd["season"])
        if code is None:
            return None
        start = {"SP": 3, "SU": 6, "FA": 9, "WI": 12}[code]
        men = self._mk("DATE", "", "publication", mod=self._part(gd))
        pub = self.pub
        year = None
        if "y" in gd:
            year, men.basis = int(gd["y"]), "absolute"
        elif "yrel" in gd:
            r = self._look("relative", gd["yrel"])
            if r is None:
                return None
            year = pub.year + int(r) if pub else None
        elif self.p.opts.get("generic"):  # «في فصل الشتاء»: a season in general
            men.basis = "absolute"
        elif self.p.opts.get("bare"):  # "over the summer" (English): the last one, or the coming one ahead
            if pub is None:
                return None
            if self._future(*self.span):
                year = pub.year if pub.month <= start + 2 else pub.year + 1
            elif pub.month >= start:
                year = pub.year
            else:  # not begun yet this year: the coming one, unless "since" or a past event in the clause
                s0 = self.span[0]
                past = self._prev_word(s0) == "since" or self._past(s0) or self._past_in_sentence(s0)
                year = pub.year - 1 if past else pub.year
        elif "that" in gd:  # «ذلك الصيف»: in the year the text spoke of last
            anchor = self._anchor("Y")
            men.basis = "context"
            year = anchor.lo.year if anchor is not None and anchor.lo is not None else None
        else:
            rel = self._rel(gd)
            if rel is None:
                if "this" not in gd:
                    return None
                rel = 0
            men.mrel = rel
            if pub:
                end_m = start + 2
                season_over = pub.month > end_m if code != "WI" else False
                if rel < 0:
                    year = pub.year if season_over else pub.year - 1
                elif rel > 0:
                    year = pub.year if pub.month < start else pub.year + 1
                else:
                    year = pub.year
        men.relative = men.basis == "publication"
        if year is None:
            men.value, men.gran = f"XXXX-{code}", "SE"
            return men
        men.value, men.gran = f"{year:04d}-{code}", "SE"
        men.lo = _dt.date(year, start, 1)
        ey, em = _month_add(year, start, 2)
        men.hi = _month_range(ey, em)[1]
        return men

    def _ago(self, gd):
        unit = self._unit(gd.get("u")) if "u" in gd else self._look("dual_units", gd.get("dual"))
        if unit is None:
            return None
        k = self._num(gd) if "n" in gd else (2 if "dual" in gd else 1)
        if k is None:
            return None
        men = self._mk("DATE", "", "publication")
        men.relative = True
        if k == "X":
            men.value, men.relative = "PAST_REF", False
            return men
        if unit in ("H", "MIN", "S"):
            men.type, men.value, men.basis, men.relative = "DURATION", _dur_value(k, unit), "absolute", False
            return men
        if gd.get("mult") and unit in ("Y", "DE", "C"):
            # «منذ نحو 700 ألف سنة»: before any calendar year, a past reference (dev 13)
            men.value, men.relative = "PAST_REF", False
            return men
        if self.pub is None:
            men.value, men.gran = "XXXX", unit
            return men
        gran_unit = {"DE": "Y", "C": "Y"}.get(unit, unit)
        mult = {"DE": 10, "C": 100}.get(unit, 1)
        men.value, men.gran, men.lo, men.hi = self._shifted(self.pub, gran_unit, -k * mult)
        return men

    def _span(self, gd):
        unit = self._unit(gd.get("u"))
        k = None
        if unit is None:
            unit = self._look("dual_units", gd.get("u"))
            if unit is None and self.lang == "ar":
                unit = self._look("dual_units", _RX_ART.sub("", norm_key(gd.get("u", ""), self.lang)))
            k = 2
        if unit is None:
            return None
        if k is None:
            k = self._num(gd) if "n" in gd else (self._num(gd, "nw") if "nw" in gd else "X")
        if k is None:
            return None
        d = self._look("span_relative", gd.get("srel"))
        if self.p.opts.get("unnumbered_ref") and "n" not in gd and "nw" not in gd and d is not None \
                and not (self.p.opts.get("not_ref") and norm_key(gd["srel"], self.lang) in self.p.opts["not_ref"]):
            # "past years", "coming months" (no number): TimeML reads them as vague references
            return self._mk("DATE", "PAST_REF" if int(d) < 0 else "FUTURE_REF", "publication")
        men = self._mk("DURATION", _dur_value(k, unit), "publication")
        men.mrel = int(d) if d is not None else None
        return men

    def _duration(self, gd):
        if self.lang == "ar" and self._next_word(self.span[1]).startswith("ضوي"):
            return None  # «ألف سنة ضوئية»: light years, a distance
        if self.lang == "ar":
            s0, e0 = self.span
            if s0 >= 2 and self.text[s0 - 1] in ":." and self.text[s0 - 2].isdigit():
                return None  # «ب16:30 ساعة»: the minutes of a clock-like figure, not «30 ساعة»
            if self._quoted_alone(s0, e0) and self._prev_word(s0) in self.g.lists.get("title_nouns", ()):
                return None  # «برنامج "60 دقيقة"»: the title of a programme
            if self._prev_word(s0) in self.g.lists.get("under_age_words", ()) and any(
                    _RX_PROCL.sub("", norm_key(w, self.lang)) in self.g.lists.get("under_age_teams", ())
                    for w in self._sentence_before(s0, 60, clause=True).split()[-5:-1]):
                return None  # «المنتخب الإنجليزي لدون 19 عامًا», «منتخب تحت 21 سنة»: a team's age class, a name
        if self.p.opts.get("vague"):  # "for weeks", "in years"
            # a pattern with no unit word says its unit («في الأربعينيات من العمر»: years)
            unit = self._unit(gd.get("u")) if "u" in gd else self.p.opts.get("unit")
            return self._mk("DURATION", _dur_value("X", unit), "absolute") if unit else None
        if "n" in gd and norm_key(gd["n"], self.lang) in ("a", "an") and self._rate(self.span[0]):
            return None  # "$2 million a year": a rate
        if self.p.opts.get("one"):
            unit = self._unit(gd.get("u"))
            if self.p.opts.get("lone"):
                # «شهرا» alone: not after a number or an approximator (those are other expressions)
                prev = self._prev_word(self.span[0])
                bare = _RX_ART.sub("", _RX_CONJ.sub("", prev))
                if not prev or prev[-1:].isdigit() or self._look("numbers", prev) is not None or \
                        self._look("numbers", bare) is not None or prev in self._transparent:
                    return None
                if prev.endswith("ا") and norm_key(gd["u"], self.lang) == "عاما":
                    return None  # «أمينا عاما», «مديرا عاما»: the adjective "general"
            if unit is None:
                return None
            if gd.get("u2"):  # «عاما وأربعة أشهر»: P1Y4M
                k2 = self._num(gd, "n2")
                if unit != "Y" or not isinstance(k2, int) or not 0 < k2 < 12:
                    return None
                return self._mk("DURATION", f"P1Y{k2}M", "absolute")
            s = self.span[0]
            if self.p.opts.get("back_approx") and self._approx_tail is not None:
                m = self._approx_tail.search(self.text, max(0, s - 30), s)
                if m:
                    t0 = m.start() + (1 if self.text[m.start()] in "وف" and m.group()[1:2] != " " else 0)
                    return self._mk("DURATION", _dur_value(1, unit), "absolute", s=t0, mod="APPROX")
            return self._mk("DURATION", _dur_value(1, unit), "absolute", mod="APPROX" if "ap" in gd else None)
        if "dual" in gd:
            unit, k = self._look("dual_units", gd["dual"]), 2
        else:
            unit = self._unit(gd.get("u"))
            k = self._num(gd) if "n" in gd else (1 if "half" in gd else None)  # «يوم ونصف»
        if unit is None or k is None:
            return None
        if isinstance(k, int) and k > 10000 and not gd.get("mult"):
            return None
        s = self.span[0]
        if "n" in gd and (k == 0 or (s > 1 and self.text[s - 1] in ",." and self.text[s - 2].isdigit())):
            return None  # «2,000 عام»: not «000 عام»
        if "n" in gd and not gd["n"][:1].isdigit() and self._prev_word(s)[-1:].isdigit() \
                and (self.lang != "en" or self.text[max(0, s - 20):s].rstrip()[-1:].isdigit()):
            # «125 ألف عام»: the word multiplies the number before it (in English only with
            # nothing but spaces between: "in 1948, three years after the war", "April 19 –
            # six days after the draft" are durations of their own)
            return None
        if self.lang == "en" and "n" in gd and s > 0 and self.text[s - 1] == "/":
            return None  # "2 1/2 years": not "2 years" out of the fraction
        if _RX_YEAR_NEXT.match(self.text, self.span[1]):
            return None  # «من 1.43 عام 2014»: «عام» names the year after it
        value = _dur_value(k, unit)
        if "u2" in gd and isinstance(k, int):  # «ثلاث ساعات و20 دقيقة» PT3H20M, «عامين وستة أشهر» P2Y6M
            k2 = self._num(gd, "n2")
            if not isinstance(k2, int) or not 0 < k2 < (60 if unit == "H" else 12):
                return None
            value += f"{k2}M"
        if "half" in gd and isinstance(k, int):  # «عامين ونصف» P2Y6M, «ساعتين ونصف» PT2H30M
            value = self._half_value(k, unit)
            if value is None:
                return None
        return self._mk("DURATION", value, "absolute", mod="APPROX" if "ap" in gd else None)

    def _half_value(self, k: int, unit: str) -> str | None:
        """k units and a half: «عامين ونصف» P2Y6M, "two and a half hours" PT2H30M."""
        half = {"Y": "6M", "M": "15D", "D": "T12H", "H": "30M", "MIN": "30S"}.get(unit)
        if half is not None:
            return _dur_value(k, unit) + half
        if self.lang != "en":
            return None
        # "two and a half weeks" P2.5W; decades, centuries and quarters in years and months
        return {"DE": f"P{k * 10 + 5}Y", "C": f"P{k * 100 + 50}Y", "Q": f"P{k * 3 + 1}M15D",
                "S": f"PT{k}.5S"}.get(unit, f"P{k}.5{unit}")

    def _half_shift(self, d: _dt.date, unit: str, sign: int) -> _dt.date:
        """d moved by half a unit ("two and a half years ago": the half first)."""
        months = {"Y": 6, "DE": 60, "C": 600}.get(unit)
        if months:
            y, m = _month_add(d.year, d.month, sign * months)
            return _safe_date(y, m, min(d.day, 28)) or d
        days = {"Q": 45, "M": 15, "W": 4}.get(unit, 0)
        return d + _dt.timedelta(days=sign * days)

    def _rate(self, s: int) -> bool:
        """A number or a quantity word just before s ("358,000 a month")."""
        m = _PREV_WORD.search(self.text, max(0, s - 40), s)
        if m is None:
            return False
        w = m.group(1)
        return w[-1:].isdigit() or self.text[m.end(1):s].strip() == "%" or \
            norm_key(w, self.lang) in self.g.lists.get("rate_before", ())

    def _this_year(self, gd):
        """"for the year", "the full year", "year's end": the publication year;
        "the year ended March 31": a year's duration."""
        if self.p.opts.get("lowercase") and "Year" in gd["t"]:
            return None  # "Player of the Year": a title
        if "ended" in gd:
            return self._mk("DURATION", "P1Y", "absolute", e=self.m.start("ended"))
        men = self._mk("DATE", "", "publication", mod=self._part(gd))
        men.relative = True
        if self.pub is None:
            men.value, men.gran = "XXXX", "Y"
            return men
        men.value, men.gran, men.lo, men.hi = self._period("Y", self.pub, 0)
        return men

    def _spoken_year(self, gd):
        """"nineteen ninety-one", "the year two thousand" (broadcast transcripts)."""
        if "k" in gd:
            y = 2000
        else:
            c = self._look("spoken_centuries", gd.get("c"))
            n = self._num(gd)
            if c is None or not isinstance(n, int):
                return None
            y = int(c) * 100 + n
        if "n2" in gd:
            n2 = self._num(gd, "n2")
            if not isinstance(n2, int) or (y % 10):
                return None
            y += n2
        men = self._mk("DATE", f"{y:04d}", "absolute")
        men.gran, men.year, men.year_explicit = "Y", y, True
        men.lo, men.hi = _dt.date(y, 1, 1), _dt.date(y, 12, 31)
        return men

    def _year(self, gd):
        out = []
        y = int(gd["y"])
        if not (1000 <= y <= (2199 if self.p.name == "year_word" else 2099)):
            return None  # «بحلول عام 2135»: a year word makes a year past 2099 plain
        if "y2" in gd and self.p.name == "years_pair_range" and not (0 < int(gd["y2"]) - y <= 30):
            return None  # «بين 1500 و2000»: counts, not a range of years
        if self.p.opts.get("after_year"):
            prev = self.out[-1] if self.out else None
            if prev is None or prev.gran != "Y" or prev.value[:1] not in "12" or self.span[0] - prev.work[1] > 8:
                return None
        names = self.g.lists.get("year_name_before")
        if names and self.lang == "ar" and (self.text[self.span[0] - 1:self.span[0]] == "ل" or gd["t"][:1].isdigit()):
            before = self._sentence_before(self.span[0], 40, clause=True).split()[-3:]
            hit = [w for w in before if _RX_PROCL.sub("", norm_key(w, self.lang)) in names or norm_key(w, self.lang) in names]
            seasons = self.g.lists.get("season_year_nouns", ())
            if hit and not (self.p.name == "years_pair_range" and int(gd["y2"]) == y + 1 and all(
                    _RX_PROCL.sub("", norm_key(w, self.lang)) in seasons or norm_key(w, self.lang) in seasons for w in hit)):
                return None  # «كأس أوروبا لعام 2024»: part of a name (not the two years of «موسم 2015 - 2016»)
        men = self._mk("DATE", f"{y:04d}", "absolute", mod=self._part(gd))
        if "season" in gd:
            code = self._look("seasons", gd["season"])
            if code:
                men.value = f"{y:04d}-{code}"
        men.gran, men.year, men.year_explicit = "Y", y, True
        men.lo, men.hi = _dt.date(y, 1, 1), _dt.date(y, 12, 31)
        if gd.get("half"):  # "the last half of 1989": TimeML 1989-H2
            h = 1 if norm_key(gd["half"], self.lang) in ("first", "early") else 2
            men.value = f"{y:04d}-H{h}"
            men.lo, men.hi = _dt.date(y, 6 * h - 5, 1), _month_range(y, 6 * h)[1]
        if "y2" in gd and self.p.name.startswith("years_pair"):
            a, b = self.m.span("y")
            c, d = self.m.span("y2")
            men = self._mk("DATE", f"{y:04d}", "absolute", s=self.span[0], e=b)
            men.gran, men.year, men.year_explicit = "Y", y, True
            men.lo, men.hi = _dt.date(y, 1, 1), _dt.date(y, 12, 31)
            y2 = int(gd["y2"])
            m2 = self._mk("DATE", f"{y2:04d}", "absolute", s=c, e=d)
            m2.gran, m2.year, m2.year_explicit = "Y", y2, True
            m2.lo, m2.hi = _dt.date(y2, 1, 1), _dt.date(y2, 12, 31)
            return [men, m2]
        out.append(men)
        return out

    def _set_weekday(self, gd):
        """«كل يوم جمعة»: every such weekday, SET XXXX-WXX-<ISO weekday>."""
        w = gd["wd"]
        if not self._upper_ok(gd, "wd"):
            return None  # English: "every sunday" is no weekday
        wd = self._look("weekdays", w) or self._look("weekdays", "ال" + w)
        if wd is None:
            return None
        return self._mk("SET", f"XXXX-WXX-{int(wd)}", "absolute")

    def _set_every(self, gd):
        """«كل ثلاثة أيام», «كل يومين»: every N units, a SET with the length as its value."""
        men = self._duration(gd)
        if men is not None:
            men.type = "SET"
        return men

    def _hijri_year(self, gd):
        """«عام 1040 للهجرة», «1426هـ»: the Gregorian year that holds most of the Hijri year
        (the middle of the year on the arithmetical calendar: a year's value does not need
        the day of the moon sighting)."""
        hy = int(gd["hy"])
        if not 1 <= hy <= 1500:
            return None
        a, b = _hijri_jdn(hy, 1, 1), _hijri_jdn(hy + 1, 1, 1)
        y = _dt.date.fromordinal((a + b) // 2 - 1721425).year
        men = self._mk("DATE", f"{y:04d}", "absolute", mod=self._part(gd))
        men.gran, men.year, men.year_explicit = "Y", y, True
        men.lo, men.hi = _dt.date(y, 1, 1), _dt.date(y, 12, 31)
        return men

    def _decade(self, gd):
        if "od" in gd:  # «العقد الأول من القرن العشرين»: the 1900s
            od = int(self._look("ordinal_days", gd["od"]) or 0)
            c = self._look("centuries", gd.get("cent"))
            if not (1 <= od <= 10) or c is None:
                return None
            y0 = int(c) * 100 + (od - 1) * 10
            men = self._mk("DATE", f"{y0 // 10:03d}", "absolute")
            men.gran, men.lo, men.hi = "DE", _dt.date(y0, 1, 1), _dt.date(y0 + 9, 12, 31)
            return men
        dec = self._look("decades", gd["dec"])
        if dec is None:
            return None
        dec = int(dec)
        if "cent" in gd:
            cent = int(self._look("centuries", gd["cent"]))
        elif "y" in gd:
            cent = int(gd["y"][:2])
        else:
            cent = 20 if self.pub and 2000 + dec * 10 <= self.pub.year else 19
        y0 = cent * 100 + dec * 10
        men = self._mk("DATE", f"{y0 // 10:03d}", "absolute", mod=self._part(gd))
        men.gran, men.lo, men.hi = "DE", _dt.date(y0, 1, 1), _dt.date(y0 + 9, 12, 31)
        return men

    def _century(self, gd):
        # «القرن الـ19»: the 19th century, TIMEX "18" (as «القرن التاسع عشر»)
        c = int(gd["centn"]) - 1 if "centn" in gd else self._look("centuries", gd["cent"])
        if c is None:
            return None
        c = int(c)
        men = self._mk("DATE", f"{c:02d}", "absolute", mod=self._part(gd))
        men.gran, men.lo, men.hi = "C", _dt.date(c * 100, 1, 1), _dt.date(c * 100 + 99, 12, 31)
        return men

    def _time(self, gd):
        if "hw" in gd:  # «الساعة الثامنة صباحا», «التاسعة والنصف»
            hh = self._look("hour_words", gd["hw"])
            if hh is None:
                return None
            hh = int(hh)
            frac = norm_key(gd.get("frac", ""), self.lang)
            gd = dict(gd, mi=str(self._look("hour_fractions", frac) or 0) if frac else "0")
            if "minw" in gd:  # «العاشرة وعشرين دقيقة»
                mw = gd["minw"]
                mi = int(mw) if mw.isdigit() else self._look("numbers", mw)
                if mi is None or not str(mi).isdigit() or not 0 < int(mi) < 60:
                    return None
                gd["mi"] = str(mi)
            gd["hh"] = str(hh)
        hh = int(gd["hh"])
        mi = int(gd.get("mi") or 0)
        ap = norm_key(gd.get("ampm", ""), self.lang)
        # an hour of the night after midnight («الساعة الواحدة ليلا», «الثانية من ليلة البارحة»,
        # «الثانية عشرة ليلا»): a small hour of the next day, not the afternoon
        small_hours = self.lang == "ar" and "ليل" in ap and (hh < 6 or hh == 12)
        if small_hours:
            hh = 0 if hh == 12 else hh
        elif ap and _RX_PM.search(ap) and hh < 12:
            hh += 12
        if ap and _RX_AM.search(ap) and hh == 12:
            hh = 0
        if not ap and self.lang == "ar" and 1 <= hh < 12 and \
                _RX_PM_BEFORE.search(self.text, max(0, self.span[0] - 60), self.span[0]):
            hh += 12
        if hh > 23:
            return None
        anchor = self._anchor("D")
        day = self._time_day(gd)
        same = self._same_night_day(ap) if day is None else None
        if day is not None:
            base, basis = day.isoformat(), "publication"
        elif same is not None:
            base, basis = same, "context"
        elif self.p.opts.get("dateline") and self.pub is not None:
            # the SPA trailer «13:37 ت م»: the dateline's day, whatever date the item spoke of last
            base, basis = self.pub.isoformat(), "publication"
        elif anchor is not None and anchor.gran == "D" and self.span[0] - anchor.work[1] < self._time_reach \
                and not (self._time_sentence and _BOUNDARY.search(self.text, anchor.work[1], self.span[0])):
            base, basis = anchor.lo.isoformat(), "context"
        elif self.pub is not None and (self._time_unanchored == "publication" or self.p.opts.get("dateline") or "tz" in gd):
            # a time with its time zone («بحلول الساعة 1345 بتوقيت جرينتش») is a wire report's
            # time of the reported event: the publication day
            base, basis = self.pub.isoformat(), "publication"
        else:
            base, basis = "XXXX-XX-XX", "publication"
        if small_hours and (day is not None or same is not None):
            base = (_dt.date.fromisoformat(base) + _dt.timedelta(days=1)).isoformat()  # the night's next day
        men = self._mk("TIME", f"{base}T{hh:02d}:{mi:02d}", basis)
        men.day_from = "own" if day is not None else "context" if basis == "context" else \
            "unknown" if base == "XXXX-XX-XX" else "publication"
        return men

    def _same_night_day(self, ap: str) -> str | None:
        """«الساعة العاشرة والنصف من ذات الليلة»: the day of the latest day or clock time with a
        day before it (a night the text named already: «الساعة الحادية عشرة من ليلة البارحة»),
        however far back."""
        if not _RX_SAME_NIGHT.search(ap):
            return None
        for men in reversed(self.out):
            if men.work[1] > self.span[0]:
                continue
            if men.type == "TIME" and not men.value.startswith("X"):
                return men.value.split("T")[0]
            if men.type == "DATE" and men.gran == "D" and men.lo is not None:
                return men.lo.isoformat()
        return None

    def _time_day(self, gd):
        """The day a clock time names itself: «الساعة الواحدة صباح الأحد»."""
        if self.pub is None:
            return None
        if gd.get("dr"):  # «الساعة 5:30 مساء أمس الاثنين»: the day word, set right by its weekday
            off = self._look("day_relative", gd["dr"])
            if off is None:
                return None
            d = self.pub + _dt.timedelta(days=int(off))
            wd = self._look("weekdays", gd["wd"]) if gd.get("wd") else None
            if wd is not None and d.isoweekday() != int(wd):
                back = (d.isoweekday() - int(wd)) % 7
                d = d - _dt.timedelta(days=back) if back <= 3 else d + _dt.timedelta(days=7 - back)
            return d
        if gd.get("wd"):
            wd = self._look("weekdays", gd["wd"])
            if wd is None:
                return None
            back = (self.pub.isoweekday() - int(wd)) % 7
            if self._future(*self.span) or (self.lang == "en" and self._en_ahead(self.span[0])):
                return self.pub + _dt.timedelta(days=(int(wd) - self.pub.isoweekday()) % 7)
            return self.pub - _dt.timedelta(days=back)
        return None

    def _vague(self, gd):
        if self.p.opts.get("needs_future") and not self._future(*self.span):
            return None  # «لاحقا» after another event, not later than now
        v = self.p.opts.get("value") or self._look("vague", gd.get("v"))
        if v is None:
            return None
        if self.lang == "ar" and norm_key(gd.get("v", ""), self.lang) == "الان":
            a, b = self.to_doc(*self.span)
            if self.doc_text[a:b].startswith("\u0622"):
                return None  # «آلان ديرشوفيتز»: the name Alan (madda on the first alef), not «الآن»
            words = [norm_key(w, self.lang) for w in _WORDS.findall(self._sentence_before(self.span[0], 60, clause=True))]
            neg = self.g.lists.get("no_longer_negations", ())
            if words and words[-1] == "بعد" and any(w in neg or (w[:1] in "وف" and w[1:] in neg) for w in words[-6:-1]):
                return None  # «لن أكون بعد الآن كبش فداء»: no longer, not now
        if self.lang == "ar" and norm_key(gd.get("v", ""), self.lang).endswith("ساعات") and \
                self._next_word(self.span[1]) in ("الصباح", "الفجر", "الليل", "المساء", "الظهر", "النهار"):
            return None  # «منذ ساعات الصباح الأولى»: the morning's hours, not "hours ago"
        if self.lang == "ar" and v == "PAST_REF" and self._former(gd):
            return None
        return self._mk("DATE", str(v), "publication")

    def _former(self, gd) -> bool:
        """«سابقا» after a title is "former", an adjective (GUIDELINES §3: «السابق»), not
        "previously": a word of `former_titles` among the seven words before it in its clause
        and a comma, a full stop, a bracket, a quotation mark, a word of `former_next` (an honorific
        opening the name: «رئيس الاتحادين سابقا الأمير حمود») or a word with «ل» or «في» right after it («مقرر لجنة
        زراعة الأعضاء بوزارة الصحة سابقا، إن», «رئيسة مجلس الإدارة سابقًا لشركة»,
        «44 رئيسا سابقا للولايات المتحدة»; not «مدير النادي عبر سابقا عن رغبته»)."""
        if not norm_key(gd.get("v", ""), self.lang).startswith("سابق"):
            return False
        s, e = self.span
        after = self.text[e:e + 20]
        nxt = self._next_word(e)
        if not (_RX_FORMER_AFTER.match(after) or nxt == "في" or (nxt.startswith("ل") and not nxt.startswith("لا"))
                or _RX_FORMER_QUOTE.match(after) or nxt in self.g.lists.get("former_next", ())):
            return False
        titles = self.g.lists.get("former_titles", ())
        words = _WORDS.findall(self._sentence_before(s, 90, clause=True))[-7:]
        return any(_RX_PROCL.sub("", w) in titles or w in titles for w in words)

    def _set(self, gd):
        v = self._look("sets", gd["set"])
        if v is None:
            return None
        if self.lang == "en" and norm_key(gd["set"], "en").startswith(("a ", "an ")):
            # "358,000 a month", "$20 million a day", "8% a day": an amount's rate, not a set
            # (as "$2 million a year"); "hundreds of interviews a day", "three times a week" are
            m = _PREV_WORD.search(self.text, max(0, self.span[0] - 40), self.span[0])
            gap = self.text[m.end(1):self.span[0]].strip() if m is not None else ","
            if gap in ("", "%", "-") and (m.group(1)[-1:].isdigit() or gap == "%"
                                          or norm_key(m.group(1), "en") in self.g.lists.get("set_amount_before", ())):
                return None
        return self._mk("SET", str(v), "absolute")

    def _fixed_duration(self, gd):
        """«نصف ساعة», «ربع قرن» (lexicon fixed_durations)."""
        v = self._look("fixed_durations", gd["fd"])
        if v is None:
            return None
        return self._mk("DURATION", str(v), "absolute", mod="APPROX" if "ap" in gd else None)

    def _hijri_month(self, gd):
        """«شهر رمضان», «شهر شوال الحالي»: the Gregorian month holding the 15th of
        that Hijri month, in the Hijri year the direction word (or nearness) says."""
        hm = int(self._look("hijri", gd["hm"]))
        if "hy" in gd:  # «شهر ربيع الأول 1437 هـ»: the month of that year
            g = hijri_to_gregorian(int(gd["hy"]), hm, 15)
            if g is None:
                return None
            men = self._mk("DATE", f"{g.year:04d}-{g.month:02d}", "absolute")
            men.gran, men.lo, men.hi = "M", *_month_range(g.year, g.month)
            men.year, men.month, men.year_explicit = g.year, g.month, True
            return men
        rel = self._rel(gd) if "mrel" in gd else None
        if "mrel" in gd and rel is None:
            return None
        men = self._mk("DATE", "", "publication")
        men.relative = True
        pub = self.pub
        if pub is None:
            men.value, men.gran = "XXXX-XX", "M"
            return men
        h = gregorian_to_hijri(pub)
        if h is None:
            return None
        cands = []
        for hy in (h[0] - 1, h[0], h[0] + 1):
            g = hijri_to_gregorian(hy, hm, 15)
            if g is not None:
                cands.append((hy, g))
        if not cands:
            return None
        if rel == 0:
            pick = [c for c in cands if c[0] == h[0]]
        elif rel is not None and rel < 0:
            pick = [c for c in cands if c[1] < pub][-1:]
        elif rel is not None and rel > 0:
            pick = [c for c in cands if c[1] > pub][:1]
        else:
            pick = sorted(cands, key=lambda c: abs((c[1] - pub).days))[:1]
        if not pick:
            return None
        g = pick[0][1]
        men.value, men.gran = f"{g.year:04d}-{g.month:02d}", "M"
        men.lo, men.hi = _month_range(g.year, g.month)
        men.year, men.month = g.year, g.month
        return men

    def _set_month(self, gd):
        """"each July": every July (TimeML SET XXXX-07)."""
        if not self._upper_ok(gd, "m"):
            return None
        month = self._look("gregorian", gd["m"])
        return self._mk("SET", f"XXXX-{int(month):02d}", "absolute") if month else None

    def _fixed(self, gd):
        return self._mk(self.p.type or "DATE", str(self.p.opts.get("value")), "absolute")

    def _quarter(self, gd):
        q = self._look("quarters", gd.get("q")) if "q" in gd else None
        if self.p.opts.get("context"):
            # a bare quarter: the year of the latest quarter of a year the text named, near before it
            a = self._anchor("Q")
            if q is None or a is None or a.gran != "Q" or a.lo is None or self.span[0] - a.work[1] > self._quarter_reach:
                return None
            q, year = int(q), a.lo.year
            men = self._mk("DATE", f"{year:04d}-Q{q}", "context")
            men.gran, men.lo, men.hi = "Q", _dt.date(year, 3 * q - 2, 1), _month_range(year, 3 * q)[1]
            return men
        men = self._mk("DATE", "", "publication")
        pub = self.pub
        if "y" in gd and q is not None:
            year = int(gd["y"])
            men.basis = "absolute"
        elif "yrel" in gd and q is not None:  # «الربع الأول من العام الجاري»
            r = self._look("relative", gd["yrel"])
            if r is None:
                return None
            if pub is None:
                men.value, men.gran = f"XXXX-Q{q}", "Q"
                return men
            year = pub.year + int(r)
        elif pub is None:
            men.value, men.gran = f"XXXX-Q{q or 'X'}", "Q"
            return men
        else:
            pq = (pub.month - 1) // 3 + 1
            if q is None:  # "the quarter", "the latest quarter": the last one reported
                k = pub.year * 4 + pq - 2
                if "yago" in gd:  # "the year-earlier quarter": the same one a year before
                    k -= 4
                year, q = k // 4, k % 4 + 1
                if "y" in gd:  # "the 1988 quarter": that quarter in the year named
                    year = int(gd["y"])
            else:
                q = int(q)
                year = pub.year if q <= pq or self._future(*self.span) else pub.year - 1
        q = int(q)
        men.relative = men.basis == "publication"
        men.value, men.gran = f"{year:04d}-Q{q}", "Q"
        men.lo = _dt.date(year, 3 * q - 2, 1)
        men.hi = _month_range(year, 3 * q)[1]
        return men

    def _holiday(self, gd):
        h = self._look("holidays", gd["h"])
        if h is None:
            return None
        m, rest = str(h).split("-", 1)
        m = int(m)
        men = self._mk("DATE", "", "publication")
        if "y" in gd:
            y = int(gd["y"])
            men.basis = "absolute"
        elif self.pub is not None:
            # the year: nearest by the holiday's usual day (the 1st of the month for
            # a rule like "fourth Thursday of November")
            d0 = int(rest) if rest.isdigit() else 1
            y = _nearest_year(self.pub, m, d0, 1 if self._future(*self.span) else 0)
        else:
            men.value, men.gran = f"XXXX-{m:02d}" + (f"-{int(rest):02d}" if rest.isdigit() else ""), "D"
            return men
        dd = _holiday_date(y, m, rest)
        if dd is None:
            return None
        men.value, men.gran, men.lo, men.hi, men.relative = dd.isoformat(), "D", dd, dd, men.basis == "publication"
        return men


def _holiday_date(y: int, m: int, rule: str) -> _dt.date | None:
    """The day of a holiday in year y: "25" (a fixed day) or "4#4" (the fourth
    Thursday: ISO weekday, n-th of the month or -1 the last), "+1" a day after."""
    if rule.isdigit():
        return _safe_date(y, m, int(rule))
    mm = _re.match(r"^(\d)#(-?\d)([+-]\d+)?$", rule)
    if mm is None:
        return None
    wd, n, off = int(mm[1]), int(mm[2]), int(mm[3] or 0)
    lo, hi = _month_range(y, m)
    if n > 0:
        d = lo + _dt.timedelta(days=(wd - lo.isoweekday()) % 7 + 7 * (n - 1))
    else:
        d = hi - _dt.timedelta(days=(hi.isoweekday() - wd) % 7)
    return d + _dt.timedelta(days=off)


def _dur_value(k, unit: str) -> str:
    n = "X" if k == "X" else str(k)
    if unit in ("H", "MIN", "S"):
        return f"PT{n}{ {'H': 'H', 'MIN': 'M', 'S': 'S'}[unit] }"
    if unit in ("DE", "C"):  # decades and centuries are written in years (TimeML practice: P20Y)
        return "PXY" if k == "X" else f"P{k * (10 if unit == 'DE' else 100)}Y"
    if unit == "Q":  # quarters (English) in months, as TimeBank writes them: "the next three quarters" P9M
        return "PXM" if k == "X" else f"P{k * 3}M"
    return f"P{n}{unit}"


# ------------------------------------------------------------------ Hijri

def _hijri_jdn(y: int, m: int, d: int) -> int:
    """Julian day number of a date of the arithmetical (tabular) Hijri calendar."""
    return d + int(29.5 * (m - 1) + 0.5) + (y - 1) * 354 + (3 + 11 * y) // 30 + 1948439


def hijri_to_gregorian(hy: int, hm: int, hd: int) -> _dt.date | None:
    try:
        from hijridate import Hijri

        return Hijri(hy, hm, hd).to_gregorian()
    except Exception:  # out of the Umm al-Qura range, or no such day
        return None


def gregorian_to_hijri(d: _dt.date):
    try:
        from hijridate import Gregorian

        h = Gregorian(d.year, d.month, d.day).to_hijri()
        return h.year, h.month, h.day
    except Exception:
        return None


def _hijri_around(pub: _dt.date, hm: int, hd: int) -> list[tuple[int, _dt.date]]:
    """(Hijri year, Gregorian date) of Hijri month/day hm/hd in the Hijri year of `pub` and the
    years either side (those the Umm al-Qura calendar has)."""
    h = gregorian_to_hijri(pub)
    if h is None:
        return []
    days = [(hy, hijri_to_gregorian(hy, hm, hd)) for hy in (h[0] - 1, h[0], h[0] + 1)]
    return [(hy, g) for hy, g in days if g is not None]


def hijri_near(pub: _dt.date, hm: int, hd: int) -> _dt.date | None:
    """The Gregorian date of Hijri month/day hm/hd in the Hijri year nearest to `pub`."""
    days = _hijri_around(pub, hm, hd)
    return min((g for _, g in days), key=lambda g: abs((g - pub).days), default=None)


def hijri_rel(pub: _dt.date, hm: int, hd: int, rel: int) -> _dt.date | None:
    """Hijri month/day hm/hd with «الماضي» (rel < 0: the latest before `pub`), «المقبل» (rel > 0:
    the first after it) or «الحالي» (0: in the Hijri year of `pub`)."""
    days = _hijri_around(pub, hm, hd)
    if rel < 0:
        return max((g for _, g in days if g < pub), default=None)
    if rel > 0:
        return min((g for _, g in days if g > pub), default=None)
    h = gregorian_to_hijri(pub)
    return next((g for hy, g in days if h and hy == h[0]), None)


_EXTRACTORS: dict[str, Extractor] = {}


def extractor(lang: str) -> Extractor:
    ex = _EXTRACTORS.get(lang)
    if ex is None:
        ex = _EXTRACTORS[lang] = Extractor(lang)
    return ex


_bind_lazy(globals())  # the module's expressions compile when first used (factcheck.lazyrx)
