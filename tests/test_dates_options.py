"""The tense and order checks read their word lists from the rule files (rules are data):
an option changed in a rule changes what the check reports."""

from __future__ import annotations

import dataclasses
import datetime as dt

from factcheck.config import Config
from factcheck.document import parse_document
from factcheck.engine import Engine
from factcheck.rules import RuleSet, load_rules

RULES = load_rules()


def _check(rule_id, text, published, lang="en", **options):
    rule = next(r for r in RULES.rules if r.id == rule_id)
    rule = dataclasses.replace(rule, options={**rule.options, **options})
    doc = parse_document("t.txt", text, lang=lang, published=published)
    return [f.text for f in Engine(RuleSet([rule], []), Config()).check(doc).findings]


def test_tense_place_before_and_complement_are_rule_data():
    pub = dt.date(2024, 3, 1)
    text = "The summit ended March 15, 2024 with a joint statement."
    assert _check("en.dates.tense", text, pub) == []  # no "on" before the date
    assert _check("en.dates.tense", text, pub, place_before="") == ["March 15, 2024"]
    said = "The minister said the summit ended that on March 15, 2024."
    assert _check("en.dates.tense", said, pub) == []
    assert _check("en.dates.tense", said, pub, complement="") == ["March 15, 2024"]


def test_tense_was_future_is_rule_data():
    text = "وكانت القمة ستعقد في 5 آذار/مارس 2024 في الرياض."
    pub = dt.date(2024, 4, 10)
    assert _check("ar.dates.tense", text, pub, lang="ar") == []
    assert _check("ar.dates.tense", text, pub, lang="ar", was_future="") == ["5 آذار/مارس 2024"]


def test_order_words_are_rule_data():
    pub = dt.date(2025, 3, 10)
    text = ("After the October 2024 attack, the government changed course, and in January of last year "
            "it announced a new plan.")
    assert _check("en.dates.order", text, pub) == ["January of last year"]
    assert _check("en.dates.order", text, pub, place_words=["during"]) == []
    assert _check("en.dates.order", text, pub, background_words=r"(?i)\bchanged\b") == []


def test_a_deictic_and_its_weekday_are_checked_against_the_publication_date():
    pub = dt.date(2025, 3, 14)  # a Friday
    rule = next(r for r in RULES.rules if r.id == "ar.dates.deictic-weekday")
    doc = parse_document("t.txt", "قال الوزير اليوم الثلاثاء إن الاجتماع سيعقد غدا السبت.", lang="ar", published=pub)
    fs = Engine(RuleSet([rule], []), Config()).check(doc).findings
    assert [f.text for f in fs] == ["اليوم الثلاثاء"]
    assert "الجمعة" in fs[0].message and "«اليوم» يوم الجمعة لا الثلاثاء" in fs[0].message
    # a day's slack (copy written the evening before its date), more with the option
    assert _check("ar.dates.deictic-weekday", "اجتمع المجلس أمس الأربعاء.", pub, lang="ar") == []
    assert _check("ar.dates.deictic-weekday", "اجتمع المجلس أمس الأربعاء.", pub, lang="ar",
                  late_days=0) == ["أمس الأربعاء"]
    # a day late is let be too (a UTC stamp, a rolling story), unless the rule says otherwise
    assert _check("ar.dates.deictic-weekday", "ويلعب الفريق غدا الأحد.", pub, lang="ar") == []
    assert _check("ar.dates.deictic-weekday", "ويلعب الفريق غدا الأحد.", pub, lang="ar",
                  early_days=0) == ["غدا الأحد"]
