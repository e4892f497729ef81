"""`factcheck serve` over real HTTP: /v1, limits, bad input, signals, concurrency."""

import json
import signal
import threading
import time

import pytest

from conftest import ROOT
from serverutil import Server

AR_SAMPLE = ROOT / "samples" / "ar" / "01-economy.md"
EN_SAMPLE = ROOT / "samples" / "en" / "02-council.html"


def _cli_entry(cli, path):
    p = cli("check", path, "--format", "json", cwd=ROOT)
    assert p.returncode in (0, 1), p.stderr
    (entry,) = json.loads(p.stdout)["files"]
    return entry


def test_health_and_rules(server):
    assert server.healthy()
    status, ctype, body = server.request("GET", "/v1/rules")
    assert status == 200 and ctype.startswith("application/json")
    rules = json.loads(body)
    ids = {r["id"] for r in rules}
    assert "ar.punctuation.duplicated" in ids and "en.repetition.repeated-word" in ids
    assert all(set(r) >= {"id", "lang", "category", "severity", "description"} for r in rules)
    status, _, body = server.request("GET", "/v1/rules?lang=ar")
    assert status == 200 and {r["lang"] for r in json.loads(body)} == {"ar"}


@pytest.mark.parametrize("sample, fmt", [(AR_SAMPLE, "markdown"), (EN_SAMPLE, "html")])
def test_v1_check_is_the_file_entry_of_the_json_report(server, cli, sample, fmt):
    rel = sample.relative_to(ROOT).as_posix()
    expected = _cli_entry(cli, rel)
    assert expected["findings"] and expected["figures"] and expected["timeline"], "the sample should have all three"
    status, entry = server.check({"text": sample.read_text(encoding="utf-8"), "format": fmt, "path": rel})
    assert status == 200, entry
    assert entry == expected


def test_v1_check_fields(server):
    text = "قال الوزير إن الاتفاق نهائي.. وأضاف أن التنفيذ يبدأ الأسبوع المقبل."
    status, entry = server.check({"text": text, "lang": "ar", "published": "2025-03-12"})
    assert status == 200
    assert entry["language"] == "ar" and entry["published"] == "2025-03-12" and entry["published_source"] == "flag"
    assert entry["path"] == "-"
    assert any(t["text"] == "الأسبوع المقبل" and t["value"] == "2025-W12" for t in entry["timeline"]), entry["timeline"]
    status, entry2 = server.check({"text": text, "lang": "ar", "published": "2025-03-12",
                                   "ignore": [f["rule"] for f in entry["findings"]]})
    assert status == 200 and entry2["findings"] == []


def test_v1_offsets_are_code_points_in_the_text_as_sent(server):
    # an emoji (two UTF-16 units, one code point) and CRLF line breaks before the finding
    text = "Storm 🌀 update\r\n\r\nThe mayor said the the roads were closed."
    status, entry = server.check({"text": text, "lang": "en"})
    assert status == 200
    (f,) = [f for f in entry["findings"] if f["rule"] == "en.repetition.repeated-word"]
    assert text[f["start"]:f["end"]] == "the" == f["text"]
    assert f["start"] == text.index("the the") + 4
    assert (f["line"], f["column"]) == (3, text.split("\r\n")[2].index("the the") + 5)
    (edit,) = f["fix"]["edits"]
    fixed = text[:edit["start"]] + edit["replacement"] + text[edit["end"]:]
    assert fixed == text.replace("the the", "the")


def test_the_path_of_a_request_is_a_label_never_opened(server, tmp_path):
    on_disk = tmp_path / "article.md"
    on_disk.write_text("The the mayor said the the roads were closed.\n", encoding="utf-8")
    status, entry = server.check({"text": "The roads were closed.", "path": str(on_disk)})
    assert status == 200 and entry["findings"] == [] and entry["path"] == str(on_disk)
    status, entry = server.check({"text": "The roads were closed.", "path": "../../etc/passwd"})
    assert status == 200 and entry["path"] == "../../etc/passwd"
    assert on_disk.read_text(encoding="utf-8").startswith("The the")


def _raw(server, body, ctype="application/json", path="/v1/check"):
    headers = {"Content-Type": ctype} if ctype else {}
    return server.request("POST", path, body, headers)


