"""The month names Arabic news prints, in every regional naming, by month number.

One Gregorian month has several Arabic names: Egypt, Sudan and the Gulf
borrow the Latin ones (يناير), the Levant and Iraq keep the Syriac ones
(كانون الثاني), Algeria and Tunisia write the French ones (جانفي), Morocco
its own (غشت), and many papers print two side by side ("يونيو/حزيران").
The faithfulness guard must see that حزيران and يونيو are the same month,
and the verbalizer must find every one of them to read a date aloud; both
take the names from here, so a name added once is known to both.

The names are listed as written, with the common spellings that drop a
hamza (اذار, ايلول), because the verbalizer matches text as written;
matching code folds them with :func:`khulasa.arabic.normalize.normalize`.
"""

from __future__ import annotations

from khulasa.arabic.normalize import normalize

GREGORIAN: dict[int, tuple[str, ...]] = {
    1: ("يناير", "كانون الثاني", "كانون ثاني", "جانفي"),
    2: ("فبراير", "شباط", "فيفري"),
    3: ("مارس", "آذار", "اذار"),
    4: ("أبريل", "إبريل", "ابريل", "نيسان", "أفريل", "افريل"),
    5: ("مايو", "أيار", "ايار", "ماي"),
    6: ("يونيو", "يونيه", "حزيران", "جوان"),
    7: ("يوليو", "يوليه", "تموز", "جويلية", "يوليوز"),
    8: ("أغسطس", "اغسطس", "آب", "أوت", "اوت", "غشت"),
    9: ("سبتمبر", "أيلول", "ايلول", "شتنبر"),
    10: ("أكتوبر", "اكتوبر", "تشرين الأول", "تشرين أول"),
    11: ("نوفمبر", "تشرين الثاني", "تشرين ثاني", "نونبر"),
    12: ("ديسمبر", "كانون الأول", "كانون أول", "دجنبر"),
}
"""Month number → its names: the Egyptian and Gulf name first, then Levantine and Iraqi, then Maghrebi."""

SPOKEN: tuple[str, ...] = tuple(names[0] for names in GREGORIAN.values())
"""The name said for a month given as a number (19/6/2024 → يونيو), by month number from 1."""

HIJRI: tuple[str, ...] = (
    *("محرم", "صفر", "ربيع الأول", "ربيع الآخر", "ربيع الثاني", "جمادى الأولى", "جمادى الآخرة", "جمادى الثانية"),
    *("رجب", "شعبان", "رمضان", "شوال", "ذو القعدة", "ذو الحجة", "ذي القعدة", "ذي الحجة"),
)
"""The months of the Islamic calendar, with the case forms of ذو/ذي; several are also everyday words or names (صفر, رجب)."""

MONTH_NAMES: tuple[str, ...] = (*(name for names in GREGORIAN.values() for name in names), *HIJRI)
"""Every month name a date may use, Gregorian and Hijri, as written."""

GREGORIAN_BY_NAME: dict[str, int] = {normalize(name): number for number, names in GREGORIAN.items() for name in names}
"""Normalized Gregorian name (one word, or two joined by a space) → month number; spelling variants share a key."""


def gregorian_month(name: str) -> int | None:
    """The number of a Gregorian month from any of its names or spellings, None for anything else.

    >>> gregorian_month("حزيران"), gregorian_month("يونيه"), gregorian_month("تشرين أول")
    (6, 6, 10)
    """
    return GREGORIAN_BY_NAME.get(" ".join(normalize(name).split()))
