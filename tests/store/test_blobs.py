"""The directory blob store: content-addressed names, whole and partial reads, deletes."""

from __future__ import annotations

import hashlib

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
