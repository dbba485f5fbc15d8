"""Sentence integrity: a bullet is a whole sentence an editor would publish.

The faithfulness guard (:mod:`khulasa.summarize.guard`) makes sure a bullet
says nothing the article does not. This module makes sure it *reads*: a
compression that deletes words can leave a quotation mark without its
partner, an adjective without its noun, the accusative subject of a deleted
«إنّ», an «أنّ» with no predicate, a clause that opens on «في حين» with
nothing before it, a question read as a statement, or a surname the box
never introduced. Each rule below is one such defect, with a docstring that
says which grammar or news-style convention it protects.

Rules take the bullet and, when known, the source sentence(s) it was cut
from (:class:`Cut`). With the source, a deletion can be judged: which words
went between two kept ones, whether an «إنّ» stood before the first kept
word, whether the sentence went on after the last one. A language model's
bullet has no such alignment, so only the rules that read the bullet alone
run on it (``source`` is None).

Words are compared in the guard's normal form (hamza seats, alef, ya and
taa marbuta folded, :func:`khulasa.arabic.normalize.normalize`), so every
list here is written in ordinary spelling and folded once at import.

Everything is plain string work on a few dozen words: checking a bullet
costs tens of microseconds, so the compressor can check every cut it tries.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache

from khulasa.arabic.normalize import normalize
from khulasa.arabic.tokens import TOKEN
from khulasa.summarize import compress
from khulasa.summarize.compress import is_apostrophe


def _folded(text: str) -> frozenset[str]:
    return frozenset(normalize(w) for w in text.split())


def _phrases(text: str) -> tuple[tuple[str, ...], ...]:
    """Phrases separated by «،», each as its normalized words."""
    return compress.phrases(*text.split("،"))


@dataclass(frozen=True)
class Defect:
    """One way a bullet fails to be a whole, publishable sentence."""

    kind: str
    """Short name of the rule, e.g. "unbalanced", "dangling_opening"."""
    detail: str
    """What is wrong, in words an editor can act on."""


@dataclass(frozen=True)
class Token:
    """A word of a text, with where it sits."""

    text: str
    """As written."""
    norm: str
    """Normalized."""
    start: int
    end: int


@lru_cache(maxsize=4096)
def tokens(text: str) -> tuple[Token, ...]:
    """The words and numbers of ``text`` in order (remembered: a source sentence is checked against many cuts)."""
    found = list(TOKEN.finditer(text))
    folded = TOKEN.findall(normalize(text))  # normalizing once is far cheaper than once per word
    if len(folded) != len(found):  # normalization keeps word boundaries; should a form ever not, fold word by word
        folded = [normalize(m.group()) for m in found]
    return tuple(Token(m.group(), f, m.start(), m.end()) for m, f in zip(found, folded, strict=True))


@dataclass(frozen=True)
class Cut:
    """A bullet and the source text it was made from by deleting words, aligned word by word."""

    bullet: str
    source: str
    words: tuple[Token, ...]
    """The bullet's words."""
    origin: tuple[int, ...]
    """For each bullet word, the index of the source word it is."""
    source_words: tuple[Token, ...]

    @classmethod
    def of(cls, bullet: str, source: str) -> Cut | None:
        """Align ``bullet`` to ``source``; None when the bullet is not a deletion of it (a paraphrase)."""
        mine, theirs = tokens(bullet), tokens(source)
        origin: list[int] = []
        j = 0
        for w in mine:
            while j < len(theirs) and not _same(w.norm, theirs[j].norm):
                j += 1
            if j == len(theirs):
                return None
            origin.append(j)
            j += 1
        return cls(bullet, source, mine, tuple(origin), theirs)

    def deleted_before(self, k: int) -> tuple[Token, ...]:
        """The source words deleted just before bullet word ``k`` (after bullet word ``k - 1``)."""
        start = self.origin[k - 1] + 1 if k else 0
        return self.source_words[start : self.origin[k]]

    def between(self, a: int, b: int) -> str:
        """The source text between source words ``a`` and ``b`` (punctuation and all)."""
        return self.source[self.source_words[a].end : self.source_words[b].start]

    def deleted_after_end(self) -> tuple[Token, ...]:
        """The source words that followed the bullet's last word and were cut."""
        return self.source_words[self.origin[-1] + 1 :] if self.origin else self.source_words


def _same(bullet_word: str, source_word: str) -> bool:
    return bullet_word == source_word or (source_word[:1] in ("و", "ف") and bullet_word == source_word[1:])


# ---------------------------------------------------------------- word lists

COMPLEMENTIZERS = _folded("إن أن بأن لأن وإن وأن فإن كأن لكن ولكن")
"""«إنّ وأخواتها» and «أنّ»: they put the subject after them in the accusative and need a predicate."""

AGENCY_TAGS = _folded("رويترز أ.ف.ب ا.ف.ب فرانس برس د.ب.أ وام واس قنا كونا سانا بترا وفا الأناضول سبوتنيك CNN BBC AFP AP")
"""Agencies whose tag opens a wire story in brackets: "دمشق، سوريا (CNN)"."""

NEEDS_BEFORE = _phrases(
    "في حين، في المقابل، بعد ذلك، رغم ذلك، مع ذلك، إلا أن، غير أن، إلا، كما، أما، بل، لكن، لكنه، لكنها، ولكن، فيما، بينما، "
    "حيث، إذ، وذلك، ذلك، هذا، هذه، هذان، هاتان، هؤلاء، تلك، أولئك، هو، هي، هم، هما، هن، أيضا، كذلك، لذلك، لذا، بالتالي، "
    "ثم، مما، الأمر الذي، وهو، وهي، عندئذ، وبالتالي، أي، علما، بذلك، وبذلك، عليه، وعليه، لهذا، ولهذا، "
    "من جانبه، من جانبها، من جهته، من جهتها، من ناحيته، من هنا، ومن هنا، من ثم، ومن ثم، "
    "من ناحيتها، بدوره، بدورها، في السياق نفسه، في هذا السياق، في السياق ذاته، في المقابل، "
    "يأتي ذلك، يأتي هذا، تأتي هذه، جاء ذلك، جاء هذا، جاءت هذه، ويأتي ذلك، وجاء ذلك، "
    "عقب ذلك، إثر ذلك، على إثر ذلك، قبل ذلك، وعقب ذلك، وقبل ذلك، يتعلق الأمر، ويتعلق الأمر، "
    "بالإضافة لما سبق، بالإضافة إلى ما سبق، بالإضافة إلى ذلك، إضافة إلى ذلك، علاوة على ذلك، فضلا عن ذلك، "
    "الذي، التي، الذين، اللذين، اللتين، اللذان، اللتان، اللواتي، اللاتي، والذي، والتي، "
    "يليه، يليها، يليهم، تليه، تليها، تليهم، يليهما، تليهما، "
    "ما يرجح، ما يعني، ما يشير، ما يؤكد، ما يدل، ما يجعل، ما أدى، ما أسفر، ما دفع، ما جعل، بهذا، بهذه، وبهذا، وبهذه، "
    "ثانيا، ثالثا، رابعا، خامسا، سادسا، وثانيا، وثالثا، ورابعا، وخامسا، أخيرا، وأخيرا"
)
"""Openings that lean on a sentence before them: a contrast (في حين، إلا أن، بل), an addition (كما، أيضا),
a consequence (لذلك، مما، "ما يرجح أن …"), the next point of a count begun before (ثالثا), what comes next
in a list begun before (يليهم، تليها), a pronoun or demonstrative pointing back (هو، هذه، ذلك, also after "يأتي"/"جاء":
"يأتي ذلك في إطار …"), or a turn to the next speaker (من جانبه، بدوره: whose side?). A bullet stands alone."""

_REPORTED = frozenset(
    {"ان", "بان", "انه", "انها", "بانه", "بانها", "في", "خلال", "علي", "عن", "امام", "لدي", "اثناء", "الي", "من"}
)
"""«أنّ/إنّ/بأنّ» (folded) or a preposition ("أضاف خلال الندوة"، "كشف عن"، "ذكر من جانب آخر") straight after a verb of saying:
the verb's subject, the speaker, was never written here."""
ATTITUDE_VERBS = _folded(
    "أشاد أشادت أعرب أعربت رحب رحبت ثمن ثمنت نوه نوهت دعا دعت طالب طالبت ندد نددت حذر حذرت شدد شددت أثنى أثنت "
    "تطرق تطرقت"
)
"""Verbs a speaker praises, welcomes, calls or warns with: straight before their preposition ("أشاد بروح التعاون"،
"أعرب عن أمله") the speaker, their subject, was never written."""
_IMPERSONAL = frozenset({"يذكر", "تذكر", "يعتقد", "يقال"})
"""«يُذكر أن» is "it is worth noting that", «يُعتقد أن» "it is believed that": passives, no speaker is missing."""

_ANNA = frozenset({"أن", "أنّ", "أنَّ", "بأن", "وأن", "بأنّ"})
"""«أنّ» (with hamza above) makes a clause the object of a verb before it; «إنّ» (below) may open a sentence.
Compared as written: normalization folds the two."""

_F_LINKED = _folded("إن أن قد لا لم لن هو هي هم هذا هذه ذلك تلك كان كانت إذا ما في من مع على")
"""Words that "ف" ("so", "then") joins to the sentence before: "فقد"، "فإن"، "فهو"، and any "فال…"."""

DEMONSTRATIVES = _folded("هذا هذه هذان هاتان هؤلاء ذلك تلك أولئك")
"""Demonstratives: before a definite noun ("هذه المجموعة") they point back at something said before."""

TIME_NOUNS = compress.TIME_NOUNS
""""هذا العام"، "هذه المرة": a demonstrative that dates rather than points back."""

QUANTITY_NOUNS = _folded("المبلغ الرقم العدد النسبة القيمة الكمية المعدل الحجم المستوى")
""""هذا المبلغ" after a figure in the same bullet points back at that figure."""

CONDITIONALS = _phrases("في حال، في حالة، وفي حال، وفي حالة، إذا، وإذا، لو، ولو، كلما، متى، ما لم")
"""Openings of a condition: the bullet must go on to what follows from it ("في حال تعذر ذلك، …")."""

FRAGMENT_OPENERS = _phrases(
    "بانتظار، في انتظار، وسط، بهدف، من أجل، تمهيدا، تزامنا، بغية، سعيا، لأجل، على أمل، في إطار، في سياق، على هامش، بمناسبة"
)
"""Prepositional and adverbial openings: they frame a clause, and a bullet made only of the frame has none."""

GOVERNORS = _folded(
    "في من إلى على عن مع منذ حتى خلال بعد قبل عند لدى حول بين ضد نحو عبر دون بدون تجاه إزاء لصالح وفق وفقا بحسب حسب "
    "جراء بسبب إثر عقب مثل أمام خلف فوق تحت داخل خارج ب ل و أو ثم أن إن بأن لأن الذي التي الذين اللذين اللتين "
    "ما لم لن لا قد كان كانت يكون تكون وهو وهي"
)
"""Words that cannot end a sentence: a preposition needs its noun, «أنّ» its clause, «قد» its verb."""

TIME_ADJECTIVES = _folded(
    "المقبل المقبلة القادم القادمة الماضي الماضية الجاري الجارية الحالي الحالية المنصرم المنصرمة الأخير الأخيرة "
    "السابق السابقة الأول الأولى الثاني الثانية الثالث الثالثة نفسه نفسها ذاته ذاتها المذكور المذكورة المقبلين"
)
"""Adjectives that follow a noun ("الأسبوع المقبل", "الشهر نفسه"): without it they describe nothing."""

LIST_ANNOUNCERS = _folded("الآتية الآتي التالية التالي كالتالي كالآتي التاليين التالين الآتيين")
"""Words that announce a list after a colon ("للمشاريع الآتية: …"، "جاءت كالتالي"): what they announce must follow whole."""

LIST_MARKERS = _folded("هما هي هم الأول الأولى أولها أولهما أحدهما إحداهما تشمل تضم منها وهي وهما وهم أبرزها")
"""Words after a count that start naming its items ("برنامجين هما …", "ثلاثة مشاريع، أولها …")."""

CONSTRUCT_HOLDERS = _folded("منتصف مطلع أوائل أواخر نهاية بداية صباح مساء ظهر ليلة ليل فجر طوال أثناء إبان")
"""Nouns that are always the first term of a construct ("منتصف ليل الجمعة"): they need the word after them."""

COUNT_WORDS = _folded(
    "اثنين اثنتين اثنان اثنتان كلا كلتا ثلاث ثلاثة أربع أربعة خمس خمسة ست ستة سبع سبعة ثماني ثمانية تسع تسعة عشر عشرة"
)
"""Number words announcing a list: "ثلاثة مشاريع: …"."""

FIRST_PERSON = _folded(
    "أنا نحن إنني إننا أنني أننا لأننا لأنني لدينا عندنا عندي إلينا علينا لنا بنا معنا فينا "
    "قلت قلنا كنت كنا أقول نقول أعتقد نعتقد أظن نظن أريد نريد نأمل أتمنى نتمنى نطالب أطالب نرفض أرفض ندعو "
    "أدعو سنعمل سنواصل نسعى أسعى نرى أرى بلادنا حكومتنا شعبنا وطننا دولتنا أمتنا قواتنا جيشنا أرضنا مجتمعنا أبناءنا "
    "أطفالنا بلدنا رأيي نظري اعتقادي يمكننا بإمكاننا باستطاعتنا يمكنني بإمكاني نحتاج نعمل سنقوم نستطيع أستطيع "
    "يسعدنا يسرنا يسعدني يسرني نود أود"
)
"""First-person words: a box reports in the third person; "أقول"، "إلينا" belong inside a speaker's quotation."""
SECOND_PERSON = _folded(
    "أنت أنتم يمكنك يمكنكم عليك عليكم لديك لديكم إليك إليكم لك لكم منك منكم بك بكم معك معكم عندك عندكم نفسك "
    "يساعدك سيساعدك"
)
"""Words that address the reader ("يمكنك حماية شبكتك"، "عليكم"): advice columns write so; a box reports, and
"you" in it speaks to no one the reader can see."""
_PERSONS = FIRST_PERSON | SECOND_PERSON

SPEAKER_GOES_ON = _folded(
    "مشيرا مشيرة مشيرين مؤكدا مؤكدة مؤكدين مضيفا مضيفة موضحا موضحة لافتا لافتة معتبرا معتبرة داعيا داعية "
    "محذرا محذرة منوها منوهة مبينا مبينة معلنا معلنة متهما متهمة مطالبا مطالبة مصرحا مصرحة مشددا مشددة "
    "معربا معربة مبرزا مبرزة مستدركا مستدركة مستشهدا منبها منبهة مذكرا مذكرة مبديا مبدية مرجحا مرجحة متوقعا متوقعة "
    "مستبعدا مستبعدة مستبعد مشيدا مشيدة ملمحا ملمحة مردفا مختتما مختتمة خاصا "
    "موضحين مضيفين لافتين معتبرين داعين محذرين منوهين مبينين معلنين مطالبين وأضاف وأضافت وأشار وأشارت وأكد وأكدت "
    "وتابع وتابعت وأوضح وأوضحت وشدد وشددت وأشاد وأشادت ودعا ودعت وقال وقالت ولفت ولفتت"
)
"""Words that go on reporting for a speaker the sentence named before ("…، مشيرا إلى …")."""

SAYING = _folded(
    "قال قالت يقول تقول ذكر ذكرت أعلن أعلنت أكد أكدت أوضح أوضحت أفاد أفادت أشار أشارت كشف كشفت أضاف أضافت صرح صرحت "
    "نقل نقلت بين بينت لفت لفتت أورد أوردت أبلغ أبلغت توقع توقعت حذر حذرت اعتبر اعتبرت رجح رجحت اتهم اتهمت زعم زعمت "
    "ادعى ادعت رأى رأت يرى ترى يعتقد تعتقد نفى نفت أبرز أبرزت استبعد استبعدت شدد شددت نوه نوهت لاحظ لاحظت "
    "اعترف اعترفت أقر أقرت نبه نبهت"
)
"""Verbs that attribute what follows to a speaker."""

