"""The faithfulness guard: every engine's bullets are checked against the article.

A summary box that states a wrong number or a name the article never
mentions is worse than no box, and a language model will sometimes do both.
So before a summary leaves the summarize stage, each bullet's numbers
(digits and number words, as values), dates (month and weekday names,
years) and names must be found in the article; the bullets must be in count
and length bounds, mostly Arabic script, and not repeat each other.

Names are found without a name tagger: a bullet word is *supported* when
the article holds the same word after normalization and clitic stripping
(و ف ب ل ال س, :mod:`khulasa.arabic.morphology`), the same light stem, the same verb without its imperfect
prefix (يحذر ~ حذروا), or a word of the same three-letter root by a
derivational template (يموّل ~ التمويل, محذرا ~ حذر). A word that is none
of these is treated as a name or term the article does not contain, unless
it is an everyday word (:mod:`khulasa.arabic.words`): on the hand-written list (``COMMON_WORDS``), a
particle or pronoun with its clitics (فيها, وهي, بعدما: :func:`~khulasa.arabic.words.is_function_word`),
or, when the extra ``lexicon`` is installed (and ``guard_dictionary`` is on), a
dictionary verb, participle or adjective that is no name (:func:`is_vocabulary`, from
:mod:`khulasa.summarize.lexicon`). Names stay strict: a word that reads as a
known country, city, person or people (:func:`is_name`) never counts as
vocabulary, and neither do concrete nouns (مدرسة, سفينة) or verbal nouns
(التعليم, الهروب), which name what a story is about or what happened. A paraphrase that brings in such words fails and is retried
or replaced by extractive bullets, the safe direction for a newsroom.

:func:`khulasa.summarize.guarded` runs an engine under the guard: one retry that names what
failed (for engines that can revise), then the extractive engine's bullets.

Every bullet is also checked as a sentence (:mod:`khulasa.summarize.integrity`,
finding "integrity"): paired quotation marks, no dateline, no opening that
leans on a sentence the box does not show, no first person outside a
quotation, names introduced before the box uses them alone. A model's
bullet that fails it is retried and then replaced like one that fails on a
number: a broken sentence is as unpublishable as a wrong figure, the retry
names the defect so the model can mend it, and the fallback is safe because
the extractive engine backs off to cuts that pass the same check. Only the
rules that read a bullet alone run on a model's bullets (they have no
source alignment), and those are the precise ones.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from khulasa.arabic.calendar import GREGORIAN_BY_NAME
from khulasa.arabic.morphology import dictionary_readings, imperfect_free, readings, roots, stem_by_form, strip_clitics
from khulasa.arabic.normalize import arabic_ratio, normalize, strip_diacritics
from khulasa.arabic.tokens import word_count
from khulasa.arabic.words import is_common
from khulasa.arabic.words_to_numbers import Quantity, quantities
from khulasa.config import Settings
from khulasa.model import GuardFinding
from khulasa.summarize import integrity, lexicon

MIN_ARABIC = 0.5
"""Share of a bullet's letters that must be Arabic script: most of them. Latin words in an
Arabic bullet (names, acronyms) must be found in the article anyway, by the names check."""
ALIKE = 0.6
"""Two bullets whose content stems overlap this much (Jaccard) say the same thing."""

_ARABIC_WORD = re.compile(r"[\u0621-\u064a\u0670-\u06d3]+")
_LATIN_WORD = re.compile(r"[A-Za-z][A-Za-z'\-]*[A-Za-z]|[A-Z]")


_NISBA = ("يون", "يين", "يات", "يتان", "يتين", "يان", "يه", "ي")
"""Endings that make a name an adjective of origin: مصري, السوريون, اللبنانية."""


def is_name(term: str) -> bool:
    """Whether a normalized word reads as a known name (:func:`khulasa.summarize.lexicon.names`):
    a country, city, person or the like, with clitics in front or as an adjective of origin
    (وبدمشق, المصري, اللبنانيين, السوري)."""
    bases = {term, strip_clitics(term)}
    if term[:1] in ("و", "ف") and len(term) >= 5:
        bases.add(strip_clitics(term[1:]))  # وبدمشق: a conjunction before another clitic
    readings = set(bases)
    for base in bases:
        for stem in (base[: -len(e)] for e in _NISBA if base.endswith(e) and len(base) - len(e) >= 3):
            readings.update((stem, stem + "ا", stem + "يا"))  # السوري → سوريا, الأمريكية → أمريكا
    return bool(readings & lexicon.names())


def is_vocabulary(term: str) -> bool:
    """Whether a normalized word is a dictionary noun, verb or function word and no name.

    Always False when the dictionary (extra ``lexicon``) is not installed or switched off.
    """
    words = lexicon.words()
    return bool(words) and bool(dictionary_readings(term) & words) and not is_name(term)


@dataclass(frozen=True)
class Source:
    """What the guard knows of the article: its words in several forms, its numbers and dates."""

    terms: frozenset[str]
    stems: frozenset[str]
    verbs: frozenset[str]
    roots: frozenset[str]
    latin: frozenset[str]
    squashed: str
    values: frozenset[float]
    months: frozenset[int]
    weekdays: frozenset[int]

    @classmethod
    def of(cls, text: str) -> Source:
        """Index ``text`` once, so every bullet is checked against the same view."""
        terms = [normalize(w) for w in _ARABIC_WORD.findall(strip_diacritics(text))]
        forms = set(terms) | {strip_clitics(t) for t in terms}
        values: set[float] = set()
        for q in quantities(text):
            values.update((_key(q.value), _key(q.bare)))
        return cls(
            terms=frozenset(forms),
            stems=frozenset(r for t in set(terms) for r in readings(t)),
            roots=frozenset(r for t in set(terms) for r in roots(t)),
            verbs=frozenset(v for v in (imperfect_free(t) for t in terms) if v),
            latin=frozenset(w.lower() for w in _LATIN_WORD.findall(text)),
            squashed="".join(terms),
            values=frozenset(values),
            months=frozenset(m for m, _ in _months(text)),
            weekdays=frozenset(d for d, _ in _weekdays(text)),
        )

    def supports(self, term: str) -> bool:
        """Whether the article holds this normalized Arabic word in some form."""
        if term in self.terms or strip_clitics(term) in self.terms or readings(term) & self.stems:
            return True
        verb = imperfect_free(term)
        if verb and verb in self.verbs:
            return True
        if len(strip_clitics(term)) >= 4 and roots(term, plain=False) & self.roots:
            return True
        return len(term) >= 8 and strip_clitics(term) in self.squashed  # words run together


@functools.lru_cache(maxsize=8)
def _indexed(article: str) -> Source:
    """Source.of, remembered: a retry and a fallback check the same article again."""
    return Source.of(article)


def _key(value: float) -> float:
    return round(value, 6)


_MONTHS = {name: number for name, number in GREGORIAN_BY_NAME.items() if " " not in name}
"""One-word month names, normalized → month (every regional naming, see :mod:`khulasa.arabic.calendar`)."""
_TWO_WORD_MONTHS = {tuple(name.split()): number for name, number in GREGORIAN_BY_NAME.items() if " " in name}
"""Levantine month names of two words, normalized: (first word without clitics, second word) → month."""
_AB = normalize("آب")
_WEEKDAYS = {normalize(d): i for i, d in enumerate(("الأحد", "الاثنين", "الثلاثاء", "الأربعاء", "الخميس", "الجمعة", "السبت"))}


def _months(text: str) -> list[tuple[int, str]]:
    """(month number, as written) for every Gregorian month name, in any regional naming."""
    words = _ARABIC_WORD.findall(strip_diacritics(text))
    folded = [normalize(word) for word in words]  # each word normalized once, not once per month it could be
    found: list[tuple[int, str]] = []
    for i, word in enumerate(words):
        nxt, folded_next = (words[i + 1], folded[i + 1]) if i + 1 < len(words) else ("", "")
        bare = strip_clitics(folded[i])
        number = _TWO_WORD_MONTHS.get((bare, folded_next))
        if number is not None:
            found.append((number, f"{word} {nxt}"))
        if word in ("آب", "وآب") or (bare in _MONTHS and bare != _AB):
            found.append((_MONTHS.get(bare, 8), word))
    return found


def _weekdays(text: str) -> list[tuple[int, str]]:
    found: list[tuple[int, str]] = []
    for word in _ARABIC_WORD.findall(strip_diacritics(text)):
        term = normalize(word)
        for prefix in ("", "و", "ف", "ب"):
            if term.startswith(prefix) and term[len(prefix) :] in _WEEKDAYS:
                found.append((_WEEKDAYS[term[len(prefix) :]], word))
                break
    return found


def _is_year(q: Quantity, text: str) -> bool:
    before = normalize(text[max(0, q.start - 8) : q.start])
    return q.value == q.bare and q.value.is_integer() and 1000 <= q.value <= 2100 and (
        "عام" in before or "سنه" in before or len(q.text.strip()) == 4
    )


def unsupported_names(bullet: str, source: Source, *, dictionary: bool = True) -> list[str]:
    """Runs of words in ``bullet`` that look like names or terms and are not in the article.

    With ``dictionary`` false the installed dictionary is not asked (:func:`is_vocabulary`).
    """
    runs: list[str] = []
    current: list[str] = []
    pending: list[str] = []
    month_words = {w for _, written in _months(bullet) for w in written.split()}
    day_words = {w for _, w in _weekdays(bullet)}
    number_words = {w for q in quantities(bullet) for w in q.text.split()}
    for match in re.finditer(r"[\u0621-\u064a\u0670-\u06d3]+|[A-Za-z][A-Za-z'\-]*", strip_diacritics(bullet)):
        word = match.group()
        if word[0].isascii():
            flagged = word.lower() not in source.latin and (word[0].isupper() or len(word) > 1)
        else:
            term = normalize(word)
            flagged = not (
                len(strip_clitics(term)) < 3
                or word in month_words
                or word in day_words
                or word in number_words
                or is_common(term)
                or source.supports(term)
                or (dictionary and is_vocabulary(term))
            )
        if flagged:
            current += [*pending, word]
            pending = []
        elif current and len(strip_clitics(normalize(word))) < 3 and not word[0].isascii():
            pending.append(word)  # "بن", "أبو"-like links inside a name: kept only if the name goes on
        elif current:
            runs.append(" ".join(current))
            current, pending = [], []
    if current:
        runs.append(" ".join(current))
    return runs


def _quote(items: Iterable[str]) -> str:
    return ", ".join(f"«{i}»" for i in items)


def check_bullet(bullet: str, source: Source, *, dictionary: bool = True) -> dict[str, str]:
    """The content checks on one bullet: {check: what failed}, empty when it is faithful.

    The problem texts start where a location can be put in front of them,
    e.g. ": «45» not in the article" or " is 20% Arabic script; …".
    """
    ratio = arabic_ratio(bullet)
    if ratio < MIN_ARABIC:
        # numbers and names of a bullet in another language say nothing useful
        return {"arabic": f" is {ratio:.0%} Arabic script; write it in Arabic"}
    problems: dict[str, str] = {}
    found = quantities(bullet)
    years = [q for q in found if _is_year(q, bullet)]
    missing = [q.text for q in found if q not in years and _key(q.value) not in source.values]
    if missing:
        problems["numbers"] = f": {_quote(missing)} not in the article"
    dates = [q.text for q in years if _key(q.value) not in source.values]
    dates += [w for m, w in _months(bullet) if m not in source.months]
    dates += [w for d, w in _weekdays(bullet) if d not in source.weekdays]
    if dates:
        problems["dates"] = f": {_quote(dates)} not in the article"
    names = unsupported_names(bullet, source, dictionary=dictionary)
    if names:
        problems["names"] = f": {_quote(names)} not in the article"
    return problems


def check(
    bullets: Sequence[str],
    article: str,
    settings: Settings,
    requested: int,
    sources: Sequence[Sequence[str]] | None = None,
) -> tuple[GuardFinding, ...]:
    """Check ``bullets`` against the article text; one finding per check, failures say where.

    ``sources`` are the sentences each bullet was cut from, when it was cut
    by deletion (the extractive engine): the integrity check then judges the
    deletions too. Without them (a language model's paraphrase) it reads each
    bullet alone (see :mod:`khulasa.summarize.integrity`).
    """
    source = _indexed(article)
    names = ("count", "length", "arabic", "distinct", "numbers", "dates", "names", "integrity")
    problems: dict[str, list[str]] = {k: [] for k in names}
    body_sentences = max(1, len([s for s in re.split(r"(?<=[.!?؟])\s+|\n+", article) if word_count(s) >= 3]))
    low, high = max(1, min(requested, 2, body_sentences)), max(requested, 3)
    if not low <= len(bullets) <= high:
        problems["count"].append(f"{len(bullets)} bullets; expected {low}–{high}")
    stem_sets: list[set[str]] = []
    for n, bullet in enumerate(bullets, 1):
        where = f"bullet {n}"
        words = word_count(bullet)
        if not settings.bullet_min_words <= words <= settings.bullet_max_words:
            problems["length"].append(
                f"{where} has {words} words; keep each between {settings.bullet_min_words} and {settings.bullet_max_words}"
            )
        for name, problem in check_bullet(bullet, source, dictionary=settings.guard_dictionary).items():
            problems[name].append(f"{where}{problem}")
        stems = {stem_by_form(normalize(w)) for w in _ARABIC_WORD.findall(strip_diacritics(bullet))}
        stems = {s for s in stems if not is_common(s) and len(s) >= 3}
        for m, other in enumerate(stem_sets, 1):
            union = stems | other
            if union and len(stems & other) / len(union) >= ALIKE:
                problems["distinct"].append(f"bullets {m} and {n} say nearly the same thing")
        stem_sets.append(stems)
    for n, defects in enumerate(integrity.check_box(bullets, sources, article), 1):
        problems["integrity"].extend(f"bullet {n}: {d.kind}: {d.detail}" for d in defects)
    if not bullets:
        problems["count"].append("the answer held no bullets")
    return tuple(GuardFinding(k, not v, "; ".join(v)) for k, v in problems.items())


def passed(findings: Iterable[GuardFinding]) -> bool:
    """True when no finding failed."""
    return all(f.passed for f in findings)


def explain(findings: Iterable[GuardFinding]) -> str:
    """The failed checks in one line, e.g. "numbers: bullet 1: «45» not in the article"."""
    return "; ".join(f"{f.check}: {f.detail}" for f in findings if not f.passed)
