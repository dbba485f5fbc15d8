"""Arabic word forms without a dictionary: clitics, light stems, imperfect verbs, three-letter roots.

News Arabic glues conjunctions, prepositions and the article to the front of a
word (وبالمدينة) and pronouns and plural endings to its back (مدارسها), so
the same word turns up in many spellings. These functions take those pieces
off by their form, after :func:`khulasa.arabic.normalize.normalize`.

There are two light stemmers, and they differ in one decision: whether a lone
letter that may be a clitic (و ب ل ف) comes off.

- :func:`stem_by_form` takes it off whenever three letters stay: the guard
  asks whether a bullet's word is *anywhere* in the article, and a looser
  match there only lets a real word through.
- :func:`stem_by_article` takes it off only when the article uses the rest
  (لبوتين → بوتين, but بوتين keeps its ب): sentence ranking counts terms, and
  a name cut into another word would be counted as that word.
"""

from __future__ import annotations

import re

_PROCLITICS = ("وبال", "فبال", "وال", "فال", "بال", "ولل", "فلل", "لل", "ال", "وس", "و", "ف", "ب", "ل", "س")
"""Leading clitics, longest first. ك ("like") is left out: rare in news, and it would turn كوريا into وريا."""
_PRONOUNS = ("هما", "كما", "هم", "هن", "كم", "ها", "نا", "ه", "ي")
_ENDINGS = ("يات", "ات", "تان", "تين", "ون", "ين", "ان", "وا", "يه", "ه", "ت", "ا", "ي")
_IMPERFECT = "يتن"
"""Imperfect verb prefixes; أ (first person) is left out: news bullets are in the third person,
and after normalization it would take the alef off names such as آسيا and أمريكا."""
_DEFINITE = re.compile("^[وفب]?(?:ال|لل)")


def strip_clitics(term: str) -> str:
    """A normalized word without its leading و ف ب ل ك ال س, keeping at least three letters."""
    for prefix in _PROCLITICS:
        if term.startswith(prefix) and len(term) - len(prefix) >= 3:
            return term[len(prefix) :]
    return term


def stem_by_form(term: str) -> str:
    """Light stem of a normalized word: clitics off the front, a pronoun and an ending off the back."""
    base = strip_clitics(term)
    for suffixes in (_PRONOUNS, _ENDINGS):
        for suffix in suffixes:
            if base.endswith(suffix) and len(base) - len(suffix) >= 3:
                base = base[: -len(suffix)]
                break
    return base


def imperfect_free(term: str) -> str:
    """The word without an imperfect verb prefix (يغطي, تغطي → غطي; سيزود → زود), or "" when it has none."""
    if _DEFINITE.match(term):
        return ""  # a word with ال is a noun, never a verb
    base = strip_clitics(term)
    if base[:1] == "س" and len(base) >= 5 and base[1] in _IMPERFECT:
        base = base[1:]  # the future prefix
    return base[1:] if len(base) >= 4 and base[0] in _IMPERFECT else ""


_TEMPLATES = tuple(
    re.compile(p)
    for p in (
        r"^ت(.)(.)ي(.)$",  # تفعيل: تمويل, تحذير
        r"^ت(.)ا(.)(.)$",  # تفاعل: تبادل
        r"^ت(.)(.)(.)$",  # تفعّل: تحمّل
        r"^م(.)ا(.)(.)$",  # مفاعل(ة): مطالبة
        r"^م(.)(.)و(.)$",  # مفعول: مشروع
        r"^م(.)(.)ي(.)$",  # مفعيل (مفعول of hollow roots)
        r"^م(.)(.)(.)$",  # مفعل, مفعّل: محذّر, مشرف
        r"^مست(.)(.)(.)$",  # مستفعل
        r"^است(.)(.)ا(.)$",  # استفعال
        r"^است(.)(.)(.)$",  # استفعل
        r"^ا(.)ت(.)ا(.)$",  # افتعال: اجتماع
        r"^ا(.)ت(.)(.)$",  # افتعل: اجتمع
        r"^ا(.)(.)ا(.)$",  # إفعال: إسراع, إنتاج
        r"^ا(.)(.)و(.)$",  # أفعول: أنبوب, أسبوع
        r"^ا(.)ا(.)ي(.)$",  # أفاعيل: أنابيب
        r"^ان(.)(.)ا(.)$",  # انفعال
        r"^ان(.)(.)(.)$",  # انفعل: انخفض
        r"^[يتن]ت(.)ا(.)(.)$",  # يتفاعل: يتزايد
        r"^[يتن]ست(.)(.)(.)$",  # يستفعل
        r"^[يتن](.)ت(.)(.)$",  # يفتعل
        r"^[يتن]ت(.)(.)(.)$",  # يتفعّل
        r"^[يتن]ن(.)(.)(.)$",  # ينفعل
        r"^[يتن](.)(.)(.)$",  # يفعل: يحذر, يمول
        r"^(.)ا(.)(.)$",  # فاعل: طالب
        r"^(.)(.)ا(.)$",  # فعال
        r"^(.)(.)ي(.)$",  # فعيل
        r"^(.)(.)(.)$",  # فعل
    )
)
_PLAIN = 4
"""The last templates (فاعل, فعال, فعيل, فعل) carry no derivational letter: names fit them
as easily as words do, so a bullet word is matched by them only against the article's roots
when it also has a derivational shape."""


