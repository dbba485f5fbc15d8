"""Webhooks: ``article.done`` / ``article.failed`` and the review events, signed, delivered with retries, logged.

``article.done`` says a version went live: at once under ``publish`` "auto",
when an editor publishes it under "review" (then after ``summary.published``,
which carries the bullets, their author and reviewer). A version waiting
for an editor sends ``summary.ready_for_review``; a rejected one
``summary.rejected`` with the note.

An event is written to the outbox (:mod:`khulasa.store.deliveries`) in the
same transaction as the job result it reports, so it is never lost; a delivery
thread here sends pending ones. Each body is signed with the key's secret as HMAC-SHA256 over
``"{timestamp}.{body}"``; the ``Khulasa-Signature`` header carries both
(``t=<unix seconds>,v1=<hex>``), so a receiver can check the body and refuse
old timestamps (replays).

A webhook URL is a request the service makes on a key holder's say, so it is
guarded like a fetch: at registration and again at each delivery its host is
resolved, every address checked against
:class:`~khulasa.ingest.fetch.AddressPolicy` (loopback, private, link-local
and cloud-metadata addresses refused unless ``fetch_allow`` lists them), and
the POST goes to the very address that was checked.
"""

from __future__ import annotations

import hashlib
import hmac
import logging
import threading
import time
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

import httpx
import sqlalchemy as sa

from khulasa.config import Settings
from khulasa.errors import FetchError, WebhookRefused
from khulasa.ingest.fetch import AddressPolicy, Resolver, addresses_of, pinned, system_resolver
from khulasa.store import deliveries

logger = logging.getLogger(__name__)

SIGNATURE_HEADER = "Khulasa-Signature"
EVENT_HEADER = "Khulasa-Event"


def sign(secret: str, timestamp: int, body: bytes) -> str:
    """The header value: ``t=<timestamp>,v1=<HMAC-SHA256 of "timestamp.body" in hex>``."""
    mac = hmac.new(secret.encode("utf-8"), f"{timestamp}.".encode() + body, hashlib.sha256).hexdigest()
    return f"t={timestamp},v1={mac}"


def verify(secret: str, header: str, body: bytes, tolerance: float = 300.0, now: float | None = None) -> bool:
    """What a receiver does: True when the signature matches and the timestamp is recent."""
    try:
        parts = dict(item.split("=", 1) for item in header.split(","))
        timestamp = int(parts["t"])
    except (ValueError, KeyError):
        return False
    if abs((time.time() if now is None else now) - timestamp) > tolerance:
        return False
    return hmac.compare_digest(sign(secret, timestamp, body), f"t={timestamp},v1={parts.get('v1', '')}")


@dataclass(frozen=True)
class Target:
    """Where one delivery goes: the checked address, and the name the receiver expects."""

    url: str
    """The URL with the checked IP address in place of the host name."""
    host_header: str
    """The Host header: the name (and port, when not the scheme's default) of the URL as registered."""
    sni_hostname: str | None
    """The name TLS is negotiated and verified for (https only)."""


def checked_target(url: str, settings: Settings, resolver: Resolver = system_resolver) -> Target:
    """Resolve the webhook ``url`` and check every address.

    Raises :class:`~khulasa.errors.WebhookRefused` for a URL that must never
    be used, :class:`~khulasa.errors.FetchError` for a name that does not
    resolve (now).

    Called when a URL is registered (so the key holder hears at once) and
    before each delivery (a name may point elsewhere since).
    """
    shown = url[:200]
    not_http = WebhookRefused(f"the webhook URL {shown!r} must be an http:// or https:// address that accepts POSTs.")
    try:
        parts = urlsplit(url)
    except ValueError:  # e.g. an unclosed [IPv6 address]
        raise not_http from None
    if parts.scheme not in {"http", "https"} or not parts.hostname or any(c.isspace() for c in url):
        raise not_http
    if parts.username or parts.password:
        raise WebhookRefused("a webhook URL must not carry a user name or password; check the signature header instead.")
    host = parts.hostname
    try:
        port = parts.port or (443 if parts.scheme == "https" else 80)
    except ValueError:
        raise WebhookRefused(f"the webhook URL {shown!r} has an invalid port.") from None
    try:
        addresses = addresses_of(host, port, resolver)
    except FetchError as exc:  # not refused for good: the name may resolve later
        raise FetchError(f"the webhook URL {shown!r} cannot be reached: {exc.message}") from None
    if not addresses:
        raise FetchError(f"the webhook URL {shown!r} cannot be reached: the host name {host!r} has no address.")
    policy = AddressPolicy(settings.fetch_allow)
    for address in addresses:  # every answer must pass: a name that points anywhere inside is refused
        try:
            policy.check(host, address)
        except FetchError:
            raise WebhookRefused(
                f"the webhook URL {shown!r} is refused: {host} points to {address}, a loopback, private, link-local "
                "or reserved address; if it is your newsroom's own receiver, add it to KHULASA_FETCH_ALLOW."
            ) from None
    target, host_header = pinned(parts, addresses[0], port)
    return Target(target, host_header, host if parts.scheme == "https" else None)


PER_RECEIVER = 2
"""Deliveries sent to one receiver at once: a slow receiver holds at most this many senders."""

SENDERS = 16
"""Deliveries in flight at once, across all receivers."""


def receiver_of(url: str) -> str:
    """What the per-receiver limit counts by: the URL's scheme, host and port."""
    try:
        parts = urlsplit(url)
        return f"{parts.scheme}://{parts.hostname}:{parts.port}"
    except ValueError:
        return url


