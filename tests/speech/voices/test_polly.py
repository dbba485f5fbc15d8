"""Voice "polly" through boto3 against a loopback Polly: POST /v1/speech (SynthesizeSpeech), PCM audio, word speech marks.

moto's Polly answers eight zero bytes and refuses word marks for plain text
(which the real service allows), so the fake here follows Polly's own
documentation instead: signed JSON requests, raw 16-bit PCM, marks as JSON
lines, errors named in ``x-amzn-ErrorType``.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest

from khulasa import config
from khulasa.config import Settings
from khulasa.errors import ConfigError, SpeechError
from khulasa.speech.voices import voice_named
from tests.speech.voices.conftest import NEWS, Answer, FakeService, Request, pcm_bytes, tone

WORD_SECONDS = 0.1
NEURAL_ARABIC = {"Hala", "Zayd"}


def error(code: str, message: str, status: int = 400) -> Answer:
    return status, {"x-amzn-ErrorType": code, "Content-Type": "application/json"}, json.dumps({"message": message}).encode()


def polly(request: Request) -> Answer:
    """SynthesizeSpeech as documented, for the neural engine."""
    if request.path != "/v1/speech":
        return 404, {}, b""
    if "Credential=AKIDKHULASA/" not in request.headers.get("authorization", ""):
        return error("UnrecognizedClientException", "The security token included in the request is invalid.", 403)
    body = json.loads(request.body)
    if body["VoiceId"] not in NEURAL_ARABIC or body["Engine"] != "neural":
        return error("ValidationException", f"1 validation error detected: Value '{body['VoiceId']}' at 'voiceId' failed")
    text = re.sub(r"<[^>]+>", "", body["Text"]) if body.get("TextType") == "ssml" else body["Text"]
    words = re.finditer(r"\S+", text)
    if body["OutputFormat"] == "json":
        marks = []
        for index, word in enumerate(words):
            start = len(text[: word.start()].encode())
            mark = {"time": round(index * WORD_SECONDS * 1000), "type": "word", "start": start, "value": word.group()}
            marks.append(json.dumps({**mark, "end": start + len(word.group().encode())}))
        return 200, {"Content-Type": "application/x-json-stream"}, "\n".join(marks).encode()
    rate = int(body["SampleRate"])
    audio = pcm_bytes(tone(WORD_SECONDS * len(text.split()), rate))
    return 200, {"Content-Type": "audio/pcm", "x-amzn-RequestCharacters": str(len(text))}, audio


@pytest.fixture(autouse=True)
def aws_credentials(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("AWS_ACCESS_KEY_ID", "AKIDKHULASA")
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", "secret")
    monkeypatch.setenv("AWS_CONFIG_FILE", str(tmp_path / "none"))
    monkeypatch.setenv("AWS_SHARED_CREDENTIALS_FILE", str(tmp_path / "none"))
    monkeypatch.setenv("AWS_EC2_METADATA_DISABLED", "true")
    for name in ("AWS_SESSION_TOKEN", "AWS_PROFILE", "AWS_DEFAULT_REGION"):
        monkeypatch.delenv(name, raising=False)


def settings_for(service: FakeService, **overrides: Any) -> Settings:
    values = {"voice": "polly", "polly_endpoint": service.url, "polly_region": "eu-central-1"}
    return config.load(environ={}, **{**values, **overrides})


def test_audio_and_word_marks_are_asked_for_and_joined(service: FakeService) -> None:
    service.answer = polly
    speech = voice_named("polly", settings_for(service)).synthesize(NEWS)
    assert speech.sample_rate == 16_000
    assert len(speech.samples) == round(WORD_SECONDS * len(NEWS.split()) * 16_000)
    assert [NEWS[w.start_char : w.end_char] for w in speech.words] == NEWS.split()
    assert [round(w.start, 3) for w in speech.words] == [round(i * WORD_SECONDS, 3) for i in range(len(NEWS.split()))]
    assert speech.characters == 2 * len(NEWS)  # the marks request is billed too
    audio, marks = (json.loads(r.body) for r in service.requests)
    assert audio == {
        "Engine": "neural",
        "VoiceId": "Hala",
        "SampleRate": "16000",
        "Text": NEWS,
        "TextType": "text",
        "OutputFormat": "pcm",
    }
    assert marks["OutputFormat"] == "json" and marks["SpeechMarkTypes"] == ["word"]


def test_speed_goes_in_ssml_prosody(service: FakeService) -> None:
    service.answer = polly
    speech = voice_named("polly", settings_for(service, speed=1.5, polly_voice="Zayd")).synthesize("قَالَ الوَزِيرُ <نَعَمْ>")
    request = json.loads(service.requests[0].body)
    assert request["TextType"] == "ssml"
    assert request["Text"] == '<speak><prosody rate="150%">قَالَ الوَزِيرُ &lt;نَعَمْ&gt;</prosody></speak>'
    assert len(speech.words) == 3


def test_throttling_is_tried_again_by_botocore(service: FakeService) -> None:
    service.answer = polly
    service.then = [error("ThrottlingException", "Rate exceeded")]
    assert len(voice_named("polly", settings_for(service)).synthesize(NEWS).samples) > 0
    assert len(service.requests) == 3


@pytest.mark.parametrize(
    ("overrides", "then", "expected"),
    [
        ({"polly_voice": "Zeina"}, [], "no neural voice 'Zeina'.*Hala or Zayd"),
        ({"tts_attempts": 1}, [error("ThrottlingException", "Rate exceeded")], "kept throttling"),
        ({}, [error("UnrecognizedClientException", "The security token is invalid.", 403)], "refused the AWS credentials"),
    ],
)
def test_errors_are_one_sentence_naming_what_to_fix(
    service: FakeService, overrides: dict[str, Any], then: list[Answer], expected: str
) -> None:
    service.answer = polly
    service.then = then
    with pytest.raises(SpeechError, match=expected):
        voice_named("polly", settings_for(service, **overrides)).synthesize(NEWS)


def test_no_credentials_is_a_setting_error(service: FakeService, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("AWS_ACCESS_KEY_ID")
    monkeypatch.delenv("AWS_SECRET_ACCESS_KEY")
    with pytest.raises(ConfigError, match="no AWS credentials"):
        voice_named("polly", settings_for(service)).synthesize(NEWS)
