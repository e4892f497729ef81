"""Real corrections: small word-level edits that CNN editors made between consecutive
versions of an article (corpus folder en/cnn_lite_2026_revisions), and how many of them
the checker flags in the earlier version.

A hunk is a difflib opcode over whitespace tokens that changes 1-3 tokens on each side
(0 on one side for insertions and deletions) with at least 2 unchanged tokens on both
sides, so that isolated fixes are kept and the pieces of a rewrite are not. It is
flagged when a finding on the earlier version overlaps the changed span (for an
insertion: the two tokens around the insertion point). Chance level: the share of
same-length token windows of the same article that some finding overlaps, summed over hunks.
"""

from __future__ import annotations

import difflib
from collections import Counter, defaultdict

import regex

from bench.common import check_text, context, corpus_root, make_engine, parse_date, r3, read_index

TOKEN = regex.compile(r"\S+")
_PUNCT = regex.compile(r"[\p{P}\p{S}]")
_DATEWORD = regex.compile(r"(?i)\b(?:jan(?:uary)?|feb(?:ruary)?|march|april|may|june|july|aug(?:ust)?|sept?(?:ember)?|"
                          r"oct(?:ober)?|nov(?:ember)?|dec(?:ember)?|monday|tuesday|wednesday|thursday|friday|"
                          r"saturday|sunday|yesterday|today|tomorrow|(?:19|20)\d\d)\b")
CLASSES = ("punctuation", "capitalisation", "doubled word", "missing word", "deleted word", "typo", "date",
           "figure", "wording")


def classify(old: list[str], new: list[str], before: list[str], after: list[str]) -> str:
    so, sn = _PUNCT.sub("", " ".join(old)), _PUNCT.sub("", " ".join(new))
    if old and new and so == sn:
        return "punctuation"
    if old and new and so.lower() == sn.lower():
        return "capitalisation"
    lo = [_PUNCT.sub("", t).lower() for t in old]
    if old and not new and (lo == [_PUNCT.sub("", t).lower() for t in before[-len(old):]] or
                            lo == [_PUNCT.sub("", t).lower() for t in after[:len(old)]]):
        return "doubled word"
    both = " ".join(old + new)
    if _DATEWORD.search(both):
        return "date"
    if any(ch.isdigit() for ch in both):
        return "figure"
    if not old:
        return "missing word"
    if not new:
        return "deleted word"
    if len(old) == len(new) == 1 and difflib.SequenceMatcher(None, so.lower(), sn.lower()).ratio() >= 0.7:
        return "typo"
    return "wording"


def hunks(a: str, b: str):
    """Small isolated word-level hunks between two versions: (class, old span, old tokens, new tokens)."""
    ta = [(m.start(), m.end(), m.group()) for m in TOKEN.finditer(a)]
    tb = [(m.start(), m.end(), m.group()) for m in TOKEN.finditer(b)]
    wa, wb = [t[2] for t in ta], [t[2] for t in tb]
    ops = difflib.SequenceMatcher(None, wa, wb, autojunk=False).get_opcodes()
    for k, (tag, i1, i2, j1, j2) in enumerate(ops):
        if tag == "equal":
            continue
        if (i2 - i1) > 3 or (j2 - j1) > 3:
            continue
        prev_ok = k == 0 or (ops[k - 1][0] == "equal" and ops[k - 1][2] - ops[k - 1][1] >= 2)
        next_ok = k == len(ops) - 1 or (ops[k + 1][0] == "equal" and ops[k + 1][2] - ops[k + 1][1] >= 2)
        if not (prev_ok and next_ok):
            continue
        old, new = wa[i1:i2], wb[j1:j2]
        if i2 > i1:
            span = (ta[i1][0], ta[i2 - 1][1])
            width = i2 - i1
        else:
            lo = ta[i1 - 1][0] if i1 > 0 else (ta[0][0] if ta else 0)
            hi = ta[i1][1] if i1 < len(ta) else (ta[-1][1] if ta else 0)
            span = (lo, hi)
            width = 2
        yield {"class": classify(old, new, wa[max(0, i1 - 3):i1], wa[i2:i2 + 3]), "span": span, "old": old,
               "new": new, "i1": i1, "width": width}


