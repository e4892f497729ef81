"""scripts/reader_judgement.py: the score of a blind reader's verdicts."""
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))

import reader_judgement as rj  # noqa: E402


def _write(tmp_path, rows):
    p = tmp_path / "j.jsonl"
    p.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in rows) + "\n", encoding="utf-8")
    return p


def test_found_only_at_the_gap(tmp_path):
    s = "وجاء القرار ظل أزمة."
    gap = s.index("ظل")
    rows = [
        {"kind": "damaged", "sentence": s, "gap": gap, "system_found": True, "verdict": "missing",
         "corrected": s[:gap] + "في " + s[gap:], "word": "في"},
        # the right word in the wrong place is not a find
        {"kind": "damaged", "sentence": s, "gap": gap, "system_found": False, "verdict": "missing",
         "corrected": "و" + s, "word": "و"},
        {"kind": "damaged", "sentence": s, "gap": gap, "system_found": False, "verdict": "unsure",
         "corrected": s[:gap] + "في " + s[gap:], "word": "في"},
        {"kind": "damaged", "sentence": s, "gap": gap, "system_found": True, "verdict": "ok", "corrected": "", "word": ""},
        {"kind": "clean", "sentence": "وقال الوزير إن الخطة جاهزة.", "system_alarms": 1, "verdict": "missing",
         "corrected": "وقال الوزير في إن الخطة جاهزة.", "word": "في"},
        {"kind": "clean", "sentence": "وقال الوزير إن الخطة جاهزة.", "system_alarms": 0, "verdict": "ok",
         "corrected": "", "word": ""},
    ]
    out = rj.score(_write(tmp_path, rows))
    assert out["damaged"] == 4 and out["clean"] == 2
    assert out["reader_found"] == 1
    assert out["reader_found_or_unsure"] == 2
    assert out["reader_elsewhere"] == 1
    assert out["reader_ok_on_damaged"] == 1
    assert out["reader_missing_on_clean"] == 1
    assert out["system_found"] == 2 and out["system_alarms_on_clean"] == 1
    assert out["both_found"] == 1 and out["system_only"] == 1


def test_the_committed_judgement_scores_as_documented():
    out = rj.score(rj.AUDIT)
    assert (out["damaged"], out["clean"]) == (150, 150)
    assert out["reader_found"] == 132 and out["reader_missing_on_clean"] == 2
    assert out["system_found"] == 27 and out["system_alarms_on_clean"] == 0
