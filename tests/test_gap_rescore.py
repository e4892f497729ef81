"""The re-scorer of the «في» gaps (factcheck/gaprescore.py): the tree walk, the features, the
shipped arrays, and how the gap-model kind uses it."""

import sys

import numpy as np
import pytest

from conftest import ROOT

from factcheck import gapmodel as gm
from factcheck import gaprescore as gr
from factcheck.document import parse_document

sys.path.insert(0, str(ROOT / "scripts"))  # the training scripts' helpers


def _plain_walk(r, x):
    """The reference: each tree walked node by node from its root."""
    out = []
    for row in x:
        raw = r.baseline
        for k in range(r.feature.shape[0]):
            j = 0
            while r.left[k, j] != j:
                j = r.left[k, j] if row[r.feature[k, j]] <= r.threshold[k, j] else r.right[k, j]
            raw += r.value[k, j]
        out.append(1.0 / (1.0 + np.exp(-raw)))
    return np.array(out)


def _two_trees(tmp_path):
    """Tree 0: x0 <= 0.5 ? (x1 <= 2 ? 1.0 : -1.0) : 0.5; tree 1: a leaf of 0.25 (a stump)."""
    nf = len(gr.FEATURES)
    m = 5
    feat = np.zeros((2, m), dtype=np.int64)
    thr = np.zeros((2, m))
    left = np.tile(np.arange(m), (2, 1))
    right = left.copy()
    val = np.zeros((2, m))
    feat[0, 0], thr[0, 0], left[0, 0], right[0, 0] = 0, 0.5, 1, 4
    feat[0, 1], thr[0, 1], left[0, 1], right[0, 1] = 1, 2.0, 2, 3
    val[0, 2], val[0, 3], val[0, 4] = 1.0, -1.0, 0.5
    val[1, 0] = 0.25
    trees = {"tree_feature": feat, "tree_threshold": thr, "tree_left": left, "tree_right": right,
             "tree_value": val, "tree_depth": np.array(2), "tree_baseline": np.array(-0.1),
             "tree_n_features": np.array(nf)}
    path = tmp_path / "r.npz"
    gr.save_tables(path, {n: {} for n in gr.TABLE_NAMES}, trees)
    return gr.Rescorer(str(path))


def test_the_tree_walk_follows_each_tree_to_its_leaf(tmp_path):
    r = _two_trees(tmp_path)
    x = np.zeros((4, len(gr.FEATURES)))
    x[:, 0] = [0.0, 0.0, 1.0, 0.5]
    x[:, 1] = [1.0, 3.0, 0.0, 2.0]
    raw = np.array([1.0, -1.0, 0.5, 1.0]) + 0.25 - 0.1
    assert np.allclose(r.score(x), 1.0 / (1.0 + np.exp(-raw)))
    assert len(r.score(np.zeros((0, len(gr.FEATURES))))) == 0


def test_the_shipped_trees_walk_as_the_reference_does():
    r = gr.get_rescorer()
    assert r.n_features == len(gr.FEATURES)
    rng = np.random.default_rng(0)
    x = rng.normal(0, 3, size=(60, len(gr.FEATURES)))
    x[:, 0] = rng.uniform(-6, 8, 60)
    got = r.score(x)
    assert np.allclose(got, _plain_walk(r, x), atol=1e-12, rtol=0)
    assert got.min() >= 0 and got.max() <= 1 and got.std() > 0.01  # not a constant


def test_trees_of_another_feature_list_are_refused(tmp_path):
    path = tmp_path / "bad.npz"
    with np.load(gr.RESCORE_PATH) as z:
        a = {k: z[k] for k in z.files}
    a["tree_n_features"] = np.array(len(gr.FEATURES) - 1)
    np.savez(path, **a)
    with pytest.raises(ValueError, match="features"):
        gr.Rescorer(str(path))


def test_count_tables_read_back_what_was_saved(tmp_path):
    path = tmp_path / "t.npz"
    tabs = {"after": {gr.pair_id("الآونة", "الاخيرة"): 40, 7: 2}, "before": {}, "w_after": {gr.word_id("ظل"): 9},
            "w_before": {}}
    gr.save_tables(path, tabs)
    t = gr.load_tables(str(path))
    keys = np.array([gr.pair_id("الآونة", "الاخيرة"), 7, 8], dtype=np.uint64)
    assert t.get("after", keys).tolist() == [40, 2, 0]
    assert t.get("before", keys).tolist() == [0, 0, 0]
    assert t.get("w_after", np.array([gr.word_id("ظل")], dtype=np.uint64)).tolist() == [9]


