"""The faithfulness guard: numbers, dates and names must come from the article."""

from __future__ import annotations

import dataclasses

import pytest

from khulasa import pipeline
from khulasa.arabic.normalize import normalize
from khulasa.arabic.words_to_numbers import quantities
from khulasa.config import Settings
from khulasa.model import Article, GuardFinding
from khulasa.summarize import guard, lexicon, prompt

GOOD = list(prompt.EXAMPLE_BULLETS)
ARTICLE = prompt.EXAMPLE_ARTICLE


def failed(findings: tuple[GuardFinding, ...]) -> dict[str, str]:
    return {f.check: f.detail for f in findings if not f.passed}


def test_the_worked_example_passes(settings: Settings) -> None:
    findings = guard.check(GOOD, ARTICLE, settings, 2)
    assert [f.check for f in findings] == ["count", "length", "arabic", "distinct", "numbers", "dates", "names", "integrity"]
    assert failed(findings) == {}


def test_the_extractive_engine_passes_on_the_example_article(example_text: str, settings: Settings) -> None:
    summary = pipeline.summarize(Article(text=example_text), settings)
    assert summary.engine == "extractive"
    assert summary.guard and failed(summary.guard) == {}


@pytest.mark.parametrize(
    ("old", "new", "check", "quoted"),
    [
        ("210 آلاف", "250 ألف", "numbers", "«250 ألف»"),
        ("40%", "٤٥%", "numbers", "«٤٥»"),
        ("2.4 مليار", "2.4 مليون", "numbers", "«2.4 مليون»"),
        ("مارس 2024", "مارس 2023", "dates", "«2023»"),
        ("مارس 2024", "أبريل 2024", "dates", "«أبريل»"),
        ("مارس 2024", "تشرين أول 2024", "dates", "«تشرين أول»"),  # a Levantine name of another month
        ("صادرات تونس", "صادرات المغرب", "names", "«المغرب»"),
        ("الاتحاد التونسي للفلاحة", "الاتحاد التونسي للفلاحة برئاسة نور الدين بن عياد", "names", "«نور الدين بن عياد»"),
        ("تراجع متوسط", "قال Ahmed Tlili إن متوسط", "names", "«Ahmed Tlili»"),
    ],
)
def test_a_detail_not_in_the_article_is_caught(settings: Settings, old: str, new: str, check: str, quoted: str) -> None:
    bullets = [b.replace(old, new) for b in GOOD]
    assert bullets != GOOD
    problems = failed(guard.check(bullets, ARTICLE, settings, 2))
    assert check in problems, problems
    assert quoted in problems[check]


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("210 آلاف", "٢١٠ آلاف"),  # Arabic-Indic digits
        ("340 ألف طن", "340000 طن"),  # the same amount without a scale word
        ("خلال خمسة أشهر", "خلال الأشهر الخمسة"),  # a number word, as the article writes it
        ("مارس 2024", "آذار 2024"),  # the Levantine name of the same month
        ("مارس 2024", "مارس/اذار 2024"),  # both names side by side, the hamza left off
        ("وسط تحذير", "وسط تحذيرات"),  # an everyday word the article does not use
        ("تغطي كلفة", "تُغطّي كلفة"),  # diacritics
    ],
)
def test_a_faithful_rewording_passes(settings: Settings, old: str, new: str) -> None:
    bullets = [b.replace(old, new) for b in GOOD]
    assert bullets != GOOD
    assert failed(guard.check(bullets, ARTICLE, settings, 2)) == {}


DESALINATION_REWORDED = [
    # a verb the article has as وقعت (which could also read و+قعت)
    "وقّع الأردن اتفاقية نهائية مع تحالف شركات دولية لتنفيذ مشروع الناقل الوطني لتحلية مياه البحر في العقبة "
    "بكلفة تقارب 3.5 مليارات دولار، ويُتوقع بدء تشغيله التجريبي عام 2029.",
    # يموّل ~ التمويل (one root), يحذّر ~ حذروا (imperfect prefix)
    "يموّل البنك الدولي والاتحاد الأوروبي ووكالات تنمية المشروع إلى جانب القطاع الخاص، بينما يحذّر خبراء "
    "من ارتفاع فاتورة المياه إذا لم تعتمد المحطة على الطاقة الشمسية.",
    # everyday words the article does not use (معتبرة, استقرار, يخشى)
    "رحّبت غرفة صناعة الأردن بالاتفاقية معتبرة أن استقرار أسعار المياه سيشجع الاستثمار في الصناعات الغذائية "
    "والدوائية، في حين يخشى خبراء ارتفاع كلفة الكهرباء.",
]


def test_an_llm_style_rewording_of_the_example_article_passes(example_text: str, settings: Settings) -> None:
    assert failed(guard.check(DESALINATION_REWORDED, example_text, settings, 3)) == {}


@pytest.mark.parametrize("name", ["ترامب", "المغاربة", "نتنياهو", "يوسف الشامي", "ميتسوبيشي"])
def test_a_name_that_looks_like_a_derived_word_is_still_caught(example_text: str, settings: Settings, name: str) -> None:
    bullet = DESALINATION_REWORDED[1].replace("البنك الدولي", name)
    assert name in failed(guard.check([bullet], example_text, settings, 1))["names"]


