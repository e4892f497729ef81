"""Speed: warm time per 1,000 words, cold start from the shell, batch throughput, peak memory."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

from bench.common import (
    OUT, REPO, articles, calibrate, check_text, count_words, make_engine, median, r3,
    rules_needing_analysis, rules_with_analysis_option, sample, timeline_fn, uses_analysis,
)


def factcheck_cmd() -> list[str]:
    exe = shutil.which("factcheck")
    return [exe] if exe else [sys.executable, "-m", "factcheck"]


# ------------------------------------------------------------------ warm

def warm(arts, analysis: bool, repeats: int = 3, profile: bool = True) -> dict:
    """Parse + rules + timeline over `arts` with a warm engine; median of `repeats` passes."""
    engine = make_engine(analysis)
    tl = timeline_fn()
    texts = [(a.name, a.text, a.lang, a.published) for a in arts]
    words = sum(count_words(t) for _, t, _, _ in texts)
    for name, text, lang, pub in texts:  # warm-up: compiles patterns, loads lexicons and models
        check_text(engine, name, text, lang, pub, tl)
    passes = []
    for _ in range(repeats):
        t0 = time.perf_counter()
        for name, text, lang, pub in texts:
            check_text(engine, name, text, lang, pub, tl)
        passes.append(time.perf_counter() - t0)
    sec = median(passes)
    rules_only = []
    for _ in range(1 if profile else 0):  # the same without the timeline
        t0 = time.perf_counter()
        for name, text, lang, pub in texts:
            check_text(engine, name, text, lang, pub, None)
        rules_only.append(time.perf_counter() - t0)
    out = {
        "articles": len(texts), "words": words, "repeats": repeats, "timeline": tl is not None,
        "rules_only_ms_per_1000_words": r3(median(rules_only) / words * 1e6) if rules_only and words else None,
        "seconds_per_pass": [r3(p) for p in passes],
        "ms_per_1000_words": r3(sec / words * 1e6) if words else None,
        "ms_per_article": r3(sec / len(texts) * 1e3) if texts else None,
    }
    if profile:
        out["profile"] = profile_parts(engine, texts, tl)
    return out


def profile_parts(engine, texts, tl) -> dict:
    """Where the time goes: parsing, each rule, the timeline, the rest (one pass, ms per 1,000 words)."""
    from factcheck.document import parse_document

    words = sum(count_words(t) for _, t, _, _ in texts) or 1
    parse_s = rest_s = tl_s = 0.0
    per_rule: dict[str, float] = {}
    for name, text, lang, pub in texts:
        t0 = time.perf_counter()
        doc = parse_document(name, text, lang=lang, published=pub)
        t1 = time.perf_counter()
        parse_s += t1 - t0
        for rule, sev in engine.rules_for(doc):
            if "published" in rule.needs and doc.published is None:
                continue
            r0 = time.perf_counter()
            try:
                engine.run_rule(rule, doc, sev)
            except Exception:
                pass
            per_rule[rule.id] = per_rule.get(rule.id, 0.0) + time.perf_counter() - r0
        if tl is not None:
            t2 = time.perf_counter()
            try:
                tl(doc)
            except Exception:
                pass
            tl_s += time.perf_counter() - t2
    k = 1e6 / words
    top = sorted(per_rule.items(), key=lambda kv: -kv[1])
    return {
        "parse_ms_per_1000_words": r3(parse_s * k),
        "timeline_ms_per_1000_words": r3(tl_s * k) if tl is not None else None,
        "rules_ms_per_1000_words": r3(sum(per_rule.values()) * k),
        "per_rule_ms_per_1000_words": {rid: r3(s * k) for rid, s in top},
    }


def analyzer_cost(arts) -> dict:
    """The Arabic UDPipe model on its own: load time and analysis time per 1,000 words."""
    try:
        from factcheck import analysis as an
    except ImportError:
        return {"available": False, "reason": "factcheck.analysis is not there"}
    try:
        t0 = time.perf_counter()
        a = an.get_analyzer("ar")
        load = time.perf_counter() - t0
    except Exception as e:
        return {"available": False, "reason": f"{type(e).__name__}: {e}"}
    texts = [x.text for x in arts]
    words = sum(count_words(t) for t in texts) or 1
    a.analyze(texts[0])
    t0 = time.perf_counter()
    for t in texts:
        a.analyze(t)
    sec = time.perf_counter() - t0
    return {"available": True, "backend": getattr(a, "backend", None), "load_seconds": r3(load),
            "articles": len(texts), "words": words, "ms_per_1000_words": r3(sec / words * 1e6)}


# ------------------------------------------------------------------ cold

def _run(cmd, **kw) -> float:
    t0 = time.perf_counter()
    subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, **kw)
    return time.perf_counter() - t0


def cold(arts_by_lang: dict, runs: int = 7) -> dict:
    """`factcheck check FILE --format json` from the shell; median of `runs` (after one unmeasured run)."""
    out = {"runs": runs, "command": "factcheck check FILE --format json"}
    floor = [_run([sys.executable, "-c", "pass"]) for _ in range(runs)]
    imp = [_run([sys.executable, "-c", "import factcheck.cli"]) for _ in range(runs)]
    out["python_startup_seconds"] = r3(median(floor))
    out["import_factcheck_cli_seconds"] = r3(median(imp))
    for lang, art in arts_by_lang.items():
        cmd = factcheck_cmd() + ["check", str(art.path), "--format", "json", "--no-cache"]
        if art.published:
            cmd += ["--published", art.published.isoformat()]
        _run(cmd)
        ts = [_run(cmd) for _ in range(runs)]
        out[lang] = {"article": art.name, "words": count_words(art.text), "median_seconds": r3(median(ts)),
                     "min_seconds": r3(min(ts)), "max_seconds": r3(max(ts))}
    out["import_profile"] = import_profile(arts_by_lang.get("ar") or next(iter(arts_by_lang.values())))
    return out


def import_profile(art, top: int = 12) -> list[dict]:
    """`python -X importtime` of one CLI run: the slowest imports (cumulative ms), top-level packages."""
    cmd = [sys.executable, "-X", "importtime", "-m", "factcheck", "check", str(art.path), "--format", "json",
           "--no-cache"]
    p = subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    rows = []
    for line in p.stderr.splitlines():
        if not line.startswith("import time:") or "|" not in line:
            continue
        parts = line[len("import time:"):].split("|")
        try:
            self_us, cum_us = int(parts[0]), int(parts[1])
        except ValueError:
            continue
        name = parts[2].rstrip()
        depth = (len(name) - len(name.lstrip())) // 2
        rows.append({"module": name.strip(), "cumulative_ms": round(cum_us / 1000, 1), "depth": depth})
    tops = [r for r in rows if r["depth"] <= 1]
    tops.sort(key=lambda r: -r["cumulative_ms"])
    total = sum(r["cumulative_ms"] for r in rows if r["depth"] == 0)
    return {"total_import_ms": round(total, 1), "top": tops[:top]}


# ------------------------------------------------------------------ batch

def _write_list(paths, name: str) -> Path:
    OUT.mkdir(parents=True, exist_ok=True)
    p = OUT / name
    p.write_text("\n".join(str(x) for x in paths), encoding="utf-8")
    return p


def measure(cmd: list[str], poll: float = 0.05) -> dict:
    """Wall time, CPU time (the command and its waited-for workers), exit code, and peak RSS
    (largest single process, and the whole process tree at once) by polling /proc every `poll` s.

    ru_maxrss is not used: on Linux it carries over through fork+exec from the (large)
    benchmark process, so it would report the parent's size."""
    import psutil

    t0 = time.perf_counter()
    p = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    peak_one = peak_tree = 0
    root = psutil.Process(p.pid)
    while True:
        pid, status, ru = os.wait4(p.pid, os.WNOHANG)
        if pid:
            break
        try:
            rss = []
            for q in [root] + root.children(recursive=True):
                try:
                    rss.append(q.memory_info().rss)
                except psutil.Error:
                    pass
            if rss:
                peak_one = max(peak_one, max(rss))
                peak_tree = max(peak_tree, sum(rss))
        except psutil.Error:
            pass
        time.sleep(poll)
    dt = time.perf_counter() - t0
    rc = os.waitstatus_to_exitcode(status)
    p.returncode = rc
    err = p.stderr.read() if p.stderr else ""
    cpu = ru.ru_utime + ru.ru_stime
    return {"seconds": dt, "rc": rc, "maxrss_mb": peak_one / 2**20, "tree_rss_mb": peak_tree / 2**20,
            "cpu_seconds": cpu, "stderr": err[-400:]}


