"""Speakable text: numbers, dates, symbols and Latin abbreviations as Arabic words.

Voices skip or misread digits and signs, so everything a reader would turn
into words becomes words here, before diacritization:

    في 30 مايو/ أيار الماضي ارتفع الإنتاج 3.5% إلى 15 مليون برميل
    → في الثلاثين من مايو أيار الماضي ارتفع الإنتاج ثلاثة فاصلة خمسة بالمئة إلى خمسة عشر مليون برميل

The reading follows a careful news reader: days of the month as ordinals
(الثلاثين من مايو), years in the form heard on air (ألفين وسبعة عشر), numbers
agreeing in gender with the noun they count and in case after a preposition
or a construct noun (بنسبة، نحو، عام). Where the context says nothing, a
number is read masculine and nominative. Arabic letters outside numbers are
never changed; other Latin words are left for the voice; emoji and unknown
symbols are dropped; control characters are removed. Any input gives an
answer: there is nothing here that raises.
"""

from __future__ import annotations

import functools
import re
import unicodedata

from khulasa.arabic import normalize as _normalize
from khulasa.arabic.numbers import (
    LARGEST,
    Case,
    Gender,
    Noun,
    cardinal,
    counted,
    decimal,
    definite_cardinal,
    digits,
    known_noun,
    noun_gender,
    ordinal,
)
from khulasa.speech.vocabulary import (
    ABBREVIATIONS,
    CURRENCY_SYMBOLS,
    GREGORIAN_MONTHS,
    LETTER_NAMES,
    MONTHS,
    SCALE_WORDS,
    SYMBOL_NAMES,
    UNITS,
)

__all__ = ["verbalize"]

normalize = functools.lru_cache(maxsize=4096)(_normalize.normalize)
"""Spelling-folded words for matching; cached because the same few words recur around numbers."""


def _alternation(words: object) -> str:
    """A regex alternation of literal words, longest first so that prefixes never win."""
    return "|".join(re.escape(w) for w in sorted(set(words), key=len, reverse=True))  # type: ignore[call-overload]


_MONTH = _alternation(MONTHS)
_SCALE = _alternation(SCALE_WORDS)
_UNIT = _alternation(UNITS)
_CURRENCY = _alternation(CURRENCY_SYMBOLS)

# --- cleaning -------------------------------------------------------------------------------------

_CONTROL = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\u00ad\u0640\u061c\u180e\u200b\u2028\u2029\u202a-\u202e\u2060-\u206f"
    "\ufe00-\ufe0f\ufeff\ufff9-\ufffb\ud800-\udfff\ue000-\uf8ff\U000e0000-\U000e007f\U000f0000-\U0010ffff]"
)
"""Controls, invisible formatting, tatweel, variation selectors, surrogates, private use.

Kept: newline and tab, and the joiners and direction marks (ZWNJ, ZWJ, LRM,
RLM) that Arabic and Persian spelling relies on."""
_PRESENTATION_FORM = re.compile("[\ufb50-\ufdff\ufe70-\ufefc]")
"""Arabic presentation forms (from PDFs and old encoders) and ligatures such as ﷺ: spelled as letters."""
_DIGIT = re.compile(r"\d")
_INDIC_DIGITS = str.maketrans("٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹", "01234567890123456789")
_ARABIC_SEPARATOR = re.compile("(?<=[0-9])([\u066b\u066c])(?=[0-9])")


def _clean(text: str) -> str:
    text = _CONTROL.sub("", text.replace("\t", " ").replace("\r\n", "\n").replace("\r", "\n"))
    text = _PRESENTATION_FORM.sub(lambda m: unicodedata.normalize("NFKC", m.group()), text)
    text = text.translate(_INDIC_DIGITS)
    if not text.isascii():
        text = _DIGIT.sub(lambda m: str(unicodedata.decimal(m.group(), 0)), text)  # other scripts' digits
    text = _ARABIC_SEPARATOR.sub(lambda m: "." if m.group(1) == "\u066b" else ",", text)
    return text.replace("\u066a", "%")


