"""factcheck audit: records equal `check --format json` file entries, resume, errors, Parquet.

The in-process tests share one Dask cluster of one worker thread (processes=False: the
per-file work is the same code; only the transport differs); one test runs the real
command with a process LocalCluster, kills it halfway and resumes."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

distributed = pytest.importorskip("distributed")
pa = pytest.importorskip("pyarrow")

from click.testing import CliRunner  # noqa: E402

from factcheck.audit import ADDED_FIELDS, AuditError, run_audit  # noqa: E402
from factcheck.cli import main  # noqa: E402

ARTICLES = {
    "en/council.md": "---\ntitle: Council\npublished: 2024-03-15\n---\n\nThe council met on Tuesday, March 12, 2024. "
                     "The the mayor said the plan would cut costs ,  and he was pleased.\n",
    "en/troops.txt": "The US has about 2,500 troops Iraq. The talks ended on Monday, March 11, 2024. The ministry "
                     "said between 30 and 40 people were hurt. Prices rose 2.5 percent, the agency said.\n",
    "en/clean.txt": "Nothing to report here. The weather was fine.\n",
    "en/page.html": "<html lang=en><head><meta property='article:published_time' content='2024-05-02'></head>"
                    "<body><article><p>Officials said &quot;the vote the vote will be held.</p></article></body></html>",
    "ar/news.txt": "قال الوزير إن الاتفاق نهائي. . وأضاف أن أن التنفيذ يبدأ غدا، بعد اجتماع الحكومة يوم الأحد.\n",
    "ar/date.txt": "وتم ترشيحه إثر انتخابات 23 أكتوبر 2011 كنائب بالمجلس الوطني التأسيسي عن دائرة تونس.\n",
}


def make_archive(root: Path, copies: int = 1) -> Path:
    for k in range(copies):
        for name, text in ARTICLES.items():
            p = root / (name if copies == 1 else f"{k:03d}/{name}")
            p.parent.mkdir(parents=True, exist_ok=True)
            p.write_text(text, encoding="utf-8")
    bad = root / "en" / "binary.txt"  # not an article: recorded with its error
    bad.parent.mkdir(parents=True, exist_ok=True)
    bad.write_bytes(b"\x00\x01\x02 binary")
    return root


@pytest.fixture(scope="module")
def client():
    import logging

    cluster = distributed.LocalCluster(n_workers=1, threads_per_worker=1, processes=False, dashboard_address=None,
                                       silence_logs=logging.ERROR)
    c = distributed.Client(cluster)
    yield c
    c.close()
    cluster.close()


@pytest.fixture(scope="module")
def archive(tmp_path_factory):
    return make_archive(tmp_path_factory.mktemp("archive"))


@pytest.fixture(scope="module")
def check_json(archive):
    res = CliRunner().invoke(main, ["check", str(archive), "--format", "json"])
    assert res.exit_code == 2, res.output  # the binary file is an input error
    return json.loads(res.stdout)


def read_jsonl(p: Path) -> list[dict]:
    return [json.loads(line) for line in p.read_text(encoding="utf-8").splitlines()]


def read_parquet(p: Path) -> list[dict]:
    import pyarrow.parquet as pq

    from factcheck.audit import _from_row

    return [_from_row(r) for r in pq.read_table(p).to_pylist()]


def without_added(rec: dict) -> dict:
    return {k: v for k, v in rec.items() if k not in ADDED_FIELDS}


def assert_same_as_check(records: list[dict], report: dict):
    by_path = {r["path"]: r for r in records}
    assert len(by_path) == len(records), "a file was recorded twice"
    entries = {e["path"]: e for e in report["files"]}
    errors = {e["path"]: e["message"] for e in report["errors"]}
    assert set(by_path) == set(entries) | set(errors)
    for path, entry in entries.items():
        rec = by_path[path]
        assert without_added(rec) == entry, path
        assert rec["error"] is None and len(rec["sha256"]) == 64 and rec["size"] == Path(path).stat().st_size
        assert rec["elapsed"] >= 0
    for path, message in errors.items():
        assert by_path[path]["error"] == message
    # the records carry the report's figures: a range, a fraction and a source among them
    figures = [g for e in entries.values() for g in e["figures"]]
    assert any("high" in g for g in figures) and any(isinstance(g["value"], float) for g in figures)
    assert any(g["source"] for g in figures) and any(e["timeline"] for e in entries.values())


def test_jsonl_records_equal_check_json(tmp_path, archive, check_json, client):
    out = tmp_path / "audit.jsonl"
    summary = run_audit([str(archive)], out, client=client, batch_size=2, progress=False)
    records = read_jsonl(out)
    assert_same_as_check(records, check_json)
    assert summary.files == len(records) == 7 and summary.n_errors == 1
    assert sum(len(r.get("findings") or []) for r in records) == check_json["summary"]["findings"] > 5


def test_parquet_records_equal_check_json(tmp_path, archive, check_json, client):
    out = tmp_path / "audit.parquet"
    run_audit([str(archive)], out, client=client, batch_size=3, progress=False)
    assert not out.with_name("audit.parquet.parts").exists()
    records = read_parquet(out)
    # Parquet has a column for every key: an error record reads back with nulls in the others
    records = [r if r["error"] is None else {k: v for k, v in r.items() if v is not None or k == "error"}
               for r in records]
    assert_same_as_check([{k: v for k, v in r.items() if k in ADDED_FIELDS or k in _entry_keys(r, check_json)}
                          for r in records], check_json)


def test_a_second_run_without_resume_overwrites(tmp_path, archive, client):
    for suffix in (".parquet", ".jsonl"):
        out = tmp_path / f"again{suffix}"
        for _ in range(2):
            run_audit([str(archive)], out, client=client, progress=False)
        recs = read_parquet(out) if suffix == ".parquet" else read_jsonl(out)
        assert len(recs) == len({r["path"] for r in recs}) == 7, suffix


def _entry_keys(rec, report):
    for e in report["files"]:
        if e["path"] == rec["path"]:
            return set(e)
    return {"path"}


def test_failing_file_is_recorded_and_the_audit_goes_on(tmp_path, archive, client):
    out = tmp_path / "audit.jsonl"
    run_audit([str(archive)], out, client=client, batch_size=1, progress=False)
    recs = {Path(r["path"]).name: r for r in read_jsonl(out)}
    assert recs["binary.txt"]["error"] == "binary file (contains NUL bytes), not an article"
    assert recs["binary.txt"]["size"] == len(b"\x00\x01\x02 binary") == 10
    assert recs["council.md"]["findings"]


def test_resume_after_a_torn_write(tmp_path, archive, client):
    full = tmp_path / "full.jsonl"
    run_audit([str(archive)], full, client=client, progress=False)
    lines = full.read_text(encoding="utf-8").splitlines(keepends=True)
    part = tmp_path / "part.jsonl"
    part.write_text("".join(lines[:3]) + lines[3][: len(lines[3]) // 2], encoding="utf-8")  # killed mid-line
    summary = run_audit([str(archive)], part, client=client, resume=True, progress=False)
    assert summary.resumed == 3 and summary.checked == len(lines) - 3
    got = part.read_text(encoding="utf-8").splitlines(keepends=True)
    assert got[:3] == lines[:3]  # kept as they were, not checked again
    strip = lambda rs: sorted((json.dumps(without_added(r) | {"error": r["error"]}, sort_keys=True) for r in rs))
    assert strip(read_jsonl(part)) == strip(read_jsonl(full))


def test_parquet_resume_from_parts(tmp_path, archive, client):
    out = tmp_path / "a.parquet"
    run_audit([str(archive)], out, client=client, batch_size=2, progress=False)
    full = read_parquet(out)
    # an interrupted run leaves part files and no OUT: simulate it with two records
    from factcheck.audit import ParquetSink

    out.unlink()
    sink = ParquetSink(out)
    sink.start(resume=False)
    sink.write(full[:2])
    summary = run_audit([str(archive)], out, client=client, resume=True, progress=False)
    assert summary.resumed == 2 and summary.checked == len(full) - 2
    again = read_parquet(out)
    assert sorted(r["path"] for r in again) == sorted(r["path"] for r in full)
    assert {r["path"]: r["findings"] for r in again} == {r["path"]: r["findings"] for r in full}


def test_duckdb_answers_a_query_on_the_parquet_file(tmp_path, archive, client):
    duckdb = pytest.importorskip("duckdb")
    out = tmp_path / "audit.parquet"
    run_audit([str(archive)], out, client=client, progress=False)
    rows = duckdb.sql(f"""
        SELECT f.rule, count(*) AS n
        FROM (SELECT unnest(findings) AS f FROM read_parquet('{out}'))
        GROUP BY 1 ORDER BY n DESC, 1""").fetchall()
    assert ("en.repetition.repeated-word", 2) in rows
    errs = duckdb.sql(f"SELECT path FROM read_parquet('{out}') WHERE error IS NOT NULL").fetchall()
    assert [Path(p).name for (p,) in errs] == ["binary.txt"]
    figures = duckdb.sql(f"""
        SELECT g.text, g.value, g.high, g.source.text
        FROM (SELECT unnest(figures) AS g FROM read_parquet('{out}'))
        WHERE g.high IS NOT NULL OR g.unit = '%' ORDER BY g.start""").fetchall()
    assert figures == [("30 and 40", 30.0, 40.0, "The ministry"), ("2.5 percent", 2.5, None, "the agency")]


def test_standard_input_and_bad_scheduler_are_one_line_errors(tmp_path, archive):
    with pytest.raises(AuditError, match="standard input"):
        run_audit(["-"], tmp_path / "o.jsonl", progress=False)
    res = CliRunner().invoke(main, ["audit", str(archive), "-o", str(tmp_path / "o.jsonl"), "--scheduler", "nope"])
    assert res.exit_code == 2 and "--scheduler: expected 'local'" in res.stderr


def test_missing_extra_is_a_one_line_error(tmp_path, archive):
    code = ("import sys; sys.modules['distributed'] = None; from factcheck.cli import main; "
            f"main(['audit', {str(archive)!r}, '-o', {str(tmp_path / 'o.jsonl')!r}, '--no-progress'])")
    p = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert p.returncode == 2
    assert p.stderr.strip().splitlines() == [
        "factcheck: factcheck audit needs the 'audit' extra: pip install 'factcheck[audit]' "
        "(cannot import distributed)"]


def test_killed_halfway_then_resumed(tmp_path):
    """The real command on a process LocalCluster: SIGKILL it (and its workers) once some
    batches are written, then --resume: every file recorded exactly once."""
    root = make_archive(tmp_path / "big", copies=40)  # 241 files
    out = tmp_path / "out.jsonl"
    cmd = [sys.executable, "-m", "factcheck", "audit", str(root), "-o", str(out), "--workers", "1",
           "--batch-size", "2", "--no-progress"]
    p = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    deadline = time.monotonic() + 60
    killed = False
    try:
        while time.monotonic() < deadline and p.poll() is None:
            if out.exists() and out.read_bytes().count(b"\n") >= 10:
                os.killpg(p.pid, signal.SIGKILL)
                killed = True
                break
            time.sleep(0.01)
    finally:
        if p.poll() is None and not killed:
            os.killpg(p.pid, signal.SIGKILL)
        p.wait()
    if not killed:
        pytest.skip("the audit ended before it could be killed (a very fast machine)")
    before = out.read_bytes().count(b"\n")
    assert 10 <= before < 241
    res = subprocess.run(cmd + ["--resume"], capture_output=True, text=True, timeout=120)
    assert res.returncode == 0, res.stderr
    recs = read_jsonl(out)
    paths = [r["path"] for r in recs]
    assert len(paths) == len(set(paths)) == 241
    assert sum(1 for r in recs if r["error"]) == 1
    assert "already there" in res.stderr and "Findings by rule" in res.stderr


def test_each_file_is_read_once_with_the_input_cap(tmp_path, archive, client, monkeypatch):
    """audit reads a file as check does (factcheck.inputs.read_file: capped, regular files
    only) and hashes the bytes it checked; here the cap is 100 bytes."""
    import factcheck.audit as audit_mod
    from factcheck import inputs

    monkeypatch.setattr(audit_mod, "read_file", lambda p: inputs.read_file(p, limit=100))
    out = tmp_path / "capped.jsonl"
    run_audit([str(archive)], out, client=client, progress=False)
    recs = read_jsonl(out)
    assert len(recs) == 7
    for r in recs:
        size = Path(r["path"]).stat().st_size
        assert r["size"] == size
        if size > 100:
            assert r["error"] == "too large to be an article (more than 100 bytes)" and r["sha256"] is None
        else:
            assert r["sha256"] and not (r["error"] or "").startswith("too large")
    assert any(r["error"] is None and r["findings"] is not None for r in recs)


def test_summary_shows_paths_and_messages_escaped():
    """Archive paths and messages are the archive's words: escaped like check's report and
    never read as Rich markup (a file named '[/x].txt' ended the audit in a traceback)."""
    import io

    from rich.console import Console

    from factcheck.audit import Summary

    s = Summary()
    s.add({"path": "a/[/x]\x1b[31m.txt", "elapsed": 0.5, "error": None,
           "findings": [{"rule": "en.repetition.repeated-word", "category": "repetition"}]})
    s.add({"path": "a/[bold]b.txt", "elapsed": 0.1, "error": "not UTF-8: [/y]\nsecond line"})
    out = io.StringIO()
    s.render(Console(file=out, width=200))
    text = out.getvalue()
    assert "a/[/x]\\x1b[31m.txt" in text and "a/[bold]b.txt" in text and "not UTF-8: [/y]\\nsecond line" in text
    assert "\x1b" not in text


def test_unreadable_paths_get_records_with_their_error(tmp_path, archive, client):
    arch = tmp_path / "arch"
    arch.mkdir()
    (arch / "a.md").write_text("He said the the plan.\n", encoding="utf-8")
    os.mkfifo(arch / "pipe.txt")
    os.symlink(tmp_path / "nowhere", arch / "dangling.md")
    out = tmp_path / "r.jsonl"
    summary = run_audit([str(arch), str(tmp_path / "missing.md")], out, client=client, progress=False)
    recs = {Path(r["path"]).name: r for r in read_jsonl(out)}
    assert recs["pipe.txt"]["error"].startswith("not a regular file")
    assert recs["dangling.md"]["error"] == "cannot read: broken symbolic link"
    assert recs["missing.md"]["error"] == "no such file or directory"
    assert recs["a.md"]["findings"] and recs["a.md"]["error"] is None
    assert summary.n_errors == 3 and summary.files == 4
    # a resumed run does not record them twice
    run_audit([str(arch), str(tmp_path / "missing.md")], out, client=client, resume=True, progress=False)
    assert len(read_jsonl(out)) == 4


def test_output_never_overwrites_an_article(tmp_path, client):
    arch = tmp_path / "arch"
    arch.mkdir()
    art = arch / "b.txt"
    art.write_text("He said the the plan.\n", encoding="utf-8")
    (arch / "c.md").write_text("Another article.\n", encoding="utf-8")
    # OUT named as one of the files to check, or an existing file that holds no records
    with pytest.raises(AuditError, match="refusing to write over it"):
        run_audit([str(art)], art, client=client, progress=False)
    with pytest.raises(AuditError, match="not a file of audit records"):
        run_audit([str(arch / "c.md")], art, client=client, progress=False)
    assert art.read_text(encoding="utf-8") == "He said the the plan.\n"
    # OUT inside the archive that is walked (with an article's suffix): this audit's own records,
    # never checked as an article, on the first run (empty) and on the second (records)
    (arch / "old.txt").write_text("", encoding="utf-8")
    for _ in range(2):
        run_audit([str(arch)], arch / "old.txt", client=client, progress=False)
    recs = read_jsonl(arch / "old.txt")
    assert sorted(Path(r["path"]).name for r in recs) == ["b.txt", "c.md"]


def test_output_in_a_missing_folder_is_a_one_line_error(tmp_path, archive):
    for name in ("nodir/r.jsonl", "nodir/sub/r.parquet"):
        with pytest.raises(AuditError, match="does not exist"):
            run_audit([str(archive)], tmp_path / name, progress=False)
    assert not (tmp_path / "nodir").exists()
    r = CliRunner().invoke(main, ["audit", str(archive), "-o", str(tmp_path / "nodir" / "r.jsonl"), "--no-progress"])
    assert r.exit_code == 2 and "Traceback" not in r.output


def test_local_workers_leave_ctrl_c_to_the_audit():
    """A terminal's Ctrl+C reaches the whole process group: the local cluster's workers
    ignore it (they printed tracebacks), and the audit stops them and keeps its records."""
    import signal

    from factcheck.audit import connect

    client, cluster = connect("local", 1)
    try:
        got = client.run(lambda: signal.getsignal(signal.SIGINT) == signal.SIG_IGN)
        assert got and all(got.values())
        assert signal.getsignal(signal.SIGINT) is not signal.SIG_IGN  # this process still takes it
    finally:
        client.close()
        cluster.close()
