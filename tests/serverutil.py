"""A real `factcheck serve` in a subprocess, for the tests that talk to it over HTTP."""

from __future__ import annotations

import http.client
import json
import os
import re
import select
import signal
import subprocess
import sys
import tempfile
import time

from conftest import ROOT


class Server:
    def __init__(self, *args, cwd=None, startup=90):
        self.stderr = tempfile.TemporaryFile()
        env = dict(os.environ, PYTHONUNBUFFERED="1")
        self.proc = subprocess.Popen([sys.executable, "-m", "factcheck", "serve", "--port", "0", *map(str, args)],
                                     stdout=subprocess.PIPE, stderr=self.stderr, cwd=cwd or ROOT, env=env)
        deadline = time.monotonic() + startup
        line = b""
        while time.monotonic() < deadline:
            r, _, _ = select.select([self.proc.stdout], [], [], 0.5)
            if r:
                line = self.proc.stdout.readline()
                if b"serving on" in line or not line:
                    break
            elif self.proc.poll() is not None:
                break
        m = re.search(rb"http://([\d.]+):(\d+)/", line)
        if not m:
            self.proc.kill()
            raise RuntimeError(f"server did not start: {line!r} {self.errors()}")
        self.host, self.port = m.group(1).decode(), int(m.group(2))
        self.url = f"http://{self.host}:{self.port}"

    def errors(self) -> str:
        self.stderr.seek(0)
        return self.stderr.read().decode("utf-8", "replace")

    def request(self, method, path, body=None, headers=None, timeout=60):
        """(status, content type, body bytes)."""
        conn = http.client.HTTPConnection(self.host, self.port, timeout=timeout)
        try:
            conn.request(method, path, body=body, headers=headers or {})
            resp = conn.getresponse()
            return resp.status, resp.getheader("content-type", ""), resp.read()
        finally:
            conn.close()

    def check(self, payload: dict, **kw):
        status, ctype, body = self.request("POST", "/v1/check", json.dumps(payload, ensure_ascii=False).encode("utf-8"),
                                           {"Content-Type": "application/json"}, **kw)
        return status, json.loads(body)

    def healthy(self) -> bool:
        status, _, body = self.request("GET", "/healthz", timeout=10)
        return status == 200 and json.loads(body)["status"] == "ok"

    def stop(self, sig=signal.SIGTERM, timeout=30) -> int:
        if self.proc.poll() is None:
            self.proc.send_signal(sig)
            try:
                self.proc.wait(timeout)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
                raise
        self.proc.stdout.close()
        return self.proc.returncode

    def children(self) -> list[int]:
        """Process ids of the server's descendants still alive (its workers)."""
        out = subprocess.run(["ps", "-eo", "pid=,ppid="], capture_output=True, text=True).stdout
        kids, todo = [], [self.proc.pid]
        pairs = [tuple(map(int, ln.split())) for ln in out.splitlines() if ln.strip()]
        while todo:
            p = todo.pop()
            for pid, ppid in pairs:
                if ppid == p:
                    kids.append(pid)
                    todo.append(pid)
        return kids
