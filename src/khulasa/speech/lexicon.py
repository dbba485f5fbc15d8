"""The newsroom's pronunciation dictionary: entries ``term → say`` put into the text before it is diacritized.

A voice reads «فيدوموستي» or «TikTok» as best it can guess; an entry
``فيدوموستي → فِيدُومُوسْتِي`` tells it. :meth:`Lexicon.apply` runs on the
text after verbalization and before the diacritizer, so neither the
diacritizer nor the voice ever sees a term that has an entry.

How a term is found in the text:

- as whole words only: «ناتو» is not found inside «بناتورا»; a phrase's
  words in order, with only spaces, hyphens, dots or apostrophes between them;
- with the clitics Arabic writes onto the first word kept in front of the
  say: و ف ب ل ك ال and their combinations (وال، بال، فال، وبال، لل…). «للناتو»
  is ل + «الناتو»: an entry for «الناتو» gives ل + its say without the alef;
- with a third-person or "our" pronoun suffix (ه ها هما هم هن نا) on the
  last word of an Arabic term kept after the say (a final ة of the say
  written ت before it, as Arabic writes منظمته);
- ignoring tashkeel and tatweel, the alef's hamza forms (أ إ آ → ا), and the
  case of Latin letters: «CNN», «cnn» and «Cnn» are one term;
- longest phrase first: «الأمم المتحدة» wins over «الأمم».

A Latin term is also found as the verbalizer spells it («CNN» is «سي إن إن»
by the time the lexicon runs), so an entry for it wins over the verbalizer's
own reading.

A ``say`` is written in Arabic letters, tashkeel allowed (``CNN → سي إن إن``):
every voice Khulasa drives speaks Arabic, and a Latin ``say`` would hand the
voice the very spelling the entry is there to avoid. Digits are refused for the
same reason: write the number as it is said.

Building a :class:`Lexicon` indexes its entries by their first word, so
applying 10,000 entries costs a few dictionary look-ups per word of text, not
a pass of each term over it.
"""

from __future__ import annotations

import csv
import io
import re
import unicodedata
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from importlib import resources

from khulasa.errors import BadEntry

TERM_LONGEST = 100
"""Most characters in a term."""
SAY_LONGEST = 200
"""Most characters in a say."""
NOTE_LONGEST = 500
"""Most characters in a note."""
TERM_WORDS = 8
"""Most words in a term (a phrase longer than this is a sentence, not a name)."""

_MARKS = "\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed"
_TOKEN = re.compile(rf"(?:[^\W_]|[{_MARKS}\u0640])+")
"""A word: letters and digits of any script with their marks (tashkeel) and tatweel."""
_GAP = re.compile(r"[\s\-.'’&]{1,3}")
"""What may stand between two words of a phrase: «أ ف ب», «أ.ف.ب», «AT&T»."""
_MARK_CODES = (*range(0x0610, 0x061B), *range(0x064B, 0x0660), 0x0670, *range(0x06D6, 0x06EE))
_MARKS_SET = "".join(chr(c) for c in _MARK_CODES)
_FOLD = str.maketrans({**dict.fromkeys(_MARKS_SET + "\u0640"), "أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا"})
_ARABIC_LETTER = re.compile(r"[\u0621-\u063a\u0641-\u064a\u0671-\u06d3\u06fa-\u06fc]")
_SAY_CHARACTER = re.compile(rf"[\u0621-\u063a\u0641-\u064a\u0671-\u06d3\u06fa-\u06fc{_MARKS}\u0640 ]")
_TERM_CHARACTER = re.compile(rf"(?:[^\W_]|[{_MARKS}\u0640\s\-.'’&])")

_CONJUNCTIONS = ("", "و", "ف")
_PREPOSITIONS = ("", "ب", "ل", "ك")
PROCLITICS: tuple[str, ...] = tuple(
    sorted(
        {c + p + a for c in _CONJUNCTIONS for p in _PREPOSITIONS for a in ("", "ال")} - {""}
        | {c + "لل" for c in _CONJUNCTIONS},
        key=len,
        reverse=True,
    )
)
"""What Arabic writes onto a word's front that the say keeps: و ف ب ل ك ال and their combinations; لل is ل + ال."""
SUFFIXES = ("هما", "هم", "هن", "ها", "نا", "ه")
"""Pronoun suffixes a name or noun takes in the news («مؤسسها», «حلفاؤنا»), longest first."""


