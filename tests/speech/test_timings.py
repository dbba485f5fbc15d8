"""Timings: the voice's word times land on the displayed words, and export as JSON and WebVTT."""

from __future__ import annotations

import json
import re

from khulasa.model import AudioFile, Narration, Segment
from khulasa.speech import timings
from khulasa.speech.voices import WordTiming


def timed(script: str, seconds_per_word: float = 0.5) -> list[WordTiming]:
    """Word timings for each whitespace word of ``script``, back to back."""
    out = []
    for k, match in enumerate(re.finditer(r"\S+", script)):
        out.append(WordTiming(match.start(), match.end(), k * seconds_per_word, (k + 1) * seconds_per_word))
    return out


def test_diacritized_words_map_one_to_one_onto_the_display() -> None:
    display = "وقّعت الحكومة اتفاقاً لبناء محطة."
    script = "وَقَّعَتِ الحُكُومَةُ اتِّفَاقًا لِبِنَاءِ مَحَطَّةٍ."
    segments = timings.word_segments(display, script, timed(script), index=1, offset=10.0)
    assert [s.text for s in segments] == ["وقّعت", "الحكومة", "اتفاقاً", "لبناء", "محطة."]
    assert all(s.kind == "word" and s.index == 1 for s in segments)
    assert [s.start for s in segments] == [10.0, 10.5, 11.0, 11.5, 12.0]
    assert segments[-1].end == 12.5


def test_a_verbalized_number_takes_the_time_of_all_its_spoken_words() -> None:
    display = "بلغت الكلفة 2024 مليون دولار"
    script = "بَلَغَتِ الكُلْفَةُ أَلْفَيْنِ وَأَرْبَعَةً وَعِشْرِينَ مِلْيُونَ دُولَارٍ"
    segments = timings.word_segments(display, script, timed(script), index=0, offset=0.0)
    assert [s.text for s in segments] == ["بلغت", "الكلفة", "2024", "مليون", "دولار"]
    number = segments[2]
    assert (number.start, number.end) == (1.0, 2.5)
    assert segments[3].start == 2.5


def test_a_dropped_symbol_gets_no_segment_and_no_timings_give_none() -> None:
    display = "ارتفعت الأسعار — بشدة"
    script = "ارْتَفَعَتِ الأَسْعَارُ بِشِدَّةٍ"
    segments = timings.word_segments(display, script, timed(script), index=0, offset=0.0)
    assert [s.text for s in segments] == ["ارتفعت", "الأسعار", "بشدة"]
    assert timings.word_segments(display, script, [], index=0, offset=0.0) == []


def narration() -> Narration:
    segments = (
        Segment("bullet", 0, "أعلنت الوزارة <خطة> جديدة & واسعة.", 0.0, 2.0),
        Segment("word", 0, "أعلنت", 0.0, 0.5),
        Segment("word", 0, "الوزارة", 0.5, 1.0),
        Segment("bullet", 1, "وتبدأ الأعمال العام المقبل.", 2.6, 3725.25),
    )
    return Narration((AudioFile(b"ID3", "audio/mpeg", "mp3"),), 3725.25, segments, "espeak", -16.04, -1.52)


def test_json_holds_every_segment_and_the_measurements() -> None:
    data = json.loads(timings.as_json(narration()))
    assert data["duration"] == 3725.25 and data["voice"] == "espeak"
    assert data["loudness"] == -16.04 and data["true_peak"] == -1.52
    assert data["files"] == [{"extension": "mp3", "media_type": "audio/mpeg", "bytes": 3}]
    assert [s["kind"] for s in data["segments"]] == ["bullet", "word", "word", "bullet"]
    assert data["segments"][1] == {"kind": "word", "index": 0, "text": "أعلنت", "start": 0.0, "end": 0.5}


def test_webvtt_has_one_cue_per_bullet_with_word_timestamps() -> None:
    vtt = timings.as_webvtt(narration())
    assert vtt.startswith("WEBVTT\n\n")
    cues = vtt.strip().split("\n\n")[1:]
    assert len(cues) == 2
    first = cues[0].splitlines()
    assert first[:2] == ["bullet-1", "00:00:00.000 --> 00:00:02.000"]
    assert first[2] == "أعلنت <00:00:00.500>الوزارة"
    second = cues[1].splitlines()
    assert second[1] == "00:00:02.600 --> 01:02:05.250"
    assert second[2] == "وتبدأ الأعمال العام المقبل."


def test_webvtt_timestamps_only_move_forward() -> None:
    segments = (
        Segment("bullet", 0, "نص", 1.0, 2.0),
        Segment("word", 0, "أ", 1.0, 1.2),
        Segment("word", 0, "ب", 1.0, 1.2),
        Segment("word", 0, "ج", 1.5, 1.9),
        Segment("word", 0, "د", 1.5, 1.9),
    )
    payload = timings.as_webvtt(Narration((), 2.0, segments, "espeak")).strip().splitlines()[-1]
    assert payload == "أ ب <00:00:01.500>ج د"


def test_webvtt_escapes_markup_in_bullet_text() -> None:
    only_bullet = Narration((), 2.0, (Segment("bullet", 0, "خطة <جديدة> & أخرى --> تالية", 0.0, 2.0),), "http")
    payload = timings.as_webvtt(only_bullet).strip().splitlines()[-1]
    assert payload == "خطة &lt;جديدة&gt; &amp; أخرى → تالية"


def test_webvtt_of_a_text_read_aloud_has_one_cue_per_sentence() -> None:
    segments = (
        Segment("sentence", 0, "أعلنت الوزارة خطة جديدة.", 0.0, 2.0),
        Segment("word", 0, "أعلنت", 0.0, 0.5),
        Segment("word", 0, "الوزارة", 0.5, 1.0),
        Segment("sentence", 1, "وتبدأ الأعمال العام المقبل.", 2.6, 4.0),
    )
    cues = timings.as_webvtt(Narration((), 4.0, segments, "espeak")).strip().split("\n\n")[1:]
    assert [cue.splitlines()[:2] for cue in cues] == [
        ["sentence-1", "00:00:00.000 --> 00:00:02.000"],
        ["sentence-2", "00:00:02.600 --> 00:00:04.000"],
    ]
    assert cues[0].splitlines()[2] == "أعلنت <00:00:00.500>الوزارة"
