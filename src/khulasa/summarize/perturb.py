"""Defects made on purpose, to measure the integrity check (:mod:`khulasa.summarize.integrity`).

Each perturbation takes a bullet that passed the check and its source
sentences, and returns a broken bullet with the sources it would then have
been cut from, or None when it does not apply to that bullet (no quotation
to unbalance, no «أنّ» to cut after). The share of broken bullets the check
flags is its recall for that defect; ``bench/integrity.py`` and the tests
report it. The breaks are the ones compression by deletion makes: a
closing mark lost, a noun deleted under its adjective, a cut right after a
preposition or after «أنّ» and its subject, a speaker deleted before what
he goes on to say.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from typing import TypeVar

from khulasa.arabic.normalize import normalize

Broken = tuple[str, list[str]] | None
T = TypeVar("T")


def _body(bullet: str) -> str:
    return bullet.rstrip().removesuffix(".")


def _pick(bullet: str, options: Sequence[T]) -> T:
    """One of ``options``, chosen by the bullet so runs are repeatable and spread over the options."""
    return options[sum(map(ord, bullet)) % len(options)]


def unbalanced(bullet: str, sources: list[str]) -> Broken:
    """The closing mark of a quotation lost, or an opening mark left in front of a word."""
    for opener, closer in (("«", "»"), ("“", "”"), ("(", ")")):
        i = bullet.rfind(closer)
        if i > 0 and opener in bullet[:i]:
            return bullet[:i] + bullet[i + 1 :], sources
    words = bullet.split()
    if len(words) < 4:
        return None
    words[2] = _pick(bullet, ("«", '"', "(")) + words[2]
    return " ".join(words), sources


def dateline(bullet: str, sources: list[str]) -> Broken:
    """A wire story's dateline or agency tag kept in front of the sentence."""
    label = _pick(bullet, ("القاهرة - ", "دمشق، سوريا (CNN) ", "الرباط (رويترز) ", "عمان – ", "السودان اليوم : "))
    return label + bullet, [label + s for s in sources[:1]] + sources[1:]


def dangling_opening(bullet: str, sources: list[str]) -> Broken:
    """A link to the sentence before left at the start."""
    link = _pick(bullet, ("في حين ", "إلا أن ", "كما ", "بل ", "أما ", "وذلك ", "فيما "))
    return link + bullet, [link + s for s in sources[:1]] + sources[1:]


PREPOSITIONS = frozenset(normalize(w) for w in ("في", "من", "إلى", "على", "عن", "مع", "خلال"))


def cut_phrase(bullet: str, sources: list[str]) -> Broken:
    """The bullet cut right after a preposition, its noun gone."""
    words = _body(bullet).split()
    at = [i for i, w in enumerate(words) if normalize(w) in PREPOSITIONS and 3 <= i < len(words) - 1]
    if not at:
        return None
    return " ".join(words[: at[-1] + 1]) + ".", sources


def accusative_subject(bullet: str, sources: list[str]) -> Broken:
    """A plural subject after «إنّ/أنّ», the particle deleted and the case left."""
    subject = _pick(bullet, ("المسؤولين", "المتظاهرين", "مقاتلين من اللواء", "الخبراء الاقتصاديين", "عنصري الأمن"))
    speaker = _pick(bullet[::-1], ("قال مصدر أمني إن ", "أكدت الوزارة أن ", "ذكرت الوكالة أن "))
    return f"{subject} {bullet}", [f"{speaker}{subject} {sources[0]}", *sources[1:]]


def no_predicate(bullet: str, sources: list[str]) -> Broken:
    """The bullet cut after «أنّ» and its subject: the predicate lost."""
    words = _body(bullet).split()
    at = [i for i, w in enumerate(words) if normalize(w) in {"ان", "بان"} and i + 2 < len(words)]
    if not at:
        return None
    return " ".join(words[: at[0] + 2]) + ".", sources


ADJECTIVES = frozenset(normalize(w) for w in ("المقبل", "المقبلة", "الماضي", "الماضية", "الجاري", "الحالي", "الأخير", "الأخيرة"))


def stranded(bullet: str, sources: list[str]) -> Broken:
    """The noun of an adjective deleted ("من الأسبوع المقبل" → "من المقبل"), or the word a preposition governs."""
    words = _body(bullet).split()
    for i in range(1, len(words)):
        if normalize(words[i].strip("،,.")) in ADJECTIVES:
            return " ".join(words[: i - 1] + words[i:]) + ".", sources
    at = [i for i, w in enumerate(words) if normalize(w) in PREPOSITIONS and 2 <= i < len(words) - 2 and "،" not in words[i + 1]]
    if not at:
        return None
    i = at[0]
    return " ".join(words[: i + 1] + words[i + 2 :]) + ".", sources


