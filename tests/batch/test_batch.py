"""``khulasa batch``: a folder, a JSONL file or a feed in; one JSON (and MP3) per article out; resumable."""

from __future__ import annotations

import json
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest

from khulasa import cli, pipeline
from khulasa.batch import run
from khulasa.batch.inputs import Item, read_item
from khulasa.batch.manifest import MANIFEST, Manifest
from khulasa.config import Settings
from khulasa.errors import InputError
from tests.newsroom import Newsroom, resolver, settings_for

HOSPITAL = (
    "افتتحت وزارة الصحة اليوم الأحد مستشفى جديدًا في مدينة الكرك جنوب البلاد بسعة 200 سرير، في خطوة قالت "
    "إنها ستخفف الضغط عن مستشفيات العاصمة المكتظة بالمرضى.\n"
    "وقال وزير الصحة في مؤتمر صحفي عقده في موقع المستشفى إن المشروع كلف نحو 45 مليون دينار، وإنه سيخدم "
    "أكثر من نصف مليون نسمة في المحافظات الجنوبية الثلاث.\n"
    "وأضاف الوزير أن المستشفى يضم قسمًا متخصصًا لعلاج أمراض القلب ووحدة للعناية المركزة للأطفال حديثي "
    "الولادة، إلى جانب 12 غرفة عمليات مجهزة بأحدث المعدات.\n"
    "ومن المتوقع أن يبدأ المستشفى استقبال المرضى مطلع الشهر المقبل بعد استكمال تعيين الكوادر الطبية "
    "والتمريضية اللازمة لتشغيله.\n"
)

RAIN = (
    "هطلت أمطار غزيرة على المرتفعات الشمالية والوسطى خلال اليومين الماضيين، وبلغت كمياتها في بعض المناطق "
    "80 ملم، وفق ما أعلنته دائرة الأرصاد الجوية صباح اليوم.\n"
    "وقال مدير الدائرة إن الأمطار رفعت مخزون السدود إلى 38% من سعتها التخزينية، بعد أن كان قد انخفض إلى "
    "أدنى مستوى له منذ عشر سنوات في نهاية الصيف.\n"
    "ورحب اتحاد المزارعين بالهطولات، مؤكدًا في بيان أنها ستنعش الموسم الزراعي وتخفف كلفة الري على أصحاب "
    "المزارع الصغيرة في وادي الأردن.\n"
    "وتوقعت الدائرة أن تتأثر البلاد بمنخفض جوي جديد نهاية الأسبوع، داعية السائقين إلى الحذر على الطرق "
    "الجبلية بسبب تشكل الضباب والانزلاقات.\n"
)

PORT = (
    "سجل ميناء العقبة ارتفاعًا في حركة الحاويات بنسبة 12% خلال الشهر الماضي مقارنة بالشهر نفسه من العام "
    "السابق، بحسب بيان أصدرته شركة إدارة الميناء اليوم الخميس.\n"
    "وأوضحت الشركة أن الميناء تعامل مع أكثر من 75 ألف حاوية خلال الشهر، معظمها محملة بالمواد الغذائية "
    "ومستلزمات البناء القادمة من شرق آسيا.\n"
    "وعزا المدير التنفيذي للشركة الزيادة إلى توسعة الرصيف الجنوبي وتشغيل رافعتين جديدتين قلصتا مدة انتظار "
    "السفن إلى أقل من يومين.\n"
    "وتخطط الشركة لاستثمار 120 مليون دولار إضافية خلال العامين المقبلين لرفع الطاقة الاستيعابية للميناء "
    "إلى مليون ونصف المليون حاوية سنويًا.\n"
)


def page(title: str, body: str) -> str:
    """A saved article page: header furniture, the story in <article>, a footer."""
    paragraphs = "".join(f"<p>{line}</p>" for line in body.splitlines() if line.strip())
    return (
        f"<!doctype html><html lang='ar'><head><meta charset='utf-8'><title>{title}</title></head>"
        f"<body><nav><a href='/'>الرئيسية</a></nav><article><h1>{title}</h1>{paragraphs}</article>"
        "<footer>جميع الحقوق محفوظة</footer></body></html>"
    )


@pytest.fixture
def batch_settings() -> Settings:
    return settings_for()


