"""The `factcheck` command line.  Heavy modules are imported inside commands so
that the CLI starts fast."""

from __future__ import annotations

import datetime as _dt
import os
import sys
from pathlib import Path

import click

from factcheck import __version__

EXIT_OK, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2
CACHE_DIR = ".factcheck_cache"


def _fail(message: str) -> None:
    click.echo(f"factcheck: {message}", err=True)
    sys.exit(EXIT_ERROR)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="factcheck")
def main():
    """Fact-consistency checker for news copy (Arabic and English)."""


# ------------------------------------------------------------------ inputs

def collect_inputs(paths):
    """(path-or-None-for-stdin, display) pairs, and (display, message) errors
    (see factcheck.inputs: folders that cannot be read and non-regular files are errors).
    Reports of factcheck's found in a walked folder are left out and named on stderr."""
    from factcheck.inputs import collect_inputs as collect
    from factcheck.inputs import skipped_note

    skipped: list = []
    items, errors = collect(paths, skipped)
    if skipped:
        click.echo(skipped_note(skipped), err=True)
    # a file named twice (or named and found in a walked folder) is checked and reported once:
    # the same file is the same device and inode (one stat; a resolved path costs one a
    # component), or the same resolved path when it cannot be read
    seen, once = set(), []
    for path, display in items:
        key = None if path is None else _file_key(path)
        if key is not None and key in seen:
            continue
        seen.add(key)
        once.append((path, display))
    return once, errors


def _file_key(path):
    try:
        st = os.stat(path)
    except OSError:
        return os.path.realpath(path)
    if not st.st_ino:  # a file system without inode numbers: the path then
        return os.path.realpath(path)
    return (st.st_dev, st.st_ino)


class Run:
    """Configuration, rules and engines for one invocation, cached per config."""

    def __init__(self, config_path, select, ignore, lang, published, fail_on):
        self.config_path = config_path
        self.select, self.ignore = select, ignore
        self.lang, self.published, self.fail_on_flag = lang, published, fail_on
        self.rule_errors: list = []
        self._engines: dict = {}
        self._fixed_config = None
        self._cfg_by_dir: dict = {}  # folder -> Config, see config_for
        if config_path:
            from factcheck.config import load_config_file

            self._fixed_config = load_config_file(Path(config_path))

    def config_for(self, path):
        """The configuration in force for `path` (None: the working folder), remembered per
        folder for the run: find_config resolves the path and walks up the tree, which cost
        a batch of 600 files about 90 ms when it was asked three times a file."""
        if self._fixed_config is not None:
            return self._fixed_config
        if path is None:
            key = None
        else:
            key = os.path.abspath(path)
            if not os.path.isdir(key):
                key = os.path.dirname(key)
        cfg = self._cfg_by_dir.get(key)
        if cfg is None:
            from factcheck.config import find_config

            cfg = self._cfg_by_dir[key] = find_config(Path(key) if key else Path.cwd())
        return cfg

    def engine_for(self, cfg):
        key = id(cfg)
        if key in self._engines:
            return self._engines[key]
        from factcheck.config import ConfigError
        from factcheck.engine import Engine
        from factcheck.rules import load_rules

        ruleset = load_rules(tuple(cfg.rules_dirs))
        for e in ruleset.errors:
            if e not in self.rule_errors:
                self.rule_errors.append(e)
        known = {r.id for r in ruleset.rules}
        try:
            cfg.check_rule_ids(known)
        except ConfigError as e:
            _fail(str(e))
        from factcheck.config import META_RULES
        from factcheck.rules import unknown_id

        for flag, ids in (("--select", self.select), ("--ignore", self.ignore)):
            for rid in ids or ():
                why = unknown_id(rid, known, META_RULES, glob_must_match=flag == "--select")
                if why:
                    _fail(f"{flag}: {why} (see 'factcheck rules')")
        if self.select:
            cfg.select = list(self.select)
        if self.ignore:
            cfg.ignore = list(cfg.ignore) + list(self.ignore)
        self._engines[key] = Engine(ruleset, cfg)
        return self._engines[key]

    def prepare(self, items) -> None:
        """Load the configuration and rules every item needs, in order, before any file
        is checked: a broken configuration stops the run here, and rule errors are
        reported once, the same way whatever the number of jobs."""
        shown = len(self.rule_errors)
        for path, _ in items:
            self.engine_for(self.config_for(path))
        for e in self.rule_errors[shown:]:
            click.echo(f"factcheck: {e}", err=True)

    def check_item(self, path, display, stdin_data=None):
        """(FileReport or None, [(display, message)]) for one input: every failure of one
        file is a one-line error for that file, and the run goes on."""
        from factcheck.document import InputError

        try:
            rep = self.check_one(path, display, stdin_data)
        except InputError as e:
            return None, [(display, str(e))]
        except Exception as e:  # a bug must not cost the other files their report
            from factcheck.inputs import one_line

            return None, [(display, one_line(f"internal error: {type(e).__name__}: {e}"))]
        return rep, [(display, m) for m in rep.errors]

    def document(self, path, display, stdin_data=None, text=None):
        """The input read as a Document with this run's language, date and configuration
        (its language default by path, its analysis model), or raises InputError.
        `text` reads that text as the file's contents (a re-check after fixes);
        stdin_data is the standard input's bytes."""
        from factcheck.document import decode, load_path, parse_document

        cfg = self.config_for(path)
        _, _, _, lang_default = cfg.for_path(display)
        kw = dict(lang=self.lang, published=self.published, default_lang=lang_default or "en")
        if text is not None:
            doc = parse_document(display, text, **kw)
        elif path is None:
            from factcheck.document import raw_source

            doc = parse_document("-", decode(stdin_data), **kw)
            doc.raw_source = raw_source(stdin_data)
        else:
            doc = load_path(path, display, **kw)
        doc.analysis_model = (cfg.analysis.get(doc.lang) or {}).get("model")
        return doc

    def check_one(self, path, display, stdin_data=None, text=None):
        """A FileReport (findings, timeline, figures), or raises InputError; the arguments
        are those of `document`."""
        doc = self.document(path, display, stdin_data, text)
        return self.engine_for(self.config_for(path)).report(doc)

    def fail_on(self, path):
        if self.fail_on_flag:
            return self.fail_on_flag
        cfg = self.config_for(path)
        return cfg.fail_on or "error"


