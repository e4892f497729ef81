"""What every format shares: the report as plain data, lines and columns computed here."""

from __future__ import annotations

from collections import Counter

from factcheck import __version__
from factcheck.textview import line_col, line_starts

SCHEMA = "factcheck.report/1"


def finding_dict(f, starts) -> dict:
    line, col = line_col(starts, f.start)
    end_line, end_col = line_col(starts, f.end)
    fix = None
    if f.fix is not None:
        fix = {"applicability": f.fix.applicability,
               "edits": [{"start": e.start, "end": e.end, "replacement": e.replacement} for e in f.fix.edits]}
    return {"rule": f.rule, "category": f.category, "severity": f.severity, "message": f.message,
            "start": f.start, "end": f.end, "line": line, "column": col, "end_line": end_line,
            "end_column": end_col, "text": f.text, "fix": fix}


def report_dict(files, errors) -> dict:
    out_files = []
    sev, cat = Counter(), Counter()
    total = 0
    for rep in files:
        starts = line_starts(rep.source)
        fl = [finding_dict(f, starts) for f in rep.findings]
        for f in rep.findings:
            sev[f.severity] += 1
            cat[f.category] += 1
        total += len(fl)
        entry = {"path": rep.path, "language": rep.language, "published": rep.published,
                 "published_source": rep.published_source, "findings": fl, "timeline": rep.timeline,
                 "figures": rep.figures}
        if rep.skipped:
            entry["skipped"] = rep.skipped
        out_files.append(entry)
    return {
        "schema": SCHEMA,
        "tool": {"name": "factcheck", "version": __version__},
        "files": out_files,
        "errors": [{"path": p, "message": m} for p, m in errors],
        "summary": {"files": len(files) + len({p for p, _ in errors} - {r.path for r in files}),
                    "findings": total, "by_severity": dict(sev), "by_category": dict(cat)},
    }
