"""Arabic date classes fixed on dev 7 (tests/data/dates_ar_dev7.jsonl): what each rule must
take, and what it must not take. Kept apart from tests/test_dates.py."""

from __future__ import annotations

import datetime as _dt

import pytest

from factcheck.dates import timeline_for
from factcheck.document import parse_document

D = _dt.date


def resolve(text, published):
    doc = parse_document("t.txt", text, lang="ar", published=published)
    return {t["text"]: (t["type"], t["value"]) for t in timeline_for(doc)}


TAKES = [
    # (text, publication date, expression, type, value)
    # a weekday with a day and month and no year: the weekday picks the year, not the tense
    ("ويختتم المهرجان أنشطته في موسكو يوم الجمعة (17 يوليو تموز) رابط الخبر", D(2015, 7, 21),
     "يوم الجمعة (17 يوليو تموز)", "DATE", "2015-07-17"),
    ("وقع الحادث يوم الجمعة 3 يناير في المدينة", D(2015, 7, 21), "يوم الجمعة 3 يناير", "DATE", "2014-01-03"),
]


@pytest.mark.parametrize("text,pub,expr,type_,value", TAKES)
def test_dev7_class_takes(text, pub, expr, type_, value):
    got = resolve(text, pub)
    assert expr in got, got
    assert got[expr] == (type_, value)


NOT_TAKEN = [
    # (text, publication date, expression that must not be read as given, value it must not have)
]


def test_weekday_that_fits_no_year_keeps_the_tense():
    # Monday 5 March is in none of 2014-2016: the year of the tense stays (no guess)
    got = resolve("وقع الحادث يوم الاثنين 5 مارس في المدينة", D(2015, 7, 21))
    assert got["يوم الاثنين 5 مارس"] == ("DATE", "2015-03-05")
