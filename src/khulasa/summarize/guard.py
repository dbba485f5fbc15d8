"""The faithfulness guard: every engine's bullets are checked against the article.

A summary box that states a wrong number or a name the article never
mentions is worse than no box, and a language model will sometimes do both.
So before a summary leaves the summarize stage, each bullet's numbers
(digits and number words, as values), dates (month and weekday names,
years) and names must be found in the article; the bullets must be in count
and length bounds, mostly Arabic script, and not repeat each other.

Names are found without a name tagger: a bullet word is *supported* when
the article holds the same word after normalization and clitic stripping
(و ف ب ل ال س), the same light stem, the same verb without its imperfect
prefix (يحذر ~ حذروا), or a word of the same three-letter root by a
derivational template (يموّل ~ التمويل, محذرا ~ حذر). A word that is none
of these is treated as a name or term the article does not contain, unless
it is an everyday word: on the hand-written list (``COMMON_WORDS``), a
particle or pronoun with its clitics (فيها, وهي, بعدما: :func:`is_function_word`),
or, when the extra ``lexicon`` is installed (and ``guard_dictionary`` is on), a
dictionary verb, participle or adjective that is no name (:func:`is_vocabulary`, from
:mod:`khulasa.summarize.lexicon`). Names stay strict: a word that reads as a
known country, city, person or people (:func:`is_name`) never counts as
vocabulary, and neither do concrete nouns (مدرسة, سفينة) or verbal nouns
(التعليم, الهروب), which name what a story is about or what happened. A paraphrase that brings in such words fails and is retried
or replaced by extractive bullets, the safe direction for a newsroom.

:func:`guarded` runs an engine under the guard: one retry that names what
failed (for engines that can revise), then the extractive engine's bullets.

Every bullet is also checked as a sentence (:mod:`khulasa.summarize.integrity`,
finding "integrity"): paired quotation marks, no dateline, no opening that
leans on a sentence the box does not show, no first person outside a
quotation, names introduced before the box uses them alone. A model's
bullet that fails it is retried and then replaced like one that fails on a
number: a broken sentence is as unpublishable as a wrong figure, the retry
names the defect so the model can mend it, and the fallback is safe because
the extractive engine backs off to cuts that pass the same check. Only the
rules that read a bullet alone run on a model's bullets (they have no
source alignment), and those are the precise ones.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from typing import Protocol, runtime_checkable

from khulasa.arabic.calendar import GREGORIAN_BY_NAME
from khulasa.arabic.normalize import arabic_ratio, normalize, strip_diacritics
from khulasa.arabic.tokens import word_count
from khulasa.arabic.words_to_numbers import Quantity, quantities
from khulasa.config import Settings
from khulasa.errors import EngineError
from khulasa.model import Article, GuardFinding, Summary
from khulasa.summarize import Engine, integrity, lexicon

MIN_ARABIC = 0.5
"""Share of a bullet's letters that must be Arabic script: most of them. Latin words in an
Arabic bullet (names, acronyms) must be found in the article anyway, by the names check."""
ALIKE = 0.6
"""Two bullets whose content stems overlap this much (Jaccard) say the same thing."""

_COMMON = """
في من إلى الى على عن مع بين حتى منذ خلال عبر نحو حول ضد دون لدى عند قبل بعد أمام خلف فوق تحت داخل خارج
و أو ثم لكن بل أن إن أنه إنه كان كانت يكون تكون كانوا ليس لم لن لا ما ماذا لماذا كيف أين متى هل قد لقد
هذا هذه ذلك تلك هؤلاء أولئك الذي التي الذين اللذين اللتين اللاتي هو هي هم هما هن نحن أنا أنت كل بعض أي
غير سوى أيضا كما مثل إذ إذا إذا لو لولا حيث بينما فيما عندما كلما وفق وفقا بحسب حسب جراء بسبب نتيجة إثر رغم
أكثر أقل أكبر أصغر أول آخر أخرى آخرون جديد جديدة سابق سابقة حالي حالية مقبل مقبلة ماضي الماضي الماضية
عام سنة شهر أسبوع يوم أيام ساعة ساعات اليوم أمس غدا حاليا مؤخرا لاحقا سابقا نهاية بداية منتصف مطلع أواخر
قال قالت يقول تقول أعلن أعلنت أكد أكدت أشار أشارت أوضح أوضحت أضاف أضافت ذكر ذكرت نقل نقلت أفاد أفادت كشف كشفت
صرح صرحت بيان تصريح تصريحات تقرير تقارير مصدر مصادر وكالة وكالات مسؤول مسؤولون مسؤولين
تم يتم جرى يجري بات أصبح أصبحت صار ظل يظل لا يزال زال مازال تزال يمكن ينبغي يجب سوف
رئيس رئيسة وزير وزيرة وزارة حكومة دولة دول بلاد بلد مدينة مدن منطقة مناطق شركة شركات مؤسسة جهة جهات
عدد أعداد نسبة مبلغ قيمة حجم مستوى مستويات ارتفاع انخفاض زيادة تراجع نمو
إطار ظل سياق صعيد مجال مجالات شأن قضية مسألة خطوة خطوات إجراء إجراءات جهود عملية عمليات
تأتي يأتي جاء جاءت وسط إلى جانب بالإضافة إضافة فضلا عن علاوة كذلك أيضا تحديدا خاصة لاسيما
نحو قرابة حوالي ما يقارب أقل من أكثر من ألا إلا وحده فقط جميع كافة مختلف عدة عديد العديد معظم أغلب بفضل
تعزيز توطيد تطوير تحسين دعم مساعدة تعاون تبادل تنسيق شراكة علاقات علاقة اتفاق اتفاقية اتفاقيات معاهدة
زيارة زيارات لقاء اجتماع اجتماعات محادثات مفاوضات قمة مؤتمر وفد وفود رسالة دعوة مبادرة مشروع مشاريع خطة
رغبة استعداد استعدادات تحضيرات مرتقب متوقع محتمل وشيك مقرر مرحلة متقدم أولي نهائي رسمي رسميا رسمية
تأكيد تأكيدات نفي اتهام اتهامات انتقاد انتقادات تحذير تحذيرات مطالبة مطالب دعوات رفض ترحيب قلق مخاوف
تكهنات توقعات تقديرات أنباء معلومات تفاصيل نتائج أسباب آثار تداعيات أزمة أزمات توتر توترات تصعيد تهدئة
حرب صراع نزاع هجوم هجمات قصف غارة غارات قتال معارك قوات جيش أمن أمني أمنية عسكري عسكرية سلاح أسلحة
سياسي سياسية اقتصادي اقتصادية اجتماعي مالي مالية تجاري تجارية دبلوماسي دبلوماسية استراتيجي استراتيجية
اقتصاد تجارة استثمار استثمارات تمويل قروض منح ديون موازنة ميزانية أسعار سعر تكلفة كلفة إيرادات صادرات واردات
سوق أسواق قطاع قطاعات إنتاج صناعة طاقة كهرباء نفط غاز مياه زراعة خدمات بنية تحتية نقل صحة تعليم سكان مواطنين
حكومي حكومية رئاسي برلمان برلماني انتخابات قانون قرار قرارات سلطات السلطات إدارة مجلس لجنة هيئة منظمة
تنفيذ إطلاق بدء إنهاء استمرار توسيع تقليص خفض رفع فرض إلغاء تعليق تأجيل تمديد إعادة توقيع إقرار اعتماد
يسعى تسعى يهدف تهدف يعتزم تعتزم يتوقع تتوقع يتزايد تتزايد يتراجع يشهد تشهد يواجه تواجه يعاني تعاني يستمر
كبير كبيرة صغير واسع واسعة كامل شامل مباشر مباشرة جديدة هام مهم مهمة رئيسي رئيسية عالمي دولي دولية محلي إقليمي
المقبلة القادمة الأخيرة الأخير الجاري الحالي المقبل فترة مدة موعد تاريخ وقت حين أثناء إبان عقب لاحق
بلغ وصل تجاوز فاق زاد نقص ارتفع انخفض تراجع هبط صعد قفز تضاعف تقلص استقر ظل حافظ سجل حقق خسر ربح كسب
يقارب تقارب قرابة زهاء نحو أقل أكثر مرة مرات مرارا تكرارا مجددا أيضا كذلك فقط حاليا مؤخرا قريبا تدريجيا
اعتبر رأى وصف عد أعرب أبدى أبلغ أكد نفى شدد دعا طالب حث ناشد حذر توقع رجح قدر أشاد انتقد رحب أدان ندد
يخشى خشي خشية يأمل أمل يريد أراد يرغب قرر وافق رفض قبل سمح منع أوقف استأنف واصل تابع بدأ انتهى أنهى أتم
استحوذ استولى سيطر حصل نال تلقى قدم منح وفر زود أمد موّل مول دفع أنفق خصص رصد جمع أعاد نقل بنى أنشأ أقام
شارك ساهم أسهم ضم شمل تضمن احتوى تناول بحث ناقش درس راجع فحص أجرى نفذ طبق اعتمد تبنى أطلق افتتح دشن
عمق طول عرض ارتفاع مساحة مسافة حجم وزن سرعة كمية كميات تكاليف تكلفة نفقات أرباح خسائر عائدات مداخيل
حصة حصص جزء أجزاء نصف ربع ثلث معظم غالبية أغلبية بقية سائر مجمل إجمالي متوسط معدل معدلات نسب
استقرار استمرار مرتفع منخفض كبير ضخم هائل محدود قليل كثير عديد بالغ شديد حاد طفيف ملحوظ لافت قياسي غير مسبوق
بشكل بصورة نحو إطار ضوء خلفية أعقاب ظل سبيل مقابل مقارنة بالمقارنة نظرا نتيجة بهدف بغية لأجل أجل
معتبرا معتبرة مؤكدا مؤكدة مشيرا مشيرة محذرا محذرة مضيفا مضيفة موضحا موضحة لافتا لافتة داعيا داعية
الذي بات بدوره بدورها إضافة إلى جانب علاوة فضلا ومن جهة جهته جهتها أخرى بدوره حين حيث بينما فيما
خصوصا عموما أساسا غالبا أحيانا دائما أبدا فورا معا جدا تماما نسبيا تقريبا مثلا سنويا شهريا يوميا أسبوعيا
"""

COMMON_WORDS: frozenset[str] = frozenset(normalize(w) for w in _COMMON.split())
"""Everyday words a faithful paraphrase may bring in: particles, pronouns, reporting
verbs, time words, generic nouns. Matched after normalization and clitic stripping."""

_PROCLITICS = ("وبال", "فبال", "وال", "فال", "بال", "ولل", "فلل", "لل", "ال", "وس", "و", "ف", "ب", "ل", "س")
"""Leading clitics, longest first. ك ("like") is left out: rare in news, and it would turn كوريا into وريا."""
_PRONOUNS = ("هما", "كما", "هم", "هن", "كم", "ها", "نا", "ه", "ي")
_ENDINGS = ("يات", "ات", "تان", "تين", "ون", "ين", "ان", "وا", "يه", "ه", "ت", "ا", "ي")
_IMPERFECT = "يتن"
"""Imperfect verb prefixes; أ (first person) is left out: news bullets are in the third person,
and after normalization it would take the alef off names such as آسيا and أمريكا."""
_DEFINITE = re.compile("^[وفب]?(?:ال|لل)")
_ARABIC_WORD = re.compile(r"[\u0621-\u064a\u0670-\u06d3]+")
_LATIN_WORD = re.compile(r"[A-Za-z][A-Za-z'\-]*[A-Za-z]|[A-Z]")


def strip_clitics(term: str) -> str:
    """A normalized word without its leading و ف ب ل ك ال س, keeping at least three letters."""
    for prefix in _PROCLITICS:
        if term.startswith(prefix) and len(term) - len(prefix) >= 3:
            return term[len(prefix) :]
    return term


def stem(term: str) -> str:
    """Light stem of a normalized word: clitics off the front, a pronoun and an ending off the back."""
    base = strip_clitics(term)
    for suffixes in (_PRONOUNS, _ENDINGS):
        for suffix in suffixes:
            if base.endswith(suffix) and len(base) - len(suffix) >= 3:
                base = base[: -len(suffix)]
                break
    return base


def _imperfect_free(term: str) -> str:
    """The word without an imperfect verb prefix (يغطي, تغطي → غطي; سيزود → زود), or "" when it has none."""
    if _DEFINITE.match(term):
        return ""  # a word with ال is a noun, never a verb
    base = strip_clitics(term)
    if base[:1] == "س" and len(base) >= 5 and base[1] in _IMPERFECT:
        base = base[1:]  # the future prefix
    return base[1:] if len(base) >= 4 and base[0] in _IMPERFECT else ""


_TEMPLATES = tuple(
    re.compile(p)
    for p in (
        r"^ت(.)(.)ي(.)$",  # تفعيل: تمويل, تحذير
        r"^ت(.)ا(.)(.)$",  # تفاعل: تبادل
        r"^ت(.)(.)(.)$",  # تفعّل: تحمّل
        r"^م(.)ا(.)(.)$",  # مفاعل(ة): مطالبة
        r"^م(.)(.)و(.)$",  # مفعول: مشروع
        r"^م(.)(.)ي(.)$",  # مفعيل (مفعول of hollow roots)
        r"^م(.)(.)(.)$",  # مفعل, مفعّل: محذّر, مشرف
        r"^مست(.)(.)(.)$",  # مستفعل
        r"^است(.)(.)ا(.)$",  # استفعال
        r"^است(.)(.)(.)$",  # استفعل
        r"^ا(.)ت(.)ا(.)$",  # افتعال: اجتماع
        r"^ا(.)ت(.)(.)$",  # افتعل: اجتمع
        r"^ا(.)(.)ا(.)$",  # إفعال: إسراع, إنتاج
        r"^ا(.)(.)و(.)$",  # أفعول: أنبوب, أسبوع
        r"^ا(.)ا(.)ي(.)$",  # أفاعيل: أنابيب
        r"^ان(.)(.)ا(.)$",  # انفعال
        r"^ان(.)(.)(.)$",  # انفعل: انخفض
        r"^[يتن]ت(.)ا(.)(.)$",  # يتفاعل: يتزايد
        r"^[يتن]ست(.)(.)(.)$",  # يستفعل
        r"^[يتن](.)ت(.)(.)$",  # يفتعل
        r"^[يتن]ت(.)(.)(.)$",  # يتفعّل
        r"^[يتن]ن(.)(.)(.)$",  # ينفعل
        r"^[يتن](.)(.)(.)$",  # يفعل: يحذر, يمول
        r"^(.)ا(.)(.)$",  # فاعل: طالب
        r"^(.)(.)ا(.)$",  # فعال
        r"^(.)(.)ي(.)$",  # فعيل
        r"^(.)(.)(.)$",  # فعل
    )
)
_PLAIN = 4
"""The last templates (فاعل, فعال, فعيل, فعل) carry no derivational letter: names fit them
as easily as words do, so a bullet word is matched by them only against the article's roots
when it also has a derivational shape."""


def _readings(term: str, *, verbs: bool = True) -> set[str]:
    """Light stems of a word read with and without its leading clitics (وقع is a verb; وقعت may be و+قعت),
    and, with ``verbs``, without an imperfect prefix (سيزود → زود)."""
    out = set()
    for base in {term, strip_clitics(term), _imperfect_free(term) if verbs else ""} - {""}:
        for suffixes in ((), _PRONOUNS, _ENDINGS):
            out.add(base)
            for suffix in suffixes:
                if base.endswith(suffix) and len(base) - len(suffix) >= 3:
                    base = base[: -len(suffix)]
                    break
        out.add(base)
    return out


def roots(term: str, *, plain: bool = True) -> set[str]:
    """Three-letter roots the word's templates point to: يمول, تمويل → مول; محذرا, حذروا → حذر."""
    found = set()
    templates = _TEMPLATES if plain else _TEMPLATES[:-_PLAIN]
    for reading in _readings(term):
        for template in templates:
            match = template.match(reading)
            if match and "ا" not in "".join(match.groups()):
                found.add("".join(match.groups()))  # a root never holds a long ا
    return found


