#!/usr/bin/env python3
"""Train the Arabic gap model (factcheck/models/ar_gap.onnx) on the ANT news corpus.

    pip install ".[train]"                            # torch and onnx (not needed at run time)
    python scripts/train_gap_model.py prepare         # split, tokenize, feature tables
    python scripts/train_gap_model.py train           # train, export ONNX, write the card's numbers
    python scripts/train_gap_model.py all             # both

Data: ../shared/train/ar_news/ant.jsonl.gz (38,589 articles, ANT Corpus, Apache-2.0, cite
Chouigui, Ben Khiroun and Elayeb, AICCSA 2017).  The articles are split by *story*, so
that copies of one story on several outlets do not sit on both sides: every article of one
ISO week goes to the same part, and the week's part comes from a hash of the week and the
seed (80 % train, 10 % dev, 10 % test).  Only the train part is read for training, the
vocabulary and the repair table; dev is for choosing thresholds (scripts/eval_gap_model.py);
test is read only for the final figures.

Training examples are the train part's sentences with damage made the way real accidents
make it, drawn again for every epoch from a fixed seed: one function word deleted (في، على،
من، إلى، عن، مع), every «في» deleted as a search-and-replace does (standalone and inside
words: الصحفيين → الصحين, وفي → و), every standalone «في» deleted, «في» deleted inside one
word, a glued «ب»/«ل» deleted (بالقرب → القرب, للبيان → البيان), or nothing.
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import json
import math
import pickle
import random
import re
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from factcheck import gapmodel as gm  # noqa: E402

DATA = ROOT.parent / "shared" / "train" / "ar_news" / "ant.jsonl.gz"
BUILD = ROOT / "build" / "gap"
SEED = 20261203
VOCAB_SIZE = 30000
BUCKETS = 16384
PARTS = ("train", "dev", "test")


# ------------------------------------------------------------------ split

_MONTHS = "Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec".split()


def article_date(d: dict):
    import datetime as dt

    t = d.get("time_raw") or ""
    m = re.match(r"(\d{4})-(\d\d)-(\d\d)", t)
    if m:
        return dt.date(int(m[1]), int(m[2]), int(m[3]))
    m = re.search(r"(\d{1,2})/(\d{1,2})/(\d{4})", t)
    if m:
        return dt.date(int(m[3]), int(m[2]), int(m[1]))
    m = re.search(r"(\d{1,2}) (\w{3}) (\d{4})", t)
    if m and m[2] in _MONTHS:
        return dt.date(int(m[3]), _MONTHS.index(m[2]) + 1, int(m[1]))
    m = re.search(r"(\d{8})$", d.get("id") or "")
    if m:
        try:
            return dt.date(int(m[1][:4]), int(m[1][4:6]), int(m[1][6:]))
        except ValueError:
            pass
    return None


def week_of(d: dict) -> str:
    """The story group of an article: the ISO week it was published in (a story's copies
    on several outlets appear in the same days)."""
    day = article_date(d)
    return f"{day.isocalendar()[0]}-W{day.isocalendar()[1]:02d}" if day else "id:" + (d.get("title") or "")


def part_of(d: dict, seed: int = SEED) -> str:
    """train/dev/test for an article: by its story group (week), hashed with the seed."""
    h = int(hashlib.sha1(f"{seed}:{week_of(d)}".encode()).hexdigest()[:8], 16) % 100
    return "train" if h < 80 else "dev" if h < 90 else "test"


def half_of(week: str, seed: int = SEED) -> str:
    """"A" or "B": the half of the train part a story group (ISO week) falls in, by a hash of
    the week and the seed.  A network trained on half A only (`--half A`) scores half B as
    copy it never saw: the rows the re-scorer learns from (scripts/train_gap_rescorer.py)."""
    return "AB"[int(hashlib.sha1(f"{seed}:half:{week}".encode()).hexdigest()[:8], 16) % 2]


def read_articles(path: Path = DATA):
    with gzip.open(path, "rt", encoding="utf-8") as f:
        for line in f:
            yield json.loads(line)


def article_text(d: dict) -> str:
    return ((d.get("title") or "").strip() + "\n\n" + (d.get("text") or "")).strip()


# ------------------------------------------------------------------ prepare

def text_segments(text: str) -> list:
    """An article as the training data holds it: its sentences, each a list of (word, what
    stands before it)."""
    toks = gm.tokenize(text)
    return [[(t.w, t.pre) for t in toks[s:e]] for s, e in gm.segments(toks)]


def prepare(args):
    BUILD.mkdir(parents=True, exist_ok=True)
    parts = {p: [] for p in PARTS}
    t0 = time.time()
    for d in read_articles():
        parts[part_of(d)].append({"id": d["id"], "source": d.get("source"), "week": week_of(d),
                                  "segments": text_segments(article_text(d))})
    for p, arts in parts.items():
        with open(BUILD / f"{p}.pkl", "wb") as f:
            pickle.dump(arts, f, protocol=pickle.HIGHEST_PROTOCOL)
        n_tok = sum(len(s) for a in arts for s in a["segments"])
        print(f"{p}: {len(arts)} articles, {n_tok} tokens")
    with open(BUILD / "split.json", "w") as f:
        json.dump({p: sorted(a["id"] for a in arts) for p, arts in parts.items()}, f)
    print(f"tokenized in {time.time() - t0:.0f} s")
    build_features(train_half(parts["train"], args), args)
    build_ngrams(train_half(parts["train"], args), args)


def features_path(args=None) -> Path:
    d = getattr(args, "tables_dir", None)
    return Path(d) / gm.FEATURES_PATH.name if d else gm.FEATURES_PATH


def ngrams_path(args=None) -> Path:
    d = getattr(args, "tables_dir", None)
    return Path(d) / gm.NGRAMS_PATH.name if d else gm.NGRAMS_PATH


def counts_pkl(args=None) -> Path:
    d = getattr(args, "tables_dir", None)
    return Path(d) / "ngrams.pkl" if d else BUILD / "ngrams.pkl"


def build_features(train, args=None):
    """Vocabulary (most frequent words of the train part) and the repair table: every
    word of the frequency list or of the train part (3+ times) with «في» inside, by each
    broken form that deleting one «في» from it gives."""
    counts = Counter(w for a in train for s in a["segments"] for w, _ in s)
    total = sum(counts.values())
    feats = gm.Features({"vocab": ["<PAD>", "<UNK>"], "buckets": BUCKETS, "repairs": {}})
    words = [w for w, _ in counts.most_common() if feats.key(w) == w]
    vocab = ["<PAD>", "<UNK>", "<NUM>", "<LAT>"] + words[:VOCAB_SIZE - 4]
    f = gm.freq("ar")
    zipf = dict(f)
    for w, c in counts.items():
        if c >= 3 and feats.key(w) == w:
            zipf[w] = max(zipf.get(w, 0.0), math.log10(c / total * 1e9))
    readings: dict[str, list] = {}
    for w, z in zipf.items():
        if "في" not in w or w == "في" or z < 2.0:
            continue
        k = w.find("في")
        while k != -1:
            broken = w[:k] + w[k + 2:]
            if broken:
                readings.setdefault(broken, []).append((z, w))
            k = w.find("في", k + 1)
    # broken form -> [most frequent repair, its Zipf, how many other repairs there are]
    repairs = {b: [max(rs)[1], round(max(rs)[0], 2), len(rs) - 1] for b, rs in readings.items()}
    data = {"vocab": vocab, "buckets": BUCKETS, "repairs": repairs, "rates": word_rates(train),
            "note": "ar_gap feature tables: vocabulary of the ANT train part, repair table from the "
                    "wordfreq-derived frequency list and the ANT train part (see factcheck/models/ar_gap.md)"}
    out = features_path(args)
    out.parent.mkdir(parents=True, exist_ok=True)
    with gzip.open(out, "wt", encoding="utf-8", compresslevel=9) as fh:
        json.dump(data, fh, ensure_ascii=False, separators=(",", ":"))
    print(f"features: {len(vocab)} words, {len(repairs)} repairs -> {out}")


TABLE_OF = {c: f"T{c}" for c in range(1, 7)}


def article_keys(arts_segments, ids_of):
    """(table, key) of every count an article's clean text contributes."""
    out = []
    for seg in arts_segments:
        ws = [w for w, _ in seg]
        ids = [ids_of(w) for w in ws]
        for i in range(len(ws) - 1):
            out.append(("B", gm.pair_key(ids[i][0], ids[i + 1][0])))
            out.append(("BS", gm.pair_key(ids[i][1], ids[i + 1][1])))
            if i + 2 < len(ws):
                c = gm.FOLDED_WORDS.get(ws[i + 1])
                if c:
                    out.append((TABLE_OF[c], gm.pair_key(ids[i][0], ids[i + 2][0])))
                    if c == 1:
                        out.append(("TS1", gm.pair_key(ids[i][1], ids[i + 2][1])))
    return out


