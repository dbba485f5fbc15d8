"""Grapheme-to-phoneme rules for fully diacritized Modern Standard Arabic.

With its marks in place, MSA spelling is nearly phonemic, so a short set of
rules turns a diacritized word into phonemes. We write them in eSpeak NG's
Arabic phoneme mnemonics (``s[`` for ص, ``dH`` for ض, ``A`` for ع, ``:`` for
length, ``'`` before the stressed vowel) because the default voice speaks
them through its ``[[...]]`` phoneme input. eSpeak NG reads raw Arabic text
with known faults that these rules avoid: it reads three consonants for a
shadda on a glide (الرَّيِّ), it keeps hamzat al-wasl after a word
(وَاسْتَقْبَلَ as *waa-staqbala*, فِي الْبَيْتِ with a long *ii*), it loses the
vowel after a sun letter (الشَّمْسُ), it reads the alif after waw al-jama'a,
and it never uses pausal forms at the end of a sentence.

Words need their neighbours: hamzat al-wasl vanishes after a word in the same
breath (and the word before it shortens a long vowel or gains a helper
vowel), and the word before a pause drops its final short vowel and tanween
(-atun → -ah). :func:`pronounce` therefore works on a whole script. A word the
rules cannot read (Latin script, digits, no marks at all) gets ``None`` and is
left to the voice as plain text.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

from khulasa.arabic.normalize import TATWEEL
from khulasa.speech.diacritics.marks import DAMMA, DAMMATAN, FATHA, FATHATAN, KASRA, KASRATAN, SHADDA, SUKUN

DAGGER_ALIF = "\u0670"

_SHORT = {FATHA: "a", DAMMA: "u", KASRA: "i"}
_TANWEEN = {FATHATAN: "a", DAMMATAN: "u", KASRATAN: "i"}
_MARKS = frozenset([*_SHORT, *_TANWEEN, SHADDA, SUKUN, DAGGER_ALIF])

_CONSONANTS = {
    "ب": "b", "ت": "t", "ث": "T", "ج": "dZ", "ح": "H", "خ": "X", "د": "d", "ذ": "D",
    "ر": "R", "ز": "z", "س": "s", "ش": "S", "ص": "s[", "ض": "dH", "ط": "t[", "ظ": "Z",
    "ع": "A", "غ": "Q", "ف": "f", "ق": "q", "ك": "k", "ل": "l", "م": "m", "ن": "n",
    "ه": "h", "ء": "?", "أ": "?", "إ": "?", "ؤ": "?", "ئ": "?", "پ": "p", "ڤ": "v", "گ": "g",
}  # fmt: skip
_EMPHATIC = frozenset({"s[", "dH", "t[", "Z"})
_SUN_LETTERS = frozenset("تثدذرزسشصضطظلن")
_PREFIX_VOWELS = {"و": "a", "ف": "a", "ك": "a", "ل": "ai", "ب": "i", "أ": "a"}
"""Letters that join a word as one-letter prefixes, with the short vowels they take."""

_ASSIMILATED_T = frozenset("تدطظ")
"""Doubled after a hamzat al-wasl in form VIII verbs and nouns (اتِّفَاق، ادَّعَى، اطَّلَعَ): وَاتِّهَام is
wa-ttiham, not waa-ttiham. Other doubled letters after an alif follow a long aa (كَافَّة، مَادَّة)."""

_MULTI_LETTER = frozenset({"dH", "dZ", "tS", "gH"})
"""eSpeak mnemonics that two of our phonemes could spell by accident; a "|" keeps them apart."""

ARABIC_WORD = re.compile("[\u0621-\u063a\u0641-\u064a\u064b-\u0652\u0670\u0671\u067e\u06a4\u06af\u0640]+")
"""A run of Arabic letters, marks and tatweel: the unit the rules read."""
PAUSE = frozenset(".!?؟،,؛;:…\n")
"""Punctuation after which a reader pauses, so the word before it takes its pausal form."""

_DAGGER_WORDS = {
    "هذا": ({0}, set()), "هذه": ({0}, set()), "هذان": ({0}, set()), "هذين": ({0}, set()),
    "ذلك": ({0}, set()), "ذلكم": ({0}, set()), "لكن": ({0}, set()), "هؤلاء": ({0}, set()),
    "أولئك": ({2}, {1}), "أولو": (set(), {1}), "الله": ({2}, set()), "لله": ({1}, set()),
    "إله": ({1}, set()), "الرحمن": ({4}, set()),
}  # fmt: skip
"""Words whose long vowel is not written (a dagger alif is implied) or whose letter is silent:
skeleton → (letter indexes followed by a long *aa*, silent letter indexes)."""
_KEEP_FINAL_VOWEL = frozenset({"هو", "هي"})


@dataclass(frozen=True)
class Spoken:
    """One word of a script and how to say it."""

    start: int
    """Offset of the word's first character in the script."""
    end: int
    """Offset just past the word's last character."""
    phonemes: str | None
    """eSpeak NG phoneme mnemonics, or None when the word must be read as plain text."""


