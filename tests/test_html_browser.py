"""The --format html report in a real browser (headless Chromium): every highlight
sits on its finding's words and is what the eye sees at that spot, the message
shows on hover and on keyboard focus, Arabic runs right to left, nothing is
fetched.  A screenshot is kept in build/test-artifacts/."""

import json

from browser_util import artifact, browser_page
from conftest import ROOT

ARTICLES = [ROOT / "samples" / "ar" / "01-economy.md", ROOT / "samples" / "en" / "01-storm.md",
            ROOT / "samples" / "ar" / "03-culture.html"]

MARK_TEXT = """([sec, i]) => Array.from(document.querySelectorAll(`#${sec} mark[data-finding="${i}"]`))
    .map(m => m.textContent).join("")"""

ON_TOP = """(el) => { el.scrollIntoView({block: "center"}); const r = el.getClientRects()[0];
    const hit = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
    return {w: r.width, h: r.height, same: !!hit && (hit === el || el.contains(hit) || hit.closest("mark") === el)}; }"""


def test_html_report_in_chromium(tmp_path, cli):
    report = tmp_path / "report.html"
    p = cli("check", "--format", "html", "-o", report, *ARTICLES)
    assert p.returncode == 1, p.stderr
    data = json.loads(cli("check", "--format", "json", *ARTICLES).stdout)
    assert all(f["findings"] for f in data["files"])

    with browser_page() as page:
        requests = []
        page.on("request", lambda r: requests.append(r.url))
        page.goto(report.as_uri())
        checked = 0
        for idx, entry in enumerate(data["files"]):
            sec = f"fc-a{idx}"
            src = page.locator(f"#{sec} .fc-source")
            want_dir = "rtl" if entry["language"] == "ar" else "ltr"
            assert src.get_attribute("lang") == entry["language"] and src.get_attribute("dir") == want_dir
            assert src.evaluate("e => getComputedStyle(e).direction") == want_dir
            for i, x in enumerate(entry["findings"]):
                # the words the highlight covers are the finding's words
                assert page.evaluate(MARK_TEXT, [sec, i]) == x["text"], (entry["path"], x)
                mark = page.locator(f"#{sec}-f{i}")
                assert mark.get_attribute("data-rule") == x["rule"]
                if x["start"] < x["end"]:
                    # and it is what is drawn at that place on screen
                    geo = mark.evaluate(ON_TOP)
                    assert geo["w"] > 0 and geo["h"] > 0 and geo["same"], (entry["path"], x, geo)
                checked += 1
            # the article's figures table lists the report's figures, in order
            cells = page.locator(f"#{sec} table.fc-figures tbody tr td:first-child").all_inner_texts()
            assert cells == [g["text"] for g in entry["figures"]] and cells, entry["path"]
        assert checked == sum(len(f["findings"]) for f in data["files"])

        # the message on keyboard focus, then on hover; Tab moves to the next finding
        first = page.locator("#fc-a0-f0")
        first.focus()
        tip = page.evaluate("getComputedStyle(document.activeElement, '::after').content")
        x0 = data["files"][0]["findings"][0]
        assert tip.strip('"') == x0["message"]
        page.screenshot(path=str(artifact("html-report-focus.png")))
        page.keyboard.press("Tab")
        assert page.evaluate("document.activeElement.id") == "fc-a0-f1"
        page.evaluate("document.activeElement.blur()")
        en_idx = [f["language"] for f in data["files"]].index("en")
        target = page.locator(f"#fc-a{en_idx}-f0")
        target.hover()
        x1 = data["files"][en_idx]["findings"][0]
        tip = target.evaluate("e => getComputedStyle(e, '::after').content")
        assert tip.strip('"') == x1["message"]
        none = page.locator(f"#fc-a{en_idx}-f1").evaluate("e => getComputedStyle(e, '::after').content")
        assert none in ("none", "normal")  # only the hovered finding shows its message

        # a link in the findings list moves the focus to its highlight (the page's script)
        page.locator(f'#fc-a{en_idx}-m1 a').click()
        assert page.evaluate("document.activeElement.id") == f"fc-a{en_idx}-f1"

        page.evaluate("window.scrollTo(0, 0)")
        page.screenshot(path=str(artifact("html-report.png")), full_page=True)
        assert requests == [report.as_uri()]  # nothing but the page itself was loaded
    assert artifact("html-report.png").stat().st_size > 10_000
