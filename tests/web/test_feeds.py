"""The finished summaries as a podcast (/v1/feed.xml) and a JSON Feed (/v1/feed.json), read the way podcast apps read them.

A real `khulasa serve` of its own makes two articles' summaries and audio
(one titled with markup characters, one untitled); a second, with jobs off,
holds only a queued article, so its feeds are empty. feedparser reads the
podcast, and every enclosure is fetched to check the length the feed states.
"""

from __future__ import annotations

import json
import sys
import threading
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from pathlib import Path
from typing import Any

import feedparser
import httpx
import pytest
import sqlalchemy as sa

from khulasa import config
from khulasa.model import Article
from khulasa.store import articles, database, jobs, keys, sources
from khulasa.store.articles import Finished, StoredFile
from khulasa.store.blobs import DirectoryBlobStore
from khulasa.store.sources import SeenItem
from khulasa.web.app import create_app
from khulasa.web.feeds import Channel, json_feed, podcast, published_at
from tests.web.articles import HARBOUR, LIBRARY
from tests.web.conftest import Server, make_server, wait_for_state
from tests.web.test_app import finish, serve_in_process

MARKUP_TITLE = 'مكتبة صفاقس <الجديدة> تفتح أبوابها & "تستقبل" 200 قارئ'
ITUNES = "{http://www.itunes.com/dtds/podcast-1.0.dtd}"


@dataclass
class Newsroom:
    """A server with two finished items: the library (titled, dated) sent first, the untitled harbour second."""

    server: Server
    key: str
    library: dict[str, Any]
    harbour: dict[str, Any]


@pytest.fixture(scope="module")
def newsroom(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Newsroom]:
    server = make_server(tmp_path_factory.mktemp("feeds")).start()
    try:
        key = server.make_key("cms")
        with server.client(key) as api:
            body = {"text": LIBRARY, "title": MARKUP_TITLE, "published": "2026-11-28T09:30:00+01:00"}
            assert api.put("/v1/articles/lib-1", json=body).status_code == 202
            assert api.put("/v1/articles/harbour-1", json={"text": HARBOUR}).status_code == 202
            library = wait_for_state(api, "lib-1", {"done", "failed"})
            harbour = wait_for_state(api, "harbour-1", {"done", "failed"})
        assert library["state"] == harbour["state"] == "done", (library["error"], harbour["error"])
        yield Newsroom(server, key, library, harbour)
    finally:
        server.stop()


