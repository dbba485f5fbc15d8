"""Reading an article from the bytes a user hands over: text or HTML, with clear refusals."""

from __future__ import annotations

import pytest

from khulasa.config import Settings
from khulasa.errors import BinaryInput, EmptyInput, InputTooLarge, NotArabic
from khulasa.ingest.document import read_article

TEXT = (
    "قررت الحكومة رفع الحد الأدنى للأجور بنسبة 10% اعتبارًا من مطلع العام المقبل، في خطوة قالت إنها تهدف إلى "
    "تخفيف أثر ارتفاع الأسعار على الأسر.\n(الأناضول)"
)


def test_plain_text_keeps_its_words_and_records_the_credit(settings: Settings) -> None:
    article = read_article(TEXT.encode("utf-8"), settings)
    assert article.text == TEXT
    assert article.credit == "الأناضول"


def test_windows_arabic_text_is_decoded(settings: Settings) -> None:
    assert read_article(TEXT.encode("cp1256"), settings).text.startswith("قررت الحكومة")


@pytest.mark.parametrize(
    ("data", "error"),
    [
        (b"", EmptyInput),
        (b" \n\t ", EmptyInput),
        (b"\x00\x01\x02binary\x00" * 10, BinaryInput),
        (b"Prices rose by ten percent this year.", NotArabic),
    ],
)
def test_bad_input_is_refused_with_its_reason(settings: Settings, data: bytes, error: type[Exception]) -> None:
    with pytest.raises(error):
        read_article(data, settings)


def test_input_over_the_limit_is_refused(settings: Settings) -> None:
    with pytest.raises(InputTooLarge, match="limit"):
        read_article(TEXT.encode("utf-8") * 20_000, settings)
