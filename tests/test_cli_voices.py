"""`khulasa voices`: list what is installed and offered, download and remove by name, try a voice into a file."""

from __future__ import annotations

from pathlib import Path

import pytest

from khulasa import cli
from tests.speech.voices.conftest import FakeService, service  # noqa: F401  (the loopback repository's server)
from tests.speech.voices.test_catalogue import NAME, Repository
from tests.speech.voices.test_elevenlabs import elevenlabs


@pytest.fixture
def repository(service: FakeService, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Repository:  # noqa: F811
    source = tmp_path / "source"
    source.mkdir()
    repo = Repository(source)
    service.answer = repo.answer
    monkeypatch.setenv("KHULASA_PIPER_VOICES_URL", f"{service.url}/piper-voices/resolve/main/voices.json")
    monkeypatch.setenv("KHULASA_DATA_DIR", str(tmp_path / "data"))
    return repo


def test_download_list_try_and_remove_a_voice_by_name(
    repository: Repository, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert cli.main(["voices", "list"]) == 0
    listed = capsys.readouterr().out
    assert "none yet" in listed and f"{NAME}" in listed and "22050 Hz" in listed and "en_GB-other-low" not in listed

    assert cli.main(["voices", "download", NAME]) == 0
    assert f"KHULASA_PIPER_VOICE={NAME}" in capsys.readouterr().err
    assert cli.main(["voices", "list"]) == 0
    installed = capsys.readouterr().out.split("Arabic voices to download")
    assert NAME in installed[0] and "CC BY 4.0 (test voice)" in installed[0] and "installed" in installed[1]

    sample = tmp_path / "kareem.ogg"
    assert cli.main(["voices", "try", NAME, "قال الوزير إن المحطة تعمل العام المقبل", "-o", str(sample)]) == 0
    assert sample.stat().st_size > 0 and "voice piper" in capsys.readouterr().err

    assert cli.main(["voices", "remove", NAME]) == 0
    assert not list((tmp_path / "data" / "voices").iterdir())


def test_try_a_cloud_voice_says_what_was_billed(
    service: FakeService,  # noqa: F811
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    service.answer = elevenlabs
    for name, value in {"API_KEY": "good-key", "VOICE_ID": "layla123", "ENDPOINT": service.url}.items():
        monkeypatch.setenv(f"KHULASA_ELEVENLABS_{name}", value)
    sample = tmp_path / "sample.mp3"
    assert cli.main(["voices", "try", "elevenlabs", "-o", str(sample)]) == 0
    assert sample.stat().st_size > 0
    assert "characters sent" in capsys.readouterr().err


def test_a_download_that_cannot_be_had_is_one_sentence(repository: Repository, capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["voices", "download", "ar_JO-nobody-low"]) == cli.EXIT_INPUT
    assert capsys.readouterr().err.startswith("khulasa: the Piper catalogue has no voice 'ar_JO-nobody-low'")
