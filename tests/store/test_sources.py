"""The sources tables: added by migration 0002 to a database that already has articles, and their rows."""

from __future__ import annotations

import pytest
import sqlalchemy as sa

from khulasa.config import Settings
from khulasa.errors import InputError, NotYours
from khulasa.store import database, sources
from khulasa.store.sources import SeenItem
from tests.store.conftest import database_at


def test_a_database_made_before_sources_is_upgraded_and_keeps_its_keys(empty_settings: Settings) -> None:
    settings = empty_settings
    database_at(settings, "0001", "INSERT INTO api_keys (name, prefix, key_hash, created_at) VALUES ('cms', 'p', 'h', 0)")

    engine = database.connect(settings)
    try:
        assert {"sources", "source_items"} <= set(sa.inspect(engine).get_table_names())
        source, created = sources.add_source(engine, "http://news.test/feed", "rss", None, sources.key_id_named(engine, "cms"))
        assert created and source.key_id == 1
    finally:
        engine.dispose()


def test_an_item_is_remembered_once_per_key(engine: sa.Engine) -> None:
    source, _ = sources.add_source(engine, "http://news.test/feed", "rss", "أخبار", None)
    sources.remember_item(engine, source.id, SeenItem("g1", "http://news.test/a", "h1", "feed-x:g1", None))
    sources.remember_item(engine, source.id, SeenItem("g1", "http://news.test/a", "h2", "feed-x:g1", None))
    sources.remember_item(engine, source.id, SeenItem("g1-new", "http://news.test/a", "h2", "feed-x:g1", None))
    seen = sources.seen_items(engine, source.id)
    rows = [(s.item_key, s.content_hash, s.external_id) for s in seen]
    assert rows == [("g1", "h2", "feed-x:g1"), ("g1-new", "h2", "feed-x:g1")]


def test_a_source_is_due_after_its_own_interval_or_the_setting(engine: sa.Engine) -> None:
    source, _ = sources.add_source(engine, "http://news.test/feed", "rss", None, None, poll_seconds=60)
    assert sources.is_due(source, now=0, default_seconds=600)  # never polled
    sources.record_poll(engine, source.id, error=None, etag='"v1"')
    polled = sources.get_source(engine, source.id)
    assert polled.etag == '"v1"' and polled.last_error is None
    assert not sources.is_due(polled, now=polled.last_polled_at + 59, default_seconds=600)  # type: ignore[operator]
    assert sources.is_due(polled, now=polled.last_polled_at + 60, default_seconds=600)  # type: ignore[operator]
    sources.record_poll(engine, source.id, error="the feed is gone")
    failed = sources.get_source(engine, source.id)
    assert failed.last_error == "the feed is gone" and failed.etag == '"v1"' and failed.last_ok_at == polled.last_ok_at


def test_a_kind_or_interval_that_makes_no_sense_is_refused(engine: sa.Engine) -> None:
    with pytest.raises(InputError, match="kind"):
        sources.add_source(engine, "http://news.test/feed", "json", None, None)
    with pytest.raises(InputError, match="positive"):
        sources.add_source(engine, "http://news.test/feed", "rss", None, None, poll_seconds=-5)


def test_a_key_removes_only_its_own_sources_and_the_operator_any(engine: sa.Engine) -> None:
    cms = sources.add_source(engine, "http://news.test/a", "rss", None, 1)[0]
    cli = sources.add_source(engine, "http://news.test/b", "rss", None, None)[0]
    with pytest.raises(NotYours, match="another API key"):
        sources.remove_source(engine, cms.id, by_key=2)
    with pytest.raises(NotYours):
        sources.remove_source(engine, cli.id, by_key=1)
    assert sources.remove_source(engine, cms.id, by_key=1).id == cms.id
    assert sources.remove_source(engine, cli.id).id == cli.id  # the operator's CLI
    assert sources.list_sources(engine) == []
