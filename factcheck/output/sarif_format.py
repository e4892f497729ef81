"""--format sarif: SARIF 2.1.0 for code-scanning dashboards."""

from __future__ import annotations

import json
from urllib.parse import quote

from factcheck import __version__
from factcheck.output.common import report_dict

_LEVEL = {"error": "error", "warning": "warning", "info": "note"}


def _uri(path: str) -> str:
    """A relative path as a URI reference: percent-encoded ("report #2 100%.txt" would
    otherwise read as a fragment and a broken escape; the backslash of a name shown escaped,
    "\\xffbad.txt", is %5C)."""
    return quote(path, safe="/")


def render(files, errors, out, rules=None, **_):
    data = report_dict(files, errors)
    used = sorted({x["rule"] for f in data["files"] for x in f["findings"]})
    by_id = {r.id: r for r in (rules or [])}
    results = []
    for rep, f in zip(files, data["files"]):
        # charOffset counts the file as stored, as every offset of the reports does (a CRLF
        # is two code points: factcheck.fixes.report_to_raw)
        # a name that is not UTF-8 is shown escaped ("x\\xff.txt"); its URI is its bytes, which
        # the CLI gives the report (`fs_path`), so that the URI names the file (QA D12)
        raw = getattr(rep, "fs_path", None)
        uri = quote(raw, safe=b"/") if isinstance(raw, bytes) else _uri(f["path"])
        for x in f["findings"]:
            res = {
                "ruleId": x["rule"],
                "ruleIndex": used.index(x["rule"]),
                "level": _LEVEL[x["severity"]],
                "message": {"text": x["message"]},
                "locations": [{"physicalLocation": {
                    "artifactLocation": {"uri": uri},
                    "region": {"startLine": x["line"], "startColumn": x["column"],
                               "endLine": x["end_line"], "endColumn": x["end_column"],
                               "charOffset": x["start"], "charLength": x["end"] - x["start"]}}}],
            }
            if x["fix"]:
                res["fixes"] = [{"description": {"text": f"{x['fix']['applicability']} fix"},
                                 "artifactChanges": [{"artifactLocation": {"uri": uri}, "replacements": [
                                     {"deletedRegion": {"charOffset": e["start"],
                                                        "charLength": e["end"] - e["start"]},
                                      "insertedContent": {"text": e["replacement"]}} for e in x["fix"]["edits"]]}]}]
            results.append(res)
    driver_rules = []
    for rid in used:
        r = by_id.get(rid)
        d = {"id": rid}
        if r is not None:
            d["shortDescription"] = {"text": r.description.split("\n")[0]}
            d["properties"] = {"category": r.category}
        driver_rules.append(d)
    doc = {
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {"name": "factcheck", "version": __version__, "rules": driver_rules}},
            "columnKind": "unicodeCodePoints",
            "results": results,
            "invocations": [{"executionSuccessful": not data["errors"],
                             "toolExecutionNotifications": [
                                 {"level": "error", "message": {"text": f"{e['path']}: {e['message']}"}}
                                 for e in data["errors"]]}],
        }],
    }
    json.dump(doc, out, ensure_ascii=False, indent=1)
    out.write("\n")
