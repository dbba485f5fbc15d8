"""``POST /v1/events``: what readers' players report, taken in without knowing who the reader is.

Privacy first. The service keeps no cookie, no stored id and no address.
To rate-limit a source and drop repeated events it hashes (address, browser)
with a salt made at random for each UTC day and held only in memory: the
hash cannot be reversed, cannot be linked across days, and is gone with the
salt at midnight or when the server stops. A request with ``DNT: 1`` or
``Sec-GPC: 1`` is answered and forgotten; obvious bots (no browser in the
User-Agent, or a crawler's name in it) too; ``KHULASA_ANALYTICS=false``
keeps nothing at all.

Speed. The route checks the body and puts the events on an in-memory queue;
a background thread writes the queue every ``events_flush_seconds`` (or
sooner, once a batch is full) in one transaction, so a burst of readers
costs the API a list append per request, never a database write. An event
answered 202 is in that queue; the queue is written out when the server
stops. If the database is away the thread keeps the events and tries again;
past :data:`MAX_QUEUED` the route answers 503 rather than accept what it
could not keep.
"""

from __future__ import annotations

import hashlib
import json
import logging
import math
import re
import secrets
import threading
import time
from collections.abc import Mapping
from functools import lru_cache
from typing import Any, ClassVar

import sqlalchemy as sa
from fastapi import APIRouter, Request, Response
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from khulasa.config import Settings
from khulasa.errors import InputTooLarge, KhulasaError
from khulasa.store import listening
from khulasa.store.listening import AUDIO_KINDS, EVENTS, Event
from khulasa.web.problems import problem
from khulasa.web.schemas import PROBLEMS
from khulasa.web.service import Service, service_of

log = logging.getLogger("khulasa.web")
router = APIRouter(tags=["listening"], responses=PROBLEMS)

MAX_BODY = 16_384
"""Largest events body, in bytes: a player sends one event (about 120 bytes) at a time."""
MAX_EVENTS = 50
"""Most events in one body."""
BATCH = 2_000
"""Events that make the writer write at once, without waiting for the next tick."""
MAX_QUEUED = 200_000
"""Events held in memory before the route refuses more (the database is away or slower than the traffic)."""
DUPLICATE_SECONDS = 10.0
"""An event repeated by the same source within this long (a beacon sent twice, a retried fetch) counts once."""
FIELDS = {"article", "event", "audio", "version", "position", "percent", "rate", "listened"}
BOTS = re.compile(
    r"bot|crawl|spider|slurp|headless|lighthouse|preview|monitor|pingdom|uptime|curl|wget|python|httpx|aiohttp|"
    r"go-http|java/|okhttp|scrapy|phantom|facebookexternalhit|node-fetch|axios",
    re.IGNORECASE,
)
"""User-Agent words of crawlers, monitors, previews and scripts; a User-Agent without ``Mozilla/`` is no browser either."""
ACCEPTED_NONE = b'{"accepted":0}'


class BadEvent(KhulasaError):
    """A listening event that is not one: the message says which field is wrong."""

    code = "bad_event"
    status = 400


class TooManyEvents(KhulasaError):
    """One source sent more events than ``events_per_minute``."""

    code = "too_many_events"
    status = 429
    headers: ClassVar[dict[str, str]] = {"Retry-After": "60"}


class EventsBusy(KhulasaError):
    """The event queue is full: the database is not keeping up."""

    code = "events_busy"
    status = 503
    headers: ClassVar[dict[str, str]] = {"Retry-After": "5"}


@lru_cache(maxsize=8192)
def is_bot(user_agent: str) -> bool:
    """True for a User-Agent no reader's browser sends (remembered: readers' browsers share a few thousand)."""
    return "mozilla/" not in user_agent.lower() or BOTS.search(user_agent) is not None


def _number(raw: dict[str, Any], name: str, low: float, high: float) -> float | None:
    value = raw.get(name)
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value) or not low <= value <= high:
        raise BadEvent(f"{name!r} must be a number from {low:g} to {high:g}, not {json.dumps(value)[:40]}.")
    return float(value)


def parse(raw: Any, at: float) -> Event:
    """One event from its JSON object; raises :class:`BadEvent` with the first thing wrong."""
    if not isinstance(raw, dict):
        raise BadEvent('each event must be a JSON object such as {"article": "ID", "event": "play", "audio": "summary"}.')
    unknown = set(raw) - FIELDS
    if unknown:
        raise BadEvent(f"unknown field {sorted(unknown)[0]!r}; an event has only {', '.join(sorted(FIELDS))}.")
    article = raw.get("article")
    if not isinstance(article, str) or not 0 < len(article) <= 200 or not article.isprintable():
        raise BadEvent("'article' must be the article's id as a string of 1 to 200 printable characters.")
    kind = raw.get("event")
    if kind not in EVENTS:
        raise BadEvent(f"'event' must be one of {', '.join(EVENTS)}.")
    audio = raw.get("audio", "summary")
    if audio not in AUDIO_KINDS:
        raise BadEvent(f"'audio' must be one of {', '.join(AUDIO_KINDS)}.")
    version = raw.get("version")
    if version is not None and (isinstance(version, bool) or not isinstance(version, int) or not 0 < version < 2**31):
        raise BadEvent("'version' must be a positive whole number.")
    value = None
    if kind == "progress":
        value = _number(raw, "percent", 0, 100)
        if value not in (25, 50, 75, 100):
            raise BadEvent("a progress event needs 'percent': 25, 50, 75 or 100.")
    elif kind == "speed":
        value = _number(raw, "rate", 0.25, 4)
        if value is None:
            raise BadEvent("a speed event needs 'rate', the new speed from 0.25 to 4.")
    return Event(
        external_id=article,
        event=kind,
        audio=audio,
        version=version,
        position=_number(raw, "position", 0, 86_400),
        value=value,
        listened=_number(raw, "listened", 0, 3_600),
        at=at,
    )