def deliver_due(
    engine: sa.Engine, settings: Settings, client: httpx.Client, resolver: Resolver = system_resolver
) -> int:
    """Send every pending delivery that is due, once, one after another; returns how many were tried.

    The :class:`Deliverer` sends them concurrently instead; this is for a
    caller that wants one pass and its outcome (the tests, a one-off command).
    """
    due = deliveries.due(engine, time.time(), 20)
    for row in due:
        deliver(engine, settings, client, row, resolver)
    return len(due)


def deliver(engine: sa.Engine, settings: Settings, client: httpx.Client, row: Any, resolver: Resolver = system_resolver) -> None:
    """Send one delivery and record the answer: delivered, pending with its next try, or failed.

    A URL refused by the address policy fails at once (trying again would
    not change the policy); one whose name does not resolve is retried.
    The next try waits ``retry_base_seconds`` × 2^(attempts − 1) from the
    moment this one ended.
    """
    body = row.body.encode("utf-8")
    stamp = int(time.time())
    headers = {
        "Content-Type": "application/json",
        SIGNATURE_HEADER: sign(row.webhook_secret or "", stamp, body),
        EVENT_HEADER: row.event,
        "Khulasa-Delivery": str(row.id),
    }
    status: int | None = None
    error: str | None = None
    refused = False
    try:
        target = checked_target(row.url, settings, resolver)
        headers["Host"] = target.host_header
        extensions = {"sni_hostname": target.sni_hostname} if target.sni_hostname else {}
        answer = client.post(target.url, content=body, headers=headers, timeout=settings.webhook_timeout, extensions=extensions)
        status = answer.status_code
        if not 200 <= status < 300:
            error = f"the receiver answered {status}"
    except WebhookRefused as exc:
        error, refused = exc.message, True
    except FetchError as exc:
        error = exc.message
    except httpx.HTTPError as exc:
        error = f"could not reach the receiver ({type(exc).__name__}: {exc})"
    attempts = row.attempts + 1
    values: dict[str, Any] = {"attempts": attempts, "last_status": status, "last_error": error}
    if error is None:
        values.update(state="delivered", delivered_at=time.time())
    elif refused or attempts >= settings.webhook_attempts:
        values.update(state="failed")
    else:
        values.update(next_attempt_at=time.time() + settings.retry_base_seconds * 2 ** (attempts - 1))
    deliveries.record(engine, row.id, values)


class Deliverer:
    """A thread that hands due webhook deliveries to a pool of senders until stopped.

    Deliveries go out concurrently, at most :data:`PER_RECEIVER` to one
    receiver and :data:`SENDERS` in all, so a receiver that takes the whole
    timeout to answer holds up only its own deliveries: another key's
    retries keep their 1, 2, 4 s schedule. A delivery in flight is never
    handed out twice; when one ends the thread wakes to schedule its retry.
    """

    def __init__(self, engine: sa.Engine, settings: Settings, wake: threading.Event) -> None:
        self.engine = engine
        self.settings = settings
        self.wake = wake
        self.stopping = threading.Event()
        self.thread = threading.Thread(target=self._run, name="khulasa-webhooks", daemon=True)
        self.lock = threading.Lock()
        self.in_flight: dict[int, str] = {}
        """Delivery id → receiver, for those being sent now."""

    def start(self) -> None:
        self.thread.start()

    def stop(self) -> None:
        self.stopping.set()
        self.wake.set()
        self.thread.join(timeout=self.settings.webhook_timeout + 1)

    def _run(self) -> None:
        with (
            httpx.Client(follow_redirects=False, trust_env=False, limits=httpx.Limits(max_connections=SENDERS)) as client,
            ThreadPoolExecutor(SENDERS, thread_name_prefix="khulasa-webhook") as senders,
        ):
            while not self.stopping.is_set():
                self.wake.clear()  # before looking: a wake-up that comes while dispatching is kept for the wait
                try:
                    wait = self._dispatch(client, senders)
                except sa.exc.SQLAlchemyError:
                    wait = 0.5
                self.wake.wait(wait)
            senders.shutdown(wait=False, cancel_futures=True)

    def _dispatch(self, client: httpx.Client, senders: ThreadPoolExecutor) -> float:
        """Start every due delivery the limits allow; return how long to wait before looking again."""
        with self.lock:
            busy = frozenset(self.in_flight)
            per_receiver = Counter(self.in_flight.values())
        free = SENDERS - len(busy)
        if free > 0:
            for row in deliveries.due(self.engine, time.time(), 200, busy):
                receiver = receiver_of(row.url)
                if free == 0:
                    break
                if per_receiver[receiver] >= PER_RECEIVER:
                    continue
                per_receiver[receiver] += 1
                free -= 1
                with self.lock:
                    self.in_flight[row.id] = receiver
                senders.submit(self._send, client, row)
        now = time.time()
        upcoming = deliveries.next_due(self.engine, now)
        return 0.5 if upcoming is None else min(0.5, max(0.01, upcoming - now))

    def _send(self, client: httpx.Client, row: Any) -> None:
        try:
            deliver(self.engine, self.settings, client, row)
        except Exception:  # a database hiccup: the row stays pending and is tried again
            logger.exception("webhook delivery %s could not be recorded", row.id)
        finally:
            with self.lock:
                del self.in_flight[row.id]
            self.wake.set()