# --- context around a number ----------------------------------------------------------------------

_WORD = r"[^\W\d_][\w\u064b-\u065f\u0670]*"
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
_OBLIQUE_AFTER = frozenset(normalize(w) for w in _OBLIQUE_AFTER_WORDS.split())
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


def _previous_word(text: str, start: int, *, as_written: bool = False) -> str:
    """The word just before ``start`` (spaces only between), normalized for matching unless asked otherwise."""
    found = _PREVIOUS_WORD.search(text, max(0, start - _WINDOW), start)
    if not found:
        return ""
    return found.group(1) if as_written else normalize(found.group(1))


def _next_word(text: str, end: int) -> str:
    found = _NEXT_WORD.match(text, end)
    return found.group(1) if found else ""


def _case_at(text: str, start: int) -> Case:
    """Oblique after a preposition, a construct noun, an attached ب or ل, or و joining such a number."""
    attached = text[start - 1] if start else ""
    if attached in ("ب", "ل"):
        return "obl"
    if attached == "و":
        before = text[max(0, start - _WINDOW) : start - 1]
        joined = _JOINED_NUMBER.search(before)
        return "obl" if joined and _case_at(before, joined.start(1)) == "obl" else "nom"
    previous = _previous_word(text, start)
    if previous in _OBLIQUE_AFTER or (previous[:1] in ("و", "ف") and previous[1:] in _OBLIQUE_AFTER):
        return "obl"
    if previous[:1] in ("ب", "ل") and len(previous) > 3 and previous not in _VERBS_WITH_B_OR_L:
        return "obl"  # preposition + noun in construct with the number: لشراء 25، بتكلفة 22، بعمق 11
    return "nom"


_VERBS_WITH_B_OR_L_WORDS = "لقي لقيت لقوا بقي بقيت بدأ بدأت بات باتت بلغ بلغت بيع"
_VERBS_WITH_B_OR_L = frozenset(normalize(w) for w in _VERBS_WITH_B_OR_L_WORDS.split())
"""Verbs that begin with ب or ل, so are not a preposition and a noun."""


_DEFINITE = re.compile("(?:[وف]?[بكل]?ال|[وف]?لل)")


def _counted_noun(text: str, end: int) -> str:
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


def _gender_at(text: str, end: int) -> Gender:
    """The gender of the noun after a number; masculine when it is missing or unknown."""
    word = _counted_noun(text, end)
    return (noun_gender(word) or "m") if word else "m"


def _noun_follows(text: str, end: int) -> bool:
    return bool(_counted_noun(text, end))


def _bare_year(number: str) -> bool:
    """Four digits from 1000 to 2100: a year when no noun follows (رؤية 2030) or before م (1789 م)."""
    return len(number) == 4 and number.isdigit() and 1000 <= int(number) <= 2100


def _is_year(text: str, start: int, number: str) -> bool:
    if not number.isdigit() or len(number) > 4 or number.startswith("0"):
        return False
    previous = _previous_word(text, start)
    if previous in _YEAR_AFTER and (len(number) == 4 or previous != "منذ"):
        return True
    return len(number) == 4 and bool(_MONTH_BEFORE.search(text, max(0, start - _WINDOW), start))


# --- reading one number ---------------------------------------------------------------------------


def _parse(number: str) -> tuple[str, str]:
    """Split a written number into whole digits (separators removed) and fraction digits.

    A comma followed by one or two digits is a decimal comma (4,9 مليون), as
    Maghrebi and French-trained writers use it; with three it separates thousands."""
    if "." not in number and _DECIMAL_COMMA.fullmatch(number):
        whole, fraction = number.split(",")
        return whole, fraction
    whole, _, fraction = number.replace(",", "").partition(".")
    return whole, fraction


