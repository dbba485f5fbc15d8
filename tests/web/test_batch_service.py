"""`khulasa batch --service URL`: an archive sent to a running service, which does the work itself."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from tests.batch.test_batch import HOSPITAL, PORT, page
from tests.web.conftest import Server, wait_for_state


def batch(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "khulasa", "batch", *args], capture_output=True, text=True, timeout=120, check=False
    )


def test_a_folder_goes_to_the_service_once(server: Server, api_key: str, tmp_path: Path) -> None:
    folder = tmp_path / "archive"
    folder.mkdir()
    (folder / "svc-hospital.txt").write_text(HOSPITAL, encoding="utf-8")
    (folder / "svc-port.html").write_text(page("حركة الحاويات في ميناء العقبة", PORT), encoding="utf-8")
    (folder / "svc-english.txt").write_text("Prices rose sharply across the region this winter.", encoding="utf-8")

    first = batch(str(folder), "--service", server.url, "--key", api_key)
    assert "2 done" in first.stderr and "1 failed" in first.stderr, first.stderr
    assert "svc-english.txt" in first.stderr and "not Arabic" in first.stderr
    assert first.returncode == 2

    with server.client() as client:
        hospital = wait_for_state(client, "svc-hospital", {"done", "failed"})
        assert hospital["state"] == "done"
        port = wait_for_state(client, "svc-port", {"done", "failed"})
        assert port["title"] == "حركة الحاويات في ميناء العقبة"

    again = batch(str(folder), "--service", server.url, "--key", api_key)  # the service already has both
    assert "0 done, 2 skipped" in again.stderr, again.stderr


def test_a_wrong_key_or_no_service_is_one_clear_sentence(server: Server, tmp_path: Path) -> None:
    folder = tmp_path / "one"
    folder.mkdir()
    (folder / "a.txt").write_text(HOSPITAL, encoding="utf-8")
    refused = batch(str(folder), "--service", server.url, "--key", "khk_not_a_key")
    assert refused.returncode != 0 and "refused the API key" in refused.stderr
    assert "Traceback" not in refused.stderr
    closed = batch(str(folder), "--service", "http://127.0.0.1:9", "--key", "khk_x")
    assert closed.returncode != 0 and "cannot be reached" in closed.stderr
    assert "Traceback" not in closed.stderr
    neither = batch(str(folder))
    assert neither.returncode == 2 and "--service" in neither.stderr
