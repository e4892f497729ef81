"""Warm speed of this checkout against another revision, interleaved in one process.

    python -m bench.ab main            # or any revision: a7ccc0e, HEAD~3, ...
    python -m bench.ab main --articles 100 --rounds 5

On a shared machine, times taken minutes apart are not comparable. Here the other
revision's package is exported (git archive) to a temporary folder under the name
`factcheck_ab`, both are loaded in this process, and every article is checked by one
then the other, alternately, so that a burst of load hits both alike. CPU time
(process_time), parse + rules (without the model analysis, as the bench's "warm")
+ timeline. Prints ms per 1,000 words for each and the ratio this ÷ other.
"""

from __future__ import annotations

import argparse
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench.common import REPO, articles, count_words, sample

ALIAS = "factcheck_ab"


def export(rev: str, dest: Path) -> Path:
    """The revision's factcheck/ and rules/ under dest, the package renamed ALIAS."""
    tar = subprocess.run(["git", "-C", str(REPO), "archive", rev, "factcheck", "rules"], check=True,
                         capture_output=True).stdout
    subprocess.run(["tar", "-x", "-C", str(dest)], input=tar, check=True)
    pkg = dest / ALIAS
    shutil.move(str(dest / "factcheck"), pkg)
    for py in pkg.rglob("*.py"):
        s = py.read_text(encoding="utf-8")
        s = re.sub(r"\bfactcheck\.(?=[a-z_])", ALIAS + ".", s)
        s = re.sub(r"from factcheck import", f"from {ALIAS} import", s)
        s = s.replace('files("factcheck.', f'files("{ALIAS}.')
        py.write_text(s, encoding="utf-8")
    return pkg


def checker(pkg: str):
    mod = lambda name: __import__(f"{pkg}.{name}", fromlist=["_"])  # noqa: E731
    rules, engine, document, config, dates = (mod(n) for n in ("rules", "engine", "document", "config", "dates"))
    eng = engine.Engine(rules.load_rules(), config.Config())

    def check(a):
        doc = document.parse_document(a.name, a.text, lang=a.lang, published=a.published)
        for rule, sev in eng.rules_for(doc):
            if rule.options.get("use_analysis") or "analysis" in rule.needs:
                continue
            if "published" in rule.needs and doc.published is None:
                continue
            try:
                eng.run_rule(rule, doc, sev)
            except Exception:
                pass
        dates.timeline_for(doc)

    return check


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(prog="python -m bench.ab", description=__doc__.split("\n\n")[0])
    ap.add_argument("rev", help="the other revision (e.g. main)")
    ap.add_argument("--articles", type=int, default=200, help="articles per language (fixed-seed sample)")
    ap.add_argument("--rounds", type=int, default=3)
    args = ap.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="factcheck-ab-") as tmp:
        export(args.rev, Path(tmp))
        sys.path.insert(0, tmp)
        this, other = checker("factcheck"), checker(ALIAS)
        for lang in ("ar", "en"):
            arts = sample(articles(lang), args.articles, stratify=lambda a: a.source)
            words = sum(count_words(a.text) for a in arts)
            for a in arts:  # warm-up: patterns compiled, lexicons loaded
                this(a)
                other(a)
            t_this = t_other = 0.0
            for r in range(args.rounds):
                for i, a in enumerate(arts):
                    # which tree goes first alternates article by article: the second of a
                    # pair runs with the caches the first warmed, which favoured this tree by
                    # up to 3.5 % when it always went second (identical code in both slots)
                    first, second = (other, this) if (i + r) % 2 == 0 else (this, other)
                    t0 = time.process_time()
                    first(a)
                    t1 = time.process_time()
                    second(a)
                    t2 = time.process_time()
                    if first is other:
                        t_other += t1 - t0
                        t_this += t2 - t1
                    else:
                        t_this += t1 - t0
                        t_other += t2 - t1
            k = 1e6 / words / args.rounds
            print(f"{lang}: {len(arts)} articles, {words} words; ms per 1,000 words (CPU): "
                  f"this {t_this * k:.3f}, {args.rev} {t_other * k:.3f}; this / {args.rev} = {t_this / t_other:.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
