"""`khulasa worker`: the job runner, webhook deliveries and feed poller without the HTTP API.

A newsroom that outgrows one machine runs API-only servers (`khulasa serve
--no-jobs`) and any number of workers against one database (PostgreSQL) and
one blob store (an S3-compatible bucket, KHULASA_BLOB_URL). Workers need no coordination beyond the job table: a claim is a
compare-and-set, so two workers never take the same job, and a claimed job
holds a lease, so a worker killed outright (kill -9) loses nothing: its jobs
are taken up again once their leases run out. SIGTERM or SIGINT stops a
worker cleanly, its running jobs given back to the queue at once, as the
server does when it shuts down.
"""

from __future__ import annotations

import logging
import signal
import threading
from types import FrameType

from khulasa.config import Settings
from khulasa.jobs.metrics import StageTimes
from khulasa.jobs.poller import Poller
from khulasa.jobs.runner import Runner
from khulasa.store import database
from khulasa.store.blobs import BlobStore, open_blob_store

log = logging.getLogger(__name__)


class Worker:
    """A runner and (when ``source_polling`` is on) a poller over one database, until :meth:`stop`."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.engine = database.connect(settings)
        self.blobs: BlobStore = open_blob_store(settings)
        self.runner = Runner(self.engine, self.blobs, settings, StageTimes(), on_change=lambda: None)
        self.poller = (
            Poller(self.engine, settings, on_upsert=lambda _external_id, queued: self._stored(queued))
            if settings.source_polling
            else None
        )

    def start(self) -> None:
        """Start working the queue, sending webhooks and (if on) polling feeds."""
        self.runner.start()
        if self.poller is not None:
            self.poller.start()

    def stop(self) -> None:
        """Stop polling, then stop the runner: jobs still running go back to the queue."""
        if self.poller is not None:
            self.poller.stop()
        self.runner.stop()
        self.engine.dispose()

    def _stored(self, queued: bool) -> None:
        if queued:
            self.runner.notify()


def run(settings: Settings) -> None:
    """Work until SIGTERM or SIGINT (Ctrl-C), then stop cleanly; what ``khulasa worker`` calls."""
    logging.basicConfig(level=logging.WARNING, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    # our own news at INFO; the libraries' (alembic's plugins, botocore's credentials) only when something is wrong
    logging.getLogger("khulasa").setLevel(logging.INFO)
    stopping = threading.Event()

    def _stop(signum: int, _frame: FrameType | None) -> None:
        log.info("%s received: stopping after giving running jobs back to the queue", signal.Signals(signum).name)
        stopping.set()

    previous = {sig: signal.signal(sig, _stop) for sig in (signal.SIGTERM, signal.SIGINT)}
    try:
        worker = Worker(settings)
        worker.start()
        polling = "polling feeds" if worker.poller is not None else "not polling feeds"
        log.info(
            "worker started on %s with %d job thread(s), %s",
            worker.engine.url.render_as_string(hide_password=True),
            settings.workers,
            polling,
        )
        try:
            while not stopping.wait(1.0):
                pass
        finally:
            worker.stop()
        log.info("worker stopped")
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)