def _plain(number: str, *, gender: Gender = "m", case: Case = "nom", construct: bool = False) -> str:
    """Any written number in words; digit by digit when it is too long or starts with 0."""
    whole, fraction = _parse(number)
    if len(whole) > len(str(LARGEST)) or (len(whole) > 1 and whole.startswith("0") and not fraction):
        spoken = digits(whole)
        return f"{spoken} فاصلة {digits(fraction)}" if fraction else spoken
    if fraction:
        return decimal(int(whole), fraction, case=case)
    return cardinal(int(whole), gender=gender, case=case, construct=construct)


def _integer(number: str) -> int | None:
    """The value of a written whole number, or None for decimals and digit strings."""
    whole, fraction = _parse(number)
    if fraction or len(whole) > len(str(LARGEST)) or (len(whole) > 1 and whole.startswith("0")):
        return None
    return int(whole)


def _amount(text: str, start: int, end: int, number: str, scale: str | None, case: Case) -> str:
    """A number with an optional written scale word (15 مليون), read as one quantity."""
    if scale:
        value = _integer(number)
        if value is not None and value * SCALE_WORDS[scale] <= LARGEST:
            return cardinal(value * SCALE_WORDS[scale], case=case, construct=_noun_follows(text, end))
        return f"{_plain(number, case=case)} {scale}"
    return _plain(number, gender=_gender_at(text, end), case=case, construct=_noun_follows(text, end))


# --- the patterns ---------------------------------------------------------------------------------

_NUM = r"(?:[0-9]{1,3}(?:,[0-9]{3})+(?![0-9])(?:\.[0-9]+)?|[0-9]+,[0-9]{1,2}(?![0-9,])|[0-9]+(?:\.[0-9]+)?)"
_DECIMAL_COMMA = re.compile(r"[0-9]+,[0-9]{1,2}")
_START = r"(?<![0-9])(?<![0-9][.,])"
_END = r"(?![0-9])"

