"""Which words are everyday Arabic vocabulary, and which are names: the guard's dictionary.

The guard treats a bullet word the article does not hold as a possible name,
unless it is an everyday word. A hand-written list of everyday words cannot
cover the verbs and nouns a faithful paraphrase brings in (أحرز, هروب,
امتداد, ترأست), so when the optional extra ``lexicon`` is installed the guard
also asks Arramooz, Taha Zerrouki's Arabic dictionary (package
``arramooz-pysqlite``, GPL): about 30,000 noun and 14,000 verb lemmas, the
inflected function words, and a word-frequency list of news Arabic, all in
SQLite files inside the wheel. They are read here with the standard
``sqlite3`` module, once, on first use; nothing is downloaded.

A dictionary knows names too, and a name must never pass as vocabulary: a
bullet that puts دمشق where the article says القاهرة must still fail. So
every spelling the dictionary marks as a proper noun (its place, person,
people and organization categories, and every spelling its frequency list
tags as a proper noun at least a tenth as often as a common word) is
taken out of the vocabulary and counted as a name, together with :data:`GAZETTEER`, our own
list of countries, capitals, major Arab cities, common given names and peoples,
which counts as names with or without the extra. Concrete nouns (مدرسة,
سفينة) and verbal nouns (التعليم, الهروب) are left out of the vocabulary
too: they name what a story is about or what happened ("وزارة التعليم" for
"وزارة الصحة" must fail). Verbs, participles and adjectives, the words a
paraphrase rephrases with, stay in: on the guard bench leaving verbal nouns
out took the swapped-term catch from 37 % to 46 % for two more of 54
faithful dev paraphrases flagged.

Words are compared in the guard's normal form (:func:`khulasa.arabic.normalize.normalize`:
hamza, alef maqsura and taa marbuta folded the same way on both sides).
Place names are kept without the article ال (القاهرة is kept as قاهره), as
the guard's readings of a bullet word take it off.
"""

from __future__ import annotations

import functools
import importlib.util
import logging
import sqlite3
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

from khulasa.arabic.normalize import normalize

logger = logging.getLogger(__name__)

ENABLED = True
"""Whether the guard may use the dictionary when it is installed. The guard works without it
(only the hand-written everyday words count as vocabulary); tests switch it off to show that."""

NAME_SHARE = 0.1
"""A spelling the frequency list tags as a proper noun at least this often, relative to its
use as a common word, is a name: a word that often names someone or somewhere is too risky to wave through."""

