"""`repetition`: a word or short phrase repeated, also across a line break.

Tokens are compared without diacritics and case (not with alef/hamza folding:
«إن أن» are two words).  Only whitespace may stand
between the two occurrences: "no, no" and «لا، لا» are deliberate.  The span is
the second occurrence; the fix deletes it and the space before it.
"""

from __future__ import annotations

from itertools import compress
from operator import eq

import regex

from factcheck import rxcache
from factcheck.langs import strip_marks
from factcheck.model import Edit, Fix, Hit
from factcheck.rules import Opt

OPTIONS = {
    "max_words": Opt("int", 3, doc="longest phrase (in words) looked for"),
    "min_words": Opt("int", 1, doc="shortest phrase (in words) looked for"),
    "exceptions": Opt("list[str]", [], doc="words or phrases that may repeat (e.g. 'had had')"),
    "across_lines": Opt("bool", True, doc="also across a single line break (not a blank line)"),
    "skip_numbers": Opt("bool", True),
    "min_chars": Opt("int", 1, doc="ignore one-word repeats shorter than this"),
    "applicability": Opt("str", "unsafe", choices=("safe", "unsafe")),
    "linkers": Opt("list[str]", [], doc="a phrase ending in one of these repeats on purpose ('tighter and tighter and')"),
    "skip_capitalized": Opt("bool", False, doc="names repeat on purpose: 'Miu Miu', 'Bora Bora'"),
    "unless": Opt("list[regex]", [], doc="names and sayings that repeat on purpose: a repeat inside a match "
                                         "of one of these stays silent («سي إن إن», «توت توت»)"),
}



def validate(options, loc, lang):
    if not 1 <= options["min_words"] <= options["max_words"] <= 6:
        raise loc.error(("max_words",), "need 1 <= min_words <= max_words <= 6")


def build(rule):
    o = rule.options
    maxn, minn = o["max_words"], o["min_words"]
    exceptions = {tuple(strip_marks(x).lower().split()) for x in o["exceptions"]}
    across = o["across_lines"]
    app = o["applicability"]
    linkers = {strip_marks(x).lower() for x in o["linkers"]}
    skip_caps = o["skip_capitalized"]
    unless = [rxcache.compile(u, regex.IGNORECASE, "rules") for u in o["unless"]]

    def gap_ok(text, a, b):
        gap = text[a:b]
        if not gap or gap.strip():
            return False
        nl = gap.count("\n")
        return nl == 0 or (across and nl == 1)

    def check(doc):
        text = doc.text
        toks = doc.words
        keys = [t[2] for t in toks]
        n = len(toks)
        # positions where a word comes back within max_words words: the only places to look
        # (compared in C: map(eq) over the keys and the keys k words on)
        found: set = set()
        for k in range(minn, maxn + 1):
            found.update(compress(range(n), map(eq, keys, keys[k:])))
        cands = sorted(found)
        i = 0
        for c in cands:
            if c < i:
                continue
            i = c
            for k in range(maxn, minn - 1, -1):
                if i + 2 * k > n or keys[i] != keys[i + k]:
                    continue
                first = toks[i:i + k]
                second = toks[i + k:i + 2 * k]
                if [t[2] for t in first] != [t[2] for t in second]:
                    continue
                words = tuple(t[2] for t in first)
                if words in exceptions:
                    continue
                if o["skip_numbers"] and all(w.isdigit() for w in words):
                    continue
                if k == 1 and len(words[0]) < o["min_chars"]:
                    continue
                if k > 1 and any(w in linkers for w in words):
                    continue  # "more and more and", "headline after headline after"
                if skip_caps and text[second[0][0]].isupper() and (
                        text[first[0][0]].isupper() or not _sentence_start(text, first[0][0])):
                    continue  # names: "Miu Miu", "first lady Lady Bird Johnson"
                if "\n" in text[first[-1][1]:second[0][0]] and (k > 1 or _short_line(text, first[-1][1])):
                    continue  # a heading or list line followed by a paragraph that repeats it
                if unless and _inside(text, first[0][0], second[-1][1], unless):
                    continue
                # only whitespace inside each phrase and between the two
                if not all(gap_ok(text, toks[j][1], toks[j + 1][0]) for j in range(i, i + 2 * k - 1)):
                    continue
                s, e = second[0][0], second[-1][1]
                gap_start = first[-1][1]
                fix = Fix(app, (Edit(gap_start, e, ""),))
                yield Hit(s, e, {"word": text[s:e]}, fix)
                i += 2 * k
                break

    return check


def _inside(text: str, s: int, e: int, pats) -> bool:
    ls, le = max(0, s - 40), min(len(text), e + 40)
    for p in pats:
        for m in p.finditer(text, ls, le, timeout=2.0):
            if m.start() <= s and m.end() >= e:
                return True
    return False


def _sentence_start(text: str, pos: int) -> bool:
    j = pos - 1
    while j >= 0 and text[j] in " \t\n\"“'‘«(":
        j -= 1
    return j < 0 or text[j] in ".!?؟…:"


def _short_line(text: str, pos: int, min_words: int = 5) -> bool:
    start = text.rfind("\n", 0, pos) + 1
    return len(text[start:pos].split()) < min_words
