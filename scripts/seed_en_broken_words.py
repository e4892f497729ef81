"""Recall of en.spelling.broken-word on seeded errors: in 200 CNN articles (fixed
seed), one lower-case word of six letters or more loses an inner "in", "of",
"to", "on" or "at"; a hit is a finding of the rule on that word.

    python scripts/seed_en_broken_words.py
"""

from __future__ import annotations

import random
import re
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from factcheck.config import Config  # noqa: E402
from factcheck.document import parse_document  # noqa: E402
from factcheck.engine import Engine  # noqa: E402
from factcheck.rules import load_rules  # noqa: E402

DELETED = ("in", "of", "to", "on", "at")


def main() -> int:
    corpus = REPO.parent / "shared" / "corpus" / "en" / "cnn_lite_2026"
    if not corpus.is_dir():
        print("../shared/corpus is not present")
        return 0
    rs = load_rules()
    rule = rs.by_id()["en.spelling.broken-word"]
    eng = Engine(rs, Config())
    rng = random.Random(7)
    files = sorted(corpus.glob("*.txt"))
    rng.shuffle(files)
    per: dict[str, list[int]] = {}
    for f in files[:200]:
        text = f.read_text(encoding="utf-8")
        cands = [m for m in re.finditer(r"\b[a-z]{6,}\b", text) if any(d in m.group()[1:-1] for d in DELETED)]
        if not cands:
            continue
        m = rng.choice(cands)
        w = m.group()
        d = next(d for d in DELETED if d in w[1:-1])
        i = w.index(d, 1)
        new = text[:m.start()] + w[:i] + w[i + len(d):] + text[m.end():]
        found = eng.run_rule(rule, parse_document("x.txt", new, lang="en"))
        ok = any(x.start <= m.start() < x.end for x in found)
        c = per.setdefault(d, [0, 0])
        c[0] += 1
        c[1] += ok
    tot = sum(c[0] for c in per.values())
    hit = sum(c[1] for c in per.values())
    print(f"recall {hit}/{tot} = {hit / tot:.2f}; by deleted string: "
          + ", ".join(f"{d} {c[1]}/{c[0]}" for d, c in sorted(per.items())))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
