"""Piper voices by name: a loopback copy of the voices repository (catalogue and a tiny voice), downloads checked and resumed."""

from __future__ import annotations

import hashlib
import json
import re
from pathlib import Path
from typing import Any

import pytest

from khulasa import config
from khulasa.config import Settings
from khulasa.errors import ConfigError, FetchError, InputError
from khulasa.speech.voices import catalogue, voice_named
from tests.speech.voices.conftest import Answer, FakeService, Request
from tests.speech.voices.test_piper import tiny_voice

NAME = "ar_JO-tiny-medium"
FOLDER = f"ar/ar_JO/tiny/medium/{NAME}"
CARD = "# Model card for tiny (medium)\n\n* Language: ar_JO\n\n## Dataset\n\n* License: CC BY 4.0 (test voice)\n"


class Repository:
    """The files of a Piper voices repository, served with Range support; it can be told to damage one file."""

    def __init__(self, source: Path) -> None:
        model = tiny_voice(source)
        self.files = {
            f"{FOLDER}.onnx": model.read_bytes(),
            f"{FOLDER}.onnx.json": Path(str(model) + ".json").read_bytes(),
            "ar/ar_JO/tiny/medium/MODEL_CARD": CARD.encode(),
            "en/en_GB/other/low/en_GB-other-low.onnx": b"not arabic",
        }
        self.damage: dict[str, str] = {}
        """Path → "corrupt" (a byte changed), "truncate" (sent short, complete) or "hang up" (connection cut midway)."""

    def catalogue(self) -> bytes:
        def entry(name: str, code: str, quality: str, prefix: str) -> dict[str, Any]:
            files = {
                path: {"size_bytes": len(data), "md5_digest": hashlib.md5(data).hexdigest()}
                for path, data in self.files.items()
                if path.startswith(prefix)
            }
            language = {
                "code": code,
                "family": code[:2],
                "region": code[3:],
                "name_native": "",
                "name_english": "",
                "country_english": "",
            }
            return {
                "key": name,
                "name": name,
                "language": language,
                "quality": quality,
                "num_speakers": 1,
                "files": files,
                "aliases": [],
            }

        voices = {NAME: entry(NAME, "ar_JO", "medium", "ar/"), "en_GB-other-low": entry("en_GB-other-low", "en_GB", "low", "en/")}
        return json.dumps(voices).encode()

    def answer(self, request: Request) -> Answer:
        path = request.path.removeprefix("/piper-voices/resolve/main/")
        if path == "voices.json":
            return 200, {"Content-Type": "application/json"}, self.catalogue()
        if path not in self.files:
            return 404, {}, b""
        data = self.files[path]
        damage = self.damage.get(path)
        if damage == "corrupt":
            data = data[:100] + bytes([data[100] ^ 0xFF]) + data[101:]
        elif damage == "truncate":
            data = data[: len(data) // 2]
        start = int(re.fullmatch(r"bytes=(\d+)-", request.headers.get("range", "bytes=0-")).group(1))  # type: ignore[union-attr]
        status, headers = (206, {"Content-Range": f"bytes {start}-{len(data) - 1}/{len(data)}"}) if start else (200, {})
        if damage == "hang up":
            return (
                status,
                {**headers, "Content-Length": str(len(data) - start), "Connection": "close"},
                data[start : len(data) // 2],
            )
        return status, headers, data[start:]


@pytest.fixture
def repository(service: FakeService, tmp_path: Path) -> Repository:
    source = tmp_path / "source"
    source.mkdir()
    repo = Repository(source)
    service.answer = repo.answer
    return repo


def settings_for(service: FakeService, tmp_path: Path, **overrides: Any) -> Settings:
    url = f"{service.url}/piper-voices/resolve/main/voices.json"
    return config.load(environ={}, data_dir=str(tmp_path / "data"), piper_voices_url=url, **overrides)


def test_a_voice_downloaded_by_name_speaks_by_name(service: FakeService, repository: Repository, tmp_path: Path) -> None:
    settings = settings_for(service, tmp_path)
    seen: list[tuple[int, int]] = []
    voice = catalogue.download(NAME, settings, lambda done, total: seen.append((done, total)))
    assert voice.model == tmp_path / "data" / "voices" / f"{NAME}.onnx"
    assert voice.model.read_bytes() == repository.files[f"{FOLDER}.onnx"]
    assert voice.license == "CC BY 4.0 (test voice)"
    assert seen[-1][0] == seen[-1][1] == sum(len(d) for p, d in repository.files.items() if p.startswith("ar/"))
    assert not list(voice.model.parent.glob("*.part"))
    speech = voice_named("piper", config.load(environ={}, data_dir=str(tmp_path / "data"), piper_voice=NAME)).synthesize("نَعَمْ")
    assert len(speech.samples) > 0


def test_the_catalogue_offers_voices_with_their_sizes(service: FakeService, repository: Repository, tmp_path: Path) -> None:
    offered = catalogue.read_catalogue(settings_for(service, tmp_path))
    voice = offered[NAME]
    assert (voice.language, voice.quality, voice.sample_rate) == ("ar_JO", "medium", 22_050)
    assert voice.size == sum(len(data) for path, data in repository.files.items() if path.startswith("ar/"))


@pytest.mark.parametrize(("damage", "expected"), [("corrupt", "a different checksum"), ("truncate", "bytes instead of")])
def test_a_damaged_file_is_refused_and_removed(
    service: FakeService, repository: Repository, tmp_path: Path, damage: str, expected: str
) -> None:
    repository.damage[f"{FOLDER}.onnx"] = damage
    with pytest.raises(FetchError, match=expected):
        catalogue.download(NAME, settings_for(service, tmp_path))
    assert list((tmp_path / "data" / "voices").iterdir()) == []  # nothing installed, nothing half-kept
    assert catalogue.installed(settings_for(service, tmp_path)) == []


def test_an_interrupted_download_resumes_where_it_stopped(service: FakeService, repository: Repository, tmp_path: Path) -> None:
    settings = settings_for(service, tmp_path)
    repository.damage[f"{FOLDER}.onnx"] = "hang up"
    with pytest.raises(FetchError, match=r"interrupted.*run the same command again to resume"):
        catalogue.download(NAME, settings)
    part = tmp_path / "data" / "voices" / f"{NAME}.onnx.part"
    kept = part.stat().st_size
    assert kept > 0 and not (tmp_path / "data" / "voices" / f"{NAME}.onnx").exists()
    del repository.damage[f"{FOLDER}.onnx"]
    service.requests.clear()
    voice = catalogue.download(NAME, settings)
    assert voice.model.read_bytes() == repository.files[f"{FOLDER}.onnx"]
    (resumed,) = [r for r in service.requests if r.path.endswith(".onnx")]
    assert resumed.headers["range"] == f"bytes={kept}-"


def test_remove_deletes_the_voice(service: FakeService, repository: Repository, tmp_path: Path) -> None:
    settings = settings_for(service, tmp_path)
    catalogue.download(NAME, settings)
    catalogue.remove(NAME, settings)
    assert list((tmp_path / "data" / "voices").iterdir()) == []
    with pytest.raises(InputError, match="no voice 'ar_JO-tiny-medium' is installed"):
        catalogue.remove(NAME, settings)


@pytest.mark.parametrize(("name", "expected"), [("ar_JO-nobody-low", "has no voice"), ("../../etc/passwd", "not a voice name")])
def test_unknown_or_unsafe_names_are_refused(
    service: FakeService, repository: Repository, tmp_path: Path, name: str, expected: str
) -> None:
    with pytest.raises(InputError, match=expected):
        catalogue.download(name, settings_for(service, tmp_path))


def test_a_voice_named_but_not_installed_says_how_to_install_it(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match=r"run `khulasa voices download ar_JO-kareem-medium`"):
        voice_named("piper", config.load(environ={}, data_dir=str(tmp_path), piper_voice="ar_JO-kareem-medium"))


def test_a_catalogue_url_that_is_not_one_is_named(service: FakeService, tmp_path: Path) -> None:
    service.answer = lambda request: (200, {}, b"<html>mirror down</html>")
    with pytest.raises(FetchError, match=r"not a Piper voice catalogue.*KHULASA_PIPER_VOICES_URL"):
        catalogue.read_catalogue(settings_for(service, tmp_path))
