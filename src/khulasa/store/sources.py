"""Feed sources and the items already read from them: the rows behind `khulasa sources` and the poller.

A source is a feed URL the service reads on a schedule. Each item read from
it is remembered by its key (the feed's GUID or the WordPress post id), the
hash of its content and the article id it was stored under, so the next
poll hands only new and changed items to the upsert. Nothing here touches
the network; :mod:`khulasa.jobs.poller` does the reading.
"""

from __future__ import annotations

import hashlib
import re
import time
from dataclasses import dataclass
from typing import Any

import sqlalchemy as sa

from khulasa.errors import InputError, NotFound, NotYours
from khulasa.store.database import MAX_ROW_ID, reading
from khulasa.store.schema import api_keys, source_items, sources

KINDS = ("rss", "atom", "wordpress")
MAX_ITEM_KEY = 500
"""Longest item key stored as it is; longer GUIDs are kept as their hash."""

_ID_UNSAFE = re.compile(r"[^A-Za-z0-9._~-]+")


@dataclass(frozen=True)
class Source:
    """A feed the service polls, as listed."""

    id: int
    """Row id, as `khulasa sources remove ID` takes it."""
    url: str
    """The feed's URL as it was added."""
    kind: str
    """"rss", "atom" or "wordpress", detected when the source was added."""
    title: str | None
    """The feed's own title, if it has one."""
    key_id: int | None
    """The API key the source belongs to: its articles' versions and webhooks are that key's."""
    poll_seconds: float | None
    """This source's own polling interval; None means the ``source_poll_seconds`` setting."""
    etag: str | None
    """ETag of the last copy read, sent back as If-None-Match."""
    last_modified: str | None
    """Last-Modified of the last copy read, sent back as If-Modified-Since."""
    created_at: float
    """When it was added (seconds since the epoch)."""
    last_polled_at: float | None
    """When it was last polled, whatever came of it."""
    last_ok_at: float | None
    """When a poll last succeeded (read, or answered 304)."""
    last_error: str | None
    """Why the last poll failed; None when it succeeded."""
    key_name: str | None = None
    """The name of the API key the source belongs to, if any."""
    key_revoked_at: float | None = None
    """When the owner key was revoked: such a source is no longer polled. None while the key works (or there is none)."""

    @property
    def paused(self) -> bool:
        """Whether polling is stopped because the owner key was revoked."""
        return self.key_revoked_at is not None


@dataclass(frozen=True)
class SeenItem:
    """A feed item already handed to the upsert (or found unreadable)."""

    item_key: str
    """GUID or post id, as :func:`item_key` stores it."""
    link: str | None
    """The item's link, compared loosely."""
    content_hash: str
    """:attr:`khulasa.ingest.feeds.FeedItem.content_hash` when it was last read."""
    external_id: str
    """The article id it was stored under."""
    error: str | None
    """Why it could not be read, or None when it was stored."""


def _source(row: Any) -> Source:
    m = row._mapping
    return Source(**{name: m[name] for name in Source.__dataclass_fields__})


def _select() -> sa.Select[Any]:
    """Sources with their owner key's name and revocation time."""
    return sa.select(
        sources, api_keys.c.name.label("key_name"), api_keys.c.revoked_at.label("key_revoked_at")
    ).select_from(sources.outerjoin(api_keys, api_keys.c.id == sources.c.key_id))


def item_key(guid: str) -> str:
    """The key an item is remembered by: its GUID, or the GUID's SHA-256 when it is very long."""
    if len(guid) <= MAX_ITEM_KEY:
        return guid
    return "sha256:" + hashlib.sha256(guid.encode("utf-8")).hexdigest()


def external_id_for(source_url: str, key: str) -> str:
    """The article id of a feed item: stable for the same feed URL and item key, URL-safe, within the API's id rules.

    ``feed-<8 hex digits of the feed URL>:<the key, or a safe form of it>``:
    the same feed added again after a removal finds its old articles, and
    two feeds never collide on a shared post id.
    """
    feed = hashlib.sha256(source_url.strip().encode("utf-8")).hexdigest()[:8]
    safe = _ID_UNSAFE.sub("-", key).strip("-.")[-80:].strip("-.")
    if safe != key or not safe:
        digest = hashlib.sha256(key.encode("utf-8")).hexdigest()[:10]
        safe = f"{safe[-60:].strip('-.')}-{digest}" if safe else digest
    return f"feed-{feed}:{safe}"


def key_id_named(engine: sa.Engine, name: str) -> int:
    """The id of the working API key called ``name``, for a source's owner."""
    with reading(engine) as conn:
        row = conn.execute(sa.select(api_keys.c.id, api_keys.c.revoked_at).where(api_keys.c.name == name)).first()
    if row is None:
        raise NotFound(f"there is no API key named {name!r}; `khulasa keys list` shows the names.")
    if row.revoked_at is not None:
        raise InputError(f"the API key {name!r} is revoked; give a working key, or none.")
    return int(row.id)


