"""Reading one number expression from a run of tokens: digits with their separators,
number words (Arabic cardinals in every gender and case, compounds, scale words and their
duals, fractions; English words, "a dozen", "1.5 million", "three-quarters").

The words and their classes are data (factcheck.figures.grammar); this module holds the
arithmetic that combines them, which is the same for both languages:
a number is a sum of groups, each group (below a thousand: hundreds, tens, units, in the
order the language writes them) multiplied by a scale word, scale words decreasing.
"""

from __future__ import annotations

from dataclasses import dataclass

from factcheck.figures.grammar import Grammar, ar_variants


@dataclass
class Core:
    i0: int  # first token
    i1: int  # token after the last
    s: int  # span in the text (the first token without its proclitics)
    e: int
    value: float
    words: bool  # some of it is written in words
    scale: float = 1  # the scale word of the last part (for ranges: «30 و40 ألفا»)
    fraction: bool = False  # a fraction of a whole («نصف السكان», "two-thirds of")
    digits: str = ""  # the digits as written, when the number is one digit token
    has_scale: bool = False
    definite: bool = False  # «الدول الأربع»: the numeral carries the article
    glued_article: bool = False  # «الإصابات الـ3800»: digits with the article, a plural noun before


def parse_digits(text: str, lang: str, count_hint: bool = False) -> float | None:
    """The value of a digit token: `,` `٬` and thin spaces group thousands, `٫` is a decimal
    mark, `.` is a decimal mark unless the groups say otherwise (guidelines §4)."""
    if "ر" in text:  # «50ر11»: 11.50, the fraction written first (the Saudi press)
        frac, _, whole = text.partition("ر")
        try:
            return float(f"{whole}.{frac}")
        except ValueError:
            return None
    s = text.replace("\u066c", ",").replace("\u2009", "").replace("\u202f", "").replace("\u00a0", "")
    s = s.replace("\u066b", ".")
    try:
        if "," in s and "." in s:
            if s.rfind(",") < s.rfind("."):  # 1,234.56
                return float(s.replace(",", ""))
            return float(s.replace(".", "").replace(",", "."))  # 1.234,56
        if "," in s:
            parts = s.split(",")
            if all(len(p) == 3 for p in parts[1:]) and 1 <= len(parts[0]) <= 3:
                return float("".join(parts))
            if len(parts) == 2:
                return float(parts[0] + "." + parts[1])  # «2,5 مليون»
            return float("".join(parts))
        if "." in s:
            parts = s.split(".")
            if len(parts) > 2:
                if all(len(p) == 3 for p in parts[1:]):
                    return float("".join(parts))
                if all(len(p) == 3 for p in parts[1:-1]) and len(parts[-1]) <= 2:
                    return float("".join(parts[:-1]) + "." + parts[-1])
                return float("".join(parts[:-1]) + "." + parts[-1])
            if lang == "ar" and count_hint and len(parts[1]) == 3 and parts[0] != "0":
                return float(parts[0] + parts[1])  # «10.000 طالب»
            return float(s)
        return float(s)
    except ValueError:
        return None


def num_value(v: float):
    """An int when the value is integral (16.6 × 1e9 is 16600000000, not ...000002)."""
    if isinstance(v, float):
        r = round(v)
        if abs(v - r) <= 1e-9 * max(1.0, abs(v)) and abs(v) < 1e18:
            return int(r)
        r6 = round(v, 6)
        return r6 if abs(v - r6) < 1e-9 else v
    return v


