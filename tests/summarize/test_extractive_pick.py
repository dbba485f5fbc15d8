"""Which story sentences the default engine picks: the headline fact, distinct facts, no bylines or questions."""

from __future__ import annotations

import pytest

from khulasa.arabic import sentences
from khulasa.config import Settings
from khulasa.model import Article
from khulasa.summarize import guarded, integrity
from khulasa.summarize.extractive import (
    ExtractiveEngine,
    column_writer,
    first_person,
    interview_speaker,
    is_furniture,
    leans_on,
    lined_lists,
    said_by,
)
from khulasa.summarize.guard import explain, passed

PRIZE = [
    "احتفلت جامعة القاهرة مساء أمس بتكريم عدد من أساتذتها المتقاعدين في حفل حضره رئيس الجامعة وعمداء الكليات وأسر المكرمين.",
    "وألقى رئيس الجامعة كلمة شكر فيها الأساتذة على سنوات عطائهم الطويلة، ودعا الطلاب إلى الاقتداء بهم في البحث والتدريس.",
    "وقدمت فرقة الجامعة الموسيقية خلال الحفل مجموعة من الأغاني الوطنية، وسط تصفيق الحضور الذين ملأوا قاعة الاحتفالات الكبرى.",
    "وعرض خلال الحفل فيلم قصير عن تاريخ الجامعة منذ تأسيسها، وعن أبرز من تخرجوا فيها من العلماء والأدباء ورجال الدولة.",
    "وتسلم كل واحد من المكرمين درعا تذكارية وشهادة تقدير، والتقطت لهم صور جماعية مع رئيس الجامعة والعمداء في ختام الحفل.",
    "وأعلنت الجامعة خلال الحفل فوز أستاذ الكيمياء سامي الرفاعي بجائزة الملك فيصل للعلوم لهذا العام، "
    "تقديرا لأبحاثه في تحلية المياه بالطاقة الشمسية.",
    "وتبلغ قيمة الجائزة 200 ألف دولار، ويتسلمها الفائز في حفل يقام في الرياض في مارس المقبل بحضور علماء من أنحاء العالم.",
]
PRIZE_TITLE = "أستاذ بجامعة القاهرة يفوز بجائزة الملك فيصل للعلوم"


def test_the_headline_fact_is_in_the_box_wherever_the_article_tells_it(settings: Settings) -> None:
    article = Article(text="\n".join(PRIZE), title=PRIZE_TITLE)
    summary = ExtractiveEngine(settings).summarize(article, 2)
    assert any("جائزة الملك فيصل" in b.text for b in summary.bullets), [b.text for b in summary.bullets]


SELF_CONTAINED = (
    "وأعلنت إدارة جامعة القاهرة فوز أستاذ الكيمياء سامي الرفاعي بجائزة الملك فيصل للعلوم لهذا العام، "
    "تقديرا لأبحاثه في تحلية المياه بالطاقة الشمسية."
)
"""The prize sentence written so that it names all it needs: it can open the box."""


def test_the_headline_fact_opens_the_box_and_the_rest_follow_in_reading_order(settings: Settings) -> None:
    article = Article(text="\n".join([*PRIZE[:5], SELF_CONTAINED, PRIZE[6]]), title=PRIZE_TITLE)
    bullets = ExtractiveEngine(settings).summarize(article, 3).bullets
    assert "جائزة الملك فيصل" in bullets[0].text
    rest = [b.sources[0] for b in bullets[1:]]
    assert rest == sorted(rest) and len(rest) == 2


def test_a_headline_bullet_that_names_what_an_earlier_one_introduced_keeps_its_place(settings: Settings) -> None:
    """"وأعلنت الجامعة خلال الحفل …" needs "جامعة القاهرة … في حفل" before it: the box stays in reading order."""
    article = Article(text="\n".join(PRIZE), title=PRIZE_TITLE)
    bullets = ExtractiveEngine(settings).summarize(article, 3).bullets
    assert [b.sources for b in bullets] == sorted(b.sources for b in bullets)
    assert any("جائزة الملك فيصل" in b.text for b in bullets)
    assert leans_on(PRIZE[5], [PRIZE[0]]) and not leans_on(SELF_CONTAINED, [PRIZE[0]])


def test_a_headline_that_names_a_brand_in_latin_is_still_a_headline(settings: Settings) -> None:
    text = "\n".join([*PRIZE[:5], SELF_CONTAINED, PRIZE[6]])
    article = Article(text=text, title="King Faisal Science Prize 2024: الرفاعي يفوز")
    bullets = ExtractiveEngine(settings).summarize(article, 2).bullets
    assert "الرفاعي" in bullets[0].text, [b.text for b in bullets]


def test_a_latin_label_is_not_taken_for_the_headline(settings: Settings) -> None:
    engine = ExtractiveEngine(settings)
    labelled = engine.summarize(Article(text="\n".join(PRIZE), title="education (12)"), 2)
    untitled = engine.summarize(Article(text="\n".join(PRIZE)), 2)
    assert labelled.bullets == untitled.bullets


RESTATED = [
    "سجلت وزارة الصحة الأردنية اليوم 30 إصابة جديدة بالحصبة في محافظة المفرق، معظمها بين أطفال لم يتلقوا اللقاح.",
    "وارتفعت بذلك حالات الحصبة المسجلة في المفرق اليوم إلى 30 حالة، أغلبها لأطفال غير ملقحين، وفق بيان الوزارة.",
    "وقررت الوزارة إطلاق حملة تطعيم في مدارس المحافظة تستهدف 45 ألف طفل خلال أسبوعين، بمشاركة فرق طبية متنقلة.",
    "وقال مدير صحة المفرق إن المستشفيات الحكومية خصصت أجنحة للعزل، وإن حالة المصابين مستقرة ولم تسجل أي وفاة حتى الآن.",
]


