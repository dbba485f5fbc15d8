"""The editor's page at /review, in a real browser: sign in, review, edit, publish or reject, keep the dictionary.

Debian's chromium (driven by Playwright) talks to a real `khulasa serve` on
a loopback port whose articles wait for review (KHULASA_PUBLISH=review).
The page is used the way an editor uses it: a wrong key then the right one,
an item opened from the waiting list with its article beside the box, a
bullet edited and saved with the guard's advice shown, the audio heard, the
item published (from the keyboard alone) or sent back with a note, and a
dictionary entry added, heard and removed. axe-core finds no serious
accessibility problem in light or dark, and the screenshots in docs/ are
taken from the page as tested.
"""

from __future__ import annotations

import itertools
import json
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from tests.web.articles import HARBOUR, LIBRARY
from tests.web.conftest import Server, make_server, wait_for_state
from tests.web.test_player import AXE, launched_chromium, open_page

playwright_api = pytest.importorskip("playwright.sync_api", reason="Playwright is not installed: pip install -e '.[dev]'")

SHOTS = os.environ.get("SCREENSHOTS")
"""Where the page's screenshots go: `SCREENSHOTS=docs pytest tests/web/test_review_page.py` remakes docs/review-*.png."""
ARTICLES = {
    "desk-library": (LIBRARY, "افتتاح المكتبة العمومية في صفاقس"),
    "desk-harbour": (HARBOUR, "حركة الحاويات في الميناء"),
    "desk-reject": (LIBRARY, "مكتبة صفاقس: نسخة للإعادة"),
    "desk-keyboard": (HARBOUR, "الميناء: نسخة تُنشر من لوحة المفاتيح"),
    "desk-race": (LIBRARY, "مكتبة صفاقس: نشرها محرر آخر"),
}
AUDIO_REMADE = "() => document.getElementById('box-status').textContent === 'الصوت الجديد جاهز.'"
"""The page has said the audio of a saved edit is made (the job finished)."""


