"""Compare the gap model's probabilities between two versions of the code (a speed change
must not change a score).

    # with the code before the change (e.g. `git archive` of it unpacked in /tmp/old):
    PYTHONPATH=/tmp/old python scripts/compare_gap_scores.py --dump /tmp/old.npz
    # with the code after it:
    python scripts/compare_gap_scores.py --against /tmp/old.npz

Every token of the Arabic corpus articles (all of them by default; `--articles N` for
the first N) is scored by `GapModel.score` on the whole article, and, with `--alone`,
every sentence of the first `--alone` articles alone too. `--against` prints the largest
absolute difference of any probability (the nine gap classes and the broken word) and
fails when it is over `--tol` (1e-5)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def scores(corpus: Path, n_articles: int, n_alone: int):
    import numpy as np

    from factcheck import gapmodel as gm

    m = gm.get_model()
    files = sorted(corpus.glob("ar/*/*.txt"))
    if n_articles:
        files = files[:n_articles]
    gaps, brokens, names = [], [], []
    for i, f in enumerate(files):
        toks = gm.tokenize(f.read_text(encoding="utf-8"))
        g, b = m.score(toks) if toks else (np.zeros((0, len(gm.CLASSES)), np.float32), np.zeros(0, np.float32))
        gaps.append(g)
        brokens.append(b)
        names.append(str(f.relative_to(corpus)))
        if i < n_alone and toks:  # each sentence alone
            rows, pres = m.features.doc_rows(toks)
            for s, e in gm._cut((np.nonzero(pres[1:] == 3)[0] + 1).tolist(), len(toks)):
                g1, b1 = m.score(toks[s:e])
                gaps.append(g1)
                brokens.append(b1)
                names.append(f"{f.relative_to(corpus)}:{s}-{e}")
    return names, gaps, brokens


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--corpus", default=str(ROOT.parent / "shared" / "corpus"))
    ap.add_argument("--articles", type=int, default=0, help="the first N Arabic articles (0: all)")
    ap.add_argument("--alone", type=int, default=200, help="score each sentence alone too in the first N articles")
    ap.add_argument("--dump", help="write the probabilities here (.npz)")
    ap.add_argument("--against", help="compare with probabilities written by --dump")
    ap.add_argument("--tol", type=float, default=1e-5)
    args = ap.parse_args()
    import numpy as np

    names, gaps, brokens = scores(Path(args.corpus), args.articles, args.alone)
    n_tok = sum(len(b) for b in brokens)
    print(f"{len(names)} texts scored ({n_tok:,} tokens)")
    if args.dump:
        np.savez(args.dump, names=np.array(names), lens=np.array([len(b) for b in brokens]),
                 gap=np.concatenate(gaps), broken=np.concatenate(brokens))
    if args.against:
        ref = np.load(args.against)
        assert list(ref["names"]) == names, "not the same texts"
        assert ref["lens"].tolist() == [len(b) for b in brokens], "not the same tokens"
        dg = float(np.abs(ref["gap"].astype(np.float64) - np.concatenate(gaps)).max(initial=0.0))
        db = float(np.abs(ref["broken"].astype(np.float64) - np.concatenate(brokens)).max(initial=0.0))
        same = int((ref["gap"] == np.concatenate(gaps)).all(axis=1).sum())
        print(f"max |difference|: gap classes {dg:.3g}, broken word {db:.3g}; "
              f"tokens with every gap probability bit-identical: {same:,} of {n_tok:,}")
        if max(dg, db) > args.tol:
            print(f"FAIL: over {args.tol:g}")
            sys.exit(1)


if __name__ == "__main__":
    main()
