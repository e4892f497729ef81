#!/usr/bin/env python3
"""Train the re-scorer of the «في» gaps (factcheck/gaprescore.py): a gradient-boosted tree
ensemble over the gap model's probabilities and phrase counts, shipped as arrays that the
run-time walks with numpy (no scikit-learn at run time).

    pip install -e ".[train]"                          # scikit-learn, for training only
    python scripts/train_gap_rescorer.py tables        # count tables from the train part
    python scripts/train_gap_rescorer.py data          # candidates and deletions of dev's fit half
    python scripts/train_gap_rescorer.py train         # the trees + tables -> factcheck/models/ar_gap_rescore.npz

    # the broken-word trees (since step 14) also learn from the train part's half B:
    python scripts/train_gap_model.py features --half A --tables-dir build/gap/halfA
    python scripts/train_gap_model.py train --half A --tables-dir build/gap/halfA --out build/gap/halfA/ar_gap.onnx --threads 2
    python scripts/train_gap_rescorer.py data --head broken                                  # fit half
    python scripts/train_gap_rescorer.py data --head broken --half B --data-out build/gap_rescore/B_broken.npz
    python scripts/train_gap_rescorer.py train --head broken --data build/gap_rescore/B_broken.npz build/gap_rescore/fit_broken.npz

The network was trained on the train part, so its probabilities there are those of copy it
has seen; the re-scorer must learn from copy the network has not seen.  So dev is split, by
ISO week with a fixed seed (`dev_half`), into a *fit* half (about 60 % of its weeks), on which
the re-scorer is trained, and a *tune* half, on which its threshold and every other setting
were chosen (`python scripts/eval_gap_model.py --part dev-tune`).  Test and
../shared/corpus/ar are scored only after everything is committed.

A second source of rows (`data --half B`): the train part's half B (`train_gap_model.half_of`, by
story group), scored by the same network trained on half A only (`train_gap_model.py --half A`),
with the count features read from the whole train part less the article's story group
(`TablesWithout`, `NGramsWithout`), as the network's own training took them off.  The
broken-word trees learn from it and the fit half; the «في» trees did no better with it at the
shipped alarm levels and learn from the fit half alone (docs/prepositions.md, step 14).

The data: every article of the fit half is checked clean (each gap where the network gives
«في» at least `gaprescore.FLOOR` is a negative) and `--deletions` times with one standalone
«في» deleted (a positive, wherever the network put it).  Count tables come from the train
part only: ANT Corpus (Apache-2.0; A. Chouigui, O. Ben Khiroun, B. Elayeb, "ANT Corpus: An
Arabic News Text Collection for Textual Classification", AICCSA 2017).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import random
import sys
import time
from collections import Counter
from functools import lru_cache
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))

from factcheck import gaprescore  # noqa: E402

SEED = 20261204
WORK = ROOT / "build" / "gap_rescore"
MIN_COUNT = 2


TUNE_SHARE = 0.4  # of dev's sentences


def dev_half(d: dict) -> str:
    """"fit" or "tune" for a dev article, by its ISO week (a story stays on one side)."""
    from train_gap_model import week_of

    return "tune" if week_of(d) in _tune_weeks() else "fit"


@lru_cache(maxsize=1)
def _tune_weeks(seed: int = SEED) -> frozenset:
    """Dev's weeks in the order of a hash with the seed, taken for the tune half until it holds
    `TUNE_SHARE` of dev's sentences (two weeks of 2018 hold 3/4 of them, so a plain hash of
    the week would give one half nearly all the long articles)."""
    from eval_gap_model import sentences
    from train_gap_model import DATA, article_text, part_of, read_articles, week_of

    size: Counter = Counter()
    for d in read_articles(DATA):
        if part_of(d) == "dev":
            size[week_of(d)] += sentences(article_text(d))
    total = sum(size.values())
    tune, n = set(), 0
    for w in sorted(size, key=lambda w: hashlib.sha1(f"{seed}:{w}".encode()).hexdigest()):
        if n >= TUNE_SHARE * total:
            break
        tune.add(w)
        n += size[w]
    return frozenset(tune)


def count_fi_pairs(text: str, tabs: dict):
    """Add one article's counts to the re-scorer's tables (name -> Counter): the pairs and
    words after and before «في»."""
    from factcheck.lexicon import _light_columns

    fi = set(gaprescore.FI_FORMS)
    cols, ws = _light_columns(text, "ar")
    plain = [not p.strip() for p in cols[3]]
    m = len(ws)
    for j in range(m):
        if ws[j] not in fi:
            continue
        if j + 1 < m and plain[j + 1]:
            tabs["w_after"][gaprescore.word_id(ws[j + 1])] += 1
            if j + 2 < m and plain[j + 2]:
                tabs["after"][gaprescore.pair_id(ws[j + 1], ws[j + 2])] += 1
        if j > 0 and plain[j]:
            tabs["w_before"][gaprescore.word_id(ws[j - 1])] += 1
            if j > 1 and plain[j - 1]:
                tabs["before"][gaprescore.pair_id(ws[j - 2], ws[j - 1])] += 1


def _minus(counts, own: Counter, keys, floor: int):
    """Counts less the story group's own, kept only from `floor` (as the stored tables are)."""
    import numpy as np

    if own:
        counts = counts - np.array([own.get(int(k), 0) for k in keys], dtype=np.float64)
    return np.where(counts >= floor, counts, 0.0)


