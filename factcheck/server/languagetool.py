"""LanguageTool's HTTP API (v2) on factcheck, so that LanguageTool's clients (browser
add-ons, LTeX, language-tool-python, office plug-ins) work with it unchanged.

Parameters of POST /v2/check: `text` or `data` (annotated text: markup is skipped),
`language` (`ar`, `en`, `en-US`…, `auto`), `enabledRules`, `disabledRules`,
`enabledCategories`, `disabledCategories`, `enabledOnly`, `level` (`default` leaves
out findings of severity info, `picky` keeps them); factcheck's own: `published`
(YYYY-MM-DD) and `format` (text, markdown or html: how to read `text`; default text).
Other LanguageTool parameters (motherTongue, preferredVariants…) are accepted and have
no effect.  Offsets and lengths are UTF-16 code units, as LanguageTool counts them.

Rule ids are factcheck's (`ar.punctuation.duplicated`).  An id in LanguageTool's own
form (no dot, e.g. MORFOLOGIK_RULE_EN_US) names one of LanguageTool's rules, which a
client may keep in its lists: it is ignored.  A dotted id that names no rule is a 400.
"""

from __future__ import annotations

import json
import re

from factcheck import __version__
from factcheck.service import RequestError
from factcheck.utf16 import Utf16

LANGUAGES = [  # (name, code, longCode); LanguageTool lists English variants, and clients ask for them
    ("Arabic", "ar", "ar"),
    ("English", "en", "en"),
    ("English (US)", "en", "en-US"),
    ("English (GB)", "en", "en-GB"),
    ("English (Australian)", "en", "en-AU"),
    ("English (Canadian)", "en", "en-CA"),
    ("English (New Zealand)", "en", "en-NZ"),
    ("English (South African)", "en", "en-ZA"),
]
_NAMES = {"ar": "Arabic", "en": "English"}
# factcheck category -> LanguageTool category id, category name, issue type
CATEGORIES = {
    "punctuation": ("PUNCTUATION", "Punctuation", "typographical"),
    "quotes": ("QUOTES", "Quotes and brackets", "typographical"),
    "repetition": ("REPETITION", "Repetition", "duplication"),
    "typography": ("TYPOGRAPHY", "Typography", "typographical"),
    "boilerplate": ("BOILERPLATE", "CMS residue", "non-conformance"),
    "preposition": ("PREPOSITIONS", "Prepositions", "grammar"),
    "spelling": ("TYPOS", "Possible typo", "misspelling"),
    "date": ("DATES", "Dates", "inconsistency"),
    "figure": ("FIGURES", "Figures", "inconsistency"),
    "consistency": ("CONSISTENCY", "Consistency", "inconsistency"),
    "facts": ("FACTS", "Facts", "inconsistency"),
}
_CAT_OF_ID = {v[0]: k for k, v in CATEGORIES.items()}
CONTEXT = 40  # characters either side of a match in `context`, as LanguageTool gives
_SENTENCE_END = re.compile(r"[.!?؟…]+[\"'»”’)\]]*(?=\s)|\n")


def languages() -> list[dict]:
    return [{"name": n, "code": c, "longCode": lc} for n, c, lc in LANGUAGES]


def parse_language(value: str | None) -> tuple[str | None, str | None]:
    """(factcheck language or None for auto, the long code as asked)."""
    if value is None or not value.strip() or value.strip().lower() == "auto":
        return None, None
    tag = value.strip()
    primary = tag.replace("_", "-").split("-")[0].lower()
    if primary not in _NAMES:
        raise RequestError(400, f"unknown language {tag!r} (factcheck checks ar and en, or auto)")
    return primary, tag


def _flag(params: dict, name: str) -> bool:
    v = (params.get(name) or "false").strip().lower()
    if v not in ("true", "false"):
        raise RequestError(400, f"{name} must be true or false, not {params.get(name)!r}")
    return v == "true"


def _ids(params: dict, name: str) -> list[str]:
    return [x.strip() for x in (params.get(name) or "").split(",") if x.strip()]


def annotated_view(data: str):
    """(source, view) of LanguageTool's annotated text: the source is every text and
    markup part in order (offsets count in it); the view is the text with each markup
    part replaced by its interpretAs."""
    from factcheck.textview import ViewBuilder

    try:
        obj = json.loads(data)
    except (ValueError, RecursionError) as e:
        raise RequestError(400, f"data is not valid JSON: {getattr(e, 'msg', e)}") from None
    items = obj.get("annotation") if isinstance(obj, dict) else None
    if not isinstance(items, list):
        raise RequestError(400, 'data must be {"annotation": [{"text": ...} or {"markup": ..., "interpretAs": ...}]}')
    parts = []
    for i, item in enumerate(items):
        if not isinstance(item, dict) or set(item) - {"text", "markup", "interpretAs"} \
                or ("text" in item) == ("markup" in item):
            raise RequestError(400, f"data: annotation item {i} needs either 'text' or 'markup' (with an optional 'interpretAs')")
        for k, v in item.items():
            if not isinstance(v, str):
                raise RequestError(400, f"data: annotation item {i}: {k!r} must be a string")
        parts.append(item)
    source = "".join(p.get("text", p.get("markup", "")) for p in parts)
    b = ViewBuilder(source)
    pos = 0
    for p in parts:
        if "text" in p:
            b.copy(pos, pos + len(p["text"]))
            pos += len(p["text"])
        else:
            b.put(p.get("interpretAs", ""), pos, pos + len(p["markup"]))
            pos += len(p["markup"])
    return source, b.build()


