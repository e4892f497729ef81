#!/usr/bin/env python3
"""How far a careful reader gets on single deleted «في»: a blind judgement, and its score.

    python scripts/reader_judgement.py make --items ITEMS.jsonl --key KEY.json   # needs the train data
    python scripts/reader_judgement.py score [docs/audit/fi-reader-judgement.jsonl]

`make` draws, from dev's tune half of the gap model's split (train_gap_rescorer.dev_half),
150 sentences each holding one deleted standalone «في» (eval_gap_model.damage_single, one per
article, seeded by the article) and 150 clean sentences of other articles (8 to 60 words), runs
the checker on each whole article, and writes the sentences alone, shuffled, for the judge
(ITEMS) and what they are, with the checker's result, apart (KEY). The judge sees ITEMS and
docs/audit/fi-reader-brief.md only. `score` reads the merged file (key, checker and verdict on
one line per sentence): a damaged sentence counts as found when the judge's correction inserts
its word within one character of the gap.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
AUDIT = ROOT / "docs" / "audit" / "fi-reader-judgement.jsonl"
SENT = re.compile(r"[^.!?؟\n]+[.!?؟]?")


def make(items_path: str, key_path: str, n: int = 150) -> None:
    sys.path.insert(0, str(ROOT))
    sys.path.insert(0, str(ROOT / "scripts"))
    from eval_gap_model import Checker, at_gap, damage_single
    from train_gap_model import DATA, article_text, part_of, read_articles
    from train_gap_rescorer import dev_half

    ck = Checker()
    arts = [d for d in read_articles(DATA) if part_of(d) == "dev" and dev_half(d) == "tune"]
    random.Random(20261227).shuffle(arts)

    def span_at(text, pos):
        for m in SENT.finditer(text):
            if m.start() <= pos <= m.end():
                return m.start(), m.end()

    def prep_findings(name, text, s, e):
        _, fs = ck.check(name, text)
        return [f for f in fs if s <= f.start <= e and f.rule.startswith("ar.preposition")]

    items, key = [], []
    for d in arts[:260]:
        text = article_text(d)
        dm = damage_single(text, random.Random(f"j:{d['id']}"), "في")
        if dm is None:
            continue
        new, marks = dm
        pos = marks[0][1]
        s, e = span_at(new, pos)
        sent = new[s:e].strip()
        lead = len(new[s:e]) - len(new[s:e].lstrip())
        if not 8 <= len(sent.split()) <= 60:
            continue
        fs = prep_findings(d["id"], new, s, e)
        hit = any(at_gap(f, pos) for f in fs)
        items.append(sent)
        key.append({"kind": "damaged", "id": d["id"], "gap": pos - s - lead, "system_found": hit})
        if len(key) >= n:
            break
    for d in arts[260:520]:
        text = article_text(d)
        spans = [(m.start(), m.end()) for m in SENT.finditer(text) if 8 <= len(m.group().split()) <= 60]
        if not spans:
            continue
        s, e = random.Random(f"c:{d['id']}").choice(spans)
        sent = text[s:e].strip()
        items.append(sent)
        key.append({"kind": "clean", "id": d["id"], "system_alarms": len(prep_findings(d["id"], text, s, e))})
        if len(key) >= 2 * n:
            break
    order = list(range(len(items)))
    random.Random(7).shuffle(order)
    with open(items_path, "w", encoding="utf-8") as f:
        for k, i in enumerate(order):
            f.write(json.dumps({"n": k + 1, "sentence": items[i]}, ensure_ascii=False) + "\n")
    Path(key_path).write_text(json.dumps([dict(key[i], sentence=items[i], n=k + 1) for k, i in enumerate(order)],
                                         ensure_ascii=False), encoding="utf-8")


def insertion_point(a: str, b: str) -> int:
    i = 0
    while i < len(a) and i < len(b) and a[i] == b[i]:
        i += 1
    return i


def score(path: Path) -> dict:
    rows = [json.loads(x) for x in open(path, encoding="utf-8") if x.strip()]
    dam = [r for r in rows if r["kind"] == "damaged"]
    cln = [r for r in rows if r["kind"] == "clean"]

    def at_gap(r):
        return r["verdict"] != "ok" and abs(insertion_point(r["sentence"], r["corrected"]) - r["gap"]) <= 1

    out = {
        "damaged": len(dam), "clean": len(cln),
        "reader_found": sum(1 for r in dam if r["verdict"] == "missing" and at_gap(r)),
        "reader_found_or_unsure": sum(1 for r in dam if at_gap(r)),
        "reader_elsewhere": sum(1 for r in dam if r["verdict"] != "ok" and not at_gap(r)),
        "reader_ok_on_damaged": sum(1 for r in dam if r["verdict"] == "ok"),
        "reader_missing_on_clean": sum(1 for r in cln if r["verdict"] == "missing"),
        "reader_unsure_on_clean": sum(1 for r in cln if r["verdict"] == "unsure"),
        "system_found": sum(1 for r in dam if r["system_found"]),
        "system_alarms_on_clean": sum(r["system_alarms"] for r in cln),
        "both_found": sum(1 for r in dam if r["system_found"] and r["verdict"] == "missing" and at_gap(r)),
        "system_only": sum(1 for r in dam if r["system_found"] and not (r["verdict"] == "missing" and at_gap(r))),
    }
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("cmd", choices=("make", "score"))
    ap.add_argument("path", nargs="?", default=str(AUDIT))
    ap.add_argument("--items")
    ap.add_argument("--key")
    a = ap.parse_args()
    if a.cmd == "make":
        make(a.items, a.key)
    else:
        for k, v in score(Path(a.path)).items():
            print(f"{k:28s} {v}")


if __name__ == "__main__":
    main()
