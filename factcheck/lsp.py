"""`factcheck lsp`: a language server over standard input and output (pygls).

Diagnostics for Markdown, HTML and plain-text documents on open, change (debounced)
and save; a code action for each fix (safe ones preferred) and one that applies every
safe fix; a hover that gives the rule's description.  The configuration is the
workspace's own (.factcheck.yaml or [tool.factcheck], found from each document's path
upward) and is re-read when such a file is saved or changed on disk.

Positions: factcheck counts code points; the client gets the position encoding it
negotiated (utf-16 when it offers nothing else, as LSP requires).  Lines are split at
\\n, \\r\\n and \\r only, as LSP defines them.  Documents are synchronised in full, so the
server's copy of a text is always the client's.
"""

from __future__ import annotations

import asyncio
import logging
import re
from bisect import bisect_right
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote, urlparse

from lsprotocol import types
from pygls.lsp.server import LanguageServer

from factcheck import __version__

log = logging.getLogger("factcheck.lsp")
DEBOUNCE = 0.3  # seconds of quiet after a change before checking
LANGUAGE_IDS = {"markdown": "markdown", "html": "html", "plaintext": "text", "text": "text"}
SUFFIXES = {".md": "markdown", ".markdown": "markdown", ".html": "html", ".htm": "html", ".txt": None}
CONFIG_FILES = (".factcheck.yaml", ".factcheck.yml", "pyproject.toml")
_SEVERITY = {"error": types.DiagnosticSeverity.Error, "warning": types.DiagnosticSeverity.Warning,
             "info": types.DiagnosticSeverity.Information}
_LINE_BREAK = re.compile(r"\r\n|\r|\n")


# ------------------------------------------------------------------ positions

class Positions:
    """Code-point offsets of one text <-> LSP positions in a given encoding."""

    def __init__(self, text: str, encoding: str):
        self.text = text
        self.encoding = str(encoding)
        self.starts = [0] + [m.end() for m in _LINE_BREAK.finditer(text)]

    def _units(self, s: str) -> int:
        if self.encoding == types.PositionEncodingKind.Utf8:
            return len(s.encode("utf-8"))
        if self.encoding == types.PositionEncodingKind.Utf32:
            return len(s)
        from factcheck.utf16 import length

        return length(s)

    def position(self, offset: int) -> types.Position:
        line = bisect_right(self.starts, offset) - 1
        return types.Position(line=line, character=self._units(self.text[self.starts[line]:offset]))

    def range(self, start: int, end: int) -> types.Range:
        return types.Range(start=self.position(start), end=self.position(end))

    def offset(self, pos: types.Position) -> int:
        if pos.line >= len(self.starts):
            return len(self.text)
        s = self.starts[pos.line]
        e = self.starts[pos.line + 1] if pos.line + 1 < len(self.starts) else len(self.text)
        line = self.text[s:e].rstrip("\r\n")
        units = 0
        for i, ch in enumerate(line):
            if units >= pos.character:
                return s + i
            units += self._units(ch)
        return s + len(line)


# ------------------------------------------------------------------ state

@dataclass
class Checked:
    version: int | None
    text: str
    findings: list = field(default_factory=list)
    rules: dict = field(default_factory=dict)


