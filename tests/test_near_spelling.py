"""near-spelling: a word spelt once, one slip away from a spelling the article repeats."""

from __future__ import annotations

import dataclasses

import pytest

from factcheck.document import parse_document
from factcheck.engine import Engine
from factcheck.fixes import apply_edits, choose_edits
from factcheck.kinds.near_spelling import _forms_of_one_word, _one_insertion, one_slip
from factcheck.rules import RuleSet, load_rules

ALL = frozenset({"swap", "drop", "add", "replace"})


@pytest.fixture(scope="module")
def rules():
    return load_rules().by_id()


def run(rules, rid, text, lang):
    rule = rules[rid]
    doc = parse_document("t.txt", text, lang=lang)
    return Engine(RuleSet([rule], [])).run_rule(rule, doc)


@pytest.mark.parametrize("odd,own,edits,want", [
    ("Zooemrs", "Zoomers", ALL, True),  # swap
    ("Zooemrs", "Zoomers", {"drop", "add", "replace"}, False),
    ("Pochetino", "Pochettino", ALL, True),  # drop
    ("Pochettino", "Pochetino", {"swap", "drop", "replace"}, False),  # that is an add
    ("Montedision", "Montedison", ALL, True),  # add
    ("Barreto", "Barretto", ALL, True),
    ("Bushnel", "Bushnell", ALL, True),  # one of a doubled letter, the last: the first of the run is inner
    ("Iraq", "Iran", ALL, False),  # the last letter
    ("Karl", "Carl", ALL, False),  # the first letter
    ("Smiths", "Smith", ALL, False),  # an ending
    ("Kazanstan", "Kazakhstan", ALL, False),  # two slips
    ("Jonhson", "Johnson", ALL, True),
])
def test_one_slip(odd, own, edits, want):
    assert one_slip(odd, own, edits) is want


def test_insertion_places():
    assert _one_insertion("abd", "abcd") == (2, 2, "c")
    assert _one_insertion("Bushnel", "Bushnell") == (6, 6, "l")  # the run «ll»: places 6..7, 7 is the last
    assert _one_insertion("abc", "xabc") is None  # the first letter
    assert _one_insertion("abd", "abxy") is None


def test_near_letters_and_forms():
    near = frozenset({("ج", "ح"), ("ح", "ج")})
    assert one_slip("جراجية", "جراحية", {"replace"}, near)
    assert not one_slip("المظان", "المكان", {"replace"}, near)  # not keys side by side, not dots
    assert not one_slip("فالتزم", "فالتزام", {"drop"}, None, "ا")  # a verb and its noun
    assert one_slip("التعديل", "التعديدل", {"drop"}, None, "ا")
    assert _forms_of_one_word("حافلتان", "حافلتين", ("تان", "تين"))
    assert _forms_of_one_word("موقفها", "موقفهما", ("ها", "هما"))
    assert not _forms_of_one_word("مورنيو", "مورينيو", ("ها", "هما"))


def test_english_fix_and_offsets(rules):
    text = "Coach Pochettino praised the team. Pochetino said Pochettino's side had earned the win."
    found = run(rules, "en.consistency.near-spelling", text, "en")
    assert [(f.start, f.end, f.text) for f in found] == [(35, 44, "Pochetino")]
    assert found[0].fix.applicability == "unsafe"
    assert apply_edits(text, choose_edits(found, unsafe=True)) == text.replace("Pochetino", "Pochettino")
    assert choose_edits(found, unsafe=False) == []


def test_english_possessive_kept(rules):
    text = "Mayor Brandon Johnson spoke first. Johnson said the budget was final, and Jonhson's aides agreed."
    found = run(rules, "en.consistency.near-spelling", text, "en")
    assert [f.text for f in found] == ["Jonhson's"]
    assert apply_edits(text, choose_edits(found, unsafe=True)).endswith("and Johnson's aides agreed.")


def test_tie_is_reported_without_a_fix(rules):
    text = "Dwivedi said the plant would close. Shortages could follow, Dwivendi said."
    found = run(rules, "en.consistency.near-spelling", text, "en")
    assert [f.text for f in found] == ["Dwivendi"]
    assert found[0].fix is None and "a little earlier" in found[0].message
    # the earlier of the two is never the one reported
    assert run(rules, "en.consistency.near-spelling", "Dwivendi said it. Later Dwivedi spoke.", "en")[0].text \
        == "Dwivedi"


