"""Fetching pages from a real loopback server, and refusing what must be refused.

The server listens on 127.0.0.1, which the guard refuses; the tests reach it
as "news.test", a name their own resolver maps to 127.0.0.1 and the
allowlist admits by name. Every redirect to a bare inside address is then
refused, as it would be for a real newsroom.
"""

from __future__ import annotations

import gzip
import random
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import ClassVar

import pytest

from khulasa import config
from khulasa.config import Settings
from khulasa.errors import FetchError
from khulasa.ingest.document import read_url
from khulasa.ingest.fetch import AddressPolicy, fetch
from tests.loopback import serving

ARTICLE = (
    "<html><head><meta charset='utf-8'><title>خبر</title></head><body><article>"
    "<p>افتتحت وزارة الصحة اليوم مستشفى جديدًا في جنوب البلاد بسعة 200 سرير، في خطوة قالت إنها تخفف الضغط عن مستشفيات العاصمة.</p>"
    "</article></body></html>"
)


class Handler(BaseHTTPRequestHandler):
    routes: ClassVar[dict[str, tuple[int, dict[str, str], bytes]]] = {}

    def log_message(self, format: str, *args: object) -> None:  # keep test output quiet
        pass

    def do_GET(self) -> None:
        if self.path == "/endless":
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.end_headers()
            try:
                while True:
                    self.wfile.write(b"<p>" + "كلام ".encode() * 2000 + b"</p>")
            except (BrokenPipeError, ConnectionResetError):
                return
        if self.path == "/slow":
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.end_headers()
            try:
                for _ in range(30):
                    self.wfile.write(b"a")
                    self.wfile.flush()
                    time.sleep(0.5)
            except (BrokenPipeError, ConnectionResetError):
                return
            return
        status, headers, body = self.routes.get(self.path, (404, {"Content-Type": "text/plain"}, b"not found"))
        self.send_response(status)
        for key, value in headers.items():
            self.send_header(key, value)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


@pytest.fixture(scope="module")
def server() -> Iterator[int]:
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    httpd.daemon_threads = True
    port = httpd.server_address[1]
    html = {"Content-Type": "text/html; charset=utf-8"}
    Handler.routes = {
        "/article": (200, html, ARTICLE.encode()),
        "/to-article": (302, {"Location": "/article"}, b""),
        "/to-loopback": (302, {"Location": f"http://127.0.0.1:{port}/article"}, b""),
        "/to-private": (302, {"Location": "http://10.0.0.8/admin"}, b""),
        "/to-metadata": (302, {"Location": "http://169.254.169.254/latest/meta-data/"}, b""),
        "/to-ipv6-loopback": (302, {"Location": f"http://[::1]:{port}/article"}, b""),
        "/to-mapped": (302, {"Location": "http://[::ffff:127.0.0.1]/article"}, b""),
        "/to-evil-name": (302, {"Location": "http://inside.test/article"}, b""),
        "/loop": (302, {"Location": "/loop"}, b""),
        "/bomb": (200, {**html, "Content-Encoding": "gzip"}, gzip.compress(b"\0" * 20_000_000)),
        "/gzipped": (200, {**html, "Content-Encoding": "gzip"}, gzip.compress(ARTICLE.encode())),
        "/latin-label": (200, {"Content-Type": "text/html; charset=iso-8859-1"}, ARTICLE.encode()),
        "/cp1256": (
            200,
            {"Content-Type": "text/html; charset=windows-1256"},
            ARTICLE.replace("utf-8", "windows-1256").encode("cp1256"),
        ),
        "/damaged": (200, html, ARTICLE.encode().replace("جنوب".encode(), b"\xd8" + "جنوب".encode())),
        "/noise": (200, {"Content-Type": "text/html"}, bytes(random.Random(6).randrange(0x80, 0x100) for _ in range(3000))),
        "/image": (200, {"Content-Type": "image/png"}, b"\x89PNG\r\n"),
        "/gone": (410, {"Content-Type": "text/html"}, b"gone"),
    }
    with serving(httpd):
        yield port


def resolver(host: str, port: int) -> list[str]:
    """The tests' DNS: news.test is the loopback server, inside.test a private address."""
    return {"news.test": ["127.0.0.1"], "inside.test": ["10.1.2.3"], "localhost": ["127.0.0.1", "::1"]}.get(host, [])


@pytest.fixture
def fetch_settings() -> Settings:
    return config.load(environ={}, fetch_allow="news.test", fetch_max_bytes=200_000, fetch_timeout=3.0)


def test_fetches_and_decodes_an_article(server: int, fetch_settings: Settings) -> None:
    page = fetch(f"http://news.test:{server}/article", fetch_settings, resolver=resolver)
    assert "مستشفى جديدًا" in page.text
    assert page.content_type == "text/html" and page.charset == "utf-8"


