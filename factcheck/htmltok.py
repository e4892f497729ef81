"""An HTML tokenizer that reports exact source positions, in linear time.

It follows the tokenization stage of the WHATWG HTML standard for what a checker of
article text needs to get right: where markup starts and ends, so that a comment, a
script or an attribute value is never read as text and a ``<article>`` inside one of
them is never taken for the article:

* tags: ``<name`` then attributes (double-quoted, single-quoted or unquoted values,
  ``>`` inside a quoted value is part of it), up to ``>``; a tag cut off by the end of
  the file is dropped with everything after it, as a browser drops it;
* ``</name ...>`` end tags; ``</>`` is ignored; ``</`` followed by anything else, ``<?``
  and ``<!`` other than a comment start a bogus comment that ends at the next ``>``;
* comments: ``<!--`` up to ``-->`` or ``--!>``; ``<!-->`` and ``<!--->`` are empty
  comments; a comment that never ends runs to the end of the file;
* raw text: the content of ``script``, ``style``, ``xmp``, ``iframe``, ``noembed``,
  ``noframes`` (and ``plaintext``, to the end) is text up to ``</name`` followed by a
  space, ``/`` or ``>``; ``title`` and ``textarea`` likewise, with character
  references (RCDATA).  Script data's "double escaped" state (a ``</script>`` inside
  ``<!--<script>`` … in a script) is not modelled: such a script ends at its first
  ``</script>``;
* character references: numeric (``&#1234;``, ``&#x4D2;``, the semicolon optional) and
  named (the longest name of the standard's table, ``&amp``-style legacy names without
  their semicolon too; in attribute values not when followed by ``=`` or a letter or
  digit), decoded as the standard says (``&#0;``, surrogates and values past U+10FFFF
  become U+FFFD, ``&#128;``-``&#159;`` are read as windows-1252).

Every token carries its [start, end) in the source, and the tokens tile the source:
each character belongs to exactly one token (text, tag, comment, or ignored markup).
Each step consumes what it scans, and every search for a terminator is remembered, so
the whole pass is linear in the length of the source whatever the markup looks like.

Not done here: tree construction (implied end tags, foster parenting) and foreign
content (SVG/MathML CDATA); the article reader does not need them.
"""

from __future__ import annotations

import re
from html.entities import html5 as _ENTITIES

TEXT, START, END, COMMENT, OTHER = "text", "start", "end", "comment", "other"
# raw text elements (content is text up to the end tag); RCDATA elements decode references
RAW = frozenset({"script", "style", "xmp", "iframe", "noembed", "noframes"})
RCDATA = frozenset({"title", "textarea"})

_SPACE_RUN = re.compile(r"[\t\n\f\r ]*")
_TAG_NAME = re.compile(r"[^\t\n\f\r />]*")
_ATTR_NAME = re.compile(r"[^\t\n\f\r />][^\t\n\f\r />=]*")
_UNQUOTED = re.compile(r"[^\t\n\f\r >]*")
_ALPHA = re.compile(r"[A-Za-z]")
_NAMED = re.compile(r"[A-Za-z0-9]{1,32}")
_DEC = re.compile(r"[0-9]+")
_HEX = re.compile(r"[0-9A-Fa-f]+")
_LONGEST_ENTITY = max(len(k) for k in _ENTITIES)

# numeric references to C1 controls: what the standard reads them as (windows-1252)
_C1 = {
    0x80: "\u20ac", 0x82: "\u201a", 0x83: "\u0192", 0x84: "\u201e", 0x85: "\u2026", 0x86: "\u2020",
    0x87: "\u2021", 0x88: "\u02c6", 0x89: "\u2030", 0x8A: "\u0160", 0x8B: "\u2039", 0x8C: "\u0152",
    0x8E: "\u017d", 0x91: "\u2018", 0x92: "\u2019", 0x93: "\u201c", 0x94: "\u201d", 0x95: "\u2022",
    0x96: "\u2013", 0x97: "\u2014", 0x98: "\u02dc", 0x99: "\u2122", 0x9A: "\u0161", 0x9B: "\u203a",
    0x9C: "\u0153", 0x9E: "\u017e", 0x9F: "\u0178",
}


