"""Reading articles: text, Markdown with front matter, HTML; offset maps; metadata."""

from __future__ import annotations

import datetime as _dt
import html as _html
import json
import re
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from factcheck.langs import detect_language, fold_view
from factcheck.textview import View, ViewBuilder, line_starts
from factcheck.yamlio import SourceError, load_located

ARTICLE_SUFFIXES = (".txt", ".md", ".markdown", ".html", ".htm")
MAX_BYTES = 64 * 1024 * 1024  # beyond this an article is refused, not read


class InputError(Exception):
    """A file that cannot be checked; the message is one line and names no path."""


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

    @property
    def text(self) -> str:
        return self.view.text

    @cached_property
    def folded(self) -> View:
        """Folded view over `text` (see langs.fold_view)."""
        return fold_view(self.view.text)

    @cached_property
    def words(self) -> list[tuple[int, int, str]]:
        """(start, end, key) of each word of `text`; key is lower-case without diacritics."""
        from factcheck.langs import PLAIN_WORD_RE, WORD_RE, has_marks, strip_marks

        t = self.view.text
        if has_marks(t):  # words may carry diacritics inside: the Unicode-aware expression
            return [(m.start(), m.end(), strip_marks(m.group()).lower()) for m in WORD_RE.finditer(t)]
        return [(m.start(), m.end(), m.group().lower()) for m in PLAIN_WORD_RE.finditer(t)]

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
    try:
        size = path.stat().st_size
    except FileNotFoundError:
        raise InputError("no such file") from None
    except OSError as e:
        raise InputError(f"cannot read: {e.strerror}") from None
    if size > MAX_BYTES:
        raise InputError(f"too large to be an article ({size} bytes; limit {MAX_BYTES})")
    try:
        return path.read_bytes()
    except IsADirectoryError:
        raise InputError("is a directory") from None
    except OSError as e:
        raise InputError(f"cannot read: {e.strerror}") from None


def sniff_format(name: str, text: str) -> str:
    low = name.lower()
    if low.endswith((".md", ".markdown")):
        return "markdown"
    if low.endswith((".html", ".htm")):
        return "html"
    if low.endswith(".txt"):
        return "markdown" if text.startswith("---\n") else "text"
    head = text[:2000].lower()
    if text.startswith("---\n"):
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
    if view is not None:
        pass
    elif fmt == "html":
        view, meta = _html_view(text)
    elif fmt == "markdown":
        body_start, meta = _front_matter(name, text)
        view = _markdown_view(text, body_start)
    else:
        view = View.identity(text)
    doc = Document(path=name, source=text, fmt=fmt, view=view, meta=meta)
    doc.title = _as_str(meta.get("title"))
    doc.suppressions = _suppressions(text)
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
                raise InputError(f"front matter: cannot read a date from {raw!r}" if fmt != "html"
                                 else f"html metadata: cannot read a date from {raw!r}")
            doc.published = d
            doc.published_source = "html-meta" if fmt == "html" else "front-matter"
        else:
            from factcheck.header import header_date

            d = header_date(view.text, doc.lang)
            if d is not None:
                doc.published, doc.published_source = d, "header"
    return doc


def load_path(path: Path, display: str | None = None, **kw) -> Document:
    text = decode(read_bytes(path))
    return parse_document(display or str(path), text, **kw)


def _as_str(v) -> str | None:
    return None if v is None else str(v)


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
    return None


# ---------------------------------------------------------------- front matter

_FM_END = re.compile(r"^(?:---|\.\.\.)[ \t]*$", re.M)


def _front_matter(name: str, text: str) -> tuple[int, dict]:
    if not text.startswith("---\n"):
        return 0, {}
    m = _FM_END.search(text, 4)
    if not m:
        raise InputError("front matter: opening '---' has no closing '---'")
    block = text[4:m.start()]
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

