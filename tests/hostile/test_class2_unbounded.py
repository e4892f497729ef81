"""Class 2: unbounded work.  Alias bombs, FIFOs, devices, endless standard input, one
huge token and malformed markup each cost minutes and gigabytes.  Each now ends with a
one-line error or a correct report within the time limit, under a 1 GB address-space
limit (hostile.MEM_LIMIT, set with setrlimit in the child)."""

import os
import subprocess
import sys
import threading
import time

import pytest

from hostile import AR_BAD, EN_BAD, LAUNCH, MEM_LIMIT, TIME_LIMIT, _limits, assert_one_line_errors, run, snapshot, write


def alias_bomb(levels: int) -> str:
    """`levels` levels of nine aliases each: 9**levels values from a few hundred bytes."""
    lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x]"]
    for i in range(1, levels + 1):
        lines.append(f"a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * 9) + "]")
    return "\n".join(lines) + "\n"


@pytest.mark.parametrize("levels", [7, 9])
def test_class2_alias_bomb_in_front_matter(tmp_path, levels):
    bad = write(tmp_path / "bomb.md", "---\n" + alias_bomb(levels) + f"title: *a{levels}\n---\nThe the body.\n")
    ok = write(tmp_path / "ok.txt", EN_BAD)
    res = run("check", bad, ok)
    assert res.returncode == 2
    assert_one_line_errors(res, {str(bad): "alias bomb"})
    assert "1 finding(s) in 2 file(s)" in res.stdout


def test_class2_alias_bomb_in_config_and_rules(tmp_path):
    write(tmp_path / ".factcheck.yaml", alias_bomb(9) + "ignore: *a9\n")
    res = run("check", write(tmp_path / "a.txt", EN_BAD), cwd=tmp_path)
    assert res.returncode == 2
    (line,) = res.lines
    assert ".factcheck.yaml:" in line and "alias bomb" in line
    house = tmp_path / "h"
    write(house / ".factcheck.yaml", "rules_dirs: [rules]\n")
    write(house / "rules" / "en" / "spelling" / "bomb.yaml", alias_bomb(9) + "kind: pattern\n")
    res = run("check", "--format", "json", write(house / "a.txt", EN_BAD))
    assert res.returncode == 2
    assert any("alias bomb" in e["message"] for e in res.json()["errors"])


def test_class2_shared_aliases_within_the_budget_still_work(tmp_path):
    write(tmp_path / ".factcheck.yaml", "ignore: &common ['*.typography.*']\n"
                                        "overrides:\n  - paths: ['a/*']\n    ignore: *common\n")
    res = run("check", "--format", "json", write(tmp_path / "a" / "x.txt", EN_BAD))
    assert res.returncode == 1 and res.json()["errors"] == []


def test_class2_fifo_and_devices_are_refused_without_waiting(tmp_path):
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    ok = write(tmp_path / "ok.txt", EN_BAD)
    res = run("check", fifo, "/dev/zero", "/dev/null", ok)
    assert res.returncode == 2
    assert_one_line_errors(res, {str(fifo): "not a regular file (a FIFO)",
                                 "/dev/zero": "not a regular file (a character device)",
                                 "/dev/null": "not a regular file (a character device)"})
    assert "1 finding(s) in 4 file(s)" in res.stdout
    assert res.elapsed < TIME_LIMIT


def test_class2_fifo_inside_a_folder(tmp_path):
    os.mkfifo(tmp_path / "waiting.md")
    write(tmp_path / "a.txt", EN_BAD)
    res = run("check", tmp_path)
    assert res.returncode == 2
    assert_one_line_errors(res, {str(tmp_path / "waiting.md"): "not a regular file (a FIFO)"})


def test_class2_config_that_is_a_fifo(tmp_path):
    fifo = tmp_path / "cfg.yaml"
    os.mkfifo(fifo)
    res = run("check", "--config", fifo, write(tmp_path / "a.txt", EN_BAD))
    assert res.returncode == 2 and len(res.lines) == 1 and "not a regular file" in res.lines[0]


def test_class2_endless_standard_input_stops_at_the_cap(tmp_path):
    """A writer that never stops: the reader stops after the cap and says so."""
    ok = write(tmp_path / "ok.txt", EN_BAD)
    out_f, err_f = open(tmp_path / "out", "w+b"), open(tmp_path / "err", "w+b")
    p = subprocess.Popen([sys.executable, str(LAUNCH), "check", "-", str(ok)], stdin=subprocess.PIPE,
                         stdout=out_f, stderr=err_f, preexec_fn=_limits)
    chunk = b"y\n" * (1 << 19)

    def feed():  # never closes the pipe: only the reader can end this
        try:
            while True:
                p.stdin.write(chunk)
        except (BrokenPipeError, OSError, ValueError):
            pass

    t0 = time.perf_counter()
    threading.Thread(target=feed, daemon=True).start()
    try:
        p.wait(timeout=TIME_LIMIT)
    except subprocess.TimeoutExpired:
        p.kill()
        raise AssertionError("endless standard input was not cut off") from None
    elapsed = time.perf_counter() - t0
    out, err = (f.seek(0) or f.read() for f in (out_f, err_f))
    lines = [ln for ln in err.decode().splitlines() if ln.strip()]
    assert p.returncode == 2, err[-2000:]
    assert lines == ["factcheck: -: too large to be an article (more than 67108864 bytes)"]
    assert str(ok).encode() in out and elapsed < TIME_LIMIT


