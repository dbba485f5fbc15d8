"""Ogg Opus pieces encoded one by one and spliced into one file, each landing where it starts in the samples."""

from __future__ import annotations

import numpy as np
import pytest

from khulasa.errors import SpeechError
from khulasa.speech import audio
from khulasa.speech.audio import splicing

RATE = 24_000


def tone(seconds: float, pitch: float, silence: float) -> np.ndarray:
    """A swelling tone, then silence: a stand-in for a bullet and the pause after it."""
    count = round(seconds * RATE)
    sound = (0.3 * np.sin(2 * np.pi * pitch * np.arange(count) / RATE) * np.hanning(count)).astype(np.float32)
    return np.concatenate([sound, np.zeros(round(silence * RATE), dtype=np.float32)])


def padded(samples: np.ndarray) -> np.ndarray:
    return np.concatenate([samples, np.zeros(-len(samples) % splicing.opus_frame(RATE), dtype=np.float32)])


def test_spliced_pieces_decode_to_the_joined_samples() -> None:
    pieces = [padded(tone(1.3, 440, 0.6)), padded(tone(1.7, 330, 0.6)), tone(1.1, 550, 0.0)]
    whole = np.concatenate(pieces)
    encoded = [
        splicing.parse(audio.encode(p[: splicing.opus_input(len(p), RATE, i == len(pieces) - 1)], "ogg").data)
        for i, p in enumerate(pieces)
    ]
    decoded, rate = audio.decode(splicing.splice(encoded, len(whole), RATE))
    assert rate == RATE and len(decoded) == len(whole)
    reference, _ = audio.decode(audio.encode(whole, "ogg").data)
    error = float(np.sqrt(np.mean(np.square(decoded - whole))))
    assert error < 2 * float(np.sqrt(np.mean(np.square(reference - whole)))) + 1e-3  # as close as one encoding of the whole
    shifted = float(np.sqrt(np.mean(np.square(decoded[10:] - whole[:-10]))))
    assert error < shifted / 3  # and in place: ten samples off is far worse


def test_a_piece_must_end_on_a_packet() -> None:
    with pytest.raises(SpeechError, match="20 ms"):
        splicing.opus_input(1000, RATE, last=False)
    assert splicing.opus_input(1000, RATE, last=True) == 1000
    assert splicing.opus_input(4800, RATE, last=False) == 4800 - 156


def test_a_damaged_page_is_refused() -> None:
    data = bytearray(audio.encode(tone(0.5, 440, 0.0), "ogg").data)
    data[len(data) // 2] ^= 0xFF
    with pytest.raises(SpeechError, match="checksum"):
        splicing.parse(bytes(data))
    with pytest.raises(SpeechError):
        splicing.parse(b"not an ogg file at all")


@pytest.mark.parametrize(
    ("packet", "samples"),
    [(bytes([0x68]), 960), (bytes([0x60]), 480), (bytes([0xFD, 0x10]), 1920), (bytes([0x18]), 2880), (bytes([0xFB, 0x03]), 2880)],
)
def test_a_packet_says_how_long_it_plays(packet: bytes, samples: int) -> None:
    assert splicing.packet_samples(packet) == samples
