"""Pieces: a box made bullet by bullet, each mastered and encoded alone, then joined exactly.

A summary used to be mastered and encoded whole, so editing one bullet made
every bullet's audio again. Here each bullet is a :class:`Piece`: mastered
on its own to the loudness target (so the whole box is at the target too:
integrated loudness of pieces that each measure the target, joined by
silence that the gate leaves out), with its Opus packets when Ogg is asked
for. A piece depends only on its own speech and the silence after it, so it
can be kept (see :mod:`khulasa.speech.spoken`) and a box whose one bullet
changed joins the kept pieces with one new one.

Joining is exact: the MP3 is encoded from the joined samples (LAME is cheap,
and MP3 frames cannot be joined without a gap of encoder delay and padding
at each seam), and the Ogg file is the pieces' Opus packets spliced
(:mod:`~khulasa.speech.audio.splicing`), each landing at the sample where
its bullet starts. A box made with cached pieces is the same, byte for
byte, as the box made from nothing.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from khulasa.errors import ConfigError, SpeechError
from khulasa.model import AudioFile
from khulasa.speech.audio import splicing
from khulasa.speech.audio.codecs import FORMATS, Measurement, encode, measure
from khulasa.speech.audio.levels import CEILING_DBTP, SILENT_LUFS, Samples, loudness, true_peak
from khulasa.speech.audio.mastering import Mastered, limit, master
from khulasa.speech.audio.recording import Recorded, deliver


@dataclass(frozen=True)
class Piece:
    """One bullet's audio, ready to join: mastered samples, the silence after them, and its Opus packets."""

    samples: Samples
    """The bullet's speech mastered to the loudness target, mono float32 at the box's rate."""
    silence_after: int
    """Samples of silence that follow it in the box (0 for the last bullet)."""
    loudness: float
    """Integrated loudness of ``samples`` in LUFS."""
    true_peak: float
    """True peak of ``samples`` in dBTP."""
    ogg: bytes = b""
    """The piece (samples and silence) as Ogg Opus encoded for splicing, or empty when Ogg is not made."""
    ogg_peak: float = -math.inf
    """True peak of ``ogg`` decoded, in dBTP."""

    @property
    def length(self) -> int:
        """Samples the piece spans in the box, its silence included."""
        return len(self.samples) + self.silence_after


def padded(speech: Samples, rate: int, last: bool, ogg: bool) -> Samples:
    """``speech`` with silence added to end on a 20 ms Opus packet when Ogg is made (the last bullet ends where it ends).

    The bullet's own trailing silence grows by under 20 ms, so the pause
    after it keeps its length exactly.
    """
    if last or not ogg:
        return speech
    short = -len(speech) % splicing.opus_frame(rate)
    return np.concatenate([speech, np.zeros(short, dtype=np.float32)]) if short else speech


def silence_after(pause: int, rate: int, last: bool, ogg: bool) -> int:
    """Samples of silence after a bullet: ``pause`` (to the nearest whole Opus packet when Ogg is made), none after the last."""
    if last:
        return 0
    if not ogg:
        return pause
    frame = splicing.opus_frame(rate)
    return max(1, round(pause / frame)) * frame


def make_piece(speech: Samples, rate: int, target_lufs: float, after: int, ogg: bool, last: bool) -> Piece:
    """``speech`` mastered to ``target_lufs`` and, with ``ogg``, encoded as a spliceable Opus piece within the ceiling.

    A bullet the voice made silent is kept silent (it cannot be brought to a loudness).
    """
    if loudness(speech, rate) < SILENT_LUFS:
        mastered = Mastered(speech, -math.inf, true_peak(speech), rate)
    else:
        mastered = master(speech, target_lufs, rate=rate)
    if not ogg:
        return Piece(mastered.samples, after, mastered.loudness, mastered.true_peak)
    whole = np.concatenate([mastered.samples, np.zeros(after, dtype=np.float32)])
    block = whole[: splicing.opus_input(len(whole), rate, last)]
    for _ in range(3):  # Opus overshoots peaky speech by up to 2 dB: limit the piece by the excess, as deliver() does
        file = encode(block, "ogg", rate=rate)
        decoded = measure(file, with_loudness=False)
        if decoded.true_peak <= CEILING_DBTP:
            break
        block = limit(block, true_peak(block) - (decoded.true_peak - CEILING_DBTP) - 0.2, rate)
    return Piece(mastered.samples, after, mastered.loudness, mastered.true_peak, file.data, decoded.true_peak)


def join(pieces: Sequence[Piece], formats: Sequence[str], rate: int) -> Recorded:
    """The pieces end to end as one file per format (MP3 encoded from the joined samples, Ogg spliced)."""
    unknown = [f for f in formats if f not in FORMATS]
    if unknown or not formats:
        raise ConfigError(f"cannot write audio as {', '.join(unknown) or 'nothing'}; choose from: {', '.join(FORMATS)}.")
    if not pieces:
        raise SpeechError("there is no speech to join; nothing was written.")
    parts: list[Samples] = []
    for piece in pieces:
        parts.append(piece.samples)
        if piece.silence_after:
            parts.append(np.zeros(piece.silence_after, dtype=np.float32))
    whole = np.concatenate(parts)
    level = loudness(whole, rate)
    if level < SILENT_LUFS:
        raise SpeechError("the voice produced silence for this text; nothing was written.")
    peak = max(piece.true_peak for piece in pieces)
    files: list[AudioFile] = []
    measured: list[Measurement] = []
    for extension in dict.fromkeys(formats):
        if extension == "ogg":
            if any(not piece.ogg for piece in pieces):
                raise SpeechError("an Ogg piece is missing; the pieces were made without Ogg.")
            data = splicing.splice([splicing.parse(piece.ogg) for piece in pieces], len(whole), rate)
            files.append(AudioFile(data, FORMATS["ogg"], "ogg"))
            measured.append(Measurement(level, max(piece.ogg_peak for piece in pieces), len(whole) / rate))
        else:
            made, checked = deliver(Mastered(whole, level, peak, rate), (extension,))
            files += made
            measured += checked
    return Recorded(tuple(files), len(whole) / rate, level, max(m.true_peak for m in measured))
