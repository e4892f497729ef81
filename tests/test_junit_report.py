"""--format junit, read back with junitparser (a well-kept JUnit XML reader) and
checked for what GitLab's and Jenkins' test views need."""

import json
import xml.etree.ElementTree as ET

import pytest

junitparser = pytest.importorskip("junitparser", reason="junitparser is in the test extra")

from junitparser import Error, Failure, JUnitXml  # noqa: E402

AR_BAD = "---\npublished: 2024-08-15\n---\nوقال الوزير إن الاتفاق نهائي. . وأضاف أن التنفيذ يبدأ غدا.\n"
EN_BAD = "The minister said the the deal was final.\n"
CLEAN = "The minister said the deal was final.\n"


def test_junit_one_suite_per_file_one_failing_case_per_finding(tmp_path, cli):
    a = tmp_path / "a.md"
    a.write_text(AR_BAD, encoding="utf-8")
    b = tmp_path / "b.txt"
    b.write_text(EN_BAD, encoding="utf-8")
    c = tmp_path / "clean.txt"
    c.write_text(CLEAN, encoding="utf-8")
    bad = tmp_path / "latin1.txt"
    bad.write_bytes("caf\xe9\n".encode("latin-1"))
    out = tmp_path / "junit.xml"
    p = cli("check", "--format", "junit", "-o", out, a, b, c, bad)
    assert p.returncode == 2, p.stderr  # the unreadable file is an error
    data = json.loads(cli("check", "--format", "json", a, b, c, bad).stdout)

    xml = JUnitXml.fromfile(str(out))
    suites = {s.name: s for s in xml}
    assert set(suites) == {str(a), str(b), str(c), str(bad)}
    for entry in data["files"]:
        suite = suites[entry["path"]]
        cases = list(suite)
        if not entry["findings"]:
            assert len(cases) == 1 and cases[0].is_passed
            assert suite.tests == 1 and suite.failures == 0
            continue
        assert len(cases) == len(entry["findings"]) == suite.tests == suite.failures
        for case, x in zip(cases, entry["findings"]):
            assert not case.is_passed
            (res,) = case.result
            assert isinstance(res, Failure)
            assert res.type == x["severity"] and res.message == x["message"]
            assert case.name == f"{x['rule']} at {x['line']}:{x['column']}"
            assert case.classname == entry["path"]
            assert f"{entry['path']}:{x['line']}:{x['column']}" in res.text
    (ecase,) = list(suites[str(bad)])
    assert isinstance(ecase.result[0], Error) and "UTF-8" in ecase.result[0].message
    n = sum(max(1, len(e["findings"])) for e in data["files"]) + 1
    assert (xml.tests, xml.failures, xml.errors) == (n, data["summary"]["findings"], 1)

    # what GitLab and Jenkins read: a <testsuites> root, integer counts, file and line on cases
    root = ET.parse(out).getroot()
    assert root.tag == "testsuites"
    for s in root.iter("testsuite"):
        assert {"name", "tests", "failures", "errors", "skipped", "time"} <= set(s.attrib)
        assert int(s.get("tests")) == len(s.findall("testcase"))
        assert int(s.get("failures")) == len(s.findall("testcase/failure"))
    for tc in root.iter("testcase"):
        assert tc.get("classname") and tc.get("name") and tc.get("file")


def test_junit_clean_batch_passes(tmp_path, cli):
    c = tmp_path / "clean.txt"
    c.write_text(CLEAN, encoding="utf-8")
    p = cli("check", "--format", "junit", c)
    assert p.returncode == 0, p.stderr
    xml = JUnitXml.fromstring(p.stdout.encode("utf-8"))
    assert xml.tests == 1 and xml.failures == 0 and xml.errors == 0


def test_junit_replaces_characters_xml_cannot_carry():
    from factcheck.output.junit_format import build

    x = {"rule": "en.x.y", "category": "punctuation", "severity": "error", "message": "bad \x0b\x00 <&>",
         "start": 0, "end": 3, "line": 1, "column": 1, "end_line": 1, "end_column": 4, "text": "a\x0cb", "fix": None}
    data = {"files": [{"path": "p\x01.txt", "language": "en", "published": None, "published_source": "none",
                       "findings": [x]}], "errors": []}
    text = ET.tostring(build(data), encoding="unicode")
    assert not any(ch in text for ch in "\x00\x01\x0b\x0c")
    xml = JUnitXml.fromstring(text.encode("utf-8"))
    (case,) = list(next(iter(xml)))
    assert case.result[0].message == "bad \ufffd\ufffd <&>"
