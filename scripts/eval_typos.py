"""Recall and false alarms of the near-spelling checks on held-out halves of the corpus.

    FACTCHECK_CORPUS=../shared/corpus python scripts/eval_typos.py dev|test [--lang ar|en]
        [--per-type 200] [--alarms-only] [--details]

The clean articles of ../shared/corpus are split once, by a hash of the article's name and
the seed below, into a dev half (the checks were tuned on it) and a test half (read only
for the figures reported). On each half:

* recall: a repeated rare word (English: a capitalised name of five letters or more; Arabic:
  a word of four letters or more, as in bench/seeded.py) is damaged once, at one of its later
  uses, by one slip: two neighbouring letters swapped (the benchmark's own damage), an inner
  letter left out, an inner letter doubled, an inner letter replaced by its neighbour on the
  keyboard (QWERTY; the Arabic 101 layout). Caught = a finding of a consistency or spelling
  rule, absent before the damage, that overlaps the damaged word (bench/seeded.py's
  matching);
* false alarms: the findings of the near-spelling rules on the undamaged half, per 1,000
  sentences, every one listed with --details so that they can be read.
"""

from __future__ import annotations

import argparse
import hashlib
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench import seeded  # noqa: E402
from bench.common import articles, check_text, context, count_sentences, make_engine  # noqa: E402

SPLIT_SEED = "typos:20261206"
RULES = {"ar": "ar.consistency.near-spelling", "en": "en.consistency.near-spelling"}

_QWERTY = ["qwertyuiop", "asdfghjkl", "zxcvbnm"]
_AR_KEYS = ["ضصثقفغعهخحجد", "شسيبلاتنمكط", "ئءؤرىةوزظ"]


def half_of(name: str) -> str:
    h = hashlib.blake2b(f"{SPLIT_SEED}:{name}".encode(), digest_size=8).digest()
    return "dev" if h[0] % 2 == 0 else "test"


def _neighbours(ch: str) -> str:
    for row in _QWERTY + _AR_KEYS:
        k = row.find(ch)
        if k != -1:
            return (row[k - 1] if k > 0 else "") + (row[k + 1] if k + 1 < len(row) else "")
    return ""


def _slip(kind):
    """A damage function for bench.seeded: one slip of `kind` in a later use of a repeated
    rare word, picked as inj_name_misspelt picks it."""

    def damage(w, rng):
        inner = list(range(1, len(w) - 1))
        if kind == "drop":
            i = rng.choice(inner)
            return w[:i] + w[i + 1:]
        if kind == "double":
            i = rng.choice(inner)
            return w[:i + 1] + w[i] + w[i + 1:]
        if kind == "replace":
            opts = [i for i in inner if _neighbours(w[i].lower())]
            if not opts:
                return None
            i = rng.choice(opts)
            return w[:i] + rng.choice(_neighbours(w[i].lower())) + w[i + 1:]
        return seeded._misspell(w, rng)

    def inj(text, lang, pub, rng):
        return seeded.inj_name_misspelt(text, lang, pub, rng, damage)

    return inj


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("half", choices=("dev", "test"))
    ap.add_argument("--lang", choices=("ar", "en"), action="append")
    ap.add_argument("--per-type", type=int, default=200)
    ap.add_argument("--alarms-only", action="store_true")
    ap.add_argument("--details", action="store_true")
    a = ap.parse_args(argv)
    langs = a.lang or ["ar", "en"]
    engine = make_engine(analysis="off")
    pools = {lang: [x for x in articles(lang) if half_of(x.name) == a.half] for lang in langs}
    if not a.alarms_only:
        cats = {"consistency", "spelling"}
        types = {}
        for kind in ("swap", "drop", "double", "replace"):
            name = f"typo-{kind}"
            seeded.EXPECTED[name] = (("ar", "en"), cats, _slip(kind), f"one later use of a repeated rare word: {kind}")
            types[name] = kind
        res = seeded.evaluate(types=set(types), langs=tuple(langs), per_type=a.per_type, engine=engine,
                              article_pool=pools, keep_examples=8 if a.details else 0)
        for lang in langs:
            for name in types:
                x = res[lang][name]
                print(f"{a.half} {lang} {name:14s} {x['caught']:4d} / {x['injected']:4d} = {x['recall']}  "
                      f"side effects {x['new_findings_elsewhere']}  by rule {x['matched_rules']}")
                if a.details:
                    for e in x["examples_missed"]:
                        print("    miss:", e["note"], "|", e["context"].replace("\n", " "))
    for lang in langs:
        n_sent = alarms = 0
        listed = []
        for art in pools[lang]:
            n_sent += count_sentences(art.text)
            rep = check_text(engine, art.name, art.text, lang, art.published)
            for f in rep.findings:
                if f.rule == RULES[lang]:
                    alarms += 1
                    listed.append((art.name, art.text, f))
        print(f"{a.half} {lang} alarms on clean copy: {alarms} in {len(pools[lang])} articles, {n_sent} sentences "
              f"= {alarms * 1000 / max(n_sent, 1):.2f} per 1,000 sentences")
        if a.details:
            for name, art_text, f in listed:
                print(f"    {name}: {f.message} | {context(art_text, f.start, f.end).replace(chr(10), ' ')}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