def fold(word: str) -> str:
    """The form words are compared in: no tashkeel or tatweel, one alef, Latin letters case-folded."""
    return word.translate(_FOLD).casefold()


def words(text: str) -> list[str]:
    """The words of ``text`` in the form they are compared in."""
    return [fold(m.group()) for m in _TOKEN.finditer(text)]


def term_key(term: str) -> str:
    """What makes two terms the same entry: «أ.ف.ب» and «ا ف ب», «CNN» and «cnn»."""
    return " ".join(words(term))


@dataclass(frozen=True)
class Entry:
    """One line of the dictionary."""

    term: str
    """What the text says: a word or phrase, Arabic or Latin («فيدوموستي», «CNN», «الأمم المتحدة»)."""
    say: str
    """How the voice should read it, in Arabic letters with or without tashkeel («فِيدُومُوسْتِي», «سي إن إن»)."""
    note: str | None = None
    """Why the entry is there, for the editors; never read aloud."""


def checked(term: str, say: str, note: str | None = None) -> Entry:
    """An :class:`Entry` with spaces tidied, or :class:`~khulasa.errors.BadEntry` saying what is wrong with it."""
    term = " ".join(term.split())
    say = " ".join(say.split())
    if not term:
        raise BadEntry("the term is empty; give the word or phrase as the text writes it.")
    if len(term) > TERM_LONGEST:
        raise BadEntry(f"the term is {len(term)} characters long; a term is a name or phrase of at most {TERM_LONGEST}.")
    stray = next((ch for ch in term if not _TERM_CHARACTER.fullmatch(ch)), None)
    if stray is not None:
        raise BadEntry(f"the term «{term}» holds {_shown(stray)}; a term is letters, with spaces, hyphens or dots between words.")
    found = words(term)
    if not found or not any(ch.isalpha() for ch in "".join(found)):
        raise BadEntry(f"the term «{term}» has no letters; give the word as the text writes it.")
    if len(found) > TERM_WORDS:
        raise BadEntry(f"the term has {len(found)} words; a term is a name or phrase of at most {TERM_WORDS} words.")
    if not say:
        raise BadEntry(f"the say for «{term}» is empty; write how the voice should read it, in Arabic letters.")
    if len(say) > SAY_LONGEST:
        raise BadEntry(f"the say is {len(say)} characters long; at most {SAY_LONGEST}.")
    stray = next((ch for ch in say if not _SAY_CHARACTER.fullmatch(ch)), None)
    if stray is not None or not _ARABIC_LETTER.search(say):
        what = _shown(stray) if stray is not None else "no Arabic letter"
        raise BadEntry(
            f"the say «{say}» holds {what}; the voices speak Arabic, so write it as it sounds in Arabic letters "
            "(tashkeel allowed), e.g. CNN → سي إن إن."
        )
    note = (note or "").strip() or None
    if note is not None and len(note) > NOTE_LONGEST:
        raise BadEntry(f"the note is {len(note)} characters long; at most {NOTE_LONGEST}.")
    return Entry(term, say, note)


def _shown(ch: str) -> str:
    name = unicodedata.name(ch, f"U+{ord(ch):04X}").lower()
    return f"«{ch}» ({name})" if ch.isprintable() and not ch.isspace() else name


@dataclass(frozen=True)
class _Phrase:
    """An entry as the index holds it: its words in compared form after the first, and its say."""

    rest: tuple[str, ...]
    say: str
    term: str


_Front = tuple[str, str, bool]
"""A reading of a word's front: (clitics kept, the word without them, drop the say's alef: «لل» + «ال…»)."""


