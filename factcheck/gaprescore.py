"""The second look at a «في» gap: a small tree ensemble that re-scores the gap model's
candidates with what the network reads only loosely or not at all.

The network (factcheck/gapmodel.py) reads the sentence, but its count features pair only the
two words either side of a gap.  A reader also knows that «⟦⟧الآونة الأخيرة» (the next two
words) almost never stands without «في», that «بما ⟦⟧» (the two words before) is almost
always followed by it, and what the article itself writes elsewhere.  The re-scorer takes,
for each candidate gap (the network's probability of «في» at least `FLOOR`), the network's
probabilities and such counts (`FEATURES`) and gives the probability that «في» is missing
there.  It was trained by scripts/train_gap_rescorer.py on single deletions made in one part
of dev (the network never saw dev), and ships as arrays (`ar_gap_rescore.npz`: the trees,
walked with numpy, and the count tables, from the train part).  Model card: models/ar_gap.md.
"""

from __future__ import annotations

import math
from bisect import bisect_right
from collections import Counter
from functools import lru_cache

from factcheck.gapmodel import CLASSES, MODELS, SENT_END, word_ids

RESCORE_PATH = MODELS / "ar_gap_rescore.npz"  # the trees and the count tables
BROKEN_PATH = MODELS / "ar_gap_rescore_broken.npz"  # the trees of the broken-word candidates
BROKEN_FLOOR = 0.05  # broken-word candidates: the network's probability at least this
FLOOR = 0.02  # training rows: the network's probability of «في» (after the article's prior) at least this
# at run time only gaps from RUN_FLOOR are re-scored: a gap's features do not depend on the other
# candidates, so this only drops low ones (of dev's tune-half deletions the trees gave 0.99 or
# more, 1 % had a network probability under 0.29), and it halves the work
RUN_FLOOR = 0.2
FI_FORMS = ("في", "وفي", "ففي")  # «في» as a light token, alone or with «و»/«ف»
# the count tables: pairs (word, next word) after «في», pairs (word, next word) before «في»,
# single words after and before it; counts of at least 2 in the train part
PAIR_TABLES = ("after", "before")
WORD_TABLES = ("w_after", "w_before")
TABLE_NAMES = (*PAIR_TABLES, *WORD_TABLES)

FEATURES = (
    "logit_fi",          # the network's log-odds of «في» here (after the article's prior)
    "p_nothing",         # its probability that nothing is missing
    "p_other",           # that another word (على من إلى عن مع ب ل) is
    "pre_class",         # the punctuation before the gap (gapmodel.pre_class)
    "has_right",         # the next word follows after a space (a phrase of two)
    "right_after_fi",    # log1p: how often the two words from here follow «في» in train
    "right_total",       # log1p: how often they stand together (the network's table B)
    "has_left",          # the two words before the gap stand together
    "left_before_fi",    # log1p: how often those two words are followed by «في»
    "left_total",        # log1p: how often they stand together
    "has_prev",          # a word before the gap in the same sentence
    "pair_total",        # log1p: the word before and the word after side by side (B)
    "pair_fi",           # log1p: the same with «في» between them (T1)
    "w_after_fi",        # log1p: how often the word after the gap follows «في»
    "w_zipf",            # its Zipf frequency
    "prev_before_fi",    # log1p: how often the word before the gap is followed by «في»
    "prev_zipf",         # its Zipf frequency
    "echo2",             # the next two words follow «في» elsewhere in the article
    "echo1",             # the next word does
    "after_mark",        # right after an opening bracket or «×»
    "digit",             # the word after the gap is a number
    "w_definite",        # it starts with «ال»
    "prev_definite",     # the word before does
    "art_w_fi",          # how often «في» + the word after the gap stand in the article
    "art_phrase_fi",     # how often «في» + the next two words do
    "evidence",          # the article's evidence of a lost «في» (word-rate)
    "p_gap_before",      # the network's probability of «في» at the gap before (same sentence)
    "p_gap_after",       # at the gap after
    "p_sentence_other",  # the highest at any other gap of the sentence
    "sentence_words",    # the sentence's length in tokens
    "prev2_before_fi",   # log1p: how often the word two before the gap is followed by «في» (a verb that takes it)
    "prev2_zipf",        # its Zipf frequency
    "prev3_before_fi",   # the same three words before
    "prev3_zipf",
    "next_after_fi",     # log1p: how often the second word after the gap follows «في»
)