def batch(arts, jobs_list=(1, 2), analysis: bool = False, rounds: int = 2) -> dict:
    """`factcheck check FILES... --format json --jobs N` over the articles; articles per second (best of `rounds`)."""
    # without analysis: the rules that would load the model are left out (--ignore), since the CLI has no
    # switch for a rule's use_analysis option
    ignore = [] if analysis else sorted(set(rules_needing_analysis()) |
                                        {r for r, on in rules_with_analysis_option().items() if on})
    out_ignored = ignore
    out = {"articles": len(arts), "words": sum(count_words(a.text) for a in arts), "analysis": analysis,
           "ignored_rules": out_ignored}
    OUT.mkdir(parents=True, exist_ok=True)
    runs: dict = {j: [] for j in jobs_list}
    for _ in range(rounds):  # interleaved, so that a burst of load from elsewhere hits both alike
        for jobs in jobs_list:
            cmd = factcheck_cmd() + ["check", "--format", "json", "--jobs", str(jobs), "-o", str(OUT / "batch.json"),
                                    "--no-cache"]
            if ignore:
                cmd += ["--ignore", ",".join(ignore)]
            cmd += [str(a.path) for a in arts]
            load = os.getloadavg()[0]
            m = measure(cmd)
            m["load_before"] = round(load, 2)
            runs[jobs].append(m)
    for jobs, ms in runs.items():
        best = min(ms, key=lambda m: m["seconds"])
        out[f"jobs{jobs}"] = {"seconds": r3(best["seconds"]), "articles_per_second": r3(len(arts) / best["seconds"]),
                              "all_seconds": [r3(m["seconds"]) for m in ms],
                              "load_avg_before": [m["load_before"] for m in ms],
                              "exit_code": best["rc"], "peak_rss_mb_largest_process": round(best["maxrss_mb"], 1),
                              "peak_rss_mb_all_processes": round(best["tree_rss_mb"], 1),
                              "cpu_seconds": r3(best["cpu_seconds"])}
        if best["rc"] not in (0, 1):
            out[f"jobs{jobs}"]["stderr_tail"] = best["stderr"]
    return out


