"""Letters and the marks on them.

A word is read as a row of cells: one base character and the combining marks
written after it. Comparing the base characters of two spellings tells
whether they are the same letters; cells let the writer's marks and the
model's marks be merged letter by letter.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from khulasa.arabic.normalize import COMBINING_MARKS

FATHATAN, DAMMATAN, KASRATAN = "\u064b", "\u064c", "\u064d"
FATHA, DAMMA, KASRA = "\u064e", "\u064f", "\u0650"
SHADDA, SUKUN = "\u0651", "\u0652"
HARAKAT = frozenset(FATHATAN + DAMMATAN + KASRATAN + FATHA + DAMMA + KASRA + SHADDA + SUKUN)
"""The eight marks a diacritizer predicts: short vowels, tanween, shadda, sukun."""
VOWELS = frozenset(FATHA + DAMMA + KASRA)
TANWEEN = frozenset(FATHATAN + DAMMATAN + KASRATAN)

_MARK = re.compile(f"[{COMBINING_MARKS}]")
"""Every combining mark used in Arabic script: the eight above, Quranic marks, dagger alef."""

ARABIC_LETTERS = frozenset(chr(c) for c in [*range(0x0621, 0x063B), *range(0x0641, 0x064B)])
"""The letters of standard Arabic, hamza to ya (tatweel excluded)."""
_ARABIC_LETTER = re.compile("[\u0621-\u063a\u0641-\u064a]")


_MARKS = frozenset(chr(c) for c in range(0x0610, 0x0900) if _MARK.fullmatch(chr(c)))
"""The same marks as a set: membership is what the hot loops ask."""


def has_arabic(text: str) -> bool:
    """True when ``text`` holds at least one Arabic letter."""
    return _ARABIC_LETTER.search(text) is not None


def letters(text: str) -> str:
    """``text`` without its combining marks: what must never change."""
    return _MARK.sub("", text)


def strip_harakat(text: str) -> str:
    """``text`` without the eight predicted marks (other marks stay): a diacritizer's input."""
    return "".join(c for c in text if c not in HARAKAT)


@dataclass
class Cell:
    """One base character, the marks written on it, and whether the writer put them there."""

    base: str
    """The character itself: a letter, digit, space or symbol."""
    marks: str = ""
    """The combining marks after it, in written order."""
    written: bool = False
    """True when the writer marked this letter; such marks are never changed."""

    @property
    def harakat(self) -> str:
        """Only the eight predictable marks, in written order."""
        return "".join(m for m in self.marks if m in HARAKAT)

    def set_harakat(self, marks: str) -> None:
        """Replace the predictable marks, keeping any other mark (dagger alef, Quranic signs)."""
        self.marks = marks + "".join(m for m in self.marks if m not in HARAKAT)


def cells(word: str) -> tuple[str, list[Cell]]:
    """Split ``word`` into marks before any base (rare, kept as they are) and cells."""
    lead = ""
    out: list[Cell] = []
    for char in word:
        if char in _MARKS:
            if out:
                out[-1].marks += char
            else:
                lead += char
        else:
            out.append(Cell(char))
    return lead, out


def render(lead: str, row: list[Cell]) -> str:
    """The text of a row of cells."""
    return lead + "".join(c.base + c.marks for c in row)


def merge(written: str, predicted: str) -> tuple[str, list[Cell]] | None:
    """Put the model's marks on the writer's word, letter by letter; None if letters differ.

    A letter the writer marked keeps exactly the writer's marks. Any other
    Arabic letter takes the model's predicted marks (only the eight harakat)
    and keeps whatever other mark the writer put on it; digits, symbols and
    Latin letters never get a mark.
    """
    lead, mine = cells(written)
    _, theirs = cells(predicted)
    if len(mine) != len(theirs) or any(a.base != b.base for a, b in zip(mine, theirs, strict=True)):
        return None
    for cell, guess in zip(mine, theirs, strict=True):
        if any(m in HARAKAT for m in cell.marks):
            cell.written = True
        elif cell.base in ARABIC_LETTERS:
            cell.set_harakat(guess.harakat)
    return lead, mine
