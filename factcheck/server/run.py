"""Starting and stopping the server: the socket, uvicorn, SIGINT and SIGTERM."""

from __future__ import annotations

import ipaddress
import signal
import socket

import uvicorn

from factcheck.server.app import Settings, create_app


def is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def bind(host: str, port: int) -> socket.socket:
    """A bound socket (not yet listening: connections are refused until the workers are ready)."""
    infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM, flags=socket.AI_PASSIVE)
    family, _, _, _, addr = infos[0]
    sock = socket.socket(family, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    if family == socket.AF_INET6:
        sock.setsockopt(socket.IPPROTO_IPV6, socket.IPV6_V6ONLY, 1)
    sock.bind(addr)
    sock.set_inheritable(True)
    return sock


class _Server(uvicorn.Server):
    def __init__(self, config, url_host, echo):
        super().__init__(config)
        self._url_host, self._echo = url_host, echo

    async def startup(self, sockets=None):
        await super().startup(sockets=sockets)
        if self.started and sockets:
            port = sockets[0].getsockname()[1]
            self._echo(f"factcheck: serving on http://{self._url_host}:{port}/ "
                       f"(workers: {self.config.app.state.settings.workers}; Ctrl+C stops)")


def serve(host: str, port: int, settings: Settings, echo, access_log: bool = False) -> int:
    try:
        sock = bind(host, port)
    except OSError as e:
        echo(f"factcheck: cannot listen on {host}:{port}: {e.strerror or e}", err=True)
        return 2
    if not is_loopback(host):
        echo(f"factcheck: warning: listening on {host}, reachable from other machines; the server has no "
             "authentication", err=True)
    app = create_app(settings)
    config = uvicorn.Config(app, log_level="warning", access_log=access_log, lifespan="on",
                            timeout_graceful_shutdown=int(settings.timeout) + 5, limit_concurrency=256,
                            server_header=False)
    if access_log:
        # uvicorn writes its access lines at INFO, under the "warning" level kept for the rest
        # of its messages: let that one logger through (one line a request, on stderr)
        import logging

        logging.getLogger("uvicorn.access").setLevel(logging.INFO)
    url_host = f"[{host}]" if ":" in host else host
    server = _Server(config, url_host, echo)
    # uvicorn shuts down gracefully on SIGINT/SIGTERM, then re-raises the signal to the handler
    # it found: make that handler a no-op so the process ends with status 0.
    for sig in (signal.SIGINT, signal.SIGTERM):
        signal.signal(sig, lambda *_: None)
    try:
        server.run(sockets=[sock])
    finally:
        sock.close()
    if not server.started:
        echo("factcheck: the server could not start (see above)", err=True)
        return 2
    echo("factcheck: server stopped", err=True)
    return 0
