#!/usr/bin/env python3
"""How much the fine-tuned encoder (scripts/train_gap_encoder.py) adds to the shipped «في»
checks: single standalone «في» deleted, one per article, against alarms on the clean copy.

    python scripts/eval_gap_encoder.py --part dev-tune            # choose here
    python scripts/eval_gap_encoder.py --part test --articles 1000   # once, after choosing

Each article is checked clean and with one standalone «في» deleted (the damage of
scripts/eval_gap_model.py), by the shipped preposition and spelling rules.  The gaps the
network gives «في» at least `--floor` (after the article's prior) are then read by the
encoder (build/encoder/ar_gap_encoder.onnx, int8, as it would ship).  Printed: the recall
reached at a given number of alarms per 1,000 clean sentences by the network's probability
alone, by the encoder's alone, and by the sum of their log-odds, over those candidates only;
then the shipped rules with the gaps whose summed log-odds reach a threshold added.
"""

from __future__ import annotations

import argparse
import gzip
import json
import math
import random
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))

import eval_gap_model as E  # noqa: E402
from train_gap_encoder import BUILD, Pieces, window  # noqa: E402


def collect(arts, floor, seed):
    from factcheck.gapmodel import doc_scores, segments
    from factcheck.kinds.gap_model import candidates

    rng = random.Random(seed)
    ck = E.Checker()
    o = ck.model_rules["ar.preposition.missing-fi"].options

    def cands(doc, text):
        sc = doc_scores(doc)
        toks = sc.toks
        seg_of = {}
        for a, b in segments(toks):
            for i in range(a, b):
                seg_of[i] = (a, b)
        out = []
        for i, _, p in candidates(sc, ["في"], o["min_evidence"], o["base_prior"], floor):
            a, b = seg_of[i]
            out.append({"pos": toks[i].start, "p": p, "words": [(t.pre.strip(), t.raw) for t in toks[a:b]], "gi": i - a})
        return out

    recs = []
    for name, text in arts:
        doc, fs = ck.check(name, text)
        r = {"sents": E.sentences(text), "words": len(doc_scores(doc).toks), "clean_fs": [f.start for f in fs],
             "clean_c": cands(doc, text)}
        d = E.damage_single(text, rng, "في")
        if d:
            new, marks = d
            ddoc, dfs = ck.check(name, new)
            r["gap"] = marks[0][1]
            r["found"] = any(E.at_gap(f, r["gap"]) for f in dfs)
            r["dmg_c"] = cands(ddoc, new)
        recs.append(r)
    return recs


def read_floor(recs, floor):
    """The records with only the candidates from `floor` (the collection keeps them from 0.1)."""
    return [{**r, "clean_c": [c for c in r["clean_c"] if c["p"] >= floor],
             **({"dmg_c": [c for c in r["dmg_c"] if c["p"] >= floor]} if "gap" in r else {})} for r in recs]


def ceilings(recs):
    dm = [r for r in recs if "gap" in r]
    words = sum(r["words"] for r in recs)
    for floor in (0.1, 0.2, 0.3, 0.5, 0.7):
        reach = sum(any(abs(c["pos"] - r["gap"]) <= 1 and c["p"] >= floor for c in r["dmg_c"]) for r in dm)
        n_c = sum(1 for r in recs for c in r["clean_c"] if c["p"] >= floor)
        print(f"  the network from {floor}: {reach / len(dm):.3f} of the deletions among its candidates; "
              f"{1000 * n_c / words:.1f} candidates per 1,000 words of clean copy")


def score(recs, model_path, pieces_path):
    import numpy as np
    import onnxruntime as ort

    so = ort.SessionOptions()
    so.intra_op_num_threads = 1
    so.inter_op_num_threads = 1
    sess = ort.InferenceSession(str(model_path), so, providers=["CPUExecutionProvider"])
    with gzip.open(pieces_path, "rt", encoding="utf-8") as f:
        pieces = Pieces(json.load(f))
    cs = [c for r in recs for key in ("clean_c", "dmg_c") for c in r.get(key, [])]
    items = []
    for c in cs:
        a, b = window(len(c["words"]), c["gi"])
        ids, first, last = pieces.encode(c["words"], a, b)
        g = c["gi"] - a
        items.append((c, ids, last[g - 1] if g > 0 else 0, first[g]))
    items.sort(key=lambda x: len(x[1]))
    t0 = time.time()
    for k in range(0, len(items), 32):
        part = items[k:k + 32]
        T = max(len(x[1]) for x in part)
        ids = np.full((len(part), T), pieces.pad, dtype=np.int64)
        mask = np.zeros((len(part), T), dtype=np.int64)
        for r, x in enumerate(part):
            ids[r, :len(x[1])] = x[1]
            mask[r, :len(x[1])] = 1
        p = sess.run(None, {"ids": ids, "mask": mask, "left": np.array([[x[2]] for x in part], dtype=np.int64),
                            "right": np.array([[x[3]] for x in part], dtype=np.int64)})[0]
        for r, x in enumerate(part):
            x[0]["enc"] = float(p[r, 0])
    return time.time() - t0, len(items)


