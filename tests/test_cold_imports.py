"""The CLI's cold path imports nothing heavy it does not need.

Each check runs `factcheck check FILE --format json` in a fresh interpreter and
lists the heavy modules in sys.modules when the command ends.  spaCy alone costs
about 3 s of cold start; the others are optional extras or other commands'
(audit: dask, pyarrow; serve: starlette, uvicorn, pebble; lsp: pygls; training: torch),
or the test extra's clients, and none of factcheck's own modules that serve other
commands or formats (the server, the language server, audit, baselines, the HTML and
JUnit reports, the tables of `dates` and `figures`).
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

HEAVY = ("spacy", "spacy_udpipe", "thinc", "torch", "onnxruntime", "dask", "distributed", "pyarrow",
         "pandas", "duckdb", "starlette", "uvicorn", "pebble", "pygls", "lsprotocol", "sklearn", "transformers",
         "playwright", "language_tool_python", "junitparser", "jsonschema", "hypothesis")
# factcheck's modules for other commands and formats: a plain JSON check needs none of them
OTHER_COMMANDS = ("factcheck.server", "factcheck.service", "factcheck.lsp", "factcheck.audit",
                  "factcheck.spacy_component", "factcheck.baseline", "factcheck.gitchanges", "factcheck.difftext",
                  "factcheck.selftest", "factcheck.output.html_format", "factcheck.output.html_parts",
                  "factcheck.output.junit_format", "factcheck.output.sarif_format", "factcheck.output.text_format",
                  "factcheck.dates.render", "factcheck.dates.timeline_svg", "factcheck.figures.render")

EN = """---
title: Council approves budget
published: 2024-03-15
---

The city council approved the budget on Tuesday, March 12, 2024, after a long debate.
The mayor said the the plan would cut costs in the next year. About 300 residents attended.
"""

# «إثر انتخابات 23 أكتوبر» is a candidate of ar.preposition.date, which asks the parser
AR = """وتم ترشيحه إثر انتخابات 23 أكتوبر 2011 كنائب بالمجلس الوطني التأسيسي عن دائرة تونس.
وقال المتحدث إن الاجتماع سيعقد يوم الأحد المقبل في العاصمة.
"""

SCRIPT = r"""
import json, sys
from factcheck.cli import main
try:
    main(sys.argv[4:] or ["check", sys.argv[1], "--format", "json", "-o", sys.argv[2]], prog_name="factcheck")
except SystemExit as e:
    code = e.code
print(json.dumps({"exit": code, "modules": sorted(m for m in sys.modules
                  if m.split(".")[0] in sys.argv[3].split(",") or m.startswith("ufal") or m.startswith("factcheck"))}))
