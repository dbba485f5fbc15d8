"""Audio and timing files: a Range is served from the current bytes only when If-Range names them."""

from __future__ import annotations

from pathlib import Path

import httpx

from khulasa import config
from khulasa.store import database
from khulasa.store.blobs import DirectoryBlobStore
from khulasa.web.app import create_app
from tests.web.test_app import finish, serve_in_process


def test_a_resumed_download_of_an_older_version_gets_the_whole_new_file(tmp_path: Path) -> None:
    settings = config.load(environ={}, data_dir=str(tmp_path))
    engine = database.connect(settings)
    finish(engine, DirectoryBlobStore(tmp_path / "blobs"), "resumed-1")
    engine.dispose()
    path = "/v1/articles/resumed-1/summary.mp3"

    async def talk(player: httpx.AsyncClient) -> None:
        whole = await player.get(path)
        etag = whole.headers["etag"]
        tail = {"Range": "bytes=100-"}

        current = await player.get(path, headers=tail | {"If-Range": etag})
        assert current.status_code == 206 and current.content == whole.content[100:]
        assert (await player.get(path, headers=tail)).status_code == 206  # no If-Range: the Range as asked

        for older in ('"an-older-narration"', f"W/{etag}", "Sat, 01 Jan 2000 00:00:00 GMT", "garbage"):
            answer = await player.get(path, headers=tail | {"If-Range": older})
            assert answer.status_code == 200 and answer.content == whole.content, older
            assert "content-range" not in answer.headers
        past_the_end = await player.get(path, headers={"Range": "bytes=99999-", "If-Range": '"an-older-narration"'})
        assert past_the_end.status_code == 200  # the Range is ignored, so it cannot be unsatisfiable

        head = await player.head(path, headers=tail | {"If-Range": '"an-older-narration"'})
        assert head.status_code == 200 and head.headers["content-length"] == str(len(whole.content))

    serve_in_process(create_app(settings, run_jobs=False), talk)