class Token:
    __slots__ = ("kind", "start", "end", "name", "attrs", "self_closing")

    def __init__(self, kind, start, end, name="", attrs=None, self_closing=False):
        self.kind = kind
        self.start = start
        self.end = end
        self.name = name  # lower-case tag name (START/END), "" otherwise
        self.attrs = attrs if attrs is not None else []  # START: [(name, value, vstart, vend)]
        self.self_closing = self_closing

    def attr(self, name: str, default=None):
        """The first attribute of that (lower-case) name, decoded; as a browser keeps it."""
        for n, v, _, _ in self.attrs:
            if n == name:
                return v
        return default

    def __repr__(self):
        return f"Token({self.kind}, {self.start}, {self.end}, {self.name!r})"


class _Finder:
    """text.find(sub, pos) that remembers its last answer, so that searching again and
    again for a terminator that is far away (or absent) costs one scan in all."""

    __slots__ = ("text", "sub", "at", "found")

    def __init__(self, text: str, sub: str):
        self.text, self.sub, self.at, self.found = text, sub, -1, -1

    def find(self, pos: int) -> int:
        if self.at != -1 and self.at <= pos and (self.found == -1 or self.found >= pos):
            return self.found
        self.at = pos
        self.found = self.text.find(self.sub, pos)
        return self.found


def tokenize(text: str):
    """Yield the tokens of `text` in order; they tile it exactly."""
    n = len(text)
    pos = 0
    gt = _Finder(text, ">")
    com_end = _Finder(text, "-->")
    com_bang = _Finder(text, "--!>")
    lt = _Finder(text, "<")
    raw_ends: dict[str, re.Pattern] = {}
    raw_found: dict[str, tuple[int, int]] = {}
    text_start = 0
    while pos < n:
        i = lt.find(pos)
        if i == -1:
            break
        tok = None
        nxt = text[i + 1] if i + 1 < n else ""
        if nxt and _ALPHA.match(nxt):
            tok = _tag(text, i, i + 1, START)
        elif nxt == "/":
            after = text[i + 2] if i + 2 < n else ""
            if after and _ALPHA.match(after):
                tok = _tag(text, i, i + 2, END)
            elif after == ">":
                tok = Token(OTHER, i, i + 3)  # </> : ignored
            elif after:
                j = gt.find(i + 2)
                tok = Token(COMMENT, i, n if j == -1 else j + 1)  # bogus comment
        elif nxt == "!":
            if text.startswith("<!--", i):
                tok = _comment(text, i, com_end, com_bang)
            else:
                j = gt.find(i + 2)
                tok = Token(COMMENT, i, n if j == -1 else j + 1)  # doctype, CDATA, bogus
        elif nxt == "?":
            j = gt.find(i + 2)
            tok = Token(COMMENT, i, n if j == -1 else j + 1)
        if tok is None:  # a '<' that starts nothing: text
            pos = i + 1
            continue
        if i > text_start:
            yield Token(TEXT, text_start, i)
        yield tok
        pos = text_start = tok.end
        if tok.kind == START and not tok.self_closing and (tok.name in RAW or tok.name in RCDATA
                                                           or tok.name == "plaintext"):
            name = tok.name
            if name == "plaintext":
                stop = n
            else:
                found = raw_found.get(name)
                if found is None or not found[0] <= pos <= found[1]:  # remembered: no rescans
                    rx = raw_ends.get(name)
                    if rx is None:
                        rx = raw_ends[name] = re.compile(r"</" + name + r"[\t\n\f\r />]", re.I)
                    m = rx.search(text, pos)
                    found = raw_found[name] = (pos, m.start() if m else n)
                stop = found[1]
            if stop > pos:
                yield Token(TEXT, pos, stop, name=name)  # name: the raw text element's
            pos = text_start = stop
            if stop < n:
                tok = _tag(text, stop, stop + 2, END)
                yield tok
                pos = text_start = tok.end
    if text_start < n:
        yield Token(TEXT, text_start, n)


