"""broken-word: restored deletions, orphan letters and frames (Arabic)."""

from __future__ import annotations

import pytest

from factcheck.document import parse_document
from factcheck.engine import Engine
from factcheck.fixes import apply_edits, choose_edits
from factcheck.lexicon import ar_stems, light_fold
from factcheck.rules import RuleSet, load_rules


@pytest.fixture(scope="module")
def rules():
    return load_rules().by_id()


def run(rules, rid, text, lang="ar"):
    rule = rules[rid]
    doc = parse_document("t.txt", text, lang=lang)
    return Engine(RuleSet([rule], [])).run_rule(rule, doc)


def fixed(found, text):
    return apply_edits(text, choose_edits(found, unsafe=True))


@pytest.mark.parametrize("text,want", [
    ("وحضر عدد من الصحين والإعلاميين.", "وحضر عدد من الصحفيين والإعلاميين."),
    ("وناقش الاجتماع كية تطوير الخدمات.", "وناقش الاجتماع كيفية تطوير الخدمات."),
    ("وتنظم الوزارة الأنشطة الثقاة في الصيف.", "وتنظم الوزارة الأنشطة الثقافية في الصيف."),
    ("وتحدث إلى والصحين بعد الاجتماع.", "وتحدث إلى والصحفيين بعد الاجتماع."),
])
def test_restore(rules, text, want):
    found = run(rules, "ar.spelling.broken-word", text)
    assert len(found) == 1 and found[0].fix.applicability == "unsafe"
    assert fixed(found, text) == want


def test_restore_keeps_diacritics_out_and_offsets(rules):
    text = "وحضر عددٌ من الصحين."
    found = run(rules, "ar.spelling.broken-word", text)
    assert [text[f.start:f.end] for f in found] == ["الصحين"]


@pytest.mark.parametrize("text", [
    "وحضر عدد من الصحفيين والإعلاميين وناقشوا كيفية تطوير الأنشطة الثقافية.",
    "وقال المدير العام للألكسو إن التظاهرة ناجحة.",
    "وصل الرئيس إيمانويل ماكرون وبرفقته ستيفان سيجورنيه إلى المدينة.",
    "وقالت الكسندرا لوريدانا لـ بي بي سي إن القطعة كبيرة.",
])
def test_restore_silent(rules, text):
    assert run(rules, "ar.spelling.broken-word", text) == []


def test_orphan(rules):
    text = "وهذا أمر لا شك ه على الإطلاق."
    assert fixed(run(rules, "ar.spelling.orphan-letter", text), text) == "وهذا أمر لا شك فيه على الإطلاق."
    for good in ("ونقلت (د ب أ) الخبر، ونقلت أ ف ب عنه.", "وقال لـ بي بي سي إن الأمر محسوم.",
                 "ويتم الدفع ب 40 مليون دينار و ذلك في عام 1436 هـ."):
        assert run(rules, "ar.spelling.orphan-letter", good) == []


def test_frame(rules):
    text = "واعتقل الناشط على خلة تصريحات أدلى بها."
    assert fixed(run(rules, "ar.spelling.broken-frame", text), text) == "واعتقل الناشط على خلفية تصريحات أدلى بها."


def test_stems_and_light_fold():
    assert light_fold("كيفيّة") == "كيفية"
    assert light_fold("أحمد") == "احمد"
    assert "الصحفيين" in set(ar_stems("والصحفيين"))
    assert "كتاب" in set(ar_stems("كتابهم"))
