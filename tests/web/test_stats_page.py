"""Listening figures in a real browser: the player reports what a reader does, and /stats shows it.

Debian's chromium (driven by Playwright) with a reader's User-Agent, since
the service drops events from headless browsers as bots. The player on a
page reports the box seen, the play, each quarter and the speed; a browser
that asks not to be tracked, or an element with data-analytics="off",
sends nothing. The /stats page is signed into and read with the keyboard
alone, and axe-core finds no serious accessibility problem in it.
"""

from __future__ import annotations

import itertools
import json
import time
from collections.abc import Iterator
from functools import partial
from http.server import ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import httpx
import pytest

from tests.loopback import serving
from tests.web.articles import LIBRARY
from tests.web.conftest import Server, wait_for_state
from tests.web.test_player import AXE, FOCUSED, QuietHandler, launched_chromium, open_page, wait_final

playwright_api = pytest.importorskip("playwright.sync_api", reason="Playwright is not installed: pip install -e '.[dev]'")

READER = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Safari/537.36"
ARTICLE = "stats-library-1"
EMBED = (
    '<!doctype html><html lang="ar"><title>خبر</title><script src="{service}/player.js"></script>'
    '<khulasa-player article="{article}" {extra}></khulasa-player>'
)


@pytest.fixture(scope="module")
def chromium() -> Iterator[Any]:
    with launched_chromium() as launched:
        yield launched


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Path]]:
    """A publisher's site on another loopback port (Chromium keeps public pages off loopback services)."""
    root = tmp_path_factory.mktemp("newsroom")
    with serving(ThreadingHTTPServer(("127.0.0.1", 0), partial(QuietHandler, directory=str(root)))) as running:
        yield f"http://127.0.0.1:{running.server_address[1]}", root


@pytest.fixture(scope="module")
def finished(server: Server, api_key: str) -> str:
    """An article of the shared server with its summary and audio made."""
    with server.client(api_key) as client:
        client.put(f"/v1/articles/{ARTICLE}", json={"text": LIBRARY, "title": "افتتاح مكتبة المدينة"}).raise_for_status()
        wait_for_state(client, ARTICLE, {"done"})
    return ARTICLE


def article_figures(server: Server, key: str, article: str) -> dict[str, Any]:
    with server.client(key) as client:
        rows = client.get("/v1/stats", params={"group": "article", "article": article}).json()["rows"]
    return rows[0] if rows else {}


def wait_figures(server: Server, key: str, article: str, done: Any, timeout: float = 15) -> dict[str, Any]:
    deadline = time.monotonic() + timeout
    row: dict[str, Any] = {}
    while time.monotonic() < deadline:
        row = article_figures(server, key, article)
        if row and done(row):
            return row
        time.sleep(0.2)
    raise AssertionError(f"the figures of {article} never got there: {row}")


def embed(
    chromium: Any, server: Server, site: tuple[str, Path], extra: str = "", init: str | None = None
) -> tuple[Any, Any, list[Any]]:
    """A reader's page with the player, and the event requests it makes."""
    page, _ = open_page(chromium, user_agent=READER)
    sent: list[Any] = []
    page.on("request", lambda request: "/v1/events" in request.url and sent.append(request))
    if init:
        page.add_init_script(init)
    origin, root = site
    name = f"story-{len(list(root.iterdir()))}.html"
    (root / name).write_text(EMBED.format(service=server.url, article=ARTICLE, extra=extra), encoding="utf-8")
    page.goto(f"{origin}/{name}")  # a publisher's page on its own origin
    player = page.locator("khulasa-player")
    assert wait_final(player) == "ready"
    return page, player, sent


def listen_to_the_end(page: Any, player: Any) -> None:
    """Press play, jump near the end at the fastest speed, and wait for it to end."""
    player.get_by_role("button", name="استمع إلى الملخص").click()
    handle = player.element_handle()
    page.wait_for_function("el => el.shadowRoot.querySelector('audio').currentTime > 0.3", arg=handle)
    player.locator("select").select_option("2")
    player.evaluate("el => { const a = el.shadowRoot.querySelector('audio'); a.currentTime = a.duration - 1.5; }")
    page.wait_for_function("el => el.shadowRoot.querySelector('audio').ended", arg=handle, timeout=20_000)


