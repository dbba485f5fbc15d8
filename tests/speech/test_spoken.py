"""The spoken-piece cache on disk: keys that change with what the audio depends on, a size bound, damaged files."""

from __future__ import annotations

import os
from dataclasses import replace
from pathlib import Path

import numpy as np

from khulasa import config
from khulasa.speech import spoken

TEXT = "أعلنت وزارة الصحة افتتاح مستشفى جديد في مدينة الزرقاء"


def test_the_speech_key_follows_the_text_the_voice_and_the_diacritizer() -> None:
    settings = config.load(environ={})
    key = spoken.speech_key(TEXT, settings)
    assert spoken.speech_key(TEXT, replace(settings, bullets=3, loudness_lufs=-18.0)) == key  # not voice settings
    assert spoken.speech_key(TEXT + " اليوم", settings) != key
    assert spoken.speech_key(TEXT, replace(settings, speed=1.2)) != key
    assert spoken.speech_key(TEXT, replace(settings, voice="piper")) != key
    assert spoken.speech_key(TEXT, replace(settings, diacritizer="none")) != key


def test_the_piece_key_follows_loudness_rate_and_the_pause_after() -> None:
    key = spoken.piece_key("a" * 64, -16.0, 24_000, 14_400, True)
    assert spoken.piece_key("a" * 64, -16.0, 24_000, 14_400, True) == key
    others = [
        spoken.piece_key("b" * 64, -16.0, 24_000, 14_400, True),
        spoken.piece_key("a" * 64, -18.0, 24_000, 14_400, True),
        spoken.piece_key("a" * 64, -16.0, 22_050, 14_400, True),
        spoken.piece_key("a" * 64, -16.0, 24_000, 0, True),
        spoken.piece_key("a" * 64, -16.0, 24_000, 14_400, False),
    ]
    assert key not in others and len(set(others)) == len(others)


def test_an_entry_comes_back_as_it_was_kept(tmp_path: Path) -> None:
    cache = spoken.SpokenCache(tmp_path, 10_000_000)
    cache.put("ab" * 32, {"samples": np.arange(5, dtype=np.float32), "script": np.str_(TEXT)})
    entry = cache.get("ab" * 32, ("samples", "script"))
    assert entry is not None and entry["samples"].tolist() == [0, 1, 2, 3, 4] and str(entry["script"]) == TEXT
    assert cache.get("cd" * 32, ("samples",)) is None
    assert cache.get("ab" * 32, ("samples", "words")) is None  # an entry of another layout is no entry


def test_a_damaged_entry_is_deleted_not_read(tmp_path: Path) -> None:
    cache = spoken.SpokenCache(tmp_path, 10_000_000)
    cache.put("ab" * 32, {"samples": np.zeros(1000, dtype=np.float32)})
    (path,) = tmp_path.glob("*/*.npz")
    path.write_bytes(path.read_bytes()[:300])
    assert cache.get("ab" * 32, ("samples",)) is None
    assert not path.exists()


def test_the_least_recently_used_entries_go_when_the_folder_is_full(tmp_path: Path) -> None:
    cache = spoken.SpokenCache(tmp_path, 3 * 4_500)  # room for three entries of ~4 kB
    keys = [f"{n:02d}" * 32 for n in range(4)]
    for age, key in enumerate(keys[:3]):
        cache.put(key, {"samples": np.zeros(1000, dtype=np.float32)})
        os.utime(tmp_path / key[:2] / f"{key}.npz", (1_000_000 + age, 1_000_000 + age))
    assert cache.get(keys[0], ("samples",)) is not None  # read now: the most recently used
    cache.put(keys[3], {"samples": np.zeros(1000, dtype=np.float32)})
    kept = {path.stem for path in tmp_path.glob("*/*.npz")}
    assert kept == {keys[0], keys[2], keys[3]}  # keys[1], the least recently used, went


def test_the_cache_is_off_at_zero_megabytes(tmp_path: Path) -> None:
    settings = replace(config.load(environ={}), data_dir=str(tmp_path))
    assert spoken.open_cache(replace(settings, speech_cache_mb=0)) is None
    opened = spoken.open_cache(settings)
    assert opened is not None and opened.root == tmp_path / "cache" / "spoken"