def _col(name):
    return gr.FEATURES.index(name)


def test_features_read_the_phrases_either_side_and_the_article():
    text = ("وقال المسؤول إن الوضع في قطاع غزة صعب. "
            "وأكد أن المساعدات تصل يوميا إلى السكان قطاع غزة. وتحسنت الأمور الآونة الأخيرة بما ذلك الأسعار.")
    doc = parse_document("t.txt", text, lang="ar")
    sc = gm.doc_scores(doc)
    ws = [t.w for t in sc.toks]
    gaza = ws.index("قطاع", ws.index("قطاع") + 1)
    recent = ws.index("الاونة") if "الاونة" in ws else ws.index("الآونة")
    that = ws.index("ذلك")
    first = 0
    idx = [gaza, recent, that, first]
    p = sc.gap[idx, gm.CLASSES.index("في")]
    x = gr.features(sc, idx, p, gr.get_rescorer().tables, gm.get_model().ngrams)
    assert x.shape == (4, len(gr.FEATURES))
    # «في قطاع غزة» stands earlier in the article: both echoes, and its counts
    assert x[0, _col("echo2")] == 1 and x[0, _col("echo1")] == 1
    assert x[0, _col("art_w_fi")] == 1 and x[0, _col("art_phrase_fi")] == 1
    assert x[1, _col("echo1")] == 0 and x[1, _col("art_w_fi")] == 0
    # «الآونة الأخيرة» follows «في» often in the training text; «بما» is followed by it
    assert x[1, _col("right_after_fi")] > np.log1p(50) and x[1, _col("has_right")] == 1
    assert x[2, _col("prev_before_fi")] > np.log1p(50)
    # the first word has nothing before it
    assert x[3, _col("has_prev")] == 0 and x[3, _col("has_left")] == 0 and x[3, _col("pair_total")] == 0
    assert np.allclose(x[:, _col("logit_fi")], np.log(p / (1 - p)), atol=1e-5)


def test_a_gaps_score_does_not_depend_on_the_other_candidates():
    """So the run-time floor (`RUN_FLOOR`) only drops gaps; it changes no score."""
    text = (ROOT / "samples" / "ar" / "01-economy.md").read_text(encoding="utf-8")
    doc = parse_document("t.md", text, lang="ar")
    sc = gm.doc_scores(doc)
    p = sc.gap[:, gm.CLASSES.index("في")].astype(np.float64)
    every = gr.doc_rescored(sc, p, floor=0.0)
    sc.cache.clear()
    some = gr.doc_rescored(sc, p, floor=0.3)
    assert some and len(some) < len(every)
    assert all(abs(every[i] - q) < 1e-12 for i, q in some.items())


def _rule(root, options):
    from test_gap_model import _gap_rule

    return _gap_rule(root, options)


def _gaps(rule, text):
    from factcheck.engine import Engine
    from factcheck.rules import RuleSet

    doc = parse_document("t.txt", text, lang="ar")
    return [h.start for h in Engine(RuleSet([rule], [])).run_rule(rule, doc)]


def test_the_rescorer_adds_gaps_the_threshold_misses(tmp_path):
    text = "وقال المتحدث إن الوضع الإنساني اليمن يزداد سوءا يوما بعد يوم."
    plain = _rule(tmp_path / "a", "mode: gap\nwords: [في]\nthreshold: 0.95")
    both = _rule(tmp_path / "b", "mode: gap\nwords: [في]\nthreshold: 0.95\nrescore_threshold: 0.99")
    sc = gm.doc_scores(parse_document("t.txt", text, lang="ar"))
    assert sc.gap[[t.w for t in sc.toks].index("اليمن"), 1] < 0.95  # the network alone is not sure
    assert _gaps(plain, text) == []
    assert _gaps(both, text) == [text.index("اليمن")]


