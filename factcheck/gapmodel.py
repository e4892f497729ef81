"""The Arabic gap model: for every gap between two words, the probability that a
function word is missing there (and which one), and for every word the probability
that «في» was deleted from inside it.

Shared by the run-time kinds (`gap-model`, `word-rate`) and the training script
(scripts/train_gap_model.py), so that the features a model was trained on are the
features it sees.  The network is a small BiLSTM over word and sub-word features,
shipped as ONNX (factcheck/models/ar_gap.onnx) with its feature tables
(ar_gap.features.json.gz); onnxruntime and numpy are imported only when a model is
first needed.

Tokens are those of `factcheck.lexicon.light_tokens` (words of the text with their
spans, light-folded, and the characters before each).  A *segment* is a run of tokens
without a sentence boundary (. ! ? ؟ or a line break) in between, cut at `MAX_LEN`.
The gap *before* token i is scored from the left context up to token i-1, the right
context from token i on, and the punctuation between them.
"""

from __future__ import annotations

import gzip
import json
import math
import re
import zlib
from collections import Counter
from functools import lru_cache
from pathlib import Path
from zlib import crc32

from factcheck.lexicon import AR_PREFIXES, Tok, freq, light_fold, light_tokenize

MODELS = Path(__file__).resolve().parent / "models"
MODEL_PATH = MODELS / "ar_gap.onnx"
FEATURES_PATH = MODELS / "ar_gap.features.json.gz"
NGRAMS_PATH = MODELS / "ar_gap.ngrams.npz"

# what may be missing before a token: index 0 = nothing; glued «ب»/«ل» go on the next word
CLASSES = ("", "في", "على", "من", "إلى", "عن", "مع", "ب", "ل")
FOLDED_WORDS = {"في": 1, "علي": 2, "من": 3, "الي": 4, "عن": 5, "مع": 6}
GLUED = {"ب": 7, "ل": 8}

MAX_LEN = 60
SENT_END = frozenset(".!?؟\n")
N_SUB = 6  # sub-word keys a token
N_SCALARS = 6
# counts of what stands on either side of a gap in the training text: the two words next to
# each other (B), the two with «في»/«على»/... between them (T1..T6), and the same for the
# words' stems (BS, TS1); a count under MIN_COUNT (in other articles) is read as 0
TABLES = ("B", "T1", "T2", "T3", "T4", "T5", "T6", "BS", "TS1")  # the order of the features
N_GAPF = len(TABLES)
MIN_COUNT = 2

# the characters between two tokens, as a class
_PRE_CLASS = {"": 0, " ": 1}


def pre_class(pre: str) -> int:
    c = _PRE_CLASS.get(pre)
    if c is not None:
        return c
    s = pre.strip(" \t\u00a0\u200f\u200e")
    if not s:
        return 1
    if any(ch in SENT_END for ch in s):
        return 3
    ch = s[-1]
    if ch in "،,":
        return 2
    if ch in ":;؛":
        return 4
    if ch in "«“\"'(‘[{":
        return 5 if not any(c2 in "»”)]}" for c2 in s) else 7
    if ch in "»”)]}’":
        return 6
    if ch in "-–—/":
        return 8
    return 7


N_PRE = 9


def tokenize(text: str) -> list[Tok]:
    """The tokens `light_tokens` gives for a document whose text is `text`."""
    return light_tokenize(text, "ar")[0]


def segments(toks) -> list[tuple[int, int]]:
    """(start, end) index ranges of the token list: sentences, long ones cut."""
    n = len(toks)
    return _cut([i for i in range(1, n) if any(ch in SENT_END for ch in toks[i].pre)], n)


def _cut(starts, n) -> list[tuple[int, int]]:
    """Segments from the indices where a sentence starts (besides 0)."""
    out = []
    s = 0
    for i in (*starts, n):
        while i - s > MAX_LEN:
            out.append((s, s + MAX_LEN))
            s += MAX_LEN
        if i > s:
            out.append((s, i))
        s = i
    return out


# The fixed cost of one run of the network, in padded words (measured: about 0.1 ms a run
# against 5.6 us a word slot on one thread, 2026-12-03; with the flat graph of 2026-12-04,
# where only the LSTM computes the padding, about 30 us of the runtime and 20 of Python a
# run against 1.7 us a slot of the LSTM's grid). A run holds up to `GapModel.blocks` batches:
# `_batches` charges each batch BLOCK_COST and its share of RUN_COST (`GapModel.batch_cost`);
# chosen by timing 4 blocks at batch costs 10, 13 and 16 against the 1-block graph at 32.
RUN_COST = 32
BLOCK_COST = 8  # a batch's own cost in a run of several: its LSTM node, its grid (~10 us)
# GapModel keeps each feature row's embeddings (512 bytes a word); past this many words the
# feature rows start again (Features.restart) before a document, so they take at most ~50 MB
EMB_ROWS = 65_536


def _batches(segs, most: int = 64, run_cost: float = RUN_COST) -> list[list[tuple[int, int]]]:
    """Segments grouped into batches, shortest first. The LSTM computes every step of the
    longest segment of a batch for all of them (the padding too, though its outputs are
    ignored), so one batch of an article's short and long sentences costs about twice the
    words it holds; the split that minimises the padded slots plus `run_cost` a batch is
    found exactly (batches are runs of the sorted lengths; at most `most` a batch)."""
    segs = sorted(segs, key=lambda se: se[1] - se[0])
    n = len(segs)
    lens = [e - s for s, e in segs]
    best = [0] + [0] * n
    cut = [0] * (n + 1)
    for j in range(1, n + 1):
        longest = lens[j - 1]
        b, c = None, 0
        for i in range(max(0, j - most), j):
            x = best[i] + longest * (j - i) + run_cost
            if b is None or x < b:
                b, c = x, i
        best[j], cut[j] = b, c
    out = []
    j = n
    while j > 0:
        out.append(segs[cut[j]:j])
        j = cut[j]
    out.reverse()
    return out