_COUNTRIES = """
مصر السعودية الإمارات الكويت قطر البحرين عمان اليمن العراق سوريا سورية لبنان الأردن فلسطين ليبيا تونس
الجزائر المغرب موريتانيا السودان الصومال جيبوتي تركيا إيران إسرائيل باكستان أفغانستان الهند الصين اليابان
كوريا روسيا أوكرانيا ألمانيا فرنسا بريطانيا إيطاليا إسبانيا البرتغال اليونان هولندا بلجيكا سويسرا النمسا
السويد النرويج الدنمارك فنلندا بولندا المجر رومانيا بلغاريا صربيا أمريكا أميركا كندا المكسيك البرازيل
الأرجنتين تشيلي كولومبيا فنزويلا كوبا أستراليا إندونيسيا ماليزيا الفلبين تايلاند فيتنام بنغلاديش إثيوبيا
إريتريا نيجيريا كينيا تنزانيا أوغندا السنغال النيجر تشاد الكاميرون غانا أنغولا قبرص أذربيجان أرمينيا
جورجيا كازاخستان أوزبكستان أوروبا أوربا آسيا أفريقيا إفريقيا أستراليا
"""
_CITIES = """
القاهرة الإسكندرية الجيزة أسوان الأقصر بورسعيد الرياض جدة مكة الدمام أبوظبي دبي الشارقة الدوحة المنامة
مسقط صلالة صنعاء عدن الحديدة بغداد البصرة أربيل النجف كربلاء دمشق حلب اللاذقية إدلب بيروت طرابلس صيدا
الزرقاء إربد القدس غزة نابلس الخليل بنغازي مصراتة صفاقس سوسة وهران قسنطينة عنابة الرباط مراكش طنجة أغادير
نواكشوط الخرطوم بورتسودان مقديشو أنقرة إسطنبول طهران كابول نيودلهي بكين طوكيو سيول موسكو كييف برلين باريس
لندن روما مدريد لشبونة أثينا فيينا بروكسل أمستردام جنيف ستوكهولم أوسلو وارسو واشنطن نيويورك أوتاوا
نيروبي لاغوس
"""
_GIVEN_NAMES = """
محمد أحمد محمود مصطفى إبراهيم إسماعيل يوسف يعقوب موسى عيسى داود سليمان عثمان حسين خالد وليد طارق زياد
ماجد فهد عبدالله عبدالرحمن عبدالعزيز ياسر عمرو سمير هشام مازن حازم فيصل منصور ناصر حسام مروان أسامة
إياد نزار بشار قاسم رامي وائل هاني يحيى زكريا فاطمة عائشة خديجة مريم زينب سارة ليلى نادية سلمى رانيا
ريم دينا لينا هالة سعاد نجلاء رشا شيماء آمنة ياسمين عبير غادة رنا هند سوسن نسرين
حاتم علاء عماد إيهاب أيمن أشرف بلال تامر ثامر حمدي حمزة خليل زهير شادي صبري طلال عاطف عدنان عصام عمار
غسان فادي فراس فؤاد قيس لؤي مجدي محسن مدحت مراد معاذ ممدوح مهدي نبيه هيثم ياسين يونس إدريس أنس بسام
حمد راشد شوقي عزت فتحي فوزي لطفي وجدي مرتضى عبدالحميد عبدالرحيم عبدالكريم عبدالمجيد عبدالسلام
عبدالفتاح عبداللطيف عبدالقادر عبدالحكيم عبدالمنعم عبدالوهاب عبدالناصر عبدالرزاق
رحاب سميرة شيرين عفاف علياء فدوى لبنى مها نوال نهى رباب نيفين داليا منال
سعود نايف بندر جاسم حمود زايد هزاع حمدان سعد جعفر مهند إلياس جورج ميشال ميشيل بطرس جرجس أنطوان جوزيف
شربل جبران سهيل طه سفيان أيوب رامز معتز عزام عزمي حسان إسحاق هارون حمادة عبده فهمي حيدر كاظم مقتدى عدي قصي
مثنى بشير عبدالإله عبدالمحسن عبدالملك عبدالهادي عبدالباسط عبدالحليم عبدالغني عبدالجليل عبدالحسين عبدالمطلب
نورة موزة سناء هيفاء رغد نجوى سميحة ماجدة ريهام مروة آلاء رولا ميساء لمياء كوثر جيهان سوزان ناهد نورهان
بثينة نادين ميرفت نعيمة حليمة خولة رقية سمية أماني سعيد
"""
_PEOPLES = """
المغاربة الأتراك الأكراد الروس الألمان الأفارقة الأمازيغ الأقباط
"""
GIVEN_NAMES: frozenset[str] = frozenset(normalize(w) for w in _GIVEN_NAMES.split())
"""Common given names, normalized: the word after one in a story is usually the person's family name."""
def _without_al(words: str) -> frozenset[str]:
    """The space-separated words normalized, each without the article ال."""
    return frozenset(normalize(w).removeprefix("ال") for w in words.split())


GAZETTEER: frozenset[str] = _without_al(_COUNTRIES + _CITIES + _GIVEN_NAMES + _PEOPLES)
"""Countries, continents, capitals, major Arab cities, common given names, and peoples whose name
is no adjective of a country's (المغاربة, الأكراد), normalized, without ال: always names.
Names that are also everyday words are left out (صور pictures, جنين fetus, العقبة obstacle,
علي = على, حسن good, جمال beauty, نور light), as are two-word names (رام الله)."""

PLACES: frozenset[str] = _without_al(_COUNTRIES + _CITIES)
"""Countries, continents, capitals and major Arab cities of :data:`GAZETTEER`, normalized, without ال: where a story happens."""

COUNTRIES: frozenset[str] = _without_al(_COUNTRIES)
"""The countries and continents of :data:`PLACES`, normalized, without ال."""