def parse_body(body: bytes, at: float) -> list[Event]:
    """The events of a request body: one JSON object or a list of 1 to :data:`MAX_EVENTS`."""
    try:
        data = json.loads(body.decode())
    except (ValueError, UnicodeDecodeError):
        raise BadEvent("the body is not JSON; send one event object or a list of them.") from None
    items = data if isinstance(data, list) else [data]
    if not 0 < len(items) <= MAX_EVENTS:
        raise BadEvent(f"send 1 to {MAX_EVENTS} events in one body, not {len(items)}.")
    return [parse(item, at) for item in items]


class EventWriter:
    """The queue of accepted events and the thread that writes it in batches."""

    def __init__(self, engine: sa.Engine, settings: Settings) -> None:
        self.engine = engine
        self.flush_seconds = settings.events_flush_seconds
        self.retention_days = settings.events_retention_days
        self.written = 0
        """Events about known articles written so far."""
        self.ignored = 0
        """Events dropped at writing because their article is unknown."""
        self._lock = threading.Lock()
        self._queue: list[Event] = []
        self._wake = threading.Event()
        self._stopping = False
        self._thread: threading.Thread | None = None
        self._pruned_at = 0.0

    def put(self, events: list[Event]) -> bool:
        """Queue events; False (nothing queued) when the queue is full."""
        with self._lock:
            if len(self._queue) + len(events) > MAX_QUEUED:
                return False
            self._queue.extend(events)
            full = len(self._queue) >= BATCH
        if full:
            self._wake.set()
        return True

    def queued(self) -> int:
        """Events waiting to be written."""
        return len(self._queue)

    def start(self) -> None:
        self._thread = threading.Thread(target=self._run, name="khulasa-events", daemon=True)
        self._thread.start()

    def stop(self) -> None:
        """Stop the thread after writing what is queued."""
        self._stopping = True
        self._wake.set()
        if self._thread is not None:
            self._thread.join(timeout=30)
        try:
            self.flush()
        except Exception:
            log.error("%d listening events could not be written before the server stopped", self.queued())

    def flush(self) -> int:
        """Write everything queued now, a batch at a time; on a database error the unwritten events go back to the queue's front.

        A batch is at most :data:`BATCH` events, so even a queue that grew
        while the database was away is written in statements of bounded size.
        """
        written = 0
        while True:
            with self._lock:
                batch, self._queue = self._queue[:BATCH], self._queue[BATCH:]
            if not batch:
                return written
            try:
                done = listening.write(self.engine, batch)
            except Exception as exc:  # the database, or anything else: the events are kept either way
                log.warning("listening events not written yet (%s); %d kept to try again", type(exc).__name__, len(batch))
                with self._lock:
                    self._queue[:0] = batch
                raise
            written += done
            self.written += done
            self.ignored += len(batch) - done

    def _run(self) -> None:
        while not self._stopping:
            self._wake.wait(self.flush_seconds)
            self._wake.clear()
            try:
                self.flush()
                if time.monotonic() - self._pruned_at > 3600:
                    self._pruned_at = time.monotonic()
                    listening.prune(self.engine, self.retention_days)
            except sa.exc.SQLAlchemyError:
                time.sleep(self.flush_seconds)
            except Exception:  # never let the writer die: the queue would only grow
                log.exception("the listening events writer failed; trying again")
                time.sleep(self.flush_seconds)


