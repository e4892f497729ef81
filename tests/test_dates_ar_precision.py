"""Arabic date classes fixed by the precision and value audit (dates10) on non-test corpus copy:
what each rule must take, and what it must not take. Kept apart from tests/test_dates.py."""

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
    # «اليوم» set against «الأمس» in its sentence is "nowadays", and that «الأمس» "the past"
    ("وهناك معضلة كيفية تليين القلوب والنوايا بين أعداء الأمس واليوم، كما هو الحال بين الشركاء", D(2015, 8, 8),
     "اليوم", "DATE", "PRESENT_REF"),
    ("وهناك معضلة كيفية تليين القلوب والنوايا بين أعداء الأمس واليوم، كما هو الحال بين الشركاء", D(2015, 8, 8),
     "الأمس", "DATE", "PAST_REF"),
    ("إن الأمة الإسلامية اليوم كما هي بالأمس تملك تراثا عميق المضامين", D(2015, 7, 27), "اليوم", "DATE",
     "PRESENT_REF"),
    ("شعورنا بشأن تركيا اليوم مختلف كثيرا مما كنا عليه بالأمس، وأعتقد أن لدينا فرصة", D(2018, 10, 14), "اليوم",
     "DATE", "PRESENT_REF"),
    # «عالم اليوم», «جيل اليوم»: the world, the generation of today
    ("ولم يهتد لسبيل يصعد به لعالم اليوم بكل ما فيه من علوم وتقنية", D(2015, 8, 11), "اليوم", "DATE",
     "PRESENT_REF"),
    # «اليوم» between the subject opening its clause and a present-tense verb: nowadays
    ("تقرير\nإلا أن المستحيل تحقق أخيرا، فالهند اليوم تحتل المرتبة السابعة بين أكبر الاقتصاديات", D(2015, 7, 24),
     "اليوم", "DATE", "PRESENT_REF"),
    ("تقرير\nالمفاوض الإيراني اليوم يشعر بأنه يتحدث من موقع قوة", D(2014, 2, 3), "اليوم", "DATE", "PRESENT_REF"),
    ("تقرير\nإن الأمة اليوم لم تتماس مع هذا الكتاب بالشكل المطلوب", D(2015, 7, 27), "اليوم", "DATE", "PRESENT_REF"),
    # ... not a fixture, not the title line, not after a verb
    ("تقرير\nالهلال اليوم يلتقي النصر في الرياض", D(2015, 8, 10), "اليوم", "DATE", "2015-08-10"),
    ("تقرير\nالمنتخب الوطني اليوم يواجه نظيره القطري", D(2015, 8, 10), "اليوم", "DATE", "2015-08-10"),
    ("الهلال اليوم يستعيد صدارة الدوري\nنص الخبر", D(2015, 8, 10), "اليوم", "DATE", "2015-08-10"),
    ("تقرير\nوقررت السلطات اليوم تجديد احتجاز المتهم", D(2018, 9, 3), "اليوم", "DATE", "2018-09-03"),
    # still today, yesterday: a date when nothing sets them against each other
    ("أغلق مؤشر سوق الأسهم اليوم على ارتفاع بعد تراجعه أمس", D(2015, 8, 10), "اليوم", "DATE", "2015-08-10"),
    ("بعد مشاركته في تدريبات الأمس، بينما بدأ اللاعب في العودة التدريجية", D(2015, 8, 2), "الأمس", "DATE",
     "2015-08-01"),
    ("التقى رئيس الحكومة اليوم الأحد وفدا من المعارضة بعد لقاء الأمس مع النقابات", D(2016, 4, 3), "اليوم الأحد",
     "DATE", "2016-04-03"),
    # a bare weekday of a coming match: «يجمع», «يبدأ», «س+جمع» in its clause or after it
    ("ويقام كأس السوبر السعودي في اللقاء الذي يجمع بين فريقي النصر والهلال الأربعاء في العاصمة البريطانية لندن",
     D(2015, 8, 11), "الأربعاء", "DATE", "2015-08-12"),
    ("تعتبر مباراة الاربعاء التي ستجمع الاخضر بالمنتخب الجزائري من أصعب المباريات", D(2015, 8, 11), "الاربعاء",
     "DATE", "2015-08-12"),
    ("وتتجه الأنظار إلى اللاعب عندما يبدأ «الحمر» مشوارهم في الدوري الأحد أمام مضيفهم ستوك سيتي", D(2015, 8, 6),
     "الأحد", "DATE", "2015-08-09"),
    # ... and the past one still past
    ("أعلن الرئيس الثلاثاء أن بلاده ستقاطع المنتجات الإلكترونية", D(2018, 8, 15), "الثلاثاء", "DATE", "2018-08-14"),
    ("وكان الحزب قد جمع أنصاره الأحد في ساحة المدينة", D(2015, 8, 6), "الأحد", "DATE", "2015-08-02"),
    # «مدة ساعة ونصف»: the fixed duration, not «ساعة» alone; «لمدة عام ونصف», «لمدة ساعة» as before
    ("لا يجب أن تتجاوز مدة الوقت المحددة للحفلة (مدة ساعة ونصف)، فاللبنانيون يملون", D(2015, 7, 24), "ساعة ونصف",
     "DURATION", "PT1H30M"),
    ("وسيستمر الإيقاف لمدة عام ونصف بحسب القرار", D(2015, 7, 24), "عام ونصف", "DURATION", "P1Y6M"),
    ("وتدرب الفريق لمدة ساعة كانت بقيادة المدرب", D(2015, 7, 24), "ساعة", "DURATION", "PT1H"),
    # a part of the day or a clock time with its weekday, then the date it falls on: that date
    ("هذه الشهب تصل إلى ذروتها فجر الخميس 28 شوال، وهو الموعد الذي ينتظره الفلكيون", D(2015, 8, 10), "فجر الخميس",
     "TIME", "2015-08-13TMO"),
    ("يغلق الطريق من يوم الثلاثاء 09 جوان وإلى غاية الساعة السابعة من صباح الجمعة 12 جوان 2015 بسبب الأشغال",
     D(2015, 6, 5), "الساعة السابعة من صباح الجمعة", "TIME", "2015-06-12T07:00"),
    # ... not when the date falls on another weekday
    ("وصل الوفد فجر الخميس 28 يوليو في زيارة", D(2015, 8, 10), "فجر الخميس", "TIME", "2015-08-06TMO"),
    # a month without a year in a clause with a future cue: the coming one, or the one just ended
    ("إن إنتاج بلاده من الخام خلال الفترة من يناير إلى مارس سيكون دون السقف المستهدف", D(2018, 2, 26), "يناير",
     "DATE", "2018-01"),
    ("رغم ارتفاع معدل البطالة ونموا أقل من المتوقع للأجور في يونيو رغم أن الاقتصاد أوجد وظائف", D(2018, 7, 7),
     "يونيو", "DATE", "2018-06"),
    ("ستجرى الانتخابات البرلمانية في أكتوبر بحسب اللجنة", D(2015, 8, 6), "أكتوبر", "DATE", "2015-10"),
    ("ستجرى الانتخابات البرلمانية في يونيو بحسب اللجنة", D(2015, 8, 6), "يونيو", "DATE", "2016-06"),
    # a reporting verb before a quotation does not put the date inside it in the past
    ("وأضاف \"تنتظركم من تاريخ 18 أيلول/سبتمبر في اللوفر أبوظبي\". وفي كانون الأول", D(2018, 6, 27),
     "18 أيلول/سبتمبر", "DATE", "2018-09-18"),
    ("وأضاف \"افتتح المتحف في 18 أيلول/سبتمبر أبوابه\"", D(2018, 6, 27), "18 أيلول/سبتمبر", "DATE",
     "2017-09-18"),  # a past cue inside the quotation still counts
    ("وافتتح المتحف في 18 أيلول/سبتمبر أبوابه للزوار", D(2018, 6, 27), "18 أيلول/سبتمبر", "DATE", "2017-09-18"),
    # «منذ شهر سبتمبر 2016»: the month with «شهر», not "a month ago"
    ("رغم أن الأسعار سجلت استقرارا منذ شهر سبتمبر 2016. أما بالنسبة للزيوت", D(2017, 6, 2), "شهر سبتمبر 2016",
     "DATE", "2016-09"),
    ("وغادر البلاد منذ شهر تقريبا", D(2017, 6, 2), "منذ شهر", "DATE", "2017-05"),
    # «عشية» + a day: the afternoon (Tunisian copy, dev 4)
    ("تمكن اعوان مركز الامن الوطني بمنوبة عشية أمس، من إيقاف صاحب محل", D(2017, 2, 9), "عشية أمس", "TIME",
     "2017-02-08TAF"),
    # «الساعة» before the hour «الثانية» (no anchor) opens the clock time
    ("بلغ عددهم حتى الساعة الثانية عشرة ظهرا من اليوم", D(2015, 8, 10), "الساعة الثانية عشرة ظهرا", "TIME",
     "2015-08-10T12:00"),
    ("أعمال الصيانة من الساعة الثامنة صباحا إلى الساعة الثانية بعد الزوال بالمناطق التالية", D(2016, 4, 1),
     "الساعة الثانية بعد الزوال", "TIME", "XXXX-XX-XXT14:00"),
    # «الثاني عشر من يونيو»: the ordinal day whole («الثاني» is no anchor; «عشر من» is looked through)
    ("القمة المرتقبة بين ترامب وكيم في سنغافورة في الثاني عشر من يونيو. ومن بين", D(2018, 6, 9),
     "الثاني عشر من يونيو", "DATE", "2018-06-12"),
    ("في مباراة الهلال في الثاني عشر من شهر أغسطس المقبل", D(2015, 7, 21), "الثاني عشر من شهر أغسطس المقبل",
     "DATE", "2015-08-12"),
    ("قبل إعلان ترامب في الثاني عشر من الشهر الجاري قراره", D(2018, 5, 9), "الثاني عشر من الشهر الجاري", "DATE",
     "2018-05-12"),
    # «هجمات 11 سبتمبر»: the day of 2001 the event names
    ("تزامنا مع الذكرى الـ17 لأحداث 11 سبتمبر/ أيلول. طالبت مجموعة", D(2018, 9, 11), "11 سبتمبر/ أيلول", "DATE",
     "2001-09-11"),
    ("إلا أن تفجيرات الحادي عشر من سبتمبر تسببت في تأجيل الفيلم", D(2015, 7, 24), "الحادي عشر من سبتمبر", "DATE",
     "2001-09-11"),
    ("ووصل الوفد إلى نيويورك في 11 سبتمبر", D(2015, 9, 20), "11 سبتمبر", "DATE", "2015-09-11"),
]


