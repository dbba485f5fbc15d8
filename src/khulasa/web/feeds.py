"""The finished summaries as feeds: a podcast (``/v1/feed.xml``) and a JSON Feed (``/v1/feed.json``).

The podcast is RSS 2.0 with the iTunes tags podcast apps and smart speakers
read, so the day's «استمع إلى الملخص» plays where listeners already are; the
JSON Feed 1.1 is for other systems (apps, newsletters) that poll. Both list
the items whose summary arrived last, newest first, one entry per article
at its newest finished version; the podcast keeps only those with audio.

An entry's id is ``<external id>#v<version>`` (ids never hold ``#``), so a
corrected article is a new episode and an unchanged one never repeats. Its
audio link is the content-addressed ``/v1/files/<sha256>.mp3``, whose bytes
never change, so the length the feed states is always the length served.

Both are built as data (ElementTree, ``json``), never by pasting strings, so
a title with ``<&>`` is escaped. Both answer HEAD (podcast directories check
a feed with it) and If-None-Match and If-Modified-Since with 304.
Last-Modified is the newest change among the entries shown; a feed that only
lost an entry (a deleted article) keeps it, which is why clients should
prefer the ETag.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from datetime import UTC, datetime
from email.utils import format_datetime, parsedate_to_datetime
from typing import Annotated, Any

from fastapi import APIRouter, Query, Request, Response

from khulasa import __version__
from khulasa.errors import InputError
from khulasa.store import articles, sources
from khulasa.store.articles import Finished
from khulasa.web.auth import may_read_public
from khulasa.web.conditional import etag_of, not_modified
from khulasa.web.encoding import json_bytes
from khulasa.web.schemas import PROBLEMS
from khulasa.web.service import service_of
from khulasa.web.views import item_path

router = APIRouter(tags=["feeds"], responses=PROBLEMS)

DEFAULT_LIMIT = 50
MAX_LIMIT = 200
TITLE_CHARACTERS = 90
"""A title made from the first bullet is cut at a word before this many characters."""
NAMESPACES = {
    "itunes": "http://www.itunes.com/dtds/podcast-1.0.dtd",
    "content": "http://purl.org/rss/1.0/modules/content/",
    "atom": "http://www.w3.org/2005/Atom",
}
for _prefix, _uri in NAMESPACES.items():
    # once, here: ElementTree keeps prefixes in one global map, and registering them per request raced, so two
    # podcasts built at once could fail (KeyError) or come out with ns0:/ns1: prefixes that podcast apps do not read
    ET.register_namespace(_prefix, _uri)
NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
"""Characters XML 1.0 cannot hold at all, escaped or not. ElementTree writes them as they are, and one
vertical tab pasted into a title from a word processor made the whole podcast a document apps refuse."""
RSS_TYPE = "application/rss+xml; charset=utf-8"
JSON_FEED_TYPE = "application/feed+json"


class BadFeedQuery(InputError):
    """A feed's query parameter cannot be used (400); the message says which values are."""

    code = "bad_query"
    status = 400


def whole_number(raw: str) -> int | None:
    """``raw`` as a whole number of at most 9 digits (Arabic-Indic ones too), else None.

    Only decimal digits count: ``int`` would also take ``1_0`` and ``+5``,
    and ``str.isdigit`` passes ``²``, which ``int`` then refuses. Longer
    numbers name no source and overflow SQLite.
    """
    text = raw.strip()
    return int(text) if text.isdecimal() and len(text) <= 9 else None


def _shown(raw: str) -> str:
    return repr(raw if len(raw) <= 20 else raw[:20] + "…")


def _limit(raw: str | None) -> int:
    if raw is None:
        return DEFAULT_LIMIT
    value = whole_number(raw)
    if value is None or not 1 <= value <= MAX_LIMIT:
        raise BadFeedQuery(
            f"limit must be a whole number from 1 to {MAX_LIMIT}, not {_shown(raw)}; leave it out for {DEFAULT_LIMIT}."
        )
    return value


def _source(request: Request, raw: str | None) -> int | None:
    if raw is None:
        return None
    number = whole_number(raw)
    if number is None:
        raise BadFeedQuery(f"source must be a source's number (see GET /v1/sources), not {_shown(raw)}.")
    return sources.get_source(service_of(request).engine, number).id


@dataclass(frozen=True)
class Channel:
    """What a feed says about itself, from the settings and the request."""

    title: str
    description: str
    author: str
    link: str
    """The newsroom's site, or the service's own page."""
    image: str
    """Cover art URL, or empty."""
    base: str
    """Public base URL, no trailing slash: absolute links start with it."""
    self_url: str
    """This feed's own absolute URL, with its query."""


def _channel(request: Request) -> Channel:
    settings = service_of(request).settings
    base = settings.public_url.rstrip("/") or str(request.base_url).rstrip("/")
    query = f"?{request.url.query}" if request.url.query else ""
    return Channel(
        title=settings.feed_title,
        description=settings.feed_description,
        author=settings.feed_author,
        link=settings.feed_link or base + "/",
        image=settings.feed_image_url,
        base=base,
        self_url=f"{base}{request.url.path}{query}",
    )


