"""Decoding says what it did: a byte order mark, strict UTF-8, then repaired UTF-8 or Windows-1256 with a warning, else no."""

from __future__ import annotations

import random

import pytest

from khulasa.errors import BinaryInput
from khulasa.ingest.decoding import declared_charset, decode

STORY = (
    "أعلنت وزارة الزراعة أمس عن خطة لزراعة مليون شجرة زيتون في المحافظات الجنوبية خلال السنوات الثلاث المقبلة، "
    "وقال الوزير إن المشروع يهدف إلى تثبيت التربة وتوفير فرص عمل للمزارعين في القرى الحدودية.\n"
    "وأضاف أن الشتلات ستوزع مجانًا على الجمعيات التعاونية بدءًا من الشهر المقبل."
)


@pytest.mark.parametrize(
    ("data", "encoding"),
    [
        (STORY.encode("utf-8"), "utf-8"),
        (STORY.encode("utf-8-sig"), "utf-8"),
        (b"\xff\xfe" + STORY.encode("utf-16-le"), "utf-16"),
        (b"\xfe\xff" + STORY.encode("utf-16-be"), "utf-16"),
        (b"\xff\xfe\x00\x00" + STORY.encode("utf-32-le"), "utf-32"),
        (b"\x00\x00\xfe\xff" + STORY.encode("utf-32-be"), "utf-32"),
    ],
)
def test_a_byte_order_mark_or_valid_utf8_is_read_without_a_warning(data: bytes, encoding: str) -> None:
    decoded = decode(data)
    assert (decoded.text, decoded.encoding, decoded.warning) == (STORY, encoding, None)


def test_one_bad_byte_in_utf8_is_replaced_and_said_not_read_as_windows_arabic() -> None:
    raw = STORY.encode("utf-8")
    cut = raw.index("خطة".encode())  # a damaged byte between two words
    decoded = decode(raw[:cut] + b"\xff" + raw[cut:])
    assert decoded.encoding == "utf-8" and decoded.text == STORY[: STORY.index("خطة")] + "\ufffd" + STORY[STORY.index("خطة") :]
    assert decoded.warning is not None and "1 invalid byte" in decoded.warning


def test_windows_arabic_is_read_when_it_is_convincingly_arabic_and_said() -> None:
    decoded = decode(STORY.encode("cp1256"))
    assert (decoded.text, decoded.encoding) == (STORY, "cp1256")
    assert decoded.warning is not None and "Windows-1256" in decoded.warning


@pytest.mark.parametrize("spaced", [False, True])
def test_random_high_bytes_are_not_text(spaced: bool) -> None:
    rng = random.Random(1256)
    noise = bytearray(rng.randrange(0x80, 0x100) for _ in range(3000))
    if spaced:  # words of five "letters": spaces alone do not make prose
        noise[5::6] = b" " * len(noise[5::6])
    with pytest.raises(BinaryInput, match="not text"):
        decode(bytes(noise))


def test_a_byte_order_mark_over_broken_content_is_refused_in_one_sentence() -> None:
    with pytest.raises(BinaryInput, match="UTF-32 byte order mark but is not valid UTF-32"):
        decode(b"\xff\xfe\x00\x00" + b"\x00\xd8\x00\x00" * 3)


def test_an_undeclared_windows_arabic_page_is_judged_by_its_text_not_its_tags() -> None:
    page = f"<html><head><title>الزيتون</title></head><body><article><p>{STORY}</p></article></body></html>"
    decoded = decode(page.encode("cp1256"))
    assert (decoded.text, decoded.encoding) == (page, "cp1256")


def test_a_declared_charset_is_used_when_the_bytes_are_not_utf8() -> None:
    page = f"<meta charset='windows-1256'><p>{STORY}</p>".encode("cp1256")
    assert declared_charset("text/html", page) == "windows-1256"
    decoded = decode(page, declared_charset("text/html", page))
    assert (decoded.encoding, decoded.warning) == ("windows-1256", None) and STORY in decoded.text
    assert declared_charset('text/html; charset="ISO-8859-1"') == "iso-8859-1"
    assert declared_charset("application/rss+xml", b'<?xml version="1.0" encoding="Windows-1256"?><rss/>') == "windows-1256"
    assert decode(STORY.encode("utf-8"), "iso-8859-1").text == STORY  # valid UTF-8 wins over a wrong Latin label