def test_the_player_reports_what_the_reader_did_and_nothing_about_them(
    chromium: Any, server: Server, api_key: str, finished: str, site: tuple[str, Path]
) -> None:
    before = article_figures(server, api_key, finished)
    page, player, sent = embed(chromium, server, site)
    try:
        listen_to_the_end(page, player)
        # across origins Chromium opens the file instead of saving it; the click is what counts here
        player.evaluate("el => el.shadowRoot.querySelector('a').addEventListener('click', e => e.preventDefault())")
        player.locator("a[download]").click()
        page.wait_for_timeout(300)
    finally:
        page.close()
    said = [json.loads(r.post_data) for r in sent]
    assert [e["event"] for e in said][:2] == ["impression", "play"]
    assert {e.get("percent") for e in said if e["event"] == "progress"} == {25, 50, 75, 100}
    assert {(e["event"], e.get("rate")) for e in said} >= {("speed", 2)}
    assert all(set(e) <= {"article", "event", "audio", "version", "position", "percent", "rate", "listened"} for e in said)
    assert all(e["article"] == finished and e["audio"] == "summary" and e["version"] == 1 for e in said)
    assert not any("cookie" in r.headers for r in sent)

    def counted(row: dict[str, Any]) -> bool:
        return row["q100"] > before.get("q100", 0) and row["downloads"] > before.get("downloads", 0)

    row = wait_figures(server, api_key, finished, counted)
    names = ("impressions", "plays", "q25", "q50", "q75", "q100", "speed_changes", "downloads")
    grew = {name: row[name] - before.get(name, 0) for name in names}
    assert grew == {"impressions": 1, "plays": 1, "q25": 1, "q50": 1, "q75": 1, "q100": 1, "speed_changes": 1, "downloads": 1}
    assert row["mean_listened_seconds"] > 0


@pytest.mark.parametrize(
    ("extra", "init"),
    [
        ('data-analytics="off"', None),
        ("", "Object.defineProperty(Navigator.prototype, 'globalPrivacyControl', {get: () => true})"),
        ("", "Object.defineProperty(Navigator.prototype, 'doNotTrack', {get: () => '1'})"),
    ],
    ids=["data-analytics-off", "global-privacy-control", "do-not-track"],
)
def test_a_reader_who_opts_out_sends_nothing(
    chromium: Any, server: Server, finished: str, site: tuple[str, Path], extra: str, init: str | None
) -> None:
    page, player, sent = embed(chromium, server, site, extra, init)
    try:
        player.get_by_role("button", name="استمع إلى الملخص").click()
        page.wait_for_function("el => el.shadowRoot.querySelector('audio').currentTime > 0.5", arg=player.element_handle())
        player.locator("select").select_option("1.5")
        page.wait_for_timeout(300)
    finally:
        page.close()
    assert sent == []


@pytest.fixture(scope="module")
def stats_page(chromium: Any, server: Server, api_key: str, finished: str) -> Iterator[Any]:
    """/stats after a keyboard-only sign-in, with at least one play of ``finished`` counted."""
    with server.client() as client:
        reader = {"User-Agent": READER + " stats-page"}
        for kind in ("impression", "play"):
            client.post("/v1/events", json={"article": finished, "event": kind, "audio": "summary"}, headers=reader)
    wait_figures(server, api_key, finished, lambda row: row["plays"] >= 1)
    page, errors = open_page(chromium)
    page.drawn_from = []  # the per-day /v1/stats answers the page drew its chart from (not the top articles' beside them)
    page.on(
        "response",
        lambda response: urlsplit(response.url).path == "/v1/stats"
        and "group=day" in urlsplit(response.url).query
        and response.ok
        and page.drawn_from.append(response),
    )
    page.goto(server.url + "/stats")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.id") == "key"
    page.keyboard.type("not-a-key")
    page.keyboard.press("Enter")
    alert = page.get_by_role("alert")
    page.wait_for_function("document.getElementById('signin-problem').textContent.length > 0")
    assert "المفتاح غير صحيح" in alert.inner_text()
    assert page.evaluate("document.activeElement.id") == "key"
    page.keyboard.press("Control+A")
    page.keyboard.type(api_key)
    page.keyboard.press("Enter")
    page.wait_for_selector("#figures:not([hidden])")
    yield page
    page.close()
    assert errors == []


