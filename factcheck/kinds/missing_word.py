"""`missing-word`: a preposition (or another short word) that got lost.

Modes:

* ``fixed`` — entries of a lexicon (``lexicon:`` data file and/or inline
  ``entries:``).  An entry names what is left of the phrase (``head``) and the
  word that is missing (``insert``), either *before* the head («ظل» →
  «في ظل», "spite" → "in spite") or *after* it («وفقا البيان» → «وفقا للبيان»,
  "according the" → "according to the").  Conditions (all optional) keep it
  precise: the word after the head (``next``), punctuation after it
  (``next_punct``), the head starting a clause (``clause_start``), words before
  it that make it fine (``prev_not``; a preposition before the head always
  does).  The same mode reads verb → preposition lists (``governed``
  lexicons are just entries with ``at: after``).  In Arabic, ``model_floor``
  makes the learned gap model the judge of each match (a list mined from a
  corpus: «تشهدها بعض مناطق» is an object, «أبكي بعض الأحيان» a lost «في»).
* ``place`` — a place name straight after a number and a counted noun
  («نشر 500 جندي لبنان» → «في لبنان»; "500 troops Lebanon").
* ``date`` — a day-and-month date straight after a word that cannot take it
  bare («وصل الوفد 12 مارس» → «في 12 مارس»); datelines are left alone.

The finding is the insertion point (start == end); the fix inserts the word.
With ``use_analysis: true`` and an analysis model available, a candidate is
dropped when the parse says the head is used otherwise (``veto_upos`` of an
entry, e.g. «ظل» as a VERB; a place in an idafa or subject of a verb).
"""

from __future__ import annotations

from factcheck.lexicon import (digit_positions, doc_tokens, fold_key, is_boundary, match_place, plain_gap, token_positions,
                               tokenize)
from factcheck.model import Edit, Fix, Hit
from factcheck.rules import Opt

OPTIONS = {
    "mode": Opt("str", "fixed", choices=("fixed", "place", "date"), doc="what to look for"),
    "lexicon": Opt("list[str]", [], doc="data files (relative to rules/<lang>/) with a list of entries"),
    "entries": Opt("list[dict]", [], doc="entries given inline (same shape as a lexicon's)"),
    "applicability": Opt("str", "unsafe", choices=("safe", "unsafe"), doc="fix applicability when an entry says nothing"),
    "use_analysis": Opt("bool", False, doc="use the parser (when a model is available) to drop unlikely findings"),
    "insert": Opt("str", None, doc="place/date modes: the word to insert (default «في» / 'in')"),
    "counted_max": Opt("int", 1, doc="place mode: words allowed between the number and the place"),
    "model_floor": Opt("float", None, doc="fixed mode, Arabic: report only where the gap model gives the missing "
                                          "word at least this probability at the insertion point (the model as "
                                          "judge of a mined list: «تشهدها بعض مناطق» is an object, «أبكي بعض "
                                          "الأحيان» a lost «في»)"),
}

ENTRY_KEYS = {"phrase", "head", "insert", "at", "glue", "next", "next_not", "next_punct", "clause_start",
              "not_clause_start", "prev", "prev_not", "prev_any", "expect", "next_definite", "fix", "proclitics",
              "veto_upos", "next_capital", "note", "next_indefinite"}

# words before a head that already govern it (folded); و/ف glued to them are peeled
AR_PREPOSITIONS = set("""في على علي من عن الى الي ضمن خارج داخل حتى حتي منذ قبل بعد خلال تحت فوق عبر لدى لدي عند
مع نحو حول بين وفق حسب اثناء ازاء جراء عقب اثر بسبب رغم دون بدون سوى سوي غير كل بعض ب ل ك وراء امام خلف""".split())
EN_PREPOSITIONS = set("""in on at of to for from with by about into onto upon within without under over after before
during since until between among across through throughout against toward towards than as per via""".split())
AR_DET = set("ما هذا هذه ذلك تلك هؤلاء هولاء اولئك".split())
EN_DET = set("""the a an his her its their our my your this that these those some any many several each every
no two three four five six seven eight nine ten""".split())
AR_CLITIC = ("و", "ف")
EN_PRON = set("him her them us me you it himself herself themselves".split())
EN_WH = set("what who whom whether how which where when why".split())
AR_PRONOUNS = set("ه ها هم هما هن نا ك كم كما كن ي ني".split())
AR_PREP_STEMS = ("من", "عن", "الي", "علي", "مع", "في", "لدي", "عند", "ل", "ب", "وراء", "دون", "بين", "حول", "امام")
# time words that follow a verb bare (adverbs of time): «تحدثوا اليوم»
AR_TIME = set(fold_key(x, "ar") for x in """اليوم أمس امس الآن الان الأسبوع الاسبوع الشهر العام السنة الليلة الصباح
المساء الأحد الاثنين الإثنين الثلاثاء الأربعاء الخميس الجمعة السبت اليومين الأيام الايام الساعة الساعات
الفترة مجددا أيضا ايضا كذلك جميعا كلهم""".split())


