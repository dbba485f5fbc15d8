"""A newsroom's feeds on loopback that answer conditional requests, as real feed servers do.

Every document gets an ETag (a hash of its body) and a fixed Last-Modified;
a request whose If-None-Match matches is answered 304 with no body. Each
request is logged with the status it got, so a test can see the 304s.
"""

from __future__ import annotations

import hashlib
from contextlib import ExitStack
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

from khulasa import config
from khulasa.config import Settings
from tests.loopback import serving

HOST = "news.test"
INSIDE = "cms.inside.test"
"""A name the tests' DNS points at a private address (10.0.0.7): the fetcher must refuse it."""
LAST_MODIFIED = "Sun, 29 Nov 2026 06:00:00 GMT"

MARKET = (
    "افتتحت بلدية المدينة صباح اليوم السوق المركزي الجديد للخضار والفواكه بعد عامين من أعمال البناء، "
    "بتكلفة بلغت أربعة ملايين دينار.\n"
    "وقال رئيس البلدية في كلمة خلال الافتتاح إن السوق يضم مئة وعشرين محلًا ومواقف لأكثر من خمسمئة سيارة، "
    "وإنه سيخفف الازدحام عن وسط المدينة.\n"
    "وأضاف أن التجار سينتقلون إلى المبنى الجديد تدريجيًا خلال الشهر المقبل، وأن السوق القديم سيتحول إلى حديقة عامة."
)
"""A market opens: written for these tests."""


class FeedSite:
    """A loopback server of feeds; ``put(path, body)`` changes what a path answers."""

    def __init__(self) -> None:
        self.routes: dict[str, tuple[str, bytes]] = {}
        self.log: list[tuple[str, int]] = []
        site = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, format: str, *args: Any) -> None:
                pass

            def do_GET(self) -> None:
                if self.path not in site.routes:
                    self._answer(404, "text/plain", b"not found")
                    return
                content_type, body = site.routes[self.path]
                etag = '"' + hashlib.sha256(body).hexdigest()[:16] + '"'
                if self.headers.get("If-None-Match") == etag:
                    self._answer(304, None, b"", etag)
                    return
                self._answer(200, content_type, body, etag)

            def _answer(self, status: int, content_type: str | None, body: bytes, etag: str | None = None) -> None:
                site.log.append((self.path, status))
                self.send_response(status)
                if content_type:
                    self.send_header("Content-Type", content_type)
                if etag:
                    self.send_header("ETag", etag)
                    self.send_header("Last-Modified", LAST_MODIFIED)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.port = self.server.server_address[1]
        self._running = ExitStack()
        self._running.enter_context(serving(self.server))

    def put(self, path: str, body: str, content_type: str = "application/rss+xml; charset=utf-8") -> str:
        """Serve ``body`` at ``path``; returns the URL the fetcher reaches it by."""
        self.routes[path] = (content_type, body.encode("utf-8"))
        return self.url(path)

    def url(self, path: str, host: str = HOST) -> str:
        return f"http://{host}:{self.port}{path}"

    def statuses(self, path: str) -> list[int]:
        """The status of every request for ``path``, in order."""
        return [status for logged, status in self.log if logged == path]

    def close(self) -> None:
        self._running.close()


def resolver(host: str, port: int) -> list[str]:
    """The tests' DNS: news.test is the loopback site; cms.inside.test is a private address."""
    return {HOST: ["127.0.0.1"], INSIDE: ["10.0.0.7"]}.get(host, [])


def settings_for(data_dir: str, **overrides: Any) -> Settings:
    """Service settings in ``data_dir`` whose allowlist admits the loopback address (so news.test), nothing else inside."""
    return config.load(environ={}, data_dir=data_dir, fetch_allow="127.0.0.1", fetch_timeout=10.0, **overrides)


def rss(*items: tuple[str, str, str, str]) -> str:
    """An RSS 2.0 feed of (guid, link, title, body) items; the body is plain text split into paragraphs."""
    entries = []
    for guid, link, title, body in items:
        paragraphs = "".join(f"<p>{p}</p>" for p in body.split("\n") if p.strip())
        entries.append(
            f"<item><title>{title}</title><link>{link}</link><guid isPermaLink=\"false\">{guid}</guid>"
            f"<pubDate>Sun, 29 Nov 2026 08:00:00 +0300</pubDate>"
            f"<description><![CDATA[{paragraphs}]]></description></item>"
        )
    return (
        '<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>أخبار الساحل</title>'
        f"<link>http://{HOST}/</link>{''.join(entries)}</channel></rss>"
    )
