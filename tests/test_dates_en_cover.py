"""English date classes found by the coverage audit of the English corpus (date words
of the grammar's lexicon that no expression covered in bbc_2004 and cnn_lite_2026),
round dates11: what each must take and what it must not take."""

from __future__ import annotations

import datetime as _dt

import pytest

from conftest import timeline_values


D = _dt.date


def resolve(text, published=None):
    return timeline_values(text, published, "en")


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


# a month before the noun it dates, or with its own possessive (TimeML marks the month)
@pytest.mark.parametrize("text,pub,expr,value", [
    ("Wenger has no plans to sign a goalkeeper during the January transfer window.", D(2005, 1, 20),
     "January", "2005-01"),
    ("In their November report, MPs from the committee said so.", D(2026, 3, 4), "November", "2025-11"),
    ("Meanwhile, January’s average hourly earnings rose 0.4%.", D(2026, 2, 11), "January", "2026-01"),
    ("Sri Lanka's banks face hard times following December's tsunami disaster.", D(2005, 1, 10),
     "December", "2004-12"),
    ("DeSantis said at a December event in Sebring that it would pass.", D(2026, 2, 1), "December", "2025-12"),
    ("Leon was told to clarify the scope of his March injunction.", D(2026, 4, 10), "March", "2026-03"),
    ("In the first 10 days of Israel’s March offensive, 523 buildings were destroyed.", D(2026, 4, 10),
     "March", "2026-03"),
    # figures of a period gone by: the last such month, whatever the tense
    ("The bureau is set to release the January jobs report at 8:30 am ET Wednesday.", D(2026, 2, 10),
     "January", "2026-01"),
    ("Zuckerberg said on a January earnings call the company will release its new model.", D(2026, 3, 10),
     "January", "2026-01"),
    # an event set ahead: the coming one, unless its month has just ended
    ("Sherrod Brown is on a collision course for the November general election.", D(2026, 1, 9),
     "November", "2026-11"),
    ("The top two finishers would advance to a June runoff.", D(2026, 1, 9), "June", "2026-06"),
    ("Democrats have an advantage heading into November’s midterm elections.", D(2026, 3, 4),
     "November", "2026-11"),
    ("He won an endorsement nearly a month before the March primary.", D(2026, 4, 7), "March", "2026-03"),
])
def test_month_before_its_noun(text, pub, expr, value):
    got = resolve(text, pub)
    assert got.get(expr, (None, None))[1] == value, got


@pytest.mark.parametrize("text,expr", [
    ("The March for Our Lives drew thousands.", "March"),  # a name: a capitalised word after it
    ("There is a hoax, not even an April Fool, going around.", "April"),
    ("Dusty May's team has gone 35-3.", "May"),  # a person's possessive
    ("Critics of the May government said so.", "May"),
    ("The marchers began the March on Washington at noon.", "March"),
    ("The data may show a rise.", "may"),
])
def test_month_name_not_a_modifier(text, expr):
    assert expr not in resolve(text, D(2026, 3, 4))


# a part of the month before March or May, and a hyphen after the part
@pytest.mark.parametrize("text,expr,value", [
    ("This is the third major storm to hit Hawaii since mid-March.", "mid-March", "2026-03"),
    ("CAO announced its trading debacle in late-November.", "late-November", "2025-11"),
    ("Money would run out by early May, he said.", "early May", "2026-05"),
    ("The PGA set a soft deadline for the end of March.", "March", "2026-03"),
    ("Artemis II is scheduled to launch as soon as March.", "March", "2026-03"),
])
def test_part_of_an_ambiguous_month(text, expr, value):
    got = resolve(text, D(2026, 3, 4))
    assert got.get(expr, (None, None))[1] == value, got


# a number word after a date and a comma or a dash opens a duration of its own (the word
# multiplies a number only right after it)
@pytest.mark.parametrize("text,expr,value", [
    ("The convention was adopted in 1948, three years after the end of World War II.", "three years", "P3Y"),
    ("Training camps are set to open on April 19 – six days after the college draft.", "six days", "P6D"),
    ("It was signed in May 1948, two months after the vote.", "two months", "P2M"),
])
def test_duration_after_a_date_and_a_comma(text, expr, value):
    got = resolve(text, D(2026, 3, 4))
    assert got.get(expr) == ("DURATION", value), got


