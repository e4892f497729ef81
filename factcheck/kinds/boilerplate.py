"""`boilerplate`: CMS residue left in the copy: comment forms, share and "read more"
blocks, newsletter prompts.  A phrase counts only when it makes up (nearly) a
whole line, so the same words inside a sentence of reporting stay silent."""

from __future__ import annotations

import regex

from factcheck.langs import fold
from factcheck.model import Edit, Fix, Hit
from factcheck.rules import Opt

OPTIONS = {
    "phrases": Opt("list[str]", required=True, doc="phrases matched folded and case-insensitively at a line start"),
    "max_extra_words": Opt("int", 3, doc="words the line may have beyond the phrase"),
    "applicability": Opt("str", "unsafe", choices=("safe", "unsafe")),
}

# the spaces, punctuation and symbols at a line's two ends (anchored at each end: one
# expression with "$" tried its alternative at every character of the line)
_EDGE_HEAD = regex.compile(r"[\s\p{P}\p{S}]+")
_EDGE_TAIL = regex.compile(r"[\s\p{P}\p{S}]+", regex.REVERSE)  # .match anchors at the end


def _core(line: str) -> str:
    """The line without the spaces, punctuation and symbols at its ends."""
    h = _EDGE_HEAD.match(line)
    if h is not None:
        if h.end() == len(line):
            return ""
        line = line[h.end():]
    t = _EDGE_TAIL.match(line)
    return line if t is None else line[:t.start()]


def validate(options, loc, lang):
    if not options["phrases"]:
        raise loc.error(("phrases",), "'phrases' must list at least one phrase")


def build(rule):
    o = rule.options
    phrases = sorted({" ".join(fold(p).lower().split()) for p in o["phrases"]}, key=len, reverse=True)
    extra = o["max_extra_words"]
    app = o["applicability"]

    starts = tuple(phrases)

    def check(doc):
        text = doc.text
        for s, e, core, norm in _short_lines(doc):
            if not norm.startswith(starts):  # no phrase at all (one C call): most lines
                continue
            line = text[s:e]
            for p in phrases:
                if norm.startswith(p) and (len(norm) == len(p) or not norm[len(p)].isalnum()):
                    if len(norm[len(p):].split()) <= extra:
                        cs = s + line.index(core[0]) if core else s
                        ce = cs + len(core)
                        del_start, del_end = s, (e + 1 if e < len(text) else e)
                        if s >= 2 and text[s - 2:s] == "\n\n":
                            # a paragraph of its own: a blank line goes with it, so none is doubled
                            if del_end < len(text) and text[del_end] == "\n":
                                del_end += 1
                            elif del_end == len(text):
                                del_start -= 1
                        yield Hit(cs, ce, {"phrase": core}, Fix(app, (Edit(del_start, del_end, ""),)))
                    break

    return check


def _short_lines(doc):
    """(start, end, core, normalized) of each short line, computed once per document."""
    out = doc.cache.get("boilerplate.lines")
    if out is None:
        out = []
        text = doc.text
        for s, e in doc.lines:
            if e - s > 200 or e == s:
                continue
            line = text[s:e]
            core = _core(line)
            if core:
                out.append((s, e, core, " ".join(fold(core).lower().split())))
        doc.cache["boilerplate.lines"] = out
    return out
