"""The command line as editors and CI use it: formats, exit codes, bad input, fixes, config."""

import json
import os
import time
from pathlib import Path

import pytest

from conftest import ROOT

AR_BAD = "وقال الوزير إن الاتفاق نهائي. . وأضاف أن التنفيذ يبدأ غدا.\n"
EN_BAD = "The minister said the the deal was final.\n"


def write(p, text, encoding="utf-8"):
    p.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(text, bytes):
        p.write_bytes(text)
    else:
        p.write_text(text, encoding=encoding)
    return p


def as_json(proc):
    return json.loads(proc.stdout)


def test_json_report_shape(tmp_path, cli):
    f = write(tmp_path / "a.md", "---\ntitle: t\npublished: 2024-08-15\n---\n" + AR_BAD)
    p = cli("check", "--format", "json", f)
    assert p.returncode == 1, p.stderr
    data = as_json(p)
    assert data["schema"] == "factcheck.report/1"
    assert data["tool"] == {"name": "factcheck", "version": "0.1.0"}
    (entry,) = data["files"]
    assert entry["language"] == "ar"
    assert entry["published"] == "2024-08-15" and entry["published_source"] == "front-matter"
    assert isinstance(entry["timeline"], list)
    (fnd,) = [x for x in entry["findings"] if x["rule"] == "ar.punctuation.duplicated"]
    src = f.read_text(encoding="utf-8")
    assert src[fnd["start"]:fnd["end"]] == ". ." == fnd["text"]
    assert (fnd["line"], fnd["column"]) == (5, src.split("\n")[4].index(". .") + 1)
    assert fnd["end_column"] - fnd["column"] == 3 and fnd["end_line"] == 5
    assert fnd["category"] == "punctuation" and fnd["severity"] == "error"
    assert fnd["fix"] == {"applicability": "safe", "edits": [{"start": fnd["start"], "end": fnd["end"], "replacement": "."}]}
    assert set(fnd) >= {"rule", "category", "severity", "message", "start", "end", "line", "column",
                        "end_line", "end_column", "text", "fix"}
    assert data["errors"] == []
    assert data["summary"]["files"] == 1
    assert data["summary"]["findings"] == len(entry["findings"])
    assert data["summary"]["by_category"]["punctuation"] >= 1


def test_exit_codes_and_fail_on(tmp_path, cli):
    clean = write(tmp_path / "clean.txt", "The minister said the deal was final.\n")
    assert cli("check", clean).returncode == 0
    info_only = write(tmp_path / "info.txt", "The delegation  arrived.\n")  # double space: info
    assert cli("check", info_only).returncode == 0
    assert cli("check", "--fail-on", "info", info_only).returncode == 1
    bad = write(tmp_path / "bad.txt", EN_BAD)
    assert cli("check", bad).returncode == 1
    assert cli("check", "--fail-on", "never", bad).returncode == 0
    assert cli("check", "--format", "nope", bad).returncode == 2


def test_text_report_highlights_by_style_without_carets(tmp_path, cli):
    f = write(tmp_path / "a.txt", AR_BAD)
    p = cli("check", "--color", f)
    assert p.returncode == 1
    assert "\x1b[" in p.stdout  # styled span
    assert "^" not in p.stdout
    plain = cli("check", "--no-color", "--published", "2025-03-15", f).stdout
    assert "ar.punctuation.duplicated" in plain and f"1:{AR_BAD.index('. .') + 1}" in plain
    assert AR_BAD.strip() in plain  # the line of copy is shown whole
    assert "1 finding(s) in 1 file(s): 1 error" in plain


def test_directory_recursion_and_stdin(tmp_path, cli):
    write(tmp_path / "d" / "a.md", EN_BAD)
    write(tmp_path / "d" / "sub" / "b.html", "<html><body><p>" + EN_BAD + "</p></body></html>")
    write(tmp_path / "d" / "notes.json", "{}")
    write(tmp_path / "d" / ".hidden" / "c.txt", EN_BAD)
    data = as_json(cli("check", "--format", "json", tmp_path / "d"))
    assert sorted(os.path.basename(f["path"]) for f in data["files"]) == ["a.md", "b.html"]
    p = cli("check", "--format", "json", "-", input=EN_BAD)
    data = json.loads(p.stdout)
    assert data["files"][0]["path"] == "-" and data["files"][0]["findings"][0]["rule"] == "en.repetition.repeated-word"


