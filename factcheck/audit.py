"""`factcheck audit`: check an archive on Dask and land one record per file in a
JSON Lines or Parquet file.

A record is the file's entry of the JSON report (`factcheck check --format json`,
built by the same code: `Run.check_one` and `output.common.report_dict`) plus
``sha256``, ``size`` (bytes), ``elapsed`` (seconds spent checking it) and ``error``
(null, or the one-line reason the file could not be checked or a rule failed).

* Work: the files are cut into batches of at most ``batch_size`` files and
  ``MAX_BATCH_BYTES`` bytes; each batch is one Dask task.  A worker builds the
  configuration, rules and models once (``_RUNS``) and reuses them for every
  batch it gets.
* Output: completed batches are written as they arrive.  JSON Lines: appended
  and flushed, one record a line.  Parquet: each batch lands as a part file in
  ``OUT.parts/`` (written to a temporary name, then renamed); when every batch
  is in, the parts (and, with --resume, the records already in OUT) are merged
  into OUT and the folder is removed.  So an interrupt or a crash loses at most
  the batches in flight; ``--resume`` reads what is there (a torn last line is
  dropped) and checks only the files not yet recorded.
* Dask and pyarrow come from the ``audit`` extra and are imported here, lazily:
  nothing on `factcheck check`'s path imports this module.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import sys
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from factcheck.inputs import read_file

MAX_BATCH_BYTES = 8 * 1024 * 1024
ROW_GROUP = 50_000  # rows per Parquet row group in OUT
MAX_ERRORS_KEPT = 1000  # for the summary table; every error is in OUT
ADDED_FIELDS = ("sha256", "size", "elapsed", "error")


class AuditError(Exception):
    """A one-line message for the user (missing extra, bad scheduler, unreadable OUT)."""


def _need(module: str, what: str):
    try:
        return __import__(module, fromlist=["_"])
    except ImportError:
        raise AuditError(f"{what} needs the 'audit' extra: pip install 'factcheck[audit]' "
                         f"(cannot import {module})") from None


# ------------------------------------------------------------------ worker side

@dataclass(frozen=True)
class Settings:
    """What `factcheck check` would be given; the key of a worker's cached Run."""

    config_path: str | None = None
    select: tuple = ()
    ignore: tuple = ()
    lang: str | None = None
    published: object = None  # datetime.date

    def run(self):
        from factcheck.cli import Run

        return Run(self.config_path, list(self.select), list(self.ignore), self.lang, self.published, None)


_RUNS: dict = {}


def check_file(run, path: str, display: str) -> dict:
    """The record of one file: its JSON report entry plus sha256, size, elapsed, error.
    The file is read once, with `check`'s cap and refusals (factcheck.inputs.read_file),
    and the bytes hashed are the bytes checked."""
    from factcheck.document import InputError, decode, raw_source
    from factcheck.fixes import report_to_raw
    from factcheck.output.common import report_dict

    rec: dict = {"path": display, "sha256": None, "size": None}
    t0 = time.perf_counter()
    try:
        raw = read_file(path)
        rec["sha256"], rec["size"] = hashlib.sha256(raw).hexdigest(), len(raw)
        rep = run.check_one(Path(path), display, text=decode(raw))
    except InputError as e:
        if rec["size"] is None:
            try:
                rec["size"] = os.stat(path).st_size
            except OSError:
                pass
        rec["elapsed"] = round(time.perf_counter() - t0, 6)
        rec["error"] = str(e)
        return rec
    except (Exception, SystemExit) as e:  # never lose the batch for one file (SystemExit: a bad config)
        rec["elapsed"] = round(time.perf_counter() - t0, 6)
        rec["error"] = (f"{type(e).__name__}: {e}" if not isinstance(e, SystemExit) else
                        "configuration error (the message is on the worker's standard error)")
        return rec
    elapsed = time.perf_counter() - t0
    rep.doc = None
    rep.raw_source = raw_source(raw)
    report_to_raw(rep)  # offsets into the file as stored, as `check --format json` gives them
    entry = report_dict([rep], [])["files"][0]
    entry.update(sha256=rec["sha256"], size=rec["size"], elapsed=round(elapsed, 6),
                 error="; ".join(rep.errors) or None)
    return entry


