"""Listening events in the database: batches add to the daily figures, and old raw events go without taking figures along."""

from __future__ import annotations

import time
from datetime import UTC, date, datetime

import sqlalchemy as sa

from khulasa.config import Settings
from khulasa.ingest.document import read_article
from khulasa.store import articles, listening
from khulasa.store.listening import Event
from tests.web.articles import LIBRARY

DAY = 86_400


def heard(kind: str, at: float, value: float | None = None, listened: float | None = None) -> Event:
    return Event("library-1", kind, "summary", 1, None, value, listened, at)


def test_old_raw_events_are_deleted_and_their_figures_stay(engine: sa.Engine, service_settings: Settings) -> None:
    articles.upsert(engine, "library-1", read_article(LIBRARY.encode(), service_settings), None)
    now = time.time()
    long_ago = now - 40 * DAY
    batch = [
        heard("impression", long_ago),
        heard("play", long_ago),
        heard("progress", long_ago, 100, 31.5),
        heard("play", now),
        heard("progress", now, 25, 8),
        Event("no-such-article", "play", "summary", None, None, None, None, now),
    ]
    assert listening.write(engine, batch) == 5
    assert listening.write(engine, [heard("play", now)]) == 1  # a second batch adds to the same day's row

    first = datetime.fromtimestamp(long_ago, UTC).date()
    today = datetime.fromtimestamp(now, UTC).date()
    before = listening.figures(engine, first, today, group="article")

    assert listening.prune(engine, retention_days=30, now=now) == 3
    assert listening.raw_count(engine) == 3
    after = listening.figures(engine, first, today, group="article")
    assert after == before
    (row,) = after
    assert (row.impressions, row.plays, row.q25, row.q100, row.listened_seconds) == (1, 3, 1, 1, 39.5)
    assert row.mean_listened_seconds == round(39.5 / 3, 1)

    days = listening.figures(engine, first, today)
    assert len(days) == (today - first).days + 1
    assert (days[0].plays, days[-1].plays, sum(d.plays for d in days[1:-1])) == (1, 2, 0)


def test_figures_of_a_range_without_events_are_zeros(engine: sa.Engine) -> None:
    rows = listening.figures(engine, date(2026, 3, 1), date(2026, 3, 3))
    assert [(r.key, r.plays, r.play_rate, r.mean_listened_seconds) for r in rows] == [
        ("2026-03-01", 0, None, None),
        ("2026-03-02", 0, None, None),
        ("2026-03-03", 0, None, None),
    ]
