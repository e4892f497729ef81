"""`broken-word`: a word broken by deleted letters.

Modes:

* ``restore`` — a token that is not a known word (no reading of it, with clitics
  peeled off, reaches ``known_zipf`` in the word-frequency lexicon or is in the
  project's lists) but becomes a common word (``common_zipf``) when one of the
  ``deleted`` strings is put back: «الصحين» → «الصحفيين», «كية» → «كيفية»,
  «الثقاة» → «الثقافية».  Tokens next to Latin script, digits or inside a run
  of rare words (a name, a transliteration) are left alone.
* ``orphan`` — a single letter standing alone between two Arabic words
  («لا ه ولا» → «فيه»; «ك جورج»); abbreviations («أ ف ب», «د ب أ»), «د.»,
  «م»/«هـ» after a year and letters before a digit, Latin word or quote are fine.
* ``frame`` — a known word in a fixed frame that expects a longer word it is a
  broken form of («على خلة» → «على خلفية»); frames are data.
* ``echo`` — a token that is no known word but becomes, with one of the ``deleted``
  strings put back, a word the same article writes elsewhere («ألقى ⟦ديد⟧ كاميرون كلمته ...
  وقال ديفيد كاميرون»): the article spells the word itself, so the word needs no frequency
  (the names the frequency lists lack, that ``restore`` cannot repair).  The other
  occurrence must be a whole token of at least ``echo_min_length`` letters.

Each finding suggests the repaired word as an unsafe fix.
"""

from __future__ import annotations

from factcheck.lexicon import (AR_PREFIXES, ar_stems, doc_tokens, fold_key, freq, light_fold,
                               light_seq, light_tokens, plain_gap, token_positions, token_words,
                               TestedWords)
from factcheck.model import Edit, Fix, Hit
from factcheck.rules import Opt

OPTIONS = {
    "mode": Opt("str", "restore", choices=("restore", "orphan", "frame", "echo")),
    "deleted": Opt("list[str]", ["في"], doc="strings that get deleted, most common first"),
    "known_zipf": Opt("float", 2.5, doc="a token with a reading at least this frequent is a known word"),
    "common_zipf": Opt("float", 3.5, doc="the repaired word must be at least this frequent"),
    "gain": Opt("float", 1.5, doc="... and this much more frequent (Zipf) than the token"),
    "min_length": Opt("int", 3, doc="shortest token looked at (letters)"),
    "words": Opt("list[str]", [], doc="data files (relative to rules/<lang>/) with extra known words (names, terms)"),
    "frames": Opt("list[str]", [], doc="frame mode: data files with frames {before: [...], word: ...}; "
                                       "`$num` in `before` is a number written in digits"),
    "letters": Opt("dict", {}, doc="orphan mode: letter → repaired word (e.g. ه: فيه)"),
    "skip_letters": Opt("list[str]", [], doc="orphan mode: letters that stand alone in good copy (و, د …)"),
    "skip_after": Opt("list[str]", [], doc="orphan mode: words after which a lone letter is a name or a "
                                           "label («فيتامين ب», «الفئة ب», «الخطة ب»)"),
    "echo_min_length": Opt("int", 5, doc="echo mode: the shortest word (letters) the article's other "
                                         "occurrence must have"),
}

_AR_LETTERS = set(chr(c) for c in range(0x0621, 0x064B))
# restore mode: a token longer than this is never repaired (no known word is this long,
# and the candidates of a token grow with the square of its length)
MAX_TOKEN = 40


def validate(options, loc, lang):
    if options["known_zipf"] < 2.0 or options["common_zipf"] - options["gain"] < 2.0:
        raise loc.error(("known_zipf",), "the shipped frequency lists stop at Zipf 2.0: known_zipf and "
                                         "common_zipf - gain must be at least 2.0")
    if not options["deleted"]:
        raise loc.error(("deleted",), "'deleted' must list at least one string")
    if options["mode"] == "frame" and not options["frames"]:
        raise loc.error(("frames",), "mode 'frame' needs a frames data file")