def test_bounds_language_and_repetition(settings: Settings) -> None:
    problems = failed(guard.check([GOOD[0], GOOD[0], GOOD[1], GOOD[1]], ARTICLE, settings, 2))
    assert problems["count"] == "4 bullets; expected 2–3"
    assert "bullets 1 and 2 say nearly the same thing" in problems["distinct"]
    problems = failed(guard.check(["ارتفعت صادرات تونس من زيت الزيتون.", GOOD[1]], ARTICLE, settings, 2))
    bounds = f"between {settings.bullet_min_words} and {settings.bullet_max_words}"
    assert problems["length"].startswith(f"bullet 1 has 6 words; keep each {bounds}")
    english = "Tunisia's olive oil exports rose to about 210 thousand tonnes in the first five months of the season."
    assert "bullet 2 is 0% Arabic script" in failed(guard.check([GOOD[0], english], ARTICLE, settings, 2))["arabic"]
    assert failed(guard.check([], ARTICLE, settings, 2))["count"].startswith("0 bullets")


def test_explain_names_every_failed_check(settings: Settings) -> None:
    findings = guard.check([GOOD[0].replace("210", "999"), GOOD[1].replace("التونسي", "الجزائري")], ARTICLE, settings, 2)
    assert not guard.passed(findings)
    text = guard.explain(findings)
    assert "numbers: bullet 1: «999 آلاف» not in the article" in text
    assert "names: bullet 2: «الجزائري» not in the article" in text


@pytest.mark.parametrize(
    ("text", "values"),
    [
        ("بكلفة 3.5 مليارات دولار", [3.5e9]),
        ("٣٫٥ مليار", [3.5e9]),
        ("ثلاثة مليارات ونصف", [3.5e9]),
        ("ثلاثمئة وخمسون ألفا", [350_000]),
        ("خمسة عشر مليونا", [15_000_000]),
        ("عجز يتجاوز 48 تريليونا", [48e12]),
        ("ديون بقيمة تريليوني دولار", [2e12]),
        ("1,500 عامل و2.000.000 زائر", [1500, 2_000_000]),
        ("أحد عشر لاعبا واثنتا عشرة سيدة", [11, 12]),
        ("مليون وخمسمئة ألف", [1_500_000]),
        ("في 16 ديسمبر عام 1770", [16, 1770]),
        ("نحو 15 في المئة", [15]),
        ("ألّف الكاتب روايته الأولى", []),
        ("يوم الاثنين للمرة الأولى", []),
    ],
)
def test_numbers_are_read_as_values(text: str, values: list[float]) -> None:
    assert [q.value for q in quantities(text)] == values


# The names check and the dictionary (extra "lexicon"): a composed story about a flood.
FLOOD = (
    "أعلنت محافظة الإسكندرية في شمال مصر، اليوم الأحد، أن الأمطار الغزيرة التي هطلت على المدينة منذ مساء الجمعة "
    "أدت إلى غرق عشرات الشوارع وانقطاع الكهرباء عن أحياء في شرق المدينة. وقال المحافظ محمود عبد السلام إن فرق "
    "الطوارئ سحبت أكثر من 120 ألف متر مكعب من المياه خلال يومين، وإن الدراسة علقت في 40 مدرسة. وأضاف أن الحكومة "
    "خصصت 300 مليون جنيه لإصلاح شبكة الصرف في الإسكندرية قبل الشتاء المقبل، فيما طالب سكان بتعويضات عن الأضرار "
    "التي لحقت بمحالهم."
)
FLOOD_REWORDED = [
    # verbs and verbal nouns the article does not use: تسببت, إغراق, وقطع, وتعهدت, تنفق, لترميم
    "تسببت أمطار غزيرة في إغراق عشرات الشوارع بالإسكندرية وقطع الكهرباء عن أحياء شرقها، وتعهدت الحكومة بأن تنفق "
    "300 مليون جنيه لترميم شبكة الصرف قبل الشتاء المقبل.",
    # شفطت (a verb), متضررون (a participle), خسائرهم (a noun with a pronoun)
    "أوضح المحافظ محمود عبد السلام أن فرق الطوارئ شفطت أكثر من 120 ألف متر مكعب من المياه خلال يومين، بينما "
    "يطالب سكان متضررون بتعويضات عن خسائرهم.",
]
needs_dictionary = pytest.mark.skipif(not lexicon.installed(), reason="the extra 'lexicon' is not installed")


@pytest.fixture
def without_dictionary(monkeypatch: pytest.MonkeyPatch) -> None:
    """The guard as it runs where the extra "lexicon" is not installed."""
    monkeypatch.setattr(lexicon, "ENABLED", False)


@needs_dictionary
def test_a_paraphrase_in_everyday_words_the_article_lacks_passes(settings: Settings) -> None:
    assert failed(guard.check(FLOOD_REWORDED, FLOOD, settings, 2)) == {}


