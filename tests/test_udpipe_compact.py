"""scripts/train_udpipe.py compact_parser: the shipped parser's weights are rounded, and the
rounding and the block format are what the script says."""

from __future__ import annotations

import json
import lzma
import struct
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))

import train_udpipe as T  # noqa: E402

MODEL = ROOT / "factcheck" / "models" / "ar_pud.udpipe"
META = ROOT / "factcheck" / "models" / "ar_pud.json"


def _parser_block(data: bytes) -> bytes:
    i = T._last_block(data)
    u, c = struct.unpack_from("<II", data, i)
    props = data[i + 12:i + 17]
    block = lzma.LZMADecompressor(lzma.FORMAT_RAW, filters=T._lzma_filters(props)).decompress(
        data[i + 17:i + 17 + c], max_length=u)
    assert len(block) == u
    return block


def test_shipped_parser_weights_are_rounded():
    import numpy as np

    bits = json.loads(META.read_text(encoding="utf-8"))["parser_compaction"]["mantissa_bits"]
    assert bits == T.PARSER_MANTISSA_BITS
    block = _parser_block(MODEL.read_bytes())
    spans = T.parser_float_spans(block)
    assert sum(n for _, n in spans) > 100_000  # the embeddings and the network
    low = (1 << (23 - bits)) - 1
    for off, n in spans:
        x = np.frombuffer(block, dtype="<u4", count=n, offset=off)
        assert not (x & low).any()
    # and the floats are real weights, not zeros
    w = np.frombuffer(block, dtype="<f4", count=spans[-2][1], offset=spans[-2][0])
    assert np.abs(w).max() > 0.01 and np.isfinite(w).all()


def test_round_mantissa_rounds_to_nearest():
    import numpy as np

    ulp = 2.0 ** -11  # of 1.0 at 11 bits of mantissa
    vals = np.array([1.0, 1.0 + ulp / 4, 1.0 + 3 * ulp / 4, -(1.0 + 3 * ulp / 4), 1.0 + ulp / 2, 0.0],
                    dtype="<f4")
    block = b"head" + vals.tobytes() + b"tail"
    out = T.round_mantissa(block, [(4, len(vals))], 11)
    assert out[:4] == b"head" and out[-4:] == b"tail"
    got = np.frombuffer(out, dtype="<f4", count=len(vals), offset=4)
    want = np.array([1.0, 1.0, 1.0 + ulp, -(1.0 + ulp), 1.0 + ulp, 0.0], dtype="<f4")
    assert got.tolist() == want.tolist()
    rng = np.random.default_rng(0)
    r = rng.normal(size=1000).astype("<f4")
    back = np.frombuffer(T.round_mantissa(r.tobytes(), [(0, 1000)], 11), dtype="<f4")
    assert (np.abs(back - r) <= np.abs(r) * 2.0 ** -12).all()


def test_parser_block_must_parse_to_its_end():
    block = _parser_block(MODEL.read_bytes())
    with pytest.raises(ValueError):
        T.parser_float_spans(block + b"\0")
    with pytest.raises(ValueError):
        T.parser_float_spans(block[:-1])
