"""A Khulasa service seen from outside: the small client that batch jobs use to send it articles.

The service does the work (summary, audio, webhooks) and keeps the record;
the client only upserts. Because the service is idempotent by content hash,
sending an archive twice makes no new versions and no new jobs: resuming an
interrupted batch is simply running it again.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import httpx

from khulasa.errors import InputError, KhulasaError


class ServiceError(KhulasaError):
    """The service could not be reached, or refused the request for a reason that is not the article's."""

    code = "service_failed"
    status = 502


@dataclass(frozen=True)
class Upserted:
    """What the service said about one article it was sent."""

    external_id: str
    """The id it is stored under."""
    state: str
    """queued, running, done or failed."""
    new_version: bool
    """False when the service already had this exact content (nothing new to do)."""


class Service:
    """The API of a running ``khulasa serve`` at ``url``, with an API key for writes."""

    def __init__(self, url: str, key: str, *, timeout: float = 60.0) -> None:
        if not url.startswith(("http://", "https://")):
            raise InputError(f"the service URL must start with http:// or https://, not {url[:100]!r}.")
        if not key:
            raise InputError("sending to a service needs an API key (--key, or KHULASA_SERVICE_KEY).")
        self.url = url.rstrip("/")
        try:
            self._client = httpx.Client(
                base_url=self.url, headers={"Authorization": f"Bearer {key}"}, timeout=timeout, trust_env=False
            )
        except httpx.InvalidURL as exc:
            raise InputError(f"the service URL {url[:100]!r} is not a valid URL ({exc}).") from None

    def close(self) -> None:
        """Close the connection pool."""
        self._client.close()

    def put_article(self, external_id: str, body: dict[str, Any]) -> Upserted:
        """PUT one article; an answer about the article itself raises InputError with the service's reason."""
        try:
            answer = self._client.put(f"/v1/articles/{external_id}", json=body)
        except httpx.HTTPError as exc:
            raise ServiceError(f"the service at {self.url} cannot be reached ({type(exc).__name__}); is it running?") from None
        if answer.status_code in {200, 201, 202}:
            try:
                data = answer.json()
                return Upserted(str(data["external_id"]), str(data["state"]), bool(data.get("new_version", True)))
            except (ValueError, KeyError, TypeError):  # another server at that URL, or a proxy's page
                raise ServiceError(
                    f"{self.url} answered HTTP {answer.status_code}, but not as a Khulasa service does; check the --service URL."
                ) from None
        detail = _problem_detail(answer)
        if answer.status_code in {401, 403}:
            raise ServiceError(f"the service refused the API key: {detail}")
        if 400 <= answer.status_code < 500:
            raise InputError(detail)
        raise ServiceError(f"the service answered HTTP {answer.status_code}: {detail}")


def _problem_detail(answer: httpx.Response) -> str:
    try:
        data = answer.json()
    except ValueError:
        return answer.text[:200] or answer.reason_phrase
    return str(data.get("detail") or data.get("title") or answer.reason_phrase) if isinstance(data, dict) else str(data)
