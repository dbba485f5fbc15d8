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

import re
import unicodedata
from collections.abc import Iterable

from khulasa.arabic.calendar import MONTH_NAMES
from khulasa.arabic.calendar import SPOKEN as SPOKEN_MONTHS
from khulasa.arabic.numbers_to_words import (
    LARGEST,
    Case,
    Gender,
    Noun,
    cardinal,
    counted,
    decimal,
    definite_cardinal,
    digits,
    noun_gender,
    ordinal,
)
from khulasa.speech.number_context import (
    OBLIQUE_AFTER,
    bare_year,
    case_at,
    counted_noun,
    gender_at,
    is_year,
    normalize,
    noun_follows,
    previous_word,
)
from khulasa.speech.vocabulary import (
    ABBREVIATIONS,
    CURRENCY_SYMBOLS,
    LETTER_NAMES,
    SCALE_WORDS,
    SYMBOL_NAMES,
    UNITS,
)

__all__ = ["verbalize"]


def _alternation(words: Iterable[str]) -> str:
    """A regex alternation of literal words, longest first so that prefixes never win."""
    return "|".join(re.escape(w) for w in sorted(set(words), key=len, reverse=True))


_MONTH = _alternation(MONTH_NAMES)
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
            return cardinal(value * SCALE_WORDS[scale], case=case, construct=noun_follows(text, end))
        return f"{_plain(number, case=case)} {scale}"
    return _plain(number, gender=gender_at(text, end), case=case, construct=noun_follows(text, end))


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
_EMPTY_BRACKETS = re.compile(r"\([ \u00a0]*\)")
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
    return f"{ordinal(day)} من {SPOKEN_MONTHS[month - 1]} {_year(year)}"


_FRACTIONS = {"1/2": "نصف", "1/3": "ثلث", "1/4": "ربع", "2/3": "ثلثان", "3/4": "ثلاثة أرباع"}


def _slash(written: str) -> str:
    """Two numbers with a slash: a common fraction (1/2 → نصف), a day and month (19/6), or a ratio."""
    if written in _FRACTIONS:
        return _FRACTIONS[written]
    first, second = (int(part) for part in written.split("/"))
    if 1 <= first <= 31 and 1 <= second <= 12:
        return f"{ordinal(first)} من {SPOKEN_MONTHS[second - 1]}"
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
    previous = previous_word(text, match.start())
    unit = match["runit"]
    years = len(first) == 4 and len(second) == 4 and 1000 <= a < b <= 2999
    if years:
        low, high = _year(first), _year(second)
        if unit in ("م", "m"):
            high += " ميلادية"
        elif unit:
            high += " " + UNITS[unit].singular
    elif a < b:
        gender = UNITS[unit].gender if unit else gender_at(text, match.end())
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
    if previous in OBLIQUE_AFTER:  # من، على بعد، نحو …: the preposition already leads the range
        return f"{low} إلى {high}"
    return f"من {low} إلى {high}"


def _ordinal(text: str, match: re.Match[str]) -> str:
    prefix, number = match["ordprefix"], match["ordinal"]
    value = _integer(number)
    if value is None:
        return prefix + " " + digits(number)
    noun = counted_noun(text, match.end())
    counted_gender = noun_gender(noun) if noun else None
    if counted_gender:  # خلال الـ24 ساعة الماضية: a definite count, not a rank
        spoken = definite_cardinal(value, gender=counted_gender)
    else:
        previous = previous_word(text, match.start(), as_written=True)
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
    return re.sub(r"[0-9]+", lambda m: _plain(m.group(), case=case_at(text, start)), written)


def _currency(text: str, symbol: str, number: str, scale: str | None, start: int) -> str:
    noun = CURRENCY_SYMBOLS[symbol]
    case = case_at(text, start)
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
    if (unit in ("م", "m") and is_year(text, start, number)) or (unit == "م" and bare_year(number)):
        return f"{_year(number)} ميلادية"
    if unit == "م" and previous_word(text, start) == normalize("الساعة") and number.isdigit() and int(number) <= 24:
        return f"{_hour(int(number))} مساءً"
    noun = UNITS[unit]
    value = _integer(number)
    case = case_at(text, start)
    if value is None or value == 0:
        return f"{_plain(number, case=case)} {noun.singular}"
    return counted(value, noun, case=case)


def _number(text: str, match: re.Match[str]) -> str:
    number, start = match["num"], match.start("num")
    sign = "سالب " if match["sign"] else ""
    if not match["scale"] and not sign:
        if is_year(text, start, number) or (bare_year(number) and not counted_noun(text, match.end())):
            return _year(number)
        if previous_word(text, start) == normalize("الساعة"):
            hour, _, minute = number.partition(".")
            if len(hour) <= 2 and int(hour) <= 24 and (not minute or (len(minute) == 2 and int(minute) <= 59)):
                return _clock(int(hour), int(minute or 0))  # الساعة 10 / الساعة 10.30
    return sign + _amount(text, start, match.end(), number, match["scale"], case_at(text, start))


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
        return _signed(match["pnum"] or match["pnum2"], case_at(text, match.start())) + " بالمئة"
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
        previous = previous_word(match.string, match.start(), as_written=True)
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
