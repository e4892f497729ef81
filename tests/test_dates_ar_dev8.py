"""Arabic date classes fixed on dev 8 (tests/data/dates_ar_dev8.jsonl): what each rule must
take, and what it must not take. Kept apart from tests/test_dates.py."""

from __future__ import annotations

import datetime as _dt

import pytest

from conftest import timeline_values as resolve

from factcheck.document import parse_document

D = _dt.date


TAKES = [
    # (text, publication date, expression, type, value)
    # after «الموافق» a 14xx year is Hijri without «هـ»; the weekday or the clock time it restates takes it
    ("تبدأ الخدمة اعتبارا من الساعة الثامنة من صباح الأحد الموافق 01/11/1436. وسيتم", D(2015, 8, 9),
     "01/11/1436", "DATE", "2015-08-16"),
    ("تبدأ الخدمة اعتبارا من الساعة الثامنة من صباح الأحد الموافق 01/11/1436. وسيتم", D(2015, 8, 9),
     "الساعة الثامنة من صباح الأحد", "TIME", "2015-08-16T08:00"),
    ("وسيتم إيقافها الإثنين الموافق 01/12/1436 في تمام الساعة السادسة مساء، وسيتاح", D(2015, 8, 9),
     "الإثنين", "DATE", "2015-09-14"),
    ("وسيتم إيقافها الإثنين الموافق 01/12/1436 في تمام الساعة السادسة مساء، وسيتاح", D(2015, 8, 9),
     "01/12/1436", "DATE", "2015-09-14"),
    # a range of days: the second day is the expression, the weekday restates the first
    ("اجتمعت اللجنة الوطنية مساء يوم السبت الموافق 17-18/09/1436. وبناء على ذلك", D(2015, 8, 9),
     "18/09/1436", "DATE", "2015-07-05"),
    ("اجتمعت اللجنة الوطنية مساء يوم السبت الموافق 17-18/09/1436. وبناء على ذلك", D(2015, 8, 9),
     "مساء يوم السبت", "TIME", "2015-07-04TEV"),
    # a garbled Hijri date after a deictic with its weekday takes the day the deictic names (dev 6 choice)
    ("بلغ عددهم حتى الساعة 5:30 مساء هذا اليوم الاثنين الموافق 10/4 / 1436هـ نحو 354 ألفا", D(2015, 7, 21),
     "10/4 / 1436هـ", "DATE", "2015-07-20"),
    ("وذلك حتى الساعة 5:30 مساء أمس الاثنين الموافق 10/4/ 1436هـ حسب المديرية", D(2015, 7, 21),
     "10/4/ 1436هـ", "DATE", "2015-07-20"),
    # hours and minutes, years and months: one duration
    ("لينهي المواجهة بعد ثلاث ساعات و20 دقيقة. وقال نادال", D(2018, 9, 2), "ثلاث ساعات و20 دقيقة", "DURATION",
     "PT3H20M"),
    ("وقضت المحكمة بسجنه عامين وستة أشهر في القضية", D(2018, 9, 2), "عامين وستة أشهر", "DURATION", "P2Y6M"),
    # rates and habits: «في اليوم» with a number after it or a quantity before it, «كل صباح»
    ("وأوضحت أنها وزوجها يجمعان في اليوم حوالي 30 يارساغومبا، تبلغ قيمتها", D(2018, 7, 18), "في اليوم", "SET", "P1D"),
    ("ولا يمكن التنبؤ بالكمية التي سنحصدها في اليوم. ويعتمد عدد من الشباب", D(2018, 7, 18), "في اليوم", "SET",
     "P1D"),
    ("وأضافت \"ننطلق كل صباح في الساعة السابعة ولا نعود إلى بيوتنا", D(2018, 7, 18), "كل صباح", "SET", "P1D"),
    # one unit with «واحدا»; the half hour of a match; an age in decades
    ("في منتدى المالية العامة الذي يستمر يوما واحدا في دبي", D(2018, 2, 10), "يوما واحدا", "DURATION", "P1D"),
    ("فلم تستفق سوى بعد مرور نصف الساعة الأول، فبدأ ميسي بالتحرك", D(2018, 6, 30), "نصف الساعة الأول", "DURATION",
     "PT30M"),
    ("تقدمت أستاذة تعليم ثانوي في العقد الرابع من عمرها الى مقر الشرطة", D(2016, 5, 5), "العقد الرابع من عمرها",
     "DURATION", "PXY"),
    # «اليوم الموالي» (Maghreb): the day after the day the text spoke of
    ("افتتح المهرجان يوم الخميس 11 ماي. وفي اليوم الموالي، عاش الجمهور لحظات استثنائية", D(2017, 5, 13),
     "اليوم الموالي", "DATE", "2017-05-12"),
]


@pytest.mark.parametrize("text,pub,expr,type_,value", TAKES)
def test_dev8_class_takes(text, pub, expr, type_, value):
    got = resolve(text, pub)
    assert expr in got, got
    assert got[expr] == (type_, value)


