"""Voice "google": Google Cloud Text-to-Speech through ``text:synthesize`` (v1beta1).

Each piece is sent as SSML with a ``<mark name="N"/>`` before its N-th
spoken word and ``enableTimePointing: ["SSML_MARK"]``, so the answer's
``timepoints`` say when each word starts: word timings, not only bullet
timings. The audio comes back base64-encoded in ``audioContent``, asked for
as LINEAR16 (WAV) at 24 kHz. A request carries at most 5,000 bytes of
SSML, marks included, so pieces are measured as they will be sent.

Pronunciation: a dictionary of ours would become ``<sub alias>`` in
:func:`ssml`; none exists yet.
"""

from __future__ import annotations

import base64
import binascii
from typing import Any
from xml.sax.saxutils import escape

import httpx

from khulasa.config import Settings
from khulasa.errors import ConfigError, SpeechError
from khulasa.speech.voices import Speech
from khulasa.speech.voices.cloud import Service, error_text, speak_in_pieces, spoken_words, wav, words_from_starts

LONGEST_REQUEST = 5000
"""Bytes of SSML Google accepts in one request."""
RATE = 24_000


def ssml(text: str) -> str:
    """``text`` as SSML with a mark named by its index before each spoken word."""
    parts = ["<speak>"]
    at = 0
    for index, word in enumerate(spoken_words(text)):
        parts.append(escape(text[at : word.start()]))
        parts.append(f'<mark name="{index}"/>')
        parts.append(escape(word.group()))
        at = word.end()
    parts.append(escape(text[at:]))
    parts.append("</speak>")
    return "".join(parts)


class GoogleVoice:
    """Speaks through Google Cloud Text-to-Speech with an API key."""

    name = "google"

    def __init__(self, settings: Settings) -> None:
        if not settings.google_tts_api_key.strip():
            raise ConfigError(
                "voice google needs a key: set KHULASA_GOOGLE_TTS_API_KEY to an API key allowed to use Text-to-Speech."
            )
        base = settings.google_endpoint.strip().rstrip("/") or "https://texttospeech.googleapis.com"
        self.url = f"{base}/v1beta1/text:synthesize"
        self.voice = settings.google_voice
        self.speed = settings.speed
        self._service = Service(
            "Google Text-to-Speech", "KHULASA_GOOGLE_ENDPOINT", settings, {"X-Goog-Api-Key": settings.google_tts_api_key.strip()}
        )

    def close(self) -> None:
        """Close the voice's connections now."""
        self._service.close()

    def synthesize(self, script: str) -> Speech:
        """Speak ``script``, one request per piece that fits, with word timings from the marks."""
        return speak_in_pieces(script, self._fits, self._speak)

    @staticmethod
    def _fits(text: str) -> bool:
        return len(ssml(text).encode("utf-8")) <= LONGEST_REQUEST

    def _speak(self, text: str) -> Speech:
        language = "-".join(self.voice.split("-")[:2]) or "ar-XA"
        body = {
            "input": {"ssml": ssml(text)},
            "voice": {"languageCode": language, "name": self.voice},
            "audioConfig": {"audioEncoding": "LINEAR16", "sampleRateHertz": RATE, "speakingRate": self.speed},
            "enableTimePointing": ["SSML_MARK"],
        }
        answer: Any = self._service.post(self.url, self._explain, json=body).json()
        try:
            audio = base64.b64decode(answer["audioContent"], validate=True)
            marks = {str(p["markName"]): float(p["timeSeconds"]) for p in answer.get("timepoints") or []}
        except (KeyError, TypeError, ValueError, binascii.Error):
            raise SpeechError("Google Text-to-Speech answered without readable audioContent.") from None
        speech = wav(audio, "Google Text-to-Speech")
        duration = len(speech.samples) / speech.sample_rate
        count = len(spoken_words(text))
        starts = [marks[str(i)] for i in range(count) if str(i) in marks]
        return Speech(speech.samples, speech.sample_rate, words_from_starts(text, starts, duration), len(text))

    def _explain(self, response: httpx.Response) -> str:
        code = response.status_code
        try:
            error = response.json().get("error", {})
            status, message = str(error.get("status", "")), str(error.get("message", ""))
        except ValueError:
            status, message = "", error_text(response)
        if code in (401, 403) or "API key" in message:
            return f"Google Text-to-Speech refused the key (HTTP {code}); check KHULASA_GOOGLE_TTS_API_KEY."
        if code == 429 or status == "RESOURCE_EXHAUSTED":
            return "Google Text-to-Speech's quota is exhausted (HTTP 429); wait, or raise the project's quota."
        if code == 400 and "voice" in message.lower():
            return f"Google Text-to-Speech has no voice {self.voice!r} (HTTP 400); check KHULASA_GOOGLE_VOICE."
        if code >= 500:
            return f"Google Text-to-Speech failed (HTTP {code}); try again later."
        return f"Google Text-to-Speech rejected the request (HTTP {code}): {message[:200]}"
