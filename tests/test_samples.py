"""The bundled sample articles, end to end: every expected finding and nothing else.

Each samples/<lang>/<name> has <name>.expected.json: the findings a person read
and confirmed (rule, line, column, text).  After a deliberate change, rewrite
them with FACTCHECK_REGEN_SAMPLES=1 and read the diff before committing.
"""

import json
import os

import pytest

from conftest import ROOT, run_cli

SAMPLES = sorted(p for p in (ROOT / "samples").rglob("*") if p.suffix in (".md", ".txt", ".html"))


def test_there_are_enough_samples():
    assert len([p for p in SAMPLES if p.parent.name == "ar"]) >= 3
    assert len([p for p in SAMPLES if p.parent.name == "en"]) >= 2


@pytest.mark.parametrize("path", SAMPLES, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_sample_findings(path):
    p = run_cli("check", "--format", "json", path.relative_to(ROOT), cwd=ROOT)
    assert p.returncode in (0, 1), p.stderr
    data = json.loads(p.stdout)
    (f,) = data["files"]
    got = [{"rule": x["rule"], "line": x["line"], "column": x["column"], "text": x["text"]} for x in f["findings"]]
    exp_path = path.with_name(path.name + ".expected.json")
    if os.environ.get("FACTCHECK_REGEN_SAMPLES"):
        exp_path.write_text(json.dumps(got, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    expected = json.loads(exp_path.read_text(encoding="utf-8"))
    assert got == expected
    assert f["published"] is not None  # every sample says when it was published
    src = path.read_text(encoding="utf-8")
    for x in f["findings"]:
        assert src[x["start"]:x["end"]] == x["text"]
