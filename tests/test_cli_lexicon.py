"""`khulasa lexicon` on a data folder, and `narrate` / `summarize --audio` with `--lexicon FILE.csv` and no service."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from khulasa import config
from khulasa.cli import main
from khulasa.model import Article
from khulasa.store import articles, database, jobs
from tests.conftest import EXAMPLES
from tests.speechserver import Heard, speech_server

ENTRIES = "term,say,note\nCNN,سِي إِنْ إِنْ,شبكة أمريكية\nزابوريجيا,زَابُورِيجْيَا,\n"


@pytest.fixture(autouse=True)
def clean_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("KHULASA_DATA_DIR", "KHULASA_DATABASE_URL", "KHULASA_VOICE", "KHULASA_DIACRITIZER"):
        monkeypatch.delenv(name, raising=False)


@pytest.fixture
def heard(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Iterator[Heard]:
    """The "http" voice on a loopback speech server, no diacritizer: what the dictionary gives is what it hears.

    The data folder is the test's own: with the user's, a spoken piece an
    earlier run cached would be served without the server hearing it.
    """
    with speech_server() as server:
        for name, value in (("VOICE", "http"), ("TTS_BASE_URL", server.url), ("TTS_FORMAT", "pcm"), ("DIACRITIZER", "none")):
            monkeypatch.setenv(f"KHULASA_{name}", value)
        monkeypatch.setenv("KHULASA_DATA_DIR", str(tmp_path / "data"))
        yield server


def test_add_list_export_remove(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    data = ["--data-dir", str(tmp_path)]
    assert main(["lexicon", "add", "فيدوموستي", "فِيدُومُوسْتِي", "--note", "صحيفة روسية", *data]) == 0
    assert capsys.readouterr().out == "added entry 1: فيدوموستي → فِيدُومُوسْتِي\n"
    assert main(["lexicon", "add", "CNN", "سي إن إن", *data]) == 0
    assert main(["lexicon", "list", *data]) == 0
    listed = capsys.readouterr()
    assert listed.out.splitlines()[-2:] == ["1\tفيدوموستي\tفِيدُومُوسْتِي\tصحيفة روسية", "2\tCNN\tسي إن إن"]
    assert "version 2, 2 entries" in listed.err
    assert main(["lexicon", "export", *data]) == 0
    assert capsys.readouterr().out == "term,say,note\nفيدوموستي,فِيدُومُوسْتِي,صحيفة روسية\nCNN,سي إن إن,\n"
    assert main(["lexicon", "remove", "1", *data]) == 0
    assert main(["lexicon", "list", *data]) == 0
    assert capsys.readouterr().out.endswith("2\tCNN\tسي إن إن\n")


def test_bad_entries_unknown_ids_and_duplicates_are_one_sentence_each(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    data = ["--data-dir", str(tmp_path)]
    assert main(["lexicon", "add", "CNN", "see-en-en", *data]) == 2
    assert "the voices speak Arabic" in capsys.readouterr().err
    assert main(["lexicon", "add", "CNN", "سي إن إن", *data]) == 0
    assert main(["lexicon", "add", "cnn", "سي إن إن", *data]) == 1
    assert "already has «CNN» (entry 1)" in capsys.readouterr().err
    assert main(["lexicon", "remove", "7", *data]) == 1
    assert "no entry 7" in capsys.readouterr().err


def test_import_a_csv_and_the_starter_then_again_changes_nothing(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    data = ["--data-dir", str(tmp_path)]
    source = tmp_path / "newsroom.csv"
    source.write_text(ENTRIES, encoding="utf-8")
    assert main(["lexicon", "import", str(source), *data]) == 0
    assert capsys.readouterr().out == "imported 2 entries: 2 added, 0 changed, 0 unchanged\n"
    assert main(["lexicon", "import", "--starter", *data]) == 0
    out = capsys.readouterr().out
    assert "1 changed" in out  # the starter's CNN replaces the CSV's
    assert main(["lexicon", "import", "--starter", *data]) == 0
    assert " 0 added, 0 changed" in capsys.readouterr().out


@pytest.mark.parametrize(
    ("text", "complaint"),
    [
        ("word,reading\nCNN,سي إن إن\n", "wrong.csv, line 1: the header is 'word,reading'; it must be term,say or term,say,note"),
        ("term,say\nCNN,سي إن إن\nBBC\n", "wrong.csv, line 3: 1 column where the header has 2 (term,say)."),
        ("term,say\nCNN,سي إن إن\nBBC,bee bee see\n", "wrong.csv, line 3: the say «bee bee see» holds"),
    ],
)
def test_a_csv_with_wrong_columns_is_one_error_naming_the_line_and_imports_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], text: str, complaint: str
) -> None:
    source = tmp_path / "wrong.csv"
    source.write_text(text, encoding="utf-8")
    assert main(["lexicon", "import", str(source), "--data-dir", str(tmp_path)]) == 2
    assert complaint in capsys.readouterr().err
    assert main(["lexicon", "list", "--data-dir", str(tmp_path)]) == 0
    assert capsys.readouterr().out == ""


def test_apply_queues_the_finished_items_that_read_a_changed_term(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    engine = database.connect(config.load(environ={}, data_dir=str(tmp_path)))
    try:
        story = Article(text="عادت الكهرباء إلى محطة زابوريجيا النووية بعد انقطاع دام ثلاثة أيام.")
        articles.upsert(engine, "plant", story, None)
        job = jobs.claim(engine, 30)
        assert job is not None
        with engine.begin() as conn:
            bullets = {"bullets": [{"text": "عادت الكهرباء إلى محطة زابوريجيا النووية."}]}
            articles.record_done(conn, job, bullets, {"duration": 2.0}, [], None)
    finally:
        engine.dispose()
    data = ["--data-dir", str(tmp_path)]
    assert main(["lexicon", "add", "زابوريجيا", "زَابُورِيجْيَا", *data]) == 0
    assert main(["lexicon", "apply", *data]) == 0
    assert "queued 1 items" in capsys.readouterr().out
    assert main(["lexicon", "apply", *data]) == 0  # its job is queued already: the same job, not a second one
    assert main(["lexicon", "add", "CNN", "سي إن إن", *data]) == 0
    capsys.readouterr()
    assert main(["lexicon", "apply", *data]) == 0  # CNN is in no item
    assert "queued 1 items" in capsys.readouterr().out  # the item made before any entry still waits for its job


def test_narrate_reads_with_a_csv_dictionary(tmp_path: Path, heard: Heard) -> None:
    lexicon = tmp_path / "newsroom.csv"
    lexicon.write_text(ENTRIES, encoding="utf-8")
    text = tmp_path / "story.txt"
    text.write_text("قالت شبكة CNN إن الكهرباء عادت إلى محطة زابوريجيا.", encoding="utf-8")
    assert main(["narrate", str(text), "-o", str(tmp_path / "story.mp3"), "--lexicon", str(lexicon)]) == 0
    assert heard.said() == "قالت شبكة سِي إِنْ إِنْ إن الكهرباء عادت إلى محطة زَابُورِيجْيَا."
    assert (tmp_path / "story.mp3").stat().st_size > 1000


def test_summarize_audio_reads_with_a_csv_dictionary(tmp_path: Path, heard: Heard, capsys: pytest.CaptureFixture[str]) -> None:
    lexicon = tmp_path / "newsroom.csv"
    lexicon.write_text("term,say\nالعقبة,العَقَبَة\n", encoding="utf-8")
    out = tmp_path / "box.mp3"
    assert main(["summarize", str(EXAMPLES / "desalination.txt"), "--audio", str(out), "--lexicon", str(lexicon)]) == 0
    assert "العقبة" in capsys.readouterr().out and "العَقَبَة" in heard.said() and "العقبة" not in heard.said()


def test_lexicon_without_audio_or_with_a_bad_file_is_refused(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    lexicon = tmp_path / "newsroom.csv"
    lexicon.write_text("term;say\n", encoding="utf-8")
    assert main(["summarize", str(EXAMPLES / "desalination.txt"), "--lexicon", str(lexicon)]) == 2
    assert "give --audio OUT.mp3 too" in capsys.readouterr().err
    assert main(["narrate", "-", "-o", str(tmp_path / "x.mp3"), "--lexicon", str(lexicon)]) == 2
    assert "newsroom.csv, line 1: the header is 'term;say'" in capsys.readouterr().err