# the second year of a range written with a hyphen is a year too
@pytest.mark.parametrize("text,years", [
    ("From 1959-1963, he became the second best-selling artist.", ("1959", "1963")),
    ("In the 2018-2019 shutdown, 10% of workers stayed home.", ("2018", "2019")),
])
def test_year_range(text, years):
    got = resolve(text, D(2026, 3, 4))
    for y in years:
        assert got.get(y) == ("DATE", y), got


@pytest.mark.parametrize("text,expr", [
    ("Call 1-800-2000-1999 for help.", "1999"),  # a phone number
    ("Its 10.2000-2001 bond series", "2001"),
])
def test_year_range_not_in_numbers(text, expr):
    assert expr not in resolve(text, D(2026, 3, 4))


# an invisible format character of web copy (zero-width space, word joiner, BOM) inside a
# date reads as a space
@pytest.mark.parametrize("text,expr,value", [
    ("The party, which was founded three years \u200bago, was leading.", "three years \u200bago", "2023"),
    ("It erupted into street demonstrations last \u2060September, triggered by a ban.",
     "last \u2060September", "2025-09"),
    ("The EU agreed to the loan last \u2060year.", "last \u2060year", "2025"),
    ("His sentencing in \u200bFebruary followed a conviction.", "February", "2026-02"),
])
def test_invisible_characters(text, expr, value):
    got = resolve(text, D(2026, 3, 4))
    assert got.get(expr, (None, None))[1] == value, got


# "today's" meaning nowadays (PRESENT_REF, as «اليوم» meaning nowadays in the guidelines)
@pytest.mark.parametrize("text", [
    "The case of Elian is for today's youth what the blockade was.",
    "In today’s world, special design is proof of life.",
    "Few of today’s parents have seen measles up close.",
])
def test_today_nowadays(text):
    got = resolve(text, D(2026, 3, 4))
    assert ("DATE", "PRESENT_REF") in got.values(), got


@pytest.mark.parametrize("text", ["Today's vote was close.", "The verdict is in today's paper."])
def test_today_the_day(text):
    got = resolve(text, D(2026, 3, 4))
    assert ("DATE", "2026-03-04") in got.values(), got


# "a day/week/month" after an amount is its rate, not a SET (as "$2 million a year")
@pytest.mark.parametrize("text", [
    "The economy has been creating jobs at a rate of 358,000 a month.",
    "The US is burning through $890 million a day.",
    "No-show rates went from about 8% a day to over 30%.",
    "The service will cost an extra £4 a month.",
])
def test_amount_rate_is_no_set(text):
    got = resolve(text, D(2026, 3, 4))
    assert not any(k.startswith(("a day", "a month")) for k in got), got


@pytest.mark.parametrize("text,expr,value", [
    ("We had people getting chemo three times a week.", "a week", "P1W"),
    ("It was the largest jump since April 2025, a month when tariffs were announced.", "a month", "P1M"),
    ("The plant produces 550,000 barrels a day.", "a day", "P1D"),
])
def test_sets_still_taken(text, expr, value):
    got = resolve(text, D(2026, 3, 4))
    assert got.get(expr, (None, None))[1] == value, got


# every such weekday: "every Sunday", "airs Sundays", "on Mondays" (TimeML SET XXXX-WXX-n)
@pytest.mark.parametrize("text,expr,value", [
    ("His wife drove him to Childress every Tuesday for infusions.", "every Tuesday", "XXXX-WXX-2"),
    ("Every Friday, hundreds of people gather in Luanda.", "Every Friday", "XXXX-WXX-5"),
    ("The series airs Sundays at 10 p.m. ET.", "Sundays", "XXXX-WXX-7"),
    ("But Wednesdays are typically low-volume days.", "Wednesdays", "XXXX-WXX-3"),
    ("Votes are not held on Fridays, Saturdays and Sundays.", "Saturdays", "XXXX-WXX-6"),
])
def test_weekly_set(text, expr, value):
    got = resolve(text, D(2026, 3, 4))
    assert got.get(expr) == ("SET", value), got


