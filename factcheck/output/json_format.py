"""--format json: the factcheck.report/1 document (keys may be added, never renamed)."""

from __future__ import annotations

import json

from factcheck.output.common import report_dict


def render(files, errors, out, **_):
    json.dump(report_dict(files, errors), out, ensure_ascii=False, indent=1)
    out.write("\n")
