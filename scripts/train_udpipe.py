#!/usr/bin/env python3
"""Train, evaluate and benchmark the shipped Arabic UDPipe 1 model.

The model is trained on UD Arabic-PUD (CC BY-SA 3.0), the only Arabic treebank
available offline here.  The treebank has 1,000 sentences; they are split
deterministically (fixed seed) into 80% train, 10% heldout (used by UDPipe for
early stopping of every component) and 10% test (never seen in training).

Training sentences are augmented: every training sentence gets a copy written
with the punctuation of real Arabic copy (``,`` -> ``،``, ``?`` -> ``؟``,
``;`` -> ``؛`` and paired ``"`` ... ``"`` -> ``«`` ... ``»``), so that the
tokenizer and sentence splitter learn the Arabic marks too.

Usage (from the repository root)::

    python scripts/train_udpipe.py                 # train + evaluate + benchmark
    python scripts/train_udpipe.py --eval-only     # evaluate/benchmark the existing model

Outputs: ``factcheck/models/ar_pud.udpipe`` (the model),
``factcheck/models/ar_pud.json`` (options, seed, split sizes, figures) and
``docs/model.md`` (the figures, the command and the license note).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import re
import shlex
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_TREEBANK = ROOT.parent / "shared" / "ud" / "UD_Arabic-PUD" / "ar_pud-ud-test.conllu"
DEFAULT_CORPUS = ROOT.parent / "shared" / "corpus" / "ar"
DEFAULT_MODEL = ROOT / "factcheck" / "models" / "ar_pud.udpipe"
DEFAULT_META = ROOT / "factcheck" / "models" / "ar_pud.json"
DEFAULT_DOC = ROOT / "docs" / "model.md"

SEED = 20240917

# Every UDPipe option is spelled out (defaults included) so that the JSON
# records exactly what was trained.  Iterations are kept modest so that the
# whole training stays well under 20 minutes on 2 cores.
TOKENIZER_OPTIONS = {
    "tokenize_url": 1,
    "allow_spaces": 0,
    "dimension": 24,
    "segment_size": 50,
    "epochs": 40,
    "batch_size": 50,
    "learning_rate": 0.005,
    "learning_rate_final": 0.0,
    "dropout": 0.1,
    "early_stopping": 1,
}
# One MorphoDiTa model, no lemmas.  UDPipe's default adds a second
# model that lemmatizes; on the heldout set a single joint model (tags and lemmas,
# models=1 with lemmas) reached only ~65% full-tag accuracy against ~73% for this one.
# Nothing in factcheck reads a lemma (the rules read UPOS, heads and relations),
# and the lemmatizer was 24 of the 59 MB that UDPipe decompresses when it loads the
# model: without it the model loads in about 0.45 s instead of 0.65 s, and this tagger,
# the tokenizer and the parser are byte for byte those of the model that had it.
# UPOS only (since 2026-12-05): nothing in factcheck reads XPOS or Feats, and the tagger's
# weights for the full tags (UPOS|XPOS|Feats, hundreds of combinations) were a 24 MB block that
# UDPipe decompresses on every load.  Without them the model loads in about 0.2 s instead of
# 0.28-0.32 s, and UPOS is more accurate (88.7 against 86.6 on raw text; the parser, without
# its Feats embedding below, scores the same LAS: 65.3 against 65.1).  The smaller feature set
# ("templates_1": "lemmatizer") was tried too: 0.02 s less to load, for UPOS 87.7 and LAS 64.5.
TAGGER_OPTIONS = {
    "models": 1,
    "templates_1": "tagger",
    "use_lemma_1": 0,
    "provide_lemma_1": 0,
    "use_xpostag_1": 0,
    "provide_xpostag_1": 0,
    "use_feats_1": 0,
    "provide_feats_1": 0,
    "guesser_prefixes_max_1": 0,
    "dictionary_max_form_analyses": 0,
    # keep only the features seen on gold tag sequences (MorphoDiTa's option): the tagger's
    # block is 17.7 MB decompressed instead of 19.3, and loads ~0.02 s sooner (2026-12-05)
    "prune_features_1": 1,
    "iterations": 8,
    "early_stopping": 1,
}
# The parser's weights are rounded after training to PARSER_MANTISSA_BITS bits of mantissa
# (`compact_parser`): float32 carries 23, and the 12 low bits left at zero let LZMA, which
# UDPipe decompresses on every load, code the block in 0.79 MB instead of 1.44 MB and
# decompress it in about half the time.
PARSER_MANTISSA_BITS = 11

# hidden_layer=100 (default 200) halves parsing time, which is what limits
# throughput on real copy (with 200 the parser alone ran at ~2,600 words/s).
PARSER_OPTIONS = {
    "transition_system": "projective",
    "transition_oracle": "dynamic",
    "structured_interval": 8,
    "single_root": 1,
    "use_gold_tags": 0,
    "embedding_upostag": 20,
    "embedding_feats": 0,  # the tagger provides no Feats
    "embedding_xpostag": 0,
    "embedding_form": 50,
    "embedding_lemma": 0,
    "embedding_deprel": 20,
    "embedding_form_mincount": 2,
    "embedding_lemma_mincount": 2,
    "iterations": 10,
    "hidden_layer": 100,
    "batch_size": 10,
    "learning_rate": 0.02,
    "learning_rate_final": 0.001,
    "l2": 0.5,
    "early_stopping": 1,
}

LATIN_TO_ARABIC = {",": "،", "?": "؟", ";": "؛"}


# --------------------------------------------------------------------------- CoNLL-U helpers

class Block:
    """One CoNLL-U sentence: comment lines and token rows (lists of 10 columns)."""

    def __init__(self, text: str, index: int):
        self.index = index
        self.comments: list[str] = []
        self.rows: list[list[str]] = []
        for line in text.split("\n"):
            if not line:
                continue
            if line.startswith("#"):
                self.comments.append(line)
            else:
                cols = line.split("\t")
                if len(cols) != 10:
                    raise ValueError(f"bad CoNLL-U line in sentence {index}: {line!r}")
                self.rows.append(cols)

    def copy(self) -> "Block":
        new = Block("", self.index)
        new.comments = list(self.comments)
        new.rows = [list(r) for r in self.rows]
        return new

    @property
    def surface_rows(self) -> list[list[str]]:
        """Rows of surface tokens: multiword-token ranges and plain words not inside one."""
        out, skip_until = [], 0
        for r in self.rows:
            if "." in r[0]:
                continue
            if "-" in r[0]:
                a, b = (int(x) for x in r[0].split("-"))
                skip_until = b
                out.append(r)
                continue
            if int(r[0]) <= skip_until:
                continue
            out.append(r)
        return out

    def rebuild_text(self) -> str:
        parts = []
        for r in self.surface_rows:
            parts.append(r[1])
            if "SpaceAfter=No" not in r[9].split("|"):
                parts.append(" ")
        return "".join(parts).rstrip(" ")

    def set_comment(self, key: str, value: str | None) -> None:
        prefix = f"# {key} ="
        self.comments = [c for c in self.comments if not (c.startswith(prefix) or c == f"# {key}")]
        if value is not None:
            self.comments.append(f"{prefix} {value}")

    def strip_doc_par(self) -> None:
        """Drop newdoc/newpar marks: the split shuffles sentences across documents."""
        self.comments = [c for c in self.comments
                         if not (c.startswith("# newdoc") or c.startswith("# newpar"))]

    def to_conllu(self) -> str:
        return "\n".join(self.comments + ["\t".join(r) for r in self.rows]) + "\n\n"


def read_blocks(path: Path) -> list[Block]:
    text = path.read_text(encoding="utf-8").replace("\r\n", "\n")
    chunks = [c for c in re.split(r"\n\s*\n", text.strip()) if c.strip()]
    return [Block(c, i) for i, c in enumerate(chunks)]


def _has_space_after(row: list[str]) -> bool:
    return "SpaceAfter=No" not in row[9].split("|")


def arabize(block: Block) -> Block | None:
    """Copy of *block* with Arabic punctuation, or None when nothing changes.

    ``,`` ``?`` ``;`` tokens become ``،`` ``؟`` ``؛`` (FORM and LEMMA).  Straight
    double quotes are paired: an opening quote is one at the sentence start or
    after a space and glued to the next token, a closing quote is glued to the
    previous token; each opening/closing pair becomes « ».  An unpaired quote is
    left as it is.  Spacing (SpaceAfter) is unchanged, so the ``# text`` line
    is rebuilt from FORM + SpaceAfter and stays in sync.
    """
    new = block.copy()
    changed = False
    surface = new.surface_rows
    for r in surface:
        if r[1] in LATIN_TO_ARABIC:
            ar = LATIN_TO_ARABIC[r[1]]
            r[1] = ar
            if r[2] in LATIN_TO_ARABIC:
                r[2] = LATIN_TO_ARABIC[r[2]]
            changed = True
    # Pair straight quotes.  With an even number of quote tokens they simply
    # alternate (this also handles a quote glued to a clitic, as in و"تويتر").
    # With an odd number, spacing decides: an opening quote is at the start or
    # after a space and glued to the next token, a closing one is glued to the
    # previous token; whatever stays unpaired is left as it is.
    quotes = [i for i, r in enumerate(surface) if r[1] == '"']
    pairs: list[tuple[int, int]] = []
    if len(quotes) % 2 == 0:
        pairs = list(zip(quotes[0::2], quotes[1::2]))
    else:
        stack: list[int] = []
        for i in quotes:
            space_before = i == 0 or _has_space_after(surface[i - 1])
            space_after = _has_space_after(surface[i])
            if stack and not space_before:
                pairs.append((stack.pop(), i))
            elif space_before and not space_after:
                stack.append(i)
            elif stack:
                pairs.append((stack.pop(), i))
    for a, b in pairs:
        surface[a][1] = "«"
        surface[b][1] = "»"
        for idx, ch in ((a, "«"), (b, "»")):
            if surface[idx][2] == '"':
                surface[idx][2] = ch
        changed = True
    if not changed:
        return None
    new.set_comment("text", new.rebuild_text())
    new.set_comment("original_text", None)
    sent_id = next((c.split("=", 1)[1].strip() for c in new.comments if c.startswith("# sent_id")), None)
    if sent_id is not None:
        new.set_comment("sent_id", sent_id + "-arpunct")
    return new


def split_blocks(blocks: list[Block], seed: int) -> tuple[list[Block], list[Block], list[Block]]:
    order = list(range(len(blocks)))
    random.Random(seed).shuffle(order)
    n = len(blocks)
    n_train = int(round(n * 0.8))
    n_heldout = int(round(n * 0.1))
    train_ix = order[:n_train]
    heldout_ix = order[n_train:n_train + n_heldout]
    test_ix = order[n_train + n_heldout:]
    pick = lambda ix: [blocks[i] for i in sorted(ix)]  # noqa: E731 - keep treebank order inside a split
    return pick(train_ix), pick(heldout_ix), pick(test_ix)


def conllu_text(blocks: list[Block]) -> str:
    return "".join(b.to_conllu() for b in blocks)


def load_sentences(udpipe, text: str):
    """Parse CoNLL-U text into a ufal.udpipe.Sentences vector."""
    fmt = udpipe.InputFormat.newConlluInputFormat()
    fmt.setText(text)
    err = udpipe.ProcessingError()
    out = udpipe.Sentences()
    while True:
        s = udpipe.Sentence()
        if not fmt.nextSentence(s, err):
            break
        out.push_back(s)
    if err.occurred():
        raise RuntimeError(f"cannot read CoNLL-U: {err.message}")
    return out


def opts_string(opts: dict) -> str:
    return ";".join(f"{k}={v}" for k, v in opts.items())


# --------------------------------------------------------------------------- evaluation

_TAG_NAMES = {"upostag": "UPOS", "xpostag": "XPOS", "feats": "UFeats", "alltags": "AllTags",
              "lemmas": "Lemmas", "UAS": "UAS", "LAS": "LAS"}


def parse_evaluator(output: str) -> dict:
    """Turn UDPipe Evaluator text into a flat {metric: percent} dict.

    Lines look like ``Tokenizer words - system: 2003, gold: 2009, precision:
    97.45%, recall: 97.16%, f1: 97.31%`` and ``Tagging from plain text (CoNLL17
    F1 score) - gold forms: 2009, upostag: 86.44%, ...``.
    """
    result: dict[str, float] = {}
    for line in output.splitlines():
        head, sep, rest = line.partition(" - ")
        if not sep:
            continue
        fields = {}
        for part in rest.split(","):
            k, _, v = part.strip().partition(":")
            v = v.strip()
            if v.endswith("%"):
                fields[k.strip()] = float(v[:-1])
        m = re.match(r"Tokenizer (.+)$", head.strip())
        if m:
            name = m.group(1).replace(" ", "_")  # words, sentences, tokens, multiword_tokens
            for k in ("precision", "recall", "f1"):
                if k in fields:
                    result[f"{name}_{k}"] = fields[k]
            continue
        for k, v in fields.items():
            if k in _TAG_NAMES:
                result[_TAG_NAMES[k]] = v
    return result


def run_evaluator(udpipe, model, gold_text: str, tokenize: bool) -> tuple[str, dict]:
    ev = udpipe.Evaluator(model, udpipe.Evaluator.DEFAULT if tokenize else udpipe.Evaluator.NONE,
                          udpipe.Evaluator.DEFAULT, udpipe.Evaluator.DEFAULT)
    err = udpipe.ProcessingError()
    out = ev.evaluate(gold_text, err)
    if err.occurred():
        raise RuntimeError(f"evaluation failed: {err.message}")
    return out, parse_evaluator(out)


def corpus_texts(corpus: Path, max_chars: int) -> list[str]:
    files = sorted(corpus.glob("*/*.txt"))
    # Round-robin over sources so that every outlet family is in the sample.
    by_source: dict[str, list[Path]] = {}
    for f in files:
        by_source.setdefault(f.parent.name, []).append(f)
    queues = [by_source[k] for k in sorted(by_source)]
    texts, total, i = [], 0, 0
    while total < max_chars and any(queues):
        q = queues[i % len(queues)]
        i += 1
        if not q:
            continue
        t = q.pop(0).read_text(encoding="utf-8")
        texts.append(t)
        total += len(t)
    return texts


def benchmark_raw(udpipe, model, texts: list[str]) -> dict:
    """tokenize+tag+parse with the ufal.udpipe API only (ranges on)."""
    n_tokens = n_words = n_sent = 0
    t0, c0 = time.perf_counter(), time.process_time()
    tokenizer = model.newTokenizer(model.TOKENIZER_RANGES)
    err = udpipe.ProcessingError()
    for text in texts:
        tokenizer.setText(text)
        s = udpipe.Sentence()
        while tokenizer.nextSentence(s, err):
            model.tag(s, model.DEFAULT)
            model.parse(s, model.DEFAULT)
            n_words += len(s.words) - 1
            n_tokens += len(s.words) - 1 - sum(t.idLast - t.idFirst for t in s.multiwordTokens)
            n_sent += 1
            s = udpipe.Sentence()
    dt, dc = time.perf_counter() - t0, time.process_time() - c0
    return {"texts": len(texts), "chars": sum(map(len, texts)), "sentences": n_sent,
            "tokens": n_tokens, "words": n_words, "seconds": round(dt, 2), "cpu_seconds": round(dc, 2),
            "tokens_per_s": round(n_tokens / dt), "words_per_s": round(n_words / dt),
            "tokens_per_cpu_s": round(n_tokens / dc), "load_average": _loadavg()}


def benchmark_analyze(model_path: Path, texts: list[str]) -> dict:
    """Same work through factcheck.analysis (adds offsets and Python objects)."""
    sys.path.insert(0, str(ROOT))
    from factcheck.analysis import get_analyzer

    t0 = time.perf_counter()
    analyzer = get_analyzer("ar", str(model_path))
    load_s = time.perf_counter() - t0
    n = 0
    t0, c0 = time.perf_counter(), time.process_time()
    for text in texts:
        for sent in analyzer.analyze(text):
            n += len(sent.tokens)
    dt, dc = time.perf_counter() - t0, time.process_time() - c0
    return {"backend": analyzer.backend, "load_seconds": round(load_s, 2), "words": n,
            "seconds": round(dt, 2), "cpu_seconds": round(dc, 2), "words_per_s": round(n / dt),
            "words_per_cpu_s": round(n / dc), "load_average": _loadavg()}


# --------------------------------------------------------------------------- report

# ------------------------------------------------------------ compact parser weights
#
# A UDPipe 1 model ends with its parser: a block that utils::compressor::save wrote as
# uncompressed length, compressed length, a check (both lengths combined), 5 bytes of LZMA
# properties, then the raw LZMA stream.  Inside it (parsito parser_nn::save): the parser's
# name, version, labels, transition system, node and value descriptions, one embedding a
# value (dimension, dictionary, floats), then the network (activation, two float matrices).

def _block_check(u: int, c: int) -> int:
    return (u * 19991 + c * 199999991 + 1234567890) & 0xFFFFFFFF


def _last_block(data: bytes) -> int:
    """Offset of the compressed block that ends the model: the one place where the header's
    check holds and the stream it announces ends exactly at the end of the file."""
    import struct

    found = [i for i in range(len(data) - 17, -1, -1)
             if i + 17 + struct.unpack_from("<I", data, i + 4)[0] == len(data)
             and struct.unpack_from("<I", data, i + 8)[0] == _block_check(*struct.unpack_from("<II", data, i))]
    if len(found) != 1:
        raise ValueError(f"cannot find the parser block ({len(found)} candidates)")
    return found[0]


def _lzma_filters(props: bytes, dict_size: int | None = None) -> list[dict]:
    import lzma
    import struct

    d = props[0]
    return [{"id": lzma.FILTER_LZMA1, "lc": d % 9, "lp": (d // 9) % 5, "pb": d // 45,
             "dict_size": dict_size or struct.unpack("<I", props[1:5])[0]}]


def parser_float_spans(block: bytes) -> list[tuple[int, int]]:
    """(offset, count) of the float arrays in a decompressed parser block; raises ValueError
    when the block does not parse to its end."""
    import struct

    pos = 0

    def take(n: int) -> bytes:
        nonlocal pos
        if pos + n > len(block):
            raise ValueError("parser block ends early")
        pos += n
        return block[pos - n:pos]

    def u1() -> int:
        return take(1)[0]

    def u2() -> int:
        return struct.unpack("<H", take(2))[0]

    def u4() -> int:
        return struct.unpack("<I", take(4))[0]

    def skip_str() -> bytes:
        n = u1()
        return take(u4() if n == 255 else n)

    name = skip_str()
    version = u1() if name.endswith(b"versioned") else 1
    if version >= 2:
        u1()  # single_root
    for _ in range(u2()):
        skip_str()  # labels
    skip_str()  # transition system
    skip_str()  # nodes
    n_values = u2()
    for _ in range(n_values):
        skip_str()
    spans = []
    for _ in range(n_values):  # embeddings
        dim, words = u4(), u4()
        for _ in range(words):
            skip_str()
        count = dim * (words + (1 if u1() else 0))
        spans.append((pos, count))
        take(4 * count)
    u1()  # activation
    for _ in range(2):  # weights[0], weights[1]
        rows, cols = u4(), u4()
        spans.append((pos, rows * cols))
        take(4 * rows * cols)
    if pos != len(block):
        raise ValueError(f"parser block has {len(block) - pos} bytes after the network")
    return spans


def round_mantissa(block: bytes, spans, bits: int) -> bytes:
    """The block with each float of `spans` rounded to nearest at `bits` bits of mantissa."""
    import numpy as np

    out = bytearray(block)
    drop = 23 - bits
    for off, count in spans:
        x = np.frombuffer(block, dtype="<u4", count=count, offset=off).astype(np.uint64)
        x = (x + (1 << (drop - 1))) & ((0xFFFFFFFF >> drop) << drop)
        out[off:off + 4 * count] = x.astype("<u4").tobytes()
    return bytes(out)


def compact_parser(udpipe, data: bytes, bits: int = PARSER_MANTISSA_BITS) -> tuple[bytes, dict]:
    """The model with its parser's weights rounded (`round_mantissa`) and the block compressed
    again.  liblzma's raw LZMA1 encoder ends its stream with an end marker, which UDPipe's
    decoder, given the exact lengths, does not read: the stream is cut where ufal.udpipe loads
    the model, and the decoded block is checked against the rounded one."""
    import lzma
    import struct
    import tempfile

    i = _last_block(data)
    u, c = struct.unpack_from("<II", data, i)
    props = data[i + 12:i + 17]
    block = lzma.LZMADecompressor(lzma.FORMAT_RAW, filters=_lzma_filters(props)).decompress(
        data[i + 17:i + 17 + c], max_length=u)
    if len(block) != u:
        raise ValueError("cannot decompress the parser block")
    spans = parser_float_spans(block)
    rounded = round_mantissa(block, spans, bits)
    dict_size = 1 << 24
    enc = lzma.LZMACompressor(lzma.FORMAT_RAW, filters=[dict(_lzma_filters(props, dict_size)[0], preset=9)])
    stream = enc.compress(rounded) + enc.flush()
    new_props = props[:1] + struct.pack("<I", dict_size)
    with tempfile.TemporaryDirectory() as tmp:
        path = os.path.join(tmp, "model.udpipe")
        for cut in range(0, 17):
            s = stream[:len(stream) - cut]
            out = (data[:i] + struct.pack("<III", u, len(s), _block_check(u, len(s))) + new_props + s)
            Path(path).write_bytes(out)
            if udpipe.Model.load(path) is None:
                continue
            back = lzma.LZMADecompressor(lzma.FORMAT_RAW, filters=_lzma_filters(new_props)).decompress(s, max_length=u)
            if back != rounded:
                raise ValueError("the compacted parser block does not decode to the rounded one")
            floats = sum(n for _, n in spans)
            return out, {"mantissa_bits": bits, "floats": floats, "block_bytes": u,
                         "compressed_before": c, "compressed_after": len(s)}
    raise ValueError("no cut of the LZMA stream loads in ufal.udpipe")


def write_doc(path: Path, meta: dict) -> None:
    ev = meta["evaluation"]
    raw, gold, rawar = ev["raw_text"], ev["gold_tokenization"], ev["raw_text_arabic_punct"]
    sp, spa = meta["speed"]["ufal"], meta["speed"]["analysis"]

    def g(d, metric):
        return f"{d[metric]:.2f}" if metric in d else "n/a"

    lines = f"""# The shipped Arabic model (`factcheck/models/ar_pud.udpipe`)

