"""The server polls its feed sources: an item appears as an article, an edit as a new version, with no PUT."""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from khulasa import config
from khulasa.jobs import poller
from khulasa.store import database, keys
from khulasa.web.app import create_app
from tests.jobs.feedsite import MARKET, FeedSite, rss
from tests.web.conftest import make_server, wait_for_state
from tests.web.test_app import serve_in_process


@pytest.fixture
def site() -> Iterator[FeedSite]:
    running = FeedSite()
    try:
        yield running
    finally:
        running.close()


def _add_source(data_dir: Path, site: FeedSite, body: str) -> str:
    """Serve a one-item feed on loopback and add it to the data folder as the CLI would."""
    site.put("/feed", rss(("g1", site.url("/news/market", host="127.0.0.1"), "افتتاح السوق", body)))
    settings = config.load(environ={}, data_dir=str(data_dir), fetch_allow="127.0.0.1")
    engine = database.connect(settings)
    try:
        source, _ = poller.add(engine, site.url("/feed", host="127.0.0.1"), settings)
    finally:
        engine.dispose()
    return source.url


def _articles(client: httpx.Client) -> list[dict[str, object]]:
    answer = client.get("/v1/articles")
    assert answer.status_code == 200, answer.text
    items: list[dict[str, object]] = answer.json()["items"]
    return items


def test_the_server_polls_sources_into_articles(tmp_path: Path, site: FeedSite) -> None:
    _add_source(tmp_path, site, MARKET)
    running = make_server(tmp_path, source_poll_seconds="0.5").start()
    client = running.client(running.make_key("poll-test"))
    try:
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline and not _articles(client):
            time.sleep(0.2)
        (item,) = _articles(client)
        external_id = str(item["external_id"])
        assert external_id.startswith("feed-") and item["title"] == "افتتاح السوق"
        done = wait_for_state(client, external_id, {"done"})
        assert done["version"] == 1

        edited = MARKET + "\nوأكد أن رسوم المحلات ستبقى كما هي في العام الأول."
        site.put("/feed", rss(("g1", site.url("/news/market", host="127.0.0.1"), "افتتاح السوق", edited)))
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline and client.get(f"/v1/articles/{external_id}").json()["version"] != 2:
            time.sleep(0.2)
        assert client.get(f"/v1/articles/{external_id}").json()["version"] == 2
        time.sleep(1.2)  # more polls of the same feed: 304s, no third version, no second article
        assert 304 in site.statuses("/feed")
        assert client.get(f"/v1/articles/{external_id}").json()["version"] == 2
        assert len(_articles(client)) == 1
    finally:
        client.close()
        running.stop()


def test_polling_can_be_turned_off(tmp_path: Path, site: FeedSite) -> None:
    _add_source(tmp_path, site, MARKET)
    fetched_on_add = len(site.log)
    running = make_server(tmp_path, source_poll_seconds="0.2", source_polling="false").start()
    try:
        time.sleep(0.8)  # four poll intervals
        assert len(site.log) == fetched_on_add
        with running.client(running.make_key("off-test")) as client:
            assert _articles(client) == []
    finally:
        running.stop()


def test_the_sources_api(tmp_path: Path, site: FeedSite) -> None:
    settings = config.load(environ={}, data_dir=str(tmp_path), fetch_allow="127.0.0.1")
    engine = database.connect(settings)
    token = keys.create_key(engine, "coast-cms")[1]
    engine.dispose()
    auth = {"Authorization": f"Bearer {token}"}
    site.put("/feed", rss(("g1", site.url("/news/market", host="127.0.0.1"), "افتتاح السوق", MARKET)))
    feed = site.url("/feed", host="127.0.0.1")
    page = site.put("/about", "<html><body><p>من نحن</p></body></html>", "text/html; charset=utf-8")

    async def talk(client: httpx.AsyncClient) -> None:
        assert (await client.post("/v1/sources", json={"url": feed})).status_code == 401
        made = await client.post("/v1/sources", json={"url": feed, "poll_seconds": 300}, headers=auth)
        assert made.status_code == 201, made.text
        assert made.json()["kind"] == "rss" and made.json()["yours"] and made.json()["poll_seconds"] == 300
        again = await client.post("/v1/sources", json={"url": feed}, headers=auth)
        assert again.status_code == 200 and again.json()["id"] == made.json()["id"]
        listed = (await client.get("/v1/sources", headers=auth)).json()["sources"]
        assert [s["url"] for s in listed] == [feed]

        not_feed = await client.post("/v1/sources", json={"url": page.replace("news.test", "127.0.0.1")}, headers=auth)
        assert not_feed.status_code == 422 and "not an RSS or Atom feed" in not_feed.json()["detail"]
        unknown = await client.delete("/v1/sources/99", headers=auth)
        assert unknown.status_code == 404 and "no source 99" in unknown.json()["detail"]
        assert (await client.delete(f"/v1/sources/{made.json()['id']}", headers=auth)).status_code == 204
        assert (await client.get("/v1/sources", headers=auth)).json()["sources"] == []

    serve_in_process(create_app(settings, run_jobs=False), talk)


def test_only_the_key_that_added_a_source_may_remove_it(tmp_path: Path, site: FeedSite) -> None:
    operators = _add_source(tmp_path, site, MARKET)  # added with the CLI, no key
    settings = config.load(environ={}, data_dir=str(tmp_path), fetch_allow="127.0.0.1")
    engine = database.connect(settings)
    owner = {"Authorization": f"Bearer {keys.create_key(engine, 'coast-cms')[1]}"}
    other = {"Authorization": f"Bearer {keys.create_key(engine, 'desert-cms')[1]}"}
    engine.dispose()
    site.put("/other-feed", rss(("g2", site.url("/news/port", host="127.0.0.1"), "توسعة الميناء", MARKET)))
    owned = site.url("/other-feed", host="127.0.0.1")

    async def talk(client: httpx.AsyncClient) -> None:
        made = await client.post("/v1/sources", json={"url": owned}, headers=owner)
        assert made.status_code == 201, made.text
        ids = {s["url"]: s["id"] for s in (await client.get("/v1/sources", headers=other)).json()["sources"]}
        assert ids == {operators: ids[operators], owned: made.json()["id"]}

        refused = await client.delete(f"/v1/sources/{ids[owned]}", headers=other)
        assert refused.status_code == 403 and refused.json()["code"] == "not_yours"
        assert "another API key" in refused.json()["detail"]
        assert (await client.delete(f"/v1/sources/{ids[operators]}", headers=owner)).status_code == 403
        assert len((await client.get("/v1/sources", headers=owner)).json()["sources"]) == 2
        assert (await client.delete(f"/v1/sources/{ids[owned]}", headers=owner)).status_code == 204
        assert [s["url"] for s in (await client.get("/v1/sources", headers=owner)).json()["sources"]] == [operators]

    serve_in_process(create_app(settings, run_jobs=False), talk)
