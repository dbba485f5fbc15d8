"""A newsroom in review mode: finished boxes wait, editors publish, reject or rewrite them, readers see only what went live."""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from tests.loopback import serving
from tests.web.articles import HARBOUR, LIBRARY
from tests.web.conftest import Server, make_server, wait_for_state
from tests.web.test_webhooks import Receiver

EDITED = [
    "افتتحت بلدية صفاقس المكتبة العمومية الجديدة في حي الحبيب بعد أشغال استمرت عامين.",
    "تضم المكتبة أكثر من 75 ألف كتاب باللغتين العربية والفرنسية وقاعة مطالعة واسعة.",
]
"""An editor's box for LIBRARY; its second bullet gives a figure the article does not (75 thousand)."""


@pytest.fixture(scope="module")
def newsroom(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    """A service whose summaries wait for an editor (KHULASA_PUBLISH=review)."""
    running = make_server(tmp_path_factory.mktemp("review-data"), publish="review").start()
    try:
        yield running
    finally:
        running.stop()


@pytest.fixture(scope="module")
def desk(newsroom: Server) -> str:
    """The key of the CMS that sends the articles (and of its editors)."""
    return newsroom.make_key("coast-desk")


def waiting(newsroom: Server, key: str, external_id: str, text: str = LIBRARY) -> dict[str, Any]:
    """Send ``text`` and wait until its box waits for review."""
    with newsroom.client(key) as api:
        assert api.put(f"/v1/articles/{external_id}", json={"text": text}).status_code == 202
        return wait_for_state(api, external_id, {"review", "failed"})


def test_a_finished_box_waits_for_review_and_readers_without_a_key_see_nothing(newsroom: Server, desk: str) -> None:
    item = waiting(newsroom, desk, "review-1")
    assert (item["state"], item["publish"], item["published_version"], item["review"]) == ("review", "review", None, None)
    assert item["summary"]["bullets"] and item["audio"]["files"]
    assert item["history"] == [
        {"version": 1, "engine": "extractive", "author": None, "review": None, "created_at": item["versions"][0]["created_at"]}
    ]
    mp3 = next(f for f in item["audio"]["files"] if f["format"] == "mp3")
    with newsroom.client() as reader, newsroom.client(desk) as api:
        assert reader.get("/v1/articles/review-1").status_code == 401
        assert reader.get("/v1/player/review-1").json()["state"] == "review"
        assert reader.get("/v1/articles/review-1/summary.mp3").status_code == 404
        assert reader.get(mp3["url"]).status_code == 404  # the file of a box nobody published yet
        assert api.get(mp3["url"]).status_code == 200  # an editor plays it
        assert api.get("/v1/articles/review-1/summary.mp3").status_code == 200
        assert "review-1" not in reader.get("/v1/feed.json").text
        waiting_ids = [i["external_id"] for i in api.get("/v1/articles", params={"state": "review"}).json()["items"]]
        assert "review-1" in waiting_ids


def test_publishing_puts_the_box_before_readers(newsroom: Server, desk: str) -> None:
    waiting(newsroom, desk, "review-2")
    with newsroom.client(desk) as api, newsroom.client() as reader:
        published = api.post("/v1/articles/review-2/publish")
        assert published.status_code == 200, published.text
        item = published.json()
        assert (item["state"], item["published_version"], item["review"]["by"]) == ("done", 1, "coast-desk")
        assert item["review"]["at"].endswith("Z") and item["history"][0]["review"] == item["review"]
        assert reader.get("/v1/articles/review-2").json()["summary"] == item["summary"]
        assert reader.get("/v1/articles/review-2/summary.mp3").status_code == 200
        assert "review-2" in reader.get("/v1/feed.json").text
        again = api.post("/v1/articles/review-2/publish")
        assert (again.status_code, again.json()["code"]) == (409, "not_in_review")


def test_a_rejected_box_goes_back_with_its_note(newsroom: Server, desk: str) -> None:
    waiting(newsroom, desk, "review-3")
    with newsroom.client(desk) as api, newsroom.client() as reader:
        rejected = api.post("/v1/articles/review-3/reject", json={"note": "الرقم في النقطة الثانية غير دقيق."})
        assert rejected.status_code == 200, rejected.text
        item = rejected.json()
        assert item["state"] == "rejected" and item["review"]["note"] == "الرقم في النقطة الثانية غير دقيق."
        assert item["history"][0]["review"]["by"] == "coast-desk"
        assert reader.get("/v1/articles/review-3").status_code == 401
        late = api.post("/v1/articles/review-3/publish")
        assert (late.status_code, late.json()["code"]) == (409, "not_in_review")
        blank = api.post("/v1/articles/review-3/reject", json={"note": "   "})
        assert blank.status_code == 422 and "note" in blank.json()["detail"]


def test_another_key_may_not_review_or_edit(newsroom: Server, desk: str) -> None:
    waiting(newsroom, desk, "review-4")
    stranger = newsroom.make_key("desert-desk")
    with newsroom.client(stranger) as other:
        for answer in (
            other.post("/v1/articles/review-4/publish"),
            other.post("/v1/articles/review-4/reject", json={"note": "لا"}),
            other.put("/v1/articles/review-4/summary", json={"bullets": EDITED}),
        ):
            assert (answer.status_code, answer.json()["code"]) == (403, "not_yours")
    with newsroom.client() as reader:
        assert reader.post("/v1/articles/review-4/publish").status_code == 401


def test_an_editors_bullets_are_read_aloud_as_written_with_the_guards_advice(newsroom: Server, desk: str) -> None:
    waiting(newsroom, desk, "review-5")
    with newsroom.client(desk) as api, newsroom.client() as reader:
        assert api.post("/v1/articles/review-5/publish").status_code == 200
        machine = reader.get("/v1/articles/review-5").json()["summary"]
        edited = api.put("/v1/articles/review-5/summary", json={"bullets": EDITED})
        assert edited.status_code == 202, edited.text
        advice = edited.json()["advice"]
        assert {"bullet": 1, "check": "numbers"} in [{"bullet": a["bullet"], "check": a["check"]} for a in advice]
        assert any("75" in a["message"] for a in advice)
        item = wait_for_state(api, "review-5", {"review", "failed"})
        assert item["summary"]["engine"] == "editor" and [b["text"] for b in item["summary"]["bullets"]] == EDITED
        spoken = [s["text"] for s in item["audio"]["segments"] if s["kind"] == "bullet"]
        assert spoken == EDITED  # the job read the edit aloud; it did not summarize again
        assert [(h["version"], h["engine"], h["author"]) for h in item["history"]] == [
            (1, "extractive", None),
            (2, "editor", "coast-desk"),
        ]
        assert reader.get("/v1/articles/review-5").json()["summary"] == machine  # still the published box
        assert api.post("/v1/articles/review-5/publish").json()["published_version"] == 2
        assert [b["text"] for b in reader.get("/v1/articles/review-5").json()["summary"]["bullets"]] == EDITED


def test_an_edit_keeps_the_whole_articles_audio_already_made(newsroom: Server, desk: str) -> None:
    with newsroom.client(desk) as api:
        assert api.put("/v1/articles/review-10", json={"text": LIBRARY, "narrate": "both"}).status_code == 202
        before = wait_for_state(api, "review-10", {"review", "failed"})["article_audio"]
        assert before is not None
        assert api.put("/v1/articles/review-10/summary", json={"bullets": EDITED}).status_code == 202
        item = wait_for_state(api, "review-10", {"review", "failed"})
        assert item["summary_version"] == 2 and [b["text"] for b in item["summary"]["bullets"]] == EDITED
        assert item["article_audio"] == before  # the same files: the article was not read aloud again


@pytest.mark.parametrize(
    ("bullets", "says"),
    [
        ([], "1 to 5 bullets"),
        (EDITED * 3, "1 to 5 bullets"),
        ([EDITED[0], "   "], "bullet 2 is empty"),
        (["The library opened its doors this morning."], "bullet 1 is not Arabic"),
        (["مكتبة " * 61], "61 words"),
        (["مكتبةالمدينة" * 60], "720 characters"),
        (["افتتحت المكتبة\u0007 أبوابها."], "control character"),
    ],
)
def test_a_box_no_reader_could_be_shown_is_refused_in_one_sentence(
    newsroom: Server, desk: str, bullets: list[str], says: str
) -> None:
    with newsroom.client(desk) as api:
        api.put("/v1/articles/review-6", json={"text": HARBOUR})
        answer = api.put("/v1/articles/review-6/summary", json={"bullets": bullets})
        assert answer.status_code == 422, answer.text
        assert says in answer.json()["detail"]


def test_bullets_utf8_cannot_carry_are_refused_and_a_missing_article_is_404(newsroom: Server, desk: str) -> None:
    with newsroom.client(desk) as api:
        raw = b'{"bullets": ["\\ud800 \xd8\xae\xd8\xa8\xd8\xb1"]}'
        answer = api.put("/v1/articles/review-7/summary", content=raw, headers={"Content-Type": "application/json"})
        assert (answer.status_code, answer.json()["code"]) == (422, "unencodable_text")
        missing = api.put("/v1/articles/nowhere-1/summary", json={"bullets": EDITED})
        assert (missing.status_code, missing.json()["code"]) == (404, "not_found")
        assert api.post("/v1/articles/nowhere-1/publish").status_code == 404


def test_an_article_may_choose_to_publish_at_once(newsroom: Server, desk: str) -> None:
    with newsroom.client(desk) as api, newsroom.client() as reader:
        assert api.put("/v1/articles/review-8", json={"text": HARBOUR, "publish": "auto"}).status_code == 202
        item = wait_for_state(api, "review-8", {"done", "failed", "review"})
        assert (item["state"], item["publish"], item["published_version"]) == ("done", "auto", 1)
        assert reader.get("/v1/articles/review-8").status_code == 200
        wrong = api.put("/v1/articles/review-9", json={"text": HARBOUR, "publish": "later"})
        assert wrong.status_code == 422


def test_the_newsrooms_webhook_hears_when_a_box_waits_and_when_it_goes_live(newsroom: Server) -> None:
    key = newsroom.make_key("hooked-desk")
    with serving(Receiver()) as receiver, newsroom.client(key) as api:
        assert api.put("/v1/webhook", json={"url": receiver.url}).status_code == 200
        waiting(newsroom, key, "review-hook")
        assert api.post("/v1/articles/review-hook/publish").status_code == 200
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            log = api.get("/v1/webhook/deliveries").json()["deliveries"]
            if all(d["state"] == "delivered" for d in log) and len(log) == 3:
                break
            time.sleep(0.1)
        events = [(d["event"], d["body"]["version"]) for d in sorted(log, key=lambda d: d["id"])]
        assert events == [("summary.ready_for_review", 1), ("summary.published", 1), ("article.done", 1)]
        published = next(d["body"] for d in log if d["event"] == "summary.published")
        assert published["summary"]["reviewed_by"] == "hooked-desk" and published["summary"]["bullets"]


def test_an_edit_racing_the_machines_job_wins(tmp_path: Path) -> None:
    """The machine is still on version 1 when the editor's bullets arrive: the edit is what waits for review."""
    slow = make_server(tmp_path, publish="review", test_job_delay="1.5").start()  # each job waits before its work
    try:
        key = slow.make_key("coast-desk")
        with slow.client(key) as api, slow.client() as reader:
            assert api.put("/v1/articles/race-1", json={"text": LIBRARY}).status_code == 202
            _until(api, "race-1", "running")
            assert api.put("/v1/articles/race-1/summary", json={"bullets": EDITED}).status_code == 202
            deadline = time.monotonic() + 90
            while api.get("/v1/articles/race-1").json()["state"] not in ("review", "failed"):
                assert reader.get("/v1/articles/race-1").status_code == 401  # nothing is published half-made
                assert time.monotonic() < deadline
                time.sleep(0.1)
            item = api.get("/v1/articles/race-1").json()
            assert (item["state"], item["summary_version"], item["published_version"]) == ("review", 2, None)
            assert [b["text"] for b in item["summary"]["bullets"]] == EDITED
    finally:
        slow.stop()


def _until(api: httpx.Client, external_id: str, state: str) -> None:
    deadline = time.monotonic() + 30
    while api.get(f"/v1/articles/{external_id}").json()["state"] != state:
        assert time.monotonic() < deadline, f"{external_id} never became {state}"
        time.sleep(0.05)
