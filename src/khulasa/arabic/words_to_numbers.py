"""Words (and digits) → numbers: the amounts written in Arabic news, as values.

The faithfulness guard must see that "3.5 مليارات", "٣٫٥ مليار" and
"ثلاثة مليارات ونصف" speak of the same amount, and that "ثلاثمئة" is 300,
so every quantity in a text is read here as a value: Western, Arabic-Indic
and Persian digits, decimal and thousands separators, cardinal number words
in both genders and cases (واحد … تسعة وتسعون, مئة/مائة, ألف, مليون, مليار)
joined with و, and a scale word after digits ("15 ألفا").

This is the reverse of ``khulasa.arabic.numbers_to_words`` (values → words, for speech).
Ordinals (الخامس, الأولى) are left alone on purpose: they double as month
names (كانون الثاني) and everyday words (للمرة الأولى).
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

from khulasa.arabic.normalize import COMBINING_MARKS, normalize


@dataclass(frozen=True)
class Quantity:
    """One number found in a text."""

    value: float
    """The amount meant, with any scale word applied ("3.5 مليارات" → 3.5e9)."""
    bare: float
    """The number without its scale word ("3.5 مليارات" → 3.5); equal to value otherwise."""
    text: str
    """The words or digits as written."""
    start: int
    """Offset of the first character in the text."""
    end: int
    """Offset just past the last character."""


def _forms(value: int, *spellings: str) -> dict[str, int]:
    return {normalize(s): value for s in spellings}


UNITS: dict[str, int] = {
    **_forms(1, "واحد", "واحدة", "واحدا", "واحداً"),
    **_forms(2, "اثنان", "اثنين", "اثنتان", "اثنتين", "إثنان", "إثنين"),
    **_forms(3, "ثلاث", "ثلاثة"),
    **_forms(4, "أربع", "أربعة"),
    **_forms(5, "خمس", "خمسة"),
    **_forms(6, "ست", "ستة"),
    **_forms(7, "سبع", "سبعة"),
    **_forms(8, "ثمان", "ثماني", "ثمانية"),
    **_forms(9, "تسع", "تسعة"),
    **_forms(10, "عشر", "عشرة"),
}
"""Words for 1–10; 11–19 are a unit (أحد, اثنا, ثلاثة …) followed by عشر/عشرة."""

TENS: dict[str, int] = {
    **_forms(20, "عشرون", "عشرين"),
    **_forms(30, "ثلاثون", "ثلاثين"),
    **_forms(40, "أربعون", "أربعين"),
    **_forms(50, "خمسون", "خمسين"),
    **_forms(60, "ستون", "ستين"),
    **_forms(70, "سبعون", "سبعين"),
    **_forms(80, "ثمانون", "ثمانين"),
    **_forms(90, "تسعون", "تسعين"),
}

HUNDREDS: dict[str, int] = {
    **_forms(100, "مئة", "مائة", "مئه", "مائه"),
    **_forms(200, "مئتان", "مئتين", "مائتان", "مائتين", "مئتا", "مئتي", "مائتا", "مائتي"),
    **{normalize(u + h): v * 100 for u, v in (("ثلاث", 3), ("أربع", 4), ("خمس", 5), ("ست", 6), ("سبع", 7),
                                              ("ثمان", 8), ("ثماني", 8), ("تسع", 9)) for h in ("مئة", "مائة")},
}
"""Whole hundreds written as one word (ثلاثمئة) or as مئة/مئتان."""

SCALES: dict[str, int] = {
    **_forms(1_000, "ألف", "آلاف", "ألفا", "ألفاً", "الاف", "ألوف"),
    **_forms(2_000, "ألفان", "ألفين", "ألفي", "ألفا"),
    **_forms(1_000_000, "مليون", "ملايين", "مليونا", "مليوناً"),
    **_forms(2_000_000, "مليونان", "مليونين", "مليوني"),
    **_forms(1_000_000_000, "مليار", "مليارات", "مليارا", "ملياراً", "بليون", "بلايين"),
    **_forms(2_000_000_000, "ملياران", "مليارين", "ملياري"),
    **_forms(1_000_000_000_000, "تريليون", "تريليونات", "تريليونا", "تريليوناً", "ترليون", "ترليونات", "ترليونا"),
    **_forms(2_000_000_000_000, "تريليونان", "تريليونين", "تريليوني"),
}
"""Scale words; the dual forms carry their two (ألفان = 2000) when they stand alone,
and multiply by one thousand after a count ("ثلاثمئة وخمسون ألفا")."""

_FRACTION_VALUE = {normalize("نصف"): 0.5, normalize("ربع"): 0.25}
"""Fractions read only after a number and و ("ثلاثة ملايين ونصف")."""

_TEEN_UNITS = {
    **{k: v for k, v in UNITS.items() if v < 10},
    **_forms(1, "أحد", "إحدى"),
    **_forms(2, "اثنا", "اثني", "اثنتا", "اثنتي"),
}
_TEN_WORDS = {normalize("عشر"), normalize("عشرة")}
_SINGLE_SCALES = (1_000, 1_000_000, 1_000_000_000, 1_000_000_000_000)

_DIGITS = re.compile(r"[0-9\u0660-\u0669\u06f0-\u06f9]+(?:[.,\u066b\u066c][0-9\u0660-\u0669\u06f0-\u06f9]+)*")
_WORD = re.compile(f"[\u0621-\u064a\u0671-\u06d3{COMBINING_MARKS}\u0640]+")
_PROCLITICS = ("و", "ف", "ب", "ل", "ك")

_ALONE = {normalize(w) for w in ("ألف", "ست", "سبع", "عشر", "خمس", "تسع", "ثمان")}
"""Words that count as numbers only beside another number word: alone, ألف also
spells "he authored" (ألّف), ست "lady", سبع "lion", خمس/عشر/تسع "a fifth/tenth/ninth"."""


def _digit_value(raw: str) -> float:
    """Read one run of digits with its separators: 1,500 → 1500; 3.5 and ٣٫٥ → 3.5."""
    text = normalize(raw).replace("\u066c", ",").replace("\u066b", ".")
    seps = re.findall(r"[.,]", text)
    if not seps:
        return float(text)
    groups = re.split(r"[.,]", text)
    if len(set(seps)) == 2:  # 1,234.5 or 1.234,5: the last separator is the decimal one
        whole, frac = text.rsplit(seps[-1], 1)
        return float(re.sub(r"[.,]", "", whole) + "." + frac)
    if all(len(g) == 3 for g in groups[1:]) and (len(seps) > 1 or seps[0] == ","):
        return float("".join(groups))  # thousands separators: 1,500 or 1.500.000
    if len(seps) == 1:
        return float(groups[0] + "." + groups[1])
    return float("".join(groups))


def _scale(value: int) -> int:
    """The multiplier of a scale word: ألف → 1000, and the dual ألفان → 1000 as well."""
    return value if value in _SINGLE_SCALES else value // 2


def _lookup(word: str) -> tuple[str, int] | None:
    """("unit"|"ten"|"hundred"|"scale", value) for one normalized word, if it is a number word."""
    for kind, table in (("unit", UNITS), ("ten", TENS), ("hundred", HUNDREDS), ("scale", SCALES)):
        if word in table:
            return kind, table[word]
    return None


_DEFINITE = {normalize(w) for w in ("الاثنين", "الاثنان", "الألف", "العشر")}
"""Definite forms that are not counts: a weekday, the letter alif, "the last ten (nights)"."""


def _first_word(word: str) -> str:
    """Number words take و ف ب ل ك in front ("وخمسون", "بثلاثة"), and units and tens take ال
    after a definite noun ("الأشهر الخمسة"); hundreds and scales with ال ("في المئة") are not counts."""
    if _lookup(word) is not None:
        return word
    if word[:1] in _PROCLITICS and (_lookup(word[1:]) or word[1:] in _TEEN_UNITS):
        return word[1:]
    for article in ("ال", "وال", "بال", "لل"):
        rest = word[len(article) :]
        if word.startswith(article) and word not in _DEFINITE and (rest in UNITS or rest in TENS):
            return rest
    return word


def _read_words(tokens: list[str], i: int) -> tuple[float, int] | None:
    """Read a number written in words from token ``i``: (value, tokens used), or None."""
    total = 0.0
    group = 0.0
    last_scale = 0
    j = i
    while j < len(tokens):
        word = tokens[j]
        joined = False
        if j == i:
            word = _first_word(word)
        elif word[:1] == "و" and len(word) > 2:
            word, joined = word[1:], True
            if word in _FRACTION_VALUE:
                if last_scale and not group:
                    total += _FRACTION_VALUE[word] * last_scale
                else:
                    group += _FRACTION_VALUE[word]
                j += 1
                break
        if word in _TEEN_UNITS and j + 1 < len(tokens) and tokens[j + 1] in _TEN_WORDS and (j == i or joined):
            group += 10 + _TEEN_UNITS[word]
            j += 2
            continue
        parsed = _lookup(word)
        if parsed is None:
            break
        kind, value = parsed
        if j > i and not joined:
            if kind == "scale" and (group or total == 0):
                pass  # ثلاثة آلاف, خمسة عشر مليونا
            elif kind == "hundred" and value == 100 and 3 <= group <= 9:
                group *= 100  # ثلاث مئة
                j += 1
                continue
            else:
                break  # two numbers side by side: the first ends here
        if kind == "scale":
            if joined:
                break
            multiplier = _scale(value)
            count = group or (2 if value not in _SINGLE_SCALES else 1)
            total += count * multiplier
            group = 0
            last_scale = multiplier
        else:
            group += value
        j += 1
    if j == i or (total == 0 and group == 0):
        return None
    return total + group, j - i


def quantities(text: str) -> list[Quantity]:
    """Every number in ``text``, in order of appearance, read as a value."""
    found: list[Quantity] = []
    spans = [(normalize(m.group()), m.start(), m.end()) for m in _WORD.finditer(text)]
    words = [w for w, _, _ in spans]
    starts = [start for _, start, _ in spans]
    taken: set[int] = set()
    for match in _DIGITS.finditer(text):
        try:
            bare = _digit_value(match.group())
        except ValueError:
            continue
        value, end = bare, match.end()
        nxt = bisect.bisect_left(starts, end)
        if nxt < len(spans) and text[end : spans[nxt][1]].strip() in ("", "-"):
            parsed = _lookup(words[nxt])
            if parsed and parsed[0] == "scale":
                value = bare * _scale(parsed[1])
                end = spans[nxt][2]
                taken.add(nxt)
        found.append(Quantity(value, bare, text[match.start() : end], match.start(), end))
    i = 0
    while i < len(words):
        read = None if i in taken else _read_words(words, i)
        if read is None or (read[1] == 1 and _first_word(words[i]) in _ALONE):
            i += 1
            continue
        value, used = read
        start, end = spans[i][1], spans[i + used - 1][2]
        found.append(Quantity(value, value, text[start:end], start, end))
        i += used
    found.sort(key=lambda q: q.start)
    return found
