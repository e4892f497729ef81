"""The compiled-pattern cache of the date grammar (factcheck.rxcache)."""

import json
import os
import pickle
import subprocess
import sys
import textwrap

import pytest
import regex

from factcheck import rxcache

AR = "وصل الوفد يوم الاثنين 7 أكتوبر/تشرين الأول 2023 بعد ثلاثة أيام من المحادثات، وغادر في الساعة الخامسة مساء."
EN = "The talks began on Monday, October 7, 2023, three days after the vote, and ended last week."

# a fresh interpreter: the timeline of both texts, and how many patterns each set compiled
# (rather than read from the cache file)
SNIPPET = textwrap.dedent("""
    import json, sys
    from factcheck import rxcache
    from factcheck.dates import timeline_for
    from factcheck.document import parse_document
    out = {}
    for lang, text in (("ar", sys.argv[1]), ("en", sys.argv[2])):
        doc = parse_document("t.txt", text, lang=lang, published="2024-08-15")
        out[lang] = timeline_for(doc)
    print(json.dumps({"timeline": out, "compiled": dict(rxcache._new)}, default=str))
""")


def _run(cache, seed="0"):
    env = dict(os.environ, FACTCHECK_REGEX_CACHE=str(cache), PYTHONHASHSEED=seed)
    r = subprocess.run([sys.executable, "-c", SNIPPET, AR, EN], capture_output=True, text=True, env=env,
                       timeout=120)
    assert r.returncode == 0, r.stderr
    return json.loads(r.stdout)


@pytest.fixture
def fresh(tmp_path, monkeypatch):
    monkeypatch.setenv("FACTCHECK_REGEX_CACHE", str(tmp_path))
    rxcache._reset_for_tests()
    yield tmp_path
    rxcache._reset_for_tests()


def test_second_run_reads_what_the_first_compiled(tmp_path):
    first = _run(tmp_path, seed="1")
    assert first["compiled"]["dates-ar"] > 0 and first["compiled"]["dates-en"] > 0
    files = sorted(p.name for p in tmp_path.iterdir())
    assert files == [f"regex-{rxcache.FORMAT}-{regex.__version__}-{sys.implementation.cache_tag}-dates-{lang}.pickle"
                     for lang in ("ar", "en")]
    # another process, another hash seed: the grammar builds the same sources, so nothing
    # is compiled again, and the dates read are the same
    second = _run(tmp_path, seed="2")
    assert second["compiled"] == {}
    assert second["timeline"] == first["timeline"]
    assert any(t["value"] == "2023-10-07" for t in first["timeline"]["ar"])
    # and the same as with no cache at all
    off = _run("off")
    assert off["timeline"] == first["timeline"] and off["compiled"] == {}  # off: nothing counted to write


def test_off_writes_nothing(tmp_path, monkeypatch):
    monkeypatch.setenv("FACTCHECK_REGEX_CACHE", "off")
    rxcache._reset_for_tests()
    try:
        assert rxcache.cache_dir() is None and rxcache.cache_file("dates-ar") is None
        p = rxcache.compile(r"\d+", 0, "t")
        assert p.match("12") and rxcache.save() == 0
    finally:
        rxcache._reset_for_tests()


def test_default_folder_follows_xdg(monkeypatch, tmp_path):
    monkeypatch.delenv("FACTCHECK_REGEX_CACHE")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    assert rxcache.cache_dir() == tmp_path / "factcheck"
    monkeypatch.setenv("XDG_CACHE_HOME", "relative/path")  # the spec says ignore a relative one
    assert rxcache.cache_dir() == rxcache.Path.home() / ".cache" / "factcheck"


def test_round_trip_in_process(fresh):
    src = r"(?<![\p{L}])(?:ال)?(?:اثنين|ثلاثاء)(?![\p{L}])"
    p = rxcache.compile(src, regex.V0, "t")
    assert rxcache.save() == 1 and rxcache.save() == 0  # nothing new the second time
    rxcache._reset_for_tests()
    q = rxcache.compile(src, regex.V0, "t")
    assert rxcache._new == {}  # read from the file
    assert q.pattern == src and q.search("يوم الاثنين").span() == p.search("يوم الاثنين").span()


class _Boom:
    def __init__(self, path):
        self.path = path

    def __reduce__(self):
        return (os.mkdir, (self.path,))


def test_a_file_naming_another_callable_is_refused(fresh):
    marker = fresh / "made-by-the-cache-file"
    path = rxcache.cache_file("t")
    path.write_bytes(pickle.dumps({(r"\d+", 0): _Boom(str(marker))}))
    assert rxcache._read(path) == {}
    p = rxcache.compile(r"\d+", 0, "t")
    assert p.match("7") and not marker.exists()
    assert rxcache.save() == 1  # written again, with the real pattern
    rxcache._reset_for_tests()
    assert rxcache.compile(r"\d+", 0, "t").match("7") and rxcache._new == {}