@pytest.fixture(scope="module")
def desk(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    """A server whose finished summaries wait for an editor, with four articles sent and made."""
    running = make_server(tmp_path_factory.mktemp("desk"), publish="review").start()
    try:
        key = running.make_key("newsroom-editor")
        with running.client(key) as client:
            for external_id, (text, title) in ARTICLES.items():
                client.put(f"/v1/articles/{external_id}", json={"text": text, "title": title}).raise_for_status()
            for external_id in ARTICLES:
                wait_for_state(client, external_id, {"review"}, timeout=180)
        running.env["EDITOR_KEY"] = key
        yield running
    finally:
        running.stop()


def editor_key(desk: Server) -> str:
    return desk.env["EDITOR_KEY"]


@pytest.fixture(scope="module")
def chromium() -> Iterator[Any]:
    with launched_chromium() as launched:
        yield launched


@pytest.fixture(scope="module")
def signed_in(chromium: Any, desk: Server) -> Iterator[Any]:
    """/review after a keyboard-only sign-in: a wrong key first (refused, said in an alert), then the editor's."""
    page, errors = open_page(chromium)
    page.goto(desk.url + "/review")
    page.keyboard.press("Tab")  # the skip link
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.id") == "key"
    page.keyboard.type("not-a-key")
    page.keyboard.press("Enter")
    page.wait_for_function("() => document.getElementById('signin-problem').textContent.length > 0")
    assert "المفتاح غير صحيح" in page.get_by_role("alert").first.inner_text()
    assert page.evaluate("document.activeElement.id") == "key"
    assert page.evaluate("sessionStorage.length") == 0
    page.keyboard.press("Control+A")
    page.keyboard.type(editor_key(desk))
    page.keyboard.press("Enter")
    page.wait_for_selector("#desk:not([hidden])")
    yield page
    page.close()
    assert errors == []


def open_item(page: Any, external_id: str, within: str = "#recent") -> None:
    page.locator(f'{within} button[data-id="{external_id}"]').click()
    title = json.dumps(ARTICLES[external_id][1])
    page.wait_for_function(f"() => document.getElementById('item-heading').textContent === {title}")


def waiting_ids(page: Any) -> list[str]:
    return page.eval_on_selector_all("#waiting button", "bs => bs.map(b => b.dataset.id)")


def test_the_page_is_arabic_and_served_with_a_strict_content_security_policy(desk: Server) -> None:
    answer = httpx.get(desk.url + "/review", trust_env=False)
    assert answer.status_code == 200 and answer.headers["content-type"].startswith("text/html")
    assert '<html lang="ar" dir="rtl">' in answer.text and "مفتاح الواجهة البرمجية" in answer.text
    policy = answer.headers["content-security-policy"]
    assert "default-src 'none'" in policy and "script-src 'self'" in policy and "frame-ancestors 'none'" in policy
    assert "unsafe-inline" not in policy and "http" not in policy
    for asset, kind in (("editor.js", "text/javascript"), ("editor.css", "text/css")):
        served = httpx.get(f"{desk.url}/{asset}", trust_env=False)
        assert served.status_code == 200 and served.headers["content-type"].startswith(kind)


def test_the_article_text_beside_the_box_needs_a_key(desk: Server) -> None:
    with desk.client() as client:
        assert client.get("/v1/articles/desk-library/text").status_code == 401
    with desk.client(editor_key(desk)) as client:
        text = client.get("/v1/articles/desk-library/text")
        assert text.status_code == 200 and text.headers["content-type"] == "text/plain; charset=utf-8"
        assert text.text.startswith("افتتحت بلدية مدينة صفاقس")
        missing = client.get("/v1/articles/no-such-article/text")
        assert missing.status_code == 404 and "no-such-article" in missing.json()["detail"]
        bad = client.get("/v1/articles/" + "x" * 300 + "/text")
        assert bad.status_code == 422 and bad.json()["code"] == "bad_input"


def test_signing_in_keeps_the_key_for_this_tab_only(signed_in: Any, chromium: Any, desk: Server) -> None:
    page = signed_in
    assert page.evaluate("document.documentElement.lang") == "ar" and page.evaluate("document.documentElement.dir") == "rtl"
    assert page.evaluate("document.activeElement.id") == "desk-heading"
    assert page.evaluate("sessionStorage.getItem('khulasa.review.key')") == editor_key(desk)
    assert page.evaluate("localStorage.length") == 0 and page.context.cookies() == []
    page.reload()  # the same tab: still signed in
    page.wait_for_selector("#desk:not([hidden])")
    other, _ = open_page(chromium)  # another tab (a new context) is not
    try:
        other.goto(desk.url + "/review")
        assert other.locator("#signin").is_visible() and other.locator("#desk").is_hidden()
    finally:
        other.close()


def test_an_item_opens_with_its_article_beside_the_box_and_its_audio(signed_in: Any, desk: Server) -> None:
    page = signed_in
    page.get_by_role("button", name="حدّث القوائم").click()
    open_item(page, "desk-library")
    assert page.evaluate("document.activeElement.id") == "item-heading"
    assert page.locator("#text").inner_text().startswith("افتتحت بلدية مدينة صفاقس")
    with desk.client(editor_key(desk)) as client:
        item = client.get("/v1/articles/desk-library").json()
    fields = page.locator("#bullets textarea")
    assert [fields.nth(i).input_value() for i in range(fields.count())] == [b["text"] for b in item["summary"]["bullets"]]
    for i in range(fields.count()):
        field = fields.nth(i)
        assert (field.get_attribute("dir"), field.get_attribute("lang")) == ("rtl", "ar")
        assert page.locator(f'label[for="{field.get_attribute("id")}"]').inner_text() == f"النقطة {i + 1}"
    text_box, bullets_box = page.locator("#text").bounding_box(), page.locator("#bullets").bounding_box()
    assert text_box and bullets_box and text_box["x"] > bullets_box["x"]  # side by side, the article first (on the right)
    page.wait_for_function("() => document.getElementById('audio').src.startsWith('blob:')")
    page.evaluate("document.getElementById('audio').play()")
    page.wait_for_function("() => document.getElementById('audio').currentTime > 0.3")
    page.evaluate("document.getElementById('audio').pause()")


def test_bullets_are_added_and_removed_between_one_and_five(signed_in: Any) -> None:
    page = signed_in
    open_item(page, "desk-harbour")
    add = page.get_by_role("button", name="أضف نقطة")
    while page.locator("#bullets textarea").count() < 5:
        add.click()
        last = page.locator("#bullets textarea").count()
        assert page.evaluate("document.activeElement.id") == f"bullet-{last}"
        assert page.locator("#box-status").inner_text() == f"أُضيفت النقطة {last}."
        page.keyboard.type("وارتفع عدد السفن التي رست في الميناء هذا العام.")
    assert add.is_disabled()
    page.locator("#bullet-4").fill("  ")
    page.get_by_role("button", name="احفظ الملخص").click()
    assert page.locator("#box-problem").inner_text() == "النقطة 4 فارغة: اكتبها أو احذفها."
    assert page.evaluate("document.activeElement.id") == "bullet-4"
    while page.locator("#bullets textarea").count() > 1:
        count = page.locator("#bullets textarea").count()
        page.get_by_role("button", name=f"احذف النقطة {count}").click()
        assert page.locator("#box-status").inner_text() == f"حُذفت النقطة {count}."
    assert page.get_by_role("button", name="احذف النقطة 1").is_disabled() and add.is_enabled()


def test_a_waiting_item_is_listed(signed_in: Any, desk: Server) -> None:
    page = signed_in
    page.get_by_role("button", name="حدّث القوائم").click()
    page.wait_for_function("() => document.querySelectorAll('#waiting button').length >= 3")
    assert {"desk-library", "desk-reject", "desk-keyboard"} <= set(waiting_ids(page))
    assert "بانتظار المراجعة" in page.locator('#waiting button[data-id="desk-library"]').inner_text()


def test_an_edited_bullet_is_saved_and_the_guards_advice_shown(signed_in: Any, desk: Server) -> None:
    page = signed_in
    page.get_by_role("button", name="حدّث القوائم").click()
    open_item(page, "desk-library", within="#waiting")
    # a number the article never gives: the guard advises, the editor may still publish
    page.get_by_label("النقطة 1").fill("افتتحت بلدية صفاقس مكتبة عمومية تضم 90 ألف كتاب بعد أشغال دامت عامين.")
    page.get_by_role("button", name="احفظ الملخص").click()
    advice = page.locator("#advice")
    advice.locator("li").first.wait_for()
    assert "تنبيهات الفحص" in advice.inner_text() and "النقطة 1" in advice.inner_text()
    assert page.locator("#advice").get_attribute("role") == "status"
    with desk.client(editor_key(desk)) as client:
        item = wait_for_state(client, "desk-library", {"review"}, timeout=120)
    summary = item["summary"]
    assert isinstance(summary, dict) and "90 ألف" in summary["bullets"][0]["text"]
    page.wait_for_function(AUDIO_REMADE, timeout=120_000)


def test_publishing_moves_the_item_out_of_the_waiting_list(signed_in: Any, desk: Server) -> None:
    page = signed_in
    page.get_by_role("button", name="حدّث القوائم").click()
    page.wait_for_selector('#waiting button[data-id="desk-library"]')
    open_item(page, "desk-library", within="#waiting")
    page.get_by_role("button", name="انشر الملخص").click()
    page.wait_for_function("() => document.getElementById('decide-status').textContent.startsWith('نُشر الملخص')")
    assert "desk-library" not in waiting_ids(page)
    with desk.client() as reader:  # keyless: the published box is what readers now see
        assert reader.get("/v1/articles/desk-library").json()["state"] == "done"
    assert page.get_by_role("button", name="انشر الملخص").is_disabled()  # not waiting any more: said, and not offered
    assert page.locator("#decide-hint").inner_text().startswith("لا تنتظر هذه المادة المراجعة الآن (منشور)")


def test_rejecting_sends_the_item_back_with_the_note(signed_in: Any, desk: Server) -> None:
    page = signed_in
    page.get_by_role("button", name="حدّث القوائم").click()
    open_item(page, "desk-reject", within="#waiting")
    page.get_by_role("button", name="أعِد الملخص مع الملاحظة").click()
    assert page.locator("#decide-status").inner_text() == "اكتب سبب الإعادة في الملاحظة أولًا."
    assert page.evaluate("document.activeElement.id") == "note"
    note = "الرقم في النقطة الثانية لا يطابق ما قاله رئيس البلدية."
    page.get_by_label("ملاحظة الإعادة").fill(note)
    page.get_by_role("button", name="أعِد الملخص مع الملاحظة").click()
    page.wait_for_function("() => document.getElementById('decide-status').textContent === 'أُعيد الملخص مع الملاحظة.'")
    assert note in page.locator("#item-note").inner_text() and "desk-reject" not in waiting_ids(page)
    with desk.client(editor_key(desk)) as client:
        item = client.get("/v1/articles/desk-reject").json()
    assert item["state"] == "rejected" and item["review"]["note"] == note


def test_an_item_another_editor_published_meanwhile_is_refused_in_one_sentence(signed_in: Any, desk: Server) -> None:
    page = signed_in
    page.get_by_role("button", name="حدّث القوائم").click()
    open_item(page, "desk-race", within="#waiting")
    with desk.client(editor_key(desk)) as client:  # another editor, a moment earlier
        client.post("/v1/articles/desk-race/publish").raise_for_status()
    page.get_by_role("button", name="انشر الملخص").click()
    page.wait_for_function("() => document.getElementById('decide-status').textContent.length > 0")
    assert "not waiting for review" in page.locator("#decide-status").inner_text()
    assert page.locator("#decide-status").get_attribute("role") == "status"
    page.wait_for_function("() => document.getElementById('publish').disabled")
    assert "desk-race" not in waiting_ids(page) and "(منشور)" in page.locator("#decide-hint").inner_text()


def test_another_newsrooms_key_may_read_an_item_but_not_decide_on_it(chromium: Any, desk: Server) -> None:
    page, errors = open_page(chromium)
    try:
        page.goto(desk.url + "/review")
        page.get_by_label("مفتاح الواجهة البرمجية").fill(desk.make_key("other-newsroom"))
        page.get_by_role("button", name="ادخل").click()
        page.wait_for_selector('#waiting button[data-id="desk-harbour"]')
        open_item(page, "desk-harbour", within="#waiting")
        page.get_by_role("button", name="انشر الملخص").click()
        page.wait_for_function("() => document.getElementById('decide-status').textContent.length > 0")
        assert "another API key" in page.locator("#decide-status").inner_text()
        assert page.get_by_role("button", name="انشر الملخص").is_enabled()  # still waiting, for its own newsroom
    finally:
        page.close()
    assert errors == []
    with desk.client(editor_key(desk)) as client:
        assert client.get("/v1/articles/desk-harbour").json()["state"] == "review"


def test_publishing_works_from_the_keyboard_alone(signed_in: Any, desk: Server) -> None:
    page = signed_in
    page.get_by_role("button", name="حدّث القوائم").click()
    page.wait_for_selector('#waiting button[data-id="desk-keyboard"]')
    page.locator("#desk-heading").focus()
    reached = []
    for _ in range(30):
        page.keyboard.press("Tab")
        reached.append(page.evaluate("document.activeElement.dataset.id || document.activeElement.id"))
        if reached[-1] == "desk-keyboard":
            break
    assert reached[:2] == ["refresh", "signout"] and reached[-1] == "desk-keyboard", reached
    page.keyboard.press("Enter")
    page.wait_for_function("() => document.activeElement.id === 'item-heading'")
    stops = []
    for _ in range(60):
        page.keyboard.press("Tab")
        stops.append(page.evaluate("document.activeElement.id || document.activeElement.tagName.toLowerCase()"))
        if stops[-1] == "publish":
            break
    in_order = [stop for stop, _ in itertools.groupby(stops)]
    assert in_order[0] == "text" and in_order[1] == "bullet-1" and in_order[-1] == "publish", stops
    assert in_order.index("add-bullet") < in_order.index("audio") < in_order.index("publish"), stops
    page.keyboard.press("Enter")
    page.wait_for_function("() => document.getElementById('decide-status').textContent.startsWith('نُشر الملخص')")
    assert "desk-keyboard" not in waiting_ids(page)
    assert page.evaluate("document.activeElement.id") == "decide-heading"  # not lost to the page's top with the button


def test_a_dictionary_entry_is_added_heard_and_removed(signed_in: Any, desk: Server) -> None:
    page = signed_in
    page.get_by_label("المصطلح").fill("فيدوموستي")
    page.get_by_role("button", name="أضف إلى القاموس").click()
    assert page.locator("#entry-problem").inner_text() == "اكتب المصطلح ونطقه كليهما."
    assert page.evaluate("document.activeElement.id") == "say"
    page.get_by_label("يُنطق").fill("فِيدُومُوسْتِي")
    with page.expect_response(lambda r: r.url.endswith("/v1/lexicon/say")) as said:
        page.get_by_role("button", name="اسمع النطق").click()
    assert said.value.status == 200 and said.value.headers["content-type"] == "audio/mpeg"
    assert json.loads(said.value.request.post_data or "{}") == {"text": "فِيدُومُوسْتِي"}  # the spelling as typed, before it is kept
    page.wait_for_function("() => document.getElementById('word').duration > 0.2")  # and it plays
    assert page.locator("#lexicon-status").inner_text() == "يُقرأ الآن: «فِيدُومُوسْتِي»."
    page.get_by_role("button", name="أضف إلى القاموس").click()
    page.wait_for_function("() => document.getElementById('lexicon-status').textContent === 'أُضيف «فيدوموستي» إلى القاموس.'")
    row = page.locator("#lexicon tbody tr", has_text="فيدوموستي")
    assert row.locator("td").first.inner_text() == "فِيدُومُوسْتِي"
    with desk.client(editor_key(desk)) as client:
        entries = client.get("/v1/lexicon").json()["entries"]
    assert [(e["term"], e["say"]) for e in entries if e["term"] == "فيدوموستي"] == [("فيدوموستي", "فِيدُومُوسْتِي")]
    with page.expect_response(lambda r: r.url.endswith("/v1/lexicon/say")) as said:
        page.get_by_role("button", name="اسمع نطق «فيدوموستي»").click()
    assert said.value.status == 200 and json.loads(said.value.request.post_data) == {"text": "فيدوموستي"}
    page.get_by_label("المصطلح").fill("فيدوموستي")
    page.get_by_label("يُنطق").fill("فيدوموستي")
    page.get_by_role("button", name="أضف إلى القاموس").click()  # the same term again: the service's one clear sentence
    page.wait_for_function("() => document.getElementById('entry-problem').textContent.length > 0")
    with page.expect_response(lambda r: r.url.endswith("/v1/lexicon/apply")) as applied:
        page.get_by_role("button", name="أعِد قراءة ما تغيّر نطقه").click()
    queued = applied.value.json()["queued"]
    said_now = "لا مادة منشورة فيها مصطلح تغيّر نطقه." if queued == 0 else f"يُعاد إعداد صوت {queued} من المواد بالنطق الجديد."
    page.wait_for_function(f"() => document.getElementById('lexicon-status').textContent === {json.dumps(said_now)}")
    page.get_by_role("button", name="احذف «فيدوموستي»").click()
    page.wait_for_function("() => document.getElementById('lexicon-status').textContent === 'حُذف «فيدوموستي» من القاموس.'")
    assert page.locator("#lexicon tbody tr", has_text="فيدوموستي").count() == 0
    with desk.client(editor_key(desk)) as client:
        assert all(e["term"] != "فيدوموستي" for e in client.get("/v1/lexicon").json()["entries"])


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_axe_finds_no_serious_accessibility_violations_in_the_review_page(
    signed_in: Any, desk: Server, scheme: str, tmp_path: Path
) -> None:
    """Checked with an item open, the guard's advice on an edit showing (its colours too) and an entry in the dictionary."""
    if not AXE.exists():
        pytest.skip(f"axe-core is not at {AXE}: scripts/setup installs it with npm")
    page = signed_in
    page.emulate_media(color_scheme=scheme)
    if page.locator("#item-heading").inner_text() != ARTICLES["desk-harbour"][1]:
        open_item(page, "desk-harbour")
        page.get_by_label("النقطة 1").fill("سجل ميناء صلالة ارتفاعًا بنسبة 40 في المئة في عدد الحاويات المناولة هذا العام.")
        page.get_by_role("button", name="احفظ الملخص").click()
        page.locator("#advice li").first.wait_for()
        page.wait_for_function(AUDIO_REMADE, timeout=120_000)
        with desk.client(editor_key(desk)) as client:
            client.post("/v1/lexicon", json={"term": "ناتو", "say": "نَاتُو", "note": "حلف شمال الأطلسي"}).raise_for_status()
        for field in ("المصطلح", "يُنطق"):
            page.get_by_label(field).fill("")
        page.get_by_role("button", name="حدّث القوائم").click()
        page.locator("#lexicon tbody tr").first.wait_for()
    page.locator("#item-heading").focus()
    if not page.evaluate("typeof axe !== 'undefined'"):
        page.evaluate(AXE.read_text(encoding="utf-8"))  # evaluated, not a <script>: the page's policy allows no inline script
    found = page.evaluate(
        "async () => (await axe.run(document, {resultTypes: ['violations']})).violations"
        ".map(v => ({id: v.id, impact: v.impact, nodes: v.nodes.map(n => n.target)}))"
    )
    serious = [v for v in found if v["impact"] in ("serious", "critical")]
    assert serious == [], json.dumps(serious, ensure_ascii=False)
    shots = Path(SHOTS) if SHOTS else tmp_path  # the test's own folder unless asked: a test run leaves docs/ as it was
    shots.mkdir(parents=True, exist_ok=True)
    page.set_viewport_size({"width": 1280, "height": 900})
    page.screenshot(path=str(shots / f"review-{scheme}.png"), full_page=True)
    assert (shots / f"review-{scheme}.png").stat().st_size > 50_000
    page.emulate_media(color_scheme="light")
