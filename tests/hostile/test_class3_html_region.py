"""Class 3: the article region was found in the wrong place (a comment, a script or a
quoted attribute read as markup), and --fix then edited the comment, the script or the
attribute.  The region now comes from a tokenizer with exact source positions."""

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from factcheck.document import parse_document
from factcheck.htmltok import tokenize
from hostile import run, write

REAL = "<article><p>The minister said the the deal was final.</p></article>"
DECOYS = {
    "comment": "<!-- <article>old the the copy</article> -->",
    "script": '<script>var s = "<article>"; var t = "the the";</script>',
    "attribute": '<div data-x="a><article>the the</article>"></div>',
    "style": "<style>/* <article> the the */</style>",
    "template": "<template><article>the the</article></template>",
    "title": "<title><article>the the</article></title>",
    "textarea": "<textarea><article>the the</article></textarea>",
    "bogus": "<!<article>the the>",
}


def test_class3_decoys_are_neither_checked_nor_fixed(tmp_path):
    files = {name: write(tmp_path / f"{name}.html", f"<html><body>{decoy}{REAL}</body></html>")
             for name, decoy in DECOYS.items()}
    files["attr-article"] = write(tmp_path / "attr-article.html",
                                  '<article data-x="a>the the b"><p>The minister said the the deal.</p></article>')
    res = run("check", "--format", "json", *files.values())
    assert res.returncode == 1
    for (name, f), entry in zip(files.items(), res.json()["files"]):
        src = f.read_text(encoding="utf-8")
        real_at = src.index("said the the") + 9  # the second "the"
        assert [(x["rule"], x["start"]) for x in entry["findings"]] == [("en.repetition.repeated-word", real_at)], name
    res = run("check", "--fix", *files.values())
    for name, f in files.items():
        after = f.read_text(encoding="utf-8")
        decoy = DECOYS.get(name, 'data-x="a>the the b"')
        assert decoy in after, name  # the comment, script or attribute is untouched
        assert "said the deal" in after and "said the the" not in after


def test_class3_unclosed_article_and_nested_articles(tmp_path):
    doc = parse_document("a.html", "<main><article><p>One.</p><article><p>Two.</p></article><p>Three.</p></article>"
                                   "<p>Out.</p></main>")
    assert doc.text.split() == ["One.", "Two.", "Three."]
    doc = parse_document("b.html", "<body><article><p>Never closed. The the end.")
    assert "Never closed." in doc.text


# ---------------------------------------------------------------- properties

WORD = st.sampled_from(["alpha", "beta", "gamma", "delta", "epsilon", "zeta", "eta", "theta"])
real_words = st.lists(WORD, min_size=1, max_size=12)
decoy = st.sampled_from([
    "<!-- {m} -->", "<script>var x = '{m}';</script>", "<style>/* {m} */</style>", '<div title="{m}"></div>',
    "<div title='{m}'></div>", "<template>{m}</template>", "<noscript>{m}</noscript>", "<!DECOY>", "<?DECOY?>",
    "<nav>{m}</nav>", "<footer>{m}</footer>", "<head><title>{m}</title></head>", "<svg>{m}</svg>",
])
marker = st.sampled_from(["<article>DECOY</article>", "<article>DECOY", "</article>DECOY", "<main>DECOY</main>",
                          "DECOY", "<body>DECOY"])
filler = st.sampled_from(["", " ", "\n", "<p>", "</p>", "<div>", "<br>", "&amp;", "<span class=\"a>b\">", "</span>"])


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(before=st.lists(st.tuples(decoy, marker, filler), max_size=5), words=real_words,
       inside=st.lists(st.tuples(decoy, marker), max_size=3), after=st.lists(st.tuples(decoy, marker), max_size=3),
       attrs=st.sampled_from(["", ' class="x"', ' data-x="<article>DECOY</article>"', " data-y='a>DECOY'"]))
def test_class3_property_the_region_is_the_real_article(before, words, inside, after, attrs):
    """Whatever comments, scripts, attributes and skipped elements hold (including a fake
    <article>), the view holds the real article's words, never a decoy's, and every view
    character maps back into the real article element."""
    parts = [d.format(m=m) + f for d, m, f in before]
    body = " ".join(words)
    ins = "".join(d.format(m=m) for d, m in inside)
    src = "<html><body>" + "".join(parts) + f"<article{attrs}><p>{body}</p>{ins}</article>" + \
          "".join(d.format(m=m) for d, m in after) + "</body></html>"
    doc = parse_document("a.html", src)
    assert "DECOY" not in doc.text
    assert doc.text.split() == words
    start = src.index("<article" + attrs + ">") + len("<article" + attrs + ">")
    end = src.rindex("</article>")
    for i in range(len(doc.text)):
        s, e = doc.view.to_base(i, i + 1)
        assert start <= s <= e <= end
        if doc.text[i] not in " \n":
            assert src[s:e] == doc.text[i]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(list("<>!-/?=\"'& \nabpt#x;[]") + ["<!--", "-->", "<script>", "</script>",
                                                                   "<article>", "</article>", "&amp;", "&#1;"]),
                max_size=120).map("".join))
def test_class3_property_tokens_tile_the_source(src):
    """On any input the tokens cover the source exactly, in order, without overlap."""
    pos = 0
    for t in tokenize(src):
        assert t.start == pos and t.end > t.start
        pos = t.end
    assert pos == len(src)
    doc = parse_document("a.html", src)
    last = 0
    for i in range(len(doc.text)):
        s, e = doc.view.to_base(i, i + 1)
        assert last <= s <= e <= len(src)
        last = s
