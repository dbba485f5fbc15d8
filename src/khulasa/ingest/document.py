"""Read a document from bytes: decode (:mod:`khulasa.ingest.decoding`), detect HTML, extract, validate.

This is what ``khulasa summarize FILE`` and the API's text/HTML bodies go
through. It never touches the network: HTML is parsed from the bytes given.
"""

from __future__ import annotations

import re
from dataclasses import replace
from typing import TYPE_CHECKING

from khulasa.arabic.normalize import arabic_ratio
from khulasa.config import Settings
from khulasa.errors import EmptyInput, InputTooLarge, NotArabic
from khulasa.ingest.decoding import declared_charset, decode
from khulasa.model import Article

if TYPE_CHECKING:
    from khulasa.ingest.fetch import Fetched, Resolver

_HTML_HINT = re.compile(rb"<\s*(!doctype\s+html|html|body|article|p|div|head|meta)[\s>/]", re.I)


def looks_like_html(data: bytes) -> bool:
    """True when the start of ``data`` has HTML tags."""
    return bool(_HTML_HINT.search(data[:4096]))


def article_from_html(html: str, url: str | None = None) -> Article:
    """The article in an HTML page (see :mod:`khulasa.ingest.extract`)."""
    from khulasa.ingest.extract import extract

    return extract(html, url)


def article_from_text(text: str, url: str | None = None) -> Article:
    """A plain-text article; its closing agency credit and opening dateline, if any, are recorded as metadata.

    The credit stays in the text (the sentence splitter never reads it as a
    sentence); the dateline ("الدوحة - (اف ب) -") is taken off, since it
    would open the first sentence, and so the first bullet.
    """
    from khulasa.arabic.sentences import strip_credit

    _body, credit = strip_credit(text)
    return without_dateline(Article(text=text, url=url, credit=credit))


def without_dateline(article: Article) -> Article:
    """The article with its opening dateline and agency tag ("الكويت – (كونا) --") taken off the text, as metadata.

    Once taken off (``dateline`` set), the text is not read for a second tag.
    """
    if article.dateline is not None:
        return article
    from khulasa.ingest.clean import split_dateline

    body, dateline = split_dateline(article.text.lstrip())
    return replace(article, text=body, dateline=dateline) if dateline else article


def read_article(data: bytes, settings: Settings, *, url: str | None = None) -> Article:
    """Bytes of a text file or HTML page → a validated :class:`Article`.

    Raises an :class:`~khulasa.errors.InputError` subclass whose message says
    what was wrong: empty, too large, binary, not Arabic, or no article found.
    """
    if len(data) > settings.max_input_bytes:
        # no size in the message: callers stop reading one byte past the limit, so len(data) is not the file's size
        raise InputTooLarge(
            f"the input is larger than the {settings.max_input_bytes / 1e6:.1f} MB limit; "
            "give one article at a time (or raise KHULASA_MAX_INPUT_BYTES)."
        )
    if not data.strip():
        raise EmptyInput("the input is empty; give the text of an Arabic news article.")
    html = looks_like_html(data)
    decoded = decode(data, declared_charset(data=data) if html else None)
    article = article_from_html(decoded.text, url) if html else article_from_text(decoded.text, url)
    return validate(replace(article, warning=decoded.warning), settings)


def validate(article: Article, settings: Settings) -> Article:
    """Check that an article has Arabic text to summarize; return it unchanged."""
    if not article.text.strip():
        raise EmptyInput("the input is empty; give the text of an Arabic news article.")
    if arabic_ratio(article.text) < settings.min_arabic_ratio:
        raise NotArabic("the text is not Arabic; Khulasa summarizes articles written in Arabic.")
    return article


def read_url(url: str, settings: Settings, *, resolver: Resolver | None = None) -> Article:
    """Fetch ``url`` under the SSRF guard and limits, then read the page: the one way a URL becomes an article.

    The command line, the API's ``url`` bodies and a batch's feed teasers all
    come here. The page is held to the fetch limits (KHULASA_FETCH_MAX_BYTES),
    not to the input limit, which is for what a user sends.
    """
    from khulasa.ingest.fetch import fetch, system_resolver

    return read_page(fetch(url, settings, resolver=resolver or system_resolver), settings)


def read_page(page: Fetched, settings: Settings) -> Article:
    """A fetched page → a validated :class:`Article`: HTML when its media type or its tags say so, else text."""
    if page.content_type in {"text/html", "application/xhtml+xml"} or looks_like_html(page.text[:4096].encode("utf-8")):
        article = article_from_html(page.text, page.url)
    else:
        article = article_from_text(page.text, page.url)
    return validate(replace(article, warning=page.warning), settings)


def is_url(source: str) -> bool:
    """True when a command-line argument is an http(s) URL rather than a file name."""
    return source.startswith(("http://", "https://"))
