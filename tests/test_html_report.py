"""--format html and the shared fragments (factcheck/output/html_parts.py): highlights
in place, escaping, dir/lang per article, the summary, figures and timeline."""

import json
from html.parser import HTMLParser

from factcheck.output.html_format import render_page
from factcheck.output.html_parts import highlight, render_article, render_figures, render_summary


class MarkText(HTMLParser):
    """Collects, for every data-finding, the text inside its <mark> fragments, and
    the whole text of the page (to check that nothing of the source is lost)."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack, self.marks, self.text, self.attrs = [], {}, [], {}

    VOID = {"meta", "br", "hr", "img", "input", "link", "wbr", "col", "area", "base", "source"}

    def handle_starttag(self, tag, attrs):
        if tag in self.VOID:
            return
        a = dict(attrs)
        if tag == "mark":
            i = int(a["data-finding"])
            self.marks.setdefault(i, "")
            self.attrs.setdefault(i, []).append(a)
            self.stack.append(i)
        else:
            self.stack.append(None)

    def handle_endtag(self, tag):
        self.stack.pop()

    def handle_data(self, data):
        self.text.append(data)
        for i in {i for i in self.stack if i is not None}:
            self.marks[i] += data


def marks_of(fragment):
    p = MarkText()
    p.feed(fragment)
    p.close()
    return p


def F(s, e, src, rule="x.y.z", sev="error", msg="m"):
    return {"rule": rule, "severity": sev, "message": msg, "start": s, "end": e, "text": src[s:e],
            "category": "punctuation", "line": 1, "column": s + 1}


def test_highlight_nested_crossing_and_insertion_keep_each_findings_text():
    src = "وقال الوزير <إن> الاتفاق نهائي. . وأضاف & أن"
    fl = [F(0, 11, src), F(5, 11, src, sev="warning"),  # nested
          F(13, 25, src), F(20, 31, src, sev="info"),  # crossing
          F(31, 31, src),  # insertion point
          F(38, 44, src)]
    p = marks_of(highlight(src, fl, "t"))
    assert "".join(p.text) == src  # every code point survives, escaped and parsed back
    for i, f in enumerate(fl):
        assert p.marks[i] == f["text"], (i, p.marks[i], f["text"])
        first = p.attrs[i][0]
        assert first["id"] == f"t-f{i}" and first["tabindex"] == "0"
        assert all("tabindex" not in a for a in p.attrs[i][1:])  # one focus stop per finding
    assert len(p.attrs[3]) == 2  # the crossing finding was split in two fragments


def test_everything_from_the_article_is_escaped():
    src = '<script>alert(1)</script> "q" \'a\' &amp;\r\x00'
    f = F(0, 8, src, rule='r"><img src=x>', msg='<b onmouseover="x">')
    frag = highlight(src, [f])
    assert "<script>" not in frag and "<img" not in frag and "<b " not in frag
    p = marks_of(frag)
    assert p.marks[0] == "<script>"
    assert "".join(p.text) == src.replace("\x00", "\ufffd")  # CR kept as a character reference
    assert p.attrs[0][0]["data-msg"] == '<b onmouseover="x">' and p.attrs[0][0]["data-rule"] == 'r"><img src=x>'
    entry = {"path": '<i>"x".md', "language": 'ar" onclick="x', "findings": [f], "timeline": [],
             "published": None, "published_source": "none"}
    art = render_article(entry, src)
    assert "<i>" not in art and 'onclick="x' not in art


def test_article_sets_dir_and_lang_from_its_language():
    ar = {"path": "a.txt", "language": "ar", "findings": [], "timeline": []}
    en = {"path": "b.txt", "language": "en", "findings": [], "timeline": []}
    assert 'class="fc-source" lang="ar" dir="rtl"' in render_article(ar, "نص")
    assert 'class="fc-source" lang="en" dir="ltr"' in render_article(en, "text")


def test_summary_counts_by_file_category_and_severity():
    src = "a b c d"
    report = {"files": [{"path": "a.txt", "language": "en", "findings": [
        F(0, 1, src, sev="error"), dict(F(2, 3, src, sev="warning"), category="date")]},
        {"path": "b.txt", "language": "en", "findings": []}],
        "errors": [{"path": "c.txt", "message": "not UTF-8"}]}
    s = render_summary(report)
    assert "2 finding(s) in 2 file(s): 1 error, 1 warning; 1 file(s) could not be checked" in s
    assert 'href="#fc-a0"' in s and 'href="#fc-a1"' in s
    assert "<th scope=\"row\">date</th><td class=\"fc-n\">0</td><td class=\"fc-n\">1</td>" in s
    assert "c.txt" in s and "not UTF-8" in s


def test_figures_table_when_present():
    figs = [{"start": 0, "end": 4, "text": "2500", "value": 2500, "unit": None, "counts": "جندي",
             "approx": "نحو", "attributed": True, "source": {"start": 9, "end": 14, "text": "الوزارة"}},
            {"start": 20, "end": 25, "text": "30-40", "value": 30, "high": 40, "unit": "%", "counts": None,
             "approx": None, "attributed": False, "source": None}]
    t = render_figures(figs, "ar")
    assert "<caption>Figures</caption>" in t
    assert "2,500" in t and "30–40" in t and "الوزارة" in t and 'lang="ar" dir="rtl"' in t
    assert render_figures(None) == "" and render_figures([]) == ""


def test_html_report_from_the_cli_is_self_contained(tmp_path, cli):
    f = tmp_path / "a.md"
    f.write_text("---\npublished: 2024-08-15\n---\nوقال الوزير إن الاتفاق نهائي. . وأضاف أن التنفيذ يبدأ غدا.\n",
                 encoding="utf-8")
    g = tmp_path / "b.txt"
    g.write_text("The minister said the the deal was final.\n", encoding="utf-8")
    page = cli("check", "--format", "html", f, g)
    assert page.returncode == 1, page.stderr
    data = json.loads(cli("check", "--format", "json", f, g).stdout)
    html = page.stdout
    assert html.startswith("<!DOCTYPE html>") and "Content-Security-Policy" in html
    assert "default-src 'none'" in html.replace("&#x27;", "'")
    for bad in ("http://", "https://", "<link", "src=\""):  # nothing to fetch
        assert bad not in html
    assert html == render_page(data, [f.read_text(encoding="utf-8"), g.read_text(encoding="utf-8")])
    n = sum(len(x["findings"]) for x in data["files"])
    assert n >= 2 and html.count('tabindex="0"') == n  # one focus stop per finding
    assert html.count('<section class="fc-article"') == 2


def test_timeline_drawing_with_the_entry_and_a_list_when_it_fails(monkeypatch):
    import datetime
    import sys
    import types

    import factcheck.dates
    from factcheck.output.html_parts import render_timeline

    tl = [{"start": 0, "end": 3, "text": "أمس", "type": "DATE", "value": "2024-08-14", "basis": "relative"}]
    date_f = {"rule": "ar.dates.x", "category": "date", "severity": "error", "message": "m", "start": 0, "end": 3}
    other = {"rule": "ar.punctuation.y", "category": "punctuation", "severity": "error", "message": "n",
             "start": 5, "end": 6}
    real = render_timeline(tl, "ar", "أمس قال", "2024-08-15", [date_f, other])
    assert "<svg" in real  # the dates module's drawing (on main)
    calls = []

    def fake_render(timeline, published, findings=(), lang="en"):
        calls.append((timeline, published, list(findings), lang))
        return '<figure class="fc-tl">drawn</figure>'

    mod = types.ModuleType("factcheck.dates.timeline_svg")
    mod.render = fake_render
    monkeypatch.setitem(sys.modules, "factcheck.dates.timeline_svg", mod)
    monkeypatch.setattr(factcheck.dates, "timeline_svg", mod, raising=False)
    drawn = render_timeline(tl, "ar", "أمس قال", "2024-08-15", [date_f, other])
    assert '<figure class="fc-tl">drawn</figure>' in drawn and "<details" not in drawn
    assert calls == [(tl, datetime.date(2024, 8, 15), [date_f], "ar")]  # only the date findings
    # a drawing that fails never takes the report down: a plain list instead

    def broken(*a, **k):
        raise ValueError("cannot draw")

    mod.render = broken
    plain = render_timeline(tl, "ar")
    assert "<details" in plain and "أمس" in plain and "2024-08-14" in plain
