"""Figures of news copy: every number that makes a quantitative claim, with what it counts
and who says so.

`figures_for(doc)` lists the Figure objects of a document (offsets into doc.text), computed
once and cached on the document; `figure_dicts(doc)` gives the JSON form (offsets into the
source); `render_figures` prints them.  The grammar is data under
rules/<lang>/figures/grammar/ (see grammar.py).  Date expressions (factcheck.dates) are
not figures: their spans are excluded.
"""

from __future__ import annotations

__all__ = ["figures_for", "figure_dicts", "render_figures", "document_parts"]

_CACHE_ATTR = "_figures"


def _cached_extractor(lang, _cache={}):  # noqa: B006 - one extractor a language for the process
    ex = _cache.get(lang)
    if ex is None:
        from factcheck.figures.extract import Extractor

        ex = _cache[lang] = Extractor(lang)
    return ex


def title_line(text: str) -> int | None:
    """Index of the headline line: the first non-empty line of the text (after at most two
    lines of one or two words, such as «اترك تعليقا»), when it has 3 to 40 words and does not
    end like a sentence of body copy; None otherwise."""
    lines = text.split("\n", 8)[:8]
    skipped = 0
    for i, line in enumerate(lines):
        s = line.strip()
        if not s:
            continue
        words = s.split()
        if len(words) <= 2 and skipped < 2:
            skipped += 1
            continue
        if 3 <= len(words) <= 40 and not s.endswith((".", "。", ":", "،", ",")) and len(s) <= 300:
            return i
        return None
    return None


def figures_for(doc) -> list:
    """The Figure objects of a document (offsets into doc.text), computed once."""
    key = (doc.lang, doc.published)
    cached = doc.__dict__.get(_CACHE_ATTR)
    if cached is not None and cached[0] == key:
        return cached[1]
    figs, sentences = _run(doc)
    doc.__dict__[_CACHE_ATTR] = (key, figs)
    doc.__dict__["_figure_sentences"] = sentences
    return figs


def _run(doc):
    from factcheck.figures.attribution import attribute

    lang = doc.lang if doc.lang in ("ar", "en") else "en"
    ex = _cached_extractor(lang)
    try:
        from factcheck.dates import mentions_for

        dates = [(m.start, m.end) for m in mentions_for(doc)]
    except Exception:  # the dates module missing or failing never hides the figures
        dates = []
    if lang == "ar":
        fv = doc.folded
        text, to_doc = fv.text, fv.to_base
    else:
        text, to_doc = doc.text, (lambda s, e: (s, e))
    tl = title_line(text)
    figs, sentences = ex.run(text, to_doc, dates, tl, doc.text, _word_set(doc, lang))
    attribute(ex, figs, sentences)
    return figs, sentences


def _word_set(doc, lang):
    """The set of the document's words that Extractor._candidates may pick the number words
    from (the document's tokens, made once and shared with the lexicon's kinds), or None when
    they are not sure to hold every whole word of the text read: then the extractor splits it.

    English: the light tokens of doc.text (runs of \\w without "_", parts joined by an
    apostrophe), lower-cased one by one, which is text.lower() cut at the same places (the
    number words are ASCII and none ends in "i", the one letter a lower-casing makes two
    characters of). Arabic: the tokens of the folded view, which are its runs of \\w without
    "_" (or the light tokens of doc.text folded one by one: the same runs, as they are taken
    only when the fold dropped nothing, and every character a light token holds besides \\w
    is one the fold drops; tests/test_figures_speed.py checks both)."""
    if doc.lang != lang:
        return None
    from factcheck.lexicon import token_words

    return token_words(doc, lang != "ar")[1]


def document_parts(doc):
    """(figures, sentences) of a document; sentences are in the read text's coordinates."""
    figs = figures_for(doc)
    return figs, doc.__dict__.get("_figure_sentences") or []


def figure_dicts(doc) -> list[dict]:
    """Every figure: start/end (source code points), text, value, [high], unit, counts,
    approx, attributed, source."""
    try:
        return [f.as_dict(doc) for f in figures_for(doc)]
    except Exception:  # the list never takes a check run down
        return []


def render_figures(doc, figures, fmt, out) -> None:
    from factcheck.figures.render import render

    render(doc, figures, fmt, out)