def test_a_sentence_restating_the_lede_in_other_words_is_not_the_second_bullet(settings: Settings) -> None:
    summary = ExtractiveEngine(settings).summarize(Article(text="\n".join(RESTATED)), 2)
    cited = {i for b in summary.bullets for i in b.sources}
    assert 1 not in cited, [b.text for b in summary.bullets]
    assert len(summary.bullets) == 2


INTERVIEW = [
    "حوار: سلمى بن يوسف",
    "ما الذي يحتاجه قطاع الزيتون في تونس اليوم؟ وكيف يواجه المزارعون موجة الجفاف الطويلة؟",
    "هذه الأسئلة وغيرها كانت محور هذا الحوار مع رئيس اتحاد الفلاحين محمد الصغير على هامش معرض الفلاحة في صفاقس.",
    "* كيف تقيمون موسم الزيتون الحالي بعد سنتين من الجفاف؟",
    "تراجع إنتاج زيت الزيتون هذا الموسم إلى نحو 180 ألف طن، أي أقل من نصف ما أنتجته البلاد قبل ثلاث سنوات.",
    "* وما المطلوب من الحكومة لإنقاذ الموسم المقبل؟",
    "المطلوب صندوق وطني لتعويض صغار الفلاحين عن خسائر الجفاف، وتسهيل حصولهم على قروض بلا فوائد لحفر الآبار وشراء المضخات.",
]


def test_an_interview_box_holds_the_answers_not_the_byline_questions_or_framing(settings: Settings) -> None:
    article = Article(text="\n".join(INTERVIEW), title="رئيس اتحاد الفلاحين: إنتاج زيت الزيتون تراجع إلى 180 ألف طن")
    summary = ExtractiveEngine(settings).summarize(article, 2)
    texts = [b.text for b in summary.bullets]
    assert any("180 ألف طن" in t for t in texts), texts
    assert not any("حوار" in t or "؟" in t or "كيف" in t for t in texts), texts


def test_an_interviews_answer_in_the_box_is_given_to_the_speaker_its_headline_names(settings: Settings) -> None:
    """«المطلوب صندوق وطني …» is the union head's proposal; bare, it reads as the box's own. The bullet quotes him."""
    article = Article(text="\n".join(INTERVIEW), title="رئيس اتحاد الفلاحين: إنتاج زيت الزيتون تراجع إلى 180 ألف طن")
    summary = ExtractiveEngine(settings).summarize(article, 2)
    answers = [b.text for b in summary.bullets if "180 ألف طن" in b.text or "صندوق وطني" in b.text]
    assert answers and all(t.startswith("قال رئيس اتحاد الفلاحين: «") and t.endswith("».") for t in answers), answers
    assert not any(integrity.check(t) for t in answers)


RANGER = [
    "في صحراء المحمية الواسعة يقضي سعيد بن خلفان المعمري أيامه منذ خمسة عشر عاما في تتبع آثار الغزلان ومطاردة الصيادين.",
    "س: كيف يبدأ يومكم عادة في المحمية؟",
    "ج: نبدأ قبل شروق الشمس، ونقسم أنفسنا إلى فرق صغيرة يتولى كل منها قطاعا محددا من المحمية الواسعة.",
    "س: هل لديكم أرقام عن حجم الصيد الجائر؟",
    "ج: العام الماضي رصدنا 23 حالة صيد جائر داخل المحمية وحولها، مقارنة بـ14 حالة في العام الذي قبله.",
    "س: وما الذي تغير في طريقة المراقبة؟",
    "ج: الطائرات المسيرة تغطي اليوم ما كنا نقطعه في يومين بالسيارات، وأصبح الصيادون يعرفون أنهم مرئيون.",
]


def test_what_an_interviewee_says_they_did_is_quoted_and_given_to_the_role_the_headline_names(settings: Settings) -> None:
    """«رصدنا 23 حالة» is the headline's fact in the ranger's words; the headline's «حارس بيئي» is the site's word for him."""
    article = Article(text="\n".join(RANGER), title="حارس بيئي في المحمية: رصدنا 23 حالة صيد جائر العام الماضي")
    bullets = [b.text for b in ExtractiveEngine(settings).summarize(article, 2).bullets]
    told = [b for b in bullets if "23 حالة" in b]
    assert bullets[0] in told, bullets  # the headline's figure opens the box, in its speaker's words
    assert told == ["قال حارس بيئي في المحمية: «العام الماضي رصدنا 23 حالة صيد جائر داخل المحمية وحولها، "
                    "مقارنة بـ14 حالة في العام الذي قبله»."], bullets


@pytest.mark.parametrize(
    ("title", "speaker"),
    [
        ("رئيس اتحاد الفلاحين: إنتاج زيت الزيتون تراجع", "رئيس اتحاد الفلاحين"),
        ("محمد الصغير لـ«الصباح»: لن نترك صغار الفلاحين", "محمد الصغير"),  # the outlet it was said to
        ("محمد الصغير بعد انتخابه رئيسا للاتحاد: الجفاف أكبر التحديات", "محمد الصغير"),
        ("رئيس اتحاد الفلاحين في حوار خاص: «الموسم المقبل أصعب»", "رئيس اتحاد الفلاحين"),
        ("«الموسم المقبل أصعب»: الفلاحون يطالبون بصندوق للتعويض", None),  # a quotation heads a report
        ("بمناسبة يوم الأرض: الفلاحون يطالبون بصندوق للتعويض", None),
        ("وزير الفلاحة عبد الحميد بلعاتي: الدعم قادم", None),  # a name the story never gives
        ("رئيس نقابي في صفاقس: الجفاف أكبر التحديات", "رئيس نقابي في صفاقس"),  # the site's own words for him
        ("رئيس اتحاد الفلاحين التونسي: الجفاف أكبر التحديات", "رئيس اتحاد الفلاحين التونسي"),  # a country's adjective
        ("تحقيق: الجفاف أكبر التحديات", None),  # one everyday word is a genre, not a speaker
        ("مؤسس اتحاد الفلاحين محمد الصغير: سنصدر", "مؤسس اتحاد الفلاحين محمد الصغير"),  # «مؤسس»: a common noun
        ("اتحاد الفلاحين يطالب بصندوق للتعويض", None),
    ],
)
def test_an_interview_headline_names_its_speaker_before_the_colon(title: str, speaker: str | None) -> None:
    text = "\n".join(INTERVIEW) + "\nوانتخب محمد الصغير رئيسا لاتحاد الفلاحين في صفاقس العام الماضي."
    assert interview_speaker(title, text) == speaker


