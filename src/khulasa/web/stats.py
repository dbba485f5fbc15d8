"""Listening figures: ``GET /v1/stats`` (JSON or CSV, with a key) and the ``/stats`` page that draws them.

The figures come from the daily table alone (see :mod:`khulasa.store.listening`),
so a query over a year costs a few hundred rows whatever the traffic was,
and today's events are in it within ``events_flush_seconds``.
"""

from __future__ import annotations

import json
from functools import partial
from typing import Annotated

from fastapi import APIRouter, Query, Request, Response
from fastapi.concurrency import run_in_threadpool

from khulasa.errors import InputError
from khulasa.store import listening
from khulasa.web.auth import Key
from khulasa.web.player import asset
from khulasa.web.schemas import PROBLEMS
from khulasa.web.service import service_of

router = APIRouter(tags=["listening"], responses=PROBLEMS)

PAGES = {
    "stats.html": "text/html; charset=utf-8",
    "stats.js": "text/javascript; charset=utf-8",
    "stats.css": "text/css; charset=utf-8",
}


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
    engine = service_of(request).engine
    answer = await run_in_threadpool(
        partial(listening.report, engine, start, end, group=group, article=article, audio=audio, limit=limit)
    )
    headers = {"Cache-Control": "no-store"}
    if format == "csv":
        name = f"khulasa-stats-{answer['group']}-{answer['from']}-{answer['to']}.csv"
        headers["Content-Disposition"] = f'attachment; filename="{name}"'
        return Response(listening.as_csv(answer), media_type="text/csv; charset=utf-8", headers=headers)
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