def _fold_list(xs, lang):
    return {fold_key(x, lang) for x in (xs or [])}


def _words(s: str, lang: str) -> tuple[str, ...]:
    return tuple(t.w for t in tokenize(fold_key(s, lang), lang))


class Entry:
    __slots__ = ("phrase", "phrase_rest", "heads", "insert", "after", "glue", "next", "next_not", "next_punct", "clause_start",
                 "not_clause_start", "prev", "prev_not", "prev_any", "expect", "next_definite", "fix", "proclitics",
                 "veto_upos", "next_capital", "next_indefinite", "next_cap_any", "next_ing", "next_num")

    def __init__(self, d: dict, lang: str, default_fix: str):
        heads = d["head"] if isinstance(d["head"], list) else [d["head"]]
        self.heads = [_words(h, lang) for h in heads]
        self.phrase = d.get("phrase") or heads[0]
        # the phrase written for another head of the entry («ردا على» for «حرصا»): its first
        # word is the first head's, and the message puts the head as written in its place
        self.phrase_rest = None
        if len(heads) > 1 and d.get("phrase") and self.phrase.split()[:len(heads[0].split())] == heads[0].split():
            self.phrase_rest = self.phrase[len(heads[0]):]
        self.insert = d["insert"]
        self.after = d.get("at", "before") == "after"
        self.glue = bool(d.get("glue", False))
        nxt = d.get("next")
        self.next = None
        self.next_cap_any = False
        self.next_ing = False
        self.next_num = False  # "$num" in `next`: a number («الدقيقة 33»)
        if nxt is not None:
            self.next = set()
            for x in nxt:
                if x == "$det":
                    self.next |= AR_DET if lang == "ar" else EN_DET
                elif x == "$pron":
                    self.next |= EN_PRON
                elif x == "$wh":
                    self.next |= EN_WH
                elif x == "$cap":
                    self.next_cap_any = True
                elif x == "$ing":
                    self.next_ing = True
                elif x == "$num":
                    self.next_num = True
                else:
                    k = fold_key(x, lang)
                    self.next.add(k)
                    if lang == "ar" and not k.startswith("ال"):
                        self.next.add("ال" + k)
        self.next_not = _fold_list(d.get("next_not"), lang)
        self.next_punct = d.get("next_punct")
        self.clause_start = bool(d.get("clause_start", False))
        self.not_clause_start = bool(d.get("not_clause_start", False))
        self.prev_not = _fold_list(d.get("prev_not"), lang)
        # words that must stand right before the head (one of these phrases; Arabic: و/ف may
        # be glued to the phrase's first word): «جاء ذلك» before «ظل» leaves no other reading
        self.prev = [("$num",) if x == "$num" else _words(x, lang) for x in d["prev"]] if d.get("prev") else None
        self.prev_any = bool(d.get("prev_any", False))
        self.expect = tuple(fold_key(x, lang) for x in (d.get("expect") or [fold_key(d["insert"], lang)]))
        self.next_definite = bool(d.get("next_definite", False))
        self.fix = d.get("fix", default_fix)
        self.proclitics = bool(d.get("proclitics", False))
        self.veto_upos = set(d.get("veto_upos") or [])
        self.next_capital = bool(d.get("next_capital", False))
        self.next_indefinite = bool(d.get("next_indefinite", False))


