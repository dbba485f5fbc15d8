"""Voice "azure" against a loopback Azure AI Speech: SSML in, WAV out, its documented headers and errors."""

from __future__ import annotations

import time
import xml.etree.ElementTree as ET
from typing import Any

import numpy as np
import pytest

from khulasa import config
from khulasa.config import Settings
from khulasa.errors import ConfigError, SpeechError
from khulasa.speech.voices import voice_named
from tests.speech.voices.conftest import NEWS, Answer, FakeService, Request, tone, wav_bytes

SSML = "{http://www.w3.org/2001/10/synthesis}"
VOICES = {"ar-SA-HamedNeural", "ar-EG-SalmaNeural", "ar-JO-SanaNeural"}


def azure(request: Request) -> Answer:
    """The text-to-speech REST endpoint as documented: key header, SSML body, RIFF PCM at 24 kHz."""
    if request.path != "/cognitiveservices/v1":
        return 404, {}, b""
    if request.headers.get("ocp-apim-subscription-key") != "good-key":
        return 401, {}, b""
    if request.headers.get("content-type") != "application/ssml+xml" or "x-microsoft-outputformat" not in request.headers:
        return 400, {}, b""
    voice = ET.fromstring(request.body).find(f"{SSML}voice")
    if voice is None or voice.get("name") not in VOICES:
        return 400, {}, b""
    words = len("".join(voice.itertext()).split())
    return 200, {"Content-Type": "audio/x-wav"}, wav_bytes(tone(0.05 * words, 24_000), 24_000)


def settings_for(service: FakeService, **overrides: Any) -> Settings:
    values = {"voice": "azure", "azure_speech_key": "good-key", "azure_endpoint": service.url, "azure_voice": "ar-JO-SanaNeural"}
    return config.load(environ={}, **{**values, **overrides})


def test_speaks_ssml_with_the_voice_and_rate_and_counts_characters(service: FakeService) -> None:
    service.answer = azure
    speech = voice_named("azure", settings_for(service, speed=1.25)).synthesize(NEWS)
    assert speech.sample_rate == 24_000
    assert len(speech.samples) == round(0.05 * len(NEWS.split()) * 24_000)
    assert float(np.abs(speech.samples).max()) == pytest.approx(0.3, abs=0.01)
    assert speech.words == ()  # the REST API reports no word boundaries
    assert speech.characters == len(NEWS)
    (request,) = service.requests
    assert request.headers["x-microsoft-outputformat"] == "riff-24khz-16bit-mono-pcm"
    document = ET.fromstring(request.body)
    assert document.get("{http://www.w3.org/XML/1998/namespace}lang") == "ar-JO"
    prosody = document.find(f"{SSML}voice/{SSML}prosody")
    assert prosody is not None and prosody.get("rate") == "+25%" and prosody.text == NEWS


def test_text_that_looks_like_markup_is_escaped(service: FakeService) -> None:
    service.answer = azure
    voice_named("azure", settings_for(service)).synthesize("قَالَ <b> & مَضَى")
    assert "".join(ET.fromstring(service.requests[0].body).itertext()) == "قَالَ <b> & مَضَى"


def test_a_429_is_tried_again_after_retry_after(service: FakeService) -> None:
    service.answer = azure
    service.then = [(429, {"Retry-After": "1"}, b""), (503, {"Retry-After": "0"}, b"")]
    started = time.monotonic()
    speech = voice_named("azure", settings_for(service)).synthesize(NEWS)
    assert len(service.requests) == 3 and len(speech.samples) > 0
    assert time.monotonic() - started >= 0.9


def test_a_service_that_stays_down_fails_after_the_attempts(service: FakeService) -> None:
    service.then = [(503, {"Retry-After": "0"}, b"")] * 5
    with pytest.raises(SpeechError, match="try again later"):
        voice_named("azure", settings_for(service, tts_attempts=2)).synthesize(NEWS)
    assert len(service.requests) == 2


@pytest.mark.parametrize(
    ("overrides", "then", "expected"),
    [
        ({"azure_speech_key": "bad-key"}, [], "refused the key.*KHULASA_AZURE_SPEECH_KEY"),
        ({"azure_voice": "ar-XX-NobodyNeural"}, [], "unknown voice; check KHULASA_AZURE_VOICE"),
        ({"tts_attempts": 1}, [(429, {}, b"")], "quota or request rate is exhausted"),
    ],
)
def test_errors_are_one_sentence_naming_what_to_fix(
    service: FakeService, overrides: dict[str, Any], then: list[Answer], expected: str
) -> None:
    service.answer = azure
    service.then = then
    with pytest.raises(SpeechError, match=expected):
        voice_named("azure", settings_for(service, **overrides)).synthesize(NEWS)


def test_key_and_region_are_required() -> None:
    with pytest.raises(ConfigError, match="KHULASA_AZURE_SPEECH_KEY"):
        voice_named("azure", config.load(environ={}))
    with pytest.raises(ConfigError, match="KHULASA_AZURE_SPEECH_REGION"):
        voice_named("azure", config.load(environ={}, azure_speech_key="k"))
    voice = voice_named("azure", config.load(environ={}, azure_speech_key="k", azure_speech_region="uaenorth"))
    assert voice.url == "https://uaenorth.tts.speech.microsoft.com/cognitiveservices/v1"  # type: ignore[attr-defined]
