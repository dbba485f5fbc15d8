"""Khulasa (خلاصة): the «الملخص» box for Arabic news — key-point bullets and their audio.

The public API is small and stable: build an :class:`~khulasa.model.Article`,
call :func:`khulasa.pipeline.summarize` to get a :class:`~khulasa.model.Summary`,
and :func:`khulasa.pipeline.narrate` to hear it.
"""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("khulasa")
except PackageNotFoundError:  # running from a source tree that was not installed
    __version__ = "0.0.0"

__all__ = ["__version__"]
