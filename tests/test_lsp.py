"""`factcheck lsp` driven by pytest-lsp's client, with the capabilities of real editors."""

import asyncio
import sys

import pytest

pytest_lsp = pytest.importorskip("pytest_lsp", reason="pytest-lsp (test extra) is not installed")
from lsprotocol import types  # noqa: E402
from pytest_lsp import ClientServerConfig, LanguageClient, client_capabilities  # noqa: E402

SERVER = ClientServerConfig(server_command=[sys.executable, "-m", "factcheck", "lsp"])
ARTICLE = ("---\ntitle: Storm\npublished: 2024-08-16\n---\n"
           "🌀🌀 Storm update 𝐍𝐄𝐖𝐒\r\n\r\nThe mayor said the the roads were closed..\n"
           "The 🌀 utility said 12 people were injured, including 5 children and 9 adults.\n")


def _units(s: str, enc: str) -> int:
    if enc == "utf-8":
        return len(s.encode("utf-8"))
    if enc == "utf-16":
        return len(s.encode("utf-16-le")) // 2
    return len(s)


def _lines(text):
    """LSP lines: split at \\r\\n, \\r, \\n."""
    import re

    return re.split(r"\r\n|\r|\n", text)


def _offset(text: str, pos: types.Position, enc: str) -> int:
    import re

    starts = [0] + [m.end() for m in re.finditer(r"\r\n|\r|\n", text)]
    line = _lines(text)[pos.line]
    units = 0
    for i, ch in enumerate(line):
        if units >= pos.character:
            return starts[pos.line] + i
        units += _units(ch, enc)
    return starts[pos.line] + len(line)


def _apply(text: str, edits, enc: str) -> str:
    spans = sorted(((_offset(text, e.range.start, enc), _offset(text, e.range.end, enc), e.new_text) for e in edits),
                   reverse=True)
    for s, e, new in spans:
        text = text[:s] + new + text[e:]
    return text


def _diag_text(text, d, enc):
    return text[_offset(text, d.range.start, enc):_offset(text, d.range.end, enc)]


async def _open(client, uri, text, language_id="markdown"):
    client.text_document_did_open(types.DidOpenTextDocumentParams(
        text_document=types.TextDocumentItem(uri=uri, language_id=language_id, version=1, text=text)))
    await asyncio.wait_for(client.wait_for_notification(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS), 60)
    return client.diagnostics[uri]


def _caps(encodings):
    return types.ClientCapabilities(general=types.GeneralClientCapabilities(position_encodings=encodings))


@pytest_lsp.fixture(config=SERVER)
async def vscode(lsp_client: LanguageClient):
    """VS Code 1.65's capabilities: it offers no position encoding, so UTF-16 it is."""
    lsp_client.registrations = []

    @lsp_client.feature(types.CLIENT_REGISTER_CAPABILITY)
    def register(params: types.RegistrationParams):
        lsp_client.registrations.extend(params.registrations)

    result = await lsp_client.initialize_session(types.InitializeParams(capabilities=client_capabilities("visual-studio-code")))
    lsp_client.init_result = result
    yield
    await lsp_client.shutdown_session()


@pytest_lsp.fixture(config=SERVER)
async def neovim(lsp_client: LanguageClient):
    """Neovim 0.11 offers utf-8, utf-16, utf-32, in that order."""
    result = await lsp_client.initialize_session(types.InitializeParams(capabilities=client_capabilities("neovim@v0.11.0")))
    lsp_client.init_result = result
    yield
    await lsp_client.shutdown_session()


