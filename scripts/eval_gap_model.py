#!/usr/bin/env python3
"""Recall and alarms of the Arabic preposition and spelling checks (the gap model and
the hand-written rules together), on damage made the way real accidents make it.

    python scripts/eval_gap_model.py --part dev               # tune here
    python scripts/eval_gap_model.py --part test              # final figures only
    python scripts/eval_gap_model.py --part corpus            # ../shared/corpus/ar (other outlets and years)
    python scripts/eval_gap_model.py --part dev --json out.json --articles 400 --seed 11

Articles: the dev or test part of ../shared/train/ar_news (split by ISO week, see
scripts/train_gap_model.py), or every Arabic article of ../shared/corpus.  Each article is
checked clean, and once for each kind of damage, made on the raw text:

* one standalone «في» deleted (with the space after it);
* one standalone «على», «من», «إلى», «عن», «مع» deleted; a glued «ب»/«ل» deleted
  (بالقرب → القرب, للبيان → البيان);
* every «في» deleted by a search-and-replace, inside words too (the CMS accident), the
  doubled spaces it leaves collapsed;
* «في» deleted inside one word, split by whether what is left is a word (any reading of
  it with Zipf ≥ 3.0) or not.

A deletion counts as found when a warning or error of category preposition or spelling
sits at the gap (the insertion point, ±1 character) or on the broken word; "right word"
also asks that its fix puts back the deleted word.  Alarms are the warnings and errors of
those categories on the clean copy, per 1,000 sentences (split on . ! ? ؟ and line
breaks).  The curves sweep the model's threshold, the hand rules fixed at their settings.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import time
from collections import Counter, defaultdict
from pathlib import Path

import regex

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))

from factcheck.config import Config  # noqa: E402
from factcheck.document import parse_document  # noqa: E402
from factcheck.engine import Engine  # noqa: E402
from factcheck.rules import RuleSet, load_rules  # noqa: E402

CATEGORIES = ("preposition", "spelling")
SENT_SPLIT = regex.compile(r"[.!?؟\n]+")
W = r"(?<![\p{L}\p{M}\p{N}])"
E = r"(?![\p{L}\p{M}\p{N}])"
OTHER = {"على": "على", "من": "من", "إلى": "(?:إلى|الى)", "عن": "عن", "مع": "مع"}
GRID = [0.3, 0.4, 0.5, 0.6, 0.7, 0.75, 0.8, 0.85, 0.9, 0.93, 0.95, 0.97, 0.98, 0.99, 0.995]


def sentences(text: str) -> int:
    return len([s for s in SENT_SPLIT.split(text) if s.strip()])


# ------------------------------------------------------------------ articles

def ant_articles(part: str):
    """The articles of a part; "dev-fit" and "dev-tune" are dev's halves (by week,
    scripts/train_gap_rescorer.py): the re-scorer of the «في» gaps was trained on the fit half,
    so its settings are chosen on the tune half."""
    from train_gap_model import DATA, article_text, part_of, read_articles

    half = None
    if part.startswith("dev-"):
        from train_gap_rescorer import dev_half

        part, half = "dev", part[4:]
    for d in read_articles(DATA):
        if part_of(d) == part and (half is None or dev_half(d) == half):
            yield d["id"], article_text(d)


def corpus_articles(corpus: Path):
    for p in sorted((corpus / "ar").glob("*/*.txt")):
        yield f"{p.parent.name}/{p.name}", p.read_text(encoding="utf-8")


# ------------------------------------------------------------------ damage

def _delete_word(text, m):
    """Delete the word matched by m and one space after it; the gap is where it was."""
    s, e = m.span()
    if e < len(text) and text[e] == " ":
        e += 1
    return text[:s] + text[e:], s


def damage_single(text, rng, pattern):
    ms = [m for m in regex.finditer(W + pattern + r"(?= \p{Arabic})", text)]
    if not ms:
        return None
    m = rng.choice(ms)
    new, pos = _delete_word(text, m)
    return new, [("gap", pos, pos)]


def damage_glued(text, rng):
    ms = [m for m in regex.finditer(W + r"(?:بال|لل)(?=\p{Arabic}{3})", text)]
    if not ms:
        return None
    m = rng.choice(ms)
    s = m.start()
    if text[s] == "ب":
        return text[:s] + text[s + 1:], [("gap", s, s)], "ب"
    return text[:s] + "ا" + text[s + 1:], [("gap", s, s)], "ل"


def damage_all(text):
    """text.replace("في", "") with the doubled spaces collapsed; the damage it did: gaps
    (standalone «في», and «وفي» → «و») and broken words, as spans of the new text."""
    out = []
    marks = []
    pos = 0
    for m in regex.finditer("في", text):
        out.append(text[pos:m.start()])
        pos = m.end()
        newpos = sum(len(x) for x in out)
        before = text[m.start() - 1] if m.start() > 0 else " "
        after = text[m.end()] if m.end() < len(text) else " "
        word_before = regex.match(r"\p{L}", before) is not None
        word_after = regex.match(r"\p{L}", after) is not None
        if not word_before and not word_after:
            if after == " ":
                pos += 1  # collapse the space it leaves
            marks.append(("gap", newpos, newpos))
        elif word_before and not word_after and regex.fullmatch(r"[وف]", before) and (
                m.start() < 2 or not regex.match(r"\p{L}", text[m.start() - 2])):
            marks.append(("gap", newpos + 1, newpos + 1))  # «وفي القاهرة» -> «و القاهرة»
        else:
            marks.append(("inword", newpos, newpos))
    out.append(text[pos:])
    new = "".join(out)
    res = []
    for kind, s, e in marks:
        if kind == "inword":
            ws = s
            while ws > 0 and regex.match(r"\p{L}", new[ws - 1]):
                ws -= 1
            we = s
            while we < len(new) and regex.match(r"\p{L}", new[we]):
                we += 1
            res.append(("broken", ws, we))
        else:
            res.append(("gap", s, e))
    return new, res


def damage_inword(text, rng):
    ms = [m for m in regex.finditer(W + r"\p{Arabic}*في\p{Arabic}*" + E, text)
          if m.group() != "في" and not regex.fullmatch(r"[وفبلك]?في", m.group())]
    if not ms:
        return None
    m = rng.choice(ms)
    w = m.group()
    ks = [k for k in range(len(w) - 1) if w.startswith("في", k)]
    k = rng.choice(ks)
    broken = w[:k] + w[k + 2:]
    s = m.start()
    return text[:s] + broken + text[m.end():], [("broken", s, s + len(broken))], broken


def is_word(broken: str) -> bool:
    from factcheck.lexicon import ar_best, light_fold

    return ar_best(light_fold(broken)) >= 3.0


# ------------------------------------------------------------------ checking

class Checker:
    def __init__(self):
        rs = load_rules()
        rules = [r for r in rs.rules if r.lang == "ar" and r.category in CATEGORIES and not getattr(r, "disabled", False)]
        self.engine = Engine(RuleSet(rules, []), Config())
        self.model_rules = {r.id: r for r in rules if r.kind == "gap-model"}

    def check(self, name, text):
        doc = parse_document(name, text, lang="ar")
        rep = self.engine.check(doc)
        if rep.errors:  # a rule that fails finds nothing: the figures would be silently wrong
            raise RuntimeError(f"{name}: " + "; ".join(rep.errors))
        fs = [f for f in rep.findings if f.severity in ("error", "warning")]
        return doc, fs


def model_gap_probs(doc, rule):
    """{(position, word): probability} of the model's gap candidates (after the article's prior)."""
    from factcheck.gapmodel import doc_scores
    from factcheck.kinds.gap_model import candidates

    sc = doc_scores(doc)
    o = rule.options
    out = {}
    for i, w, p in candidates(sc, o["words"], o["min_evidence"], o["base_prior"], 0.05):
        out[(sc.toks[i].start, w)] = p
    return out


def model_broken_probs(doc):
    from factcheck.gapmodel import doc_scores, get_model
    from factcheck.kinds.gap_model import broken_candidates

    sc = doc_scores(doc)
    return {(sc.toks[i].start, sc.toks[i].end): p for i, _, _, p in broken_candidates(sc, get_model().features, 0.05)}


def model_broken_clean(doc):
    """[(probability, the token is a known word)] of the broken-word candidates."""
    from factcheck.gapmodel import doc_scores, get_model
    from factcheck.kinds.gap_model import broken_candidates

    sc = doc_scores(doc)
    return [(p, is_word(sc.toks[i].w)) for i, _, _, p in broken_candidates(sc, get_model().features, 0.05)]


def evidence(doc) -> float:
    from factcheck.gapmodel import doc_scores

    return doc_scores(doc).lost["في"][0]


def ck_rules():
    return [r for r in load_rules().rules if r.lang == "ar"]


ARTICLE_RULES = ("ar.preposition.word-rate", "ar.preposition.word-rate-other")


def at_gap(f, s):
    return f.start == f.end and abs(f.start - s) <= 1


def right_word(f, word):
    if f.fix is None:
        return False
    rep = "".join(e.replacement for e in f.fix.edits)
    return word in rep or (word == "ل" and rep == "ل")


# ------------------------------------------------------------------ main

def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--part", choices=("dev", "dev-tune", "dev-fit", "test", "corpus"), default="dev")
    ap.add_argument("--corpus", default=str(ROOT.parent / "shared" / "corpus"))
    ap.add_argument("--articles", type=int, default=400, help="articles to sample (corpus: all when 0)")
    ap.add_argument("--all-articles", type=int, default=60, help="articles for the every-«في»-deleted damage")
    ap.add_argument("--seed", type=int, default=11)
    ap.add_argument("--json", help="write the figures here")
    ap.add_argument("--markdown", nargs="+", metavar="JSON",
                    help="print the tables of docs/prepositions.md from --json outputs (dev, test, corpus) and stop")
    ap.add_argument("--speed", action="store_true", help="time loading and scoring (200 corpus articles) and exit")
    ap.add_argument("--record", action="store_true", help="write the headline figures to " + "factcheck/models/ar_gap.dev-sample.json")
    args = ap.parse_args()
    if args.speed:
        return speed(Path(args.corpus))
    if args.markdown:
        print(markdown([json.loads(Path(p).read_text(encoding="utf-8")) for p in args.markdown]))
        return

    if args.part == "corpus":
        arts = list(corpus_articles(Path(args.corpus)))
    else:
        arts = list(ant_articles(args.part))
    out = run(arts, args.part, args.seed, args.articles, args.all_articles)
    report(out)
    if args.json:
        Path(args.json).write_text(json.dumps(out, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    if args.record:
        rec = {"note": "scripts/eval_gap_model.py --part dev --record: figures on a small fixed dev sample, "
                       "checked by tests/test_gap_model.py", "articles": args.articles, "all_articles": args.all_articles, "seed": args.seed,
               "tolerance": {"recall": 0.05, "alarms": 1}, "figures": headline(out)}
        RECORD.write_text(json.dumps(rec, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")


RECORD = ROOT / "factcheck" / "models" / "ar_gap.dev-sample.json"


def headline(out) -> dict:
    t = out["types"]
    fig = {"clean_alarms": sum(out["alarms_by_rule"].values())}
    for label, key in (("fi: one standalone «في» deleted", "fi_one_recall"),
                       ("fi: inside a word, what is left not a word", "fi_inword_nonword_recall"),
                       ("fi: inside a word, what is left is a word", "fi_inword_word_recall")):
        if label in t:
            fig[key] = t[label]["recall"]
    if "all_deleted" in out:
        fig["all_gap_recall"] = out["all_deleted"]["gap_recall"]
        fig["all_flagged_share"] = round(out["all_deleted"]["flagged"] / max(out["all_deleted"]["articles"], 1), 3)
    return fig


def speed(corpus: Path):
    """CPU time to load the model in a fresh process and to score 200 corpus articles warm,
    per 1,000 words, beside the benchmarks' calibration workload (machines are noisy)."""
    import subprocess

    # the child prints: wall and CPU seconds to import and load the model, then the seconds its first
    # feature row spends reading the frequency list (lexicon.freq("ar"), which no other rule of a
    # default Arabic check reads; it is part of the first pass below)
    code = ("import time; t = time.perf_counter(); c = time.process_time(); from factcheck import gapmodel as gm; "
            "gm.get_model(); w = time.perf_counter() - t; c = time.process_time() - c; "
            "from factcheck.lexicon import freq; t = time.perf_counter(); freq('ar'); print(w, c, time.perf_counter() - t)")
    children = [[float(x) for x in subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                                                   check=True).stdout.split()] for _ in range(5)]
    loads = sorted(x[0] for x in children)
    load_cpu = sorted(x[1] for x in children)
    freq_load = sorted(x[2] for x in children)
    from factcheck import gapmodel as gm

    m = gm.get_model()
    texts = [f.read_text(encoding="utf-8") for f in sorted(corpus.glob("ar/*/*.txt"))[:200]]
    words = sum(len(t.split()) for t in texts)
    toks = [gm.tokenize(t) for t in texts]
    session = m.session
    net = [0.0]

    class Timed:  # the network alone: CPU time inside session.run
        def run(self, names, feeds):
            t = time.process_time()
            out = session.run(names, feeds)
            net[0] += time.process_time() - t
            return out

    m.session = Timed()
    runs, nets = [], []
    for _ in range(4):
        net[0] = 0.0
        t0 = time.process_time()
        for tk in toks:
            m.score(tk)
        runs.append((time.process_time() - t0) / words * 1e6)
        nets.append(net[0] / words * 1e6)
    m.session = session
    t0 = time.process_time()
    for tk in toks:
        rows, _ = m.features.doc_rows(tk)
        gm.gap_features(m.features, m.ngrams, rows)
    feats = (time.process_time() - t0) / words * 1e6
    from bench.common import calibrate  # the benchmarks' calibration, so figures compare with docs/benchmarks.md

    cal = calibrate()
    print(f"load (wall, fresh process, 5 runs): {', '.join(f'{x:.3f}' for x in loads)} s "
          f"(CPU {', '.join(f'{x:.3f}' for x in load_cpu)} s)")
    print(f"frequency list, read by the first feature row (wall): {', '.join(f'{x:.3f}' for x in freq_load)} s")
    print(f"score, {len(texts)} articles, {words:,} words: first pass {runs[0]:.1f}, warm "
          f"{min(runs[1:]):.1f}-{max(runs[1:]):.1f} ms CPU per 1,000 words (features alone {feats:.1f}, "
          f"the network alone {min(nets[1:]):.1f}-{max(nets[1:]):.1f})")
    print(f"calibration (bench.common.calibrate, as in docs/benchmarks.md): {cal:.4f} s")


