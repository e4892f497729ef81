"""`variants`: one article, two spellings of the same word or name.

A data file lists groups of spellings that mean the same thing («أمريكي /
أميركي», "Haniyeh / Haniya", "percent / per cent"). When an article uses more
than one spelling of a group, every use of the less frequent spelling is
reported, with the article's own majority spelling as an unsafe fix (the
minority form may stand in a quotation or a title).  With a tie, the spelling
used first wins.

Arabic entries are stems: proclitics (و ف ب ل ك), the article and any ending
may surround them («والأميركيين»), and only the stem is replaced.
"""

from __future__ import annotations

import re
from collections import Counter

import regex

from factcheck import rxcache
from factcheck.langs import AR_PROCLITICS, LEFT_EDGE, RIGHT_EDGE
from factcheck.messages import render
from factcheck.model import Edit, Fix, Hit
from factcheck.resources import load_data
from factcheck.rules import Opt

OPTIONS = {
    "groups": Opt("list[str]", required=True,
                  doc="data files (relative to rules/<lang>/), each a YAML list of groups of spellings"),
    "stems": Opt("bool", False, doc="entries are stems: clitics, the article and endings may surround them"),
    "ignore_case": Opt("bool", True),
    "applicability": Opt("str", "unsafe", choices=("safe", "unsafe")),
    "keep": Opt("list[str]", [], doc="phrases in which a spelling is a name and is left as it is "
                                     "(\"chicken Kiev\"): matched case-insensitively, spaces as any spaces"),
    "tie_message": Opt("str", None, doc="the message when two spellings are used equally often: the later one is "
                                        "reported with no fix ({word}, {variant}, {majority}: the first spelling, "
                                        "{count}: how often each stands); none: the usual message, with no fix"),
}


def validate(options, loc, lang):
    for i, f in enumerate(options["groups"]):
        try:
            data = load_data(lang, f)
        except OSError:
            raise loc.error(("groups", i), f"data file rules/{lang}/{f} not found") from None
        if not isinstance(data, list) or not all(
                isinstance(g, list) and len(g) >= 2 and all(isinstance(x, str) and x for x in g) for g in data):
            raise loc.error(("groups", i), f"rules/{lang}/{f} must be a list of groups of two or more spellings")


# a run of word characters without "_" (re's \\w; the expressions' word edges are as wide or wider)
_PLAIN_WORD = re.compile(r"[^\W_]+")


def _words(doc, low: str) -> set:
    """Every run of word characters (without "_") of the lower-cased text: the document's
    light tokens (made once, shared with the lexicon's kinds and the figures), whose parts
    joined by an apostrophe ("organiser's") are added, or the runs found anew where the
    tokens are not of this text."""
    if doc.lang == "en" and len(low) == len(doc.text):
        from factcheck.lexicon import token_words

        ws = token_words(doc, True)[1]
        joined = [w for w in ws if not w.isalnum()]
        if not joined:
            return ws
        return ws | set(_PLAIN_WORD.findall(" ".join(joined)))
    return set(_PLAIN_WORD.findall(low))


def build(rule):
    o = rule.options
    lang = rule.lang
    flags = regex.IGNORECASE if o["ignore_case"] else 0
    groups = []
    for f in o["groups"]:
        groups.extend(load_data(lang, f))
    compiled = []  # per group: (spellings, lower-cased spellings)
    by_word: dict[str, list[int]] = {}  # a spelling that is one plain word -> its groups
    by_text: list[int] = []  # groups with a spelling of several words, or stems: found by substring

    def source(gi: int) -> str:
        """The expression of group gi, made when the group is first tried (escaping the
        spellings of every group was 8 ms of a cold English check)."""
        alts = []
        for k, form in enumerate(compiled[gi][0]):
            esc = regex.escape(form).replace("\\ ", r"\s+")
            alts.append(f"(?P<v{k}>{esc})")
        body = "|".join(alts)
        if o["stems"] and lang == "ar":
            return rf"{LEFT_EDGE}{AR_PROCLITICS}(?:ال|لل)?(?:{body})[\p{{L}}\p{{M}}]*{RIGHT_EDGE}"
        return rf"{LEFT_EDGE}(?:{body}){RIGHT_EDGE}"

    for gi, g in enumerate(groups):
        forms = [f.lower() for f in g]
        compiled.append((g, forms))
        if not o["stems"] and all(_PLAIN_WORD.fullmatch(f) for f in forms):
            for f in set(forms):
                by_word.setdefault(f, []).append(gi)
        else:
            by_text.append(gi)
    patterns: dict[int, object] = {}  # compiled when a group is first tried (hundreds of groups: cold start)
    keep = rxcache.compile("|".join(rf"{LEFT_EDGE}{regex.escape(k).replace(chr(92) + ' ', chr(92) + 's+')}{RIGHT_EDGE}"
                                    for k in o["keep"]), regex.IGNORECASE, "rules") if o["keep"] else None
    app = o["applicability"]

    def candidates(doc, low):
        """The groups with two spellings or more present (necessary for a finding): a plain
        word's spelling is looked up in the set of the text's words (a whole-word match is
        such a run), others by substring."""
        out = [gi for gi in by_text if sum(1 for f in compiled[gi][1] if f in low) >= 2]
        if by_word:
            words = doc.cache.get("variants.words")
            if words is None:
                words = doc.cache["variants.words"] = _words(doc, low)
            seen = Counter(gi for w in words.intersection(by_word) for gi in by_word[w])
            out.extend(gi for gi, n in seen.items() if n >= 2)
        return sorted(out)

    def check(doc):
        text = doc.text
        low = doc.cache.get("variants.lower")
        if low is None:
            low = doc.cache["variants.lower"] = text.lower()
        for gi in candidates(doc, low):
            g, forms = compiled[gi]
            pat = patterns.get(gi)
            if pat is None:
                pat = patterns[gi] = rxcache.compile(source(gi), flags, "rules")
            uses = []  # (variant index, span of the spelling)
            kept = [m.span() for m in keep.finditer(text)] if keep is not None else ()
            for m in pat.finditer(text):
                if any(a <= m.start() and m.end() <= b for a, b in kept):
                    continue  # a name: "chicken Kiev"
                for k in range(len(g)):
                    if m.start(f"v{k}") >= 0:
                        uses.append((k, m.span(f"v{k}"), m.span()))
                        break
            kinds = {k for k, _, _ in uses}
            if len(kinds) < 2:
                continue
            counts = {k: sum(1 for u in uses if u[0] == k) for k in kinds}
            first = {}
            for k, _, _ in uses:
                first.setdefault(k, len(first))
            major = max(kinds, key=lambda k: (counts[k], -first[k]))
            # a tie: no spelling is the article's own, so none is imposed (the first one is named)
            tie = sum(1 for k in kinds if counts[k] == counts[major]) > 1
            for k, (s, e), (ws, we) in uses:
                if k == major:
                    continue
                rep = g[major]
                if text[s:e][:1].isupper() and rep[:1].islower():
                    rep = rep[:1].upper() + rep[1:]
                # the majority spelling shown as this word would read with it («الأميركي», not
                # the stem «أميرك»)
                args = {"word": text[ws:we], "variant": text[s:e], "majority": text[ws:s] + rep + text[e:we],
                        "count": counts[major]}
                if tie:
                    yield Hit(ws, we, args, None, render(o["tie_message"], args) if o["tie_message"] else None)
                else:
                    yield Hit(ws, we, args, Fix(app, (Edit(s, e, rep),)))

    return check
