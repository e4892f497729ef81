"""Recall on seeded errors: one error injected (fixed seed) into a copy of a clean article.

An injected error counts as caught when a finding that was not there before the
injection overlaps the injected span and has one of the expected categories
(``EXPECTED`` below: the only place where error types are tied to rules). Findings
that appear elsewhere after the injection are counted too (side effects).
"""

from __future__ import annotations

import datetime as _dt
import random
from collections import Counter
from dataclasses import dataclass

import regex

from bench.common import SEED, articles, check_text, context, make_engine, r3

# ------------------------------------------------------------------ vocabulary

EN_MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
             "November", "December"]
EN_WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
AR_WEEKDAYS = ["الاثنين", "الثلاثاء", "الأربعاء", "الخميس", "الجمعة", "السبت", "الأحد"]  # Monday first, like date.weekday()
AR_MONTHS = {
    "egyptian": ["يناير", "فبراير", "مارس", "أبريل", "مايو", "يونيو", "يوليو", "أغسطس", "سبتمبر", "أكتوبر", "نوفمبر",
                 "ديسمبر"],
    "levantine": ["كانون الثاني", "شباط", "آذار", "نيسان", "أيار", "حزيران", "تموز", "آب", "أيلول", "تشرين الأول",
                  "تشرين الثاني", "كانون الأول"],
    "maghrebi": ["جانفي", "فيفري", "مارس", "أفريل", "ماي", "جوان", "جويلية", "أوت", "سبتمبر", "أكتوبر", "نوفمبر",
                 "ديسمبر"],
}
AR_MONTH_INDEX = {}
for _fam, _names in AR_MONTHS.items():
    for _i, _n in enumerate(_names):
        AR_MONTH_INDEX.setdefault(_n, (_i + 1, _fam))
# a few common spellings
for _alt, _n in (("ابريل", "أبريل"), ("إبريل", "أبريل"), ("اغسطس", "أغسطس"), ("اكتوبر", "أكتوبر"), ("أيلول", "أيلول")):
    AR_MONTH_INDEX.setdefault(_alt, AR_MONTH_INDEX[_n])
_AR_MONTH_ALT = "|".join(sorted(map(regex.escape, AR_MONTH_INDEX), key=len, reverse=True))
_AR_WD_ALT = "الأحد|الاحد|الاثنين|الإثنين|الثلاثاء|الأربعاء|الاربعاء|الخميس|الجمعة|السبت"

EN_PREP_PHRASES = [("according to", 9), ("in addition to", 11), ("because of", 7), ("due to", 3),
                   ("in front of", 8), ("in order to", 8), ("instead of", 7), ("on behalf of", 9),
                   ("prior to", 5), ("in response to", 11), ("as well as", 7), ("in charge of", 9),
                   ("ahead of", 5), ("in favor of", 8), ("rather than", 6)]

VARIANTS = {
    "ar": [("أمريك", "أميرك"), ("ديمقراط", "ديموقراط"), ("الكونغرس", "الكونجرس"), ("أوروب", "أورب"),
           ("فيسبوك", "فايسبوك"), ("غوغل", "جوجل"), ("إنترنت", "انترنت"),
           ("الإمارات", "الامارات"), ("إسرائيل", "اسرائيل"), ("إيران", "ايران")],
    "en": [("percent", "per cent"), ("toward", "towards"), ("organization", "organisation"), ("defense", "defence"),
           ("program", "programme"), ("center", "centre"), ("favor", "favour"), ("labor", "labour"),
           ("analyze", "analyse"), ("criticized", "criticised"), ("recognized", "recognised")],
}

WORD = regex.compile(r"[\p{L}\p{M}]+")
_SPACE_OR_END = regex.compile(r"\s|$")


@dataclass
class Injection:
    pos: int
    old_len: int
    new: str
    span: tuple[int, int]  # in the new text
    note: str

    def apply(self, text: str) -> str:
        return text[:self.pos] + self.new + text[self.pos + self.old_len:]

    @property
    def delta(self) -> int:
        return len(self.new) - self.old_len


