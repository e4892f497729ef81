"""`typography`: mechanical slips a proofreader marks by eye.

One rule file picks one `check`:
  glued-date          a byline or word glued to a date, a date glued to the next word
  latin-punctuation   a Latin comma, question mark or semicolon in Arabic text
  space-before-punct  a space before a closing punctuation mark
  double-space        two or more spaces inside a line
  mixed-digits        Western and Arabic-Indic digits in one article
  foreign-letters     Persian or Urdu look-alike letters («ی», «ک», «ھ») and Arabic presentation
                      forms (copy pasted out of a PDF) in Arabic words
  glued-function-word a word glued to a function word, its space lost ("launchedthe", "tocourt")
  ha-for-taa          «ه» written for «ة» at the end of a definite word («الحكوميه»)
"""

from __future__ import annotations

from functools import lru_cache

import re

import regex

from factcheck import rxcache
from factcheck.messages import render
from factcheck.model import Edit, Fix, Hit
from factcheck.rules import Opt
from factcheck.lazyrx import bind as _bind_lazy, re_, regex_

CHECKS = ("glued-date", "latin-punctuation", "space-before-punct", "double-space", "mixed-digits", "foreign-letters",
          "glued-function-word", "ha-for-taa")

OPTIONS = {
    "check": Opt("str", required=True, choices=CHECKS),
    "applicability": Opt("str", "safe", choices=("safe", "unsafe")),
    "suffixes": Opt("list[str]", [], doc="glued-date: letters that may follow a year (e.g. م هـ s)"),
    "marks": Opt("list[str]", [], doc="space-before-punct: the marks checked"),
    "systematic": Opt("str", "once", choices=("once", "all"),
                      doc="latin-punctuation: when Latin commas outnumber Arabic ones (a house habit), "
                          "report the first only, with a fix for all of them"),
    "systematic_message": Opt("str", None, doc="latin-punctuation: the message of that one finding ({count}); "
                                               "default: the rule's message"),
    "systematic_from": Opt("int", 3, doc="foreign-letters, glued-function-word: from this many words on, one "
                                         "finding on the first, with a fix for every one (systematic_message)"),
    "function_words": Opt("list[str]", [], doc="glued-function-word: the words a lost space glues to another"),
    "min_zipf": Opt("float", 3.0, doc="glued-function-word: the other part is a word at least this frequent"),
    "max_zipf": Opt("float", 1.5, doc="glued-function-word: the glued token is less frequent than this (no word)"),
    "zipf_margin": Opt("float", 1.5, doc="ha-for-taa: the «ة» spelling is at least this much more frequent (Zipf) "
                                         "than the «ه» one, and at least min_zipf"),
}


def validate(options, loc, lang):
    return None


@lru_cache(maxsize=None)
def _month_alt(lang: str) -> str:
    from factcheck.header import month_table

    names = set(month_table(lang)) if lang in ("ar", "en") else set()
    if lang == "ar":  # month tables are folded; also accept the hamza spellings
        from factcheck.resources import load_data

        for names_ in load_data("ar", "dates/grammar/months.yaml")["gregorian"].values():
            names.update(names_)
    # longest first; ties by text, so that the expression is the same every run (rxcache)
    return "|".join(regex.escape(n) for n in sorted(names, key=lambda n: (-len(n), n)))


def build(rule):
    o = rule.options
    return {
        "glued-date": _glued_date,
        "latin-punctuation": _latin_punct,
        "space-before-punct": _space_before,
        "double-space": _double_space,
        "mixed-digits": _mixed_digits,
        "foreign-letters": _foreign_letters,
        "glued-function-word": _glued_function_word,
        "ha-for-taa": _ha_for_taa,
    }[o["check"]](rule)


