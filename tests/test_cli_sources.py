"""`khulasa sources`: add, list, poll and remove feeds in a data folder, as an operator would."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from khulasa.cli import main
from tests.jobs.feedsite import MARKET, FeedSite, rss


@pytest.fixture
def site(monkeypatch: pytest.MonkeyPatch) -> Iterator[FeedSite]:
    for name in ("KHULASA_DATA_DIR", "KHULASA_DATABASE_URL", "KHULASA_FETCH_ALLOW"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("KHULASA_FETCH_ALLOW", "127.0.0.1")  # the loopback "newsroom" may be fetched
    running = FeedSite()
    try:
        yield running
    finally:
        running.close()


def _feed(site: FeedSite, body: str = MARKET) -> str:
    site.put("/feed", rss(("g1", site.url("/news/market", host="127.0.0.1"), "افتتاح السوق", body)))
    return site.url("/feed", host="127.0.0.1")


def test_add_list_poll_remove(site: FeedSite, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    data = ["--data-dir", str(tmp_path)]
    url = _feed(site)
    assert main(["sources", "add", url, *data]) == 0
    assert capsys.readouterr().out.startswith(f"added source 1: rss feed {url} (أخبار الساحل)")
    assert main(["sources", "add", url, *data]) == 0
    assert capsys.readouterr().out.startswith("already added, nothing changed: source 1")

    assert main(["sources", "poll", *data]) == 0
    out = capsys.readouterr().out
    assert f"source 1 ({url}): 1 new, 0 changed, 0 unchanged, 0 failed" in out
    assert "poll finished: 1 new, 0 changed, 0 unchanged, 0 failed" in out
    assert main(["sources", "poll", *data]) == 0
    assert "not modified since the last poll" in capsys.readouterr().out

    assert main(["sources", "list", *data]) == 0
    listed = capsys.readouterr().out.strip().split("\t")
    assert listed[:3] == ["1", "rss", url] and listed[-1] == "ok"

    assert main(["sources", "remove", "1", *data]) == 0
    assert "removed source 1" in capsys.readouterr().err
    assert main(["sources", "list", *data]) == 0
    assert capsys.readouterr().out == ""


def test_a_failing_poll_says_why_and_exits_non_zero(
    site: FeedSite, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = ["--data-dir", str(tmp_path)]
    assert main(["sources", "add", _feed(site), *data]) == 0
    del site.routes["/feed"]
    assert main(["sources", "poll", *data]) == 2
    out = capsys.readouterr().out
    assert "failed: source 1 (" in out and "HTTP 404" in out
    assert main(["sources", "list", *data]) == 0
    assert "failing:" in capsys.readouterr().out


def test_bad_input(site: FeedSite, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    data = ["--data-dir", str(tmp_path)]
    page = site.put("/about", "<html><body><p>من نحن</p></body></html>", "text/html; charset=utf-8")
    assert main(["sources", "add", page.replace("news.test", "127.0.0.1"), *data]) == 2
    assert "is not an RSS or Atom feed" in capsys.readouterr().err
    assert main(["sources", "remove", "7", *data]) == 1
    assert capsys.readouterr().err.strip() == "khulasa: there is no source 7; `khulasa sources list` shows the ids."
    assert main(["sources", "add", "not a url", *data]) == 2
    assert "is not an http(s) URL" in capsys.readouterr().err
    assert main(["sources", "add", _feed(site), "--key", "nobody", *data]) == 1
    assert "there is no API key named 'nobody'" in capsys.readouterr().err


def test_list_says_when_a_source_is_paused_by_its_revoked_key(
    site: FeedSite, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = ["--data-dir", str(tmp_path)]
    assert main(["keys", "create", "coast-cms", *data]) == 0
    assert main(["sources", "add", _feed(site), "--key", "coast-cms", *data]) == 0
    assert main(["keys", "revoke", "coast-cms", *data]) == 0
    capsys.readouterr()
    assert main(["sources", "list", *data]) == 0
    state = capsys.readouterr().out.strip().split("\t")[-1]
    assert state.startswith("paused: its key 'coast-cms' was revoked 20") and state.endswith("; not polled yet")
    assert main(["sources", "poll", *data]) == 0
    assert capsys.readouterr().out.splitlines() == [
        f"source 1 ({site.url('/feed', host='127.0.0.1')}): not polled: its API key 'coast-cms' was revoked",
        "poll finished: 0 new, 0 changed, 0 unchanged, 0 failed",
    ]
    assert site.statuses("/feed") == [200]  # only the check when it was added