def test_the_stats_page_shows_plays_per_day_the_funnel_and_the_top_articles(
    stats_page: Any, server: Server, api_key: str
) -> None:
    page = stats_page
    assert page.evaluate("document.documentElement.lang") == "ar" and page.evaluate("document.documentElement.dir") == "rtl"
    assert page.evaluate("document.activeElement.id") == "figures-heading"
    with server.client(api_key) as client:
        days = client.get("/v1/stats").json()
    bars = page.locator("#chart rect")
    assert bars.count() == len(days["rows"]) == 30
    shown = [int(bars.nth(i).get_attribute("data-plays") or -1) for i in range(30)]
    if shown != [row["plays"] for row in days["rows"]]:
        # A beacon from an earlier test's player may be counted after the page
        # drew: the page must then agree with the figures it was given.
        days = page.drawn_from[-1].json()
    assert shown == [row["plays"] for row in days["rows"]]
    first, last = bars.nth(0).bounding_box(), bars.nth(29).bounding_box()
    assert first and last and first["x"] > last["x"]  # right to left: the first day on the right
    label = page.locator("#chart svg").get_attribute("aria-label") or ""
    assert days["from"] in label and str(days["total"]["plays"]) in label
    steps = page.locator("#funnel li")
    funnel = [steps.nth(i).get_attribute("data-step") for i in range(steps.count())]
    assert funnel == ["impressions", "plays", "q25", "q50", "q75", "q100"]
    assert steps.nth(1).locator(".v").inner_text().startswith(str(days["total"]["plays"]))
    top = page.locator("#top tbody tr")
    assert top.count() >= 1 and "افتتاح مكتبة المدينة" in page.locator("#top tbody").inner_text()
    assert page.get_by_role("status").inner_text().startswith("الأرقام من " + days["from"])


def test_every_stats_control_works_from_the_keyboard(stats_page: Any) -> None:
    page = stats_page
    page.locator("#figures-heading").focus()
    reached = []
    for _ in range(14):
        page.keyboard.press("Tab")
        reached.append(page.evaluate("document.activeElement.id || document.activeElement.tagName.toLowerCase()"))
    in_order = [control for control, _ in itertools.groupby(reached)]  # a date field is three stops: day, month, year
    assert in_order[:6] == ["from", "to", "button", "csv", "signout", "summary"], reached
    page.locator("#csv").focus()
    with page.expect_download() as download:
        page.keyboard.press("Enter")
    sheet = Path(download.value.path()).read_text(encoding="utf-8")
    assert sheet.splitlines()[0].startswith("article,title,impressions,plays")
    page.locator("summary").focus()
    page.keyboard.press("Enter")
    assert page.locator("#days tbody tr").count() == 30
    assert page.evaluate(FOCUSED) == "summary"

    today = page.locator("#to").input_value()
    page.locator("#from").fill(today)
    page.locator("#from").press("Enter")  # submits the range form
    page.wait_for_function("document.querySelectorAll('#chart rect').length === 1")
    assert page.get_by_role("status").inner_text() == f"الأرقام من {today} إلى {today} (بالتوقيت العالمي)."
    page.locator("#from").fill("")
    page.locator("#range button[type=submit]").press("Enter")
    page.wait_for_function("document.querySelectorAll('#chart rect').length === 30")


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_axe_finds_no_serious_accessibility_violations_in_the_stats_page(stats_page: Any, scheme: str) -> None:
    if not AXE.exists():
        pytest.skip(f"axe-core is not at {AXE}: scripts/setup installs it with npm")
    page = stats_page
    page.emulate_media(color_scheme=scheme)
    if not page.evaluate("typeof axe !== 'undefined'"):
        page.add_script_tag(path=str(AXE))
    found = page.evaluate(
        "async () => (await axe.run(document, {resultTypes: ['violations']})).violations"
        ".map(v => ({id: v.id, impact: v.impact, nodes: v.nodes.map(n => n.target)}))"
    )
    serious = [v for v in found if v["impact"] in ("serious", "critical")]
    assert serious == [], json.dumps(serious, ensure_ascii=False)
    page.emulate_media(color_scheme="light")


def test_the_stats_page_is_served_without_a_key(server: Server) -> None:
    answer = httpx.get(server.url + "/stats", trust_env=False)
    assert answer.status_code == 200 and answer.headers["content-type"].startswith("text/html")
    assert 'src="stats.js"' in answer.text and "مفتاح الواجهة البرمجية" in answer.text
