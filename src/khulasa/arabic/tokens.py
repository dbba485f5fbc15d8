"""Word tokens for counting, matching and scoring.

A token is either a number or a word. A number is a run of digits (any
script) with the separators that keep it one value: 3.5, ٣٫٥, 10:30, 30/5,
1,200; a range such as 2023-2024 is two numbers. A word is a run of letters
with the combining marks, tatweel and zero-width joiners written inside it,
so diacritized words stay whole; a run of tatweel alone ("ـــ", a dash in
some Arabic typesetting) is not a word. Letters and digits are separate tokens
(بـ500 is "بـ" and "500"), so a figure matches on its own wherever it is
written. Punctuation is never a token.
"""

from __future__ import annotations

import re

from khulasa.arabic.normalize import COMBINING_MARKS, normalize

_MARKS = f"{COMBINING_MARKS}\u200c-\u200f\u061c\u00ad"
"""Marks kept inside a word: tashkeel, joiners, direction marks, soft hyphen (normalize removes them)."""
_SILENT = rf"[{_MARKS}ـ]*"
"""What normalization removes: a token may hold it anywhere inside, so tokens line up before and after."""
_DIGITS = rf"\d(?:{_SILENT}\d)*"
TOKEN = re.compile(rf"{_DIGITS}(?:{_SILENT}[.,:/٫٬]{_SILENT}{_DIGITS})*|[^\W\d_ـ]+(?:{_SILENT}[^\W\d_ـ]+)*{_SILENT}")
"""One token: a number, or a word with the marks written inside it."""


def words(text: str) -> list[str]:
    """The word tokens of ``text`` as written."""
    return TOKEN.findall(text)


def word_count(text: str) -> int:
    """How many word tokens ``text`` holds."""
    return sum(1 for _ in TOKEN.finditer(text))


def terms(text: str) -> list[str]:
    """Normalized word tokens, for matching and scoring.

    Position for position these are the normalized :func:`words` of the
    same text (normalization never joins or splits a token, except the rare
    ligature that stands for several words, such as ﷺ), computed in one
    pass over the whole text.
    """
    return TOKEN.findall(normalize(text))
