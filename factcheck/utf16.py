"""Offsets for protocols that count UTF-16 code units (LanguageTool's API, LSP's default,
JavaScript strings).  factcheck counts Unicode code points; the two differ by one for
every character outside the Basic Multilingual Plane (emoji, some CJK, math letters)
before the offset.  Conversion happens at the edge, here, and nowhere else."""

from __future__ import annotations

import re
from bisect import bisect_left

_ASTRAL = re.compile("[\U00010000-\U0010ffff]")


class Utf16:
    """Maps code-point offsets of one text to UTF-16 offsets and back."""

    __slots__ = ("_astral", "_u16")

    def __init__(self, text: str):
        self._astral = [m.start() for m in _ASTRAL.finditer(text)]  # code-point offsets of astral characters
        # UTF-16 offset of each astral character (its first unit), for the way back
        self._u16 = [cp + i for i, cp in enumerate(self._astral)]

    def units(self, cp: int) -> int:
        """UTF-16 offset of code-point offset `cp`."""
        return cp + bisect_left(self._astral, cp) if self._astral else cp

    def code_points(self, u16: int) -> int:
        """Code-point offset of UTF-16 offset `u16` (inside a surrogate pair: the character's start)."""
        if not self._astral:
            return u16
        n = bisect_left(self._u16, u16)  # astral characters that start before u16
        if n > 0 and self._u16[n - 1] + 1 == u16:  # between the two halves of a pair
            return self._astral[n - 1]
        return u16 - n


def length(text: str) -> int:
    """Length of `text` in UTF-16 code units."""
    return len(text) + len(_ASTRAL.findall(text))
