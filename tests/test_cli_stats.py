"""`khulasa stats`: the listening figures of a data folder in the terminal, as a table, CSV or JSON."""

from __future__ import annotations

import csv
import io
import json
import time
from datetime import UTC, datetime
from pathlib import Path

import pytest

from khulasa import config
from khulasa.cli import main
from khulasa.ingest.document import read_article
from khulasa.store import articles, database, listening
from khulasa.store.listening import Event
from tests.web.articles import HARBOUR, LIBRARY


@pytest.fixture
def data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A data folder where the library story was played twice (once to the end) and the harbour story seen once."""
    for name in ("KHULASA_DATA_DIR", "KHULASA_DATABASE_URL"):
        monkeypatch.delenv(name, raising=False)
    settings = config.load(environ={}, data_dir=str(tmp_path))
    engine = database.connect(settings)
    now = time.time()
    try:
        for external_id, text in (("library-1", LIBRARY), ("harbour-1", HARBOUR)):
            articles.upsert(engine, external_id, read_article(text.encode(), settings), None)
        listening.write(
            engine,
            [
                Event("library-1", "impression", "summary", 1, None, None, None, now),
                Event("library-1", "play", "summary", 1, 0, None, None, now),
                Event("library-1", "play", "summary", 1, 0, None, None, now),
                Event("library-1", "progress", "summary", 1, 30, 100, 30, now),
                Event("harbour-1", "impression", "summary", 1, None, None, None, now),
            ],
        )
    finally:
        engine.dispose()
    return tmp_path


def test_stats_per_article_as_table_csv_and_json(data_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["stats", "--group", "article", "--data-dir", str(data_dir)]) == 0
    table = capsys.readouterr().out.splitlines()
    assert table[0].split()[:3] == ["article", "impressions", "plays"]
    assert table[1].split()[:4] == ["library-1", "1", "2", "200%"]  # the most played first
    assert table[2].split()[:4] == ["harbour-1", "1", "0", "0%"]
    assert table[-1].split()[:3] == ["total", "2", "2"]

    assert main(["stats", "--group", "article", "--format", "csv", "--data-dir", str(data_dir)]) == 0
    rows = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
    assert [(r["article"], r["plays"], r["completions"]) for r in rows] == [("library-1", "2", "1"), ("harbour-1", "0", "0")]

    today = datetime.now(UTC).date().isoformat()
    assert main(["stats", "--from", today, "--article", "library-1", "--format", "json", "--data-dir", str(data_dir)]) == 0
    answer = json.loads(capsys.readouterr().out)
    assert answer["rows"] == [answer["rows"][0]] and answer["rows"][0]["day"] == today
    assert (answer["total"]["plays"], answer["total"]["mean_listened_seconds"]) == (2, 15.0)


def test_a_bad_day_is_one_sentence(data_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["stats", "--from", "yesterday", "--data-dir", str(data_dir)]) != 0
    assert capsys.readouterr().err.strip() == "khulasa: 'from' must be a day written YYYY-MM-DD, not 'yesterday'."
