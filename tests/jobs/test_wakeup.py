"""LISTEN/NOTIFY on PostgreSQL: a worker learns of a job queued by another server when it is committed, not at its next poll."""

from __future__ import annotations

import threading

import pytest
import sqlalchemy as sa

from khulasa.jobs import wakeup
from khulasa.model import Article
from khulasa.store import articles, jobs
from tests.web.articles import HARBOUR, LIBRARY


@pytest.fixture
def listening(engine: sa.Engine) -> tuple[wakeup.Listener, threading.Event]:
    if engine.dialect.name == "sqlite":
        assert wakeup.listener(engine, lambda: None) is None  # nothing to listen for: workers poll
        pytest.skip("SQLite has no notifications; its workers poll twice a second")
    woken = threading.Event()
    made = wakeup.listener(engine, woken.set)
    assert made is not None
    return made, woken


def test_a_job_queued_by_another_server_wakes_the_worker_when_it_is_committed(
    engine: sa.Engine, listening: tuple[wakeup.Listener, threading.Event]
) -> None:
    listener, woken = listening
    listener.start()
    try:
        assert listener.listening.wait(10)
        woken.wait(2)  # the wake-up every listener gives on connecting
        woken.clear()
        with engine.begin() as conn:  # the API server's transaction, on a connection of its own
            jobs.enqueue(conn, article_id=1, version_id=1)
            assert not woken.wait(0.5), "woken before the job could be claimed"
        assert woken.wait(wakeup.POLL_SECONDS / 2), "not woken within half a poll interval of the commit"
    finally:
        listener.stop()


def test_a_job_given_back_at_shutdown_wakes_the_other_workers(
    engine: sa.Engine, listening: tuple[wakeup.Listener, threading.Event]
) -> None:
    listener, woken = listening
    articles.upsert(engine, "a-1", Article(text=LIBRARY), key_id=None)
    articles.upsert(engine, "a-2", Article(text=HARBOUR), key_id=None)
    job = jobs.claim(engine, 30)
    assert job is not None
    listener.start()
    try:
        assert listener.listening.wait(10)
        woken.wait(2)
        woken.clear()
        jobs.release(engine, [job.id])
        assert woken.wait(wakeup.POLL_SECONDS / 2)
    finally:
        listener.stop()
