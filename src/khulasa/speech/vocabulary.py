"""The words the verbalizer says for what news text writes in short.

Unit and currency abbreviations with the counted-noun forms a number selects, Latin
abbreviations with the Arabic a reader says for them, and Arabic names of
the Latin letters for spelling out the rest (month names are the language
core's, in :mod:`khulasa.arabic.calendar`). Kept apart from
:mod:`khulasa.speech.verbalize` so the tables can grow without the logic.
"""

from __future__ import annotations

from khulasa.arabic.numbers_to_words import Noun


def _noun(singular: str, dual: str, plural: str, accusative: str, gender: str) -> Noun:
    """A counted noun from its nominative dual; the oblique dual is derived (-ان → -ين)."""
    dual_obl = " ".join(w[:-2] + "ين" if w.endswith("ان") else w for w in dual.split(" "))
    return Noun(singular, dual, dual_obl, plural, accusative, "f" if gender == "f" else "m")


_KILOMETRE = _noun("كيلومتر", "كيلومتران", "كيلومترات", "كيلومترًا", "m")
_SQUARE_KM = _noun("كيلومتر مربع", "كيلومتران مربعان", "كيلومترات مربعة", "كيلومترًا مربعًا", "m")
_METRE = _noun("متر", "متران", "أمتار", "مترًا", "m")
_SQUARE_METRE = _noun("متر مربع", "متران مربعان", "أمتار مربعة", "مترًا مربعًا", "m")
_CENTIMETRE = _noun("سنتيمتر", "سنتيمتران", "سنتيمترات", "سنتيمترًا", "m")
_MILLIMETRE = _noun("مليمتر", "مليمتران", "مليمترات", "مليمترًا", "m")
_KILOGRAM = _noun("كيلوغرام", "كيلوغرامان", "كيلوغرامات", "كيلوغرامًا", "m")
_CELSIUS = _noun("درجة مئوية", "درجتان مئويتان", "درجات مئوية", "درجة مئوية", "f")
_FAHRENHEIT = _noun("درجة فهرنهايت", "درجتان فهرنهايت", "درجات فهرنهايت", "درجة فهرنهايت", "f")
_DEGREE = _noun("درجة", "درجتان", "درجات", "درجة", "f")
_KMH = _noun("كيلومتر في الساعة", "كيلومتران في الساعة", "كيلومترات في الساعة", "كيلومترًا في الساعة", "m")
_MEGAWATT = _noun("ميغاواط", "ميغاواطان", "ميغاواط", "ميغاواط", "m")
_GIGAWATT = _noun("غيغاواط", "غيغاواطان", "غيغاواط", "غيغاواط", "m")
_KILOWATT = _noun("كيلوواط", "كيلوواطان", "كيلوواط", "كيلوواط", "m")
_KWH = _noun("كيلوواط ساعة", "كيلوواط ساعة", "كيلوواط ساعة", "كيلوواط ساعة", "m")

UNITS: dict[str, Noun] = {
    "كم²": _SQUARE_KM,
    "كم2": _SQUARE_KM,
    "كلم²": _SQUARE_KM,
    "كلم2": _SQUARE_KM,
    "km²": _SQUARE_KM,
    "km2": _SQUARE_KM,
    "كم/س": _KMH,
    "كلم/س": _KMH,
    "كم/ساعة": _KMH,
    "كم في الساعة": _KMH,
    "km/h": _KMH,
    "كم": _KILOMETRE,
    "كلم": _KILOMETRE,
    "km": _KILOMETRE,
    "م²": _SQUARE_METRE,
    "م2": _SQUARE_METRE,
    "m²": _SQUARE_METRE,
    "m2": _SQUARE_METRE,
    "سم": _CENTIMETRE,
    "cm": _CENTIMETRE,
    "ملم": _MILLIMETRE,
    "مم": _MILLIMETRE,
    "mm": _MILLIMETRE,
    "كغ": _KILOGRAM,
    "كلغ": _KILOGRAM,
    "كجم": _KILOGRAM,
    "kg": _KILOGRAM,
    "°C": _CELSIUS,
    "° C": _CELSIUS,
    "°م": _CELSIUS,
    "° م": _CELSIUS,
    "℃": _CELSIUS,
    "°F": _FAHRENHEIT,
    "℉": _FAHRENHEIT,
    "°": _DEGREE,
    "MW": _MEGAWATT,
    "GW": _GIGAWATT,
    "kWh": _KWH,
    "kW": _KILOWATT,
    "م": _METRE,
    "m": _METRE,
}
"""Unit abbreviations written after a number, longest spellings first where they overlap."""

