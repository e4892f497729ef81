"""Date expressions of news copy: extraction, TIMEX3 normalisation, the timeline.

`timeline_for(doc)` lists every date expression of a document with its
resolved value (offsets into the source text); `render_timeline` prints it.
The grammar is data under rules/<lang>/dates/grammar/ (see grammar.py).
"""

from __future__ import annotations

__all__ = ["mentions_for", "timeline_for", "render_timeline"]

_CACHE_ATTR = "_dates_mentions"


def mentions_for(doc) -> list:
    """The Mention objects of a document (offsets into doc.text), computed once."""
    key = (doc.lang, doc.published)
    cached = doc.__dict__.get(_CACHE_ATTR)
    if cached is not None and cached[0] == key:
        return cached[1]
    from factcheck.dates.extract import extractor

    lang = doc.lang if doc.lang in ("ar", "en") else "en"
    ex = extractor(lang)
    if lang == "ar":
        fv = doc.folded
        mentions = ex.run(fv.text, fv.to_base, doc.published, doc.text)
    else:
        text = doc.text
        mentions = ex.run(text, lambda s, e: (s, e), doc.published, text)
    for m in mentions:
        m.text = doc.text[m.start:m.end]
    doc.__dict__[_CACHE_ATTR] = (key, mentions)
    return mentions


def timeline_for(doc) -> list[dict]:
    """Every date expression: start/end (source code points), text, type, value, basis."""
    try:
        return [m.as_dict(doc) for m in mentions_for(doc)]
    except Exception:  # the timeline never takes a check run down
        return []


def render_timeline(doc, timeline, fmt, out, findings=None) -> None:
    from factcheck.dates.render import render

    render(doc, timeline, fmt, out, findings)
