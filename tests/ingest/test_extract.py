"""Extracting an article from a saved news page: body, headline, date, credit."""

from __future__ import annotations

import pytest

from khulasa.errors import NoArticleFound
from khulasa.ingest.clean import clean_body, split_dateline
from khulasa.ingest.extract import clean_title, extract, published_date

PARAGRAPHS = [
    "أعلنت بلدية المدينة، اليوم الأحد، افتتاح أول خط للحافلات الكهربائية يربط وسط المدينة بالمطار، "
    "بطول 28 كيلومترًا وبكلفة بلغت 40 مليون دولار.",
    "وقال رئيس البلدية في مؤتمر صحافي إن الخط سيخدم نحو 15 ألف راكب يوميًا، وإن الحافلات ستعمل "
    "من السادسة صباحًا حتى منتصف الليل طوال أيام الأسبوع.",
    "وأضاف أن المرحلة الثانية من المشروع تشمل ثلاثة خطوط جديدة تربط الأحياء الشرقية بالجامعة "
    "والمستشفى الحكومي، على أن تكتمل قبل نهاية العام المقبل.",
    "ورحب سكان الأحياء القريبة من المسار بالمشروع، لكن بعضهم اشتكى من الازدحام الذي سببته "
    "أعمال الحفر خلال الأشهر الماضية في الشوارع الرئيسية.",
]
HEADLINE = "افتتاح أول خط للحافلات الكهربائية بين وسط المدينة والمطار"


def page(*, title: str, head: str = "", body_extra: str = "") -> str:
    paragraphs = "\n".join(f"<p>{p}</p>" for p in PARAGRAPHS)
    return f"""<!doctype html><html lang="ar" dir="rtl"><head><meta charset="utf-8">
<title>{title}</title>{head}</head><body>
<header><h1 class="logo">أخبار المدينة</h1><nav><a href="/">الرئيسية</a> <a href="/s">رياضة</a></nav></header>
<article><h1>{HEADLINE}</h1>
<div class="share">شارك على فيسبوك</div>
{paragraphs}
{body_extra}
<p>(رويترز، وكالات)</p>
</article>
<footer>جميع الحقوق محفوظة</footer></body></html>"""


def test_body_keeps_the_story_and_drops_the_furniture() -> None:
    html = page(
        title=f"{HEADLINE} - أخبار المدينة",
        body_extra="<p>اقرأ أيضا:</p><p><a href='/x'>الحكومة تقر موازنة النقل للعام الجديد</a></p>"
        "<p>الكلمات الدالة: حافلات، نقل، بلدية</p>",
    )
    article = extract(html, "https://news.example/2024/05/12/buses")
    assert "28 كيلومترًا" in article.text
    assert "أعمال الحفر" in article.text
    assert "اقرأ أيضا" not in article.text and "موازنة النقل" not in article.text
    assert "الكلمات الدالة" not in article.text and "شارك" not in article.text
    assert "رويترز" not in article.text
    assert article.credit is not None and "رويترز" in article.credit


def test_site_name_is_cut_from_the_title() -> None:
    article = extract(page(title=f"{HEADLINE} - أخبار المدينة"), None)
    assert article.title == HEADLINE
    assert clean_title(f"بوابة الأخبار | {HEADLINE}", "بوابة الأخبار", None) == HEADLINE
    assert clean_title(HEADLINE, None, None) == HEADLINE


def test_title_with_an_inner_dash_is_kept_whole() -> None:
    title = "مفاوضات الهدنة - الجولة الثالثة تبدأ في القاهرة"
    assert clean_title(title, "صحيفة الغد", "https://alghad.example/x", [title]) == title


@pytest.mark.parametrize(
    ("head", "url", "expected"),
    [
        ('<meta property="article:published_time" content="2024-05-12T09:30:00+03:00">', None, "2024-05-12"),
        # the same instant in UTC and in the newsroom's zone: the local calendar day wins
        (
            '<meta property="article:published_time" content="2024-05-11T23:30:00+00:00">'
            '<script type="application/ld+json">{"@type": "NewsArticle", "datePublished": "2024-05-12T02:30:00+03:00"}</script>',
            None,
            "2024-05-12",
        ),
        ("", "https://news.example/2019/world/8/3/story.html", "2019-08-03"),
        ("", "https://news.example/2021/03/14/story", "2021-03-14"),
    ],
)
def test_publication_date_from_metadata_then_url(head: str, url: str | None, expected: str) -> None:
    from lxml import html as lxml_html

    tree = lxml_html.fromstring(page(title=HEADLINE, head=head))
    assert published_date(tree, url) == expected


