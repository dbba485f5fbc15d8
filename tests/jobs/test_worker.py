"""Several machines in one: an API-only `khulasa serve --no-jobs` and separate `khulasa worker` processes on one database.

Each test runs twice: on the data folder's SQLite file (WAL mode), and on a
database of the run's own PostgreSQL server, as a real deployment shares;
the data folder's blob folder stands for the shared file system.
"""

from __future__ import annotations

import re
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
import sqlalchemy as sa

from khulasa import config
from khulasa.jobs.runner import TEST_DELAY
from khulasa.store import database
from tests.web.articles import HARBOUR, LIBRARY
from tests.web.conftest import Server, make_server, wait_for_state


class Worker:
    """A `khulasa worker` process with its own log file."""

    def __init__(self, server: Server, name: str, *extra: str, **settings: str) -> None:
        self.log = server.data_dir / f"{name}.log"
        command = [sys.executable, "-m", "khulasa", "worker", "--data-dir", str(server.data_dir), *extra]
        env = server.env | {f"KHULASA_{key.upper()}": value for key, value in settings.items()}
        with self.log.open("wb") as out:
            self.process = subprocess.Popen(command, env=env, stdout=out, stderr=subprocess.STDOUT)

    def text(self) -> str:
        return self.log.read_text(encoding="utf-8", errors="replace")

    def wait_for_log(self, pattern: str, timeout: float = 30) -> None:
        deadline = time.monotonic() + timeout
        while not re.search(pattern, self.text()):
            assert self.process.poll() is None, f"the worker exited: {self.text()}"
            assert time.monotonic() < deadline, f"the worker never logged {pattern!r}: {self.text()}"
            time.sleep(0.1)

    def taken(self) -> list[int]:
        """The ids of the jobs this worker took, in order."""
        return [int(n) for n in re.findall(r"took job (\d+) ", self.text())]

    def kill(self) -> None:
        """kill -9: no clean shutdown, its running job keeps its lease until the lease runs out."""
        self.process.kill()
        self.process.wait(timeout=30)

    def stop(self) -> int:
        """SIGTERM, as a service manager stops it; returns the exit status."""
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
        return self.process.wait(timeout=30)


@pytest.fixture
def api_only(tmp_path: Path, database_url: str) -> Iterator[Server]:
    """`khulasa serve --no-jobs`, given as the setting an operator would put in the environment."""
    running = make_server(tmp_path, run_jobs="false", database_url=database_url).start()
    try:
        yield running
    finally:
        running.stop()


def _jobs(server: Server) -> list[tuple[int, str, int]]:
    """Each job's id, state and tries, read from the server's database."""
    settings = config.load(environ={}, data_dir=str(server.data_dir), database_url=server.env.get("KHULASA_DATABASE_URL", ""))
    engine = sa.create_engine(database.database_url(settings))
    try:
        with engine.connect() as conn:
            rows = conn.exec_driver_sql("SELECT id, state, attempts FROM jobs ORDER BY id").all()
        return [(int(i), str(s), int(a)) for i, s, a in rows]
    finally:
        engine.dispose()


def test_the_api_only_server_queues_and_a_separate_worker_makes_playable_audio(api_only: Server) -> None:
    key = api_only.make_key("cms")
    with api_only.client(key) as api:
        assert api.put("/v1/articles/split-1", json={"text": LIBRARY}).status_code == 202
        time.sleep(1.5)  # the API server alone never takes the job
        assert api.get("/v1/articles/split-1").json()["state"] == "queued"

        worker = Worker(api_only, "worker", "--workers", "1")
        try:
            item = wait_for_state(api, "split-1", {"done", "failed"}, timeout=60)
            assert item["state"] == "done", item.get("error")
            mp3 = api.get("/v1/articles/split-1/summary.mp3")
            assert mp3.status_code == 200 and mp3.headers["content-type"] == "audio/mpeg"
            assert mp3.content[:3] == b"ID3" or mp3.content[0] == 0xFF  # an MP3 header or frame sync
            assert len(mp3.content) > 4000
        finally:
            status = worker.stop()
    assert status == 0, worker.text()
    assert worker.taken() == [1] and "worker stopped" in worker.text()
    assert " INFO alembic" not in worker.text()  # the log is the worker's news, not the migration tool's chatter


