"""What the LLM engine says to the model: rules, one worked example, the article.

The rules restate the box's style (the seed's): two or three bullets of
Modern Standard Arabic, one sentence of 20–35 words each, neutral, facts
fused from several paragraphs, no attribution boilerplate, nothing the
article does not say. A worked example shows more than rules can, so one
article and its bullets, written for this project, go before the real
article. The answer is asked for as JSON, which the engine parses
tolerantly.
"""

from __future__ import annotations

import json

EXAMPLE_ARTICLE = "\n".join(
    (
        "أعلن المرصد الوطني للفلاحة في تونس، اليوم الخميس، أن صادرات البلاد من زيت الزيتون بلغت نحو 210 "
        "آلاف طن خلال الأشهر الخمسة الأولى من الموسم الحالي، بزيادة تقارب 40% مقارنة بالفترة نفسها من "
        "الموسم الماضي.",
        "وأوضح المرصد في تقرير نشره على موقعه أن عائدات الصادرات تجاوزت 2.4 مليار دينار، مدفوعة بارتفاع "
        "الإنتاج إلى 340 ألف طن بعد أمطار غزيرة شهدتها مناطق الوسط والجنوب في الخريف.",
        "وقال المدير العام للمرصد، كمال الرزقي، إن الاتحاد الأوروبي ظل الوجهة الأولى للزيت التونسي، إذ "
        "استوعبت إسبانيا وإيطاليا وحدهما أكثر من نصف الكميات المصدرة.",
        "أسعار أدنى ومخاوف المنتجين",
        "وأشار التقرير إلى أن متوسط سعر الطن تراجع بنحو 25% عن ذروته المسجلة في مارس/آذار 2024، مع عودة "
        "الإنتاج في إسبانيا إلى مستوياته المعتادة.",
        "من جهته، حذر الاتحاد التونسي للفلاحة والصيد البحري من أن تراجع الأسعار قد لا يغطي كلفة الجني "
        "واليد العاملة، ودعا الحكومة إلى تسريع صرف القروض الموسمية لصغار الفلاحين.",
        "وتعد تونس من أكبر مصدري زيت الزيتون في العالم، إذ يضم قطاعها أكثر من 100 مليون شجرة زيتون.",
        "(وكالات)",
    )
)
"""A news article written for Khulasa: numbers, a date, names, a subheading and a credit line."""

EXAMPLE_BULLETS = (
    "ارتفعت صادرات تونس من زيت الزيتون إلى نحو 210 آلاف طن خلال خمسة أشهر بزيادة تقارب 40%، "
    "وتجاوزت عائداتها 2.4 مليار دينار بفضل ارتفاع الإنتاج إلى 340 ألف طن.",
    "تراجع متوسط سعر الطن بنحو 25% عن ذروته في مارس 2024، وسط تحذير الاتحاد التونسي للفلاحة "
    "من أن الأسعار قد لا تغطي كلفة الجني، ودعوته إلى تسريع صرف القروض الموسمية.",
)
"""Two bullets for the example, in the seed's style: each fuses facts from several paragraphs."""


def _count(bullets: int) -> str:
    """"نقطتين رئيسيتين", "ثلاث نقاط رئيسية", "4 نقاط رئيسية": the count as Arabic grammar wants it."""
    if bullets == 1:
        return "نقطة رئيسية واحدة"
    if bullets == 2:
        return "نقطتين رئيسيتين"
    if bullets == 3:
        return "ثلاث نقاط رئيسية"
    return f"{bullets} نقاط رئيسية"


AIM_WORDS = (20, 35)
"""The bullet length the seed's style aims for; narrowed to the configured bounds when they are tighter."""


def aim(min_words: int, max_words: int) -> tuple[int, int]:
    """The word range to ask for: the seed's 20–35, kept inside the guard's bounds so a compliant answer passes."""
    low = min(max(AIM_WORDS[0], min_words), max_words)
    return low, max(low, min(AIM_WORDS[1], max_words))


def rules(bullets: int, words: tuple[int, int] = AIM_WORDS) -> str:
    """The system message: the box's style and the answer's shape, for ``bullets`` bullets of ``words`` words."""
    return (
        "أنت محرر في غرفة أخبار عربية تكتب صندوق «الملخص» أعلى المقال.\n"
        f"اكتب {_count(bullets)} بالعربية الفصحى تلخص المقال، وفق هذه القواعد:\n"
        f"- كل نقطة جملة واحدة تامة من {words[0]} إلى {words[1]} كلمة، تنتهي بنقطة.\n"
        "- اجمع في النقطة الواحدة حقائق مترابطة من فقرات مختلفة، ولا تكرر معلومة في نقطتين.\n"
        "- لغة محايدة بلا رأي ولا مبالغة، ولا تبدأ بعبارات الإسناد مثل «ذكرت وكالة» أو «قال».\n"
        "- لا تذكر أي رقم أو اسم أو مكان أو تاريخ أو معلومة لم ترد في المقال، "
        "وانقل الأرقام والأسماء كما وردت فيه، واستخدم كلمات المقال نفسها قدر الإمكان.\n"
        'أجب بكائن JSON فقط، دون أي نص قبله أو بعده، بالشكل: {"bullets": ["…", "…"]}\n'
        'Answer with a JSON object only: {"bullets": [...]}, each bullet one Arabic sentence.'
    )


def article_message(text: str, title: str | None = None) -> str:
    """The user message that carries an article (its title first, when known)."""
    head = f"العنوان: {title}\n\n" if title else ""
    return f"{head}المقال:\n{text}"


def answer(bullets: tuple[str, ...] | list[str]) -> str:
    """Bullets in the JSON shape the rules ask for, as the model should write them."""
    return json.dumps({"bullets": list(bullets)}, ensure_ascii=False)


def messages(
    text: str, bullets: int, title: str | None = None, words: tuple[int, int] = AIM_WORDS
) -> list[dict[str, str]]:
    """The chat for one article: rules, the worked example, then the article."""
    return [
        {"role": "system", "content": rules(bullets, words)},
        {"role": "user", "content": article_message(EXAMPLE_ARTICLE)},
        {"role": "assistant", "content": answer(EXAMPLE_BULLETS)},
        {"role": "user", "content": article_message(text, title)},
    ]


def revision(previous: list[str], problems: str) -> list[dict[str, str]]:
    """Turns that follow a rejected answer: the answer, and what was wrong with it."""
    return [
        {"role": "assistant", "content": answer(previous)},
        {
            "role": "user",
            "content": (
                "رُفضت هذه النقاط لأن المراجعة الآلية وجدت ما يلي (بالإنجليزية): "
                f"{problems}\n"
                "أعد كتابة النقاط من المقال نفسه مع تصحيح ذلك: استخدم فقط الأرقام والأسماء والتواريخ الواردة في المقال، "
                "وضع مكان كل كلمة مذكورة أعلاه كلمة من المقال، "
                'وأجب بكائن JSON فقط بالشكل {"bullets": [...]}.'
            ),
        },
    ]
