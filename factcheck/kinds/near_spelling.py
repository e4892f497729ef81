"""`near-spelling`: a word spelt once, one slip away from a spelling the article repeats.

A name typed right twice and wrong once ("Zooemrs" for "Zoomers", «بمحيال» for
«بمحايل») is the commonest correction a newsroom prints, and no list can hold the
names of tomorrow's copy.  The article itself is the list: a spelling it uses
`min_count` times or more is its own, and a word it uses once that is one slip away
from it, and is no word of the language (not in the shipped frequency list), is
reported with the article's spelling as an unsafe fix.

A slip is one of `edits`: two neighbouring letters swapped ("swap"), a letter left
out ("drop"), a letter added ("add"), a letter typed for another ("replace").  It
never touches the first or the last letter: endings make other words of one name
(plurals, "Smiths"; «مصري» / «مصرية»), and a first letter typed wrong is rare in a
name.  English reads capitalised words only (names; "Iran" and "Iraq" differ in the
last letter), compared as written, without a possessive "'s".  Arabic reads every
word, light-folded (no diacritics, one alef), compared without its proclitics
(«و», «ف», «ب», «ل», «ك», the article): «والصراوخية» against «الصاروخية».

With `ties`, a name that stands once before the odd spelling counts as the article's
own too (many names stand twice): the later of the two is reported, with no fix.  The
measures are in docs/near-spelling.md.
"""

from __future__ import annotations

from collections import Counter

from factcheck.lexicon import _Memo
from factcheck.messages import render
from factcheck.model import Edit, Fix, Hit
from factcheck.rules import Opt

EDITS = ("swap", "drop", "add", "replace")
# longer runs of letters are no words (a hostile 100,000-letter token must not cost a test of
# every place in it)
MAX_LETTERS = 40
# odd spellings read in one document at most (an article has a few dozen; a text with
# thousands of words that stand once and are no words is no prose)
MAX_ODD = 2000

OPTIONS = {
    "edits": Opt("list[str]", list(EDITS), doc="the slips looked for: swap, drop, add, replace"),
    "min_length": Opt("int", 5, doc="letters of the article's spelling (Arabic: without proclitics), at least"),
    "min_count": Opt("int", 2, doc="times the article's own spelling stands, at least"),
    "max_zipf": Opt("float", 2.0, doc="the odd spelling is reported only when it is less frequent than this in the "
                                      "language's frequency list (2.0: not in it)"),
    "capitalized": Opt("bool", False, doc="only words that begin with a capital letter (names), compared as written"),
    "endings": Opt("list[str]", [], doc="endings of one word's forms: two spellings that are one stem with two of "
                                        "these endings (or one and none) are forms of a word, not a slip "
                                        "(«حافلتان» / «حافلتين», «موقفها» / «موقفهما»)"),
    "known_readings": Opt("bool", False, doc="Arabic: a word is a word of the language also when one of its readings "
                                             "without proclitics and/or a suffix pronoun (four letters or more) is in "
                                             "the frequency list («والإعسار», «مهندسها»)"),
    "broken_by": Opt("list[str]", [], doc="strings whose deletion breaks words: a word that is a word of the language "
                                          "with one of them put back inside is left to the broken-word checks "
                                          "(«في»: «الثقاة» is «الثقافية» without it)"),
    "forms_before_last": Opt("str", "", doc="letters that, put in or left out right before the last letter, make "
                                            "another form of one word, not a slip (Arabic «ا»: «التزم» / «التزام»)"),
    "near_letters": Opt("list[str]", [], doc="when given, a letter typed for another is a slip only between letters "
                                             "next to each other in one of these strings (keyboard rows) or both in "
                                             "one string marked with a leading '=' (letters told apart by their dots)"),
    "ties": Opt("bool", False, doc="also report a word that stands once, one slip after the one other use of a "
                                   "spelling (the first use is taken for the article's own), with tie_message"),
    "tie_message": Opt("str", None, doc="the message of a tie ({word}, {majority}: the earlier spelling); no fix is "
                                        "offered, as neither spelling is the article's own by count"),
    "applicability": Opt("str", "unsafe", choices=("safe", "unsafe")),
}


def validate(options, loc, lang):
    for i, e in enumerate(options["edits"]):
        if e not in EDITS:
            raise loc.error(("edits", i), f"unknown edit {e!r}; one of {', '.join(EDITS)}")
    if options["min_length"] < 3:
        raise loc.error(("min_length",), "min_length must be 3 or more")
    if options["min_count"] < 2:
        raise loc.error(("min_count",), "min_count must be 2 or more")
    if options["ties"] and not options["tie_message"]:
        raise loc.error(("ties",), "ties needs a tie_message")


