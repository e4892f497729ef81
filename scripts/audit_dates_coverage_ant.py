#!/usr/bin/env python3
"""Coverage audit of the Arabic date grammar on the ANT training text (issue 10).

    python scripts/audit_dates_coverage_ant.py [--n 3000] [--top 60] [--examples 2] [--out FILE]

Recall on unseen copy is what the Arabic date extractor lacks (test 2), so this audit counts, on a
fixed-seed sample of the ANT training text (`../shared/train/ar_news/ant.jsonl.gz`), the date and
time words that no extracted mention covers. Only the **train part** of the gap model's split is read
(`scripts/train_gap_model.py`: `part_of(d) == "train"`); its dev and test parts are never opened. The
publication date is the article's `time_raw` where it parses (else none).

A word counts when, after the proclitics و ف ب ل ك are taken off, it is a Gregorian or Hijri month,
a weekday, a unit (يوم، أسبوع، شهر، سنة، عام، ساعة، دقيقة، ثانية، عقد، قرن, duals included), a
deictic or vague word (أمس، غدا، الآن، حاليا، مؤخرا ...), a season, a part of the day, a decade, a
year 1900-2035 or a numeric date. It is *uncovered* when no mention overlaps it. Uncovered words are
counted by word class, by the word, and by the pattern around them: the word before and after
(folded, digits as #); and the classes are ranked by frequency. Many uncovered words are right to be
so (names, «الأمين العام», «اليوم الوطني», ordinals): the output is read, not scored.
"""

from __future__ import annotations

import argparse
import datetime as _dt
import random
import re
import sys
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))

from factcheck.document import parse_document  # noqa: E402
from factcheck.dates import timeline_for  # noqa: E402
from factcheck.langs import fold  # noqa: E402
from factcheck.resources import load_data  # noqa: E402

SEED = 20261214

# words the lexicon does not list as such but that are date or time words of the copy
EXTRA = {
    "part_of_day": ["صباحا", "مساء", "مساءا", "ليلا", "نهارا", "ظهرا", "عصرا", "فجرا", "الليلة", "الصباح", "المساء",
                    "الليل", "النهار", "الظهر", "العصر", "الفجر", "صباح", "ظهر", "عصر", "فجر", "ليل", "ليلة",
                    "منتصف", "الضحى", "السحور", "الزوال"],
    "deictic": ["آنذاك", "حينها", "حينئذ", "وقتها", "لاحقا", "أمس", "الأمس", "البارحة", "غدا", "الغد", "اليوم",
                "الآن", "حاليا", "مؤخرا", "حديثا", "سابقا", "قريبا", "مستقبلا", "يومئذ", "عندئذ", "راهنا"],
    "set": ["يوميا", "أسبوعيا", "شهريا", "سنويا"],
}

_TOK = re.compile(r"[^\W_]+")


def _load_words() -> dict:
    """folded word -> class"""
    months = load_data("ar", "dates/grammar/months.yaml") or {}
    lex = load_data("ar", "dates/grammar/lexicon.yaml") or {}
    words = {}

    def put(cls, spellings):
        for s in spellings:
            for w in fold(str(s)).split():
                if len(w) > 1 and w not in words:
                    words[w] = cls

    for ms in months.get("weekdays", {}).values():
        put("weekday", ms)
    for ms in months.get("gregorian", {}).values():
        put("month", [s.split()[0] for s in ms])  # «كانون», «تشرين»
    for ms in months.get("hijri", {}).values():
        put("hijri", [s.split()[0] for s in ms])  # «ربيع», «جمادى», «ذو/ذي»
    for key, cls in (("units", "unit"), ("dual_units", "unit")):
        for ms in (lex.get(key) or {}).values():
            put(cls, ms)
    for key in ("day_relative",):
        for ms in (lex.get(key) or {}).values():
            put("deictic", [s for s in ms if " " not in s])
    for key, cls in (("seasons", "season"), ("decades", "decade"), ("sets", "set")):
        for ms in (lex.get(key) or {}).values():
            put(cls, [s for s in ms if " " not in s])
    for ms in (lex.get("vague") or {}).values():
        put("deictic", [s for s in ms if " " not in s])
    for cls, ws in EXTRA.items():
        put(cls, ws)
    for w in ("ذو", "ذي", "ربيع"):  # too common alone: a Hijri month only with its second word
        words.pop(w, None)
    return words


_PRO = ("و", "ف")
_PRE = ("ب", "ل", "ك")


def strip_clitics(w: str, words: dict):
    """(word, class) for a token, its proclitics off, or None."""
    cands = [w]
    for a in ("",) + _PRO:
        if a and not w.startswith(a):
            continue
        r = w[len(a):]
        cands.append(r)
        for b in _PRE:
            if r.startswith(b) and len(r) > 2:
                rest = r[1:]
                cands.append(rest)
                if b == "ل" and rest.startswith("ل"):
                    cands.append("ا" + rest)  # «للعام» -> «العام»
    for c in cands:
        if c in words:
            return c, words[c]
    return None


def publication(d: dict):
    from train_gap_model import article_date

    return article_date({"time_raw": d.get("time_raw")})