_MD_TOKEN = re.compile(
    r"(?P<fence>^(?:```|~~~)[^\n]*\n.*?(?:^(?:```|~~~)[ \t]*$|\Z))"
    r"|(?P<comment><!--.*?-->)"
    r"|(?P<code>`[^`\n]+`)"
    r"|(?P<refdef>^[ ]{0,3}\[[^\]\n]+\]:[^\n]*$)"
    r"|(?P<img>!\[(?P<alt>[^\]\n]*)\]\([^)\n]*\))"
    r"|(?P<link>\[(?P<ltext>[^\]\n]+)\](?:\([^)\n]*\)|\[[^\]\n]*\]))"
    r"|(?P<autolink><https?://[^>\s]+>)"
    r"|(?P<tag></?[A-Za-z][A-Za-z0-9-]*(?:\s[^<>]*)?/?>)"
    r"|(?P<lead>^[ \t]*(?:#{1,6}[ \t]+|>[ \t]?|[-*+][ \t]+|\d{1,3}[.)][ \t]+)+)"
    r"|(?P<hr>^[ \t]*(?:[-*_][ \t]*){3,}$)"
    r"|(?P<emph>(?<![\\\w*_])(?:\*\*|__|\*|_)(?=[^\s*_])|(?<=[^\s\\*_])(?:\*\*|__|\*|_)(?![\w*_]))"
    r"|(?P<escape>\\[\\`*_{}\[\]()#+\-.!<>])",
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
        # comment, code, refdef, autolink, tag, lead, hr, emph: dropped
        pos = e
    b.copy(pos, len(text))
    return b.build()


# ---------------------------------------------------------------- HTML

_HTML_TOKEN = re.compile(
    r"(?P<comment><!--.*?-->)|(?P<decl><![^>]*>|<\?[^>]*>)"
    r"|(?P<tag><(?P<close>/)?(?P<name>[A-Za-z][A-Za-z0-9:-]*)(?P<attrs>(?:[^>\"']|\"[^\"]*\"|'[^']*')*)>)"
    r"|(?P<entity>&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});?)"
    r"|(?P<ws>[ \t\r\n\f]+)",
    re.S,
)
_SKIP = {"script", "style", "nav", "footer", "noscript", "template", "svg", "head", "iframe", "object"}
_BLOCK = {"p", "div", "br", "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul", "ol", "tr", "td", "th", "table",
          "blockquote", "section", "article", "main", "header", "figcaption", "figure", "hr", "aside",
          "dl", "dt", "dd", "pre", "title", "body", "address"}
_VOID = {"br", "hr", "img", "meta", "link", "input", "area", "base", "col", "embed", "source", "track", "wbr"}
_ATTR = re.compile(r"([A-Za-z_:][A-Za-z0-9_:.-]*)\s*(?:=\s*(\"[^\"]*\"|'[^']*'|[^\s\"'>]+))?")


def _attrs(s: str) -> dict:
    out = {}
    for m in _ATTR.finditer(s):
        v = m.group(2) or ""
        if v[:1] in "\"'":
            v = v[1:-1]
        out[m.group(1).lower()] = _html.unescape(v)
    return out


def _html_region(text: str) -> tuple[int, int]:
    """Source range of the article text: <article>, else <main>, else <body>, else all."""
    low = text.lower()
    for name in ("article", "main", "body"):
        m = re.search(rf"<{name}(?:\s[^>]*)?>", low)
        if not m:
            continue
        depth, pos = 1, m.end()
        pat = re.compile(rf"<(/?){name}(?:\s[^>]*)?>")
        while depth:
            n = pat.search(low, pos)
            if not n:
                return m.end(), len(text)
            depth += -1 if n.group(1) else 1
            pos = n.end()
        return m.end(), n.start()
    return 0, len(text)


def _html_meta(text: str) -> dict:
    meta: dict = {}
    for m in re.finditer(r"<(meta|time|html)\b((?:[^>\"']|\"[^\"]*\"|'[^']*')*)>", text, re.I):
        a = _attrs(m.group(2))
        tag = m.group(1).lower()
        if tag == "html" and a.get("lang"):
            meta.setdefault("lang", a["lang"])
        elif tag == "meta":
            key = (a.get("property") or a.get("name") or a.get("itemprop") or "").lower()
            if key in ("article:published_time", "datepublished", "date", "dc.date", "pubdate") and a.get("content"):
                meta.setdefault("published", a["content"])
            elif key in ("og:title",) and a.get("content"):
                meta.setdefault("title", a["content"])
        elif tag == "time" and a.get("datetime"):
            meta.setdefault("_time", a["datetime"])
    if "published" not in meta:
        for m in re.finditer(r"<script[^>]*type=[\"']application/ld\+json[\"'][^>]*>(.*?)</script>", text, re.I | re.S):
            try:
                data = json.loads(m.group(1))
            except (ValueError, RecursionError):
                continue
            found = _find_key(data, "datePublished")
            if isinstance(found, str):
                meta["published"] = found
                break
    if "published" not in meta and "_time" in meta:
        meta["published"] = meta["_time"]
    meta.pop("_time", None)
    if "title" not in meta:
        t = re.search(r"<title[^>]*>(.*?)</title>", text, re.I | re.S)
        if t:
            meta["title"] = _html.unescape(re.sub(r"\s+", " ", t.group(1))).strip()
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


def _html_view(text: str) -> tuple[View, dict]:
    meta = _html_meta(text)
    start, end = _html_region(text)
    b = ViewBuilder(text)
    pos = start
    skip: list[str] = []
    last = "\n"  # last character put in the view

    def newline(s, e):
        nonlocal last
        if last != "\n":
            b.put("\n", s, e)
            last = "\n"

    for m in _HTML_TOKEN.finditer(text, start, end):
        s, e = m.span()
        if s > pos and not skip:
            b.copy(pos, s)
            last = text[s - 1]
        pos = e
        g = m.lastgroup
        if g == "tag":
            name = m.group("name").lower()
            closing = bool(m.group("close"))
            if name in _SKIP:
                if closing:
                    if name in skip:
                        while skip and skip.pop() != name:
                            pass
                elif not m.group("attrs").rstrip().endswith("/"):
                    skip.append(name)
                continue
            if not skip and name in _BLOCK:
                newline(s, e)
        elif skip:
            continue
        elif g == "entity":
            ch = _html.unescape(m.group())
            if ch == "\xa0":
                ch = " "
            b.put(ch, s, e)
            last = ch[-1]
        elif g == "ws":
            if last not in (" ", "\n"):
                if m.group() == " ":
                    b.copy(s, e)
                else:
                    b.put(" ", s, e)  # a run of white space reads as one space
                last = " "
    if pos < end and not skip:
        b.copy(pos, end)
    return b.build(), meta


# ---------------------------------------------------------------- suppressions

_SUPPRESS = re.compile(r"<!--\s*factcheck-(disable|enable|ignore-next-line)\b\s*(.*?)\s*-->", re.S)


def _suppressions(text: str) -> list[Suppression]:
    if "factcheck-" not in text:
        return []
    out: list[Suppression] = []
    open_: list[Suppression] = []
    for m in _SUPPRESS.finditer(text):
        action = m.group(1)
        rules = tuple(r for r in re.split(r"[\s,]+", m.group(2)) if r)
        if action == "enable":
            keep = []
            for sup in open_:
                if not rules or any(r in sup.rules for r in rules) or not sup.rules:
                    sup.end = m.start()
                else:
                    keep.append(sup)
            open_ = keep
        elif action == "disable":
            sup = Suppression("disable", rules, m.end(), len(text), m.start(), m.end())
            out.append(sup)
            open_.append(sup)
        else:
            nl = text.find("\n", m.end())
            if nl == -1:
                s, e = len(text), len(text)
            else:
                s = nl + 1
                e2 = text.find("\n", s)
                e = len(text) if e2 == -1 else e2
            out.append(Suppression("ignore-next-line", rules, s, e, m.start(), m.end()))
    return out
