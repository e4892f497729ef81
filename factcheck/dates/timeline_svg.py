"""The timeline for people: an article's dated events on a time axis, as SVG in HTML.

One pure function draws it, so that `factcheck dates FILE --format html`, the HTML
report and the editor page show the same view:

    render(timeline, published, findings=(), lang="en") -> str

- `timeline`: the entries of `factcheck.dates.timeline_for` (dicts with start, end,
  text, type, value, basis; offsets into the source);
- `published`: the publication date (datetime.date) or None;
- `findings`: the findings of the date rules on the same source, as
  `factcheck.model.Finding` objects or dicts with start, end, severity, message
  (rule optional); an entry that a finding covers is drawn in the finding's colour
  and the message is its tooltip and is listed under the drawing;
- `lang`: "ar" draws right to left with Arabic labels, anything else left to right.

It returns an HTML fragment (a <figure> with an inline <svg>, a legend and a table of
the expressions that have no place on the axis: durations, recurrences, vague
references, unresolved values). Nothing is fetched: no script, no font, no image;
the style is inline and scoped to the class `fc-tl`. `page()` wraps a fragment in a
whole self-contained document.
"""

from __future__ import annotations

import datetime as _dt
import html
import re

from factcheck import __version__

__all__ = ["render", "page", "value_range"]

COLOURS = {"error": "#c62828", "warning": "#e67e22", "info": "#1565c0"}
PLAIN = "#455a64"
PUB = "#2e7d32"
SEVERITY_RANK = {"info": 0, "warning": 1, "error": 2}

_LABELS = {
    "en": {"published": "published", "unknown": "publication date unknown", "none": "no dated expression",
           "other": "Expressions not on the axis", "text": "expression", "type": "type", "value": "value",
           "findings": "Findings", "title": "Timeline"},
    "ar": {"published": "تاريخ النشر", "unknown": "تاريخ النشر غير معروف", "none": "لا تعابير زمنية مؤرخة",
           "other": "تعابير لا موضع لها على المحور", "text": "التعبير", "type": "النوع", "value": "القيمة",
           "findings": "الملاحظات", "title": "الخط الزمني"},
}

_SEASONS = {"SP": (3, 5), "SU": (6, 8), "FA": (9, 11), "WI": (12, 14)}


def _month_end(y: int, m: int) -> _dt.date:
    if m > 12:
        y, m = y + (m - 1) // 12, (m - 1) % 12 + 1
    nxt = _dt.date(y + (m == 12), m % 12 + 1, 1)
    return nxt - _dt.timedelta(days=1)


def value_range(value: str) -> tuple[_dt.date, _dt.date] | None:
    """First and last day a TIMEX3 date value covers (None when it has no place on
    a calendar axis: durations, sets, vague references, unknown parts)."""
    v = (value or "").strip()
    if not v or "X" in v.split("T")[0] or v.startswith("P") or v.endswith("_REF"):
        return None
    v = v.split("T")[0]
    try:
        m = re.fullmatch(r"(\d{4})-(\d{2})-(\d{2})", v)
        if m:
            d = _dt.date(int(m[1]), int(m[2]), int(m[3]))
            return d, d
        m = re.fullmatch(r"(\d{4})-(\d{2})", v)
        if m:
            y, mo = int(m[1]), int(m[2])
            return _dt.date(y, mo, 1), _month_end(y, mo)
        m = re.fullmatch(r"(\d{4})-W(\d{1,2})(-WE)?", v)
        if m:
            mon = _dt.date.fromisocalendar(int(m[1]), int(m[2]), 1)
            if m[3]:
                return mon + _dt.timedelta(days=5), mon + _dt.timedelta(days=6)
            return mon, mon + _dt.timedelta(days=6)
        m = re.fullmatch(r"(\d{4})-Q([1-4])", v)
        if m:
            y, q = int(m[1]), int(m[2])
            return _dt.date(y, 3 * q - 2, 1), _month_end(y, 3 * q)
        m = re.fullmatch(r"(\d{4})-H([12])", v)
        if m:
            y, h = int(m[1]), int(m[2])
            return _dt.date(y, 6 * h - 5, 1), _month_end(y, 6 * h)
        m = re.fullmatch(r"(\d{4})-(SP|SU|FA|WI)", v)
        if m:
            y, (a, b) = int(m[1]), _SEASONS[m[2]]
            return _dt.date(y, a, 1), _month_end(y, b)
        m = re.fullmatch(r"(\d{4})", v)
        if m:
            y = int(m[1])
            return _dt.date(y, 1, 1), _dt.date(y, 12, 31)
        m = re.fullmatch(r"(\d{3})", v)  # a decade
        if m:
            y = int(m[1]) * 10
            return _dt.date(y, 1, 1), _dt.date(y + 9, 12, 31)
        m = re.fullmatch(r"(\d{2})", v)  # a century
        if m:
            y = int(m[1]) * 100
            return _dt.date(max(y, 1), 1, 1), _dt.date(y + 99, 12, 31)
    except ValueError:
        return None
    return None


