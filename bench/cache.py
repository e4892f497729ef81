"""The result cache: `factcheck check` over 1,000 unchanged articles, cold (empty
cache) against warm (every result in the cache), same command, same articles.

Each round runs, one after the other: no cache at all (--no-cache), a cold run
into an empty cache folder, and then warm runs on that folder; rounds are
repeated and the best of each kind kept, so that a burst of load from elsewhere
does not decide the ratio.  Every rule runs as configured (the model loads where
a rule asks for it), with one worker, as CI would run it."""

from __future__ import annotations

import json
import os
import resource
import shutil
import sqlite3
import subprocess
import tempfile
import time

from bench.common import OUT, articles, r3, sample
from bench.speed import factcheck_cmd


def _timed(cmd: list[str], cpu: list) -> tuple[float, int, str]:
    """Wall seconds, exit code, stderr tail; appends the command's CPU seconds (user + system) to `cpu`."""
    r0 = resource.getrusage(resource.RUSAGE_CHILDREN)
    t0 = time.perf_counter()
    p = subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    dt = time.perf_counter() - t0
    r1 = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu.append(r3((r1.ru_utime - r0.ru_utime) + (r1.ru_stime - r0.ru_stime)))
    return dt, p.returncode, p.stderr[-400:]


def run(quick: bool = False, log=print, rounds: int = 2, warm_runs: int = 3) -> dict:
    everything = list(articles("ar")) + list(articles("en"))
    arts = sample(everything, 120 if quick else 1000, stratify=lambda a: a.source)
    OUT.mkdir(parents=True, exist_ok=True)
    report = OUT / "cache-batch.json"
    # --jobs 1: the cache against checking, in one process (the default would start a pool for the cold run)
    base = factcheck_cmd() + ["check", "--format", "json", "--jobs", "1", "-o", str(report)]
    paths = [str(a.path) for a in arts]
    res: dict = {"articles": len(arts), "command": "factcheck check --format json --jobs 1 -o FILE [--no-cache | --cache-dir DIR] "
                 "ARTICLES...", "rounds": rounds, "warm_runs_per_round": warm_runs,
                 "load_avg_before": [], "no_cache": [], "cold": [], "warm": [],
                 "cpu": {"no_cache": [], "cold": [], "warm": []}}
    outputs = set()
    for _ in range(rounds):
        res["load_avg_before"].append(round(os.getloadavg()[0], 2))
        s, rc, err = _timed(base + ["--no-cache"] + paths, res["cpu"]["no_cache"])
        res["no_cache"].append(r3(s))
        outputs.add(report.read_text(encoding="utf-8"))
        d = tempfile.mkdtemp(prefix="fc-cache-bench-")
        try:
            s, rc, err = _timed(base + ["--cache-dir", d] + paths, res["cpu"]["cold"])
            res["cold"].append(r3(s))
            outputs.add(report.read_text(encoding="utf-8"))
            with sqlite3.connect(os.path.join(d, "v1.sqlite")) as db:
                res["entries"] = db.execute("SELECT COUNT(*) FROM entries").fetchone()[0]
            res["cache_mb"] = round(sum(os.path.getsize(os.path.join(d, f)) for f in os.listdir(d)
                                        if f.startswith("v1.sqlite")) / 2**20, 2)
            for _ in range(warm_runs):
                s, rc, err = _timed(base + ["--cache-dir", d] + paths, res["cpu"]["warm"])
                res["warm"].append(r3(s))
                outputs.add(report.read_text(encoding="utf-8"))
        finally:
            shutil.rmtree(d, ignore_errors=True)
        res["exit_code"] = rc
        if rc not in (0, 1):
            res["stderr_tail"] = err
    res["reports_identical"] = len(outputs) == 1
    res["findings"] = json.loads(report.read_text(encoding="utf-8"))["summary"]["findings"]
    res["best"] = {k: min(res[k]) for k in ("no_cache", "cold", "warm")}
    res["warm_over_cold"] = r3(res["best"]["warm"] / res["best"]["cold"])
    res["warm_over_no_cache"] = r3(res["best"]["warm"] / res["best"]["no_cache"])
    res["cold_over_no_cache"] = r3(res["best"]["cold"] / res["best"]["no_cache"])
    res["cpu_best"] = {k: min(v) for k, v in res["cpu"].items()}
    res["cpu_warm_over_cold"] = r3(res["cpu_best"]["warm"] / res["cpu_best"]["cold"])
    log(f"  cache: no cache {res['best']['no_cache']} s, cold {res['best']['cold']} s, warm {res['best']['warm']} s "
        f"(warm/cold {res['warm_over_cold']}); reports identical: {res['reports_identical']}")
    return res
