#!/usr/bin/env python3
"""Quality of the preposition and spelling rules (missing-word, broken-word).

    python scripts/seed_prepositions.py seed   [--corpus ../shared/corpus] [--seed 7] [--max-articles N]
    python scripts/seed_prepositions.py alarms [--corpus ../shared/corpus] [--show 30]
    python scripts/seed_prepositions.py speed  [--corpus ../shared/corpus] [--analysis]
    python scripts/seed_prepositions.py places          # regenerate the country-name data (needs babel)

* seed: copy from the corpus with one error put in each test sentence (fixed seed):
  «في» deleted before a fixed-expression noun (standalone word), «في» deleted inside a
  word (الصحفيين → الصحين), a preposition deleted after a governing word, «في» deleted
  before a place after a number and a counted noun and before a day–month date; in
  English a preposition deleted from a fixed phrase.  Recall by type = the rules find
  the insertion point (or the broken word).
* alarms: findings of error/warning severity of the categories preposition and spelling
  on the clean copy, per 1,000 sentences (sentences split on . ! ? ؟ and line breaks).
* speed: warm time of the category per 1,000-word Arabic article.

Needs the corpus (skips with a message when it is absent).  Nothing here is read at run
time by the checker.
"""

from __future__ import annotations

import argparse
import collections
import random
import sys
import time
from pathlib import Path

import regex

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from factcheck.document import parse_document  # noqa: E402
from factcheck.engine import Engine  # noqa: E402
from factcheck.langs import fold  # noqa: E402
from factcheck.rules import RuleSet, load_rules  # noqa: E402

CATEGORIES = ("preposition", "spelling")
SENT_SPLIT = regex.compile(r"[.!?؟\n]+")


def corpus_files(corpus: Path, lang: str) -> list[Path]:
    out = []
    for p in sorted((corpus / lang).glob("*/*.txt")):
        if "revisions" in p.parent.name:
            continue
        out.append(p)
    return out


def category_rules(lang: str):
    rs = load_rules()
    return [r for r in rs.rules if r.lang == lang and r.category in CATEGORIES and not getattr(r, "disabled", False)]


def sentences(text: str) -> int:
    return len([s for s in SENT_SPLIT.split(text) if s.strip()])


# ---------------------------------------------------------------- seeding

AR_FIXED = ["ظل", "إطار", "غضون", "أعقاب", "خضم", "ضوء", "سياق", r"وقت (?:سابق|لاحق|متأخر|مبكر)", "حين أن",
            r"الوقت (?:نفسه|ذاته|الذي)", "المقابل", r"هذا (?:الصدد|السياق|الإطار|الشأن)", "هذه الأثناء",
            "أسرع وقت", "أقرب وقت", r"حد ذات\p{L}+"]  # «في X»: the fixed expressions of the brief
AR_FIXED_ALA = ["الرغم", "خلفية", "هامش", "سبيل", "صعيد", "حد"]  # «على X»
AR_VALID_AFTER_DELETION = ["أثناء", "حال", "مقدمة", "محاولة", "نهاية", "بداية"]  # «في X»: X alone is fine
AR_GOVERNED = {"وفقا": "ل", "طبقا": "ل", "نقلا": "عن", "استنادا": "إلى", "نظرا": "ل"}
EN_FIXED = [("according", "to"), ("in spite", "of"), ("on behalf", "of"), ("as a result", "of"),
            ("in addition", "to"), ("due", "to"), ("in accordance", "with"), ("with regard", "to"),
            ("prior", "to"), ("in response", "to"), ("in front", "of"), ("as part", "of"),
            ("in the wake", "of"), ("ahead", "of"), ("regardless", "of"), ("in favor", "of")]
AR_BROKEN = None  # words with «في» inside: every corpus word containing it


def _spans_line(text: str, pos: int) -> tuple[int, int]:
    s = text.rfind("\n", 0, pos) + 1
    e = text.find("\n", pos)
    return s, len(text) if e == -1 else e


def _ar_place_words() -> set[str]:
    from factcheck.lexicon import places

    return {k for k, v in places("ar").items() if any(len(x) == 1 for x in v)}


def _en_place_words() -> set[str]:
    from factcheck.lexicon import places

    return {k for k, v in places("en").items() if any(len(x) == 1 for x in v)}


