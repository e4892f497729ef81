"""Defects an Arabic-reading QA pass found in session 30, each as the editor met it."""

from __future__ import annotations

import datetime as _dt

import pytest

from conftest import timeline_values
from factcheck.config import Config
from factcheck.document import parse_document
from factcheck.engine import Engine
from factcheck.rules import load_rules

ENGINE = Engine(load_rules(), Config())


def findings(text, rule=None, published=None):
    doc = parse_document("t.txt", text, lang="ar", published=published)
    return [f for f in ENGINE.check(doc).findings if rule is None or f.rule == rule]


@pytest.mark.parametrize("text", [
    "واستقبل الرئيس الأمين العام الأسبق للأمم المتحدة بطرس بطرس غالي.",
    "وفاز عبد الله عبد الله بالمنصب.",
    "وهنأه رئيس الاتحاد الأفريقي لكرة القدم أحمد أحمد.",
    "وقال محمد محمد مرسي إن الجلسة تأجلت.",
    "وكتب تحت عنوان دع ما للتعليم للتعليم.",
])
def test_names_and_sayings_that_repeat_are_not_typos(text):
    assert not findings(text, "ar.repetition.repeated-word")


def test_a_doubled_word_is_still_a_typo():
    (f,) = findings("وقال الوزير في في كلمته إن الأمر محسوم.", "ar.repetition.repeated-word")
    assert f.fix.applicability == "safe"


def test_governed_message_names_the_head_as_written():
    msgs = [f.message for f in findings("وقال حرصا المصلحة العامة. وأقيم حفل تخليدا الذكرى.",
                                        "ar.preposition.governed")]
    assert msgs == ["حرف جر ناقص بعد «حرصا»: «حرصا على»", "حرف جر ناقص بعد «تخليدا»: «تخليدا لـ»"]


def test_spelling_variants_leave_tawtir_alone_and_show_the_word():
    assert not findings("وحذر من توتير الأجواء بعد تغريدة على تويتر.", "ar.consistency.spelling-variants")
    (f,) = findings("وقال مسؤول أميركي إن الإدارة الأميركية لم تقرر، ورفض الجيش الأمريكي التعليق.",
                    "ar.consistency.spelling-variants")
    assert f.message.startswith("«الأمريكي»: المقال يكتبها «الأميركي» (مرتين)")


def test_hijri_day_with_last_or_next_is_before_or_after_publication():
    pub = _dt.date(2025, 3, 13)
    v = timeline_values("وقع الحادث في 10 صفر الماضي. وتبدأ الإجازة في 25 شوال المقبل. "
                        "وانتهى الموسم في 12 ذي الحجة الماضي.", pub)
    assert v["10 صفر الماضي"][1] == "2024-08-14"
    assert v["25 شوال المقبل"][1] == "2025-04-23"
    assert v["12 ذي الحجة الماضي"][1] == "2024-06-18"


def test_latin_commas_of_a_house_habit_are_one_finding_whose_fix_changes_them_all():
    text = "وقال الوزير, إن الحكومة, ستعلن القرار, غدا. فهل يتغير الموقف? نعم; بالتأكيد."
    fs = findings(text, "ar.punctuation.latin-comma")
    assert [text[f.start:f.end] for f in fs] == [",", "?", ";"]
    assert len(fs[0].fix.edits) == 3 and "عددها 3" in fs[0].message


def test_counts_in_messages_agree_with_their_nouns():
    from factcheck.langs import ar_counted

    times = [ar_counted(n, "مرة واحدة", "مرتين", "مرات", "مرة") for n in (1, 2, 3, 11, 100)]
    assert times == ["مرة واحدة", "مرتين", "3 مرات", "11 مرة", "100 مرة"]
    days = [ar_counted(n, "يوم واحد", "يومين", "أيام", "يوما") for n in (2, 21, 200)]
    assert days == ["يومين", "21 يوما", "200 يوم"]
    (f,) = findings("وقع الحادث في 1 محرم 1446هـ الموافق 18 يوليو 2024 في المدينة.", "ar.dates.hijri-mismatch")
    assert f.message.endswith("(فرق 11 يوما)")


