"""Voice "azure": Azure AI Speech neural voices through its text-to-speech REST API.

One ``POST {endpoint}/cognitiveservices/v1`` per piece, the SSML naming the
voice (``ar-SA-HamedNeural``, ``ar-EG-SalmaNeural``, ``ar-JO-SanaNeural``, ...)
and the rate, the key in ``Ocp-Apim-Subscription-Key``, the audio asked for
as 24 kHz 16-bit WAV in ``X-Microsoft-OutputFormat``. The REST API reports no
word boundaries (only the Speech SDK does), so this voice gives bullet
timings only.

Pronunciation: a dictionary of ours would be mapped to ``<sub alias>`` in
:func:`ssml` (Azure supports it); none exists yet.
"""

from __future__ import annotations

from xml.sax.saxutils import escape, quoteattr

import httpx

from khulasa.config import Settings
from khulasa.errors import ConfigError
from khulasa.speech.voices import Speech
from khulasa.speech.voices.cloud import Service, error_text, speak_in_pieces, wav

OUTPUT_FORMAT = "riff-24khz-16bit-mono-pcm"
"""WAV at 24 kHz: decoded by libsndfile, no MP3 decoder needed."""
LONGEST_SSML = 40_000
"""Characters of SSML per request: well inside what one request may carry (and ~10 minutes of audio)."""


def ssml(text: str, voice: str, speed: float) -> str:
    """The SSML document for ``text`` read by ``voice`` at ``speed`` (1.0 = the voice's normal rate)."""
    language = "-".join(voice.split("-")[:2]) or "ar-SA"
    body = escape(text)
    if speed != 1.0:
        body = f"<prosody rate={quoteattr(f'{(speed - 1) * 100:+.0f}%')}>{body}</prosody>"
    return (
        f"<speak version='1.0' xmlns='http://www.w3.org/2001/10/synthesis' xml:lang={quoteattr(language)}>"
        f"<voice name={quoteattr(voice)}>{body}</voice></speak>"
    )


class AzureVoice:
    """Speaks through Azure AI Speech (key and region, or an endpoint, from the settings)."""

    name = "azure"

    def __init__(self, settings: Settings) -> None:
        if not settings.azure_speech_key.strip():
            raise ConfigError("voice azure needs a key: set KHULASA_AZURE_SPEECH_KEY to your Speech resource's key.")
        base = settings.azure_endpoint.strip().rstrip("/")
        if not base:
            if not settings.azure_speech_region.strip():
                raise ConfigError("voice azure needs a region: set KHULASA_AZURE_SPEECH_REGION (e.g. westeurope).")
            base = f"https://{settings.azure_speech_region.strip()}.tts.speech.microsoft.com"
        self.url = f"{base}/cognitiveservices/v1"
        self.voice = settings.azure_voice
        self.speed = settings.speed
        self._service = Service(
            "Azure AI Speech",
            "KHULASA_AZURE_ENDPOINT",
            settings,
            {
                "Ocp-Apim-Subscription-Key": settings.azure_speech_key.strip(),
                "Content-Type": "application/ssml+xml",
                "X-Microsoft-OutputFormat": OUTPUT_FORMAT,
                "User-Agent": "khulasa",
            },
        )

    def close(self) -> None:
        """Close the voice's connections now."""
        self._service.close()

    def synthesize(self, script: str) -> Speech:
        """Speak ``script``, one request per piece that fits."""
        return speak_in_pieces(script, self._fits, self._speak)

    def _fits(self, text: str) -> bool:
        return len(ssml(text, self.voice, self.speed)) <= LONGEST_SSML

    def _speak(self, text: str) -> Speech:
        response = self._service.post(self.url, self._explain, content=ssml(text, self.voice, self.speed).encode("utf-8"))
        speech = wav(response.content, "Azure AI Speech")
        return Speech(speech.samples, speech.sample_rate, (), len(text))

    def _explain(self, response: httpx.Response) -> str:
        code = response.status_code
        if code == 401:
            return "Azure AI Speech refused the key (HTTP 401); check KHULASA_AZURE_SPEECH_KEY and KHULASA_AZURE_SPEECH_REGION."
        if code == 400:
            return "Azure AI Speech refused the request (HTTP 400), usually for an unknown voice; check KHULASA_AZURE_VOICE."
        if code in (403, 429):
            return f"Azure AI Speech's quota or request rate is exhausted (HTTP {code}); wait, or raise the resource's tier."
        if code >= 500:
            return f"Azure AI Speech failed (HTTP {code}); try again later."
        return f"Azure AI Speech rejected the request (HTTP {code}): {error_text(response)}"