_LATIN = re.compile("[A-Za-z]")


def _has_latin(w: str) -> bool:
    return _LATIN.search(w) is not None


def _prefix_sets(prefixes) -> tuple:
    """AR_PREFIXES as (length, set) pairs, longest first.  Looking up w[:L] in the set of
    prefixes of length L, for L from the longest down, finds the prefixes that
    `w.startswith(p)` finds walking the tuple, in the same order, as long as the tuple is
    ordered longest first (at most one prefix of each length can match a word)."""
    lens = [len(p) for p in prefixes]
    assert lens == sorted(lens, reverse=True), "AR_PREFIXES must be ordered longest first"
    return tuple((n, frozenset(p for p in prefixes if len(p) == n)) for n in sorted(set(lens), reverse=True))


_PREFIX_SETS = _prefix_sets(AR_PREFIXES)


def stem(w: str) -> str:
    """The word without its longest proclitic (و ف ب ل ك س, the article), at least 2 letters left."""
    n = len(w)
    for k, ps in _PREFIX_SETS:
        if n - k >= 2 and w[:k] in ps:
            return w[k:]
    return w


def fi_splits(w: str) -> list[tuple[str, str]]:
    """(prefix, rest) readings of a token with a proclitic peeled off, the token itself first."""
    n = len(w)
    return [("", w)] + [(w[:k], w[k:]) for k, ps in _PREFIX_SETS if n - k >= 2 and w[:k] in ps]


class Features:
    """Word → feature row; tables built by the training script, memoised by word."""

    def __init__(self, data: dict):
        self.vocab: dict[str, int] = {w: i for i, w in enumerate(data["vocab"])}
        self.buckets: int = data["buckets"]
        self.repairs: dict[str, list] = data["repairs"]  # broken form -> [repaired word, zipf, other readings]
        self.rates: dict[str, dict] = data.get("rates", {})  # folded word -> {"rate", "rho"}
        self.n_vocab = len(data["vocab"])
        self._memo: dict[str, tuple] = {}
        # the same rows as arrays, for whole documents: word -> row index (row 0 is padding)
        self._index: dict[str, int] = {}
        self._pre_memo: dict[str, int] = {}
        self.generation = 0  # how many times the rows were dropped and given again (doc_rows)
        self._grow(4096)

    def _grow(self, size: int):
        import numpy as np

        old = getattr(self, "word_arr", None)
        word = np.zeros(size, dtype=np.int64)
        sub = np.zeros((size, N_SUB), dtype=np.int64)
        scal = np.zeros((size, N_SCALARS), dtype=np.float32)
        ids = np.zeros((size, 2), dtype=np.uint64)
        if old is not None:
            n = len(old)
            word[:n], sub[:n], scal[:n], ids[:n] = self.word_arr, self.sub_arr, self.scal_arr, self.id_arr
        self.word_arr, self.sub_arr, self.scal_arr, self.id_arr = word, sub, scal, ids

    def _add_words(self, words):
        """Give each word (new, distinct) the next row of the arrays."""
        import numpy as np

        i = len(self._index) + 1
        while i + len(words) > len(self.word_arr):
            self._grow(2 * len(self.word_arr))
        full = self._full_row
        rs = [full(w) for w in words]
        j = i + len(rs)
        self.word_arr[i:j] = [r[0] for r in rs]
        self.sub_arr[i:j] = np.array([r[1] for r in rs], dtype=np.int64).reshape(-1, N_SUB)
        self.scal_arr[i:j] = np.array([r[2] for r in rs], dtype=np.float32).reshape(-1, N_SCALARS)
        self.id_arr[i:j] = np.array([r[3] for r in rs], dtype=np.uint64).reshape(-1, 2)
        self._index.update(zip(words, range(i, j)))

    def restart(self):
        """Drop the rows (words seen again get new ones); `generation` counts the restarts,
        for tables kept beside the rows (`GapModel._embed`)."""
        self._index.clear()
        self.generation += 1

    def doc_rows(self, toks):
        """(row index of each token, pre class of each token) as numpy arrays."""
        import numpy as np

        if len(self._index) > 500_000:  # bounded tables: start again (between documents)
            self.restart()
        if len(self._pre_memo) > 50_000:
            self._pre_memo.clear()
        index, pm = self._index, self._pre_memo
        ws = [t.w for t in toks]
        rows = list(map(index.get, ws))
        if None in rows:  # words not seen before, in the order they come
            self._add_words(list(dict.fromkeys(w for w, r in zip(ws, rows) if r is None)))
            rows = list(map(index.__getitem__, ws))
        pre = [t.pre for t in toks]
        pres = list(map(pm.get, pre))
        if None in pres:
            for p in pre:
                if p not in pm:
                    pm[p] = pre_class(p)
            pres = list(map(pm.__getitem__, pre))
        return np.array(rows, dtype=np.int64), np.array(pres, dtype=np.int64)

    def key(self, w: str) -> str:
        if not w.isalpha() and any(c.isdigit() for c in w):  # no letter is a digit
            return "<NUM>"
        if _has_latin(w):
            return "<LAT>"
        return w

    def repair(self, w: str, splits=None) -> tuple[str, float, int] | None:
        """The most frequent word that gives `w` when one «في» is taken out of it
        (with the proclitics of `w` kept), its Zipf frequency, and how many other
        readings there are (other words, or other ways of peeling proclitics).
        `splits`: fi_splits(w), when the caller has them."""
        best = None
        n = 0
        get = self.repairs.get
        for p, rest in (fi_splits(w) if splits is None else splits):
            r = get(rest)
            if r is None:
                continue
            n += 1 + r[2]
            if best is None or r[1] > best[1]:
                best = (p + r[0], r[1])
        return None if best is None else (best[0], best[1], n - 1)

    def row(self, w: str) -> tuple:
        r = self._memo.get(w)
        if r is not None:
            return r
        r = self._full_row(w)[:3]
        if len(self._memo) > 300_000:
            self._memo.clear()
        self._memo[w] = r
        return r

    def _full_row(self, w: str) -> tuple:
        """(word id, sub-word keys, scalars, word_ids(w)): the proclitics are peeled once."""
        k = self.key(w)
        wid = self.vocab.get(k, 1)
        splits = fi_splits(w)
        st = splits[1][1] if len(splits) > 1 else w  # stem(w): the longest proclitic off
        b = self.buckets
        subs = (crc32(("P2" + w[:2]).encode()) % b, crc32(("P3" + w[:3]).encode()) % b,
                crc32(("S2" + w[-2:]).encode()) % b, crc32(("S3" + w[-3:]).encode()) % b,
                crc32(("T" + st).encode()) % b, crc32(("L" + str(min(len(w), 12))).encode()) % b)
        get = freq("ar").get
        z = get(w, 0.0)
        best = z
        for _, rest in splits:
            x = get(rest, 0.0)
            if x > best:
                best = x
        rep = self.repair(w, splits)
        scal = (z / 8.0, best / 8.0, (rep[1] / 8.0) if rep else 0.0, 1.0 if k == "<NUM>" else 0.0,
                1.0 if k == "<LAT>" else 0.0, min(len(w), 12) / 12.0)
        return wid, subs, scal, (crc32(w.encode()), crc32(st.encode()))


