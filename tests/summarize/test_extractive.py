"""The default engine on the project's own articles: faithful, seed-shaped, never a heading or credit."""

from __future__ import annotations

import itertools
import re
import unicodedata
from pathlib import Path

import pytest

from khulasa.arabic.sentences import split
from khulasa.arabic.tokens import word_count
from khulasa.config import Settings
from khulasa.errors import EmptyInput
from khulasa.model import Article, Summary
from khulasa.summarize import integrity, rank
from khulasa.summarize.compress import is_faithful
from khulasa.summarize.extractive import REPEAT_CEILING, ExtractiveEngine, continues_clause
from tests.conftest import EXAMPLES, FIXTURES

ARTICLES = [
    FIXTURES / "summary_quake.txt",
    FIXTURES / "summary_budget.txt",
    EXAMPLES / "desalination.txt",
]


def summarize(path: Path, settings: Settings, bullets: int = 2) -> Summary:
    return ExtractiveEngine(settings).summarize(Article(text=path.read_text(encoding="utf-8")), bullets)


@pytest.mark.parametrize("path", ARTICLES, ids=lambda p: p.stem)
@pytest.mark.parametrize("bullets", [2, 3])
def test_every_bullet_is_words_of_its_cited_sentences(path: Path, bullets: int, settings: Settings) -> None:
    summary = summarize(path, settings, bullets)
    assert summary.engine == "extractive"
    assert len(summary.bullets) == bullets
    for b in summary.bullets:
        assert b.sources, b.text
        assert is_faithful(b.text, [summary.sentences[i].text for i in b.sources]), b.text


@pytest.mark.parametrize("path", ARTICLES, ids=lambda p: p.stem)
def test_bullets_are_single_sentences_within_bounds(path: Path, settings: Settings) -> None:
    for b in summarize(path, settings, 3).bullets:
        assert settings.bullet_min_words <= word_count(b.text) <= settings.bullet_max_words, b.text
        assert b.text.endswith(".")
        assert len(re.findall(r"[.!؟?](?!\d)", b.text)) == 1, b.text  # one full stop; decimals such as 6.2 aside


@pytest.mark.parametrize("path", ARTICLES, ids=lambda p: p.stem)
def test_no_two_bullets_repeat_each_other(path: Path, settings: Settings) -> None:
    summary = summarize(path, settings, 3)
    texts = [b.text for b in summary.bullets]
    vectors = rank.tfidf([s.text for s in summary.sentences])
    for a, b in itertools.combinations(summary.bullets, 2):
        assert a.sources != b.sources
        assert rank.cosine(vectors[a.sources[0]], vectors[b.sources[0]]) <= REPEAT_CEILING
    assert len(set(texts)) == len(texts)


@pytest.mark.parametrize("path", ARTICLES, ids=lambda p: p.stem)
def test_headings_and_credit_are_never_bullets(path: Path, settings: Settings) -> None:
    summary = summarize(path, settings, 6)
    for b in summary.bullets:
        for i in b.sources:
            assert not summary.sentences[i].heading
            assert not summary.sentences[i].text.startswith("(")
        assert "(وكالات)" not in b.text and "(بترا" not in b.text


def test_bullets_follow_the_article_order(settings: Settings) -> None:
    summary = summarize(FIXTURES / "summary_quake.txt", settings, 3)
    firsts = [b.sources[0] for b in summary.bullets]
    assert firsts == sorted(firsts)


def test_lede_becomes_the_reported_fact(settings: Settings) -> None:
    first = summarize(FIXTURES / "summary_quake.txt", settings).bullets[0]
    assert first.sources == (0,)
    assert first.text.startswith("الزلزال الذي بلغت قوته 6.2 درجات")
    assert "الخميس" not in first.text


def test_one_sentence_article_gives_one_bullet(settings: Settings) -> None:
    path = FIXTURES / "summary_one_sentence.txt"
    summary = summarize(path, settings, 2)
    assert [b.sources for b in summary.bullets] == [(0,)]
    assert summary.bullets[0].text == path.read_text(encoding="utf-8").strip()