def outputs(folder: Path) -> dict[str, dict[str, object]]:
    """Every <id>.json in ``folder``, by id."""
    return {
        path.stem: json.loads(path.read_text(encoding="utf-8"))
        for path in sorted(folder.glob("*.json"))
        if not path.name.startswith(".")
    }


def test_folder_with_bad_files_carries_on_and_reports_each(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    (inbox / "hospital.txt").write_text(HOSPITAL, encoding="utf-8")
    (inbox / "rain.html").write_text(page("أمطار غزيرة تنعش الموسم الزراعي", RAIN), encoding="utf-8")
    (inbox / "empty.txt").write_bytes(b"")
    (inbox / "photo.html").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    (inbox / "english.txt").write_text("The ministry opened a new hospital in the south of the country today.\n")
    (inbox / "menu.html").write_text("<html><body><nav><a href='/'>الرئيسية</a></nav></body></html>", encoding="utf-8")
    (inbox / "drafts.txt").mkdir()  # a folder named like a file: unreadable as an article, even for root
    (inbox / "gone.html").symlink_to(inbox / "deleted.html")  # a broken link
    (inbox / "notes.pdf").write_bytes(b"%PDF-1.4")
    out = tmp_path / "out"

    code = cli.main(["batch", str(inbox), "-o", str(out), "--no-audio"])

    err = capsys.readouterr().err
    assert code == 2
    assert "2 done, 0 skipped (already done), 6 failed" in err
    reasons = {line.split(": ", 3)[2]: line.split(": ", 3)[3] for line in err.splitlines() if line.startswith("khulasa: failed:")}
    bad = ("drafts.txt", "empty.txt", "english.txt", "gone.html", "menu.html", "photo.html")
    assert set(reasons) == {str(inbox / name) for name in bad}
    assert "folder" in reasons[str(inbox / "drafts.txt")]
    assert "empty" in reasons[str(inbox / "empty.txt")]
    assert "not Arabic" in reasons[str(inbox / "english.txt")]
    assert "broken link" in reasons[str(inbox / "gone.html")]
    assert "no article" in reasons[str(inbox / "menu.html")]
    assert "binary" in reasons[str(inbox / "photo.html")]
    assert "notes.pdf" in err  # noted as ignored, not failed
    written = outputs(out)
    assert set(written) == {"hospital", "rain"} and not list(out.glob("*.mp3"))
    rain = written["rain"]
    assert rain["title"] == "أمطار غزيرة تنعش الموسم الزراعي" and rain["engine"] == "extractive"
    assert isinstance(rain["bullets"], list) and 2 <= len(rain["bullets"]) <= 3
    assert all(bullet["sources"] and bullet["text"] for bullet in rain["bullets"])


def test_a_rerun_skips_what_is_done_and_redoes_what_changed(tmp_path: Path, batch_settings: Settings) -> None:
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    for name, text in {"hospital": HOSPITAL, "rain": RAIN, "port": PORT}.items():
        (inbox / f"{name}.txt").write_text(text, encoding="utf-8")
    out = tmp_path / "out"
    first = run(str(inbox), out, batch_settings, audio=False, progress=False)
    assert first.count("done") == 3
    stamps = {path.name: path.stat().st_mtime_ns for path in out.glob("*.json")}

    again = run(str(inbox), out, batch_settings, audio=False, progress=False)
    assert again.count("skipped") == 3 and again.count("done") == 0
    assert {path.name: path.stat().st_mtime_ns for path in out.glob("*.json")} == stamps

    (inbox / "port.txt").write_text(PORT.replace("12%", "14%"), encoding="utf-8")
    (inbox / "rain-copy.txt").write_text(RAIN, encoding="utf-8")  # the same story under another name
    third = run(str(inbox), out, batch_settings, audio=False, progress=False)
    statuses = {o.id: o.status for o in third.outcomes}
    assert statuses == {"hospital": "skipped", "port": "done", "rain": "skipped", "rain-copy": "skipped"}
    assert {o.id: o.reason for o in third.outcomes}["rain-copy"] == "done in an earlier run as rain"
    assert "14%" in json.dumps(outputs(out)["port"], ensure_ascii=False)


def test_an_article_changed_and_changed_back_is_done_again(tmp_path: Path, batch_settings: Settings) -> None:
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    article = inbox / "port.txt"
    out = tmp_path / "out"
    for text, expected in [(PORT, "done"), (PORT.replace("12%", "14%"), "done"), (PORT, "done"), (PORT, "skipped")]:
        article.write_text(text, encoding="utf-8")
        (outcome,) = run(str(inbox), out, batch_settings, audio=False, progress=False).outcomes
        assert outcome.status == expected
    assert "12%" in json.dumps(outputs(out)["port"], ensure_ascii=False)


def test_a_damaged_manifest_is_one_clear_sentence(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    source = tmp_path / "one.jsonl"
    source.write_text(json.dumps({"id": "port", "article": PORT}) + "\n", encoding="utf-8")
    (tmp_path / "out").mkdir()
    (tmp_path / "out" / MANIFEST).write_text('{"format": 1, "items": {"port": ', encoding="utf-8")
    assert cli.main(["batch", str(source), "-o", str(tmp_path / "out")]) == 2
    assert "is damaged; delete it to process every item again" in capsys.readouterr().err
    assert cli.main(["batch", str(source), "-o", str(tmp_path / "other"), "--workers", "0"]) == 2
    assert "--workers must be at least 1" in capsys.readouterr().err


@pytest.mark.parametrize("damaged", ['{"format": 1, "items": {"port": 5}}', '["port"]', '{"format": 1}'])
def test_a_manifest_of_the_wrong_shape_is_damaged_too(tmp_path: Path, damaged: str) -> None:
    (tmp_path / MANIFEST).write_text(damaged, encoding="utf-8")
    with pytest.raises(InputError, match="is damaged; delete it"):
        Manifest.open(tmp_path)


def test_the_manifest_survives_a_crash_mid_run(tmp_path: Path, batch_settings: Settings, monkeypatch: pytest.MonkeyPatch) -> None:
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    for name, text in {"a-hospital": HOSPITAL, "b-rain": RAIN, "c-port": PORT}.items():
        (inbox / f"{name}.txt").write_text(text, encoding="utf-8")
    out = tmp_path / "out"
    summarize = pipeline.summarize
    calls: list[str] = []

    def crash_on_third(article: object, settings: Settings) -> object:
        calls.append("x")
        if len(calls) == 3:
            raise KeyboardInterrupt  # the operator's Ctrl-C, or anything that ends the process
        return summarize(article, settings)  # type: ignore[arg-type]

    monkeypatch.setattr(pipeline, "summarize", crash_on_third)
    with pytest.raises(KeyboardInterrupt):
        run(str(inbox), out, batch_settings, audio=False, progress=False)
    monkeypatch.undo()

    manifest = json.loads((out / MANIFEST).read_text(encoding="utf-8"))
    assert sorted(manifest["items"]) == ["a-hospital", "b-rain"]
    assert not list(out.glob(".*.tmp"))  # no half-written file left behind
    resumed = run(str(inbox), out, batch_settings, audio=False, progress=False)
    assert {o.id: o.status for o in resumed.outcomes} == {"a-hospital": "skipped", "b-rain": "skipped", "c-port": "done"}


def test_a_run_killed_outright_resumes_from_its_manifest(tmp_path: Path, batch_settings: Settings) -> None:
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    for number in range(24):  # 24 different articles: the kill lands while most are still to do
        (inbox / f"beds-{number:02}.txt").write_text(HOSPITAL.replace("200 سرير", f"{200 + number} سرير"), encoding="utf-8")
    out = tmp_path / "out"
    command = [sys.executable, "-m", "khulasa", "batch", str(inbox), "-o", str(out), "--no-audio"]
    process = subprocess.Popen(command, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 60
    while not (out / MANIFEST).exists() and process.poll() is None and time.monotonic() < deadline:
        time.sleep(0.01)
    process.kill()  # SIGKILL: no cleanup, no finally blocks
    process.wait()

    recorded = json.loads((out / MANIFEST).read_text(encoding="utf-8"))["items"]  # whole, whenever the kill came
    assert recorded and all((out / f"{item_id}.json").exists() for item_id in recorded)
    resumed = run(str(inbox), out, batch_settings, audio=False, progress=False)
    assert resumed.count("skipped") == len(recorded) and resumed.count("done") == 24 - len(recorded)
    assert len(outputs(out)) == 24


def test_jsonl_lines_with_bad_ones_reported_by_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    lines = [
        json.dumps({"id": "h-1", "article": HOSPITAL, "title": "مستشفى جديد في الكرك", "published": "2026-11-29"}),
        "{not json",
        json.dumps({"id": "no-text", "body": PORT}),
        json.dumps({"id": 42, "article": RAIN}),
        "",
        json.dumps({"id": "../../etc/passwd", "article": PORT}),
        json.dumps({"id": "h-1-again", "article": HOSPITAL, "title": "مستشفى جديد في الكرك"}),  # sent twice by the CMS
    ]
    source = tmp_path / "articles.jsonl"
    source.write_text("\n".join(lines) + "\n", encoding="utf-8")
    out = tmp_path / "out"

    assert cli.main(["batch", str(source), "-o", str(out), "--no-audio"]) == 2

    err = capsys.readouterr().err
    assert "3 done, 1 skipped (already done), 2 failed" in err
    assert "articles.jsonl line 2: the line is not valid JSON" in err
    assert 'articles.jsonl line 3: the line must be a JSON object with a string "article"' in err
    written = outputs(out)
    assert {"h-1", "42"} <= set(written) and len(written) == 3
    assert written["h-1"]["title"] == "مستشفى جديد في الكرك" and written["h-1"]["published"] == "2026-11-29"
    assert all(path.parent == out for path in out.iterdir())  # an id never escapes the output folder


def test_all_good_exits_zero(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    source = tmp_path / "one.jsonl"
    source.write_text(json.dumps({"id": "port", "article": PORT}) + "\n", encoding="utf-8")
    assert cli.main(["batch", str(source), "-o", str(tmp_path / "out"), "--no-audio"]) == 0
    assert "1 done, 0 skipped (already done), 0 failed" in capsys.readouterr().err


def test_missing_input_is_one_clear_sentence(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["batch", str(tmp_path / "nowhere"), "-o", str(tmp_path / "out")]) == 2
    message = f"khulasa: {tmp_path / 'nowhere'}: no such folder or file; give a folder, a .jsonl file or a feed URL."
    assert capsys.readouterr().err.strip() == message
    (tmp_path / "one.txt").write_text(PORT, encoding="utf-8")
    assert cli.main(["batch", str(tmp_path / "one.txt"), "-o", str(tmp_path / "out")]) == 2
    assert "is one article; give the folder it is in" in capsys.readouterr().err


def test_no_output_and_no_service_is_one_clear_sentence(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "inbox").mkdir()
    assert cli.main(["batch", str(tmp_path / "inbox")]) == 2
    message = "khulasa: give an output folder (-o OUTDIR) or a service to send the articles to (--service URL)."
    assert capsys.readouterr().err.strip() == message


@pytest.fixture(scope="module")
def site() -> Iterator[Newsroom]:
    newsroom = Newsroom()
    newsroom.put("/2026/11/port", page("ارتفاع حركة الحاويات في ميناء العقبة", PORT))
    full = "".join(f"<p>{line}</p>" for line in HOSPITAL.splitlines())
    rss = f"""<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel><title>أخبار الجنوب</title>
<item><title>افتتاح مستشفى جديد في الكرك</title><link>{newsroom.url("/2026/11/hospital")}</link><guid>https://news.test/?p=1001</guid>
<pubDate>Sun, 29 Nov 2026 09:30:00 +0300</pubDate><content:encoded><![CDATA[{full}]]></content:encoded></item>
<item><title>ارتفاع حركة الحاويات في ميناء العقبة</title><link>{newsroom.url("/2026/11/port")}</link><guid>https://news.test/?p=1002</guid>
<description>سجل ميناء العقبة ارتفاعًا في حركة الحاويات.</description></item>
<item><title>افتتاح مستشفى جديد في الكرك</title><link>{newsroom.url("/2026/11/hospital")}</link><guid>https://news.test/?p=1001&amp;v=2</guid>
<content:encoded><![CDATA[{full}]]></content:encoded></item>
</channel></rss>"""
    newsroom.put("/feed", rss, "application/rss+xml")
    posts = [{"id": 7, "link": newsroom.url("/?p=7"), "date_gmt": "2026-11-28T16:00:00", "title": {"rendered": "أمطار غزيرة"},
              "content": {"rendered": "".join(f"<p>{line}</p>" for line in RAIN.splitlines())}}]
    newsroom.put("/wp-json/wp/v2/posts", json.dumps(posts, ensure_ascii=False), "application/json")
    yield newsroom
    newsroom.close()


def test_feed_items_with_teasers_fetched_from_their_page(site: Newsroom, tmp_path: Path, batch_settings: Settings) -> None:
    report = run(site.url("/feed"), tmp_path, batch_settings, audio=False, progress=False, resolver=resolver)
    assert report.count("done") == 2 and not report.failed
    assert any("1 duplicate feed item" in note for note in report.notes)
    written = outputs(tmp_path)
    hospital = next(record for record in written.values() if record["title"] == "افتتاح مستشفى جديد في الكرك")
    assert hospital["published"] == "2026-11-29T06:30:00Z"
    port = next(record for record in written.values() if record["title"] == "ارتفاع حركة الحاويات في ميناء العقبة")
    sources = [sentence for bullet in port["bullets"] for sentence in bullet["source_sentences"]]
    assert len(sources) >= 2 and all(sentence in PORT for sentence in sources)  # the page's text, not the feed's teaser
    assert "/2026/11/port" in site.hits


def test_the_page_behind_a_teaser_is_read_like_any_url(site: Newsroom, batch_settings: Settings) -> None:
    # as `khulasa summarize URL` reads it: held to the fetch limit, not to the limit on what a user sends
    settings = replace(batch_settings, max_input_bytes=300)
    teaser = "سجل ميناء العقبة ارتفاعًا في حركة الحاويات."
    item = Item("port", "feed", "hash", data=teaser.encode(), url=site.url("/2026/11/port"), teaser=True)
    article = read_item(item, settings, resolver)
    assert article.text != teaser and PORT.splitlines()[0] in article.text
    assert article.url == site.url("/2026/11/port")


def test_wordpress_posts_with_audio(site: Newsroom, tmp_path: Path, batch_settings: Settings) -> None:
    url = site.url("/wp-json/wp/v2/posts")
    assert run(url, tmp_path, batch_settings, audio=False, progress=False, resolver=resolver).count("done") == 1
    assert not (tmp_path / "7.mp3").exists()

    report = run(url, tmp_path, batch_settings, audio=True, progress=False, resolver=resolver)
    assert report.count("done") == 1  # done before without audio: done again to add it
    audio = (tmp_path / "7.mp3").read_bytes()
    assert audio[:3] == b"ID3" or audio[0] == 0xFF
    record = outputs(tmp_path)["7"]
    assert record["audio"]["file"] == "7.mp3" and record["audio"]["duration"] > 1
    assert [s["index"] for s in record["audio"]["segments"] if s["kind"] == "bullet"] == list(range(len(record["bullets"])))
    assert run(url, tmp_path, batch_settings, audio=True, progress=False, resolver=resolver).count("skipped") == 1


def test_two_worker_processes(tmp_path: Path, batch_settings: Settings) -> None:
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    for name, text in {"hospital": HOSPITAL, "rain": RAIN, "port": PORT}.items():
        (inbox / f"{name}.txt").write_text(text, encoding="utf-8")
    (inbox / "empty.txt").write_text("  \n", encoding="utf-8")
    report = run(str(inbox), tmp_path / "out", batch_settings, workers=2, audio=False, progress=False)
    statuses = [(o.id, o.status) for o in report.outcomes]
    assert statuses == [("empty", "failed"), ("hospital", "done"), ("port", "done"), ("rain", "done")]
    run(str(inbox), tmp_path / "serial", batch_settings, audio=False, progress=False)
    assert outputs(tmp_path / "out") == outputs(tmp_path / "serial")  # the same result as one process gives


def test_an_old_archive_file_in_windows_arabic_is_summarized_and_its_item_says_how_it_was_read(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    archive = tmp_path / "archive"
    archive.mkdir()
    (archive / "rain.txt").write_bytes(RAIN.encode("cp1256"))
    (archive / "port.txt").write_bytes(PORT.encode("utf-8"))
    assert cli.main(["batch", str(archive), "-o", str(tmp_path / "out"), "--no-audio"]) == 0
    made = outputs(tmp_path / "out")
    assert {name: item["warning"] for name, item in made.items()} == {
        "port": None,
        "rain": "the input is not UTF-8; it was read as Windows-1256 (Arabic).",
    }