_IDS: dict[str, tuple[int, int]] = {}


def ids_of(w: str) -> tuple[int, int]:
    r = _IDS.get(w)
    if r is None:
        r = _IDS[w] = gm.word_ids(w)
    return r


def build_ngrams(train, args=None):
    """Count tables of the train part: all counts for training (build/gap/ngrams.pkl; an
    article's own counts are taken off while it is trained on), and those of at least
    MIN_COUNT for the package (factcheck/models/ar_gap.ngrams.npz)."""
    tables = {t: Counter() for t in gm.TABLES}
    for a in train:
        for t, k in article_keys(a["segments"], ids_of):
            tables[t][k] += 1
    with open(counts_pkl(args), "wb") as f:
        pickle.dump({t: dict(c) for t, c in tables.items()}, f, protocol=pickle.HIGHEST_PROTOCOL)
    wk, wc = gm.merge_tables(tables, gm.WORD_TABLES)
    sk, sc = gm.merge_tables(tables, gm.STEM_TABLES)
    print(f"  {len(wk)} word pairs, {len(sk)} stem pairs kept (count >= {gm.MIN_COUNT})")
    out = ngrams_path(args)
    gm.save_ngrams(out, (wk, wc), (sk, sc))  # stored uncompressed: loads in ~20 ms, not ~100
    print(f"ngrams -> {out} ({out.stat().st_size // 1024} KB)")


