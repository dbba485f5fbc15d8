"""Remove page furniture from an extracted body, keeping the story's own lines.

Extractors keep what looks like prose, and on Arabic news sites that
includes a first line repeating the headline, "اقرأ أيضا" link blocks,
photo captions, share buttons, tag lists and a "تم نشره …" time stamp. Each
rule here removes one such kind of line and nothing that reads like a
paragraph of the story.

The body's opening words often carry a dateline and agency tag before the
first sentence ("الدوحة - (اف ب) -", "دمشق، سوريا (CNN) --", "الرأي-",
"القاهرة – «الشرق الأوسط»:"). They say where and from whom, not what
happened, so :func:`split_dateline` takes them off the body and the
article keeps them as ``Article.dateline``.
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
_SHARE = re.compile(r"^\s*(?:شارك(?:\s+(?:على|عبر|الخبر|المقال))?|مشاركة|طباعة|share|print|تابعونا|تابعنا)\b[^.!؟?]{0,60}$", re.I)
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
_STAMP = re.compile(
    r"^\s*(?:تم\s+(?:نشره|النشر)|نشر\s+(?:في|بتاريخ)|تاريخ\s+النشر|آخر\s+تحديث|اخر\s+تحديث|تم\s+التحديث|محدث)\b[^.!؟?]{0,80}$"
)
"""A publication time stamp printed above the body ("تم نشره الجمعة 24 نيسان / أبريل 2020 09:22 مساءً")."""

_WORD = r"[^\W\d_][^\s()«»:،,\-–—]*"
_PLACE = rf"{_WORD}(?:\s*[،,]?\s+{_WORD}){{0,2}}"
"""A dateline's place: one to three words, a comma allowed between city and country ("دمشق، سوريا")."""
_TAG = r"\([^()\n]{1,30}\)|«[^«»\n]{1,30}»|\"[^\"\n]{1,30}\"|/[^/\n]{1,30}/"
"""An agency or newspaper in brackets or quotation marks: "(اف ب)", "(CNN)", "«الشرق الأوسط»"."""
_DASH = r"\s*(?::-|[-–—]{1,2}|:)\s*"
_DATE = r"(?:\s+(?:في\s+)?\d{1,2}\s+[^\W\d_]+(?:\s+(?:الأول|الثاني|الاول|الثانى))?(?:\s+\d{4})?)?"
"""A date between a dateline's place and its agency: "عمّان 12 تشرين الأول (بترا) -", "الحمراء في 14 نوفمبر /العُمانية/"."""
_DATELINE = re.compile(
    rf"^\s*(?:(?:{_PLACE}){_DATE}\s*(?:[-–—]{{1,2}}|[،,])?\s*(?:{_TAG}){_DASH}"  # "الدوحة - (اف ب) -", "دمشق، سوريا (CNN) --"
    rf"|(?:{_PLACE}){_DATE}\s*/[^/\n]{{1,30}}/\s+"  # "الحمراء في 14 نوفمبر /العُمانية/ دشن …": slashes close the tag
    rf"|(?:{_PLACE})\s*[-–—]{{1,2}}\s*(?:{_WORD})\s*[-–—]{{1,2}}\s+"  # "عمان - بترا - "
    rf"|(?:{_TAG}){_DASH}"  # "(CNN) --"
    rf"|(?:{_PLACE})\s*(?::-|[-–—]{{1,2}})\s*)"  # "الرأي-", "المدينة نيوز :-", "غزة - "
)
_SECOND_TAG = re.compile(rf"\s*(?:{_TAG})\s*(?::-|[-–—]{{1,2}}|:)\s*")
"""An agency after the place's own brackets and dash: "زليتن (ليبيا) - «المرصد الليبي»:"."""
DATELINE_WORDS = 6
"""A longer opening before a dash is a clause of the story, not a dateline."""
_NAME = r"(?:[^\W\d_][^\s:：،,]*\.?\s+){0,3}[^\W\d_][^\s:：،,]*"
_BYLINE = re.compile(
    rf"^\s*(?:{_PLACE}\s*[-–—]{{1,2}}\s*)?"  # "القاهرة - كتبت - منى الصاوي:": the place may come first
    r"(?:كتب|كتبت|بقلم|إعداد|اعداد|متابعة|تقرير|حاوره|حاورها|حاورته|حاورهم)\s*(?:[-–—]{1,2}|[:：])\s*"
    rf"{_NAME}(?:\s+و{_NAME})?\s*(?:[:：]\s*\n?|\n)"  # "كتب - محمود الشناوي وأحمد عبد الستار:": two reporters
)
"""A byline before the body, on its own line or ending in a colon: "كتب - فهد المطيري:", "بقلم: سلمى بن يوسف",
"حاورها - أنيس القلعي:". Only after a dash or a colon: "كتب الوزير في تغريدة …" is the story's verb."""


