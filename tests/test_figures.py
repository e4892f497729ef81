"""Figures: extraction (digits, number words, percentages, money, units, ranges), what they count,
who says so, the JSON report and `factcheck figures`."""

import datetime as _dt
import json
import sys
from pathlib import Path

import pytest

from conftest import ROOT, run_cli
from factcheck.document import parse_document
from factcheck.figures import figure_dicts, figures_for

PUB = _dt.date(2024, 8, 16)


def figs(text, lang, name="x.txt"):
    return figure_dicts(parse_document(name, text, lang=lang, published=PUB))


def one(text, lang):
    fs = figs(text, lang)
    assert len(fs) == 1, [f["text"] for f in fs]
    return fs[0]


# ------------------------------------------------------------------ Arabic numbers

@pytest.mark.parametrize("text,span,value", [
    ("تظاهر خمسة وعشرون ألفا من الطلاب.", "خمسة وعشرون ألفا", 25000),
    ("اعتقل ثلاثمئة وخمسين شخصا.", "ثلاثمئة وخمسين", 350),
    ("رصدت الحكومة مليار ونصف المليار دولار.", "مليار ونصف المليار", 1500000000),
    ("وصل ألفان من الزوار.", "ألفان", 2000),
    ("يعيش في المدينة مليونين من السكان.", "مليونين", 2000000),
    ("شارك أحد عشر لاعبا.", "أحد عشر", 11),
    ("وصلت ثلاث مئة شاحنة.", "ثلاث مئة", 300),
    ("يبلغ عدد السكان 2 مليون و500 ألف نسمة.", "2 مليون و500 ألف", 2500000),
    ("بيعت ٣٬٥٠٠ سيارة.", "٣٬٥٠٠", 3500),
    ("بلغت الكلفة 362.796.000.00 ريال.", "362.796.000.00", 362796000),
    ("سجل 10.000 طالب في الجامعة.", "10.000", 10000),
    ("ارتفع المؤشر 4,73% أمس.", "4,73%", 4.73),
    ("حضر نصف مليون زائر.", "نصف مليون", 500000),
])
def test_arabic_values(text, span, value):
    f = one(text, "ar")
    assert f["text"] == span
    assert f["value"] == value


def test_arabic_percent_money_unit_and_counts():
    fs = figs("وارتفعت الأسعار بنسبة ١٨ في المائة، وأنفقت الوزارة 3 مليارات دولار على بناء 40 كيلومترا "
              "من الطرق، وانتشر 2500 جندي في المدينة.", "ar")
    got = [(f["text"], f["value"], f["unit"], f["counts"]) for f in fs]
    assert got == [("١٨ في المائة", 18, "%", None), ("3 مليارات", 3000000000, "USD", None),
                   ("40", 40, "km", "طريق"), ("2500", 2500, None, "جندي")]


def test_arabic_counted_nouns_are_singular_and_bare():
    fs = figs("قتل 12 شخصا بينهم 5 أطفال و3 نساء، واعتقل 70 من مقاتلي الحوثي.", "ar")
    assert [f["counts"] for f in fs] == ["شخص", "طفل", "امرأة", "مقاتل"]


def test_arabic_range_and_approximators():
    f = one("يقدر عدد المصابين بين 30 و40 ألفا.", "ar")
    assert (f["text"], f["value"], f["high"]) == ("30 و40 ألفا", 30000, 40000)
    f = one("نجا ما لا يقل عن 20 شخصا.", "ar")
    assert (f["value"], f["approx"]) == (20, "ما لا يقل عن")
    f = one("انتشر نحو80  مدنيا.", "ar")
    assert (f["text"], f["approx"]) == ("80", "نحو")
    f = one("وصل لحوالي400  ألف مدني.", "ar")
    assert (f["value"], f["approx"]) == (400000, "حوالي")


def test_arabic_change_is_two_figures():
    fs = figs("ارتفع عدد الأسرة من 8500 سرير إلى أكثر من 10 آلاف سرير.", "ar")
    assert [(f["value"], f["approx"]) for f in fs] == [(8500, None), (10000, "أكثر من")]