_COMMON_STEMS = frozenset(r for w in COMMON_WORDS for r in _readings(w, verbs=False) if len(r) >= 3)

_PARTICLE_WORDS = """
في من إلى على عن مع بين حتى منذ لدى عند بعد قبل أمام خلف فوق تحت داخل خارج دون حول ضد عبر نحو وراء بدون
أن إن كأن لكن لعل ليت كي لأن ما لا لم لن إذ إذا حيث كما هو هي هم هما هن نحن أنا أنت أنتم إياه
ذلك هذا هذه تلك هؤلاء أولئك الذي التي الذين كل بعض غير سوى مثل نفس ذات جميع معظم أغلب كلا كلتا عدة رب حين
مما عما ممن عمن
"""
_PARTICLES = frozenset(normalize(w) for w in _PARTICLE_WORDS.split())
"""Particles, prepositions, pronouns and quantifiers that take clitics in front and a pronoun or ما behind."""
_FUNCTION_FRONTS = ("", "و", "ف", "ب", "ل", "ك", "وب", "ول", "وك", "فب", "فل", "لل")
_FUNCTION_BACKS = ("", "ه", "ها", "هما", "هم", "هن", "ك", "كما", "كم", "كن", "ي", "نا", "ني", "ما")


def is_function_word(term: str) -> bool:
    """Whether a normalized word is a particle or pronoun with its clitics: فيها, منه, وهي, بعدما, لديها, ولها.

    Such words say nothing about names however long they get, so they are
    recognized by their parts rather than listed form by form.
    """
    for front in _FUNCTION_FRONTS:
        if not term.startswith(front):
            continue
        rest = term[len(front) :]
        for back in _FUNCTION_BACKS:
            if not rest.endswith(back):
                continue
            core = rest[: len(rest) - len(back)]
            if core in _PARTICLES or (not core and front[-1:] in ("ب", "ل", "ك") and back not in ("", "ما")):
                return True  # "لها", "به": a preposition clitic with only a pronoun after it
    return False


