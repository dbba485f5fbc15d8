"""What the routes share while the server runs: database, blob store, runner, response cache.

Built in the app's lifespan (never at import), so creating an app does no
work and a test can make as many as it likes.
"""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import sqlalchemy as sa
from fastapi import Request

from khulasa.config import Settings
from khulasa.jobs.metrics import StageTimes
from khulasa.jobs.poller import Poller
from khulasa.jobs.runner import Runner
from khulasa.store.blobs import BlobStore

if TYPE_CHECKING:
    from khulasa.web.listening import Intake


class ItemCache:
    """Finished items' JSON answers, kept a few seconds; every write through this server clears them."""

    MAX_ITEMS = 10_000
    """Most answers kept at once (finished items are typically tens of kilobytes each)."""

    def __init__(self, seconds: float) -> None:
        self.seconds = seconds
        self._lock = threading.Lock()
        self._items: dict[str, tuple[float, bytes, str]] = {}

    def get(self, external_id: str) -> tuple[bytes, str] | None:
        """The cached (body, ETag) of a finished item, if fresh."""
        entry = self._items.get(external_id)
        if entry is None or entry[0] < time.monotonic():
            return None
        return entry[1], entry[2]

    def put(self, external_id: str, body: bytes, etag: str) -> None:
        """Keep a finished item's answer; past ``MAX_ITEMS`` the stale, then the oldest, make room."""
        if self.seconds <= 0:
            return
        now = time.monotonic()
        with self._lock:
            if len(self._items) >= self.MAX_ITEMS:
                for stale in [k for k, (until, _, _) in self._items.items() if until < now]:
                    del self._items[stale]
                while len(self._items) >= self.MAX_ITEMS:
                    del self._items[next(iter(self._items))]
            self._items.pop(external_id, None)
            self._items[external_id] = (now + self.seconds, body, etag)

    def forget(self, external_id: str | None = None) -> None:
        """Drop one item's answer, or every answer."""
        with self._lock:
            if external_id is None:
                self._items.clear()
            else:
                self._items.pop(external_id, None)


@dataclass
class Service:
    """The running server's parts."""

    settings: Settings
    """The settings the app was made with."""
    engine: sa.Engine
    """The migrated database."""
    blobs: BlobStore
    """Where audio and timing files live."""
    times: StageTimes
    """Stage durations for /metrics."""
    cache: ItemCache
    """Finished items' JSON answers."""
    runner: Runner | None = field(default=None)
    """The job runner, once started."""
    poller: Poller | None = field(default=None)
    """The feed sources' poller, once started."""
    intake: Intake | None = field(default=None)
    """Where readers' listening events go, while analytics are on."""

    def stored(self, external_id: str, queued: bool) -> None:
        """An article was upserted (by the API, the demo or a feed): drop its cached answer, wake a worker if a job was queued."""
        self.cache.forget(external_id)
        if queued and self.runner is not None:
            self.runner.notify()

    def wake_webhooks(self) -> None:
        """An event was written outside a job (a review): have the sender look now rather than at its next poll."""
        if self.runner is not None:
            self.runner.webhooks_waiting.set()


def service_of(request: Request) -> Service:
    """The :class:`Service` of the app handling ``request``."""
    svc: Service = request.app.state.service
    return svc