class FactcheckServer(LanguageServer):
    def __init__(self):
        super().__init__("factcheck", __version__, text_document_sync_kind=types.TextDocumentSyncKind.Full)
        self.debounce = DEBOUNCE
        self.checked: dict[str, Checked] = {}
        self._pending: dict[str, asyncio.Task] = {}
        self._checkers: dict = {}
        self._reported: set = set()
        self._executor = ThreadPoolExecutor(1, thread_name_prefix="factcheck-lsp")  # one check at a time

    def report_server_error(self, error: Exception, source) -> None:
        """A client's slip that the server survives (a change to a document it never opened, a
        message that is not JSON-RPC) goes to the log; pygls's default pops up "Error in
        server: KeyError: ...", which reads like a crash (QA pass of session 32, D17).
        Anything else is shown as pygls shows it."""
        slip = (KeyError, ValueError, AttributeError)
        text = str(error)  # pygls hands a notification's exception over wrapped: "KeyError: 'file:///...'"
        if isinstance(error, slip) or text.startswith(tuple(f"{e.__name__}:" for e in slip)) \
                or "Expecting" in text or "jsonrpc" in text:
            logging.getLogger(__name__).warning("ignored a malformed or unexpected message: %s: %s",
                                                type(error).__name__, error)
            return
        super().report_server_error(error, source)

    # ------------------------------------------------------------ helpers

    def fs_path(self, uri: str) -> Path | None:
        u = urlparse(uri)
        if u.scheme != "file":
            return None
        return Path(unquote(u.path))

    def fmt_for(self, doc) -> str | None:
        """The document's format, or None when it is no article (code, JSON...)."""
        path = self.fs_path(doc.uri)
        suffix = path.suffix.lower() if path else ""
        if suffix in SUFFIXES:
            return SUFFIXES[suffix]  # None: sniffed from the text, like the command line
        lang_id = (doc.language_id or "").lower()
        if lang_id in LANGUAGE_IDS:
            return LANGUAGE_IDS[lang_id]
        return "skip"

    def checker_for(self, path: Path | None):
        from factcheck.config import ConfigError
        from factcheck.service import Checker, load_config

        start = path if path is not None else Path(self.workspace.root_path or Path.cwd())
        try:
            cfg = load_config(None, start)
        except ConfigError as e:
            return None, str(e)
        key = id(cfg)
        if key not in self._checkers:
            try:
                c = Checker(cfg)
            except ConfigError as e:
                return None, str(e)
            for err in c.ruleset.errors:
                self.window_log_message(types.LogMessageParams(types.MessageType.Error, f"factcheck: {err}"))
            self._checkers[key] = c
        return self._checkers[key], None

    def forget_config(self) -> None:
        from factcheck import config

        config._cache.clear()
        self._checkers.clear()
        self._reported.clear()

    def schedule(self, uri: str, delay: float) -> None:
        old = self._pending.pop(uri, None)
        if old is not None:
            old.cancel()
        self._pending[uri] = asyncio.get_running_loop().create_task(self._check_later(uri, delay))

    def recheck_open(self) -> None:
        """After a configuration file changed: check every open document again, those whose
        check failed under the old configuration too (they were never in `checked`)."""
        for uri in set(self.checked) | set(self.workspace.text_documents):
            if uri in self.workspace.text_documents:
                self.schedule(uri, 0)

    async def _check_later(self, uri: str, delay: float) -> None:
        try:
            if delay:
                await asyncio.sleep(delay)
            await self.check(uri)
        except asyncio.CancelledError:
            pass
        finally:
            if self._pending.get(uri) is asyncio.current_task():
                del self._pending[uri]

    async def check(self, uri: str) -> None:
        doc = self.workspace.get_text_document(uri)
        fmt = self.fmt_for(doc)
        if fmt == "skip":
            return
        text, version = doc.source, doc.version
        path = self.fs_path(uri)
        checker, error = self.checker_for(path)
        if checker is None:
            if error not in self._reported:
                self._reported.add(error)
                self.window_show_message(types.ShowMessageParams(types.MessageType.Error, f"factcheck: {error}"))
            self.text_document_publish_diagnostics(types.PublishDiagnosticsParams(uri=uri, diagnostics=[],
                                                                                  version=version))
            return
        from factcheck.service import RequestError

        loop = asyncio.get_running_loop()
        try:
            rep = await loop.run_in_executor(self._executor, lambda: checker.check(
                text, path=str(path) if path else None, fmt=fmt))
        except RequestError as e:  # e.g. malformed front matter: one line, shown on the first line
            diag = types.Diagnostic(range=types.Range(start=types.Position(0, 0), end=types.Position(0, 0)),
                                    message=str(e), severity=types.DiagnosticSeverity.Error, source="factcheck",
                                    code="factcheck.input")
            self.text_document_publish_diagnostics(types.PublishDiagnosticsParams(uri=uri, diagnostics=[diag],
                                                                                  version=version))
            return
        current = self.workspace.get_text_document(uri)
        if current.version != version or current.source != text:
            return  # the text moved on while we read it: the next check publishes
        self.checked[uri] = Checked(version, text, rep.findings, checker.rules)
        pos = Positions(text, self.workspace.position_encoding)
        diags = [self.diagnostic(f, pos, checker.rules.get(f.rule)) for f in rep.findings]
        self.text_document_publish_diagnostics(types.PublishDiagnosticsParams(uri=uri, diagnostics=diags,
                                                                              version=version))

    def diagnostic(self, f, pos: Positions, rule) -> types.Diagnostic:
        return types.Diagnostic(
            range=pos.range(f.start, f.end), message=f.message, severity=_SEVERITY[f.severity],
            code=f.rule, source="factcheck",
            data={"category": f.category, "fix": f.fix.applicability if f.fix else None},
        )