def is_common(term: str) -> bool:
    """Whether a normalized word is an everyday word that needs no support in the article."""
    return (
        term in COMMON_WORDS
        or strip_clitics(term) in COMMON_WORDS
        or is_function_word(term)
        or bool(_readings(term) & _COMMON_STEMS)
    )


_DICTIONARY_PRONOUNS = tuple(p for p in _PRONOUNS if p != "ي")
"""Pronoun suffixes read off before asking the dictionary: not "my" (ي), rare outside quotes and,
taken off a name, it leaves a plural or dual ending to take off next (ميلوني → ميلون → ميل)."""


def _dictionary_readings(term: str) -> set[str]:
    """The readings the dictionary is asked about.

    The word with and without its leading clitics and a third-person imperfect
    prefix (ي ت, not ن: تغذيها → غذي), each without a pronoun, an ending, or
    both (تريليونا → تريليون); two-letter stems the guard's three-letter rule
    keeps out (بخط → خط; يضخ, سيضخ → ضخ; تعد → عد, وعد); and an alef left bare by
    an ending read as the alef maqsura it stands for (معفاة → معفى). Each step
    is one a news bullet needs; every further one lets more names fall apart
    into dictionary words (بنزيمة would read ب+ن+زيم).
    """
    verb = _imperfect_free(term)
    bases = {term, strip_clitics(term), verb if verb and strip_clitics(term)[:1] in "يت" else ""} - {""}
    out: set[str] = set()
    for base in bases:
        for pronoun in ("", *_DICTIONARY_PRONOUNS):
            if not base.endswith(pronoun) or len(base) - len(pronoun) < 3:
                continue
            bare = base[: len(base) - len(pronoun)]
            endings = {bare[: -len(e)] for e in _ENDINGS if bare.endswith(e) and len(bare) - len(e) >= (4 if e == "ي" else 3)}
            out.add(bare)
            out.update(endings)
            if pronoun or endings:
                out.update(r[:-1] + "ي" for r in {bare, *endings} - {base} if r.endswith("ا"))
    bare_word = term[1:] if term[:1] in ("و", "ف") and len(term) >= 4 else term
    future = bare_word[1:] if bare_word[:1] == "س" and bare_word[1:2] in ("ي", "ت") and len(bare_word) == 4 else ""
    for word in {term, bare_word, future} - {""}:
        if len(word) == 3 and word[0] in "وفبل":
            out.add(word[1:])
        if len(word) == 3 and word[0] in "يت":
            out.update((word[1:], "و" + word[1:]))
    return out


