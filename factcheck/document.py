"""Reading articles: text, Markdown with front matter, HTML; offset maps; metadata."""

from __future__ import annotations

import datetime as _dt
import json
import re
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from factcheck.langs import detect_language, fold_view
from factcheck.textview import View, ViewBuilder, line_starts
from factcheck.yamlio import SourceError, load_located
from factcheck.lazyrx import bind as _bind_lazy, re_

from factcheck.inputs import ARTICLE_SUFFIXES, MAX_BYTES, InputError, read_file  # noqa: F401 (re-exported)


@dataclass
class Suppression:
    action: str  # "disable" | "ignore-next-line"
    rules: tuple[str, ...]  # globs; empty: every rule
    start: int  # source range the suppression covers
    end: int
    comment_start: int
    comment_end: int
    used: bool = False


@dataclass
class Document:
    path: str
    source: str  # the text as Python reads the file with encoding="utf-8"
    fmt: str  # "text" | "markdown" | "html"
    view: View  # the checkable text, mapped to `source`
    lang: str = "en"
    published: _dt.date | None = None
    published_source: str = "none"
    title: str | None = None
    meta: dict = field(default_factory=dict)
    suppressions: list[Suppression] = field(default_factory=list)
    analysis_model: str | None = None  # user-configured analysis model path
    cache: dict = field(default_factory=dict)  # per-document results kinds share (keyed by kind)
    # the text as stored when it holds a CR (CRLF or CR line breaks; `source` reads them as
    # LF): reports move their offsets to it at the edge (factcheck.fixes.report_to_raw)
    raw_source: str | None = None

    @property
    def text(self) -> str:
        return self.view.text

    @cached_property
    def folded(self) -> View:
        """Folded view over `text` (see langs.fold_view)."""
        return fold_view(self.view.text)

    @cached_property
    def words(self) -> list[tuple[int, int, str]]:
        """(start, end, key) of each word of `text`; key is lower-case without diacritics.
        Shares one tokenization with the lexicon's tokens (see lexicon.doc_words)."""
        from factcheck.lexicon import doc_words

        return doc_words(self)

    @cached_property
    def lines(self) -> list[tuple[int, int]]:
        """(start, end) of each line of `text`, end excluding the newline."""
        out = []
        t = self.view.text
        starts = line_starts(t)
        for i, s in enumerate(starts):
            e = starts[i + 1] - 1 if i + 1 < len(starts) else len(t)
            out.append((s, e))
        return out

    @cached_property
    def blocks(self) -> list[tuple[int, int]]:
        """Runs of non-blank lines (paragraph blocks) of `text`."""
        out = []
        cur = None
        t = self.view.text
        for s, e in self.lines:
            if t[s:e].strip():
                cur = (cur[0], e) if cur else (s, e)
            elif cur:
                out.append(cur)
                cur = None
        if cur:
            out.append(cur)
        return out

    @cached_property
    def source_line_starts(self) -> list[int]:
        return line_starts(self.source)


# ---------------------------------------------------------------- reading

def decode(data: bytes) -> str:
    """Decode like open(..., encoding='utf-8').read(): strict UTF-8, universal newlines."""
    if data[:2] in (b"\xff\xfe", b"\xfe\xff"):  # a Windows "Unicode" export
        raise InputError("not UTF-8: UTF-16 (it starts with a UTF-16 byte-order mark); save it as UTF-8")
    if b"\x00" in data[:8192]:
        raise InputError("binary file (contains NUL bytes), not an article")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as e:
        raise InputError(f"not UTF-8: invalid byte 0x{data[e.start]:02x} at offset {e.start}") from None
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return text


def read_bytes(path: Path) -> bytes:
    """The bytes of an article file, read with the size cap (see factcheck.inputs)."""
    return read_file(path)


def _bom(text: str) -> int:
    """1 when the text starts with a byte-order mark (kept in the source: offsets count it)."""
    return 1 if text.startswith("\ufeff") else 0


