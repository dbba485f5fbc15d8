"""The operator's view: health, Prometheus metrics, the OpenAPI docs, and the try-it-out endpoint."""

from __future__ import annotations

import re
from pathlib import Path

from tests.web.articles import HARBOUR
from tests.web.conftest import Server, make_server


def test_healthz_and_docs(server: Server) -> None:
    with server.client() as api:
        assert api.get("/healthz").json()["status"] == "ok"
        assert api.get("/docs").status_code == 200
        paths = api.get("/openapi.json").json()["paths"]
        assert {"/v1/articles/{external_id}", "/v1/articles", "/v1/summarize", "/healthz", "/metrics"} <= set(paths)


def test_metrics_report_jobs_by_state_and_queue_depth(server: Server) -> None:
    with server.client() as api:
        text = api.get("/metrics").text
    for state in ("queued", "running", "done", "failed"):
        assert re.search(rf'^khulasa_jobs\{{state="{state}"\}} \d+$', text, re.M)
    assert re.search(r"^khulasa_queue_depth \d+$", text, re.M)
    assert "# TYPE khulasa_stage_seconds summary" in text


def test_summarize_answers_at_once_and_stores_nothing(server: Server, api_key: str) -> None:
    with server.client(api_key) as api:
        before = api.get("/v1/articles", params={"limit": 500}).json()["items"]
        answer = api.post("/v1/summarize", json={"text": HARBOUR, "bullets": 3})
        assert answer.status_code == 200, answer.text
        bullets = answer.json()["bullets"]
        assert len(bullets) == 3 and all(b["source_sentences"] for b in bullets)
        assert api.get("/v1/articles", params={"limit": 500}).json()["items"] == before
        assert api.post("/v1/summarize", json={"text": "not Arabic at all, sorry"}).json()["code"] == "not_arabic"


def test_metrics_can_require_a_key(tmp_path: Path) -> None:
    private = make_server(tmp_path, metrics_public="false").start()
    try:
        with private.client() as anonymous:
            refused = anonymous.get("/metrics")
            assert refused.status_code == 401 and refused.json()["code"] == "auth_required"
        with private.client(private.make_key("prometheus")) as scraper:
            assert "khulasa_queue_depth" in scraper.get("/metrics").text
    finally:
        private.stop()