_NISBA = ("يون", "يين", "يات", "يتان", "يتين", "يان", "يه", "ي")
"""Endings that make a name an adjective of origin: مصري, السوريون, اللبنانية."""


def is_name(term: str) -> bool:
    """Whether a normalized word reads as a known name (:func:`khulasa.summarize.lexicon.names`):
    a country, city, person or the like, with clitics in front or as an adjective of origin
    (وبدمشق, المصري, اللبنانيين, السوري)."""
    bases = {term, strip_clitics(term)}
    if term[:1] in ("و", "ف") and len(term) >= 5:
        bases.add(strip_clitics(term[1:]))  # وبدمشق: a conjunction before another clitic
    readings = set(bases)
    for base in bases:
        for stem in (base[: -len(e)] for e in _NISBA if base.endswith(e) and len(base) - len(e) >= 3):
            readings.update((stem, stem + "ا", stem + "يا"))  # السوري → سوريا, الأمريكية → أمريكا
    return bool(readings & lexicon.names())


def is_vocabulary(term: str) -> bool:
    """Whether a normalized word is a dictionary noun, verb or function word and no name.

    Always False when the dictionary (extra ``lexicon``) is not installed or switched off.
    """
    words = lexicon.words()
    return bool(words) and bool(_dictionary_readings(term) & words) and not is_name(term)


