"""The integrity check: a bullet is a whole sentence, with what its deletions left judged against its source."""

from __future__ import annotations

import pytest

from khulasa.summarize import integrity
from khulasa.summarize.perturb import PERTURBATIONS

# Composed news sentences: (source sentence, a faithful bullet cut from it by deletion).
GOOD = [
    (
        "وقال وزير الخارجية الأردني، اليوم الأحد، إن الحكومة وقعت مع الاتحاد الأوروبي اتفاقا لتمويل مشروع الناقل الوطني للمياه.",
        "قال وزير الخارجية الأردني إن الحكومة وقعت مع الاتحاد الأوروبي اتفاقا لتمويل مشروع الناقل الوطني للمياه.",
    ),
    (
        "وافتتحت بلدية الدار البيضاء، صباح الثلاثاء، أول خط للترامواي يربط الأحياء الشرقية بوسط المدينة على مسافة 17 كيلومترا.",
        "افتتحت بلدية الدار البيضاء أول خط للترامواي يربط الأحياء الشرقية بوسط المدينة على مسافة 17 كيلومترا.",
    ),
    (
        "ارتفعت أسعار الذهب في السوق المحلية بنسبة 2 في المائة خلال الأسبوع الماضي، مدفوعة بتراجع الدولار.",
        "ارتفعت أسعار الذهب في السوق المحلية بنسبة 2 في المائة خلال الأسبوع الماضي، مدفوعة بتراجع الدولار.",
    ),
    (
        "وأعلنت وزارة الصحة التونسية تسجيل 120 إصابة جديدة بالحصبة في ولايات الجنوب، وأطلقت حملة تلقيح للأطفال.",
        "أعلنت وزارة الصحة التونسية تسجيل 120 إصابة جديدة بالحصبة في ولايات الجنوب، وأطلقت حملة تلقيح للأطفال.",
    ),
    (
        "صادق مجلس النواب العراقي على قانون الموازنة العامة للعام المقبل بأغلبية 190 صوتا بعد جلسة استمرت حتى الليل.",
        "صادق مجلس النواب العراقي على قانون الموازنة العامة للعام المقبل بأغلبية 190 صوتا بعد جلسة استمرت حتى الليل.",
    ),
    (
        "وقعت شركة الكهرباء الوطنية عقدا مع تحالف صيني لبناء محطة للطاقة الشمسية بقدرة 500 ميغاواط في محافظة معان جنوبي المملكة.",
        "وقعت شركة الكهرباء الوطنية عقدا مع تحالف صيني لبناء محطة للطاقة الشمسية بقدرة 500 ميغاواط في محافظة معان جنوبي المملكة.",
    ),
    (
        "وأغلقت السلطات المصرية ميناء العريش أمام حركة الملاحة لمدة يومين بسبب سوء الأحوال الجوية.",
        "أغلقت السلطات المصرية ميناء العريش أمام حركة الملاحة لمدة يومين بسبب سوء الأحوال الجوية.",
    ),
    (
        "تراجعت صادرات المغرب من الفوسفات بنسبة 8 في المائة في الربع الأول من العام، وفق بيانات مكتب الصرف الصادرة أمس.",
        "تراجعت صادرات المغرب من الفوسفات بنسبة 8 في المائة في الربع الأول من العام.",
    ),
]


def kinds(bullet: str, source: str | None = None) -> set[str]:
    return {d.kind for d in integrity.check(bullet, None if source is None else [source])}


@pytest.mark.parametrize(("source", "bullet"), GOOD)
def test_good_bullets_pass(source: str, bullet: str) -> None:
    assert integrity.check(bullet, [source]) == []
    assert integrity.check(bullet) == []


@pytest.mark.parametrize(
    ("bullet", "source", "kind"),
    [
        # the closing quotation mark lost by a cut
        ('أكد المتحدث باسم الفصائل أن "الجيش الحر تمكن من استعادة السيطرة على البلدة.', None, "unbalanced"),
        # a wire dateline and agency tag kept
        ("دمشق، سوريا (CNN) أكدت مصادر ميدانية سيطرة الفصائل على البلدة.", None, "dateline"),
        ("القاهرة - أعلنت وزارة النقل تشغيل خط جديد للقطارات بين المدينتين.", None, "dateline"),
        # openings that need a sentence before them
        ("في حين تراجعت أسعار النفط إلى أدنى مستوى لها منذ ثلاثة أشهر.", None, "dangling_opening"),
        ("هذه الخطوة تأتي بعد أسابيع من المفاوضات بين الطرفين.", None, "dangling_opening"),
        # the accusative of a deleted «إنّ» left on the subject
        (
            "مقاتلين من لواء الإسلام سيطروا على حاجز عسكري شرقي المدينة.",
            "وقال المرصد إن مقاتلين من لواء الإسلام سيطروا على حاجز عسكري شرقي المدينة.",
            "accusative_subject",
        ),
        # «أنّ» with its subject and no predicate
        (
            "أعلن الوزير أن الاستعدادات.",
            "أعلن الوزير أن الاستعدادات بلغت مراحلها الأخيرة قبل بدء الموسم السياحي.",
            "no_predicate",
        ),
        # an adjective whose noun was deleted
        (
            "يبدأ تطبيق القرار اعتبارا من المقبل في جميع المحافظات.",
            "يبدأ تطبيق القرار اعتبارا من الأسبوع المقبل في جميع المحافظات.",
            "stranded",
        ),
        # a dual list cut after its first item
        (
            "أطلقت الوزارة برنامجين لدعم الشباب هما برنامج القروض الصغيرة.",
            "أطلقت الوزارة برنامجين لدعم الشباب هما برنامج القروض الصغيرة وبرنامج التدريب المهني.",
            "list_cut",
        ),
        # a long subject after «إنّ», its verb in what the cut deleted
        (
            "قال المرصد إن مقاتلين من ثلاث كتائب معارضة، وعدة مجموعات محلية أخرى.",
            "وقال المرصد إن مقاتلين من ثلاث كتائب معارضة، وعدة مجموعات محلية أخرى، سيطروا على مستودع للذخيرة.",
            "no_predicate",
        ),
        # a construct noun whose second term was deleted with the weekday
        (
            "دارت اشتباكات بعد منتصف - السبت في محيط البلدة الحدودية.",
            "ودارت اشتباكات بعد منتصف ليل الجمعة - السبت في محيط البلدة الحدودية.",
            "stranded",
        ),
        # «بين» with one side left
        (
            "وقعت الحكومة مذكرة تفاهم لتعزيز التعاون في مجال البحث العلمي بين الجامعة.",
            "وقعت الحكومة مذكرة تفاهم لتعزيز التعاون في مجال البحث العلمي بين الجامعة والوزارة خلال العام المقبل.",
            "list_cut",
        ),
        # «ف» answering a sentence the box does not show
        ("فالحكومة لم تعد قادرة على تمويل دعم الوقود بعد تراجع إيرادات النفط.", None, "dangling_opening"),
        # a verb of saying whose speaker stayed in the sentence before
        ("أبرز أن الفرع الجديد سيشغل نحو خمسين خبيرا في الأمن الرقمي بحلول نهاية العام.", None, "dangling_opening"),
        ("قال إنه سيزور المحافظات الشمالية الأسبوع المقبل لمتابعة المشروع.", None, "dangling_opening"),
        ("أضاف خلال الندوة أن البنوك مولت بناء ألف وحدة سكنية للشباب هذا العام.", None, "dangling_opening"),
        # more openings that lean on the sentence before: a plural speaker going on, "so, during …", "it concerns"
        ("مشيرين إلى أن زيادة أسعار مدخلات الإنتاج رفعت كلفة رغيف الخبز في المخابز.", None, "dangling_opening"),
        ("ففي أثناء التفتيش ضبطت اللجنة 15 خنجرا مخفاة وسط الملابس في الحقائب.", None, "dangling_opening"),
        ("يتعلق الأمر بالشاشات الكبيرة التي تراجعت مبيعاتها خلال الربع الأول من العام.", None, "dangling_opening"),
        # a possessive pronoun in the subject, a speaker never named, a relative clause with no noun before it
        ("تبلغ طاقتها الإنتاجية 1390 ميجاوات وتضم أربع وحدات غازية ووحدة بخارية واحدة.", None, "dangling_opening"),
        ("أشارت إلى أن الهدف من المشروع هو الالتفاف على العقوبات الأمريكية المفروضة.", None, "dangling_opening"),
        ("الذي حصلت الشبكة على نسخة منه أظهر تراجع رأس المال السوقي للبورصة بنسبة 18%.", None, "dangling_opening"),
        ("أوضح: «ستركز المنطقة على الصناعات الثقيلة وتفتح آفاق تعاون اقتصادي كبير».", None, "dangling_opening"),
        # «تمّ» and an aside after it, cut before what was done
        (
            "أوضحت الوزارة، في بلاغ لها، أنه تم، عملا بمقتضى المرسوم الصادر في 28 سبتمبر والمصادق عليه في مجلس "
            "الحكومة الذي انعقد.",
            "وأوضحت الوزارة، في بلاغ لها، أنه تم، عملا بمقتضى المرسوم الصادر في 28 سبتمبر والمصادق عليه في مجلس "
            "الحكومة الذي انعقد اليوم، اعتماد نظام نهائي لتغيير الساعة القانونية.",
            "no_predicate",
        ),
        # first person outside a quotation
        ("أقول إن الحكومة لم تف بوعودها للمزارعين في الموسم الماضي.", None, "first_person"),
        ("وصلت إلينا تقارير عن نقص حاد في الأدوية بالمستشفيات الحكومية.", None, "first_person"),
        ("استلهمنا من تجارب الدول المجاورة سلمية الاحتجاج ووحدة المطالب.", None, "first_person"),
        # a turn to the next speaker, and an institution named by its noun alone after «بحسب»
        ("من جانبه اكد المتحدث باسم الحكومة أن الخطة ستنفذ على مراحل.", None, "dangling_opening"),
        # a question turned into a statement
        ("هل تنجح الحكومة في خفض التضخم قبل نهاية العام.", None, "question"),
        (
            "تنجح الحكومة في خفض التضخم قبل نهاية العام.",
            "هل تنجح الحكومة في خفض التضخم قبل نهاية العام؟",
            "question",
        ),
        # the page's layout run into the sentence: a sub-heading and its dash, a list's marker
        (
            "استمرار نشاط الترويج السياحي:- – الترويج يعني حضور البلاد المستمر في المعارض الدولية.",
            None,
            "heading",
        ),
        ("3 أسئلة < ما الأهداف المتوخاة من القافلة التجارية إلى روسيا هذا العام.", None, "heading"),
        # a frame without a main clause
        ("بانتظار نتائج التحقيق الذي فتحته النيابة العامة.", None, "no_main_clause"),
        # cut after a preposition
        ("وقعت الحكومة اتفاقا جديدا مع صندوق النقد الدولي في.", None, "cut_phrase"),
        # the speaker kept, what he said cut off
        (
            "أكد الدكتور محمد معيط، وزير المالية.",
            "وأكد الدكتور محمد معيط، وزير المالية، أن الموازنة الجديدة تستهدف خفض العجز إلى خمسة في المائة.",
            "no_predicate",
        ),
        # a verb that is not one of saying, its content clause cut off at the comma before «أن»
        (
            "برر وزير الزراعة، في رده على سؤال النائب عن أسباب القرار، تصدير الأبقار.",
            "برر وزير الزراعة، في رده على سؤال النائب عن أسباب القرار، تصدير الأبقار، بأن الموسم شهد فائضا كبيرا في الإنتاج.",
            "no_predicate",
        ),
        # «أنّ» and its subject, cut where a relative clause describing the subject began
        (
            "أكد مدير الهيئة أن مشروع الميناء الجديد.",
            "أكد مدير الهيئة أن مشروع الميناء الجديد الذي أعلنته الحكومة الشهر الماضي سيوفر آلاف فرص العمل.",
            "no_predicate",
        ),
        # a list cut between two of its items: its predicate came after the last
        (
            "فيما جاءت أسهم شركات الإسمنت والتأمين، والنقل، والاتصالات.",
            "فيما جاءت أسهم شركات الإسمنت والتأمين، والنقل، والاتصالات، والعقار الأكثر انخفاضا في جلسة اليوم.",
            "list_cut",
        ),
        # a call kept with its caller and his role, what he called for cut at the comma
        (
            "دعا رئيس اتحاد المستوردين سامي الخطيب، مدير شركة النور للأدوية.",
            "دعا رئيس اتحاد المستوردين سامي الخطيب، مدير شركة النور للأدوية، وزارة المالية لتوفير العملة الصعبة.",
            "no_predicate",
        ),
        # «أنّ» with its pronoun and a subject, cut before the pronoun that opens the predicate
        (
            "أشار إلى أهمية الرقابة على الأسواق، مؤكدا أنه وزارة التجارة والصناعة.",
            "وأشار إلى أهمية الرقابة على الأسواق، مؤكدا أنه وزارة التجارة والصناعة، هي الطرف الممثل للحكومة في الاتفاقية.",
            "no_predicate",
        ),
        # "وهو الأمر" without the clause that says what the matter is
        ("ارتفع إقبال الأسر على شراء الأجهزة المنزلية وتطور استهلاكها للكهرباء، وهو الأمر.", None, "cut_phrase"),
        # a ranking whose source, named after it, was cut
        (
            "وقعت الحكومة اتفاقا لإنشاء محطة للطاقة الشمسية بقدرة 1200 ميغاواط، وهي الأكبر من نوعها في القارة.",
            "وقعت الحكومة اتفاقا لإنشاء محطة للطاقة الشمسية بقدرة 1200 ميغاواط، وهي الأكبر من نوعها في القارة، "
            "بحسب بيان مشترك صدر عن الطرفين.",
            "attribution",
        ),
        # a participle that goes on for a speaker, and a verb of praise or hope without its subject
        ("مبينا أنه سيتم إغلاق الخط الرئيسي لمدة يومين لإجراء أعمال الصيانة الدورية.", None, "dangling_opening"),
        ("أشاد بروح التعاون التي أبداها القائمون على المشروع طوال مراحل التنفيذ.", None, "dangling_opening"),
        ("أعرب عن أمله في أن تسهم الاتفاقية في زيادة التبادل التجاري بين البلدين.", None, "dangling_opening"),
        # two sentences run together at a stray full stop, a word lost before it
        ("تمثل النمل نحو ربع الكتلة الحيوية الحيوانية في .حتى عام 2006 عرف العلماء آلاف الأنواع.", None, "cut_phrase"),
        # the context line that ties the news to what the article told before it
        ("ويأتي ذلك في إطار خطة الحكومة لتوسيع شبكة الدفع الإلكتروني في مكاتب البريد.", None, "dangling_opening"),
        ("عقب ذلك ألقى رئيس الغرفة كلمة رحب فيها بالمشاركين في الملتقى الاقتصادي الأول.", None, "dangling_opening"),
        # a bullet that ends on its verb of saying
        ("أكد الوزير أن المشروع يسير وفق الجدول المحدد، وقال.", None, "cut_phrase"),
        # the speaker deleted, his next remark kept
        (
            "الإنتاج ارتفع بنسبة 10 في المائة، مشيرا إلى أن الخطة تنفذ على مراحل.",
            "وقال مدير الشركة إن الإنتاج ارتفع بنسبة 10 في المائة، مشيرا إلى أن الخطة تنفذ على مراحل.",
            "attribution",
        ),
        # a forecast stated as fact once its speaker is deleted
        (
            "أسعار القمح قد ترتفع خلال الأشهر المقبلة بسبب الجفاف.",
            "قال خبراء في القطاع الزراعي إن أسعار القمح قد ترتفع خلال الأشهر المقبلة بسبب الجفاف.",
            "attribution",
        ),
    ],
)
def test_each_defect_is_caught(bullet: str, source: str | None, kind: str) -> None:
    assert kind in kinds(bullet, source)


