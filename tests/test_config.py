"""Settings: read once from KHULASA_* variables, checked when they load, one clear sentence when wrong."""

from __future__ import annotations

import pytest

from khulasa import config
from khulasa.errors import ConfigError


def test_values_come_from_the_environment_and_overrides_win() -> None:
    settings = config.load(environ={"KHULASA_BULLETS": "3", "KHULASA_GUARD_DICTIONARY": "false"})
    assert settings.bullets == 3 and settings.guard_dictionary is False
    assert config.load(environ={"KHULASA_BULLETS": "3"}, bullets=2).bullets == 2


@pytest.mark.parametrize(
    ("variable", "value", "says"),
    [
        ("KHULASA_FEED_TITLE", "   ", "KHULASA_FEED_TITLE"),
        ("KHULASA_FEED_AUTHOR", "", "KHULASA_FEED_AUTHOR"),
        ("KHULASA_PUBLIC_URL", "news.example.org", "absolute http(s) URL"),
        ("KHULASA_BULLETS", "11", "between 0"),
        ("KHULASA_HTTP_HEADER_TIMEOUT", "0", "http_header_timeout must be positive"),
        ("KHULASA_NARRATE", "headlines", "KHULASA_NARRATE must be summary, article or both"),
        ("KHULASA_ARTICLE_FORMATS", "wav", "KHULASA_ARTICLE_FORMATS must list mp3 and/or ogg"),
        ("KHULASA_ARTICLE_FORMATS", "mp3,mp3", "KHULASA_ARTICLE_FORMATS must list mp3 and/or ogg"),
    ],
)
def test_a_wrong_setting_is_one_sentence_naming_it(variable: str, value: str, says: str) -> None:
    with pytest.raises(ConfigError) as caught:
        config.load(environ={variable: value})
    assert says in caught.value.message


def test_what_is_read_aloud_is_the_summary_unless_the_operator_says_article_or_both() -> None:
    assert config.load(environ={}).narrate == "summary"
    assert config.load(environ={"KHULASA_NARRATE": "both"}).narrate == "both"
    assert config.load(environ={"KHULASA_NARRATE": "article"}).narrate == "article"
