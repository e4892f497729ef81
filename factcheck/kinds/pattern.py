"""`pattern`: regular expressions with Arabic-aware word edges.

Patterns use the `regex` module (Unicode properties, variable-length look-behind)
and run with a time limit, so a pathological expression cannot hang a run.
The reported span is the group `span` when the pattern has one, else the word
proper (without proclitics), else the whole match.
"""

from __future__ import annotations

import regex

from factcheck import rxcache
from factcheck.langs import wrap_word
from factcheck.model import Edit, Fix, Hit
from factcheck.rules import Opt, check_regex

REGEX_TIMEOUT = 2.0  # seconds per pattern per document

OPTIONS = {
    "patterns": Opt("list[regex]", required=True, doc="alternatives; each a regular expression"),
    "word": Opt("bool", True, doc="match whole words only (Arabic-aware edges)"),
    "proclitics": Opt("bool", False, doc="allow و ف ب ل ك before the word (Arabic)"),
    "article": Opt("bool", False, doc="allow the article ال / لل before the word (Arabic)"),
    "ignore_case": Opt("bool", False),
    "fold": Opt("bool", False, doc="match on folded text (alef/hamza/ya, digits, no diacritics)"),
    "replace": Opt("str", None, doc="replacement template (\\g<name> refers to groups); makes a fix"),
    "applicability": Opt("str", "safe", choices=("safe", "unsafe")),
    "unless": Opt("list[regex]", [], doc="skip a match that lies inside a match of one of these (same line)"),
}


class TimeoutFailure(Exception):
    pass


def validate(options, loc, lang):
    if not options["patterns"]:
        raise loc.error(("patterns",), "'patterns' must list at least one expression")
    for i, p in enumerate(options["patterns"]):
        check_regex(loc, ("patterns", i), _wrap(p, options, lang))


def _wrap(p: str, o: dict, lang: str) -> str:
    if o["word"]:
        return wrap_word(p, lang, o["proclitics"], o["article"])
    return p


def build(rule):
    o = rule.options
    flags = regex.V0 | (regex.IGNORECASE if o["ignore_case"] else 0)
    combined = "|".join(f"(?:{_wrap(p, o, rule.lang)})" for p in o["patterns"])
    pats = [rxcache.compile(_wrap(p, o, rule.lang), flags, "rules") for p in o["patterns"]]
    # one pass over the text when the alternatives have no groups of their own
    single = rxcache.compile(combined, flags, "rules") if len(pats) > 1 and all(
        p.groups == (1 if o["word"] else 0) and not p.groupindex.keys() - {"_w"} for p in pats) and not o["word"] else None
    unless = [rxcache.compile(u, flags, "rules") for u in o["unless"]]
    replace = o["replace"]
    applicability = o["applicability"]

    def check(doc):
        if o["fold"]:
            view = doc.folded
            text = view.text
        else:
            view = None
            text = doc.text
        seen = set()
        for pat in ([single] if single is not None else pats):
            try:
                for m in pat.finditer(text, timeout=REGEX_TIMEOUT):
                    gd = m.groupdict()
                    if "span" in gd and m.start("span") >= 0:
                        s, e = m.span("span")
                    elif "_w" in gd and m.start("_w") >= 0:
                        s, e = m.span("_w")
                    else:
                        s, e = m.span()
                    if (s, e) in seen:
                        continue
                    if unless and _excepted(text, s, e, unless):
                        continue
                    seen.add((s, e))
                    fix = None
                    if replace is not None:
                        rep = m.expand(replace)
                        # the replacement stands for the whole match minus proclitics
                        ms, me = m.span("_w") if "_w" in gd else m.span()
                        if view is not None:
                            ms, me = view.to_base(ms, me)
                        fix = Fix(applicability, (Edit(ms, me, rep),))
                    args = {k: v for k, v in gd.items() if v is not None and not k.startswith("_")}
                    if view is not None:
                        s, e = view.to_base(s, e)
                    yield Hit(s, e, args, fix)
            except TimeoutError:
                raise TimeoutFailure(f"pattern timed out after {REGEX_TIMEOUT}s") from None

    return check


def _excepted(text: str, s: int, e: int, unless) -> bool:
    ls = text.rfind("\n", 0, s) + 1
    le = text.find("\n", e)
    le = len(text) if le == -1 else le
    for u in unless:
        for m in u.finditer(text, ls, le, timeout=REGEX_TIMEOUT):
            if m.start() <= s and m.end() >= e:
                return True
    return False
