"""English date classes fixed on English dev 1 (tests/data/dates_en_dev1.jsonl, CNN copy): what
each rule must take, and what it must not take."""

from __future__ import annotations

import datetime as _dt

import pytest

from conftest import timeline_values

D = _dt.date


def resolve(text, pub):
    return timeline_values(text, pub, lang="en")


@pytest.mark.parametrize("text,expr,value", [
    # an unnumbered length before its signal (TimeML: the signal stays out of the extent)
    ("The shooting happened hours after the end of the Super Bowl.", "hours", "PTXH"),
    ("Senegal was denied a goal minutes before the penalty was given.", "minutes", "PTXM"),
    ("It comes just weeks after Trump took aim at Starmer.", "weeks", "PXW"),
    ("The team flies its staff to tracks weeks in advance.", "weeks", "PXW"),
    ("Years later, Resnick would describe the case.", "Years", "PXY"),
    # before "of" after "by", "and" or a colon
    ("Its economy was ravaged by years of civil conflict.", "years", "PXY"),
    ("It caused fuel shortages and hours of blackouts.", "hours", "PTXH"),
    ("The experts were clear: decades of cuts have left the forces weak.", "decades", "PXY"),
])
def test_en_dev1_unnumbered_lengths(text, expr, value):
    assert resolve(text, D(2026, 3, 1)).get(expr) == ("DURATION", value)


@pytest.mark.parametrize("text", [
    # a stretch of a day or a period, and a number or a determiner before the unit
    "They were talking into the early morning hours before dawn.",
    "He is spending the final weeks before the season ends at home.",
    "She left for a couple weeks after she learned of it.",
    "The days after the attack were chaotic.",
])
def test_en_dev1_no_bare_length(text):
    got = resolve(text, D(2026, 3, 1))
    assert not any(v[1].startswith("PX") or v[1].startswith("PTX") for v in got.values()), got


@pytest.mark.parametrize("text,expr,value", [
    # a month before the noun it dates: after a lowercase verb, or before an abbreviation
    ("Formula 1 calls off April races in Bahrain and Saudi Arabia.", "April", "2026-04"),
    ("He made money off the January US raid.", "January", "2026-01"),
])
def test_en_dev1_month_modifiers(text, expr, value):
    assert resolve(text, D(2026, 3, 14)).get(expr) == ("DATE", value)


def test_en_dev1_a_name_is_no_month():
    assert resolve("The actress April Lee said she would return.", D(2026, 3, 14)) == {}


@pytest.mark.parametrize("text,expr,value", [
    ("It took half a century to build.", "half a century", "P50Y"),
    ("He was pronounced dead about half an hour later.", "about half an hour", "PT30M"),
    ("They have waited for nearly half a year.", "nearly half a year", "P6M"),
])
def test_en_dev1_halves(text, expr, value):
    got = resolve(text, D(2026, 3, 1))
    assert got.get(expr) == ("DURATION", value), got
    assert not any(v[1] in ("P100Y", "PT1H", "P1Y") for v in got.values()), got


def test_en_dev1_half_a_decade_ago_stays_an_offset():
    got = resolve("The plant closed about half a decade ago.", D(2026, 3, 1))
    assert all(v[0] == "DATE" for v in got.values()) and got, got