@pytest.mark.parametrize("text,pub,expr,type_,value", TAKES)
def test_precision_class_takes(text, pub, expr, type_, value):
    got = resolve(text, pub)
    assert expr in got, got
    assert got[expr] == (type_, value)


@pytest.mark.parametrize("text", [
    # the paper «اليوم» (Dammam), «إسرائيل اليوم»: names
    "وأكدت هيئة الطيران المدني في تصريح خاص لـ(اليوم) أن مسؤولية الرقابة على جميع مقدمي الخدمات",
    "قال مدير عام الجوازات لـ\"اليوم\": إن 80 % من الذين تم تصحيح أوضاعهم من الجالية",
    "ثم نقله الى مستشفى مدينة العيون. «اليوم» التقت والد الطفل الذي روى قصة ابنه",
    "أقامت الإدارات الإقليمية لدار اليوم في كل من الرياض وجدة حفل معايدة",
    "معايدة موظفي دار اليوم بالرياض",
    "الأول لدرور إيدار عبر صحيفة «إسرائيل اليوم» بتاريخ قريب، تحت عنوان",
    # the Last Day
    "إنما يعمر مساجد الله من آمن بالله واليوم الآخر",
    "ولا يخاف الله ولا يرجو اليوم الآخر، ولا يقدر ما فعل",
])
def test_today_as_a_name_is_not_a_date(text):
    got = resolve(text, D(2015, 8, 2))
    assert not any(k.endswith("اليوم") for k in got), got


