"""Khulasa (خلاصة): the «الملخص» box for Arabic news — key-point bullets and their audio.

The public API is small and stable: build an :class:`Article`, call
:func:`summarize` with :class:`Settings` (``load()`` reads them from the
environment) to get a :class:`Summary`, and :func:`narrate` it to hear it::

    import khulasa

    settings = khulasa.load()
    summary = khulasa.summarize(khulasa.Article(text=text), settings)
    narration = khulasa.narrate(summary, settings)

Everything Khulasa raises on purpose is a :class:`KhulasaError` (the tree is
drawn in :mod:`khulasa.errors`).

The names are looked up on first use, not at import: ``import khulasa`` stays
cheap, which the native-code children (``python -m khulasa.isolation``) and the
command line's start-up rely on.
"""

from __future__ import annotations

import importlib
import sys
import types
from importlib.metadata import PackageNotFoundError, version
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from khulasa.config import Settings, load
    from khulasa.errors import (
        AuthRequired,
        BadEntry,
        BinaryInput,
        BlobStoreError,
        ConfigError,
        DuplicateTerm,
        EmptyInput,
        EngineError,
        FeedError,
        FetchError,
        InputError,
        InputTooLarge,
        KhulasaError,
        MissingDependency,
        NativeCrash,
        NoArticleFound,
        NotArabic,
        NotFound,
        NotYours,
        RangeNotSatisfiable,
        SpeechError,
        UnencodableText,
        WebhookRefused,
    )
    from khulasa.model import Article, Bullet, Narration, Summary
    from khulasa.pipeline import narrate, summarize

try:
    __version__ = version("khulasa")
except PackageNotFoundError:  # running from a source tree that was not installed
    __version__ = "0.0.0"

__all__ = [
    "Article",
    "AuthRequired",
    "BadEntry",
    "BinaryInput",
    "BlobStoreError",
    "Bullet",
    "ConfigError",
    "DuplicateTerm",
    "EmptyInput",
    "EngineError",
    "FeedError",
    "FetchError",
    "InputError",
    "InputTooLarge",
    "KhulasaError",
    "MissingDependency",
    "Narration",
    "NativeCrash",
    "NoArticleFound",
    "NotArabic",
    "NotFound",
    "NotYours",
    "RangeNotSatisfiable",
    "Settings",
    "SpeechError",
    "Summary",
    "UnencodableText",
    "WebhookRefused",
    "__version__",
    "load",
    "narrate",
    "summarize",
]

_HOME = {"Settings": "khulasa.config", "load": "khulasa.config", "summarize": "khulasa.pipeline", "narrate": "khulasa.pipeline"}
_HOME.update(dict.fromkeys(["Article", "Bullet", "Summary", "Narration"], "khulasa.model"))
_HOME.update({name: "khulasa.errors" for name in __all__ if name not in _HOME and name != "__version__"})
"""The module that defines each public name (the errors are the rest of ``__all__``)."""


def __getattr__(name: str) -> Any:
    """Import a public name's module on first use, so that ``import khulasa`` loads nothing else."""
    home = _HOME.get(name)
    if home is None:
        raise AttributeError(f"module 'khulasa' has no attribute {name!r}")
    value = getattr(importlib.import_module(home), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *__all__})


class _Package(types.ModuleType):
    """The package's module type: ``khulasa.summarize`` is the function, though a subpackage has that name too.

    Python binds a subpackage onto its parent when it first loads it, which
    would make ``khulasa.summarize`` the summary engines' package as soon as
    anything imported :mod:`khulasa.summarize.guard`. That one binding is
    refused; the subpackage is still imported as usual (``from
    khulasa.summarize import engine_named``), through ``sys.modules``.
    """

    def __setattr__(self, name: str, value: Any) -> None:
        if name == "summarize" and isinstance(value, types.ModuleType):
            return
        super().__setattr__(name, value)


sys.modules[__name__].__class__ = _Package
