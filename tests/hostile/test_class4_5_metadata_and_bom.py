"""Class 4: valid <time datetime> values that are not dates refused the article.
Class 5: front matter after a byte-order mark was not recognised."""

import pytest

from factcheck.document import parse_document
from hostile import EN_BAD, run, write


@pytest.mark.parametrize("value", ["20:00", "2024-03", "2024", "PT2H", "2024-W10", "--03-05", "20:00:00+03:00", "", "x"])
def test_class4_time_element_that_is_not_a_date_is_not_used(value):
    src = f'<article><p>The deal <time datetime="{value}">then</time> was final.</p></article>'
    doc = parse_document("a.html", src)
    assert doc.published is None and doc.published_source == "none"


def test_class4_the_first_time_that_is_a_date_is_used(tmp_path):
    src = ('<article><time datetime="20:00">8pm</time><time datetime="2024-03-05T10:00">March</time>'
           '<p>The the deal.</p></article>')
    f = write(tmp_path / "a.html", src)
    res = run("check", "--format", "json", f)
    assert res.returncode == 1 and res.json()["errors"] == []
    entry = res.json()["files"][0]
    assert entry["published"] == "2024-03-05" and entry["published_source"] == "html-meta"


def test_class4_metadata_in_comments_and_scripts_is_not_read():
    src = ('<!-- <meta property="article:published_time" content="1999-01-01"> -->'
           '<script>document.write(\'<time datetime="1998-01-01">\')</script>'
           '<article><p>Text.</p></article>')
    assert parse_document("a.html", src).published is None


BOM = "\ufeff"


def test_class5_front_matter_after_a_bom(tmp_path):
    src = BOM + "---\nlang: ar\ntitle: The the title\npublished: 2024-08-15\n---\n" + \
          "وقال الوزير إن الاتفاق نهائي. . وأضاف أن التنفيذ يبدأ غدا.\n"
    f = write(tmp_path / "a.md", src)
    res = run("check", "--format", "json", f)
    entry = res.json()["files"][0]
    assert entry["language"] == "ar" and entry["published"] == "2024-08-15"
    assert entry["published_source"] == "front-matter"
    text = f.read_text(encoding="utf-8")
    body_start = text.index("وقال")
    assert entry["findings"] and all(x["start"] >= body_start for x in entry["findings"])
    for x in entry["findings"]:
        assert text[x["start"]:x["end"]] == x["text"]  # offsets count the BOM
    run("check", "--fix", f)
    after = f.read_bytes()
    assert after.startswith(b"\xef\xbb\xbf---\nlang: ar\ntitle: The the title\n")  # BOM and front matter kept
    assert "نهائي. وأضاف".encode() in after


@pytest.mark.parametrize("name,body", [("a.txt", "---\nlang: en\n---\nThe the deal.\n"), ("a.html", "<p>The the deal.</p>"),
                                       ("a.txt", "The the deal.\n")])
def test_class5_bom_in_other_formats(tmp_path, name, body):
    f = write(tmp_path / name, BOM + body)
    res = run("check", "--format", "json", f)
    (x,) = res.json()["files"][0]["findings"]
    assert f.read_text(encoding="utf-8")[x["start"]:x["end"]] == "the"
    run("check", "--fix", f)
    assert f.read_bytes().startswith(b"\xef\xbb\xbf") and b"The deal." in f.read_bytes()


def test_class5_bom_is_not_part_of_the_text():
    assert not parse_document("a.txt", BOM + "Text.\n").text.startswith(BOM)
    assert not parse_document("a.md", BOM + "# Title\n").text.startswith(BOM)
    assert parse_document("a.md", BOM + "---\ntitle: x\n---\nBody\n").text == "Body\n"
