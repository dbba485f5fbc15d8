"""The pipeline keeps built voices by their own settings, and a dropped voice lets go of its connections."""

from __future__ import annotations

import gc
import re
import weakref
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest

from khulasa import config, pipeline
from khulasa.config import Settings
from khulasa.speech.voices import VOICE_SETTINGS
from khulasa.speech.voices.http import HttpVoice

VOICES = Path(pipeline.__file__).parent / "speech" / "voices"


@pytest.fixture(autouse=True)
def empty_cache() -> Iterator[None]:
    pipeline._voice_built.cache_clear()
    yield
    pipeline._voice_built.cache_clear()
    gc.collect()


def http_settings(**changes: object) -> Settings:
    """A speech server that is never called: building an http voice opens no connection."""
    return replace(config.load(environ={}, voice="http", tts_base_url="http://127.0.0.1:9"), **changes)  # type: ignore[arg-type]


def test_a_setting_the_voice_does_not_read_keeps_the_same_voice() -> None:
    settings = config.load(environ={})
    voice = pipeline._voice(settings)
    assert pipeline._voice(replace(settings, bullets=2, loudness_lufs=-18.0, summary_engine="llm")) is voice
    assert pipeline._voice(replace(settings, speed=1.25)) is not voice


def test_a_voice_setting_reaches_the_voice() -> None:
    voice = pipeline._voice(http_settings(tts_voice="nova", speed=0.9))
    assert isinstance(voice, HttpVoice)
    assert (voice.settings.tts_voice, voice.settings.speed, voice.url) == ("nova", 0.9, "http://127.0.0.1:9/v1/audio/speech")


def test_an_evicted_http_voice_closes_its_client_once_nothing_holds_it() -> None:
    first = pipeline._voice(http_settings(tts_voice="v0"))
    assert isinstance(first, HttpVoice)
    client, dropped = first._client, weakref.ref(first)
    held = pipeline._voice(http_settings(tts_voice="held"))
    assert isinstance(held, HttpVoice)
    del first
    for n in range(1, 6):  # more voices than the cache keeps: both above are evicted
        pipeline._voice(http_settings(tts_voice=f"v{n}"))
    gc.collect()
    assert dropped() is None and client.is_closed
    assert not held._client.is_closed  # a job still speaking with it keeps it open
    held.close()
    assert held._client.is_closed


def test_every_setting_a_voice_reads_is_a_voice_setting() -> None:
    read = set()
    for source in VOICES.glob("*.py"):
        if source.name == "catalogue.py":  # downloads voices; its fetch settings build none
            continue
        read |= set(re.findall(r"\bsettings\.(\w+)", source.read_text(encoding="utf-8")))
    assert read, "the voices read no settings: the scan is broken"
    assert read - {"voice"} <= set(VOICE_SETTINGS)