# the broken-word candidates (a token that a «في» put back turns into a known word)
BROKEN_FEATURES = (
    "logit_broken",      # the network's log-odds that «في» was deleted inside the token (after the prior)
    "zipf",              # the token's Zipf frequency as it stands
    "best_reading",      # the highest Zipf of any reading of it (proclitics peeled): is it a word?
    "repair_zipf",       # the Zipf of the word put back
    "other_readings",    # how many other repairs there are
    "length",            # the token's length in letters
    "repair_in_article", # how often the word put back stands elsewhere in the article
    "token_in_article",  # how often the token itself stands elsewhere in the article
    "has_prev",          # a word before it in the sentence
    "prev_token",        # log1p: the word before and the token side by side in train (table B)
    "prev_repair",       # log1p: the word before and the word put back
    "has_next",          # a word after it in the sentence
    "token_next",        # log1p: the token and the word after
    "repair_next",       # log1p: the word put back and the word after
    "among_places",      # the word put back is a place name next to another
    "p_gap_here",        # the network's probability that a word is missing before the token
    "evidence",          # the article's evidence of a lost «في»
)


class Tables:
    """Sorted uint64 keys and their counts, one pair of arrays a table."""

    def __init__(self, arrays):
        import numpy as np

        # a file without a table (the broken-word trees need none) reads it as empty
        self.keys = {n: arrays.get(f"{n}_keys", np.zeros(0, dtype=np.uint64)) for n in TABLE_NAMES}
        self.counts = {n: arrays.get(f"{n}_counts", np.zeros(0, dtype=np.uint32)) for n in TABLE_NAMES}

    def get(self, name: str, keys):
        """Counts of `keys` (uint64 array) in table `name`, 0 where absent."""
        import numpy as np

        k = self.keys[name]
        c = self.counts[name]
        if not len(k) or not len(keys):
            return np.zeros(len(keys), dtype=np.float64)
        i = np.minimum(np.searchsorted(k, keys), len(k) - 1)
        return np.where(k[i] == keys, c[i], 0).astype(np.float64)


def save_tables(path, tables: dict, extra: dict | None = None):
    """tables: name -> {uint64 key: count}; written sorted, uncompressed, with the arrays of
    `extra` (the trees)."""
    import numpy as np

    arrays = dict(extra or {})
    for n, d in tables.items():
        ks = np.array(sorted(d), dtype=np.uint64)
        arrays[f"{n}_keys"] = ks
        arrays[f"{n}_counts"] = np.array([min(d[int(k)], 2**32 - 1) for k in ks], dtype=np.uint32)
    np.savez(path, **arrays)


def pair_id(a: str, b: str) -> int:
    return (word_ids(a)[0] << 32) | word_ids(b)[0]


def word_id(w: str) -> int:
    return word_ids(w)[0]


class Rescorer:
    """The trees (arrays of `export_trees`) and the count tables, from one .npz file."""

    CHUNK = 1024  # rows walked at once
    def __init__(self, path: str = str(RESCORE_PATH), names: tuple = FEATURES):
        import numpy as np

        with np.load(path) as z:
            a = {k: z[k] for k in z.files}
        self.tables = Tables(a)
        self.feature, self.threshold = a["tree_feature"], a["tree_threshold"]
        self.left, self.right, self.value = a["tree_left"], a["tree_right"], a["tree_value"]
        self.depth = int(a["tree_depth"])
        self.baseline = float(a["tree_baseline"])
        self.n_features = int(a["tree_n_features"])
        self._flat = None  # the arrays flattened for `score`, made at the first call
        if self.n_features != len(names):
            raise ValueError(f"{path}: trees of {self.n_features} features, the code has {len(names)}")

    def score(self, x):
        """P(«في» missing) for each row of features (numpy [n, len(FEATURES)]): all trees walked
        at once, one level a step (a leaf points at itself), until every row sits on a leaf."""
        import numpy as np

        n = len(x)
        if n == 0:
            return np.zeros(0, dtype=np.float64)
        if n > self.CHUNK:  # bounded memory: the walk holds [rows, trees] indices
            return np.concatenate([self.score(x[i:i + self.CHUNK]) for i in range(0, n, self.CHUNK)])
        if self._flat is None:
            t, m = self.feature.shape
            base = (np.arange(t, dtype=np.int64) * m)[None, :]
            self._flat = (base, self.feature.ravel(), self.threshold.ravel(), self.left.ravel() + base.ravel().repeat(m),
                          self.right.ravel() + base.ravel().repeat(m), self.value.ravel(), m)
        base, feat, thr, left, right, value, m = self._flat
        xf = np.ascontiguousarray(x, dtype=np.float64).ravel()
        row = (np.arange(n, dtype=np.int64) * x.shape[1])[:, None]
        node = np.broadcast_to(base, (n, base.shape[1])).copy()  # each tree's root, as a flat index
        for _ in range(self.depth):
            go_left = xf.take(row + feat.take(node)) <= thr.take(node)
            new = np.where(go_left, left.take(node), right.take(node))
            if np.array_equal(new, node):
                break
            node = new
        raw = self.baseline + value.take(node).sum(axis=1)
        return 1.0 / (1.0 + np.exp(-raw))