A UDPipe 1 model (tokenizer, UPOS tagger, parser; no lemmatizer, no XPOS or Feats) trained on
**UD Arabic-PUD** by `scripts/train_udpipe.py`. It is loaded by
`factcheck.analysis` (see below). Everything here was produced by:

```
{meta["command"]}
```

Run it from the repository root, with `../shared/ud` and `../shared/corpus` present.
The numbers below are copied from `factcheck/models/ar_pud.json`, which the same
command writes.

## Data and split

- Treebank: UD Arabic-PUD, `ar_pud-ud-test.conllu` ({meta["split"]["total"]} sentences,
  {meta["split"]["total_words"]} words). PUD has no multiword tokens: clitics such as
  و ب ل and the pronoun suffixes are separate tokens glued to their host by
  `SpaceAfter=No`.
- Seed {meta["seed"]}, Python `random.Random(seed).shuffle` over sentence indices:
  train {meta["split"]["train"]}, heldout {meta["split"]["heldout"]} (UDPipe early stopping only),
  test {meta["split"]["test"]} (never seen in training).
- Augmentation: every training sentence that contains `,` `?` `;` or paired `"` also goes in
  as a copy with `،` `؟` `؛` and « » (FORM, LEMMA, `# text` rebuilt from FORM + SpaceAfter):
  {meta["split"]["augmented_train_copies"]} copies, so {meta["split"]["train_sentences_used"]} training
  sentences in all. The heldout set is augmented the same way
  ({meta["split"]["augmented_heldout_copies"]} copies) so that early stopping also sees Arabic marks.
  The test set is not augmented (a separately converted copy is evaluated below).
