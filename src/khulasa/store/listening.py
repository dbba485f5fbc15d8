"""Listening events and the figures made from them: write a batch, read figures, drop old raw events.

A batch is written in one transaction: the raw rows, and the same events
counted into ``listening_days`` (one row per article, UTC day and audio
kind) with an ``INSERT … ON CONFLICT DO UPDATE`` that adds to the counters.
The figures are then read from that table alone, so a stats query costs the
same with ten events or ten million, today's figures are there as soon as
a batch is written (about a second), and raw events past the retention can
be deleted without losing a figure: they were folded in when written.
"""

from __future__ import annotations

import csv
import io
import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from functools import cache
from typing import Any

import sqlalchemy as sa

from khulasa.errors import InputError
from khulasa.store.database import reading
from khulasa.store.schema import articles, listening_days, listening_events

EVENTS = ("impression", "play", "progress", "pause", "speed", "download", "error")
"""What a player reports: the box was seen, playback began, a quartile was reached, playback paused
(to report the seconds heard since the last report), the speed changed, the audio was downloaded, it failed."""
AUDIO_KINDS = ("summary", "article")
"""Which audio the event is about: the summary's, or the whole article's."""
COUNTERS = (
    "impressions", "plays", "q25", "q50", "q75", "q100", "listened_seconds", "speed_changes", "faster", "downloads", "errors"
)
"""The summed columns of ``listening_days``, in the order figures show them."""
DEFAULT_DAYS = 30
"""Days shown when the start is not given, the last day included."""
MAX_DAYS = 731
"""Longest range one report may cover."""


