"""Month names: every regional naming of a month leads to the same number."""

from __future__ import annotations

import pytest

from khulasa.arabic.calendar import GREGORIAN, HIJRI, MONTH_NAMES, SPOKEN, gregorian_month


@pytest.mark.parametrize(
    ("egyptian", "levantine", "maghrebi"),
    [
        ("يناير", "كانون الثاني", "جانفي"),
        ("يونيو", "حزيران", "جوان"),
        ("أغسطس", "آب", "أوت"),
        ("أكتوبر", "تشرين الأول", "أكتوبر"),
        ("ديسمبر", "كانون الأول", "دجنبر"),
    ],
)
def test_the_names_a_newsroom_pairs_are_one_month(egyptian: str, levantine: str, maghrebi: str) -> None:
    # a paper prints "يونيو/حزيران"; each half is the same month
    assert gregorian_month(egyptian) == gregorian_month(levantine) == gregorian_month(maghrebi) is not None


@pytest.mark.parametrize(
    ("written", "month"),
    [
        ("اذار", 3),  # the hamza left off
        ("آذار", 3),
        ("ايلول", 9),
        ("يونيه", 6),  # the older Egyptian spelling
        ("تشرين أول", 10),  # without the article
        ("تشرين  الثاني", 11),  # two spaces between the words
        ("كانونُ الثاني", 1),  # a case ending written on it
    ],
)
def test_a_spelling_variant_is_the_same_month(written: str, month: int) -> None:
    assert gregorian_month(written) == month


@pytest.mark.parametrize("word", ["الثاني", "كانون", "رمضان", "محرم", "السبت", "شهر"])
def test_a_word_that_is_not_a_gregorian_month_has_no_number(word: str) -> None:
    assert gregorian_month(word) is None


def test_every_month_has_an_egyptian_and_a_levantine_name() -> None:
    assert sorted(GREGORIAN) == list(range(1, 13))
    levantine = {"كانون", "شباط", "آذار", "نيسان", "أيار", "حزيران", "تموز", "آب", "أيلول", "تشرين"}
    for number, names in GREGORIAN.items():
        assert names[0] == SPOKEN[number - 1]
        assert any(name.split()[0] in levantine for name in names), names


def test_month_names_hold_every_name_once() -> None:
    assert len(MONTH_NAMES) == len(set(MONTH_NAMES))
    assert set(HIJRI) <= set(MONTH_NAMES)
    assert {name for names in GREGORIAN.values() for name in names} <= set(MONTH_NAMES)
