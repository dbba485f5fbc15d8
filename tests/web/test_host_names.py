"""A URL whose host cannot be a DNS name is refused with a 422 that says so, wherever a URL is taken.

The fuzzer (bench/fuzz_api.py) found that a host name with a part longer
than 63 characters or an empty part (``a..b``) made the resolver's IDNA
step raise, which reached the client as a 500 on all three routes that take
a URL: an article's ``url``, the webhook and a feed source.
"""

from __future__ import annotations

import pytest

from tests.web.conftest import Server

UNRESOLVABLE = {
    "a part of 70 letters": "https://" + "a" * 70 + ".example.com/news/1",
    "an empty part": "https://news..example.com/feed",
    "a host of 1,500 letters": "http://" + "a" * 1500,
}
ROUTES = [
    ("PUT", "/v1/articles/host-name-article", "url"),
    ("PUT", "/v1/webhook", "url"),
    ("POST", "/v1/sources", "url"),
]


@pytest.mark.parametrize("method, path, field", ROUTES)
@pytest.mark.parametrize("url", UNRESOLVABLE.values(), ids=UNRESOLVABLE.keys())
def test_a_host_that_cannot_be_a_dns_name_is_refused_as_unreachable(
    server: Server, api_key: str, method: str, path: str, field: str, url: str
) -> None:
    with server.client(api_key) as api:
        answer = api.request(method, path, json={field: url})
    assert answer.status_code == 422, answer.text
    problem = answer.json()
    assert problem["code"] == "fetch_failed"
    assert "not a usable host name" in problem["detail"]
    assert len(problem["detail"]) < 400  # the 1,500-letter host is not repeated back whole