def _saying(norm: str) -> str | None:
    """The verb of saying a folded word is, with or without its «و»/«ف» ("وأضاف" → "اضاف"), or None."""
    return _one_of(norm, SAYING)


def _one_of(norm: str, words: frozenset[str]) -> str | None:
    """The word of ``words`` a folded word is, with or without its «و»/«ف», or None."""
    if norm in words:
        return norm
    return norm[1:] if norm[:1] in "وف" and norm[1:] in words else None


CLAIM_MARKERS = _folded(
    "يجب ينبغي يتعين المتوقع المرجح المحتمل الضروري ربما يتوقع تتوقع يرجح ترجح يخشى تخشى "
    "اتهم اتهمت يتهم تتهم متورط متورطة ارتكب ارتكبت ارتكاب مسؤولية أفضل أسوأ خطأ خطير خطيرة كارثة كارثي فشل"
)
"""Words that make a statement a forecast, a judgement or an accusation: stated without its speaker it reads as fact.
A plain future ("سيبدأ التشغيل في 2029") is left out: announced by whoever carries it out, a plan is the news itself."""

ANOTHER = _folded("آخر أخرى آخرون آخرين أخريات")
""""Another" after the speaker's noun ("قال شاهد آخر"): the one before it was told in a sentence the box may lack."""

INTERROGATIVES = _folded("هل لماذا كيف ماذا متى أين كم أيهما لم")
"""Words that open a question."""

PERSON_ROLES = _folded(
    "الوزير الوزيرة الرئيس المتحدث المتحدثة الناطق الناطقة السفير السفيرة المدير المديرة المسؤول "
    "المسؤولة الأمين المستشار المستشارة المحافظ النائب النائبة القائد المبعوث المندوب"
)
ROLES = PERSON_ROLES | _folded(
    "الجامعة المنظمة الهيئة الوكالة المؤسسة الوزارة الصندوق المرصد المحكمة اللجنة المجلس القطاع الشركة المركز "
    "المديرية البيان البعثة البلاغ الاتحاد الحكومة"
)
"""Roles and institutions a story names once in full ("وزير الخارجية الأردني"، "جامعة جونز هوبكنز") and then
by the noun alone ("الوزير"، "الجامعة")."""

ROLE_HEADS: dict[str, tuple[str, ...]] = {
    normalize("الوزارة"): (normalize("وزير"), normalize("وزيرة")),
    normalize("الرئاسة"): (normalize("رئيس"),),
    normalize("السفارة"): (normalize("سفير"), normalize("سفيرة")),
    normalize("الحكومة"): (normalize("وزير"), normalize("وزيرة"), normalize("الوزراء"), normalize("وزارة")),
}
"""Institutions a box has named through the one who heads them: after "وزير التربية الوطنية", "الوزارة" is his."""

def _described(words: Sequence[Token], k: int) -> bool:
    """Whether an adjective with «ال» follows the role and says which ("لدى الجامعة العربية")."""
    return k + 1 < len(words) and words[k + 1].norm.startswith("ال") and len(words[k + 1].norm) > 4


def _named_in_own_sentence(words: Sequence[Token], k: int) -> bool:
    """Whether an institution deep in its sentence is the one the sentence named ("… لإير فرانس، … لإنقاذ الشركة").

    A person's role ("الوزير") or an institution that speaks ("قالت الشركة") still needs its full name.
    """
    if k < CLAUSE_WORDS or words[k].norm in PERSON_ROLES:
        return False
    return _saying(words[k - 1].norm) is None


OPENING_SUBJECTS = _folded("المشروع البرنامج")
"""Things a story names in full once and then by the noun alone: as the subject that opens a bullet ("يهدف المشروع
إلى …"، "البرنامج يقدم …") they need that name; later in a sentence ("تنفيذ المشروع") they are often its own."""

OPENING_ROLES = _folded("القطاع")
"""Roles that point back only as the bullet's subject ("القطاع يقوم حاليا …": which sector?); later in a
sentence "the sector" is the one the sentence is about ("… لتوطين القطاع، عملا بالقرار …")."""

SOURCE_PREPOSITIONS = _folded("بحسب حسب وفق وفقا طبقا لدى")
"""Before a role or institution they name a source ("بحسب المرصد"): the noun alone is the whole reference."""

TITLES = _folded("السيد السيدة الدكتور الدكتورة المهندس الأستاذ الشيخ اللواء العميد العقيد الفريق الجنرال المستشار")
"""Titles before a person's name: what follows is a name."""

PLURAL_EXCEPTIONS = _folded(
    "فلسطين الصين البحرين ملايين بلايين قوانين ميادين عناوين سلاطين شياطين مساكين براهين حين يمين اليمين الدين دين "
    "طين تين المدين سنين تنين بساتين دواوين موازين مضامين تخمين تأمين التأمين تعيين التعيين تحسين التحسين تكوين "
    "تدوين تمكين تلقين تزيين تموين التموين تسكين تلوين يقين اليقين حزين كمين جنين الجنين مدين رهين ثمين أمين الأمين "
    "مبين المبين ياسين حسين الحسين زين أمين متين معين المعين"
)
"""Words ending in «ين» that are no plural or dual in the accusative or genitive."""

_ADVERBS = _folded("قبل بعد")
_PAIRS = (("«", "»"), ("“", "”"), ("(", ")"), ("[", "]"), ("{", "}"))
_STRAY_START = re.compile(r"^[^\w«“\"'(\[]")
_LABEL = re.compile(r"^(?:[^\s()\-–—:]+\s+){0,3}[^\s()\-–—:]*\s*(?::|\s[-–—])\s")
_AGENCY = re.compile(r"^(?:[^()]{0,40})\(([^()]{1,20})\)")


# ---------------------------------------------------------------- rules on the bullet alone


ONE_LETTER_WORDS = frozenset("وفأ")
"""Arabic words of one letter a sentence may open with, written apart from what follows."""


def balanced(bullet: str) -> str | None:
    """Quotation marks and brackets come in pairs.

    A cut that keeps «"الجيش الحر» but deletes the closing mark leaves the
    reader unsure where the speaker's words end, and a bracket left open
    swallows the rest of the sentence. A straight quote inside a Latin word
    ("O'Brien") is an apostrophe; glued to Arabic letters ("بـ"الجيش") it is
    a quotation mark typed without its space, and counts.
    """
    for opener, closer in _PAIRS:
        opened = bullet.count(opener)
        if opened != bullet.count(closer):
            return f"«{opener}» is never closed" if opened > bullet.count(closer) else f"«{closer}» closes nothing"
        if opened:
            depth = 0
            for ch in bullet:
                depth += (ch == opener) - (ch == closer)
                if depth < 0:
                    return f"«{closer}» closes nothing"
    edges = [i for i, ch in enumerate(bullet) if ch == '"' and not is_apostrophe(bullet, i)]
    return "a straight quotation mark is never closed" if len(edges) % 2 else None


def clean_start(bullet: str) -> str | None:
    """No dateline, agency tag, site label or stray symbol before the sentence.

    Wire copy opens "دمشق، سوريا (CNN) —" or "القاهرة -" or "السودان اليوم :";
    in a box those words read as the first words of the sentence. A
    bullet opens on a letter, a digit, a quotation mark or a bracket.
    """
    if _STRAY_START.match(bullet):
        return f"opens with the symbol «{bullet[0]}»"
    first = TOKEN.match(bullet)
    if first and len(first.group()) == 1 and first.group() not in ONE_LETTER_WORDS and first.group().isalpha():
        return f"opens with the stray letter «{first.group()}»"  # "د و المخصص …": the tail of "م.د" cut from its figure
    agency = _AGENCY.match(bullet)
    if agency and (normalize(agency.group(1).replace(" ", "")) in AGENCY_TAGS or agency.group(1).strip().isupper()):
        return f"opens with the agency tag «({agency.group(1)})»"
    label = _LABEL.match(bullet)
    if label and not _quoted_at(bullet, label.end()) and len(TOKEN.findall(label.group())) <= 4:
        head = [normalize(w) for w in TOKEN.findall(label.group())]
        after = tokens(bullet[label.end() :])
        paired = re.search(r"\s[-–—]\s", bullet[label.end() : label.end() + 80])
        defines = bool(after) and after[0].norm in {normalize(w) for w in ("هو", "هي", "هم")}
        if not paired and not defines and not any(_saying(w) for w in head) and not _speaker_quoted(bullet, label.end()):
            return f"opens with the label «{label.group().strip()}»"
    return None


_WHOLE_QUOTE = re.compile(r"\s*(?:«[^«»]+»|“[^“”]+”|\"[^\"]+\")[.!؟?]?\s*$")


def _speaker_quoted(bullet: str, end: int) -> bool:
    """Whether what follows a colon is one quotation to the bullet's end: "مديرة البرنامج: «…».", an interview's answer
    given to its speaker, not a dateline before a sentence."""
    return bullet[:end].rstrip().endswith(":") and bool(_WHOLE_QUOTE.match(bullet[end:]))


def _quoted_at(text: str, i: int) -> bool:
    return any(m.start() < i < m.end() for m in compress.QUOTATION.finditer(text))


def _opening(bullet: str) -> list[str]:
    return [t.norm for t in tokens(bullet)[:3]]


def stands_alone(bullet: str) -> str | None:
    """The opening does not lean on a sentence the box does not show.

    «في حين»، «إلا أن»، «كما»، «أما»، «بل» continue an argument; «هو»،
    «هذه»، «ذلك» point back at something said before. Cut out of the
    article, such a sentence starts mid-thought. A demonstrative before a
    time noun ("هذا العام") dates the fact and is fine.
    """
    head = _opening(bullet)
    first = tokens(bullet)[0].text if head else ""
    if first in _ANNA:
        return f"opens with «{first}», a clause that needs a verb before it"
    if head and head[0] in {"و", "ف"}:
        return f"opens with the conjunction «{tokens(bullet)[0].text}»"
    if head and head[0][:1] in "وف" and (head[0][1:],) in NEEDS_BEFORE:
        return f"opens with «{tokens(bullet)[0].text}», which needs a sentence before it"  # "وإذ تؤكد الشركة …"
    if head and head[0].startswith("ف") and (head[0][1:] in _F_LINKED or head[0].startswith("فال")):
        return f"opens with «{tokens(bullet)[0].text}», whose «ف» answers a sentence before it"
    verb = _saying(head[0]) if head else None
    if verb is not None and verb not in _IMPERSONAL and bullet[tokens(bullet)[0].end :].lstrip()[:1] in (":", "،", ","):
        return f"opens with «{tokens(bullet)[0].text}:», whose speaker is in a sentence before it"  # "أوضح: «…»"
    if len(head) > 1 and _unspoken(head[0], head[1]):
        return f"opens with «{' '.join(t.text for t in tokens(bullet)[:2])}»: its speaker is in a sentence before it"
    glued = _heading_before_saying(bullet)
    if glued is not None:
        return f"opens with «{glued}»: a heading glued to a verb of saying whose speaker is in a sentence before it"
    framed = _saying_after_frame(bullet)
    if framed is not None:
        return f"opens with «{framed}» after its frame: its speaker is in a sentence before it"  # "حول رؤيته …، أكد أنها"
    if head and head[0] in SPEAKER_GOES_ON and not head[0].startswith("و"):  # "وقال رئيس البلدية": its speaker follows
        return f"opens with «{tokens(bullet)[0].text}», which goes on for a speaker named before it"  # "مبينا أنه …"
    if len(head) > 2 and _saying(head[0]) is not None and head[2] in ANOTHER:
        # "أضافت وليّة أخرى …"، "قال شاهد آخر …": another, after one the box has not told
        return f"opens with «{' '.join(t.text for t in tokens(bullet)[:3])}»: another, after one told before it"
    if len(head) > 1 and _saying(head[0]) is not None and head[1] in ATTENTION:
        return f"opens with «{' '.join(t.text for t in tokens(bullet)[:2])}»: who drew it is in a sentence before it"
    attitude = _one_of(head[0], ATTITUDE_VERBS) if head else None
    if attitude is not None and len(head) > 1 and (head[1][:1] == "ب" or head[1] in _REPORTED or head[1] == "الي"):
        return f"opens with «{' '.join(t.text for t in tokens(bullet)[:2])}»: who did so is in a sentence before it"
    shown = _stance_without_subject(tokens(bullet)[:2])
    if shown is not None:
        return f"opens with «{shown}»: who showed it is in a sentence before it"  # "أبدت استعداد البنك …"
    subject = _subject_before(tokens(bullet)[:2])
    if subject is not None:
        return f"opens with «{subject}», whose subject is in a sentence before it"  # "طالبوا بإلغاء …"، "أثرت سلبا"
    pointer = _points_back(tokens(bullet)[:3]) or _pointing_pronoun(tokens(bullet)[:4])
    if pointer is not None:
        return f"opens with «{pointer}», whose demonstrative points at a sentence before it"  # "يعني هذا …"
    owner = _owner_first(tokens(bullet)[:4])
    if owner is not None:
        return f"opens with «{owner.text}», whose pronoun points at something named before the bullet"  # "تبلغ طاقتها …"
    for phrase in NEEDS_BEFORE:
        if tuple(head[: len(phrase)]) == phrase:
            if phrase[0] in {normalize(w) for w in ("هذا", "هذه", "تلك", "ذلك")} and len(head) > 1 and head[1] in TIME_NOUNS:
                continue
            if phrase in _WHILE and compress.while_answered(compress.pieces(bullet)):
                continue  # "بينما كانت العائلات تتنقل …، كان المسعف يقضي …": the clause it waits for is in the bullet
            return (
                f"opens with «{' '.join(tokens(bullet)[i].text for i in range(len(phrase)))}», which needs a sentence before it"
            )
    return None


_WHILE = frozenset({(normalize("فيما"),), (normalize("بينما"),)})
"""«فيما/بينما» opening a bullet: "whereas", leaning on the sentence before, unless the bullet holds its answer."""


SHOWING_VERBS = _folded("أبدى أبدت أبدوا أظهر أظهرت أعرب أعربت جدد جددت أعلن أعلنت أكد أكدت")
STANCE_NOUNS = _folded(
    "استعداد رغبة قلق تخوف أمل تفاؤل ارتياح اهتمام دعم موافقة رفض تحفظ استياء ترحيب تمسك حرص التزام تأييد معارضة "
    "جاهزية عزم"
)
"""A verb of showing with its stance straight after it ("أبدت استعداد البنك …"، "أبدى قلقه"): the one who showed
it, the verb's subject, comes between them when the sentence names him ("أبدت المديرة استعداد البنك")."""


def _stance_without_subject(opening: Sequence[Token]) -> str | None:
    """The opening verb of showing and the stance after it, with no subject between them, or None."""
    if len(opening) < 2 or _one_of(opening[0].norm, SHOWING_VERBS) is None:
        return None
    noun = opening[1].norm
    stems = {noun} | {noun[: -len(e)] for e in ("هما", "ها", "هم", "ه") if noun.endswith(e)}
    stems |= {stem[:-1] + "ه" for stem in stems if stem.endswith("ت")}  # "رغبته" → "رغبة"
    return f"{opening[0].text} {opening[1].text}" if stems & STANCE_NOUNS else None


ATTENTION = _folded("النظر الانتباه الأنظار")
""""لفت النظر إلى …" ("drew attention to"): the object straight after the verb, so its subject was never written."""

SUBJECT_SKIPPED = _folded("أيضا كذلك سلبا إيجابا بدوره بدورها")
"""Adverbs that, straight after an opening verb, show it has no subject of its own ("أثرت سلبا على المؤشر")."""


