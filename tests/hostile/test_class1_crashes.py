"""Class 1: crashes where a one-line error belongs.  Every input here once gave a
traceback, exit 1 and no report for the other files.  Now: exit 2, one line naming the
input, the other files checked, nothing modified."""

import json
import os

import pytest

from hostile import EN_BAD, IS_ROOT, assert_one_line_errors, run, snapshot, write

# HTML character references that unescape to nothing, to a control or to a noncharacter
ENTITIES = ["&#1;", "&#0;", "&#x0;", "&#xD800;", "&#x110000;", "&#99999999999999999999;", "&#xFFFF;", "&#x1FFFE;",
            "&#128;", "&#x81;", "&#13;", "&#x7F;", "&#8;", "&#;", "&#x;", "&notanentity;", "&", "&#12"]


def test_class1_entities_that_unescape_to_nothing_or_a_noncharacter(tmp_path):
    files = []
    for i, ent in enumerate(ENTITIES):
        files.append(write(tmp_path / f"e{i}.html", f"<article><p>The deal {ent} the the end.</p></article>"))
    ok = write(tmp_path / "ok.txt", EN_BAD)
    res = run("check", "--format", "json", *files, ok)
    assert res.returncode == 1, res.stderr  # findings, no error
    data = res.json()
    assert data["errors"] == [] and len(data["files"]) == len(files) + 1
    for f, entry in zip(files, data["files"]):
        src = f.read_text(encoding="utf-8")
        rules = [x["rule"] for x in entry["findings"]]
        assert "en.repetition.repeated-word" in rules, (f.name, rules)
        for x in entry["findings"]:
            assert src[x["start"]:x["end"]] == x["text"]


@pytest.mark.parametrize("where", ["front-matter", "config"])
@pytest.mark.parametrize("value", ["2024-02-30", "2023-13-01", "2024-02-30T25:61:00Z", "9" * 5000])
def test_class1_impossible_scalar_values(tmp_path, where, value):
    ok = write(tmp_path / "ok.txt", EN_BAD)
    if where == "front-matter":
        bad = write(tmp_path / "bad.md", f"---\npublished: {value}\n---\nThe the body.\n")
        before = snapshot(bad, ok)
        res = run("check", "--format", "json", bad, ok)
        assert res.returncode == 2
        assert_one_line_errors(res, {str(bad): "front matter: line 2: cannot read"})
        assert [f["path"] for f in res.json()["files"]] == [str(ok)]
        assert snapshot(bad, ok) == before
    else:
        write(tmp_path / ".factcheck.yaml", f"language: {value}\n")
        res = run("check", ok, cwd=tmp_path)
        assert res.returncode == 2
        (line,) = res.lines
        assert ".factcheck.yaml:1:11: cannot read" in line


@pytest.mark.parametrize("style", ["flow", "block", "mapping"])
def test_class1_deep_nesting_in_front_matter_and_config(tmp_path, style):
    depth = 600
    if style == "flow":
        y = "x: " + "[" * depth + "]" * depth + "\n"
    elif style == "block":
        y = "x:\n" + "".join(" " * (i + 1) + "-\n" for i in range(depth))
    else:
        y = "".join(" " * i + f"k{i}:\n" for i in range(depth))
    bad = write(tmp_path / "bad.md", "---\n" + y + "---\nThe the body.\n")
    ok = write(tmp_path / "ok.txt", EN_BAD)
    res = run("check", bad, ok)
    assert res.returncode == 2
    (line,) = res.lines
    assert line.startswith(f"factcheck: {bad}: front matter: line ") and ("levels deep" in line or "nesting" in line)
    assert "1 finding(s) in 2 file(s)" in res.stdout
    cfg_dir = tmp_path / "c"
    write(cfg_dir / ".factcheck.yaml", y)
    res = run("check", write(cfg_dir / "a.txt", EN_BAD))
    assert res.returncode == 2 and len(res.lines) == 1 and ".factcheck.yaml:" in res.lines[0]


def test_class1_output_into_a_missing_folder_fails_before_any_work(tmp_path):
    ok = write(tmp_path / "ok.txt", EN_BAD)
    res = run("check", ok, "-o", tmp_path / "no" / "such" / "report.json", "--format", "json")
    assert res.returncode == 2
    (line,) = res.lines
    assert "does not exist" in line and res.stdout == ""
    res = run("check", ok, "-o", tmp_path)  # a folder: a usage error (click's own three lines)
    assert res.returncode == 2 and "is a directory" in res.lines[-1] and res.stdout == ""


