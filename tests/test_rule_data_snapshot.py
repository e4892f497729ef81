"""The snapshot of the rule pack's data files (factcheck/data/rule_data_<lang>.marshal)
holds every data file as the safe YAML loader reads it now."""

from __future__ import annotations

import shutil

import pytest
import yaml

from factcheck import resources


@pytest.mark.parametrize("lang", ["ar", "en"])
def test_snapshot_is_current(lang):
    files = resources.data_files(lang)
    assert files
    stale = []
    for p in files:
        found, value = resources.snapshot_value(lang, p.resolve())
        if not found:
            stale.append(str(p))
            continue
        with open(p, encoding="utf-8") as f:
            parsed = yaml.load(f, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
        assert repr(value) == repr(parsed), p  # same values, types and key order
    assert not stale, f"run python scripts/build_rule_data.py: the snapshot is stale for {stale}"


def test_an_edited_file_is_parsed_again(tmp_path, monkeypatch):
    rules = tmp_path / "rules"
    shutil.copytree(resources.builtin_rules_dir(), rules)
    monkeypatch.setattr(resources, "builtin_rules_dir", lambda: rules)
    resources.load_data.cache_clear()
    try:
        months = resources.load_data("ar", "dates/grammar/months.yaml")
        assert resources.snapshot_value("ar", (rules / "ar/dates/grammar/months.yaml").resolve())[0]
        resources.load_data.cache_clear()
        target = rules / "ar/dates/grammar/months.yaml"
        target.write_text(target.read_text(encoding="utf-8") + "\nadded_for_test: 1\n", encoding="utf-8")
        assert not resources.snapshot_value("ar", target.resolve())[0]
        again = resources.load_data("ar", "dates/grammar/months.yaml")
        assert again["added_for_test"] == 1 and {k: v for k, v in again.items() if k != "added_for_test"} == months
    finally:
        resources.load_data.cache_clear()


def test_a_missing_or_foreign_snapshot_falls_back(tmp_path, monkeypatch):
    bad = tmp_path / "rule_data_ar.marshal"
    bad.write_bytes(b"not marshal data")
    monkeypatch.setattr(resources, "snapshot_path", lambda lang: bad)
    resources._snapshot.cache_clear()
    resources.load_data.cache_clear()
    try:
        assert resources._snapshot("ar") == {}
        assert resources.load_data("ar", "dates/grammar/months.yaml")["gregorian"]
    finally:
        resources._snapshot.cache_clear()
        resources.load_data.cache_clear()
