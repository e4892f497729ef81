"""The figures' shortcuts give what the plain reading gives (speed work that must change no
finding): the number words found from the document's shared tokens (factcheck.figures._word_set)."""

import datetime as _dt

import pytest

import factcheck.figures as F
from factcheck.document import parse_document

PUB = _dt.date(2024, 8, 16)

# texts where the runs of letters and the document's tokens are cut differently
EN_TEXTS = [
    "Blast kills thirteen in the capital\n\nTwelve people were killed, police said.",
    "One's share was one-third; o'clock at five, rock'n'roll at six’s party.",
    "She paid 5million for one_two lots, and ten more; someone often wrote ten.",
    "The İnn had FIVE rooms, two suites and a hundred beds (twenty-one were empty).",
    "Kelvin 3 K and one K-pop band; \u00ab\u00a0four\u00a0\u00bb, \u201cseven\u201d and ninety-nine.",
    "THREE-QUARTERS of the 2,500 troops, a third of them, and a half dozen others.",
]
AR_TEXTS = [
    "مقتل ثلاثة عشر شخصا في انفجار\n\nقتل اثنا عشر شخصا وأصيب ثلاثون آخرون، بحسب الشرطة.",
    "قُتل خمسةُ أشخاص وأُصيب عشرـــون آخرون، وخمسمئة جندي، وألفان من الزوار.",
    "وصل ثلاثة\u200cآلاف زائر و٣٬٥٠٠ سيارة، ونصف مليون «أربعة» (سبعة) الخمسة.",
    "قال تعالى: ثلاثة\u06ddأربعة وخمسة\u06de ستة. وعشرة_عشرون ومئة.",
    "بلغ عدد القتلى 12، منهم ثلاثة أطفال وأربع نساء؛ والعشرين ألفا.",
]


@pytest.mark.parametrize("lang,text", [("en", t) for t in EN_TEXTS] + [("ar", t) for t in AR_TEXTS])
def test_candidates_from_the_document_words_are_the_plain_ones(lang, text):
    doc = parse_document("x.txt", text, lang=lang, published=PUB)
    read = doc.folded.text if lang == "ar" else doc.text
    ex = F._cached_extractor(lang)
    plain = ex._candidates(read)
    assert plain  # every text holds number words
    words = F._word_set(doc, lang)
    if words is not None:
        assert ex._candidates(read, words) == plain


def test_a_light_token_holds_nothing_but_word_characters_and_what_the_fold_drops():
    """What _word_set relies on for Arabic: folding a light token one by one gives runs of \\w."""
    import re

    from factcheck.langs import _DROP_RE
    from factcheck.lexicon import _AR_RAW_WORD

    word = re.compile(r"[^\W_]")
    extra = [c for c in map(chr, range(0x20, 0x3000)) if not word.match(c) and _AR_RAW_WORD.fullmatch("ا" + c + "ب")]
    assert extra  # marks, tatweel, joiners
    assert all(_DROP_RE.match(c) for c in extra), [hex(ord(c)) for c in extra if not _DROP_RE.match(c)]


def test_english_number_words_lower_case_the_same_in_a_word_and_in_the_text():
    """What _word_set relies on for English: the number words are ASCII letters and none ends
    in "i" ("İ".lower() is "i" and a combining dot, which a word stops before)."""
    from factcheck.figures.grammar import grammar

    forms = grammar("en").word_forms
    assert forms and all(w.isascii() and w.isalpha() and not w.endswith("i") for w in forms)


@pytest.mark.parametrize("lines,attributed,source", [
    # the block of a line ending with a colon after a reporting verb
    (["The ministry said in a statement:", "120 people were injured.", "Another 30 homes burned."], True,
     "in a statement"),  # (what main gives: the phrase after the verb)
    # a sentence with a speaker of its own in between ends the block
    (["The ministry said in a statement:", "Police said the roads were closed.", "Another 30 homes burned."],
     False, None),
    # a blank line ends it too
    (["The ministry said in a statement:", "", "Another 30 homes burned."], False, None),
    # no colon: nothing carried over
    (["The ministry said in a statement.", "The roads were closed.", "Another 30 homes burned."], False, None),
    (["وقالت الوزارة في بيانها:", "أصيب 120 شخصا.", "واحترق 30 منزلا."], True, "الوزارة"),
    (["وقالت الوزارة في بيانها:", "وقال الشرطي إن الطرق أغلقت.", "واحترق 30 منزلا."], False, None),
])
def test_a_colon_block_carries_its_source_to_the_last_line(lines, attributed, source):
    lang = "ar" if lines[0][0] > "z" else "en"
    doc = parse_document("x.txt", "\n".join(lines), lang=lang, published=PUB)
    last = F.figure_dicts(doc)[-1]
    assert last["text"] == "30"
    assert last["attributed"] is attributed
    assert (last["source"]["text"] if last["source"] else None) == source


def _cut(text, lang, title_line=None):
    from factcheck.figures.extract import split_sentences

    return [text[s.s:s.e] for s in split_sentences(text, lang, title_line)[0]]


@pytest.mark.parametrize("text,lang,pieces", [
    # abbreviations and initials do not end a sentence; other words before a dot do
    ("Mr. Smith met Gen. Allen at 5 p.m. on Monday. They spoke.", "en",
     ["Mr. Smith met Gen. Allen at 5 p.m. on Monday.", " They spoke."]),
    ("The U.S. sent J. Doe. Troops came.", "en", ["The U.S. sent J. Doe.", " Troops came."]),
    ("Prices rose.\"Next one.\" Done.", "en", ["Prices rose.\"", "Next one.\"", " Done."]),
    # a wrapped line goes on (lower case next, no end punctuation, 60 characters or more)
    ("The ministry said on Monday that the number of people who were injured\nrose to 120 overnight. Next.",
     "en", ["The ministry said on Monday that the number of people who were injured\nrose to 120 overnight.",
            " Next."]),
    ("A short line\nand another. Next.", "en", ["A short line", "and another.", " Next."]),
    ("The ministry said on Monday that the number of people who were injured   \nRose. Next.", "en",
     ["The ministry said on Monday that the number of people who were injured   ", "Rose.", " Next."]),
    # a dot after a line break: the break ended the sentence, the dot is one of its own
    ("The ministry said on Monday that the number of people who were injured Mr\n. Then 5 more.", "en",
     ["The ministry said on Monday that the number of people who were injured Mr", ".", " Then 5 more."]),
    ("   \n\nقال الوزير إن عدد المصابين بلغ مئة وعشرين شخصا في المدينة والقرى المجاورة لها حتى\nمساء اليوم. وأضاف.",
     "ar", ["قال الوزير إن عدد المصابين بلغ مئة وعشرين شخصا في المدينة والقرى المجاورة لها حتى\nمساء اليوم.",
            " وأضاف."]),
])
def test_sentences(text, lang, pieces):
    assert _cut(text, lang) == pieces
