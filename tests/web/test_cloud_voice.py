"""A service whose voice is a paid cloud service: the characters sent are on the item and in /metrics."""

from __future__ import annotations

import json
import re
from pathlib import Path

from tests.speech.voices.conftest import FakeService, service  # noqa: F401  (the loopback speech service fixture)
from tests.speech.voices.test_elevenlabs import elevenlabs
from tests.web.articles import HARBOUR
from tests.web.conftest import make_server, wait_for_state


def test_characters_sent_to_the_voice_are_counted_per_item_and_in_metrics(service: FakeService, tmp_path: Path) -> None:  # noqa: F811
    service.answer = elevenlabs
    running = make_server(
        tmp_path / "data",
        voice="elevenlabs",
        elevenlabs_api_key="good-key",
        elevenlabs_voice_id="layla123",
        elevenlabs_endpoint=service.url,
    ).start()
    try:
        key = running.make_key("cms")
        with running.client(key) as api:
            assert api.put("/v1/articles/harbour-cloud", json={"text": HARBOUR}).status_code == 202
            item = wait_for_state(api, "harbour-cloud", {"done", "failed"})
            metrics = api.get("/metrics").text
    finally:
        running.stop()
    sent = sum(len(json.loads(r.body)["text"]) for r in service.requests)
    audio = item["audio"]
    assert isinstance(audio, dict) and audio["voice"] == "elevenlabs"
    assert audio["characters_sent"] == sent > 0
    assert any(segment["kind"] == "word" for segment in audio["segments"])
    assert re.search(rf'^khulasa_voice_characters_total\{{voice="elevenlabs"\}} {sent}$', metrics, re.M)
