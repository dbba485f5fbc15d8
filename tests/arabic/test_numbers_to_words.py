"""Numbers in words as a news reader says them: gender with the counted noun, case, scale words."""

from __future__ import annotations

import random

import pytest

from khulasa.arabic.numbers_to_words import Noun, cardinal, counted, decimal, definite_cardinal, digits, noun_gender, ordinal

DOLLAR = Noun("دولار", "دولاران", "دولارين", "دولارات", "دولارًا", "m")
LIRA = Noun("ليرة", "ليرتان", "ليرتين", "ليرات", "ليرة", "f")


@pytest.mark.parametrize(
    ("n", "gender", "case", "expected"),
    [
        (0, "m", "nom", "صفر"),
        (1, "m", "nom", "واحد"),
        (1, "f", "nom", "واحدة"),
        (2, "m", "nom", "اثنان"),
        (2, "m", "obl", "اثنين"),
        (2, "f", "nom", "اثنتان"),
        (2, "f", "obl", "اثنتين"),
        (3, "m", "nom", "ثلاثة"),  # ثلاثة أيام
        (3, "f", "nom", "ثلاث"),  # ثلاث سنوات
        (8, "m", "nom", "ثمانية"),
        (8, "f", "nom", "ثماني"),
        (10, "f", "nom", "عشر"),
        (11, "m", "nom", "أحد عشر"),
        (11, "f", "nom", "إحدى عشرة"),
        (12, "m", "nom", "اثنا عشر"),
        (12, "m", "obl", "اثني عشر"),
        (12, "f", "nom", "اثنتا عشرة"),
        (12, "f", "obl", "اثنتي عشرة"),
        (15, "m", "nom", "خمسة عشر"),
        (15, "f", "nom", "خمس عشرة"),
        (18, "f", "nom", "ثماني عشرة"),
        (20, "m", "nom", "عشرون"),
        (20, "m", "obl", "عشرين"),
        (21, "m", "nom", "واحد وعشرون"),
        (21, "f", "obl", "إحدى وعشرين"),
        (22, "f", "nom", "اثنتان وعشرون"),
        (35, "f", "nom", "خمس وثلاثون"),
        (99, "m", "obl", "تسعة وتسعين"),
        (100, "m", "nom", "مئة"),
        (200, "m", "nom", "مئتان"),
        (200, "m", "obl", "مئتين"),
        (300, "m", "nom", "ثلاثمئة"),
        (803, "f", "nom", "ثمانمئة وثلاث"),
        (1000, "m", "nom", "ألف"),
        (2000, "m", "nom", "ألفان"),
        (2000, "m", "obl", "ألفين"),
        (3000, "m", "nom", "ثلاثة آلاف"),
        (10000, "m", "nom", "عشرة آلاف"),
        (11000, "m", "nom", "أحد عشر ألفًا"),
        (12000, "m", "obl", "اثني عشر ألفًا"),
        (100000, "m", "nom", "مئة ألف"),
        (200000, "m", "nom", "مئتا ألف"),
        (200000, "m", "obl", "مئتي ألف"),
        (101000, "m", "nom", "مئة ألف وألف"),
        (150000, "m", "nom", "مئة وخمسون ألفًا"),
        (103000, "m", "nom", "مئة وثلاثة آلاف"),
        (2017, "m", "obl", "ألفين وسبعة عشر"),
        (2024, "m", "nom", "ألفان وأربعة وعشرون"),
        (1999, "m", "obl", "ألف وتسعمئة وتسعة وتسعين"),
        (1_000_000, "m", "nom", "مليون"),
        (2_000_000, "m", "nom", "مليونان"),
        (3_000_000, "m", "nom", "ثلاثة ملايين"),
        (15_000_000, "m", "nom", "خمسة عشر مليونًا"),
        (1_500_000, "m", "nom", "مليون وخمسمئة ألف"),
        (1_000_000_000, "m", "nom", "مليار"),
        (3_500_000_000, "m", "nom", "ثلاثة مليارات وخمسمئة مليون"),
        (2_000_000_000_000, "m", "obl", "تريليونين"),
        (-5, "f", "nom", "سالب خمس"),
    ],
)
def test_cardinal(n: int, gender: str, case: str, expected: str) -> None:
    assert cardinal(n, gender=gender, case=case) == expected  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("n", "expected"),
    [
        (200, "مئتا"),  # مئتا دولار
        (2000, "ألفا"),  # ألفا شخص
        (2_000_000, "مليونا"),
        (15_000, "خمسة عشر ألف"),  # خمسة عشر ألف شخص
        (15_000_000, "خمسة عشر مليون"),  # خمسة عشر مليون دولار
        (300_000, "ثلاثمئة ألف"),
        (25, "خمسة وعشرون"),  # nothing to drop
    ],
)
def test_construct_form_before_a_counted_noun(n: int, expected: str) -> None:
    assert cardinal(n, construct=True) == expected


def test_numbers_past_the_largest_are_read_digit_by_digit() -> None:
    assert cardinal(10**15) == "واحد " + " ".join(["صفر"] * 15)
    assert digits("007") == "صفر صفر سبعة"


