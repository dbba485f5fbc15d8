"""An article's life in the service: PUT, background summary and audio, GET, files, list, DELETE."""

from __future__ import annotations

import io
import sqlite3
from concurrent.futures import ThreadPoolExecutor
from functools import partial
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest
import soundfile

from tests.conftest import EXAMPLES
from tests.loopback import serving
from tests.web.articles import LIBRARY
from tests.web.conftest import Server, make_server, wait_for_state

EXAMPLE = (EXAMPLES / "desalination.txt").read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def finished(server: Server, api_key: str) -> dict[str, Any]:
    """The example article, sent once by the CMS and finished by the service."""
    body = {
        "text": EXAMPLE,
        "title": "الناقل الوطني",
        "published": "2026-11-29T08:00:00+03:00",
        "metadata": {"section": "economy"},
    }
    with server.client(api_key) as api:
        answer = api.put("/v1/articles/desal-1", json=body)
        assert answer.status_code == 202, answer.text
        assert answer.json() | {"state": "?"} == {
            "external_id": "desal-1",
            "url": "/v1/articles/desal-1",
            "state": "?",
            "version": 1,
            "created": True,
            "new_version": True,
            "warning": None,  # the text was read as it was sent: nothing repaired or guessed
        }
        return wait_for_state(api, "desal-1", {"done", "failed"})


def test_an_article_goes_from_put_to_a_playable_mp3(server: Server, finished: dict[str, Any]) -> None:
    item = finished
    assert item["state"] == "done", item["error"]
    assert item["title"] == "الناقل الوطني" and item["metadata"] == {"section": "economy"}
    assert item["published"].startswith("2026-11-29T08:00:00")
    bullets = item["summary"]["bullets"]
    assert 2 <= len(bullets) <= 3
    assert all(b["source_sentences"] and b["source_sentences"][0] in EXAMPLE for b in bullets)
    assert [v["version"] for v in item["versions"]] == [1]

    audio = item["audio"]
    formats = {f["format"]: f for f in audio["files"]}
    assert set(formats) == {"mp3", "ogg"} and set(audio["timings"]) == {"json", "vtt"}
    assert audio["duration"] > 5
    assert any(s["kind"] == "bullet" for s in audio["segments"])

    with server.client() as public:  # a reader's browser: no key
        mp3 = public.get("/v1/articles/desal-1/summary.mp3")
        assert mp3.status_code == 200 and mp3.headers["content-type"] == "audio/mpeg"
        assert len(mp3.content) == formats["mp3"]["size"]
        info = soundfile.info(io.BytesIO(mp3.content))
        assert abs(info.frames / info.samplerate - audio["duration"]) < 0.5
        assert public.get("/v1/articles/desal-1/summary.vtt").text.startswith("WEBVTT")
        timings = public.get("/v1/articles/desal-1/summary.json")
        assert timings.status_code == 200 and timings.json()


def test_files_answer_ranges_etags_and_cache_forever_by_content(server: Server, finished: dict[str, Any]) -> None:
    mp3 = next(f for f in finished["audio"]["files"] if f["format"] == "mp3")
    with server.client() as api:
        whole = api.get(mp3["url"])
        assert whole.headers["cache-control"] == "public, max-age=31536000, immutable"
        assert mp3["url"].endswith(".mp3") and len(mp3["url"].rsplit("/", 1)[1]) == 64 + 4

        part = api.get(mp3["url"], headers={"Range": "bytes=100-199"})
        assert part.status_code == 206
        assert part.content == whole.content[100:200]
        assert part.headers["content-range"] == f"bytes 100-199/{mp3['size']}"
        tail = api.get(mp3["stable_url"], headers={"Range": "bytes=-10"})
        assert tail.status_code == 206 and tail.content == whole.content[-10:]

        again = api.get(mp3["url"], headers={"If-None-Match": whole.headers["etag"]})
        assert again.status_code == 304
        weak = api.get(mp3["stable_url"], headers={"If-None-Match": f'"x", W/{whole.headers["etag"]}', "Range": "bytes=0-9"})
        assert weak.status_code == 304  # If-None-Match is decided before Range

        checked = api.head(mp3["stable_url"])  # how podcast apps check an enclosure: its size, no bytes
        assert checked.status_code == 200 and checked.content == b""
        assert int(checked.headers["content-length"]) == mp3["size"] and checked.headers["accept-ranges"] == "bytes"
        probe = api.head(mp3["url"], headers={"Range": "bytes=0-1"})
        assert probe.status_code == 206 and probe.headers["content-length"] == "2" and probe.content == b""

        beyond = api.get(mp3["url"], headers={"Range": f"bytes={mp3['size']}-"})
        assert beyond.status_code == 416
        assert beyond.headers["content-type"] == "application/problem+json"
        assert beyond.headers["content-range"] == f"bytes */{mp3['size']}"
        assert beyond.json()["code"] == "range_not_satisfiable"