def _load_one(path, lang, published):
    """(run, path or None for standard input, Document): one article read as `check` reads
    it (Run.document: the configuration's language default and model too); a bad input or
    configuration ends the run with one line."""
    from factcheck.config import ConfigError
    from factcheck.document import InputError
    from factcheck.inputs import display_path, read_stream

    try:
        run = Run(None, (), (), lang, published, None)
        if path == "-":
            return run, None, run.document(None, "-", read_stream(sys.stdin.buffer))
        return run, Path(path), run.document(Path(path), display_path(path))
    except ConfigError as e:
        _fail(str(e))
    except InputError as e:
        _fail(f"{display_path(path)}: {e}")


def _parse_published(ctx, param, value):
    if value is None:
        return None
    import re

    if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value.strip()):
        raise click.BadParameter(f"expected YYYY-MM-DD, not {value!r}")
    try:
        return _dt.date.fromisoformat(value.strip())
    except ValueError:
        raise click.BadParameter(f"{value.strip()} is no day of the calendar") from None


AUTO_JOBS_MIN_FILES = 64  # fewer files than this: the pool's start costs more than it saves
AUTO_JOBS_MAX = 8  # each worker holds its own rules and models (about 200 MB with the Arabic ones)


def _parse_jobs(ctx, param, value):
    """--jobs: a number of worker processes (1-64), or "auto" (None here, see _auto_jobs)."""
    if value is None or str(value).strip().lower() == "auto":
        return None
    try:
        n = int(value)
    except ValueError:
        raise click.BadParameter(f"{value!r} is neither a number nor 'auto'") from None
    if not 1 <= n <= 64:
        raise click.BadParameter(f"{n} is not between 1 and 64")
    return n


def _cgroup_cpus(root: str = "/sys/fs/cgroup") -> int | None:
    """The CPU quota of this process's container, rounded up (cgroup v2 `cpu.max`, or v1
    `cpu.cfs_quota_us` / `cpu.cfs_period_us`), or None when there is none: a CI container
    limited to 2 CPUs on a 64-core host sees all 64 in its affinity."""
    import math

    try:
        with open(os.path.join(root, "cpu.max"), encoding="ascii") as f:
            quota, period = f.read().split()[:2]
        if quota != "max":
            return max(1, math.ceil(int(quota) / int(period)))
        return None
    except (OSError, ValueError):
        pass
    try:
        with open(os.path.join(root, "cpu", "cpu.cfs_quota_us"), encoding="ascii") as f:
            quota = int(f.read())
        with open(os.path.join(root, "cpu", "cpu.cfs_period_us"), encoding="ascii") as f:
            period = int(f.read())
    except (OSError, ValueError):
        return None
    return max(1, math.ceil(quota / period)) if quota > 0 and period > 0 else None


def _auto_jobs(n_files: int) -> int:
    """Worker processes for --jobs auto: one per CPU this process may use (its affinity,
    and its container's CPU quota when there is one; at most AUTO_JOBS_MAX), when at least
    AUTO_JOBS_MIN_FILES files need checking; else 1."""
    if n_files < AUTO_JOBS_MIN_FILES:
        return 1
    try:
        cpus = len(os.sched_getaffinity(0))
    except (AttributeError, OSError):
        cpus = os.cpu_count() or 1
    quota = _cgroup_cpus()
    if quota is not None:
        cpus = min(cpus, quota)
    return max(1, min(cpus, AUTO_JOBS_MAX))


def _split(ctx, param, value):
    out = []
    for v in value:
        out.extend(x for x in v.split(",") if x)
    return out


@main.command()
@click.argument("paths", nargs=-1, required=True)
@click.option("--format", "fmt", type=click.Choice(["text", "json", "sarif", "github", "junit", "html"]), default="text",
              show_default=True, help="Report format.")
@click.option("--lang", type=click.Choice(["ar", "en"]), help="Language of the copy (default: from the script).")
@click.option("--published", callback=_parse_published, help="Publication date YYYY-MM-DD (overrides the article's).")
@click.option("--fail-on", type=click.Choice(["error", "warning", "info", "never"]),
              help="Lowest severity that makes the exit code 1 (default: error).")
@click.option("--select", multiple=True, callback=_split, help="Only these rule ids or globs (comma-separated).")
@click.option("--ignore", multiple=True, callback=_split, help="Skip these rule ids or globs (comma-separated).")
@click.option("--config", "config_path", type=click.Path(dir_okay=False), help="Use this configuration file.")
@click.option("--fix", is_flag=True, help="Apply safe fixes in place (atomically); standard input: print the fixed text.")
@click.option("--unsafe-fixes", is_flag=True, help="With --fix, apply unsafe fixes too.")
@click.option("--output", "-o", type=click.Path(dir_okay=False), help="Write the report to this file.")
@click.option("--color/--no-color", default=None, help="Colour in the text report (default: on a terminal).")
@click.option("--jobs", "-j", default="auto", show_default=True, callback=_parse_jobs, metavar="N|auto",
              help="Worker processes (auto: one per usable CPU, at most 8, when at least 64 files need checking).")
