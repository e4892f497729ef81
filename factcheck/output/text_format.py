"""--format text: findings grouped by file, the span highlighted by style (no carets:
they misalign under right-to-left text), then a summary."""

from __future__ import annotations

from factcheck.inputs import one_line as _safe
from factcheck.output.common import report_dict, summary_tail

_SEV_STYLE = {"error": "bold red", "warning": "yellow", "info": "cyan"}
_SPAN_STYLE = {"error": "bold white on red", "warning": "bold black on yellow", "info": "bold black on cyan"}
CONTEXT = 70  # characters of the line shown either side of a span


def render(files, errors, out, color: bool = False, **_):
    from rich.console import Console
    from rich.text import Text

    console = Console(file=out, force_terminal=color, no_color=not color, highlight=False,
                      soft_wrap=True, emoji=False, width=10_000 if not color else None)
    data = report_dict(files, errors)
    for rep, f in zip(files, data["files"]):
        if not f["findings"] and not rep.skipped:
            continue
        head = Text(_safe(f["path"]), style="bold underline")
        pub = f["published"] or "unknown"
        head.append(f"  ({f['language']}, published {pub}", style="dim")
        head.append(f" from {f['published_source']})" if f["published"] else ")", style="dim")
        console.print(head)
        src = rep.source
        lines = [ln[:-1] if ln.endswith("\r") else ln for ln in src.split("\n")]  # a CRLF file
        for x in f["findings"]:
            row = Text("  ")
            row.append(f"{x['line']}:{x['column']}", style="bold")
            row.append("  ")
            row.append(f"{x['severity']:<7}", style=_SEV_STYLE[x["severity"]])
            row.append(f" {x['rule']}", style="magenta")
            row.append("  ")
            row.append(_safe(x["message"]))  # the article's bytes never reach the terminal raw
            console.print(row)
            console.print(_excerpt(lines, x, Text))
            if x["fix"]:
                fx = Text("      fix", style="dim")
                fx.append(f" ({x['fix']['applicability']}): ", style="dim")
                fx.append(_describe_fix(src, x["fix"]["edits"]), style="green")
                console.print(fx)
        if rep.skipped:
            console.print(Text(f"  skipped {len(rep.skipped)} rule(s): {_safe(rep.skipped[0]['reason'])}", style="dim"))
        console.print()
    for e in data["errors"]:
        console.print(Text(_safe(f"{e['path']}: error: {e['message']}"), style="bold red"))
    s = data["summary"]
    parts = ", ".join(f"{n} {k}" for k, n in sorted(s["by_severity"].items(), key=lambda kv: ("error", "warning", "info").index(kv[0])))
    line = f"{s['findings']} finding(s) in {s['files']} file(s)" + (f": {parts}" if parts else "")
    line += summary_tail(data)
    console.print(Text(line, style="bold"))


def _excerpt(lines, x, Text):
    ln = lines[x["line"] - 1] if x["line"] - 1 < len(lines) else ""
    s = x["column"] - 1
    e = x["end_column"] - 1 if x["end_line"] == x["line"] else len(ln)
    a, b = max(0, s - CONTEXT), min(len(ln), e + CONTEXT)
    t = Text("      ")
    t.append("…" if a > 0 else "")
    t.append(_safe(ln[a:s]))
    if e > s:
        t.append(_safe(ln[s:e]), style=_SPAN_STYLE[x["severity"]])
    else:
        t.append("\u2038", style=_SPAN_STYLE[x["severity"]])  # insertion point
    t.append(_safe(ln[e:b]))
    t.append("…" if b < len(ln) else "")
    return t


def _describe_fix(src, edits):
    parts = []
    for e in edits:
        old = src[e["start"]:e["end"]]
        if not old:
            parts.append(f"insert {e['replacement']!r}")
        elif not e["replacement"]:
            parts.append(f"delete {old!r}")
        else:
            parts.append(f"{old!r} → {e['replacement']!r}")
    return _safe("; ".join(parts))


def print_table(out, title: str, columns, rows, empty: str | None = None, **table_options) -> None:
    """A table on the terminal that shows the article's or the archive's own words
    (`factcheck dates`, `factcheck figures`, the audit summary): the title and every cell
    are escaped like the report (control characters, line breaks) and never read as Rich
    markup or emoji codes.  A cell may be a `(text, style)` pair; `empty` is printed
    under a table without rows; `table_options` go to rich's Table."""
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    def cell(c):
        text, style = c if isinstance(c, tuple) else (c, "")
        return Text(_safe(str(text)), style=style)

    table = Table(title=cell(title), **table_options)
    for col in columns:
        table.add_column(col)
    for row in rows:
        table.add_row(*map(cell, row))
    console = Console(file=out, soft_wrap=True, highlight=False, emoji=False, width=max(100, Console(file=out).width))
    console.print(table)
    if not rows and empty:
        console.print(Text(empty))
