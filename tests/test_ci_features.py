"""What CI on an article repository uses: baselines, --changed-since, --diff and the
progress bar."""

import json
import os
import shutil
import subprocess
import sys

import pytest

from conftest import ROOT

AR_BAD = "وقال الوزير إن الاتفاق نهائي. . وأضاف أن التنفيذ يبدأ غدا.\n"
EN_BAD = "The minister said the the deal was final.\n"
EN_OK = "The minister said the deal was final.\n"

needs_git = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")


def findings(proc):
    assert proc.returncode in (0, 1), proc.stderr
    return [(f["path"], x["rule"], x["text"]) for f in json.loads(proc.stdout)["files"] for x in f["findings"]]


def git(cwd, *args):
    env = dict(os.environ, GIT_AUTHOR_NAME="t", GIT_AUTHOR_EMAIL="t@example.org", GIT_COMMITTER_NAME="t",
               GIT_COMMITTER_EMAIL="t@example.org")
    p = subprocess.run(["git", *args], cwd=cwd, capture_output=True, text=True, env=env)
    assert p.returncode == 0, p.stderr
    return p.stdout


# ------------------------------------------------------------------ baseline

def test_baseline_hides_old_findings_not_new_ones(tmp_path, cli):
    d = tmp_path / "news"
    d.mkdir()
    a = d / "a.txt"
    a.write_text("Intro line.\n\n" + EN_BAD, encoding="utf-8")
    b = d / "b.txt"
    b.write_text(AR_BAD, encoding="utf-8")
    bl = tmp_path / "baseline.json"
    p = cli("baseline", "create", bl, d, cwd=tmp_path)
    assert p.returncode == 0, p.stderr
    data = json.loads(bl.read_text(encoding="utf-8"))
    assert data["schema"] == "factcheck.baseline/1" and data["findings"] >= 2
    assert {e["file"] for e in data["entries"]} == {"news/a.txt", "news/b.txt"}  # relative to the baseline
    assert all("start" not in e for e in data["entries"])  # no offsets
    old = findings(cli("check", "--format", "json", d, cwd=tmp_path))
    assert old
    assert findings(cli("check", "--format", "json", "--baseline", bl, d, cwd=tmp_path)) == []
    # an edit above the findings moves every offset: nothing comes back
    a.write_text("A new first paragraph, added by the desk.\n\nIntro line.\n\n" + EN_BAD, encoding="utf-8")
    b.write_text("فقرة جديدة في أول الخبر.\n\n" + AR_BAD, encoding="utf-8")
    p = cli("check", "--format", "json", "--baseline", bl, d, cwd=tmp_path)
    assert p.returncode == 0 and findings(p) == []
    # a new error is reported, alone; the exit code follows it
    a.write_text(a.read_text(encoding="utf-8") + "Officials said said nothing else.\n", encoding="utf-8")
    p = cli("check", "--format", "json", "--baseline", bl, d, cwd=tmp_path)
    assert p.returncode == 1
    assert [(r, t) for _, r, t in findings(p)] == [("en.repetition.repeated-word", "said")]
    # same run from another folder: paths are matched relative to the baseline file
    p2 = cli("check", "--format", "json", "--baseline", bl, "a.txt", "b.txt", cwd=d)
    assert [(r, t) for _, r, t in findings(p2)] == [("en.repetition.repeated-word", "said")]


def test_a_baseline_entry_that_matches_nothing_is_reported_as_info(tmp_path, cli):
    a = tmp_path / "a.txt"
    a.write_text(EN_BAD, encoding="utf-8")
    bl = tmp_path / "bl.json"
    assert cli("baseline", "create", bl, a, cwd=tmp_path).returncode == 0
    a.write_text(EN_OK, encoding="utf-8")  # the old error was corrected
    p = cli("check", "--format", "json", "--baseline", bl, a, cwd=tmp_path)
    assert p.returncode == 0, p.stderr  # info does not fail the run by default
    (x,) = json.loads(p.stdout)["files"][0]["findings"]
    assert x["rule"] == "factcheck.unused-baseline" and x["severity"] == "info"
    assert "en.repetition.repeated-word" in x["message"]
    assert cli("check", "--fail-on", "info", "--baseline", bl, a, cwd=tmp_path).returncode == 1
    p = cli("check", "--format", "json", "--baseline", bl, "--ignore", "factcheck.unused-baseline", a, cwd=tmp_path)
    assert findings(p) == []
    # re-creating the baseline shrinks it
    assert cli("baseline", "create", bl, a, cwd=tmp_path).returncode == 0
    assert json.loads(bl.read_text(encoding="utf-8"))["entries"] == []


