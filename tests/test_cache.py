"""The result cache: a warm run gives the same report from the cache, any change to
what shapes a result (content, config, flags, rules) misses, writes are atomic
under --jobs, and the size is bounded."""

import json
import os
import shutil
import sqlite3

import pytest

from factcheck.cache import Cache

AR_BAD = "وقال الوزير إن الاتفاق نهائي. . وأضاف أن التنفيذ يبدأ غدا.\n"
EN_BAD = "The minister said the the deal was final on Friday, August 15, 2024.\n"


def db(cache_dir):
    return sqlite3.connect(str(cache_dir / "v1.sqlite"), isolation_level=None)


def entries(cache_dir):
    """The entries of the cache, as (key, data as JSON)."""
    with db(cache_dir) as c:
        return [(k, json.loads(d)) for k, d in c.execute("SELECT key, data FROM entries ORDER BY key")]


def rewrite(cache_dir, fn):
    """Replace every entry's data with fn(data) (a dict, or a string to store as is)."""
    c = db(cache_dir)
    for k, d in c.execute("SELECT key, data FROM entries").fetchall():
        new = fn(json.loads(d))
        c.execute("UPDATE entries SET data = ? WHERE key = ?", (new if isinstance(new, str) else json.dumps(new), k))
    c.close()


def report(cli, *args, cwd=None):
    p = cli("check", "--format", "json", *args, cwd=cwd)
    assert p.returncode in (0, 1), p.stderr
    return json.loads(p.stdout)


def make_articles(d, n):
    d.mkdir(parents=True, exist_ok=True)
    for i in range(n):
        (d / f"a{i:02d}.txt").write_text(f"Report {i}. " + EN_BAD if i % 2 else f"خبر {i}. " + AR_BAD,
                                         encoding="utf-8")
    return d


def test_warm_run_reads_the_cache_and_reports_the_same(tmp_path, cli):
    arts = make_articles(tmp_path / "arts", 6)
    cd = tmp_path / "cache"
    cold = report(cli, "--cache-dir", cd, arts)
    assert len(entries(cd)) == 6
    assert (cd / ".gitignore").read_text().strip().endswith("*") and (cd / "CACHEDIR.TAG").is_file()
    target = arts / "a01.txt"
    # poison the English entries' first message: if the warm run reads the cache, the poison shows
    warm = report(cli, "--cache-dir", cd, arts)
    assert warm == cold

    def poison(data):
        fl = data["report"]["findings"]
        if fl and fl[0]["rule"].startswith("en."):
            fl[0]["message"] = "FROM THE CACHE"
        return data

    rewrite(cd, poison)
    poisoned = report(cli, "--cache-dir", cd, arts)
    msgs = [x["message"] for f in poisoned["files"] for x in f["findings"]]
    assert "FROM THE CACHE" in msgs
    # --no-cache neither reads nor writes
    fresh = report(cli, "--no-cache", "--cache-dir", cd, arts)
    assert fresh == cold
    assert len(entries(cd)) == 6
    # an edited file misses (one new entry) and is checked afresh
    target.write_text(EN_BAD.replace("the the", "the"), encoding="utf-8")
    after = report(cli, "--cache-dir", cd, arts)
    assert len(entries(cd)) == 7
    entry = next(f for f in after["files"] if f["path"].endswith("a01.txt"))
    assert not any(x["rule"] == "en.repetition.repeated-word" for x in entry["findings"])


def test_config_flags_and_rules_are_part_of_the_key(tmp_path, cli):
    arts = make_articles(tmp_path / "arts", 2)
    cd = tmp_path / "cache"
    base = report(cli, "--cache-dir", cd, arts)
    n0 = len(entries(cd))
    rules_hit = {x["rule"] for f in base["files"] for x in f["findings"]}
    assert "ar.punctuation.duplicated" in rules_hit
    # a flag
    sel = report(cli, "--cache-dir", cd, "--ignore", "ar.punctuation.duplicated", arts)
    assert "ar.punctuation.duplicated" not in {x["rule"] for f in sel["files"] for x in f["findings"]}
    assert len(entries(cd)) == n0 + 2
    # the configuration file
    (tmp_path / "arts" / ".factcheck.yaml").write_text("ignore: ['ar.punctuation.*']\n", encoding="utf-8")
    cfg = report(cli, "--cache-dir", cd, arts)
    assert not any(x["rule"].startswith("ar.punctuation.") for f in cfg["files"] for x in f["findings"])
    # a house rule directory: a new rule in it shows at once
    rd = tmp_path / "arts" / "house" / "en" / "punctuation"
    rd.mkdir(parents=True)
    (tmp_path / "arts" / ".factcheck.yaml").write_text("rules_dirs: [house]\n", encoding="utf-8")
    before = report(cli, "--cache-dir", cd, arts / "a01.txt")
    (rd / "minister.yaml").write_text(
        "kind: pattern\ncategory: punctuation\nseverity: warning\nmessage: 'house: {match}'\n"
        "description: A test rule.\npatterns: ['minister']\n"
        "examples:\n  bad:\n    - text: 'The ⟦minister⟧ spoke.'\n  good:\n    - 'The mayor spoke.'\n",
        encoding="utf-8")
    after = report(cli, "--cache-dir", cd, arts / "a01.txt")
    assert "en.punctuation.minister" not in {x["rule"] for f in before["files"] for x in f["findings"]}
    assert "en.punctuation.minister" in {x["rule"] for f in after["files"] for x in f["findings"]}
    # a fresh checkout gives the same rule file a new date: same content, same key, still a hit
    def poison(data):
        for x in data["report"]["findings"]:
            x["message"] = "FROM THE CACHE"
        return data

    rewrite(cd, poison)
    st = (rd / "minister.yaml").stat()
    os.utime(rd / "minister.yaml", ns=(st.st_atime_ns, st.st_mtime_ns + 10**9))
    again = report(cli, "--cache-dir", cd, arts / "a01.txt")
    assert {x["message"] for f in again["files"] for x in f["findings"]} == {"FROM THE CACHE"}


