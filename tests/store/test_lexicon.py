"""The dictionary in the database: entries, a version every change bumps, and which finished items to read again."""

from __future__ import annotations

from typing import Any

import pytest
import sqlalchemy as sa

from khulasa.errors import BadEntry, DuplicateTerm, NotFound
from khulasa.model import Article
from khulasa.speech.lexicon import Entry
from khulasa.store import articles, jobs
from khulasa.store import lexicon as dictionary
from khulasa.store.schema import jobs as job_rows

STORY = (
    "قالت صحيفة فيدوموستي الروسية إن الحكومة تدرس خطة جديدة لدعم المزارعين في الجنوب بعد موسم جفاف طويل.\n"
    "وأضافت الصحيفة أن الخطة تشمل قروضا ميسرة وإعفاءات من الرسوم لمدة عامين."
)
OTHER = "افتتحت البلدية مكتبة عامة جديدة في وسط المدينة تضم آلاف الكتب وقاعات للمطالعة والأنشطة الثقافية للأطفال."


def _finished(engine: sa.Engine, external_id: str, text: str, bullets: list[str], narration: dict[str, Any] | None) -> None:
    """An item whose job has run: its summary stored and, with ``narration``, its audio."""
    articles.upsert(engine, external_id, Article(text=text), key_id=None)
    job = jobs.claim(engine, 30)
    assert job is not None
    with engine.begin() as conn:
        assert articles.record_done(conn, job, {"bullets": [{"text": b} for b in bullets]}, narration, [], None)


def _queued(engine: sa.Engine) -> int:
    with engine.connect() as conn:
        return int(conn.execute(sa.select(sa.func.count()).where(job_rows.c.state == "queued")).scalar_one())


def test_every_change_bumps_the_version(engine: sa.Engine) -> None:
    assert dictionary.listing(engine) == (0, [])
    entry = dictionary.add(engine, "فيدوموستي", "فِيدُومُوسْتِي", "صحيفة روسية")
    first, listed = dictionary.listing(engine)
    assert first > 0 and [(e.id, e.term, e.say, e.note) for e in listed] == [(entry.id, "فيدوموستي", "فِيدُومُوسْتِي", "صحيفة روسية")]
    changed = dictionary.change(engine, entry.id, say="فِيدُومُوستي")
    assert changed.say == "فِيدُومُوستي" and changed.note == "صحيفة روسية" and changed.updated_at >= entry.updated_at
    second = dictionary.listing(engine)[0]
    dictionary.change(engine, entry.id, note=None)
    third = dictionary.listing(engine)[0]
    dictionary.remove(engine, entry.id)
    fourth, left = dictionary.listing(engine)
    assert first < second < third < fourth and left == []


def test_a_term_already_there_is_a_duplicate_whatever_its_case_or_tashkeel(engine: sa.Engine) -> None:
    dictionary.add(engine, "CNN", "سي إن إن")
    with pytest.raises(DuplicateTerm, match="already has «CNN»"):
        dictionary.add(engine, "cnn", "سِي إِنْ إِنْ")
    other = dictionary.add(engine, "الأمم المتحدة", "الأُمَمُ المُتَّحِدَة")
    with pytest.raises(DuplicateTerm):
        dictionary.change(engine, other.id, term="Cnn")
    with pytest.raises(DuplicateTerm):
        dictionary.add(engine, "الأُمَم المتحدة", "الأمم")


def test_unknown_ids_and_bad_entries_are_refused_and_change_nothing(engine: sa.Engine) -> None:
    with pytest.raises(NotFound, match="no entry 404"):
        dictionary.change(engine, 404, say="نون")
    with pytest.raises(NotFound):
        dictionary.remove(engine, 404)
    with pytest.raises(BadEntry):
        dictionary.add(engine, "CNN", "C N N")
    entry = dictionary.add(engine, "CNN", "سي إن إن")
    version = dictionary.listing(engine)[0]
    with pytest.raises(BadEntry):
        dictionary.change(engine, entry.id, say="")
    assert dictionary.listing(engine)[0] == version