class Intake:
    """Who may send events and which are kept: privacy signals, bots, the per-source limit and repeats."""

    def __init__(self, settings: Settings, writer: EventWriter) -> None:
        self.per_minute = settings.events_per_minute
        self.writer = writer
        self._day = -1
        self._salt = b""
        self._minute = 0
        self._counts: dict[bytes, int] = {}
        self._slot = 0
        self._recent: set[tuple[Any, ...]] = set()
        self._earlier: set[tuple[Any, ...]] = set()

    def _source(self, address: str, user_agent: str, now: float) -> bytes:
        """The source's hash under today's salt; a new day brings a new salt and forgets every count."""
        day = int(now // 86_400)
        if day != self._day:
            self._day, self._salt = day, secrets.token_bytes(16)
            self._counts.clear()
            self._recent.clear()
            self._earlier.clear()
        return hashlib.blake2b(f"{address}\n{user_agent}".encode(), key=self._salt, digest_size=12).digest()

    def take(self, body: bytes, user_agent: str, opted_out: bool, address: str) -> int:
        """Check a body and queue what is kept; returns how many events were queued.

        ``opted_out``: the request said ``DNT: 1`` or ``Sec-GPC: 1``.
        """
        now = time.time()
        events = parse_body(body, now)  # junk is refused even from a reader who opted out: it is not an event
        if opted_out or is_bot(user_agent):
            return 0
        source = self._source(address, user_agent, now)
        minute = int(now // 60)
        if minute != self._minute:
            self._minute = minute
            self._counts.clear()
        sent = self._counts.get(source, 0) + len(events)
        if sent > self.per_minute:
            raise TooManyEvents(f"more than {self.per_minute} listening events a minute from one source; wait a minute.")
        self._counts[source] = sent
        slot = int(now // DUPLICATE_SECONDS)
        if slot != self._slot:
            self._earlier = self._recent if slot == self._slot + 1 else set()
            self._recent = set()
            self._slot = slot
        kept = []
        for e in events:
            at = None if e.position is None else round(e.position, 1)
            seen = (source, e.external_id, e.event, e.audio, e.version, e.value, at)
            if seen in self._recent or seen in self._earlier:
                continue
            self._recent.add(seen)
            kept.append(e)
        if kept and not self.writer.put(kept):
            raise EventsBusy("listening events are coming in faster than they can be stored; try again in a few seconds.")
        return len(kept)


def _too_big() -> InputTooLarge:
    return InputTooLarge(f"an events body is at most {MAX_BODY} bytes; send fewer events at once.")


def accept(svc: Service, body: bytes, headers: Mapping[str, str], address: str) -> bytes:
    """The answer's JSON for an events body; raises the refusals (400, 429, 503) as errors."""
    if svc.intake is None:
        parse_body(body, time.time())
        return ACCEPTED_NONE
    opted_out = headers.get("dnt") == "1" or headers.get("sec-gpc") == "1"
    kept = svc.intake.take(body, headers.get("user-agent", ""), opted_out, address)
    return b'{"accepted":%d}' % kept


class EventsEndpoint:
    """ASGI middleware that answers ``POST /v1/events`` itself, before FastAPI routes the request.

    The route below documents the endpoint and answers the same way; this
    skips the routing, request object and dependency machinery a route costs
    on every request, which is most of the work for a 120-byte beacon
    (bench/events_load.py: 1,250 → 2,200 events/s on a busy 2-core machine).
    Every other request passes through untouched.
    """

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["path"] != "/v1/events" or scope["method"] != "POST":
            await self.app(scope, receive, send)
            return
        headers = {k.decode("latin-1"): v.decode("latin-1") for k, v in scope["headers"] if k in _WANTED}
        try:
            declared = headers.get("content-length", "")
            if declared.isdigit() and int(declared) > MAX_BODY:
                raise _too_big()
            body, more = b"", True
            while more:
                message = await receive()
                if message["type"] != "http.request":
                    return  # the reader left
                body += message.get("body", b"")
                more = message.get("more_body", False)
                if len(body) > MAX_BODY:
                    raise _too_big()
            client = scope.get("client")
            content = accept(scope["app"].state.service, body, headers, client[0] if client else "")
        except KhulasaError as exc:
            headers = dict(getattr(exc, "headers", None) or {})
            if exc.status == 413:
                headers["Connection"] = "close"  # the rest of the body is left unread
            await problem(exc.status, exc.code, exc.message, Request(scope), headers)(scope, _drained, send)
            return
        length = (b"content-length", b"%d" % len(content))
        await send({"type": "http.response.start", "status": 202, "headers": [*_JSON, length]})
        await send({"type": "http.response.body", "body": content})


_WANTED = {b"user-agent", b"dnt", b"sec-gpc", b"content-length"}
_JSON = [(b"content-type", b"application/json")]


async def _drained() -> Message:
    return {"type": "http.disconnect"}


async def _body(request: Request) -> bytes:
    declared = request.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > MAX_BODY:
        raise _too_big()
    body = b""
    async for chunk in request.stream():
        body += chunk
        if len(body) > MAX_BODY:
            raise _too_big()
    return body


@router.post("/v1/events", status_code=202, summary="Listening events from the player", response_class=Response)
async def post_events(request: Request) -> Response:
    """One event or a list: ``{"article": ID, "event": "play", "audio": "summary", "version": N, "position": SECONDS}``.

    Public (the reader's browser has no key). ``event`` is impression, play,
    progress (with ``percent``: 25, 50, 75 or 100), pause, speed (with
    ``rate``), download or error; ``listened`` may carry the seconds heard
    since the player's previous report. Answers 202 with how many were
    kept: events about unknown articles are dropped later, silently; events
    with ``DNT: 1`` or ``Sec-GPC: 1``, from bots, or with analytics off are
    not kept. Junk is 400, more than ``events_per_minute`` from one source 429.
    """
    body = await _body(request)
    address = request.client.host if request.client else ""
    content = accept(service_of(request), body, request.headers, address)
    return Response(content, status_code=202, media_type="application/json")
