"""Class 7: --jobs N was not the same run as --jobs 1 (rule errors lost, exit 1 instead
of 2, a traceback for a broken configuration, SARIF without rule descriptions).  The
output of every format must be byte-identical whatever the number of jobs."""

import json
from pathlib import Path

import pytest

from factcheck.output import FORMATS
from hostile import AR_BAD, EN_BAD, run, write

ROOT = Path(__file__).resolve().parents[2]
# articles with figures, a timeline and figure and date findings, so that every part of
# a file entry (and of each format's rendering of it) is compared across job counts
SAMPLES = ("samples/ar/02-refugees.txt", "samples/en/01-storm.md")


def batch(tmp_path):
    write(tmp_path / ".factcheck.yaml", "rules_dirs: [house]\n")
    write(tmp_path / "house" / "en" / "punctuation" / "broken.yaml", "kind: pattern\nnope: 1\n")
    write(tmp_path / "house" / "en" / "spelling" / "colour.yaml",
          "kind: pattern\nmessage: House style is color\ndescription: US spelling\npatterns: [colour]\n"
          "replace: color\nexamples:\n  bad:\n    - text: \"a ⟦colour⟧\"\n      fixed: \"a color\"\n  good: [\"a color\"]\n")
    for i in range(7):
        write(tmp_path / "arts" / f"a{i}.txt", (EN_BAD + "The colour.\n") if i % 2 else AR_BAD)
    write(tmp_path / "arts" / "b.html", "<article><p>The the x &#1; \x1b[31m.</p></article>")
    write(tmp_path / "arts" / "bad.md", b"caf\xe9\n")
    write(tmp_path / "arts" / "bomb.md", "---\na: &a [1, *a]\n---\nx\n")
    for rel in SAMPLES:
        write(tmp_path / "arts" / Path(rel).name, (ROOT / rel).read_bytes())
    return tmp_path / "arts"


def assert_lists_are_there(fmt, out):
    """The batch's report really carries figures and a timeline in this format."""
    if fmt == "json":
        files = json.loads(out)["files"]
        assert any(f["figures"] for f in files) and any(f["timeline"] for f in files)
        cats = {x["category"] for f in files for x in f["findings"]}
        assert {"figure", "date"} <= cats, cats
    elif fmt == "html":
        assert 'class="fc-figures"' in out and "fc-timeline" in out
    else:
        assert ".figure." in out and ".dates." in out


@pytest.mark.parametrize("fmt", FORMATS)
def test_class7_every_format_is_byte_identical_across_job_counts(tmp_path, fmt):
    arts = batch(tmp_path)
    args = ["check", "--format", fmt, "--no-color", arts] if fmt == "text" else ["check", "--format", fmt, arts]
    one = run(*args, "--jobs", "1", cwd=tmp_path)
    two = run(*args, "--jobs", "2", cwd=tmp_path)
    assert one.returncode == two.returncode == 2
    assert one.stdout == two.stdout and one.stdout
    assert one.stderr == two.stderr
    assert "broken.yaml:2:1: unknown key 'nope'" in one.stderr
    assert_lists_are_there(fmt, one.stdout)
    if fmt == "sarif":
        rules = json.loads(two.stdout)["runs"][0]["tool"]["driver"]["rules"]
        assert rules and all("shortDescription" in r and "properties" in r for r in rules)


def test_class7_broken_config_is_one_line_with_any_job_count(tmp_path):
    arts = batch(tmp_path)
    write(tmp_path / ".factcheck.yaml", "select: [\n")
    results = [run("check", arts, "--jobs", j, cwd=tmp_path) for j in ("1", "2")]
    for res in results:
        assert res.returncode == 2 and res.stdout == ""
        (line,) = res.lines
        assert ".factcheck.yaml:2:1: invalid YAML" in line
    assert results[0].stderr == results[1].stderr


@pytest.mark.parametrize("fmt", FORMATS)
def test_class7_cache_cold_warm_or_off_is_the_same_run(tmp_path, fmt):
    """The result cache is on by default: a cold run with --jobs 2, a warm run with --jobs 1
    and a run without the cache give the same bytes, messages in input order included
    (files served by the cache, files checked, and files that cannot be read, a FIFO
    among them), and SARIF still describes the house rule its cached findings name."""
    import os
    import sqlite3

    arts = batch(tmp_path)
    (tmp_path / "house" / "en" / "punctuation" / "broken.yaml").unlink()  # rule errors disable the cache
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    args = ["check", "--format", fmt, arts / "a1.txt", fifo, arts]
    if fmt == "text":
        args.append("--no-color")
    cold = run(*args, "--jobs", "2", cwd=tmp_path)
    with sqlite3.connect(str(tmp_path / ".factcheck_cache" / "v1.sqlite")) as db:
        stored = db.execute("SELECT COUNT(*) FROM entries").fetchone()[0]
    assert stored == 5  # by content: the Arabic copies, the English ones, b.html, the two samples;
    # files with errors are not kept
    warm = run(*args, "--jobs", "1", cwd=tmp_path)
    off = run(*args, "--no-cache", "--jobs", "2", cwd=tmp_path)
    assert cold.returncode == warm.returncode == off.returncode == 2
    assert cold.stdout == warm.stdout == off.stdout and cold.stdout
    assert cold.stderr == warm.stderr == off.stderr
    assert_lists_are_there(fmt, warm.stdout)  # served from the cache: figures and timeline too
    lines = cold.lines
    assert [ln.split(": ")[1].rsplit("/", 1)[-1] for ln in lines] == ["pipe.txt", "bad.md", "bomb.md"], lines
    if fmt == "sarif":
        rules = {r["id"]: r for r in json.loads(warm.stdout)["runs"][0]["tool"]["driver"]["rules"]}
        assert rules["en.spelling.colour"]["shortDescription"]["text"] == "US spelling"


def test_class7_baselines_are_the_same_with_any_job_count(tmp_path):
    """`baseline create --jobs N` writes the same file as --jobs 1, and `check --baseline`
    reports the same findings (figure and date findings among them)."""
    arts = batch(tmp_path)
    made = [run("baseline", "create", tmp_path / f"bl{j}.json", arts, "--no-cache", "--jobs", j, cwd=tmp_path)
            for j in ("1", "2")]
    assert made[0].returncode == made[1].returncode == 2  # the broken rule and the bad files
    assert made[0].stderr == made[1].stderr
    one, two = ((tmp_path / f"bl{j}.json").read_bytes() for j in ("1", "2"))
    assert one == two
    rules = {e["rule"] for e in json.loads(one)["entries"]}
    assert any(".figure." in r for r in rules) and any(".dates." in r for r in rules)
    (tmp_path / "arts" / "a1.txt").write_text(EN_BAD + "The colour.\nIt was was late.\n", encoding="utf-8")
    checks = [run("check", "--format", "json", "--baseline", tmp_path / "bl1.json", arts, "--jobs", j, cwd=tmp_path)
              for j in ("1", "2")]
    assert checks[0].stdout == checks[1].stdout and checks[0].stderr == checks[1].stderr
    new = [x["rule"] for f in json.loads(checks[0].stdout)["files"] for x in f["findings"]]
    assert new == ["en.repetition.repeated-word"], new
