"""Pieces that fit a service's request limit: cut at sentence ends, else between words, never inside a word."""

from __future__ import annotations

import pytest

from khulasa.errors import SpeechError
from khulasa.speech.voices.cloud import pieces, words_from_starts
from tests.speech.voices.conftest import NEWS


def test_a_script_that_fits_is_one_piece() -> None:
    assert pieces(NEWS, lambda text: True) == [(0, NEWS)]


def test_sentences_are_kept_whole_and_joined_while_they_fit() -> None:
    first_two = NEWS.index("هَلْ") - 1
    cut = pieces(NEWS, lambda text: len(text) <= first_two)
    assert [text for _, text in cut] == [NEWS[:first_two], NEWS[first_two + 1 :]]
    assert all(NEWS[offset : offset + len(text)] == text for offset, text in cut)


def test_a_sentence_too_long_is_cut_between_words() -> None:
    cut = pieces(NEWS, lambda text: len(text) <= 30)
    assert all(len(text) <= 30 for _, text in cut)
    assert " ".join(text for _, text in cut).split() == NEWS.split()
    assert all(NEWS[offset : offset + len(text)] == text for offset, text in cut)


def test_a_word_longer_than_any_request_is_a_clear_error() -> None:
    with pytest.raises(SpeechError, match="longer than the speech service accepts"):
        pieces(NEWS, lambda text: len(text) <= 4)


def test_word_times_need_one_start_per_spoken_word() -> None:
    text = "قَالَ الوَزِيرُ - نَعَمْ"
    words = words_from_starts(text, [0.0, 0.4, 0.9], 1.5)
    assert [text[w.start_char : w.end_char] for w in words] == ["قَالَ", "الوَزِيرُ", "نَعَمْ"]
    assert [(w.start, w.end) for w in words] == [(0.0, 0.4), (0.4, 0.9), (0.9, 1.5)]
    assert words_from_starts(text, [0.0, 0.4], 1.5) == ()