def _glued_date(rule):
    months = _month_alt(rule.lang)
    suffixes = sorted(rule.options["suffixes"], key=lambda x: (-len(x), x))
    suf = "|".join(regex.escape(s) for s in suffixes) or "(?!)"
    flags = regex.IGNORECASE
    digit = r"[0-9\u0660-\u0669]"
    # a word (two letters or more) glued to the day of a date: editor12 مارس
    p_before = rxcache.compile(rf"(?P<w>\p{{L}}{{2,}})(?P<d>{digit}{{1,2}})\s*(?:{months})(?![\p{{L}}])", flags, "rules")
    # a month name glued to digits, either side: 12مارس, مارس2025
    p_month = rxcache.compile(
        rf"(?P<a>{digit}{{1,4}})(?P<m>(?:{months}))(?![\p{{L}}])|(?<![\p{{L}}])(?P<m2>(?:{months}))(?P<b>{digit}{{1,4}})(?!{digit})",
        flags, "rules")
    # the year of a date glued to the next word: مارس 2025آخر تحديث
    p_after = rxcache.compile(
        rf"(?:{months})\s*(?:{digit}{{1,2}}(?:st|nd|rd|th)?\s*)?[,،]?\s*(?P<y>(?:19|20)\d\d|[\u0660-\u0669]{{4}})(?!{suf})(?P<w>\p{{L}}{{2,}})", flags, "rules")
    app = rule.options["applicability"]

    def check(doc):
        text = doc.text
        # only lines where a letter touches a digit can hold a glued date
        spans = doc.cache.get("typography.letter-digit-lines")
        if spans is None:
            spans = []
            for m in _LETTER_DIGIT.finditer(text):
                ls = text.rfind("\n", 0, m.start()) + 1
                if spans and spans[-1][1] >= ls:
                    continue
                le = text.find("\n", m.end())
                spans.append((ls, len(text) if le == -1 else le))
            doc.cache["typography.letter-digit-lines"] = spans
        for ls, le in spans:
            yield from _glued_in(text, ls, le)

    def _glued_in(text, ls, le):
        for m in p_before.finditer(text, ls, le):
            cut = m.start("d")
            yield Hit(m.start("w"), m.end("d"), {"glued": m.group("w") + m.group("d")},
                      Fix(app, (Edit(cut, cut, " "),)))
        for m in p_month.finditer(text, ls, le):
            if m.group("a"):
                cut = m.start("m")
                s, e = m.start("a"), m.end("m")
            else:
                cut = m.start("b")
                s, e = m.start("m2"), m.end("b")
            yield Hit(s, e, {"glued": text[s:e]}, Fix(app, (Edit(cut, cut, " "),)))
        for m in p_after.finditer(text, ls, le):
            cut = m.start("w")
            yield Hit(m.start("y"), m.end("w"), {"glued": text[m.start("y"):m.end("w")]},
                      Fix(app, (Edit(cut, cut, " "),)))

    return check


# a digit with a letter on either side (digits first: ten times faster than a letter-first scan)
_LETTER_DIGIT = regex_(r"[0-9\u0660-\u0669](?:(?<=\p{L}.)|(?=\p{L}))")
_LATIN = {",": "،", "?": "؟", ";": "؛"}
_AR = r"[\p{Arabic}&&\p{L}]"
_P_LATIN = regex_(rf"(?<={_AR}[\u064b-\u0652]*\s?)(?P<c>[,;])(?=\s?{_AR})|(?<={_AR}[\u064b-\u0652]*)(?P<q>\?)(?=\s|$|[»\"”)])", regex.V1)


def _latin_punct(rule):
    app = rule.options["applicability"]
    once = rule.options["systematic"] == "once"
    smsg = rule.options["systematic_message"]

    def check(doc):
        found = list(_P_LATIN.finditer(doc.text))
        commas = [m for m in found if m.group() == ","]
        if once and len(commas) > 1 and len(commas) >= doc.text.count("،"):
            # a house habit: one finding for the commas, whose fix changes every one of them
            # (the question marks and semicolons are still reported one by one)
            s, e = commas[0].span()
            edits = tuple(Edit(m.start(), m.end(), "،") for m in commas)
            args = {"char": ",", "arabic": "،", "count": str(len(commas))}
            yield Hit(s, e, args, Fix(app, edits), render(smsg, args) if smsg else None)
            found = [m for m in found if m.group() != ","]
        for m in found:
            s, e = m.span()
            ch = m.group()
            yield Hit(s, e, {"char": ch, "arabic": _LATIN[ch]}, Fix(app, (Edit(s, e, _LATIN[ch]),)))

    return check


def _space_before(rule):
    marks = rule.options["marks"] or [".", ",", "،", "؛", ";", ":", "!", "?", "؟"]
    cls = regex.escape("".join(marks))
    # a space between a word and a mark that is followed by a space or the line end;
    # not an ellipsis, not a decimal (".5"), not a list like " ; "-separated codes
    pat = rxcache.compile(rf"(?<=[\p{{L}}\p{{N}}»”\")])(?P<sp>[ \t\u00a0]+)(?P<m>[{cls}])(?![.\p{{N}}])(?=\s|$)(?![ \t]\.)", 0, "rules")
    # what every match holds: a space right before a mark (most copy has none; the full
    # expression, its look-behind tried at every character, is four times slower)
    near = re.compile(f"[ \\t\u00a0][{re.escape(''.join(marks))}]")
    app = rule.options["applicability"]

    def check(doc):
        if not near.search(doc.text):
            return
        for m in pat.finditer(doc.text):
            s, e = m.span("sp")
            yield Hit(s, m.end("m"), {"mark": m.group("m")}, Fix(app, (Edit(s, e, ""),)))

    return check


