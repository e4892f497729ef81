"""`gap-model`: what the learned Arabic gap model (factcheck/gapmodel.py) finds.

Modes:

* ``gap`` — a function word missing between two words («وجاء القرار ⟦⟧ظل أزمة»,
  «مليون لاجئ ⟦⟧لبنان»): the model's probability that one of ``words`` is missing
  before a token, against ``threshold`` (``thresholds`` per word).  The more an article
  looks like it has lost the word (its evidence, see the `word-rate` kind; even odds at
  ``min_evidence``), the more the prior of that word is raised from ``base_prior`` towards
  the share that is missing, so the article's gaps are found too; where the loss is more
  likely than not, ``lost_threshold`` replaces the threshold.  Elsewhere a gap before one of
  ``adverbs`` (nouns that stand bare as adverbs of time: «وقت الحادث», «نهاية يناير») needs
  ``adverb_threshold``, and a gap right after one of the marks ``lost_only_after`` (an
  opening bracket) is reported only in an article that has lost the word.  With
  ``echo_threshold``, a gap whose next word (``echo_words`` 2: next two words) follows the
  word elsewhere in the same article («في إطار» there, «⟦⟧إطار» here) needs only that
  threshold: the article's own usage as evidence.  The finding is
  the insertion point; the fix inserts the word (glued «ب»/«ل» are
  glued).
* ``broken`` — a word that is what is left when «في» is deleted from a word
  («الصحين» for «الصحفيين», «وتنام» for «وفيتنام» between two country names): the
  candidates are the tokens that become a known word when «في» is put back, and the
  model scores each in its sentence.  In an article that has lost «في» inside its words
  too (the whole-article evidence), the prior of a broken word rises the same way.  A token
  that is itself no known word may be reported from a lower ``nonword_threshold``, and one
  whose repair is a place name next to another place name from ``places_threshold``.  The fix
  restores the word; it is safe only above ``safe_above`` and when no other repair exists.

Thresholds, words and severity are the rule's; the model and its feature tables ship
in factcheck/models/ (see ar_gap.md).  The model runs once per document, however many
rules use it, and only for Arabic.
"""

from __future__ import annotations

from factcheck.model import Edit, Fix, Hit
from factcheck.rules import Opt

