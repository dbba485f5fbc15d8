"""The typed values that pass between stages.

Every stage is a function from one of these values to the next, so each is a
frozen dataclass: a value handed on can never be changed behind the next
stage's back. Only plain data lives here — no behaviour that needs another
stage's imports.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class Article:
    """One news article as the rest of the pipeline sees it, after ingest and cleaning."""

    text: str
    """The body as displayed: paragraphs separated by newlines, never normalized."""
    title: str | None = None
    """The headline, with the site name removed, if known."""
    published: str | None = None
    """Publication time as ISO 8601, if known."""
    url: str | None = None
    """Canonical URL, if known."""
    author: str | None = None
    """Byline, if known."""
    credit: str | None = None
    """Agency credit line removed from the body, e.g. "رويترز، العربي الجديد"."""
    dateline: str | None = None
    """Dateline and agency tag removed from the start of the body, e.g. "الدوحة - (اف ب)"."""
    language: str = "ar"
    """BCP 47 language tag of the body."""
    metadata: dict[str, Any] = field(default_factory=dict, compare=False, hash=False)
    """Free-form fields the publisher passed along; never interpreted."""
    warning: str | None = None
    """What reading the input had to repair or guess, e.g. bytes that were not valid UTF-8; None when nothing."""


@dataclass(frozen=True)
class Sentence:
    """One sentence of an article, with where it sits in the text."""

    index: int
    """Position among the article's sentences, from 0; bullets cite these."""
    text: str
    """The sentence as displayed (hard wraps joined, otherwise untouched)."""
    paragraph: int
    """Index of the paragraph it belongs to, from 0."""
    heading: bool = False
    """True for a subheading line: a title inside the body, not a sentence of the story."""


@dataclass(frozen=True)
class Bullet:
    """One key point of the summary: a single sentence, with where it came from."""

    text: str
    """The bullet as displayed, ending with a full stop."""
    sources: tuple[int, ...]
    """Indices of the article sentences the bullet was made from (or that support it)."""


@dataclass(frozen=True)
class GuardFinding:
    """One check the faithfulness guard made on a summary, and what it found."""

    check: str
    """Short name of the check, e.g. "numbers", "names", "length"."""
    passed: bool
    """Whether the summary passed it."""
    detail: str = ""
    """What failed, in words an editor can act on."""


@dataclass(frozen=True)
class Summary:
    """The box's content: bullets, the sentences they cite, and who made them."""

    bullets: tuple[Bullet, ...]
    """The key points, in reading order."""
    sentences: tuple[Sentence, ...]
    """The article split into sentences; ``Bullet.sources`` index into this."""
    engine: str
    """Name of the engine that produced the bullets, e.g. "extractive"."""
    guard: tuple[GuardFinding, ...] = ()
    """The faithfulness guard's findings, empty when no guard ran."""


@dataclass(frozen=True)
class Segment:
    """A stretch of audio and the text it speaks: a bullet, or one word of it."""

    kind: str
    """"bullet", "sentence" (for any text read aloud) or "word"."""
    index: int
    """Bullet index (for words: the bullet they belong to)."""
    text: str
    """The displayed text this stretch reads."""
    start: float
    """Start time in seconds from the beginning of the audio."""
    end: float
    """End time in seconds."""


@dataclass(frozen=True)
class AudioFile:
    """One encoding of a narration."""

    data: bytes
    """The encoded file's bytes."""
    media_type: str
    """MIME type, e.g. "audio/mpeg" or "audio/ogg"."""
    extension: str
    """File name extension without the dot, e.g. "mp3" or "ogg"."""


@dataclass(frozen=True)
class Narration:
    """The summary read aloud: encoded audio plus timings for highlighting."""

    files: tuple[AudioFile, ...]
    """The audio in each requested encoding, MP3 first when asked for; empty when streamed to files (see ``narrate_text``)."""
    duration: float
    """Length in seconds."""
    segments: tuple[Segment, ...]
    """Timings for each bullet and, where the voice reports them, each word."""
    voice: str
    """Name of the voice that spoke it."""
    loudness: float | None = None
    """Measured integrated loudness of the result, in LUFS."""
    true_peak: float | None = None
    """Measured true peak of the result, in dBTP."""
    characters: int = 0
    """Characters sent to a paid speech service to make it (what the newsroom is billed for); 0 for local voices."""
