"""Sentence scoring for the extractive engine: what carries the story, and what repeats.

Three signals that hold for news in general, not for one data set:

- **centrality**: a sentence that shares many of the article's weighty words
  (TF-IDF over the article's own sentences, cosine to the whole article)
  tells the story rather than a side detail;
- **position**: news is written top-down, so earlier sentences matter more,
  with a gentle decay so that a strong later sentence can still win;
- **title overlap**: when the headline is known, sentences that share its
  words are on topic.

Words are compared after normalization, function words are dropped and a
light stemmer removes the clitics Arabic attaches to words (ال، و، ب، ل،
ـها، ـات …), so "الزيارة" and "للزيارة" count as one term. Redundancy is
handled by maximal marginal relevance: each next pick is penalized by its
similarity to the sentences already chosen.

Cosine alone misses a plain repeat: a bullet that restates another's names
and figures in other words ("30 إصابة جديدة" then "ارتفاع الإصابات بـ30
حالة") shares few weighty terms *by weight* yet tells nothing new. So
:func:`select` also compares the bullets' *facts*, the sets of their
content words, names and numbers (:func:`facts`): a candidate whose facts
are mostly in one chosen bullet already (:func:`repeats`) is a repeat.
And the headline names the story's core fact: :func:`headline_cover` says
how much of the headline, weighted by how rare each of its words is in the
article, a candidate carries.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Sequence

from khulasa.arabic.morphology import stem_by_article
from khulasa.arabic.tokens import terms
from khulasa.arabic.words import STOPWORDS

Vector = dict[str, float]


def content_terms(text: str, known: frozenset[str] | None = None) -> list[str]:
    """Stemmed, normalized content words of ``text`` (function words dropped).

    See :func:`~khulasa.arabic.morphology.stem_by_article` for ``known``.
    """
    return _content(terms(text), known)


def _content(words: Sequence[str], known: frozenset[str] | None) -> list[str]:
    return [stem_by_article(w, known) for w in words if w not in STOPWORDS and len(w) > 1]


def facts(text: str, known: frozenset[str] | None = None) -> frozenset[str]:
    """What a sentence asserts, as a set: its content stems (names among them) and every number, even one digit."""
    words = terms(text)
    return frozenset(_content(words, known)) | frozenset(w for w in words if w[:1].isdigit())


def repeats(a: frozenset[str], b: frozenset[str]) -> float:
    """How much of the smaller fact set the other holds (0..1): 1.0 when one bullet only restates the other."""
    small = min(len(a), len(b))
    return len(a & b) / small if small else 0.0


FIGURES_SHOWN = 0.4
"""A bullet whose every figure another already shows is a repeat from this share of shared facts on."""


def restates(a: frozenset[str], b: frozenset[str], ceiling: float) -> bool:
    """Whether fact set ``a`` only restates ``b``: most facts shared, or all its figures and many of its words.

    Arabic restates in other forms of the same words ("سجلت … إصابة" →
    "الحالات المسجلة"), which no light stemmer joins; the figures, written
    the same every time, tell the repeat apart from a new development.
    """
    share = repeats(a, b)
    figures = {t for t in a if t[:1].isdigit()}
    return share > ceiling or (bool(figures) and figures <= b and share >= FIGURES_SHOWN)


def headline_cover(headline: frozenset[str], bags: Sequence[frozenset[str]]) -> list[float]:
    """Each bag's share (0..1) of the headline's facts, each weighted by its rarity among the bags; numbers double.

    A headline word the article never uses (a site's label, a rewording)
    cannot be covered by any sentence and is left out of the whole.
    """
    n = len(bags)
    df: Counter[str] = Counter()
    for bag in bags:
        df.update(bag & headline)
    weight = {t: math.log((n + 1) / (c + 0.5)) * (2.0 if t[:1].isdigit() else 1.0) for t, c in df.items()}
    whole = sum(weight.values())
    if whole <= 0:
        return [0.0 for _ in bags]
    return [sum(weight.get(t, 0.0) for t in bag & headline) / whole for bag in bags]


PHRASE_WORDS = 6
"""Words in a run that, said again by another bullet, make that bullet a repeat."""


def phrases(text: str) -> frozenset[tuple[str, ...]]:
    """Every run of :data:`PHRASE_WORDS` consecutive words of ``text``, normalized, with their clitics.

    "تعزيز مشاركة القطاع الخاص من خلال برنامج التخصيص" in two bullets is
    one clause said twice, whatever else each bullet says.
    """
    words = terms(text)
    return frozenset(tuple(words[k : k + PHRASE_WORDS]) for k in range(len(words) - PHRASE_WORDS + 1))


def tfidf(texts: Sequence[str]) -> list[Vector]:
    """One TF-IDF vector per text, document frequency counted over ``texts`` themselves."""
    return analyse(texts)[0]


def analyse(texts: Sequence[str]) -> tuple[list[Vector], list[frozenset[str]]]:
    """Each text's TF-IDF vector (see :func:`tfidf`) and fact set (see :func:`facts`), from one split of each text."""
    words = [terms(t) for t in texts]
    known = frozenset(w for ws in words for w in ws)
    stems = [_content(ws, known) for ws in words]  # each text split once: the words are also ``known``
    bags = [Counter(s) for s in stems]
    df: Counter[str] = Counter()
    for bag in bags:
        df.update(bag.keys())
    n = len(texts)
    idf = {term: math.log((n + 1) / (count + 0.5)) for term, count in df.items()}
    vectors = [{term: (1 + math.log(tf)) * idf[term] for term, tf in bag.items()} for bag in bags]
    found = [frozenset(s) | frozenset(w for w in ws if w[:1].isdigit()) for s, ws in zip(stems, words, strict=True)]
    return vectors, found


def cosine(a: Vector, b: Vector) -> float:
    """Cosine similarity of two sparse vectors (0.0 when either is empty)."""
    if len(a) > len(b):
        a, b = b, a
    dot = sum(w * b.get(t, 0.0) for t, w in a.items())
    if dot == 0.0:
        return 0.0
    na = math.sqrt(sum(w * w for w in a.values()))
    nb = math.sqrt(sum(w * w for w in b.values()))
    return dot / (na * nb)


def centrality(vectors: Sequence[Vector]) -> list[float]:
    """Each sentence's cosine to the rest of the article (its own weight left out).

    Computed from the whole-article vector in time linear in each sentence's
    length, so a very long article costs no more than its words.
    """
    total: Vector = {}
    for vec in vectors:
        for t, w in vec.items():
            total[t] = total.get(t, 0.0) + w
    total_sq = sum(w * w for w in total.values())
    out = []
    for vec in vectors:
        own_sq = sum(w * w for w in vec.values())
        with_total = sum(w * total[t] for t, w in vec.items())
        dot = with_total - own_sq  # vec · (total - vec)
        rest_sq = total_sq - 2 * with_total + own_sq
        out.append(dot / math.sqrt(own_sq * rest_sq) if dot > 1e-12 and own_sq > 0 and rest_sq > 1e-12 else 0.0)
    return out


def position(rank: int) -> float:
    """Lead bias: 1.0 for the first sentence, decaying slowly with depth."""
    return 1.0 / math.sqrt(1.0 + rank)


def select(
    scores: Sequence[float],
    vectors: Sequence[Vector],
    k: int,
    weight: float,
    ceiling: float,
    sources: Sequence[frozenset[int]] | None = None,
    paragraphs: Sequence[int] | None = None,
    spread: float = 0.0,
    bags: Sequence[frozenset[str]] | None = None,
    repeat_ceiling: float = 1.0,
    chosen: Sequence[int] = (),
    phrases: Sequence[frozenset[tuple[str, ...]]] | None = None,
) -> list[int]:
    """Pick ``k`` indices greedily: score minus redundancy (MMR).

    Each step takes the sentence whose score, minus ``weight`` times its
    highest similarity to a chosen one, is largest;
    sentences more similar than ``ceiling`` to a chosen one are never taken,
    so no two bullets repeat each other, and neither is a candidate that
    shares a source sentence (``sources``, one set per candidate) with a
    chosen one. A candidate from a paragraph (``paragraphs``, one per
    candidate) that already gave a bullet loses ``spread``: a paragraph
    carries one development of the story, and a box should span the story.
    With fact sets (``bags``, see :func:`facts`), a candidate that only
    restates a chosen one (:func:`restates`, ``repeat_ceiling`` the share of
    shared facts) is a repeat too, and the share counts as its similarity
    when it is the higher. ``chosen`` are picks made beforehand
    (the headline's bullet), kept first. With ``phrases`` (see
    :func:`phrases`), a candidate that repeats a run of words a chosen
    bullet already says counts as wholly similar to it: editors read a
    clause said twice as a repeat even when the rest of the bullet is new.
    Ties go to the earlier sentence, which keeps the result deterministic.
    """
    left = [i for i in range(len(scores)) if i not in chosen]
    chosen = list(chosen)
    used: set[int] = set()
    shown: set[int] = set()
    for j in chosen:
        if sources is not None:
            used.update(sources[j])
        if paragraphs is not None:
            shown.add(paragraphs[j])
    while left and len(chosen) < k:
        best, best_value = -1, -math.inf
        for i in left:
            overlap = max((cosine(vectors[i], vectors[j]) for j in chosen), default=0.0)
            if overlap > ceiling:
                continue
            if bags is not None:
                if any(restates(bags[i], bags[j], repeat_ceiling) for j in chosen):
                    continue
                repeat = max((repeats(bags[i], bags[j]) for j in chosen), default=0.0)
                overlap = max(overlap, repeat)
            if phrases is not None and any(phrases[i] & phrases[j] for j in chosen):
                overlap = 1.0
            if scores[i] == -math.inf or (sources is not None and sources[i] & used):
                continue  # excluded by the caller, or built from a sentence already shown
            value = scores[i] - weight * overlap
            if paragraphs is not None and paragraphs[i] in shown:
                value -= spread
            if value > best_value:
                best, best_value = i, value
        if best < 0:
            break
        chosen.append(best)
        if sources is not None:
            used.update(sources[best])
        if paragraphs is not None:
            shown.add(paragraphs[best])
        left.remove(best)
    return chosen
