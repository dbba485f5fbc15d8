"""Tokens: words and numbers as a reader counts them, punctuation never."""

from __future__ import annotations

import random

import pytest

from khulasa.arabic.normalize import normalize
from khulasa.arabic.tokens import terms, word_count, words
from tests.conftest import FIXTURES


@pytest.mark.parametrize(
    ("text", "tokens"),
    [
        ("قال الوزير، اليوم: «لن نتراجع».", ["قال", "الوزير", "اليوم", "لن", "نتراجع"]),
        ("بلغ النمو 3.5% في 30/5 عند 10:30", ["بلغ", "النمو", "3.5", "في", "30/5", "عند", "10:30"]),
        ("موسم 2023-2024", ["موسم", "2023", "2024"]),
        ("نحو ٣٫٥ مليون و1,200 طن", ["نحو", "٣٫٥", "مليون", "و", "1,200", "طن"]),
        ("حُدد بـ4200 ليرة", ["حُدد", "بـ", "4200", "ليرة"]),  # a figure matches on its own
        ("الْمَشْرُوعُ الـمـشـروع", ["الْمَشْرُوعُ", "الـمـشـروع"]),  # marks and tatweel stay inside
        ("مي\u200cخواهم", ["مي\u200cخواهم"]),  # a zero-width non-joiner is part of the word
        ("U.S. and COVID-19", ["U", "S", "and", "COVID", "19"]),
        ("- ؛ ، … «» ـــ", []),
    ],
)
def test_words(text: str, tokens: list[str]) -> None:
    assert words(text) == tokens
    assert word_count(text) == len(tokens)


def test_terms_are_normalized_words() -> None:
    assert terms("أعلنت الحكومةُ خطة بقيمة ٣٫٥ مليار") == ["اعلنت", "الحكومه", "خطه", "بقيمه", "3.5", "مليار"]


@pytest.mark.parametrize("name", ["arabic_subheading_credit.txt", "arabic_hardwrapped.txt"])
def test_terms_line_up_with_words(name: str) -> None:
    text = (FIXTURES / name).read_text(encoding="utf-8")
    assert terms(text) == [normalize(word) for word in words(text)]
    assert word_count(text) > 150


def test_terms_line_up_with_words_on_any_text() -> None:
    pieces = [*"ابتجدرسعفقكلمنهويىةءأإآؤئ ـًٌَُِّْ.،؛؟!:«»\"()-0123456789٠١٢٣٫", "\u200c", "\u200f", "ﻻ", "a", "Z", "\n"]
    generator = random.Random(2026)
    for _ in range(300):
        text = "".join(generator.choice(pieces) for _ in range(generator.randint(0, 120)))
        assert terms(text) == [normalize(word) for word in words(text)], text
