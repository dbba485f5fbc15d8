"""API keys: created once (the key is shown then and never again), stored hashed, revoked by name.

Keys are long random tokens, so a plain SHA-256 is enough to store them:
there is nothing to brute-force as there would be with passwords.
"""

from __future__ import annotations

import hashlib
import re
import secrets
import time
from dataclasses import dataclass

import sqlalchemy as sa

from khulasa.errors import InputError, NotFound
from khulasa.store.database import reading
from khulasa.store.schema import api_keys

KEY_PREFIX = "khk_"


@dataclass(frozen=True)
class ApiKey:
    """An API key as listed: never the key itself."""

    id: int
    """Row id; webhook deliveries and versions refer to it."""
    name: str
    """The name given at creation, unique."""
    prefix: str
    """The key's first characters, to tell keys apart in lists."""
    created_at: float
    """When it was created (seconds since the epoch)."""
    revoked_at: float | None
    """When it was revoked, or None while it works."""
    webhook_url: str | None
    """Where ``article.done`` / ``article.failed`` events are sent, if anywhere."""
    webhook_secret: str | None
    """The secret webhook bodies are signed with (HMAC-SHA256)."""
    admin: bool = False
    """An operator's key for newsroom tools: it may change and delete any article, not only its own."""


def hash_key(key: str) -> str:
    """The stored form of a key."""
    return hashlib.sha256(key.encode("utf-8")).hexdigest()


def _row(row: sa.Row[tuple[object, ...]] | sa.RowMapping) -> ApiKey:
    m = row._mapping if isinstance(row, sa.Row) else row
    return ApiKey(
        id=m["id"],
        name=m["name"],
        prefix=m["prefix"],
        created_at=m["created_at"],
        revoked_at=m["revoked_at"],
        webhook_url=m["webhook_url"],
        webhook_secret=m["webhook_secret"],
        admin=bool(m["admin"]),
    )


def create_key(engine: sa.Engine, name: str, *, admin: bool = False) -> tuple[ApiKey, str]:
    """Make a key called ``name``; return it and the secret token (shown to the user once).

    ``admin`` makes an operator's key, which may act on every key's articles.
    """
    name = name.strip()
    if not name or len(name) > 100:
        raise InputError("a key needs a name of 1 to 100 characters.")
    token = KEY_PREFIX + secrets.token_urlsafe(32)
    with engine.begin() as conn:
        if conn.execute(sa.select(api_keys.c.id).where(api_keys.c.name == name)).first():
            raise InputError(f"a key named {name!r} already exists; choose another name or revoke it first.")
        new_id = conn.execute(
            api_keys.insert().values(name=name, prefix=token[:10], key_hash=hash_key(token), created_at=time.time(), admin=admin)
        ).inserted_primary_key
        row = conn.execute(sa.select(api_keys).where(api_keys.c.id == new_id[0])).one()  # type: ignore[index]
    return _row(row), token


def list_keys(engine: sa.Engine) -> list[ApiKey]:
    """Every key, oldest first, revoked ones included."""
    with reading(engine) as conn:
        return [_row(r) for r in conn.execute(sa.select(api_keys).order_by(api_keys.c.id))]


def revoke_key(engine: sa.Engine, name: str) -> ApiKey:
    """Stop the key called ``name`` from working; it stays listed as revoked."""
    with engine.begin() as conn:
        row = conn.execute(sa.select(api_keys).where(api_keys.c.name == name)).first()
        if row is None:
            raise NotFound(f"there is no key named {name!r}; `khulasa keys list` shows the names.")
        if row.revoked_at is None:
            conn.execute(api_keys.update().where(api_keys.c.id == row.id).values(revoked_at=time.time()))
        row = conn.execute(sa.select(api_keys).where(api_keys.c.id == row.id)).one()
    return _row(row)


def find_key(engine: sa.Engine, token: str) -> ApiKey | None:
    """The working key whose token this is, or None (unknown or revoked)."""
    with reading(engine) as conn:
        row = conn.execute(
            sa.select(api_keys).where(api_keys.c.key_hash == hash_key(token), api_keys.c.revoked_at.is_(None))
        ).first()
    return _row(row) if row else None


def set_webhook(engine: sa.Engine, key_id: int, url: str | None) -> ApiKey:
    """Point the key's webhook at ``url`` (None removes it); a new signing secret is made each time."""
    if url is not None and not re.fullmatch(r"https?://[^\s/]+\S*", url):
        raise InputError(f"the webhook URL {url!r} must be an http:// or https:// address that accepts POSTs.")
    secret = "whsec_" + secrets.token_urlsafe(32) if url else None
    with engine.begin() as conn:
        conn.execute(api_keys.update().where(api_keys.c.id == key_id).values(webhook_url=url, webhook_secret=secret))
        row = conn.execute(sa.select(api_keys).where(api_keys.c.id == key_id)).one()
    return _row(row)
