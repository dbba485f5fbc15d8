"""A feed entry as an Article: its body read as a page, and the full page fetched behind a teaser.

Both front ends that read feeds need this, `khulasa batch` over a feed and
the service's feed poller, so it lives in ingest, which they both use.
A feed often carries only the first lines of a story (a teaser) and a link;
the link's page is then fetched (with the same guards as any URL) and, when
it cannot be read, the teaser is summarized instead. Whatever the entry gives
(headline, date, link) wins over what extraction finds on the page.
"""

from __future__ import annotations

import re
from dataclasses import replace
from typing import TYPE_CHECKING

from khulasa.arabic.tokens import word_count
from khulasa.config import Settings
from khulasa.errors import InputError, KhulasaError
from khulasa.ingest.document import read_article, read_url
from khulasa.ingest.fetch import Resolver, system_resolver
from khulasa.model import Article

if TYPE_CHECKING:  # reading feeds needs feedparser; a batch over a folder never loads it
    from khulasa.ingest.feeds import FeedItem

TEASER_WORDS = 40
"""A feed item with fewer words than this is a teaser: its linked page is fetched for the full text."""

_TAG = re.compile(r"<[^>]+>")


def body_of(entry: FeedItem) -> bytes:
    """The entry's content as something :func:`~khulasa.ingest.document.read_article` reads: HTML wrapped as a page."""
    body = entry.content
    wrapped = f"<html><body><article>{body}</article></body></html>" if "<" in body else body
    return wrapped.encode("utf-8")


def is_teaser(entry: FeedItem) -> bool:
    """True when the entry links to a page and carries too few words to be the whole story."""
    return bool(entry.url) and word_count(_TAG.sub(" ", entry.content)) < TEASER_WORDS


def behind_teaser(teaser: bytes, url: str, settings: Settings, resolver: Resolver = system_resolver) -> Article:
    """The full article at ``url``, read like any URL; the ``teaser`` itself when the page cannot be read."""
    try:
        return read_url(url, settings, resolver=resolver)
    except KhulasaError as exc:
        try:
            return read_article(teaser, settings, url=url)
        except KhulasaError:
            raise InputError(f"the feed gives only a teaser and the article's page could not be read: {exc.message}") from None


def given(article: Article, *, title: str | None, published: str | None, url: str | None) -> Article:
    """``article`` with the headline and date its input gave winning over extracted ones, and its URL if it had none."""
    return replace(article, title=title or article.title, published=published or article.published, url=article.url or url)


def feed_article(entry: FeedItem, settings: Settings, resolver: Resolver = system_resolver) -> Article:
    """The article a feed entry stands for: its own body, or the page behind it when it is a teaser."""
    body = body_of(entry)
    if is_teaser(entry) and entry.url:
        article = behind_teaser(body, entry.url, settings, resolver)
    else:
        article = read_article(body, settings, url=entry.url)
    return given(article, title=entry.title, published=entry.published, url=entry.url)
