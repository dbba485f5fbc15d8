"""Conditional GETs: an ETag on every cacheable answer, 304 when the client's copy is current.

The article JSON, the audio and timing files and the player's static files
all answer ``If-None-Match`` the same way, as RFC 9110 §13.1.2 says: the
header may list several entity tags (a cache that holds several versions
sends them all), a tag matches by *weak* comparison (``W/"x"`` and ``"x"``
are the same version of the bytes), and ``*`` matches whatever exists. A 304
carries the headers the 200 would have (ETag, Cache-Control) and no body.
The audio and timing files also honour ``If-Range`` (:func:`range_applies`).
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Mapping

from fastapi import Request, Response

_ENTITY_TAG = re.compile(r'[\s,]*(?:W/)?"([^"]*)"\s*(?:,|$)')
"""One entity tag of a list, its opaque part captured; the weak prefix is what weak comparison ignores."""


def etag_of(data: bytes) -> str:
    """A strong ETag for these bytes: a content hash, so equal bytes always give the same tag."""
    return '"' + hashlib.sha256(data).hexdigest()[:32] + '"'


def _opaque(etag: str) -> str:
    """An entity tag without its weak prefix and quotes (``W/"ab"`` → ``ab``)."""
    return etag.removeprefix("W/").strip('"')


def matches(if_none_match: str, etag: str) -> bool:
    """Whether an If-None-Match value names the version ``etag`` (weak comparison, lists, ``*``).

    A value that is not a list of entity tags matches nothing, so a malformed
    header costs a full answer, never a wrong 304.

    >>> matches('W/"a1", "b2"', '"b2"'), matches("*", '"b2"'), matches('"b"', '"b2"')
    (True, True, False)
    """
    value = if_none_match.strip()
    if value == "*":
        return True
    wanted = _opaque(etag)
    position = 0
    while position < len(value):
        tag = _ENTITY_TAG.match(value, position)
        if tag is None:
            return False
        if tag.group(1) == wanted:
            return True
        position = tag.end()
    return False


def range_applies(request: Request, etag: str) -> bool:
    """Whether the request's Range may be answered from the bytes tagged ``etag`` (If-Range, RFC 9110 §13.1.5).

    A player resuming a download it began under an older version sends that
    version's tag in If-Range. Answering with part of the current bytes would
    splice two narrations into audio nobody made, so only the current tag by
    *strong* comparison (a weak tag never matches) keeps the Range; another
    tag, or a date (the files carry no Last-Modified), asks for the whole file.
    """
    condition = request.headers.get("if-range")
    return condition is None or (not condition.strip().startswith("W/") and condition.strip() == etag)


def not_modified(request: Request, headers: Mapping[str, str]) -> Response | None:
    """A 304 with ``headers`` when the request's If-None-Match names ``headers["ETag"]``, else None.

    Several If-None-Match header lines count as one list, as HTTP defines.
    Only GET and HEAD are answered 304; the routes here take no other method.
    """
    values = request.headers.getlist("if-none-match")
    if not values or request.method not in ("GET", "HEAD"):
        return None
    if matches(", ".join(values), headers["ETag"]):
        return Response(status_code=304, headers=dict(headers))
    return None
