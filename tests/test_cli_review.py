"""`khulasa publish | reject | edit`: an editor's script acting on the service's data folder."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
import sqlalchemy as sa

from khulasa import config
from khulasa.cli import EXIT_FAILURE, EXIT_INPUT, main
from khulasa.model import Article
from khulasa.store import articles, database, jobs
from tests.web.articles import LIBRARY

BOX = {"bullets": [{"text": "افتتحت بلدية صفاقس المكتبة العمومية الجديدة في حي الحبيب.", "sources": [0]}], "engine": "extractive"}


@pytest.fixture
def engine(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[sa.Engine]:
    """The data folder of a service in review mode, with one article whose box waits for review."""
    for name in ("KHULASA_DATA_DIR", "KHULASA_DATABASE_URL", "KHULASA_PUBLISH"):
        monkeypatch.delenv(name, raising=False)
    made = database.connect(config.load(environ={}, data_dir=str(tmp_path)))
    articles.upsert(made, "library-1", Article(text=LIBRARY), key_id=None, publish="review")
    job = jobs.claim(made, 30)
    assert job is not None
    with made.begin() as conn:
        articles.record_done(conn, job, BOX, None, [], None)
    try:
        yield made
    finally:
        made.dispose()


def test_publish_puts_the_box_before_readers(engine: sa.Engine, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["publish", "library-1", "--by", "night-editor", "--data-dir", str(tmp_path)]) == 0
    assert capsys.readouterr().out == "published library-1: readers now see version 1\n"
    item = articles.item(engine, "library-1")
    assert (item["state"], item["review"]["by"]) == ("done", "night-editor")
    assert main(["publish", "library-1", "--data-dir", str(tmp_path)]) == EXIT_FAILURE
    assert "not waiting for review" in capsys.readouterr().err


def test_reject_keeps_the_note(engine: sa.Engine, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["reject", "library-1", "--note", "العنوان لا يطابق النص.", "--data-dir", str(tmp_path)]) == 0
    assert "rejected library-1" in capsys.readouterr().err
    item = articles.item(engine, "library-1")
    assert (item["state"], item["review"]) == ("rejected", item["review"] | {"note": "العنوان لا يطابق النص.", "by": "operator"})


def test_edit_stores_the_bullets_as_a_version_and_prints_the_advice(
    engine: sa.Engine, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bullets = ["افتتحت بلدية صفاقس مكتبة عمومية جديدة تضم 90 ألف كتاب في حي الحبيب بعد عامين من الأشغال."]
    assert main(["edit", "library-1", "--bullet", bullets[0], "--by", "night-editor", "--data-dir", str(tmp_path)]) == 0
    out = capsys.readouterr()
    assert out.out == "library-1: version 2 by night-editor is queued for its audio (the service's jobs make it)\n"
    assert "advice (numbers): bullet 1: «90 ألف» not in the article" in out.err
    job = jobs.claim(engine, 30)
    assert job is not None
    given = articles.edited_summary(engine, job.version_id)
    assert given is not None and [b["text"] for b in given["bullets"]] == bullets and given["author"] == "night-editor"


def test_edit_refuses_a_bullet_that_is_not_arabic(engine: sa.Engine, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["edit", "library-1", "--bullet", "The library opened.", "--data-dir", str(tmp_path)]) == EXIT_INPUT
    assert capsys.readouterr().err == "khulasa: bullet 1 is not Arabic: write each bullet as an Arabic sentence.\n"
    assert [v["version"] for v in articles.item(engine, "library-1")["versions"]] == [1]