def nationality(word: str) -> bool:
    """Whether a word is the adjective of a country ("عراقية"، "التونسي"، "المغربيين"): "of Iraq", no one's name.

    The adjective is the country's name less «ال» and a final «ا/ية», with «ي» («ية» feminine, «يين/يون» plural).
    """
    folded = normalize(word).removeprefix("ال")
    for ending in ("يين", "يون", "يه", "ي"):
        if folded.endswith(ending) and len(folded) > len(ending) + 2:
            stem = folded[: -len(ending)]
            return any(country in COUNTRIES for country in (stem, stem + "ا", stem + "يه", stem + "ه"))
    return False


_NAME_CATEGORIES = ("علم مكان", "اسم علم", "علم شعب", "علم طائفة", "علم منظمة", "علم زمن", "علم مادة")
"""Arramooz noun categories of proper nouns: places, persons, peoples, sects, organizations, months, substances."""


_CONCRETE = ":جامد"
"""Arramooz's type of a primitive noun (مدرسة, طائرة, دستور), as opposed to a verbal noun, participle
or adjective: such nouns name the things a story is about, so, like names, they must be in the article."""
_VERBAL_NOUN = ":مصدر"
"""Arramooz's type of a verbal noun (التعليم, الهروب, الامتداد): what happened, so it must be in the article."""
_FREQUENT_CONCRETE = frozenset({"noun", "noun_prop", "abbrev"})
"""Types in the frequency list that do not count as vocabulary: nouns (it does not tell primitive
from derived), proper nouns and abbreviations. Its verbs, adjectives and particles do."""


@dataclass(frozen=True)
class Lexicon:
    """The dictionary as two sets of normalized spellings."""

    words: frozenset[str]
    """Verbs, participles, adjectives and inflected function words; no names, no concrete or verbal nouns."""
    names: frozenset[str]
    """Proper nouns: the dictionary's, plus :data:`GAZETTEER`."""
    verbs: frozenset[str] = frozenset()
    """Verb lemmas (the third person masculine past, "استلهم"), so a suffix on one can be read as a person."""
    nouns: frozenset[str] = frozenset()
    """Every noun spelling, names and concrete nouns included: "عصر" is a verb and a noun, and "عصرنا" is "our era"."""


def data_folder() -> Path | None:
    """Where the installed ``arramooz`` package keeps its SQLite files, or None when it is not installed.

    Found through the import system without importing the package (its Python API is not needed).
    """
    spec = importlib.util.find_spec("arramooz")
    if spec is None or not spec.submodule_search_locations:
        return None
    folder = Path(next(iter(spec.submodule_search_locations))) / "data"
    return folder if (folder / "arabicdictionary.sqlite").is_file() else None


def _rows(path: Path, query: str) -> list[tuple[str, ...]]:
    connection = sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True)
    try:
        return connection.execute(query).fetchall()
    finally:
        connection.close()


def _folded(spellings: list[str]) -> list[str]:
    """``normalize`` of each spelling, done on one joined text (several times faster than word by word)."""
    folded = normalize("\n".join(spellings)).split("\n")
    return folded if len(folded) == len(spellings) else [normalize(s) for s in spellings]


def read(folder: Path) -> Lexicon:
    """Read the dictionary's SQLite files in ``folder`` into a :class:`Lexicon`."""
    dictionary = folder / "arabicdictionary.sqlite"
    nouns = _rows(dictionary, "SELECT unvocalized, category, wordtype FROM nouns")
    verbs = _rows(dictionary, "SELECT unvocalized FROM verbs")
    stopwords = _rows(folder / "stopwords.sqlite", "SELECT unvocalized FROM stopwords")
    frequent = _rows(folder / "wordfreq.sqlite", "SELECT unvocalized, word_type, freq FROM wordfreq")
    spellings = _folded([row[0] or "" for rows in (nouns, verbs, stopwords, frequent) for row in rows])
    noun_spellings = spellings[: len(nouns)]
    frequent_spellings = spellings[len(spellings) - len(frequent) :]
    names: set[str] = set()
    words = set(spellings[len(nouns) : len(nouns) + len(verbs) + len(stopwords)])
    for spelling, (_, category, wordtype) in zip(noun_spellings, nouns, strict=True):
        if category in _NAME_CATEGORIES:
            names.add(spelling)
        elif not (wordtype or "").endswith((_CONCRETE, _VERBAL_NOUN)):
            words.add(spelling)
    as_name: defaultdict[str, int] = defaultdict(int)
    as_word: defaultdict[str, int] = defaultdict(int)
    for spelling, (_, kind, freq) in zip(frequent_spellings, frequent, strict=True):
        if kind == "noun_prop":
            as_name[spelling] += int(freq)
        else:
            as_word[spelling] += int(freq)
            if kind not in _FREQUENT_CONCRETE:
                words.add(spelling)
    names.update(s for s, n in as_name.items() if n >= NAME_SHARE * as_word.get(s, 0))
    names = (names - {""}) | GAZETTEER
    verb_spellings = frozenset(spellings[len(nouns) : len(nouns) + len(verbs)]) - {""}
    return Lexicon(
        words=frozenset(words - names - {""}),
        names=frozenset(names),
        verbs=verb_spellings,
        nouns=frozenset(noun_spellings) - {""},
    )