@pytest.mark.parametrize("content,needle", [
    (b"caf\xe9 au lait\n", "not UTF-8: invalid byte 0xe9 at offset 3"),
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00", "binary file"),
    ("---\ntitle: [unclosed\n---\nbody\n", "front matter: line"),
    ("---\ntitle: x\nbody without end\n", "front matter: opening '---' has no closing '---'"),
    ("---\n- a\n- b\n---\nbody\n", "front matter: must be a mapping"),
    ("---\npublished: someday\n---\nbody\n", "cannot read a date"),
])
def test_bad_input_is_one_line_exit_2_and_the_rest_is_checked(tmp_path, cli, content, needle):
    bad = write(tmp_path / "bad.md", content)
    good = write(tmp_path / "good.md", EN_BAD)
    before = bad.read_bytes()
    p = cli("check", "--format", "json", bad, good)
    assert p.returncode == 2
    data = as_json(p)
    assert [f["path"] for f in data["files"]] == [str(good)]
    assert data["files"][0]["findings"]
    (err,) = data["errors"]
    assert err["path"] == str(bad) and needle in err["message"]
    lines = [ln for ln in p.stderr.splitlines() if ln.strip()]
    assert len(lines) == 1 and str(bad) in lines[0] and needle in lines[0]
    assert bad.read_bytes() == before


def test_empty_file_is_not_an_error(tmp_path, cli):
    e = write(tmp_path / "empty.md", "")
    p = cli("check", "--format", "json", e)
    assert p.returncode == 0
    data = as_json(p)
    assert data["errors"] == [] and data["files"][0]["findings"] == []


def test_missing_path_and_empty_directory(tmp_path, cli):
    (tmp_path / "empty").mkdir()
    write(tmp_path / "empty" / "x.csv", "a,b")
    p = cli("check", "--format", "json", tmp_path / "nope.md", tmp_path / "empty")
    assert p.returncode == 2
    msgs = {e["path"]: e["message"] for e in as_json(p)["errors"]}
    assert msgs[str(tmp_path / "nope.md")] == "no such file or directory"
    assert msgs[str(tmp_path / "empty")].startswith("no articles found in directory")


def test_huge_article_in_bounded_time(tmp_path, cli):
    para = ("وقال الوزير إن الحكومة ستواصل الإصلاحات الاقتصادية خلال العام المقبل، مشيرا إلى أن "
            "«النمو سيتسارع» بعد تراجع التضخم (وفق البنك المركزي). ")
    text = (para * 8 + "\n") * 4500
    assert len(text.encode()) > 5_000_000
    f = write(tmp_path / "big.txt", text + AR_BAD)
    t = time.perf_counter()
    p = cli("check", "--format", "json", f, timeout=120)
    elapsed = time.perf_counter() - t
    assert p.returncode == 1, p.stderr[-500:]
    data = as_json(p)
    assert any(x["rule"] == "ar.punctuation.duplicated" for x in data["files"][0]["findings"])
    assert elapsed < 60


def test_fix_applies_safe_edits_atomically_and_keeps_unsafe_ones(tmp_path, cli):
    f = write(tmp_path / "a.md", "The minister said the the deal was final. .\nLeave a comment\n")
    os.chmod(f, 0o640)
    p = cli("check", "--fix", f)
    assert p.returncode == 1  # the unsafe boilerplate finding remains
    assert f.read_text() == "The minister said the deal was final.\nLeave a comment\n"
    assert oct(f.stat().st_mode & 0o777) == "0o640"
    assert not [x for x in os.listdir(tmp_path) if x.endswith(".factcheck")]
    p = cli("check", "--fix", "--unsafe-fixes", f)
    assert p.returncode == 0
    assert f.read_text() == "The minister said the deal was final.\n"


def test_fix_keeps_crlf_line_endings(tmp_path, cli):
    f = write(tmp_path / "a.txt", b"The the deal.\r\nSecond line, , here.\r\n")
    cli("check", "--fix", f)
    assert f.read_bytes() == b"The deal.\r\nSecond line, here.\r\n"


def test_fix_on_stdin_prints_the_fixed_text(cli):
    p = cli("check", "--fix", "-", input=EN_BAD)
    assert p.stdout == "The minister said the deal was final.\n"


def test_check_never_modifies_input_without_fix(tmp_path, cli):
    f = write(tmp_path / "a.md", EN_BAD)
    cli("check", f)
    assert f.read_text() == EN_BAD


