"""Feed sources polled by the service: new and changed items go to the same upsert as the API's PUT.

Each due source is fetched through the guarded fetcher with the validators
of the copy last read (If-None-Match, If-Modified-Since), so an unchanged
feed costs one 304 and nothing else. The items of a changed feed are
compared with those remembered for the source: an item whose key and
content are known is left alone; a new one is stored as a new article; a
changed one becomes a new version of its article. A feed that gives a story
a new GUID while its link or content stay the same keeps the article it
had, so nothing is processed twice. One source failing (unreachable,
malformed, refused) is recorded on that source and the poll goes on.
"""

from __future__ import annotations

import logging
import re
import threading
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from urllib.parse import urlsplit, urlunsplit

import sqlalchemy as sa

from khulasa.config import Settings
from khulasa.encodable import first_unencodable, is_encodable, mend, unencodable_sentence
from khulasa.errors import InputError, KhulasaError, UnencodableText
from khulasa.ingest.feeds import Feed, FeedItem, is_wordpress, link_key, parse_fetched
from khulasa.ingest.fetch import Fetched, Resolver, fetch, system_resolver
from khulasa.ingest.items import feed_article
from khulasa.model import Article
from khulasa.store import articles, sources
from khulasa.store.sources import SeenItem, Source

OnUpsert = Callable[[str, bool], None]
"""Told each article id the poll stored, and whether a job was queued for it."""
MAX_TICK_SECONDS = 30.0
"""Longest the poller sleeps between looks for due sources (shorter when the interval is shorter)."""

log = logging.getLogger(__name__)
_ROOT = re.compile(r"<(rss|rdf:RDF|feed)\b", re.I)


@dataclass
class SourcePoll:
    """What one poll of one source did."""

    source: Source
    """The source polled."""
    status: str = "read"
    """"read", "not modified" (the server answered 304), "failed" (see ``error``) or "paused" (its key was revoked)."""
    new: int = 0
    """Items stored as new articles."""
    changed: int = 0
    """Known items whose content changed, sent to the upsert again."""
    unchanged: int = 0
    """Known items left alone (including known stories under a new GUID)."""
    failures: list[str] = field(default_factory=list)
    """One line per item that could not be read, with the reason."""
    error: str | None = None
    """Why the whole source could not be read."""
    note: str | None = None
    """Something worth saying about the feed (malformed but partly readable)."""


@dataclass(frozen=True)
class PollReport:
    """One pass over the sources."""

    polls: tuple[SourcePoll, ...]
    """One per source polled, in source order."""

    def total(self, name: str) -> int:
        """The sum of ``new``, ``changed`` or ``unchanged`` over every source."""
        return sum(int(getattr(poll, name)) for poll in self.polls)

    @property
    def failed(self) -> list[str]:
        """Every failure, a source's or an item's, as "source N (URL): reason"."""
        lines = []
        for poll in self.polls:
            where = f"source {poll.source.id} ({poll.source.url[:120]})"
            if poll.error:
                lines.append(f"{where}: {poll.error}")
            lines += [f"{where}: {failure}" for failure in poll.failures]
        return lines

    def lines(self) -> list[str]:
        """The report `khulasa sources poll` prints: one line per source, the counts, then each failure."""
        lines = []
        for poll in self.polls:
            where = f"source {poll.source.id} ({poll.source.url[:120]})"
            if poll.status == "failed":
                lines.append(f"{where}: failed")
            elif poll.status == "paused":
                lines.append(f"{where}: not polled: its API key {poll.source.key_name!r} was revoked")
            elif poll.status == "not modified":
                lines.append(f"{where}: not modified since the last poll")
            else:
                lines.append(
                    f"{where}: {poll.new} new, {poll.changed} changed, {poll.unchanged} unchanged, {len(poll.failures)} failed"
                )
            if poll.note:
                lines.append(f"{where}: note: {poll.note}")
        lines.append(
            f"poll finished: {self.total('new')} new, {self.total('changed')} changed, "
            f"{self.total('unchanged')} unchanged, {len(self.failed)} failed"
        )
        lines += [f"failed: {line}" for line in self.failed]
        return lines


