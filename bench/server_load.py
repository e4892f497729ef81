"""Load test of `factcheck serve`: N concurrent clients for S seconds on corpus articles.

    python -m bench.server_load                      # 8 clients, 30 s, a server it starts (2 workers)
    python -m bench.server_load --workers 4 --seconds 60
    python -m bench.server_load --url http://127.0.0.1:8081   # a server you started

Each client keeps one connection and sends, back to back, corpus articles (a fixed-seed
sample, Arabic and English alike) alternately to /v1/check and to LanguageTool's
/v2/check.  Reported: requests, failures (any status but 200, any connection error),
throughput, latency p50/p95/p99, and the server's memory (resident set of the server
and its workers, sampled every second) at the start and end of the run.  Traffic goes to
the loopback address only; the run is bounded in time and in requests.
"""

from __future__ import annotations

import argparse
import http.client
import json
import random
import re
import select
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path
from urllib.parse import urlencode, urlparse

from bench.common import REPO, corpus_root, machine_info

MAX_REQUESTS = 200_000  # a bound whatever the duration


def articles(n: int, seed: int = 12) -> list[tuple[str, str]]:
    root = corpus_root()
    if root is None:
        raise SystemExit("the load test reads corpus articles: ../shared/corpus or $FACTCHECK_CORPUS not found")
    files = sorted(p for p in root.glob("*/*/*.txt"))
    rng = random.Random(seed)
    rng.shuffle(files)
    out = []
    for p in files[:n]:
        out.append((p.relative_to(root).as_posix(), p.read_text(encoding="utf-8")))
    return out


def start_server(workers: int):
    proc = subprocess.Popen([sys.executable, "-m", "factcheck", "serve", "--port", "0", "--workers", str(workers)],
                            stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, cwd=REPO)
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        r, _, _ = select.select([proc.stdout], [], [], 0.5)
        if r:
            line = proc.stdout.readline().decode()
            m = re.search(r"http://([\d.]+):(\d+)/", line)
            if m:
                return proc, f"http://{m.group(1)}:{m.group(2)}"
        if proc.poll() is not None:
            break
    proc.kill()
    raise SystemExit("the server did not start")


def tree_rss_kb(pid: int) -> int:
    """Resident memory of a process and its descendants (Linux /proc), in kB."""
    try:
        out = subprocess.run(["ps", "-eo", "pid=,ppid=,rss="], capture_output=True, text=True).stdout
    except OSError:
        return 0
    rows = [tuple(map(int, ln.split())) for ln in out.splitlines() if ln.strip()]
    kids, todo, total = {pid}, [pid], 0
    while todo:
        p = todo.pop()
        for c, pp, _ in rows:
            if pp == p and c not in kids:
                kids.add(c)
                todo.append(c)
    for c, _, rss in rows:
        if c in kids:
            total += rss
    return total


def client(url: str, docs, stop_at: float, results: list, lock, counter):
    u = urlparse(url)
    conn = http.client.HTTPConnection(u.hostname, u.port, timeout=120)
    rng = random.Random(threading.get_ident())
    i = 0
    while time.monotonic() < stop_at:
        with lock:
            if counter[0] >= MAX_REQUESTS:
                break
            counter[0] += 1
        name, text = docs[rng.randrange(len(docs))]
        if i % 2 == 0:
            path, body, ctype = "/v1/check", json.dumps({"text": text, "path": name}, ensure_ascii=False).encode(), \
                "application/json"
        else:
            path, body, ctype = "/v2/check", urlencode({"text": text, "language": "auto"}).encode(), \
                "application/x-www-form-urlencoded"
        i += 1
        t0 = time.perf_counter()
        try:
            conn.request("POST", path, body=body, headers={"Content-Type": ctype})
            resp = conn.getresponse()
            data = resp.read()
            ok = resp.status == 200 and data[:1] == b"{"
            status = resp.status
        except (OSError, http.client.HTTPException) as e:
            ok, status = False, type(e).__name__
            conn.close()
            conn = http.client.HTTPConnection(u.hostname, u.port, timeout=120)
        results.append((time.perf_counter() - t0, ok, status, path, len(text)))
    conn.close()


