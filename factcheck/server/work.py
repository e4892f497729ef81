"""What a worker process does: one Checker (configuration, rules and models loaded once at
start), then requests as bytes in, (status, content type, bytes) out.  Every decoding and
validation step happens here, off the server's event loop, and each failure is a 4xx
with a one-line reason."""

from __future__ import annotations

import json
import re
import signal
from urllib.parse import parse_qsl

from factcheck.service import Checker, RequestError, load_config

JSON_TYPE = "application/json; charset=utf-8"
TEXT_TYPE = "text/plain; charset=utf-8"
V1_KEYS = ("text", "format", "lang", "published", "path", "select", "ignore")
_SURROGATE = re.compile("[\ud800-\udfff]")
MAX_FIELDS = 200

_checker: Checker | None = None


def init(config_path: str | None, cwd: str) -> None:
    """Worker initializer: Ctrl+C is the server's to handle; load everything once."""
    from pathlib import Path

    signal.signal(signal.SIGINT, signal.SIG_IGN)
    global _checker
    _checker = Checker(load_config(config_path, Path(cwd)))
    _checker.warm()


def checker() -> Checker:
    if _checker is None:  # used in-process (tests, --workers 0)
        init_in_process(None, ".")
    return _checker


def init_in_process(config_path, cwd) -> None:
    from pathlib import Path

    global _checker
    _checker = Checker(load_config(config_path, Path(cwd)))


def _dumps(obj) -> bytes:
    return json.dumps(obj, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def _utf8(body: bytes, what: str) -> str:
    try:
        return body.decode("utf-8")
    except UnicodeDecodeError as e:
        raise RequestError(400, f"{what} is not UTF-8: invalid byte 0x{body[e.start]:02x} at offset {e.start}") from None


def _no_surrogates(value: str, what: str) -> str:
    m = _SURROGATE.search(value)
    if m:
        raise RequestError(400, f"{what} contains a lone surrogate (\\u{ord(m.group()):04x}) at offset {m.start()}, "
                                "which is not a character")
    return value


def handle(kind: str, payload) -> tuple[int, str, bytes]:
    """Run one request; never raises for bad input."""
    try:
        if kind == "v1/check":
            return 200, JSON_TYPE, _dumps(v1_check(payload))
        if kind == "v1/render":
            return 200, JSON_TYPE, _dumps(v1_render(payload))
        if kind == "v2/check":
            from factcheck.server import languagetool

            return 200, JSON_TYPE, _dumps(languagetool.check(checker(), v2_params(*payload)))
        raise RequestError(404, f"no such request kind {kind!r}")
    except RequestError as e:
        return _error(kind, e.status, e.message)
    except Exception as e:  # a bug, not bad input: still one line, and the worker goes on
        import logging

        logging.getLogger("factcheck.server").exception("internal error in %s", kind)
        return _error(kind, 500, f"internal error: {type(e).__name__}: {str(e).splitlines()[0] if str(e) else ''}")


def _error(kind: str, status: int, message: str) -> tuple[int, str, bytes]:
    if kind.startswith("v2/"):  # LanguageTool answers errors in plain text
        return status, TEXT_TYPE, f"Error: {message}\n".encode("utf-8")
    return status, JSON_TYPE, _dumps({"error": message})


def v1_check(body: bytes) -> dict:
    return _v1(body)[0]


def v1_render(body: bytes) -> dict:
    """For the editor page: the file entry, the text as checked, and the HTML parts of
    the batch report (factcheck/output/html_parts.py) for it: the copy with findings
    highlighted in place, the list of findings, the figures and the timeline."""
    from factcheck.output import html_parts as hp

    entry, source = _v1(body)
    lang, prefix = entry.get("language"), "fc-a0"
    return {"entry": entry, "source": source, "dir": hp.text_dir(lang), "html": {
        "source": hp.highlight(source, entry["findings"], prefix),
        "findings": hp.render_findings(entry, prefix),
        "figures": hp.render_figures(entry.get("figures"), lang),
        "timeline": hp.render_timeline(entry.get("timeline"), lang, source, entry.get("published"),
                                        entry.get("findings")),
    }}


def _v1(body: bytes) -> tuple[dict, str]:
    raw = _utf8(body, "request body")
    try:
        req = json.loads(raw)
    except json.JSONDecodeError as e:
        raise RequestError(400, f"malformed JSON: {e.msg} at line {e.lineno} column {e.colno}") from None
    except RecursionError:
        raise RequestError(400, "malformed JSON: nested too deeply") from None
    if not isinstance(req, dict):
        raise RequestError(400, 'the request must be a JSON object such as {"text": "...", "format": "markdown"}')
    for k in req:
        if k not in V1_KEYS:
            raise RequestError(400, f"unknown key {k!r} (allowed: {', '.join(V1_KEYS)})")
    text = req.get("text")
    if not isinstance(text, str):
        raise RequestError(400, "'text' (a string) is required")
    _no_surrogates(text, "text")
    for k in ("format", "lang", "published", "path"):
        if req.get(k) is not None and not isinstance(req[k], str):
            raise RequestError(400, f"{k!r} must be a string")
    for k in ("select", "ignore"):
        if req.get(k) is not None and not (isinstance(req[k], list) and all(isinstance(x, str) for x in req[k])):
            raise RequestError(400, f"{k!r} must be a list of rule ids or globs")
    lang = req.get("lang")
    if lang in ("", "auto"):
        lang = None
    c = checker()
    rep = c.check(text, path=req.get("path"), fmt=req.get("format") or None, lang=lang,
                  published=req.get("published") or None, select=req.get("select"), ignore=req.get("ignore"))
    return c.entry(rep), rep.source


def v2_params(query: str, body: bytes, form: bool) -> dict:
    """LanguageTool's parameters from the query string and a form-encoded body (the body wins)."""
    params = {}
    sources = [query] + ([_utf8(body, "request body")] if form else [])
    for src in sources:
        if not src:
            continue
        try:
            pairs = parse_qsl(src, keep_blank_values=True, encoding="utf-8", errors="strict",
                              max_num_fields=MAX_FIELDS)
        except UnicodeDecodeError as e:
            raise RequestError(400, f"a form field is not UTF-8 once percent-decoded: {e.reason} at byte {e.start}") from None
        except ValueError as e:
            raise RequestError(400, f"malformed form data: {e}") from None
        for k, v in pairs:
            params[k] = _no_surrogates(v, k)
    return params
