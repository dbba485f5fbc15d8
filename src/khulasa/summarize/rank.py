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
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Sequence

from khulasa.arabic.tokens import terms
from khulasa.summarize.compress import word_set

Vector = dict[str, float]

STOPWORDS = word_set(
    """
    في من على الي عن مع ان او ثم حتي قد لا لم لن ما ماذا لماذا كيف اين متي هل كل بعض غير بين
    عند عندما منذ خلال بعد قبل حول ضد دون الا اذا لو كان كانت يكون تكون كانوا اصبح هذا هذه ذلك
    تلك هؤلاء الذي التي الذين اللذين اللتين اللواتي هو هي هم هما نحن انا انت انتم ايضا كما لكن
    بل اي وهو وهي وقد وكان وكانت وفي ومن وعلي والي وان وما ولا ولم فيه فيها منه منها عليه عليها
    اليه اليها به بها له لها لهم عنه عنها انه انها بان لان حيث فيما بينما اما امام وراء تحت فوق
    عام يوم اليوم امس الذي مثل نحو اكثر اقل جدا فقط سوي ضمن عبر لدي لدى وفق وفقا حسب بحسب
    قال قالت وقال وقالت يقول تقول ذكر ذكرت اضاف اضافت واضاف واضافت اكد اكدت اشار اشارت اوضح اوضحت
    """
)
"""Normalized function words and verbs of saying: frequent everywhere, topical nowhere."""

_PREFIXES = ("وبال", "وال", "بال", "كال", "فال", "لل", "ال", "و", "ب", "ل", "ف")
_SUFFIXES = ("هما", "كما", "ات", "ون", "ين", "ان", "ها", "هم", "يه", "يا", "ه", "ي")


def stem(term: str) -> str:
    """Light stem of a normalized term: clitics off, at least three letters kept."""
    if term.isdigit() or len(term) <= 3:
        return term
    for prefix in _PREFIXES:
        if term.startswith(prefix) and len(term) - len(prefix) >= 3:
            term = term[len(prefix) :]
            break
    for suffix in _SUFFIXES:
        if term.endswith(suffix) and len(term) - len(suffix) >= 3:
            term = term[: -len(suffix)]
            break
    return term


def content_terms(text: str) -> list[str]:
    """Stemmed, normalized content words of ``text`` (function words dropped)."""
    return [stem(t) for t in terms(text) if t not in STOPWORDS and len(t) > 1]


def tfidf(texts: Sequence[str]) -> list[Vector]:
    """One TF-IDF vector per text, document frequency counted over ``texts`` themselves."""
    bags = [Counter(content_terms(t)) for t in texts]
    df: Counter[str] = Counter()
    for bag in bags:
        df.update(bag.keys())
    n = len(texts)
    idf = {term: math.log((n + 1) / (count + 0.5)) for term, count in df.items()}
    return [{term: (1 + math.log(tf)) * idf[term] for term, tf in bag.items()} for bag in bags]


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


def topic_weights(vectors: Sequence[Vector]) -> dict[str, float]:
    """How topical each term is: the number of other sentences that use it too."""
    counts: Counter[str] = Counter()
    for vec in vectors:
        counts.update(vec.keys())
    return {t: float(c - 1) for t, c in counts.items() if c > 1}


def coverage(vector: Vector, topics: dict[str, float], covered: set[str]) -> float:
    """Topical weight of the terms a sentence adds beyond those already ``covered``."""
    return sum(topics.get(t, 0.0) for t in vector if t not in covered)


def select(
    scores: Sequence[float],
    vectors: Sequence[Vector],
    k: int,
    weight: float,
    ceiling: float,
    cover: float = 0.0,
    sources: Sequence[frozenset[int]] | None = None,
    paragraphs: Sequence[int] | None = None,
    spread: float = 0.0,
) -> list[int]:
    """Pick ``k`` indices greedily: score, plus new coverage, minus redundancy (MMR).

    Each step takes the sentence whose score, plus ``cover`` times the share
    of the article's topical words it adds that the chosen ones lack, minus
    ``weight`` times its highest similarity to a chosen one, is largest;
    sentences more similar than ``ceiling`` to a chosen one are never taken,
    so no two bullets repeat each other, and neither is a candidate that
    shares a source sentence (``sources``, one set per candidate) with a
    chosen one. A candidate from a paragraph (``paragraphs``, one per
    candidate) that already gave a bullet loses ``spread``: a paragraph
    carries one development of the story, and a box should span the story.
    Ties go to the earlier sentence, which keeps the result deterministic.
    """
    topics = topic_weights(vectors)
    chosen: list[int] = []
    used: set[int] = set()
    shown: set[int] = set()
    covered: set[str] = set()
    left = list(range(len(scores)))
    while left and len(chosen) < k:
        gains = {i: coverage(vectors[i], topics, covered) for i in left}
        top_gain = max(gains.values()) or 1.0
        best, best_value = -1, -math.inf
        for i in left:
            overlap = max((cosine(vectors[i], vectors[j]) for j in chosen), default=0.0)
            if overlap > ceiling:
                continue
            if scores[i] == -math.inf or (sources is not None and sources[i] & used):
                continue  # excluded by the caller, or built from a sentence already shown
            value = scores[i] + cover * gains[i] / top_gain - weight * overlap
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
        covered.update(vectors[best])
        left.remove(best)
    return chosen
