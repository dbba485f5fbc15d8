"""What the words around a number decide about how it is read.

A number written in digits says nothing of its case or of the gender it
must agree with; the words beside it do. Before it: a preposition, a
construct noun or a transitive verb makes it oblique (في 20، بنسبة 25%،
بلغت 155 مليونًا), and عام or a month name makes it a year. After it: the
noun it counts gives its gender (ثلاث سنوات) and whether a construct follows
(مئتا دولار). These are heuristics over a few words of context, chosen so
that when they cannot tell they fall back to the masculine nominative.
"""

from __future__ import annotations

import functools
import re

from khulasa.arabic import normalize as _normalize
from khulasa.arabic.calendar import MONTH_NAMES
from khulasa.arabic.normalize import COMBINING_MARKS
from khulasa.arabic.numbers_to_words import Case, Gender, known_noun, noun_gender

normalize = functools.lru_cache(maxsize=4096)(_normalize.normalize)
"""Spelling-folded words for matching; cached because the same few words recur around numbers."""

_MONTH = "|".join(re.escape(m) for m in sorted(set(MONTH_NAMES), key=len, reverse=True))


_WORD = rf"[^\W\d_][\w{COMBINING_MARKS}]*"
_PREVIOUS_WORD = re.compile(rf"({_WORD})[ \u00a0]*$")
_NEXT_WORD = re.compile(rf"[ \u00a0]*({_WORD})")
_MONTH_BEFORE = re.compile(rf"(?<![^\W\d_])(?:{_MONTH})[ \u00a0]*$")
_WINDOW = 40

_OBLIQUE_AFTER_WORDS = """
في من إلى الى على عن حتى منذ مذ خلال بعد قبل بين عند لدى مع ضمن دون فوق تحت نحو حوالي حوالى
أن إن لأن بأن قرابة زهاء بنحو بحوالي بقرابة لنحو لحوالي بزهاء بنسبة نسبة بمعدل معدل بقيمة قيمة بمبلغ مبلغ
بواقع لمدة مدة عام العام لعام بعام عامي سنة السنة لسنة بسنة سنتي أكثر أقل عدد
بلغ بلغت يبلغ تبلغ تجاوز تجاوزت يتجاوز تتجاوز يقارب تقارب ناهز يناهز تخطى يتخطى يفوق تفوق
مقتل إصابة استشهاد اعتقال احتجاز إطلاق سراح نزوح تهجير تدمير إجلاء تسجيل سقوط وفاة ارتفاع انخفاض تراجع
زيادة بيع شراء إنتاج تصدير استيراد تخصيص منح تقديم توفير إرسال نشر وصول عودة مشاركة تعيين
"""
OBLIQUE_AFTER = frozenset(normalize(w) for w in _OBLIQUE_AFTER_WORDS.split())
"""Words after which a number is genitive or accusative: prepositions, quantity words, the verbal
nouns news puts in construct with a count (مقتل 15 شخصًا، ارتفاع 20 بالمئة), and the verbs whose
object a quantity is (بلغت 155 مليونًا، يقارب 9 ملايين); و or ف may lead."""
_YEAR_AFTER_WORDS = "عام العام لعام بعام وعام عامي سنة السنة لسنة بسنة سنتي منذ"
_YEAR_AFTER = frozenset(normalize(w) for w in _YEAR_AFTER_WORDS.split())
"""Words after which a number of up to four digits is a year (after منذ, only four digits)."""
_NOT_NOUN_WORDS = """
في من إلى الى على عن مع أو او ثم حتى بين بالمئة بالمائة المئة المائة بالألف قبل بعد منذ خلال
فقط نحو حوالي تقريبا أيضا وفق حسب لكن إن أن إذ إذا عندما بينما الذي التي الذين هو هي هم
لا لم لن قد كما ما كان كانت ليس حيث
"""
_NOT_NOUNS = frozenset(normalize(w) for w in _NOT_NOUN_WORDS.split())
"""Words that may follow a number without being the noun it counts."""


