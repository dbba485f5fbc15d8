"""`khulasa serve` closes connections that send no request, or send its headers too slowly (slowloris)."""

from __future__ import annotations

import socket
import time
from collections.abc import Iterator

import pytest

from tests.web.conftest import Server, make_server

TIMEOUT = 1.0
"""The server's KHULASA_HTTP_HEADER_TIMEOUT in these tests, in seconds."""


@pytest.fixture(scope="module")
def strict(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    running = make_server(tmp_path_factory.mktemp("serve"), http_header_timeout=str(TIMEOUT)).start()
    try:
        yield running
    finally:
        running.stop()


def _closed_after(sock: socket.socket) -> float:
    """Seconds until the server closes ``sock`` (reads until end of file; gives up after 10 s)."""
    started = time.monotonic()
    sock.settimeout(10)
    while sock.recv(4096):
        pass
    return time.monotonic() - started


@pytest.mark.parametrize(
    "sent", [b"", b"GET /healthz HT", b"GET /healthz HTTP/1.1\r\nHost: x\r\n"], ids=["nothing", "half a line", "no blank line"]
)
def test_a_connection_whose_headers_do_not_arrive_in_time_is_closed(strict: Server, sent: bytes) -> None:
    with socket.create_connection(("127.0.0.1", strict.port)) as sock:
        sock.sendall(sent)
        assert _closed_after(sock) < TIMEOUT + 2


def test_a_kept_connection_trickling_its_next_request_is_closed(strict: Server) -> None:
    with socket.create_connection(("127.0.0.1", strict.port)) as sock:
        sock.sendall(b"GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n")
        sock.settimeout(10)
        assert sock.recv(4096).startswith(b"HTTP/1.1 200")
        started = time.monotonic()
        for byte in b"GET /healthz HTTP/1.1\r\n":  # a byte every 0.3 s: each one used to keep the connection open
            try:
                sock.sendall(bytes([byte]))
            except OSError:  # closed by the server while we trickled: what should happen
                break
            time.sleep(0.3)
        assert _closed_after(sock) + (time.monotonic() - started) < TIMEOUT + 3


def test_a_prompt_client_is_served_as_usual(strict: Server) -> None:
    with strict.client() as api:
        for _ in range(3):
            assert api.get("/healthz").status_code == 200
            time.sleep(TIMEOUT / 3)

