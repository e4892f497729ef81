"""Shortcuts in kinds that scan the whole text give what the plain expressions gave.

* `boilerplate._core` (two anchored matches) strips what the former
  ``^[\\s\\p{P}\\p{S}]+|[\\s\\p{P}\\p{S}]+$`` substitution stripped;
* the typography checks skip a text that lacks what every match holds (a space right
  before a mark, two spaces in a row) and otherwise find what they found;
* `langs.detect_language` counts letters by runs, as it counted them one by one.
"""

from __future__ import annotations

import random
import re

import regex

from factcheck.kinds.boilerplate import _core
from factcheck.langs import ARABIC_LETTER, detect_language

_OLD_EDGE = regex.compile(r"^[\s\p{P}\p{S}]+|[\s\p{P}\p{S}]+$")


def _random_texts(n, alphabet, seed, longest=12):
    rng = random.Random(seed)
    return ["".join(rng.choice(alphabet) for _ in range(rng.randint(0, longest))) for _ in range(n)]


def test_line_core_same_as_the_substitution():
    lines = _random_texts(20000, " .,«»-!a b\tب$%٫…\u00a0", seed=3)
    lines += ["", "...", "  Leave a comment  ", "« اترك تعليقا »", "-a-", "$", "a"]
    for line in lines:
        assert _core(line) == _OLD_EDGE.sub("", line), repr(line)


def test_typography_shortcuts_find_what_the_expressions_find():
    from factcheck.engine import Engine
    from factcheck.config import Config
    from factcheck.document import parse_document
    from factcheck.rules import RuleSet, load_rules

    ids = {"en.typography.space-before-punctuation", "en.typography.double-space",
           "ar.typography.space-before-punctuation", "ar.typography.double-space"}
    rules = [r for r in load_rules().rules if r.id in ids]
    assert {r.id for r in rules} == ids

    def space_before(lang):
        rule = next(r for r in rules if r.lang == lang and r.id.endswith("space-before-punctuation"))
        cls = regex.escape("".join(rule.options["marks"] or [".", ",", "،", "؛", ";", ":", "!", "?", "؟"]))
        return regex.compile(
            rf"(?<=[\p{{L}}\p{{N}}»”\")])(?P<sp>[ \t\u00a0]+)(?P<m>[{cls}])(?![.\p{{N}}])(?=\s|$)(?![ \t]\.)")

    before = {lang: space_before(lang) for lang in ("ar", "en")}
    double = regex.compile(r"(?<=\S)[ ]{2,}(?=\S)")
    texts = _random_texts(3000, "ab ب.,؟:!\t\u00a0 1»", seed=5, longest=30)
    for text in texts:
        lang = "ar" if "ب" in text else "en"
        doc = parse_document("t", text, lang=lang)
        found = {(f.rule.rsplit(".", 1)[1], f.start, f.end)
                 for r in rules if r.lang == lang
                 for f in Engine(RuleSet([r], []), Config()).check(doc).findings}
        want = {("space-before-punctuation", m.start("sp"), m.end("m")) for m in before[lang].finditer(doc.text)}
        want |= {("double-space", m.start(), m.end()) for m in double.finditer(doc.text)}
        assert found == want, repr(text)


def test_language_counts_by_runs():
    letter_ar = re.compile(f"[{ARABIC_LETTER}]")
    letter_la = re.compile(r"[A-Za-z\u00c0-\u024f]")

    def old(text, default="en"):
        ar, la = len(letter_ar.findall(text[:20000])), len(letter_la.findall(text[:20000]))
        if ar == 0 and la == 0:
            return default
        return "ar" if ar >= la * 0.5 else "en"

    for text in _random_texts(5000, "abé بت 1.", seed=7, longest=20) + ["", "123", "ب" * 5 + "a" * 10]:
        assert detect_language(text) == old(text), repr(text)
        assert detect_language(text, "ar") == old(text, "ar"), repr(text)
