"""Read a document from bytes: decode, detect HTML, extract, validate.

This is what ``khulasa summarize FILE`` and the API's text/HTML bodies go
through. It never touches the network: HTML is parsed from the bytes given.
"""

from __future__ import annotations

import re

from khulasa.arabic.normalize import arabic_ratio
from khulasa.arabic.tokens import word_count
from khulasa.config import Settings
from khulasa.errors import BinaryInput, EmptyInput, InputTooLarge, NoArticleFound, NotArabic
from khulasa.model import Article

_HTML_HINT = re.compile(rb"<\s*(!doctype\s+html|html|body|article|p|div|head|meta)[\s>/]", re.I)
MIN_HTML_WORDS = 8
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def decode(data: bytes) -> str:
    """Bytes to text: UTF-8 (with or without BOM), then UTF-16 by BOM, then CP1256.

    Refuses data that looks binary (NUL bytes or many control characters),
    since guessing an encoding for it would only produce noise.
    """
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError:
            pass
    if b"\x00" in data[:8192]:
        raise BinaryInput("the input is a binary file, not text or HTML; give an article as UTF-8 text or an HTML page.")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        try:
            text = data.decode("cp1256")  # Windows Arabic, still common in old archives
        except UnicodeDecodeError:
            raise BinaryInput("the input is neither UTF-8 nor Windows-1256 text; save it as UTF-8 and try again.") from None
    sample = text[:8192]
    if sample and len(_CONTROL.findall(sample)) > len(sample) * 0.05:
        raise BinaryInput("the input is a binary file, not text or HTML; give an article as UTF-8 text or an HTML page.")
    return text


def looks_like_html(data: bytes) -> bool:
    """True when the start of ``data`` has HTML tags."""
    return bool(_HTML_HINT.search(data[:4096]))


def article_from_html(html: str, url: str | None = None) -> Article:
    """Extract the article body and metadata from an HTML page with trafilatura."""
    import trafilatura

    doc = trafilatura.bare_extraction(
        html, url=url, with_metadata=True, include_comments=False, include_tables=False
    )
    body = (getattr(doc, "text", None) or "").strip() if doc is not None else ""
    if word_count(body) < MIN_HTML_WORDS:  # menus and footers only: no article on this page
        raise NoArticleFound("no article text was found in the HTML page; give the article's own page or its text.")
    return Article(
        text=body,
        title=getattr(doc, "title", None) or None,
        published=getattr(doc, "date", None) or None,
        url=getattr(doc, "url", None) or url,
        author=getattr(doc, "author", None) or None,
    )


def read_article(data: bytes, settings: Settings, *, url: str | None = None) -> Article:
    """Bytes of a text file or HTML page → a validated :class:`Article`.

    Raises an :class:`~khulasa.errors.InputError` subclass whose message says
    what was wrong: empty, too large, binary, not Arabic, or no article found.
    """
    if len(data) > settings.max_input_bytes:
        raise InputTooLarge(
            f"the input is {len(data) / 1e6:.1f} MB, over the {settings.max_input_bytes / 1e6:.1f} MB limit; "
            "give one article at a time (or raise KHULASA_MAX_INPUT_BYTES)."
        )
    if not data.strip():
        raise EmptyInput("the input is empty; give the text of an Arabic news article.")
    text = decode(data)
    article = article_from_html(text, url) if looks_like_html(data) else Article(text=text)
    return validate(article, settings)


def validate(article: Article, settings: Settings) -> Article:
    """Check that an article has Arabic text to summarize; return it unchanged."""
    if not article.text.strip():
        raise EmptyInput("the input is empty; give the text of an Arabic news article.")
    if arabic_ratio(article.text) < settings.min_arabic_ratio:
        raise NotArabic("the text is not Arabic; Khulasa summarizes articles written in Arabic.")
    return article