def test_first_line_repeating_the_headline_is_dropped() -> None:
    text, credit = clean_body(HEADLINE + "\n" + "\n".join(PARAGRAPHS), HEADLINE)
    assert not text.startswith(HEADLINE)
    assert credit is None


def test_page_without_an_article_is_refused() -> None:
    html = "<html><head><title>الرئيسية</title></head><body><nav><a>أخبار</a> <a>رياضة</a></nav></body></html>"
    with pytest.raises(NoArticleFound, match="no article"):
        extract(html, None)


def test_a_short_story_is_read_whole_with_its_headline_and_date() -> None:
    # under 300 characters of body, so readability reads the page too (from the same parse as the rest)
    story = (
        "<p>أغلقت السلطات في عمّان اليوم ثلاثة طرق رئيسية بعد أمطار غزيرة هطلت منذ ساعات الفجر وتسببت بتجمع المياه في الأنفاق.</p>"
        "<p>وقالت مديرية الدفاع المدني إن فرقها تعاملت مع عشرات البلاغات دون تسجيل إصابات.</p>"
    )
    html = f"""<html><head><meta charset="utf-8"><title>أمطار غزيرة تغلق طرقًا في عمّان - شبكة الأخبار</title>
<meta property="article:published_time" content="2025-02-11T09:00:00+03:00"></head><body>
<h1>أمطار غزيرة تغلق طرقًا في عمّان</h1><div class="story">{story}</div><div hidden>إعلان</div></body></html>"""
    article = extract(html)
    assert article.title == "أمطار غزيرة تغلق طرقًا في عمّان"
    assert article.published == "2025-02-11"
    assert article.text.startswith("أغلقت السلطات") and article.text.endswith("دون تسجيل إصابات.")


def test_the_standfirst_above_the_body_is_kept_as_its_first_paragraph() -> None:
    lede = "سجلت وزارة الصحة اليوم 30 إصابة جديدة بالفيروس، ليرتفع إجمالي الإصابات إلى 196 حالة بينها ست وفيات."
    html = page(title=HEADLINE).replace("<article>", f'<div class="b-article__lead">{lede}</div>\n<article>')
    article = extract(html, None)
    assert article.text.startswith("سجلت وزارة الصحة اليوم 30 إصابة جديدة")
    assert "28 كيلومترًا" in article.text


def test_a_standfirst_the_body_already_holds_is_not_repeated() -> None:
    html = page(title=HEADLINE).replace("<article>", f'<p class="summary introtext">{PARAGRAPHS[0]}</p>\n<article>')
    assert extract(html, None).text.count("أول خط للحافلات الكهربائية") == 1


@pytest.mark.parametrize(
    ("opening", "dateline"),
    [
        ("دمشق، سوريا (CNN) -- ", "دمشق، سوريا (CNN)"),
        ("الدوحة - (اف ب) - ", "الدوحة - (اف ب)"),
        ("عمان - بترا - ", "عمان - بترا"),
        ("الرأي- ", "الرأي"),
        ("القاهرة – «الشرق الأوسط»: ", "القاهرة – «الشرق الأوسط»"),
        ("المدينة نيوز :- ", "المدينة نيوز"),
        ("زليتن (ليبيا) - «المرصد الليبي»: ", "زليتن (ليبيا) - «المرصد الليبي»"),  # the country in brackets, then the agency
        ("عمّان 12 تشرين الأول (بترا) - ", "عمّان 12 تشرين الأول (بترا)"),  # a date between the place and the agency
        ("الحمراء في 14 نوفمبر /العُمانية/ ", "الحمراء في 14 نوفمبر /العُمانية/"),  # the agency between slashes
    ],
)
def test_the_dateline_and_agency_tag_leave_the_body_for_the_metadata(opening: str, dateline: str) -> None:
    html = page(title=HEADLINE).replace(f"<p>{PARAGRAPHS[0]}", f"<p>{opening}{PARAGRAPHS[0]}")
    article = extract(html, None)
    assert article.text.startswith("أعلنت بلدية المدينة")
    assert article.dateline == dateline


