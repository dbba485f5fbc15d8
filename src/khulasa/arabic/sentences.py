"""Split an article into sentences, as a reader would.

Three passes, each simple enough to check by eye:

1. The closing agency credit is removed (:func:`strip_credit`), and lines
   become paragraphs: hard wraps joined, subheadings and list items found
   (:mod:`khulasa.arabic.paragraphs`).
2. Each paragraph breaks after . ! ? ؟ … (and "...") followed by a space or
   its end, or typed straight onto the next Arabic word ("انتهى.وقال"،
   "انتهى .وقال"). Except: after an abbreviation or initial (د. ، ق.م. ،
   U.S. ، Dr.); dots that trail a word or two ("الأردن.. ارتفاع الأسعار");
   and inside a quotation or bracket that the sentence goes on past,
   also when a quotation ends with its own full stop and the reporting
   sentence goes on ("«...انتهى.» مضيفًا أن"). A closing quote stays with
   its sentence. Commas, colons and semicolons
   never end a sentence; decimals, dates and times (3.5، 30/5، 10:30) have
   no space after their dot and so never match.
3. A run-on longer than :data:`MAX_WORDS` words is cut into near-equal
   parts, each at the strongest clause boundary in reach: ؛ then a full
   stop inside a quote, then : then ، then before a conjunction that opens
   a clause (والـ، وقد، وكان ...), and only then after any word that is
   not a preposition or particle.

Displayed text is never normalized: only whitespace collapses and wrapped
lines join.

Why not a library: measured on the cases above (2026-11), pysbd 0.3.4's
Arabic rules break at ، and : and after د. ق.م. U.S., split a closing
quote from its sentence, and take ~5 ms per article; pyarabic 0.6.15's
``sentence_tokenize`` breaks at commas and inside quotes; camel-tools has
no sentence splitter and would bring torch along. None reads hard wraps,
subheadings or credits.
"""

from __future__ import annotations

import re
from bisect import bisect_left

from khulasa.arabic.credit import strip_credit
from khulasa.arabic.paragraphs import PARTICLES, paragraphs
from khulasa.arabic.tokens import TOKEN as _WORD
from khulasa.model import Sentence

__all__ = ["MAX_WORDS", "split", "strip_credit"]

MAX_WORDS = 120
"""A "sentence" with more words than this is a run-on and is cut at a clause boundary."""
MIN_TRAILED_WORDS = 4
"""Dots after fewer words than this are a pause, not an end: "مصر.. صعد المؤشر"."""
MIN_PART_WORDS = 8
"""Cutting a run-on never leaves a part shorter than this (unless it has no clause boundary at all)."""

_CLOSERS = "\"'»”’)\\]"
_TERMINAL = re.compile(
    rf"[.!?؟…]+[{_CLOSERS}]*(?:\[\d{{1,3}}\])*(?=\s|$)|(?<=[\u0621-\u064a\s{_CLOSERS}%٪0-9٠-٩])[.!?؟…]+(?=[\u0621-\u064a])"
)
"""An end of sentence: a mark before a space or the end, or a mark typed with no space between the last
word (or its closing bracket or quote, "(DAP).ويوجد", or a figure, "بنحو 13 %.وفي") and the next Arabic word."""
_QUOTES = re.compile(r"[«»“”\"()\[\]]")
_PAIRS = {"»": "«", ")": "(", "]": "["}
_TOGGLES = {'"': '"', "“": "“", "”": "“"}
"""Straight and curly double quotes: which is the opener is unreliable in Arabic text, so each toggles."""
_HAS_WORD = re.compile(r"[^\W_]")
_GOES_ON = re.compile(
    r"\s*[وف]?(?:مضيف|مشير|موضح|مؤكد|لافت|معتبر|مبين|متابع|مردف|منوه|محذر|مطالب)"
    r"[\u064b-\u0652]*(?:ا|ة|ين)?[\u064b-\u0652]*(?!\w)"
)
"""A participle that carries the reporting sentence on past a quotation: «...» مضيفًا أن ..."""
_BEFORE_NO_END = re.compile(r"(?:^|\s)(?:في|من|على|إلى|الى|عن|لدى|بين|منذ|حتى|التي|الذي|الذين)\s*$")
"""A preposition or relative right before a full stop: no Arabic sentence ends on one, so the dot is a typo."""
_LIST_NUMBER = re.compile(r"(?:^\s*|[:؛]\s*)\(?\d{1,2}\.$")
"""A list number opening a sentence or following a colon ("أولويتان: 1. ..."), in a text that lost its line breaks."""

_SINGLE_LETTER = re.compile(r"و?[^\W\d_]ـ?\.")
"""An initial, a one-letter title (د. م. أ.) or era mark (هـ.), also after the conjunction و (وأ.د.)."""
_DOTTED = re.compile(r"(?:[^\W\d_]{1,3}ـ?\.){2,}")
_LATIN_ABBREVIATIONS = frozenset(
    {
        *("mr", "mrs", "ms", "dr", "prof", "sr", "jr", "st", "mt", "gen", "col", "lt", "sgt", "capt", "gov", "sen", "rep"),
        *("inc", "ltd", "co", "corp", "no", "vol", "fig", "approx", "dept", "est", "vs"),
        *("jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec"),
    }
)
"""Latin abbreviations that are followed by more of the sentence (a name, a number)."""
_OPENERS = "«“\"(['"