def check_batch(items: list, settings: Settings) -> list[dict]:
    """A Dask task: check (path, display) pairs with the worker's cached Run."""
    run = _RUNS.get(settings)
    if run is None:
        run = _RUNS[settings] = settings.run()
    return [check_file(run, p, d) for p, d in items]


# ------------------------------------------------------------------ output

def _jsonable(rec: dict) -> str:
    return json.dumps(rec, ensure_ascii=False, separators=(",", ":"))


class JsonlSink:
    def __init__(self, out: Path):
        self.out = out

    def existing(self):
        """Records already in OUT; a torn last line (an interrupted write) is cut off."""
        if not self.out.exists():
            return
        good = 0
        with open(self.out, "rb") as f:
            for line in f:
                if not line.endswith(b"\n"):
                    break
                try:
                    rec = json.loads(line)
                except ValueError:
                    break
                good += len(line)
                yield rec
        if good != self.out.stat().st_size:
            with open(self.out, "r+b") as f:
                f.truncate(good)

    def start(self, resume: bool):
        self.f = open(self.out, "a" if resume else "w", encoding="utf-8")

    def write(self, recs: list[dict]):
        self.f.write("".join(_jsonable(r) + "\n" for r in recs))
        self.f.flush()
        os.fsync(self.f.fileno())

    def finish(self):
        self.f.close()

    close = finish


def parquet_schema():
    pa = _need("pyarrow", "Parquet output")
    edit = pa.struct([("start", pa.int64()), ("end", pa.int64()), ("replacement", pa.string())])
    fix = pa.struct([("applicability", pa.string()), ("edits", pa.list_(edit))])
    finding = pa.struct([("rule", pa.string()), ("category", pa.string()), ("severity", pa.string()),
                         ("message", pa.string()), ("start", pa.int64()), ("end", pa.int64()),
                         ("line", pa.int64()), ("column", pa.int64()), ("end_line", pa.int64()),
                         ("end_column", pa.int64()), ("text", pa.string()), ("fix", fix)])
    date = pa.struct([("start", pa.int64()), ("end", pa.int64()), ("text", pa.string()), ("type", pa.string()),
                      ("value", pa.string()), ("basis", pa.string())])
    span = pa.struct([("start", pa.int64()), ("end", pa.int64()), ("text", pa.string())])
    figure = pa.struct([("start", pa.int64()), ("end", pa.int64()), ("text", pa.string()), ("value", pa.float64()),
                        ("high", pa.float64()), ("unit", pa.string()), ("counts", pa.string()),
                        ("approx", pa.string()), ("attributed", pa.bool_()), ("source", span)])
    skipped = pa.struct([("rule", pa.string()), ("reason", pa.string())])
    return pa.schema([
        ("path", pa.string()), ("language", pa.string()), ("published", pa.string()),
        ("published_source", pa.string()), ("findings", pa.list_(finding)), ("timeline", pa.list_(date)),
        ("figures", pa.list_(figure)), ("skipped", pa.list_(skipped)), ("sha256", pa.string()), ("size", pa.int64()), ("elapsed", pa.float64()),
        ("error", pa.string()),
        ("extra", pa.string()),  # JSON of any key this schema does not know yet (keys may be added)
    ])


