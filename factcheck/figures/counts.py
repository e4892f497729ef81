"""The counted noun, normalised: Arabic singular indefinite without clitics or article
(جنديا/جنود/الجنود → جندي), English lower-case singular (troops → troop)."""

from __future__ import annotations

from factcheck.figures.grammar import Grammar
from factcheck.langs import fold, strip_marks

_AR_PRE = ("وبال", "وال", "بال", "فال", "كال", "لل", "ال", "وب", "ول", "وك", "فب", "فل", "و", "ف", "ب", "ل", "ك")


def normalise(word: str, g: Grammar) -> tuple[str, str] | None:
    """(display, key) of a counted noun as written, or None."""
    if not word:
        return None
    if g.lang == "ar":
        return _ar(word, g)
    return _en(word, g)


def _ar(word: str, g: Grammar):
    w = strip_marks(word)
    k = fold(w)
    if len(w) != len(k):
        return (w, k)
    cands = [(w, k)]
    for p in _AR_PRE:
        if k.startswith(p) and len(k) - len(p) >= 2:
            cands.append((w[len(p):], k[len(p):]))
    # a known form wins: «جنود» → «جندي», «الأطفال» → «طفل»
    for dw, dk in cands:
        if dk in g.plurals:
            s = g.plurals[dk]
            return (s, fold(s))
        if dk in g.singulars or dk in g.plural_only:
            return (dw, dk)
    # otherwise strip the article and proclitics that leave a plausible word, then the endings
    dw, dk = cands[0]
    for cw, ck in cands[1:]:
        if len(ck) >= 3 and (cands[0][1].startswith(("ال", "وال", "بال", "لل", "فال", "كال"))
                             or ck in g.singulars or ck in g.plurals):
            dw, dk = cw, ck
            break
    for dw2, dk2 in ((dw, dk),):
        if len(dk2) >= 5 and dk2.endswith(("ين", "ون")):
            base_w, base_k = dw2[:-2], dk2[:-2]
            return (base_w, base_k)
        if len(dk2) >= 5 and dk2.endswith("ات"):
            if dw2.endswith("آت"):  # «منشآت» → «منشأة»
                return (dw2[:-2] + "أة", dk2[:-2] + "اه")
            return (dw2[:-2] + "ة", dk2[:-2] + "ه")
        if len(dk2) >= 4 and dk2.endswith("ا") and not dk2.endswith(("اا",)):
            return (dw2[:-1], dk2[:-1])
    return (dw, dk)


def _en(word: str, g: Grammar):
    w = word.lower().strip("'’")
    if w in g.plurals:
        s = g.plurals[w]
        return (s, s)
    if w in g.invariant or w in g.singulars or len(w) < 4:
        return (w, w)
    if w.endswith("ies") and len(w) > 4:
        s = w[:-3] + "y"
    elif w.endswith(("sses", "shes", "ches", "xes", "zes")):
        s = w[:-2]
    elif w.endswith("s") and not w.endswith(("ss", "us", "is")):
        s = w[:-1]
    else:
        s = w
    return (s, s)
