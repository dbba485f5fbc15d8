"""Recording: a narration's blocks mastered and encoded into every format as they come, and delivered within the ceiling."""

from __future__ import annotations

import io
from collections.abc import Collection, Sequence
from dataclasses import dataclass
from typing import BinaryIO

import numpy as np

from khulasa.errors import ConfigError, SpeechError
from khulasa.model import AudioFile
from khulasa.speech.audio.codecs import CHECKED, FORMATS, Encoder, Measurement, encode, measure
from khulasa.speech.audio.levels import (
    CEILING_DBTP,
    CODEC_HEADROOM,
    OPUS_RATES,
    SAMPLE_RATE,
    SILENT_LUFS,
    Samples,
    as_samples,
    loudness,
    pause,
    resample,
    true_peak,
)
from khulasa.speech.audio.mastering import Mastered, limit, master


def deliver(
    mastered: Mastered, formats: Sequence[str], checked: Collection[str] = CHECKED
) -> tuple[tuple[AudioFile, ...], list[Measurement]]:
    """Encode ``mastered`` in each format, checking by decoding the formats in ``checked``.

    A checked file whose codec overshoot still crosses :data:`CEILING_DBTP`
    has its samples limited by the excess (plus a margin) and is encoded
    again. An unchecked format (MP3 by default) relies on the codec's
    measured overshoot staying under :data:`CODEC_HEADROOM`; it is checked
    anyway if the mastered true peak is not where that margin assumes.
    Returns the files and what each measures: true peak and duration decoded
    when checked (as mastered otherwise), loudness as mastered (the encoders
    compensate the codec's level, see :func:`codec_gain`).
    """
    files: list[AudioFile] = []
    measured: list[Measurement] = []
    headroom_holds = mastered.true_peak <= CEILING_DBTP - CODEC_HEADROOM + 0.1
    for extension in formats:
        samples, rate = mastered.samples, mastered.rate
        if extension == "ogg" and rate not in OPUS_RATES:
            samples, rate = resample(samples, rate), SAMPLE_RATE
        if extension not in checked and headroom_holds and rate == mastered.rate:
            files.append(encode(samples, extension, rate=rate))
            measured.append(Measurement(mastered.loudness, mastered.true_peak, len(samples) / rate))
            continue
        for _ in range(3):
            file = encode(samples, extension, rate=rate)
            decoded = measure(file, with_loudness=False)
            if decoded.true_peak <= CEILING_DBTP:
                break
            samples = limit(samples, true_peak(samples) - (decoded.true_peak - CEILING_DBTP) - 0.2, rate)
        files.append(file)
        measured.append(Measurement(mastered.loudness, decoded.true_peak, decoded.duration))
    return tuple(files), measured


def _within_ceiling(block: Samples, extension: str, rate: int) -> Samples:
    """``block``, limited further where encoding it alone as ``extension`` crosses :data:`CEILING_DBTP`.

    What :func:`deliver` does for a whole file, done per block for formats in
    :data:`CHECKED` (Opus overshoots by up to 2 dB on peaky speech), since a
    streamed file cannot be encoded again once written. The codec state at a
    block's edges differs from the running encoder's, so the finished file
    is still measured decoded.
    """
    if extension not in CHECKED:
        return block
    for _ in range(3):
        decoded = measure(encode(block, extension, rate=rate), with_loudness=False)
        if decoded.true_peak <= CEILING_DBTP:
            break
        block = limit(block, true_peak(block) - (decoded.true_peak - CEILING_DBTP) - 0.2, rate)
    return block


@dataclass(frozen=True)
class Recorded:
    """A finished recording: the files and how they measure."""

    files: tuple[AudioFile, ...]
    """One encoded file per requested format, in the order asked; empty when the recording wrote into sinks."""
    duration: float
    """Length in seconds."""
    loudness: float
    """Integrated loudness in LUFS: as mastered (codec level compensated) when short, of the decoded file when long."""
    true_peak: float
    """Highest true peak among the files, in dBTP: decoded where checked, as mastered for MP3 (see :data:`CHECKED`)."""


