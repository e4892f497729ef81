#!/usr/bin/env python3
"""Quality and speed of the figure checks (category `figure`).

    python scripts/figures_quality.py alarms [--show 40] [--dump alarms.tsv]
    python scripts/figures_quality.py seed   [--seed 9] [--per-type 300]
    python scripts/figures_quality.py speed  [--repeat 5] [--articles 120]

* alarms: warnings and errors of the figure rules on the clean corpus, per 1,000 sentences
  (sentences as in bench/common.py), per rule, with context to read.  The articles of the
  blind gold set (/work/coord/heldout.json, `figures_ar`, `figures_en`, when present) are
  left out, so that nobody reads the system's output on them.
* seed: copies of corpus articles with one figure error put in each (fixed seed):
  - `mention-changed`: of two mentions of the same figure (same value, same counted noun,
    different sentences) the later one is changed (a digit changed: 2500 → 2600; a number
    word changed: أربعة → خمسة);
  - `total-broken`: a total with a breakdown («قتل 12 شخصا بينهم 5 أطفال و3 نساء», "12
    people, including 5 children") gets a total smaller than its parts;
  - `headline-changed`: a headline figure stated in the body is changed in the headline.
  Recall = a new finding of category `figure` that overlaps the changed span (or, for a
  total, the total or its parts).  The articles are split in two halves by a fixed seed:
  `dev` (the rules were tuned looking at its misses) and `test` (not looked at); both are
  reported.
* speed: warm time the category adds per 1,000 words, measured in one process: the same
  articles are checked with all rules and with all rules but the figure ones, alternately,
  `--repeat` times; the median difference is reported (date extraction, which the figures
  reuse, is paid by the date rules in both runs).

Needs the corpus (../shared/corpus or $FACTCHECK_CORPUS).  Nothing here is read at run time.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import statistics
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.common import articles, context, count_sentences, count_words  # noqa: E402

HELDOUT = Path("/work/coord/heldout.json")
CATEGORIES = ("punctuation", "quotes", "repetition", "typography", "boilerplate", "preposition", "spelling", "date",
              "figure", "consistency", "facts")
SEED = 9


def heldout() -> set[str]:
    if not HELDOUT.is_file():
        return set()
    d = json.loads(HELDOUT.read_text(encoding="utf-8"))
    return set(d.get("figures_ar") or []) | set(d.get("figures_en") or [])


def pool(lang: str) -> list:
    held = heldout()
    return [a for a in articles(lang) if a.name not in held]


def engine(categories_out=()):
    from factcheck.config import Config
    from factcheck.engine import Engine
    from factcheck.rules import RuleSet, load_rules

    rs = load_rules()
    rules = [r for r in rs.rules if r.category not in categories_out]
    return Engine(RuleSet(rules, rs.errors), Config())


def check(eng, name, text, lang, published):
    from factcheck.document import parse_document

    doc = parse_document(name, text, lang=lang, published=published)
    return eng.check(doc), doc


# ------------------------------------------------------------------ alarms

def cmd_alarms(a) -> int:
    eng = engine()
    out = []
    sentences = Counter()
    info = Counter()
    n_art = Counter()
    for lang in ("ar", "en"):
        for art in pool(lang):
            n_art[lang] += 1
            sentences[lang] += count_sentences(art.text)
            rep, _ = check(eng, art.name, art.text, lang, art.published)
            for f in rep.findings:
                if f.category != "figure":
                    continue
                if f.severity == "info":
                    info[lang] += 1
                    continue
                out.append((lang, f.rule, f"{art.name}:{f.start}-{f.end}", context(art.text, f.start, f.end),
                            f.message))
    per = Counter((lang, rule) for lang, rule, *_ in out)
    for lang in ("ar", "en"):
        n = sum(v for (lg, _), v in per.items() if lg == lang)
        print(f"{lang}: {n_art[lang]} articles, {sentences[lang]} sentences, {n} alarms = "
              f"{n * 1000 / max(1, sentences[lang]):.3f} per 1,000 sentences; info (unsupported) {info[lang]}")
        for (lg, rule), v in sorted(per.items()):
            if lg == lang:
                print(f"   {rule:32s} {v:4d}  {v * 1000 / max(1, sentences[lang]):.3f}/1000")
    for row in out[:a.show]:
        print("\t".join(row[1:]))
    if a.dump:
        with open(a.dump, "w", encoding="utf-8") as f:
            for row in out:
                f.write("\t".join(row[1:]) + "\n")
    return 0


# ------------------------------------------------------------------ seeded errors

_AR_WORDS = {"ثلاثة": "أربعة", "أربعة": "خمسة", "خمسة": "ستة", "ستة": "سبعة", "سبعة": "ثمانية", "ثمانية": "تسعة",
             "ثلاث": "أربع", "أربع": "خمس", "خمس": "ست", "عشرة": "أحد عشر", "عشرين": "ثلاثين", "ثلاثين": "أربعين"}
_EN_WORDS = {"two": "three", "three": "four", "four": "five", "five": "six", "six": "seven", "seven": "eight",
             "eight": "nine", "nine": "ten", "ten": "eleven", "twelve": "fifteen", "twenty": "thirty"}


def _change_digits(s: str, rng) -> str | None:
    """Change one significant digit of a number as written (2500 → 2600), keeping its form."""
    idx = [i for i, c in enumerate(s) if c.isdigit()]
    if not idx:
        return None
    # the first or second significant digit: a plausible slip, not a change of scale
    lead = [i for i in idx if s[i] != "0"][:2] or idx[:1]
    i = rng.choice(lead)
    d = int(s[i])
    nd = (d + rng.choice([1, 2, 3])) % 10
    if i == idx[0] and nd == 0:
        nd = (d + 4) % 10 or 1
    digit = chr(ord("0") + nd) if "0" <= s[i] <= "9" else chr(0x0660 + nd) if "\u0660" <= s[i] <= "\u0669" else str(nd)
    return s[:i] + digit + s[i + 1:]


def _changed_text(text: str, rng, lang: str) -> str | None:
    m = re.search(r"\d[\d,.\u066b\u066c]*", text)
    if m:
        new = _change_digits(m.group(), rng)
        return None if new is None else text[:m.start()] + new + text[m.end():]
    table = _AR_WORDS if lang == "ar" else _EN_WORDS
    for w, r in table.items():
        mm = re.search(rf"(?<!\w){w}(?!\w)", text, re.I if lang == "en" else 0)
        if mm:
            rep = r if not mm.group()[0].isupper() else r.capitalize()
            return text[:mm.start()] + rep + text[mm.end():]
    return None


def _figs(text, lang, name, published):
    from factcheck.document import parse_document
    from factcheck.figures import document_parts

    doc = parse_document(name, text, lang=lang, published=published)
    figs, sents = document_parts(doc)
    return doc, figs, sents


def inj_mention_changed(art, lang, rng):
    doc, figs, _ = _figs(art.text, lang, art.name, art.published)
    by = {}
    for f in figs:
        # a figure that identifies a fact: ten or more (or money, a percentage), not a list item
        if f.counts_key is None or f.high is not None or f.listy or (f.value < 10 and f.kind == "count"):
            continue
        by.setdefault((f.counts_key, f.unit, f.value), []).append(f)
    pairs = []
    for fs in by.values():
        for a_ in fs:
            for b in fs:
                if b.sentence > a_.sentence and not b.title:
                    pairs.append((a_, b))
    if not pairs:
        return None
    pairs.sort(key=lambda p: (p[1].start, p[0].start))
    a_, b = rng.choice(pairs)
    s, e = doc.view.to_base(b.start, b.end)
    new = _changed_text(art.text[s:e], rng, lang)
    if new is None or new == art.text[s:e]:
        return None
    return s, e, new, f"{art.text[s:e]!r} → {new!r}", [doc.view.to_base(a_.start, a_.end)]


def inj_headline_changed(art, lang, rng):
    doc, figs, _ = _figs(art.text, lang, art.name, art.published)
    head = [f for f in figs if f.title]
    body_vals = {f.value for f in figs if not f.title}
    cands = [f for f in head if f.value in body_vals]
    if not cands:
        return None
    f = rng.choice(cands)
    s, e = doc.view.to_base(f.start, f.end)
    new = _changed_text(art.text[s:e], rng, lang)
    if new is None or new == art.text[s:e]:
        return None
    return s, e, new, f"headline {art.text[s:e]!r} → {new!r}", []


_PARTS = {"ar": re.compile(r"(?<![\w])(?:من\s+)?(?:بينهم|منهم|بينهن|منهن|بينها|منها)(?![\w])"),
          "en": re.compile(r"\b(?:including|among them|of whom)\b", re.I)}


def inj_total_broken(art, lang, rng):
    """A total followed by a breakdown: the total is made smaller than the sum of its parts."""
    doc, figs, sents = _figs(art.text, lang, art.name, art.published)
    by = {}
    for f in figs:
        by.setdefault(f.sentence, []).append(f)
    cands = []
    for k, fs in by.items():
        fs = sorted(fs, key=lambda f: f.start)
        for i, tot in enumerate(fs[:-1]):
            if tot.kind != "count" or tot.unit is not None or tot.bound != "exact" or tot.high is not None:
                continue
            s, e = doc.view.to_base(tot.start, tot.end)
            nxt = fs[i + 1]
            ns, _ = doc.view.to_base(nxt.start, nxt.end)
            between = art.text[e:ns]
            if len(between) > 60 or not _PARTS[lang].search(between):
                continue
            parts = [p for p in fs[i + 1:] if p.kind == "count" and p.unit is None and p.bound == "exact"
                     and p.high is None][:4]
            total_parts = sum(p.value for p in parts)
            if not parts or total_parts <= 0:
                continue
            if not re.fullmatch(r"[\d,٬]+", art.text[s:e]):
                continue
            new_total = int(total_parts) - 1 if total_parts > 1 else None
            if not new_total or new_total <= 0:
                continue
            if new_total >= tot.value:
                continue
            cands.append((s, e, str(new_total), [doc.view.to_base(p.start, p.end) for p in parts]))
    if not cands:
        return None
    s, e, new, parts = rng.choice(cands)
    return s, e, new, f"total {art.text[s:e]!r} → {new!r} (parts {[art.text[a:b] for a, b in parts]})", parts


TYPES = {"mention-changed": inj_mention_changed, "total-broken": inj_total_broken,
         "headline-changed": inj_headline_changed}


def cmd_seed(a) -> int:
    eng = engine(tuple(c for c in CATEGORIES if c != "figure"))  # recall counts figure findings only
    results = {}
    for lang in ("ar", "en"):
        arts = pool(lang)
        rng0 = random.Random(f"{a.seed}:split:{lang}")
        order = arts[:]
        rng0.shuffle(order)
        half = len(order) // 2
        splits = {"dev": order[:half], "test": order[half:]}
        for tname, fn in TYPES.items():
            for split, group in splits.items():
                rng = random.Random(f"{a.seed}:{lang}:{tname}:{split}")
                n = caught = 0
                misses = []
                for art in group:
                    if n >= a.per_type:
                        break
                    inj = fn(art, lang, rng)
                    if inj is None:
                        continue
                    s, e, new, note, partners = inj
                    text2 = art.text[:s] + new + art.text[e:]
                    before, _ = check(eng, art.name, art.text, lang, art.published)
                    after, _ = check(eng, art.name, text2, lang, art.published)
                    delta = len(new) - (e - s)
                    shift = lambda x: x if x <= s else x + delta  # noqa: E731
                    old = {(f.rule, shift(f.start)) for f in before.findings}
                    ns, ne = s, s + len(new)
                    # the changed figure, or the mention it now contradicts (the total's parts)
                    spans = [(ns, ne)] + [(shift(x), shift(y)) for x, y in partners]
                    hit = [f for f in after.findings if f.category == "figure" and f.severity != "info"
                           and (f.rule, f.start) not in old
                           and any(f.start < y and f.end > x for x, y in spans)]
                    n += 1
                    if hit:
                        caught += 1
                    elif len(misses) < a.show:
                        misses.append(f"{art.name}: {note} | {context(text2, ns, ne)}")
                results[(lang, tname, split)] = (caught, n)
                print(f"{lang} {tname:17s} {split:4s}: {caught}/{n} = {caught / n if n else float('nan'):.3f}")
                for m in misses:
                    print("     miss:", m)
    return 0


# ------------------------------------------------------------------ speed

def cmd_speed(a) -> int:
    """CPU time (time.process_time) of the category per 1,000 words, warm, in one process:
    (1) the category's own work (extraction, attribution, the four checks) on fresh documents
    whose date expressions are already extracted (the date rules pay for them); (2) the same
    articles checked with all rules and with all rules but the figure ones, alternately.
    Medians over --repeat rounds. The calibration loop of bench/common.py runs before and after
    each round; `normalised` scales each round's figure by its calibration to the one stored in
    docs/benchmarks.md (0.026 s): an estimate for a quiet machine."""
    from bench.common import calibrate

    from factcheck.dates import mentions_for
    from factcheck.document import parse_document
    from factcheck.figures import document_parts

    stored_calibration = 0.026
    cal0 = calibrate()
    res = {}
    for lang in ("ar", "en"):
        arts = pool(lang)
        rng = random.Random(f"{SEED}:speed:{lang}")
        arts = sorted(rng.sample(arts, min(a.articles, len(arts))), key=lambda x: x.name)
        words = sum(count_words(x.text) for x in arts)
        full, without = engine(), engine(("figure",))
        figrules = [r for r in full.ruleset.rules if r.category == "figure" and r.lang == lang]

        def fresh():
            docs = []
            for x in arts:
                doc = parse_document(x.name, x.text, lang=lang, published=x.published)
                mentions_for(doc)  # paid by the date rules
                doc.folded  # noqa: B018 - shared with other rules
                docs.append(doc)
            return docs

        for doc in fresh():  # warm up
            document_parts(doc)
            for r in figrules:
                full.run_rule(r, doc)
        own, diffs, norm = [], [], []
        for _ in range(a.repeat):
            cal_round = calibrate(3)
            docs = fresh()
            t0 = time.process_time()
            for doc in docs:
                document_parts(doc)
                for r in figrules:
                    full.run_rule(r, doc)
            own.append((time.process_time() - t0) * 1e6 / words)
            norm.append(own[-1] * stored_calibration / min(cal_round, calibrate(3)))
            t0 = time.process_time()
            for x in arts:
                check(full, x.name, x.text, lang, x.published)
            t1 = time.process_time()
            for x in arts:
                check(without, x.name, x.text, lang, x.published)
            t2 = time.process_time()
            diffs.append(((t1 - t0) - (t2 - t1)) * 1e6 / words)
        res[lang] = {"articles": len(arts), "words": words,
                     "category_own_ms_per_1000_words": round(statistics.median(own), 2),
                     "all_minus_without_ms_per_1000_words": round(statistics.median(diffs), 2),
                     "own_runs": [round(x, 2) for x in own],
                     "normalised_own_ms_per_1000_words": round(statistics.median(norm), 2),
                     "normalised_runs": [round(x, 2) for x in norm]}
    cal1 = calibrate()
    for lang, r in res.items():
        print(lang, json.dumps(r))
    print(f"calibration {cal0:.4f} s before, {cal1:.4f} s after (stored: {stored_calibration} s)")
    return 0


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    sub = ap.add_subparsers(dest="cmd", required=True)
    p = sub.add_parser("alarms")
    p.add_argument("--show", type=int, default=40)
    p.add_argument("--dump")
    p = sub.add_parser("seed")
    p.add_argument("--seed", type=int, default=SEED)
    p.add_argument("--per-type", type=int, default=300)
    p.add_argument("--show", type=int, default=8)
    p = sub.add_parser("speed")
    p.add_argument("--repeat", type=int, default=5)
    p.add_argument("--articles", type=int, default=120)
    a = ap.parse_args(argv)
    from bench.common import corpus_root

    if corpus_root() is None:
        print("the corpus is not present (../shared/corpus or $FACTCHECK_CORPUS)", file=sys.stderr)
        return 2
    return {"alarms": cmd_alarms, "seed": cmd_seed, "speed": cmd_speed}[a.cmd](a)


if __name__ == "__main__":
    raise SystemExit(main())