_DIRECTION_MARKS = "[\u200e\u200f\u061c]*"
"""Direction marks typed around punctuation ("\u200f,\u200f")."""
_CLAUSE_BREAKS = (
    re.compile(rf"[؛;]{_DIRECTION_MARKS}(?= )"),
    re.compile(rf"[.!?؟…]+[{_CLOSERS}]*{_DIRECTION_MARKS}(?= )"),
    re.compile(rf":{_DIRECTION_MARKS}(?= )"),
    re.compile(rf"[،,]{_DIRECTION_MARKS}(?= )"),
    re.compile(r"\S(?= و(?:ال|قد|لم|لا|لن|من|في|هو|هي|كان|كانت|أن|إن|ذلك|هذا|هذه|بعد|عند|قال|أضاف|أكد)\S* )"),
    re.compile(rf"(?<= )(?!(?:{PARTICLES}) )\S+(?= )"),
)
"""Where a run-on may be cut, strongest first; the cut falls at the end of the match.

Before a conjunction that opens a clause (والـ، وقد، وكان ...), and last of
all after any word that is not a particle or preposition ("في"، "التي")."""


def split(text: str) -> list[Sentence]:
    """The sentences of ``text``, in order, each knowing its paragraph; the closing credit is left out."""
    body, _credit = strip_credit(text)
    out: list[Sentence] = []
    for number, paragraph in enumerate(paragraphs(body)):
        if paragraph.heading:
            out.append(Sentence(len(out), paragraph.text, number, heading=True))
            continue
        for piece in _pieces(paragraph.text):
            for part in _cap(piece):
                out.append(Sentence(len(out), part, number))
    return out


def _pieces(text: str) -> list[str]:
    """One paragraph's sentences: cut at every sentence boundary, keep fragments with their neighbour."""
    spans: list[tuple[int, int]] | None = None
    pieces: list[str] = []
    start = 0
    for match in _TERMINAL.finditer(text):
        dot, end = match.start(), match.end()
        if text[dot] == "." and text[dot + 1 : dot + 2] != "." and _is_abbreviation(text, dot):
            continue
        if text.startswith(("..", "…"), dot) and len(text[start:dot].split()) < MIN_TRAILED_WORDS:
            continue
        if text[dot - 1 : dot].isdigit() and _LIST_NUMBER.search(text[start:end]):
            continue
        if spans is None:
            spans = _quoted_spans(text) if _QUOTES.search(text) else []
        if any(opened < dot < closed >= end for opened, closed in spans):
            continue
        if text[end - 1] in _CLOSERS and _GOES_ON.match(text, end):
            continue
        if text[dot] == "." and _BEFORE_NO_END.search(text, start, dot):
            continue  # "للاستثمار في . البنية التحتية": a stray dot after a preposition ends no sentence
        pieces.append(text[start:end].strip())
        start = end
    pieces.append(text[start:].strip())
    merged: list[str] = []
    for piece in pieces:
        if not piece:
            continue
        if merged and not (_HAS_WORD.search(piece) and _HAS_WORD.search(merged[-1])):
            merged[-1] = f"{merged[-1]} {piece}"
        else:
            merged.append(piece)
    return merged


def _is_abbreviation(text: str, dot: int) -> bool:
    """Whether the full stop at ``dot`` closes an abbreviation or initial rather than a sentence."""
    word = text[text.rfind(" ", 0, dot) + 1 : dot + 1].lstrip(_OPENERS)
    if _SINGLE_LETTER.fullmatch(word) or _DOTTED.fullmatch(word):
        return True
    return word[:-1].lower() in _LATIN_ABBREVIATIONS


def _quoted_spans(text: str) -> list[tuple[int, int]]:
    """(open, close) positions of every quotation and bracket that is closed; unclosed ones protect nothing."""
    spans: list[tuple[int, int]] = []
    stack: list[tuple[str, int]] = []
    for match in _QUOTES.finditer(text):
        char, at = match.group(), match.start()
        wanted = _PAIRS.get(char) or _TOGGLES.get(char)
        for depth in range(len(stack) - 1, -1, -1):
            if stack[depth][0] == wanted:
                spans.append((stack[depth][1], at))
                del stack[depth:]
                break
        else:
            if char not in _PAIRS:
                stack.append((_TOGGLES.get(char, char), at))
    return spans


def _cap(text: str) -> list[str]:
    """Cut a run-on into parts of at most MAX_WORDS words at its strongest clause boundaries.

    Parts come out about equal: each cut aims at an equal share of the words
    left and takes the strongest boundary within one part's reach, the one
    nearest its aim. Each search stays inside that reach, so even a
    megabyte of unpunctuated text costs linear time.
    """
    if text.count(" ") < MAX_WORDS // 2:
        return [text]
    starts = [match.start() for match in _WORD.finditer(text)]
    words = len(starts)
    if words <= MAX_WORDS:
        return [text]
    parts: list[str] = []
    first, begin = 0, 0
    while words - first > MAX_WORDS:
        remaining = words - first
        aim = first + remaining / -(-remaining // MAX_WORDS)
        cut = _cut_near(text, starts, first, aim)
        parts.append(text[begin:cut].strip())
        first, begin = bisect_left(starts, cut), cut
    parts.append(text[begin:].strip())
    return parts


def _cut_near(text: str, starts: list[int], first: int, aim: float) -> int:
    """Where to end the part that starts at word ``first``: the strongest boundary in reach, nearest ``aim``."""
    words = len(starts)
    last = first + MAX_WORDS  # the part may end just before this word
    for strength, pattern in enumerate(_CLAUSE_BREAKS):
        least = 1 if strength == len(_CLAUSE_BREAKS) - 1 else MIN_PART_WORDS
        window = (starts[first + least - 1], starts[last] if last < words else len(text))
        best: tuple[float, int] | None = None
        for match in pattern.finditer(text, *window):
            ends_before = bisect_left(starts, match.end())
            if ends_before - first >= least and words - ends_before >= least and ends_before <= last:
                candidate = (abs(ends_before - aim), match.end())
                best = candidate if best is None or candidate < best else best
        if best is not None:
            return best[1]
    return starts[last]
