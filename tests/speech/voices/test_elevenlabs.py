"""Voice "elevenlabs" against a loopback ElevenLabs: with-timestamps, xi-api-key, base64 PCM, character alignment."""

from __future__ import annotations

import base64
import json
import re
from typing import Any

import pytest

from khulasa import config
from khulasa.config import Settings
from khulasa.errors import ConfigError, SpeechError
from khulasa.speech.voices import voice_named
from tests.speech.voices.conftest import NEWS, Answer, FakeService, Request, pcm_bytes, tone

CHARACTER_SECONDS = 0.01


def detail(code: int, status: str, message: str) -> Answer:
    return code, {"Content-Type": "application/json"}, json.dumps({"detail": {"status": status, "message": message}}).encode()


def elevenlabs(request: Request) -> Answer:
    """POST /v1/text-to-speech/{voice_id}/with-timestamps as documented: audio_base64 and per-character alignment."""
    match = re.fullmatch(r"/v1/text-to-speech/([^/]+)/with-timestamps", request.path)
    if match is None:
        return 404, {}, b""
    if request.headers.get("xi-api-key") != "good-key":
        return detail(401, "invalid_api_key", "Invalid API key")
    if match.group(1) != "layla123":
        return detail(404, "voice_not_found", "A voice with the voice_id was not found.")
    body = json.loads(request.body)
    text = body["text"]
    rate = int(request.query["output_format"][0].removeprefix("pcm_"))
    starts = [i * CHARACTER_SECONDS for i in range(len(text))]
    alignment = {
        "characters": list(text),
        "character_start_times_seconds": starts,
        "character_end_times_seconds": [s + CHARACTER_SECONDS for s in starts],
    }
    audio = base64.b64encode(pcm_bytes(tone(len(text) * CHARACTER_SECONDS, rate))).decode()
    answer = {"audio_base64": audio, "alignment": alignment, "normalized_alignment": alignment}
    return 200, {"Content-Type": "application/json"}, json.dumps(answer).encode()


def settings_for(service: FakeService, **overrides: Any) -> Settings:
    values = {
        "voice": "elevenlabs",
        "elevenlabs_api_key": "good-key",
        "elevenlabs_voice_id": "layla123",
        "elevenlabs_endpoint": service.url,
    }
    return config.load(environ={}, **{**values, **overrides})


def test_words_are_timed_from_the_character_alignment(service: FakeService) -> None:
    service.answer = elevenlabs
    speech = voice_named("elevenlabs", settings_for(service, speed=2.0)).synthesize(NEWS)
    assert speech.sample_rate == 24_000
    assert len(speech.samples) == round(len(NEWS) * CHARACTER_SECONDS * 24_000)
    assert [NEWS[w.start_char : w.end_char] for w in speech.words] == NEWS.split()
    first, second = speech.words[:2]
    assert first.start == 0 and first.end == pytest.approx(first.end_char * CHARACTER_SECONDS)
    assert second.start == pytest.approx(second.start_char * CHARACTER_SECONDS)
    assert speech.characters == len(NEWS)
    (request,) = service.requests
    assert request.query["output_format"] == ["pcm_24000"]
    assert json.loads(request.body) == {"text": NEWS, "model_id": "eleven_multilingual_v2", "voice_settings": {"speed": 1.2}}


@pytest.mark.parametrize(
    ("overrides", "then", "expected"),
    [
        ({"elevenlabs_api_key": "bad-key"}, [], "refused the key.*KHULASA_ELEVENLABS_API_KEY"),
        ({"elevenlabs_voice_id": "nobody"}, [], "no voice 'nobody'.*KHULASA_ELEVENLABS_VOICE_ID"),
        ({}, [detail(401, "quota_exceeded", "This request exceeds your quota.")], "character quota is used up"),
        ({"tts_attempts": 1}, [detail(429, "too_many_concurrent_requests", "busy")], "limiting requests"),
        ({}, [(200, {}, b'{"alignment": null}')], "without readable audio_base64"),
    ],
)
def test_errors_are_one_sentence_naming_what_to_fix(
    service: FakeService, overrides: dict[str, Any], then: list[Answer], expected: str
) -> None:
    service.answer = elevenlabs
    service.then = then
    with pytest.raises(SpeechError, match=expected):
        voice_named("elevenlabs", settings_for(service, **overrides)).synthesize(NEWS)


def test_a_busy_answer_is_tried_again(service: FakeService) -> None:
    service.answer = elevenlabs
    service.then = [detail(429, "too_many_concurrent_requests", "busy")]
    assert len(voice_named("elevenlabs", settings_for(service)).synthesize(NEWS).words) == len(NEWS.split())
    assert len(service.requests) == 2


def test_key_and_voice_are_required() -> None:
    with pytest.raises(ConfigError, match="KHULASA_ELEVENLABS_API_KEY"):
        voice_named("elevenlabs", config.load(environ={}))
    with pytest.raises(ConfigError, match="KHULASA_ELEVENLABS_VOICE_ID"):
        voice_named("elevenlabs", config.load(environ={}, elevenlabs_api_key="k"))
