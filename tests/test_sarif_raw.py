"""SARIF regions and fixes count the file as stored (a CRLF is two characters there), and
artifact URIs are percent-encoded (the QA pass of session 30)."""

from __future__ import annotations

import json


def _sarif(cli, *args, cwd=None):
    r = cli("check", *args, "--format", "sarif", "--no-cache", cwd=cwd)
    assert r.returncode in (0, 1), r.stderr
    return json.loads(r.stdout)


def test_char_offsets_and_fixes_apply_to_the_file_as_stored(tmp_path, cli):
    p = tmp_path / "crlf.txt"
    p.write_bytes(b"First line.\r\nSecond line.\r\nPower was back,, officials said.\r\n")
    doc = _sarif(cli, p)
    assert doc["runs"][0]["columnKind"] == "unicodeCodePoints"
    res = [r for r in doc["runs"][0]["results"] if r["fixes"]]
    assert res
    raw = p.read_bytes().decode("utf-8")
    r = res[0]
    reg = r["locations"][0]["physicalLocation"]["region"]
    assert raw[reg["charOffset"]:reg["charOffset"] + reg["charLength"]] == ",,"
    assert (reg["startLine"], reg["startColumn"]) == (3, 15)
    rep = r["fixes"][0]["artifactChanges"][0]["replacements"][0]
    d = rep["deletedRegion"]
    fixed = raw[:d["charOffset"]] + rep["insertedContent"]["text"] + raw[d["charOffset"] + d["charLength"]:]
    assert fixed == "First line.\r\nSecond line.\r\nPower was back, officials said.\r\n"


def test_lf_files_keep_their_offsets(tmp_path, cli):
    p = tmp_path / "lf.txt"
    p.write_bytes(b"First line.\nPower was back,, officials said.\n")
    reg = _sarif(cli, p)["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["region"]
    assert reg["charOffset"] == 26 and reg["charLength"] == 2


def test_artifact_uris_are_percent_encoded(tmp_path, cli):
    d = tmp_path / "n"
    d.mkdir()
    (d / "report #2 100%.txt").write_text("He said the the plan.\n", encoding="utf-8")
    doc = _sarif(cli, "n", cwd=tmp_path)
    uris = {r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in doc["runs"][0]["results"]}
    assert uris == {"n/report%20%232%20100%25.txt"}
