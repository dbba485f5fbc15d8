"""The OpenAPI document: one operation id for each method a route answers.

The file and feed routes answer GET and HEAD from one function (podcast apps
check an enclosure with HEAD). FastAPI names an operation after its route, so
both methods got one id, taken from an unordered set of methods (so it could
change between runs), and a "Duplicate Operation ID" warning per route at
start. Here each operation of such a route gets the route's id with its own
method, ``…_get`` and ``…_head``; the routes that answer requests are left as
they are. Two *different* routes that share an id are still a mistake, and
still warned of.
"""

from __future__ import annotations

import warnings
from collections import defaultdict
from typing import Any

from fastapi import FastAPI
from fastapi.openapi.utils import get_openapi

_SHARED = "Duplicate Operation ID"
"""How FastAPI's warning begins when two operations share an id."""


def one_id_per_method(document: dict[str, Any]) -> dict[str, Any]:
    """``document`` with the operations of one path that share an id renamed ``{id}_{method}``; warns of ids still shared."""
    seen: dict[str, list[str]] = defaultdict(list)
    for path, operations in document.get("paths", {}).items():
        by_id: dict[str, list[str]] = defaultdict(list)
        for method, operation in operations.items():
            by_id[operation["operationId"]].append(method)
        for shared, methods in by_id.items():
            if len(methods) > 1:
                base = next((shared.removesuffix(f"_{m}") for m in methods if shared.endswith(f"_{m}")), shared)
                for method in methods:
                    operations[method]["operationId"] = f"{base}_{method}"
        for method, operation in operations.items():
            seen[operation["operationId"]].append(f"{method.upper()} {path}")
    for name, places in seen.items():
        if len(places) > 1:
            warnings.warn(f"{_SHARED} {name}: {', '.join(places)}", UserWarning, stacklevel=2)
    return document


def install(app: FastAPI) -> None:
    """Build ``app``'s OpenAPI document (``/openapi.json``, ``/docs``) with one operation id per method."""

    def document() -> dict[str, Any]:
        if not app.openapi_schema:
            with warnings.catch_warnings():
                warnings.filterwarnings("ignore", _SHARED, UserWarning)  # counted again below, once ids are per method
                made = get_openapi(title=app.title, version=app.version, description=app.description, routes=app.routes)
            app.openapi_schema = one_id_per_method(made)
        return app.openapi_schema

    app.openapi = document  # type: ignore[method-assign]  # FastAPI's documented way to shape the document