def test_the_rescorer_keeps_the_adverb_and_bracket_conditions(tmp_path):
    text = "وقال الوزير إن الحكومة ستعمل الفترة المقبلة على خفض الأسعار."
    free = _rule(tmp_path / "a", "mode: gap\nwords: [في]\nthreshold: 0.999\nrescore_threshold: 0.99")
    adv = _rule(tmp_path / "b", "mode: gap\nwords: [في]\nthreshold: 0.999\nrescore_threshold: 0.99\n"
                                "adverbs: [الفترة]\nadverb_threshold: 0.999")
    assert _gaps(free, text) == [text.index("الفترة")]
    assert _gaps(adv, text) == []


def test_the_rescorer_is_not_asked_in_an_article_that_lost_fi(tmp_path, monkeypatch):
    import factcheck.gaprescore

    from test_gap_model import _FAIR

    rule = _rule(tmp_path, "mode: gap\nwords: [في]\nthreshold: 0.95\nmin_evidence: 10\nrescore_threshold: 0.99")
    sc = gm.doc_scores(parse_document("t.txt", _FAIR, lang="ar"))
    assert gm.lost_probability(sc, "في", 10) >= 0.5

    def refuse(*a, **k):
        raise AssertionError("the re-scorer was asked")

    monkeypatch.setattr(factcheck.gaprescore, "doc_rescored", refuse)
    assert _gaps(rule, _FAIR)  # the article's gaps, from the threshold path alone


def test_rescore_threshold_is_for_fi_alone(tmp_path):
    from factcheck.yamlio import SourceError

    with pytest.raises(SourceError, match="rescore_threshold"):
        _rule(tmp_path / "a", "mode: gap\nwords: [في, على]\nrescore_threshold: 0.99")
    with pytest.raises(SourceError, match="rescore_threshold"):
        _rule(tmp_path / "b", "mode: gap\nwords: [في]\nrescore_threshold: 1.5")


def test_many_rows_are_walked_in_chunks_with_the_same_scores(monkeypatch):
    r = gr.get_rescorer()
    rng = np.random.default_rng(1)
    x = rng.normal(0, 3, size=(50, len(gr.FEATURES)))
    whole = r.score(x)
    monkeypatch.setattr(gr.Rescorer, "CHUNK", 7)
    assert np.array_equal(r.score(x), whole)


# ------------------------------------------------------------------ broken words

_RURAL = "وتعاني المناطق الريفية من نقص المياه. ويقول سكان المناطق الرية إن الآبار جفت."


def _broken_rule(root, options):
    return _rule(root, "mode: broken\n" + options)


def test_the_shipped_broken_word_trees_walk_as_the_reference_does():
    r = gr.get_broken_rescorer()
    assert r.n_features == len(gr.BROKEN_FEATURES)
    rng = np.random.default_rng(2)
    x = rng.normal(0, 3, size=(40, len(gr.BROKEN_FEATURES)))
    got = r.score(x)
    assert np.allclose(got, _plain_walk(r, x), atol=1e-12, rtol=0) and got.std() > 0.01
    with pytest.raises(ValueError, match="features"):
        gr.Rescorer(str(gr.BROKEN_PATH))  # the gap head's feature list: another length


def test_broken_word_features_read_the_article_and_the_neighbours():
    sc = gm.doc_scores(parse_document("t.txt", _RURAL, lang="ar"))
    ws = [t.w for t in sc.toks]
    i = ws.index("الرية")
    rep = gm.get_model().features.repair("الرية")
    assert rep[0] == "الريفية"
    x = gr.broken_features(sc, [(i, rep[0], rep[2])], [float(sc.broken[i])], gm.get_model().ngrams)[0]
    col = gr.BROKEN_FEATURES.index
    assert x[col("repair_in_article")] == 1 and x[col("token_in_article")] == 0
    assert x[col("has_prev")] == 1 and x[col("has_next")] == 1
    assert x[col("prev_repair")] > x[col("prev_token")]  # «المناطق الريفية» is the common pair
    assert x[col("best_reading")] >= 3.0  # «الرية» is itself a word


