"""A report or a baseline is never written over an article (the QA pass of session 30): -o
naming an article, baseline FILE and PATHS swapped, a report kept in the folder it reports on."""

from __future__ import annotations

import json

ART = "He said the the plan.\n"


def test_check_o_naming_an_article_is_refused(tmp_path, cli):
    a = tmp_path / "a.md"
    a.write_text(ART, encoding="utf-8")
    r = cli("check", a, "-o", a)
    assert r.returncode == 2
    assert "is one of the articles to check" in r.stderr
    assert a.read_text(encoding="utf-8") == ART


def test_a_report_in_the_checked_folder_is_not_read_as_an_article(tmp_path, cli):
    (tmp_path / "a.md").write_text(ART, encoding="utf-8")
    for _ in range(2):
        r = cli("check", ".", "--format", "json", "-o", "report.json", "--fail-on", "never", cwd=tmp_path)
        assert r.returncode == 0, r.stderr
    rep = json.loads((tmp_path / "report.json").read_text(encoding="utf-8"))
    assert [f["path"] for f in rep["files"]] == ["a.md"]


def test_baseline_with_its_arguments_swapped_is_refused(tmp_path, cli):
    a = tmp_path / "a.md"
    a.write_text(ART, encoding="utf-8")
    for args in (("a.md", ".factcheck-baseline.json"), ("a.md", ".")):
        r = cli("baseline", "create", *args, cwd=tmp_path)
        assert r.returncode == 2, args
        assert "not a factcheck baseline" in r.stderr
        assert a.read_text(encoding="utf-8") == ART
    # the right order works, and a second run replaces its own baseline
    for _ in range(2):
        r = cli("baseline", "create", "base.json", "a.md", cwd=tmp_path)
        assert r.returncode == 0, r.stderr
    assert json.loads((tmp_path / "base.json").read_text(encoding="utf-8"))["findings"] >= 1


def test_rules_listing_piped_keeps_every_id_whole(cli):
    import json as _json

    ids = [r["id"] for r in _json.loads(cli("rules", "--format", "json").stdout)]
    out = cli("rules").stdout
    listed = {line.split()[0] for line in out.splitlines()[1:] if line.strip()}
    assert set(ids) <= listed
    assert "…" not in out


def test_an_html_report_in_the_checked_folder_is_not_an_article(tmp_path, cli):
    (tmp_path / "a.md").write_text(ART, encoding="utf-8")
    (tmp_path / "page.html").write_text("<html><body><p>He said the the plan.</p></body></html>", encoding="utf-8")
    r = cli("check", ".", "--format", "html", "-o", "report.html", "--fail-on", "never", cwd=tmp_path)
    assert r.returncode == 0, r.stderr
    r = cli("check", ".", "--format", "json", "--fail-on", "never", cwd=tmp_path)
    assert sorted(f["path"] for f in json.loads(r.stdout)["files"]) == ["a.md", "page.html"]
    # named on the command line, it is checked: the user asked for it
    r = cli("check", "report.html", "--format", "json", "--fail-on", "never", cwd=tmp_path)
    assert [f["path"] for f in json.loads(r.stdout)["files"]] == ["report.html"]


def test_fix_keeps_extended_attributes_and_a_read_only_file(tmp_path, cli):
    import os

    import pytest

    ro = tmp_path / "ro.txt"
    ro.write_text(ART, encoding="utf-8")
    ro.chmod(0o444)
    r = cli("check", ro, "--fix", "--no-cache")
    assert r.returncode == 2 and "read-only" in r.stderr  # for root too (os.access says yes to root)
    assert ro.read_text(encoding="utf-8") == ART
    x = tmp_path / "x.txt"
    x.write_text(ART, encoding="utf-8")
    try:
        os.setxattr(x, "user.origin", b"cms")
    except (AttributeError, OSError):
        pytest.skip("no user extended attributes here")
    r = cli("check", x, "--fix", "--no-cache")
    assert x.read_text(encoding="utf-8") == "He said the plan.\n"
    assert os.getxattr(x, "user.origin") == b"cms"


def test_utf16_gets_its_own_message(tmp_path, cli):
    p = tmp_path / "u16.txt"
    p.write_bytes("\ufeffHe said the the plan.\n".encode("utf-16-le"))
    r = cli("check", p)
    assert r.returncode == 2 and "UTF-16" in r.stderr and "binary" not in r.stderr


def test_option_mistakes_are_named(tmp_path, cli):
    a = tmp_path / "a.md"
    a.write_text(ART, encoding="utf-8")
    r = cli("check", a, "--published", "2024-02-30")
    assert r.returncode == 2 and "no day of the calendar" in r.stderr
    r = cli("check", a, "--published", "30/02/2024")
    assert r.returncode == 2 and "expected YYYY-MM-DD" in r.stderr
    r = cli("check", a, "--unsafe-fixes")
    assert r.returncode == 2 and "goes with --fix or --diff" in r.stderr


def test_fix_says_what_it_fixed(tmp_path, cli):
    a = tmp_path / "a.txt"
    a.write_text("He said the the plan,, he said.\n", encoding="utf-8")
    r = cli("check", a, "--fix", "--no-cache")
    assert r.stdout.rstrip().endswith("fixed 2 finding(s) in 1 file(s)"), r.stdout
    r = cli("check", a, "--fix", "--no-cache")
    assert r.stdout.rstrip().endswith("nothing was fixed")