@pytest.mark.asyncio
async def test_utf16_client_gets_diagnostics_hover_and_fixes(vscode: LanguageClient, tmp_path):
    assert vscode.init_result.capabilities.position_encoding in (None, types.PositionEncodingKind.Utf16)
    uri = (tmp_path / "storm.md").as_uri()
    diags = await _open(vscode, uri, ARTICLE)
    by_code = {d.code: d for d in diags}
    assert {"en.repetition.repeated-word", "en.punctuation.duplicated"} <= set(by_code)
    rep = by_code["en.repetition.repeated-word"]
    assert rep.source == "factcheck" and rep.severity == types.DiagnosticSeverity.Error
    # ranges in UTF-16 units land on the right characters, after emoji and CRLF
    assert _diag_text(ARTICLE, rep, "utf-16") == "the"
    assert rep.range.start.line == 6
    assert _diag_text(ARTICLE, by_code["en.punctuation.duplicated"], "utf-16") == ".."
    parts = by_code["en.figure.parts"]  # the figure checks reach the editor too
    assert _diag_text(ARTICLE, parts, "utf-16") == "12" and parts.severity == types.DiagnosticSeverity.Error

    hover = await vscode.text_document_hover_async(types.HoverParams(
        text_document=types.TextDocumentIdentifier(uri=uri), position=rep.range.start))
    assert "en.repetition.repeated-word" in hover.contents.value
    assert "A word or short phrase typed twice" in hover.contents.value  # the rule's description

    actions = await vscode.text_document_code_action_async(types.CodeActionParams(
        text_document=types.TextDocumentIdentifier(uri=uri), range=rep.range,
        context=types.CodeActionContext(diagnostics=[rep])))
    quick = [a for a in actions if a.kind == types.CodeActionKind.QuickFix]
    assert len(quick) == 1 and quick[0].is_preferred and quick[0].diagnostics[0].code == rep.code
    (change,) = quick[0].edit.document_changes  # VS Code takes versioned edits
    assert change.text_document.version == 1
    fixed = _apply(ARTICLE, change.edits, "utf-16")
    assert fixed == ARTICLE.replace("the the", "the")

    fix_all = [a for a in actions if a.kind == types.CodeActionKind.SourceFixAll]
    (change,) = fix_all[0].edit.document_changes
    assert _apply(ARTICLE, change.edits, "utf-16") == ARTICLE.replace("the the", "the").replace("closed..", "closed.")

    # the client applies the fix and sends the new text: the finding is gone
    vscode.text_document_did_change(types.DidChangeTextDocumentParams(
        text_document=types.VersionedTextDocumentIdentifier(uri=uri, version=2),
        content_changes=[types.TextDocumentContentChangeWholeDocument(text=fixed)]))
    await asyncio.wait_for(vscode.wait_for_notification(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS), 60)
    assert "en.repetition.repeated-word" not in {d.code for d in vscode.diagnostics[uri]}


@pytest.mark.asyncio
async def test_utf8_client_gets_utf8_positions(neovim: LanguageClient, tmp_path):
    assert neovim.init_result.capabilities.position_encoding == types.PositionEncodingKind.Utf8
    uri = (tmp_path / "storm.md").as_uri()
    diags = await _open(neovim, uri, ARTICLE)
    rep = next(d for d in diags if d.code == "en.repetition.repeated-word")
    assert _diag_text(ARTICLE, rep, "utf-8") == "the"
    line = _lines(ARTICLE)[rep.range.start.line]
    assert rep.range.start.character == len(line[:line.index("the the") + 4].encode("utf-8"))
    actions = await neovim.text_document_code_action_async(types.CodeActionParams(
        text_document=types.TextDocumentIdentifier(uri=uri), range=rep.range,
        context=types.CodeActionContext(diagnostics=[rep])))
    quick = [a for a in actions if a.kind == types.CodeActionKind.QuickFix]
    assert _apply(ARTICLE, quick[0].edit.changes[uri], "utf-8") == ARTICLE.replace("the the", "the")


@pytest_lsp.fixture(config=SERVER)
async def utf32_first(lsp_client: LanguageClient):
    result = await lsp_client.initialize_session(types.InitializeParams(capabilities=_caps(["utf-32", "utf-16"])))
    lsp_client.init_result = result
    yield
    await lsp_client.shutdown_session()


@pytest.mark.asyncio
async def test_utf32_client_gets_code_points_and_arabic_diagnostics(utf32_first: LanguageClient, tmp_path):
    assert utf32_first.init_result.capabilities.position_encoding == types.PositionEncodingKind.Utf32
    text = "🌀 وقال الوزير إن إن الاتفاق نهائي.. وأضاف أن التنفيذ يبدأ غدا.\n"
    uri = (tmp_path / "a.txt").as_uri()
    diags = await _open(utf32_first, uri, text, "plaintext")
    found = {d.code: _diag_text(text, d, "utf-32") for d in diags}
    assert found["ar.repetition.repeated-word"] == "إن"
    assert found["ar.dates.no-publication-date"] == "غدا"
    rep = next(d for d in diags if d.code == "ar.repetition.repeated-word")
    assert rep.range.start.character == text.index("إن إن") + 3


@pytest.mark.asyncio
async def test_changes_are_debounced_and_the_last_text_wins(vscode: LanguageClient, tmp_path):
    uri = (tmp_path / "note.md").as_uri()
    await _open(vscode, uri, "Nothing to see here.\n")
    published = []
    real = vscode.protocol.fm.features[types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS]

    def count(params):
        published.append(params)
        return real(params)

    vscode.protocol.fm.features[types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS] = count
    texts = ["He said", "He said the", "He said the the", "He said the the plan", "He said the the plan works.\n"]
    for v, t in enumerate(texts, start=2):  # typed faster than the debounce
        vscode.text_document_did_change(types.DidChangeTextDocumentParams(
            text_document=types.VersionedTextDocumentIdentifier(uri=uri, version=v),
            content_changes=[types.TextDocumentContentChangeWholeDocument(text=t)]))
        await asyncio.sleep(0.02)
    await asyncio.wait_for(vscode.wait_for_notification(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS), 60)
    await asyncio.sleep(1.0)
    assert len(published) == 1, [p.version for p in published]
    assert published[0].version == 6
    assert [d.code for d in published[0].diagnostics] == ["en.repetition.repeated-word"]


