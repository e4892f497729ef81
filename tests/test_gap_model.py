"""The learned Arabic gap model: features, article counts, the kinds, and the committed
model against its recorded dev figures."""

import json
import sys

import pytest

from conftest import ROOT, run_cli

from factcheck import gapmodel as gm
from factcheck.document import parse_document
from factcheck.lexicon import light_tokens

sys.path.insert(0, str(ROOT / "scripts"))


def test_tokens_are_the_lexicon_tokens():
    text = "وقال الوزيرُ، في بيانٍ: «الاتفاق نهائي» (2024)… ثم غادر.\nسطر آخر ABC-12 فيه."
    doc = parse_document("a.txt", text, lang="ar")
    a = [(t.start, t.end, t.w, t.raw, t.pre) for t in light_tokens(doc)]
    b = [(t.start, t.end, t.w, t.raw, t.pre) for t in gm.tokenize(text)]
    assert a == b


def test_segments_cut_at_sentence_ends_and_length():
    toks = gm.tokenize("أ ب ج. د ه\nو ز " + " ".join(["كلمة"] * 130))
    segs = gm.segments(toks)
    assert segs[0] == (0, 3) and segs[1] == (3, 5)
    assert all(e - s <= gm.MAX_LEN for s, e in segs)
    assert segs[-1][1] == len(toks) and all(a[1] == b[0] for a, b in zip(segs, segs[1:]))


@pytest.mark.parametrize("pre,cls", [("", 0), (" ", 1), ("، ", 2), (". ", 3), ("\n", 3), (": ", 4),
                                     (" «", 5), ("» ", 6), (" - ", 8)])
def test_pre_classes(pre, cls):
    assert gm.pre_class(pre) == cls


def test_betabinom_is_a_distribution():
    n, p, rho = 300, 0.038, 0.002
    cdf = [gm.betabinom_cdf(x, n, p, rho) for x in range(n + 1)]
    assert all(a <= b + 1e-12 for a, b in zip(cdf, cdf[1:]))
    assert cdf[-1] == pytest.approx(1.0, abs=1e-9)
    mean = sum((1 - c) for c in cdf[:-1])  # E[X] = sum P(X > x)
    assert mean == pytest.approx(n * p, rel=1e-6)
    # with almost no spread it is the binomial: P(X = 0) = (1-p)^n
    assert gm.betabinom_cdf(0, n, p, 1e-7) == pytest.approx((1 - p) ** n, rel=1e-3)


def test_repair_table_reads_through_proclitics():
    feats = gm.load_features()
    assert feats.repair("الصحين")[0] == "الصحفيين"
    rep = feats.repair("وتنام")
    assert rep is not None and rep[0] == "وفيتنام"
    assert feats.repair("الكتاب") is None


def test_word_rates_flag_an_article_without_fi():
    feats = gm.load_features()
    body = " ".join(["وقال المسؤول إن الحكومة ستعلن الخطة قريبا بعد اجتماع مع الشركاء"] * 40)
    toks = gm.tokenize(body)
    x, expected, pv = gm.word_rates(toks, feats.rates)[0]["في"]
    assert x == 0 and expected > 10 and pv < 1e-4
    normal = gm.tokenize(body.replace("بعد", "في"))
    assert gm.word_rates(normal, feats.rates)[0]["في"][2] > 0.01


def _scores(text):
    doc = parse_document("x.txt", text, lang="ar")
    return gm.doc_scores(doc)


_FAIR = (ROOT / "samples" / "ar" / "04-book-fair.md").read_text(encoding="utf-8")


def test_broken_words_add_evidence_of_a_search_and_replace():
    """A replace that also took «في» out of words («الصحفيين» → «الصحين») leaves more
    evidence than one that took the standalone word only; the clean article has none,
    and the broken-word prior rises only where the loss reached inside words."""
    model = gm.get_model()
    assert model.inword is not None and model.inword[1] > model.inword[0]  # share > head's prior
    sc = _scores(_FAIR)
    ev_with, q, inside = sc.lost["في"]
    assert ev_with > 11 and 0 < q <= 0.5 and inside > 0.9
    ev_without = gm.lost_evidence(sc, "في", model.priors["في"])[0]
    assert ev_with > ev_without + 2
    assert gm.broken_shift(sc, 10, model.inword) > 1.0
    # had the replace spared the words (every word reads as intact), the broken-word term
    # costs at most log 2, and broken words keep their usual prior
    import numpy as np

    sc.broken = np.full_like(sc.broken, 1e-5)
    sc.lost["في"] = gm.lost_evidence(sc, "في", model.priors["في"], model.inword)
    assert sc.lost["في"][0] >= ev_without - 0.7 and sc.lost["في"][2] < 0.1
    assert 0 <= gm.broken_shift(sc, 10, model.inword) < 0.25


_HIJRI = ("وأوضح المدير أن عملية التسجيل تبدأ في الأول من شهر ذي القعدة 1436 هـ وتستمر حتى غرة شهر ذي الحجة 1436 هـ، "
          "فيما تعلن القوائم الأولية يوم السابع عشر من شهر صفر 1437 هـ وتبدأ عملية الاقتراع غرة شهر ربيع الأول 1437 هـ "
          "وتعلن النتائج يوم الثاني من شهر ربيع الأول 1437 هـ. وأشار إلى أنه تم تخصيص أربعين مركزا انتخابيا بالمنطقة، "
          "منها ستة وعشرون مركزا للرجال وأربعة عشر مركزا للنساء، علاوة على مراكز أخرى بالمحافظات. "
          "وبين أن اللجنة العامة للانتخابات وضعت ضوابط لتنفيذ الحملات الإعلانية للمرشحين والمرشحات، "
          "وأن المرشح يستطيع استخدام الصحف والإذاعة بهدف الترويج لبرنامجه الانتخابي وفق الأنظمة المعمول بها. ") * 4