def test_a_question_kept_as_a_question_passes() -> None:
    assert kinds("هل تنجح الحكومة في خفض التضخم قبل نهاية العام؟", "هل تنجح الحكومة في خفض التضخم قبل نهاية العام؟") == set()


def test_words_that_only_end_like_we_did_pass() -> None:
    """«زمنا» (a while) and «أحيانا» (sometimes) end in «نا» and are no verbs."""
    assert kinds("عاش الكاتب زمنا طويلا في القاهرة وكان يزور الإسكندرية أحيانا مع أسرته.") == set()


def test_a_quoted_first_person_and_a_dated_demonstrative_pass() -> None:
    assert kinds('قال رئيس الوزراء إن "حكومتنا ستواصل دعم المزارعين" خلال الموسم المقبل.') == set()
    assert kinds("هذا العام سجلت البلاد أعلى نسبة أمطار منذ عقدين.") == set()


def test_a_named_speaker_and_an_impersonal_note_pass() -> None:
    assert kinds("قال الوزير إن المشروع سيكتمل قبل نهاية العام الحالي.") == set()
    assert kinds("يذكر أن المشروع انطلق عام 2019 بتمويل من البنك الدولي.") == set()


def test_a_paraphrase_is_checked_on_the_bullet_alone() -> None:
    """A language model's bullet is no deletion of its source: the source rules cannot run, the bullet rules do."""
    paraphrase = "في حين رفعت الحكومة أسعار الوقود."
    assert integrity.Cut.of(paraphrase, "قررت الحكومة زيادة أسعار المحروقات.") is None
    assert kinds(paraphrase, "قررت الحكومة زيادة أسعار المحروقات.") == {"dangling_opening"}


ARTICLE = (
    "أعلن وزير الطاقة الجزائري محمد عرقاب أن بلاده رفعت إنتاج الغاز بنسبة 5 في المائة.\n"
    "وقال عرقاب إن الشركة الوطنية ستفتح ثلاثة حقول جديدة في الجنوب قبل نهاية العام."
)


def test_a_surname_needs_its_full_name_earlier_in_the_box() -> None:
    later = "قال عرقاب إن الشركة الوطنية ستفتح ثلاثة حقول جديدة في الجنوب قبل نهاية العام."
    alone = integrity.introduced([later], ARTICLE)
    assert [d.kind for d in alone[0]] == ["referent"]
    first = "أعلن وزير الطاقة الجزائري محمد عرقاب أن بلاده رفعت إنتاج الغاز بنسبة 5 في المائة."
    assert integrity.introduced([first, later], ARTICLE) == [[], []]


def test_a_bare_role_needs_the_role_in_full() -> None:
    box = ["قال الوزير إن الإنتاج ارتفع خلال الربع الأول من العام الحالي."]
    assert [d.kind for d in integrity.introduced(box, "")[0]] == ["referent"]
    box = ["أعلن وزير الطاقة ارتفاع الإنتاج خلال الربع الأول.", "قال الوزير إن الإنتاج سيرتفع مجددا العام المقبل."]
    assert integrity.introduced(box, "") == [[], []]


def test_an_institution_named_by_its_noun_alone_needs_its_full_name() -> None:
    box = ["بحسب المرصد فقد سيطر المقاتلون على ثلاثة مستودعات للذخيرة قرب البلدة."]
    assert [d.kind for d in integrity.introduced(box, "")[0]] == ["referent"]
    box = ["قالت اللجنة إن قرارها يستند إلى تباطؤ التضخم خلال الأشهر الأخيرة."]
    assert [d.kind for d in integrity.introduced(box, "")[0]] == ["referent"]
    box = ["أكد المرصد السوري لحقوق الإنسان سقوط البلدة.", "بحسب المرصد فقد سيطر المقاتلون على ثلاثة مستودعات."]
    assert integrity.introduced(box, "") == [[], []]


RECALL_FLOOR = 0.75
"""Each defect made on purpose in a good bullet must be caught at least this often."""


@pytest.mark.parametrize("kind", sorted(PERTURBATIONS))
def test_perturbation_recall(kind: str) -> None:
    perturb = PERTURBATIONS[kind]
    made = caught = 0
    for source, bullet in GOOD:
        broken = perturb(bullet, [source])
        if broken is None:
            continue
        made += 1
        caught += bool(integrity.check(*broken))
    assert made, f"the {kind} perturbation applies to none of the good bullets"
    assert caught / made >= RECALL_FLOOR, f"{kind}: {caught}/{made}"


def test_an_institution_named_only_by_its_noun_needs_its_full_name() -> None:
    later = "في بيانات نشرها مركز الجامعة، ارتفع عدد الإصابات المسجلة في البلاد إلى 866 ألف إصابة."
    assert [d.kind for d in integrity.introduced(["بلغت حصيلة الوفيات 50 ألفا.", later], "")[1]] == ["referent"]
    first = "بلغت حصيلة الوفيات 50 ألفا، بحسب مركز جامعة جونز هوبكنز."
    assert integrity.introduced([first, later], "") == [[], []]


def test_a_demonstrative_points_back_at_something_the_box_said() -> None:
    later = "قالت هذه المجموعة الأمريكية في بيان إن عدد مستخدميها تجاوز ملياري مستخدم شهريا."
    assert [d.kind for d in integrity.introduced(["أعلن موقع فيسبوك تجاوز عتبة جديدة.", later], "")[1]] == ["referent"]
    assert integrity.introduced(["أعلنت المجموعة الأمريكية تجاوز عتبة جديدة.", later], "") == [[], []]
    assert integrity.introduced(["سجلت البلاد هذا العام أعلى نسبة أمطار منذ عقدين."], "") == [[]]


def test_a_city_ending_in_na_is_no_first_person() -> None:
    bullet = "اختتمت بورصة أثينا تداولاتها متراجعة 3.91 في المئة بعد الإعلان عن انتخابات تشريعية مبكرة."
    assert "first_person" not in kinds(bullet.replace("أثينا", "اثينا"), bullet)
    assert "first_person" in kinds("استلهمنا من تجارب الدول المجاورة سلمية الاحتجاج.")


def test_a_plural_that_opens_its_own_sentence_keeps_the_writers_case() -> None:
    """«الثعابين» opens the article's sentence as written: no «إنّ» was cut before it, so its «ين» is no case trace."""
    sentence = "الثعابين بعضها سام وبعضها غير سام وتختلف سمومها باختلاف أنواعها ومواطنها."
    assert "accusative_subject" not in kinds(sentence, sentence)
    cut = "المقاتلين سيطروا على ثلاثة مستودعات للذخيرة."
    assert "accusative_subject" in kinds(cut, "قال المرصد إن المقاتلين سيطروا على ثلاثة مستودعات للذخيرة.")


def test_a_box_says_where_when_the_opening_does() -> None:
    article = "ذكرت وكالة الأنباء العراقية، اليوم الثلاثاء، أن مجلس النواب انتخب رئيسا جديدا للمجلس بأغلبية 189 صوتا."
    assert not integrity.says_where(["انتخب مجلس النواب رئيسا جديدا للمجلس بأغلبية 189 صوتا."], article)
    assert integrity.says_where(["ذكرت وكالة الأنباء العراقية أن مجلس النواب انتخب رئيسا جديدا للمجلس."], article)
    assert integrity.says_where(["انتخب البرلمان في العراق رئيسا جديدا."], article)
    assert integrity.says_where(["تعيش النملة في مستعمرات كبيرة."], "النمل حشرات اجتماعية تعيش في مستعمرات.")  # no place to say