def test_a_sentence_outside_the_bounds_is_left_out_rather_than_shown(settings: Settings) -> None:
    text = (
        "افتتحت البلدية صباح اليوم أول حديقة عامة في الحي الشرقي على مساحة خمسة آلاف متر مربع بعد عامين من العمل.\n"
        "وحضر الافتتاح المحافظ.\n"
    )
    summary = ExtractiveEngine(settings).summarize(Article(text=text), 2)
    assert [b.sources for b in summary.bullets] == [(0,)]


def test_a_short_whole_sentence_makes_the_second_bullet_when_nothing_else_can(settings: Settings) -> None:
    text = (
        "أعلنت شركة الطيران الوطنية اليوم الثلاثاء أن عدد المسافرين على رحلاتها تجاوز عشرة ملايين مسافر لأول مرة "
        "منذ تأسيسها.\n"
        "وكانت الشركة قد نقلت خمسة ملايين مسافر في عام 2015.\n"
    )
    summary = ExtractiveEngine(settings).summarize(Article(text=text), 2)
    assert [b.sources for b in summary.bullets] == [(0,), (1,)]
    assert summary.bullets[1].text == "كانت الشركة قد نقلت خمسة ملايين مسافر في عام 2015."  # the joining و goes
    longer = text + (
        "وقالت الشركة إنها ستتسلم ست طائرات جديدة خلال العام المقبل لتلبية الطلب المتزايد على رحلاتها إلى "
        "العواصم الأوروبية والآسيوية.\n"
    )
    assert [b.sources for b in ExtractiveEngine(settings).summarize(Article(text=longer), 2).bullets] == [(0,), (2,)]


def test_single_line_without_full_stop_still_gives_a_bullet(settings: Settings) -> None:
    text = "افتتاح أول حديقة عامة في الحي الشرقي على مساحة خمسة آلاف متر مربع بعد عامين من العمل"
    summary = ExtractiveEngine(settings).summarize(Article(text=text), 2)
    assert [b.text for b in summary.bullets] == [text + "."]


def test_same_article_same_summary(settings: Settings) -> None:
    runs = {summarize(path, settings, 3) for path in ARTICLES for _ in range(2)}
    assert len(runs) == len(ARTICLES)


def test_headline_pulls_its_topic_into_the_box(settings: Settings) -> None:
    text = (FIXTURES / "summary_budget.txt").read_text(encoding="utf-8")
    engine = ExtractiveEngine(settings)
    plain = engine.summarize(Article(text=text), 3)
    titled = engine.summarize(Article(text=text, title="خبراء: تقديرات النمو في الموازنة متفائلة مع تباطؤ الاقتصاد العالمي"), 3)
    assert not any("تقديرات النمو" in b.text for b in plain.bullets)
    assert any("تقديرات النمو" in b.text for b in titled.bullets)


@pytest.mark.parametrize("text", ["  \n ", "(رويترز، العربي الجديد)", "...\n؟"])
def test_text_without_story_sentences_is_refused(text: str, settings: Settings) -> None:
    with pytest.raises(EmptyInput, match="no sentences"):
        ExtractiveEngine(settings).summarize(Article(text=text), 2)


def test_a_short_lede_opens_the_box_joined_with_the_sentence_after_it(settings: Settings) -> None:
    text = (
        "افتتحت المدينة جسرها الجديد.\n"  # same paragraph: the wrap is joined by the splitter
        "ويربط الجسر ضفتي النهر ويختصر زمن الرحلة بين الحيين الشرقي والغربي إلى عشر دقائق بدلا من ساعة كاملة.\n\n"
        "وبلغت كلفة المشروع نحو مئة وعشرين مليون دولار مولتها الحكومة بقرض من صندوق التنمية الإقليمي على عشرين عاما.\n\n"
        "ويتوقع مسؤولو البلدية أن يعبر الجسر أكثر من أربعين ألف سيارة يوميا عند اكتمال الطرق المؤدية إليه العام المقبل.\n"
    )
    summary = ExtractiveEngine(settings).summarize(Article(text=text), 2)
    first = summary.bullets[0]
    assert first.sources == (0, 1)
    assert first.text.startswith("افتتحت المدينة جسرها الجديد، ويربط الجسر")
    assert is_faithful(first.text, [summary.sentences[i].text for i in first.sources])
    assert all(1 not in b.sources for b in summary.bullets[1:])  # a sentence is shown once