def word_rates(arts) -> dict:
    """Per function word: its share of an article's Arabic words (mean over the train
    part's articles of 100 such words or more) and the beta-binomial over-dispersion rho, by moments."""
    out = {}
    sizes = []
    for a in arts:
        ws = [w for s in a["segments"] for w, _ in s if gm.is_arabic_word(w)]
        if len(ws) >= 100:
            sizes.append((len(ws), Counter(ws)))
    for w in gm.FOLDED_WORDS:
        xs = [(n, c.get(w, 0)) for n, c in sizes]
        p = sum(x for _, x in xs) / sum(n for n, _ in xs)
        # Var(x/n) = p(1-p)/n * (1 + (n-1) rho)  ->  rho from the mean excess of the variance
        num = sum((x / n - p) ** 2 - p * (1 - p) / n for n, x in xs)
        den = sum(p * (1 - p) * (n - 1) / n for n, _ in xs)
        out[w] = {"rate": round(p, 5), "rho": round(max(num / den, 1e-4), 5), "articles": len(xs)}
    return out


def train_half(arts, args=None):
    """The train part's articles, or those of one half of it (`--half`)."""
    h = getattr(args, "half", None)
    return [a for a in arts if half_of(a["week"]) == h] if h else arts


def load_part(p: str):
    with open(BUILD / f"{p}.pkl", "rb") as f:
        arts = pickle.load(f)
    if arts and "week" not in arts[0]:  # prepared before weeks were kept
        weeks = {d["id"]: week_of(d) for d in read_articles()}
        for a in arts:
            a["week"] = weeks[a["id"]]
    return arts


# ------------------------------------------------------------------ damage

TARGETS = gm.FOLDED_WORDS  # folded word -> class


def _delete(ws, pres, i):
    """Delete token i of a segment; the next token takes over the gap before it."""
    nxt = pres[i + 1]
    pres[i + 1] = pres[i] if not nxt.strip() else (pres[i].rstrip() + nxt)
    del ws[i]
    del pres[i]


def damage(seg, rng: random.Random, mode: str | None = None):
    """(words, pres, gap labels, broken labels) of a segment after one kind of damage."""
    ws = [w for w, _ in seg]
    pres = [p for _, p in seg]
    n = len(ws)
    gap = [0] * n
    broken = [0] * n
    if mode is None:
        r = rng.random()
        mode = ("clean" if r < 0.25 else "one" if r < 0.55 else "replace" if r < 0.70 else "all-fi" if r < 0.80
                else "inword" if r < 0.90 else "glued")
    if mode == "one":
        cands = [i for i in range(n - 1) if ws[i] in TARGETS]
        if cands:
            fi = [i for i in cands if ws[i] == "في"]
            i = rng.choice(fi) if fi and rng.random() < 0.5 else rng.choice(cands)
            cls = TARGETS[ws[i]]
            _delete(ws, pres, i)
            del gap[i], broken[i]
            gap[i] = cls
    elif mode in ("replace", "all-fi"):
        i = 0
        while i < len(ws):
            w = ws[i]
            if w == "في":
                if i + 1 < len(ws):
                    _delete(ws, pres, i)
                    del gap[i], broken[i]
                    gap[i] = 1
                    continue
            elif mode == "replace" and "في" in w:
                rest = w.replace("في", "")
                ws[i] = rest
                if rest in ("و", "ف") and i + 1 < len(ws):
                    gap[i + 1] = 1
                else:
                    broken[i] = 1
            i += 1
    elif mode == "inword":
        cands = [i for i in range(n) if "في" in ws[i] and ws[i] != "في"]
        if cands:
            i = rng.choice(cands)
            w = ws[i]
            ks = [k for k in range(len(w) - 1) if w.startswith("في", k)]
            k = rng.choice(ks)
            ws[i] = w[:k] + w[k + 2:]
            if ws[i] in ("و", "ف") and i + 1 < n:
                gap[i + 1] = 1
            elif ws[i]:
                broken[i] = 1
            else:
                ws[i] = w  # cannot happen: w != "في"
    elif mode == "glued":
        cands = [i for i in range(n) if (ws[i].startswith("بال") or ws[i].startswith("لل")) and len(ws[i]) > 4]
        if cands:
            i = rng.choice(cands)
            w = ws[i]
            ws[i] = w[1:] if w.startswith("بال") else "ال" + w[2:]
            gap[i] = gm.GLUED["ب"] if w.startswith("بال") else gm.GLUED["ل"]
    return ws, pres, gap, broken