def list_cut(bullet: str, sources: list[str]) -> Broken:
    """A list announced as two items, cut after the first."""
    noun, first, second = _pick(
        bullet,
        (
            ("برنامجين", "برنامج الإسكان", "وبرنامج المنح الدراسية"),
            ("مشروعين", "مشروع الطريق الساحلي", "ومشروع محطة التحلية"),
            ("اتفاقيتين", "اتفاقية للنقل البحري", "واتفاقية للتعاون الجمركي"),
        ),
    )
    tail = f"، وأعلنت الحكومة {noun} هما {first}"
    return _body(bullet) + tail + ".", [_body(sources[0]) + tail + f" {second}.", *sources[1:]]


def first_person(bullet: str, sources: list[str]) -> Broken:
    """A speaker's first person left outside quotation marks."""
    swapped = re.sub(r"\b(بلاده|حكومته|شعبه)\b", lambda m: m.group(1)[:-1] + "نا", bullet)
    if swapped != bullet:
        return swapped, sources
    lead = _pick(bullet, ("أقول إن ", "نحن نرى أن ", "إننا نؤكد أن ", "كنت أعتقد أن "))
    return lead + bullet, [lead + s for s in sources[:1]] + sources[1:]


def question(bullet: str, sources: list[str]) -> Broken:
    """A question in the article turned into a statement: its mark gone, a full stop in its place."""
    last = sources[-1].rstrip()
    if not last.endswith(".") or _body(bullet).split()[-1:] != last[:-1].split()[-1:]:
        return None  # only a bullet that ends where its source ends can have flattened the source's question
    return bullet, [*sources[:-1], last[:-1] + "؟"]


def no_main_clause(bullet: str, sources: list[str]) -> Broken:
    """Only a frame kept: "بانتظار …" without the clause it belongs to."""
    words = [w for w in _body(bullet).split() if w.startswith("ال") and w.isalpha()]
    if len(words) < 3:
        return None  # a frame and the noun phrase it governs: "بانتظار نتائج التحقيق"
    frame = _pick(bullet, ("بانتظار", "وسط", "في ظل", "بهدف"))
    text = f"{frame} {' '.join(words[:4])}"
    return text + ".", [text + "، " + sources[0], *sources[1:]]


def attribution(bullet: str, sources: list[str]) -> Broken:
    """The speaker deleted, his next remark kept: "…، مشيرا إلى أن …"."""
    tail = _pick(bullet, ("، مشيرا إلى أن الخطة تنفذ على مراحل", "، مؤكدا أن الحكومة ماضية في تنفيذها", "، وأضاف أن العمل بدأ"))
    speaker = _pick(bullet[::-1], ("وقال المتحدث باسم الوزارة إن ", "وأوضح المدير العام للشركة أن ", "وذكر البيان أن "))
    return _body(bullet) + tail + ".", [speaker + _body(sources[0]) + tail + ".", *sources[1:]]


def heading(bullet: str, sources: list[str]) -> Broken:
    """A sub-heading of the page run into the sentence, or a list's marker kept: "الخطة:- – …", "… < …"."""
    words = _body(bullet).split()
    if len(words) < 6:
        return None
    mark = _pick(bullet, (":- –", ": -", " <", " *"))
    text = " ".join(words[:3]) + mark + " " + " ".join(words[3:]) + "."
    return text, [text, *sources[1:]]


def negation(bullet: str, sources: list[str]) -> Broken:
    """A negation deleted with the words around it: "قال إنه [لا يتوقع] أن تعقد …" → "قال أن تعقد …"."""
    words = bullet.split()
    if len(words) < 4 or not sources or f" {words[2]} " not in f" {sources[0]} ":
        return None
    particle = _pick(bullet, ("لا", "لم", "لن", "ليس"))
    source = f" {sources[0]} ".replace(f" {words[2]} ", f" {particle} {words[2]} ", 1).strip()
    return bullet, [source, *sources[1:]]


PERTURBATIONS: dict[str, Callable[[str, list[str]], Broken]] = {
    "unbalanced": unbalanced,
    "dateline": dateline,
    "dangling_opening": dangling_opening,
    "cut_phrase": cut_phrase,
    "accusative_subject": accusative_subject,
    "no_predicate": no_predicate,
    "stranded": stranded,
    "list_cut": list_cut,
    "first_person": first_person,
    "question": question,
    "no_main_clause": no_main_clause,
    "attribution": attribution,
    "heading": heading,
    "negation": negation,
}
"""Each defect kind of the check, made on purpose."""
