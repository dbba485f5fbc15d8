"""The exception tree drawn in ``khulasa.errors``' docstring is the tree the classes make."""

from __future__ import annotations

import re

from khulasa import errors


def _classes(cls: type[errors.KhulasaError], depth: int = 0) -> list[tuple[int, str, int, str]]:
    """The tree of the classes defined in khulasa.errors (a front end's own, such as the web's BadEvent, are not drawn)."""
    rows = [(depth, cls.__name__, cls.status, cls.code)]
    for sub in cls.__subclasses__():
        if sub.__module__ == errors.__name__:
            rows += _classes(sub, depth + 1)
    return rows


def _drawn() -> list[tuple[int, str, int, str]]:
    rows = []
    for line in (errors.__doc__ or "").splitlines():
        found = re.fullmatch(r"    ([ │├└─]*)(\w+)\s+(\d{3})  (\w+)", line)
        if found:
            rows.append((len(found[1]) // 4, found[2], int(found[3]), found[4]))
    return rows


def test_the_drawn_tree_names_every_error_with_its_parent_status_and_code() -> None:
    assert _drawn() == _classes(errors.KhulasaError)
