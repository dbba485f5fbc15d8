"""Reading a newsroom's feeds: RSS, Atom and WordPress JSON, served from a loopback site."""

from __future__ import annotations

import json
from collections.abc import Iterator

import pytest

from khulasa.errors import FeedError, FetchError
from khulasa.ingest import feeds
from khulasa.ingest.feeds import FeedItem, parse_feed, read_feed, unique
from tests.newsroom import Newsroom, resolver, settings_for

RSS = """<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/">
<channel>
  <title>أخبار الجنوب</title>
  <link>http://news.test/</link>
  <item>
    <title>افتتاح مستشفى جديد في الكرك &amp; الطفيلة</title>
    <link>http://news.test/2026/11/hospital</link>
    <guid isPermaLink="false">story-1001</guid>
    <pubDate>Sun, 29 Nov 2026 09:30:00 +0300</pubDate>
    <description>مستشفى جديد بسعة 200 سرير.</description>
    <content:encoded><![CDATA[<p>افتتحت وزارة الصحة اليوم مستشفى جديدًا بسعة 200 سرير.</p>
      <p>وقال الوزير إنه سيخدم نصف مليون نسمة.</p>]]></content:encoded>
  </item>
  <item>
    <title>أمطار غزيرة تنعش الموسم الزراعي</title>
    <link>http://news.test/2026/11/rain</link>
    <guid>story-1002</guid>
    <description>&lt;p&gt;هطلت أمطار غزيرة على المرتفعات الشمالية أمس.&lt;/p&gt;</description>
  </item>
  <item>
    <title>افتتاح مستشفى جديد في الكرك &amp; الطفيلة</title>
    <link>http://news.test/2026/11/hospital/#comments</link>
    <guid isPermaLink="false">story-1001-edited</guid>
    <description>الخبر نفسه بمعرّف جديد بعد تعديله في نظام النشر.</description>
  </item>
  <item>
    <title>أمطار غزيرة تنعش الموسم الزراعي</title>
    <link>http://news.test/amp/rain</link>
    <guid>story-1002-amp</guid>
    <description>&lt;p&gt;هطلت أمطار غزيرة على المرتفعات الشمالية أمس.&lt;/p&gt;</description>
  </item>
</channel>
</rss>
"""

ATOM = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
  <title>الميناء اليوم</title>
  <id>urn:news-test:port</id>
  <updated>2026-11-28T18:00:00Z</updated>
  <entry>
    <title type="html">ارتفاع حركة الحاويات في ميناء العقبة</title>
    <id>urn:news-test:port:77</id>
    <link rel="alternate" href="http://news.test/port/77"/>
    <published>2026-11-28T20:15:00+02:00</published>
    <updated>2026-11-28T21:00:00+02:00</updated>
    <content type="html">&lt;p&gt;سجل ميناء العقبة ارتفاعًا في حركة الحاويات بنسبة 12% خلال الشهر الماضي.&lt;/p&gt;</content>
  </entry>
