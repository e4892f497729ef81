"""HTML fragments shared by the `--format html` report and the server's editor page.

Small pure functions over one file entry of the `factcheck.report/1` JSON and the
file's source text.  Offsets are code points into that text, so Python slicing
places every highlight.  Everything taken from an article (text, messages, paths,
rule ids, figures) is escaped; nothing here fetches anything (no CDN, no fonts).

    render_article(entry, source, idx=0, open_=True) -> <section> of one article
    render_summary(report) -> <section> with the tables by file and by category
    highlight(source, findings, prefix) -> the source with each finding in a <mark>
    CSS, JS -> the style sheet and the small script both pages inline
"""

from __future__ import annotations

import html
from collections import Counter, defaultdict

SEVERITY_ORDER = ("error", "warning", "info")
RTL_LANGS = frozenset({"ar", "fa", "he", "ur"})


def esc(s) -> str:
    """Escape text for element content or a quoted attribute."""
    return html.escape("" if s is None else str(s), quote=True)


def esc_source(s: str) -> str:
    """Escape article text so that every code point survives HTML parsing one to
    one: CR and NUL would otherwise be normalised or dropped by the parser."""
    s = html.escape(s, quote=False)
    if "\r" in s:
        s = s.replace("\r", "&#13;")
    if "\x00" in s:
        s = s.replace("\x00", "\ufffd")
    return s


def text_dir(lang: str | None) -> str:
    return "rtl" if (lang or "")[:2].lower() in RTL_LANGS else "ltr"


def lang_attrs(lang: str | None) -> str:
    """` lang=".." dir=".."` for an element holding the article's own words."""
    code = (lang or "").strip() or "und"
    return f' lang="{esc(code)}" dir="{text_dir(code)}"'


# ------------------------------------------------------------ highlighting

def _mark_open(f: dict, i: int, prefix: str, first: bool, describe: bool) -> str:
    sev = f.get("severity") if f.get("severity") in SEVERITY_ORDER else "info"
    attrs = [f'class="fc-hl fc-{sev}"', f'data-finding="{i}"', f'data-rule="{esc(f.get("rule"))}"',
             f'data-start="{int(f["start"])}"', f'data-end="{int(f["end"])}"', f'data-msg="{esc(f.get("message"))}"']
    if first:  # one stop in the focus order per finding, on its first fragment
        attrs += [f'id="{prefix}-f{i}"', 'tabindex="0"']
        if describe:
            attrs.append(f'aria-describedby="{prefix}-m{i}"')
    else:
        attrs.append('data-part="more"')
    if f["start"] == f["end"]:
        attrs[0] = f'class="fc-hl fc-{sev} fc-insert"'
    return "<mark " + " ".join(attrs) + ">"


def highlight(source: str, findings: list[dict], prefix: str = "fc", describe: bool = True) -> str:
    """The source, escaped, with each finding wrapped in <mark data-finding=i>.

    Nested findings nest; crossing ones are split into fragments that share
    `data-finding` (the first carries the id and the focus stop), so the text of
    a finding's marks, joined, is exactly source[start:end].  An insertion point
    (start == end) is an empty mark.  Findings with offsets outside the source
    are left out."""
    n = len(source)
    ends: dict[int, int] = {}
    starts_at: dict[int, list[int]] = defaultdict(list)
    for i, f in enumerate(findings):
        s, e = f.get("start"), f.get("end")
        if not isinstance(s, int) or not isinstance(e, int) or not 0 <= s <= e <= n:
            continue
        ends[i] = e
        starts_at[s].append(i)
    for lst in starts_at.values():
        lst.sort(key=lambda i: -ends[i])  # longer first, so the shorter nests inside
    points = sorted({0, n, *starts_at, *ends.values()})
    out: list[str] = []
    stack: list[int] = []
    opened: set[int] = set()
    pos = 0

    def open_(i):
        out.append(_mark_open(findings[i], i, prefix, i not in opened, describe))
        opened.add(i)

    for p in points:
        out.append(esc_source(source[pos:p]))
        pos = p
        if any(ends[i] == p for i in stack):
            reopen = []
            while any(ends[i] == p for i in stack):
                i = stack.pop()
                out.append("</mark>")
                if ends[i] != p:
                    reopen.append(i)
            for i in reversed(reopen):
                open_(i)
                stack.append(i)
        for i in starts_at.get(p, ()):
            open_(i)
            if ends[i] == p:
                out.append("</mark>")
            else:
                stack.append(i)
    out.append(esc_source(source[pos:]))
    out.extend("</mark>" for _ in stack)
    return "".join(out)