def _in_next(w: str, allowed: set, lang: str) -> bool:
    """The word, or (Arabic) the word without a suffix pronoun, is allowed."""
    if w in allowed:
        return True
    if lang == "ar":
        for suf in ("هما", "هم", "هن", "ها", "ه", "نا", "كم", "ك"):
            if w.endswith(suf) and len(w) - len(suf) >= 3:
                b = w[: -len(suf)]
                if b in allowed or (b.endswith("ت") and b[:-1] + "ه" in allowed):
                    return True
    return False


def _check_entry(d, lang) -> str | None:
    if not isinstance(d, dict):
        return "an entry is a mapping"
    for k in d:
        if k not in ENTRY_KEYS:
            return f"unknown entry key {k!r} (allowed: {', '.join(sorted(ENTRY_KEYS))})"
    if "head" not in d or "insert" not in d:
        return "an entry needs 'head' and 'insert'"
    for k in ("head", "insert", "next", "next_not", "prev_not", "expect", "phrase"):
        v = d.get(k)
        vals = v if isinstance(v, list) else [v]
        if v is not None and not all(isinstance(x, str) for x in vals):
            return f"{k!r} must be text (quote yes/no/on/off: YAML reads them as true/false)"
    if d.get("at", "before") not in ("before", "after"):
        return "'at' is before or after"
    if d.get("fix", "unsafe") not in ("safe", "unsafe"):
        return "'fix' is safe or unsafe"
    return None


def load_entries(o: dict, lang: str) -> list[dict]:
    from factcheck.resources import load_data

    out = []
    for path in o["lexicon"]:
        data = load_data(lang, path)
        out.extend(data.get("entries", []) if isinstance(data, dict) else data)
    out.extend(o["entries"])
    return out


def validate(options, loc, lang):
    if options["mode"] == "fixed":
        try:
            entries = load_entries(options, lang)
        except (OSError, ValueError) as e:
            raise loc.error(("lexicon",), f"cannot read lexicon: {e}") from None
        if not entries:
            raise loc.error(("lexicon",), "mode 'fixed' needs a lexicon or entries")
        for i, d in enumerate(entries):
            msg = _check_entry(d, lang)
            if msg:
                key = ("entries", i - (len(entries) - len(options["entries"]))) if i >= len(entries) - len(options["entries"]) else ("lexicon",)
                raise loc.error(key, f"entry {i + 1}: {msg}")
    if options["model_floor"] is not None:
        if lang != "ar" or options["mode"] != "fixed":
            raise loc.error(("model_floor",), "'model_floor' is for mode 'fixed' in Arabic (the gap model is Arabic only)")
        if not 0 <= options["model_floor"] <= 1:
            raise loc.error(("model_floor",), "'model_floor' is a probability in [0, 1]")


# ---------------------------------------------------------------- analysis

def _analysis(doc, s: int, e: int):
    """Tokens of the parsed sentence(s) around doc.text[s:e] (only that line is
    analysed), or None when no analyzer is available."""
    cache = doc.__dict__.setdefault("_missing_word_analysis", {})
    if cache.get("failed"):
        return None
    text = doc.text
    # the sentence around the span (cut at . ! ? ؟ ؛ and line breaks, at most ~40 words)
    ls = max(text.rfind(c, 0, s) for c in ".!?؟؛\n") + 1
    ls = max(ls, s - 80)
    ends = [x for x in (text.find(c, e) for c in ".!?؟؛\n") if x != -1]
    le = min(ends) + 1 if ends else len(text)
    le = min(le, e + 40)
    while le < len(text) and le > e and not text[le].isspace():
        le -= 1  # end on a word boundary
    while ls > 0 and ls < s and not text[ls - 1].isspace() and text[ls - 1] not in ".!?؟؛\n":
        ls += 1  # start on a word boundary
    if (ls, le) in cache:
        return cache[(ls, le)]
    try:
        from factcheck.analysis import get_analyzer

        an = get_analyzer(doc.lang, getattr(doc, "analysis_model", None))
        sents = an.analyze(text[ls:le])
    except Exception:
        if getattr(doc, "analysis_model", None):
            raise  # a model the user configured that cannot be used is an error, not silence
        cache["failed"] = True
        return None
    toks = []
    for sent in sents:
        for t in sent.tokens:
            toks.append((t.start + ls, t.end + ls, t, sent))
    cache[(ls, le)] = toks
    return toks


def _token_at(atoks, s: int, e: int):
    for ts, te, t, sent in atoks:
        if ts < e and te > s:
            return t, sent
    return None, None


