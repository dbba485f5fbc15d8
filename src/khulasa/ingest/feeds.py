"""Items of a newsroom's feed: RSS, Atom, or the WordPress REST API.

A feed is fetched through :mod:`khulasa.ingest.fetch` (so the same address
guard, size and time limits hold) and parsed here without touching the
network again. RSS and Atom go through feedparser; a WordPress site's
``/wp-json/wp/v2/posts`` answer is JSON. Either way the result is a list of
:class:`FeedItem`, keyed by the feed's GUID or the post id.

Feeds repeat themselves: the same story appears twice, or comes back with a
new GUID after an edit in the CMS. Items are therefore de-duplicated by their
link and by a hash of their content, not by GUID alone, so nothing is
summarized twice.
"""

from __future__ import annotations

import calendar
import hashlib
import html
import json
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any
from urllib.parse import parse_qsl, urlencode, urljoin, urlsplit, urlunsplit

from khulasa.config import Settings
from khulasa.errors import FeedError, FetchError
from khulasa.ingest.fetch import Fetched, Resolver, fetch, system_resolver

_TAG = re.compile(r"<[^>]+>")
_SPACE = re.compile(r"\s+")
_WORDPRESS_PATH = "/wp-json/"


@dataclass(frozen=True)
class FeedItem:
    """One entry of a feed, as the feed gives it (the page it links to is not fetched)."""

    guid: str
    """The feed's own key: RSS guid, Atom id, or WordPress post id; the link when the feed gives none."""
    url: str | None
    """Link to the article's page, if any."""
    title: str | None
    """Headline as plain text, if any."""
    published: str | None
    """Publication time as ISO 8601 in UTC, if the feed gives one it can be read."""
    content: str
    """The body as the feed carries it: HTML (full text or only a teaser) or plain text; may be empty."""

    @property
    def content_hash(self) -> str:
        """SHA-256 of the title and body with spacing evened out: the same story hashes the same."""
        return feed_digest(f"{self.title or ''}\n{self.content}")


@dataclass(frozen=True)
class Feed:
    """A parsed feed: its items, without duplicates, and what was wrong with it, if anything."""

    url: str
    """Where the feed was read from (after redirects)."""
    title: str | None
    """The feed's own title, if any."""
    items: tuple[FeedItem, ...]
    """Entries in feed order, each story once."""
    duplicates: int = 0
    """Entries dropped because an earlier one had the same GUID, link or content."""
    problem: str | None = None
    """A note when the feed is malformed but entries could still be read from it."""


def feed_digest(text: str) -> str:
    """The identity of a feed entry's title and body: SHA-256 of ``text`` with runs of whitespace made one space.

    Looser than :func:`khulasa.store.articles.article_digest` (which reads the cleaned article): it tells a changed
    entry from an unchanged one before its page is read, and the same story under two GUIDs apart from two stories.
    """
    return hashlib.sha256(_SPACE.sub(" ", text).strip().encode("utf-8")).hexdigest()


def read_feed(url: str, settings: Settings, *, resolver: Resolver = system_resolver, all_pages: bool = False) -> Feed:
    """Fetch ``url`` under the fetcher's guards and parse it as RSS, Atom or WordPress JSON.

    With ``all_pages``, a WordPress answer is followed page by page
    (``&page=2``, …) until a page comes back short, so a batch reads the
    whole archive rather than the newest ten posts. Raises
    :class:`~khulasa.errors.FetchError` when the download fails and
    :class:`~khulasa.errors.FeedError` when the answer is not a feed.
    """
    fetched = fetch(url, settings, resolver=resolver)
    feed = parse_fetched(fetched)
    if all_pages and is_wordpress(fetched):
        feed = _later_pages(feed, settings, resolver)
    return feed


def parse_fetched(fetched: Fetched) -> Feed:
    """A downloaded document as a feed: WordPress JSON by type or path, RSS/Atom otherwise."""
    if is_wordpress(fetched):
        return parse_wordpress(fetched.text, fetched.url)
    return parse_feed(fetched.text, fetched.url)


def is_wordpress(fetched: Fetched) -> bool:
    """True for a WordPress REST API answer: JSON by its type, or fetched from a ``/wp-json/`` path."""
    return fetched.content_type == "application/json" or _WORDPRESS_PATH in urlsplit(fetched.url).path