# ------------------------------------------------------------ article parts

def _counts(findings) -> Counter:
    return Counter(f.get("severity") for f in findings)


def render_findings(entry: dict, prefix: str = "fc") -> str:
    """The findings of one article as a list, each linking to its highlight."""
    fl = entry.get("findings") or []
    if not fl:
        return '<p class="fc-none">No findings.</p>'
    la = lang_attrs(entry.get("language"))
    rows = []
    for i, f in enumerate(fl):
        sev = f.get("severity") if f.get("severity") in SEVERITY_ORDER else "info"
        fix = ""
        if f.get("fix"):
            parts = []
            for ed in f["fix"].get("edits", []):
                parts.append(f'<ins{la}>{esc(ed.get("replacement"))}</ins>' if ed.get("replacement")
                             else "delete")
            fix = (f' <span class="fc-fix">fix ({esc(f["fix"].get("applicability"))}): '
                   + ", ".join(parts) + "</span>")
        where = f"{f.get('line', '?')}:{f.get('column', '?')}"
        rows.append(
            f'<li id="{prefix}-m{i}" class="fc-item fc-{sev}"><a href="#{prefix}-f{i}">{esc(where)}</a> '
            f'<span class="fc-sev">{esc(sev)}</span> <code>{esc(f.get("rule"))}</code> '
            f'<span class="fc-msg"{la}>{esc(f.get("message"))}</span> '
            f'<q class="fc-quote"{la}>{esc(f.get("text"))}</q>{fix}</li>')
    return '<ol class="fc-findings">' + "".join(rows) + "</ol>"


def _num(v) -> str:
    if isinstance(v, float) and v.is_integer():
        v = int(v)
    if isinstance(v, (int, float)):
        return f"{v:,}"
    return esc(v)


def render_figures(figures: list[dict] | None, lang: str | None = None) -> str:
    """The figures of one article as a table (fields: /work/coord figures spec)."""
    if not figures:
        return ""
    la = lang_attrs(lang)
    rows = []
    for g in figures:
        value = _num(g.get("value"))
        if g.get("high") is not None:
            value += "–" + _num(g.get("high"))
        src = g.get("source") or {}
        attributed = "yes" if g.get("attributed") else "no"
        rows.append(
            f'<tr><td{la}>{esc(g.get("text"))}</td><td>{value}</td><td>{esc(g.get("unit") or "")}</td>'
            f'<td{la}>{esc(g.get("counts") or "")}</td><td{la}>{esc(g.get("approx") or "")}</td>'
            f'<td>{attributed}</td><td{la}>{esc(src.get("text") or "")}</td></tr>')
    return ('<table class="fc-figures"><caption>Figures</caption><thead><tr><th scope="col">figure</th>'
            '<th scope="col">value</th><th scope="col">unit</th><th scope="col">counts</th>'
            '<th scope="col">approx.</th><th scope="col">attributed</th><th scope="col">source</th></tr>'
            '</thead><tbody>' + "".join(rows) + "</tbody></table>")


def render_timeline(timeline: list[dict] | None, lang: str | None = None, source: str | None = None,
                    published: str | None = None, findings: list[dict] | None = None) -> str:
    """The date expressions of one article: drawn on a time axis by factcheck.dates.timeline_svg
    (the date findings in their colour), or listed in reading order when there is nothing
    to draw."""
    if not timeline:
        return ""
    drawing = _timeline_drawing(timeline, lang, source, published, findings)
    if drawing:
        return f'<figure class="fc-timeline-drawing">{drawing}<figcaption>Timeline</figcaption></figure>'
    la = lang_attrs(lang)
    items = []
    for t in timeline:
        items.append(f'<li><span class="fc-date-text"{la}>{esc(t.get("text"))}</span> → '
                     f'<time>{esc(t.get("value"))}</time> <span class="fc-dim">({esc(t.get("type"))}, '
                     f'{esc(t.get("basis"))})</span></li>')
    return '<details class="fc-timeline"><summary>Timeline</summary><ol>' + "".join(items) + "</ol></details>"


def _timeline_drawing(timeline, lang, source, published=None, findings=None) -> str:
    import datetime as _dt

    from factcheck.dates import timeline_svg

    try:
        pub = _dt.date.fromisoformat(published[:10]) if published else None
        dated = [f for f in findings or () if f.get("category") == "date"]
        return timeline_svg.render(timeline, pub, dated, "ar" if lang == "ar" else "en")
    except Exception:  # a drawing never takes the report down
        return ""


