"""Request bodies, checked by pydantic: unknown fields are refused, not ignored, and so is text UTF-8 cannot carry."""

from __future__ import annotations

from datetime import datetime
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator
from pydantic_core import PydanticCustomError

from khulasa.encodable import first_unencodable, unencodable_sentence

UNENCODABLE = "unencodable_text"
"""The validation error type (and problem code) of a body holding a lone surrogate."""


class RequestBody(BaseModel):
    """What every JSON request body is: no unknown fields, and no string (at any depth, keys too) UTF-8 cannot carry.

    The check is on the body as parsed, before any field is read, so a new
    field of any type is covered without saying so; a test checks that every
    route's body is one of these.
    """

    model_config = ConfigDict(extra="forbid")

    @model_validator(mode="before")
    @classmethod
    def _encodable(cls, data: Any) -> Any:
        where = first_unencodable(data)
        if where is not None:
            raise PydanticCustomError(UNENCODABLE, unencodable_sentence(where))
        return data


class ArticleBody(RequestBody):
    """PUT /v1/articles/{external_id}: the article as text, HTML or URL, with what the CMS knows of it."""

    text: str | None = Field(None, description="The article body as plain text (paragraphs separated by newlines).")
    html: str | None = Field(None, description="The article's HTML page; the body is extracted from it.")
    url: str | None = Field(None, description="The article's URL; fetched under the guard (private addresses are refused).")
    title: str | None = Field(None, max_length=1000, description="The headline.")
    published: datetime | None = Field(None, description="Publication time, ISO 8601.")
    language: str = Field("ar", pattern=r"^[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*$", description="BCP 47 language tag.")
    metadata: dict[str, Any] = Field(default_factory=dict, description="Free-form fields, stored and returned as given.")
    narrate: Literal["summary", "article", "both"] | None = Field(
        None,
        description="What to read aloud for this article, over KHULASA_NARRATE: the summary, the whole article, or both.",
    )
    publish: Literal["auto", "review"] | None = Field(
        None,
        description="Whether this article's finished summaries go live at once or wait for an editor, over KHULASA_PUBLISH.",
    )
    voice: str | None = Field(
        None,
        max_length=64,
        description="The voice for this article's audio, over KHULASA_VOICE: a name `khulasa voices list` shows "
        '("espeak", a configured cloud voice, or an installed Piper voice such as ar_JO-kareem-medium).',
    )
    speed: float | None = Field(
        None, description="Speaking rate for this article, over KHULASA_SPEED: 0.5 to 2.0, 1.0 being the voice's normal pace."
    )


class SummaryEdit(RequestBody):
    """PUT /v1/articles/{external_id}/summary: an editor's bullets for the box."""

    bullets: list[str] = Field(
        ..., max_length=50, description="1 to 5 bullets, each an Arabic sentence of at most 60 words and 600 characters."
    )


class Rejection(RequestBody):
    """POST /v1/articles/{external_id}/reject: why the version goes back."""

    note: str = Field(..., min_length=1, max_length=2000, description="What is wrong, for whoever edits it next.")


class SummarizeBody(RequestBody):
    """POST /v1/summarize: an article to summarize now; nothing is stored."""

    text: str | None = Field(None, description="The article body as plain text.")
    html: str | None = Field(None, description="The article's HTML page.")
    bullets: int | None = Field(None, ge=1, le=10, description="Number of bullets (default: 3 from 200 words on, else 2).")


class WebhookBody(RequestBody):
    """PUT /v1/webhook: where this key's events go."""

    url: str = Field(..., pattern=r"^https?://\S+$", max_length=2000, description="An http(s) URL that accepts POSTs.")


class Problem(BaseModel):
    """An error answer (RFC 9457 problem details, media type application/problem+json)."""

    type: str = Field(..., description="urn:khulasa:problem:<code>.")
    title: str = Field(..., description="The HTTP status phrase.")
    status: int = Field(..., description="The HTTP status code.")
    detail: str = Field(..., description="What was wrong and what to do, in one sentence.")
    code: str = Field(..., description="Stable machine-readable error code, e.g. not_arabic, auth_required.")
    instance: str | None = Field(None, description="The request path.")


PROBLEMS: dict[int | str, dict[str, Any]] = {
    status: {"model": Problem, "description": text}
    for status, text in (
        (400, "Malformed JSON"),
        (401, "No key, or a wrong or revoked one"),
        (404, "No such item or file"),
        (413, "Body over the size limit"),
        (422, "The request or the article cannot be used; `detail` says why"),
    )
}
"""The error answers every route may give, for the OpenAPI document."""
