"""The player «استمع إلى الملخص» and the demo page, in a real browser.

Debian's chromium, driven by Playwright (never a downloaded browser), talks
to a real `khulasa serve` on a loopback port: the demo page makes the box,
the audio plays, the reading is followed, every control works from the
keyboard, axe-core finds no serious accessibility problem, and the bad
cases (unknown id, failed item, no audio, service unreachable, the script
twice, hostile page CSS) each show a clear state without breaking the page.
"""

from __future__ import annotations

import gzip
import itertools
import json
import shutil
import time
from collections.abc import Iterator
from contextlib import contextmanager
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import httpx
import pytest

from khulasa import config
from khulasa.web.app import create_app
from tests.conftest import EXAMPLES, FIXTURES
from tests.loopback import serving
from tests.web.conftest import Server, free_port, make_server
from tests.web.test_app import serve_in_process

STATIC = Path(__file__).resolve().parents[2] / "src" / "khulasa" / "web" / "static"
AXE = Path(__file__).resolve().parents[2] / ".cache" / "npm" / "node_modules" / "axe-core" / "axe.min.js"
UPLOAD = FIXTURES / "player" / "bus_line_1256.html"
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--headless",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--autoplay-policy=no-user-gesture-required",
]
FINAL = {"ready", "no-audio", "failed", "not-found", "unreachable", "private", "error"}

# Inside the player's shadow root: what has focus, and the audio's clock.
FOCUSED = """() => {
  let a = document.activeElement;
  while (a && a.shadowRoot && a.shadowRoot.activeElement) a = a.shadowRoot.activeElement;
  return a ? (a.className || a.tagName.toLowerCase()) : null;
}"""
AUDIO = """el => { const a = el.shadowRoot.querySelector('audio');
  return {time: a.currentTime, paused: a.paused, rate: a.playbackRate}; }"""
CURRENT = "el => [...el.shadowRoot.querySelectorAll('.b')].findIndex(b => b.getAttribute('aria-current') === 'true')"
STATES = """() => { window.seenStates = [];
  const note = m => m.target.localName === 'khulasa-player' && seenStates.push(m.target.getAttribute('state'));
  new MutationObserver(ms => ms.forEach(note))
    .observe(document.body, {subtree: true, attributes: true, attributeFilter: ['state']}); }"""


def test_the_player_fits_in_15_kilobytes_gzipped() -> None:
    """JS and CSS ship together in player.js: the whole cost for a reader's page."""
    size = len(gzip.compress((STATIC / "player.js").read_bytes(), 9))
    assert size <= 15_000, f"player.js is {size} bytes gzipped"


def test_demo_uploads_are_off_when_the_setting_is(tmp_path: Path) -> None:
    settings = config.load(environ={"KHULASA_DEMO": "false"}, data_dir=str(tmp_path))

    async def talk(client: httpx.AsyncClient) -> None:
        refused = await client.post("/v1/demo/articles", content=(EXAMPLES / "desalination.txt").read_bytes())
        assert refused.status_code == 401
        assert "KHULASA_DEMO" in refused.json()["detail"]
        page = await client.get("/")
        assert page.status_code == 200 and 'src="player.js"' in page.text  # the page still shows how to embed

    serve_in_process(create_app(settings, run_jobs=False), talk)


def test_demo_and_state_routes_answer_bad_input_clearly(server: Server) -> None:
    with server.client() as client:
        empty = client.post("/v1/demo/articles", content=b"  ")
        assert (empty.status_code, empty.json()["code"]) == (422, "empty_input")
        english = client.post("/v1/demo/articles", content=b"The council opened a new bus line today in the city.")
        assert (english.status_code, english.json()["code"]) == (422, "not_arabic")
        noise = client.post("/v1/demo/articles", content=bytes(range(0x80, 0x100)) * 12)
        assert (noise.status_code, noise.json()["code"]) == (422, "binary_input") and "not text" in noise.json()["detail"]
        example = (EXAMPLES / "desalination.txt").read_text(encoding="utf-8")
        legacy = client.post("/v1/demo/articles", content=example.encode("cp1256"))
        assert legacy.status_code == 202 and "Windows-1256" in legacy.json()["warning"]
        assert client.get("/v1/player/no-such-article").status_code == 404
        assert client.get("/v1/player/" + "x" * 300).json()["code"] == "bad_input"
        script = client.get("/player.js")
        assert script.headers["content-type"].startswith("text/javascript") and "khulasa-player" in script.text
        assert client.get("/player.js", headers={"If-None-Match": script.headers["etag"]}).status_code == 304
        assert client.get("/player.js", headers={"If-None-Match": "*"}).status_code == 304
        example = client.get("/v1/demo/example")
        assert example.text == (EXAMPLES / "desalination.txt").read_text(encoding="utf-8")


