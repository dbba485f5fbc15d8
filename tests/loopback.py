"""Loopback HTTP servers for the tests' fakes of remote services (feeds, pages, webhook receivers, voices)."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from socketserver import BaseServer
from typing import TypeVar

S = TypeVar("S", bound=BaseServer)


@contextmanager
def serving(server: S) -> Iterator[S]:
    """``server`` answering on a thread of its own for the block; then stopped, its socket closed, its thread joined.

    It checks for shutdown every 50 ms, so stopping it does not hold a test up.
    """
    thread = threading.Thread(target=server.serve_forever, args=(0.05,), daemon=True)
    thread.start()
    try:
        yield server
    finally:
        server.shutdown()
        server.server_close()
        thread.join()
