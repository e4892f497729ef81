"""English date classes fixed in the TBAQ dev-half rounds: what each must take
and what it must not take (values as TimeML/TempEval-3 write them)."""

from __future__ import annotations

import datetime as _dt

import pytest

from conftest import timeline_values


D = _dt.date


def resolve(text, published=None):
    return timeline_values(text, published, "en")


TAKES = [
    # durations with a half: "2 1/2 years", "two and a half hours", "a minute and a half"
    ("They lived in refugee camps for 2 1/2 years.", None, "2 1/2 years", "DURATION", "P2Y6M"),
    ("The wait stretched beyond two and a half hours.", None, "two and a half hours", "DURATION", "PT2H30M"),
    ("But a minute and a half later, a pilot called.", None, "a minute and a half", "DURATION", "PT1M30S"),
    ("He served for a year and a half.", None, "a year and a half", "DURATION", "P1Y6M"),
    ("He was held for about a week and a half.", None, "about a week and a half", "DURATION", "P1.5W"),
    ("Almost a decade and a half after the divorce, she sold it.", None,
     "Almost a decade and a half", "DURATION", "P15Y"),
    # ... and as a distance back: the half moves the date, the unit keeps its granularity
    ("She moved to Israel two and a half years ago, she said.", D(2026, 3, 2),
     "two and a half years ago", "DATE", "2023"),
    ("The visit was set up two and a half weeks ago.", D(2026, 2, 26),
     "two and a half weeks ago", "DATE", "2026-W06"),
    ("A year and a half earlier, the plant closed.", D(1998, 10, 26), "A year and a half earlier", "DATE", "1997"),
    # "N more units", "N trading days"
    ("The navy may use the base for at least 20 more years.", None, "at least 20 more years", "DURATION", "P20Y"),
    ("The boy will remain for at least two more weeks.", None, "at least two more weeks", "DURATION", "P2W"),
    ("Eight trading days after Oct. 12, the index fell.", D(1989, 11, 2), "Eight trading days", "DURATION", "P8D"),
    # quarters as a length are written in months
    ("The charge will be spread over the next three quarters.", D(1989, 11, 2),
     "the next three quarters", "DURATION", "P9M"),
    ("Insurance has been a tough business in recent quarters.", D(1989, 11, 2), "recent quarters", "DURATION", "PXM"),
    # "a week or so ago": an approximate distance back is still a date
    ("Then, a week or so ago, the general picked Saturday.", D(1991, 2, 25), "a week or so ago", "DATE", "1991-W08"),
    # a weekday before a comma and a number that is no day of a month
    ("In a poll completed on Saturday, 69 percent said they did.", D(1998, 10, 26), "Saturday", "DATE", "1998-10-24"),
    ("At the close of business Thursday, 5,745,188 shares were tendered.", D(1989, 10, 30),
     "Thursday", "DATE", "1989-10-26"),
    # noon / midnight with a weekday; a part of the day before "yesterday"
    ("The offer was to expire at midnight Friday.", D(1989, 10, 30), "midnight Friday", "TIME", "1989-10-27T24:00"),
    ("Iraq was to withdraw starting at noon Saturday.", D(1991, 2, 25), "noon Saturday", "TIME", "1991-02-23T12:00"),
    ("He spoke just after midnight on Wednesday.", D(2026, 3, 5), "midnight on Wednesday", "TIME", "2026-03-04T00:00"),
    ("In London at mid-afternoon yesterday, the shares were up.", D(1989, 11, 2),
     "mid-afternoon yesterday", "TIME", "1989-11-01TAF"),
    # "will one day": some day to come
    ("Islam will one day be the second largest religion in the country.", D(1998, 3, 3),
     "one day", "DATE", "FUTURE_REF"),
]


@pytest.mark.parametrize("text,pub,expr,type_,value", TAKES)
def test_takes(text, pub, expr, type_, value):
    got = resolve(text, pub)
    assert expr in got, got
    assert got[expr] == (type_, value)


NOT_TAKEN = [
    # the denominator of a fraction is no number of units
    ("They lived there for 2 1/2 years.", "2 years"),
    # a hyphenated compound is no quarter
    ("The quarter-to-quarter comparison was also enhanced.", "The quarter"),
    ("The rate is just above its quarter-century low.", "its quarter"),
    ("Agassi has progressed to the quarter-final stage.", "the quarter"),
    # "last" the verb before "a few months"
    ("The company has enough supply to last a few months.", "last a few months"),
    # a weekday before the day and month it names stays one expression
    ("The summit opens on Friday, 3 March 2000.", "Friday"),
    # "one day later" is a distance, not some day to come
    ("It will take effect one day later.", "one day later"),
    # "more" before a noun that is no unit
    ("The firm hired about 20 more people.", "20 more people"),
]


@pytest.mark.parametrize("text,expr", NOT_TAKEN)
def test_not_taken(text, expr):
    got = resolve(text, D(1998, 10, 26))
    assert expr not in got, got