_MONTH_SLASH = re.compile(rf"(?<![^\W\d_])({_MONTH})[ \u00a0]*/[ \u00a0]*(?=(?:{_MONTH})(?!\w))")
_LATIN_CODE = re.compile(r"(?<![\w])([A-Z]{1,6})[-‐]?([0-9]{1,4})(?![\w])")
_NUMBERS = re.compile(
    # The lookahead lets the scan skip in one step every position where no alternative can start.
    r"(?=[0-9$€£¥%]|-[0-9]|[وفبك]?(?:ال|لل)[ \u00a0]?[0-9])(?:"
    + "|".join(
        (
            rf"(?P<time>{_START}(?:[01]?[0-9]|2[0-4]):[0-5][0-9](?![0-9:]))(?:[ \u00a0]*(?P<ampm>ص|م)(?!\w))?",
            rf"(?P<ratio>{_START}[0-9]{{1,2}}:[0-9]{{1,2}}(?![0-9:]))",
            rf"(?P<dmy>{_START}[0-9]{{1,2}}(?P<dsep>[/.-])[0-9]{{1,2}}(?P=dsep)[0-9]{{4}}(?![0-9/.-]))",
            rf"(?P<slash>{_START}[0-9]{{1,2}}/[0-9]{{1,2}}(?![0-9/]))",
            rf"(?P<ymd>{_START}[0-9]{{4}}(?P<ysep>[/-])[0-9]{{1,2}}(?P=ysep)[0-9]{{1,2}}(?![0-9/-]))",
            rf"(?<![\w])(?P<ordprefix>[وفبك]?(?:ال|لل))[ \u00a0]?(?P<ordinal>[0-9]+){_END}(?![.,][0-9])",
            rf"(?P<day>{_START}[0-9]{{1,2}})(?:[ \u00a0]*(?P<dayjoin>و|-|–|إلى)[ \u00a0]*(?P<day2>[0-9]{{1,2}}))?"
            rf"(?=[ \u00a0]*(?P<dayof>من[ \u00a0]+)?(?:{_MONTH})(?!\w))",
            rf"(?P<from>{_START}[0-9]+)[ \u00a0]*[-–][ \u00a0]*(?P<to>[0-9]+){_END}(?![.,][0-9])"
            rf"(?:[ \u00a0]*(?P<runit>{_UNIT})(?![\w²]))?",
            rf"(?P<currency>{_CURRENCY})[ \u00a0]*(?P<cnum>{_NUM})(?:[ \u00a0]*(?P<cscale>{_SCALE})(?!\w))?",
            rf"(?P<cnum2>{_START}{_NUM})(?:[ \u00a0]*(?P<cscale2>{_SCALE})(?!\w))?[ \u00a0]*(?P<currency2>{_CURRENCY})",
            rf"%[ \u00a0]*(?P<pnum>-?{_NUM})",
            rf"(?P<pnum2>{_START}-?{_NUM})[ \u00a0]*%",
            rf"(?P<era>{_START}[0-9]{{1,4}}){_END}[ \u00a0]*(?P<marker>هـ|ه|ق\.[ \u00a0]?م|ق[ \u00a0]م)(?!\w)",
            rf"(?P<usign>(?<![\w)\]])-)?(?P<unum>{_START}{_NUM})[ \u00a0]*(?P<unit>{_UNIT})(?![\w²])",
            rf"(?P<sign>(?<![\w)\]])-)?(?P<num>{_START}{_NUM})(?:[ \u00a0]+(?P<scale>{_SCALE})(?!\w))?",
            r"(?P<digits>[0-9]+)",
        )
    )
    + ")"
)
_HAS_LATIN = re.compile("[A-Za-z]")
_LATIN = re.compile(r"(?<![A-Za-z])(?:[A-Z]\.){2,}|(?<![A-Za-z.])[A-Za-z]+(?![A-Za-z])")
_SYMBOL = re.compile(r"[^\w\s\u0600-\u06ff.,!?;:'\"()\[\]{}«»\-–—…]|[_]")
_EMPTY_BRACKETS = re.compile(r"[ \u00a0]*\([ \u00a0]*\)")
_SPACES = re.compile(r"[ \u00a0\u2000-\u200a\u202f\u205f\u3000]+")
_SPACE_AROUND_NEWLINE = re.compile(r" *\n *")


_MINUTE = Noun("دقيقة", "دقيقتان", "دقيقتين", "دقائق", "دقيقة", "f")


def _year(number: str) -> str:
    """A year as news readers say it: the oblique form, ألفين وسبعة عشر."""
    return cardinal(int(number), case="obl")


def _hour(hour: int) -> str:
    return ordinal(hour if hour else 12, gender="f", case="nom")


def _time(match: re.Match[str]) -> str:
    hour_text, minute_text = match["time"].split(":")
    spoken = _clock(int(hour_text), int(minute_text))
    if match["ampm"]:
        spoken += " مساءً" if match["ampm"] == "م" else " صباحًا"
    return spoken


def _clock(hour: int, minute: int) -> str:
    """A time of day: 10:30 → العاشرة والنصف, 7:05 → السابعة وخمس دقائق."""
    spoken = _hour(hour)
    if minute == 15:
        spoken += " والربع"
    elif minute == 30:
        spoken += " والنصف"
    elif minute:
        spoken += " و" + counted(minute, _MINUTE)
    return spoken


def _date(day: int, month: int, year: str) -> str | None:
    if not (1 <= day <= 31 and 1 <= month <= 12):
        return None
    return f"{ordinal(day)} من {GREGORIAN_MONTHS[month - 1]} {_year(year)}"


_FRACTIONS = {"1/2": "نصف", "1/3": "ثلث", "1/4": "ربع", "2/3": "ثلثان", "3/4": "ثلاثة أرباع"}


def _slash(written: str) -> str:
    """Two numbers with a slash: a common fraction (1/2 → نصف), a day and month (19/6), or a ratio."""
    if written in _FRACTIONS:
        return _FRACTIONS[written]
    first, second = (int(part) for part in written.split("/"))
    if 1 <= first <= 31 and 1 <= second <= 12:
        return f"{ordinal(first)} من {GREGORIAN_MONTHS[second - 1]}"
    return f"{cardinal(first)} على {cardinal(second, case='obl')}"


