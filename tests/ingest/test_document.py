"""Reading an article from the bytes a user hands over: text or HTML, with clear refusals."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import ClassVar

import pytest

from khulasa import config
from khulasa.config import Settings
from khulasa.errors import BinaryInput, EmptyInput, FetchError, InputTooLarge, NotArabic
from khulasa.ingest.document import read_article, read_url
from tests.loopback import serving

TEXT = (
    "قررت الحكومة رفع الحد الأدنى للأجور بنسبة 10% اعتبارًا من مطلع العام المقبل، في خطوة قالت إنها تهدف إلى "
    "تخفيف أثر ارتفاع الأسعار على الأسر.\n(الأناضول)"
)


def test_plain_text_keeps_its_words_and_records_the_credit(settings: Settings) -> None:
    article = read_article(TEXT.encode("utf-8"), settings)
    assert article.text == TEXT
    assert article.credit == "الأناضول"


def test_windows_arabic_text_is_decoded_and_said(settings: Settings) -> None:
    article = read_article(TEXT.encode("cp1256"), settings)
    assert article.text.startswith("قررت الحكومة") and article.warning and "Windows-1256" in article.warning


def test_a_utf8_file_with_one_bad_byte_keeps_its_words_and_says_so(settings: Settings) -> None:
    article = read_article(TEXT.encode("utf-8").replace(b" ", b" \xff", 1), settings)
    assert article.text.startswith("قررت \ufffdالحكومة") and article.warning and "1 invalid byte" in article.warning


def test_an_html_page_is_read_in_the_charset_its_meta_tag_names(settings: Settings) -> None:
    page = f"<html><head><meta charset='windows-1256'></head><body><article><p>{TEXT}</p></article></body></html>"
    article = read_article(page.encode("cp1256"), settings)
    assert "قررت الحكومة" in article.text and article.warning is None


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


# Reading a URL: the page is fetched, then read as HTML or text --------------------------------------------

PAGE = (
    "<html><head><meta charset='utf-8'><title>افتتاح جسر جديد فوق نهر الأردن</title></head><body><article>"
    "<p>افتتحت وزارة الأشغال العامة اليوم جسرًا جديدًا فوق نهر الأردن بطول 420 مترًا، في مشروع قالت إنه يختصر "
    "زمن عبور الشاحنات بين الضفتين إلى النصف.</p>"
    "<p>وقال وزير الأشغال إن كلفة الجسر بلغت 38 مليون دينار، وإن العمل فيه استغرق ثلاث سنوات.</p>"
    "</article></body></html>"
)


class Pages(BaseHTTPRequestHandler):
    """A newsroom that serves one page several ways."""

    routes: ClassVar[dict[str, tuple[str, bytes]]] = {
        "/bridge": ("text/html; charset=utf-8", PAGE.encode()),
        "/bridge-mislabelled": ("text/plain; charset=utf-8", PAGE.encode()),  # HTML sent as text: its tags decide
        "/wage.txt": ("text/plain; charset=utf-8", TEXT.encode()),
        "/english": ("text/html; charset=utf-8", b"<html><body><p>" + b"A bridge opened. " * 20 + b"</p></body></html>"),
        "/big": ("text/plain; charset=utf-8", (TEXT + "\n").encode() * 40),
    }

    def log_message(self, format: str, *args: object) -> None:  # keep test output quiet
        pass

    def do_GET(self) -> None:
        if self.path == "/old-bridge":
            self.send_response(301)
            self.send_header("Location", "/bridge")
            self.send_header("Content-Length", "0")
            self.end_headers()
            return
        media_type, body = self.routes[self.path]
        self.send_response(200)
        self.send_header("Content-Type", media_type)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


@pytest.fixture(scope="module")
def newsroom() -> Iterator[str]:
    with serving(ThreadingHTTPServer(("127.0.0.1", 0), Pages)) as httpd:
        yield f"http://news.test:{httpd.server_address[1]}"


def news_test(host: str, port: int) -> list[str]:
    """The tests' DNS: news.test is the loopback newsroom."""
    return ["127.0.0.1"] if host == "news.test" else []


@pytest.fixture
def url_settings() -> Settings:
    return config.load(environ={}, fetch_allow="news.test", fetch_timeout=3.0)


def test_a_page_is_read_as_html_with_its_final_url(newsroom: str, url_settings: Settings) -> None:
    article = read_url(f"{newsroom}/old-bridge", url_settings, resolver=news_test)
    assert article.title == "افتتاح جسر جديد فوق نهر الأردن"
    assert "38 مليون دينار" in article.text and "<p>" not in article.text
    assert article.url == f"{newsroom}/bridge"


def test_html_sent_as_text_is_still_read_as_html(newsroom: str, url_settings: Settings) -> None:
    article = read_url(f"{newsroom}/bridge-mislabelled", url_settings, resolver=news_test)
    assert "420 مترًا" in article.text and "<p>" not in article.text


def test_a_text_page_is_read_as_text(newsroom: str, url_settings: Settings) -> None:
    article = read_url(f"{newsroom}/wage.txt", url_settings, resolver=news_test)
    assert article.text == TEXT and article.credit == "الأناضول"


def test_a_page_is_held_to_the_fetch_limit_not_the_input_limit(newsroom: str) -> None:
    # the input limit is for what a user sends; a page the fetcher accepted is read whole
    settings = config.load(environ={}, fetch_allow="news.test", fetch_timeout=3.0, max_input_bytes=1000)
    assert read_url(f"{newsroom}/big", settings, resolver=news_test).text.count("الأناضول") == 40
    with pytest.raises(FetchError):
        read_url(f"{newsroom}/big", replace(settings, fetch_max_bytes=1000), resolver=news_test)


def test_a_page_not_in_arabic_is_refused(newsroom: str, url_settings: Settings) -> None:
    with pytest.raises(NotArabic):
        read_url(f"{newsroom}/english", url_settings, resolver=news_test)


def test_plain_text_gives_its_dateline_to_the_metadata(settings: Settings) -> None:
    text = "الدوحة - (اف ب) - أعلنت قطر، اليوم الأحد، افتتاح خط جديد للمترو يربط المطار بوسط العاصمة."
    article = read_article(text.encode("utf-8"), settings)
    assert article.text == "أعلنت قطر، اليوم الأحد، افتتاح خط جديد للمترو يربط المطار بوسط العاصمة."
    assert article.dateline == "الدوحة - (اف ب)"