# ---------------------------------------------------------------- fixed

def _starts_clause(toks, i) -> bool:
    if i == 0:
        return True
    return is_boundary(toks[i].pre)


QUOTES_AND_SPACES = " \t\u00a0\"'«»“”‘’"


def _strip_clitic(head: str, clitic: str) -> str:
    """The head as written without the proclitic the match peeled («ووفقا» → «وفقا»)."""
    return head[len(clitic):] if clitic and head.startswith(clitic) else head


def _prev_matches(toks, i, phrases, lang) -> bool:
    """One of `phrases` (folded word tuples; "$num" a number) stands right before token i, its
    words and the head parted by plain spaces only."""
    for ph in phrases:
        k = len(ph)
        if i < k or any(not plain_gap(toks[j].pre) for j in range(i - k + 1, i + 1)):
            continue
        if any(toks[i - k + j].w != ph[j] for j in range(1, k)):
            continue
        w = toks[i - k].w
        if w == ph[0] or (lang == "ar" and w[:1] in AR_CLITIC and w[1:] == ph[0]) or (ph[0] == "$num" and w.isdigit()):
            return True
    return False


def build_fixed(rule):
    o = rule.options
    lang = rule.lang
    entries = [Entry(d, lang, o["applicability"]) for d in load_entries(o, lang)]
    index: dict[str, list[tuple[Entry, tuple[str, ...]]]] = {}
    for en in entries:
        for h in en.heads:
            index.setdefault(h[0], []).append((en, h))
            if lang == "ar" and en.proclitics:
                for c in AR_CLITIC:
                    index.setdefault(c + h[0], []).append((en, h))
    heads = frozenset(index)
    preps = AR_PREPOSITIONS if lang == "ar" else EN_PREPOSITIONS
    use_an = o["use_analysis"]
    floor = o["model_floor"]

    def prev_is_prep(toks, i) -> bool:
        pre = toks[i].pre
        if i == 0 or (is_boundary(pre) and pre.strip(QUOTES_AND_SPACES)):
            return False  # a quotation mark alone does not part them: «على "الرغم من»
        p = toks[i - 1].w
        if p in preps:
            return True
        if lang == "ar" and p[:1] in AR_CLITIC and p[1:] in preps:
            return True
        return False

    def check(doc):
        text, toks, view = doc_tokens(doc)
        n = len(toks)

        def base(s, e):
            return view.to_base(s, e) if view is not None else (s, e)

        # only the tokens that are the first word of an entry (found in C, not a loop over every token)
        for i in token_positions(doc, heads):
            t = toks[i]
            w2 = toks[i + 1].w if i + 1 < n else None
            for en, h in index[t.w]:
                k = len(h)
                if i + k > n:
                    continue
                if k > 1 and w2 != h[1]:
                    continue  # the usual case ("in" not followed by "spite"): the cheap test first
                first = t.w
                clitic = ""
                if first != h[0]:
                    clitic = first[: len(first) - len(h[0])]
                if any(toks[i + j].w != h[j] for j in range(1, k)) or any(not plain_gap(toks[i + j].pre) for j in range(1, k)):
                    continue
                last = toks[i + k - 1]
                nxt = toks[i + k] if i + k < n else None
                nxt_joined = nxt is not None and plain_gap(nxt.pre)
                # context before the head
                clause = _starts_clause(toks, i) or (lang == "ar" and not clitic and i > 0 and toks[i - 1].w == "و"
                                                     and plain_gap(toks[i].pre) and _starts_clause(toks, i - 1))
                if en.clause_start and not clause:
                    continue
                if lang == "en" and t.pre.endswith("-"):
                    continue  # "the go-ahead"
                if en.not_clause_start and (clause or (i > 0 and toks[i - 1].w in ("and", "but", "so", "or", "و"))):
                    continue
                if clitic and en.clause_start and not _starts_clause(toks, i):
                    continue
                if not en.after:
                    if not en.prev_any and prev_is_prep(toks, i):
                        continue
                if en.prev is not None and not _prev_matches(toks, i, en.prev, lang):
                    continue
                if en.prev_not and i > 0 and not is_boundary(toks[i].pre):
                    p = toks[i - 1].w
                    if p in en.prev_not or (lang == "ar" and p[:1] in AR_CLITIC and p[1:] in en.prev_not):
                        continue
                # context after the head
                if en.next_punct is not None:
                    gap = nxt.pre if nxt is not None else text[last.end:]
                    if not gap.strip().startswith(en.next_punct):
                        continue
                if en.next is not None and not (nxt_joined and (
                        _in_next(nxt.w, en.next, lang)
                        or (en.next_cap_any and nxt.raw[:1].isupper())
                        or (en.next_num and nxt.w.isdigit())
                        or (en.next_ing and len(nxt.w) > 5 and nxt.w.endswith("ing")))):
                    continue
                if en.next_indefinite and nxt_joined and (nxt.w.startswith("ال") or nxt.w in AR_DET):
                    continue
                if nxt_joined and nxt.w in en.next_not:
                    continue
                if en.after:
                    if not nxt_joined:
                        continue
                    w = nxt.w
                    if any(w == x or (lang == "ar" and w.startswith(x) and (len(x) <= 2 and len(w) > len(x) + 1
                                                                         or w[len(x):] in AR_PRONOUNS))
                           for x in en.expect):
                        continue
                    if w in preps or (w.isdigit() and lang == "en") or (lang == "ar" and w in AR_TIME):
                        continue
                    if lang == "en" and any(w.startswith(x) and len(w) > len(x) for x in en.expect):
                        continue  # a scraper glued the words: "according toReuters"
                    if lang == "ar" and any(w.startswith(x) and w[len(x):] in AR_PRONOUNS for x in AR_PREP_STEMS):
                        continue  # «سعيا منه إلى»
                    if lang == "ar":
                        definite = w.startswith("ال") or w in AR_DET
                        if en.next_definite and not definite:
                            continue
                        if not definite and w.endswith("ا"):  # an accusative adjective: «ردا رسميا»
                            continue
                    else:
                        if en.next is None and en.next_capital and not nxt.raw[:1].isupper():
                            continue
                    if en.next_capital and not nxt.raw[:1].isupper() and nxt.w not in EN_DET:
                        continue
                # analysis veto
                if use_an and en.veto_upos:
                    bs, be = base(toks[i].start, last.end)
                    at = _analysis(doc, bs, be)
                    if at is not None:
                        tok, sent = _token_at(at, bs, be)
                        # the head is a verb with a subject or a complement of its own:
                        # «ظل الوضع متوترا», «ظل يحكم»
                        if tok is not None and tok.upos in en.veto_upos and any(
                                c.deprel.split(":")[0] in ("nsubj", "csubj", "xcomp", "ccomp")
                                for c in sent.children(tok.index)):
                            continue
                ins = en.insert
                if en.after:
                    ns = base(nxt.start, nxt.start)[0]
                    if lang == "en":
                        ps = base(last.end, last.end)[0]
                        edit = Edit(ps, ps, " " + ins)
                        span = (ps, ps)
                    elif en.glue or len(ins) == 1:
                        if ins == "ل" and nxt.w.startswith("ال") and doc.text[ns:ns + 1] == "ا":
                            edit = Edit(ns, ns + 1, "ل")
                        else:
                            edit = Edit(ns, ns, ins)
                        span = (ns, ns)
                    else:
                        edit = Edit(ns, ns, ins + " ")
                        span = (ns, ns)
                else:
                    hs = base(toks[i].start + len(clitic), toks[i].start + len(clitic))[0]
                    if lang == "en" and toks[i].raw[:1].isupper() and _starts_clause(toks, i):
                        ins = ins[:1].upper() + ins[1:]
                        rest = toks[i].raw
                        edit = Edit(hs, hs + 1, ins + " " + rest[:1].lower())
                    else:
                        edit = Edit(hs, hs, ins if en.glue else ins + " ")
                    span = (hs, hs)
                if floor is not None and _model_probability(doc, span[0], en.insert) < floor:
                    continue
                hs0, he0 = base(toks[i].start, last.end)
                head = doc.text[hs0:he0]
                phrase = en.phrase if en.phrase_rest is None else _strip_clitic(head, clitic) + en.phrase_rest
                yield Hit(span[0], span[1], {"missing": en.insert, "phrase": phrase, "head": head},
                          Fix(en.fix, (edit,)))
                break

    return check


