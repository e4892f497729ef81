"""--diff: what --fix would change, as a unified diff (git's a/ b/ names)."""

from __future__ import annotations

import difflib


def unified(old: str, new: str, path: str, context: int = 3) -> str:
    if old == new:
        return ""
    a, b = old.splitlines(keepends=True), new.splitlines(keepends=True)
    out = []
    for line in difflib.unified_diff(a, b, fromfile=f"a/{path}", tofile=f"b/{path}", n=context):
        if not line.endswith("\n"):  # the last line of a file without a final newline
            line += "\n\\ No newline at end of file\n"
        out.append(line)
    return "".join(out)
