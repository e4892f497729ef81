"""`pairs`: quotes and brackets that open and never close, or close and never opened.

Scope is the paragraph: a line of copy, continued on the next line when the
line stops mid-sentence (hard-wrapped copy).  A quotation may run on into the
next paragraph when that paragraph reopens it (the news convention) or closes
it; brackets never run on.  Marks that serve as both opener and closer (the
straight quote ", or “ and ” where right-to-left typing swaps them) are read by
their context: after a space and before a word they open, after a word they
close.
"""

from __future__ import annotations

from collections import deque

import regex

from factcheck import rxcache
from factcheck.messages import render
from factcheck.model import Edit, Fix, Hit
from factcheck.rules import Opt
from factcheck.lazyrx import bind as _bind_lazy, regex_

OPTIONS = {
    "pairs": Opt("list[str]", [], doc="two-character strings: opener then closer, e.g. '«»', '()'"),
    "symmetric": Opt("list[str]", [], doc="marks that both open and close; a string of several marks "
                                          "makes them interchangeable (e.g. '“”' in Arabic copy)"),
    "report_unopened": Opt("bool", True, doc="also report a closer that was never opened"),
    "unopened_message": Opt("str", None, doc="message for a closer never opened ({char}, {expected})"),
    "continuation": Opt("bool", True, doc="a quotation may run on into the next paragraph"),
    "aliases": Opt("dict", {}, doc="multi-character marks read as one: {\"’’\": \"”\", \"``\": \"“\"}"),
    "reversed_message": Opt("str", None, doc="a closer standing where a quotation opens (after a space or "
                                              "«و», before a word: «و»عذيب»»), read as a reversed opener and "
                                              "reported with this message and a fix; none: not read so"),
    "unreopened_closes": Opt("bool", True, doc="a closing mark in the next paragraph closes a quotation carried "
                                             "into it that the paragraph did not reopen; false: the carried one "
                                             "is reported as never closed and the closer as never opened (the "
                                             "convention reopens a quotation at each paragraph it runs into)"),
    "opener_by_shape": Opt("bool", False, doc="a symmetric mark with a space before it and a letter or digit "
                                               "after it, met while one of its group is open, opens a new quotation "
                                               "and the open one is reported as never closed (English: «as “trigger”»); "
                                               "off where copy glues a closing mark to the next word («\"منفتحة \"حول»)"),
    "reversed_applicability": Opt("str", "safe", choices=("safe", "unsafe"),
                                  doc="the fix of a reversed opener: it turns the mark round and nothing else"),
}

_SENTENCE_END = regex_(r"[.!?؟:»\"”)\]…]\s*$")
_LIST_MARKER = regex_(r"(?:^|(?<=[\s.،,:;؛]))(?:\d{1,3}|[A-Za-z]|\p{Arabic})\)(?=\s)")
_SMILEY = regex_(r"[:;]-?[()]")


def validate(options, loc, lang):
    for i, p in enumerate(options["pairs"]):
        if len(p) != 2 or p[0] == p[1]:
            raise loc.error(("pairs", i), f"a pair is two different characters, not {p!r}")
    for i, s in enumerate(options["symmetric"]):
        if not s:
            raise loc.error(("symmetric", i), "an empty symmetric mark")
    for k, v in options["aliases"].items():
        if not isinstance(k, str) or not isinstance(v, str) or len(k) < 2 or len(v) != 1:
            raise loc.error(("aliases", k), "an alias maps a mark of two or more characters to one character")
    if not options["pairs"] and not options["symmetric"]:
        raise loc.error((), "give 'pairs' or 'symmetric'")


def _paragraphs(doc):
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