def _subject_before(opening: Sequence[Token]) -> str | None:
    """The opening verb whose subject is a pronoun for someone named before, or None.

    A verb before its subject stays singular ("طالب المستثمرون"); a plural
    verb opening the sentence ("طالبوا بإلغاء الضريبة"، "يطالبون …") carries
    its subject as a pronoun, "they", and so does a verb followed straight
    by an adverb ("أثرت سلبا على المؤشر"، "تذكرت أيضا"): the subject was
    the sentence before's.
    """
    if not opening:
        return None
    first = opening[0]
    n = first.norm[1:] if first.norm[:1] in "وف" and len(first.norm) > 5 else first.norm
    imperfect = n[:1] in "يت" and n.endswith("ون") and len(n) >= 6 and not (len(n) == 6 and n[3] == "ا")
    plural = (n.endswith("وا") and len(n) >= 4) or imperfect  # "يتكون"، "يتعاون": a root's «ن» after «و», one subject
    if plural and not n.startswith("ال") and _verb_like([Token(n, n, 0, len(n))]):
        return first.text
    if len(opening) > 1 and opening[1].norm in SUBJECT_SKIPPED and (_verb_like(opening[:1]) or _saying(first.norm)):
        return f"{first.text} {opening[1].text}"
    return None


def leans_for_subject(bullet: str, before: str) -> bool:
    """Whether a bullet's opening verb has its subject in the sentence ``before`` it.

    "طالبوا …"، "أثرت سلبا …", and a verb of saying with no speaker
    ("أضاف أن …"، "أشار إلى …") after a sentence that opens on a verb of
    saying of the same gender ("أكد السفير …، وأضاف أن …"): its speaker.
    """
    head = tokens(bullet)[:2]
    if _subject_before(head) is not None:
        return True
    if len(head) < 2 or not _unspoken(head[0].norm, head[1].norm):
        return False
    speaker = tokens(before)[:1]
    return bool(speaker) and _saying(speaker[0].norm) is not None and _feminine(speaker[0].norm) == _feminine(head[0].norm)


GOING_ON = _folded("تابع تابعت أردف أردفت استطرد استطردت استدرك استدركت")
"""Verbs of going on with what one said ("وتابع أن …"): before «أنّ» they report, elsewhere "تابع" follows something up."""


def _unspoken(verb: str, after: str) -> bool:
    """Whether two folded words are a verb of saying and, straight after it, «أنّ» or a preposition: no speaker between.

    "أضاف أن …"، "أشار إلى …"، "ذكر من جانب آخر": the verb's subject was
    never written here. "يُذكر أن" and "يُعتقد أن" are passives.
    """
    said = _saying(verb)
    if said is None and after in _REPORTED and _one_of(verb, GOING_ON) is not None:
        return True  # "تابع أن فرق الإنقاذ انتشلت …": "went on", said of a speaker named before
    if said is None or said in _IMPERSONAL:
        return False
    if after in _REPORTED:
        return True
    # "أكد لوكالة الأنباء …"، "أشار لمبادرة الرئيس …"، "قال للصحفيين": «لـ» on a noun straight after the verb, to
    # whom or to what; a name that begins with «ل» ("لاغارد"، "لبنان") is the speaker
    return after.startswith("لل") or (after[:1] == "ل" and after.endswith("ه") and len(after) > 4)


def _feminine(verb: str) -> bool:
    """Whether a folded verb is feminine singular by its shape: "قالت"، "أضافت"، "تشير" (not "يشير"، "أضاف")."""
    return verb.endswith("ت") or verb[:1] == "ت"


def _saying_after_frame(bullet: str) -> str | None:
    """A verb of saying straight after a fronted frame and its comma, with «أنّ» or a preposition and no speaker, or None."""
    words = tokens(bullet)
    if not words or words[0].norm not in FRAME_OPENERS:
        return None  # "وزارة التجارة الصينية، قالت …": a subject put first, not a frame
    k = _after_frame(words, bullet)
    if k is None or k + 1 >= len(words) or not _unspoken(words[k].norm, words[k + 1].norm):
        return None
    return f"{words[k].text} {words[k + 1].text}"


HEADING_WORDS = 4
"""How many words a sub-heading run into its paragraph may have before the paragraph's «وأضاف»."""


def _heading_before_saying(bullet: str) -> str | None:
    """The words before a «و» + verb of saying with no speaker, when they hold no verb and no comma, or None.

    A page flattened to text runs a sub-heading into its paragraph: "دور حيوي
    وأضاف أن مشاريع الشراكة …". The «وأضاف» goes on for a speaker named
    in the paragraph before, and what stands before it is a heading, not a
    clause ("وتنتقد منظمات حقوقية الاتفاق، وتقول إنه" has its verb and comma).
    """
    words = tokens(bullet)
    for k in range(1, min(HEADING_WORDS + 1, len(words) - 1)):
        if words[k].norm[:1] != "و" or not _unspoken(words[k].norm, words[k + 1].norm):
            continue
        before = words[:k]
        bare = [Token(w.text, _unlinked(w.norm), w.start, w.end) for w in before]
        if _verb_like(bare) or any(_saying(w.norm) for w in before) or re.search(r"[،,:؛]", bullet[: words[k].start]):
            return None
        return " ".join(w.text for w in words[: k + 2])
    return None


def _after_frame(words: Sequence[Token], text: str) -> int | None:
    """The first word after a fronted frame's comma, within :data:`FRAME_WORDS` of the start, or None."""
    for k in range(1, min(FRAME_WORDS + 1, len(words))):
        if text[words[k - 1].end : words[k].start].strip() in ("،", ",", "؛", ";"):
            return k
    return None


def _points_back(opening: Sequence[Token]) -> str | None:
    """The opening verb or preposition and the demonstrative after it ("يعني هذا"، "شهدت هذه المدينة"، "في هذه المياه").

    The demonstrative is the verb's subject or object, and it names what
    the sentence before said; cut out of the article it names nothing.
    Before a time noun it dates the fact ("يشهد هذا العام"), which is fine.
    """
    if len(opening) < 2 or opening[1].norm not in DEMONSTRATIVES:
        return None
    if opening[0].norm in _FRAME_PREPOSITIONS:  # "في هذه المياه عاشت …": which waters? "في هذا العام" dates the fact
        return None if len(opening) > 2 and opening[2].norm in TIME_NOUNS else f"{opening[0].text} {opening[1].text}"
    if not _verb_like(opening[:1]) and _saying(opening[0].norm) is None:  # "أوضح" has no verb's shape; a saying verb is known
        return None
    if len(opening) > 2 and opening[2].norm in TIME_NOUNS:
        return None
    if len(opening) > 2 and opening[2].norm.startswith("ال") and len(opening[2].norm) > 4:
        return None  # "يتيح هذا النظام": the noun says what; whether the box said it first is the box's rule (introduced)
    return f"{opening[0].text} {opening[1].text}"


_FRAME_PREPOSITIONS = _folded("في وفي من ومن على وعلى إلى عن خلال وخلال")
"""Prepositions that open a bullet on a place, thing or time pointed at: "في هذه المياه"، "من هذه الزاوية"."""


def demonstrative(norm: str) -> str | None:
    """The demonstrative a folded word is, bare or behind «ب/ل» and «و/ف» ("لهذه"، "وبذلك"), or None.

    "كذلك" ("also") is an adverb, not «ك» + «ذلك», and is left to the openings list.
    """
    word = _unlinked(norm)
    for candidate in (word, word[1:] if word[:1] in "بل" else ""):
        if candidate in DEMONSTRATIVES:
            return candidate
    return None


def _pointing_pronoun(opening: Sequence[Token]) -> str | None:
    """The opening up to a demonstrative that stands for a whole thing said before, or None.

    With no noun after it, a demonstrative is a pronoun for what the
    sentence before reported: "نتيجة لذلك ستتضاعف …"، "بناء على ذلك"،
    "تعد هذه أول مرة". Before a noun with «ال» it is that noun's, and the
    box rule (:func:`introduced`) asks whether the box said the noun.
    """
    for k, word in enumerate(opening[:3]):
        if demonstrative(word.norm) is None:
            continue
        if k + 1 < len(opening) and opening[k + 1].norm.startswith("ال"):
            return None
        return " ".join(t.text for t in opening[: k + 1])
    return None


POSSESSIVE_ENDINGS = ("ها", "هم", "هن", "هما")
ROOT_HA = _folded("اتجاها انتباها توجها تنبيها توجيها ترفيها تشابها وجها شبها نزاهة إنها أيها")
"""Words whose «ها» is part of the word, or no pronoun of a noun named before ("اتجاها" is "a direction")."""


def _owned(norm: str) -> bool:
    """Whether a folded word is a noun or particle with a possessive pronoun ("طاقتها"، "رئيسهم"، "ضمنها").

    A definite word takes no pronoun ("الأسهم"). What is left before the
    pronoun must be a word: three letters before «ها» ("منها" and "فيها"
    are prepositions, more often a link than a subject), four before «هم»,
    whose «هم» is a root's more often ("أسهم"، "يساهم"، "تفاهم").
    """
    word = norm[1:] if norm[:1] in "وف" and len(norm) > 4 else norm
    if word in ROOT_HA or word.startswith("ال"):
        return False
    suffix = next((e for e in POSSESSIVE_ENDINGS[::-1] if word.endswith(e)), None)
    return suffix is not None and len(word) - len(suffix) >= (4 if suffix == "هم" else 3)


_BEFORE_OWNER = _folded("في على من عن إلى مع عبر لدى بين")


def _owner_first(opening: Sequence[Token]) -> Token | None:
    """The word with a possessive pronoun that opens a bullet, alone or after a verb or a preposition, or None.

    "تبلغ طاقتها …"، "في استجابتها …": the owner was named before. After a
    noun the pronoun may point at that noun ("زبائن أغلبهم من النساء").
    """
    if opening and _owned(opening[0].norm):
        return opening[0]
    if len(opening) > 3 and _owned(opening[2].norm) and all(_bare_noun(w.norm) for w in opening[:2]) and _verb_like(opening[3:]):
        return opening[2]  # "سعر سلة خاماتها تراجع …": the subject's construct chain ends on the pronoun of a name cut before it
    if len(opening) < 2 or not _owned(opening[1].norm):
        return None
    first = opening[0]
    lead = first.norm in _BEFORE_OWNER or _verb_like([first]) or _saying(first.norm) is not None
    # "عدد زملائهم في العمل …": a construct chain's owner; "زبائن أغلبهم من النساء" describes the noun before it
    chain = _bare_noun(first.norm) and first.norm in CONSTRUCT_HEADS
    return opening[1] if lead or chain else None


CONSTRUCT_HEADS = _folded(
    "عدد حجم قيمة سعر أسعار نسبة معدل إجمالي مجموع أغلب معظم بعض جميع كل غالبية أكثر أقل رئيس مدير وزير عضو أعضاء "
    "موقف رد قرار خطة برنامج مشروع"
)
"""Nouns that open a construct chain ("عدد زملائهم"، "رئيس وزرائها"): with a pronoun as their second term, the owner
was named before the bullet."""


def _unlinked(norm: str) -> str:
    """A folded word without the «و/ف» it may be joined by ("وبذلك" → "بذلك"); a word of three letters keeps it."""
    return norm[1:] if norm[:1] in "وف" and len(norm) > 3 else norm


def _bare_noun(norm: str) -> bool:
    """Whether a folded word may head a construct chain: no «ال», no preposition, no verb's shape."""
    word = _unlinked(norm)
    return word.isalpha() and not word.startswith("ال") and word not in GOVERNORS and not verb_like(word)


_INNER_STOP = re.compile(
    r"[\u0621-\u064a]\s+\.\s*[\u0621-\u064a]+|[\u0621-\u064a]{2}\s*\.[\u0621-\u064a]+|[\u0621-\u064a]\.[\u0621-\u064a]{2,}"
)
"""A full stop between two Arabic words inside a bullet ("في .حتى عام 2006"، "الأرض .وقال"): no figure looks like
it, and the splitter ends sentences there unless the stop follows a preposition (a typo). A chain of single letters
is an abbreviation ("(ش.م.ع.ع)", a company's legal form; "ق.م."), where "50 م.في" runs two sentences together."""


def whole_ending(bullet: str) -> str | None:
    """The sentence does not end on a word that needs another after it.

    A preposition (في، من، إلى)، «أنّ»، «قد»، a relative pronoun or a
    conjunction is always followed by its complement: a bullet that ends
    on one was cut mid-phrase.
    """
    words = tokens(bullet)
    if len(words) > 1 and words[-1].norm in _ADVERBS and words[-2].norm in {"من", "عن"}:
        return None  # "من قبل"، "عن بعد": the preposition's object is the adverb itself
    if words and words[-1].norm in GOVERNORS:
        return f"ends on «{words[-1].text}», which needs what follows it"
    if len(words) > 1 and _saying(words[-1].norm):
        return f"ends on «{words[-1].text}» with nothing said"  # "…، وقال."
    follows = len(words) > 1 and words[-1].norm in {"يلي", "يأتي", "ياتي"} and words[-2].norm in {"ما", "كما", "فيما"}
    if words and (words[-1].norm in compress.LIST_LEADS or (len(words) > 1 and words[-2].norm == "النحو") or follows):
        return f"ends on «{words[-1].text}», which announces a list the bullet does not give"  # "وجاءت كالتالي."
    unsaid = _said_nothing_at_end(words, bullet)
    if unsaid is not None:
        return f"ends on «{unsaid} …» with nothing said"  # "…، وأوضح لكصاسي في آخر لقاء له معهم."
    lead_in = _source_lead_in(bullet)
    if lead_in is not None:
        return f"ends on «{lead_in} …», which introduced a clause the bullet cut"  # "…، وبحسب بيان الشركة[، فإنه …]"
    if len(words) > 1 and words[-1].norm in DEMONSTRATIVES - ENDING_POINTERS:
        return f"ends on «{words[-1].text}», which needs the noun it points at"  # "موضحا في هذا [الصدد]."
    inner = _INNER_STOP.search(bullet.rstrip().rstrip(".").rstrip())
    if inner:
        return f"a full stop inside the bullet («{inner.group().strip()}»): two sentences run together, or a word lost"
    singled = words and words[-1].norm in _ANNOUNCING_ADVERBS and bullet[: words[-1].start].rstrip()[-1:] in {"،", ","}
    if words and (singled or (words[-1].norm[:1] == "و" and words[-1].norm[1:] in _ANNOUNCING_ADVERBS)):
        return f"ends on «{words[-1].text}», which announces what it singles out"  # "…، خاصة [منها الكهرباء]."
    if len(words) > 1 and words[-1].norm == "الامر" and words[-2].norm in {"هو", "وهو"}:
        return f"ends on «{words[-2].text} {words[-1].text}», which the clause after it explains"  # "وهو الأمر [الذي …]"
    return None


_ANNOUNCING_ADVERBS = _folded("خاصة خصوصا لاسيما سيما تحديدا بالتحديد")
"""Words that single out what comes after them ("…، خاصة الكهرباء"، "وخصوصا …"): after a comma or with «و» a bullet
cannot end on one ("بصفة خاصة" ends a phrase)."""

SAID_TAIL_WORDS = 8
"""How near the end a «و» + verb of saying must be for the rest to be checked for what was said."""


def _said_nothing_at_end(words: Sequence[Token], bullet: str) -> str | None:
    """A closing «وأوضح X في …» whose words after the verb hold no «أنّ», colon or quotation, or None."""
    for k in range(max(1, len(words) - SAID_TAIL_WORDS), len(words) - 2):
        w = words[k]
        said = _saying(w.norm)
        if w.norm[:1] != "و" or said is None or said in _IMPERSONAL | {"بين"}:
            continue
        rest = bullet[w.end :]
        if any(t.norm in _REPORTED_CONTENT for t in words[k + 1 :]) or re.search(r"[:«“\"']", rest):
            return None
        # "وأوضح لكصاسي في آخر لقاء له معهم.": the speaker, then only where he spoke; "وأكد بقاء الدعم" said it
        if words[k + 2].norm in SETTING_PREPOSITIONS:
            return w.text
        return None
    return None


