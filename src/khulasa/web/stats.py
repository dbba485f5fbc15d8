"""Listening figures: ``GET /v1/stats`` (JSON or CSV, with a key) and the ``/stats`` page that draws them.

The figures come from the daily table alone (see :mod:`khulasa.store.listening`),
so a query over a year costs a few hundred rows whatever the traffic was,
and today's events are in it within ``events_flush_seconds``.
"""

from __future__ import annotations

import csv
import io
import json
from datetime import UTC, date, datetime, timedelta
from typing import Annotated, Any

from fastapi import APIRouter, Query, Request, Response
from fastapi.concurrency import run_in_threadpool

from khulasa.errors import InputError
from khulasa.store import listening
from khulasa.web.auth import Key
from khulasa.web.player import asset
from khulasa.web.schemas import PROBLEMS
from khulasa.web.service import service_of

router = APIRouter(tags=["listening"], responses=PROBLEMS)

DEFAULT_DAYS = 30
"""Days shown when ``from`` is not given, today included."""
MAX_DAYS = 731
"""Longest range one request may ask for."""
PAGES = {
    "stats.html": "text/html; charset=utf-8",
    "stats.js": "text/javascript; charset=utf-8",
    "stats.css": "text/css; charset=utf-8",
}


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
    request: Request, start: str | None, end: str | None, group: str, article: str | None, audio: str | None, limit: int
) -> dict[str, Any]:
    """The JSON answer: the range, one row per day or article, and the totals."""
    if group not in ("day", "article"):
        raise InputError(f"'group' must be day or article, not {group[:20]!r}.")
    if audio is not None and audio not in listening.AUDIO_KINDS:
        raise InputError(f"'audio' must be one of {', '.join(listening.AUDIO_KINDS)}.")
    if not 1 <= limit <= 10_000:
        raise InputError("'limit' must be from 1 to 10000.")
    first, last = period(start, end)
    engine = service_of(request).engine
    rows = listening.figures(engine, first, last, group=group, external_id=article or None, audio=audio, limit=limit)
    whole = listening.total(rows) if group == "day" else listening.total(
        listening.figures(engine, first, last, group="day", external_id=article or None, audio=audio)
    )
    return {
        "from": first.isoformat(),
        "to": last.isoformat(),
        "group": group,
        "article": article or None,
        "rows": [r.as_dict(group) for r in rows],
        "total": {k: v for k, v in whole.as_dict("day").items() if k != "day"},
    }


def as_csv(answer: dict[str, Any]) -> str:
    """The rows as CSV, one header line first."""
    out = io.StringIO()
    rows = answer["rows"]
    columns = list(listening.total([], "").as_dict(answer["group"]))
    writer = csv.DictWriter(out, fieldnames=columns, lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    return out.getvalue()


@router.get("/v1/stats", summary="Listening figures per day or per article", response_class=Response)
async def stats(
    request: Request,
    _key: Key,
    group: str = "day",
    article: str | None = None,
    audio: str | None = None,
    limit: int = 100,
    format: str = "json",
    start: Annotated[str | None, Query(alias="from")] = None,
    end: Annotated[str | None, Query(alias="to")] = None,
) -> Response:
    """``?from=YYYY-MM-DD&to=YYYY-MM-DD&group=day|article&article=ID&format=json|csv`` (a key is needed).

    Each row has ``impressions``, ``plays``, ``play_rate``, ``completions``,
    the quartiles ``q25``…``q100`` (plays that reached each quarter),
    ``mean_listened_seconds``, ``speed_changes``, ``downloads`` and ``errors``.
    Days are UTC; today's events are counted within a second or two.
    """
    if format not in ("json", "csv"):
        raise InputError(f"'format' must be json or csv, not {format[:20]!r}.")
    answer = await run_in_threadpool(
        report, request, start, end, group, article, audio, limit
    )
    headers = {"Cache-Control": "no-store"}
    if format == "csv":
        name = f"khulasa-stats-{answer['group']}-{answer['from']}-{answer['to']}.csv"
        headers["Content-Disposition"] = f'attachment; filename="{name}"'
        return Response(as_csv(answer), media_type="text/csv; charset=utf-8", headers=headers)
    return Response(json.dumps(answer, ensure_ascii=False), media_type="application/json", headers=headers)


def _page(name: str) -> Response:
    data, etag = asset(name)
    return Response(data, media_type=PAGES[name], headers={"ETag": etag, "Cache-Control": "no-cache"})


@router.get("/stats", response_class=Response, include_in_schema=False)
def stats_page() -> Response:
    """The figures for a newsroom: sign in with a key, see plays per day, the funnel and the top articles."""
    return _page("stats.html")


@router.get("/stats.js", response_class=Response, include_in_schema=False)
def stats_js() -> Response:
    return _page("stats.js")


@router.get("/stats.css", response_class=Response, include_in_schema=False)
def stats_css() -> Response:
    return _page("stats.css")