@pytest.mark.parametrize("text", [
    # «مدينة 6 أكتوبر» (Giza): a city
    "أنهى فريق الوحدة مسلسل ودياته بمعسكره في مدينة 6 أكتوبر بمواجهتين",
    "وصل الفريق لمعسكره الإعدادي بمدينة ٦ أكتوبر حيث يقيم عشرة أيام",
])
def test_a_city_named_by_a_date_is_not_a_date(text):
    got = resolve(text, D(2015, 8, 8))
    assert not any("أكتوبر" in k for k in got), got


def test_an_area_is_not_a_year():
    got = resolve("تبين تمدد الحريق في مساحة المعمل التي تصل إلى 2000 م2 ما تطلب استدعاء مساندة", D(2015, 7, 23))
    assert not got, got
    assert resolve("بعقد يمتد حتى 2019 م. وكان", D(2015, 7, 23)) == {"2019 م": ("DATE", "2019")}


def test_the_minutes_of_a_clock_like_figure_are_no_duration():
    # «ب16:30 ساعة» (sixteen hours thirty of fasting): not «30 ساعة»
    for text in ("ومن ثم ايران ب 14:30 ساعة. الإمارات وقطر", "تليهم تونس ب16:30 ساعة إلى جانب باقي الدول"):
        got = resolve(text, D(2015, 7, 23))
        assert not any(v[1] == "PT30H" for v in got.values()), got
    assert resolve("وتبلغ فترة الصيام 14 ساعة في اليمن", D(2015, 7, 23)) == {"14 ساعة": ("DURATION", "PT14H")}