@dataclass
class _Phone:
    name: str
    vowel: bool
    long: bool = False
    """Vowels: a long vowel. Consonants: a doubled (geminate) consonant."""
    tanween: bool = False
    marbuta: bool = False
    glide: bool = False
    """The second half of a diphthong (*ai*, *au*), written as eSpeak writes it."""


@dataclass
class _Word:
    skeleton: str
    phones: list[_Phone] = field(default_factory=list)
    wasl: str | None = None
    """The vowel of a hamzat al-wasl that starts the word, if one does."""


def _letters(word: str) -> list[tuple[str, set[str]]]:
    letters: list[tuple[str, set[str]]] = []
    for ch in unicodedata.normalize("NFC", word):
        if ch == TATWEEL:
            continue
        if ch in _MARKS:
            if letters:
                letters[-1][1].add(ch)
            continue
        letters.append((ch, set()))
    return letters


def _vowel_of(marks: set[str]) -> str | None:
    for mark, vowel in _SHORT.items():
        if mark in marks:
            return vowel
    return None


def _is_prefix(letters: list[tuple[str, set[str]]], k: int) -> bool:
    """True if letters before ``k`` are one- or two-letter prefixes (وَ، فَ، بِ، لِ …)."""
    if not 1 <= k <= 2:
        return False
    return all(ch in _PREFIX_VOWELS and (_vowel_of(m) or "-") in _PREFIX_VOWELS[ch] for ch, m in letters[:k])


def _dagger_and_silent(letters: list[tuple[str, set[str]]]) -> tuple[set[int], set[int]]:
    skeleton = "".join(ch for ch, _ in letters)
    for cut in range(3):
        if cut and not _is_prefix(letters, cut):
            break
        entry = _DAGGER_WORDS.get(skeleton[cut:])
        if entry:
            return {cut + i for i in entry[0]}, {cut + i for i in entry[1]}
    return set(), set()


def _diacritized(letters: list[tuple[str, set[str]]]) -> bool:
    """True if at least half the consonants before the last letter carry a mark.

    The last letter is left out because a case ending may be missing; long-vowel
    letters and the article's lam take no mark of their own. A word marked less
    than that was not diacritized, and guessing its vowels would be worse than
    leaving the word to eSpeak's own rules."""
    if len(letters) == 1:
        return True
    body = [marks for i, (ch, marks) in enumerate(letters[:-1]) if ch not in "اٱآأإوىيةل" or (ch == "ل" and i > 1)]
    if not body:
        return any(marks for _, marks in letters)
    return 2 * sum(1 for marks in body if marks) >= len(body)


