"""Small frozen data classes shared by the engine, the kinds and the outputs."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

CATEGORIES = (
    "punctuation", "quotes", "repetition", "typography", "boilerplate", "preposition",
    "spelling", "date", "figure", "consistency", "facts",
)
SEVERITIES = ("error", "warning", "info")
SEVERITY_RANK = {"info": 0, "warning": 1, "error": 2}
APPLICABILITY = ("safe", "unsafe")


@dataclass(frozen=True)
class Edit:
    start: int
    end: int
    replacement: str


@dataclass(frozen=True)
class Fix:
    applicability: str  # "safe" | "unsafe"
    edits: tuple[Edit, ...]


@dataclass(frozen=True)
class Hit:
    """What a kind reports, in the coordinates of the text it was given."""

    start: int
    end: int
    args: dict = field(default_factory=dict, hash=False, compare=False)
    fix: Fix | None = None
    message: str | None = None  # overrides the rule's message template when set


@dataclass(frozen=True)
class Finding:
    rule: str
    category: str
    severity: str
    message: str
    start: int  # code points into the untouched source text
    end: int
    text: str
    fix: Fix | None = None

    def sort_key(self):
        return (self.start, self.end, self.rule)


@dataclass(frozen=True)
class Example:
    text: str  # with markers removed
    spans: tuple[tuple[int, int], ...]  # expected spans (bad examples); empty for good ones
    fixed: str | None  # expected text after applying every fix; None: no fix expected
    line: int = 0
    column: int = 0


@dataclass(frozen=True)
class Rule:
    id: str
    lang: str
    kind: str
    category: str
    severity: str
    message: str
    description: str
    options: dict[str, Any]
    bad: tuple[Example, ...]
    good: tuple[Example, ...]
    path: str
    needs: tuple[str, ...] = ()  # e.g. ("published",) or ("analysis",)
