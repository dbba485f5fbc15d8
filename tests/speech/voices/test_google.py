"""Voice "google" against a loopback Google Text-to-Speech: v1beta1 text:synthesize, SSML marks, base64 WAV, timepoints."""

from __future__ import annotations

import base64
import json
import re
import xml.etree.ElementTree as ET
from typing import Any

import pytest

from khulasa import config
from khulasa.config import Settings
from khulasa.errors import ConfigError, SpeechError
from khulasa.speech.voices import voice_named
from tests.speech.voices.conftest import NEWS, Answer, FakeService, Request, tone, wav_bytes

WORD_SECONDS = 0.1


def problem(code: int, status: str, message: str) -> Answer:
    body = {"error": {"code": code, "message": message, "status": status}}
    return code, {"Content-Type": "application/json"}, json.dumps(body).encode()


def google(request: Request) -> Answer:
    """text:synthesize as documented: every mark's time in timepoints, LINEAR16 as base64 audioContent (a WAV)."""
    if request.path != "/v1beta1/text:synthesize":
        return 404, {}, b""
    if request.headers.get("x-goog-api-key") != "good-key":
        return problem(400, "INVALID_ARGUMENT", "API key not valid. Please pass a valid API key.")
    body = json.loads(request.body)
    if not body["voice"]["name"].startswith("ar-XA-"):
        return problem(400, "INVALID_ARGUMENT", f"Voice '{body['voice']['name']}' does not exist.")
    ssml = body["input"]["ssml"]
    if len(ssml.encode()) > 5000:
        return problem(400, "INVALID_ARGUMENT", "Either `input.text` or `input.ssml` is longer than the limit of 5000 bytes.")
    root = ET.fromstring(ssml)
    timepoints, seconds = [], 0.0
    for node in root.iter():
        if node.tag == "mark":
            timepoints.append({"markName": node.get("name"), "timeSeconds": seconds})
        seconds += WORD_SECONDS * len((node.tail or "").split() if node.tag == "mark" else (node.text or "").split())
    rate = body["audioConfig"]["sampleRateHertz"]
    audio = base64.b64encode(wav_bytes(tone(seconds / body["audioConfig"]["speakingRate"], rate), rate)).decode()
    answer = {"audioContent": audio, "timepoints": timepoints, "audioConfig": body["audioConfig"]}
    return 200, {"Content-Type": "application/json"}, json.dumps(answer).encode()


def settings_for(service: FakeService, **overrides: Any) -> Settings:
    values = {"voice": "google", "google_tts_api_key": "good-key", "google_endpoint": service.url}
    return config.load(environ={}, **{**values, **overrides})


def test_each_word_is_timed_by_its_mark(service: FakeService) -> None:
    service.answer = google
    speech = voice_named("google", settings_for(service)).synthesize(NEWS)
    assert speech.sample_rate == 24_000
    assert [NEWS[w.start_char : w.end_char] for w in speech.words] == re.findall(r"\S+", NEWS)
    assert [round(w.start, 3) for w in speech.words] == [round(i * WORD_SECONDS, 3) for i in range(len(NEWS.split()))]
    assert speech.characters == len(NEWS)
    (request,) = service.requests
    body = json.loads(request.body)
    assert body["enableTimePointing"] == ["SSML_MARK"]
    assert body["voice"] == {"languageCode": "ar-XA", "name": "ar-XA-Wavenet-B"}
    assert body["audioConfig"]["audioEncoding"] == "LINEAR16"


def test_a_long_script_is_sent_in_pieces_under_5000_bytes_with_timings_joined(service: FakeService) -> None:
    service.answer = google
    script = " ".join([NEWS] * 12)
    speech = voice_named("google", settings_for(service)).synthesize(script)
    assert len(service.requests) > 1
    assert all(len(json.loads(r.body)["input"]["ssml"].encode()) <= 5000 for r in service.requests)
    assert all(json.loads(r.body)["input"]["ssml"].endswith(("؟</speak>", ".</speak>", "!</speak>")) for r in service.requests)
    assert [script[w.start_char : w.end_char] for w in speech.words] == script.split()
    starts = [w.start for w in speech.words]
    assert starts == sorted(starts) and speech.words[-1].end == pytest.approx(len(speech.samples) / 24_000)
    assert speech.characters == len(script) - (len(service.requests) - 1)  # every character but the spaces between pieces


@pytest.mark.parametrize(
    ("overrides", "then", "expected"),
    [
        ({"google_tts_api_key": "bad-key"}, [], "refused the key.*KHULASA_GOOGLE_TTS_API_KEY"),
        ({"google_voice": "xx-Nobody"}, [], "no voice 'xx-Nobody'.*KHULASA_GOOGLE_VOICE"),
        ({"tts_attempts": 1}, [problem(429, "RESOURCE_EXHAUSTED", "Quota exceeded")], "quota is exhausted"),
        ({}, [(200, {"Content-Type": "application/json"}, b'{"timepoints": []}')], "without readable audioContent"),
    ],
)
def test_errors_are_one_sentence_naming_what_to_fix(
    service: FakeService, overrides: dict[str, Any], then: list[Answer], expected: str
) -> None:
    service.answer = google
    service.then = then
    with pytest.raises(SpeechError, match=expected):
        voice_named("google", settings_for(service, **overrides)).synthesize(NEWS)


def test_an_api_key_is_required() -> None:
    with pytest.raises(ConfigError, match="KHULASA_GOOGLE_TTS_API_KEY"):
        voice_named("google", config.load(environ={}))