@pytest.fixture(scope="module")
def quiet(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    """Jobs off, one article queued and never finished; feeds set up for a public address and cover art."""
    server = make_server(
        tmp_path_factory.mktemp("feeds-quiet"),
        run_jobs="false",
        public_url="https://news.example.org/khulasa/",
        feed_image_url="https://news.example.org/cover.jpg",
        feed_title="نشرة <الصباح> & المساء",
    ).start()
    try:
        with server.client(server.make_key("cms")) as api:
            assert api.put("/v1/articles/waiting-1", json={"text": LIBRARY}).status_code == 202
        yield server
    finally:
        server.stop()


def bullets_of(item: dict[str, Any]) -> list[str]:
    return [b["text"] for b in item["summary"]["bullets"]]


def test_the_podcast_has_one_episode_per_finished_article_with_its_mp3(newsroom: Newsroom) -> None:
    with newsroom.server.client() as reader:  # a podcast app: no key
        answer = reader.get("/v1/feed.xml")
        assert answer.status_code == 200 and answer.headers["content-type"].startswith("application/rss+xml")
        feed = feedparser.parse(answer.content)
        assert not feed.bozo, feed.bozo_exception
        assert feed.version == "rss20" and feed.feed.language == "ar"
        assert feed.feed.title == config.Settings().feed_title and feed.feed.author == "Khulasa"
        assert "image" not in feed.feed  # no cover art configured
        channel = ET.fromstring(answer.content).find("channel")
        assert channel is not None and channel.findtext(ITUNES + "explicit") == "false"
        assert channel.findtext(ITUNES + "type") == "episodic"
        assert [c.get("text") for c in channel.iter(ITUNES + "category")] == ["News", "Daily News"]

        library, harbour = newsroom.library, newsroom.harbour
        assert [e.id for e in feed.entries] == ["harbour-1#v1", "lib-1#v1"]  # newest first
        for entry, item in zip(feed.entries, (harbour, library), strict=True):
            assert entry.guidislink is False
            [enclosure] = entry.enclosures
            assert enclosure.type == "audio/mpeg" and enclosure.href.startswith(newsroom.server.url + "/v1/files/")
            mp3 = reader.get(enclosure.href)
            assert mp3.status_code == 200 and len(mp3.content) == int(enclosure.length)
            assert int(entry.itunes_duration) == max(1, round(item["audio"]["duration"]))
            assert entry.summary == "\n".join(f"• {b}" for b in bullets_of(item))  # Arabic, unchanged
            html = entry.content[0].value
            assert 'dir="rtl"' in html and 'lang="ar"' in html and html.count("<li>") == len(bullets_of(item))

        lib_entry = feed.entries[1]
        assert lib_entry.title == MARKUP_TITLE
        assert parsedate_to_datetime(lib_entry.published).isoformat() == "2026-11-28T08:30:00+00:00"
        first_bullet = bullets_of(harbour)[0]
        assert feed.entries[0].title.rstrip("…") in first_bullet and len(feed.entries[0].title) <= 91


def test_markup_in_titles_is_escaped_not_pasted(newsroom: Newsroom) -> None:
    with newsroom.server.client() as reader:
        raw = reader.get("/v1/feed.xml").content
    assert MARKUP_TITLE.encode() not in raw  # its < and & are escaped ...
    titles = [t.text for t in ET.fromstring(raw).iter("title")]  # ... and a strict XML parser reads them back
    assert MARKUP_TITLE in titles


def test_the_json_feed_has_the_same_items_with_bullets_and_audio(newsroom: Newsroom) -> None:
    with newsroom.server.client() as reader:
        answer = reader.get("/v1/feed.json")
        assert answer.status_code == 200 and answer.headers["content-type"] == "application/feed+json"
        feed = answer.json()
        podcast = feedparser.parse(reader.get("/v1/feed.xml").content)
    assert feed["version"] == "https://jsonfeed.org/version/1.1" and feed["language"] == "ar"
    assert feed["feed_url"] == newsroom.server.url + "/v1/feed.json"
    assert [i["id"] for i in feed["items"]] == [e.id for e in podcast.entries]
    by_id = {"harbour-1": newsroom.harbour, "lib-1": newsroom.library}
    for entry in feed["items"]:
        item = by_id[entry["_khulasa"]["external_id"]]
        assert entry["_khulasa"]["bullets"] == bullets_of(item)
        assert all(b in entry["content_html"] for b in bullets_of(item))
        [attachment] = entry["attachments"]
        mp3 = next(f for f in item["audio"]["files"] if f["format"] == "mp3")
        assert attachment["size_in_bytes"] == mp3["size"] and attachment["url"].endswith(mp3["url"])
    assert feed["items"][1]["title"] == MARKUP_TITLE
    assert feed["items"][1]["date_published"] == "2026-11-28T09:30:00+01:00"


@pytest.mark.parametrize("path", ["/v1/feed.xml", "/v1/feed.json"])
def test_a_feed_reader_that_has_the_current_copy_gets_304(newsroom: Newsroom, path: str) -> None:
    with newsroom.server.client() as reader:
        first = reader.get(path)
        assert first.headers["cache-control"] == "public, max-age=60"
        etag, modified = first.headers["etag"], first.headers["last-modified"]

        again = reader.get(path, headers={"If-None-Match": etag})
        assert again.status_code == 304 and again.content == b"" and again.headers["etag"] == etag
        assert reader.get(path, headers={"If-Modified-Since": modified}).status_code == 304

        assert reader.get(path, headers={"If-None-Match": '"an-older-copy"'}).status_code == 200
        assert reader.get(path, headers={"If-Modified-Since": "Sat, 01 Jan 2000 00:00:00 GMT"}).status_code == 200
        for garbage in (
            "not a date",
            "Mon, 32 Jan 2026 00:00:00 GMT",
            "1 Jan 10000000000000000000000 00:00 GMT",  # overflows datetime
            "Mon, 01 Jan 2026 00:00:00 +99999999999999999999",
            "Mon, 01 Jan 2026 00:00:00 +2400",
        ):
            assert reader.get(path, headers={"If-Modified-Since": garbage}).status_code == 200, garbage
        for garbage in ("garbage", '"unterminated', 'W/"', '"a" "b"', '"a",' * 5000):
            assert reader.get(path, headers={"If-None-Match": garbage}).status_code == 200, garbage
        # If-None-Match decides when both are sent
        both = {"If-None-Match": '"an-older-copy"', "If-Modified-Since": modified}
        assert reader.get(path, headers=both).status_code == 200

        head = reader.head(path)  # what a podcast directory's check sends
        assert head.status_code == 200 and head.content == b"" and head.headers["etag"] == etag
        assert int(head.headers["content-length"]) == len(first.content)


def test_limit_keeps_the_newest_and_bad_values_get_a_clear_400(newsroom: Newsroom) -> None:
    with newsroom.server.client() as reader:
        one = feedparser.parse(reader.get("/v1/feed.xml", params={"limit": "1"}).content)
        assert [e.id for e in one.entries] == ["harbour-1#v1"]
        assert [i["id"] for i in reader.get("/v1/feed.json?limit=1").json()["items"]] == ["harbour-1#v1"]
        assert [i["id"] for i in reader.get("/v1/feed.json?limit=١").json()["items"]] == ["harbour-1#v1"]  # Arabic-Indic digits
        for bad in ("0", "201", "-3", "ten", "1.5", "", "1_0", "+5", "²", "1e9", "9" * 5000):
            answer = reader.get("/v1/feed.xml", params={"limit": bad})
            assert answer.status_code == 400 and answer.headers["content-type"] == "application/problem+json"
            problem = answer.json()
            assert problem["code"] == "bad_query" and "limit must be a whole number from 1 to 200" in problem["detail"]


def test_a_source_filter_names_a_known_source(newsroom: Newsroom) -> None:
    with newsroom.server.client() as reader:
        unknown = reader.get("/v1/feed.json", params={"source": "999"})
        assert unknown.status_code == 404 and "no source 999" in unknown.json()["detail"]
        for wrong in ("a-feed", "-1", "9" * 30, "../x", "²", "1_0", "\x00"):
            bad = reader.get("/v1/feed.xml", params={"source": wrong})
            assert bad.status_code == 400 and "source must be a source's number" in bad.json()["detail"]


def test_only_finished_items_appear_and_an_empty_feed_is_valid(quiet: Server) -> None:
    with quiet.client() as reader:
        answer = reader.get("/v1/feed.xml")
        assert answer.status_code == 200 and "last-modified" not in answer.headers
        feed = feedparser.parse(answer.content)
        assert not feed.bozo, feed.bozo_exception
        assert feed.entries == [] and feed.feed.title == "نشرة <الصباح> & المساء"
        assert feed.feed.image.href == "https://news.example.org/cover.jpg"
        self_link = next(link.href for link in feed.feed.links if link.rel == "self")
        assert self_link == "https://news.example.org/khulasa/v1/feed.xml"

        document = reader.get("/v1/feed.json?limit=5").json()
        assert document["items"] == [] and document["icon"] == "https://news.example.org/cover.jpg"
        assert document["feed_url"] == "https://news.example.org/khulasa/v1/feed.json?limit=5"


def test_with_public_reads_off_the_feeds_need_a_key(tmp_path: Path) -> None:
    settings = config.load(environ={}, data_dir=str(tmp_path), public_reads=False)
    engine = database.connect(settings)
    finish(engine, DirectoryBlobStore(tmp_path / "blobs"), "private-1")
    token = keys.create_key(engine, "cms")[1]
    engine.dispose()

    async def talk(client: httpx.AsyncClient) -> None:
        for path in ("/v1/feed.xml", "/v1/feed.json"):
            assert (await client.get(path)).status_code == 401
            answer = await client.get(path, headers={"Authorization": f"Bearer {token}"})
            assert answer.status_code == 200 and b"private-1#v1" in answer.content
            assert answer.headers["cache-control"] == "private, max-age=60"

    serve_in_process(create_app(settings, run_jobs=False), talk)


def store_finished(
    engine: sa.Engine, blobs: DirectoryBlobStore, external_id: str, bullet: str, *, audio: bool, link: str | None = None
) -> None:
    """An item left as a finished job leaves it: with an MP3 and its narration, or with no audio (the voice failed)."""
    metadata = {"link": link} if link else {}
    articles.upsert(engine, external_id, Article(text=HARBOUR, metadata=metadata), key_id=None)
    job = jobs.claim(engine, 30)
    assert job is not None
    made = [StoredFile("mp3", "audio/mpeg", blobs.put(b"\xff\xfb\x90\x00" + bytes(600), "mp3"), 604)] if audio else []
    narration = {"duration": 7.4, "voice": "v", "loudness": None, "true_peak": None, "segments": []} if audio else None
    with engine.begin() as conn:
        note = None if audio else "the voice failed"
        articles.record_done(conn, job, {"bullets": [{"text": bullet}]}, narration, made, note)


def test_a_source_keeps_its_own_articles_and_the_podcast_only_those_with_audio(tmp_path: Path) -> None:
    settings = config.load(environ={}, data_dir=str(tmp_path))
    engine = database.connect(settings)
    blobs = DirectoryBlobStore(tmp_path / "blobs")
    link = "https://news.example.org/2026/11/29/rain"
    store_finished(engine, blobs, "from-feed-1", "هطلت أمطار غزيرة على العاصمة صباح اليوم.", audio=True, link=link)
    store_finished(engine, blobs, "typed-in-1", "افتتحت البلدية حديقة عامة جديدة في وسط المدينة.", audio=False)
    source, _ = sources.add_source(engine, "https://news.example.org/feed", "rss", None, None)
    sources.remember_item(engine, source.id, SeenItem("rain-guid", link, "0" * 64, "from-feed-1", None))
    engine.dispose()

    async def talk(client: httpx.AsyncClient) -> None:
        everything = (await client.get("/v1/feed.json")).json()["items"]
        assert [i["id"] for i in everything] == ["typed-in-1#v1", "from-feed-1#v1"]
        assert "attachments" not in everything[0]  # finished without audio: text only
        assert everything[1]["url"] == link and everything[1]["attachments"][0]["duration_in_seconds"] == 7.4
        assert everything[0]["url"] == "http://khulasa.test/v1/articles/typed-in-1"

        podcast = feedparser.parse((await client.get("/v1/feed.xml")).content)
        assert [e.id for e in podcast.entries] == ["from-feed-1#v1"] and podcast.entries[0].link == link
        assert int(podcast.entries[0].itunes_duration) == 7

        from_source = (await client.get("/v1/feed.json", params={"source": str(source.id)})).json()["items"]
        assert [i["id"] for i in from_source] == ["from-feed-1#v1"]

    serve_in_process(create_app(settings, run_jobs=False), talk)


def test_podcasts_built_at_once_all_keep_their_itunes_prefix() -> None:
    """The service builds feeds in a thread pool, and ElementTree's map of prefixes is one for the whole process."""
    channel = Channel("نشرة", "وصف", "Khulasa", "https://news.example.org/", "", "https://k.example", "https://k.example/v1/feed.xml")
    documents: list[bytes] = []
    failures: list[Exception] = []

    def build() -> None:
        for _ in range(300):
            try:
                documents.append(podcast([], channel))
            except Exception as exc:  # what a request would have answered 500 with
                failures.append(exc)

    switch = sys.getswitchinterval()
    sys.setswitchinterval(1e-6)  # hand the interpreter from thread to thread as often as a busy server might
    try:
        builders = [threading.Thread(target=build) for _ in range(8)]
        for builder in builders:
            builder.start()
        for builder in builders:
            builder.join()
    finally:
        sys.setswitchinterval(switch)
    assert failures == []
    assert len(documents) == 2400 and all(b"<itunes:author>Khulasa</itunes:author>" in d for d in documents)


@pytest.mark.parametrize("published", ["0001-01-01T00:00:00+05:00", "9999-12-31T23:00:00-05:00", "أمس", "2026-13-01"])
def test_a_publication_time_with_no_utc_equivalent_falls_back_to_when_the_text_arrived(published: str) -> None:
    mp3 = StoredFile("mp3", "audio/mpeg", "a" * 64 + ".mp3", 1000)
    item = Finished("odd-date-1", 1, "عنوان", published, {}, ["نقطة أولى في الخبر."], 12.0, mp3, 1_790_000_000.0, 1_790_000_100.0)
    assert published_at(item) == datetime.fromtimestamp(1_790_000_000, UTC)
    channel = Channel("نشرة", "وصف", "Khulasa", "https://news.example.org/", "", "https://k.example", "https://k.example/v1/feed.xml")
    episode = feedparser.parse(podcast([item], channel)).entries[0]
    assert parsedate_to_datetime(episode.published) == datetime.fromtimestamp(1_790_000_000, UTC)
    assert json.loads(json_feed([item], channel))["items"][0]["date_published"] == "2026-09-21T14:13:20+00:00"


def test_characters_xml_cannot_hold_are_left_out_of_the_podcast_not_the_json_feed() -> None:
    mp3 = StoredFile("mp3", "audio/mpeg", "b" * 64 + ".mp3", 1000)
    pasted = "افتتاح\x0bالمكتبة\x01 الجديدة"  # a vertical tab and a control character pasted from a word processor
    item = Finished("pasted-1", 1, pasted, None, {}, [pasted + " في المدينة."], 12.0, mp3, 1_790_000_000.0, 1_790_000_000.0)
    channel = Channel("نشرة\x0c", "وصف", "Khulasa", "https://news.example.org/", "", "https://k.example", "https://k.example/x")
    document = podcast([item], channel)
    ET.fromstring(document)  # well-formed: a strict podcast app reads it
    feed = feedparser.parse(document)
    assert not feed.bozo, feed.bozo_exception
    assert feed.entries[0].title == "افتتاح المكتبة الجديدة" and feed.feed.title == "نشرة"
    assert json.loads(json_feed([item], channel))["items"][0]["title"] == pasted  # JSON escapes them