def selection(checker, params: dict) -> tuple[list[str] | None, list[str]]:
    """(select or None for the configured one, ignore) from the rule and category parameters."""
    rules = checker.rules

    def ours(name):
        out = []
        for rid in _ids(params, name):
            if "." not in rid:
                continue  # one of LanguageTool's own rules
            if rid not in rules:
                raise RequestError(400, f"{name}: unknown rule id {rid!r} (GET /v1/rules lists them)")
            out.append(rid)
        return out

    def by_category(name):
        cats = {_CAT_OF_ID[c.upper()] for c in _ids(params, name) if c.upper() in _CAT_OF_ID}
        return [r.id for r in rules.values() if r.category in cats]

    enabled, disabled = ours("enabledRules") + by_category("enabledCategories"), \
        ours("disabledRules") + by_category("disabledCategories")
    if _flag(params, "enabledOnly"):
        if not _ids(params, "enabledRules") and not _ids(params, "enabledCategories"):
            raise RequestError(400, "enabledOnly=true needs enabledRules or enabledCategories")
        return enabled, disabled
    if enabled:
        return list(checker.config.select) + enabled, disabled
    return None, disabled


def check(checker, params: dict) -> dict:
    """The answer to /v2/check, as LanguageTool shapes it."""
    text, data = params.get("text"), params.get("data")
    if text is None and data is None:
        raise RequestError(400, "missing 'text' or 'data' parameter")
    if text is not None and data is not None:
        raise RequestError(400, "give 'text' or 'data', not both")
    lang, asked = parse_language(params.get("language"))
    level = (params.get("level") or "default").strip().lower()
    if level not in ("default", "picky"):
        raise RequestError(400, f"level must be default or picky, not {params.get('level')!r}")
    select, ignore = selection(checker, params)
    fmt = params.get("format") or None
    if data is not None:
        if fmt not in (None, "text"):
            raise RequestError(400, "format applies to 'text'; annotated 'data' marks its markup itself")
        source, view = annotated_view(data)
        rep = checker.check(source, lang=lang, published=params.get("published") or None, fmt="text", view=view,
                            select=select, ignore=ignore)
    else:
        source = text
        rep = checker.check(text, lang=lang, published=params.get("published") or None, fmt=fmt or "text",
                            select=select, ignore=ignore)
    source = rep.source  # newlines as checked (\r\n read as \n, as every format does)
    u16 = Utf16(source)
    matches = [match(checker, f, source, u16) for f in rep.findings if level == "picky" or f.severity != "info"]
    detected = rep.language or "en"
    code = asked or detected
    return {
        "software": {"name": "factcheck", "version": __version__, "buildDate": None, "apiVersion": 1,
                     "premium": False, "status": ""},
        "warnings": {"incompleteResults": bool(rep.errors)},
        "language": {"name": _NAMES[lang or detected], "code": code,
                     "detectedLanguage": {"name": _NAMES[detected], "code": detected, "confidence": 1.0 if lang is None else 0.99}},
        "matches": matches,
    }


def _fix_span(f, source: str):
    """(start, end, replacement) covering the finding and its fix's edits, in source code points."""
    if f.fix is None:
        return f.start, f.end, None
    s = min([f.start] + [e.start for e in f.fix.edits])
    e = max([f.end] + [e.end for e in f.fix.edits])
    out, pos = [], s
    for ed in sorted(f.fix.edits, key=lambda x: (x.start, x.end)):
        out.append(source[pos:ed.start])
        out.append(ed.replacement)
        pos = ed.end
    out.append(source[pos:e])
    return s, e, "".join(out)


def _sentence(source: str, start: int, end: int) -> str:
    a = 0
    for m in _SENTENCE_END.finditer(source, 0, start):
        a = m.end()
    m = _SENTENCE_END.search(source, max(end, a))
    b = m.end() if m else len(source)
    return source[a:b].strip()


def match(checker, f, source: str, u16: Utf16) -> dict:
    s, e, value = _fix_span(f, source)
    rule = checker.rules.get(f.rule)
    cat_id, cat_name, issue = CATEGORIES.get(f.category, (f.category.upper(), f.category, "uncategorized"))
    a, b = max(0, s - CONTEXT), min(len(source), e + CONTEXT)
    pre, post = ("..." if a > 0 else ""), ("..." if b < len(source) else "")
    ctx = (pre + source[a:b] + post).replace("\n", " ").replace("\r", " ")  # a CR is a line break too (QA D16)
    c16 = Utf16(ctx)
    c_start = c16.units(len(pre) + s - a)
    description = (rule.description.split("\n")[0] if rule else f.rule)
    return {
        "message": f.message,
        "shortMessage": cat_name,
        "replacements": [{"value": value}] if value is not None else [],
        "offset": u16.units(s),
        "length": u16.units(e) - u16.units(s),
        "context": {"text": ctx, "offset": c_start, "length": c16.units(len(pre) + e - a) - c_start},
        "sentence": _sentence(source, s, e),
        "type": {"typeName": "Hint" if f.severity == "info" else "Other"},
        "rule": {"id": f.rule, "description": description, "issueType": issue,
                 "category": {"id": cat_id, "name": cat_name}},
        "ignoreForIncompleteSentence": False,
        "contextForSureMatch": 0,
        "factcheck": {"severity": f.severity, "category": f.category,
                      "fix": f.fix.applicability if f.fix is not None else None},
    }