def source_url(url: str) -> str:
    """A feed URL as a source keeps it: trimmed, fragment dropped, scheme and host in lower case."""
    if not is_encodable(url):  # e.g. a command-line argument with a byte that is not UTF-8
        raise UnencodableText(unencodable_sentence("the feed URL"))
    not_http = InputError(f"{url[:200]!r} is not an http(s) URL; give the feed's address, e.g. https://example.com/feed.")
    try:
        parts = urlsplit(url.strip())
    except ValueError:  # e.g. an unclosed [IPv6 address]
        raise not_http from None
    if parts.scheme.lower() not in {"http", "https"} or not parts.netloc:
        raise not_http
    return urlunsplit((parts.scheme.lower(), parts.netloc.lower(), parts.path or "/", parts.query, ""))


def feed_kind(fetched: Fetched) -> str:
    """"wordpress" for the REST API's JSON, "atom" for an Atom document, "rss" otherwise (RSS 0.9x, 1.0, 2.0)."""
    if is_wordpress(fetched):
        return "wordpress"
    root = _ROOT.search(fetched.text[:20_000])
    return "atom" if root and root.group(1).lower() == "feed" else "rss"


def add(
    engine: sa.Engine,
    url: str,
    settings: Settings,
    *,
    key_name: str | None = None,
    key_id: int | None = None,
    poll_seconds: float | None = None,
    resolver: Resolver = system_resolver,
) -> tuple[Source, bool]:
    """Read ``url`` once to check it is a feed (and detect its kind), then store it as a source.

    The source belongs to the API key ``key_id``, or the one called
    ``key_name``, or none. Adding a URL that is already a source changes nothing and returns that
    source with False. Raises :class:`~khulasa.errors.FetchError` when the
    feed cannot be fetched (refused addresses included) and
    :class:`~khulasa.errors.FeedError` when the answer is not a feed.
    """
    url = source_url(url)
    known = next((s for s in sources.list_sources(engine) if s.url == url), None)
    if known is not None:
        return known, False
    if key_id is None and key_name:
        key_id = sources.key_id_named(engine, key_name)
    fetched = fetch(url, settings, resolver=resolver)
    feed = parse_fetched(fetched)
    return sources.add_source(engine, url, feed_kind(fetched), feed.title, key_id, poll_seconds)


def poll(
    engine: sa.Engine,
    settings: Settings,
    *,
    only_due: bool = False,
    resolver: Resolver = system_resolver,
    on_upsert: OnUpsert | None = None,
    now: float | None = None,
) -> PollReport:
    """Poll every source (or, with ``only_due``, those whose interval has passed); one source's failure stops nothing.

    Sources whose owner key was revoked are never polled: the key holder's
    feeds stop with the key. A full poll reports them as "paused"; a poll of
    the due ones leaves them out.
    """
    moment = time.time() if now is None else now
    polls = []
    for source in sources.list_sources(engine):
        if source.paused:
            if not only_due:
                polls.append(SourcePoll(source, status="paused"))
        elif not only_due or sources.is_due(source, moment, settings.source_poll_seconds):
            polls.append(poll_source(engine, source, settings, resolver=resolver, on_upsert=on_upsert))
    return PollReport(tuple(polls))


