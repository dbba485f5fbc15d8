"""Audio: loudness, true peak, pauses and encoding, all in-process.

Every narration leaves here mono, normalized to the configured integrated
loudness (ITU-R BS.1770 K-weighted, gated) and held at or below
:data:`CEILING_DBTP` true peak *after* encoding: lossy codecs add overshoot,
so mastering leaves :data:`CODEC_HEADROOM` dB of room. MP3 comes from LAME
(``lameenc``), Opus in Ogg from libsndfile (``soundfile``); no ffmpeg binary
is involved.

Speed matters here (a summary's MP3 is due in well under 150 ms), so the
work is cut where it does not change the result: audio stays at the voice's
own rate unless Opus needs another; the K-weighting is filtered once and the
limiter's effect on loudness computed exactly from the stretches it touches;
true peak is oversampled only where it could matter. LAME's overshoot at our
settings stays under the headroom (``bench/speech.py`` decodes every output
to show it), so MP3 is not decoded back on the way out; Opus is.

The meters work on blocks, so a whole article read aloud can be measured and
encoded piece by piece without holding hours of samples in memory; given a
file per format (a *sink*), :class:`Recording` hands the encoded bytes over
as they come too, so a book's narration costs one block of memory, not
hundreds of megabytes of MP3.
"""

from __future__ import annotations

import functools
import io
import math
from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass
from typing import BinaryIO

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
"""The rate audio is brought to when nothing else decides: Opus takes it, and LAME (MPEG-2 layer III) does too."""
OPUS_RATES = frozenset({8_000, 12_000, 16_000, 24_000, 48_000})
"""Rates Opus encodes natively; other audio is resampled to :data:`SAMPLE_RATE` when Ogg is asked for."""
CEILING_DBTP = -1.0
"""Highest true peak allowed in a delivered file, in dBTP."""
CODEC_HEADROOM = 1.0
"""Room left below the ceiling before encoding, in dB, for the codec's overshoot."""
MP3_BITRATE = 64
"""MP3 bit rate in kbit/s: clear speech at 22–24 kHz mono."""
MP3_QUALITY = 7
"""LAME's speed/quality trade-off (0 best, 9 fastest): 7 is clean for speech, twice as fast as 5, as fast as 9."""
CHECKED = frozenset({"ogg"})
"""Formats decoded after encoding to check the true peak. MP3 is not: LAME's overshoot stays under
:data:`CODEC_HEADROOM` (measured on every output by ``bench/speech.py``, and in the tests)."""
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
        weighted, self._state = signal.sosfilt(self._sos, np.add(samples, _FLOOR, dtype=np.float64), zi=self._state)
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
        out: npt.NDArray[np.float64] = signal.sosfilt(self._sos, np.add(samples, _FLOOR, dtype=np.float64))
        return out


_FLOOR = 1e-20
"""Added to what the K-weighting filters: a constant it removes, which keeps a decaying response out of
subnormal numbers (20× slower to compute), as after a limiter's change or in long pauses."""


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
_TAPS = len(_TRUE_PEAK_FILTER) // _OVERSAMPLE
_PHASES = np.stack(
    [_TRUE_PEAK_FILTER[(phase + _OVERSAMPLE - 1) % _OVERSAMPLE :: _OVERSAMPLE][::-1] for phase in range(_OVERSAMPLE)], axis=1
).tolist()
"""The filter as 12 rows of 4 coefficients, one per output phase, for a window of 12 samples (see :func:`_interpolated`)."""
_REACH = 6
"""Samples the interpolation filter reaches either way from the stretch between two samples."""


def peak_envelope(samples: Samples, above: float = 0.0) -> Samples:
    """Per sample, the largest magnitude among its 4× oversampled neighbours (the inter-sample peaks).

    With ``above``, oversampling is done only where a peak could exceed it
    (where :data:`_BOUND` times some sample within the filter's reach
    does); elsewhere the sample magnitude stands in, which is then also at
    or below ``above``. Speech spends most of its time far under the
    ceiling, so this is many times cheaper, and exact (to the last bit)
    wherever the limiter or the check looks.
    """
    if above <= 0 or not len(samples):
        return _interpolated(samples, np.array([0]), np.array([len(samples)]))
    return _envelope(samples, np.abs(samples), above)


