"""Offsets and fixes, for any text: spans stay inside the text, copied view
characters map to the same source characters, fixes apply cleanly."""

import datetime as dt

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from factcheck.config import Config
from factcheck.document import parse_document
from factcheck.engine import Engine
from factcheck.fixes import apply_edits, choose_edits
from factcheck.langs import fold_view
from factcheck.rules import load_rules

ENGINE = Engine(load_rules(), Config())

pieces = st.sampled_from([
    "قال", "الوزير", "في", "«", "»", "\"", "“", "”", "(", ")", "[", "]", ".", ". .", "،،", ",", "?", "؟",
    " ", "  ", "\n", "\n\n", "the", "The", "said", "12", "٢٠٢٤", "مارس", "2025", "editor", "آخر", "ـ", "َ",
    "<p>", "</p>", "&amp;", "&laquo;", "<!-- x -->", "**", "[a](b)", "`c`", "# ", "> ", "اترك تعليقا",
    "Leave a comment", "\u200b", "é", "🙂", "---\n",
])
texts = st.one_of(st.text(max_size=300), st.lists(pieces, max_size=60).map("".join))


def _check(name, text, lang):
    doc = parse_document(name, text, lang=lang, published=dt.date(2025, 3, 15))
    rep = ENGINE.check(doc)
    n = len(text)
    for f in rep.findings:
        assert 0 <= f.start <= f.end <= n
        assert f.text == text[f.start:f.end]
        if f.fix:
            for e in f.fix.edits:
                assert 0 <= e.start <= e.end <= n
    fixed = apply_edits(text, choose_edits(rep.findings, unsafe=True))
    parse_document(name, fixed, lang=lang)  # still readable
    return doc


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(texts, st.sampled_from(["a.txt", "a.md", "a.html"]), st.sampled_from(["ar", "en"]))
def test_any_text_any_rule_spans_inside_and_fixes_apply(text, name, lang):
    try:
        doc = _check(name, text, lang)
    except Exception as e:  # only clean input errors are allowed
        from factcheck.document import InputError

        assert isinstance(e, InputError), repr(e)
        return
    # every character the view copied maps back to the same source character,
    # and every view character maps to a range inside the source, in order
    v = doc.view
    last = 0
    for i, ch in enumerate(doc.text):
        s, e = v.to_base(i, i + 1)
        assert last <= s <= e <= len(text)
        last = s
    for seg in v._segs or []:
        if seg.copied:
            assert text[seg.bstart:seg.bstart + seg.length] == doc.text[seg.vstart:seg.vstart + seg.length]


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=200))
def test_fold_view_maps_back(text):
    v = fold_view(text)
    for i in range(len(v.text)):
        s, e = v.to_base(i, i + 1)
        assert 0 <= s < e <= len(text)
    s, e = v.to_base(0, len(v.text))
    assert 0 <= s <= e <= len(text)


def test_markdown_view_strips_markup_and_maps_back():
    src = "---\ntitle: T\n---\n# Head the the\n\nSome **bold** [link text](http://x) and `code`.\n"
    doc = parse_document("a.md", src)
    assert doc.text == "Head the the\n\nSome bold link text and \ufffc.\n"  # a code span: an object stands here
    rep = ENGINE.check(doc)
    (f,) = [f for f in rep.findings if f.rule == "en.repetition.repeated-word"]
    assert src[f.start:f.end] == "the" and f.start == src.index("the the") + 4


def test_html_view_extracts_article_and_maps_entities():
    src = ("<html><head><title>x</title><script>var a = 'the the';</script></head><body>"
           "<nav>Home the the</nav><article><h1>Title</h1><p>Tom &amp; Jerry said the the word.</p>"
           "<footer>the the</footer></article></body></html>")
    doc = parse_document("a.html", src)
    assert doc.text.strip() == "Title\nTom & Jerry said the the word."
    amp = doc.text.index("&")
    assert doc.view.to_base(amp, amp + 1) == (src.index("&amp;"), src.index("&amp;") + 5)
    rep = ENGINE.check(doc)
    assert [(f.rule, f.start) for f in rep.findings] == [("en.repetition.repeated-word", src.index("the the word") + 4)]


def test_html_publication_date_sources():
    assert parse_document("a.html", '<meta property="article:published_time" content="2024-08-16T09:30:00+03:00"><p>x</p>').published == dt.date(2024, 8, 16)
    assert parse_document("a.html", '<article><time datetime="2023-01-02">Jan 2</time><p>x</p></article>').published == dt.date(2023, 1, 2)
    ld = '<script type="application/ld+json">{"@graph": [{"datePublished": "2022-05-06"}]}</script><p>x</p>'
    d = parse_document("a.html", ld)
    assert d.published == dt.date(2022, 5, 6) and d.published_source == "html-meta"