def test_a_demonstrative_after_a_figure_in_the_same_bullet_points_at_it() -> None:
    verdict = "قضت المحكمة بإلزام المدير السابق برد 23 مليون دينار وتغريمه ضعف هذا المبلغ بعد إدانته بالإضرار بالمال العام."
    assert integrity.introduced(["أصدرت محكمة الجنايات حكمها في قضية عقود الطرق.", verdict], "") == [[], []]
    assert [d.kind for d in integrity.introduced(["تغريم المدير ضعف هذا المبلغ بعد إدانته بالإضرار بالمال العام."], "")[0]] == [
        "referent"
    ]


def test_a_statement_or_a_directorate_named_by_its_noun_alone_needs_its_full_name() -> None:
    for bullet in (
        "أضاف البيان أن الأسعار ستنخفض تدريجيا خلال الأشهر المقبلة.",
        "قالت المديرية إن الحرائق أتت على مئات الهكتارات.",
    ):
        assert [d.kind for d in integrity.introduced([bullet], "")[0]] == ["referent"], bullet


def test_a_list_that_ends_where_its_sentence_ends_passes() -> None:
    source = "وتضم القائمة شركات الإسمنت والتأمين، والنقل، والاتصالات، وقال المدير إن التداول سيستمر حتى الخميس."
    assert "list_cut" not in kinds("تضم القائمة شركات الإسمنت والتأمين، والنقل، والاتصالات.", source)


def test_a_relative_clause_cut_after_a_clause_with_its_verb_passes() -> None:
    source = "أكد المدير أن المشروع يوفر ألف فرصة عمل، التي ستعلن تباعا خلال العام المقبل في الصحف."
    assert "no_predicate" not in kinds("أكد المدير أن المشروع يوفر ألف فرصة عمل.", source)


def test_a_call_with_what_it_calls_for_passes() -> None:
    source = "دعا رئيس الاتحاد الحكومة إلى خفض الضرائب على المواد الأولية، وقال إن المصانع تعمل بنصف طاقتها."
    assert "no_predicate" not in kinds("دعا رئيس الاتحاد الحكومة إلى خفض الضرائب على المواد الأولية.", source)


def test_a_family_name_with_al_needs_its_full_name_but_a_role_after_a_title_is_no_surname() -> None:
    article = (
        "أكد حاتم النجيب نائب رئيس شعبة الخضروات بالغرفة التجارية أن الأسعار استقرت هذا الأسبوع. "
        "وأشار النجيب إلى أن الطماطم تراجعت إلى جنيهين للكيلو. واستقبل السيد الرئيس وفد الغرفة صباح اليوم."
    )
    later = "أشار النجيب إلى أن الطماطم تراجعت إلى جنيهين للكيلو في سوق الجملة."
    assert [d.kind for d in integrity.introduced([later], article)[0]] == ["referent"]
    first = "أكد حاتم النجيب نائب رئيس شعبة الخضروات أن الأسعار استقرت هذا الأسبوع."
    assert integrity.introduced([first, later], article) == [[], []]
    assert "الرئيس" not in integrity._surnames(article)


def test_a_demonstrative_after_a_whole_clause_of_its_own_sentence_points_inside_it() -> None:
    bullet = (
        "أعلنت شركة الاتصالات الوطنية إطلاق خدمة جديدة لحماية المشتركين من الاحتيال، "
        "حيث تتماشى هذه الانطلاقة مع جهودها لمواجهة الهجمات الإلكترونية."
    )
    assert integrity.introduced([bullet], bullet) == [[]]
    opening = "تتماشى هذه الانطلاقة مع جهود الشركة لمواجهة الهجمات الإلكترونية المتزايدة على المشتركين."
    assert [d.kind for d in integrity.introduced([opening], bullet + " " + opening)[0]] == ["referent"]


def test_a_verb_of_praise_with_its_subject_stands_alone() -> None:
    assert "dangling_opening" not in kinds("أشاد وزير الزراعة بروح التعاون التي أبداها المزارعون خلال موسم الحصاد.")


def test_a_decimal_or_an_abbreviation_is_no_full_stop_inside_a_bullet() -> None:
    assert "cut_phrase" not in kinds("قال د. أحمد الخطيب إن الاقتصاد نما بنسبة 3.5 في المائة خلال العام الماضي.")


def test_a_pronoun_after_its_noun_or_a_word_ending_in_its_own_ha_is_no_dangling_opening() -> None:
    assert "dangling_opening" not in kinds("أعلنت وزارة الصحة في بيانها تسجيل 30 إصابة جديدة بالفيروس خلال يوم.")
    assert "dangling_opening" not in kinds("شهد القطاع اتجاها متزايدا نحو الطاقة الشمسية خلال العام الماضي.")


def test_a_name_after_a_title_is_introduced_by_the_whole_run() -> None:
    """"الفريق مهاب مميش": a given name the dictionary lacks still carries the surname after it."""
    article = (
        "قال رئيس الهيئة الاقتصادية، الفريق مهاب مميش، إن المنطقة ستشهد مشروعات مهمة. "
        "وأضاف مميش أن الدولة بدأت تطوير الميناء."
    )
    bare = ["أضاف مميش أن الدولة بدأت تطوير الميناء في شمال سيناء خلال العامين المقبلين."]
    assert [d.kind for d in integrity.introduced(bare, article)[0]] == ["referent"]
    named = ["قال الفريق مهاب مميش إن المنطقة ستشهد مشروعات مهمة خلال العام المقبل.", *bare]
    assert integrity.introduced(named, article) == [[], []]


def test_a_verb_with_a_demonstrative_after_it_points_back() -> None:
    """"يعني هذا …"، "أوضح ذلك لـ…": what "this" names is in the sentence the bullet left behind."""
    assert "dangling_opening" in kinds("يعني هذا زيادة نصيب المناطق النامية من نمو الاقتصاد العالمي إلى 12 في المائة.")
    assert "dangling_opening" in kinds("أوضح ذلك مدير مكتب العمل في المحافظة مؤكدا أن الجولات التفتيشية ستستمر.")
    assert "dangling_opening" not in kinds("يشهد هذا العام افتتاح ثلاثة مستشفيات جديدة في محافظات الجنوب.")


def test_a_plural_verb_or_a_verb_with_an_adverb_straight_after_it_has_its_subject_before() -> None:
    """A verb before its subject stays singular; "طالبوا" carries "they", and "أثرت سلبا" has no subject left."""
    assert "dangling_opening" in kinds("طالبوا خلال المؤتمر بإلغاء الضريبة العقارية على المصانع العاملة في المدن الجديدة.")
    assert "dangling_opening" in kinds("أثرت سلبا على مؤشر السوق العام الذي تراجع بنحو 11 في المائة خلال الفترة نفسها.")
    assert "dangling_opening" not in kinds("طالب المستثمرون خلال المؤتمر بإلغاء الضريبة العقارية على المصانع.")
    assert "dangling_opening" not in kinds("تتكون الشحنة من 200 طن من المواد الغذائية و60 طنا من المنتجات الزراعية.")


def test_a_date_alone_is_no_bullet() -> None:
    assert "no_main_clause" in kinds("28/10/2019.")
    assert "no_main_clause" not in kinds("انخفض التضخم في مصر إلى 5 في المائة خلال أكتوبر 2019.")


def test_a_verb_of_saying_after_a_fronted_frame_keeps_what_was_said() -> None:
    """"وعن طريقة السداد، أضافت … [: يبلغ سعر الوحدة …]": the cut at the colon left the speaker saying nothing."""
    source = (
        "وعن طريقة السداد، أضافت مي عبد الحميد، الرئيس التنفيذي لصندوق الإسكان الاجتماعي: "
        "يبلغ سعر الوحدة 197 ألف جنيه، ويتم سداد مقدم الحجز في مكاتب البريد."
    )
    bullet = "عن طريقة السداد، أضافت مي عبد الحميد، الرئيس التنفيذي لصندوق الإسكان الاجتماعي."
    assert "no_predicate" in [d.kind for d in integrity.check(bullet, [source])]


def test_a_stray_letter_left_by_a_cut_figure_is_no_opening() -> None:
    """"د و المخصص …": the splitter cut "م.د" (million dinars) from its figure."""
    assert "dateline" in kinds("د و المخصص لإعادة تمويل قروض الجدولة بقيمة تقدر بسبعين مليون دينار.")
    assert "dateline" not in kinds("و المخصص لإعادة تمويل قروض الجدولة بلغ سبعين مليون دينار.") - {"dangling_opening"}


def test_the_source_itself_or_the_official_himself_was_named_before() -> None:
    article = "قال مدير الصندوق محمد العربي إن الديون بلغت 198 مليون دينار. وقال المصدر ذاته إن الإدارة وضعت شروطا جديدة."
    bare = ["قال المصدر ذاته إن الإدارة العامة للصندوق وضعت شروطا جديدة لجدولة الديون المتخلدة."]
    assert [d.kind for d in integrity.introduced(bare, article)[0]] == ["referent"]
    thing = ["أطلقت الوزارة نموذجا لغويا مفتوح المصدر يحمل اسم نبط ويتاح مجانا للجامعات."]
    assert integrity.introduced(thing, "أطلقت الوزارة نموذجا لغويا مفتوح المصدر يحمل اسم نبط.") == [[]]


def test_a_demonstrative_before_a_noun_of_its_own_points_back_even_after_a_noun() -> None:
    """"في الموقع تلك العلامات": «تلك» opens its own phrase; "ورش العمل هذه" and an apposition after a comma do not."""
    article = "صور فريق العمل في الموقع تلك العلامات بطائرات مسيرة."
    assert [d.kind for d in integrity.introduced([article], article)[0]] == ["referent"]
    apposition = "تظل المطمورة، تلك الوسيلة العتيقة، الآلية الرئيسية لتخزين الحبوب لدى صغار الفلاحين."
    assert integrity.introduced([apposition], apposition) == [[]]


def test_a_speaker_named_by_his_role_alone_needs_the_role_in_full() -> None:
    article = "قال المتحدث باسم وزارة الصحة إن الإصابات تراجعت. وأشار المتحدث إلى أن المستشفيات استعادت طاقتها."
    bare = ["أشار المتحدث إلى أن المستشفيات الحكومية استعادت طاقتها الاستيعابية كاملة."]
    assert [d.kind for d in integrity.introduced(bare, article)[0]] == ["referent"]
    named = ["قال المتحدث باسم وزارة الصحة إن الإصابات تراجعت خلال الأسبوع الماضي.", *bare]
    assert integrity.introduced(named, article) == [[], []]


def test_a_relative_clause_after_a_role_says_what_the_speaker_does_not_who_he_is() -> None:
    """"أوضح المتحدث الذي يسيطر على 15 بالمائة …": which speaker? The article had named the importer."""
    article = (
        "قال المستورد كريم بلعيد إن القرار سيرفع الأسعار. "
        "وأوضح المتحدث الذي يسيطر على 15 بالمائة من سوق البذور أن الندرة ستبدأ في الصيف."
    )
    bare = ["أوضح المتحدث الذي يسيطر على 15 بالمائة من سوق البذور أن الندرة ستبدأ في الصيف المقبل."]
    assert [d.kind for d in integrity.introduced(bare, article)[0]] == ["referent"]
    firm = ["أعلنت الشركة التي تدير الميناء أن الأرصفة الجديدة ستفتح في الصيف المقبل."]
    assert integrity.introduced(firm, "أعلنت الشركة التي تدير الميناء أن الأرصفة الجديدة ستفتح.") == [[]]


