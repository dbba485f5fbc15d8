"""The local job runner: a pool of threads started with the server.

Each worker claims a job, holds its lease (a keeper thread renews the leases
of every job this process holds), does the work and records the result in
one transaction. Failures a retry may cure (a busy database, a voice server
that did not answer) are retried with exponential backoff; bad input fails
at once. A job whose server was killed is claimed again once its lease runs
out, so an acknowledged article always ends done or failed.
"""

from __future__ import annotations

import contextlib
import logging
import os
import threading
import time
from collections.abc import Callable
from dataclasses import replace

import sqlalchemy as sa

from khulasa.config import Settings
from khulasa.errors import ConfigError, KhulasaError, MissingDependency
from khulasa.jobs import wakeup, webhooks, work
from khulasa.jobs.metrics import StageTimes
from khulasa.store import articles, jobs
from khulasa.store import lexicon as dictionary
from khulasa.store.blobs import BlobStore
from khulasa.store.jobs import Job

IDLE_POLL_SECONDS = 0.5

log = logging.getLogger(__name__)


def is_transient(exc: BaseException) -> bool:
    """Whether trying again later may succeed: not for bad input or a wrong setting."""
    if isinstance(exc, KhulasaError):
        return exc.status >= 500 and not isinstance(exc, ConfigError | MissingDependency)
    return True


TEST_DELAY = "KHULASA_TEST_JOB_DELAY"
"""A test hook, not a setting: seconds each job waits before its work, so a test can stop a server mid-job."""