SETTING_PREPOSITIONS = _folded("في خلال عبر أمام لدى أثناء خلالها لـ ل")
"""Prepositions that tell where or to whom something was said ("في آخر لقاء", "خلال الندوة")."""


_REPORTED_CONTENT = _folded("أن إن بأن أنه إنه بأنه أنها إنها بأنها أنهم إنهم")


def _source_lead_in(bullet: str) -> str | None:
    """The bullet's last piece when it is «و» + a source ("، وبحسب بيان الشركة."), which leads into a clause, or None.

    A source after its claim stands without «و» ("…، بحسب الوكالة."); with
    «و» it opens the next clause ("وبحسب بيان الشركة، فإنه من المتوقع …").
    """
    last = re.split(r"[،,؛;:]", bullet.rstrip().rstrip("."))[-1]
    words = tokens(last)
    if len(words) < 2 or len(words) > ASIDE_LIMIT or words[0].norm[:1] != "و":
        return None
    if words[0].norm[1:] not in compress.TRAILING_SOURCES or not any(_bare(w.norm) in SOURCE_NOUNS for w in words[1:]):
        return None  # "، وطبقا لأعلى معدلات الجودة": a manner, not a source
    return words[0].text


SOURCE_NOUNS = _folded(
    "بيان البيان تقرير التقرير مصدر المصدر مصادر المصادر وكالة الوكالة صحيفة الصحيفة موقع الموقع "
    "معطيات بيانات البيانات إحصائيات أرقام الأرقام تصريح تصريحات مسؤول المسؤول"
)
"""Nouns that make «وبحسب …» a source (a statement, a report, an agency), not a manner ("طبقا للمعايير")."""


ASIDE_LIMIT = 8
"""Most words of a source phrase that may end a bullet as a lead-in («وبحسب بيان الشركة على تداول»)."""
ENDING_POINTERS = _folded("ذلك تلك")
"""Demonstratives that may end a sentence as pronouns ("قبل ذلك"، "وغير ذلك"); «هذا» ends one only when cut."""
_FUSED_HEADING = re.compile(r"[:：]\s*[-–—*]|\s[<>*•▪■]\s|^[^\s]*\s*[<>]\s")


def no_heading_inside(bullet: str) -> str | None:
    """No sub-heading or list marker fused into the sentence.

    Pages flattened to text run a sub-heading into the paragraph under it
    ("استمرار نشاط التسويق:- – التسويق يعني …") or keep a list's markers
    ("3 أسئلة < ما هي الأهداف …", "بالآتي: – الحفاظ على …"). A colon
    followed by a dash, or a lone «<»، «>»، «*»، «•» between words, is the
    page's layout, not a sentence's punctuation.
    """
    outside = compress.QUOTATION.sub(" ", bullet)
    mark = _FUSED_HEADING.search(outside)
    if mark is not None:
        return f"a heading or list marker inside the sentence («{mark.group().strip()}»)"
    turn = _TURN_INSIDE.search(outside)
    if turn is not None and (_saying(normalize(turn.group(1))) is not None or verb_like(normalize(turn.group(1)))):
        # "… تعد مجازفة من جهتها أكدت ريم محجوب …": the next sentence's link, with no full stop before it
        return f"two sentences run together at «{turn.group().strip()}»"
    return _table_rows(outside)


_TURN_INSIDE = re.compile(r"(?<=[^\s،,؛;:.!?؟\-–—(«“\"])\s+و?من\s+(?:جهته|جهتها|جانبه|جانبها|ناحيته|ناحيتها)\s*[،,]?\s+(\S+)")
"""«من جهتها» and a verb after it inside a bullet ("… مجازفة من جهتها أكدت …"): the next sentence's opening; after
its subject ("أعرب الوزير من جهته عن …") it is the same sentence's."""
_ROW_JOINERS = GOVERNORS | _folded("فيما بينما مقابل كما ثم أو اضافة إضافة مقارنة حين")
"""Words that join one figure to the next in a sentence ("800 ألف دولار فيما تقدر … 235 ألف دولار")."""
TABLE_REPEATS = 3
"""How often one word recurs with nothing between its runs to join them before the bullet reads as a table's rows."""


def _table_rows(text: str) -> str | None:
    """A price table flattened into a line ("عيار 18 سجل 587 جنيها للجرام عيار 21 سجل 685 جنيها للجرام …").

    Rows run together repeat the same words with neither a comma nor «و»
    between one row and the next; a sentence that lists joins them.
    """
    words = tokens(text)
    repeated: list[str] = []
    seen: dict[str, list[int]] = {}
    for k, w in enumerate(words):
        if w.norm.isalpha() and len(w.norm) >= 3:
            seen.setdefault(w.norm, []).append(k)
    for word, where in seen.items():
        if len(where) < TABLE_REPEATS or word in GOVERNORS:
            continue
        runs = list(itertools.pairwise(where))
        # a row gives a figure ("عيار 18 سجل 587 جنيها"): a word said thrice in prose ("خضاب الدم … الدم") is no table
        rows = [
            any(t.norm[:1].isdigit() for t in words[a:b])
            and not any(t.norm[:1] == "و" or t.norm in _ROW_JOINERS for t in words[a + 1 : b + 1])
            and not re.search(r"[،,؛;.\n]", text[words[a].end : words[b].start])
            for a, b in runs
        ]
        if sum(rows) >= TABLE_REPEATS - 1:
            repeated.append(word)
    if len(repeated) >= 2:  # a row's label and its unit ("عيار … جنيها"): one word thrice is a sentence's own ("مليون")
        return f"a table's rows run together («{repeated[0]}» … «{repeated[1]}» again and again with nothing joining them)"
    return None


def case_left_behind(bullet: str) -> str | None:
    """The first word is not a sound plural or dual in the accusative/genitive.

    A sentence's subject is nominative ("المسؤولون قالوا", "مقاتلون من
    لواء …"). The «ين» ending (or a dual construct "عنصري الحماية") at the
    very start is the trace of a deleted «إنّ»/«أنّ» that governed it: the
    sentence was cut after its particle, and the case shows it.
    """
    words = tokens(bullet)
    shown = _case_shown(words, 0)
    if shown is not None:
        return f"opens with «{shown}», a subject left in the accusative by a deleted «إنّ/أنّ»"
    if len(words) > 1 and words[0].norm in THERE_IS and _indefinite_accusative(words[1].norm):
        return f"opens with «{words[0].text} {words[1].text}», a subject left in the accusative by a deleted «أنّ»"
    if len(words) > 2 and _indefinite_accusative(words[0].norm) and not bullet[words[0].end : words[1].start].strip():
        # "مصدرا في وزارة الزراعة، طلب عدم ذكر اسمه، أكد أن …": [غير أن] governed it; "حاليا، أكد …" is an adverb
        said = next((w for w in words[1:ACCUSATIVE_REACH] if _saying(w.norm) is not None), None)
        adverbial = _ADVERBIAL_NOUN.match(words[0].norm[:-1]) is not None  # "تزامنا مع"، "استنادا إلى"، "نظرا ل"
        if said is not None and not adverbial and not verb_like(words[1].norm) and _saying(words[1].norm) is None:
            return f"opens with «{words[0].text}», a subject left in the accusative by a deleted «أنّ» before «{said.text}»"
    return None


_ADVERBIAL_NOUN = re.compile(
    r"^(?:ت..+|است.+|ان..ا.|ا.ت.ا.|ا..ا.|نظر|وفق|طبق|رد|بناء|اضاف|تبع|خصوص|عموم|حالي|مؤخر|سابق|لاحق|اخير|ايض)$"
)
"""Verbal nouns and adverbs a sentence opens with in the accusative ("تزامنا مع …"، "استنادا إلى …"، "انطلاقا من …"،
"نظرا ل…"): a frame, not a subject a deleted «أنّ» left behind."""
ACCUSATIVE_REACH = 18
"""How far after an opening accusative noun its verb of saying may come, past an aside."""


THERE_IS = _folded("هناك هنالك")
"""«هناك جهدٌ»: after "there is" the subject is nominative; «هناك جهدًا» is what «أنّ هناك جهدًا» left."""


def _indefinite_accusative(word: str) -> bool:
    """Whether a folded word ends in the accusative's «ا» of an indefinite noun ("جهدا"، "تفهما"), not a plural's «ايا»."""
    return (
        len(word) >= 4
        and word.endswith("ا")
        and not word.endswith(("ايا", "اا"))
        and not word.startswith("ال")
        and word not in SUBJECT_SKIPPED
        and word.isalpha()
    )


def _case_shown(words: Sequence[Token], k: int, dual: bool = False) -> str | None:
    """The words from ``k`` that show an accusative subject: the noun itself ("المسؤولين"), or the adjective
    that agrees with it ("الخبراء الاقتصاديين": a broken plural shows no case, its adjective does)."""
    if k >= len(words):
        return None
    nxt = words[k + 1].norm if k + 1 < len(words) else ""
    if _accusative_form(words[k].norm, nxt, dual):
        return words[k].text
    if words[k].norm.startswith("ال") and nxt.startswith("ال") and _accusative_form(nxt, "") and nxt not in PLURAL_EXCEPTIONS:
        return f"{words[k].text} {words[k + 1].text}"
    return None


def _accusative_form(word: str, following: str, dual: bool = False) -> bool:
    """Whether a word shows the accusative/genitive of a sound plural or dual: "المسؤولين", "مقاتلين", "عنصري الأمن"."""
    if word in PLURAL_EXCEPTIONS or not word.isalpha() or word.startswith(("لل", "بال", "كال")):
        return False  # "للمسؤولين": a preposition's genitive, not a subject
    if word.endswith("ين") and len(word) >= (7 if word.startswith("ال") else 6):
        return True
    return dual and not word.startswith("ال") and word.endswith("ي") and len(word) >= 5 and following.startswith("ال")


def first_person(bullet: str, deeds: bool = True) -> str | None:
    """No first-person narration, and no reader addressed, outside a quotation.

    An interview or an opinion piece is written "أقول"، "إلينا"، "بلادنا",
    an advice column "يمكنك"، "عليكم"; a box reports in the third person,
    and such a word outside quotation marks has no speaker the reader can see.
    ``deeds=False`` leaves out what "we" did ("رصدنا"، "اتفقنا", see :func:`_we_did`).
    """
    bare = compress.QUOTATION.sub(" ", bullet) if any(q in bullet for q in "«“\"'") else bullet  # tokens stay cached
    words = tokens(bare)
    named = {b.norm for a, b in itertools.pairwise(words) if a.norm.removeprefix("ال") in NAMING}
    found = [
        t.text
        for t in words
        if (t.norm in _PERSONS or (t.norm[1:] in _PERSONS and t.norm[:1] in "وف") or (deeds and _we_did(t.norm)))
        and t.norm not in named
    ]
    # "أكد لي أن …": «لي» after a verb of saying is "to me" (elsewhere it may be a name: "لي كه تشيانغ")
    found += [b.text for a, b in itertools.pairwise(words) if b.norm == "لي" and _saying(a.norm) is not None]
    return f"first or second person outside a quotation: «{found[0]}»" if found else None


NAMING = _folded("شركة مؤسسة مجموعة تطبيق منصة جمعية مبادرة حملة برنامج مصرف بنك موقع صحيفة مجلة قناة مشروع")
"""Nouns whose next word is a name: "شركة مياهنا"، "مبادرة بلادنا" name a firm or a campaign, no one speaking."""
OUR_TIMES = _folded("يومنا عصرنا وقتنا زمننا عالمنا")
""""Our" in set phrases of time that speak for no one ("حتى يومنا هذا"، "في عصرنا الحالي")."""


def _we_did(word: str) -> bool:
    """A past verb with «نا», "we" ("استلهمنا"، "وقررنا"، "رصدنا") or "us" ("أخبرنا"), by the dictionary's verb lemmas.

    Only a lemma of three letters or more before «نا», with no «ا» right
    before it ("أحيانا"). Where the lemma is a noun's spelling too ("رصد"،
    "عمل"), the word less its last «ا» must be no noun ending in «ن» in the
    accusative ("زمنا"، "ثمنا"، "حسنا"), and no set phrase of time ("حتى
    يومنا هذا"). "Our" on a noun ("منتخبنا"، "مصرفنا") is not read here: a
    national paper writes its team so, and the box keeps such a headline
    fact rather than lose it; :data:`FIRST_PERSON` lists the common ones.
    """
    if not word.endswith("نا") or len(word) < 5 or word[-3] == "ا":
        return False
    if word in SPEAKER_GOES_ON or (word[:1] == "م" and len(word) == 5):
        return False  # "معلنا"، "مبينا": a participle whose root ends in «ن», with the accusative's «ا»
    if word in _place_forms() or word[1:] in _place_forms():
        return False  # "أثينا"، "فيينا"، "وأثينا": a city, not "we"
    from khulasa.summarize import lexicon

    only = lexicon.verbs_only()
    stem = word[:-2]
    if stem in only or (stem[:1] in "وف" and stem[1:] in only and len(stem) > 3):
        return True
    if word in OUR_TIMES or word[1:] in OUR_TIMES:
        return False
    nouns, vocabulary = lexicon.nouns(), lexicon.words()
    if word in vocabulary or word in nouns or word[:-1] in nouns or (word[:1] in "وف" and word[1:-1] in nouns):
        return False  # "حسنا"، "ومهيمنا": a noun of «ن» in the accusative, or a word of its own
    verbs = lexicon.verbs()
    return stem in verbs or (stem[:1] in "وف" and stem[1:] in verbs and len(stem) > 3)


def question_kept(bullet: str) -> str | None:
    """A question stays a question.

    "هل …" or "لماذا …" ending with a full stop states what the article
    only asked. (The source check, :func:`question_in_source`, catches a
    question whose interrogative was itself deleted.)
    """
    head = _opening(bullet)
    if head and head[0] in INTERROGATIVES - {normalize("لم")} and not bullet.rstrip().endswith(("؟", "?")):
        return f"the question «{tokens(bullet)[0].text} …» reads as a statement"
    return None


CLAUSE_LEAST = 2
"""Fewest words of letters a bullet needs for a clause ("انخفض التضخم."): with fewer it is a date or a figure."""


SEPARATE_PRONOUNS = _folded("هو هي هم هما هن")


def anna_has_subject(bullet: str) -> str | None:
    """«أنّ/إنّ» takes its subject straight after it, a pronoun only as a suffix ("أنه"، "إنها").

    "ذكرت الهيئة أن هو الموعد النهائي" lost the subject between them
    ("أن [اليوم الأربعاء] هو الموعد"): a deletion left the predicate's
    pronoun where the subject was.
    """
    words = tokens(bullet)
    for a, b in itertools.pairwise(words):
        if a.text in _ANNA | {"إن", "لأن"} and b.norm in SEPARATE_PRONOUNS and not bullet[a.end : b.start].strip():
            return f"«{a.text} {b.text}»: the subject «{a.text}» governs was cut"
    return None


def has_main_clause(bullet: str) -> str | None:
    """A frame is not a sentence: "بانتظار نتائج التحقيق." has no main clause.

    A bullet that opens with a prepositional or adverbial frame (بانتظار،
    وسط، في ظل، بعد …) must go on, after a comma, to the clause the frame
    belongs to; without one it is a fragment.
    """
    if sum(1 for t in tokens(bullet) if t.norm.isalpha()) < CLAUSE_LEAST:
        return "has too few words for a clause: a date or a figure alone says nothing"  # "28/10/2019."
    head = _opening(bullet)
    conditional = next((p for p in CONDITIONALS if tuple(head[: len(p)]) == p), None)
    if conditional is not None and not re.search(r"[،,:؛؟?]", bullet) and not _answered(bullet, conditional, head):
        return f"opens with the condition «{' '.join(conditional)}» and never says what follows from it"
    for phrase in FRAGMENT_OPENERS:
        if tuple(head[: len(phrase)]) == phrase and not re.search(r"[،,:؛]", bullet) and not _verb_like(tokens(bullet)[1:]):
            return f"opens with the frame «{' '.join(tokens(bullet)[i].text for i in range(len(phrase)))}» and has no main clause"
    return None


