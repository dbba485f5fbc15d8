"""Find the agency credit that closes an Arabic news article.

Arabic news sites end many articles with a line naming their sources:
"(رويترز، العربي الجديد)", "المصدر: الجزيرة + وكالات", "وكالات", or a
bracketed credit after the last full stop: "... عام 2022. (أ ف ب)". It is
metadata, not a sentence of the story, so the splitter removes it and the
article keeps it as ``Article.credit``.

A line counts as a credit when it is short and is one of: wholly in
brackets; labelled (المصدر:، إعداد:، نقلا عن ...); or made only of known
agency names joined by ، + / و. Agency names are matched after
normalization, so hamza and taa marbuta spellings do not matter.
"""

from __future__ import annotations

import re

from khulasa.arabic.normalize import normalize
from khulasa.arabic.paragraphs import unify_newlines

MAX_CREDIT_WORDS = 10
"""A longer line is prose, whatever it starts with."""

_AGENCIES = [
    "وكالات",
    "وكالة الأنباء",
    "رويترز",
    "فرانس برس",
    "وكالة فرانس برس",
    "أ ف ب",
    "أ.ف.ب",
    "أسوشيتد برس",
    "أسوشيتيد برس",
    "أ ب",
    "د ب أ",
    "د.ب.أ",
    "الأناضول",
    "وكالة الأناضول",
    "سبوتنيك",
    "تاس",
    "شينخوا",
    "إفي",
    "يونهاب",
    "كيودو",
    "واس",
    "وام",
    "قنا",
    "كونا",
    "بترا",
    "سانا",
    "وفا",
    "معا",
    "ومض",
    "العربي الجديد",
    "الجزيرة",
    "الجزيرة نت",
    "الجزيرة مباشر",
    "الشرق الأوسط",
    "سكاي نيوز عربية",
    "بي بي سي",
    "بي بي سي عربي",
    "مواقع التواصل",
    "مواقع إلكترونية",
    "صحف",
    "reuters",
    "afp",
    "ap",
    "dpa",
    "anadolu",
    "xinhua",
    "bbc",
    "cnn",
]
_AGENCY = "|".join(sorted((re.escape(normalize(a)) for a in _AGENCIES), key=len, reverse=True))
_AGENCY_LINE = re.compile(rf"(?:{_AGENCY})(?:(?:\s*[،,+/&|\-]\s*|\s+)و?(?:{_AGENCY}))*\.?")
"""Only agency names, joined by ، + / - or و: "الجزيرة + وكالات", "رويترز ووكالات"."""

_LABELLED = re.compile(
    r"(?:المصدر|المصادر|مصدر الخبر|مصدر|source|sources|إعداد|اعداد|تحرير|ترجمة|ترجمة وتحرير|المصدر والترجمة)\s*[:：\-–]\s*(.+)"
    r"|(?:نقلا عن|نقلاً عن|بتصرف عن)\s*:?\s*(.+)",
    re.IGNORECASE,
)
_BRACKETED = re.compile(r"[(\[]\s*([^()\[\]]+?)\s*[)\]]\.?")
_TRAILING = re.compile(r"(?<=[.!?؟…»”\"'])[ \t]*[(\[]\s*([^()\[\]\n]+?)\s*[)\]][ \t]*$")
"""A bracketed credit after the last full stop, on the same line."""
_LEADING_DASH = re.compile(r"^[-–—•*]+\s*")
_STOPS_SENTENCE = re.compile(r"[!?؟]|\.\s")


def _short(text: str) -> bool:
    return 0 < len(text.split()) <= MAX_CREDIT_WORDS and not _STOPS_SENTENCE.search(text)


def credit_of_line(line: str) -> str | None:
    """The credit a closing line gives, without brackets or label; None if it is not one."""
    line = _LEADING_DASH.sub("", line.strip())
    bracketed = _BRACKETED.fullmatch(line)
    if bracketed and _short(bracketed.group(1)):
        return bracketed.group(1)
    labelled = _LABELLED.fullmatch(line)
    if labelled:
        named = (labelled.group(1) or labelled.group(2)).strip().rstrip(".").strip()
        return named if _short(named) else None
    if len(line.split()) <= MAX_CREDIT_WORDS and _AGENCY_LINE.fullmatch(normalize(line)):
        return line.rstrip(".").strip()
    return None


def strip_credit(text: str) -> tuple[str, str | None]:
    """The body without its closing credit, and the credit (None when there is none).

    Looks at up to three closing lines (a source line and a byline, say)
    and at a bracketed credit after the last full stop. The body keeps
    everything else exactly as given, with trailing whitespace removed; a
    single-line text is never taken for a credit. Several credits are
    joined with "، " in reading order. When a credit is found, the body's
    newlines are unified to "\n".
    """
    body = unify_newlines(text).rstrip()
    found: list[str] = []
    for _ in range(3):
        cut = body.rfind("\n")
        if cut < 0:
            break
        credit = credit_of_line(body[cut + 1 :])
        if credit is None:
            break
        found.append(credit)
        body = body[:cut].rstrip()
    trailing = _TRAILING.search(body)
    if trailing and not any(ch.isdigit() for ch in trailing.group(1)) and len(trailing.group(1).split()) <= 6:
        found.append(trailing.group(1))
        body = body[: trailing.start()].rstrip()
    if not found:
        return text, None
    return body, "، ".join(reversed(found))
