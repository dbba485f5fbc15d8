"""Refuse request bodies over the size limit before they are read into memory.

A declared Content-Length over the limit is refused at once; a body sent
without one (chunked) is counted as it arrives and cut off at the limit.
"""

from __future__ import annotations

from starlette.requests import Request
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from khulasa.errors import InputTooLarge
from khulasa.web.problems import problem


def _too_large(limit: int) -> InputTooLarge:
    return InputTooLarge(
        f"the request body is over the {limit / 1e6:.1f} MB limit; send one article at a time (or raise KHULASA_MAX_BODY_BYTES)."
    )


class BodyLimit:
    """ASGI middleware that answers 413 for bodies over ``limit`` bytes."""

    def __init__(self, app: ASGIApp, limit: int) -> None:
        self.app = app
        self.limit = limit

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        for name, value in scope.get("headers", []):
            if name == b"content-length":
                try:
                    declared = int(value)
                except ValueError:
                    declared = 0
                if declared > self.limit:
                    await self._refuse(scope, receive, send)
                    return
        seen = 0

        async def counted() -> Message:
            nonlocal seen
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > self.limit:
                    raise _too_large(self.limit)
            return message

        await self.app(scope, counted, send)

    async def _refuse(self, scope: Scope, receive: Receive, send: Send) -> None:
        """The 413 problem, in the shape every other error has; the connection is closed, the body left unread."""
        error = _too_large(self.limit)
        answer = problem(error.status, error.code, error.message, Request(scope), {"Connection": "close"})
        await answer(scope, receive, send)