- Training time: {meta["training_seconds"]:.0f} s wall clock, {meta["training_cpu_seconds"]:.0f} s CPU
  (UDPipe trains on one thread) on a {meta["machine"]["cpus"]}-core machine shared with other jobs
  (load average at the end: {meta["training_load_average"]}); Python {meta["machine"]["python"]} with
  ufal.udpipe {meta["machine"]["ufal_udpipe"]}.
- Model size: {meta["model_bytes"] / 1e6:.2f} MB.

All UDPipe options (defaults spelled out) are in `ar_pud.json` under `options`.

## Accuracy on the {meta["split"]["test"]} held-out test sentences

Measured with UDPipe's own `Evaluator` (the CoNLL 2017 shared-task word alignment).

| setting | words F1 | sentences F1 | UPOS | XPOS | UFeats | UAS | LAS |
|---|---|---|---|---|---|---|---|
| raw text (tokenize+tag+parse) | {g(raw, "words_f1")} | {g(raw, "sentences_f1")} | {g(raw, "UPOS")} | {g(raw, "XPOS")} | {g(raw, "UFeats")} | {g(raw, "UAS")} | {g(raw, "LAS")} |
| raw text, test converted to Arabic punctuation | {g(rawar, "words_f1")} | {g(rawar, "sentences_f1")} | {g(rawar, "UPOS")} | {g(rawar, "XPOS")} | {g(rawar, "UFeats")} | {g(rawar, "UAS")} | {g(rawar, "LAS")} |
| gold tokenization (tag+parse) | – | – | {g(gold, "UPOS")} | {g(gold, "XPOS")} | {g(gold, "UFeats")} | {g(gold, "UAS")} | {g(gold, "LAS")} |

