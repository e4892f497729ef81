"""Class 8: silently ignored (an unreadable folder, a configured analysis model that is
not a model).  Class 9: the terminal is not the article's (escape sequences, two-line
messages, rule data read from anywhere on the machine).  Class 10: 200,000 ignore globs."""

import fnmatch
import os
import sys

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from factcheck.globs import GlobSet
from hostile import EN_BAD, IS_ROOT, assert_one_line_errors, run, write

# ---------------------------------------------------------------- class 8


def test_class8_unreadable_folder_is_an_error(tmp_path):
    write(tmp_path / "d" / "a.txt", EN_BAD)
    sub = tmp_path / "d" / "sub"
    write(sub / "b.txt", EN_BAD)
    if not IS_ROOT:
        os.chmod(sub, 0)
    try:
        res = run("check", "--format", "json", tmp_path / "d", unreadable=[sub])
    finally:
        os.chmod(sub, 0o755)
    assert res.returncode == 2
    assert_one_line_errors(res, {str(sub): "cannot read directory: Permission denied"})
    assert [f["path"] for f in res.json()["files"]] == [str(tmp_path / "d" / "a.txt")]


def test_class8_dangling_link_in_a_folder_is_an_error(tmp_path):
    write(tmp_path / "a.txt", EN_BAD)
    os.symlink(tmp_path / "gone.md", tmp_path / "b.md")
    res = run("check", tmp_path)
    assert res.returncode == 2
    assert_one_line_errors(res, {str(tmp_path / "b.md"): "broken symbolic link"})