_FM_KEY = re_(r"[A-Za-z_][\w.-]*[ \t]*:(?:[ \t]|$)")
_FM_CLOSE = re_(r"^(?:---|\.\.\.)[ \t]*$", re.M)


def _looks_like_front_matter(text: str, start: int) -> bool:
    """A plain-text file (or standard input) that opens with "---" has front matter only when
    a closing "---" (or "...") follows within 200 lines and every line between is YAML of a
    mapping (`key: value`, indented continuations, comments, blank lines): wire copy that
    opens with a rule line is text, not metadata."""
    m = _FM_CLOSE.search(text, start, start + 20000)
    if m is None:
        return False
    lines = text[start:m.start()].split("\n")
    if len(lines) > 200:
        return False
    keys = 0
    for line in lines:
        if not line.strip() or line.lstrip().startswith("#") or line[:1] in " \t":
            continue
        if not _FM_KEY.match(line):
            return False
        keys += 1
    return keys > 0


def sniff_format(name: str, text: str) -> str:
    low = name.lower()
    if low.endswith((".md", ".markdown")):
        return "markdown"
    if low.endswith((".html", ".htm")):
        return "html"
    fm = text.startswith("---\n", _bom(text)) and _looks_like_front_matter(text, _bom(text) + 4)
    if low.endswith(".txt"):
        return "markdown" if fm else "text"
    head = text[:2000].lower()
    if fm:
        return "markdown"
    if "<html" in head or "<body" in head or "<article" in head or "<!doctype html" in head:
        return "html"
    return "text"


def parse_document(name: str, text: str, *, lang: str | None = None, published: _dt.date | None = None,
                   default_lang: str = "en", fmt: str | None = None, view: View | None = None) -> Document:
    """`fmt` forces the format (else sniffed from the name and text); `view` gives the
    checkable text ready-made (text with markup the caller already knows to skip)."""
    fmt = fmt or sniff_format(name, text)
    meta: dict = {}
    tokens = None
    if view is not None:
        pass
    elif fmt == "html":
        tokens = _html_tokens(text)
        view, meta = _html_view(text, tokens, skip_bom=True)
    elif fmt == "markdown":
        body_start, meta = _front_matter(name, text)
        view = _markdown_view(text, max(body_start, _bom(text)))
    elif _bom(text):
        b = ViewBuilder(text)
        b.copy(1, len(text))
        view = b.build()
    else:
        view = View.identity(text)
    doc = Document(path=name, source=text, fmt=fmt, view=view, meta=meta)
    doc.title = _as_str(meta.get("title"))
    doc.suppressions = _suppressions(text, tokens)
    # language: flag > metadata > script
    meta_lang = _as_str(meta.get("lang") or meta.get("language"))
    if lang:
        doc.lang = lang
    elif meta_lang and meta_lang.lower()[:2] in ("ar", "en"):
        doc.lang = meta_lang.lower()[:2]
    else:
        doc.lang = detect_language(view.text, default_lang)
    # publication date: flag > front matter / html meta > header
    if published is not None:
        doc.published, doc.published_source = published, "flag"
    else:
        raw = meta.get("published", meta.get("date"))
        if raw is not None:
            d = _to_date(raw)
            if d is None:
                shown = _short_repr(raw)
                raise InputError(f"front matter: cannot read a date from {shown} (write it YYYY-MM-DD)" if fmt != "html"
                                 else f"html metadata: cannot read a date from {shown}")
            doc.published = d
            doc.published_source = "html-meta" if fmt == "html" else "front-matter"
        else:
            from factcheck.header import header_date

            d = header_date(view.text, doc.lang)
            if d is not None:
                doc.published, doc.published_source = d, "header"
    return doc


def load_path(path: Path, display: str | None = None, **kw) -> Document:
    data = read_bytes(path)
    doc = parse_document(display or str(path), decode(data), **kw)
    doc.raw_source = raw_source(data)
    return doc