def test_a_family_name_alone_may_head_an_interview_and_the_outlet_in_plain_quotes_goes() -> None:
    text = "\n".join(INTERVIEW) + "\nوقال رئيس هيئة النقل خالد الزيود إن الخطة تبدأ العام المقبل."
    assert interview_speaker('الزيود لـ"المدينة نيوز": تحويل المشغلين إلى شركات خلال عامين', text) == "الزيود"


def test_an_interview_head_may_hold_the_speakers_verb() -> None:
    """"ممرضة تطوعت في مستشفى ميداني": the site's words for her, «تطوعت» a verb the story tells as «متطوعة»."""
    text = "عادت الممرضة خديجة الإدريسي إلى عملها بعد أن أمضت 26 يوما متطوعة في مستشفى ميداني أقيم عقب الفيضانات."
    assert interview_speaker("ممرضة تطوعت في مستشفى ميداني: كنا نعمل 18 ساعة يوميا", text) == "ممرضة تطوعت في مستشفى ميداني"


COLUMN = [
    "يعود الحديث عن دعم الخبز والوقود مع كل أزمة معيشية كأنه اكتشاف جديد، مع أن البلاد جربته عقودا بنتائج معروفة.",
    "وتشير أرقام وزارة المالية إلى أن فاتورة الدعم بلغت العام الماضي نحو ملياري دولار، ذهب ثلثاها إلى الوقود وحده.",
    "والدعم الشامل يذهب أكثره إلى الأغنياء الذين يستهلكون أكثر، بينما لا يصل إلى الفقراء منه إلا القليل الذي لا يكفيهم.",
    "ما أطالب به هو دعم نقدي مباشر يصل إلى الأسر المحتاجة وحدها، عبر قوائم تراجعها جهة مستقلة كل ستة أشهر على الأقل.",
]


def test_an_opinion_columns_box_gives_every_bullet_to_its_writer(settings: Settings) -> None:
    """A column is its writer's view from first to last («ما أطالب به»): the box quotes the writer the byline signs."""
    article = Article(text="\n".join(COLUMN), title="الدعم الشامل وصفة لإفقار الفقراء", dateline="بقلم: د. كريم عبود*")
    bullets = [b.text for b in ExtractiveEngine(settings).summarize(article, 3).bullets]
    assert bullets and all(b.startswith("كتب كريم عبود: «") for b in bullets), bullets
    checked = guarded(ExtractiveEngine(settings), article, 3, settings)  # the name is the byline's: the article's own
    assert passed(checked.guard), explain(checked.guard)
    report = Article(text="\n".join(COLUMN), title="الدعم الشامل وصفة لإفقار الفقراء", dateline="كتب - فهد المطيري")
    assert not any("فهد المطيري" in b.text for b in ExtractiveEngine(settings).summarize(report, 3).bullets)


@pytest.mark.parametrize(
    ("speaker", "verb"),
    [
        ("مديرة برنامج «لقمة الصباح»", "قالت"),
        ("الرئيسة التنفيذية للحديقة", "قالت"),
        ("ليلى المناعي", "قالت"),
        ("سارة الدريدي", "قالت"),
        ("رئيس اتحاد الفلاحين", "قال"),
        ("حمزة العلي", "قال"),
        ("الشيف اللبنانية رنا مكارم", "قالت"),  # a role with no feminine form: her adjective and her name say it
        ("رئيس الجمهورية", "قال"),
    ],
)
def test_the_speakers_verb_agrees_with_the_speaker(speaker: str, verb: str) -> None:
    answer = said_by(speaker, "سنطلق برنامجا جديدا لتدريب الشباب في المحافظات الجنوبية مطلع العام المقبل.", 45)
    assert answer.startswith(f"{verb} {speaker}: «سنطلق") and answer.endswith("».")


def test_a_column_is_signed_bi_qalam_a_report_is_written_by() -> None:
    assert column_writer("بقلم: د. كريم عبود*") == "كريم عبود"
    assert column_writer("بقلم - مروة عبد الحميد") == "مروة عبد الحميد"
    assert column_writer("كتب - فهد المطيري") is None
    assert column_writer("الدوحة - (اف ب)") is None
    assert column_writer(None) is None


def test_lines_that_are_not_facts_of_the_story_are_recognised() -> None:
    assert is_furniture("حوار: سلمى بن يوسف")
    assert is_furniture("* كيف تقيمون موسم الزيتون الحالي؟")
    assert is_furniture("اقرأ أيضا: الحكومة تقر موازنة النقل")
    assert is_furniture("وفيما يلي نص الحوار كاملا.")
    assert is_furniture("نستعرض في ما يلي أبرز الأسباب التي تقف وراء ارتفاع الفواتير:")  # an explainer's own frame
    assert not is_furniture("وقال رئيس الاتحاد إن الإنتاج تراجع إلى 180 ألف طن هذا الموسم.")


