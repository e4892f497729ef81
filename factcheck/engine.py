"""Runs the rules over documents and turns hits into findings on the source text."""

from __future__ import annotations

from dataclasses import dataclass, field

from factcheck.config import Config
from factcheck.document import Document
from factcheck.kinds import get_kind
from factcheck.messages import render
from factcheck.model import SEVERITY_RANK, Edit, Finding, Fix, Rule
from factcheck.rules import RuleSet, matches

UNUSED_SUPPRESSION = "factcheck.unused-suppression"


@dataclass
class FileReport:
    path: str
    language: str | None = None
    published: str | None = None
    published_source: str = "none"
    findings: list[Finding] = field(default_factory=list)
    timeline: list[dict] = field(default_factory=list)
    figures: list[dict] = field(default_factory=list)
    skipped: list[dict] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    source: str = ""
    doc: Document | None = None
    raw_source: str | None = None  # the text as stored, when it holds a CR (Document.raw_source)


class Engine:
    def __init__(self, ruleset: RuleSet, config: Config | None = None):
        self.ruleset = ruleset
        self.config = config or Config()
        self._checkers: dict[str, object] = {}
        self._selected: dict[tuple, list[tuple[Rule, str]]] = {}

    def checker(self, rule: Rule):
        c = self._checkers.get(rule.id)
        if c is None:
            c = get_kind(rule.kind).build(rule)
            self._checkers[rule.id] = c
        return c

    def rules_for(self, doc: Document) -> list[tuple[Rule, str]]:
        """(rule, severity) in force for a document; the same for every document
        that shares a language and the same select/ignore/severity settings."""
        select, ignore, severity, _ = self.config.for_path(doc.path)
        key = (doc.lang, tuple(select), tuple(ignore), tuple(severity.items()))
        cached = self._selected.get(key)
        if cached is None:
            cached = self._selected[key] = self._select(doc.lang, select, ignore, severity)
        return cached

    def _select(self, lang, select, ignore, severity) -> list[tuple[Rule, str]]:
        from factcheck.globs import globset

        out = []
        # compiled once per list (and shared between languages)
        sel, ign, sev_globs = globset(tuple(select)), globset(tuple(ignore)), globset(tuple(severity))
        sev_values = list(severity.values())
        named = set(select)
        for r in self.ruleset.rules:
            if r.lang != lang or (getattr(r, "disabled", False) and r.id not in named):
                continue  # a rule that is off by default runs only when `select` names it
            if not sel.match(r.id) or ign.match(r.id):
                continue
            k = sev_globs.last_index(r.id)  # the last matching entry wins
            out.append((r, sev_values[k] if k >= 0 else r.severity))
        return out

    def run_rule(self, rule: Rule, doc: Document, severity: str | None = None) -> list[Finding]:
        """One rule over one document, findings in source coordinates (no suppressions)."""
        out = []
        view = doc.view
        src = doc.source
        for hit in self.checker(rule)(doc):
            s, e = view.to_base(hit.start, hit.end)
            fix = None
            if hit.fix is not None:
                edits = [_map_edit(doc, ed) for ed in hit.fix.edits]
                if all(e is not None for e in edits):
                    fix = Fix(hit.fix.applicability, tuple(edits))
            text = src[s:e]
            if hit.message is not None:
                msg = hit.message
            else:
                args = hit.args if "match" in hit.args else {**hit.args, "match": doc.text[hit.start:hit.end]}
                msg = render(rule.message, args)
            out.append(Finding(rule.id, rule.category, severity or rule.severity, msg, s, e, text, fix))
        return out

    def check(self, doc: Document) -> FileReport:
        rep = FileReport(doc.path, doc.lang, doc.published.isoformat() if doc.published else None,
                         doc.published_source, source=doc.source, doc=doc, raw_source=doc.raw_source)
        findings: list[Finding] = []
        for rule, sev in self.rules_for(doc):
            if "published" in rule.needs and doc.published is None:
                rep.skipped.append({"rule": rule.id, "reason": "no publication date"})
                continue
            try:
                findings.extend(self.run_rule(rule, doc, sev))
            except Exception as e:  # a broken rule never takes the run down silently
                from factcheck.inputs import one_line

                rep.errors.append(one_line(f"rule {rule.id} failed: {type(e).__name__}: {e}"))
        findings = self._suppress(doc, findings)
        rep.findings = sorted(_one_per_repair(findings), key=Finding.sort_key)
        return rep

    def report(self, doc: Document) -> FileReport:
        """`check(doc)` with the article's lists filled in: its timeline and its figures.
        This is the file entry `factcheck check`, audit, the server, the language server
        and the spaCy component report."""
        from factcheck.dates import timeline_for
        from factcheck.figures import figure_dicts

        rep = self.check(doc)
        rep.timeline = timeline_for(doc)
        rep.figures = figure_dicts(doc)
        return rep

    def _suppress(self, doc: Document, findings: list[Finding]) -> list[Finding]:
        if not doc.suppressions:
            return findings
        kept = []
        for f in findings:
            hidden = False
            for sup in doc.suppressions:
                if sup.start <= f.start <= sup.end and (not sup.rules or matches(f.rule, sup.rules)):
                    sup.used = True
                    hidden = True
            if not hidden:
                kept.append(f)
        select, ignore, _, _ = self.config.for_path(doc.path)
        if matches(UNUSED_SUPPRESSION, select) and not matches(UNUSED_SUPPRESSION, ignore):
            for sup in doc.suppressions:
                if not sup.used:
                    what = ", ".join(sup.rules) or "all rules"
                    msg = (f"factcheck-{sup.action} ({what}) suppressed nothing"
                           if doc.lang != "ar" else f"تعليق التعطيل factcheck-{sup.action} ({what}) لم يُخفِ أي ملاحظة")
                    kept.append(Finding(UNUSED_SUPPRESSION, "boilerplate", "info", msg, sup.comment_start,
                                        sup.comment_end, doc.source[sup.comment_start:sup.comment_end], None))
        return kept