@pytest.mark.parametrize("text", [
    "أقيم الحفل عام 2015 في الرياض.",
    "استمر الإضراب 3 أيام.",
    "توفي محمد (35 عاما) في الحادث.",
    "حلت الفرقة في المركز الثالث.",
    "صدر القانون رقم 52 لسنة 2016.",
    "نصت المادة 12 من الدستور على ذلك.",
    "فاز الفريق بنتيجة 4-1 على ضيفه.",
    "شارك عشرات الآلاف من المتظاهرين.",
    "بلغ الفريق نصف النهائي.",
    "للاستفسار اتصل على الرقم 0501234567.",
])
def test_arabic_non_figures(text):
    assert figs(text, "ar") == []


# ------------------------------------------------------------------ English numbers

@pytest.mark.parametrize("text,span,value,unit", [
    ("Two dozen troops arrived.", "Two dozen", 24, None),
    ("The fund raised $1.5 million last week.", "$1.5 million", 1500000, "USD"),
    ("Investors got £3m in compensation.", "£3m", 3000000, "GBP"),
    ("About three-quarters of voters agreed.", "three-quarters", 0.75, "fraction"),
    ("Half a million people marched.", "Half a million", 500000, None),
    ("A dozen eggs were broken.", "A dozen", 12, None),
    ("Unemployment fell to 5 percent.", "5 percent", 5, "%"),
    ("The storm dropped 30 to 40 centimeters of snow.", "30 to 40", 30, "cm"),
    ("Shares fell 47 cents on Monday.", "47", 0.47, "USD"),
    ("The company lost 3bn euros.", "3bn", 3000000000, "EUR"),
])
def test_english_values(text, span, value, unit):
    f = one(text, "en")
    assert (f["text"], f["value"], f["unit"]) == (span, value, unit)


def test_english_counts_and_approximators():
    fs = figs("More than 40,000 homes lost power and about 300 Israeli soldiers were deployed.", "en")
    assert [(f["value"], f["counts"], f["approx"]) for f in fs] == [(40000, "home", "More than"),
                                                                    (300, "soldier", "about")]


@pytest.mark.parametrize("text", [
    "The treaty was signed in 2004.",
    "The talks lasted two weeks.",
    "Smith, 45, was arrested.",
    "A 45-year-old man was arrested.",
    "She finished third in the race.",
    "The team won 3-1 on Saturday.",
    "Dozens of people were hurt.",
    "One of them was hurt.",
    "He bought a PlayStation 3 for his son.",
    "COVID-19 spread quickly.",
    "He dies at 84 after a long illness.",
    "The council met on 12.03.2025 to vote.",
    "The law took effect on 1.7.24 in every state.",
])
def test_english_non_figures(text):
    assert figs(text, "en") == []


# ------------------------------------------------------------------ attribution

def test_arabic_attribution_verb_phrase_and_colon():
    f = one("وقال وزير المالية إن 2500 جندي انتشروا.", "ar")
    assert f["attributed"] and f["source"]["text"] == "وزير المالية"
    f = one("ارتفعت الأسعار 18 في المائة، بحسب وزارة الاقتصاد.", "ar")
    assert f["attributed"] and f["source"]["text"] == "وزارة الاقتصاد"
    f = one("وقال إن 2500 جندي انتشروا.", "ar")
    assert f["source"]["text"] == "وقال"
    text = "وقالت الوزارة في بيانها:\nبلغ عدد المصابين 120 مصابا."
    f = one(text, "ar")
    assert f["attributed"] and f["source"]["text"] == "الوزارة"
    f = one("يشار إلى أن 300 عامل فقدوا وظائفهم.", "ar")
    assert not f["attributed"] and f["source"] is None


def test_arabic_figure_before_a_verb_is_not_its_content():
    f = one("انتشر 2500 جندي في المدينة وقال الوزير إن الوضع هادئ.", "ar")
    assert not f["attributed"]


def test_english_attribution():
    f = one("More than 300 residents spent the night in shelters, officials said.", "en")
    assert f["attributed"] and f["source"]["text"] == "officials"
    f = one("He said more than 300 residents spent the night in shelters.", "en")
    assert f["source"]["text"] == "He said"
    f = one("The toll rose to 12, according to the regional health ministry.", "en")
    assert f["source"]["text"] == "the regional health ministry"
    f = one("It is estimated that 300 people died.", "en")
    assert not f["attributed"]
    fs = figs("“We hired 200 people last year. We plan to hire 300 more,” she said.\nThe firm has 500 staff.", "en")
    assert [f["attributed"] for f in fs] == [False, True, False]