def test_o_naming_an_article_found_by_walking_a_folder_is_refused(tmp_path, cli):
    """Session 31's docs QA pass: the guard held only for an article named on the command
    line; `check articles/ -o articles/mayor.md` wrote the report over the article."""
    d = tmp_path / "articles"
    d.mkdir()
    (d / "budget.md").write_text(ART, encoding="utf-8")
    (d / "mayor.md").write_text("The mayor said the plan works.\n", encoding="utf-8")
    for fmt in ("text", "json", "html"):
        r = cli("check", "articles", "--format", fmt, "-o", "articles/mayor.md", cwd=tmp_path)
        assert r.returncode == 2 and "is one of the articles to check" in r.stderr, (fmt, r.stderr)
        assert (d / "mayor.md").read_text(encoding="utf-8") == "The mayor said the plan works.\n"


def test_a_report_of_any_format_kept_with_the_copy_is_not_read_back(tmp_path, cli):
    """Only HTML reports were recognised: a text report or a JUnit file in the folder was
    checked as an article on the next run, its quotes of the copy raising new findings."""
    d = tmp_path / "articles"
    d.mkdir()
    (d / "a.md").write_text(ART, encoding="utf-8")
    outs = {"text": "report.txt", "junit": "junit.html", "json": "report.md", "sarif": "s.txt",
            "github": "gh.txt", "html": "page.html"}
    for fmt, name in outs.items():
        r = cli("check", "articles", "--format", fmt, "-o", f"articles/{name}", "--no-cache", cwd=tmp_path)
        assert r.returncode == 1, (fmt, r.stderr)
    r = cli("check", "articles", "--format", "json", "--no-cache", cwd=tmp_path)
    assert [f["path"] for f in json.loads(r.stdout)["files"]] == ["articles/a.md"]
    # a second run of each writes over its own earlier report
    for fmt, name in outs.items():
        r = cli("check", "articles", "--format", fmt, "-o", f"articles/{name}", "--no-cache", cwd=tmp_path)
        assert r.returncode == 1, (fmt, r.stderr)


def test_an_article_that_merely_ends_like_a_number_is_still_an_article(tmp_path):
    from factcheck.inputs import own_output

    p = tmp_path / "a.txt"
    p.write_text("The council met.\n\nIt found 3 errors in 2 files.\n", encoding="utf-8")
    assert not own_output(p)
    # a summary line pasted under copy does not keep the copy out of the check (QA D2)
    p.write_text("x\n\n3 finding(s) in 2 file(s): 3 errors\n", encoding="utf-8")
    assert not own_output(p)
    p.write_text("a.md  (en, published unknown)\n  1:5  error   en.repetition.repeated-word  Repeated \"the\"\n"
                 "      The the end.\n\n1 finding(s) in 1 file(s): 1 error\n", encoding="utf-8")
    assert own_output(p)


MIMICS = {  # one line of a report put in an article: the article is still checked (QA pass of session 32, D2)
    "g1.html": "<html><head><meta name=\"generator\" content=\"factcheck\"></head><body><article><p>The the "
               "minister spoke.</p></article></body></html>",
    "g3.html": "<html><head><!-- <meta name=\"generator\" content=\"factcheck\"> --></head><body><article><p>The "
               "the minister spoke.</p></article></body></html>",
    "gh.txt": "::error file=a.txt,line=1::x\nThe the minister spoke.\n",
    "j1.txt": "{\"schema\": \"factcheck.report/1\"}\nThe the minister spoke.\n",
    "x1.txt": "<?xml version=\"1.0\"?><testsuites name=\"factcheck\">\nThe the minister spoke.\n",
}


def test_a_line_of_a_report_does_not_keep_an_article_out_and_real_reports_are_named(tmp_path, cli):
    arts = tmp_path / "articles"
    arts.mkdir()
    for name, text in MIMICS.items():
        (arts / name).write_text(text, encoding="utf-8")
    (arts / "ok.txt").write_text("The the minister spoke.\n", encoding="utf-8")
    r = cli("check", "articles", "--format", "json", "-o", "articles/report.txt", "--no-cache", cwd=tmp_path)
    assert r.returncode == 1, r.stderr
    r = cli("check", "articles", "--format", "json", "--no-cache", cwd=tmp_path)
    paths = sorted(f["path"] for f in json.loads(r.stdout)["files"])
    assert paths == sorted(f"articles/{n}" for n in [*MIMICS, "ok.txt"])
    assert "1 file(s) left out, reports of factcheck's, not articles: articles/report.txt" in r.stderr


def test_output_over_a_hard_link_to_an_article_is_refused(tmp_path, cli):
    import os

    arts = tmp_path / "arts"
    arts.mkdir()
    (arts / "b.txt").write_text("The the minister spoke.\n", encoding="utf-8")
    os.link(arts / "b.txt", tmp_path / "out.json")
    r = cli("check", "arts", "--format", "json", "-o", "out.json", "--no-cache", cwd=tmp_path)
    assert r.returncode == 2, r.stderr
    assert (arts / "b.txt").read_text(encoding="utf-8") == "The the minister spoke.\n"
