"""Arabic date classes fixed on dev 12 (tests/data/dates_ar_dev12.jsonl): what each rule must
take, and what it must not take. Kept apart from tests/test_dates.py."""

from __future__ import annotations

import datetime as _dt

import pytest

from conftest import timeline_values as resolve

D = _dt.date


@pytest.mark.parametrize("text", [
    # «في القريب العاجل» holds no other date word: «العاجل» is an anchor
    "عن أمله في أن يعم الأمن والاستقرار المحافظات اليمنية كافة في القريب العاجل ، مؤكدا استمرار الدعم",
    "وأعرب عن أمله في انتهاء الأعمال العسكرية في القريب العاجل وتأمين دخول المساعدات",
])
def test_dev12_soon(text):
    assert resolve(text, D(2015, 7, 25)).get("في القريب العاجل") == ("DATE", "FUTURE_REF")


def test_dev12_urgent_news_is_no_date():
    assert resolve("خبر عاجل: العاجل من الأنباء يصل تباعا", D(2015, 7, 25)) == {}


def test_dev12_hourly():
    got = resolve("تتزايد الاحتياجات يوميا لموفري خدمات منزلية حسب الطلب كل ساعة، وبطبيعة الأحوال", D(2018, 3, 24))
    assert got.get("كل ساعة") == ("SET", "PT1H"), got
    assert "الساعة" not in resolve("وتعمل فرق الطوارئ على مدار الساعة", D(2018, 3, 24))


@pytest.mark.parametrize("text,expr,value", [
    # a past verb before a month without a year: the last such month, not the nearest one
    ("وطرحت الشركة جهازها اللوحي الذي بدأ بيعه في يناير كانون الثاني في الصين", "يناير كانون الثاني", "2015-01"),
    # the verb with its object pronoun («أعلنته»)
    ("وتضمنت الخطة التي أعلنته في يناير تسريح العمال", "يناير", "2015-01"),
    # no past verb: the nearest January (five months ahead, not seven back)
    ("وتطرح الشركة جهازها الجديد في يناير", "يناير", "2016-01"),
])
def test_dev12_past_verbs_with_pronouns(text, expr, value):
    assert resolve(text, D(2015, 8, 10)).get(expr) == ("DATE", value)


@pytest.mark.parametrize("text", [
    # a name holding a date: no part of it is read as a date either
    "وتجمع المحتجون في ساحة الثالث والعشرين من يوليو وسط المدينة",
    "يقع المحل في شارع 7 نوفمبر بالعاصمة",
])
def test_dev12_no_date_inside_a_name(text):
    assert resolve(text, D(2015, 7, 25)) == {}


@pytest.mark.parametrize("text,expr", [
    ("وقدم التهنئة بمناسبة ذكرى ثورة الثالث والعشرين من يوليو (تموز). وتم خلال اللقاء", "الثالث والعشرين من يوليو (تموز)"),
    ("بمناسبة ذكرى ثورة 23 يوليو", "23 يوليو"),
])
def test_dev12_the_1952_revolution(text, expr):
    assert resolve(text, D(2015, 7, 25)).get(expr) == ("DATE", "1952-07-23")
