"""Levels: samples, loudness (ITU-R BS.1770, gated) and true peak, measured in blocks so hours of audio need not be held."""

from __future__ import annotations

import math

import numpy as np
import numpy.typing as npt
from pyloudnorm.iirfilter import IIRfilter
from scipy import signal

from khulasa.errors import SpeechError

Samples = npt.NDArray[np.float32]

SAMPLE_RATE = 24_000
"""The rate audio is brought to when nothing else decides: Opus takes it, and LAME (MPEG-2 layer III) does too."""
OPUS_RATES = frozenset({8_000, 12_000, 16_000, 24_000, 48_000})
"""Rates Opus encodes natively; other audio is resampled to :data:`SAMPLE_RATE` when Ogg is asked for."""
CEILING_DBTP = -1.0
"""Highest true peak allowed in a delivered file, in dBTP."""
CODEC_HEADROOM = 1.0
"""Room left below the ceiling before encoding, in dB, for the codec's overshoot."""
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
