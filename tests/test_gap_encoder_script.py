"""The word pieces and windows of scripts/train_gap_encoder.py (the encoder experiment):
e5's unigram segmentation (the best-scoring split, unknown characters as <unk>, the
character map applied first), the pieces of a window with each word's first and last piece,
and the window around a gap."""

import struct
import sys

import pytest

from conftest import ROOT

sys.path.insert(0, str(ROOT / "scripts"))

from train_gap_encoder import Pieces, read_e5s1, window  # noqa: E402

M = "\u2581"


def toy(pieces_scores, norm=None):
    pieces = ["<s>", "<pad>", "</s>", "<unk>"] + [p for p, _ in pieces_scores]
    scores = [0.0] * 4 + [s for _, s in pieces_scores]
    return Pieces({"special": {"bos": 0, "pad": 1, "eos": 2, "unk": 3}, "pieces": pieces, "scores": scores,
                   "unk_score": min(scores) - 10, "norm": norm or {}})


def test_the_best_scoring_split_wins():
    p = toy([(M + "في", -1.0), (M, -3.0), ("ف", -4.0), ("ي", -4.0), (M + "ف", -2.0)])
    assert p.word("في") == (4,)  # ▁في (-1) beats ▁ف + ي (-6) and ▁ + ف + ي (-11)
    p = toy([(M + "في", -9.0), (M, -3.0), ("ف", -2.0), ("ي", -2.0)])
    assert p.word("في") == (5, 6, 7)  # ▁ + ف + ي (-7) beats ▁في (-9)


def test_unknown_characters_and_the_character_map():
    p = toy([(M + "ab", -1.0), (M, -2.0), ("a", -3.0)])
    assert p.word("aZ") == (5, 6, 3)  # ▁, a, then Z is no piece: <unk>
    p = toy([(M + "ab", -1.0)], norm={str(ord("A")): "a"})
    assert p.word("Ab") == (4,)
    assert p.word("") == (3,)


def test_encode_marks_each_words_pieces():
    p = toy([(M + "ab", -1.0), (M + "c", -1.0), (M, -5.0), ("d", -5.0), ("،", -1.0), (M + "،", -1.0), ("ab", -1.5)])
    words = [("", "ab"), ("", "cd"), ("،", "ab")]
    ids, first, last = p.encode(words, 0, 3)
    assert ids[0] == 0 and ids[-1] == 2
    assert [ids[first[k]:last[k] + 1] for k in range(3)] == [[4], [5, 7], [9, 10]]
    # the mark before the first word of a window is not read
    ids, first, last = p.encode(words, 2, 3)
    assert ids == [0, 4, 2] and first == [1] and last == [1]  # «ab», not «،» + «ab»


@pytest.mark.parametrize("n,g", [(10, 0), (10, 9), (60, 0), (60, 30), (60, 59), (25, 24)])
def test_the_window_holds_its_gap(n, g):
    a, b = window(n, g)
    assert 0 <= a <= g < b <= n and b - a == min(n, 24)
    if n > 24 and 12 <= g <= n - 12:
        assert g - a == 12  # in the middle where the sentence allows


def test_read_e5s1_dequantizes_q4_blocks():
    # a file with one piece, no character map and one 32-value Q4_0 tensor (scale 0.5)
    H, NL, NH, FF, VOC, MAXP, TVS, QK = 32, 0, 1, 32, 1, 1, 1, 32
    buf = b"E5S1" + struct.pack("<I", 1) + struct.pack("<7i", H, NL, NH, FF, VOC, MAXP, TVS)
    buf += struct.pack("<f", 1e-12) + struct.pack("<i", QK)
    names = ["<s>", "<pad>", "</s>", "<unk>", "x"]
    blob = "".join(names).encode()
    offs, o = [], 0
    for n in names:
        offs.append(o)
        o += len(n.encode())
    offs.append(o)
    buf += struct.pack("<i", len(names)) + struct.pack("<4i", 0, 2, 1, 3) + struct.pack("<Q", len(blob))
    buf += struct.pack(f"<{len(offs)}I", *offs) + struct.pack(f"<{len(names)}f", 0, 0, 0, 0, -2.5) + blob
    buf += struct.pack("<i", 0) + struct.pack("<I", 0)  # character map: empty
    qs = bytes((lo | (hi << 4)) for lo, hi in zip(range(16), range(15, -1, -1)))
    block = struct.pack("<e", 0.5) + qs
    name = b"emb.word"
    head = struct.pack("<i", 1) + struct.pack("<H", len(name)) + name + struct.pack("<BIQQ", 2, 32, 0, len(block))
    start = len(buf) + len(head)
    head = struct.pack("<i", 1) + struct.pack("<H", len(name)) + name + struct.pack("<BIQQ", 2, 32, start, len(block))
    tensors, vocab = read_e5s1(buf + head + block)
    w = tensors["emb.word"].reshape(-1)
    assert list(w[:16]) == [(q - 8) * 0.5 for q in range(16)]
    assert list(w[16:]) == [(q - 8) * 0.5 for q in range(15, -1, -1)]
    assert vocab["pieces"][4] == "x" and vocab["scores"][4] == -2.5 and vocab["unk_score"] == -12.5