def entry_id(item: Finished) -> str:
    """The entry's stable id: the publisher's id and the version its summary was made from."""
    return f"{item.external_id}#v{item.version}"


def entry_title(item: Finished) -> str:
    """The article's title, else its first bullet cut at a word, else its id."""
    if item.title and item.title.strip():
        return item.title.strip()
    if not item.bullets:
        return item.external_id
    first = item.bullets[0].strip()
    if len(first) <= TITLE_CHARACTERS:
        return first
    cut = first[:TITLE_CHARACTERS].rsplit(" ", 1)[0]
    return cut.rstrip("،,؛;:.") + "…"


def published_at(item: Finished) -> datetime:
    """The article's own publication time when it parses (no zone: UTC), else when its text arrived.

    A time with no UTC equivalent (``0001-01-01T00:00:00+05:00`` falls before
    the first instant datetime holds) counts as unreadable: one article a CMS
    dated so must not turn the whole podcast into a 500.
    """
    if item.published:
        try:
            moment = datetime.fromisoformat(item.published.strip().replace("Z", "+00:00"))
            moment = moment if moment.tzinfo else moment.replace(tzinfo=UTC)
            moment.astimezone(UTC)  # raises OverflowError at datetime's edges
            return moment
        except (ValueError, OverflowError):
            pass
    return datetime.fromtimestamp(item.summarized_at, UTC)


def _link(item: Finished, channel: Channel) -> str:
    """The article on the newsroom's site when a feed source gave it, else the item in this API."""
    link = item.metadata.get("link")
    if isinstance(link, str) and link.startswith(("http://", "https://")):
        return link
    return channel.base + item_path(item.external_id)


def _audio_url(item: Finished, channel: Channel) -> str:
    assert item.mp3 is not None
    return f"{channel.base}/v1/files/{item.mp3.blob}"


def xml_text(text: str) -> str:
    """``text`` without what XML cannot hold: a vertical tab or form feed becomes a space, so words stay apart."""
    return NOT_XML.sub(lambda found: " " if found.group() in "\x0b\x0c" else "", text)


def bullets_text(bullets: list[str]) -> str:
    """The bullets as plain text, one «• » line each."""
    return "\n".join(f"• {b}" for b in bullets)


def bullets_html(bullets: list[str]) -> str:
    """The bullets as a right-to-left Arabic HTML list."""
    box = ET.Element("ul", {"dir": "rtl", "lang": "ar"})
    for bullet in bullets:
        ET.SubElement(box, "li").text = bullet
    return ET.tostring(box, encoding="unicode", method="html")


def _newest(items: list[Finished]) -> datetime | None:
    return datetime.fromtimestamp(int(max(i.updated_at for i in items)), UTC) if items else None


def podcast(items: list[Finished], channel: Channel) -> bytes:
    """The RSS 2.0 podcast document for ``items`` (each must have its MP3)."""

    def tag(prefix: str, name: str) -> str:
        return f"{{{NAMESPACES[prefix]}}}{name}"

    rss = ET.Element("rss", {"version": "2.0"})
    feed = ET.SubElement(rss, "channel")
    newest = _newest(items)
    fields = [("title", channel.title), ("link", channel.link), ("description", channel.description), ("language", "ar")]
    if newest is not None:
        fields.append(("lastBuildDate", format_datetime(newest, usegmt=True)))
    fields.append(("generator", f"Khulasa {__version__}"))
    for name, text in fields:
        ET.SubElement(feed, name).text = text
    ET.SubElement(feed, tag("atom", "link"), {"href": channel.self_url, "rel": "self", "type": "application/rss+xml"})
    ET.SubElement(feed, tag("itunes", "author")).text = channel.author
    ET.SubElement(feed, tag("itunes", "summary")).text = channel.description
    ET.SubElement(feed, tag("itunes", "type")).text = "episodic"
    ET.SubElement(feed, tag("itunes", "explicit")).text = "false"
    news = ET.SubElement(feed, tag("itunes", "category"), {"text": "News"})
    ET.SubElement(news, tag("itunes", "category"), {"text": "Daily News"})
    if channel.image:
        ET.SubElement(feed, tag("itunes", "image"), {"href": channel.image})

    for item in items:
        assert item.mp3 is not None
        entry = ET.SubElement(feed, "item")
        ET.SubElement(entry, "title").text = entry_title(item)
        ET.SubElement(entry, "link").text = _link(item, channel)
        ET.SubElement(entry, "description").text = bullets_text(item.bullets)
        ET.SubElement(entry, tag("content", "encoded")).text = bullets_html(item.bullets)
        ET.SubElement(entry, "guid", {"isPermaLink": "false"}).text = entry_id(item)
        ET.SubElement(entry, "pubDate").text = format_datetime(published_at(item).astimezone(UTC), usegmt=True)
        ET.SubElement(
            entry, "enclosure", {"url": _audio_url(item, channel), "length": str(item.mp3.size), "type": "audio/mpeg"}
        )
        seconds = max(1, round(item.duration or 0))
        ET.SubElement(entry, tag("itunes", "duration")).text = str(seconds)
        ET.SubElement(entry, tag("itunes", "episodeType")).text = "full"
    for element in rss.iter():
        if element.text:
            element.text = xml_text(element.text)
        for name, value in element.attrib.items():
            element.attrib[name] = xml_text(value)
    document: bytes = ET.tostring(rss, encoding="utf-8", xml_declaration=True)
    return document