def export_trees(model) -> dict:
    """The arrays of a fitted scikit-learn HistGradientBoostingClassifier (binary, numeric
    features without missing values): per tree and node the feature, threshold (go left
    when x <= threshold), children (a leaf's are itself) and leaf value."""
    import numpy as np

    trees = [p[0].nodes for p in model._predictors]
    m = max(len(nd) for nd in trees)
    t = len(trees)
    if m > np.iinfo(np.int16).max or model.n_features_in_ > np.iinfo(np.int16).max:
        raise ValueError("trees too large for the int16 node and feature indices")
    # indices as int16: a tree's nodes and the features fit, and the file is half the size
    feat = np.zeros((t, m), dtype=np.int16)
    thr = np.zeros((t, m), dtype=np.float64)
    left = np.tile(np.arange(m, dtype=np.int16), (t, 1))
    right = left.copy()
    val = np.zeros((t, m), dtype=np.float64)
    depth = 0
    for k, nd in enumerate(trees):
        for j in range(len(nd)):
            if nd["is_leaf"][j]:
                val[k, j] = nd["value"][j]
            else:
                if nd["is_categorical"][j]:
                    raise ValueError("categorical splits are not supported")
                feat[k, j] = nd["feature_idx"][j]
                thr[k, j] = nd["num_threshold"][j]
                left[k, j], right[k, j] = nd["left"][j], nd["right"][j]
        depth = max(depth, int(nd["depth"].max()))
    base = np.asarray(model._baseline_prediction, dtype=np.float64).ravel()
    return {"tree_feature": feat, "tree_threshold": thr, "tree_left": left, "tree_right": right,
            "tree_value": val, "tree_depth": np.array(depth), "tree_baseline": np.array(base[0]),
            "tree_n_features": np.array(model.n_features_in_)}


@lru_cache(maxsize=2)
def load_tables(path: str) -> Tables:
    import numpy as np

    with np.load(path) as z:
        return Tables({k: z[k] for k in z.files})


@lru_cache(maxsize=2)
def get_rescorer(model_path: str = str(RESCORE_PATH)) -> Rescorer:
    return Rescorer(model_path)


@lru_cache(maxsize=2)
def get_broken_rescorer(model_path: str = str(BROKEN_PATH)) -> Rescorer:
    return Rescorer(model_path, BROKEN_FEATURES)


def _joined(toks, i: int) -> bool:
    """Token i follows the token before it after spaces only."""
    return i > 0 and not toks[i].pre.strip()


def _fi_runs(toks):
    """How often «في» + a word and «في» + two words stand in the text (words as tokens)."""
    c: Counter = Counter()
    n = len(toks)
    for j in range(n - 1):
        if toks[j].w in FI_FORMS and _joined(toks, j + 1):
            c[toks[j + 1].w] += 1
            if j + 2 < n and _joined(toks, j + 2):
                c[(toks[j + 1].w, toks[j + 2].w)] += 1
    return c