MAX_WORDPRESS_PAGES = 1000
"""Most pages of posts one read follows (100,000 posts at per_page=100)."""


def _later_pages(first: Feed, settings: Settings, resolver: Resolver) -> Feed:
    """``first`` with the posts of the pages after it; WordPress answers HTTP 400 past the last page."""
    parts = urlsplit(first.url)
    query = [(key, value) for key, value in parse_qsl(parts.query, keep_blank_values=True) if key != "page"]
    start = next((int(value) for key, value in parse_qsl(parts.query) if key == "page" and value.isdecimal()), 1)
    full = len(first.items) + first.duplicates
    pages = [first]
    problem = None
    for page in range(start + 1, start + MAX_WORDPRESS_PAGES):
        if full == 0 or len(pages[-1].items) + pages[-1].duplicates < full:
            break
        url = urlunsplit((parts.scheme, parts.netloc, parts.path, urlencode([*query, ("page", str(page))]), ""))
        try:
            pages.append(parse_wordpress(fetch(url, settings, resolver=resolver).text, url))
        except FetchError as exc:
            if "HTTP 400" not in exc.message:  # 400 is WordPress's "no such page": the archive ended on a full page
                problem = f"stopped reading posts at page {page}: {exc.message}"
            break
    kept, duplicates = unique(item for feed in pages for item in feed.items)
    repeats = duplicates + sum(feed.duplicates for feed in pages)
    return Feed(url=first.url, title=first.title, items=tuple(kept), duplicates=repeats, problem=problem)


def parse_feed(text: str, url: str) -> Feed:
    """RSS or Atom text → :class:`Feed`, through feedparser.

    A feed that is not well-formed XML is still read when feedparser's
    lenient parser recovers entries from it (``Feed.problem`` says what was
    wrong); when it recovers none, :class:`FeedError` says so.
    """
    import feedparser

    # The fetcher has already decoded the text; telling feedparser it is UTF-8 stops an XML declaration's
    # encoding="windows-1256" from decoding it a second time. (No content-location: feedparser would rewrite
    # GUIDs as URLs against it, and GUIDs are keys.) HTML in entries is never shown as is (it goes to the
    # extractor), so feedparser's slow sanitizer is skipped.
    parsed = feedparser.parse(
        text.encode("utf-8"),
        response_headers={"content-type": "application/xml; charset=utf-8"},
        sanitize_html=False,
        resolve_relative_uris=False,
    )
    problem = None
    complaint = parsed.get("bozo_exception")
    if parsed.get("bozo") and not isinstance(complaint, feedparser.ThingsNobodyCaresAboutButMe):  # e.g. an encoding label
        problem = _describe(complaint)
    if not parsed.get("version") and not parsed.entries:
        raise FeedError(f"{url[:200]} is not an RSS or Atom feed; give the feed's URL (often ending in /feed or /rss).")
    items = (_feed_item(entry, url) for entry in parsed.entries)
    kept, duplicates = unique(item for item in items if item is not None)
    if problem and not kept:
        raise FeedError(f"{url[:200]} is a malformed feed ({problem}) and no items could be read from it; tell its publisher.")
    title = _plain(parsed.feed.get("title")) if parsed.get("feed") else None
    note = f"the feed is malformed ({problem}); the {len(kept)} items that could be read were kept" if problem else None
    return Feed(url=url, title=title, items=tuple(kept), duplicates=duplicates, problem=note)


def _describe(exception: object) -> str:
    """feedparser's complaint in a few words, with the line when it knows it."""
    if exception is None:
        return "not well-formed"
    message = getattr(exception, "getMessage", lambda: str(exception))()
    line = getattr(exception, "getLineNumber", lambda: None)()
    return f"{message} at line {line}" if line else str(message)


def _feed_item(entry: Mapping[str, Any], feed_url: str) -> FeedItem | None:
    """One feedparser entry as a :class:`FeedItem` (a relative link made whole); None for an entry with nothing in it."""
    contents = entry.get("content") or []
    body = max((str(c.get("value", "")) for c in contents), key=len, default="") or str(entry.get("summary", ""))
    link = _joined(feed_url, str(entry["link"]).strip()) if entry.get("link") else None
    title = _plain(entry.get("title"))
    if not body.strip() and not link:
        return None
    published = None
    for key in ("published_parsed", "updated_parsed"):
        stamp = entry.get(key)
        if stamp:
            published = datetime.fromtimestamp(calendar.timegm(stamp), UTC).isoformat().replace("+00:00", "Z")
            break
    guid = str(entry.get("id", "")) or link or feed_digest(f"{title or ''}\n{body}")
    return FeedItem(guid=guid, url=link, title=title, published=published, content=body)


