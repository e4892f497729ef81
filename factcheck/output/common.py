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


class RuleFileError(tuple):
    """An entry (path, message) of a report's errors that is about a rule file of the
    configuration's rules_dirs, not about an article: it is listed, but it is no file
    that could not be checked."""

    rule_file = True


def error_counts(report: dict) -> tuple[int, int, int]:
    """(articles that could not be checked, rules that failed on an article that was
    checked, errors in rule files), from a report dict's files and errors: one article
    with two failing rules is one checked file, not "2 file(s) could not be checked"."""
    checked = {f["path"] for f in report["files"]}
    rule_files = sum(1 for e in report["errors"] if e.get("rule_file"))
    paths = [e["path"] for e in report["errors"] if not e.get("rule_file")]
    return len(set(paths) - checked), sum(1 for p in paths if p in checked), rule_files


def summary_tail(report: dict) -> str:
    """The end of the one-line summary: "; 1 file(s) could not be checked; 2 rule
    failure(s); 1 error(s) in rule files" (the parts that are not zero)."""
    unchecked, failures, rule_files = error_counts(report)
    out = ""
    if unchecked:
        out += f"; {unchecked} file(s) could not be checked"
    if failures:
        out += f"; {failures} rule failure(s)"
    if rule_files:
        out += f"; {rule_files} error(s) in rule files"
    return out


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
        "errors": [{"path": e[0], "message": e[1], **({"rule_file": True} if getattr(e, "rule_file", False) else {})}
                   for e in errors],
        "summary": {"files": len(files) + len({e[0] for e in errors if not getattr(e, "rule_file", False)}
                                             - {r.path for r in files}),
                    "findings": total, "by_severity": dict(sev), "by_category": dict(cat)},
    }