def clean_body(body: str, title: str | None) -> tuple[str, str | None]:
    """The body without furniture lines, and the agency credit line if there was one."""
    lines = [" ".join(line.split()) for line in body.replace("\r\n", "\n").split("\n")]
    lines = [line for line in lines if line]
    if title and lines and _repeats(lines[0], title):
        lines = lines[1:]
    kept: list[str] = []
    skipping_links = False
    while lines and _STAMP.search(lines[0]):
        lines = lines[1:]
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


HEADING_LINES = 3
"""Most lines of dateline and byline above a body ("المدينة - «وكالة»", then "كتب: …")."""
DATELINE_LINE_WORDS = 8
"""Most words a dateline or byline on a line of its own has ("سيئون (حضرموت) - خاص", "المنامة - حاورتها: نور الهدى إبراهيم")."""


def _heading_line(line: str) -> bool:
    """Whether the body's first line is its dateline or byline alone: short, cut by a dash or a colon, no sentence.

    A lede is longer and ends on a full stop; a subheading has no dash or
    colon. "الكويت - «الخليج اليوم»", "تبسة: مراد بوشارب", "بغداد -".
    """
    line = line.strip()
    if not line or word_count(line) > DATELINE_LINE_WORDS or line.rstrip("»\"”)")[-1:] in (".", "!", "؟", "?"):
        return False
    return bool(re.match(r"[^\W\d_]", line)) and bool(re.search(r"\s[-–—]|[-–—]\s|[-–—]$|[:：]", line))


PLACE_LINE_WORDS = 3
"""Most words of a place on a line of its own above a byline ("إربد"، "سيدي بوزيد")."""


def _place_line(line: str) -> bool:
    """Whether a line is only a place: a few words of letters, no mark. Only above a byline does it count as one."""
    words = line.split()
    return 0 < len(words) <= PLACE_LINE_WORDS and all(re.fullmatch(r"[^\W\d_]+", w) for w in words)


def _bracketed_place(line: str) -> bool:
    """Whether a line is a place with its country or province in brackets ("ناغويا (اليابان)"، "قرقنة (صفاقس)").

    A subheading never reads so: alone on the body's first line it is the dateline, with no dash or colon after it.
    """
    match = re.fullmatch(r"\s*([^\W\d_]+(?:\s+[^\W\d_]+){0,2})\s*\(([^\W\d_]+(?:\s+[^\W\d_]+){0,2})\)\s*", line)
    return match is not None


def _tag(text: str) -> str:
    """A dateline or byline as metadata: one space between words, no dash, colon or comma at its ends."""
    return " ".join(text.split()).strip(" -–—:،,")


def split_dateline(text: str) -> tuple[str, str | None]:
    """The body without the dateline and agency tag that open it, and that tag ("الدوحة - (اف ب)"), if any.

    A reporter's byline before it ("كتب - فهد المطيري:") goes the same way.
    Only the body's first words are looked at, and only a short tag closed
    by a dash or a colon after brackets counts: "غزة - قتل …" loses "غزة -",
    while "قال الوزير: …" and "أكد أن الحل - كما قال - …" stay whole. The
    rest must still be a sentence of some length, or there was no tag.
    """
    lines = text.lstrip().split("\n")
    heads = 0  # "الزاوية (ليبيا) - «وكالة الساحل للأنباء»", "الدمام - خاص", then "كتب: رامي الحاج", each on its own line
    if len(lines) > 2 and _place_line(lines[0]) and (_heading_line(lines[1]) or _BYLINE.match(lines[1] + "\n")):
        heads = 1  # "إربد" alone, then "كتب - عمر الخصاونة:": the place has no mark of its own
    elif len(lines) > 1 and _bracketed_place(lines[0]):
        heads = 1  # "ناغويا (اليابان)" alone, then the lede
    while heads < min(HEADING_LINES, len(lines) - 1) and _heading_line(lines[heads]):
        heads += 1
    if heads and word_count(lines[heads]) >= 5:
        body, inner = split_dateline("\n".join(lines[heads:]))  # the place and agency, when the byline came first
        return body, inner or _tag(lines[0]) or None
    byline = _BYLINE.match(text)
    if byline and word_count(text[byline.end() :].split("\n", 1)[0]) >= 5:
        rest, dateline = split_dateline(text[byline.end() :])  # a dateline may follow: "كتب - …:\nالكويت - …"
        return rest, dateline or _tag(byline.group(0))
    match = _DATELINE.match(text)
    if not match:
        return text, None
    tag = match.group(0)
    rest = text[match.end() :]
    second = _SECOND_TAG.match(rest)  # "زليتن (ليبيا) - «المرصد الليبي»: صادق …": the place, then the agency
    if second:
        tag, rest = tag + second.group(0), rest[second.end() :]
    first_line = rest.split("\n", 1)[0]
    if word_count(tag) > DATELINE_WORDS or word_count(first_line) < 5 or not re.match(r"[^\W\d_]|[«\"“]", rest):
        return text, None
    if tag.rstrip()[-1] in "-–—" and re.search(r"\s[-–—]{1,2}\s", " ".join(first_line.split()[:10])):
        return text, None  # "وزارة الصحة - في بيان اليوم - أعلنت": a remark between dashes, not a tag
    dateline = _tag(tag)
    return rest, dateline or None
