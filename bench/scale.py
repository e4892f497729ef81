"""One article cold, one batch, one archive: side by side with proselint, and `factcheck audit`.

* cold: `factcheck check` on an Arabic article that needs a parse, on an English one, and
  `proselint check` on the English one, alternating round by round (and the Arabic one with
  the old spaCy backend, FACTCHECK_UDPIPE_BACKEND=spacy_udpipe, for the before/after);
* batch: 600 English articles in one process, `factcheck check FILES --format json` against
  `proselint check FILES`, alternating;
* audit: `factcheck audit CORPUS -o OUT.parquet` with 1 and 2 local workers against
  `factcheck check CORPUS --jobs 2 --format json` on the whole corpus, with the peak memory of
  every process; and the estimate for 10 million articles that follows from the per-core rate.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time

from bench.common import OUT, articles, corpus_root, count_words, make_engine, median, r3, sample
from bench.speed import factcheck_cmd


def proselint_cmd() -> list[str]:
    exe = shutil.which("proselint")
    return [exe] if exe else [sys.executable, "-m", "proselint"]


def _time(cmd, env=None) -> float:
    t0 = time.perf_counter()
    subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env)
    return time.perf_counter() - t0


# the one rule that asks the parser; off by default since the gap model covers it
PARSE_RULE = "ar.preposition.date"


def parse_article(n_scan: int = 300):
    """A median-length Arabic article (fixed-seed sample) that makes a rule ask the parser."""
    from factcheck.document import parse_document

    eng = make_engine("configured")
    eng.config.select = ["*", PARSE_RULE]  # the one rule that parses is off by default: name it
    found = []
    for a in sample(articles("ar"), n_scan, seed=14, stratify=lambda a: a.source):
        doc = parse_document(a.name, a.text, lang="ar", published=a.published)
        eng.check(doc)
        if doc.__dict__.get("_missing_word_analysis"):
            found.append(a)
    found.sort(key=lambda a: len(a.text))
    return (found[len(found) // 2] if found else None), len(found), n_scan


def spread(ts: list[float]) -> dict:
    return {"median": r3(median(ts)), "min": r3(min(ts)), "max": r3(max(ts)), "runs": [r3(t) for t in ts]}


def cold(rounds: int) -> dict:
    ar, n_found, n_scan = parse_article(80 if rounds < 5 else 300)
    ens = sorted(articles("en"), key=lambda a: len(a.text))
    en = ens[len(ens) // 2]
    fc, pl = factcheck_cmd(), proselint_cmd()
    cmds = {
        # --no-cache: the result cache would answer every run after the first
        "factcheck_ar_parse": fc + ["check", str(ar.path), "--format", "json", "--no-cache", "--select",
                                    "*," + PARSE_RULE],
        "factcheck_ar": fc + ["check", str(ar.path), "--format", "json", "--no-cache"],
        "factcheck_en": fc + ["check", str(en.path), "--format", "json", "--no-cache"],
        "proselint_en": pl + ["check", str(en.path)],
        "python_pass": [sys.executable, "-c", "pass"],
    }
    # the compiled-pattern cache (factcheck.rxcache) in a folder of the bench's own, filled by
    # the unmeasured first runs as a user's first check fills ~/.cache/factcheck; the same
    # command with the cache off is what the very first check after an install costs
    rx = OUT / "rxcache"
    shutil.rmtree(rx, ignore_errors=True)
    env = dict(os.environ, FACTCHECK_REGEX_CACHE=str(rx))
    env_spacy = dict(env, FACTCHECK_UDPIPE_BACKEND="spacy_udpipe")
    env_first = dict(os.environ, FACTCHECK_REGEX_CACHE="off")
    for c in cmds.values():  # one unmeasured run each: disk cache
        _time(c, env)
    times: dict = {k: [] for k in cmds}
    times["factcheck_ar_parse_spacy_backend"] = []
    times["factcheck_ar_parse_first_run"] = []
    for _ in range(rounds):  # alternating: a burst of load hits every command alike
        for k, c in cmds.items():
            times[k].append(_time(c, env))
        times["factcheck_ar_parse_spacy_backend"].append(_time(cmds["factcheck_ar_parse"], env_spacy))
        times["factcheck_ar_parse_first_run"].append(_time(cmds["factcheck_ar_parse"], env_first))
    out = {"rounds": rounds, "ar_article": ar.name, "ar_words": count_words(ar.text),
           "ar_articles_with_a_parse": f"{n_found} of {n_scan} (fixed-seed sample)",
           "en_article": en.name, "en_words": count_words(en.text),
           "commands": {k: " ".join(os.path.basename(x) if i == 0 else x for i, x in enumerate(c))
                        for k, c in cmds.items()}}
    out.update({k: spread(v) for k, v in times.items()})
    out["ratio_ar_parse_over_proselint"] = r3(median(times["factcheck_ar_parse"]) / median(times["proselint_en"]))
    out["ratio_per_round"] = [r3(a / b) for a, b in zip(times["factcheck_ar_parse"], times["proselint_en"])]
    out["ratio_en_over_proselint"] = r3(median(times["factcheck_en"]) / median(times["proselint_en"]))
    return out


def batch(n: int, rounds: int) -> dict:
    arts = sample(articles("en"), n, seed=600, stratify=lambda a: a.source)
    paths = [str(a.path) for a in arts]
    OUT.mkdir(parents=True, exist_ok=True)
    fc = factcheck_cmd() + ["check", "--format", "json", "--no-cache", "-o", str(OUT / "batch600.json")]
    # the default, --jobs auto (a pool of one worker per CPU from 64 files), and one process
    cmds = {"factcheck": fc + paths,
            "factcheck_jobs1": fc + ["--jobs", "1"] + paths,
            "proselint": proselint_cmd() + ["check"] + paths}
    times: dict = {k: [] for k in cmds}
    for _ in range(rounds):
        for k, c in cmds.items():
            times[k].append(_time(c))
    res = {"articles": len(arts), "words": sum(count_words(a.text) for a in arts), "rounds": rounds,
           "cpus": len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count(),
           "factcheck": spread(times["factcheck"]), "factcheck_jobs1": spread(times["factcheck_jobs1"]),
           "proselint": spread(times["proselint"]),
           "commands": "factcheck check --format json -o OUT FILES... (the default --jobs auto; and with --jobs 1)"
                       "  vs  proselint check FILES..."}
    res["proselint_over_factcheck"] = r3(median(times["proselint"]) / median(times["factcheck"]))
    res["per_round"] = [r3(p / f) for f, p in zip(times["factcheck"], times["proselint"])]
    res["proselint_over_factcheck_jobs1"] = r3(median(times["proselint"]) / median(times["factcheck_jobs1"]))
    res["per_round_jobs1"] = [r3(p / f) for f, p in zip(times["factcheck_jobs1"], times["proselint"])]
    return res


def watch(cmd: list[str], poll: float = 0.1) -> dict:
    """Wall and CPU seconds of a command and its children, and the peak RSS of each process."""
    import psutil

    t0 = time.perf_counter()
    p = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    root = psutil.Process(p.pid)
    peak: dict = {}
    kind: dict = {}
    tree_peak = 0
    while True:
        pid, status, ru = os.wait4(p.pid, os.WNOHANG)
        if pid:
            break
        total = 0
        try:
            procs = [root] + root.children(recursive=True)
        except psutil.Error:
            procs = []
        for q in procs:
            try:
                rss = q.memory_info().rss
                if q.pid not in kind:
                    kind[q.pid] = "driver" if q.pid == p.pid else q.name()
            except psutil.Error:
                continue
            total += rss
            peak[q.pid] = max(peak.get(q.pid, 0), rss)
        tree_peak = max(tree_peak, total)
        time.sleep(poll)
    wall = time.perf_counter() - t0
    err = p.stderr.read() if p.stderr else ""
    others = sorted((v for k, v in peak.items() if k != p.pid), reverse=True)
    return {"seconds": r3(wall), "cpu_seconds": r3(ru.ru_utime + ru.ru_stime),
            "exit": os.waitstatus_to_exitcode(status),
            "driver_peak_mb": round(peak.get(p.pid, 0) / 2**20, 1),
            "other_processes_peak_mb": [round(v / 2**20, 1) for v in others],
            "all_processes_peak_mb": round(tree_peak / 2**20, 1), "stderr_tail": err[-300:]}


def audit(quick: bool) -> dict:
    root = corpus_root()
    target = root / "en" / "bbc_2004" if quick else root
    from factcheck.cli import collect_inputs

    items, _ = collect_inputs([str(target)])
    n = len(items)
    words = sum(count_words(open(p, encoding="utf-8", errors="replace").read()) for p, _ in items)
    OUT.mkdir(parents=True, exist_ok=True)
    fc = factcheck_cmd()
    res: dict = {"input": str(target), "files": n, "words": words}
    runs = {
        "check_jobs2": fc + ["check", str(target), "--jobs", "2", "--format", "json", "--no-cache", "-o",
                             str(OUT / "corpus.json")],
        "audit_1_worker": fc + ["audit", str(target), "-o", str(OUT / "audit1.parquet"), "--workers", "1",
                                "--no-progress"],
        "audit_2_workers": fc + ["audit", str(target), "-o", str(OUT / "audit2.parquet"), "--workers", "2",
                                 "--no-progress"],
    }
    for k, cmd in runs.items():
        m = watch(cmd)
        m["files_per_second"] = r3(n / m["seconds"])
        m["command"] = " ".join(["factcheck"] + cmd[len(fc):]).replace(str(root), "CORPUS").replace(str(OUT), "OUT")
        res[k] = m
    one = res["audit_1_worker"]
    res["per_core_files_per_second"] = one["files_per_second"]
    res["words_per_file"] = round(words / n) if n else None
    res["load_avg_after"] = [round(x, 2) for x in os.getloadavg()]
    return res


def estimate(a: dict, machines=(1, 10, 50), cores: int = 8, articles_n: int = 10_000_000) -> dict:
    rate = a["per_core_files_per_second"]
    rows = []
    for n in machines:
        hours = articles_n / (rate * cores * n) / 3600
        rows.append({"machines": n, "cores_each": cores, "hours": round(hours, 2)})
    return {"articles": articles_n, "per_core_files_per_second": rate, "rows": rows}


def run(quick: bool = False, log=print) -> dict:
    res: dict = {}
    res["cold"] = cold(3 if quick else 9)
    log(f"  cold: factcheck ar+parse {res['cold']['factcheck_ar_parse']['median']} s, proselint en "
        f"{res['cold']['proselint_en']['median']} s, ratio {res['cold']['ratio_ar_parse_over_proselint']}")
    res["batch"] = batch(60 if quick else 600, 1 if quick else 3)
    log(f"  batch: proselint / factcheck = {res['batch']['proselint_over_factcheck']}")
    res["audit"] = audit(quick)
    log(f"  audit: {res['audit']['audit_1_worker']['files_per_second']} files/s (1 worker), "
        f"{res['audit']['audit_2_workers']['files_per_second']} (2), check --jobs 2 "
        f"{res['audit']['check_jobs2']['files_per_second']}")
    res["estimate"] = estimate(res["audit"])
    return res