server = FactcheckServer()


@server.feature(types.INITIALIZE)
def initialize(ls: FactcheckServer, params: types.InitializeParams):
    opts = params.initialization_options or {}
    if isinstance(opts, dict) and isinstance(opts.get("debounce"), (int, float)):
        ls.debounce = max(0.0, opts["debounce"] / 1000.0)  # milliseconds, as editors write settings


@server.feature(types.INITIALIZED)
def initialized(ls: FactcheckServer, params: types.InitializedParams):
    """Ask the client to report changes to configuration files made outside the editor."""
    from pygls.capabilities import get_capability

    if get_capability(ls.client_capabilities, "workspace.did_change_watched_files.dynamic_registration", False):
        watchers = [types.FileSystemWatcher(glob_pattern=g) for g in
                    ("**/.factcheck.yaml", "**/.factcheck.yml", "**/pyproject.toml")]
        ls.client_register_capability(types.RegistrationParams(registrations=[types.Registration(
            id="factcheck-config", method=types.WORKSPACE_DID_CHANGE_WATCHED_FILES,
            register_options=types.DidChangeWatchedFilesRegistrationOptions(watchers=watchers))]))


@server.feature(types.TEXT_DOCUMENT_DID_OPEN)
async def did_open(ls: FactcheckServer, params: types.DidOpenTextDocumentParams):
    ls.schedule(params.text_document.uri, 0)


@server.feature(types.TEXT_DOCUMENT_DID_CHANGE)
async def did_change(ls: FactcheckServer, params: types.DidChangeTextDocumentParams):
    ls.schedule(params.text_document.uri, ls.debounce)


@server.feature(types.TEXT_DOCUMENT_DID_SAVE)
async def did_save(ls: FactcheckServer, params: types.DidSaveTextDocumentParams):
    path = ls.fs_path(params.text_document.uri)
    if path is not None and path.name in CONFIG_FILES:
        ls.forget_config()
        ls.recheck_open()
        return
    ls.schedule(params.text_document.uri, 0)


@server.feature(types.TEXT_DOCUMENT_DID_CLOSE)
def did_close(ls: FactcheckServer, params: types.DidCloseTextDocumentParams):
    uri = params.text_document.uri
    task = ls._pending.pop(uri, None)
    if task is not None:
        task.cancel()
    ls.checked.pop(uri, None)
    ls.text_document_publish_diagnostics(types.PublishDiagnosticsParams(uri=uri, diagnostics=[]))


@server.feature(types.WORKSPACE_DID_CHANGE_WATCHED_FILES)
async def did_change_watched_files(ls: FactcheckServer, params: types.DidChangeWatchedFilesParams):
    if any((ls.fs_path(c.uri) or Path()).name in CONFIG_FILES for c in params.changes):
        ls.forget_config()
        ls.recheck_open()