def _range(text: str, match: re.Match[str]) -> str:
    first, second = match["from"], match["to"]
    if (len(first) > 1 and first.startswith("0")) or (len(second) > 1 and second.startswith("0")):
        return f"{digits(first)} {digits(second)}"
    a, b = _integer(first), _integer(second)
    if a is None or b is None:
        return f"{_plain(first)} {_plain(second)}"
    if len(first) == 4 and len(second) == 2 and 1000 <= a <= 2999 and b > a % 100:
        b += a - a % 100  # 2024-25
        second = str(b)
    previous = _previous_word(text, match.start())
    unit = match["runit"]
    years = len(first) == 4 and len(second) == 4 and 1000 <= a < b <= 2999
    if years:
        low, high = _year(first), _year(second)
        if unit in ("م", "m"):
            high += " ميلادية"
        elif unit:
            high += " " + UNITS[unit].singular
    elif a < b:
        gender = UNITS[unit].gender if unit else _gender_at(text, match.end())
        low = cardinal(a, gender=gender, case="obl")
        high = counted(b, UNITS[unit], case="obl") if unit else cardinal(b, gender=gender, case="obl")
    else:
        score = f"{cardinal(a)} مقابل {cardinal(b, case='obl')}"
        return f"{score} {UNITS[unit].singular}" if unit else score
    if previous == "بين":
        return f"{low} و{high}"
    if years and previous in ("في", "وفي", "خلال"):
        return f"الفترة من {low} إلى {high}"
    if previous == normalize("إلى"):
        return f"ما بين {low} و{high}"
    if previous in _OBLIQUE_AFTER:  # من، على بعد، نحو …: the preposition already leads the range
        return f"{low} إلى {high}"
    return f"من {low} إلى {high}"


def _ordinal(text: str, match: re.Match[str]) -> str:
    prefix, number = match["ordprefix"], match["ordinal"]
    value = _integer(number)
    if value is None:
        return prefix + " " + digits(number)
    noun = _counted_noun(text, match.end())
    counted_gender = noun_gender(noun) if noun else None
    if counted_gender:  # خلال الـ24 ساعة الماضية: a definite count, not a rank
        spoken = definite_cardinal(value, gender=counted_gender)
    else:
        previous = _previous_word(text, match.start(), as_written=True)
        spoken = ordinal(value, gender=(noun_gender(previous) or "m") if previous else "m")
    if prefix.endswith("لل"):
        return prefix[:-2] + "لل" + spoken[2:]
    return prefix[:-2] + spoken


def _days(text: str, match: re.Match[str]) -> str:
    day, day2 = int(match["day"]), match["day2"]
    if not 1 <= day <= 31 or (day2 and not 1 <= int(day2) <= 31):
        return _plain_number(text, match.start(), match.end(), match.group())
    spoken = ordinal(day)
    if day2:
        spoken += (" و" if match["dayjoin"] == "و" else " إلى ") + ordinal(int(day2))
    return spoken if match["dayof"] else spoken + " من"


def _plain_number(text: str, start: int, end: int, written: str) -> str:
    """Numbers joined by و or a dash that turned out not to be days: read each."""
    return re.sub(r"[0-9]+", lambda m: _plain(m.group(), case=_case_at(text, start)), written)


def _currency(text: str, symbol: str, number: str, scale: str | None, start: int) -> str:
    noun = CURRENCY_SYMBOLS[symbol]
    case = _case_at(text, start)
    value = _integer(number)
    if scale:
        if value is not None and value * SCALE_WORDS[scale] <= LARGEST:
            return f"{cardinal(value * SCALE_WORDS[scale], case=case, construct=True)} {noun.singular}"
        return f"{_plain(number, case=case)} {scale} {noun.singular}"
    if value is None:
        return f"{_plain(number, case=case)} {noun.singular}"
    return counted(value, noun, case=case) if value else f"{cardinal(0)} {noun.singular}"


