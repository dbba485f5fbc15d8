"""The one place that knows the order of the stages.

Front ends (the command line, the service, batch jobs) call these functions
and nothing deeper, so a change of stage order or a new stage happens here
alone.
"""

from __future__ import annotations

from khulasa.arabic.tokens import word_count
from khulasa.config import Settings
from khulasa.model import Article, Summary
from khulasa.summarize import engine_named


def bullet_count(article: Article, settings: Settings) -> int:
    """How many bullets this article gets: the setting, or 2 (3 for long articles)."""
    if settings.bullets:
        return settings.bullets
    return 3 if word_count(article.text) >= settings.long_article_words else 2


def summarize(article: Article, settings: Settings) -> Summary:
    """Article → Summary with the configured engine, checked by the faithfulness guard.

    Bullets that fail the guard get one retry that names what failed (engines
    that can revise), then the extractive engine's bullets; the Summary's
    ``engine`` and ``guard`` say which engine made it and what the guard found.
    """
    from khulasa.summarize.guard import guarded

    engine = engine_named(settings.summary_engine, settings)
    return guarded(engine, article, bullet_count(article, settings), settings)