# ------------------------------------------------------------------ model

def build_net(n_vocab: int, buckets: int, h: int = 64, din: int = 96, dropout: float = 0.15):
    import torch
    from torch import nn

    class GapNet(nn.Module):
        def __init__(self):
            super().__init__()
            self.word = nn.Embedding(n_vocab, 64, padding_idx=0)
            self.sub = nn.Embedding(buckets, 64)
            self.pre = nn.Embedding(gm.N_PRE, 8)
            self.proj = nn.Linear(64 + 64 + 8 + gm.N_SCALARS + gm.N_GAPF, din)
            self.drop = nn.Dropout(dropout)
            self.rnn = nn.LSTM(din, h, batch_first=True, bidirectional=True)
            self.gap = nn.Sequential(nn.Linear(2 * h + 8 + gm.N_GAPF, 64), nn.ReLU(), nn.Linear(64, len(gm.CLASSES)))
            self.broken = nn.Sequential(nn.Linear(2 * h, 32), nn.ReLU(), nn.Linear(32, 1))
            self.h = h

        def logits(self, word, sub, pre, scal, gapf):
            pe = self.pre(pre)
            x = torch.cat([self.word(word), self.sub(sub).sum(2), pe, scal, gapf], -1)
            x = self.drop(torch.relu(self.proj(x)))
            y, _ = self.rnn(x)
            fwd, bwd = y[..., :self.h], y[..., self.h:]
            fwd_prev = torch.cat([torch.zeros_like(fwd[:, :1]), fwd[:, :-1]], 1)
            g = self.gap(torch.cat([fwd_prev, bwd, pe, gapf], -1))
            b = self.broken(self.drop(y)).squeeze(-1)
            return g, b

        def forward(self, word, sub, pre, scal, gapf):
            g, b = self.logits(word, sub, pre, scal, gapf)
            return torch.softmax(g, -1), torch.sigmoid(b)

    return GapNet()


class Counts:
    """The count tables for gap features while training.  The counts of the article's
    whole *story group* (every article of its ISO week, where its copies on other
    outlets are) are taken off, so a gap looks as it would in copy the tables never
    saw; taking off the article alone leaves its near-copies in, and the model learns
    to trust counts that unseen copy does not have."""

    def __init__(self, tables: dict | None):
        self.tables = tables  # None: no tables (dev loss before they exist)

    def own(self, arts, loo: bool) -> Counter:
        if not (loo and self.tables):
            return Counter()
        c = Counter()
        for a in arts:
            c.update(article_keys(a["segments"], ids_of))
        return c

    def features(self, ws, own: Counter) -> list[list[float]]:
        n = len(ws)
        zero = [0.0] * gm.N_GAPF
        out = [zero]
        if not self.tables:
            return [zero] * n
        ids = [ids_of(w) for w in ws]
        T = self.tables
        for i in range(1, n):
            kw = gm.pair_key(ids[i - 1][0], ids[i][0])
            ks = gm.pair_key(ids[i - 1][1], ids[i][1])
            counts = []
            for t in gm.TABLES:
                k = ks if t in ("BS", "TS1") else kw
                counts.append(T[t].get(k, 0) - own.get((t, k), 0))
            out.append(gm.gap_feature_row(counts))
        return out


def batches(arts, feats, rng, size, counts: Counts, loo: bool, damage_fn=damage, word_dropout=0.0):
    """Batches of damaged segments, as tensors.  Articles are taken by story group (ISO
    week) in a shuffled order, three groups at a time.  A batch holds segments of one
    length *after* the damage, so nothing is padded: with padding, a damaged segment
    (one word shorter than its neighbours) would carry a pad its clean neighbours do not,
    and the backward LSTM learns to read the pad instead of the sentence."""
    import numpy as np
    import torch

    groups: dict = {}
    for a in arts:
        groups.setdefault(a.get("week", a["id"]), []).append(a)
    keys = sorted(groups)
    rng.shuffle(keys)
    for k in range(0, len(keys), 3):
        by_len: dict = {}
        for g in keys[k:k + 3]:
            own = counts.own(groups[g], loo)
            for a in groups[g]:
                for s in a["segments"]:
                    if len(s) >= 3:
                        d = damage_fn(s, rng)
                        by_len.setdefault(len(d[0]), []).append((d, own))
        bs = []
        for n in sorted(by_len):
            items = by_len[n]
            rng.shuffle(items)
            bs.extend(items[j:j + size] for j in range(0, len(items), size))
        rng.shuffle(bs)
        for bitems in bs:
            yield make_batch(bitems, feats, rng, counts, word_dropout, np, torch)