def body_start(text: str) -> int:
    i = text.find("\n\n")
    return i + 2 if i >= 0 else 0


def _pick(rng, items):
    return rng.choice(items) if items else None


def _tokens_around(text: str, pos: int) -> tuple[int, int]:
    """Start of the token before `pos` and end of the token at/after it."""
    i = pos
    while i > 0 and text[i - 1].isspace():
        i -= 1
    while i > 0 and not text[i - 1].isspace():
        i -= 1
    j = pos
    while j < len(text) and text[j].isspace():
        j += 1
    while j < len(text) and not text[j].isspace():
        j += 1
    return i, j


def _word_at(text: str, pos: int) -> tuple[int, int]:
    i, j = pos, pos
    while i > 0 and not text[i - 1].isspace():
        i -= 1
    while j < len(text) and not text[j].isspace():
        j += 1
    return i, j


# ------------------------------------------------------------------ injectors
# Each: (text, lang, published, rng) -> Injection | None

def inj_dup_punct(text, lang, pub, rng):
    marks = ".,;:!?" if lang == "en" else ".،؛:!؟,"
    b = body_start(text)
    cands = [i for i in range(b + 1, len(text) - 1)
             if text[i] in marks and text[i - 1].isalpha() and (text[i + 1] in " \n")
             and text[i - 1:i + 2].count(".") < 2]
    i = _pick(rng, cands)
    if i is None:
        return None
    return Injection(i + 1, 0, text[i], (i, i + 2), f"{text[i]!r} doubled")


def inj_repeated_word(text, lang, pub, rng):
    b = body_start(text)
    cands = [m for m in WORD.finditer(text, b) if len(m.group()) >= 2 and
             m.end() < len(text) and text[m.end()] in " \n"]
    m = _pick(rng, cands)
    if m is None:
        return None
    w = m.group()
    return Injection(m.end(), 0, " " + w, (m.start(), m.end() + 1 + len(w)), f"{w!r} repeated")


_Q_AR = regex.compile(r"«([^«»\n]{3,300})»")
_Q_EN = regex.compile(r"“([^“”\n]{3,300})”")
_Q_STRAIGHT = regex.compile(r'(?<![\w"])"([^"\n]{3,300})"')


def inj_dropped_close_quote(text, lang, pub, rng):
    b = body_start(text)
    pats = [_Q_AR, _Q_STRAIGHT] if lang == "ar" else [_Q_EN, _Q_STRAIGHT]
    cands = []
    for p in pats:
        for m in p.finditer(text, b):
            ls = text.rfind("\n", 0, m.start()) + 1
            le = text.find("\n", m.end())
            le = len(text) if le < 0 else le
            line = text[ls:le]
            if p is _Q_STRAIGHT and line.count('"') % 2:
                continue
            if "``" in line or "''" in line:  # TempEval typewriter quotes
                continue
            cands.append((m, le))
    got = _pick(rng, cands)
    if got is None:
        return None
    m, le = got
    close = m.end() - 1
    return Injection(close, 1, "", (m.start(), le - 1), f"closing {text[close]!r} dropped")


_FI_ALONE = regex.compile(r"(?<=\s)في(?=\s)")


def inj_fi_deleted(text, lang, pub, rng):
    if lang != "ar":
        return None
    cands = list(_FI_ALONE.finditer(text, body_start(text)))
    m = _pick(rng, cands)
    if m is None:
        return None
    inj = Injection(m.start(), 3, "", (0, 0), "«في» deleted")
    t2 = inj.apply(text)
    inj.span = _tokens_around(t2, m.start())
    return inj


_AR_WORD = regex.compile(r"\p{Arabic}{6,}")