def _one_per_repair(findings: list[Finding]) -> list[Finding]:
    """One finding a rule and span; and where rules of one category say the same thing at
    the same span with the same fix (a hand-written rule and the gap model both asking for
    «في» before «ظل»), only the most severe of them, then one whose fix is safe (so
    `--fix` keeps it), then the first rule by id."""
    uniq: dict = {}
    for f in findings:
        uniq.setdefault((f.rule, f.start, f.end), f)
    best: dict = {}
    out = []
    def rank(f):
        return -SEVERITY_RANK[f.severity], f.fix is None or f.fix.applicability != "safe", f.rule

    for f in sorted(uniq.values(), key=rank):
        if f.fix is None:
            out.append(f)
            continue
        key = (f.category, f.start, f.end, f.fix.edits)
        if key not in best:
            best[key] = f
            out.append(f)
    return out


def _map_edit(doc: Document, ed: Edit) -> Edit | None:
    """An edit of the view as an edit of the source; None when it would touch
    markup the view does not show (an HTML tag, an entity, front matter)."""
    view, text, src = doc.view, doc.text, doc.source
    a, b = ed.start, ed.end
    if doc.fmt == "markdown" and ed.replacement == "":
        line = _markdown_line(doc, a, b)
        if line is not None:  # a whole line deleted: its markup goes with it ("[Read more](url)")
            return Edit(line[0], line[1], "")
    for _ in range(2):
        s, e = view.to_base(a, b)
        if src[s:e] == text[a:b]:
            return Edit(s, e, ed.replacement)
        if ed.replacement == "" and b > a and text[b - 1] == "\n":
            b -= 1  # a deleted line whose line break is a tag: keep the tag
            continue
        break
    return None


def _markdown_line(doc: Document, a: int, b: int) -> tuple[int, int] | None:
    """When view[a:b] is one whole line of a Markdown document (with its line break, or the
    last line), the span of its source line: the markup the view hides on that line (a
    link's brackets and target, a heading's "#", a list's "-") belongs to the words that
    are deleted; deleting the words alone left "[](url)".  None otherwise."""
    view, text, src = doc.view, doc.text, doc.source
    # the line's own words, without the line breaks before and after it that go with it
    # (a blank line deleted with it: no two blank lines left where it stood)
    lead = 0
    while a + lead < b and text[a + lead] == "\n":
        lead += 1
    trail = 0
    while b - trail > a + lead and text[b - trail - 1] == "\n":
        trail += 1
    a2, b2 = a + lead, b - trail
    if b2 <= a2 or not (a2 == 0 or text[a2 - 1] == "\n") or (not trail and b != len(text)):
        return None
    if "\n" in text[a2:b2]:
        return None
    s, e = view.to_base(a2, b2)
    if "\n" in src[s:e]:
        return None
    ls = src.rfind("\n", 0, s) + 1
    le = src.find("\n", e)
    le = len(src) if le == -1 else le
    if trail:
        ns, ne = view.to_base(b2, b)
        if src[ns:ne] != "\n" * trail or ns != le:  # the view's line breaks are not this line's
            return None
        le += trail
    if lead:
        ps, pe = view.to_base(a, a2)
        if src[ps:pe] != "\n" * lead or pe != ls:
            return None
        ls -= lead
    return ls, le


def at_or_above(severity: str, threshold: str) -> bool:
    if threshold == "never":
        return False
    return SEVERITY_RANK[severity] >= SEVERITY_RANK[threshold]
