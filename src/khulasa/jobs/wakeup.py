"""Wake idle workers the moment a job is queued: PostgreSQL's LISTEN/NOTIFY.

:func:`khulasa.jobs.jobs.enqueue` and :func:`~khulasa.jobs.jobs.release` send
``NOTIFY khulasa_jobs`` inside their transaction, so the notice goes out when the
job is there to be claimed. Every process that works the queue keeps one connection
listening and wakes its idle workers: a job queued by an API server on another
machine starts at once, and idle workers poll only every :data:`POLL_SECONDS`, for
what no notice announces (a retry coming due, a dead worker's lease running out).
SQLite has no such channel; there workers poll twice a second, as they always did.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable

import sqlalchemy as sa

from khulasa.store.jobs import CHANNEL

POLL_SECONDS = 2.0
"""How often an idle worker looks at the queue anyway while it is listening."""

log = logging.getLogger(__name__)


class Listener:
    """A thread holding one PostgreSQL connection that LISTENs, calling ``wake`` for each notice."""

    def __init__(self, engine: sa.Engine, wake: Callable[[], None]) -> None:
        self.dsn = engine.url.set(drivername="postgresql").render_as_string(hide_password=False)
        self.wake = wake
        self.stopping = threading.Event()
        self.listening = threading.Event()
        self._thread = threading.Thread(target=self._listen, name="khulasa-wakeup", daemon=True)

    def start(self) -> None:
        self._thread.start()

    def stop(self) -> None:
        self.stopping.set()
        self._thread.join(timeout=2.0)

    def _listen(self) -> None:
        import psycopg

        while not self.stopping.is_set():
            try:
                with psycopg.connect(self.dsn, autocommit=True) as conn:
                    conn.execute(f"LISTEN {CHANNEL}")
                    self.listening.set()
                    self.wake()  # whatever was queued while nobody listened
                    while not self.stopping.is_set():
                        for _notice in conn.notifies(timeout=0.5):
                            self.wake()
            except psycopg.Error as exc:  # the workers still poll meanwhile; listen again shortly
                self.listening.clear()
                log.warning("not listening for new jobs (%s); trying again in 5 s", str(exc).strip().splitlines()[0])
                self.stopping.wait(5.0)


def listener(engine: sa.Engine, wake: Callable[[], None]) -> Listener | None:
    """A listener for ``engine``'s database, or None where there is no notice to listen for (SQLite)."""
    return Listener(engine, wake) if engine.dialect.name == "postgresql" else None