The model predicts UPOS only: no lemmas (every LEMMA is `_`), no XPOS, no Feats (the XPOS and
UFeats columns score what is left: nothing, and the words whose gold has no features). Nothing in
factcheck reads them, and their weights made loading slower: the lemmatizer that UDPipe trains
by default was 24 of the 59 MB UDPipe decompressed on load (removed 2026-12-04; the lemmas scored
72.41, 72.48 and 74.27 on the three settings), and the tagger's weights for the full tags
(UPOS|XPOS|Feats, hundreds of combinations) were a 24 MB block of the 35 MB left (removed
2026-12-05; the model is now 2.8 MB instead of 4.3). The model before had, on the three settings,
UPOS 86.57 / 86.44 / 89.00, XPOS 87.42 / 87.39 / 89.95, UFeats 72.02 / 72.08 / 74.12, UAS 73.36 /
72.98 / 76.85 and LAS 65.14 / 64.71 / 67.84: a tagger of UPOS alone is more accurate on UPOS, and
the parser, without its Feats embedding, scores the same LAS. Its tokenizer is byte for byte the
same (the same options and seed).

Two changes for load time (2026-12-05, later the same day), both with the same options and seed
otherwise: the tagger keeps only the features seen on gold tag sequences (`prune_features_1`), and
the parser's weights are rounded to 11 bits of mantissa after training (`compact_parser`; the
model is 1.7 MB instead of 2.8). The model before them had, on the three settings, UPOS 88.66 /
88.68 / 91.29, UAS 72.76 / 72.53 / 77.40 and LAS 65.29 / 64.96 / 69.64: UPOS lost half a point, the
parser gained about one (the 100 test sentences make either difference noise). The rounding alone
changed 1 of 9,490 token lines of the parse of 40 corpus articles (the pruned model before and after
rounding, compared line by line); rounding to 7 bits instead changed 87.

