"""`partitions` of the parts check: a total given once and split later with no breakdown cue,
the parts a little past it («أجرت 1420 عملية ... 760 عملية ... و670 عملية أخرى»)."""

import datetime as _dt
import time

import pytest

from factcheck.config import Config
from factcheck.document import parse_document
from factcheck.engine import Engine
from factcheck.rules import load_rules

PUB = _dt.date(2024, 12, 3)


@pytest.fixture(scope="module")
def engine():
    return Engine(load_rules(), Config())


def parts_findings(engine, text, lang):
    doc = parse_document("x.md", text, lang=lang, published=PUB)
    return doc, [f for f in engine.check(doc).findings if f.rule == f"{lang}.figure.parts"]


CONVOY = ("# قافلة طبية كويتية في موريتانيا\n\nاختتمت قافلة طبية كويتية أعمالها في موريتانيا بعد أن أجرت 1420 عملية "
          "جراحية مجانية على مدى أسبوعين، بحسب منسق القافلة.\n\nوقال المنسق إن الأطباء فحصوا أكثر من 9 آلاف مريض.\n\n"
          "وأجرى أطباء العيون في القافلة 760 عملية لإزالة المياه البيضاء. وتولى فريق الجراحة العامة {n} عملية أخرى.\n")


def test_an_arabic_total_split_two_sentences_later(engine):
    doc, found = parts_findings(engine, CONVOY.format(n=670), "ar")
    assert [doc.source[f.start:f.end] for f in found] == ["1420"]
    assert "760 + 670 = 1,430" in found[0].message and "1420" in found[0].message
    assert found[0].severity == "error"


def test_parts_that_add_up_or_fall_short_are_no_finding(engine):
    for n in (660, 600):
        assert parts_findings(engine, CONVOY.format(n=n), "ar")[1] == []


def test_parts_far_past_the_total_count_something_else(engine):
    # 760 + 900 = 1660: 17 % past 1420, more than partition_ratio (0.1)
    assert parts_findings(engine, CONVOY.format(n=900), "ar")[1] == []


def test_an_elided_noun_joins_the_count_before_it(engine):
    text = ("بلغ عدد الزوار مليونا و214 ألف زائر خلال الصيف. وشكل المغتربون الشريحة الأكبر بـ612 ألف زائر، فيما بلغ "
            "عدد الزوار العرب 387 ألفا، والأوروبيين 245 ألفا.\n")
    doc, found = parts_findings(engine, text, "ar")
    assert len(found) == 1 and "612,000 + 387,000 + 245,000" in found[0].message


def test_money_parts_need_a_word_that_ties_them_to_the_total(engine):
    tied = ("أعلن البنك حزمة تمويل جديدة بقيمة 250 مليون دولار. ومن المقرر أن يخصص 120 مليون دولار من الحزمة للمساعدات، "
            "و80 مليون دولار لمشاريع المياه، فيما تذهب 55 مليون دولار للصحة.\n")
    loose = ("أعلنت الشركة أرباحا بقيمة 250 مليون دولار. وسددت 120 مليون دولار لدائنيها و80 مليون دولار لمورديها و55 "
             "مليون دولار ضرائب.\n")
    assert len(parts_findings(engine, tied, "ar")[1]) == 1
    assert parts_findings(engine, loose, "ar")[1] == []


def test_a_share_of_another_count_is_no_part(engine):
    text = ("Initial reports said 72 people were hurt in the crash. Medics treated 41 people at the scene, and 32 "
            "of those were later taken to hospital.\n")
    assert parts_findings(engine, text, "en")[1] == []
    text = text.replace("32 of those", "32 people")
    assert len(parts_findings(engine, text, "en")[1]) == 1


def test_the_total_is_looked_for_within_partition_reach():
    from factcheck.figures import document_parts
    from factcheck.kinds.figures import _partitions

    rule = next(r for r in load_rules().rules if r.id == "en.figure.parts")
    filler = " ".join(f"The ministry spoke on day {i}." for i in range(3))
    text = (f"The convoy performed 1,420 operations in two weeks. {filler} Eye surgeons performed 760 operations. "
            "General surgeons performed 670 operations on children.\n")
    doc = parse_document("x.md", text, lang="en", published=PUB)
    figs, sentences = document_parts(doc)
    near = dict(rule.options, partition_reach=4)
    far = dict(rule.options, partition_reach=3)
    assert [doc.text[h.start:h.end] for h in _partitions(doc, figs, sentences, "en", near)] == ["1,420"]
    assert list(_partitions(doc, figs, sentences, "en", far)) == []


def test_a_total_the_breakdown_cues_reported_is_not_reported_again():
    """The spread verb reports 36 (14 + 11 + 7 + 5 = 37); the same parts read as a partition
    give no second hit (the check's own output, before the engine merges a rule's hits)."""
    from factcheck.figures import document_parts
    from factcheck.kinds.figures import _parts

    rule = next(r for r in load_rules().rules if r.id == "ar.figure.parts")
    text = ("تنافست 9 قائمات على مقاعد المجلس البلدي البالغ عددها 36 مقعدا. وتوزعت المقاعد بين 14 مقعدا للنهضة، و11 "
            "مقعدا لنداء تونس، و7 مقاعد لقائمة مستقلة، و5 مقاعد للتيار الديمقراطي.\n")
    doc = parse_document("x.md", text, lang="ar", published=PUB)
    figs, sentences = document_parts(doc)
    hits = list(_parts(doc, figs, sentences, "ar", rule.options))
    assert [doc.text[h.start:h.end] for h in hits] == ["36"]
    alone = list(_parts(doc, figs, sentences, "ar", dict(rule.options, named_totals=False)))
    assert [doc.text[h.start:h.end] for h in alone] == ["36"]  # (the partition reading finds it too)


def test_a_long_run_of_figures_is_read_in_linear_time(monkeypatch):
    """Copy without full stops: each figure is judged as a part once, and the total is looked
    for in `partition_reach` sentences, not in the whole article."""
    import factcheck.kinds.figures as K

    calls = []
    real = K._share_or_rate

    def spy(f, *a):
        calls.append(id(f))
        return real(f, *a)

    monkeypatch.setattr(K, "_share_or_rate", spy)
    nouns = ["operations", "patients", "doctors", "nurses", "beds", "ambulances"]
    sentences = [f"The convoy performed {1000 + i} {nouns[i % 6]} in week {i}, with {400 + i} {nouns[i % 6]} and "
                 f"{300 + i} {nouns[(i + 1) % 6]} more" for i in range(3000)]
    text = "Convoy\n\n" + ". ".join(sentences) + ".\n"
    doc = parse_document("x.md", text, lang="en", published=PUB)
    t = time.perf_counter()
    Engine(load_rules(), Config()).check(doc)
    assert time.perf_counter() - t < 60
    assert len(calls) == len(set(calls))  # judged once each