def test_a_photo_caption_is_no_fact_of_the_story() -> None:
    """A caption describes a picture the listener cannot see, marked or in brackets, wherever its marker sits."""
    assert is_furniture("(صورة: لاعبو الفريق يحتفلون بهدف الفوز في الدقيقة 88 - تصوير: حمد الرشيدي).")
    assert is_furniture("عناصر الحماية المدنية في موقع انقلاب الحافلة صباح اليوم (صورة: الحماية المدنية).")
    assert is_furniture("الفنان الراحل خلال إحيائه حفلا بمسرح محمد الخامس في الرباط عام 2009 (أرشيف).")
    assert is_furniture("في الصورة: المخرجة تتسلم الجائزة الكبرى من رئيس لجنة التحكيم.")
    assert is_furniture("(صورة من موقع الحريق في مستشفى المدينة - مواقع التواصل الاجتماعي).")
    assert is_furniture("(جرافة تابعة لوزارة الأشغال تعمل على فتح طريق ضهر البيدر صباح اليوم - خاص).")
    assert not is_furniture("نشرت الوزارة صورة للطائرة بعد هبوطها، وقالت إن الركاب بخير.")


MUSEUM = [
    "افتتح في مدينة صور متحف الملاحة العمانية، أول متحف في البلاد يخصص بالكامل لصناعة السفن التقليدية وتاريخ الملاحة.",
    "ويقع المتحف على مساحة ستة آلاف متر مربع، ويضم 14 قاعة عرض وأكثر من 2300 قطعة أصلية بينها خرائط ملاحية قديمة.",
    "وعلى هامش الافتتاح التقت الصحيفة مديرة المتحف سلمى الراشد، وكان هذا الحوار:",
    "س: تتحدثون عن تجربة حية داخل المتحف. ماذا يعني ذلك عمليا؟",
    "ج: لدينا ورشة مفتوحة يعمل فيها أربعة من صانعي السفن أمام الزوار. أردنا أن يسمع الزائر صوت المطرقة على خشب السفينة.",
    "س: من أين جاءت المقتنيات المعروضة في القاعات؟",
    "ج: نحو ستين في المائة من المقتنيات جاءت من عائلات المدينة التي احتفظت بأدوات أجدادها وسجلاتهم البحرية القديمة.",
]


def test_an_interviews_questions_give_no_bullet_and_its_answers_neither_open_nor_fill_the_box(settings: Settings) -> None:
    """The interviewer's paragraph, the statement before its question too, is no fact; an answer is said by no one
    the box names ("أردنا أن يسمع الزائر …"): the report around the interview opens the box, even under a headline
    that quotes the answer, and an answer does not fill a third bullet."""
    article = Article(text="\n".join(MUSEUM), title="مديرة متحف الملاحة: «أردنا أن يسمع الزائر صوت المطرقة»")
    bullets = [b.text for b in ExtractiveEngine(settings).summarize(article, 3).bullets]
    assert "متحف الملاحة" in bullets[0], bullets
    assert not any("تجربة حية" in b or "أردنا" in b for b in bullets), bullets
    assert len(bullets) == 2, bullets
    report = Article(text="\n".join([MUSEUM[0], MUSEUM[1], MUSEUM[6]]))  # no question before it: a report's sentence
    assert any("ستين في المائة" in b.text for b in ExtractiveEngine(settings).summarize(report, 3).bullets)


DECREE = [
    "أدى خمسة وزراء جدد اليمين الدستورية أمام أمير البلاد، بعد ساعات من صدور مرسوم بتعديل وزاري شمل حقائب المالية والتربية.",
    "ونص المرسوم على تعيين كل من:",
    "د. عبدالعزيز خالد الرشيدان وزيرا للمالية ووزيرا للدولة للشؤون الاقتصادية والاستثمار.",
    "د. نورة عبدالله الصانع وزيرة للتربية.",
    "م. مشعل حمد الظفيري وزيرا للكهرباء والماء والطاقة المتجددة.",
    "وقال وزير الدولة لشؤون مجلس الوزراء إن التعديل يأتي في إطار التقييم الدوري لأداء الأجهزة الحكومية.",
    "ويعد هذا التعديل الثاني الذي تشهده الحكومة الحالية منذ تشكيلها قبل نحو أربعة عشر شهرا.",
]


def test_a_line_closed_by_a_colon_before_short_lines_announces_a_list() -> None:
    """"الطرقات المقفلة حتى الآن هي:" then a road a line: round 62's box gave the first of five roads."""
    announced = "وبحسب غرفة التحكم فإن الطرقات المقفلة حتى الآن هي:"
    roads = "\n".join([announced, "ضهر البيدر", "ترشيش - زحلة", "عيناتا - الأرز", "وقال رئيس الفرقة إن الطرق ستفتح."])
    assert lined_lists(roads) == [announced]
    said = "وقال الوزير في ختام الاجتماع:\nإن الحكومة ماضية في خطتها لإصلاح قطاع الكهرباء هذا العام وفق الجدول المعلن."
    assert lined_lists(said) == []


def test_a_list_told_one_item_a_line_gives_no_bullet_of_its_first_item(settings: Settings) -> None:
    """"نص المرسوم على تعيين كل من: د. عبدالعزيز الرشيدان وزيرا للمالية." names one of three ministers."""
    bullets = [b.text for b in ExtractiveEngine(settings).summarize(Article(text="\n".join(DECREE)), 3).bullets]
    assert not any("كل من" in b for b in bullets), bullets
    named = "ونص المرسوم على تعيين كل من: عبدالعزيز الرشيدان للمالية، ونورة الصانع للتربية."
    inline = Article(text="\n".join([DECREE[0], named]))
    assert any("كل من" in b.text for b in ExtractiveEngine(settings).summarize(inline, 2).bullets)


