"""English date classes fixed on English dev 2 (tests/data/dates_en_dev2.jsonl, CNN copy)."""

from __future__ import annotations

import datetime as _dt

import pytest

from conftest import timeline_values

D = _dt.date


def resolve(text, pub):
    return timeline_values(text, pub, lang="en")


@pytest.mark.parametrize("text,expr,value", [
    # an abbreviation's full stop does not end the clause that holds the future cue
    ("She is scheduled to appear in U.S. District Court in Los Angeles on Monday.", "Monday", "2026-04-20"),
    # an adverb inside the cue
    ("Member states are now expected to formally sign off on it by Thursday afternoon.", "Thursday afternoon",
     "2026-04-16TAF"),
    # past tense: the last Monday, abbreviation or not
    ("He arrived in the U.S. on Monday.", "Monday", "2026-04-13"),
])
def test_en_dev2_future_cues(text, expr, value):
    got = resolve(text, D(2026, 4, 15))
    assert got.get(expr, (None, None))[1] == value, got


@pytest.mark.parametrize("text,expr,value", [
    ("Talks have stalled in recent weeks.", "recent weeks", ("DATE", "PAST_REF")),
    ("In recent years, prices rose sharply.", "recent years", ("DATE", "PAST_REF")),
    # quarters stay a length in months, as TimeBank writes them
    ("Profits fell in recent quarters.", "recent quarters", ("DURATION", "PXM")),
])
def test_en_dev2_recent(text, expr, value):
    assert resolve(text, D(2026, 4, 15)).get(expr) == value


@pytest.mark.parametrize("text,expr,value", [
    # a scheduled event told in the present: the coming weekday
    ("It meets the United States for the title on Tuesday night.", "Tuesday night", "2026-03-17TNI"),
    ("Alabama, which faces Mississippi on Tuesday, did not comment.", "Tuesday", "2026-03-17"),
    ("The documentary begins streaming Friday on the CNN app.", "Friday", "2026-03-20"),
    # the past tense keeps the last one
    ("It met the United States on Tuesday night.", "Tuesday night", "2026-03-10TNI"),
])
def test_en_dev2_scheduled_present(text, expr, value):
    got = resolve(text, D(2026, 3, 14))
    assert got.get(expr, (None, None))[1] == value, got


@pytest.mark.parametrize("text,value", [
    # a passive future in the past: the coming Sunday
    ("He said an autopsy would be conducted on Sunday.", "2026-02-22"),
    ("The two were detained and would be produced before the court on Sunday.", "2026-02-22"),
    # "would" alone is no cue
    ("He said he would often visit on Sunday.", "2026-02-15"),
])
def test_en_dev2_would_be_done(text, value):
    assert resolve(text, D(2026, 2, 18)).get("Sunday") == ("DATE", value)
