"""Routes for the newsroom's pronunciation dictionary: list, add, change, remove, re-narrate, hear.

Every route needs a key: the dictionary is the newsroom's, shared by all its
keys, and any of them may edit it (as any editor may teach the voice a name).
"""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request, Response
from pydantic import Field

from khulasa import pipeline
from khulasa.render import iso
from khulasa.store import lexicon as dictionary
from khulasa.store.lexicon import StoredEntry
from khulasa.web.auth import Key
from khulasa.web.schemas import PROBLEMS, Problem, RequestBody
from khulasa.web.service import service_of

router = APIRouter(tags=["lexicon"], responses=PROBLEMS)

SAY_TEXT_LONGEST = 500
"""Most characters POST /v1/lexicon/say reads: a word or a sentence to check, not an article."""

_DUPLICATE: dict[int | str, dict[str, Any]] = {
    409: {"model": Problem, "description": "The dictionary already has this term (code duplicate_term)"}
}


class EntryBody(RequestBody):
    """POST /v1/lexicon: a term and how to say it."""

    term: str = Field(..., max_length=1000, description="The word or phrase as the text writes it, e.g. «فيدوموستي» or «CNN».")
    say: str = Field(..., max_length=1000, description="How the voice reads it, in Arabic letters (tashkeel allowed).")
    note: str | None = Field(None, max_length=1000, description="Why the entry is there, for the editors.")


class EntryChange(RequestBody):
    """PUT /v1/lexicon/{entry_id}: the fields to change; those left out stay as they are (``"note": null`` clears it)."""

    term: str | None = Field(None, max_length=1000, description="The new term.")
    say: str | None = Field(None, max_length=1000, description="The new say.")
    note: str | None = Field(None, max_length=1000, description="The new note; null clears it.")


class SayBody(RequestBody):
    """POST /v1/lexicon/say: a word or sentence to hear with the dictionary as it is now."""

    text: str = Field(..., max_length=SAY_TEXT_LONGEST, description="Arabic text, or a term such as «CNN».")


def _shown(entry: StoredEntry) -> dict[str, Any]:
    return {
        "id": entry.id,
        "term": entry.term,
        "say": entry.say,
        "note": entry.note,
        "created_at": iso(entry.created_at),
        "updated_at": iso(entry.updated_at),
    }


@router.get("/v1/lexicon", summary="The pronunciation dictionary")
def list_entries(request: Request, key: Key) -> dict[str, Any]:
    """Its version (up by one or more with every change) and every entry, oldest first."""
    version, entries = dictionary.listing(service_of(request).engine)
    return {"version": version, "entries": [_shown(e) for e in entries]}


@router.post("/v1/lexicon", status_code=201, summary="Teach the voice a term", responses=_DUPLICATE)
def add_entry(body: EntryBody, request: Request, key: Key) -> dict[str, Any]:
    """Audio made from now on reads the term as ``say``; POST /v1/lexicon/apply re-makes audio already made."""
    return _shown(dictionary.add(service_of(request).engine, body.term, body.say, body.note))


@router.put("/v1/lexicon/{entry_id}", summary="Change an entry", responses=_DUPLICATE)
def change_entry(entry_id: int, body: EntryChange, request: Request, key: Key) -> dict[str, Any]:
    """Only the fields given change; an unknown id is 404."""
    note = body.note if "note" in body.model_fields_set else dictionary.KEEP
    return _shown(dictionary.change(service_of(request).engine, entry_id, body.term, body.say, note))


@router.delete("/v1/lexicon/{entry_id}", status_code=204, summary="Remove an entry")
def delete_entry(entry_id: int, request: Request, key: Key) -> Response:
    """The voice reads the term its own way again in audio made from now on; an unknown id is 404."""
    dictionary.remove(service_of(request).engine, entry_id)
    return Response(status_code=204)


@router.post("/v1/lexicon/apply", status_code=202, summary="Re-make the audio that holds changed terms")
def apply_entries(request: Request, key: Key) -> dict[str, Any]:
    """Queues a job for each finished item whose audio reads a term added, changed or removed since it was made.

    The job reads the stored summary aloud again with the dictionary as it is
    then (the summary is not made again).
    """
    svc = service_of(request)
    queued = dictionary.renarrate(svc.engine)
    if queued and svc.runner is not None:
        svc.runner.notify()
    return {"queued": queued}


@router.post(
    "/v1/lexicon/say",
    summary="Hear a text read with the dictionary",
    response_class=Response,
    responses={200: {"content": {"audio/mpeg": {}}, "description": "The text read aloud, MP3"}},
)
def say(body: SayBody, request: Request, key: Key) -> Response:
    """The text read aloud (MP3) by the configured voice with the dictionary as it is now: for checking an entry."""
    svc = service_of(request)
    narration = pipeline.narrate_text(body.text, svc.settings, ["mp3"], lexicon=dictionary.current(svc.engine))
    return Response(narration.files[0].data, media_type="audio/mpeg", headers={"Cache-Control": "no-store"})
