"""Blob stores: where audio and timing files live, under content-addressed names.

A name is the SHA-256 of the bytes plus an extension (``<hash>.mp3``), so a
file never changes under its name: URLs built from it can be cached forever,
and writing the same bytes twice stores them once. Two stores meet the same
small protocol: a local folder (the default) and an S3-compatible bucket
(:mod:`khulasa.store.s3`) that several machines share; :func:`open_blob_store`
picks one from the settings.
"""

from __future__ import annotations

import hashlib
import os
import re
import shutil
import tempfile
from pathlib import Path
from typing import Protocol

from khulasa.config import Settings
from khulasa.errors import NotFound
from khulasa.store import database

_NAME = re.compile(r"[0-9a-f]{64}\.[a-z0-9]{1,8}")


def blob_name(data: bytes, extension: str) -> str:
    """The content-addressed name of ``data``: its SHA-256 in hex, a dot, the extension."""
    return f"{hashlib.sha256(data).hexdigest()}.{extension}"


CHUNK = 1 << 20
"""Bytes read at a time when a file is hashed or copied: a long article's audio never sits in memory whole."""


def file_blob_name(path: Path, extension: str) -> str:
    """The content-addressed name of the file at ``path``, read in :data:`CHUNK` pieces: :func:`blob_name` of its bytes."""
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        while piece := handle.read(CHUNK):
            digest.update(piece)
    return f"{digest.hexdigest()}.{extension}"


def is_blob_name(name: str) -> bool:
    """True when ``name`` has the shape :func:`blob_name` gives (nothing else is ever looked up)."""
    return bool(_NAME.fullmatch(name))


class BlobStore(Protocol):
    """What the service needs from a place to keep files."""

    def put(self, data: bytes, extension: str) -> str:
        """Store ``data``; return its content-addressed name."""
        ...

    def put_file(self, path: Path, extension: str) -> str:
        """Store the file at ``path`` (read piece by piece, never whole); return its content-addressed name."""
        ...

    def get(self, name: str) -> bytes:
        """The bytes stored under ``name``; raises :class:`NotFound` when there are none."""
        ...

    def size(self, name: str) -> int:
        """Length in bytes of the file ``name``; raises :class:`NotFound` when there is none."""
        ...

    def read_range(self, name: str, start: int, end: int) -> bytes:
        """Bytes ``start`` to ``end`` inclusive of the file ``name``."""
        ...

    def delete(self, name: str) -> None:
        """Remove ``name``; nothing happens when it is already gone."""
        ...


class DirectoryBlobStore:
    """Files in a local folder, fanned out by the first two hex digits of the name."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.root.mkdir(parents=True, exist_ok=True)

    def _path(self, name: str) -> Path:
        if not is_blob_name(name):
            raise NotFound(f"there is no file named {name!r}.")
        return self.root / name[:2] / name

    def put(self, data: bytes, extension: str) -> str:
        name = blob_name(data, extension)
        path = self._path(name)
        if path.exists():
            return name
        path.parent.mkdir(parents=True, exist_ok=True)
        # write beside, then rename: a reader never sees half a file, even after a crash
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-")
        try:
            with os.fdopen(fd, "wb") as handle:
                handle.write(data)
            os.replace(tmp, path)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
        return name

    def put_file(self, path: Path, extension: str) -> str:
        name = file_blob_name(path, extension)
        target = self._path(name)
        if target.exists():
            return name
        target.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=".tmp-")
        try:
            with os.fdopen(fd, "wb") as handle, path.open("rb") as source:
                shutil.copyfileobj(source, handle, CHUNK)
            os.replace(tmp, target)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
        return name

    def get(self, name: str) -> bytes:
        try:
            return self._path(name).read_bytes()
        except FileNotFoundError:
            raise NotFound(f"the file {name} is gone; fetch the article again for its current files.") from None

    def size(self, name: str) -> int:
        try:
            return self._path(name).stat().st_size
        except FileNotFoundError:
            raise NotFound(f"the file {name} is gone; fetch the article again for its current files.") from None

    def read_range(self, name: str, start: int, end: int) -> bytes:
        try:
            with self._path(name).open("rb") as handle:
                handle.seek(start)
                return handle.read(end - start + 1)
        except FileNotFoundError:
            raise NotFound(f"the file {name} is gone; fetch the article again for its current files.") from None

    def delete(self, name: str) -> None:
        self._path(name).unlink(missing_ok=True)


def open_blob_store(settings: Settings) -> BlobStore:
    """The store the settings name: the bucket of ``blob_url`` (checked now), else ``blobs/`` in the data folder.

    Checking the bucket at start means a wrong name or endpoint stops
    ``khulasa serve`` or ``khulasa worker`` with one sentence, before any job
    makes audio it cannot keep.
    """
    if settings.blob_url:
        from khulasa.store.s3 import S3BlobStore

        bucket = S3BlobStore.from_settings(settings)
        bucket.check()
        return bucket
    return DirectoryBlobStore(database.data_dir(settings) / "blobs")