@dataclass(frozen=True)
class Source:
    """What the guard knows of the article: its words in several forms, its numbers and dates."""

    terms: frozenset[str]
    stems: frozenset[str]
    verbs: frozenset[str]
    roots: frozenset[str]
    latin: frozenset[str]
    squashed: str
    values: frozenset[float]
    months: frozenset[int]
    weekdays: frozenset[int]

    @classmethod
    def of(cls, text: str) -> Source:
        """Index ``text`` once, so every bullet is checked against the same view."""
        terms = [normalize(w) for w in _ARABIC_WORD.findall(strip_diacritics(text))]
        forms = set(terms) | {strip_clitics(t) for t in terms}
        values: set[float] = set()
        for q in quantities(text):
            values.update((_key(q.value), _key(q.bare)))
        return cls(
            terms=frozenset(forms),
            stems=frozenset(r for t in set(terms) for r in _readings(t)),
            roots=frozenset(r for t in set(terms) for r in roots(t)),
            verbs=frozenset(v for v in (_imperfect_free(t) for t in terms) if v),
            latin=frozenset(w.lower() for w in _LATIN_WORD.findall(text)),
            squashed="".join(terms),
            values=frozenset(values),
            months=frozenset(m for m, _ in _months(text)),
            weekdays=frozenset(d for d, _ in _weekdays(text)),
        )

    def supports(self, term: str) -> bool:
        """Whether the article holds this normalized Arabic word in some form."""
        if term in self.terms or strip_clitics(term) in self.terms or _readings(term) & self.stems:
            return True
        verb = _imperfect_free(term)
        if verb and verb in self.verbs:
            return True
        if len(strip_clitics(term)) >= 4 and roots(term, plain=False) & self.roots:
            return True
        return len(term) >= 8 and strip_clitics(term) in self.squashed  # words run together