def test_tokens_no_deletion_could_leave_are_no_evidence_of_broken_words():
    """The Hijri «هـ» folds to «ه», what «فيه» leaves, and the broken head scores it high,
    but a deletion never leaves a tatweel: twenty of them once gave this article (4 «في»
    where 15 were expected) an evidence of 118 and a word-rate finding. Tokens that no «في»
    put back turns into a word, and drawn-out ones, weigh nothing; the count alone stays."""
    sc = _scores(_HIJRI)
    hijri = [i for i, t in enumerate(sc.toks) if t.raw == "هـ"]
    assert len(hijri) == 20 and min(float(sc.broken[i]) for i in hijri) > 0.5  # what the head says
    ev, q, inside = sc.lost["في"]
    count_only = -__import__("math").log(sc.rates["في"][2])
    assert ev < count_only + 1
    # the twenty «هـ» weigh nothing, whatever the broken head scores them (at or above the floor it checks)
    model = gm.get_model()
    args = ("في", model.priors["في"], model.inword, model.features)
    sc.broken[hijri] = 0.999
    high = gm.lost_evidence(sc, *args)
    sc.broken[hijri] = gm.BROKEN_FLOOR
    assert gm.lost_evidence(sc, *args) == pytest.approx(high, abs=1e-9)
    assert high[0] == pytest.approx(ev, abs=1e-9)
    assert not [f for f in _findings(_HIJRI) if f["rule"] == "ar.preposition.word-rate"]


def test_prior_shift_follows_the_probability_of_a_loss():
    sc = gm.Scores([], {}, 0)
    base = 0.004
    sc.lost["في"] = (10.0, 0.04, 0.0)
    half = gm.prior_shift(sc, "في", 10.0, base)
    assert half == pytest.approx(gm.logit(0.022) - gm.logit(base), rel=1e-6)  # even odds: halfway
    sc.lost["في"] = (30.0, 0.04, 0.0)
    assert gm.prior_shift(sc, "في", 10.0, base) == pytest.approx(gm.logit(0.04) - gm.logit(base), rel=1e-4)
    sc.lost["في"] = (0.0, 0.04, 0.0)
    assert 0 < gm.prior_shift(sc, "في", 10.0, base) < 0.01
    sc.lost["في"] = (30.0, 0.003, 0.0)  # fewer missing than the base prior assumes: no shift
    assert gm.prior_shift(sc, "في", 10.0, base) == 0.0


# ------------------------------------------------------------------ damage (the eval script)

def test_search_and_replace_damage_marks_gaps_and_broken_words():
    from eval_gap_model import damage_all

    text = "وجاء القرار في ظل أزمة، وفي القاهرة اجتمع الصحفيين فيه."
    new, marks = damage_all(text)
    assert new == "وجاء القرار ظل أزمة، و القاهرة اجتمع الصحين ه."
    spans = [(k, new[s:e] if k == "broken" else new[s:s + 2]) for k, s, e in marks]
    assert spans == [("gap", "ظل"), ("gap", "ال"), ("broken", "الصحين"), ("broken", "ه")]


# ------------------------------------------------------------------ the kinds, end to end

def _findings(text, **kw):
    p = run_cli("check", "--format", "json", "--lang", "ar", "-", input=text, **kw)
    assert p.returncode in (0, 1), p.stderr
    return json.loads(p.stdout)["files"][0]["findings"]


def test_whole_article_without_fi_is_flagged_and_its_gaps_found():
    sents = [
        "وجاء القرار في ظل أزمة اقتصادية حادة تعيشها البلاد منذ سنوات.",
        "ويعيش نحو مليون لاجئ في لبنان وفق تقديرات المفوضية.",
        "وأقيمت المباراة في ملعب البصرة الدولي بحضور جماهيري كبير.",
        "وقال الوزير في مؤتمر صحفي إن الحكومة ستواصل العمل في إطار خطتها.",
        "وشارك في الاجتماع ممثلون عن الدول الأعضاء في المنظمة.",
        "وأكد المتحدث أن الوضع في المدينة مستقر في الوقت الحالي.",
    ]
    text = "\n\n".join(sents * 4)
    assert text.count("في") >= 30
    broken = text.replace("في ", "")
    fs = _findings(broken)
    rules = [f["rule"] for f in fs]
    assert "ar.preposition.word-rate" in rules
    gaps = [f for f in fs if f["rule"] == "ar.preposition.missing-fi"]
    assert len(gaps) >= 12
    for f in gaps:
        assert f["start"] == f["end"] and f["fix"]["edits"][0]["replacement"] == "في "
    # the clean article: no word-rate finding, and few or no gaps
    clean = _findings(text)
    assert not [f for f in clean if f["rule"] in ("ar.preposition.word-rate", "ar.preposition.missing-fi")]


def test_english_copy_never_loads_the_model():
    code = ("import sys, factcheck.cli as c; sys.argv=['factcheck','check','-'];\n"
            "import io; sys.stdin=io.TextIOWrapper(io.BytesIO(b'The minister said on Monday that the plan is final.'));\n"
            "try:\n    c.main()\nexcept SystemExit:\n    pass\n"
            "gm = sys.modules.get('factcheck.gapmodel')\n"
            "print('onnxruntime' in sys.modules, bool(gm and gm.get_model.cache_info().currsize))")
    import subprocess

    p = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert p.stdout.strip().splitlines()[-1] == "False False", p.stdout + p.stderr


# ------------------------------------------------------------------ the committed model

RECORDED = ROOT / "factcheck" / "models" / "ar_gap.dev-sample.json"


def test_model_card_and_files_ship():
    assert gm.MODEL_PATH.is_file() and gm.FEATURES_PATH.is_file()
    assert gm.NGRAMS_PATH.is_file()
    from factcheck import gaprescore

    files = (gm.MODEL_PATH, gm.FEATURES_PATH, gm.NGRAMS_PATH, gaprescore.RESCORE_PATH, gaprescore.BROKEN_PATH)
    total = sum(p.stat().st_size for p in files)
    assert total <= 25 * 1000 * 1000  # the package limit for the model files: 25 MB
    card = (gm.MODELS / "ar_gap.md").read_text(encoding="utf-8")
    assert "ANT Corpus" in card and "Chouigui" in card and "antcorpus.github.io" in card


