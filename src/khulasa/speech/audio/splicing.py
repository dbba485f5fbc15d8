"""Splicing: Ogg Opus files encoded piece by piece joined into one stream, packet by packet, without encoding again.

Opus is the costly codec here (about 25× slower than LAME at our settings),
so a box whose one bullet changed should not encode the other bullets
again. Each bullet's piece is encoded alone and kept; the box's Ogg file is
their audio packets in order under the first piece's headers, with page
numbers, granule positions and checksums written anew.

Where each piece lands is exact, not approximate. An Opus encoder delays
its input by the *pre-skip* (312 samples at 48 kHz for libopus): a piece of
``n`` input samples decodes, pre-skip included, from packets covering
``2n + pre-skip`` samples at 48 kHz when that is a whole number of 20 ms
packets. So a piece that is to span ``L`` samples of the box (a multiple
of :func:`opus_frame`) is encoded from its first ``L - pre-skip/2``
samples (:func:`opus_input`): its packets then cover exactly ``L``, the
next piece's first packets replay its own pre-skip where this piece's
dropped tail would have been, and every piece starts in the joined file
exactly where it starts in the samples. The dropped tail is the silence
between bullets, and so is what the next piece's encoder delay plays in its
place. The last piece is encoded whole and the final granule position
trims the stream to the box's length, as a single encoding's would.
"""

from __future__ import annotations

import struct
import zlib
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from khulasa.errors import SpeechError

OPUS_RATE = 48_000
"""Opus's granule positions count samples at 48 kHz whatever the input rate."""
PRE_SKIP = 312
"""libopus's encoder delay at 48 kHz, which libsndfile writes as the pre-skip; checked on every piece spliced."""

_CAPTURE = b"OggS"
_EOS = 0x04
_BOS = 0x02
_REVERSED = bytes(int(f"{byte:08b}"[::-1], 2) for byte in range(256))
_PACKETS_PER_PAGE = 50
"""Packets written to one page (1 s of 20 ms packets): pages of the size libsndfile writes."""


def opus_frame(rate: int) -> int:
    """Samples at ``rate`` in one 20 ms Opus packet: a piece's span must be a multiple of it."""
    return rate // 50


def opus_input(length: int, rate: int, last: bool) -> int:
    """How many of a piece's ``length`` samples (at ``rate``) to encode so that, spliced, it spans exactly ``length``.

    Every piece but the last gives up :data:`PRE_SKIP` (at its own rate) of its trailing silence.
    """
    if last:
        return length
    if length % opus_frame(rate):
        raise SpeechError(f"a spliced piece must last a whole number of 20 ms packets, not {length} samples at {rate} Hz.")
    return length - PRE_SKIP * rate // OPUS_RATE


def _ogg_crc(page: bytes) -> int:
    """Ogg's page checksum (CRC-32, polynomial 0x04C11DB7, unreflected, no inversion) via zlib's reflected one."""
    raw = zlib.crc32(page.translate(_REVERSED), 0xFFFFFFFF) ^ 0xFFFFFFFF
    return int(f"{raw:032b}"[::-1], 2)


@dataclass(frozen=True)
class OpusStream:
    """One Ogg Opus file taken apart: its two header packets, its audio packets, and its length."""

    head: bytes
    """The OpusHead packet (version, channels, pre-skip, rate, gain)."""
    tags: bytes
    """The OpusTags packet."""
    packets: tuple[bytes, ...]
    """The audio packets in order."""
    granule: int
    """The last page's granule position: pre-skip plus the samples at 48 kHz the file decodes to."""

    @property
    def pre_skip(self) -> int:
        """Samples at 48 kHz the decoder drops at the start."""
        return int(struct.unpack_from("<H", self.head, 10)[0])


def _pages(data: bytes) -> Iterator[tuple[int, list[int], bytes]]:
    """Each page of ``data`` as (granule position, lacing values, body), its checksum verified."""
    at = 0
    while at < len(data):
        if data[at : at + 4] != _CAPTURE or at + 27 > len(data):
            raise SpeechError("a cached Ogg piece is damaged (no page starts where one should).")
        count = data[at + 26]
        lacing = list(data[at + 27 : at + 27 + count])
        body = at + 27 + count
        end = body + sum(lacing)
        if end > len(data):
            raise SpeechError("a cached Ogg piece is cut short.")
        page = bytearray(data[at:end])
        stated = struct.unpack_from("<I", page, 22)[0]
        page[22:26] = b"\0\0\0\0"
        if _ogg_crc(bytes(page)) != stated:
            raise SpeechError("a cached Ogg piece fails its checksum.")
        yield struct.unpack_from("<q", data, at + 6)[0], lacing, data[body:end]
        at = end


