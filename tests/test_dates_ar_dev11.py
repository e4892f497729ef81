"""Arabic date classes fixed on dev 11 (tests/data/dates_ar_dev11.jsonl): what each rule must
take, and what it must not take. Kept apart from tests/test_dates.py."""

from __future__ import annotations

import datetime as _dt

import pytest

from conftest import timeline_values as resolve

D = _dt.date


@pytest.mark.parametrize("text,expected", [
    # «لامس» (touched) is the verb, not ل + «أمس»
    ("بحلول الساعة 07:36 بتوقيت غرينتش. ولامس المعدن الأصفر أدنى مستوى له منذ أسابيع", None),
    ("ومن بين المعادن النفيسة الأخرى، لامس البلاديوم أعلى مستوى في ثمانية أشهر", None),
    ("وفي الجلسة السابقة، فلامس المؤشر مستوى قياسيا", None),
    # yesterday with the preposition, written with its hamza, and yesterday alone, without one
    ("وأعاد الحادث إلى الأذهان ما جرى لأمس قريب في المدينة", ("أمس", "2018-09-27")),
    ("وصل الوفد امس الى العاصمة", ("امس", "2018-09-27")),
])
def test_dev11_lamas_is_the_verb(text, expected):
    got = resolve(text, D(2018, 9, 28))
    days = {k: v[1] for k, v in got.items() if v[0] == "DATE"}
    if expected is None:
        assert not any(k.endswith(("امس", "أمس")) for k in days), got
    else:
        assert days.get(expected[0]) == expected[1], got


@pytest.mark.parametrize("text,expr", [
    ("ويرجح أنها كانت بحيرة في ما مضى قبل جفاف الماء على سطح المريخ", "في ما مضى"),
    ("كان العالم فيما مضى يشكو من الرقابة", "فيما مضى"),
])
def test_dev11_fima_mada_is_the_past(text, expr):
    assert resolve(text, D(2018, 6, 8)).get(expr) == ("DATE", "PAST_REF")


@pytest.mark.parametrize("text,expr,value", [
    # Tunisian «الثلاثية» with its ordinal is a quarter
    ("ابتداء من الثلاثية الثالثة لسنة 2016 ليصل الى معدل 3.6 بالمائة", "الثلاثية الثالثة لسنة 2016", "2016-Q3"),
    ("وتراجع النمو في الثلاثية الأولى من العام الحالي", "الثلاثية الأولى من العام الحالي", "2016-Q1"),
])
def test_dev11_tunisian_quarter(text, expr, value):
    assert resolve(text, D(2016, 6, 29)).get(expr) == ("DATE", value)


def test_dev11_a_treble_is_no_quarter():
    assert resolve("ثم أكمل ميسي الثلاثية في الدقيقة 63 من زمن المباراة", D(2018, 3, 15)) == {}


@pytest.mark.parametrize("text,expr,value", [
    # a number word with the article before a unit: the whole number, not its last word
    ("ويتلقى الشخص خلال فترة لا تتجاوز الأربعة عشر يوما مجموعة من الإرساليات", "الأربعة عشر يوما", "P14D"),
    ("توقفت المقابلة لمدة تفوق الثلاثين دقيقة بعد تسجيل الهدف", "الثلاثين دقيقة", "PT30M"),
    ("قضى العشر سنوات الأولى من حياته في القرية", "العشر سنوات", "P10Y"),
])
def test_dev11_definite_number_durations(text, expr, value):
    assert resolve(text, D(2016, 8, 11)).get(expr) == ("DURATION", value)


@pytest.mark.parametrize("text,absent,present", [
    # a percentage before a weekday: no hundred days
    ("ونزل الذهب نحو أربعة في المئة يوم الاثنين بعد موجة بيع", "المئة يوم", ("يوم الاثنين", "2015-07-20")),
    # the second part of one age, its first part glued to the word before: not fifty years
    ("توفي عن عمر يناهزالخامسة والخمسين عاماً", "الخمسين عاما", None),
])
def test_dev11_definite_numbers_left_alone(text, absent, present):
    got = resolve(text, D(2015, 7, 23))
    assert absent not in got and not any(v[1] in ("P100D", "P50Y") for v in got.values()), got
    if present:
        assert got.get(present[0]) == ("DATE", present[1]), got


@pytest.mark.parametrize("text,expected", [
    # a day of a kind, not a length
    ("ويأتي ذلك بعد يوم دموي في الغوطة الشرقية", None),
    ("وجاء التتويج بعد عام حافل بالإنجازات", None),
    # lengths stay: before «على» (folded like a nisba adjective), «من», «للتعافي»
    ("وقال إنه وبعد مرور عام على أزمة قطر فإن المقاطعة فشلت", ("عام", "P1Y")),
    ("بعد أسبوع على بداية مشواره مع النادي", ("أسبوع", "P1W")),
    ("أن اللاعب يحتاج لمدة شهر للتعافي من الجراحة", ("شهر", "P1M")),
])
def test_dev11_one_unit_before_an_adjective(text, expected):
    got = resolve(text, D(2018, 6, 1))
    if expected is None:
        assert not any(v[0] == "DURATION" for v in got.values()), got
    else:
        assert got.get(expected[0]) == ("DURATION", expected[1]), got


@pytest.mark.parametrize("text,expected", [
    ("لجنة مولر تتهم 13 روسيا بملف التدخل بانتخابات أمريكا 2016\nنيويورك", "2016"),
    ("اتهامات في الانتخابات الرئاسية الأمريكية 2016، الجمعة، لثلاثة عشر شخصا", "2016"),
    ("منذ الانتخابات العامة 2017، ونحن بصدد المراجعة", "2017"),
    # a count after the election, not its year
    ("وتنافس في الانتخابات البلدية 2000 مرشح", None),
])
def test_dev11_the_year_of_an_election(text, expected):
    got = resolve(text, D(2018, 2, 16))
    if expected is None:
        assert "2000" not in got, got
    else:
        assert got.get(expected) == ("DATE", expected), got


@pytest.mark.parametrize("text,expr,value", [
    # a weekday in the reporting clause dates the quotation's deictics
    ('وأصدر البيت الأبيض بيانا السبت يثني فيه على "الشباب الذي يمارس اليوم حقه بموجب الدستور".', "اليوم", "2018-03-24"),
    ('وقال الوزير يوم الخميس: "سنلتقي غدا مع الوفد"', "غدا", "2018-03-23"),
    # a deictic outside a quotation, and a quotation with no day before it, keep publication
    ("وقال الوزير اليوم إن الوفد وصل", "اليوم", "2018-03-25"),
    ('وقال الوزير: "سنلتقي غدا مع الوفد"', "غدا", "2018-03-26"),
])
def test_dev11_weekday_of_the_report(text, expr, value):
    assert resolve(text, D(2018, 3, 25)).get(expr) == ("DATE", value)
