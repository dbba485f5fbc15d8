"""JSON answers that always encode: stored text with a lone surrogate is shown mended, never turned into a 500.

The door refuses such text (:class:`khulasa.web.schemas.RequestBody`), but
rows written before it did, or by another path, must still be readable:
one bad item may not make its own GET, or a feed listing it, fail for everyone.
"""

from __future__ import annotations

import json
from typing import Any

from fastapi.responses import JSONResponse

from khulasa.encodable import mend


def json_bytes(data: Any, **options: Any) -> bytes:
    """``data`` as UTF-8 JSON, non-ASCII kept as itself (``options`` go to ``json.dumps``); a lone surrogate becomes U+FFFD."""
    return mend(json.dumps(data, ensure_ascii=False, **options)).encode("utf-8")


class SafeJSONResponse(JSONResponse):
    """FastAPI's JSON answer, rendered with :func:`json_bytes`: the default answer class of every route."""

    def render(self, content: Any) -> bytes:
        return json_bytes(content, allow_nan=False, separators=(",", ":"))
