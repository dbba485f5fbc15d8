"""Listening events in, figures out: ``POST /v1/events`` and ``GET /v1/stats`` against a real app and SQLite file.

The app runs in this process with its lifespan (so the batch writer thread
runs as in `khulasa serve`); readers are httpx clients sending a browser's
User-Agent, since anything else counts as a bot.
"""

from __future__ import annotations

import asyncio
import csv
import io
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import httpx
import pytest
import sqlalchemy as sa

from khulasa import config
from khulasa.config import Settings
from khulasa.ingest.document import read_article
from khulasa.store import articles, database, keys, listening
from khulasa.store.listening import Event
from khulasa.web.app import create_app
from khulasa.web.listening import BATCH, EventWriter
from tests.web.articles import HARBOUR, LIBRARY
from tests.web.test_app import serve_in_process

BROWSER = {"User-Agent": "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Safari/537.36"}
TODAY = datetime.now(UTC).date().isoformat()


def newsroom(tmp_path: Path, **settings: Any) -> tuple[Settings, str]:
    """Settings for a data folder holding two articles (library-1, harbour-1) and a key for the figures."""
    made = config.load(environ={}, data_dir=str(tmp_path), events_flush_seconds=0.2, **settings)
    engine = database.connect(made)
    for external_id, text in (("library-1", LIBRARY), ("harbour-1", HARBOUR)):
        articles.upsert(engine, external_id, read_article(text.encode(), made), None)
    token = keys.create_key(engine, "newsroom")[1]
    engine.dispose()
    return made, token


def event(article: str, kind: str, **more: Any) -> dict[str, Any]:
    return {"article": article, "event": kind, "audio": "summary", "version": 1, **more}


async def figures(client: httpx.AsyncClient, token: str, expect_plays: int, **params: str) -> dict[str, Any]:
    """The stats answer once it counts ``expect_plays`` plays (events are written about every 0.2 s here)."""
    answer: dict[str, Any] = {}
    for _ in range(50):
        got = await client.get("/v1/stats", params=params, headers={"Authorization": f"Bearer {token}"})
        assert got.status_code == 200, got.text
        answer = got.json()
        if answer["total"]["plays"] >= expect_plays:
            return answer
        await asyncio.sleep(0.1)
    raise AssertionError(f"the figures never counted {expect_plays} plays: {answer}")


def test_a_readers_events_become_the_days_figures(tmp_path: Path) -> None:
    settings, token = newsroom(tmp_path)
    reader = [
        event("library-1", "impression"),
        event("library-1", "play", position=0),
        event("library-1", "progress", percent=25, position=6.1, listened=6.1),
        event("library-1", "progress", percent=50, position=12.2, listened=6.1),
        event("library-1", "speed", rate=1.5, position=13),
        event("library-1", "pause", position=14, listened=1.8),
        event("library-1", "download"),
        event("library-1", "error", position=14),
    ]

    async def talk(client: httpx.AsyncClient) -> None:
        sent = await client.post("/v1/events", json=reader, headers=BROWSER)
        assert (sent.status_code, sent.json()) == (202, {"accepted": 8})
        other = {"User-Agent": BROWSER["User-Agent"] + " another reader"}
        for kind in ("impression", "play"):
            assert (await client.post("/v1/events", json=event("harbour-1", kind), headers=other)).json() == {"accepted": 1}
        assert (await client.post("/v1/events", json=event("harbour-1", "impression"), headers=BROWSER)).status_code == 202

        by_article = await figures(client, token, 2, group="article")
        top = {row["article"]: row for row in by_article["rows"]}
        library = top["library-1"]
        assert (library["impressions"], library["plays"], library["play_rate"]) == (1, 1, 1.0)
        assert (library["q25"], library["q50"], library["q75"], library["completions"]) == (1, 1, 0, 0)
        assert (library["mean_listened_seconds"], library["speed_changes"], library["faster"]) == (14.0, 1, 1)
        assert (library["downloads"], library["errors"]) == (1, 1)
        assert "title" in library  # the headline, when the article was sent with one
        assert (top["harbour-1"]["impressions"], top["harbour-1"]["plays"], top["harbour-1"]["play_rate"]) == (2, 1, 0.5)

        days = await figures(client, token, 2, **{"from": TODAY, "to": TODAY})
        assert [row["day"] for row in days["rows"]] == [TODAY]
        assert (days["total"]["impressions"], days["total"]["plays"]) == (3, 2)

        week = await figures(client, token, 1, article="harbour-1")
        assert len(week["rows"]) == 30 and week["rows"][-1]["day"] == TODAY and week["rows"][0]["plays"] == 0
        assert week["total"]["plays"] == 1

        sheet = await client.get(
            "/v1/stats", params={"group": "article", "format": "csv"}, headers={"Authorization": f"Bearer {token}"}
        )
        assert sheet.headers["content-type"].startswith("text/csv") and "attachment" in sheet.headers["content-disposition"]
        rows = list(csv.DictReader(io.StringIO(sheet.text)))
        assert sorted(r["article"] for r in rows) == ["harbour-1", "library-1"]
        assert {r["article"]: r["q50"] for r in rows}["library-1"] == "1"

    serve_in_process(create_app(settings, run_jobs=False), talk)


