"""Check kinds: one module a kind, each with OPTIONS, an optional validate() and build().

A kind module has the same shape as every other (after Vale):

    OPTIONS = {"name": Opt("type", default, ...)}      # decoded strictly by factcheck.rules
    def validate(options, loc, lang): ...              # optional; raise loc.error(keypath, msg)
    def build(rule) -> Callable[[Document], Iterable[Hit]]

Hits are in the coordinates of ``doc.text`` (the checkable view).
"""

from __future__ import annotations

from importlib import import_module

KIND_NAMES = {
    "pattern": "factcheck.kinds.pattern",
    "repetition": "factcheck.kinds.repetition",
    "pairs": "factcheck.kinds.pairs",
    "boilerplate": "factcheck.kinds.boilerplate",
    "typography": "factcheck.kinds.typography",
    # kinds of later checks (each module owned by its own piece of work)
    "dates": "factcheck.kinds.dates",
    "missing-word": "factcheck.kinds.missing_word",
    "broken-word": "factcheck.kinds.broken_word",
    "variants": "factcheck.kinds.variants",
    "gap-model": "factcheck.kinds.gap_model",
    "word-rate": "factcheck.kinds.word_rate",
    "figures": "factcheck.kinds.figures",
    "near-spelling": "factcheck.kinds.near_spelling",
}


def get_kind(name: str):
    return import_module(KIND_NAMES[name])
