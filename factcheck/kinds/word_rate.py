"""`word-rate`: an article with far fewer of a very frequent function word than its
length predicts — the trace of a search-and-replace that deleted it everywhere
(«لا ترد كلمة "في" في المقال كله؛ هل حذفها استبدال آلي؟»).

Two pieces of evidence are weighed (factcheck.gapmodel.lost_evidence): how improbable
the article's count of the word is (a beta-binomial with the mean and spread measured on
the training part of the news corpus), and the gap model's probabilities that the word
is missing at each gap.  An article whose log-likelihood ratio of "has lost the word"
reaches ``min_evidence`` (``min_evidence_zero`` when the word does not occur at all, the trace
a search-and-replace leaves; and that has at least ``min_words`` words) gets one finding for
the word, at its first word.  The `gap-model` rules use the same evidence to raise their
prior in such an article.
"""

from __future__ import annotations

from factcheck.messages import render
from factcheck.model import Hit
from factcheck.rules import Opt

OPTIONS = {
    "words": Opt("list[str]", ["في"], doc="the function words to count"),
    "min_evidence": Opt("float", 12.0, doc="log-likelihood ratio of 'the article has lost the word' to report"),
    "min_evidence_zero": Opt("float", None, doc="the evidence to report when the word does not occur at all (what "
                                                "a search-and-replace leaves); default: `min_evidence`"),
    "min_words": Opt("int", 150, doc="shortest article (in words) that is judged"),
    "message_zero": Opt("str", None, doc="the message when the word does not occur at all (default: `message`)"),
}


def validate(options, loc, lang):
    from factcheck.gapmodel import FOLDED_WORDS, fold_word

    if lang != "ar":
        raise loc.error(("kind",), "word-rate has Arabic rates only")
    for w in options["words"]:
        if fold_word(w) not in FOLDED_WORDS:
            raise loc.error(("words",), f"no rate is known for {w!r} (known: في على من إلى عن مع)")
    for k in ("min_evidence", "min_evidence_zero"):
        if options[k] is not None and options[k] <= 0:
            raise loc.error((k,), f"'{k}' is a positive log-likelihood ratio")


def build(rule):
    o = rule.options

    def check(doc):
        from factcheck.gapmodel import doc_rates, doc_scores, fold_word

        rates = doc_rates(doc)
        toks, n_words = rates.toks, rates.n_words
        if n_words < o["min_words"]:
            return
        scores = doc_scores(doc)
        for w in o["words"]:
            x, expected, pv = scores.rates[fold_word(w)]
            least = o["min_evidence_zero"] if x == 0 and o["min_evidence_zero"] is not None else o["min_evidence"]
            if scores.lost[w][0] >= least:
                t = toks[0]
                args = {"word": w, "count": int(x), "expected": f"{expected:.0f}", "words": int(n_words),
                        "p": f"{pv:.0e}"}
                msg = render(o["message_zero"], args) if x == 0 and o["message_zero"] else None
                yield Hit(t.start, t.start, args, None, msg)

    return check
