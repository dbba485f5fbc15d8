"""Webhooks: signatures as a receiver checks them (HMAC-SHA256 over "timestamp.body", refused when old); addresses guarded."""

from __future__ import annotations

import hashlib
import hmac
import itertools
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import replace
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import httpx
import pytest
import sqlalchemy as sa

from khulasa import config
from khulasa.cli import EXIT_INPUT, main
from khulasa.config import Settings
from khulasa.errors import FetchError, WebhookRefused
from khulasa.jobs.webhooks import Deliverer, Target, checked_target, deliver_due, sign, verify
from khulasa.store import keys
from khulasa.store.deliveries import enqueue_event, log
from tests.loopback import serving


def test_signature_is_hmac_sha256_over_timestamp_dot_body() -> None:
    body = b'{"event": "article.done"}'
    header = sign("whsec_abc", 1_800_000_000, body)
    expected = hmac.new(b"whsec_abc", b"1800000000." + body, hashlib.sha256).hexdigest()
    assert header == f"t=1800000000,v1={expected}"


def test_receivers_refuse_changed_bodies_wrong_secrets_old_stamps_and_junk() -> None:
    body = b'{"event": "article.done"}'
    header = sign("whsec_abc", 1_800_000_000, body)
    assert verify("whsec_abc", header, body, now=1_800_000_010)
    assert not verify("whsec_abc", header, body + b" ", now=1_800_000_010)
    assert not verify("whsec_xyz", header, body, now=1_800_000_010)
    assert not verify("whsec_abc", header, body, now=1_800_001_000)
    assert not verify("whsec_abc", "v1=deadbeef", body)
    assert not verify("whsec_abc", "", body)


# Webhook addresses are guarded like fetches: resolved, checked, and the POST sent to the checked address.

RECEIVER = "hooks.newsroom.test"


def _dns(answers: dict[str, list[str]]) -> Callable[[str, int], list[str]]:
    return lambda host, port: answers.get(host, [])


@pytest.mark.parametrize("url", ["ftp://hooks.newsroom.test/in", "http://[::1/hook", "https:///no-host"])
def test_a_webhook_url_that_is_not_http_is_refused_in_one_sentence(url: str) -> None:
    with pytest.raises(WebhookRefused, match="must be an http:// or https:// address"):
        checked_target(url, config.load(environ={}), _dns({}))


@pytest.mark.parametrize(
    ("url", "answers", "shown"),
    [
        ("http://10.20.30.40/hook", {}, "points to 10.20.30.40"),
        ("http://169.254.169.254/latest/meta-data", {}, "points to 169.254.169.254"),
        ("https://hooks.newsroom.test/in", {RECEIVER: ["127.0.0.1"]}, "hooks.newsroom.test points to 127.0.0.1"),
        ("https://hooks.newsroom.test/in", {RECEIVER: ["93.184.215.14", "192.168.1.9"]}, "points to 192.168.1.9"),
        ("http://[::ffff:10.0.0.1]/hook", {}, "points to ::ffff:"),  # 10.0.0.1 inside IPv6
    ],
)
def test_a_webhook_pointing_inside_the_network_is_refused(url: str, answers: dict[str, list[str]], shown: str) -> None:
    settings = config.load(environ={})
    with pytest.raises(WebhookRefused, match="is refused") as refused:
        checked_target(url, settings, _dns(answers))
    assert shown in refused.value.message
    assert refused.value.message.endswith("if it is your newsroom's own receiver, add it to KHULASA_FETCH_ALLOW.")


def test_the_allowlist_admits_a_newsroom_receiver_and_the_post_goes_to_the_checked_address() -> None:
    loopback = _dns({RECEIVER: ["127.0.0.1"]})
    by_name = checked_target("https://hooks.newsroom.test/in?cms=1", config.load(environ={}, fetch_allow=RECEIVER), loopback)
    assert by_name == Target("https://127.0.0.1:443/in?cms=1", RECEIVER, RECEIVER)
    by_range = checked_target("http://hooks.newsroom.test:8080/in", config.load(environ={}, fetch_allow="127.0.0.0/8"), loopback)
    assert by_range == Target("http://127.0.0.1:8080/in", "hooks.newsroom.test:8080", None)
    outside = _dns({"cms.example.org": ["93.184.215.14"]})
    public = checked_target("https://cms.example.org/hooks", config.load(environ={}), outside)
    assert public.url == "https://93.184.215.14:443/hooks"


def test_nonsense_and_unresolvable_webhooks_get_one_sentence() -> None:
    settings = config.load(environ={})
    for bad in ("ftp://cms.example.org/hook", "http://user:pw@cms.example.org/hook", "http://cms.example.org:99999/"):
        with pytest.raises(WebhookRefused):
            checked_target(bad, settings, _dns({"cms.example.org": ["93.184.215.14"]}))
    with pytest.raises(FetchError, match=r"cannot be reached: the host name 'nowhere\.test' has no address"):
        checked_target("https://nowhere.test/hook", settings, _dns({}))


class Receiver(ThreadingHTTPServer):
    """A loopback webhook receiver that records the Host header of each POST."""

    def __init__(self) -> None:
        super().__init__(("127.0.0.1", 0), ReceiverHandler)
        self.hosts: list[str] = []


class ReceiverHandler(BaseHTTPRequestHandler):
    server: Receiver

    def do_POST(self) -> None:
        self.rfile.read(int(self.headers["Content-Length"]))
        self.server.hosts.append(self.headers["Host"])
        self.send_response(204)
        self.end_headers()

    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture
def receiver() -> Iterator[Receiver]:
    with serving(Receiver()) as running:
        yield running