def word_ids(w: str) -> tuple[int, int]:
    """Stable 32-bit ids of a word and of its stem (keys of the count tables)."""
    return zlib.crc32(w.encode("utf-8")), zlib.crc32(stem(w).encode("utf-8"))


def pair_key(a: int, b: int) -> int:
    return (a << 32) | b


WORD_TABLES = ("B", "T1", "T2", "T3", "T4", "T5", "T6")  # keyed by the two words
STEM_TABLES = ("BS", "TS1")  # keyed by their stems


class NGrams:
    """The count tables (counts >= MIN_COUNT only), merged by key: `W` holds the word
    pairs with a column per table of WORD_TABLES, `S` the stem pairs (STEM_TABLES);
    keys sorted uint64, so one binary search a gap answers every table.

    Stored (`save_ngrams`) in a form that loads without inflating 25 MB: each key is
    split into its two 32-bit word ids, the first kept as runs (keys are sorted), the
    second as is; the count columns that are mostly zeros as (row, count) pairs, the
    others as bytes with the counts over 255 apart.  The members are stored, not
    compressed.  A file in the first form (`W_k`, `W_c`, `S_k`, `S_c` compressed) is
    read too.

    The stored form is looked up as it is (`PackedTable`, the arrays views of the file's
    bytes): a cold check of one article reads the file and searches it, instead of
    unpacking both tables (~20 ms) for a few hundred keys; `.w` and `.s` unpack on demand,
    and a process that has looked up UNPACK_AFTER documents' keys (a batch) unpacks them."""

    def __init__(self, path: str = str(NGRAMS_PATH)):
        import numpy as np

        self._fast_tables: dict = {}
        arrays = _read_stored_npz(path)
        if arrays is None:  # compressed members, or not a zip numpy wrote: numpy reads it
            with np.load(path) as z:
                arrays = {k: z[k] for k in z.files}
        if "W_k" in arrays:
            self._w = (arrays["W_k"], arrays["W_c"])
            self._s = (arrays["S_k"], arrays["S_c"])
            self._pw = self._ps = None
        else:  # looked up packed (`PackedTable`): unpacked only when .w / .s are asked for
            self._w = self._s = None
            self._pw, self._ps = PackedTable(arrays, "W"), PackedTable(arrays, "S")

    @property
    def w(self) -> tuple:
        """(sorted uint64 keys, uint16 counts [K, len(WORD_TABLES)]) of the word pairs."""
        if self._w is None:
            self._w = unpack_table(self._pw.arrays, "W")
        return self._w

    @property
    def s(self) -> tuple:
        if self._s is None:
            self._s = unpack_table(self._ps.arrays, "S")
        return self._s

    SAMPLE = 32  # _search: keys a block (a power of 2)

    def _fast(self, name: str):
        """(keys, every SAMPLE-th key, the count rows as one item each (a view, no copy),
        columns) of table `name` ("w" or "s"), made once."""
        import numpy as np

        got = self._fast_tables.get(name)
        if got is None:
            k, c = getattr(self, name)
            c = np.ascontiguousarray(c)
            got = self._fast_tables[name] = (k, k[::self.SAMPLE].copy(),
                                             c.view(np.dtype((np.void, 2 * c.shape[1]))).ravel(), c.shape[1])
        return got

    def _search(self, name: str, keys):
        """The counts of each key of the unpacked table (0 when absent), faster than a plain
        binary search (tests/test_gap_model.py keeps one to compare): the binary search runs on every
        SAMPLE-th key, small enough to stay in the processor's cache, then on the SAMPLE
        keys of the key's block (one or two cache lines), all keys at once; the count rows
        are taken as one item each (not [n, 7] fancy indexing). A plain binary search over the 760,000 keys misses the cache at
        most steps once the network has run in between."""
        import numpy as np

        k, sample, rows, n = self._fast(name)
        j = np.searchsorted(sample, keys)  # sample[j-1] < key <= sample[j]
        lo = np.maximum(j - 1, 0) * self.SAMPLE  # k[lo] < key when j > 0: lo moves up to the last key under it
        last = len(k) - 1
        h = self.SAMPLE // 2
        while h:
            mid = lo + h
            lo = np.where(k.take(np.minimum(mid, last)) < keys, mid, lo)
            h //= 2
        i = np.where(j > 0, lo + 1, 0)  # the first key >= key
        np.minimum(i, last, out=i)
        out = rows.take(i).view(np.uint16).reshape(-1, n)
        out[k.take(i) != keys] = 0
        return out

    # after this many documents' lookups in the packed form, unpack (a batch: ~20 ms once,
    # then `_search`)
    UNPACK_AFTER = 32

    def word_counts(self, keys):
        """[len(keys), len(WORD_TABLES)] counts."""
        if self._w is None:
            self._pw.calls += 1
            if self._pw.calls <= self.UNPACK_AFTER:
                return self._pw.lookup(keys)
        return self._search("w", keys)

    def stem_counts(self, keys):
        if self._s is None:
            self._ps.calls += 1
            if self._ps.calls <= self.UNPACK_AFTER:
                return self._ps.lookup(keys)
        return self._search("s", keys)


