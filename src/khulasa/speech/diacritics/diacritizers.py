"""Diacritize: add tashkeel so a voice knows which vowels to say.

Undiacritized Arabic leaves its short vowels to the reader; a voice that
guesses gets most words of a news paragraph wrong. A diacritizer is chosen by
name in the settings and meets the small :class:`Diacritizer` protocol:
"tashkeel" (default) runs the libtashkeel model bundled in the
``dengjen-tashkeel-py`` wheel, offline; "none" passes text through.

Whatever the model proposes, the text keeps its letters: each word's letters
are compared before and after, and a word whose letters changed is given back
as written. Marks the writer already put win over the model's. Our rules
(:mod:`khulasa.speech.diacritics.rules`) then fix the article's lam and
write what a reader says: a vowel before hamzat al-wasl and the pausal form
before each pause. Fewer but safer marks on likely names is an option, off
by default because it did not pay on either benchmark set.
"""

from __future__ import annotations

import difflib
import functools
import logging
import re
from collections.abc import Callable
from typing import Protocol

from khulasa.config import Settings
from khulasa.errors import ConfigError, MissingDependency
from khulasa.speech.diacritics import rules as our_rules
from khulasa.speech.diacritics.chunks import chunks
from khulasa.speech.diacritics.marks import Cell, has_arabic, letters, merge, render, strip_harakat

log = logging.getLogger(__name__)

NAMES = ("tashkeel", "rawi", "none")
"""The diacritizers :func:`diacritizer_named` knows."""

_SPACES = re.compile(r"(\s+)")


class Diacritizer(Protocol):
    """What every diacritizer offers."""

    name: str

    def diacritize(self, text: str) -> str:
        """``text`` with tashkeel added: same letters, same spacing, the writer's marks kept."""
        ...


class NoDiacritizer:
    """Leaves text as written: for voices that diacritize themselves, or for comparison."""

    name = "none"

    def diacritize(self, text: str) -> str:
        """``text`` unchanged."""
        return text


Model = Callable[[str], str]
"""One piece of text in (with any marks the writer put, as hints), the same piece with predicted marks out."""


@functools.cache
def bundled_model() -> Model:
    """The libtashkeel model from ``dengjen-tashkeel-py``, imported on first use, once per process."""
    try:
        from dengjen_tashkeel_py import tashkeel
    except ImportError as exc:
        raise MissingDependency(
            f"the tashkeel diacritizer needs dengjen-tashkeel-py ({exc}); "
            "run `pip install dengjen-tashkeel-py`, or set KHULASA_DIACRITIZER=none."
        ) from None

    def predict(text: str) -> str:
        # preprocessed=True: we cut sentences ourselves, so spacing survives exactly.
        return str(tashkeel(text, preprocessed=True))

    return predict


@functools.cache
def rawi_model() -> Model:
    """text2tashkeel's rawi-v3 model (optional extra ``rawi``), imported on first use, once per process.

    Measured here it beat the libtashkeel default on our own hand-vowelled
    news sentences and on Fadel's test set (which it may have seen in
    training), while issue 3's WikiNews figures rank it below; so it is an
    option, not the default, until a larger news set settles it. It also
    restores hamzas, which our letter guard undoes (letters never change).
    """
    try:
        from text2tashkeel import Diacritizer as Rawi
    except ImportError:
        raise MissingDependency(
            "the rawi diacritizer needs the text2tashkeel package; run `pip install 'khulasa[rawi]'`, "
            "or set KHULASA_DIACRITIZER=tashkeel."
        ) from None
    rawi = Rawi("rawi-v3-int8")
    return lambda text: str(rawi.diacritize(text))


class TashkeelDiacritizer:
    """The bundled neural model, made safe (letters never change) and tuned for speech by our rules."""

    name = "tashkeel"

    def __init__(
        self,
        model: Model | None = None,
        *,
        rules: bool = True,
        speech_forms: bool = True,
        safe_names: bool = False,
        name: str = "tashkeel",
    ) -> None:
        """Use ``model`` (default: the bundled one, loaded on first use) with our rules on or off."""
        self.name = name
        self._model = model
        self.rules = rules
        """Fix the lam of the article where the model leaves it bare."""
        self.speech_forms = speech_forms
        """Write what a reader says: a vowel before hamzat al-wasl, the pausal form before each pause."""
        self.safe_names = safe_names
        """Give words the model did not know (likely names, loanwords) only the marks their spelling vouches for."""

    def diacritize(self, text: str) -> str:
        """``text`` with tashkeel added, piece by piece; see the module docstring for the guarantees."""
        if not has_arabic(text):
            return text
        model = self._model or bundled_model()
        out: list[str] = []
        for piece in chunks(text):
            out.append(self._piece(piece, model))
        return "".join(out)

    def _piece(self, piece: str, model: Model) -> str:
        core = piece.strip()
        if not has_arabic(core):
            return piece
        start = piece.index(core[0])
        try:
            predicted = model(core)  # the writer's marks go in too: the model takes them as hints
        except (RuntimeError, ValueError):
            try:
                predicted = model(strip_harakat(core))
            except (RuntimeError, ValueError) as exc:
                log.warning("diacritizer left a piece of %d characters as written: %s", len(core), exc)
                return piece
        words = _align(core, predicted)
        if self.rules:
            our_rules.apply(words, safe_names=self.safe_names)
        if self.speech_forms:
            our_rules.liaison(words)
            our_rules.pausal(words, piece[start + len(core) :])
        body = "".join(word if row is None else render(*row) for word, row in words)
        return piece[:start] + body + piece[start + len(core) :]


Row = tuple[str, list[Cell]]
"""A word split into cells: marks before any letter, then one cell per character."""


def _align(written: str, predicted: str) -> list[tuple[str, Row | None]]:
    """Pair each written word (and each space) with its merged cells, or None to keep it as written."""
    mine = _SPACES.split(written)
    theirs = _SPACES.split(predicted)
    if len(mine) == len(theirs):
        return [(a, merge(a, b) if a.strip() else None) for a, b in zip(mine, theirs, strict=True)]
    # The model changed the word count: merge only the words whose letters still match.
    out: list[tuple[str, Row | None]] = [(a, None) for a in mine]
    matcher = difflib.SequenceMatcher(None, [letters(a) for a in mine], [letters(b) for b in theirs], autojunk=False)
    for block in matcher.get_matching_blocks():
        for k in range(block.size):
            a = mine[block.a + k]
            if a.strip():
                out[block.a + k] = (a, merge(a, theirs[block.b + k]))
    return out


def diacritizer_named(name: str, settings: Settings) -> Diacritizer:
    """The diacritizer called ``name``; nothing heavy is loaded until it first diacritizes."""
    if name == "tashkeel":
        return TashkeelDiacritizer()
    if name == "rawi":
        return TashkeelDiacritizer(model=rawi_model(), name="rawi")
    if name == "none":
        return NoDiacritizer()
    raise ConfigError(f"unknown diacritizer {name!r}; choose one of: {', '.join(NAMES)}.")