_P_DOUBLE = regex_(r"(?<=\S)[ ]{2,}(?=\S)")


def _double_space(rule):
    app = rule.options["applicability"]

    def check(doc):
        if "  " not in doc.text:  # what every match holds (a scan five times faster)
            return
        for m in _P_DOUBLE.finditer(doc.text):
            s, e = m.span()
            yield Hit(s, e, {}, Fix(app, (Edit(s, e, " "),)))

    return check


_WESTERN = regex_(r"[0-9]+")
_EASTERN = regex_(r"[\u0660-\u0669]+")
_TO_WESTERN = str.maketrans({chr(0x0660 + i): str(i) for i in range(10)})
_TO_EASTERN = str.maketrans({str(i): chr(0x0660 + i) for i in range(10)})


def _mixed_digits(rule):
    app = rule.options["applicability"]

    def check(doc):
        text = doc.text
        west = [m.span() for m in _WESTERN.finditer(text)]
        east = [m.span() for m in _EASTERN.finditer(text)]
        if not west or not east:
            return
        minority, table, system = (east, _TO_WESTERN, "0-9") if len(west) >= len(east) else (west, _TO_EASTERN, "٠-٩")
        for s, e in minority:
            digits = text[s:e]
            yield Hit(s, e, {"digits": digits, "system": system},
                      Fix(app, (Edit(s, e, digits.translate(table)),)))

    return check


# Persian and Urdu letters that look like Arabic ones, and the Arabic presentation forms
# (U+FB50-U+FDFF without the ligatures of blessings U+FDF0-U+FDFF, U+FE70-U+FEFC); «پ چ ژ گ ڤ»
# write foreign sounds on purpose and are left alone
_LOOKALIKE = {"\u06a9": "\u0643", "\u06be": "\u0647", "\u06c1": "\u0647", "\u06d2": "\u064a", "\u06c0": "\u0629",
              "\u06c3": "\u0629"}
_P_FOREIGN_WORD = regex_(r"[\p{Arabic}\uFB50-\uFDFF\uFE70-\uFEFC]*[\u06cc\u06a9\u06be\u06c1\u06d2\u06c0\u06c3"
                         r"\uFB50-\uFDEF\uFE70-\uFEFC][\p{Arabic}\uFB50-\uFDFF\uFE70-\uFEFC]*")
_FOREIGN = re_("[\u06cc\u06a9\u06be\u06c1\u06d2\u06c0\u06c3\uFB50-\uFDEF\uFE70-\uFEFC]")


def _arabic_spelling(word: str) -> tuple[str, str | None]:
    """(the word in Arabic letters, the second reading or None).  Presentation forms are their
    NFKC letters; a Persian «ی» inside a word is «ي»; at its end it is «ي» or «ى» («فی», «علی»),
    which no list here tells apart (the frequency list folds «ى» into «ي"): both are given."""
    import unicodedata

    out = []
    for ch in word:
        if "\ufb50" <= ch <= "\ufdef" or "\ufe70" <= ch <= "\ufefc":
            ch = unicodedata.normalize("NFKC", ch)
        out.append(_LOOKALIKE.get(ch, ch))
    w = "".join(out)
    if "\u06cc" not in w:
        return w, None
    w = w[:-1].replace("\u06cc", "\u064a") + w[-1]
    if w[-1] != "\u06cc":
        return w, None
    return w[:-1] + "\u064a", w[:-1] + "\u0649"


def _each_or_all(words, many, app, smsg):
    """Findings for (start, end, args, replacement or None) in text order: one each, or, from
    `many` on (an article written that way), one on the first for all of them ({count}: the
    others), whose fix makes every replacement there is."""
    if not words:
        return
    if len(words) >= many:
        s, e, args, _ = words[0]
        args = {**args, "count": len(words) - 1}
        edits = tuple(Edit(a, b, r) for a, b, _, r in words if r is not None)
        yield Hit(s, e, args, Fix(app, edits) if edits else None, render(smsg, args) if smsg else None)
        return
    for s, e, args, r in words:
        yield Hit(s, e, {**args, "count": 0}, Fix(app, (Edit(s, e, r),)) if r is not None else None)