@pytest.mark.asyncio
async def test_save_checks_and_the_workspace_config_is_honoured(vscode: LanguageClient, tmp_path):
    (tmp_path / ".factcheck.yaml").write_text('ignore: ["*.repetition.*"]\n', encoding="utf-8")
    uri = (tmp_path / "a.md").as_uri()
    text = "He said the the plan works..\n"
    diags = await _open(vscode, uri, text)
    assert [d.code for d in diags] == ["en.punctuation.duplicated"]
    # the desk changes its configuration: saving it re-checks the open documents
    (tmp_path / ".factcheck.yaml").write_text('ignore: ["*.punctuation.*"]\n', encoding="utf-8")
    vscode.text_document_did_save(types.DidSaveTextDocumentParams(
        text_document=types.TextDocumentIdentifier(uri=(tmp_path / ".factcheck.yaml").as_uri())))
    await asyncio.wait_for(vscode.wait_for_notification(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS), 60)
    assert [d.code for d in vscode.diagnostics[uri]] == ["en.repetition.repeated-word"]
    # a change on disk that the editor reports (it was asked to watch the configuration files)
    (reg,) = [r for r in vscode.registrations if r.method == types.WORKSPACE_DID_CHANGE_WATCHED_FILES]
    assert "**/.factcheck.yaml" in {w["globPattern"] if isinstance(w, dict) else w.glob_pattern
                                    for w in reg.register_options["watchers"]}
    (tmp_path / ".factcheck.yaml").write_text('ignore: []\n', encoding="utf-8")
    vscode.workspace_did_change_watched_files(types.DidChangeWatchedFilesParams(changes=[types.FileEvent(
        uri=(tmp_path / ".factcheck.yaml").as_uri(), type=types.FileChangeType.Changed)]))
    await asyncio.wait_for(vscode.wait_for_notification(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS), 60)
    assert sorted(d.code for d in vscode.diagnostics[uri]) == ["en.punctuation.duplicated", "en.repetition.repeated-word"]
    (tmp_path / ".factcheck.yaml").write_text('ignore: ["*.punctuation.*"]\n', encoding="utf-8")
    vscode.workspace_did_change_watched_files(types.DidChangeWatchedFilesParams(changes=[types.FileEvent(
        uri=(tmp_path / ".factcheck.yaml").as_uri(), type=types.FileChangeType.Changed)]))
    await asyncio.wait_for(vscode.wait_for_notification(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS), 60)
    # a save of the document itself checks it too
    vscode.text_document_did_save(types.DidSaveTextDocumentParams(text_document=types.TextDocumentIdentifier(uri=uri)))
    await asyncio.wait_for(vscode.wait_for_notification(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS), 60)
    assert [d.code for d in vscode.diagnostics[uri]] == ["en.repetition.repeated-word"]


@pytest.mark.asyncio
async def test_bad_input_and_other_documents(vscode: LanguageClient, tmp_path):
    uri = (tmp_path / "broken.md").as_uri()
    diags = await _open(vscode, uri, "---\ntitle: [\n---\nHe said the the plan.\n")
    (d,) = diags
    assert d.code == "factcheck.input" and "front matter" in d.message and "\n" not in d.message
    # code is not copy: a Python file gets no diagnostics at all
    code_uri = (tmp_path / "x.py").as_uri()
    vscode.text_document_did_open(types.DidOpenTextDocumentParams(
        text_document=types.TextDocumentItem(uri=code_uri, language_id="python", version=1, text="x = 'the the'\n")))
    await asyncio.sleep(1.0)
    assert code_uri not in vscode.diagnostics
    # bad configuration: one message, no crash, no diagnostics
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / ".factcheck.yaml").write_text("ignore: [en.no.such-rule]\n", encoding="utf-8")
    sub_uri = (tmp_path / "sub" / "a.md").as_uri()
    assert list(await _open(vscode, sub_uri, "He said the the plan.\n")) == []
    assert any("unknown rule id 'en.no.such-rule'" in m.message for m in vscode.messages)
    # the configuration mended: the document opened under the broken one is checked again
    (tmp_path / "sub" / ".factcheck.yaml").write_text("ignore: []\n", encoding="utf-8")
    vscode.workspace_did_change_watched_files(types.DidChangeWatchedFilesParams(changes=[types.FileEvent(
        uri=(tmp_path / "sub" / ".factcheck.yaml").as_uri(), type=types.FileChangeType.Changed)]))
    for _ in range(5):
        await asyncio.wait_for(vscode.wait_for_notification(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS), 60)
        if vscode.diagnostics.get(sub_uri):
            break
    assert [d.code for d in vscode.diagnostics[sub_uri]] == ["en.repetition.repeated-word"]
