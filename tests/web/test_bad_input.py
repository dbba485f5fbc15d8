"""Bad requests get a 4xx problem-details answer that says what to do, and harm nothing stored."""

from __future__ import annotations

import json
import sqlite3
from typing import Any

import httpx
import pytest

from tests.web.articles import HARBOUR, NO_ARTICLE_HTML
from tests.web.conftest import Server, wait_for_state

PROBLEM = "application/problem+json"
JSON = {"content-type": "application/json"}


@pytest.fixture(scope="module")
def stored(server: Server, api_key: str) -> dict[str, Any]:
    """An item already stored and finished, which no bad request may change."""
    with server.client(api_key) as api:
        assert api.put("/v1/articles/harbour-1", json={"text": HARBOUR}).status_code == 202
        return wait_for_state(api, "harbour-1", {"done"})


def send(server: Server, key: str, method: str, path: str, **kwargs: Any) -> httpx.Response:
    with server.client(key) as api:
        return api.request(method, path, **kwargs)


BAD_REQUESTS = [
    (
        "malformed JSON",
        "PUT",
        "/v1/articles/harbour-1",
        {"content": b'{"text": "unfinished', "headers": {"content-type": "application/json"}},
        400,
        "malformed_json",
    ),
    ("body over the limit", "PUT", "/v1/articles/harbour-1", {"json": {"text": HARBOUR * 400}}, 413, "input_too_large"),
    (
        "body not UTF-8",
        "PUT",
        "/v1/articles/harbour-1",
        {"content": b'{"text": "\xff\xfe"}', "headers": JSON},
        400,
        "malformed_json",
    ),
    (
        "chunked body over the limit",
        "PUT",
        "/v1/articles/harbour-1",
        {"content": (b" " * 1000 for _ in range(400)), "headers": JSON},
        413,
        "input_too_large",
    ),
    ("id with slashes", "PUT", "/v1/articles/2026/11/harbour", {"json": {"text": HARBOUR}}, 422, "bad_input"),
    ("id of 10,000 characters", "PUT", "/v1/articles/" + "x" * 10_000, {"json": {"text": HARBOUR}}, 422, "bad_input"),
    ("unknown field", "PUT", "/v1/articles/harbour-1", {"json": {"text": HARBOUR, "colour": "blue"}}, 422, "invalid_request"),
    ("HTML with no article", "PUT", "/v1/articles/harbour-1", {"json": {"html": NO_ARTICLE_HTML}}, 422, "no_article"),
    (
        "text and html at once",
        "PUT",
        "/v1/articles/harbour-1",
        {"json": {"text": HARBOUR, "html": NO_ARTICLE_HTML}},
        422,
        "bad_input",
    ),
    (
        "English text",
        "PUT",
        "/v1/articles/harbour-1",
        {"json": {"text": "The port handled more containers this year."}},
        422,
        "not_arabic",
    ),
    ("empty text", "PUT", "/v1/articles/harbour-1", {"json": {"text": "   "}}, 422, "empty_input"),
    ("bad date", "PUT", "/v1/articles/harbour-1", {"json": {"text": HARBOUR, "published": "yesterday"}}, 422, "invalid_request"),
    ("JSON that is not an object", "PUT", "/v1/articles/harbour-1", {"json": ["text"]}, 422, "invalid_request"),
    ("unknown state filter", "GET", "/v1/articles?state=lost", {}, 422, "bad_input"),
    ("foreign cursor", "GET", "/v1/articles?cursor=abc", {}, 422, "bad_input"),
    ("deleted item", "GET", "/v1/articles/never-sent", {}, 404, "not_found"),
    ("file of a deleted item", "GET", "/v1/articles/never-sent/summary.mp3", {}, 404, "not_found"),
    ("unknown file", "GET", "/v1/files/" + "0" * 64 + ".mp3", {}, 404, "not_found"),
    ("unknown route", "GET", "/v2/everything", {}, 404, "not_found"),
    ("wrong method", "PATCH", "/v1/articles", {}, 405, "method_not_allowed"),
    ("source number past 2**63", "DELETE", "/v1/sources/9223372036854775808", {}, 404, "not_found"),
    ("cursor row past 2**63", "GET", "/v1/articles?cursor=1_99999999999999999999", {}, 422, "bad_input"),
    ("cursor of 5,000 digits", "GET", "/v1/articles?cursor=1_" + "9" * 5000, {}, 422, "bad_input"),
]


@pytest.mark.parametrize(
    ("method", "path", "kwargs", "status", "code"), [r[1:] for r in BAD_REQUESTS], ids=[r[0] for r in BAD_REQUESTS]
)
def test_bad_request_gets_a_problem_and_harms_nothing(
    server: Server, api_key: str, stored: dict[str, Any], method: str, path: str, kwargs: dict[str, Any], status: int, code: str
) -> None:
    answer = send(server, api_key, method, path, **kwargs)
    assert answer.status_code == status, answer.text
    assert answer.headers["content-type"] == PROBLEM
    problem = answer.json()
    assert problem["status"] == status and problem["code"] == code and problem["title"]
    assert len(problem["detail"]) > 20 and "Traceback" not in problem["detail"]
    after = send(server, api_key, "GET", "/v1/articles/harbour-1").json()
    assert after == stored


