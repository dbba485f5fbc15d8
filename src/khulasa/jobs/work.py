"""The work of one job: summarize the article, narrate the summary, keep the files.

Only the library's public API is used (``pipeline.summarize`` and
``pipeline.narrate``). When the voice's optional dependencies are missing,
or the voice crashed on this text (in its own process, see
:mod:`khulasa.isolation`), the summary is still stored and the item says
why it has no audio.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from khulasa import pipeline, render
from khulasa.config import Settings
from khulasa.errors import MissingDependency, NativeCrash
from khulasa.jobs.metrics import StageTimes
from khulasa.model import Article, Narration
from khulasa.store.articles import StoredFile
from khulasa.store.blobs import BlobStore

AUDIO_FORMATS = ("mp3", "ogg")


@dataclass(frozen=True)
class Made:
    """What a job produced, ready to be recorded."""

    summary: dict[str, Any]
    """The summary as plain data (bullets with source sentences, engine, guard)."""
    narration: dict[str, Any] | None
    """Duration, voice, loudness and timings of the audio, or None without audio."""
    files: list[StoredFile]
    """The stored audio and timing files."""
    audio_note: str | None
    """Why there is no audio, when there is none."""
    audio_error: str | None = None
    """The error code when the audio failed for good on this text ("native_crash"): recorded on the job, counted in /metrics."""


def make(
    article: Article, settings: Settings, blobs: BlobStore, times: StageTimes, wanted: Callable[[], bool] = lambda: True
) -> Made | None:
    """Article → summary and audio, each stage timed into ``times``.

    ``wanted`` is asked before the audio, the costly part: None comes back
    when the article was edited again or deleted meanwhile, so no voice time
    is spent on text nobody will read.
    """
    started = time.perf_counter()
    summary = pipeline.summarize(article, settings)
    times.observe("summarize", time.perf_counter() - started)
    if not wanted():
        return None
    started = time.perf_counter()
    try:
        narration = pipeline.narrate(summary, settings, AUDIO_FORMATS)
    except MissingDependency as exc:
        return Made(render.as_dict(summary), None, [], f"audio is not available: {exc.message}")
    except NativeCrash as exc:
        # Quarantined: the same text would crash the voice again, so the box is kept without audio
        # and the job is not retried; a new version of the text is a new job.
        return Made(render.as_dict(summary), None, [], f"no audio: {exc.message}", exc.code)
    times.observe("narrate", time.perf_counter() - started)
    times.count_characters(narration.voice, narration.characters)
    started = time.perf_counter()
    stored = [_keep(blobs, f.data, f.extension, f.media_type) for f in narration.files]
    stored.extend(_timing_files(narration, blobs))
    times.observe("store", time.perf_counter() - started)
    return Made(render.as_dict(summary), _narration_dict(narration), stored, None)


def _keep(blobs: BlobStore, data: bytes, extension: str, media_type: str) -> StoredFile:
    return StoredFile(extension, media_type, blobs.put(data, extension), len(data))


def _timing_files(narration: Narration, blobs: BlobStore) -> list[StoredFile]:
    from khulasa.speech import timings

    return [
        _keep(blobs, timings.as_json(narration).encode("utf-8"), "json", "application/json"),
        _keep(blobs, timings.as_webvtt(narration).encode("utf-8"), "vtt", "text/vtt; charset=utf-8"),
    ]


def _narration_dict(narration: Narration) -> dict[str, Any]:
    return {
        "duration": narration.duration,
        "voice": narration.voice,
        "loudness": narration.loudness,
        "true_peak": narration.true_peak,
        "characters_sent": narration.characters,
        "segments": [
            {"kind": s.kind, "index": s.index, "text": s.text, "start": s.start, "end": s.end} for s in narration.segments
        ],
    }
