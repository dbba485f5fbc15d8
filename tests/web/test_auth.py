"""Keys: writes need one, finished items are public, revoked keys stop working at once."""

from __future__ import annotations

from khulasa import config
from khulasa.store import database, keys
from tests.web.articles import HARBOUR
from tests.web.conftest import Server


def test_writes_without_a_key_are_refused(server: Server) -> None:
    with server.client() as anonymous:
        answer = anonymous.put("/v1/articles/anon-1", json={"text": HARBOUR})
        assert answer.status_code == 401
        assert answer.json()["code"] == "auth_required" and "Bearer" in answer.json()["detail"]
        assert anonymous.delete("/v1/articles/anon-1").status_code == 401
        assert anonymous.get("/v1/articles").status_code == 401
    with server.client("khk_not-a-real-key") as impostor:
        assert impostor.put("/v1/articles/anon-1", json={"text": HARBOUR}).status_code == 401
    with server.client() as anonymous:
        wrong_scheme = anonymous.put("/v1/articles/anon-1", json={"text": HARBOUR}, headers={"Authorization": "Basic eDp5"})
        assert wrong_scheme.status_code == 401


def test_unfinished_items_need_a_key_to_read(server: Server, api_key: str) -> None:
    with server.client(api_key) as api, server.client() as anonymous:
        assert api.put("/v1/articles/unfinished-1", json={"text": HARBOUR.replace("صلالة", "الدقم")}).status_code == 202
        if api.get("/v1/articles/unfinished-1").json()["summary"] is None:
            assert anonymous.get("/v1/articles/unfinished-1").status_code == 401
        assert api.delete("/v1/articles/unfinished-1").status_code == 204


def test_keys_are_stored_hashed_and_revoked_keys_stop_working(server: Server) -> None:
    engine = database.connect(config.load(environ={}, data_dir=str(server.data_dir)))
    try:
        key, token = keys.create_key(engine, "short-lived")
        assert token.startswith("khk_") and key.prefix == token[:10]
        assert token not in (server.data_dir / "khulasa.db").read_bytes().decode("latin-1")
        with server.client(token) as api:
            assert api.get("/v1/articles").status_code == 200
            revoke = server.keys("revoke", "short-lived")  # as an operator does it
            assert revoke.returncode == 0, revoke.stderr
            refused = api.get("/v1/articles")
            assert refused.status_code == 401 and "revoked" in refused.json()["detail"]
        assert [k.revoked_at is not None for k in keys.list_keys(engine) if k.name == "short-lived"] == [True]
    finally:
        engine.dispose()