def raw_source(data: bytes) -> str | None:
    """The decoded text as stored when it holds a CR (see Document.raw_source), else None;
    `data` has passed decode()."""
    return data.decode("utf-8") if b"\r" in data else None


def _as_str(v) -> str | None:
    if v is None:
        return None
    return v if isinstance(v, str) else _short_repr(v, 200)


def _short_repr(v, limit: int = 60) -> str:
    """repr() for a message, cut short (a value from front matter may be a large tree)."""
    if isinstance(v, (list, dict)):
        v = type(v)(list(v)[:5]) if isinstance(v, list) else {k: v[k] for k in list(v)[:5]}
    r = repr(v)
    return r if len(r) <= limit else r[:limit] + "…"


def _to_date(v) -> _dt.date | None:
    if isinstance(v, _dt.datetime):
        return v.date()
    if isinstance(v, _dt.date):
        return v
    if isinstance(v, str):
        m = re.match(r"\s*(\d{4})-(\d{1,2})-(\d{1,2})", v)
        if m:
            try:
                return _dt.date(int(m[1]), int(m[2]), int(m[3]))
            except ValueError:
                return None
        return _written_date(v)
    return None


def _written_date(v: str) -> _dt.date | None:
    """A date written out in front matter or metadata: "March 14, 2025", "14 March 2025",
    «14 مارس 2025», with a weekday before it or a time after it ("Fri, 14 Mar 2025
    10:00:00 +0000", the form of RSS); a day and month in digits alone ("03/04/2025") is
    ambiguous and stays unread."""
    s = v.strip()
    if not s or len(s) > 80:
        return None
    from factcheck.header import written_date

    for lang in ("en", "ar"):
        found = written_date(s, lang)
        if found is None:
            continue
        d, pre, post = found
        pre = pre.strip(" ,،\t")
        if (pre and not (pre.isalpha() and len(pre) <= 12)) or (post and post[0] not in " ,،t"):
            continue  # a weekday before it, a time after it ("T" lower-cased): nothing else
        return d
    return None


# ---------------------------------------------------------------- front matter

_FM_END = re_(r"^(?:---|\.\.\.)[ \t]*$", re.M)


def _front_matter(name: str, text: str) -> tuple[int, dict]:
    at = _bom(text)  # front matter may follow a byte-order mark
    if not text.startswith("---\n", at):
        return 0, {}
    m = _FM_END.search(text, at + 4)
    if not m:
        raise InputError("front matter: opening '---' has no closing '---'")
    block = text[at + 4:m.start()]
    try:
        located = load_located(block, name)
    except SourceError as e:
        raise InputError(f"front matter: line {e.line + 1}: {e.message}") from None
    data = located.value
    if data is None:
        data = {}
    if not isinstance(data, dict):
        raise InputError("front matter: must be a mapping of keys to values")
    end = m.end()
    if end < len(text) and text[end] == "\n":
        end += 1
    return end, data


# ---------------------------------------------------------------- Markdown

