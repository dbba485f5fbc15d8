"""The splitter, by example: text in, sentences (and subheadings, and the credit) out."""

from __future__ import annotations

import random
import textwrap

import pytest

from khulasa.arabic.sentences import MAX_WORDS, split, strip_credit
from khulasa.arabic.tokens import word_count, words
from tests.conftest import FIXTURES


def texts(text: str) -> list[str]:
    return [sentence.text for sentence in split(text)]


@pytest.mark.parametrize(
    ("text", "sentences"),
    [
        pytest.param(
            "ارتفعت الأسعار. هل تتدخل الحكومة؟ لا أحد يعرف! لكن الانتظار طال…",
            ["ارتفعت الأسعار.", "هل تتدخل الحكومة؟", "لا أحد يعرف!", "لكن الانتظار طال…"],
            id="arabic and latin final punctuation",
        ),
        pytest.param(
            "تراجع المؤشر العام للبورصة... ثم عاد إلى الارتفاع. وأغلق على مكاسب.",
            ["تراجع المؤشر العام للبورصة...", "ثم عاد إلى الارتفاع.", "وأغلق على مكاسب."],
            id="three dots",
        ),
        pytest.param(
            "الأردن.. ارتفاع أسعار الوقود للمرة الثالثة. وتوقعات بزيادة جديدة.",
            ["الأردن.. ارتفاع أسعار الوقود للمرة الثالثة.", "وتوقعات بزيادة جديدة."],
            id="dots after a word or two are a pause",
        ),
        pytest.param(
            "قال الوزير إن الخطة جاهزة، وإن التمويل متوفر؛ وأضاف أن التنفيذ يبدأ قريبًا: خلال أسابيع.",
            ["قال الوزير إن الخطة جاهزة، وإن التمويل متوفر؛ وأضاف أن التنفيذ يبدأ قريبًا: خلال أسابيع."],
            id="commas semicolons and colons never end a sentence",
        ),
        pytest.param(
            "بلغ النمو 3.5 في المئة في 30/5 عند 10:30 صباحًا. ويغطي التقرير الموسم 2023-2024.",
            ["بلغ النمو 3.5 في المئة في 30/5 عند 10:30 صباحًا.", "ويغطي التقرير الموسم 2023-2024."],
            id="decimals dates and times",
        ),
        pytest.param(
            "بلغ عدد المصابين 12. وقالت الوزارة إن الحالات مستقرة.",
            ["بلغ عدد المصابين 12.", "وقالت الوزارة إن الحالات مستقرة."],
            id="a number can end a sentence",
        ),
        pytest.param(
            "استقبل د. أحمد سالم وأ.د. ليلى حسن وفد الجامعة. ثم عقدا مؤتمرًا صحافيًا.",
            ["استقبل د. أحمد سالم وأ.د. ليلى حسن وفد الجامعة.", "ثم عقدا مؤتمرًا صحافيًا."],
            id="arabic titles",
        ),
        pytest.param(
            "قال م. خالد يوسف إن الموقع يعود إلى عام 300 ق.م. تقريبًا. وتستمر أعمال التنقيب.",
            ["قال م. خالد يوسف إن الموقع يعود إلى عام 300 ق.م. تقريبًا.", "وتستمر أعمال التنقيب."],
            id="engineer and before-christ",
        ),
        pytest.param(
            "تُرسل الطلبات إلى ص.ب. 1204 في عمّان. ويُعلن القبول لاحقًا.",
            ["تُرسل الطلبات إلى ص.ب. 1204 في عمّان.", "ويُعلن القبول لاحقًا."],
            id="post office box",
        ),
        pytest.param(
            "وصل وزير الخارجية إلى U.S. Central Command في تامبا. والتقى Dr. Smith هناك.",
            ["وصل وزير الخارجية إلى U.S. Central Command في تامبا.", "والتقى Dr. Smith هناك."],
            id="latin abbreviations",
        ),
        pytest.param(
            "ووقع الاتفاق ج. ك. رولينغ ممثلة للمؤسسة. وحضر السفير.",
            ["ووقع الاتفاق ج. ك. رولينغ ممثلة للمؤسسة.", "وحضر السفير."],
            id="single-letter initials",
        ),
        pytest.param(
            "وقال: «لن نتراجع. سنواصل العمل» قبل أن يغادر القاعة. وانتهى الاجتماع.",
            ["وقال: «لن نتراجع. سنواصل العمل» قبل أن يغادر القاعة.", "وانتهى الاجتماع."],
            id="a full stop inside a quote the sentence continues past",
        ),
        pytest.param(
            'وقال المتحدث: "الوضع صعب." وأضاف: "سنعمل على حله."',
            ['وقال المتحدث: "الوضع صعب."', 'وأضاف: "سنعمل على حله."'],
            id="a closing quote stays with its sentence",
        ),
        pytest.param(
            'وقال المتحدث إن "الوضع صعب." مضيفًا أن الفرق تعمل ليلًا ونهارًا. وانتهى المؤتمر.',
            ['وقال المتحدث إن "الوضع صعب." مضيفًا أن الفرق تعمل ليلًا ونهارًا.', "وانتهى المؤتمر."],
            id="a reporting sentence going on past a quote's own full stop",
        ),
        pytest.param(
            "وتساءل: “هل نترك الناس بلا ماء؟” وأجابت الوزيرة بأن الحل قريب.",
            ["وتساءل: “هل نترك الناس بلا ماء؟”", "وأجابت الوزيرة بأن الحل قريب."],
            id="curly quotes",
        ),
        pytest.param(
            "وأكد البيان (الصادر مساء أمس. وفق التوقيت المحلي) أن الهدنة صامدة. وتستمر المفاوضات.",
            ["وأكد البيان (الصادر مساء أمس. وفق التوقيت المحلي) أن الهدنة صامدة.", "وتستمر المفاوضات."],
            id="brackets protect like quotes",
        ),
        pytest.param(
            "وقال: «لن نتراجع. ثم غادر. وانتهى الاجتماع.",
            ["وقال: «لن نتراجع.", "ثم غادر.", "وانتهى الاجتماع."],
            id="an unclosed quote protects nothing",
        ),
        pytest.param(
            "انتهى الاجتماع.وقال الوزير إن العمل مستمر.",
            ["انتهى الاجتماع.", "وقال الوزير إن العمل مستمر."],
            id="missing space after a full stop",
        ),
        pytest.param(
            "حددت الخطة أولويتين: 1. إصلاح الشبكة القديمة. 2. بناء خزانات جديدة.",
            ["حددت الخطة أولويتين: 1. إصلاح الشبكة القديمة.", "2. بناء خزانات جديدة."],
            id="a list number is not a sentence",
        ),
        pytest.param(
            "انتهى الاجتماع .وقال الوزير إن العمل مستمر.",
            ["انتهى الاجتماع .", "وقال الوزير إن العمل مستمر."],
            id="full stop typed before the space",
        ),
        pytest.param(
            'ارتفعت مبيعات السماد الفوسفاتي (DAP).ويوجد في المخازن مئة ألف طن. وقال: "البيع بطيء".وأضاف أن الأسعار تتراجع.',
            [
                "ارتفعت مبيعات السماد الفوسفاتي (DAP).",
                "ويوجد في المخازن مئة ألف طن.",
                'وقال: "البيع بطيء".',
                "وأضاف أن الأسعار تتراجع.",
            ],
            id="full stop after a bracket or quote, typed before the next word",
        ),
        pytest.param(
            "ارتفعت الأسعار بنحو 13 %.وفي بيان صادر أمس حذرت الغرفة من موجة غلاء جديدة.",
            ["ارتفعت الأسعار بنحو 13 %.", "وفي بيان صادر أمس حذرت الغرفة من موجة غلاء جديدة."],
            id="full stop after a figure, typed before the next word",
        ),
        pytest.param(
            "أبدى البنك استعداده للاستثمار في . البنية التحتية للسودان خلال العام المقبل.",
            ["أبدى البنك استعداده للاستثمار في . البنية التحتية للسودان خلال العام المقبل."],
            id="a stray dot after a preposition",
        ),
        pytest.param(
            "تأسست المدينة في القرن الثامن.[3] وازدهرت في عهد العباسيين.",
            ["تأسست المدينة في القرن الثامن.[3]", "وازدهرت في عهد العباسيين."],
            id="citation marks after a full stop",
        ),
        pytest.param(
            "زوروا الموقع aljazeera.net لمزيد من التفاصيل. والبث مستمر.",
            ["زوروا الموقع aljazeera.net لمزيد من التفاصيل.", "والبث مستمر."],
            id="web address",
        ),
        pytest.param(
            "  قال   الوزير\tإن\u00a0الخطة جاهزة.   ",
            ["قال الوزير إن الخطة جاهزة."],
            id="stray whitespace collapses",
        ),
        pytest.param(
            "أعلنت الحكومةُ خطةً جديدةً للـمـيـاه. وَرَحَّبَ النواب.",
            ["أعلنت الحكومةُ خطةً جديدةً للـمـيـاه.", "وَرَحَّبَ النواب."],
            id="displayed text keeps diacritics and tatweel",
        ),
    ],
)
def test_sentences(text: str, sentences: list[str]) -> None:
    assert texts(text) == sentences


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(
            "ارتفعت أسعار الوقود في الأردن.\nالحكومة تدافع عن قرارها\nوقال الوزير إن الدعم سيستمر للأسر الفقيرة.",
            [("ارتفعت أسعار الوقود في الأردن.", 0, False), ("الحكومة تدافع عن قرارها", 1, True),
             ("وقال الوزير إن الدعم سيستمر للأسر الفقيرة.", 2, False)],
            id="subheading between paragraphs",
        ),
        pytest.param(
            "ارتفعت أسعار الوقود في الأردن.\nما الذي تغير هذا العام؟\nقال الوزير إن الدعم سيستمر للأسر الفقيرة.",
            [("ارتفعت أسعار الوقود في الأردن.", 0, False), ("ما الذي تغير هذا العام؟", 1, True),
             ("قال الوزير إن الدعم سيستمر للأسر الفقيرة.", 2, False)],
            id="a short question standing alone is a subheading",
        ),
        pytest.param(
            "ارتفعت أسعار الوقود في الأردن.\nفهل تنجح الحكومة في ضبط الأسعار؟\nقال الوزير إن الدعم سيستمر.",
            [("ارتفعت أسعار الوقود في الأردن.", 0, False), ("فهل تنجح الحكومة في ضبط الأسعار؟", 1, False),
             ("قال الوزير إن الدعم سيستمر.", 2, False)],
            id="a rhetorical question in the story is not",
        ),
        pytest.param(
            "ارتفعت أسعار الوقود في الأردن.\nوقال الوزير إن الدعم مستمر\nوأضاف أن الأسعار ستراجع شهريًا.",
            [("ارتفعت أسعار الوقود في الأردن.", 0, False), ("وقال الوزير إن الدعم مستمر", 1, False),
             ("وأضاف أن الأسعار ستراجع شهريًا.", 2, False)],
            id="a line that opens like a story sentence is not a subheading",
        ),
        pytest.param(
            "ارتفعت أسعار الوقود.\nوقال الوزير إن الدعم مستمر للأسر الفقيرة،\nوإن الحكومة ستراجع الأسعار شهريًا.",
            [("ارتفعت أسعار الوقود.", 0, False),
             ("وقال الوزير إن الدعم مستمر للأسر الفقيرة، وإن الحكومة ستراجع الأسعار شهريًا.", 1, False)],
            id="a line ending mid-clause joins the next",
        ),
        pytest.param(
            "ارتفعت أسعار الوقود.\nوقال الوزير إن الدعم سيستمر في\nالمحافظات الأشد فقرًا.",
            [("ارتفعت أسعار الوقود.", 0, False), ("وقال الوزير إن الدعم سيستمر في المحافظات الأشد فقرًا.", 1, False)],
            id="a line ending on a preposition joins the next",
        ),
        pytest.param(
            "ارتفعت أسعار الوقود،\n\nما دفع النقابات إلى الإضراب.",
            [("ارتفعت أسعار الوقود، ما دفع النقابات إلى الإضراب.", 0, False)],
            id="a paragraph cut after a comma is joined across the blank line",
        ),
        pytest.param(
            "ارتفعت أسعار الوقود.\nوأوضح الوزير أن القرار مؤقت",
            [("ارتفعت أسعار الوقود.", 0, False), ("وأوضح الوزير أن القرار مؤقت", 1, False)],
            id="the last line is never a subheading",
        ),
        pytest.param(
            "أبرز ما جاء في الموازنة:\n- زيادة الرواتب 5%\n• دعم الخبز\n2. تأجيل الضرائب",
            [("أبرز ما جاء في الموازنة:", 0, True), ("زيادة الرواتب 5%", 1, False), ("دعم الخبز", 2, False),
             ("تأجيل الضرائب", 3, False)],
            id="bullets and numbers at line start",
        ),
        pytest.param(
            "الاقتصاد يتعافى\r\n\r\nنما الاقتصاد 2% في الربع الأول.\r\nوتراجعت البطالة.\r\n",
            [("الاقتصاد يتعافى", 0, True), ("نما الاقتصاد 2% في الربع الأول.", 1, False), ("وتراجعت البطالة.", 2, False)],
            id="CRLF",
        ),
        pytest.param(
            "نما الاقتصاد.\n\n* * *\n\n12\n\nوتراجعت البطالة.",
            [("نما الاقتصاد.", 0, False), ("وتراجعت البطالة.", 1, False)],
            id="lines without letters are dropped",
        ),
    ],
)
def test_paragraphs_and_headings(text: str, expected: list[tuple[str, int, bool]]) -> None:
    assert [(s.text, s.paragraph, s.heading) for s in split(text)] == expected