def test_committed_model_matches_its_recorded_dev_figures():
    """The eval script on a small fixed sample of the dev part reproduces the figures
    recorded when the model was committed (within a tolerance for a different machine)."""
    from train_gap_model import DATA

    if not DATA.is_file():
        pytest.skip("../shared/train is not present")
    rec = json.loads(RECORDED.read_text(encoding="utf-8"))
    import eval_gap_model as ev

    got = ev.sample_figures(rec["articles"], rec["seed"], rec["all_articles"])
    for key, want in rec["figures"].items():
        tol = rec["tolerance"]["alarms" if key == "clean_alarms" else "recall"]
        assert got[key] == pytest.approx(want, abs=tol), key


def test_gap_features_vectorised_equal_the_scalar_reading():
    import numpy as np

    feats = gm.load_features()
    ng = gm.load_ngrams()
    toks = gm.tokenize("وقال الوزير في مؤتمر صحفي إن الحكومة ستواصل العمل في إطار خطتها، وأشار إلى التقرير.")
    rows, _ = feats.doc_rows(toks)
    got = gm.gap_features(feats, ng, rows)
    assert not got[0].any()
    for i in range(1, len(toks)):
        a, b = gm.word_ids(toks[i - 1].w), gm.word_ids(toks[i].w)
        kw = np.array([gm.pair_key(a[0], b[0])], dtype=np.uint64)
        ks = np.array([gm.pair_key(a[1], b[1])], dtype=np.uint64)
        counts = [*ng.word_counts(kw)[0].tolist(), *ng.stem_counts(ks)[0].tolist()]
        assert got[i].tolist() == pytest.approx(gm.gap_feature_row(counts))
    # a common pair is in the tables, with «في» between words that take it
    assert got[3][0] > 0  # «في مؤتمر»


def test_a_sentence_scores_the_same_alone_and_in_an_article():
    """No padding reaches the network: a sentence's probabilities do not depend on the
    other sentences it is batched with."""
    import numpy as np

    m = gm.get_model()
    a = "وجاء القرار ظل غياب التوافق بين الأطراف."
    rest = " وقال المتحدث إن الحكومة ستواصل العمل في إطار خطتها الجديدة من أجل تحقيق الأهداف. وأضاف أن الوضع مستقر."
    alone = m.score(gm.tokenize(a))[0]
    both = m.score(gm.tokenize(a + rest))[0][:len(alone)]
    assert np.allclose(alone, both, atol=1e-5)


def test_sentences_score_the_same_alone_and_in_runs_of_several_batches():
    """An article long enough for several runs of the network, each of several batches
    (LSTM grids) of sentences of different lengths: every sentence scores as it does alone."""
    import numpy as np

    m = gm.get_model()
    words = ("وقال المتحدث إن الحكومة ستواصل العمل في إطار خطتها الجديدة من أجل تحقيق الأهداف "
             "التي أعلنت عنها الوزارة بعد اجتماع مجلس الوزراء مع ممثلي القطاع الخاص في العاصمة").split()
    rng = np.random.default_rng(5)
    sents = [" ".join(rng.choice(words, size=int(k))) + "." for k in rng.integers(1, 75, size=60)]
    toks = gm.tokenize(" ".join(sents))
    rows, pres = m.features.doc_rows(toks)
    segs = gm._cut((np.nonzero(pres[1:] == 3)[0] + 1).tolist(), len(toks))
    assert len(gm._batches(segs, 64, m.batch_cost)) > 2 * m.blocks  # several runs
    gap, broken = m.score(toks)
    for s, e in segs:
        g1, b1 = m.score(toks[s:e])
        assert np.allclose(gap[s:e], g1, atol=1e-6, rtol=0) and np.allclose(broken[s:e], b1, atol=1e-6, rtol=0)


def test_the_flat_graph_gives_the_exported_graphs_probabilities(tmp_path):
    """flatten_graph rewrites the exported network (a padded [batch, longest] grid through
    every layer) into the run-time's (words end to end, LSTM grids by index, four a run):
    on a small random network, the run-time's inputs (`_feeds`) give the probabilities the
    exported graph gives each sentence in a padded batch."""
    torch = pytest.importorskip("torch")
    pytest.importorskip("onnx")
    import numpy as np
    import onnxruntime as ort
    import train_gap_model as tg

    torch.manual_seed(0)
    net = tg.build_net(50, 64, h=8, din=12)
    with torch.no_grad():
        for p in net.parameters():
            p.normal_(0, 0.5)
    tg.export(net, str(tmp_path / "exported.onnx"), flatten=False)
    tg.flatten_graph(str(tmp_path / "exported.onnx"), str(tmp_path / "flat.onnx"))
    so = ort.SessionOptions()
    so.intra_op_num_threads = 1
    exported = ort.InferenceSession(str(tmp_path / "exported.onnx"), so, providers=["CPUExecutionProvider"])
    flat = ort.InferenceSession(str(tmp_path / "flat.onnx"), so, providers=["CPUExecutionProvider"])
    blocks = sum(1 for i in flat.get_inputs() if i.name.startswith("lens"))
    assert blocks == tg.LSTM_BLOCKS

    class Feats:  # feature row i of token i
        pass

    rng = np.random.default_rng(1)
    lens = rng.integers(1, 30, size=23)
    n = int(lens.sum())
    feats = Feats()
    feats.word_arr = rng.integers(0, 50, size=n)
    feats.sub_arr = rng.integers(0, 64, size=(n, gm.N_SUB))
    feats.scal_arr = rng.random((n, gm.N_SCALARS), dtype=np.float32)
    pres = rng.integers(0, gm.N_PRE, size=n)
    gapf = rng.random((n, gm.N_GAPF), dtype=np.float32)
    starts = np.concatenate([[0], np.cumsum(lens)[:-1]])
    segs = [(int(s), int(s + k)) for s, k in zip(starts, lens)]
    gap = np.zeros((n, len(gm.CLASSES)), dtype=np.float32)
    broken = np.zeros(n, dtype=np.float32)
    parts = gm._batches(segs, 64, 4.0)
    assert len(parts) > blocks  # several runs, a last one with fewer batches than blocks
    # the embedding rows (the graph's e_new), then the runs that score
    fill = {"e": np.zeros((0, 128), np.float32), "pre": np.zeros(0, np.int64), "scal": np.zeros((0, gm.N_SCALARS), np.float32),
            "gapf": np.zeros((0, gm.N_GAPF), np.float32), "gi": np.zeros((0, 2), np.int64), "yi": np.zeros((0, 2), np.int64),
            "new_word": feats.word_arr, "new_sub": feats.sub_arr}
    for j in range(blocks):
        fill[f"at{j}"], fill[f"lens{j}"] = np.zeros((1, 1), np.int64), np.ones(1, np.int32)
    (emb,) = flat.run(["e_new"], fill)
    order, feeds = gm._feeds(feats, emb, np.arange(n), pres, gapf, parts, blocks)
    for a, z, f in feeds:
        g, b = flat.run(["gap", "broken"], f)
        gap[order[a:z]], broken[order[a:z]] = g, b[:, 0]
    # the exported graph: all sentences in one padded batch
    t = int(lens.max())
    pos = np.zeros((len(segs), t), dtype=np.int64)
    pad = np.ones((len(segs), t), dtype=bool)
    for r, (s, e) in enumerate(segs):
        pos[r, :e - s] = np.arange(s, e)
        pad[r, :e - s] = False
    pre = np.where(pad, 0, pres[pos])
    pre[:, 0] = 3
    gf = np.where(pad[..., None], 0, gapf[pos])
    gf[:, 0] = 0
    g, b = exported.run(None, {"word": np.where(pad, 0, feats.word_arr[pos]), "sub": np.where(pad[..., None], 0, feats.sub_arr[pos]),
                               "pre": pre, "scal": np.where(pad[..., None], 0, feats.scal_arr[pos]), "gapf": gf,
                               "lens": lens.astype(np.int32)})
    for r, (s, e) in enumerate(segs):
        assert np.allclose(gap[s:e], g[r, :e - s], atol=1e-6, rtol=0)
        assert np.allclose(broken[s:e], b[r, :e - s], atol=1e-6, rtol=0)


