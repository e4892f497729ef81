"""A progress bar on standard error for long batches: files done, files per second
and time left.  Shown only when standard error is a terminal and the batch has
at least MIN_FILES files; nothing is ever written to standard output."""

from __future__ import annotations

import sys

MIN_FILES = 20


MIN_ELAPSED = 0.5  # seconds before a rate is shown


def rate_text(completed: float, elapsed: float | None) -> str:
    """Files per second since the start, once MIN_ELAPSED has passed: results come in
    bursts (a worker's batch, the cache's answers), so the rate of the last moment said
    "96222.6 files/s" after the first burst of a pool."""
    if not elapsed or elapsed < MIN_ELAPSED or not completed:
        return "   - files/s"
    return f"{completed / elapsed:5.1f} files/s"


class _Nothing:
    def advance(self, n: int = 1) -> None:
        pass

    def close(self) -> None:
        pass


class _Bar:
    def __init__(self, total: int, stream, label: str):
        from rich.console import Console
        from rich.progress import (BarColumn, MofNCompleteColumn, Progress, ProgressColumn, TextColumn,
                                   TimeRemainingColumn)
        from rich.text import Text

        class Rate(ProgressColumn):
            def render(self, task):
                return Text(rate_text(task.completed, task.elapsed))

        self._p = Progress(TextColumn(label, markup=False), BarColumn(), MofNCompleteColumn(), Rate(),
                           TextColumn("left"), TimeRemainingColumn(),
                           console=Console(file=stream), transient=True, refresh_per_second=4)
        self._task = self._p.add_task("check", total=total)
        self._p.start()

    def advance(self, n: int = 1) -> None:
        self._p.advance(self._task, n)

    def close(self) -> None:
        self._p.stop()


def progress(total: int, stream=None, enabled: bool | None = None, label: str = "checking"):
    """A bar if `enabled` (default: the stream is a terminal and the batch is long); used by
    `check`, `baseline create` and `audit`."""
    stream = sys.stderr if stream is None else stream
    if enabled is None:
        try:
            enabled = stream.isatty() and total >= MIN_FILES
        except (AttributeError, ValueError):
            enabled = False
    return _Bar(total, stream, label) if enabled else _Nothing()