def test_indices_count_from_zero() -> None:
    assert [s.index for s in split("أولى. ثانية.\nعنوان فرعي\nثالثة.")] == [0, 1, 2, 3]


def test_empty_text_has_no_sentences() -> None:
    assert split("") == []
    assert split(" \n\t\n ") == []


@pytest.mark.parametrize(
    ("text", "body", "credit"),
    [
        ("نما الاقتصاد.\n(رويترز، العربي الجديد)", "نما الاقتصاد.", "رويترز، العربي الجديد"),
        ("نما الاقتصاد.\nالمصدر: الجزيرة + وكالات", "نما الاقتصاد.", "الجزيرة + وكالات"),
        ("نما الاقتصاد.\r\n\r\n  [أ ف ب]  \r\n", "نما الاقتصاد.", "أ ف ب"),
        ("نما الاقتصاد.\nوكالات", "نما الاقتصاد.", "وكالات"),
        ("نما الاقتصاد.\nرويترز ووكالات", "نما الاقتصاد.", "رويترز ووكالات"),
        ("نما الاقتصاد.\n- الاناضول", "نما الاقتصاد.", "الاناضول"),
        ("نما الاقتصاد. (رويترز)", "نما الاقتصاد.", "رويترز"),
        ("نما الاقتصاد. المصدر: وكالات", "نما الاقتصاد.", "وكالات"),  # a text that lost its line breaks
        ("نما الاقتصاد.المصدر: وكالات", "نما الاقتصاد.", "وكالات"),
        ("نما الاقتصاد. ب . ع", "نما الاقتصاد.", "ب . ع"),  # a reporter's initials
        ("نما الاقتصاد.\nسمير العلوي (طنجة)", "نما الاقتصاد.", "سمير العلوي (طنجة)"),  # byline with city
        ("نما الاقتصاد. وقالت الوزارة إن النمو تجاوز التوقعات", None, None),
        ("نما الاقتصاد بنسبة 3%. (2024)", None, None),
        ("نما الاقتصاد.\nإعداد: سارة خليل\nالمصدر: وكالات", "نما الاقتصاد.", "سارة خليل، وكالات"),
        ("نما الاقتصاد.\nالمصدر: تقرير نشرته الوزارة اليوم وقالت فيه إن النمو تجاوز التوقعات بكثير", None, None),
        ("نما الاقتصاد.\nوقالت الوزارة إن النمو تجاوز التوقعات.", None, None),
        ("نما الاقتصاد بنسبة 3% (وفق الأرقام الأولية).", None, None),
        ("(رويترز)", None, None),
    ],
)
def test_strip_credit(text: str, body: str | None, credit: str | None) -> None:
    assert strip_credit(text) == (text if body is None else body, credit)


