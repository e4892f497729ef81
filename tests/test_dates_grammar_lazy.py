"""The date expressions are compiled on first use (cold start); every one of them must compile."""

import regex

from factcheck.dates.grammar import grammar


def test_every_expression_compiles_and_only_when_used():
    for lang in ("ar", "en"):
        g = grammar(lang)
        assert g.patterns
        for p in g.patterns:
            assert p.source
            assert isinstance(p.rx, regex.Pattern)
            assert p.rx is p.rx  # compiled once
