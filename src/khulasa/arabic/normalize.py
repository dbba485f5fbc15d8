"""Normalization for matching, never for display.

Arabic writers vary in ways that carry no meaning for matching: hamza on
alef or not (أبرز/ابرز), final ya or alef maqsura, taa marbuta or ha,
tatweel, diacritics, Arabic-Indic or Western digits. Comparison, scoring and
deduplication all go through :func:`normalize`; the text a reader sees is
never passed through it.
"""

from __future__ import annotations

import re

DIACRITICS = re.compile("[\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed]")
"""Tashkeel marks: harakat, tanween, shadda, sukun, dagger alef, Quranic marks."""
TATWEEL = "\u0640"

_FOLD = str.maketrans(
    {
        "أ": "ا",
        "إ": "ا",
        "آ": "ا",
        "ٱ": "ا",
        "ى": "ي",
        "ة": "ه",
        "ؤ": "و",
        "ئ": "ي",
        "ک": "ك",
        "ی": "ي",
        "ي": "ي",
        **{chr(0x0660 + d): str(d) for d in range(10)},  # Arabic-Indic digits
        **{chr(0x06F0 + d): str(d) for d in range(10)},  # Extended (Persian) digits
    }
)


def strip_diacritics(text: str) -> str:
    """Remove tashkeel and tatweel, keeping every letter."""
    return DIACRITICS.sub("", text).replace(TATWEEL, "")


def normalize(text: str) -> str:
    """Fold spelling variants so that equal words compare equal.

    Removes diacritics and tatweel, folds alef, ya, taa marbuta, hamza seats
    and digit forms, and lowercases Latin letters.
    """
    return strip_diacritics(text).translate(_FOLD).lower()


_ARABIC_LETTER = re.compile("[\u0621-\u064a\u066e-\u06d3\u06fa-\u06ff]")
_LETTER = re.compile(r"[^\W\d_]")


def arabic_ratio(text: str) -> float:
    """Share of letters in ``text`` that are Arabic script (0.0 when it has no letters)."""
    letters = len(_LETTER.findall(text))
    if letters == 0:
        return 0.0
    return len(_ARABIC_LETTER.findall(text)) / letters