@functools.lru_cache(maxsize=8)
def _indexed(article: str) -> Source:
    """Source.of, remembered: a retry and a fallback check the same article again."""
    return Source.of(article)


def _key(value: float) -> float:
    return round(value, 6)


_MONTHS = {name: number for name, number in GREGORIAN_BY_NAME.items() if " " not in name}
"""One-word month names, normalized → month (every regional naming, see :mod:`khulasa.arabic.calendar`)."""
_TWO_WORD_MONTHS = {tuple(name.split()): number for name, number in GREGORIAN_BY_NAME.items() if " " in name}
"""Levantine month names of two words, normalized: (first word without clitics, second word) → month."""
_AB = normalize("آب")
_WEEKDAYS = {normalize(d): i for i, d in enumerate(("الأحد", "الاثنين", "الثلاثاء", "الأربعاء", "الخميس", "الجمعة", "السبت"))}


def _months(text: str) -> list[tuple[int, str]]:
    """(month number, as written) for every Gregorian month name, in any regional naming."""
    words = _ARABIC_WORD.findall(strip_diacritics(text))
    folded = [normalize(word) for word in words]  # each word normalized once, not once per month it could be
    found: list[tuple[int, str]] = []
    for i, word in enumerate(words):
        nxt, folded_next = (words[i + 1], folded[i + 1]) if i + 1 < len(words) else ("", "")
        bare = strip_clitics(folded[i])
        number = _TWO_WORD_MONTHS.get((bare, folded_next))
        if number is not None:
            found.append((number, f"{word} {nxt}"))
        if word in ("آب", "وآب") or (bare in _MONTHS and bare != _AB):
            found.append((_MONTHS.get(bare, 8), word))
    return found


def _weekdays(text: str) -> list[tuple[int, str]]:
    found: list[tuple[int, str]] = []
    for word in _ARABIC_WORD.findall(strip_diacritics(text)):
        term = normalize(word)
        for prefix in ("", "و", "ف", "ب"):
            if term.startswith(prefix) and term[len(prefix) :] in _WEEKDAYS:
                found.append((_WEEKDAYS[term[len(prefix) :]], word))
                break
    return found


