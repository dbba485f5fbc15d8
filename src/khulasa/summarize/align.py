"""Provenance: which article sentences support each bullet.

The player and the editors show, beside every bullet, the sentences it
came from. The extractive engine knows them by construction; a language
model's bullet fuses facts from several paragraphs, so its sources are
recovered here: the sentences that together cover the bullet's content
words and numbers, picked greedily by the rare words they share (a word
found in one sentence says more about where a fact came from than a word
found in every one).
"""

from __future__ import annotations

import functools
import math
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import replace

from khulasa.arabic.morphology import stem_by_form
from khulasa.arabic.normalize import normalize, strip_diacritics
from khulasa.arabic.words import is_common
from khulasa.arabic.words_to_numbers import quantities
from khulasa.model import Bullet, Sentence, Summary

MAX_SOURCES = 3
"""A bullet is one sentence; more than three sources would not help a reader check it."""
MIN_GAIN = 0.15
"""A further sentence is cited only if it covers at least this share of the bullet's weight."""

MIN_SHARED = 2
"""A sentence must share at least two content words or numbers with the bullet: one may be chance."""

_WORD = re.compile(r"[\u0621-\u064a\u0670-\u06d3]+|[A-Za-z]+")


@functools.lru_cache(maxsize=1024)
def _features(text: str) -> frozenset[str]:
    """Content stems and number values of ``text``: what a supporting sentence must share.

    Remembered, because every bullet of a summary is aligned against the same sentences.
    """
    out = {stem_by_form(normalize(w)) for w in _WORD.findall(strip_diacritics(text))}
    out = {w for w in out if len(w) >= 3 and not is_common(w)}
    out |= {f"#{round(q.value, 6)}" for q in quantities(text)}
    return frozenset(out)


def align(bullet: str, sentences: Sequence[Sentence]) -> tuple[int, ...]:
    """Indices of the sentences that support ``bullet``, in article order; () if none do."""
    if not sentences:
        return ()
    feats = [_features(s.text) for s in sentences]
    df = Counter(f for fs in feats for f in fs)
    n = len(sentences)
    wanted = _features(bullet)
    weight = {f: math.log(1 + n / df[f]) if f in df else 0.0 for f in wanted}
    total = sum(weight.values())
    if total == 0:
        return ()
    chosen: list[int] = []
    uncovered = set(wanted)
    while len(chosen) < MAX_SOURCES:
        gains = [
            (sum(weight[f] for f in feats[i] & uncovered), -i) for i in range(n) if i not in chosen and not sentences[i].heading
        ]
        if not gains:
            break
        gain, neg = max(gains)
        if gain / total < MIN_GAIN or len(feats[-neg] & uncovered) < min(MIN_SHARED, len(uncovered)):
            break
        chosen.append(-neg)
        uncovered -= feats[-neg]
    return tuple(sorted(chosen))


def with_sources(summary: Summary) -> Summary:
    """``summary`` with every bullet that names no sources aligned to the sentences that support it."""
    if all(b.sources for b in summary.bullets):
        return summary
    bullets = tuple(b if b.sources else Bullet(b.text, align(b.text, summary.sentences)) for b in summary.bullets)
    return replace(summary, bullets=bullets)
