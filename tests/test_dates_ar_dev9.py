"""Arabic date classes fixed on dev 9 (tests/data/dates_ar_dev9.jsonl): what each rule must
take, and what it must not take. Kept apart from tests/test_dates.py."""

from __future__ import annotations

import datetime as _dt

import pytest

from conftest import timeline_values as resolve

D = _dt.date


@pytest.mark.parametrize("text,pub,exprs", [
    # the years of a season: two DATEs (the dev 6 choice), not a name
    ("يفرض نفسه من الفرق القادرة على الفوز بلقب الدوري الممتاز لموسم 2015 - 2016 نتيجة التعاقدات", D(2015, 8, 6),
     {"2015": "2015", "2016": "2016"}),
    ("إدارة مباراة النهائي للموسم الرياضي 2017-2018 بين فريقي الاتحاد والفيصلي", D(2018, 5, 15),
     {"2017": "2017", "2018": "2018"}),
])
def test_dev9_season_years(text, pub, exprs):
    got = resolve(text, pub)
    for expr, value in exprs.items():
        assert got.get(expr) == ("DATE", value), got


@pytest.mark.parametrize("text,pub,expr", [
    ("وشارك في بطولة كأس 2015 - 2016 للناشئين", D(2015, 8, 6), "2015"),  # a cup edition stays a name
    ("وكانت أفضل مواسمه موسم 2010 - 2014 حين", D(2015, 8, 6), "2010"),  # not two consecutive years: no season
])
def test_dev9_season_years_do_not_take(text, pub, expr):
    got = resolve(text, pub)
    assert expr not in got, got


@pytest.mark.parametrize("text,pub,expr,type_,value", [
    # «قبل» + a vague length + «من» + an event: the length before the event, not a past reference
    ("استبعده الاتحاد بشكل مفاجئ قبل ساعات من موعد المباراة واستبدله بحكم آخر", D(2018, 5, 15),
     "ساعات", "DURATION", "PTXH"),
    ("أرسل النواب الخطاب وقبل أسابيع من تأكيد المنظمة أنها", D(2018, 9, 3), "أسابيع", "DURATION", "PXW"),
    # «قليلة» is part of the vague reference
    ("كشفت الصحيفة عن انطلاق عملية عسكرية قبل أيام قليلة ضد الجماعات المسلحة", D(2013, 10, 29),
     "قبل أيام قليلة", "DATE", "PAST_REF"),
    # counted back from now it stays a past reference
    ("وكان الوزير قد أعلن قبل أيام أن المشروع سيبدأ", D(2018, 5, 15), "قبل أيام", "DATE", "PAST_REF"),
])
def test_dev9_vague_length_before_an_event(text, pub, expr, type_, value):
    got = resolve(text, pub)
    assert got.get(expr) == (type_, value), got
