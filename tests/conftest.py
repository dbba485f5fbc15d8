"""Shared fixtures: the project's own example articles, default settings, and a throw-away PostgreSQL server."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from khulasa import config
from khulasa.config import Settings
from tests import postgres

EXAMPLES = Path(__file__).resolve().parents[1] / "src" / "khulasa" / "examples"
FIXTURES = Path(__file__).resolve().parent / "fixtures"


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