@dataclass(frozen=True)
class Event:
    """One thing a reader's player did, as received; nothing in it identifies the reader."""

    external_id: str
    """The article's id in the publisher's CMS."""
    event: str
    """One of :data:`EVENTS`."""
    audio: str
    """One of :data:`AUDIO_KINDS`."""
    version: int | None
    """The version of the item the player showed."""
    position: float | None
    """Where in the audio the event happened, in seconds."""
    value: float | None
    """The quartile (25, 50, 75, 100) of a progress event, the new rate of a speed event."""
    listened: float | None
    """Seconds of audio heard since the same player's previous report."""
    at: float
    """When the service received it, seconds since the epoch."""

    @property
    def day(self) -> str:
        """The UTC day it was received, YYYY-MM-DD."""
        return _utc_day(int(self.at // 86_400))


@cache
def _utc_day(days: int) -> str:
    return date.fromordinal(_EPOCH + days).isoformat()


_EPOCH = date(1970, 1, 1).toordinal()


@dataclass(frozen=True)
class Figures:
    """Summed figures for one day or one article."""

    key: str
    """The day (YYYY-MM-DD) or the article's external id."""
    title: str | None
    """The article's title, when grouped by article."""
    impressions: int
    """Times the box was seen on a page."""
    plays: int
    """Times playback began."""
    q25: int
    """Plays that reached a quarter of the audio."""
    q50: int
    """Plays that reached half."""
    q75: int
    """Plays that reached three quarters."""
    q100: int
    """Plays heard to the end: the completions."""
    listened_seconds: float
    """Seconds of audio heard in all."""
    speed_changes: int
    """Times a reader changed the speed."""
    faster: int
    """Of those, changes to a rate above 1."""
    downloads: int
    """Times the audio was downloaded."""
    errors: int
    """Times the audio failed to play."""

    @property
    def play_rate(self) -> float | None:
        """Plays per impression; None without impressions."""
        return round(self.plays / self.impressions, 4) if self.impressions else None

    @property
    def mean_listened_seconds(self) -> float | None:
        """Seconds heard per play; None without plays."""
        return round(self.listened_seconds / self.plays, 1) if self.plays else None

    def as_dict(self, key_name: str) -> dict[str, Any]:
        """The JSON (and CSV) row: the key, the counts, the quartiles and the rates."""
        row: dict[str, Any] = {key_name: self.key}
        if key_name == "article":
            row["title"] = self.title
        row |= {
            "impressions": self.impressions,
            "plays": self.plays,
            "play_rate": self.play_rate,
            "completions": self.q100,
            "q25": self.q25,
            "q50": self.q50,
            "q75": self.q75,
            "q100": self.q100,
            "mean_listened_seconds": self.mean_listened_seconds,
            "speed_changes": self.speed_changes,
            "faster": self.faster,
            "downloads": self.downloads,
            "errors": self.errors,
        }
        return row


def _counts(event: Event) -> dict[str, float]:
    """What one event adds to its day's row."""
    added = dict.fromkeys(COUNTERS, 0.0)
    if event.event == "impression":
        added["impressions"] = 1
    elif event.event == "play":
        added["plays"] = 1
    elif event.event == "progress" and event.value in (25, 50, 75, 100):
        added[f"q{int(event.value)}"] = 1
    elif event.event == "speed":
        added["speed_changes"] = 1
        added["faster"] = 1 if (event.value or 1) > 1 else 0
    elif event.event == "download":
        added["downloads"] = 1
    elif event.event == "error":
        added["errors"] = 1
    added["listened_seconds"] = event.listened or 0.0
    return added


def _upsert(conn: sa.Connection) -> Any:
    from sqlalchemy.dialects import postgresql, sqlite

    insert = postgresql.insert if conn.dialect.name == "postgresql" else sqlite.insert
    statement: Any = insert(listening_days)
    keys = [listening_days.c.article_id, listening_days.c.day, listening_days.c.audio]
    return statement.on_conflict_do_update(
        index_elements=keys, set_={name: listening_days.c[name] + statement.excluded[name] for name in COUNTERS}
    )


def write(engine: sa.Engine, events: Sequence[Event]) -> int:
    """Store a batch in one transaction and add it to the daily figures; returns how many were about known articles.

    Events about articles the service does not have are dropped here: the
    player on a page may name anything, and only known articles have figures.
    """
    if not events:
        return 0
    wanted = {e.external_id for e in events}
    with engine.begin() as conn:
        ids = dict(conn.execute(sa.select(articles.c.external_id, articles.c.id).where(articles.c.external_id.in_(wanted))).all())
        known = [(ids[e.external_id], e) for e in events if e.external_id in ids]
        if not known:
            return 0
        # the driver's own executemany: a batch is thousands of rows, and SQLAlchemy's per-row
        # parameter handling cost more than SQLite's insert (measured: 2,000 rows in 50 ms → 20 ms)
        columns = ("article_id", "version", "audio", "event", "position", "value", "listened", "day", "at")
        mark = "?" if conn.dialect.paramstyle == "qmark" else "%s"
        conn.exec_driver_sql(
            f"INSERT INTO listening_events ({', '.join(columns)}) VALUES ({', '.join([mark] * len(columns))})",
            [(a, e.version, e.audio, e.event, e.position, e.value, e.listened, e.day, e.at) for a, e in known],
        )
        days: dict[tuple[int, str, str], dict[str, float]] = {}
        for article_id, e in known:
            row = days.setdefault((article_id, e.day, e.audio), dict.fromkeys(COUNTERS, 0.0))
            for name, n in _counts(e).items():
                row[name] += n
        conn.execute(
            _upsert(conn),
            [{"article_id": a, "day": d, "audio": kind, **_whole(row)} for (a, d, kind), row in days.items()],
        )
    return len(known)


def _whole(row: dict[str, float]) -> dict[str, float | int]:
    """Counters as whole numbers, the seconds heard as they are."""
    return {name: (n if name == "listened_seconds" else int(n)) for name, n in row.items()}


def figures(
    engine: sa.Engine,
    start: date,
    end: date,
    *,
    group: str = "day",
    external_id: str | None = None,
    audio: str | None = None,
    limit: int | None = None,
) -> list[Figures]:
    """Figures from ``start`` to ``end`` (UTC days, both included), one row per day or per article.

    Per day: every day of the range, in order, zeros included (a chart needs
    the gaps). Per article: the most played first, at most ``limit``.
    """
    sums = [sa.func.coalesce(sa.func.sum(listening_days.c[name]), 0).label(name) for name in COUNTERS]
    key = listening_days.c.day if group == "day" else articles.c.external_id
    query = (
        sa.select(key.label("key"), sa.func.max(articles.c.title).label("title"), *sums)
        .select_from(listening_days.join(articles, articles.c.id == listening_days.c.article_id))
        .where(listening_days.c.day >= start.isoformat(), listening_days.c.day <= end.isoformat())
        .group_by(key)
    )
    if external_id is not None:
        query = query.where(articles.c.external_id == external_id)
    if audio is not None:
        query = query.where(listening_days.c.audio == audio)
    if group == "day":
        query = query.order_by(key)
    else:
        query = query.order_by(sa.desc("plays"), sa.desc("impressions"), key)
        if limit is not None:
            query = query.limit(limit)
    with reading(engine) as conn:
        rows = [_figures(r._mapping, group) for r in conn.execute(query)]
    if group != "day":
        return rows
    found = {r.key: r for r in rows}
    return [found.get(d) or _empty(d) for d in _days(start, end)]


def _figures(row: Any, group: str) -> Figures:
    counts = {name: (float(row[name]) if name == "listened_seconds" else int(row[name])) for name in COUNTERS}
    return Figures(key=str(row["key"]), title=row["title"] if group != "day" else None, **counts)  # type: ignore[arg-type]


def _empty(day: str) -> Figures:
    return Figures(day, None, 0, 0, 0, 0, 0, 0, 0.0, 0, 0, 0, 0)


def _days(start: date, end: date) -> Iterable[str]:
    for ordinal in range(start.toordinal(), end.toordinal() + 1):
        yield date.fromordinal(ordinal).isoformat()


def total(rows: Sequence[Figures], key: str = "total") -> Figures:
    """The rows added up."""
    sums = {name: sum(getattr(r, name) for r in rows) for name in COUNTERS}
    return Figures(key=key, title=None, **sums)


def prune(engine: sa.Engine, retention_days: int, now: float | None = None) -> int:
    """Delete raw events older than ``retention_days``; their figures stay in ``listening_days``. Returns rows deleted."""
    cutoff = (time.time() if now is None else now) - retention_days * 86400
    with engine.begin() as conn:
        return int(conn.execute(listening_events.delete().where(listening_events.c.at < cutoff)).rowcount or 0)


def raw_count(engine: sa.Engine) -> int:
    """How many raw events are kept (the benchmark counts them back)."""
    with reading(engine) as conn:
        return int(conn.execute(sa.select(sa.func.count()).select_from(listening_events)).scalar_one())


def _day(raw: str | None, name: str, default: date) -> date:
    if raw is None or raw == "":
        return default
    try:
        return date.fromisoformat(raw)
    except ValueError:
        raise InputError(f"{name!r} must be a day written YYYY-MM-DD, not {raw[:40]!r}.") from None


def period(start: str | None, end: str | None, today: date | None = None) -> tuple[date, date]:
    """The asked range: ``to`` defaults to today (UTC), ``from`` to 30 days before it; checked."""
    today = today or datetime.now(UTC).date()
    last = _day(end, "to", today)
    first = _day(start, "from", last - timedelta(days=DEFAULT_DAYS - 1))
    if first > last:
        raise InputError(f"'from' ({first}) is after 'to' ({last}); give the earlier day first.")
    if (last - first).days >= MAX_DAYS:
        raise InputError(f"ask for at most {MAX_DAYS} days at once.")
    return first, last


def report(
    engine: sa.Engine,
    start: str | None,
    end: str | None,
    *,
    group: str = "day",
    article: str | None = None,
    audio: str | None = None,
    limit: int = 100,
) -> dict[str, Any]:
    """What ``GET /v1/stats`` and ``khulasa stats`` show: the range, one row per day or article, and the totals."""
    if group not in ("day", "article"):
        raise InputError(f"'group' must be day or article, not {group[:20]!r}.")
    if audio is not None and audio not in AUDIO_KINDS:
        raise InputError(f"'audio' must be one of {', '.join(AUDIO_KINDS)}.")
    if not 1 <= limit <= 10_000:
        raise InputError("'limit' must be from 1 to 10000.")
    first, last = period(start, end)
    rows = figures(engine, first, last, group=group, external_id=article or None, audio=audio, limit=limit)
    days = rows if group == "day" else figures(engine, first, last, external_id=article or None, audio=audio)
    return {
        "from": first.isoformat(),
        "to": last.isoformat(),
        "group": group,
        "article": article or None,
        "rows": [r.as_dict(group) for r in rows],
        "total": {k: v for k, v in total(days).as_dict("day").items() if k != "day"},
    }


def as_csv(answer: dict[str, Any]) -> str:
    """A report's rows as CSV, one header line first."""
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(total([], "").as_dict(answer["group"])), lineterminator="\n")
    writer.writeheader()
    writer.writerows(answer["rows"])
    return out.getvalue()


def as_table(answer: dict[str, Any]) -> str:
    """A report as aligned columns for a terminal, the totals last."""
    group = answer["group"]
    columns = [group, "impressions", "plays", "play_rate", "q25", "q50", "q75", "q100", "mean_listened_seconds", "downloads"]
    shown = {"play_rate": "rate", "mean_listened_seconds": "mean_s"}
    lines = [[shown.get(c, c) for c in columns]]
    for row in [*answer["rows"], {group: "total", **answer["total"]}]:
        lines.append(["-" if row.get(c) is None else f"{row[c]:.0%}" if c == "play_rate" else str(row[c]) for c in columns])
    widths = [max(len(line[i]) for line in lines) for i in range(len(columns))]
    return "\n".join(
        "  ".join(cell.ljust(w) if i == 0 else cell.rjust(w) for i, (cell, w) in enumerate(zip(line, widths, strict=True)))
        for line in lines
    )