def test_a_family_name_after_a_title_and_a_given_name_needs_the_full_name() -> None:
    """"المهندس وسام الحياري" first, then "كان الحياري قد تقدم باستقالته": who? («وسام» is in no list of names.)"""
    article = "قبل رئيس الوزراء استقالة وزير النقل المهندس وسام الحياري. وكان الحياري قد تقدم باستقالته أمس."
    bare = ["كان الحياري قد تقدم باستقالته عقب جلسة رقابية ساخنة في مجلس النواب حول تأخر المشروع."]
    assert [d.kind for d in integrity.introduced(bare, article)[0]] == ["referent"]
    named = ["قبل رئيس الوزراء استقالة وزير النقل المهندس وسام الحياري وكلف وزيرا آخر بالحقيبة.", *bare]
    assert integrity.introduced(named, article) == [[], []]


def test_an_indefinite_subject_left_in_the_accusative_before_its_verb_of_saying() -> None:
    """"مصدرا في الوزارة، طلب عدم ذكر اسمه، أكد …": a deleted «غير أن» governed it; "تزامنا مع …" is a frame."""
    assert "accusative_subject" in kinds("مصدرا في وزارة الزراعة، طلب عدم ذكر اسمه، أكد أن الحكومة رصدت غلافا إضافيا للمكافحة.")
    assert "accusative_subject" not in kinds("تزامنا مع الحملة، أكد الوزير أن الحكومة رصدت غلافا إضافيا لتمويل المكافحة.")
    assert "accusative_subject" not in kinds("حاليا، أكد الوزير أن الحكومة رصدت غلافا إضافيا لتمويل عمليات المكافحة.")


def test_another_speaker_leans_on_the_one_before() -> None:
    """"أضافت وليّة أخرى …"، "قال شاهد آخر …": another, after one the box has not told."""
    assert "dangling_opening" in kinds("قال شاهد آخر إن الحافلة كانت تسير بسرعة كبيرة قبل أن تنقلب على الطريق.")
    assert "dangling_opening" not in kinds("قال وزير الخارجية إن الاجتماع الآخر سيعقد الشهر المقبل بحضور الوفود.")


def test_there_is_with_its_subject_in_the_accusative_was_cut_from_anna() -> None:
    """"[وذكر أن] هناك جهدا كبيرا يبذل …": «هناك جهدٌ» stands alone, «هناك جهدًا» is what «أنّ» governed."""
    assert "accusative_subject" in kinds("هناك جهدا كبيرا يبذل من إدارات الموانئ لمواكبة التغيرات الاقتصادية.")
    assert "accusative_subject" not in kinds("هناك جهد كبير يبذل من إدارات الموانئ لمواكبة التغيرات الاقتصادية.")
    assert "accusative_subject" not in kinds("هناك مزايا كثيرة للقرار الجديد على المصدرين في الموانئ.")


def test_a_bullet_that_ends_on_this_lost_the_noun_it_pointed_at() -> None:
    assert "cut_phrase" in kinds("أوضح رئيس الغرفة أن المنافسة في الأسعار تتحكم في حركة الصادرات، موضحا في هذا.")
    assert "cut_phrase" not in kinds("حفرت الصين أول بئر للنفط في القرن الرابع الميلادي أو قبل ذلك.")


def test_an_anna_clause_whose_only_verb_describes_its_subject_lost_its_predicate() -> None:
    """"أن الضجة التي رافقت القرار[، من شأنها التشكيك …]": «رافقت» is the description's verb, not the clause's."""
    source = (
        "واعتبرت الجمعية في رسائلها إلى الوزيرين، أن الضجة الإعلامية التي رافقت قرار السلطات الروسية منع البطاطس، "
        "من شأنها التشكيك في جودة المنتجات الزراعية في الأسواق الخارجية."
    )
    bullet = "اعتبرت الجمعية في رسائلها إلى الوزيرين، أن الضجة الإعلامية التي رافقت قرار السلطات الروسية منع البطاطس."
    assert "no_predicate" in [d.kind for d in integrity.check(bullet, [source])]
    whole = "أكدت الوزارة أن الشركة التي فازت بالمناقصة بدأت أعمال الحفر في الموقع الشهر الماضي."
    assert "no_predicate" not in [d.kind for d in integrity.check(whole, [whole.replace("الماضي.", "الماضي، وفق بيان.")])]


def test_a_speaker_named_by_one_noun_needs_the_fuller_name_the_article_gave() -> None:
    """"أضاف الصندوق …" after "صندوق النقد الدولي", "أوضح المركزي …" after "البنك المركزي": which fund, which bank?"""
    article = "أبدى صندوق النقد الدولي قلقه من الوضع في تونس. وأضاف الصندوق أن المخاطر على الاقتصاد ازدادت."
    bare = ["أضاف الصندوق في ختام مهمة استغرقت 15 يوما أن المخاطر على الاقتصاد التونسي ازدادت."]
    assert [d.kind for d in integrity.introduced(bare, article)[0]] == ["referent"]
    named = ["أبدى صندوق النقد الدولي قلقه من الوضع الأمني والسياسي في تونس.", *bare]
    assert integrity.introduced(named, article) == [[], []]
    bank = "حذر البنك المركزي السوداني من مخاطر النقد. وأوضح المركزي أن البطاقات أكثر أمانا."
    assert integrity.introduced(["أوضح المركزي أن بطاقات الصراف الآلي أكثر أمانا من حمل النقد في الأسواق."], bank) != [[]]


def test_a_conjunction_glued_to_a_link_still_needs_a_sentence_before() -> None:
    assert "dangling_opening" in kinds("وإذ تؤكد الشركة أنها تسعى إلى مواكبة خطط الدولة للتنمية الاجتماعية والاقتصادية.")


def test_a_verb_of_saying_after_a_fronted_frame_needs_its_speaker() -> None:
    """"حول رؤيته للتعديلات، أكد أنها …": who? A subject put first ("وزارة التجارة، قالت إن") is no frame."""
    assert "dangling_opening" in kinds("حول رؤيته لأهمية التعديلات، أكد أنها ستساهم في جذب استثمارات جديدة للشركات.")
    assert "dangling_opening" not in kinds("وزارة التجارة الصينية، قالت في وقت سابق إن البلدين اتفقا على إلغاء الرسوم.")
    assert "dangling_opening" not in kinds("حول أهمية القرض، أكد وزير المالية أنه يحافظ على مستويات النمو المناسبة.")


def test_a_range_keeps_its_end() -> None:
    """"لتمر من 6،9 بالمائة، خلال جانفي[، إلى 7،5 بالمائة]": where the rise started, and not where it ended."""
    source = "وشهدت نسبة التضخم نسقا تصاعديا منذ بداية السنة لتمر من 6،9 بالمائة، خلال جانفي، إلى 7،5 بالمائة في ديسمبر."
    bullet = "شهدت نسبة التضخم نسقا تصاعديا منذ بداية السنة لتمر من 6،9 بالمائة، خلال جانفي."
    assert "list_cut" in [d.kind for d in integrity.check(bullet, [source])]
    aside = "وضبطت الجمارك أكثر من 40 طنا من الملابس المهربة خلال أسبوع، إلى جانب شحنات من الوقود."
    seized = "ضبطت الجمارك أكثر من 40 طنا من الملابس المهربة خلال أسبوع."
    assert "list_cut" not in [d.kind for d in integrity.check(seized, [aside])]


def test_a_figure_keeps_the_source_named_before_it() -> None:
    """"[وفق إحصائيات جمارك دبي،] بلغت قيمة التجارة 818.8 مليار درهم": one source's figure keeps its source."""
    source = "ووفق إحصائيات جمارك دبي التي نشرتها صحيفة محلية، فقد بلغت قيمة التجارة المباشرة 818.8 مليار درهم خلال العام."
    bullet = "بلغت قيمة التجارة المباشرة 818.8 مليار درهم خلال العام."
    assert "attribution" in [d.kind for d in integrity.check(bullet, [source])]
    pointing = "ووفقا له، فإن الصادرات بلغت 71 مليار كرونة في العام الماضي بفضل تربية السلمون."
    exports = "الصادرات بلغت 71 مليار كرونة في العام الماضي بفضل تربية السلمون."
    assert "attribution" not in [d.kind for d in integrity.check(exports, [pointing])]


def test_a_verb_of_saying_before_from_whose_side_has_no_speaker() -> None:
    assert "dangling_opening" in kinds("ذكر من جانب آخر بمذكرة التفاهم المبرمة خلال شهر فبراير الماضي بين الصندوق والاتحاد.")
    assert "dangling_opening" not in kinds("ذكر رئيس الصندوق من جانب آخر بمذكرة التفاهم المبرمة خلال شهر فبراير الماضي.")


def test_a_subject_chain_ending_on_a_pronoun_points_at_a_name_cut_before_it() -> None:
    """"[أعلنت أوبك أن] سعر سلة خاماتها تراجع …": whose crudes?"""
    assert "dangling_opening" in kinds("سعر سلة خاماتها تراجع 3 دولارات للبرميل ليصل إلى 57 دولارا للبرميل.")
    assert "dangling_opening" not in kinds("فضيحة مدوية كشفتها التحقيقات في صفقة توصيل طلبات المطاعم.")


def test_a_statement_that_went_on_from_the_sentence_before_keeps_leaning_on_it() -> None:
    """"وان وزير الصحة دعا …" continues "ويرى الخبير ان …": cut to "ان وزير الصحة دعا …" it reads as «إنّ», wrongly."""
    source = "وان وزير الصحة الأمريكي دعا لضرورة إعادة النظر في الحظر من اجل الضروريات المعيشية والاقتصادية."
    bullet = "ان وزير الصحة الأمريكي دعا لضرورة إعادة النظر في الحظر من اجل الضروريات المعيشية والاقتصادية."
    assert "dangling_opening" in [d.kind for d in integrity.check(bullet, [source])]
    announced = "أعلن الوزير أن الحكومة ستدعم المزارعين في الموسم المقبل."
    assert integrity.check(announced, ["و" + announced]) == []


def test_a_bullet_that_ends_on_the_source_of_the_next_clause_cut_that_clause() -> None:
    """"…، وبحسب بيان الشركة[، فإنه من المتوقع …]": «و» + a source leads into a clause; "…، بحسب الوكالة." closes one."""
    assert "cut_phrase" in kinds("أعلنت الشركة فوزها بعقد قيمته 41 مليون ريال ومدته ستة أشهر، وبحسب بيان الشركة على تداول.")
    assert "cut_phrase" not in kinds("أعلنت الشركة فوزها بعقد قيمته 41 مليون ريال ومدته ستة أشهر، بحسب بيان الشركة.")
    assert "cut_phrase" not in kinds("افتتح الرئيس المجمع الصناعي في العين السخنة، وطبقا لأعلى معدلات الجودة في العالم.")


def test_a_list_announced_is_given_whole_or_not_announced() -> None:
    """"للمشاريع الآتية: [مشروع …]" cut after one item misleads; "وجاءت كالتالي." promises what is not there."""
    source = "ووقع المحافظ اتفاقيات للمشاريع الآتية: مشروع مركز صحي بتكلفة مليون دينار، ومشروع تأهيل الطرق، ومشروع مدرسة."
    bullet = "وقع المحافظ اتفاقيات للمشاريع الآتية: مشروع مركز صحي بتكلفة مليون دينار."
    assert "list_cut" in [d.kind for d in integrity.check(bullet, [source])]
    assert "cut_phrase" in kinds("استقرت أسعار الذهب في السوق المحلية بعد تراجعها أمس وجاءت كالتالي.")
    assert "cut_phrase" not in kinds("عاد الوفد إلى القاهرة وبدأ جولة المفاوضات الثانية في اليوم التالي.")


def test_in_addition_to_the_above_needs_the_above() -> None:
    assert "dangling_opening" in kinds("بالإضافة لما سبق فاز من الموظفين كل من علي يوسف وأحمد رشوان بالمراكز الأولى.")
    assert "dangling_opening" in kinds("فمن جهة تتمثل التأثيرات الإيجابية في الاستفادة من قاعدة البيانات العلمية.")