def _load_words(files, lang) -> set[str]:
    from factcheck.resources import load_data

    out: set[str] = set()
    for p in files:
        data = load_data(lang, p) or {}
        vals = data.get("words", []) if isinstance(data, dict) else data
        out |= {light_fold(str(w)) if lang == "ar" else str(w).lower() for w in vals}
    return out


_AR_WORD_RE = __import__("re").compile("[\u0621-\u064a]+")


def _arabic_word(w: str) -> bool:
    return _AR_WORD_RE.fullmatch(w) is not None


class _Lexicon:
    """Known/unknown and repairs for one rule, memoised by token."""

    def __init__(self, o: dict, lang: str):
        self.lang = lang
        self.known = o["known_zipf"]
        self.common = o["common_zipf"]
        self.gain = o["gain"]
        self.deleted = [light_fold(d) if lang == "ar" else d.lower() for d in o["deleted"]]
        self.extra = _load_words(o["words"], lang)
        self._memo: dict[str, tuple[str, float] | None] = {}

    def best(self, w: str, ) -> float:
        f = freq(self.lang)
        z = f.get(w, 0.0)
        if z >= self.known or self.lang != "ar":
            return z
        for s in ar_stems(w):
            z = max(z, f.get(s, 0.0))
        return z

    def is_known(self, w: str, ) -> bool:
        if w in self.extra:
            return True
        if self.lang == "ar" and any(s in self.extra for s in ar_stems(w)):
            return True
        # short words collide with real words more often: be stricter with them
        return self.best(w) >= (self.known - 0.5 if len(w) <= 3 else self.known)

    def candidates(self, w: str):
        """(repaired surface word, zipf) for each way of putting a deleted string back."""
        f = freq(self.lang)
        seen = set()
        # «في» glued in front is a different error («لم» → «فيلم»): not at the front
        for pre, c in insertions(w, self.deleted, AR_PREFIXES if self.lang == "ar" else (), front=False):
            surface = pre + c
            if surface in seen:
                continue
            seen.add(surface)
            z = f.get(surface, 0.0)
            if pre:
                z = max(z, f.get(c, 0.0) if not pre.endswith("ال") else f.get("ال" + c, 0.0), f.get(c, 0.0) - 0.5)
            if z >= self.common or surface in self.extra:
                yield surface, z

    def repair(self, w: str, ) -> tuple[str, float] | None:
        key = w
        if len(w) > MAX_TOKEN:
            return None
        if key in self._memo:
            return self._memo[key]
        res = None
        if not self.is_known(w):
            z0 = self.best(w)
            need = self.gain + (0.5 if len(w) <= 3 else 0.0)
            cands = [(c, z) for c, z in self.candidates(w) if z - z0 >= need]
            if cands:
                from rapidfuzz.fuzz import ratio

                cands.sort(key=lambda cz: (cz[1] + ratio(w, cz[0]) / 100.0), reverse=True)
                res = cands[0]
        if len(self._memo) > 200_000:
            self._memo.clear()
        self._memo[key] = res
        return res


def insertions(w: str, deleted, prefixes, front: bool):
    """(proclitics, repaired rest) for each way of putting one of the deleted strings back
    into w, after each of its proclitics too; `front` False leaves out «في» put before a
    word that has no proclitic."""
    splits = [("", w)] + [(p, w[len(p):]) for p in prefixes if w.startswith(p) and len(w) - len(p) >= 2]
    for d in deleted:
        for pre, stem in splits:
            for pos in range(0, len(stem) + 1):
                if pos == 0 and not pre and d == "في" and not front:
                    continue
                yield pre, stem[:pos] + d + stem[pos:]


