"""The one-line installs: the pre-commit hook manifest, the composite GitHub Action
(its run step executed here as GitHub would), the example workflow and the GitLab
example (its factcheck commands executed here)."""

import json
import os
import re
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from conftest import ROOT

EN_BAD = "The minister said the the deal was final.\n"
BIN = str(Path(sys.executable).parent)  # where `factcheck` is installed


def load(rel):
    return yaml.safe_load((ROOT / rel).read_text(encoding="utf-8"))


def test_pre_commit_manifest_is_valid_and_selects_articles():
    (hook,) = load(".pre-commit-hooks.yaml")
    assert hook["id"] == "factcheck" and hook["entry"] == "factcheck check" and hook["language"] == "python"
    assert set(hook["types_or"]) == {"text", "markdown", "html"}
    files = re.compile(hook["files"])
    for name in ("a.txt", "b.md", "c.markdown", "d.html", "e.htm", "news/ar/f.md"):
        assert files.search(name), name
    for name in ("setup.py", "x.yaml", "README.rst", "a.txt.bak"):
        assert not files.search(name), name
    clientlib = pytest.importorskip("pre_commit.clientlib", reason="pre-commit is in the test extra")
    (checked,) = clientlib.load_manifest(str(ROOT / ".pre-commit-hooks.yaml"))  # pre-commit's own schema
    assert checked["pass_filenames"] is True


def test_action_has_the_inputs_and_passes_them_safely():
    action = load("action.yml")
    assert action["runs"]["using"] == "composite"
    assert {"paths", "fail-on", "format", "baseline"} <= set(action["inputs"])
    for step in action["runs"]["steps"]:
        if "run" in step:
            # no ${{ inputs.x }} spliced into a shell script (script injection): env only
            assert "${{" not in step["run"], step["run"]
            assert step["shell"] == "bash"
    run_step = next(s for s in action["runs"]["steps"] if s.get("id") == "run")
    assert set(run_step["env"]) >= {"FC_PATHS", "FC_FAIL_ON", "FC_FORMAT", "FC_OUTPUT", "FC_BASELINE"}
    assert "scripts/github_action.sh" in run_step["run"] and (ROOT / "scripts" / "github_action.sh").is_file()


def _run_action(tmp_path, **inputs):
    out = tmp_path / "github_output"
    out.write_text("")
    env = dict(os.environ, GITHUB_ACTION_PATH=str(ROOT), GITHUB_OUTPUT=str(out),
               PATH=BIN + os.pathsep + os.environ.get("PATH", ""))
    env.update({f"FC_{k.upper()}": v for k, v in inputs.items()})
    p = subprocess.run(["bash", str(ROOT / "scripts" / "github_action.sh")], cwd=tmp_path, env=env,
                       capture_output=True, text=True, timeout=300)
    return p, out.read_text()


@pytest.mark.skipif(shutil.which("bash") is None, reason="bash is not installed")
def test_action_run_step_as_github_runs_it(tmp_path):
    arts = tmp_path / "my articles"
    arts.mkdir()
    (arts / "a.txt").write_text(EN_BAD, encoding="utf-8")
    (tmp_path / "b.txt").write_text("Clean copy.\n", encoding="utf-8")
    # annotations in the log, the step fails on the error
    p, out = _run_action(tmp_path, paths="b.txt", format="github", fail_on="error")
    assert p.returncode == 0 and out.strip() == "exit-code=0", p.stderr
    (tmp_path / "b.txt").write_text(EN_BAD, encoding="utf-8")
    p, out = _run_action(tmp_path, paths="b.txt", format="github", fail_on="error")
    assert p.returncode == 1 and out.strip() == "exit-code=1"
    assert re.search(r"^::\w+ file=b\.txt,line=1,col=\d+.*title=en\.repetition\.repeated-word::", p.stdout, re.M)
    # SARIF to a file, never failing, with a baseline and extra arguments
    bl = tmp_path / "bl.json"
    assert subprocess.run([f"{BIN}/factcheck", "baseline", "create", str(bl), "b.txt"], cwd=tmp_path,
                          capture_output=True).returncode == 0
    p, out = _run_action(tmp_path, paths="b.txt", format="sarif", output="fc.sarif", fail_on="never",
                         baseline=str(bl), args="--jobs 1 --no-cache")
    assert p.returncode == 0, p.stderr
    sarif = json.loads((tmp_path / "fc.sarif").read_text(encoding="utf-8"))
    assert sarif["version"] == "2.1.0" and sarif["runs"][0]["results"] == []  # all in the baseline
    # an input that looks like shell is only ever a value
    p, out = _run_action(tmp_path, paths="b.txt", format="github; touch pwned", fail_on="error")
    assert p.returncode == 2 and not (tmp_path / "pwned").exists()


def test_example_workflow_uploads_sarif_and_annotates():
    wf = load("docs/examples/github-workflow.yml")
    steps = wf["jobs"]["factcheck"]["steps"]
    ours = [s for s in steps if "factcheck" in s.get("uses", "") and "with" in s]
    upload = next(s for s in steps if s.get("uses", "").startswith("github/codeql-action/upload-sarif"))
    sarif_step = next(s for s in ours if s["with"]["format"] == "sarif")
    assert upload["with"]["sarif_file"] == sarif_step["with"]["output"]
    assert any(s["with"]["format"] == "github" for s in ours)
    assert wf["permissions"]["security-events"] == "write"
    action_inputs = set(load("action.yml")["inputs"])
    for s in ours:
        assert set(s["with"]) <= action_inputs


@pytest.mark.skipif(shutil.which("sh") is None, reason="sh is not installed")
def test_gitlab_example_publishes_junit_and_html(tmp_path):
    job = load("docs/examples/gitlab-ci.yml")["factcheck"]
    junit = job["artifacts"]["reports"]["junit"]
    assert junit in job["artifacts"]["paths"] and "factcheck-report.html" in job["artifacts"]["paths"]
    assert job["artifacts"]["when"] == "always" and ".factcheck_cache/" in job["cache"]["paths"]
    script = job["script"]
    # run the job's own commands on a small repository of articles
    (tmp_path / "articles").mkdir()
    (tmp_path / "articles" / "a.txt").write_text("Intro.\n\n" + EN_BAD, encoding="utf-8")
    subprocess.run([f"{BIN}/factcheck", "baseline", "create", ".factcheck-baseline.json", "articles"],
                   cwd=tmp_path, check=True, capture_output=True)
    new = "Officials said said nothing.\n"
    (tmp_path / "articles" / "b.txt").write_text(new, encoding="utf-8")
    env = dict(os.environ, PATH=BIN + os.pathsep + os.environ.get("PATH", ""))
    env.pop("CI_MERGE_REQUEST_DIFF_BASE_SHA", None)
    p = subprocess.run(["sh", "-c", "\n".join(script)], cwd=tmp_path, env=env, capture_output=True, text=True)
    assert p.returncode == 1, p.stderr  # the new finding fails the job; the reports are there
    from junitparser import JUnitXml

    xml = JUnitXml.fromfile(str(tmp_path / junit))
    failed = [(s.name, c.name) for s in xml for c in s if not c.is_passed]
    col = new.index("said said") + len("said ") + 1  # the repeated word, 1-based
    assert failed == [("articles/b.txt", f"en.repetition.repeated-word at 1:{col}")]
    html = (tmp_path / "factcheck-report.html").read_text(encoding="utf-8")
    assert html.startswith("<!DOCTYPE html>") and 'data-rule="en.repetition.repeated-word"' in html
    for cmd in script:
        if cmd.startswith("factcheck "):
            assert "--format" in shlex.split(cmd)