class PackedTable:
    """One table in the form `pack_table` stores, looked up as it is: a process that
    checks one article looks up a few hundred keys, and unpacking the 760,000 keys and
    their counts (`unpack_table`) costs more than the article.  `lookup` gives what
    `NGrams._search` gives on the unpacked table: the counts of each key, 0 when absent."""

    def __init__(self, arrays: dict, prefix: str):
        import numpy as np

        self.arrays = {k: v for k, v in arrays.items() if k.startswith(prefix + "_")}
        self.hi = arrays[f"{prefix}_hi"]
        self.lo = arrays[f"{prefix}_lo"]
        self.starts = np.zeros(len(self.hi) + 1, dtype=np.int64)  # run r: rows starts[r]..starts[r+1]
        np.cumsum(arrays[f"{prefix}_run"], out=self.starts[1:])
        self.n_rows, self.n_cols = (int(x) for x in arrays[f"{prefix}_shape"])
        self.cols = [(arrays.get(f"{prefix}_c{j}"), arrays[f"{prefix}_c{j}_at"], arrays[f"{prefix}_c{j}_v"])
                     for j in range(self.n_cols)]
        self.calls = 0  # lookups so far (NGrams unpacks the table after UNPACK_AFTER)

    def lookup(self, keys):
        import numpy as np

        keys = np.asarray(keys, dtype=np.uint64)
        out = np.zeros((len(keys), self.n_cols), dtype=np.uint16)
        if not len(keys) or not len(self.hi):
            return out
        khi = (keys >> np.uint64(32)).astype(np.uint32)
        klo = (keys & np.uint64(0xFFFFFFFF)).astype(np.uint32)
        r = np.searchsorted(self.hi, khi)
        r[r >= len(self.hi)] = 0
        has = self.hi[r] == khi
        # a binary search for klo in lo[starts[r]:starts[r+1]] (sorted within a run), all keys at once
        a = np.where(has, self.starts[r], 0)
        b = np.where(has, self.starts[r + 1], 0)
        lo = self.lo
        while True:
            live = a < b
            if not live.any():
                break
            mid = (a + b) >> 1
            less = lo[np.where(live, mid, 0)] < klo
            a = np.where(live & less, mid + 1, a)
            b = np.where(live & ~less, mid, b)
        row = np.where(a < len(lo), a, 0)
        found = has & (a < self.starts[np.where(has, r + 1, 0)]) & (lo[row] == klo)
        rows = row[found]
        if not len(rows):
            return out
        got = np.zeros((len(rows), self.n_cols), dtype=np.uint16)
        for j, (dense, at, v) in enumerate(self.cols):
            if dense is not None:
                got[:, j] = dense[rows]
            if len(at):
                k = np.searchsorted(at, rows)
                k[k >= len(at)] = 0
                hit = at[k] == rows
                got[hit, j] = v[k[hit]]
        out[found] = got
        return out


def _read_stored_npz(path):
    """{name: array} of an .npz whose members are stored (not compressed), as `save_ngrams`
    writes it: the file is read once and each array is a view of its bytes (read-only),
    with no copy and no CRC pass a member (np.load does both).  None when the file is not
    of that form (numpy reads it then)."""
    import ast
    import io
    import struct
    import zipfile

    import numpy as np

    try:
        with open(path, "rb") as f:
            data = f.read()
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            infos = zf.infolist()
        out = {}
        for info in infos:
            if info.compress_type != zipfile.ZIP_STORED or not info.filename.endswith(".npy"):
                return None
            off = info.header_offset
            if data[off:off + 4] != b"PK\x03\x04":
                return None
            name_len, extra_len = struct.unpack_from("<HH", data, off + 26)
            start = off + 30 + name_len + extra_len
            member = memoryview(data)[start:start + info.file_size]
            version = (member[6], member[7])
            if member[:6].tobytes() != b"\x93NUMPY" or version not in ((1, 0), (2, 0), (3, 0)):
                return None
            hlen_size = 2 if version == (1, 0) else 4
            hlen = int.from_bytes(member[8:8 + hlen_size], "little")
            header = member[8 + hlen_size:8 + hlen_size + hlen].tobytes().decode("latin1")
            d = ast.literal_eval(header)
            dtype = np.dtype(d["descr"])
            if dtype.hasobject or d["fortran_order"]:
                return None
            shape = tuple(d["shape"])
            body = member[8 + hlen_size + hlen:]
            count = int(np.prod(shape, dtype=np.int64)) if shape else 1
            if len(body) != count * dtype.itemsize:
                return None
            out[info.filename[:-4]] = np.frombuffer(body, dtype=dtype, count=count).reshape(shape)
        return out
    except (OSError, zipfile.BadZipFile, ValueError, SyntaxError, KeyError, struct.error):
        return None


def pack_table(keys, counts, prefix: str) -> dict:
    """Arrays that store (sorted uint64 keys, uint16 counts [K, n]) compactly; `unpack_table` reverses."""
    import numpy as np

    hi = (keys >> np.uint64(32)).astype(np.uint32)
    starts, runs = np.unique(hi, return_counts=True)
    out = {f"{prefix}_hi": starts, f"{prefix}_run": runs.astype(np.uint32),
           f"{prefix}_lo": (keys & np.uint64(0xFFFFFFFF)).astype(np.uint32),
           f"{prefix}_shape": np.array(counts.shape, dtype=np.uint32)}
    for j in range(counts.shape[1]):
        col = counts[:, j]
        nz = np.flatnonzero(col)
        if len(nz) * 6 < len(col) * 2:  # (row, count) pairs are smaller than the column
            out[f"{prefix}_c{j}_at"], out[f"{prefix}_c{j}_v"] = nz.astype(np.uint32), col[nz]
        else:  # bytes, and the counts over 255 apart
            big = np.flatnonzero(col > 255)
            out[f"{prefix}_c{j}"] = np.minimum(col, 255).astype(np.uint8)
            out[f"{prefix}_c{j}_at"], out[f"{prefix}_c{j}_v"] = big.astype(np.uint32), col[big]
    return out


