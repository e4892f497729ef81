"""False alarms: every rule over clean published copy, alarms per 1,000 sentences,
with a sample of matches to read (as LanguageTool checks its rules against large clean text).

The copy is real and contains real errors, so every count here is an upper bound
on false alarms until a person has read the flags."""

from __future__ import annotations

import random
from collections import Counter, defaultdict

from bench.common import (
    SEED, articles, check_text, context, count_sentences, count_words, make_engine, r3, sample,
)

ALARM = ("error", "warning")


def scan(arts, engine=None):
    """Findings of every article: (article, report) pairs."""
    engine = engine or make_engine(analysis=True)
    for a in arts:  # the timeline makes no findings, so it is not built here
        yield a, check_text(engine, a.name, a.text, a.lang, a.published, None)


def measure(arts, samples_per_rule: int = 5, engine=None) -> dict:
    """Counts for one language: totals, per rule, per source, and readable samples."""
    from factcheck.rules import load_rules

    lang = arts[0].lang if arts else None
    sentences = words = 0
    per_rule: dict = defaultdict(Counter)
    per_rule_articles: dict = defaultdict(set)
    per_source: dict = defaultdict(Counter)
    matches: dict = defaultdict(list)
    rule_errors = Counter()
    for a, rep in scan(arts, engine):
        ns = count_sentences(a.text)
        sentences += ns
        words += count_words(a.text)
        per_source[a.source]["sentences"] += ns
        per_source[a.source]["articles"] += 1
        for e in rep.errors:
            rule_errors[e.split(":")[0]] += 1
        for f in rep.findings:
            per_rule[f.rule][f.severity] += 1
            per_rule_articles[f.rule].add(a.name)
            if f.severity in ALARM:
                per_source[a.source]["alarms"] += 1
            else:
                per_source[a.source]["info"] += 1
            matches[f.rule].append((a.name, f.start, f.end, a))
    k = 1000 / sentences if sentences else 0
    rules_now = [r.id for r in load_rules().rules if r.lang == lang]
    table = []
    for rid in sorted(set(rules_now) | set(per_rule)):
        c = per_rule.get(rid, Counter())
        al = c["error"] + c["warning"]
        table.append({"rule": rid, "error": c["error"], "warning": c["warning"], "info": c["info"],
                      "alarms": al, "alarms_per_1000_sentences": r3(al * k),
                      "info_per_1000_sentences": r3(c["info"] * k), "articles": len(per_rule_articles.get(rid, ()))})
    table.sort(key=lambda r: (-r["alarms"], -r["info"], r["rule"]))
    rng = random.Random(SEED)
    samples = {}
    for row in table:
        if not (row["alarms"] or row["info"]):
            continue
        ms = matches[row["rule"]]
        pick = rng.sample(ms, min(samples_per_rule, len(ms)))
        samples[row["rule"]] = [{"article": n, "context": context(a.text, s, e)} for n, s, e, a in
                                sorted(pick, key=lambda m: (m[0], m[1]))]
    total_al = sum(r["alarms"] for r in table)
    total_info = sum(r["info"] for r in table)
    sources = {}
    for src, c in sorted(per_source.items()):
        sources[src] = {"articles": c["articles"], "sentences": c["sentences"], "alarms": c["alarms"],
                        "alarms_per_1000_sentences": r3(c["alarms"] * 1000 / c["sentences"]) if c["sentences"] else None,
                        "info_per_1000_sentences": r3(c["info"] * 1000 / c["sentences"]) if c["sentences"] else None}
    return {"articles": len(arts), "sentences": sentences, "words": words, "alarms": total_al, "info": total_info,
            "alarms_per_1000_sentences": r3(total_al * k), "info_per_1000_sentences": r3(total_info * k),
            "rules": table, "sources": sources, "samples": samples, "rule_failures": dict(rule_errors)}


def run(quick: bool = False, log=print) -> dict:
    res = {"definition": "alarms = findings of severity error or warning; info counted apart; "
                         "sentences split on . ! ? ؟ and line breaks (a piece with a letter or digit)"}
    engine = make_engine(analysis=True)
    for lang in ("ar", "en"):
        arts = list(articles(lang))
        if quick:
            arts = sample(arts, 150, stratify=lambda a: a.source)
        res[lang] = measure(arts, engine=engine)
        x = res[lang]
        log(f"  {lang}: {x['articles']} articles, {x['sentences']} sentences, {x['alarms']} alarms "
            f"({x['alarms_per_1000_sentences']} / 1000 sentences), info {x['info_per_1000_sentences']} / 1000")
    res["sampled"] = quick
    return res