@pytest.mark.parametrize(
    "credit",
    [
        "\n(رويترز، العربي الجديد)",
        "\nالمصدر: الجزيرة + وكالات",
        "\n\n— أ ف ب",
        "\nإعداد: سارة خليل\nالمصدر: وكالات",
        " (الأناضول)",
        " المصدر: وكالات",
    ],
)
def test_the_credit_is_never_a_sentence(credit: str) -> None:
    story = "ارتفعت أسعار القمح عالميًا.\nوقال تجار إن الطلب الآسيوي يدفع الأسعار إلى أعلى مستوى منذ عامين."
    assert split(story + credit) == split(story)


def read(name: str) -> str:
    return (FIXTURES / name).read_text(encoding="utf-8")


SUBHEADING_ARTICLE = [
    ("أعلنت وزارة الكهرباء المصرية، اليوم الخميس، أن خط الربط الكهربائي مع السعودية سيدخل الخدمة في مرحلته الأولى مطلع"
     " الصيف المقبل، بقدرة 1.5 غيغاواط ترتفع لاحقًا إلى 3 غيغاواط.", 0, False),
    ("وقال المتحدث باسم الوزارة في مؤتمر صحافي بالقاهرة إن الأعمال المدنية أُنجزت بنسبة 92.5%، وإن اختبارات التشغيل"
     " ستبدأ في 15/4 بعد وصول آخر شحنة من المحولات.", 1, False),
    ('وأضاف أن المشروع، الذي تبلغ كلفته نحو 1.8 مليار دولار، "سيسمح بتبادل الفائض بين البلدين في ساعات الذروة. ويخفف'
     ' الضغط على الشبكة في أشهر الصيف"، مشيرًا إلى أن الخط يمتد 1350 كيلومترًا.', 2, False),
    ("الكابل البحري أصعب مراحل المشروع", 3, True),
    ("وأوضح د. سامح عبد الحميد، رئيس الشركة المنفذة، أن مد الكابل البحري تحت خليج العقبة استغرق ثمانية أشهر، بسبب"
     " عمق المياه الذي يتجاوز 1000 متر في بعض المواقع.", 4, False),
    ("وتابع: «واجهنا تيارات قوية وشعابًا مرجانية يجب حمايتها. لكننا التزمنا بالمسار الذي حددته دراسة الأثر البيئي».",
     5, False),
    ("ويأتي المشروع ضمن خطة أوسع للربط الكهربائي العربي، إذ وقعت مصر اتفاقيات مماثلة مع الأردن وليبيا والسودان خلال"
     " الفترة 2019-2023.", 6, False),
    ("ويرى خبراء أن الربط سيساعد القاهرة على تصدير جزء من إنتاجها من الطاقة الشمسية وطاقة الرياح إلى أوروبا عبر"
     " اليونان.", 6, False),
    ("الطلب يسبق العرض", 7, True),
    ("ويتوقع محللون أن يخفف الخط انقطاعات الكهرباء التي شهدتها مدن مصرية عدة العام الماضي، لكنهم يحذرون من أن الطلب"
     " المحلي ينمو بنحو 6% سنويًا، وهو ما يتطلب استثمارات إضافية في محطات التوليد.", 8, False),
]