def test_baseline_counts_repeats(tmp_path, cli):
    a = tmp_path / "a.txt"
    a.write_text("Intro.\n\n" + EN_BAD, encoding="utf-8")
    bl = tmp_path / "bl.json"
    assert cli("baseline", "create", bl, a, cwd=tmp_path).returncode == 0
    a.write_text("Intro.\n\n" + EN_BAD + "\n" + EN_BAD, encoding="utf-8")  # the same error, twice now
    p = cli("check", "--format", "json", "--baseline", bl, a, cwd=tmp_path)
    assert [r for _, r, _ in findings(p)] == ["en.repetition.repeated-word"]


def test_bad_baseline_file_is_a_usage_error(tmp_path, cli):
    a = tmp_path / "a.txt"
    a.write_text(EN_OK, encoding="utf-8")
    for content, words in (("{not json", "invalid JSON"), ('{"schema": "x", "entries": []}', "not a baseline"),
                           (None, "not found")):
        bl = tmp_path / "bl.json"
        if content is None:
            bl.unlink()
        else:
            bl.write_text(content, encoding="utf-8")
        p = cli("check", "--baseline", bl, a)
        assert p.returncode == 2 and words in p.stderr and len(p.stderr.strip().splitlines()) == 1, p.stderr


# ------------------------------------------------------------ changed-since

@needs_git
def test_changed_since_checks_only_what_git_says_changed(tmp_path, cli):
    repo = tmp_path / "repo"
    arts = repo / "articles"
    arts.mkdir(parents=True)
    for name in ("same.txt", "edited.txt", "old-name.txt", "gone.txt"):
        (arts / name).write_text(EN_BAD, encoding="utf-8")
    (repo / "outside.txt").write_text(EN_BAD, encoding="utf-8")
    git(repo, "init", "-q")
    git(repo, "add", ".")
    git(repo, "commit", "-qm", "base")
    (arts / "edited.txt").write_text(EN_BAD + "More.\n", encoding="utf-8")
    git(repo, "mv", "articles/old-name.txt", "articles/new-name.txt")
    git(repo, "rm", "-q", "articles/gone.txt")
    (arts / "staged-new.txt").write_text(EN_BAD, encoding="utf-8")
    git(repo, "add", "articles/staged-new.txt")
    git(repo, "commit", "-qm", "change")
    (arts / "untracked-new.txt").write_text(EN_BAD, encoding="utf-8")
    (repo / "outside.txt").write_text(EN_BAD + "x\n", encoding="utf-8")  # changed, but not in PATHS
    p = cli("check", "--format", "json", "--no-cache", "--changed-since", "HEAD~1", "articles", cwd=repo)
    paths = sorted({f for f, _, _ in findings(p)})
    assert paths == ["articles/edited.txt", "articles/new-name.txt", "articles/staged-new.txt",
                     "articles/untracked-new.txt"]
    # since HEAD: the edit not yet staged and the untracked file (the cache folder is ignored by its own .gitignore)
    p = cli("check", "--format", "json", "--changed-since", "HEAD", "articles", cwd=repo)
    assert sorted({f for f, _, _ in findings(p)}) == ["articles/edited.txt", "articles/untracked-new.txt"]
    p = cli("check", "--format", "json", "--changed-since", "HEAD", "articles", cwd=repo)
    assert (repo / ".factcheck_cache").is_dir() and "factcheck_cache" not in git(repo, "status", "--porcelain")
    # unknown revisions and option-looking ones are usage errors, not git options
    for ref in ("no-such-branch", "--output=/tmp/x"):
        p = cli("check", "--changed-since", ref, "articles", cwd=repo)
        assert p.returncode == 2 and "not a commit" in p.stderr, p.stderr


