"""Short news-style Arabic articles written for the service tests (in tests/fixtures/service, not taken from any site)."""

from __future__ import annotations

from tests.conftest import FIXTURES

LIBRARY = (FIXTURES / "service" / "library.txt").read_text(encoding="utf-8")
"""A city library opens: numbers, a quote, a closing reaction."""
HARBOUR = (FIXTURES / "service" / "harbour.txt").read_text(encoding="utf-8")
"""A port's container traffic grows: percentages and decimals."""
NO_ARTICLE_HTML = (FIXTURES / "service" / "no_article.html").read_text(encoding="utf-8")
"""A home page with menus and a footer but no article."""
