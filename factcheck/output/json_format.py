"""--format json: the factcheck.report/1 document (keys may be added, never renamed)."""

from __future__ import annotations

import json

from factcheck.output.common import report_dict


def render(files, errors, out, **_):
    # one write: json.dump's many small writes cost more than the checks on a cached run
    out.write(json.dumps(report_dict(files, errors), ensure_ascii=False, indent=1) + "\n")
