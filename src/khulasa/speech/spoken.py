"""The spoken-piece cache: each bullet's speech and finished audio kept on disk, so an edit re-makes only what changed.

Two kinds of entry, each one ``.npz`` file named by the SHA-256 of its key:

- **speech**, keyed by the text exactly as it reaches the diacritizer
  (verbalized, through the pronunciation dictionary, made speakable), every
  voice setting (:data:`~khulasa.speech.voices.VOICE_SETTINGS`), the
  diacritizer's name and :data:`CACHE_VERSION`: the diacritized script, the
  voice's samples (16-bit when that loses nothing, as a voice's own output
  does not) and word timings, and the voice's name. A hit skips the
  diacritizer and the voice, the part that costs money with a cloud voice
  (and a hit counts no characters sent).
- **piece**, keyed by the speech key plus what mastering and encoding
  depend on (loudness target, the box's sample rate, the silence after the
  bullet, whether Ogg is made): the bullet mastered to the loudness target
  and, when Ogg is asked for, its Opus packets (see
  :mod:`khulasa.speech.audio.splicing`). A hit skips mastering and Opus,
  which cost more than the voice for espeak.

The cache lives in the data folder (``cache/spoken/``), not the blob store:
blobs are named by their content, so finding one by its key would need an
index kept beside them; a bucket's round trip per bullet costs as much as
making a short bullet again with a local voice; and an entry is only ever a
saving, never the record (losing the folder costs time, not data). Each
machine therefore warms its own cache.

The folder is bounded by ``Settings.speech_cache_mb``: after each write,
when the entries add up to more, the least recently used go (a hit touches
its file). 0 turns the cache off. An entry that cannot be read (cut short,
damaged, from another layout) is deleted and made again, never trusted.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import tempfile
import zipfile
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np
import numpy.typing as npt

from khulasa.config import Settings
from khulasa.errors import ConfigError

if TYPE_CHECKING:
    from khulasa.speech.audio.pieces import Piece
    from khulasa.speech.voices import Speech

CACHE_VERSION = 1
"""Bumped whenever the code that makes an entry changes what it holds (verbalizer, mastering, the layout itself)."""

Arrays = dict[str, npt.NDArray[Any]]


def speech_key(text: str, settings: Settings) -> str:
    """The key of the speech for ``text`` (as the diacritizer receives it) under these settings."""
    from khulasa.speech.voices import VOICE_SETTINGS

    voice = {name: getattr(settings, name) for name in VOICE_SETTINGS}
    fields = {"kind": "speech", "version": CACHE_VERSION, "text": text, "voice": voice, "diacritizer": settings.diacritizer}
    return _digest(fields)


def piece_key(speech: str, target_lufs: float, rate: int, silence_after: int, ogg: bool) -> str:
    """The key of a bullet's mastered (and Opus-encoded) audio made from the speech under key ``speech``."""
    return _digest(
        {
            "kind": "piece",
            "version": CACHE_VERSION,
            "speech": speech,
            "target": target_lufs,
            "rate": rate,
            "after": silence_after,
            "ogg": ogg,
        }
    )


def _digest(fields: Mapping[str, Any]) -> str:
    return hashlib.sha256(json.dumps(fields, sort_keys=True, ensure_ascii=False, default=str).encode("utf-8")).hexdigest()


class SpokenCache:
    """Entries as ``<root>/<first two hex digits>/<key>.npz``, at most ``limit`` bytes in all."""

    def __init__(self, root: Path, limit: int) -> None:
        self.root = root
        self.limit = limit
        self.written = 0
        """Entries written by this cache object: how the tests and the benchmark see what was made again."""

    def _path(self, key: str) -> Path:
        return self.root / key[:2] / f"{key}.npz"

    def get(self, key: str, fields: tuple[str, ...]) -> Arrays | None:
        """The entry under ``key`` with all of ``fields``, or None (a damaged entry is deleted)."""
        path = self._path(key)
        try:
            with path.open("rb") as handle, np.load(handle, allow_pickle=False) as stored:
                entry = {name: stored[name] for name in fields}
        except FileNotFoundError:
            return None
        except (OSError, ValueError, KeyError, EOFError, zipfile.BadZipFile):
            path.unlink(missing_ok=True)
            return None
        with contextlib.suppress(OSError):
            os.utime(path)  # used now: the last to go when the folder is trimmed
        return entry

    def put(self, key: str, entry: Mapping[str, npt.ArrayLike]) -> None:
        """Keep ``entry`` under ``key`` (written beside, then renamed); a full or read-only disk only loses the saving."""
        path = self._path(key)
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-", suffix=".npz")
            try:
                with os.fdopen(fd, "wb") as handle:
                    arrays: dict[str, Any] = {name: np.asarray(value) for name, value in entry.items()}
                    np.savez(handle, **arrays)
                os.replace(tmp, path)
            except BaseException:
                Path(tmp).unlink(missing_ok=True)
                raise
        except OSError:
            return
        self.written += 1
        self.trim()

    def trim(self) -> None:
        """Delete the least recently used entries until the folder holds at most ``limit`` bytes."""
        entries: list[tuple[float, int, Path]] = []
        try:
            for folder in os.scandir(self.root):
                if folder.is_dir():
                    for file in os.scandir(folder.path):
                        if file.name.endswith(".npz") and not file.name.startswith("."):
                            info = file.stat()
                            entries.append((info.st_mtime, info.st_size, Path(file.path)))
        except OSError:
            return
        total = sum(size for _, size, _ in entries)
        for _, size, path in sorted(entries, key=lambda entry: entry[0]):
            if total <= self.limit:
                break
            path.unlink(missing_ok=True)
            total -= size