def render_article(entry: dict, source: str, idx: int = 0, open_: bool = True) -> str:
    """One article: header, the copy with findings highlighted in place (messages on
    hover and keyboard focus), the list of findings, figures and timeline."""
    prefix = f"fc-a{idx}"
    lang = entry.get("language")
    fl = entry.get("findings") or []
    c = _counts(fl)
    badge = " ".join(f'<span class="fc-badge fc-{s}">{c[s]} {s}</span>' for s in SEVERITY_ORDER if c[s])
    pub = entry.get("published")
    meta = f"{esc(lang or '?')}, published {esc(pub) if pub else 'unknown'}"
    if pub:
        meta += f" ({esc(entry.get('published_source'))})"
    skipped = ""
    if entry.get("skipped"):
        names = ", ".join(esc(s.get("rule")) for s in entry["skipped"])
        skipped = (f'<p class="fc-dim">Skipped {len(entry["skipped"])} rule(s): '
                   f'{esc(entry["skipped"][0].get("reason"))} ({names})</p>')
    return (
        f'<section class="fc-article" id="{prefix}" aria-labelledby="{prefix}-h">'
        f'<details{" open" if open_ else ""}><summary><h2 id="{prefix}-h" lang="en" dir="ltr">'
        f'<span class="fc-path" dir="ltr">{esc(entry.get("path"))}</span> '
        f'<span class="fc-dim">{meta}</span> {badge or "<span class=fc-dim>no findings</span>"}</h2></summary>'
        f'<div class="fc-source"{lang_attrs(lang)}>{highlight(source, fl, prefix)}</div>'
        f'<div class="fc-side">{render_findings(entry, prefix)}{skipped}'
        f'{render_figures(entry.get("figures"), lang)}{render_timeline(entry.get("timeline"), lang, source, pub, fl)}</div>'
        '</details></section>')


# ------------------------------------------------------------ summary

def render_summary(report: dict) -> str:
    """Tables by file (linking to each article) and by category, with severities."""
    files = report.get("files") or []
    sev_tot: Counter = Counter()
    rows = []
    for idx, f in enumerate(files):
        c = _counts(f.get("findings") or [])
        sev_tot.update(c)
        cells = "".join(f'<td class="fc-n{" fc-" + s if c[s] else ""}">{c[s]}</td>' for s in SEVERITY_ORDER)
        rows.append(f'<tr><th scope="row" dir="ltr"><a href="#fc-a{idx}">{esc(f.get("path"))}</a></th>'
                    f'<td>{esc(f.get("language"))}</td><td>{esc(f.get("published") or "")}</td>{cells}'
                    f'<td class="fc-n">{sum(c.values())}</td></tr>')
    head = "".join(f'<th scope="col">{s}</th>' for s in SEVERITY_ORDER)
    by_file = (f'<table class="fc-by-file"><caption>By file</caption><thead><tr><th scope="col">file</th>'
               f'<th scope="col">lang</th><th scope="col">published</th>{head}<th scope="col">total</th>'
               f'</tr></thead><tbody>{"".join(rows)}</tbody></table>')
    cat: dict[str, Counter] = defaultdict(Counter)
    for f in files:
        for x in f.get("findings") or []:
            cat[x.get("category")][x.get("severity")] += 1
    crow = []
    for name in sorted(cat, key=lambda k: (-sum(cat[k].values()), str(k))):
        cells = "".join(f'<td class="fc-n">{cat[name][s]}</td>' for s in SEVERITY_ORDER)
        crow.append(f'<tr><th scope="row">{esc(name)}</th>{cells}<td class="fc-n">{sum(cat[name].values())}</td></tr>')
    by_cat = (f'<table class="fc-by-category"><caption>By category</caption><thead><tr><th scope="col">category</th>'
              f'{head}<th scope="col">total</th></tr></thead><tbody>{"".join(crow)}</tbody></table>') if crow else ""
    errs = report.get("errors") or []
    err_html = ""
    if errs:
        err_html = ('<h2>Files that could not be checked</h2><ul class="fc-errors">'
                    + "".join(f'<li><span dir="ltr">{esc(e.get("path"))}</span>: {esc(e.get("message"))}</li>'
                              for e in errs) + "</ul>")
    total = sum(sev_tot.values())
    parts = ", ".join(f"{sev_tot[s]} {s}" for s in SEVERITY_ORDER if sev_tot[s])
    line = f"{total} finding(s) in {len(files)} file(s)" + (f": {parts}" if parts else "")
    from factcheck.output.common import summary_tail

    line += summary_tail({"files": files, "errors": errs})
    return (f'<section class="fc-summary" aria-label="Summary"><p class="fc-total">{esc(line)}</p>'
            f'{by_file}{by_cat}{err_html}</section>')


