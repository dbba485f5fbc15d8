"""Only what changed is made again: a box's bullets are spoken, mastered and encoded one by one and kept.

The voice is the real default one (espeak); what it was asked to say is read
from the cache folder: every entry is written to a new file, so an entry
whose file is the same file as before was not made again.
"""

from __future__ import annotations

import itertools
import zipfile
from dataclasses import replace
from pathlib import Path

import numpy as np
import pytest

from khulasa import config, pipeline
from khulasa.config import Settings
from khulasa.model import Bullet, Narration, Summary
from khulasa.speech import audio
from tests.speech.voices.test_http import SpeechServer, server  # noqa: F401  (the speech server fixture)

BOX = (
    "افتتحت وزارة الصحة الأردنية ثلاثة مستشفيات جديدة في محافظات الجنوب بكلفة بلغت 200 مليون دينار.",
    "وقال وزير الصحة إن المستشفيات تستقبل المرضى ابتداءً من الشهر المقبل بطاقة 450 سريراً.",
    "وتأتي الخطوة ضمن خطة حكومية لتحسين الخدمات الصحية في المناطق النائية حتى عام 2030.",
)
EDITED = "وقال وزير الصحة إن المستشفيات الثلاثة تستقبل المرضى ابتداءً من الأسبوع المقبل بطاقة 500 سرير."
FORMATS = ("mp3", "ogg")


def box(*bullets: str) -> Summary:
    return Summary(tuple(Bullet(text, (i,)) for i, text in enumerate(bullets)), (), "editor")


def settings_in(folder: Path, **changes: object) -> Settings:
    chosen: dict[str, object] = {"data_dir": str(folder), "isolate_native": False, **changes}
    return replace(config.load(environ={}), **chosen)  # type: ignore[arg-type]


def entries(folder: Path) -> dict[str, tuple[str, int]]:
    """Each cache entry: its file name → (what kind it is, the file's inode)."""
    found: dict[str, tuple[str, int]] = {}
    for path in (folder / "cache" / "spoken").glob("*/*.npz"):
        try:
            with path.open("rb") as handle, np.load(handle) as entry:
                kind = "speech" if "script" in entry.files else "piece"
        except (OSError, ValueError, zipfile.BadZipFile):
            kind = "damaged"  # one damaged by a test and never asked for again (its bullet's pause changed)
        found[path.name] = (kind, path.stat().st_ino)
    return found


def speech_scripts(folder: Path) -> dict[str, str]:
    scripts: dict[str, str] = {}
    for path in (folder / "cache" / "spoken").glob("*/*.npz"):
        with np.load(path) as entry:
            if "script" in entry.files:
                scripts[path.name] = str(entry["script"])
    return scripts


def timings(narration: Narration) -> list[tuple[str, int, float, float]]:
    return [(s.kind, s.index, s.start, s.end) for s in narration.segments]


def test_an_edited_bullet_is_the_only_one_spoken_and_mastered_again(tmp_path: Path) -> None:
    settings = settings_in(tmp_path)
    pipeline.narrate(box(*BOX), settings, FORMATS)
    before = entries(tmp_path)
    assert sorted(kind for kind, _ in before.values()) == ["piece"] * 3 + ["speech"] * 3
    scripts_before = speech_scripts(tmp_path)

    pipeline.narrate(box(BOX[0], EDITED, BOX[2]), settings, FORMATS)

    after = entries(tmp_path)
    new = {name: kind for name, (kind, _) in after.items() if name not in before}
    assert sorted(new.values()) == ["piece", "speech"]
    assert all(after[name] == before[name] for name in before)  # the same files: bullets 1 and 3 were not made again
    (spoken,) = (script for name, script in speech_scripts(tmp_path).items() if name not in scripts_before)
    assert "الأسبوع" in audio_free(spoken) and "الشهر" not in audio_free(spoken)


def audio_free(script: str) -> str:
    """The diacritized script without its marks, to find words in it."""
    return "".join(ch for ch in script if not 0x064B <= ord(ch) <= 0x0652)


def test_a_box_from_cached_bullets_is_the_box_made_whole(tmp_path: Path) -> None:
    settings = settings_in(tmp_path)
    pipeline.narrate(box(*BOX), settings, FORMATS)
    edited = pipeline.narrate(box(BOX[0], EDITED, BOX[2]), settings, FORMATS)
    # The same speech mastered, encoded and joined from nothing: every piece entry dropped, the speech kept.
    for path in (tmp_path / "cache" / "spoken").glob("*/*.npz"):
        with np.load(path) as entry:
            piece = "script" not in entry.files
        if piece:
            path.unlink()
    whole = pipeline.narrate(box(BOX[0], EDITED, BOX[2]), settings, FORMATS)

    assert timings(edited) == timings(whole)
    assert edited.duration == whole.duration
    assert [f.data for f in edited.files] == [f.data for f in whole.files]
    assert edited.loudness == pytest.approx(whole.loudness, abs=1e-9)
    for file in edited.files:
        measured = audio.measure(file)
        assert measured.loudness == pytest.approx(-16.0, abs=0.5)
        assert measured.true_peak <= -1.0
    mp3, ogg = edited.files
    samples, rate = audio.decode(ogg.data)
    assert len(samples) == round(edited.duration * rate)  # Opus pieces spliced to the exact length
    assert audio.measure(mp3).duration == pytest.approx(edited.duration, abs=0.1)  # LAME's delay and padding, as ever