BAD = {
    "malformed JSON": (b'{"text": "a",', "application/json", 400, "malformed JSON"),
    "JSON not an object": (b'["a"]', "application/json", 400, "JSON object"),
    "wrong content type": (b'{"text": "a"}', "text/plain", 415, "Content-Type must be application/json"),
    "no content type": (b'{"text": "a"}', None, 415, "Content-Type must be application/json"),
    "bad UTF-8": (b'{"text": "caf\xe9"}', "application/json", 400, "not UTF-8: invalid byte 0xe9"),
    "lone surrogate": (b'{"text": "a\\ud800b"}', "application/json", 400, "lone surrogate"),
    "missing text": (b'{"format": "text"}', "application/json", 400, "'text' (a string) is required"),
    "unknown key": (b'{"text": "a", "langauge": "ar"}', "application/json", 400, "unknown key 'langauge'"),
    "unknown rule id": (b'{"text": "a", "select": ["ar.nothing.here"]}', "application/json", 400,
                        "unknown rule id 'ar.nothing.here'"),
    "unknown language": (b'{"text": "a", "lang": "fr"}', "application/json", 400, "unknown language 'fr'"),
    "unknown format": (b'{"text": "a", "format": "docx"}', "application/json", 400, "unknown format 'docx'"),
    "bad date": (b'{"text": "a", "published": "12/03/2025"}', "application/json", 400, "YYYY-MM-DD"),
    "bad front matter": (b'{"text": "---\\ntitle: [\\n---\\nx", "format": "markdown"}', "application/json", 422,
                         "front matter"),
}


@pytest.mark.parametrize("case", sorted(BAD))
def test_v1_bad_input_gets_a_4xx_with_one_line_and_the_server_keeps_serving(server, case):
    body, ctype, want_status, needle = BAD[case]
    status, rtype, out = _raw(server, body, ctype)
    assert status == want_status, out
    msg = json.loads(out)["error"]
    assert needle in msg and "\n" not in msg
    assert server.healthy()
    status, entry = server.check({"text": "He said the the plan works."})
    assert status == 200 and entry["findings"]


def test_oversized_body_gets_413_and_the_server_keeps_serving(server):
    limit = 2 * 1024 * 1024  # the default
    body = json.dumps({"text": "a" * limit}).encode()
    status, _, out = _raw(server, body)
    assert status == 413
    msg = json.loads(out)["error"]
    assert "larger than the limit of 2097152 bytes" in msg
    # LanguageTool's API has the same limit, answered in its plain-text style
    status, _, out = _raw(server, b"text=" + b"a" * (limit + 10), "application/x-www-form-urlencoded", "/v2/check")
    assert status == 413 and out.decode().startswith("Error: request body larger")
    assert server.healthy()
    status, entry = server.check({"text": "x" * 1000})
    assert status == 200


def test_unknown_route_and_method(server):
    # each in its API's own error format (docs/server.md)
    status, ctype, body = server.request("GET", "/v1/nothing")
    assert status == 404 and ctype.startswith("application/json") and "error" in json.loads(body)
    status, ctype, body = server.request("GET", "/v1/check")
    assert status == 405 and ctype.startswith("application/json") and "GET" in json.loads(body)["error"]
    status, ctype, body = server.request("PUT", "/v2/check")
    assert status == 405 and body.startswith(b"Error: ")
    status, ctype, body = server.request("GET", "/v2/nope")
    assert status == 404 and body.startswith(b"Error: ")
    assert server.healthy()