@needs_git
def test_changed_since_outside_a_work_tree_is_a_usage_error(tmp_path, cli):
    (tmp_path / "a.txt").write_text(EN_OK, encoding="utf-8")
    env_home = tmp_path  # no repository above tmp_path (GIT_CEILING_DIRECTORIES keeps git from looking up)
    p = subprocess.run([sys.executable, "-m", "factcheck", "check", "--changed-since", "HEAD", "a.txt"],
                       cwd=tmp_path, capture_output=True, text=True,
                       env=dict(os.environ, GIT_CEILING_DIRECTORIES=str(env_home.parent)))
    assert p.returncode == 2 and "not inside a git work tree" in p.stderr, p.stderr


# ---------------------------------------------------------------------- diff

@needs_git
def test_diff_shows_what_fix_would_change_and_writes_nothing(tmp_path, cli):
    src = (ROOT / "samples" / "en" / "01-storm.md").read_text(encoding="utf-8")
    a = tmp_path / "a.md"
    a.write_text(src, encoding="utf-8")
    p = cli("check", "--diff", "--format", "json", "a.md", cwd=tmp_path)
    assert p.returncode == 1, p.stderr
    assert a.read_text(encoding="utf-8") == src  # nothing written
    diff = p.stdout
    assert diff.startswith("--- a/a.md\n+++ b/a.md\n@@ ")
    assert json.loads(p.stderr[p.stderr.index("{"):])["files"][0]["findings"]  # the report, on stderr
    # the diff applied gives exactly what --fix writes
    (tmp_path / "patch.diff").write_text(diff, encoding="utf-8")
    b = tmp_path / "fixed"
    b.mkdir()
    shutil.copy(a, b / "a.md")
    assert subprocess.run(["git", "apply", str(tmp_path / "patch.diff")], cwd=b).returncode == 0
    assert cli("check", "--fix", "--no-cache", a).returncode in (0, 1)
    assert (b / "a.md").read_text(encoding="utf-8") == a.read_text(encoding="utf-8") != src
    # nothing to fix: an empty diff
    c = tmp_path / "c.txt"
    c.write_text(EN_OK, encoding="utf-8")
    p = cli("check", "--diff", c)
    assert p.returncode == 0 and p.stdout == ""
    p = cli("check", "--diff", "--fix", c)
    assert p.returncode == 2 and "choose one" in p.stderr


# ------------------------------------------------------------------ progress

def _articles(d, n):
    d.mkdir()
    for i in range(n):
        (d / f"{i:02d}.txt").write_text(EN_BAD, encoding="utf-8")
    return d


def test_progress_bar_on_a_terminal_only(tmp_path):
    pty = pytest.importorskip("pty")
    arts = _articles(tmp_path / "arts", 25)
    cmd = [sys.executable, "-m", "factcheck", "check", "--no-cache", "--format", "json", str(arts)]
    master, slave = pty.openpty()
    env = dict(os.environ, COLUMNS="120", TERM="xterm")
    p = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=slave, env=env)
    os.close(slave)
    seen = b""
    while True:
        try:
            chunk = os.read(master, 65536)
        except OSError:  # the child closed the terminal
            break
        if not chunk:
            break
        seen += chunk
    out, _ = p.communicate(timeout=300)
    os.close(master)
    assert p.returncode == 1
    json.loads(out)  # the report on stdout is untouched by the bar
    text = seen.decode("utf-8", "replace")
    assert "files/s" in text and "/25" in text and "left" in text, text[-500:]
    # on a pipe: nothing but the report
    q = subprocess.run(cmd, capture_output=True, text=True)
    assert q.returncode == 1 and q.stderr == ""
    json.loads(q.stdout)


def test_progress_rate_is_the_average_since_the_start():
    """The bar's files per second: the average since the start, none in the first half
    second (results come in bursts: a pool's first batch made "96222.6 files/s")."""
    from factcheck.progress import MIN_ELAPSED, rate_text

    assert rate_text(8, 0.0001) == "   - files/s"
    assert rate_text(0, 3.0) == "   - files/s"
    assert rate_text(8, None) == "   - files/s"
    assert rate_text(100, 4.0) == " 25.0 files/s"
    assert rate_text(1, MIN_ELAPSED) == "  2.0 files/s"