def inj_fi_in_word(text, lang, pub, rng):
    if lang != "ar":
        return None
    cands = []
    for m in _AR_WORD.finditer(text, body_start(text)):
        w = m.group()
        k = w.find("في", 2)
        if 2 <= k <= len(w) - 3:
            cands.append((m, k))
    got = _pick(rng, cands)
    if got is None:
        return None
    m, k = got
    w = m.group()
    return Injection(m.start() + k, 2, "", (m.start(), m.end() - 2), f"«في» dropped inside {w}→{w[:k] + w[k + 2:]}")


def inj_en_prep_deleted(text, lang, pub, rng):
    if lang != "en":
        return None
    b = body_start(text)
    cands = []
    for phrase, cut in EN_PREP_PHRASES:
        for m in regex.finditer(r"\b" + regex.escape(phrase) + r"\b", text[b:]):
            s = b + m.start()
            cands.append((s, phrase, cut))
    got = _pick(rng, cands)
    if got is None:
        return None
    s, phrase, cut = got
    # delete the preposition that follows `cut` characters ("according| to")
    inj = Injection(s + cut, len(phrase) - cut, "", (0, 0), f"{phrase!r} → {phrase[:cut]!r}")
    t2 = inj.apply(text)
    _, j = _tokens_around(t2, s + cut)
    inj.span = (s, j)
    return inj


_EN_DATE = regex.compile(r"\b(?:(" + "|".join(EN_WEEKDAYS) + r"),?\s+)?(" + "|".join(EN_MONTHS) +
                         r")\s+(\d{1,2})(?:st|nd|rd|th)?\b(?:,?\s+(\d{4})\b)?")
_AR_DATE = regex.compile(r"(?:(?<![\p{L}ـ])(?:يوم\s+)?(" + _AR_WD_ALT + r")\s+(?:الموافق\s+)?)?(?<![\d\p{L}ـ])(\d{1,2})\s+(?:من\s+)?(" +
                         _AR_MONTH_ALT + r")(?:\s+(?:من\s+)?(?:عام\s+)?(\d{4}))?")


def _resolve(day, month, year, pub):
    try:
        if year:
            return _dt.date(int(year), month, int(day))
        if pub is None:
            return None
        d = _dt.date(pub.year, month, int(day))
        if d > pub + _dt.timedelta(days=60):
            d = _dt.date(pub.year - 1, month, int(day))
        return d
    except ValueError:
        return None


def inj_weekday_mismatch(text, lang, pub, rng):
    b = body_start(text)
    cands = []
    if lang == "en":
        for m in _EN_DATE.finditer(text, b):
            d = _resolve(m.group(3), EN_MONTHS.index(m.group(2)) + 1, m.group(4), pub)
            if d:
                cands.append((m, d))
    else:
        for m in _AR_DATE.finditer(text, b):
            d = _resolve(m.group(2), AR_MONTH_INDEX[m.group(3)][0], m.group(4), pub)
            if d:
                cands.append((m, d))
    got = _pick(rng, cands)
    if got is None:
        return None
    m, d = got
    wrong = (d.weekday() + rng.randint(1, 6)) % 7
    names = EN_WEEKDAYS if lang == "en" else AR_WEEKDAYS
    if m.group(1):
        inj = Injection(m.start(1), len(m.group(1)), names[wrong], (0, 0), f"weekday of {d} → {names[wrong]}")
        inj.span = (m.start(), m.end() + inj.delta)
    else:
        ins = f"{names[wrong]}, " if lang == "en" else f"يوم {names[wrong]} "
        start = m.start(2)
        inj = Injection(start, 0, ins, (start, m.end() + len(ins)), f"{names[wrong]} put before {d}")
    return inj


def _ar_family(text):
    counts = Counter()
    for fam, names in AR_MONTHS.items():
        for n in names:
            if n in ("مارس", "سبتمبر", "أكتوبر", "نوفمبر", "ديسمبر"):
                continue
            counts[fam] += len(regex.findall(r"(?<!\p{L})" + regex.escape(n) + r"(?!\p{L})", text))
    return counts.most_common(1)[0][0] if counts and counts.most_common(1)[0][1] else "egyptian"


