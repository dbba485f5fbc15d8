"""Connections that send no request, or send its headers slowly, are closed: uvicorn's HTTP protocol with a header deadline.

uvicorn closes a kept-alive connection that stays idle after an answer
(``timeout_keep_alive``), but it gives a new connection, or one whose next
request arrives a byte at a time, as long as it likes: a few hundred such
connections (slowloris) hold the server's sockets while sending nothing
useful. Here each connection must finish a request's headers within
``header_timeout`` seconds of being opened, and again of each answer.
"""

from __future__ import annotations

import asyncio

from uvicorn.protocols.http.httptools_impl import HttpToolsProtocol


class HeaderDeadline(HttpToolsProtocol):
    """uvicorn's httptools protocol, closing a connection whose request headers are not complete in time."""

    header_timeout = 10.0
    """Seconds a connection has to complete a request's headers; set per server by :func:`with_header_timeout`."""
    _deadline: asyncio.TimerHandle | None = None
    _armed_at: object = None
    """The request/answer cycle current when the deadline was set: if it is still current then, no headers came."""

    def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
        super().connection_made(transport)
        self._arm()

    def on_response_complete(self) -> None:
        super().on_response_complete()
        self._arm()

    def connection_lost(self, exc: Exception | None) -> None:
        if self._deadline is not None:
            self._deadline.cancel()
        super().connection_lost(exc)

    def _arm(self) -> None:
        if self._deadline is not None:
            self._deadline.cancel()
        self._armed_at = self.cycle
        self._deadline = self.loop.call_later(self.header_timeout, self._expire)

    def _expire(self) -> None:
        self._deadline = None
        if self.cycle is not self._armed_at:  # a request's headers arrived: its answer sets the next deadline
            return
        if self.cycle is not None and not self.cycle.response_complete:  # a pipelined request, read in full, still being answered
            return
        if not self.transport.is_closing():
            self.transport.close()


def with_header_timeout(seconds: float) -> type[HeaderDeadline]:
    """The protocol class for one server: ``uvicorn.run(..., http=with_header_timeout(10))``."""
    return type("HeaderDeadline", (HeaderDeadline,), {"header_timeout": seconds})
