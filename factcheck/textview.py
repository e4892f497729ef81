"""Text views that map back to the untouched source text.

A view is the text the rules read (the article body without front matter, HTML
tags or Markdown markup; or a folded form of it).  Every character of a view
comes either from one character of its base text (copied) or is synthetic and
stands for a range of it (an HTML entity, a folded ligature, a paragraph break
made from a tag).  Offsets are Unicode code points, end exclusive.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass, field


@dataclass
class _Seg:
    vstart: int  # offset in the view
    length: int  # characters in the view
    bstart: int  # offset in the base text
    blen: int  # characters in the base text
    copied: bool = True  # the view characters are the base characters

    @property
    def aligned(self) -> bool:
        """Character i of the segment stands for base character i (copied, or a same-length rewrite)."""
        return self.length == self.blen


@dataclass
class ViewBuilder:
    """Builds a view piece by piece from a base text."""

    base: str
    _parts: list[str] = field(default_factory=list)
    _segs: list[_Seg] = field(default_factory=list)
    _len: int = 0

    def copy(self, start: int, end: int) -> None:
        if end <= start:
            return
        last = self._segs[-1] if self._segs else None
        if last is not None and last.copied and last.bstart + last.blen == start and last.vstart + last.length == self._len:
            last.length += end - start
            last.blen += end - start
        else:
            self._segs.append(_Seg(self._len, end - start, start, end - start))
        self._parts.append(self.base[start:end])
        self._len += end - start

    def put(self, text: str, start: int, end: int) -> None:
        """Add synthetic `text` standing for base[start:end] (which may be empty)."""
        if not text:
            return
        self._segs.append(_Seg(self._len, len(text), start, end - start, copied=False))
        self._parts.append(text)
        self._len += len(text)

    def build(self) -> "View":
        return View("".join(self._parts), self._segs, len(self.base))


class View:
    """A text plus a map from its offsets to offsets of its base text."""

    __slots__ = ("text", "_segs", "_starts", "_base_len")

    def __init__(self, text: str, segs: list[_Seg] | None, base_len: int):
        self.text = text
        self._segs = segs
        self._starts = [s.vstart for s in segs] if segs is not None else None
        self._base_len = base_len

    @classmethod
    def identity(cls, text: str) -> "View":
        return cls(text, None, len(text))

    def _seg_at(self, pos: int) -> _Seg | None:
        i = bisect_right(self._starts, pos) - 1
        if i < 0:
            return None
        return self._segs[i]

    def to_base_start(self, pos: int) -> int:
        """Base offset of the character at view offset `pos` (or insertion point)."""
        if self._segs is None:
            return pos
        if not self._segs:
            return 0
        if pos >= len(self.text):
            last = self._segs[-1]
            return last.bstart + last.blen
        seg = self._seg_at(pos)
        if seg is None:
            return self._segs[0].bstart
        if seg.aligned:
            return seg.bstart + (pos - seg.vstart)
        return seg.bstart

    def to_base_end(self, pos: int) -> int:
        """Base offset just after the character before view offset `pos`."""
        if self._segs is None:
            return pos
        if pos <= 0:
            return self.to_base_start(0)
        seg = self._seg_at(pos - 1)
        if seg is None:
            return 0
        if seg.aligned:
            return seg.bstart + (pos - seg.vstart)
        return seg.bstart + seg.blen

    def to_base(self, start: int, end: int) -> tuple[int, int]:
        if start == end:
            b = self.to_base_start(start)
            return b, b
        return self.to_base_start(start), self.to_base_end(end)


def line_starts(text: str) -> list[int]:
    starts = [0]
    find = text.find
    i = find("\n")
    while i != -1:
        starts.append(i + 1)
        i = find("\n", i + 1)
    return starts


def line_col(starts: list[int], offset: int) -> tuple[int, int]:
    """1-based line and column (in code points) of an offset."""
    i = bisect_right(starts, offset) - 1
    return i + 1, offset - starts[i] + 1