# proclitic chains of an Arabic word, longest first: a conjunction, then a preposition, then
# the article (light-folded: one alef).  Not lexicon.AR_PREFIXES, which the readings of a word
# use: the core of a name takes «ولل» and «فلل» off too, and leaves «وس» and «فس» (a verb's
# future) on; measured on dev, the lexicon's list catches fewer slips (swap 0.865 -> 0.86,
# drop 0.585 -> 0.57) with the same alarms
_AR_CLITICS = ("وبال", "وكال", "ولل", "فبال", "فلل", "وال", "فال", "بال", "كال", "لل", "ال", "وب", "ول", "وك", "فب",
               "فل", "و", "ف", "ب", "ل", "ك")

def _ar_split(w: str) -> int:
    """Letters of proclitics at the start of the light-folded word w (0 when none can be
    taken off and leave three letters)."""
    for p in _AR_CLITICS:
        if w.startswith(p) and len(w) - len(p) >= 3:
            return len(p)
    return 0


def _ar_core(w: str) -> tuple[int, str]:
    """(letters of proclitics, the core) of a light-folded Arabic word; (-1, "") when it is
    not all letters (a number)."""
    if not w.isalpha() or len(w) > MAX_LETTERS:
        return -1, ""
    k = _ar_split(w)
    return k, w[k:]


_AR_SPLIT = _Memo(_ar_core)


def _near_table(rows) -> frozenset:
    """Pairs of letters that a slip of a finger (or of a dot) types one for the other."""
    out = set()
    for row in rows:
        if row.startswith("="):
            out.update((a, b) for a in row[1:] for b in row[1:] if a != b)
        else:
            for a, b in zip(row, row[1:]):
                out.update(((a, b), (b, a)))
    return frozenset(out)


def one_slip(odd: str, own: str, edits, near=None, forms_before_last: str = "") -> bool:
    """Is `odd` `own` with one slip of `edits`, away from the first and the last letter?
    `near`: when given, the pairs of letters a replaced letter may be typed for;
    `forms_before_last`: letters that, put in or left out right before the last letter, make
    another form of one word, not a slip (Arabic «ا»: «التزم», «التزام»)."""
    n, m = len(odd), len(own)
    if n < 3 or m < 3 or odd[0] != own[0] or odd[-1] != own[-1]:
        return False
    if n == m:
        diff = [i for i in range(1, n - 1) if odd[i] != own[i]]
        if len(diff) == 1:
            return "replace" in edits and (not near or (odd[diff[0]], own[diff[0]]) in near)
        if len(diff) == 2 and diff[1] == diff[0] + 1:
            i = diff[0]
            return "swap" in edits and odd[i] == own[i + 1] and odd[i + 1] == own[i]
        return False
    if abs(n - m) != 1 or ("drop" if n < m else "add") not in edits:
        return False
    short, long = (odd, own) if n < m else (own, odd)
    got = _one_insertion(short, long)
    if got is None:
        return False
    lo, hi, ch = got
    if ch in forms_before_last and hi == len(long) - 2:
        return False  # «التزم» / «التزام»: two forms of one word
    return True


def _one_insertion(short: str, long: str):
    """(first, last place, letter) when `long` is `short` with one letter put in, at a place
    neither first nor last; None otherwise.  A letter put in next to the same letter
    («Bushnel» / «Bushnell») may stand at any place of the run: first..last."""
    i = 0
    while i < len(short) and short[i] == long[i]:
        i += 1
    if short[i:] != long[i + 1:]:
        return None
    j = i
    while j > 0 and long[j - 1] == long[i]:
        j -= 1
    lo, hi = max(j, 1), min(i, len(long) - 2)
    return (lo, hi, long[i]) if lo <= hi else None


def _raw_index(raw: str, folded: str, k: int) -> int:
    """Index in `raw` of the k-th character of its light-folded form (the fold drops marks
    and keeps one character for each other)."""
    if len(raw) == len(folded):
        return k
    from factcheck.lexicon import light_fold

    seen = 0
    for j, ch in enumerate(raw):
        if seen == k:
            return j
        if light_fold(ch):
            seen += 1
    return len(raw)