def build_restore(rule):
    o = rule.options
    lang = rule.lang
    lex = _Lexicon(o, lang)
    min_len = o["min_length"]

    def word_passes(w, f, known) -> bool:
        if f.get(w, 0.0) >= known or len(w) < min_len:
            return False
        if (lang == "ar" and not _arabic_word(w)) or (lang == "en" and not w.isalpha()):
            return False
        return True

    def select(new):
        f, known = freq(lang), lex.known
        return [w for w in new if word_passes(w, f, known)]

    tested = TestedWords(select)  # the tests that depend on the word alone, across documents

    def check(doc):
        # English: only the tokens looked at are made; Arabic: the gap model makes the list anyway
        toks = light_seq(doc) if lang != "ar" else light_tokens(doc)
        n = len(toks)
        for i in tested.positions(doc):
            t = toks[i]
            w = t.w
            if lang == "en" and t.raw[:1].isupper():
                continue  # names
            if t.pre.endswith("-") or (i + 1 < n and toks[i + 1].pre.startswith("-")):
                continue  # a part of a compound: «multi-spired»
            s, e = t.start, t.end
            rep = lex.repair(w)
            if rep is None:
                continue
            # neighbours: Latin, digits or another unknown word → a name or a transliteration
            bad_ctx = False
            for j in (i - 1, i + 1):
                if 0 <= j < n and (plain_gap(toks[j].pre if j > i else t.pre)):
                    nw = toks[j].w
                    if lang == "ar" and not _arabic_word(nw):
                        bad_ctx = True
                    elif len(nw) >= 3 and not lex.is_known(nw) and lex.repair(nw) is None:
                        bad_ctx = True
            if bad_ctx:
                continue
            if any(q in t.pre[-1:] for q in "\"'“”«»"):
                continue
            word = _restore_raw(doc.text[s:e], w, rep[0])
            yield Hit(s, e, {"word": doc.text[s:e], "repair": word},
                      Fix("unsafe", (Edit(s, e, word),)))

    return check


def _restore_raw(raw: str, folded: str, repaired_folded: str) -> str:
    """Put the inserted letters into the token as written (diacritics dropped)."""
    from factcheck.langs import fold

    letters = [c for c in raw if fold(c)]  # drop marks and tatweel
    if len(letters) != len(folded):
        return repaired_folded
    # find where the insertion happened (longest common prefix and suffix)
    p = 0
    while p < len(folded) and folded[p] == repaired_folded[p]:
        p += 1
    ins = repaired_folded[p:p + len(repaired_folded) - len(folded)]
    return "".join(letters[:p]) + ins + "".join(letters[p:])


def build_orphan(rule):
    o = rule.options
    lang = rule.lang
    letters = {fold_key(k, lang): v for k, v in o["letters"].items()}
    skip = {fold_key(x, lang) for x in o["skip_letters"]}
    after = {fold_key(x, lang) for x in o["skip_after"]}

    lone = frozenset(_AR_LETTERS - skip)

    def check(doc):
        toks = light_tokens(doc)  # Arabic only: the gap model makes the list anyway
        view = None
        n = len(toks)
        for i in token_positions(doc, lone, light=True):  # only the single letters
            if not 1 <= i < n - 1:
                continue
            t = toks[i]
            w = t.w
            if len(t.raw) != 1 or w not in _AR_LETTERS or w in skip:
                continue
            p, q = toks[i - 1], toks[i + 1]
            if t.pre != " " or q.pre != " ":
                continue
            if not (len(p.w) >= 2 and _arabic_word(p.w) and len(q.w) >= 2 and _arabic_word(q.w)):
                continue
            # abbreviations: «أ ف ب», «د ب أ»
            if i + 2 < n and len(toks[i + 2].w) == 1 or i >= 2 and len(toks[i - 2].w) == 1:
                continue
            if after and (p.w in after or (p.w[:1] in "وفبل" and p.w[1:] in after)):
                continue  # «فيتامين ب المركب», «الخطة ب»: a letter as a name
            s, e = view.to_base(t.start, t.end) if view is not None else (t.start, t.end)
            rep = letters.get(w)
            if rep is not None:
                fix = Fix("unsafe", (Edit(s, e, rep),))
                word = rep
            else:
                qs = view.to_base(q.start, q.start)[0] if view is not None else q.start
                fix = Fix("unsafe", (Edit(e, qs, ""),))  # join it to the next word
                word = doc.text[s:e] + doc.text[qs:view.to_base(q.start, q.end)[1] if view is not None else q.end]
            yield Hit(s, e, {"word": doc.text[s:e], "repair": word}, fix)

    return check


NUM = "$num"  # frame mode: in `before`, a number written in digits