class ParquetSink:
    def __init__(self, out: Path):
        self.out = out
        self.parts = out.with_name(out.name + ".parts")
        self.pa = _need("pyarrow", "Parquet output")
        self.pq = _need("pyarrow.parquet", "Parquet output")
        self.schema = parquet_schema()
        self.n = 0

    def _files(self):
        done = [self.out] if self.out.exists() else []
        if self.parts.is_dir():
            done += sorted(p for p in self.parts.iterdir() if p.suffix == ".parquet")
        return done

    def existing(self):
        for p in self._files():
            for table in self._row_groups(p):
                for rec in table.to_pylist():
                    yield _from_row(rec)

    def _row_groups(self, p):
        """The tables of a Parquet file, one row group at a time (OUT may hold millions of records)."""
        try:
            f = self.pq.ParquetFile(p)
            for i in range(f.num_row_groups):
                yield f.read_row_group(i).cast(self.schema)
        except AuditError:
            raise
        except Exception as e:
            raise AuditError(f"{p}: cannot read it as Parquet ({type(e).__name__}: {e}); "
                             "remove it or run without --resume") from None

    def start(self, resume: bool):
        if not resume:  # a fresh run overwrites OUT (as JSON Lines does)
            shutil.rmtree(self.parts, ignore_errors=True)
            self.out.unlink(missing_ok=True)
        self.parts.mkdir(parents=True, exist_ok=True)
        self.n = len(list(self.parts.iterdir()))

    def table(self, recs: list[dict]):
        names = set(self.schema.names)
        rows = []
        for r in recs:
            row = {k: v for k, v in r.items() if k in names}
            extra = {k: v for k, v in r.items() if k not in names}
            row["extra"] = _jsonable(extra) if extra else None
            rows.append(row)
        return self.pa.Table.from_pylist(rows, schema=self.schema)

    def write(self, recs: list[dict]):
        while True:
            target = self.parts / f"part-{self.n:06d}.parquet"
            self.n += 1
            if not target.exists():
                break
        tmp = target.with_suffix(".tmp")
        self.pq.write_table(self.table(recs), tmp)
        os.replace(tmp, target)

    def finish(self):
        """Merge OUT (when resuming) and the parts into OUT, then remove the parts."""
        files = self._files()
        tmp = self.out.with_name(self.out.name + ".tmp")
        with self.pq.ParquetWriter(tmp, self.schema) as w:
            pending, rows = [], 0
            for p in files:  # row groups of about ROW_GROUP rows, not one per batch
                for t in self._row_groups(p):
                    pending.append(t)
                    rows += t.num_rows
                    if rows >= ROW_GROUP:
                        w.write_table(self.pa.concat_tables(pending))
                        pending, rows = [], 0
            if pending or not files:
                w.write_table(self.pa.concat_tables(pending) if pending else self.schema.empty_table())
        os.replace(tmp, self.out)
        shutil.rmtree(self.parts, ignore_errors=True)

    def close(self):  # interrupted: leave the parts for --resume
        pass


def _from_row(row: dict) -> dict:
    """A Parquet row as a record (absent optional keys dropped, `extra` unpacked)."""
    rec = {k: v for k, v in row.items() if k != "extra" and not (k == "skipped" and v is None)}
    if rec.get("figures"):
        rec["figures"] = [_figure_from_row(g) for g in rec["figures"]]
    if row.get("extra"):
        rec.update(json.loads(row["extra"]))
    return rec


def _figure_from_row(g: dict) -> dict:
    """A figure as the JSON report gives it: `high` only for a range, and an integral value
    as an integer (Parquet keeps values as doubles)."""
    g = dict(g)
    for k in ("value", "high"):
        v = g.get(k)
        if isinstance(v, float) and v.is_integer() and abs(v) < 1e18:
            g[k] = int(v)
    if g.get("high") is None:
        g.pop("high", None)
    return g


def _records_or_nothing(out: Path) -> bool:
    """OUT may be written: it does not exist, is empty, or already holds audit records (a
    Parquet file, or JSON Lines whose first line is a record)."""
    try:
        with open(out, "rb") as f:
            head = f.read(65536)
    except FileNotFoundError:
        return True
    except OSError:
        return True  # the sink reports what is wrong with it
    if not head.strip():
        return True
    if out.suffix.lower() == ".parquet":
        return head.startswith(b"PAR1")
    first = head.split(b"\n", 1)[0]
    try:
        rec = json.loads(first)
    except ValueError:
        return False
    return isinstance(rec, dict) and "path" in rec


def sink_for(out: Path):
    return ParquetSink(out) if out.suffix.lower() == ".parquet" else JsonlSink(out)


# ------------------------------------------------------------------ summary