def test_class2_device_on_standard_input(tmp_path):
    with open("/dev/zero", "rb") as zero:
        p = subprocess.run([sys.executable, str(LAUNCH), "check", "-"], stdin=zero, capture_output=True,
                           timeout=TIME_LIMIT, preexec_fn=_limits)
    assert p.returncode == 2
    assert p.stderr.decode().strip() == "factcheck: -: too large to be an article (more than 67108864 bytes)"


@pytest.mark.parametrize("lang,letters", [("ar", "ابتثجحخدسشصضطظعغفقكلمنهوي"), ("en", "abcdefghijklmnopqrstuvwxyz")])
def test_class2_one_long_token(tmp_path, lang, letters):
    import random

    rnd = random.Random(11)
    token = "".join(rnd.choice(letters) for _ in range(100_000))
    bad = AR_BAD if lang == "ar" else EN_BAD
    files = [write(tmp_path / f"long.{ext}", pre + bad + token + " " + bad + post)
             for ext, pre, post in (("txt", "", ""), ("md", "# T\n\n", ""), ("html", "<article><p>", "</p></article>"))]
    res = run("check", "--format", "json", "--lang", lang, *files)
    assert res.returncode == 1, res.stderr
    for entry in res.json()["files"]:
        assert len([x for x in entry["findings"] if x["rule"].endswith(("duplicated", "repeated-word"))]) == 2


# malformed markup: each opener repeated to about 400 KB, with a finding before and after
OPENERS = ['<a title="x', "<a title='x", "<!-- x ", "<!--", "<!x", "<?x", "</a b=\"", "</ ", "<a", "<<", "<script>",
           "<style>", "<title>", "<textarea>", "&", "&#", "&ampxx", "&#x1F4A9", "[", "![", "[a](", "`", "<http://a",
           "**", "_", "\\", "<!-- factcheck-disable ", "<!-- factcheck-ignore-next-line\n", "-->", "--!>",
           "<a " + "b " * 50, "\n```\n", "\n---\n", "> ", "# ", "1. ", "- ", "<article>", "</article>", "<main><article>"]


@pytest.mark.parametrize("ext", ["html", "md", "txt"])
def test_class2_malformed_markup_is_scanned_in_linear_time(ext):
    """Reading the article out of 200 KB of each malformed opener takes well under a
    second when the scan is linear; the quadratic scans it replaces took 27-300 s on
    140-500 KB.  (In-process: this times the reading of markup alone.)"""
    from factcheck.document import parse_document

    slow = []
    for op in OPENERS:
        text = EN_BAD + "\n" + op * (200_000 // len(op)) + "\n" + EN_BAD
        t = time.perf_counter()
        doc = parse_document("a." + ext, text)
        dt = time.perf_counter() - t
        assert doc.text.startswith("The minister said the the deal") or ext == "html"
        if dt > 10:
            slow.append((op, round(dt, 1)))
    assert not slow, slow


@pytest.mark.parametrize("ext", ["html", "md", "txt"])
def test_class2_malformed_markup_end_to_end(tmp_path, ext):
    files = []
    for i, op in enumerate(OPENERS):
        files.append(write(tmp_path / f"m{i:02d}.{ext}", EN_BAD + "\n" + op * (5_000 // len(op)) + "\n" + EN_BAD))
    before = snapshot(*files)
    res = run("check", "--format", "json", *files)
    assert res.returncode in (0, 1), res.stderr
    data = res.json()
    assert data["errors"] == [] and len(data["files"]) == len(files)
    for f, entry in zip(files, data["files"]):
        src = f.read_text(encoding="utf-8")
        for x in entry["findings"]:
            assert src[x["start"]:x["end"]] == x["text"]
        if ext != "html":  # the sentence before the markup is always read
            assert any(x["rule"] == "en.repetition.repeated-word" and x["start"] < 60 for x in entry["findings"]), f.name
    assert snapshot(*files) == before


def test_class2_unclosed_suppression_comment_over_a_long_text(tmp_path):
    body = ("The minister said the deal was final and the talks would go on.\n" * 8000)[:500_000]
    files = [write(tmp_path / "u.txt", "The the start.\n<!-- factcheck-disable\n" + body + "The the end.\n"),
             write(tmp_path / "u.md", "The the start.\n\n<!-- factcheck-disable" + " " * 200_000 + "x\n" + body),
             write(tmp_path / "u.html", "<p>The the start.</p><!-- factcheck-disable " + body)]
    res = run("check", "--format", "json", *files)
    assert res.returncode == 1
    for entry in res.json()["files"]:
        assert entry["findings"][0]["rule"] == "en.repetition.repeated-word"


def test_class2_memory_limit_is_real(tmp_path):
    """The bound the suite relies on: a child that asks for more than MEM_LIMIT fails."""
    p = subprocess.run([sys.executable, "-c", f"b = bytearray({MEM_LIMIT})"], capture_output=True,
                       preexec_fn=_limits, timeout=TIME_LIMIT)
    assert p.returncode != 0 and b"MemoryError" in p.stderr
