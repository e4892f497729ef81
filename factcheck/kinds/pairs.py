"""`pairs`: quotes and brackets that open and never close, or close and never opened.

Scope is the paragraph: a line of copy, continued on the next line when the
line stops mid-sentence (hard-wrapped copy).  A quotation that runs over
several paragraphs may leave each one open when the next paragraph opens with
the same mark (the news convention).
"""

from __future__ import annotations

import regex

from factcheck.model import Hit
from factcheck.rules import Opt

OPTIONS = {
    "pairs": Opt("list[str]", [], doc="two-character strings: opener then closer, e.g. '«»', '()'"),
    "symmetric": Opt("list[str]", [], doc="characters that both open and close, e.g. '\"'"),
    "report_unopened": Opt("bool", True, doc="also report a closer that was never opened"),
    "unopened_message": Opt("str", None, doc="message for a closer never opened ({char}, {expected})"),
    "continuation": Opt("bool", True, doc="a quote may stay open when the next paragraph reopens it"),
}

_SENTENCE_END = regex.compile(r"[.!?؟:»\"”)\]…]\s*$")
_LIST_MARKER = regex.compile(r"^\s*(?:\d{1,3}|[A-Za-z]|[\p{Arabic}])\)")
_SMILEY = regex.compile(r"[:;]-?[()]")


def validate(options, loc, lang):
    for i, p in enumerate(options["pairs"]):
        if len(p) != 2 or p[0] == p[1]:
            raise loc.error(("pairs", i), f"a pair is two different characters, not {p!r}")
    for i, s in enumerate(options["symmetric"]):
        if len(s) != 1:
            raise loc.error(("symmetric", i), f"a symmetric mark is one character, not {s!r}")
    if not options["pairs"] and not options["symmetric"]:
        raise loc.error((), "give 'pairs' or 'symmetric'")


def build(rule):
    o = rule.options
    openers = {p[0]: p[1] for p in o["pairs"]}
    closers = {p[1]: p[0] for p in o["pairs"]}
    sym = set(o["symmetric"])
    quotes_like = set(sym) | {c for c in openers if c in "«“‘„‹\"'"}
    interesting = regex.compile("[" + regex.escape("".join(set(openers) | set(closers) | sym)) + "]")
    unopened_msg = o["unopened_message"]

    def paragraphs(doc):
        text = doc.text
        cur = None
        for s, e in doc.lines:
            line = text[s:e]
            if not line.strip():
                if cur:
                    yield cur
                cur = None
                continue
            cur = (cur[0], e) if cur else (s, e)
            if _SENTENCE_END.search(line) or len(line) < 40:
                yield cur
                cur = None
        if cur:
            yield cur

    def check(doc):
        text = doc.text
        paras = list(paragraphs(doc))
        for pi, (ps, pe) in enumerate(paras):
            stack: list[tuple[str, int]] = []
            for m in interesting.finditer(text, ps, pe):
                ch, pos = m.group(), m.start()
                if ch in sym:
                    if stack and stack[-1][0] == ch:
                        stack.pop()
                    else:
                        stack.append((ch, pos))
                elif ch in openers:
                    stack.append((ch, pos))
                else:  # closer
                    want = closers[ch]
                    if any(c == want for c, _ in stack):
                        while stack:
                            c, p = stack.pop()
                            if c == want:
                                break
                            yield _unclosed(c, p, openers.get(c, c))
                    elif o["report_unopened"] and not _excused_closer(text, pos):
                        args = {"char": ch, "expected": want}
                        msg = unopened_msg.format(**args) if unopened_msg else None
                        yield Hit(pos, pos + 1, args, None, msg)
            if stack and o["continuation"] and pi + 1 < len(paras):
                nxt = text[paras[pi + 1][0]:paras[pi + 1][1]].lstrip()
                stack = [(c, p) for c, p in stack if not (c in quotes_like and nxt.startswith(c))]
            for c, p in stack:
                yield _unclosed(c, p, openers.get(c, c))

    return check


def _unclosed(c, p, expected):
    return Hit(p, p + 1, {"char": c, "expected": expected})


def _excused_closer(text: str, pos: int) -> bool:
    ls = text.rfind("\n", 0, pos) + 1
    if _LIST_MARKER.match(text, ls, pos + 1) and _LIST_MARKER.match(text, ls).end() == pos + 1:
        return True
    return pos > 0 and bool(_SMILEY.match(text, pos - 1 if text[pos - 1] in ":;" else max(pos - 2, 0), pos + 1))