def test_a_range_beyond_the_file_is_416(server: Server, stored: dict[str, Any]) -> None:
    mp3 = next(f for f in stored["audio"]["files"] if f["format"] == "mp3")
    with server.client() as public:
        answer = public.get(mp3["stable_url"], headers={"Range": f"bytes={mp3['size'] + 10}-{mp3['size'] + 20}"})
    assert answer.status_code == 416 and answer.headers["content-type"] == PROBLEM
    assert str(mp3["size"]) in answer.json()["detail"]


def test_a_body_over_the_limit_gets_one_problem_whether_its_size_is_declared_or_not(server: Server, api_key: str) -> None:
    declared = send(server, api_key, "PUT", "/v1/articles/harbour-2", json={"text": HARBOUR * 400})
    chunked = send(server, api_key, "PUT", "/v1/articles/harbour-2", content=(b" " * 1000 for _ in range(400)), headers=JSON)
    assert declared.status_code == chunked.status_code == 413
    assert declared.json() == chunked.json()  # refused before the app or while it read: the same answer
    assert declared.headers["connection"] == "close"  # the unread body is not left in the connection


def test_problem_names_the_unknown_field(server: Server, api_key: str) -> None:
    answer = send(server, api_key, "PUT", "/v1/articles/x1", json={"text": HARBOUR, "colour": "blue"})
    assert "colour" in answer.json()["detail"]
    assert json.loads(send(server, api_key, "GET", "/v1/articles/x1").text)["code"] == "not_found"


def test_a_url_that_cannot_be_fetched_is_a_problem(server: Server, api_key: str, stored: dict[str, Any]) -> None:
    answer = send(server, api_key, "PUT", "/v1/articles/harbour-1", json={"url": "http://127.0.0.1:9/no-server-here"})
    assert answer.status_code == 422 and answer.headers["content-type"] == PROBLEM
    # "bad_input" while this build has no fetcher; "fetch_failed" once it has one
    assert answer.json()["code"] in {"bad_input", "fetch_failed"} and len(answer.json()["detail"]) > 20
    assert send(server, api_key, "GET", "/v1/articles/harbour-1").json() == stored


LONE = "\\ud800"
"""A lone surrogate as JSON spells it: valid JSON, and no text at all."""
SURROGATES = [
    ("text", "PUT", "/v1/articles/harbour-1", '{"text": "خبر عاجل ' + LONE + '"}', "text"),
    ("html", "PUT", "/v1/articles/harbour-1", '{"html": "<p>' + LONE + '</p>"}', "html"),
    ("url", "PUT", "/v1/articles/harbour-1", '{"url": "http://127.0.0.1:9/' + LONE + '"}', "url"),
    ("title", "PUT", "/v1/articles/harbour-1", '{"text": "نص", "title": "عنوان ' + LONE + '"}', "title"),
    (
        "metadata deep",
        "PUT",
        "/v1/articles/harbour-1",
        '{"text": "نص", "metadata": {"tags": ["اقتصاد", {"label": "' + LONE + '"}]}}',
        "metadata.tags[1].label",
    ),
    ("metadata key", "PUT", "/v1/articles/harbour-1", '{"text": "نص", "metadata": {"' + LONE + '": 1}}', "a key of metadata"),
    ("metadata link", "PUT", "/v1/articles/harbour-1", '{"text": "نص", "metadata": {"link": "http://x/' + LONE + '"}}', "link"),
    ("summarize", "POST", "/v1/summarize", '{"text": "' + LONE + '"}', "text"),
    ("webhook", "PUT", "/v1/webhook", '{"url": "http://127.0.0.1/' + LONE + '"}', "url"),
    ("source", "POST", "/v1/sources", '{"url": "http://127.0.0.1/feed' + LONE + '"}', "url"),
    ("metadata NaN", "PUT", "/v1/articles/harbour-1", '{"text": "نص", "metadata": {"score": NaN}}', "metadata.score"),
    ("metadata Infinity", "PUT", "/v1/articles/harbour-1", '{"text": "نص", "metadata": {"x": [-Infinity]}}', "metadata.x[0]"),
]


@pytest.mark.parametrize(("method", "path", "body", "where"), [r[1:] for r in SURROGATES], ids=[r[0] for r in SURROGATES])
def test_a_lone_surrogate_in_any_field_is_refused_at_the_door(
    server: Server, api_key: str, stored: dict[str, Any], method: str, path: str, body: str, where: str
) -> None:
    answer = send(server, api_key, method, path, content=body.encode("utf-8"), headers=JSON)
    assert answer.status_code == 422, answer.text
    assert answer.headers["content-type"] == PROBLEM
    problem = answer.json()
    assert problem["code"] == "unencodable_text" and where in problem["detail"] and "surrogate" in problem["detail"]
    assert send(server, api_key, "GET", "/v1/articles/harbour-1").json() == stored
    assert send(server, api_key, "GET", "/v1/webhook").json()["url"] is None