# ---------------------------------------------------------------- the browser

playwright_api = pytest.importorskip("playwright.sync_api", reason="Playwright is not installed: pip install -e '.[dev]'")


@contextmanager
def launched_chromium() -> Iterator[Any]:
    """Debian's chromium driven by Playwright, closed after; the test is skipped, saying how to get it, without one."""
    if not Path(CHROMIUM).exists():
        pytest.skip(f"browser tests need Debian's chromium at {CHROMIUM}: apt-get install chromium (scripts/test does)")
    with playwright_api.sync_playwright() as driver:
        launched = driver.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            yield launched
        finally:
            launched.close()


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    with launched_chromium() as launched:
        yield launched


def open_page(browser: Any, **options: Any) -> tuple[Any, list[str]]:
    """A fresh page and the list its script errors go to (a broken host page would show up there)."""
    page = browser.new_page(locale="ar", **options)
    page.set_default_timeout(20_000)
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    return page, errors


def wait_final(player: Any, timeout: float = 120) -> str:
    deadline = time.monotonic() + timeout
    state = ""
    while time.monotonic() < deadline:
        state = player.get_attribute("state") or ""
        if state in FINAL:
            return state
        time.sleep(0.2)
    raise AssertionError(f"the player stayed {state!r} for {timeout}s")


@pytest.fixture(scope="module")
def demo_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    """A server of its own for the demo page, whose jobs wait 4 s before their work.

    The player backs off while it polls a box being made; the spoken-piece
    cache makes a box the shared server has read before in milliseconds, so
    without the wait there would be nothing to back off from.
    """
    running = make_server(tmp_path_factory.mktemp("khulasa-demo"), test_job_delay="4").start()
    try:
        yield running
    finally:
        running.stop()


@pytest.fixture(scope="module")
def demo(browser: Any, demo_server: Server) -> Iterator[tuple[Any, str, list[str], list[str], list[float]]]:
    """The demo page after submitting the example article and waiting for its audio."""
    server = demo_server
    page, errors = open_page(browser)
    polls: list[float] = []
    page.on("request", lambda request: "/v1/player/" in request.url and polls.append(time.monotonic()))
    page.goto(server.url + "/")
    page.evaluate(STATES)
    page.get_by_role("button", name="جرّب مقالة نموذجية").click()
    page.wait_for_function("document.getElementById('text').value.length > 500")
    page.get_by_role("button", name="أنشئ الملخص").click()
    player = page.locator("khulasa-player")
    assert wait_final(player) == "ready", player.get_attribute("state")
    states = page.evaluate("seenStates")
    yield page, player.get_attribute("article") or "", states, errors, polls
    page.close()


def segments(server: Server, external_id: str) -> list[dict[str, Any]]:
    with server.client() as client:
        item = client.get(f"/v1/articles/{external_id}").json()
    return [s for s in item["audio"]["segments"] if s["kind"] == "bullet"]


def reset(player: Any) -> None:
    player.evaluate("el => { const a = el.shadowRoot.querySelector('audio'); a.pause(); a.playbackRate = 1; a.currentTime = 0; }")