def test_article_with_subheadings_and_credit() -> None:
    text = read("arabic_subheading_credit.txt")
    assert [(s.text, s.paragraph, s.heading) for s in split(text)] == SUBHEADING_ARTICLE
    assert strip_credit(text)[1] == "الأناضول، العربي الجديد"


def test_hard_wrapped_article() -> None:
    text = read("arabic_hardwrapped.txt")
    assert [(s.text, s.paragraph, s.heading) for s in split(text)] == [
        ("موسم قمح وفير في سهل حوران", 0, True),
        ("توقعت مديرية الزراعة في محافظة درعا أن يتجاوز إنتاج القمح هذا الموسم 180 ألف طن، بزيادة تقارب 20% على الموسم"
         " الماضي، بفضل الأمطار الغزيرة التي هطلت بين شهري كانون الثاني وآذار.", 1, False),
        ("وقال مدير المديرية م. فادي الحوراني إن المساحات المزروعة بلغت 95.5 ألف هكتار، معظمها في السهول الشرقية.",
         1, False),
        ("وأضاف في تصريح صحافي صباح الأحد عند الساعة 10:30 أن مراكز الاستلام ستفتح أبوابها في 1/6، وأن سعر الكيلوغرام"
         " حُدد بـ4200 ليرة، داعيًا المزارعين إلى عدم بيع محاصيلهم للتجار «لأن الدولة تضمن الدفع خلال 48 ساعة. ولن"
         " يتأخر أي مستحق».", 2, False),
        ("مخاوف من الحرائق ونقص الوقود", 3, True),
        ("في المقابل، أبدى مزارعون خشيتهم من تكرار حرائق الحقول التي أتلفت العام الماضي أكثر من 3 آلاف دونم، ومن نقص"
         " المازوت اللازم لتشغيل الحصادات.", 4, False),
        ('وقال أحدهم: "نحتاج إلى 200 لتر على الأقل لكل حصادة. والكمية الموزعة لا تكفي نصف يوم"، مطالبًا بزيادة'
         " المخصصات قبل بدء الحصاد.", 4, False),
        ("وللاستفسار، خصصت المديرية رقمًا مجانيًا وعنوانًا بريديًا هو ص.ب. 1204 درعا، على أن يبدأ الحصاد في المناطق"
         " الجنوبية خلال الأسبوع الأول من حزيران.", 5, False),
    ]
    assert strip_credit(text)[1] == "وكالات"