def make_batch(dam, feats, rng, counts, word_dropout, np, torch):
    """Tensors of a batch of damaged segments ((words, pres, gap labels, broken labels), own counts)."""
    t = max(len(d[0][0]) for d in dam)
    b = len(dam)
    word = np.zeros((b, t), dtype=np.int64)
    sub = np.zeros((b, t, gm.N_SUB), dtype=np.int64)
    pre = np.zeros((b, t), dtype=np.int64)
    scal = np.zeros((b, t, gm.N_SCALARS), dtype=np.float32)
    gapf = np.zeros((b, t, gm.N_GAPF), dtype=np.float32)
    ygap = np.full((b, t), -100, dtype=np.int64)
    ybr = np.zeros((b, t), dtype=np.float32)
    mask = np.zeros((b, t), dtype=np.float32)
    for r, ((ws, pres, gap, br), own) in enumerate(dam):
        n = len(ws)
        for c, w in enumerate(ws):
            wid, subs, sc = feats.row(w)
            if word_dropout and rng.random() < word_dropout:
                wid = 1
            word[r, c] = wid
            sub[r, c] = subs
            scal[r, c] = sc
            pre[r, c] = 3 if c == 0 else gm.pre_class(pres[c])
        gapf[r, :n] = counts.features(ws, own)
        ygap[r, :n] = gap
        ybr[r, :n] = br
        mask[r, :n] = 1
    return tuple(torch.from_numpy(a) for a in (word, sub, pre, scal, gapf, ygap, ybr, mask))


def damage_priors(arts, seed: int, n_articles: int = 3000) -> dict:
    """The share of tokens of each class under the training damage (the prior the
    model's probabilities are calibrated to), from a sample of articles."""
    rng = random.Random(seed + 2)
    tot = 0
    cls = Counter()
    brk = 0
    for a in arts[:n_articles]:
        for seg in a["segments"]:
            if len(seg) < 3:
                continue
            ws, pres, gap, br = damage(seg, rng)
            tot += len(ws)
            cls.update(g for g in gap if g)
            brk += sum(br)
    return {"gap": {gm.CLASSES[c]: round(cls[c] / tot, 6) for c in range(1, len(gm.CLASSES))},
            "broken": round(brk / tot, 6), "inword_fi": inword_share(arts)}


def inword_share(arts) -> float:
    """The share of the train part's Arabic words that hold «في» inside them (not the word
    «في» itself): how many words a search-and-replace of «في» breaks (run time:
    gapmodel.lost_evidence)."""
    n = k = 0
    for a in arts:
        for seg in a["segments"]:
            for w, _ in seg:
                if gm.is_arabic_word(w):
                    n += 1
                    k += w != "في" and "في" in w
    return round(k / max(n, 1), 6)