def test_the_embedding_rows_follow_the_feature_rows(monkeypatch):
    """GapModel keeps the embeddings of each feature row; when the rows start again (a bound
    on memory), they are made again, and the scores do not change. A word new to the table
    scores as it does among known words (its row is never embedded alone)."""
    import numpy as np

    m = gm.GapModel()  # its own embedding rows (the features are shared)
    text = "وقال المتحدث إن الحكومة ستواصل العمل في إطار خطتها الجديدة. وأضاف أن الوضع مستقر."
    toks = gm.tokenize(text)
    before = m.score(toks)
    gen = m.features.generation
    monkeypatch.setattr(gm, "EMB_ROWS", 1)
    after = m.score(toks)  # the rows were dropped and made again
    assert m.features.generation == gen + 1
    assert np.array_equal(before[0], after[0]) and np.array_equal(before[1], after[1])
    monkeypatch.setattr(gm, "EMB_ROWS", 65_536)
    m.score(gm.tokenize(text + " قزحستانيات"))  # one new word: its row is embedded with another
    n = len(m.features._index) + 1
    feeds = dict(m._no_scoring)
    feeds["new_word"], feeds["new_sub"] = m.features.word_arr[:n], m.features.sub_arr[:n]
    assert np.array_equal(m._emb[:n], m.session.run(["e_new"], feeds)[0])  # as all rows at once



def test_no_tokens_score_nothing_even_first():
    """score([]) gives empty arrays, also as the first call after the feature rows start
    again (no word to embed yet: the embedding rows wait for the first word)."""
    import numpy as np

    m = gm.GapModel()
    text = "وقال المتحدث إن الحكومة ستواصل العمل في إطار خطتها الجديدة."
    before = m.score(gm.tokenize(text))
    m.features.restart()
    gap, broken = m.score([])
    assert gap.shape == (0, len(gm.CLASSES)) and broken.shape == (0,)
    after = m.score(gm.tokenize(text))
    assert np.array_equal(before[0], after[0]) and np.array_equal(before[1], after[1])

# ------------------------------------------------------------------ the fast paths give the reference values

def _ref_stem(w):
    from factcheck.lexicon import AR_PREFIXES

    for p in AR_PREFIXES:
        if w.startswith(p) and len(w) - len(p) >= 2:
            return w[len(p):]
    return w


def _ref_splits(w):
    from factcheck.lexicon import AR_PREFIXES

    return [("", w)] + [(p, w[len(p):]) for p in AR_PREFIXES if w.startswith(p) and len(w) - len(p) >= 2]


def _ref_row(feats, w):
    """Features.row as first written: a startswith walk over the prefixes, a call per piece."""
    import zlib

    from factcheck.lexicon import freq

    k = "<NUM>" if any(c.isdigit() for c in w) else (
        "<LAT>" if any("a" <= c <= "z" or "A" <= c <= "Z" for c in w) else w)
    st = _ref_stem(w)
    subs = tuple(zlib.crc32(x.encode("utf-8")) % feats.buckets for x in (
        "P2" + w[:2], "P3" + w[:3], "S2" + w[-2:], "S3" + w[-3:], "T" + st, "L" + str(min(len(w), 12))))
    f = freq("ar")
    z = f.get(w, 0.0)
    best = max([z] + [f.get(rest, 0.0) for _, rest in _ref_splits(w)])
    best_rep, n = None, 0
    for p, rest in _ref_splits(w):
        r = feats.repairs.get(rest)
        if r is not None:
            n += 1 + r[2]
            if best_rep is None or r[1] > best_rep[1]:
                best_rep = (p + r[0], r[1])
    scal = (z / 8.0, best / 8.0, best_rep[1] / 8.0 if best_rep else 0.0, 1.0 if k == "<NUM>" else 0.0,
            1.0 if k == "<LAT>" else 0.0, min(len(w), 12) / 12.0)
    return (feats.vocab.get(k, 1), subs, scal), (zlib.crc32(w.encode("utf-8")), zlib.crc32(st.encode("utf-8")))


