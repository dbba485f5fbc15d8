"""Audio: loudness to the BS.1770 definition, true peak held after encoding, files that decode."""

from __future__ import annotations

import io
import math
import pathlib

import numpy as np
import pyloudnorm
import pytest
import soundfile
from scipy import signal

from khulasa.errors import ConfigError, SpeechError
from khulasa.speech import audio


def speechlike(seconds: float, rate: int = audio.SAMPLE_RATE, seed: int = 7, level: float = 0.1) -> np.ndarray:
    """Voiced syllables (a buzzing 120–180 Hz source with harmonics) and breathy noise, with gaps."""
    rng = np.random.default_rng(seed)
    t = np.arange(round(seconds * rate)) / rate
    pitch = 150 + 30 * np.sin(2 * np.pi * 0.7 * t)
    phase = 2 * np.pi * np.cumsum(pitch) / rate
    voiced = sum(np.sin(k * phase) / k for k in range(1, 12))
    syllables = np.clip(np.sin(2 * np.pi * 4.0 * t + rng.uniform(0, 6)), 0, None) ** 2
    words = (np.sin(2 * np.pi * 0.9 * t) > -0.6).astype(float)
    noise = rng.standard_normal(len(t)) * 0.3
    return (level * (voiced + noise) * syllables * words).astype(np.float32)


def test_loudness_matches_pyloudnorm_and_pieces_add_up() -> None:
    x = speechlike(12.0)
    whole = audio.loudness(x)
    reference = pyloudnorm.Meter(audio.SAMPLE_RATE).integrated_loudness(x.astype(np.float64))
    assert whole == pytest.approx(reference, abs=0.05)
    meter = audio.LoudnessMeter(audio.SAMPLE_RATE)
    for piece in np.array_split(x, 7):
        meter.add(piece)
    assert meter.integrated() == pytest.approx(whole, abs=1e-6)


def test_silence_measures_minus_infinity() -> None:
    assert audio.loudness(np.zeros(48_000, dtype=np.float32)) == -math.inf
    assert audio.true_peak(np.zeros(10, dtype=np.float32)) == -math.inf


def test_true_peak_sees_the_peak_between_samples() -> None:
    # A quarter-rate sine sampled at 45° never lands on its crest: samples read −3 dB, the wave reaches 0 dB.
    n = np.arange(4800)
    x = np.sin(np.pi / 2 * n + np.pi / 4).astype(np.float32)
    x *= signal.windows.tukey(len(x), 0.1).astype(np.float32)
    assert audio.db(float(np.abs(x).max())) == pytest.approx(-3.01, abs=0.05)
    assert audio.true_peak(x) == pytest.approx(0.0, abs=0.3)


def test_envelope_is_exact_wherever_it_could_pass_the_threshold() -> None:
    x = speechlike(6.0, level=0.2)
    x[30_000:30_050] += np.hanning(50).astype(np.float32) * 0.5
    full = audio.peak_envelope(x)
    for share in (0.3, 0.6, 0.9):
        above = share * float(full.max())
        pruned = audio.peak_envelope(x, above=above)
        loud = full > above
        assert loud.any() and np.array_equal(pruned[loud], full[loud])
        assert (pruned[~loud] <= above).all()
    assert audio.true_peak(x) == audio.db(float(full.max()))


def test_limiter_holds_the_ceiling_and_leaves_quiet_parts_alone() -> None:
    x = speechlike(4.0, level=0.08)
    x[24_000:24_100] += np.hanning(100).astype(np.float32) * 1.5  # a click far above the rest
    limited = audio.limit(x, -3.0)
    assert audio.true_peak(limited) <= -3.0 + 0.05
    assert np.allclose(limited[60_000:], x[60_000:])


def test_master_reaches_target_with_headroom() -> None:
    mastered = audio.master(speechlike(10.0, level=0.02), -16.0)
    assert mastered.loudness == pytest.approx(-16.0, abs=0.2)
    assert audio.loudness(mastered.samples) == pytest.approx(mastered.loudness, abs=1e-6)
    assert audio.true_peak(mastered.samples) <= audio.CEILING_DBTP - audio.CODEC_HEADROOM + 0.1