def test_digests_are_of_content_and_remembered_by_date(tmp_path):
    from factcheck.cache import Digests

    f = tmp_path / "rule.yaml"
    f.write_text("aaaa", encoding="utf-8")
    d = Digests(tmp_path / "digests.json")
    first = d.of(f)
    d.save()
    st = f.stat()
    f.write_text("bbbb", encoding="utf-8")  # same size; put the old date back: the memo answers
    os.utime(f, ns=(st.st_atime_ns, st.st_mtime_ns))
    d2 = Digests(tmp_path / "digests.json")
    assert d2.of(f) == first and not d2.dirty
    os.utime(f, ns=(st.st_atime_ns, st.st_mtime_ns + 10**9))  # a new date: read again
    assert d2.of(f) != first and d2.dirty


def test_jobs_write_atomically_and_reuse(tmp_path, cli):
    arts = make_articles(tmp_path / "arts", 16)
    cd = tmp_path / "cache"
    one = report(cli, "--no-cache", arts)
    par = report(cli, "--cache-dir", cd, "--jobs", "2", arts)
    assert par == one
    assert len(entries(cd)) == 16
    with db(cd) as c:
        assert c.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    assert report(cli, "--cache-dir", cd, "--jobs", "2", arts) == one
    # two runs at once on the same empty cache (as pre-commit's batches do)
    shutil.rmtree(cd)
    import subprocess
    import sys
    cmd = [sys.executable, "-m", "factcheck", "check", "--format", "json", "--cache-dir", str(cd), str(arts)]
    procs = [subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE) for _ in range(2)]
    outs = [json.loads(p.communicate(timeout=300)[0]) for p in procs]
    assert outs[0] == outs[1] == one
    assert len(entries(cd)) == 16


def test_corrupt_or_foreign_entries_are_misses(tmp_path, cli):
    arts = make_articles(tmp_path / "arts", 2)
    cd = tmp_path / "cache"
    good = report(cli, "--cache-dir", cd, arts)
    rewrite(cd, lambda data: '{"key": "')  # cut short
    assert report(cli, "--cache-dir", cd, arts) == good

    def other_text(data):
        data["source_sha"] = "0" * 64  # an entry for other text
        data["report"]["findings"] = []
        return data

    rewrite(cd, other_text)
    assert report(cli, "--cache-dir", cd, arts) == good
    # a cache file that is not a database at all is replaced
    for p in cd.glob("v1.sqlite*"):
        p.unlink()
    (cd / "v1.sqlite").write_bytes(b"this is not a database" * 100)
    assert report(cli, "--cache-dir", cd, arts) == good
    assert len(entries(cd)) == 2


def test_size_is_bounded(tmp_path):
    from factcheck.engine import FileReport

    c = Cache(tmp_path / "c", max_bytes=40_000)
    for i in range(40):
        c.store((f"{i:064x}", ""), FileReport(path="x", source="y" * 1000, timeline=[{"t": "z" * 900}]))
        c._flush()
        c._db.execute("UPDATE entries SET used = ? WHERE key = ?", (i, f"{i:064x}"))  # i: when last used
    c.writes = 1
    c.close()
    left = [int(k, 16) for k, _ in entries(tmp_path / "c")]
    with db(tmp_path / "c") as con:
        total = con.execute("SELECT SUM(size) FROM entries").fetchone()[0]
    assert 0 < len(left) < 40 and total <= 32_000
    assert left == list(range(40 - len(left), 40))  # the most recently used were kept
    with db(tmp_path / "c") as con:  # and the space is returned (session 31: one page was)
        assert con.execute("PRAGMA freelist_count").fetchone()[0] == 0
    c2 = Cache(tmp_path / "c", max_bytes=40_000)
    assert c2.prune() == 0


def test_unwritable_cache_dir_is_not_an_error(tmp_path, cli):
    if os.geteuid() == 0:
        blocker = tmp_path / "file"
        blocker.write_text("x")
        cd = blocker / "cache"  # a path under a file cannot be created, even by root
    else:
        cd = tmp_path / "ro"
        cd.mkdir(mode=0o500)
    arts = make_articles(tmp_path / "arts", 1)
    p = cli("check", "--format", "json", "--cache-dir", cd, arts)
    assert p.returncode == 1 and json.loads(p.stdout)["files"][0]["findings"], p.stderr


@pytest.mark.parametrize("flag", ["--cache-dir", "--no-cache"])
def test_cache_flags_in_help(cli, flag):
    assert flag in cli("check", "--help").stdout
