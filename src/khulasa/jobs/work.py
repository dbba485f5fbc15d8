"""The work of one job: summarize the article, narrate the summary (and/or the whole article), keep the files.

Only the library's public API is used (``pipeline.summarize`` and
``pipeline.narrate``). When the voice's optional dependencies are missing,
or the voice crashed on this text (in its own process, see
:mod:`khulasa.isolation`), the summary is still stored and the item says
why it has no audio.
"""

from __future__ import annotations

import contextlib
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from khulasa import pipeline, render
from khulasa.config import Settings
from khulasa.errors import InputError, MissingDependency, NativeCrash
from khulasa.jobs.metrics import StageTimes
from khulasa.model import Article, Bullet, Narration, Summary
from khulasa.speech.lexicon import NO_LEXICON, Lexicon
from khulasa.store.articles import StoredFile
from khulasa.store.blobs import BlobStore

AUDIO_FORMATS = ("mp3", "ogg")


def article_formats(settings: Settings) -> tuple[str, ...]:
    """The whole article's encodings (``KHULASA_ARTICLE_FORMATS``), MP3 first: the summary's are always both."""
    chosen = settings.article_formats.replace(" ", "").split(",")
    return tuple(f for f in AUDIO_FORMATS if f in chosen)


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
    article_narration: dict[str, Any] | None = None
    """The whole article's audio: duration, voice, loudness (timings are in its JSON file), or {"unavailable": why}."""


def make(
    article: Article,
    settings: Settings,
    blobs: BlobStore,
    times: StageTimes,
    wanted: Callable[[], bool] = lambda: True,
    lexicon: Lexicon = NO_LEXICON,
    made_summary: dict[str, Any] | None = None,
    given: dict[str, Any] | None = None,
    article_audio: tuple[dict[str, Any], list[StoredFile]] | None = None,
) -> Made | None:
    """Article → summary and audio, each stage timed into ``times``.

    ``given`` is a summary an editor wrote (as stored): it is kept as it is
    and only read aloud, so an edit never comes back as the engine's bullets.
    ``article_audio`` is the whole article's audio already made for the same
    text (figures and files): kept instead of reading the article again.

    ``settings.narrate`` says which audio: the summary's, the whole
    article's (:func:`_article_audio`, streamed through files), or both.
    Both are read with the pronunciation dictionary ``lexicon``, whose
    version the narrations record (``"lexicon"``).

    ``made_summary``, the version's stored summary, is read aloud as it is
    instead of summarizing again: the audio is made again (a dictionary
    change), the box is not.

    ``wanted`` is asked before the audio, the costly part: None comes back
    when the article was edited again or deleted meanwhile, so no voice time
    is spent on text nobody will read.
    """
    stored_summary = given if given is not None else made_summary
    if stored_summary is None:
        started = time.perf_counter()
        made = pipeline.summarize(article, settings)
        times.observe("summarize", time.perf_counter() - started)
        summary, as_data = made, render.as_dict(made)
    else:
        summary, as_data = _summary_of(stored_summary), stored_summary
    if not wanted():
        return None
    stored: list[StoredFile] = []
    article_narration = None
    if settings.narrate in ("article", "both"):
        article_narration, kept = article_audio or _article_audio(article, settings, blobs, times, lexicon)
        stored += kept
    if settings.narrate == "article":
        return Made(as_data, None, stored, None, None, article_narration)
    started = time.perf_counter()
    try:
        narration = pipeline.narrate(summary, settings, AUDIO_FORMATS, lexicon)
    except MissingDependency as exc:
        return Made(as_data, None, stored, f"audio is not available: {exc.message}", None, article_narration)
    except NativeCrash as exc:
        # Quarantined: the same text would crash the voice again, so the box is kept without audio
        # and the job is not retried; a new version of the text is a new job.
        return Made(as_data, None, stored, f"no audio: {exc.message}", exc.code, article_narration)
    times.observe("narrate", time.perf_counter() - started)
    times.count_characters(narration.voice, narration.characters)
    started = time.perf_counter()
    stored += [_keep(blobs, f.data, f.extension, f.media_type) for f in narration.files]
    stored.extend(_timing_files(narration, blobs))
    times.observe("store", time.perf_counter() - started)
    return Made(as_data, {**_narration_dict(narration), "lexicon": lexicon.version}, stored, None, None, article_narration)


def _summary_of(data: dict[str, Any]) -> Summary:
    """A stored summary's bullets as a Summary to read aloud (the sentences they cite are not needed for that)."""
    bullets = tuple(Bullet(b["text"], tuple(b.get("sources", ()))) for b in data.get("bullets", []))
    return Summary(bullets, (), str(data.get("engine", "")))


def _article_audio(
    article: Article, settings: Settings, blobs: BlobStore, times: StageTimes, lexicon: Lexicon = NO_LEXICON
) -> tuple[dict[str, Any], list[StoredFile]]:
    """The whole article read aloud and kept: its narration's figures and its files.

    The audio is encoded into temporary files as it is made and handed to
    the blob store as files, so a 10,000-word article costs the worker the
    same memory as a short one. What stops the article audio (no voice
    installed, a voice crash, nothing readable) is said in
    ``{"unavailable": why}``; the summary goes on regardless.
    """
    from khulasa.speech import timings
    from khulasa.speech.audio import FORMATS

    started = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="khulasa-article-") as folder:
        formats = article_formats(settings)
        paths = [Path(folder) / f"article.{extension}" for extension in formats]
        try:
            with contextlib.ExitStack() as opened:
                sinks = [opened.enter_context(path.open("w+b")) for path in paths]
                narration = pipeline.narrate_article(article, settings, formats, sinks, lexicon)
        except (MissingDependency, NativeCrash, InputError) as exc:
            return {"unavailable": f"no audio of the whole article: {exc.message}"}, []
        times.observe("narrate_article", time.perf_counter() - started)
        times.count_characters(narration.voice, narration.characters)
        started = time.perf_counter()
        written = [
            (extension, FORMATS[extension], path.stat().st_size) for extension, path in zip(formats, paths, strict=True)
        ]
        stored = [
            StoredFile(extension, media_type, blobs.put_file(path, extension), size, "article")
            for (extension, media_type, size), path in zip(written, paths, strict=True)
        ]
    for data, extension, media_type in (
        (timings.as_json(narration, written), "json", "application/json"),
        (timings.as_webvtt(narration), "vtt", "text/vtt; charset=utf-8"),
    ):
        encoded = data.encode("utf-8")
        stored.append(StoredFile(extension, media_type, blobs.put(encoded, extension), len(encoded), "article"))
    times.observe("store", time.perf_counter() - started)
    figures = _narration_dict(narration)
    del figures["segments"]
    figures["paragraphs"] = sum(1 for s in narration.segments if s.kind == "paragraph")
    figures["lexicon"] = lexicon.version
    return figures, stored


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