def test_a_demonstrative_behind_a_preposition_still_points_back() -> None:
    """"بهذه المناسبة"، "لهذه الخطة": «ب/ل» glued to the demonstrative change nothing about what it names."""
    for bullet in (
        "بهذه المناسبة، أعرب رئيس الهيئة عن سروره بتوقيع العقد مع شركة المقاولات الوطنية.",
        "التنفيذ الكامل لهذه الخطة يهيئ البلاد للخروج من قائمة الدول الخاضعة للرقابة المالية.",
    ):
        assert [d.kind for d in integrity.introduced([bullet], "")[0]] == ["referent"]
    plan = "أقرت الحكومة خطة لمكافحة غسل الأموال، والتنفيذ الكامل لهذه الخطة يهيئ البلاد للخروج من قائمة الرقابة."
    assert integrity.introduced([plan], "") == [[]]
    deep = "قال رئيس الجمعية إن مشكل التصدير يتعلق بغياب خطة واضحة وإطار مسير لهذه التجارة الدولية."
    assert integrity.introduced([deep], "") == [[]]  # deep in its own sentence, the noun is that sentence's


def test_a_demonstrative_with_no_noun_after_it_stands_for_the_sentence_before() -> None:
    assert "dangling_opening" in kinds("نتيجة لذلك ستتضاعف كمية الإنتاج للوحدة مقارنة بمثيلاتها العاملة حاليا.")
    assert "dangling_opening" in kinds("تعد هذه أول مرة تسجل فيها البورصة خسائر بهذا الحجم منذ عقد.")
    assert "dangling_opening" not in kinds("سجلت البورصة هذا الأسبوع أكبر خسارة لها منذ عقد.")


def test_a_construct_chain_owned_by_a_pronoun_points_at_a_name_cut_before_it() -> None:
    assert "dangling_opening" in kinds("عدد زملائهم في العمل حاليا أقل مما كان عليه في العام الماضي.")
    assert "dangling_opening" not in kinds("زبائن أغلبهم من النساء يصطفون أمام المحلات في أول أيام التخفيضات.")


def test_a_heading_run_into_its_paragraph_leaves_the_verb_of_saying_without_its_speaker() -> None:
    assert "dangling_opening" in kinds("دور حيوي وأضاف أن مشاريع الشراكة ذات أهمية قصوى في تطوير البنية التحتية.")
    criticism = "وتنتقد منظمات حقوقية الاتفاق، وتقول إنه يحمل البلاد عبء حماية الحدود دون ضمانات كافية."
    assert "a heading glued" not in (integrity.stands_alone(criticism[1:]) or "")


def test_a_womans_surname_needs_her_full_name_earlier_in_the_box() -> None:
    article = (
        "صرحت نائبة المدير العام للبنك، أماني الورع، بأن الزيارة تأتي ضمن برنامج رمضان. "
        "وتابعت الورع أن البنك يدعم المبادرات."
    )
    later = "تابعت الورع أن البنك يدعم مبادرات التواصل مع مؤسسات المجتمع طوال الشهر."
    assert [d.kind for d in integrity.introduced([later], article)[0]] == ["referent"]


def test_a_quotation_in_single_quotes_is_kept_whole_or_not_at_all() -> None:
    """Many sites put '…' for every quotation: cut at its opening mark, the speaker's words run into the report."""
    source = (
        "وأضاف المسؤول في اتصال هاتفي 'سننتهي هذا الأسبوع من التفاصيل على أن تصل أولى الشحنات في الأسبوع المقبل' "
        "ورفض الخوض في تفاصيل المنح."
    )
    cut = "أضاف المسؤول أن تصل أولى الشحنات في الأسبوع المقبل' ورفض الخوض في تفاصيل المنح."
    assert "unbalanced" in kinds(cut, source)
    assert "unbalanced" not in kinds("ورفض المسؤول الخوض في تفاصيل المنح التي وعدت بها 'مجموعة الشركاء'.")
    assert "unbalanced" not in kinds("قال مدير شركة O'Neill للاستشارات إن الطلب على النفط سيرتفع في الربع المقبل.")


def test_an_aside_between_dashes_is_kept_whole_or_not_at_all() -> None:
    source = "وقال حجار - بحسب بيان للبنك اليوم السبت - إن شراكة البنك مع مصر أسفرت عن تمويلات بلغت 12.8 مليار دولار."
    assert "unbalanced" in kinds("قال حجار - إن شراكة البنك مع مصر أسفرت عن تمويلات بلغت 12.8 مليار دولار.", source)
    assert "unbalanced" not in kinds("قال حجار إن شراكة البنك مع مصر أسفرت عن تمويلات بلغت 12.8 مليار دولار.", source)
    prices = "وتراوح سعر الطن بين 9200 – 9700 جنيه في المصنع، وبين 9500 - 9900 جنيه للمستهلك."
    assert "unbalanced" not in kinds("تراوح سعر الطن بين 9200 – 9700 جنيه في المصنع.", prices)  # a range's dash


def test_a_long_frame_before_a_verb_of_saying_still_needs_the_speaker() -> None:
    bullet = "حول أبرز القطاعات التي مولها البنك في مصر؛ قال إن قطاع الطاقة يأتي في المقدمة بتسعة عشر مشروعا."
    assert "dangling_opening" in kinds(bullet)


def test_a_role_before_a_future_verb_is_a_bare_role() -> None:
    article = "أعلن رئيس شركة رايان إير أن الشركة ستفتح محطتين جديدتين في المغرب."
    bullet = "الشركة ستفتح محطتين جديدتين في فاس ومراكش خلال الربيع المقبل باستثمار قدره 210 ملايين دولار."
    assert [d.kind for d in integrity.introduced([bullet], article)[0]] == ["referent"]


def test_a_ministry_is_named_by_its_minister() -> None:
    """After "وزير التربية الوطنية", "الوزارة" is his ministry; with no minister named first, which ministry?"""
    minister = "أعلن وزير التربية الوطنية أن نسبة النجاح في امتحان البكالوريا بلغت 58.3 في المئة هذا العام."
    reform = "الوزارة ستشرع في إصلاح امتحان البكالوريا ابتداء من دورة 2028 بتقليص عدد المواد إلى ست مواد أساسية."
    assert integrity.introduced([minister, reform], "") == [[], []]
    assert [d.kind for d in integrity.introduced([reform], "")[0]] == ["referent"]


def test_hence_needs_what_came_before() -> None:
    assert "dangling_opening" in kinds("من هنا كان مؤتمر وزير البترول للإعلان عن استضافة مصر الدورة الخامسة عشرة للمعرض.")


def test_anna_followed_by_a_separate_pronoun_lost_its_subject() -> None:
    """"أن [اليوم الأربعاء] هو الموعد النهائي": «أنّ» takes a pronoun only as its suffix ("أنه")."""
    assert "stranded" in kinds("ذكرت الهيئة أن هو الموعد النهائي لتوثيق بيانات مشتركي خدمات الاتصالات المتنقلة.")
    assert "stranded" not in kinds("ذكرت الهيئة أن الأربعاء هو الموعد النهائي لتوثيق بيانات مشتركي خدمات الاتصالات.")


def test_a_bullet_does_not_address_the_reader() -> None:
    assert "first_person" in kinds("عليك أن تمنح المستخدمين الحد الأدنى من امتيازات الوصول للحفاظ على بيانات الشركة.")
    assert "first_person" not in kinds('قال الخبير إن "عليك أن تمنح المستخدمين الحد الأدنى من امتيازات الوصول".')


def test_a_participle_whose_root_ends_in_nun_is_no_we() -> None:
    """"معلنا" is "announcing" (root ع ل ن, with the accusative's «ا»), not a past verb with «نا»."""
    assert "first_person" not in kinds("أجرى بنك الخليج سحب الدانة الأسبوعي، معلنا أسماء الفائزين الخمسة بجوائز نقدية.")
    assert "first_person" in kinds("استلهمنا من تجارب الدول المجاورة سلمية الاحتجاج.")


def test_a_verb_before_this_and_a_noun_leaves_the_noun_to_the_box() -> None:
    """"يتيح هذا النظام": after a bullet that named the system it reads on; first in a box it points at nothing."""
    system = "أطلقت هيئة السوق المالية نظام الجمعيات الإلكتروني لمساعدة الشركات المدرجة على عقد اجتماعاتها."
    lets = "يتيح هذا النظام للشركات المدرجة تقديم طلب الدعوة لعقد اجتماع الجمعية وجدول أعمالها إلكترونيا."
    assert "dangling_opening" not in kinds(lets)
    assert integrity.introduced([system, lets], "") == [[], []]
    assert [d.kind for d in integrity.introduced([lets], "")[0]] == ["referent"]
    assert "dangling_opening" in kinds("يعني هذا زيادة نصيب المناطق النامية من نمو الاقتصاد العالمي.")


def test_as_follows_announces_a_list_and_a_frame_alone_is_no_clause() -> None:
    assert "cut_phrase" in kinds("جاءت قائمة أسعار العملات الصادرة عن البنك المركزي كما يلي.")
    assert "no_main_clause" in kinds("في إطار إنفاذ مشروع حصاد المياه في الولاية.")
    assert "no_main_clause" not in kinds("في إطار مشروع حصاد المياه، افتتح والي الولاية سدا جديدا.")


def test_a_cut_never_deletes_the_negation_of_what_it_keeps() -> None:
    """"إنه [لا يتوقع] أن تعقد أوبك اجتماعا": without «لا يتوقع» the bullet says the opposite."""
    source = "وقال الشيخ أحمد للصحفيين إنه لا يتوقع أن تعقد أوبك اجتماعا قبل اجتماعها القادم ما لم يحدث أمر استثنائي."
    assert "negation" in kinds("قال الشيخ أحمد أن تعقد أوبك اجتماعا قبل اجتماعها القادم ما لم يحدث أمر استثنائي.", source)
    assert "negation" not in kinds(
        "قال الشيخ أحمد إنه لا يتوقع أن تعقد أوبك اجتماعا قبل اجتماعها القادم ما لم يحدث أمر استثنائي.", source
    )


def test_a_remark_going_on_for_a_source_that_was_cut_has_no_speaker() -> None:
    source = "وحسب الوزير، فإن الحوار بين المنتجين يعتبر نجاحا كبيرا للجزائر، مصرحا أن الاقتراح لقي دعم السعودية وقطر وروسيا."
    cut = "الحوار بين المنتجين يعتبر نجاحا كبيرا للجزائر، مصرحا أن الاقتراح لقي دعم السعودية وقطر وروسيا."
    assert "attribution" in kinds(cut, source)


def test_a_condition_needs_what_follows_from_it() -> None:
    assert "no_main_clause" in kinds("في حال تعذر ذلك لأي سبب من الأسباب.")
    assert "no_main_clause" in kinds("إذا وافق البرلمان على القانون الجديد خلال دورته المقبلة.")
    assert "no_main_clause" not in kinds("إذا وافق البرلمان على القانون فسيبدأ العمل به الشهر المقبل.")
    assert "no_main_clause" not in kinds("في حال تعذر ذلك لأي سبب، تلغى الصفقة وتعاد الأموال إلى المكتتبين.")
    assert "no_main_clause" not in kinds("في حالة مرض الكبد الشديد تتراكم الأمونيا في الدم.")


def test_the_speakers_stance_after_his_words_needs_him() -> None:
    """"[كشف الوزير أن] الجهاز التنفيذي مقدم على …، خاصا بالذكر …، غير مستبعد …": whose stance?"""
    source = (
        "كشف وزير التجارة أن الجهاز التنفيذي مقدم على اتخاذ إجراءات لحماية القدرة الشرائية، "
        "غير مستبعد تدخل الحكومة لدعم سعر السكر."
    )
    cut = "الجهاز التنفيذي مقدم على اتخاذ إجراءات لحماية القدرة الشرائية، غير مستبعد تدخل الحكومة لدعم سعر السكر."
    assert "attribution" in kinds(cut, source)


