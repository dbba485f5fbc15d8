"""Normalization folds spelling variants for matching and leaves letters alone otherwise."""

from __future__ import annotations

import unicodedata

import pytest

from khulasa.arabic import tokens
from khulasa.arabic.normalize import DIACRITICS, arabic_ratio, normalize, strip_diacritics
from khulasa.speech.diacritics import marks


@pytest.mark.parametrize(
    ("written", "variant"),
    [
        ("أبرز", "ابرز"),  # hamza on alef dropped, as EASC references do
        ("إعلان", "اعلان"),
        ("آفاق", "افاق"),
        ("ٱلكتاب", "الكتاب"),  # alef wasla
        ("على", "علي"),  # alef maqsura / ya
        ("مدينة", "مدينه"),  # taa marbuta / ha
        ("مسؤول", "مسئول"),  # hamza seat
        ("شؤون", "شئون"),
        ("شيء", "شئ"),
        ("شاطىء", "شاطئ"),
        ("الـمـشـروع", "المشروع"),  # tatweel
        ("الْمَشْرُوعُ", "المشروع"),  # diacritics
        ("مُسْتَشْفًى", "مستشفي"),
        ("٢٠٢٤", "2024"),  # Arabic-Indic digits
        ("۱۴۰۳", "1403"),  # Persian digits
        ("٣٫٥", "3.5"),  # Arabic decimal separator
        ("ﻻ", "لا"),  # presentation form left by PDF extraction
        ("کتاب", "كتاب"),  # Persian keheh
        ("ی", "ي"),  # Persian ya
        ("نيويورك\u200c", "نيويورك"),  # zero-width non-joiner
        ("UNESCO", "unesco"),
    ],
)
def test_variants_compare_equal(written: str, variant: str) -> None:
    assert normalize(written) == normalize(variant)


@pytest.mark.parametrize(
    ("one", "other"),
    [
        ("علم", "عالم"),
        ("قال", "قائل"),
        ("سنة", "سنن"),
        ("3.5", "35"),
    ],
)
def test_different_words_stay_different(one: str, other: str) -> None:
    assert normalize(one) != normalize(other)


def test_normalize_keeps_words_and_spaces_apart() -> None:
    text = "أعلنت الحكومةُ، اليومَ، خطةً بقيمة ٣٫٥ مليار\u200bدولار"  # zero-width space between words
    assert normalize(text).split() == ["اعلنت", "الحكومه،", "اليوم،", "خطه", "بقيمه", "3.5", "مليار", "دولار"]


@pytest.mark.parametrize(
    ("text", "stripped"),
    [
        ("الْمَشْرُوعُ", "المشروع"),
        ("الـمـشـروع", "المشروع"),
        ("أَعْلَنَتْ", "أعلنت"),  # hamza on alef is a letter, kept
        ("ا\u0654علن", "أعلن"),  # hamza typed as a separate mark is composed, not lost
        ("مُسْتَشْفَىٰ", "مستشفى"),  # alef maqsura kept; only the dagger alef goes
        ("بلا تشكيل", "بلا تشكيل"),
    ],
)
def test_strip_diacritics_keeps_every_letter(text: str, stripped: str) -> None:
    assert strip_diacritics(text) == stripped


@pytest.mark.parametrize(
    ("text", "ratio"),
    [
        ("خبر عاجل", 1.0),
        ("Breaking news", 0.0),
        ("خبر news", 3 / 7),
        ("2024 - 15%", 0.0),
        ("", 0.0),
    ],
)
def test_arabic_ratio(text: str, ratio: float) -> None:
    assert arabic_ratio(text) == pytest.approx(ratio)


def _arabic_block_characters() -> list[str]:
    return [chr(c) for c in (*range(0x0600, 0x0700), *range(0x0750, 0x0780), *range(0x0870, 0x0900))]


def test_the_mark_range_is_every_arabic_combining_mark() -> None:
    # the one definition the tokenizer, the number reader and the diacritizer share
    marks = {c for c in _arabic_block_characters() if DIACRITICS.fullmatch(c)}
    nonspacing = {c for c in _arabic_block_characters() if unicodedata.category(c) == "Mn"}
    assert nonspacing <= marks
    assert marks - nonspacing == {"\u06e5", "\u06e6"}  # small waw and small ya, written on a letter


@pytest.mark.parametrize("sign", ["\u06dd", "\u06de", "\u06e9", "\u08e2"])
def test_a_sign_that_stands_on_its_own_is_not_a_mark(sign: str) -> None:
    assert not DIACRITICS.fullmatch(sign)


def test_every_module_strips_the_same_marks() -> None:
    quranic = "ٱلْحَمْدُ لِلَّهِ رَبِّ ٱلْعَٰلَمِينَ ۝١ مَٰلِكِ يَوْمِ ٱلدِّينِۖ"
    assert marks.letters(quranic) == strip_diacritics(quranic)
    assert [strip_diacritics(w) for w in tokens.words(quranic)] == tokens.words(strip_diacritics(quranic))