</feed>
"""

POSTS = [
    {
        "id": 4521,
        "date": "2026-11-29T10:00:00",
        "date_gmt": "2026-11-29T07:00:00",
        "link": "http://news.test/?p=4521",
        "title": {"rendered": "وزارة التربية &#8211; خطة لبناء 60 مدرسة"},
        "content": {"rendered": "<p>أعلنت وزارة التربية خطة لبناء 60 مدرسة جديدة خلال ثلاث سنوات.</p>"},
        "excerpt": {"rendered": "<p>خطة لبناء مدارس.</p>"},
    },
    {
        "id": 4522,
        "date": "2026-11-29T11:00:00",
        "link": "http://news.test/?p=4522",
        "title": {"rendered": "مقال بلا نص كامل"},
        "content": {"rendered": ""},
        "excerpt": {"rendered": "<p>مقتطف قصير فقط.</p>"},
    },
]


@pytest.fixture(scope="module")
def site() -> Iterator[Newsroom]:
    newsroom = Newsroom()
    newsroom.put("/feed", RSS, "application/rss+xml; charset=utf-8")
    newsroom.put("/atom.xml", ATOM, "application/atom+xml")
    newsroom.put("/wp-json/wp/v2/posts", json.dumps(POSTS, ensure_ascii=False), "application/json; charset=utf-8")
    newsroom.put("/wp-json/wp/v2/posts-gone", '{"code": "rest_no_route", "message": "No route was found."}', "application/json")
    newsroom.put("/truncated", RSS[: RSS.index("<item>", RSS.index("story-1002"))], "application/rss+xml")
    newsroom.put("/garbage", "<rss><channel><item><title>عنوان</tit", "application/xml")
    windows_1256 = RSS.replace('encoding="utf-8"', 'encoding="windows-1256"').encode("cp1256")
    newsroom.put("/feed-1256", windows_1256, "application/rss+xml")  # charset only in the XML declaration
    archive = [
        {"id": number, "link": f"http://news.test/?p={number}", "content": {"rendered": f"<p>خبر الأرشيف رقم {number}.</p>"}}
        for number in range(1, 6)
    ]
    for page, posts in enumerate([archive[0:2], archive[2:4], archive[4:5]], 1):  # 5 posts, 2 a page
        suffix = "" if page == 1 else f"&page={page}"
        newsroom.put(f"/wp-json/wp/v2/posts?per_page=2{suffix}", json.dumps(posts), "application/json")
        if page < 3:  # an archive that ends on a full page, then WordPress's 400 past the end
            newsroom.put(f"/wp-json/wp/v2/full?per_page=2{suffix}", json.dumps(posts), "application/json")
            status = 200 if page == 1 else 503
            newsroom.put(f"/wp-json/wp/v2/flaky?per_page=2{suffix}", json.dumps(posts), "application/json", status)
    invalid = '{"code": "rest_post_invalid_page_number", "message": "The page number requested is too large."}'
    newsroom.put("/wp-json/wp/v2/full?per_page=2&page=3", invalid, "application/json", 400)
    relative = RSS.replace("http://news.test/2026/11/rain", "/2026/11/rain")
    newsroom.put("/news/relative.xml", relative, "application/rss+xml")
    newsroom.put("/page", "<html><body><p>صفحة عادية وليست خلاصة أخبار.</p></body></html>")
    big = "".join(
        f"<item><guid>n-{n}</guid><link>http://news.test/n/{n}</link><description>نص الخبر {n}</description></item>"
        for n in range(10_000)
    )
    newsroom.put("/big", f"<?xml version='1.0' encoding='utf-8'?><rss version='2.0'><channel>{big}</channel></rss>", "text/xml")
    yield newsroom
    newsroom.close()


def test_rss_items_with_duplicates_and_changed_guids_left_out(site: Newsroom) -> None:
    feed = read_feed(site.url("/feed"), settings_for(), resolver=resolver)
    assert feed.title == "أخبار الجنوب"
    assert [item.guid for item in feed.items] == ["story-1001", "story-1002"]
    assert feed.duplicates == 2  # the same link under a new GUID, and the same content under another link
    hospital = feed.items[0]
    assert hospital.title == "افتتاح مستشفى جديد في الكرك & الطفيلة"
    assert hospital.url == "http://news.test/2026/11/hospital"
    assert hospital.published == "2026-11-29T06:30:00Z"  # +03:00 read as UTC
    assert "<p>افتتحت وزارة الصحة" in hospital.content  # the full text, not the short description
    assert feed.items[1].published is None and feed.problem is None


def test_feed_in_windows_1256_is_read_as_arabic(site: Newsroom) -> None:
    feed = read_feed(site.url("/feed-1256"), settings_for(), resolver=resolver)
    assert feed.title == "أخبار الجنوب"
    assert feed.items[0].title == "افتتاح مستشفى جديد في الكرك & الطفيلة"
    assert feed.problem is None  # the label that differs from the decoded text is no fault of the feed


def test_relative_links_are_made_whole(site: Newsroom) -> None:
    feed = read_feed(site.url("/news/relative.xml"), settings_for(), resolver=resolver)
    assert feed.items[1].url == site.url("/2026/11/rain")


def test_an_item_whose_link_is_not_a_valid_url_is_still_read() -> None:
    channel = (
        '<rss version="2.0"><channel><title>أخبار</title>'
        "<item><guid>g1</guid><title>خبر</title><link>http://[::1/broken</link><description>نص الخبر</description></item>"
        "<item><guid>g2</guid><title>خبر آخر</title><link>http://[::1/broken</link><description>نص آخر</description></item>"
        "</channel></rss>"
    )
    feed = parse_feed(channel, "http://news.test/feed")
    assert [item.guid for item in feed.items] == ["g1"] and feed.duplicates == 1  # the same link, compared as given
    assert feed.items[0].url == "http://[::1/broken"


def test_atom_entries(site: Newsroom) -> None:
    feed = read_feed(site.url("/atom.xml"), settings_for(), resolver=resolver)
    (entry,) = feed.items
    assert entry.guid == "urn:news-test:port:77"
    assert entry.url == "http://news.test/port/77"
    assert entry.published == "2026-11-28T18:15:00Z"
    assert "بنسبة 12%" in entry.content


def test_wordpress_posts_keyed_by_post_id(site: Newsroom) -> None:
    feed = read_feed(site.url("/wp-json/wp/v2/posts"), settings_for(), resolver=resolver)
    first, second = feed.items
    assert (first.guid, first.url, first.published) == ("4521", "http://news.test/?p=4521", "2026-11-29T07:00:00Z")
    assert first.title == "وزارة التربية – خطة لبناء 60 مدرسة"
    assert "60 مدرسة جديدة" in first.content
    assert second.content == "<p>مقتطف قصير فقط.</p>"  # no full text: the excerpt stands in
    assert second.published == "2026-11-29T11:00:00"  # only site-local time is known, kept as given


def test_wordpress_archive_read_page_by_page(site: Newsroom) -> None:
    settings = settings_for()
    first_page = read_feed(site.url("/wp-json/wp/v2/posts?per_page=2"), settings, resolver=resolver)
    assert [item.guid for item in first_page.items] == ["1", "2"]  # polling wants the newest page only
    archive = read_feed(site.url("/wp-json/wp/v2/posts?per_page=2"), settings, resolver=resolver, all_pages=True)
    assert [item.guid for item in archive.items] == ["1", "2", "3", "4", "5"] and archive.problem is None
    full = read_feed(site.url("/wp-json/wp/v2/full?per_page=2"), settings, resolver=resolver, all_pages=True)
    assert [item.guid for item in full.items] == ["1", "2", "3", "4"] and full.problem is None
    flaky = read_feed(site.url("/wp-json/wp/v2/flaky?per_page=2"), settings, resolver=resolver, all_pages=True)
    assert [item.guid for item in flaky.items] == ["1", "2"]
    assert flaky.problem is not None and "stopped reading posts at page 2" in flaky.problem and "503" in flaky.problem


def test_a_page_number_that_only_looks_like_a_digit_is_no_page_number() -> None:
    first = feeds.Feed(url="http://news.test/wp-json/wp/v2/posts?page=²", title=None, items=())
    assert feeds._later_pages(first, settings_for(), resolver) == first  # "²".isdigit() is true, int("²") fails


def test_wordpress_error_answer_is_reported(site: Newsroom) -> None:
    with pytest.raises(FeedError, match="No route was found"):
        read_feed(site.url("/wp-json/wp/v2/posts-gone"), settings_for(), resolver=resolver)


def test_truncated_feed_keeps_what_can_be_read_and_says_so(site: Newsroom) -> None:
    feed = read_feed(site.url("/truncated"), settings_for(), resolver=resolver)
    assert [item.guid for item in feed.items][:2] == ["story-1001", "story-1002"]
    assert feed.problem is not None and "malformed" in feed.problem


def test_malformed_xml_without_items_is_refused(site: Newsroom) -> None:
    with pytest.raises(FeedError, match=r"malformed feed \(unclosed token"):
        read_feed(site.url("/garbage"), settings_for(), resolver=resolver)


def test_a_web_page_is_not_a_feed(site: Newsroom) -> None:
    with pytest.raises(FeedError, match="not an RSS or Atom feed"):
        read_feed(site.url("/page"), settings_for(), resolver=resolver)


def test_ten_thousand_items(site: Newsroom) -> None:
    feed = read_feed(site.url("/big"), settings_for(), resolver=resolver)
    assert len(feed.items) == 10_000 and feed.duplicates == 0
    assert feed.items[-1].guid == "n-9999" and feed.items[-1].url == "http://news.test/n/9999"


def test_feed_over_the_size_limit_is_refused(site: Newsroom) -> None:
    with pytest.raises(FetchError, match="limit"):
        read_feed(site.url("/big"), settings_for(fetch_max_bytes=100_000), resolver=resolver)


def test_feeds_go_through_the_address_guard(site: Newsroom) -> None:
    with pytest.raises(FetchError, match="refused"):
        read_feed(f"http://127.0.0.1:{site.port}/feed", settings_for())


def test_same_story_under_new_guid_and_link_is_one_item() -> None:
    first = FeedItem("a", "http://news.test/x", "عنوان", None, "<p>نص   الخبر</p>")
    moved = FeedItem("b", "http://news.test/y", "عنوان", None, "<p>نص الخبر</p>")  # spacing differs only
    other = FeedItem("c", "http://news.test/z", "عنوان", None, "<p>نص خبر آخر</p>")
    kept, dropped = unique([first, moved, other])
    assert [item.guid for item in kept] == ["a", "c"] and dropped == 1