def _signed(number: str, case: Case) -> str:
    if number.startswith("-"):
        return "سالب " + _plain(number[1:], case=case)
    return _plain(number, case=case)


def _unit(text: str, match: re.Match[str]) -> str:
    number, unit = match["unum"], match["unit"]
    start = match.start("unum")
    if match["usign"]:
        return "سالب " + _unit_amount(text, start, number, unit)
    return _unit_amount(text, start, number, unit)


def _unit_amount(text: str, start: int, number: str, unit: str) -> str:
    if (unit in ("م", "m") and _is_year(text, start, number)) or (unit == "م" and _bare_year(number)):
        return f"{_year(number)} ميلادية"
    if unit == "م" and _previous_word(text, start) == normalize("الساعة") and number.isdigit() and int(number) <= 24:
        return f"{_hour(int(number))} مساءً"
    noun = UNITS[unit]
    value = _integer(number)
    case = _case_at(text, start)
    if value is None or value == 0:
        return f"{_plain(number, case=case)} {noun.singular}"
    return counted(value, noun, case=case)


def _number(text: str, match: re.Match[str]) -> str:
    number, start = match["num"], match.start("num")
    sign = "سالب " if match["sign"] else ""
    if not match["scale"] and not sign:
        if _is_year(text, start, number) or (_bare_year(number) and not _counted_noun(text, match.end())):
            return _year(number)
        if _previous_word(text, start) == normalize("الساعة"):
            hour, _, minute = number.partition(".")
            if len(hour) <= 2 and int(hour) <= 24 and (not minute or (len(minute) == 2 and int(minute) <= 59)):
                return _clock(int(hour), int(minute or 0))  # الساعة 10 / الساعة 10.30
    return sign + _amount(text, start, match.end(), number, match["scale"], _case_at(text, start))


def _speak_number(match: re.Match[str]) -> str:
    """The words for one match, spaced from letters the writer ran into the digits (سنة711م، 1938وبدأت)."""
    spoken = _words_for(match)
    text, start, end = match.string, match.start(), match.end()
    if start and text[start - 1].isalpha() and not _ATTACHED.search(text, max(0, start - 3), start):
        spoken = " " + spoken
    if end < len(text) and text[end].isalpha():
        spoken += " "
    return spoken


_ATTACHED = re.compile(r"(?<![^\W\d_])[وفبلك]$")
"""A one-letter proclitic written against a number (و20، ب30): it stays attached."""


def _words_for(match: re.Match[str]) -> str:
    text = match.string
    if match["time"]:
        return _time(match)
    if match["ratio"]:
        a, b = match["ratio"].split(":")
        return f"{cardinal(int(a))} مقابل {cardinal(int(b), case='obl')}"
    if match["dmy"]:
        day, month, year = match["dmy"].split(match["dsep"])
        return _date(int(day), int(month), year) or " ".join(_plain(p) for p in (day, month, year))
    if match["ymd"]:
        year, month, day = match["ymd"].split(match["ysep"])
        return _date(int(day), int(month), year) or " ".join(_plain(p) for p in (year, month, day))
    if match["slash"]:
        return _slash(match["slash"])
    if match["ordinal"]:
        return _ordinal(text, match)
    if match["day"]:
        return _days(text, match)
    if match["from"]:
        return _range(text, match)
    if match["currency"]:
        return _currency(text, match["currency"], match["cnum"], match["cscale"], match.start())
    if match["cnum2"]:
        return _currency(text, match["currency2"], match["cnum2"], match["cscale2"], match.start())
    if match["pnum"] or match["pnum2"]:
        return _signed(match["pnum"] or match["pnum2"], _case_at(text, match.start())) + " بالمئة"
    if match["era"]:
        marker = "قبل الميلاد" if match["marker"].startswith("ق") else "هجرية"
        return f"{_year(match['era'])} {marker}"
    if match["unum"]:
        return _unit(text, match)
    if match["num"]:
        return _number(text, match)
    return digits(match.group())