def _model_probability(doc, pos: int, word: str) -> float:
    """The gap model's probability that `word` is missing before the token at (or holding)
    doc.text offset `pos`; 0 for a word the model does not know."""
    from bisect import bisect_right

    from factcheck.gapmodel import CLASSES, doc_scores

    if word not in CLASSES:
        return 0.0
    sc = doc_scores(doc)
    starts = doc.cache.get("gap-model-starts")
    if starts is None or len(starts) != len(sc.toks):
        starts = doc.cache["gap-model-starts"] = [t.start for t in sc.toks]
    k = bisect_right(starts, pos) - 1
    if k < 0 or not (sc.toks[k].start <= pos < max(sc.toks[k].end, sc.toks[k].start + 1)):
        return 0.0
    return float(sc.gap[k, CLASSES.index(word)])


# ---------------------------------------------------------------- place

AR_NUMBER_WORDS = set(fold_key(x, "ar") for x in """ألف آلاف الاف مليون ملايين مليار مليارات مئة مائة مئات عشرات
ألفا ألفي مليونا مليوني مئتي مائتي مئتا""".split())
EN_NUMBER_WORDS = set("hundred hundreds thousand thousands million millions billion billions dozen dozens".split())
AR_UNITS = set(fold_key(x, "ar") for x in """دولار ريال دينار جنيه درهم ليرة يورو روبية ين يوان فرنك شيكل
متر كيلومتر كلم كم ميل هكتار طن كيلوغرام كغ لتر برميل قدم بوصة ساعة دقيقة ثانية يوما يوم شهرا سنة سنوات عاما
درجة نقطة هدف هدفا مباراة جولة بالمئة بالمائة في المئة""".split())
AR_LABELS = set(fold_key(x, "ar") for x in "رقم برقم الرقم ورقم لرقم".split())  # «الشكوى رقم 548»
EN_LABELS: set[str] = set()  # none seen in English copy yet
EN_UNITS = set("""dollars dollar pounds euros yen yuan rupees barrels tonnes tons miles kilometers kilometres
meters metres feet acres hectares points goals years months weeks days hours minutes seconds percent per""".split())