def test_follows_a_redirect_on_the_same_host(server: int, fetch_settings: Settings) -> None:
    page = fetch(f"http://news.test:{server}/to-article", fetch_settings, resolver=resolver)
    assert page.url.endswith("/article")


@pytest.mark.parametrize(
    "path", ["/to-loopback", "/to-private", "/to-metadata", "/to-ipv6-loopback", "/to-mapped", "/to-evil-name"]
)
def test_redirects_inside_the_network_are_refused(server: int, fetch_settings: Settings, path: str) -> None:
    with pytest.raises(FetchError, match="refused"):
        fetch(f"http://news.test:{server}{path}", fetch_settings, resolver=resolver)


def test_without_the_allowlist_loopback_is_refused(server: int) -> None:
    with pytest.raises(FetchError, match="KHULASA_FETCH_ALLOW"):
        fetch(f"http://127.0.0.1:{server}/article", config.load(environ={}))


def test_redirect_loops_stop(server: int, fetch_settings: Settings) -> None:
    with pytest.raises(FetchError, match="redirects"):
        fetch(f"http://news.test:{server}/loop", fetch_settings, resolver=resolver)


@pytest.mark.parametrize("path", ["/endless", "/bomb"])
def test_bodies_over_the_limit_are_refused(server: int, fetch_settings: Settings, path: str) -> None:
    with pytest.raises(FetchError, match="limit"):
        fetch(f"http://news.test:{server}{path}", fetch_settings, resolver=resolver)


def test_gzip_bodies_are_inflated(server: int, fetch_settings: Settings) -> None:
    assert "مستشفى" in fetch(f"http://news.test:{server}/gzipped", fetch_settings, resolver=resolver).text


def test_a_server_sending_one_byte_at_a_time_hits_the_deadline(server: int, fetch_settings: Settings) -> None:
    started = time.monotonic()
    with pytest.raises(FetchError, match="time"):
        fetch(f"http://news.test:{server}/slow", fetch_settings, resolver=resolver)
    assert time.monotonic() - started < 6


def test_a_wrong_latin_label_on_utf8_is_read_as_utf8(server: int, fetch_settings: Settings) -> None:
    assert "مستشفى" in fetch(f"http://news.test:{server}/latin-label", fetch_settings, resolver=resolver).text


def test_windows_arabic_pages_are_decoded(server: int, fetch_settings: Settings) -> None:
    page = fetch(f"http://news.test:{server}/cp1256", fetch_settings, resolver=resolver)
    assert "مستشفى" in page.text and page.charset == "windows-1256"


@pytest.mark.parametrize(("path", "message"), [("/image", "image/png"), ("/gone", "410")])
def test_wrong_type_and_errors_are_named(server: int, fetch_settings: Settings, path: str, message: str) -> None:
    with pytest.raises(FetchError, match=message):
        fetch(f"http://news.test:{server}{path}", fetch_settings, resolver=resolver)


@pytest.mark.parametrize(
    "url", ["file:///etc/passwd", "ftp://news.test/x", "http://user:pw@news.test/", "http:///nohost", "http://[::1/article"]
)
def test_only_plain_http_urls_are_fetched(url: str, fetch_settings: Settings) -> None:
    with pytest.raises(FetchError):
        fetch(url, fetch_settings, resolver=resolver)


@pytest.mark.parametrize(
    "address",
    ["127.0.0.1", "10.0.0.1", "172.16.5.4", "192.168.1.1", "169.254.169.254", "0.0.0.0", "100.64.0.1", "224.0.0.1",
     "::1", "fe80::1", "fc00::1", "fd00:ec2::254", "::ffff:10.0.0.1", "64:ff9b::a00:1", "2002:a00:1::", "::"],
)
def test_policy_refuses_inside_addresses(address: str) -> None:
    with pytest.raises(FetchError):
        AddressPolicy().check("example.test", address)


def test_policy_allows_public_addresses_and_allowlisted_ranges() -> None:
    AddressPolicy().check("example.test", "8.8.8.8")
    AddressPolicy().check("example.test", "2001:4860:4860::8888")
    AddressPolicy("10.20.0.0/16, cms.internal").check("cms.other", "10.20.3.4")
    AddressPolicy("10.20.0.0/16, cms.internal").check("cms.internal", "192.168.1.1")


def test_a_page_with_a_damaged_byte_is_read_and_says_so(server: int, fetch_settings: Settings) -> None:
    page = fetch(f"http://news.test:{server}/damaged", fetch_settings, resolver=resolver)
    assert page.charset == "utf-8" and "مستشفى" in page.text and page.warning and "1 invalid byte" in page.warning
    article = read_url(f"http://news.test:{server}/damaged", fetch_settings, resolver=resolver)
    assert article.warning == page.warning


def test_a_page_that_is_not_text_is_refused_in_one_sentence(server: int, fetch_settings: Settings) -> None:
    with pytest.raises(FetchError, match="not text"):
        fetch(f"http://news.test:{server}/noise", fetch_settings, resolver=resolver)