@click.option("--diff", "show_diff", is_flag=True,
              help="Print what --fix would change as a unified diff (the report goes to standard error); write nothing.")
@click.option("--baseline", "baseline_path", type=click.Path(dir_okay=False),
              help="Report only findings that are not in this baseline (see 'factcheck baseline create').")
@click.option("--changed-since", metavar="REF", help="Check only the files git says changed since REF, within PATHS.")
@click.option("--cache-dir", type=click.Path(file_okay=False), default=CACHE_DIR, show_default=True,
              help="Keep results per file here, keyed by content, rules, config and versions.")
@click.option("--no-cache", is_flag=True, help="Neither read nor write the result cache.")
def check(paths, fmt, lang, published, fail_on, select, ignore, config_path, fix, unsafe_fixes, output, color, jobs,
          show_diff, baseline_path, changed_since, cache_dir, no_cache):
    """Check articles (files, directories, or - for standard input)."""
    from factcheck.config import ConfigError
    from factcheck.engine import at_or_above
    from factcheck.inputs import InputError, display_path, read_stream
    from factcheck.output import get_format

    if fix and show_diff:
        _fail("--fix and --diff: choose one (--diff writes nothing)")
    if unsafe_fixes and not (fix or show_diff):
        _fail("--unsafe-fixes goes with --fix or --diff (alone it changes nothing)")
    if output:
        _check_output_path(output)
    baseline = _load_baseline(baseline_path) if baseline_path else None
    try:
        run = Run(config_path, select, ignore, lang, published, fail_on)
    except ConfigError as e:
        _fail(str(e))
    items, errors = collect_inputs(paths)
    if output:
        items = _spare_output(items, paths, output, "-o")
        _not_an_input(output, baseline_path, config_path)
    if changed_since:
        items = _only_changed(items, changed_since)
    for p, m in errors:
        click.echo(f"factcheck: {p}: {m}", err=True)
    stdin_data = None
    if any(p is None for p, _ in items):
        try:
            stdin_data = read_stream(sys.stdin.buffer)
        except InputError as e:
            items = [it for it in items if it[0] is not None]
            _report_error(errors, "-", str(e))
    fixed_count: dict = {}
    reports, fixed_stdin, diffs = _check_items(
        run, items, errors, stdin_data, jobs=jobs, cache=_open_cache(cache_dir, no_cache), fix=fix,
        unsafe=unsafe_fixes, diff=show_diff, all_rules=(fmt == "sarif"),
        pool_args=(config_path, select, ignore, lang, published, fail_on), fixed_count=fixed_count)
    if baseline is not None:
        _apply_baseline(run, baseline, reports)
    from factcheck.output.common import RuleFileError

    for e in run.rule_errors:
        errors.append(RuleFileError((display_path(e.path), f"{e.line}:{e.col}: {e.message}")))

    from factcheck.fixes import report_to_raw

    for rep in reports:  # every format's offsets count the file as stored (a CRLF is two)
        report_to_raw(rep)
    if fmt == "sarif":  # a file name that is not UTF-8: the URI takes its bytes, not the escaped name
        raw_names = {d: os.fsencode(p) for p, d in items if p is not None}
        for rep in reports:
            name = raw_names.get(rep.path)
            if name is not None and name != rep.path.encode("utf-8", "replace"):
                rep.fs_path = name
    stream = sys.stdout
    if fixed_stdin is not None or show_diff:
        _write_stdout((fixed_stdin if fixed_stdin is not None else "".join(diffs)).encode("utf-8"))
        stream = sys.stderr
    elif fix and "-" in paths:
        # `--fix -` is a filter: its stdout is the article's text or nothing, never the report,
        # even when standard input could not be read (QA D5: `... | sponge a.txt`)
        stream = sys.stderr
    use_color = color if color is not None else (output is None and stream.isatty())
    fmt_mod = get_format(fmt)
    all_rules = []
    for eng in run._engines.values():
        all_rules.extend(eng.ruleset.rules)
    if output:
        import io

        buf = io.StringIO()
        fmt_mod.render(reports, errors, buf, color=False, rules=all_rules)
        _write_output(output, buf.getvalue().encode("utf-8"))
    else:
        _utf8_stream(stream, fmt)
        try:
            fmt_mod.render(reports, errors, stream, color=use_color, rules=all_rules)
            stream.flush()
        except BrokenPipeError:  # `factcheck check ... | head`: the reader has gone
            _quiet_stdout()
        except OSError as e:  # a full disk under `> report.json`: an error (exit 2), not "findings" (QA D8)
            if stream is sys.stdout:
                _quiet_stdout()
            _fail(f"cannot write the report: {e.strerror or e}")

    if fix and fixed_stdin is None and fmt == "text" and not output:
        # the editor sees what --fix did: the text report shows what is left, this line what went
        n, files = fixed_count.get("findings", 0), fixed_count.get("files", 0)
        try:
            click.echo(f"fixed {n} finding(s) in {files} file(s)" if files else "nothing was fixed",
                       err=stream is sys.stderr)
        except BrokenPipeError:
            _quiet_stdout()
    if errors:
        sys.exit(EXIT_ERROR)
    for rep in reports:
        threshold = run.fail_on(rep.path if rep.path != "-" else None)
        if any(at_or_above(f.severity, threshold) for f in rep.findings):
            sys.exit(EXIT_FINDINGS)
    sys.exit(EXIT_OK)


def _report_error(errors, display, message) -> None:
    errors.append((display, message))
    click.echo(f"factcheck: {display}: {message}", err=True)