_AR_PAST = regex.compile(r"(?<![\d/]\s?)(?<![\p{L}ـ])(" + _AR_MONTH_ALT + r")\s+الماضي")  # no day number before it
_AR_BARE = regex.compile(r"(?<![\d/]\s?)(?<!\p{L})(" + _AR_MONTH_ALT + r")(?![\p{L}\d/])(?!\s+(?:من\s+)?(?:عام\s+)?\d)")
_EN_PAST = regex.compile(r"\b(last|in)\s+(" + "|".join(EN_MONTHS) + r")\b(?!\s+\d)(?!,\s+\d)")


def inj_month_past_pubmonth(text, lang, pub, rng):
    if pub is None:
        return None
    b = body_start(text)
    if lang == "ar":
        fam = _ar_family(text)
        pm = AR_MONTHS[fam][pub.month - 1]
        cands = [("past", m) for m in _AR_PAST.finditer(text, b) if m.group(1) != pm]
        if not cands:
            cands = [("bare", m) for m in _AR_BARE.finditer(text, b) if m.group(1) != pm]
        got = _pick(rng, cands)
        if got is None:
            return None
        how, m = got
        if how == "past":
            inj = Injection(m.start(1), len(m.group(1)), pm, (0, 0), f"«{m.group(1)} الماضي» → «{pm} الماضي»")
            inj.span = (m.start(), m.end() + inj.delta)
        else:
            new = f"{pm} الماضي"
            inj = Injection(m.start(1), len(m.group(1)), new, (m.start(1), m.start(1) + len(new)),
                            f"«{m.group(1)}» → «{new}»")
        return inj
    pm = EN_MONTHS[pub.month - 1]
    cands = [m for m in _EN_PAST.finditer(text, b) if m.group(2) != pm]
    m = _pick(rng, cands)
    if m is None:
        return None
    new = f"last {pm}"
    return Injection(m.start(), m.end() - m.start(), new, (m.start(), m.start() + len(new)),
                     f"{m.group()!r} → {new!r} (published {pub:%B %Y})")


def inj_variant_flip(text, lang, pub, rng):
    b = body_start(text)
    opts = []
    for x, y in VARIANTS.get(lang, []):
        for a_, b_ in ((x, y), (y, x)):
            pat = regex.compile((r"\b" if lang == "en" else "") + regex.escape(a_))
            other = regex.compile((r"\b" if lang == "en" else "") + regex.escape(b_))
            occ = [m for m in pat.finditer(text)]
            if len(occ) >= 2 and not other.search(text) and any(m.start() >= b for m in occ[1:]):
                opts.append((a_, b_, [m for m in occ[1:] if m.start() >= b]))
    got = _pick(rng, opts)
    if got is None:
        return None
    a_, b_, occ = got
    m = rng.choice(occ)
    inj = Injection(m.start(), len(a_), b_, (0, 0), f"one {a_!r} of {len(occ) + 1} → {b_!r}")
    t2 = inj.apply(text)
    inj.span = _word_at(t2, m.start())
    return inj


_EN_NAME = regex.compile(r"\b[A-Z][a-z]{4,}\b")


def _zipf(word, lang):
    """Zipf frequency from the table factcheck ships (words under 2.0 count as 0), so that the
    injections do not depend on whether the `wordfreq` package is installed."""
    try:
        from factcheck import lexicon
    except ImportError:
        return 0.0
    key = lexicon.light_fold(word) if lang == "ar" else word.lower()
    return lexicon.zipf(key, lang)


def _misspell(w, rng):
    inner = [i for i in range(1, len(w) - 2) if w[i] != w[i + 1]]
    if not inner:
        return None
    i = rng.choice(inner)
    return w[:i] + w[i + 1] + w[i] + w[i + 2:]