def test_an_interviews_introduction_is_framing_but_an_interview_quoted_in_a_report_is_news() -> None:
    assert is_furniture("وفي حوار خاص، تحدثت مديرة الخدمات الرقمية المهندسة ليلى المناعي عن تفاصيل التطبيق وأرقامه الأولى.")
    assert not is_furniture("في مقابلة مع وكالة الأنباء، قال مدير الوكالة إن البرنامج سيشمل 80 بالمئة من سكان البلاد.")


def test_an_opening_paragraph_that_runs_into_the_first_question_still_gives_the_lede(settings: Settings) -> None:
    """"… التقيناها في مقر حملتها، وكان هذا الحوار: لماذا قررت خوض الانتخابات؟" on one line: the question is the
    interviewer's, the lede before it is the story's."""
    lede = "تكثف القائمات المترشحة في صفاقس لقاءاتها الميدانية مع دخول الحملة الانتخابية للبلديات أسبوعها الثاني."
    text = "\n".join(
        [
            f"{lede} وتبرز بينها قائمة مستقلة. التقيناها في مقر حملتها، وكان هذا الحوار: لماذا قررت خوض الانتخابات؟",
            "- عملت أكثر من عشرين عاما في مكاتب الدراسات، وشاركت في إعداد مخططات بقي أغلبها حبرا على ورق.",
            "ما هي أولوياتكم إذا فزتم؟",
            "- لدينا ثلاث أولويات واضحة هي النظافة وحركة المرور والمساحات الخضراء في المدينة وأحيائها.",
        ]
    )
    bullets = [b.text for b in ExtractiveEngine(settings).summarize(Article(text=text), 2).bullets]
    assert bullets[0].startswith("تكثف القائمات المترشحة"), bullets


def test_the_first_person_is_found_outside_quotations_only() -> None:
    assert first_person("تعقيبا على ذلك أقول صراحة إن كل الشروط متوفرة للتغيير.")
    assert first_person("وتحدث إلينا رئيس الاتحاد عن أوضاع الفلاحين.")
    assert not first_person('وقال الوزير: "نحن ماضون في الإصلاح" خلال المؤتمر.')


def test_the_second_bullet_carries_the_half_of_the_headline_the_first_left_out(settings: Settings) -> None:
    article = Article(
        title="إضراب عام للمعلمين يشل المدارس الثانوية في المدينة للمطالبة بتحسين الأجور والنقابة تهدد بالحجب",
        text="\n".join(
            [
                "شهدت المدارس الثانوية في المدينة إضرابا عاما للمعلمين دعت إليه النقابة للمطالبة بتحسين الأجور وتسوية الأوضاع.",
                "وبلغت نسبة المشاركة في الإضراب أكثر من تسعين في المائة بحسب النقابة، مقابل ستين في المائة بحسب الوزارة.",
                "ويعود آخر إضراب مماثل في القطاع إلى عام 2019، حين استمرت الاحتجاجات ثلاثة أسابيع متتالية قبل التوصل إلى اتفاق.",
                "وتجمع المعلمون المضربون أمام مقر الإدارة الجهوية للتعليم في المدينة، ورفعوا لافتات تطالب بتحسين الأجور.",
                "وقال أولياء التلاميذ إن الإضراب في المدارس الثانوية أربك الدروس في المدينة قبل أسابيع من الامتحانات.",
                "وفي ختام اليوم، قالت النقابة إنها تهدد بالحجب الكامل لنتائج الامتحانات "
                "إذا لم تستجب الوزارة لمطالبها قبل نهاية الشهر.",
            ]
        ),
    )
    bullets = [b.text for b in ExtractiveEngine(settings).summarize(article, 2).bullets]
    assert any("تهدد بالحجب" in b for b in bullets), bullets


def test_a_sentence_that_gives_a_web_address_is_not_a_bullet_while_a_fact_is_left(settings: Settings) -> None:
    article = Article(
        text="\n".join(
            [
                "أطلقت وزارة العمل برنامجا جديدا لتدريب عشرة آلاف شاب على المهن التقنية خلال العام المقبل "
                "بتمويل من البنك الدولي.",
                "ويمكن للشباب الراغبين في التدريب على المهن التقنية التسجيل في البرنامج الجديد لوزارة العمل عبر الموقع "
                "www.tadrib.gov.example قبل نهاية الشهر.",
                "وتبلغ كلفة المبادرة نحو 40 مليون دولار، ويحصل كل متدرب على منحة شهرية طوال ستة أشهر.",
            ]
        )
    )
    bullets = [b.text for b in ExtractiveEngine(settings).summarize(article, 2).bullets]
    assert not any("www." in b for b in bullets) and any("40 مليون دولار" in b for b in bullets), bullets


def test_an_interviewers_second_person_marks_a_question_not_a_fact() -> None:
    assert first_person("نفهم من كلامكم أن الحزب يؤيد فرض ضرائب جديدة على الشركات الكبرى.")
    assert not first_person("قال رئيس الحزب إن الحكومة ستفرض ضرائب جديدة على الشركات الكبرى.")


CANAL = [
    "قال رئيس الهيئة العامة للمنطقة الاقتصادية الفريق مهاب مميش إن المنطقة ستشهد عددا من المشروعات المهمة خلال العام المقبل.",
    "وأضاف مميش أن الهيئة ستبدأ إعادة تأهيل ميناء العريش بتكلفة تبلغ نحو 400 مليون جنيه على مدى عامين كاملين.",
    "وتضم المنطقة الاقتصادية أربعة موانئ بحرية ومنطقتين صناعيتين يعمل فيهما أكثر من ثلاثين ألف عامل.",
]


