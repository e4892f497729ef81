"""The editor page in a real browser: Debian's Chromium, headless, driven by Playwright
(no browser download: executable_path points at the system's).  Skips cleanly when
Playwright or a Chromium is missing.  Screenshots go to build/test-artifacts/ (git-ignored)."""

import json

import pytest

from browser_util import artifact, chromium
from conftest import ROOT

AR = ROOT / "samples" / "ar" / "02-refugees.txt"
EN_TEXT = ("Storm 🌀 update, 𝐍𝐄𝐖𝐒 desk\n\nThe mayor said the the roads were closed.. "
           "Residents were told to stay home.\n")


@pytest.fixture(scope="module")
def browser():
    with chromium() as b:
        yield b


@pytest.fixture
def page(browser, server):
    ctx = browser.new_context(viewport={"width": 1400, "height": 1000})
    pg = ctx.new_page()
    pg.foreign = []  # every request that is not to the local server
    pg.errors = []

    def route(r):
        if r.request.url.startswith(server.url + "/") or r.request.url.startswith("data:"):
            r.continue_()
        else:
            pg.foreign.append(r.request.url)
            r.abort()

    pg.route("**/*", route)
    pg.on("pageerror", lambda e: pg.errors.append(str(e)))
    pg.on("console", lambda m: pg.errors.append(m.text) if m.type == "error" else None)
    pg.goto(server.url + "/")
    yield pg
    ctx.close()
    assert pg.foreign == [], "the page fetched something beyond the server"


def _check(page, text, **fields):
    page.fill("#text", text)
    for k, v in fields.items():
        if k == "published":
            page.fill("#published", v)
        else:
            page.select_option(f"#{k}", v)
    with page.expect_response(lambda r: r.url.endswith("/v1/render")):
        page.click("#check")
    _until(page, "document.getElementById('status').textContent.indexOf('finding') >= 0")
    return page.evaluate("window.factcheckPage.state.entry")


def _until(page, expression: str, timeout: float = 60.0):
    """Poll `expression` from here (the page's Content Security Policy forbids the
    in-page eval that wait_for_function would use)."""
    import time

    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if page.evaluate(expression):
            return
        page.wait_for_timeout(50)
    raise AssertionError(f"timed out waiting for {expression}")


def _marks(page) -> dict:
    """finding index -> the text of its highlight (its fragments joined)."""
    return page.evaluate("""() => {
        const out = {};
        document.querySelectorAll('#copy mark.fc-hl').forEach(m => {
            out[m.dataset.finding] = (out[m.dataset.finding] || '') + m.textContent;
        });
        return out;
    }""")


def _cli_entry(cli, path):
    p = cli("check", path, "--format", "json", cwd=ROOT)
    return json.loads(p.stdout)["files"][0]


def _cli_findings(cli, path):
    return _cli_entry(cli, path)["findings"]


def test_arabic_article_highlights_rtl_hover_and_one_click_fix(page, cli):
    text = AR.read_text(encoding="utf-8")
    entry = _check(page, text)
    cli_entry = _cli_entry(cli, "samples/ar/02-refugees.txt")
    expected = cli_entry["findings"]
    assert [(f["rule"], f["start"], f["end"]) for f in entry["findings"]] == \
           [(f["rule"], f["start"], f["end"]) for f in expected]
    # the figures table: the report's figures, one row each, in the article's order
    assert entry["figures"] == cli_entry["figures"] and entry["figures"]
    cells = page.locator("#figures table.fc-figures tbody tr td:first-child").all_inner_texts()
    assert cells == [g["text"] for g in cli_entry["figures"]]
    assert page.get_attribute("#figures table.fc-figures tbody tr td:first-child", "lang") == "ar"
    # right to left, with the language set, on the copy and on the textarea
    assert page.get_attribute("#copy", "dir") == "rtl" and page.get_attribute("#copy", "lang") == "ar"
    assert page.get_attribute("#text", "dir") == "rtl"
    # every highlight sits on the words of its finding
    marks = _marks(page)
    for i, f in enumerate(expected):
        assert marks.get(str(i), "") == f["text"], (f["rule"], marks.get(str(i)))
    # the publication date was read from the article's header
    assert "2025-03-12 (header)" in page.inner_text("#published-note")
    # the message on hover, and on keyboard focus
    i = next(i for i, f in enumerate(expected) if f["rule"] == "ar.punctuation.duplicated-comma")
    mark = page.locator(f"#fc-a0-f{i}")
    mark.hover()
    after = mark.evaluate("m => getComputedStyle(m, '::after').content")
    assert expected[i]["message"] in after
    page.mouse.move(0, 0)
    mark.focus()
    assert expected[i]["message"] in mark.evaluate("m => getComputedStyle(m, '::after').content")
    # the list, by category and by severity
    groups = page.locator(".fc-group h3").all_inner_texts()
    assert any(g.startswith("punctuation") for g in groups) and any(g.startswith("spelling") for g in groups)
    page.check("input[name=group][value=severity]")
    severities = [s for s in ("error", "warning", "info") if any(f["severity"] == s for f in expected)]
    assert [g.split()[0] for g in page.locator(".fc-group h3").all_inner_texts()] == severities
    page.screenshot(path=str(artifact("page-ar.png")), full_page=True)
    # one click applies the fix: «،،» becomes «،», nothing else changes
    (edit,) = expected[i]["fix"]["edits"]
    want = text[:edit["start"]] + edit["replacement"] + text[edit["end"]:]
    with page.expect_response(lambda r: r.url.endswith("/v1/render")):
        page.click(f"#fc-a0-m{i} button.fc-apply")
    assert page.input_value("#text") == want
    _until(page, "!window.factcheckPage.state.entry.findings.some(f => f.rule.endsWith('duplicated-comma'))")
    assert not pg_errors(page)


