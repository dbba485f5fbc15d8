"""Remove page furniture from an extracted body, keeping the story's own lines.

Extractors keep what looks like prose, and on Arabic news sites that
includes a first line repeating the headline, "اقرأ أيضا" link blocks,
photo captions, share buttons and tag lists. Each rule here removes one
such kind of line and nothing that reads like a paragraph of the story.
"""

from __future__ import annotations

import re

from khulasa.arabic.normalize import normalize
from khulasa.arabic.sentences import strip_credit
from khulasa.arabic.tokens import word_count

_READ_ALSO = re.compile(
    r"^\s*(?:[-•*]\s*)?(?:ا|إ)?قرأ\s+(?:أ|ا)يض(?:ا|ًا|اً)|^\s*(?:ا|إ)?قرأ\s+(?:المزيد|كذلك)|^\s*(?:طالع|شاهد)\s+(?:أ|ا)يض"
    r"|^\s*(?:مواضيع|أخبار|اخبار|مقالات)\s+(?:ذات\s+صلة|متعلقة|مشابهة)|^\s*ذات\s+صلة\s*:?\s*$"
)
_TAGS = re.compile(r"^\s*(?:الكلمات\s+(?:الدالة|المفتاحية)|كلمات\s+(?:دالة|مفتاحية)|الوسوم|وسوم|tags)\s*:?", re.I)
_SHARE = re.compile(
    r"^\s*(?:شارك(?:\s+(?:على|عبر|الخبر|المقال))?|مشاركة|طباعة|share|print|تابعونا|تابعنا)\b[^.!؟?]{0,60}$", re.I
)
_CAPTION = re.compile(
    r"^\s*[(\[]?\s*(?:صورة(?:\s+(?:أرشيفية|ارشيفية|تعبيرية|من\s+الأرشيف))?|الصورة|photo|getty)\s*[)\]]?\s*[:：-]?"
    r"[^.!؟?]{0,80}$",
    re.I,
)
_SITE_NOTICE = re.compile(
    r"التعليقات|تعليقات\s+القراء|شروط\s+(?:ال)?استخدام|سياسة\s+الخصوصية|لا\s+تعبر\s+عن\s+رأي|جميع\s+الحقوق\s+محفوظة"
    r"|الآراء\s+الواردة|سجل\s+الدخول|اشترك\s+في\s+(?:ال)?نشرة"
)
"""Notices a site prints under every article (comment policy, copyright), never part of the story."""
_SENTENCE_END = re.compile(r"[.!؟?…»\"”)]\s*$")


def clean_body(body: str, title: str | None) -> tuple[str, str | None]:
    """The body without furniture lines, and the agency credit line if there was one."""
    lines = [" ".join(line.split()) for line in body.replace("\r\n", "\n").split("\n")]
    lines = [line for line in lines if line]
    if title and lines and _repeats(lines[0], title):
        lines = lines[1:]
    kept: list[str] = []
    skipping_links = False
    for line in lines:
        if _READ_ALSO.search(line):
            skipping_links = True  # the block's links follow: short lines without a full stop
            continue
        if skipping_links and word_count(line) <= 20 and not _SENTENCE_END.search(line):
            continue
        skipping_links = False
        if _TAGS.search(line) or _SHARE.search(line) or _CAPTION.search(line):
            continue
        kept.append(line)
    while kept and _SITE_NOTICE.search(kept[-1]):
        kept.pop()
    text, credit = strip_credit("\n".join(kept))
    return text.strip(), credit


def _repeats(line: str, title: str) -> bool:
    """True when ``line`` is the headline again (allowing small edits and a trailing stop)."""
    a, b = normalize(line).strip(" .:،"), normalize(title).strip(" .:،")
    return a == b or (len(a) > 10 and (a in b or b in a) and abs(len(a) - len(b)) <= 12)