def _is_script(w: str, lang: str) -> bool:
    """A word of the copy's own script (or a number)."""
    if lang == "ar":
        return w.isdigit() or any("\u0621" <= c <= "\u064a" for c in w)
    return True


def _clitic_word(raw: str) -> bool:
    """«لمعرض» = ل + معرض: the word without its first letter is a common word and the
    whole is rarer. `raw` is the word as written: the frequency list is keyed by
    light_fold, which keeps «ة» (the tokens' fold_key does not: «بمحافظة» → «بمحافظه»)."""
    from factcheck.lexicon import freq, light_fold

    f = freq("ar")
    w = light_fold(raw)
    whole, rest = f.get(w, 0.0), f.get(w[1:], 0.0)
    # «باتجاه» is as common as «اتجاه»; «لمبادلات» is in no list, «مبادلات» is
    return (rest >= 3.0 and rest >= whole) or (whole == 0.0 and rest >= 2.0)


def _headline(text: str, toks, i: int, memo: dict | None = None) -> bool:
    """A short line without final punctuation (a title or a caption). `memo` (line start ->
    answer, one per document) keeps a long line with many candidates from being read again
    for each: 3,000 of them on one line took 6.5 s."""
    ls = text.rfind("\n", 0, toks[i].start) + 1
    if memo is not None and ls in memo:
        return memo[ls]
    le = text.find("\n", toks[i].start)
    le = len(text) if le == -1 else le
    line = text[ls:le].rstrip()
    out = len(line.split()) <= 16 and not line.endswith((".", "!", "?", "؟", ":", "،", ","))
    if memo is not None:
        memo[ls] = out
    return out