def pg_errors(page):
    return [e for e in page.errors if "favicon" not in e]


def test_english_article_with_emoji_fix_changes_the_right_characters(page):
    entry = _check(page, EN_TEXT, lang="en", published="2024-08-16")
    assert page.get_attribute("#copy", "dir") == "ltr" and page.get_attribute("#copy", "lang") == "en"
    assert entry["published_source"] == "flag"
    by_rule = {f["rule"]: (i, f) for i, f in enumerate(entry["findings"])}
    i, rep = by_rule["en.repetition.repeated-word"]
    assert _marks(page)[str(i)] == "the"
    # the fix's offsets are code points; the emoji before it are two UTF-16 units each in the page
    with page.expect_response(lambda r: r.url.endswith("/v1/render")):
        page.click(f"#fc-a0-m{i} button.fc-apply")
    assert page.input_value("#text") == EN_TEXT.replace("the the", "the")
    _until(page, "!window.factcheckPage.state.entry.findings.some(f => f.rule.endsWith('repeated-word'))")
    entry = page.evaluate("window.factcheckPage.state.entry")
    (j, dup) = next((j, f) for j, f in enumerate(entry["findings"]) if f["rule"] == "en.punctuation.duplicated")
    with page.expect_response(lambda r: r.url.endswith("/v1/render")):
        page.click(f"#fc-a0-m{j} button.fc-apply")
    assert page.input_value("#text") == EN_TEXT.replace("the the", "the").replace("closed..", "closed.")
    page.screenshot(path=str(artifact("page-en.png")), full_page=True)
    assert not pg_errors(page)


def test_open_a_file(page, tmp_path):
    src = ROOT / "samples" / "en" / "02-council.html"
    page.set_input_files("#file", str(src))
    _until(page, "window.factcheckPage.state.entry !== null")
    assert page.input_value("#format") == "html"
    entry = page.evaluate("window.factcheckPage.state.entry")
    assert entry["path"] == "02-council.html" and entry["findings"]
    marks = _marks(page)
    assert all(marks[str(i)] == f["text"] for i, f in enumerate(entry["findings"]) if f["end"] > f["start"])


def _luminance(rgb):
    def ch(c):
        c = c / 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4
    r, g, b = rgb
    return 0.2126 * ch(r) + 0.7152 * ch(g) + 0.0722 * ch(b)


def _contrast(a, b):
    la, lb = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


def test_accessibility_basics(page):
    _check(page, AR.read_text(encoding="utf-8"))
    assert page.get_attribute("html", "lang") == "en" and page.get_attribute("html", "dir") == "ltr"
    # every control has a label
    unlabelled = page.evaluate("""() => [...document.querySelectorAll('input, select, textarea, button')]
        .filter(e => !(e.labels && e.labels.length) && !e.getAttribute('aria-label') && !e.textContent.trim())
        .map(e => e.id || e.outerHTML)""")
    assert unlabelled == []
    # focus order: the copy, the controls, the check button, then the findings in the copy
    page.focus("#text")
    order = []
    for _ in range(10):
        page.keyboard.press("Tab")
        el = page.evaluate("document.activeElement.id || document.activeElement.tagName")
        if not order or order[-1] != el:  # a date field has a stop for each of its parts
            order.append(el)
    assert order[:5] == ["file", "format", "lang", "published", "check"], order
    assert order[5].startswith("fc-a0-f"), order  # the first highlight
    # contrast of text against its background, WCAG AA (4.5:1)
    pairs = page.evaluate("""() => {
        const rgb = s => s.match(/[\\d.]+/g).slice(0, 4).map(Number);
        const bg = e => { for (; e; e = e.parentElement) { const c = rgb(getComputedStyle(e).backgroundColor);
                            if (c.length < 4 || c[3] > 0) return c.slice(0, 3); } return [255, 255, 255]; };
        const sel = ['body', 'header p', '#status', '#check', 'button.fc-apply', 'mark.fc-error', 'mark.fc-warning',
                     'mark.fc-info', '.fc-item .fc-sev', '.note', 'label', '.fc-group h3', '.fc-findings a', 'textarea'];
        const out = [];
        sel.forEach(s => document.querySelectorAll(s).forEach(e =>
            out.push([s, rgb(getComputedStyle(e).color).slice(0, 3), bg(e)])));
        return out;
    }""")
    assert len(pairs) > 20
    low = [(s, fg, bg, round(_contrast(fg, bg), 2)) for s, fg, bg in pairs if _contrast(fg, bg) < 4.5]
    assert low == []
