"""Stored items as the API shows them: ISO times and URLs for every file.

Audio and timing files have two URLs: ``url`` is content-addressed
(``/v1/files/<sha256>.mp3``, cached for a year, never changes) and
``stable_url`` names the item (``/v1/articles/{id}/summary.mp3``, follows
the newest finished version).
"""

from __future__ import annotations

from typing import Any
from urllib.parse import quote

from khulasa.render import iso
from khulasa.store.articles import StoredFile

AUDIO = ("mp3", "ogg")
TIMINGS = ("json", "vtt")


def item_path(external_id: str) -> str:
    """The item's URL path."""
    return f"/v1/articles/{quote(external_id, safe='')}"


def _file(external_id: str, f: StoredFile) -> dict[str, Any]:
    return {
        "format": f.extension,
        "media_type": f.media_type,
        "size": f.size,
        "url": f"/v1/files/{f.blob}",
        "stable_url": f"{item_path(external_id)}/{f.audio}.{f.extension}",
    }


def _article_audio(external_id: str, narration: dict[str, Any] | None, made: list[StoredFile]) -> dict[str, Any] | None:
    """The whole article's audio as shown: figures, files and timing files (its segments are in the JSON timing file)."""
    if not narration or "duration" not in narration:
        return None
    return {
        **{name: narration.get(name) for name in ("duration", "voice", "loudness", "true_peak", "characters_sent", "paragraphs")},
        "lexicon": narration.get("lexicon", 0),
        "files": [_file(external_id, f) | {"duration": narration["duration"]} for f in made if f.extension in AUDIO],
        "timings": {f.extension: _file(external_id, f) for f in made if f.extension in TIMINGS},
    }


def _review(review: dict[str, Any] | None) -> dict[str, Any] | None:
    """Who published or rejected a version, with an ISO time."""
    return None if review is None else {**review, "at": iso(review["at"])}


def present(view: dict[str, Any], publish: str = "auto") -> dict[str, Any]:
    """The JSON answer for one item, from :func:`khulasa.store.articles.item`; ``publish`` is the setting's mode.

    ``history`` lists the versions that have a summary, newest last, saying
    which engine made it or which editor wrote it (``author``) and who
    reviewed it: only keys see it.
    """
    external_id = view["external_id"]
    made: list[StoredFile] = [f for f in view["files"] if f.audio == "summary"]
    article_made: list[StoredFile] = [f for f in view["files"] if f.audio == "article"]
    article_narration = view.get("article_narration")
    narration = view["narration"]
    audio: dict[str, Any] | None = None
    if narration is not None:
        audio = {
            "duration": narration["duration"],
            "voice": narration["voice"],
            "loudness": narration["loudness"],
            "true_peak": narration["true_peak"],
            "characters_sent": narration.get("characters_sent", 0),
            "lexicon": narration.get("lexicon", 0),
            "files": [_file(external_id, f) | {"duration": narration["duration"]} for f in made if f.extension in AUDIO],
            "timings": {f.extension: _file(external_id, f) for f in made if f.extension in TIMINGS},
            "segments": narration["segments"],
        }
    return {
        "external_id": external_id,
        "url": item_path(external_id),
        "state": view["state"],
        "error": view["error"],
        "version": view["version"],
        "title": view["title"],
        "published": view["published"],
        "credit": view["credit"],
        "language": view["language"],
        "metadata": view["metadata"],
        "created_at": iso(view["created_at"]),
        "updated_at": iso(view["updated_at"]),
        "summary_version": view["summary_version"],
        "summary": view["summary"],
        "audio": audio,
        "audio_unavailable": view["audio_note"],
        "narrate": view.get("narrate"),
        "publish": view.get("publish") or publish,
        "published_version": view.get("published_version"),
        "review": _review(view.get("review")),
        "history": [
            {
                "version": v["version"],
                "engine": v["engine"],
                "author": v["author"],
                "review": _review(v["review"]),
                "created_at": iso(v["created_at"]),
            }
            for v in view["versions"]
            if v["summarized"] and "engine" in v
        ],
        "article_audio": _article_audio(external_id, article_narration, article_made),
        "article_audio_unavailable": (article_narration or {}).get("unavailable"),
        "versions": [
            {
                "version": v["version"],
                "content_hash": v["content_hash"],
                "created_at": iso(v["created_at"]),
                "summarized": v["summarized"],
            }
            for v in view["versions"]
        ],
    }
