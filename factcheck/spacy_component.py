"""factcheck as a spaCy pipeline component, for teams whose pipelines are spaCy already.

    import spacy
    nlp = spacy.blank("en")            # or any pipeline; spacy_udpipe.load_from_path(...) for Arabic
    nlp.add_pipe("factcheck", config={"published": "2024-03-15"})
    doc = nlp(text)
    for span in doc.spans["factcheck"]:
        span.label_, span._.factcheck_severity, span._.factcheck_fix, span._.factcheck_message

The factory is registered under the name ``factcheck`` through the
``spacy_factories`` entry point, so ``add_pipe("factcheck")`` works once the
package is installed, without importing this module first.

Each finding becomes a span of ``doc.spans["factcheck"]``: the smallest run of
whole tokens covering it (an insertion point is an empty span at the token
where the text would go).  ``span.label_`` is the rule id; the span's custom
attributes carry the rest, exactly as the JSON report has it (offsets there are
code points into ``doc.text``, which a token span may widen):

* ``span._.factcheck_rule``, ``factcheck_category``, ``factcheck_severity``,
  ``factcheck_message``;
* ``span._.factcheck_fix``: None or ``{"applicability": ..., "edits": [{"start", "end", "replacement"}]}``;
* ``span._.factcheck``: the whole finding (the JSON report's dict).

The text is checked as plain text (``doc.text``).  The language is the
component's ``lang`` setting, else the pipeline's when it is ``ar`` or ``en``,
else detected from the script.  This module is imported only by spaCy: the
`factcheck` command never imports spaCy.
"""

from __future__ import annotations

import datetime as _dt

from spacy.language import Language
from spacy.tokens import Doc, Span

SPANS_KEY = "factcheck"
_ATTRS = ("factcheck", "factcheck_rule", "factcheck_category", "factcheck_severity", "factcheck_message",
          "factcheck_fix")

for _name in _ATTRS:
    if not Span.has_extension(_name):
        Span.set_extension(_name, default=None)


class FactcheckComponent:
    """Runs factcheck's rules on ``doc.text`` and stores the findings as spans."""

    def __init__(self, nlp: Language, name: str = "factcheck", lang: str | None = None,
                 published: str | None = None, select: list[str] | None = None,
                 ignore: list[str] | None = None, config: str | None = None, spans_key: str = SPANS_KEY):
        from factcheck.service import Checker, RequestError, load_config

        self.name = name
        self.spans_key = spans_key
        pipeline_lang = (nlp.lang or "").split("_")[0].split("-")[0]
        self.lang = lang or (pipeline_lang if pipeline_lang in ("ar", "en") else None)
        self.published = _dt.date.fromisoformat(published) if published else None
        self.checker = Checker(load_config(config))  # the server's checker: rules loaded once
        if self.checker.ruleset.errors:
            raise ValueError(f"factcheck rules: {self.checker.ruleset.errors[0]}")
        try:
            self.select = self.checker.check_rule_ids(select, "select") if select else None
            self.ignore = self.checker.check_rule_ids(ignore, "ignore") if ignore else None
        except RequestError as e:
            raise ValueError(f"factcheck: {e}") from None

    def findings(self, text: str) -> list[dict]:
        """The JSON report's findings for `text`, checked as plain text."""
        from factcheck.output.common import finding_dict
        from factcheck.textview import line_starts

        rep = self.checker.check(text, fmt="text", lang=self.lang, published=self.published,
                                 select=self.select, ignore=self.ignore)
        starts = line_starts(rep.source)
        return [finding_dict(f, starts) for f in rep.findings]

    def __call__(self, doc: Doc) -> Doc:
        spans = []
        for k, f in enumerate(self.findings(doc.text)):
            span = _token_span(doc, f["start"], f["end"], f["rule"], k)
            span._.factcheck = f
            span._.factcheck_rule = f["rule"]
            span._.factcheck_category = f["category"]
            span._.factcheck_severity = f["severity"]
            span._.factcheck_message = f["message"]
            span._.factcheck_fix = f["fix"]
            spans.append(span)
        doc.spans[self.spans_key] = spans
        return doc


def _token_span(doc: Doc, start: int, end: int, label: str, k: int) -> Span:
    """The whole tokens covering [start, end); an empty span at `start` for an insertion point.
    Each span gets its own span_id, so two findings on the same tokens keep their own attributes."""
    sid = f"factcheck-{k}"
    if end > start:
        span = doc.char_span(start, end, label=label, alignment_mode="expand", span_id=sid)
        if span is not None:
            return span
    i = 0
    while i < len(doc) and doc[i].idx + len(doc[i].text) <= start and doc[i].idx < start:
        i += 1
    j = i
    while end > start and j < len(doc) and doc[j].idx < end:
        j += 1
    return Span(doc, i, max(i, j), label=label, span_id=sid)


@Language.factory("factcheck", default_config={"lang": None, "published": None, "select": None,
                                                 "ignore": None, "config": None, "spans_key": SPANS_KEY})
def make_factcheck(nlp: Language, name: str, lang: str | None, published: str | None,
                   select: list[str] | None, ignore: list[str] | None, config: str | None,
                   spans_key: str) -> FactcheckComponent:
    return FactcheckComponent(nlp, name, lang=lang, published=published, select=select, ignore=ignore,
                              config=config, spans_key=spans_key)
