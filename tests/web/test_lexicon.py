"""The dictionary over HTTP: each route, each refusal, and audio made (and made again) with the entries as they are.

The server's voice is "http", pointed at a loopback speech server that notes
every text it is asked to say, with no diacritizer: what reaches it is what
the dictionary made of the text.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from tests.speechserver import Heard, speech_server
from tests.web.conftest import Server, make_server, wait_for_state

STORY = (
    "عادت الكهرباء إلى محطة زابوريجيا النووية بعد انقطاع دام ثلاثة أيام، وبدأ المهندسون فحص أنظمة التبريد الاحتياطية "
    "قبل تشغيل المفاعلات من جديد.\n"
    "وأكدت الوكالة الدولية للطاقة الذرية أن فريقها في زابوريجيا لم يرصد أي تسرب إشعاعي خلال فترة الانقطاع.\n"
    "وتخشى الحكومات الأوروبية أن يتكرر الانقطاع في الشتاء المقبل إذا استمرت الهجمات على خطوط نقل الطاقة في المنطقة."
)


@pytest.fixture(scope="module")
def heard() -> Iterator[Heard]:
    with speech_server() as server:
        yield server


@pytest.fixture(scope="module")
def service(tmp_path_factory: pytest.TempPathFactory, heard: Heard) -> Iterator[Server]:
    folder = Path(tmp_path_factory.mktemp("lexicon-service"))
    running = make_server(folder, voice="http", tts_base_url=heard.url, tts_format="pcm", diacritizer="none").start()
    try:
        yield running
    finally:
        running.stop()


@pytest.fixture(scope="module")
def client(service: Server) -> Iterator[httpx.Client]:
    with service.client(service.make_key("lexicon-editor")) as made:
        yield made


def _problem(answer: httpx.Response, status: int, code: str) -> str:
    assert answer.status_code == status, answer.text
    assert answer.headers["content-type"].startswith("application/problem+json")
    body = answer.json()
    assert body["code"] == code
    return str(body["detail"])


def test_every_route_needs_a_key(service: Server) -> None:
    with service.client() as anonymous:
        for method, path in (
            ("GET", "/v1/lexicon"),
            ("POST", "/v1/lexicon"),
            ("PUT", "/v1/lexicon/1"),
            ("DELETE", "/v1/lexicon/1"),
            ("POST", "/v1/lexicon/apply"),
            ("POST", "/v1/lexicon/say"),
        ):
            _problem(anonymous.request(method, path, json={}), 401, "auth_required")


def test_add_list_change_and_remove_an_entry(client: httpx.Client) -> None:
    before = client.get("/v1/lexicon").json()["version"]
    added = client.post("/v1/lexicon", json={"term": "كوميرسانت", "say": "كُومِيرْسَانْت", "note": "صحيفة روسية"})
    assert added.status_code == 201, added.text
    entry = added.json()
    assert {k: entry[k] for k in ("term", "say", "note")} == {"term": "كوميرسانت", "say": "كُومِيرْسَانْت", "note": "صحيفة روسية"}
    assert entry["created_at"].endswith("Z") or "+00:00" in entry["created_at"]
    listed = client.get("/v1/lexicon").json()
    assert listed["version"] > before and entry in listed["entries"]
    changed = client.put(f"/v1/lexicon/{entry['id']}", json={"say": "كُومِرْسَانْت"})
    assert changed.status_code == 200 and changed.json()["say"] == "كُومِرْسَانْت" and changed.json()["note"] == "صحيفة روسية"
    cleared = client.put(f"/v1/lexicon/{entry['id']}", json={"note": None}).json()
    assert cleared["note"] is None and cleared["say"] == "كُومِرْسَانْت"
    assert client.delete(f"/v1/lexicon/{entry['id']}").status_code == 204
    after = client.get("/v1/lexicon").json()
    assert after["version"] > listed["version"] and all(e["id"] != entry["id"] for e in after["entries"])


def test_a_duplicate_term_is_409_whatever_its_case(client: httpx.Client) -> None:
    first = client.post("/v1/lexicon", json={"term": "DW", "say": "دويتشه فيله"}).json()
    detail = _problem(client.post("/v1/lexicon", json={"term": "dw", "say": "دي في"}), 409, "duplicate_term")
    assert f"entry {first['id']}" in detail
    other = client.post("/v1/lexicon", json={"term": "RT", "say": "آر تي"}).json()
    _problem(client.put(f"/v1/lexicon/{other['id']}", json={"term": "Dw"}), 409, "duplicate_term")


@pytest.mark.parametrize(
    ("body", "said"),
    [
        ({"term": "", "say": "سي إن إن"}, "the term is empty"),
        ({"term": "CNBC", "say": ""}, "is empty"),
        ({"term": "CNBC", "say": "C N B C"}, "the voices speak Arabic"),
        ({"term": "CNBC", "say": "سي إن بي سي 1"}, "the voices speak Arabic"),
        ({"term": "ن" * 101, "say": "نون"}, "at most 100"),
    ],
)
def test_a_bad_entry_is_422_bad_entry_with_one_sentence(client: httpx.Client, body: dict[str, str], said: str) -> None:
    assert said in _problem(client.post("/v1/lexicon", json=body), 422, "bad_entry")


def test_a_body_without_a_say_or_with_an_unknown_field_is_refused(client: httpx.Client) -> None:
    _problem(client.post("/v1/lexicon", json={"term": "CNBC"}), 422, "invalid_request")
    _problem(client.post("/v1/lexicon", json={"term": "CNBC", "say": "سي إن بي سي", "sound": "x"}), 422, "invalid_request")


def test_an_unknown_entry_is_404(client: httpx.Client) -> None:
    assert "no entry 99999" in _problem(client.put("/v1/lexicon/99999", json={"say": "نون"}), 404, "not_found")
    _problem(client.delete("/v1/lexicon/99999"), 404, "not_found")


def test_an_id_beyond_what_the_database_holds_is_404_not_a_server_error(client: httpx.Client) -> None:
    huge = 2**64 + 1  # the fuzzer's id: SQLite cannot even compare it
    _problem(client.delete(f"/v1/lexicon/{huge}"), 404, "not_found")
    _problem(client.put(f"/v1/lexicon/{huge}", json={"say": "نون"}), 404, "not_found")
    _problem(client.delete("/v1/lexicon/-3"), 404, "not_found")


def test_audio_is_made_with_the_dictionary_and_apply_makes_it_again_after_a_change(client: httpx.Client, heard: Heard) -> None:
    entry = client.post("/v1/lexicon", json={"term": "زابوريجيا", "say": "زَابُورِيجْيَا"}).json()
    assert client.put("/v1/articles/zaporizhzhia", json={"text": STORY}).status_code == 202
    first = wait_for_state(client, "zaporizhzhia", {"done", "failed"})
    assert first["state"] == "done" and first["audio"]["lexicon"] == client.get("/v1/lexicon").json()["version"]
    bullets = [b["text"] for b in first["summary"]["bullets"]]
    assert any("زابوريجيا" in b for b in bullets), bullets
    assert "زَابُورِيجْيَا" in heard.said() and "زابوريجيا" not in heard.said()

    client.put(f"/v1/lexicon/{entry['id']}", json={"say": "زَابُورِيجِيَا"})
    assert client.post("/v1/lexicon/apply").json() == {"queued": 1}
    deadline = time.monotonic() + 60
    while "زَابُورِيجِيَا" not in heard.said() and time.monotonic() < deadline:
        time.sleep(0.2)
    assert "زَابُورِيجِيَا" in heard.said()
    again = wait_for_state(client, "zaporizhzhia", {"done", "failed"})
    while again["audio"]["lexicon"] != client.get("/v1/lexicon").json()["version"] and time.monotonic() < deadline:
        time.sleep(0.2)
        again = wait_for_state(client, "zaporizhzhia", {"done", "failed"})
    assert again["audio"]["lexicon"] == client.get("/v1/lexicon").json()["version"]
    assert [b["text"] for b in again["summary"]["bullets"]] == bullets  # the box is kept; only its audio is made again
    assert again["version"] == first["version"]
    assert client.post("/v1/lexicon/apply").json() == {"queued": 0}  # nothing changed since


def test_say_reads_a_text_with_the_dictionary_as_mp3(client: httpx.Client, heard: Heard) -> None:
    client.post("/v1/lexicon", json={"term": "CNN", "say": "سِي إِنْ إِنْ"})
    answer = client.post("/v1/lexicon/say", json={"text": "CNN"})
    assert answer.status_code == 200, answer.text
    assert answer.headers["content-type"] == "audio/mpeg" and len(answer.content) > 1000
    assert heard.texts[-1] == "سِي إِنْ إِنْ"


def test_say_refuses_empty_or_too_long_text(client: httpx.Client) -> None:
    _problem(client.post("/v1/lexicon/say", json={"text": "  "}), 422, "empty_input")
    _problem(client.post("/v1/lexicon/say", json={"text": "كلمة " * 200}), 422, "invalid_request")
