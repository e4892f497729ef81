"""Offsets count the file as stored in every format (a CRLF is two code points): the JSON
report, audit records, `dates`/`figures --format json` and SARIF agree, `text[start:end]` is
the finding's text, and a pipeline that applies the JSON's fix edits to the file's own text
gets what `--fix` writes (QA pass of session 32, D1)."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

CRLF = "Line one.\r\nLine two.\r\nLine three.\r\nIt is final. . Then the the end on March 3, 2025.\r\n"


def _run(*args, stdin=None):
    return subprocess.run([sys.executable, "-m", "factcheck", *args], capture_output=True, input=stdin)


@pytest.fixture()
def crlf_file(tmp_path):
    p = tmp_path / "a.txt"
    p.write_bytes(CRLF.encode("utf-8"))
    return p


def _json(path, *extra):
    out = _run("check", "--no-cache", "--format", "json", *extra, str(path))
    return json.loads(out.stdout)


def test_json_offsets_are_into_the_file_as_stored(crlf_file):
    findings = _json(crlf_file)["files"][0]["findings"]
    assert findings
    for f in findings:
        assert CRLF[f["start"]:f["end"]] == f["text"]
    dup = next(f for f in findings if f["rule"] == "en.punctuation.duplicated")
    assert dup["start"] == CRLF.index(". .")
    text = CRLF
    edits = [e for f in findings if f["fix"] and f["fix"]["applicability"] == "safe" for e in f["fix"]["edits"]]
    for e in sorted(edits, key=lambda e: -e["start"]):
        text = text[:e["start"]] + e["replacement"] + text[e["end"]:]
    assert _run("check", "--no-cache", "--fix", str(crlf_file)).returncode in (0, 1)
    assert crlf_file.read_bytes().decode("utf-8") == text
    assert "It is final. Then the end" in text and text.endswith(".\r\n")


def test_stdin_sarif_and_audit_agree_with_json(crlf_file, tmp_path):
    want = [(f["rule"], f["start"], f["end"]) for f in _json(crlf_file)["files"][0]["findings"]]
    stdin = json.loads(_run("check", "--no-cache", "--format", "json", "-", stdin=CRLF.encode()).stdout)
    assert [(f["rule"], f["start"], f["end"]) for f in stdin["files"][0]["findings"]] == want
    sarif = json.loads(_run("check", "--no-cache", "--format", "sarif", str(crlf_file)).stdout)
    got = [(r["ruleId"], r["locations"][0]["physicalLocation"]["region"]["charOffset"])
           for r in sarif["runs"][0]["results"]]
    assert got == [(r, s) for r, s, _ in want]


def test_dates_json_counts_the_file_as_stored(crlf_file):
    timeline = json.loads(_run("dates", "--format", "json", str(crlf_file)).stdout)
    march = next(t for t in timeline if t["value"] == "2025-03-03")
    assert CRLF[march["start"]:march["end"]] == "March 3, 2025"


def test_audit_records_count_the_file_as_stored(crlf_file, tmp_path):
    pytest.importorskip("distributed")
    out = tmp_path / "out.jsonl"
    res = _run("audit", str(crlf_file.parent), "-o", str(out), "--workers", "1", "--no-progress")
    assert res.returncode in (0, 1), res.stderr
    rec = json.loads(out.read_text(encoding="utf-8").splitlines()[0])
    entry = _json(crlf_file)["files"][0]
    assert rec["findings"] == entry["findings"] and rec["timeline"] == entry["timeline"]
    assert rec["findings"] and all(CRLF[f["start"]:f["end"]] == f["text"] for f in rec["findings"])
