"""The short benchmark run by tests/test_bench_short.py (~15-30 s), and its stored baseline.

Checks, with the tolerances stored in bench/baseline.json:

* speed: warm seconds per 1,000 words ÷ the calibration loop's seconds (same process,
  same machine) must not exceed the stored ratio × ``speed_factor`` (3);
* false alarms: errors+warnings per 1,000 sentences on a fixed sample of clean
  articles must stay under a ceiling (stored figure × 1.5, and at least stored + 5);
* seeded recall: for every (language, error type) that had a rule when the baseline
  was stored, recall on a fixed injection sample must stay above stored − 0.15.

After an intended change (a faster engine, a new rule), refresh the baseline with
``python -m bench --update-baseline`` (or ``python -m bench.short --update``) and commit it.
"""

from __future__ import annotations

import json
import sys
import time

from bench.common import BENCH, articles, calibrate, r3, sample

BASELINE = BENCH / "baseline.json"
N_SPEED = 20
N_ALARMS = 60
N_SEEDED_POOL = 100
N_SEEDED = 20
TOLERANCE = {"speed_factor": 3.0, "alarm_factor": 1.5, "alarm_slack": 5.0, "recall_drop": 0.15}


def measure(types_by_lang: dict | None = None) -> dict:
    """The short figures. `types_by_lang` limits the seeded part to those types (default: all covered ones)."""
    from bench import alarms, seeded, speed

    t0 = time.perf_counter()
    out: dict = {"calibration_seconds": calibrate()}
    out["warm"] = {}
    for lang in ("ar", "en"):
        arts = sample(articles(lang), N_SPEED, stratify=lambda a: a.source)
        w = speed.warm(arts, analysis=False, repeats=3, profile=False)
        out["warm"][lang] = {"ms_per_1000_words": w["ms_per_1000_words"],
                             "relative": r3(w["ms_per_1000_words"] / 1000 / out["calibration_seconds"])}
    out["alarms"] = {}
    for lang in ("ar", "en"):
        arts = sample(articles(lang), N_ALARMS, seed=7, stratify=lambda a: a.source)
        m = alarms.measure(arts, samples_per_rule=0)
        out["alarms"][lang] = {"alarms_per_1000_sentences": m["alarms_per_1000_sentences"],
                               "sentences": m["sentences"],
                               "top": [(r["rule"], r["alarms"]) for r in m["rules"] if r["alarms"]][:5]}
    pool = {lang: sample(articles(lang), N_SEEDED_POOL, seed=11, stratify=lambda a: a.source) for lang in ("ar", "en")}
    out["recall"] = {}
    for lang in ("ar", "en"):
        types = None if types_by_lang is None else list(types_by_lang.get(lang, []))
        if types == []:
            out["recall"][lang] = {}
            continue
        r = seeded.evaluate(types=types, langs=(lang,), per_type=N_SEEDED, article_pool=pool, keep_examples=0)
        out["recall"][lang] = {t: {"recall": x["recall"], "injected": x["injected"], "status": x["status"]}
                               for t, x in r[lang].items() if x["status"] == "covered" or types}
    out["seconds"] = round(time.perf_counter() - t0, 1)
    return out


def limits(base: dict) -> dict:
    tol = base.get("tolerance", TOLERANCE)
    m = base["measured"]
    return {
        "relative_speed_max": {lang: r3(m["warm"][lang]["relative"] * tol["speed_factor"]) for lang in m["warm"]},
        "alarms_per_1000_sentences_max": {
            lang: r3(max(m["alarms"][lang]["alarms_per_1000_sentences"] * tol["alarm_factor"],
                         m["alarms"][lang]["alarms_per_1000_sentences"] + tol["alarm_slack"]))
            for lang in m["alarms"]},
        "recall_min": {lang: {t: r3(max(0.0, x["recall"] - tol["recall_drop"])) for t, x in types.items()
                              if x["status"] == "covered" and x["recall"] is not None}
                       for lang, types in m["recall"].items()},
    }


def load_baseline() -> dict | None:
    if not BASELINE.is_file():
        return None
    return json.loads(BASELINE.read_text(encoding="utf-8"))


def update_baseline():
    from bench.common import machine_info

    m = measure()
    base = {"note": "Stored by `python -m bench --update-baseline`; read by tests/test_bench_short.py. "
                    "Speeds are compared as ratios to the calibration loop, not as times.",
            "machine": machine_info(), "tolerance": TOLERANCE, "measured": m}
    base["limits"] = limits(base)
    BASELINE.write_text(json.dumps(base, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    return BASELINE


def compare(cur: dict, base: dict) -> list[str]:
    """Problems (empty: no regression)."""
    lim = limits(base)
    bad = []
    for lang, mx in lim["relative_speed_max"].items():
        v = cur["warm"][lang]["relative"]
        if v > mx:
            bad.append(f"speed {lang}: {v} × calibration per 1,000 words > limit {mx} "
                       f"(baseline {base['measured']['warm'][lang]['relative']}; now "
                       f"{cur['warm'][lang]['ms_per_1000_words']} ms / 1,000 words)")
    for lang, mx in lim["alarms_per_1000_sentences_max"].items():
        v = cur["alarms"][lang]["alarms_per_1000_sentences"]
        if v > mx:
            bad.append(f"false alarms {lang}: {v} per 1,000 sentences > ceiling {mx} (top rules now: "
                       f"{cur['alarms'][lang]['top']})")
    for lang, types in lim["recall_min"].items():
        for t, mn in types.items():
            x = cur["recall"].get(lang, {}).get(t)
            if x is None or x["recall"] is None:
                bad.append(f"seeded {lang} {t}: not measured now (was covered in the baseline)")
            elif x["recall"] < mn:
                bad.append(f"seeded recall {lang} {t}: {x['recall']} < floor {mn} ({x['injected']} injected)")
    return bad


if __name__ == "__main__":
    if "--update" in sys.argv:
        print(f"wrote {update_baseline()}")
    else:
        base = load_baseline()
        cur = measure({lang: list(t) for lang, t in limits(base)["recall_min"].items()} if base else None)
        print(json.dumps(cur, ensure_ascii=False, indent=1))
        if base:
            for p in compare(cur, base) or ["no regression"]:
                print(p)
