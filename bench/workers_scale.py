"""How the job queue scales with worker processes on PostgreSQL: jobs/s, collided claims, jobs run twice, jobs lost.

Starts its own throw-away PostgreSQL cluster (tests/postgres.py: initdb and pg_ctl
from Debian's ``postgresql`` package, a Unix socket in a temporary folder), stores
``--jobs`` articles once with ``store.articles.upsert`` (each queues one job, as a PUT
does), then for 1, 2, 4 and 8 worker processes drains a fresh copy of that database.

Each worker process works the queue through the queue's public functions, as the
runner does (``claim`` with a lease, a thread renewing the leases it holds,
``finish``), but the summary and audio are a stub: ``--cost-ms`` of CPU per job, so
the figures are the queue's and not the voice's. A job's completion is recorded in
``bench_runs`` in the same transaction as its ``finish``, so "run twice" counts jobs
finished more than once, and "lost" counts jobs never finished. A claim that found
its job (or the job's article) taken by another worker first counts as collided.

The last run starts 8 workers and kills half of them (SIGKILL, as ``kill -9``) when
half the jobs are done; the others take up the killed workers' jobs once their leases
(``--lease``) run out.

    PYTHONPATH=src .venv/bin/python bench/workers_scale.py [--jobs 5000] [--cost-ms 10] [--workers 1,2,4,8]
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import signal
import subprocess
import sys
import threading
import time
from dataclasses import dataclass
from pathlib import Path

import sqlalchemy as sa

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # tests/postgres.py: the same throw-away cluster the tests use

from tests.postgres import Cluster, missing

from khulasa import config
from khulasa.model import Article
from khulasa.store import articles, database, jobs

IDLE_SECONDS = 0.05
TEXT = (
    "أعلنت بلدية المدينة افتتاح مكتبة عامة جديدة في الحي الشرقي تضم أكثر من عشرين ألف كتاب وقاعة للأطفال.\n"
    "وقال رئيس البلدية إن المكتبة ستفتح أبوابها يوميا من التاسعة صباحا حتى التاسعة مساء، بما في ذلك أيام العطل.\n"
)
RUNS = sa.Table(
    "bench_runs",
    sa.MetaData(),
    sa.Column("job_id", sa.Integer, nullable=False),
    sa.Column("worker", sa.Integer, nullable=False),
)


class Collisions(logging.Handler):
    """Counts the queue's "collided" notes: claims that lost their job to another worker."""

    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.count = 0

    def emit(self, record: logging.LogRecord) -> None:
        if "collided" in record.msg:
            self.count += 1


def burn(seconds: float) -> None:
    """The stub for summary and audio: ``seconds`` of this process's CPU time."""
    until = time.process_time() + seconds
    while time.process_time() < until:
        pass


def work(url: str, number: int, cost: float, lease: float) -> None:
    """One worker process: claim, burn, finish, until nothing is queued or running; prints its counts as JSON."""
    collisions = Collisions()
    jobs.log.addHandler(collisions)
    jobs.log.setLevel(logging.DEBUG)
    jobs.log.propagate = False
    engine = sa.create_engine(url)
    held: set[int] = set()
    lock = threading.Lock()
    stopping = threading.Event()

    def keep_leases() -> None:
        while not stopping.wait(lease / 3):
            with lock:
                ids = list(held)
            jobs.renew(engine, ids, lease)

    keeper = threading.Thread(target=keep_leases, daemon=True)
    keeper.start()
    jobs.counts(engine)  # connected: the start-up (imports, first connection) is not timed
    print("ready", flush=True)
    sys.stdin.readline()  # "go", once every worker is ready
    done = idle = 0
    while True:
        job = jobs.claim(engine, lease)
        if job is None:
            left = jobs.counts(engine)
            if left["queued"] == 0 and left["running"] == 0:
                break
            idle += 1
            time.sleep(IDLE_SECONDS)
            continue
        with lock:
            held.add(job.id)
        burn(cost)
        with engine.begin() as conn:
            jobs.finish(conn, job, "done")
            conn.execute(RUNS.insert().values(job_id=job.id, worker=number))
        with lock:
            held.discard(job.id)
        done += 1
    stopping.set()
    engine.dispose()
    print(json.dumps({"done": done, "collided": collisions.count, "idle_polls": idle}), flush=True)


@dataclass
class Result:
    """One run's figures."""

    workers: int
    killed: int
    seconds: float
    collided: int
    twice: int
    lost: int
    retaken: int
    jobs: int

    @property
    def rate(self) -> float:
        return self.jobs / self.seconds


