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
    """(path-or-None-for-stdin, display) pairs, and (display, message) errors."""
    from factcheck.document import ARTICLE_SUFFIXES

    items, errors = [], []
    for p in paths:
        if p == "-":
            items.append((None, "-"))
            continue
        path = Path(p)
        if path.is_dir():
            found = sorted(
                q for q in path.rglob("*")
                if q.is_file() and q.suffix.lower() in ARTICLE_SUFFIXES
                and not any(part.startswith(".") for part in q.relative_to(path).parts)
            )
            if not found:
                errors.append((p, f"no articles found in directory (looked for {' '.join(ARTICLE_SUFFIXES)})"))
            items.extend((q, str(q)) for q in found)
        elif path.exists():
            items.append((path, p))
        else:
            errors.append((p, "no such file or directory"))
    return items, errors


class Run:
    """Configuration, rules and engines for one invocation, cached per config."""

    def __init__(self, config_path, select, ignore, lang, published, fail_on):
        self.config_path = config_path
        self.select, self.ignore = select, ignore
        self.lang, self.published, self.fail_on_flag = lang, published, fail_on
        self.rule_errors: list = []
        self._engines: dict = {}
        self._fixed_config = None
        if config_path:
            from factcheck.config import load_config_file

            self._fixed_config = load_config_file(Path(config_path))

    def config_for(self, path):
        from factcheck.config import find_config

        cfg = self._fixed_config or find_config(Path(path) if path else Path.cwd())
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
                click.echo(f"factcheck: {e}", err=True)
        known = {r.id for r in ruleset.rules}
        try:
            cfg.check_rule_ids(known)
        except ConfigError as e:
            _fail(str(e))
        from factcheck.config import META_RULES

        for flag, ids in (("--select", self.select), ("--ignore", self.ignore)):
            for rid in ids or ():
                if not any(c in rid for c in "*?[") and rid not in known and rid not in META_RULES:
                    _fail(f"{flag}: unknown rule id {rid!r} (see 'factcheck rules')")
        if self.select:
            cfg.select = list(self.select)
        if self.ignore:
            cfg.ignore = list(cfg.ignore) + list(self.ignore)
        self._engines[key] = Engine(ruleset, cfg)
        return self._engines[key]

    def check_one(self, path, display, stdin_data=None, text=None):
        """A FileReport, or raises InputError. `text` checks that text as the file's
        contents (a re-check after fixes); stdin_data is the standard input's bytes."""
        from factcheck.document import decode, load_path, parse_document

        cfg = self.config_for(path)
        engine = self.engine_for(cfg)
        _, _, _, lang_default = cfg.for_path(display)
        kw = dict(lang=self.lang, published=self.published, default_lang=lang_default or "en")
        if text is not None:
            doc = parse_document(display, text, **kw)
        elif path is None:
            doc = parse_document("-", decode(stdin_data), **kw)
        else:
            doc = load_path(path, display, **kw)
        doc.analysis_model = (cfg.analysis.get(doc.lang) or {}).get("model")
        rep = engine.check(doc)
        _add_timeline(rep, doc)
        _add_figures(rep, doc)
        return rep

    def fail_on(self, path):
        if self.fail_on_flag:
            return self.fail_on_flag
        cfg = self.config_for(path)
        return cfg.fail_on or "error"


def _add_timeline(rep, doc):
    """Fill the report's timeline when the dates module is present."""
    try:
        from factcheck.dates import timeline_for
    except ImportError:
        return
    rep.timeline = timeline_for(doc)


def _add_figures(rep, doc):
    """Fill the report's figures (the list `factcheck figures` prints)."""
    from factcheck.figures import figure_dicts

    rep.figures = figure_dicts(doc)


def _load_one(path, lang, published):
    """One article (a file or - for standard input) as a Document; a bad input ends the run."""
    from factcheck.document import InputError, decode, load_path, parse_document

    try:
        if path == "-":
            return parse_document("-", decode(sys.stdin.buffer.read()), lang=lang, published=published)
        return load_path(Path(path), path, lang=lang, published=published)
    except InputError as e:
        _fail(f"{path}: {e}")


