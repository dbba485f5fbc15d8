"""Voices: each turns a speakable, diacritized script into audio samples and timings.

A voice is chosen by name in the settings and meets the small :class:`Voice`
protocol, so the pipeline never knows which engine speaks.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Protocol

from khulasa.config import Settings
from khulasa.errors import ConfigError

if TYPE_CHECKING:
    import numpy as np
    import numpy.typing as npt


@dataclass(frozen=True)
class WordTiming:
    """Where one word of the script is heard in the samples."""

    start_char: int
    """Offset of the word's first character in the script."""
    end_char: int
    """Offset just past the word's last character in the script."""
    start: float
    """Start time in seconds from the beginning of the samples."""
    end: float
    """End time in seconds."""


@dataclass(frozen=True)
class Speech:
    """Raw speech for one script: mono float samples in [-1, 1] and word timings."""

    samples: npt.NDArray[np.float32]
    """Mono samples, float32, in [-1, 1]."""
    sample_rate: int
    """Samples per second."""
    words: tuple[WordTiming, ...] = ()
    """Word timings, where the voice reports them; empty otherwise."""
    characters: int = 0
    """Characters of script sent to a paid speech service for this speech (what it bills for); 0 for local voices."""


class Voice(Protocol):
    """What every voice offers."""

    name: str

    def synthesize(self, script: str) -> Speech:
        """Speak ``script`` (verbalized and diacritized Arabic) and return the samples."""
        ...


VOICE_SETTINGS = (
    "voice",
    "speed",
    "data_dir",
    "piper_voice",
    "piper_model",
    "tts_base_url",
    "tts_model",
    "tts_voice",
    "tts_api_key",
    "tts_format",
    "tts_timeout",
    "tts_attempts",
    "azure_speech_key",
    "azure_speech_region",
    "azure_voice",
    "azure_endpoint",
    "google_tts_api_key",
    "google_voice",
    "google_endpoint",
    "polly_voice",
    "polly_region",
    "polly_endpoint",
    "elevenlabs_api_key",
    "elevenlabs_voice_id",
    "elevenlabs_model",
    "elevenlabs_endpoint",
)
"""Every setting a voice is built from: settings equal in these give interchangeable voices.

The pipeline keeps built voices by these values alone, so changing any other
setting (bullets, loudness, formats, ...) does not load a voice again; a
voice that reads a setting must have it listed here.
"""


VOICES = ("espeak", "piper", "http", "azure", "google", "polly", "elevenlabs")
"""Every voice by name: local (espeak, piper), any OpenAI-compatible server (http), and four cloud services."""


def voice_named(name: str, settings: Settings) -> Voice:
    """The voice called ``name``, built from ``settings``; heavy imports happen only here."""
    if name == "espeak":
        from khulasa.speech.voices.espeak import EspeakVoice

        return EspeakVoice(settings)
    if name == "piper":
        from khulasa.speech.voices.piper import PiperVoice

        return PiperVoice(settings)
    if name == "http":
        from khulasa.speech.voices.http import HttpVoice

        return HttpVoice(settings)
    if name == "azure":
        from khulasa.speech.voices.azure import AzureVoice

        return AzureVoice(settings)
    if name == "google":
        from khulasa.speech.voices.google import GoogleVoice

        return GoogleVoice(settings)
    if name == "polly":
        from khulasa.speech.voices.polly import PollyVoice

        return PollyVoice(settings)
    if name == "elevenlabs":
        from khulasa.speech.voices.elevenlabs import ElevenLabsVoice

        return ElevenLabsVoice(settings)
    raise ConfigError(f"unknown voice {name!r}; choose one of: {', '.join(VOICES)}.")