def _findings_at(ls: FactcheckServer, uri: str, start: types.Position, end: types.Position):
    checked = ls.checked.get(uri)
    doc = ls.workspace.get_text_document(uri)
    if checked is None or checked.text != doc.source:
        return None, []
    pos = Positions(checked.text, ls.workspace.position_encoding)
    a, b = pos.offset(start), pos.offset(end)
    hits = [f for f in checked.findings if f.start <= b and a <= f.end]
    return pos, hits


@server.feature(types.TEXT_DOCUMENT_HOVER)
def hover(ls: FactcheckServer, params: types.HoverParams):
    pos, hits = _findings_at(ls, params.text_document.uri, params.position, params.position)
    if not hits:
        return None
    checked = ls.checked[params.text_document.uri]
    parts = []
    for f in hits:
        rule = checked.rules.get(f.rule)
        desc = rule.description if rule else ""
        parts.append(f"**{f.message}**\n\n`{f.rule}` · {f.category} · {f.severity}\n\n{desc}".strip())
    first = min(hits, key=lambda f: f.end - f.start)
    return types.Hover(contents=types.MarkupContent(kind=types.MarkupKind.Markdown, value="\n\n---\n\n".join(parts)),
                       range=pos.range(first.start, first.end))


def _title(f, text: str) -> str:
    from factcheck.output.text_format import _describe_fix

    what = _describe_fix(text, [{"start": e.start, "end": e.end, "replacement": e.replacement} for e in f.fix.edits])
    return f"Fix: {what}" + ("" if f.fix.applicability == "safe" else " (check it: unsafe fix)")


@server.feature(types.TEXT_DOCUMENT_CODE_ACTION,
                types.CodeActionOptions(code_action_kinds=[types.CodeActionKind.QuickFix,
                                                           types.CodeActionKind.SourceFixAll]))
def code_action(ls: FactcheckServer, params: types.CodeActionParams):
    uri = params.text_document.uri
    pos, hits = _findings_at(ls, uri, params.range.start, params.range.end)
    checked = ls.checked.get(uri)
    if pos is None or checked is None:
        return []
    version = checked.version
    diags = {(d.code, d.range.start.line, d.range.start.character): d for d in params.context.diagnostics or []}
    only = params.context.only
    actions = []

    from pygls.capabilities import get_capability

    versioned = get_capability(ls.client_capabilities, "workspace.workspace_edit.document_changes", False)

    def edit(edits):
        text_edits = [types.TextEdit(range=pos.range(e.start, e.end), new_text=e.replacement) for e in edits]
        if versioned:  # the client refuses the edit if the text moved on
            tdi = types.OptionalVersionedTextDocumentIdentifier(uri=uri, version=version)
            return types.WorkspaceEdit(document_changes=[types.TextDocumentEdit(text_document=tdi, edits=text_edits)])
        return types.WorkspaceEdit(changes={uri: text_edits})

    if not only or types.CodeActionKind.QuickFix in only:
        for f in hits:
            if f.fix is None:
                continue
            r = pos.range(f.start, f.end)
            d = diags.get((f.rule, r.start.line, r.start.character))
            actions.append(types.CodeAction(title=_title(f, checked.text), kind=types.CodeActionKind.QuickFix,
                                            diagnostics=[d] if d else None, is_preferred=f.fix.applicability == "safe",
                                            edit=edit(f.fix.edits)))
    if not only or any(str(k).startswith("source") for k in only):
        from factcheck.fixes import choose_edits

        safe = choose_edits(checked.findings)
        if safe:
            actions.append(types.CodeAction(title=f"Fix all safe factcheck findings ({len(safe)} edits)",
                                            kind=types.CodeActionKind.SourceFixAll, edit=edit(safe)))
    return actions


def main() -> None:
    logging.basicConfig(level=logging.WARNING, format="factcheck lsp: %(message)s")
    server.start_io()
