"""Bad requests get a 4xx problem-details answer that says what to do, and harm nothing stored."""

from __future__ import annotations

import json
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