def _parse_published(ctx, param, value):
    if value is None:
        return None
    try:
        return _dt.date.fromisoformat(value)
    except ValueError:
        raise click.BadParameter("expected YYYY-MM-DD") from None


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
@click.option("--jobs", "-j", type=click.IntRange(1, 64), default=1, show_default=True, help="Worker processes.")
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
    from factcheck.output import get_format

    if fix and show_diff:
        _fail("--fix and --diff: choose one (--diff writes nothing)")
    baseline = _load_baseline(baseline_path) if baseline_path else None
    try:
        run = Run(config_path, select, ignore, lang, published, fail_on)
    except ConfigError as e:
        _fail(str(e))
    items, errors = collect_inputs(paths)
    if changed_since:
        items = _only_changed(items, changed_since)
    for p, m in errors:
        click.echo(f"factcheck: {p}: {m}", err=True)
    stdin_data = sys.stdin.buffer.read() if any(p is None for p, _ in items) else None
    cache = _open_cache(cache_dir, no_cache)
    reports, fixed_stdin, diffs = _check_items(
        run, items, errors, stdin_data, jobs=jobs, cache=cache, fix=fix, unsafe=unsafe_fixes, diff=show_diff,
        pool_args=(config_path, select, ignore, lang, published, fail_on))
    if baseline is not None:
        _apply_baseline(run, baseline, reports)
    for e in run.rule_errors:
        errors.append((e.path, f"{e.line}:{e.col}: {e.message}"))

    if fixed_stdin is not None or show_diff:
        sys.stdout.write(fixed_stdin if fixed_stdin is not None else "".join(diffs))
        stream = sys.stderr
    else:
        stream = None
    use_color = color if color is not None else (output is None and (stream or sys.stdout).isatty())
    fmt_mod = get_format(fmt)
    if fmt == "sarif" and reports and not run._engines:  # every result came from the cache
        run.engine_for(run.config_for(None))
    all_rules = []
    for eng in run._engines.values():
        all_rules.extend(eng.ruleset.rules)
    if output:
        with open(output, "w", encoding="utf-8") as out:
            fmt_mod.render(reports, errors, out, color=False, rules=all_rules)
    else:
        fmt_mod.render(reports, errors, stream or sys.stdout, color=use_color, rules=all_rules)

    if errors:
        sys.exit(EXIT_ERROR)
    for rep in reports:
        threshold = run.fail_on(rep.path if rep.path != "-" else None)
        if any(at_or_above(f.severity, threshold) for f in rep.findings):
            sys.exit(EXIT_FINDINGS)
    sys.exit(EXIT_OK)


def _apply_fixes(run, rep, path, display, stdin_data, unsafe, write=True):
    from factcheck.document import decode, read_bytes
    from factcheck.fixes import apply_edits, choose_edits

    raw = stdin_data if path is None else read_bytes(path)
    crlf = b"\r\n" in raw
    text = rep.source
    for _ in range(4):  # fixes can uncover or enable others; stop when stable
        edits = choose_edits(rep.findings, unsafe=unsafe)
        if not edits:
            break
        text = apply_edits(text, edits)
        rep = run.check_one(path, display, text=text)
    if write and path is not None and text != decode(raw):
        data = (text.replace("\n", "\r\n") if crlf else text).encode("utf-8")
        _atomic_write(path, data)
    return rep, text


def _atomic_write(path: Path, data: bytes) -> None:
    from factcheck.atomicio import write_atomic

    write_atomic(path, data, mode=path.stat().st_mode & 0o7777)


# ------------------------------------------------------ batch, cache, baseline