# Every alternative either starts only at a line start or stops at the next character
# that could start another (link text and targets hold no brackets), within a bounded
# distance; an unclosed comment runs to the end (as in HTML): the scan stays linear.
_MD_SPAN = 1000  # longest link text, link target or code span recognised
# a link's target: "(url)", where the url may hold balanced parentheses, one deep, as
# CommonMark allows ("https://en.wikipedia.org/wiki/Mercury_(planet)"); the two branches
# begin with different characters, so the scan stays linear
_MD_DEST = r"\((?:[^()\n\[\]]|\([^()\n\[\]]{0,%(n)d}\)){0,%(n)d}\)" % {"n": _MD_SPAN}
_MD_TOKEN = re_(
    r"(?P<fence>^(?:```|~~~)[^\n]*\n.*?(?:^(?:```|~~~)[ \t]*$|\Z))"
    r"|(?P<comment><!--.*?(?:-->|\Z))"
    r"|(?P<code>`[^`\n]{1,%(n)d}`)"
    r"|(?P<fnref>\[\^[^\]\s]{1,100}\](?!:))"
    r"|(?P<refdef>^[ ]{0,3}\[[^\]\n]{1,%(n)d}\]:[^\n]*$)"
    r"|(?P<img>!\[(?P<alt>[^\]\n\[]{0,%(n)d})\]%(dest)s)"
    r"|(?P<link>\[(?P<ltext>[^\]\n\[]{1,%(n)d})\](?:%(dest)s|\[[^\]\n\[]{0,%(n)d}\]))"
    r"|(?P<autolink><https?://[^>\s<]{1,%(n)d}>)"
    r"|(?P<tag></?[A-Za-z][A-Za-z0-9-]{0,64}(?:\s[^<>]{0,%(n)d})?/?>)"
    r"|(?P<lead>^[ \t]*(?:#{1,6}[ \t]+|>[ \t]?|[-*+][ \t]+|\d{1,3}[.)][ \t]+)+)"
    r"|(?P<hr>^[ \t]*(?:[-*_][ \t]*){3,}$)"
    r"|(?P<emph>(?<![\\\w*_])(?:\*\*|__|\*|_)(?=[^\s*_])|(?<=[^\s\\*_])(?:\*\*|__|\*|_)(?![\w*_]))"
    r"|(?P<escape>\\[\\`*_{}\[\]()#+\-.!<>])" % {"n": _MD_SPAN, "dest": _MD_DEST},
    re.M | re.S,
)


def _markdown_view(text: str, body_start: int) -> View:
    b = ViewBuilder(text)
    pos = body_start
    for m in _MD_TOKEN.finditer(text, body_start):
        s, e = m.span()
        b.copy(pos, s)
        g = m.lastgroup
        if g == "img" or g == "link":
            inner = "alt" if g == "img" else "ltext"
            b.copy(m.start(inner), m.end(inner))
        elif g == "escape":
            b.copy(s + 1, e)
        elif g == "fence":
            b.put("\n", s, e)
        elif g == "code":
            # an object stands here: U+FFFC keeps the words either side apart as the span did
            # ("said `x` was" is no double space, "the `x` the" no repeated word)
            b.put("\ufffc", s, e)
        # comment, refdef, footnote reference ("[^1]"), autolink, tag, lead, hr, emph: dropped
        pos = e
    b.copy(pos, len(text))
    return b.build()


# ---------------------------------------------------------------- HTML

# the article's text is read from the token stream of factcheck.htmltok (a tokenizer
# that knows comments, scripts and quoted attributes, with exact source positions)
_SKIP = {"script", "style", "nav", "footer", "noscript", "template", "svg", "head", "iframe", "object"}
_BLOCK = {"p", "div", "br", "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul", "ol", "tr", "td", "th", "table",
          "blockquote", "section", "article", "main", "header", "figcaption", "figure", "hr", "aside",
          "dl", "dt", "dd", "pre", "title", "body", "address"}
_TEXT_PIECE = re_(r"(?P<ws>[ \t\r\n\f]+)|&")
# what a character reference may not put into the text: controls other than white space,
# and noncharacters (html.unescape drops them too)
_NOT_TEXT = re_("[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f\ufdd0-\ufdef\ufffe\uffff"
                       "\U0001fffe\U0001ffff\U0002fffe\U0002ffff\U0003fffe\U0003ffff\U0004fffe\U0004ffff"
                       "\U0005fffe\U0005ffff\U0006fffe\U0006ffff\U0007fffe\U0007ffff\U0008fffe\U0008ffff"
                       "\U0009fffe\U0009ffff\U000afffe\U000affff\U000bfffe\U000bffff\U000cfffe\U000cffff"
                       "\U000dfffe\U000dffff\U000efffe\U000effff\U000ffffe\U000fffff\U0010fffe\U0010ffff]")


