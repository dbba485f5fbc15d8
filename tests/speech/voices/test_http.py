"""Voice "http" against a real OpenAI-compatible speech server on 127.0.0.1."""

from __future__ import annotations

import io
import json
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import numpy as np
import pytest
import soundfile

from khulasa import config
from khulasa.config import Settings
from khulasa.errors import ConfigError, SpeechError
from khulasa.speech.voices import voice_named
from khulasa.speech.voices.http import PCM_RATE, speech_url
from tests.loopback import serving


def tone(seconds: float, rate: int, amplitude: float = 0.3) -> np.ndarray:
    t = np.arange(round(seconds * rate)) / rate
    return (amplitude * np.sin(2 * np.pi * 200 * t)).astype(np.float32)


@dataclass
class SpeechServer:
    """What the server was asked, and how it should answer next."""

    url: str = ""
    requests: list[dict[str, Any]] = field(default_factory=list)
    status: int = 200
    delay: float = 0.0
    body: bytes | None = None


@pytest.fixture
def server() -> Iterator[SpeechServer]:
    state = SpeechServer()

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            length = int(self.headers.get("Content-Length", 0))
            request = json.loads(self.rfile.read(length))
            state.requests.append({"path": self.path, "auth": self.headers.get("Authorization"), "json": request})
            time.sleep(state.delay)
            if self.path != "/v1/audio/speech":
                self.send_error(404)
                return
            if state.status != 200:
                self.send_error(state.status)
                return
            seconds = 0.1 * len(request["input"].split()) / request["speed"]
            if state.body is not None:
                payload = state.body
            elif request["response_format"] == "pcm":
                payload = (tone(seconds, PCM_RATE) * 32767).astype("<i2").tobytes()
            else:
                buffer = io.BytesIO()
                soundfile.write(buffer, tone(seconds, 22_050), 22_050, format="WAV", subtype="PCM_16")
                payload = buffer.getvalue()
            self.send_response(200)
            self.send_header("Content-Type", "audio/wav")
            self.send_header("Content-Length", str(len(payload)))
            self.end_headers()
            self.wfile.write(payload)

        def log_message(self, format: str, *args: Any) -> None:
            pass

    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    httpd.handle_error = lambda request, address: None  # type: ignore[method-assign]  # a client that timed out hung up
    state.url = f"http://127.0.0.1:{httpd.server_address[1]}"
    with serving(httpd):
        yield state


def settings_for(server: SpeechServer, **overrides: Any) -> Settings:
    values = {"voice": "http", "tts_base_url": server.url, "tts_model": "arabic-news", "tts_voice": "layla"}
    return config.load(environ={}, **{**values, **overrides})


SCRIPT = "أَعْلَنَتِ الوِزَارَةُ خُطَّةً جَدِيدَةً لِلْمِيَاهِ"


def test_speaks_through_the_endpoint_with_model_voice_and_key(server: SpeechServer) -> None:
    voice = voice_named("http", settings_for(server, tts_api_key="secret", speed=1.25))
    speech = voice.synthesize(SCRIPT)
    assert speech.sample_rate == 22_050
    assert len(speech.samples) == round(0.1 * 5 / 1.25 * 22_050)
    assert float(np.abs(speech.samples).max()) == pytest.approx(0.3, abs=0.01)
    assert speech.words == ()
    (request,) = server.requests
    assert request["auth"] == "Bearer secret"
    assert request["json"] == {
        "model": "arabic-news",
        "voice": "layla",
        "input": SCRIPT,
        "response_format": "wav",
        "speed": 1.25,
    }


def test_raw_pcm_is_read_at_24_khz(server: SpeechServer) -> None:
    speech = voice_named("http", settings_for(server, tts_format="pcm")).synthesize(SCRIPT)
    assert speech.sample_rate == PCM_RATE
    assert len(speech.samples) == round(0.5 * PCM_RATE)
    assert server.requests[0]["auth"] is None


def test_base_url_may_already_end_in_v1() -> None:
    assert speech_url("http://127.0.0.1:8000/v1/") == "http://127.0.0.1:8000/v1/audio/speech"
    assert speech_url("https://tts.example.org") == "https://tts.example.org/v1/audio/speech"


@pytest.mark.parametrize(
    ("status", "expected"),
    [(401, "KHULASA_TTS_API_KEY"), (403, "refused"), (500, "try again later"), (503, "HTTP 503"), (422, "rejected")],
)
def test_error_answers_become_one_clear_sentence(server: SpeechServer, status: int, expected: str) -> None:
    server.status = status
    with pytest.raises(SpeechError, match=expected):
        voice_named("http", settings_for(server)).synthesize(SCRIPT)


def test_wrong_path_is_a_404_naming_the_settings(server: SpeechServer) -> None:
    with pytest.raises(SpeechError, match="KHULASA_TTS_BASE_URL"):
        voice_named("http", settings_for(server, tts_base_url=server.url + "/other")).synthesize(SCRIPT)


def test_an_answer_that_is_not_audio_is_refused(server: SpeechServer) -> None:
    server.body = b'{"error": "quota"}'
    with pytest.raises(SpeechError, match="not WAV"):
        voice_named("http", settings_for(server)).synthesize(SCRIPT)


def test_a_slow_server_times_out(server: SpeechServer) -> None:
    server.delay = 1.0
    with pytest.raises(SpeechError, match="did not answer"):
        voice_named("http", settings_for(server, tts_timeout=0.2)).synthesize(SCRIPT)


def test_no_server_listening_is_named() -> None:
    settings = config.load(environ={}, voice="http", tts_base_url="http://127.0.0.1:9")
    with pytest.raises(SpeechError, match="cannot reach"):
        voice_named("http", settings).synthesize(SCRIPT)


def test_missing_base_url_or_bad_format_is_a_setting_error(settings: Settings, server: SpeechServer) -> None:
    with pytest.raises(ConfigError, match="KHULASA_TTS_BASE_URL"):
        voice_named("http", settings)
    with pytest.raises(ConfigError, match="tts_format"):
        voice_named("http", settings_for(server, tts_format="mp3"))
