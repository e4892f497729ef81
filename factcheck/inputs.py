"""Reading inputs the way the README promises: every input read with a cap while it is
read, never waiting on a FIFO or reading a device, names shown on one line.

    items, errors = collect_inputs(["articles/", "-"])
    data = read_file(path)            # bytes, or InputError with a one-line message
    data = read_stream(sys.stdin.buffer)

Nothing here imports more than the standard library, so any command (check, a server,
an LSP) can use it without slowing its start.
"""

from __future__ import annotations

import errno
import os
import re
import stat
from pathlib import Path
from factcheck.lazyrx import bind as _bind_lazy, re_

ARTICLE_SUFFIXES = (".txt", ".md", ".markdown", ".html", ".htm")
MAX_BYTES = 64 * 1024 * 1024  # an input longer than this is refused, whatever it is
_CHUNK = 1 << 20


class InputError(Exception):
    """A file that cannot be checked; the message is one line and names no path."""

    def __init__(self, message: str):
        super().__init__(one_line(message))


# ---------------------------------------------------------------- one line

# C0 and C1 controls and DEL (tab and newline too: a message is one line), lone surrogates
# (an undecodable byte of a file name), the line and paragraph separators, and the bidi
# embeddings, overrides and isolates (U+202A-U+202E, U+2066-U+2069), which would reorder
# what follows them on the terminal ("Trojan source"); the marks LRM, RLM, ALM stay
_UNSAFE = re_("[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069\ud800-\udfff]")


def _escape(m: re.Match) -> str:
    ch = m.group()
    o = ord(ch)
    if 0xDC80 <= o <= 0xDCFF:  # a byte that was not UTF-8, as os.fsdecode keeps it
        return f"\\x{o - 0xDC00:02x}"
    if ch == "\n":
        return "\\n"
    if ch == "\t":
        return "\\t"
    if ch == "\r":
        return "\\r"
    return f"\\x{o:02x}" if o < 0x100 else f"\\u{o:04x}"


def one_line(s: str) -> str:
    """`s` with every control character, line break and undecodable byte written as an
    escape (\\n, \\x1b, \\xff): safe to print on a terminal, always one line, valid UTF-8."""
    return _UNSAFE.sub(_escape, s) if _UNSAFE.search(s) else s


def display_path(p) -> str:
    """How a path is shown in messages and reports: as given, escaped by one_line."""
    return one_line(os.fsdecode(p) if not isinstance(p, str) else p)


# ---------------------------------------------------------------- reading

def _kind(mode: int) -> str:
    if stat.S_ISFIFO(mode):
        return "a FIFO"
    if stat.S_ISSOCK(mode):
        return "a socket"
    if stat.S_ISCHR(mode):
        return "a character device"
    if stat.S_ISBLK(mode):
        return "a block device"
    if stat.S_ISDIR(mode):
        return "a directory"
    return "not a regular file"


def _too_large(limit: int) -> InputError:
    return InputError(f"too large to be an article (more than {limit} bytes)")


def read_stream(stream, limit: int = MAX_BYTES) -> bytes:
    """All of a binary stream, or InputError once it passes `limit` bytes (read no further)."""
    buf = bytearray()
    while True:
        try:
            chunk = stream.read(min(_CHUNK, limit + 1 - len(buf)))
        except OSError as e:
            raise InputError(f"cannot read: {e.strerror or e}") from None
        if not chunk:
            return bytes(buf)
        buf += chunk
        if len(buf) > limit:
            raise _too_large(limit)


def read_file(path, limit: int = MAX_BYTES) -> bytes:
    """The bytes of a regular file, read with a cap.  A FIFO, socket or device is refused
    without being read or waited on (it is opened non-blocking and checked on the open
    descriptor, so nothing can be swapped in between)."""
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0))
    except FileNotFoundError:
        raise InputError("no such file") from None
    except IsADirectoryError:
        raise InputError("is a directory") from None
    except OSError as e:
        if e.errno == errno.ENXIO:  # a socket, or a FIFO opened for writing only
            raise InputError("not a regular file") from None
        raise InputError(f"cannot read: {e.strerror or e}") from None
    try:
        st = os.fstat(fd)
        if not stat.S_ISREG(st.st_mode):
            if stat.S_ISDIR(st.st_mode):
                raise InputError("is a directory")
            raise InputError(f"not a regular file ({_kind(st.st_mode)}); pipe it to standard input as '-'")
        if hasattr(os, "set_blocking"):
            os.set_blocking(fd, True)
        with os.fdopen(fd, "rb", buffering=0, closefd=False) as f:
            return read_stream(f, limit)
    finally:
        os.close(fd)


def file_identity(path) -> tuple | None:
    """(device, inode, size, mtime) of the file `path` names, to tell whether it changed."""
    try:
        st = os.stat(path)
    except OSError:
        return None
    return st.st_dev, st.st_ino, st.st_size, st.st_mtime_ns


# ---------------------------------------------------------------- collecting