def test_master_refuses_silence() -> None:
    with pytest.raises(SpeechError, match="silence"):
        audio.master(np.zeros(48_000, dtype=np.float32), -16.0)


@pytest.mark.parametrize("extension", ["mp3", "ogg"])
def test_delivered_files_decode_at_target_loudness_and_under_the_ceiling(extension: str) -> None:
    mastered = audio.master(speechlike(8.0, level=0.3), -16.0)
    (file,), (measured,) = audio.deliver(mastered, [extension])
    assert file.extension == extension and file.media_type == audio.FORMATS[extension]
    samples, rate = audio.decode(file.data)
    assert rate in (24_000, 48_000)
    assert len(samples) / rate == pytest.approx(8.0, abs=0.1)
    assert measured.loudness == pytest.approx(-16.0, abs=1.0)
    assert measured.true_peak <= audio.CEILING_DBTP
    assert audio.true_peak(samples) <= audio.CEILING_DBTP + 0.01


def test_resample_keeps_duration() -> None:
    x = speechlike(2.0, rate=22_050)
    y = audio.resample(x, 22_050)
    assert len(y) == 48_000
    assert audio.resample(y, audio.SAMPLE_RATE) is y


def test_recording_of_a_short_text_is_mastered_whole() -> None:
    recording = audio.Recording(["mp3", "ogg"], -16.0)
    assert recording.add(speechlike(3.0, rate=22_050), 22_050) == pytest.approx(3.0, abs=1e-3)
    recording.pause(0.5)
    assert recording.elapsed == pytest.approx(3.5, abs=1e-3)
    recording.add(speechlike(2.0, seed=3), audio.SAMPLE_RATE)
    done = recording.finish()
    assert [f.extension for f in done.files] == ["mp3", "ogg"]
    assert done.duration == pytest.approx(5.5, abs=1e-3)
    assert done.loudness == pytest.approx(-16.0, abs=1.0)
    assert done.true_peak <= audio.CEILING_DBTP


def test_long_recording_streams_in_blocks_and_stays_on_target() -> None:
    recording = audio.Recording(["mp3"], -16.0, block_seconds=2.0)
    for i in range(8):  # pieces of very different levels, as sentences from different voices might be
        recording.add(speechlike(1.5, seed=i, level=0.01 * (i + 1)), audio.SAMPLE_RATE)
        recording.pause(0.3)
    done = recording.finish()
    measured = audio.measure(done.files[0])
    assert measured.duration == pytest.approx(8 * 1.8, abs=0.1)
    assert measured.loudness == pytest.approx(-16.0, abs=1.0)
    assert measured.true_peak <= audio.CEILING_DBTP


def test_recording_of_silence_is_not_success() -> None:
    recording = audio.Recording(["mp3"], -16.0)
    recording.add(np.zeros(24_000, dtype=np.float32), audio.SAMPLE_RATE)
    with pytest.raises(SpeechError, match="silence"):
        recording.finish()


def test_unknown_format_is_named() -> None:
    with pytest.raises(ConfigError, match="wav"):
        audio.Recording(["wav"], -16.0)


def peaky(seconds: float, rate: int, seed: int = 11) -> np.ndarray:
    """Speech-like audio as peaky as eSpeak's (true peak 17–18 dB over its loudness): at −16 LUFS it needs the limiter."""
    return speechlike(seconds, rate=rate, seed=seed, level=0.05)


@pytest.mark.parametrize("rate", [16_000, 22_050, 24_000, 48_000])
def test_master_reports_the_exact_loudness_and_true_peak_of_what_it_returns(rate: int) -> None:
    x = peaky(6.0, rate)
    mastered = audio.master(x, -16.0, rate=rate)
    assert mastered.rate == rate and len(mastered.samples) == len(x)
    assert mastered.loudness == pytest.approx(-16.0, abs=0.2)
    assert audio.loudness(mastered.samples, rate) == pytest.approx(mastered.loudness, abs=1e-5)
    assert mastered.true_peak == pytest.approx(audio.true_peak(mastered.samples), abs=1e-9)
    assert mastered.true_peak <= audio.CEILING_DBTP - audio.CODEC_HEADROOM + 0.1
    gained_peak = audio.true_peak(x) + (-16.0 - audio.loudness(x, rate))
    assert gained_peak > audio.CEILING_DBTP  # gain alone would have crossed the ceiling: the limiter worked


