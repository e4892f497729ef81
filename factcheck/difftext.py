"""--diff: what --fix would change, as a unified diff (git's a/ b/ names).

The texts are the file's own: a line is what ends with LF, so a CRLF line shows its CR
and a CR-only file is one line, as git and patch read them; applying the diff gives the
bytes --fix writes."""

from __future__ import annotations

import difflib


def _lines(text: str) -> list[str]:
    """Lines ending with LF (str.splitlines would also split at CR, VT, FF, U+2028...)."""
    parts = text.split("\n")
    lines = [p + "\n" for p in parts[:-1]]
    if parts[-1]:
        lines.append(parts[-1])
    return lines


def unified(old: str, new: str, path: str, context: int = 3) -> str:
    if old == new:
        return ""
    a, b = _lines(old), _lines(new)
    out = []
    for line in difflib.unified_diff(a, b, fromfile=f"a/{path}", tofile=f"b/{path}", n=context):
        if not line.endswith("\n"):  # the last line of a file without a final newline
            line += "\n\\ No newline at end of file\n"
        out.append(line)
    return "".join(out)