def _clitic_form(w: str, c: str, own: dict) -> bool:
    """Is the Arabic word w (core c) another word of the article (`own`: word or core -> its
    core) with a proclitic put before it, or one taken off it («ببوفيشة» and «بوفيشة»,
    «بلازيو» and «ببلازيو»)?"""
    for p in _AR_CLITICS:
        if len(w) > len(p) and w.startswith(p) and own.get(w[len(p):], c) != c:
            return True
        if own.get(p + w, c) != c:
            return True
    # «ل» before the article writes «لل»: «لليتوانيين» is «ل» + «الليتوانيين»
    if w.startswith("لل") and own.get("ا" + w[1:], c) != c:
        return True
    if w.startswith("ال") and own.get("ل" + w[2:], c) != c:
        return True
    return False


def _keys(form: str) -> list[str]:
    """The form and the form without one inner letter: two forms one slip apart (a letter
    swapped, left out, added or replaced, away from the ends) share one of these."""
    return [form] + [form[:j] + form[j + 1:] for j in range(1, len(form) - 1)]


def _forms_of_one_word(a: str, b: str, endings) -> bool:
    """Are a and b one stem (three letters or more) with two of `endings` (or one and none)?"""
    for ea in ("", *endings):
        if not a.endswith(ea):
            continue
        sa = a[:len(a) - len(ea)]
        if len(sa) < 3:
            continue
        for eb in ("", *endings):
            if ea != eb and b.endswith(eb) and b[:len(b) - len(eb)] == sa:
                return True
    return False