def test_an_article_is_versioned_by_its_text_and_deleted_with_its_audio(server: Server, api_key: str) -> None:
    with server.client(api_key) as api:
        api.put("/v1/articles/library-1", json={"text": LIBRARY})
        item = wait_for_state(api, "library-1", {"done"})

        same = api.put("/v1/articles/library-1", json={"text": LIBRARY + "\n", "title": "مكتبة صفاقس"}).json()
        assert same["new_version"] is False and same["version"] == 1 and same["state"] == "done"
        assert api.get("/v1/articles/library-1").json()["title"] == "مكتبة صفاقس"

        changed = api.put("/v1/articles/library-1", json={"text": LIBRARY.replace("60 ألف كتاب", "70 ألف كتاب")}).json()
        assert changed["new_version"] is True and changed["version"] == 2 and changed["state"] == "queued"
        again = api.get("/v1/articles/library-1").json()
        assert [v["version"] for v in again["versions"]] == [1, 2]
        assert again["summary"] is not None  # the box stays up while the new version is made

        urls = [f["url"] for f in item["audio"]["files"]]
        blobs = [server.data_dir / "blobs" / u.rsplit("/", 1)[1][:2] / u.rsplit("/", 1)[1] for u in urls]
        assert all(b.exists() for b in blobs)
        assert api.delete("/v1/articles/library-1").status_code == 204
        gone = api.get("/v1/articles/library-1")
        assert gone.status_code == 404 and gone.json()["code"] == "not_found"
        assert api.get("/v1/articles/library-1/summary.mp3").status_code == 404
        assert all(api.get(u).status_code == 404 for u in urls)
        assert not any(b.exists() for b in blobs)
        assert api.delete("/v1/articles/library-1").status_code == 404


def test_twenty_concurrent_puts_make_one_item_and_one_job(server: Server, api_key: str) -> None:
    body = {"text": LIBRARY.replace("صفاقس", "سوسة"), "title": "مكتبة سوسة"}

    def put(_: int) -> int:
        with server.client(api_key) as api:
            return api.put("/v1/articles/sousse-library", json=body).status_code

    with ThreadPoolExecutor(20) as pool:
        assert list(pool.map(put, range(20))) == [202] * 20
    db = sqlite3.connect(server.data_dir / "khulasa.db")
    try:
        items = db.execute("SELECT id FROM articles WHERE external_id = 'sousse-library'").fetchall()
        assert len(items) == 1
        assert db.execute("SELECT count(*) FROM versions WHERE article_id = ?", items[0]).fetchone() == (1,)
        assert db.execute("SELECT count(*) FROM jobs WHERE article_id = ?", items[0]).fetchone() == (1,)
    finally:
        db.close()
    with server.client(api_key) as api:
        assert api.delete("/v1/articles/sousse-library").status_code == 204


def test_list_filters_by_state_and_time_and_pages(server: Server, api_key: str) -> None:
    with server.client(api_key) as api:
        for n in range(3):
            assert (
                api.put(f"/v1/articles/paged-{n}", json={"text": LIBRARY.replace("عامين", f"{n + 2} أعوام")}).status_code == 202
            )
        seen: list[str] = []
        page = api.get("/v1/articles", params={"limit": 2}).json()
        while True:
            seen += [i["external_id"] for i in page["items"]]
            assert len(page["items"]) <= 2
            if not page["next"]:
                break
            page = api.get("/v1/articles", params={"limit": 2, "cursor": page["next"]}).json()
        assert {"paged-0", "paged-1", "paged-2"} <= set(seen) and len(seen) == len(set(seen))

        done = api.get("/v1/articles", params={"state": "done", "limit": 500}).json()["items"]
        assert all(i["state"] == "done" for i in done)
        future = api.get("/v1/articles", params={"updated_since": "2999-01-01T00:00:00Z"}).json()
        assert future == {"items": [], "next": None}
        for n in range(3):
            assert api.delete(f"/v1/articles/paged-{n}").status_code == 204