def parse_wordpress(text: str, url: str) -> Feed:
    """A WordPress REST API answer (``/wp-json/wp/v2/posts``) → :class:`Feed` keyed by post id."""
    try:
        posts = json.loads(text)
    except json.JSONDecodeError as exc:
        where = f"{exc.msg} at line {exc.lineno}"
        raise FeedError(f"{url[:200]} is not valid JSON ({where}); give a /wp-json/wp/v2/posts URL.") from None
    if isinstance(posts, dict) and "code" in posts:
        message = str(posts.get("message", posts["code"]))[:200]
        raise FeedError(f"the WordPress site at {url[:200]} answered with an error: {message}")
    if not isinstance(posts, list):
        raise FeedError(f"{url[:200]} is JSON but not a list of WordPress posts; give a /wp-json/wp/v2/posts URL.")
    items = []
    for number, post in enumerate(posts, 1):
        if not isinstance(post, dict) or not isinstance(post.get("id"), int | str):
            raise FeedError(f"post {number} from {url[:200]} has no id; this is not a WordPress posts list.")
        items.append(
            FeedItem(
                guid=str(post["id"]),
                url=str(post["link"]) if post.get("link") else None,
                title=_plain(_rendered(post.get("title"))),
                published=_wordpress_date(post),
                content=_rendered(post.get("content")) or _rendered(post.get("excerpt")),
            )
        )
    kept, duplicates = unique(items)
    return Feed(url=url, title=None, items=tuple(kept), duplicates=duplicates)


def _rendered(field: object) -> str:
    """WordPress wraps text fields as {"rendered": "..."}; older plugins send a plain string."""
    if isinstance(field, dict):
        field = field.get("rendered", "")
    return field if isinstance(field, str) else ""


def _wordpress_date(post: Mapping[str, Any]) -> str | None:
    """``date_gmt`` as ISO 8601 UTC, else the site-local ``date`` as given."""
    gmt = post.get("date_gmt")
    if isinstance(gmt, str) and gmt:
        return gmt if gmt.endswith("Z") or "+" in gmt[10:] else gmt + "Z"
    local = post.get("date")
    return local if isinstance(local, str) and local else None


def _plain(value: object) -> str | None:
    """A title as plain text: tags dropped, entities decoded, spacing evened."""
    if not isinstance(value, str):
        return None
    text = _SPACE.sub(" ", html.unescape(_TAG.sub(" ", value))).strip()
    return text or None


def unique(items: Iterable[FeedItem]) -> tuple[list[FeedItem], int]:
    """Items without repeats, and how many were dropped.

    An item repeats an earlier one when it has the same GUID, the same link
    (ignoring the fragment and a trailing slash), or the same content hash:
    a story re-published under a new GUID is still the same story.
    """
    seen: set[str] = set()
    kept: list[FeedItem] = []
    dropped = 0
    for item in items:
        keys = {f"guid:{item.guid}", f"hash:{item.content_hash}"}
        if item.url:
            keys.add(f"link:{link_key(item.url)}")
        if not item.content.strip():
            keys.discard(f"hash:{item.content_hash}")  # empty bodies are all alike; the link tells them apart
        if keys & seen:
            dropped += 1
            continue
        seen |= keys
        kept.append(item)
    return kept, dropped


def _joined(base: str, link: str) -> str:
    """``link`` made whole against ``base``; a link that is not a valid URL is kept as given (fetching it then fails)."""
    try:
        return urljoin(base, link)
    except ValueError:
        return link


def link_key(url: str) -> str:
    """A link compared loosely: no fragment, no trailing slash, host in lower case; a link that is not a URL, as given."""
    try:
        parts = urlsplit(url.strip())
    except ValueError:  # e.g. an unclosed [IPv6 address]
        return url.strip()
    return urlunsplit((parts.scheme.lower(), parts.netloc.lower(), parts.path.rstrip("/"), parts.query, ""))
