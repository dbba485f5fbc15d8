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

The package is read in the order sound goes through it: ``levels`` (samples,
loudness, true peak), ``mastering`` (gain and limiter), ``codecs`` (MP3,
Ogg Opus, decoding to measure), ``recording`` (a narration's blocks
mastered, encoded and delivered). Every public name is here as well, so a
caller says ``audio.master`` without knowing which part holds it.

A summary's box takes another way through, bullet by bullet, so that an
edited bullet is the only one made again: ``pieces`` masters and encodes
each bullet alone and joins them, and ``splicing`` joins their Ogg Opus
packets into one stream without encoding again (imported by name:
``from khulasa.speech.audio import pieces``).
"""

from __future__ import annotations

from khulasa.model import AudioFile
from khulasa.speech.audio.codecs import (
    CHECKED,
    FORMATS,
    MP3_BITRATE,
    MP3_FRAME,
    MP3_QUALITY,
    Encoder,
    Measurement,
    codec_gain,
    decode,
    decode_blocks,
    encode,
    measure,
)
from khulasa.speech.audio.levels import (
    CEILING_DBTP,
    CODEC_HEADROOM,
    OPUS_RATES,
    SAMPLE_RATE,
    SILENT_LUFS,
    LoudnessMeter,
    Samples,
    as_samples,
    db,
    gated_loudness,
    loudness,
    pause,
    peak_envelope,
    resample,
    true_peak,
)
from khulasa.speech.audio.mastering import (
    Mastered,
    limit,
    limiter_gain,
    master,
)
from khulasa.speech.audio.recording import (
    Recorded,
    Recording,
    deliver,
)

__all__ = [
    "CEILING_DBTP",
    "CHECKED",
    "CODEC_HEADROOM",
    "FORMATS",
    "MP3_BITRATE",
    "MP3_FRAME",
    "MP3_QUALITY",
    "OPUS_RATES",
    "SAMPLE_RATE",
    "SILENT_LUFS",
    "AudioFile",
    "Encoder",
    "LoudnessMeter",
    "Mastered",
    "Measurement",
    "Recorded",
    "Recording",
    "Samples",
    "as_samples",
    "codec_gain",
    "db",
    "decode",
    "decode_blocks",
    "deliver",
    "encode",
    "gated_loudness",
    "limit",
    "limiter_gain",
    "loudness",
    "master",
    "measure",
    "pause",
    "peak_envelope",
    "resample",
    "true_peak",
]
