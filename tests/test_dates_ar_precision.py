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


def test_today_in_brackets_after_a_word_is_still_today():
    # «تنطلق اليوم (الأحد)»: not the word alone in brackets
    got = resolve("تنطلق اليوم (الأحد) فعاليات الأندية الموسمية", D(2015, 7, 26))
    assert any(v == ("DATE", "2015-07-26") for v in got.values()), got