@pytest.mark.parametrize("text", [
    "Iran and Iraq signed. Iraq said Iraq would pay; Iran agreed.",
    "The Smiths met the Smith family. Smith said the Smiths would stay.",
    "NASA and NASAA met. NASA said NASAA would help.",  # acronyms are not read
    "Follow @Pochetino for updates. Pochettino said Pochettino was ready.",  # a handle
    "Mitchell said the Mitchells and Mitchell agreed.",
])
def test_english_quiet(rules, text):
    assert run(rules, "en.consistency.near-spelling", text, "en") == []


def test_arabic_diacritics_map_back(rules):
    # the article's spelling as written, with its diacritics, is what the fix puts; the
    # finding's span is the odd word in the untouched text
    text = "قال المدرب مورينيو إن الفريق جاهز. وأضاف مُورِينيو أن مورنيو لن يغير التشكيلة."
    found = run(rules, "ar.consistency.near-spelling", text, "ar")
    assert [f.text for f in found] == ["مورنيو"]
    s = text.index("مورنيو")
    assert (found[0].start, found[0].end) == (s, s + len("مورنيو"))
    assert apply_edits(text, choose_edits(found, unsafe=True)) == text.replace("أن مورنيو", "أن مورينيو")


def test_arabic_proclitics(rules):
    # the slip inside a word with proclitics: they stay as written
    text = "أعلنت الحكومة تعليق التجارب الصاروخية. وقالت إن التجارب الصاروخية ستتوقف والبرامج والصراوخية أيضا."
    found = run(rules, "ar.consistency.near-spelling", text, "ar")
    assert [f.text for f in found] == ["والصراوخية"]
    assert "والصاروخية أيضا" in apply_edits(text, choose_edits(found, unsafe=True))


@pytest.mark.parametrize("text,off", [
    # «ب» before a name that begins with «ب»: the other word with a proclitic, not a slip
    ("وصلت المسيرات إلى بوفيشة. وقال مسؤول ببوفيشة إن بوفيشة هادئة.", "clitics"),
    # «ل» before the article: «لليتوانيين» is «ل» + «الليتوانيين»
    ("قال الليتوانيين إن الحكومة تدعم الليتوانيين، وقدمت مساعدات لليتوانيين في الخارج.", "clitics"),
    # the adjective of a name in the accusative: «فنزويليا» next to «فنزويلا»
    ("زار وفد فنزويلا. والتقى مسؤولا فنزويليا، وقالت فنزويلا إنها راضية.", {"endings": []}),
    # two endings of one word (not in the frequency list): «ين» and «تين»
    ("ويرى البوفيشيين أن الحركة مستمرة، ويقول البوفيشيين إنهم باقون مع البوفيشيتين.", {"endings": []}),
    # «ا» before the last letter: a verb and its noun
    ("أعلن الاستنفرار في المدينة. وقال إن الاستنفرار مستمر، فاستنفرر الجميع.", {"forms_before_last": ""}),
])
def test_arabic_quiet(rules, text, off, monkeypatch):
    rid = "ar.consistency.near-spelling"
    assert run(rules, rid, text, "ar") == []
    # and the mechanism is what keeps it quiet
    if off == "clitics":
        import factcheck.kinds.near_spelling as ns

        monkeypatch.setattr(ns, "_clitic_form", lambda *a: False)
        assert run(rules, rid, text, "ar") != []
    else:
        rule = dataclasses.replace(rules[rid], options={**rules[rid].options, **off})
        assert run({rid: rule}, rid, text, "ar") != []


def test_numbers_are_not_read(rules):
    # a swap of two inner digits would be a slip if numbers were read as words
    text = "بلغ عدد الزوار 12345 زائرا، وسجل الموقع 12345 زيارة، مقابل 13245 في العام السابق."
    assert run(rules, "ar.consistency.near-spelling", text, "ar") == []
    assert run(rules, "en.consistency.near-spelling", "In 2013 and 2013 there were 2003 cases.", "en") == []


def test_lower_case_words_when_not_capitalized(rules):
    # capitalized: false reads every word, lower-cased (the rule ships with names only)
    rid = "en.consistency.near-spelling"
    text = "The zoomers are dating less, the zoomers said, and zooemrs still use apps."
    assert run(rules, rid, text, "en") == []
    rule = dataclasses.replace(rules[rid], options={**rules[rid].options, "capitalized": False})
    assert [f.text for f in run({rid: rule}, rid, text, "en")] == ["zooemrs"]