def run(url: str, pid: int | None, clients: int, seconds: float, docs) -> dict:
    # warm-up: every worker has checked something before the clock starts
    warm: list = []
    lock, counter = threading.Lock(), [0]
    ts = [threading.Thread(target=client, args=(url, docs, time.monotonic() + 3, warm, lock, counter))
          for _ in range(clients)]
    for t in ts:
        t.start()
    for t in ts:
        t.join()
    results: list = []
    counter = [0]
    mem = []
    stop_at = time.monotonic() + seconds
    ts = [threading.Thread(target=client, args=(url, docs, stop_at, results, lock, counter)) for _ in range(clients)]
    t0 = time.monotonic()
    for t in ts:
        t.start()
    while any(t.is_alive() for t in ts):
        if pid:
            mem.append((round(time.monotonic() - t0, 1), tree_rss_kb(pid)))
        time.sleep(1.0)
    for t in ts:
        t.join()
    elapsed = time.monotonic() - t0
    lat = sorted(r[0] for r in results)
    q = statistics.quantiles(lat, n=100, method="inclusive") if len(lat) >= 2 else [lat[0]] * 99
    failures = [r for r in results if not r[1]]
    by_status: dict = {}
    for r in results:
        by_status[str(r[2])] = by_status.get(str(r[2]), 0) + 1
    third = max(1, len(mem) // 3)
    return {
        "clients": clients, "seconds": round(elapsed, 1), "requests": len(results), "failures": len(failures),
        "by_status": by_status, "throughput_rps": round(len(results) / elapsed, 1),
        "chars_per_s": round(sum(r[4] for r in results) / elapsed),
        "latency_ms": {"p50": round(q[49] * 1000, 1), "p95": round(q[94] * 1000, 1), "p99": round(q[98] * 1000, 1),
                       "max": round(lat[-1] * 1000, 1)},
        "by_endpoint": {p: len([r for r in results if r[3] == p]) for p in ("/v1/check", "/v2/check")},
        "memory_mb": {"first_third_mean": round(statistics.mean(m for _, m in mem[:third]) / 1024, 1),
                      "last_third_mean": round(statistics.mean(m for _, m in mem[-third:]) / 1024, 1),
                      "max": round(max(m for _, m in mem) / 1024, 1)} if mem else None,
        "memory_series_mb": [(t, round(m / 1024, 1)) for t, m in mem],
    }


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(prog="python -m bench.server_load", description=__doc__.split("\n\n")[0])
    ap.add_argument("--clients", type=int, default=8)
    ap.add_argument("--seconds", type=float, default=30)
    ap.add_argument("--workers", type=int, default=2, help="workers of the server this starts")
    ap.add_argument("--articles", type=int, default=300, help="corpus articles sampled (fixed seed)")
    ap.add_argument("--url", help="a running server (loopback only) instead of starting one")
    ap.add_argument("--out", default=str(REPO / "bench" / "out" / "server_load.json"))
    a = ap.parse_args(argv)
    docs = articles(a.articles)
    proc = None
    if a.url:
        host = urlparse(a.url).hostname
        if host not in ("127.0.0.1", "localhost", "::1"):
            raise SystemExit("the load test only targets this machine's loopback address")
        url, pid = a.url.rstrip("/"), None
    else:
        proc, url = start_server(a.workers)
        pid = proc.pid
    try:
        res = run(url, pid, a.clients, a.seconds, docs)
    finally:
        if proc is not None:
            proc.terminate()
            proc.wait(30)
    res["workers"] = a.workers if proc is not None else None
    res["articles"] = len(docs)
    res["mean_article_chars"] = round(statistics.mean(len(t) for _, t in docs))
    res["machine"] = machine_info()
    Path(a.out).parent.mkdir(parents=True, exist_ok=True)
    Path(a.out).write_text(json.dumps(res, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    summary = {k: v for k, v in res.items() if k not in ("memory_series_mb", "machine")}
    print(json.dumps(summary, indent=1))
    return 0 if res["failures"] == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
