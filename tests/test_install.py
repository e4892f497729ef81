"""A normal (non-editable) install carries the rule packs, data files and model."""

import subprocess
import sys
import zipfile

import pytest

from conftest import ROOT


def test_wheel_contains_rules_data_and_model(tmp_path):
    p = subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(tmp_path), str(ROOT)],
                       capture_output=True, text=True, timeout=600)
    if p.returncode != 0 and ("Could not find a version" in p.stderr or "Network" in p.stderr):
        pytest.skip("no package index to build a wheel with")
    assert p.returncode == 0, p.stderr[-2000:]
    (whl,) = tmp_path.glob("factcheck-*.whl")
    names = set(zipfile.ZipFile(whl).namelist())
    src_rules = sorted(q.relative_to(ROOT / "rules").as_posix() for q in (ROOT / "rules").rglob("*.yaml"))
    assert src_rules, "no rules in the checkout"
    missing = [r for r in src_rules if f"factcheck/_rules/{r}" not in names]
    assert not missing, missing
    for q in (ROOT / "factcheck").rglob("*"):
        if q.is_file() and "__pycache__" not in q.parts and q.suffix != ".pyc":
            rel = q.relative_to(ROOT).as_posix()
            assert rel in names, f"{rel} is not in the wheel"
