"""English date classes fixed when TBAQ's second half (the former test half) was read in session
30: what each rule must take, and what it must not take."""

from __future__ import annotations

import datetime as _dt

import pytest

from conftest import timeline_values

D = _dt.date


def resolve(text, pub):
    return timeline_values(text, pub, lang="en")


@pytest.mark.parametrize("text,pub,expr,value", [
    # a day right after "as soon as", "as early as": a coming one
    ("The father could come to the U.S. from Cuba as early as Tuesday.", D(2000, 4, 3), "Tuesday", "2000-04-04"),
    ("He may hold further talks as soon as Thursday, he said.", D(2026, 2, 20), "Thursday", "2026-02-26"),
    # a time limit ("until", "by"), a clock time between, in a clause that tells no past event
    ("The service has given the relatives until 9 a.m. Tuesday to sign a paper.", D(2000, 4, 3),
     "9 a.m.", "2000-04-04T09:00"),
    ("A flood watch is in effect until Sunday afternoon.", D(2026, 3, 18), "Sunday afternoon", "2026-03-22TAF"),
    # ... not in one that does
    ("Until Thursday, they had not called Kopp a suspect.", D(1999, 5, 7), "Thursday", "1999-05-06"),
    # a future in the past with "would be ...ing"; a scheduled event
    ("Castro said the father would be traveling to the United States Thursday.", D(2000, 4, 5),
     "Thursday", "2000-04-06"),
    ("The U.S. attorney has scheduled a news conference Thursday.", D(1999, 5, 5), "Thursday", "1999-05-06"),
    # "would be willing" is no future cue
    ("On Sunday Radev said he would be willing to work with them.", D(2026, 4, 20), "Sunday", "2026-04-19"),
])
def test_tbaq2_coming_days(text, pub, expr, value):
    assert resolve(text, pub)[expr][1] == value


@pytest.mark.parametrize("text,pub,expr,value", [
    # "the following year" after a day is a year, not that day a year on
    ("On May 22, 1995, Farkas was made a general, and the following year he was made attache.",
     D(1998, 4, 18), "the following year", "1996"),
    # a quarter with its year
    ("It took a $415 million charge in the 1988 second quarter.", D(1989, 11, 1), "the 1988 second quarter",
     "1988-Q2"),
    ("The spinoff could be effective as early as next year's first quarter.", D(1989, 10, 30),
     "next year's first quarter", "1990-Q1"),
    ("Net sales for this year's third quarter were $14 million.", D(1989, 11, 1), "this year's third quarter",
     "1989-Q3"),
    # a half year
    ("It will mean lower earnings for the last half of 1989.", D(1989, 11, 1), "the last half of 1989", "1989-H2"),
    ("The PAC raised $50 million in the second half of 2025.", D(2026, 3, 1), "the second half of 2025",
     "2025-H2"),
    # a clock time right before a date is on that date
    ("It extended its offer until 5 p.m. EST Nov. 9.", D(1989, 11, 2), "5 p.m. EST", "1989-11-09T17:00"),
    ("The ceasefire took effect at 5 p.m. ET on April 16.", D(2026, 4, 22), "5 p.m. ET", "2026-04-16T17:00"),
    # "last" with a day of the month
    ("He was shot to death last Oct. 23 at his home.", D(1999, 4, 19), "last Oct. 23", "1998-10-23"),
    # the week that holds a day
    ("It may be resolved in a court hearing the week of March 6.", D(2000, 2, 24), "the week of March 6",
     "2000-W10"),
    # a far ordering cue does not reach a time limit
    ("Reno allowed the extension after rejecting a court order that Elian remain in Miami until March 6.",
     D(2000, 1, 15), "March 6", "2000-03-06"),
    # "later that year": the year the text spoke of last
    ("Munero fled to Florida in June 1998 and returned to Cuba later that year.", D(2000, 1, 28),
     "later that year", "1998"),
    ("He declared himself a Florida resident in 2019. He changed his residence that year.", D(2026, 3, 1),
     "that year", "2019"),
    # the current fiscal year
    ("It expects to post higher sales in the current fiscal year.", D(1989, 10, 20), "the current fiscal year",
     "1989"),
])
def test_tbaq2_values(text, pub, expr, value):
    assert resolve(text, pub)[expr][1] == value


@pytest.mark.parametrize("text,pub,expr,value", [
    ("Over the summer, Anheuser competitors offered more discounts.", D(1989, 10, 30), "the summer", "1989-SU"),
    ("Orders rose from the low levels of the early summer, following the talks.", D(1989, 10, 26),
     "the early summer", "1989-SU"),
    # not begun this year: "since" is the last one, a clause with no past event the coming one
    ("Each state has reported hundreds of cases since the summer.", D(2026, 3, 1), "the summer", "2025-SU"),
    ("Brace yourself for a shortage that could stretch into the summer.", D(2026, 3, 1), "the summer", "2026-SU"),
])
def test_tbaq2_seasons(text, pub, expr, value):
    assert resolve(text, pub)[expr][1] == value


@pytest.mark.parametrize("text", [
    "Millions agonized through one of the fall classic's wildest games.",
    "Gasoline may run short if the strait stays closed through the summer driving season.",
    "Evaporation is greater in the summer, which is why rules are strict.",
])
def test_tbaq2_seasons_left_alone(text):
    vals = resolve(text, D(2026, 3, 1))
    assert not any(v.endswith(("-SU", "-FA", "-SP")) for _, v in vals.values()), vals


def test_tbaq2_current():
    vals = resolve("Castro said Gonzalez would travel with his current wife.", D(2000, 3, 30))
    assert vals["current"] == ("DATE", "PRESENT_REF")
    for text in ("Some current and former US officials have warned.",
                 "Holders may buy shares at 50% of the then current market price.",
                 "He was swept away by the current.",
                 "The current account deficit widened.",
                 "Getting current on those bills should come first."):
        assert "current" not in resolve(text, D(2026, 3, 1)), text


@pytest.mark.parametrize("text", [
    "Mr. Reupke, 52 years old, left the company.",
    "The program is open to employees 55 years old or older.",
    "She was only 13 years old at the time.",
])
def test_tbaq2_ages_left_out(text):
    assert not any(t == "DURATION" for t, _ in resolve(text, D(1989, 11, 1)).values())


def test_tbaq2_that_unit_needs_a_date_before():
    assert "that day" not in resolve("Nobody knew what happened that day.", D(2026, 3, 1))
    vals = resolve("Springsteen and Prince met in 1984. In August of that year, Purple Rain was a hit.", D(2026, 3, 1))
    assert "that year" not in vals


def test_expected_on_a_day_is_a_coming_one():
    # the QA pass of session 30: "Results are expected on Monday" is ahead, "were expected" is not
    assert resolve("Results are expected on Monday, officials said.", D(2025, 3, 12))["Monday"][1] == "2025-03-17"
    assert resolve("Results were expected on Monday, officials said.", D(2025, 3, 12))["Monday"][1] == "2025-03-10"