def test_two_workers_never_run_one_job_twice(api_only: Server) -> None:
    key = api_only.make_key("cms")
    # a short pause per job, so both workers are busy at once and race for the queue
    api_only.env[TEST_DELAY] = "0.3"
    workers = [Worker(api_only, f"worker-{n}", "--workers", "1") for n in (1, 2)]
    ids = [f"race-{n}" for n in range(4)]
    try:
        for worker in workers:
            worker.wait_for_log("worker started")
        with api_only.client(key) as api:
            for n, external_id in enumerate(ids):
                text = HARBOUR if n % 2 else LIBRARY
                assert api.put(f"/v1/articles/{external_id}", json={"text": text}).status_code == 202
            for external_id in ids:
                item = wait_for_state(api, external_id, {"done", "failed"}, timeout=90)
                assert item["state"] == "done", item.get("error")
    finally:
        statuses = [worker.stop() for worker in workers]
    assert statuses == [0, 0]
    taken = [job for worker in workers for job in worker.taken()]
    assert sorted(taken) == [1, 2, 3, 4], "each job taken exactly once, by one of the workers"
    assert all(worker.taken() for worker in workers), "both workers took part"
    assert _jobs(api_only) == [(n, "done", 1) for n in range(1, 5)]


def test_a_stopped_worker_gives_its_running_job_back_to_the_queue(api_only: Server) -> None:
    key = api_only.make_key("cms")
    api_only.env["KHULASA_TEST_JOB_DELAY"] = "60"  # holds the job in "running" until the worker is stopped
    worker = Worker(api_only, "worker", "--workers", "1")
    with api_only.client(key) as api:
        assert api.put("/v1/articles/handed-back", json={"text": HARBOUR}).status_code == 202
        wait_for_state(api, "handed-back", {"running"}, timeout=30)
        started = time.monotonic()
        assert worker.stop() == 0, worker.text()
        assert time.monotonic() - started < 10
    assert _jobs(api_only) == [(1, "queued", 0)]  # at once, not after the lease, and no try counted


def test_a_job_held_by_a_worker_killed_outright_is_finished_by_another_once_its_lease_runs_out(api_only: Server) -> None:
    key = api_only.make_key("cms")
    stuck = Worker(api_only, "killed", "--workers", "1", test_job_delay="60", job_lease_seconds="1")
    with api_only.client(key) as api:
        assert api.put("/v1/articles/orphan", json={"text": LIBRARY}).status_code == 202
        wait_for_state(api, "orphan", {"running"}, timeout=30)
        stuck.kill()
        assert _jobs(api_only) == [(1, "running", 1)]  # nobody gave it back: only the lease can
        survivor = Worker(api_only, "survivor", "--workers", "1", job_lease_seconds="1")
        try:
            item = wait_for_state(api, "orphan", {"done", "failed"}, timeout=60)
            assert item["state"] == "done", item.get("error")
        finally:
            assert survivor.stop() == 0, survivor.text()
    assert stuck.taken() == [1] and survivor.taken() == [1]
    assert _jobs(api_only) == [(1, "done", 2)]


def test_a_worker_refuses_a_nonsense_pool_size(tmp_path: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "khulasa", "worker", "--data-dir", str(tmp_path), "--workers", "0"],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.returncode != 0
    assert done.stderr.strip() == "khulasa: --workers must be at least 1."


def test_serve_no_jobs_turns_the_setting_off(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from khulasa.cli import main
    from khulasa.config import Settings
    from khulasa.web import serve

    monkeypatch.delenv("KHULASA_RUN_JOBS", raising=False)
    started: list[Settings] = []
    monkeypatch.setattr(serve, "run", lambda settings, **_where: started.append(settings))
    assert main(["serve", "--no-jobs", "--data-dir", str(tmp_path)]) == 0
    assert main(["serve", "--data-dir", str(tmp_path)]) == 0
    assert [s.run_jobs for s in started] == [False, True]
