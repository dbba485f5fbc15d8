"""A migrated database and a blob folder in a temporary data folder, on each backend Khulasa supports.

Every test that takes ``engine`` (or ``service_settings``, ``database_url``, ``empty_settings``)
runs twice: on a SQLite file in its data folder, and on a new database of this run's own
PostgreSQL server (tests/postgres.py), dropped after the test.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
import sqlalchemy as sa

from khulasa import config
from khulasa.config import Settings
from khulasa.store import database
from khulasa.store.blobs import DirectoryBlobStore
from tests.postgres import Cluster

BACKENDS = ["sqlite", "postgresql"]


def _url(request: pytest.FixtureRequest, *, migrated: bool) -> Iterator[str]:
    if request.param == "sqlite":
        yield ""  # the default: khulasa.db in the data folder
        return
    cluster: Cluster = request.getfixturevalue("postgres_cluster")
    with cluster.database(migrated=migrated) as url:
        yield url


@pytest.fixture(params=BACKENDS)
def database_url(request: pytest.FixtureRequest) -> Iterator[str]:
    """KHULASA_DATABASE_URL of a migrated, empty database ("" for the data folder's SQLite file)."""
    yield from _url(request, migrated=True)


@pytest.fixture
def service_settings(tmp_path: Path, database_url: str) -> Settings:
    return config.load(environ={}, data_dir=str(tmp_path), database_url=database_url, job_lease_seconds=30.0)


@pytest.fixture(params=BACKENDS)
def empty_settings(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Settings]:
    """Settings naming a database with no tables yet: for tests that build an older release's schema first."""
    for url in _url(request, migrated=False):
        yield config.load(environ={}, data_dir=str(tmp_path), database_url=url)


@pytest.fixture
def engine(service_settings: Settings) -> Iterator[sa.Engine]:
    made = database.connect(service_settings)
    try:
        yield made
    finally:
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
