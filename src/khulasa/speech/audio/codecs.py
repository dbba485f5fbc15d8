"""Codecs: MP3 through LAME, Ogg Opus through libsndfile, and decoding back to measure what was written."""

from __future__ import annotations

import functools
import io
import math
from collections.abc import Iterable
from dataclasses import dataclass
from typing import BinaryIO

import lameenc
import numpy as np
import soundfile

from khulasa.errors import ConfigError, SpeechError
from khulasa.model import AudioFile
from khulasa.speech.audio.levels import OPUS_RATES, SAMPLE_RATE, LoudnessMeter, Samples, as_samples, true_peak

MP3_BITRATE = 64
"""MP3 bit rate in kbit/s: clear speech at 22–24 kHz mono."""
MP3_QUALITY = 7
"""LAME's speed/quality trade-off (0 best, 9 fastest): 7 is clean for speech, twice as fast as 5, as fast as 9."""
CHECKED = frozenset({"ogg"})
"""Formats decoded after encoding to check the true peak. MP3 is not: LAME's overshoot stays under
:data:`CODEC_HEADROOM` (measured on every output by ``bench/speech.py``, and in the tests)."""
FORMATS = {"mp3": "audio/mpeg", "ogg": "audio/ogg"}
"""Encodings we write, by file extension, with their media types."""

class Encoder:
    """Streams samples at ``rate`` into one encoded file (MP3 or Ogg Opus; Opus takes only :data:`OPUS_RATES`)."""

    def __init__(self, extension: str, sink: BinaryIO, compensate: bool = True, rate: int = SAMPLE_RATE) -> None:
        if extension not in FORMATS:
            raise ConfigError(f"cannot write .{extension} audio; choose one of: {', '.join(FORMATS)}.")
        if extension == "ogg" and rate not in OPUS_RATES:
            raise SpeechError(f"Opus cannot encode {rate} Hz audio; resample it to {SAMPLE_RATE} Hz first.")
        self.extension = extension
        self.sink = sink
        self.rate = rate
        self._scale = np.float32(1.0 / codec_gain(extension, rate)) if compensate else np.float32(1.0)
        self._lame: lameenc.Encoder | None = None
        self._ogg: soundfile.SoundFile | None = None
        if extension == "mp3":
            self._lame = lameenc.Encoder()
            self._lame.set_bit_rate(MP3_BITRATE)
            self._lame.set_in_sample_rate(rate)
            self._lame.set_channels(1)
            self._lame.set_quality(MP3_QUALITY)
        else:
            self._ogg = soundfile.SoundFile(sink, "w", rate, 1, format="OGG", subtype="OPUS")

    def write(self, samples: Samples) -> None:
        """Encode the next stretch of samples."""
        if self._lame is not None:
            pcm = (np.clip(samples * self._scale, -1.0, 1.0) * 32767).astype("<i2")
            self.sink.write(bytes(self._lame.encode(pcm.tobytes())))
        elif self._ogg is not None:
            self._ogg.write(samples * self._scale)

    def close(self) -> None:
        """Flush the codec and finish the file."""
        if self._lame is not None:
            self.sink.write(bytes(self._lame.flush()))
            self._lame = None
        elif self._ogg is not None:
            self._ogg.close()
            self._ogg = None


@functools.cache
def codec_gain(extension: str, rate: int = SAMPLE_RATE) -> float:
    """How much the codec changes the level, measured once per process and rate on a 1 kHz tone.

    LAME as built into ``lameenc`` writes MP3 at 0.95 of the input (−0.45 dB),
    which would leave every narration short of its target; encoders divide it out.
    """
    tone = (0.25 * np.sin(2 * np.pi * 1000 * np.arange(rate) / rate)).astype(np.float32)
    decoded, _ = decode(encode(tone, extension, compensate=False, rate=rate).data)
    middle = decoded[len(decoded) // 4 : 3 * len(decoded) // 4]
    gain = float(np.sqrt(np.mean(np.square(middle))) / np.sqrt(np.mean(np.square(tone))))
    return gain if 0.5 < gain < 2.0 else 1.0


def encode(samples: Samples, extension: str, compensate: bool = True, rate: int = SAMPLE_RATE) -> AudioFile:
    """One encoded file of ``samples`` (mono, at ``rate``) as ``extension``: "mp3" or "ogg"."""
    buffer = io.BytesIO()
    encoder = Encoder(extension, buffer, compensate, rate)
    encoder.write(samples)
    encoder.close()
    return AudioFile(buffer.getvalue(), FORMATS[extension], extension)


MP3_FRAME = 1152
"""Samples in an MPEG-1 Layer III frame; MPEG-2 rates (below 32 kHz) have 576, which divides it."""


def decode_blocks(data: bytes | BinaryIO, seconds: float = 30.0) -> Iterable[tuple[Samples, int]]:
    """Decode an encoded file back to mono samples, a block at a time, with its rate.

    ``data`` is the file's bytes, or a file open for reading, read from where it stands.

    Blocks are read with ``read``, which returns only the frames decoded:
    ``SoundFile.blocks`` trusts the frame count libsndfile estimates for
    MP3, and when that is high it hands back the rest of its buffer
    uninitialized, which reads as wild peaks.
    """
    try:
        with soundfile.SoundFile(io.BytesIO(data) if isinstance(data, bytes) else data) as handle:
            # whole MP3 frames per read: a read that ended mid-frame made libmpg123 print
            # "part2_3_length too large" on stderr, though the samples came out the same
            size = max(MP3_FRAME, round(seconds * handle.samplerate / MP3_FRAME) * MP3_FRAME)
            while True:
                block = handle.read(size, dtype="float32")
                if len(block):
                    yield as_samples(block), handle.samplerate
                if len(block) < size:
                    break
    except soundfile.LibsndfileError as exc:
        raise SpeechError(f"the encoded audio cannot be read back ({exc.error_string}).") from None


def decode(data: bytes) -> tuple[Samples, int]:
    """An encoded file decoded whole: mono samples and their rate."""
    blocks = list(decode_blocks(data))
    if not blocks:
        return np.zeros(0, dtype=np.float32), SAMPLE_RATE
    return np.concatenate([b for b, _ in blocks]), blocks[0][1]


@dataclass(frozen=True)
class Measurement:
    """What a delivered file measures once decoded."""

    loudness: float
    """Integrated loudness in LUFS."""
    true_peak: float
    """True peak in dBTP."""
    duration: float
    """Length in seconds."""


def measure(file: AudioFile | BinaryIO, with_loudness: bool = True) -> Measurement:
    """Decode ``file`` and measure it the way a listener's player will hear it.

    ``file`` is an encoded file in memory, or one open for reading (it is
    read from the start, 30 s at a time, so hours of audio measure in little
    memory). Without ``with_loudness`` only the true peak and duration are
    measured (loudness is then NaN), which is all the post-encode check needs.
    """
    source: bytes | BinaryIO = file.data if isinstance(file, AudioFile) else file
    if not isinstance(source, bytes):
        source.seek(0)
    meter: LoudnessMeter | None = None
    peak = -math.inf
    frames = 0
    rate = SAMPLE_RATE
    tail = np.zeros(0, dtype=np.float32)
    for block, rate in decode_blocks(source):
        if with_loudness:
            meter = meter or LoudnessMeter(rate)
            meter.add(block)
        frames += len(block)
        peak = max(peak, true_peak(np.concatenate([tail, block])))  # overlap: peaks at block edges count
        tail = block[-32:]
    level = (meter.integrated() if meter else -math.inf) if with_loudness else math.nan
    return Measurement(level, peak, frames / rate)
