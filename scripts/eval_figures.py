#!/usr/bin/env python3
"""Score the figure extractor against a hand-annotated gold set.

    python scripts/eval_figures.py [--gold tests/data/figures_gold.jsonl] [--corpus ../shared/corpus]
                                   [--errors N] [--json]

The gold file has one article a line: {"file": "ar/saudinewsnet/x.txt", "lang": "ar",
"published": "...", "figures": [{"start", "end", "text", "value", ["high"], "unit", "counts",
"approx", "attributed", "source"}, ...]}; offsets are code points into the corpus file.
The article text is read from the corpus (the gold holds spans, not articles).

Matching: a system figure and a gold figure match when their spans overlap; each is matched
at most once (the pairs with the largest overlap first).  Reported per language:

* spans: precision, recall, F1 of the overlap matching;
* value accuracy: matched pairs whose value (and high end of a range) is the gold's
  (relative difference below 1e-6);
* attribution accuracy: matched pairs whose `attributed` is the gold's; and, of the pairs
  both attributed, how often the source spans overlap;
* unit, approx and counts agreement on matched pairs (informative; counts compared after
  folding Arabic spellings).
"""

from __future__ import annotations

import argparse
import datetime as _dt
import json
import sys
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def load_gold(path: Path) -> list[dict]:
    with path.open(encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def corpus_dir(arg: str | None) -> Path | None:
    import os

    for cand in ([Path(arg)] if arg else []) + ([Path(os.environ["FACTCHECK_CORPUS"])]
                                                 if os.environ.get("FACTCHECK_CORPUS") else []) \
            + [ROOT.parent / "shared" / "corpus"]:
        if cand.is_dir():
            return cand
    return None


def system_figures(path: Path, name: str, lang: str, published) -> list[dict]:
    from factcheck.document import load_path
    from factcheck.figures import figure_dicts

    pub = _dt.date.fromisoformat(published[:10]) if published else None
    doc = load_path(path, name, lang=lang, published=pub)
    return figure_dicts(doc)


def match(gold: list[dict], system: list[dict]) -> list[tuple[int, int]]:
    """(gold index, system index) pairs: overlapping spans, largest overlap first, one-to-one."""
    cands = []
    for i, g in enumerate(gold):
        for j, s in enumerate(system):
            ov = min(g["end"], s["end"]) - max(g["start"], s["start"])
            if ov > 0:
                cands.append((-ov, i, j))
    cands.sort()
    used_g, used_s, out = set(), set(), []
    for _, i, j in cands:
        if i in used_g or j in used_s:
            continue
        used_g.add(i)
        used_s.add(j)
        out.append((i, j))
    return out


def same_value(a, b) -> bool:
    if a is None or b is None:
        return a is b
    return abs(float(a) - float(b)) <= 1e-6 * max(1.0, abs(float(a)), abs(float(b)))


def _fold(s):
    if s is None:
        return None
    from factcheck.langs import fold

    return fold(str(s)).lower()


def spans_overlap(a, b) -> bool:
    return a is not None and b is not None and min(a["end"], b["end"]) > max(a["start"], b["start"])


def evaluate(gold_rows, corpus: Path, errors: int = 0):
    stats = defaultdict(Counter)
    examples = defaultdict(list)
    missing = []
    for row in gold_rows:
        lang = row["lang"]
        path = corpus / row["file"]
        if not path.is_file():
            missing.append(row["file"])
            continue
        sysf = system_figures(path, row["file"], lang, row.get("published"))
        gold = row["figures"]
        text = path.read_text(encoding="utf-8")
        pairs = match(gold, sysf)
        st = stats[lang]
        st["articles"] += 1
        st["gold"] += len(gold)
        st["system"] += len(sysf)
        st["matched"] += len(pairs)
        mg = {i for i, _ in pairs}
        ms = {j for _, j in pairs}
        for i, g in enumerate(gold):
            if i not in mg and len(examples[(lang, "missed")]) < errors:
                examples[(lang, "missed")].append(f"{row['file']}: {_ctx(text, g)}")
        for j, s in enumerate(sysf):
            if j not in ms and len(examples[(lang, "spurious")]) < errors:
                examples[(lang, "spurious")].append(f"{row['file']}: {_ctx(text, s)}")
        for i, j in pairs:
            g, s = gold[i], sysf[j]
            ok_v = same_value(g["value"], s["value"]) and same_value(g.get("high"), s.get("high"))
            st["value_ok"] += ok_v
            if not ok_v and len(examples[(lang, "value")]) < errors:
                examples[(lang, "value")].append(
                    f"{row['file']}: {_ctx(text, g)} gold {g['value']}{'-' + str(g['high']) if 'high' in g else ''}"
                    f" system {s['value']}{'-' + str(s['high']) if 'high' in s else ''}")
            st["attr_ok"] += bool(g["attributed"]) == bool(s["attributed"])
            if bool(g["attributed"]) != bool(s["attributed"]) and len(examples[(lang, "attribution")]) < errors:
                examples[(lang, "attribution")].append(
                    f"{row['file']}: {_ctx(text, g)} gold {g['attributed']} ({(g['source'] or {}).get('text')}) "
                    f"system {s['attributed']} ({(s['source'] or {}).get('text')})")
            st["gold_attr"] += bool(g["attributed"])
            if g["attributed"] and s["attributed"]:
                st["both_attr"] += 1
                st["source_overlap"] += spans_overlap(g["source"], s["source"])
            st["unit_ok"] += (g.get("unit") or None) == (s.get("unit") or None)
            st["approx_ok"] += _fold(g.get("approx")) == _fold(s.get("approx"))
            st["counts_ok"] += _fold(g.get("counts")) == _fold(s.get("counts"))
    return stats, examples, missing


def _ctx(text, f, width=35) -> str:
    s, e = f["start"], f["end"]
    left = text[max(0, s - width):s].replace("\n", " / ")
    right = text[e:e + width].replace("\n", " / ")
    return f"…{left}[{text[s:e]}]{right}…"


def summarise(stats) -> dict:
    out = {}
    for lang, st in sorted(stats.items()):
        p = st["matched"] / st["system"] if st["system"] else 0.0
        r = st["matched"] / st["gold"] if st["gold"] else 0.0
        f1 = 2 * p * r / (p + r) if p + r else 0.0
        m = st["matched"] or 1
        out[lang] = {
            "articles": st["articles"], "gold_figures": st["gold"], "system_figures": st["system"],
            "matched": st["matched"],
            "span_precision": round(p, 3), "span_recall": round(r, 3), "span_f1": round(f1, 3),
            "value_accuracy": round(st["value_ok"] / m, 3),
            "attribution_accuracy": round(st["attr_ok"] / m, 3),
            "source_overlap_when_both_attributed": round(st["source_overlap"] / st["both_attr"], 3)
            if st["both_attr"] else None,
            "unit_agreement": round(st["unit_ok"] / m, 3),
            "approx_agreement": round(st["approx_ok"] / m, 3),
            "counts_agreement": round(st["counts_ok"] / m, 3),
        }
    return out


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--gold", default=str(ROOT / "tests" / "data" / "figures_gold.jsonl"))
    ap.add_argument("--corpus")
    ap.add_argument("--errors", type=int, default=0, help="print up to N errors of each kind")
    ap.add_argument("--json", action="store_true")
    a = ap.parse_args(argv)
    corpus = corpus_dir(a.corpus)
    if corpus is None:
        print("the corpus is not present (../shared/corpus, $FACTCHECK_CORPUS or --corpus)", file=sys.stderr)
        return 2
    stats, examples, missing = evaluate(load_gold(Path(a.gold)), corpus, a.errors)
    summary = summarise(stats)
    if a.json:
        print(json.dumps(summary, indent=1))
    else:
        for lang, s in summary.items():
            print(f"{lang}: {s['articles']} articles, gold {s['gold_figures']}, system {s['system_figures']}, "
                  f"matched {s['matched']}")
            print(f"   spans P {s['span_precision']}  R {s['span_recall']}  F1 {s['span_f1']}")
            print(f"   value accuracy {s['value_accuracy']}   attribution accuracy {s['attribution_accuracy']}   "
                  f"source overlap (both attributed) {s['source_overlap_when_both_attributed']}")
            print(f"   unit {s['unit_agreement']}   approx {s['approx_agreement']}   counts {s['counts_agreement']}")
    for (lang, kind), xs in sorted(examples.items()):
        print(f"-- {lang} {kind}")
        for x in xs:
            print("   ", x)
    if missing:
        print(f"{len(missing)} gold files not found in the corpus", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