OPTIONS = {
    "mode": Opt("str", "gap", choices=("gap", "broken")),
    "words": Opt("list[str]", ["في"], doc="gap mode: the missing words to report (of في على من إلى عن مع ب ل)"),
    "threshold": Opt("float", 0.9, doc="probability at or above which a gap (or broken word) is reported"),
    "thresholds": Opt("dict", {}, doc="gap mode: a threshold per word, overriding `threshold`"),
    "min_evidence": Opt("float", 12.0, doc="the evidence (log-likelihood ratio, see the word-rate kind) at which "
                                           "an article has as likely as not lost the word; the prior of the "
                                           "article's gaps (broken mode: of its broken words) rises with it"),
    "lost_threshold": Opt("float", None, doc="gap mode: the threshold in an article that has more likely than not "
                                             "lost the word (evidence at least `min_evidence`: the gaps are then the "
                                             "list of places to mend); default: `threshold`"),
    "adverbs": Opt("list[str]", [], doc="gap mode: words that stand bare as adverbs (of time: «الوقت», «نهاية», "
                                        "the months); a gap before one needs `adverb_threshold`, except in an "
                                        "article that has lost the word"),
    "adverb_threshold": Opt("float", None, doc="gap mode: the threshold before one of `adverbs`; default: `threshold`"),
    "lost_only_after": Opt("list[str]", [], doc="gap mode: marks (one character each, no letter or digit: an "
                                                "opening bracket) after which a gap is reported only in an article "
                                                "that has lost the word"),
    "echo_threshold": Opt("float", None, doc="gap mode: the threshold of a gap whose next word (or next "
                                             "`echo_words` words) follows the missing word elsewhere in the same "
                                             "article («في إطار» there, «⟦⟧إطار» here); default: off"),
    "echo_words": Opt("int", 1, choices=(1, 2), doc="gap mode: how many of the words after a gap must follow the "
                                                    "word elsewhere in the article for `echo_threshold`"),
    "rescore_threshold": Opt("float", None, doc="gap mode, «في» only: in an article that has not lost the "
                                                "word, a gap is also reported when the re-scorer "
                                                "(factcheck/gaprescore.py: trees over the network's probabilities, "
                                                "the phrases either side and the article's own usage) gives at "
                                                "least this; `adverbs` and `lost_only_after` hold for it too; "
                                                "default: off"),
    "base_prior": Opt("float", 0.004, doc="gap mode: the share of gaps missing a word that the thresholds assume"),
    "nonword_threshold": Opt("float", None, doc="broken mode: the threshold for a token that is no known word "
                                                "(no reading of it at Zipf 3 or more); default: `threshold`"),
    "nonword_context_threshold": Opt("float", None, doc="broken mode: the threshold for a token that is no known "
                                                         "word and stands between known words (both neighbours in "
                                                         "its clause are words of the frequency lists: not a run of "
                                                         "names or a transliteration); default: off"),
    "nonword_context_rescore_threshold": Opt("float", None, doc="broken mode: in an article that has not lost "
                                                               "«في» inside its words, a token that is no known "
                                                               "word and stands in no run of rare words (each "
                                                               "neighbour in its clause a word of the frequency "
                                                               "lists or the clause's edge, at least one a word) is "
                                                               "also reported when the re-scorer of broken words "
                                                               "gives it at least this, whatever the network's own "
                                                               "probability; default: off"),
    "places_threshold": Opt("float", None, doc="broken mode: the threshold for a word whose repair is a place "
                                               "name standing next to another place name («وسنغافورة ⟦وتنام⟧ "
                                               "واستراليا» → «وفيتنام»: a list of places); default: `threshold`"),
    "broken_rescore_threshold": Opt("float", None, doc="broken mode: in an article that has not lost «في» "
                                                       "inside its words, a candidate is also reported when the "
                                                       "re-scorer of broken words (factcheck/gaprescore.py: trees over "
                                                       "the network's probability, the word's and its repair's "
                                                       "frequencies, their neighbours and the article's own words) "
                                                       "gives at least this; default: off"),
    "safe_above": Opt("float", 1.1, doc="broken mode: fixes at or above this probability (one reading) are safe"),
    "applicability": Opt("str", "unsafe", choices=("safe", "unsafe"), doc="gap mode: applicability of the fix"),
}


def validate(options, loc, lang):
    from factcheck.gapmodel import CLASSES

    if lang != "ar":
        raise loc.error(("kind",), "the gap model is Arabic only")
    for w in options["words"]:
        if w not in CLASSES[1:]:
            raise loc.error(("words",), f"{w!r} is not a word the model knows ({' '.join(CLASSES[1:])})")
    for w, v in options["thresholds"].items():
        if w not in options["words"]:
            raise loc.error(("thresholds",), f"{w!r} is not in 'words'")
        if not isinstance(v, (int, float)) or isinstance(v, bool) or not 0 < v <= 1:
            raise loc.error(("thresholds",), f"the threshold of {w!r} is a number in (0, 1]")
    if options["min_evidence"] <= 0:
        raise loc.error(("min_evidence",), "'min_evidence' is a positive log-likelihood ratio")
    if options["rescore_threshold"] is not None and list(options["words"]) != ["في"]:
        raise loc.error(("rescore_threshold",), "the re-scorer knows «في» only: 'words' must be [في]")
    for k in ("nonword_context_rescore_threshold", "broken_rescore_threshold", "rescore_threshold", "threshold", "base_prior", "lost_threshold", "echo_threshold", "nonword_threshold", "adverb_threshold", "places_threshold",
              "nonword_context_threshold"):
        if options[k] is not None and not 0 < options[k] <= 1:
            raise loc.error((k,), f"'{k}' is a number in (0, 1]")
    for m in options["lost_only_after"]:
        if len(m) != 1 or m.isalnum() or m.isspace():
            raise loc.error(("lost_only_after",), f"{m!r} is not a mark: one character, no letter, digit or space")
    if options["nonword_context_threshold"] is not None and options["nonword_threshold"] is not None \
            and options["nonword_context_threshold"] > options["nonword_threshold"]:
        raise loc.error(("nonword_context_threshold",), "'nonword_context_threshold' lowers the threshold of a "
                                                        "no-word between known words: at most 'nonword_threshold'")
    if options["echo_threshold"] is not None and options["echo_threshold"] > options["threshold"]:
        raise loc.error(("echo_threshold",), "'echo_threshold' lowers the threshold of an echoed gap: "
                                                 "at most 'threshold'")
    if options["adverb_threshold"] is not None and options["adverb_threshold"] < options["threshold"]:
        raise loc.error(("adverb_threshold",), "'adverb_threshold' raises the threshold before an adverb: "
                                               "at least 'threshold'")


