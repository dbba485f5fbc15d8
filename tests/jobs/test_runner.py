"""The runner: failures a retry may cure are retried with backoff, then the item fails with the reason."""

from __future__ import annotations

import time
from collections.abc import Iterator
from dataclasses import replace
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
import sqlalchemy as sa

from khulasa.config import Settings
from khulasa.errors import ConfigError, InputError, MissingDependency, SpeechError
from khulasa.jobs.metrics import StageTimes
from khulasa.jobs.runner import Runner, is_transient
from khulasa.model import Article
from khulasa.store import articles, deliveries, keys
from khulasa.store.blobs import DirectoryBlobStore
from tests.loopback import serving
from tests.web.articles import HARBOUR


class BusySpeechServer(ThreadingHTTPServer):
    """A speech endpoint that is overloaded: every request gets 503."""

    def __init__(self) -> None:
        super().__init__(("127.0.0.1", 0), Busy)
        self.requests = 0


class Busy(BaseHTTPRequestHandler):
    server: BusySpeechServer

    def do_POST(self) -> None:
        self.rfile.read(int(self.headers.get("Content-Length", 0)))
        self.server.requests += 1
        self.send_response(503)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture
def busy_voice() -> Iterator[BusySpeechServer]:
    with serving(BusySpeechServer()) as running:
        yield running


def test_only_failures_a_retry_may_cure_are_transient() -> None:
    assert is_transient(SpeechError("the speech server failed (HTTP 503)"))
    assert is_transient(OSError("disk busy"))
    assert not is_transient(InputError("not Arabic"))
    assert not is_transient(ConfigError("bad voice"))
    assert not is_transient(MissingDependency("pip install khulasa[piper]"))


def test_a_busy_voice_is_retried_then_the_item_fails_with_the_reason(
    engine: sa.Engine, blobs: DirectoryBlobStore, service_settings: Settings, busy_voice: BusySpeechServer
) -> None:
    settings = replace(
        service_settings,
        voice="http",
        diacritizer="none",
        tts_base_url=f"http://127.0.0.1:{busy_voice.server_address[1]}",
        job_attempts=3,
        retry_base_seconds=0.05,
        workers=1,
    )
    key, _ = keys.create_key(engine, "cms")
    keys.set_webhook(engine, key.id, "http://127.0.0.1:9/closed")  # nobody listens: deliveries stay pending
    articles.upsert(engine, "busy-1", Article(text=HARBOUR), key_id=key.id)
    runner = Runner(engine, blobs, settings, StageTimes(), on_change=lambda: None)
    runner.start()
    try:
        deadline = time.monotonic() + 30
        while articles.item(engine, "busy-1")["state"] != "failed" and time.monotonic() < deadline:
            time.sleep(0.05)
    finally:
        runner.stop()
    item = articles.item(engine, "busy-1")
    assert item["state"] == "failed"
    assert item["error"]["code"] == "speech_failed" and "503" in item["error"]["message"]
    with engine.connect() as conn:
        assert conn.exec_driver_sql("SELECT state, attempts FROM jobs").all() == [("failed", 3)]
    assert busy_voice.requests >= 3
    events = [(d["event"], d["body"]["external_id"], d["body"]["error"]["code"]) for d in deliveries.log(engine, key.id)]
    assert events == [("article.failed", "busy-1", "speech_failed")]


def test_no_voice_time_is_spent_on_a_version_edited_meanwhile(
    engine: sa.Engine, blobs: DirectoryBlobStore, service_settings: Settings, busy_voice: BusySpeechServer
) -> None:
    settings = replace(
        service_settings,
        voice="http",
        diacritizer="none",
        tts_base_url=f"http://127.0.0.1:{busy_voice.server_address[1]}",
        job_attempts=1,
        workers=1,
    )
    articles.upsert(engine, "edited-1", Article(text=HARBOUR), key_id=None)
    runner = Runner(engine, blobs, settings, StageTimes(), on_change=lambda: None)
    runner.test_delay = 1.0  # holds the first version's job while the newsroom edits the article
    runner.start()
    try:
        deadline = time.monotonic() + 30
        while articles.item(engine, "edited-1")["state"] != "running" and time.monotonic() < deadline:
            time.sleep(0.02)
        articles.upsert(engine, "edited-1", Article(text=HARBOUR.replace("صلالة", "الدقم")), key_id=None)
        while articles.item(engine, "edited-1")["state"] != "failed" and time.monotonic() < deadline:
            time.sleep(0.05)
    finally:
        runner.stop()
    with engine.connect() as conn:
        outcomes = conn.exec_driver_sql("SELECT state, error_code FROM jobs ORDER BY id").all()
        first_summary = conn.exec_driver_sql("SELECT summary FROM versions WHERE number = 1").scalar()
    assert outcomes == [("done", "superseded"), ("failed", "speech_failed")]  # only the newest text met the voice
    assert first_summary is None