def _foreign_letters(rule):
    o = rule.options
    app, many = o["applicability"], o["systematic_from"]
    smsg = o["systematic_message"]

    def check(doc):
        text = doc.text
        if not _FOREIGN.search(text):
            return
        words = []
        for m in _P_FOREIGN_WORD.finditer(text):
            fixed, other = _arabic_spelling(m.group())
            if fixed != m.group():
                words.append((m.start(), m.end(), m.group(), fixed, other))
        # a final «ی» is «ي» or «ى»: both are named and the word gets no edit (the editor's choice)
        yield from _each_or_all(
            [(s, e, {"word": w, "arabic": fixed if other is None else f"{fixed}» أو «{other}"},
              fixed if other is None else None) for s, e, w, fixed, other in words], many, app, smsg)

    return check


def _glued_function_word(rule):
    """A lower-case token that is no word ("launchedthe", "tocourt") and splits into a function
    word and a word: a space lost, as CMS exports and scrapers lose them between inline tags.
    Capitalised words are names ("Shearson", "Easterby") and are not read."""
    from factcheck.lexicon import _Memo, freq, token_words

    o = rule.options
    app, many = o["applicability"], o["systematic_from"]
    smsg = o["systematic_message"]
    fw = frozenset(w.lower() for w in o["function_words"])
    lo, hi = o["min_zipf"], o["max_zipf"]

    def split(w: str, f) -> str | None:
        """The word with its space put back, when exactly one split is a function word and a
        word of three letters or more."""
        got = []
        for i in range(1, len(w)):
            a, b = w[:i], w[i:]
            if (a in fw and len(b) >= 3 and f(b, 0.0) >= lo) or (b in fw and len(a) >= 3 and f(a, 0.0) >= lo):
                got.append(f"{a} {b}")
        return got[0] if len(got) == 1 else None

    f = freq(rule.lang if rule.lang in ("ar", "en") else "en").get

    def glued(w: str) -> str | None:
        if len(w) < 5 or not (w.isascii() and w.isalpha()) or f(w, 0.0) >= hi:
            return None
        return split(w, f)

    memo = _Memo(glued)  # word -> its split or None, across documents

    def check(doc):
        # the document's distinct words (lower-cased, made once and shared), each tested once;
        # the few that split are then found where they stand in lower case
        got = {w: x for w in token_words(doc, True)[1] if (x := memo[w]) is not None}
        if not got:
            return
        text = doc.text
        alt = "|".join(sorted(got, key=lambda w: (-len(w), w)))  # letters only: no escaping needed
        words = [(m.start(), m.end(), m.group(), got[m.group()])
                 for m in re.finditer(rf"(?<![\w'’@#/.-])(?:{alt})(?![\w'’@/-])", text)]
        yield from _each_or_all([(s, e, {"word": w, "fixed": fixed}, fixed) for s, e, w, fixed in words],
                                many, app, smsg)

    return check


# a definite Arabic word (proclitics allowed) that ends in «ه»: a definite noun takes no suffix
# pronoun, so its «ه» is its own letter («الوجه», «المياه») or «ة» written without its dots
_P_DEFINITE_HA = re_(r"(?<![\u0621-\u064A\u064B-\u065F\u0670\u0640])(?:[وف]?[بلك]?ال|[وف]?لل)"
                     r"[\u0621-\u064A\u064B-\u065F\u0670\u0640]{2,}ه(?![\u0621-\u064A\u064B-\u065F\u0670\u0640])")


def _ha_for_taa(rule):
    """«الحكوميه» for «الحكومية»: the «ة» spelling is far more frequent in the shipped list."""
    from factcheck.lexicon import _Memo, freq, light_fold

    o = rule.options
    app, lo, margin = o["applicability"], o["min_zipf"], o["zipf_margin"]
    f = freq("ar").get

    def taa(w: str) -> bool:
        k = light_fold(w)
        zt = f(k[:-1] + "\u0629", 0.0)
        return zt >= lo and zt >= f(k, 0.0) + margin

    memo = _Memo(taa)

    def check(doc):
        text = doc.text
        if "\u0647" not in text:
            return
        for m in _P_DEFINITE_HA.finditer(text):
            w = m.group()
            if memo[w]:
                s, e = m.span()
                fixed = w[:-1] + "\u0629"
                yield Hit(s, e, {"word": w, "fixed": fixed}, Fix(app, (Edit(e - 1, e, "\u0629"),)))

    return check


_bind_lazy(globals())  # the module's expressions compile when first used (factcheck.lazyrx)
