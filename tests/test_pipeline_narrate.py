"""Narration: a summary (or any text) read aloud, with timings a player can follow."""

from __future__ import annotations

import unicodedata
from pathlib import Path

import pytest

from khulasa import config, pipeline
from khulasa.config import Settings
from khulasa.errors import EmptyInput, NativeCrash, NotArabic, SpeechError
from khulasa.model import AudioFile, Bullet, Narration, Summary
from khulasa.speech import audio
from tests.speech.voices.test_piper import tiny_voice

BULLETS = (
    "وقّعت الحكومة يوم 19 يونيو/حزيران 2024 اتفاقاً بقيمة 3.5 مليار دولار لبناء محطة لتحلية مياه البحر في العقبة.",
    "وتنتج المحطة 300 مليون متر مكعب سنوياً، ويبدأ تشغيلها التجريبي عام 2029.",
)


def summary_of(*bullets: str) -> Summary:
    return Summary(tuple(Bullet(text, (i,)) for i, text in enumerate(bullets)), (), "extractive")


@pytest.fixture(scope="module")
def narration() -> Narration:
    """The two bullets read by the default voice, as MP3 and Ogg Opus."""
    return pipeline.narrate(summary_of(*BULLETS), config.load(environ={}), ("mp3", "ogg"))


def test_each_format_decodes_to_the_narration_at_target_loudness(narration: Narration) -> None:
    assert [(f.extension, f.media_type) for f in narration.files] == [("mp3", "audio/mpeg"), ("ogg", "audio/ogg")]
    for file in narration.files:
        measured = audio.measure(file)
        assert measured.duration == pytest.approx(narration.duration, abs=0.1)
        assert measured.loudness == pytest.approx(-16.0, abs=1.0)
        assert measured.true_peak <= -1.0
    assert narration.loudness == pytest.approx(-16.0, abs=1.0)
    assert narration.true_peak is not None and narration.true_peak <= -1.0
    assert narration.voice == "espeak"


def test_bullets_follow_each_other_with_a_pause(narration: Narration) -> None:
    bullets = [s for s in narration.segments if s.kind == "bullet"]
    assert [(b.index, b.text) for b in bullets] == list(enumerate(BULLETS))
    first, second = bullets
    assert first.start == 0.0 and first.end < second.start
    assert second.start - first.end == pytest.approx(config.Settings().bullet_pause, abs=0.01)
    assert second.end == pytest.approx(narration.duration, abs=0.01)
    assert first.end - first.start > 3.0  # a sentence of 18 words, numbers spelled out, takes seconds to say


def test_words_are_the_displayed_words_in_reading_order(narration: Narration) -> None:
    for bullet in (s for s in narration.segments if s.kind == "bullet"):
        words = [s for s in narration.segments if s.kind == "word" and s.index == bullet.index]
        displayed = BULLETS[bullet.index].split()
        assert len(words) >= len(displayed) - 2
        assert all(w.text in displayed for w in words)
        assert [w.start for w in words] == sorted(w.start for w in words)
        assert all(bullet.start <= w.start < w.end <= bullet.end + 0.01 for w in words)
    texts = [s.text for s in narration.segments if s.kind == "word"]
    assert "2024" in texts and "3.5" in texts  # numbers keep their displayed form, timed over their spoken words


def test_emoji_and_control_characters_are_not_spoken(settings: Settings) -> None:
    narration = pipeline.narrate(summary_of("ارتفعت \x07الأسعار 🙂 بنسبة كبيرة هذا الشهر."), settings)
    words = [s.text for s in narration.segments if s.kind == "word"]
    assert "🙂" not in words and "الأسعار" in " ".join(words)
    assert audio.measure(narration.files[0]).loudness > audio.SILENT_LUFS


def test_symbols_the_verbalizer_reads_are_spoken(settings: Settings) -> None:
    narration = pipeline.narrate(summary_of("بلغت الحرارة 45° في المدينة أمس."), settings)
    degrees = next(s for s in narration.segments if s.kind == "word" and s.text == "45°")
    city = next(s for s in narration.segments if s.kind == "word" and s.text == "المدينة")
    assert degrees.end - degrees.start > city.end - city.start  # "خمس وأربعون درجة" is three words


def test_an_empty_summary_is_refused(settings: Settings) -> None:
    with pytest.raises(EmptyInput, match="no bullets"):
        pipeline.narrate(summary_of(), settings)


def test_another_voice_by_name(tmp_path: Path) -> None:
    settings = config.load(environ={}, voice="piper", piper_model=str(tiny_voice(tmp_path)), diacritizer="none")
    narration = pipeline.narrate(summary_of("أعلنت الوزارة خطة جديدة.", "وتبدأ الأعمال قريباً."), settings)
    assert narration.voice == "piper"
    words = [s.text for s in narration.segments if s.kind == "word"]
    assert words == ["أعلنت", "الوزارة", "خطة", "جديدة.", "وتبدأ", "الأعمال", "قريباً."]


