"""Bytes to text, saying what was done: the one decoder for files, uploads, API bodies and fetched pages.

The order is what the bytes can prove, most certain first:

1. a byte order mark (UTF-32 before UTF-16, whose mark is a prefix of it);
2. strict UTF-8, the encoding of nearly every article today;
3. UTF-8 with the few bad bytes replaced by U+FFFD, when nearly every
   non-ASCII byte is valid UTF-8 (a file damaged in one place), with a warning;
4. the charset the server or the page's ``<meta>`` declared, when it is not UTF-8;
5. Windows-1256, the legacy Arabic code page, only when the result is
   convincingly Arabic text: words separated by spaces, nearly all letters
   Arabic, and alef and lam as common as they are in any Arabic prose;
6. anything else is refused as not text.

Before, a UTF-8 file with one bad byte was read entirely as Windows-1256
(a garbled summary, exit 0), and random high bytes became a "summary" and
minutes of narrated noise: a guess that always succeeds is worse than a
refusal, because nobody sees it fail.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass

from khulasa.errors import BinaryInput

BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
"""Byte order marks, longest first: the UTF-32 LE mark begins with the UTF-16 LE one."""

NEARLY_VALID = 0.98
"""Share of a text's non-ASCII bytes that must be valid UTF-8 for it to be read as damaged UTF-8 (or 1% of all bytes at most)."""

LEGACY = "cp1256"
"""The legacy code page tried last: Windows Arabic, still common in old archives."""

_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9._-]+)""", re.I)
_XML_ENCODING = re.compile(rb"""^\s*<\?xml[^>]+encoding\s*=\s*["']([A-Za-z0-9._-]+)""", re.I)
_MARKUP = re.compile(r"<[^<>]*>|&\w+;")
_HEADER_CHARSET = re.compile(r"charset\s*=\s*\"?([A-Za-z0-9._-]+)", re.I)
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_ARABIC_LETTER = re.compile("[\u0621-\u064a\u0671-\u06d3]")
_WORD = re.compile(r"\S+")

NOT_TEXT = (
    "the input is not text: it is not UTF-8, UTF-16 or UTF-32 with a byte order mark, nor Windows-1256 Arabic; "
    "save it as UTF-8 and try again."
)


@dataclass(frozen=True)
class Decoded:
    """Text read from bytes, and how."""

    text: str
    """The decoded text (a byte order mark removed)."""
    encoding: str
    """The codec it was read with, e.g. "utf-8", "utf-16", "cp1256"."""
    warning: str | None = None
    """One sentence for the user when the text had to be repaired or guessed; None when the bytes were plainly valid."""


def declared_charset(content_type: str = "", data: bytes = b"") -> str | None:
    """The charset a Content-Type header names, else the one an XML declaration or a ``<meta>`` tag names, lower-cased."""
    match = _HEADER_CHARSET.search(content_type)
    if match:
        return match.group(1).lower()
    inside = _XML_ENCODING.search(data[:200]) or _META_CHARSET.search(data[:4096])
    return inside.group(1).decode("ascii", "replace").lower() if inside else None


def decode(data: bytes, declared: str | None = None) -> Decoded:
    """Read ``data`` as text in the order the module describes; raise BinaryInput for what is not text.

    ``declared`` is a charset label from a header or ``<meta>`` tag (see
    :func:`declared_charset`); valid UTF-8 wins over it, since servers often
    label UTF-8 pages as Latin-1 and Latin text is almost never valid UTF-8 by chance.
    """
    for bom, codec in BOMS:
        if data.startswith(bom):
            try:
                return _checked(Decoded(data.decode(codec), codec.removesuffix("-sig")))
            except UnicodeDecodeError:
                name = codec.removesuffix("-sig").upper()
                raise BinaryInput(
                    f"the input starts with a {name} byte order mark but is not valid {name}; save it again as UTF-8."
                ) from None
    if declared and declared.startswith(("utf-16", "utf-32")):  # no mark, but the server named it: NUL bytes are expected
        try:
            return _checked(Decoded(data.decode(declared), declared))
        except (LookupError, UnicodeDecodeError):
            pass
    if b"\x00" in data[:8192]:
        raise BinaryInput("the input is a binary file, not text or HTML; give an article as UTF-8 text or an HTML page.")
    try:
        return _checked(Decoded(data.decode("utf-8"), "utf-8"))
    except UnicodeDecodeError:
        pass
    bad = _invalid_utf8_bytes(data)
    high = sum(1 for b in data if b > 0x7F)
    if (high - bad) >= NEARLY_VALID * high or high <= 0.01 * len(data):  # damaged UTF-8, or ASCII with a stray byte
        return _checked(
            Decoded(
                data.decode("utf-8", "replace"),
                "utf-8",
                f"the input is UTF-8 with {bad} invalid byte{'s' if bad != 1 else ''}, "
                "shown as \ufffd; the rest was read as it is.",
            )
        )
    if declared and declared not in {"utf-8", "utf8"}:
        try:
            return _checked(Decoded(data.decode(declared), declared))
        except (LookupError, UnicodeDecodeError):
            pass
    legacy = data.decode(LEGACY, "replace")
    if looks_arabic(legacy):
        return _checked(Decoded(legacy, LEGACY, "the input is not UTF-8; it was read as Windows-1256 (Arabic)."))
    raise BinaryInput(NOT_TEXT)


def looks_arabic(text: str) -> bool:
    """Whether ``text`` reads as Arabic prose, not as bytes that merely map to Arabic letters.

    Random bytes read as Windows-1256 give Arabic letters too, but not words
    (there are no spaces), a share of Latin letters, and every letter about
    as often as another; prose has words of a few letters, and alef and lam
    make a fifth of its letters. Tags and entities are left out: an HTML
    page's markup is Latin whatever its text is.
    """
    text = _MARKUP.sub(" ", text)
    words = _WORD.findall(text)
    letters = [c for c in text if c.isalpha()]
    arabic = _ARABIC_LETTER.findall(text)
    if not words or len(arabic) < 20:
        return False
    mean_word = sum(len(w) for w in words) / len(words)
    alef_lam = sum(1 for c in arabic if c in "اأإآل")
    return 2 <= mean_word <= 12 and len(arabic) >= 0.9 * len(letters) and alef_lam >= 0.12 * len(arabic)


def _invalid_utf8_bytes(data: bytes) -> int:
    """How many bytes of ``data`` are not part of a valid UTF-8 sequence (each becomes one lone surrogate)."""
    return sum(1 for c in data.decode("utf-8", "surrogateescape") if "\udc80" <= c <= "\udcff")


def _checked(decoded: Decoded) -> Decoded:
    """Refuse text that is mostly control characters: decoded, it is still a binary file."""
    sample = decoded.text[:8192]
    if sample and len(_CONTROL.findall(sample)) > len(sample) * 0.05:
        raise BinaryInput("the input is a binary file, not text or HTML; give an article as UTF-8 text or an HTML page.")
    return decoded
