"""Shared by the hostile-input suite: run the CLI with time and memory bounds and check
the README's promises (exit code, one line per bad input, the rest checked, inputs
untouched)."""

from __future__ import annotations

import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
LAUNCH = HERE / "launch.py"

# Each case must finish within 10 s and 1 GB on a quiet machine.  The machine CI shares
# is loaded (2 cores, several jobs), so the time limit allows a slow-down of 6x; the bugs
# these tests guard against took 20-300 s, and the inputs are sized so that a return of
# quadratic work or of an expansion takes far longer than the limit (or far more memory).
TIME_LIMIT = float(os.environ.get("FACTCHECK_HOSTILE_TIME", "60"))
MEM_LIMIT = int(os.environ.get("FACTCHECK_HOSTILE_MEM", str(1 << 30)))  # address space, bytes
IS_ROOT = hasattr(os, "geteuid") and os.geteuid() == 0

EN_BAD = "The minister said the the deal was final.\n"
AR_BAD = "وقال الوزير إن الاتفاق نهائي. . وأضاف أن التنفيذ يبدأ غدا.\n"


@dataclass
class Result:
    returncode: int
    stdout: str
    stderr: str
    elapsed: float
    peak_kib: int

    @property
    def lines(self) -> list[str]:
        """Non-empty lines of standard error."""
        return [ln for ln in self.stderr.splitlines() if ln.strip()]

    def json(self):
        return json.loads(self.stdout)


def _limits():
    resource.setrlimit(resource.RLIMIT_AS, (MEM_LIMIT, MEM_LIMIT))


def run(*args, input=None, cwd=None, env=None, unreadable=(), readonly=(), time_limit=None,
        text=True) -> Result:
    """`factcheck ARGS` in a child process bounded by MEM_LIMIT (setrlimit) and the time
    limit; fails the test on a timeout, a traceback or a memory error."""
    limit = time_limit or TIME_LIMIT
    with tempfile.NamedTemporaryFile(prefix="peak", delete=False) as f:
        peak_path = f.name
    e = dict(os.environ, HOSTILE_PEAK=peak_path)
    if unreadable:
        e["HOSTILE_UNREADABLE"] = os.pathsep.join(map(str, unreadable))
    if readonly:
        e["HOSTILE_READONLY"] = os.pathsep.join(map(str, readonly))
    e.update(env or {})
    t = time.perf_counter()
    try:
        p = subprocess.run([sys.executable, str(LAUNCH), *map(os.fsdecode, args)], input=input, cwd=cwd, env=e,
                           capture_output=True, timeout=limit, preexec_fn=_limits)
    except subprocess.TimeoutExpired:
        raise AssertionError(f"factcheck {' '.join(map(os.fsdecode, args))[:200]} ran longer than {limit:.0f} s") from None
    elapsed = time.perf_counter() - t
    try:
        peak = int(Path(peak_path).read_text() or 0)
    except (OSError, ValueError):
        peak = 0
    finally:
        os.unlink(peak_path)
    out = p.stdout.decode("utf-8") if text else p.stdout
    err = p.stderr.decode("utf-8", "replace")
    assert "Traceback" not in err, err[-3000:]
    assert "MemoryError" not in err and "MemoryError" not in (out if text else ""), err[-2000:]
    assert "internal error" not in err, err[-2000:]
    return Result(p.returncode, out, err, elapsed, peak)


def write(p: Path, content) -> Path:
    p.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(content, bytes):
        p.write_bytes(content)
    else:
        p.write_bytes(content.encode("utf-8"))
    return p


def snapshot(*paths) -> dict:
    """Bytes, mode and inode of files, to show that nothing was touched."""
    out = {}
    for p in paths:
        st = os.lstat(p)
        out[str(p)] = (Path(p).read_bytes() if Path(p).is_file() else None, st.st_mode, st.st_ino, st.st_mtime_ns)
    return out


def assert_one_line_errors(res: Result, bad: dict[str, str]) -> None:
    """Standard error has exactly one line per bad input, naming it and saying why."""
    lines = res.lines
    assert len(lines) == len(bad), res.stderr
    for shown, needle in bad.items():
        hits = [ln for ln in lines if f"factcheck: {shown}:" in ln]
        assert len(hits) == 1, (shown, res.stderr)
        assert needle in hits[0], (needle, hits[0])