@pytest.mark.parametrize(
    ("whole", "fraction", "expected"),
    [
        (3, "5", "ثلاثة فاصلة خمسة"),
        (0, "75", "صفر فاصلة خمسة وسبعون"),
        (2, "05", "اثنان فاصلة صفر خمسة"),
        (10, "0", "عشرة فاصلة صفر"),
        (12, "25", "اثنا عشر فاصلة خمسة وعشرون"),
    ],
)
def test_decimal(whole: int, fraction: str, expected: str) -> None:
    assert decimal(whole, fraction) == expected


def test_decimal_in_the_oblique() -> None:
    assert decimal(2, "5", case="obl") == "اثنين فاصلة خمسة"


@pytest.mark.parametrize(
    ("n", "gender", "expected"),
    [
        (1, "m", "الأول"),
        (1, "f", "الأولى"),
        (2, "m", "الثاني"),
        (3, "f", "الثالثة"),
        (10, "m", "العاشر"),
        (11, "m", "الحادي عشر"),
        (11, "f", "الحادية عشرة"),
        (15, "m", "الخامس عشر"),
        (15, "f", "الخامسة عشرة"),
        (20, "m", "العشرين"),
        (21, "m", "الحادي والعشرين"),
        (21, "f", "الحادية والعشرين"),
        (28, "m", "الثامن والعشرين"),
        (75, "f", "الخامسة والسبعين"),
        (100, "m", "المئة"),
        (105, "m", "الخامس بعد المئة"),
        (150, "f", "المئة والخمسين"),
        (2000, "m", "الألفين"),
    ],
)
def test_ordinal(n: int, gender: str, expected: str) -> None:
    assert ordinal(n, gender=gender) == expected  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("n", "gender", "expected"),
    [(24, "f", "الأربع والعشرين"), (3, "m", "الثلاثة"), (100, "m", "المئة"), (250, "m", "المئتين والخمسين")],
)
def test_definite_cardinal(n: int, gender: str, expected: str) -> None:
    assert definite_cardinal(n, gender=gender) == expected  # type: ignore[arg-type]


def test_ordinal_tens_in_the_nominative_when_asked() -> None:
    assert ordinal(21, case="nom") == "الحادي والعشرون"


@pytest.mark.parametrize(
    ("n", "noun", "expected"),
    [
        (1, DOLLAR, "دولار واحد"),
        (1, LIRA, "ليرة واحدة"),
        (2, DOLLAR, "دولاران"),
        (5, DOLLAR, "خمسة دولارات"),
        (5, LIRA, "خمس ليرات"),
        (15, DOLLAR, "خمسة عشر دولارًا"),
        (15, LIRA, "خمس عشرة ليرة"),
        (100, DOLLAR, "مئة دولار"),
        (200, DOLLAR, "مئتا دولار"),
        (2000, DOLLAR, "ألفا دولار"),
        (105, DOLLAR, "مئة وخمسة دولارات"),
        (3000, DOLLAR, "ثلاثة آلاف دولار"),
    ],
)
def test_counted(n: int, noun: Noun, expected: str) -> None:
    assert counted(n, noun) == expected


def test_counted_dual_in_the_oblique() -> None:
    assert counted(2, DOLLAR, case="obl") == "دولارين"


@pytest.mark.parametrize(
    ("word", "gender"),
    [
        ("يوم", "m"),
        ("أيام", "m"),
        ("سنة", "f"),
        ("سنوات", "f"),
        ("شخصًا", "m"),
        ("شخصا", "m"),
        ("امرأة", "f"),
        ("نساء", "f"),
        ("دولة", "f"),
        ("دول", "f"),
        ("مستشفيات", "m"),  # sound plural of a masculine noun, from the lexicon
        ("قرارات", "m"),
        ("حكومة", "f"),  # not in the lexicon: taa marbuta
        ("منظمات", "f"),  # not in the lexicon: sound feminine plural
        ("للمرة", "f"),  # prefixes removed
        ("القرن", "m"),
        ("سَنَوَاتٍ", "f"),  # diacritics removed
        ("دورته", "f"),  # attached pronoun removed, taa restored
        ("مدنها", "f"),
        ("أيامه", "m"),
    ],
)
def test_noun_gender(word: str, gender: str) -> None:
    assert noun_gender(word) == gender


def test_unknown_broken_plural_has_no_gender() -> None:
    assert noun_gender("قضايا") is None



def test_every_number_up_to_a_trillion_reads_without_digits() -> None:
    rng = random.Random(20261129)
    edges = [0, 1, 2, 10, 11, 99, 100, 101, 999, 1000, 1001, 10**6, 10**9, 10**12, 10**12 - 1]
    sample = edges + [rng.randrange(0, 10 ** rng.randint(1, 12) + 1) for _ in range(3000)]
    for n in sample:
        for gender in ("m", "f"):
            for case in ("nom", "obl"):
                words = cardinal(n, gender=gender, case=case)  # type: ignore[arg-type]
                assert words and not any(c.isdigit() for c in words), (n, words)
        assert not any(c.isdigit() for c in ordinal(n)), n


def test_different_numbers_read_differently() -> None:
    rng = random.Random(7)
    sample = {rng.randrange(0, 10**7) for _ in range(2000)}
    assert len({cardinal(n) for n in sample}) == len(sample)