def test_suppression_comments(tmp_path, cli):
    text = ("<!-- factcheck-ignore-next-line en.repetition.repeated-word -->\n" + EN_BAD +
            "<!-- factcheck-disable -->\n" + EN_BAD + "<!-- factcheck-enable -->\n" + EN_BAD +
            "<!-- factcheck-ignore-next-line en.quotes.* -->\n" + "Nothing wrong here.\n")
    f = write(tmp_path / "a.md", text)
    data = as_json(cli("check", "--format", "json", "--fail-on", "info", f))
    rules = [(x["rule"], x["line"], x["severity"]) for x in data["files"][0]["findings"]]
    assert rules == [("en.repetition.repeated-word", 6, "error"),
                     ("factcheck.unused-suppression", 7, "info")]


def test_config_select_ignore_severity_and_overrides(tmp_path, cli):
    write(tmp_path / ".factcheck.yaml",
          "ignore: ['en.punctuation.*']\n"
          "severity: {en.repetition.repeated-word: warning}\n"
          "overrides:\n  - paths: ['opinion/*']\n    ignore: ['en.repetition.*']\n")
    text = "The the deal was final. .\n"
    a = write(tmp_path / "news" / "a.md", text)
    b = write(tmp_path / "opinion" / "b.md", text)
    p = cli("check", "--format", "json", a, b)
    assert p.returncode == 0  # only a warning is left, below fail-on=error
    files = {os.path.basename(f["path"]): f["findings"] for f in as_json(p)["files"]}
    assert [(x["rule"], x["severity"]) for x in files["a.md"]] == [("en.repetition.repeated-word", "warning")]
    assert files["b.md"] == []


def test_unknown_rule_id_on_the_command_line(tmp_path, cli):
    a = write(tmp_path / "a.md", EN_BAD)
    p = cli("check", "--select", "en.nope", a)
    assert p.returncode == 2 and "--select: unknown rule id 'en.nope'" in p.stderr
    # a misspelled glob would select nothing: no check at all and a green build (QA D4)
    p = cli("check", "--select", "en.punctuaton.*", a)
    assert p.returncode == 2 and "--select: 'en.punctuaton.*' matches no rule id" in p.stderr
    assert cli("check", "--ignore", "en.nothing.*", a).returncode == 1  # an ignore glob hides nothing
    p = cli("check", "--format", "json", "--select", "en.repetition.*", a)
    assert {x["rule"] for x in as_json(p)["files"][0]["findings"]} == {"en.repetition.repeated-word"}


def test_a_rule_off_by_default_runs_when_select_names_it(tmp_path, cli):
    a = write(tmp_path / "a.md", "---\npublished: 2024-04-20\n---\nLast April the council met. It met last April.\n")
    rules = lambda p: [x["rule"] for x in as_json(p)["files"][0]["findings"]]  # noqa: E731
    assert "en.dates.month-named-last" not in rules(cli("check", "--format", "json", a))
    assert "en.dates.month-named-last" not in rules(cli("check", "--format", "json", "--select", "en.dates.*", a))
    write(tmp_path / ".factcheck.yaml", "select: ['*', en.dates.month-named-last]\n")
    assert "en.dates.month-named-last" in rules(cli("check", "--format", "json", a))


def test_pyproject_config(tmp_path, cli):
    write(tmp_path / "pyproject.toml", "[project]\nname='x'\n\n[tool.factcheck]\nselect = ['en.punctuation.*']\n")
    a = write(tmp_path / "a.md", "The the deal was final. .\n")
    findings = as_json(cli("check", "--format", "json", a))["files"][0]["findings"]
    assert [x["rule"] for x in findings] == ["en.punctuation.duplicated"]


@pytest.mark.parametrize("config,needle", [
    ("select: [en.nope.rule]\n", ".factcheck.yaml:1:10: unknown rule id 'en.nope.rule'"),
    ("select: ['en.punctuaton.*']\n", ".factcheck.yaml:1:10: 'en.punctuaton.*' matches no rule id"),
    ("colour: red\n", ".factcheck.yaml:1:1: unknown key 'colour'"),
    ("severity: {en.repetition.repeated-word: fatal}\n", ".factcheck.yaml:1:"),
    ("ignore: [unclosed\n", ".factcheck.yaml:2:1: invalid YAML"),
    ("analysis: {ar: {model: nope.udpipe}}\n", ".factcheck.yaml:1:24: analysis model 'nope.udpipe' not found"),
])
def test_bad_config_is_reported_with_position(tmp_path, cli, config, needle):
    write(tmp_path / ".factcheck.yaml", config)
    a = write(tmp_path / "a.md", EN_BAD)
    p = cli("check", a)
    assert p.returncode == 2
    lines = p.stderr.strip().splitlines()
    assert len(lines) == 1 and needle in lines[0], p.stderr