def _utf8_stream(stream, fmt) -> None:
    """Reports are UTF-8 whatever the locale (JSON, SARIF and workflow commands must be);
    a character the terminal cannot show is escaped, never a crash."""
    try:
        if fmt == "text":
            stream.reconfigure(errors="backslashreplace")
        else:
            stream.reconfigure(encoding="utf-8", errors="backslashreplace")
    except (AttributeError, ValueError, OSError):
        pass


def _quiet_stdout() -> None:
    """After a broken pipe: point stdout at /dev/null so that exiting does not fail again."""
    try:
        fd = os.open(os.devnull, os.O_WRONLY)
        os.dup2(fd, sys.stdout.fileno())
    except OSError:
        pass


def _write_stdout(data: bytes) -> None:
    """Bytes on standard output as they are (a fixed text keeps its line breaks)."""
    try:
        sys.stdout.flush()
        sys.stdout.buffer.write(data)
        sys.stdout.buffer.flush()
    except BrokenPipeError:  # `factcheck check --diff ... | head`: the reader has gone
        _quiet_stdout()


def _check_output_path(output, option="-o") -> None:
    """-o (or a baseline) must name a file in a folder that exists: say so before any
    checking is done."""
    from factcheck.fsutil import resolve_target
    from factcheck.inputs import display_path

    target = resolve_target(output)
    if target.is_dir():
        _fail(f"{option} {display_path(output)}: is a directory")
    if not target.parent.is_dir():
        _fail(f"{option} {display_path(output)}: directory {display_path(str(target.parent))} does not exist")


def _spare_output(items, paths, output, option):
    """The articles to check, without the file a report or baseline is about to be written to
    (factcheck.inputs.without_output); named on the command line, it ends the run."""
    from factcheck.inputs import display_path, without_output

    items, named = without_output(items, paths, output)
    if named:
        _fail(f"{option} {display_path(output)}: is one of the articles to check; "
              "refusing to write over it (did you swap the arguments?)")
    return items


def _not_an_input(output, baseline_path, config_path) -> None:
    """-o never names this run's baseline or a configuration file: the report would take
    its place and the next run would fail or see every finding as new (QA D7)."""
    from factcheck.config import CONFIG_NAMES
    from factcheck.inputs import display_path

    def same(a, b) -> bool:
        try:
            return os.path.samefile(a, b)
        except OSError:
            return os.path.realpath(a) == os.path.realpath(b)

    for what, p in (("--baseline", baseline_path), ("--config", config_path)):
        if p and same(output, p):
            _fail(f"-o {display_path(output)}: is this run's {what} file; refusing to write over it")
    if os.path.basename(output) in (*CONFIG_NAMES, "pyproject.toml"):
        _fail(f"-o {display_path(output)}: is a configuration file's name; refusing to write a report there")


def _write_output(output, data: bytes) -> None:
    from factcheck.fsutil import WriteError, write_through
    from factcheck.inputs import display_path

    if os.path.abspath(output).startswith(("/dev/", "/proc/")):  # -o /dev/stdout: a stream, not a file
        _fail(f"-o {display_path(output)}: not a regular file; leave out -o to write the report to standard output")
    try:
        write_through(output, data)
    except WriteError as e:
        _fail(f"-o {display_path(output)}: {e}")


class _FixError(Exception):
    """--fix could not write a file; one line."""


MAX_FIX_ROUNDS = 64  # fixes that uncover others are applied until none is left


def _apply_fixes(run, rep, path, display, stdin_data, unsafe, write=True):
    """Apply the fixes to the file (or standard input's text) until none is left; returns
    the report of the fixed text, the input's text and the fixed text, both with the
    input's own line breaks: only the edited characters change, each line keeps its LF,
    CRLF or CR.  The file is written (through write_through) only when `write`; --diff
    shows the same two texts."""
    import hashlib

    from factcheck.document import InputError, decode
    from factcheck.fixes import apply_edits, apply_edits_raw, choose_edits
    from factcheck.fsutil import WriteError, write_through
    from factcheck.inputs import file_identity, read_file

    try:
        before = None if path is None else file_identity(path)
        raw = stdin_data if path is None else read_file(path)
        if decode(raw) != rep.source:
            raise _FixError("the file changed while it was being checked; not fixed")
    except InputError as e:
        raise _FixError(str(e)) from None
    original = raw_text = raw.decode("utf-8")
    text = rep.source
    seen = {hashlib.blake2b(text.encode("utf-8", "surrogatepass")).digest()}
    for _ in range(MAX_FIX_ROUNDS):  # fixes can uncover or enable others; stop when stable
        edits = choose_edits(rep.findings, unsafe=unsafe)
        if not edits:
            break
        new = apply_edits(text, edits)
        key = hashlib.blake2b(new.encode("utf-8", "surrogatepass")).digest()
        if key in seen:
            break  # fixes that undo each other
        seen.add(key)
        raw_text = apply_edits_raw(raw_text, edits)
        text = new
        rep = run.check_one(path, display, text=text)
    if write and path is not None and text != decode(raw):
        if file_identity(path) != before:
            raise _FixError("the file changed while it was being checked; not fixed")
        try:
            write_through(path, raw_text.encode("utf-8"))
        except WriteError as e:
            raise _FixError(str(e)) from None
    rep.raw_source = raw_text if "\r" in raw_text else None  # the report's offsets go to the text as written
    return rep, original, raw_text


# ------------------------------------------------------ batch, cache, baseline

