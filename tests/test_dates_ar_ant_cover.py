"""Arabic date classes found by the coverage audit on the ANT training text (dates14,
scripts/audit_dates_coverage_ant.py: date and time words that no mention covered on a fixed-seed
sample of the train part): what each rule must take, and what it must not take. Sentences written
in the style of the copy. Kept apart from tests/test_dates.py."""

from __future__ import annotations

import datetime as _dt

import pytest

from conftest import timeline_values as resolve


D = _dt.date


TAKES = [
    # (text, publication date, expression, type, value)
    # the definite tens 40, 60, 70, 80, 90 before a unit and a direction word, as «الخمسين سنة الماضية»
    ("وتراجعت الأمطار على مدى الأربعين سنة الماضية في المنطقة", D(2018, 5, 2), "الأربعين سنة الماضية",
     "DURATION", "P40Y"),
    ("بحث العلماء على مدى الستين عاما الماضية عن أثر للحياة", D(2018, 5, 2), "الستين عاما الماضية",
     "DURATION", "P60Y"),
    ("وتعهدت الحكومة بصرف المنحة خلال التسعين يوما المقبلة", D(2018, 5, 2), "التسعين يوما المقبلة",
     "DURATION", "P90D"),
    # «الـ» before a number, an indefinite unit and a direction word, as «الـ24 ساعة الماضية»
    ("وقال إنهم لم يغيروا إعدادات الخصوصية خلال الـ12 شهرا الماضية", D(2018, 5, 2), "الـ12 شهرا الماضية",
     "DURATION", "P12M"),
    ("وارتفعت الصادرات في الـ10 سنوات الأخيرة إلى مستوى قياسي", D(2018, 5, 2), "الـ10 سنوات الأخيرة",
     "DURATION", "P10Y"),
    # «قبل» + one unit + «من/على» + an event: a length (as «قبل ساعات من موعد المباراة»), not a date ago
    ("وأوقفت السلطات ناشطات قبل شهر من بدء تطبيق القرار", D(2018, 6, 20), "شهر", "DURATION", "P1M"),
    ("وقبل يوم من بدء الاقتراع أعلن المرشح انسحابه", D(2018, 5, 6), "يوم", "DURATION", "P1D"),
    ("واتهمت منافستها بالتطرف قبل أسبوع على الجولة الثانية من الانتخابات", D(2017, 4, 30), "أسبوع",
     "DURATION", "P1W"),
    # «الـ» glued before the number of an age or a length: the whole, as «الـ24 ساعة الماضية»
    ("وتوفيت المعلمة عن عمر يناهز الـ37 عاما بمستشفى الجهة", D(2017, 2, 8), "الـ37 عاما", "DURATION", "P37Y"),
    ("وسيحصل صاحب الـ27 عاما على راتب أسبوعي كبير", D(2018, 7, 2), "الـ27 عاما", "DURATION", "P27Y"),
    ("وتقرر التقاعد في سن ال55 سنة بداية من العام المقبل", D(2017, 3, 2), "ال55 سنة", "DURATION", "P55Y"),
    # an edge word before a bare «الأسبوع»: the publication week; «نهاية الأسبوع» alone is the weekend at hand
    ("وتوقفت الغارات على مناطق الفصائل منذ مطلع الأسبوع، بينما تتواصل الاشتباكات", D(2018, 7, 4),
     "مطلع الأسبوع", "DATE", "2018-W27"),
    ("بعد موجة حر في مطلع الأسبوع، بلغت درجة الحرارة 33 درجة", D(2018, 6, 19), "مطلع الأسبوع", "DATE",
     "2018-W25"),
    ("وتوفي عشرات بسبب موجة الحر التي تضرب شرقي البلاد منذ نهاية الأسبوع.", D(2018, 7, 5), "نهاية الأسبوع",
     "DATE", "2018-W26-WE"),
    ("وقالت إن الموسم الجديد سينطلق في نهاية الأسبوع.", D(2018, 8, 14), "نهاية الأسبوع", "DATE", "2018-W33-WE"),
    # «غدا» (no tanween) before «أمام», a gloss in brackets, a closing quote, or «و» + an imperfect verb: tomorrow
    ("ويخوض الفريق مباراته المصيرية غدا أمام ريفر بليت على ملعبه", D(2018, 3, 13), "غدا", "DATE", "2018-03-14"),
    ("وقال اللاعب: إنه أمر كبير، عندما نصل غدا (الاثنين) إلى باريس سندرك ما فعلناه", D(2018, 7, 15), "غدا",
     "DATE", "2018-07-16"),
    ("فيأتيه الرد \"نراكم غدا\". وقد شغلت القضية البلاد", D(2018, 7, 3), "غدا", "DATE", "2018-07-04"),
    ("تنطلق امتحانات الشهادة غدا وتتواصل إلى غاية 21 جوان", D(2017, 6, 18), "غدا", "DATE", "2017-06-19"),
    # the second of two months joined by «و/أو» after a preposition
    ("وارتفعت مبيعات الهواتف بنسبة 20 بالمئة في مايو ويونيو، مقارنة بالفترة ذاتها", D(2018, 7, 20), "يونيو",
     "DATE", "2018-06"),
    ("وحاولت الحكومة في فبراير ومارس كبح انخفاض قيمة العملة", D(2018, 7, 20), "مارس", "DATE", "2018-03"),
    # the hour «الثانية» before «بعد الظهر» (neither word was an anchor)
    ("في مباراة ستجمع انطلاقا من الساعة الثانية بعد الظهر بين الفريقين", D(2017, 3, 2), "الساعة الثانية بعد الظهر",
     "TIME", "XXXX-XX-XXT14:00"),
    # a fraction of the hour after «و» and a space
    ("المباراة المبرمجة بداية من الساعة الثانية و النصف بعد الزوال لحساب ذهاب الدور", D(2017, 3, 2),
     "الساعة الثانية و النصف بعد الزوال", "TIME", "XXXX-XX-XXT14:30"),
    ("تنطلق المقابلة على الساعة الخامسة مساء عوضا عن السادسة و النصف مساء", D(2017, 3, 2),
     "السادسة و النصف مساء", "TIME", "XXXX-XX-XXT18:30"),
    # an unnumbered plural unit before «من» and a definite noun: a vague length
    ("ووقع البلدان اتفاق سلام أنهى سنوات من العداء بينهما", D(2018, 7, 9), "سنوات", "DURATION", "PXY"),
    ("واستقال الوزير الذي واجه أسابيع من الضغوط من المعارضين", D(2018, 7, 9), "أسابيع", "DURATION", "PXW"),
]


