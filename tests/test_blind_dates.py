"""The blind Arabic date set (tests/data/blind_ar_dates) at its recorded figures: recall
may only rise, and no clean copy may raise a date warning.  Recorded at session 32's end
(dev 14 of 20, test 11 of 18; before that session's two date changes dev 13, test 10)."""

import hashlib
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))

from eval_blind_dates import HERE, score  # noqa: E402

RECORDED = {"dev": 14, "test": 11}


def test_the_set_is_as_it_was_frozen():
    for line in (HERE / "FROZEN.sha256").read_text(encoding="utf-8").splitlines():
        digest, name = line.split(None, 1)
        assert hashlib.sha256((HERE / name).read_bytes()).hexdigest() == digest, name


@pytest.mark.parametrize("part", ["dev", "test"])
def test_recall_and_no_false_alarm(part):
    res = score(part)
    assert res["total"][0] >= RECORDED[part]
    assert res["false_alarms"] == 0