def test_import_adds_new_terms_changes_known_ones_and_is_one_version(engine: sa.Engine) -> None:
    dictionary.add(engine, "بوتين", "بوتين")
    before = dictionary.listing(engine)[0]
    added, changed = dictionary.import_entries(
        engine, [Entry("بوتين", "بُوتِين"), Entry("CNN", "سي إن إن"), Entry("BBC", "بي بي سي", "هيئة الإذاعة")]
    )
    after, entries = dictionary.listing(engine)
    assert (added, changed) == (2, 1) and after == before + 1
    assert {e.term: e.say for e in entries} == {"بوتين": "بُوتِين", "CNN": "سي إن إن", "BBC": "بي بي سي"}
    assert dictionary.import_entries(engine, [Entry("CNN", "سي إن إن")]) == (0, 0)
    assert dictionary.listing(engine)[0] == after


def test_the_current_dictionary_is_built_again_only_when_its_version_changed(engine: sa.Engine) -> None:
    dictionary.add(engine, "فيدوموستي", "فِيدُومُوسْتِي")
    first = dictionary.current(engine)
    assert dictionary.current(engine) is first
    assert first.apply("نقلت فيدوموستي") == "نقلت فِيدُومُوسْتِي"
    dictionary.add(engine, "نقلت", "نَقَلَتْ")
    second = dictionary.current(engine)
    assert second is not first and second.version > first.version
    assert second.apply("نقلت فيدوموستي") == "نَقَلَتْ فِيدُومُوسْتِي"


def test_renarrate_queues_only_finished_items_whose_audio_reads_a_term_changed_since_it_was_made(engine: sa.Engine) -> None:
    _finished(engine, "story", STORY, ["قالت صحيفة فيدوموستي إن الحكومة تدرس خطة لدعم المزارعين."], {"duration": 3.0})
    _finished(engine, "library", OTHER, ["افتتحت البلدية مكتبة عامة جديدة."], {"duration": 2.0})
    _finished(engine, "silent", STORY + "\nسطر.", ["قالت صحيفة فيدوموستي إن الحكومة تدرس خطة."], None)  # no audio to remake
    assert dictionary.renarrate(engine) == 0  # no change yet
    dictionary.add(engine, "فيدوموستي", "فِيدُومُوسْتِي")
    assert dictionary.renarrate(engine) == 1 and _queued(engine) == 1
    with engine.connect() as conn:
        queued = conn.execute(sa.select(job_rows.c.article_id).where(job_rows.c.state == "queued")).scalar_one()
        story = conn.execute(sa.text("SELECT id FROM articles WHERE external_id = 'story'")).scalar_one()
    assert queued == story


def test_audio_made_with_the_newest_version_is_not_queued_again(engine: sa.Engine) -> None:
    dictionary.add(engine, "فيدوموستي", "فِيدُومُوسْتِي")
    version = dictionary.listing(engine)[0]
    _finished(engine, "story", STORY, ["قالت صحيفة فيدوموستي إن الحكومة تدرس خطة."], {"duration": 3.0, "lexicon": version})
    assert dictionary.renarrate(engine) == 0
    dictionary.add(engine, "المزارعين", "المُزارِعِين")  # only in the article's text, which this item's audio does not read
    assert dictionary.renarrate(engine) == 0
    entry = dictionary.listing(engine)[1][0]
    dictionary.remove(engine, entry.id)  # a removed term is read the voice's way again: that audio is remade
    assert dictionary.renarrate(engine) == 1


def test_whole_article_audio_counts_the_article_text(engine: sa.Engine) -> None:
    articles.upsert(engine, "long", Article(text=STORY), key_id=None)
    job = jobs.claim(engine, 30)
    assert job is not None
    with engine.begin() as conn:
        articles.record_done(conn, job, {"bullets": [{"text": "خطة لدعم المزارعين."}]}, None, [], None, None, {"duration": 9.0})
    dictionary.add(engine, "الصحيفة", "الصَّحِيفَة")
    assert dictionary.renarrate(engine) == 1


def test_made_with_reads_the_version_a_narration_records() -> None:
    assert dictionary.made_with(None) == 0
    assert dictionary.made_with({"duration": 1.0}) == 0
    assert dictionary.made_with({"duration": 1.0, "lexicon": 12}) == 12