def sample_figures(n_articles: int, seed: int, n_all: int) -> dict:
    """The headline figures of a small dev sample (for the test of the committed model)."""
    return headline(run(list(ant_articles("dev")), "dev", seed, n_articles, n_all))


def run(arts, part, seed, n_articles, n_all):
    rng = random.Random(seed)
    rng.shuffle(arts)
    if n_articles:
        arts = arts[:n_articles]
    ck = Checker()
    gap_rules = [r for r in ck.model_rules.values() if r.options["mode"] == "gap"]
    t0 = time.time()

    n_sent = 0
    clean_alarms = Counter()  # rule -> alarms on clean copy
    alarm_examples = []
    model_clean = []  # probabilities of the model's candidates on clean copy: (word, p)
    hand_clean = 0
    broken_clean = []
    clean_ev = []  # the evidence of a lost «في» in each clean article
    res = defaultdict(list)  # damage type -> [(found, right word, model prob or 0, hand found)]
    all_articles = []
    other_all = defaultdict(list)  # word -> [flagged] for articles with every standalone word deleted

    for k, (name, text) in enumerate(arts):
        doc, fs = ck.check(name, text)
        n_sent += sentences(text)
        for f in fs:
            clean_alarms[f.rule] += 1
            if len(alarm_examples) < 400:
                ls = text.rfind("\n", 0, f.start) + 1
                alarm_examples.append((name, f.rule, text[max(ls, f.start - 60):f.start] + "⟦" + text[f.start:f.end]
                                       + "⟧" + text[f.end:f.end + 40], f.start, f.end))
        hand = [f for f in fs if f.rule not in ck.model_rules]
        hand_clean += len(hand)
        for r in gap_rules:
            for (pos, w), p in model_gap_probs(doc, r).items():
                model_clean.append((w, p))
        broken_clean.extend(model_broken_clean(doc))
        clean_ev.append((evidence(doc), name))

        # one deletion of each kind
        jobs = [("fi: one standalone «في» deleted", damage_single(text, rng, "في"), "في")]
        for w, pat in OTHER.items():
            jobs.append((f"other: «{w}» deleted", damage_single(text, rng, pat), w))
        g = damage_glued(text, rng)
        if g:
            jobs.append((f"other: glued «{g[2]}» deleted", (g[0], g[1]), g[2]))
        iw = damage_inword(text, rng)
        if iw:
            kind = "is a word" if is_word(iw[2]) else "not a word"
            jobs.append((f"fi: inside a word, what is left {kind}", (iw[0], iw[1]), "في"))
        for label, dmg, word in jobs:
            if dmg is None:
                continue
            new, marks = dmg
            ddoc, dfs = ck.check(name, new)
            res[label].append(score_marks(ck, ddoc, dfs, marks, word, gap_rules)[0])
        # the whole article
        if len(all_articles) < n_all and len(regex.findall(W + "في" + E, text)) >= 3:
            new, marks = damage_all(text)
            ddoc, dfs = ck.check(name, new)
            per = score_marks(ck, ddoc, dfs, marks, "في", gap_rules)
            flagged = any(f.rule == "ar.preposition.word-rate" for f in dfs)
            spans = [f for f in dfs if f.rule not in ARTICLE_RULES]
            off = [f for f in spans if not any(at_gap(f, s) if k == "gap" else (f.start < e and s < f.end)
                                               for k, s, e in marks)]
            all_articles.append({"name": name, "words": len(new.split()), "flagged": flagged, "evidence": evidence(ddoc),
                                 "gaps": [x for x, m in zip(per, marks) if m[0] == "gap"],
                                 "broken": [x for x, m in zip(per, marks) if m[0] == "broken"],
                                 "any_finding": bool(dfs), "findings": len(spans), "off_damage": len(off)})
            for w, pat in (("من", "من"), ("على", "على"), ("إلى", "(?:إلى|الى)")):
                new = regex.sub(W + pat + " (?=\\p{Arabic})", "", text)
                if new != text:
                    ddoc, dfs = ck.check(name, new)
                    other_all[w].append(any(f.rule == "ar.preposition.word-rate-other" and f"«{w}»" in f.message
                                            for f in dfs))
        if (k + 1) % 50 == 0:
            print(f"{k + 1}/{len(arts)} articles, {time.time() - t0:.0f} s", file=sys.stderr, flush=True)

    out = summarise(part, seed, arts, n_sent, clean_alarms, hand_clean, model_clean, broken_clean, res,
                    all_articles, gap_rules)
    clean_ev.sort(reverse=True)
    out["clean_evidence_top"] = [(round(e, 1), n) for e, n in clean_ev[:10]]
    evs = sorted(a["evidence"] for a in all_articles)
    out["evidence_curve"] = [(t, sum(1 for e in evs if e >= t), sum(1 for e, _ in clean_ev if e >= t))
                             for t in (4, 6, 8, 10, 12, 15, 20, 30)]
    out["alarm_examples"] = alarm_examples
    out["other_all_flagged"] = {w: [sum(v), len(v)] for w, v in other_all.items()}
    out["seconds"] = round(time.time() - t0)
    return out