def test_a_headline_bullet_that_uses_a_name_told_before_it_keeps_the_reading_order(settings: Settings) -> None:
    """"وأضاف مميش …" carries the headline, but "الفريق مهاب مميش" is in the sentence before it."""
    article = Article(text="\n".join(CANAL), title="بدء إعادة تأهيل ميناء العريش بتكلفة 400 مليون جنيه")
    bullets = ExtractiveEngine(settings).summarize(article, 2).bullets
    assert any("ميناء العريش" in b.text for b in bullets), [b.text for b in bullets]
    assert [b.sources for b in bullets] == sorted(b.sources for b in bullets), [b.text for b in bullets]
    assert "مميش" in bullets[0].text


def test_a_sentence_whose_subject_is_the_one_before_is_offered_joined_to_it(settings: Settings) -> None:
    """"وطالبوا بإلغائها …" cannot stand alone; after the sentence that names who "they" are, it is one bullet."""
    text = (
        "اتفق رؤساء جمعيات المستثمرين في مصر على أن الضريبة العقارية على المصانع تمثل أحد عوائق التصدير. "
        "وطالبوا خلال مؤتمر التصدير الذي عقد أمس في القاهرة بإلغاء الضريبة على أراضي المصانع ومبانيها.\n\n"
        "وقال رئيس جمعية المصدرين إن الصادرات الصناعية تراجعت بنسبة 12 في المائة خلال العام الماضي."
    )
    engine = ExtractiveEngine(settings)
    article = Article(text=text)
    candidates = engine.candidates(article, sentences.split(text))
    joined = [c for c in candidates if len(c.sentences) == 2]
    assert [c.sources for c in joined] == [(0, 1)]
    assert "، وطالبوا خلال مؤتمر التصدير" in joined[0].bullet.text
    assert not any(c.whole and c.bullet.text.startswith("طالبوا") for c in candidates)


def test_the_end_of_a_quotation_cut_from_its_start_is_no_bullet(settings: Settings) -> None:
    """"… تقول إن 'تويتر يختبر خاصية.. وتتيح الخاصية إخفاء الردود على مشاركتك'.": the tail is the speaker's words."""
    text = (
        "يعتزم موقع تويتر إضافة خاصية جديدة لإخفاء الردود على مشاركات المستخدم بما يوفر حماية أكبر لأحاديثه مع أصدقائه. "
        "وكتبت المتخصصة في متابعة التطبيقات على موقع تويتر تقول إن 'تويتر يختبر خاصية لتهدئة الردود على التغريدات.. "
        "وتتيح الخاصية الجديدة إخفاء الردود على مشاركتك، مع خيار عرض الردود أو إخفائها في أي وقت'. "
        "وذكر الموقع المتخصص أن الخاصية ستتاح لمستخدمي أندرويد أولا خلال الأشهر المقبلة قبل تعميمها على بقية الأنظمة."
    )
    candidates = ExtractiveEngine(settings).candidates(Article(text=text), sentences.split(text))
    tail = [c for c in candidates if "مشاركتك" in c.bullet.text]
    assert tail and not any(c.whole for c in tail)


def test_a_further_remark_is_joined_to_the_sentence_that_named_its_speaker(settings: Settings) -> None:
    """"وأضاف أن …" after "أكد السفير …": one bullet; after a sentence whose verb is another gender's, not joined."""
    text = (
        "أكد السفير الألماني في القاهرة أهمية العلاقات الاقتصادية مع مصر خلال لقائه وزيرة التعاون الدولي. "
        "وأضاف أن بلاده تعتزم زيادة استثماراتها في الطاقة المتجددة خلال السنوات الثلاث المقبلة.\\n\\n"
        "تشير الدراسة إلى أن الطلب على الكهرباء سيرتفع بنسبة 6 في المائة سنويا في البلاد. "
        "وأضاف أن الحكومة ستطرح مناقصات جديدة لمحطات الرياح في خليج السويس العام المقبل."
    ).replace("\\n", "\n")
    candidates = ExtractiveEngine(settings).candidates(Article(text=text), sentences.split(text))
    joined = [c.bullet.text for c in candidates if len(c.sentences) == 2]
    assert any("، وأضاف أن بلاده تعتزم" in t for t in joined)
    assert not any("الحكومة ستطرح" in t for t in joined)


COURTESY = [
    "أعلنت هيئة المطارات إرساء عقد بقيمة 600 مليون درهم لتطوير المباني السكنية في مشروع النبض قرب موقع المعرض الدولي.",
    "وفازت بعقد البناء شركة القبضة للمقاولات، إحدى أبرز الشركات العاملة في قطاع الإنشاءات في الدولة منذ ثلاثة عقود.",
    "وأعرب الرئيس التنفيذي للهيئة خليفة الزفين عن سروره بالتعاقد مع شركة القبضة لتشييد المباني السكنية في المشروع.",
]
THANKS = [
    *COURTESY[:2],
    "ووجه رئيس مجلس إدارة الشركة سالم الكعبي الشكر لفريق العمل في الهيئة على ما قدمه من تعاون مثمر طوال فترة المناقصة.",
]
PRAISE = [
    *COURTESY[:2],
    "وأثنى وزير الإسكان على الجهد المبذول من فريق الهيئة وشركة القبضة في إعداد المخططات خلال المرحلة الأولى من المشروع.",
]
FOUNDING = [
    "أعلنت الجمارك أن فرق الكلاب المدربة ستساعد في التعرف على المصابين بالفيروس مع استئناف الرحلات الدولية.",
    "وأوضح مدير مركز التدريب عبدالله السلوم أن المركز يدرب حاليا عشرين كلبا على اكتشاف الفيروس بالتعاون مع وزارة الصحة.",
    "وأنشئ المركز في عام 1987 تحت اسم آخر قبل أن ينتقل إلى مقره الحالي في شمال العاصمة عام 2005.",
]


