"""Errors as RFC 9457 problem details, in one place.

Every :class:`~khulasa.errors.KhulasaError` becomes its own status and
stable ``code`` with its message as ``detail``; FastAPI's request validation
errors, unknown routes and wrong methods get the same shape, so a client
never has to parse two kinds of error, and bad input never becomes a 500.
"""

from __future__ import annotations

import logging
from http import HTTPStatus
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from starlette.exceptions import HTTPException

from khulasa.errors import KhulasaError
from khulasa.web.encoding import SafeJSONResponse
from khulasa.web.schemas import UNENCODABLE

MEDIA_TYPE = "application/problem+json"
log = logging.getLogger("khulasa.web")

_HTTP_CODES = {404: "not_found", 405: "method_not_allowed", 401: "auth_required", 413: "input_too_large"}


def problem(
    status: int, code: str, detail: str, request: Request | None = None, headers: dict[str, str] | None = None
) -> SafeJSONResponse:
    """A problem-details response: type, title, status, detail, instance, plus Khulasa's ``code``."""
    body: dict[str, Any] = {
        "type": f"urn:khulasa:problem:{code}",
        "title": HTTPStatus(status).phrase,
        "status": status,
        "detail": detail,
        "code": code,
    }
    if request is not None:
        body["instance"] = request.url.path
    return SafeJSONResponse(body, status_code=status, media_type=MEDIA_TYPE, headers=headers)


def _where(loc: tuple[Any, ...] | list[Any]) -> str:
    parts = [str(p) for p in loc if p not in ("body",)]
    return ".".join(parts) if parts else "the body"


def describe_validation(errors: list[Any]) -> tuple[int, str, str]:
    """Status, code and one readable sentence for FastAPI's validation errors."""
    if any(e.get("type") == "json_invalid" for e in errors):
        ctx = next(e.get("ctx", {}) for e in errors if e.get("type") == "json_invalid")
        return 400, "malformed_json", f"the body is not valid JSON ({ctx.get('error', 'parse error')}); send one JSON object."
    if any(e.get("type") == UNENCODABLE for e in errors):
        return 422, UNENCODABLE, next(str(e["msg"]) for e in errors if e.get("type") == UNENCODABLE)
    sentences = []
    for e in errors[:5]:
        if e.get("type") == "extra_forbidden":
            sentences.append(f"unknown field {_where(e['loc'])!r}")
        elif e.get("type") == "missing" and tuple(e.get("loc", ())) == ("body",):
            sentences.append("the body is missing; send a JSON object")
        else:
            sentences.append(f"{_where(e['loc'])}: {e.get('msg', 'invalid')}")
    return 422, "invalid_request", "; ".join(sentences) + ". See /docs for the fields each request takes."


def install(app: FastAPI) -> None:
    """Register the exception handlers on ``app``."""

    async def khulasa_error(request: Request, exc: Exception) -> SafeJSONResponse:
        assert isinstance(exc, KhulasaError)
        if exc.status >= 500:
            log.warning("%s: %s", exc.code, exc.message)
        return problem(exc.status, exc.code, exc.public or exc.message, request, getattr(exc, "headers", None))

    async def validation_error(request: Request, exc: Exception) -> SafeJSONResponse:
        assert isinstance(exc, RequestValidationError)
        status, code, detail = describe_validation(list(exc.errors()))
        return problem(status, code, detail, request)

    async def http_error(request: Request, exc: Exception) -> SafeJSONResponse:
        assert isinstance(exc, HTTPException)
        cause = exc.__cause__
        if isinstance(cause, KhulasaError):  # raised while FastAPI read the body, e.g. over the size limit
            return await khulasa_error(request, cause)
        code = _HTTP_CODES.get(exc.status_code, "http_error")
        detail = str(exc.detail)
        if exc.status_code == 400 and cause is not None:  # FastAPI could not read the body at all
            code = "malformed_json"
            detail = f"the body could not be read as JSON ({type(cause).__name__}); send one JSON object encoded in UTF-8."
        if exc.status_code == 404:
            detail = f"there is nothing at {request.url.path}; see /docs for the API's routes."
        elif exc.status_code == 405:
            detail = f"{request.method} is not allowed on {request.url.path}; see /docs for the methods each route takes."
        return problem(exc.status_code, code, detail, request, dict(exc.headers or {}))

    async def unexpected(request: Request, exc: Exception) -> SafeJSONResponse:
        log.exception("unexpected error on %s %s", request.method, request.url.path)
        # uvicorn drops the connection after the app raised, so the client is told not to send another request on it
        return problem(
            500,
            "internal_error",
            "something went wrong on the server; it was logged. Try again later.",
            request,
            {"Connection": "close"},
        )

    app.add_exception_handler(KhulasaError, khulasa_error)
    app.add_exception_handler(RequestValidationError, validation_error)
    app.add_exception_handler(HTTPException, http_error)
    app.add_exception_handler(Exception, unexpected)
