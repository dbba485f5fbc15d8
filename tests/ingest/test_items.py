"""A feed entry as an Article: the body it carries, or the page behind a teaser, with the entry's own headline and date."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from khulasa.errors import InputError
from khulasa.ingest.feeds import FeedItem
from khulasa.ingest.items import feed_article, is_teaser
from tests.newsroom import Newsroom, resolver, settings_for

STORY = (
    "افتتحت وزارة الزراعة اليوم الثلاثاء مركزًا جديدًا لأبحاث المياه في وادي الأردن بكلفة 8 ملايين دينار، "
    "بتمويل مشترك مع الاتحاد الأوروبي.\n"
    "وقال وزير الزراعة خلال حفل الافتتاح إن المركز سيعمل على تطوير أساليب ري حديثة تقلل استهلاك المياه "
    "في المزارع بنسبة تصل إلى 30% خلال خمس سنوات.\n"
    "وأضاف أن المركز يضم مختبرات لتحليل التربة والمياه ويعمل فيه 40 باحثًا من الجامعات الأردنية.\n"
)
TEASER = "افتتحت وزارة الزراعة مركزًا جديدًا لأبحاث المياه في وادي الأردن."


def entry(content: str, url: str | None, title: str = "مركز لأبحاث المياه في وادي الأردن") -> FeedItem:
    return FeedItem(guid="agri-1", url=url, title=title, published="2026-12-01T08:00:00Z", content=content)


@pytest.fixture
def site() -> Iterator[Newsroom]:
    newsroom = Newsroom()
    paragraphs = "".join(f"<p>{line}</p>" for line in STORY.splitlines())
    newsroom.put("/2026/12/water", f"<html><body><article><h1>عنوان الصفحة</h1>{paragraphs}</article></body></html>")
    yield newsroom
    newsroom.close()


def test_a_full_entry_is_read_from_the_feed_and_its_page_is_not_fetched(site: Newsroom) -> None:
    full = entry("".join(f"<p>{line}</p>" for line in STORY.splitlines()), site.url("/2026/12/water"))
    assert not is_teaser(full)
    article = feed_article(full, settings_for(), resolver)
    assert article.text.splitlines() == STORY.splitlines()
    assert site.hits == []


def test_a_teaser_is_read_from_the_page_behind_it_with_the_entrys_headline_and_date(site: Newsroom) -> None:
    teaser = entry(f"<p>{TEASER}</p>", site.url("/2026/12/water"))
    assert is_teaser(teaser)
    article = feed_article(teaser, settings_for(), resolver)
    assert STORY.splitlines()[0] in article.text
    assert (article.title, article.published) == ("مركز لأبحاث المياه في وادي الأردن", "2026-12-01T08:00:00Z")
    assert site.hits == ["/2026/12/water"]


def test_a_teaser_whose_page_is_gone_is_read_itself(site: Newsroom) -> None:
    article = feed_article(entry(TEASER, site.url("/2026/12/gone")), settings_for(), resolver)
    assert article.text == TEASER


def test_a_teaser_that_is_no_article_and_whose_page_is_gone_is_refused_in_one_sentence(site: Newsroom) -> None:
    with pytest.raises(InputError, match="the feed gives only a teaser and the article's page could not be read"):
        feed_article(entry("Read more …", site.url("/2026/12/gone")), settings_for(), resolver)