def test_the_spliced_ogg_has_each_bullet_where_the_timings_say(tmp_path: Path) -> None:
    settings = settings_in(tmp_path)
    narration = pipeline.narrate(box(*BOX), settings, FORMATS)
    samples, rate = audio.decode(narration.files[1].data)
    bullets = [s for s in narration.segments if s.kind == "bullet"]
    for before, after in itertools.pairwise(bullets):
        assert after.start - before.end == pytest.approx(settings.bullet_pause, abs=1e-9)  # the pause keeps its length
        gap = samples[round(before.end * rate) + 240 : round(after.start * rate) - 240]
        assert len(gap) > rate // 3 and float(np.abs(gap).max()) < 0.01  # the pause is silent ...
        opening = samples[round(after.start * rate) : round(after.start * rate) + rate // 2]
        assert float(np.abs(opening).max()) > 0.05  # ... and the next bullet is heard where it is said to start


def test_a_box_from_the_cache_matches_one_made_in_a_fresh_folder(tmp_path: Path) -> None:
    settings = settings_in(tmp_path / "warm")
    pipeline.narrate(box(*BOX), settings, FORMATS)
    cached = pipeline.narrate(box(BOX[0], EDITED, BOX[2]), settings, FORMATS)
    fresh = pipeline.narrate(box(BOX[0], EDITED, BOX[2]), settings_in(tmp_path / "cold"), FORMATS)
    # eSpeak's output for one text varies by a few samples from call to call, and each pause ends on a 20 ms
    # Opus packet: equal within two packets
    assert cached.duration == pytest.approx(fresh.duration, abs=0.05)
    for mine, theirs in zip(timings(cached), timings(fresh), strict=True):
        assert mine[:2] == theirs[:2]
        assert mine[2:] == pytest.approx(theirs[2:], abs=0.05)
    assert cached.loudness == pytest.approx(fresh.loudness, abs=0.1)


def test_a_damaged_entry_is_ignored_and_made_again(tmp_path: Path) -> None:
    settings = settings_in(tmp_path)
    first = pipeline.narrate(box(*BOX), settings, FORMATS)
    paths = sorted((tmp_path / "cache" / "spoken").glob("*/*.npz"))
    for path in paths[::2]:  # cut short
        path.write_bytes(path.read_bytes()[: path.stat().st_size // 2])
    for path in paths[1::2]:  # whole files of the right shape whose contents lie: Opus pages that fail their checksum
        with np.load(path) as entry:
            arrays = {name: entry[name] for name in entry.files}
        if "ogg" in arrays:
            arrays["ogg"] = arrays["ogg"].copy()
            arrays["ogg"][len(arrays["ogg"]) // 2] ^= 0xFF
            with path.open("wb") as handle:
                np.savez(handle, **arrays)

    again = pipeline.narrate(box(*BOX), settings, FORMATS)

    assert again.duration == pytest.approx(first.duration, abs=0.05)  # spoken again: see the fresh-folder test
    for file in again.files:
        measured = audio.measure(file)
        assert measured.loudness == pytest.approx(-16.0, abs=0.5)
        assert measured.true_peak <= -1.0
    kept = entries(tmp_path)
    assert pipeline.narrate(box(*BOX), settings, FORMATS).files == again.files  # what replaced them is sound ...
    assert entries(tmp_path) == kept  # ... and read back as it is, nothing made a third time


def test_the_voice_in_its_own_process_fills_and_reads_the_cache(tmp_path: Path) -> None:
    settings = settings_in(tmp_path, isolate_native=True)
    first = pipeline.narrate(box(*BOX[:2]), settings, FORMATS)
    made = entries(tmp_path)
    assert len(made) == 4
    second = pipeline.narrate(box(*BOX[:2]), settings, FORMATS)
    assert entries(tmp_path) == made
    assert second.files == first.files and timings(second) == timings(first)


def test_no_cache_is_kept_when_it_is_turned_off(tmp_path: Path) -> None:
    narration = pipeline.narrate(box(BOX[0]), settings_in(tmp_path, speech_cache_mb=0), ("mp3",))
    assert narration.duration > 3.0
    assert not (tmp_path / "cache").exists()


def test_a_speech_service_is_asked_for_the_edited_bullet_alone(tmp_path: Path, server: SpeechServer) -> None:  # noqa: F811
    settings = settings_in(tmp_path, voice="http", tts_base_url=server.url, isolate_native=True)
    pipeline.narrate(box(*BOX), settings, FORMATS)
    assert len(server.requests) == 3
    server.requests.clear()

    narration = pipeline.narrate(box(BOX[0], EDITED, BOX[2]), settings, FORMATS)

    (asked,) = server.requests  # one request, for bullet 2 as edited
    assert "الأسبوع" in audio_free(asked["json"]["input"])
    assert [s.index for s in narration.segments if s.kind == "bullet"] == [0, 1, 2]


def test_a_dictionary_entry_re_makes_only_the_bullet_that_holds_its_term(tmp_path: Path, server: SpeechServer) -> None:  # noqa: F811
    """The cache is keyed by what the voice hears, after the dictionary: an entry for a word of bullet 3 alone
    sends bullet 3 alone to the voice again, and a new version of the dictionary that touches no bullet sends none."""
    from khulasa.speech.lexicon import Entry, Lexicon

    settings = settings_in(tmp_path, voice="http", tts_base_url=server.url, isolate_native=True)
    pipeline.narrate(box(*BOX), settings, FORMATS, Lexicon((), version=1))
    server.requests.clear()

    pipeline.narrate(box(*BOX), settings, FORMATS, Lexicon([Entry("النائية", "النَّائِيَة")], version=2))
    (asked,) = server.requests
    assert "النَّائِيَة" in asked["json"]["input"]
    server.requests.clear()

    elsewhere = Lexicon([Entry("النائية", "النَّائِيَة"), Entry("فيدوموستي", "فِيدُومُوسْتِي")], version=3)
    pipeline.narrate(box(*BOX), settings, FORMATS, elsewhere)
    assert server.requests == []