def _is_year(q: Quantity, text: str) -> bool:
    before = normalize(text[max(0, q.start - 8) : q.start])
    return q.value == q.bare and q.value.is_integer() and 1000 <= q.value <= 2100 and (
        "عام" in before or "سنه" in before or len(q.text.strip()) == 4
    )


def unsupported_names(bullet: str, source: Source, *, dictionary: bool = True) -> list[str]:
    """Runs of words in ``bullet`` that look like names or terms and are not in the article.

    With ``dictionary`` false the installed dictionary is not asked (:func:`is_vocabulary`).
    """
    runs: list[str] = []
    current: list[str] = []
    pending: list[str] = []
    month_words = {w for _, written in _months(bullet) for w in written.split()}
    day_words = {w for _, w in _weekdays(bullet)}
    number_words = {w for q in quantities(bullet) for w in q.text.split()}
    for match in re.finditer(r"[\u0621-\u064a\u0670-\u06d3]+|[A-Za-z][A-Za-z'\-]*", strip_diacritics(bullet)):
        word = match.group()
        if word[0].isascii():
            flagged = word.lower() not in source.latin and (word[0].isupper() or len(word) > 1)
        else:
            term = normalize(word)
            flagged = not (
                len(strip_clitics(term)) < 3
                or word in month_words
                or word in day_words
                or word in number_words
                or is_common(term)
                or source.supports(term)
                or (dictionary and is_vocabulary(term))
            )
        if flagged:
            current += [*pending, word]
            pending = []
        elif current and len(strip_clitics(normalize(word))) < 3 and not word[0].isascii():
            pending.append(word)  # "بن", "أبو"-like links inside a name: kept only if the name goes on
        elif current:
            runs.append(" ".join(current))
            current, pending = [], []
    if current:
        runs.append(" ".join(current))
    return runs


def _quote(items: Iterable[str]) -> str:
    return ", ".join(f"«{i}»" for i in items)


def check_bullet(bullet: str, source: Source, *, dictionary: bool = True) -> dict[str, str]:
    """The content checks on one bullet: {check: what failed}, empty when it is faithful.

    The problem texts start where a location can be put in front of them,
    e.g. ": «45» not in the article" or " is 20% Arabic script; …".
    """
    ratio = arabic_ratio(bullet)
    if ratio < MIN_ARABIC:
        # numbers and names of a bullet in another language say nothing useful
        return {"arabic": f" is {ratio:.0%} Arabic script; write it in Arabic"}
    problems: dict[str, str] = {}
    found = quantities(bullet)
    years = [q for q in found if _is_year(q, bullet)]
    missing = [q.text for q in found if q not in years and _key(q.value) not in source.values]
    if missing:
        problems["numbers"] = f": {_quote(missing)} not in the article"
    dates = [q.text for q in years if _key(q.value) not in source.values]
    dates += [w for m, w in _months(bullet) if m not in source.months]
    dates += [w for d, w in _weekdays(bullet) if d not in source.weekdays]
    if dates:
        problems["dates"] = f": {_quote(dates)} not in the article"
    names = unsupported_names(bullet, source, dictionary=dictionary)
    if names:
        problems["names"] = f": {_quote(names)} not in the article"
    return problems