def _get(f, key, default=None):
    return f.get(key, default) if isinstance(f, dict) else getattr(f, key, default)


def _covering(entry: dict, findings) -> list:
    s, e = entry["start"], entry["end"]
    out = [f for f in findings if _get(f, "start", 0) < e and s < _get(f, "end", 0)]
    out.sort(key=lambda f: -SEVERITY_RANK.get(_get(f, "severity", "info"), 0))
    return out


class _Scale:
    """Days to x. A long past (more than `far` before the bulk of the events) is
    squeezed into the first fifth of the axis, so that decades-old references do
    not crush the months the story is about."""

    def __init__(self, lo: _dt.date, hi: _dt.date, x0: float, x1: float, knee: _dt.date | None):
        self.lo, self.hi, self.x0, self.x1 = lo, hi, x0, x1
        self.knee = knee if knee is not None and lo < knee < hi else None

    def __call__(self, d: _dt.date) -> float:
        span = self.x1 - self.x0
        if self.knee is None:
            return self.x0 + span * (d - self.lo).days / max(1, (self.hi - self.lo).days)
        xk = self.x0 + span * 0.2
        if d <= self.knee:
            return self.x0 + (xk - self.x0) * (d - self.lo).days / max(1, (self.knee - self.lo).days)
        return xk + (self.x1 - xk) * (d - self.knee).days / max(1, (self.hi - self.knee).days)


