"""Write docs/rules.md from the rule files: what each rule does and why, with its
anti-pattern and best-practice examples (run: python scripts/gen_rule_docs.py)."""

from __future__ import annotations

import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from factcheck.rules import MARK_CLOSE, MARK_OPEN, load_rules  # noqa: E402


def mark(ex) -> str:
    out, pos = [], 0
    for s, e in ex.spans:
        out.append(ex.text[pos:s])
        out.append(f"{MARK_OPEN}{ex.text[s:e]}{MARK_CLOSE}")
        pos = e
    out.append(ex.text[pos:])
    return "".join(out).replace("\n", "⏎")


def main() -> int:
    rs = load_rules()
    lines = ["# Rules", "", "Generated from `rules/` by `python scripts/gen_rule_docs.py`; do not edit by hand.",
             "Spans a rule reports are marked ⟦ ⟧ (⟦⟧ is an insertion point).", ""]
    lines.append("| id | category | severity | kind | fix |")
    lines.append("|---|---|---|---|---|")
    for r in rs.rules:
        fixes = "yes" if any(ex.fixed is not None for ex in r.bad) else "no"
        lines.append(f"| [{r.id}](#{r.id.replace('.', '')}) | {r.category} | {r.severity} | {r.kind} | {fixes} |")
    lines.append("")
    for r in rs.rules:
        lines += [f"## {r.id}", "", f"*{r.category}, {r.severity}, kind `{r.kind}`*"
                  + (f", needs {', '.join(r.needs)}" if r.needs else ""), "", r.description, "",
                  f"Message: {r.message}", "", "Anti-pattern:", ""]
        for ex in r.bad:
            lines.append(f"- {mark(ex)}" + (f"  \n  → {ex.fixed.replace(chr(10), '⏎')}" if ex.fixed is not None else ""))
        lines += ["", "Best practice:", ""]
        lines += [f"- {ex.text.replace(chr(10), '⏎')}" for ex in r.good]
        lines.append("")
    (REPO / "docs" / "rules.md").write_text("\n".join(lines), encoding="utf-8")
    print(f"docs/rules.md: {len(rs.rules)} rules")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