def check(
    bullets: Sequence[str],
    article: str,
    settings: Settings,
    requested: int,
    sources: Sequence[Sequence[str]] | None = None,
) -> tuple[GuardFinding, ...]:
    """Check ``bullets`` against the article text; one finding per check, failures say where.

    ``sources`` are the sentences each bullet was cut from, when it was cut
    by deletion (the extractive engine): the integrity check then judges the
    deletions too. Without them (a language model's paraphrase) it reads each
    bullet alone (see :mod:`khulasa.summarize.integrity`).
    """
    source = _indexed(article)
    names = ("count", "length", "arabic", "distinct", "numbers", "dates", "names", "integrity")
    problems: dict[str, list[str]] = {k: [] for k in names}
    body_sentences = max(1, len([s for s in re.split(r"(?<=[.!?؟])\s+|\n+", article) if word_count(s) >= 3]))
    low, high = max(1, min(requested, 2, body_sentences)), max(requested, 3)
    if not low <= len(bullets) <= high:
        problems["count"].append(f"{len(bullets)} bullets; expected {low}–{high}")
    stem_sets: list[set[str]] = []
    for n, bullet in enumerate(bullets, 1):
        where = f"bullet {n}"
        words = word_count(bullet)
        if not settings.bullet_min_words <= words <= settings.bullet_max_words:
            problems["length"].append(
                f"{where} has {words} words; keep each between {settings.bullet_min_words} and {settings.bullet_max_words}"
            )
        for name, problem in check_bullet(bullet, source, dictionary=settings.guard_dictionary).items():
            problems[name].append(f"{where}{problem}")
        stems = {stem(normalize(w)) for w in _ARABIC_WORD.findall(strip_diacritics(bullet))}
        stems = {s for s in stems if not is_common(s) and len(s) >= 3}
        for m, other in enumerate(stem_sets, 1):
            union = stems | other
            if union and len(stems & other) / len(union) >= ALIKE:
                problems["distinct"].append(f"bullets {m} and {n} say nearly the same thing")
        stem_sets.append(stems)
    for n, defects in enumerate(integrity.check_box(bullets, sources, article), 1):
        problems["integrity"].extend(f"bullet {n}: {d.kind}: {d.detail}" for d in defects)
    if not bullets:
        problems["count"].append("the answer held no bullets")
    return tuple(GuardFinding(k, not v, "; ".join(v)) for k, v in problems.items())


def passed(findings: Iterable[GuardFinding]) -> bool:
    """True when no finding failed."""
    return all(f.passed for f in findings)


def explain(findings: Iterable[GuardFinding]) -> str:
    """The failed checks in one line, e.g. "numbers: bullet 1: «45» not in the article"."""
    return "; ".join(f"{f.check}: {f.detail}" for f in findings if not f.passed)


@runtime_checkable
class Reviser(Engine, Protocol):
    """An engine that can try again when told what was wrong with its bullets."""

    def revise(self, article: Article, bullets: int, previous: Summary, problems: str) -> Summary:
        """New bullets for ``article`` that avoid ``problems`` found in ``previous``."""
        ...


def _checked(summary: Summary, article: Article, settings: Settings, requested: int) -> Summary:
    from khulasa.summarize.align import with_sources

    cut = summary.engine == "extractive"  # its bullets are deletions of the sentences they cite; a model's are not
    summary = with_sources(summary)
    sources = [[summary.sentences[i].text for i in b.sources] for b in summary.bullets] if cut else None
    findings = check([b.text for b in summary.bullets], article.text, settings, requested, sources)
    return replace(summary, guard=findings)


def guarded(engine: Engine, article: Article, requested: int, settings: Settings) -> Summary:
    """Summarize under the guard: accept, or retry once naming what failed, or fall back to extractive."""
    if engine.name == "extractive":
        return _checked(engine.summarize(article, requested), article, settings, requested)
    try:
        summary = _checked(engine.summarize(article, requested), article, settings, requested)
    except EngineError as exc:
        return _fallback(article, requested, settings, f"the {engine.name} engine failed: {exc.message}")
    if passed(summary.guard):
        return summary
    first = explain(summary.guard)
    if not isinstance(engine, Reviser):
        return _fallback(article, requested, settings, f"the {engine.name} bullets failed the guard ({first})")
    try:
        second = _checked(engine.revise(article, requested, summary, first), article, settings, requested)
    except EngineError as exc:
        return _fallback(
            article, requested, settings, f"the {engine.name} bullets failed the guard ({first}); the retry failed: {exc.message}"
        )
    if passed(second.guard):
        return replace(second, guard=(GuardFinding("retry", True, f"first answer failed: {first}"), *second.guard))
    return _fallback(
        article,
        requested,
        settings,
        f"the {engine.name} bullets failed the guard twice ({first}; then {explain(second.guard)})",
    )


def _fallback(article: Article, requested: int, settings: Settings, reason: str) -> Summary:
    """The extractive engine's bullets, with the reason the other engine's were not used first among the findings."""
    from khulasa.summarize import engine_named

    summary = _checked(engine_named("extractive", settings).summarize(article, requested), article, settings, requested)
    note = GuardFinding("fallback", False, f"{reason}; showing the extractive engine's bullets instead")
    return replace(summary, guard=(note, *summary.guard))
