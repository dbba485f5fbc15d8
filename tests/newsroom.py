"""A newsroom's web site on loopback: fixed pages and feeds served by a real HTTP server.

The fetcher refuses 127.0.0.1, as it must; the tests reach the server as
"news.test", a name :func:`resolver` maps to 127.0.0.1 and the allowlist in
:func:`settings_for` admits by name.
"""

from __future__ import annotations

from contextlib import ExitStack
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

from khulasa import config
from khulasa.config import Settings
from tests.loopback import serving

HOST = "news.test"


class Newsroom:
    """A loopback server answering the routes put into it; ``url(path)`` is how the fetcher reaches them."""

    def __init__(self) -> None:
        self.routes: dict[str, tuple[int, str, bytes]] = {}
        self.hits: list[str] = []
        routes, hits = self.routes, self.hits

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, format: str, *args: Any) -> None:  # keep test output quiet
                pass

            def do_GET(self) -> None:
                hits.append(self.path)
                status, content_type, body = routes.get(self.path, (404, "text/plain", b"not found"))
                self.send_response(status)
                self.send_header("Content-Type", content_type)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.port = self.server.server_address[1]
        self._running = ExitStack()
        self._running.enter_context(serving(self.server))

    def put(self, path: str, body: str | bytes, content_type: str = "text/html; charset=utf-8", status: int = 200) -> str:
        """Serve ``body`` at ``path`` (with its query, if any); returns its URL."""
        self.routes[path] = (status, content_type, body.encode("utf-8") if isinstance(body, str) else body)
        return self.url(path)

    def url(self, path: str) -> str:
        return f"http://{HOST}:{self.port}{path}"

    def close(self) -> None:
        self._running.close()


def resolver(host: str, port: int) -> list[str]:
    """The tests' DNS: only news.test exists, and it is the loopback server."""
    return ["127.0.0.1"] if host == HOST else []


def settings_for(**overrides: Any) -> Settings:
    """Default settings that let a fetch reach news.test."""
    return config.load(environ={}, fetch_allow=HOST, fetch_timeout=10.0, **overrides)