CURRENCY_SYMBOLS: dict[str, Noun] = {
    "$": _noun("دولار", "دولاران", "دولارات", "دولارًا", "m"),
    "€": _noun("يورو", "يوروان", "يورو", "يورو", "m"),
    "£": _noun("جنيه إسترليني", "جنيهان إسترلينيان", "جنيهات إسترلينية", "جنيهًا إسترلينيًا", "m"),
    "¥": _noun("ين", "ينان", "ينات", "ينًا", "m"),
}
"""Currency signs, written before or after an amount."""

SCALE_WORDS: dict[str, int] = {
    **dict.fromkeys(("ألف", "آلاف", "ألفا", "ألفًا", "الف", "الاف"), 10**3),
    **dict.fromkeys(("مليون", "ملايين", "مليونا", "مليونًا"), 10**6),
    **dict.fromkeys(("مليار", "مليارات", "مليارا", "مليارًا", "بليون"), 10**9),
    **dict.fromkeys(("تريليون", "تريليونات", "تريليونا", "تريليونًا"), 10**12),
}
"""Scale words written after digits (15 مليون); the value each multiplies by."""

ABBREVIATIONS: dict[str, str] = {
    "UN": "الأمم المتحدة",
    "UNSC": "مجلس الأمن الدولي",
    "UNGA": "الجمعية العامة للأمم المتحدة",
    "US": "الولايات المتحدة",
    "USA": "الولايات المتحدة",
    "UK": "المملكة المتحدة",
    "EU": "الاتحاد الأوروبي",
    "UAE": "الإمارات",
    "NATO": "ناتو",
    "AI": "الذكاء الاصطناعي",
    "GDP": "الناتج المحلي الإجمالي",
    "IMF": "صندوق النقد الدولي",
    "WHO": "منظمة الصحة العالمية",
    "WTO": "منظمة التجارة العالمية",
    "ICC": "المحكمة الجنائية الدولية",
    "ICJ": "محكمة العدل الدولية",
    "IAEA": "الوكالة الدولية للطاقة الذرية",
    "UNESCO": "اليونسكو",
    "UNICEF": "اليونيسف",
    "UNRWA": "الأونروا",
    "UNHCR": "المفوضية السامية للأمم المتحدة لشؤون اللاجئين",
    "OPEC": "أوبك",
    "FIFA": "فيفا",
    "UEFA": "يويفا",
    "NASA": "ناسا",
    "ASEAN": "آسيان",
    "BRICS": "بريكس",
    "COVID": "كوفيد",
    "COP": "كوب",
    "CEO": "الرئيس التنفيذي",
    "USD": "دولار",
    "EUR": "يورو",
    "G7": "مجموعة السبع",
    "G8": "مجموعة الثماني",
    "G20": "مجموعة العشرين",
}
"""Latin abbreviations read as an Arabic name; unknown capitals are spelled by letter."""

_LETTER_NAMES = "إيه بي سي دي إي إف جي إتش آي جيه كيه إل إم إن أو بي كيو آر إس تي يو في دبليو إكس واي زد"
LETTER_NAMES: dict[str, str] = dict(zip("ABCDEFGHIJKLMNOPQRSTUVWXYZ", _LETTER_NAMES.split(), strict=True))
"""How an Arabic reader names each Latin capital when spelling an acronym (BBC → بي بي سي)."""

SYMBOL_NAMES: dict[str, str] = {
    "&": "و",
    "+": "زائد",
    "=": "يساوي",
    "@": "آت",
    "%": "بالمئة",
    "‰": "بالألف",
    "$": "دولار",
    "€": "يورو",
    "£": "جنيه إسترليني",
    "°": "درجة",
    "½": "نصف",
    "¼": "ربع",
    "¾": "ثلاثة أرباع",
    "÷": "على",
}
"""Symbols with a name worth saying; every other symbol (emoji too) is dropped."""