def test_extra_rule_directory_and_broken_rule_file(tmp_path, cli):
    rules = tmp_path / "house"
    write(rules / "en" / "spelling" / "colour.yaml",
          "kind: pattern\nmessage: House style is color\ndescription: US spelling\npatterns: [colour]\n"
          "replace: color\nexamples:\n  bad:\n    - text: \"a ⟦colour⟧\"\n      fixed: \"a color\"\n  good: [\"a color\"]\n")
    write(tmp_path / ".factcheck.yaml", "rules_dirs: [house]\n")
    a = write(tmp_path / "a.md", "The colour of money.\n")
    data = as_json(cli("check", "--format", "json", a))
    assert [x["rule"] for x in data["files"][0]["findings"]] == ["en.spelling.colour"]
    assert cli("rules", "validate", cwd=tmp_path).returncode == 0
    write(rules / "en" / "spelling" / "broken.yaml",
          "kind: pattern\nmessage: m\ndescription: d\npatterns: ['(unclosed']\nexamples: {bad: ['⟦x⟧'], good: ['y']}\n")
    p = cli("rules", "validate", cwd=tmp_path)
    assert p.returncode == 2
    assert "broken.yaml:4:12: bad regular expression '(unclosed'" in p.stderr
    p = cli("check", "--format", "json", a)
    assert p.returncode == 2  # the run goes on, and says so
    data = as_json(p)
    assert [x["rule"] for x in data["files"][0]["findings"]] == ["en.spelling.colour"]
    assert "bad regular expression" in data["errors"][0]["message"]


@pytest.mark.parametrize("body,needle", [
    ("kind: pattern\nmessage: m\ndescription: d\npatterns: [x]\ncolour: red\nexamples: {bad: ['⟦x⟧'], good: ['y']}\n",
     "r.yaml:5:1: unknown key 'colour' for kind 'pattern'"),
    ("kind: nope\nmessage: m\n", "r.yaml:1:7: unknown kind 'nope'"),
    ("kind: pattern\nmessage: m\ndescription: d\npatterns: x\nexamples: {bad: ['⟦x⟧'], good: ['y']}\n",
     "r.yaml:4:11: 'patterns' must be of type list[regex]"),
    ("kind: pattern\nseverity: fatal\nmessage: m\ndescription: d\npatterns: [x]\nexamples: {bad: ['⟦x⟧'], good: ['y']}\n",
     "r.yaml:2:11: severity must be one of"),
    ("kind: pattern\nmessage: m\ndescription: d\npatterns: [x]\nexamples: {bad: ['x'], good: ['y']}\n",
     "r.yaml:5:18: a bad example must mark its span"),
    ("kind: pattern\nmessage: m\ndescription: d\npatterns: [x]\nexamples: {bad: ['⟦x⟧'], good: ['x']}\n",
     "r.yaml:5:33: good example: the rule fired at 0-1 'x'"),
])
def test_rules_validate_reports_path_line_col(tmp_path, cli, body, needle):
    write(tmp_path / "extra" / "en" / "spelling" / "r.yaml", body)
    p = cli("rules", "validate", tmp_path / "extra")
    assert p.returncode == 2
    assert needle in p.stderr, p.stderr


def test_rules_list_and_explain(cli):
    p = cli("rules", "--format", "json")
    assert p.returncode == 0
    ids = {r["id"] for r in json.loads(p.stdout)}
    assert {"ar.punctuation.duplicated", "en.quotes.unbalanced"} <= ids
    p = cli("explain", "ar.punctuation.duplicated")
    assert p.returncode == 0
    assert "A full stop typed twice" in p.stdout and "Anti-pattern" in p.stdout and "Best practice" in p.stdout
    assert cli("explain", "xx.nope").returncode == 2


def test_published_flag_and_language_override(tmp_path, cli):
    f = write(tmp_path / "a.txt", "Title\n\nBy Jane Doe, March 3, 2024\n\nThe the deal.\n")
    data = as_json(cli("check", "--format", "json", f))
    assert data["files"][0]["published"] == "2024-03-03" and data["files"][0]["published_source"] == "header"
    data = as_json(cli("check", "--format", "json", "--published", "2025-01-02", "--lang", "ar", f))
    assert data["files"][0]["published"] == "2025-01-02" and data["files"][0]["published_source"] == "flag"
    assert data["files"][0]["language"] == "ar"
    g = write(tmp_path / "b.txt", "No date anywhere here.\n")
    data = as_json(cli("check", "--format", "json", g))
    assert data["files"][0]["published"] is None and data["files"][0]["published_source"] == "none"


