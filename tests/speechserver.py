"""A loopback OpenAI-compatible speech server that notes every text it is asked to say: the voice "http" speaks to it."""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import numpy as np

from tests.loopback import serving


@dataclass
class Heard:
    """What the server was asked to say, in order, and where it answers."""

    url: str = ""
    texts: list[str] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def said(self) -> str:
        """Everything asked so far, one text a line."""
        with self.lock:
            return "\n".join(self.texts)


@contextmanager
def speech_server() -> Iterator[Heard]:
    """A server answering each POST /v1/audio/speech with a 200 Hz tone as 16-bit 24 kHz PCM, 0.1 s a word.

    Voices using it need ``KHULASA_TTS_FORMAT=pcm``.
    """
    heard = Heard()

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            request = json.loads(self.rfile.read(int(self.headers.get("Content-Length", 0))))
            with heard.lock:
                heard.texts.append(request["input"])
            seconds = 0.1 * max(len(request["input"].split()), 1)
            payload = (8000 * np.sin(2 * np.pi * 200 * np.arange(round(seconds * 24_000)) / 24_000)).astype("<i2").tobytes()
            self.send_response(200)
            self.send_header("Content-Type", "audio/pcm")
            self.send_header("Content-Length", str(len(payload)))
            self.end_headers()
            self.wfile.write(payload)

        def log_message(self, *args: object) -> None:
            pass

    with serving(ThreadingHTTPServer(("127.0.0.1", 0), Handler)) as server:
        heard.url = f"http://127.0.0.1:{server.server_address[1]}"
        yield heard
