"""Word lists: everyday words and particles with their clitics, told apart from names that only look like them."""

from __future__ import annotations

import pytest

from khulasa.arabic.normalize import normalize
from khulasa.arabic.words import STOPWORDS, is_common, is_function_word, word_set


@pytest.mark.parametrize(
    "word", ["فيها", "منه", "وهي", "بعدما", "لديها", "ولها", "عليهم", "إليه", "بينهما", "لأنها", "فيما", "وبذلك", "كلها", "نفسه"]
)
def test_a_particle_or_pronoun_with_its_clitics_is_a_function_word(word: str) -> None:
    assert is_function_word(normalize(word))
    assert is_common(normalize(word))


@pytest.mark.parametrize("word", ["مدرسة", "بيروت", "فيصل", "منصور", "عليان", "بعدان"])
def test_a_word_that_only_starts_or_ends_like_a_particle_is_not_one(word: str) -> None:
    assert not is_function_word(normalize(word))


def test_a_word_list_is_held_normalized() -> None:
    assert word_set("إلى أكد") == {normalize("إلى"), normalize("أكد")}
    assert normalize("إلى") in STOPWORDS
