"""The CLI's cold path imports nothing heavy it does not need.

Each check runs `factcheck check FILE --format json` in a fresh interpreter and
lists the heavy modules in sys.modules when the command ends.  spaCy alone costs
about 3 s of cold start; the others are optional extras or other commands'
(audit: dask, pyarrow; serve: starlette, uvicorn; lsp: pygls; training: torch).
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

HEAVY = ("spacy", "spacy_udpipe", "thinc", "torch", "onnxruntime", "dask", "distributed", "pyarrow",
         "pandas", "duckdb", "starlette", "uvicorn", "pygls", "sklearn", "transformers")

EN = """---
title: Council approves budget
published: 2024-03-15
---

The city council approved the budget on Tuesday, March 12, 2024, after a long debate.
The mayor said the the plan would cut costs in the next year.
"""

# «إثر انتخابات 23 أكتوبر» is a candidate of ar.preposition.date, which asks the parser
AR = """وتم ترشيحه إثر انتخابات 23 أكتوبر 2011 كنائب بالمجلس الوطني التأسيسي عن دائرة تونس.
وقال المتحدث إن الاجتماع سيعقد يوم الأحد المقبل في العاصمة.
"""

SCRIPT = r"""
import json, sys
from factcheck.cli import main
try:
    main(["check", sys.argv[1], "--format", "json", "-o", sys.argv[2]], prog_name="factcheck")
except SystemExit as e:
    code = e.code
print(json.dumps({"exit": code, "modules": sorted(m for m in sys.modules
                  if m.split(".")[0] in sys.argv[3].split(",") or m.startswith("ufal"))}))
"""


def _cold_check(tmp_path, name: str, text: str) -> dict:
    art = tmp_path / name
    art.write_text(text, encoding="utf-8")
    out = tmp_path / (name + ".json")
    p = subprocess.run([sys.executable, "-c", SCRIPT, str(art), str(out), ",".join(HEAVY)],
                       capture_output=True, text=True, cwd=tmp_path, check=True,
                       env={"PATH": "/usr/bin:/bin", "HOME": str(tmp_path), "PYTHONPATH": str(ROOT)})
    res = json.loads(p.stdout.strip().splitlines()[-1])
    res["report"] = json.loads(out.read_text(encoding="utf-8"))
    return res


def test_english_check_imports_nothing_heavy(tmp_path):
    res = _cold_check(tmp_path, "en.md", EN)
    assert res["exit"] == 1  # the repeated word: the check really ran
    assert any(f["rule"] == "en.repetition.repeated-word" for f in res["report"]["files"][0]["findings"])
    heavy = [m for m in res["modules"] if m.split(".")[0] in HEAVY or m.startswith("ufal")]
    assert not heavy, f"an English check imported {heavy}"


def test_arabic_check_with_a_parse_does_not_import_spacy(tmp_path):
    res = _cold_check(tmp_path, "ar.txt", AR)
    assert res["report"]["files"][0]["language"] == "ar"
    assert "ufal.udpipe" in res["modules"], "the parser was not asked for: the test text no longer tests the parse path"
    heavy = [m for m in res["modules"] if m.split(".")[0] in HEAVY and m.split(".")[0] != "onnxruntime"]
    assert not heavy, f"an Arabic check imported {heavy}"