def _latin_code(match: re.Match[str]) -> str:
    """Latin capitals with a number: G20 → مجموعة العشرين, F-16 → إف ستة عشر, COVID-19 → كوفيد تسعة عشر."""
    letters, number = match.groups()
    whole = letters + number
    if whole in ABBREVIATIONS:
        return ABBREVIATIONS[whole]
    return f"{_letters(letters)} {_plain(number)}"


def _letters(word: str) -> str:
    if word in ABBREVIATIONS:
        return ABBREVIATIONS[word]
    return " ".join(LETTER_NAMES[c] for c in word)


def _glosses(match: re.Match[str], spoken: str) -> bool:
    """True for "(EU)" right after "الاتحاد الأوروبي": the reader says the name once."""
    text, start, end = match.string, match.start(), match.end()
    before = text[max(0, start - len(spoken) - 4) : start].rstrip(" \u00a0")
    return before.endswith("(") and text[end : end + 1] == ")" and before[:-1].rstrip(" \u00a0").endswith(spoken)


_ROMAN_AFTER_WORDS = "القرن قرن العالمية الجزء الفصل المجلد الدورة"


def _latin(match: re.Match[str]) -> str:
    word = match.group()
    key = word.replace(".", "")
    if key in ABBREVIATIONS:
        spoken = ABBREVIATIONS[key]
        if _glosses(match, spoken):
            return ""
        return spoken
    if _ROMAN.fullmatch(key):
        previous = _previous_word(match.string, match.start(), as_written=True)
        if normalize(previous) in _ROMAN_AFTER:
            return ordinal(_roman_value(key), gender=noun_gender(previous) or "m")
    if key.isascii() and key.isupper() and len(key) <= 5:
        return _letters(key)
    return word


_ROMAN = re.compile("M{0,3}(?:CM|CD|D?C{0,3})(?:XC|XL|L?X{0,3})(?:IX|IV|V?I{0,3})")
_ROMAN_AFTER = frozenset(normalize(w) for w in _ROMAN_AFTER_WORDS.split())
"""Nouns that a Roman numeral ranks (القرن XXI، الحرب العالمية II); elsewhere capitals are letters."""


def _roman_value(numeral: str) -> int:
    values = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100, "D": 500, "M": 1000}
    total = 0
    for i, char in enumerate(numeral):
        value = values[char]
        total += -value if i + 1 < len(numeral) and values[numeral[i + 1]] > value else value
    return total


_UNSPOKEN_PUNCTUATION = "#*/\\•‣⁃◦※・·"
"""Punctuation that marks up text rather than phrasing it (hashtags, bullets, slashes): dropped."""


def _symbol(match: re.Match[str]) -> str:
    char = match.group()
    if char in SYMBOL_NAMES:
        return f" {SYMBOL_NAMES[char]} "
    category = unicodedata.category(char)
    if category[0] in "LM" or char in "\u200c\u200d\u200e\u200f":
        return char
    if category[0] == "P" and char not in _UNSPOKEN_PUNCTUATION:
        return char
    return " "


def verbalize(text: str) -> str:
    """The speakable form of ``text``: the same words, with numbers and symbols spelled out."""
    text = _clean(text)
    if "/" in text:
        text = _MONTH_SLASH.sub(r"\1 ", text)
    latin = _HAS_LATIN.search(text) is not None
    if latin:
        text = _LATIN_CODE.sub(_latin_code, text)
    text = _NUMBERS.sub(_speak_number, text)
    if latin:
        text = _LATIN.sub(_latin, text)
    text = _SYMBOL.sub(_symbol, text)
    text = _EMPTY_BRACKETS.sub("", text)
    text = _SPACES.sub(" ", text)
    return _SPACE_AROUND_NEWLINE.sub("\n", text).strip(" ")
