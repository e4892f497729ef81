"""--format html: one self-contained page for a batch (no network: a Content
Security Policy forbids every fetch; style and script are inline).  The
fragments come from html_parts, shared with the server's editor page."""

from __future__ import annotations

import base64
import hashlib

from factcheck import __version__
from factcheck.output.common import report_dict
from factcheck.output.html_parts import CSS, JS, esc, render_article, render_summary


def _csp() -> str:
    digest = base64.b64encode(hashlib.sha256(JS.encode("utf-8")).digest()).decode("ascii")
    return (f"default-src 'none'; style-src 'unsafe-inline'; script-src 'sha256-{digest}'; "
            "img-src data:; base-uri 'none'; form-action 'none'")


def render_page(report: dict, sources: list[str], title: str = "factcheck report") -> str:
    """The whole page from a factcheck.report/1 document and the files' sources
    (in the order of report["files"]).  Articles with findings are open, the others
    folded."""
    body = [render_summary(report)]
    for idx, (entry, src) in enumerate(zip(report.get("files") or [], sources)):
        body.append(render_article(entry, src, idx, open_=bool(entry.get("findings"))))
    return (
        "<!DOCTYPE html>\n"
        '<html lang="en" dir="ltr"><head><meta charset="utf-8">'
        f'<meta http-equiv="Content-Security-Policy" content="{esc(_csp())}">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f'<meta name="generator" content="factcheck {esc(__version__)}">'
        f"<title>{esc(title)}</title><style>{CSS}</style><script>{JS}</script></head>"
        f'<body><header><h1>{esc(title)}</h1></header><main>{"".join(body)}</main></body></html>\n')


def render(files, errors, out, **_):
    data = report_dict(files, errors)
    out.write(render_page(data, [rep.source for rep in files]))