MEM_SCRIPT = r"""
import json, resource, sys, datetime
sys.path.insert(0, sys.argv[1])
from bench.common import articles, check_text, make_engine, timeline_fn
mode = sys.argv[2]
res = {"mode": mode}
def rss():  # VmHWM: this image's high-water mark (ru_maxrss would include the parent's, see measure())
    with open("/proc/self/status") as f:
        for line in f:
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
res["after_start_mb"] = rss()
eng = make_engine(analysis=("off" if mode == "rules" else "configured"))
tl = timeline_fn()
arts = [a for a in articles("ar")][:200] + [a for a in articles("en")][:200]
for a in arts:
    check_text(eng, a.name, a.text, a.lang, a.published, tl)
res["after_rules_mb"] = rss()
if mode == "model":
    try:
        from factcheck.analysis import get_analyzer
        an = get_analyzer("ar")
        for a in arts[:200]:
            an.analyze(a.text)
        res["model"] = "loaded"
    except Exception as e:
        res["model"] = f"{type(e).__name__}: {e}"
res["peak_mb"] = rss()
print(json.dumps(res))
"""


def memory() -> dict:
    """Peak RSS in a fresh process: engine + 400 articles, then also the Arabic model over 200 articles."""
    out = {}
    for mode in ("rules", "model"):
        p = subprocess.run([sys.executable, "-c", MEM_SCRIPT, str(REPO), mode], capture_output=True, text=True)
        try:
            out[mode] = json.loads(p.stdout.strip().splitlines()[-1])
        except (IndexError, ValueError):
            out[mode] = {"error": p.stderr[-400:]}
        for k in list(out[mode]):
            if k.endswith("_mb"):
                out[mode][k] = round(out[mode][k], 1)
    return out