def candidates(scores, words, min_evidence, base_prior, floor=0.0):
    """(token index, word, probability after the article's prior) of every gap whose
    probability for one of `words` is at least `floor`, in text order."""
    import numpy as np

    from factcheck.gapmodel import CLASSES, prior_shift

    out = []
    toks = scores.toks
    for w in words:
        c = CLASSES.index(w)
        p = scores.gap[:, c]
        shift = prior_shift(scores, w, min_evidence, base_prior) if w not in ("ب", "ل") else 0.0
        p = _raise_log_odds(p, shift)
        for i in np.nonzero(p >= max(floor, 1e-6))[0]:
            i = int(i)
            if _plausible(toks, i, w):
                out.append((i, w, float(p[i])))
    out.sort()
    return out


def _raise_log_odds(p, shift: float):
    """Probabilities with their log-odds raised by `shift` (a change of prior); `p` itself when 0."""
    import numpy as np

    if not shift:
        return p
    lo = np.log(np.clip(p, 1e-9, 1 - 1e-9)) - np.log(np.clip(1 - p, 1e-9, 1))
    return 1.0 / (1.0 + np.exp(-(lo + shift)))


def _plausible(toks, i, w) -> bool:
    """A word can be missing before token i: it is an Arabic word or a number, and (for
    the glued ب/ل) it starts with the article."""
    t = toks[i]
    c = t.w[:1]
    if not ("\u0621" <= c <= "\u064a" or c.isdigit()):
        return False
    if w in ("ب", "ل"):
        return t.w.startswith("ال")
    return True


def _gap_fix(doc, toks, i, w, applicability):
    t = toks[i]
    ns = t.start
    text = doc.text
    if w == "ب":
        return Fix(applicability, (Edit(ns, ns, "ب"),))
    if w == "ل":
        return Fix(applicability, (Edit(ns, ns + 1, "ل"),))  # «البيان» -> «للبيان»
    if i > 0:
        p = toks[i - 1]
        if p.raw in ("و", "ف") and text[p.end:ns].strip() == "":  # «و القاهرة» (from «وفي القاهرة»)
            return Fix(applicability, (Edit(p.start, ns, p.raw + w + " "),))
    return Fix(applicability, (Edit(ns, ns, w + " "),))


def _after(toks, i, marks: str) -> bool:
    """Token i comes right after one of `marks` (the last character before it that is no space)."""
    last = toks[i].pre.rstrip()[-1:]
    return bool(last) and last in marks


def _echoes(toks, word: str, n: int) -> set:
    """The runs of `n` words (folded, as the model's tokens are) that follow `word` (or «و»/«ف»
    + `word`) in the text, the words of a run joined by spaces only."""
    from factcheck.lexicon import light_fold

    f = light_fold(word)
    heads = (f, "و" + f, "ف" + f)
    out = set()
    last = len(toks) - n
    for j, t in enumerate(toks):
        if t.w in heads and j < last and _joined(toks, j + 1, n):
            out.add(tuple(toks[k].w for k in range(j + 1, j + 1 + n)))
    return out


