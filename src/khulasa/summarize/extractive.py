"""The default engine: extractive and compressive, deterministic, offline.

Provisional: picks the lead sentences. To be replaced by the full engine.
"""

from __future__ import annotations

from khulasa.arabic import sentences as splitter
from khulasa.config import Settings
from khulasa.model import Article, Bullet, Summary


class ExtractiveEngine:
    """Lead sentences as bullets (placeholder for the real scorer)."""

    name = "extractive"

    def __init__(self, settings: Settings) -> None:
        self.settings = settings

    def summarize(self, article: Article, bullets: int) -> Summary:
        sents = splitter.split(article.text)
        body = [s for s in sents if not s.heading] or sents
        chosen = body[:bullets]
        out = tuple(Bullet(s.text if s.text.endswith(".") else s.text + ".", (s.index,)) for s in chosen)
        return Summary(bullets=out, sentences=tuple(sents), engine=self.name)