def write_meta(info: dict, out: str):
    """factcheck/models/ar_gap.json: what the run-time needs to know of the training."""
    meta = {"model": Path(out).name, "classes": list(gm.CLASSES), "priors": info["priors"],
            "seed": info["seed"], "epochs": info["epochs"], "best_epoch": info["best_epoch"], "hidden": info["hidden"],
            "train_articles": info["train_articles"], "train_seconds": info["train_seconds"]}
    Path(out).with_suffix(".json").write_text(json.dumps(meta, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")


def train(args):
    import torch
    from torch import nn

    torch.manual_seed(args.seed)
    torch.set_num_threads(args.threads)
    rng = random.Random(args.seed)
    feats = gm.load_features(str(features_path(args)))
    arts = train_half(load_part("train"), args)
    if args.max_articles:
        arts = arts[:args.max_articles]
    dev = load_part("dev")[:args.dev_articles]
    with open(counts_pkl(args), "rb") as f:
        counts = Counts(pickle.load(f))
    net = build_net(feats.n_vocab, feats.buckets, h=args.hidden, dropout=args.dropout)
    opt = torch.optim.Adam(net.parameters(), lr=args.lr)
    ce = nn.CrossEntropyLoss(ignore_index=-100, reduction="sum")
    bce = nn.BCEWithLogitsLoss(reduction="none")
    n_segs = sum(1 for a in arts for s in a["segments"] if len(s) >= 3)
    total = n_segs * args.epochs  # the learning rate follows the segments seen: 5 % warm-up, then a cosine to 0
    seen = 0

    def set_lr():
        f = seen / total
        lr = args.lr * (f / 0.05 if f < 0.05 else 0.5 * (1 + math.cos(math.pi * min(1.0, (f - 0.05) / 0.95))))
        for g in opt.param_groups:
            g["lr"] = lr

    t0 = time.time()
    log = []
    step = 0
    for epoch in range(args.epochs):
        net.train()
        run_loss, run_tok = 0.0, 0
        for word, sub, pre, scal, gapf, ygap, ybr, mask in batches(arts, feats, rng, args.batch, counts, True,
                                                                    word_dropout=0.05):
            set_lr()
            g, b = net.logits(word, sub, pre, scal, gapf)
            ntok = mask.sum()
            loss = (ce(g.reshape(-1, g.shape[-1]), ygap.reshape(-1)) + (bce(b, ybr) * mask).sum()) / ntok
            opt.zero_grad()
            loss.backward()
            nn.utils.clip_grad_norm_(net.parameters(), 1.0)
            opt.step()
            seen += word.shape[0]
            step += 1
            run_loss += loss.item() * ntok.item()
            run_tok += ntok.item()
            if step % 500 == 0:
                print(f"epoch {epoch + 1} step {step} ({seen / total:.0%}) loss {run_loss / run_tok:.4f} "
                      f"{time.time() - t0:.0f} s", flush=True)
                run_loss, run_tok = 0.0, 0
        m = dev_loss(net, dev, feats, counts, args.seed)
        m.update(epoch=epoch + 1, seconds=round(time.time() - t0))
        log.append(m)
        print("dev", json.dumps(m), flush=True)
        # the epoch with the lowest dev loss is the model; every epoch is kept beside it
        export(net, str(Path(args.out).with_suffix(f".epoch{epoch + 1}.onnx")))
        if m["dev_ce"] <= min(x["dev_ce"] for x in log):
            export(net, args.out)
            import torch as _t

            _t.save(net.state_dict(), str(Path(args.out).with_suffix(".pt")))
    best = min(log, key=lambda x: x["dev_ce"])["epoch"]
    info = {"seed": args.seed, "epochs": args.epochs, "best_epoch": best, "batch": args.batch, "lr": args.lr,
            "hidden": args.hidden, "dropout": args.dropout,
            "threads": args.threads, "train_articles": len(arts), "train_seconds": round(time.time() - t0),
            "log": log, "priors": damage_priors(arts, args.seed)}
    Path(args.out).with_suffix(".train.json").write_text(json.dumps(info, indent=1) + "\n")
    write_meta(info, args.out)
    print(f"trained in {time.time() - t0:.0f} s -> {args.out}")


def dev_loss(net, dev, feats, counts, seed):
    """Token-level dev metrics on damaged dev segments (a quick check while training;
    the real figures come from scripts/eval_gap_model.py)."""
    import torch

    net.eval()
    rng = random.Random(seed + 1)
    tot = hit = pos = 0
    loss_sum = 0.0
    ce = torch.nn.CrossEntropyLoss(ignore_index=-100, reduction="sum")
    with torch.no_grad():
        for word, sub, pre, scal, gapf, ygap, ybr, mask in batches(dev, feats, rng, 128, counts, False):
            g, b = net.logits(word, sub, pre, scal, gapf)
            loss_sum += ce(g.reshape(-1, g.shape[-1]), ygap.reshape(-1)).item()
            tot += mask.sum().item()
            p = torch.softmax(g, -1)
            y = ygap
            is_pos = (y > 0)
            pos += is_pos.sum().item()
            hit += ((p.argmax(-1) == y) & is_pos).sum().item()
    net.train()
    return {"dev_ce": round(loss_sum / tot, 5), "dev_pos_recall_argmax": round(hit / max(pos, 1), 4)}


def export(net, out, flatten: bool = True):
    """The network as ONNX with a `sequence_lens` input, rewritten for the run-time
    (`flatten_graph`) unless `flatten` is False."""
    import torch

    net.eval()
    b, t = 2, 7
    dummy = (torch.zeros((b, t), dtype=torch.long), torch.zeros((b, t, gm.N_SUB), dtype=torch.long),
             torch.zeros((b, t), dtype=torch.long), torch.zeros((b, t, gm.N_SCALARS)), torch.zeros((b, t, gm.N_GAPF)))
    names = ["word", "sub", "pre", "scal", "gapf"]
    torch.onnx.export(net, dummy, out, input_names=names, output_names=["gap", "broken"],
                      dynamic_axes={k: {0: "batch", 1: "len"} for k in names + ["gap", "broken"]},
                      opset_version=17, dynamo=False)
    add_sequence_lens(out)
    if flatten:
        flatten_graph(out)
    net.train()


def add_sequence_lens(path):
    """Give the exported LSTM its `sequence_lens` input (an int32 graph input `lens`, one
    length a batch row), so the run-time can batch sentences of different lengths: the
    LSTM stops at each row's length (the backward direction starts there), so the padding
    is never read and the scores equal those of the sentence alone."""
    import onnx
    from onnx import TensorProto, helper

    m = onnx.load(path)
    (lstm,) = [n for n in m.graph.node if n.op_type == "LSTM"]
    if "lens" in [i.name for i in m.graph.input]:
        return
    while len(lstm.input) < 5:
        lstm.input.append("")
    lstm.input[4] = "lens"
    m.graph.input.append(helper.make_tensor_value_info("lens", TensorProto.INT32, ["batch"]))
    onnx.checker.check_model(m)
    onnx.save(m, path)


LSTM_BLOCKS = 4  # batches of sentences a run of the network (flatten_graph)


def flatten_graph(path, out=None, blocks: int = LSTM_BLOCKS):
    """Rewrite the exported graph (`add_sequence_lens`) into the form the run-time feeds
    (`gapmodel.GapModel.score`): the same weights and the same arithmetic, but every layer
    but the LSTM runs on the N words of a run laid end to end, not on a [batch, longest]
    grid, so no padding is embedded, projected or scored; the LSTM alone sees grids, and
    one run holds `blocks` of them (batches of sentences of similar length: the LSTM
    computes every step of a grid's longest sentence for all its sentences), each its own
    LSTM node with the same weights, so that an article is mostly one run.

    Inputs: `e` [N, 128] (a word's embedding and the sum of its sub-word embeddings: the
    graph's own output `e_new` for the word, computed once a word from `new_word` [M] and
    `new_sub` [M, 6]; M is 0 in a run that scores), `pre` [N], `scal` [N, 6], `gapf` [N, 9]
    (the words of the run's sentences one after the other; `pre` 3 and `gapf` 0 at a
    sentence's first word); for each block k, `at{k}` [T, B] (the word at step t of sentence
    b, or N: a zero row) and `lens{k}` [B]; `gi` [N, 2] and `yi` [N, 2], rows of the LSTM states of all
    blocks stacked (block k's output [T, 2, B, H] as rows, (2t + direction) * B + b, after
    those of the blocks before it; a zero row last): for each word, the forward state before
    it (the zero row at a sentence's first word) and the backward state at it; both states
    at it. Outputs `gap` [N, 9], `broken` [N, 1] and `e_new` [M, 128]. A graph already in
    this form is left alone."""
    import numpy as np
    import onnx
    from onnx import TensorProto, helper, numpy_helper

    m = onnx.load(path)
    g = m.graph
    if any(i.name.startswith("at") for i in g.input):
        return
    init = {t.name: numpy_helper.to_array(t) for t in g.initializer}
    (lstm,) = [n for n in g.node if n.op_type == "LSTM"]
    # each linear layer: its MatMul weight, named by the bias the Add after it adds
    layer = {}
    for n in g.node:
        if n.op_type == "MatMul" and n.input[1] in init:
            (add,) = [a for a in g.node if a.op_type == "Add" and n.output[0] in a.input]
            bias = [x for x in add.input if x in init][0]
            layer[bias[:-len(".bias")]] = (init[n.input[1]], init[bias])
    assert sorted(layer) == ["broken.0", "broken.2", "gap.0", "gap.2", "proj"], sorted(layer)
    h = int(init[lstm.input[2]].shape[2])
    consts = {"zero_x": np.zeros((1, layer["proj"][0].shape[1]), np.float32), "zero_h": np.zeros((1, h), np.float32),
              "axis1": np.array([1], np.int64), "flat_h": np.array([-1, h], np.int64),
              "flat_y": np.array([-1, 2 * h], np.int64)}
    weights = {"word.weight": init["word.weight"], "sub.weight": init["sub.weight"], "pre.weight": init["pre.weight"],
               "lstm.W": init[lstm.input[1]], "lstm.R": init[lstm.input[2]], "lstm.B": init[lstm.input[3]]}
    for k, (w, b) in layer.items():
        weights[k + ".weight"], weights[k + ".bias"] = w, b
    N = helper.make_node
    nodes = [
        # the word part of a row, for words new to the run-time's table (`GapModel._embed`)
        N("Gather", ["word.weight", "new_word"], ["we"]),
        N("Gather", ["sub.weight", "new_sub"], ["se6"]),
        N("ReduceSum", ["se6", "axis1"], ["se"], keepdims=0),
        N("Concat", ["we", "se"], ["e_new"], axis=-1),
        N("Gather", ["pre.weight", "pre"], ["pe"]),
        N("Concat", ["e", "pe", "scal", "gapf"], ["xin"], axis=-1),
        N("MatMul", ["xin", "proj.weight"], ["xm"]),
        N("Add", ["proj.bias", "xm"], ["xa"]),
        N("Relu", ["xa"], ["x"]),
        N("Concat", ["x", "zero_x"], ["xz"], axis=0),
    ]
    for k in range(blocks):
        nodes += [
            N("Gather", ["xz", f"at{k}"], [f"grid{k}"]),
            N("LSTM", [f"grid{k}", "lstm.W", "lstm.R", "lstm.B", f"lens{k}"], [f"y{k}"], direction="bidirectional",
              hidden_size=h),
            N("Reshape", [f"y{k}", "flat_h"], [f"yf{k}"]),  # [T, 2, B, H] as rows: (2t + direction) * B + b
        ]
    nodes += [
        N("Concat", [f"yf{k}" for k in range(blocks)] + ["zero_h"], ["yz"], axis=0),
        N("Gather", ["yz", "gi"], ["gs"]),
        N("Reshape", ["gs", "flat_y"], ["gst"]),
        N("Concat", ["gst", "pe", "gapf"], ["gin"], axis=-1),
        N("MatMul", ["gin", "gap.0.weight"], ["g0m"]),
        N("Add", ["gap.0.bias", "g0m"], ["g0a"]),
        N("Relu", ["g0a"], ["g0"]),
        N("MatMul", ["g0", "gap.2.weight"], ["g2m"]),
        N("Add", ["gap.2.bias", "g2m"], ["g2"]),
        N("Softmax", ["g2"], ["gap"], axis=-1),
        N("Gather", ["yz", "yi"], ["ys"]),
        N("Reshape", ["ys", "flat_y"], ["yst"]),
        N("MatMul", ["yst", "broken.0.weight"], ["b0m"]),
        N("Add", ["broken.0.bias", "b0m"], ["b0a"]),
        N("Relu", ["b0a"], ["b0"]),
        N("MatMul", ["b0", "broken.2.weight"], ["b2m"]),
        N("Add", ["broken.2.bias", "b2m"], ["b2"]),
        N("Sigmoid", ["b2"], ["broken"]),  # [N, 1]
    ]
    V = helper.make_tensor_value_info
    i64, f32 = TensorProto.INT64, TensorProto.FLOAT
    inputs = [V("new_word", i64, ["M"]), V("new_sub", i64, ["M", gm.N_SUB]),
              V("e", f32, ["N", 2 * init["word.weight"].shape[1]]), V("pre", i64, ["N"]),
              V("scal", f32, ["N", gm.N_SCALARS]), V("gapf", f32, ["N", gm.N_GAPF])]
    for k in range(blocks):
        inputs += [V(f"at{k}", i64, [f"T{k}", f"B{k}"]), V(f"lens{k}", TensorProto.INT32, [f"B{k}"])]
    inputs += [V("gi", i64, ["N", 2]), V("yi", i64, ["N", 2])]
    outputs = [V("gap", f32, ["N", len(gm.CLASSES)]), V("broken", f32, ["N", 1]),
               V("e_new", f32, ["M", 2 * init["word.weight"].shape[1]])]
    graph = helper.make_graph(nodes, "ar_gap_flat", inputs, outputs,
                              [numpy_helper.from_array(np.ascontiguousarray(a), k)
                               for k, a in {**weights, **consts}.items()])
    new = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 17)], producer_name="flatten_graph")
    new.ir_version = m.ir_version
    onnx.checker.check_model(new)
    onnx.save(new, out or path)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("cmd", choices=("prepare", "features", "train", "priors", "flatten", "all"))
    ap.add_argument("--seed", type=int, default=SEED)
    ap.add_argument("--epochs", type=int, default=8)
    ap.add_argument("--batch", type=int, default=64)
    ap.add_argument("--lr", type=float, default=3e-3)
    ap.add_argument("--hidden", type=int, default=64)
    ap.add_argument("--dropout", type=float, default=0.25)
    ap.add_argument("--threads", type=int, default=1)
    ap.add_argument("--max-articles", type=int, default=0, help="train on the first N train articles only")
    ap.add_argument("--dev-articles", type=int, default=300)
    ap.add_argument("--out", default=str(gm.MODEL_PATH))
    ap.add_argument("--half", choices=("A", "B"),
                    help="train on one half of the train part only (by story group, `half_of`): the network "
                         "whose probabilities on the other half teach the re-scorer")
    ap.add_argument("--tables-dir", help="write and read the vocabulary and count tables here, not in the package")
    args = ap.parse_args()
    if args.half and (not args.tables_dir or Path(args.out).resolve() == gm.MODEL_PATH.resolve()):
        # a half's network with the package's tables, or written over the shipped model, is a mistake
        ap.error("--half needs --tables-dir and an --out outside the package")
    if args.cmd in ("prepare", "all"):
        prepare(args)
    if args.cmd == "features":
        train_part = train_half(load_part("train"), args)
        build_features(train_part, args)
        build_ngrams(train_part, args)
    if args.cmd == "priors":
        print(json.dumps(damage_priors(load_part("train"), args.seed), ensure_ascii=False))
    if args.cmd in ("train", "all"):
        train(args)
    if args.cmd == "flatten":  # an export made before flatten_graph: rewrite it in place
        flatten_graph(args.out)


if __name__ == "__main__":
    main()