@functools.cache
def _installed() -> Lexicon | None:
    folder = data_folder()
    if folder is None:
        return None
    try:
        return read(folder)
    except sqlite3.Error as exc:  # a damaged or different release of the package: be strict, not broken
        logger.warning("the dictionary in %s could not be read (%s); the guard runs without it", folder, exc)
        return None


def installed() -> bool:
    """Whether the dictionary is installed (the extra ``lexicon``), whether or not it is switched on."""
    return data_folder() is not None


def words() -> frozenset[str]:
    """Everyday vocabulary from the dictionary; empty when it is not installed or :data:`ENABLED` is off.

    The first call reads the SQLite files (a fraction of a second); later calls return the same set.
    """
    lexicon = _installed() if ENABLED else None
    return lexicon.words if lexicon is not None else frozenset()


def names() -> frozenset[str]:
    """Names: :data:`GAZETTEER`, plus the dictionary's proper nouns when it is installed and enabled."""
    lexicon = _installed() if ENABLED else None
    return lexicon.names if lexicon is not None else GAZETTEER


def nouns() -> frozenset[str]:
    """Every noun spelling of the dictionary, names and concrete nouns too; empty when it is not installed or
    :data:`ENABLED` is off."""
    lexicon = _installed() if ENABLED else None
    return lexicon.nouns if lexicon is not None else frozenset()


def given_names() -> frozenset[str]:
    """:data:`GIVEN_NAMES`, and with the dictionary every name it knows without «ال» that is no place and no word ("سنية").

    A family name with «ال» follows a given name ("سنية الفرشيشي"); the
    hand-written list cannot hold every given name an Arab paper prints, and
    the dictionary's frequency list tags them as proper nouns.
    """
    return _given_names() if ENABLED else GIVEN_NAMES


@functools.cache
def _given_names() -> frozenset[str]:
    lexicon = _installed()
    if lexicon is None:
        return GIVEN_NAMES
    common = lexicon.words | lexicon.verbs | lexicon.nouns
    # "فتح" (a verb), "قاعدة" and "جزيرة" (nouns) are proper nouns in the frequency list too, and so is "وأكد" (a verb
    # behind «و»): a name only if it is nothing else
    return GIVEN_NAMES | frozenset(
        n
        for n in lexicon.names
        if not n.startswith("ال") and n not in PLACES and n not in common and not (n[:1] in "وفبل" and n[1:] in common)
    )


def verbs() -> frozenset[str]:
    """Every verb spelling of the dictionary, names aside (many are noun spellings too: "رصد"، "عمل"); empty when it
    is not installed or :data:`ENABLED` is off."""
    return _verbs() if ENABLED else frozenset()


@functools.cache
def _verbs() -> frozenset[str]:
    lexicon = _installed()
    return lexicon.verbs - lexicon.names if lexicon is not None else frozenset()


def verbs_only() -> frozenset[str]:
    """The dictionary's verb lemmas that are no noun spelling too; empty when it is not installed or :data:`ENABLED` is off."""
    return _verbs_only() if ENABLED else frozenset()


@functools.cache
def _verbs_only() -> frozenset[str]:
    lexicon = _installed()
    return lexicon.verbs - lexicon.nouns if lexicon is not None else frozenset()