def test_sentences_that_stand_alone_are_not_joined(settings: Settings) -> None:
    summary = summarize(FIXTURES / "summary_quake.txt", settings, 3)
    assert all(len(b.sources) == 1 for b in summary.bullets)


BACKGROUND_STORY = (
    "أقر مجلس الوزراء اليوم خطة وطنية لدعم المزارعين تشمل قروضا ميسرة بقيمة خمسمئة مليون دينار على خمس سنوات.\n\n"
    "وكان مجلس الوزراء قد أقر خطة مماثلة قبل عشر سنوات لكنها تعثرت بسبب نقص التمويل آنذاك.\n\n"
    "وتعفي الخطة الوطنية صغار المزارعين من رسوم الري وتوزع عليهم القروض الميسرة والبذور مجانا بدءا من الموسم المقبل.\n"
)


def test_background_gives_way_to_what_is_new(settings: Settings) -> None:
    summary = ExtractiveEngine(settings).summarize(Article(text=BACKGROUND_STORY), 2)
    assert [b.sources for b in summary.bullets] == [(0,), (2,)]


def test_a_short_lede_is_joined_with_the_part_of_the_next_sentence_that_fits(settings: Settings) -> None:
    text = (
        "عقد مجلس الوزراء اجتماعه الأسبوعي في العاصمة. "
        "وناقش المجلس خلال الاجتماع مشروع قانون الاستثمار الجديد الذي يمنح المستثمرين الأجانب إعفاءات ضريبية لعشر سنوات، "
        "وأقر خطة لإعادة تأهيل الطرق الريفية في المحافظات الجنوبية بكلفة تبلغ ثلاثمئة مليون دينار تمولها الخزينة العامة "
        "على مدى ثلاث سنوات بدءا من العام المقبل.\n"
    )
    summary = ExtractiveEngine(settings).summarize(Article(text=text), 1)
    (bullet,) = summary.bullets
    assert bullet.sources == (0, 1)
    assert bullet.text == (
        "عقد مجلس الوزراء اجتماعه الأسبوعي في العاصمة، وناقش المجلس خلال الاجتماع مشروع قانون الاستثمار الجديد "
        "الذي يمنح المستثمرين الأجانب إعفاءات ضريبية لعشر سنوات."
    )


def test_a_passage_in_another_language_is_not_a_bullet(settings: Settings) -> None:
    text = (
        "افتتحت المدينة معرضا دوليا للكتاب يشارك فيه أكثر من ثلاثمئة ناشر من عشرين بلدا ويستمر عشرة أيام.\n\n"
        "The fair's director said it was the largest edition since the event began more than forty years ago in the old town.\n\n"
        "وحضر الافتتاح وزير الثقافة.\n"
    )
    summary = ExtractiveEngine(settings).summarize(Article(text=text), 2)
    assert [b.sources for b in summary.bullets] == [(0,)]


def test_arabic_in_presentation_forms_is_arabic_not_a_foreign_passage(settings: Settings) -> None:
    """Text pasted from a PDF keeps Arabic's presentation forms (ﺍﻝﻡﻉﺭﺽ); it is still the story."""
    isolated = {}
    for code in range(0xFE70, 0xFEFD):
        form = chr(code)
        if "ISOLATED" in unicodedata.name(form, ""):
            isolated.setdefault(unicodedata.normalize("NFKC", form), form)
    from_pdf = "".join(
        isolated.get(ch, ch)
        for ch in "وقال رئيس البلدية إن المعرض الجديد سيستقبل أكثر من مئة ألف زائر خلال أيامه العشرة في المدينة القديمة."
    )
    text = (
        "افتتحت المدينة معرضا دوليا للكتاب يشارك فيه أكثر من ثلاثمئة ناشر من عشرين بلدا ويستمر عشرة أيام.\n\n"
        f"{from_pdf}\n"
    )
    summary = ExtractiveEngine(settings).summarize(Article(text=text), 2)
    assert [b.sources for b in summary.bullets] == [(0,), (1,)]