def _check_items(run, items, errors, stdin_data, *, jobs=1, cache=None, fix=False, unsafe=False, diff=False,
                 pool_args=()):
    """Check every item (from the cache when it can), with a progress bar on a
    terminal; returns (reports in input order, fixed standard input, diffs)."""
    from factcheck.config import ConfigError
    from factcheck.document import InputError
    from factcheck.progress import progress

    results: list = [None] * len(items)
    tickets: list = [None] * len(items)
    out = {"stdin": None, "diffs": []}
    bar = progress(len(items))

    def failed(display, message):
        errors.append((display, message))
        click.echo(f"factcheck: {display}: {message}", err=True)
        bar.advance()

    def finish(n, rep):
        path, display = items[n]
        if cache is not None:
            cache.store(tickets[n], rep, run)
        for m in rep.errors:
            errors.append((display, m))
            click.echo(f"factcheck: {display}: {m}", err=True)
        if fix or diff:
            from factcheck.difftext import unified

            old = rep.source
            rep, text = _apply_fixes(run, rep, path, display, stdin_data, unsafe, write=fix)
            if diff:
                out["diffs"].append(unified(old, text, display))
            elif path is None:
                out["stdin"] = text
        rep.doc = None  # the report keeps the source text only: memory stays flat over a batch
        results[n] = rep
        bar.advance()

    def attempt(display, fn, *args):
        """fn(*args); None after reporting a file that cannot be read; a configuration error ends the run."""
        try:
            return fn(*args)
        except InputError as e:
            failed(display, str(e))
        except ConfigError as e:
            bar.close()
            _fail(str(e))
        return None

    try:
        todo = []
        for n, (path, display) in enumerate(items):
            if cache is not None and path is not None:
                got = attempt(display, cache.lookup, run, path, display)
                if got is None:
                    continue
                rep, tickets[n] = got
                if rep is not None:
                    finish(n, rep)
                    continue
            todo.append(n)
        if jobs > 1 and len(todo) > 1 and not (fix or diff) and all(items[n][0] is not None for n in todo):
            from factcheck.yamlio import SourceError

            seen = {(e.path, e.line, e.col, e.message) for e in run.rule_errors}
            for n, (rep, err, rule_errors) in zip(todo, _parallel([items[n] for n in todo], jobs, *pool_args)):
                for t in rule_errors:
                    if t not in seen:
                        seen.add(t)
                        run.rule_errors.append(SourceError(*t))
                if rep is None:
                    failed(*err)
                else:
                    finish(n, rep)
        else:
            for n in todo:
                path, display = items[n]
                rep = attempt(display, run.check_one, path, display, stdin_data)
                if rep is not None:
                    finish(n, rep)
    finally:
        bar.close()
    if cache is not None:
        cache.close()
    return [r for r in results if r is not None], out["stdin"], out["diffs"]


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


def _worker_init(config_path, select, ignore, lang, published, fail_on):
    global _worker_run
    _worker_run = Run(config_path, select, ignore, lang, published, fail_on)


def _worker_check(item):
    """(report, None, rule errors) or (None, (display, message), rule errors); the
    rule errors (as tuples) so that the parent reports them and caches nothing."""
    from factcheck.document import InputError

    path, display = item
    rule_errors = [(e.path, e.line, e.col, e.message) for e in _worker_run.rule_errors]
    try:
        rep = _worker_run.check_one(path, display)
    except InputError as e:
        return None, (display, str(e)), rule_errors
    rep.doc = None  # not sent back
    return rep, None, rule_errors + [(e.path, e.line, e.col, e.message) for e in _worker_run.rule_errors]


def _parallel(items, jobs, *args):
    """(report, error, rule errors) for each item, in order."""
    from concurrent.futures import ProcessPoolExecutor

    with ProcessPoolExecutor(max_workers=jobs, initializer=_worker_init, initargs=args) as ex:
        yield from ex.map(_worker_check, items, chunksize=8)


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
@click.option("--jobs", "-j", type=click.IntRange(1, 64), default=1, show_default=True, help="Worker processes.")
@click.option("--cache-dir", type=click.Path(file_okay=False), default=CACHE_DIR, show_default=True,
              help="The result cache (shared with 'factcheck check').")
@click.option("--no-cache", is_flag=True, help="Neither read nor write the result cache.")
def baseline_create(file, paths, lang, published, select, ignore, config_path, jobs, cache_dir, no_cache):
    """Record the findings in PATHS today in FILE (JSON; commit it).  Then
    'factcheck check --baseline FILE' reports only findings that are not in it."""
    from factcheck.baseline import create, write
    from factcheck.config import ConfigError

    if "-" in paths:
        _fail("baseline create: a baseline records files; standard input has no name")
    try:
        run = Run(config_path, select, ignore, lang, published, None)
    except ConfigError as e:
        _fail(str(e))
    items, errors = collect_inputs(paths)
    for p, m in errors:
        click.echo(f"factcheck: {p}: {m}", err=True)
    reports, _, _ = _check_items(run, items, errors, None, jobs=jobs, cache=_open_cache(cache_dir, no_cache),
                                 pool_args=(config_path, select, ignore, lang, published, None))
    for e in run.rule_errors:
        errors.append((e.path, f"{e.line}:{e.col}: {e.message}"))
        click.echo(f"factcheck: {e}", err=True)
    data = create(reports, Path(file))
    try:
        write(Path(file), data)
    except OSError as e:
        _fail(f"{file}: cannot write the baseline: {e.strerror or e}")
    click.echo(f"{file}: {data['findings']} finding(s) in {len(reports)} file(s) recorded"
               + (f"; {len(errors)} problem(s), see above" if errors else ""))
    sys.exit(EXIT_ERROR if errors else EXIT_OK)


