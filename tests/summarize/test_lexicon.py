"""The guard's dictionary: vocabulary and names read from Arramooz's SQLite files."""

from __future__ import annotations

import sqlite3
from contextlib import closing
from pathlib import Path

import pytest

from khulasa.arabic.normalize import normalize
from khulasa.summarize import lexicon


def make_dictionary(folder: Path) -> Path:
    """Three SQLite files shaped like Arramooz's, with a handful of rows of our own."""
    with closing(sqlite3.connect(folder / "arabicdictionary.sqlite")) as db, db:
        db.execute("CREATE TABLE nouns (unvocalized TEXT, category TEXT, wordtype TEXT)")
        db.executemany(
            "INSERT INTO nouns VALUES (?, ?, ?)",
            [
                ("امتداد", "مصدر", "مصدر:مصدر"),  # a verbal noun
                ("مستشفى", "مفعول", "مفعول:اسم مفعول"),  # a participle, alef maqsura
                ("سفينة", "", ":جامد"),  # a concrete thing: must be in the article, like a name
                ("لبنان", "علم مكان", "علم مكان:جامد"),  # a place
                ("نسرين", "اسم علم", "اسم علم:جامد"),  # a person
            ],
        )
        db.execute("CREATE TABLE verbs (unvocalized TEXT)")
        db.executemany("INSERT INTO verbs VALUES (?)", [("أحرز",), ("ترأس",)])
    with closing(sqlite3.connect(folder / "stopwords.sqlite")) as db, db:
        db.execute("CREATE TABLE stopwords (unvocalized TEXT)")
        db.executemany("INSERT INTO stopwords VALUES (?)", [("لديها",), ("بعدما",)])
    with closing(sqlite3.connect(folder / "wordfreq.sqlite")) as db, db:
        db.execute("CREATE TABLE wordfreq (unvocalized TEXT, word_type TEXT, freq INTEGER)")
        db.executemany(
            "INSERT INTO wordfreq VALUES (?, ?, ?)",
            [
                ("دمشق", "noun_prop", 240000),  # only ever a name
                ("سليم", "noun_prop", 70000),  # a name as often as a word: a name
                ("سليم", "adj", 50000),
                ("حياة", "noun_prop", 1500),  # a word used as a name now and then: a word
                ("حياة", "noun", 550000),
                ("حيوي", "adj", 9000),
                ("طاولة", "noun", 3000),  # the list does not tell concrete nouns apart: not vocabulary
            ],
        )
    return folder


@pytest.fixture
def composed(tmp_path: Path) -> lexicon.Lexicon:
    return lexicon.read(make_dictionary(tmp_path))


def test_verbs_derived_nouns_and_function_words_are_vocabulary(composed: lexicon.Lexicon) -> None:
    for word in ("مستشفى", "أحرز", "ترأس", "لديها", "بعدما", "حيوي"):
        assert normalize(word) in composed.words, word
    assert normalize("امتداد") not in composed.words  # a verbal noun: what happened must be in the article


def test_names_and_concrete_nouns_are_not(composed: lexicon.Lexicon) -> None:
    for word in ("لبنان", "نسرين", "دمشق", "سليم", "سفينة", "طاولة"):
        assert normalize(word) not in composed.words, word
    for name in ("لبنان", "نسرين", "دمشق", "سليم"):
        assert normalize(name) in composed.names, name
    assert normalize("حياة") not in composed.names


def test_the_gazetteer_counts_as_names_with_or_without_the_dictionary(
    composed: lexicon.Lexicon, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert composed.names >= lexicon.GAZETTEER
    assert {normalize("القاهرة")[2:], normalize("يوسف"), normalize("المغاربة")[2:]} <= lexicon.GAZETTEER
    monkeypatch.setattr(lexicon, "ENABLED", False)
    assert lexicon.names() == lexicon.GAZETTEER
    assert lexicon.words() == frozenset()


@pytest.mark.skipif(not lexicon.installed(), reason="the extra 'lexicon' is not installed")
def test_the_installed_dictionary_is_read_once_and_keeps_names_out() -> None:
    folder = lexicon.data_folder()
    assert folder is not None and (folder / "arabicdictionary.sqlite").is_file()
    words = lexicon.words()
    assert lexicon.words() is words  # cached: the files are read on first use only
    assert len(words) > 30_000
    for word in ("احرز", "متعهد", "مستند"):
        assert word in words, word
    for word in ("هروب", "امتداد"):
        assert word not in words, word
    for name in ("دمشق", "قاهره", "لبنان", "محمد", "بوتين"):
        assert name not in words and name in lexicon.names(), name


def test_a_damaged_dictionary_leaves_the_guard_strict_not_broken(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    (tmp_path / "arabicdictionary.sqlite").write_bytes(b"not a database")
    monkeypatch.setattr(lexicon, "data_folder", lambda: tmp_path)
    lexicon._installed.cache_clear()
    try:
        assert lexicon.words() == frozenset()
        assert lexicon.names() == lexicon.GAZETTEER
    finally:
        lexicon._installed.cache_clear()
    assert "could not be read" in caplog.text


@pytest.mark.parametrize(
    ("word", "country"),
    [("عراقية", True), ("التونسي", True), ("المغربيين", True), ("لبنانية", True), ("جراحة", False), ("بيئي", False)],
)
def test_a_countrys_adjective_is_told_from_other_words(word: str, country: bool) -> None:
    assert lexicon.nationality(word) is country