def _envelope(samples: Samples, magnitude: Samples, above: float) -> Samples:
    """:func:`peak_envelope` given the samples' magnitudes (not changed)."""
    near = _within_reach(magnitude > np.float32(above / _BOUND * (1 - 1e-6)))
    if np.count_nonzero(near) > len(samples) // 3:
        return _interpolated(samples, np.array([0]), np.array([len(samples)]))
    envelope = magnitude.copy()
    edges = np.diff(near.view(np.int8), prepend=np.int8(0), append=np.int8(0))
    starts, ends = np.flatnonzero(edges == 1), np.flatnonzero(edges == -1)
    if len(starts):
        envelope[near] = _interpolated(samples, starts, ends)
    return envelope


def _within_reach(loud: npt.NDArray[np.bool_]) -> npt.NDArray[np.bool_]:
    """Per sample, whether any sample within :data:`_REACH` either way is ``loud`` (by doubling spans)."""
    padded = np.zeros(len(loud) + 2 * _REACH, dtype=np.bool_)
    padded[_REACH : _REACH + len(loud)] = loud
    two = padded[:-1] | padded[1:]  # i … i+1
    four = two[:-2] | two[2:]  # i … i+3
    eight = four[:-4] | four[4:]  # i … i+7
    out: npt.NDArray[np.bool_] = eight[:-5] | eight[5:]  # i … i+12, that is n-6 … n+6 for sample n = i
    return out


def _interpolated(samples: Samples, starts: npt.NDArray[np.intp], ends: npt.NDArray[np.intp]) -> Samples:
    """:func:`peak_envelope` exactly, for the stretches ``samples[start:end]``, one after another.

    Oversampled value 4n + p is 12 samples around n weighted by one column
    of :data:`_PHASES` (phase 0 centred on n, the others between n and
    n + 1). Each phase is summed tap by tap over all the stretches at once,
    laid end to end with the 12 samples of context each needs (no
    zero-stuffed signal is built; the values that straddle two stretches are
    dropped), so a value comes out bit for bit the same whichever stretch it
    was computed in.
    """
    if not len(samples):
        return np.zeros(0, dtype=np.float32)
    if len(starts) == 1 and starts[0] >= _REACH and ends[0] + _REACH <= len(samples):
        window = samples[int(starts[0]) - _REACH : int(ends[0]) + _REACH]
    else:  # samples start-6 … end+5 of each stretch, end to end, zeros past the ends of the signal
        at = _ranges(starts - _REACH, ends - starts + _TAPS)
        window = samples[np.clip(at, 0, len(samples) - 1)]
        window[(at < 0) | (at >= len(samples))] = 0.0
    count = len(window) - _TAPS
    columns = [window[j : j + count] for j in range(_TAPS + 1)]  # column j: the sample j - 6 places from each
    envelope: Samples = np.abs(columns[_REACH])
    total = np.empty(count, dtype=np.float32)
    term = np.empty(count, dtype=np.float32)
    for phase in range(_OVERSAMPLE):
        shift = 0 if phase == 0 else 1
        np.multiply(columns[shift], np.float32(_PHASES[0][phase]), out=total)
        for tap in range(1, _TAPS):
            np.multiply(columns[shift + tap], np.float32(_PHASES[tap][phase]), out=term)
            total += term
        np.maximum(envelope, np.abs(total, out=total), out=envelope)
    if len(starts) == 1:
        return envelope
    keep = np.ones(count, dtype=np.bool_)
    lengths = ends - starts
    straddling = np.cumsum(lengths + _TAPS)[:-1] - _TAPS  # where each stretch's values end
    keep[(straddling[:, None] + np.arange(_TAPS)).ravel()] = False
    return envelope[keep]


def _ranges(starts: npt.NDArray[np.intp], lengths: npt.NDArray[np.intp]) -> npt.NDArray[np.intp]:
    """``range(start, start + length)`` for each pair, one after another, as one array."""
    ends = np.cumsum(lengths)
    steps = np.ones(int(ends[-1]), dtype=np.intp)
    steps[0] = starts[0]
    steps[ends[:-1]] = starts[1:] - (starts[:-1] + lengths[:-1] - 1)  # jump from one range's last to the next's first
    return np.cumsum(steps)


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
    gain, _ = _limiter(envelope, 1.0, ceiling_dbtp, rate)
    return gain