class TablesWithout:
    """The re-scorer's count tables as copy they never saw would find them: the counts of
    the article's whole story group (ISO week) taken off, as the network's were in training
    (train_gap_model.Counts).  For rows made on the train part."""

    def __init__(self, base, own: dict):
        self.base, self.own = base, own

    def get(self, name, keys):
        return _minus(self.base.get(name, keys), self.own.get(name), keys, MIN_COUNT)


class NGramsWithout:
    """The network's word-pair tables (`word_counts`), the story group's counts taken off."""

    def __init__(self, base, own: dict):
        self.base, self.own = base, own

    def word_counts(self, keys):
        import numpy as np

        from factcheck import gapmodel as gm

        c = np.asarray(self.base.word_counts(keys), dtype=np.float64).copy()
        for j, t in enumerate(gm.WORD_TABLES):
            c[:, j] = _minus(c[:, j], self.own.get(t), keys, gm.MIN_COUNT)
        return c


def tables(args):
    from train_gap_model import DATA, article_text, part_of, read_articles

    t0 = time.time()
    tabs = {name: Counter() for name in gaprescore.TABLE_NAMES}
    n = 0
    for d in read_articles(DATA):
        if part_of(d) != "train":
            continue
        n += 1
        count_fi_pairs(article_text(d), tabs)
    kept = {name: {k: c for k, c in t.items() if c >= MIN_COUNT} for name, t in tabs.items()}
    WORK.mkdir(parents=True, exist_ok=True)
    gaprescore.save_tables(args.tables_out, kept)
    print(f"{n} train articles; " + ", ".join(f"{k} {len(v)}" for k, v in kept.items())
          + f" -> {args.tables_out} ({Path(args.tables_out).stat().st_size / 1e6:.1f} MB) in {time.time() - t0:.0f} s")


def article_rows(text: str, rng: random.Random, deletions: int, rs, ng):
    """(features, labels, missed) of one article: its clean candidates (0), one row a deletion
    that is a candidate (1), and how many deletions are none (the network gives «في» there
    less than the floor)."""
    from eval_gap_model import damage_single

    from factcheck.document import parse_document
    from factcheck.gapmodel import doc_scores, prior_shift
    from factcheck.kinds.gap_model import _raise_log_odds

    def scored(t):
        sc = doc_scores(parse_document("a", t, lang="ar"))
        return sc, _raise_log_odds(sc.gap[:, 1], prior_shift(sc, "في", 10.0, 0.004))

    sc, p = scored(text)
    idx = gaprescore.candidates(sc, p, gaprescore.FLOOR)
    xs = [gaprescore.features(sc, idx, p[idx], rs, ng)] if idx else []
    ys = [0] * len(idx)
    missed = 0
    for _ in range(deletions):
        dm = damage_single(text, rng, "في")
        if dm is None:
            break
        new, marks = dm
        sc2, p2 = scored(new)
        hit = [i for i, t in enumerate(sc2.toks) if t.start == marks[0][1]]
        if not hit or hit[0] not in gaprescore.candidates(sc2, p2, gaprescore.FLOOR):
            # no candidate at run time: a miss whatever the trees would say (and a row below the
            # floor would teach them that a low probability means a deletion, as no clean gap
            # below it is a row)
            missed += 1
            continue
        xs.append(gaprescore.features(sc2, hit[:1], p2[hit[:1]], rs, ng))
        ys.append(1)
    return xs, ys, missed


