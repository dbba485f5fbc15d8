"""The pronunciation dictionary sits between the verbalizer and the diacritizer: the voice hears the say, never the term."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from khulasa import config, pipeline
from khulasa.config import Settings
from khulasa.errors import NotArabic
from khulasa.model import Article, Bullet, Summary
from khulasa.speech.lexicon import Entry, Lexicon
from tests.speechserver import Heard, speech_server

NEWSROOM = Lexicon([Entry("فيدوموستي", "فِيدُومُوسْتِي"), Entry("CNN", "سِي إِنْ إِنْ"), Entry("الكرملين", "الكِرْمْلِين")], version=3)


@pytest.fixture
def heard() -> Iterator[Heard]:
    with speech_server() as server:
        yield server


def voice_at(heard: Heard) -> Settings:
    """The "http" voice on the loopback server, no diacritizer: what the dictionary gives is what the voice hears."""
    return config.load(environ={}, voice="http", tts_base_url=heard.url, tts_format="pcm", diacritizer="none")


def test_the_voice_hears_each_bullets_say_and_never_the_term(heard: Heard) -> None:
    summary = Summary(
        (
            Bullet("نقلت صحيفة فيدوموستي عن مصادر أن المحادثات تعثرت.", (0,)),
            Bullet("وقالت شبكة CNN إن للكرملين رأيا آخر في 2024.", (1,)),
        ),
        (),
        "editor",
    )
    narration = pipeline.narrate(summary, voice_at(heard), ["mp3"], NEWSROOM)
    said = heard.said()
    assert "فِيدُومُوسْتِي" in said and "سِي إِنْ إِنْ" in said and "للكِرْمْلِين" in said
    assert "فيدوموستي" not in said and "CNN" not in said and "للكرملين" not in said
    assert "ألفين وأربعة وعشرين" in said  # verbalized first, then the dictionary
    assert [s.text for s in narration.segments if s.kind == "bullet"] == [b.text for b in summary.bullets]


def test_without_a_dictionary_the_voice_hears_the_verbalized_text(heard: Heard) -> None:
    pipeline.narrate(Summary((Bullet("نقلت صحيفة فيدوموستي الخبر.", (0,)),), (), "x"), voice_at(heard), ["mp3"])
    assert "فيدوموستي" in heard.said()


def test_the_whole_article_is_read_with_the_dictionary_too(heard: Heard) -> None:
    article = Article(text="قالت صحيفة فيدوموستي إن الكرملين يدرس الخطة.\n\nوأضافت أن القرار يصدر قريبا.")
    pipeline.narrate_article(article, voice_at(heard), ["mp3"], lexicon=NEWSROOM)
    said = heard.said()
    assert "فِيدُومُوسْتِي" in said and "الكِرْمْلِين" in said and "فيدوموستي" not in said


def test_a_latin_term_alone_can_be_heard_once_the_dictionary_says_it_in_arabic(heard: Heard) -> None:
    pipeline.narrate_text("CNN", voice_at(heard), ["mp3"], lexicon=NEWSROOM)
    assert heard.texts == ["سِي إِنْ إِنْ"]
    with pytest.raises(NotArabic):
        pipeline.narrate_text("BBC", voice_at(heard), ["mp3"], lexicon=NEWSROOM)
