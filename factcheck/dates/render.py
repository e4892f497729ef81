"""Printing a document's timeline (`factcheck dates FILE`)."""

from __future__ import annotations

import json

from factcheck.textview import line_col


def date_findings(doc) -> list:
    """The findings of the date rules on a document (the rules as shipped; `factcheck dates`
    passes those of the configuration in force instead)."""
    from factcheck.engine import Engine
    from factcheck.rules import RuleSet, load_rules

    rules = [r for r in load_rules().rules if r.category == "date"]
    return Engine(RuleSet(rules, [])).check(doc).findings


def render(doc, timeline, fmt, out, findings=None) -> None:
    if fmt == "html":
        from factcheck.dates.timeline_svg import page
        from factcheck.dates.timeline_svg import render as draw

        lang = doc.lang if doc.lang in ("ar", "en") else "en"
        title = f"{doc.title or doc.path}"
        frag = draw(timeline, doc.published, date_findings(doc) if findings is None else findings, lang)
        out.write(page(title, frag, lang))
        return
    if fmt == "json":
        out.write(json.dumps(timeline, ensure_ascii=False, indent=2) + "\n")
        return
    from factcheck.output.text_format import print_table

    starts = doc.source_line_starts
    pub = doc.published.isoformat() if doc.published else "unknown"
    rows = []
    for t in timeline:
        line, col = line_col(starts, t["start"])
        rows.append((f"{line}:{col}", t["text"], t["type"], t["value"], t["basis"]))
    print_table(out, f"{doc.path} — published {pub} ({doc.published_source}), {doc.lang}",
                ("line:col", "text", "type", "value", "basis"), rows, "no date expressions")
