"""Run the factcheck CLI under resource limits: `python launch.py check ...`.

The memory bound is set by the test harness (resource.setrlimit on the address space, in
the child, before the interpreter starts); the peak resident size is written to
HOSTILE_PEAK at exit.  As root, permissions do not stop anything, so HOSTILE_UNREADABLE (folders that
cannot be listed) and HOSTILE_READONLY (folders where no file can be created) make the
same system calls fail with EACCES that a normal user would see fail.
"""

import atexit
import errno
import os
import resource
import sys

resource.setrlimit(resource.RLIMIT_CORE, (0, 0))

peak_file = os.environ.get("HOSTILE_PEAK")
if peak_file:
    def _peak():
        with open(peak_file, "w") as f:
            f.write(str(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss))  # KiB on Linux

    atexit.register(_peak)


def _dirs(name):
    return [os.path.realpath(p) for p in os.environ.get(name, "").split(os.pathsep) if p]


_unreadable = _dirs("HOSTILE_UNREADABLE")
_readonly = _dirs("HOSTILE_READONLY")


def _denied(path, dirs):
    p = os.path.realpath(os.fsdecode(path))
    return any(p == d or p.startswith(d + os.sep) for d in dirs)


if _unreadable:
    _scandir = os.scandir

    def scandir(path="."):
        if _denied(path, _unreadable):
            raise PermissionError(errno.EACCES, "Permission denied", os.fsdecode(path))
        return _scandir(path)

    os.scandir = scandir

if _readonly:
    _open = os.open

    def open_(path, flags, mode=0o777, *, dir_fd=None):
        if flags & os.O_CREAT and _denied(os.path.dirname(os.path.abspath(os.fsdecode(path))), _readonly):
            raise PermissionError(errno.EACCES, "Permission denied", os.fsdecode(path))
        return _open(path, flags, mode, dir_fd=dir_fd)

    os.open = open_

sys.argv = ["factcheck", *sys.argv[1:]]
from factcheck.cli import main  # noqa: E402

main()
