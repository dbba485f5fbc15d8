"""Routes for articles: PUT (upsert), GET one, GET the list, DELETE, and POST /v1/summarize."""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import UTC, datetime
from typing import Any

from fastapi import APIRouter, Query, Request, Response
from fastapi.concurrency import run_in_threadpool

from khulasa import pipeline, render
from khulasa.config import Settings
from khulasa.errors import InputError
from khulasa.ingest.document import read_article, read_url
from khulasa.model import Article
from khulasa.render import iso
from khulasa.store import articles
from khulasa.web.auth import Key, key_of, may_read_public, require_key
from khulasa.web.conditional import etag_of, not_modified
from khulasa.web.encoding import json_bytes
from khulasa.web.schemas import PROBLEMS, ArticleBody, Problem, SummarizeBody
from khulasa.web.service import service_of
from khulasa.web.views import item_path, present

router = APIRouter(tags=["articles"], responses=PROBLEMS)

NOT_YOURS: dict[int | str, dict[str, Any]] = {
    403: {"model": Problem, "description": "The article was created by another key (code `not_yours`)"}
}

EXTERNAL_ID = re.compile(r"[\w.:~-]{1,200}")
STATES = ("queued", "running", "done", "failed", "review", "rejected")


def check_external_id(external_id: str) -> str:
    """The publisher's id must be 1–200 letters, digits or ``. _ - : ~`` (no slashes)."""
    if not EXTERNAL_ID.fullmatch(external_id):
        shown = external_id if len(external_id) <= 40 else external_id[:40] + "…"
        raise InputError(
            f"the article id {shown!r} ({len(external_id)} characters) is not usable: "
            "give 1 to 200 letters, digits, '.', '_', '-', ':' or '~', with no slashes or spaces."
        )
    return external_id


def _article_from(text: str | None, html: str | None, url: str | None, settings: Settings) -> Article:
    given = [name for name, value in (("text", text), ("html", html), ("url", url)) if value is not None]
    if len(given) != 1:
        got = f" (got {' and '.join(given)})." if given else "."
        raise InputError("send the article as exactly one of text, html or url" + got)
    if url is not None:
        return read_url(url, settings)
    content = text if text is not None else html
    assert content is not None
    return read_article(content.encode("utf-8"), settings)


@router.put(
    "/v1/articles/{external_id:path}", status_code=202, summary="Create or update an article", responses=NOT_YOURS
)
def put_article(external_id: str, body: ArticleBody, request: Request, key: Key) -> dict[str, Any]:
    """Store the article under the CMS's id and queue its summary and audio; the same text again changes nothing.

    The article belongs to the key that created it: that key's webhook gets its events, and
    another key's PUT is refused with 403 `not_yours` (an admin key may update any article).
    """
    svc = service_of(request)
    check_external_id(external_id)
    extracted = _article_from(body.text, body.html, body.url, svc.settings)
    article = replace(
        extracted,
        title=body.title or extracted.title,
        published=body.published.isoformat() if body.published else extracted.published,
        language=body.language,
        metadata=body.metadata,
    )
    done = articles.upsert(svc.engine, external_id, article, key.id, admin=key.admin, narrate=body.narrate, publish=body.publish)
    svc.stored(external_id, done.new_version)
    return {
        "external_id": done.external_id,
        "url": item_path(done.external_id),
        "state": done.state,
        "version": done.version,
        "created": done.created,
        "new_version": done.new_version,
        "warning": article.warning,
    }


def _load(request: Request, external_id: str) -> tuple[bytes, str]:
    """The item's JSON and ETag: everything for a key; for a reader without one, only what is finished.

    Only the keyless answer of a finished item is cached, so the cache never
    hands a reader without a key what only keys may see.
    """
    svc = service_of(request)
    keyed = key_of(request) is not None  # a wrong or revoked key is refused here, not treated as none
    if not keyed and not svc.settings.public_reads:
        require_key(request)
    view = articles.item(svc.engine, external_id, public=not keyed)
    finished = view["summary"] is not None
    if not keyed and not finished:
        require_key(request)
    body = json_bytes(present(view, svc.settings.publish))
    etag = etag_of(body)
    if finished and not keyed:
        svc.cache.put(external_id, body, etag)
    return body, etag