def test_feature_rows_equal_the_reference_reading():
    import numpy as np

    feats = gm.read_features()  # a fresh table: every word is new to it
    words = list(feats.vocab)[2:3000] + list(feats.repairs)[:2000] + [
        "وبالمدينة", "للبيت", "لل", "وال", "و", "بالب", "ABC-12", "abc", "x²", "في٣", "١٢", "وبالx", "فيه", "الصحين"]
    for w in words:
        assert gm.stem(w) == _ref_stem(w), w
        assert list(gm.fi_splits(w)) == _ref_splits(w), w
        want_row, want_ids = _ref_row(feats, w)
        assert feats.row(w) == want_row, w
        assert gm.word_ids(w) == want_ids, w
    # the arrays of doc_rows hold the same rows
    toks = [gm.Tok(0, 0, w, w, " ") for w in words]
    rows, _ = feats.doc_rows(toks)
    for w, r in zip(words, rows.tolist()):
        want_row, want_ids = _ref_row(feats, w)
        assert feats.word_arr[r] == want_row[0]
        assert feats.sub_arr[r].tolist() == list(want_row[1])
        assert np.array_equal(feats.scal_arr[r], np.array(want_row[2], dtype=np.float32))
        assert feats.id_arr[r].tolist() == list(want_ids)


def test_features_and_tables_are_read_once_however_asked_for():
    assert gm.load_features() is gm.load_features(str(gm.FEATURES_PATH)) is gm.load_features(gm.FEATURES_PATH)
    assert gm.load_ngrams() is gm.load_ngrams(str(gm.NGRAMS_PATH))


def test_count_tables_are_stored_and_read_back_exactly(tmp_path):
    import numpy as np

    rng = np.random.default_rng(1)
    tables = {}
    for name in gm.TABLES:  # a few keys sharing their first word, counts over 255 and under MIN_COUNT
        keys = rng.integers(0, 2**64, size=300, dtype=np.uint64)
        keys[:50] = (keys[:50] & np.uint64(0xFFFFFFFF)) | (np.uint64(7) << np.uint64(32))
        tables[name] = {int(k): int(v) for k, v in zip(keys, rng.choice([0, 1, 2, 3, 40, 300, 70000], size=300))}
    tables["T6"] = {}  # an empty column
    w = gm.merge_tables(tables, gm.WORD_TABLES)
    s = gm.merge_tables(tables, gm.STEM_TABLES)
    path = tmp_path / "t.npz"
    gm.save_ngrams(path, w, s)
    ng = gm.NGrams(str(path))
    for got, want in zip(ng.w + ng.s, w + s):
        assert got.dtype == want.dtype and got.shape == want.shape and np.array_equal(got, want)
    gm.save_ngrams(tmp_path / "again.npz", w, s)
    assert (tmp_path / "again.npz").read_bytes() == path.read_bytes()  # the same tables, the same file
    # the first form (compressed W_k/W_c/S_k/S_c) is read too
    np.savez_compressed(tmp_path / "old.npz", W_k=w[0], W_c=w[1], S_k=s[0], S_c=s[1])
    old = gm.NGrams(str(tmp_path / "old.npz"))
    for got, want in zip(old.w + old.s, w + s):
        assert np.array_equal(got, want)


def test_lost_threshold_applies_only_to_an_article_that_lost_the_word(tmp_path):
    """`lost_threshold` lowers the threshold in an article whose loss of «في» is more
    likely than not (the word-rate finding has told the editor), and nowhere else."""
    from factcheck.engine import Engine
    from factcheck.rules import RuleSet

    def gaps(r, text):
        doc = parse_document("t.txt", text, lang="ar")
        return sorted(h.start for h in Engine(RuleSet([r], [])).run_rule(r, doc))

    plain = _gap_rule(tmp_path / "plain", "mode: gap\nwords: [في]\nthreshold: 0.95\nmin_evidence: 10")
    low = _gap_rule(tmp_path / "low", "mode: gap\nwords: [في]\nthreshold: 0.95\nmin_evidence: 10\nlost_threshold: 0.5")
    clean = (ROOT / "samples" / "ar" / "01-economy.md").read_text(encoding="utf-8")
    assert gaps(plain, clean) == gaps(low, clean)
    a, b = gaps(plain, _FAIR), gaps(low, _FAIR)
    assert set(a) <= set(b) and len(b) > len(a)


def _gap_rule(root, options):
    """A gap-model rule with these options, loaded from a YAML file under `root`."""
    from factcheck.rules import load_rule_file

    d = root / "ar" / "spelling"
    d.mkdir(parents=True)
    (d / "r.yaml").write_text(
        f"kind: gap-model\ncategory: spelling\n{options}\nmessage: m\ndescription: d\n"
        "examples: {bad: ['وحضر المؤتمر عدد من ⟦الصحين⟧ والإعلاميين.'], good: ['وحضر المؤتمر عدد من الصحفيين.']}\n",
        encoding="utf-8")
    return load_rule_file(d / "r.yaml", root)


def test_nonword_threshold_is_for_broken_forms_that_are_no_word(tmp_path):
    """Between `nonword_threshold` and `threshold`, «الصحين» (no word) is reported and
    «وتنام» (a word) is not."""
    from factcheck.engine import Engine
    from factcheck.rules import RuleSet

    r = _gap_rule(tmp_path, "mode: broken\nthreshold: 0.98\nnonword_threshold: 0.9")
    # «في» as often as usual, so the article has not lost it and no prior is raised
    text = ("وحضر المؤتمر في العاصمة عدد من الصحين والإعلاميين، وشارك في المعرض في دورته الحالية "
            "دول من الصين وسنغافورة وتنام واستراليا.")
    doc = parse_document("t.txt", text, lang="ar")
    sc = gm.doc_scores(doc)
    assert sc.lost["في"][0] == 0.0
    ws = [t.w for t in sc.toks]
    i, j = ws.index("الصحين"), ws.index("وتنام")
    sc.broken[:] = 0.0
    sc.broken[i] = sc.broken[j] = 0.95
    hits = list(Engine(RuleSet([r], [])).run_rule(r, doc))
    assert [text[h.start:h.end] for h in hits] == ["الصحين"]
    sc.broken[j] = 0.99
    hits = list(Engine(RuleSet([r], [])).run_rule(r, doc))
    assert [text[h.start:h.end] for h in hits] == ["الصحين", "وتنام"]


