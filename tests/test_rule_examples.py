"""Every rule's own examples: exact spans for bad ones, silence for good ones,
fixed text as stated and no longer triggering."""

import pytest

from factcheck.engine import Engine
from factcheck.rules import load_rules
from factcheck.selftest import check_examples

RULESET = load_rules()


def test_builtin_rules_load_without_errors():
    assert RULESET.errors == []
    assert len(RULESET.rules) >= 20
    langs = {r.lang for r in RULESET.rules}
    assert {"ar", "en"} <= langs


@pytest.mark.parametrize("rule", RULESET.rules, ids=lambda r: r.id)
def test_rule_examples(rule):
    problems = check_examples(rule, Engine(RULESET))
    assert not problems, "\n".join(map(str, problems))


def test_every_category_of_the_foundation_is_covered():
    cats = {(r.lang, r.category) for r in RULESET.rules}
    for lang in ("ar", "en"):
        for cat in ("punctuation", "quotes", "repetition", "typography", "boilerplate"):
            assert (lang, cat) in cats, (lang, cat)


def test_a_failing_example_is_reported_with_its_position(tmp_path):
    d = tmp_path / "rules" / "en" / "punctuation"
    d.mkdir(parents=True)
    (d / "bang.yaml").write_text(
        "kind: pattern\nmessage: bang\ndescription: d\nword: false\npatterns: ['!!']\n"
        "examples:\n  bad:\n    - \"wow⟦!⟧!\"\n  good:\n    - \"wow!\"\n", encoding="utf-8")
    rs = load_rules((str(tmp_path / "rules"),))
    rule = rs.by_id()["en.punctuation.bang"]
    problems = check_examples(rule)
    assert len(problems) == 1
    p = problems[0]
    assert (p.line, p.col) == (8, 7)
    assert "expected span(s) 3-4" in p.message and "got 3-5" in p.message