@pytest.mark.parametrize("text", [
    "بلغ عدد المشتركين 01/11/1436 مشتركا حسب الإحصاء",  # no «الموافق»: a number, not a date
    "سجلت الشركة 12/10/1450 وحدة في الربع الأول",
])
def test_bare_numeric_with_14xx_is_no_hijri_date(text):
    got = resolve(text, D(2015, 8, 9))
    assert not any(v[0] == "DATE" for v in got.values()), got


def test_a_correct_hijri_date_is_not_replaced_by_the_deictic():
    # the Hijri date falls on the weekday named: it stays (and the weekday takes it)
    got = resolve("وصل الوفد يوم الأحد الموافق 01/11/1436 إلى الرياض", D(2015, 8, 9))
    assert got["01/11/1436"] == ("DATE", "2015-08-16")
    assert got["يوم الأحد"] == ("DATE", "2015-08-16")


def test_a_bare_weekday_does_not_overrule_a_hijri_date_on_another_day():
    # «الأربعاء» alone (no deictic) names no day for sure: the written date stays
    got = resolve("وصل الوفد الأربعاء الموافق 01/11/1436 إلى الرياض", D(2015, 8, 9))
    assert got["01/11/1436"] == ("DATE", "2015-08-16")


@pytest.mark.parametrize("text,exprs", [
    ("استمر الاجتماع 5 ساعات و3 أيام من المشاورات", {"5 ساعات": "PT5H", "3 أيام": "P3D"}),  # days after hours: two
    ("بقي 3 أيام و20 دقيقة في الانتظار", {"3 أيام": "P3D", "20 دقيقة": "PT20M"}),  # minutes after days: two
])
def test_other_unit_pairs_stay_two_durations(text, exprs):
    got = resolve(text, D(2018, 9, 2))
    for expr, value in exprs.items():
        assert got.get(expr) == ("DURATION", value), got


@pytest.mark.parametrize("text,pub,expr", [
    # «مستقبلا» as a noun with its accusative adjective: a future, no FUTURE_REF
    ("وأشار التقرير إلى أن لدى القارة مستقبلا اقتصاديا واعدا وتطويرا قويا", D(2015, 7, 25), "مستقبلا"),
    # «قريبا من» after a verb of being: near, not soon
    ("ساهم بحل قضية اللاعب الذي كان قريباً جداً من الانتقال إلى الغريم التقليدي", D(2018, 9, 25), "قريبا"),  # (tanween outside the span)
    ("كما كان قريبا من رجال الأعمال في تلك الفترة", D(2018, 9, 25), "قريبا"),
    # the hours of a part of the day are no vague duration: «فجر أمس» is the expression
    ("واستهدف القصف طوال ساعات فجر أمس أهدافا قرب الحدود", D(2015, 7, 27), "ساعات"),
])
def test_dev8_spurious_not_taken(text, pub, expr):
    got = resolve(text, pub)
    assert expr not in got, got


@pytest.mark.parametrize("text,pub,expr,type_,value", [
    ("ونتطلع أن ننظم مستقبلاً برامج جديدة للشباب", D(2015, 7, 25), "مستقبلا", "DATE", "FUTURE_REF"),  # adverb (tanween outside the span)
    ("ستعمل الهيئة مستقبلا أيضا على تطوير الخدمة", D(2015, 7, 25), "مستقبلا", "DATE", "FUTURE_REF"),
    ("وسيعود اللاعب قريبا إلى الملاعب بعد الإصابة", D(2018, 9, 25), "قريبا", "DATE", "FUTURE_REF"),
    ("واستهدف القصف طوال ساعات فجر أمس أهدافا قرب الحدود", D(2015, 7, 27), "فجر أمس", "TIME", "2015-07-26TMO"),
    ("وتوقع وصول المساعدات خلال ساعات قليلة", D(2015, 7, 27), "ساعات قليلة", "DURATION", "PTXH"),
])
def test_dev8_spurious_rules_keep(text, pub, expr, type_, value):
    got = resolve(text, pub)
    assert got.get(expr) == (type_, value), got


@pytest.mark.parametrize("text,pub,expr", [
    ("سافر الوفد في اليوم إلى باريس بعد الاجتماع", D(2018, 7, 18), "في اليوم"),  # no number, no quantity: no rate
    ("ويعتقد أنه كان يوما صعبا على الجميع", D(2018, 7, 18), "يوما واحدا"),
    ("وقد ظهر في حلقة نصف الساعة الماضية", D(2018, 7, 18), "نصف الساعة الأول"),
])
def test_dev8_new_rules_do_not_take(text, pub, expr):
    got = resolve(text, pub)
    assert expr not in got, got