def readings(term: str, *, verbs: bool = True) -> set[str]:
    """Light stems of a word read with and without its leading clitics (وقع is a verb; وقعت may be و+قعت),
    and, with ``verbs``, without an imperfect prefix (سيزود → زود)."""
    out = set()
    for base in {term, strip_clitics(term), imperfect_free(term) if verbs else ""} - {""}:
        for suffixes in ((), _PRONOUNS, _ENDINGS):
            out.add(base)
            for suffix in suffixes:
                if base.endswith(suffix) and len(base) - len(suffix) >= 3:
                    base = base[: -len(suffix)]
                    break
        out.add(base)
    return out


def roots(term: str, *, plain: bool = True) -> set[str]:
    """Three-letter roots the word's templates point to: يمول, تمويل → مول; محذرا, حذروا → حذر."""
    found = set()
    templates = _TEMPLATES if plain else _TEMPLATES[:-_PLAIN]
    for reading in readings(term):
        for template in templates:
            match = template.match(reading)
            if match and "ا" not in "".join(match.groups()):
                found.add("".join(match.groups()))  # a root never holds a long ا
    return found


_DICTIONARY_PRONOUNS = tuple(p for p in _PRONOUNS if p != "ي")
"""Pronoun suffixes read off before asking the dictionary: not "my" (ي), rare outside quotes and,
taken off a name, it leaves a plural or dual ending to take off next (ميلوني → ميلون → ميل)."""


def dictionary_readings(term: str) -> set[str]:
    """The readings the dictionary is asked about.

    The word with and without its leading clitics and a third-person imperfect
    prefix (ي ت, not ن: تغذيها → غذي), each without a pronoun, an ending, or
    both (تريليونا → تريليون); two-letter stems the guard's three-letter rule
    keeps out (بخط → خط; يضخ, سيضخ → ضخ; تعد → عد, وعد); and an alef left bare by
    an ending read as the alef maqsura it stands for (معفاة → معفى). Each step
    is one a news bullet needs; every further one lets more names fall apart
    into dictionary words (بنزيمة would read ب+ن+زيم).
    """
    verb = imperfect_free(term)
    bases = {term, strip_clitics(term), verb if verb and strip_clitics(term)[:1] in "يت" else ""} - {""}
    out: set[str] = set()
    for base in bases:
        for pronoun in ("", *_DICTIONARY_PRONOUNS):
            if not base.endswith(pronoun) or len(base) - len(pronoun) < 3:
                continue
            bare = base[: len(base) - len(pronoun)]
            endings = {bare[: -len(e)] for e in _ENDINGS if bare.endswith(e) and len(bare) - len(e) >= (4 if e == "ي" else 3)}
            out.add(bare)
            out.update(endings)
            if pronoun or endings:
                out.update(r[:-1] + "ي" for r in {bare, *endings} - {base} if r.endswith("ا"))
    bare_word = term[1:] if term[:1] in ("و", "ف") and len(term) >= 4 else term
    future = bare_word[1:] if bare_word[:1] == "س" and bare_word[1:2] in ("ي", "ت") and len(bare_word) == 4 else ""
    for word in {term, bare_word, future} - {""}:
        if len(word) == 3 and word[0] in "وفبل":
            out.add(word[1:])
        if len(word) == 3 and word[0] in "يت":
            out.update((word[1:], "و" + word[1:]))
    return out


_ARTICLE_PREFIXES = ("وبال", "وال", "بال", "كال", "فال", "لل", "ال")
_LETTER_PREFIXES = ("و", "ب", "ل", "ف")
_SUFFIXES = ("هما", "كما", "ات", "ون", "ين", "ان", "ها", "هم", "يه", "يا", "ه", "ي")


def stem_by_article(term: str, known: frozenset[str] | None = None) -> str:
    """Light stem of a normalized term that asks the article before it takes a letter off: clitics off, three letters kept.

    A prefix with the article ("وال", "لل" …) always goes. A lone letter
    that may be a clitic ("و", "ب", "ل", "ف") is just as often part of the
    word ("بوتين", "فيتنام", "وزير"); given the article's ``known`` words it
    goes only when the rest is a word the article also uses ("لبوتين" →
    "بوتين"), so every form of a name lands on one stem.
    """
    if term.isdigit() or len(term) <= 3:
        return term
    for prefix in _ARTICLE_PREFIXES:
        if term.startswith(prefix) and len(term) - len(prefix) >= 3:
            term = term[len(prefix) :]
            break
    else:
        rest = term[1:]
        if term.startswith(_LETTER_PREFIXES) and len(rest) >= 3 and (known is None or rest in known or "ال" + rest in known):
            term = rest
    for suffix in _SUFFIXES:
        if term.endswith(suffix) and len(term) - len(suffix) >= 3:
            term = term[: -len(suffix)]
            break
    return term
