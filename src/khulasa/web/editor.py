"""The editor's page at ``/review`` and the one read it needs that the API had not: an article's text.

An editor signs in with a key, opens an item waiting for review, reads its
article beside the «الملخص» box, edits the bullets, hears the audio, and
publishes or rejects it; the same page keeps the pronunciation dictionary.
Everything it does goes through the public API with the editor's key
(``Authorization: Bearer``); the page itself is static and needs none.

The page is served with a strict Content-Security-Policy: its own script and
style only, requests to this service only, and audio from ``blob:`` URLs
(the page fetches audio with the key, since an ``<audio>`` element cannot
send one).
"""

from __future__ import annotations

from functools import partial

from fastapi import APIRouter, Request, Response
from fastapi.concurrency import run_in_threadpool

from khulasa.store import articles
from khulasa.web.articles import check_external_id
from khulasa.web.auth import Key
from khulasa.web.player import asset
from khulasa.web.schemas import PROBLEMS
from khulasa.web.service import service_of

router = APIRouter(tags=["review"], responses=PROBLEMS)

PAGES = {
    "editor.html": "text/html; charset=utf-8",
    "editor.js": "text/javascript; charset=utf-8",
    "editor.css": "text/css; charset=utf-8",
}

POLICY = (
    "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; media-src 'self' blob:; "
    "img-src 'self' data:; form-action 'none'; frame-ancestors 'none'; base-uri 'none'"
)
"""Nothing from elsewhere, no inline script or style, and no other site may frame the page (it holds a key)."""


@router.get(
    "/v1/articles/{external_id}/text",
    summary="The article text the summary was made from",
    response_class=Response,
    responses={200: {"content": {"text/plain": {}}}},
)
async def article_text(external_id: str, request: Request, _key: Key) -> Response:
    """Plain text (a key is needed): the version the current summary was made from, or the newest while none is finished."""
    check_external_id(external_id)
    text = await run_in_threadpool(partial(articles.text_of, service_of(request).engine, external_id))
    return Response(text, media_type="text/plain; charset=utf-8", headers={"Cache-Control": "no-store"})


def _page(name: str) -> Response:
    data, etag = asset(name)
    headers = {
        "ETag": etag,
        "Cache-Control": "no-cache",
        "Content-Security-Policy": POLICY,
        "X-Content-Type-Options": "nosniff",
        "Referrer-Policy": "no-referrer",
    }
    return Response(data, media_type=PAGES[name], headers=headers)


@router.get("/review", response_class=Response, include_in_schema=False)
def review_page() -> Response:
    """The editor's page: items waiting for review, their text and box, publish or reject, and the dictionary."""
    return _page("editor.html")


@router.get("/editor.js", response_class=Response, include_in_schema=False)
def editor_js() -> Response:
    return _page("editor.js")


@router.get("/editor.css", response_class=Response, include_in_schema=False)
def editor_css() -> Response:
    return _page("editor.css")
