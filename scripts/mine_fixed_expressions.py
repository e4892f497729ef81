#!/usr/bin/env python3
"""Mine the two-word phrases that (almost) never stand without «في» before them, from the
train part of the ANT news corpus, into rules/ar/preposition/lexicon/fixed_mined.yaml
(read by the rule ar.preposition.fixed-mined, kind missing-word, mode fixed).

    python scripts/mine_fixed_expressions.py [--min-count 10] [--min-share 0.95]

A phrase «وقت سابق», «الآونة الأخيرة», «نهاية المطاف» is kept when, in the train part
(the same split by ISO week and seed as scripts/train_gap_model.py, so dev and test are
never read), «في» stands right before it at least ``--min-count`` times and it stands
without a preposition before it (after another word, or opening a clause) in at most
``1 - --min-share`` of the cases the check would look at.  Cases after another
preposition are not counted either way: the check never fires there.  Both words must be
Arabic letters only.  Phrases whose first word is already a head of the hand-written list
(rules/ar/preposition/lexicon/fixed.yaml) are left to it, and so are those that open with a
head it leaves out on purpose (its `left_out`: «حال», «محاولة» also stand bare).

The words are counted folded as the check reads them (factcheck.lexicon.fold_key and
tokenize); each entry is written in its most frequent spelling and carries its counts.
Fixed seed: none is needed, the counts are exact.  The output is data derived from the ANT
Corpus (Apache-2.0; cite Chouigui, Ben Khiroun and Elayeb, AICCSA 2017).
"""

from __future__ import annotations

import argparse
import sys
import time
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))

from factcheck.kinds.missing_word import AR_CLITIC, AR_PREPOSITIONS  # noqa: E402
from factcheck.lexicon import fold_key, is_boundary, plain_gap, tokenize  # noqa: E402

OUT = ROOT / "rules" / "ar" / "preposition" / "lexicon" / "fixed_mined.yaml"
HAND = ROOT / "rules" / "ar" / "preposition" / "lexicon" / "fixed.yaml"
FI = {"في", "وفي", "ففي"}


def is_prep(w: str) -> bool:
    return w in AR_PREPOSITIONS or (w[:1] in AR_CLITIC and w[1:] in AR_PREPOSITIONS)


def arabic(w: str) -> bool:
    return len(w) >= 2 and all("\u0621" <= c <= "\u064a" for c in w)


def count(articles):
    """{(w1, w2): [with «في» before, bare]} and the raw spellings of each phrase."""
    counts: dict = defaultdict(lambda: [0, 0])
    spell: dict = defaultdict(Counter)
    for text in articles:
        folded = fold_key(text, "ar")
        toks = tokenize(folded, "ar")
        raw = tokenize(text, "ar") if len(text) == len(folded) else None
        for i in range(len(toks) - 1):
            a, b = toks[i], toks[i + 1]
            if not plain_gap(b.pre) or not arabic(a.w) or not arabic(b.w):
                continue
            if i > 0 and not is_boundary(a.pre):
                p = toks[i - 1].w
                if p in FI:
                    slot = 0
                elif is_prep(p):
                    continue
                else:
                    slot = 1
            else:
                slot = 1  # opens a clause
            c = counts[(a.w, b.w)]
            c[slot] += 1
            if slot == 0 and raw is not None and len(raw) == len(toks):
                spell[(a.w, b.w)][raw[i].raw + " " + raw[i + 1].raw] += 1
    return counts, spell


def hand_heads() -> set:
    """The first words of the hand-written list's heads, and the heads it leaves out on
    purpose (`left_out`: «حال», «محاولة» ... stand bare as well)."""
    import yaml

    data = yaml.safe_load(HAND.read_text(encoding="utf-8"))
    out = {fold_key(w, "ar") for w in data.get("left_out", [])}
    for d in data["entries"]:
        for h in d["head"] if isinstance(d["head"], list) else [d["head"]]:
            out.add(fold_key(h.split()[0], "ar"))
    return out


def main():
    from train_gap_model import DATA, article_text, part_of, read_articles

    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--min-count", type=int, default=10)
    ap.add_argument("--min-share", type=float, default=0.95)
    ap.add_argument("--out", default=str(OUT))
    args = ap.parse_args()
    t0 = time.time()
    arts = (article_text(d) for d in read_articles(DATA) if part_of(d) == "train")
    counts, spell = count(arts)
    heads = hand_heads()
    kept = []
    for (w1, w2), (fi, bare) in counts.items():
        if fi < args.min_count or fi / (fi + bare) < args.min_share or w1 in heads or w1 in FI:
            continue
        if not spell[(w1, w2)]:
            continue
        kept.append((-fi, spell[(w1, w2)].most_common(1)[0][0], fi, bare))
    kept.sort()
    lines = [
        "# Mined by scripts/mine_fixed_expressions.py from the train part of the ANT news corpus",
        "# (Apache-2.0; A. Chouigui, O. Ben Khiroun, B. Elayeb, \"ANT Corpus: An Arabic News Text Collection",
        "# for Textual Classification\", AICCSA 2017). Do not edit by hand: re-run the script.",
        f"# Kept: «في» before the phrase at least {args.min_count} times and in at least {args.min_share:.0%} of the",
        "# cases not after another preposition. Counts per entry: with «في» / without a preposition.",
        "entries:",
    ]
    for _, phrase, fi, bare in kept:
        lines.append(f"  - {{phrase: في {phrase}, head: {phrase}, insert: في, fix: unsafe, note: \"{fi}/{bare}\"}}")
    Path(args.out).write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"{len(kept)} phrases ({sum(-k[0] for k in kept)} with «في», {sum(k[3] for k in kept)} without) "
          f"-> {args.out} in {time.time() - t0:.0f} s")


if __name__ == "__main__":
    main()
