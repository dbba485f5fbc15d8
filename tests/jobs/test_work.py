"""The work of one job with the whole article read aloud: which audio is made, and that it goes to the store as files."""

from __future__ import annotations

from pathlib import Path

import pytest

from khulasa import config
from khulasa.jobs import work
from khulasa.jobs.metrics import StageTimes
from khulasa.model import Article
from khulasa.store.blobs import DirectoryBlobStore
from tests.test_pipeline_article import DAM


class WatchedStore(DirectoryBlobStore):
    """A directory store that notes how each file reached it: as bytes in memory, or as a file on disk."""

    def __init__(self, root: Path) -> None:
        super().__init__(root)
        self.as_bytes: list[str] = []
        self.as_files: list[tuple[str, int]] = []

    def put(self, data: bytes, extension: str) -> str:
        self.as_bytes.append(extension)
        return super().put(data, extension)

    def put_file(self, path: Path, extension: str) -> str:
        self.as_files.append((extension, path.stat().st_size))
        return super().put_file(path, extension)


@pytest.mark.parametrize(("narrate", "summary_audio", "article_audio"), [("article", False, True), ("both", True, True)])
def test_the_setting_chooses_which_audio_is_made(tmp_path: Path, narrate: str, summary_audio: bool, article_audio: bool) -> None:
    store = WatchedStore(tmp_path / "blobs")
    made = work.make(Article(text=DAM), config.load(environ={}, narrate=narrate, article_formats="mp3,ogg"), store, StageTimes())
    assert made is not None
    assert (made.narration is not None) is summary_audio
    assert made.article_narration is not None and made.article_narration["paragraphs"] == 4
    whose = {(f.audio, f.extension) for f in made.files}
    assert (("article", "mp3") in whose) is article_audio and (("summary", "mp3") in whose) is summary_audio
    assert {("article", e) for e in ("mp3", "ogg", "json", "vtt")} <= whose


def test_by_default_only_the_summary_is_read(tmp_path: Path) -> None:
    store = WatchedStore(tmp_path / "blobs")
    made = work.make(Article(text=DAM), config.load(environ={}), store, StageTimes())
    assert made is not None and made.article_narration is None and store.as_files == []
    assert {f.audio for f in made.files} == {"summary"}


def test_the_article_audio_reaches_the_store_as_files_never_as_bytes_in_memory(tmp_path: Path) -> None:
    store = WatchedStore(tmp_path / "blobs")
    settings = config.load(environ={}, narrate="article", article_formats="ogg, mp3")
    made = work.make(Article(text=DAM), settings, store, StageTimes())
    assert made is not None
    assert [extension for extension, _size in store.as_files] == ["mp3", "ogg"]
    assert all(size > 10_000 for _extension, size in store.as_files)
    assert "mp3" not in store.as_bytes and "ogg" not in store.as_bytes  # only the small timing files go as bytes
    sizes = {f.extension: f.size for f in made.files if f.audio == "article"}
    assert [sizes["mp3"], sizes["ogg"]] == [size for _extension, size in store.as_files]


def test_the_whole_article_is_mp3_alone_unless_ogg_is_asked_for(tmp_path: Path) -> None:
    """Ogg Opus took ten times MP3's time on a long article: it is made for the article only when the setting says so."""
    store = WatchedStore(tmp_path / "blobs")
    made = work.make(Article(text=DAM), config.load(environ={}, narrate="both"), store, StageTimes())
    assert made is not None
    assert [extension for extension, _size in store.as_files] == ["mp3"]
    assert {f.extension for f in made.files if f.audio == "summary"} >= {"mp3", "ogg"}


def test_a_stored_summary_is_read_again_with_the_dictionary_and_not_made_again(tmp_path: Path) -> None:
    from khulasa.speech.lexicon import Entry, Lexicon
    from tests.speechserver import speech_server

    stored = {"bullets": [{"text": "نقلت صحيفة فيدوموستي أن السد اكتمل.", "sources": [0]}], "engine": "extractive", "guard": []}
    lexicon = Lexicon([Entry("فيدوموستي", "فِيدُومُوسْتِي")], version=5)
    with speech_server() as heard:
        settings = config.load(environ={}, voice="http", tts_base_url=heard.url, tts_format="pcm", diacritizer="none")
        store = WatchedStore(tmp_path / "blobs")
        made = work.make(Article(text=DAM), settings, store, StageTimes(), lexicon=lexicon, made_summary=stored)
    assert made is not None and made.summary == stored  # the box is kept as it was: same bullets, no engine run
    assert heard.texts == ["نقلت صحيفة فِيدُومُوسْتِي أن السد اكتمل."]
    assert made.narration is not None and made.narration["lexicon"] == 5