def build(rule):
    o = rule.options
    openers = {p[0]: p[1] for p in o["pairs"]}
    closers = {p[1]: p[0] for p in o["pairs"]}
    group = {}  # symmetric mark -> its group key
    for s in o["symmetric"]:
        for ch in s:
            group[ch] = s
    quotes = {c for c in openers if not c.isascii() or c in "\"'"} | set(group)
    aliases = dict(o["aliases"])
    alts = sorted(aliases, key=len, reverse=True)
    interesting = rxcache.compile("|".join([regex.escape(a) for a in alts] + [
        "[" + regex.escape("".join(sorted(set(openers) | set(closers) | set(group)))) + "]"]), 0, "rules")
    unopened_msg = o["unopened_message"]
    report_unopened = o["report_unopened"]
    reversed_msg = o["reversed_message"]
    reversed_app = o["reversed_applicability"]
    by_shape = o["opener_by_shape"]

    def key(c):
        return group.get(c, c)

    def check(doc):
        text = doc.text
        carried: list[tuple[str, int, int]] = []  # quotes left open by the previous paragraph
        paras = doc.cache.get("pairs.paragraphs")
        if paras is None:  # the same for every pairs rule: once a document
            paras = doc.cache["pairs.paragraphs"] = list(_paragraphs(doc))
        for pi, (ps, pe) in enumerate(paras):
            if not carried and interesting.search(text, ps, pe) is None:
                continue  # nothing carried in, no mark here: nothing to report or carry (most paragraphs)
            body = text[ps:pe].lstrip()
            if carried and o["continuation"]:
                # the paragraph reopens the quotation: the convention; drop the carried mark
                reopened = {key(c) for c, _, _ in carried if body[:1] and key(aliases.get(body[:2], body[0])) == key(c)}
                carried = [x for x in carried if key(x[0]) not in reopened]
            # carried marks by key and by character, in order (closed ones are marked, not
            # removed): finding the one a closer closes costs the same however many there are
            by_key: dict[str, deque] = {}
            by_char: dict[str, deque] = {}
            if carried and not o["unreopened_closes"]:
                for c, p, e in carried:  # not reopened here: it ended where it was left open
                    yield _unclosed(c, p, e, openers.get(c, c))
                carried = []
            for i, x in enumerate(carried):
                by_key.setdefault(key(x[0]), deque()).append(i)
                by_char.setdefault(x[0], deque()).append(i)
            closed: set[int] = set()

            def take(index: dict, k) -> bool:
                q = index.get(k)
                while q:
                    i = q.popleft()
                    if i not in closed:
                        closed.add(i)
                        return True
                return False

            stack: list[tuple[str, int, int]] = []
            in_stack: dict[str, int] = {}  # how many of each opener the stack holds

            def push(item):
                stack.append(item)
                in_stack[item[0]] = in_stack.get(item[0], 0) + 1

            def pop():
                item = stack.pop()
                in_stack[item[0]] -= 1
                return item

            for m in interesting.finditer(text, ps, pe):
                ch, pos = m.group(), m.start()
                ch = aliases.get(ch, ch)
                if ch in group:
                    k = group[ch]
                    opens, closes = _opens(text, pos), _closes(text, m.end() - 1)
                    if stack and key(stack[-1][0]) == k:
                        if opens and not closes and _after_sentence(text, pos):
                            pop()
                            push((ch, pos, m.end()))  # a new paragraph glued onto this line reopens it
                        elif by_shape and opens and not closes and text[pos + 1:pos + 2].isalnum():
                            # a mark that can only open (a space before, a letter or digit after:
                            # «as “trigger”») while one is open: that one was never closed, this
                            # one opens anew (a mark before a comma, «المنطقة “،», still closes)
                            c, p, e = pop()
                            yield _unclosed(c, p, e, openers.get(c, c))
                            push((ch, pos, m.end()))
                        else:
                            pop()
                    elif closes and not opens:
                        # a closer: of a quotation carried from the paragraph before?
                        if not take(by_key, k) and report_unopened and not _inches(text, pos):
                            yield _unopened(ch, pos, ch, unopened_msg, m.end())
                    else:
                        push((ch, pos, m.end()))
                elif ch in openers:
                    push((ch, pos, m.end()))
                else:  # an asymmetric closer
                    want = closers[ch]
                    if reversed_msg and not in_stack.get(want) and _reversed_opener(text, pos):
                        # «و»عذيب»»: the mark turned round where a quotation opens (a CMS habit)
                        push((want, pos, m.end()))
                        yield Hit(pos, m.end(), {"char": ch, "expected": want}, Fix(reversed_app, (Edit(pos, m.end(), want),)),
                                  render(reversed_msg, {"char": ch, "expected": want}))
                        continue
                    if in_stack.get(want):
                        while stack:
                            c, p, e = pop()
                            if c == want:
                                break
                            yield _unclosed(c, p, e, openers.get(c, c))
                    elif not take(by_char, want) and report_unopened and not _excused_closer(text, pos):
                        yield _unopened(ch, pos, want, unopened_msg, m.end())
            for i, (c, p, e) in enumerate(carried):  # neither reopened nor closed here
                if i not in closed:
                    yield _unclosed(c, p, e, openers.get(c, c))
            carried = []
            last = pi + 1 == len(paras)
            for c, p, e in stack:
                if c in quotes and o["continuation"] and not last:
                    carried.append((c, p, e))
                else:
                    yield _unclosed(c, p, e, openers.get(c, c))

    return check


def _opens(text: str, pos: int) -> bool:
    """A symmetric mark at pos reads as an opener: start or space/bracket before, a word after."""
    before = text[pos - 1] if pos > 0 else " "
    after = text[pos + 1] if pos + 1 < len(text) else " "
    return (before.isspace() or before in "([{«/-—–:") and not after.isspace()


def _closes(text: str, pos: int) -> bool:
    before = text[pos - 1] if pos > 0 else " "
    after = text[pos + 1] if pos + 1 < len(text) else " "
    return not before.isspace() and (after.isspace() or not after.isalnum())


def _after_sentence(text: str, pos: int) -> bool:
    j = pos - 1
    while j >= 0 and text[j] in " \t":
        j -= 1
    return j < 0 or text[j] in ".!?؟…"


def _reversed_opener(text: str, pos: int) -> bool:
    """A closing mark where a quotation opens: at the start or after a space, a bracket, a colon
    or a glued «و»/«ف» that follow a space, and before a letter."""
    after = text[pos + 1] if pos + 1 < len(text) else " "
    if not after.isalpha():
        return False
    j = pos - 1
    if j >= 0 and text[j] in "وف" and (j == 0 or text[j - 1].isspace()):
        return True
    if j >= 1 and text[j] == "\u0640" and text[j - 1] in "لبك":
        return True  # «لـ»المدينة»»: after a preposition written with a tatweel
    return j < 0 or text[j].isspace() or text[j] in "([:"


def _inches(text: str, pos: int) -> bool:
    return pos > 0 and text[pos - 1].isdigit()


def _unclosed(c, p, e, expected):
    return Hit(p, e, {"char": c, "expected": expected})


def _unopened(ch, pos, want, msg, end=None):
    args = {"char": ch, "expected": want}
    return Hit(pos, end or pos + 1, args, None, render(msg, args) if msg else None)


def _excused_closer(text: str, pos: int) -> bool:
    if pos > 0 and text[pos - 1].isdigit() and text[pos] == "”":
        return True  # 5’10” (inches)
    for m in _LIST_MARKER.finditer(text, max(0, pos - 4), pos + 2):
        if m.end() == pos + 1:
            return True
    return pos > 0 and text[pos - 1] in ":;" and bool(_SMILEY.match(text, pos - 1))


_bind_lazy(globals())  # the module's expressions compile when first used (factcheck.lazyrx)