def _joined(toks, i: int, n: int) -> bool:
    """Tokens i .. i+n-1 each follow the token before them after spaces only."""
    return all(not toks[k].pre.strip() for k in range(i, i + n))


def _echoed(toks, i: int, n: int, echoes: set) -> bool:
    """The `n` words from token i follow the word elsewhere in the article (`_echoes`)."""
    return i + n <= len(toks) and _joined(toks, i + 1, n - 1) and tuple(t.w for t in toks[i:i + n]) in echoes


def build_gap(rule):
    from factcheck.lexicon import light_fold

    o = rule.options
    words = list(o["words"])
    thr = {w: float(o["thresholds"].get(w, o["threshold"])) for w in words}
    lost_thr = o["lost_threshold"]
    echo_thr = o["echo_threshold"]
    echo_n = o["echo_words"]
    lowest = min([*thr.values(), lost_thr or 1.0, echo_thr or 1.0])
    adverbs = frozenset(light_fold(a) for a in o["adverbs"])
    adv_thr = o["adverb_threshold"]
    after = "".join(o["lost_only_after"])
    rescore_thr = o["rescore_threshold"]

    def check(doc):
        from factcheck.gapmodel import doc_scores, lost_probability

        scores = doc_scores(doc)
        toks = scores.toks
        here = dict(thr)  # this document's thresholds
        lost = {w: lost_probability(scores, w, o["min_evidence"]) >= 0.5 for w in words}
        if lost_thr is not None:
            for w in words:
                if lost[w]:
                    here[w] = min(here[w], lost_thr)
        seen = set()
        found = []  # (token index, word, probability shown)
        echoes = {}  # word -> the runs of words that follow it in this article, made when first needed
        for i, w, p in candidates(scores, words, o["min_evidence"], o["base_prior"], lowest):
            if i in seen:
                continue
            if p < here[w]:
                if echo_thr is None or p < echo_thr or w in ("ب", "ل"):
                    continue
                if w not in echoes:
                    echoes[w] = _echoes(toks, w, echo_n)
                if not _echoed(toks, i, echo_n, echoes[w]):
                    continue
            if not lost[w] and not _allowed(toks, i, p, after, adverbs, adv_thr):
                continue
            seen.add(i)
            found.append((i, w, p))
        if rescore_thr is not None and not lost["في"]:
            for i, p, q in _rescored(scores, o):
                if q >= rescore_thr and i not in seen and _allowed(toks, i, p, after, adverbs, adv_thr):
                    seen.add(i)
                    found.append((i, "في", q))
            found.sort()
        for i, w, p in found:
            t = toks[i]
            yield Hit(t.start, t.start, {"missing": w, "next": t.raw, "phrase": f"{w} {t.raw}",
                                         "probability": f"{p:.2f}"},
                      _gap_fix(doc, toks, i, w, o["applicability"]))

    return check


def _allowed(toks, i, p, after, adverbs, adv_thr) -> bool:
    """Outside an article that has lost the word: no gap right after one of the marks
    `after`, and one before an adverb only at `adv_thr` (the network's probability)."""
    if after and _after(toks, i, after):
        return False
    return adv_thr is None or p >= adv_thr or toks[i].w not in adverbs


def _rescored(scores, o):
    """(token index, the network's probability of «في», the re-scorer's) of the candidate gaps."""
    from factcheck.gapmodel import CLASSES, prior_shift
    from factcheck.gaprescore import doc_rescored

    p = _raise_log_odds(scores.gap[:, CLASSES.index("في")],
                        prior_shift(scores, "في", o["min_evidence"], o["base_prior"]))
    return [(i, float(p[i]), q) for i, q in sorted(doc_rescored(scores, p).items())]


def _arabic_letters(w: str) -> bool:
    """Every character of w is an Arabic letter (ء to ي)."""
    return all("\u0621" <= c <= "\u064a" for c in w)


