"""Summary engines: each turns an Article into a Summary; chosen by name."""

from __future__ import annotations

from typing import Protocol

from khulasa.config import Settings
from khulasa.errors import ConfigError
from khulasa.model import Article, Summary


class Engine(Protocol):
    """What every summary engine offers."""

    name: str

    def summarize(self, article: Article, bullets: int) -> Summary:
        """Make ``bullets`` bullets (fewer if the article is too short) for ``article``."""
        ...


def engine_named(name: str, settings: Settings) -> Engine:
    """The engine called ``name``, built from ``settings``."""
    if name == "extractive":
        from khulasa.summarize.extractive import ExtractiveEngine

        return ExtractiveEngine(settings)
    if name == "llm":
        from khulasa.summarize.llm import LLMEngine

        return LLMEngine(settings)
    raise ConfigError(f"unknown summary engine {name!r}; choose one of: extractive, llm.")