@pytest.mark.parametrize("text,pub,exprs", [
    # a range of months whose year closes it: the first month takes that year (the year before
    # when it comes later in the calendar)
    ("وذلك في الفترة من يناير/كانون الثاني حتى يونيو/حزيران 2015. وقال الباحث", D(2018, 7, 28),
     {"يناير/كانون الثاني": "2015-01", "يونيو/حزيران 2015": "2015-06"}),
    ("ارتفعت المبيعات بين يناير ومايو 2015 بنسبة 5%", D(2018, 7, 28), {"يناير": "2015-01"}),
    ("سجلت الشركة من نوفمبر إلى فبراير 2016 أرباحا", D(2018, 7, 28), {"نوفمبر": "2015-11"}),
    ("في الفترة من 5 يناير حتى 10 يونيو 2015", D(2018, 7, 28), {"5 يناير": "2015-01-05"}),
    # a dash written in tatweel closes a year («ــ»)
    ("وسيترك بلاتر الذي انتخب رئيسا لأول مرة في 1998 ــ منصبه في 26 شباط (فبراير) 2016، وهو", D(2015, 7, 22),
     {"1998": "1998", "26 شباط (فبراير) 2016": "2016-02-26"}),
    ("وكان ذلك خلال الفترة 2002 ـ 2003 حين تولى المنصب", D(2015, 7, 22), {"2002": "2002", "2003": "2003"}),
])
def test_dev8_years_of_ranges(text, pub, exprs):
    got = resolve(text, pub)
    for expr, value in exprs.items():
        assert got.get(expr) == ("DATE", value), got


@pytest.mark.parametrize("text,pub,expr,value", [
    # a month with its own direction word keeps it; a month in another sentence keeps its year
    ("تراجعت المبيعات في يناير الماضي حتى يونيو 2015 حسب التقرير", D(2018, 7, 28), "يناير الماضي", "2018-01"),
    ("وقع الحادث في مارس. وفي يونيو 2015 عاد إلى بلاده", D(2018, 7, 28), "مارس", "2018-03"),
])
def test_dev8_range_year_does_not_take(text, pub, expr, value):
    got = resolve(text, pub)
    assert got.get(expr) == ("DATE", value), got


def test_a_year_before_a_noun_after_one_space_is_not_taken():
    # a counted noun after the number: a count, not a year (a year after «في» before any other
    # word is a year since the coverage audit of dates9: «أقرت في 1996 وتعرف», «في 1998 منصبه»)
    got = resolve("ويقيم الزوار في 1998 منزل", D(2015, 7, 22))
    assert "1998" not in got, got


def test_days_of_a_month_of_every_year_are_one_set():
    got = resolve("ينظم المهرجان تسعة أيام من شهر ماي من كل سنة في الرباط", D(2017, 5, 13))
    assert got["تسعة أيام من شهر ماي من كل سنة"] == ("SET", "P1Y")
    # with a year instead of «كل سنة»: a duration and a month
    got = resolve("ينظم المهرجان تسعة أيام من شهر ماي 2017 في الرباط", D(2017, 5, 13))
    assert got["تسعة أيام"] == ("DURATION", "P9D") and got["شهر ماي 2017"] == ("DATE", "2017-05")


@pytest.mark.parametrize("text,pub,expr,value", [
    # the copy's «أمس الثلاثاء» in copy dated Tuesday: written on Wednesday; a bare «أمس» of that copy too
    ("وزار الأمير النادي أمس الثلاثاء. وكان النادي استقبل أمس أبناء دار التربية الاجتماعية", D(2015, 7, 21),
     "أمس", "2015-07-21"),
    # the copy's weekday agrees with publication: nothing moves
    ("وزار الأمير النادي أمس الاثنين. وكان النادي استقبل أمس أبناء دار التربية الاجتماعية", D(2015, 7, 21),
     "أمس", "2015-07-20"),
])
def test_bare_deictics_count_from_the_writing_day(text, pub, expr, value):
    got = resolve(text, pub)
    assert got[expr] == ("DATE", value), got


def test_deictics_with_weekdays_that_disagree_move_nothing():
    # two deictics with weekdays a different shift apart: no writing day, «أمس» counts from publication
    got = resolve("وصل أمس الثلاثاء وغادر اليوم الجمعة. وكان قد استقبل أمس الوفد", D(2015, 7, 21))
    assert got["أمس"] == ("DATE", "2015-07-20"), got


@pytest.mark.parametrize("text,pub,expr,day", [
    # the weekday is restated by the Hijri date after «الموافق»: a clock time on it covers that day too
    ("تبدأ الخدمة اعتبارا من الساعة الثامنة من صباح الأحد الموافق 01/11/1436. وسيتم", D(2015, 8, 9),
     "الساعة الثامنة من صباح الأحد", D(2015, 8, 16)),
    ("اجتمعت اللجنة الوطنية مساء يوم السبت الموافق 17-18/09/1436. وبناء على ذلك", D(2015, 8, 9),
     "مساء يوم السبت", D(2015, 7, 4)),
])
def test_restated_time_covers_its_day(text, pub, expr, day):
    """A TIME moved to the day a restatement gives takes that day as its first and last day and its
    day fields, not only in its value (the timeline and the checks read lo/hi)."""
    from factcheck.dates import mentions_for

    doc = parse_document("t.txt", text, lang="ar", published=pub)
    m = next(m for m in mentions_for(doc) if m.text == expr)
    assert m.type == "TIME" and m.value.startswith(day.isoformat())
    assert (m.lo, m.hi, m.year, m.month, m.day) == (day, day, day.year, day.month, day.day)
