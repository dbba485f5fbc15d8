"""One item done: read, summarized, read aloud, and written as ``<id>.json`` (and ``<id>.mp3``).

Runs in a worker process, so every failure comes back as an Outcome instead
of an exception: a bad item never ends the batch.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from khulasa import pipeline
from khulasa.batch.inputs import Item, Outcome, read_item
from khulasa.config import Settings
from khulasa.errors import InputError, KhulasaError
from khulasa.files import write_atomically
from khulasa.ingest.fetch import Resolver, system_resolver


def process(item: Item, settings: Settings, outdir: Path, audio: bool, resolver: Resolver = system_resolver) -> Outcome:
    """Read, summarize and (with ``audio``) narrate one item; write ``<id>.json`` and ``<id>.mp3``.

    Runs in a worker process, so it returns every failure as an Outcome
    instead of raising: a bad item never ends the batch.
    """
    try:
        if item.problem is not None:
            raise InputError(item.problem)
        article = read_item(item, settings, resolver)
        summary = pipeline.summarize(article, settings)
        from khulasa.render import as_dict

        record: dict[str, Any] = {
            "id": item.id,
            "source": item.source,
            "title": article.title,
            "published": article.published,
            "url": article.url,
            "warning": article.warning,
            **as_dict(summary),
            "audio": None,
        }
        if audio:
            from khulasa.speech import timings

            narration = pipeline.narrate(summary, settings, ["mp3"])
            write_atomically(outdir / f"{item.id}.mp3", narration.files[0].data)
            record["audio"] = {"file": f"{item.id}.mp3", **timings.as_dict(narration)}
        # the JSON is written last: when it exists, the item is complete
        write_atomically(outdir / f"{item.id}.json", (json.dumps(record, ensure_ascii=False, indent=2) + "\n").encode("utf-8"))
    except KhulasaError as exc:
        return Outcome(item.id, item.source, "failed", item.content_hash, reason=exc.message)
    except Exception as exc:  # a bug on one article must not cost the rest of the archive
        reason = f"unexpected error ({type(exc).__name__}: {exc})"
        return Outcome(item.id, item.source, "failed", item.content_hash, reason=reason)
    return Outcome(item.id, item.source, "done", item.content_hash, audio=audio)
