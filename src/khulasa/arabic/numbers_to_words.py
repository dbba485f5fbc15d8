"""Numbers → words, as an Arabic news reader says them: cardinals, decimals, ordinals.

The speech side: a value becomes the words a voice reads (the reverse,
words → values for the guard, is :mod:`khulasa.arabic.words_to_numbers`).

Arabic numbers agree with the noun they count. Three to ten take the
opposite gender of the singular noun (ثلاثة أيام، ثلاث سنوات); eleven to
ninety-nine take a singular accusative noun (خمسة عشر يومًا); hundreds,
thousands and millions have their own dual and plural forms (مئتان، ألفان،
ثلاثة آلاف، أحد عشر ألفًا، مليونان، ثلاثة ملايين). num2words' Arabic gets
decimals wrong and knows neither gender nor case, so the tables are ours.

Two grammatical settings reach the words:

- ``gender`` is the gender of the *counted noun* ("m" or "f"), not of the
  number's form. Unknown nouns count as masculine.
- ``case`` is "nom" (nominative: اثنان، عشرون، مئتان) or "obl" (accusative
  and genitive share these forms: اثنين، عشرين، مئتين). The default is the
  nominative, the citation form that stands on its own before a pause.

``construct=True`` says a counted noun follows in a genitive construct, which
drops the nun of a final dual and the tanween of a final scale word
(مئتا دولار، ألفا شخص، خمسة عشر مليون دولار) instead of the forms that end a
phrase (مئتان، ألفان، خمسة عشر مليونًا).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from khulasa.arabic.normalize import strip_diacritics

Gender = Literal["m", "f"]
Case = Literal["nom", "obl"]

LARGEST = 10**15 - 1
"""Largest integer read as a number; longer digit strings are read digit by digit."""

ZERO = "صفر"
DECIMAL_POINT = "فاصلة"

# Units for a masculine counted noun (number with taa from three on) and a feminine one.
_UNITS_M = ("", "واحد", "اثنان", "ثلاثة", "أربعة", "خمسة", "ستة", "سبعة", "ثمانية", "تسعة", "عشرة")
_UNITS_F = ("", "واحدة", "اثنتان", "ثلاث", "أربع", "خمس", "ست", "سبع", "ثماني", "تسع", "عشر")
_TENS = ("", "", "عشرون", "ثلاثون", "أربعون", "خمسون", "ستون", "سبعون", "ثمانون", "تسعون")
_HUNDREDS = ("", "مئة", "مئتان", "ثلاثمئة", "أربعمئة", "خمسمئة", "ستمئة", "سبعمئة", "ثمانمئة", "تسعمئة")


@dataclass(frozen=True)
class Noun:
    """The forms of a counted noun that a number selects between."""

    singular: str
    """One of it, and the genitive after 100, 1000, …: دولار."""
    dual_nom: str
    """Two of it, nominative: دولاران."""
    dual_obl: str
    """Two of it, accusative/genitive: دولارين."""
    plural: str
    """Three to ten of it: دولارات."""
    accusative: str
    """Eleven to ninety-nine of it (singular accusative): دولارًا."""
    gender: Gender
    """Grammatical gender of the singular."""


_SCALES = (
    Noun("ألف", "ألفان", "ألفين", "آلاف", "ألفًا", "m"),
    Noun("مليون", "مليونان", "مليونين", "ملايين", "مليونًا", "m"),
    Noun("مليار", "ملياران", "مليارين", "مليارات", "مليارًا", "m"),
    Noun("تريليون", "تريليونان", "تريليونين", "تريليونات", "تريليونًا", "m"),
)
"""10^3, 10^6, 10^9, 10^12, in order."""


def _obl(word: str, case: Case) -> str:
    """Turn a nominative -ان/-ون ending into the oblique -ين when ``case`` asks for it."""
    if case == "nom":
        return word
    if word.endswith("ان") and word.startswith(("اثن", "مئت")):
        return word[:-2] + "ين"
    if word.endswith("ون"):
        return word[:-2] + "ين"
    return word


def _below_hundred(n: int, gender: Gender, case: Case) -> str:
    units = _UNITS_F if gender == "f" else _UNITS_M
    if n <= 10:
        return _obl(units[n], case)
    if n < 20:
        unit = n - 10
        ten = "عشرة" if gender == "f" else "عشر"
        if unit == 1:
            return "إحدى عشرة" if gender == "f" else "أحد عشر"
        if unit == 2:
            two = "اثنتا" if gender == "f" else "اثنا"
            return (two if case == "nom" else two[:-1] + "ي") + " " + ten
        return f"{units[unit]} {ten}"
    tens, unit = divmod(n, 10)
    ten_word = _obl(_TENS[tens], case)
    if unit == 0:
        return ten_word
    first = ("إحدى" if gender == "f" else "واحد") if unit == 1 else _obl(units[unit], case)
    return f"{first} و{ten_word}"


def _hundreds(h: int, case: Case, construct: bool) -> str:
    word = _HUNDREDS[h]
    if h == 2:
        word = _obl(word, case)
        if construct:
            word = word[:-1]  # مئتا / مئتي
    return word


def _below_thousand(n: int, gender: Gender, case: Case, construct: bool) -> str:
    h, rest = divmod(n, 100)
    parts = []
    if h:
        parts.append(_hundreds(h, case, construct and rest == 0))
    if rest:
        parts.append(_below_hundred(rest, gender, case))
    return " و".join(parts)


def _dual(noun: Noun, case: Case, construct: bool) -> str:
    word = noun.dual_nom if case == "nom" else noun.dual_obl
    return word[:-1] if construct else word  # ألفا دولار / ألفي دولار


def _scaled(m: int, scale: Noun, case: Case, construct: bool) -> str:
    """``m`` (1–999) times a scale word, in the form the count selects."""
    if m == 1:
        return scale.singular
    if m == 2:
        return _dual(scale, case, construct)
    if m <= 10:
        return f"{_below_hundred(m, 'm', case)} {scale.plural}"
    if m < 100:
        return f"{_below_hundred(m, 'm', case)} {scale.singular if construct else scale.accusative}"
    h, rest = divmod(m, 100)
    if rest == 0:
        return f"{_hundreds(h, case, construct=True)} {scale.singular}"
    if rest <= 2:
        # مئة ألف وألف: the small remainder repeats the scale word rather than leave it ambiguous.
        return f"{_hundreds(h, case, construct=True)} {scale.singular} و{_scaled(rest, scale, case, construct)}"
    return f"{_hundreds(h, case, construct=False)} و{_scaled(rest, scale, case, construct)}"


def cardinal(n: int, *, gender: Gender = "m", case: Case = "nom", construct: bool = False) -> str:
    """``n`` in words: 2017 → ألفان وسبعة عشر (nominative) or ألفين وسبعة عشر (oblique).

    ``gender`` is that of the counted noun and only shapes the part below a
    thousand. Negative numbers are read with سالب. Numbers above
    :data:`LARGEST` are read digit by digit.
    """
    if n < 0:
        return f"سالب {cardinal(-n, gender=gender, case=case, construct=construct)}"
    if n == 0:
        return ZERO
    if n > LARGEST:
        return digits(str(n))
    groups = []
    rest = n
    while rest:
        rest, group = divmod(rest, 1000)
        groups.append(group)
    parts = []
    last = min(i for i, g in enumerate(groups) if g)
    for index in range(len(groups) - 1, -1, -1):
        group = groups[index]
        if not group:
            continue
        tail = construct and index == last
        if index == 0:
            parts.append(_below_thousand(group, gender, case, tail))
        else:
            parts.append(_scaled(group, _SCALES[index - 1], case, tail))
    return " و".join(parts)


def digits(text: str) -> str:
    """Read a string of ASCII digits one by one: "007" → صفر صفر سبعة."""
    return " ".join(ZERO if d == "0" else _UNITS_M[int(d)] for d in text if d.isdigit())


def decimal(whole: int, fraction: str, *, case: Case = "nom") -> str:
    """A decimal number: (3, "5") → ثلاثة فاصلة خمسة; (3, "05") → ثلاثة فاصلة صفر خمسة.

    The fraction is read as a whole number after its leading zeros, each read
    as صفر. Decimals are read in the masculine: agreement with the noun after
    a decimal is unsettled in news reading, and the masculine is what is heard.
    """
    head = cardinal(whole, case=case)
    stripped = fraction.lstrip("0")
    zeros = [ZERO] * (len(fraction) - len(stripped))
    if len(stripped) > 15:
        tail = [digits(stripped)]
    elif stripped:
        tail = [cardinal(int(stripped), case=case)]
    else:
        tail = []
    return " ".join([head, DECIMAL_POINT, *zeros, *tail]) if zeros or tail else f"{head} {DECIMAL_POINT} {ZERO}"


_ORDINAL_M = ("", "الأول", "الثاني", "الثالث", "الرابع", "الخامس", "السادس", "السابع", "الثامن", "التاسع", "العاشر")
_ORDINAL_F = ("", "الأولى", "الثانية", "الثالثة", "الرابعة", "الخامسة", "السادسة", "السابعة", "الثامنة", "التاسعة", "العاشرة")


def _definite(words: str) -> str:
    """Put the article on each conjunct of a cardinal: مئتين وخمسين → المئتين والخمسين."""
    return " و".join("ال" + part for part in words.split(" و"))


def definite_cardinal(n: int, *, gender: Gender = "m", case: Case = "obl") -> str:
    """A cardinal with the article, before the noun it counts: خلال الـ24 ساعة → الأربع والعشرين ساعة.

    Oblique by default, like :func:`ordinal`, for the same reason."""
    if n > LARGEST or n < 0:
        return cardinal(n, gender=gender, case=case)
    return _definite(cardinal(n, gender=gender, case=case))


def ordinal(n: int, *, gender: Gender = "m", case: Case = "obl") -> str:
    """The definite ordinal of ``n`` agreeing with a noun of ``gender``: 15 → الخامس عشر.

    Tens are read in the oblique by default (القرن الحادي والعشرين), the form
    a definite ordinal takes after the prepositions and construct nouns it
    follows in almost every news sentence. Past a hundred: الخامس بعد المئة,
    المئة والخمسين; round hundreds and thousands: المئة، الألفين.
    """
    if n <= 0:
        return _definite(cardinal(n, case=case))
    table = _ORDINAL_F if gender == "f" else _ORDINAL_M
    if n <= 10:
        return table[n]
    if n < 20:
        unit = n - 10
        first = ("الحادية" if gender == "f" else "الحادي") if unit == 1 else table[unit]
        return f"{first} {'عشرة' if gender == 'f' else 'عشر'}"
    if n < 100:
        tens, unit = divmod(n, 10)
        ten_word = "ال" + _obl(_TENS[tens], case)
        if unit == 0:
            return ten_word
        first = ("الحادية" if gender == "f" else "الحادي") if unit == 1 else table[unit]
        return f"{first} و{ten_word}"
    rest = n % 100
    if n > LARGEST:
        return digits(str(n))
    round_part = _definite(cardinal(n - rest, case=case))
    if rest == 0:
        return round_part
    if rest % 10 == 0:
        return f"{round_part} و{ordinal(rest, gender=gender, case=case)}"
    return f"{ordinal(rest, gender=gender, case=case)} بعد {round_part}"


def counted(n: int, noun: Noun, *, case: Case = "nom") -> str:
    """``n`` of ``noun`` with both in their agreeing forms: 5 → خمسة دولارات, 1 → دولار واحد."""
    if n == 1:
        return f"{noun.singular} {'واحدة' if noun.gender == 'f' else 'واحد'}"
    if n == 2:
        return _dual(noun, case, construct=False)
    rest = n % 100
    number = cardinal(n, gender=noun.gender, case=case, construct=n >= 100 and rest in (0, 1, 2))
    if 3 <= rest <= 10:
        return f"{number} {noun.plural}"
    if 11 <= rest <= 99:
        return f"{number} {noun.accusative}"
    return f"{number} {noun.singular}"


# The gender of nouns that news counts, singular and plural forms, without diacritics.
_MASCULINE = """
يوم أيام شهر أشهر شهور عام أعوام أسبوع أسابيع قرن قرون عقد عقود فصل
شخص أشخاص قتيل قتلى جريح جرحى طفل أطفال رجل رجال مدني مدنيين مدنيون جندي جنود
مواطن مواطنين مواطنون لاجئ لاجئين لاجئون نازح نازحين شهيد شهداء أسير أسرى معتقل معتقلين
مسلح مسلحين مقاتل مقاتلين عنصر عناصر ضابط ضباط طالب طلاب عامل عمال موظف موظفين
عضو أعضاء نائب نواب وزير وزراء لاعب لاعبين مشارك مشاركين ناخب ناخبين صحفي صحفيين مريض مرضى
ألف آلاف مليون ملايين مليار مليارات تريليون تريليونات
دولار دولارات يورو جنيه جنيهات ريال ريالات دينار دنانير درهم دراهم فرنك ين روبل
كيلومتر كيلومترات متر أمتار سنتيمتر مليمتر ميل أميال كيلوغرام كيلوغرامات غرام طن أطنان
لتر لترات برميل براميل هكتار هكتارات دونم دونمات ميغاواط كيلوواط غيغاواط واط فولت
هدف أهداف مقعد مقاعد صاروخ صواريخ منزل منازل بيت بيوت مبنى مباني مستشفى مستشفيات
بلد بلدان إقليم أقاليم مشروع مشاريع مشروعات مصنع مصانع قرار قرارات اجتماع اجتماعات
حزب أحزاب صوت أصوات تقرير تقارير بيان بيانات إجراء إجراءات لقاء لقاءات مؤتمر مؤتمرات
مطار مطارات حيوان حيوانات ملف ملفات حساب حسابات امتحان امتحانات كتاب كتب بند بنود
قارب قوارب مركب سهم أسهم موقع مواقع طابق طوابق مقال مقالات فيلم أفلام وفد وفود
"""
_FEMININE = """
سنة سنوات سنين ساعة ساعات دقيقة دقائق ثانية ثوان ثواني ليلة ليال ليالي مرة مرات
دولة دول امرأة نساء سيدة سيدات فتاة فتيات طالبة طالبات أسرة أسر عائلة عائلات
ليرة ليرات درجة درجات نقطة نقاط مدينة مدن قرية قرى طائرة طائرات سيارة سيارات
شاحنة شاحنات حافلة حافلات دبابة دبابات مروحية مروحيات سفينة سفن غارة غارات
شركة شركات مدرسة مدارس حالة حالات إصابة إصابات وفاة وفيات جولة جولات مباراة مباريات
مادة مواد فقرة فقرات ولاية ولايات محافظة محافظات جلسة جلسات مرحلة مراحل جائزة جوائز
نسخة نسخ ورقة أوراق كلمة كلمات صفحة صفحات عملية عمليات وحدة وحدات ميدالية ميداليات
محطة محطات قدم أرض أراض شمس حرب حروب نفس عين دار ذكرى دعوى شكوى فتوى
وزارة وزارات وثيقة وثائق وجبة وجبات وسيلة وسائل وكالة وكالات وظيفة وظائف
"""
_LEXICON: dict[str, Gender] = {
    **{word: "m" for word in _MASCULINE.split()},
    **{word: "f" for word in _FEMININE.split()},
}

_POSSESSIVES = ("هما", "كما", "ها", "هم", "هن", "كم", "نا", "ه", "ك")
"""Attached pronouns (دورته، مدنها), longest first; before them a taa marbuta is written ت."""
_PREFIXES = ("وبال", "وال", "فال", "بال", "كال", "لل", "ال", "و", "ب", "ل", "ف")


def known_noun(word: str) -> bool:
    """Whether ``word`` as written (diacritics and an accusative alif aside) is a noun of the lexicon."""
    bare = strip_diacritics(word)
    return bare in _LEXICON or (bare.endswith("ا") and bare[:-1] in _LEXICON)


def noun_gender(word: str) -> Gender | None:
    """The gender of a counted noun as written (any number, any prefix), or None when unknown.

    Looks the word up in a lexicon of nouns news counts, after removing
    diacritics, an accusative alif (شخصًا) and attached prefixes (بال، لل،
    و…); otherwise a final taa marbuta or a sound feminine plural ending ات
    marks a feminine noun. Broken plurals outside the lexicon are unknown.
    """
    bare = strip_diacritics(word)
    candidates = [bare]
    if bare.endswith("ا") and len(bare) > 2:
        candidates.append(bare[:-1])
    for suffix in _POSSESSIVES:
        if bare.endswith(suffix) and len(bare) - len(suffix) >= 3:
            stem = bare[: -len(suffix)]
            candidates.append(stem[:-1] + "ة" if stem.endswith("ت") else stem)  # دورته → دورة
            break
    for candidate in list(candidates):
        candidates.extend(candidate[len(p) :] for p in _PREFIXES if candidate.startswith(p) and len(candidate) - len(p) >= 2)
    for candidate in candidates:
        if candidate in _LEXICON:
            return _LEXICON[candidate]
    if any(c.endswith("ة") or (c.endswith("ات") and len(c) > 4) for c in candidates):
        return "f"
    return None
