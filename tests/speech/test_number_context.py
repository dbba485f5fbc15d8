"""The words beside a number choose its case, its gender and whether it is a year."""

from __future__ import annotations

import pytest

from khulasa.speech.number_context import case_at, counted_noun, gender_at, is_year


def _at(text: str) -> tuple[str, int, int]:
    """``text`` with the number marked by brackets, and the number's start and end."""
    start = text.index("[")
    end = text.index("]") - 1
    return text.replace("[", "").replace("]", ""), start, end


@pytest.mark.parametrize(
    ("marked", "case"),
    [
        ("قتل [22] شخصا", "nom"),
        ("في [22] مدينة", "obl"),
        ("بنسبة [25]%", "obl"),
        ("ب[30] صاروخا", "obl"),
        ("بين 10 و[20] شخصا", "obl"),
        ("قتل 10 و[20] جرحوا", "nom"),
        ("لشراء [25] طائرة", "obl"),
        ("لقي [15] شخصا", "nom"),
        ("وارتفاع [12]%", "obl"),
    ],
)
def test_case(marked: str, case: str) -> None:
    text, start, _ = _at(marked)
    assert case_at(text, start) == case


@pytest.mark.parametrize(
    ("marked", "gender"),
    [
        ("[3] سنوات", "f"),
        ("[3] أيام", "m"),
        ("[15] دولة", "f"),
        ("[3] الأيام", "m"),  # definite: not the counted noun
        ("[19] وضرورة", "m"),  # a conjunction leads the next phrase
        ("[3] وزارات", "f"),  # a noun that begins with و
        ("[198] لسنة", "m"),  # a preposition leads the next phrase
        ("[3]", "m"),
    ],
)
def test_gender(marked: str, gender: str) -> None:
    text, _, end = _at(marked)
    assert gender_at(text, end) == gender


def test_counted_noun_is_the_word_after_when_it_can_be_one() -> None:
    text, _, end = _at("[3] سنوات")
    assert counted_noun(text, end) == "سنوات"
    text, _, end = _at("[3] في")
    assert counted_noun(text, end) == ""


@pytest.mark.parametrize(
    ("marked", "year"),
    [
        ("عام [2017]", True),
        ("سنة [622]", True),
        ("منذ [2011]", True),
        ("منذ [3] سنوات", False),
        ("يونيو [2024]", True),
        ("يونيو حزيران [2024]", True),
        ("بلغ [2024]", False),
    ],
)
def test_year(marked: str, year: bool) -> None:
    text, start, end = _at(marked)
    assert is_year(text, start, text[start:end]) is year