def _comment(text: str, i: int, com_end: _Finder, com_bang: _Finder) -> Token:
    n = len(text)
    j = i + 4
    if text.startswith(">", j):
        return Token(COMMENT, i, j + 1)  # <!-->
    if text.startswith("->", j):
        return Token(COMMENT, i, j + 2)  # <!--->
    a = com_end.find(j)
    b = com_bang.find(j)
    ends = [x + k for x, k in ((a, 3), (b, 4)) if x != -1]
    return Token(COMMENT, i, min(ends) if ends else n)


def _tag(text: str, start: int, name_at: int, kind: str) -> Token:
    """A start or end tag from `start` ('<'); OTHER to the end of the file when the file
    ends inside it (the tag is dropped)."""
    n = len(text)
    m = _TAG_NAME.match(text, name_at)
    name = m.group().lower()
    i = m.end()
    attrs = []
    self_closing = False
    while True:
        i = _SPACE_RUN.match(text, i).end()
        if i >= n:
            return Token(OTHER, start, n)
        c = text[i]
        if c == ">":
            return Token(kind, start, i + 1, name, attrs if kind == START else [], self_closing)
        if c == "/":
            i += 1
            if i < n and text[i] == ">":
                self_closing = True
            continue
        self_closing = False
        m = _ATTR_NAME.match(text, i)
        aname = m.group().lower()
        i = _SPACE_RUN.match(text, m.end()).end()
        if i < n and text[i] == "=":
            i = _SPACE_RUN.match(text, i + 1).end()
            if i >= n:
                return Token(OTHER, start, n)
            q = text[i]
            if q == '"' or q == "'":
                j = text.find(q, i + 1)
                if j == -1:
                    return Token(OTHER, start, n)
                vs, ve, i = i + 1, j, j + 1
            elif q == ">":
                vs = ve = i  # missing value
            else:
                m = _UNQUOTED.match(text, i)
                vs, ve, i = i, m.end(), m.end()
            attrs.append((aname, decode_refs(text, vs, ve, attribute=True), vs, ve))
        else:
            attrs.append((aname, "", i, i))


# ---------------------------------------------------------------- character references

def char_ref(text: str, i: int, end: int, attribute: bool = False):
    """(replacement, end of the reference) for a character reference at text[i] == '&',
    or None when the '&' is just an ampersand.  The replacement is what the standard
    gives, which may be a control character."""
    j = i + 1
    if j < end and text[j] == "#":
        j += 1
        hexa = j < end and text[j] in "xX"
        if hexa:
            j += 1
        m = (_HEX if hexa else _DEC).match(text, j, end)
        if not m:
            return None
        digits = m.group().lstrip("0")
        k = m.end()
        if k < end and text[k] == ";":
            k += 1
        if len(digits) > 8:
            return "\ufffd", k
        code = int(digits or "0", 16 if hexa else 10)
        if code == 0 or code > 0x10FFFF or 0xD800 <= code <= 0xDFFF:
            return "\ufffd", k
        return _C1.get(code, chr(code)), k
    m = _NAMED.match(text, j, end)
    if not m:
        return None
    run = m.group()
    k = m.end()
    if k < end and text[k] == ";" and run + ";" in _ENTITIES:
        return _ENTITIES[run + ";"], k + 1
    for length in range(min(len(run), _LONGEST_ENTITY), 0, -1):  # longest legacy name
        name = run[:length]
        if name in _ENTITIES:
            after = text[j + length] if j + length < end else ""
            if attribute and (after == "=" or (after.isascii() and after.isalnum())):
                return None
            return _ENTITIES[name], j + length
    return None


def decode_refs(text: str, start: int, end: int, attribute: bool = False) -> str:
    """text[start:end] with its character references decoded."""
    out = []
    pos = start
    i = text.find("&", pos, end)
    while i != -1:
        r = char_ref(text, i, end, attribute)
        if r is None:
            i = text.find("&", i + 1, end)
            continue
        out.append(text[pos:i])
        out.append(r[0])
        pos = r[1]
        i = text.find("&", pos, end)
    out.append(text[pos:end])
    return "".join(out)