def test_demo_page_makes_the_box_and_it_plays_following_the_reading(demo: Any, demo_server: Server) -> None:
    server = demo_server
    page, external_id, states, errors, polls = demo
    assert external_id.startswith("demo-")
    assert states[0] == "loading" and "generating" in states and states[-1] == "ready"
    gaps = [later - earlier for earlier, later in itertools.pairwise(polls)]
    assert len(gaps) >= 2 and gaps[-1] > gaps[0] * 1.3, f"polls back off: {gaps}"
    player = page.locator("khulasa-player")
    assert player.locator("h2").inner_text() == "الملخص"
    assert player.locator("section").get_attribute("dir") == "rtl"
    bullets = player.locator(".b")
    assert bullets.count() >= 2
    play = page.get_by_role("button", name="استمع إلى الملخص")
    play.click()
    page.wait_for_function("el => el.shadowRoot.querySelector('audio').currentTime > 0.5", arg=player.element_handle())
    assert player.evaluate(CURRENT) == 0
    page.wait_for_function("el => el.shadowRoot.querySelector('.w.on')", arg=player.element_handle())
    word = player.locator(".w.on").inner_text()
    assert word and word in player.locator(".b").nth(0).inner_text()
    assert player.get_by_role("button", name="أوقف القراءة مؤقتًا").is_visible()

    second = segments(server, external_id)[1]
    bullets.nth(1).click()
    page.wait_for_function(f"el => ({CURRENT})(el) === 1", arg=player.element_handle())
    heard = player.evaluate(AUDIO)
    assert second["start"] <= heard["time"] < second["end"] and not heard["paused"]
    fill = player.locator(".fill").bounding_box()
    track = player.locator(".track").bounding_box()
    assert fill and track and abs((fill["x"] + fill["width"]) - (track["x"] + track["width"])) < 1.5  # fills from the right
    assert player.locator("a[download]").get_attribute("href", timeout=1000)
    reset(player)
    assert errors == []


def test_every_control_is_reachable_by_tab_and_works_from_the_keyboard(demo: Any) -> None:
    page, _, _, errors, _ = demo
    player = page.locator("khulasa-player")
    reset(player)
    page.locator("#example").focus()
    reached = []
    for _ in range(12):
        page.keyboard.press("Tab")
        reached.append(page.evaluate(FOCUSED))
    assert {"b", "play", "seek", "select", "a"} <= set(reached), reached

    player.locator(".play").focus()
    page.keyboard.press("Enter")
    page.wait_for_function("el => !el.shadowRoot.querySelector('audio').paused", arg=player.element_handle())
    page.keyboard.press("Space")
    page.wait_for_function("el => el.shadowRoot.querySelector('audio').paused", arg=player.element_handle())

    player.locator(".seek").focus()
    page.keyboard.press("ArrowLeft")  # right to left: Left moves the way the bar fills, later
    assert player.evaluate(AUDIO)["time"] == pytest.approx(5, abs=0.3)
    page.keyboard.press("ArrowLeft")
    page.keyboard.press("ArrowRight")
    assert player.evaluate(AUDIO)["time"] == pytest.approx(5, abs=0.3)
    page.keyboard.press("End")
    assert player.evaluate(AUDIO)["time"] > 20
    assert int(player.locator(".seek").get_attribute("aria-valuenow") or 0) > 20
    page.keyboard.press("Home")
    assert player.evaluate(AUDIO)["time"] == pytest.approx(0, abs=0.3)

    player.locator("select").focus()
    page.keyboard.press("ArrowDown")
    assert player.evaluate(AUDIO)["rate"] == 1.25

    player.locator(".b").nth(1).focus()
    page.keyboard.press("Enter")
    page.wait_for_function(f"el => ({CURRENT})(el) === 1", arg=player.element_handle())
    outline = player.locator(".b").nth(1).evaluate("b => getComputedStyle(b).outlineStyle")
    assert outline == "solid", "keyboard focus is visible"
    reset(player)
    assert errors == []


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_axe_finds_no_serious_accessibility_violations(demo: Any, scheme: str) -> None:
    if not AXE.exists():
        pytest.skip(f"axe-core is not at {AXE}: scripts/setup installs it with npm")
    page = demo[0]
    page.mouse.move(0, 0)
    page.emulate_media(color_scheme=scheme)
    page.wait_for_timeout(400)  # let the 0.2 s highlight transitions settle into the new scheme's colours
    if not page.evaluate("typeof axe !== 'undefined'"):
        page.add_script_tag(path=str(AXE))
    found = page.evaluate(
        "async () => (await axe.run(document, {resultTypes: ['violations']})).violations"
        ".map(v => ({id: v.id, impact: v.impact, nodes: v.nodes.map(n => n.target)}))"
    )
    serious = [v for v in found if v["impact"] in ("serious", "critical")]
    assert serious == [], json.dumps(serious, ensure_ascii=False)
    page.emulate_media(color_scheme="light")


