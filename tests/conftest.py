"""Shared fixtures: the project's own example articles and default settings."""

from __future__ import annotations

from pathlib import Path

import pytest

from khulasa import config
from khulasa.config import Settings

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
