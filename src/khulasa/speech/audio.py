"""Audio: loudness, true peak, pauses and encoding, all in-process.

Every narration leaves here mono, at :data:`SAMPLE_RATE`, normalized to the
configured integrated loudness (ITU-R BS.1770 K-weighted, gated) and held at
or below :data:`CEILING_DBTP` true peak *after* encoding: lossy codecs add
overshoot, so mastering leaves :data:`CODEC_HEADROOM` dB of room, and the
pipeline decodes what it wrote to check. MP3 comes from LAME (``lameenc``),
Opus in Ogg from libsndfile (``soundfile``); no ffmpeg binary is involved.

The meters work on blocks, so a whole article read aloud can be measured and
encoded piece by piece without holding hours of samples in memory.
"""

from __future__ import annotations

import functools
import io
import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import lameenc
import numpy as np
import numpy.typing as npt
import soundfile
from pyloudnorm.iirfilter import IIRfilter
from scipy import ndimage, signal

from khulasa.errors import ConfigError, SpeechError
from khulasa.model import AudioFile

Samples = npt.NDArray[np.float32]

SAMPLE_RATE = 24_000
"""The rate narrations are mastered and encoded at: LAME (MPEG-2 layer III) and Opus both take it."""
CEILING_DBTP = -1.0
"""Highest true peak allowed in a delivered file, in dBTP."""
CODEC_HEADROOM = 1.0
"""Room left below the ceiling before encoding, in dB, for the codec's overshoot."""
MP3_BITRATE = 64
"""MP3 bit rate in kbit/s: clear speech at 24 kHz mono."""
MP3_QUALITY = 7
"""LAME's speed/quality trade-off (0 best, 9 fastest): 7 is clean for speech and twice as fast as 5."""
FORMATS = {"mp3": "audio/mpeg", "ogg": "audio/ogg"}
"""Encodings we write, by file extension, with their media types."""
SILENT_LUFS = -70.0
"""Below this integrated loudness the audio counts as silence (BS.1770's absolute gate)."""

_OVERSAMPLE = 4
_TRUE_PEAK_FILTER = (
    signal.firwin(_OVERSAMPLE * 12, 1.0 / _OVERSAMPLE, window=("kaiser", 7.0)) * _OVERSAMPLE
).astype(np.float32)
"""Interpolation filter for 4× oversampling, 12 taps per phase like BS.1770 Annex 2's 48-tap filter."""


def as_samples(samples: npt.ArrayLike) -> Samples:
    """Mono float32 samples; several channels are averaged."""
    array = np.asarray(samples, dtype=np.float32)
    if array.ndim == 2:
        array = array.mean(axis=1, dtype=np.float32)
    if array.ndim != 1:
        raise SpeechError(f"audio must be mono or (samples, channels), not shape {array.shape}.")
    return np.nan_to_num(array, copy=False)


