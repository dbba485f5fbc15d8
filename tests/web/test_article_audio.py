"""The whole article read aloud through the service: the PUT's narrate, the article.* files, the podcast's ?audio=article.

A real `khulasa serve` (KHULASA_NARRATE left at its default, summary) gets
three articles: one PUT with narrate "both", one with narrate "article", one
with no choice. Files are fetched as a player and a podcast app fetch them.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import feedparser
import httpx
import pytest

from tests.test_pipeline_article import DAM
from tests.web.articles import HARBOUR, LIBRARY
from tests.web.conftest import Server, make_server, wait_for_state


@dataclass
class Desk:
    """The server and its three finished articles."""

    server: Server
    key: str
    both: dict[str, Any]
    article_only: dict[str, Any]
    summary_only: dict[str, Any]


@pytest.fixture(scope="module")
def desk(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Desk]:
    server = make_server(tmp_path_factory.mktemp("article-audio"), article_formats="mp3,ogg").start()
    try:
        key = server.make_key("cms")
        with server.client(key) as api:
            assert api.put("/v1/articles/dam-1", json={"text": DAM, "narrate": "both"}).status_code == 202
            assert api.put("/v1/articles/lib-1", json={"text": LIBRARY, "narrate": "article"}).status_code == 202
            assert api.put("/v1/articles/harbour-1", json={"text": HARBOUR}).status_code == 202
            done = [wait_for_state(api, name, {"done", "failed"}) for name in ("dam-1", "lib-1", "harbour-1")]
        assert [item["state"] for item in done] == ["done"] * 3, [item["error"] for item in done]
        yield Desk(server, key, *done)
    finally:
        server.stop()


def test_narrate_both_gives_the_summary_audio_and_the_whole_article_audio(desk: Desk) -> None:
    item = desk.both
    assert item["narrate"] == "both" and item["audio"] is not None
    whole = item["article_audio"]
    assert whole["paragraphs"] == 4 and whole["duration"] > item["audio"]["duration"]
    assert [f["format"] for f in whole["files"]] == ["mp3", "ogg"]
    assert whole["files"][0]["stable_url"] == "/v1/articles/dam-1/article.mp3"
    assert set(whole["timings"]) == {"json", "vtt"}
    assert "article.mp3" not in str(item["audio"])  # the summary's files stay the summary's


def test_narrate_article_reads_the_article_alone_and_the_default_the_summary_alone(desk: Desk) -> None:
    assert desk.article_only["audio"] is None and desk.article_only["article_audio"]["duration"] > 10
    assert desk.summary_only["audio"] is not None and desk.summary_only["article_audio"] is None
    with desk.server.client() as reader:
        missing = reader.get("/v1/articles/harbour-1/article.mp3")
        assert missing.status_code == 404 and "whole article" in missing.json()["detail"]
        assert reader.get("/v1/articles/lib-1/summary.mp3").status_code == 404


def test_the_article_files_answer_ranges_and_etags_like_the_summary_files(desk: Desk) -> None:
    path = "/v1/articles/dam-1/article.mp3"
    with desk.server.client() as player:
        whole = player.get(path)
        assert whole.status_code == 200 and whole.headers["content-type"] == "audio/mpeg"
        assert len(whole.content) == desk.both["article_audio"]["files"][0]["size"]
        etag = whole.headers["etag"]
        assert whole.headers["accept-ranges"] == "bytes" and "must-revalidate" in whole.headers["cache-control"]
        assert player.get(path, headers={"If-None-Match": etag}).status_code == 304
        part = player.get(path, headers={"Range": "bytes=1000-1999", "If-Range": etag})
        assert part.status_code == 206 and part.content == whole.content[1000:2000]
        assert part.headers["content-range"] == f"bytes 1000-1999/{len(whole.content)}"
        stale = player.get(path, headers={"Range": "bytes=1000-", "If-Range": '"an-older-reading"'})
        assert stale.status_code == 200 and stale.content == whole.content
        outside = player.get(path, headers={"Range": f"bytes={len(whole.content) + 5}-"})
        assert outside.status_code == 416 and outside.headers["content-range"] == f"bytes */{len(whole.content)}"
        assert player.head("/v1/articles/dam-1/article.ogg").headers["content-type"] == "audio/ogg"

        timings = player.get("/v1/articles/dam-1/article.json").json()
        paragraphs = [s for s in timings["segments"] if s["kind"] == "paragraph"]
        assert [p["index"] for p in paragraphs] == [0, 1, 2, 3] and paragraphs[0]["text"].startswith("بدأت وزارة المياه")
        assert {f["extension"] for f in timings["files"]} == {"mp3", "ogg"}
        vtt = player.get("/v1/articles/dam-1/article.vtt")
        assert vtt.text.startswith("WEBVTT") and "sentence-5" in vtt.text


def test_a_new_choice_for_unchanged_text_makes_the_audio_asked_for(desk: Desk) -> None:
    with desk.server.client(desk.key) as api:
        again = api.put("/v1/articles/harbour-1", json={"text": HARBOUR, "narrate": "both"})
        assert again.status_code == 202 and again.json()["new_version"] is True and again.json()["version"] == 1
        item = wait_for_state(api, "harbour-1", {"done", "failed"})
        assert item["narrate"] == "both" and item["article_audio"] is not None and item["audio"] is not None
        same = api.put("/v1/articles/harbour-1", json={"text": HARBOUR})  # no choice given: the one made stays
        assert same.json()["new_version"] is False and api.get("/v1/articles/harbour-1").json()["narrate"] == "both"


def test_a_choice_that_is_not_summary_article_or_both_is_refused_in_one_sentence(desk: Desk) -> None:
    with desk.server.client(desk.key) as api:
        answer = api.put("/v1/articles/odd-1", json={"text": DAM, "narrate": "headlines"})
    assert answer.status_code in (400, 422) and answer.headers["content-type"].startswith("application/problem+json")
    assert "narrate" in answer.json()["detail"]


def test_the_podcast_with_audio_article_carries_the_whole_articles(desk: Desk) -> None:
    with desk.server.client() as app:
        feed = feedparser.parse(app.get("/v1/feed.xml?audio=article").content)
        assert not feed.bozo, feed.bozo_exception
        ids = [entry.id for entry in feed.entries]
        assert "lib-1#v1" in ids and "dam-1#v1" in ids
        by_id = {entry.id: entry for entry in feed.entries}
        [enclosure] = by_id["dam-1#v1"].enclosures
        whole = desk.both["article_audio"]["files"][0]
        assert enclosure.href.endswith(whole["url"]) and int(enclosure.length) == whole["size"]
        assert int(by_id["dam-1#v1"].itunes_duration) == max(1, round(desk.both["article_audio"]["duration"]))
        summary_feed = feedparser.parse(app.get("/v1/feed.xml").content)
        assert "lib-1#v1" not in [entry.id for entry in summary_feed.entries]  # it has no summary audio
        bad = app.get("/v1/feed.xml?audio=everything")
        assert bad.status_code == 400 and "audio must be summary or article" in bad.json()["detail"]


def test_the_stable_urls_of_both_audios_are_served(desk: Desk) -> None:
    with httpx.Client(base_url=desk.server.url, trust_env=False) as reader:
        for f in desk.both["audio"]["files"] + desk.both["article_audio"]["files"]:
            assert reader.get(f["stable_url"]).content == reader.get(f["url"]).content
