"""--format github: workflow commands that GitHub Actions shows as annotations."""

from __future__ import annotations

from factcheck.output.common import report_dict

_LEVEL = {"error": "error", "warning": "warning", "info": "notice"}


def _esc(s: str, prop: bool = False) -> str:
    from factcheck.inputs import one_line

    s = one_line(s)  # no control sequence of the article reaches the log raw
    s = s.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    if prop:
        s = s.replace(":", "%3A").replace(",", "%2C")
    return s


def render(files, errors, out, **_):
    data = report_dict(files, errors)
    for f in data["files"]:
        for x in f["findings"]:
            out.write(f"::{_LEVEL[x['severity']]} file={_esc(f['path'], True)},line={x['line']},col={x['column']},"
                      f"endLine={x['end_line']},endColumn={x['end_column']},title={_esc(x['rule'], True)}::"
                      f"{_esc(x['message'])}\n")
    for e in data["errors"]:
        out.write(f"::error file={_esc(e['path'], True)}::{_esc(e['message'])}\n")
