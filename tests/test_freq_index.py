"""The frequency index (factcheck/data/freq_<lang>.idx) answers as the list does."""

from __future__ import annotations

import shutil

import pytest

from factcheck import lexicon


@pytest.mark.parametrize("lang", ["ar", "en"])
def test_index_is_built_from_the_list_beside_it(lang):
    idx = lexicon.ZipfIndex.open(lang)
    assert idx is not None, f"freq_{lang}.idx is missing or stale: python scripts/build_frequency_lists.py --index-only"
    table = lexicon.read_freq_list(lang)
    assert len(idx) == len(table)
    # every word of the list, with the same float; a fresh index so that no dict answers
    for w, z in table.items():
        v = idx.get(w, 0.0)
        assert v == z and type(v) is float, w
    assert idx._dict is None or len(table) > idx.DICT_AFTER


def test_every_word_has_its_own_hash():
    for lang in ("ar", "en"):
        hashes = {lexicon.word_hash(w) for w in lexicon.read_freq_list(lang)}
        assert len(hashes) == len(lexicon.read_freq_list(lang))


def test_unknown_words_and_the_mapping_interface():
    f = lexicon.ZipfIndex.open("ar")
    table = lexicon.read_freq_list("ar")
    for w in ("قزقزقز", "xyzzy", "في" * 9, "\ud800", "في\u200d"):
        assert f.get(w, 0.0) == table.get(w, 0.0) == 0.0
        assert w not in f
    assert f.get(3, 1.5) == 1.5
    assert "في" in f and f["في"] == table["في"]
    with pytest.raises(KeyError):
        f["قزقزقز"]
    assert dict(f) == table


def test_a_stale_index_is_ignored(tmp_path, monkeypatch):
    data = tmp_path / "data"
    data.mkdir()
    shutil.copy(lexicon.freq_index_path("ar"), data / "freq_ar.idx")
    monkeypatch.setattr(lexicon, "freq_index_path", lambda lang: data / f"freq_{lang}.idx")
    monkeypatch.setattr(lexicon, "freq_list_path", lambda lang: data / f"freq_{lang}.txt.gz")
    import gzip

    with gzip.open(data / "freq_ar.txt.gz", "wt", encoding="utf-8") as f:
        f.write("# test\n5.00\tكلمة أخرى\n")
    assert lexicon.ZipfIndex.open("ar") is None  # built from another list
    lexicon.freq.cache_clear()
    try:
        assert lexicon.freq("ar") == {"كلمة": 5.0, "أخرى": 5.0}
        lexicon.build_freq_index("ar")
        idx = lexicon.ZipfIndex.open("ar")
        assert idx is not None and idx.get("كلمة") == 5.0 and idx.get("في") is None and len(idx) == 2
    finally:
        lexicon.freq.cache_clear()


def test_a_long_run_switches_to_the_dict(monkeypatch):
    f = lexicon.ZipfIndex.open("ar")
    monkeypatch.setattr(f, "DICT_AFTER", 10)
    words = list(lexicon.read_freq_list("ar"))[:30] + ["قزقزقز"]
    assert [f.get(w, 0.0) for w in words] == [lexicon.read_freq_list("ar").get(w, 0.0) for w in words]
    assert f._dict is not None


def test_freq_hands_out_the_dict_once_the_index_has_switched(monkeypatch):
    lexicon.freq.cache_clear()
    try:
        f = lexicon.freq("ar")
        assert type(f) is lexicon.ZipfIndex and lexicon.freq("ar") is f
        monkeypatch.setattr(f, "DICT_AFTER", 5)
        for w in list(lexicon.read_freq_list("ar"))[:10]:
            f.get(w)
        d = lexicon.freq("ar")
        assert type(d) is dict and d is f._dict and d == lexicon.read_freq_list("ar")
    finally:
        lexicon.freq.cache_clear()