def score_marks(ck, doc, fs, marks, word, gap_rules):
    """(found, right word, model probability, found by a hand rule) for each damage mark."""
    out = []
    probs = {}
    for r in gap_rules:
        probs.update(model_gap_probs(doc, r))
    bprobs = model_broken_probs(doc)
    for kind, s, e in marks:
        if kind == "gap":
            hits = [f for f in fs if at_gap(f, s)]
            p = max([pp for (pos, w), pp in probs.items() if abs(pos - s) <= 1 and w == word] or [0.0])
        else:
            hits = [f for f in fs if f.start < e and s < f.end]
            p = max([pp for (a, b), pp in bprobs.items() if a < e and s < b] or [0.0])
        found = bool(hits)
        right = any(right_word(f, word) for f in hits) if kind == "gap" else found
        hand = any(f.rule not in ck.model_rules for f in hits)
        out.append((found, right, p, hand))
    return out


def summarise(part, seed, arts, n_sent, clean_alarms, hand_clean, model_clean, broken_clean, res, all_articles,
              gap_rules):
    per1k = lambda n: round(1000 * n / max(n_sent, 1), 3)  # noqa: E731
    thr = {}
    for r in gap_rules:
        for w in r.options["words"]:
            thr[w] = float(r.options["thresholds"].get(w, r.options["threshold"]))
    broken_rules = [r for r in ck_rules() if r.kind == "gap-model" and r.options["mode"] == "broken"]
    out = {"part": part, "articles": len(arts), "sentences": n_sent, "seed": seed,
           "broken_threshold": broken_rules[0].options["threshold"] if broken_rules else None,
           "alarms_per_1k": per1k(sum(clean_alarms.values())), "alarms_by_rule": dict(clean_alarms.most_common()),
           "thresholds": thr, "types": {}, "curves": {}}
    for label, rows in sorted(res.items()):
        n = len(rows)
        out["types"][label] = {"n": n, "found": sum(r[0] for r in rows), "right_word": sum(r[1] for r in rows),
                               "recall": round(sum(r[0] for r in rows) / max(n, 1), 3),
                               "hand_only": sum(r[3] for r in rows)}
        word = label.split("«")[1].split("»")[0] if "«" in label else "في"
        broken = "inside a word" in label
        curve = []
        for t in GRID:
            rec = sum(1 for r in rows if r[3] or r[2] >= t) / max(n, 1)
            if broken:  # the alarms of the same kind of token (a known word or not)
                al = sum(1 for p, w in broken_clean if p >= t and w == ("is a word" in label))
            else:
                al = sum(1 for w, p in model_clean if w == word and p >= t)
            curve.append((t, round(rec, 3), per1k(al), per1k(al + hand_clean)))
        out["curves"][label] = curve
    if all_articles:
        gaps = [g for a in all_articles for g in a["gaps"]]
        brk = [b for a in all_articles for b in a["broken"]]
        out["all_deleted"] = {
            "articles": len(all_articles), "flagged": sum(a["flagged"] for a in all_articles),
            "no_finding": sum(not a["any_finding"] for a in all_articles),
            "gap_deletions": len(gaps), "gaps_found": sum(g[0] for g in gaps),
            "gaps_right_word": sum(g[1] for g in gaps),
            "gap_recall": round(sum(g[0] for g in gaps) / max(len(gaps), 1), 3),
            "broken_words": len(brk), "broken_found": sum(b[0] for b in brk),
            "broken_recall": round(sum(b[0] for b in brk) / max(len(brk), 1), 3),
            "unflagged": [(a["name"], a["words"]) for a in all_articles if not a["flagged"]],
            # the articles left with no finding at all: words, «في» taken out (gaps, inside words), evidence
            "no_finding_articles": [(a["name"], a["words"], len(a["gaps"]), len(a["broken"]), round(a["evidence"], 1))
                                    for a in all_articles if not a["any_finding"]],
            # findings at a place no «في» was taken from (the article-level word-rate finding aside)
            "findings": sum(a.get("findings", 0) for a in all_articles),
            "off_damage": sum(a.get("off_damage", 0) for a in all_articles),
        }
        out["curves"]["all: every «في» deleted (gaps)"] = [
            (t, round(sum(1 for g in gaps if g[3] or g[2] >= t) / max(len(gaps), 1), 3), None, None) for t in GRID]
    return out


