"""Applying fixes: edits on the source text, never overlapping, applied from the end."""

from __future__ import annotations

from factcheck.model import Finding


def choose_edits(findings: list[Finding], unsafe: bool = False):
    """The edits to apply: safe ones (and unsafe when asked), dropping any that overlap."""
    edits = []
    for f in findings:
        if f.fix is None or (f.fix.applicability != "safe" and not unsafe):
            continue
        edits.append(f.fix.edits)
    chosen = []
    taken: list[tuple[int, int]] = []
    for group in sorted(edits, key=lambda g: (min(e.start for e in g), max(e.end for e in g))):
        if any(_overlap(e, t) for e in group for t in taken):
            continue
        chosen.extend(group)
        taken.extend((e.start, e.end) for e in group)
    return sorted(chosen, key=lambda e: (e.start, e.end))


def _overlap(e, span) -> bool:
    s, t = span
    if e.start == e.end or s == t:  # insertions clash only at the same point or strictly inside
        return s < e.start < t or e.start < s < e.end or (e.start == s and e.end == t)
    return e.start < t and s < e.end


def apply_edits(text: str, edits) -> str:
    out = []
    pos = 0
    for e in sorted(edits, key=lambda e: (e.start, e.end)):
        if e.start < pos:
            continue
        out.append(text[pos:e.start])
        out.append(e.replacement)
        pos = e.end
    out.append(text[pos:])
    return "".join(out)
