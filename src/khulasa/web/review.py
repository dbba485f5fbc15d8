"""Routes for the newsroom's hand on the box: publish or reject a version waiting for review, write the bullets.

Each acts on one article and needs a key that may change it (its owner, or
an admin key; another gets 403 ``not_yours``). Publishing or rejecting an
item that is not in state ``review`` is a 409 ``not_in_review`` problem.
Every answer is the item as ``GET /v1/articles/{id}`` gives it to a key.
"""

from __future__ import annotations

from dataclasses import asdict
from typing import Any

from fastapi import APIRouter, Request

from khulasa.errors import InputError
from khulasa.model import Article
from khulasa.store import articles
from khulasa.summarize import editor
from khulasa.web.articles import NOT_YOURS, check_external_id
from khulasa.web.auth import Key
from khulasa.web.schemas import Problem, Rejection, SummaryEdit
from khulasa.web.service import service_of
from khulasa.web.views import present

router = APIRouter(tags=["review"])

NOT_IN_REVIEW: dict[int | str, dict[str, Any]] = {
    **NOT_YOURS,
    409: {"model": Problem, "description": "The item is not waiting for review (code `not_in_review`)"},
}


def _item(request: Request, external_id: str) -> dict[str, Any]:
    svc = service_of(request)
    svc.stored(external_id, False)  # readers without a key see the change: drop the cached answer
    return present(articles.item(svc.engine, external_id), svc.settings.publish)


@router.post("/v1/articles/{external_id:path}/publish", summary="Publish the version waiting for review", responses=NOT_IN_REVIEW)
def publish(external_id: str, request: Request, key: Key) -> dict[str, Any]:
    """The newest version goes live: the player, the feeds and keyless reads show it; webhook event `summary.published`."""
    check_external_id(external_id)
    articles.publish(service_of(request).engine, external_id, key.name, key.id, admin=key.admin)
    service_of(request).wake_webhooks()
    return _item(request, external_id)


@router.post(
    "/v1/articles/{external_id:path}/reject", summary="Send the version waiting for review back", responses=NOT_IN_REVIEW
)
def reject(external_id: str, body: Rejection, request: Request, key: Key) -> dict[str, Any]:
    """State `rejected` with the note; readers keep the last published version. Edit the bullets or the text to try again."""
    check_external_id(external_id)
    note = " ".join(body.note.split())
    if not note:
        raise InputError("the note is empty; say what is wrong with the summary.")
    articles.reject(service_of(request).engine, external_id, note, key.name, key.id, admin=key.admin)
    service_of(request).wake_webhooks()
    return _item(request, external_id)


@router.put(
    "/v1/articles/{external_id:path}/summary", status_code=202, summary="Write the box's bullets by hand", responses=NOT_YOURS
)
def edit_summary(external_id: str, body: SummaryEdit, request: Request, key: Key) -> dict[str, Any]:
    """A new version with these bullets (engine `editor`, author the key's name); its audio is made by a job.

    The guard and the integrity check read the bullets against the article and
    report in `advice`, but never refuse them: an editor may know a figure the
    text does not give. Once the audio is made the item is `review` or `done`,
    as the article's publish mode says.
    """
    svc = service_of(request)
    check_external_id(external_id)
    editor.checked_bullets(body.bullets)  # refused before any work on the article
    found: list[editor.Advice] = []

    def write(article: Article) -> dict[str, Any]:
        summary, advice = editor.written(body.bullets, article, svc.settings)
        found[:] = advice
        return editor.as_dict(summary, key.name)

    articles.edit_summary(svc.engine, external_id, write, key.name, key.id, admin=key.admin)
    svc.stored(external_id, True)
    return {**_item(request, external_id), "advice": [asdict(a) for a in found]}