@pytest.mark.parametrize(
    ("story", "dispensable"),
    [
        pytest.param(COURTESY, "سروره", id="courtesy"),
        pytest.param(THANKS, "الشكر", id="thanks"),
        pytest.param(PRAISE, "أثنى", id="praise"),
        pytest.param(FOUNDING, "أنشئ", id="founding"),
    ],
)
def test_what_a_box_can_do_without_never_fills_the_third_bullet(settings: Settings, story: list[str], dispensable: str) -> None:
    """Thanks, praise and pleasure ("أعرب عن سروره بالتعاقد"، "وجه الشكر لفريق العمل"، "أثنى الوزير على الجهد")
    and history ("أنشئ المركز في عام 1987 …") are side details: with no fact left for a third bullet, the box keeps two."""
    bullets = ExtractiveEngine(settings).summarize(Article(text="\n".join(story)), 3).bullets
    assert len(bullets) == 2
    assert not any(dispensable in b.text for b in bullets)


def test_a_short_whole_fact_is_the_second_bullet_when_nothing_longer_is_left(settings: Settings) -> None:
    """"تراجع المؤشر الرئيسي للبورصة 1%." has six words: a fact, where the rest leans on what came before."""
    text = (
        "هبطت البورصة المصرية الثلاثاء بعدما كلف الرئيس وزير الري والموارد المائية بتشكيل الحكومة الجديدة، "
        "مما تسبب في إحباط المستثمرين الذين كانوا يتوقعون اختيار شخصية اقتصادية بارزة تعيد الثقة إلى السوق "
        "بعد شهور من الاضطراب السياسي الذي أضعف الجنيه وأبعد المستثمرين الأجانب عن البلاد. "
        "وتراجع المؤشر الرئيسي للبورصة المصرية 1%. "
        "حيث شكل اختيار الوزير غير المعروف خارج البلاد ضغطا على السوق طوال جلسة التداول."
    )
    bullets = ExtractiveEngine(settings).summarize(Article(text=text), 2).bullets
    assert [b.text for b in bullets][1:] == ["تراجع المؤشر الرئيسي للبورصة المصرية 1%."]


def test_a_short_whole_headline_fact_beats_its_sentence_too_long_to_be_a_bullet(settings: Settings) -> None:
    text = "\n".join(
        [
            "بحضور رئيس الوزراء الدكتور حازم الببلاوي ووزير الكهرباء المهندس عبدالله الحصين ونظيره الدكتور أحمد إمام "
            "وسفير المملكة بالقاهرة وممثلها لدى الجامعة العربية السفير أحمد قطان ووفود البلدين ورجال الأعمال "
            "وعدد من كبار المسؤولين في وزارتي الكهرباء والخارجية في البلدين "
            "وقعت المملكة العربية السعودية ومصر ثلاث اتفاقيات للربط الكهربائي بين البلدين.",
            "ووقع الاتفاقيات عن المملكة الرئيس التنفيذي للشركة السعودية للكهرباء ومن الجانب المصري رئيس الشركة القابضة.",
            "ويقوم المشروع على تبادل الطاقة الكهربائية بين البلدين لتصل القدرات التبادلية في فترات الذروة إلى 3000 ميجاوات.",
        ]
    )
    title = "السعودية ومصر توقعان ثلاث اتفاقيات للربط الكهربائي"
    bullets = ExtractiveEngine(settings).summarize(Article(text=text, title=title), 2).bullets
    assert bullets[0].text.startswith("وقعت المملكة العربية السعودية ومصر ثلاث اتفاقيات للربط الكهربائي بين البلدين")


def test_the_headlines_figure_in_a_long_ledes_tail_is_kept_by_ending_the_lede_after_it(settings: Settings) -> None:
    """A 50-word lede whose tail names the headline's "240 ألف علبة": cut at its comma, the box loses the figure;
    ended at the clause after the figure ("تقدر قيمتها …"), it keeps it and still reads whole."""
    lede = (
        "تمكنت فرق المراقبة الصحية التابعة لمديرية التجارة الداخلية، بالتنسيق مع هيئة سلامة الغذاء الوطنية، "
        "من مداهمة مستودع غير مرخص لتخزين المواد الغذائية المنتهية الصلاحية بالمنطقة الصناعية الواقعة جنوب المدينة "
        "على الطريق السريع المؤدي إلى الميناء، "
        "وحجز ما يقرب من 240 ألف علبة حليب مجهولة المصدر تقدر قيمتها السوقية بنحو مليوني دينار."
    )
    text = "\n".join(
        [
            lede,
            "وأفادت المديرية بأن صاحب المستودع كان يعيد تعبئة العلب ويضع عليها تواريخ صلاحية جديدة قبل بيعها للمحلات.",
            "وأحيل المتهم وثلاثة من العاملين معه إلى النيابة العامة التي أمرت بحبسهم أربعة أيام على ذمة التحقيق.",
        ]
    )
    title = "حجز 240 ألف علبة حليب منتهية الصلاحية في مستودع غير مرخص"
    bullets = [b.text for b in ExtractiveEngine(settings).summarize(Article(text=text, title=title), 2).bullets]
    assert any("240 ألف علبة" in b for b in bullets), bullets
    assert not any("تقدر" in b for b in bullets), bullets


