"""Class 6: --fix changed more than the fix: it replaced a symbolic link with a file,
split hard links, changed the owner, rewrote every line ending, and needed two runs on
long repeats.  Now only the edited characters change, in the file the link points to."""

import os
import shutil
import subprocess
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from factcheck.document import decode
from factcheck.fixes import apply_edits, apply_edits_raw
from factcheck.fsutil import write_through
from factcheck.model import Edit
from hostile import EN_BAD, IS_ROOT, run, write

FIXED = "The minister said the deal was final.\n"


def test_class6_symlink_is_written_through(tmp_path):
    target = write(tmp_path / "real" / "target.txt", EN_BAD)
    link = tmp_path / "link.txt"
    os.symlink(os.path.relpath(target, tmp_path), link)
    run("check", "--fix", link)
    assert link.is_symlink() and target.read_text(encoding="utf-8") == FIXED


def test_class6_hard_links_owner_and_mode_are_kept(tmp_path):
    a = write(tmp_path / "a.txt", EN_BAD)
    b = tmp_path / "b.txt"
    os.link(a, b)
    os.chmod(a, 0o640)
    if IS_ROOT:
        os.chown(a, 12345, 23456)
    ino = a.stat().st_ino
    run("check", "--fix", b)
    st = a.stat()
    assert a.read_text(encoding="utf-8") == FIXED and b.read_text(encoding="utf-8") == FIXED
    assert st.st_ino == ino and st.st_nlink == 2 and (st.st_mode & 0o777) == 0o640
    if IS_ROOT:
        assert (st.st_uid, st.st_gid) == (12345, 23456)
    c = write(tmp_path / "c.txt", EN_BAD)  # one link: replaced atomically, owner kept
    os.chmod(c, 0o604)
    if IS_ROOT:
        os.chown(c, 12345, 23456)
    run("check", "--fix", c)
    st = c.stat()
    assert c.read_text(encoding="utf-8") == FIXED and (st.st_mode & 0o777) == 0o604
    if IS_ROOT:
        assert (st.st_uid, st.st_gid) == (12345, 23456)
    assert not [x for x in os.listdir(tmp_path) if x.endswith(".factcheck")]


LINE_ENDING_CASES = [
    (b"Line one the the end.\r\nLine two.\nLine three the the.\r\n", b"Line one the end.\r\nLine two.\nLine three the.\r\n"),
    (b"Line one the the end.\rLine two.\r", b"Line one the end.\rLine two.\r"),
    (b"Line one the the end.\r\n\r\nTwo.\n\nThree the the.", b"Line one the end.\r\n\r\nTwo.\n\nThree the."),
]


@pytest.mark.parametrize("raw,fixed", LINE_ENDING_CASES)
def test_class6_line_endings_are_kept_line_by_line(tmp_path, raw, fixed):
    f = write(tmp_path / "a.txt", raw)
    run("check", "--fix", f)
    assert f.read_bytes() == fixed
    res = run("check", "--fix", "-", input=raw, text=False)
    assert res.stdout == fixed


def test_class6_fix_is_idempotent_on_long_repeats(tmp_path):
    f = write(tmp_path / "a.txt", "The man " + "was " * 40 + "here.\n")
    run("check", "--fix", f)
    assert f.read_text(encoding="utf-8") == "The man was here.\n"
    before = f.stat().st_mtime_ns
    res = run("check", "--fix", f)
    assert res.returncode == 0 and f.stat().st_mtime_ns == before


# ---------------------------------------------------------------- properties

line = st.text(alphabet=st.characters(blacklist_characters="\r\n", blacklist_categories=("Cs",)), max_size=12)
ending = st.sampled_from(["\n", "\r\n", "\r"])
raw_texts = st.lists(st.tuples(line, ending), max_size=8).map(lambda xs: "".join(a + b for a, b in xs)).flatmap(
    lambda s: st.sampled_from([s, s + "tail"]))


@st.composite
def raw_and_edits(draw):
    raw = draw(raw_texts)
    norm = raw.replace("\r\n", "\n").replace("\r", "\n")
    cuts = sorted(draw(st.lists(st.integers(0, len(norm)), max_size=6)))
    edits = []
    for a, b in zip(cuts[::2], cuts[1::2]):
        edits.append(Edit(a, b, draw(st.sampled_from(["", "x", "\n", "a\nb", " "]))))
    return raw, edits


