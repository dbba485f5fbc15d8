"""Summary engines: each turns an Article into a Summary; chosen by name, and run under the guard.

:func:`guarded` is the policy every engine runs under: its bullets are checked
(:mod:`khulasa.summarize.guard`); an engine that can revise (:class:`Reviser`)
is told once what failed, and then the extractive engine's bullets stand in.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Protocol, runtime_checkable

from khulasa.config import Settings
from khulasa.errors import ConfigError, EngineError
from khulasa.model import Article, GuardFinding, Summary


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


@runtime_checkable
class Reviser(Engine, Protocol):
    """An engine that can try again when told what was wrong with its bullets."""

    def revise(self, article: Article, bullets: int, previous: Summary, problems: str) -> Summary:
        """New bullets for ``article`` that avoid ``problems`` found in ``previous``."""
        ...


def _checked(summary: Summary, article: Article, settings: Settings, requested: int) -> Summary:
    from khulasa.summarize.align import with_sources
    from khulasa.summarize.guard import check

    cut = summary.engine == "extractive"  # its bullets are deletions of the sentences they cite; a model's are not
    summary = with_sources(summary)
    sources = [[summary.sentences[i].text for i in b.sources] for b in summary.bullets] if cut else None
    # the dateline and byline are the article's too: a column's box quotes the writer its «بقلم» signs
    text = f"{article.text}\n{article.dateline}" if article.dateline else article.text
    findings = check([b.text for b in summary.bullets], text, settings, requested, sources)
    return replace(summary, guard=findings)


def guarded(engine: Engine, article: Article, requested: int, settings: Settings) -> Summary:
    """Summarize under the guard: accept, or retry once naming what failed, or fall back to extractive."""
    if engine.name == "extractive":
        return _checked(engine.summarize(article, requested), article, settings, requested)
    try:
        summary = _checked(engine.summarize(article, requested), article, settings, requested)
    except EngineError as exc:
        return _fallback(article, requested, settings, f"the {engine.name} engine failed: {exc.message}")
    from khulasa.summarize.guard import explain, passed

    if passed(summary.guard):
        return summary
    first = explain(summary.guard)
    if not isinstance(engine, Reviser):
        return _fallback(article, requested, settings, f"the {engine.name} bullets failed the guard ({first})")
    try:
        second = _checked(engine.revise(article, requested, summary, first), article, settings, requested)
    except EngineError as exc:
        return _fallback(
            article, requested, settings, f"the {engine.name} bullets failed the guard ({first}); the retry failed: {exc.message}"
        )
    if passed(second.guard):
        return replace(second, guard=(GuardFinding("retry", True, f"first answer failed: {first}"), *second.guard))
    return _fallback(
        article,
        requested,
        settings,
        f"the {engine.name} bullets failed the guard twice ({first}; then {explain(second.guard)})",
    )


def _fallback(article: Article, requested: int, settings: Settings, reason: str) -> Summary:
    """The extractive engine's bullets, with the reason the other engine's were not used first among the findings."""
    summary = _checked(engine_named("extractive", settings).summarize(article, requested), article, settings, requested)
    note = GuardFinding("fallback", False, f"{reason}; showing the extractive engine's bullets instead")
    return replace(summary, guard=(note, *summary.guard))
