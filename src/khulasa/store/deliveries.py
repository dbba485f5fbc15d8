"""The webhook outbox: events waiting to be sent, and the log of what was sent.

An event is written here in the same transaction as the job result it reports
(:func:`enqueue_event`), so a result is never recorded without its event nor
an event without its result. Signing and sending are not database work: they
are :mod:`khulasa.jobs.webhooks`, which reads what is due here and records each
answer.
"""

from __future__ import annotations

import json
import time
from typing import Any

import sqlalchemy as sa

from khulasa.store.database import reading
from khulasa.store.schema import api_keys, deliveries


def enqueue_event(conn: sa.Connection, key_id: int | None, event: str, payload: dict[str, Any]) -> None:
    """Record an event for the key's webhook, if the key has one and still works."""
    if key_id is None:
        return
    key = conn.execute(sa.select(api_keys).where(api_keys.c.id == key_id)).first()
    if key is None or key.revoked_at is not None or not key.webhook_url:
        return
    now = time.time()
    body = json.dumps({"event": event, **payload}, ensure_ascii=False)
    conn.execute(
        deliveries.insert().values(
            key_id=key_id,
            event=event,
            url=key.webhook_url,
            body=body,
            state="pending",
            attempts=0,
            next_attempt_at=now,
            created_at=now,
        )
    )


def log(engine: sa.Engine, key_id: int, limit: int = 100) -> list[dict[str, Any]]:
    """The key's most recent deliveries, newest first."""
    with reading(engine) as conn:
        rows = conn.execute(
            sa.select(deliveries).where(deliveries.c.key_id == key_id).order_by(deliveries.c.id.desc()).limit(limit)
        ).all()
    return [
        {
            "id": r.id,
            "event": r.event,
            "url": r.url,
            "state": r.state,
            "attempts": r.attempts,
            "last_status": r.last_status,
            "last_error": r.last_error,
            "created_at": r.created_at,
            "delivered_at": r.delivered_at,
            "body": json.loads(r.body),
        }
        for r in rows
    ]


def due(engine: sa.Engine, now: float, limit: int, busy: frozenset[int] = frozenset()) -> list[Any]:
    """Pending deliveries whose time has come, oldest first, with their key's secret; ``busy`` ids left out."""
    query = (
        sa.select(deliveries, api_keys.c.webhook_secret)
        .join(api_keys, api_keys.c.id == deliveries.c.key_id)
        .where(deliveries.c.state == "pending", deliveries.c.next_attempt_at <= now)
        .order_by(deliveries.c.next_attempt_at)
        .limit(limit)
    )
    if busy:
        query = query.where(deliveries.c.id.not_in(busy))
    with reading(engine) as conn:
        return list(conn.execute(query).all())


def next_due(engine: sa.Engine, now: float) -> float | None:
    """When the next pending delivery due after ``now`` is due, if there is one.

    Those due already and not sent are waiting for their receiver's senders,
    whose end wakes the :class:`~khulasa.jobs.webhooks.Deliverer`; they need no timer.
    """
    query = sa.select(sa.func.min(deliveries.c.next_attempt_at)).where(
        deliveries.c.state == "pending", deliveries.c.next_attempt_at > now
    )
    with reading(engine) as conn:
        found = conn.execute(query).scalar()
    return float(found) if found is not None else None


def record(engine: sa.Engine, delivery_id: int, values: dict[str, Any]) -> None:
    """Write one try's outcome (attempts, answer, state, next try) to the delivery's row."""
    with engine.begin() as conn:
        conn.execute(deliveries.update().where(deliveries.c.id == delivery_id).values(**values))
