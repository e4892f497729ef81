"""Side by side on the same English articles: factcheck, proselint (Python API and CLI),
textlint (Node API and CLI, rules comparable to ours; see bench/textlintrc.json)."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import time

from bench.common import BENCH, OUT, articles, check_text, count_words, make_engine, median, r3, sample, timeline_fn
from bench.speed import factcheck_cmd

TEXTLINT_DIR = BENCH
TEXTLINT_BIN = BENCH / "node_modules" / ".bin" / "textlint"
TEXTLINT_RC = BENCH / "textlintrc.json"


def textlint_ready() -> str | None:
    """None when textlint can run, else why not."""
    if shutil.which("node") is None:
        return "node is not installed"
    if not TEXTLINT_BIN.exists():
        return "textlint is not installed: run `npm ci --prefix bench` (or `npm install --prefix bench`)"
    return None


def time_factcheck(arts, repeats=3) -> dict:
    eng = make_engine(analysis=False)
    tl = timeline_fn()
    for a in arts:
        check_text(eng, a.name, a.text, "en", a.published, tl)
    passes, n = [], 0
    for _ in range(repeats):
        n = 0
        t0 = time.perf_counter()
        for a in arts:
            n += len(check_text(eng, a.name, a.text, "en", a.published, tl).findings)
        passes.append(time.perf_counter() - t0)
    ro = []
    for _ in range(repeats):
        t0 = time.perf_counter()
        for a in arts:
            check_text(eng, a.name, a.text, "en", a.published, None)
        ro.append(time.perf_counter() - t0)
    return {"ms_per_article": r3(median(passes) / len(arts) * 1e3), "findings": n,
            "passes_seconds": [r3(p) for p in passes],
            "rules_only_ms_per_article": r3(median(ro) / len(arts) * 1e3)}


_PROSELINT_REGISTERED = False


def time_proselint(arts, repeats=3) -> dict:
    from proselint.checks import __register__
    from proselint.config import DEFAULT
    from proselint.registry import CheckRegistry
    from proselint.tools import LintFile

    global _PROSELINT_REGISTERED
    if not _PROSELINT_REGISTERED:  # the registry is a singleton: registering twice would run every check twice
        CheckRegistry().register_many(__register__)
        _PROSELINT_REGISTERED = True
    LintFile(arts[0].name, arts[0].text).lint(DEFAULT)
    passes, n = [], 0
    by_check: dict = {}
    for i in range(repeats):
        n = 0
        t0 = time.perf_counter()
        for a in arts:
            res = LintFile(a.name, a.text).lint(DEFAULT)
            n += len(res)
            if i == 0:
                for r in res:
                    key = getattr(getattr(r, "check_result", None), "check_path", None) or str(r)[:40]
                    by_check[key] = by_check.get(key, 0) + 1
        passes.append(time.perf_counter() - t0)
    try:
        from proselint.version import __version__ as ver
    except Exception:
        ver = None
    return {"version": ver, "ms_per_article": r3(median(passes) / len(arts) * 1e3), "findings": n,
            "passes_seconds": [r3(p) for p in passes], "checks": "all default proselint checks",
            "by_check_top": dict(sorted(by_check.items(), key=lambda kv: -kv[1])[:8])}


def time_textlint(arts) -> dict:
    why = textlint_ready()
    if why:
        return {"available": False, "reason": why}
    OUT.mkdir(parents=True, exist_ok=True)
    lst = OUT / "peer_files.txt"
    lst.write_text("\n".join(str(a.path) for a in arts), encoding="utf-8")
    p = subprocess.run(["node", str(BENCH / "textlint_run.mjs"), str(TEXTLINT_RC), str(lst)],
                       capture_output=True, text=True, cwd=str(TEXTLINT_DIR))
    if p.returncode != 0:
        return {"available": False, "reason": p.stderr[-400:]}
    d = json.loads(p.stdout)
    ver = json.loads((BENCH / "node_modules" / "textlint" / "package.json").read_text())["version"]
    return {"available": True, "version": ver, "rules": d["rules"],
            "ms_per_article": r3(d["total_ms"] / len(arts)), "load_ms": r3(d["load_ms"]),
            "findings": d["messages"], "by_rule": d["by_rule"]}


def _cold(cmd, runs, cwd=None) -> dict:
    subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, cwd=cwd)
    ts = []
    for _ in range(runs):
        t0 = time.perf_counter()
        subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, cwd=cwd)
        ts.append(time.perf_counter() - t0)
    return {"median_seconds": r3(median(ts)), "min_seconds": r3(min(ts))}


def cold_all(art, runs) -> dict:
    out = {"article": art.name, "words": count_words(art.text)}
    out["factcheck"] = _cold(factcheck_cmd() + ["check", str(art.path), "--format", "json", "--no-cache"], runs)
    pl = shutil.which("proselint")
    pcmd = [pl] if pl else [sys.executable, "-m", "proselint"]
    out["proselint"] = _cold(pcmd + ["check", str(art.path)], runs)
    if textlint_ready() is None:
        out["textlint"] = _cold([str(TEXTLINT_BIN), "-c", str(TEXTLINT_RC), str(art.path)], runs, cwd=str(TEXTLINT_DIR))
    return out


def run(quick: bool = False, log=print) -> dict:
    n = 30 if quick else 150
    arts = sample(articles("en"), n, stratify=lambda a: a.source)
    words = sum(count_words(a.text) for a in arts)
    res = {"articles": len(arts), "words": words, "sample": "fixed-seed, spread evenly over the English sources"}
    # the two Python tools alternate, three rounds each, median kept: a burst of load hits both alike
    fcs, pls = [], []
    for _ in range(3):
        fcs.append(time_factcheck(arts, repeats=1))
        pls.append(time_proselint(arts, repeats=1))
    res["factcheck"] = sorted(fcs, key=lambda x: x["ms_per_article"])[1]
    res["factcheck"]["rounds_ms_per_article"] = [x["ms_per_article"] for x in fcs]
    res["factcheck"]["rules_only_ms_per_article"] = sorted(x["rules_only_ms_per_article"] for x in fcs)[1]
    res["proselint"] = sorted(pls, key=lambda x: x["ms_per_article"])[1]
    res["proselint"]["rounds_ms_per_article"] = [x["ms_per_article"] for x in pls]
    res["proselint_over_factcheck_per_round"] = [r3(p_["ms_per_article"] / f_["ms_per_article"])
                                                 for f_, p_ in zip(fcs, pls)]
    log(f"  factcheck: {res['factcheck']['rounds_ms_per_article']} ms/article")
    log(f"  proselint: {res['proselint']['rounds_ms_per_article']} ms/article")
    res["textlint"] = time_textlint(arts)
    log(f"  textlint: {res['textlint'].get('ms_per_article')} ms/article {res['textlint'].get('reason', '')}")
    fc = res["factcheck"]["ms_per_article"]
    fro = res["factcheck"]["rules_only_ms_per_article"]
    res["ratios"] = {}
    for peer in ("proselint", "textlint"):
        pm = res[peer].get("ms_per_article")
        if pm:
            res["ratios"][peer] = {"factcheck_over_peer": r3(fc / pm), "peer_over_factcheck": r3(pm / fc),
                                   "rules_only_factcheck_over_peer": r3(fro / pm),
                                   "rules_only_peer_over_factcheck": r3(pm / fro)}
    med = sorted(arts, key=lambda a: len(a.text))[len(arts) // 2]
    res["cold"] = cold_all(med, 3 if quick else 5)
    for peer in ("proselint", "textlint"):
        if peer in res["cold"]:
            res["ratios"].setdefault(peer, {})["cold_factcheck_over_peer"] = r3(
                res["cold"]["factcheck"]["median_seconds"] / res["cold"][peer]["median_seconds"])
    log(f"  cold: {res['cold']}")
    return res
