"""Short benchmark: fails on a real regression in speed, false alarms or seeded recall.

Tolerances and the stored figures are in bench/baseline.json (see bench/short.py):
warm speed more than 3x slower than the baseline (measured as a ratio to a calibration
loop run in the same process), false alarms per 1,000 sentences on a fixed sample above
max(1.5x baseline, baseline + 5), or seeded recall of a type covered in the baseline
more than 0.15 below it. Skips when the shared corpus is absent. Needs no npm/textlint.
Refresh the baseline after an intended change: python -m bench --update-baseline
"""

import sys
import time
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

from bench.common import corpus_root  # noqa: E402

pytestmark = pytest.mark.skipif(corpus_root() is None, reason="shared corpus not found (FACTCHECK_CORPUS)")


@pytest.fixture(scope="module")
def short():
    from bench import short as s

    base = s.load_baseline()
    if base is None:
        pytest.skip("bench/baseline.json missing: run python -m bench --update-baseline")
    t0 = time.perf_counter()
    cur = s.measure({lang: list(t) for lang, t in s.limits(base)["recall_min"].items()})
    return s, base, cur, time.perf_counter() - t0


def test_speed_not_slower_than_baseline(short):
    s, base, cur, _ = short
    problems = [p for p in s.compare(cur, base) if p.startswith("speed")]
    assert not problems, "\n".join(problems)


def test_false_alarms_under_ceiling(short):
    s, base, cur, _ = short
    problems = [p for p in s.compare(cur, base) if p.startswith("false alarms")]
    assert not problems, "\n".join(problems)


def test_seeded_recall_above_floor(short):
    s, base, cur, _ = short
    problems = [p for p in s.compare(cur, base) if p.startswith("seeded")]
    assert not problems, "\n".join(problems)


def test_short_run_is_short(short):
    *_, seconds = short
    assert seconds < 120, f"the short benchmark took {seconds:.0f} s (budget 120 s)"


def test_injector_is_deterministic():
    """Same seed, same article, same injection (the recall figures depend on it)."""
    import random

    from bench.common import articles
    from bench.seeded import EXPECTED

    art = articles("en")[0]
    for name, (langs, _, fn, _) in EXPECTED.items():
        if "en" not in langs:
            continue
        a = fn(art.text, "en", art.published, random.Random(1))
        b = fn(art.text, "en", art.published, random.Random(1))
        assert (a is None) == (b is None), name
        if a is not None:
            assert (a.pos, a.old_len, a.new, a.span) == (b.pos, b.old_len, b.new, b.span), name
            t2 = a.apply(art.text)
            assert 0 <= a.span[0] <= a.span[1] <= len(t2), name