def test_readers_who_opt_out_bots_and_unknown_articles_leave_no_figure(tmp_path: Path) -> None:
    settings, token = newsroom(tmp_path)
    play = event("library-1", "play")

    async def talk(client: httpx.AsyncClient) -> None:
        for headers in ({**BROWSER, "DNT": "1"}, {**BROWSER, "Sec-GPC": "1"}):
            assert (await client.post("/v1/events", json=play, headers=headers)).json() == {"accepted": 0}
        for robot in ("Mozilla/5.0 (compatible; Googlebot/2.1)", "Mozilla/5.0 HeadlessChrome/131.0", "curl/8.5.0", ""):
            answer = await client.post("/v1/events", json=play, headers={"User-Agent": robot})
            assert (answer.status_code, answer.json()) == (202, {"accepted": 0}), robot
        unknown = await client.post("/v1/events", json=event("no-such-article", "play"), headers=BROWSER)
        assert (unknown.status_code, unknown.json()) == (202, {"accepted": 1})  # known only when written: dropped then
        counted = await client.post("/v1/events", json=event("harbour-1", "play"), headers=BROWSER)
        assert counted.json() == {"accepted": 1}
        again = await client.post("/v1/events", json=event("harbour-1", "play"), headers=BROWSER)
        assert again.json() == {"accepted": 0}  # the same beacon twice counts once

        answer = await figures(client, token, 1, group="article")
        assert [(row["article"], row["plays"]) for row in answer["rows"]] == [("harbour-1", 1)]
        metrics = (await client.get("/metrics")).text
        assert 'khulasa_listening_events_total{outcome="written"} 1\n' in metrics  # the repeat was never queued
        assert 'khulasa_listening_events_total{outcome="unknown_article"} 1\n' in metrics

    serve_in_process(create_app(settings, run_jobs=False), talk)
    engine = database.connect(settings)
    try:
        assert listening.raw_count(engine) == 1
    finally:
        engine.dispose()


@pytest.mark.parametrize(
    ("body", "says"),
    [
        (b"not json", "not JSON"),
        (b"[]", "1 to 50 events"),
        (b'"play"', "JSON object"),
        (b'{"event": "play"}', "'article'"),
        (b'{"article": "library-1", "event": "scroll"}', "'event' must be one of"),
        (b'{"article": "library-1", "event": "play", "audio": "podcast"}', "'audio'"),
        (b'{"article": "library-1", "event": "play", "version": "2"}', "'version'"),
        (b'{"article": "library-1", "event": "play", "reader": "r-1"}', "unknown field 'reader'"),
        (b'{"article": "library-1", "event": "progress", "percent": 30}', "25, 50, 75 or 100"),
        (b'{"article": "library-1", "event": "speed", "rate": 9}', "'rate'"),
        (b'{"article": "library-1", "event": "play", "position": -3}', "'position'"),
        (b'[' + b",".join([b'{"article": "library-1", "event": "play"}'] * 51) + b"]", "1 to 50 events"),
    ],
)
def test_junk_is_refused_with_a_sentence_saying_what_is_wrong(tmp_path: Path, body: bytes, says: str) -> None:
    settings, _ = newsroom(tmp_path)

    async def talk(client: httpx.AsyncClient) -> None:
        answer = await client.post("/v1/events", content=body, headers={**BROWSER, "Content-Type": "text/plain"})
        assert answer.status_code == 400 and answer.json()["code"] == "bad_event"
        assert says in answer.json()["detail"]

    serve_in_process(create_app(settings, run_jobs=False), talk)