def build_place(rule):
    o = rule.options
    lang = rule.lang
    ins = o["insert"] or ("في" if lang == "ar" else "in")
    num_words = AR_NUMBER_WORDS if lang == "ar" else EN_NUMBER_WORDS
    units = AR_UNITS if lang == "ar" else EN_UNITS
    preps = AR_PREPOSITIONS if lang == "ar" else EN_PREPOSITIONS
    use_an = o["use_analysis"]
    cmax = o["counted_max"]
    labels = AR_LABELS if lang == "ar" else EN_LABELS

    def is_num(t):
        w = t.w
        if w in num_words:
            return True
        return w[:1].isdigit() and w.replace(",", "").replace(".", "").isdigit()

    def check(doc):
        lines: dict = {}  # line start -> a headline? (_headline)
        text, toks, view = doc_tokens(doc)
        n = len(toks)

        def base(s, e):
            return view.to_base(s, e) if view is not None else (s, e)

        # is_num holds only where the word starts with a digit or is a number word: look only there
        for i in sorted({*digit_positions(doc), *token_positions(doc, num_words)}):
            if not is_num(toks[i]):
                continue
            w0 = toks[i].w
            if w0.isdigit() and len(w0) == 4 and 1300 <= int(w0) <= 2100:
                continue  # a year: «عام 2017 أعلنت الصين»
            if i > 0 and plain_gap(toks[i].pre) and not _is_script(toks[i - 1].w, lang):
                continue  # a model number: «Exynos 9810»
            if i > 0 and toks[i].pre in (":", ".") and toks[i - 1].w.isdigit():
                continue  # a time of day or a score: «20:45 بتوقيت باريس»
            if i > 0 and toks[i].pre.strip(" \u00a0") in ("-", "–") and toks[i - 1].w.isdigit():
                continue  # a score: «تعادلت مع البرتغال 2-2 ثم تركيا», «3 - 1»
            if i > 0 and toks[i - 1].w in labels and plain_gap(toks[i].pre):
                continue  # a label, not a count: «الشكوى رقم 548 متهمة أميركا»
            j = i + 1
            while j < n and is_num(toks[j]) and plain_gap(toks[j].pre):
                j += 1
            # the counted noun(s)
            c = 0
            while j < n and c < cmax and plain_gap(toks[j].pre) and not is_num(toks[j]):
                w = toks[j].w
                if w in units or w in preps or match_place(toks, j, lang):
                    break
                if lang == "ar" and (w.startswith("ال") or w[:1] in "وفبلك" and len(w) > 3 and w[1:3] == "ال"):
                    break
                if lang == "ar" and w[:1] in "وفبلك" and _clitic_word(doc.text[slice(*base(toks[j].start, toks[j].end))]):
                    break  # «لمعرض»، «بمحافظة»، «وكأس»: a preposition or a conjunction, not a counted noun
                if lang == "en" and (not w.isalpha() or toks[j].raw[:1].isupper() or not w.endswith("s")):
                    break
                c += 1
                j += 1
            if c == 0 or j >= n or not plain_gap(toks[j].pre):
                continue
            k = match_place(toks, j, lang)
            if not k:
                continue
            if lang == "ar" and toks[j - 1].w.endswith("ا") and toks[j + k - 1].w.endswith("ا"):
                continue  # «24 بنكا تركيا»: an accusative adjective (Turkish), not the country
            if _headline(text, toks, i, lines):
                continue
            after = toks[j + k] if j + k < n else None
            if after is not None and plain_gap(after.pre) and is_num(after):
                continue  # a line of results: «اتحاد تطاوين 1 شبيبة القيروان 0»
            if lang == "en" and after is not None and plain_gap(after.pre):
                continue  # "the 500 troops Britain sent": a reduced relative clause
            if lang == "en" and i > 0 and toks[i - 1].w in ("the", "those", "these") and plain_gap(toks[i].pre):
                continue
            ps = base(toks[j].start, toks[j].start)[0]
            if use_an:
                pe = base(toks[j + k - 1].end, toks[j + k - 1].end)[0]
                at = _analysis(doc, ps, pe)
                if at is not None:
                    tok, sent = _token_at(at, ps, pe)
                    if tok is not None and tok.deprel.split(":")[0] in ("nsubj", "compound", "flat", "appos"):
                        continue
            hs, he = base(toks[j].start, toks[j + k - 1].end)
            yield Hit(ps, ps, {"missing": ins, "place": doc.text[hs:he], "phrase": f"{ins} {doc.text[hs:he]}"},
                      Fix(o["applicability"], (Edit(ps, ps, ins + " "),)))

    return check


# ---------------------------------------------------------------- date