def _pending_event(engine: sa.Engine, url: str) -> int:
    key, _ = keys.create_key(engine, "cms")
    keys.set_webhook(engine, key.id, url)
    with engine.begin() as conn:
        enqueue_event(conn, key.id, "article.done", {"external_id": "harbour-1"})
    return key.id


def test_each_delivery_is_checked_again(engine: sa.Engine, service_settings: Settings, receiver: Receiver) -> None:
    url = f"http://{RECEIVER}:{receiver.server_address[1]}/in"
    key_id = _pending_event(engine, url)
    allowed = replace(service_settings, fetch_allow=RECEIVER)
    moved = _dns({RECEIVER: ["169.254.169.254"]})  # the name was re-pointed at the metadata address since registration
    with httpx.Client(trust_env=False) as client:
        assert deliver_due(engine, replace(service_settings, fetch_allow="127.0.0.1"), client, moved) == 1
    [entry] = log(engine, key_id)
    assert (entry["state"], entry["attempts"], entry["last_status"]) == ("failed", 1, None)  # refused: not retried
    assert "points to 169.254.169.254" in entry["last_error"]
    assert receiver.hosts == []

    with engine.begin() as conn:
        enqueue_event(conn, key_id, "article.done", {"external_id": "harbour-2"})
    with httpx.Client(trust_env=False) as client:
        assert deliver_due(engine, allowed, client, _dns({RECEIVER: ["127.0.0.1"]})) == 1
    assert log(engine, key_id)[0]["state"] == "delivered"
    assert receiver.hosts == [f"{RECEIVER}:{receiver.server_address[1]}"]  # reached by address, named in Host


def test_a_name_that_does_not_resolve_is_tried_again_later(engine: sa.Engine, service_settings: Settings) -> None:
    key_id = _pending_event(engine, "https://hooks.newsroom.test/in")
    with httpx.Client(trust_env=False) as client:
        deliver_due(engine, service_settings, client, _dns({}))
    [entry] = log(engine, key_id)
    assert (entry["state"], entry["attempts"]) == ("pending", 1)
    assert "has no address" in entry["last_error"]


def test_keys_create_refuses_a_private_webhook_and_makes_no_key(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    for name in ("KHULASA_DATA_DIR", "KHULASA_DATABASE_URL", "KHULASA_FETCH_ALLOW"):
        monkeypatch.delenv(name, raising=False)
    data = ["--data-dir", str(tmp_path)]
    assert main(["keys", "create", "cms", "--webhook", "http://10.0.0.8/khulasa", *data]) == EXIT_INPUT
    err = capsys.readouterr().err
    assert err.startswith("khulasa: the webhook URL 'http://10.0.0.8/khulasa' is refused: 10.0.0.8 points to 10.0.0.8")
    assert main(["keys", "list", *data]) == 0
    assert capsys.readouterr().out == ""  # nothing was made

    monkeypatch.setenv("KHULASA_FETCH_ALLOW", "10.0.0.0/24")  # the newsroom's own receiver, allowed by the operator
    assert main(["keys", "create", "cms", "--webhook", "http://10.0.0.8/khulasa", *data]) == 0
    assert "webhook secret (shown once): whsec_" in capsys.readouterr().err


# A slow receiver holds up only its own deliveries.


class Timed(ThreadingHTTPServer):
    """A loopback receiver that answers every POST with ``status`` after ``delay`` seconds, noting when each came."""

    daemon_threads = True

    def __init__(self, status: int, delay: float) -> None:
        super().__init__(("127.0.0.1", 0), TimedHandler)
        self.status, self.delay = status, delay
        self.arrivals: list[float] = []


class TimedHandler(BaseHTTPRequestHandler):
    server: Timed

    def do_POST(self) -> None:
        self.server.arrivals.append(time.monotonic())
        self.rfile.read(int(self.headers["Content-Length"]))
        time.sleep(self.server.delay)
        self.send_response(self.server.status)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def log_message(self, format: str, *args: object) -> None:
        pass


def test_a_slow_receiver_does_not_delay_another_keys_retries(engine: sa.Engine, service_settings: Settings) -> None:
    settings = replace(
        service_settings, fetch_allow="127.0.0.1", retry_base_seconds=0.5, webhook_attempts=4, webhook_timeout=5.0
    )
    with serving(Timed(503, 2.0)) as slow, serving(Timed(500, 0.0)) as failing:
        for name, receiver in (("desert-cms", slow), ("coast-cms", failing)):  # the slow one's event is older
            key, _ = keys.create_key(engine, name)
            keys.set_webhook(engine, key.id, f"http://127.0.0.1:{receiver.server_address[1]}/in")
            with engine.begin() as conn:
                enqueue_event(conn, key.id, "article.failed", {"external_id": f"{name}-1"})
        deliverer = Deliverer(engine, settings, threading.Event())
        started = time.monotonic()
        deliverer.start()
        try:
            deadline = started + 10
            while len(failing.arrivals) < 4 and time.monotonic() < deadline:
                time.sleep(0.05)
        finally:
            deliverer.stop()
    arrivals = [failing.arrivals[0] - started, *(b - a for a, b in itertools.pairwise(failing.arrivals))]
    assert len(arrivals) == 4, arrivals
    for waited, planned in zip(arrivals, [0.0, 0.5, 1.0, 2.0], strict=True):  # the 1, 2, 4 schedule at half the base
        # 0.6 s of slack for a loaded machine; sent one after the other, the first try alone came 2.16 s late
        assert planned <= waited + 0.05 and waited < planned + 0.6, arrivals
    assert slow.arrivals[0] - started < 0.4  # the slow receiver was being tried meanwhile, not skipped