def inj_name_misspelt(text, lang, pub, rng, damage=None):
    """One later use of a repeated rare word misspelt by `damage(word, rng)` (default: two
    neighbouring inner letters swapped, _misspell)."""
    b = body_start(text)
    pat = _EN_NAME if lang == "en" else _AR_WORD_4
    occ: dict = {}
    for m in pat.finditer(text):
        occ.setdefault(m.group(), []).append(m)
    cands = []
    for w, ms in occ.items():
        if len(ms) < 2 or not any(m.start() >= b for m in ms[1:]):
            continue
        if lang == "en" and _zipf(w, "en") >= 3.0:
            continue
        if lang == "ar" and _zipf(w, "ar") >= 2.5:
            continue
        cands.append(w)
    w = _pick(rng, sorted(cands))
    if w is None:
        return None
    m = rng.choice([m for m in occ[w][1:] if m.start() >= b])
    bad = (damage or _misspell)(w, rng)
    if bad is None:
        return None
    return Injection(m.start(), len(w), bad, (m.start(), m.start() + len(bad)),
                     f"one of {len(occ[w])} {w!r} → {bad!r}")


_AR_WORD_4 = regex.compile(r"(?<!\p{L})\p{Arabic}{4,}(?!\p{L})")
_NUM = regex.compile(r"(?<![\w.,])\d[\d,]*\d(?!\w)(?![.,]\d)")


def inj_figure_changed(text, lang, pub, rng):
    b = body_start(text)
    occ: dict = {}
    for m in _NUM.finditer(text):
        v = m.group()
        if len(v) == 4 and v.isdigit() and 1900 <= int(v) <= 2100:
            continue
        occ.setdefault(v, []).append(m)
    cands = sorted(v for v, ms in occ.items() if len(ms) >= 2 and any(m.start() >= b for m in ms[1:]))
    v = _pick(rng, cands)
    if v is None:
        return None
    m = rng.choice([m for m in occ[v][1:] if m.start() >= b])
    new = v[:-1] + str((int(v[-1]) + 1) % 10)
    return Injection(m.start(), len(v), new, (m.start(), m.start() + len(new)), f"one of {len(occ[v])} {v!r} → {new!r}")


# ------------------------------------------------------------------ the mapping

# error type -> (languages, expected categories, optional rule-id globs, injector, description)
EXPECTED = {
    "duplicated-punctuation": (("ar", "en"), {"punctuation"}, inj_dup_punct, "a punctuation mark typed twice"),
    "repeated-word": (("ar", "en"), {"repetition"}, inj_repeated_word, "a word typed twice"),
    "dropped-closing-quote": (("ar", "en"), {"quotes"}, inj_dropped_close_quote,
                              "the closing quote of a quotation deleted"),
    "fi-deleted": (("ar",), {"preposition"}, inj_fi_deleted, "«في» deleted on its own"),
    "fi-inside-word": (("ar",), {"spelling"}, inj_fi_in_word, "«في» deleted inside a word (الصحفيين→الصحين)"),
    "preposition-deleted": (("en",), {"preposition"}, inj_en_prep_deleted,
                            "a preposition deleted from a fixed phrase (according to→according)"),
    "weekday-contradicts-date": (("ar", "en"), {"date"}, inj_weekday_mismatch, "a weekday that contradicts its date"),
    "month-past-is-publication-month": (("ar", "en"), {"date"}, inj_month_past_pubmonth,
                                        "«<month> الماضي» / 'last <month>' naming the publication month"),
    "spelling-variant-flip": (("ar", "en"), {"spelling", "consistency"}, inj_variant_flip,
                              "one spelling variant flipped (أمريكي/أميركي; percent/per cent)"),
    "name-misspelt": (("ar", "en"), {"consistency", "spelling"}, inj_name_misspelt,
                      "one mention of a repeated name misspelt"),
    "figure-changed": (("ar", "en"), {"figure", "consistency"}, inj_figure_changed,
                       "one of two mentions of a figure changed"),
}


