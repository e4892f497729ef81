"""Arabic date classes fixed on dev 7 (tests/data/dates_ar_dev7.jsonl): what each rule must
take, and what it must not take. Kept apart from tests/test_dates.py."""

from __future__ import annotations

import datetime as _dt

import pytest

from conftest import timeline_values as resolve


D = _dt.date


TAKES = [
    # (text, publication date, expression, type, value)
    # a weekday with a day and month and no year: the weekday picks the year, not the tense
    ("ويختتم المهرجان أنشطته في موسكو يوم الجمعة (17 يوليو تموز) رابط الخبر", D(2015, 7, 21),
     "يوم الجمعة (17 يوليو تموز)", "DATE", "2015-07-17"),
    ("وقع الحادث يوم الجمعة 3 يناير في المدينة", D(2015, 7, 21), "يوم الجمعة 3 يناير", "DATE", "2014-01-03"),
    # a month of another year: «من العام السابق» as «من العام الماضي»; «الشهر ذاته/نفسه» with its year
    ("ارتفعت إلى 1.9 مليار دولار في يناير مقارنة مع 4.7 مليار دولار في يناير من العام السابق.", D(2018, 3, 2),
     "يناير من العام السابق", "DATE", "2017-01"),
    ("ارتفعت الصادرات في يناير/كانون الثاني مقارنة مع 1.6 مليار في الشهر ذاته من عام 2017.", D(2018, 3, 2),
     "الشهر ذاته من عام 2017", "DATE", "2017-01"),
    ("تراجعت مبيعات تموز/يوليو الماضي بنسبة 10% عن الشهر نفسه من العام الماضي بسبب ضعف الطلب", D(2015, 8, 3),
     "الشهر نفسه من العام الماضي", "DATE", "2014-07"),
    # years: a century in quoted digits, the second year after a slash, a year after a noun it dates
    ("أعيد بناء المسجد الذي يعود تاريخ إنشائه إلى القرن \"19\"، في إطار مشروع", D(2015, 8, 7), 'القرن "19"', "DATE", "18"),
    ("تراجع معدل نمو الأجور من 25% عام 2013/2014 إلى 5% في موازنة العام الحالي", D(2018, 2, 25), "2014", "DATE", "2014"),
    ("وهو ما لم يتحقق بسبب الأزمة المالية في 2008 ثم ثورة 2011. ويشير آخر بحث", D(2018, 2, 25), "2011", "DATE", "2011"),
    ("وبموجب اتفاق 2015، وافقت طهران على الحد من أنشطتها", D(2018, 5, 11), "2015", "DATE", "2015"),
    ("عن قائمة الأفلام المرشحة لدورة 2018 لجوائز السيزار", D(2018, 2, 2), "2018", "DATE", "2018"),
    # «اليوم» = nowadays: until today, «يومنا هذا», a verb of becoming with its subject between
    ("اشترت منه قطعة أرض سنة 2000 لكنها لم تتمكن إلى اليوم من استغلالها", D(2016, 3, 4), "اليوم", "DATE", "PRESENT_REF"),
    ("هو الأكثر تعقيدا من بين كل ما تم العثور عليه لحد اليوم. ورجح علماء", D(2018, 6, 3), "اليوم", "DATE",
     "PRESENT_REF"),
    ("ولهذه السماعات ماض طويل منذ اختراعها حتى يومنا هذا، ففي الوقت", D(2018, 8, 6), "يومنا هذا", "DATE", "PRESENT_REF"),
    ("ولا تستخدم إلا لأغراض محددة، أصبحت سماعات الأذن اليوم خفيفة الوزن", D(2018, 8, 6), "اليوم", "DATE", "PRESENT_REF"),
    # a match to come: «تلعب» announces the weekday
    ("وتلعب بلجيكا مع مصر يوم الأربعاء ثم كوستاريكا بعد ذلك بخمسة أيام", D(2018, 6, 3), "يوم الأربعاء", "DATE",
     "2018-06-06"),
    # «غدا» without tanween before a preposition is tomorrow
    ("من القابعين خلف الشاشة الصغيرة تتجه غدا نحو عاصمة الضباب", D(2015, 8, 11), "غدا", "DATE", "2015-08-12"),
    # whole extents: a unit and a half with the unit repeated, «كاملة» after a number, a Hijri day with
    # its direction word, «في وقت مبكر من هذا الشهر»
    ("أعيد بناء المسجد في إطار مشروع استغرق إنجازه عاماً ونصف العام، وأعيد", D(2015, 8, 7), "عاماً ونصف العام",
     "DURATION", "P1Y6M"),
    ("مكث بعربته لحراسة الرجل وزوجته لمدة أربع ساعات كاملة إلى أن استيقظ", D(2015, 8, 4), "أربع ساعات كاملة",
     "DURATION", "PT4H"),
    ("تقيم الوزارة في الثالث من شهر ذي القعدة القادم، دورة توعوية", D(2015, 8, 11),
     "الثالث من شهر ذي القعدة القادم", "DATE", "2015-08-18"),
    ("ولاحقا عين محققا خاصا. وفي وقت مبكر من هذا الشهر، اتهمت وزارة العدل 12 ضابطا", D(2018, 7, 26),
     "في وقت مبكر من هذا الشهر", "DATE", "2018-07"),
    # days of every month: one SET
    ("ستعلن وزارة الطاقة في الثامن والعشرين من كل شهر أسعار الوقود", D(2015, 7, 23), "الثامن والعشرين من كل شهر",
     "SET", "P1M"),
    ("فينوي صيام ثلاثة أيام من كل شهر، وصيام الأيام الست من شوال", D(2015, 7, 27), "ثلاثة أيام من كل شهر", "SET", "P1M"),
]