def test_parallel_jobs_give_the_same_report(tmp_path, cli):
    for i in range(6):
        write(tmp_path / f"a{i}.txt", EN_BAD if i % 2 else AR_BAD)
    one = as_json(cli("check", "--format", "json", "--jobs", "1", tmp_path))
    two = as_json(cli("check", "--format", "json", "--jobs", "2", tmp_path))
    assert one["files"] == two["files"] and one["summary"] == two["summary"]


def test_jobs_auto_is_the_default_and_gives_the_same_report(tmp_path, cli):
    """--jobs auto (the default) runs a pool for a batch of at least 64 files; the report is
    byte for byte the one of --jobs 1."""
    from factcheck.cli import AUTO_JOBS_MIN_FILES

    for i in range(AUTO_JOBS_MIN_FILES + 2):
        write(tmp_path / f"a{i:03d}.txt", (EN_BAD if i % 2 else AR_BAD) + f"Item {i}.\n")
    one = cli("check", "--format", "json", "--jobs", "1", tmp_path)
    auto = cli("check", "--format", "json", tmp_path)
    assert one.returncode == auto.returncode == 1
    assert json.loads(one.stdout)["summary"]["files"] == AUTO_JOBS_MIN_FILES + 2
    assert auto.stdout == one.stdout and auto.stderr == one.stderr
    assert cli("check", "--jobs", "auto", "--format", "json", tmp_path).stdout == one.stdout
    for bad, said in (("0", "not between 1 and 64"), ("two", "neither a number nor 'auto'")):
        p = cli("check", "--jobs", bad, tmp_path)
        assert p.returncode == 2 and said in p.stderr


def test_jobs_auto_uses_a_pool_only_for_a_large_batch(tmp_path, monkeypatch):
    """_check_items with jobs=None: a pool of one worker per usable CPU (at most 8) from 64
    files to check; in this process below that."""
    from factcheck import cli as climod

    calls = []

    def fake_parallel(batch, jobs, run, *args):
        calls.append(jobs)
        return (run.check_item(path, display) for path, display in batch)

    monkeypatch.setattr(climod, "_parallel", fake_parallel)
    monkeypatch.setattr(climod, "_cgroup_cpus", lambda: None)
    monkeypatch.setattr(climod.os, "sched_getaffinity", lambda pid: {0, 1, 2}, raising=False)
    paths = [write(tmp_path / f"a{i:03d}.txt", EN_BAD) for i in range(climod.AUTO_JOBS_MIN_FILES)]
    items = [(str(p), str(p)) for p in paths]
    run = climod.Run(None, (), (), None, None, None)
    reps, _, _ = climod._check_items(run, items[:-1], [], None)
    assert calls == [] and len(reps) == len(items) - 1
    reps, _, _ = climod._check_items(run, items, [], None)
    assert calls == [3] and len(reps) == len(items)
    assert all(r.findings for r in reps)
    monkeypatch.setattr(climod.os, "sched_getaffinity", lambda pid: set(range(32)), raising=False)
    climod._check_items(run, items, [], None)
    assert calls[-1] == climod.AUTO_JOBS_MAX
    climod._check_items(run, items, [], None, jobs=1)  # a number given is kept
    assert len(calls) == 2


def test_github_and_sarif_formats(tmp_path, cli):
    f = write(tmp_path / "a.txt", EN_BAD)
    p = cli("check", "--format", "github", f)
    assert p.stdout.startswith(f"::error file={f},line=1,col=23,endLine=1,endColumn=26,title=en.repetition.repeated-word::")
    sarif = json.loads(cli("check", "--format", "sarif", f).stdout)
    assert sarif["version"] == "2.1.0"
    res = sarif["runs"][0]["results"][0]
    assert res["ruleId"] == "en.repetition.repeated-word" and res["level"] == "error"
    schema_path = ROOT.parent / "shared" / "schemas" / "sarif-schema-2.1.0.json"
    if schema_path.is_file():
        import jsonschema

        jsonschema.validate(sarif, json.loads(schema_path.read_text()))