def _check_items(run, items, errors, stdin_data, *, jobs=None, cache=None, fix=False, unsafe=False, diff=False,
                 all_rules=False, pool_args=(), fixed_count=None):
    """Check every item and return (reports in input order, the fixed standard input,
    the diffs).  One path whatever the number of jobs: results come from the cache
    when it has them, the others from Run.check_item, here or in `jobs` workers (None:
    as many as _auto_jobs gives for the files left to check), after
    Run.prepare has loaded the rules they need (every item's with `all_rules`, --fix or
    --diff); then every file's messages, fixes and diffs are handled here, in input
    order.  A progress bar on a terminal."""
    from factcheck.config import ConfigError
    from factcheck.inputs import InputError
    from factcheck.progress import progress

    known: list = [None] * len(items)  # (report or None, errors) found before checking
    tickets: list = [None] * len(items)
    reports, diffs = [], []
    fixed_stdin = None
    bar = progress(len(items))

    def stop(message):
        bar.close()
        _fail(message)

    try:
        folders: dict = {}  # one item a folder: configurations are found per folder
        for path, _ in items:
            folders.setdefault(None if path is None else os.path.dirname(os.path.abspath(path)), path)
        try:  # a broken configuration stops the run before any file is read
            for path in folders.values():
                run.config_for(path)
        except ConfigError as e:
            stop(str(e))
        todo = []
        for n, (path, display) in enumerate(items):
            if cache is None or path is None:
                todo.append(n)
                continue
            try:
                rep, tickets[n] = cache.lookup(run, path, display)
            except InputError as e:
                known[n] = (None, [(display, str(e))])
            except ConfigError as e:
                stop(str(e))
            else:
                if rep is None:
                    todo.append(n)
                    continue
                known[n] = (rep, [(display, m) for m in rep.errors])
            bar.advance()
        try:
            run.prepare(items if (all_rules or fix or diff) else [items[n] for n in todo])
        except ConfigError as e:
            stop(str(e))
        batch = [items[n] for n in todo]
        if jobs is None:
            jobs = _auto_jobs(len(batch))
        if jobs > 1 and len(batch) > 1 and not (fix or diff) and all(p is not None for p, _ in batch):
            checked = _parallel(batch, jobs, run, *pool_args)
        else:
            checked = (run.check_item(path, display, stdin_data) for path, display in batch)
        todo_set = set(todo)
        for n, (path, display) in enumerate(items):
            if n in todo_set:
                rep, errs = next(checked)
                if rep is not None and cache is not None:
                    cache.store(tickets[n], rep, run)
                bar.advance()
            else:
                (rep, errs), known[n] = known[n], None
            for d, m in errs:
                _report_error(errors, d, m)
            if rep is None:
                continue
            if fix or diff:
                try:
                    fixed, before, after = _apply_fixes(run, rep, path, display, stdin_data, unsafe, write=fix)
                except _FixError as e:
                    _report_error(errors, display, f"{'--fix' if fix else '--diff'}: {e}")
                else:
                    if fix:
                        if fixed_count is not None and after != before:
                            fixed_count["files"] = fixed_count.get("files", 0) + 1
                            fixed_count["findings"] = fixed_count.get("findings", 0) + max(
                                0, len(rep.findings) - len(fixed.findings))
                        rep = fixed  # what is left in the file as written
                    if diff:  # the report stays the file's as it is: nothing was written
                        from factcheck.difftext import unified

                        diffs.append(unified(before, after, display))
                    elif path is None:
                        fixed_stdin = after
            rep.doc = None  # the report keeps the source text only: memory stays flat over a batch
            reports.append(rep)
    finally:
        bar.close()
    if cache is not None:
        cache.close()
    return reports, fixed_stdin, diffs


def _open_cache(cache_dir, no_cache):
    if no_cache or not cache_dir:
        return None
    from factcheck.cache import Cache

    return Cache(Path(cache_dir))


def _only_changed(items, ref):
    from factcheck.gitchanges import GitError, changed_files, only_changed

    try:
        return only_changed(items, changed_files(ref))
    except GitError as e:
        _fail(str(e))


def _load_baseline(path):
    from factcheck.baseline import Baseline, BaselineError

    try:
        return Baseline.load(path)
    except BaselineError as e:
        _fail(str(e))


def _apply_baseline(run, baseline, reports):
    """Hide the baseline's findings; its entries that match nothing are reported as
    info, unless factcheck.unused-baseline is ignored or not selected."""
    from factcheck.baseline import UNUSED
    from factcheck.rules import matches

    cfg = run.config_for(None)
    select = list(run.select or cfg.select)
    ignore = list(cfg.ignore) + list(run.ignore or ())
    baseline.apply(reports, report_unused=matches(UNUSED, select) and not matches(UNUSED, ignore))


# --------------------------------------------------------------- parallel

_worker_run = None
_parent_run = None  # the parent's prepared Run, set while its pool starts (see _parallel)


def _worker_init(config_path, select, ignore, lang, published, fail_on):
    global _worker_run
    from multiprocessing.util import Finalize

    from factcheck import rxcache

    # a pool worker ends through os._exit, which skips atexit: keep what it compiled
    Finalize(None, rxcache.save, exitpriority=1)
    if _parent_run is not None:  # forked: the rules the parent loaded are here already
        _worker_run = _parent_run
    else:  # spawned (another platform's default): load them
        _worker_run = Run(config_path, select, ignore, lang, published, fail_on)


def _worker_check(item):
    path, display = item
    rep, errs = _worker_run.check_item(path, display)
    if rep is not None:
        rep.doc = None  # not sent back
    return rep, errs