def _json(request: Request, body: bytes, etag: str) -> Response:
    headers = {"ETag": etag, "Cache-Control": "no-cache"}
    current = not_modified(request, headers)
    if current is not None:
        return current
    return Response(body, media_type="application/json", headers=headers)


@router.get("/v1/articles/{external_id:path}", summary="An article's state, summary, audio and history")
async def get_article(external_id: str, request: Request) -> Response:
    """State (queued, running, done, failed with the reason), bullets with source sentences, audio, timings, versions."""
    svc = service_of(request)
    cached = svc.cache.get(external_id)
    if cached is not None and svc.settings.public_reads and "authorization" not in request.headers:
        return _json(request, *cached)
    check_external_id(external_id)
    body, etag = await run_in_threadpool(_load, request, external_id)
    return _json(request, body, etag)


CURSOR = re.compile(r"([0-9]{1,12}(?:\.[0-9]{1,20})?(?:e[+-]?[0-9]{1,3})?)_([0-9]{1,18})")
"""A page cursor as :func:`list_articles` writes it: the last item's change time (a float's repr) and its row number."""


def _cursor(raw: str | None) -> tuple[float, int] | None:
    """The (time, row) a ``next`` value names; anything else, such as a row number too large for the database, is refused."""
    if not raw:
        return None
    found = CURSOR.fullmatch(raw)
    if found is None:
        raise InputError("the cursor is not one this API gave; use the `next` value of the previous page.")
    return float(found.group(1)), int(found.group(2))


@router.get("/v1/articles", summary="List articles")
def list_articles(
    request: Request,
    key: Key,
    state: str | None = Query(
        None, description="Only items in this state: queued, running, done, failed, review (waiting for an editor) or rejected."
    ),
    updated_since: str | None = Query(None, description="Only items changed at or after this ISO 8601 time."),
    limit: int = Query(50, ge=1, le=500, description="Items per page."),
    cursor: str | None = Query(None, description="The `next` value of the previous page."),
) -> dict[str, Any]:
    """Items in order of last change; follow `next` for the following page."""
    if state is not None and state not in STATES:
        raise InputError(f"state must be one of {', '.join(STATES)}, not {state!r}.")
    since = None
    if updated_since is not None:
        try:
            moment = datetime.fromisoformat(updated_since.replace("Z", "+00:00"))
            since = (moment if moment.tzinfo else moment.replace(tzinfo=UTC)).timestamp()  # no zone given: UTC
        except ValueError:
            raise InputError(f"updated_since {updated_since!r} is not an ISO 8601 time, e.g. 2026-11-29T06:00:00Z.") from None
    items, nxt = articles.listing(service_of(request).engine, state, since, limit, _cursor(cursor))
    return {
        "items": [{**i, "url": item_path(i["external_id"]), "updated_at": iso(i["updated_at"])} for i in items],
        "next": f"{nxt[0]!r}_{nxt[1]}" if nxt else None,
    }


@router.delete(
    "/v1/articles/{external_id:path}", status_code=204, summary="Delete an article and its audio", responses=NOT_YOURS
)
def delete_article(external_id: str, request: Request, key: Key) -> Response:
    """Removes the item's rows and every audio file no other item uses.

    Only the key that created the article may delete it (or an admin key); another key gets 403 `not_yours`.
    """
    svc = service_of(request)
    check_external_id(external_id)
    articles.delete(svc.engine, svc.blobs, external_id, by_key=None if key.admin else key.id)
    svc.cache.forget(external_id)
    return Response(status_code=204)


@router.post("/v1/summarize", summary="Summarize an article now; nothing is stored")
def summarize(body: SummarizeBody, request: Request) -> dict[str, Any]:
    """For trying Khulasa out and for the demo page: the bullets and their source sentences, at once."""
    svc = service_of(request)
    if key_of(request) is None:
        may_read_public(request)
    settings = svc.settings
    if body.bullets is not None:
        settings = replace(settings, bullets=body.bullets)
    article = _article_from(body.text, body.html, None, settings)
    return {**render.as_dict(pipeline.summarize(article, settings)), "warning": article.warning}
