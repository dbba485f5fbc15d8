"""A loopback HTTP server that plays a speech service: each test file gives it the service's documented behaviour."""

from __future__ import annotations

import io
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, urlsplit

import numpy as np
import pytest
import soundfile

from tests.loopback import serving


@dataclass(frozen=True)
class Request:
    """One request as the fake service received it."""

    method: str
    path: str
    query: dict[str, list[str]]
    headers: dict[str, str]
    body: bytes


Answer = tuple[int, dict[str, str], bytes]
"""Status, headers and body of one answer."""


@dataclass
class FakeService:
    """What the service was asked; how it answers (``answer``), and forced answers to give first (``then``)."""

    url: str = ""
    requests: list[Request] = field(default_factory=list)
    answer: Callable[[Request], Answer] = lambda request: (404, {}, b"")
    then: list[Answer] = field(default_factory=list)


@pytest.fixture
def service() -> Iterator[FakeService]:
    with running_service() as state:
        yield state


@contextmanager
def running_service() -> Iterator[FakeService]:
    """A fake speech service on 127.0.0.1 for the block (the benchmark of voices uses it too)."""
    state = FakeService()

    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def do_GET(self) -> None:
            self._serve()

        def do_POST(self) -> None:
            self._serve()

        def _serve(self) -> None:
            split = urlsplit(self.path)
            body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
            headers = {k.lower(): v for k, v in self.headers.items()}
            request = Request(self.command, split.path, parse_qs(split.query), headers, body)
            state.requests.append(request)
            status, extra, payload = state.then.pop(0) if state.then else state.answer(request)
            self.send_response(status)
            for name, value in extra.items():
                self.send_header(name, value)
            if "Content-Length" not in extra:  # a fake may announce more than it sends, then hang up (Connection: close)
                self.send_header("Content-Length", str(len(payload)))
            self.end_headers()
            self.wfile.write(payload)

        def log_message(self, format: str, *args: Any) -> None:
            pass

    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    state.url = f"http://127.0.0.1:{httpd.server_address[1]}"
    with serving(httpd):
        yield state


def tone(seconds: float, rate: int, amplitude: float = 0.3) -> np.ndarray:
    """A 200 Hz sine: the fake's "speech"."""
    t = np.arange(round(seconds * rate)) / rate
    return (amplitude * np.sin(2 * np.pi * 200 * t)).astype(np.float32)


def wav_bytes(samples: np.ndarray, rate: int) -> bytes:
    buffer = io.BytesIO()
    soundfile.write(buffer, samples, rate, format="WAV", subtype="PCM_16")
    return buffer.getvalue()


def pcm_bytes(samples: np.ndarray) -> bytes:
    return (samples * 32767).astype("<i2").tobytes()


NEWS = "أَعْلَنَتِ الحُكُومَةُ خُطَّةً جَدِيدَةً لِلْمِيَاهِ. وَقَالَ الوَزِيرُ إِنَّ المَحَطَّةَ تَعْمَلُ العَامَ المُقْبِلَ! هَلْ تَكْفِي المِيَاهُ المُدُنَ الكَبِيرَةَ؟"
"""Three diacritized news sentences: what the pipeline hands a voice."""