def report(out):
    print(f"\n== {out['part']}: {out['articles']} articles, {out['sentences']} sentences, seed {out['seed']}")
    print(f"alarms (preposition + spelling, warning/error) on clean copy: {out['alarms_per_1k']} per 1,000 sentences")
    for r, n in out["alarms_by_rule"].items():
        print(f"  {r}: {n}")
    print("thresholds:", out["thresholds"])
    print("\n| damage | cases | found | recall | right word | by a hand rule |")
    print("|---|---:|---:|---:|---:|---:|")
    for label, t in out["types"].items():
        print(f"| {label} | {t['n']} | {t['found']} | {t['recall']:.2f} | {t['right_word']} | {t['hand_only']} |")
    a = out.get("all_deleted")
    if a:
        print(f"every «في» deleted: {a.get('off_damage')} of {a.get('findings')} findings on spans are at no deletion")
        print(f"\nevery «في» deleted: {a['articles']} articles, {a['flagged']} flagged by word-rate, "
              f"{a['no_finding']} with no finding; gaps {a['gaps_found']}/{a['gap_deletions']} = {a['gap_recall']:.2f} "
              f"(right word {a['gaps_right_word']}); broken words {a['broken_found']}/{a['broken_words']} = "
              f"{a['broken_recall']:.2f}")
        if a["unflagged"]:
            print("  not flagged:", a["unflagged"][:20])
    print("every standalone other word deleted, articles flagged:", out.get("other_all_flagged"))
    print("\nevidence of a lost «في»: threshold -> damaged articles flagged, clean articles flagged:",
          out["evidence_curve"])
    print("  highest on clean copy:", out["clean_evidence_top"][:5])
    print("\ncurves: threshold -> recall, model alarms per 1k sentences, with hand rules")
    for label, curve in out["curves"].items():
        print(" ", label)
        print("   ", "  ".join(f"{t}:{r:.2f}/{al}" if al is not None else f"{t}:{r:.2f}" for t, r, al, _ in curve))