def test_one_day_later_stays_a_duration():
    got = resolve("It will take effect one day later.", D(1998, 10, 26))
    assert got.get("one day") == ("DURATION", "P1D"), got


def test_weekday_with_its_date_is_one_expression():
    got = resolve("The summit opens on Friday, 3 March 2000.", D(2000, 2, 1))
    assert got.get("Friday, 3 March 2000") == ("DATE", "2000-03-03"), got


def test_midnight_closes_its_day():
    got = resolve("Bridges could be destroyed by midnight Tuesday.", D(2026, 4, 7))
    assert got.get("midnight Tuesday") == ("TIME", "2026-04-07T24:00"), got


TENSE = [
    # a date opening its sentence takes the tense of the first verb after it: a future
    # cue after a past verb is what was told ("announced plans to")
    ("Profits doubled. In September, it announced plans to acquire the unit.", D(1989, 10, 30),
     "September", "1989-09"),
    ("In early January, Israel was quietly finalizing plans for a campaign.", D(2026, 4, 12),
     "early January", "2026-01"),
    # ... and a future cue first is the coming one, however long the subject
    ("He spoke. On Tuesday, the National Abortion and Reproductive Rights Action League plans to hold "
     "a news conference.", D(1998, 10, 26), "Tuesday", "1998-10-27"),
    ("Newsom said. On Thursday, Los Angeles Mayor Karen Bass and women on the City Council are set to "
     "sign a proclamation.", D(2026, 3, 17), "Thursday", "2026-03-19"),
    ("Officials met. “On April 21, President Trump is scheduled to read Scripture via video.", D(2026, 4, 19),
     "April 21", "2026-04-21"),
    ("In September, it is expected to open.", D(1989, 10, 30), "September", "1990-09"),
]


@pytest.mark.parametrize("text,pub,expr,value", TENSE)
def test_tense_after_a_date_opening_its_sentence(text, pub, expr, value):
    got = resolve(text, pub)
    assert got.get(expr, (None, None))[1] == value, got


def test_says_does_not_make_a_date_past():
    # "May 2: Trump says ... he will": a present report, the nearest May 2
    got = resolve("Weenick writes.\n\nMay 2: Trump says in an online post he will revoke it.", D(2025, 4, 26))
    assert got.get("May 2") == ("DATE", "2025-05-02"), got


def test_weekday_opening_a_past_sentence_stays_past():
    got = resolve("He spoke. On Tuesday, the National Abortion and Reproductive Rights Action League held a "
                  "conference that will be aired.", D(1998, 10, 26))
    assert got.get("Tuesday") == ("DATE", "1998-10-20"), got


def test_as_soon_as_possible_is_one_vague_future():
    got = resolve('It would seek to liquidate the maker "as soon as possible," even if a merger fails.', D(1989, 11, 1))
    assert got.get("as soon as possible") == ("DATE", "FUTURE_REF"), got
    assert "soon" not in got


@pytest.mark.parametrize("text", [
    "The Americans could leave as soon as the threats stop.",
    "As soon as I got in the car, I told him.",
])
def test_as_soon_as_a_clause_is_no_expression(text):
    got = resolve(text, D(2026, 3, 1))
    assert not any(v[1] == "FUTURE_REF" for v in got.values()), got


def test_as_soon_as_a_date_keeps_the_date_only():
    got = resolve("Artemis II is slated to launch as soon as April 1.", D(2026, 3, 1))
    assert "soon" not in got and got.get("April 1") == ("DATE", "2026-04-01"), got


def test_soon_alone_stays_future():
    got = resolve("They plan to strike again soon in either country.", D(1998, 9, 7))
    assert got.get("soon") == ("DATE", "FUTURE_REF"), got


@pytest.mark.parametrize("text,expr,value", [
    ("The completion of the merger follows months of twists and turns.", "months", "PXM"),
    ("The deal ended decades of repression.", "decades", "PXY"),
    ("Missiles remain despite weeks of bombardment.", "weeks", "PXW"),
])
def test_unnumbered_units_before_of(text, expr, value):
    got = resolve(text, D(2026, 3, 1))
    assert got.get(expr) == ("DURATION", value), got


@pytest.mark.parametrize("text,expr", [
    ("Those were the early days of the war.", "days"),
    ("He wrote about the years of war.", "years"),
])
def test_units_of_an_event_are_no_duration(text, expr):
    assert expr not in resolve(text, D(2026, 3, 1))


def test_previously_planned_does_not_announce():
    got = resolve("Bush let the ground offensive begin as previously planned Saturday night.", D(1991, 2, 25))
    assert got.get("Saturday night") == ("TIME", "1991-02-23TNI"), got


@pytest.mark.parametrize("text,expr,value", [
    ("A US official confirmed talks were planned for Thursday in Geneva.", "Thursday", "2026-02-26"),
    ("She hoped the airport would reopen Monday afternoon, as planned.", "Monday afternoon", "2026-02-23TAF"),
])
def test_planned_still_announces(text, expr, value):
    got = resolve(text, D(2026, 2, 22))
    assert got.get(expr, (None, None))[1] == value, got