def parse(data: bytes) -> OpusStream:
    """The Ogg Opus file ``data`` (one logical stream, as libsndfile writes) taken apart into packets."""
    packets: list[bytes] = []
    current = bytearray()
    granule = 0
    for position, lacing, body in _pages(data):
        at = 0
        for size in lacing:
            current += body[at : at + size]
            at += size
            if size < 255:
                packets.append(bytes(current))
                current.clear()
        if position >= 0:
            granule = position
    if len(packets) < 3 or not packets[0].startswith(b"OpusHead") or not packets[1].startswith(b"OpusTags"):
        raise SpeechError("a cached Ogg piece is not an Opus stream with its two headers.")
    return OpusStream(packets[0], packets[1], tuple(packets[2:]), granule)


def packet_samples(packet: bytes) -> int:
    """Samples at 48 kHz that one Opus packet decodes to (RFC 6716, section 3.1: its TOC byte)."""
    if not packet:
        raise SpeechError("a cached Opus packet is empty.")
    toc = packet[0]
    config = toc >> 3
    if config < 12:  # SILK: 10, 20, 40, 60 ms
        size = (480, 960, 1920, 2880)[config % 4]
    elif config < 16:  # hybrid: 10, 20 ms
        size = (480, 960)[config % 2]
    else:  # CELT: 2.5, 5, 10, 20 ms
        size = (120, 240, 480, 960)[config % 4]
    code = toc & 3
    frames = 1 if code == 0 else 2 if code in (1, 2) else (packet[1] & 0x3F if len(packet) > 1 else 0)
    return size * frames


def _page(kind: int, granule: int, serial: int, sequence: int, packets: Sequence[bytes]) -> bytes:
    lacing = bytearray()
    for packet in packets:
        lacing += b"\xff" * (len(packet) // 255) + bytes([len(packet) % 255])
    if len(lacing) > 255:
        raise SpeechError("an Opus page would need more than 255 lacing values.")
    header = struct.pack("<4sBBqIIIB", _CAPTURE, 0, kind, granule, serial, sequence, 0, len(lacing))
    page = bytearray(header + bytes(lacing) + b"".join(packets))
    struct.pack_into("<I", page, 22, _ogg_crc(bytes(page)))
    return bytes(page)


def splice(pieces: Sequence[OpusStream], length: int, rate: int, serial: int = 0x4B48) -> bytes:
    """One Ogg Opus file of ``pieces`` end to end, decoding to exactly ``length`` samples at ``rate``.

    Each piece but the last must have been encoded from :func:`opus_input`
    samples, so its packets cover its span exactly; the stream's final
    granule position trims the last packet to ``length``.
    """
    if not pieces:
        raise SpeechError("there are no Opus pieces to join.")
    first = pieces[0]
    for piece in pieces:
        if piece.pre_skip != PRE_SKIP:  # the pieces were cut for this encoder delay (opus_input): another would misplace them
            raise SpeechError(f"an Opus piece has a pre-skip of {piece.pre_skip}, not the {PRE_SKIP} it was cut for.")
    packets = [packet for piece in pieces for packet in piece.packets]
    final = first.pre_skip + length * OPUS_RATE // rate
    out = [_page(_BOS, 0, serial, 0, [first.head]), _page(0, 0, serial, 1, [first.tags])]
    granule = 0
    for start in range(0, len(packets), _PACKETS_PER_PAGE):
        group = packets[start : start + _PACKETS_PER_PAGE]
        granule += sum(packet_samples(packet) for packet in group)
        last = start + _PACKETS_PER_PAGE >= len(packets)
        if last:
            if final > granule:
                raise SpeechError(f"the Opus pieces cover {granule} samples, fewer than the {final} asked for.")
            granule = final
        out.append(_page(_EOS if last else 0, granule, serial, len(out), group))
    return b"".join(out)