def poll_source(
    engine: sa.Engine,
    source: Source,
    settings: Settings,
    *,
    resolver: Resolver = system_resolver,
    on_upsert: OnUpsert | None = None,
) -> SourcePoll:
    """Fetch one source conditionally and hand its new and changed items to the upsert."""
    result = SourcePoll(source)
    conditions = {}
    if source.etag:
        conditions["If-None-Match"] = source.etag
    if source.last_modified:
        conditions["If-Modified-Since"] = source.last_modified
    try:
        fetched = fetch(source.url, settings, resolver=resolver, conditions=conditions)
        if fetched.not_modified:
            etag, modified = fetched.etag or source.etag, fetched.last_modified or source.last_modified
            sources.record_poll(engine, source.id, error=None, etag=etag, last_modified=modified)
            result.status = "not modified"
            return result
        feed = parse_fetched(fetched)
        result.note = feed.problem
        complete = _take_items(engine, source, feed, settings, resolver, on_upsert, result)
        # the validators are kept only when every item was dealt with: otherwise the next poll reads the whole feed again
        validators = (fetched.etag, fetched.last_modified) if complete else (None, None)
        title = mend(feed.title) if feed.title else None
        sources.record_poll(engine, source.id, error=None, etag=validators[0], last_modified=validators[1], title=title)
    except Exception as exc:  # a refused, unreachable or broken feed (or a bug it met) is this source's failure, not the poll's
        message = mend(exc.message if isinstance(exc, KhulasaError) else f"unexpected error ({type(exc).__name__}: {exc})")
        if not isinstance(exc, KhulasaError):
            log.exception("reading source %s failed", source.id)
        sources.record_poll(engine, source.id, error=message)
        result.status, result.error = "failed", message
    return result


def _take_items(
    engine: sa.Engine,
    source: Source,
    feed: Feed,
    settings: Settings,
    resolver: Resolver,
    on_upsert: OnUpsert | None,
    result: SourcePoll,
) -> bool:
    """Hand the feed's new and changed items to the upsert; False when one must be tried again next poll.

    An item that cannot be read (bad input: not Arabic, no article) is
    remembered with its reason and not tried again until it changes; one that
    met an unexpected failure (the database, a bug) is not remembered, so the
    next poll tries it again.
    """
    complete = True
    known = _Known(sources.seen_items(engine, source.id))
    for item in feed.items:
        try:
            _take_item(engine, source, item, known, settings, resolver, on_upsert, result)
        except Exception as exc:  # one item meeting the database or a bug must not keep the feed's other items out
            log.exception("storing item %r of source %s failed", mend(item.guid[:120]), source.id)
            reason = f"unexpected error ({type(exc).__name__}: {mend(str(exc))}); it is tried again at the next poll"
            result.failures.append(f"item {mend(item.guid[:120])}: {reason}")
            complete = False
    return complete


def _take_item(
    engine: sa.Engine,
    source: Source,
    item: FeedItem,
    known: _Known,
    settings: Settings,
    resolver: Resolver,
    on_upsert: OnUpsert | None,
    result: SourcePoll,
) -> None:
    """Hand one item to the upsert unless it is known and unchanged; an unreadable one is remembered with its reason.

    The item's GUID and link are what it is remembered by, so they are
    mended (a lone surrogate becomes U+FFFD) to be storable; the article
    itself is not, and the upsert refuses it with a reason that is kept.
    """
    key = sources.item_key(mend(item.guid))
    link = link_key(mend(item.url)) if item.url else None
    seen = known.match(key, link, item)
    if seen is not None and seen.content_hash == item.content_hash:
        result.unchanged += 1
        if seen.item_key != key:  # the same story under a new GUID: remember the new key for the same article
            known.add(SeenItem(key, link, seen.content_hash, seen.external_id, seen.error), engine, source.id)
        return
    external_id = seen.external_id if seen is not None else sources.external_id_for(source.url, key)
    try:
        done = articles.upsert(engine, external_id, _article(item, source, settings, resolver), source.key_id)
    except KhulasaError as exc:
        known.add(SeenItem(key, link, item.content_hash, external_id, mend(exc.message)), engine, source.id)
        result.failures.append(f"item {mend(item.guid[:120])}: {mend(exc.message)}")
        return
    known.add(SeenItem(key, link, item.content_hash, external_id, None), engine, source.id)
    if seen is None:
        result.new += 1
    else:
        result.changed += 1
    if on_upsert is not None:
        on_upsert(external_id, done.new_version)


