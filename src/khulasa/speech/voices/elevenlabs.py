"""Voice "elevenlabs": ElevenLabs text-to-speech with timestamps.

``POST {endpoint}/v1/text-to-speech/{voice_id}/with-timestamps`` with the
key in ``xi-api-key`` answers JSON: the audio in ``audio_base64`` (asked for
as ``pcm_24000``, raw 16-bit samples) and an ``alignment`` giving each input
character's start and end time, which are gathered into word timings.
Requests are kept under 5,000 characters, inside every model's limit.

Pronunciation: ElevenLabs takes pronunciation dictionaries by id, not
inline SSML; a dictionary of ours would be applied as text before sending.
"""

from __future__ import annotations

import base64
import binascii
from typing import Any

import httpx

from khulasa.config import Settings
from khulasa.errors import ConfigError, SpeechError
from khulasa.speech.voices import Speech, WordTiming
from khulasa.speech.voices.cloud import Service, error_text, pcm16, speak_in_pieces, spoken_words

LONGEST_REQUEST = 5000
"""Characters per request."""
RATE = 24_000
SLOWEST, FASTEST = 0.7, 1.2
"""The speed range the API accepts in voice_settings; our speed is held to it."""


def word_times(text: str, alignment: Any) -> tuple[WordTiming, ...]:
    """Word timings from per-character times, when the alignment's characters spell ``text``; empty otherwise."""
    try:
        characters = [str(c) for c in alignment["characters"]]
        starts = [float(t) for t in alignment["character_start_times_seconds"]]
        ends = [float(t) for t in alignment["character_end_times_seconds"]]
    except (KeyError, TypeError, ValueError):
        return ()
    if "".join(characters) != text or not len(characters) == len(starts) == len(ends):
        return ()
    # one entry per character of ``text`` when each entry is one character; otherwise map through cumulative lengths
    index_of: list[int] = []
    for entry, character in enumerate(characters):
        index_of += [entry] * len(character)
    return tuple(
        WordTiming(m.start(), m.end(), starts[index_of[m.start()]], ends[index_of[m.end() - 1]]) for m in spoken_words(text)
    )


class ElevenLabsVoice:
    """Speaks through ElevenLabs with one of its voices that reads Arabic."""

    name = "elevenlabs"

    def __init__(self, settings: Settings) -> None:
        if not settings.elevenlabs_api_key.strip():
            raise ConfigError("voice elevenlabs needs a key: set KHULASA_ELEVENLABS_API_KEY.")
        if not settings.elevenlabs_voice_id.strip():
            raise ConfigError("voice elevenlabs needs a voice: set KHULASA_ELEVENLABS_VOICE_ID to a voice id from your library.")
        base = settings.elevenlabs_endpoint.strip().rstrip("/") or "https://api.elevenlabs.io"
        self.voice_id = settings.elevenlabs_voice_id.strip()
        self.url = f"{base}/v1/text-to-speech/{self.voice_id}/with-timestamps"
        self.model = settings.elevenlabs_model
        self.speed = min(max(settings.speed, SLOWEST), FASTEST)
        self._service = Service(
            "ElevenLabs", "KHULASA_ELEVENLABS_ENDPOINT", settings, {"xi-api-key": settings.elevenlabs_api_key.strip()}
        )

    def close(self) -> None:
        """Close the voice's connections now."""
        self._service.close()

    def synthesize(self, script: str) -> Speech:
        """Speak ``script``, one request per piece that fits, word timings from the character alignment."""
        return speak_in_pieces(script, lambda text: len(text) <= LONGEST_REQUEST, self._speak)

    def _speak(self, text: str) -> Speech:
        body: dict[str, Any] = {"text": text, "model_id": self.model}
        if self.speed != 1.0:
            body["voice_settings"] = {"speed": self.speed}
        response = self._service.post(self.url, self._explain, params={"output_format": f"pcm_{RATE}"}, json=body)
        try:
            answer: Any = response.json()
            audio = base64.b64decode(answer["audio_base64"], validate=True)
        except (KeyError, TypeError, ValueError, binascii.Error):
            raise SpeechError("ElevenLabs answered without readable audio_base64.") from None
        speech = pcm16(audio, RATE)
        return Speech(speech.samples, RATE, word_times(text, answer.get("alignment")), len(text))

    def _explain(self, response: httpx.Response) -> str:
        code = response.status_code
        try:
            detail = response.json().get("detail", {})
            status = str(detail.get("status", "")) if isinstance(detail, dict) else ""
        except ValueError:
            status = ""
        if status == "quota_exceeded":
            return "ElevenLabs says the account's character quota is used up; wait for the next period or raise the plan."
        if code in (401, 403):
            return f"ElevenLabs refused the key (HTTP {code}); check KHULASA_ELEVENLABS_API_KEY."
        if code in (400, 404) and "voice" in status:
            return f"ElevenLabs has no voice {self.voice_id!r} (HTTP {code}); check KHULASA_ELEVENLABS_VOICE_ID."
        if code == 429:
            return "ElevenLabs is limiting requests (HTTP 429) and kept doing so; try again later or lower KHULASA_WORKERS."
        if code >= 500:
            return f"ElevenLabs failed (HTTP {code}); try again later."
        return f"ElevenLabs rejected the request (HTTP {code}): {error_text(response)}"