class Reader:
    """Reads number words of one language at token positions."""

    def __init__(self, g: Grammar):
        self.g = g
        self.ar = g.lang == "ar"

    def word(self, key: str, first: bool, teen_first: bool = False, definite_tail: bool = False):
        """(class, value, form, proclitic length, article) of a word token, or None.
        Later words of a number may carry «و» (the connector) and nothing else, but the later
        words of a definite number carry the article too (`definite_tail`: «الخمسة والعشرين»).
        «أحد»/«إحدى» (one of) are numbers only before «عشر»: `teen_first` says so."""
        g = self.g
        if key in g.not_numbers and not teen_first:
            return None
        if not self.ar:
            r = g.words.get(key)
            return (r[0], r[1], r[2], 0, False) if r else None
        for pre, rest in ar_variants(key):
            if not first and pre not in ("", "و"):
                continue
            if "ك" in pre:
                continue  # «كمية» is not ك + مية
            r = g.words.get(rest)
            if r is not None:
                if rest in g.not_numbers and not (teen_first and r[0] == "teen_first"):
                    return None
                return (r[0], r[1], r[2], len(pre), False)
            if rest.startswith("ال") and len(rest) > 3:
                r = g.words.get(rest[2:])
                if r is not None and definite_tail and r[0] == "tens":
                    return (r[0], r[1], r[2], len(pre), True)  # «الخمسة والعشرين»
                if r is not None and (r[0] in ("unit", "ten") or (r[0] == "scale" and r[2] == "dual")
                                      or (r[0] == "hundreds" and r[1] == 200)):
                    if r[0] == "unit" and r[1] in (1, 2) and r[2] != "dual":
                        continue  # «الاثنين» Monday, «الواحد»
                    return (r[0], r[1], r[2], len(pre), True)
        return None

    def _definite_small_unit(self, key: str, next_key: str):
        """«الاثنين» / «الواحد» (Monday, the One) as the units of a definite compound: only
        before «و» + a definite tens word («المتهمين الاثنين والثلاثين»)."""
        g = self.g
        for pre, rest in ar_variants(key):
            if pre not in ("", "و") or not rest.startswith("ال"):
                continue
            r = g.words.get(rest[2:])
            if r is None or r[0] != "unit" or r[1] not in (1, 2) or r[2] == "dual":
                continue
            nxt = self.word(next_key, False, definite_tail=True)
            if nxt is not None and nxt[0] == "tens" and nxt[4] and nxt[3] >= 1:
                return (r[0], r[1], r[2], len(pre), True)
        return None

    def parse(self, toks, i: int, count_hint=None) -> Core | None:
        """The longest number expression starting at token i."""
        g = self.g
        t = toks[i]
        total = 0.0
        group = 0.0
        have = set()  # what the current group has: h t u teen
        words = False
        scale_used = 0.0
        last_scale = 1.0
        has_scale = False
        j = i
        start = t.s
        fraction = False
        digits = ""
        definite = False
        article = False  # English «a» read as one
        n = len(toks)
        if t.kind == "n":
            v = parse_digits(t.text, g.lang, count_hint(i) if count_hint else False)
            if v is None:
                return None
            group = v
            have = {"d"}
            digits = t.text
            j = i + 1
        elif t.kind == "w":
            r = self.word(t.key, True)
            if r is None and self.ar and i + 1 < n and toks[i + 1].kind == "w":
                nr = self.word(toks[i + 1].key, False)
                if nr is not None and nr[0] == "ten":
                    r = self.word(t.key, True, teen_first=True)  # «أحد عشر»
            if r is None and self.ar and i + 1 < n and toks[i + 1].kind == "w":
                r = self._definite_small_unit(t.key, toks[i + 1].key)
            if r is None:
                if not self.ar and t.key in g.article_words and i + 1 < n and toks[i + 1].kind == "w":
                    nxt = self.word(toks[i + 1].key, False)
                    if nxt and nxt[0] in ("hundred", "scale", "dozen") or (
                            nxt and nxt[0] == "fraction" and nxt[1] != 0.5):
                        group = 1.0
                        article = True
                        have = {"u"}
                        words = True
                        j = i + 1
                    elif nxt and nxt[0] == "fraction" and nxt[1] == 0.5:
                        return None  # «a half»: time or «one and a half»
                    else:
                        return None
                elif self.ar and t.key in g.frac_def or (self.ar and any(rest in g.frac_def for _, rest in ar_variants(t.key))):
                    pass
                else:
                    return None
            if not article:
                if r is None:
                    # Arabic «خمس الميزانية»: a fraction only before a definite noun
                    pre, rest = next(((p, x) for p, x in ar_variants(t.key) if x in g.frac_def), ("", ""))
                    nxt = toks[i + 1] if i + 1 < n else None
                    if not rest or nxt is None or nxt.kind != "w" or not nxt.key.startswith("ال"):
                        return None
                    return Core(i, i + 1, t.s + len(pre), t.e, g.frac_def[rest], True, fraction=True)
                cls, v, form, plen, art = r
                start = t.s + plen
                words = True
                definite = art
                if cls == "unit":
                    group, have = v, {"u"}
                elif cls == "teen":
                    group, have = v, {"teen"}
                elif cls == "ten":
                    group, have = 10, {"teen"}
                elif cls == "teen_first":
                    nxt = toks[i + 1] if i + 1 < n else None
                    nr = self.word(nxt.key, False) if nxt is not None and nxt.kind == "w" else None
                    if not nr or nr[0] != "ten":
                        return None
                    group, have = 10 + v, {"teen"}
                    j = i + 1
                elif cls == "tens":
                    group, have = v, {"t"}
                elif cls == "hundred":
                    group, have = 100, {"h"}
                elif cls == "hundreds":
                    group, have = v, {"h"}
                elif cls == "scale":
                    if form == "plural":
                        return None  # «آلاف» alone: vague
                    mult = 2 if form == "dual" else 1
                    if not self.ar and not article:
                        return None  # "million" alone
                    total, group, have = mult * v, 0.0, set()
                    last_scale = scale_used = v
                    has_scale = True
                elif cls == "fraction":
                    fr = self._fraction_start(toks, i, v)
                    if fr is None:
                        return None
                    return fr
                elif cls == "dozen":
                    return None  # "dozen" alone; "a dozen" goes through the article
                else:
                    return None
                j = j + 1
        else:
            return None
        end = toks[j - 1].e
        # ---- continue: more words of the same number
        while j < n:
            t = toks[j]
            conn = False
            k = j
            # connectors: Arabic «و» alone (glued: read below), English «and», «-» between words
            if t.kind == "w" and t.key == ("و" if self.ar else "and") and k + 1 < n:
                conn, k = True, k + 1
            elif (not self.ar and t.kind == "p" and t.text == "-" and k + 1 < n
                  and t.s == toks[k - 1].e and toks[k + 1].s == t.e):
                conn, k = True, k + 1
            u = toks[k]
            if u.kind == "n":
                # «مليون و200 ألف»: a digit group after a scale word, then a smaller scale word
                if not (self.ar and conn and scale_used and not group):
                    break
                v = parse_digits(u.text, g.lang)
                if v is None or v >= scale_used or k + 1 >= n or toks[k + 1].kind != "w":
                    break
                r2 = self.word(toks[k + 1].key, False)
                if not (r2 and r2[0] == "scale" and r2[1] < scale_used and r2[3] == 0):
                    break
                group, have = v, {"d"}
                j, end = k + 1, u.e
                continue
            if u.kind != "w":
                break
            r = self.word(u.key, False, definite_tail=definite)
            if r is not None and self.ar and r[3] == 1:
                if conn:
                    break  # «و وعشرون»
                conn = True  # «وعشرون»: the connector glued
            if r is None:
                # "and a half" after a number or a scale word
                if conn and not self.ar and u.key in g.article_words and k + 1 < n and toks[k + 1].kind == "w":
                    r3 = self.word(toks[k + 1].key, False)
                    if r3 and r3[0] == "fraction" and r3[1] == 0.5:
                        if group:
                            group += 0.5
                        elif has_scale:
                            total += 0.5 * last_scale
                        else:
                            break
                        j, end, words = k + 2, toks[k + 1].e, True
                        continue
                break
            cls, v, form, plen, art = r
            if art and cls != "scale" and not (definite and cls == "tens"):
                break  # an article inside a number, except the tens of a definite one («الخمسة والعشرين»)
            hyphen = t.kind == "p"
            if cls == "unit":
                if {"u", "teen", "d"} & have:
                    break
                if "t" in have and not (self.ar and conn) and not (not self.ar and (hyphen or not conn)):
                    break
                if "h" in have and "t" not in have and not conn and self.ar:
                    break
                if not self.ar and conn and not hyphen and "h" not in have and not (has_scale and not have):
                    break
                group += v
                have.add("u")
            elif cls == "ten":
                if have == {"u"} and not conn:
                    group += 10  # «ثلاثة عشر»
                    have = {"teen"}
                elif self.ar and conn and not ({"u", "t", "teen", "d"} & have):
                    group += 10
                    have.add("teen")
                else:
                    break
            elif cls == "teen":
                if {"u", "t", "teen", "d"} & have:
                    break
                if not self.ar and conn and "h" not in have and not (has_scale and not have):
                    break
                group += v
                have.add("teen")
            elif cls == "tens":
                if {"t", "teen", "d"} & have:
                    break
                if "u" in have and not (self.ar and conn):
                    break
                if not self.ar and conn and "h" not in have and not (has_scale and not have):
                    break
                if self.ar and have and not conn:
                    break
                group += v
                have.add("t")
            elif cls == "hundred":
                if have == {"u"} and not conn:
                    group, have = group * 100, {"h"}  # «ثلاث مئة», "three hundred"
                elif self.ar and conn and not have and has_scale:
                    group, have = 100, {"h"}  # «ألف ومئة»
                else:
                    break
            elif cls == "hundreds":
                if have or not conn:
                    break
                group, have = v, {"h"}
            elif cls == "scale":
                if conn:
                    # «مليون وألف»: a smaller scale word alone after a larger one
                    if self.ar and has_scale and not group and v < scale_used and form != "plural":
                        total += (2 if form == "dual" else 1) * v
                        last_scale = v
                        j, end = k + 1, u.e
                        continue
                    break
                if scale_used and v >= scale_used:
                    break
                if form == "dual":
                    if have:
                        break
                    mult = 2
                elif have:
                    mult = group
                else:
                    break
                total += mult * v
                group, have = 0.0, set()
                last_scale = scale_used = v
                has_scale = True
            elif cls == "fraction":
                # «مليار ونصف المليار», «ثلاثة ملايين ونصف»
                if not conn or v not in (0.5, 0.25):
                    break
                if group and not has_scale:
                    group += v
                elif has_scale and not group:
                    total += v * last_scale
                else:
                    break
                j, end, words = k + 1, u.e, True
                if j < n and toks[j].kind == "w" and toks[j].key.startswith("ال"):  # «ونصف المليار»
                    r4 = g.words.get(toks[j].key[2:])
                    if r4 and r4[0] == "scale" and r4[1] == last_scale:
                        end = toks[j].e
                        j += 1
                continue
            elif cls == "denominator":
                if have == {"u"} and not conn:
                    return Core(i, k + 1, start, u.e, group / v, True, fraction=True)
                break
            elif cls == "dozen":
                if conn or not have:
                    break
                group, have = group * 12, {"u"}
            else:
                break
            words = True
            j, end = k + 1, u.e
        value = total + group
        if value == 0 and not digits:
            return None
        if article and not has_scale and not ({"h"} & have) and value < 12:
            return None
        core = Core(i, j, start, end, value, words, scale=last_scale if has_scale else 1, digits=digits
                    if j == i + 1 else "", has_scale=has_scale, definite=definite)
        return core

    def _fraction_start(self, toks, i, v):
        """A number that starts with a fraction word: «نصف مليون», «نصف السكان», "half of"."""
        g = self.g
        n = len(toks)
        t = toks[i]
        r = self.word(t.key, True)
        start = t.s + r[3]
        nxt = toks[i + 1] if i + 1 < n else None
        if self.ar:
            if nxt is not None and nxt.kind == "w":
                r2 = self.word(nxt.key, False)
                if r2 and r2[0] == "scale" and r2[2] != "plural" and r2[3] == 0:
                    return Core(i, i + 2, start, nxt.e, v * r2[1], True, scale=r2[1], has_scale=True)
                if g.not_number_phrases.match_at([x.key for x in toks[i:i + 4]], 0):
                    return None
                # «نصف السكان»: a fraction of a whole (definite noun or «من»)
                if nxt.key.startswith("ال") or nxt.key in ("من",):
                    return Core(i, i + 1, start, t.e, v, True, fraction=True)
            return None
        # English: «half» (bare) before of/the/a scale; third/quarter need a numerator
        if t.key not in g.bare_fractions:
            return None
        prev = toks[i - 1].key if i > 0 else ""
        if prev in ("the", "first", "second", "in", "a", "an", "and", "one", "two", "other", "last", "final", "-"):
            return None
        if nxt is None or nxt.kind != "w":
            return None
        if nxt.key in ("a", "an") and i + 2 < n and toks[i + 2].kind == "w":
            r2 = self.word(toks[i + 2].key, False)
            if r2 and r2[0] in ("scale", "dozen"):
                return Core(i, i + 3, start, toks[i + 2].e, v * r2[1], True, scale=r2[1], has_scale=True)
            return None
        if nxt.key in ("of", "the", "their", "its", "his", "her", "our", "all", "those", "these"):
            return Core(i, i + 1, start, t.e, v, True, fraction=True)
        return None

    def numerator_fraction(self, toks, i):
        """English "two-thirds", "three-quarters", "a third", "one-fifth" at token i."""
        g = self.g
        n = len(toks)
        t = toks[i]
        if t.kind != "w":
            return None
        if t.key in g.article_words:
            num = 1
        else:
            r = self.word(t.key, True)
            if not r or r[0] != "unit":
                return None
            num = r[1]
        k = i + 1
        if k < n and toks[k].kind == "p" and toks[k].text == "-":
            k += 1
        if k >= n or toks[k].kind != "w":
            return None
        r = self.word(toks[k].key, False)
        if not r or r[0] != "fraction":
            return None
        if num > 1 and not toks[k].key.endswith("s") and r[1] != 0.5:
            return None
        if r[1] == 0.5 and num != 1:
            return None
        if r[1] == 0.5:
            return None  # «a half», «one half»: time or «and a half»; "half" alone is read elsewhere
        val = num * r[1]
        # followed by "of" or a scale word to be a fraction of something
        nx = toks[k + 1] if k + 1 < n else None
        if nx is not None and nx.kind == "w":
            r2 = self.word(nx.key, False)
            if r2 and r2[0] == "scale":
                return Core(i, k + 2, t.s, nx.e, val * r2[1], True, scale=r2[1], has_scale=True)
        if nx is None or nx.kind != "w" or nx.key not in ("of", "the", "their", "its"):
            if not (nx is not None and nx.kind == "w"):
                return None
            if t.key in g.article_words:
                return None
        return Core(i, k + 1, t.s, toks[k].e, val, True, fraction=True)
