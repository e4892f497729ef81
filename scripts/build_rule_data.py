"""Build the snapshot of the built-in rule pack's data files (grammars, lexicons, place
names): factcheck/data/rule_data_<lang>.marshal, the value the safe YAML loader gives for
each file of rules/<lang>/<category>/<dir>/..., with a digest of its bytes.

    python scripts/build_rule_data.py

`factcheck.resources.load_data` answers from the snapshot when a file's bytes still match
its digest, and parses the YAML otherwise: run this again after editing a data file
(tests/test_rule_data_snapshot.py fails until then).
"""

from __future__ import annotations

import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))


def main() -> int:
    from factcheck.resources import build_snapshot, data_files

    for lang in ("ar", "en"):
        out = build_snapshot(lang)
        print(f"{out.relative_to(REPO)}: {len(data_files(lang))} files, {out.stat().st_size} bytes")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