class Lexicon:
    """A set of entries ready to apply, indexed by first word; build once per dictionary version."""

    def __init__(self, entries: Iterable[Entry] = (), version: int = 0) -> None:
        self.version = version
        """The dictionary version these entries are (0: no stored dictionary)."""
        self.entries: tuple[Entry, ...] = tuple(entries)
        """The entries, as given."""
        self._index: dict[str, list[_Phrase]] = {}
        spelled: list[tuple[list[str], Entry]] = []
        for entry in self.entries:
            found = words(entry.term)
            if found:
                self._add(found, entry)
                if any("a" <= ch <= "z" for ch in found[0] + found[-1]):
                    spelled.append((found, entry))
        if spelled:
            self._add_spelled(spelled)
        for phrases in self._index.values():
            phrases.sort(key=lambda p: len(p.rest), reverse=True)

    def _add(self, found: Sequence[str], entry: Entry) -> bool:
        phrases = self._index.setdefault(found[0], [])
        rest = tuple(found[1:])
        if any(p.rest == rest for p in phrases):  # an entry of its own wins over a verbalizer's spelling
            return False
        phrases.append(_Phrase(rest, entry.say, entry.term))
        return True

    def _add_spelled(self, spelled: list[tuple[list[str], Entry]]) -> None:
        """Latin terms are also found as the verbalizer spells them: it runs first."""
        from khulasa.speech.verbalize import verbalize

        for found, entry in spelled:
            said = words(verbalize(entry.term))
            if said and said != found:
                self._add(said, entry)

    def __len__(self) -> int:
        return len(self.entries)

    def apply(self, text: str) -> str:
        """``text`` with every term that has an entry replaced by its say, clitics and suffixes kept."""
        out: list[str] = []
        kept = 0
        for start, end, replacement, _term in self._matches(text):
            out += (text[kept:start], replacement)
            kept = end
        out.append(text[kept:])
        return "".join(out)

    def found(self, text: str) -> list[str]:
        """The terms of this dictionary that ``text`` holds, in order of appearance."""
        return [term for _start, _end, _replacement, term in self._matches(text)]

    def _matches(self, text: str) -> Iterator[tuple[int, int, str, str]]:
        """Each term found, left to right without overlap: (start, end, replacement, term)."""
        if not self._index:
            return
        tokens = [(m.start(), m.end(), fold(m.group())) for m in _TOKEN.finditer(text)]
        i = 0
        while i < len(tokens):
            match = self._match(text, tokens, i)
            if match is None:
                i += 1
                continue
            taken, replacement, term = match
            yield tokens[i][0], tokens[i + taken - 1][1], replacement, term
            i += taken

    def _match(self, text: str, tokens: list[tuple[int, int, str]], i: int) -> tuple[int, str, str] | None:
        """The longest entry starting at word ``i``: (words taken, replacement, term), or None."""
        best: tuple[int, int, str, str] | None = None  # (words, -characters stripped, replacement, term)
        for kept, stem, drop_alef in _fronts(tokens[i][2]):
            for head, suffix in _backs(stem):
                phrases = self._index.get(head)
                if not phrases:
                    continue
                for phrase in phrases:
                    if suffix and phrase.rest:  # a suffix on the first word of a phrase: not this phrase
                        continue
                    tail = self._rest_matches(text, tokens, i, phrase.rest)
                    if tail is None:
                        continue
                    rank = (1 + len(phrase.rest), -len(kept) - len(suffix or tail))
                    if best is None or rank > best[:2]:
                        best = (*rank, _said(kept, phrase.say, drop_alef, suffix or tail), phrase.term)
                    break  # phrases are longest first: the rest are shorter
        return None if best is None else (best[0], best[2], best[3])

    @staticmethod
    def _rest_matches(text: str, tokens: list[tuple[int, int, str]], i: int, rest: tuple[str, ...]) -> str | None:
        """The suffix on the phrase's last word ("" for none) when words ``i+1…`` are ``rest``; None when they are not."""
        if i + len(rest) >= len(tokens):
            return None
        for n, word in enumerate(rest, 1):
            start, _end, seen = tokens[i + n]
            if not _GAP.fullmatch(text, tokens[i + n - 1][1], start):
                return None
            if seen == word:
                continue
            if n == len(rest):
                suffix = next((s for head, s in _backs(seen) if head == word and s), None)
                if suffix is not None:
                    return suffix
            return None
        return ""