def test_places_threshold_is_for_a_place_put_back_among_places(tmp_path):
    """From `places_threshold`, a word whose repair is a place name is reported when a place
    name stands next to it with only a space between («وسنغافورة ⟦وتنام⟧ واستراليا»); the same
    word after a comma, or away from places, needs the full threshold."""
    from factcheck.engine import Engine
    from factcheck.rules import RuleSet

    r = _gap_rule(tmp_path, "mode: broken\nthreshold: 0.98\nplaces_threshold: 0.5")
    text = ("وشارك في المعرض في دورته الحالية دول من الصين وسنغافورة وتنام واستراليا، "
            "وفي المساء عاد الزوار، وتنام المدينة باكرا في الشتاء.")
    doc = parse_document("t.txt", text, lang="ar")
    sc = gm.doc_scores(doc)
    assert sc.lost["في"][0] == 0.0
    ws = [t.w for t in sc.toks]
    among, alone = ws.index("وتنام"), len(ws) - 1 - ws[::-1].index("وتنام")
    assert among != alone
    sc.broken[:] = 0.0
    sc.broken[among] = sc.broken[alone] = 0.6

    def starts():
        return [h.start for h in Engine(RuleSet([r], [])).run_rule(r, doc)]

    assert starts() == [sc.toks[among].start]
    sc.broken[among] = 0.4  # under places_threshold too
    assert starts() == []
    sc.broken[alone] = 0.99
    assert starts() == [sc.toks[alone].start]


def _plain_lookup(table, keys):
    """The reference the count-table lookups are compared with: a plain binary search over
    the unpacked (keys, counts), 0 counts for an absent key."""
    import numpy as np

    k, c = table
    i = np.searchsorted(k, keys)
    i[i >= len(k)] = 0
    out = c[i]
    out[k[i] != keys] = 0
    return out


def test_packed_lookup_equals_the_unpacked_tables(tmp_path):
    """NGrams looks keys up in the stored (packed) form; the counts are those of the unpacked tables."""
    import numpy as np

    rng = np.random.default_rng(2)
    tables = {}
    for name in gm.TABLES:
        keys = rng.integers(0, 2**64, size=400, dtype=np.uint64)
        keys[:80] = (keys[:80] & np.uint64(0xFFFFFFFF)) | (np.uint64(7) << np.uint64(32))  # one long run
        tables[name] = {int(k): int(v) for k, v in zip(keys, rng.choice([0, 1, 2, 3, 40, 300, 70000], size=400))}
    tables["T6"] = {}
    path = tmp_path / "t.npz"
    gm.save_ngrams(path, gm.merge_tables(tables, gm.WORD_TABLES), gm.merge_tables(tables, gm.STEM_TABLES))
    for ng in (gm.NGrams(str(path)), gm.load_ngrams()):
        assert ng._pw is not None  # the packed form is what is looked up
        for packed, name in ((ng._pw, "W"), (ng._ps, "S")):
            keys, counts = ng.w if name == "W" else ng.s
            near = keys[rng.integers(0, len(keys), 3000)]
            q = np.concatenate([near, near + np.uint64(1), near - np.uint64(1), keys[:3], keys[-3:],
                                rng.integers(0, 2**64, 3000, dtype=np.uint64),
                                np.array([0, 2**64 - 1, 7 << 32], dtype=np.uint64)])
            got = packed.lookup(q)
            assert got.dtype == np.uint16 and np.array_equal(got, _plain_lookup((keys, counts), q.copy()))
            assert packed.lookup(np.zeros(0, dtype=np.uint64)).shape == (0, counts.shape[1])


@pytest.mark.parametrize("size", [1, 5, 16, 17, 33, 400])
def test_the_sampled_search_equals_the_binary_search(tmp_path, size):
    """NGrams._search (a binary search on every SAMPLE-th key, then a block) gives the counts
    of the plain binary search, for keys present, absent, before the first and after the last."""
    import numpy as np

    rng = np.random.default_rng(size)
    tables = {}
    for name in gm.TABLES:
        keys = rng.integers(1, 2**64 - 1, size=size, dtype=np.uint64)
        tables[name] = {int(k): int(v) for k, v in zip(keys, rng.choice([2, 3, 40, 300, 70000], size=size))}
    path = tmp_path / "t.npz"
    gm.save_ngrams(path, gm.merge_tables(tables, gm.WORD_TABLES), gm.merge_tables(tables, gm.STEM_TABLES))
    for ng in (gm.NGrams(str(path)), gm.load_ngrams()):
        for name in ("w", "s"):
            keys, counts = getattr(ng, name)
            near = keys[rng.integers(0, len(keys), 3000)]
            q = np.concatenate([near, near + np.uint64(1), near - np.uint64(1), keys, keys[::-1],
                                rng.integers(0, 2**64, 3000, dtype=np.uint64),
                                np.array([0, 2**64 - 1, keys[0], keys[-1]], dtype=np.uint64)])
            got = ng._search(name, q)
            assert got.dtype == np.uint16 and np.array_equal(got, _plain_lookup((keys, counts), q.copy()))
            assert ng._search(name, np.zeros(0, dtype=np.uint64)).shape == (0, counts.shape[1])


def test_a_batch_unpacks_the_count_tables_with_the_same_counts():
    import numpy as np

    ng = gm.NGrams()
    keys, counts = gm.NGrams().w
    rng = np.random.default_rng(3)
    for _ in range(ng.UNPACK_AFTER + 3):
        q = np.concatenate([keys[rng.integers(0, len(keys), 200)], rng.integers(0, 2**64, 50, dtype=np.uint64)])
        assert np.array_equal(ng.word_counts(q), _plain_lookup((keys, counts), q.copy()))
        ng.stem_counts(q)
    assert ng._w is not None and ng._s is not None  # unpacked by now


