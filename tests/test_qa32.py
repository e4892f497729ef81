"""Session 32's black-box pass as a pipeline engineer and an attacker: each defect it found
and that is mended here, as a user meets it (the CRLF offsets, reports pasted into articles,
the hard link and the select glob have tests beside their subjects: test_crlf_offsets.py,
test_output_guard.py, test_cli.py)."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest


def run(*args, stdin=None, stdout=subprocess.PIPE, cwd=None):
    return subprocess.run([sys.executable, "-m", "factcheck", *map(str, args)], input=stdin, stdout=stdout,
                          stderr=subprocess.PIPE, cwd=cwd)


def test_fix_on_stdin_never_puts_the_report_where_the_article_goes():
    """D5: `factcheck check --fix - < a.txt | sponge a.txt` must not replace the article
    with the report when standard input cannot be read."""
    for data in (b"ab\xffcd\n", b"a\x00b\n"):
        for fmt in ("text", "json"):
            p = run("check", "--no-cache", "--format", fmt, "--fix", "-", stdin=data)
            assert p.returncode == 2 and p.stdout == b"", (data, fmt, p.stdout)
            assert b"not UTF-8" in p.stderr or b"binary" in p.stderr
    ok = run("check", "--no-cache", "--fix", "-", stdin=b"The the end.\n")
    assert ok.stdout == b"The end.\n"


@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="no /dev/full")
def test_a_report_that_cannot_be_written_is_an_error_not_findings(tmp_path):
    """D8: a full disk under `> report.json` exits 2 with one line, even with --fail-on never."""
    a = tmp_path / "a.txt"
    a.write_text("The the end.\n", encoding="utf-8")
    with open("/dev/full", "wb") as full:
        p = run("check", "--no-cache", "--fail-on", "never", "--format", "json", a, stdout=full)
    assert p.returncode == 2
    assert p.stderr.decode().strip().splitlines() == ["factcheck: cannot write the report: No space left on device"]


def test_a_rule_directory_that_cannot_be_listed_is_a_rule_error(tmp_path, monkeypatch):
    """D9: `rules_dirs: [/proc]` (a folder with entries that cannot be read) gave a traceback, exit 1."""
    from factcheck import rules as rules_mod

    def deny(root):
        raise PermissionError(13, "Permission denied", str(root / "x"))

    monkeypatch.setattr(rules_mod, "rule_files", lambda root: deny(root) if root == tmp_path else [])
    rules_mod._load_rules.cache_clear()
    try:
        rs = rules_mod.load_rules((str(tmp_path),))
    finally:
        rules_mod._load_rules.cache_clear()
    assert [(e.path, e.message) for e in rs.errors] == [(str(tmp_path / "x"), "cannot read rule directory: Permission denied")]


def test_audit_output_through_a_missing_folder_is_a_usage_error(tmp_path):
    """D10: `audit -o out/../x.jsonl` with no `out` gave a traceback, exit 1."""
    pytest.importorskip("distributed")
    arts = tmp_path / "arts"
    arts.mkdir()
    (arts / "a.txt").write_text("The the end.\n", encoding="utf-8")
    p = run("audit", "arts", "-o", "out/../x.jsonl", "--workers", "1", "--no-progress", cwd=tmp_path)
    assert p.returncode == 2, p.stderr
    assert b"directory out/.. does not exist" in p.stderr and b"Traceback" not in p.stderr
    assert not (tmp_path / "x.jsonl").exists()


def test_a_file_named_twice_is_reported_once(tmp_path):
    """D11: a changed-file list that overlaps a folder doubled the findings and annotations."""
    d = tmp_path / "news"
    d.mkdir()
    (d / "a.txt").write_text("The the end.\n", encoding="utf-8")
    p = run("check", "--no-cache", "--format", "json", "news", "news/a.txt", "./news/a.txt", cwd=tmp_path)
    data = json.loads(p.stdout)
    assert [f["path"] for f in data["files"]] == ["news/a.txt"] and data["summary"]["findings"] == 1


@pytest.mark.parametrize("template", ["{match.__class__.__mro__}", "{match.__class__.__base__.__subclasses__}",
                                      "{args[0]}", "{0}", "{match!r}"])
def test_a_message_template_reads_only_the_arguments(template):
    """D13: `str.format` attribute access let a rule file reach into Python objects."""
    from factcheck.messages import check, render

    assert check(template) is not None
    assert render(template, {"match": "x", "args": ["y"]}) == template
    assert check("«{match}» {count:مرة واحدة|مرتين|مرات|مرة}") is None


@pytest.mark.parametrize("yaml_text,needle", [
    ("select: !!python/object/apply:os.system [\"touch PWNED\"]\n",
     "1:9: unsupported YAML tag '!!python/object/apply:os.system'"),
    ("base: &b {fail_on: never}\n<<: *b\n", "2:1: merge keys (<<) are not supported"),
])
def test_yaml_tags_are_refused_at_their_place_not_dropped(tmp_path, yaml_text, needle):
    """D14: a `!!python` tag was dropped and the list under it used as the value."""
    (tmp_path / "c.yaml").write_text(yaml_text, encoding="utf-8")
    (tmp_path / "a.txt").write_text("The the end.\n", encoding="utf-8")
    p = run("check", "--config", "c.yaml", "a.txt", cwd=tmp_path)
    assert p.returncode == 2 and needle in p.stderr.decode(), p.stderr
    assert not (tmp_path / "PWNED").exists()


def test_a_time_zone_out_of_range_says_so():
    from factcheck.document import InputError, parse_document

    with pytest.raises(InputError, match="time zone offset out of range"):
        parse_document("a.md", "---\npublished: 2025-03-14 10:00:00+99:00\n---\nText.\n")


def test_the_report_never_takes_the_place_of_the_baseline_or_a_configuration(tmp_path):
    """D7: `-o base.json --baseline base.json` lost the baseline; `-o .factcheck.yaml` the configuration."""
    (tmp_path / "a.txt").write_text("The the end.\n", encoding="utf-8")
    assert run("baseline", "create", "base.json", "a.txt", cwd=tmp_path).returncode == 0
    before = (tmp_path / "base.json").read_bytes()
    p = run("check", "--baseline", "base.json", "--format", "json", "-o", "base.json", "a.txt", cwd=tmp_path)
    assert p.returncode == 2 and b"is this run's --baseline file" in p.stderr
    assert (tmp_path / "base.json").read_bytes() == before
    p = run("check", "-o", ".factcheck.yaml", "a.txt", cwd=tmp_path)
    assert p.returncode == 2 and not (tmp_path / ".factcheck.yaml").exists()


def test_output_to_a_device_says_to_leave_out_o(tmp_path):
    """D15: `-o /dev/stdout` said "No such file or directory"."""
    (tmp_path / "a.txt").write_text("The the end.\n", encoding="utf-8")
    p = run("check", "-o", "/dev/stdout", "a.txt", cwd=tmp_path)
    assert p.returncode == 2 and b"leave out -o to write the report to standard output" in p.stderr


def test_a_walked_link_to_a_file_outside_the_folder_is_not_read(tmp_path):
    """D6: a pull request's link to a file outside the checkout was read, shown in the log
    and fixed; named on the command line it is still checked."""
    (tmp_path / "outside.txt").write_text("PRIVATE the the token\n", encoding="utf-8")
    pr = tmp_path / "pr"
    pr.mkdir()
    (pr / "story.txt").symlink_to(tmp_path / "outside.txt")
    (pr / "real.txt").write_text("The the end.\n", encoding="utf-8")
    (pr / "inside.txt").symlink_to("real.txt")  # a link inside the folder is an article like any
    p = run("check", "--no-cache", "--fix", "pr", cwd=tmp_path)
    assert p.returncode == 2 and b"PRIVATE" not in p.stdout + p.stderr
    assert b"pr/story.txt: a symbolic link to a file outside the folder checked" in p.stderr
    assert (tmp_path / "outside.txt").read_text(encoding="utf-8") == "PRIVATE the the token\n"
    assert (pr / "real.txt").read_text(encoding="utf-8") == "The end.\n"
    named = run("check", "--no-cache", "--format", "json", "pr/story.txt", cwd=tmp_path)
    assert json.loads(named.stdout)["files"][0]["findings"]


@pytest.mark.skipif(sys.platform == "darwin", reason="macOS refuses names that are not UTF-8")
def test_sarif_uri_of_a_name_that_is_not_utf8_is_its_bytes(tmp_path):
    """D12: the URI percent-encoded the escaped display name (x%5Cxff.txt), a file that does not exist."""
    d = tmp_path / "n"
    d.mkdir()
    name = os.path.join(os.fsencode(str(d)), b"x\xff.txt")
    with open(name, "wb") as f:
        f.write(b"The the end.\n")
    p = run("check", "--no-cache", "--format", "sarif", "n", cwd=tmp_path)
    uris = {r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
            for r in json.loads(p.stdout)["runs"][0]["results"]}
    assert uris == {"n/x%FF.txt"}


def test_the_language_server_logs_a_clients_slip_instead_of_popping_up_an_error():
    """D17: didChange for a document never opened showed "Error in server: KeyError: ..."."""
    pytest.importorskip("pygls")
    from pygls.exceptions import FeatureNotificationError, JsonRpcInternalError

    from factcheck.lsp import FactcheckServer

    shown = []
    server = FactcheckServer()
    server.window_show_message = shown.append
    try:
        raise KeyError("file:///never-opened.md")
    except KeyError:
        server.report_server_error(JsonRpcInternalError.of(sys.exc_info()), FeatureNotificationError)
    assert shown == []
    server.report_server_error(RuntimeError("the model could not be loaded"), FeatureNotificationError)
    assert len(shown) == 1


def test_audit_says_a_usage_error_before_what_its_walk_found(tmp_path):
    """D18: a broken link's error came before the usage error that ended the run."""
    pytest.importorskip("distributed")
    arch = tmp_path / "arch"
    arch.mkdir()
    (arch / "a.txt").write_text("The the end.\n", encoding="utf-8")
    (arch / "broken.txt").symlink_to(tmp_path / "nowhere.txt")
    p = run("audit", "arch", "-o", "x.jsonl", "--select", "nope.rule", "--no-progress", cwd=tmp_path)
    assert p.returncode == 2
    assert p.stderr.decode().strip().splitlines() == [
        "factcheck: --select: unknown rule id 'nope.rule' (see 'factcheck rules')"]


def test_hard_links_are_one_file_and_o_over_one_is_refused(tmp_path):
    """Input identity is the device and inode (one stat a file): two hard links to one
    article are checked once, and -o naming either is refused like the article itself."""
    import os
    import subprocess
    import sys

    a = tmp_path / "a.md"
    a.write_text("The the vote was held on Monday.\n", encoding="utf-8")
    b = tmp_path / "b.md"
    os.link(a, b)
    other = tmp_path / "c.md"
    other.write_text("The the vote was held on Monday.\n", encoding="utf-8")
    r = subprocess.run([sys.executable, "-m", "factcheck", "check", str(a), str(b), str(other), "--format", "json",
                        "--no-cache"], capture_output=True, text=True)
    import json

    files = [f["path"] for f in json.loads(r.stdout)["files"]]
    assert len(files) == 2 and files[0].endswith("a.md") and files[1].endswith("c.md"), r.stdout
    r = subprocess.run([sys.executable, "-m", "factcheck", "check", str(a), str(other), "-o", str(b)],
                       capture_output=True, text=True)
    assert r.returncode == 2 and "refusing to write over it" in r.stderr
    assert b.read_text(encoding="utf-8").startswith("The the vote")
