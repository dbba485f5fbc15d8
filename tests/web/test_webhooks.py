"""A newsroom's webhook receiver on loopback gets a signed article.done, even after failing once."""

from __future__ import annotations

import re
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from khulasa.jobs.webhooks import verify
from tests.loopback import serving
from tests.web.articles import HARBOUR
from tests.web.conftest import Server, wait_for_state


class Receiver(ThreadingHTTPServer):
    """Records every POST; answers 500 to the first one, as a receiver that is briefly down would."""

    def __init__(self) -> None:
        super().__init__(("127.0.0.1", 0), Handler)
        self.received: list[tuple[dict[str, str], bytes]] = []

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}/hooks/khulasa"


class Handler(BaseHTTPRequestHandler):
    server: Receiver

    def do_POST(self) -> None:
        body = self.rfile.read(int(self.headers["Content-Length"]))
        self.server.received.append((dict(self.headers.items()), body))
        self.send_response(500 if len(self.server.received) == 1 else 204)
        self.end_headers()

    def log_message(self, format: str, *args: object) -> None:  # keep test output quiet
        pass


@pytest.fixture
def receiver() -> Iterator[Receiver]:
    with serving(Receiver()) as running:
        yield running


def test_article_done_is_delivered_signed_and_logged(server: Server, receiver: Receiver) -> None:
    made = server.keys("create", "hooked-cms", "--webhook", receiver.url)
    assert made.returncode == 0, made.stderr
    key = made.stdout.strip()
    secret = re.search(r"webhook secret \(shown once\): (\S+)", made.stderr).group(1)  # type: ignore[union-attr]

    with server.client(key) as api:
        assert api.put("/v1/articles/harbour-hook", json={"text": HARBOUR.replace("صلالة", "صحار")}).status_code == 202
        wait_for_state(api, "harbour-hook", {"done"})
        deadline = time.monotonic() + 30
        while len(receiver.received) < 2 and time.monotonic() < deadline:
            time.sleep(0.1)
        assert len(receiver.received) == 2, "the failed first delivery was not retried"

        headers, body = receiver.received[-1]
        assert headers["Khulasa-Event"] == "article.done"
        assert verify(secret, headers["Khulasa-Signature"], body)
        assert not verify(secret, headers["Khulasa-Signature"], body.replace(b"done", b"gone"))
        assert not verify("whsec_someone-else", headers["Khulasa-Signature"], body)
        stamp = int(headers["Khulasa-Signature"].split(",")[0][2:])
        assert not verify(secret, headers["Khulasa-Signature"], body, now=stamp + 3600)  # a replay an hour later

        log = api.get("/v1/webhook/deliveries").json()["deliveries"]
        assert [(d["event"], d["state"], d["attempts"], d["last_status"]) for d in log] == [("article.done", "delivered", 2, 204)]
        assert log[0]["body"]["external_id"] == "harbour-hook"

        assert api.delete("/v1/webhook").status_code == 204
        assert api.get("/v1/webhook").json() == {"url": None}
        assert api.delete("/v1/articles/harbour-hook").status_code == 204


def test_a_key_sets_its_own_webhook_and_gets_a_fresh_secret(server: Server) -> None:
    public = "https://93.184.215.14/hooks"  # a public address: registering checks it, nothing is sent to it here
    with server.client(server.make_key("self-service")) as api:
        first = api.put("/v1/webhook", json={"url": public})
        assert first.status_code == 200 and first.json()["secret"].startswith("whsec_")
        assert first.json()["signature_header"] == "Khulasa-Signature"
        second = api.put("/v1/webhook", json={"url": public}).json()
        assert second["secret"] != first.json()["secret"]
        assert api.get("/v1/webhook").json() == {"url": public}  # the secret is never shown again
        refused = api.put("/v1/webhook", json={"url": "ftp://cms.example/hooks"})
        assert refused.status_code == 422 and refused.json()["code"] == "invalid_request"
        assert api.get("/v1/webhook/deliveries").json() == {"deliveries": []}
    with server.client() as anonymous:
        assert anonymous.put("/v1/webhook", json={"url": public}).status_code == 401


def test_a_webhook_at_a_private_or_metadata_address_is_refused_with_a_clear_problem(server: Server) -> None:
    with server.client(server.make_key("curious")) as api:
        for url in ("http://169.254.169.254/latest/meta-data/", "http://10.1.2.3:8080/hooks"):
            refused = api.put("/v1/webhook", json={"url": url})
            assert refused.status_code == 422
            problem = refused.json()
            assert problem["code"] == "webhook_refused"
            assert "a loopback, private, link-local or reserved address" in problem["detail"]
            assert "KHULASA_FETCH_ALLOW" in problem["detail"]
        assert api.get("/v1/webhook").json() == {"url": None}  # nothing was stored