def test_reduced_motion_turns_the_highlight_transitions_off(demo: Any) -> None:
    player = demo[0].locator("khulasa-player")
    bullet = player.locator(".b").first
    assert bullet.evaluate("b => getComputedStyle(b).transitionDuration") != "0s"
    demo[0].emulate_media(reduced_motion="reduce")
    try:
        assert bullet.evaluate("b => getComputedStyle(b).transitionDuration") == "0s"
    finally:
        demo[0].emulate_media(reduced_motion="no-preference")


@pytest.fixture(scope="module")
def newsroom(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Path]]:
    """A publisher's site on another loopback port: the player embedded in its pages."""
    root = tmp_path_factory.mktemp("newsroom")
    with serving(ThreadingHTTPServer(("127.0.0.1", 0), partial(QuietHandler, directory=str(root)))) as site:
        yield f"http://127.0.0.1:{site.server_address[1]}", root


class QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        pass


HOSTILE = """<!doctype html><html lang="en"><head><meta charset="utf-8"><title>A newsroom page</title>
<style>
* { color: #f00 !important; font-size: 6px !important; letter-spacing: 9px !important; }
button, section, ul, li, h2 { display: none !important; }
khulasa-player { direction: ltr !important; font-family: monospace !important; line-height: 0 !important; }
</style>
<script src="{service}/player.js"></script>
<script src="{service}/player.js" defer></script>
</head><body>
<p id="own">The publisher's own article text.</p>
<khulasa-player id="good" article="{article}"></khulasa-player>
<khulasa-player id="unknown" article="no-such-article"></khulasa-player>
<khulasa-player id="away" article="{article}" base="http://127.0.0.1:{closed}/"></khulasa-player>
<khulasa-player id="bare"></khulasa-player>
<script>window.pageScriptRan = true;</script>
</body></html>"""


def test_a_hostile_page_with_the_script_twice_keeps_working_and_every_bad_case_is_clear(
    browser: Any, demo_server: Server, demo: Any, newsroom: tuple[str, Path]
) -> None:
    server = demo_server
    site, root = newsroom
    html = HOSTILE.replace("{service}", server.url).replace("{article}", demo[1]).replace("{closed}", str(free_port()))
    (root / "hostile.html").write_text(html, encoding="utf-8")
    page, errors = open_page(browser)
    try:
        page.goto(site + "/hostile.html")
        assert wait_final(page.locator("#good")) == "ready"
        assert wait_final(page.locator("#unknown")) == "not-found"
        assert "لا يوجد ملخص" in page.locator("#unknown .status").inner_text()
        assert wait_final(page.locator("#bare")) == "error"
        assert wait_final(page.locator("#away")) == "unreachable"
        assert "تعذّر الوصول" in page.locator("#away .status").inner_text()
        assert page.evaluate("window.pageScriptRan") is True
        assert page.locator("#own").is_visible()
        assert page.locator("#own").evaluate("p => getComputedStyle(p).color") == "rgb(255, 0, 0)"  # the page's CSS is hostile
        play = page.locator("#good").get_by_role("button", name="استمع إلى الملخص")
        box = play.bounding_box()
        assert play.is_visible() and box and box["height"] >= 44 and box["width"] >= 44
        style = play.evaluate("b => [getComputedStyle(b).color, getComputedStyle(b).fontSize, getComputedStyle(b).letterSpacing]")
        assert style[0] != "rgb(255, 0, 0)" and style[1] == "17px" and style[2] == "normal"
        assert page.locator("#good section").get_attribute("dir") == "rtl"
        play.click()
        page.wait_for_function(
            "el => el.shadowRoot.querySelector('audio').currentTime > 0.3", arg=page.locator("#good").element_handle()
        )
    finally:
        page.close()
    assert errors == []