def broken_rows(text: str, rng: random.Random, deletions: int, ng):
    """The same for the broken-word head: the clean article's candidates (0), and one row a
    «في» deleted inside a word (1) when the damaged token is a candidate."""
    from eval_gap_model import damage_inword

    from factcheck.document import parse_document
    from factcheck.gapmodel import broken_shift, doc_scores, get_model
    from factcheck.kinds.gap_model import broken_candidates

    model = get_model()

    def cands(t):
        sc = doc_scores(parse_document("a", t, lang="ar"))
        c = broken_candidates(sc, model.features, gaprescore.BROKEN_FLOOR, broken_shift(sc, 10.0, model.inword))
        return sc, c

    def rows(sc, c):
        return gaprescore.broken_features(sc, [(i, rep, o) for i, rep, o, _ in c], [q for *_, q in c], ng)

    sc, c = cands(text)
    xs = [rows(sc, c)] if c else []
    ys = [0] * len(c)
    missed = 0
    for _ in range(deletions):
        dm = damage_inword(text, rng)
        if dm is None:
            break
        new, marks, _ = dm
        sc2, c2 = cands(new)
        hit = [x for x in c2 if sc2.toks[x[0]].start == marks[0][1]]
        if not hit:
            missed += 1
            continue
        xs.append(rows(sc2, hit))
        ys.append(1)
    return xs, ys, missed


def _half_b_groups(args):
    """Story groups (ISO weeks) of the train part's half B, in a fixed order, up to
    `--max-articles` articles: [(week, [texts])]."""
    from train_gap_model import DATA, article_text, half_of, part_of, read_articles, week_of

    groups: dict = {}
    for d in read_articles(DATA):
        if part_of(d) == "train" and half_of(week_of(d)) == "B":
            groups.setdefault(week_of(d), []).append((d["id"], article_text(d)))
    weeks = sorted(groups, key=lambda w: hashlib.sha1(f"{SEED}:B:{w}".encode()).hexdigest())
    out, n = [], 0
    for w in weeks:
        if args.max_articles and n >= args.max_articles:
            break
        out.append((w, groups[w]))
        n += len(groups[w])
    return out


def _own_counts(texts) -> tuple[dict, dict]:
    """A story group's own counts: the re-scorer's tables and the network's word-pair tables."""
    import train_gap_model as tg

    from factcheck import gapmodel as gm

    mine = {name: Counter() for name in gaprescore.TABLE_NAMES}
    net = {t: Counter() for t in gm.TABLES}
    for text in texts:
        count_fi_pairs(text, mine)
        for t, k in tg.article_keys(tg.text_segments(text), tg.ids_of):
            net[t][k] += 1
    return mine, net


def _half_a_network(model_dir: str):
    """Make the gap model of this process the network trained on half A (its vocabulary and
    count tables too), so that `doc_scores` scores half B with it."""
    from factcheck import gapmodel as gm

    d = Path(model_dir)
    if not (d / gm.MODEL_PATH.name).is_file():
        raise SystemExit(f"{d / gm.MODEL_PATH.name}: no half-A network; train it first "
                         "(scripts/train_gap_model.py features|train --half A --tables-dir ...)")
    model = gm.GapModel(str(d / gm.MODEL_PATH.name), str(d / gm.FEATURES_PATH.name), str(d / gm.NGRAMS_PATH.name))
    gm.get_model = lambda *a, **k: model
    return model


def data(args):
    import numpy as np

    from train_gap_model import DATA, article_text, part_of, read_articles

    from factcheck import gapmodel as gm

    t0 = time.time()
    X, Y = [], []
    n = missed = 0
    if args.half == "B":
        # the train part's half B, scored by the network trained on half A; the count
        # features from the whole train part less the article's story group
        full_tables = gaprescore.load_tables(args.tables_out)
        full_ngrams = gm.load_ngrams(str(gm.NGRAMS_PATH))
        groups = _half_b_groups(args)
        _half_a_network(args.model_dir)
        items = []
        for week, arts in groups:
            mine, net = _own_counts([t for _, t in arts])
            rs, ng = TablesWithout(full_tables, mine), NGramsWithout(full_ngrams, net)
            items.extend((aid, text, rs, ng) for aid, text in arts)
    else:
        rs, ng = gaprescore.load_tables(args.tables_out), gm.get_model().ngrams
        items = [(d["id"], article_text(d), rs, ng) for d in read_articles(DATA)
                 if part_of(d) == "dev" and dev_half(d) == args.half]
    for aid, text, rs, ng in items:
        n += 1
        rng = random.Random(f"{SEED}:{aid}")
        if args.head == "broken":
            xs, ys, m = broken_rows(text, rng, args.deletions, ng)
        else:
            xs, ys, m = article_rows(text, rng, args.deletions, rs, ng)
        missed += m
        X.extend(xs)
        Y.extend(ys)
    X = np.concatenate(X) if X else np.zeros((0, len(gaprescore.BROKEN_FEATURES if args.head == "broken" else gaprescore.FEATURES)))
    Y = np.array(Y, dtype=np.int64)
    WORK.mkdir(parents=True, exist_ok=True)
    np.savez(args.data_out, X=X, Y=Y, missed=missed)
    where = "the train part's half B" if args.half == "B" else f"dev's {args.half} half"
    print(f"{n} articles of {where}: {len(Y)} rows, {int(Y.sum())} deletions that are candidates "
          f"({missed} are not) -> {args.data_out} "
          f"in {time.time() - t0:.0f} s")