def open_cache(settings: Settings) -> SpokenCache | None:
    """The cache in the settings' data folder, or None when it is turned off or the folder cannot be made."""
    if settings.speech_cache_mb <= 0:
        return None
    from khulasa.config import data_dir

    try:
        root = data_dir(settings) / "cache" / "spoken"
    except ConfigError:
        return None
    return SpokenCache(root, settings.speech_cache_mb * 1024 * 1024)


# ---------------------------------------------------------------- what an entry holds


def read_speech(cache: SpokenCache | None, key: str) -> tuple[str, Speech, str] | None:
    """The cached (script, speech, voice name) under ``key``, or None."""
    if cache is None:
        return None
    from khulasa.speech.voices import Speech, WordTiming

    entry = cache.get(key, ("script", "samples", "rate", "words", "voice"))
    if entry is None or entry["words"].ndim != 2 or entry["words"].shape[1] != 4:
        return None
    words = tuple(WordTiming(int(a), int(b), float(c), float(d)) for a, b, c, d in entry["words"].tolist())
    samples = entry["samples"]
    if samples.dtype == np.int16:
        samples = samples.astype(np.float32) / np.float32(32768.0)
    # characters=0: a paid voice billed these when they were made; read from the cache, nothing is sent
    speech = Speech(samples.astype(np.float32, copy=False), int(entry["rate"]), words, 0)
    return str(entry["script"]), speech, str(entry["voice"])


def keep_speech(cache: SpokenCache, key: str, script: str, speech: Speech, voice_name: str) -> None:
    """Cache what the voice made; samples as 16-bit when that loses nothing (a voice's own output is 16-bit)."""
    samples = speech.samples
    as_int = np.round(samples * np.float32(32768.0))
    if np.all(np.abs(as_int) <= 32767) and np.array_equal(as_int / np.float32(32768.0), samples):
        samples = as_int.astype(np.int16)
    words = np.array([(w.start_char, w.end_char, w.start, w.end) for w in speech.words], dtype=np.float64).reshape(-1, 4)
    cache.put(
        key,
        {
            "script": np.str_(script),
            "samples": samples,
            "rate": speech.sample_rate,
            "words": words,
            "voice": np.str_(voice_name),
        },
    )


def read_piece(cache: SpokenCache | None, key: str, after: int, length: int, ogg: bool) -> Piece | None:
    """The cached piece under ``key`` when it is whole and fits what is asked (its length, its Opus packets), or None."""
    if cache is None:
        return None
    from khulasa.errors import SpeechError
    from khulasa.speech.audio import splicing
    from khulasa.speech.audio.pieces import Piece

    entry = cache.get(key, ("samples", "loudness", "true_peak", "ogg", "ogg_peak"))
    if entry is None or len(entry["samples"]) != length or entry["samples"].dtype != np.float32 or ogg != bool(len(entry["ogg"])):
        return None
    packets = entry["ogg"].tobytes()
    if ogg:
        try:
            splicing.parse(packets)  # every page's checksum: a damaged piece is made again, not spliced in
        except SpeechError:
            return None
    return Piece(entry["samples"], after, float(entry["loudness"]), float(entry["true_peak"]), packets, float(entry["ogg_peak"]))


def keep_piece(cache: SpokenCache, key: str, piece: Piece) -> None:
    """Cache a bullet mastered alone, with its Opus packets (none when no Ogg is made)."""
    cache.put(
        key,
        {
            "samples": piece.samples,
            "loudness": piece.loudness,
            "true_peak": piece.true_peak,
            "ogg": np.frombuffer(piece.ogg, dtype=np.uint8),
            "ogg_peak": piece.ogg_peak,
        },
    )
