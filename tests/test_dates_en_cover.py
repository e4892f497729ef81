"""English date classes found by the coverage audit of the English corpus (date words
of the grammar's lexicon that no expression covered in bbc_2004 and cnn_lite_2026),
round dates11: what each must take and what it must not take."""

from __future__ import annotations

import datetime as _dt

import pytest

from factcheck.dates import timeline_for
from factcheck.document import parse_document

D = _dt.date


def resolve(text, published=None):
    doc = parse_document("t.txt", text, lang="en", published=published)
    return {t["text"]: (t["type"], t["value"]) for t in timeline_for(doc)}


# a weekday before a word that begins like a month abbreviation ("declined": Dec,
# "marked": Mar, "janitors": Jan) or before the modal "may" is still a weekday
@pytest.mark.parametrize("text,expr,value", [
    ("A federal grand jury on Tuesday declined to indict Democratic lawmakers.", "Tuesday", "2026-03-03"),
    ("His arrest on Thursday marks an extraordinary fall from grace.", "Thursday", "2026-02-26"),
    ("Tuesday marked the first time NASA revealed a timeline.", "Tuesday", "2026-03-03"),
    ("The limited number of aircraft detected Thursday may not signal a return.", "Thursday", "2026-02-26"),
    ("On Monday janitors walked out.", "Monday", "2026-03-02"),
    ("The offer was to expire at midnight Friday, octobers aside.", "midnight Friday", "2026-02-27T24:00"),
])
def test_weekday_before_a_month_like_word(text, expr, value):
    got = resolve(text, D(2026, 3, 4))
    assert got.get(expr, (None, None))[1] == value, got


# ... but a weekday before the date it names is still one expression with it
@pytest.mark.parametrize("text,expr,value", [
    ("He left on Friday, March 3, 2026.", "Friday, March 3, 2026", "2026-03-03"),
    ("The vote is on Tuesday, Dec. 6, 2026, officials said.", "Tuesday, Dec. 6, 2026", "2026-12-06"),
    ("He left Friday March 3.", "Friday March 3", "2026-03-03"),
])
def test_weekday_before_its_date(text, expr, value):
    got = resolve(text, D(2026, 3, 4))
    assert got.get(expr, (None, None))[1] == value, got
    assert "Friday" not in got and "Tuesday" not in got, got