def wrap(text: str, width: int, separator: str) -> str:
    """Hard-wrap every line of ``text`` at ``width``, as an archive or a PDF export would."""
    return separator.join(
        textwrap.fill(line, width, break_on_hyphens=False, break_long_words=False) for line in text.splitlines()
    )


@pytest.mark.parametrize("width", [45, 60, 72, 100])
def test_wrapping_with_blank_lines_changes_nothing(width: int) -> None:
    text = read("arabic_subheading_credit.txt")
    assert [(s.text, s.paragraph, s.heading) for s in split(wrap(text, width, "\n\n"))] == SUBHEADING_ARTICLE


@pytest.mark.parametrize("width", [60, 72, 100])
def test_wrapping_without_blank_lines_keeps_sentences_and_subheadings(width: int) -> None:
    text = read("arabic_subheading_credit.txt")
    wrapped = wrap(text, width, "\n")
    assert [(s.text, s.heading) for s in split(wrapped)] == [(s, heading) for s, _, heading in SUBHEADING_ARTICLE]


def wrap_unevenly(line: str, widths: list[int]) -> list[str]:
    """Wrap ``line`` at a width that changes from line to line, as text copied from a browser is."""
    out, current = [], ""
    for word in line.split():
        if current and len(current) + 1 + len(word) > widths[len(out) % len(widths)]:
            out.append(current)
            current = word
        else:
            current = f"{current} {word}" if current else word
    return [*out, current]