def _parse(word: str) -> _Word | None:
    """Phones of one word on its own, before its neighbours are known; None if unreadable."""
    letters = _letters(word)
    if not letters or not _diacritized(letters):
        return None
    dagger, silent = _dagger_and_silent(letters)
    out = _Word("".join(ch for ch, _ in letters))
    phones = out.phones

    def vowel(name: str, *, long: bool = False) -> None:
        phones.append(_Phone(name, vowel=True, long=long))

    def last_short(name: str) -> bool:
        return bool(phones) and phones[-1].vowel and not phones[-1].long and phones[-1].name == name

    def add_vowels(marks: set[str], k: int) -> None:
        if k in dagger or DAGGER_ALIF in marks:
            vowel("a", long=True)
            return
        if (v := _vowel_of(marks)) is not None:
            vowel(v)
        for mark, name in _TANWEEN.items():
            if mark in marks:
                vowel(name)
                phones.append(_Phone("n", vowel=False, tanween=True))

    n = len(letters)
    for k, (ch, marks) in enumerate(letters):
        nxt = letters[k + 1] if k + 1 < n else None
        prev = letters[k - 1] if k else None
        if k in silent:
            continue
        if ch in "اٱ" and not (_vowel_of(marks) and k == 0):
            if k == 0:
                if nxt and nxt[0] == "ل":
                    out.wasl = "a"
                elif k + 3 < n and DAMMA in letters[k + 2][1]:  # اُنْتُخِبَ; not a case ending (اسْمُ)
                    out.wasl = "u"
                else:
                    out.wasl = "i"
            elif FATHATAN in marks:
                vowel("a")
                phones.append(_Phone("n", vowel=False, tanween=True))
            elif prev and FATHATAN in prev[1]:
                continue  # the alif that carries tanween fatha is not read
            elif k == n - 1 and prev and prev[0] == "و" and not _vowel_of(prev[1]):
                continue  # waw al-jama'a: كَتَبُوا
            elif ch == "ٱ" or (
                _is_prefix(letters, k)
                and nxt is not None
                and k + 2 < n
                and (
                    SUKUN in nxt[1]
                    or (nxt[0] == "ل" and not _vowel_of(nxt[1]))
                    or (nxt[0] in _ASSIMILATED_T and SHADDA in nxt[1])
                )
            ):
                continue  # hamzat al-wasl after a prefix: وَاسْتَقْبَلَ، بِالْبَيْتِ
            elif phones and phones[-1].vowel and phones[-1].name != "a":
                continue  # مِائَة
            elif last_short("a"):
                phones[-1].long = True
            else:
                vowel("a", long=True)
            continue
        if ch in "اٱ":  # an alif with a vowel of its own starts the word with a glottal stop
            phones.append(_Phone("?", vowel=False))
            add_vowels(marks, k)
            continue
        if ch == "آ":
            phones.append(_Phone("?", vowel=False))
            vowel("a", long=True)
            continue
        if ch == "ى":
            if prev and FATHATAN in prev[1]:
                continue
            if last_short("i") or last_short("a"):
                phones[-1].long = True
            else:
                vowel("a", long=True)
            add_vowels(marks - {FATHA, KASRA, DAMMA, DAGGER_ALIF}, k)
            continue
        if ch in "وي":
            glide_vowel = "u" if ch == "و" else "i"
            has_vowel = _vowel_of(marks) or any(m in marks for m in _TANWEEN) or SHADDA in marks
            if not has_vowel and last_short(glide_vowel):
                phones[-1].long = True
                continue
            if not has_vowel and last_short("a") and k > 0:
                phones.append(_Phone(glide_vowel, vowel=False, glide=True))
                continue
            if not has_vowel and k > 0 and SUKUN not in marks and not (phones and phones[-1].vowel):
                vowel(glide_vowel, long=True)
                continue
            phones.append(_Phone("w" if ch == "و" else "j", vowel=False, long=SHADDA in marks))
            add_vowels(marks, k)
            continue
        if ch == "ة":
            if _vowel_of(marks) or any(m in marks for m in _TANWEEN):
                phones.append(_Phone("t", vowel=False, marbuta=True))
                add_vowels(marks, k)
            else:
                phones.append(_Phone("h", vowel=False, marbuta=True))
            continue
        if ch == "ل" and nxt and nxt[0] in _SUN_LETTERS and not _vowel_of(marks) and SHADDA not in marks:
            article = (prev is not None and prev[0] in "اٱ") or (k == 1 and prev is not None and prev[0] == "ل")
            if SHADDA in nxt[1] or (article and SUKUN not in marks and SUKUN not in nxt[1]):
                if SHADDA not in nxt[1]:
                    nxt[1].add(SHADDA)
                continue  # the article's lam joins the sun letter: الشَّمْس → aʃʃams
        name = _CONSONANTS.get(ch)
        if name is None:
            return None
        phones.append(_Phone(name, vowel=False, long=SHADDA in marks))
        if ch in "أإ" and _vowel_of(marks) is None and not any(m in marks for m in _TANWEEN) and SUKUN not in marks:
            marks = marks | {KASRA if ch == "إ" else FATHA}  # the seat tells the vowel the mark left out
        add_vowels(marks, k)
    return out