AR_DATE_OK_BEFORE = set(fold_key(x, "ar") for x in """يوم اليوم الموافق تاريخ بتاريخ وتاريخ منذ حتى حتي لغاية
غاية حين قبل بعد من عن الى إلى في على و مساء صباح ليلة ليل فجر ظهر عصر ظهيرة مطلع أوائل اوائل أواخر منتصف نهاية
بداية بدء مواليد ميلاد أمس امس غدا اليوم الأحد الاثنين الإثنين الثلاثاء الأربعاء الخميس الجمعة السبت أحد اثنين
ثلاثاء أربعاء خميس جمعة سبت ويوم وحتى وفي ومنذ وقبل وبعد ومن عام العام سنة حوالي نحو مدى أيام ايام
شارع وشارع بشارع ساحة ميدان جسر حي ملعب مطار نهج جامعة مستشفى ثورة""".split())  # names: «شارع 7 نوفمبر»


def build_date(rule):
    from factcheck.resources import load_data

    o = rule.options
    lang = rule.lang
    ins = o["insert"] or ("في" if lang == "ar" else "on")
    data = load_data(lang, "dates/grammar/months.yaml")
    months: dict[str, list[tuple[str, ...]]] = {}
    for names in data["gregorian"].values():
        for nm in names:
            ws = _words(nm, lang)
            months.setdefault(ws[0], []).append(ws)
    ok_before = AR_DATE_OK_BEFORE if lang == "ar" else EN_PREPOSITIONS
    use_an = o["use_analysis"]
    weekdays = set()
    for names in data.get("weekdays", {}).values():
        for nm in names:
            weekdays |= set(_words(nm, lang))

    def check(doc):
        lines: dict = {}  # line start -> a headline? (_headline)
        text, toks, view = doc_tokens(doc)
        n = len(toks)

        def base(s, e):
            return view.to_base(s, e) if view is not None else (s, e)

        for i in digit_positions(doc):  # the day is digits: look only there
            if not 2 <= i < n - 1:
                continue
            d = toks[i]
            if not (d.w.isdigit() and 1 <= len(d.w) <= 2 and 1 <= int(d.w) <= 31):
                continue
            m = toks[i + 1]
            if not plain_gap(m.pre) or m.w not in months:
                continue
            if not plain_gap(d.pre):
                continue
            p = toks[i - 1]
            pw = p.w
            if pw in ok_before or pw in weekdays or pw.isdigit() or any(pw.endswith(x) for x in ("يوم",)):
                continue
            if lang == "ar" and pw[:1] in "وفبل" and (pw[1:] in ok_before or pw[1:] in weekdays):
                continue
            if lang == "ar" and pw[:1] in "بل" and len(pw) > 2:  # «بتاريخ», «لغاية» and the like
                continue
            # a dateline: «الرياض 12 مارس» at the start of a line (two words or less before it)
            ls = text.rfind("\n", 0, d.start) + 1
            before = [t for t in toks[max(0, i - 4):i] if t.start >= ls]
            if len(before) <= 2 and not any(is_boundary(t.pre) for t in before[1:]):
                continue
            if is_boundary(p.pre) and len([t for t in toks[max(0, i - 3):i] if t.start >= ls]) <= 1:
                continue
            # «الخميس الماضي 12 مارس», «عدد 12 مارس» and parenthesised dates
            if "(" in d.pre or "-" in d.pre:
                continue
            if _headline(text, toks, i, lines):
                continue
            ds = base(d.start, d.start)[0]
            # an indefinite noun before the date is in idafa with it: «ثورة 25 يناير»,
            # «شارع 7 نوفمبر», «قانون 7 أوت»; a definite noun is not: «أعلن المقترحات 30 يونيو»
            definite = pw.startswith("ال") or (pw[:1] in "وفبلك" and pw[1:3] == "ال")
            if not definite:
                if not use_an:
                    continue
                ps, pe = base(p.start, p.end)
                at = _analysis(doc, ps, pe)
                tok = _token_at(at, ps, pe)[0] if at is not None else None
                if tok is None or tok.upos not in ("VERB", "AUX"):
                    continue
            yield Hit(ds, ds, {"missing": ins, "phrase": f"{ins} {d.raw}"},
                      Fix(o["applicability"], (Edit(ds, ds, ins + " "),)))

    return check


def build(rule):
    mode = rule.options["mode"]
    if mode == "place":
        return build_place(rule)
    if mode == "date":
        return build_date(rule)
    return build_fixed(rule)