def test_a_users_regex_cannot_hang_the_run(tmp_path, cli):
    rules = tmp_path / "house"
    write(rules / "en" / "spelling" / "slow.yaml",
          "kind: pattern\nmessage: slow\ndescription: catastrophic backtracking\nword: false\n"
          "patterns: ['(a|aa)+c']\nexamples:\n  bad: ['⟦aac⟧']\n  good: ['b']\n")
    write(tmp_path / ".factcheck.yaml", "rules_dirs: [house]\n")
    a = write(tmp_path / "a.txt", "The the deal.\n" + "a" * 60 + "!\n")
    t = time.perf_counter()
    p = cli("check", "--format", "json", a)
    assert time.perf_counter() - t < 30
    assert p.returncode == 2
    data = as_json(p)
    assert any("en.spelling.slow" in e["message"] and "timed out" in e["message"] for e in data["errors"])
    assert [x["rule"] for x in data["files"][0]["findings"]] == ["en.repetition.repeated-word"]


def test_dates_and_figures_read_the_article_as_check_does(tmp_path, cli):
    """`factcheck dates` and `factcheck figures` read their article through the same code as
    `check` (Run.document): the same lists as the report, the configuration's language
    default, and a broken configuration is one line."""
    for rel in ("samples/ar/01-economy.md", "samples/en/01-storm.md"):
        (tmp_path / Path(rel).name).write_bytes((ROOT / rel).read_bytes())
    (tmp_path / "bare.txt").write_text("2,500 — 2,000 — 12.03.2025\n", encoding="utf-8")
    (tmp_path / ".factcheck.yaml").write_text("language: ar\n", encoding="utf-8")
    report = json.loads(cli("check", "--format", "json", "--no-cache", ".", cwd=tmp_path).stdout)
    entries = {e["path"]: e for e in report["files"]}
    assert entries["bare.txt"]["language"] == "ar"
    for path, entry in entries.items():
        figs = cli("figures", path, "--format", "json", cwd=tmp_path)
        assert figs.returncode == 0, figs.stderr
        assert json.loads(figs.stdout) == entry["figures"], path
        dates = cli("dates", path, "--format", "json", cwd=tmp_path)
        assert dates.returncode == 0, dates.stderr
        assert json.loads(dates.stdout) == entry["timeline"], path
    assert any(e["figures"] for e in entries.values()) and any(e["timeline"] for e in entries.values())
    assert cli("figures", "bare.txt", cwd=tmp_path).stdout.splitlines()[0].endswith(", ar")
    (tmp_path / ".factcheck.yaml").write_text("language: [\n", encoding="utf-8")
    for command in ("dates", "figures"):
        res = cli(command, "bare.txt", cwd=tmp_path)
        assert res.returncode == 2 and res.stdout == ""
        assert res.stderr.count("\n") == 1 and ".factcheck.yaml:" in res.stderr, res.stderr


def test_jobs_auto_respects_a_containers_cpu_quota(tmp_path, monkeypatch):
    """A container limited to 2.5 CPUs on a 32-core host gets 3 workers, not 8 (cgroup v2
    cpu.max, or v1 cfs quota and period); no quota, or an unreadable one, changes nothing."""
    from factcheck import cli as climod

    v2 = tmp_path / "v2"
    v2.mkdir()
    (v2 / "cpu.max").write_text("250000 100000\n")
    assert climod._cgroup_cpus(str(v2)) == 3
    (v2 / "cpu.max").write_text("max 100000\n")
    assert climod._cgroup_cpus(str(v2)) is None
    v1 = tmp_path / "v1"
    (v1 / "cpu").mkdir(parents=True)
    (v1 / "cpu" / "cpu.cfs_quota_us").write_text("200000\n")
    (v1 / "cpu" / "cpu.cfs_period_us").write_text("100000\n")
    assert climod._cgroup_cpus(str(v1)) == 2
    (v1 / "cpu" / "cpu.cfs_quota_us").write_text("-1\n")
    assert climod._cgroup_cpus(str(v1)) is None
    assert climod._cgroup_cpus(str(tmp_path / "none")) is None
    monkeypatch.setattr(climod.os, "sched_getaffinity", lambda pid: set(range(32)), raising=False)
    monkeypatch.setattr(climod, "_cgroup_cpus", lambda: 3)
    assert climod._auto_jobs(1000) == 3
    monkeypatch.setattr(climod, "_cgroup_cpus", lambda: None)
    assert climod._auto_jobs(1000) == climod.AUTO_JOBS_MAX
    assert climod._auto_jobs(climod.AUTO_JOBS_MIN_FILES - 1) == 1