def _answered(bullet: str, conditional: tuple[str, ...], head: Sequence[str]) -> bool:
    """Whether a condition with no comma still gets its result: a «ف» answer, or a frame before a noun.

    "إذا وافق البرلمان فسيبدأ العمل": «ف» opens the result. "في حالة مرض
    الكبد تتراكم الأمونيا": before a noun «في حالة» frames the clause that
    follows without a comma; only "في حال تعذر ذلك …", a verb and no other, is a condition left alone.
    """
    words = tokens(bullet)
    if any(t.norm[:1] == "ف" and len(t.norm) >= 3 for t in words[2:]):  # "فإن"، "فقد"، "فسيبدأ"
        return True
    if conditional[-1] not in {"حال", "حاله"}:
        return False
    clauses = sum(1 for t in words[len(conditional) :] if verb_like(t.norm[1:] if t.norm[:1] == "و" else t.norm))
    return clauses != 1 or len(head) < 3 or not verb_like(head[2])


BULLET_RULES: tuple[tuple[str, Callable[[str], str | None]], ...] = (
    ("unbalanced", balanced),
    ("dateline", clean_start),
    ("dangling_opening", stands_alone),
    ("cut_phrase", whole_ending),
    ("accusative_subject", case_left_behind),
    ("first_person", first_person),
    ("question", question_kept),
    ("no_main_clause", has_main_clause),
    ("stranded", anna_has_subject),
    ("heading", no_heading_inside),
)
"""The rules that need only the bullet: they run on every engine's bullets."""


# ---------------------------------------------------------------- rules that judge a deletion


def quote_cut(cut: Cut) -> str | None:
    """A quotation is kept whole or not at all.

    When the source quotes someone and the bullet keeps the opening of the
    quotation but not its end (or the reverse), the marks may balance
    after clean-up and the speaker's words still be cut off mid-quote.
    """
    for m in compress.QUOTATION.finditer(cut.source):
        inside = [i for i, t in enumerate(cut.source_words) if m.start() <= t.start < m.end()]
        if len(inside) < 2:
            continue
        kept = [i for i in inside if i in set(cut.origin)]
        if kept and len(kept) < len(inside):
            return "keeps part of a quotation"
    return None


_SPACED_DASH = re.compile(r"(?<!\d\s)(?<=\s)[-–—](?=\s)(?!\s\d)")
"""A dash with a space on each side and no figure next to it: an aside's mark, not a range's ("690 - 730")."""


def dash_pair_cut(cut: Cut) -> str | None:
    """Dashes that set off an aside come in pairs: a cut keeps both or neither.

    "وقال حجار - بحسب بيان للبنك - إن …" cut to "قال حجار - إن …" leaves
    the aside's opening dash between the speaker and what he said. Only a
    source whose spaced dashes pair up is judged: one dash alone in it may
    be a dateline's or a range's.
    """
    source = len(_SPACED_DASH.findall(cut.source))
    kept = len(_SPACED_DASH.findall(cut.bullet))
    return "keeps one dash of an aside whose other dash was cut" if source and source % 2 == 0 and kept % 2 else None


NEGATIONS = _folded("لا لم لن ليس ليست")
"""Particles that negate the verb or clause after them."""


def negation_kept(cut: Cut) -> str | None:
    """A cut does not delete a negation and keep what it negated.

    "وقال الشيخ أحمد إنه [لا يتوقع] أن تعقد أوبك اجتماعا" cut to "قال
    الشيخ أحمد أن تعقد أوبك اجتماعا" says the opposite of the source. A
    deleted run whose last two words hold «لا/لم/لن/ليس» negated what
    follows it, and what follows was kept.
    """
    for k in range(len(cut.words)):
        deleted = cut.deleted_before(k)
        hit = next((t for t in deleted[-2:] if t.norm in NEGATIONS), None)
        if hit is not None:
            return f"deletes «{hit.text}» before «{cut.words[k].text}», which it negated: the bullet says the opposite"
    # "لا يعتد بأي وكالة جديدة وفقا للقانون، [والأمر القضائي إلا بعد إنهاء الخلاف]": without its «إلا» the
    # negation is absolute, which the source never said
    tail = cut.deleted_after_end()[:EXCEPTION_REACH]
    exception = next((t for t in tail if _unlinked(t.norm) == "الا"), None)
    if exception is not None and any(w.norm in NEGATIONS for w in cut.words[-EXCEPTION_REACH * 2 :]):
        return f"cuts «{exception.text} …» after a negation: what it excepted now reads as never"
    return None


EXCEPTION_REACH = 6
"""How far into a cut tail an «إلا» still excepts from the negation the bullet ends on."""


def governed_subject(cut: Cut) -> str | None:
    """No subject is left in the accusative of a deleted «إنّ/أنّ».

    "قال إن مقاتلين من اللواء سيطروا" → "مقاتلين من اللواء سيطروا" keeps
    the case «إنّ» gave the subject. Wherever a complementizer was deleted
    right before a kept word that shows that case (a sound plural or dual),
    the bullet is broken.
    """
    for k in range(len(cut.words)):
        gone = cut.deleted_before(k)
        if gone and gone[-1].norm in COMPLEMENTIZERS:
            shown = _case_shown(cut.words, k, dual=True)
            if shown is not None:
                return f"«{shown}» keeps the accusative of the deleted «{gone[-1].text}»"
    return None


def predicate_kept(cut: Cut) -> str | None:
    """Every «أنّ/إنّ» clause keeps its predicate.

    «أنّ» + subject is half a clause; when the bullet stops within three
    words of a complementizer and the source went on, the predicate ("…
    أن الاستعدادات [بلغت مراحلها الأخيرة]") is what was cut.
    """
    rest = cut.deleted_after_end()
    if not rest or not cut.words:
        return None
    said = next((w for w in cut.words if _saying(w.norm)), None)
    if rest[0].norm in CONTENT_OPENERS and not any(w.norm in COMPLEMENTIZERS for w in cut.words):
        if said is not None:
            return f"what «{said.text}» said was cut: the bullet stops before «{rest[0].text} …»"  # "أكد الوزير، [أن …]"
        # "برر الوزير، في رده على السؤال، [أن السماح …]": the verb's content was what followed
        return f"the clause the bullet needs was cut: it stops before «{rest[0].text} …»"
    if _says_nothing(cut):
        verb = cut.words[_verb_after_frame(cut) or 0]
        return f"«{verb.text}» and its speaker are kept, what was said or asked for was cut"
    if (object_cut := _object_cut(cut, rest)) is not None:
        return object_cut
    commas = [k for k, w in enumerate(cut.words) if cut.bullet[w.end : w.end + 2].lstrip()[:1] in ("،", ",")]
    done = next((k for k in commas if cut.words[k].norm in PASSIVE_DONE), None)
    if done is not None and commas[-1] == done:
        # "أنه تم، عملا بالمرسوم … الذي انعقد [اليوم، اعتماد نظام …]": what was done comes after the aside
        return f"«{cut.words[done].text}» lost what was done: the aside after it never closes"
    tail = cut.words[-3:]
    for i, word in enumerate(tail):
        if word.norm in COMPLEMENTIZERS and not _verb_like(tail[i + 1 :]):
            return f"the «{word.text}» clause lost its predicate"
    # a longer subject ("إن مقاتلين من لواء الإسلام وعدة كتائب أخرى، [سيطروا …]"): the verb is in what was cut
    that = (k for k, w in enumerate(cut.words) if _unlinked(w.norm) in COMPLEMENTIZERS or w.norm in WITH_PRONOUN)
    last = max(that, default=None)
    if last is None or _verb_like(cut.words[last + 1 : last + 2]):
        return None
    aside = _aside_of_subject(cut, last)
    if aside is not None:
        return f"the «{cut.words[last].text}» clause lost its predicate after the aside «{aside} …»"
    if _verb_like(cut.words[last + 1 :]):
        return _described_only(cut, last)
    opener = _unlinked(rest[0].norm)  # "والملاحظ أن تاريخ المحاكمة، [وهو 2 ديسمبر سيتزامن …]"
    if (opener in RELATIVE_PRONOUNS or opener in SEPARATING_PRONOUNS) and len(cut.words) - last - 1 <= SUBJECT_WORDS:
        # "أكد المدير أن مشروع البحر الأحمر [الذي أعلنه … سيحدث نقلة]": the subject's description, then its predicate
        return f"the «{cut.words[last].text}» clause lost its predicate after «{rest[0].text} …»"
    if _verb_like(rest[:3]) and not any(w.norm in COMPLEMENTIZERS for w in rest[:3]):
        return f"the «{cut.words[last].text}» clause lost its predicate «{rest[0].text} …»"
    return None


def _aside_of_subject(cut: Cut, last: int) -> str | None:
    """The «، وهو …» aside an «أنّ» clause's subject runs into, when the bullet ends inside it: its predicate came after.

    "وأن عمليات البحث عن البحار المفقود، وهو عضو في طاقم العبارة يبلغ من
    العمر 34 عاما[، متواصلة …]": the aside describes the sailor, and the
    clause never says what the search is.
    """
    for k in range(last + 2, len(cut.words)):
        gap = cut.bullet[cut.words[k - 1].end : cut.words[k].start]
        if not re.search(r"[،,]", gap):
            if _verb_like(cut.words[k - 1 : k]) and k - 1 > last:
                return None  # a verb of the subject's own clause before any comma: the predicate is there
            continue
        word = cut.words[k]
        # "، وهو عضو في الطاقم"، "، وتضم 142 معتمرا": an aside on the subject, the predicate still to come
        if word.norm[:1] == "و" and (word.norm[1:] in SEPARATING_PRONOUNS or _present_verb(word.norm[1:])):
            later = cut.bullet[word.end :]
            return word.text if not re.search(r"[،,؛;]", later) else None
        return None
    return None


def _present_verb(word: str) -> bool:
    """A verb by its shape, or an imperfect the dictionary knows by its lemma behind «يـ/تـ» ("تضم": «ضم»)."""
    from khulasa.summarize import lexicon

    return verb_like(word) or (word[:1] in "يت" and len(word) > 2 and word[1:] in lexicon.verbs())


def _described_only(cut: Cut, last: int) -> str | None:
    """An «أنّ» clause whose only verb is its subject's relative clause, cut at a comma the source went on from.

    "اعتبرت الجمعية أن الضجة الإعلامية التي رافقت قرار المنع[، من شأنها
    التشكيك في جودة المنتجات]": «رافقت» is the description's verb; the
    clause's own predicate came after the comma. With two verbs after the
    relative pronoun the second may be the predicate, and the rule stays out.
    """
    after = cut.words[last + 1 :]
    relative = next((k for k, w in enumerate(after) if w.norm in RELATIVE_PRONOUNS), None)
    if relative is None or relative == 0 or relative > SUBJECT_WORDS or _verb_like(after[:relative]):
        return None
    # counted generously ("بدأت" folds to a plural's shape, "بدات"): a second verb, even a doubtful one, keeps the rule out
    verbs = sum(1 for w in after[relative + 1 :] if _verb_like([w]) or (w.norm.endswith("ت") and 4 <= len(w.norm) <= 5))
    stop = cut.source[cut.source_words[cut.origin[-1]].end :].lstrip()[:1]
    if verbs == 1 and stop in ("،", ","):
        return f"the «{cut.words[last].text}» clause lost its predicate: only its subject's description is kept"
    return None


PASSIVE_DONE = _folded("تم يتم سيتم وتم ويتم وسيتم جرى يجري وجرى")
"""«تمّ»-verbs whose subject is the act done ("تم اعتماد النظام"): an aside may stand between the two."""


def _says_nothing(cut: Cut) -> bool:
    """Whether a cut keeps a verb that must say or ask for something, its speaker, and nothing more.

    "دعا د. أحمد الشفا، مدير شركة الأدوية، [وزارة المالية إلى توفير …]": the
    cut fell at the comma after the speaker's role. Such a verb ("دعا"،
    "طالب"، "قال"، "أوضح" …) needs «أنّ», a quotation, «إلى»/«بـ» and what it
    governs, or a clause with a verb of its own; without any of them it says nothing.
    The verb may follow a frame fronted with its comma ("وعن طريقة السداد،
    أضافت …، [: يبلغ سعر الوحدة …]").
    """
    if re.search(r"[:«»\"“”]", cut.bullet):
        return False
    verb = _verb_after_frame(cut)
    if verb is None:
        return False
    rest = cut.words[verb + 1 :]
    if any(w.norm in COMPLEMENTIZERS or w.norm in {"الي", "علي"} or (w.norm[:1] == "ب" and len(w.norm) > 3) for w in rest):
        return False
    return not _verb_like(rest)


def _object_cut(cut: Cut, rest: Sequence[Token]) -> str | None:
    """What a verb of saying that opens the bullet brought out, when the cut fell before it.

    "أبرز شوينفست، خلال اجتماع مع …، على هامش …، الذي ينعقد …، [الاستقلالية
    المؤسساتية للمندوبية]": the speaker, then only asides (each opening with
    a preposition or a relative pronoun), and the noun the verb governs was
    the tail the cut dropped. A tail that opens with «و»، a preposition, a
    relative pronoun, a date or the speaker's going on is no object.
    """
    first = cut.words[0].norm
    if _saying(first) is None and _one_of(first, NEEDS_CONTENT) is None:
        return None
    if re.search(r"[:«»\"“”]", cut.bullet) or not re.search(r"[،,]", cut.between(cut.origin[-1], cut.origin[-1] + 1)):
        return None  # a quotation said something; a cut at no comma left the sentence's own going on
    nxt = rest[0].norm
    if not nxt.isalpha() or nxt[:1] in "وفبل" or nxt in RELATIVE_PRONOUNS or nxt in TIME_NOUNS or nxt in SPEAKER_GOES_ON:
        return None
    if nxt in _OBJECTLESS_OPENERS or nxt in FRAME_OPENERS or _verb_like(rest[:1]):
        return None
    segments = [tokens(part) for part in re.split(r"[،,]", cut.bullet)]
    speaker, asides = segments[0][1:], [seg for seg in segments[1:] if seg]
    if not speaker or len(speaker) > _SPEAKER_WORDS or not asides:
        return None
    if any(w.norm in _OBJECTLESS_OPENERS or w.norm in COMPLEMENTIZERS or w.norm[:1] in "بل" for w in speaker):
        return None  # "كشفت البيانات عن تراجع …": what was brought out is there
    if all(seg[0].norm in _ASIDE_OPENERS or seg[0].norm in RELATIVE_PRONOUNS for seg in asides):
        return f"«{cut.words[0].text}» lost what it brought out: the bullet stops before «{rest[0].text} …»"
    return None


_OBJECTLESS_OPENERS = _folded("حيث إذ مما ما كما بعد قبل منذ حتى إلى الى من عن مع عند لدى أمس اليوم غدا وسط إثر اثر عقب")
"""Words that open a tail which is no object of the verb before it: a circumstance, a time, a place."""
_ASIDE_OPENERS = _folded("خلال على في لدى أمام بحضور عقب إثر أثناء مع عند بمناسبة وذلك")
"""Words that open an aside between a speaker and what he said ("، خلال اجتماع …"، "، على هامش …")."""
_SPEAKER_WORDS = 6
"""Most words a speaker's name and role take before the first comma ("مدير شعبة الإحصاء ستيفان شوينفست")."""