def sample(n: int, seed: int = SEED, disjoint_from: int | None = None):
    """n train-part articles drawn with the seed; with disjoint_from, none of the n drawn with that seed
    (a second sample to see how far the fixes of the first one reach)."""
    from train_gap_model import article_text, part_of, read_articles

    train = [d for d in read_articles() if part_of(d) == "train"]
    train.sort(key=lambda d: d["id"])
    if disjoint_from is not None:
        first = {d["id"] for d in random.Random(disjoint_from).sample(train, min(n, len(train)))}
        train = [d for d in train if d["id"] not in first]
    rng = random.Random(seed)
    picked = rng.sample(train, min(n, len(train)))
    return [(d["id"], d.get("source"), article_text(d), publication(d)) for d in picked], len(train)


_YEAR = re.compile(r"^(19\d\d|20[0-3]\d)$")
_NUMDATE = re.compile(r"\d{1,4}[/.-]\d{1,2}[/.-]\d{1,4}")


def audit(arts, words):
    by_class = Counter()
    by_word = Counter()
    by_pattern = Counter()
    examples = defaultdict(list)
    totals = Counter()
    n_mentions = 0
    dump = []
    for aid, source, text, pub in arts:
        doc = parse_document(aid, text, lang="ar", published=pub)
        tl = timeline_for(doc)
        n_mentions += len(tl)
        covered = bytearray(len(text) + 1)
        for t in tl:
            for i in range(t["start"], t["end"]):
                covered[i] = 1
        fv = doc.folded
        ft = fv.text
        toks = [(m.start(), m.end(), m.group()) for m in _TOK.finditer(ft)]
        for i, (s, e, w) in enumerate(toks):
            hit = None
            if _YEAR.match(w):
                hit = ("#YEAR", "year")
            elif w.isdigit() and i + 1 < len(toks) and strip_clitics(toks[i + 1][2], words) and \
                    strip_clitics(toks[i + 1][2], words)[1] == "unit":
                hit = ("#N+" + strip_clitics(toks[i + 1][2], words)[0], "number+unit")
            else:
                hit = strip_clitics(w, words)
            if not hit:
                continue
            key, cls = hit
            bs, be = fv.to_base(s, e)
            totals[cls] += 1
            if any(covered[bs:be]):
                continue
            prev = toks[i - 1][2] if i > 0 and s - toks[i - 1][1] <= 3 else "^"
            nxt = toks[i + 1][2] if i + 1 < len(toks) and toks[i + 1][0] - e <= 3 else "$"
            pat = f"{_shape(prev)} [{key}] {_shape(nxt)}"
            dump.append((cls, key, " ".join(_shape(t[2]) for t in toks[max(0, i - 2):i]), w,
                         " ".join(_shape(t[2]) for t in toks[i + 1:i + 3]), source,
                         text[max(0, bs - 60):be + 60].replace("\n", " / ")))
            by_class[cls] += 1
            by_word[(cls, key)] += 1
            by_pattern[(cls, pat)] += 1
            if len(examples[(cls, pat)]) < 3:
                ctx = text[max(0, bs - 40):be + 40].replace("\n", " / ")
                examples[(cls, pat)].append(f"{source}: …{ctx}…")
    return by_class, by_word, by_pattern, examples, totals, n_mentions, dump


def _shape(w: str) -> str:
    return re.sub(r"\d+", "#", w)


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--n", type=int, default=3000, help="articles drawn from the train part")
    ap.add_argument("--seed", type=int, default=SEED)
    ap.add_argument("--disjoint-from", type=int, help="leave out the articles the sample of this seed draws")
    ap.add_argument("--top", type=int, default=60, help="patterns printed")
    ap.add_argument("--examples", type=int, default=0, help="contexts printed per pattern")
    ap.add_argument("--dump", help="write every uncovered word (class, word, two before, token, two after, outlet, context) as JSON lines")
    ap.add_argument("--cls", help="print the patterns of this class only")
    a = ap.parse_args(argv)
    words = _load_words()
    arts, n_train = sample(a.n, a.seed, a.disjoint_from)
    n_words = sum(len(_TOK.findall(t)) for _, _, t, _ in arts)
    by_class, by_word, by_pattern, examples, totals, n_mentions, dump = audit(arts, words)
    if a.dump:
        import json
        with open(a.dump, "w", encoding="utf-8") as f:
            for row in dump:
                f.write(json.dumps(row, ensure_ascii=False) + "\n")
    print(f"ANT train part: {n_train} articles; sample {len(arts)} (seed {a.seed}), {n_words} words, "
          f"{sum(1 for x in arts if x[3])} with a publication date; {n_mentions} mentions")
    print(f"uncovered date words: {sum(by_class.values())} of {sum(totals.values())}")
    for cls, n in by_class.most_common():
        print(f"  {cls:12s} {n:6d} of {totals[cls]:6d}")
    print("\nby word (top 40):")
    for (cls, w), n in by_word.most_common(40):
        print(f"  {n:5d} {cls:12s} {w}")
    print(f"\nby pattern (word before [word] word after), top {a.top}:")
    shown = 0
    for (cls, pat), n in by_pattern.most_common():
        if a.cls and cls != a.cls:
            continue
        print(f"  {n:5d} {cls:12s} {pat}")
        for ex in examples[(cls, pat)][:a.examples]:
            print(f"          {ex}")
        shown += 1
        if shown >= a.top:
            break
    return 0


if __name__ == "__main__":
    sys.exit(main())
