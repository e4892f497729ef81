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


# ---------------------------------------------------------------- built values (the date grammar)

@pytest.mark.parametrize("lang", ["ar", "en"])
def test_built_grammar_is_current_and_equals_a_fresh_build(lang):
    from factcheck.dates import grammar as dg

    found, plain = resources.built_value(lang, dg.BUILT_NAME, dg.built_digest(lang))
    assert found, "run python scripts/build_rule_data.py: the built date grammar is stale"
    fresh = dg.build(lang)
    read = dg.from_plain(plain)
    assert dg.to_plain(read) == dg.to_plain(fresh)
    assert read.future_re.pattern == fresh.future_re.pattern and read.past_re.pattern == fresh.past_re.pattern
    assert isinstance(read.content, frozenset) and isinstance(read.digit_starts, tuple)
    # what grammar() gives is the built one, and it reads dates as the fresh build does
    from factcheck.dates.extract import Extractor

    text = {"ar": "وقع الحادث يوم الأحد 5 مايو 2024 في الصباح.",
            "en": "It happened on Sunday, May 5, 2024, in the morning."}[lang]
    got = [(m.start, m.end, m.value) for m in Extractor(lang).run(text, lambda s, e: (s, e), None)]
    assert any(v == "2024-05-05" for _, _, v in got), got


def test_an_edited_grammar_is_built_from_the_data(tmp_path, monkeypatch):
    """A data file edited since the build (its digest differs): the grammar is built from
    the file as it is, not read from the stale built value."""
    from factcheck.dates import grammar as dg

    rules = tmp_path / "rules"
    shutil.copytree(resources.builtin_rules_dir(), rules)
    monkeypatch.setattr(resources, "builtin_rules_dir", lambda: rules)
    resources.load_data.cache_clear()
    dg.grammar.cache_clear()
    try:
        assert resources.built_value("en", dg.BUILT_NAME, dg.built_digest("en"))[0]
        target = rules / "en/dates/grammar/months.yaml"
        data = yaml.safe_load(target.read_text(encoding="utf-8"))
        data["gregorian"][5] = list(data["gregorian"][5]) + ["Maytember"]
        target.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
        assert not resources.built_value("en", dg.BUILT_NAME, dg.built_digest("en"))[0]
        assert dg.grammar("en").lex["gregorian"].get("maytember") == 5
    finally:
        resources.load_data.cache_clear()
        dg.grammar.cache_clear()


def test_a_foreign_built_file_falls_back(tmp_path, monkeypatch):
    from factcheck.dates import grammar as dg

    bad = tmp_path / "built_ar.marshal"
    bad.write_bytes(b"\x00not marshal")
    monkeypatch.setattr(resources, "built_path", lambda lang: bad)
    resources._built.cache_clear()
    dg.grammar.cache_clear()
    try:
        assert resources._built("ar") == {}
        assert dg.to_plain(dg.grammar("ar")) == dg.to_plain(dg.build("ar"))
    finally:
        resources._built.cache_clear()
        dg.grammar.cache_clear()


# ---------------------------------------------------------------- the built rules


def test_built_rules_are_current():
    from factcheck import rules

    rules._built_rules.cache_clear()
    made = rules._built_rules()
    root = resources.builtin_rules_dir()
    files = rules.rule_files(root)
    assert files and len(made) == len(files), \
        "run python scripts/build_rule_data.py: the built rules are stale (a rule file or the code that decodes rules changed)"
    for path in files:
        built = rules._from_built(made, path, root)
        assert built is not None, f"run python scripts/build_rule_data.py: {path} changed since the rules were built"
        fresh = rules.load_rule_file(path, root)
        assert built == fresh, path
        assert getattr(built, "disabled", False) == getattr(fresh, "disabled", False), path
        assert [getattr(e, "published", None) for e in built.bad + built.good] == \
               [getattr(e, "published", None) for e in fresh.bad + fresh.good], path


def test_an_edited_rule_file_is_decoded_again(tmp_path, monkeypatch):
    from factcheck import rules

    pack = tmp_path / "rules"
    shutil.copytree(resources.builtin_rules_dir(), pack)
    monkeypatch.setattr(resources, "builtin_rules_dir", lambda: pack)
    target = pack / "en/repetition/repeated-word.yaml"
    text = target.read_text(encoding="utf-8")
    assert "\nseverity: error\n" in text
    target.write_text(text.replace("\nseverity: error\n", "\nseverity: info\n", 1), encoding="utf-8")
    decoded = []
    real = rules.load_rule_file
    monkeypatch.setattr(rules, "load_rule_file", lambda path, root, kinds=None: (decoded.append(path.name), real(path, root))[1])
    rules._load_rules.cache_clear()
    try:
        by_id = rules.load_rules().by_id()
        assert by_id["en.repetition.repeated-word"].severity == "info"
        assert decoded == ["repeated-word.yaml"]  # every other rule came from the built rules
        assert by_id["en.repetition.repeated-word"].path == str(target)
        decoded.clear()
        rules._load_rules.cache_clear()
        assert len(rules.load_rules(built=False).rules) == len(by_id) and len(decoded) == len(by_id)
    finally:
        rules._load_rules.cache_clear()


def test_built_rules_of_other_code_or_a_foreign_file_are_not_used(tmp_path, monkeypatch):
    from factcheck import rules

    rules._built_rules.cache_clear()
    try:
        monkeypatch.setattr(rules, "code_digest", lambda: b"other code")
        assert rules._built_rules() == {}
        monkeypatch.undo()
        rules._built_rules.cache_clear()
        bad = tmp_path / "built_rules.marshal"
        bad.write_bytes(b"not marshal data")
        monkeypatch.setattr(rules, "built_rules_path", lambda: bad)
        assert rules._built_rules() == {}
        rules._load_rules.cache_clear()
        assert len(rules.load_rules().rules) == len(rules.rule_files(resources.builtin_rules_dir()))
    finally:
        monkeypatch.undo()
        rules._built_rules.cache_clear()
        rules._load_rules.cache_clear()
