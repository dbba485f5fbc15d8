"""The database: a SQLite file in the data folder, WAL mode, migrated by Alembic at start."""

from __future__ import annotations

from pathlib import Path

import pytest
import sqlalchemy as sa

from khulasa import config
from khulasa.config import Settings
from khulasa.errors import ConfigError, NotYours
from khulasa.model import Article
from khulasa.store import articles, database, keys
from tests.store.conftest import database_at


def test_first_start_creates_every_table(engine: sa.Engine) -> None:
    tables = set(sa.inspect(engine).get_table_names())
    assert {"alembic_version", "api_keys", "articles", "versions", "files", "jobs", "deliveries", "sources"} <= tables
    assert {"listening_events", "listening_days", "lexicon_entries", "lexicon_changes"} <= tables
    with engine.connect() as conn:
        assert conn.exec_driver_sql("SELECT version_num FROM alembic_version").scalar() == "0010"


def test_the_default_is_a_sqlite_file_in_wal_mode(tmp_path: Path) -> None:
    engine = database.connect(config.load(environ={}, data_dir=str(tmp_path)))
    try:
        assert (tmp_path / "khulasa.db").exists()
        with engine.connect() as conn:
            assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
    finally:
        engine.dispose()


def test_a_bare_postgresql_url_means_psycopg() -> None:
    url = database.database_url(config.load(environ={}, database_url="postgresql://cms:pw@db.internal/khulasa"))
    assert url == "postgresql+psycopg://cms:pw@db.internal/khulasa"


def test_a_database_that_does_not_answer_is_one_clear_error_without_the_password() -> None:
    pytest.importorskip("psycopg", reason="the postgres extra is not installed")
    with pytest.raises(ConfigError, match="cannot open the database") as caught:
        database.connect(config.load(environ={}, database_url="postgresql://cms:s3cret@127.0.0.1:9/khulasa"))
    assert "s3cret" not in caught.value.message


def test_starting_again_keeps_the_data(engine: sa.Engine, service_settings: Settings) -> None:
    with engine.begin() as conn:
        conn.exec_driver_sql("INSERT INTO api_keys (name, prefix, key_hash, created_at) VALUES ('a', 'p', 'h', 0)")
    again = database.connect(service_settings)
    try:
        with again.connect() as conn:
            assert conn.exec_driver_sql("SELECT name FROM api_keys").scalars().all() == ["a"]
    finally:
        again.dispose()


def test_default_data_folder_follows_xdg(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))
    assert config.data_dir(config.load(environ={})) == tmp_path / "xdg" / "khulasa"
    assert database.database_url(config.load(environ={})).endswith("xdg/khulasa/khulasa.db")


def test_a_database_url_that_cannot_work_is_named_without_its_password() -> None:
    with pytest.raises(ConfigError) as raised:
        database.connect(config.load(environ={}, database_url="nosuchdb://cms:s3cret@db.internal/khulasa"))
    assert "nosuchdb://cms:***@db.internal/khulasa" in raised.value.message
    assert "s3cret" not in raised.value.message


def test_a_database_url_with_a_port_that_is_not_a_number_is_one_clear_error() -> None:
    with pytest.raises(ConfigError, match="KHULASA_DATABASE_URL") as raised:
        database.connect(config.load(environ={}, database_url="postgresql://cms:s3cret@db.internal:five/khulasa"))
    assert "s3cret" not in raised.value.message


def test_a_database_url_that_cannot_work_is_one_clear_error() -> None:
    with pytest.raises(ConfigError, match="KHULASA_DATABASE_URL"):
        database.connect(config.load(environ={}, database_url="nosuchdb://here"))


def test_a_database_made_at_0002_gains_the_credit_column_and_keeps_its_articles(empty_settings: Settings) -> None:
    settings = empty_settings
    database_at(
        settings,
        "0002",
        "INSERT INTO articles (external_id, state, version_id, language, metadata, created_at, updated_at, title)"
        " VALUES ('old-1', 'queued', 1, 'ar', '{}', 0, 0, 'خبر قديم')",
        "INSERT INTO versions (article_id, number, content_hash, text, created_at) VALUES (1, 1, 'h', 'نص قديم', 0)",
    )

    engine = database.connect(settings)
    try:
        before = articles.item(engine, "old-1")
        assert (before["title"], before["credit"]) == ("خبر قديم", None)
        articles.upsert(engine, "new-1", Article(text="نص جديد.", credit="رويترز"), key_id=None)
        assert articles.item(engine, "new-1")["credit"] == "رويترز"
    finally:
        engine.dispose()


def test_the_migrations_build_exactly_the_tables_the_code_declares(engine: sa.Engine) -> None:
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext

    from khulasa.store.schema import metadata

    with engine.connect() as conn:
        assert compare_metadata(MigrationContext.configure(conn), metadata) == []  # a column or index in one only fails here


def test_the_feed_walks_the_newest_versions_by_index(engine: sa.Engine) -> None:
    if engine.dialect.name != "sqlite":
        pytest.skip("PostgreSQL plans by table statistics: an empty archive's plan says nothing of a large one's")
    query = articles.finished_query(50, with_audio=True).compile(engine)  # bound values, as the feed runs it
    with engine.connect() as conn:
        plan = " ".join(str(row) for row in conn.exec_driver_sql(f"EXPLAIN QUERY PLAN {query}", tuple(query.params.values())))
    assert "ix_versions_created_at" in plan and "TEMP B-TREE" not in plan  # no sort of the whole archive per request


def test_articles_stored_before_owners_belong_to_the_key_of_their_first_version(tmp_path: Path) -> None:
    settings = config.load(environ={}, data_dir=str(tmp_path))
    database_at(
        settings,
        "0004",
        "INSERT INTO api_keys (name, prefix, key_hash, created_at)"
        " VALUES ('coast-cms', 'khk_a', 'a', 0), ('desert-cms', 'khk_b', 'b', 0)",
        "INSERT INTO articles (external_id, state, version_id, language, metadata, created_at, updated_at)"
        " VALUES ('coast-1', 'queued', 2, 'ar', '{}', 0, 0), ('demo-1', 'queued', 3, 'ar', '{}', 0, 0)",
        "INSERT INTO versions (article_id, number, content_hash, text, key_id, created_at)"
        " VALUES (1, 1, 'h1', 'نص أول', 1, 0), (1, 2, 'h2', 'نص ثان', 2, 0), (2, 1, 'h3', 'نص تجريبي', NULL, 0)",
    )

    engine = database.connect(settings)
    try:
        assert not any(key.admin for key in keys.list_keys(engine))
        with pytest.raises(NotYours):  # created by coast-cms; desert-cms's later version did not make it desert's
            articles.upsert(engine, "coast-1", Article(text="نص ثالث."), key_id=2)
        assert articles.upsert(engine, "coast-1", Article(text="نص ثالث."), key_id=1).version == 3
        assert articles.upsert(engine, "demo-1", Article(text="نص آخر."), key_id=2).version == 2  # nobody's: open
    finally:
        engine.dispose()
