"""Printing a document's figures (`factcheck figures FILE`): the list a fact-checker works through."""

from __future__ import annotations

import json

from factcheck.textview import line_col


def render(doc, figures, fmt, out) -> None:
    if fmt == "json":
        out.write(json.dumps(figures, ensure_ascii=False, indent=2) + "\n")
        return
    from rich.console import Console
    from rich.table import Table

    starts = doc.source_line_starts
    table = Table(title=f"{doc.path} — {len(figures)} figure(s), {doc.lang}")
    for col in ("line:col", "figure", "value", "unit", "counts", "approx", "source"):
        table.add_column(col)
    for f in figures:
        line, col = line_col(starts, f["start"])
        value = _fmt(f["value"]) + (f"–{_fmt(f['high'])}" if "high" in f else "")
        src = f["source"]["text"] if f["source"] else "[bold red]none[/]"
        table.add_row(f"{line}:{col}", f["text"], value, f["unit"] or "", f["counts"] or "", f["approx"] or "",
                      src)
    console = Console(file=out, soft_wrap=True, width=max(100, Console(file=out).width))
    console.print(table)
    if not figures:
        console.print("no figures")


def _fmt(v) -> str:
    if isinstance(v, float):
        return f"{v:,.6g}" if abs(v) < 1e6 else f"{v:,.0f}"
    return f"{v:,}"
