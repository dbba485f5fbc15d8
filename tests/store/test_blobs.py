"""The directory blob store: content-addressed names, whole and partial reads, deletes."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from khulasa.errors import NotFound
from khulasa.store.blobs import DirectoryBlobStore, is_blob_name


def test_a_file_is_named_by_its_content(blobs: DirectoryBlobStore) -> None:
    data = b"ID3 pretend audio" * 10
    name = blobs.put(data, "mp3")
    assert name == hashlib.sha256(data).hexdigest() + ".mp3" and is_blob_name(name)
    assert blobs.put(data, "mp3") == name  # the same bytes are kept once
    assert blobs.get(name) == data and blobs.size(name) == len(data)
    assert blobs.read_range(name, 3, 7) == data[3:8]
    assert not list(blobs.root.rglob(".tmp-*"))


def test_deleted_and_unknown_files_are_not_found(blobs: DirectoryBlobStore) -> None:
    name = blobs.put(b"x", "vtt")
    blobs.delete(name)
    blobs.delete(name)  # deleting twice is fine
    with pytest.raises(NotFound):
        blobs.get(name)
    with pytest.raises(NotFound):
        blobs.size("../../etc/passwd")


def test_a_file_on_disk_is_kept_under_the_name_its_bytes_would_have(blobs: DirectoryBlobStore, tmp_path: Path) -> None:
    data = bytes(range(256)) * 9000  # over two read pieces
    made = tmp_path / "article.mp3"
    made.write_bytes(data)
    name = blobs.put_file(made, "mp3")
    assert name == hashlib.sha256(data).hexdigest() + ".mp3"
    assert blobs.get(name) == data and made.exists()  # copied, the worker's own file left to it
    assert blobs.put_file(made, "mp3") == name == blobs.put(data, "mp3")
    assert not list(blobs.root.rglob(".tmp-*"))