def resample(samples: Samples, rate: int, target: int = SAMPLE_RATE) -> Samples:
    """``samples`` at ``rate`` converted to ``target`` Hz (polyphase, no change when equal)."""
    if rate == target:
        return samples
    if rate <= 0:
        raise SpeechError(f"the voice reported an impossible sample rate ({rate} Hz).")
    common = math.gcd(rate, target)
    converted: Samples = signal.resample_poly(samples, target // common, rate // common).astype(np.float32)
    return converted


def pause(seconds: float, rate: int = SAMPLE_RATE) -> Samples:
    """Silence of ``seconds``."""
    return np.zeros(max(0, round(seconds * rate)), dtype=np.float32)


def db(ratio: float) -> float:
    """A linear amplitude ratio in decibels (−inf for 0)."""
    return 20.0 * math.log10(ratio) if ratio > 0 else -math.inf


class LoudnessMeter:
    """Integrated loudness per ITU-R BS.1770-4, fed block by block.

    K-weighting, 400 ms gating blocks with 75 % overlap, the absolute gate at
    −70 LUFS and the relative gate 10 LU below. Filter state carries across
    :meth:`add` calls, so feeding a signal in pieces gives the same figure
    as feeding it whole.
    """

    def __init__(self, rate: int) -> None:
        self.rate = rate
        self._step = round(0.1 * rate)
        stages = [IIRfilter(4.0, 1 / np.sqrt(2), 1500.0, rate, "high_shelf"), IIRfilter(0.0, 0.5, 38.0, rate, "high_pass")]
        self._sos = np.vstack([np.concatenate([s.b, s.a]) for s in stages])
        self._state = np.zeros((len(stages), 2))
        self._partial = np.zeros(0)
        self._steps: list[float] = []

    def add(self, samples: Samples) -> None:
        """Take the next stretch of the signal."""
        weighted, self._state = signal.sosfilt(self._sos, samples.astype(np.float64), zi=self._state)
        pending = np.concatenate([self._partial, weighted])
        whole = len(pending) // self._step * self._step
        if whole:
            self._steps.extend(np.square(pending[:whole]).reshape(-1, self._step).sum(axis=1).tolist())
        self._partial = pending[whole:]

    def integrated(self) -> float:
        """Integrated loudness so far, in LUFS (−inf for silence or no signal)."""
        steps = np.asarray(self._steps)
        if len(steps) < 4:  # shorter than one gating block: measure it padded with silence
            steps = np.concatenate([steps, [np.square(self._partial).sum()], np.zeros(4)])[:4]
        return gated_loudness(steps, self._step)

    def weighted(self, samples: Samples) -> npt.NDArray[np.float64]:
        """``samples`` K-weighted from rest (does not touch the meter's own state)."""
        out: npt.NDArray[np.float64] = signal.sosfilt(self._sos, samples.astype(np.float64))
        return out


def gated_loudness(steps: npt.NDArray[np.float64], step: int) -> float:
    """BS.1770 gating over 100 ms sums of squared K-weighted samples: integrated loudness in LUFS."""
    blocks = np.convolve(steps, np.ones(4), mode="valid") / (4 * step)
    with np.errstate(divide="ignore"):
        levels = -0.691 + 10 * np.log10(blocks)
    gated = blocks[levels >= SILENT_LUFS]
    if not len(gated):
        return -math.inf
    relative = -0.691 + 10 * math.log10(gated.mean()) - 10
    kept = blocks[(levels >= SILENT_LUFS) & (levels > relative)]
    return -0.691 + 10 * math.log10(kept.mean())


def loudness(samples: Samples, rate: int = SAMPLE_RATE) -> float:
    """Integrated loudness of ``samples`` in LUFS (−inf for silence)."""
    meter = LoudnessMeter(rate)
    meter.add(samples)
    return meter.integrated()


_BOUND = float(np.abs(_TRUE_PEAK_FILTER.reshape(-1, _OVERSAMPLE)).sum(axis=0).max())
"""No interpolated value exceeds this times the largest nearby sample: the filter's largest phase gain."""
_BLOCK = 16
"""Samples per block when looking for places where an inter-sample peak could matter (> the filter's reach)."""


def peak_envelope(samples: Samples, above: float = 0.0) -> Samples:
    """Per sample, the largest magnitude among its 4× oversampled neighbours (the inter-sample peaks).

    With ``above``, oversampling is done only where a peak could exceed it
    (where :data:`_BOUND` times the nearby sample peak does); elsewhere the
    sample magnitude stands in, which is then also at or below ``above``.
    Speech spends most of its time far under the ceiling, so this is
    several times cheaper and exact wherever the limiter or the check looks.
    """
    if above <= 0 or len(samples) < 4 * _BLOCK:
        return _oversampled_envelope(samples)
    magnitude = np.abs(samples)
    count = -(-len(samples) // _BLOCK)
    padded = np.zeros(count * _BLOCK, dtype=np.float32)
    padded[: len(samples)] = magnitude
    block_peak = padded[0::_BLOCK].copy()
    for k in range(1, _BLOCK):
        np.maximum(block_peak, padded[k::_BLOCK], out=block_peak)
    near = block_peak.copy()  # the filter reaches 6 samples either way: neighbouring blocks suffice
    np.maximum(near[1:], block_peak[:-1], out=near[1:])
    np.maximum(near[:-1], block_peak[1:], out=near[:-1])
    blocks = np.flatnonzero(near * _BOUND > above)
    if not len(blocks):
        return magnitude
    if len(blocks) > count // 2:
        return _oversampled_envelope(samples)
    envelope = magnitude
    cuts = np.flatnonzero(np.diff(blocks) > 32)  # runs closer than 512 samples are done as one
    for first, last in zip(blocks[np.r_[0, cuts + 1]], blocks[np.r_[cuts, len(blocks) - 1]], strict=True):
        start, end = int(first) * _BLOCK, min(len(samples), (int(last) + 1) * _BLOCK)
        low, high = max(0, start - _BLOCK), min(len(samples), end + _BLOCK)
        envelope[start:end] = _oversampled_envelope(samples[low:high])[start - low : end - low]
    return envelope


def _oversampled_envelope(samples: Samples) -> Samples:
    """:func:`peak_envelope` computed everywhere."""
    if not len(samples):
        return samples
    up = signal.upfirdn(_TRUE_PEAK_FILTER, samples, up=_OVERSAMPLE)
    delay = (len(_TRUE_PEAK_FILTER) - 1) // 2
    up = np.abs(up[delay : delay + _OVERSAMPLE * len(samples)])
    envelope: Samples = np.abs(samples)
    for phase in range(_OVERSAMPLE):  # strided maxima: far faster than a max over a short axis
        np.maximum(envelope, up[phase::_OVERSAMPLE], out=envelope)
    return envelope


def true_peak(samples: Samples) -> float:
    """True peak in dBTP, measured with 4× oversampling (−inf for silence)."""
    if not len(samples):
        return -math.inf
    sample_peak = float(np.abs(samples).max())
    return db(float(peak_envelope(samples, above=sample_peak).max()))


def limit(samples: Samples, ceiling_dbtp: float, rate: int = SAMPLE_RATE, envelope: Samples | None = None) -> Samples:
    """Lower the gain just around peaks so the true peak stays at or below ``ceiling_dbtp``.

    The gain a peak needs is held for 5 ms either side and then averaged over
    the same span, so the gain never exceeds what any nearby peak allows and
    changes too smoothly to click. The gain aims 0.2 dB under the ceiling to
    absorb the small overshoot that the gain change itself causes.
    ``envelope`` (from :func:`peak_envelope`) may be passed when already known.
    """
    if not len(samples):
        return samples
    if envelope is None:
        envelope = peak_envelope(samples, above=10 ** ((ceiling_dbtp - 0.2) / 20))
    gain = limiter_gain(envelope, ceiling_dbtp, rate)
    return samples if gain is None else (samples * gain).astype(np.float32)


def limiter_gain(envelope: Samples, ceiling_dbtp: float, rate: int = SAMPLE_RATE) -> Samples | None:
    """The per-sample gain :func:`limit` applies for this peak envelope (None when no peak needs it)."""
    ceiling = 10 ** ((ceiling_dbtp - 0.2) / 20)
    if not len(envelope) or envelope.max() <= ceiling:
        return None
    needed = np.minimum(1.0, ceiling / np.maximum(envelope, 1e-12)).astype(np.float32)
    span = 2 * max(1, round(0.005 * rate)) + 1
    gain: Samples = np.ones_like(needed)
    # Away from the peaks the gain is 1: filter only the stretches around them (a gain change reaches 2 spans).
    peaks = np.flatnonzero(needed < 1.0)
    cuts = np.flatnonzero(np.diff(peaks) > 4 * span)
    for first, last in zip(peaks[np.r_[0, cuts + 1]], peaks[np.r_[cuts, len(peaks) - 1]], strict=True):
        low, high = max(0, int(first) - 2 * span), min(len(needed), int(last) + 1 + 2 * span)
        held = ndimage.minimum_filter1d(needed[low:high], span, mode="nearest")
        gain[low:high] = np.minimum(ndimage.uniform_filter1d(held, span, mode="nearest"), needed[low:high])
    return gain


@dataclass(frozen=True)
class Mastered:
    """Samples ready to encode, with their loudness."""

    samples: Samples
    """Mono float32 at :data:`SAMPLE_RATE`."""
    loudness: float
    """Integrated loudness in LUFS."""


def master(samples: Samples, target_lufs: float, ceiling_dbtp: float = CEILING_DBTP - CODEC_HEADROOM) -> Mastered:
    """Gain to ``target_lufs`` integrated, then limit to ``ceiling_dbtp`` true peak.

    Limiting lowers the loudness, the more so the peakier the voice, so the
    gain before the limiter is found by the secant method until the result is
    within 0.1 LU of the target. The search is cheap because the limiter's
    gain changes slowly: the K-weighting of the limited signal is taken as
    the limiter gain times the K-weighted input, computed once. The result is
    then measured exactly and, if the estimate was off, corrected once more.
    Silence cannot be normalized and raises :class:`SpeechError`.
    """
    meter = LoudnessMeter(SAMPLE_RATE)
    weighted = meter.weighted(samples)
    step = round(0.1 * SAMPLE_RATE)
    whole = len(samples) // step * step

    def estimate(curve: npt.NDArray[np.float32] | float) -> float:
        power = np.square(weighted * curve)
        if whole < 4 * step:
            return loudness((samples * curve).astype(np.float32))
        return gated_loudness(power[:whole].reshape(-1, step).sum(axis=1), step)

    level = estimate(1.0)
    if level < SILENT_LUFS:
        raise SpeechError("the voice produced silence for this text; nothing was written.")
    ceiling = 10 ** ((ceiling_dbtp - 0.2) / 20)
    envelope = np.zeros(0, dtype=np.float32)
    envelope_gain = -math.inf  # the highest gain (dB) the envelope is exact enough for

    def curve_for(gain_db: float) -> npt.NDArray[np.float32] | float:
        nonlocal envelope, envelope_gain
        if gain_db > envelope_gain:  # it scales with the gain, so it is measured once (with room to search)
            envelope_gain = gain_db + 3.0
            envelope = peak_envelope(samples, above=ceiling / 10 ** (envelope_gain / 20))
        factor = 10 ** (gain_db / 20)
        limiter = limiter_gain((envelope * np.float32(factor)).astype(np.float32), ceiling_dbtp)
        return factor if limiter is None else limiter * np.float32(factor)

    gain = target_lufs - level
    previous: tuple[float, float] | None = None
    for _ in range(2):  # the exact measurement may send the search round once more
        for _ in range(8):
            curve = curve_for(gain)
            level = estimate(curve)
            if abs(level - target_lufs) <= 0.1:
                break
            slope = 1.0 if previous is None else (level - previous[1]) / (gain - previous[0])
            previous = (gain, level)
            gain += min((target_lufs - level) / max(slope, 0.1), 12.0)
        out = (samples * curve).astype(np.float32)
        level = loudness(out)
        if abs(level - target_lufs) <= 0.2:
            break
        gain += target_lufs - level
        previous = None
    return Mastered(out, level)


class Encoder:
    """Streams samples at :data:`SAMPLE_RATE` into one encoded file (MP3 or Ogg Opus)."""

    def __init__(self, extension: str, sink: io.BufferedIOBase | io.BytesIO, compensate: bool = True) -> None:
        if extension not in FORMATS:
            raise ConfigError(f"cannot write .{extension} audio; choose one of: {', '.join(FORMATS)}.")
        self.extension = extension
        self.sink = sink
        self._scale = np.float32(1.0 / codec_gain(extension)) if compensate else np.float32(1.0)
        self._lame: lameenc.Encoder | None = None
        self._ogg: soundfile.SoundFile | None = None
        if extension == "mp3":
            self._lame = lameenc.Encoder()
            self._lame.set_bit_rate(MP3_BITRATE)
            self._lame.set_in_sample_rate(SAMPLE_RATE)
            self._lame.set_channels(1)
            self._lame.set_quality(MP3_QUALITY)
        else:
            self._ogg = soundfile.SoundFile(sink, "w", SAMPLE_RATE, 1, format="OGG", subtype="OPUS")

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
def codec_gain(extension: str) -> float:
    """How much the codec changes the level, measured once per process on a 1 kHz tone.

    LAME as built into ``lameenc`` writes MP3 at 0.95 of the input (−0.45 dB),
    which would leave every narration short of its target; encoders divide it out.
    """
    tone = (0.25 * np.sin(2 * np.pi * 1000 * np.arange(SAMPLE_RATE) / SAMPLE_RATE)).astype(np.float32)
    decoded, _ = decode(encode(tone, extension, compensate=False).data)
    middle = decoded[len(decoded) // 4 : 3 * len(decoded) // 4]
    gain = float(np.sqrt(np.mean(np.square(middle))) / np.sqrt(np.mean(np.square(tone))))
    return gain if 0.5 < gain < 2.0 else 1.0


def encode(samples: Samples, extension: str, compensate: bool = True) -> AudioFile:
    """One encoded file of ``samples`` (mono, :data:`SAMPLE_RATE`) as ``extension``: "mp3" or "ogg"."""
    buffer = io.BytesIO()
    encoder = Encoder(extension, buffer, compensate)
    encoder.write(samples)
    encoder.close()
    return AudioFile(buffer.getvalue(), FORMATS[extension], extension)


def decode_blocks(data: bytes, seconds: float = 30.0) -> Iterable[tuple[Samples, int]]:
    """Decode an encoded file back to mono samples, a block at a time, with its rate."""
    try:
        with soundfile.SoundFile(io.BytesIO(data)) as handle:
            for block in handle.blocks(blocksize=max(1, round(seconds * handle.samplerate)), dtype="float32"):
                yield as_samples(block), handle.samplerate
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


def measure(file: AudioFile, with_loudness: bool = True) -> Measurement:
    """Decode ``file`` and measure it the way a listener's player will hear it.

    Without ``with_loudness`` only the true peak and duration are measured
    (loudness is then NaN), which is all the post-encode check needs.
    """
    meter: LoudnessMeter | None = None
    peak = -math.inf
    frames = 0
    rate = SAMPLE_RATE
    tail = np.zeros(0, dtype=np.float32)
    for block, rate in decode_blocks(file.data):
        if with_loudness:
            meter = meter or LoudnessMeter(rate)
            meter.add(block)
        frames += len(block)
        peak = max(peak, true_peak(np.concatenate([tail, block])))  # overlap: peaks at block edges count
        tail = block[-32:]
    level = (meter.integrated() if meter else -math.inf) if with_loudness else math.nan
    return Measurement(level, peak, frames / rate)


def deliver(mastered: Mastered, formats: Sequence[str]) -> tuple[tuple[AudioFile, ...], list[Measurement]]:
    """Encode ``mastered`` in each format and check the true peak of what was written.

    If a codec's overshoot still crosses :data:`CEILING_DBTP`, the samples are
    limited by the excess (plus a margin) and encoded again. Returns the files
    and what each measures: true peak and duration decoded, loudness as
    mastered (the encoders compensate the codec's level, see :func:`codec_gain`).
    """
    files: list[AudioFile] = []
    measured: list[Measurement] = []
    for extension in formats:
        samples = mastered.samples
        for _ in range(3):
            file = encode(samples, extension)
            decoded = measure(file, with_loudness=False)
            if decoded.true_peak <= CEILING_DBTP:
                break
            samples = limit(samples, true_peak(samples) - (decoded.true_peak - CEILING_DBTP) - 0.2)
        files.append(file)
        measured.append(Measurement(mastered.loudness, decoded.true_peak, decoded.duration))
    return tuple(files), measured


@dataclass(frozen=True)
class Recorded:
    """A finished recording: the files and how they measure."""

    files: tuple[AudioFile, ...]
    """One encoded file per requested format, in the order asked."""
    duration: float
    """Length in seconds."""
    loudness: float
    """Integrated loudness in LUFS: as mastered (codec level compensated) when short, of the decoded file when long."""
    true_peak: float
    """Highest true peak among the decoded files, in dBTP."""


class Recording:
    """Speech pieces in, finished files out: pauses, mastering and encoding in order.

    A short recording (a summary) is mastered whole and each file checked by
    decoding it. A long one (an article read aloud) is mastered in blocks of
    about ``block_seconds`` and streamed into the encoders as it goes, so
    hours of speech never sit in memory as samples; each block is brought to
    the target loudness, so the whole is too.
    """

    def __init__(self, formats: Sequence[str], target_lufs: float, block_seconds: float = 120.0) -> None:
        unknown = [f for f in formats if f not in FORMATS]
        if unknown or not formats:
            raise ConfigError(f"cannot write audio as {', '.join(unknown) or 'nothing'}; choose from: {', '.join(FORMATS)}.")
        self.formats = tuple(dict.fromkeys(formats))
        self.target_lufs = target_lufs
        self._block = round(block_seconds * SAMPLE_RATE)
        self._pending: list[Samples] = []
        self._pending_length = 0
        self._written = 0
        self._spoken = False
        self._sinks: list[io.BytesIO] = []
        self._encoders: list[Encoder] = []

    @property
    def elapsed(self) -> float:
        """Seconds recorded so far: where the next piece will start."""
        return (self._written + self._pending_length) / SAMPLE_RATE

    def add(self, samples: Samples, rate: int) -> float:
        """Append speech at ``rate``; returns its length in seconds."""
        samples = resample(as_samples(samples), rate)
        if len(samples) and float(np.abs(samples).max()) > 0:
            self._spoken = True
        self._append(samples)
        return len(samples) / SAMPLE_RATE

    def pause(self, seconds: float) -> None:
        """Append silence."""
        self._append(pause(seconds))

    def _append(self, samples: Samples) -> None:
        self._pending.append(samples)
        self._pending_length += len(samples)
        if self._pending_length >= self._block:
            self._flush_block()

    def _flush_block(self) -> None:
        block = np.concatenate(self._pending) if self._pending else np.zeros(0, dtype=np.float32)
        self._pending, self._pending_length = [], 0
        if not self._encoders:
            self._sinks = [io.BytesIO() for _ in self.formats]
            self._encoders = [Encoder(f, sink) for f, sink in zip(self.formats, self._sinks, strict=True)]
        if loudness(block) >= SILENT_LUFS:  # a block of pauses only stays silent
            block = master(block, self.target_lufs).samples
        for encoder in self._encoders:
            encoder.write(block)
        self._written += len(block)

    def finish(self) -> Recorded:
        """Master what is left, close the files, and measure them decoded."""
        if not self._spoken:
            raise SpeechError("the voice produced silence for this text; nothing was written.")
        if not self._encoders:  # short: master whole, check each file by decoding it
            whole = np.concatenate(self._pending)
            files, measured = deliver(master(whole, self.target_lufs), self.formats)
            duration = len(whole) / SAMPLE_RATE
        else:
            if self._pending:
                self._flush_block()
            for encoder in self._encoders:
                encoder.close()
            files = tuple(AudioFile(s.getvalue(), FORMATS[f], f) for f, s in zip(self.formats, self._sinks, strict=True))
            measured = [measure(f) for f in files]
            duration = self._written / SAMPLE_RATE
        if measured[0].loudness < SILENT_LUFS:
            raise SpeechError("the encoded audio is silent; nothing was written.")
        return Recorded(files, duration, measured[0].loudness, max(m.true_peak for m in measured))
