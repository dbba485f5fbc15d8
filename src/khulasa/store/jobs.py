"""The job table as a queue: enqueue, claim with a lease, renew, finish, retry.

A job is claimed by a compare-and-set UPDATE, so two workers never take the
same one; on PostgreSQL the candidates are read ``FOR UPDATE SKIP LOCKED``, so
workers claiming at once each lock different jobs instead of queueing behind
one row and then finding it taken (SQLite has one writer at a time, so its
claims never meet). A partial unique index allows one running job per article; a
claimed job holds a lease its worker renews, and a job whose lease ran out
(its server was killed) is claimed again by the next worker that looks.
Each article has at most one queued job: a newer version replaces the
version of the queued job instead of adding another.
"""

from __future__ import annotations

import logging
import time
from dataclasses import dataclass

import sqlalchemy as sa

from khulasa.errors import NativeCrash
from khulasa.store.database import reading
from khulasa.store.schema import articles, jobs

STATES = ("queued", "running", "done", "failed")
CHANNEL = "khulasa_jobs"
"""PostgreSQL's notification channel for "a job can be claimed" (see :mod:`khulasa.jobs.wakeup`)."""

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Job:
    """A claimed job: which version of which article to work on, and which try this is."""

    id: int
    """Row id."""
    article_id: int
    """The article's row id."""
    version_id: int
    """The version whose summary and audio are to be made."""
    attempts: int
    """Tries so far, this one included."""


def enqueue(conn: sa.Connection, article_id: int, version_id: int) -> None:
    """Queue work for ``version_id``, reusing the article's queued job if it has one."""
    now = time.time()
    queued = conn.execute(sa.select(jobs.c.id).where(jobs.c.article_id == article_id, jobs.c.state == "queued")).first()
    if queued:
        conn.execute(jobs.update().where(jobs.c.id == queued.id).values(version_id=version_id, attempts=0, run_after=now))
    else:
        conn.execute(
            jobs.insert().values(
                article_id=article_id, version_id=version_id, state="queued", attempts=0, run_after=now, created_at=now
            )
        )
    _announce(conn)


def forget(conn: sa.Connection, article_id: int) -> None:
    """Drop the article's jobs that are not running (it is being deleted); a running one finishes and finds it gone."""
    conn.execute(jobs.delete().where(jobs.c.article_id == article_id, jobs.c.state != "running"))


def _announce(conn: sa.Connection) -> None:
    """Tell listening workers a job can be claimed; sent when the caller's transaction commits (PostgreSQL only)."""
    if conn.dialect.name == "postgresql":
        conn.exec_driver_sql(f"NOTIFY {CHANNEL}")


def claim(engine: sa.Engine, lease_seconds: float) -> Job | None:
    """Take the next job that is due (or whose worker's lease ran out); None when there is none."""
    now = time.time()
    other = jobs.alias("other")
    busy = sa.exists().where(other.c.article_id == jobs.c.article_id, other.c.state == "running", other.c.id != jobs.c.id)
    due = sa.or_(
        sa.and_(jobs.c.state == "queued", jobs.c.run_after <= now, ~busy),
        sa.and_(jobs.c.state == "running", jobs.c.lease_until < now),
    )
    candidates = sa.select(jobs).where(due).order_by(jobs.c.run_after, jobs.c.id)
    if engine.dialect.name == "postgresql":
        # rows another worker is claiming are passed over, not waited for only to find them taken;
        # one row, so no job is held locked (and so skipped by everyone else) by a claim that takes another
        candidates = candidates.limit(1).with_for_update(of=jobs, skip_locked=True)
    else:
        candidates = candidates.limit(5)
    with engine.begin() as conn:
        for row in conn.execute(candidates):
            try:
                with conn.begin_nested():
                    taken = conn.execute(
                        jobs.update()
                        .where(jobs.c.id == row.id, jobs.c.state == row.state, jobs.c.attempts == row.attempts)
                        .values(state="running", lease_until=now + lease_seconds, attempts=row.attempts + 1)
                    ).rowcount
            except sa.exc.IntegrityError:  # another job of this article started meanwhile
                log.debug("job %d collided: another job of article %d started first", row.id, row.article_id)
                continue
            if not taken:
                log.debug("job %d collided: another worker claimed it first", row.id)
            else:
                conn.execute(
                    articles.update()
                    .where(articles.c.id == row.article_id, articles.c.version_id == row.version_id)
                    .values(state="running", updated_at=now)
                )
                return Job(id=row.id, article_id=row.article_id, version_id=row.version_id, attempts=row.attempts + 1)
    return None


def renew(engine: sa.Engine, job_ids: list[int], lease_seconds: float) -> None:
    """Extend the leases of jobs this process is still working on."""
    if not job_ids:
        return
    with engine.begin() as conn:
        conn.execute(
            jobs.update().where(jobs.c.id.in_(job_ids), jobs.c.state == "running").values(lease_until=time.time() + lease_seconds)
        )


def release(engine: sa.Engine, job_ids: list[int]) -> None:
    """Give running jobs back to the queue at once (a clean shutdown), without counting a try."""
    if not job_ids:
        return
    with engine.begin() as conn:
        conn.execute(
            jobs.update()
            .where(jobs.c.id.in_(job_ids), jobs.c.state == "running")
            .values(state="queued", lease_until=None, attempts=jobs.c.attempts - 1)
        )
        _announce(conn)


def finish(conn: sa.Connection, job: Job, state: str, code: str | None = None, message: str | None = None) -> None:
    """Mark ``job`` done or failed (inside the caller's transaction, with the results it stores)."""
    conn.execute(
        jobs.update()
        .where(jobs.c.id == job.id)
        .values(state=state, lease_until=None, finished_at=time.time(), error_code=code, error_message=message)
    )


def retry_later(engine: sa.Engine, job: Job, delay: float, code: str, message: str) -> None:
    """Put ``job`` back in the queue to run again after ``delay`` seconds."""
    with engine.begin() as conn:
        conn.execute(
            jobs.update()
            .where(jobs.c.id == job.id, jobs.c.state == "running")
            .values(state="queued", lease_until=None, run_after=time.time() + delay, error_code=code, error_message=message)
        )
        conn.execute(
            articles.update()
            .where(articles.c.id == job.article_id, articles.c.version_id == job.version_id)
            .values(state="queued", updated_at=time.time())
        )


def counts(engine: sa.Engine) -> dict[str, int]:
    """How many jobs are in each state (every state listed, zeros included)."""
    with reading(engine) as conn:
        rows = conn.execute(sa.select(jobs.c.state, sa.func.count()).group_by(jobs.c.state)).all()
        found: dict[str, int] = {str(state): int(n) for state, n in rows}
    return {state: found.get(state, 0) for state in STATES}


QUARANTINED = NativeCrash.code
"""The error code of jobs whose text crashed native code: finished at once, never retried."""


def quarantined(engine: sa.Engine) -> int:
    """How many jobs in the table ended because their text crashed the voice or the diacritizer."""
    with reading(engine) as conn:
        return int(conn.execute(sa.select(sa.func.count()).where(jobs.c.error_code == QUARANTINED)).scalar_one())
