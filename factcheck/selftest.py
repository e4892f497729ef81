"""Runs each rule's own examples: exact spans for bad ones, silence for good ones,
and the fixed text must equal `fixed` and no longer trigger the rule."""

from __future__ import annotations

import datetime as _dt

from factcheck.document import parse_document
from factcheck.engine import Engine
from factcheck.fixes import apply_edits, choose_edits
from factcheck.model import Rule
from factcheck.rules import RuleSet
from factcheck.yamlio import SourceError


def _doc(rule: Rule, text: str, example):
    pub = getattr(example, "published", None)
    published = _dt.date.fromisoformat(pub) if pub else None
    return parse_document("example.txt", text, lang=rule.lang, published=published)


def check_examples(rule: Rule, engine: Engine | None = None) -> list[SourceError]:
    engine = engine or Engine(RuleSet([rule], []))
    problems = []

    def err(ex, msg):
        problems.append(SourceError(rule.path, ex.line, ex.column, msg))

    for ex in rule.bad:
        try:
            doc = _doc(rule, ex.text, ex)
            found = engine.run_rule(rule, doc)
        except Exception as e:  # reported, never fatal
            err(ex, f"bad example crashed the rule: {type(e).__name__}: {e}")
            continue
        spans = sorted({(f.start, f.end) for f in found})
        want = sorted(set(ex.spans))
        if spans != want:
            err(ex, f"bad example: expected span(s) {_show(ex.text, want)}, got {_show(ex.text, spans)}")
            continue
        fixes = [f for f in found if f.fix is not None]
        if ex.fixed is None:
            if fixes:
                err(ex, f"bad example: the rule offers a fix; add 'fixed:' with the expected text "
                        f"({apply_edits(ex.text, choose_edits(found, unsafe=True))!r})")
            continue
        if not fixes:
            err(ex, "bad example: 'fixed' is given but the rule offers no fix")
            continue
        fixed = apply_edits(ex.text, choose_edits(found, unsafe=True))
        if fixed != ex.fixed:
            err(ex, f"bad example: fixed text is {fixed!r}, expected {ex.fixed!r}")
            continue
        again = engine.run_rule(rule, _doc(rule, fixed, ex))
        if again:
            err(ex, f"bad example: the fixed text still triggers the rule at {_show(fixed, [(f.start, f.end) for f in again])}")
    for ex in rule.good:
        try:
            found = engine.run_rule(rule, _doc(rule, ex.text, ex))
        except Exception as e:
            err(ex, f"good example crashed the rule: {type(e).__name__}: {e}")
            continue
        if found:
            err(ex, f"good example: the rule fired at {_show(ex.text, [(f.start, f.end) for f in found])}")
    return problems


def _show(text, spans):
    if not spans:
        return "none"
    return ", ".join(f"{s}-{e} {text[s:e]!r}" for s, e in spans)
