"""Baselines: record today's findings so that CI reports only new ones.

A finding is matched by its rule, its file (relative to the baseline file's
folder), its text, and a short normalised context: up to CONTEXT characters on
each side within the same line, with whitespace runs folded to one space and
Unicode NFC applied.  Offsets play no part, so an edit elsewhere in the article,
above the finding or in another paragraph, does not bring it back; an edit
right next to it does (it is then, in a sense, a new finding).

Entries are counted: a baseline that holds one «. .» with a given context lets
one such finding through, not two.  A baseline entry of a checked file that
matches nothing any more is reported as an info finding
(`factcheck.unused-baseline`) so that the baseline can be re-created smaller."""

from __future__ import annotations

import json
import os
import re
import unicodedata
from collections import Counter
from pathlib import Path

SCHEMA = "factcheck.baseline/1"
CONTEXT = 20
UNUSED = "factcheck.unused-baseline"
_WS = re.compile(r"\s+")


class BaselineError(Exception):
    pass


def _norm(s: str) -> str:
    return _WS.sub(" ", unicodedata.normalize("NFC", s)).strip()


def context(source: str, start: int, end: int, width: int = CONTEXT) -> str:
    """The finding's surroundings on its own line, normalised: 'before⟦⟧after'."""
    ls = source.rfind("\n", 0, start) + 1
    le = source.find("\n", end)
    le = len(source) if le < 0 else le
    before = source[max(ls, start - width):start]
    after = source[end:min(le, end + width)]
    return f"{_norm(before)}⟦⟧{_norm(after)}"


def file_key(display: str, base: Path) -> str:
    """A file's name in the baseline: relative to the baseline's folder, with /."""
    if display == "-":
        return "-"
    p = Path(display).resolve()
    try:
        return p.relative_to(base).as_posix()
    except ValueError:
        return Path(os.path.relpath(p, base)).as_posix()


def finding_key(rel: str, f, source: str) -> tuple:
    return (f.rule, rel, _norm(f.text), context(source, f.start, f.end))


def create(reports, baseline_path: Path) -> dict:
    """The baseline document for these reports (the meta findings are not recorded)."""
    from factcheck import __version__

    base = baseline_path.resolve().parent
    counts: Counter = Counter()
    for rep in reports:
        rel = file_key(rep.path, base)
        for f in rep.findings:
            if f.rule.startswith("factcheck."):
                continue
            counts[finding_key(rel, f, rep.source)] += 1
    entries = [{"rule": r, "file": p, "text": t, "context": c, "count": n}
               for (r, p, t, c), n in sorted(counts.items())]
    return {"schema": SCHEMA, "tool": {"name": "factcheck", "version": __version__},
            "findings": sum(counts.values()), "entries": entries}


def write(path: Path, data: dict) -> None:
    """Write atomically, through a link, keeping the file's owner and mode (see
    factcheck.fsutil); raises WriteError with a one-line message."""
    from factcheck.fsutil import write_through

    write_through(path, (json.dumps(data, ensure_ascii=False, indent=1) + "\n").encode("utf-8"))


class Baseline:
    def __init__(self, path: Path, entries: Counter):
        self.path = Path(path)
        self.base = self.path.resolve().parent
        self.entries = entries  # (rule, file, text, context) -> count

    @classmethod
    def load(cls, path) -> "Baseline":
        path = Path(path)
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            raise BaselineError(f"{path}: baseline file not found (create it with 'factcheck baseline create')") from None
        except (OSError, UnicodeDecodeError) as e:
            raise BaselineError(f"{path}: cannot read the baseline: {e}") from None
        except ValueError as e:
            raise BaselineError(f"{path}: not a baseline file (invalid JSON: {e})") from None
        if not isinstance(data, dict) or data.get("schema") != SCHEMA or not isinstance(data.get("entries"), list):
            raise BaselineError(f"{path}: not a baseline file (expected schema {SCHEMA!r})")
        entries: Counter = Counter()
        for i, e in enumerate(data["entries"]):
            try:
                key = (str(e["rule"]), str(e["file"]), _norm(str(e["text"])), str(e["context"]))
                n = int(e.get("count", 1))
            except (KeyError, TypeError, ValueError):
                raise BaselineError(f"{path}: entry {i + 1} is malformed (needs rule, file, text, context)") from None
            entries[key] += max(n, 0)
        return cls(path, entries)

    def apply(self, reports, report_unused: bool = True):
        """Drop the findings the baseline holds; add an info finding for each of its
        entries, in a checked file, that matched nothing.  Returns (reports, hidden)."""
        from factcheck.model import Finding

        left = Counter(self.entries)
        hidden = 0
        checked = set()
        for rep in reports:
            rel = file_key(rep.path, self.base)
            checked.add(rel)
            kept = []
            for f in rep.findings:
                k = finding_key(rel, f, rep.source)
                if left[k] > 0:
                    left[k] -= 1
                    hidden += 1
                else:
                    kept.append(f)
            rep.findings = kept
        if report_unused:
            by_file: dict[str, list] = {}
            for (rule, rel, text, ctx), n in left.items():
                if n > 0 and rel in checked:
                    by_file.setdefault(rel, []).append((rule, text, ctx, n))
            for rep in reports:
                rel = file_key(rep.path, self.base)
                for rule, text, ctx, n in sorted(by_file.get(rel, ())):
                    times = f" ({n} times)" if n > 1 else ""
                    msg = (f"baseline entry matches nothing any more{times}: {rule} «{text}» in «{ctx}»; "
                           f"re-create the baseline to drop it")
                    rep.findings.append(Finding(UNUSED, "boilerplate", "info", msg, 0, 0, "", None))
        return reports, hidden
