"""Arabic date classes found by the unsupervised coverage audit of dates9 (date-bearing words that no
mention covered on the non-test corpus): what each rule must take, and what it must not take.
Kept apart from tests/test_dates.py."""

from __future__ import annotations

import datetime as _dt

import pytest

from factcheck.dates import timeline_for
from factcheck.document import parse_document

D = _dt.date


def resolve(text, published):
    doc = parse_document("t.txt", text, lang="ar", published=published)
    return {t["text"]: (t["type"], t["value"]) for t in timeline_for(doc)}


TAKES = [
    # (text, publication date, expression, type, value)
    # a year after «في/خلال/منذ/بحلول» or an edge word, whatever word follows it
    ("لجأ الاتحاد الأوروبي إلى آلية قانونية أقرت في 1996 وتعرف بقانون التعطيل", D(2018, 8, 7), "1996", "DATE", "1996"),
    ("وكان مجلس الأمن الدولي أصدر في 2007 قرار حظر سفر دولي", D(2018, 8, 7), "2007", "DATE", "2007"),
    ("حيث أعدمت حكومات 22 شخصا في 2016 مقابل 43 في 2015، وفق المنظمة", D(2018, 4, 12), "2016", "DATE", "2016"),
    ("ليكون في حدود 5 بالمائة في 2016 لينخفض فيما بعد", D(2016, 6, 29), "2016", "DATE", "2016"),
    ("ارتفعت إلى 25 مليار جنيه في نهاية 2017 بنسبة ارتفاع تقدر بنحو 66%", D(2018, 2, 11), "نهاية 2017", "DATE", "2017"),
    ("تصل استثماراته إلى 12 مليار دولار بنهاية 2019، وفق الشركة", D(2018, 1, 31), "نهاية 2019", "DATE", "2019"),
    ("ستطرح اللعبة خلال 2018 أو في وقت لاحق", D(2018, 1, 28), "2018", "DATE", "2018"),
    # a year of birth, a Tunisian «في أفق» (by)
    ("الكاتب الأميركي ستيفن كينغ (مواليد 1947) لقب «ملك الرعب»", D(2018, 3, 1), "1947", "DATE", "1947"),
    ("على أن ينخفض إلى 4.6 بالمائة في أفق 2017 في غياب ضغوط", D(2016, 6, 29), "2017", "DATE", "2017"),
    # number words 13-19 (the «عشر» alone was read as ten)
    ("خيل للكثيرين أن أربعة عشر عامًا منذ هجمات الحادي عشر من سبتمبر", D(2015, 8, 3), "أربعة عشر عامًا", "DURATION", "P14Y"),
    ("قتل ثمانية من أقاربه بعد ملاحقة استمرت اثني عشرة ساعة، وتحدى", D(2018, 8, 11), "اثني عشرة ساعة", "DURATION", "PT12H"),
    ("وحكم البلاد سبع عشرة سنة قبل أن يتنحى", D(2018, 8, 11), "سبع عشرة سنة", "DURATION", "P17Y"),
    ("وقع الحادث قبل ثلاثة عشر عاما في المدينة", D(2018, 8, 11), "قبل ثلاثة عشر عاما", "DATE", "2005"),
    # a quarter of «العام» without a direction word: the publication year's (annotated whole)
    ("أظهرت بيانات أن نمو الاقتصاد الأميركي تسارع في الربع الثاني من العام بأسرع وتيرة", D(2018, 9, 28),
     "الربع الثاني من العام", "DATE", "2018-Q2"),
    ("وصلت نسبة الإشغال إلى 87% في الربع الأول من العام بحسب إرنست آند يونغ", D(2018, 7, 10),
     "الربع الأول من العام", "DATE", "2018-Q1"),
    ("ويتوقع أن تتحسن المبيعات في الربع الأخير من هذا العام", D(2018, 6, 15), "الربع الأخير من هذا العام", "DATE",
     "2018-Q4"),
    # seconds: a unit of the lexicon (S)
    ("وينصح بأن يحدقوا في مكان بعيد لمدة 20 ثانية. كما حث على", D(2018, 3, 1), "20 ثانية", "DURATION", "PT20S"),
    ("ثم افتتح التسجيل بعد ثوان قليلة فقط حين تلقى كرة", D(2018, 3, 1), "ثوان قليلة", "DURATION", "PTXS"),
    ("90 في المئة من الزيارات لا تزيد مدتها عن 5 ثواني\". وتراجعت الأسهم", D(2018, 3, 1), "5 ثواني", "DURATION", "PT5S"),
    ("وسجل الهدف بعد ثانيتين من بداية الشوط", D(2018, 3, 1), "ثانيتين", "DURATION", "PT2S"),
    # a season in general after «فصل/موسم» (dev practice: «موسم الصيف» XXXX-SU)
    ("وتتزايد حالات الإصابة بإنفلونزا الطيور في فصل الشتاء. وقال مركز الوقاية", D(2018, 2, 15), "فصل الشتاء", "DATE",
     "XXXX-WI"),
    ("أكثر من 4000 مزرعة في بلقرن تنتج العنب في موسم الصيف بأنواعه المختلفة", D(2015, 8, 11), "موسم الصيف", "DATE",
     "XXXX-SU"),
    # a clock time with its minutes after a comma (AFP)
    ("وتم إرساله في 14 آذار/مارس عند الساعة 16,18، أي قبل أقل من 24 ساعة من تقديم الملف", D(2018, 4, 3),
     "الساعة 16,18", "TIME", "2018-03-14T16:18"),
    ("وتم التداول بهذه العملة بمستوى 6137 دولارا قرابة الساعة 8,30 ت غ. وول ستريت تهوي", D(2018, 2, 6),
     "الساعة 8,30 ت غ", "TIME", "2018-02-06T08:30"),
]