def test_quotation_continued_from_an_earlier_sentence():
    fs = figs("He said: “The factory closed last week. It employed 450 people.”", "en")
    assert fs[0]["attributed"] and fs[0]["source"]["text"] == "He said"


def test_headline_colon_is_a_source_but_not_a_place():
    fs = figs("الصحة: 5 وفيات جديدة بالفيروس\n\nسجلت الوزارة 5 وفيات.", "ar")
    assert fs[0]["source"]["text"] == "الصحة"
    fs = figs("مالي: مقتل أربعة في هجوم على فندق\n\nقتل أربعة أشخاص.", "ar")
    assert not fs[0]["attributed"]


# ------------------------------------------------------------------ offsets and reports

def test_offsets_point_into_the_source_of_markdown_and_html():
    md = "---\ntitle: t\n---\n\n# Storm\n\nMore than **40,000** homes lost power, the utility said.\n"
    doc = parse_document("a.md", md, lang="en", published=PUB)
    (f,) = figure_dicts(doc)
    assert md[f["start"]:f["end"]] == f["text"] == "40,000"
    assert md[f["source"]["start"]:f["source"]["end"]] == "the utility"
    html = "<html><body><h1>Storm</h1><p>More than 40&#44;000 homes lost power.</p></body></html>"
    doc = parse_document("a.html", html, lang="en", published=PUB)
    (f,) = figure_dicts(doc)
    assert html[f["start"]:f["end"]] == f["text"]
    assert f["value"] == 40000


def test_arabic_offsets_with_diacritics_and_tatweel():
    text = "قُتِلَ ١٢ شَخْصاً بـ 250 مليون دولار."
    for f in figs(text, "ar"):
        assert text[f["start"]:f["end"]] == f["text"]


def test_figures_are_extracted_once_a_document():
    doc = parse_document("x.txt", "Ten people died.", lang="en", published=PUB)
    assert figures_for(doc) is figures_for(doc)


def test_json_report_has_figures(tmp_path):
    p = tmp_path / "a.txt"
    p.write_text("Storm hits\n\nMore than 40,000 homes lost power, the utility said.\n", encoding="utf-8")
    r = run_cli("check", "--format", "json", "--published", "2024-08-16", p)
    assert r.returncode in (0, 1), r.stderr
    (entry,) = json.loads(r.stdout)["files"]
    (f,) = entry["figures"]
    assert set(f) == {"start", "end", "text", "value", "unit", "counts", "approx", "attributed", "source"}
    assert (f["value"], f["counts"], f["approx"], f["source"]["text"]) == (40000, "home", "More than", "the utility")


def test_figures_command_text_and_json(tmp_path):
    p = tmp_path / "a.txt"
    p.write_text("Storm hits\n\nMore than 40,000 homes lost power, the utility said.\n", encoding="utf-8")
    r = run_cli("figures", p, "--format", "json")
    assert r.returncode == 0, r.stderr
    assert json.loads(r.stdout)[0]["text"] == "40,000"
    r = run_cli("figures", p)
    assert r.returncode == 0 and "40,000" in r.stdout and "the utility" in r.stdout
    r = run_cli("figures", tmp_path / "missing.txt")
    assert r.returncode == 2 and r.stderr.count("\n") == 1


def test_eval_matching_is_one_to_one_by_overlap():
    sys.path.insert(0, str(ROOT / "scripts"))
    from eval_figures import match, same_value

    gold = [{"start": 0, "end": 5}, {"start": 10, "end": 12}]
    system = [{"start": 1, "end": 3}, {"start": 2, "end": 6}, {"start": 20, "end": 22}]
    assert match(gold, system) == [(0, 1)]
    assert same_value(1 / 3, 0.3333333333333333) and not same_value(12, 13)


def test_gold_offsets_match_the_corpus(corpus):
    gold = ROOT / "tests" / "data" / "figures_gold.jsonl"
    if not gold.is_file():
        pytest.skip("no figures gold set in tests/data")
    rows = [json.loads(x) for x in gold.read_text(encoding="utf-8").splitlines() if x.strip()]
    for row in rows:
        text = (Path(corpus) / row["file"]).read_text(encoding="utf-8")
        for f in row["figures"]:
            assert text[f["start"]:f["end"]] == f["text"]