def _overlaps(fs, fe, s, e):
    if fs == fe:
        return s <= fs <= e
    return fs < e and fe > s


def _shift(x, inj):
    if x <= inj.pos:
        return x
    if x >= inj.pos + inj.old_len:
        return x + inj.delta
    return inj.pos


def evaluate(types=None, langs=("ar", "en"), per_type: int = 200, engine=None, article_pool=None,
             keep_examples: int = 3, seed: int = SEED) -> dict:
    """Inject and check. Returns per language, per type: injected, caught, recall, matched rules, side effects."""
    from factcheck.rules import load_rules

    engine = engine or make_engine(analysis=True)
    tl = None  # the timeline makes no findings
    rules = [r for r in load_rules().rules if not getattr(r, "disabled", False)]
    base_cache: dict = {}
    out: dict = {}
    for lang in langs:
        pool = list(article_pool[lang]) if article_pool else list(articles(lang))
        out[lang] = {}
        for tname, (tlangs, cats, inj_fn, desc) in EXPECTED.items():
            if types and tname not in types:
                continue
            if lang not in tlangs:
                continue
            covering = sorted(r.id for r in rules if r.lang == lang and r.category in cats)
            off = sorted(r.id for r in load_rules().rules
                         if r.lang == lang and r.category in cats and getattr(r, "disabled", False))
            rng = random.Random(f"{seed}:{lang}:{tname}")
            order = pool[:]
            rng.shuffle(order)
            n = caught = side = 0
            by_rule = Counter()
            examples_miss, examples_hit = [], []
            for a in order:
                if n >= per_type:
                    break
                text = a.text
                inj = inj_fn(text, lang, a.published, rng)
                if inj is None:
                    continue
                t2 = inj.apply(text)
                if a.name not in base_cache:
                    base_cache[a.name] = check_text(engine, a.name, text, lang, a.published, tl).findings
                before = {(f.rule, _shift(f.start, inj), _shift(f.end, inj)) for f in base_cache[a.name]}
                after = check_text(engine, a.name, t2, lang, a.published, tl).findings
                new = [f for f in after if (f.rule, f.start, f.end) not in before]
                s, e = inj.span
                hit = [f for f in new if _overlaps(f.start, f.end, s, e) and f.category in cats]
                n += 1
                side += sum(1 for f in new if not _overlaps(f.start, f.end, s, e))
                if hit:
                    caught += 1
                    by_rule.update({f.rule for f in hit})
                    if len(examples_hit) < keep_examples:
                        examples_hit.append({"article": a.name, "note": inj.note, "context": context(t2, s, e),
                                             "rules": sorted({f.rule for f in hit})})
                elif len(examples_miss) < keep_examples:
                    examples_miss.append({"article": a.name, "note": inj.note, "context": context(t2, s, e)})
            out[lang][tname] = {
                "description": desc, "expected_categories": sorted(cats), "rules_in_those_categories": covering,
                "status": "covered" if covering else "no rule yet", "disabled_rules_in_those_categories": off,
                "injected": n, "caught": caught, "recall": r3(caught / n) if n else None,
                "matched_rules": dict(by_rule.most_common()),
                "new_findings_elsewhere": side, "new_findings_elsewhere_per_100": r3(side * 100 / n) if n else None,
                "examples_caught": examples_hit, "examples_missed": examples_miss,
            }
    return out


def run(quick: bool = False, log=print) -> dict:
    per = 25 if quick else 200
    res = {"per_type": per, "seed": SEED,
           "matching": "caught = a finding absent before the injection overlaps the injected span and has an "
                       "expected category"}
    res.update(evaluate(per_type=per))
    for lang in ("ar", "en"):
        for t, x in res[lang].items():
            log(f"  {lang} {t}: {x['caught']}/{x['injected']} ({x['status']}) side {x['new_findings_elsewhere']}")
    return res