def test_the_headlines_figure_told_second_by_the_speaker_opens_the_box(settings: Settings) -> None:
    text = "\n".join(
        [
            "كشفت ممثلة البنك الأفريقي للتنمية في مصر، ليلى المقدم، عن بدء سلسلة من الاجتماعات والمشاورات مع الحكومة "
            "والوزارات المعنية بالاستثمار والتخطيط والتعاون الدولي خلال الأيام المقبلة لوضع استراتيجية شاملة للتعاون "
            "بين مصر والبنك خلال السنوات الثلاث المقبلة، مشيرة إلى أنه تم تخصيص مبلغ 500 مليون دولار "
            "لتمويل مشروعات تنموية في مصر خلال عام 2015، ومن المتوقع أن تسفر الاجتماعات عن مزيد من المشروعات.",
            "وأوضحت المقدم أن الاستراتيجية الجديدة تستهدف تمويل مشروعات في قطاعات الطاقة والنقل والمياه والصرف الصحي.",
            "وقالت إن حجم محفظة البنك في مصر يصل إلى ملياري دولار حتى العام الحالي، ويستحوذ قطاع الطاقة على النصيب الأكبر.",
        ]
    )
    title = "البنك الأفريقي للتنمية: 500 مليون دولار لمصر العام المقبل"
    bullets = ExtractiveEngine(settings).summarize(Article(text=text, title=title), 2).bullets
    assert "500 مليون دولار" in bullets[0].text


def test_a_feature_lede_gives_way_to_the_news_it_announces_after_since(settings: Settings) -> None:
    """"لم يعد الباحث مضطرا …، إذ أعلنت المكتبة …، والتي شملت 3400 مخطوط …": the headline's figure is after «إذ»."""
    lede = (
        "لم يعد الباحث في تاريخ الفقه أو في علوم الفلك العربية مضطرا إلى التنقل إلى قاعة المطالعة بالعاصمة وانتظار "
        "ترخيص للاطلاع على مخطوط نادر، إذ أعلنت المكتبة الوطنية عن استكمال المرحلة الأولى من مشروع رقمنة مخطوطاتها، "
        "والتي شملت 3400 مخطوط تضم أكثر من 620 ألف صفحة باتت متاحة مجانا عبر منصة إلكترونية جديدة."
    )
    rest = [
        "وأوضحت المديرة العامة للمكتبة أن المخطوطات المرقمنة تمثل قرابة 12 بالمئة من رصيد المكتبة من المخطوطات.",
        "وتنطلق المرحلة الثانية من المشروع بداية من الشهر المقبل، وتستهدف رقمنة 5000 مخطوط إضافي في أفق سنة 2027.",
    ]
    article = Article(text="\n".join([lede, *rest]), title="المكتبة الوطنية ترقمن 3400 مخطوط وتتيحها مجانا عبر منصة إلكترونية")
    bullets = [b.text for b in ExtractiveEngine(settings).summarize(article, 2).bullets]
    assert bullets[0].startswith("أعلنت المكتبة الوطنية") and "3400 مخطوط" in bullets[0], bullets


STATUE = [
    "أزاحت بلدية المدينة صباح اليوم الستار عن تمثال برونزي للشاعر الراحل عبد الكريم الصافي في الساحة الرئيسية "
    "وسط حضور رسمي وشعبي.",
    "وتوافد مئات من سكان المدينة وطلاب المدارس إلى الساحة منذ ساعات الصباح الأولى لمتابعة الحفل "
    "والتقاط الصور التذكارية أمام التمثال.",
    "ويظهر التمثال الشاعر واقفا يحمل ديوانه بيده اليمنى ويرفع يده اليسرى نحو الأفق، في وقفة استوحاها النحات من صورة شهيرة له.",
    "وبلغت كلفة التمثال والأعمال المحيطة به 28 مليون دينار تكفلت بها البلدية بالشراكة مع وزارة الثقافة "
    "وعدد من المؤسسات المحلية الخاصة.",
]


def test_what_the_story_cost_outranks_its_colour(settings: Settings) -> None:
    """The crowd and the statue's pose are colour; its cost (28 مليون دينار) is a fact an editor wants in the box."""
    article = Article(text="\n".join(STATUE), title="إزاحة الستار عن تمثال الشاعر عبد الكريم الصافي وسط المدينة")
    bullets = [b.text for b in ExtractiveEngine(settings).summarize(article, 3).bullets]
    assert any("28 مليون دينار" in b for b in bullets), bullets


def test_a_lede_cut_keeps_what_the_headline_says_happened(settings: Settings) -> None:
    """The toll alone lost the explosion the headline names; the cut runs on to it and stops at the next adjunct."""
    lede = (
        "لقيت طفلة تبلغ من العمر 9 سنوات مصرعها وأصيب 6 آخرون بينهم سيدتان وطفل رضيع بحروق وكسور وجروح متفرقة، "
        "مساء أمس السبت، إثر انفجار أسطوانة غاز داخل شقة سكنية بالطابق الثالث في عقار مكون من خمسة طوابق بشارع "
        "الشيخ عبد الحميد المتفرع من شارع العريش بمنطقة الطالبية التابعة لمحافظة الجيزة، ما أسفر عن انهيار جزئي "
        "لأحد جدران الشقة وتحطم نوافذ عدد من الشقق المجاورة."
    )
    rest = [
        "وتمكن رجال الحماية المدنية من السيطرة على الحريق الناتج عن الانفجار خلال نحو 40 دقيقة ونقل المصابين إلى مستشفى الهرم.",
        "وأمرت النيابة العامة بانتداب المعمل الجنائي لمعاينة موقع الانفجار وبيان أسبابه وسماع أقوال شهود العيان.",
    ]
    title = "مصرع طفلة وإصابة 6 أشخاص في انفجار أسطوانة غاز داخل عقار سكني بالطالبية في الجيزة"
    article = Article(text="\n".join([lede, *rest]), title=title)
    bullets = [b.text for b in ExtractiveEngine(settings).summarize(article, 2).bullets]
    assert "انفجار أسطوانة غاز" in bullets[0] and "6 آخرون" in bullets[0], bullets
