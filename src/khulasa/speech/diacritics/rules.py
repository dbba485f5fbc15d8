"""Our rules on top of the model, for what a reader says.

Each rule only changes marks, never letters, and never touches a letter the
writer marked. :func:`apply` fixes spelling the model gets wrong in a
systematic way; :func:`liaison` and :func:`pausal` write the forms a reader
says aloud (a vowel before hamzat al-wasl, a silent ending before a pause),
which fully vowelled reference texts such as Tashkeela often do not write.
"""

from __future__ import annotations

import re

from khulasa.speech.diacritics.marks import (
    ARABIC_LETTERS,
    DAMMA,
    DAMMATAN,
    FATHA,
    FATHATAN,
    KASRA,
    KASRATAN,
    SHADDA,
    SUKUN,
    VOWELS,
    Cell,
)

Word = tuple[str, tuple[str, list[Cell]] | None]
"""A written word (or space) and its cells, None when it is kept exactly as written."""

_PAUSE = re.compile("[.!?؟؛:…\n]")
"""Where a reader stops: sentence ends, colons and semicolons, line ends."""
_SOFT_PAUSE = re.compile("[،,]")
"""Where a reader may breathe: a comma. Case endings stay; only a bare last letter gets sukun."""
_LONG_ALEF = frozenset("اى")
_WORDLIKE = re.compile(r"\w")
_WEAK = frozenset("اآوىيءةت")
"""Letters that may stand without a mark inside a word: long vowels, alef madda, hamza on the line,
taa marbuta, and ta (Tashkeela, the model's teacher, leaves the ta of "ذكرتها" bare)."""
_AGREES = {"ا": (FATHA,), "ى": (FATHA,), "و": (DAMMA,), "ي": (KASRA,)}
"""Long-vowel letter → the short vowel that must come before it."""
_MOON = frozenset("ءأإآبجحخعغفقكمهوي")
"""Letters after which the article's lam is pronounced, not assimilated."""
_MIN = frozenset({"من", "ومن", "فمن"})


def apply(words: list[Word], *, safe_names: bool = False) -> None:
    """Spelling rules for every word: the article's lam; with ``safe_names``, safe marks on likely names.

    Safe names are off by default: on Fadel's set and on our news sample the
    words it picks are mostly ones the model got wrong, but dropping their
    marks removed as many right marks as wrong ones (bench/diacritics.py).
    """
    for _, row in words:
        if row is not None:
            article_lam(row[1])
            if safe_names and looks_foreign(row[1]):
                safe_marks(row[1])


def liaison(words: list[Word]) -> None:
    """Hamzat al-wasl after a word: see :func:`connect`; never across punctuation or numbers."""
    previous: list[Cell] | None = None
    for word, row in words:
        if not word.strip():
            continue
        if row is not None and row[1][-1].base in ARABIC_LETTERS:
            if previous is not None:
                connect(previous, row[1])
            previous = row[1]
        else:
            previous = None


def article_lam(cells: list[Cell]) -> None:
    """The lam of the article before a moon letter is said, so it carries sukun: "الْأَمْرِيكِيُّ".

    The model sometimes leaves it bare, mostly before a hamza or before a noun
    that starts with hamzat al-wasl (where the lam takes kasra:
    "الِانْتِخَابَات"); a voice then has to guess how to say it.
    """
    start = _after_article(cells)
    lam = cells[start - 1] if start else None
    if lam is None or lam.harakat or lam.written:
        return
    after = cells[start]
    if after.base == "ا" and not after.harakat:
        lam.set_harakat(KASRA)  # the noun itself starts with hamzat al-wasl: "الِانْتِخَابَات"
    elif after.base in _MOON and SHADDA not in after.harakat:
        lam.set_harakat(SUKUN)


def _marked(cell: Cell) -> bool:
    return bool(cell.harakat)


def looks_foreign(cells: list[Cell]) -> bool:
    """True when the model's own marks show it did not know the word: a likely name or loanword.

    Two signs, both impossible in native Arabic words as the model writes
    them: a consonant inside the word left without any mark while the rest
    is marked, and two sukuns in a row before the last letter (a consonant
    cluster, as in transliterated names).
    """
    if any(c.written for c in cells) or not all(c.base in ARABIC_LETTERS for c in cells) or len(cells) < 3:
        return False
    start = _after_article(cells)
    body = cells[start:-1]
    if not any(_marked(c) for c in body):
        return False
    for k, cell in enumerate(body):
        if not _marked(cell) and cell.base not in _WEAK:
            nxt = body[k + 1] if k + 1 < len(body) else cells[-1]
            if SHADDA not in nxt.harakat:
                return True
        if cell.harakat == SUKUN and k + 1 < len(body) and body[k + 1].harakat == SUKUN:
            return True
    return False


