"""Writing a file the user owns without changing anything but its bytes.

`write_through(path, data)` is what --fix (and any other command that edits an
article or writes a report, a baseline or a cache file) uses; it is the project's one
atomic write:

* a symbolic link is followed: the file it points to is written, the link stays a link;
* a file with one link is replaced atomically (a temporary file in the same folder,
  flushed to disk, given the file's mode, owner and extended attributes (POSIX ACLs live
  there), then renamed over it), so a reader sees the old bytes or the new ones, never a
  mix; an attribute the new file cannot get makes it a rewrite in place, as below;
* a file with several hard links, or whose owner cannot be given to a new file, is
  rewritten in place instead, so the links stay one file and the owner stays (not
  atomic: if the rewrite fails, the old bytes are put back);
* a file the user may not write (mode, read-only folder) is an error, not replaced; a file
  with no write bit is read-only for root too;
* a new file (a report) gets the mode the umask gives, like any file the user creates;
* the data reach the disk before the rename (fsync of the file and its folder), unless
  `durable=False` (a cache file that can be rebuilt: still atomic, not flushed).

Errors are raised as WriteError with a one-line message.
"""

from __future__ import annotations

import os
import stat
import tempfile
from pathlib import Path


class WriteError(Exception):
    """A file could not be written; the message is one line and names no path."""


def _msg(e: OSError) -> str:
    return e.strerror or str(e).split("\n")[0]


def resolve_target(path) -> Path:
    """The file that writing to `path` should change: `path` with every symbolic link
    followed (a dangling link names the file it would create)."""
    return Path(os.path.realpath(path))


def _umask_mode() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return 0o666 & ~mask


def write_through(path, data: bytes, *, durable: bool = True) -> None:
    target = resolve_target(path)
    try:
        st = os.stat(target)
    except FileNotFoundError:
        st = None
    except OSError as e:
        raise WriteError(f"cannot write: {_msg(e)}") from None
    if st is not None and not stat.S_ISREG(st.st_mode):
        raise WriteError("cannot write: not a regular file")
    # no write bit at all is read-only for everyone, root too (os.access says yes to root)
    if st is not None and (not os.access(target, os.W_OK) or not st.st_mode & 0o222):
        raise WriteError("cannot write: the file is read-only")
    if st is not None and (st.st_nlink > 1 or not _can_own(st)):
        _rewrite_in_place(target, data, durable)
        return
    try:
        _replace_atomically(target, data, st, durable)
    except _KeepsAttributes:
        _rewrite_in_place(target, data, durable)  # an attribute a new file could not get: keep the inode


class _KeepsAttributes(Exception):
    """The file's extended attributes (ACLs, labels) could not all be given to the new file."""


def _copy_xattrs(src: Path, dst: str) -> None:
    """The extended attributes of src (POSIX ACLs live there) on dst; _KeepsAttributes when one
    cannot be read or set."""
    if not hasattr(os, "listxattr"):
        return
    try:
        names = os.listxattr(src)
    except OSError:
        return  # no extended attributes on this file system
    for name in names:
        try:
            os.setxattr(dst, name, os.getxattr(src, name))
        except OSError:
            raise _KeepsAttributes(name) from None


def _can_own(st) -> bool:
    """Whether a new file of ours can be given this file's owner and group."""
    if not hasattr(os, "geteuid"):
        return True
    if os.geteuid() == 0:
        return True
    return st.st_uid == os.geteuid() and (st.st_gid == os.getegid() or st.st_gid in os.getgroups())


def _replace_atomically(target: Path, data: bytes, st, durable: bool = True) -> None:
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".factcheck", dir=str(target.parent))
    except OSError as e:
        raise WriteError(f"cannot write: {_msg(e)}") from None
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
            if durable:
                f.flush()
                os.fsync(f.fileno())
        if st is not None:
            if hasattr(os, "chown") and (st.st_uid, st.st_gid) != _owner(tmp):
                os.chown(tmp, st.st_uid, st.st_gid)
            os.chmod(tmp, stat.S_IMODE(st.st_mode))
            _copy_xattrs(target, tmp)
        else:
            os.chmod(tmp, _umask_mode())
        os.replace(tmp, target)
    except BaseException as e:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        if isinstance(e, OSError):
            raise WriteError(f"cannot write: {_msg(e)}") from None
        raise
    if durable:
        _fsync_dir(target.parent)


def _owner(p) -> tuple[int, int]:
    st = os.stat(p)
    return st.st_uid, st.st_gid


def _fsync_dir(d: Path) -> None:
    try:
        fd = os.open(d, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def _rewrite_in_place(target: Path, data: bytes, durable: bool = True) -> None:
    try:
        with open(target, "r+b") as f:
            old = f.read()
            try:
                f.seek(0)
                f.write(data)
                f.truncate()
                f.flush()
                if durable:
                    os.fsync(f.fileno())
            except OSError:
                f.seek(0)
                f.write(old)
                f.truncate()
                f.flush()
                raise
    except OSError as e:
        raise WriteError(f"cannot write: {_msg(e)}") from None
