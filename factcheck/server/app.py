"""The Starlette application: routes, limits, and the pool of analysis workers.

The event loop only moves bytes: reading a body (with a size and a time limit), handing
it to a worker process, sending the worker's answer.  Decoding, validation and the
analysis run in the workers (factcheck/server/work.py), each of which loaded the rules
and models once when it started.  A request whose analysis outlives the time limit gets
a 503 and its worker is replaced; the others are not held up.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
import os
from dataclasses import dataclass
from pathlib import Path

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import FileResponse, JSONResponse, PlainTextResponse, Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles

from factcheck import __version__
from factcheck.server import work

log = logging.getLogger("factcheck.server")
STATIC = Path(__file__).resolve().parent / "static"
MB = 1024 * 1024


@dataclass
class Settings:
    workers: int = 2
    max_body: int = 2 * MB
    timeout: float = 30.0  # seconds, for reading a request's body and for its analysis
    config_path: str | None = None
    cwd: str = "."
    drain_limit: int = 64 * MB  # an oversized body up to this is read and dropped, so the 413 reaches the client
    allow_origins: tuple = ()  # origins whose pages may call the API from a browser (CORS), as LanguageTool's --allow-origin


class HTTPError(Exception):
    def __init__(self, status: int, message: str):
        super().__init__(status, message)
        self.status, self.message = status, message


class Pool:
    """Worker processes (pebble: a task that outlives its time limit has its worker
    killed and replaced), or with workers=0 one thread in this process (for debugging)."""

    def __init__(self, settings: Settings):
        self.settings = settings
        self._pool = None
        self._thread = None

    async def start(self) -> None:
        s = self.settings
        if s.workers == 0:
            from concurrent.futures import ThreadPoolExecutor

            work.init_in_process(s.config_path, s.cwd)
            self._thread = ThreadPoolExecutor(1, thread_name_prefix="factcheck-check")
            return
        import multiprocessing

        from pebble import ProcessPool

        ctx = multiprocessing.get_context("forkserver")
        ctx.set_forkserver_preload(["factcheck.server.work"])
        self._pool = ProcessPool(max_workers=s.workers, initializer=work.init, initargs=(s.config_path, s.cwd),
                                 context=ctx)
        # every worker loads the rules and models before the server takes requests
        futures = [self._pool.schedule(_ready, args=(0.05,)) for _ in range(s.workers)]
        await asyncio.gather(*(asyncio.wrap_future(f) for f in futures))

    async def run(self, kind: str, payload) -> tuple[int, str, bytes]:
        if self._thread is not None:
            fut = self._thread.submit(work.handle, kind, payload)
            return await asyncio.wrap_future(fut)
        from concurrent.futures import TimeoutError as FutureTimeout

        from pebble import ProcessExpired

        fut = self._pool.schedule(work.handle, args=(kind, payload), timeout=self.settings.timeout)
        try:
            return await asyncio.wrap_future(fut)
        except FutureTimeout:
            raise HTTPError(503, f"the analysis did not finish within the time limit of {self.settings.timeout:g} s") from None
        except ProcessExpired as e:
            log.error("a worker died (%s); it is replaced", e)
            raise HTTPError(503, "the analysis worker died; it has been replaced, try again") from None

    def close(self) -> None:
        if self._thread is not None:
            self._thread.shutdown(wait=True, cancel_futures=True)
        if self._pool is not None:
            self._pool.stop()
            self._pool.join(timeout=10)


def _ready(pause: float) -> int:
    import time

    time.sleep(pause)  # long enough that the pings spread over the workers
    return os.getpid()


# ------------------------------------------------------------------ helpers

def _v1_error(e: HTTPError) -> Response:
    return JSONResponse({"error": e.message}, status_code=e.status)


def _v2_error(e: HTTPError) -> Response:
    return PlainTextResponse(f"Error: {e.message}\n", status_code=e.status)  # LanguageTool answers errors in plain text


async def read_body(request: Request, settings: Settings) -> bytes:
    """The body, or HTTPError 413 (too large, after draining a reasonable excess so the
    client can read the answer) or 408 (not received in time)."""
    limit = settings.max_body
    declared = request.headers.get("content-length")
    if declared is not None:
        try:
            declared = int(declared)
        except ValueError:
            raise HTTPError(400, f"bad Content-Length {declared!r}") from None
    too_large = HTTPError(413, f"request body larger than the limit of {limit} bytes ({limit / MB:g} MB)")
    if declared is not None and declared > settings.drain_limit:
        raise too_large  # not worth reading: answered at once, the connection is closed
    chunks, size = [], 0

    async def receive():
        nonlocal size
        async for chunk in request.stream():
            size += len(chunk)
            if size <= limit:
                chunks.append(chunk)
            elif size > settings.drain_limit:
                break

    try:
        await asyncio.wait_for(receive(), settings.timeout)
    except asyncio.TimeoutError:
        raise HTTPError(408, f"request body not received within {settings.timeout:g} s") from None
    if size > limit:
        raise too_large
    return b"".join(chunks)


def _media_type(request: Request) -> tuple[str, str | None]:
    raw = request.headers.get("content-type", "")
    parts = [p.strip() for p in raw.split(";")]
    charset = None
    for p in parts[1:]:
        k, _, v = p.partition("=")
        if k.strip().lower() == "charset":
            charset = v.strip().strip('"').lower()
    return parts[0].lower(), charset


# ------------------------------------------------------------------ routes

async def healthz(request: Request) -> Response:
    return JSONResponse({"status": "ok", "name": "factcheck", "version": __version__,
                         "workers": request.app.state.settings.workers})


PAGE_HEADERS = {  # every asset comes from this server; nothing else may be fetched or framed
    "Content-Security-Policy": "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
                               "img-src 'self' data:; connect-src 'self'; base-uri 'none'; form-action 'none'; "
                               "frame-ancestors 'none'",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
}


async def page(request: Request) -> Response:
    return FileResponse(STATIC / "index.html", media_type="text/html; charset=utf-8", headers=PAGE_HEADERS)


async def v1_rules(request: Request) -> Response:
    lang = request.query_params.get("lang")
    if lang not in (None, "", "ar", "en"):
        return _v1_error(HTTPError(400, f"unknown language {lang!r} (factcheck checks ar and en)"))
    return Response(request.app.state.rules_json[lang or ""], media_type=work.JSON_TYPE)


async def v1_check(request: Request) -> Response:
    return await _v1_post(request, "v1/check")


async def v1_render(request: Request) -> Response:
    return await _v1_post(request, "v1/render")


async def assets(request: Request) -> Response:
    """The batch report's style sheet and script (html_parts), which the page shares."""
    from factcheck.output import html_parts

    name = request.path_params["name"]
    if name == "report.css":
        return Response(html_parts.CSS, media_type="text/css; charset=utf-8")
    if name == "report.js":
        return Response(html_parts.JS, media_type="text/javascript; charset=utf-8")
    return PlainTextResponse("Not Found", status_code=404)