def seed_cases(files: list[Path], lang: str, rnd: random.Random, per_type: int):
    """Yield (type, text_with_error, expected_position_or_span, line_range) cases."""
    cases = collections.defaultdict(list)
    W = r"(?<![\p{L}\p{M}\p{N}])"
    E = r"(?![\p{L}\p{M}\p{N}])"
    for p in files:
        text = p.read_text(encoding="utf-8")
        if lang == "ar":
            # «في X» for fixed nouns: delete «في »
            for m in regex.finditer(W + r"في\s+(" + "|".join(AR_FIXED) + r")" + E, text):
                cases["ar: في before a fixed-expression noun"].append((text, m.start(), m.start(1), "في "))
            for m in regex.finditer(W + r"(?:على|علی)\s+(" + "|".join(AR_FIXED_ALA) + r")" + E, text):
                cases["ar: على before a fixed-expression noun"].append((text, m.start(), m.start(1), "على "))
            for m in regex.finditer(W + r"في\s+(" + "|".join(AR_VALID_AFTER_DELETION) + r")" + E, text):
                cases["ar: في before a noun valid alone (not an error; should stay silent)"].append(
                    (text, m.start(), m.start(1), "في "))
            for m in regex.finditer(W + r"[وف]?(" + "|".join(AR_GOVERNED) + r")[ًٌٍ]?\s+(لل|عن\s+|إلى\s+|الى\s+|ل)", text):
                g = m.group(2)
                cases["ar: preposition after a governing word"].append(
                    (text, m.start(2), m.start(2), g, "ال" if g == "لل" else ""))
            # «في» before a place after a number and a counted noun
            for m in regex.finditer(r"\d[\d,.]*\s+(?:(?:ألف|آلاف|مليون|ملايين|مليار)\s+)?[\p{L}]+\s+(في\s+)(\p{L}+)", text):
                if fold(m.group(2)) in _ar_place_words():
                    cases["ar: في before a place after a counted noun"].append((text, m.start(1), m.start(1), m.group(1)))
            # «في» before a day–month date
            for m in regex.finditer(W + r"(في\s+)\d{1,2}\s+(?:يناير|فبراير|مارس|أبريل|ابريل|مايو|يونيو|يوليو|أغسطس|اغسطس|سبتمبر|أكتوبر|اكتوبر|نوفمبر|ديسمبر)" + E, text):
                cases["ar: في before a day–month date"].append((text, m.start(1), m.start(1), m.group(1)))
            # «في» inside a word
            for m in regex.finditer(W + r"(\p{L}+?)في(\p{L}*)" + E, text):
                w = m.group()
                if len(w) < 5 or w.startswith(("وفي", "ففي", "بفي")):
                    continue
                k = m.start() + len(m.group(1))
                cases["ar: في deleted inside a word"].append((text, k, k, "في"))
            for m in regex.finditer(W + r"(في)(ه|ها|هم|هما|ما)" + E, text):
                cases["ar: في deleted inside a word"].append((text, m.start(), m.start(), "في"))
        else:
            for head, prep in EN_FIXED:
                for m in regex.finditer(r"(?<![\w-])" + regex.escape(head) + r" (" + prep + r" )(?=\w)", text, regex.I):
                    cases[f"en: {head} {prep}"].append((text, m.start(1), m.start(1), m.group(1)))
            for m in regex.finditer(r"\b\d[\d,.]*(?: (?:million|thousand|billion))? [a-z]+s (in )([A-Z][a-z]+)\b", text):
                if m.group(2).lower() in _en_place_words():
                    cases["en: in before a place after a counted noun"].append((text, m.start(1), m.start(1), m.group(1)))
    out = {}
    for k, v in cases.items():
        rnd.shuffle(v)
        out[k] = v[:per_type]
    return out


def cmd_seed(args):
    corpus = Path(args.corpus)
    if not corpus.is_dir():
        print(f"corpus not found at {corpus}; nothing to do")
        return 0
    rnd = random.Random(args.seed)
    rows = []
    for lang in ("ar", "en"):
        rules = category_rules(lang)
        eng = Engine(RuleSet(rules, []))
        files = corpus_files(corpus, lang)
        if args.max_articles:
            files = files[: args.max_articles]
        for typ, cases in sorted(seed_cases(files, lang, rnd, args.per_type).items()):
            found = 0
            misses = []
            for case in cases:
                text, pos, anchor, deleted = case[:4]
                repl = case[4] if len(case) > 4 else ""
                # keep the one line with the error (a paragraph)
                ls, le = _spans_line(text, pos)
                line = text[ls:le]
                p = pos - ls
                bad = line[:p] + repl + line[p + len(deleted):]
                doc = parse_document("seed.txt", bad, lang=lang)
                hits = []
                for r in rules:
                    hits.extend(f for f in eng.run_rule(r, doc) if f.severity in ("error", "warning"))
                if "inside a word" in typ:
                    m1 = regex.search(r"[\p{L}\p{M}]*$", bad[:p])
                    m2 = regex.match(r"[\p{L}\p{M}]*", bad[p:])
                    ws, we = p - len(m1.group()), p + len(m2.group())
                    ok = any(f.start <= we and f.end >= ws for f in hits)
                else:
                    ok = any(abs(f.start - p) <= 1 or (f.start <= p <= f.end) for f in hits)
                if "not an error" in typ:
                    ok = not any(abs(f.start - p) <= 1 for f in hits)
                found += ok
                if not ok and len(misses) < args.show:
                    misses.append(bad[max(0, p - 40):p] + "⟦⟧" + bad[p:p + 30])
            n = len(cases)
            rows.append((typ, n, found))
            print(f"{typ}: {found}/{n} = {found / n:.0%}" if n else f"{typ}: no cases")
            for m in misses:
                print("    miss:", m.replace("\n", " | "))
    return rows