def markdown(runs: list[dict]) -> str:
    """The figures of several runs (dev, test, corpus) side by side, as Markdown."""
    out = []
    a = out.append
    names = [r["part"] for r in runs]
    a("| | " + " | ".join(names) + " |")
    a("|---|" + "---:|" * len(runs))
    a("| articles (sentences) | " + " | ".join(f"{r['articles']:,} ({r['sentences']:,})" for r in runs) + " |")
    a("| **alarms** per 1,000 sentences of clean copy, all preposition and spelling rules | "
      + " | ".join(f"**{r['alarms_per_1k']}**" for r in runs) + " |")
    a("| of which the gap model's rules | " + " | ".join(
        str(round(1000 * sum(n for k, n in r["alarms_by_rule"].items() if k in MODEL_RULES) / r["sentences"], 3))
        for r in runs) + " |")
    labels = []
    for r in runs:
        labels += [k for k in r["types"] if k not in labels]
    for k in labels:
        cells = []
        for r in runs:
            t = r["types"].get(k)
            cells.append(f"{t['found']}/{t['n']} = **{t['recall']:.2f}**" if t else "-")
        a(f"| {k} | " + " | ".join(cells) + " |")
    if all("all_deleted" in r for r in runs):
        a("| every «في» deleted: articles flagged by `word-rate` | " + " | ".join(
            f"{r['all_deleted']['flagged']}/{r['all_deleted']['articles']}" for r in runs) + " |")
        a("| every «في» deleted: articles with no finding at all | " + " | ".join(
            f"{r['all_deleted']['no_finding']}/{r['all_deleted']['articles']}" for r in runs) + " |")
        a("| every «في» deleted: gaps found | " + " | ".join(
            f"{r['all_deleted']['gaps_found']}/{r['all_deleted']['gap_deletions']} = **{r['all_deleted']['gap_recall']:.2f}**"
            for r in runs) + " |")
        a("| every «في» deleted: broken words found | " + " | ".join(
            f"{r['all_deleted']['broken_found']}/{r['all_deleted']['broken_words']} = {r['all_deleted']['broken_recall']:.2f}"
            for r in runs) + " |")
        a("| every «في» deleted: findings at no deletion (of all findings on spans) | " + " | ".join(
            f"{r['all_deleted'].get('off_damage', '-')}/{r['all_deleted'].get('findings', '-')}" for r in runs) + " |")
    if all("other_all_flagged" in r for r in runs):
        for w in ("من", "على", "إلى"):
            a(f"| every standalone «{w}» deleted: articles flagged | " + " | ".join(
                "{}/{}".format(*r["other_all_flagged"].get(w, [0, 0])) for r in runs) + " |")
    a("")
    a("Curves (the model's threshold swept, the hand-written rules as configured): recall / the model's alarms "
      "per 1,000 sentences of clean copy. The shipped threshold is in bold.")
    a("")
    for k in runs[0]["curves"]:
        word = k.split("«")[1].split("»")[0] if "«" in k else "في"
        thr = runs[0]["thresholds"].get(word) if "inside a word" not in k else runs[0].get("broken_threshold")
        a(f"**{k}**")
        a("")
        a("| threshold | " + " | ".join(names) + " |")
        a("|---|" + "---|" * len(runs))
        for i, row in enumerate(runs[0]["curves"][k]):
            t = row[0]
            cells = []
            for r in runs:
                c = r["curves"].get(k)
                if not c:
                    cells.append("-")
                    continue
                _, rec, al, _ = c[i]
                cells.append(f"{rec:.2f}" + (f" / {al}" if al is not None else ""))
            mark = thr is not None and abs(t - thr) < 1e-9
            a(f"| {'**' + str(t) + '**' if mark else t} | " + " | ".join(cells) + " |")
        a("")
    return "\n".join(out)


MODEL_RULES = ("ar.preposition.missing-fi", "ar.preposition.missing-other", "ar.preposition.word-rate",
               "ar.preposition.word-rate-other", "ar.spelling.broken-in-context")


if __name__ == "__main__":
    main()