"Words F1" is UDPipe's tokenizer score on words (PUD has no multiword tokens, so
tokens and words are the same thing here); tokenization F1 = {g(raw, "words_f1")}.
On raw text the tagging and parsing figures are F1 over aligned words, so they include
tokenization errors. With gold tokenization they are plain accuracies. The test set is
100 sentences (about {meta["split"]["test_words"]} words), so a difference of about one point is noise.
PUD is small and is translated text, so expect lower accuracy on real copy.

## Speed on real copy

Single thread, tokenize+tag+parse, {sp["texts"]} articles from `../shared/corpus/ar`
(round-robin over sources, {sp["chars"]} characters, {sp["tokens"]} tokens). The machine is
shared, so throughput is given per wall-clock second and per CPU second of the process
(load average during the run: {sp["load_average"]}):

| path | tokens/s (wall) | tokens/s (CPU) |
|---|---|---|
| `ufal.udpipe` API only (tokenizer with `ranges`) | {sp["tokens_per_s"]} | {sp["tokens_per_cpu_s"]} |
| `factcheck.analysis` `analyze()` (backend `{spa["backend"]}`, offsets and Python objects included) | {spa["words_per_s"]} | {spa["words_per_cpu_s"]} |

(PUD has no multiword tokens, so tokens = words here.) Loading the model through
`get_analyzer("ar")` took {spa["load_seconds"]} s (backend `{spa["backend"]}`: with `ufal` spaCy is
not imported). Alternated in one process (7 rounds, medians), `Model.load` took 0.133 s against
0.194 s for the model before the pruning and the rounding (which itself loaded in 0.19-0.21 s against
0.27-0.32 s for the model with XPOS and Feats); and `factcheck check` of one Arabic article with the
parsing rule named, from a cold start, 0.61 s against 0.69 s (9 alternated runs each, with proselint
alternated too: 0.13 s; `docs/benchmarks.md` has the bench's figure). `ufal.udpipe` holds the GIL
while it loads, so the load cannot be overlapped with other work in a thread. Almost all of it is
the LZMA decompression of the model's parts: the tagger's 17.7 MB block (mostly the empty slots of
its hash tables: it compresses to 0.6 MB) about 0.06 s, the parser's weights about 0.03 s since the
rounding (0.07 s before: floats with 23 bits of mantissa barely compress).

Throughput moves with the load on the shared machine: the model with XPOS and Feats gave about
2,800-3,400 tokens/s on the day it was trained; this one gave 5,900-6,200 in two runs on
2026-12-05 (not alternated with the other): a tagger of 17 tags instead of hundreds is cheaper.
Tokenizing is cheap.

## Known limitations (seen on real copy)

- The tokenizer learned clitic splitting from 800 sentences, so it sometimes splits a
  name it has never seen that begins with a clitic-like letter: «لبنان» → ل + بنان,
  «بغداد» → ب + غداد (in a check of 44 frequent news words and place names, these two were the only
  ones split). Offsets stay
  exact; only the analysis of that word is wrong. A test documents this (xfail).
- PUD has only Western digits: the Arabic decimal separator is split off
  («١٢٫٥» → ١٢ + ٫ + ٥). Offsets are still exact.
- There are no lemmas, XPOS or Feats; rules rely on UPOS and the dependency structure.

## License

The model is derived from UD Arabic-PUD (Universal Dependencies, CoNLL 2017 shared task
PUD treebanks), which is licensed **CC BY-SA 3.0**
(https://creativecommons.org/licenses/by-sa/3.0/). The model is an adaptation of that
data and is shared under the same terms (CC BY-SA 3.0); see `factcheck/models/README.md`.
The project code is MIT. No news corpus text is included in the model.
"""
    path.write_text(lines, encoding="utf-8")


# --------------------------------------------------------------------------- main

def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--treebank", type=Path, default=DEFAULT_TREEBANK)
    ap.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    ap.add_argument("--model", type=Path, default=DEFAULT_MODEL)
    ap.add_argument("--meta", type=Path, default=DEFAULT_META)
    ap.add_argument("--doc", type=Path, default=DEFAULT_DOC)
    ap.add_argument("--seed", type=int, default=SEED)
    ap.add_argument("--speed-chars", type=int, default=400_000,
                    help="characters of real copy for the speed figure")
    ap.add_argument("--eval-only", action="store_true", help="do not train; evaluate --model")
    ap.add_argument("--dump-splits", type=Path, default=None,
                    help="also write train/heldout/test CoNLL-U files into this folder")
    args = ap.parse_args(argv)

    import ufal.udpipe as udpipe

    random.seed(args.seed)
    blocks = read_blocks(args.treebank)
    for b in blocks:
        b.strip_doc_par()
    train, heldout, test = split_blocks(blocks, args.seed)
    train_aug = [c for c in (arabize(b) for b in train) if c is not None]
    heldout_aug = [c for c in (arabize(b) for b in heldout) if c is not None]
    test_ar = [c if c is not None else b for b, c in ((b, arabize(b)) for b in test)]
    assert not ({b.index for b in train} & {b.index for b in test})
    assert not ({b.index for b in heldout} & {b.index for b in test})

    train_text = conllu_text(train + train_aug)
    heldout_text = conllu_text(heldout + heldout_aug)
    test_text = conllu_text(test)
    test_ar_text = conllu_text(test_ar)
    if args.dump_splits:
        args.dump_splits.mkdir(parents=True, exist_ok=True)
        for name, t in (("train", train_text), ("heldout", heldout_text),
                        ("test", test_text), ("test-arpunct", test_ar_text)):
            (args.dump_splits / f"ar_pud-{name}.conllu").write_text(t, encoding="utf-8")

    options = {"tokenizer": TOKENIZER_OPTIONS, "tagger": TAGGER_OPTIONS, "parser": PARSER_OPTIONS}
    old_meta = {}
    if args.meta.exists():
        old_meta = json.loads(args.meta.read_text(encoding="utf-8"))

    if not args.eval_only:
        print(f"training on {len(train)}+{len(train_aug)} sentences, heldout {len(heldout)}+{len(heldout_aug)}",
              file=sys.stderr)
        t0, c0 = time.perf_counter(), time.process_time()
        err = udpipe.ProcessingError()
        data = udpipe.Trainer.train(
            "morphodita_parsito",
            load_sentences(udpipe, train_text),
            load_sentences(udpipe, heldout_text),
            opts_string(TOKENIZER_OPTIONS),
            opts_string(TAGGER_OPTIONS),
            opts_string(PARSER_OPTIONS),
            err,
        )
        training_seconds = time.perf_counter() - t0
        training_cpu_seconds = time.process_time() - c0
        if err.occurred() or not data:
            print(f"training failed: {err.message}", file=sys.stderr)
            return 1
        if isinstance(data, str):
            data = data.encode("latin-1", "surrogateescape")
        data, compaction = compact_parser(udpipe, data)
        print(f"parser weights rounded to {compaction['mantissa_bits']} mantissa bits: block "
              f"{compaction['compressed_before']} -> {compaction['compressed_after']} bytes compressed", file=sys.stderr)
        args.model.parent.mkdir(parents=True, exist_ok=True)
        args.model.write_bytes(data)
        print(f"wrote {args.model} ({len(data)} bytes) in {training_seconds:.0f} s", file=sys.stderr)
    else:
        training_seconds = old_meta.get("training_seconds", float("nan"))
        training_cpu_seconds = old_meta.get("training_cpu_seconds", float("nan"))
        compaction = old_meta.get("parser_compaction")

    model = udpipe.Model.load(str(args.model))
    if model is None:
        print(f"cannot load {args.model}", file=sys.stderr)
        return 1

    out_raw, raw = run_evaluator(udpipe, model, test_text, tokenize=True)
    out_rawar, rawar = run_evaluator(udpipe, model, test_ar_text, tokenize=True)
    out_gold, gold = run_evaluator(udpipe, model, test_text, tokenize=False)
    print("== raw text ==\n" + out_raw, file=sys.stderr)
    print("== raw text, Arabic punctuation ==\n" + out_rawar, file=sys.stderr)
    print("== gold tokenization ==\n" + out_gold, file=sys.stderr)

    texts = corpus_texts(args.corpus, args.speed_chars)
    speed = benchmark_raw(udpipe, model, texts)
    print(f"speed (ufal): {speed}", file=sys.stderr)
    speed_an = benchmark_analyze(args.model, texts)
    print(f"speed (analysis): {speed_an}", file=sys.stderr)

    def words(bs):
        return sum(1 for b in bs for r in b.rows if r[0].isdigit())

    try:
        rel_tb = os.path.relpath(args.treebank, ROOT)
    except ValueError:
        rel_tb = str(args.treebank)
    command = "python scripts/train_udpipe.py" + ("" if args.treebank == DEFAULT_TREEBANK
                                                  else f" --treebank {shlex.quote(rel_tb)}")
    if args.eval_only:
        command = old_meta.get("command", command)
    meta = {
        "model": args.model.name,
        "derived_from": "UD Arabic-PUD (ar_pud-ud-test.conllu), UniversalDependencies/UD_Arabic-PUD",
        "license": "CC BY-SA 3.0",
        "treebank": rel_tb,
        "command": command,
        "seed": args.seed,
        "udpipe_method": "morphodita_parsito",
        "options": options,
        "options_strings": {k: opts_string(v) for k, v in options.items()},
        "parser_compaction": compaction,
        "augmentation": {
            "map": {**LATIN_TO_ARABIC, '"..."': "«...»"},
            "applied_to": ["train", "heldout"],
            "note": "one extra copy of each sentence that has a mark to convert; SpaceAfter kept, # text rebuilt",
        },
        "split": {
            "method": "random.Random(seed).shuffle(sentence indices); 80/10/10",
            "total": len(blocks),
            "total_words": words(blocks),
            "train": len(train),
            "heldout": len(heldout),
            "test": len(test),
            "test_words": words(test),
            "augmented_train_copies": len(train_aug),
            "augmented_heldout_copies": len(heldout_aug),
            "train_sentences_used": len(train) + len(train_aug),
            "test_sent_ids": [next((c.split("=", 1)[1].strip() for c in b.comments
                                    if c.startswith("# sent_id")), str(b.index)) for b in test],
        },
        "training_seconds": round(training_seconds, 1),
        "training_cpu_seconds": round(training_cpu_seconds, 1),
        "training_load_average": (old_meta.get("training_load_average") if args.eval_only
                                  else _loadavg()),
        "model_bytes": args.model.stat().st_size,
        "machine": {"cpus": os.cpu_count(), "python": platform.python_version(),
                    "ufal_udpipe": _udpipe_version(udpipe)},
        "evaluation": {
            "evaluator": "ufal.udpipe.Evaluator (CoNLL 2017 word alignment); F1/accuracy in percent",
            "raw_text": raw,
            "raw_text_arabic_punct": rawar,
            "gold_tokenization": gold,
        },
        "speed": {"ufal": speed, "analysis": speed_an,
                  "note": "single thread; tokenize+tag+parse on real copy from ../shared/corpus/ar"},
    }
    args.meta.write_text(json.dumps(meta, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    write_doc(args.doc, meta)
    print(f"wrote {args.meta} and {args.doc}", file=sys.stderr)
    return 0


def _loadavg() -> list[float] | None:
    try:
        return [round(x, 2) for x in os.getloadavg()]
    except OSError:
        return None


def _udpipe_version(udpipe) -> str:
    v = udpipe.Version.current()
    return f"{v.major}.{v.minor}.{v.patch}"


if __name__ == "__main__":
    sys.exit(main())