def _big_article() -> str:
    text = (ROOT / "samples" / "ar" / "02-refugees.txt").read_text(encoding="utf-8")
    return "\n\n".join([text] * (1_800_000 // len(text.encode("utf-8"))))


def test_a_long_analysis_does_not_stall_the_server(server):
    """While a worker reads a 1.8 MB article, the event loop answers at once and the
    other worker checks a short article."""
    done = {}

    def big():
        done["big"] = server.check({"text": _big_article()}, timeout=120)[0]
        done["big_at"] = time.monotonic()

    t = threading.Thread(target=big)
    t.start()
    time.sleep(0.5)
    t0 = time.monotonic()
    assert server.healthy()
    status, entry = server.check({"text": "He said the the plan works."})
    small_at = time.monotonic()
    t.join(120)
    assert status == 200 and entry["findings"]
    assert done["big"] == 200
    assert small_at < done["big_at"], "the short article waited for the long one"
    assert small_at - t0 < 10


def test_time_limit_gives_503_and_the_worker_is_replaced():
    srv = Server("--workers", "1", "--timeout", "0.3")
    try:
        t0 = time.monotonic()
        status, entry = srv.check({"text": _big_article()}, timeout=120)
        assert status == 503 and "time limit of 0.3 s" in entry["error"]
        assert time.monotonic() - t0 < 20
        status, entry = srv.check({"text": "He said the the plan works."})
        assert status == 200 and entry["findings"]
    finally:
        assert srv.stop() == 0


@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGINT])
def test_clean_stop_on_signals(sig):
    srv = Server("--workers", "1")
    assert srv.healthy()
    kids = srv.children()
    assert kids, "the worker processes should be there"
    t0 = time.monotonic()
    assert srv.stop(sig) == 0
    assert time.monotonic() - t0 < 20
    assert "server stopped" in srv.errors()
    assert "Traceback" not in srv.errors()
    import os

    def alive(pid):
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            return False
        return True

    deadline = time.monotonic() + 15
    while any(alive(k) for k in kids) and time.monotonic() < deadline:
        time.sleep(0.2)
    assert not [k for k in kids if alive(k)], "worker processes outlived the server"


def test_config_errors_stop_the_server_before_it_listens(tmp_path, cli):
    (tmp_path / ".factcheck.yaml").write_text("ignore: [ar.no.such-rule]\n", encoding="utf-8")
    p = cli("serve", "--port", "0", cwd=tmp_path, timeout=60)
    assert p.returncode == 2
    assert "unknown rule id 'ar.no.such-rule'" in p.stderr


def test_config_overrides_match_the_request_path_as_a_label(tmp_path):
    (tmp_path / ".factcheck.yaml").write_text(
        'overrides:\n  - paths: ["opinion/**"]\n    ignore: ["*.repetition.*"]\n', encoding="utf-8")
    srv = Server("--workers", "1", cwd=tmp_path)
    try:
        text = "He said the the plan works."
        assert srv.check({"text": text, "path": "news/a.md"})[1]["findings"]
        assert srv.check({"text": text, "path": "opinion/a.md"})[1]["findings"] == []
    finally:
        srv.stop()


def test_binds_localhost_by_default(server, cli):
    assert server.host == "127.0.0.1"  # the shared server was started without --host
    p = cli("serve", "--help")
    assert "[default: 127.0.0.1]" in p.stdout


def test_check_does_not_import_the_server_stack():
    import subprocess
    import sys

    code = ("import sys; from click.testing import CliRunner; from factcheck.cli import main; "
            "CliRunner().invoke(main, ['check', 'samples/en/01-storm.md']); "
            "print([m for m in ('starlette', 'uvicorn', 'pygls', 'lsprotocol', 'pebble', 'anyio') if m in sys.modules])")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, timeout=120)
    assert out.stdout.strip() == "[]", out.stderr


def test_cross_origin_calls_only_when_allowed(server):
    """Browser add-ons call /v2 from another origin: allowed with --allow-origin, as LanguageTool does."""
    import http.client

    def preflight(srv):
        conn = http.client.HTTPConnection(srv.host, srv.port, timeout=30)
        conn.request("OPTIONS", "/v2/check", headers={"Origin": "chrome-extension://abc",
                                                       "Access-Control-Request-Method": "POST"})
        r = conn.getresponse()
        r.read()
        conn.close()
        return r.getheader("access-control-allow-origin")

    assert preflight(server) is None
    srv = Server("--workers", "1", "--allow-origin", "*")
    try:
        assert preflight(srv) == "*"
    finally:
        srv.stop()


def test_access_log_writes_one_line_a_request():
    """`--access-log` printed nothing (session 31's docs QA pass): uvicorn logs its access
    lines at INFO, under the server's "warning" level."""
    from serverutil import Server

    import signal

    s = Server("--access-log", "--workers", "0")
    try:
        assert s.request("GET", "/healthz")[0] == 200
        assert s.request("GET", "/nothing")[0] == 404
    finally:
        s.proc.send_signal(signal.SIGTERM)
        s.proc.wait(30)
        log = s.proc.stdout.read().decode("utf-8", "replace") + s.errors()  # uvicorn's access lines: stdout
        assert s.stop() == 0
    assert '"GET /healthz HTTP/1.1" 200' in log and '"GET /nothing HTTP/1.1" 404' in log
