"""The spaCy pipeline component: nlp.add_pipe("factcheck") through the entry point."""

from __future__ import annotations

import json
from importlib.metadata import entry_points

import pytest

spacy = pytest.importorskip("spacy")

from click.testing import CliRunner  # noqa: E402

from factcheck.cli import main  # noqa: E402

EN = ("The council met on Tuesday, March 12, 2024, to vote on the budget. The the mayor said "
      "the plan would cut costs ,  and he was pleased.\nHe arrived Paris on Monday.\n"
      "The utility said 12 people were injured, including 5 children and 9 adults.")
AR = ("قال الوزير إن الاتفاق نهائي. . وأضاف أن أن التنفيذ يبدأ غدا، بعد اجتماع الحكومة.\n"
      "وبحسب الوزارة، تضررت 120 مزرعة بينها 70 مزرعة للدواجن و60 مزرعة للأبقار.")


def cli_findings(tmp_path, text, *args):
    art = tmp_path / "article.txt"
    art.write_text(text, encoding="utf-8")
    res = CliRunner().invoke(main, ["check", str(art), "--format", "json", *args])
    assert res.exit_code in (0, 1), res.output
    return json.loads(res.output)["files"][0]["findings"]


def test_factory_is_registered_by_entry_point():
    eps = entry_points(group="spacy_factories")
    assert any(ep.name == "factcheck" and ep.value == "factcheck.spacy_component:make_factcheck" for ep in eps)


@pytest.mark.parametrize("lang,text,published", [("en", EN, "2024-03-15"), ("ar", AR, None)])
def test_spans_carry_the_same_findings_as_the_cli(tmp_path, lang, text, published):
    nlp = spacy.blank(lang)
    nlp.add_pipe("factcheck", config={"published": published})
    doc = nlp(text)
    spans = list(doc.spans["factcheck"])
    args = ["--published", published] if published else []
    expected = cli_findings(tmp_path, text, *args)
    assert expected, "the test text should have findings"
    assert [s._.factcheck for s in spans] == expected
    for s, f in zip(spans, expected):
        assert s.label_ == s._.factcheck_rule == f["rule"]
        assert s._.factcheck_severity == f["severity"]
        assert s._.factcheck_category == f["category"]
        assert s._.factcheck_message == f["message"]
        assert s._.factcheck_fix == f["fix"]
        # the span is whole tokens covering the finding (an insertion point: an empty span there)
        if f["end"] > f["start"]:  # white space outside tokens cannot be in a token span
            assert text[f["start"]:f["end"]].strip() in text[s.start_char:s.end_char]
    rules = {s.label_ for s in spans}
    assert {f"{lang}.repetition.repeated-word", f"{lang}.figure.parts"} <= rules, rules


def test_insertion_point_is_an_empty_span():
    nlp = spacy.blank("en")
    nlp.add_pipe("factcheck", config={"select": ["en.preposition.*"]})
    text = "The US has about 2,500 troops Iraq."
    doc = nlp(text)
    spans = [s for s in doc.spans["factcheck"] if s._.factcheck["start"] == s._.factcheck["end"]]
    assert spans, "expected a missing-preposition finding (an insertion point)"
    for s in spans:
        assert len(s) == 0 and s.start_char == s._.factcheck["start"]


def test_select_and_pipe_over_many_docs():
    nlp = spacy.blank("en")
    nlp.add_pipe("factcheck", config={"select": ["en.repetition.*"]})
    docs = list(nlp.pipe(["It was was late.", "Nothing to see here.", "The the end."]))
    assert [[s.label_ for s in d.spans["factcheck"]] for d in docs] == [
        ["en.repetition.repeated-word"], [], ["en.repetition.repeated-word"]]


def test_unknown_rule_id_is_a_clear_error():
    nlp = spacy.blank("en")
    with pytest.raises(ValueError, match="unknown rule id 'en.no-such-rule'"):
        nlp.add_pipe("factcheck", config={"select": ["en.no-such-rule"]})