def test_arabic_article_glued_to_digits_after_a_plural_restates_a_count():
    """«الإصابات الـ3800»: a cardinal restating a count (noun before, definite); after a singular,
    «الرئيس الـ45», an ordinal and no figure; a restated count is no unsupported claim."""
    def objs(text):
        return figures_for(parse_document("x.txt", text, lang="ar", published=PUB))

    f = next(f for f in objs("وأوضح بلاغ الوزارة أن الإصابات الـ3800 المسجلة منذ يناير تركزت في ثلاث جهات.")
             if f.value == 3800)
    assert f.counts_key == "اصابه" and f.definite and f.restates
    assert not [f for f in objs("انتخب الرئيس الـ45 للولايات المتحدة، وعقدت القمة الـ30 في الرياض.")
                if f.value in (45, 30)]
    assert [f.value for f in objs("وغادر المصابون الـ23 المستشفى.")] == [23.0]
    doc = parse_document("x.txt", "قال الوزير إن قادة الدول الـ28 الأعضاء اتفقوا على تمديد العقوبات.", lang="ar")
    from factcheck.engine import Engine
    from factcheck.config import Config
    from factcheck.rules import load_rules

    rep = Engine(load_rules(), Config()).check(doc)
    assert not [x for x in rep.findings if x.rule == "ar.figure.unsupported" and x.start >= doc.text.index("28")]


@pytest.mark.parametrize("text,value", [
    ("وقال إن ملف المتهمين الاثنين والثلاثين ناقص.", 32),      # «الاثنين» before a definite tens word: 2, not Monday
    ("وقال إن ملف المتهمين الخمسة والعشرين ناقص.", 25),        # the tens carry the article too (5 before)
    ("وفازت الدول الثلاث والعشرون بالمقاعد.", 23),
    ("وقال إن اثنين وثلاثين متهما مثلوا أمام المحكمة.", 32),
])
def test_arabic_definite_compound_numbers(text, value):
    fs = figures_for(parse_document("x.txt", text, lang="ar", published=PUB))
    assert [f.value for f in fs] == [value]


def test_monday_before_a_tens_word_is_no_date():
    from factcheck.dates import mentions_for

    doc = parse_document("x.txt", "وقالت الهيئة إن ملف المتهمين الاثنين والثلاثين ناقص، وتعقد الجلسة يوم الاثنين 12 مايو.",
                         lang="ar", published=_dt.date(2025, 5, 7))
    assert [m.value for m in mentions_for(doc)] == ["2025-05-12"]


def test_a_share_after_a_label_word_is_no_label():
    """«أيّد القرار 49 % من المستجيبين»: a share, not resolution 49; «القرار 242» stays a label."""
    def vals(text):
        return [f.value for f in figures_for(parse_document("x.txt", text, lang="ar", published=PUB))]

    assert vals("وفي المقابل، أيّد القرار 49 % من المستجيبين.") == [49.0]
    assert vals("وطالب بتطبيق القرار 242 الصادر عن مجلس الأمن.") == []


def test_many_sums_in_one_currency_are_read_in_linear_time():
    """An article of thousands of sums in one currency: the country behind «دينار» is counted once
    a text (each sum counted every country in the whole text: 4.6 s for 3,000 sums), and only
    sums written with the same digits are compared for a transposition (not every pair)."""
    import time as _time

    from factcheck.config import Config
    from factcheck.engine import Engine
    from factcheck.figures.extract import Extractor
    from factcheck.rules import load_rules

    calls = []
    real = Extractor._country_hint

    def spy(self, countries):
        calls.append(id(countries) in self._country_memo)
        return real(self, countries)

    text = "# الحكومة تخصص 750 مليون دينار\n\n" + " ".join(
        f"وخصصت الوزارة {1000 + i} مليون دينار للبرنامج رقم {i}." for i in range(2000)) + " وكلفته 570 مليون دينار."
    Extractor._country_hint = spy
    try:
        doc = parse_document("x.md", text, lang="ar", published=PUB)
        t = _time.perf_counter()
        rep = Engine(load_rules(), Config()).check(doc)
        elapsed = _time.perf_counter() - t
    finally:
        Extractor._country_hint = real
    assert calls and calls.count(False) <= 3, calls.count(False)  # counted once a currency, then remembered
    hits = [f for f in rep.findings if f.rule == "ar.figure.inconsistent" and "570" in doc.source[f.start:f.end]]
    assert hits, "the headline's 750 against the body's 570"
    assert elapsed < 30