def _parallel(items, jobs, run, *args):
    """check_item for every item in worker processes; results in the order of the items
    (a worker that dies costs its files an error, not the run).  Where processes are
    forked, a worker starts with the parent's `run`, its rules loaded by Run.prepare;
    elsewhere it builds its own from `args`."""
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    from factcheck.inputs import one_line

    global _parent_run
    ctx = multiprocessing.get_context()
    _parent_run = run if ctx.get_start_method() == "fork" else None
    if _parent_run is not None:
        # the kinds' modules, imported once here rather than once in each worker (rules read
        # from the built rules have not imported them yet)
        from factcheck.kinds import get_kind

        for eng in list(run._engines.values()):
            for name in sorted({r.kind for r in eng.ruleset.rules}):
                get_kind(name)
    with ProcessPoolExecutor(max_workers=jobs, initializer=_worker_init, initargs=args, mp_context=ctx) as ex:
        results = ex.map(_worker_check, items, chunksize=8)  # submits every chunk: the workers start here
        _parent_run = None
        broken = None
        for path, display in items:
            if broken is None:
                try:
                    yield next(results)
                    continue
                except Exception as e:  # a worker died (killed, out of memory)
                    broken = one_line(f"internal error: {type(e).__name__}: {e}")
            yield None, [(display, broken)]


# --------------------------------------------------------------- baseline

@main.group()
def baseline():
    """Baselines: record today's findings so that CI reports only new ones."""


@baseline.command("create")
@click.argument("file", type=click.Path(dir_okay=False))
@click.argument("paths", nargs=-1, required=True)
@click.option("--lang", type=click.Choice(["ar", "en"]), help="Language of the copy (default: from the script).")
@click.option("--published", callback=_parse_published, help="Publication date YYYY-MM-DD (overrides the article's).")
@click.option("--select", multiple=True, callback=_split, help="Only these rule ids or globs (comma-separated).")
@click.option("--ignore", multiple=True, callback=_split, help="Skip these rule ids or globs (comma-separated).")
@click.option("--config", "config_path", type=click.Path(dir_okay=False), help="Use this configuration file.")
@click.option("--jobs", "-j", default="auto", show_default=True, callback=_parse_jobs, metavar="N|auto",
              help="Worker processes (auto: one per usable CPU, at most 8, when at least 64 files need checking).")
@click.option("--cache-dir", type=click.Path(file_okay=False), default=CACHE_DIR, show_default=True,
              help="The result cache (shared with 'factcheck check').")
@click.option("--no-cache", is_flag=True, help="Neither read nor write the result cache.")
def baseline_create(file, paths, lang, published, select, ignore, config_path, jobs, cache_dir, no_cache):
    """Record the findings in PATHS today in FILE (JSON; commit it).  Then
    'factcheck check --baseline FILE' reports only findings that are not in it."""
    from factcheck.baseline import create, write
    from factcheck.config import ConfigError
    from factcheck.fsutil import WriteError
    from factcheck.inputs import display_path

    if "-" in paths:
        _fail("baseline create: a baseline records files; standard input has no name")
    _check_output_path(file, "baseline")
    _only_a_baseline(file)
    try:
        run = Run(config_path, select, ignore, lang, published, None)
    except ConfigError as e:
        _fail(str(e))
    items, errors = collect_inputs(paths)
    items = _spare_output(items, paths, file, "baseline")
    for p, m in errors:
        click.echo(f"factcheck: {p}: {m}", err=True)
    reports, _, _ = _check_items(run, items, errors, None, jobs=jobs, cache=_open_cache(cache_dir, no_cache),
                                 pool_args=(config_path, select, ignore, lang, published, None))
    from factcheck.output.common import RuleFileError

    for e in run.rule_errors:  # shown by Run.prepare
        errors.append(RuleFileError((display_path(e.path), f"{e.line}:{e.col}: {e.message}")))
    data = create(reports, Path(file))
    try:
        write(Path(file), data)
    except WriteError as e:
        _fail(f"baseline {display_path(file)}: {e}")
    click.echo(f"{display_path(file)}: {data['findings']} finding(s) in {len(reports)} file(s) recorded"
               + (f"; {len(errors)} problem(s), see above" if errors else ""))
    sys.exit(EXIT_ERROR if errors else EXIT_OK)


def _only_a_baseline(file) -> None:
    """A baseline replaces only a baseline: an existing FILE that is not one (an article, when
    FILE and PATHS were swapped) ends the run before anything is written."""
    from factcheck.inputs import display_path

    try:
        with open(file, "rb") as f:
            head = f.read(4096)
    except FileNotFoundError:
        return
    except OSError as e:
        _fail(f"baseline {display_path(file)}: {e.strerror or e}")
    if head.strip() and b'"factcheck.baseline/' not in head and not head.lstrip().startswith(b"{"):
        _fail(f"baseline {display_path(file)}: exists and is not a factcheck baseline; refusing to write over it "
              "(the baseline file comes first: factcheck baseline create FILE PATHS...)")


# ------------------------------------------------------------------ audit

@main.command()
@click.argument("paths", nargs=-1, required=True)
@click.option("--output", "-o", required=True, type=click.Path(dir_okay=False),
              help="Records file: Parquet when it ends in .parquet, JSON Lines otherwise.")
@click.option("--scheduler", default="local", show_default=True,
              help="'local' (a Dask LocalCluster, one worker per core) or a scheduler address tcp://HOST:PORT.")
@click.option("--workers", type=click.IntRange(1, 512), help="Local workers (default: one per core).")
@click.option("--batch-size", type=click.IntRange(1, 100000), default=100, show_default=True,
              help="Files per Dask task.")