def test_master_of_a_blip_shorter_than_a_gating_block() -> None:
    mastered = audio.master(peaky(0.3, 22_050), -16.0, rate=22_050)
    assert audio.loudness(mastered.samples, 22_050) == pytest.approx(-16.0, abs=0.2)
    assert mastered.true_peak <= audio.CEILING_DBTP - audio.CODEC_HEADROOM + 0.1


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_mp3_goes_out_unchecked_and_still_decodes_under_the_ceiling(seed: int) -> None:
    mastered = audio.master(peaky(10.0, 22_050, seed=seed), -16.0, rate=22_050)
    (file,), (reported,) = audio.deliver(mastered, ["mp3"])
    assert reported.true_peak == mastered.true_peak  # not decoded: as mastered
    decoded = audio.measure(file)
    assert decoded.true_peak <= audio.CEILING_DBTP
    assert decoded.true_peak - mastered.true_peak < audio.CODEC_HEADROOM
    assert decoded.loudness == pytest.approx(-16.0, abs=1.0)
    assert audio.decode(file.data)[1] == 22_050  # LAME took the voice's rate as it is


def test_mp3_is_checked_when_its_peak_is_not_where_the_headroom_assumes() -> None:
    x = peaky(6.0, 22_050)
    hot = audio.Mastered(x / np.abs(x).max() * np.float32(0.99), audio.loudness(x, 22_050), 0.0, 22_050)
    (file,), (measured,) = audio.deliver(hot, ["mp3"])
    assert measured.true_peak <= audio.CEILING_DBTP
    assert audio.measure(file).true_peak == pytest.approx(measured.true_peak, abs=1e-6)


def test_recording_keeps_the_voice_rate_for_mp3_and_moves_to_opus_rate_for_ogg() -> None:
    for formats, rate in ((["mp3"], 22_050), (["mp3", "ogg"], audio.SAMPLE_RATE), (["ogg"], audio.SAMPLE_RATE)):
        recording = audio.Recording(formats, -16.0)
        recording.pause(0.25)  # before any speech: kept until the rate is known
        assert recording.add(peaky(2.0, 22_050), 22_050) == pytest.approx(2.0, abs=1e-3)
        assert recording.rate == rate and recording.elapsed == pytest.approx(2.25, abs=1e-3)
        done = recording.finish()
        for file in done.files:
            measured = audio.measure(file)
            assert measured.duration == pytest.approx(2.25, abs=0.1)
            assert measured.true_peak <= audio.CEILING_DBTP
            assert measured.loudness == pytest.approx(-16.0, abs=1.0)
    wide = audio.Recording(["ogg"], -16.0)
    wide.add(peaky(1.0, 16_000), 16_000)
    assert wide.rate == 16_000  # Opus takes 16 kHz as it is


def test_opus_refuses_a_rate_it_cannot_take() -> None:
    with pytest.raises(SpeechError, match="22050 Hz"):
        audio.Encoder("ogg", io.BytesIO(), rate=22_050)


def test_decoding_in_blocks_gives_exactly_the_whole_file() -> None:
    file = audio.encode(audio.master(peaky(7.0, 22_050), -16.0, rate=22_050).samples, "mp3", rate=22_050)
    whole, rate = audio.decode(file.data)
    pieces = np.concatenate([block for block, _ in audio.decode_blocks(file.data, seconds=1.0)])
    assert rate == 22_050 and len(pieces) == len(whole)
    assert np.allclose(pieces, whole, atol=1e-6)
    reference, _ = soundfile.read(io.BytesIO(file.data), dtype="float32")  # read() stops where decoding did
    assert len(whole) == len(reference)  # not the (higher) frame count libsndfile estimates for MP3
    assert float(np.abs(whole).max()) < 1.0