# ------------------------------------------------------------------ all

def run(quick: bool = False, log=print) -> dict:
    res: dict = {}
    res["calibration_seconds"] = r3(calibrate())
    log(f"  calibration loop: {res['calibration_seconds']} s")
    n = 30 if quick else 200
    an_rules = rules_needing_analysis()
    opt_rules = rules_with_analysis_option()
    res["rules_needing_analysis"] = an_rules
    res["rules_with_use_analysis_option"] = opt_rules
    res["warm"] = {}
    for lang in ("ar", "en"):
        arts = sample(articles(lang), n, stratify=lambda a: a.source)
        res["warm"][lang] = {"without_analysis": warm(arts, analysis="off")}
        w = res["warm"][lang]["without_analysis"]
        log(f"  warm {lang}: {w['ms_per_1000_words']} ms/1000 words ({w['articles']} articles, {w['words']} words)")
        mine = [r for r in an_rules if r.startswith(lang + ".")] + \
               [r for r, on in opt_rules.items() if on and r.startswith(lang + ".")]
        res["warm"][lang]["with_analysis"] = warm(arts, analysis="configured", profile=False) if mine else None
        if any(r.startswith(lang + ".") for r in opt_rules):
            # what the rules that can use the parser would cost with it switched on
            sub = arts[: max(10, len(arts) // 5)]
            res["warm"][lang]["analysis_forced"] = warm(sub, analysis="forced", repeats=1, profile=False)
            res["warm"][lang]["analysis_forced"]["rules"] = sorted(r for r in opt_rules if r.startswith(lang + "."))
            res["warm"][lang]["analysis_forced"]["same_articles_off"] = warm(sub, analysis="off", repeats=1,
                                                                            profile=False)["ms_per_1000_words"]
            log(f"  warm {lang} with use_analysis forced on: "
                f"{res['warm'][lang]['analysis_forced']['ms_per_1000_words']} ms/1000 words")
        res["warm"][lang]["relative_to_calibration"] = r3(w["ms_per_1000_words"] / 1000 / res["calibration_seconds"])
    ar_small = sample(articles("ar"), 20 if quick else 60, stratify=lambda a: a.source)
    res["analyzer_alone"] = analyzer_cost(ar_small)
    log(f"  analyzer alone: {res['analyzer_alone']}")
    # cold: a median-length article of each language
    one = {}
    for lang in ("ar", "en"):
        arts = sorted(articles(lang), key=lambda a: a.meta.get("n_chars") or len(a.text))
        one[lang] = arts[len(arts) // 2]
    res["cold"] = cold(one, runs=5 if quick else 9)
    log(f"  cold: ar {res['cold']['ar']['median_seconds']} s, en {res['cold']['en']['median_seconds']} s")
    everything = list(articles("ar")) + list(articles("en"))
    batch_arts = sample(everything, 120 if quick else 1000, stratify=lambda a: a.source)
    res["batch"] = batch(batch_arts, (1, 2), analysis=False)
    log(f"  batch: jobs1 {res['batch']['jobs1']['articles_per_second']}/s, "
        f"jobs2 {res['batch']['jobs2']['articles_per_second']}/s")
    if uses_analysis():
        res["batch_with_analysis"] = batch(batch_arts, (1, 2), analysis=True, rounds=1)
        log(f"  batch with the model as configured: jobs1 {res['batch_with_analysis']['jobs1']['articles_per_second']}/s, "
            f"jobs2 {res['batch_with_analysis']['jobs2']['articles_per_second']}/s")
    res["memory"] = memory()
    log(f"  memory: {res['memory']}")
    return res
