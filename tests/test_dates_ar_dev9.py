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


@pytest.mark.parametrize("text,pub,expr,value", [
    # a bare weekday repeating one the copy already read as a coming day names that day again
    ("يخوض المنتخب يوم الاربعاء مواجهته التي ستجمعه بالجزائر. وقال المدرب ان مباراة الاربعاء لا تقبل انصاف الحلول",
     D(2015, 8, 11), "الاربعاء", "2015-08-12"),
    # a clause going on with an imperfect verb after a future cue earlier in the sentence
    ("وأضاف أن المتوقع أن يستعيد الإعصار قوته عندما يبدأ التحرك نحو الساحل، ويصبح إعصارا ما بعد مداري يوم الجمعة.",
     D(2018, 10, 11), "يوم الجمعة", "2018-10-12"),
])
def test_dev9_coming_weekdays(text, pub, expr, value):
    got = resolve(text, pub)
    assert got.get(expr) == ("DATE", value), got


@pytest.mark.parametrize("text,pub,expr,value", [
    # a future cue earlier in the sentence, but the weekday's clause has no imperfect verb: past
    ("وسيعلن عن ترتيبات الدفن في الأيام المقبلة بحسب العائلة التي شكرت المحبين منذ الإعلان عن وضعها الصحي الإثنين.",
     D(2018, 8, 17), "الإثنين", "2018-08-13"),
    ("ينتقد النظام الذي سيتم على أساسه تقييم الملفات، بحسب رسالة اطلعت عليها الوكالة الاثنين.",
     D(2018, 4, 3), "الاثنين", "2018-04-02"),
    # a repeated weekday with a past cue of its own stays past
    ("ستقام المباراة يوم الأربعاء. وكان الفريق قد تدرب الأربعاء في الملعب نفسه", D(2015, 8, 11), "الأربعاء",
     "2015-08-05"),
])
def test_dev9_coming_weekdays_do_not_take(text, pub, expr, value):
    got = resolve(text, pub)
    assert got.get(expr) == ("DATE", value), got


@pytest.mark.parametrize("text,pub,expr,value", [
    # an hour in words, a bare part of the day (no alif) and a time zone: a clock time
    ("يخوض يوم الاربعاء المنتخب مواجهته التي ستجمعه بالمنتخب الجزائري الرابعة عصر بتوقيت السعودية ضمن منافسات",
     D(2015, 8, 11), "الرابعة عصر بتوقيت السعودية", "2015-08-12T16:00"),
    ("تنطلق المباراة الخميس المقبل التاسعة صباح بتوقيت مكة", D(2015, 8, 11), "التاسعة صباح بتوقيت مكة",
     "2015-08-13T09:00"),
])
def test_dev9_hour_words_with_a_zone(text, pub, expr, value):
    got = resolve(text, pub)
    assert got.get(expr) == ("TIME", value), got


def test_dev9_hour_word_with_a_part_of_the_day_needs_the_zone():
    got = resolve("احتل المنتخب المرتبة الرابعة عصر أمس في الترتيب", D(2015, 8, 11))
    assert not any(k.startswith("الرابعة") for k in got), got


@pytest.mark.parametrize("text,pub,expr,value", [
    # a vague length after «بعدها ب», as «وبعدها بعام»
    ("يبدأ مشواره أمام توتنهام يوم السبت على أن يكون في انتظاره بعدها بأيام ذهاب الدور الفاصل", D(2015, 8, 6),
     "أيام", "PXD"),
    ("وصل الوفد وقبله بساعات وصل وزير الخارجية", D(2015, 8, 6), "ساعات", "PTXH"),
    ("واجه برشلونة بعد ذلك بأسبوع، أتلتيكو مدريد الذي كان متقدما", D(2018, 2, 28), "أسبوع", "P1W"),
    ("طرد التنظيم من مدن سيطروا عليها قبل ذلك بعام في شمال مالي", D(2015, 8, 8), "عام", "P1Y"),
    ("وعاد الوفد بعد ذلك بأيام إلى العاصمة", D(2015, 8, 8), "أيام", "PXD"),
    # «في قادم الأيام»: the coming days, a vague span
    ("وسيكون له شأن في قادم الأيام متى ما تواصل الدعم", D(2015, 8, 11), "قادم الأيام", "PXD"),
    ("ونأمل أن نرى نتائجه في قادم السنوات", D(2015, 8, 11), "قادم السنوات", "PXY"),
])
def test_dev9_vague_spans(text, pub, expr, value):
    got = resolve(text, pub)
    assert got.get(expr) == ("DURATION", value), got


def test_dev9_that_season_takes_the_year_of_the_text():
    got = resolve("كان اللاعب غارقا في أفكاره خلال الإجازة الصيفية عام 2014. ذلك الصيف كان ينتظر انتقاله",
                  D(2018, 6, 21))
    assert got["ذلك الصيف"] == ("DATE", "2014-SU"), got


def test_dev9_that_season_not_before_a_nisba():
    got = resolve("اندلعت الاحتجاجات عام 2011 وفي ذلك الربيع العربي تغير كل شيء", D(2018, 6, 21))
    assert not any(k.startswith("ذلك الربيع") for k in got), got