def test_an_item_without_audio_shows_its_bullets_and_why(browser: Any, demo_server: Server, demo: Any) -> None:
    """The service's own answer, with the audio taken out as a build without a voice would send it."""
    server = demo_server
    page, errors = open_page(browser)
    reason = "audio is not available: this build of Khulasa has no narrate stage yet."

    def without_audio(route: Any) -> None:
        answer = route.fetch()
        item = answer.json()
        item.update(audio=None, audio_unavailable=reason)
        route.fulfill(response=answer, json=item)

    try:
        page.route(f"**/v1/articles/{demo[1]}", without_audio)
        page.set_content(f'<script src="{server.url}/player.js"></script><khulasa-player article="{demo[1]}"></khulasa-player>')
        player = page.locator("khulasa-player")
        assert wait_final(player) == "no-audio"
        assert player.locator(".b").count() >= 2
        assert player.locator("button.b").count() == 0  # nothing to play from: the bullets are text
        assert reason in player.locator(".status").inner_text()
        assert not player.locator(".play").is_visible()
    finally:
        page.close()
    assert errors == []


@pytest.fixture(scope="module")
def voiceless(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    """A server whose speech endpoint never answers, so its items fail once summarized."""
    running = make_server(
        tmp_path_factory.mktemp("voiceless"),
        voice="http",
        tts_base_url=f"http://127.0.0.1:{free_port()}/v1",
        job_attempts="1",
    ).start()
    try:
        yield running
    finally:
        running.stop()


def test_an_uploaded_html_page_that_fails_shows_the_reason(browser: Any, voiceless: Server) -> None:
    page, errors = open_page(browser)
    try:
        page.goto(voiceless.url + "/")
        page.evaluate(STATES)
        page.set_input_files("#file", str(UPLOAD))
        page.get_by_role("button", name="أنشئ الملخص").click()
        player = page.locator("khulasa-player")
        assert wait_final(player, timeout=60) == "failed"
        status = player.locator(".status").inner_text()
        assert status.startswith("تعذّر إعداد الملخص.") and "السبب:" in status and len(status) > 40
        assert "generating" in page.evaluate("seenStates")
        assert not player.locator(".play").is_visible()
        assert "khulasa-player" in page.locator("#snippet").inner_text()
    finally:
        page.close()
    assert errors == []


def test_the_demo_page_says_what_is_wrong_with_its_input(browser: Any, server: Server) -> None:
    page, errors = open_page(browser)
    try:
        page.goto(server.url + "/")
        page.get_by_role("button", name="أنشئ الملخص").click()
        assert "ألصق نص المقالة" in page.get_by_role("alert").inner_text()
        page.fill("#text", "The council opened a new bus line today.")
        page.get_by_role("button", name="أنشئ الملخص").click()
        page.wait_for_function("document.getElementById('problem').textContent.includes('not Arabic')")
        assert page.locator("khulasa-player").count() == 0
    finally:
        page.close()
    assert errors == []


TWO_MODES = """<!doctype html><html lang="ar" dir="rtl"><head><meta charset="utf-8"><title>مقالة السد</title>
<script src="{service}/player.js"></script></head><body><main>
<h1>سد الوالة</h1>
<khulasa-player id="box" article="{article}"></khulasa-player>
<khulasa-player id="whole" article="{article}" mode="article"></khulasa-player>
</main></body></html>"""


@pytest.fixture(scope="module")
def two_modes(browser: Any, server: Server, api_key: str, newsroom: tuple[str, Path]) -> Iterator[Any]:
    """A newsroom page with an article read both ways (PUT with narrate "both"): one box as it comes, one with mode="article"."""
    from tests.test_pipeline_article import DAM
    from tests.web.conftest import wait_for_state

    with server.client(api_key) as api:
        assert api.put("/v1/articles/dam-player-1", json={"text": DAM, "narrate": "both"}).status_code == 202
        assert wait_for_state(api, "dam-player-1", {"done", "failed"})["state"] == "done"
    site, root = newsroom
    (root / "dam.html").write_text(TWO_MODES.replace("{service}", server.url).replace("{article}", "dam-player-1"), "utf-8")
    page, errors = open_page(browser)
    events: list[dict[str, Any]] = []
    page.on("request", lambda r: r.url.endswith("/v1/events") and events.append(json.loads(r.post_data or "{}")))
    page.goto(site + "/dam.html")
    assert wait_final(page.locator("#box")) == "ready" and wait_final(page.locator("#whole")) == "ready"
    yield page, errors, events
    page.close()


PARAGRAPHS = "el => el.shadowRoot.querySelectorAll('.art .b').length"


def test_the_second_control_reads_the_whole_article_highlighting_each_paragraph(two_modes: Any, server: Server) -> None:
    page, errors, events = two_modes
    with server.client() as reader:
        item = reader.get("/v1/articles/dam-player-1").json()
    playable = {f["format"]: server.url + f["url"] for f in item["article_audio"]["files"]}
    box = page.locator("#box")
    assert box.locator("h2").inner_text() == "الملخص" and box.evaluate(PARAGRAPHS) == 0
    box.get_by_role("button", name="استمع إلى المقال").click()
    page.wait_for_function(f"el => ({PARAGRAPHS})(el) === 4", arg=box.element_handle())
    assert box.locator("h2").inner_text() == "المقال"
    assert box.locator("audio").get_attribute("src") in playable.values()
    page.wait_for_function("el => el.shadowRoot.querySelector('audio').currentTime > 0.3", arg=box.element_handle())
    assert box.evaluate(CURRENT) == 0 and box.locator(".b").nth(0).inner_text().startswith("بدأت وزارة المياه")
    box.locator(".b").nth(2).click()  # a paragraph plays from its start
    page.wait_for_function(f"el => ({CURRENT})(el) === 2", arg=box.element_handle())
    assert box.locator("a[download]").get_attribute("download") == "khulasa-article.mp3"
    box.get_by_role("button", name="استمع إلى الملخص").click()  # and back to the box
    page.wait_for_function(f"el => ({PARAGRAPHS})(el) === 0", arg=box.element_handle())
    assert box.locator("h2").inner_text() == "الملخص"
    reset(box)
    page.wait_for_timeout(300)
    assert any(e.get("audio") == "article" and e["event"] == "play" for e in events), events
    assert errors == []


def test_mode_article_starts_on_the_article_and_works_from_the_keyboard(two_modes: Any) -> None:
    page, errors, _events = two_modes
    whole = page.locator("#whole")
    page.wait_for_function(f"el => ({PARAGRAPHS})(el) === 4", arg=whole.element_handle())
    assert whole.locator("h2").inner_text() == "المقال"
    whole.locator(".play").focus()
    assert page.evaluate(FOCUSED) == "play"
    page.keyboard.press("Tab")
    assert page.evaluate(FOCUSED) == "mode"  # the second control comes right after the first
    page.keyboard.press("Shift+Tab")
    page.keyboard.press("Enter")
    page.wait_for_function("el => !el.shadowRoot.querySelector('audio').paused", arg=whole.element_handle())
    # the label follows the audio's "play" event: wait for it rather than read it in the same instant
    whole.get_by_role("button", name="أوقف القراءة مؤقتًا").wait_for(state="visible", timeout=5000)
    page.keyboard.press("Enter")
    page.wait_for_function("el => el.shadowRoot.querySelector('audio').paused", arg=whole.element_handle())
    whole.locator(".b").nth(3).focus()
    page.keyboard.press("Enter")
    page.wait_for_function(f"el => ({CURRENT})(el) === 3", arg=whole.element_handle())
    assert whole.locator(".b").nth(3).evaluate("b => getComputedStyle(b).outlineStyle") == "solid"
    reset(whole)
    assert errors == []


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_axe_finds_no_serious_violations_in_either_mode(two_modes: Any, scheme: str) -> None:
    if not AXE.exists():
        pytest.skip(f"axe-core is not at {AXE}: scripts/setup installs it with npm")
    page = two_modes[0]
    page.emulate_media(color_scheme=scheme)
    page.wait_for_timeout(400)
    if not page.evaluate("typeof axe !== 'undefined'"):
        page.add_script_tag(path=str(AXE))
    found = page.evaluate(
        "async () => (await axe.run(document, {resultTypes: ['violations']})).violations"
        ".map(v => ({id: v.id, impact: v.impact, nodes: v.nodes.map(n => n.target)}))"
    )
    serious = [v for v in found if v["impact"] in ("serious", "critical")]
    assert serious == [], json.dumps(serious, ensure_ascii=False)
    page.emulate_media(color_scheme="light")
