"""The publication date from an article's own header: a dateline or byline near the top.

CMS exports often glue the byline and the "last updated" label to the date
(``editor12 مارس 2025آخر تحديث``), so the patterns here have no word edges.
"""

from __future__ import annotations

import datetime as _dt
from functools import lru_cache

import regex

from factcheck import rxcache
from factcheck.langs import fold
from factcheck.resources import load_data
from factcheck.lazyrx import bind as _bind_lazy, regex_

HEADER_CHARS = 1200  # how far into the text a header may reach
HEADER_LINES = 8
MAX_WORDS = 14  # a header line is short, unless it says it is a byline
HEADER_MAX_WORDS = 24  # a longer line (after the title) is body copy: the header has ended
_CUES = regex_(
    r"نشر|تاريخ|تحديث|بتاريخ|بواسطة|كتب|محرر|اخر|published|updated|posted|by\b|editor|date", regex.I)


@lru_cache(maxsize=None)
def month_table(lang: str) -> dict[str, int]:
    data = load_data(lang, "dates/grammar/months.yaml")
    out: dict[str, int] = {}
    for num, names in (data.get("gregorian") or {}).items():
        for n in names:
            out[fold(n).lower()] = int(num)
    return out


@lru_cache(maxsize=None)
def _patterns(lang: str):
    names = sorted(month_table(lang), key=len, reverse=True)
    alt = "|".join(regex.escape(n) for n in names)
    sep = r"\s*[،,]?\s*"
    pats = [
        # 12 مارس 2025, 12 آذار/مارس 2025, editor12 مارس 2025آخر
        rxcache.compile(rf"(?<!\d)(?P<d>\d{{1,2}})\s*(?:-\s*)?(?P<m>{alt})(?:\s*/\s*(?:{alt}))?{sep}(?P<y>(?:19|20)\d\d)(?!\d)", regex.I, "rules"),
        # March 12, 2025
        rxcache.compile(rf"(?<![\p{{L}}])(?P<m>{alt})\.?\s+(?P<d>\d{{1,2}})(?:st|nd|rd|th)?{sep}(?P<y>(?:19|20)\d\d)(?!\d)", regex.I, "rules"),
        # 2025-03-12
        rxcache.compile(r"(?<!\d)(?P<y>(?:19|20)\d\d)-(?P<mn>\d\d)-(?P<d>\d\d)(?!\d)", 0, "rules"),
        # 12/03/2025 (day first)
        rxcache.compile(r"(?<![\d/])(?P<d>\d{1,2})[/.](?P<mn>\d{1,2})[/.](?P<y>(?:19|20)\d\d)(?!\d)", 0, "rules"),
    ]
    return pats


_SENTENCE_END = regex_(r"[.!?؟][\"'”»)]*\s*$")


def _in_a_sentence(line: str, m) -> bool:
    """The date stands in a sentence of copy: the line ends as a sentence does and holds five
    words or more besides the date (a dateline or a byline is mostly the date)."""
    return bool(_SENTENCE_END.search(line)) and len((line[:m.start()] + " " + line[m.end():]).split()) >= 5


# a wire dateline opening the lead: a place in capitals (and a state), the date, the
# agency in brackets, a dash: "WASHINGTON, March 14, 2025 (AP) —", "LONDON, 14 March 2025 -"
_WIRE = regex_(r"\s*[A-Z][A-Z.'’ -]{1,40}(?:,\s*[A-Z][A-Za-z.'’ ]{1,30}?)?,\s*(?P<date>[^()—–\n]{6,40}?)"
                      r"\s*(?:\([A-Za-z .&-]{2,30}\)\s*)?(?:—|–|--?)\s")


# Arabic: «بيروت، 14 آذار/مارس 2025 (أ ف ب) - قال الوزير ...»
_WIRE_AR = regex_(r"\s*[\p{Arabic} ]{2,30}[،,]\s*(?P<date>[^()—–\-\n]{6,40}?)"
                         r"\s*(?:\([^()\n]{2,30}\)\s*)?(?:—|–|--?)\s")


def written_date(text: str, lang: str) -> tuple[_dt.date | None, str, str] | None:
    """The first date written with its month as a word ("March 14, 2025", «14 آذار/مارس
    2025») in `text`: (the date, or None when it is no day of the calendar; what stands
    before it; what stands after it), the text folded and lower-cased; None with no such
    date. Shared by the wire dateline and by front matter's written-out dates."""
    low = fold(text).lower()
    for pat in _patterns(lang)[:2]:  # day-month-year, month-day-year
        m = pat.search(low)
        if m is None:
            continue
        month = month_table(lang).get(m.group("m").rstrip("."))
        try:
            d = _dt.date(int(m.group("y")), month, int(m.group("d"))) if month else None
        except ValueError:
            d = None
        return d, low[:m.start()], low[m.end():]
    return None


def _wire_dateline(line: str, lang: str) -> _dt.date | None:
    """The date of a wire dateline at the start of the lead, or None."""
    m = (_WIRE if lang == "en" else _WIRE_AR).match(line)
    if m is None:
        return None
    found = written_date(m["date"].strip(" ,"), lang)
    return found[0] if found is not None and not found[1] and not found[2] else None


def header_date(text: str, lang: str) -> _dt.date | None:
    """The first date in a dateline or byline near the top of `text`, if any.

    The header is the run of lines before the body starts: the title may be long,
    but the first other line of more than HEADER_MAX_WORDS words is body copy and
    ends the search, so a date inside reporting is never taken for the dateline.
    A header line is short (MAX_WORDS) or carries a byline cue (published,
    updated, «نشر», «آخر تحديث» …)."""
    head = fold(text[:HEADER_CHARS]).lower()
    lines = head.split("\n")[:HEADER_LINES]
    raw_lines = text[:HEADER_CHARS].split("\n")  # the same lines as written (the case of a wire dateline)
    lang_ = lang if lang in ("ar", "en") else "en"
    table = month_table(lang_)
    seen_title = False
    for k, line in enumerate(lines):
        if not line.strip():
            continue
        n = len(line.split())
        if not seen_title:
            seen_title = True
            if n > MAX_WORDS:
                continue  # a long title
        elif n > MAX_WORDS:
            # a line of copy may open with a wire dateline ("WASHINGTON, March 14, 2025
            # (AP) — The House voted ..."); the first line of more than HEADER_MAX_WORDS
            # words is the body: the search ends there
            wire = _wire_dateline(raw_lines[k], lang_) if k < len(raw_lines) else None
            if wire is not None or n > HEADER_MAX_WORDS:
                return wire
        cue = _CUES.search(line[:200])
        if n > MAX_WORDS and not cue:
            continue
        for i, pat in enumerate(_patterns(lang_)):
            m = pat.search(line)
            if not m:
                continue
            if not cue and _in_a_sentence(line, m):
                break  # "Voters will go to the polls on Sunday, March 9, 2025.": reporting, no dateline
            try:
                month = table[m.group("m")] if "m" in m.groupdict() and m.group("m") else int(m.group("mn"))
                if i == 3 and lang == "en" and int(m.group("d")) <= 12 and month <= 12 and m.group("d") != m.group("mn"):
                    continue  # 03/04/2025 is ambiguous in English copy
                return _dt.date(int(m.group("y")), month, int(m.group("d")))
            except (ValueError, KeyError):
                continue
    return None


_bind_lazy(globals())  # the module's expressions compile when first used (factcheck.lazyrx)