def test_an_article_can_be_sent_as_its_url(server: Server, api_key: str) -> None:
    paragraphs = "".join(f"<p>{p}</p>" for p in LIBRARY.split("\n\n"))
    page = f'<html lang="ar"><head><title>مكتبة جديدة</title></head><body><article>{paragraphs}</article></body></html>'
    with (
        serving(ThreadingHTTPServer(("127.0.0.1", 0), partial(Page, page.encode("utf-8")))) as site,
        server.client(api_key) as api,
    ):
        url = f"http://127.0.0.1:{site.server_address[1]}/culture/library"
        answer = api.put("/v1/articles/by-url-1", json={"url": url})
        assert answer.status_code == 202, answer.text
        assert api.get("/v1/articles/by-url-1").json()["title"] == "مكتبة جديدة"
        assert api.delete("/v1/articles/by-url-1").status_code == 204


class Page(BaseHTTPRequestHandler):
    """Serves one HTML page, as a newsroom's site would."""

    def __init__(self, page: bytes, *args: Any) -> None:
        self.page = page
        super().__init__(*args)

    def do_GET(self) -> None:
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(self.page)))
        self.end_headers()
        self.wfile.write(self.page)

    def log_message(self, format: str, *args: object) -> None:
        pass


def test_the_agency_credit_ingest_found_is_returned_beside_the_title(finished: dict[str, Any]) -> None:
    assert finished["credit"] == "بترا، رويترز"  # the example's closing "(بترا، رويترز)" line


def test_an_edit_still_being_made_stays_private_until_it_is_finished(tmp_path: Path) -> None:
    first = {"text": LIBRARY, "title": "افتتاح مكتبة المدينة", "metadata": {"section": "culture"}}
    edit = {
        "text": LIBRARY + "\nوقالت البلدية إن المكتبة ستفتح أبوابها مساء كل خميس.",
        "title": "عنوان محظور النشر حتى الثامنة",
        "metadata": {"section": "culture", "embargo": "2026-11-30T08:00:00Z"},
    }
    working = make_server(tmp_path).start()
    try:
        key = working.make_key("cms")
        with working.client(key) as api:
            assert api.put("/v1/articles/embargo-1", json=first).status_code == 202
            wait_for_state(api, "embargo-1", {"done"})
    finally:
        working.stop()
    # no jobs run now, so the edit stays "being made" for as long as the test looks at it
    idle = make_server(tmp_path, run_jobs="false")
    idle.port = working.port
    idle.start()
    try:
        with idle.client(key) as api, idle.client() as public:
            assert api.put("/v1/articles/embargo-1", json=edit).status_code == 202
            newest = api.get("/v1/articles/embargo-1").json()  # a key sees what it sent
            assert (newest["state"], newest["title"], newest["metadata"]) == ("queued", edit["title"], edit["metadata"])
            shown = public.get("/v1/articles/embargo-1").json()  # after the keyed read, so a cache could not hide a leak
            assert (shown["title"], shown["metadata"], shown["summary_version"]) == (first["title"], first["metadata"], 1)
            feed = public.get("/v1/feed.json").json()
            assert [i["title"] for i in feed["items"]] == [first["title"]]
            assert edit["title"] not in public.get("/v1/feed.xml").text
    finally:
        idle.stop()


def test_an_article_belongs_to_the_key_that_created_it(server: Server) -> None:
    coast, desert = server.client(server.make_key("coast-desk")), server.client(server.make_key("desert-desk"))
    made = server.keys("create", "desk-tools", "--admin")
    assert made.returncode == 0 and "admin key" in made.stderr, made.stderr
    tools = server.client(made.stdout.strip())
    assert "desk-tools" in next(line for line in server.keys("list").stdout.splitlines() if "admin" in line)
    with coast, desert, tools:
        assert coast.put("/v1/articles/owned-1", json={"text": LIBRARY}).status_code == 202
        for refused in (
            desert.put("/v1/articles/owned-1", json={"text": LIBRARY.replace("60", "70")}),
            desert.delete("/v1/articles/owned-1"),
        ):
            assert refused.status_code == 403 and refused.json()["code"] == "not_yours", refused.text
            assert "another API key" in refused.json()["detail"]
        assert coast.get("/v1/articles/owned-1").json()["version"] == 1
        edited = tools.put("/v1/articles/owned-1", json={"text": LIBRARY.replace("60", "70")})
        assert edited.status_code == 202 and edited.json()["version"] == 2
        assert desert.delete("/v1/articles/owned-1").status_code == 403  # the admin's edit gave it to nobody else
        assert tools.delete("/v1/articles/owned-1").status_code == 204


def test_the_api_docs_say_who_may_change_an_article(server: Server) -> None:
    with server.client() as anyone:
        paths = anyone.get("/openapi.json").json()["paths"]
    for method in ("put", "delete"):
        route = paths["/v1/articles/{external_id}"][method]
        assert "not_yours" in route["responses"]["403"]["description"] and "admin key" in route["description"]
