"""Routes for feed sources: list them, add one (owned by the calling key), remove one of the calling key's own.

Adding reads the feed once to check it (under the fetcher's guards) and
wakes the poller, so a new source's items are stored within seconds.
"""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request, Response
from pydantic import Field

from khulasa.jobs import poller
from khulasa.render import iso
from khulasa.store import sources
from khulasa.store.sources import Source
from khulasa.web.auth import Key
from khulasa.web.schemas import PROBLEMS, Problem, RequestBody
from khulasa.web.service import service_of

router = APIRouter(tags=["sources"], responses=PROBLEMS)


class SourceBody(RequestBody):
    """POST /v1/sources: a feed to poll."""

    url: str = Field(..., max_length=2000, description="An RSS or Atom feed, or a WordPress site's /wp-json/wp/v2/posts URL.")
    poll_seconds: float | None = Field(
        None, gt=0, description="How often to read this feed, in seconds (default: the server's source_poll_seconds)."
    )


def _shown(source: Source, key_id: int) -> dict[str, Any]:
    return {
        "id": source.id,
        "url": source.url,
        "kind": source.kind,
        "title": source.title,
        "yours": source.key_id == key_id,
        "poll_seconds": source.poll_seconds,
        "created_at": iso(source.created_at),
        "last_polled_at": iso(source.last_polled_at),
        "last_ok_at": iso(source.last_ok_at),
        "last_error": source.last_error,
        "paused": source.paused,
    }


@router.get("/v1/sources", summary="Feeds the service polls")
def list_sources(request: Request, key: Key) -> dict[str, Any]:
    """Every source, oldest first, with when it was last polled and the last error, if any."""
    return {"sources": [_shown(s, key.id) for s in sources.list_sources(service_of(request).engine)]}


@router.post("/v1/sources", status_code=201, summary="Add a feed to poll")
def add_source(body: SourceBody, request: Request, response: Response, key: Key) -> dict[str, Any]:
    """Checks that the URL is a feed and stores it; its articles belong to this key. A URL already added answers 200."""
    svc = service_of(request)
    source, created = poller.add(svc.engine, body.url, svc.settings, key_id=key.id, poll_seconds=body.poll_seconds)
    if not created:
        response.status_code = 200
    elif svc.poller is not None:
        svc.poller.notify()
    return _shown(source, key.id)


@router.delete(
    "/v1/sources/{source_id}",
    status_code=204,
    summary="Stop polling a feed",
    responses={403: {"model": Problem, "description": "The source was added by another key"}},
)
def delete_source(source_id: int, request: Request, key: Key) -> Response:
    """Only the key that added the source may remove it; the articles already read from it stay.

    Another key gets 403, not 404: every key's source list already shows the
    source (with ``yours: false``), so hiding it here would hide nothing and
    only make the refusal harder to understand.
    """
    sources.remove_source(service_of(request).engine, source_id, by_key=key.id)
    return Response(status_code=204)
