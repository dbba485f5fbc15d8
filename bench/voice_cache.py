"""What keeping voices by their own settings, and closing dropped ones, costs.

Three figures, in this one process:

1. a cached voice's look-up, per narration: the pipeline now keys by the
   voice settings (a tuple of nine fields) instead of the whole Settings;
   the old whole-Settings ``lru_cache`` is timed beside it as the baseline;
2. building an http voice, which now also registers the finalizer that
   closes its client when the voice is dropped (once per distinct voice);
3. ``synthesize`` on a loopback speech server with the voice's kept client
   (our choice) against a new client per call (the other way to never leak
   a client): the kept client saves a connection per bullet.

Writes bench/results/voice_cache.json.

    .venv/bin/python bench/voice_cache.py [--calls N]
"""

from __future__ import annotations

import argparse
import functools
import io
import json
import platform
import statistics
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import httpx
import numpy as np
import soundfile

from khulasa import config, pipeline
from khulasa.speech.voices import voice_named
from khulasa.speech.voices.http import HttpVoice

RESULTS = Path(__file__).resolve().parents[1] / "bench" / "results"


def _wav() -> bytes:
    out = io.BytesIO()
    soundfile.write(out, np.zeros(2400, dtype=np.float32), 24_000, format="WAV")
    return out.getvalue()


class _Speech(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"  # keep-alive, as real speech servers answer
    wbufsize = -1  # headers and audio in one send, flushed after each answer: no delayed-ACK stall
    disable_nagle_algorithm = True
    audio = _wav()

    def log_message(self, format: str, *args: Any) -> None:
        pass

    def do_POST(self) -> None:
        self.rfile.read(int(self.headers.get("Content-Length", 0)))
        self.send_response(200)
        self.send_header("Content-Type", "audio/wav")
        self.send_header("Content-Length", str(len(self.audio)))
        self.end_headers()
        self.wfile.write(self.audio)


def _micros(action: Any, calls: int) -> float:
    """Median of five runs of ``calls`` calls, in microseconds per call."""
    runs = []
    for _ in range(5):
        start = time.perf_counter()
        for _ in range(calls):
            action()
        runs.append((time.perf_counter() - start) / calls * 1e6)
    return statistics.median(runs)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--calls", type=int, default=200, help="synthesize calls per way (default 200)")
    args = parser.parse_args()
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Speech)
    thread = threading.Thread(target=server.serve_forever, args=(0.05,), daemon=True)
    thread.start()
    try:
        settings = config.load(environ={}, voice="http", tts_base_url=f"http://127.0.0.1:{server.server_address[1]}")
        whole: Any = functools.lru_cache(maxsize=4)(lambda s: voice_named(s.voice, s))
        pipeline._voice(settings), whole(settings)  # warm both caches
        lookup_new = _micros(lambda: pipeline._voice(settings), 20_000)
        lookup_old = _micros(lambda: whole(settings), 20_000)
        build = _micros(lambda: HttpVoice(settings).close(), 200)

        kept = pipeline._voice(settings)
        script = "مرحبا"
        kept.synthesize(script)  # the first connection is not what we compare

        def fresh() -> None:
            voice = HttpVoice(settings)
            voice.synthesize(script)
            voice.close()

        per_call_kept = _micros(lambda: kept.synthesize(script), args.calls // 5)
        per_call_fresh = _micros(fresh, args.calls // 5)
    finally:
        server.shutdown()
        server.server_close()
        thread.join()

    result = {
        "lookup_us_voice_settings_key": lookup_new,
        "lookup_us_whole_settings_key": lookup_old,
        "build_http_voice_with_finalizer_us": build,
        "synthesize_us_kept_client": per_call_kept,
        "synthesize_us_client_per_call": per_call_fresh,
        "httpx": httpx.__version__,
        "python": platform.python_version(),
    }
    print(f"{'measure':<48}{'µs/call':>10}")
    print(f"{'voice look-up, keyed by voice settings (new)':<48}{lookup_new:>10.2f}")
    print(f"{'voice look-up, keyed by whole Settings (old)':<48}{lookup_old:>10.2f}")
    print(f"{'build an http voice + finalizer, then close':<48}{build:>10.1f}")
    print(f"{'synthesize, the voice keeps its client (ours)':<48}{per_call_kept:>10.1f}")
    print(f"{'synthesize, a new client per call':<48}{per_call_fresh:>10.1f}")
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / "voice_cache.json").write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
