"""Provenance: each bullet points at the article sentences that support it."""

from __future__ import annotations

from khulasa.arabic import sentences as splitter
from khulasa.model import Bullet, Summary
from khulasa.summarize import prompt
from khulasa.summarize.align import align, with_sources

SENTENCES = tuple(splitter.split(prompt.EXAMPLE_ARTICLE))


def texts(indices: tuple[int, ...]) -> list[str]:
    return [SENTENCES[i].text for i in indices]


def test_a_fused_bullet_cites_each_paragraph_it_draws_on() -> None:
    sources = align(prompt.EXAMPLE_BULLETS[0], SENTENCES)
    cited = " ".join(texts(sources))
    assert "210 آلاف طن" in cited  # the export figure, first paragraph
    assert "2.4 مليار دينار" in cited  # the revenue, second paragraph
    assert len(sources) <= 3


def test_the_second_bullet_cites_the_price_and_the_warning() -> None:
    cited = texts(align(prompt.EXAMPLE_BULLETS[1], SENTENCES))
    assert any("25%" in s for s in cited)
    assert any("القروض الموسمية" in s for s in cited)
    assert not any("210 آلاف" in s for s in cited)


def test_subheadings_are_never_sources_and_unrelated_text_has_none() -> None:
    headings = {s.index for s in SENTENCES if s.heading}
    assert headings
    for bullet in prompt.EXAMPLE_BULLETS:
        assert not headings & set(align(bullet, SENTENCES))
    assert align("انطلقت بطولة كأس العالم للأندية بمشاركة فرق من خمس قارات وسط حضور جماهيري.", SENTENCES) == ()
    assert align(prompt.EXAMPLE_BULLETS[0], ()) == ()


def test_with_sources_fills_only_bullets_that_lack_them() -> None:
    summary = Summary(
        bullets=(Bullet(prompt.EXAMPLE_BULLETS[0], (5,)), Bullet(prompt.EXAMPLE_BULLETS[1], ())),
        sentences=SENTENCES,
        engine="test",
    )
    aligned = with_sources(summary)
    assert aligned.bullets[0].sources == (5,)
    assert aligned.bullets[1].sources == align(prompt.EXAMPLE_BULLETS[1], SENTENCES)
    assert aligned.bullets[1].sources