def fill(cluster: Cluster, jobs: int) -> str:
    """A database with ``jobs`` articles stored, each with its queued job; returns its name (a template for the runs)."""
    name = "khulasa_bench_filled"
    cluster._admin(f"CREATE DATABASE {name} TEMPLATE khulasa_template")
    url = cluster.url(name)
    engine = database.connect(config.load(environ={}, database_url=url))
    try:
        RUNS.create(engine)
        for n in range(jobs):
            articles.upsert(engine, f"bench-{n}", Article(text=f"{TEXT}الخبر رقم {n}."), key_id=None)
    finally:
        engine.dispose()
    return name


def drain(cluster: Cluster, filled: str, workers: int, killed: int, cost: float, lease: float) -> Result:
    """Start ``workers`` processes on a fresh copy of ``filled``; kill ``killed`` of them when half the jobs are done."""
    with cluster.database(copy_of=filled) as url:
        sa_url = database.database_url(config.load(environ={}, database_url=url))
        engine = sa.create_engine(sa_url)
        total = jobs.counts(engine)["queued"]
        command = [sys.executable, __file__, "--worker-of", sa_url, "--cost-ms", str(cost * 1000), "--lease", str(lease)]
        procs = [
            subprocess.Popen([*command, "--number", str(n)], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
            for n in range(workers)
        ]
        for proc in procs:
            assert proc.stdout is not None and proc.stdout.readline().strip() == "ready"
        started = time.perf_counter()
        for proc in procs:
            assert proc.stdin is not None
            proc.stdin.write("go\n")
            proc.stdin.flush()
        if killed:
            while jobs.counts(engine)["done"] < total // 2:
                time.sleep(0.05)
            for proc in procs[:killed]:
                proc.send_signal(signal.SIGKILL)
        reports = [json.loads(out) for p in procs if (out := p.communicate()[0].strip())]  # the killed print nothing
        seconds = time.perf_counter() - started
        with engine.connect() as conn:
            twice = conn.execute(
                sa.select(sa.func.count()).select_from(
                    sa.select(RUNS.c.job_id).group_by(RUNS.c.job_id).having(sa.func.count() > 1).subquery()
                )
            ).scalar_one()
            finished = conn.execute(sa.select(sa.func.count(sa.distinct(RUNS.c.job_id)))).scalar_one()
            retaken = conn.exec_driver_sql("SELECT count(*) FROM jobs WHERE attempts > 1").scalar_one()
        states = jobs.counts(engine)
        engine.dispose()
    assert states["done"] == finished, (states, finished)
    return Result(workers, killed, seconds, sum(r["collided"] for r in reports), twice, total - finished, retaken, total)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--jobs", type=int, default=5000)
    parser.add_argument("--cost-ms", type=float, default=10.0, help="CPU time of the stub work per job")
    parser.add_argument("--workers", default="1,2,4,8")
    parser.add_argument("--lease", type=float, default=2.0, help="job lease in seconds (how soon a killed worker's job is free)")
    parser.add_argument("--no-kill", action="store_true", help="skip the run that kills half the workers")
    parser.add_argument("--worker-of", help=argparse.SUPPRESS)
    parser.add_argument("--number", type=int, default=0, help=argparse.SUPPRESS)
    args = parser.parse_args()
    cost = args.cost_ms / 1000
    if args.worker_of:
        work(args.worker_of, args.number, cost, args.lease)
        return
    reason = missing()
    if reason:
        sys.exit(f"workers_scale: {reason}.")
    counts = [int(n) for n in args.workers.split(",")]
    cluster = Cluster.start()
    try:
        started = time.perf_counter()
        filled = fill(cluster, args.jobs)
        print(f"stored {args.jobs} articles in {time.perf_counter() - started:.1f} s; stub work: {args.cost_ms:g} ms CPU per job")
        print(f"PostgreSQL {cluster.bin_dir.parent.name}, {os.cpu_count()} cores, lease {args.lease:g} s")
        print(f"load average before: {os.getloadavg()[0]:.1f} (other processes on the machine share its cores)")
        runs = [drain(cluster, filled, n, 0, cost, args.lease) for n in counts]
        if not args.no_kill:
            most = max(counts)
            runs.append(drain(cluster, filled, most, most // 2, cost, args.lease))
    finally:
        cluster.stop()
    print(f"load average after: {os.getloadavg()[0]:.1f}")
    base = runs[0].rate
    print("| workers | jobs/s | vs 1 worker | collided claims | run twice | lost | taken up after a lease ran out | seconds |")
    print("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
    for r in runs:
        name = f"{r.workers}" + (f", {r.killed} killed -9 half-way" if r.killed else "")
        cells = [name, f"{r.rate:.1f}", f"{r.rate / base:.2f}x", r.collided, r.twice, r.lost, r.retaken, f"{r.seconds:.1f}"]
        print("| " + " | ".join(str(c) for c in cells) + " |")


if __name__ == "__main__":
    main()
