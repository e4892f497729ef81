"""Score the date checks on the blind Arabic seeded set (tests/data/blind_ar_dates).

    python scripts/eval_blind_dates.py dev [--details]   # tune here
    python scripts/eval_blind_dates.py test              # aggregate only: held out

The set was written by a helper acting as an Arabic copy editor, from the product's brief,
without reading the rules, the code or the tests, and frozen (FROZEN.sha256) before the
tool was run on it (session 32).  A seeded error counts as found when a finding of
category `date` (any severity) overlaps its span; a false alarm is a date warning or error
that overlaps no seeded span."""

from __future__ import annotations

import collections
import json
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent.parent / "tests" / "data" / "blind_ar_dates"
TYPES = ("weekday", "hijri", "month-last", "tense", "timeline")


def score(part: str) -> dict:
    from factcheck.config import Config
    from factcheck.document import load_path
    from factcheck.engine import Engine
    from factcheck.rules import load_rules

    engine = Engine(load_rules(), Config())
    gold = [json.loads(line) for line in (HERE / part / "gold.jsonl").read_text(encoding="utf-8").splitlines()
            if line.strip()]
    findings = {}
    for f in sorted((HERE / part).glob("[0-9]*.md")):
        key = f"{part}/{f.name}"
        findings[key] = [x for x in engine.check(load_path(f, key)).findings if x.category == "date"]
    by_type = collections.Counter()
    found_by_type = collections.Counter()
    misses, used = [], set()
    for g in gold:
        if g["type"] == "clean":
            continue
        text = (HERE / g["file"]).read_text(encoding="utf-8")
        assert text.count(g["text"]) == 1, g
        s = text.index(g["text"])
        e = s + len(g["text"])
        hits = [x for x in findings[g["file"]] if x.start < e and s < x.end]
        by_type[g["type"]] += 1
        used.update(id(x) for x in hits)
        if hits:
            found_by_type[g["type"]] += 1
        else:
            misses.append((g["file"], g["type"], g["text"]))
    clean = {g["file"] for g in gold if g["type"] == "clean"}
    false = [(k, x.rule, x.text) for k, xs in findings.items() for x in xs
             if id(x) not in used and x.severity in ("warning", "error")]
    return {"part": part, "seeded": dict(by_type), "found": dict(found_by_type),
            "total": [sum(found_by_type.values()), sum(by_type.values())],
            "false_alarms": len(false), "false_alarms_clean": sum(1 for k, _, _ in false if k in clean),
            "misses": misses, "false": false}


def main(argv) -> None:
    part = argv[1] if len(argv) > 1 else "dev"
    res = score(part)
    print(f"== {part}")
    for t in TYPES:
        print(f"  {t:<11} {res['found'].get(t, 0)} / {res['seeded'].get(t, 0)}")
    print(f"  total       {res['total'][0]} / {res['total'][1]}")
    print(f"  false alarms (date warnings/errors on no seeded span): {res['false_alarms']} "
          f"({res['false_alarms_clean']} in clean files)")
    if "--details" in argv and part != "test":
        for m in res["misses"]:
            print("  miss:", *m)
        for fa in res["false"]:
            print("  false:", *fa)


if __name__ == "__main__":
    main(sys.argv)
