"""A migrated database and a blob folder in a temporary data folder.

SQLite by default; set KHULASA_TEST_DATABASE_URL (e.g. postgresql://user:pw@127.0.0.1/khulasa_test,
an empty database the tests may wipe) to run the store and job tests on PostgreSQL too.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
import sqlalchemy as sa

from khulasa import config
from khulasa.config import Settings
from khulasa.store import database
from khulasa.store.blobs import DirectoryBlobStore
from khulasa.store.schema import metadata


@pytest.fixture
def service_settings(tmp_path: Path) -> Settings:
    url = os.environ.get("KHULASA_TEST_DATABASE_URL", "")
    return config.load(environ={}, data_dir=str(tmp_path), database_url=url, job_lease_seconds=30.0)


@pytest.fixture
def engine(service_settings: Settings) -> Iterator[sa.Engine]:
    made = database.connect(service_settings)
    try:
        yield made
    finally:
        if made.dialect.name != "sqlite":  # a shared server: leave it empty for the next test
            metadata.drop_all(made)
            with made.begin() as conn:
                conn.exec_driver_sql("DROP TABLE IF EXISTS alembic_version")
        made.dispose()


@pytest.fixture
def blobs(tmp_path: Path) -> DirectoryBlobStore:
    return DirectoryBlobStore(tmp_path / "blobs")


def database_at(settings: Settings, revision: str, *statements: str) -> None:
    """Leave the settings' database as an older release made it: migrated to ``revision``, then ``statements`` run.

    What an operator upgrading Khulasa has on disk; the test then opens it with today's code.
    """
    from alembic import command
    from alembic.config import Config

    old = sa.create_engine(database.database_url(settings))
    alembic = Config()
    alembic.set_main_option("script_location", str(database.MIGRATIONS))
    try:
        with old.begin() as conn:
            alembic.attributes["connection"] = conn
            command.upgrade(alembic, revision)
            for statement in statements:
                conn.exec_driver_sql(statement)
    finally:
        old.dispose()
