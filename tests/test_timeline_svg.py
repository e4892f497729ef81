"""The timeline for people: factcheck.dates.timeline_svg and `factcheck dates --format html`."""

from __future__ import annotations

import datetime as _dt
import re
from pathlib import Path

import pytest

from conftest import ROOT, run_cli
from factcheck.dates import timeline_for
from factcheck.dates.render import date_findings
from factcheck.dates.timeline_svg import COLOURS, PLAIN, page, render, value_range
from factcheck.document import parse_document

D = _dt.date
FIXTURE = Path(__file__).resolve().parent / "data" / "thread_ar_20240815.txt"


@pytest.mark.parametrize("value,lo,hi", [
    ("2024-08-15", D(2024, 8, 15), D(2024, 8, 15)),
    ("2024-08-15TEV", D(2024, 8, 15), D(2024, 8, 15)),
    ("2024-08-15T10:30", D(2024, 8, 15), D(2024, 8, 15)),
    ("2024-02", D(2024, 2, 1), D(2024, 2, 29)),
    ("2024-W33", D(2024, 8, 12), D(2024, 8, 18)),
    ("2024-W33-WE", D(2024, 8, 17), D(2024, 8, 18)),
    ("2024-Q3", D(2024, 7, 1), D(2024, 9, 30)),
    ("2015-WI", D(2015, 12, 1), D(2016, 2, 29)),
    ("2014", D(2014, 1, 1), D(2014, 12, 31)),
    ("198", D(1980, 1, 1), D(1989, 12, 31)),
    ("19", D(1900, 1, 1), D(1999, 12, 31)),
])
def test_value_range(value, lo, hi):
    assert value_range(value) == (lo, hi)


@pytest.mark.parametrize("value", ["P3D", "PAST_REF", "XXXX-08-15", "XXXX-XX-XXT10:00", "", "2024-13"])
def test_values_without_a_place_on_the_axis(value):
    assert value_range(value) is None


def _fixture():
    text = FIXTURE.read_text(encoding="utf-8")
    doc = parse_document(FIXTURE.name, text, lang="ar", published=D(2024, 8, 15))
    return doc, timeline_for(doc), date_findings(doc)


def test_the_contradicting_date_is_drawn_in_the_findings_colour():
    doc, tl, fs = _fixture()
    thread = [f for f in fs if f.rule == "ar.dates.thread"]
    assert len(thread) == 1
    out = render(tl, doc.published, fs, "ar")
    assert out.startswith("<figure") and "<svg" in out and 'dir="rtl"' in out
    groups = re.findall(r'<g class="([^"]+)" data-start="(\d+)" data-end="(\d+)">(.*?)</g>', out, re.S)
    hit = [g for g in groups if int(g[1]) == thread[0].start]
    assert len(hit) == 1 and "fc-tl-hit" in hit[0][0] and COLOURS["warning"] in hit[0][3]
    # the same expression in a background sentence is drawn plainly
    plain = [g for g in groups if "كانون الثاني/يناير من العام الماضي" in g[3] and int(g[1]) != thread[0].start]
    assert plain and all(COLOURS["warning"] not in g[3] and PLAIN in g[3] for g in plain)
    # the war it follows is on the axis, nine months after the January
    assert "2023-10-07" in out and "2023-01" in out
    assert "2024-08-15" in out  # the publication date is marked
    assert thread[0].message.split("»")[0].lstrip("«") in out  # the message is listed


def test_the_page_is_self_contained_and_the_function_pure():
    doc, tl, fs = _fixture()
    a = render(tl, doc.published, fs, "ar")
    assert a == render(tl, doc.published, fs, "ar")
    html = page("t", a, "ar")
    assert html.startswith("<!DOCTYPE html>")
    low = html.lower()
    for bad in ("<script", "src=", "href=", "@import", "url("):
        assert bad not in low, bad
    assert not re.findall(r"https?://", html)


def test_findings_as_dicts_and_no_dates():
    tl = [{"start": 0, "end": 3, "text": "now", "type": "DATE", "value": "PRESENT_REF", "basis": "publication"}]
    out = render(tl, None, [{"start": 0, "end": 3, "severity": "error", "message": "m<b>"}], "en")
    assert "<svg" not in out and "no dated expression" in out and "publication date unknown" in out
    assert "m&lt;b&gt;" in out and "PRESENT_REF" in out


def test_the_batch_report_embeds_the_drawing(tmp_path):
    """The HTML report (factcheck/output/html_parts.py) draws the same view, with the
    date findings in their colour."""
    p = tmp_path / "a.txt"
    p.write_text(FIXTURE.read_text(encoding="utf-8"), encoding="utf-8")
    out = run_cli("check", "--format", "html", "--lang", "ar", "--published", "2024-08-15", p, cwd=ROOT)
    assert out.returncode == 0, out.stderr  # warnings only
    assert 'class="fc-tl"' in out.stdout and "<svg" in out.stdout and COLOURS["warning"] in out.stdout


def test_cli_dates_html(tmp_path):
    p = run_cli("dates", FIXTURE.relative_to(ROOT), "--published", "2024-08-15", "--lang", "ar",
                "--format", "html", cwd=ROOT)
    assert p.returncode == 0, p.stderr
    assert p.stdout.startswith("<!DOCTYPE html>") and "<svg" in p.stdout and "ar.dates.thread" in p.stdout


def test_dates_html_colours_the_findings_of_the_configuration_in_force(tmp_path):
    """`factcheck dates --format html` draws the date findings `check` would report here:
    a date rule the configuration ignores is not drawn as a contradiction."""
    art = tmp_path / "a.md"
    art.write_bytes((ROOT / "samples" / "ar" / "01-economy.md").read_bytes())
    shown = lambda: set(re.findall(r"ar\.dates\.[a-z-]+", run_cli("dates", art, "--format", "html",
                                                                    cwd=tmp_path).stdout))
    assert "ar.dates.order" in shown()
    (tmp_path / ".factcheck.yaml").write_text("ignore: [ar.dates.order]\n", encoding="utf-8")
    after = shown()
    assert "ar.dates.order" not in after and "ar.dates.weekday-mismatch" in after