def build_frame(rule):
    from factcheck.resources import load_data

    o = rule.options
    lang = rule.lang
    deleted = [fold_key(d, lang) for d in o["deleted"]]
    frames: dict[str, list[tuple[str, dict[str, str]]]] = {}
    for p in o["frames"]:
        data = load_data(lang, p) or {}
        for fr in data.get("frames", []):
            word = fold_key(fr["word"], lang)
            broken = {}
            for d in deleted:
                k = word.find(d)
                while k != -1:
                    broken[word[:k] + word[k + len(d):]] = fr["word"]
                    k = word.find(d, k + 1)
            for b in fr["before"]:
                key = NUM if b == NUM else fold_key(b, lang)
                frames.setdefault(key, []).append((word, broken))

    after_num = frames.pop(NUM, None)  # «18 ⟦جان⟧ 2017»: after a number written in digits
    # those frames are found by their broken forms (rare), not by every number of the text
    after_num_broken = frozenset(b for _, broken in after_num or () for b in broken)
    firsts = frozenset(frames)

    def check(doc):
        text, toks, view = doc_tokens(doc)
        starts = token_positions(doc, firsts)  # only the words a frame starts with
        if after_num_broken:
            ws = toks.ws
            nums = [j - 1 for j in token_positions(doc, after_num_broken) if j > 0 and ws[j - 1].isdigit()]
            if nums:
                starts = sorted(set(starts).union(nums))
        for i in starts:
            if i >= len(toks) - 1:
                continue
            fr = frames.get(toks[i].w) or after_num
            q = toks[i + 1]
            if not plain_gap(q.pre):
                continue
            for word, broken in fr:
                if q.w in broken:
                    s, e = view.to_base(q.start, q.end) if view is not None else (q.start, q.end)
                    rep = broken[q.w]
                    yield Hit(s, e, {"word": doc.text[s:e], "repair": rep}, Fix("unsafe", (Edit(s, e, rep),)))
                    break

    return check


def build_echo(rule):
    o = rule.options
    lang = rule.lang
    lex = _Lexicon(o, lang)
    min_len, echo_len = o["min_length"], o["echo_min_length"]
    deleted = lex.deleted
    prefixes = AR_PREFIXES if lang == "ar" else ()

    # words tested (across documents) and those that are no known word: a document's
    # unknown words are then found by set operations, as in restore mode
    memo: tuple[set[str], set[str]] = (set(), set())

    def unknown(w: str) -> bool:
        return min_len <= len(w) <= MAX_TOKEN and _arabic_word(w) and not lex.is_known(w)

    def check(doc):
        nonlocal memo
        if lang != "ar":
            return
        ws, present = token_words(doc, light=True)
        long_words = {w for w in present if len(w) >= echo_len}
        if not long_words:
            return
        if len(memo[0]) > 200_000:
            memo = (set(), set())
        seen, unknown_words = memo
        new = present - seen
        if new:
            unknown_words.update([w for w in new if unknown(w)])
            seen.update(new)
        repairs = {}
        for w in present & unknown_words:
            # «في» put back, after the clitics too, and at the front too: «رداسكو» beside
            # «فيرداسكو» (the article's own word makes it safe); the article may write the
            # word with or without the clitics
            for pre, c in insertions(w, deleted, prefixes, front=True):
                if pre + c in long_words or c in long_words:
                    repairs[w] = pre + c
                    break
        if not repairs:
            return
        from collections import Counter

        counts = Counter(ws)
        toks = light_tokens(doc)
        for i in token_positions(doc, {w for w in repairs if counts[w] == 1}, light=True):
            # the broken form written twice is a spelling of the copy, not an accident
            t = toks[i]
            s, e = t.start, t.end
            word = _restore_raw(doc.text[s:e], t.w, repairs[t.w])
            yield Hit(s, e, {"word": doc.text[s:e], "repair": word}, Fix("unsafe", (Edit(s, e, word),)))

    return check


def build(rule):
    mode = rule.options["mode"]
    if mode == "orphan":
        return build_orphan(rule)
    if mode == "frame":
        return build_frame(rule)
    if mode == "echo":
        return build_echo(rule)
    return build_restore(rule)