@dataclass
class Summary:
    files: int = 0
    resumed: int = 0
    errors: list = field(default_factory=list)  # the first MAX_ERRORS_KEPT (path, message)
    n_errors: int = 0
    by_rule: Counter = field(default_factory=Counter)
    by_category: Counter = field(default_factory=Counter)
    slowest: list = field(default_factory=list)  # (elapsed, path)
    seconds: float = 0.0
    checked: int = 0

    def add(self, rec: dict, resumed: bool = False):
        self.files += 1
        self.resumed += resumed
        if rec.get("error"):
            self.n_errors += 1
            if len(self.errors) < MAX_ERRORS_KEPT:
                self.errors.append((rec["path"], rec["error"]))
        for f in rec.get("findings") or ():
            self.by_rule[(f["rule"], f["category"])] += 1
            self.by_category[f["category"]] += 1
        if rec.get("elapsed") is not None:
            self.slowest.append((rec["elapsed"], rec["path"]))
            if len(self.slowest) > 200:
                self.slowest = sorted(self.slowest, reverse=True)[:10]

    def render(self, console, top: int = 15, out: str = "OUT"):
        from rich.markup import escape

        from factcheck.output.text_format import print_table

        console.print(f"[bold]{self.files}[/bold] files in {escape(out)} ({self.checked} checked now, {self.resumed} "
                      f"already there), {sum(self.by_rule.values())} findings, {self.n_errors} errors; "
                      f"{self.checked / self.seconds if self.seconds else 0:.1f} files/s this run")
        # paths, rule ids and messages are shown escaped, never read as markup
        opts = dict(box=None, title_justify="left")
        rows = [(rule, cat, n) for (rule, cat), n in self.by_rule.most_common(top)]
        if len(self.by_rule) > top:
            rows.append((f"... {len(self.by_rule) - top} more rules", "", ""))
        print_table(console.file, "Findings by rule", ("rule", "category", "findings"), rows, **opts)
        print_table(console.file, "Findings by category", ("category", "findings"),
                    self.by_category.most_common(), **opts)
        print_table(console.file, "Slowest files", ("seconds", "file"),
                    [(f"{s:.3f}", p) for s, p in sorted(self.slowest, reverse=True)[:10]], **opts)
        if self.errors:
            rows = list(self.errors[:top])
            if self.n_errors > top:
                rows.append((f"... {self.n_errors - top} more (query OUT: error IS NOT NULL)", ""))
            print_table(console.file, f"Errors ({self.n_errors})", ("file", "error"), rows, **opts)


# ------------------------------------------------------------------ driver

def batches(items: list, batch_size: int, max_bytes: int = MAX_BATCH_BYTES) -> list[list]:
    """Consecutive (path, display) pairs in tasks of at most batch_size files and max_bytes bytes."""
    out, cur, size = [], [], 0
    for path, display in items:
        try:
            n = os.stat(path).st_size
        except OSError:
            n = 0
        if cur and (len(cur) >= batch_size or size + n > max_bytes):
            out.append(cur)
            cur, size = [], 0
        cur.append((os.path.abspath(path), display))  # workers may not share the driver's directory
        size += n
    if cur:
        out.append(cur)
    return out


def _main_thread() -> bool:
    import threading

    return threading.current_thread() is threading.main_thread()


def connect(scheduler: str, workers: int | None):
    """A dask.distributed Client (and the LocalCluster it owns, or None)."""
    import logging

    dist = _need("distributed", "factcheck audit")
    if scheduler == "local":
        import signal

        n = workers or os.cpu_count() or 1
        # the worker processes ignore SIGINT (started with it ignored, which they inherit): a
        # terminal's Ctrl+C reaches the whole process group, and the workers printed
        # tracebacks while this process stopped them in order and wrote what was done
        old = signal.signal(signal.SIGINT, signal.SIG_IGN) if _main_thread() else None
        try:
            cluster = dist.LocalCluster(n_workers=n, threads_per_worker=1, processes=True, dashboard_address=None,
                                        silence_logs=logging.ERROR)
        finally:
            if old is not None:
                signal.signal(signal.SIGINT, old)
        return dist.Client(cluster), cluster
    if scheduler.startswith(("tcp://", "tls://", "inproc://", "ucx://")):
        try:
            return dist.Client(scheduler, timeout="20s"), None
        except (OSError, TimeoutError) as e:
            raise AuditError(f"cannot reach the Dask scheduler at {scheduler}: {e}") from None
    raise AuditError(f"--scheduler: expected 'local' or an address such as tcp://HOST:8786, not {scheduler!r}")