def test_silent_stretches_do_not_slow_the_meter_with_subnormal_numbers() -> None:
    x = np.concatenate([peaky(1.0, 22_050), np.zeros(22_050 * 20, dtype=np.float32), peaky(1.0, 22_050)])
    weighted = audio.LoudnessMeter(22_050).weighted(x)
    tiny = np.abs(weighted)
    assert not ((tiny > 0) & (tiny < np.finfo(np.float64).tiny)).any()


def record(recording: audio.Recording, pieces: int = 6, seconds: float = 1.5) -> audio.Recorded:
    """Sentences of different levels with pauses between them, as a text read aloud gives, then the finished files."""
    for i in range(pieces):
        recording.add(speechlike(seconds, seed=i, level=0.01 * (i + 1)), audio.SAMPLE_RATE)
        recording.pause(0.3)
    return recording.finish()


@pytest.mark.parametrize("block_seconds", [120.0, 2.0])
def test_recording_into_files_writes_what_it_would_have_returned(tmp_path: pathlib.Path, block_seconds: float) -> None:
    in_memory = record(audio.Recording(["mp3", "ogg"], -16.0, block_seconds=block_seconds))
    with (tmp_path / "a.mp3").open("w+b") as mp3, (tmp_path / "a.ogg").open("w+b") as ogg:
        streamed = record(audio.Recording(["mp3", "ogg"], -16.0, block_seconds=block_seconds, sinks=[mp3, ogg]))
    assert streamed.files == () and streamed.duration == in_memory.duration
    assert (tmp_path / "a.mp3").read_bytes() == in_memory.files[0].data  # LAME is deterministic: the very same file
    ogg_file = audio.AudioFile((tmp_path / "a.ogg").read_bytes(), "audio/ogg", "ogg")
    measured, expected = audio.measure(ogg_file), audio.measure(in_memory.files[1])
    assert measured.duration == pytest.approx(expected.duration, abs=0.01)
    assert measured.loudness == pytest.approx(expected.loudness, abs=0.1)
    assert streamed.loudness == pytest.approx(-16.0, abs=1.0) and streamed.true_peak <= audio.CEILING_DBTP


def test_recording_into_a_file_holds_one_block_however_long_it_grows(tmp_path: pathlib.Path) -> None:
    block = 24_000 * 4  # one second of float32 samples
    with (tmp_path / "long.mp3").open("w+b") as sink:
        streamed = audio.Recording(["mp3"], -16.0, block_seconds=1.0, sinks=[sink])
        in_memory = audio.Recording(["mp3"], -16.0, block_seconds=1.0)
        held: list[int] = []
        for i in range(60):
            for recording in (streamed, in_memory):
                recording.add(speechlike(0.5, seed=i), audio.SAMPLE_RATE)
            held.append(streamed.held_bytes)
        assert max(held) < 1.5 * block  # a block's samples at most, however many pieces went in
        assert sink.tell() > 100_000  # the encoded audio went to the file as it came
        assert in_memory.held_bytes >= sink.tell()  # in memory the whole encoded file is held
        streamed.finish()
    assert audio.measure(audio.AudioFile((tmp_path / "long.mp3").read_bytes(), "audio/mpeg", "mp3")).duration > 29.0


def test_one_sink_per_format() -> None:
    with pytest.raises(ConfigError, match="one sink per format"):
        audio.Recording(["mp3", "ogg"], -16.0, sinks=[io.BytesIO()])


def test_reading_an_mp3_back_says_nothing_on_stderr(capfd: pytest.CaptureFixture[str]) -> None:
    from khulasa import config, pipeline
    from tests.conftest import EXAMPLES

    spoken = pipeline.narrate_text((EXAMPLES / "desalination.txt").read_text(encoding="utf-8"), config.load(environ={}))
    capfd.readouterr()
    blocks = list(audio.decode_blocks(spoken.files[0].data))
    # reads that ended mid-frame made libmpg123 print "part2_3_length too large" under every narrate
    assert capfd.readouterr().err == ""
    assert sum(len(block) for block, _ in blocks) / blocks[0][1] == pytest.approx(spoken.duration, abs=0.1)
