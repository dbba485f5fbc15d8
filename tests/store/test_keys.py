"""API keys: shown once, stored hashed, found by token, revoked by name."""

from __future__ import annotations

import pytest
import sqlalchemy as sa

from khulasa.errors import InputError, NotFound
from khulasa.store import keys


def test_a_key_works_until_revoked(engine: sa.Engine) -> None:
    key, token = keys.create_key(engine, "cms")
    assert keys.find_key(engine, token) == key
    assert keys.find_key(engine, token + "x") is None
    with engine.connect() as conn:
        assert token not in str(conn.exec_driver_sql("SELECT * FROM api_keys").all())
    keys.revoke_key(engine, "cms")
    assert keys.find_key(engine, token) is None
    assert [k.name for k in keys.list_keys(engine)] == ["cms"]


def test_names_are_unique_and_must_exist_to_revoke(engine: sa.Engine) -> None:
    keys.create_key(engine, "cms")
    with pytest.raises(InputError, match="already exists"):
        keys.create_key(engine, "cms")
    with pytest.raises(InputError):
        keys.create_key(engine, "  ")
    with pytest.raises(NotFound, match="keys list"):
        keys.revoke_key(engine, "nobody")


def test_setting_a_webhook_makes_a_new_secret(engine: sa.Engine) -> None:
    key, _ = keys.create_key(engine, "cms")
    first = keys.set_webhook(engine, key.id, "http://127.0.0.1:9/hook")
    second = keys.set_webhook(engine, key.id, "http://127.0.0.1:9/hook")
    assert first.webhook_secret and second.webhook_secret and first.webhook_secret != second.webhook_secret
    assert keys.set_webhook(engine, key.id, None).webhook_secret is None


def test_a_webhook_must_be_an_http_address(engine: sa.Engine) -> None:
    key, _ = keys.create_key(engine, "cms")
    for bad in ("ftp://cms.example/hook", "cms.example/hook", "http://"):
        with pytest.raises(InputError, match="http"):
            keys.set_webhook(engine, key.id, bad)