def unpack_table(arrays: dict, prefix: str) -> tuple:
    """(keys uint64 [K], counts uint16 [K, n]) from the arrays of `pack_table`."""
    import numpy as np

    keys = np.repeat(arrays[f"{prefix}_hi"].astype(np.uint64), arrays[f"{prefix}_run"]) << np.uint64(32)
    keys |= arrays[f"{prefix}_lo"]
    k, n = (int(x) for x in arrays[f"{prefix}_shape"])
    counts = np.zeros((k, n), dtype=np.uint16)
    for j in range(n):
        col = arrays.get(f"{prefix}_c{j}")
        if col is not None:
            counts[:, j] = col
        counts[arrays[f"{prefix}_c{j}_at"], j] = arrays[f"{prefix}_c{j}_v"]
    return keys, counts


def save_ngrams(path, w: tuple, s: tuple):
    """Write the word-pair and stem-pair tables ((keys, counts) each) the way NGrams reads them:
    an .npz whose members are stored uncompressed (reading is a copy, not an inflate),
    with a fixed date so that the same tables give the same file."""
    import io
    import zipfile

    import numpy as np

    arrays = {**pack_table(*w, "W"), **pack_table(*s, "S")}
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_STORED) as zf:
        for name, a in arrays.items():
            buf = io.BytesIO()
            np.lib.format.write_array(buf, np.ascontiguousarray(a), allow_pickle=False)
            zf.writestr(zipfile.ZipInfo(name + ".npy", date_time=(1980, 1, 1, 0, 0, 0)), buf.getvalue())


def merge_tables(tables: dict, names) -> tuple:
    """{name: {key: count}} -> (sorted keys, counts [K, len(names)]) keeping counts >= MIN_COUNT."""
    import numpy as np

    keys = sorted({k for t in names for k, v in tables[t].items() if v >= MIN_COUNT})
    pos = {k: i for i, k in enumerate(keys)}
    counts = np.zeros((len(keys), len(names)), dtype=np.uint16)
    for j, t in enumerate(names):
        for k, v in tables[t].items():
            if v >= MIN_COUNT:
                counts[pos[k], j] = min(v, 65535)
    return np.array(keys, dtype=np.uint64), counts


def load_ngrams(path: str = str(NGRAMS_PATH)) -> NGrams:
    """The count tables of a file, read once a process (keyed on the path, as load_features)."""
    return _ngrams_of(str(path))


@lru_cache(maxsize=2)
def _ngrams_of(path: str) -> NGrams:
    return NGrams(path)


def gap_features(feats: Features, ngrams: NGrams, rows):
    """[n_tokens, N_GAPF] features of the gap before each token (0 before the first)."""
    import numpy as np

    n = len(rows)
    out = np.zeros((n, N_GAPF), dtype=np.float32)
    if n < 2:
        return out
    ids = feats.id_arr[rows]
    a, b = ids[:-1], ids[1:]
    kw = (a[:, 0] << np.uint64(32)) | b[:, 0]
    ks = (a[:, 1] << np.uint64(32)) | b[:, 1]
    c = np.concatenate([ngrams.word_counts(kw), ngrams.stem_counts(ks)], axis=1)
    out[1:] = np.log1p(c.astype(np.float32)) / 5.0
    return out


def gap_feature_row(counts) -> list[float]:
    """The same features from counts already looked up (training)."""
    return [math.log1p(c if c >= MIN_COUNT else 0) / 5.0 for c in counts]


def read_features(path: str = str(FEATURES_PATH)) -> Features:
    """A new Features from the file (not shared: its memo tables start empty)."""
    with gzip.open(path, "rt", encoding="utf-8") as f:
        return Features(json.load(f))


def load_features(path: str = str(FEATURES_PATH)) -> Features:
    """The Features of a file, read once a process.  (The path is made a string here, so
    `load_features()` and `load_features(str(FEATURES_PATH))` share one table: keyed on
    the call, as lru_cache does, they read the file twice.)"""
    return _features_of(str(path))


@lru_cache(maxsize=2)
def _features_of(path: str) -> Features:
    return read_features(path)