@pytest.mark.parametrize("text", [
    "He was a dancer with the Happy Mondays.",
    "Thus the Suns won again.",
    "Students sit the SATs in May.",
])
def test_weekly_set_not_taken(text):
    got = resolve(text, D(2026, 3, 4))
    assert not any(v[0] == "SET" for v in got.values()), got


# one lowercase adjective between the determiner and the month; an adjective in -ed is no
# past cue ("a crowded June primary")
@pytest.mark.parametrize("text,pub,expr,value", [
    ("Do not read too much into the poor December figures.", D(2005, 1, 20), "December", "2004-12"),
    ("He is running in a crowded June primary.", D(2026, 3, 22), "June", "2026-06"),
    ("Garbarino said at the eventual December hearing that he made accommodations.", D(2026, 3, 4),
     "December", "2025-12"),
])
def test_month_modifier_after_an_adjective(text, pub, expr, value):
    got = resolve(text, pub)
    assert got.get(expr, (None, None))[1] == value, got


# a clock time with a US zone ("ET", "PT", "CT") before a weekday, and the weekday after a
# clock time takes the clock's date (the dot of "a.m." or the colon cut its clause)
@pytest.mark.parametrize("text,pub,expr,value", [
    ("The bureau is set to release the January jobs report at 8:30 am ET Wednesday.", D(2026, 2, 10),
     "8:30 am ET", "2026-02-11T08:30"),
    ("The bureau is set to release the January jobs report at 8:30 am ET Wednesday.", D(2026, 2, 10),
     "Wednesday", "2026-02-11"),
    ("A vigil will be held at 6 p.m. Sunday in downtown Truckee.", D(2026, 2, 19), "Sunday", "2026-02-22"),
    ("The runway will remain closed until 7 a.m. Friday, the FAA said.", D(2026, 3, 24), "Friday", "2026-03-27"),
    ("The plane took off shortly after 10:30 p.m. ET Sunday.", D(2026, 3, 24), "10:30 p.m. ET", "2026-03-22T22:30"),
    ("The shooting happened at 1:20 p.m. PT on Sunday.", D(2026, 3, 8), "1:20 p.m. PT", "2026-03-08T13:20"),
])
def test_clock_zone_and_weekday(text, pub, expr, value):
    got = resolve(text, pub)
    assert got.get(expr, (None, None))[1] == value, got


def test_clock_zone_is_a_capital_word():
    got = resolve("They met at 5 p.m. but Friday was busy.", D(2026, 2, 10))
    assert "5 p.m." in got, got


# "for a while", "for some time", "for a long time": a length not told (TimeML PXX)
@pytest.mark.parametrize("text,expr", [
    ("They're going to have to live without it for a while.", "a while"),
    ("TCI and Atticus have opposed the bid for some time.", "some time"),
    ("He has known for a long time that the man lied.", "a long time"),
    ("They could withstand a blockade for a little while.", "a little while"),
])
def test_vague_duration(text, expr):
    got = resolve(text, D(2026, 3, 4))
    assert got.get(expr) == ("DURATION", "PXX"), got


@pytest.mark.parametrize("text,expr", [
    ("It happened some time ago.", "some time"),
    ("A while ago he left.", "A while"),
    ("It is time for a change.", "time"),
])
def test_vague_duration_not_taken(text, expr):
    got = resolve(text, D(2026, 3, 4))
    assert got.get(expr, (None, None))[1] != "PXX", got


# "come November": the coming one
@pytest.mark.parametrize("text,pub,expr,value", [
    ("It raised hopes about flipping the Senate seat come November.", D(2026, 3, 4), "November", "2026-11"),
    ("It will still be impacting them come December.", D(2026, 4, 10), "December", "2026-12"),
])
def test_come_month(text, pub, expr, value):
    got = resolve(text, pub)
    assert got.get(expr, (None, None))[1] == value, got