def test_class8_analysis_model_that_is_not_a_model(tmp_path):
    from factcheck.analysis import default_model_path

    ar = "وكانت الانتخابات التي جرت 25 يوليو الماضي هادئة.\n"
    write(tmp_path / "random.udpipe", os.urandom(100_000))
    write(tmp_path / ".factcheck.yaml", "analysis: {ar: {model: random.udpipe}}\n")
    res = run("check", write(tmp_path / "a.txt", ar))
    assert res.returncode == 2 and res.stdout == ""
    (line,) = res.lines
    assert ".factcheck.yaml:1:24: analysis model 'random.udpipe' is not a UDPipe 1 model" in line
    good = default_model_path("ar").read_bytes()
    t = tmp_path / "t"
    write(t / "truncated.udpipe", good[: len(good) // 2])
    # loaded when a rule asks for a parse: name the one that does (it is off by default)
    write(t / ".factcheck.yaml", "analysis: {ar: {model: truncated.udpipe}}\nselect: ['*', ar.preposition.date]\n")
    res = run("check", "--format", "json", write(t / "a.txt", ar), env={"FACTCHECK_UDPIPE_BACKEND": "ufal"})
    assert res.returncode == 2
    (line,) = res.lines
    assert "cannot load UDPipe model" in line and "truncated.udpipe" in line


# ---------------------------------------------------------------- class 9

HOSTILE_TEXT = "The the \x1b[31mred\x1b[0m \x1b]0;title\x07 \x1b]8;;http://x\x1b\\link\x1b]8;;\x1b\\ \x9b2J \r over.\n"


@pytest.mark.parametrize("extra", [["--no-color"], ["--color"], ["--format", "github"]])
def test_class9_escape_sequences_are_shown_escaped(tmp_path, extra):
    f = write(tmp_path / "a.txt", HOSTILE_TEXT)
    res = run("check", *extra, f)
    assert res.returncode == 1
    raw = res.stdout
    if "--color" in extra:  # only the report's own styling reaches the terminal
        import re

        raw = re.sub(r"\x1b\[[0-9;]*m", "", raw)
    for bad in ("\x1b", "\x07", "\x9b", "\r"):
        assert bad not in raw, repr(bad)
    assert "\\x1b]0;title\\x07" in raw or "--format" in extra


def test_class9_bidi_overrides_are_shown_escaped(tmp_path):
    """An override or isolate in the copy would reorder the rest of the report's line on
    the terminal; it is shown as an escape, while the marks Arabic copy uses (RLM) stay."""
    f = write(tmp_path / "a.txt", "The the \u202eevil\u202c report \u2067x\u2069 and \u200fmark.\n")
    res = run("check", "--no-color", f)
    assert res.returncode == 1
    for bad in ("\u202e", "\u202c", "\u2067", "\u2069"):
        assert bad not in res.stdout, repr(bad)
    assert "\\u202e" in res.stdout or "\\u2067" in res.stdout


@pytest.mark.parametrize("command, shown", [("figures", "300"), ("dates", "March 3, 2024")])
def test_class9_dates_and_figures_tables_show_the_article_escaped(tmp_path, command, shown):
    """The tables of `factcheck dates` and `factcheck figures` escape like the report, and a
    path or text that looks like Rich markup is shown as it is (it was a traceback)."""
    f = write(tmp_path / "[" / "b]\x1b[31m[red].txt",
              "The [/b] agency said 300 [red]people[/red] \x1b]0;t\x07 fled on March 3, 2024.\n")
    res = run(command, f, "--published", "2024-03-05")
    assert res.returncode == 0 and res.stderr == "", res.stderr
    for bad in ("\x1b", "\x07"):
        assert bad not in res.stdout, repr(bad)
    assert "[/b]\\x1b[31m[red].txt" in res.stdout and shown in res.stdout


def test_class9_rules_and_explain_show_house_rule_words_as_written(tmp_path):
    write(tmp_path / ".factcheck.yaml", "rules_dirs: [house]\n")
    write(tmp_path / "house" / "en" / "spelling" / "colour.yaml",
          "kind: pattern\nmessage: House [/x] style\ndescription: US [/x] [bold]spelling\npatterns: [colour]\n"
          "replace: color\nexamples:\n  bad:\n    - text: \"a ⟦colour⟧\"\n      fixed: \"a color\"\n  good: [\"a color\"]\n")
    for args in (("rules",), ("explain", "en.spelling.colour")):
        res = run(*args, cwd=tmp_path, env={"COLUMNS": "300"})
        assert res.returncode == 0 and res.stderr == "", res.stderr
        assert "US [/x] [bold]spelling" in res.stdout


def test_class9_paths_with_line_breaks_and_yaml_errors_are_one_line(tmp_path):
    d = tmp_path / "x\ny"
    bad = write(d / "a\nb.md", "---\ntitle: [unclosed\n---\nbody\n")
    ok = write(tmp_path / "ok.txt", EN_BAD)
    res = run("check", bad, ok)
    assert res.returncode == 2
    (line,) = res.lines
    assert "x\\ny/a\\nb.md: front matter: line" in line


@pytest.mark.parametrize("where", ["/etc/hostname", "../../../../../../../etc/hostname", "relative-to-pack"])
def test_class9_rule_data_stays_in_the_rule_directory(tmp_path, where):
    """A house rule naming a data file outside the rule directory is an error, and the
    file is never opened (checked with an audit hook in the child)."""
    from factcheck.resources import builtin_rules_dir

    target = "/etc/hostname"
    if where == "relative-to-pack":  # the shortest relative path from rules/ar/ to the file
        where = os.path.relpath(target, builtin_rules_dir() / "ar")
    write(tmp_path / ".factcheck.yaml", "rules_dirs: [house]\n")
    write(tmp_path / "house" / "ar" / "spelling" / "x.yaml",
          f"kind: broken-word\nmessage: m {{word}}\ndescription: d\nwords: [{where!r}]\n"
          "examples:\n  bad:\n    - text: \"قال ⟦الصحين⟧ إن\"\n  good: [\"قال الصحفيين\"]\n")
    a = write(tmp_path / "a.txt", "قال الصحين إن الوزير وصل.\n")
    hook = tmp_path / "hook.py"
    hook.write_text(
        "import sys\nseen = []\n"
        "def h(ev, args):\n"
        "    if ev == 'open' and isinstance(args[0], str) and 'hostname' in args[0]:\n"
        "        sys.stderr.write('OPENED ' + args[0] + '\\n')\n"
        "sys.addaudithook(h)\n"
        f"sys.argv = ['launch'] + sys.argv[1:]\nexec(open({str(os.path.join(os.path.dirname(__file__), 'launch.py'))!r}).read())\n")
    import subprocess

    p = subprocess.run([sys.executable, str(hook), "check", "--format", "json", str(a)], capture_output=True,
                       text=True, timeout=120)
    assert "OPENED" not in p.stderr, p.stderr
    assert p.returncode == 2
    assert "is outside the rule directory" in p.stderr
    assert all(len(ln) < 400 for ln in p.stderr.splitlines())


# ---------------------------------------------------------------- class 10


@pytest.mark.parametrize("shape", ["x{i}.*", "*x{i}?"])  # a literal prefix; a middle run and a '?'
def test_class10_two_hundred_thousand_ignore_globs(tmp_path, shape):
    pats = [shape.replace("{i}", str(i)) for i in range(200_000)] + ["en.punctuation.*"]
    write(tmp_path / ".factcheck.yaml", "ignore:\n" + "".join(f"  - '{p}'\n" for p in pats))
    a = write(tmp_path / "a.txt", "The the deal was final. .\n")
    res = run("check", "--format", "json", a)
    assert res.returncode == 1
    assert [x["rule"] for x in res.json()["files"][0]["findings"]] == ["en.repetition.repeated-word"]


globs = st.text(alphabet=st.sampled_from(list("ab.*?[]!-")), max_size=8)
names = st.text(alphabet=st.sampled_from(list("ab.-[]!*?")), max_size=10)


@settings(max_examples=500, deadline=None)
@given(st.lists(globs, min_size=1, max_size=6), st.lists(names, min_size=1, max_size=8))
def test_class10_property_globset_is_fnmatchcase(patterns, subjects):
    gs = GlobSet(patterns)
    for s in subjects:
        want = max([i for i, p in enumerate(patterns) if fnmatch.fnmatchcase(s, p)], default=-1)
        assert gs.last_index(s) == want, (patterns, s)
        assert gs.match(s) == (want >= 0)