def test_big_bodies_and_chatty_sources_are_refused(tmp_path: Path) -> None:
    settings, _ = newsroom(tmp_path, events_per_minute=5)

    async def talk(client: httpx.AsyncClient) -> None:
        big = await client.post("/v1/events", content=b" " * 20_000 + b"{}", headers=BROWSER)
        assert (big.status_code, big.json()["code"]) == (413, "input_too_large")
        for n in range(5):
            answer = await client.post("/v1/events", json=event("library-1", "play", position=n), headers=BROWSER)
            assert answer.status_code == 202
        refused = await client.post("/v1/events", json=event("library-1", "play", position=9), headers=BROWSER)
        assert (refused.status_code, refused.json()["code"], refused.headers["retry-after"]) == (429, "too_many_events", "60")
        other = {"User-Agent": BROWSER["User-Agent"] + " Edg/131.0"}  # another source keeps its own allowance
        assert (await client.post("/v1/events", json=event("library-1", "play"), headers=other)).status_code == 202

    serve_in_process(create_app(settings, run_jobs=False), talk)


def test_with_analytics_off_nothing_is_kept(tmp_path: Path) -> None:
    settings, token = newsroom(tmp_path, analytics=False)

    async def talk(client: httpx.AsyncClient) -> None:
        answer = await client.post("/v1/events", json=event("library-1", "play"), headers=BROWSER)
        assert (answer.status_code, answer.json()) == (202, {"accepted": 0})
        assert (await client.post("/v1/events", content=b"junk", headers=BROWSER)).status_code == 400
        stats = await client.get("/v1/stats", headers={"Authorization": f"Bearer {token}"})
        assert stats.json()["total"]["plays"] == 0

    serve_in_process(create_app(settings, run_jobs=False), talk)
    engine = database.connect(settings)
    try:
        assert listening.raw_count(engine) == 0
    finally:
        engine.dispose()


def test_events_still_queued_are_written_when_the_server_stops(tmp_path: Path) -> None:
    settings, _ = newsroom(tmp_path)
    settings = config.load(environ={}, data_dir=settings.data_dir, events_flush_seconds=60)

    async def talk(client: httpx.AsyncClient) -> None:
        for n in range(30):
            answer = await client.post("/v1/events", json=event("library-1", "progress", percent=25, position=n), headers=BROWSER)
            assert answer.json() == {"accepted": 1}

    serve_in_process(create_app(settings, run_jobs=False), talk)
    engine = database.connect(settings)
    try:
        assert listening.raw_count(engine) == 30
    finally:
        engine.dispose()


def test_the_figures_need_a_key_and_a_clear_range(tmp_path: Path) -> None:
    settings, token = newsroom(tmp_path)
    auth = {"Authorization": f"Bearer {token}"}
    tomorrow = (datetime.now(UTC).date() + timedelta(days=1)).isoformat()

    async def talk(client: httpx.AsyncClient) -> None:
        assert (await client.get("/v1/stats")).status_code == 401
        cases = [
            ({"from": "last week"}, "YYYY-MM-DD"),
            ({"from": tomorrow, "to": TODAY}, "after"),
            ({"from": "2000-01-01", "to": TODAY}, "at most"),
            ({"group": "hour"}, "'group'"),
            ({"format": "xml"}, "'format'"),
            ({"audio": "podcast"}, "'audio'"),
        ]
        for params, says in cases:
            answer = await client.get("/v1/stats", params=params, headers=auth)
            assert answer.status_code == 422 and says in answer.json()["detail"], (params, answer.text)

    serve_in_process(create_app(settings, run_jobs=False), talk)


def test_events_wait_in_memory_while_the_database_cannot_take_them(tmp_path: Path) -> None:
    """A write that fails keeps its events; the next one writes them all, a bounded batch at a time."""
    settings, _ = newsroom(tmp_path)
    engine = database.connect(settings)
    writer = EventWriter(engine, settings)
    try:
        now = time.time()
        many = [Event("library-1", "progress", "summary", 1, n / 10, 25, None, now) for n in range(2 * BATCH + 5)]
        assert writer.put(many)
        with engine.begin() as conn:
            conn.exec_driver_sql("ALTER TABLE listening_events RENAME TO listening_events_away")
        with pytest.raises(sa.exc.OperationalError):
            writer.flush()
        assert writer.queued() == len(many) and writer.written == 0
        with engine.begin() as conn:
            conn.exec_driver_sql("ALTER TABLE listening_events_away RENAME TO listening_events")
        inserts: list[str] = []

        def note(_conn: Any, _cursor: Any, statement: str, *_: Any) -> None:
            if statement.startswith("INSERT INTO listening_events"):
                inserts.append(statement)

        sa.event.listen(engine, "before_cursor_execute", note)
        assert writer.flush() == len(many)
        assert len(inserts) == 3  # batches of at most BATCH events
        assert writer.queued() == 0 and listening.raw_count(engine) == len(many)
        today = datetime.now(UTC).date()
        (row,) = listening.figures(engine, today, today, group="article")
        assert row.q25 == len(many)
    finally:
        engine.dispose()