def add_source(
    engine: sa.Engine, url: str, kind: str, title: str | None, key_id: int | None, poll_seconds: float | None = None
) -> tuple[Source, bool]:
    """Store a source; when ``url`` is already one, return that one unchanged. True when it is new."""
    if kind not in KINDS:
        raise InputError(f"a source's kind is one of {', '.join(KINDS)}, not {kind!r}.")
    if poll_seconds is not None and poll_seconds <= 0:
        raise InputError("a source's polling interval must be a positive number of seconds.")
    for attempt in range(2):
        with engine.begin() as conn:
            row = conn.execute(_select().where(sources.c.url == url)).first()
            if row is not None:
                return _source(row), False
            try:
                new_id = conn.execute(
                    sources.insert().values(
                        url=url, kind=kind, title=title, key_id=key_id, poll_seconds=poll_seconds, created_at=time.time()
                    )
                ).inserted_primary_key[0]  # type: ignore[index]
            except sa.exc.IntegrityError:  # added at the same moment elsewhere: read that one
                if attempt:
                    raise
                continue
            return _source(conn.execute(_select().where(sources.c.id == new_id)).one()), True
    raise AssertionError("unreachable")


def list_sources(engine: sa.Engine) -> list[Source]:
    """Every source, oldest first."""
    with reading(engine) as conn:
        return [_source(row) for row in conn.execute(_select().order_by(sources.c.id))]


def _no_source(source_id: int) -> NotFound:
    return NotFound(f"there is no source {source_id}; `khulasa sources list` shows the ids.")


def get_source(engine: sa.Engine, source_id: int) -> Source:
    """The source with this id."""
    if not 0 < source_id <= MAX_ROW_ID:  # no such row, and the database cannot even compare a larger number
        raise _no_source(source_id)
    with reading(engine) as conn:
        row = conn.execute(_select().where(sources.c.id == source_id)).first()
    if row is None:
        raise _no_source(source_id)
    return _source(row)


def remove_source(engine: sa.Engine, source_id: int, by_key: int | None = None) -> Source:
    """Stop polling a source and forget its items; the articles made from them stay.

    ``by_key`` is the API key asking: it may remove only the sources it added.
    None is the operator (the CLI, with the data folder in hand), who may remove any.
    """
    if not 0 < source_id <= MAX_ROW_ID:
        raise _no_source(source_id)
    with engine.begin() as conn:
        row = conn.execute(_select().where(sources.c.id == source_id)).first()
        if row is None:
            raise _no_source(source_id)
        if by_key is not None and row.key_id != by_key:
            raise NotYours(
                f"source {source_id} was added by another API key, so only that key may remove it "
                f"(or the operator, with `khulasa sources remove {source_id}`)."
            )
        conn.execute(source_items.delete().where(source_items.c.source_id == source_id))
        conn.execute(sources.delete().where(sources.c.id == source_id))
    return _source(row)


def is_due(source: Source, now: float, default_seconds: float) -> bool:
    """Whether the source's interval has passed since it was last polled (never polled: due); never for a paused source."""
    if source.paused:
        return False
    interval = source.poll_seconds or default_seconds
    return source.last_polled_at is None or source.last_polled_at + interval <= now


def record_poll(
    engine: sa.Engine,
    source_id: int,
    *,
    error: str | None,
    etag: str | None = None,
    last_modified: str | None = None,
    title: str | None = None,
) -> None:
    """How a poll went: the error, or success with the validators of the copy now held."""
    now = time.time()
    values: dict[str, Any] = {"last_polled_at": now, "last_error": error}
    if error is None:
        values["last_ok_at"] = now
        if etag is not None or last_modified is not None:
            values.update(etag=etag, last_modified=last_modified)
        if title:
            values["title"] = title
    with engine.begin() as conn:
        conn.execute(sources.update().where(sources.c.id == source_id).values(**values))


def seen_items(engine: sa.Engine, source_id: int) -> list[SeenItem]:
    """Every item remembered for the source."""
    with reading(engine) as conn:
        rows = conn.execute(
            sa.select(
                source_items.c.item_key,
                source_items.c.link,
                source_items.c.content_hash,
                source_items.c.external_id,
                source_items.c.error,
            )
            .where(source_items.c.source_id == source_id)
            .order_by(source_items.c.id)
        ).all()
    return [SeenItem(r.item_key, r.link, r.content_hash, r.external_id, r.error) for r in rows]


def remember_item(engine: sa.Engine, source_id: int, seen: SeenItem) -> None:
    """Record (or update) an item under its key, so the next poll knows it."""
    values = {"link": seen.link, "content_hash": seen.content_hash, "external_id": seen.external_id, "error": seen.error}
    with engine.begin() as conn:
        where = sa.and_(source_items.c.source_id == source_id, source_items.c.item_key == seen.item_key)
        updated = conn.execute(source_items.update().where(where).values(seen_at=time.time(), **values))
        if updated.rowcount == 0:
            conn.execute(
                source_items.insert().values(source_id=source_id, item_key=seen.item_key, seen_at=time.time(), **values)
            )