async def _v1_post(request: Request, kind: str) -> Response:
    settings = request.app.state.settings
    try:
        mt, charset = _media_type(request)
        if mt != "application/json":
            raise HTTPError(415, f"Content-Type must be application/json, not {mt or 'none'!r}")
        if charset not in (None, "utf-8", "utf8"):
            raise HTTPError(415, f"the body must be UTF-8 JSON, not charset {charset!r}")
        body = await read_body(request, settings)
        status, ctype, out = await request.app.state.pool.run(kind, body)
    except HTTPError as e:
        return _v1_error(e)
    return Response(out, status_code=status, media_type=ctype)


async def v2_check(request: Request) -> Response:
    settings = request.app.state.settings
    try:
        body, form = b"", False
        if request.method == "POST":
            mt, charset = _media_type(request)
            body = await read_body(request, settings)
            if mt == "application/x-www-form-urlencoded":
                form = True
                if charset not in (None, "utf-8", "utf8"):
                    raise HTTPError(415, f"form fields must be UTF-8, not charset {charset!r}")
            elif body or mt:
                raise HTTPError(415, "Content-Type must be application/x-www-form-urlencoded "
                                     f"(LanguageTool's form fields), not {mt or 'none'!r}")
        status, ctype, out = await request.app.state.pool.run("v2/check", (request.url.query, body, form))
    except HTTPError as e:
        return _v2_error(e)
    return Response(out, status_code=status, media_type=ctype)