_JOINED_NUMBER = re.compile(rf"(?<![0-9.,])([0-9][0-9.,]*)[ \u00a0]*(?:{_WORD}[ \u00a0]+)?$")
"""A number just before an attached و (بين 10 و20): the second number takes the first one's case."""


def previous_word(text: str, start: int, *, as_written: bool = False) -> str:
    """The word just before ``start`` (spaces only between), normalized for matching unless asked otherwise."""
    found = _PREVIOUS_WORD.search(text, max(0, start - _WINDOW), start)
    if not found:
        return ""
    return found.group(1) if as_written else normalize(found.group(1))


def _next_word(text: str, end: int) -> str:
    """The word just after ``end`` (spaces only between), as written."""
    found = _NEXT_WORD.match(text, end)
    return found.group(1) if found else ""


def case_at(text: str, start: int) -> Case:
    """Oblique after a preposition, a construct noun, an attached ب or ل, or و joining such a number."""
    attached = text[start - 1] if start else ""
    if attached in ("ب", "ل"):
        return "obl"
    if attached == "و":
        before = text[max(0, start - _WINDOW) : start - 1]
        joined = _JOINED_NUMBER.search(before)
        return "obl" if joined and case_at(before, joined.start(1)) == "obl" else "nom"
    previous = previous_word(text, start)
    if previous in OBLIQUE_AFTER or (previous[:1] in ("و", "ف") and previous[1:] in OBLIQUE_AFTER):
        return "obl"
    if previous[:1] in ("ب", "ل") and len(previous) > 3 and previous not in _VERBS_WITH_B_OR_L:
        return "obl"  # preposition + noun in construct with the number: لشراء 25، بتكلفة 22، بعمق 11
    return "nom"


_VERBS_WITH_B_OR_L_WORDS = "لقي لقيت لقوا بقي بقيت بدأ بدأت بات باتت بلغ بلغت بيع"
_VERBS_WITH_B_OR_L = frozenset(normalize(w) for w in _VERBS_WITH_B_OR_L_WORDS.split())
"""Verbs that begin with ب or ل, so are not a preposition and a noun."""


_DEFINITE = re.compile("(?:[وف]?[بكل]?ال|[وف]?لل)")


def counted_noun(text: str, end: int) -> str:
    """The word after a number if it can be the noun the number counts, else "".

    A counted noun is indefinite, so a word with the article (الذي، الأديب)
    is not one, nor are the particles in :data:`_NOT_NOUNS`, with or without
    a leading و or ف unless the word is a noun that starts with و (وزراء)."""
    word = _next_word(text, end)
    folded = normalize(word)
    if not word or folded in _NOT_NOUNS or _DEFINITE.match(folded):
        return ""
    if folded[:1] in ("و", "ف") and not known_noun(word):
        return ""  # و/ف + word: a conjunction starts the next phrase (كوفيد 19 وضرورة)
    if folded[:1] in ("ب", "ل", "ك") and known_noun(word[1:]):
        return ""  # a preposition leads the next phrase (رقم 198 لسنة 2018)
    return word


def gender_at(text: str, end: int) -> Gender:
    """The gender of the noun after a number; masculine when it is missing or unknown."""
    word = counted_noun(text, end)
    return (noun_gender(word) or "m") if word else "m"


def noun_follows(text: str, end: int) -> bool:
    """Whether a counted noun follows, so that a final dual or scale word is in construct (مئتا دولار)."""
    return bool(counted_noun(text, end))


def bare_year(number: str) -> bool:
    """Four digits from 1000 to 2100: a year when no noun follows (رؤية 2030) or before م (1789 م)."""
    return len(number) == 4 and number.isdigit() and 1000 <= int(number) <= 2100


def is_year(text: str, start: int, number: str) -> bool:
    """Whether the digits at ``start`` are a year: after عام or سنة, after منذ or a month name when four digits."""
    if not number.isdigit() or len(number) > 4 or number.startswith("0"):
        return False
    previous = previous_word(text, start)
    if previous in _YEAR_AFTER and (len(number) == 4 or previous != "منذ"):
        return True
    return len(number) == 4 and bool(_MONTH_BEFORE.search(text, max(0, start - _WINDOW), start))
