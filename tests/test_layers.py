"""The package's floors: a module imports only from its own floor or below.

Issue 16 found the store importing the job queue and the webhook outbox
(``store.articles`` → ``jobs``) and the voice catalogue reaching up into the
store for a folder name. Those edges are gone; this test keeps them gone by
reading every import statement in ``src/khulasa`` (also those inside
functions, which are imports all the same) and naming any that runs upward.
"""

from __future__ import annotations

import ast
from pathlib import Path

import khulasa

PACKAGE = Path(khulasa.__file__).parent

FLOORS: list[set[str]] = [
    {"errors", "encodable", "config", "model", "files", "render", "py"},  # plain data and settings
    {"arabic"},  # the language
    {"summarize", "speech", "ingest"},  # the stages
    {"pipeline", "isolation"},  # the stages put together
    {"store"},  # the database and the files
    {"jobs"},  # the work done on stored articles
    {"batch", "web", "cli", "__main__", "examples"},  # the front ends
]
"""From the bottom up. Siblings on one floor may import each other."""

FACE = "khulasa"
"""The package itself re-exports the public API from the floors above it (lazily): that is its job."""


def floor(module: str) -> int:
    parts = module.split(".")
    top = parts[1] if len(parts) > 1 else "__init__"
    for number, names in enumerate(FLOORS):
        if top in names:
            return number
    raise AssertionError(f"{module} stands on no floor: add its top-level name to FLOORS")


def imports() -> list[tuple[str, str]]:
    """(importing module, imported module) for every khulasa import in the package."""
    found = []
    for path in sorted(PACKAGE.rglob("*.py")):
        parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
        module = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                names = [node.module]
            elif isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            else:
                continue
            found += [(module, name) for name in names if name == FACE or name.startswith(FACE + ".")]
    return found


def test_every_module_stands_on_a_floor() -> None:
    for importer, imported in imports():
        if importer != FACE:
            floor(importer)
        if imported != FACE:
            floor(imported)


def test_no_import_runs_upward() -> None:
    upward = sorted(
        f"{importer} → {imported}"
        for importer, imported in imports()
        if importer != FACE and imported != FACE and floor(imported) > floor(importer)
    )
    assert upward == []


def test_the_floors_see_the_edges_issue_16_removed() -> None:
    """The check itself can fail: the two edges the issue named would be caught."""
    assert floor("khulasa.jobs.queue") > floor("khulasa.store.articles")
    assert floor("khulasa.store.database") > floor("khulasa.speech.voices.catalogue")