def test_uneven_wrapping_with_blank_lines_changes_nothing() -> None:
    text = read("arabic_subheading_credit.txt")
    wrapped = "\n\n".join("\n".join(wrap_unevenly(line, [70, 95, 60, 88, 76])) for line in text.splitlines())
    assert [(s.text, s.paragraph, s.heading) for s in split(wrapped)] == SUBHEADING_ARTICLE


def test_uneven_wrapping_without_blank_lines_keeps_sentences_and_subheadings() -> None:
    text = read("arabic_subheading_credit.txt")
    wrapped = "\n".join("\n".join(wrap_unevenly(line, [70, 95, 60, 88, 76])) for line in text.splitlines())
    assert [(s.text, s.heading) for s in split(wrapped)] == [(s, heading) for s, _, heading in SUBHEADING_ARTICLE]


@pytest.mark.parametrize("name", ["arabic_subheading_credit.txt", "arabic_hardwrapped.txt"])
def test_only_whitespace_changes(name: str) -> None:
    body, _ = strip_credit(read(name))
    assert " ".join(s.text for s in split(body)).split() == body.split()


CLAUSE = "وقال المتحدث إن فرق الإنقاذ ما زالت تبحث عن مفقودين في القرى الجبلية المعزولة"


def test_a_run_on_is_cut_at_its_strongest_clause_boundary() -> None:
    first, second = "، ".join([CLAUSE] * 6) + "؛", "، ".join([CLAUSE] * 6) + "."
    assert word_count(first + second) > MAX_WORDS
    assert texts(f"{first} {second}") == [first, second]


