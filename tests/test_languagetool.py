"""LanguageTool's /v2 API, driven by language-tool-python (a client nobody here wrote)
pointed at the local server with remote_server=.  The network beyond this machine is
blocked for the whole module, and any attempt to download LanguageTool fails the test."""

import ipaddress
import json
import socket
from urllib.parse import urlencode

import pytest

from conftest import ROOT

ltp = pytest.importorskip("language_tool_python", reason="language-tool-python (test extra) is not installed")

AR_TEXT = ROOT / "samples" / "ar" / "02-refugees.txt"


@pytest.fixture(autouse=True)
def offline(monkeypatch):
    """Only loopback connections; LanguageTool must never be downloaded or started."""
    real_connect = socket.socket.connect

    def connect(self, address):
        host = address[0] if isinstance(address, tuple) else address
        try:
            loop = ipaddress.ip_address(host).is_loopback
        except ValueError:
            loop = host == "localhost"
        if not loop:
            raise AssertionError(f"a connection beyond this machine was attempted: {address!r}")
        return real_connect(self, address)

    monkeypatch.setattr(socket.socket, "connect", connect)

    def no_download(*a, **k):
        raise AssertionError("language-tool-python tried to download or start LanguageTool")

    from language_tool_python import download_lt, server as lt_server

    monkeypatch.setattr(download_lt, "download_lt", no_download)
    monkeypatch.setattr(download_lt, "http_get", no_download)
    monkeypatch.setattr(download_lt.LocalLanguageTool, "download", no_download)
    monkeypatch.setattr(lt_server.LanguageTool, "_start_server_on_free_port", no_download)
    monkeypatch.setattr(lt_server.LanguageTool, "_start_local_server", no_download)


@pytest.fixture
def tool_for(server):
    tools = []

    def make(lang):
        t = ltp.LanguageTool(lang, remote_server=server.url)
        tools.append(t)
        return t

    yield make
    for t in tools:
        t.close()


def _expected(cli, path, picky=True):
    """factcheck check's findings as LanguageTool matches: a match covers the finding and
    its fix's edits, and its one replacement is that stretch with the fix applied."""
    p = cli("check", path, "--format", "json", cwd=ROOT)
    (entry,) = json.loads(p.stdout)["files"]
    src = (ROOT / path).read_text(encoding="utf-8")
    out = set()
    for f in entry["findings"]:
        if not picky and f["severity"] == "info":
            continue
        s, e, repl = f["start"], f["end"], None
        if f["fix"]:
            edits = f["fix"]["edits"]
            s, e = min([s] + [x["start"] for x in edits]), max([e] + [x["end"] for x in edits])
            piece, pos = [], s
            for x in edits:
                piece += [src[pos:x["start"]], x["replacement"]]
                pos = x["end"]
            repl = "".join(piece) + src[pos:e]
        out.add((f["rule"], s, e - s, f["message"], repl))
    return out


def _got(matches):
    return {(m.rule_id, m.offset, m.error_length, m.message, m.replacements[0] if m.replacements else None)
            for m in matches}


def test_language_tool_python_gets_the_findings_of_factcheck_check(tool_for, cli):
    tool = tool_for("ar")
    tool.picky = True  # level=picky: every severity, as factcheck check reports them
    text = AR_TEXT.read_text(encoding="utf-8")
    expected = _expected(cli, "samples/ar/02-refugees.txt")
    assert len(expected) >= 5
    assert {"ar.figure.parts", "ar.figure.unsupported"} <= {e[0] for e in expected}  # figure findings too
    assert _got(tool.check(text)) == expected


def test_default_level_leaves_out_info_findings(tool_for, cli):
    tool = tool_for("ar")
    text = AR_TEXT.read_text(encoding="utf-8")
    assert _got(tool.check(text)) == _expected(cli, "samples/ar/02-refugees.txt", picky=False)


def test_offsets_are_utf16_units_with_emoji_before_a_finding(tool_for, server):
    text = "🌀🌀 Storm update 𝐍𝐄𝐖𝐒\n\nThe mayor said the the roads were closed.."
    tool = tool_for("en-US")
    matches = tool.check(text)
    by_rule = {m.rule_id: m for m in matches}
    m = by_rule["en.repetition.repeated-word"]
    # language-tool-python turns LanguageTool's UTF-16 offsets back into code points:
    # it lands on the right characters only if the server counted UTF-16 units
    assert text[m.offset:m.offset + m.error_length] == " the"
    assert m.offset == text.index("the the") + 3
    # and on the wire: UTF-16 units
    status, _, body = server.request("POST", "/v2/check", urlencode({"text": text, "language": "en-US"}).encode(),
                                     {"Content-Type": "application/x-www-form-urlencoded"})
    raw = {x["rule"]["id"]: x for x in json.loads(body)["matches"]}["en.repetition.repeated-word"]
    u16 = text.encode("utf-16-le")
    assert u16[2 * raw["offset"]:2 * (raw["offset"] + raw["length"])].decode("utf-16-le") == " the"
    ctx = raw["context"]
    c16 = ctx["text"].encode("utf-16-le")
    assert c16[2 * ctx["offset"]:2 * (ctx["offset"] + ctx["length"])].decode("utf-16-le") == " the"
    assert "the the roads" in raw["sentence"]
    # one-click corrections as the client applies them
    assert tool.correct(text) == text.replace("the the", "the").replace("closed..", "closed.")