def _join(prev: _Word) -> None:
    """Change the end of ``prev`` so it runs into a word that starts with hamzat al-wasl."""
    if not prev.phones:
        return
    last = prev.phones[-1]
    if last.vowel:
        last.long = False  # فِي الْبَيْتِ → fi lbait
        return
    if last.tanween:
        helper = "i"
    elif prev.skeleton.endswith("من") and len(prev.skeleton) <= 3:
        helper = "a"  # مِنَ الْ
    elif last.name == "m" and len(prev.phones) > 1 and prev.phones[-2].name == "u":
        helper = "u"  # هُمُ الْ
    else:
        helper = "i"
    if last.glide:
        last.name, last.glide = ("w" if last.name == "u" else "j"), False
    prev.phones.append(_Phone(helper, vowel=True))


def _pause(word: _Word) -> None:
    """Pausal form: drop a final short vowel or tanween (tanween fatha → aa), taa marbuta → h."""
    phones = word.phones
    if word.skeleton in _KEEP_FINAL_VOWEL:
        return
    if phones and phones[-1].tanween:
        phones.pop()
        before = phones[-2] if len(phones) > 1 else None
        if phones[-1].name == "a" and not (before and before.marbuta):
            phones[-1].long = True
            return
        phones.pop()
    elif phones and phones[-1].vowel and not phones[-1].long and len(phones) > 1:
        phones.pop()
    if phones and phones[-1].marbuta:
        phones[-1].name = "h"


def _stressed_vowel(phones: list[_Phone]) -> int | None:
    """Index of the stressed vowel by the MSA rule: a final superheavy syllable,
    else a heavy penult, else the antepenult (the penult in two-syllable words)."""
    vowels = [i for i, p in enumerate(phones) if p.vowel]
    if not vowels:
        return None
    weights = []
    for j, i in enumerate(vowels):
        stop = vowels[j + 1] if j + 1 < len(vowels) else len(phones)
        units = sum(2 if p.long else 1 for p in phones[i + 1 : stop])
        coda = units if j + 1 == len(vowels) else max(units - 1, 0)
        weights.append(coda + (1 if phones[i].long else 0))
    if len(vowels) == 1 or weights[-1] >= 2:
        return vowels[-1]
    if weights[-2] >= 1 or len(vowels) == 2:
        return vowels[-2]
    return vowels[-3]


def _render(phones: list[_Phone]) -> str:
    stressed = _stressed_vowel(phones)
    parts: list[str] = []
    for i, p in enumerate(phones):
        if p.vowel:
            after_emphatic = i > 0 and not phones[i - 1].vowel and phones[i - 1].name in _EMPHATIC
            text = ("'" if i == stressed else "") + p.name + ("." if after_emphatic else "") + (":" if p.long else "")
        else:
            text = p.name * 2 if p.long else p.name
        if parts and (parts[-1][-1] + text[0]) in _MULTI_LETTER:
            parts.append("|")
        parts.append(text)
    return "".join(parts)


def pronounce(script: str) -> tuple[Spoken, ...]:
    """Every Arabic word of ``script`` with its phonemes, read in context (wasl and pauses)."""
    matches = list(ARABIC_WORD.finditer(script))
    words = [_parse(m.group()) for m in matches]
    for j, (match, word) in enumerate(zip(matches, words, strict=True)):
        if word is None:
            continue
        prev = words[j - 1] if j else None
        gap_before = script[matches[j - 1].end() : match.start()] if j else ""
        joined = prev is not None and gap_before.strip() == "" and "\n" not in gap_before
        if word.wasl is not None:
            if joined and prev is not None:
                _join(prev)
            else:
                word.phones.insert(0, _Phone("?", vowel=False))
                word.phones.insert(1, _Phone(word.wasl, vowel=True))
    for j, (match, word) in enumerate(zip(matches, words, strict=True)):
        if word is None:
            continue
        rest = script[match.end() :].lstrip(" \t")
        if not rest or rest[0] in PAUSE or (j + 1 < len(matches) and words[j + 1] is None and _ends_here(rest)):
            _pause(word)
    return tuple(
        Spoken(m.start(), m.end(), None if w is None or not w.phones else _render(w.phones))
        for m, w in zip(matches, words, strict=True)
    )


def _ends_here(rest: str) -> bool:
    """True if what follows holds no more words before a pause (trailing symbols, emoji)."""
    for ch in rest:
        if ch in PAUSE:
            return True
        if ch.isalnum():
            return False
    return True


def transcribe(text: str) -> str:
    """``text`` as phonemes, word by word (plain text where a word has none): for checks and tests."""
    return " ".join(s.phonemes if s.phonemes is not None else text[s.start : s.end] for s in pronounce(text))