def test_a_long_run_on_is_cut_into_near_equal_parts() -> None:
    run_on = "، ".join([CLAUSE] * 30)
    parts = texts(run_on)
    sizes = [word_count(part) for part in parts]
    assert word_count(run_on) > 3 * MAX_WORDS
    assert all(part.endswith("،") for part in parts[:-1])
    assert max(sizes) <= MAX_WORDS and min(sizes) >= MAX_WORDS / 2
    assert " ".join(parts) == run_on


def test_a_run_on_without_any_punctuation_is_still_capped() -> None:
    run_on = " ".join(["وتواصل الفرق البحث عن المفقودين في المنطقة"] * 40)
    parts = texts(run_on)
    assert len(parts) > 1
    assert all(word_count(part) <= MAX_WORDS for part in parts)
    assert not any(part.endswith((" عن", " في")) for part in parts)  # never cut after a preposition
    assert " ".join(parts) == run_on


def test_a_run_on_is_cut_at_commas_wrapped_in_direction_marks() -> None:
    run_on = "\u200f,\u200f ".join([CLAUSE] * 20)
    parts = texts(run_on)
    assert len(parts) > 1
    assert all(part.endswith("\u200f,\u200f") for part in parts[:-1])


def test_sentences_keep_the_words_of_any_text_in_order() -> None:
    pieces = [*"ابتجدرسعفقكلمنهويىةأإ ـَ.،؛؟!:«»\"()-•0123456789", "\n", "\n\n", "\r\n", "...", "د.", "ق.م.", "U.S.", " في\n"]
    generator = random.Random(2026)
    for _ in range(300):
        text = "".join(generator.choice(pieces) for _ in range(generator.randint(0, 200)))
        sentences = split(text)
        assert all(s.text and s.text == s.text.strip() and "\n" not in s.text for s in sentences), text
        remaining = iter(words(strip_credit(text)[0]))
        assert all(word in remaining for s in sentences for word in words(s.text)), text  # a subsequence: nothing invented
