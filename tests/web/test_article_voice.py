"""A voice and a speed per article: chosen in the PUT, checked against what this service has, used by the job.

A real `khulasa serve` whose data folder has one Piper voice installed (a
tiny one the tests build, "tiny"), no cloud keys, and the default voice
espeak. Items say which voice and speed their audio was made with.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

import httpx
import pytest

from tests.speech.voices.test_piper import tiny_voice
from tests.web.articles import HARBOUR, LIBRARY
from tests.web.conftest import Server, make_server, wait_for_state


@dataclass
class Desk:
    server: Server
    key: str


@pytest.fixture(scope="module")
def desk(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Desk]:
    folder = tmp_path_factory.mktemp("article-voice")
    (folder / "voices").mkdir()
    tiny_voice(folder / "voices")
    server = make_server(folder).start()
    try:
        yield Desk(server, server.make_key("cms"))
    finally:
        server.stop()


def finished(api: httpx.Client, external_id: str) -> dict[str, object]:
    item = wait_for_state(api, external_id, {"done", "failed"})
    assert item["state"] == "done", item["error"]
    return item


def test_an_article_is_read_by_the_voice_and_at_the_speed_it_asked_for(desk: Desk) -> None:
    with desk.server.client(desk.key) as api:
        answer = api.put("/v1/articles/tiny-1", json={"text": HARBOUR, "voice": "tiny", "speed": 1.25})
        assert answer.status_code == 202, answer.text
        item = finished(api, "tiny-1")
    assert item["voice"] == "tiny" and item["speed"] == 1.25  # the article's choice ...
    audio = item["audio"]
    assert isinstance(audio, dict)
    assert audio["voice"] == "tiny" and audio["speed"] == 1.25  # ... and what the audio was made with


def test_without_a_choice_the_settings_voice_reads_at_its_normal_pace(desk: Desk) -> None:
    with desk.server.client(desk.key) as api:
        assert api.put("/v1/articles/plain-1", json={"text": LIBRARY}).status_code == 202
        item = finished(api, "plain-1")
    assert item["voice"] is None and item["speed"] is None
    audio = item["audio"]
    assert isinstance(audio, dict) and audio["voice"] == "espeak" and audio["speed"] == 1.0


def test_a_new_speed_for_the_same_text_makes_the_audio_again(desk: Desk) -> None:
    with desk.server.client(desk.key) as api:
        assert api.put("/v1/articles/pace-1", json={"text": LIBRARY}).status_code == 202
        normal = finished(api, "pace-1")
        again = api.put("/v1/articles/pace-1", json={"text": LIBRARY, "speed": 0.75})
        assert again.status_code == 202 and again.json()["state"] == "queued"
        slower = finished(api, "pace-1")
        kept = api.put("/v1/articles/pace-1", json={"text": LIBRARY}).json()  # no choice: the article keeps its speed
        assert kept["new_version"] is False and api.get("/v1/articles/pace-1").json()["speed"] == 0.75
    assert isinstance(normal["audio"], dict) and isinstance(slower["audio"], dict)
    assert slower["audio"]["speed"] == 0.75 and slower["audio"]["voice"] == "espeak"
    assert slower["audio"]["duration"] > 1.2 * normal["audio"]["duration"]


@pytest.mark.parametrize(
    ("choice", "says"),
    [
        ({"voice": "ar_JO-kareem-medium"}, "not installed"),
        ({"voice": "../../etc/passwd"}, "unknown voice"),
        ({"voice": "azure"}, "KHULASA_AZURE_SPEECH_KEY"),
        ({"voice": "http"}, "KHULASA_TTS_BASE_URL"),
        ({"speed": 5}, "between 0.5 and 2.0"),
        ({"speed": 0}, "between 0.5 and 2.0"),
        ({"voice": "tiny", "speed": 0.1}, "between 0.5 and 2.0"),
    ],
)
def test_a_voice_or_speed_this_service_cannot_give_is_refused_with_one_sentence(
    desk: Desk, choice: dict[str, object], says: str
) -> None:
    with desk.server.client(desk.key) as api:
        answer = api.put("/v1/articles/refused-1", json={"text": HARBOUR, **choice})
        problem = answer.json()
        assert answer.status_code == 422 and problem["code"] == "voice_unavailable", problem
        assert says in problem["detail"] and "Traceback" not in problem["detail"]
        assert api.get("/v1/articles/refused-1").status_code == 404  # nothing was stored

