"""The client of a running service, against loopback servers that answer as something else would."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import ExitStack
from functools import partial
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import pytest

from khulasa.batch.remote import Service, ServiceError
from khulasa.errors import InputError
from tests.loopback import serving


class Answers(BaseHTTPRequestHandler):
    """Answers every PUT with the same status and body, as a server that is not Khulasa might."""

    def __init__(self, status: int, body: bytes, content_type: str, *args: Any) -> None:
        self.status, self.body, self.content_type = status, body, content_type
        super().__init__(*args)

    def do_PUT(self) -> None:
        self.rfile.read(int(self.headers.get("Content-Length", 0)))
        self.send_response(self.status)
        self.send_header("Content-Type", self.content_type)
        self.send_header("Content-Length", str(len(self.body)))
        self.end_headers()
        self.wfile.write(self.body)

    def log_message(self, format: str, *args: Any) -> None:
        pass


@pytest.fixture
def answering() -> Iterator[Any]:
    """Starts a server that gives one answer to every PUT; returns its URL. All are stopped after the test."""
    with ExitStack() as servers:

        def start(status: int, body: bytes, content_type: str = "application/json") -> str:
            server = servers.enter_context(
                serving(ThreadingHTTPServer(("127.0.0.1", 0), partial(Answers, status, body, content_type)))
            )
            return f"http://127.0.0.1:{server.server_address[1]}"

        yield start


def test_an_upsert_answer_is_read(answering: Any) -> None:
    url = answering(202, b'{"external_id": "port-1", "state": "queued", "new_version": false}')
    service = Service(url, "khk_test")
    try:
        upserted = service.put_article("port-1", {"text": "نص"})
    finally:
        service.close()
    assert (upserted.external_id, upserted.state, upserted.new_version) == ("port-1", "queued", False)


@pytest.mark.parametrize(
    ("body", "content_type"),
    [(b"<html><body>Welcome</body></html>", "text/html"), (b'["queued"]', "application/json"), (b"{}", "application/json")],
    ids=["an HTML page", "a JSON list", "a JSON object without the fields"],
)
def test_a_success_that_is_not_a_khulasa_answer_is_one_sentence(answering: Any, body: bytes, content_type: str) -> None:
    url = answering(200, body, content_type)
    service = Service(url, "khk_test")
    try:
        with pytest.raises(ServiceError) as raised:
            service.put_article("port-1", {"text": "نص"})
    finally:
        service.close()
    assert raised.value.message == (f"{url} answered HTTP 200, but not as a Khulasa service does; check the --service URL.")


@pytest.mark.parametrize("url", ["ftp://khulasa.test", "http://127.0.0.1:port", "http://[::1"])
def test_a_service_url_that_cannot_be_used_is_one_sentence(url: str) -> None:
    with pytest.raises(InputError, match="service URL"):
        Service(url, "khk_test")