def _html_region(tokens, n: int) -> tuple[int, int]:
    """Source range of the article text: inside the first <article>, else <main>, else
    <body>, else all.  Only real tags count: not one in a comment, a script, an attribute
    value; and not one inside what the view skips (<template>, <nav>, <footer> …)."""
    for name in ("article", "main", "body"):
        start = None
        depth = 0
        inert = 0  # inside what the view skips (<template>, <nav>, <footer>, <head> …): not the article
        for t in tokens:
            if t.name in _SKIP and t.kind in ("start", "end") and not t.self_closing:
                inert = inert + 1 if t.kind == "start" else max(0, inert - 1)
                continue
            if t.name != name or (inert and start is None):
                continue
            if t.kind == "start":
                if start is None:
                    start = t.end
                    depth = 1
                elif not t.self_closing:
                    depth += 1
            elif t.kind == "end" and start is not None:
                depth -= 1
                if depth == 0:
                    return start, t.start
        if start is not None:
            return start, n
    return 0, n


def _html_meta(text: str, tokens) -> dict:
    from factcheck.htmltok import decode_refs

    meta: dict = {}
    times = []
    ld = []
    title = None
    for k, t in enumerate(tokens):
        if t.kind != "start":
            continue
        tag = t.name
        if tag == "html":
            lang = t.attr("lang")
            if lang:
                meta.setdefault("lang", lang)
        elif tag == "meta":
            key = (t.attr("property") or t.attr("name") or t.attr("itemprop") or "").lower()
            content = t.attr("content")
            if key in ("article:published_time", "datepublished", "date", "dc.date", "pubdate") and content:
                meta.setdefault("published", content)
            elif key == "og:title" and content:
                meta.setdefault("title", content)
        elif tag == "time":
            dt = t.attr("datetime")
            if dt and _to_date(dt) is not None:  # "20:00", "2024-03", "PT2H": not a publication date
                times.append(dt)
        elif tag == "script" and (t.attr("type") or "").strip().lower() == "application/ld+json":
            body = tokens[k + 1] if k + 1 < len(tokens) and tokens[k + 1].kind == "text" else None
            if body is not None:
                ld.append(text[body.start:body.end])
        elif tag == "title" and title is None:
            body = tokens[k + 1] if k + 1 < len(tokens) and tokens[k + 1].kind == "text" else None
            title = decode_refs(text, body.start, body.end) if body is not None else ""
    if "published" not in meta:
        for src in ld:
            try:
                data = json.loads(src)
            except (ValueError, RecursionError):
                continue
            found = _find_key(data, "datePublished")
            if isinstance(found, str):
                meta["published"] = found
                break
    if "published" not in meta and times:
        meta["published"] = times[0]
    if "title" not in meta and title is not None:
        meta["title"] = re.sub(r"\s+", " ", title).strip()
    return meta


def _find_key(data, key, depth=0):
    if depth > 20:
        return None
    if isinstance(data, dict):
        if key in data:
            return data[key]
        items = data.values()
    elif isinstance(data, list):
        items = data
    else:
        return None
    for v in items:
        r = _find_key(v, key, depth + 1)
        if r is not None:
            return r
    return None


def _html_tokens(text: str) -> list:
    from factcheck.htmltok import tokenize

    return list(tokenize(text))


