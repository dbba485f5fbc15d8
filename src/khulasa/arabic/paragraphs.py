"""From lines to paragraphs: undo hard wraps, find subheadings and list items.

Text reaches us in two shapes. Web pages give one paragraph per line, with
subheadings as short lines of their own. Archives and PDFs hard-wrap at a
fixed width, mid-sentence, and separate paragraphs with blank lines. A line
break is therefore joined when

- the line ends mid-clause: on ، ؛ : an opening « or bracket or a dash,
  or on a preposition or particle no sentence ends with (في، التي، أن),
  even across a blank line after a comma (a paragraph cut in two), or
- the text is hard-wrapped and the line is not a short one after which the
  next word would still have fit: the classic reflow test, which a
  deliberate break (a subheading, a paragraph's short last line) fails
  and a wrap made at a varying width (text copied from a browser) passes,
  or
- the text is hard-wrapped with blank lines between paragraphs and the
  line ends a sentence: there, only a blank line ends a paragraph,

and kept otherwise. A kept paragraph that is short, has no final
punctuation (or is a short question) and is followed by more text is a
subheading. Only whitespace
changes: runs of spaces collapse and joined lines meet at one space.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from itertools import pairwise

MAX_WRAP_WIDTH = 160
"""Hard-wrapped text uses short lines; a text with longer lines is one paragraph per line."""
SHORT_LINE = 0.6
"""A line ending mid-sentence and longer than this share of the widest line is a wrapped line."""
MAX_HEADING_WORDS = 15
"""A longer unpunctuated line is a sentence that lost its full stop, not a subheading."""
MAX_QUESTION_WORDS = 10
"""A question standing alone between paragraphs and no longer than this is a subheading."""

_NEWLINES = re.compile(r"\r\n?|[\u2028\u2029\x0b\x0c\x85]")
_SPACES = re.compile(r"[^\S\n]+")
"""Whitespace within a line; newlines are unified before it runs."""
_BLANK = re.compile(r"[\s\u200b]*")
_HAS_LETTER = re.compile(r"[^\W\d_]")
_BULLET = re.compile(r"(?:[•▪►‣◦·]\s*|[-–—*]\s+|\(?[0-9٠-٩]{1,2}[.)]\s+)")
"""A list marker at the start of a line: "- ", "• ", "1. ", "(2) "."""
_ENDS_SENTENCE = re.compile(r"[.!?؟…][\"'»”’)\]]*$")
_ENDS_LIST_LEAD = re.compile(r"[.!?؟…:][\"'»”’)\]]*$")
_INNER_STOP = re.compile(r"[.!?؟…]\s")
PARTICLES = "في|من|على|إلى|الى|عن|أن|إن|ان|التي|الذي|الذين|اللتين|اللذين|حيث|بين|منذ|حتى|لدى|ثم|أو|او|لكن|بل|لم|لن|قد|و"
"""Prepositions, particles and relatives that no Arabic sentence ends with (a regex alternation)."""
_ENDS_MID_CLAUSE = re.compile(rf"[،,؛;:\-–—«(\[]$|(?:^|\s)(?:{PARTICLES})$")
"""A line ending like this stops mid-clause: on a comma, or on a particle or preposition no sentence ends with."""
_ENDS_MID_SENTENCE = re.compile(r"[،,؛;]$")
"""A paragraph ending like this was cut in two: the blank line after it does not end the paragraph."""
_ENDS_QUESTION = re.compile(r"[?؟]$")
_ENDS_QUOTE = re.compile(r"[\"'»”’)\]]$")
_OPENS_SENTENCE = re.compile(
    r"(?:و|ف)?(?:قال|قالت|أضاف|أضافت|أكد|أكدت|أشار|أشارت|أوضح|أوضحت|تابع|تابعت|كان|كانت|يذكر|يشار|لفت|لفتت)\s"
    r"|(?:كما|لكن|ولكن|غير أن|إلا أن|وبحسب|وحسب|ووفق|وفي|ومن|فهل|وهل)\s"
)
"""How a sentence of the story, not a subheading, tends to begin in Arabic news."""


@dataclass(frozen=True)
class Paragraph:
    """One paragraph as displayed: wrapped lines joined, whitespace collapsed."""

    text: str
    heading: bool = False
    """A subheading: a short unpunctuated line standing between paragraphs."""
    item: bool = False
    """A list item (its marker removed)."""


def unify_newlines(text: str) -> str:
    """``text`` with every newline convention (CRLF, CR, Unicode line separators) turned into "\n"."""
    return _NEWLINES.sub("\n", text)


def lines_of(text: str) -> list[str]:
    """The text's lines, any newline convention, whitespace collapsed, byte-order marks dropped; blank lines become ""."""
    spaced = _SPACES.sub(" ", unify_newlines(text.replace("\ufeff", "")))
    return ["" if _BLANK.fullmatch(raw) else raw.strip() for raw in spaced.split("\n")]


