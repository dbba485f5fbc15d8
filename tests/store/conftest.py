"""A migrated SQLite database and a blob folder in a temporary data folder."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
import sqlalchemy as sa

from khulasa import config
from khulasa.config import Settings
from khulasa.store import database
from khulasa.store.blobs import DirectoryBlobStore


@pytest.fixture
def service_settings(tmp_path: Path) -> Settings:
    return config.load(environ={}, data_dir=str(tmp_path), job_lease_seconds=30.0)


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
