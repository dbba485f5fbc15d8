"""Find the agency credit that closes an Arabic news article.

Arabic news sites end many articles with a line naming their sources:
"(رويترز، العربي الجديد)", "المصدر: الجزيرة + وكالات", "وكالات", a
byline ("سمير العلوي (طنجة)", "ب . ع"), or the same written after the last
full stop when the text has lost its line breaks: "... عام 2022. (أ ف ب)".
It is metadata, not a sentence of the story, so the splitter removes it
and the article keeps it as ``Article.credit``.

A line counts as a credit when it is short and is one of: wholly in
brackets; labelled (المصدر:، إعداد:، نقلا عن ...); a reporter's initials or
name and city; or made only of known agency names joined by ، + / و.
Agency names are matched after normalization, so hamza and taa marbuta
spellings do not matter.
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
    "أ ش أ",
    "أ.ش.أ",
    "و م ع",
    "و.م.ع",
    "واج",
    "وات",
    "سبأ",
    "بنا",
    "العمانية",
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
_INITIALS = re.compile(r"(?:[^\W\d_]\s?\.\s?){1,3}[^\W\d_]\.?")
"""A reporter's initials as signature: "ب . ع", "م.ع."."""
_NAME_AND_PLACE = re.compile(r"[^\W\d_]+(?: [^\W\d_]+){1,3} ?\([^\W\d_]+(?: [^\W\d_]+)?\)")
"""A byline with the reporter's city: "سمير العلوي (طنجة)"."""
_SENTENCE_END = re.compile(r"[.!?؟…]+[\"'»”’)\]]*(?=\s|[^\W\d_])")
_LEADING_DASH = re.compile(r"^[-–—•*]+\s*")
_STOPS_SENTENCE = re.compile(r"[!?؟]|\.\s")
_TAIL_WINDOW = 120
"""How far back from the end a credit written on the last sentence's line may start, in characters."""


def _short(text: str) -> bool:
    return 0 < len(text.split()) <= MAX_CREDIT_WORDS and not _STOPS_SENTENCE.search(text)


def credit_of_line(line: str, inline: bool = False) -> str | None:
    """The credit a closing line gives, without brackets or label; None if it is not one.

    ``inline`` is for words that follow the last sentence on its own line,
    where a bracket must hold a short name without figures ("(رويترز)",
    not "(2024)").
    """
    line = _LEADING_DASH.sub("", line.strip())
    bracketed = _BRACKETED.fullmatch(line)
    if bracketed:
        named = bracketed.group(1)
        if inline and (len(named.split()) > 6 or any(char.isdigit() for char in named)):
            return None
        return named if _short(named) else None
    labelled = _LABELLED.fullmatch(line)
    if labelled:
        named = (labelled.group(1) or labelled.group(2)).strip().rstrip(".").strip()
        return named if _short(named) else None
    if _INITIALS.fullmatch(line) or _NAME_AND_PLACE.fullmatch(line):
        return line
    if len(line.split()) <= MAX_CREDIT_WORDS and _AGENCY_LINE.fullmatch(normalize(line)):
        return line.rstrip(".").strip()
    return None


def _credit_after_last_sentence(body: str) -> tuple[int, str] | None:
    """A credit written on the same line after the last sentence: where that sentence ends, and the credit.

    Of the last few sentence ends, the earliest after which the rest still
    reads as a credit wins, so "... للمقتني. ب . ع" gives "ب . ع", not "ع".
    """
    start = max(body.rfind("\n") + 1, len(body) - _TAIL_WINDOW)
    ends = [match.end() for match in _SENTENCE_END.finditer(body, start)]
    found: tuple[int, str] | None = None
    for end in reversed(ends[-4:]):
        credit = credit_of_line(body[end:], inline=True)
        if credit is not None:
            found = (end, credit)
    return found


def strip_credit(text: str) -> tuple[str, str | None]:
    """The body without its closing credit, and the credit (None when there is none).

    Looks at up to three closing credits, each a line of its own (a source
    line and a byline, say) or written after the last full stop on the
    same line. The body keeps everything else exactly as given, with
    trailing whitespace removed; a text that is nothing but a credit keeps
    it. Several credits are joined with "، " in reading order. When a
    credit is found, the body's newlines are unified to "\n".
    """
    body = unify_newlines(text).rstrip()
    found: list[str] = []
    for _ in range(3):
        cut = body.rfind("\n")
        credit = credit_of_line(body[cut + 1 :]) if cut >= 0 else None
        if credit is not None:
            found.append(credit)
            body = body[:cut].rstrip()
            continue
        after = _credit_after_last_sentence(body)
        if after is None:
            break
        found.append(after[1])
        body = body[: after[0]].rstrip()
    if not found:
        return text, None
    return body, "، ".join(reversed(found))