def test_a_stance_shown_with_no_one_showing_it_leans_on_the_sentence_before() -> None:
    assert "dangling_opening" in kinds("أبدت استعداد البنك لتمويل عجز الموازنة في حال رغبت الحكومة في ذلك.")
    assert "dangling_opening" in kinds("أبدى رغبته في زيارة البلاد خلال الأشهر المقبلة لبحث التعاون.")
    assert "dangling_opening" not in kinds("أبدت ممثلة البنك استعداده لتمويل عجز الموازنة في حال رغبت الحكومة في ذلك.")


@pytest.mark.parametrize(("source", "bullet"), GOOD)
def test_passes_agrees_with_check_on_good_bullets_and_their_broken_forms(source: str, bullet: str) -> None:
    """The engine's short verdict is the full check's: no defect, or at least one."""
    assert integrity.passes(bullet, [source]) is True
    for kind, perturb in PERTURBATIONS.items():
        broken = perturb(bullet, [source])
        if broken is not None:
            text, sources = broken
            assert integrity.passes(text, sources) == (not integrity.check(text, sources)), kind


def test_a_closing_verb_of_saying_with_only_where_it_was_said_said_nothing() -> None:
    ending = "أفادت النائبة أن ملف السوق الموازية متجدد منذ سنة 2012، وأوضح المحافظ في آخر لقاء له معهم."
    assert "cut_phrase" in kinds(ending)
    assert "cut_phrase" not in kinds("قال وكيل الوزارة إن الحكومة لن تواصل دعم السلع، وأكد بقاء دعم الخبز مع مراجعته.")


def test_a_role_named_as_the_source_needs_the_role_in_full() -> None:
    """"طبقا للمتحدثة …": which spokeswoman? After "قالت المتحدثة باسم الوزارة" the box has said."""
    source = "طبقا للمتحدثة فإن الصرافين عادوا للنشاط في السوق رغم قرار الإزالة الصادر العام الماضي."
    assert [d.kind for d in integrity.introduced([source], "")[0]] == ["referent"]
    named = "قالت المتحدثة باسم وزارة المالية إن ملف السوق الموازية متجدد منذ سنوات."
    assert integrity.introduced([named, source], "") == [[], []]


def test_the_sector_points_back_only_as_the_bullets_subject() -> None:
    """"القطاع يقوم حاليا …": which sector? "… لتوطين القطاع، عملا بالقرار …" is the sector the sentence is about."""
    subject = "القطاع يقوم حاليا بتنفيذ المرحلة الأولى من آبار المراقبة العميقة بالتنسيق مع الجامعات."
    assert [d.kind for d in integrity.introduced([subject], "")[0]] == ["referent"]
    later = "تدعم وزارة العمل تأسيس 10 مجمعات اتصالات نسائية جديدة ضمن جهودها لتوطين القطاع، عملا بالقرار الوزاري."
    assert integrity.introduced([later], "") == [[]]


def test_an_institution_deep_in_its_own_sentence_is_the_one_it_named() -> None:
    rescue = (
        "قالت الحكومة الهولندية إنها ستقدم دعما قدره 3.4 مليارات يورو إلى الذراع الهولندية لإير فرانس، "
        "لتضع حدا لأشهر من الجدل مع فرنسا حول صفقة لإنقاذ الشركة، من أزمتها."
    )
    assert integrity.introduced([rescue], "") == [[]]
    assert [d.kind for d in integrity.introduced(["الشركة ستسرح ألف موظف من مصانعها هذا العام."], "")[0]] == ["referent"]


def test_a_role_with_its_adjective_after_a_source_preposition_says_which() -> None:
    bullet = "قال مندوب المملكة لدى الجامعة العربية إن الاتفاقيات تشمل ربطا كهربائيا بين البلدين."
    assert integrity.introduced([bullet], "") == [[]]


def test_a_verb_of_saying_with_its_preposition_or_object_straight_after_it_has_no_speaker() -> None:
    """"شدد على …"، "تطرق إلى …"، "لفت النظر إلى …"، "أعلن جاهزية …": the speaker is in the sentence before."""
    for bullet in (
        "شدد على أهمية أن تكون الصناعات التحويلية قاطرة النمو في البلاد خلال العقد المقبل.",
        "تطرق إلى موضوع النمو في البلاد مبرزا أن تحقيق نسبة خمسة في المئة يبقى صعبا.",
        "لفت النظر إلى أن من بين عوائق الاستثمار اليوم ضعف البنية التحتية في المناطق الداخلية.",
        "أعلن جاهزية وزارته لتذليل كافة المعوقات التي تعترض مشروع الري في الولاية.",
    ):
        assert "dangling_opening" in kinds(bullet), bullet
    assert "dangling_opening" not in kinds("شدد وزير الصناعة على أهمية الصناعات التحويلية في تحقيق النمو.")
    assert "dangling_opening" not in kinds("أعلنت الحكومة جاهزيتها لتذليل المعوقات التي تعترض مشروع الري.")


def test_a_one_noun_speaker_before_ila_still_needs_its_fuller_name() -> None:
    """"أشار المركزي إلى أن …": «إلى» opens what he said, it says nothing of which bank."""
    article = "قال البنك المركزي التونسي إن التضخم ارتفع. وأشار المركزي إلى أن الاحتياطي تراجع."
    bullet = "أشار المركزي إلى أن احتياطي العملة الصعبة تراجع إلى 80 يوما من التوريد."
    assert [d.kind for d in integrity.introduced([bullet], article)[0]] == ["referent"]


def test_a_role_before_a_past_verb_is_bare() -> None:
    """"الهيئة وافقت …"، "الشركة بدأت …": which authority, which company? («بدأت» folds to a plural's shape.)"""
    for bullet in (
        "الهيئة وافقت على تخصيص 200 فدان لتنفيذ وحدات سكنية ضمن مبادرة الشعبة.",
        "الشركة بدأت في الانطلاق نحو إنتاج الطاقة المتجددة بعدد من المشاريع الجديدة.",
    ):
        assert [d.kind for d in integrity.introduced([bullet], "")[0]] == ["referent"], bullet
    named = "أعلنت الشركة السعودية للكهرباء خطة جديدة لتطوير شبكة النقل."
    later = "الشركة بدأت في الانطلاق نحو إنتاج الطاقة المتجددة بعدد من المشاريع الجديدة."
    assert integrity.introduced([named, later], "") == [[], []]


def test_a_project_or_statement_opening_a_bullet_bare_needs_its_name() -> None:
    """"يهدف المشروع إلى …"، "أوضح البلاغ أن …": which project, which statement? Its adjective says which.

    Asked only of what the article names in full: where it only ever says "الوزارة", the box cannot do better.
    """
    article = (
        "وافق الاتحاد الأوروبي على مشروع الربط الكهربائي. وذكرت المجموعة في بلاغ لها أن المشروع يهدف إلى تذليل العقبات."
    )
    for bullet in (
        "يهدف المشروع إلى تذليل العقبات أمام تطوير أسواق خاصة للطاقة المتجددة في المنطقة.",
        "أوضح البلاغ أن الطموح المتجدد يتمثل في ضمان بيئة عمل تتماشى مع المعايير الدولية.",
        "اختص الاتحاد تونس بمشروعه الثاني من سلسلة المشاريع الأربعة الجديدة.",
    ):
        assert [d.kind for d in integrity.introduced([bullet], article)[0]] == ["referent"], bullet
    vague = "قال إن الوزارة والمشروع والاتحاد …"
    assert integrity.introduced(["يهدف المشروع إلى تذليل العقبات أمام تطوير أسواق الطاقة المتجددة."], vague) == [[]]
    for bullet in (
        "أعلن الاتحاد الأوروبي تخصيص 800 مليون يورو لمشروعات الطاقة المتجددة.",
        "قال المتحدث باسم الحرس الوطني إن 41 مهاجرا لقوا حتفهم قبالة صفاقس.",
        "وعد المقاول المسؤول عن تنفيذ المشروع بأن يتم إنجاز المستشفى في أسرع وقت.",
    ):
        assert integrity.introduced([bullet], article) == [[]], bullet
    named = "أطلقت الحكومة مشروع الربط الكهربائي مع الأردن بكلفة 500 مليون دولار."
    later = "يهدف المشروع إلى تبادل 300 ميغاوات بين البلدين في أوقات الذروة."
    assert integrity.introduced([named, later], article) == [[], []]


def test_a_given_name_the_article_used_as_a_surname_needs_the_full_name() -> None:
    """"سعيد طه" first, then "وقال طه": «طه» is his family name here, and alone after a verb of saying, who?"""
    article = "قال رئيس الشعبة، سعيد طه، إن الشعبة أعدت مشروعا للتدريب. وقال طه، إن تسهيل التراخيص سيحقق عائدا."
    later = "قال طه، إن تسهيل إصدار التراخيص لمحال التجميل سيحقق عائدا كبيرا لخزينة الدولة."
    assert [d.kind for d in integrity.introduced([later], article)[0]] == ["referent"]
    first = "قال رئيس الشعبة سعيد طه إن الشعبة أعدت مشروعا لتدريب الشباب على المهنة."
    assert integrity.introduced([first, later], article) == [[], []]
    # a given name elsewhere is no surname: "طه حسين" as the subject of his own sentence
    assert integrity.introduced(["أصدر طه حسين كتابه الأول في القاهرة عام 1926."], article) == [[]]
    # and a verb on the next line after a surname is no name: "… أحمد قطان\nوقعت المملكة …"
    signing = "حضر السفير أحمد قطان\nوقعت المملكة ومصر ثلاث اتفاقيات للربط الكهربائي."
    assert integrity.introduced(["وقعت المملكة ومصر ثلاث اتفاقيات للربط الكهربائي بين البلدين."], signing) == [[]]


def test_the_same_source_is_the_one_an_earlier_bullet_quoted() -> None:
    """"ذكر المصدر ذاته …" after "أعلنت مديرية الخزينة أن …" reads whole; after an unattributed fact it points at nothing."""
    later = "ذكر المصدر ذاته بأن الاحتياجات المتوقعة للخزينة لشهر سبتمبر همت المبلغ نفسه."
    bare = "الاحتياجات المتوقعة للخزينة لشهر أكتوبر تتراوح بين 8 و8.5 مليار درهم."
    assert [d.kind for d in integrity.introduced([bare, later], "")[1]] == ["referent"]
    quoted = "أعلنت مديرية الخزينة أن الاحتياجات المتوقعة لشهر أكتوبر تتراوح بين 8 و8.5 مليار درهم."
    assert integrity.introduced([quoted, later], "") == [[], []]


def test_to_me_after_a_verb_of_saying_is_first_person() -> None:
    """"أكد لي أن …": the writer's own interview; «لي» elsewhere may be a name ("لي كه تشيانغ")."""
    assert integrity.first_person("أكد لي أن هناك وعيا متزايدا بأهمية تراث اليمن المخطوط.") is not None
    assert integrity.first_person("استقبل رئيس الوزراء الصيني لي كه تشيانغ وفدا مصريا في بكين.") is None