def _feeds(feats, emb, rows, pres, gapf, parts, blocks: int = 1):
    """The network's inputs for each run, and the token order they hold: a run holds up to
    `blocks` batches of segments (`_batches`, sorted by length), each an LSTM grid of its
    own (the last run, with fewer batches, gets grids of one zero step for the others).
    The tokens of a run are laid end to end (the graph of `scripts/train_gap_model.py
    flatten_graph` embeds, projects and scores only them); `at{k}` places block k's tokens
    on its [longest, segments] grid (the padding at the run's zero row), `gi` and `yi` read
    the states of the run's grids back, stacked: for each token the forward state before it
    (a zero row at a segment's first token) and the backward state at it, and both states
    at it. Computed for all the runs at once; each run's inputs are slices."""
    import numpy as np

    nb = np.fromiter(map(len, parts), dtype=np.int64, count=len(parts))  # segments a batch
    segs = [se for part in parts for se in part]
    se = np.array(segs, dtype=np.int64).reshape(-1, 2)
    lens = se[:, 1] - se[:, 0]
    n_seg = len(lens)
    first = np.zeros(n_seg + 1, dtype=np.int64)  # each segment's first place in the token order
    np.cumsum(lens, out=first[1:])
    n = int(first[-1])
    seg0 = np.zeros(len(parts) + 1, dtype=np.int64)  # each batch's first segment
    np.cumsum(nb, out=seg0[1:])
    longest = lens[seg0[1:] - 1]  # segments are sorted by length (_batches)
    tb = longest * nb
    # the stacked LSTM states of a run: each batch's 2*T*B rows after those of the batches
    # before it in the run; a run with fewer than `blocks` batches (the last) has 2 rows a missing one
    n_b = len(parts)
    size = 2 * tb
    csum = np.zeros(n_b + 1, dtype=np.int64)
    np.cumsum(size, out=csum[1:])
    run_first = (np.arange(n_b) // blocks) * blocks
    off = csum[:-1] - csum[run_first]
    run_end = np.minimum(run_first + blocks, n_b)
    zero = csum[run_end] - csum[run_first] + 2 * (blocks - (run_end - run_first))
    tok0_b = first[seg0]  # each batch's first place in the token order
    tok_run0 = tok0_b[run_first]  # its run's first place
    n_run = tok0_b[run_end] - tok_run0  # tokens in its run
    # per token
    seg_of_b = np.repeat(np.arange(n_b), nb)
    step = np.arange(n, dtype=np.int64) - np.repeat(first[:-1], lens)
    order = np.repeat(se[:, 0], lens) + step
    bt = np.repeat(seg_of_b, lens)  # the batch of each token
    B = nb[bt]
    col = np.repeat(np.arange(n_seg, dtype=np.int64) - seg0[seg_of_b], lens)  # the token's segment in its batch
    slot = step * B + col  # its place on the grid [T, B]
    # the LSTM's output [T, 2, B, H] as rows: the forward state at step t of column b is row
    # (2t) * B + b of the block, the backward one B rows on
    fw = off[bt] + 2 * step * B + col
    gi = np.empty((n, 2), dtype=np.int64)
    gi[:, 0] = np.where(step > 0, fw - 2 * B, zero[bt])
    gi[:, 1] = fw + B
    yi = np.empty((n, 2), dtype=np.int64)
    yi[:, 0] = fw
    yi[:, 1] = gi[:, 1]
    grid0 = np.zeros(n_b + 1, dtype=np.int64)
    np.cumsum(tb, out=grid0[1:])
    at = np.repeat(n_run, tb)  # padding: the run's zero row
    at[grid0[bt] + slot] = np.arange(n, dtype=np.int64) - tok_run0[bt]
    r = rows[order]
    pre = pres[order]
    g = gapf[order]
    heads = first[:-1]
    pre[heads] = 3  # a segment starts a sentence
    g[heads] = 0  # no gap before a segment's first word
    e, scal = emb[r], feats.scal_arr[r]
    lens32 = lens.astype(np.int32)
    pad_lens = np.ones(1, dtype=np.int32)
    no_words, no_subs = np.zeros(0, dtype=np.int64), np.zeros((0, N_SUB), dtype=np.int64)  # no word to embed
    out = []
    for i0 in range(0, n_b, blocks):
        a, z = int(tok0_b[i0]), int(tok0_b[min(i0 + blocks, n_b)])
        f = {"e": e[a:z], "pre": pre[a:z], "scal": scal[a:z], "gapf": g[a:z], "gi": gi[a:z], "yi": yi[a:z],
             "new_word": no_words, "new_sub": no_subs}
        for j in range(blocks):
            k = i0 + j
            if k < n_b:
                f[f"at{j}"] = at[grid0[k]:grid0[k + 1]].reshape(int(longest[k]), int(nb[k]))
                f[f"lens{j}"] = lens32[seg0[k]:seg0[k + 1]]
            else:
                f[f"at{j}"] = np.full((1, 1), z - a, dtype=np.int64)
                f[f"lens{j}"] = pad_lens
        out.append((a, z, f))
    return order, out


class GapModel:
    """The ONNX network and its feature tables; `score(toks)` gives, for every token,
    the probabilities of what is missing before it and of «في» missing inside it."""

    def __init__(self, model_path: str = str(MODEL_PATH), features_path: str = str(FEATURES_PATH),
                 ngrams_path: str = str(NGRAMS_PATH)):
        import onnxruntime as ort

        so = ort.SessionOptions()
        so.intra_op_num_threads = 1
        so.inter_op_num_threads = 1
        so.log_severity_level = 3
        self.session = ort.InferenceSession(model_path, so, providers=["CPUExecutionProvider"])
        # batches of sentences a run (the graph's LSTM blocks, `flatten_graph`), and the cost of
        # a batch for `_batches`: a run's fixed cost shared by its blocks, and a block's own
        self.blocks = sum(1 for i in self.session.get_inputs() if i.name.startswith("lens"))
        self.batch_cost = BLOCK_COST + RUN_COST / self.blocks
        self.features = load_features(features_path)
        # each feature row's embedding and summed sub-word embeddings (the graph's `e_new`), by
        # row: rows [0, _emb_n) of the features' rows of generation _emb_gen are filled
        self._emb = None
        self._emb_dim = next(i.shape[1] for i in self.session.get_inputs() if i.name == "e")
        self._emb_n = 0
        self._scores = ["gap", "broken"]  # the outputs of a run that scores
        self._emb_gen = -1
        self.ngrams = load_ngrams(ngrams_path)
        with open(Path(model_path).with_suffix(".json"), encoding="utf-8") as f:
            self.meta = json.load(f)  # written by the training script: the damage priors
        self.priors: dict[str, float] = self.meta["priors"]["gap"]
        # (the broken head's prior, the share of words with «في» inside): the whole-article evidence
        share = self.meta["priors"].get("inword_fi")
        self.inword = (self.meta["priors"]["broken"], share) if share else None

    def _embed(self):
        """Fill the embedding rows of the feature rows added since the last call (one run of
        the graph's `e_new` on them, nothing to score): the graph then gathers one row a
        word instead of seven from its 12 MB of embedding tables, and the rows are its own
        sums, so the probabilities are the same to the bit."""
        import numpy as np

        f = self.features
        if f.generation != self._emb_gen:  # the feature rows were given again
            self._emb_n, self._emb_gen = 0, f.generation
        n = len(f._index) + 1  # row 0: padding
        if n <= self._emb_n or n < 2:  # nothing new, or no word yet (row 0 is filled with the first)
            return
        if self._emb is None or len(self._emb) < n:
            # room for EMB_ROWS words and a document at once: the pages are taken as rows are
            # written (np.empty), and no copy doubles the memory as the table grows
            grown = np.empty((max(EMB_ROWS + 16_384, n + n // 2), self._emb_dim), dtype=np.float32)
            if self._emb is not None:
                grown[:self._emb_n] = self._emb[:self._emb_n]
            self._emb = grown
        feeds = dict(self._no_scoring)
        # at least two rows: ONNX Runtime sums the sub-word embeddings of a single row another
        # way (up to 1e-6 apart), so a word alone would get other values than in a batch
        a = min(self._emb_n, n - 2)
        feeds["new_word"], feeds["new_sub"] = f.word_arr[a:n], f.sub_arr[a:n]
        self._emb[self._emb_n:n] = self.session.run(["e_new"], feeds)[0][self._emb_n - a:]
        self._emb_n = n

    @property
    def _no_scoring(self) -> dict:
        """Inputs of a run that scores no word (for `_embed`): no words, one-step grids."""
        import numpy as np

        got = getattr(self, "_no_scoring_feeds", None)
        if got is None:
            got = {"e": np.zeros((0, self._emb_dim), dtype=np.float32), "pre": np.zeros(0, dtype=np.int64),
                   "scal": np.zeros((0, N_SCALARS), dtype=np.float32), "gapf": np.zeros((0, N_GAPF), dtype=np.float32),
                   "gi": np.zeros((0, 2), dtype=np.int64), "yi": np.zeros((0, 2), dtype=np.int64)}
            for j in range(self.blocks):
                got[f"at{j}"] = np.zeros((1, 1), dtype=np.int64)
                got[f"lens{j}"] = np.ones(1, dtype=np.int32)
            self._no_scoring_feeds = got
        return got

    def score(self, toks, batch: int = 64):
        """(gap, broken): numpy arrays [n_tokens, len(CLASSES)] of probabilities and
        [n_tokens] of probabilities."""
        import numpy as np

        n = len(toks)
        gap = np.zeros((n, len(CLASSES)), dtype=np.float32)
        gap[:, 0] = 1.0
        broken = np.zeros(n, dtype=np.float32)
        if n == 0:
            return gap, broken
        if len(self.features._index) >= EMB_ROWS:  # bounded: the embedding rows take 512 bytes a word
            self.features.restart()
        rows, pres = self.features.doc_rows(toks)
        self._embed()
        gapf = gap_features(self.features, self.ngrams, rows)
        segs = _cut((np.nonzero(pres[1:] == 3)[0] + 1).tolist(), n)  # pre class 3: a sentence ends before
        # sentences of similar length share a batch; the LSTM is told each one's length
        # (input `lens`), so it never reads the padding and a sentence scores as it does alone
        order, feeds = _feeds(self.features, self._emb, rows, pres, gapf, _batches(segs, batch, self.batch_cost), self.blocks)
        run = self.session.run
        for a, z, f in feeds:
            g, br = run(self._scores, f)
            gap[order[a:z]] = g
            broken[order[a:z]] = br[:, 0]
        return gap, broken


@lru_cache(maxsize=2)
def get_model(model_path: str = str(MODEL_PATH)) -> GapModel:
    return GapModel(model_path)


def logit(p: float) -> float:
    p = min(max(p, 1e-9), 1 - 1e-9)
    return math.log(p / (1 - p))


# ------------------------------------------------------------------ per document

class Scores:
    """The model's view of one document: tokens (of doc.text), per-token probabilities,
    the count of each function word against its expectation, and how strongly the whole
    article looks like it has lost a word."""

    __slots__ = ("toks", "gap", "broken", "rates", "n_words", "lost", "cache")

    def __init__(self, toks, rates, n_words: int):
        self.toks = toks
        self.rates = rates  # folded word -> (observed, expected, p-value of so few)
        self.n_words = n_words  # the Arabic words among the tokens
        self.gap = None  # [n, len(CLASSES)] once the model has run
        self.broken = None  # [n]
        # word -> (evidence, prior of a gap missing it, P(the loss reached inside words) for «في»)
        self.lost: dict[str, tuple[float, float, float]] = {}
        self.cache: dict = {}  # what later stages derive from the scores (gaprescore)


def doc_rates(doc) -> Scores:
    """Tokens and function-word counts of a document (no model run), cached on it."""
    cached = doc.cache.get("gap-model")
    if cached is None:
        from factcheck.lexicon import light_tokens

        toks = light_tokens(doc)
        cached = doc.cache["gap-model"] = Scores(toks, *word_rates(toks, load_features().rates))
    return cached


def doc_scores(doc) -> Scores:
    """Scores of an Arabic document: the model runs once a document, however many rules ask."""
    sc = doc_rates(doc)
    if sc.gap is None:
        model = get_model()
        sc.gap, sc.broken = model.score(sc.toks) if sc.toks else _empty()
        for w, c in FOLDED_WORDS.items():
            sc.lost[CLASSES[c]] = lost_evidence(sc, CLASSES[c], model.priors[CLASSES[c]],
                                                model.inword if CLASSES[c] == "في" else None, model.features)
    return sc


def _empty():
    import numpy as np

    return np.zeros((0, len(CLASSES)), dtype=np.float32), np.zeros(0, dtype=np.float32)


def word_rates(toks, rates: dict) -> tuple[dict, int]:
    """For each function word with a known rate: (observed count, expected count,
    P(a count this low) under a beta-binomial with the train part's rate and spread); and
    the number of words. Only Arabic words count (a results table of digits and names
    expects no «في»)."""
    counts = Counter([t.w for t in toks])
    n = sum(c for w, c in counts.items() if is_arabic_word(w))
    out = {}
    for w, r in rates.items():
        x = counts.get(w, 0) if is_arabic_word(w) else 0
        out[w] = (x, n * r["rate"], betabinom_cdf(x, n, r["rate"], r["rho"]))
    return out, n


def is_arabic_word(w: str) -> bool:
    return "\u0621" <= w[:1] <= "\u064a"


def betabinom_cdf(x: int, n: int, p: float, rho: float) -> float:
    """P(X <= x) for X ~ BetaBinomial(n, a, b) with mean n*p and intra-class correlation rho."""
    if n <= 0:
        return 1.0
    s = 1.0 / rho - 1.0
    a, b = p * s, (1 - p) * s
    lg = math.lgamma
    base = lg(a + b) - lg(a) - lg(b) - lg(n + a + b) + lg(n + 1)
    total = 0.0
    for k in range(0, min(x, n) + 1):
        total += math.exp(base + lg(k + a) + lg(n - k + b) - lg(k + 1) - lg(n - k + 1))
    return min(1.0, total)


def lost_evidence(scores: Scores, word: str, train_prior: float,
                  inword: tuple[float, float] | None = None, feats: Features | None = None) -> tuple[float, float, float]:
    """(evidence, q, inside): the log-likelihood ratio of "this article has lost most of its
    «word»" against "it has not", q, the prior of a gap missing the word if it has, and
    the probability that the loss reached inside words (below; 0 without `inword`).

    Two pieces of evidence add up: the count (how improbable so few of the word are,
    -log P(X <= x), from the beta-binomial of the train part), and the gaps (under the
    loss, each gap misses the word with prior q; the model's probability p at a gap,
    trained with prior `train_prior`, gives the likelihood ratio L = odds(p) / odds(prior),
    and the gap contributes log(1 - q + q L)).

    For «في», `inword` = (the broken head's training prior, the share of words with «في»
    inside them in the train part) adds a third: a search-and-replace may also have taken
    «في» out of every word that held it («الصحفيين» → «الصحين»). With even odds that it
    did, the broken words add log((1 + B) / 2), B the likelihood ratio of the article's
    words under "the words with «في» inside lost it in the share the standalone word was
    lost" (the same sum over the model's broken-word probabilities, with the train part's
    share of such words scaled by (expected - x) / expected); so a careful replace of the
    standalone word only loses at most log 2, and an article whose count is about what it
    should be gets nothing from words that merely look broken."""
    import numpy as np

    x, expected, pv = scores.rates.get(light_fold(word), (0, 0.0, 1.0))
    n = len(scores.toks)
    if n == 0 or expected <= x:
        return 0.0, 0.0, 0.0
    q = min((expected - x) / n, 0.5)
    p = np.clip(scores.gap[:, CLASSES.index(word)].astype(np.float64), 1e-7, 1 - 1e-7)
    lr = (p / (1 - p)) / (train_prior / (1 - train_prior))
    ev = -math.log(max(pv, 1e-300)) + float(np.log1p(q * (lr - 1)).sum())
    inside = 0.0
    if inword is not None and len(scores.broken):
        prior, share = inword
        # a replace that took a share of the standalone «في» took the same share from inside
        # words: an article with 19 of its expected 20 gives its broken-looking words no weight
        share *= (expected - x) / expected
        b = np.clip(scores.broken.astype(np.float64), 1e-7, 1 - 1e-7)
        # only a token that «في» put back makes a word can be one it left: the Hijri «هـ»
        # (drawn out with a tatweel; «فيه» leaves a bare «ه») or a name scores high but is none
        feats = feats or load_features()
        for i in np.nonzero(b >= BROKEN_FLOOR)[0]:
            t = scores.toks[int(i)]
            if "\u0640" in t.raw or feats.repair(t.w) is None:
                b[i] = prior
        lb = float(np.log1p(share * ((b / (1 - b)) / (prior / (1 - prior)) - 1)).sum())
        ev += float(np.logaddexp(0.0, lb)) - math.log(2.0)
        inside = _sigmoid(lb)
    return ev, q, inside


BROKEN_FLOOR = 0.05  # lost_evidence: tokens the broken head scores this high are checked for a repair


def _sigmoid(x: float) -> float:
    return 1.0 / (1.0 + math.exp(min(max(-x, -700.0), 700.0)))


def lost_probability(scores: Scores, word: str, min_evidence: float) -> float:
    """P(the article has lost `word`) from its evidence: even odds at `min_evidence`."""
    return _sigmoid(scores.lost.get(word, (0.0, 0.0, 0.0))[0] - min_evidence)


def prior_shift(scores: Scores, word: str, min_evidence: float, base_prior: float) -> float:
    """How much to raise the log-odds of `word` missing at each gap. The thresholds were
    set for `base_prior` (a word lost here and there); an article that has lost the word
    misses it at a share q of its gaps. With the evidence ev of the loss, the article has
    lost it with probability P = sigmoid(ev - min_evidence) (`min_evidence` is where a loss
    is as likely as not), so a gap misses the word with prior P q + (1 - P) base_prior."""
    q = scores.lost.get(word, (0.0, 0.0, 0.0))[1]
    if q <= base_prior:
        return 0.0
    lost = lost_probability(scores, word, min_evidence)
    return logit(lost * q + (1 - lost) * base_prior) - logit(base_prior)


def broken_shift(scores: Scores, min_evidence: float, inword: tuple[float, float] | None) -> float:
    """The same for the broken-word head: in an article that has lost «في» inside its
    words too, a word is broken with prior `share` (the train part's share of words with
    «في» inside) instead of the head's training prior."""
    if inword is None:
        return 0.0
    prior, share = inword
    p = lost_probability(scores, "في", min_evidence) * scores.lost.get("في", (0.0, 0.0, 0.0))[2]
    return logit(p * share + (1 - p) * prior) - logit(prior) if share > prior else 0.0


def fold_word(w: str) -> str:
    return light_fold(w)