def features(scores, idx, p_fi, tables: Tables, ngrams, marks: str = "([×"):
    """[len(idx), len(FEATURES)] features of the gaps before tokens `idx` of a document's
    Scores; `p_fi` the network's probability of «في» at each (after the article's prior)."""
    import numpy as np

    from factcheck.gapmodel import pre_class, segments
    from factcheck.lexicon import freq

    toks = scores.toks
    n = len(idx)
    x = np.zeros((n, len(FEATURES)), dtype=np.float64)
    if n == 0:
        return x
    zipf = freq("ar").get
    runs = _fi_runs(toks)
    pfi = scores.gap[:, CLASSES.index("في")]
    segs = segments(toks)  # every token is in one; a candidate's is found by its start
    seg_starts = [a for a, _ in segs]
    ev = scores.lost.get("في", (0.0, 0.0, 0.0))[0]
    right, left, pair, ws, prevs, far = [], [], [], [], [], []
    for r, i in enumerate(idx):
        t = toks[i]
        w = t.w
        nxt = toks[i + 1].w if i + 1 < len(toks) and _joined(toks, i + 1) else None
        prv = toks[i - 1].w if i > 0 and not any(ch in SENT_END for ch in t.pre) else None
        pp = toks[i - 2].w if prv is not None and _joined(toks, i) and i > 1 and _joined(toks, i - 1) else None
        g = scores.gap[i]
        p = min(max(float(p_fi[r]), 1e-6), 1 - 1e-6)
        last = t.pre.rstrip()[-1:]
        x[r, 0] = math.log(p / (1 - p))
        x[r, 1] = float(g[0])
        x[r, 2] = float(g[2:].sum())
        x[r, 3] = pre_class(t.pre)
        x[r, 4] = nxt is not None
        x[r, 7] = pp is not None
        x[r, 10] = prv is not None
        x[r, 14] = zipf(w, 0.0)
        x[r, 16] = zipf(prv, 0.0) if prv is not None else 0.0
        x[r, 17] = nxt is not None and runs.get((w, nxt), 0) > 0
        x[r, 18] = runs.get(w, 0) > 0
        x[r, 19] = bool(last) and last in marks
        x[r, 20] = w[:1].isdigit()
        x[r, 21] = w.startswith("ال")
        x[r, 22] = prv is not None and prv.startswith("ال")
        x[r, 23] = runs.get(w, 0)
        x[r, 24] = runs.get((w, nxt), 0) if nxt is not None else 0
        x[r, 25] = ev
        a, z = segs[bisect_right(seg_starts, i) - 1]
        x[r, 26] = float(pfi[i - 1]) if i - 1 > a else 0.0  # the gap before token i-1 (not the sentence's first)
        x[r, 27] = float(pfi[i + 1]) if i + 1 < z else 0.0
        others = [float(pfi[j]) for j in range(a + 1, z) if j != i]
        x[r, 28] = max(others) if others else 0.0
        x[r, 29] = z - a
        w2 = toks[i - 2].w if i - 2 >= a else None
        w3 = toks[i - 3].w if i - 3 >= a else None
        x[r, 31] = zipf(w2, 0.0) if w2 is not None else 0.0
        x[r, 33] = zipf(w3, 0.0) if w3 is not None else 0.0
        far.append((word_id(w2) if w2 is not None else 0, word_id(w3) if w3 is not None else 0,
                    word_id(nxt) if nxt is not None else 0))
        right.append(pair_id(w, nxt) if nxt is not None else 0)
        left.append(pair_id(pp, prv) if pp is not None else 0)
        pair.append(pair_id(prv, w) if prv is not None else 0)
        ws.append(word_id(w))
        prevs.append(word_id(prv) if prv is not None else 0)
    right = np.array(right, dtype=np.uint64)
    left = np.array(left, dtype=np.uint64)
    pair = np.array(pair, dtype=np.uint64)
    # the network's own tables: B (side by side) and T1 (with «في» between)
    c = ngrams.word_counts(np.concatenate([right, left, pair]))
    b, t1 = c[:, 0].astype(np.float64), c[:, 1].astype(np.float64)
    x[:, 5] = np.log1p(tables.get("after", right)) * x[:, 4]
    x[:, 6] = np.log1p(b[:n]) * x[:, 4]
    x[:, 8] = np.log1p(tables.get("before", left)) * x[:, 7]
    x[:, 9] = np.log1p(b[n:2 * n]) * x[:, 7]
    x[:, 11] = np.log1p(b[2 * n:]) * x[:, 10]
    x[:, 12] = np.log1p(t1[2 * n:]) * x[:, 10]
    x[:, 13] = np.log1p(tables.get("w_after", np.array(ws, dtype=np.uint64)))
    x[:, 15] = np.log1p(tables.get("w_before", np.array(prevs, dtype=np.uint64))) * x[:, 10]
    far = np.array(far, dtype=np.uint64).reshape(n, 3)
    x[:, 30] = np.log1p(tables.get("w_before", far[:, 0])) * (far[:, 0] > 0)
    x[:, 32] = np.log1p(tables.get("w_before", far[:, 1])) * (far[:, 1] > 0)
    x[:, 34] = np.log1p(tables.get("w_after", far[:, 2])) * (far[:, 2] > 0)
    return x


def doc_rescored(scores, p_fi, floor: float = RUN_FLOOR):
    """{token index: P(«في» missing)} for the gaps of a document whose network probability of
    «في» (after the article's prior, `p_fi`) is at least `floor`; cached on the Scores."""
    from factcheck.gapmodel import get_model

    cached = scores.cache.get("rescored")
    if cached is not None and cached[0] == floor:
        return cached[1]
    idx = candidates(scores, p_fi, floor)
    rs = get_rescorer()
    x = features(scores, idx, p_fi[idx] if idx else [], rs.tables, get_model().ngrams)
    out = dict(zip(idx, rs.score(x).tolist()))
    scores.cache["rescored"] = (floor, out)
    return out