@settings(max_examples=400, deadline=None)
@given(raw_and_edits())
def test_class6_property_only_the_edited_characters_change(case):
    raw, edits = case
    norm = raw.replace("\r\n", "\n").replace("\r", "\n")
    out = apply_edits_raw(raw, edits)
    # read back as the checker reads it, the result is the fix applied to the text
    assert out.replace("\r\n", "\n").replace("\r", "\n") == apply_edits(norm, edits)
    # every character outside the edits is kept as it was, line breaks included: the output
    # is the raw pieces between the edits with the replacements between them
    raw_pos, i = [], 0
    while i < len(raw):
        raw_pos.append(i)
        i += 2 if raw.startswith("\r\n", i) else 1
    raw_pos.append(len(raw))
    chosen, at = [], 0
    for e in sorted(edits, key=lambda e: (e.start, e.end)):
        if e.start >= at:
            chosen.append(e)
            at = e.end
    # (one exception: an edit that brings a CR next to an LF makes that LF a CRLF, or the
    # two line breaks would read as one)
    p, prev = 0, 0

    def take(piece):
        nonlocal p
        if piece.startswith("\n") and out[:p].endswith("\r") and out.startswith("\r", p):
            p += 1
        assert out.startswith(piece, p)
        p += len(piece)

    for e in chosen:
        take(raw[raw_pos[prev]:raw_pos[e.start]])
        forms = [e.replacement.replace("\n", nl) for nl in ("\n", "\r\n", "\r")]
        forms = [("\r" + f if f.startswith("\n") and out[:p].endswith("\r") else f) for f in forms]
        rep = next(f for f in forms if out.startswith(f, p))
        p += len(rep)
        prev = e.end
    take(raw[raw_pos[prev]:])
    assert p == len(out)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.binary(max_size=300), layout=st.sampled_from(["plain", "symlink", "hardlink", "chain"]),
       mode=st.sampled_from([0o600, 0o640, 0o644, 0o664]))
def test_class6_property_write_through(data, layout, mode):
    with tempfile.TemporaryDirectory() as d:
        d = Path(d)
        target = d / "sub" / "t.txt"
        target.parent.mkdir()
        target.write_bytes(b"old")
        os.chmod(target, mode)
        path = target
        if layout == "symlink":
            path = d / "l.txt"
            os.symlink(target, path)
        elif layout == "chain":
            os.symlink(target, d / "l1.txt")
            path = d / "l2.txt"
            os.symlink("l1.txt", path)
        elif layout == "hardlink":
            path = d / "h.txt"
            os.link(target, path)
        ino = target.stat().st_ino
        write_through(path, data)
        assert target.read_bytes() == data and path.read_bytes() == data
        assert (target.stat().st_mode & 0o777) == mode
        if layout in ("symlink", "chain"):
            assert path.is_symlink()
        if layout == "hardlink":
            assert target.stat().st_ino == ino and path.stat().st_ino == ino
        assert sorted(p.name for p in target.parent.iterdir()) == ["t.txt"]


def test_class6_decode_and_raw_agree_on_offsets():
    raw = "a\r\nb\rc\n"
    assert decode(raw.encode()) == "a\nb\nc\n"
    assert apply_edits_raw(raw, [Edit(1, 2, "")]) == "ab\rc\n"  # the CRLF goes as one
    assert apply_edits_raw(raw, [Edit(2, 2, "X\n")]) == "a\r\nX\rb\rc\n"  # a new break: the one of the line it is in


# ---------------------------------------------------------------- --diff

@pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")
@pytest.mark.parametrize("raw,fixed", LINE_ENDING_CASES)
def test_class6_diff_is_exactly_what_fix_writes(tmp_path, raw, fixed):
    """--diff shows the file's own line breaks: applied with git apply, it gives the bytes
    --fix writes, and it writes nothing itself."""
    f = write(tmp_path / "a.txt", raw)
    res = run("check", "--diff", "--no-cache", "a.txt", cwd=tmp_path, text=False)
    assert res.returncode == 1 and f.read_bytes() == raw
    assert res.stdout.startswith(b"--- a/a.txt\n+++ b/a.txt\n@@ ")
    assert "en.repetition.repeated-word" in res.stderr  # the report of the file as it is
    patch = write(tmp_path / "fix.diff", res.stdout)
    copy = write(tmp_path / "copy" / "a.txt", raw)
    applied = subprocess.run(["git", "apply", "--whitespace=nowarn", str(patch)], cwd=copy.parent,
                             capture_output=True)
    assert applied.returncode == 0, applied.stderr
    assert copy.read_bytes() == fixed
    run("check", "--fix", "--no-cache", f)
    assert f.read_bytes() == fixed
    # standard input: the same diff, named '-'
    res = run("check", "--diff", "-", input=raw, text=False)
    assert res.stdout.replace(b"a/-\n", b"a/a.txt\n").replace(b"b/-\n", b"b/a.txt\n") == patch.read_bytes()