@pytest.mark.parametrize(
    ("opening", "byline"),
    [
        ("كتب - فهد المطيري:\n", "كتب - فهد المطيري"),
        ("بقلم: سلمى بن يوسف\n", "بقلم: سلمى بن يوسف"),
        ("كتبت - رنا شمعون: ", "كتبت - رنا شمعون"),
        ("كتب - محمود الشناوي وأحمد عبد الستار:\n", "كتب - محمود الشناوي وأحمد عبد الستار"),
        ("القاهرة - كتبت - منى الصاوي:\n", "القاهرة - كتبت - منى الصاوي"),
        ("حاورها - أنيس القلعي:\n", "حاورها - أنيس القلعي"),
    ],
)
def test_a_reporters_byline_before_the_body_leaves_it_like_a_dateline(opening: str, byline: str) -> None:
    assert split_dateline(opening + PARAGRAPHS[0]) == (PARAGRAPHS[0], byline)
    assert split_dateline(opening + "الكويت - (كونا) - " + PARAGRAPHS[0]) == (PARAGRAPHS[0], "الكويت - (كونا)")


@pytest.mark.parametrize(
    ("lines", "dateline"),
    [
        ("الزاوية (ليبيا) - «وكالة الساحل للأنباء»\n", "الزاوية (ليبيا) - «وكالة الساحل للأنباء»"),
        ("الدمام - خاص\n", "الدمام - خاص"),
        ("طرابلس (لبنان) - «وكالة المشرق للأنباء»\nكتب: رامي الحاج\n", "طرابلس (لبنان) - «وكالة المشرق للأنباء»"),
        ("تبسة: مراد بوشارب\n", "تبسة: مراد بوشارب"),
        ("بغداد -\n", "بغداد"),
        ("ناغويا (اليابان)\n", "ناغويا (اليابان)"),  # a place and its country: no dash needed
        ("قرقنة (صفاقس)\nحاوره: سامي الطرابلسي\n", "قرقنة (صفاقس)"),
    ],
)
def test_a_dateline_or_byline_on_a_line_of_its_own_leaves_the_body(lines: str, dateline: str) -> None:
    assert split_dateline(lines + PARAGRAPHS[0]) == (PARAGRAPHS[0], dateline)


def test_a_subheading_or_a_short_sentence_opening_the_body_stays() -> None:
    for first in ("اتهامات متبادلة\n", "قال الوزير: نعم.\n"):
        assert split_dateline(first + PARAGRAPHS[0]) == (first + PARAGRAPHS[0], None)


@pytest.mark.parametrize(
    "opening",
    [
        "كتب الوزير في تغريدة على حسابه أن الخط الجديد سيخدم نحو 15 ألف راكب يوميا.",
        "قال رئيس البلدية: إن الخط سيخدم نحو 15 ألف راكب يوميا في أيامه الأولى.",
        "وزارة النقل - في بيان صدر اليوم - أعلنت موعد تشغيل الخط الجديد للحافلات.",
        "الكريات الحمراء: هي خلايا الدم التي تحمل الأكسجين إلى أنسجة الجسم كلها.",
    ],
)
def test_an_opening_that_only_looks_like_a_dateline_stays(opening: str) -> None:
    assert split_dateline(opening) == (opening, None)


def test_a_publication_stamp_above_the_body_is_dropped() -> None:
    text, _credit = clean_body("تم نشره الجمعة 24 نيسان / أبريل 2020 09:22 مساءً\n" + PARAGRAPHS[0], None)
    assert text == PARAGRAPHS[0]


def test_a_place_alone_on_the_line_above_a_byline_leaves_with_it() -> None:
    """"إربد" on its own line, then "كتب - عمر الخصاونة:": left, the byline's colon glued it to the lede (round 62)."""
    body, dateline = split_dateline("إربد\nكتب - عمر الخصاونة:\n" + PARAGRAPHS[0])
    assert (body, dateline) == (PARAGRAPHS[0], "إربد")
    headed = "عاجل\n" + PARAGRAPHS[0]  # a word alone before the story, with no byline after it, is the story's
    assert split_dateline(headed) == (headed, None)