def test_class1_baseline_file_is_an_output_like_o(tmp_path):
    """`baseline create FILE`: a missing folder fails before any work, an unwritable one in
    one line, and a symbolic link is written through (the link stays a link)."""
    ok = write(tmp_path / "ok.txt", EN_BAD)
    res = run("baseline", "create", tmp_path / "no" / "such" / "bl.json", ok, "--no-cache")
    assert res.returncode == 2 and res.stdout == ""
    (line,) = res.lines
    assert "does not exist" in line
    ro = tmp_path / "ro"
    ro.mkdir()
    if not IS_ROOT:
        os.chmod(ro, 0o555)
    try:
        res = run("baseline", "create", ro / "bl.json", ok, "--no-cache", readonly=[ro])
    finally:
        os.chmod(ro, 0o755)
    assert res.returncode == 2 and not list(ro.iterdir())
    (line,) = res.lines
    assert "cannot write" in line
    target = write(tmp_path / "shared" / "bl.json", "{}")
    link = tmp_path / "bl.json"
    os.symlink(target, link)
    res = run("baseline", "create", link, ok, "--no-cache")
    assert res.returncode == 0, res.stderr
    assert link.is_symlink() and json.loads(target.read_text(encoding="utf-8"))["findings"] == 1


def test_class1_output_that_cannot_be_written(tmp_path):
    ok = write(tmp_path / "ok.txt", EN_BAD)
    out_dir = tmp_path / "ro"
    out_dir.mkdir()
    if not IS_ROOT:
        os.chmod(out_dir, 0o555)
    try:
        res = run("check", ok, "-o", out_dir / "r.json", "--format", "json", readonly=[out_dir])
    finally:
        os.chmod(out_dir, 0o755)
    assert res.returncode == 2
    (line,) = res.lines
    assert "cannot write" in line and not list(out_dir.iterdir())


def test_class1_report_is_written_whole_and_keeps_a_link(tmp_path):
    ok = write(tmp_path / "ok.txt", EN_BAD)
    real = write(tmp_path / "reports" / "real.json", "old")
    os.symlink(real, tmp_path / "link.json")
    res = run("check", ok, "-o", tmp_path / "link.json", "--format", "json")
    assert res.returncode == 1 and res.stdout == ""
    assert (tmp_path / "link.json").is_symlink()
    assert json.loads(real.read_text(encoding="utf-8"))["files"][0]["path"] == str(ok)


@pytest.mark.parametrize("fmt", ["text", "json", "sarif", "github"])
def test_class1_file_names_that_are_not_utf8(tmp_path, fmt):
    d = os.fsencode(tmp_path)
    bad_name = os.path.join(d, b"\xffbad.txt")
    nl_name = os.path.join(d, b"new\nline.txt")
    for n in (bad_name, nl_name):
        with open(n, "wb") as f:
            f.write(EN_BAD.encode())
    ok = write(tmp_path / "ok.txt", EN_BAD)
    res = run("check", "--format", fmt, bad_name, nl_name, ok, env={"LC_ALL": "C.UTF-8"})
    assert res.returncode == 1, res.stderr  # run() decoded stdout as strict UTF-8
    out = res.stdout
    if fmt in ("json", "sarif"):
        out = json.dumps(json.loads(out), ensure_ascii=False).replace("\\\\", "\\")
    if fmt == "sarif":  # artifact URIs are the name's bytes, percent-encoded (session 32, D12)
        assert "%FFbad.txt" in out and "new%0Aline.txt" in out
    else:
        assert "\\xffbad.txt" in out and "new\\nline.txt" in out
    if fmt == "json":
        assert [f["path"] for f in res.json()["files"]] == [
            os.fsdecode(d) + "/\\xffbad.txt", os.fsdecode(d) + "/new\\nline.txt", str(ok)]
    if fmt == "github":
        assert all(ln.startswith("::") for ln in out.splitlines())


def test_class1_fix_in_a_read_only_folder_goes_on_with_the_others(tmp_path):
    ro = tmp_path / "ro"
    a = write(ro / "a.txt", EN_BAD)
    b = write(ro / "b.txt", EN_BAD)
    c = write(tmp_path / "rw" / "c.txt", EN_BAD)
    if not IS_ROOT:
        os.chmod(ro, 0o555)
    try:
        before = snapshot(a, b)
        res = run("check", "--fix", "--format", "json", a, c, b, readonly=[ro])
        after = snapshot(a, b)
    finally:
        os.chmod(ro, 0o755)
    assert res.returncode == 2
    assert_one_line_errors(res, {str(a): "--fix: cannot write", str(b): "--fix: cannot write"})
    assert after == before
    assert c.read_text(encoding="utf-8") == "The minister said the deal was final.\n"
    data = res.json()
    assert [f["path"] for f in data["files"]] == [str(a), str(c), str(b)]
    assert not [x for x in os.listdir(ro) if x.endswith(".factcheck")]


def test_class1_other_yaml_that_once_crashed(tmp_path):
    cases = {
        "recursive.md": ("---\na: &a [1, *a]\n---\nThe the body.\n", "refers to the value that contains it"),
        "unhashable.md": ("---\n? [a]\n: b\n---\nThe the body.\n", "keys must be plain strings"),
        "tab.md": ("---\na:\n\t- b\n---\nThe the body.\n", "invalid YAML"),
        "datelist.md": ("---\npublished: [2024-01-01]\n---\nThe the body.\n", "cannot read a date"),
    }
    files = {write(tmp_path / n, body): needle for n, (body, needle) in cases.items()}
    ok = write(tmp_path / "ok.txt", EN_BAD)
    res = run("check", *files, ok)
    assert res.returncode == 2
    assert_one_line_errors(res, {str(f): needle for f, needle in files.items()})
