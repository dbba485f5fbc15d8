"""The app factory in-process: building an app does no work, and private reads need a key."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from pathlib import Path

import httpx
import sqlalchemy as sa
from fastapi import FastAPI

from khulasa import config
from khulasa.model import Article
from khulasa.store import articles, database, jobs, keys
from khulasa.store.articles import StoredFile
from khulasa.store.blobs import DirectoryBlobStore
from khulasa.web.app import create_app
from tests.web.articles import HARBOUR


def finish(engine: sa.Engine, blobs: DirectoryBlobStore, external_id: str) -> None:
    """Store an item with results as a job would, without running one."""
    articles.upsert(engine, external_id, Article(text=HARBOUR), key_id=None)
    job = jobs.claim(engine, 30)
    assert job is not None
    mp3 = blobs.put(b"\xff\xfb\x90\x00" + bytes(400), "mp3")
    with engine.begin() as conn:
        articles.record_done(
            conn,
            job,
            {"bullets": []},
            {"duration": 1.0, "voice": "v", "loudness": None, "true_peak": None, "segments": []},
            [StoredFile("mp3", "audio/mpeg", mp3, 404)],
            None,
        )


def serve_in_process(app: FastAPI, talk: Callable[[httpx.AsyncClient], Awaitable[None]]) -> None:
    """Start the app's lifespan, talk to it through httpx's ASGI transport, stop it."""

    async def run() -> None:
        async with app.router.lifespan_context(app):
            transport = httpx.ASGITransport(app=app)
            async with httpx.AsyncClient(transport=transport, base_url="http://khulasa.test") as client:
                await talk(client)

    asyncio.run(run())


def test_building_an_app_touches_nothing(tmp_path: Path) -> None:
    create_app(config.load(environ={}, data_dir=str(tmp_path / "data")))
    assert not (tmp_path / "data").exists()


def test_with_public_reads_off_even_finished_items_need_a_key(tmp_path: Path) -> None:
    settings = config.load(environ={}, data_dir=str(tmp_path), public_reads=False)
    engine = database.connect(settings)
    finish(engine, DirectoryBlobStore(tmp_path / "blobs"), "private-1")
    token = keys.create_key(engine, "cms")[1]
    engine.dispose()
    auth = {"Authorization": f"Bearer {token}"}

    async def talk(anonymous: httpx.AsyncClient) -> None:
        assert (await anonymous.get("/v1/articles/private-1")).status_code == 401
        assert (await anonymous.get("/v1/articles/private-1/summary.mp3")).status_code == 401
        with_key = await anonymous.get("/v1/articles/private-1", headers=auth)
        assert with_key.status_code == 200 and with_key.json()["state"] == "done"
        mp3 = await anonymous.get("/v1/articles/private-1/summary.mp3", headers=auth)
        assert mp3.status_code == 200 and len(mp3.content) == 404

    serve_in_process(create_app(settings, run_jobs=False), talk)


def test_the_finished_item_answer_is_revalidated_by_etag(tmp_path: Path) -> None:
    settings = config.load(environ={}, data_dir=str(tmp_path))
    engine = database.connect(settings)
    finish(engine, DirectoryBlobStore(tmp_path / "blobs"), "public-1")
    engine.dispose()

    async def talk(reader: httpx.AsyncClient) -> None:
        first = await reader.get("/v1/articles/public-1")
        assert first.status_code == 200 and first.headers["cache-control"] == "no-cache"
        again = await reader.get("/v1/articles/public-1", headers={"If-None-Match": first.headers["etag"]})
        assert again.status_code == 304
        held = f'"an-older-version", W/{first.headers["etag"]}'  # a cache holding two versions, one weakly tagged
        assert (await reader.get("/v1/articles/public-1", headers={"If-None-Match": held})).status_code == 304
        other = await reader.get("/v1/articles/public-1", headers={"If-None-Match": '"an-older-version"'})
        assert other.status_code == 200 and other.content == first.content

    serve_in_process(create_app(settings, run_jobs=False), talk)


def test_a_newsroom_page_may_read_items_and_audio_from_another_origin(tmp_path: Path) -> None:
    settings = config.load(environ={}, data_dir=str(tmp_path), cors_origins="https://news.example")
    engine = database.connect(settings)
    finish(engine, DirectoryBlobStore(tmp_path / "blobs"), "public-2")
    engine.dispose()
    page = {"Origin": "https://news.example"}

    async def talk(browser: httpx.AsyncClient) -> None:
        preflight = await browser.options(
            "/v1/articles/public-2/summary.mp3",
            headers=page | {"Access-Control-Request-Method": "GET", "Access-Control-Request-Headers": "range"},
        )
        assert preflight.status_code == 200
        assert preflight.headers["access-control-allow-origin"] == "https://news.example"
        audio = await browser.get("/v1/articles/public-2/summary.mp3", headers=page | {"Range": "bytes=0-9"})
        assert audio.status_code == 206 and "Content-Range" in audio.headers["access-control-expose-headers"]
        other = await browser.get("/v1/articles/public-2", headers={"Origin": "https://elsewhere.example"})
        assert "access-control-allow-origin" not in other.headers

    serve_in_process(create_app(settings, run_jobs=False), talk)
