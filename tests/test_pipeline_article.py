"""The whole article read aloud: cleaned as the summary sees it, paragraph by paragraph, streamed into files."""

from __future__ import annotations

from itertools import pairwise
from pathlib import Path

import pytest

from khulasa import config, pipeline
from khulasa.errors import EmptyInput, NotArabic
from khulasa.model import Article, Narration
from khulasa.speech import audio, timings

DAM = (Path(__file__).parent / "fixtures" / "service" / "dam_article.txt").read_text(encoding="utf-8")
"""A news article with a dateline tag, a «read also» block, a subheading, a caption and a credit line."""


def test_headings_captions_read_also_dateline_and_credit_are_not_read() -> None:
    read = " ".join(" ".join(sentences) for sentences in pipeline.article_paragraphs(Article(text=DAM)))
    assert read.startswith("بدأت وزارة المياه والري")  # not «عمّان - (بترا) -»
    for furniture in ("اقرأ أيضا", "خطة وطنية لترشيد", "مراحل المشروع", "صورة أرشيفية", "(بترا)"):
        assert furniture not in read, furniture
    assert "48 مليون دينار" in read and read.endswith("خلال الربيع.")


@pytest.fixture(scope="module")
def streamed(tmp_path_factory: pytest.TempPathFactory) -> tuple[Narration, Path]:
    """The article read by the default voice straight into an MP3 file."""
    path = tmp_path_factory.mktemp("article") / "article.mp3"
    with path.open("w+b") as sink:
        narration = pipeline.narrate_article(Article(text=DAM), config.load(environ={}), ("mp3",), sinks=[sink])
    return narration, path


def test_each_paragraph_has_a_segment_spanning_its_sentences(streamed: tuple[Narration, Path]) -> None:
    narration, _path = streamed
    paragraphs = [s for s in narration.segments if s.kind == "paragraph"]
    sentences = [s for s in narration.segments if s.kind == "sentence"]
    assert [p.index for p in paragraphs] == [0, 1, 2, 3]
    assert paragraphs[3].text.endswith("خلال الربيع.") and len(sentences) == 5  # the last paragraph has two sentences
    assert paragraphs[3].start == sentences[3].start and paragraphs[3].end == sentences[4].end
    assert all(a.end <= b.start for a, b in pairwise(paragraphs))
    assert paragraphs[-1].end == pytest.approx(narration.duration, abs=0.05)
    assert any(s.kind == "word" and s.text == "الوالة" for s in narration.segments)


def test_the_audio_is_written_to_the_file_not_kept(streamed: tuple[Narration, Path]) -> None:
    narration, path = streamed
    assert narration.files == ()
    measured = audio.measure(audio.AudioFile(path.read_bytes(), "audio/mpeg", "mp3"))
    assert measured.duration == pytest.approx(narration.duration, abs=0.1)


def test_the_webvtt_cues_are_the_sentences_and_the_json_has_the_paragraphs(streamed: tuple[Narration, Path]) -> None:
    narration, _path = streamed
    vtt = timings.as_webvtt(narration)
    assert vtt.count("sentence-") == 5 and "paragraph-" not in vtt
    assert timings.as_json(narration).count('"kind": "paragraph"') == 4


@pytest.mark.parametrize(
    ("text", "error"),
    [("   ", EmptyInput), ("The dam opened today.", NotArabic), ("(بترا)", EmptyInput)],
)
def test_an_article_with_nothing_to_read_says_why(text: str, error: type[Exception]) -> None:
    with pytest.raises(error):
        pipeline.narrate_article(Article(text=text), config.load(environ={}), ("mp3",))
