"""Text that UTF-8 can carry: find the strings it cannot, and mend them for display.

JSON lets a request (or a third-party feed) spell a lone surrogate,
``"\\ud800"``, and Python decodes it into a ``str`` that no UTF-8 encoder
takes: stored, it made an item's every GET, and any feed listing it, a 500.
So strings are checked where they come in (:func:`first_unencodable`,
refused with a sentence that names the field), and every answer encodes
what it shows with :func:`mend`, so anything that got past still reads.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import Any

REPLACEMENT = "\ufffd"
"""What a lone surrogate is shown as: Unicode's replacement character."""


def is_encodable(text: str) -> bool:
    """Whether ``text`` can be written as UTF-8 (it holds no lone surrogate)."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def mend(text: str) -> str:
    """``text`` with each lone surrogate replaced by U+FFFD; a pair spelled as two surrogates becomes its character.

    >>> mend("خبر\\ud800") == "خبر\\ufffd", mend("\\ud83d\\udcf0") == "\\U0001f4f0"
    (True, True)
    """
    if is_encodable(text):
        return text
    return text.encode("utf-16", "surrogatepass").decode("utf-16", "replace")


def first_unencodable(value: Any, where: str = "") -> str | None:
    """Where, in a JSON-like value, the first string (or object key) UTF-8 cannot carry is; None when there is none.

    NaN and Infinity count too: Python's JSON reader takes them, but they are
    not JSON, and an item answering with them breaks every strict parser.

    The place is written as a path, ``metadata.tags[2]``; ``where`` is the
    path of ``value`` itself.

    >>> first_unencodable({"metadata": {"tags": ["a", "b", "\\udc00"]}})
    'metadata.tags[2]'
    """
    if isinstance(value, str):
        return None if is_encodable(value) else (where or "the value")
    if isinstance(value, float) and not math.isfinite(value):  # Python's JSON reads NaN; strict JSON cannot write it back
        return where or "the value"
    if isinstance(value, Mapping):
        for key, item in value.items():
            path = f"{where}.{key}" if where else str(key)
            if isinstance(key, str) and not is_encodable(key):
                return f"a key of {where or 'the object'} ({mend(key)!r})"
            found = first_unencodable(item, path)
            if found is not None:
                return found
        return None
    if isinstance(value, list | tuple):
        for number, item in enumerate(value):
            found = first_unencodable(item, f"{where}[{number}]")
            if found is not None:
                return found
    return None


def unencodable_sentence(where: str) -> str:
    """The one sentence that refuses a value holding a lone surrogate at ``where``."""
    return (
        f"{where} holds a lone surrogate (an unpaired \\ud800–\\udfff escape) or NaN/Infinity, which JSON and UTF-8 "
        "cannot carry; send valid Unicode (emoji and other characters beyond U+FFFF as a surrogate pair or as themselves) "
        "and finite numbers."
    )