class Recording:
    """Speech pieces in, finished files out: pauses, mastering and encoding in order.

    The recording keeps the rate of the first piece it is given (the voice's
    own: nothing is resampled for MP3), unless Ogg is asked for and Opus
    cannot take that rate, in which case it is :data:`SAMPLE_RATE`.

    A short recording (a summary) is mastered whole and encoded; see
    :func:`deliver` for which files are checked by decoding. A long one (an
    article read aloud) is mastered in blocks of about ``block_seconds`` and
    streamed into the encoders as it goes, so hours of speech never sit in
    memory as samples; each block is brought to the target loudness, so the
    whole is too, and every file is measured decoded at the end.

    With ``sinks`` (one binary file per format, open for writing *and*
    reading, as ``open(path, "w+b")`` gives) every recording is made the
    long way and each encoder writes straight into its sink, so the encoded
    bytes do not pile up in memory either: what the recording holds is one
    block of samples and whatever the codec has not yet flushed
    (:attr:`held_bytes`). The sinks are read back from the start to measure
    them in :meth:`finish`, and left open for the caller, who owns them (and
    decides where the finished file goes). Without sinks the files are
    returned in memory, which suits a summary of a few seconds.
    """

    def __init__(
        self,
        formats: Sequence[str],
        target_lufs: float,
        block_seconds: float = 120.0,
        sinks: Sequence[BinaryIO] | None = None,
    ) -> None:
        unknown = [f for f in formats if f not in FORMATS]
        if unknown or not formats:
            raise ConfigError(f"cannot write audio as {', '.join(unknown) or 'nothing'}; choose from: {', '.join(FORMATS)}.")
        self.formats = tuple(dict.fromkeys(formats))
        if sinks is not None and len(sinks) != len(self.formats):
            raise ConfigError(f"a recording in {', '.join(self.formats)} needs one sink per format, not {len(sinks)}.")
        self.target_lufs = target_lufs
        self.rate: int | None = None
        """Samples per second of the recording, set by the first piece of speech."""
        self._block_seconds = block_seconds
        self._lead = 0.0  # seconds of pause asked for before the rate was known
        self._pending: list[Samples] = []
        self._pending_length = 0
        self._written = 0
        self._spoken = False
        self._streamed = sinks is not None
        self._sinks: list[BinaryIO] = list(sinks or ())
        self._buffers: list[io.BytesIO] = []  # the sinks when none are given
        self._encoders: list[Encoder] = []

    @property
    def elapsed(self) -> float:
        """Seconds recorded so far: where the next piece will start."""
        if self.rate is None:
            return self._lead
        return (self._written + self._pending_length) / self.rate

    @property
    def held_bytes(self) -> int:
        """Bytes of audio the recording holds in memory now: samples not yet mastered, encoded bytes not yet in a sink.

        Into sinks this stays under one block (plus a codec frame or two)
        however long the recording grows; in memory it grows with it.
        """
        held = sum(samples.nbytes for samples in self._pending)
        return held + sum(buffer.getbuffer().nbytes for buffer in self._buffers)

    def add(self, samples: Samples, rate: int) -> float:
        """Append speech at ``rate``; returns its length in seconds."""
        if rate <= 0:
            raise SpeechError(f"the voice reported an impossible sample rate ({rate} Hz).")
        if self.rate is None:
            self.rate = rate if "ogg" not in self.formats or rate in OPUS_RATES else SAMPLE_RATE
            if self._lead:
                self._append(pause(self._lead, self.rate))
        samples = resample(as_samples(samples), rate, self.rate)
        if len(samples) and float(np.abs(samples).max()) > 0:
            self._spoken = True
        self._append(samples)
        return len(samples) / self.rate

    def pause(self, seconds: float) -> None:
        """Append silence."""
        if self.rate is None:
            self._lead += seconds
        else:
            self._append(pause(seconds, self.rate))

    def _append(self, samples: Samples) -> None:
        self._pending.append(samples)
        self._pending_length += len(samples)
        if self._pending_length >= round(self._block_seconds * (self.rate or SAMPLE_RATE)):
            self._flush_block()

    def _flush_block(self) -> None:
        rate = self.rate or SAMPLE_RATE
        block = np.concatenate(self._pending) if self._pending else np.zeros(0, dtype=np.float32)
        self._pending, self._pending_length = [], 0
        if not self._encoders:
            if not self._streamed:
                self._buffers = [io.BytesIO() for _ in self.formats]
                self._sinks = list(self._buffers)
            self._encoders = [Encoder(f, sink, rate=rate) for f, sink in zip(self.formats, self._sinks, strict=True)]
        if loudness(block, rate) >= SILENT_LUFS:  # a block of pauses only stays silent
            block = master(block, self.target_lufs, rate=rate).samples
        for encoder in self._encoders:
            encoder.write(_within_ceiling(block, encoder.extension, rate))
        self._written += len(block)

    def finish(self) -> Recorded:
        """Master what is left, close the files, and measure them (see :func:`deliver` for short recordings)."""
        if not self._spoken or self.rate is None:
            raise SpeechError("the voice produced silence for this text; nothing was written.")
        if not self._encoders and not self._streamed:  # short: master whole, then encode
            whole = np.concatenate(self._pending)
            files, measured = deliver(master(whole, self.target_lufs, rate=self.rate), self.formats)
            duration = len(whole) / self.rate
        else:
            if self._pending:
                self._flush_block()
            for encoder in self._encoders:
                encoder.close()
            if self._streamed:
                files = ()
                for sink in self._sinks:
                    sink.flush()
                measured = [measure(sink) for sink in self._sinks]
            else:
                files = tuple(AudioFile(b.getvalue(), FORMATS[f], f) for f, b in zip(self.formats, self._buffers, strict=True))
                measured = [measure(f) for f in files]
            duration = self._written / self.rate
        if measured[0].loudness < SILENT_LUFS:
            raise SpeechError("the encoded audio is silent; nothing was written.")
        return Recorded(files, duration, measured[0].loudness, max(m.true_peak for m in measured))