def build(rule):
    from factcheck.lexicon import _light_cols, ar_stems, freq

    o = rule.options
    lang = rule.lang
    edits = frozenset(o["edits"])
    min_len, min_count, max_zipf = o["min_length"], o["min_count"], o["max_zipf"]
    caps = o["capitalized"]
    app = o["applicability"]
    endings = tuple(sorted(set(o["endings"]), key=len, reverse=True))
    near = _near_table(o["near_letters"]) or None
    readings = o["known_readings"] and lang == "ar"
    before_last = o["forms_before_last"]
    broken_by = tuple(o["broken_by"])
    ties = o["ties"]
    ar = lang == "ar"
    # word -> not in the frequency list (below max_zipf), remembered across documents
    _unknown = _Memo(lambda w: freq(lang).get(w, 0.0) < max_zipf)

    def read(doc):
        """Columns of the words that are read, aligned: (token index, start and end of the core
        in the token as written, the word, the core).  The core is the word without proclitics
        (Arabic) or a possessive (English).  Arabic reads every token (one not read has the
        core ""), so the columns are made by maps over the tokens, not a loop."""
        (starts, ends, raws, pres), ws = _light_cols(doc)
        if ar:
            splits = list(map(_AR_SPLIT.__getitem__, ws))
            return (range(len(ws)), [x[0] for x in splits], list(map(len, ws)), ws, [x[1] for x in splits])
        idx, pre, end, word, core = [], [], [], [], []
        for i, r in enumerate(raws):
            if (caps and not r[0].isupper()) or len(r) > MAX_LETTERS:
                continue
            e = len(r)
            if r.endswith(("'s", "’s")):
                e -= 2
            c = r[:e]
            if not c.isalpha() or (caps and (c.isupper() or len(c) < 2)):
                continue  # a number, an acronym, an initial
            if not caps:
                c = c.lower()
            idx.append(i)
            pre.append(0)
            end.append(e)
            word.append(c)
            core.append(c)
        return idx, pre, end, word, core

    def check(doc):
        (starts, ends, raws, pres), ws = _light_cols(doc)
        if not ws:
            return
        text = doc.text
        idx, pre, end, full, cores = read(doc)
        count = Counter(cores)
        # the odd spellings first (most articles have none): a core that stands once and is no
        # word of the language.  Looked up a distinct core at a time, not a token at a time
        known = freq(lang).get
        lo = min_len - 1
        unknown = _unknown
        singles = [c for c, n in count.items() if n == 1 and len(c) >= lo and unknown[c if ar else c.lower()]]
        if not singles:
            return
        at = dict(zip(cores, range(len(cores))))  # a single's index in words (it stands once)
        odd = []
        ends_of = set()  # (first, last) letters of the odd words and cores: the own words worth indexing
        for c in singles:
            k = at[c]
            i, a, b, w = idx[k], pre[k], end[k], full[k]
            if c != w and known(ws[i], 0.0) >= max_zipf:
                continue  # a word of the language
            if readings and any(len(r) >= 4 and known(r, 0.0) >= max_zipf for r in ar_stems(ws[i])):
                continue  # a word of the language with proclitics or a suffix pronoun («والإعسار», «مهندسها»)
            if broken_by and any(known(w[:j] + x + w[j:], 0.0) >= max_zipf
                                 for x in broken_by for j in range(1, len(w))):
                continue  # a word with «في» deleted inside: the broken-word checks' to report
            s, e = starts[i], ends[i]
            if (s > 0 and text[s - 1] in "@#/\\_") or (e < len(text) and text[e] in "/\\_@"):
                continue  # a handle, a tag, a path
            odd.append(k)
            ends_of.add((w[0], w[-1]))
            ends_of.add((c[0], c[-1]))
        if not odd:
            return
        odd.sort()
        # the article's spellings worth comparing (a slip keeps the first and the last letters:
        # those of an odd word): each distinct core, and each distinct word that is more than
        # its core, indexed by _keys
        n_words = len(cores)
        first_at = dict(zip(reversed(cores), range(n_words - 1, -1, -1)))  # core -> index of its first use
        least = 1 if ties else min_count
        entries = [(k, c, c, True) for c, k in first_at.items()
                   if count[c] >= least and len(c) >= min_len and (c[0], c[-1]) in ends_of]
        entries += [(k, w, cores[k], False) for w, k in dict(zip(reversed(full), range(n_words - 1, -1, -1))).items()
                    if w != cores[k] and count[cores[k]] >= least and len(cores[k]) >= min_len
                    and (w[0], w[-1]) in ends_of]
        entries.sort()
        # every word and core of the article -> its core, for _clitic_form
        every = dict(zip(cores, cores)) if ar else {}
        if ar:
            every.update(zip(full, cores))
            every.pop("", None)
        own: dict = {}  # word or core -> its core
        where: dict = {}  # word or core -> (index in words of its first use, is it the core)
        index: dict = {}  # _keys of each -> the words and cores that have it
        for k, form, c, is_core in entries:  # in the order of the text: a string that is a word
            if form not in where:  # and another word's core is what it is first
                where[form] = (k, is_core)
                own[form] = c
                for key in _keys(form):
                    index.setdefault(key, []).append(form)
        for k in odd[:MAX_ODD]:
            i, a, b, w, c = idx[k], pre[k], end[k], full[k], cores[k]
            if ar and _clitic_form(w, c, every):
                continue  # «ببوفيشة»: «ب» before «بوفيشة»
            strong, weak = {}, {}  # own spellings it is one slip from: used min_count times / once, before it
            for form in dict.fromkeys((w, c)):
                for x in dict.fromkeys(x for key in _keys(form) for x in index.get(key, ())):  # in text order
                    xc = own[x]
                    if xc == c or xc in strong or xc in weak:
                        continue
                    if count[xc] < min_count and first_at[xc] > k:
                        continue
                    if one_slip(form, x, edits, near, before_last) and \
                            not (endings and _forms_of_one_word(form, x, endings)):
                        (strong if count[xc] >= min_count else weak)[xc] = x
            cands = strong or weak
            if len(cands) != 1:
                continue  # none, or two spellings it could be a slip of
            (xc, x), = cands.items()
            raw = raws[i]
            # the core is the slip, its proclitics and possessive kept as written; or the whole
            # word is (its proclitics hold the slip: «اسلمحان» for «السمحان»)
            ra, rb = _core_span(raws, ws, i, a, b) if x == xc else (0, len(raw))
            k0, is_core = where[x]
            i0 = idx[k0]
            rep = raws[i0][slice(*_core_span(raws, ws, i0, pre[k0], end[k0]))] if is_core else raws[i0]
            args = {"word": raw, "majority": raw[:ra] + rep + raw[rb:], "count": count[xc]}
            s, e = starts[i], ends[i]
            if count[xc] < min_count:  # a tie: one use each, this one the later
                yield Hit(s, e, args, None, render(o["tie_message"], args))
            else:
                yield Hit(s, e, args, Fix(app, (Edit(s + ra, s + rb, rep),)))

    def _core_span(raws, ws, i, a, b) -> tuple[int, int]:
        """Where the core (letters a..b of the read word) stands in token i as written."""
        if not ar:
            return a, b
        return _raw_index(raws[i], ws[i], a), _raw_index(raws[i], ws[i], b)

    return check
