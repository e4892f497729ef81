"""Build the snapshot of the built-in rule pack's data files (grammars, lexicons, place
names): factcheck/data/rule_data_<lang>.marshal, the value the safe YAML loader gives for
each file of rules/<lang>/<category>/<dir>/..., with a digest of its bytes; and the values
code builds from them (factcheck/data/built_<lang>.marshal: the date grammar), each with a
digest of its data and of the code that built it; and every rule file as it is decoded and
validated (factcheck/data/built_rules.marshal), under a digest of its bytes and of the code
that decodes rules.

    python scripts/build_rule_data.py

`factcheck.resources.load_data` answers from the snapshot when a file's bytes still match
its digest, and parses the YAML otherwise; `factcheck.dates.grammar.grammar` reads the built
grammar when its digest still matches, and builds it otherwise: run this again after editing
a data file or the grammar's code (tests/test_rule_data_snapshot.py fails until then).
"""

from __future__ import annotations

import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))


def main() -> int:
    from factcheck.resources import build_snapshot, data_files, write_built

    for lang in ("ar", "en"):
        out = build_snapshot(lang)
        print(f"{out.relative_to(REPO)}: {len(data_files(lang))} files, {out.stat().st_size} bytes")
    # built after the snapshots: the build reads the data through them
    from factcheck import resources
    from factcheck.dates import grammar as dg

    resources._snapshot.cache_clear()
    for lang in ("ar", "en"):
        values = {dg.BUILT_NAME: (dg.built_digest(lang), dg.to_plain(dg.build(lang)))}
        out = write_built(lang, values)
        print(f"{out.relative_to(REPO)}: {', '.join(values)}, {out.stat().st_size} bytes")
    # the rules last: a kind's validation reads data files through the snapshots
    from factcheck import rules

    out = rules.build_rules_file()
    print(f"{out.relative_to(REPO)}: {len(rules._built_rules())} rules, {out.stat().st_size} bytes")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