def broken_candidates(scores, feats, floor=0.0, shift=0.0):
    """(token index, repaired word, other readings, probability) of every token that a
    «في» put back turns into a known word, with the model's probability (its log-odds
    raised by `shift`, see gapmodel.broken_shift) at least `floor`."""
    import numpy as np

    out = []
    toks = scores.toks
    b = _raise_log_odds(scores.broken, shift)
    for i in np.nonzero(b >= floor)[0]:
        i = int(i)
        t = toks[i]
        if len(t.w) < 2 or not _arabic_letters(t.w):
            continue
        rep = feats.repair(t.w)
        if rep is None:
            continue
        out.append((i, rep[0], rep[2], float(b[i])))
    return out


NONWORD_ZIPF = 3.0  # a token none of whose readings is this frequent is no known word


def _low_nonwords(doc, scores, feats, shift: float, below: float, tested):
    """`broken_candidates` rows of the tokens that are no known word, that a «في» put back
    turns into a known word (`tested`: those words, memoised across documents; see
    `_nonwords_with_repair`), and that the network gives less than `below` (after the
    article's prior)."""
    out = []
    toks = scores.toks
    for i in tested.positions(doc):
        p = float(_raise_log_odds(scores.broken[i:i + 1], shift)[0])
        if p < below:
            rep = feats.repair(toks[i].w)
            out.append((i, rep[0], rep[2], p))
    return out


def _nonwords_with_repair(feats):
    """A `TestedWords` of the words that are no known word and that a «في» put back turns into
    one (the repair table of `feats`)."""
    from factcheck.lexicon import TestedWords, ar_best

    return TestedWords(lambda new: [w for w in new if len(w) >= 2 and _arabic_letters(w) and ar_best(w) < NONWORD_ZIPF
                                    and feats.repair(w) is not None])


# particles after which a verb takes its short (jussive) form, which drops a final weak letter:
# «لم ينه», «ولم تنهِ» are no broken «ينفيه», «تنفيه» (folded forms)
JUSSIVE = frozenset({"لم", "ولم", "فلم"})


def _sides(toks, i: int) -> tuple:
    """What stands on each side of token i in its clause: None for the clause's edge (a mark
    but spaces between, or the text's start or end), True for an Arabic word of the frequency
    lists (a reading at NONWORD_ZIPF), False for anything else."""
    from factcheck.lexicon import ar_best

    out = []
    for j, cut in ((i - 1, i == 0 or bool(toks[i].pre.strip())),
                   (i + 1, i + 1 >= len(toks) or bool(toks[i + 1].pre.strip()))):
        w = None if cut else toks[j].w
        out.append(None if cut else bool(w and _arabic_letters(w) and ar_best(w) >= NONWORD_ZIPF))
    return tuple(out)


def _between_words(toks, i: int) -> bool:
    """Token i stands between known words: both neighbours are in its clause and are known
    words; a run of rare words is a name or a transliteration («ماجك ليب», «يش عتيد», «" لات غو"»)."""
    return _sides(toks, i) == (True, True)


def _beside_words(toks, i: int) -> bool:
    """Token i stands in no run of rare words: each side is a known word in its clause or the
    clause's edge, and at least one side is a word («حوادث الطرقات، ⟦عف⟧ الفريقي»)."""
    sides = _sides(toks, i)
    return False not in sides and True in sides


def _place_word(w: str) -> bool:
    """A one-word place name, with or without a leading «و»/«ف» («وسنغافورة»)."""
    from factcheck.lexicon import fold_key, places

    table = places("ar")
    for k in (w, w[1:] if w[:1] in ("و", "ف") else None):
        if k:
            k = fold_key(k, "ar")
            if (k,) in table.get(k, ()):
                return True
    return False


