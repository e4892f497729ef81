"""Score the checks on the blind seeded sets (tests/data/blind_ar_dates, _figures, ..., blind_en_figures).

    python scripts/eval_blind.py dates dev [--details]   # tune here
    python scripts/eval_blind.py dates test              # aggregate only: held out
    python scripts/eval_blind.py figures dev|test
    python scripts/eval_blind.py figures3 dev|test       # the third set (session 33): 16 + 16 articles
    python scripts/eval_blind.py parts4 dev              # parts past their total only (session 33): dev material
    python scripts/eval_blind.py en_figures dev|test     # English (session 34): 16 + 16 articles
    python scripts/eval_blind.py figures5 dev|test       # inconsistent and parts (session 35): 20 + 20
    python scripts/eval_blind.py dates5 dev|test         # tense, timeline, weekday, month (session 35): 20 + 20
    python scripts/eval_blind.py en_dates dev|test       # the same in English (session 35): 20 + 20

Each set was written by a helper acting as an Arabic copy editor, from the product's brief,
without reading the rules, the code or the tests, and frozen (FROZEN.sha256) before the
tool was run on it (session 32).  A seeded error counts as found when a finding of the
set's category overlaps one of its spans (dates: any severity; figures: a warning or an
error, an info note for the `unsupported` type); a false alarm is a warning or error of
that category that overlaps no seeded span."""

from __future__ import annotations

import collections
import json
import sys
from pathlib import Path

DATA = Path(__file__).resolve().parent.parent / "tests" / "data"
SETS = {"dates": ("date", ("weekday", "hijri", "month-last", "tense", "timeline")),
        "figures": ("figure", ("inconsistent", "parts", "unsupported")),
        "figures3": ("figure", ("inconsistent", "parts", "unsupported")),
        "parts4": ("figure", ("parts",)),
        "en_figures": ("figure", ("inconsistent", "parts", "unsupported")),
        "figures5": ("figure", ("inconsistent", "parts")),
        "dates5": ("date", ("weekday", "month-last", "tense", "timeline")),
        "en_dates": ("date", ("weekday", "month-last", "tense", "timeline"))}
# sets whose seeded figure may stand more than once (every place it stands counts)
_REPEATS = ("figures3", "parts4", "en_figures", "figures5")


def folder(which: str) -> Path:
    return DATA / (f"blind_{which}" if which.startswith("en_") else f"blind_ar_{which}")


def score(which: str, part: str) -> dict:
    category, _ = SETS[which]
    here = folder(which)
    from factcheck.config import Config
    from factcheck.document import load_path
    from factcheck.engine import Engine
    from factcheck.rules import load_rules

    engine = Engine(load_rules(), Config())
    gold = [json.loads(line) for line in (here / part / "gold.jsonl").read_text(encoding="utf-8").splitlines()
            if line.strip()]
    findings = {}
    for f in sorted((here / part).glob("[0-9]*.md")):
        key = f"{part}/{f.name}"
        findings[key] = [x for x in engine.check(load_path(f, key)).findings if x.category == category]
    by_type = collections.Counter()
    found_by_type = collections.Counter()
    misses, used = [], set()
    for g in gold:
        if g["type"] == "clean":
            continue
        text = (here / g["file"]).read_text(encoding="utf-8")
        spans = []
        for piece in g.get("spans") or [g["text"]]:
            # the first two sets name each span once; the third may write a seeded figure twice
            # («26 معتمرا» in the lead and in a quotation): every place it stands counts
            assert text.count(piece) >= 1 and (which in _REPEATS or text.count(piece) == 1), g
            k = text.find(piece)
            while k != -1:
                spans.append((k, k + len(piece)))
                k = text.find(piece, k + 1)
        info_counts = category == "date" or g["type"] == "unsupported"  # figures: warnings
        hits = [x for x in findings[g["file"]] if any(x.start < e and s < x.end for s, e in spans)
                and (info_counts or x.severity in ("warning", "error"))]
        by_type[g["type"]] += 1
        used.update(id(x) for x in hits)
        if hits:
            found_by_type[g["type"]] += 1
        else:
            misses.append((g["file"], g["type"], " | ".join(g.get("spans") or [g["text"]])))
    clean = {g["file"] for g in gold if g["type"] == "clean"}
    false = [(k, x.rule, x.text) for k, xs in findings.items() for x in xs
             if id(x) not in used and x.severity in ("warning", "error")]
    return {"set": which, "part": part, "seeded": dict(by_type), "found": dict(found_by_type),
            "total": [sum(found_by_type.values()), sum(by_type.values())],
            "false_alarms": len(false), "false_alarms_clean": sum(1 for k, _, _ in false if k in clean),
            "misses": misses, "false": false}


def main(argv) -> None:
    which = argv[1] if len(argv) > 1 else "dates"
    part = argv[2] if len(argv) > 2 else "dev"
    res = score(which, part)
    print(f"== {which} {part}")
    for t in SETS[which][1]:
        print(f"  {t:<11} {res['found'].get(t, 0)} / {res['seeded'].get(t, 0)}")
    print(f"  total       {res['total'][0]} / {res['total'][1]}")
    print(f"  false alarms (warnings/errors on no seeded span): {res['false_alarms']} "
          f"({res['false_alarms_clean']} in clean files)")
    if "--details" in argv and part != "test":
        for m in res["misses"]:
            print("  miss:", *m)
        for fa in res["false"]:
            print("  false:", *fa)


if __name__ == "__main__":
    main(sys.argv)
