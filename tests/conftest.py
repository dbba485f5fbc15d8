"""Shared fixtures: example articles, default settings, a data home of the run's own, a throw-away PostgreSQL server."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from khulasa import config
from khulasa.config import Settings
from tests import postgres

EXAMPLES = Path(__file__).resolve().parents[1] / "src" / "khulasa" / "examples"
FIXTURES = Path(__file__).resolve().parent / "fixtures"


@pytest.fixture(scope="session", autouse=True)
def own_data_home(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """A data home of this run's own, so that no test reads or fills the user's ~/.local/share/khulasa.

    A command run without --data-dir keeps its database and its spoken-piece
    cache there; shared across runs, a piece cached by an earlier run is
    served without the voice under test being asked for it.
    """
    home = tmp_path_factory.mktemp("data-home")
    before = os.environ.get("XDG_DATA_HOME")
    os.environ["XDG_DATA_HOME"] = str(home)
    try:
        yield home
    finally:
        if before is None:
            os.environ.pop("XDG_DATA_HOME", None)
        else:
            os.environ["XDG_DATA_HOME"] = before


@pytest.fixture
def settings() -> Settings:
    """Default settings, unaffected by the caller's KHULASA_* variables."""
    return config.load(environ={})


@pytest.fixture
def example_text() -> str:
    """The example article that ships with Khulasa."""
    return (EXAMPLES / "desalination.txt").read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def postgres_cluster() -> Iterator[postgres.Cluster]:
    """A PostgreSQL server of this run's own (see tests/postgres.py), started when a test first needs it."""
    reason = postgres.missing()
    if reason:
        pytest.skip(reason)
    cluster = postgres.Cluster.start()
    try:
        yield cluster
    finally:
        cluster.stop()
