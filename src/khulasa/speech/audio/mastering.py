"""Mastering: gain to the target loudness, then a true-peak limiter, with the limiter's effect on loudness computed exactly."""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
from scipy import ndimage, signal

from khulasa.errors import SpeechError
from khulasa.speech.audio.levels import (
    _FLOOR,
    CEILING_DBTP,
    CODEC_HEADROOM,
    SAMPLE_RATE,
    SILENT_LUFS,
    LoudnessMeter,
    Samples,
    _envelope,
    _ranges,
    db,
    gated_loudness,
    loudness,
    peak_envelope,
    true_peak,
)


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
