"""missing-word: fixed expressions, governed words, places and dates (Arabic and English)."""

from __future__ import annotations

import pytest

from factcheck.document import parse_document
from factcheck.engine import Engine
from factcheck.fixes import apply_edits, choose_edits
from factcheck.rules import RuleSet, load_rules


@pytest.fixture(scope="module")
def rules():
    return load_rules().by_id()


def run(rules, rid, text, lang):
    rule = rules[rid]
    eng = Engine(RuleSet([rule], []))
    doc = parse_document("t.txt", text, lang=lang)
    return eng.run_rule(rule, doc)


def fixed(found, text):
    return apply_edits(text, choose_edits(found, unsafe=True))


@pytest.mark.parametrize("text,want", [
    ("وجاء القرار ظل غياب التوافق.", "وجاء القرار في ظل غياب التوافق."),
    ("وتراجعت الأسهم الرغم من ارتفاع النفط.", "وتراجعت الأسهم على الرغم من ارتفاع النفط."),
    ("وتراجعت الأسهم الرغم من ارتفاع النفط.", "وتراجعت الأسهم على الرغم من ارتفاع النفط."),
    ("وسيكتمل المشروع غضون عامين.", "وسيكتمل المشروع في غضون عامين."),
    ("وقال الوزير وقت سابق إن المحادثات متعثرة.", "وقال الوزير في وقت سابق إن المحادثات متعثرة."),
    ("وجاء ذلك إطار زيارة رسمية.", "وجاء ذلك في إطار زيارة رسمية."),
])
def test_ar_fixed_expression(rules, text, want):
    found = run(rules, "ar.preposition.fixed-expression", text, "ar")
    assert len(found) == 1 and found[0].start == found[0].end
    assert fixed(found, text) == want


@pytest.mark.parametrize("text", [
    "وجاء القرار في ظل غياب التوافق.",
    "وظل الوضع متوترا.",
    "الذي ظل يحكم البلاد فترة طويلة.",
    "وقال المتحدث أثناء المؤتمر إن الوزارة ستتابع الملف.",
    "بالرغم من ذلك، وعلى الرغم من ارتفاع النفط.",
    "وتضم الكاميرا خلفية بدقة 12 ميغابكسل.",
    "وأُعلن في وقتٍ سابقٍ أن الاجتماع تأجل إلى وقت لاحق.",
])
def test_ar_fixed_expression_silent(rules, text):
    assert run(rules, "ar.preposition.fixed-expression", text, "ar") == []


def test_ar_diacritics_and_offsets(rules):
    text = "وارتفعت الصادرات وفقاً البيانِ الصادر."
    found = run(rules, "ar.preposition.governed", text, "ar")
    assert len(found) == 1
    assert fixed(found, text) == "وارتفعت الصادرات وفقاً للبيانِ الصادر."


def test_ar_governed(rules):
    text = "وقال التقرير نقلا مصادر مطلعة إن الاتفاق وشيك."
    assert fixed(run(rules, "ar.preposition.governed", text, "ar"), text) == \
        "وقال التقرير نقلا عن مصادر مطلعة إن الاتفاق وشيك."
    assert run(rules, "ar.preposition.governed", "ولم تتلق ردا رسميا، وسعيا منه إلى الحل.", "ar") == []


@pytest.mark.parametrize("text,want", [
    ("The economy grew, according the report.", "The economy grew, according to the report."),
    ("He won in spite the rain.", "He won in spite of the rain."),
    ("She spoke on behalf the families.", "She spoke on behalf of the families."),
    ("Jobs were cut due the crackdown.", "Jobs were cut due to the crackdown."),
])
def test_en_fixed_phrase(rules, text, want):
    found = run(rules, "en.preposition.fixed-phrase", text, "en")
    assert fixed(found, text) == want


@pytest.mark.parametrize("text", [
    "As a result the plant closed.",
    "In addition the company cut jobs.",
    "The payment is due the following month.",
    "according to the report; according toReuters (a scraped glue).",
    "The go-ahead this month.",
])
def test_en_fixed_phrase_silent(rules, text):
    assert run(rules, "en.preposition.fixed-phrase", text, "en") == []


def test_en_verb(rules):
    text = "Iran may not be adhering its limit."
    assert fixed(run(rules, "en.preposition.verb-preposition", text, "en"), text) == \
        "Iran may not be adhering to its limit."


def test_bad_entry_is_reported(tmp_path):
    from factcheck.rules import load_rule_file
    from factcheck.yamlio import SourceError

    d = tmp_path / "en" / "preposition"
    d.mkdir(parents=True)
    (d / "x.yaml").write_text(
        "kind: missing-word\nmessage: m\ndescription: d\nentries:\n  - {head: rely, insert: on}\n"
        "examples: {bad: ['a ⟦⟧'], good: ['b']}\n", encoding="utf-8")
    with pytest.raises(SourceError, match="quote"):
        load_rule_file(d / "x.yaml", tmp_path)


def test_ar_place(rules):
    text = "ويعيش نحو مليون لاجئ لبنان منذ سنوات."
    assert fixed(run(rules, "ar.preposition.place", text, "ar"), text) == "ويعيش نحو مليون لاجئ في لبنان منذ سنوات."
    for good in ("ونشرت 500 جندي أمريكي.", "وفي عام 2017 أعلنت الصين ذلك.", "وتضم القائمة 24 بنكا تركيا.",
                 "وبلغت 150 مليار دولار تركيا وحدها."):
        assert run(rules, "ar.preposition.place", good, "ar") == []


def test_en_place(rules):
    text = "The US has about 2,500 troops Iraq."
    assert fixed(run(rules, "en.preposition.place", text, "en"), text) == "The US has about 2,500 troops in Iraq."
    assert run(rules, "en.preposition.place", "The 500 troops Britain sent are there.", "en") == []


def test_ar_date_definite_noun_and_dateline(rules):
    text = "وقالت الوزارة إنها ستعلن عن المقترحات 30 يونيو الجاري."
    assert fixed(run(rules, "ar.preposition.date", text, "ar"), text) == \
        "وقالت الوزارة إنها ستعلن عن المقترحات في 30 يونيو الجاري."
    for good in ("الرياض 12 مارس (واس) وصل الوفد.", "وخرج المحتجون في ذكرى ثورة 25 يناير.",
                 "توزيع أرباح الشركة على المساهمين 30 أغسطس"):
        assert run(rules, "ar.preposition.date", good, "ar") == []


def test_en_classes(rules):
    text = "He stood in front him, and voted in favor Republicans."
    assert fixed(run(rules, "en.preposition.fixed-phrase", text, "en"), text) == \
        "He stood in front of him, and voted in favor of Republicans."


def test_place_reads_a_long_line_once_for_all_its_candidates(rules, monkeypatch):
    """Every place candidate asks whether its line is a headline; on one line of 3,000
    candidates the line was split 3,000 times (6.5 s). It is read once a line now."""
    from factcheck.kinds import missing_word as mw

    reads = []
    orig = mw._headline

    def counting(text, toks, i, memo=None):
        ls = text.rfind("\n", 0, toks[i].start) + 1
        if memo is None or ls not in memo:
            reads.append(ls)
        return orig(text, toks, i, memo)

    monkeypatch.setattr(mw, "_headline", counting)
    text = "ونشر الجيش 500 جندي لبنان " * 300 + "\nونشر الجيش 500 جندي لبنان اليوم.\n"
    found = run(rules, "ar.preposition.place", text, "ar")
    assert len(found) == 301
    assert len(reads) == 2  # two lines, each read once