def _fronts(word: str) -> list[_Front]:
    """Every way to read ``word`` as clitics + a word of at least two letters, the whole word first."""
    readings: list[_Front] = [("", word, False)]
    for clitics in PROCLITICS:
        if word.startswith(clitics) and len(word) - len(clitics) >= 2:
            rest = word[len(clitics) :]
            readings.append((clitics, rest, False))
            if clitics.endswith("لل"):  # «للناتو» is ل + «الناتو», its alef dropped
                readings.append((clitics[:-1], "ال" + rest, True))
    return readings


def _backs(word: str) -> list[tuple[str, str]]:
    """``word`` as (word, "") and as (word without a pronoun suffix, suffix) where it ends in one; «منظمته» → «منظمة» + ه."""
    readings = [(word, "")]
    for suffix in SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 3 and _ARABIC_LETTER.match(word):
            head = word[: -len(suffix)]
            readings.append((head, suffix))
            if head.endswith("ت"):
                readings.append((head[:-1] + "ة", suffix))
    return readings


_SUN_LETTERS = "تثدذرزسشصضطظلن"
_SHADDA = "\u0651"


def _said(kept: str, say: str, drop_alef: bool, suffix: str) -> str:
    """The say with the clitics in front and the suffix behind, as Arabic writes them.

    A diacritized say after the article ال takes a shadda on a sun letter
    (ال + نَاتُو → النَّاتُو): the diacritizer keeps the marks a say brings, so it
    would not add it.
    """
    if drop_alef and say[:1] in ("ا", "ٱ"):
        say = say[1:]
    if kept.endswith(("ال", "لل")) and say[:1] in _SUN_LETTERS and any(ch in _MARKS_SET for ch in say):
        marks = len(say[1:]) - len(say[1:].lstrip(_MARKS_SET))
        if _SHADDA not in say[1 : 1 + marks]:  # marks in canonical order: a fatha before the shadda, as NFC has it
            say = unicodedata.normalize("NFC", say[: 1 + marks] + _SHADDA) + say[1 + marks :]
    if suffix:
        letters = say.rstrip(_MARKS_SET)
        if letters.endswith("ة"):
            say = letters[:-1] + "ت" + say[len(letters) :]
    return kept + say + suffix


NO_LEXICON = Lexicon()
"""No entries: text passes unchanged."""

CSV_COLUMNS = ("term", "say", "note")


def read_csv(text: str, where: str = "the CSV") -> list[Entry]:
    """Entries from CSV text with a header ``term,say`` or ``term,say,note``; a bad line is one error naming it."""
    rows = csv.reader(io.StringIO(text.lstrip("\ufeff")))
    header = next(rows, None)
    if header is None:
        raise BadEntry(f"{where} is empty; its first line must be the header term,say,note.")
    names = tuple(h.strip().lower() for h in header)
    if names not in (CSV_COLUMNS[:2], CSV_COLUMNS):
        raise BadEntry(f"{where}, line 1: the header is {','.join(header)!r}; it must be term,say or term,say,note.")
    entries: list[Entry] = []
    seen: dict[str, int] = {}
    for row in rows:
        line = rows.line_num
        if not any(cell.strip() for cell in row):
            continue
        if len(row) != len(names):
            columns = f"{len(row)} column" + ("" if len(row) == 1 else "s")
            raise BadEntry(f"{where}, line {line}: {columns} where the header has {len(names)} ({','.join(names)}).")
        try:
            entry = checked(*row)
        except BadEntry as exc:
            raise BadEntry(f"{where}, line {line}: {exc.message}") from None
        key = term_key(entry.term)
        if key in seen:
            raise BadEntry(f"{where}, line {line}: the term «{entry.term}» is already on line {seen[key]}; keep one of them.")
        seen[key] = line
        entries.append(entry)
    return entries


def write_csv(entries: Iterable[Entry]) -> str:
    """Entries as CSV with the header term,say,note: what :func:`read_csv` reads back."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for entry in entries:
        writer.writerow((entry.term, entry.say, entry.note or ""))
    return out.getvalue()


def starter() -> list[Entry]:
    """Khulasa's own starter dictionary: agencies and foreign names common in Arabic news (``lexicon_starter.csv``)."""
    text = resources.files("khulasa.speech").joinpath("lexicon_starter.csv").read_text(encoding="utf-8")
    return read_csv(text, "the starter dictionary")