async def v2_languages(request: Request) -> Response:
    from factcheck.server.languagetool import languages

    return JSONResponse(languages())


def _rules_json(settings: Settings) -> dict:
    """GET /v1/rules answers, computed once (per language filter)."""
    from factcheck.rules import load_rules
    from factcheck.service import load_config

    rs = load_rules(tuple(load_config(settings.config_path, Path(settings.cwd)).rules_dirs))
    out = {}
    for lang in ("", "ar", "en"):
        rows = [{"id": r.id, "lang": r.lang, "kind": r.kind, "category": r.category, "severity": r.severity,
                 "description": r.description, "needs": list(r.needs)}
                for r in rs.rules if not lang or r.lang == lang]
        out[lang] = json.dumps(rows, ensure_ascii=False).encode("utf-8")
    return out


def create_app(settings: Settings | None = None) -> Starlette:
    settings = settings or Settings()

    @contextlib.asynccontextmanager
    async def lifespan(app):
        app.state.settings = settings
        app.state.rules_json = _rules_json(settings)
        pool = Pool(settings)
        await pool.start()
        app.state.pool = pool
        try:
            yield
        finally:
            await asyncio.get_running_loop().run_in_executor(None, pool.close)

    routes = [
        Route("/", page, methods=["GET"]),
        Route("/healthz", healthz, methods=["GET"]),
        Route("/v1/rules", v1_rules, methods=["GET"]),
        Route("/v1/check", v1_check, methods=["POST"]),
        Route("/v1/render", v1_render, methods=["POST"]),
        Route("/assets/{name}", assets, methods=["GET"]),
        Route("/v2/check", v2_check, methods=["GET", "POST"]),
        Route("/v2/languages", v2_languages, methods=["GET"]),
        Mount("/static", app=StaticFiles(directory=STATIC), name="static"),
    ]
    middleware = []
    if settings.allow_origins:
        from starlette.middleware import Middleware
        from starlette.middleware.cors import CORSMiddleware

        middleware.append(Middleware(CORSMiddleware, allow_origins=list(settings.allow_origins),
                                     allow_methods=["GET", "POST"], allow_headers=["Content-Type"], max_age=600))
    return Starlette(routes=routes, lifespan=lifespan, middleware=middleware,
                     exception_handlers={404: _not_routed, 405: _not_routed})


async def _not_routed(request: Request, exc) -> Response:
    """404 and 405 in each API's own error format (docs/server.md): JSON on /v1, LanguageTool's
    "Error: ..." on /v2, plain text elsewhere."""
    status = getattr(exc, "status_code", 404)
    what = (f"method {request.method} is not allowed here" if status == 405 else
            f"no such endpoint {request.url.path!r}")
    path = request.url.path
    headers = getattr(exc, "headers", None)
    if path.startswith("/v1/") or path == "/v1":
        resp = _v1_error(HTTPError(status, what))
    elif path.startswith("/v2/") or path == "/v2":
        resp = _v2_error(HTTPError(status, what))
    else:
        resp = PlainTextResponse(f"{what}\n", status_code=status)
    if headers:  # 405: Allow
        resp.headers.update(headers)
    return resp
