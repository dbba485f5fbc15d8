"""Normalization for matching, never for display.

Arabic writers vary in ways that carry no meaning for matching: hamza on
alef or not (أبرز/ابرز), final ya or alef maqsura (على/علي), taa marbuta or
ha (مدينة/مدينه), the seat of a hamza (مسؤول/مسئول, شيء/شئ), tatweel
(الـمـشروع), diacritics, Arabic-Indic, Persian or Western digits, and the
presentation-form letters that PDF extraction leaves behind (ﻻ for لا).
Comparison, scoring and deduplication all go through :func:`normalize`; the
text a reader sees is never passed through it.

The tables follow common Arabic information-retrieval practice (the same
folds camel-tools' ``normalize_*_ar`` helpers make), kept here as two
translation tables so one article costs a few microseconds.
"""

from __future__ import annotations

import re
import unicodedata

COMBINING_MARKS = (
    "\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06dc\u06df-\u06e8\u06ea-\u06ed\u0898-\u089f\u08ca-\u08e1\u08e3-\u08ff"
)
"""The marks written on an Arabic letter, as the inside of a regex character class.

Harakat, tanween, shadda, sukun, hamza and madda above or below, the dagger
alef, and the Quranic and extended marks: every nonspacing mark (Unicode Mn)
of the Arabic blocks, plus the small waw and ya (U+06E5, U+06E6) that
Quranic text writes on a letter the same way. The signs between them that
stand on their own (end of ayah U+06DD, rub el hizb U+06DE, sajdah U+06E9,
U+08E2) are not marks. Every module that must know a mark from a letter
uses this one range.
"""
DIACRITICS = re.compile(f"[{COMBINING_MARKS}]")
"""One combining mark (tashkeel); :func:`strip_diacritics` removes them all."""
TATWEEL = "\u0640"
"""Kashida: stretches a word on screen, carries no meaning (الـمـشروع = المشروع)."""

_INVISIBLE = "\u200c\u200d\u200e\u200f\u061c\u00ad\ufeff\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
"""Zero-width joiners, direction marks, soft hyphen, BOM: they matter for display only."""

_FOLDS = (
    # Alef with hamza, madda or wasla → bare alef: the hamza is often left out.
    ("أ", "ا"),
    ("إ", "ا"),
    ("آ", "ا"),
    ("ٱ", "ا"),
    ("ٲ", "ا"),
    ("ٳ", "ا"),
    # Alef maqsura and the Persian/Urdu ya → ya.
    ("ى", "ي"),
    ("ی", "ي"),
    # Taa marbuta and heh variants → heh.
    ("ة", "ه"),
    ("ۀ", "ه"),
    ("ە", "ه"),
    ("ھ", "ه"),
    ("ہ", "ه"),
    # Hamza on waw or ya → bare hamza, so مسؤول = مسئول and شؤون = شئون.
    ("ؤ", "ء"),
    ("ئ", "ء"),
    # After the folds above, شيء/شئ and شاطىء/شاطئ differ only by a ya before the hamza.
    ("يء", "ء"),
    # Persian keheh and swash kaf → kaf.
    ("ک", "ك"),
    ("ڪ", "ك"),
)
"""Letter folds, in order; a chain of str.replace is several times faster than str.translate here."""

_REMOVE = re.compile(f"[{COMBINING_MARKS}{TATWEEL}{_INVISIBLE}]")
_SEPARATE = str.maketrans(
    {
        "\u200b": " ",  # a zero-width space separates words
        "٫": ".",  # Arabic decimal separator
        "٬": ",",  # Arabic thousands separator
        "٪": "%",
        **{chr(0x0660 + d): str(d) for d in range(10)},  # Arabic-Indic digits
        **{chr(0x06F0 + d): str(d) for d in range(10)},  # Extended (Persian) digits
    }
)
_NEEDS_SEPARATE = re.compile("[\u200b\u066a-\u066c\u0660-\u0669\u06f0-\u06f9]")
_COMBINING_HAMZA = re.compile("[\u0653-\u0655]")
"""Madda and hamza written as separate marks; NFC composes them onto their letter."""
_NOT_ASCII = re.compile(r"[^\x00-\x7f]")


def strip_diacritics(text: str) -> str:
    """Remove tashkeel and tatweel, keeping every letter.

    A hamza or madda typed as a separate mark (ا + ٔ) is first composed onto
    its letter (أ), so stripping marks never drops a hamza that is part of
    the spelling.
    """
    if _COMBINING_HAMZA.search(text):
        text = unicodedata.normalize("NFC", text)
    return DIACRITICS.sub("", text).replace(TATWEEL, "")


def normalize(text: str) -> str:
    """Fold spelling variants so that equal words compare equal.

    Applies compatibility normalization (presentation forms, ligatures),
    removes diacritics, tatweel and invisible characters, folds alef, ya,
    taa marbuta, hamza seats and digit forms, and lowercases Latin letters.
    Word boundaries are kept, so tokens of the result line up with tokens
    of the input.
    """
    if _NOT_ASCII.search(text) is None:
        return text.lower()
    if not unicodedata.is_normalized("NFKC", text):
        text = unicodedata.normalize("NFKC", text)
    text = _REMOVE.sub("", text)
    for variant, letter in _FOLDS:
        text = text.replace(variant, letter)
    if _NEEDS_SEPARATE.search(text):
        text = text.translate(_SEPARATE)
    return text.lower()


_ARABIC_LETTER = re.compile("[\u0621-\u064a\u066e-\u06d3\u06d5\u06fa-\u06ff\u0750-\u077f\ufb50-\ufdff\ufe70-\ufefc]")
_LETTER = re.compile(r"[^\W\d_]")


def arabic_ratio(text: str) -> float:
    """Share of letters in ``text`` that are Arabic script (0.0 when it has no letters)."""
    letters = len(_LETTER.findall(text))
    if letters == 0:
        return 0.0
    return len(_ARABIC_LETTER.findall(text)) / letters