@needs_dictionary
def test_a_newsroom_can_keep_the_stricter_guard_by_setting(settings: Settings) -> None:
    strict = dataclasses.replace(settings, guard_dictionary=False)
    assert "«شفطت»" in failed(guard.check(FLOOD_REWORDED, FLOOD, strict, 2))["names"]


@pytest.mark.usefixtures("without_dictionary")
def test_without_the_dictionary_the_same_paraphrase_is_held_back_as_names(settings: Settings) -> None:
    problems = failed(guard.check(FLOOD_REWORDED, FLOOD, settings, 2))
    assert list(problems) == ["names"]
    assert "«لترميم»" in problems["names"] and "«شفطت»" in problems["names"]


@pytest.mark.parametrize("dictionary", [pytest.param(True, marks=needs_dictionary), False])
@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("بالإسكندرية", "بدمشق"),  # a city for another
        ("بالإسكندرية", "بالقاهرة"),  # a city of the same country
        ("بالإسكندرية", "بالسودان"),  # a country for a city
        ("محمود", "يوسف"),  # a given name
        ("محمود", "ميلوني"),  # names the dictionary could read as words with endings: ميل+ون+ي
        ("محمود", "بارزاني"),  # بارز+ان+ي
        ("محمود", "بنزيمة"),  # ب+ن+زيم+ة
    ],
)
def test_a_swapped_place_or_person_still_fails(
    settings: Settings, monkeypatch: pytest.MonkeyPatch, dictionary: bool, old: str, new: str
) -> None:
    monkeypatch.setattr(lexicon, "ENABLED", dictionary)
    bullets = [b.replace(old, new) for b in FLOOD_REWORDED]
    assert bullets != FLOOD_REWORDED
    assert new in failed(guard.check(bullets, FLOOD, settings, 2))["names"]


@pytest.mark.parametrize("dictionary", [pytest.param(True, marks=needs_dictionary), False])
def test_a_country_the_article_does_not_name_fails(settings: Settings, monkeypatch: pytest.MonkeyPatch, dictionary: bool) -> None:
    monkeypatch.setattr(lexicon, "ENABLED", dictionary)
    bullet = "قال سكان في شمال سوريا إن الأمطار أدت إلى غرق عشرات الشوارع وانقطاع الكهرباء عن أحياء في شرق المدينة."
    assert failed(guard.check([bullet], FLOOD, settings, 1))["names"] == "bullet 1: «سوريا» not in the article"


@pytest.mark.usefixtures("without_dictionary")
def test_function_words_with_suffixes_pass_without_the_dictionary(settings: Settings) -> None:
    bullet = (
        "أدت الأمطار إلى غرق عشرات الشوارع في الإسكندرية وهي أكبر مدن الشمال، بعدما هطلت عليها منذ مساء الجمعة "
        "وقطعت الكهرباء عن أحياء فيها."
    )
    assert guard.unsupported_names(bullet, guard.Source.of(FLOOD)) == ["وقطعت"]  # a verb: only the dictionary knows it


@needs_dictionary
def test_the_dictionary_knows_words_and_keeps_names_apart() -> None:
    for word in ("أحرز", "ترأست", "متعهد", "مستندا"):
        assert guard.is_vocabulary(normalize(word)), word
    for word in ("هروب", "امتداد", "التعليم"):  # verbal nouns tell what happened: the article must hold them
        assert not guard.is_vocabulary(normalize(word)), word
    for name in ("دمشق", "القاهرة", "بالقاهرة", "المصري", "وبدمشق", "بوتين", "السوري", "البريطانيون", "المغاربة"):
        assert guard.is_name(normalize(name)), name
        assert not guard.is_vocabulary(normalize(name)), name


@pytest.mark.parametrize(
    ("bullet", "defect"),
    [
        ("في حين " + GOOD[1], "dangling_opening"),
        ('قال رئيس الاتحاد إن "الموسم ' + GOOD[1], "unbalanced"),
        ("نحن نرى أن " + GOOD[1], "first_person"),
    ],
)
def test_a_broken_sentence_fails_the_integrity_check(settings: Settings, bullet: str, defect: str) -> None:
    problems = failed(guard.check([GOOD[0], bullet], ARTICLE, settings, 2))
    assert "integrity" in problems, problems
    assert f"bullet 2: {defect}" in problems["integrity"]


def test_an_extractive_bullet_is_judged_against_the_sentence_it_was_cut_from(settings: Settings) -> None:
    """With its source, a deletion that left the accusative of «إنّ» on the subject is seen; without it, not."""
    source = "وقال المرصد إن عنصري الأمن أصيبا بجروح طفيفة خلال اشتباك قرب مبنى البلدية في وسط المدينة."
    bullet = "عنصري الأمن أصيبا بجروح طفيفة خلال اشتباك قرب مبنى البلدية في وسط المدينة."
    assert "integrity" not in failed(guard.check([bullet], source, settings, 1))
    problems = failed(guard.check([bullet], source, settings, 1, sources=[[source]]))
    assert "accusative_subject" in problems["integrity"]