def run_audit(paths, output, *, settings: Settings = Settings(), scheduler: str = "local",
              workers: int | None = None, batch_size: int = 100, resume: bool = False, progress: bool = True,
              client=None, console=None) -> Summary:
    """Check `paths` (files or folders, as `factcheck check` takes them) into `output`.

    `client`: a dask.distributed Client to use (tests, notebooks); otherwise one is made from
    `scheduler` (and closed at the end)."""
    from rich.console import Console

    from factcheck.inputs import collect_inputs, skipped_note
    from factcheck.inputs import without_output

    console = console or Console(stderr=True)
    out = Path(output)
    if out.is_dir():
        raise AuditError(f"--output {out}: is a directory")
    # the folder as the system walks the path («out/../x.jsonl» needs «out»), not as resolve() reads it
    if not out.resolve().parent.is_dir() or not os.path.isdir(os.path.dirname(str(out)) or "."):
        raise AuditError(f"--output {out}: directory {os.path.dirname(str(out))} does not exist")
    if not resume and not _records_or_nothing(out):
        raise AuditError(f"--output {out}: exists and is not a file of audit records; refusing to write over it")
    sink = sink_for(out)
    summary = Summary()
    done: set = set()
    if resume:
        for rec in sink.existing():
            if rec["path"] not in done:
                done.add(rec["path"])
                summary.add(rec, resumed=True)
    skipped: list = []
    items, missing = collect_inputs(paths, skipped)
    if any(p is None for p, _ in items):
        raise AuditError("audit reads files, not standard input ('-')")
    # OUT is never read as an article: named on the command line it is a mistake, found in a
    # folder it is this audit's own records
    items, named = without_output(items, paths, out)
    if named:
        raise AuditError(f"--output {out}: is one of the files to check; refusing to write over it")
    # a path that cannot be read at all (missing, a broken link, not a regular file) gets a
    # record with its error too, as a file that fails while it is checked does
    unreadable = [{"path": d, "sha256": None, "size": None, "elapsed": 0.0, "error": m}
                  for d, m in missing if d not in done]
    todo = [(p, d) for p, d in items if d not in done]
    # settings and rules are checked here, once, before any worker starts (a bad --select ends the run)
    if todo:
        run = settings.run()
        run.engine_for(run.config_for(todo[0][0]))
    # what the walk left out, once the run is known to go ahead (a usage error is the only
    # message then); a file already recorded by the run resumed is not reported again
    if skipped:
        console.print(skipped_note(skipped), markup=False, highlight=False)
    for p, m in missing:
        if p not in done:
            console.print(f"factcheck: {p}: {m}", markup=False, highlight=False)
    work = batches(todo, batch_size)
    sink.start(resume)
    if unreadable:
        sink.write(unreadable)
        for r in unreadable:
            summary.add(r)
        summary.checked += len(unreadable)
    own = client is None
    cluster = None
    t0 = time.perf_counter()
    try:
        if work:
            if own:
                client, cluster = connect(scheduler, workers)
            _drive(client, work, settings, sink, summary, len(todo), progress, console)
        sink.finish()
    except KeyboardInterrupt:
        sink.close()
        console.print(f"interrupted: {summary.files} records are in {out}; "
                      f"run the same command with --resume to go on", markup=False, highlight=False)
        raise
    finally:
        summary.seconds = time.perf_counter() - t0
        if own and client is not None:
            client.close()
            if cluster is not None:
                cluster.close()
    return summary


def _drive(client, work, settings, sink, summary, n_files, progress, console):
    from distributed import as_completed

    from factcheck.progress import progress as progress_bar

    futures = [client.submit(check_batch, b, settings, pure=False) for b in work]
    # check's bar: on a terminal only, files done, files per second, time left
    bar = progress_bar(n_files, stream=console.file, enabled=None if progress else False, label="audit")
    try:
        for fut in as_completed(futures):
            recs = fut.result()
            fut.release()
            sink.write(recs)
            for r in recs:
                summary.add(r)
            summary.checked += len(recs)
            bar.advance(len(recs))
    finally:
        bar.close()


def main(paths, output, **kw) -> int:
    """The CLI's entry: run, print the summary table; exit status 0, or 2 on an AuditError."""
    from rich.console import Console

    console = Console(stderr=True)
    try:
        summary = run_audit(paths, output, console=console, **kw)
    except AuditError as e:
        print(f"factcheck: {e}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130
    from factcheck.inputs import display_path

    summary.render(console, out=display_path(str(output)))
    return 0