def logit(p):
    p = min(max(p, 1e-6), 1 - 1e-6)
    return math.log(p / (1 - p))


def report(recs, budgets=(1, 2, 5, 10, 20, 40, 80), sums=(4, 4.5, 5, 5.5, 6, 7)):
    S = sum(r["sents"] for r in recs)
    dm = [r for r in recs if "gap" in r]
    print(f"{len(recs)} articles, {S} clean sentences, {len(dm)} with one «في» deleted")
    scorers = {"network": lambda c: c["p"], "encoder": lambda c: c["enc"],
               "sum of log-odds": lambda c: logit(c["enc"]) + logit(c["p"])}
    print("the candidates only: recall at N alarms on clean copy (per 1,000 sentences)")
    print("  " + "".join(f"{1000 * k / S:>8.2f}" for k in budgets))
    for name, f in scorers.items():
        pos = [max([f(c) for c in r["dmg_c"] if abs(c["pos"] - r["gap"]) <= 1] or [-math.inf]) for r in dm]
        neg = sorted((f(c) for r in recs for c in r["clean_c"]), reverse=True)
        row = []
        for k in budgets:
            t = neg[k - 1] if k <= len(neg) else -math.inf
            row.append(sum(p > t for p in pos) / len(dm))
        print(f"  {name:<16}" + "".join(f"{x:>8.3f}" for x in row))
    base_f = sum(r["found"] for r in dm)
    base_a = sum(len(r["clean_fs"]) for r in recs)
    print(f"the shipped rules: {base_f} of {len(dm)} found ({base_f / len(dm):.3f}), "
          f"{base_a} alarms ({1000 * base_a / S:.2f} per 1,000 sentences)")
    for t in sums:
        found = sum(r["found"] or any(abs(c["pos"] - r["gap"]) <= 1 and logit(c["enc"]) + logit(c["p"]) >= t
                                      for c in r["dmg_c"]) for r in dm)
        alarms = base_a + sum(1 for r in recs for c in r["clean_c"]
                              if logit(c["enc"]) + logit(c["p"]) >= t
                              and not any(abs(c["pos"] - s) <= 1 for s in r["clean_fs"]))
        print(f"  + gaps with summed log-odds ≥ {t}: {found} found ({found / len(dm):.3f}), "
              f"{alarms} alarms ({1000 * alarms / S:.2f})")


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--part", default="dev-tune")
    ap.add_argument("--articles", type=int, default=0)
    ap.add_argument("--floor", type=float, default=0.5)
    ap.add_argument("--seed", type=int, default=29)
    ap.add_argument("--model", default=str(BUILD / "ar_gap_encoder.onnx"))
    ap.add_argument("--pieces", default=str(BUILD / "ar_gap_encoder.pieces.json.gz"))
    args = ap.parse_args()
    arts = list(E.ant_articles(args.part))
    random.Random(args.seed).shuffle(arts)
    if args.articles:
        arts = arts[:args.articles]
    t0 = time.time()
    recs = collect(arts, min(0.1, args.floor), args.seed)
    print(f"checked in {time.time() - t0:.0f} s", file=sys.stderr)
    print("what a second reader can reach (the deletions the network puts forward):")
    ceilings(recs)
    recs = read_floor(recs, args.floor)
    dt, n = score(recs, args.model, args.pieces)
    words = sum(len(a[1].split()) for a in arts) * 2
    print(f"encoder: {n} windows in {dt:.1f} s ({1e6 * dt / words:.1f} ms per 1,000 words checked, clean and damaged, one thread)")
    report(recs)


if __name__ == "__main__":
    main()
