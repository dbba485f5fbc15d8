"""The player and the demo page: ``/player.js``, ``/`` and the two small routes they need.

``/player.js`` defines ``<khulasa-player article="ID">``, the «الملخص» box a
publisher embeds with one script tag. ``/`` is the demo page a new user
sees first after ``khulasa serve``: paste an article or upload its HTML
page, get the box, press play.

The demo stores what it is given through the same upsert as
``PUT /v1/articles/{id}``, under a generated ``demo-…`` id and without a
key; the ``demo`` setting turns that off on a server others can reach.

A reader's browser has no key, and the service shows only finished items
without one, so ``GET /v1/player/{id}`` tells the player an item's state
(and a failure's reason) while it is still being made: nothing else of the
article (text, title, metadata) is in that answer.
"""

from __future__ import annotations

import secrets
from functools import cache
from importlib import resources
from typing import Any

from fastapi import APIRouter, Request, Response
from fastapi.concurrency import run_in_threadpool

from khulasa.errors import AuthRequired
from khulasa.ingest.document import read_article
from khulasa.store import articles
from khulasa.web.articles import check_external_id
from khulasa.web.auth import may_read_public
from khulasa.web.conditional import etag_of, not_modified
from khulasa.web.encoding import json_bytes
from khulasa.web.schemas import PROBLEMS
from khulasa.web.service import service_of
from khulasa.web.views import item_path

router = APIRouter(tags=["player"], responses=PROBLEMS)

STATIC = {
    "player.js": "text/javascript; charset=utf-8",
    "demo.html": "text/html; charset=utf-8",
    "demo.js": "text/javascript; charset=utf-8",
    "demo.css": "text/css; charset=utf-8",
}
"""The files under ``khulasa/web/static`` and their media types."""

DEMO_OFF = (
    "the demo page cannot store articles on this server (KHULASA_DEMO is off); "
    "send articles with PUT /v1/articles/{id} and an API key instead."
)


@cache
def asset(name: str) -> tuple[bytes, str]:
    """A static file's bytes and its ETag, read once from the installed package."""
    data = resources.files("khulasa.web").joinpath("static", name).read_bytes()
    return data, etag_of(data)


def _static(request: Request, name: str) -> Response:
    data, etag = asset(name)
    headers = {"ETag": etag, "Cache-Control": "public, max-age=300"}
    current = not_modified(request, headers)
    if current is not None:
        return current
    return Response(data, media_type=STATIC[name], headers=headers)


@router.get("/player.js", summary="The embeddable player", response_class=Response)
def player_js(request: Request) -> Response:
    """Defines ``<khulasa-player article="ID">``; include it once with ``<script src=".../player.js" defer>``."""
    return _static(request, "player.js")


@router.get("/", summary="The demo page", response_class=Response, include_in_schema=False)
def demo_page(request: Request) -> Response:
    """Paste an article or upload its HTML page, get the box and press play."""
    return _static(request, "demo.html")


@router.get("/demo.js", response_class=Response, include_in_schema=False)
def demo_js(request: Request) -> Response:
    return _static(request, "demo.js")


@router.get("/demo.css", response_class=Response, include_in_schema=False)
def demo_css(request: Request) -> Response:
    return _static(request, "demo.css")


def _store_demo(request: Request, data: bytes) -> dict[str, Any]:
    svc = service_of(request)
    if not svc.settings.demo:
        raise AuthRequired(DEMO_OFF)
    article = read_article(data, svc.settings)
    external_id = "demo-" + secrets.token_hex(8)
    done = articles.upsert(svc.engine, external_id, article, None)
    svc.stored(external_id, done.new_version)
    return {"external_id": external_id, "url": item_path(external_id), "state": done.state, "warning": article.warning}


@router.post("/v1/demo/articles", status_code=202, summary="Store an article for the demo page")
async def demo_article(request: Request) -> dict[str, Any]:
    """The body is the article itself, plain text or an HTML page (any charset); answers its new ``demo-…`` id.

    No key is needed while the ``demo`` setting is on; the article is made like any PUT.
    """
    data = await request.body()
    return await run_in_threadpool(_store_demo, request, data)


@router.get("/v1/demo/example", response_class=Response, summary="An example article for the demo page")
def demo_example() -> Response:
    """A short news article in Arabic, written for Khulasa, to try the demo with."""
    text = resources.files("khulasa").joinpath("examples", "desalination.txt").read_bytes()
    return Response(text, media_type="text/plain; charset=utf-8")


def _state(request: Request, external_id: str) -> dict[str, Any]:
    may_read_public(request)
    check_external_id(external_id)
    view = articles.item(service_of(request).engine, external_id)
    return {"external_id": external_id, "state": view["state"], "error": view["error"]}


@router.get("/v1/player/{external_id}", summary="An item's state, for the player")
async def player_state(external_id: str, request: Request) -> Response:
    """queued, running, done, failed (with the reason), review or rejected; open without a key while ``public_reads`` is on."""
    body = await run_in_threadpool(_state, request, external_id)
    return Response(json_bytes(body), media_type="application/json", headers={"Cache-Control": "no-store"})
