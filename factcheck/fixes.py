"""Applying fixes: edits on the source text, never overlapping, applied from the end."""

from __future__ import annotations

from bisect import bisect_left

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


def _line_ending(raw: str, start: int, end: int) -> str:
    """The line break used where an edit of raw[start:end] is: the one ending its line,
    else the one before it, else LF."""
    i = end
    n = len(raw)
    while i < n and raw[i] not in "\r\n":
        i += 1
    if i < n:
        return "\r\n" if raw.startswith("\r\n", i) else raw[i]
    j = raw.rfind("\n", 0, start)
    k = raw.rfind("\r", 0, start)
    if j == -1 and k == -1:
        return "\n"
    if j > k:
        return "\r\n" if j > 0 and raw[j - 1] == "\r" else "\n"
    return "\r"


def crlf_offsets(raw: str) -> list[int]:
    """The offsets, in the universal-newline text of `raw` (the one every offset counts), of
    each LF that stands for a CRLF in `raw`."""
    pairs: list[int] = []
    k = raw.find("\r\n")
    while k != -1:
        pairs.append(k - len(pairs))
        k = raw.find("\r\n", k + 2)
    return pairs


def raw_offset(pos: int, pairs) -> int:
    """An offset of the universal-newline text as an offset of the raw text (see crlf_offsets)."""
    return pos + bisect_left(pairs, pos) if pairs else pos


def report_to_raw(rep) -> None:
    """Move a report's offsets (findings, fix edits, timeline, figures and their sources)
    from the universal-newline text every check reads (`rep.source`: CRLF and CR read as
    LF) to the text as stored (`rep.raw_source`), where a CRLF is two code points: the
    offsets of every output format are into the file's own text.  Done once, at the edge
    (the CLI's output, audit records, the server); a report without a CR is left as it is."""
    from dataclasses import replace

    from factcheck.model import Edit, Fix

    raw = getattr(rep, "raw_source", None)
    if raw is None:
        return
    rep.raw_source = None
    pairs = crlf_offsets(raw)
    if pairs:
        def m(n: int) -> int:
            return n + bisect_left(pairs, n)

        out = []
        for f in rep.findings:
            fix = f.fix
            if fix is not None:
                fix = Fix(fix.applicability, tuple(Edit(m(e.start), m(e.end), e.replacement) for e in fix.edits))
            s, e = m(f.start), m(f.end)
            out.append(replace(f, start=s, end=e, text=raw[s:e], fix=fix))
        rep.findings = out
        for t in rep.timeline:
            t["start"], t["end"] = m(t["start"]), m(t["end"])
        for g in rep.figures:
            g["start"], g["end"] = m(g["start"]), m(g["end"])
            if g.get("source"):
                g["source"]["start"], g["source"]["end"] = m(g["source"]["start"]), m(g["source"]["end"])
    rep.source = raw


def apply_edits_raw(raw: str, edits) -> str:
    """Apply edits made on the universal-newline text of `raw` (CRLF and CR read as LF,
    which is what every offset counts) to `raw` itself: only the edited characters
    change, every other line keeps its own line break, and a line break an edit inserts
    is the one its line uses."""
    if "\r" not in raw:
        return apply_edits(raw, edits)
    pairs = crlf_offsets(raw)

    def to_raw(pos: int) -> int:
        return raw_offset(pos, pairs)

    out: list[str] = []

    def emit(piece: str) -> None:
        # a CR that an edit brings next to an LF would read as one line break (CRLF), not
        # two: the LF becomes a CRLF, the one character that has to change besides the edit
        if piece and piece[0] == "\n" and out and out[-1].endswith("\r"):
            piece = "\r" + piece
        if piece:
            out.append(piece)

    at = 0
    for e in sorted(edits, key=lambda e: (e.start, e.end)):
        s, t = to_raw(e.start), to_raw(e.end)
        if s < at:
            continue
        rep = e.replacement
        if "\n" in rep:
            rep = rep.replace("\n", _line_ending(raw, s, t))
        emit(raw[at:s])
        emit(rep)
        at = t
    emit(raw[at:])
    return "".join(out)
