"""The box as text: Markdown (as the seed shows it), JSON, and an HTML fragment; and a stored time as text."""

from __future__ import annotations

import html
import json
from datetime import UTC, datetime
from typing import Any

from khulasa import __version__
from khulasa.model import Summary

HEADING = "الملخص"
LISTEN = "استمع إلى الملخص"


def as_markdown(summary: Summary) -> str:
    """A "الملخص" heading and one "- " line per bullet."""
    lines = [f"## {HEADING}", ""] + [f"- {b.text}" for b in summary.bullets]
    return "\n".join(lines) + "\n"


def as_dict(summary: Summary) -> dict[str, Any]:
    """The summary as plain data: bullets with their sources, engine, guard, version."""
    return {
        "bullets": [
            {
                "text": b.text,
                "sources": list(b.sources),
                "source_sentences": [summary.sentences[i].text for i in b.sources if i < len(summary.sentences)],
            }
            for b in summary.bullets
        ],
        "engine": summary.engine,
        "guard": [{"check": g.check, "passed": g.passed, "detail": g.detail} for g in summary.guard],
        "version": __version__,
    }


def as_json(summary: Summary) -> str:
    """:func:`as_dict` as pretty-printed JSON that keeps Arabic readable."""
    return json.dumps(as_dict(summary), ensure_ascii=False, indent=2) + "\n"


def as_html(summary: Summary) -> str:
    """An HTML fragment for the box, right-to-left and marked as Arabic."""
    items = "\n".join(f"    <li>{html.escape(b.text)}</li>" for b in summary.bullets)
    return (
        '<section class="khulasa-box" dir="rtl" lang="ar">\n'
        f"  <h2>{HEADING}</h2>\n"
        f"  <ul>\n{items}\n  </ul>\n"
        "</section>\n"
    )


FORMATS = {"md": as_markdown, "json": as_json, "html": as_html}


def iso(seconds: float | None) -> str | None:
    """Seconds since the epoch → ISO 8601 in UTC."""
    if seconds is None:
        return None
    return datetime.fromtimestamp(seconds, UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")