def test_an_entry_naming_another_callable_is_compiled_again(fresh):
    """The file is read lazily: a bad entry costs that entry, not the others, and never runs."""
    marker = fresh / "made-by-an-entry"
    path = rxcache.cache_file("t")
    good = pickle.dumps(regex.compile(r"[a-z]+"), protocol=pickle.HIGHEST_PROTOCOL)
    path.write_bytes(pickle.dumps({(r"\d+", 0): pickle.dumps(_Boom(str(marker))), (r"[a-z]+", 0): good}))
    assert rxcache.compile(r"[a-z]+", 0, "t").fullmatch("abc") and rxcache._new == {}  # read, not compiled
    p = rxcache.compile(r"\d+", 0, "t")
    assert p.fullmatch("7") and not marker.exists() and rxcache._new == {"t": 1}
    assert rxcache.save() == 1  # written again, with the real pattern
    rxcache._reset_for_tests()
    assert rxcache.compile(r"\d+", 0, "t").match("7") and rxcache._new == {}
    assert set(rxcache._read(path)) == {(r"\d+", 0), (r"[a-z]+", 0)}


def test_only_the_patterns_asked_for_are_unpickled(fresh, monkeypatch):
    for i in range(20):
        rxcache.compile(f"w{i}[a-z]+", 0, "t")
    assert rxcache.save() == 1
    rxcache._reset_for_tests()
    decoded = []
    real = rxcache._decode
    monkeypatch.setattr(rxcache, "_decode", lambda k, b: decoded.append(k) or real(k, b))
    assert rxcache.compile("w7[a-z]+", 0, "t").fullmatch("w7abc") and rxcache._new == {}
    assert decoded == [("w7[a-z]+", 0)]


@pytest.mark.parametrize("content", [
    b"not a pickle at all",
    pickle.dumps(["a list", "not a dict"]),
    pickle.dumps({(r"\d+", 0): "a string, not a pattern"}),
    pickle.dumps({(r"\d+", 0): regex.compile(r"[a-z]+")}),  # filed under another source
    pickle.dumps({(r"\d+", 0): regex.compile(r"\d+")}),  # the first format: patterns, not their bytes
    pickle.dumps({(r"\d+", 0): pickle.dumps(regex.compile(r"[a-z]+"))}),  # filed under another source
    pickle.dumps({(r"\d+", 0): pickle.dumps(regex.compile(r"\d+"))})[:-5],  # cut short
])
def test_a_file_or_an_entry_that_is_not_ours_is_compiled_again(fresh, content):
    path = rxcache.cache_file("t")
    path.write_bytes(content)
    p = rxcache.compile(r"\d+", 0, "t")
    assert p.pattern == r"\d+" and p.fullmatch("2024") and rxcache._new == {"t": 1}


def test_a_folder_that_cannot_be_written_costs_nothing(tmp_path, monkeypatch):
    blocker = tmp_path / "a-file"
    blocker.write_text("x")
    monkeypatch.setenv("FACTCHECK_REGEX_CACHE", str(blocker / "sub"))
    rxcache._reset_for_tests()
    try:
        assert rxcache.compile(r"x+", 0, "t").match("xx")
        assert rxcache.save() == 0  # no error raised
    finally:
        rxcache._reset_for_tests()


def test_concurrent_writers_merge(fresh):
    rxcache.compile("a+", 0, "t")
    assert rxcache.save() == 1
    rxcache._reset_for_tests()
    # another process wrote b+ meanwhile; this one compiled c+ from a file it read before
    rxcache._raw["t"] = {}
    rxcache.compile("c+", 0, "t")
    other = {("b+", 0): regex.compile("b+"), ("a+", 0): regex.compile("a+")}
    rxcache.cache_file("t").write_bytes(rxcache._dumps(other))
    assert rxcache.save() == 1
    assert set(rxcache._read(rxcache.cache_file("t"))) == {("a+", 0), ("b+", 0), ("c+", 0)}


def test_flags_must_match(fresh):
    path = rxcache.cache_file("t")
    # filed under IGNORECASE but compiled without it: not ours
    path.write_bytes(pickle.dumps({("abc", int(regex.IGNORECASE)): pickle.dumps(regex.compile("abc"))}))
    assert rxcache._read(path) == {}
    assert rxcache.compile("abc", regex.IGNORECASE, "t").match("ABC")


def test_a_file_grown_too_large_keeps_what_the_run_used(fresh, monkeypatch):
    monkeypatch.setattr(rxcache, "_KEEP_BYTES", 2000)
    for i in range(60):  # an old grammar's expressions
        rxcache.compile(f"old{i}[a-z]+\\d{{{i % 5 + 1}}}", 0, "t")
    assert rxcache.save() == 1
    rxcache._reset_for_tests()
    rxcache.compile("new[0-9]+", 0, "t")
    rxcache.compile("old3[a-z]+\\d{4}", 0, "t")
    assert rxcache.save() == 1
    assert set(rxcache._read(rxcache.cache_file("t"))) == {("new[0-9]+", 0), ("old3[a-z]+\\d{4}", 0)}