def test_shares_past_100_say_so():
    (f,) = findings("وأظهر استطلاع للرأي أن 55% يؤيدون الاتفاق و48% يعارضونه.", "ar.figure.parts")
    assert f.message == "النسب (55 + 48 = 103%) حصص من كلٍّ واحد ومجموعها يتجاوز 100%"


def test_the_dead_and_the_injured_are_two_counts():
    text = ("قتل 12 شخصا بينهم 5 أطفال و7 نساء في القصف الذي استهدف البلدة، بحسب مصادر طبية.\n\n"
            "وأصيب 20 شخصا بينهم 6 نساء و4 أطفال، وفق الدفاع المدني.")
    assert not findings(text, "ar.figure.inconsistent")
    # the same event told twice with two values is still caught
    assert findings("قتل 12 شخصا مدنيا في القصف على البلدة.\n\nوأكد مسؤول مقتل 15 شخصا مدنيا في القصف على البلدة.",
                    "ar.figure.inconsistent")


def test_a_turned_round_opening_guillemet_is_one_finding_with_a_fix():
    text = "وتقدمت أسهم «البلاد» و»عذيب» و»الكابلات». وقال المصدر لـ»المدينة» إن الاجتماع تأجل."
    fs = findings(text, "ar.quotes.unbalanced")
    assert len(fs) == 3 and all("مقلوبة" in f.message and f.fix.applicability == "safe" for f in fs)


def test_the_fix_of_a_turned_round_guillemet_takes_its_applicability_from_the_rule():
    from factcheck.config import Config
    from factcheck.engine import Engine
    from factcheck.rules import RuleSet, load_rules

    rule = next(r for r in load_rules().rules if r.id == "ar.quotes.unbalanced")
    assert rule.options["reversed_applicability"] == "safe"
    rule.options["reversed_applicability"] = "unsafe"
    try:
        unsafe = Engine(RuleSet([rule], []), Config())
        doc = parse_document("t.txt", "وتقدمت أسهم و»عذيب» في السوق.", lang="ar")
        fs = unsafe.check(doc).findings
    finally:
        rule.options["reversed_applicability"] = "safe"
    assert [f.fix.applicability for f in fs] == ["unsafe"]


def test_hijri_weekday_off_by_two_days_is_caught_off_by_one_is_let_be():
    assert findings("وافتتح المعرض يوم الجمعة 10 صفر 1446هـ في جدة.", "ar.dates.weekday-mismatch")
    assert not findings("وافتتح المعرض يوم الخميس 10 صفر 1446هـ في جدة.", "ar.dates.weekday-mismatch")


def test_a_letter_as_a_name_is_no_orphan_letter():
    assert not findings("ويحتوي الدواء على فيتامين ب المركب والحديد.", "ar.spelling.orphan-letter")
    assert findings("وهذا أمر لا شك ه على الإطلاق.", "ar.spelling.orphan-letter")


def test_names_that_read_as_numbers_are_no_figures():
    from factcheck.figures import figures_for

    for text in ("وفاز وست بروميتش على ليفربول.", "وقالت مجلة رولينغ ستون إن الألبوم نجح."):
        doc = parse_document("t.txt", text, lang="ar")
        assert not figures_for(doc), text
    doc = parse_document("t.txt", "وقتل ست نساء وستون رجلا.", lang="ar")
    assert sorted(f.value for f in figures_for(doc)) == [6, 60]


def test_the_saudi_decimal_with_ra():
    from factcheck.figures import figures_for

    doc = parse_document("t.txt", "وبلغت الصفقة 50ر11 مليون يورو، وارتفع التضخم إلى 6ر34 بالمائة.", lang="ar")
    assert sorted(f.value for f in figures_for(doc)) == [34.6, 11_500_000]


def test_hijri_months_that_are_also_words_count_with_last_or_next():
    v = timeline_values("وعاد الوفد في محرم الماضي. ووصل في صفر الماضي. وتحدث عن صفر الأرباح.", _dt.date(2025, 3, 13))
    assert v["محرم الماضي"][1] == "2024-07" and v["صفر الماضي"][1] == "2024-08"
    assert not any("الأرباح" in k for k in v)
