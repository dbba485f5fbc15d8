"""Polling feed sources: new and changed items reach the upsert once, unchanged ones never again."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
import sqlalchemy as sa

from khulasa.config import Settings
from khulasa.errors import FeedError, FetchError, InputError, NotFound
from khulasa.jobs import poller
from khulasa.store import articles, database, keys, sources
from khulasa.store.schema import jobs, source_items, versions
from khulasa.web.articles import check_external_id
from tests.jobs.feedsite import INSIDE, MARKET, FeedSite, resolver, rss, settings_for
from tests.web.articles import HARBOUR, LIBRARY


@pytest.fixture
def site() -> Iterator[FeedSite]:
    running = FeedSite()
    try:
        yield running
    finally:
        running.close()


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    return settings_for(str(tmp_path))


@pytest.fixture
def engine(settings: Settings) -> Iterator[sa.Engine]:
    made = database.connect(settings)
    try:
        yield made
    finally:
        made.dispose()


def _items(site: FeedSite, *stories: tuple[str, str, str]) -> list[tuple[str, str, str, str]]:
    """(guid, slug, body) → (guid, link, title, body) with the link on the loopback site."""
    return [(guid, site.url(f"/news/{slug}"), f"خبر {slug}", body) for guid, slug, body in stories]


def _counts(engine: sa.Engine) -> tuple[int, int]:
    with engine.connect() as conn:
        return (
            int(conn.execute(sa.select(sa.func.count()).select_from(versions)).scalar_one()),
            int(conn.execute(sa.select(sa.func.count()).select_from(jobs)).scalar_one()),
        )


def test_a_new_source_is_checked_and_its_kind_detected(engine: sa.Engine, settings: Settings, site: FeedSite) -> None:
    url = site.put("/feed", rss(*_items(site, ("g1", "market", MARKET))))
    source, created = poller.add(engine, url, settings, resolver=resolver)
    assert created and source.kind == "rss" and source.title == "أخبار الساحل"
    again, created_again = poller.add(engine, url + "#top", settings, resolver=resolver)
    assert again.id == source.id and not created_again  # adding it twice changes nothing
    assert [s.id for s in sources.list_sources(engine)] == [source.id]


def test_atom_and_wordpress_kinds(engine: sa.Engine, settings: Settings, site: FeedSite) -> None:
    atom = (
        '<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom"><title>الميناء</title>'
        "<id>urn:t</id><updated>2026-11-29T06:00:00Z</updated><entry><title>حاويات</title><id>urn:t:1</id>"
        f'<link href="{site.url("/port/1")}"/><updated>2026-11-29T06:00:00Z</updated>'
        "<content type=\"text\">ارتفعت حركة الحاويات.</content></entry></feed>"
    )
    atom_url = site.put("/atom.xml", atom, "application/atom+xml")
    posts = '[{"id": 7, "link": "http://news.test/?p=7", "title": {"rendered": "مدارس"}, "content": {"rendered": "<p>نص</p>"}}]'
    wp_url = site.put("/wp-json/wp/v2/posts", posts, "application/json")
    assert poller.add(engine, atom_url, settings, resolver=resolver)[0].kind == "atom"
    assert poller.add(engine, wp_url, settings, resolver=resolver)[0].kind == "wordpress"


def test_poll_stores_items_then_a_304_changes_nothing(engine: sa.Engine, settings: Settings, site: FeedSite) -> None:
    url = site.put("/feed", rss(*_items(site, ("g1", "market", MARKET), ("g2", "harbour", HARBOUR))))
    source, _ = poller.add(engine, url, settings, resolver=resolver)
    told: list[tuple[str, bool]] = []

    first = poller.poll(engine, settings, resolver=resolver, on_upsert=lambda i, q: told.append((i, q)))
    assert (first.total("new"), first.total("changed"), first.total("unchanged"), first.failed) == (2, 0, 0, [])
    assert len(told) == 2 and all(queued for _, queued in told)
    for external_id, _ in told:
        check_external_id(external_id)  # within the API's id rules
        item = articles.item(engine, external_id)
        assert item["state"] == "queued" and item["metadata"]["feed"] == url
    assert articles.item(engine, told[0][0])["title"] == "خبر market"
    assert _counts(engine) == (2, 2)

    second = poller.poll(engine, settings, resolver=resolver)
    assert site.statuses("/feed")[-1] == 304
    assert second.polls[0].status == "not modified"
    assert _counts(engine) == (2, 2)
    assert sources.get_source(engine, source.id).last_ok_at is not None


def test_an_unchanged_feed_served_again_in_full_makes_nothing_new(
    engine: sa.Engine, settings: Settings, site: FeedSite
) -> None:
    url = site.put("/feed", rss(*_items(site, ("g1", "market", MARKET))))
    poller.add(engine, url, settings, resolver=resolver)
    poller.poll(engine, settings, resolver=resolver)
    # the feed is re-rendered (a byte differs, so a new ETag and a full answer) with the same items
    site.put("/feed", rss(*_items(site, ("g1", "market", MARKET))) + "\n")
    again = poller.poll(engine, settings, resolver=resolver)
    assert site.statuses("/feed")[-1] == 200
    assert (again.total("new"), again.total("changed"), again.total("unchanged")) == (0, 0, 1)
    assert _counts(engine) == (1, 1)


def test_a_changed_item_makes_one_new_version(engine: sa.Engine, settings: Settings, site: FeedSite) -> None:
    url = site.put("/feed", rss(*_items(site, ("g1", "market", MARKET), ("g2", "harbour", HARBOUR))))
    poller.add(engine, url, settings, resolver=resolver)
    told: list[str] = []
    poller.poll(engine, settings, resolver=resolver, on_upsert=lambda i, q: told.append(i))
    edited = MARKET + "\nوأكد أن رسوم المحلات ستبقى كما هي في العام الأول."
    site.put("/feed", rss(*_items(site, ("g1", "market", edited), ("g2", "harbour", HARBOUR))))

    report = poller.poll(engine, settings, resolver=resolver)
    assert (report.total("new"), report.total("changed"), report.total("unchanged")) == (0, 1, 1)
    market = articles.item(engine, told[0])
    assert [v["version"] for v in market["versions"]] == [1, 2]
    assert len(articles.item(engine, told[1])["versions"]) == 1
    with engine.connect() as conn:  # the market's job, still queued, now works on the new version
        newest = conn.execute(sa.select(sa.func.max(versions.c.id))).scalar_one()
        assert newest in conn.execute(sa.select(jobs.c.version_id)).scalars().all()
    assert _counts(engine) == (3, 2)


def test_a_new_guid_for_the_same_story_is_no_duplicate(engine: sa.Engine, settings: Settings, site: FeedSite) -> None:
    url = site.put("/feed", rss(*_items(site, ("story-1", "market", MARKET))))
    poller.add(engine, url, settings, resolver=resolver)
    poller.poll(engine, settings, resolver=resolver)
    site.put("/feed", rss(*_items(site, ("story-1-edited", "market", MARKET))))  # the CMS re-keyed it

    report = poller.poll(engine, settings, resolver=resolver)
    assert (report.total("new"), report.total("unchanged")) == (0, 1)
    assert _counts(engine) == (1, 1)
    # ... and an edit under the new GUID is a new version of the same article
    site.put("/feed", rss(*_items(site, ("story-1-edited", "market", MARKET + "\nوبدأ التجار نقل بضائعهم أمس."))))
    later = poller.poll(engine, settings, resolver=resolver)
    assert (later.total("new"), later.total("changed")) == (0, 1)
    with engine.connect() as conn:
        ids = set(conn.execute(sa.select(source_items.c.external_id)).scalars())
    assert len(ids) == 1
    assert [v["version"] for v in articles.item(engine, ids.pop())["versions"]] == [1, 2]


def test_a_malformed_feed_is_recorded_and_the_poll_goes_on(engine: sa.Engine, settings: Settings, site: FeedSite) -> None:
    bad_url = site.put("/broken", rss(*_items(site, ("g9", "library", LIBRARY))))
    good_url = site.put("/feed", rss(*_items(site, ("g1", "market", MARKET))))
    bad, _ = poller.add(engine, bad_url, settings, resolver=resolver)
    poller.add(engine, good_url, settings, resolver=resolver)
    site.put("/broken", "<rss><channel><item><title>نص مقطوع")  # the feed broke after it was added

    report = poller.poll(engine, settings, resolver=resolver)
    broken, good = report.polls
    assert broken.status == "failed" and "malformed" in (broken.error or "")
    assert good.new == 1
    assert report.failed and report.failed[0].startswith(f"source {bad.id} ")
    assert "malformed" in (sources.get_source(engine, bad.id).last_error or "")


def test_an_unreadable_item_fails_once_and_is_not_retried_until_it_changes(
    engine: sa.Engine, settings: Settings, site: FeedSite
) -> None:
    english = "The council opened a new market today after two years of building work in the city centre."
    url = site.put("/feed", rss(*_items(site, ("g1", "market", MARKET), ("g2", "english", english))))
    poller.add(engine, url, settings, resolver=resolver)
    first = poller.poll(engine, settings, resolver=resolver)
    assert first.total("new") == 1 and len(first.polls[0].failures) == 1 and "g2" in first.polls[0].failures[0]
    site.put("/feed", rss(*_items(site, ("g1", "market", MARKET), ("g2", "english", english))) + " ")
    again = poller.poll(engine, settings, resolver=resolver)
    assert (again.total("unchanged"), again.failed) == (2, [])


def test_an_unexpected_failure_is_tried_again_at_the_next_poll(
    engine: sa.Engine, settings: Settings, site: FeedSite, monkeypatch: pytest.MonkeyPatch
) -> None:
    url = site.put("/feed", rss(*_items(site, ("g1", "market", MARKET))))
    poller.add(engine, url, settings, resolver=resolver)
    upsert = articles.upsert

    def database_gone(*args: object, **kwargs: object) -> None:
        raise sa.exc.OperationalError("INSERT", {}, Exception("disk I/O error"))

    monkeypatch.setattr(articles, "upsert", database_gone)
    first = poller.poll(engine, settings, resolver=resolver)
    assert first.total("new") == 0 and "tried again at the next poll" in first.failed[0]
    monkeypatch.setattr(articles, "upsert", upsert)
    second = poller.poll(engine, settings, resolver=resolver)
    assert site.statuses("/feed")[-1] == 200  # no validators were kept, so the whole feed is read again
    assert second.total("new") == 1 and _counts(engine) == (1, 1)


def test_a_feed_host_on_a_private_address_is_refused(engine: sa.Engine, settings: Settings, site: FeedSite) -> None:
    with pytest.raises(FetchError, match="private"):
        poller.add(engine, site.url("/feed", host=INSIDE), settings, resolver=resolver)
    assert sources.list_sources(engine) == []


def test_a_source_whose_host_moves_inside_fails_its_poll(engine: sa.Engine, settings: Settings, site: FeedSite) -> None:
    url = site.put("/feed", rss(*_items(site, ("g1", "market", MARKET))))
    source, _ = poller.add(engine, url, settings, resolver=resolver)
    report = poller.poll(engine, settings, resolver=lambda host, port: ["10.0.0.7"])
    assert report.polls[0].status == "failed" and "private" in (report.polls[0].error or "")
    assert "private" in (sources.get_source(engine, source.id).last_error or "")
    assert _counts(engine) == (0, 0)


def test_bad_input_is_one_clear_sentence(engine: sa.Engine, settings: Settings, site: FeedSite) -> None:
    page = site.put("/about", "<html><body><p>من نحن</p></body></html>", "text/html; charset=utf-8")
    with pytest.raises(FeedError, match="not an RSS or Atom feed"):
        poller.add(engine, page, settings, resolver=resolver)
    with pytest.raises(InputError, match="not an http"):
        poller.add(engine, "ftp://news.test/feed", settings, resolver=resolver)
    with pytest.raises(InputError, match="not an http"):
        poller.add(engine, "http://[::1/feed", settings, resolver=resolver)
    with pytest.raises(NotFound, match="no source 42"):
        sources.remove_source(engine, 42)
    url = site.put("/feed", rss(*_items(site, ("g1", "market", MARKET))))
    with pytest.raises(NotFound, match="no API key named 'cms'"):
        poller.add(engine, url, settings, key_name="cms", resolver=resolver)


def test_a_source_owned_by_a_key_stores_versions_as_that_key(engine: sa.Engine, settings: Settings, site: FeedSite) -> None:
    key, _ = keys.create_key(engine, "coast-cms")
    url = site.put("/feed", rss(*_items(site, ("g1", "market", MARKET))))
    source, _ = poller.add(engine, url, settings, key_name="coast-cms", resolver=resolver)
    assert source.key_id == key.id
    poller.poll(engine, settings, resolver=resolver)
    with engine.connect() as conn:
        assert conn.execute(sa.select(versions.c.key_id)).scalars().all() == [key.id]


def test_only_due_sources_are_polled(engine: sa.Engine, settings: Settings, site: FeedSite) -> None:
    url = site.put("/feed", rss(*_items(site, ("g1", "market", MARKET))))
    poller.add(engine, url, settings, resolver=resolver)
    assert len(poller.poll(engine, settings, only_due=True, resolver=resolver).polls) == 1
    assert poller.poll(engine, settings, only_due=True, resolver=resolver).polls == ()
    later = poller.poll(engine, settings, only_due=True, resolver=resolver, now=10**10)
    assert len(later.polls) == 1


def test_removing_a_source_keeps_its_articles_and_adding_it_again_finds_them(
    engine: sa.Engine, settings: Settings, site: FeedSite
) -> None:
    url = site.put("/feed", rss(*_items(site, ("g1", "market", MARKET))))
    source, _ = poller.add(engine, url, settings, resolver=resolver)
    poller.poll(engine, settings, resolver=resolver)
    sources.remove_source(engine, source.id)
    with pytest.raises(NotFound):
        sources.get_source(engine, source.id)
    poller.add(engine, url, settings, resolver=resolver)
    again = poller.poll(engine, settings, resolver=resolver)
    assert again.total("new") == 1  # unknown to the new source, but the upsert sees the same text
    assert _counts(engine) == (1, 1)


def test_the_poller_thread_polls_due_sources(engine: sa.Engine, tmp_path: Path, site: FeedSite) -> None:
    settings = settings_for(str(tmp_path), source_poll_seconds=0.2)
    url = site.put("/feed", rss(*_items(site, ("g1", "market", MARKET))))
    poller.add(engine, url, settings, resolver=resolver)
    told: list[str] = []
    running = poller.Poller(engine, settings, on_upsert=lambda i, q: told.append(i), resolver=resolver)
    running.start()
    try:
        import time

        deadline = time.monotonic() + 10
        while time.monotonic() < deadline and 304 not in site.statuses("/feed"):
            time.sleep(0.05)
    finally:
        running.stop()
    assert len(told) == 1 and 304 in site.statuses("/feed")


def test_external_ids_are_stable_safe_and_distinct() -> None:
    feed = "http://news.test/feed"
    assert sources.external_id_for(feed, "4521") == sources.external_id_for(feed, "4521")
    assert sources.external_id_for(feed, "4521") != sources.external_id_for("http://other.test/feed", "4521")
    odd = sources.external_id_for(feed, "http://news.test/?p=12&lang=ar")
    long = sources.external_id_for(feed, "خبر/" * 300)
    for made in (odd, long, sources.external_id_for(feed, "story-1001")):
        assert check_external_id(made) == made and made.isascii()
    assert sources.external_id_for(feed, "a/b") != sources.external_id_for(feed, "a-b")


def test_sources_of_a_revoked_key_are_not_polled(engine: sa.Engine, settings: Settings, site: FeedSite) -> None:
    keys.create_key(engine, "coast-cms")
    owned = site.put("/feed", rss(*_items(site, ("g1", "market", MARKET))))
    ownerless = site.put("/other", rss(*_items(site, ("g2", "harbour", HARBOUR))))
    mine, _ = poller.add(engine, owned, settings, key_name="coast-cms", resolver=resolver)
    poller.add(engine, ownerless, settings, resolver=resolver)
    keys.revoke_key(engine, "coast-cms")

    [paused, other] = sources.list_sources(engine)
    assert paused.paused and paused.key_name == "coast-cms" and not other.paused
    assert not sources.is_due(paused, now=10**10, default_seconds=1)  # the poller thread's test
    report = poller.poll(engine, settings, resolver=resolver)  # what `khulasa sources poll` does
    assert [(poll.source.id, poll.status) for poll in report.polls] == [(mine.id, "paused"), (other.id, "read")]
    due = poller.poll(engine, settings, only_due=True, resolver=resolver, now=10**10)  # what the poller thread does
    assert [poll.source.id for poll in due.polls] == [other.id]
    assert site.statuses("/feed") == [200]  # only the check when it was added
    assert sources.get_source(engine, mine.id).last_polled_at is None


def test_an_item_with_a_lone_surrogate_fails_alone_and_every_source_is_still_polled(
    engine: sa.Engine, settings: Settings, site: FeedSite
) -> None:
    # a WordPress site whose plugin wrote half an emoji into a post's link: JSON spells it "\ud83d", which is no text
    posts = [
        {"id": 8, "link": "http://news.test/?p=8&s=\ud83d", "title": {"rendered": "سوق"}, "content": {"rendered": MARKET}},
        {"id": 9, "link": "http://news.test/?p=9", "title": {"rendered": "ميناء"}, "content": {"rendered": HARBOUR}},
    ]
    wordpress = site.put("/wp-json/wp/v2/posts", json.dumps(posts), "application/json")
    after = site.put("/feed", rss(*_items(site, ("g1", "library", LIBRARY))))
    bad, _ = poller.add(engine, wordpress, settings, resolver=resolver)
    poller.add(engine, after, settings, resolver=resolver)

    report = poller.poll(engine, settings, resolver=resolver)
    first, second = report.polls
    assert (first.new, second.new) == (1, 1)  # the post beside the bad one, and the source after it, are stored
    assert len(first.failures) == 1 and first.failures[0].startswith("item 8:") and "lone surrogate" in first.failures[0]
    assert sources.get_source(engine, bad.id).last_error is None  # the source was read; the item's failure is its own
    site.put("/wp-json/wp/v2/posts", json.dumps(posts) + " ", "application/json")  # read in full again, not a 304
    again = poller.poll(engine, settings, resolver=resolver)
    assert again.failed == [] and again.polls[0].unchanged == 2  # the bad item is remembered, not tried at every poll
