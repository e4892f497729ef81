"""Time the gap model of two checkouts in turn (A B, B A, A B ...), one fresh process each
time, on one core: a shared machine's load moves single timings by a third, so only
alternated rounds compare.

    git archive <old commit> | tar -x -C /tmp/old
    python scripts/gap_speed_ab.py /tmp/old . --rounds 10 [--load]

Each process scores the first 200 Arabic corpus articles as `eval_gap_model.py --speed`
does (`GapModel.score` over their tokens, a first pass then four warm ones) and reports the
median of the warm passes: CPU per 1,000 words of the whole model and of the network alone
(CPU inside `session.run`). `--load` times loading the model in a fresh process instead
(wall). Prints medians, ranges and the ratio B/A of each round."""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

SCORE = r'''
import json, statistics, sys, time
from pathlib import Path
from factcheck import gapmodel as gm
m = gm.get_model()
texts = [f.read_text(encoding="utf-8") for f in sorted(Path(sys.argv[1]).glob("ar/*/*.txt"))[:200]]
words = sum(len(t.split()) for t in texts)
toks = [gm.tokenize(t) for t in texts]
session, net = m.session, [0.0]
class Timed:
    def run(self, names, feeds):
        t = time.process_time()
        out = session.run(names, feeds)
        net[0] += time.process_time() - t
        return out
m.session = Timed()
whole, nets = [], []
for _ in range(5):
    net[0] = 0.0
    t0 = time.process_time()
    for tk in toks:
        m.score(tk)
    whole.append((time.process_time() - t0) / words * 1e6)
    nets.append(net[0] / words * 1e6)
print(json.dumps({"first": whole[0], "whole": statistics.median(whole[1:]), "net": statistics.median(nets[1:])}))
'''

LOAD = r'''
import json, time
t = time.perf_counter()
from factcheck import gapmodel as gm
gm.get_model()
print(json.dumps({"load": time.perf_counter() - t}))
'''


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("a", help="checkout A (the code before)")
    ap.add_argument("b", help="checkout B")
    ap.add_argument("--rounds", type=int, default=10)
    ap.add_argument("--load", action="store_true", help="time loading in a fresh process instead")
    ap.add_argument("--corpus", default=str(ROOT.parent / "shared" / "corpus"))
    ap.add_argument("--cpu", default="1", help="the core to run on (taskset -c)")
    args = ap.parse_args()
    trees = {"A": str(Path(args.a).resolve()), "B": str(Path(args.b).resolve())}
    res = {"A": [], "B": []}
    for r in range(args.rounds):
        for k in ("A", "B") if r % 2 == 0 else ("B", "A"):
            cmd = ["taskset", "-c", args.cpu, sys.executable, "-c", LOAD if args.load else SCORE, args.corpus]
            out = subprocess.run(cmd, capture_output=True, text=True, check=True, cwd=trees[k],
                                 env={**os.environ, "PYTHONPATH": trees[k]}).stdout
            res[k].append(json.loads(out))
    for key in (("load",) if args.load else ("whole", "net", "first")):
        a = [x[key] for x in res["A"]]
        b = [x[key] for x in res["B"]]
        print(f"{key:5s} A median {statistics.median(a):.3f} ({min(a):.3f}-{max(a):.3f})  "
              f"B median {statistics.median(b):.3f} ({min(b):.3f}-{max(b):.3f})  "
              f"B/A per round {', '.join(f'{y / x:.2f}' for x, y in zip(a, b))}")
    print("load average:", Path("/proc/loadavg").read_text().split()[:3] if Path("/proc/loadavg").exists() else "?")


if __name__ == "__main__":
    main()
