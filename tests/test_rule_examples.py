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


def test_example_markers_are_read_as_before():
    """parse_example copies the text between markers whole: the spans and the errors are
    those of the first reading, a character at a time."""
    import random

    from factcheck.rules import MARK_CLOSE, MARK_OPEN, parse_example
    from factcheck.yamlio import Located, SourceError

    def by_char(raw):
        text, spans, opened = [], [], None
        for ch in raw:
            if ch == MARK_OPEN:
                if opened is not None:
                    return "nested"
                opened = len(text)
            elif ch == MARK_CLOSE:
                if opened is None:
                    return "without"
                spans.append((opened, len(text)))
                opened = None
            else:
                text.append(ch)
        return "never closed" if opened is not None else ("".join(text), tuple(spans))

    loc = Located({}, {(): (1, 1)}, "x.yaml")
    rnd = random.Random(5)
    cases = ["", "plain", "⟦a⟧b", "a⟦b⟧c⟦d⟧", "⟦⟧", "⟦a", "a⟧", "⟦a⟦b⟧⟧", "⟦ع⟧ربي ⟦ن⟧"]
    cases += ["".join(rnd.choice("ab ع⟦⟧\U0001F600") for _ in range(rnd.randint(0, 12))) for _ in range(2000)]
    for raw in cases:
        want = by_char(raw)
        for bad in (True, False):
            try:
                ex = parse_example(loc, ("examples",), raw, bad)
            except SourceError as e:
                assert isinstance(want, str) and want in str(e) or (isinstance(want, tuple) and (
                    bool(want[1]) != bad)), (raw, bad, str(e))
                continue
            assert (ex.text, ex.spans) == want, raw
