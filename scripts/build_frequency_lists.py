"""Build the word-frequency lists the spelling and preposition kinds read, from the
maintained `wordfreq` package (pip install wordfreq; a development dependency only).

    python scripts/build_frequency_lists.py               # the lists and their indexes
    python scripts/build_frequency_lists.py --index-only  # the indexes of the lists there

Writes factcheck/data/freq_<lang>.txt.gz: one line per Zipf value (two decimals),
then the words (folded as factcheck.lexicon.light_fold for Arabic, lower case for
English) that have it. Only words at least MIN_ZIPF frequent are kept: the kinds
compare against thresholds of 2.0 and above (common_zipf - gain). Run it again after changing
light_fold.

Then factcheck/data/freq_<lang>.idx from each list (`factcheck.lexicon.build_freq_index`:
the words' 64-bit hashes, sorted, and their values, with the CRC of the list they were
built from), which `lexicon.freq` reads instead of the list; an index whose list has
changed is ignored, so a list rebuilt by other means is still read, only slower.
"""

from __future__ import annotations

import gzip
import math
import sys
from collections import defaultdict
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

MIN_ZIPF = 2.0


def build(lang: str) -> dict[str, float]:
    from wordfreq import get_frequency_list

    from factcheck.lexicon import light_fold

    norm = light_fold if lang == "ar" else str.lower
    acc: dict[str, float] = {}
    for i, bucket in enumerate(get_frequency_list(lang, wordlist="best")):
        if 9.0 - i / 100.0 < MIN_ZIPF - 0.5:  # folding can lift a word over the line
            break
        f = 10.0 ** (-i / 100.0)
        for w in bucket:
            k = norm(w)
            acc[k] = acc.get(k, 0.0) + f
    return {k: round(math.log10(v * 1e9), 2) for k, v in acc.items() if math.log10(v * 1e9) >= MIN_ZIPF}


def main(argv=None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if "--index-only" not in argv:
        build_lists()
    from factcheck.lexicon import build_freq_index

    for lang in ("ar", "en"):
        out = build_freq_index(lang)
        if out is not None:
            print(f"{out.relative_to(REPO)}: {out.stat().st_size} bytes")
    return 0


def build_lists() -> None:
    from importlib.metadata import version

    for lang in ("ar", "en"):
        table = build(lang)
        by_z = defaultdict(list)
        for w, z in table.items():
            if "\t" in w or "\n" in w or " " in w:
                continue
            by_z[z].append(w)
        out = REPO / "factcheck" / "data" / f"freq_{lang}.txt.gz"
        with gzip.open(out, "wt", encoding="utf-8", compresslevel=9) as f:
            f.write(f"# wordfreq {version('wordfreq')} ('best' lists), Zipf >= {MIN_ZIPF}; "
                    f"built by scripts/build_frequency_lists.py\n")
            for z in sorted(by_z, reverse=True):
                f.write(f"{z:.2f}\t{' '.join(sorted(by_z[z]))}\n")
        print(f"{out.relative_to(REPO)}: {len(table)} words, {out.stat().st_size} bytes")


if __name__ == "__main__":
    raise SystemExit(main())