"""


def _cold_check(tmp_path, name: str, text: str, *command: str) -> dict:
    """`factcheck check NAME --format json` (or `factcheck COMMAND...`) in a fresh interpreter."""
    art = tmp_path / name
    art.write_text(text, encoding="utf-8")
    out = tmp_path / (name + ".json")
    p = subprocess.run([sys.executable, "-c", SCRIPT, str(art), str(out), ",".join(HEAVY), *command],
                       capture_output=True, text=True, cwd=tmp_path, check=True,
                       env={"PATH": "/usr/bin:/bin", "HOME": str(tmp_path), "PYTHONPATH": str(ROOT)})
    lines = p.stdout.strip().splitlines()
    res = json.loads(lines[-1])
    res["output"] = "\n".join(lines[:-1])
    if not command:
        res["report"] = json.loads(out.read_text(encoding="utf-8"))
    return res


def _other_commands(modules) -> list[str]:
    return [m for m in modules if m.startswith(OTHER_COMMANDS)]


def test_english_check_imports_nothing_heavy(tmp_path):
    res = _cold_check(tmp_path, "en.md", EN)
    assert res["exit"] == 1  # the repeated word: the check really ran
    assert any(f["rule"] == "en.repetition.repeated-word" for f in res["report"]["files"][0]["findings"])
    assert res["report"]["files"][0]["figures"] and res["report"]["files"][0]["timeline"]
    heavy = [m for m in res["modules"] if m.split(".")[0] in HEAVY or m.startswith("ufal")]
    assert not heavy, f"an English check imported {heavy}"
    assert not _other_commands(res["modules"]), f"a JSON check imported {_other_commands(res['modules'])}"


def test_default_arabic_check_loads_the_gap_model_and_no_parser(tmp_path):
    res = _cold_check(tmp_path, "ar.txt", AR)
    assert res["report"]["files"][0]["language"] == "ar"
    assert "onnxruntime" in res["modules"], "the gap model did not run"
    assert not [m for m in res["modules"] if m.startswith("ufal")], "a default Arabic check loaded the parser"
    heavy = [m for m in res["modules"] if m.split(".")[0] in HEAVY and m.split(".")[0] != "onnxruntime"]
    assert not heavy, f"an Arabic check imported {heavy}"


def test_arabic_check_with_a_parse_does_not_import_spacy(tmp_path):
    # the one rule that asks for a parse is off by default: name it
    (tmp_path / ".factcheck.yaml").write_text('select: ["*", ar.preposition.date]\n', encoding="utf-8")
    res = _cold_check(tmp_path, "ar.txt", AR)
    assert res["report"]["files"][0]["language"] == "ar"
    assert "ufal.udpipe" in res["modules"], "the parser was not asked for: the test text no longer tests the parse path"
    heavy = [m for m in res["modules"] if m.split(".")[0] in HEAVY and m.split(".")[0] != "onnxruntime"]
    assert not heavy, f"an Arabic check imported {heavy}"
    assert not _other_commands(res["modules"]), f"a JSON check imported {_other_commands(res['modules'])}"


def test_dates_and_figures_commands_import_nothing_heavy(tmp_path):
    text = AR + "وأعلنت الوزارة أن 2500 جندي وصلوا إلى المنطقة.\n"
    for command, shown in (("dates", "23 أكتوبر 2011"), ("figures", "2500")):
        res = _cold_check(tmp_path, "ar.txt", text, command, "ar.txt")
        assert res["exit"] in (None, 0) and shown in res["output"], res
        heavy = [m for m in res["modules"] if m.split(".")[0] in HEAVY]
        assert not heavy, f"factcheck {command} imported {heavy}"
        others = [m for m in _other_commands(res["modules"]) if not m.startswith(f"factcheck.{command}.render")
                  and m != "factcheck.output.text_format"]
        assert not others, f"factcheck {command} imported {others}"


FREQ_SCRIPT = r"""
import json, sys
import factcheck.lexicon as L
read, orig = [], L.read_freq_list
L.read_freq_list = lambda lang, raw=None: (read.append(lang), orig(lang, raw))[1]
from factcheck.cli import main
try:
    main(["check", sys.argv[1], "--format", "json", "-o", sys.argv[2]], prog_name="factcheck")
except SystemExit:
    pass
print(json.dumps({"read": read, "types": {lang: type(L.freq(lang)).__name__ for lang in ("ar", "en")}}))
"""


def test_a_cold_arabic_check_does_not_read_the_whole_frequency_list(tmp_path):
    # the gap model's feature rows and the broken-word kinds look their words up in the
    # index (factcheck/data/freq_ar.idx); building the 187,000-word dict costs ~0.1 s
    art = tmp_path / "ar.txt"
    art.write_text(AR, encoding="utf-8")
    p = subprocess.run([sys.executable, "-c", FREQ_SCRIPT, str(art), str(tmp_path / "out.json")],
                       capture_output=True, text=True, cwd=tmp_path, check=True,
                       env={"PATH": "/usr/bin:/bin", "HOME": str(tmp_path), "PYTHONPATH": str(ROOT)})
    res = json.loads(p.stdout.strip().splitlines()[-1])
    assert json.loads((tmp_path / "out.json").read_text(encoding="utf-8"))["files"][0]["language"] == "ar"
    assert res["types"]["ar"] == "ZipfIndex", "freq_ar.idx is missing or stale (scripts/build_frequency_lists.py)"
    assert res["read"] == [], f"the frequency list was read whole: {res['read']}"
