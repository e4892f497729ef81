"""Issue 13's "done when", tried as a new user would, in a throwaway git repository
of 50 corpus articles:

- `baseline create`, then an edit that adds one error (above old findings, so
  their offsets move), then `--baseline` with `--changed-since` reports exactly
  that error;
- the pre-commit hook (this repository's .pre-commit-hooks.yaml, run by the real
  pre-commit) blocks the commit, and lets it through once the error is mended;
- the JUnit and HTML outputs of the batch are read back and checked.

The hook runs as `language: system` (the factcheck of this environment) rather
than `language: python`, which would make pre-commit build a virtualenv and
install factcheck and spaCy into it: minutes and a network round trip."""

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from conftest import ROOT
from test_html_report import marks_of

BIN = str(Path(sys.executable).parent)
ERROR_PARAGRAPH = "Officials said said the talks would go on behind closed doors.\n\n"


def pick(corpus, lang, folder, n):
    files = sorted((corpus / lang / folder).glob("*.txt"))
    step = max(1, len(files) // n)
    return files[::step][:n]


def run(cmd, cwd, env, check=None):
    p = subprocess.run(cmd, cwd=cwd, env=env, capture_output=True, text=True, timeout=600)
    if check is not None:
        assert p.returncode == check, (cmd, p.returncode, p.stdout[-2000:], p.stderr[-2000:])
    return p


@pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")
def test_done_when(tmp_path, corpus):
    pytest.importorskip("pre_commit", reason="pre-commit is in the test extra")
    from junitparser import JUnitXml

    env = dict(os.environ, PATH=BIN + os.pathsep + os.environ.get("PATH", ""),
               GIT_AUTHOR_NAME="Desk", GIT_AUTHOR_EMAIL="desk@example.org", GIT_COMMITTER_NAME="Desk",
               GIT_COMMITTER_EMAIL="desk@example.org", PRE_COMMIT_HOME=str(tmp_path / "pre-commit-home"),
               GIT_CEILING_DIRECTORIES=str(tmp_path))
    repo = tmp_path / "newsroom"
    arts = repo / "articles"
    chosen = [("ar", p) for p in pick(corpus, "ar", "saudinewsnet", 25)] + \
             [("en", p) for p in pick(corpus, "en", "cnn_lite_2026", 25)]
    assert len(chosen) == 50
    for lang, p in chosen:
        (arts / lang).mkdir(parents=True, exist_ok=True)
        shutil.copy(p, arts / lang / p.name)
    git = ["git", "-c", "init.defaultBranch=main"]
    run(git + ["init", "-q"], repo, env, 0)
    run(git + ["add", "."], repo, env, 0)
    run(git + ["commit", "-qm", "archive"], repo, env, 0)

    # the archive has findings: without a baseline CI would start red or noisy
    before = json.loads(run(["factcheck", "check", "--format", "json", "articles"], repo, env).stdout)
    old = sum(len(f["findings"]) for f in before["files"])
    assert before["summary"]["files"] == 50 and old > 0

    # 1. record today's findings
    run(["factcheck", "baseline", "create", ".factcheck-baseline.json", "articles"], repo, env, 0)
    bl = json.loads((repo / ".factcheck-baseline.json").read_text(encoding="utf-8"))
    assert bl["findings"] == old
    # 2. the hook, from this repository's manifest
    (hook,) = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    hook = dict(hook, language="system", args=["--baseline", ".factcheck-baseline.json"])
    (repo / ".pre-commit-config.yaml").write_text(
        yaml.safe_dump({"repos": [{"repo": "local", "hooks": [hook]}]}, allow_unicode=True), encoding="utf-8")
    run(git + ["add", "."], repo, env, 0)
    run(git + ["commit", "-qm", "factcheck baseline and hook"], repo, env, 0)
    run([sys.executable, "-m", "pre_commit", "install"], repo, env, 0)

    # 3. an edit that adds one error, in an article with old findings, above them
    with_old = [f for f in before["files"] if f["language"] == "en" and f["findings"]]
    assert with_old, "no English article with findings among the 50"
    target = repo / with_old[0]["path"]
    text = target.read_text(encoding="utf-8")
    head, _, body = text.partition("\n\n")  # title, blank line, body
    target.write_text(head + "\n\n" + ERROR_PARAGRAPH + body, encoding="utf-8")
    assert min(x["start"] for x in with_old[0]["findings"]) > len(head)  # the old findings moved down

    p = run(["factcheck", "check", "--format", "json", "--baseline", ".factcheck-baseline.json",
             "--changed-since", "HEAD", "articles"], repo, env, 1)
    rep = json.loads(p.stdout)
    assert [f["path"] for f in rep["files"]] == [with_old[0]["path"]]  # only the changed file
    (new,) = rep["files"][0]["findings"]  # exactly that error
    assert new["rule"] == "en.repetition.repeated-word" and new["text"] == "said"
    assert text.count("said said") + 1 == target.read_text(encoding="utf-8").count("said said")

    # 4. the hook blocks the commit...
    head_before = run(git + ["rev-parse", "HEAD"], repo, env, 0).stdout
    run(git + ["add", "-A"], repo, env, 0)
    p = run(git + ["commit", "-m", "update story"], repo, env)
    assert p.returncode != 0, p.stdout
    assert "en.repetition.repeated-word" in p.stdout + p.stderr
    assert run(git + ["rev-parse", "HEAD"], repo, env, 0).stdout == head_before
    # ... and lets it through once the error is mended (the old findings stay baselined)
    target.write_text(head + "\n\n" + ERROR_PARAGRAPH.replace("said said", "said") + body, encoding="utf-8")
    run(git + ["add", "-A"], repo, env, 0)
    p = run(git + ["commit", "-m", "update story"], repo, env, 0)
    assert run(git + ["rev-parse", "HEAD"], repo, env, 0).stdout != head_before

    # 5. JUnit and HTML of the whole batch, read back
    target.write_text(head + "\n\n" + ERROR_PARAGRAPH + body, encoding="utf-8")
    run(["factcheck", "check", "--format", "junit", "-o", "junit.xml", "articles"], repo, env, 1)
    run(["factcheck", "check", "--format", "html", "-o", "report.html", "articles"], repo, env, 1)
    data = json.loads(run(["factcheck", "check", "--format", "json", "articles"], repo, env).stdout)
    xml = JUnitXml.fromfile(str(repo / "junit.xml"))
    suites = {s.name: s for s in xml}
    assert len(suites) == 50
    for f in data["files"]:
        cases = list(suites[f["path"]])
        assert len(cases) == max(1, len(f["findings"]))
        assert sum(not c.is_passed for c in cases) == len(f["findings"])
    assert xml.failures == data["summary"]["findings"] == old + 1
    html = (repo / "report.html").read_text(encoding="utf-8")
    assert html.count('<section class="fc-article"') == 50
    for idx, f in enumerate(data["files"]):
        sec = html.rindex("<section", 0, html.index(f'id="fc-a{idx}"'))
        end = html.find('<section class="fc-article"', sec + 1)
        end = end if end > 0 else html.index("</main>")
        part = marks_of(html[sec:end])
        src = (repo / f["path"]).read_text(encoding="utf-8")
        for i, x in enumerate(f["findings"]):
            assert part.marks[i] == x["text"] == src[x["start"]:x["end"]]
        lang = f["language"]
        assert f'class="fc-source" lang="{lang}" dir="{"rtl" if lang == "ar" else "ltr"}"' in html[sec:end]
