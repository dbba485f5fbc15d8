"""kill -9 of the server in the middle of a job, then a restart: the job is taken up again and finishes."""

from __future__ import annotations

import sqlite3
import time
from pathlib import Path

from tests.web.articles import LIBRARY
from tests.web.conftest import make_server, wait_for_state


def test_a_job_running_at_kill_9_finishes_after_restart(tmp_path: Path) -> None:
    # the test-only delay holds the job in "running" long enough to kill the server there
    slow = make_server(tmp_path, test_job_delay="60", job_lease_seconds="1").start()
    try:
        key = slow.make_key("cms")
        with slow.client(key) as api:
            assert api.put("/v1/articles/killed-1", json={"text": LIBRARY}).status_code == 202
            wait_for_state(api, "killed-1", {"running"}, timeout=30)
    finally:
        slow.stop(kill=True)

    db = sqlite3.connect(tmp_path / "khulasa.db")
    try:
        assert db.execute("SELECT state, attempts FROM jobs").fetchall() == [("running", 1)]
    finally:
        db.close()

    started = time.monotonic()
    again = make_server(tmp_path, job_lease_seconds="1")
    again.port = slow.port
    again.start()
    try:
        with again.client(key) as api:
            item = wait_for_state(api, "killed-1", {"done", "failed"}, timeout=60)
        assert item["state"] == "done", item["error"]
        assert item["summary"]["bullets"] and item["audio"]["files"]
        assert time.monotonic() - started < 60
    finally:
        again.stop()
    db = sqlite3.connect(tmp_path / "khulasa.db")
    try:
        assert db.execute("SELECT state, attempts FROM jobs").fetchall() == [("done", 2)]
    finally:
        db.close()
