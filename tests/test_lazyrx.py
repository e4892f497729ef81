"""Module-level expressions compiled on first use (factcheck.lazyrx)."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import regex

from factcheck import lazyrx

ROOT = Path(__file__).resolve().parent.parent


def test_a_stand_in_compiles_once_and_takes_its_place():
    ns = {"_RX": lazyrx.regex_(r"\p{L}+", regex.I), "_PLAIN": lazyrx.re_(r"\d+"), "other": 1}
    lazyrx.bind(ns)
    held = ns["_RX"]  # a reference taken before the first use keeps working
    assert type(held) is lazyrx._Lazy
    assert ns["_RX"].match("Abc1").group() == "Abc"
    assert isinstance(ns["_RX"], regex.Pattern) and ns["_RX"].flags & regex.I
    assert held.search("12 xy").group() == "xy" and held.compiled() is ns["_RX"]
    assert type(ns["_PLAIN"]) is lazyrx._Lazy
    assert ns["_PLAIN"].findall("a1b22") == ["1", "22"] and isinstance(ns["_PLAIN"], re.Pattern)


def test_a_bad_expression_fails_where_it_is_used():
    ns = {"_BAD": lazyrx.regex_(r"(unclosed")}
    lazyrx.bind(ns)
    try:
        ns["_BAD"].match("x")
    except regex.error:
        pass
    else:
        raise AssertionError("a bad expression compiled")


SCRIPT = r"""
import sys
from factcheck.cli import main
try:
    main(["check", sys.argv[1], "--format", "json", "-o", sys.argv[2], "--cache-dir", sys.argv[3]], prog_name="factcheck")
except SystemExit as e:
    print("exit", e.code)
import factcheck.dates.extract as de
print("lazy", sum(1 for v in vars(de).values() if type(v).__name__ == "_Lazy"))
print("modules", " ".join(m for m in ("yaml", "_hashlib") if m in sys.modules))
"""


def test_a_plain_check_parses_no_yaml_loads_no_openssl_and_compiles_what_it_uses(tmp_path):
    # rules come from factcheck/data/built_rules.marshal, data from the snapshots, the result
    # cache hashes with the C module; an article without front matter needs no YAML at all
    art = tmp_path / "en.txt"
    art.write_text("The mayor said the the plan would cut costs in the next year.\n", encoding="utf-8")
    p = subprocess.run([sys.executable, "-c", SCRIPT, str(art), str(tmp_path / "out.json"), str(tmp_path / "cache")],
                       capture_output=True, text=True, cwd=tmp_path, check=True,
                       env={"PATH": "/usr/bin:/bin", "HOME": str(tmp_path), "PYTHONPATH": str(ROOT)})
    lines = dict(line.split(" ", 1) if " " in line else (line, "") for line in p.stdout.splitlines())
    assert lines["exit"] == "1"  # the repeated word: the check ran
    assert lines["modules"] == "", f"a plain check imported {lines['modules']}"
    assert int(lines["lazy"]) > 20  # most of the extractor's expressions were never needed
    assert (tmp_path / "cache").is_dir()  # the result cache was written (with the C module's sha256)