def cmd_alarms(args):
    corpus = Path(args.corpus)
    if not corpus.is_dir():
        print(f"corpus not found at {corpus}; nothing to do")
        return 0
    for lang in ("ar", "en"):
        rules = category_rules(lang)
        eng = Engine(RuleSet(rules, []))
        n_sent = 0
        by_rule = collections.Counter()
        shown = []
        files = corpus_files(corpus, lang)
        for p in files:
            text = p.read_text(encoding="utf-8")
            doc = parse_document(str(p), text, lang=lang)
            n_sent += sentences(doc.text)
            for r in rules:
                for f in eng.run_rule(r, doc):
                    if f.severity not in ("error", "warning"):
                        continue
                    by_rule[r.id] += 1
                    if len(shown) < args.show:
                        shown.append(f"{r.id}: …{text[max(0, f.start - 50):f.start]}⟦{text[f.start:f.end]}⟧"
                                     f"{text[f.end:f.end + 40]}…".replace("\n", " | "))
        total = sum(by_rule.values())
        print(f"{lang}: {len(files)} articles, {n_sent} sentences, {total} alarms = "
              f"{1000 * total / max(1, n_sent):.2f} per 1,000 sentences")
        for rid, c in by_rule.most_common():
            print(f"    {rid}: {c}")
        for s in shown:
            print("   ", s)
    return 0


def cmd_speed(args):
    corpus = Path(args.corpus)
    if not corpus.is_dir():
        print(f"corpus not found at {corpus}; nothing to do")
        return 0
    import dataclasses

    rules = category_rules("ar")
    if not args.analysis:
        rules = [dataclasses.replace(r, options={**r.options, "use_analysis": False})
                 if "use_analysis" in r.options else r for r in rules]
    eng = Engine(RuleSet(rules, []))
    texts = [p.read_text(encoding="utf-8") for p in corpus_files(corpus, "ar")]
    words = sum(len(t.split()) for t in texts)
    # warm up: lexicons, models, caches of the checkers
    for t in texts[:20]:
        doc = parse_document("w.txt", t, lang="ar")
        for r in rules:
            eng.run_rule(r, doc)
    if args.analysis:  # load the model before timing
        from factcheck.analysis import get_analyzer

        get_analyzer("ar").analyze("وصل الوفد إلى الرياض.")
    docs = [parse_document("s.txt", t, lang="ar") for t in texts]
    t0, c0 = time.perf_counter(), time.process_time()
    for doc in docs:
        for r in rules:
            eng.run_rule(r, doc)
    dt, ct = time.perf_counter() - t0, time.process_time() - c0
    print(f"ar: {len(docs)} articles, {words} words, category ({len(rules)} rules, analysis "
          f"{'on' if args.analysis else 'off'}): {ct * 1e6 / words:.1f} ms CPU, {dt * 1e6 / words:.1f} ms wall "
          f"per 1,000 words (warm; documents parsed beforehand)")
    return 0


# ---------------------------------------------------------------- place names

def cmd_places(args):
    """Country names in Arabic and English from babel's CLDR data -> rules/<lang>/preposition/places/countries.yaml."""
    try:
        from babel import Locale
        import babel
    except ImportError:
        print("babel is needed to regenerate the country names: pip install babel")
        return 1
    skip = {"EU", "EZ", "UN", "ZZ", "QO", "XA", "XB", "AQ", "BV", "HM", "UM", "TF", "IO", "CP", "DG", "EA",
            "IC", "AC", "TA", "CQ"}
    for lang in ("ar", "en"):
        names = Locale(lang).territories
        out = sorted({v for k, v in names.items() if k.isalpha() and len(k) == 2 and k not in skip})
        path = ROOT / "rules" / lang / "preposition" / "places" / "countries.yaml"
        path.parent.mkdir(parents=True, exist_ok=True)
        with open(path, "w", encoding="utf-8") as f:
            f.write(f"# Country and territory names ({lang}) from the Unicode CLDR via babel {babel.__version__}\n")
            f.write("# (Locale.territories, two-letter codes).  Generated by:\n")
            f.write("#   python scripts/seed_prepositions.py places\n# Do not edit: add names to cities.yaml.\n")
            f.write("countries:\n")
            for n in out:
                f.write(f"  - \"{n}\"\n")
        print(f"{path}: {len(out)} names")
    return 0


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = ap.add_subparsers(dest="cmd", required=True)
    for name in ("seed", "alarms", "speed"):
        sp = sub.add_parser(name)
        sp.add_argument("--corpus", default=str(ROOT.parent / "shared" / "corpus"))
        sp.add_argument("--show", type=int, default=10)
        if name == "seed":
            sp.add_argument("--seed", type=int, default=7)
            sp.add_argument("--per-type", type=int, default=200)
            sp.add_argument("--max-articles", type=int, default=0)
        if name == "speed":
            sp.add_argument("--analysis", action="store_true")
    sub.add_parser("places")
    args = ap.parse_args(argv)
    fn = {"seed": cmd_seed, "alarms": cmd_alarms, "speed": cmd_speed, "places": cmd_places}[args.cmd]
    res = fn(args)
    return res if isinstance(res, int) else 0


if __name__ == "__main__":
    sys.exit(main())