FRAME_OPENERS = _folded("حول عن وعن في وفي بخصوص بشأن فيما وفيما على من خلال بعد قبل أمام إزاء حيال تعليقا ردا")
"""Words that open a frame fronted before the verb ("حول رؤيته للتعديلات، أكد …"): a preposition or an adverb."""
FRAME_WORDS = 10
"""Most words of a frame fronted before a verb of saying ("وعن طريقة السداد، أضافت …")."""


def _verb_after_frame(cut: Cut) -> int | None:
    """Where the bullet's verb of saying is: its first word, or the first after a fronted frame and its comma."""
    if _one_of(cut.words[0].norm, NEEDS_CONTENT) is not None:
        return 0
    k = _after_frame(cut.words, cut.bullet)
    return k if k is not None and _one_of(cut.words[k].norm, NEEDS_CONTENT) is not None else None


NEEDS_CONTENT = _folded(
    "قال قالت أضاف أضافت أوضح أوضحت أشار أشارت لفت لفتت دعا دعت طالب طالبت ناشد ناشدت حث حثت برر بررت نوه نوهت شدد شددت"
)
"""Verbs of saying and calling that never stand with their subject alone (unlike "أعلن"/"أكد", which take a noun:
"أعلن الوزير إطلاق الخطة")."""

CONTENT_OPENERS = compress.COMPLEMENTIZERS
"""What opens the clause a verb reports or explains («أنّ»، «إنّ»، «بأنّ»): a bullet that stops just before one has lost
its content."""
RELATIVE_PRONOUNS = _folded("الذي التي الذين اللذين اللتين اللذان اللتان اللواتي اللاتي")
SEPARATING_PRONOUNS = _folded("هو هي هم هما")
""""أن الوزارة، [هي الطرف الممثل …]": the pronoun that opens a nominal predicate."""
WITH_PRONOUN = _folded("أنه أنها بأنه بأنها")
"""«أنّ» with its pronoun, which may still be followed by the clause's subject ("مؤكدا أنه وزارة التجارة، [هي …]")."""
SUBJECT_WORDS = 5
"""Most words an «أنّ» clause with no verb may hold and still be only its subject when a relative clause was cut after it."""


_VERB_SHAPED_NOUNS = _folded("يناير يونيو يوليو تموز تشرين")
"""Months that open with a verb's prefix letter."""


def verb_like(word: str) -> bool:
    """Whether one folded word has a verb's shape (see :func:`_verb_like`)."""
    return _verb_like([Token(word, word, 0, len(word))])


def _verb_like(words: Sequence[Token]) -> bool:
    """Whether a run holds a verb, by its shape: an imperfect (يـ تـ سيـ) or a perfect ending in «وا» or «ت».

    Nouns share these letters, so the shapes that are nouns far more often
    are left out: a word with «ال», and one ending in «ة» or «ات» ("تكهنات"،
    "قوات"). What is left is rough, and the rules that use it only ask
    whether a clause has *some* verb.
    """
    for w in words:
        n = w.norm
        if n.startswith("ال") or n.endswith(("ه", "ات", "يه")) or not n.isalpha() or n in _VERB_SHAPED_NOUNS:
            continue
        if len(n) >= 6 and sum(ch in "اوي" for ch in n[1:]) >= 3 and not n.endswith(("ون", "ين", "وا", "ان")):
            continue  # "تيليكوم"، "تيليفزيون": a borrowed name spelled with its vowels, not a verb's pattern
        if (n[:1] in "يت" and len(n) >= 4) or (n[:2] in ("سي", "ست") and len(n) >= 5):
            return True
        if (n.endswith("وا") or n.endswith("ت")) and len(n) >= 4:
            return True
    return False


_CLAUSE_MARKS = re.compile(r"[،,؛;:.\-–—»”\")]")
"""Marks that close a clause, an aside or a quotation: a deletion right after one is at a boundary."""


def _at_boundary(cut: Cut, k: int) -> bool:
    """Whether such a mark follows bullet word ``k`` in the source (the source must go on after it)."""
    return bool(_CLAUSE_MARKS.search(cut.between(cut.origin[k], cut.origin[k] + 1)))


def _source_said(before: Token, gone: Sequence[Token]) -> bool:
    """Whether the deletion after a source word is only "ما" and its verb of saying ("بحسب [ما أعلنته] الوزارة")."""
    return (
        _source_word(before.norm)
        and 2 <= len(gone) <= 3
        and gone[0].norm == "ما"
        and (len(gone) == 2 or gone[2].norm in compress.SAID_AFTER_MA)  # "وفق [ما جاء في] بيان الهيئة"
    )


def nothing_stranded(cut: Cut) -> str | None:
    """No adjective or genitive is stranded by a deletion.

    An adjective agrees with the noun before it ("الأسبوع المقبل",
    "وزارة الخارجية الأمريكية"); a preposition or a noun in construct
    governs the word after it ("من الأسبوع", "تعاملات اليوم"). A deletion
    between a kept word and the word it belonged to leaves "اعتبارا من
    المقبل" or "وزارة الأمريكية". Deletions at a comma are clause
    boundaries and are fine.
    """
    for k in range(1, len(cut.words)):
        gone = cut.deleted_before(k)
        if not gone:
            continue
        word, before = cut.words[k], cut.words[k - 1]
        if _at_boundary(cut, k - 1):
            continue
        if word.norm in TIME_ADJECTIVES or (
            word.norm.startswith("ال") and word.norm.endswith(("يه", "يين", "يون")) and gone[-1].norm.startswith("ال")
        ):
            return f"«{word.text}» lost the noun «{gone[-1].text}» it describes"
        if _source_said(before, gone) and not word.norm.startswith("لل"):
            continue  # "حسب [ما أفادت] الوزارة": the source word governs the source as well as what it said
            # ("بحسب [ما قال] للزوار" leaves the source word before "to the visitors")
        if (before.norm in GOVERNORS - COMPLEMENTIZERS and len(before.norm) > 1) or _holds_construct(before.norm):
            return f"«{before.text}» lost the word «{gone[0].text}» it governs"
    rest = cut.deleted_after_end()
    last = cut.words[-1]
    if rest and _holds_construct(last.norm) and not _at_boundary(cut, len(cut.words) - 1):
        return f"«{last.text}» lost the word «{rest[0].text}» it governs"  # "مساء أمس وفجر [اليوم الأربعاء]."
    moved = _figure_cut(cut, rest)
    if moved is not None:
        return moved
    # "… ما هو الدعم، وحقيقة [الأمر أن …]": a noun in construct ends the bullet without the noun it is of
    construct = rest and rest[0].norm.startswith("ال") and last.text.endswith("ة") and not _unlinked(last.norm).startswith("ال")
    if construct and not _at_boundary(cut, len(cut.words) - 1):
        return f"«{last.text}» lost the word «{rest[0].text}» it is in construct with"
    return None


def _holds_construct(word: str) -> bool:
    """Whether a word (with or without its «و») is one of :data:`CONSTRUCT_HOLDERS` ("فجر"، "وفجر")."""
    return word in CONSTRUCT_HOLDERS or (word[:1] == "و" and word[1:] in CONSTRUCT_HOLDERS)


def _figure_cut(cut: Cut, rest: Sequence[Token]) -> str | None:
    """A verb of rising or falling near the bullet's end whose figure was in the tail the cut dropped.

    "… ليرتفع بذلك عدد السياح المغاربة [الذين توافدوا على أكادير بمعدل 4.32
    في المائة]": risen by how much? The bullet says a figure moved and not
    where to.
    """
    tail = cut.words[-CHANGE_REACH:]
    verb = next(
        (k for k, w in enumerate(tail) if _unlinked(w.norm) in CHANGE_VERBS and not (k and tail[k - 1].norm in GOVERNORS)),
        None,
    )  # "عن تراجع …": after a preposition it is the verbal noun
    if verb is None or any(w.norm[:1].isdigit() for w in tail[verb + 1 :]):
        return None
    ahead = []
    for t in rest[:CHANGE_REACH]:
        if re.search(r"[.؛;!?؟،,]", cut.source[t.start - 2 : t.start]) or t.norm in _CLAUSE_OPENERS:
            break  # past a comma, a full stop or «إذ/حيث» the figure is another clause's ("…، حيث شهد الربع 292 صفقة")
        ahead.append(t)
    if any(t.norm[:1].isdigit() for t in ahead):
        return f"«{tail[verb].text}» lost the figure it moved to: the bullet stops before «{rest[0].text} …»"
    return None


_CLAUSE_OPENERS = _folded("إذ حيث فيما بينما بعدما مما")
CHANGE_REACH = 8
"""Words at a bullet's end in which a verb of rising or falling is read, and of the cut tail in which its figure is."""
CHANGE_VERBS = _folded(
    "ارتفع ارتفعت يرتفع ترتفع ليرتفع لترتفع انخفض انخفضت ينخفض تنخفض لينخفض لتنخفض تراجع تراجعت يتراجع "
    "تتراجع ليتراجع لتتراجع زاد زادت يزيد تزيد ليزيد لتزيد قفز قفزت ليقفز لتقفز هبط هبطت ليهبط لتهبط "
    "صعد صعدت ليصعد لتصعد ليصل لتصل ليبلغ لتبلغ"
)
"""Verbs that move a figure ("ليرتفع عدد السياح بمعدل 4 في المائة"): the figure they moved by or to completes them."""


RANGE_ENDS = _folded("إلى الى حتى")


def range_whole(cut: Cut) -> str | None:
    """A range keeps its end: "لتمر من 6،9 بالمائة، خلال جانفي[، إلى 7،5 بالمائة …]" says where it started only.

    The bullet's last «من» + figure with no «إلى/حتى» after it, where the
    cut text goes on with «إلى/حتى» within a few words, lost the end.
    """
    rest = cut.deleted_after_end()
    ends = [k for k, w in enumerate(rest[:RANGE_REACH]) if w.norm in RANGE_ENDS]
    if not any(any(t.norm[:1].isdigit() for t in rest[k + 1 : k + 3]) for k in ends):
        return None  # "إلى جانب …" is no end of a range; "إلى 7،5 بالمائة" is
    start = max((k for k, w in enumerate(cut.words[:-1]) if w.norm == "من" and cut.words[k + 1].norm[:1].isdigit()), default=None)
    if start is None or any(w.norm in RANGE_ENDS for w in cut.words[start:]):
        return None
    return f"the range «من {cut.words[start + 1].text} …» lost its end «{next(w.text for w in rest if w.norm in RANGE_ENDS)} …»"


RANGE_REACH = 4
"""How far into the cut text the end of a range («إلى …») is looked for."""


def announced_list_whole(cut: Cut) -> str | None:
    """A list announced with «الآتية:»/«التالية:» keeps all its items: "للمشاريع الآتية: [مشروع] …" cut after one misleads."""
    rest = cut.deleted_after_end()
    if not rest:
        return None
    announcer = next((w for w in cut.words if w.norm in LIST_ANNOUNCERS), None)
    if announcer is None or not cut.bullet[announcer.end :].lstrip().startswith(":"):
        return None
    return f"the list «{announcer.text}:» announces was cut after its first items"


def list_whole(cut: Cut) -> str | None:
    """A list announced with a count or a dual keeps all its items.

    "أطلقت الوزارة برنامجين، الأول …" cut after the first item, or "ثلاثة
    مشاريع هي …" cut after one, promises what the bullet does not give.
    When the bullet ends where the source's list went on ("و…"، "،"), and a
    count or dual stands in its last words, the list was cut short.
    """
    rest = cut.deleted_after_end()
    if not rest or not cut.words:
        return None
    gap = cut.between(cut.origin[-1], cut.origin[-1] + 1)
    if not ("،" in gap or "," in gap or rest[0].norm.startswith("و")):
        return None
    if _inside_list(cut, rest, gap):
        return "the list goes on past the bullet's end"
    tail = cut.words[-10:]
    between = [k for k, w in enumerate(tail) if w.norm == "بين"]
    if between and not any(w.norm.startswith("و") for w in tail[between[-1] + 2 :]) and rest[0].norm.startswith("و"):
        return "«بين» names one side; the bullet cut the other"
    for k, word in enumerate(tail):
        if not any(w.norm in LIST_MARKERS for w in tail[k + 1 :]) and ":" not in cut.bullet:
            continue  # "ثلاثة أيام" counts; only "ثلاثة مشاريع هي …" / "برنامجين: …" announces a list
        if word.norm in COUNT_WORDS:
            return f"the count «{word.text}» announces items the bullet cut"
        if _dual(word.norm):
            return f"the dual «{word.text}» announces two items and the bullet cut the second"
    return None


def _inside_list(cut: Cut, rest: Sequence[Token], gap: str) -> bool:
    """Whether the cut falls between two items of one list: "… وبروج، ووفاء[، وبوبا للتأمين الأكثر انخفاضا]".

    The bullet's last comma-separated piece is a short "و…" item and the
    source's next piece is another, so the clause the list belongs to ends
    further on (its predicate, "الأكثر انخفاضا", is in what was cut).
    """
    if not ("،" in gap or "," in gap) or not rest[0].norm.startswith("و") or _verb_like([rest[0]]) or _saying(rest[0].norm):
        return False  # "…، وقال المدير": a new clause, not the list's next item
    if len(rest[0].norm) < 3 or verb_like(rest[0].norm[1:]):
        return False
    first = len(cut.words) - 1
    while first > 0 and not re.search(r"[،,]", cut.between(cut.origin[first - 1], cut.origin[first])):
        first -= 1
    item = cut.words[first:]
    return first > 0 and len(item) <= 3 and item[0].norm.startswith("و") and not _verb_like(item)


def _dual(word: str) -> bool:
    """An indefinite dual noun: "برنامجين", "مشروعين", "دولتين" (not a definite plural, not a name)."""
    return (
        not word.startswith(("ال", "وال", "بال", "لل"))
        and word.endswith(("ين", "ان"))
        and len(word) >= 6
        and (word.endswith(("تين", "تان")) or word[-3] not in "يو")
        and word not in PLURAL_EXCEPTIONS
    )


def question_in_source(cut: Cut) -> str | None:
    """A question in the source stays a question in the bullet.

    Compression strips the final mark and adds a full stop; if the kept
    words end where the source asked ("؟"), the question has become a statement.
    """
    if not cut.words or cut.bullet.rstrip().endswith(("؟", "?")):
        return None
    last = cut.origin[-1]
    nxt = cut.source_words[last + 1].start if last + 1 < len(cut.source_words) else len(cut.source)
    tail = cut.source[cut.source_words[last].end : nxt]
    if "؟" in tail or "?" in tail:
        return "a question in the article reads as a statement"
    return None


def speaker_kept(cut: Cut) -> str | None:
    """Attribution stays where the fact needs its speaker.

    Two cases: the bullet keeps words that go on speaking for a speaker it
    deleted ("…، مشيرا إلى …", "وأضاف …": who?), or it deleted the verb of
    saying in front of a forecast, judgement or accusation ("من المتوقع"،
    "يجب"، "قد يؤدي"، "اتهم"), which then reads as established fact.
    """
    first = cut.origin[0] if cut.origin else 0
    kept = set(cut.origin)
    said = [
        t
        for i, t in enumerate(cut.source_words[:first])
        if i not in kept and _saying(t.norm)
    ]
    sourced = [i for i, t in enumerate(cut.source_words[:first]) if i not in kept and _source_word(t.norm)]
    figure = next((w.text for w in cut.words if w.norm[:1].isdigit()), None)
    if sourced and figure is not None and _names_source(cut, sourced[0], first):
        # "[وفق إحصائيات جمارك دبي،] بلغت قيمة التجارة 818.8 مليار درهم": a figure from one source keeps its source
        return f"«{figure}» is a figure «{cut.source_words[sourced[0]].text} …» gave, and its source was cut"
    goes_on = [w.text for w in cut.words if w.norm in SPEAKER_GOES_ON]
    if goes_on and not said and sourced:
        # "[وحسب الوزير، فإن] الحوار يعتبر نجاحا، مصرحا …": the speaker was the one the source named
        return f"«{goes_on[0]}» speaks for «{cut.source_words[sourced[0]].text} …», which was cut"
    if not said:
        # "…، الأكبر من نوعها في القارة[، بحسب بيان مشترك]": a source named after the claim, and deleted
        cited = [t for i, t in enumerate(cut.source_words) if i not in kept and t.norm in compress.TRAILING_SOURCES]
        claims = _claims(cut.words) if cited else []
        return f"«{claims[0]}» states as fact what «{cited[0].text} …» attributed" if claims else None
    if goes_on:
        return f"«{goes_on[0]}» speaks for the deleted speaker of «{said[-1].text}»"
    claims = _claims(cut.words)
    if claims:
        return f"«{claims[0]}» states as fact what «{said[-1].text}» attributed"
    return None


