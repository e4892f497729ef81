"""Printing a document's figures (`factcheck figures FILE`): the list a fact-checker works through."""

from __future__ import annotations

import json

from factcheck.textview import line_col


def render(doc, figures, fmt, out) -> None:
    if fmt == "json":
        out.write(json.dumps(figures, ensure_ascii=False, indent=2) + "\n")
        return
    from factcheck.output.text_format import print_table

    starts = doc.source_line_starts
    rows = []
    for f in figures:
        line, col = line_col(starts, f["start"])
        value = _fmt(f["value"]) + (f"–{_fmt(f['high'])}" if "high" in f else "")
        src = f["source"]["text"] if f["source"] else ("none", "bold red")
        rows.append((f"{line}:{col}", f["text"], value, f["unit"] or "", f["counts"] or "", f["approx"] or "", src))
    print_table(out, f"{doc.path} — {len(figures)} figure(s), {doc.lang}",
                ("line:col", "figure", "value", "unit", "counts", "approx", "source"), rows, "no figures")


def _fmt(v) -> str:
    if isinstance(v, float):
        return f"{v:,.6g}" if abs(v) < 1e6 else f"{v:,.0f}"
    return f"{v:,}"
