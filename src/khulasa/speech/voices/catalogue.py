"""Piper voices by name: the public catalogue, downloads into the data folder, and what is installed.

The catalogue is Piper's ``voices.json`` (``KHULASA_PIPER_VOICES_URL``): for
each voice its language, quality and files, each with ``size_bytes`` and
``md5_digest``. A download fetches the voice's ``.onnx``, ``.onnx.json`` and
model card from paths beside the catalogue into ``<data dir>/voices/``:

- each file goes to ``NAME….part`` first; an interrupted download keeps it
  and the next run asks only for the rest (an HTTP Range request);
- each file must have the catalogue's size and MD5 digest, or it is removed
  and the download refused: a truncated or corrupted voice is never installed;
- only when every file is verified are they renamed into place, the model
  last, so a voice is either installed whole or not at all.
"""

from __future__ import annotations

import hashlib
import os
import re
from collections.abc import Callable
from contextlib import AbstractContextManager, nullcontext
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import quote, urljoin

import httpx

from khulasa.config import Settings, data_dir
from khulasa.errors import ConfigError, FetchError, InputError

SAMPLE_RATES = {"x_low": 16_000, "low": 16_000, "medium": 22_050, "high": 22_050}
"""Sample rate by Piper's quality name (the catalogue does not give it; the voice's .onnx.json does)."""
LONGEST_CATALOGUE = 20_000_000
"""Bytes of catalogue read at most (the real one is well under 1 MB)."""
_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.-]*")
_LICENSE = re.compile(r"licen[cs]e\W*(.+)", re.IGNORECASE)
_ENDINGS = {".onnx": ".onnx", ".onnx.json": ".onnx.json", "MODEL_CARD": ".MODEL_CARD"}
"""Files of a voice we install, by how their repository path ends → the ending of the installed file."""


@dataclass(frozen=True)
class VoiceFile:
    """One file of a voice, as the catalogue lists it."""

    path: str
    """Path in the voices repository, relative to the catalogue."""
    size: int
    """Size in bytes."""
    md5: str
    """MD5 digest, hex."""


@dataclass(frozen=True)
class CatalogueVoice:
    """A voice the catalogue offers."""

    name: str
    """Its key, e.g. ``ar_JO-kareem-medium``."""
    language: str
    """Language and region code, e.g. ``ar_JO``."""
    quality: str
    """Piper's quality: x_low, low, medium or high."""
    files: tuple[VoiceFile, ...]
    """The files we install: model, its config, and the model card when listed."""

    @property
    def sample_rate(self) -> int:
        """Samples per second, from the quality."""
        return SAMPLE_RATES.get(self.quality, 22_050)

    @property
    def size(self) -> int:
        """Bytes to download."""
        return sum(f.size for f in self.files)


@dataclass(frozen=True)
class InstalledVoice:
    """A voice in the data folder, ready for ``KHULASA_PIPER_VOICE=NAME``."""

    name: str
    """The name it was downloaded as."""
    model: Path
    """Its .onnx file; the .onnx.json is beside it."""
    size: int
    """Bytes on disk."""
    license: str
    """The license its model card names, or "see its model card"."""


def folder(settings: Settings) -> Path:
    """``<data dir>/voices``, created if missing."""
    path = data_dir(settings) / "voices"
    try:
        path.mkdir(exist_ok=True)
    except OSError as exc:
        raise ConfigError(f"cannot create the voices folder {path} ({exc.strerror}); give another data folder.") from None
    return path


def is_name(value: str) -> bool:
    """Whether ``value`` names a voice (ar_JO-kareem-medium) rather than giving a path (…/kareem.onnx)."""
    return bool(_NAME.fullmatch(value)) and not value.endswith(".onnx")


def model_path(given: str, settings: Settings) -> Path:
    """The .onnx file for a voice setting: an installed voice's name, or a path."""
    if not is_name(given):
        return Path(given).expanduser()
    path = folder(settings) / f"{given}.onnx"
    if not path.is_file():
        raise ConfigError(f"the Piper voice {given} is not installed; run `khulasa voices download {given}` first.")
    return path


def installed(settings: Settings) -> list[InstalledVoice]:
    """The voices in the data folder, by name."""
    out = []
    for model in sorted(folder(settings).glob("*.onnx")):
        name = model.name.removesuffix(".onnx")
        config = model.with_name(model.name + ".json")
        if not config.is_file():
            continue
        card = model.with_name(name + ".MODEL_CARD")
        size = sum(p.stat().st_size for p in (model, config, card) if p.is_file())
        out.append(InstalledVoice(name, model, size, _license(card)))
    return out


def _license(card: Path) -> str:
    try:
        text = card.read_text(encoding="utf-8", errors="replace")
    except OSError:
        return "see its model card"
    match = _LICENSE.search(text)
    return match.group(1).strip() if match else "see its model card"


def read_catalogue(settings: Settings, client: httpx.Client | None = None) -> dict[str, CatalogueVoice]:
    """Every voice in the catalogue at ``settings.piper_voices_url``, by name."""
    url = settings.piper_voices_url
    with _client(settings, client) as http:
        try:
            response = http.get(url)
        except httpx.HTTPError as exc:
            raise FetchError(f"cannot read the Piper voice catalogue at {url} ({exc}); check KHULASA_PIPER_VOICES_URL.") from None
    if response.status_code != 200:
        raise FetchError(
            f"the Piper voice catalogue at {url} answered HTTP {response.status_code}; check KHULASA_PIPER_VOICES_URL."
        )
    if len(response.content) > LONGEST_CATALOGUE:
        raise FetchError(f"the Piper voice catalogue at {url} is larger than {LONGEST_CATALOGUE} bytes; is it the right file?")
    try:
        entries: Any = response.json()
        return {name: _entry(name, entry) for name, entry in entries.items() if _NAME.fullmatch(name)}
    except (ValueError, AttributeError, KeyError, TypeError):
        raise FetchError(f"{url} is not a Piper voice catalogue (voices.json); check KHULASA_PIPER_VOICES_URL.") from None