def _html_view(text: str, tokens=None, skip_bom: bool = False) -> tuple[View, dict]:
    from factcheck.htmltok import char_ref

    if tokens is None:
        tokens = _html_tokens(text)
    meta = _html_meta(text, tokens)
    start, end = _html_region(tokens, len(text))
    if skip_bom and start == 0 and text.startswith("\ufeff"):
        start = 1
    b = ViewBuilder(text)
    skip: list[str] = []
    last = "\n"  # last character put in the view

    def newline(s, e):
        nonlocal last
        if last != "\n":
            b.put("\n", s, e)
            last = "\n"

    for t in tokens:
        if t.end <= start:
            continue
        if t.start >= end:
            break
        if t.kind == "start" or t.kind == "end":
            name = t.name
            if name in _SKIP:
                if t.kind == "end":
                    if name in skip:
                        while skip and skip.pop() != name:
                            pass
                elif not t.self_closing:
                    skip.append(name)
                continue
            if not skip and name in _BLOCK:
                newline(t.start, t.end)
            continue
        if t.kind != "text" or skip or t.name:  # comments; text inside skipped or raw elements
            continue
        s0, e0 = max(t.start, start), min(t.end, end)
        pos = s0
        for m in _TEXT_PIECE.finditer(text, s0, e0):
            s, e = m.span()
            if m.lastgroup == "ws":
                if s > pos:
                    b.copy(pos, s)
                    last = text[s - 1]
                if last not in (" ", "\n"):
                    if m.group() == " ":
                        b.copy(s, e)
                    else:
                        b.put(" ", s, e)  # a run of white space reads as one space
                    last = " "
                pos = e
                continue
            r = char_ref(text, s, e0)
            if r is None:
                continue  # a bare '&': copied with the text around it
            if s > pos:
                b.copy(pos, s)
                last = text[s - 1]
            ch, ref_end = r
            ch = _NOT_TEXT.sub("", ch.replace("\xa0", " "))
            if ch:
                b.put(ch, s, ref_end)
                last = ch[-1]
            pos = ref_end
        if e0 > pos:
            b.copy(pos, e0)
            last = text[e0 - 1]
    return b.build(), meta


# ---------------------------------------------------------------- suppressions

_SUPPRESS_START = re_(r"<!--\s*factcheck-(disable|enable|ignore-next-line)\b")


def _suppression_comments(text: str, tokens=None):
    """(start, end, action, rules text) of each suppression comment.  In HTML only real
    comments count (not one inside a script or an attribute); elsewhere any
    `<!-- factcheck-... -->`.  A comment that is never closed suppresses nothing; each
    comment is scanned once, so an unclosed one costs one pass, not one per line."""
    if tokens is not None:
        for t in tokens:
            if t.kind == "comment" and text.startswith("<!--", t.start) and text.endswith("-->", 0, t.end):
                m = _SUPPRESS_START.match(text, t.start, t.end)
                if m:
                    yield t.start, t.end, m.group(1), text[m.end():t.end - 3]
        return
    pos = 0
    while True:
        m = _SUPPRESS_START.search(text, pos)
        if not m:
            return
        close = text.find("-->", m.end())
        if close == -1:
            return  # unclosed: nothing after it can close a comment either
        yield m.start(), close + 3, m.group(1), text[m.end():close]
        pos = close + 3


def _suppressions(text: str, tokens=None) -> list[Suppression]:
    if "factcheck-" not in text:
        return []
    out: list[Suppression] = []
    open_: list[Suppression] = []
    for c_start, c_end, action, rest in _suppression_comments(text, tokens):
        rules = tuple(r for r in re.split(r"[\s,]+", rest.strip()) if r)
        if action == "enable":
            keep = []
            for sup in open_:
                if not rules or any(r in sup.rules for r in rules) or not sup.rules:
                    sup.end = c_start
                else:
                    keep.append(sup)
            open_ = keep
        elif action == "disable":
            sup = Suppression("disable", rules, c_end, len(text), c_start, c_end)
            out.append(sup)
            open_.append(sup)
        else:
            nl = text.find("\n", c_end)
            if nl == -1:
                s, e = len(text), len(text)
            else:
                s = nl + 1
                e2 = text.find("\n", s)
                e = len(text) if e2 == -1 else e2
            out.append(Suppression("ignore-next-line", rules, s, e, c_start, c_end))
    return out


_bind_lazy(globals())  # the module's expressions compile when first used (factcheck.lazyrx)
