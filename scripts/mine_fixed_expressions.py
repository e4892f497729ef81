#!/usr/bin/env python3
"""Mine the two-word phrases that (almost) never stand without «في» (or «على، من، إلى، عن،
مع») before them, from the train part of the ANT news corpus, into
rules/ar/preposition/lexicon/fixed_mined.yaml (read by the rule ar.preposition.fixed-mined,
kind missing-word, mode fixed).

    python scripts/mine_fixed_expressions.py [--min-count 10] [--min-share 0.95]

A phrase «وقت سابق», «الآونة الأخيرة», «نهاية المطاف» is kept for a word W when, in the
train part (the same split by ISO week and seed as scripts/train_gap_model.py, so dev and
test are never read), W stands right before it at least ``--min-count`` times, in at least
``--min-share`` of the cases where W or no preposition at all stands before it (after another
word, or opening a clause), and in at least half of the cases after one of the six words (so
the word the fix puts back is the phrase's usual one).  Cases after any other preposition
are not counted: the check never fires there.  Both words must be
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
WORDS = ("في", "على", "من", "إلى", "عن", "مع")  # the gap model's standalone words, in its order
# each word as the check reads it (folded), with «و»/«ف» glued to it
FORMS = {fold_key(c + w, "ar"): k for k, w in enumerate(WORDS) for c in ("", "و", "ف")}
FORMS.update({fold_key(c + "الى", "ar"): WORDS.index("إلى") for c in ("", "و", "ف")})
BARE = len(WORDS)


def is_prep(w: str) -> bool:
    return w in AR_PREPOSITIONS or (w[:1] in AR_CLITIC and w[1:] in AR_PREPOSITIONS)


def arabic(w: str) -> bool:
    return len(w) >= 2 and all("\u0621" <= c <= "\u064a" for c in w)


def count(articles):
    """{(w1, w2): [after each of WORDS ..., bare]} and the raw spellings of each phrase
    after each word ({(w1, w2, k): Counter})."""
    counts: dict = defaultdict(lambda: [0] * (BARE + 1))
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
                slot = FORMS.get(p)
                if slot is None:
                    if is_prep(p):
                        continue
                    slot = BARE
            else:
                slot = BARE  # opens a clause
            c = counts[(a.w, b.w)]
            c[slot] += 1
            if slot < BARE and raw is not None and len(raw) == len(toks):
                spell[(a.w, b.w, slot)][raw[i].raw + " " + raw[i + 1].raw] += 1
    return counts, spell


def hand_heads() -> set:
    """The first words of the hand-written list's heads (but those of entries that fire only
    after given words, `prev`), and the heads it leaves out on purpose (`left_out`: «حال»,
    «محاولة» ... stand bare as well)."""
    import yaml

    data = yaml.safe_load(HAND.read_text(encoding="utf-8"))
    out = {fold_key(w, "ar") for w in data.get("left_out", [])}
    for d in data["entries"]:
        if d.get("prev"):
            continue  # only after given words («جاء ذلك ⟦⟧بيان»): the phrase elsewhere is still mined
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
    for (w1, w2), c in counts.items():
        k = max(range(BARE), key=c.__getitem__)
        n, bare = c[k], c[BARE]
        # the word is the phrase's usual one (most of its cases after one of the six), and the
        # phrase is (almost) never bare
        if n < args.min_count or n / (n + bare) < args.min_share or 2 * n < sum(c[:BARE]):
            continue
        if w1 in heads or w1 in FORMS or not spell[(w1, w2, k)]:
            continue
        kept.append((-n, spell[(w1, w2, k)].most_common(1)[0][0], WORDS[k], n, bare))
    kept.sort()
    lines = [
        "# Mined by scripts/mine_fixed_expressions.py from the train part of the ANT news corpus",
        "# (Apache-2.0; A. Chouigui, O. Ben Khiroun, B. Elayeb, \"ANT Corpus: An Arabic News Text Collection",
        "# for Textual Classification\", AICCSA 2017). Do not edit by hand: re-run the script.",
        f"# Kept: one of {' '.join(WORDS)} before the phrase at least {args.min_count} times and in at least",
        f"# {args.min_share:.0%} of the cases after it or after no preposition, and in most cases after one of",
        "# them. Counts per entry: after the word / after no preposition.",
        "entries:",
    ]
    for _, phrase, word, n, other in kept:
        lines.append(f"  - {{phrase: {word} {phrase}, head: {phrase}, insert: {word}, fix: unsafe, note: \"{n}/{other}\"}}")
    Path(args.out).write_text("\n".join(lines) + "\n", encoding="utf-8")
    by = Counter(k[2] for k in kept)
    print(f"{len(kept)} phrases ({', '.join(f'{w} {by[w]}' for w in WORDS)}; {sum(k[3] for k in kept)} after their "
          f"word, {sum(k[4] for k in kept)} not) -> {args.out} in {time.time() - t0:.0f} s")


if __name__ == "__main__":
    main()