def test_adverbs_and_gaps_after_a_bracket_need_more_unless_the_article_lost_the_word(tmp_path):
    """A gap before a bare adverb of time («بالمنزل ⟦⟧وقت الحادث») needs `adverb_threshold`,
    and a gap right after an opening bracket («(⟦⟧الدقيقة 80)») is reported only in an
    article that has lost «في»; where it has, both are reported from `lost_threshold`."""
    from factcheck.engine import Engine
    from factcheck.gapmodel import CLASSES

    r = _gap_rule(tmp_path, "mode: gap\nwords: [في]\nthreshold: 0.95\nmin_evidence: 10\nlost_threshold: 0.9\n"
                            "adverb_threshold: 0.98\nadverbs: [وقت, الدقيقة]\nlost_only_after: ['(']")
    text = ("ولم يكن الوالدان في المنزل وقت الحادث، وسجل اللاعب في المباراة هدفا (الدقيقة 80) "
            "ثم شارك في تدريبات الفريق مطلع الأسبوع ملعب المدينة.")

    from factcheck.rules import RuleSet

    def gaps(doc, sc):
        return [doc.text[h.start:h.start + 6] for h in Engine(RuleSet([r], [])).run_rule(r, doc)]

    doc = parse_document("t.txt", text, lang="ar")
    sc = gm.doc_scores(doc)
    assert sc.lost["في"][0] < 10  # the article has not lost «في»
    ws = [t.w for t in sc.toks]
    adv, brk, other = ws.index("وقت"), ws.index("الدقيقة"), ws.index("ملعب")
    fi = CLASSES.index("في")
    sc.gap[:] = 0.0
    sc.gap[adv, fi] = sc.gap[brk, fi] = sc.gap[other, fi] = 0.97
    assert gaps(doc, sc) == ["ملعب ا"]  # the adverb needs 0.98, the bracket a lost article
    sc.gap[adv, fi] = sc.gap[brk, fi] = 0.99
    assert gaps(doc, sc) == ["وقت ال", "ملعب ا"]  # past the adverb's threshold; the bracket still not
    # the same article once it has lost «في»: every gap from lost_threshold
    sc.gap[adv, fi] = sc.gap[brk, fi] = sc.gap[other, fi] = 0.92
    sc.lost["في"] = (30.0, *sc.lost["في"][1:])
    assert gaps(doc, sc) == ["وقت ال", "الدقيق", "ملعب ا"]


def test_an_adverb_threshold_under_the_threshold_is_refused(tmp_path):
    from factcheck.yamlio import SourceError

    with pytest.raises(SourceError, match="adverb_threshold"):
        _gap_rule(tmp_path, "mode: gap\nwords: [في]\nthreshold: 0.95\nadverb_threshold: 0.9\nadverbs: [وقت]")


def test_echo_threshold_is_for_a_gap_whose_next_words_follow_the_word_elsewhere(tmp_path):
    """A gap under `threshold` is reported from `echo_threshold` when the words after it follow
    «في» elsewhere in the same article («في قطاع غزة» there, «⟦⟧قطاع غزة» here): one word, or
    two with `echo_words: 2`; a gap before words that never follow «في» is not."""
    from factcheck.engine import Engine
    from factcheck.gapmodel import CLASSES
    from factcheck.rules import RuleSet

    plain = _gap_rule(tmp_path / "plain", "mode: gap\nwords: [في]\nthreshold: 0.95")
    one = _gap_rule(tmp_path / "one", "mode: gap\nwords: [في]\nthreshold: 0.95\necho_threshold: 0.8")
    two = _gap_rule(tmp_path / "two", "mode: gap\nwords: [في]\nthreshold: 0.95\necho_threshold: 0.8\necho_words: 2")
    text = ("وقال المسؤول إن الوضع في قطاع غزة صعب، وإن الحكومة تعمل في إطار خطة جديدة. "
            "وأكد أن المساعدات تصل يوميا إلى السكان قطاع غزة، وأن الوزارة تعمل إطار القانون وأن الأطباء يعملون المستشفيات.")
    doc = parse_document("t.txt", text, lang="ar")
    sc = gm.doc_scores(doc)
    assert sc.lost["في"][0] < 10  # the article has not lost «في»: no prior is raised
    ws = [t.w for t in sc.toks]
    gaza = ws.index("قطاع", ws.index("قطاع") + 1)  # the second «قطاع»
    frame = ws.index("اطار", ws.index("اطار") + 1)  # the second «إطار» (folded)
    hosp = ws.index("المستشفيات")  # never after «في» here
    fi = CLASSES.index("في")
    sc.gap[:] = 0.0
    sc.gap[gaza, fi] = sc.gap[frame, fi] = sc.gap[hosp, fi] = 0.85

    def gaps(r):
        return [ws[[t.start for t in sc.toks].index(h.start)] for h in Engine(RuleSet([r], [])).run_rule(r, doc)]

    assert gaps(plain) == []
    assert gaps(one) == ["قطاع", "اطار"]  # «في قطاع», «في إطار» elsewhere
    assert gaps(two) == ["قطاع"]  # «في قطاع غزة» elsewhere; «في إطار خطة», not «في إطار القانون»
    sc.gap[gaza, fi] = 0.75  # under the echo threshold too
    assert gaps(one) == ["اطار"]


def test_an_echo_threshold_above_the_threshold_is_refused(tmp_path):
    from factcheck.yamlio import SourceError

    with pytest.raises(SourceError, match="echo_threshold"):
        _gap_rule(tmp_path, "mode: gap\nwords: [في]\nthreshold: 0.95\necho_threshold: 0.97")
    with pytest.raises(SourceError, match="echo_threshold"):
        _gap_rule(tmp_path / "zero", "mode: gap\nwords: [في]\nthreshold: 0.95\necho_threshold: 0")


@pytest.mark.parametrize("entry", ["و", "(و", "1", " "])
def test_lost_only_after_takes_marks_only(tmp_path, entry):
    """`lost_only_after` holds marks, one character each: a word, a digit, two characters or a
    space is refused with the option's name, not silently never matched."""
    from factcheck.yamlio import SourceError

    with pytest.raises(SourceError, match="lost_only_after"):
        _gap_rule(tmp_path, f"mode: gap\nwords: [في]\nthreshold: 0.95\nlost_only_after: ['{entry}']")


def _fixed_rule(root, options):
    """A missing-word rule (mode fixed, one mined-style entry) with these options."""
    from factcheck.rules import load_rule_file

    d = root / "ar" / "preposition"
    d.mkdir(parents=True)
    (d / "r.yaml").write_text(
        "kind: missing-word\ncategory: preposition\nmode: fixed\n"
        "entries: [{phrase: في بعض الأحيان, head: بعض الأحيان, insert: في}]\n"
        f"{options}\nmessage: m\ndescription: d\n"
        "examples: {bad: ['وتتأخر الرحلات ⟦⟧بعض الأحيان بسبب الضباب.'], good: ['وتتأخر الرحلات في بعض الأحيان.']}\n",
        encoding="utf-8")
    return load_rule_file(d / "r.yaml", root)


