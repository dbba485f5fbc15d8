"""Voice "http": any OpenAI-compatible ``POST /v1/audio/speech`` endpoint.

Hosted speech APIs and self-hosted speech servers speak this shape: a JSON
body with ``model``, ``voice``, ``input``, ``response_format`` and ``speed``,
answered with the audio. We ask for WAV (or raw 16-bit PCM at 24 kHz, the
API's documented "pcm"), so no decoder beyond libsndfile is needed. These
endpoints report no word timings, so narrations from this voice carry
bullet timings only.
"""

from __future__ import annotations

import io
import weakref

import httpx
import numpy as np
import soundfile

from khulasa.config import Settings
from khulasa.errors import ConfigError, SpeechError
from khulasa.speech.voices import Speech

PCM_RATE = 24_000
"""Sample rate of the API's "pcm" format (16-bit little-endian mono)."""


def speech_url(base: str) -> str:
    """The endpoint for ``base``, whether or not it already ends in ``/v1``."""
    base = base.strip().rstrip("/")
    return f"{base}/audio/speech" if base.endswith("/v1") else f"{base}/v1/audio/speech"


class HttpVoice:
    """Speaks through a remote (or local) OpenAI-compatible speech server."""

    name = "http"

    def __init__(self, settings: Settings) -> None:
        if not settings.tts_base_url.strip():
            raise ConfigError("voice http needs a server: set KHULASA_TTS_BASE_URL (for example http://127.0.0.1:8000).")
        if settings.tts_format not in {"wav", "pcm"}:
            raise ConfigError(f'tts_format must be "wav" or "pcm", not {settings.tts_format!r}.')
        self.url = speech_url(settings.tts_base_url)
        self.settings = settings
        headers = {"Authorization": f"Bearer {settings.tts_api_key}"} if settings.tts_api_key else {}
        self._client = httpx.Client(headers=headers, timeout=httpx.Timeout(settings.tts_timeout, connect=10.0))
        # one client per voice keeps its connection alive between bullets; it is closed when the voice is
        # dropped (the pipeline's cache lets go of it and no running job still holds it), or by close()
        self._closer = weakref.finalize(self, self._client.close)

    def close(self) -> None:
        """Close the voice's connections now; it cannot speak afterwards."""
        self._closer()

    def synthesize(self, script: str) -> Speech:
        """POST ``script`` and decode the audio that comes back."""
        body = {
            "model": self.settings.tts_model,
            "voice": self.settings.tts_voice,
            "input": script,
            "response_format": self.settings.tts_format,
            "speed": self.settings.speed,
        }
        try:
            response = self._client.post(self.url, json=body)
        except httpx.TimeoutException:
            raise SpeechError(
                f"the speech server at {self.url} did not answer within {self.settings.tts_timeout:g} s; "
                "try again or raise KHULASA_TTS_TIMEOUT."
            ) from None
        except httpx.HTTPError as exc:
            raise SpeechError(f"cannot reach the speech server at {self.url} ({exc}); check KHULASA_TTS_BASE_URL.") from None
        self._check(response)
        return self._decode(response.content)

    def _check(self, response: httpx.Response) -> None:
        code = response.status_code
        if code < 400:
            return
        if code in (401, 403):
            raise SpeechError(f"the speech server refused the request (HTTP {code}); check KHULASA_TTS_API_KEY.")
        if code == 404:
            raise SpeechError(
                f"the speech server has no {self.url} or no model {self.settings.tts_model!r} (HTTP 404); "
                "check KHULASA_TTS_BASE_URL and KHULASA_TTS_MODEL."
            )
        if code >= 500:
            raise SpeechError(f"the speech server failed (HTTP {code}); try again later.")
        detail = response.text[:200].strip()
        raise SpeechError(f"the speech server rejected the request (HTTP {code}): {detail}")

    def _decode(self, data: bytes) -> Speech:
        if not data:
            raise SpeechError("the speech server answered with no audio.")
        if self.settings.tts_format == "pcm":
            usable = len(data) // 2 * 2
            samples = np.frombuffer(data[:usable], dtype="<i2").astype(np.float32) / 32768.0
            return Speech(samples, PCM_RATE)
        try:
            samples, rate = soundfile.read(io.BytesIO(data), dtype="float32", always_2d=True)
        except soundfile.LibsndfileError:
            raise SpeechError("the speech server's answer is not WAV audio; check KHULASA_TTS_FORMAT.") from None
        return Speech(samples.mean(axis=1, dtype=np.float32), int(rate))