@pytest.mark.parametrize("text,pub,expr,type_,value", TAKES)
def test_cover_class_takes(text, pub, expr, type_, value):
    got = resolve(text, pub)
    assert expr in got, got
    assert got[expr] == (type_, value), got


@pytest.mark.parametrize("text,pub,expr", [
    # a counted noun, a percentage, a range or a slash after the number: no year
    ("ويقيم الزوار في 2000 منزل مؤقت", D(2018, 3, 1), "2000"),
    ("وسيصل عدد العينات إلى 1920 عينة", D(2018, 3, 1), "1920"),
    ("وبلغت الإيرادات في 2000 دولار فقط", D(2018, 3, 1), "2000"),
    ("ارتفعت الأسعار في 1950 في المئة من الحالات", D(2018, 3, 1), "1950"),
    ("سجل صلاح في 2012/2013 أهدافا كثيرة", D(2018, 3, 1), "2012"),
    ("وصل عدد المتابعين خلال يوم واحد في 2000 مستخدم", D(2018, 3, 1), "2000"),
    # «ثانية» without a number is the ordinal «second»
    ("وأجريت انتخابات تشريعية ثانية في البلاد", D(2018, 3, 1), "ثانية"),
    ("وجاء في المرتبة ثانية بعد الفريق", D(2018, 3, 1), "ثانية"),
    # «الربيع العربي» is a name; a season with a direction word is no generic season
    ("بعد اندلاع ثورات الربيع العربي في المنطقة", D(2018, 3, 1), "الربيع العربي"),
    ("ستنطلق الحملة في فصل الصيف المقبل", D(2018, 3, 1), "فصل الصيف"),
    ("مع قوة الطلب وخصوصا على البنزين في موسم الصيف الأمريكي وهو ما ساهم", D(2015, 7, 25), "موسم الصيف"),
    # numbers with a decimal comma are no clock times
    ("ارتفع المؤشر 3,25 بالمئة إلى 12,50 نقطة", D(2018, 3, 1), "3,25"),
    ("ارتفع المؤشر 3,25 بالمئة إلى 12,50 نقطة", D(2018, 3, 1), "12,50"),
])
def test_cover_not_taken(text, pub, expr):
    got = resolve(text, pub)
    assert expr not in got, got