def _limiter(
    envelope: Samples, factor: float, ceiling_dbtp: float, rate: int
) -> tuple[Samples | None, list[tuple[int, int]]]:
    """:func:`limiter_gain` for ``envelope`` times ``factor``, and the stretches where the gain may be below 1.

    Away from the peaks the gain is 1, so only the stretches around them are
    computed (a gain change reaches two spans either way of a peak).
    """
    ceiling = 10 ** ((ceiling_dbtp - 0.2) / 20)
    scale = np.float32(factor)
    peaks = np.flatnonzero(envelope > np.float32(ceiling / factor * (1 - 1e-6)))
    if len(peaks):
        peaks = peaks[envelope[peaks] * scale > ceiling]
    if not len(peaks):
        return None, []
    span = 2 * max(1, round(0.005 * rate)) + 1
    cuts = np.flatnonzero(np.diff(peaks) > 4 * span)
    stretches = [
        (max(0, int(first) - 2 * span), min(len(envelope), int(last) + 1 + 2 * span))
        for first, last in zip(peaks[np.r_[0, cuts + 1]], peaks[np.r_[cuts, len(peaks) - 1]], strict=True)
    ]
    # The stretches end to end: each begins and ends with two spans where nothing is needed (1), so the
    # filters' windows reach only 1s across the joins, as they would beyond the ends of each one alone.
    joined = np.concatenate([envelope[low:high] for low, high in stretches]) * scale
    needed = np.minimum(np.float32(1.0), ceiling / np.maximum(joined, np.float32(1e-12)))
    held = ndimage.minimum_filter1d(needed, span, mode="nearest")
    smooth = np.minimum(ndimage.uniform_filter1d(held, span, mode="nearest"), needed)
    gain: Samples = np.ones(len(envelope), dtype=np.float32)
    offset = 0
    for low, high in stretches:
        gain[low:high] = smooth[offset : offset + high - low]
        offset += high - low
    return gain, stretches


@dataclass(frozen=True)
class Mastered:
    """Samples ready to encode, with their loudness and true peak."""

    samples: Samples
    """Mono float32 at ``rate``."""
    loudness: float
    """Integrated loudness in LUFS."""
    true_peak: float = math.nan
    """True peak in dBTP, measured on ``samples``."""
    rate: int = SAMPLE_RATE
    """Samples per second."""


_TAIL = 0.1
"""Seconds after which the K-weighting's response to a change has died away (below e^-20 of it: a 38 Hz high-pass)."""
_SEARCH_ROOM = 1.5
"""dB of gain above the current guess that a measured peak envelope stays valid for in :func:`master`."""


