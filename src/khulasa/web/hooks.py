"""Routes for a key's webhook: set it (a new signing secret is shown once), read it, remove it, read the delivery log."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Query, Request, Response

from khulasa.jobs import webhooks
from khulasa.render import iso
from khulasa.store import deliveries as outbox
from khulasa.store import keys
from khulasa.web.auth import Key
from khulasa.web.schemas import PROBLEMS, WebhookBody
from khulasa.web.service import service_of

router = APIRouter(tags=["webhooks"], responses=PROBLEMS)


@router.put("/v1/webhook", summary="Send this key's events to a URL")
def put_webhook(body: WebhookBody, request: Request, key: Key) -> dict[str, Any]:
    """Sets the URL for article.done / article.failed; answers with the signing secret, shown only now.

    The URL's host is resolved and checked as fetches are: one pointing at a
    loopback, private or link-local address is refused unless KHULASA_FETCH_ALLOW lists it.
    """
    svc = service_of(request)
    webhooks.checked_target(body.url, svc.settings)
    updated = keys.set_webhook(svc.engine, key.id, body.url)
    return {"url": updated.webhook_url, "secret": updated.webhook_secret, "signature_header": webhooks.SIGNATURE_HEADER}


@router.get("/v1/webhook", summary="This key's webhook URL")
def get_webhook(key: Key) -> dict[str, Any]:
    """The URL events go to (the secret is never shown again)."""
    return {"url": key.webhook_url}


@router.delete("/v1/webhook", status_code=204, summary="Stop sending this key's events")
def delete_webhook(request: Request, key: Key) -> Response:
    """Removes the URL; pending deliveries are still tried."""
    keys.set_webhook(service_of(request).engine, key.id, None)
    return Response(status_code=204)


@router.get("/v1/webhook/deliveries", summary="This key's webhook delivery log")
def deliveries(request: Request, key: Key, limit: int = Query(100, ge=1, le=1000)) -> dict[str, Any]:
    """Newest first: event, state (pending, delivered, failed), tries, the receiver's last answer."""
    log = outbox.log(service_of(request).engine, key.id, limit)
    for entry in log:
        entry["created_at"] = iso(entry["created_at"])
        entry["delivered_at"] = iso(entry["delivered_at"])
    return {"deliveries": log}