def test_a_verb_of_saying_followed_only_by_asides_lost_what_it_brought_out() -> None:
    """"أبرز المدير، خلال اجتماع …، على هامش …، [الاستقلالية المؤسساتية …]": the object was the tail that was cut."""
    source = (
        "أبرز المدير ستيفان شوينفست، خلال اجتماع مع المندوب السامي للتخطيط، على هامش الاجتماع الحادي عشر للفريق، "
        "الذي ينعقد في الرباط، الاستقلالية المؤسساتية للمندوبية في وضع برامجها."
    )
    bullet = (
        "أبرز المدير ستيفان شوينفست، خلال اجتماع مع المندوب السامي للتخطيط، على هامش الاجتماع الحادي عشر للفريق، "
        "الذي ينعقد في الرباط."
    )
    assert "no_predicate" in [d.kind for d in integrity.check(bullet, [source])]
    # what was brought out is kept: "كشفت البيانات عن تراجع …، [حيث …]"
    source = "كشفت بيانات حديثة عن تراجع تصفية صناديق التحوط في الربع الثاني، حيث شهد الربع تصفية 292 صندوقا."
    bullet = "كشفت بيانات حديثة عن تراجع تصفية صناديق التحوط في الربع الثاني."
    assert integrity.check(bullet, [source]) == []


def test_a_noun_in_construct_never_ends_a_cut_without_the_noun_it_is_of() -> None:
    """"… ما هو الدعم، وحقيقة [الأمر أن الدعم يعني …]": «وحقيقة» is half a phrase."""
    source = "لا يعي البعض ما هو الدعم، وحقيقة الأمر أن الدعم يعني تدخل الحكومة لتخفيض أسعار السلع."
    assert "stranded" in [d.kind for d in integrity.check("لا يعي البعض ما هو الدعم، وحقيقة.", [source])]
    assert integrity.check("لا يعي البعض ما هو الدعم.", [source]) == []


def test_a_cut_never_drops_the_exception_of_a_negation_it_keeps() -> None:
    """"لا يعتد بأي وكالة جديدة …، [والأمر القضائي إلا بعد إنهاء الخلاف]": without «إلا» the bullet says never."""
    source = "وأكد المحامي أنه لا يعتد بأي وكالة جديدة للعلامة في مصر، إلا بعد إنهاء الخلاف القائم مع الوكيل القديم."
    bullet = "أكد المحامي أنه لا يعتد بأي وكالة جديدة للعلامة في مصر."
    assert "negation" in [d.kind for d in integrity.check(bullet, [source])]
    # an «إلا» far into the tail belongs to a clause of its own
    source = "وأكد المحامي أن الشركة لم تتلق أي عرض جديد للعلامة، وأن المفاوضات مع الوكيل ستستأنف الأسبوع المقبل إلا إذا تأجلت."
    assert integrity.check("أكد المحامي أن الشركة لم تتلق أي عرض جديد للعلامة.", [source]) == []


def test_a_price_table_flattened_into_a_line_is_no_sentence() -> None:
    """"عيار 18 سجل 587 جنيها للجرام عيار 21 سجل 685 جنيها للجرام …": rows with nothing joining them."""
    table = "أسعار الذهب اليوم: عيار 18 سجل 587 جنيها للجرام عيار 21 سجل 685 جنيها للجرام عيار 24 سجل 782 جنيها للجرام."
    assert "heading" in kinds(table)
    # figures a sentence joins, or one unit said thrice, read as prose
    joined = "سجل عيار 18 نحو 587 جنيها للجرام، وعيار 21 نحو 685 جنيها للجرام، وعيار 24 نحو 782 جنيها للجرام."
    assert "heading" not in kinds(joined)
    volume = "بلغت التداولات 160 مليون سهم عبر 5695 صفقة بقيمة 17 مليون دينار (نحو 56 مليون دولار)."
    assert "heading" not in kinds(volume)


def test_the_next_speakers_turn_inside_a_bullet_is_two_sentences_run_together() -> None:
    """"… تعد مجازفة من جهتها أكدت ريم محجوب …": the full stop before «من جهتها» was lost."""
    assert "heading" in kinds("قال الوزير إن الخروج إلى السوق الآن يعد مجازفة من جهتها أكدت النائبة أن التأجيل ضروري.")
    assert "heading" not in kinds("أعرب وزير المالية من جهته عن ارتياحه لنتيجة اللقاء مع رؤساء المؤسسات الوطنية.")


def test_a_bullet_never_ends_on_the_word_that_singles_out_what_follows() -> None:
    """"…، خاصة [منها الكهرباء]." stops before what it singled out; "بصفة خاصة." ends its phrase."""
    assert "cut_phrase" in kinds("شملت الإجراءات الحكومية الجديدة عدة قطاعات اقتصادية، خاصة.")
    assert "cut_phrase" in kinds("شملت الإجراءات الحكومية الجديدة عدة قطاعات اقتصادية وخصوصا.")
    assert "cut_phrase" not in kinds("اهتمت الحكومة بالقطاع الزراعي في خطتها الجديدة بصفة خاصة.")


def test_what_comes_next_in_a_list_leans_on_the_list_before_it() -> None:
    """"يليهم في القائمة مخاليط المواد العطرية …": followed by whom? The list's head was in the sentence before."""
    assert "dangling_opening" in kinds("يليهم في القائمة مخاليط المواد العطرية ثم محضرات التنظيف والأسلاك النحاسية.")
    assert "dangling_opening" in kinds("تليها في الترتيب الإمارات بنسبة 12 في المائة من إجمالي الصادرات غير النفطية.")


def test_a_verb_of_saying_straight_before_to_whom_has_no_speaker() -> None:
    """"أكد لوكالة الأنباء أن …"، "قال للصحفيين إن …": who did? A name that begins with «ل» is the speaker."""
    assert "dangling_opening" in kinds("أكد لوكالة السودان للأنباء أن المساحات المزروعة بلغت مليون فدان هذا الموسم.")
    assert "dangling_opening" in kinds("قال للصحفيين إن الحكومة ستعلن خطتها الجديدة غدا بعد اجتماع مجلس الوزراء.")
    assert "dangling_opening" not in kinds("قالت لاغارد في مقابلة مع صحيفة ألمانية إن خروج اليونان من منطقة اليورو ممكن.")


def test_we_can_and_we_are_pleased_are_first_person() -> None:
    """"أنه يمكننا تحقيق المشروع"، "يسعدنا استضافة الاجتماعات": the speaker's own words, outside their quotation."""
    assert integrity.first_person("أوضح رئيس الجمعية أنه يمكننا تحقيق المشروع وتوفير الموارد المالية اللازمة.") is not None
    assert integrity.first_person("قالت الوزيرة إنه يسعدنا استضافة الاجتماعات السنوية للبنك في شرم الشيخ.") is not None


def test_a_verb_of_rising_keeps_the_figure_it_moved_by() -> None:
    """"… ليرتفع بذلك عدد السياح المغاربة [الذين توافدوا على المدينة بمعدل 4.3 في المائة]": risen by how much?"""
    source = (
        "احتل السياح المغاربة الصدارة بما مجموعه 339 ألف سائح، ليرتفع بذلك عدد السياح المغاربة الذين توافدوا "
        "على المدينة بمعدل 4.3 في المائة."
    )
    bullet = "احتل السياح المغاربة الصدارة بما مجموعه 339 ألف سائح، ليرتفع بذلك عدد السياح المغاربة."
    assert "stranded" in [d.kind for d in integrity.check(bullet, [source])]
    # the figure kept, or none in what was cut, reads whole
    kept = "ارتفع عدد السياح الوافدين على المدينة بمعدل 4.3 في المائة خلال الشهور الماضية"
    assert integrity.check(kept + ".", [kept + "، بحسب أرقام المجلس الجهوي للسياحة 2017."]) == []
    source = "ارتفعت أسعار النفط في التعاملات الآجلة اليوم، وسط توقعات بتراجع المخزونات الأمريكية."
    assert integrity.check("ارتفعت أسعار النفط في التعاملات الآجلة اليوم.", [source]) == []


def test_a_source_word_may_lose_what_and_the_verb_of_saying_but_not_its_source() -> None:
    """"بحسب [ما أعلنته] مديرية الصحة" is the short form of attribution; "بحسب [مديرية] الصحة" strands «بحسب»."""
    source = "أصيب 27 راكبا إثر خروج أربع عربات من القطار عن القضبان، بحسب ما أعلنته مديرية الصحة بالمحافظة."
    assert integrity.check("أصيب 27 راكبا إثر خروج أربع عربات من القطار عن القضبان، بحسب مديرية الصحة بالمحافظة.", [source]) == []
    assert integrity.check("أصيب 27 راكبا إثر خروج أربع عربات من القطار عن القضبان، بحسب الصحة بالمحافظة.", [source])


def test_a_speaker_before_a_quotation_is_no_dateline() -> None:
    """"مديرة البرنامج: «…»." is an interview's answer given to its speaker; "القاهرة: …" before a sentence is a label."""
    answer = "مديرة برنامج «لقمة الصباح»: «بعض الأطفال يصلون إلى الصف دون أن يأكلوا شيئا منذ الليلة السابقة»."
    assert integrity.check(answer) == []
    assert "dateline" in kinds("القاهرة: «وافق البرلمان» على الموازنة العامة للدولة بأغلبية كبيرة من النواب.")


def test_which_suggests_leans_on_the_clause_before_it() -> None:
    """"ما يرجح أن اللصوص …" is the tail of "الخزنة لم تتعرض للكسر، ما يرجح …": suggests on what grounds?"""
    assert "dangling_opening" in kinds("ما يرجح ان اللصوص كانوا على علم بالرمز السري أو استعانوا بشخص من داخل الفندق.")


def test_a_preposition_before_a_demonstrative_points_back_unless_it_dates_the_fact() -> None:
    """"في هذه المياه عاشت …": which waters? "في هذا العام" dates the fact and reads alone."""
    assert "dangling_opening" in kinds("في هذه المياه عاشت سلحفاة بحرية كبيرة كشف فريق بحثي من الجامعة عن بقاياها.")
    assert "dangling_opening" in kinds("من هذه الزاوية يرى الخبراء أن الأزمة الاقتصادية ستستمر لسنوات طويلة قبل أن تنفرج.")
    assert "dangling_opening" not in kinds("في هذا العام سجلت البلاد أعلى معدل للأمطار منذ عقدين بحسب بيانات الأرصاد.")


def test_a_given_name_after_a_compound_given_name_is_the_family_name() -> None:
    """"عوض الله إدريس المدير العام …" then "وقال إدريس": «إدريس» is his family name, and alone it names no one."""
    article = "وقال عوض الله إدريس المدير العام لوزارة الصحة بالولاية إن المستشفيات تستقبل الحالات. وقال إدريس إن الوضع مستقر."
    bare = "قال إدريس إن معدل الوفيات بين المصابين لا يزال في الحدود المتوقعة حتى الآن."
    assert [d.kind for d in integrity.introduced([bare], article)[0]] == ["referent"]
    named = "قال عوض الله إدريس المدير العام لوزارة الصحة بالولاية إن المستشفيات تستقبل الحالات."
    assert integrity.introduced([named, bare], article) == [[], []]


def test_a_man_a_feature_quotes_is_someone_the_box_must_introduce() -> None:
    """"…"، يقول الرجل بنبرة حائرة: which man? The scene that introduced him opened the article, not the box."""
    article = "لم يكن عبد الرحيم، عامل البناء، يتوقع أن يدفع ثلاثة دراهم. قال لي صاحب المخبزة إن كل شيء ارتفع، يقول الرجل."
    quoted = '"قال لي صاحب المخبزة إن كل شيء ارتفع، ولم يشرح أكثر"، يقول الرجل بنبرة حائرة وهو يحمل خبزتين.'
    assert [d.kind for d in integrity.introduced([quoted], article)[0]] == ["referent"]
    reached = "وصلت المرأة إلى منصب رئاسة الحكومة لأول مرة في تاريخ البلاد بعد تصويت البرلمان."
    assert integrity.introduced([reached], article) == [[]]


