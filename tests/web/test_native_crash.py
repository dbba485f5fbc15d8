"""One article that crashes the voice costs its audio, never the server: the crash stays in a child process.

The trigger is real: a run of letters without spaces made libespeak-ng
segfault. The server cuts such runs (KHULASA_LONGEST_WORD); these tests turn
the cutting off to prove the second defence, the process boundary, holds.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

import httpx
import pytest

from tests.web.articles import HARBOUR, LIBRARY
from tests.web.conftest import Server, make_server, wait_for_state

POISON = LIBRARY.replace("المكتبة العمومية الجديدة", "المكتبة العمومية " + "الجديدة" * 40, 1)
"""The library story with a 280-letter run in its lede, where the box's first bullet comes from."""


@pytest.fixture(scope="module")
def crashable(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    running = make_server(tmp_path_factory.mktemp("crash-data"), longest_word="100000").start()
    try:
        yield running
    finally:
        running.stop()


def metric(client: httpx.Client, name: str) -> float:
    found = re.search(rf"^{name} (\S+)$", client.get("/metrics").text, re.M)
    assert found, name
    return float(found.group(1))


def test_a_poisoned_article_keeps_its_box_loses_its_audio_and_the_server_lives(crashable: Server) -> None:
    with crashable.client() as anyone:
        posted = anyone.post("/v1/demo/articles", content=POISON.encode())  # no key needed: anyone can send this
        assert posted.status_code == 202, posted.text
        poisoned = posted.json()["external_id"]
        key = crashable.make_key("cms")
        with crashable.client(key) as cms:
            item = wait_for_state(cms, poisoned, {"done", "failed"})
            assert item["state"] == "done"
            assert "الجديدة" * 3 in item["summary"]["bullets"][0]["text"]  # the run reached the box, and so the voice
            assert item["audio"] is None
            assert item["audio_unavailable"] == "no audio: the voice crashed on this text (signal SIGSEGV)."
            assert anyone.get("/healthz").status_code == 200
            assert crashable.process is not None and crashable.process.poll() is None

            # The next article is read aloud by a fresh child; the crashed job was not tried again.
            assert cms.put("/v1/articles/after-the-crash", json={"text": HARBOUR}).status_code == 202
            after = wait_for_state(cms, "after-the-crash", {"done", "failed"})
            assert after["state"] == "done" and after["audio"] is not None
            assert metric(anyone, "khulasa_jobs_quarantined") == 1
            assert metric(anyone, "khulasa_native_crashes_total") == 1
    log = crashable.log.read_text(encoding="utf-8", errors="replace")
    assert len(re.findall(r"quarantined, summary kept: no audio: the voice crashed", log)) == 1


def test_the_quarantine_survives_a_restart(crashable: Server) -> None:
    crashable.stop()
    crashable.start()
    with crashable.client() as anyone:
        assert metric(anyone, "khulasa_jobs_quarantined") == 1  # read from the job table, not memory
        assert metric(anyone, "khulasa_native_crashes_total") == 0  # this process's own children