def _hidden(name: str) -> bool:
    return name.startswith(".")


def without_output(items, paths, output):
    """(items without the file `output` names, whether writing it would write over an
    article): a report, a baseline or audit records are never checked as an article. An
    output that is one of the articles, named on the command line or found in a folder
    that is walked, is a mistake (the caller stops: writing would lose the article); an
    earlier output of factcheck's in a walked folder is not among the items at all (the
    walk leaves out what `own_output` recognises)."""
    target = Path(os.path.realpath(output))
    try:  # the file itself, under any name: a link, a hard link to an article
        st = os.stat(target)
        ident = (st.st_dev, st.st_ino)
    except OSError:
        ident = None  # no such file yet: no article can be it

    def same(p) -> bool:
        # one stat a file (a resolved path costs a stat a component: 600 files, 25 ms)
        if ident is None:
            return False
        if not ident[1]:  # a file system without inode numbers: compare resolved paths
            return Path(os.path.realpath(p)) == target
        try:
            st = os.stat(p)
        except OSError:
            return False
        return (st.st_dev, st.st_ino) == ident

    named = any(same(p) for p in paths if p != "-" and not os.path.isdir(p))
    kept = [it for it in items if it[0] is None or not same(it[0])]
    # an empty file holds nothing to lose (an output created ahead of the run)
    walked = len(kept) != len(items) and target.is_file() and target.stat().st_size > 0
    return kept, named or walked


_GENERATOR = b'<meta name="generator" content="factcheck'
_TEXT_SUMMARY = re_(rb"\d+ finding\(s\) in \d+ file\(s\)")


def _audit_record(p) -> bool:
    """The first line of the file is an audit record (factcheck.audit: a JSON object with
    `sha256` and `elapsed`); a record may be long, so the line is read whole (up to 4 MB)."""
    import json

    try:
        with open(p, "rb") as f:
            rec = json.loads(f.readline(4 << 20))
    except (OSError, ValueError):
        return False
    return isinstance(rec, dict) and "sha256" in rec and "elapsed" in rec


def own_output(p) -> bool:
    """A file factcheck wrote, found in a folder that is walked: a report of an earlier run
    kept next to the copy (`-o articles/report.txt`), not an article.  Its first 2 KB and
    last 512 bytes must look like one (an HTML page's generator tag, JUnit's testsuites of
    factcheck, the JSON report's schema, SARIF's driver, GitHub's annotations, audit
    records, the text report's closing summary line), and then the whole file must be one
    (`_is_report`): a line of a report pasted into an article does not keep the article
    out of the check (QA pass of session 32, D2).  The walk lists what it leaves out."""
    try:
        with open(p, "rb") as f:
            head = f.read(2048)
            tail = b""
            if len(head) == 2048:
                f.seek(0, os.SEEK_END)
                size = f.tell()
                f.seek(max(2048, size - 512))
                tail = f.read()
    except OSError:
        return False  # reading it later says what is wrong
    kind = None
    start = head.lstrip()
    if _GENERATOR in head:
        kind = "html"
    elif b'<testsuites name="factcheck"' in head:
        kind = "junit"
    elif start.startswith(b"{") and (b'"schema": "factcheck.report/' in head or b'"name": "factcheck"' in head):
        kind = "json"
    elif start.startswith(b'{"path":'):
        kind = "audit"
    elif start.startswith((b"::error file=", b"::warning file=", b"::notice file=")):
        kind = "github"
    elif _TEXT_SUMMARY.match((head + tail).rstrip().rsplit(b"\n", 1)[-1]):
        kind = "text"
    return kind is not None and _is_report(p, kind)


_GITHUB_LINE = re_(r"::(?:error|warning|notice) file=[^\n]*?::[^\n]*")
_TEXT_LINE = re_(
    r"\S.*  \((?:ar|en|[a-z]{2,3}|\?|None), published .*\)"  # a file's heading
    r"|  \d+:\d+  (?:error|warning|info) +\S.*"  # a finding
    r"|      .*"  # its excerpt and fix
    r"|  skipped \d+ rule\(s\).*"
    r"|\S.*: error: .*"  # an input error
    r"|\d+ finding\(s\) in \d+ file\(s\).*"  # the summary
    r"|fixed \d+ finding\(s\) in \d+ file\(s\)|nothing was fixed")
_HTML_COMMENT = re_(r"<!--.*?(?:-->|\Z)", re.S)


