"""Normalization folds spelling variants for matching and leaves letters alone otherwise."""

from __future__ import annotations

import pytest

from khulasa.arabic.normalize import arabic_ratio, normalize, strip_diacritics


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
