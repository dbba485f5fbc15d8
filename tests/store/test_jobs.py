"""The job table as a queue: one claim per job, one running job per article, leases that run out."""

from __future__ import annotations

import time
from concurrent.futures import ThreadPoolExecutor

import pytest
import sqlalchemy as sa

from khulasa.model import Article
from khulasa.store import articles, jobs
from tests.web.articles import HARBOUR, LIBRARY


def test_each_job_is_claimed_once_even_by_many_workers(engine: sa.Engine) -> None:
    for n in range(6):
        articles.upsert(engine, f"a-{n}", Article(text=LIBRARY + f"\nسطر {n}"), key_id=None)
    with ThreadPoolExecutor(6) as pool:
        claimed = [j for j in pool.map(lambda _: jobs.claim(engine, 30), range(12)) if j is not None]
    assert sorted(j.id for j in claimed) == sorted({j.id for j in claimed}) and len(claimed) == 6
    assert jobs.counts(engine) == {"queued": 0, "running": 6, "done": 0, "failed": 0}


def test_a_new_version_waits_while_the_old_one_runs(engine: sa.Engine) -> None:
    articles.upsert(engine, "a-1", Article(text=LIBRARY), key_id=None)
    running = jobs.claim(engine, 30)
    assert running is not None
    articles.upsert(engine, "a-1", Article(text=HARBOUR), key_id=None)
    assert jobs.claim(engine, 30) is None  # the article already has a running job
    with engine.begin() as conn:
        jobs.finish(conn, running, "done")
    following = jobs.claim(engine, 30)
    assert following is not None and following.version_id != running.version_id


def test_a_job_whose_lease_ran_out_is_taken_up_again(engine: sa.Engine) -> None:
    articles.upsert(engine, "a-1", Article(text=LIBRARY), key_id=None)
    lost = jobs.claim(engine, lease_seconds=1.0)  # long enough not to run out before the next line on a busy machine
    assert lost is not None and jobs.claim(engine, 30) is None
    time.sleep(1.1)
    again = jobs.claim(engine, 30)
    assert again is not None and again.id == lost.id and again.attempts == 2


def test_renewed_leases_keep_a_job_and_release_gives_it_back(engine: sa.Engine) -> None:
    articles.upsert(engine, "a-1", Article(text=LIBRARY), key_id=None)
    job = jobs.claim(engine, lease_seconds=0.2)
    assert job is not None
    for _ in range(3):
        time.sleep(0.1)
        jobs.renew(engine, [job.id], 0.2)
    assert jobs.claim(engine, 30) is None
    jobs.release(engine, [job.id])
    back = jobs.claim(engine, 30)
    assert back is not None and back.id == job.id and back.attempts == 1


def test_a_job_another_worker_is_claiming_is_passed_over_not_waited_for(engine: sa.Engine) -> None:
    if engine.dialect.name == "sqlite":
        pytest.skip("SQLite has one writer at a time: a claim never meets another in progress")
    for n in range(2):
        articles.upsert(engine, f"a-{n}", Article(text=LIBRARY + f"\nسطر {n}"), key_id=None)
    with engine.connect() as other, ThreadPoolExecutor(1) as pool:
        other.exec_driver_sql("SELECT id FROM jobs WHERE id = 1 FOR UPDATE")  # another worker, claiming the first job
        claiming = pool.submit(jobs.claim, engine, 30)
        try:
            claimed = claiming.result(timeout=5)
        finally:
            other.rollback()  # let a blocked claim go on, pass or fail
    assert claimed is not None and claimed.id == 2
