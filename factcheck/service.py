"""factcheck for long-lived processes: the HTTP server's workers and the language server.

A `Checker` loads the configuration and the rules once and checks texts handed to it.
It never opens a path it is given with a text: such a path is a label, shown in the
report and matched as a string against the configuration's `overrides`.  Requests that
cannot be checked raise `RequestError` with an HTTP status and a one-line reason.
"""

from __future__ import annotations

import datetime as _dt
import posixpath
from collections import OrderedDict
from dataclasses import replace
from pathlib import Path

from factcheck.config import META_RULES, Config, find_config, load_config_file
from factcheck.engine import Engine, FileReport
from factcheck.rules import load_rules

FORMATS = ("text", "markdown", "html")
LANGS = ("ar", "en")
_WARM = {"ar": "قال الوزير إن الاتفاق نهائي.. وأضاف أن التنفيذ يبدأ غدا في 12 مارس 2025.",
         "en": "The minister said the the deal was final on March 12, 2025."}


class RequestError(Exception):
    """A request that cannot be checked: an HTTP status and a one-line reason."""

    def __init__(self, status: int, message: str):
        super().__init__(status, message)

    @property
    def status(self) -> int:
        return self.args[0]

    @property
    def message(self) -> str:
        return self.args[1]

    def __str__(self) -> str:
        return self.message


def load_config(config_path: str | None = None, start: Path | None = None) -> Config:
    """The configuration file named, or the one found from `start` (default: the
    working directory) upward; raises config.ConfigError."""
    if config_path:
        return load_config_file(Path(config_path))
    return find_config(start or Path.cwd())


class Checker:
    """Rules and models loaded once; `check` is safe to call again and again."""

    MAX_ENGINES = 32  # distinct select/ignore settings kept (each shares the compiled rules)

    def __init__(self, config: Config | None = None):
        self.config = config or Config()
        self.ruleset = load_rules(tuple(self.config.rules_dirs))
        self.rules = self.ruleset.by_id()
        self.config.check_rule_ids(set(self.rules))  # ConfigError, as on the command line
        self._base = Engine(self.ruleset, self.config)
        self._engines: OrderedDict[tuple, Engine] = OrderedDict()

    # ------------------------------------------------------------ settings

    def label(self, path: str | None) -> str:
        """A request's path as a clean label ('-' when none); never looked up on disk."""
        if not path:
            return "-"
        if not isinstance(path, str) or "\x00" in path or len(path) > 4096:
            raise RequestError(400, "path must be a short string (a label: it is never opened)")
        return posixpath.normpath(path.replace("\\", "/"))

    def _engine(self, select, ignore, severity) -> Engine:
        key = (tuple(select), tuple(ignore), tuple(sorted(severity.items())))
        eng = self._engines.get(key)
        if eng is None:
            cfg = replace(self.config, select=list(select), ignore=list(ignore), severity=dict(severity),
                          overrides=[])
            eng = Engine(self.ruleset, cfg)
            eng._checkers = self._base._checkers  # compiled rules are shared, built once
            self._engines[key] = eng
            while len(self._engines) > self.MAX_ENGINES:
                self._engines.popitem(last=False)
        else:
            self._engines.move_to_end(key)
        return eng

    def check_rule_ids(self, ids, what: str) -> list[str]:
        """Rule ids or globs; a plain id that names no rule is a 400."""
        from factcheck.rules import unknown_id

        out = []
        for rid in ids or ():
            if not isinstance(rid, str) or not rid:
                raise RequestError(400, f"{what}: rule ids are non-empty strings")
            why = unknown_id(rid, self.rules, META_RULES, glob_must_match=what == "select")
            if why:
                raise RequestError(400, f"{what}: {why} (GET /v1/rules lists them)")
            out.append(rid)
        return out

    # ------------------------------------------------------------ checking

    def check(self, text: str, *, path: str | None = None, fmt: str | None = None, lang: str | None = None,
              published: str | _dt.date | None = None, select=None, ignore=None, view=None) -> FileReport:
        """Check one text.  `select` replaces the configured selection, `ignore` adds to it."""
        from factcheck.document import InputError, parse_document

        if fmt is not None and fmt not in FORMATS:
            raise RequestError(400, f"unknown format {fmt!r} (expected {', '.join(FORMATS)})")
        if lang is not None and lang not in LANGS:
            raise RequestError(400, f"unknown language {lang!r} (factcheck checks {' and '.join(LANGS)})")
        if isinstance(published, str):
            try:
                published = _dt.date.fromisoformat(published)
            except ValueError:
                raise RequestError(400, f"published: expected a date YYYY-MM-DD, not {published!r}") from None
        label = self.label(path)
        cfg_select, cfg_ignore, severity, cfg_lang = self.config.for_path(None if label == "-" else label,
                                                                          resolve=False)
        if select is not None:
            cfg_select = self.check_rule_ids(select, "select")
        if ignore:
            cfg_ignore = cfg_ignore + self.check_rule_ids(ignore, "ignore")
        engine = self._engine(cfg_select, cfg_ignore, severity)
        raw, crlf = text, []
        if "\r" in text and view is None:  # checked as \n; offsets are given back in the text as sent
            text, crlf = _newlines(text)
        try:
            doc = parse_document(label, text, lang=lang, published=published, default_lang=cfg_lang or "en",
                                 fmt=fmt, view=view)
        except InputError as e:
            raise RequestError(422, str(e)) from None
        doc.analysis_model = (self.config.analysis.get(doc.lang) or {}).get("model")
        rep = engine.report(doc)
        if crlf or raw != text:
            from factcheck.fixes import report_to_raw

            rep.raw_source = raw
            report_to_raw(rep)
        return rep

    def entry(self, rep: FileReport) -> dict:
        """The report's file entry as in the factcheck.report/1 JSON (rule failures under 'errors')."""
        from factcheck.output.common import report_dict

        entry = report_dict([rep], [])["files"][0]
        if rep.errors:
            entry["errors"] = list(rep.errors)
        return entry

    def warm(self) -> None:
        """Compile every rule and load the models now rather than on the first request."""
        for lang, text in _WARM.items():
            self.check(text, lang=lang, published="2025-03-12")


def _newlines(text: str) -> tuple[str, list[int]]:
    """The text with \r\n and \r read as \n, and the offsets (in that text) of each \n
    that stands for a \r\n."""
    crlf, out, pos, n = [], [], 0, 0
    i = text.find("\r")
    while i != -1:
        out.append(text[pos:i])
        n += i - pos
        if text.startswith("\r\n", i):
            crlf.append(n)  # the \n is copied with the next piece
        else:
            out.append("\n")
            n += 1
        pos = i + 1
        i = text.find("\r", pos)
    out.append(text[pos:])
    return "".join(out), crlf