def _entry(name: str, entry: Any) -> CatalogueVoice:
    files = [
        VoiceFile(str(path), int(about["size_bytes"]), str(about["md5_digest"]).lower())
        for path, about in entry["files"].items()
        if str(path).endswith(tuple(_ENDINGS))
    ]
    return CatalogueVoice(name, str(entry["language"]["code"]), str(entry["quality"]), tuple(files))


def download(
    name: str, settings: Settings, progress: Callable[[int, int], None] | None = None, client: httpx.Client | None = None
) -> InstalledVoice:
    """Download voice ``name`` into the data folder, resuming a previous attempt; ``progress(bytes, total)`` as it goes."""
    if not _NAME.fullmatch(name):
        raise InputError(f"{name!r} is not a voice name; `khulasa voices list` shows them (e.g. ar_JO-kareem-medium).")
    target = folder(settings)
    with _client(settings, client) as http:
        voices = read_catalogue(settings, http)
        if name not in voices:
            raise InputError(f"the Piper catalogue has no voice {name!r}; `khulasa voices list` shows the Arabic ones.")
        voice = voices[name]
        if not {".onnx", ".onnx.json"} <= {_ending(f) for f in voice.files}:
            raise FetchError(f"the catalogue lists no .onnx and .onnx.json for {name}; it cannot be installed.")
        ready: list[tuple[Path, Path]] = []
        before = 0
        for file in voice.files:
            final = target / (name + _ENDINGS[_ending(file)])
            url = urljoin(settings.piper_voices_url, quote(file.path))

            def report(have: int, before: int = before) -> None:
                if progress is not None:
                    progress(before + have, voice.size)

            ready.append((_fetch(http, url, file, final, name, report), final))
            before += file.size
    for part, final in sorted(ready, key=lambda pair: pair[1].name.endswith(".onnx")):  # the model last
        os.replace(part, final)
    return next(v for v in installed(settings) if v.name == name)


def _ending(file: VoiceFile) -> str:
    """Which of :data:`_ENDINGS` the file's path ends with (the longest that fits)."""
    return max((ending for ending in _ENDINGS if file.path.endswith(ending)), key=len)


def _fetch(http: httpx.Client, url: str, file: VoiceFile, final: Path, name: str, progress: Callable[[int], None]) -> Path:
    """``url`` into ``final``'s .part file, resumed where it stopped; checked against the catalogue's size and digest."""
    part = final.with_name(final.name + ".part")
    have = part.stat().st_size if part.is_file() else 0
    if have > file.size:
        part.unlink()
        have = 0
    digest = hashlib.md5(usedforsecurity=False)
    if have:
        with part.open("rb") as old:
            for block in iter(lambda: old.read(1 << 20), b""):
                digest.update(block)
    progress(have)
    if have < file.size:
        try:
            with http.stream("GET", url, headers={"Range": f"bytes={have}-"} if have else {}) as response:
                if response.status_code not in (200, 206):
                    raise FetchError(f"{url} answered HTTP {response.status_code}; check KHULASA_PIPER_VOICES_URL.")
                if response.status_code == 200 and have:  # the server ignored the range: start again
                    have, digest = 0, hashlib.md5(usedforsecurity=False)
                with part.open("ab" if have else "wb") as out:
                    for block in response.iter_bytes():  # as it arrives: a cut connection keeps all it delivered
                        have += len(block)
                        if have > file.size:
                            break
                        out.write(block)
                        digest.update(block)
                        progress(have)
        except httpx.TransportError as exc:
            raise FetchError(f"the download of {name} was interrupted ({exc}); run the same command again to resume.") from None
    if have != file.size or digest.hexdigest() != file.md5:
        part.unlink(missing_ok=True)
        what = f"{have} bytes instead of {file.size}" if have != file.size else "a different checksum"
        raise FetchError(f"{final.name} arrived with {what} than the catalogue lists, so it was removed; try again later.")
    return part


def remove(name: str, settings: Settings) -> None:
    """Delete an installed voice's files (and any half-downloaded ones)."""
    if not _NAME.fullmatch(name):
        raise InputError(f"{name!r} is not a voice name; `khulasa voices list` shows the installed ones.")
    path = folder(settings)
    files = [p for ending in _ENDINGS.values() for p in (path / (name + ending), path / (name + ending + ".part")) if p.exists()]
    if not files:
        raise InputError(f"no voice {name!r} is installed; `khulasa voices list` shows the installed ones.")
    for p in sorted(files, key=lambda p: not p.name.endswith(".onnx")):  # the model first: a half-removed voice is no voice
        p.unlink()


def _client(settings: Settings, given: httpx.Client | None) -> AbstractContextManager[httpx.Client]:
    """The given client (left open), or a new one closed at the end of the block."""
    if given is not None:
        return nullcontext(given)
    timeout = httpx.Timeout(settings.fetch_timeout, connect=settings.fetch_connect_timeout)
    return httpx.Client(timeout=timeout, follow_redirects=True, headers={"User-Agent": "khulasa"})
