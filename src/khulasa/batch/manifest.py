"""The record of finished items in an output folder, so an interrupted batch resumes where it stopped.

Written atomically after each item: a crash leaves the old manifest or the
new one, never half of one.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from khulasa.batch.inputs import Outcome
from khulasa.errors import InputError
from khulasa.files import write_atomically

MANIFEST = ".khulasa-batch.json"
"""The record of finished items in the output folder; delete it to start the batch over."""


class Manifest:
    """The finished items of an output folder, kept in ``MANIFEST`` and rewritten atomically after each one."""

    def __init__(self, outdir: Path, entries: dict[str, dict[str, Any]]) -> None:
        self.outdir = outdir
        self.path = outdir / MANIFEST
        self.entries = entries
        """Item id → {"hash", "audio", "source"}."""
        self.by_hash: dict[str, list[str]] = {}
        for item_id, entry in entries.items():
            self.by_hash.setdefault(str(entry.get("hash")), []).append(item_id)

    @classmethod
    def open(cls, outdir: Path) -> Manifest:
        """The manifest of ``outdir``, which is created when missing; empty for a new folder."""
        try:
            outdir.mkdir(parents=True, exist_ok=True)
        except FileExistsError:
            raise InputError(f"{outdir} is a file; give a folder for the output.") from None
        except OSError as exc:
            raise InputError(f"{outdir}: the output folder cannot be created ({exc.strerror or exc}).") from None
        path = outdir / MANIFEST
        if not path.exists():
            return cls(outdir, {})
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            entries = data["items"]
            if not isinstance(entries, dict) or not all(isinstance(entry, dict) for entry in entries.values()):
                raise TypeError
        except (OSError, ValueError, KeyError, TypeError):
            raise InputError(f"{path} is damaged; delete it to process every item again.") from None
        return cls(outdir, entries)

    def done_as(self, content_hash: str, audio: bool) -> str | None:
        """The id under which this content was finished (with audio if asked), if its output is still there."""
        for item_id in self.by_hash.get(content_hash, []):
            entry = self.entries[item_id]
            if entry.get("hash") != content_hash:  # the id was done again since, with other content
                continue
            if (entry.get("audio") or not audio) and (self.outdir / f"{item_id}.json").exists():
                return item_id
        return None

    def record(self, outcome: Outcome) -> None:
        """Add a finished item and write the manifest at once."""
        self.entries[outcome.id] = {"hash": outcome.content_hash, "audio": outcome.audio, "source": outcome.source}
        self.by_hash.setdefault(outcome.content_hash, []).append(outcome.id)
        data = {"format": 1, "items": self.entries}
        write_atomically(self.path, (json.dumps(data, ensure_ascii=False, separators=(",", ":")) + "\n").encode("utf-8"))
