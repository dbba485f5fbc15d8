"""An editor's bullets: checked for what they must be, advised on what the guard would say.

A newsroom editor may write the box by hand. What would make the box
unusable is refused with one clear sentence (:func:`checked_bullets`): no
bullets or more than :data:`MOST_BULLETS`, an empty bullet, one that is not
Arabic, one longer than a bullet can sensibly be. What the faithfulness
guard and the integrity check find (a number that is not in the article, a
name the box never introduced) is *advice*: the editor knows things the
text does not say, so :func:`written` reports each finding and stores the
bullets regardless.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from khulasa import render
from khulasa.arabic import sentences as splitter
from khulasa.arabic.normalize import arabic_ratio
from khulasa.arabic.tokens import word_count
from khulasa.config import Settings
from khulasa.errors import EmptyInput, InputError, NotArabic
from khulasa.model import Article, Bullet, Summary
from khulasa.summarize import guard, integrity
from khulasa.summarize.align import with_sources

ENGINE = "editor"
"""The ``engine`` of a summary an editor wrote."""
MOST_BULLETS = 5
"""Most bullets an editor's box may have: the box is two or three, five leaves room to argue."""
MOST_WORDS = 60
"""Most words in one bullet: a paragraph is not a bullet (the guard advises from ``bullet_max_words`` on)."""
MOST_CHARACTERS = 600
"""Most characters in one bullet, whatever its words."""


@dataclass(frozen=True)
class Advice:
    """One thing the guard or the integrity check found in an editor's bullets: shown, never a refusal."""

    bullet: int | None
    """Index of the bullet (from 0) it is about; None for the box as a whole."""
    check: str
    """The check's name: "numbers", "dates", "names", "length", "arabic", "distinct", "count", "integrity"."""
    message: str
    """What was found, in one sentence an editor can act on."""


def checked_bullets(bullets: Sequence[str]) -> list[str]:
    """The bullets with their spacing made plain; refuses a box no reader could be shown.

    Each must hold Arabic words (most of its letters Arabic script), be at
    most :data:`MOST_WORDS` words and :data:`MOST_CHARACTERS` characters, and
    carry no control characters (a line break inside a bullet is a space).
    """
    if not 1 <= len(bullets) <= MOST_BULLETS:
        raise InputError(f"send 1 to {MOST_BULLETS} bullets, not {len(bullets)}.")
    out: list[str] = []
    for n, raw in enumerate(bullets, 1):
        text = " ".join(unicodedata.normalize("NFC", raw).split())
        if not text:
            raise EmptyInput(f"bullet {n} is empty; write a sentence or leave the bullet out.")
        if any(unicodedata.category(ch) == "Cc" for ch in text):
            raise InputError(f"bullet {n} holds a control character; send plain text.")
        if len(text) > MOST_CHARACTERS:
            raise InputError(f"bullet {n} has {len(text)} characters; keep each bullet to {MOST_CHARACTERS} at most.")
        words = word_count(text)
        if words > MOST_WORDS:
            raise InputError(f"bullet {n} has {words} words; keep each bullet to {MOST_WORDS} words at most.")
        if arabic_ratio(text) < guard.MIN_ARABIC:
            raise NotArabic(f"bullet {n} is not Arabic: write each bullet as an Arabic sentence.")
        out.append(text)
    return out


def written(bullets: Sequence[str], article: Article, settings: Settings) -> tuple[Summary, list[Advice]]:
    """The editor's box as a Summary (engine "editor", sources aligned, the guard's findings kept) and the advice.

    ``bullets`` are refused as :func:`checked_bullets` says; the findings never refuse.
    """
    texts = checked_bullets(bullets)
    sentences = tuple(splitter.split(article.text))
    summary = with_sources(Summary(tuple(Bullet(t, ()) for t in texts), sentences, ENGINE))
    findings = guard.check(texts, article.text, settings, len(texts))
    summary = Summary(summary.bullets, sentences, ENGINE, findings)
    return summary, advice(texts, article.text, settings, findings)


def advice(bullets: Sequence[str], article: str, settings: Settings, findings: Sequence[Any] = ()) -> list[Advice]:
    """Each bullet's findings (numbers, dates, names, length, integrity), then the box's own (repeats)."""
    source = guard.Source.of(article)
    out: list[Advice] = []
    for i, bullet in enumerate(bullets):
        where = f"bullet {i + 1}"
        words = word_count(bullet)
        if not settings.bullet_min_words <= words <= settings.bullet_max_words:
            out.append(
                Advice(
                    i,
                    "length",
                    f"{where} has {words} words; the box's bullets keep between "
                    f"{settings.bullet_min_words} and {settings.bullet_max_words}.",
                )
            )
        for check, problem in guard.check_bullet(bullet, source, dictionary=settings.guard_dictionary).items():
            out.append(Advice(i, check, f"{where}{problem}; publish it only if you know it is right."))
    for i, defects in enumerate(integrity.check_box(bullets, None, article)):
        out += [Advice(i, "integrity", f"bullet {i + 1}: {d.kind}: {d.detail}.") for d in defects]
    out += [Advice(None, f.check, f"{f.detail}.") for f in findings if not f.passed and f.check == "distinct"]
    return out


def as_dict(summary: Summary, author: str) -> dict[str, Any]:
    """The editor's summary as stored with its version: as the engines' are, with the author's name."""
    return {**render.as_dict(summary), "author": author}