@pytest.mark.parametrize("text,pub,expr,type_,value", TAKES)
def test_ant_cover_takes(text, pub, expr, type_, value):
    got = resolve(text, pub)
    assert got.get(expr) == (type_, value), got


@pytest.mark.parametrize("text,pub,expr", [
    # the tens as a count of people, not of time
    ("وشارك الأربعين متسابقا في السباق", D(2018, 5, 2), "الأربعين"),
    # «الـ» before a number that counts no time
    ("وتأهل المنتخب إلى دور الـ16 بعد فوزه", D(2018, 7, 2), "الـ16"),
    # the end or the start of another week
    ("وكانت الفنادق محجوزة في نهاية الأسبوع الأخير من المونديال", D(2018, 7, 20), "نهاية الأسبوع"),
    ("بعد تراجع الأسعار في بداية الأسبوع الذي كبد المعدن خسائر", D(2015, 7, 23), "بداية الأسبوع"),
    # «غدا» the verb (became) before a predicate: an accusative, an imperfect verb, «و» + a noun
    ("وغدا واحدا من أبرز لاعبي الدوري", D(2018, 3, 13), "غدا"),
    ("وغدا يشكل خطرا على دفاع الخصم", D(2018, 3, 13), "غدا"),
    ("ثم غدا وزيرا للخارجية في الحكومة الجديدة", D(2018, 3, 13), "غدا"),
    # «الظهر» the back, not noon
    ("ويعاني اللاعب من مشاكل في الظهر وفق ما ذكرت الصحيفة", D(2018, 7, 20), "الظهر"),
    # «أشهر» the elative (more famous), days of a holiday
    ("والمذيع اسم أشهر من علم في عالم الإذاعة", D(2018, 7, 9), "أشهر"),
    ("وتمتد العطلة أيام من العيد إلى نهاية الشهر", D(2018, 7, 9), "أيام"),
    # «مارس» the verb after a conjunction, with no month before it
    ("وكان في الحكومة ومارس ضغوطا على الوزراء", D(2018, 7, 20), "مارس"),
    # «قبل عام من الآن» is a year ago, «قبل سنة من ذلك» counted from another date: not a bare length
    ("وارتفعت المبيعات مقارنة بمبيعاتها قبل عام من الآن", D(2018, 7, 20), "عام"),
    ("وقبل سنة من ذلك استقبلت البلاد 200 ألف مهاجر", D(2018, 7, 20), "سنة"),
])
def test_ant_cover_not_taken(text, pub, expr):
    got = resolve(text, pub)
    assert not any(expr in k for k in got), got