def test_the_broken_word_rescorer_adds_a_word_the_threshold_misses(tmp_path):
    plain = _broken_rule(tmp_path / "a", "threshold: 0.98\nmin_evidence: 10")
    both = _broken_rule(tmp_path / "b", "threshold: 0.98\nmin_evidence: 10\nbroken_rescore_threshold: 0.995")
    sc = gm.doc_scores(parse_document("t.txt", _RURAL, lang="ar"))
    assert sc.broken[[t.w for t in sc.toks].index("الرية")] < 0.5  # the network alone is far from sure
    at = _RURAL.index("الرية")
    assert _gaps(plain, _RURAL) == []
    assert _gaps(both, _RURAL) == [at]
    calm = "وتعيش الطفلة مع عائلتها في القرية، وتنام مبكرا كل ليلة."
    assert _gaps(both, calm) == []


def test_the_broken_word_rescorer_is_not_asked_in_an_article_that_lost_fi(tmp_path, monkeypatch):
    import factcheck.gaprescore

    from test_gap_model import _FAIR

    rule = _broken_rule(tmp_path, "threshold: 0.98\nmin_evidence: 10\nbroken_rescore_threshold: 0.995")

    def refuse(*a, **k):
        raise AssertionError("the re-scorer was asked")

    monkeypatch.setattr(factcheck.gaprescore, "doc_rebroken", refuse)
    _gaps(rule, _FAIR)  # the book fair sample has lost «في»: no second look
    with pytest.raises(AssertionError, match="re-scorer"):
        _gaps(rule, _RURAL)


def test_broken_rescore_threshold_is_a_probability(tmp_path):
    from factcheck.yamlio import SourceError

    with pytest.raises(SourceError, match="broken_rescore_threshold"):
        _broken_rule(tmp_path, "threshold: 0.98\nbroken_rescore_threshold: 2")


def test_a_file_without_a_table_reads_it_as_empty(tmp_path):
    path = tmp_path / "t.npz"
    gr.save_tables(path, {"after": {5: 3}})
    t = gr.load_tables(str(path))
    assert t.get("after", np.array([5], dtype=np.uint64)).tolist() == [3]
    assert t.get("w_before", np.array([5], dtype=np.uint64)).tolist() == [0]


def test_rows_made_on_the_train_part_see_the_tables_without_their_story_group():
    """The re-scorer's rows from the train part's half B: the count tables less the counts
    of the article's story group, kept only from the stored floor (a pair seen only in this
    week's copies reads as unseen, as it would in new copy)."""
    import train_gap_rescorer as tr

    from factcheck import gapmodel as gm

    base = gr.Tables({"after_keys": np.array([5, 9, 12], dtype=np.uint64),
                      "after_counts": np.array([10, 3, 2], dtype=np.uint32)})
    own = {"after": {9: 2, 12: 1, 77: 4}}
    got = tr.TablesWithout(base, own).get("after", np.array([5, 9, 12, 40], dtype=np.uint64))
    assert got.tolist() == [10.0, 0.0, 0.0, 0.0]  # 3-2 = 1 and 2-1 = 1 fall under the floor of 2
    assert tr.TablesWithout(base, {}).get("after", np.array([9], dtype=np.uint64)).tolist() == [3.0]

    class NG:
        def word_counts(self, keys):
            return np.tile(np.arange(len(gm.WORD_TABLES), dtype=np.int64) + 4, (len(keys), 1))

    c = tr.NGramsWithout(NG(), {"B": {1: 3}, "T1": {2: 9}}).word_counts(np.array([1, 2], dtype=np.uint64))
    assert c[:, 0].tolist() == [0.0, 4.0]  # B: 4-3 under the floor; key 2 untouched
    assert c[:, 1].tolist() == [5.0, 0.0]  # T1: key 2 taken off entirely
    assert c[:, 2].tolist() == [6.0, 6.0]


def test_the_train_part_is_halved_by_story_group():
    """half_of: one half a week, fixed by the seed, about half the weeks each side."""
    import train_gap_model as tg

    weeks = [f"20{y}-W{w:02d}" for y in range(10, 20) for w in range(1, 53)]
    halves = [tg.half_of(w) for w in weeks]
    assert halves == [tg.half_of(w) for w in weeks]
    assert set(halves) == {"A", "B"}
    assert 0.4 < halves.count("A") / len(halves) < 0.6
    assert [tg.half_of(w, seed=1) for w in weeks] != halves