class Runner:
    """Works the job table with ``settings.workers`` threads until stopped."""

    def __init__(
        self, engine: sa.Engine, blobs: BlobStore, settings: Settings, times: StageTimes, on_change: Callable[[], None]
    ) -> None:
        self.engine = engine
        self.blobs = blobs
        self.settings = settings
        self.times = times
        self.on_change = on_change
        self.test_delay = float(os.environ.get(TEST_DELAY) or 0)
        """Seconds each job waits before its work: 0 but in tests (see :data:`TEST_DELAY`)."""
        self.stopping = threading.Event()
        self.jobs_waiting = threading.Event()
        self.webhooks_waiting = threading.Event()
        self._held: set[int] = set()
        self._lock = threading.Lock()
        self._threads = [
            threading.Thread(target=self._work, name=f"khulasa-job-{n}", daemon=True) for n in range(settings.workers)
        ]
        self._threads.append(threading.Thread(target=self._keep_leases, name="khulasa-leases", daemon=True))
        self.listener = wakeup.listener(engine, self.notify)  # PostgreSQL: woken by NOTIFY, so polling can be rare
        self.idle_poll = IDLE_POLL_SECONDS if self.listener is None else wakeup.POLL_SECONDS
        self.deliverer = webhooks.Deliverer(engine, settings, self.webhooks_waiting)

    def start(self) -> None:
        """Start the workers, the lease keeper and the webhook sender."""
        for thread in self._threads:
            thread.start()
        if self.listener is not None:
            self.listener.start()
        self.deliverer.start()

    def stop(self, timeout: float = 3.0) -> None:
        """Ask every thread to stop; jobs still running go back to the queue for the next start."""
        self.stopping.set()
        self.jobs_waiting.set()
        deadline = time.monotonic() + timeout
        for thread in self._threads:
            thread.join(timeout=max(deadline - time.monotonic(), 0.01))
        with self._lock:
            held = list(self._held)
        with contextlib.suppress(sa.exc.SQLAlchemyError):  # if this fails, the leases run out instead
            jobs.release(self.engine, held)
        if self.listener is not None:
            self.listener.stop()
        self.deliverer.stop()

    def notify(self) -> None:
        """Wake an idle worker: a job was just queued."""
        self.jobs_waiting.set()

    def _keep_leases(self) -> None:
        interval = self.settings.job_lease_seconds / 3
        while not self.stopping.wait(interval):
            with self._lock:
                held = list(self._held)
            with contextlib.suppress(sa.exc.SQLAlchemyError):  # tried again next interval, well before the lease runs out
                jobs.renew(self.engine, held, self.settings.job_lease_seconds)

    def _work(self) -> None:
        while not self.stopping.is_set():
            try:
                job = jobs.claim(self.engine, self.settings.job_lease_seconds)
            except sa.exc.SQLAlchemyError:
                job = None
            if job is None:
                self.jobs_waiting.wait(self.idle_poll)
                self.jobs_waiting.clear()
                continue
            with self._lock:
                self._held.add(job.id)
            log.info("took job %d (article %d, version %d, try %d)", job.id, job.article_id, job.version_id, job.attempts)
            try:
                self._run(job)
            except Exception:  # the database failed while recording: the lease runs out and the job is tried again
                log.exception("recording the outcome of job %d failed; it is tried again when its lease runs out", job.id)
            finally:
                with self._lock:
                    self._held.discard(job.id)

    def _run(self, job: Job) -> None:
        settings = self.settings
        if job.attempts > settings.job_attempts:
            self._fail(
                job, "job_interrupted", f"the job was interrupted {job.attempts - 1} times; send the article again to retry."
            )
            return
        try:
            if self.test_delay and self.stopping.wait(self.test_delay):
                jobs.release(self.engine, [job.id])  # stopping: back to the queue, as stop() does for work in progress
                return
            article = articles.article_for(self.engine, job.version_id)
            if article is None:  # deleted while queued
                with self.engine.begin() as conn:
                    jobs.finish(conn, job, "done")
                return
            chosen = articles.narrate_choice(self.engine, job.article_id)  # the PUT's narrate, over the setting
            given = articles.edited_summary(self.engine, job.version_id)  # an editor's bullets: read aloud, not remade
            made = work.make(
                article,
                replace(settings, narrate=chosen) if chosen else settings,
                self.blobs,
                self.times,
                lambda: articles.is_current(self.engine, job),
                lexicon=dictionary.current(self.engine),  # read per job: a change reaches the next audio made
                made_summary=articles.made_summary(self.engine, job.version_id),
                given=given,
                article_audio=articles.article_audio_before(self.engine, job.version_id) if given else None,
            )
            if made is None:  # superseded by a newer version (queued already) or deleted
                with self.engine.begin() as conn:
                    jobs.finish(conn, job, "done", "superseded", "a newer version was sent, or the article was deleted")
                return
            with self.engine.begin() as conn:
                kept = articles.record_done(
                    conn,
                    job,
                    made.summary,
                    made.narration,
                    made.files,
                    made.audio_note,
                    made.audio_error,
                    made.article_narration,
                    publish=settings.publish,
                )
            if made.audio_error:
                log.error(
                    "job %d (article %d %r, version %d) quarantined, summary kept: %s",
                    job.id, job.article_id, article.title or "", job.version_id, made.audio_note,
                )  # fmt: skip
            if not kept:
                articles.drop_unused(self.engine, self.blobs, [f.blob for f in made.files])
        except Exception as exc:
            code = exc.code if isinstance(exc, KhulasaError) else "internal_error"
            message = (
                exc.message if isinstance(exc, KhulasaError) else f"the job failed unexpectedly ({type(exc).__name__}: {exc})"
            )
            if is_transient(exc) and job.attempts < settings.job_attempts:
                delay = settings.retry_base_seconds * 2 ** (job.attempts - 1)
                jobs.retry_later(self.engine, job, delay, code, message)
            else:
                self._fail(job, code, message)
        self.on_change()
        self.webhooks_waiting.set()

    def _fail(self, job: Job, code: str, message: str) -> None:
        with self.engine.begin() as conn:
            articles.record_failed(conn, job, code, message)
        self.on_change()
        self.webhooks_waiting.set()