def _names_source(cut: Cut, at: int, first: int) -> bool:
    """Whether the words after «وفق/بحسب» name a source ("إحصائيات جمارك دبي") rather than point back ("وفقا له"، "حصل عليها").

    The source runs to its comma or its relative clause ("… دبي [التي نشرتها …]").
    """
    words: list[Token] = []
    for i in range(at + 1, first):
        w = cut.source_words[i]
        if w.norm in RELATIVE_PRONOUNS:
            break
        words.append(w)
        if re.match(r"\s*[،,؛:]", cut.source[w.end : w.end + 2]):
            break
    words = [w for w in words if w.norm.isalpha()]
    return len(words) >= 2 and not any(w.norm in BACK_POINTERS or _owned(w.norm) for w in words)


BACK_POINTERS = _folded("له لها لهم لهما عليه عليها منه منها عنه عنها ذاته نفسه المصدر المصادر")
"""Words that make a source point back at one named before ("وفقا له"، "حسب المصدر ذاته")."""


def _source_word(norm: str) -> bool:
    """Whether a folded word opens a source ("وفق"، "بحسب"، "طبقا"), with its conjunction or without ("ووفق")."""
    return norm in compress.TRAILING_SOURCES or (norm[:1] == "و" and norm[1:] in compress.TRAILING_SOURCES)


def _claims(words: Sequence[Token]) -> list[str]:
    """The words that make a statement a forecast, judgement or accusation: "يجب"، "اتهم"، "قد يؤدي"، "الأكبر من نوعه"."""
    out = []
    for k, w in enumerate(words):
        if w.norm in CLAIM_MARKERS:
            out.append(w.text)
        elif w.norm in {"نوعه", "نوعها"} and k and words[k - 1].norm == "من":
            out.append(f"{words[k - 2].text if k > 1 else ''} من {w.text}".strip())  # "الأول من نوعه": a ranking someone made
        elif w.norm == "قد" and k + 1 < len(words) and words[k + 1].norm[:1] in "يت":
            out.append(f"{w.text} {words[k + 1].text}")  # "قد يؤدي": may, a forecast ("قد أعلنت" is only past)
    return out


def label_dropped(cut: Cut) -> str | None:
    """A dateline whose mark was deleted is still a dateline.

    "السودان اليوم : وافق البرلمان …" cut to "السودان اليوم وافق البرلمان …"
    loses the colon that showed where the label ends, and the bullet-alone
    rule (:func:`clean_start`) no longer sees it; the source does.
    """
    label = clean_start(cut.source)
    if label is None or not label.startswith("opens with the label") or not cut.words:
        return None
    end = _LABEL.match(cut.source)
    assert end is not None
    if cut.source_words[cut.origin[0]].start < end.end():
        return f"keeps the dateline {label.removeprefix('opens with the label ')} without its mark"
    return None


CONTINUED_STATEMENT = _folded("وأن وإن وأنه وإنه وأنها وإنها وبأن")


def statement_continued(cut: Cut) -> str | None:
    """A sentence that opens «وأنّ …» goes on with what the sentence before reported; its «و» dropped, it is still «أنّ …».

    "وان وزير الصحة الأمريكي دعا …" after "ويرى بوب ان …": without its
    hamza the bullet's «ان» reads as an emphatic «إنّ», but the source
    shows it is the second thing someone was reported to say.
    """
    if not cut.words or not cut.source_words or cut.origin[0] != 0:
        return None
    first = cut.source_words[0]
    if first.norm in CONTINUED_STATEMENT and cut.words[0].norm == first.norm[1:]:
        return f"opens with «{cut.words[0].text}», the rest of what the sentence before reported («{first.text} …»)"
    return None


_THAT = frozenset({*compress.COMPLEMENTIZERS, *(normalize(w) for w in compress.SUFFIXED_COMPLEMENTIZERS), "فان", "لان"})
"""«أنّ/إنّ» and their forms (normalized): what a later «وأنّ» after a comma is joined to."""
_AND_THAT = frozenset(normalize(w) for w in ("وأن", "وبأن", "وأنه", "وأنها", "وأنهم", "وأنهما"))


def second_that_joined(cut: Cut) -> str | None:
    """A «، وأنّ …» clause keeps the «أنّ» it is joined to.

    "وحسب مصادر محلية فإن المنزل كانت تقطنه ثلاث أسر، وأن الضحايا هم …"
    without its source and «فإن» reads "المنزل كانت تقطنه ثلاث أسر، وأن
    الضحايا …": the second clause is joined to nothing. Only a cut that
    deleted the first «أنّ» is faulted: "أكد الوزير التزام الحكومة، وأن …"
    joins «أنّ» to a noun, as written.
    """
    for k, word in enumerate(cut.words):
        if k == 0 or word.norm not in _AND_THAT or not re.search(r"[،,]", cut.bullet[cut.words[k - 1].end : word.start]):
            continue
        if any(w.norm in _THAT for w in cut.words[:k]):
            return None
        kept = set(cut.origin)
        if any(w.norm in _THAT for i, w in enumerate(cut.source_words[: cut.origin[k]]) if i not in kept):
            return f"«{word.text}» joins a clause whose first «أن» was cut"
    return None


def figures_whole(cut: Cut) -> str | None:
    """A run of figures joined by «و» is kept to its last: "بواقع 6-4 و3-6[ و7-5]" drops the set that won the final."""
    rest = cut.deleted_after_end()
    if not rest or not cut.words:
        return None
    # the tokens split "و7-5" into «و», «7», «5»
    joined = rest[0].norm == "و" and len(rest) > 1 and rest[1].norm[:1].isdigit()
    if cut.words[-1].norm[:1].isdigit() and joined:
        return f"the figures run on past «{cut.words[-1].text}» (what followed «{rest[0].text}» was cut)"
    return None


CONCESSIVE = _phrases("على الرغم من، بالرغم من، رغم، برغم، وعلى الرغم من، ورغم")
"""Openings of a concession ("على الرغم من الانتفاضة التي قدمها لاعبوه …، لم يتمكن الفريق …"): the clause it concedes to
comes after it."""


def concession_answered(cut: Cut) -> str | None:
    """A bullet that opens with a concession keeps the clause it concedes to.

    "على الرغم من الانتفاضة التي قدمها لاعبوه في الربع الأخير …[, لم يتمكن
    فريق الأنوار من تفادي الخسارة]": the relative clauses in the frame have
    verbs, so the bullet looks like a clause; the cut at the comma took what
    happened. Faulted when the tail was cut at a comma the bullet never passed
    and goes on with a verb or a negation.
    """
    rest = cut.deleted_after_end()
    if not rest or not cut.words or len(rest) < 2:
        return None
    head = [t.norm for t in cut.words[:3]]
    if not any(tuple(head[: len(p)]) == p for p in CONCESSIVE):
        return None
    if re.search(r"[،,؛;]", cut.bullet):
        return None
    gap = cut.source[cut.source_words[cut.origin[-1]].end : rest[0].start]
    opens = rest[0].norm in {"لم", "لن", "لا", "ما", "فقد", "فان", "فانه"} or verb_like(rest[0].norm)
    if re.search(r"[،,]", gap) and opens:
        return f"opens with a concession and lost the clause it concedes to («{rest[0].text} …»)"
    return None


FRONTED_TIME = _folded("وبينما وعندما وحين وحينما ولما وبعدما وقبل")
"""«و» and a conjunction of time that opens a clause the next one answers: "…، وبينما انتهت مباراة المصري بالتعادل، حسم
بن عمارة مباراته". («بينما» alone, after a comma, is "whereas", and its clause is whole.)"""


def fronted_clause_answered(cut: Cut) -> str | None:
    """A clause opened by «وبينما/وعندما …» keeps the clause that answers it.

    "دخل بن عمارة الجولة الأخيرة متساويا مع رشوان، وبينما انتهت مباراة
    المصري بالتعادل [، حسم بن عمارة مباراته …]": a cut at the comma after
    the time clause ends the bullet on "while …", with nothing happening.
    """
    rest = cut.deleted_after_end()
    if not rest or not cut.words:
        return None
    gaps = [cut.bullet[a.end : b.start] for a, b in itertools.pairwise(cut.words)]
    starts = [0] + [k for k in range(1, len(cut.words)) if re.search(r"[،,؛;]", gaps[k - 1])]
    opener = cut.words[starts[-1]]
    if opener.norm in FRONTED_TIME and starts[-1] > 0:
        return f"the clause «{opener.text} …» lost the clause that answers it"
    return None


CUT_RULES: tuple[tuple[str, Callable[[Cut], str | None]], ...] = (
    ("dangling_opening", statement_continued),
    ("dateline", label_dropped),
    ("unbalanced", quote_cut),
    ("unbalanced", dash_pair_cut),
    ("negation", negation_kept),
    ("accusative_subject", governed_subject),
    ("no_predicate", predicate_kept),
    ("stranded", nothing_stranded),
    ("stranded", second_that_joined),
    ("no_main_clause", fronted_clause_answered),
    ("no_main_clause", concession_answered),
    ("list_cut", list_whole),
    ("list_cut", range_whole),
    ("list_cut", figures_whole),
    ("list_cut", announced_list_whole),
    ("question", question_in_source),
    ("attribution", speaker_kept),
)
"""The rules that compare the bullet with the sentence it was cut from."""


def check(bullet: str, sources: Iterable[str] | None = None) -> list[Defect]:
    """Every defect of one bullet; with ``sources`` (the sentences it was cut from) the deletions are judged too."""
    found = [Defect(kind, detail) for kind, rule in BULLET_RULES if (detail := rule(bullet)) is not None]
    if sources is not None:
        if _opens_as_written(bullet, sources):  # no «إنّ» was deleted before the first word: its case is the writer's
            found = [d for d in found if d.kind != "accusative_subject"]
        cut = Cut.of(bullet, " ".join(sources))
        if cut is not None and cut.words:
            seen = {d.kind for d in found}
            found += [Defect(kind, d) for kind, rule in CUT_RULES if kind not in seen and (d := rule(cut)) is not None]
    return found


def passes(bullet: str, sources: Sequence[str], spoken: bool = False) -> bool:
    """Whether :func:`check` finds no defect, stopping at the first one found.

    The extractive engine asks this of every cut it tries, most of which
    fail: it needs the verdict, not the list. ``spoken`` is for a cut the
    box will quote and give to its speaker (an interview's answer, a
    column's line): what the speaker says "we" did ("رصدنا 17 حالة") is
    then a fact with its source, but "أنا"، "إلينا"، "نرى" still mark
    narration or a view, which a box leaves for a reported fact.
    """
    joined = " ".join(sources)
    cut: Cut | None = None
    for kind, rule in BULLET_RULES:
        if (first_person(bullet, deeds=False) if spoken and kind == "first_person" else rule(bullet)) is None:
            continue
        if kind != "accusative_subject" or not _opens_as_written(bullet, sources):
            return False
    cut = Cut.of(bullet, joined)
    if cut is None or not cut.words:
        return True
    return all(rule(cut) is None for _kind, rule in CUT_RULES)


def _opens_as_written(bullet: str, sources: Iterable[str]) -> bool:
    """Whether the bullet starts with its source's first word (or that word without its «و»/«ف»)."""
    first = tokens(bullet)[:1]
    opening = next((tokens(s)[:1] for s in sources), ())
    if not first or not opening:
        return False
    mine, theirs = first[0].norm, opening[0].norm
    return mine == theirs or (theirs[:1] in "وف" and theirs[1:] == mine)


# ---------------------------------------------------------------- the box


def introduced(bullets: Sequence[str], article: str) -> list[list[Defect]]:
    """For each bullet, the names and roles it uses before the box has introduced them.

    A story names a person in full once ("المدير العام محمد معوش") and
    then by surname or role ("معوش"، "المدير"). A box that cut the first
    mention leaves "كشف معوش عن …": who? A surname is a word the article
    first writes after a given name or a title; the box must write that
    pair before (or where) it uses the surname alone. A bare role
    ("الوزير" not followed by what it is minister of) needs the role named
    in full earlier in the box, and a demonstrative before a noun ("هذه
    المجموعة") needs that noun said before it.
    """
    from khulasa.summarize import lexicon

    names = _surnames(article)
    seen: list[str] = []
    out: list[list[Defect]] = []
    for bullet in bullets:
        defects: list[Defect] = []
        words = tokens(bullet)
        for k, w in enumerate(words):
            earlier = " ".join([*seen, *(t.norm for t in words[:k])])
            prev = words[k - 1].norm if k else ""
            full = names.get(_bare(w.norm))
            if full and w.norm in lexicon.GIVEN_NAMES and _saying(prev) is None:
                full = None  # a given name that was once a surname is one only as a speaker ("قال طه")
            if full and prev not in full[0] and not _mentions(earlier, full):
                defects.append(Defect("referent", f"«{w.text}» is never introduced in the box (the article: «{full[1]}»)"))
            fuller = _named_speaker(words, k, article)
            unnamed = fuller is not None and w.norm[2:] not in earlier and not any(p in earlier for p in fuller[1])
            if fuller is not None and unnamed:
                defects.append(Defect("referent", f"«{w.text}»: which one? The article names it «{fuller[0]}»"))
            if (
                not unnamed
                and (
                    w.norm in ROLES
                    or (w.norm in SPEAKING_ROLES and _speaks(words, k))
                    or (w.norm in OPENING_SUBJECTS and k <= 1)
                )
                and (k == 0 or w.norm not in OPENING_ROLES)
                and not _named_in_own_sentence(words, k)
                and (
                    _bare_role(words, k, bullet)
                    or (w.norm in GENERIC_PERSONS and k > 0 and _saying(prev) is not None)
                    or (prev in SOURCE_PREPOSITIONS and not _described(words, k))
                    or (_subject_of_opening_verb(words, k) and w.norm[2:] in _said_in_full(article))
                )
                and not (k and words[k - 1].norm.startswith("ال"))
                and w.norm[2:] not in earlier
                and w.norm not in earlier
                and not any(head in earlier for head in ROLE_HEADS.get(w.norm, ()))
                # "ذكر المصدر ذاته": the source an earlier bullet quoted ("أعلنت مديرية الخزينة أن …")
                and not (
                    w.norm in SPEAKING_ROLES
                    and k + 1 < len(words)
                    and words[k + 1].norm in SAME
                    and any(_saying(x) not in {None, "بين"} for x in seen)  # «بين»: "between" more often than "showed"
                )
            ):
                defects.append(Defect("referent", f"«{w.text}»: which one? The box never names the role in full"))
            elif (
                w.norm.startswith("لل")
                and prev in SOURCE_PREPOSITIONS
                and "ال" + w.norm[2:] in PERSON_ROLES
                and w.norm[2:] not in earlier
                and not (k + 1 < len(words) and words[k + 1].norm.startswith("ال"))
            ):
                # "طبقا للمتحدثة"، "وفقا للوزير": the source is a role the box must have named in full
                defects.append(Defect("referent", f"«{w.text}»: which one? The box never names the role in full"))
            # "ورش العمل هذه": after its noun, the demonstrative points at it; before a noun with «ال» of its own
            # ("في الموقع تلك العلامات") it points at something said before
            ahead = k + 1 < len(words) and words[k + 1].norm.startswith("ال") and not bullet[words[k - 1].end : w.start].strip()
            after_noun = k > 0 and ((words[k - 1].norm.startswith("ال") and not ahead) or words[k - 1].norm in {"هو", "هي"})
            # "أعلنت الشركة إطلاق خدمة جديدة، حيث تتماشى هذه الانطلاقة …": after a whole clause of its own
            # sentence, a demonstrative points at what that clause said
            after_clause = k >= CLAUSE_WORDS and bool(re.search(r"[،,؛;]", bullet[: w.start]))
            # "بهذه المناسبة"، "التنفيذ الكامل لهذه الخطة": behind «ب/ل» too, where the sentence starts; deeper in
            # ("وإطار مسير لهذه التجارة") it is the sentence's own noun more often than not
            pointing = w.norm in DEMONSTRATIVES or (k < CLAUSE_WORDS and demonstrative(w.norm) is not None)
            if pointing and k + 1 < len(words) and not after_noun and not after_clause:
                noun = words[k + 1].norm
                counted = noun in QUANTITY_NOUNS and any(t.norm[:1].isdigit() for t in words[:k])  # "23 مليون … هذا المبلغ"
                if noun.startswith("ال") and noun not in TIME_NOUNS and len(noun) > 4 and noun[2:] not in earlier and not counted:
                    defects.append(Defect("referent", f"«{w.text} {words[k + 1].text}» points back at nothing the box has said"))
        seen.extend(t.norm for t in words)
        out.append(defects)
    return out


