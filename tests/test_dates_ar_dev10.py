"""Arabic date classes fixed on dev 10 (tests/data/dates_ar_dev10.jsonl): what each rule must
take, and what it must not take. Kept apart from tests/test_dates.py."""

from __future__ import annotations

import datetime as _dt

import pytest

from conftest import timeline_values as resolve

D = _dt.date


@pytest.mark.parametrize("text,pub,expr,value", [
    # an hour in words «من ليلة البارحة» / «من ذات الليلة»: one TIME in the evening of that night
    ("تمكنت فرقة الشرطة في حدود الساعة الحادية عشرة من ليلة البارحة من إلقاء القبض على شاب", D(2016, 1, 3),
     "الساعة الحادية عشرة من ليلة البارحة", "2016-01-02T23:00"),
    ("وقعت الحادثة الساعة الحادية عشرة من ليلة البارحة. وكانت جلسة انتهت عند الساعة العاشرة والنصف من ذات الليلة عندما نشب خلاف",
     D(2016, 1, 3), "الساعة العاشرة والنصف من ذات الليلة", "2016-01-02T22:30"),
    ("اندلع الحريق عند الساعة التاسعة من ليلة الأحد في المستودع", D(2016, 1, 5),
     "الساعة التاسعة من ليلة الأحد", "2016-01-03T21:00"),
])
def test_dev10_hour_of_a_night(text, pub, expr, value):
    got = resolve(text, pub)
    assert got.get(expr) == ("TIME", value), got