class _Known:
    """The items remembered for a source, found by key, by link, or by content."""

    def __init__(self, seen: Iterable[SeenItem]) -> None:
        self.by_key: dict[str, SeenItem] = {}
        self.by_link: dict[str, SeenItem] = {}
        self.by_hash: dict[str, SeenItem] = {}
        for item in seen:
            self._index(item)

    def _index(self, item: SeenItem) -> None:
        self.by_key[item.item_key] = item
        if item.link:
            self.by_link[item.link] = item
        self.by_hash.setdefault(item.content_hash, item)

    def match(self, key: str, link: str | None, item: FeedItem) -> SeenItem | None:
        """The remembered item this one is: same key; else same link; else the same non-empty content."""
        found = self.by_key.get(key) or (self.by_link.get(link) if link else None)
        if found is None and item.content.strip():
            found = self.by_hash.get(item.content_hash)
        return found

    def add(self, item: SeenItem, engine: sa.Engine, source_id: int) -> None:
        sources.remember_item(engine, source_id, item)
        self._index(item)


def _article(item: FeedItem, source: Source, settings: Settings, resolver: Resolver) -> Article:
    """The article a feed item stands for (:func:`~khulasa.ingest.items.feed_article`: a teaser's page is fetched).

    An item holding a string UTF-8 cannot carry is refused before its link is fetched or anything is stored.
    """
    where = first_unencodable({"guid": item.guid, "link": item.url, "title": item.title, "content": item.content})
    if where is not None:
        raise UnencodableText(unencodable_sentence(f"the item's {where}"))
    article = feed_article(item, settings, resolver)
    metadata = {**article.metadata, "source_id": source.id, "feed": source.url, "guid": item.guid}
    if item.url:
        metadata["link"] = item.url
    return replace(article, metadata=metadata)


class Poller:
    """Polls the due sources in a background thread while the server runs."""

    def __init__(
        self,
        engine: sa.Engine,
        settings: Settings,
        *,
        on_upsert: OnUpsert | None = None,
        resolver: Resolver = system_resolver,
    ) -> None:
        self.engine = engine
        self.settings = settings
        self.on_upsert = on_upsert
        self.resolver = resolver
        self.stopping = threading.Event()
        self.sources_waiting = threading.Event()
        self._thread = threading.Thread(target=self._loop, name="khulasa-sources", daemon=True)

    def start(self) -> None:
        """Start polling."""
        self._thread.start()

    def notify(self) -> None:
        """Look for due sources now: one was just added."""
        self.sources_waiting.set()

    def stop(self, timeout: float = 3.0) -> None:
        """Stop after the source being read, if any (waiting at most ``timeout`` seconds)."""
        self.stopping.set()
        self.sources_waiting.set()
        if self._thread.is_alive():
            self._thread.join(timeout)

    def _loop(self) -> None:
        tick = min(self.settings.source_poll_seconds, MAX_TICK_SECONDS)
        while not self.stopping.is_set():
            try:
                every = sources.list_sources(self.engine)
                due = [s for s in every if sources.is_due(s, time.time(), self.settings.source_poll_seconds)]
            except Exception:  # the database failed: the sources are still due at the next tick
                log.exception("listing the feed sources failed; trying again in %.0f s", tick)
                due = []
            for source in due:
                if self.stopping.is_set():
                    break
                try:
                    poll_source(self.engine, source, self.settings, resolver=self.resolver, on_upsert=self.on_upsert)
                except Exception:  # even recording its failure failed (the database): the next source is still polled
                    log.exception("polling source %s failed; it is tried again in %.0f s", source.id, tick)
            self.sources_waiting.wait(tick)
            self.sources_waiting.clear()