def test_a_silent_voice_is_an_error_not_an_empty_file(tmp_path: Path) -> None:
    settings = config.load(environ={}, voice="piper", piper_model=str(tiny_voice(tmp_path, amplitude=0.0)))
    with pytest.raises(SpeechError, match="silence"):
        pipeline.narrate(summary_of("أعلنت الوزارة خطة جديدة."), settings)


def test_text_is_read_sentence_by_sentence_and_long_sentences_are_cut() -> None:
    clause = "وقالت الوزارة إن المشروع يخدم المدن الشمالية ويحمي المياه الجوفية من الاستنزاف"
    rambling = "، ".join([clause] * 10) + "."  # 120 words, no full stop until the end
    text = f"أعلنت الوزارة خطة جديدة للمياه.\n\n{rambling}\nوتبدأ الأعمال العام المقبل."
    narration = pipeline.narrate_text(text, config.load(environ={}, speed=2.0))
    sentences = [s for s in narration.segments if s.kind == "sentence"]
    assert sentences[0].text == "أعلنت الوزارة خطة جديدة للمياه."
    assert sentences[-1].text == "وتبدأ الأعمال العام المقبل."
    middle = sentences[1:-1]
    assert len(middle) >= 2 and all(len(s.text.split()) <= pipeline.PIECE_WORDS for s in middle)
    assert " ".join(s.text for s in middle).replace("، ", " ").split() == rambling.replace("،", "").split()
    assert audio.measure(narration.files[0]).loudness == pytest.approx(-16.0, abs=1.0)


@pytest.mark.parametrize(
    ("text", "error"),
    [("", EmptyInput), ("  \n\t", EmptyInput), ("The ministry announced a plan.", NotArabic), ("🙂🙂 🎉", NotArabic)],
)
def test_text_that_cannot_be_read_aloud_gets_one_clear_error(settings: Settings, text: str, error: type[Exception]) -> None:
    with pytest.raises(error):
        pipeline.narrate_text(text, settings)


def test_text_streamed_into_a_file_sounds_as_the_one_returned_in_memory(tmp_path: Path) -> None:
    text = "أعلنت الوزارة خطة جديدة للمياه. وتبدأ الأعمال في 3 مدن العام المقبل، وتنتهي بعد عامين."
    settings = config.load(environ={}, speed=2.0)
    in_memory = pipeline.narrate_text(text, settings)
    with (tmp_path / "story.mp3").open("w+b") as sink:
        streamed = pipeline.narrate_text(text, settings, sinks=[sink])
    assert streamed.files == ()
    # the same words at the same times: eSpeak's timing can move by a sample between two calls in one process
    assert [(s.kind, s.index, s.text) for s in streamed.segments] == [(s.kind, s.index, s.text) for s in in_memory.segments]
    for ours, theirs in zip(streamed.segments, in_memory.segments, strict=True):
        assert ours.start == pytest.approx(theirs.start, abs=1e-3) and ours.end == pytest.approx(theirs.end, abs=1e-3)
    written = audio.measure(AudioFile((tmp_path / "story.mp3").read_bytes(), "audio/mpeg", "mp3"))
    expected = audio.measure(in_memory.files[0])
    assert written.duration == pytest.approx(expected.duration, abs=0.01)
    assert written.loudness == pytest.approx(expected.loudness, abs=0.1)
    assert written.loudness == pytest.approx(-16.0, abs=0.5) and written.true_peak <= -1.0
    assert streamed.loudness == pytest.approx(written.loudness, abs=0.01)


@pytest.mark.parametrize("length", [100, 1_000, 10_000])
@pytest.mark.parametrize("unit", ["الاقتصاد", "economy"])
def test_a_run_of_letters_without_spaces_is_read_in_pieces(length: int, unit: str) -> None:
    """Scraped pages and PDFs deliver a word repeated without spaces; eSpeak NG crashed on ~140 characters of it."""
    run = (unit * length)[:length]
    narration = pipeline.narrate(summary_of(f"أعلنت الوزارة {run} خطة جديدة للمياه."), config.load(environ={}))
    assert narration.duration > 1.0
    words = [s.text for s in narration.segments if s.kind == "word"]
    assert words[:2] == ["أعلنت", "الوزارة"] and words[-1] == "للمياه."


def test_pieces_of_a_long_run_never_part_a_letter_from_its_marks() -> None:
    marked = "كَتَبَ" * 20  # 120 characters, every other one a mark
    pieces = pipeline._speakable(marked, 30).split()
    assert "".join(pieces) == marked
    assert all(len(p) <= 30 and not unicodedata.combining(p[0]) for p in pieces)


def test_a_crash_in_the_voice_costs_that_text_only() -> None:
    """The trigger itself, handed to the real eSpeak NG past the cutting: it segfaults in its child process."""
    settings = config.load(environ={})
    with pytest.raises(NativeCrash, match=r"^the voice crashed on this text \(signal SIGSEGV\)\.$"):
        pipeline.speak("أعلنت " + "الاقتصاد" * 30, settings)
    spoken = pipeline.speak("وقالت الوزارة إن الخطة تبدأ قريبا", settings)
    assert spoken is not None and spoken[1].samples.size > 0