def _is_report(p, kind: str) -> bool:
    """The whole file is a report of `kind` as factcheck writes it (read up to the input cap)."""
    import json

    try:
        data = read_file(p)
        text = data.decode("utf-8")
    except (OSError, ValueError, InputError):
        return False
    lines = [ln for ln in text.splitlines() if ln.strip()]
    if kind == "json":
        try:
            doc = json.loads(text)
        except ValueError:
            return False
        if not isinstance(doc, dict):
            return False
        if str(doc.get("schema", "")).startswith("factcheck.report/"):
            return isinstance(doc.get("files"), list) and isinstance(doc.get("summary"), dict)
        runs = doc.get("runs")  # SARIF
        try:
            return runs[0]["tool"]["driver"]["name"] == "factcheck"
        except (TypeError, KeyError, IndexError):
            return False
    if kind == "audit":
        try:
            recs = [json.loads(ln) for ln in lines]
        except ValueError:
            return False
        return bool(recs) and all(isinstance(r, dict) and "sha256" in r and "elapsed" in r for r in recs)
    if kind == "github":
        return all(_GITHUB_LINE.fullmatch(ln) for ln in lines)
    if kind == "text":
        return all(_TEXT_LINE.fullmatch(ln) for ln in lines)
    if kind == "junit":
        if "<!DOCTYPE" in text or "<!ENTITY" in text:
            return False
        import xml.etree.ElementTree as ET

        try:
            root = ET.fromstring(data)
        except ET.ParseError:
            return False
        return root.tag == "testsuites" and root.get("name") == "factcheck"
    if kind == "html":  # the generator tag in the head (not in a comment), and the page whole
        head = _HTML_COMMENT.sub("", text[:text.find("<body") if "<body" in text else len(text)])
        return _GENERATOR.decode() in head and text.rstrip().endswith("</html>") and 'class="fc-' in text
    return False


def _walk(root: Path, errors: list, skipped: list | None = None) -> list[Path]:
    """Article files under `root` (hidden folders and files skipped, links to folders not
    followed); a folder that cannot be listed, an article name that is not a regular
    file and a link to a file outside `root` are errors, not silence.  A walked folder is
    often a checkout of someone else's pull request: a link in it to `/etc/passwd` or to
    `../secrets.txt` would be read, its lines shown in the CI log and `--fix` would write
    there (QA pass of session 32, D6); such a file is checked only when it is named."""
    found: list[Path] = []
    stack = [root]
    top = os.path.realpath(root)
    while stack:
        d = stack.pop()
        try:
            with os.scandir(d) as it:
                entries = list(it)
        except OSError as e:
            errors.append((display_path(str(d)), f"cannot read directory: {e.strerror or e}"))
            continue
        for entry in entries:
            if _hidden(entry.name):
                continue
            p = d / entry.name
            try:
                if entry.is_dir(follow_symlinks=False):
                    stack.append(p)
                    continue
            except OSError:
                pass
            if not entry.name.lower().endswith(ARTICLE_SUFFIXES):
                continue
            try:
                st = os.stat(p)
            except OSError as e:
                what = "broken symbolic link" if entry.is_symlink() else (e.strerror or str(e))
                errors.append((display_path(str(p)), f"cannot read: {what}"))
                continue
            if entry.is_symlink():
                real = os.path.realpath(p)
                if os.path.commonpath([top, real]) != top:
                    errors.append((display_path(str(p)), "a symbolic link to a file outside the folder "
                                                         "checked; not followed (name the file to check it)"))
                    continue
            if stat.S_ISREG(st.st_mode):
                if not own_output(p):
                    found.append(p)
                elif skipped is not None:
                    skipped.append(display_path(str(p)))
            elif not stat.S_ISDIR(st.st_mode):
                errors.append((display_path(str(p)), f"not a regular file ({_kind(st.st_mode)})"))
    return sorted(found)


def skipped_note(skipped) -> str:
    """The one line that names the files a walk left out as reports of factcheck's."""
    skipped = sorted(skipped)
    more = f" and {len(skipped) - 5} more" if len(skipped) > 5 else ""
    return (f"factcheck: note: {len(skipped)} file(s) left out, reports of factcheck's, not articles: "
            f"{', '.join(skipped[:5])}{more}")


def collect_inputs(paths, skipped: list | None = None):
    """(path-or-None-for-stdin, display) pairs, and (display, message) errors, in the
    order given (a directory's files sorted).  Nothing is opened here but folders (and,
    in them, what looks like a report of factcheck's: `own_output`, whose paths go to
    `skipped`)."""
    items, errors = [], []
    for p in paths:
        if p == "-":
            items.append((None, "-"))
            continue
        path = Path(p)
        shown = display_path(p)
        try:
            st = os.stat(path)
        except FileNotFoundError:
            errors.append((shown, "no such file or directory"))
            continue
        except OSError as e:
            errors.append((shown, f"cannot read: {e.strerror or e}"))
            continue
        if stat.S_ISDIR(st.st_mode):
            more: list = []
            found = _walk(path, more, skipped)
            if not found and not more:
                errors.append((shown, f"no articles found in directory (looked for {' '.join(ARTICLE_SUFFIXES)})"))
            items.extend((q, display_path(str(q))) for q in found)
            errors.extend(more)
        else:
            items.append((path, shown))  # a FIFO or device is refused when it is read
    return items, errors


_bind_lazy(globals())  # the module's expressions compile when first used (factcheck.lazyrx)