def test_a_family_name_after_a_lineage_is_a_surname() -> None:
    """"خالد بن مبارك الشنفري" then "وأشار الشنفري": «الشنفري» alone names no one the box has introduced."""
    article = "وقال الرئيس التنفيذي للشركة المهندس خالد بن مبارك الشنفري إن الطراز الجديد أوفر. وأشار الشنفري إلى التمويل."
    bare = "أشار الشنفري إلى أن الصفقة ستمول عبر مزيج من القروض المصرفية واتفاقيات البيع وإعادة الاستئجار."
    assert [d.kind for d in integrity.introduced([bare], article)[0]] == ["referent"]


def test_a_government_no_bullet_has_named_is_a_role_to_introduce() -> None:
    """"الحكومة تعمل على …": which government? After "أعلن وزير الداخلية الجزائري أن الحكومة …" the box has said."""
    article = "كشف وزير السياحة الجزائري أن الحكومة تعمل على رفع عدد السياح إلى أربعة ملايين بحلول عام 2030."
    bare = "الحكومة تعمل على رفع عدد السياح الأجانب إلى أربعة ملايين سائح سنويا بحلول عام 2030."
    assert [d.kind for d in integrity.introduced([bare], article)[0]] == ["referent"]
    said = "كشف وزير السياحة الجزائري أن الحكومة تعمل على رفع عدد السياح إلى أربعة ملايين بحلول عام 2030."
    assert integrity.introduced([said], article) == [[]]
    ministry = "أعلنت وزارة السياحة الجزائرية أن الحكومة تعمل على رفع عدد السياح إلى أربعة ملايين بحلول عام 2030."
    assert integrity.introduced([ministry], article) == [[]]  # a ministry is the government's


def test_with_this_points_back() -> None:
    assert "dangling_opening" in kinds("بهذه النتيجة يرفع الملاكم سجله الاحترافي إلى 23 انتصارا دون أي هزيمة منذ بداية مسيرته.")


def test_the_third_point_of_a_count_leans_on_the_first_two() -> None:
    assert "dangling_opening" in kinds("ثالثا، لا بد من إعادة النظر في أسعار المياه الموجهة للري في المناطق الداخلية.")


def test_what_we_did_is_first_person_even_when_the_verb_is_a_noun_too() -> None:
    """«رصدنا»: «رصد» is a verb and a noun (monitoring), and "we monitored" is still the speaker's "we"."""
    assert "first_person" in kinds("العام الماضي رصدنا 17 حالة صيد جائر داخل المحمية وحولها.")
    assert "first_person" in kinds("وضبطنا تسع مركبات وست بنادق خلال الحملة الأخيرة في المحمية.")


def test_a_noun_of_nun_in_the_accusative_a_firm_and_a_set_phrase_of_time_are_no_we() -> None:
    assert "first_person" not in kinds("بقي الحصن قائما حتى يومنا هذا رغم الزلازل التي ضربت المنطقة.")
    assert "first_person" not in kinds("احتج الناشطون أمام مبنى شركة مياهنا على رفع تعرفة المياه المنزلية.")
    assert "first_person" not in kinds("دفع المستثمر ثمنا باهظا للصفقة بعد أن وجد وطنا جديدا لشركته.")


def test_a_line_the_box_will_quote_may_say_what_we_did_but_not_narrate() -> None:
    """An interview's answer goes in quotation marks after its speaker: «رصدنا 17 حالة» is then the speaker's fact."""
    source = "العام الماضي رصدنا 17 حالة صيد جائر داخل المحمية وحولها."
    assert not integrity.passes(source, [source])
    assert integrity.passes(source, [source], spoken=True)
    narrated = "وأنا أمشي كل صباح على الكورنيش أحصي ما تلفظه الأمواج على الصخور."
    assert not integrity.passes(narrated, [narrated], spoken=True)


def test_a_second_that_clause_keeps_the_first_that_it_is_joined_to() -> None:
    source = "وحسب مصادر محلية فإن المبنى كانت تقطنه ثلاث أسر، وأن الضحايا سيدة وابنتها وطفلان لم يتجاوزا العاشرة."
    assert "stranded" in kinds("المبنى كانت تقطنه ثلاث أسر، وأن الضحايا سيدة وابنتها وطفلان لم يتجاوزا العاشرة.", source)
    assert "stranded" not in kinds(source.removeprefix("و"), source)
    joined_to_a_noun = "أكد الوزير التزام الحكومة بالإصلاح، وأن الإجراءات ستستمر حتى نهاية العام الحالي."
    assert kinds(joined_to_a_noun, joined_to_a_noun) == set()


def test_a_time_in_construct_keeps_the_word_it_governs_after_and() -> None:
    source = "وسجلت محطات رصد خاصة مساء أمس وفجر اليوم الأربعاء أدنى درجات حرارة منذ بداية الموسم."
    assert "stranded" in kinds("سجلت محطات رصد خاصة مساء أمس وفجر أدنى درجات حرارة منذ بداية الموسم.", source)
    assert "stranded" in kinds("سجلت محطات رصد خاصة مساء أمس وفجر.", source)


def test_a_clause_of_while_keeps_the_clause_that_answers_it() -> None:
    source = (
        "ودخل اللاعب الجولة الأخيرة متساويا في الصدارة مع منافسه المصري، وبينما انتهت مباراة المصري بالتعادل "
        "بعد 31 نقلة، حسم اللاعب مواجهته أمام الأردني في 54 نقلة."
    )
    cut = "دخل اللاعب الجولة الأخيرة متساويا في الصدارة مع منافسه المصري، وبينما انتهت مباراة المصري بالتعادل بعد 31 نقلة."
    assert "no_main_clause" in kinds(cut, source)
    assert "no_main_clause" not in kinds("دخل اللاعب الجولة الأخيرة متساويا في الصدارة مع منافسه المصري.", source)
    whereas = "ارتفعت صادرات الفوسفات بنسبة 12 في المئة، بينما تراجعت صادرات الحمضيات إلى أدنى مستوى لها منذ عقد."
    assert kinds(whereas, whereas + " وعزا التقرير ذلك إلى الجفاف.") == set()


def test_a_family_name_after_a_given_name_only_the_dictionary_knows_is_a_surname() -> None:
    """«سنية» is on no hand-written list; the dictionary knows it as a name, so «الفرشيشي» after it is her family's."""
    article = (
        "وأوضحت المديرة العامة للمكتبة الوطنية، سنية الفرشيشي، أن المخطوطات المرقمنة تمثل 12 بالمئة من الرصيد. "
        "وبينت الفرشيشي أن نحو 700 مخطوط خضعت للترميم."
    )
    box = ["بينت الفرشيشي أن نحو 700 مخطوط خضعت لعمليات ترميم دقيقة قبل تصويرها في مخبر المكتبة."]
    assert [d.kind for d in integrity.introduced(box, article)[0]] == ["referent"]
    assert integrity.introduced(["أكدت سنية الفرشيشي أن 700 مخطوط خضعت لعمليات ترميم دقيقة قبل تصويرها."], article) == [[]]


def test_went_on_that_opens_a_bullet_without_its_speaker() -> None:
    """"تابع أن …" reports for a speaker named before; "تابع الوزير سير العمل" follows something up."""
    assert "dangling_opening" in kinds("تابع أن فرق الإنقاذ انتشلت سبع جثث بينها ثلاثة أطفال من تحت الأنقاض.")
    assert kinds("تابع الوزير سير العمل في مشروع الطريق الدائري الجديد خلال زيارة ميدانية للموقع.") == set()


def test_a_that_clause_cut_inside_the_aside_on_its_subject_lost_its_predicate() -> None:
    source = (
        "وأضاف المسؤول أن الزوارق أجلت جميع الركاب خلال ساعتين، وأن عمليات البحث عن البحار المفقود، "
        "وهو عضو في طاقم العبارة يبلغ من العمر 34 عاما، متواصلة بمشاركة مروحية عسكرية."
    )
    cut = (
        "أضاف المسؤول أن الزوارق أجلت جميع الركاب خلال ساعتين، وأن عمليات البحث عن البحار المفقود، "
        "وهو عضو في طاقم العبارة يبلغ من العمر 34 عاما."
    )
    assert "no_predicate" in kinds(cut, source)
    assert "no_predicate" not in kinds("أضاف المسؤول أن الزوارق أجلت جميع الركاب خلال ساعتين.", source)


def test_a_run_of_scores_keeps_its_last() -> None:
    """"بواقع 6-4 و3-6[ و7-5]": without the deciding set the final reads as lost."""
    source = "وفاز اللاعب في المباراة النهائية على منافسه بمجموعتين مقابل مجموعة بواقع 6-4 و3-6 و7-5، في مواجهة استمرت ساعتين."
    won = "فاز اللاعب في المباراة النهائية على منافسه بمجموعتين مقابل مجموعة بواقع"
    assert "list_cut" in kinds(f"{won} 6-4 و3-6.", source)
    assert "list_cut" not in kinds(f"{won} 6-4 و3-6 و7-5.", source)


def test_a_companys_legal_form_in_single_letters_is_no_full_stop_inside() -> None:
    """"(ش.م.ع.ع)" abbreviates an Omani public company; "الأرض.وقال" is two sentences run together."""
    assert kinds("أدرجت بورصة مسقط أسهم شركة الوادي الأخضر للصناعات الغذائية (ش.م.ع.ع) في السوق الرئيسية.") == set()
    assert "cut_phrase" in kinds("اهتزت الأرض.وقال الوزير إن فرق الإنقاذ وصلت إلى القرى المتضررة في الجبال.")


def test_a_concession_keeps_the_clause_it_concedes_to() -> None:
    source = (
        "على الرغم من الانتفاضة التي قدمها لاعبوه في الربع الأخير وتقليصهم الفارق إلى ثلاث نقاط، "
        "لم يتمكن فريق الأنوار من تفادي الخسارة التي جاءت بنتيجة 84-78."
    )
    frame = "على الرغم من الانتفاضة التي قدمها لاعبوه في الربع الأخير وتقليصهم الفارق إلى ثلاث نقاط."
    assert "no_main_clause" in kinds(frame, source)
    assert "no_main_clause" not in kinds(source, source)


def test_a_source_word_before_to_whom_it_was_said_is_stranded() -> None:
    """"بحسب [ما قال] للزوار": «للزوار» is who heard it, not the source."""
    source = "واستغرق العمل على اللوحة أربعة أشهر، بحسب ما قال للزوار."
    assert "stranded" in kinds("استغرق العمل على اللوحة أربعة أشهر، بحسب للزوار.", source)
    said = "وارتفع عدد الإصابات إلى 412 حالة، بحسب ما أعلنته الوزارة."
    assert kinds("ارتفع عدد الإصابات إلى 412 حالة، بحسب الوزارة.", said) == set()


def test_a_while_clause_that_holds_its_answer_stands_alone() -> None:
    """"بينما …، كان المسعف يقضي …" is one whole sentence; "بينما تراجعت الأسعار …" alone answers a sentence before it."""
    assert kinds("بينما كانت العائلات تتنقل بين البيوت خلال عطلة العيد، كان المسعف يقضي ساعات مناوبته الطويلة.") == set()
    assert "dangling_opening" in kinds("بينما تراجعت أسعار النفط في الأسواق العالمية خلال الأسبوع الماضي بنسبة كبيرة.")


def test_a_that_clause_cut_inside_a_verbal_aside_on_its_subject_lost_its_predicate() -> None:
    source = "وقالت الوزارة إنها شكلت غرفة عمليات لتأمين المعتمرين، مشيرة إلى أن الدفعة الأولى، وتضم عشرات المعتمرين، ستصل غدا."
    cut = "قالت الوزارة إنها شكلت غرفة عمليات لتأمين المعتمرين، مشيرة إلى أن الدفعة الأولى، وتضم عشرات المعتمرين."
    assert "no_predicate" in kinds(cut, source)