# ------------------------------------------------------------ assets

CSS = """
:root{color-scheme:light;--fc-err:#b3261e;--fc-err-bg:#fde2e1;--fc-warn:#7a5d00;--fc-warn-bg:#fff1b8;
--fc-info:#0b57d0;--fc-info-bg:#dcebff;--fc-dim:#4a4a4a}
body{font:16px/1.6 system-ui,"Noto Sans","Noto Naskh Arabic","DejaVu Sans",sans-serif;color:#111;background:#fff;
margin:0 auto;max-width:72rem;padding:1rem}
h1{font-size:1.4rem}
table{border-collapse:collapse;margin:.5rem 0 1rem}
th,td{border:1px solid #bbb;padding:.2rem .5rem;text-align:start}
caption{font-weight:bold;text-align:start}
td.fc-n{text-align:end;font-variant-numeric:tabular-nums}
td.fc-error{color:var(--fc-err);font-weight:bold}td.fc-warning{color:var(--fc-warn);font-weight:bold}
.fc-dim{color:var(--fc-dim);font-weight:normal;font-size:.9em}
.fc-article{border-top:1px solid #ccc;margin-top:1rem}
.fc-article summary{cursor:pointer}
.fc-article h2{display:inline;font-size:1.05rem}
.fc-badge{font-size:.8rem;border-radius:.6rem;padding:0 .4rem;font-weight:normal}
.fc-badge.fc-error{background:var(--fc-err-bg);color:var(--fc-err)}
.fc-badge.fc-warning{background:var(--fc-warn-bg);color:var(--fc-warn)}
.fc-badge.fc-info{background:var(--fc-info-bg);color:var(--fc-info)}
.fc-source{white-space:pre-wrap;unicode-bidi:plaintext;overflow-wrap:anywhere;border:1px solid #ddd;padding:.75rem;margin:.5rem 0;
background:#fcfcfc;font-size:1.05rem;line-height:1.9}
.fc-source[dir=rtl]{font-size:1.15rem}
mark.fc-hl{position:relative;color:inherit;background:var(--fc-info-bg);border-bottom:2px solid var(--fc-info);
border-radius:2px}
mark.fc-warning{background:var(--fc-warn-bg);border-bottom-color:var(--fc-warn)}
mark.fc-error{background:var(--fc-err-bg);border-bottom-color:var(--fc-err)}
mark.fc-insert{border-bottom:0;border-inline-start:2px solid var(--fc-err);padding-inline-start:1px}
mark.fc-hl:focus{outline:2px solid #111;outline-offset:1px}
mark.fc-hl:focus::after,mark.fc-hl:hover:not(:has(mark.fc-hl:hover))::after{content:attr(data-msg);position:absolute;
z-index:10;top:100%;inset-inline-start:0;width:max-content;max-width:min(32rem,80vw);white-space:normal;
background:#111;color:#fff;font-size:.9rem;line-height:1.4;padding:.3rem .5rem;border-radius:4px;
box-shadow:0 2px 6px rgba(0,0,0,.3)}
.fc-findings{padding-inline-start:1.5rem}
.fc-item .fc-sev{font-weight:bold}
.fc-item.fc-error .fc-sev{color:var(--fc-err)}.fc-item.fc-warning .fc-sev{color:var(--fc-warn)}
.fc-item.fc-info .fc-sev{color:var(--fc-info)}
.fc-fix{color:#1b5e20}
a{color:#0b57d0}a:focus{outline:2px solid #111}
@media print{mark.fc-hl::after{display:none}}
"""

# Moving to a finding from the list (or a #fc-aN-fM link) focuses its highlight,
# so its message shows; nothing else needs a script.
JS = """
(function(){function go(){var h=location.hash.slice(1);if(!h)return;var el=document.getElementById(h);
if(!el||el.tagName!=="MARK")return;var d=el.closest("details");if(d)d.open=true;el.focus();}
window.addEventListener("hashchange",go);document.addEventListener("DOMContentLoaded",go);})();
"""
