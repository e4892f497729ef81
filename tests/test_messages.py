"""Message templates: a count's plural forms written in the rule's message, checked when
the rule is loaded (factcheck.messages)."""

from __future__ import annotations

import pytest

from factcheck.messages import Count, check, render

AR_TIMES = "{n:مرة واحدة|مرتين|مرات|مرة}"


@pytest.mark.parametrize("n,want", [
    (1, "مرة واحدة"), (2, "مرتين"), (3, "3 مرات"), (10, "10 مرات"), (11, "11 مرة"), (99, "99 مرة"),
    (100, "100 مرة"), (103, "103 مرات"), (111, "111 مرة")])
def test_arabic_count_takes_the_form_of_its_number(n, want):
    assert render(AR_TIMES, {"n": n}) == want


def test_days_lose_the_tanween_alif_after_a_round_hundred():
    t = "{d:يوم واحد|يومين|أيام|يوما}"
    assert [render(t, {"d": n}) for n in (21, 100, 200)] == ["21 يوما", "100 يوم", "200 يوم"]


def test_english_count_one_and_other():
    t = "spelled so {n:time|times}"
    assert [render(t, {"n": n}) for n in (0, 1, 2)] == ["spelled so 0 times", "spelled so 1 time", "spelled so 2 times"]


def test_plain_fields_and_missing_fields_render_as_before():
    assert render("{n} of {total:,} in {place}", {"n": 3, "total": 12000}) == "3 of 12,000 in {place}"
    assert render("{flag} {name}", {"flag": True, "name": "x"}) == "True x"  # a bool is no count
    assert format(Count(5), "03d") == "005"


@pytest.mark.parametrize("template,error", [
    ("{n:a|b|c}", "2 forms"), ("{n:a||c|d}", "empty form"), ("{n", "not a message template"), ("{n:|x}", "empty form")])
def test_bad_templates_are_named(template, error):
    assert error in check(template)


def test_a_rule_with_a_bad_plural_spec_is_refused_at_its_line(tmp_path):
    from factcheck.rules import load_rules

    d = tmp_path / "en" / "spelling"
    d.mkdir(parents=True)
    (d / "bad-count.yaml").write_text(
        "kind: pattern\ncategory: spelling\nseverity: warning\npatterns: ['teh']\n"
        "message: 'seen {count:once|twice|often}'\ndescription: d\n"
        "examples:\n  bad:\n    - '⟦teh⟧ cat'\n  good:\n    - 'the cat'\n", encoding="utf-8")
    errors = [e for e in load_rules((str(tmp_path),)).errors if "bad-count" in str(e.path)]
    assert len(errors) == 1 and errors[0].line == 5 and "2 forms" in errors[0].message, errors


def test_shipped_messages_name_their_counts_in_the_rule():
    from factcheck.rules import load_rules

    rules = {r.id: r for r in load_rules().rules}
    assert "{count:مرة واحدة|مرتين|مرات|مرة}" in rules["ar.consistency.spelling-variants"].message
    assert "{days:يوم واحد|يومين|أيام|يوما}" in rules["ar.dates.hijri-mismatch"].message
    assert "{count:time|times}" in rules["en.consistency.spelling-variants"].message
