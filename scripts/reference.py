"""The README's reference sections, generated from the code so they cannot drift.

``python scripts/reference.py`` (with the package importable: the project's
.venv, or ``PYTHONPATH=src``) rewrites the parts of README.md between
``<!-- name:start -->`` and ``<!-- name:end -->`` markers; a test fails when
the README differs from what this script generates. It is a tool of the
repository, not of the installed package, so it is not in the wheel.
"""

from __future__ import annotations

import io
import os
import re
import sys
from contextlib import redirect_stdout
from pathlib import Path

import khulasa
from khulasa import config

README = Path(__file__).resolve().parents[1] / "README.md"


def settings_table() -> str:
    """A Markdown table of every setting: variable, default, meaning."""
    rows = ["| variable | default | meaning |", "|---|---|---|"]
    for variable, default, help_text in config.describe():
        # a docstring may wrap over several lines, and a line break would end the table's row
        escaped = " ".join(help_text.split()).replace("``", "`").replace("|", "\\|")
        rows.append(f"| `{variable}` | `{default}` | {escaped} |")
    return "\n".join(rows)


def cli_reference() -> str:
    """``--help`` of the command and each subcommand, as one fenced block."""
    from khulasa.cli import build_parser

    saved = os.environ.get("COLUMNS")
    os.environ["COLUMNS"] = "100"  # argparse wraps to the terminal; fix it so the text is stable
    try:
        parser = build_parser()
        parts = [parser.format_help()]
        for action in parser._subparsers._group_actions if parser._subparsers else []:
            choices = getattr(action, "choices", None) or {}
            parts.extend(sub.format_help() for sub in choices.values())
    finally:
        if saved is None:
            del os.environ["COLUMNS"]
        else:
            os.environ["COLUMNS"] = saved
    return "```\n" + "\n".join(p.rstrip() + "\n" for p in parts).rstrip() + "\n```"


def demo_box() -> str:
    """What ``scripts/demo`` prints: the box of the example article, with default settings."""
    from khulasa import pipeline
    from khulasa.ingest.document import read_article
    from khulasa.render import as_markdown

    example = Path(khulasa.__file__).resolve().parent / "examples" / "desalination.txt"
    settings = config.load(environ={})
    summary = pipeline.summarize(read_article(example.read_bytes(), settings), settings)
    return "```\n" + as_markdown(summary) + "```"


SECTIONS = {"demo": demo_box, "settings": settings_table, "cli": cli_reference}


def render(readme: str) -> str:
    """``readme`` with every generated section replaced by its current text."""
    for name, make in SECTIONS.items():
        pattern = re.compile(rf"(<!-- {name}:start -->\n)(?:.*?\n)?(<!-- {name}:end -->)", re.S)
        readme = pattern.sub(lambda m, make=make: m.group(1) + make() + "\n" + m.group(2), readme)  # type: ignore[misc]
    return readme


def main() -> int:
    """Rewrite README.md in place; print whether it changed."""
    before = README.read_text(encoding="utf-8")
    with redirect_stdout(io.StringIO()):
        after = render(before)
    if after != before:
        README.write_text(after, encoding="utf-8")
        print("README.md updated")
    else:
        print("README.md already up to date")
    return 0


if __name__ == "__main__":
    sys.exit(main())
