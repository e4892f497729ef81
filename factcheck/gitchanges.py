"""--changed-since REF: the files git says were added, modified or renamed since
REF (committed, staged or not yet staged), and new files git does not ignore."""

from __future__ import annotations

import subprocess
from pathlib import Path


class GitError(Exception):
    """A usage error: not in a git work tree, no git, or an unknown revision."""


def _git(args: list[str], cwd: Path) -> subprocess.CompletedProcess:
    try:
        return subprocess.run(["git", *args], cwd=str(cwd), capture_output=True, timeout=120)
    except FileNotFoundError:
        raise GitError("--changed-since needs git, which was not found") from None
    except subprocess.TimeoutExpired:
        raise GitError("--changed-since: git did not answer within 120 s") from None


def changed_files(ref: str, cwd: Path | None = None) -> set[Path]:
    """Absolute, resolved paths of the files changed since REF in the work tree
    that contains `cwd` (default: the current directory)."""
    cwd = Path.cwd() if cwd is None else cwd
    p = _git(["rev-parse", "--is-inside-work-tree"], cwd)
    if p.returncode != 0 or p.stdout.strip() != b"true":
        raise GitError("--changed-since: not inside a git work tree")
    # the revision is resolved first, so that nothing in REF can be read as an option
    p = _git(["rev-parse", "--verify", "--quiet", "--end-of-options", f"{ref}^{{commit}}"], cwd)
    if p.returncode != 0:
        raise GitError(f"--changed-since: {ref!r} is not a commit git knows here")
    commit = p.stdout.decode().strip()
    top = Path(_git(["rev-parse", "--show-toplevel"], cwd).stdout.decode().strip())
    out: set[Path] = set()
    # without rename detection a renamed file is a deletion and an addition: its new name is listed
    p = _git(["-c", "core.quotepath=off", "diff", "--name-only", "-z", "--no-renames", "--diff-filter=AM",
              commit, "--"], cwd)
    if p.returncode != 0:
        raise GitError(f"--changed-since: git diff failed: {p.stderr.decode(errors='replace').strip()}")
    names = p.stdout.split(b"\0")
    p = _git(["ls-files", "--others", "--exclude-standard", "-z", "--full-name"], top)
    names += p.stdout.split(b"\0")
    for n in names:
        if n:
            out.add((top / n.decode("utf-8", errors="surrogateescape")).resolve())
    return out


def only_changed(items, changed: set[Path]):
    """The (path, display) items whose file is in `changed`; standard input is kept."""
    kept = []
    for path, display in items:
        if path is None:
            kept.append((path, display))
            continue
        try:
            if Path(path).resolve() in changed:
                kept.append((path, display))
        except OSError:
            continue
    return kept