# ------------------------------------------------------------------ rules

@main.group(invoke_without_command=True)
@click.option("--lang", type=click.Choice(["ar", "en"]))
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text")
@click.pass_context
def rules(ctx, lang, fmt):
    """List the rules (or: factcheck rules validate)."""
    if ctx.invoked_subcommand is not None:
        return
    from factcheck.config import find_config
    from factcheck.rules import load_rules

    rs = load_rules(tuple(find_config(Path.cwd()).rules_dirs))
    for e in rs.errors:
        click.echo(f"factcheck: {e}", err=True)
    selected = [r for r in rs.rules if not lang or r.lang == lang]
    if fmt == "json":
        import json

        click.echo(json.dumps([{"id": r.id, "kind": r.kind, "category": r.category, "severity": r.severity,
                                "description": r.description, "path": r.path} for r in selected],
                              ensure_ascii=False, indent=1))
    else:
        from rich.console import Console
        from rich.table import Table

        t = Table("id", "category", "severity", "kind", "what it checks", box=None, pad_edge=False)
        for r in selected:
            t.add_row(r.id, r.category, r.severity, r.kind, r.description.split("\n")[0])
        Console(soft_wrap=False).print(t)
    sys.exit(EXIT_ERROR if rs.errors else EXIT_OK)


@rules.command("validate")
@click.argument("dirs", nargs=-1, type=click.Path(exists=True, file_okay=False))
def rules_validate(dirs):
    """Decode every rule strictly and run its examples; errors as path:line:col."""
    from factcheck.config import ConfigError, find_config
    from factcheck.engine import Engine
    from factcheck.rules import load_rules
    from factcheck.selftest import check_examples

    try:
        extra = tuple(find_config(Path.cwd()).rules_dirs) + tuple(str(Path(d).resolve()) for d in dirs)
    except ConfigError as e:
        _fail(str(e))
    rs = load_rules(extra)
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

    from factcheck.config import find_config
    from factcheck.rules import load_rules

    rs = load_rules(tuple(find_config(Path.cwd()).rules_dirs))
    rule = rs.by_id().get(rule_id)
    if rule is None:
        _fail(f"unknown rule id {rule_id!r} (see 'factcheck rules')")
    c = Console(highlight=False, soft_wrap=True)
    c.print(Text(rule.id, style="bold"))
    c.print(f"kind: {rule.kind}   category: {rule.category}   severity: {rule.severity}   file: {rule.path}")
    c.print()
    c.print(rule.description)
    c.print()
    c.print(Text("Message: ", style="bold") + Text(rule.message))
    if rule.needs:
        c.print(f"Needs: {', '.join(rule.needs)}")
    c.print()
    c.print(Text("Anti-pattern (fires):", style="bold red"))
    for ex in rule.bad:
        t = Text("  ")
        pos = 0
        for s, e in ex.spans:  # marked by style and by ⟦ ⟧, which survive a pipe
            t.append(ex.text[pos:s])
            t.append("⟦" + ex.text[s:e] + "⟧", style="bold white on red")
            pos = e
        t.append(ex.text[pos:])
        c.print(t)
        if ex.fixed is not None:
            c.print(Text("  → ", style="green") + Text(ex.fixed))
    c.print()
    c.print(Text("Best practice (silent):", style="bold green"))
    for ex in rule.good:
        c.print(Text("  " + ex.text))


@main.command()
@click.argument("path")
@click.option("--lang", type=click.Choice(["ar", "en"]))
@click.option("--published", callback=_parse_published, help="Publication date YYYY-MM-DD.")
@click.option("--format", "fmt", type=click.Choice(["text", "json", "html"]), default="text",
              help="html: one self-contained page drawing the dated events on a time axis.")
def dates(path, lang, published, fmt):
    """Print every date expression of an article and what it resolves to."""
    doc = _load_one(path, lang, published)
    from factcheck.dates import render_timeline, timeline_for

    render_timeline(doc, timeline_for(doc), fmt, sys.stdout)


@main.command()
@click.argument("path")
@click.option("--lang", type=click.Choice(["ar", "en"]))
@click.option("--published", callback=_parse_published, help="Publication date YYYY-MM-DD.")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text")
def figures(path, lang, published, fmt):
    """List every figure of an article: value, unit, what it counts and who says so."""
    doc = _load_one(path, lang, published)
    from factcheck.figures import figure_dicts, render_figures

    render_figures(doc, figure_dicts(doc), fmt, sys.stdout)


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
