"""API keys on requests: ``Authorization: Bearer KEY``.

Writes always need a working key. Reads of finished items (and their audio)
are open when ``public_reads`` is on, since the page's player fetches them;
everything else needs a key too.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Request

from khulasa.errors import AuthRequired
from khulasa.store import keys
from khulasa.store.keys import ApiKey
from khulasa.web.service import service_of

NEED_KEY = (
    "this request needs an API key: send the header `Authorization: Bearer KEY` (create a key with `khulasa keys create NAME`)."
)


def key_of(request: Request) -> ApiKey | None:
    """The request's key, None when it sends none; a wrong or revoked key is refused outright."""
    header = request.headers.get("authorization")
    if not header:
        return None
    scheme, _, token = header.partition(" ")
    if scheme.lower() != "bearer" or not token.strip():
        raise AuthRequired("the Authorization header must be `Bearer KEY`; " + NEED_KEY.split(": ", 1)[1])
    found = keys.find_key(service_of(request).engine, token.strip())
    if found is None:
        raise AuthRequired("the API key is unknown or was revoked; ask for a new one (`khulasa keys create NAME`).")
    return found


def require_key(request: Request) -> ApiKey:
    """The request's working key; refuses the request without one."""
    found = key_of(request)
    if found is None:
        raise AuthRequired(NEED_KEY)
    return found


def may_read_public(request: Request) -> bool:
    """True when this read may go without a key (public reads on), else checks the key."""
    if service_of(request).settings.public_reads:
        return True
    require_key(request)
    return True


Key = Annotated[ApiKey, Depends(require_key)]
"""A route parameter of this type makes the route need a working key."""