CLAUSE_WORDS = 8
"""Words before a comma from which a demonstrative after it is taken to point inside its own sentence."""

LEDE_WORDS = 40
"""How much of the article's opening is read for where the story happens."""


def says_where(bullets: Sequence[str], article: str) -> bool:
    """Whether the box names a place when the article's opening does ("العراق"، "العراقية"، "صفاقس").

    A lede that says "ذكرت وكالة الأنباء العراقية أن مجلس النواب انتخب …"
    holds its country in the attribution; cut that, and the box reports an
    election in a parliament it never places. Editors named this first
    among the referents a box loses (bench/editor/). A preference, not a
    defect: a box may rightly name no place, so this only chooses between
    cuts (see ``ExtractiveEngine.introduce``).
    """
    opening = " ".join(article.split()[:LEDE_WORDS])
    return not _places(opening) or bool(_places(" ".join(bullets)))


@lru_cache(maxsize=1)
def _place_forms() -> frozenset[str]:
    """Place names and the adjectives made of them (العراق → عراقي، عراقيه; سوريا → سوري), normalized without ال."""
    from khulasa.summarize.lexicon import PLACES

    forms = set(PLACES)
    for place in PLACES:
        for stem in {place, place[:-1] if place.endswith("ا") else place}:
            forms.update({stem + "ي", stem + "يه", stem + "يون", stem + "يين"})
    return frozenset(forms)


def _places(text: str) -> set[str]:
    forms = _place_forms()
    found = set()
    for t in tokens(text):
        word = t.norm
        for _ in range(2):  # up to two clitics: "وبالعراق", "والعراقية"
            if word.startswith("ال") and word[2:] in forms:
                found.add(word[2:])
                break
            if word in forms:
                found.add(word)
                break
            word = word[1:] if word[:1] in "وفبلك" and len(word) > 3 else word
    return found


def _bare(word: str) -> str:
    return word[1:] if word[:1] in "وفبل" and len(word) > 4 else word


def _mentions(earlier: str, full: tuple[frozenset[str], str]) -> bool:
    words = earlier.split()
    return any(w in full[0] for w in words)


def _named_speaker(words: Sequence[Token], k: int, article: str) -> tuple[str, tuple[str, ...]] | None:
    """The article's fuller name for a one-word speaker ("أضاف الصندوق" → "صندوق النقد الدولي"), or None.

    A verb of saying followed by one noun with «ال» and nothing that says
    which ("أضاف الصندوق أن …"، "طالب المركزي المصارف …") names the
    speaker the way a story does after its first full mention. When the
    article has that fuller mention (the noun in a construct, "صندوق
    النقد", or with its adjective, "البنك المركزي"), the box must say it first.
    """
    w = words[k]
    if not k or not w.norm.startswith("ال") or len(w.norm) < 5 or w.norm in TIME_NOUNS or w.norm in TITLES:
        return None
    prev = words[k - 1].norm
    if all(_one_of(prev, verbs) is None for verbs in (SPEAKER_VERBS, ATTITUDE_VERBS, NEEDS_CONTENT)):
        return None  # "ترى العالم": a verb of seeing or thinking takes a noun that is no speaker
    after = words[k + 1].norm if k + 1 < len(words) else ""
    if (after.startswith("ال") and after not in GOVERNORS) or after in SAME:
        return None  # "أضاف الصندوق الدولي"، "قال المصدر ذاته" (the role rule's); "أشار المركزي إلى" says nothing of which
    return _fuller_names(article).get(w.norm[2:])


@lru_cache(maxsize=64)
def _fuller_names(article: str) -> dict[str, tuple[str, tuple[str, ...]]]:
    """Bare noun → (its first fuller mention in the article, the folded forms that count as saying it).

    "صندوق النقد الدولي" and "البنك المركزي" give "صندوق" and "مركزي"
    (an adjective that the story later uses alone: "المركزي").
    """
    found: dict[str, tuple[str, tuple[str, ...]]] = {}
    words = tokens(article)
    for a, b in itertools.pairwise(words):
        if not (a.norm.isalpha() and b.norm.isalpha()) or len(a.norm) < 3 or a.norm in _NAME_PARTS:
            continue
        if article[a.end : b.start].strip():
            continue  # "الاقتصادية، الفريق": a comma or a bracket between them, no phrase
        if a.norm in _NOT_HEADS:
            continue  # "إلى العالم"، "قال الوزير"
        if a.norm.startswith("ال") and b.norm.startswith("ال") and len(b.norm) > 4:
            # "البنك المركزي": both the noun and its adjective may stand for the whole later on
            mention = f"{a.text} {b.text}"
            found.setdefault(b.norm[2:], (mention, (a.norm + " " + b.norm,)))
        elif not a.norm.startswith("ال") and b.norm.startswith("ال"):
            found.setdefault(a.norm, (f"{a.text} {b.text}", (a.norm,)))  # "صندوق النقد"
    return found


SPEAKER_VERBS = _folded("قال قالت أكد أكدت ذكر ذكرت كشف كشفت صرح صرحت أفاد أفادت بين بينت أعلن أعلنت أبدى أبدت")
"""Verbs whose subject is the one who speaks: after them a bare noun with «ال» is a speaker named before."""
_SON_OF = _folded("بن ابن بنت")
"""The links of a lineage ("خالد بن مبارك الشنفري"): the name after them is a father's, the «ال» word after that the family's."""
_NAME_PARTS = _folded("الله الدين الرحمن")
"""The second halves of compound given names ("عبد الله الحصين"): what follows them is a surname, the surname rule's."""
_NOT_HEADS = _folded("في من على إلى الى عن مع بين عبر لدى حول منذ بعد قبل خلال حتى أن ان إن قال قالت أكد أكدت")
"""Words before a definite noun that are no head of a construct naming something."""


GENERIC_PERSONS = _folded("الرجل المرأة الشاب الشابة الفتاة الأب الأم")
"""A person named by what they are ("يقول الرجل بنبرة حائرة"): which man? A feature's opening scene introduces him
before he speaks, and a box that cut the scene quotes no one."""
SPEAKING_ROLES = _folded("المصدر") | GENERIC_PERSONS
"""Nouns that are a role only as a speaker ("قال المصدر"، "المصدر ذاته"، "يقول الرجل"), a thing otherwise
("مفتوح المصدر"، "وصلت المرأة إلى المنصب")."""


def _speaks(words: Sequence[Token], k: int) -> bool:
    """Whether the word at ``k`` follows a verb of saying or is followed by «ذاته/نفسه»: a speaker, not a thing."""
    return (k > 0 and _saying(words[k - 1].norm) is not None) or (k + 1 < len(words) and words[k + 1].norm in SAME)


SAME = _folded("ذاته ذاتها نفسه نفسها")
"""After a role ("المصدر ذاته"، "الوزير نفسه"): the one the story named before."""


@lru_cache(maxsize=64)
def _said_in_full(article: str) -> frozenset[str]:
    """The nouns (without «ال») the article names in a fuller form: indefinite or in a construct ("مشروع الربط"،
    "في بلاغ لها") or with their adjective ("الاتحاد الأوروبي").

    Only these can be asked of a box: where the story itself only ever says
    "الوزارة", the box has no fuller name to give.
    """
    words = [t.norm for t in tokens(article)]
    full = {_bare(w) for w in words if not w.startswith("ال")}
    full |= {a[2:] for a, b in itertools.pairwise(words) if a.startswith("ال") and b.startswith("ال") and len(b) > 4}
    return frozenset(full)


def _subject_of_opening_verb(words: Sequence[Token], k: int) -> bool:
    """Whether a role is the bare subject of the verb that opens the bullet ("يهدف المشروع إلى …"، "أوضح البلاغ أن …").

    Straight after the opening verb, the noun alone is the story's second
    mention of something it named in full before: which project, which
    statement? Followed by its adjective ("أعلن الاتحاد الأوروبي") or a
    name it says which.
    """
    if k != 1 or _described(words, k) or words[k].norm in PERSON_ROLES:
        return False  # a person's role says which by what follows it ("المتحدث باسم"، "الأمين العام لاتحاد"): the role rule's
    from khulasa.summarize import lexicon

    nxt = words[k + 1].norm if k + 1 < len(words) else ""
    if nxt in lexicon.GIVEN_NAMES:
        return False  # "قال المدير سعيد طه": the role, then who holds it
    verb = _unlinked(words[0].norm)
    return _saying(words[0].norm) is not None or verb_like(verb) or verb in lexicon.verbs_only()


def _bare_role(words: Sequence[Token], k: int, bullet: str) -> bool:
    """Whether a role word stands alone: at the end, or followed by a verb ("قال الوزير إن"، "الوزير يؤكد"),
    not by what it is the role of ("وزير الطاقة"، "المسؤولة عن") or by the person's name ("السفير ياسر رضا")."""
    if k + 1 >= len(words) or bullet[words[k].end : words[k].end + 1] in {"،", ",", "."}:
        return True
    nxt = words[k + 1].norm
    if nxt in COMPLEMENTIZERS or nxt in SAYING or nxt in SAME:
        return True  # "قال المصدر ذاته": the one named before
    if nxt in RELATIVE_PRONOUNS and words[k].norm in PERSON_ROLES:
        return True  # "أوضح المتحدث الذي يسيطر على 15 بالمائة من السوق": what he does, not who he is
    if k and words[k].norm not in ROLES - PERSON_ROLES and _saying(words[k - 1].norm) is not None and nxt in _REPORTED:
        # "أشار المتحدث إلى أن": the speaker, and what he said, with nothing between to say who he is
        # (an institution is often the company the bullet named: "فورد … أعلنت الشركة عن")
        return True
    from khulasa.summarize import lexicon

    verb = nxt[1:] if nxt[:2] in ("سي", "ست", "سن") and len(nxt) >= 5 else nxt  # "الشركة ستفتح": the future's «س»
    raw = words[k + 1].text  # "بدأت" folds to "بدات", which reads as a plural: the written hamza tells the verb
    past = raw.isalpha() and compress.written_past(raw)
    imperfect = verb[:1] in "يت" and len(verb) >= 4
    return (imperfect or past) and nxt not in lexicon.names() and nxt not in lexicon.GIVEN_NAMES


@lru_cache(maxsize=64)
def _surnames(article: str) -> dict[str, tuple[frozenset[str], str]]:
    """Surname → (the words that introduce it: its given name or title, and the surname itself; the full mention).

    A surname is a word whose first appearance in the article follows a
    given name or a title ("محمد معوش"، "السيد غانم"); one with «ال» only
    after a given name ("حاتم النجيب"), where it is a family name, not a role.
    """
    from khulasa.summarize import lexicon

    given = lexicon.GIVEN_NAMES
    wider = lexicon.given_names()  # "سنية الفرشيشي": any name the dictionary knows, before a family name with «ال» only
    from khulasa.arabic.words import is_common

    out: dict[str, tuple[frozenset[str], str]] = {}
    spans = list(TOKEN.finditer(article))
    raw = [m.group() for m in spans]
    folded = TOKEN.findall(normalize(article))
    if len(raw) != len(folded):
        folded = [normalize(w) for w in raw]
    first: set[str] = set()
    for k, norm in enumerate(folded):
        bare = _bare(norm)
        if bare in first:
            continue
        first.add(bare)
        prev = _bare(folded[k - 1]) if k else ""
        # "الفريق مهاب مميش": after a title, the name that follows goes on to its last word
        joined = not article[spans[k - 1].end() : spans[k].start()].strip() if k else False
        # ("… أحمد قطان\nوقعت المملكة": a verb on the next line is the next sentence, no name)
        named = prev in out and not bare.startswith("ال") and joined and not verb_like(bare)
        # "سعد الدين البشرى"، "عبد الله الحصين": «الدين»/«الله» close a compound given name
        before = _bare(folded[k - 2]) if k > 1 else ""
        # "عوض الله إدريس": «الله» after a word no dictionary knows as common closes a given name it has no list for
        unlisted = len(before) >= 3 and before.isalpha() and not is_common(before)
        compound = prev in _NAME_PARTS and (before in given or before in out or before == "عبد" or unlisted)
        if joined and bare in given and (prev in given or (compound and bare not in _NAME_PARTS)):
            # "سعيد طه، …" then "وقال طه": a given name after a given name ("عوض الله إدريس": after a compound one) is
            # the family's, told alone after a verb of saying (the box's rule)
            mention = f"{raw[k - 2]} {raw[k - 1]} {raw[k]}" if prev not in given else f"{raw[k - 1]} {raw[k]}"
            out[bare] = (frozenset({prev, "و" + prev, "ب" + prev, "ل" + prev}), mention)
            continue
        # "خالد بن مبارك الشنفري": a father's name after «بن» and a given name, then «ال» opens the family name
        lineage = k > 2 and before in _SON_OF and _bare(folded[k - 3]) in given
        if lineage and joined and bare.startswith("ال") and len(bare) > 4 and bare not in ROLES and not verb_like(bare):
            out[bare] = (frozenset({prev, norm, bare}), " ".join(raw[k - 3 : k + 1]))
            continue
        # "الدكتور نجيب الحمروني": after a title and the given name it brought, «ال» opens the family name
        titled = prev in out and before in TITLES and joined and bare.startswith("ال") and not verb_like(bare)
        family = (
            prev in wider
            and joined
            and bare.startswith("ال")
            and len(bare) > 4
            and not verb_like(bare)
        )
        if not (prev in TITLES or prev in given or named or compound or titled or family) or len(bare) < 3:
            continue
        if bare in given or not bare.isalpha() or is_common(bare):
            continue
        if bare.startswith("ال") and ((prev not in given and not compound and not titled and not family) or bare in ROLES):
            continue  # "حاتم النجيب" is a family name; "السيد الرئيس" a title and a role
        out[bare] = (frozenset({prev, norm, bare, "و" + prev, "ب" + prev, "ل" + prev}), f"{raw[k - 1]} {raw[k]}")
    return out


def check_box(bullets: Sequence[str], sources: Sequence[Sequence[str]] | None, article: str) -> list[list[Defect]]:
    """Every bullet's defects, its own and the box's (names introduced in order)."""
    box = introduced(bullets, article)
    return [[*check(b, sources[i] if sources is not None else None), *box[i]] for i, b in enumerate(bullets)]
