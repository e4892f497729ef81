"""The factcheck benchmark suite: one command.

    python -m bench                 # full run (~10 min on 2 cores): writes docs/benchmarks.md and .json
    python -m bench --quick         # small samples (~1-2 min), same report
    python -m bench --only speed,alarms --out bench/out/partial   # some sections, elsewhere
    python -m bench --update-baseline   # also rewrite bench/baseline.json for tests/test_bench_short.py
    python -m bench --only cache --merge  # re-run some sections, keep the others of docs/benchmarks.json

Needs the shared corpus (<repo>/../shared/corpus or $FACTCHECK_CORPUS). The peer
comparison needs Node and `npm ci --prefix bench` (textlint); without them textlint
is reported as not available and everything else runs.
"""

from __future__ import annotations

import argparse
import datetime as _dt
import json
import os
import sys
import time
from pathlib import Path

from bench.common import REPO, corpus_root, machine_info

SECTIONS = ("speed", "peers", "alarms", "seeded", "corrections", "cache", "scale")


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(prog="python -m bench", description=__doc__.split("\n\n")[0])
    ap.add_argument("--quick", action="store_true", help="small samples (a smoke run of the whole suite)")
    ap.add_argument("--only", default=",".join(SECTIONS), help=f"comma-separated sections: {','.join(SECTIONS)}")
    ap.add_argument("--out", default=str(REPO / "docs" / "benchmarks"),
                    help="report path without suffix (default docs/benchmarks -> .md and .json)")
    ap.add_argument("--update-baseline", action="store_true",
                    help="rewrite bench/baseline.json from the short suite (after an intended change)")
    ap.add_argument("--merge", action="store_true",
                    help="keep the sections not re-run from the existing report (OUT.json) and re-render it")
    args = ap.parse_args(argv)
    root = corpus_root()
    if root is None:
        print("bench: corpus not found (set FACTCHECK_CORPUS or put it at <repo>/../shared/corpus)", file=sys.stderr)
        return 2
    only = [s.strip() for s in args.only.split(",") if s.strip()]
    bad = [s for s in only if s not in SECTIONS]
    if bad:
        ap.error(f"unknown section(s): {', '.join(bad)}")

    from factcheck.rules import load_rules

    rs = load_rules()
    results: dict = {
        "schema": "factcheck.benchmarks/1",
        "generated": _dt.datetime.now().isoformat(timespec="seconds"),
        "command": "python -m bench" + (" " + " ".join(argv if argv is not None else sys.argv[1:])).rstrip(),
        "quick": args.quick,
        "machine": machine_info(),
        "corpus": str(root),
        "rules": {"count": len(rs.rules), "ids": [r.id for r in rs.rules],
                  "needing_analysis": [r.id for r in rs.rules if "analysis" in r.needs],
                  "load_errors": [str(e) for e in rs.errors]},
        "timings_seconds": {},
    }
    prev = Path(args.out).with_suffix(".json")
    results["section_generated"] = {s: results["generated"] for s in only}
    if args.merge and prev.is_file():
        old = json.loads(prev.read_text(encoding="utf-8"))
        for sec in SECTIONS:
            if sec not in only and sec in old:
                results[sec] = old[sec]
                results["timings_seconds"][sec] = old.get("timings_seconds", {}).get(sec)
                results.setdefault("load_average", {})[sec] = old.get("load_average", {}).get(sec)
                results["section_generated"][sec] = old.get("section_generated", {}).get(sec, old.get("generated"))
    t_all = time.perf_counter()
    for sec in SECTIONS:
        if sec not in only:
            continue
        print(f"[{sec}]", flush=True)
        load0 = os.getloadavg()[0]
        t0 = time.perf_counter()
        mod = __import__(f"bench.{sec}", fromlist=["run"])
        results[sec] = mod.run(quick=args.quick)
        results["timings_seconds"][sec] = round(time.perf_counter() - t0, 1)
        results.setdefault("load_average", {})[sec] = [round(load0, 2), round(os.getloadavg()[0], 2)]
        print(f"[{sec}] done in {results['timings_seconds'][sec]} s", flush=True)
    results["timings_seconds"]["total"] = round(time.perf_counter() - t_all, 1)

    from bench.report import render, targets

    results["targets"] = targets(results)
    out = Path(args.out)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.with_suffix(".json").write_text(json.dumps(results, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    out.with_suffix(".md").write_text(render(results), encoding="utf-8")
    print(f"wrote {out.with_suffix('.md')} and {out.with_suffix('.json')} in {results['timings_seconds']['total']} s")
    for t in results["targets"]:
        print(f"  target {t['target']}: {t['measured']} -> {t['status']}")
    if args.update_baseline:
        from bench.short import update_baseline

        path = update_baseline()
        print(f"wrote {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