@dataclass(frozen=True)
class _Layout:
    """How a text was laid out: the width it was wrapped at, and whether blank lines part its paragraphs."""

    width: int | None
    blank_lines_part: bool


def _layout(lines: list[str]) -> _Layout:
    inner = "\n".join(lines).strip("\n")
    return _Layout(_wrap_width(lines), "\n\n" in inner)


def _wrap_width(lines: list[str]) -> int | None:
    """The width the text was hard-wrapped at, or None when it was not wrapped.

    Wrapped text has at least two long lines that end mid-sentence, and
    they are at least half of all the lines that end mid-sentence (the rest
    are subheadings). One such line proves nothing: a title above a short
    paragraph looks the same. Widths may vary from line to line, as in
    text copied from a browser.
    """
    width = max((len(line) for line in lines), default=0)
    if width == 0 or width > MAX_WRAP_WIDTH:
        return None
    followed = [a for a, b in pairwise(lines) if a and b and not _ENDS_SENTENCE.search(a)]
    long = sum(1 for a in followed if len(a) > SHORT_LINE * width)
    return width if long >= 2 and 2 * long >= len(followed) else None


def _marker(line: str, previous: str) -> re.Match[str] | None:
    """The list marker opening ``line``.

    A number ("3. ") counts only after a finished line or another list
    item: in hard-wrapped text a sentence's "... بلغ" can wrap before "5. وقال".
    """
    marker = _BULLET.match(line)
    numbered = marker is not None and line[0] in "0123456789٠١٢٣٤٥٦٧٨٩("
    if numbered and previous and not (_ENDS_LIST_LEAD.search(previous) or _BULLET.match(previous)):
        return None
    return marker


def _joins(line: str, following: str, layout: _Layout, mid_sentence: bool) -> bool:
    """Whether the break between two non-blank lines is a hard wrap inside a paragraph.

    ``mid_sentence`` says that ``line`` itself began inside a sentence (it
    was joined to a line that did not end one): such a line is never a
    subheading, so in wrapped text it runs on.
    """
    if _marker(following, line):
        return False
    if _ENDS_MID_CLAUSE.search(line):
        return True
    width = layout.width
    if width is None:
        return False
    would_fit = len(line) + 1 + len(following.split(" ", 1)[0]) <= width
    if _ENDS_SENTENCE.search(line):
        return layout.blank_lines_part or not would_fit
    return mid_sentence or not (would_fit and len(line) <= SHORT_LINE * width)


def _is_heading(text: str) -> bool:
    """A short line that does not open like a sentence of the story, with no final punctuation or a question mark.

    Arabic news often heads a section with a question ("ما الذي تغير؟");
    standing alone between paragraphs, it is a subheading, not a key point.
    """
    question = _ENDS_QUESTION.search(text) is not None
    if not question and (_ENDS_SENTENCE.search(text) or _ENDS_QUOTE.search(text)):
        return False
    if len(text.split()) > (MAX_QUESTION_WORDS if question else MAX_HEADING_WORDS) or _OPENS_SENTENCE.match(text + " "):
        return False
    return not _INNER_STOP.search(text)


def _is_tail_heading(line: str) -> bool:
    """A wrapped paragraph's last line that is really a subheading; a closing question belongs to its paragraph."""
    return not _ENDS_QUESTION.search(line) and _is_heading(line)


def paragraphs(text: str) -> list[Paragraph]:
    """The paragraphs of ``text`` in order; lines without any letter (rules, page numbers) are dropped."""
    lines = [line for line in lines_of(text) if not line or _HAS_LETTER.search(line)]
    layout = _layout(lines)
    groups: list[tuple[list[str], bool]] = []
    previous, mid_sentence = "", False
    for line in lines:
        if not line:
            if not _ENDS_MID_SENTENCE.search(previous):
                previous = ""
            continue
        if previous and _joins(previous, line, layout, mid_sentence):
            groups[-1][0].append(line)
            mid_sentence = not _ENDS_SENTENCE.search(previous)
        else:
            marker = _marker(line, previous)
            groups.append(([line[marker.end() :] if marker else line], marker is not None))
            mid_sentence = False
        previous = line
    out: list[Paragraph] = []
    for number, (parts, item) in enumerate(groups):
        is_last = number == len(groups) - 1
        tail = parts[-1]
        if not item and not is_last and len(parts) > 1 and _ENDS_SENTENCE.search(parts[-2]) and _is_tail_heading(tail):
            # A subheading right after a wrapped paragraph's full last line reads as a wrap; it is not one.
            out.append(Paragraph(" ".join(parts[:-1])))
            out.append(Paragraph(tail, heading=True))
            continue
        joined = " ".join(parts)
        out.append(Paragraph(joined, heading=not item and not is_last and _is_heading(joined), item=item))
    return out
