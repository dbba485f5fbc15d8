"""Audio and timing files, with Range requests (206 / 416), ETags and caching.

``/v1/files/<sha256>.<ext>`` is content-addressed: its bytes never change,
so it is cached for a year as immutable. ``/v1/articles/{id}/summary.<ext>``
(and ``article.<ext>``, the whole article read aloud) follows the item's newest finished version, so caches must revalidate it
(its ETag is the content hash, which makes that cheap).
"""

from __future__ import annotations

import re

from fastapi import APIRouter, Request, Response
from fastapi.concurrency import run_in_threadpool

from khulasa.errors import NotFound, RangeNotSatisfiable
from khulasa.store import articles
from khulasa.store.articles import StoredFile
from khulasa.store.blobs import is_blob_name
from khulasa.web.articles import check_external_id
from khulasa.web.auth import key_of, may_read_public
from khulasa.web.conditional import not_modified, range_applies
from khulasa.web.schemas import PROBLEMS
from khulasa.web.service import service_of

router = APIRouter(tags=["files"], responses=PROBLEMS)

IMMUTABLE = "public, max-age=31536000, immutable"
REVALIDATE = "public, max-age=60, must-revalidate"
_RANGE = re.compile(r"bytes=([0-9]*)-([0-9]*)")
PAST_ANY_FILE = 10**18
"""What a byte position longer than 18 digits counts as: past the end of any file, and no ``int`` of 5,000 digits to parse."""


def _position(digits: str) -> int:
    """A Range's byte position; one too long to be a real position counts as :data:`PAST_ANY_FILE`."""
    significant = digits.lstrip("0") or "0"
    return int(significant) if len(significant) <= 18 else PAST_ANY_FILE


class RangeOutsideFile(RangeNotSatisfiable):
    """A Range past the end of the file; the answer carries ``Content-Range: bytes */size``."""

    def __init__(self, message: str, size: int) -> None:
        super().__init__(message)
        self.headers = {"Content-Range": f"bytes */{size}"}


def _shown(header: str) -> str:
    return repr(header if len(header) <= 60 else header[:60] + "…")


def parse_range(header: str, size: int) -> tuple[int, int] | None:
    """The (first, last) byte asked for, None for the whole file; raises when the range is outside it."""
    match = _RANGE.fullmatch(header.strip())
    if match is None:
        return None  # several ranges or another unit: RFC 9110 lets us send the whole file
    first, last = match.groups()
    if not first and not last:
        return None
    if not first:  # the last N bytes
        n = _position(last)
        if n == 0 or size == 0:
            raise RangeOutsideFile(f"the range {_shown(header)} asks for no bytes of a {size}-byte file.", size)
        return max(size - n, 0), size - 1
    start = _position(first)
    end = min(_position(last), size - 1) if last else size - 1
    if start >= size or (last and _position(last) < start):
        raise RangeOutsideFile(
            f"the range {_shown(header)} is outside the file, which has {size} bytes (0–{size - 1}); ask for bytes within it.",
            size,
        )
    return start, end


def _serve(request: Request, f: StoredFile, cache_control: str) -> Response:
    svc = service_of(request)
    etag = f'"{f.blob.split(".")[0][:32]}"'
    headers = {"ETag": etag, "Cache-Control": cache_control, "Accept-Ranges": "bytes"}
    current = not_modified(request, headers)
    if current is not None:
        return current
    size = svc.blobs.size(f.blob)
    wanted = request.headers.get("range")
    span = parse_range(wanted, size) if wanted and range_applies(request, etag) else None
    head = request.method == "HEAD"  # podcast apps and directories check an enclosure with HEAD: sizes, no bytes read
    if span is None:
        if head:
            return Response(status_code=200, media_type=f.media_type, headers={**headers, "Content-Length": str(size)})
        return Response(svc.blobs.get(f.blob), media_type=f.media_type, headers=headers)
    start, end = span
    headers["Content-Range"] = f"bytes {start}-{end}/{size}"
    if head:
        return Response(status_code=206, media_type=f.media_type, headers={**headers, "Content-Length": str(end - start + 1)})
    return Response(svc.blobs.read_range(f.blob, start, end), status_code=206, media_type=f.media_type, headers=headers)


def _item_file(request: Request, external_id: str, extension: str, audio: str) -> Response:
    may_read_public(request)
    check_external_id(external_id)
    public = key_of(request) is None  # without a key: the published version's file, never one waiting for review
    found = articles.find_file(service_of(request).engine, external_id, extension, audio, public=public)
    return _serve(request, found, REVALIDATE)


def _stored_file(request: Request, name: str) -> Response:
    may_read_public(request)
    public = key_of(request) is None
    found = articles.blob_known(service_of(request).engine, name, public=public) if is_blob_name(name) else None
    if found is None:
        raise NotFound(f"there is no file {name!r}; GET the article for the URLs of its current files.")
    return _serve(request, found, IMMUTABLE)


def _route(audio: str, extension: str, label: str) -> None:
    async def item_file(external_id: str, request: Request) -> Response:
        return await run_in_threadpool(_item_file, request, external_id, extension, audio)

    whose = "summary" if audio == "summary" else "whole article read aloud (KHULASA_NARRATE article or both)"
    item_file.__doc__ = f"The {label} of the item's newest finished {whose}; Range requests give 206."
    router.add_api_route(
        f"/v1/articles/{{external_id}}/{audio}.{extension}",
        item_file,
        methods=["GET", "HEAD"],
        summary=f"The {audio}'s {label}",
        name=f"{audio}_{extension}",
    )


for _audio in ("summary", "article"):
    for _extension, _label in (
        ("mp3", "audio as MP3"),
        ("ogg", "audio as Ogg Opus"),
        ("vtt", "timings as WebVTT"),
        ("json", "timings as JSON"),
    ):
        _route(_audio, _extension, _label)


@router.api_route("/v1/files/{name}", methods=["GET", "HEAD"], summary="A content-addressed file, cached forever")
async def stored_file(name: str, request: Request) -> Response:
    """Any file an item uses, by its content-addressed name; Range requests give 206."""
    return await run_in_threadpool(_stored_file, request, name)