def _ticks(lo: _dt.date, hi: _dt.date) -> list[tuple[_dt.date, str]]:
    days = (hi - lo).days
    out = []
    if days <= 120:
        d = _dt.date(lo.year, lo.month, 1)
        while d <= hi:
            if d >= lo:
                out.append((d, d.strftime("%Y-%m")))
            for step in (8, 15, 22):
                dd = d.replace(day=step)
                if lo <= dd <= hi and days <= 60:
                    out.append((dd, dd.isoformat()[5:]))
            d = _month_end(d.year, d.month) + _dt.timedelta(days=1)
    elif days <= 3 * 366:
        d = _dt.date(lo.year, lo.month, 1)
        step = 1 if days <= 400 else 3
        while d <= hi:
            if d >= lo and (d.month - 1) % step == 0:
                out.append((d, d.strftime("%Y-%m")))
            d = _month_end(d.year, d.month) + _dt.timedelta(days=1)
    else:
        years = hi.year - lo.year
        step = next(s for s in (1, 2, 5, 10, 20, 50, 100, 200, 500) if years / s <= 12)
        y = (lo.year // step + 1) * step
        while y <= hi.year:
            out.append((_dt.date(y, 1, 1), str(y)))
            y += step
    return out


def render(timeline, published: _dt.date | None, findings=(), lang: str = "en") -> str:
    """The timeline as an HTML fragment (see the module's docstring)."""
    L = _LABELS["ar" if lang == "ar" else "en"]
    rtl = lang == "ar"
    findings = list(findings or ())
    dated, other = [], []
    for t in timeline:
        r = value_range(t.get("value", "")) if t.get("type") in ("DATE", "TIME") else None
        (dated if r else other).append((t, r))
    width, left, right = 900, 40, 40
    row_h, top = 34, 56
    esc = html.escape
    parts = [f'<figure class="fc-tl" dir="{"rtl" if rtl else "ltr"}" lang="{esc(lang)}">', _STYLE]
    if not dated:
        parts.append(f'<p class="fc-tl-empty">{esc(L["none"])}</p>')
    else:
        # the axis covers the events of a year or less and publication; decades and
        # centuries are drawn clipped to it (unless there is nothing else)
        short = [r for _, r in dated if (r[1] - r[0]).days <= 366] or [r for _, r in dated]
        los = [r[0] for r in short] + ([published] if published else [])
        his = [r[1] for r in short] + ([published] if published else [])
        lo, hi = min(los), max(his)
        pad = max(3, (hi - lo).days // 20)
        lo, hi = lo - _dt.timedelta(days=pad), hi + _dt.timedelta(days=pad)
        # the bulk: the later half of the dated events; far older ones are squeezed
        mids = sorted(r[0] for _, r in dated)
        bulk_lo = mids[len(mids) // 2] if mids else lo
        recent = min(bulk_lo, published or bulk_lo) - _dt.timedelta(days=400)
        knee = recent if (recent - lo).days > 3 * max(1, (hi - recent).days) else None
        x0, x1 = left, width - right
        sc = _Scale(lo, hi, x0, x1, knee)

        def X(d):  # right to left for Arabic
            x = sc(d)
            return x1 - (x - x0) if rtl else x

        # rows: greedy, so that labels do not overlap
        items = []
        for t, (a, b) in sorted(dated, key=lambda tr: tr[1][0]):
            a, b = max(a, lo), min(b, hi)
            if a > b:
                a = b = lo if b < lo else hi
            xa, xb = sorted((X(a), X(b)))
            label = t["text"]
            lw = 7.5 * max(len(label), len(t["value"])) + 10
            cx = (xa + xb) / 2
            items.append((t, a, b, xa, xb, cx, lw))
        rows_end: list[float] = []
        placed = []
        for it in sorted(items, key=lambda i: i[5]):
            t, a, b, xa, xb, cx, lw = it
            l, r = min(xa, cx - lw / 2), max(xb, cx + lw / 2)
            for k, end in enumerate(rows_end):
                if l > end:
                    rows_end[k] = r
                    break
            else:
                k = len(rows_end)
                rows_end.append(r)
            placed.append((k, it))
        n_rows = max(1, len(rows_end))
        axis_y = top + n_rows * row_h + 10
        height = axis_y + 44
        # inline SVG in HTML: the parser gives it its namespace (no xmlns, no URL in the page)
        parts.append(f'<svg viewBox="0 0 {width} {height}" '
                     f'width="100%" role="img" aria-label="{esc(L["title"])}">')
        parts.append(f'<line x1="{x0}" y1="{axis_y}" x2="{x1}" y2="{axis_y}" stroke="#90a4ae" stroke-width="1.5"/>')
        if sc.knee is not None:
            xk = X(sc.knee)
            parts.append(f'<text x="{xk:.1f}" y="{axis_y + 5}" class="fc-tl-break">≈</text>')
        for d, lab in _ticks(lo, hi):
            if sc.knee is not None and d < sc.knee and lab[-2:] not in ("00", "50") and len(lab) == 4 \
                    and int(lab) % 10:
                continue
            x = X(d)
            parts.append(f'<line x1="{x:.1f}" y1="{axis_y}" x2="{x:.1f}" y2="{axis_y + 5}" stroke="#90a4ae"/>'
                         f'<text x="{x:.1f}" y="{axis_y + 18}" class="fc-tl-tick">{esc(lab)}</text>')
        if published:
            x = X(published)
            parts.append(f'<line x1="{x:.1f}" y1="{top - 22}" x2="{x:.1f}" y2="{axis_y}" stroke="{PUB}" '
                         f'stroke-dasharray="5 4" stroke-width="1.5"/>'
                         f'<text x="{x:.1f}" y="{top - 28}" class="fc-tl-pub">{esc(L["published"])} '
                         f'\u2066{published.isoformat()}\u2069</text>')
        for k, (t, a, b, xa, xb, cx, lw) in placed:
            fs = _covering(t, findings)
            colour = COLOURS.get(_get(fs[0], "severity", ""), PLAIN) if fs else PLAIN
            y = top + k * row_h
            tip = f'{t["text"]} = {t["value"]} ({t["basis"]})'
            if fs:
                tip += "\n" + "\n".join(str(_get(f, "message", "")) for f in fs)
            cls = "fc-tl-ev fc-tl-hit" if fs else "fc-tl-ev"
            parts.append(f'<g class="{cls}" data-start="{t["start"]}" data-end="{t["end"]}">'
                         f'<title>{esc(tip)}</title>')
            parts.append(f'<line x1="{cx:.1f}" y1="{y + 6}" x2="{cx:.1f}" y2="{axis_y}" stroke="{colour}" '
                         f'stroke-opacity="0.35"/>')
            if xb - xa < 3:
                parts.append(f'<circle cx="{cx:.1f}" cy="{axis_y}" r="{5 if fs else 4}" fill="{colour}"/>')
            else:
                parts.append(f'<rect x="{xa:.1f}" y="{axis_y - 4}" width="{xb - xa:.1f}" height="8" rx="3" '
                             f'fill="{colour}" fill-opacity="{0.9 if fs else 0.45}"/>')
            weight = ' font-weight="bold"' if fs else ""
            parts.append(f'<text x="{cx:.1f}" y="{y}" fill="{colour}" class="fc-tl-label"{weight}>'
                         f'{esc(t["text"])}</text>'
                         f'<text x="{cx:.1f}" y="{y + 13}" fill="{colour}" class="fc-tl-value">'
                         f'{esc(t["value"])}</text></g>')
        parts.append("</svg>")
    if not published:
        parts.append(f'<p class="fc-tl-note">{esc(L["unknown"])}</p>')
    shown = [f for f in findings if any(_covering(t, [f]) for t in timeline)]
    if shown:
        parts.append(f'<h3>{esc(L["findings"])}</h3><ul class="fc-tl-findings">')
        for f in sorted(shown, key=lambda f: _get(f, "start", 0)):
            sev = _get(f, "severity", "info")
            parts.append(f'<li style="border-color:{COLOURS.get(sev, PLAIN)}"><b>{esc(sev)}</b> '
                         f'<code>{esc(str(_get(f, "rule", "")))}</code> {esc(str(_get(f, "message", "")))}</li>')
        parts.append("</ul>")
    if other:
        parts.append(f'<h3>{esc(L["other"])}</h3><table class="fc-tl-other"><tr><th>{esc(L["text"])}</th>'
                     f'<th>{esc(L["type"])}</th><th>{esc(L["value"])}</th></tr>')
        for t, _ in other:
            fs = _covering(t, findings)
            style = f' style="color:{COLOURS.get(_get(fs[0], "severity", ""), PLAIN)}"' if fs else ""
            parts.append(f'<tr{style}><td>{esc(t["text"])}</td><td>{esc(t["type"])}</td>'
                         f'<td>{esc(t["value"])}</td></tr>')
        parts.append("</table>")
    parts.append("</figure>")
    return "".join(parts)


_STYLE = """<style>
.fc-tl{font-family:system-ui,-apple-system,"Segoe UI","Noto Sans","Noto Naskh Arabic",Tahoma,sans-serif;margin:1em 0;color:#263238}
.fc-tl svg{max-width:100%;height:auto;background:#fafafa;border:1px solid #eceff1;border-radius:6px}
.fc-tl text{text-anchor:middle}
.fc-tl .fc-tl-label{font-size:12px}
.fc-tl .fc-tl-value{font-size:10px;font-family:ui-monospace,Menlo,Consolas,monospace;direction:ltr;unicode-bidi:isolate}
.fc-tl .fc-tl-tick{font-size:10px;fill:#607d8b;font-family:ui-monospace,Menlo,Consolas,monospace;direction:ltr;unicode-bidi:isolate}
.fc-tl .fc-tl-pub{font-size:11px;fill:#2e7d32}
.fc-tl .fc-tl-break{font-size:16px;fill:#607d8b}
.fc-tl h3{font-size:1em;margin:.8em 0 .3em}
.fc-tl ul.fc-tl-findings{list-style:none;padding:0;margin:0}
.fc-tl ul.fc-tl-findings li{border-inline-start:4px solid;padding:.2em .6em;margin:.2em 0;background:#fff8f0}
.fc-tl table.fc-tl-other{border-collapse:collapse;font-size:.9em}
.fc-tl table.fc-tl-other td,.fc-tl table.fc-tl-other th{border:1px solid #eceff1;padding:.15em .5em}
.fc-tl .fc-tl-empty,.fc-tl .fc-tl-note{color:#607d8b}
</style>"""


def page(title: str, fragment: str, lang: str = "en") -> str:
    """A whole self-contained HTML document around a fragment of render()."""
    d = "rtl" if lang == "ar" else "ltr"
    return (f'<!DOCTYPE html>\n<html lang="{html.escape(lang)}" dir="{d}"><head><meta charset="utf-8">'
            f'<meta name="viewport" content="width=device-width, initial-scale=1">'
            f'<meta name="generator" content="factcheck {html.escape(__version__)}">'
            f'<title>{html.escape(title)}</title></head>'
            f'<body style="margin:2em auto;max-width:960px;padding:0 1em">'
            f'<h1 style="font-family:system-ui,sans-serif;font-size:1.3em">{html.escape(title)}</h1>\n'
            f'{fragment}\n</body></html>\n')