def master(
    samples: Samples, target_lufs: float, ceiling_dbtp: float = CEILING_DBTP - CODEC_HEADROOM, rate: int = SAMPLE_RATE
) -> Mastered:
    """Gain to ``target_lufs`` integrated, then limit to ``ceiling_dbtp`` true peak.

    Limiting lowers the loudness, the more so the peakier the voice, so the
    gain before the limiter is found by the secant method until the result is
    within 0.1 LU of the target. The input is K-weighted once; the search
    takes the limiter's slowly moving gain times the weighted input as the
    weighted result, and the result is then measured exactly (K-weighting is
    linear: the weighted input plus the weighted change the limiter makes,
    which is zero outside the stretches it touches and has died away
    :data:`_TAIL` after them), so the loudness reported is that of the
    samples returned. Only the 100 ms steps the limiter reaches are summed
    again, and true peak is oversampled only within reach of a peak.
    Silence cannot be normalized and raises :class:`SpeechError`.
    """
    meter = LoudnessMeter(rate)
    step = meter._step
    whole = len(samples) // step * step
    if whole < 4 * step:  # shorter than one gating block: measured whole each time, it is tiny
        return _master_short(samples, target_lufs, ceiling_dbtp, rate)
    weighted = meter.weighted(samples)
    rows = weighted[:whole].reshape(-1, step)
    powers = np.square(rows).sum(axis=1)
    tail = round(_TAIL * rate)

    def level_of(factor: float, limiter: Samples | None, stretches: list[tuple[int, int]], exact: bool) -> float:
        if limiter is None:
            return gated_loudness(powers * factor**2, step)
        changed = powers.copy()
        if exact:  # the weighted input plus the weighted change the limiter makes, which dies away within the tail
            spans = np.array(_merged(stretches, tail, whole), dtype=np.intp).reshape(-1, 2)
            spans = spans[spans[:, 0] < spans[:, 1]]
            if len(spans):
                pairs = spans.tolist()
                change = np.concatenate([samples[low:end] * (limiter[low:end] - np.float32(1.0)) for low, end in pairs])
                # The spans filtered end to end in one pass: what one leaves in the filter has died away (_TAIL).
                filtered = signal.sosfilt(meter._sos, np.add(change, _FLOOR, dtype=np.float64))
                result = np.zeros(whole, dtype=np.float64)
                offset = 0
                for low, end in pairs:
                    result[low:end] = filtered[offset : offset + end - low]
                    offset += end - low
                first, last = spans[:, 0] // step, (spans[:, 1] + step - 1) // step
                at = np.unique(_ranges(first, last - first))
                changed[at] = np.square(rows[at] + result.reshape(-1, step)[at]).sum(axis=1)
        else:  # the limiter's gain moves slowly: it nearly commutes with the filter
            at = np.unique(np.concatenate([np.arange(low // step, (high + step - 1) // step) for low, high in stretches]))
            at = at[at < len(rows)]
            changed[at] = np.square(rows[at] * limiter[:whole].reshape(-1, step)[at]).sum(axis=1)
        return gated_loudness(changed * factor**2, step)

    level = level_of(1.0, None, [], exact=True)
    if level < SILENT_LUFS:
        raise SpeechError("the voice produced silence for this text; nothing was written.")
    ceiling = 10 ** ((ceiling_dbtp - 0.2) / 20)
    magnitude = np.abs(samples)
    envelope = magnitude
    envelope_gain = -math.inf  # the highest gain (dB) the envelope is exact enough for

    def limiter_for(gain_db: float) -> tuple[Samples | None, list[tuple[int, int]]]:
        nonlocal envelope, envelope_gain
        if gain_db > envelope_gain:  # it scales with the gain, so it is measured once (with room to search)
            envelope_gain = gain_db + _SEARCH_ROOM
            envelope = _envelope(samples, magnitude, ceiling / 10 ** (envelope_gain / 20))
        return _limiter(envelope, 10 ** (gain_db / 20), ceiling_dbtp, rate)

    gain = target_lufs - level
    for _ in range(2):  # the exact measurement may send the search round once more
        previous: tuple[float, float] | None = None
        for _ in range(12):
            applied = gain
            limiter, stretches = limiter_for(applied)
            level = level_of(10 ** (applied / 20), limiter, stretches, exact=False)
            if abs(level - target_lufs) <= 0.1:
                break
            slope = 1.0 if previous is None else (level - previous[1]) / (applied - previous[0])
            previous = (applied, level)
            gain = applied + min((target_lufs - level) / max(slope, 0.1), 12.0)
        level = level_of(10 ** (applied / 20), limiter, stretches, exact=True)
        if abs(level - target_lufs) <= 0.2:
            break
        gain = applied + target_lufs - level
    factor = np.float32(10 ** (applied / 20))
    out: Samples = samples * factor if limiter is None else samples * (limiter * factor)
    out_magnitude = np.abs(out)
    peak = _envelope(out, out_magnitude, float(out_magnitude.max())).max()
    return Mastered(out, level, db(float(peak)), rate)


def _merged(stretches: list[tuple[int, int]], tail: int, length: int) -> list[tuple[int, int]]:
    """The stretches each extended by ``tail`` samples (not past ``length``), overlapping ones joined."""
    merged: list[tuple[int, int]] = []
    for low, high in stretches:
        end = min(length, high + tail)
        if merged and low <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], end))
        else:
            merged.append((low, end))
    return merged


def _master_short(samples: Samples, target_lufs: float, ceiling_dbtp: float, rate: int) -> Mastered:
    """:func:`master` for less than 0.4 s of audio, each guess measured on the limited result."""
    level = loudness(samples, rate)
    if level < SILENT_LUFS:
        raise SpeechError("the voice produced silence for this text; nothing was written.")
    gain = target_lufs - level
    out = samples
    for _ in range(8):
        out = limit((samples * np.float32(10 ** (gain / 20))).astype(np.float32), ceiling_dbtp, rate)
        level = loudness(out, rate)
        if abs(level - target_lufs) <= 0.1:
            break
        gain += target_lufs - level
    return Mastered(out, level, true_peak(out), rate)


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
