"""Arabic date readings added in the dev 13 round (the former test 2 set, read after it stopped
being a test set): each case is a sentence of that kind and the value it must get."""

from __future__ import annotations

import datetime

import pytest

from factcheck.dates import timeline_for
from factcheck.document import parse_document


def values(text: str, pub: str) -> list[tuple[str, str]]:
    doc = parse_document("x.txt", text, lang="ar", published=datetime.date.fromisoformat(pub))
    return [(t["text"], t["value"]) for t in timeline_for(doc)]


@pytest.mark.parametrize("text,want", [
    ("في وقت يسبق ما كان معتقدا بنحو 100 ألف عام.", [("نحو 100 ألف عام", "P100000Y")]),
    ("وكان هناك نحو 180 ألف سنة من الانقطاع.", [("نحو 180 ألف سنة", "P180000Y")]),
    # deep time counted back from now has no calendar year: a past reference
    ("كان البشر في تلك المنطقة منذ نحو 700 ألف سنة، وصنعوا فؤوسا", [("منذ نحو 700 ألف سنة", "PAST_REF")]),
    # a money figure is no duration
    ("حصل على 100 ألف دولار في الشهر الماضي", [("الشهر الماضي", "2018-02")]),
])
def test_thousands_of_years(text, want):
    assert values(text, "2018-03-17") == want


def test_ago_with_a_teen_number_and_an_approximated_year():
    assert values("يسيطر على السلطة منذ أحد عشر عاما.", "2018-02-16") == [("منذ أحد عشر عاما", "2007")]
    assert values("السلطة منذ أكثر من أحد عشر عاما، وقد", "2018-02-16") == [("منذ أكثر من أحد عشر عاما", "2007")]
    assert values("التي يسيطر عليها التنظيم منذ قرابة السنة ، الـ 2000 مقاتل", "2015-12-08") == \
        [("منذ قرابة السنة", "2014")]


def test_qariban_min_near_or_soon():
    # near (an adjective agreeing with the accusative before it), not soon
    assert values("يعتقدون أن مبنى عسكريا قريبا من مكان الهجوم كان الهدف", "2015-08-07") == []
    # soon: «تمكين X من Y» governs the «من»
    assert values("قد يعني تمكين مستخدمي الهواتف الذكية قريبا من شحن أجهزتهم", "2015-08-07") == \
        [("قريبا", "FUTURE_REF")]


def test_as_soon_as_possible():
    assert values("دعا إلى تشكيل الحكومة في أقرب وقت ممكن على أسس صحيحة", "2018-07-27") == \
        [("في أقرب وقت ممكن", "FUTURE_REF")]


def test_weekday_with_a_day_and_month_takes_the_calendar_that_fits():
    text = "مواعيد المراجعة: • الأحد 17/10 • الاثنين 18/10 • الثلاثاء 19/10 • الأحد 24/10 والحضور مبكرا"
    # 2015-08-02 is 17 Shawwal 1436, a Sunday: the Hijri reading fits every weekday
    assert values(text, "2015-08-02") == [("الأحد 17/10", "2015-08-02"), ("الاثنين 18/10", "2015-08-03"),
                                          ("الثلاثاء 19/10", "2015-08-04"), ("الأحد 24/10", "2015-08-09")]
    # the Gregorian reading: Sunday 9 August 2015
    assert values("يبدأ التسجيل يوم الأحد 9/8", "2015-08-02") == [("يوم الأحد 9/8", "2015-08-09")]
    # a weekday that neither calendar gives that day: no date from the numbers, the weekday alone
    got = values("يبدأ التسجيل يوم الخميس 9/8", "2015-08-02")
    assert [t for t, _ in got] == ["يوم الخميس"]


def test_weekday_closing_a_sentence_after_a_comma_takes_the_clause_before():
    assert values("بينما ستلعب كرواتيا النهائي أمام فرنسا، يوم الأحد.", "2018-07-12") == \
        [("يوم الأحد", "2018-07-15")]
    # a parenthetical weekday, a comma after it too: not the future clause's day
    assert values("التي تستضيف قوات التحالف، مساء الثلاثاء، اجتماعا", "2018-07-12") == \
        [("مساء الثلاثاء", "2018-07-10TEV")]
    assert values("التقى الرئيس نظيره الفرنسي، يوم الأحد.", "2018-07-12") == [("يوم الأحد", "2018-07-08")]


def test_month_with_fi_before_the_year_word():
    assert values("وستتكرر في شهر يوليو في العام 2034، ولكن", "2015-07-31") == \
        [("شهر يوليو في العام 2034", "2034-07")]


def test_months_in_the_clause_of_a_year():
    assert values("ففي العام 2018 سيقع قمران أزرقان في شهري يناير ومارس، ما يعطينا", "2015-07-31") == \
        [("العام 2018", "2018"), ("يناير", "2018-01"), ("مارس", "2018-03")]
    # another clause: the year of a list before a comma says nothing of the month after it
    got = values("الفائز بالجائزة عامي 2016 و2017، الفوز بلقب دوري الأبطال في مايو/أيار، وذلك", "2018-09-03")
    assert got[-1] == ("مايو/أيار", "2018-05")


def test_lengths_read_from_the_verb_and_a_year_and_months():
    assert values("وقال خبراء إن قراره قد يستغرق شهورا. واستجوبت الشرطة", "2018-02-16") == [("شهورا", "PXM")]
    assert values("استمرت المفاوضات أياما قبل الاتفاق", "2018-02-16") == [("أياما", "PXD")]
    assert values("بعد أن قضى عاما وأربعة أشهر في السجن", "2018-02-16") == [("عاما وأربعة أشهر", "P1Y4M")]
    # the days of a month are no length
    assert [t for t, _ in values("يبث خلال أيام شهر رمضان، وقد", "2015-07-21")] == ["شهر رمضان"]


def test_the_set_day_is_not_today():
    assert values("لن يتم قبول أي متقدمة في غير اليوم المحدد لمراجعتها", "2015-08-02") == []


def test_a_weekday_after_until_with_no_past_cue_is_coming():
    assert values("طلب الحزب أن تبقى الجلسة مفتوحة الى يوم الخميس لإعطاء مهلة", "2014-12-03") == \
        [("يوم الخميس", "2014-12-04")]
    # a past cue in the clause: the day before
    assert values("وقال إن الجلسة عقدت حتى يوم الخميس", "2014-12-03") == [("يوم الخميس", "2014-11-27")]