def test_shape_of_a_match(server):
    status, ctype, body = server.request(
        "POST", "/v2/check", urlencode({"text": "He said the the plan works.", "language": "auto"}).encode(),
        {"Content-Type": "application/x-www-form-urlencoded"})
    assert status == 200 and ctype.startswith("application/json")
    data = json.loads(body)
    assert data["software"]["name"] == "factcheck"
    assert data["language"]["detectedLanguage"]["code"] == "en"
    (m,) = data["matches"]
    assert set(m) >= {"message", "shortMessage", "offset", "length", "replacements", "context", "sentence",
                      "type", "rule"}
    assert m["type"]["typeName"] == "Other"
    assert set(m["rule"]) >= {"id", "description", "issueType", "category"}
    assert m["rule"]["category"] == {"id": "REPETITION", "name": "Repetition"}
    assert m["replacements"] == [{"value": ""}]


def test_languages_and_auto_detection(tool_for, server):
    status, _, body = server.request("GET", "/v2/languages")
    codes = {x["longCode"] for x in json.loads(body)}
    assert {"ar", "en", "en-US", "en-GB"} <= codes
    tool = tool_for("auto")
    matches = tool.check("وقال الوزير إن إن الاتفاق نهائي.")
    assert [m.rule_id for m in matches] == ["ar.repetition.repeated-word"]
    with pytest.raises(ValueError):
        ltp.LanguageTool("fr", remote_server=server.url)  # the client checks /v2/languages itself


def test_rule_selection(tool_for):
    text = "The mayor said the the roads were closed.."
    tool = tool_for("en-US")
    assert {m.rule_id for m in tool.check(text)} == {"en.repetition.repeated-word", "en.punctuation.duplicated"}
    tool.disabled_rules = {"en.repetition.repeated-word", "MORFOLOGIK_RULE_EN_US"}  # LanguageTool's own: ignored
    assert {m.rule_id for m in tool.check(text)} == {"en.punctuation.duplicated"}
    tool.disabled_rules = set()
    tool.enabled_rules = {"en.repetition.repeated-word"}
    tool.enabled_rules_only = True
    assert {m.rule_id for m in tool.check(text)} == {"en.repetition.repeated-word"}
    tool.enabled_rules_only = False
    tool.enabled_rules = set()
    tool.disabled_categories = {"REPETITION"}
    assert {m.rule_id for m in tool.check(text)} == {"en.punctuation.duplicated"}


def test_unknown_rule_id_is_an_error_for_the_client(tool_for):
    tool = tool_for("en-US")
    tool.disabled_rules = {"en.no.such-rule"}
    with pytest.raises(ltp.exceptions.LanguageToolError, match="unknown rule id 'en.no.such-rule'"):
        tool.check("text")


def test_annotated_data_skips_markup_and_counts_it_in_offsets(server):
    annotation = [{"markup": "<p>"}, {"text": "The mayor said "}, {"markup": "<b>", "interpretAs": ""},
                  {"text": "the"}, {"markup": "</b>"}, {"text": " the roads 🌀 were closed.."},
                  {"markup": "</p>", "interpretAs": "\n\n"}]
    full = "".join(a.get("text", a.get("markup")) for a in annotation)
    status, _, body = server.request("POST", "/v2/check", urlencode(
        {"data": json.dumps({"annotation": annotation}), "language": "en-US"}).encode(),
        {"Content-Type": "application/x-www-form-urlencoded"})
    assert status == 200, body
    u16 = full.encode("utf-16-le")
    found = {m["rule"]["id"]: u16[2 * m["offset"]:2 * (m["offset"] + m["length"])].decode("utf-16-le")
             for m in json.loads(body)["matches"]}
    assert found["en.punctuation.duplicated"] == ".."
    assert "<" not in found.get("en.repetition.repeated-word", "the")  # no markup read as copy


FORM = "application/x-www-form-urlencoded"
BAD_V2 = {
    "missing text": (b"language=en", FORM, 400, "missing 'text' or 'data'"),
    "bad UTF-8": (b"language=en&text=caf%E9", FORM, 400, "not UTF-8"),
    "raw bad UTF-8": (b"language=en&text=caf\xe9", FORM, 400, "not UTF-8"),
    "wrong content type": (b'{"text": "a"}', "application/json", 415, "application/x-www-form-urlencoded"),
    "unknown language": (b"language=fr&text=bonjour", FORM, 400, "unknown language 'fr'"),
    "unknown rule id": (b"language=en&text=a&enabledRules=en.nothing", FORM, 400, "unknown rule id 'en.nothing'"),
    "bad data": (b"language=en&data=%7Bnot+json", FORM, 400, "data is not valid JSON"),
    "bad annotation": (b"language=en&data=%7B%22annotation%22%3A%5B%7B%7D%5D%7D", FORM, 400, "annotation item 0"),
    "bad level": (b"language=en&text=a&level=loud", FORM, 400, "level must be"),
    "enabledOnly alone": (b"language=en&text=a&enabledOnly=true", FORM, 400, "enabledOnly"),
}


@pytest.mark.parametrize("case", sorted(BAD_V2))
def test_v2_bad_input_gets_a_4xx_and_the_server_keeps_serving(server, case):
    body, ctype, want, needle = BAD_V2[case]
    status, rtype, out = server.request("POST", "/v2/check", body, {"Content-Type": ctype})
    assert status == want, out
    msg = out.decode()
    assert msg.startswith("Error: ") and needle in msg and msg.count("\n") == 1
    assert server.healthy()


def test_get_with_query_parameters_works_too(server):
    status, _, body = server.request("GET", "/v2/check?" + urlencode({"text": "He said the the plan.", "language": "en"}))
    assert status == 200 and json.loads(body)["matches"]


def test_the_offline_guard_is_live():
    """Without remote_server the client would fetch and start LanguageTool: the guard stops it."""
    with pytest.raises(AssertionError, match="download or start"):
        ltp.LanguageTool("en-US")
    with pytest.raises(AssertionError, match="beyond this machine"):
        socket.create_connection(("192.0.2.1", 80), timeout=1)