@click.option("--resume", is_flag=True, help="Keep the records already in OUTPUT and check only the other files.")
@click.option("--progress/--no-progress", default=True, help="Progress bar on standard error.")
@click.option("--lang", type=click.Choice(["ar", "en"]), help="Language of the copy (default: from the script).")
@click.option("--published", callback=_parse_published, help="Publication date YYYY-MM-DD (overrides the article's).")
@click.option("--select", multiple=True, callback=_split, help="Only these rule ids or globs (comma-separated).")
@click.option("--ignore", multiple=True, callback=_split, help="Skip these rule ids or globs (comma-separated).")
@click.option("--config", "config_path", type=click.Path(dir_okay=False), help="Use this configuration file.")
def audit(paths, output, scheduler, workers, batch_size, resume, progress, lang, published, select, ignore,
          config_path):
    """Check an archive on Dask: one record per file (the JSON report's file entry
    plus sha256, size, elapsed, error) in OUTPUT.  See docs/audit.md."""
    from factcheck.audit import Settings, main as audit_main

    settings = Settings(os.path.abspath(config_path) if config_path else None, tuple(select), tuple(ignore), lang,
                        published)
    sys.exit(audit_main(paths, output, settings=settings, scheduler=scheduler, workers=workers,
                        batch_size=batch_size, resume=resume, progress=progress))


# ------------------------------------------------------------------ rules

def _configured_rules(extra_dirs=(), built: bool = True):
    """The rule packs in force here: the built-in ones, the working directory's
    configuration's `rules_dirs`, then `extra_dirs`; a broken configuration ends the run
    with one line.  `built` False decodes every built-in rule file from its YAML
    (factcheck.rules.load_rules)."""
    from factcheck.config import ConfigError, find_config
    from factcheck.rules import load_rules

    try:
        dirs = tuple(find_config(Path.cwd()).rules_dirs)
    except ConfigError as e:
        _fail(str(e))
    # a folder named twice (on the command line and in rules_dirs) is read once: its
    # errors were reported twice
    seen, once = set(), []
    for d in dirs + tuple(extra_dirs):
        key = os.path.realpath(d)
        if key not in seen:
            seen.add(key)
            once.append(d)
    return load_rules(tuple(once), built=built)


@main.group(invoke_without_command=True)
@click.option("--lang", type=click.Choice(["ar", "en"]))
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text")
@click.pass_context
def rules(ctx, lang, fmt):
    """List the rules (or: factcheck rules validate)."""
    if ctx.invoked_subcommand is not None:
        return
    rs = _configured_rules()
    for e in rs.errors:
        click.echo(f"factcheck: {e}", err=True)
    selected = [r for r in rs.rules if not lang or r.lang == lang]
    if fmt == "json":
        import json

        click.echo(json.dumps([{"id": r.id, "kind": r.kind, "category": r.category, "severity": r.severity,
                                "enabled": not getattr(r, "disabled", False),
                                "description": r.description, "path": r.path} for r in selected],
                              ensure_ascii=False, indent=1))
    else:
        from rich.console import Console
        from rich.table import Table
        from rich.text import Text

        t = Table("id", "category", "severity", "kind", "what it checks", box=None, pad_edge=False)
        # the id is never cut (it is what --select and --ignore take); only the description wraps
        t.columns[0].no_wrap = True
        t.columns[0].overflow = "fold"
        t.columns[0].min_width = max((len(r.id) for r in selected), default=2)
        for r in selected:  # house rules' words are shown as written, never read as markup
            sev = r.severity + (" (off)" if getattr(r, "disabled", False) else "")
            t.add_row(*map(Text, (r.id, r.category, sev, r.kind, _summary(r.description))))
        console = Console(soft_wrap=False)
        if not console.is_terminal:  # piped: one line a rule, for grep and cut
            console = Console(soft_wrap=False, width=100_000, no_color=True)
        console.print(t)
    sys.exit(EXIT_ERROR if rs.errors else EXIT_OK)


def _summary(description: str) -> str:
    """A rule's description for the list: its first sentence, the lines of a YAML block
    (hard-wrapped at the file's width) joined (they were cut at the first line break)."""
    import re

    text = " ".join(description.strip().split("\n\n", 1)[0].split())
    m = re.search(r"(?<=[.!?])[\"”’)»]*\s+(?=[A-Z«\"“(\u0600-\u06ff])", text)
    return text[:m.start()].rstrip() if m else text


@rules.command("validate")
@click.argument("dirs", nargs=-1, type=click.Path(exists=True, file_okay=False))
def rules_validate(dirs):
    """Decode every rule strictly and run its examples; errors as path:line:col."""
    from factcheck.engine import Engine
    from factcheck.selftest import check_examples

    # every file decoded from its YAML, not read from the built rules: this is the strict check
    rs = _configured_rules((str(Path(d).resolve()) for d in dirs), built=False)
    problems = list(rs.errors)
    engine = Engine(rs)
    for r in rs.rules:
        problems.extend(check_examples(r, engine))
    for p in problems:
        click.echo(str(p), err=True)
    n_ex = sum(len(r.bad) + len(r.good) for r in rs.rules)
    if problems:
        click.echo(f"{len(problems)} problem(s) in {len(rs.rules)} rule(s)", err=True)
        sys.exit(EXIT_ERROR)
    click.echo(f"{len(rs.rules)} rules, {n_ex} examples: all pass")