def test_a_breakdown_reads_a_bounded_number_of_earlier_figures(monkeypatch):
    """A total named from afar is looked for among the nearest figures before the breakdown only
    (the parts check read every earlier figure of the article for every sentence: quadratic)."""
    import factcheck.kinds.figures as K
    from factcheck.config import Config
    from factcheck.engine import Engine
    from factcheck.rules import load_rules

    seen = []
    real = K._breakdowns

    def spy(doc, fs, toks, g, lang, o, earlier=(), *rest):
        seen.append(len(earlier))
        return real(doc, fs, toks, g, lang, o, earlier, *rest)

    monkeypatch.setattr(K, "_breakdowns", spy)
    text = "\n".join(f"وأصيب {20 + i % 10} معتمرا في الحادث رقم {i}. وأوضح أن المصابين، وهم {12 + i % 10} معتمرا مصريا "
                     f"و{10 + i % 5} معتمرا من باكستان، نقلوا إلى المستشفى." for i in range(200))
    doc = parse_document("x.md", text, lang="ar", published=PUB)
    rep = Engine(load_rules(), Config()).check(doc)
    assert seen and max(seen) <= K._NAMED_REACH
    assert [f for f in rep.findings if f.rule == "ar.figure.parts"]  # the breakdowns that exceed are still found


def test_a_sentence_of_thousands_of_figures_is_read_in_linear_time(monkeypatch):
    """One enormous sentence (copy without full stops) of shares, stances and breakdowns: the
    checks that look around each figure of a sentence (the words before and after it, the
    tokens between two of them) bisect the sentence's token bounds instead of scanning the
    sentence for each figure (a 74,000-word sentence took 190 s, now about 5 s)."""
    import time as _time

    import factcheck.kinds.figures as K
    from factcheck.config import Config
    from factcheck.engine import Engine
    from factcheck.rules import load_rules

    scans = []
    real = K._bounds

    def spy(toks):
        before = K._BOUNDS[0]
        out = real(toks)
        scans.append(before is None or before[0] is not toks)
        return out

    monkeypatch.setattr(K, "_bounds", spy)
    pieces = ["the poll found 36 percent of respondents backed the plan while 41 percent opposed it",
              "Restrepo was second with 31 percent and Galan third with 18 percent",
              "the strike killed 12 people, including 5 children and 8 women"]
    text = "Poll and crash\n\n" + ", and ".join(pieces[i % 3] for i in range(1500)) + ".\n"
    doc = parse_document("x.md", text, lang="en", published=PUB)
    t = _time.perf_counter()
    rep = Engine(load_rules(), Config()).check(doc)
    elapsed = _time.perf_counter() - t
    assert scans and sum(scans) <= 10, sum(scans)  # the bounds are made once for the sentence, not per figure
    assert [f for f in rep.findings if f.rule == "en.figure.parts"]  # the breakdowns past their total still found
    assert elapsed < 30


def test_a_long_sentence_of_stances_is_tokenized_once(monkeypatch):
    """For and against told across sentences (`stances_across`): a sentence is tokenized once,
    not once for each of its percentages (a 27,500-word Arabic sentence took 28 s, now 2 s)."""
    import factcheck.figures.extract as X
    from factcheck.config import Config
    from factcheck.engine import Engine
    from factcheck.rules import load_rules

    long_calls = []
    real = X.tokenize

    def spy(text, a, b, lang):
        if b - a > 20_000:
            long_calls.append((a, b))
        return real(text, a, b, lang)

    monkeypatch.setattr(X, "tokenize", spy)
    piece = "وأظهر الاستطلاع أن 58 في المائة من المستطلعة آراؤهم يؤيدون القرار فيما عارضه 47 في المائة"
    text = "# استطلاع\n\n" + "، و".join(piece for _ in range(400)) + ".\n"
    doc = parse_document("x.md", text, lang="ar", published=PUB)
    Engine(load_rules(), Config()).check(doc)
    assert len(long_calls) <= 4, len(long_calls)
