"""Read the alarms of chosen rules on the clean corpus, and count the false ones.

    python scripts/audit_alarms.py --rules 'ar.punctuation.*,ar.quotes.*' --dump alarms.tsv
    python scripts/audit_alarms.py --rules '...' --labels docs/audit/foundation.tsv

--dump writes every alarm (error or warning) with a few words of context, one a
line, for a person to read.  --labels reads verdicts a person wrote
(key <TAB> verdict, verdict R = a real error in the published copy, F = a false
alarm) and prints, per rule, alarms and false alarms per 1,000 sentences.  The
corpus text itself is never stored: a key is source/file:start-end:rule.
"""

from __future__ import annotations

import argparse
import fnmatch
import sys
from collections import Counter
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from bench.common import articles, check_text, context, count_sentences, make_engine  # noqa: E402


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--rules", required=True, help="comma-separated rule ids or globs")
    ap.add_argument("--dump", help="write the alarms to read to this TSV file")
    ap.add_argument("--labels", help="TSV of key and verdict (R real error, F false alarm)")
    a = ap.parse_args(argv)
    pats = a.rules.split(",")
    engine = make_engine(analysis=True)
    sentences = Counter()
    alarms = []
    for lang in ("ar", "en"):
        for art in articles(lang):
            sentences[lang] += count_sentences(art.text)
            rep = check_text(engine, art.name, art.text, art.lang, art.published, None)
            for f in rep.findings:
                if f.severity in ("error", "warning") and any(fnmatch.fnmatchcase(f.rule, p) for p in pats):
                    key = f"{art.name}:{f.start}-{f.end}:{f.rule}"
                    alarms.append((lang, f.rule, key, context(art.text, f.start, f.end)))
    if a.dump:
        with open(a.dump, "w", encoding="utf-8") as out:
            for lang, rule, key, ctx in alarms:
                out.write(f"{key}\t\t{ctx}\n")
        print(f"{len(alarms)} alarms written to {a.dump}")
    labels = {}
    if a.labels:
        for line in Path(a.labels).read_text(encoding="utf-8").splitlines():
            if line.strip() and not line.startswith("#"):
                key, verdict = line.split("\t")[:2]
                labels[key] = verdict.strip()
    per = {}
    for lang, rule, key, _ in alarms:
        c = per.setdefault((lang, rule), Counter())
        c["alarms"] += 1
        v = labels.get(key)
        c["read"] += v in ("R", "F")
        c["false"] += v == "F"
    print(f"sentences: ar {sentences['ar']}, en {sentences['en']}")
    print(f"{'rule':45s} {'alarms':>6s} {'/1000':>6s} {'read':>5s} {'false':>5s} {'false/1000 (est.)':>18s}")
    tot = Counter()
    for (lang, rule), c in sorted(per.items()):
        k = 1000 / sentences[lang]
        est = c["false"] / c["read"] * c["alarms"] if c["read"] else float("nan")
        tot[lang, "alarms"] += c["alarms"]
        tot[lang, "false"] += est if c["read"] else 0
        print(f"{rule:45s} {c['alarms']:6d} {c['alarms'] * k:6.2f} {c['read']:5d} {c['false']:5d} {est * k:18.2f}")
    for lang in ("ar", "en"):
        k = 1000 / sentences[lang]
        print(f"{lang}: {tot[lang, 'alarms']} alarms = {tot[lang, 'alarms'] * k:.2f} per 1,000 sentences; "
              f"false alarms (estimated from what was read) {tot[lang, 'false'] * k:.2f} per 1,000 sentences")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
