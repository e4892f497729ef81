"""--format json: the factcheck.report/1 document (keys may be added, never renamed).

Laid out for reading and for speed: the document's and each file's keys one a
line, each finding and each timeline entry on a line of its own.  Python's
json module encodes in C only without `indent`, and the indented encoder cost
more than the checks themselves on a run served from the cache."""

from __future__ import annotations

import json

from factcheck.output.common import report_dict

_enc = json.JSONEncoder(ensure_ascii=False).encode


def _lines(key: str, value, pad: str, last: bool) -> list[str]:
    comma = "" if last else ","
    if isinstance(value, list) and value and all(isinstance(x, dict) for x in value):
        out = [f"{pad}{_enc(key)}: ["]
        out.extend(f"{pad} {_enc(x)}{',' if i < len(value) - 1 else ''}" for i, x in enumerate(value))
        out.append(f"{pad}]{comma}")
        return out
    return [f"{pad}{_enc(key)}: {_enc(value)}{comma}"]


def dumps(data: dict) -> str:
    out = ["{"]
    items = list(data.items())
    for i, (k, v) in enumerate(items):
        last = i == len(items) - 1
        if k == "files" and v:
            out.append(f" {_enc(k)}: [")
            for j, f in enumerate(v):
                out.append("  {")
                fi = list(f.items())
                for n, (fk, fv) in enumerate(fi):
                    out.extend(_lines(fk, fv, "   ", n == len(fi) - 1))
                out.append("  }" + ("," if j < len(v) - 1 else ""))
            out.append(" ]" + ("" if last else ","))
        else:
            out.extend(_lines(k, v, " ", last))
    out.append("}")
    return "\n".join(out) + "\n"


def render(files, errors, out, **_):
    out.write(dumps(report_dict(files, errors)))