def test_a_sentence_that_reads_whole_in_no_cut_is_never_a_bullet(settings: Settings) -> None:
    """A sentence that leans on the one before ("في حين …") is no bullet however it is cut; a safer cut is taken instead
    where one reads whole (here: the speaker of a forecast kept, in short form)."""
    text = (
        "أعلنت وزارة الزراعة المغربية أن محصول الحبوب بلغ هذا الموسم 55 مليون قنطار، بانخفاض 20 في المائة عن الموسم الماضي.\n"
        "في حين ارتفع محصول الحبوب في الجزائر المجاورة بنسبة طفيفة بفضل الأمطار التي هطلت في فصل الربيع على المناطق الشمالية.\n"
        "وقال المدير العام للمكتب الوطني للحبوب، في تصريح لوكالة الأنباء الرسمية، إن أسعار الخبز قد ترتفع خلال الأشهر "
        "المقبلة إذا استمر تراجع الإنتاج المحلي وارتفاع أسعار القمح المستورد.\n"
    )
    summary = ExtractiveEngine(settings).summarize(Article(text=text), 3)
    texts = [b.text for b in summary.bullets]
    assert not any(t.startswith("في حين") for t in texts), texts
    assert any(t.startswith("قال المدير العام للمكتب الوطني للحبوب إن أسعار الخبز قد ترتفع") for t in texts), texts
    assert all(not integrity.check(b.text, [summary.sentences[i].text for i in b.sources]) for b in summary.bullets)


def test_a_surname_is_introduced_where_the_box_first_needs_it(settings: Settings) -> None:
    """The first bullet would drop "قال وزير الطاقة محمد عرقاب إن"; the second says "عرقاب" alone: the box keeps the full name."""
    text = (
        "وقال وزير الطاقة الجزائري محمد عرقاب إن إنتاج البلاد من الغاز الطبيعي ارتفع بنسبة 5 في المائة خلال العام الماضي "
        "ليبلغ 136 مليار متر مكعب.\n"
        "وتعد الجزائر أكبر مصدر للغاز الطبيعي في إفريقيا، وتمد أوروبا بالغاز عبر خطين تحت البحر المتوسط نحو إيطاليا وإسبانيا.\n"
        "وكشف عرقاب عن خطة لحفر 30 بئرا جديدة في حقول الجنوب قبل نهاية العام المقبل بالشراكة مع شركات أجنبية.\n"
    )
    summary = ExtractiveEngine(settings).summarize(Article(text=text), 3)
    texts = [b.text for b in summary.bullets]
    assert integrity.introduced(texts, text) == [[] for _ in texts], texts
    assert any("محمد عرقاب" in t for t in texts), texts


def _run_on(tail: str) -> str:
    """A paragraph of one run-on over the splitter's limit whose only comma comes before ``tail``."""
    clause = "تعمل الشركة على تطوير شبكة النقل البري في المحافظات الجنوبية بالتعاون مع البلديات المحلية"
    return " و".join([clause] * 8) + "، " + tail


def test_the_later_part_of_a_run_on_cut_at_a_comma_is_no_sentence_of_its_own() -> None:
    sentences = split(_run_on("وتحديث أسطول الحافلات وزيادة عدد الرحلات اليومية بين المدن الكبرى."))
    assert len(sentences) == 2
    assert continues_clause(sentences[1], sentences)
    assert not continues_clause(sentences[0], sentences)


def test_a_run_on_part_that_opens_with_its_own_speaker_or_link_is_a_sentence() -> None:
    for opening in ("وأشار الوزير إلى أن", "من جهة أخرى، أكد المدير أن"):
        sentences = split(_run_on(f"{opening} الخطة ستنفذ على ثلاث مراحل تنتهي في عام 2030."))
        assert len(sentences) == 2 and not continues_clause(sentences[1], sentences)


def test_an_article_with_no_sentence_that_reads_whole_is_refused_with_a_reason(settings: Settings) -> None:
    """"السودان اليوم : 28/10/2019": a site label and a date make no box, and the caller is told why."""
    with pytest.raises(EmptyInput, match="no sentence that reads whole"):
        ExtractiveEngine(settings).summarize(Article(text="السودان اليوم : 28/10/2019"), 3)