def safe_marks(cells: list[Cell]) -> None:
    """Keep only marks that the spelling itself vouches for; drop the model's guesses.

    A short vowel stays where a long-vowel letter after it agrees (fatha
    before alef, damma before waw, kasra before ya) and kasra stays under
    hamza-below alef; everything else on the word is removed, so a voice
    reads the letters plainly instead of reading a wrong vowel.
    """
    start = _after_article(cells)
    for k in range(start, len(cells)):
        cell = cells[k]
        nxt = cells[k + 1] if k + 1 < len(cells) else None
        keep = ""
        if cell.base == "إ" and KASRA in cell.harakat:
            keep = KASRA
        elif nxt is not None and not (set(nxt.harakat) & VOWELS) and cell.harakat in _AGREES.get(nxt.base, ()):
            keep = cell.harakat
        cell.set_harakat(keep)


def _after_article(cells: list[Cell]) -> int:
    """Index of the first cell after a leading (conjunction, preposition and) definite article, if any."""
    text = "".join(c.base for c in cells)
    for prefix in ("وال", "فال", "بال", "كال", "ال", "لل"):
        if text.startswith(prefix) and len(text) > len(prefix) + 2:
            return len(prefix)
    return 0


def connect(previous: list[Cell], following: list[Cell]) -> None:
    """Hamzat al-wasl after a word: a final sukun before the article takes the vowel a reader says.

    "مِنْ الْبَيْتِ" is read "mina l-bayti", "عَنْ الْ" "ʿani l-", "لَهُمْ الْ"
    "lahumu l-": the alef of the article is silent, so the sukun before it
    must become a vowel or the two consonants clash.
    """
    end = previous[-1]
    if end.written or end.base not in ARABIC_LETTERS or end.harakat != SUKUN or not _starts_with_article(following):
        return
    text = "".join(c.base for c in previous)
    if text in _MIN:
        end.set_harakat(FATHA)
    elif text.endswith("م") and len(previous) >= 3 and previous[-2].base in "هكت" and previous[-2].harakat in (DAMMA, KASRA):
        end.set_harakat(DAMMA)
    else:
        end.set_harakat(KASRA)


def _starts_with_article(cells: list[Cell]) -> bool:
    if len(cells) < 3 or cells[0].base != "ا" or cells[0].harakat or cells[1].base != "ل":
        return False
    lam = cells[1].harakat
    return SUKUN in lam or SHADDA in lam or (not lam and SHADDA in cells[2].harakat)


def pausal(words: list[Word], tail: str) -> None:
    """Give each word before a pause its pausal form; ``tail`` is what follows the last word.

    A reader stops on a silent ending: the final short vowel or tanween
    becomes sukun, taa marbuta is said as h (sukun), and tanween fath on
    alef is said as a long a (fatha before the alef). Before a comma only a
    last letter the model left bare gets sukun (the model often leaves it
    bare there), so the voice does not have to guess.
    """
    arabic = [i for i, (_, row) in enumerate(words) if row is not None and any(c.base in ARABIC_LETTERS for c in row[1])]
    for n, i in enumerate(arabic):
        row = words[i][1]
        assert row is not None
        cells = row[1]
        last = max(k for k, c in enumerate(cells) if c.base in ARABIC_LETTERS)
        is_last = n + 1 == len(arabic)
        gap = "".join(c.base for c in cells[last + 1 :])
        gap += "".join(w for w, _ in words[i + 1 : len(words) if is_last else arabic[n + 1]])
        if is_last:
            gap += tail
        if _PAUSE.search(gap) or (is_last and tail == "" and not _WORDLIKE.search(gap)):
            _pause(cells[: last + 1])
        elif _SOFT_PAUSE.search(gap):
            _close(cells[last])


def _close(end: Cell) -> None:
    """Before a comma, a last letter the model left bare is read with sukun; a written case ending stays."""
    if not end.written and not end.harakat and end.base not in _LONG_ALEF and end.base not in "وي":
        end.set_harakat(SUKUN)


def _pause(cells: list[Cell]) -> None:
    """Turn the end of one word (its letters, last one last) into its pausal form."""
    end = cells[-1]
    if end.written:
        return
    marks = end.harakat
    before = cells[-2] if len(cells) > 1 else None
    if end.base in _LONG_ALEF:
        if end.marks and FATHATAN in marks:
            end.set_harakat("")
        if before is not None and not before.written and FATHATAN in before.harakat:
            before.set_harakat(before.harakat.replace(FATHATAN, FATHA))
        return
    if end.base == "ة":
        end.set_harakat(SUKUN)
    elif SHADDA in marks:
        end.set_harakat(SHADDA)
    elif FATHATAN in marks:
        end.set_harakat(FATHA)
    elif any(m in VOWELS or m in (DAMMATAN, KASRATAN) for m in marks) or (not marks and end.base not in "وي"):
        end.set_harakat(SUKUN)