@pytest.mark.parametrize("text,expr", [
    # a team's age class is a name, not a length of time
    ("شغل مدافع المنتخب الإنجليزي لدون 19 عامًا مركزي الظهير الأيمن", "19 عام"),
    ("وتأهل منتخب تحت 21 سنة إلى النهائي", "21 سنة"),
])
def test_dev9_age_class_of_a_team_is_no_duration(text, expr):
    got = resolve(text, D(2015, 8, 6))
    assert not any(k.startswith(expr) for k in got), got


def test_dev9_an_age_under_a_number_stays():
    got = resolve("ثلث السكان البالغ عددهم 400 مليون نسمة هم دون الـ25 من العمر", D(2018, 2, 10))
    assert got.get("الـ25 من العمر") == ("DURATION", "P25Y"), got


@pytest.mark.parametrize("text,pub,expr,type_,value", [
    # an approximator before one unit with «واحد»: one expression
    ("تستغرق عملية التوظيف عادة أقل من شهر واحد. ووفقا للاستبيان", D(2018, 6, 6), "أقل من شهر واحد", "DURATION", "P1M"),
    # midnight of a night spanning two dates: one TIME on the first date (the second weekday is no day of its own)
    ("وفي بيان أصدرته بعد منتصف ليل الثلاثاء الأربعاء، أوضحت اللجنة", D(2018, 5, 15),
     "منتصف ليل الثلاثاء الأربعاء", "TIME", "2018-05-15TNI"),
])
def test_dev9_extents(text, pub, expr, type_, value):
    got = resolve(text, pub)
    assert got.get(expr) == (type_, value), got


@pytest.mark.parametrize("text,pub,expr,type_,value", [
    # an edge word before «يوم» and a weekday: in the extent, the same day
    ("وصنف الإعصار من الدرجة الثانية بنهاية يوم الثلاثاء، والدرجة الخامسة صباح الأربعاء", D(2018, 10, 11),
     "نهاية يوم الثلاثاء", "DATE", "2018-10-09"),
    # the years went by: a vague span of years
    ("وكان يحتفل بالثلاثية مع برشلونة. مضت السنوات وكلاهما يسير في طريقه", D(2018, 6, 21), "السنوات", "DURATION", "PXY"),
    # the plural year word before a list of years is in the first year's extent
    ("وتوج بلقب كأس العالم 3 مرات مع منتخب بلاده أعوام 1958 و1962 و1970. وسجل", D(2015, 7, 21),
     "أعوام 1958", "DATE", "1958"),
    ("اعتلى المسرح ثلاث مرات، في الأعوام 1966 و1968 و1970. لكن", D(2018, 7, 21), "الأعوام 1966", "DATE", "1966"),
])
def test_dev9_more_extents(text, pub, expr, type_, value):
    got = resolve(text, pub)
    assert got.get(expr) == (type_, value), got


def test_dev9_years_after_the_plural_stay():
    got = resolve("توج بلقب كأس العالم مع منتخب بلاده أعوام 1958 و1962 و1970. وسجل", D(2015, 7, 21))
    assert got.get("1962") == ("DATE", "1962") and got.get("1970") == ("DATE", "1970"), got


def test_dev9_early_hours_of_a_weekday_are_one_expression():
    got = resolve("وقال المركز في نشرة إنه في الساعات الأولى من الخميس انخفضت سرعة الرياح", D(2018, 10, 11))
    assert got.get("الساعات الأولى من الخميس") == ("DATE", "2018-10-11"), got


@pytest.mark.parametrize("text,expr,type_,value", [
    # the folded «إلى» («الى») is no definite word after an expression (the class of e40e99b, in the
    # other patterns whose lookahead refused a definite word)
    ("ارتفعت الأسعار منذ بداية الشهر إلى مستويات قياسية", "بداية الشهر", "DATE", "2015-08"),
    ("وانتقلت الحكاية عبر السنين إلى أجيال أخرى", "السنين", "DURATION", "PXY"),
    ("ارتفعت في الربع الأول من العام إلى 5 بالمئة", "الربع الأول من العام", "DATE", "2015-Q1"),
])
def test_dev9_folded_ila_is_no_definite_word(text, expr, type_, value):
    got = resolve(text, D(2015, 8, 10))
    assert got.get(expr) == (type_, value), got


def test_dev9_a_definite_word_still_stops_them():
    got = resolve("وانتقلت عبر السنين الضوئية", D(2015, 8, 10))
    assert "السنين" not in got, got


@pytest.mark.parametrize("text,expr,value", [
    # one whole unit in the accusative, as «ليوم كامل»
    ("ظل صائما يوما كاملا قبل أن يفطر", "يوما كاملا", "P1D"),
    ("أمضى شهرا كاملا في المستشفى", "شهرا كاملا", "P1M"),
])
def test_dev9_whole_unit_accusative(text, expr, value):
    got = resolve(text, D(2015, 8, 10))
    assert got.get(expr) == ("DURATION", value), got