def test_model_floor_lets_the_gap_model_judge_a_mined_phrase(tmp_path):
    """With `model_floor`, a phrase of the list is reported only where the gap model gives
    the missing word at least that probability at the insertion point; without it, always."""
    from factcheck.engine import Engine
    from factcheck.gapmodel import CLASSES
    from factcheck.rules import RuleSet

    text = "وتتأخر الرحلات بعض الأحيان بسبب الضباب، وتلغى بعض الأحيان الأخرى."
    judged = _fixed_rule(tmp_path / "a", "model_floor: 0.1")
    plain = _fixed_rule(tmp_path / "b", "")

    def starts(rule, doc):
        return [h.start for h in Engine(RuleSet([rule], [])).run_rule(rule, doc)]

    doc = parse_document("t.txt", text, lang="ar")
    sc = gm.doc_scores(doc)
    ws = [t.w for t in sc.toks]
    first, second = ws.index("بعض"), len(ws) - 1 - ws[::-1].index("بعض")
    fi = CLASSES.index("في")
    sc.gap[:] = 0.0
    sc.gap[first, fi], sc.gap[second, fi] = 0.4, 0.05
    both = [sc.toks[first].start, sc.toks[second].start]
    assert starts(plain, doc) == both
    assert starts(judged, doc) == [sc.toks[first].start]
    sc.gap[second, fi] = 0.1  # at the floor: reported
    assert starts(judged, doc) == both


@pytest.mark.parametrize("options,match", [("model_floor: 1.5", "probability"), ("model_floor: -0.1", "probability")])
def test_model_floor_is_a_probability(tmp_path, options, match):
    from factcheck.yamlio import SourceError

    with pytest.raises(SourceError, match=match):
        _fixed_rule(tmp_path, options)


def test_mined_phrases_are_counted_after_each_word_and_bare():
    """scripts/mine_fixed_expressions.py counts a phrase after each of «في، على، من، إلى،
    عن، مع» (with «و» glued too), bare (after another word, or opening a clause), and not at
    all after another preposition («خلال»)."""
    import importlib.util
    from pathlib import Path

    spec = importlib.util.spec_from_file_location(
        "mine", Path(__file__).resolve().parent.parent / "scripts" / "mine_fixed_expressions.py")
    mine = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mine)
    counts, spell = mine.count([
        "وتصاعد التوتر في الآونة الأخيرة. وفي الآونة الأخيرة قال. وتصاعد التوتر الآونة الأخيرة.",
        "الآونة الأخيرة شهدت تحولا، وخلال الآونة الأخيرة أيضا، وعلى الآونة الأخيرة.",
        "وقال إن من المتوقع أن يرتفع، ومن المتوقع أن يهبط.",
    ])
    from factcheck.lexicon import fold_key

    k = (fold_key("الآونة", "ar"), fold_key("الأخيرة", "ar"))
    fi, ala, min_ = (mine.WORDS.index(w) for w in ("في", "على", "من"))
    assert counts[k][fi] == 2 and counts[k][ala] == 1  # «في»/«وفي» twice, «وعلى» once
    assert counts[k][mine.BARE] == 2  # after «التوتر» and opening the text; «خلال» not counted
    assert sum(counts[k]) == 5
    assert spell[k + (fi,)].most_common(1)[0][0] == "الآونة الأخيرة"
    e = (fold_key("المتوقع", "ar"), fold_key("أن", "ar"))
    assert counts[e][min_] == 2 and sum(counts[e]) == 2


def test_the_evaluation_stops_when_a_rule_fails(monkeypatch):
    """A rule that fails finds nothing; eval_gap_model must not count that as a quiet rule."""
    import eval_gap_model as ev

    import factcheck.gaprescore

    ck = ev.Checker()

    def boom(*a, **k):
        raise KeyError("w_total_keys")

    monkeypatch.setattr(factcheck.gaprescore, "doc_rebroken", boom)
    with pytest.raises(RuntimeError, match="broken-in-context"):
        ck.check("t.txt", "وتعاني المناطق الريفية من نقص المياه. ويقول سكان المناطق الرية إن الآبار جفت.")


def test_word_rate_min_evidence_zero_applies_only_where_the_word_is_gone(tmp_path, monkeypatch):
    """`min_evidence_zero` is the bar for an article with no «في» left (what a
    search-and-replace leaves); an article that still has one needs `min_evidence`."""
    from types import SimpleNamespace

    from factcheck.kinds import word_rate
    from factcheck.rules import load_rule_file

    d = tmp_path / "ar" / "preposition"
    d.mkdir(parents=True)
    (d / "r.yaml").write_text(
        "kind: word-rate\ncategory: preposition\nwords: [في]\nmin_evidence: 10\nmin_evidence_zero: 9\n"
        "min_words: 30\nmessage: m\ndescription: d\n"
        "examples: {bad: ['⟦⟧وجاء القرار ظل أزمة.'], good: ['وجاء القرار في ظل أزمة.']}\n", encoding="utf-8")
    rule = load_rule_file(d / "r.yaml", tmp_path)
    check = word_rate.build(rule)
    text = " ".join(["كلمة"] * 40)
    doc = parse_document("t.txt", text, lang="ar")
    toks = [SimpleNamespace(start=0)]

    def found(count, evidence, n_words=40):
        monkeypatch.setattr(gm, "doc_rates", lambda doc: SimpleNamespace(toks=toks, n_words=n_words))
        monkeypatch.setattr(gm, "doc_scores", lambda doc: SimpleNamespace(
            rates={"في": (count, 3.0, 0.01)}, lost={"في": (evidence, 0.0, 0.0)}))
        return len(list(check(doc)))

    assert found(0, 9.2) == 1      # gone altogether: 9 is enough
    assert found(0, 8.9) == 0
    assert found(1, 9.2) == 0      # one left: 10 is needed
    assert found(1, 10.1) == 1
    assert found(0, 9.2, n_words=29) == 0  # shorter than min_words