def test_a_programme_title_is_no_duration():
    got = resolve("وكان ترامب قد قال خلال برنامج \"60 دقيقة\" إن نظيره الروسي", D(2018, 10, 15))
    assert not got, got
    # a duration in quotes without a title noun before it stays
    assert resolve("واستمرت المقابلة \"60 دقيقة\" كاملة", D(2018, 10, 15)) == {"60 دقيقة": ("DURATION", "PT60M")}


@pytest.mark.parametrize("text", [
    # «سابقا» after a title: "former", an adjective
    "وقال عبد الحميد أباظة، مقرر لجنة زراعة الأعضاء بوزارة الصحة سابقا، إن زراعة القرنية لها قوانين",
    "يقول الدكتور عبدالمحسن القحطاني رئيس النادي الأدبي بجدة سابقًا، وهو يغالب دمعه",
    "وقالت إلسنهانز، رئيسة مجلس الإدارة سابقًا لشركة \"سونوكو\"، إن",
    "أبرزهم توني كروس (لاعبه سابقا في ريال مدريد)، وخاميس",
])
def test_former_after_a_title_is_not_a_date(text):
    got = resolve(text, D(2018, 5, 1))
    assert not any(k.startswith("سابق") for k in got), got


@pytest.mark.parametrize("text", [
    # «سابقا» = previously after a verb, even with a title before it
    "مدير فيورنتينا فينتشنزو غويريني عبر سابقا عن رغبة النادي بالمحافظة على اللاعب",
    "الأحزاب والكتل السياسية التي أعلنت سابقا مقاطعتها للعملية الانتخابية",
    "في الشركة التي عمل فيها سابقا، إتش إم في",
])
def test_previously_is_still_past_ref(text):
    got = resolve(text, D(2018, 5, 1))
    assert any(k.startswith("سابق") and v == ("DATE", "PAST_REF") for k, v in got.items()), got


def test_a_better_future_is_not_future_ref():
    got = resolve("المستعدين لتحمل المخاطر للوصول إلى ما يعتبرونه مستقبلا أفضل لهم ولأسرهم", D(2015, 7, 31))
    assert not got, got
    assert resolve("ونتطلع أن ننظم مستقبلا برامج تدريبية", D(2015, 7, 31)) == {"مستقبلا": ("DATE", "FUTURE_REF")}


@pytest.mark.parametrize("text", [
    # «الغد» = the future after «بناة», «عالم», «جيل»: not tomorrow
    "الفكرة التي قدمتها مجموعة من مدرسة بناة الغد، في الأردن",
    "ضرورة أن يقدم الأشخاص الذين يرسمون عالم الغد توصيات",
])
def test_the_future_is_not_tomorrow(text):
    got = resolve(text, D(2018, 5, 24))
    assert not any("الغد" in k for k in got), got


def test_ibb_is_not_august():
    assert not resolve("بعد سماعه نبأ مصرع ابن أخته. وفي إب، ومع احتدام المعارك", D(2015, 7, 24))
    assert resolve("وفي آب، ومع احتدام المعارك", D(2015, 7, 24)) == {"آب": ("DATE", "2015-08")}


def test_today_in_brackets_after_a_word_is_still_today():
    # «تنطلق اليوم (الأحد)»: not the word alone in brackets
    got = resolve("تنطلق اليوم (الأحد) فعاليات الأندية الموسمية", D(2015, 7, 26))
    assert any(v == ("DATE", "2015-07-26") for v in got.values()), got
