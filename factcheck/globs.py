"""Sets of fnmatch-style globs (``*``, ``?``, ``[...]``, case-sensitive, as
``fnmatch.fnmatchcase``), built once and matched in time that does not grow with
the number of globs for the common shapes.

fnmatch compiles each pattern into a regular expression and keeps the last 32,768 in
a cache; a configuration with more globs than that recompiled every one of them for
every rule and every file (200,000 ignore globs: 478 s a run).  Here:

* a glob without wildcards is a set member;
* every other glob is filed under its literal prefix and literal suffix; a name is
  looked up by its own prefixes and suffixes, so only globs that can match it are
  tried, and each of those is compiled once, when first tried.
"""

from __future__ import annotations

import fnmatch
import re
from functools import lru_cache



# a '*', a '?' or a closed bracket expression (fnmatch's reading: '[', an optional '!',
# an optional ']' as the first member, then up to the next ']'); an unclosed '[' is literal
_WILD_RE = re.compile(r"\*|\?|\[(?:!\]|!(?!\])|\]|(?![!\]]))[^\]]*\]")
KEY_LEN = 8  # globs are filed under at most this many characters of a literal run


class _Glob:
    __slots__ = ("pattern", "prefix", "suffix", "middle", "star_only", "_rx")

    def __init__(self, pattern: str, pieces: list[str]):
        self.pattern = pattern
        # pieces: the literal runs (_WILD_RE.split); the first/last are the prefix/suffix
        self.prefix, self.suffix = pieces[0], pieces[-1]
        self.middle = [c for c in pieces[1:-1] if c]
        self.star_only = "?" not in pattern and "[" not in pattern
        self._rx = None

    def match(self, s: str) -> bool:
        if len(s) < len(self.prefix) + len(self.suffix):
            return False
        if self.star_only:
            return _star_match(self.pattern.split("*"), s)
        for c in self.middle:  # a cheap necessary condition before the regex
            if c not in s:
                return False
        if self._rx is None:
            self._rx = re.compile(fnmatch.translate(self.pattern))
        return self._rx.match(s) is not None


def _star_match(parts: list[str], s: str) -> bool:
    """fnmatchcase for a glob whose only wildcard is '*', split on '*' (leftmost-first
    matching of the middle parts is exact for '*'-only globs)."""
    first, last = parts[0], parts[-1]
    if not s.startswith(first):
        return False
    end = len(s) - len(last)
    if end < len(first) or not s.endswith(last):
        return False
    pos = len(first)
    for part in parts[1:-1]:
        if not part:
            continue
        k = s.find(part, pos, end)
        if k == -1:
            return False
        pos = k + len(part)
    return True


class GlobSet:
    """Does a name match any of these globs (and which one last)?  Built once; answers
    are remembered."""

    __slots__ = ("patterns", "_literals", "_groups", "_pre_lens", "_suf_lens", "_memo")

    def __init__(self, patterns):
        self.patterns = tuple(patterns)
        self._literals: dict[str, int] = {}  # pattern -> index of its last occurrence
        last = {p: i for i, p in enumerate(self.patterns)}
        # (prefix, suffix) -> [(index, pattern, literal runs)], made a _Group when first used
        self._groups: dict[tuple[str, str], object] = {}
        split = _WILD_RE.split
        groups = self._groups
        literals = self._literals
        for p, i in last.items():
            if "*" not in p and "?" not in p and "[" not in p:
                literals[p] = i
                continue
            pieces = split(p)
            if len(pieces) == 1:
                literals[p] = i  # an unclosed '[' is a literal '['
                continue
            key = (pieces[0], pieces[-1])
            grp = groups.get(key)
            if grp is None:
                groups[key] = [(i, p, pieces)]
            else:
                grp.append((i, p, pieces))
        self._pre_lens = sorted({len(k[0]) for k in self._groups})
        self._suf_lens = sorted({len(k[1]) for k in self._groups})
        self._memo: dict[str, int] = {}

    def __bool__(self) -> bool:
        return bool(self.patterns)

    def match(self, s: str) -> bool:
        return self.last_index(s) >= 0

    def last_index(self, s: str) -> int:
        """Index (in the patterns given) of the last glob that matches `s`, or -1."""
        r = self._memo.get(s)
        if r is None:
            r = self._last(s)
            if len(self._memo) > 100_000:
                self._memo.clear()
            self._memo[s] = r
        return r

    def _last(self, s: str) -> int:
        best = self._literals.get(s, -1)
        n = len(s)
        for a in self._pre_lens:
            if a > n:
                break
            pre = s[:a]
            for b in self._suf_lens:
                if a + b > n:
                    break
                key = (pre, s[n - b:] if b else "")
                grp = self._groups.get(key)
                if grp is None:
                    continue
                if not isinstance(grp, _Group):
                    grp = self._groups[key] = _Group(grp)
                best = max(best, _best_in_group(grp, s, a, n - b, best))
        return best


class _Group:
    """The globs of one (prefix, suffix), filed by key; each compiled when first tried."""

    __slots__ = ("by_key", "lens")

    def __init__(self, members):
        self.by_key: dict[str, list] = {}
        by_key = self.by_key
        for i, p, pieces in members:
            key = max(pieces[1:-1], key=len)[:KEY_LEN] if len(pieces) > 2 else ""
            lst = by_key.get(key)
            if lst is None:
                by_key[key] = [[i, p, pieces]]
            else:
                lst.append([i, p, pieces])
        for lst in self.by_key.values():
            if len(lst) > 1:
                lst.sort(key=lambda m: -m[0])  # latest first
        self.lens = tuple(sorted({len(k) for k in self.by_key if k}))


def _best_in_group(grp: _Group, s: str, lo: int, hi: int, best: int) -> int:
    """The latest glob of one (prefix, suffix) group that matches s (its middle is s[lo:hi])."""
    by_key = grp.by_key
    if len(by_key) <= 16:
        keys = [k for k in by_key if k in s]
    else:  # many keys: look up the name's own substrings instead of trying every key
        mid = s[lo:hi]
        keys = [""] if "" in by_key else []
        for L in grp.lens:
            keys.extend({mid[i:i + L] for i in range(len(mid) - L + 1)} & by_key.keys())
    for k in keys:
        for m in by_key.get(k, ()):
            i, g = m[0], m[1]
            if i <= best:
                break
            if not isinstance(g, _Glob):
                g = m[1] = _Glob(g, m[2])
            if g.match(s):
                best = i
                break
    return best


@lru_cache(maxsize=256)
def globset(patterns: tuple[str, ...]) -> GlobSet:
    """A GlobSet for a tuple of globs, shared between callers (small lists only: the key
    is the tuple itself)."""
    return GlobSet(patterns)