@pytest.mark.parametrize("text,pub,expr,type_,value", TAKES)
def test_dev7_class_takes(text, pub, expr, type_, value):
    got = resolve(text, pub)
    assert expr in got, got
    assert got[expr] == (type_, value)


def test_weekday_near_publication_keeps_the_nearest_year():
    # 7 October 2024 is a Monday: within 60 days of publication the year is the nearest one,
    # not 2023 (a Saturday), so that the weekday check can tell the wrong weekday
    got = resolve("انطلقت البطولة السبت 7 أكتوبر/تشرين الأول بمشاركة عشرين فريقا.", D(2024, 10, 20))
    assert got["السبت 7 أكتوبر/تشرين الأول"] == ("DATE", "2024-10-07")


def test_weekday_that_fits_no_year_keeps_the_tense():
    # Monday 5 March is in none of 2014-2016: the year of the tense stays (no guess)
    got = resolve("وقع الحادث يوم الاثنين 5 مارس في المدينة", D(2015, 7, 21))
    assert got["يوم الاثنين 5 مارس"] == ("DATE", "2015-03-05")


def test_same_month_without_a_year_stays_the_month_spoken_of():
    got = resolve("ارتفعت الصادرات في يناير 2018 بنسبة 5% وتراجعت الواردات في الشهر ذاته.", D(2018, 3, 2))
    assert got["الشهر ذاته"] == ("DATE", "2018-01")
    # «نفس اليوم من عام 1931» is the same day of another year: not read as a month, but as that day
    # and month in 1931, one expression (dev 10, same_month_of_year)
    got = resolve("ولد في 5 مايو 1900 وتوفي في نفس اليوم من عام 1931.", D(2018, 3, 2))
    assert got.get("نفس اليوم من عام 1931") == ("DATE", "1931-05-05"), got


@pytest.mark.parametrize("text", [
    "المشاركة مع منتخب بلاده في مونديال 2018 في روسيا.",  # a name, not a date
    "حصل على 2013/2014 نقطة في المسابقة",  # no year taken before the slash
])
def test_years_not_taken(text):
    got = resolve(text, D(2018, 2, 25))
    assert not any(v[0] == "DATE" and v[1] in ("2018", "2014", "18") for v in got.values()), got


@pytest.mark.parametrize("text,expr", [
    ("وصل الوفد اليوم إلى الرياض في زيارة رسمية", "اليوم"),  # before «إلى»: today
    ("أصبح الاتفاق ساريا بعد أن وقعه الطرفان في الرياض اليوم", "اليوم"),  # the verb of becoming is far back
    ("أكد الوزير اليوم أن الوضع أصبح مستقرا", "اليوم"),  # a reporting verb
])
def test_today_stays_the_publication_day(text, expr):
    got = resolve(text, D(2018, 8, 6))
    assert got[expr] == ("DATE", "2018-08-06"), got


@pytest.mark.parametrize("text", [
    "وبعد أن مات والده غدا ألفرد الوارث الوحيد",  # the verb "became"
    "وقد غدا من أبرز لاعبي الفريق",  # the verb, before «من»
])
def test_ghada_the_verb_is_not_tomorrow(text):
    got = resolve(text, D(2015, 8, 11))
    assert "غدا" not in got, got


def test_yuwajih_is_no_future_cue():
    # «يواجه ... انتقادات» is no match to come: 1 May written on 2 May stays past
    got = resolve("في الداخل يواجه ماكرون انتقادات بسبب توقيت زيارته والذي يتصادف مع مسيرات 1 مايو", D(2018, 5, 2))
    assert got["1 مايو"] == ("DATE", "2018-05-01")


def test_half_without_its_unit_is_not_taken_twice():
    # «عاما ونصف مليون» is no duration of a year and a half
    got = resolve("أنفق عاما كاملا ونصف مليون دولار", D(2015, 8, 7))
    assert not any(v == ("DURATION", "P1Y6M") for v in got.values()), got


def test_every_month_alone_stays_a_set_of_its_own():
    got = resolve("تصدر المجلة كل شهر عددا جديدا منذ 2010", D(2015, 7, 23))
    assert got["كل شهر"] == ("SET", "P1M")