@main.command()
@click.argument("rule_id")
def explain(rule_id):
    """What a rule does, why, and its examples."""
    from rich.console import Console
    from rich.text import Text

    rule = _configured_rules().by_id().get(rule_id)
    if rule is None:
        _fail(f"unknown rule id {rule_id!r} (see 'factcheck rules')")
    c = Console(highlight=False, soft_wrap=True)
    c.print(Text(rule.id, style="bold"))
    c.print(Text(f"kind: {rule.kind}   category: {rule.category}   severity: {rule.severity}   file: {rule.path}"))
    c.print()
    c.print(Text(rule.description))
    c.print()
    c.print(Text("Message: ", style="bold") + Text(rule.message))
    if rule.needs:
        c.print(Text(f"Needs: {', '.join(rule.needs)}"))
    if getattr(rule, "disabled", False):
        c.print(Text(f"Off by default: it runs only where a configuration names it, "
                     f"select = [\"*\", \"{rule.id}\"] (a glob such as * does not turn it on).", style="yellow"))
    c.print()
    c.print(Text("Anti-pattern (fires):", style="bold red"))

    def published(ex):  # the date an example is checked with: the same words may be right on another day
        pub = getattr(ex, "published", None)
        return Text(f"  (published {pub})", style="dim") if pub else Text("")

    for ex in rule.bad:
        t = Text("  ")
        pos = 0
        for s, e in ex.spans:  # marked by style and by ⟦ ⟧, which survive a pipe
            t.append(ex.text[pos:s])
            t.append("⟦" + ex.text[s:e] + "⟧", style="bold white on red")
            pos = e
        t.append(ex.text[pos:])
        c.print(t + published(ex))
        if ex.fixed is not None:
            c.print(Text("  → ", style="green") + Text(ex.fixed))
    c.print()
    c.print(Text("Best practice (silent):", style="bold green"))
    for ex in rule.good:
        c.print(Text("  " + ex.text) + published(ex))


@main.command()
@click.argument("path")
@click.option("--lang", type=click.Choice(["ar", "en"]))
@click.option("--published", callback=_parse_published, help="Publication date YYYY-MM-DD.")
@click.option("--format", "fmt", type=click.Choice(["text", "json", "html"]), default="text",
              help="html: one self-contained page drawing the dated events on a time axis.")
def dates(path, lang, published, fmt):
    """Print every date expression of an article and what it resolves to."""
    run, p, doc = _load_one(path, lang, published)
    from factcheck.dates import render_timeline, timeline_for

    findings = None
    if fmt == "html":  # the drawing colours the date findings, as the configuration has the rules
        findings = [f for f in run.engine_for(run.config_for(p)).check(doc).findings if f.category == "date"]
    timeline = timeline_for(doc)
    render_timeline(doc, _raw_offsets(doc, timeline=timeline) if fmt == "json" else timeline, fmt, sys.stdout,
                    findings)


@main.command()
@click.argument("path")
@click.option("--lang", type=click.Choice(["ar", "en"]))
@click.option("--published", callback=_parse_published, help="Publication date YYYY-MM-DD.")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text")
def figures(path, lang, published, fmt):
    """List every figure of an article: value, unit, what it counts and who says so."""
    _, _, doc = _load_one(path, lang, published)
    from factcheck.figures import figure_dicts, render_figures

    figs = figure_dicts(doc)
    render_figures(doc, _raw_offsets(doc, figures=figs) if fmt == "json" else figs, fmt, sys.stdout)


def _raw_offsets(doc, timeline=None, figures=None) -> list:
    """The timeline or figures of `dates`/`figures --format json`, their offsets into the file
    as stored, as `check` gives them (a CRLF is two code points: factcheck.fixes.report_to_raw)."""
    from factcheck.engine import FileReport
    from factcheck.fixes import report_to_raw

    rep = FileReport(doc.path, timeline=timeline or [], figures=figures or [], source=doc.source,
                     raw_source=doc.raw_source)
    report_to_raw(rep)
    return rep.timeline if timeline is not None else rep.figures


# ------------------------------------------------------------ editors: server and LSP

@main.command()
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on (localhost unless told).")
@click.option("--port", type=click.IntRange(0, 65535), default=8081, show_default=True, help="Port (0: any free one).")
@click.option("--workers", type=click.IntRange(0, 64), default=lambda: min(4, os.cpu_count() or 1),
              show_default="CPUs, at most 4", help="Analysis worker processes (0: one thread, for debugging).")
@click.option("--max-body", type=click.IntRange(1), default=2 * 1024 * 1024, show_default=True,
              help="Largest request body in bytes (larger: 413).")
@click.option("--timeout", type=click.FloatRange(0.1), default=30.0, show_default=True,
              help="Seconds allowed for receiving a request and for its analysis.")
@click.option("--config", "config_path", type=click.Path(dir_okay=False), help="Use this configuration file.")
@click.option("--allow-origin", "allow_origins", multiple=True, metavar="ORIGIN",
              help="Let pages from ORIGIN ('*' for any) call the API from a browser (CORS), like LanguageTool's option.")
@click.option("--access-log", is_flag=True, help="Log every request.")
def serve(host, port, workers, max_body, timeout, config_path, allow_origins, access_log):
    """HTTP server: the editor page at /, /v1/check, and LanguageTool's /v2 API."""
    from factcheck.config import ConfigError
    from factcheck.server.app import Settings
    from factcheck.server.run import serve as run_server
    from factcheck.service import Checker, load_config

    try:
        checker = Checker(load_config(config_path))  # configuration and rule errors stop us here
    except ConfigError as e:
        _fail(str(e))
    for e in checker.ruleset.errors:
        click.echo(f"factcheck: {e}", err=True)
    settings = Settings(workers=workers, max_body=max_body, timeout=timeout, config_path=config_path,
                        cwd=str(Path.cwd()), allow_origins=tuple(allow_origins))
    sys.exit(run_server(host, port, settings, click.echo, access_log=access_log))


@main.command()
def lsp():
    """Language server over standard input and output (diagnostics, fixes, hovers)."""
    from factcheck.lsp import main as lsp_main

    lsp_main()
