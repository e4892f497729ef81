"""--format junit: JUnit XML for the test views of GitLab, Jenkins and others.

One <testsuite> per file, one failing <testcase> per finding (the finding's
severity is the failure's type); a file with no findings has one passing
testcase.  A file that could not be read is a testsuite with one <error>.
Nothing varies between runs (no timestamps), so reports can be compared."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

from factcheck.output.common import report_dict

# characters XML 1.0 cannot carry at all, even escaped
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def _x(s) -> str:
    return _NOT_XML.sub("\ufffd", "" if s is None else str(s))


def _failure_text(path: str, x: dict) -> str:
    lines = [f"{path}:{x['line']}:{x['column']}: {x['severity']} {x['rule']} ({x['category']})",
             x["message"], f"text: «{x['text']}»"]
    if x.get("fix"):
        edits = "; ".join(f"{e['start']}-{e['end']} → «{e['replacement']}»" for e in x["fix"]["edits"])
        lines.append(f"fix ({x['fix']['applicability']}): {edits}")
    return _x("\n".join(lines) + "\n")


def build(data: dict) -> ET.Element:
    """The <testsuites> element for a factcheck.report/1 document."""
    root = ET.Element("testsuites", name="factcheck")
    n_tests = n_fail = n_err = 0
    for f in data["files"]:
        path = f["path"]
        fl = f["findings"]
        suite = ET.SubElement(root, "testsuite", name=_x(path), tests=str(max(1, len(fl))),
                              failures=str(len(fl)), errors="0", skipped="0", time="0")
        props = ET.SubElement(suite, "properties")
        for k in ("language", "published", "published_source"):
            ET.SubElement(props, "property", name=k, value=_x(f.get(k) or ""))
        if not fl:
            ET.SubElement(suite, "testcase", classname=_x(path), name="no findings", file=_x(path), time="0")
        for x in fl:
            tc = ET.SubElement(suite, "testcase", classname=_x(path),
                               name=_x(f"{x['rule']} at {x['line']}:{x['column']}"),
                               file=_x(path), line=str(x["line"]), time="0")
            fail = ET.SubElement(tc, "failure", message=_x(x["message"]), type=x["severity"])
            fail.text = _failure_text(path, x)
        n_tests += max(1, len(fl))
        n_fail += len(fl)
    for e in data["errors"]:
        suite = ET.SubElement(root, "testsuite", name=_x(e["path"]), tests="1", failures="0", errors="1",
                              skipped="0", time="0")
        tc = ET.SubElement(suite, "testcase", classname=_x(e["path"]), name="read and check",
                           file=_x(e["path"]), time="0")
        err = ET.SubElement(tc, "error", message=_x(e["message"]), type="input-error")
        err.text = _x(f"{e['path']}: {e['message']}\n")
        n_tests += 1
        n_err += 1
    root.set("tests", str(n_tests))
    root.set("failures", str(n_fail))
    root.set("errors", str(n_err))
    root.set("time", "0")
    return root


def render(files, errors, out, **_):
    root = build(report_dict(files, errors))
    ET.indent(root)
    out.write('<?xml version="1.0" encoding="UTF-8"?>\n')
    out.write(ET.tostring(root, encoding="unicode"))
    out.write("\n")