def _chance(tokens, covered, width) -> float:
    """Share of token windows of `width` that contain a token some finding overlaps."""
    n = len(tokens)
    if n < width:
        return 0.0
    hits = 0
    run = sum(covered[:width])
    for i in range(n - width + 1):
        if i:
            run += covered[i + width - 1] - covered[i - 1]
        hits += run > 0
    return hits / (n - width + 1)


def run(quick: bool = False, log=print) -> dict:
    root = corpus_root()
    folder = root / "en" / "cnn_lite_2026_revisions"
    recs = read_index(folder)
    groups = defaultdict(list)
    for r in recs:
        groups[r["group"]].append(r)
    pairs = []
    for g, vs in sorted(groups.items()):
        vs.sort(key=lambda r: r["version"])
        for x, y in zip(vs, vs[1:]):
            pairs.append((x, y))
    if quick:
        pairs = pairs[::4]
    engine = make_engine(analysis=True)
    tl = None  # the timeline makes no findings
    per_class = {c: Counter() for c in CLASSES}
    by_rule = defaultdict(Counter)
    examples = defaultdict(list)
    light = 0
    total_chance = defaultdict(float)
    n_findings = 0
    for x, y in pairs:
        a = (folder / x["file"]).read_text(encoding="utf-8")
        b = (folder / y["file"]).read_text(encoding="utf-8")
        hs = list(hunks(a, b))
        if not hs:
            continue
        is_light = (y.get("word_change_ratio_vs_prev") or 1) <= 0.05
        light += is_light
        rep = check_text(engine, x["file"], a, "en", parse_date(x.get("published")), tl)
        n_findings += len(rep.findings)
        toks = [(m.start(), m.end()) for m in TOKEN.finditer(a)]
        covered = [0] * len(toks)
        fs = sorted((f.start, f.end) for f in rep.findings)
        for i, (s, e) in enumerate(toks):
            covered[i] = int(any((fs_ < e and fe_ > s) or (fs_ == fe_ and s <= fs_ <= e) for fs_, fe_ in fs
                                 if fs_ <= e + 1 and fe_ >= s - 1))
        for h in hs:
            s, e = h["span"]
            hit = [f for f in rep.findings if (f.start < e and f.end > s) or (f.start == f.end and s <= f.start <= e)]
            c = per_class[h["class"]]
            c["hunks"] += 1
            c["light"] += is_light
            if hit:
                c["flagged"] += 1
                c["flagged_light"] += is_light
                by_rule[h["class"]].update({f.rule for f in hit})
            total_chance[h["class"]] += _chance(toks, covered, h["width"])
            if len(examples[h["class"]]) < 3 and (hit or h["class"] not in ("wording",)):
                examples[h["class"]].append({"article": x["file"], "old": " ".join(h["old"]),
                                             "new": " ".join(h["new"]), "context": context(a, s, e, 30),
                                             "flagged_by": sorted({f.rule for f in hit})})
    table = {}
    for c in CLASSES:
        k = per_class[c]
        table[c] = {"hunks": k["hunks"], "flagged": k["flagged"],
                    "flag_rate": r3(k["flagged"] / k["hunks"]) if k["hunks"] else None,
                    "chance_flags": r3(total_chance[c]),
                    "hunks_in_light_pairs": k["light"], "flagged_in_light_pairs": k["flagged_light"],
                    "rules": dict(by_rule[c].most_common()), "examples": examples[c]}
    tot = sum(v["hunks"] for v in table.values())
    flagged = sum(v["flagged"] for v in table.values())
    res = {"version_pairs": len(pairs), "light_pairs_with_hunks": light, "hunks": tot, "flagged": flagged,
           "flag_rate": r3(flagged / tot) if tot else None,
           "chance_flags": r3(sum(total_chance.values())), "findings_on_earlier_versions": n_findings,
           "classes": table, "sampled": quick,
           "definition": __doc__.strip().split("\n\n", 1)[1].replace("\n", " ")}
    log(f"  {len(pairs)} version pairs, {tot} small hunks, {flagged} flagged (chance {res['chance_flags']})")
    for c, v in table.items():
        log(f"    {c}: {v['flagged']}/{v['hunks']} rules {v['rules']}")
    return res