def test_every_json_body_the_api_takes_is_checked_for_unencodable_text() -> None:
    from khulasa import config
    from khulasa.web.app import create_app
    from khulasa.web.schemas import RequestBody

    checked = {model.__name__ for model in RequestBody.__subclasses__()}
    schema = create_app(config.load(environ={})).openapi()
    bodies = {
        f"{method.upper()} {path}": operation["requestBody"]["content"]["application/json"]["schema"]["$ref"].split("/")[-1]
        for path, methods in schema["paths"].items()
        for method, operation in methods.items()
        if "requestBody" in operation
    }
    assert {"PUT /v1/articles/{external_id}", "POST /v1/summarize", "PUT /v1/webhook", "POST /v1/sources"} <= set(bodies)
    assert {route: model for route, model in bodies.items() if model not in checked} == {}


def test_stored_text_with_a_lone_surrogate_is_shown_mended_never_a_500(server: Server, api_key: str) -> None:
    with server.client(api_key) as api:
        assert api.put("/v1/articles/harbour-old-row", json={"text": HARBOUR + "\nخبر أخير."}).status_code == 202
        wait_for_state(api, "harbour-old-row", {"done"})
    # a row written before the door refused such text: its metadata (JSON) keeps the escape, which reads back as a surrogate
    bad = {"link": "http://news.test/story\ud800"}
    with sqlite3.connect(server.data_dir / "khulasa.db") as db:
        (article_id,) = db.execute("SELECT id FROM articles WHERE external_id = 'harbour-old-row'").fetchone()
        db.execute("UPDATE articles SET metadata = ? WHERE id = ?", (json.dumps(bad), article_id))
        (details,) = db.execute("SELECT details FROM versions WHERE article_id = ?", (article_id,)).fetchone()
        details = json.dumps(json.loads(details) | {"metadata": bad})
        db.execute("UPDATE versions SET details = ? WHERE article_id = ?", (details, article_id))
    with server.client(api_key) as api, server.client() as public:
        item = api.get("/v1/articles/harbour-old-row")
        assert item.status_code == 200 and item.json()["metadata"]["link"] == "http://news.test/story\ufffd"
        feed = public.get("/v1/feed.json")
        assert feed.status_code == 200
        links = [entry["url"] for entry in feed.json()["items"]]
        assert "http://news.test/story\ufffd" in links
        assert public.get("/v1/feed.xml").status_code == 200


HUGE = "9" * 5000
"""More digits than Python's int() takes (4,300): a Range made of them once cost a 500."""


def test_a_range_of_five_thousand_digits_is_416_or_the_whole_file(server: Server, stored: dict[str, Any]) -> None:
    mp3 = next(f for f in stored["audio"]["files"] if f["format"] == "mp3")
    with server.client() as public:
        for url in (mp3["url"], mp3["stable_url"]):
            beyond = public.get(url, headers={"Range": f"bytes={HUGE}-"})
            assert beyond.status_code == 416 and beyond.headers["content-type"] == PROBLEM
            assert beyond.headers["content-range"] == f"bytes */{mp3['size']}" and len(beyond.json()["detail"]) < 400
            to_the_end = public.get(url, headers={"Range": f"bytes=0-{HUGE}"})
            assert to_the_end.status_code == 206 and len(to_the_end.content) == mp3["size"]
            last = public.get(url, headers={"Range": f"bytes=-{HUGE}"})
            assert last.status_code == 206 and len(last.content) == mp3["size"]


def test_a_500_closes_its_connection(server: Server, api_key: str) -> None:
    with server.client(api_key) as api:
        assert api.put("/v1/articles/harbour-broken", json={"text": HARBOUR + "\nخبر آخر."}).status_code == 202
        wait_for_state(api, "harbour-broken", {"done"})
    with sqlite3.connect(server.data_dir / "khulasa.db") as db:  # a row no code of ours writes: a bug's, or a disk's
        (article_id,) = db.execute("SELECT id FROM articles WHERE external_id = 'harbour-broken'").fetchone()
        db.execute("UPDATE versions SET narration = '{}' WHERE article_id = ?", (article_id,))
    with server.client(api_key) as api:
        answer = api.get("/v1/articles/harbour-broken")
        assert answer.status_code == 500 and answer.headers["content-type"] == PROBLEM
        assert answer.json()["code"] == "internal_error" and "Traceback" not in answer.text
        assert answer.headers["connection"] == "close"  # uvicorn drops the connection; the client must not reuse it
        assert api.get("/healthz").status_code == 200