def _among_places(toks, i: int, repaired: str) -> bool:
    """The word put back at token i is a place name and a place name stands right before or
    after it, in the same clause (only spaces between): a list of places."""
    if not _place_word(repaired):
        return False
    before = i > 0 and not toks[i].pre.strip() and _place_word(toks[i - 1].w)
    after = i + 1 < len(toks) and not toks[i + 1].pre.strip() and _place_word(toks[i + 1].w)
    return before or after


def build_broken(rule):
    o = rule.options
    thr = float(o["threshold"])
    nonword = o["nonword_threshold"]
    in_context = o["nonword_context_threshold"]
    in_list = o["places_threshold"]
    floor = min(thr, nonword if nonword is not None else thr, in_list if in_list is not None else thr,
                in_context if in_context is not None else thr)
    rescore = o["broken_rescore_threshold"]
    ctx_rescore = o["nonword_context_rescore_threshold"]
    tested = [None, None]  # (the model's features, _nonwords_with_repair of them)

    def check(doc):
        from factcheck.gapmodel import broken_shift, doc_scores, get_model, lost_probability
        from factcheck.kinds.broken_word import _restore_raw
        from factcheck.lexicon import ar_best

        scores = doc_scores(doc)
        model = get_model()
        shift = broken_shift(scores, o["min_evidence"], model.inword)
        second = {}
        framed_again = ()  # no-words beside known words that the re-scorer gives ctx_rescore
        if (rescore is not None or ctx_rescore is not None) \
                and lost_probability(scores, "في", o["min_evidence"]) < 0.5:
            from factcheck.gaprescore import BROKEN_FLOOR, doc_rebroken, rebroken_rows

            cands = broken_candidates(scores, model.features, min(floor, BROKEN_FLOOR), shift)
            second = doc_rebroken(scores, shift, BROKEN_FLOOR, cands)  # the same candidates, found once
            if ctx_rescore is not None:
                toks = scores.toks
                # the no-words the network puts under the trees' floor are scored too, when they stand
                # beside known words (a row depends on its candidate alone: the others' scores stay)
                if tested[0] is not model.features:
                    tested[:] = [model.features, _nonwords_with_repair(model.features)]
                low = [c for c in _low_nonwords(doc, scores, model.features, shift, BROKEN_FLOOR, tested[1])
                       if _beside_words(toks, c[0])]
                second = {**second, **rebroken_rows(scores, low)}
                framed_again = {i for i, q in second.items() if q >= ctx_rescore
                                and ar_best(toks[i].w) < NONWORD_ZIPF and _beside_words(toks, i)}
                cands = sorted(cands + [c for c in low if c[0] in framed_again])
        else:
            cands = broken_candidates(scores, model.features, floor, shift)
        for i, repaired, others, p in cands:
            t = scores.toks[i]
            if i > 0 and scores.toks[i - 1].w in JUSSIVE and not scores.toks[i].pre.strip():
                continue  # «ولم ينه الهلال الدور الأول»: the short form of a verb after «لم», not a broken word
            if p < thr:  # below the threshold: only a form that is no word, or a place among places
                no_word = nonword is not None and p >= nonword and ar_best(t.w) < NONWORD_ZIPF
                framed = in_context is not None and p >= in_context and not no_word \
                    and ar_best(t.w) < NONWORD_ZIPF and _between_words(scores.toks, i)
                place = in_list is not None and p >= in_list and _among_places(scores.toks, i, repaired)
                again = rescore is not None and second.get(i, 0.0) >= rescore
                if not (no_word or framed or place or again or i in framed_again):
                    continue
            shown = second[i] if p < thr and second.get(i, 0.0) > p else p
            word = _restore_raw(doc.text[t.start:t.end], t.w, repaired)
            safe = p >= o["safe_above"] and others == 0  # the network's own probability decides
            yield Hit(t.start, t.end, {"word": doc.text[t.start:t.end], "repair": word,
                                                 "probability": f"{shown:.2f}"},
                      Fix("safe" if safe else "unsafe", (Edit(t.start, t.end, word),)))

    return check


def build(rule):
    return build_broken(rule) if rule.options["mode"] == "broken" else build_gap(rule)