def json_feed(items: list[Finished], channel: Channel) -> bytes:
    """The JSON Feed 1.1 document for ``items``, with each summary's bullets in a ``_khulasa`` object."""
    document: dict[str, Any] = {
        "version": "https://jsonfeed.org/version/1.1",
        "title": channel.title,
        "home_page_url": channel.link,
        "feed_url": channel.self_url,
        "description": channel.description,
        "language": "ar",
        "authors": [{"name": channel.author}],
    }
    if channel.image:
        document["icon"] = channel.image
    document["items"] = [_json_item(item, channel) for item in items]
    return json_bytes(document, indent=1)


def _json_item(item: Finished, channel: Channel) -> dict[str, Any]:
    entry: dict[str, Any] = {
        "id": entry_id(item),
        "url": _link(item, channel),
        "title": entry_title(item),
        "content_html": bullets_html(item.bullets),
        "content_text": bullets_text(item.bullets),
        "date_published": published_at(item).isoformat(timespec="seconds"),
        "date_modified": datetime.fromtimestamp(item.updated_at, UTC).isoformat(timespec="seconds"),
        "language": "ar",
    }
    if item.mp3 is not None:
        attachment = {"url": _audio_url(item, channel), "mime_type": "audio/mpeg", "size_in_bytes": item.mp3.size}
        if item.duration is not None:
            attachment["duration_in_seconds"] = round(item.duration, 2)
        entry["attachments"] = [attachment]
    entry["_khulasa"] = {
        "external_id": item.external_id,
        "version": item.version,
        "api_url": channel.base + item_path(item.external_id),
        "bullets": item.bullets,
    }
    return entry


def _unchanged_since(request: Request, newest: datetime | None) -> bool:
    """If-Modified-Since, which HTTP lets count only when the request has no If-None-Match."""
    header = request.headers.get("if-modified-since")
    if newest is None or header is None or "if-none-match" in request.headers:
        return False
    try:
        since = parsedate_to_datetime(header)
    except (TypeError, ValueError, OverflowError):  # a year or zone too large for datetime overflows
        return False  # a date we cannot read costs a full answer, never a wrong 304
    if since.tzinfo is None:
        since = since.replace(tzinfo=UTC)
    return newest <= since


def _answer(request: Request, body: bytes, items: list[Finished], media_type: str) -> Response:
    public = service_of(request).settings.public_reads
    headers = {"ETag": etag_of(body), "Cache-Control": ("public" if public else "private") + ", max-age=60"}
    newest = _newest(items)
    if newest is not None:
        headers["Last-Modified"] = format_datetime(newest, usegmt=True)
    current = not_modified(request, headers)
    if current is not None:
        return current
    if _unchanged_since(request, newest):
        return Response(status_code=304, headers=headers)
    return Response(body, media_type=media_type, headers=headers)


Audio = Annotated[
    str | None, Query(description="Whose audio the episodes carry: summary (default) or article, the whole article read aloud.")
]


def _audio(raw: str | None) -> str:
    if raw is None or raw == "summary":
        return "summary"
    if raw == "article":
        return "article"
    raise BadFeedQuery(f"audio must be summary or article, not {_shown(raw)}.")


Limit = Annotated[str | None, Query(description=f"Entries, 1 to {MAX_LIMIT} (default {DEFAULT_LIMIT}).")]
Source = Annotated[str | None, Query(description="Only articles read from this feed source (its number in GET /v1/sources).")]


@router.api_route(
    "/v1/feed.xml", methods=["GET", "HEAD"], summary="Podcast feed of the newest summaries", response_class=Response
)
def podcast_feed(request: Request, limit: Limit = None, source: Source = None, audio: Audio = None) -> Response:
    """RSS 2.0 with iTunes tags: one episode per article, its bullets as show notes and its MP3 as the enclosure.

    With ``?audio=article`` each episode is the whole article read aloud (articles narrated with article or both).
    """
    may_read_public(request)
    wanted, source_id, whose = _limit(limit), _source(request, source), _audio(audio)
    items = articles.finished(service_of(request).engine, wanted, with_audio=True, source_id=source_id, audio=whose)
    return _answer(request, podcast(items, _channel(request)), items, RSS_TYPE)


@router.api_route(
    "/v1/feed.json", methods=["GET", "HEAD"], summary="JSON Feed of the newest summaries", response_class=Response
)
def json_feed_route(request: Request, limit: Limit = None, source: Source = None) -> Response:
    """JSON Feed 1.1: one item per article with its bullets (HTML and text), its MP3 when it has audio, and `_khulasa`."""
    may_read_public(request)
    wanted, source_id = _limit(limit), _source(request, source)
    items = articles.finished(service_of(request).engine, wanted, source_id=source_id)
    return _answer(request, json_feed(items, _channel(request)), items, JSON_FEED_TYPE)