def broken_features(scores, cands, p_broken, ngrams):
    """[len(cands), len(BROKEN_FEATURES)] features of broken-word candidates: `cands` the
    (token index, repaired word, other readings) of each, `p_broken` the network's
    probabilities (after the article's prior)."""
    import numpy as np

    from factcheck.kinds.gap_model import _among_places
    from factcheck.lexicon import ar_best, freq

    toks = scores.toks
    n = len(cands)
    x = np.zeros((n, len(BROKEN_FEATURES)), dtype=np.float64)
    if n == 0:
        return x
    zipf = freq("ar").get
    counts = Counter(t.w for t in toks)
    ev = scores.lost.get("في", (0.0, 0.0, 0.0))[0]
    keys = []
    for r, (i, rep, others) in enumerate(cands):
        t = toks[i]
        w = t.w
        prv = toks[i - 1].w if i > 0 and not any(ch in SENT_END for ch in t.pre) else None
        nxt = toks[i + 1].w if i + 1 < len(toks) and not any(ch in SENT_END for ch in toks[i + 1].pre) else None
        q = min(max(float(p_broken[r]), 1e-6), 1 - 1e-6)
        x[r, 0] = math.log(q / (1 - q))
        x[r, 1] = zipf(w, 0.0)
        x[r, 2] = ar_best(w)
        x[r, 3] = zipf(rep, 0.0)
        x[r, 4] = others
        x[r, 5] = len(w)
        x[r, 6] = counts.get(rep, 0)
        x[r, 7] = counts.get(w, 0) - 1
        x[r, 8] = prv is not None
        x[r, 11] = nxt is not None
        x[r, 14] = _among_places(toks, i, rep)
        x[r, 15] = 1.0 - float(scores.gap[i, 0])
        x[r, 16] = ev
        keys += [pair_id(prv, w) if prv else 0, pair_id(prv, rep) if prv else 0,
                 pair_id(w, nxt) if nxt else 0, pair_id(rep, nxt) if nxt else 0]
    b = ngrams.word_counts(np.array(keys, dtype=np.uint64))[:, 0].astype(np.float64).reshape(n, 4)
    x[:, 9] = np.log1p(b[:, 0]) * x[:, 8]
    x[:, 10] = np.log1p(b[:, 1]) * x[:, 8]
    x[:, 12] = np.log1p(b[:, 2]) * x[:, 11]
    x[:, 13] = np.log1p(b[:, 3]) * x[:, 11]
    return x


def doc_rebroken(scores, shift: float = 0.0, floor: float = BROKEN_FLOOR, cands=None):
    """{token index: P(«في» deleted inside it)} for the broken-word candidates of a document
    (the network's probability, its log-odds raised by `shift`, at least `floor`); cached.
    `cands`: `broken_candidates` of the document with this shift from `floor` or lower, when
    the caller has them."""
    from factcheck.gapmodel import get_model
    from factcheck.kinds.gap_model import broken_candidates

    key = ("rebroken", shift, floor)
    cached = scores.cache.get(key)
    if cached is not None:
        return cached
    model = get_model()
    if cands is None:
        cands = broken_candidates(scores, model.features, floor, shift)
    else:
        cands = [c for c in cands if c[3] >= floor]
    rs = get_broken_rescorer()
    x = broken_features(scores, [(i, rep, o) for i, rep, o, _ in cands], [p for *_, p in cands], model.ngrams)
    out = dict(zip([c[0] for c in cands], rs.score(x).tolist()))
    scores.cache[key] = out
    return out


def rebroken_rows(scores, cands) -> dict:
    """{token index: the re-scorer's P(«في» deleted inside it)} for the given broken-word
    candidates (`broken_candidates` rows, their probabilities after the article's prior), not
    cached: each candidate's row depends on it alone, so these agree with `doc_rebroken`."""
    from factcheck.gapmodel import get_model

    if not cands:
        return {}
    x = broken_features(scores, [(i, rep, o) for i, rep, o, _ in cands], [p for *_, p in cands],
                        get_model().ngrams)
    return dict(zip([c[0] for c in cands], get_broken_rescorer().score(x).tolist()))


def candidates(scores, p_fi, floor: float) -> list[int]:
    """The tokens whose gap the trees score: the network gives «في» there at least `floor`
    (`p_fi`, after the article's prior), and «في» could stand before the token (gap_model._plausible)."""
    import numpy as np

    from factcheck.kinds.gap_model import _plausible

    toks = scores.toks
    return [i for i in np.nonzero(np.asarray(p_fi) >= floor)[0].tolist() if _plausible(toks, i, "في")]