def test_header_date_glued_to_byline():
    d = parse_document("a.txt", "عنوان\n\neditor12 مارس 2025آخر تحديث\nنص الخبر هنا.\n")
    assert d.published == dt.date(2025, 3, 12) and d.published_source == "header"
    d = parse_document("a.txt", "Title\n\nOn 12 March 2025 the army moved into the city and took control of the port and the airport.\n")
    assert d.published is None  # a date inside a sentence of reporting is not a dateline


def test_header_ends_where_the_body_starts():
    long_title = "A very long title that goes on and on about the storm that hit the coast last night and more\n"
    d = parse_document("a.txt", long_title + "By Jane Doe | Published March 3, 2024\nBody.\n", lang="en")
    assert d.published == dt.date(2024, 3, 3)
    body_first = ("Title\n\nThe government said on Monday that the new budget, approved after weeks of debate in "
                  "parliament, would take effect on March 3, 2024 and last a year.\nBy Jane Doe, March 5, 2024\n")
    assert parse_document("b.txt", body_first, lang="en").published is None
    listing = ("مهرجان قرطاج 2016: البرنامج\n\nعقدت الهيئة المديرة للمهرجان ندوة صحفية أعلنت خلالها عن برنامج "
               "الدورة الجديدة الذي يضم عروضا موسيقية ومسرحية عديدة في المسرح الأثري بقرطاج طيلة أشهر الصيف "
               "بمشاركة فنانين من تونس والعالم العربي وأوروبا\n*3 أوت 2016: فيلم\n")
    assert parse_document("c.txt", listing, lang="ar").published is None


def test_header_dates_agree_with_the_corpus_index(corpus):
    """Every publication date read from an article's own header matches its index."""
    import json

    from factcheck.header import header_date
    from factcheck.langs import detect_language

    found = wrong = 0
    for index in sorted(corpus.glob("*/*/index.jsonl")):
        for line in index.open(encoding="utf-8"):
            meta = json.loads(line)
            text = (index.parent / meta["file"]).read_text(encoding="utf-8")
            d = header_date(text, detect_language(text))
            if d is not None:
                found += 1
                wrong += d.isoformat() != (meta.get("published") or "")[:10]
    assert found >= 20 and wrong == 0


def test_markdown_code_span_is_no_double_space_or_repeated_word():
    for src, lang in (("He said `x` was fine. The `y` the end.\n", "en"),
                      ("وقال الوزير إن `الخطة` جاهزة.\n", "ar")):
        doc = parse_document("a.md", src)
        rules = {f.rule for f in ENGINE.check(doc).findings}
        assert not any(r.endswith(("double-space", "repeated-word")) for r in rules), (lang, rules)


def test_txt_opening_with_a_rule_line_is_text_not_front_matter():
    from factcheck.document import sniff_format

    assert sniff_format("w.txt", "---\nHe said the the plan.\n") == "text"
    assert sniff_format("w.txt", "---\nHe said: the the plan.\n---\nMore copy.\n") == "text"
    assert sniff_format("w.txt", "---\ntitle: X\ndate: 2024-01-02\ntags:\n  - a\n---\nCopy.\n") == "markdown"
    assert sniff_format("-", "---\npublished: 2024-01-02\n---\nCopy.\n") == "markdown"
    doc = parse_document("w.txt", "---\nHe said: the the plan.\n---\nMore copy.\n")
    assert "the the" in doc.text


def test_a_date_in_a_lead_sentence_is_no_dateline():
    from factcheck.header import header_date

    text = ("Election set for Sunday\n\nVoters will go to the polls on Sunday, March 9, 2025.\n\n"
            "The campaign began last week.\n")
    assert header_date(text, "en") is None
    assert header_date("Election set for Sunday\nMarch 9, 2025\n\nVoters will vote.\n", "en").isoformat() == "2025-03-09"
    assert header_date("Storm\nBy Jane Doe | Updated March 9, 2025\n\nCopy.\n", "en").isoformat() == "2025-03-09"


def test_markdown_footnote_references_are_markup():
    src = "Officials met today.[^1] Turnout rose.[^note-2]\n\n[^1]: a\n[^note-2]: b\n"
    doc = parse_document("a.md", src)
    assert "[^" not in doc.text and "1" not in doc.text
    assert doc.text.startswith("Officials met today. Turnout rose.")