def make_model(seed: int):
    from sklearn.ensemble import HistGradientBoostingClassifier

    return HistGradientBoostingClassifier(max_iter=600, learning_rate=0.03, max_leaf_nodes=15, min_samples_leaf=50,
                                          random_state=seed)


def train(args):
    import numpy as np

    t0 = time.time()
    files = args.data or [args.data_out]
    parts = [np.load(f) for f in files]
    X = np.concatenate([z["X"] for z in parts])
    Y = np.concatenate([z["Y"] for z in parts])
    m = make_model(SEED).fit(X, Y)
    if args.head == "broken":  # no tables of its own: the network's
        gaprescore.save_tables(args.out, {n: {} for n in gaprescore.TABLE_NAMES},
                               gaprescore.export_trees(m))
    else:
        with np.load(args.tables_out) as t:
            tabs = {k: t[k] for k in t.files}
        np.savez(args.out, **tabs, **gaprescore.export_trees(m))
    names = gaprescore.BROKEN_FEATURES if args.head == "broken" else gaprescore.FEATURES
    info = {"seed": SEED, "head": args.head, "data": [Path(f).name for f in files],
            "rows": int(len(Y)), "deletions": int(Y.sum()), "features": list(names),
            "trees": int(m.n_iter_), "train_seconds": round(time.time() - t0, 1)}
    Path(args.out).with_suffix(".json").write_text(json.dumps(info, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    # the exported trees must give the fitted model's probabilities
    from factcheck.gaprescore import Rescorer

    r = Rescorer(args.out, names)
    diff = float(np.abs(r.score(X) - m.predict_proba(X)[:, 1]).max())
    print(f"{m.n_iter_} trees on {len(Y)} rows -> {args.out} ({Path(args.out).stat().st_size / 1e6:.1f} MB) "
          f"in {time.time() - t0:.0f} s; the arrays against scikit-learn: max difference {diff:.2g}")


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("step", choices=("tables", "data", "train"))
    ap.add_argument("--deletions", type=int, default=8, help="single deletions a fit article (data)")
    ap.add_argument("--half", choices=("fit", "tune", "B"), default="fit",
                    help="data: which half of dev (tune's data is for curves only), or B: the train part's half B, "
                         "scored by the network trained on half A (--model-dir)")
    ap.add_argument("--model-dir", default=str(ROOT / "build" / "gap" / "halfA"),
                    help="the network trained on half A of the train part (train_gap_model.py --half A)")
    ap.add_argument("--max-articles", type=int, default=0, help="data --half B: at most this many articles (whole weeks)")
    ap.add_argument("--tables-out", default=str(WORK / "tables.npz"))
    ap.add_argument("--head", choices=("gap", "broken"), default="gap",
                    help="the «في» gaps (ar_gap_rescore.npz) or the words broken by a deleted «في» "
                         "(ar_gap_rescore_broken.npz)")
    ap.add_argument("--data-out", help="data: the rows' file")
    ap.add_argument("--data", nargs="+", help="train: the rows' files (default: --data-out)")
    ap.add_argument("--out")
    args = ap.parse_args()
    sfx = "" if args.head == "gap" else "_broken"
    args.data_out = args.data_out or str(WORK / f"{args.half}{sfx}.npz")
    args.out = args.out or str(gaprescore.RESCORE_PATH if args.head == "gap" else gaprescore.BROKEN_PATH)
    {"tables": tables, "data": data, "train": train}[args.step](args)


if __name__ == "__main__":
    main()
