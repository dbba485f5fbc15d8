"""Review before publishing, in the store: what waits, what is published, who may, and edits racing jobs."""

from __future__ import annotations

from typing import Any

import pytest
import sqlalchemy as sa

from khulasa.config import Settings
from khulasa.errors import NotInReview, NotYours
from khulasa.model import Article
from khulasa.store import articles, database, deliveries, jobs, keys
from khulasa.store.keys import ApiKey
from tests.store.conftest import database_at
from tests.web.articles import LIBRARY

MACHINE = {
    "bullets": [{"text": "افتتحت بلدية صفاقس المكتبة العمومية الجديدة في حي الحبيب.", "sources": [0]}],
    "engine": "extractive",
}
EDITED = {
    "bullets": [{"text": "تفتح مكتبة صفاقس الجديدة أبوابها للقراء بعد عامين من الأشغال.", "sources": [0]}],
    "engine": "editor",
    "author": "desk-editor",
}


def finish_next(engine: sa.Engine, summary: dict[str, Any], publish: str = "auto") -> jobs.Job:
    """Claim the next job and record it finished with ``summary`` (no audio), as the runner does."""
    job = jobs.claim(engine, 30)
    assert job is not None
    with engine.begin() as conn:
        assert articles.record_done(conn, job, summary, None, [], None, publish=publish)
    return job


def owner(engine: sa.Engine) -> ApiKey:
    coast = keys.create_key(engine, "coast-cms")[0]
    keys.set_webhook(engine, coast.id, "https://hooks.coast-cms.test/in")
    return coast


def events(engine: sa.Engine, key: ApiKey) -> list[tuple[str, int]]:
    return [(d["event"], d["body"]["version"]) for d in reversed(deliveries.log(engine, key.id))]


def test_in_review_mode_a_finished_version_waits_and_readers_without_a_key_see_nothing(engine: sa.Engine) -> None:
    coast = owner(engine)
    articles.upsert(engine, "library-1", Article(text=LIBRARY), key_id=coast.id)
    finish_next(engine, MACHINE, publish="review")
    keyed, public = articles.item(engine, "library-1"), articles.item(engine, "library-1", public=True)
    assert (keyed["state"], keyed["summary"], keyed["published_version"]) == ("review", MACHINE, None)
    assert public["summary"] is None and public["summary_version"] is None
    assert articles.finished(engine, 10) == []
    assert events(engine, coast) == [("summary.ready_for_review", 1)]  # no article.done: nothing went live


def test_publishing_makes_the_version_what_readers_see_and_says_so_once(engine: sa.Engine) -> None:
    coast = owner(engine)
    articles.upsert(engine, "library-1", Article(text=LIBRARY), key_id=coast.id)
    finish_next(engine, MACHINE, publish="review")
    articles.publish(engine, "library-1", "desk-editor", coast.id)
    public = articles.item(engine, "library-1", public=True)
    assert (public["state"], public["summary"], public["published_version"]) == ("done", MACHINE, 1)
    assert articles.item(engine, "library-1")["review"]["by"] == "desk-editor"
    assert [f.external_id for f in articles.finished(engine, 10)] == ["library-1"]
    assert events(engine, coast) == [("summary.ready_for_review", 1), ("summary.published", 1), ("article.done", 1)]
    with pytest.raises(NotInReview):
        articles.publish(engine, "library-1", "desk-editor", coast.id)


def test_the_articles_own_choice_overrides_the_setting(engine: sa.Engine) -> None:
    articles.upsert(engine, "library-1", Article(text=LIBRARY), key_id=None, publish="review")
    finish_next(engine, MACHINE, publish="auto")
    assert articles.item(engine, "library-1")["state"] == "review"
    articles.upsert(engine, "library-2", Article(text=LIBRARY), key_id=None, publish="auto")
    finish_next(engine, MACHINE, publish="review")
    assert articles.item(engine, "library-2", public=True)["published_version"] == 1


def test_a_rejected_version_keeps_its_note_and_readers_keep_the_published_one(engine: sa.Engine) -> None:
    articles.upsert(engine, "library-1", Article(text=LIBRARY), key_id=None)
    finish_next(engine, MACHINE)  # published at once (auto)
    articles.upsert(engine, "library-1", Article(text=LIBRARY.replace("60", "70")), key_id=None, publish="review")
    finish_next(engine, MACHINE | {"engine": "llm"}, publish="auto")
    articles.reject(engine, "library-1", "الرقم 70 خطأ، راجعوا النص.", "desk-editor", None)
    keyed = articles.item(engine, "library-1")
    assert keyed["state"] == "rejected" and keyed["review"]["note"] == "الرقم 70 خطأ، راجعوا النص."
    assert articles.item(engine, "library-1", public=True)["summary"] == MACHINE  # version 1, published
    with pytest.raises(NotInReview):
        articles.reject(engine, "library-1", "again", "desk-editor", None)


def test_only_the_owner_or_an_admin_reviews(engine: sa.Engine) -> None:
    coast, desert = owner(engine), keys.create_key(engine, "desert-cms")[0]
    articles.upsert(engine, "library-1", Article(text=LIBRARY), key_id=coast.id)
    finish_next(engine, MACHINE, publish="review")
    with pytest.raises(NotYours):
        articles.publish(engine, "library-1", "desert-cms", desert.id)
    with pytest.raises(NotYours):
        articles.reject(engine, "library-1", "no", "desert-cms", desert.id)
    with pytest.raises(NotYours):
        articles.edit_summary(engine, "library-1", lambda _a: EDITED, "desert-cms", desert.id)
    articles.publish(engine, "library-1", "desk-tools", desert.id, admin=True)
    assert articles.item(engine, "library-1")["state"] == "done"


def test_an_edit_is_a_new_version_whose_job_is_given_the_bullets(engine: sa.Engine) -> None:
    articles.upsert(engine, "library-1", Article(text=LIBRARY), key_id=None)
    finish_next(engine, MACHINE)
    number = articles.edit_summary(engine, "library-1", lambda article: EDITED | {"text": article.text[:5]}, "desk-editor", None)
    job = jobs.claim(engine, 30)
    assert number == 2 and job is not None
    assert articles.edited_summary(engine, job.version_id) == EDITED | {"text": LIBRARY[:5]}
    view = articles.item(engine, "library-1")
    assert view["state"] == "running" and view["summary"] == MACHINE  # the old box until the edit's audio is made
    history = [(v["version"], v["engine"], v["author"]) for v in view["versions"]]
    assert history == [(1, "extractive", None), (2, "editor", "desk-editor")]
    assert articles.upsert(engine, "library-1", Article(text=LIBRARY), key_id=None).new_version is False  # same text: kept


def test_an_edit_racing_a_running_job_wins_and_nothing_is_published_half_made(engine: sa.Engine) -> None:
    articles.upsert(engine, "library-1", Article(text=LIBRARY), key_id=None, publish="review")
    running = jobs.claim(engine, 30)  # the machine is still making version 1
    assert running is not None
    articles.edit_summary(engine, "library-1", lambda _a: EDITED, "desk-editor", None)
    with pytest.raises(NotInReview):  # the edit's audio is not made yet: nothing to publish
        articles.publish(engine, "library-1", "desk-editor", None)
    with engine.begin() as conn:  # version 1 finishes late
        articles.record_done(conn, running, MACHINE, None, [], None)
    view = articles.item(engine, "library-1")
    assert (view["state"], view["published_version"]) == ("queued", None)  # neither waiting for review nor published
    finish_next(engine, EDITED)
    view = articles.item(engine, "library-1")
    assert (view["state"], view["summary_version"], view["summary"]) == ("review", 2, EDITED)
    articles.publish(engine, "library-1", "desk-editor", None)
    assert articles.item(engine, "library-1", public=True)["summary"] == EDITED


def test_an_older_version_finishing_late_never_replaces_a_newer_finished_one(engine: sa.Engine) -> None:
    articles.upsert(engine, "library-1", Article(text=LIBRARY), key_id=None)
    first = jobs.claim(engine, 30)
    articles.upsert(engine, "library-1", Article(text=LIBRARY.replace("60", "70")), key_id=None)
    assert first is not None
    with engine.begin() as conn:  # the lease of version 1 ran out; version 2 was made meanwhile
        conn.execute(sa.text("UPDATE jobs SET state = 'done' WHERE id = :id"), {"id": first.id})
    finish_next(engine, EDITED)
    with engine.begin() as conn:
        articles.record_done(conn, first, MACHINE, None, [], None)
    view = articles.item(engine, "library-1", public=True)
    assert (view["summary_version"], view["summary"], view["published_version"]) == (2, EDITED, 2)


def test_asking_for_other_audio_remakes_a_box_waiting_for_review(engine: sa.Engine) -> None:
    articles.upsert(engine, "library-1", Article(text=LIBRARY), key_id=None, publish="review")
    finish_next(engine, MACHINE)
    again = articles.upsert(engine, "library-1", Article(text=LIBRARY), key_id=None, narrate="both")
    assert (again.state, again.new_version) == ("queued", True)


def test_what_was_finished_before_review_existed_stays_published(empty_settings: Settings) -> None:
    database_at(
        empty_settings,
        "0008",
        "INSERT INTO articles (external_id, state, version_id, done_version_id, language, metadata, created_at, updated_at)"
        " VALUES ('old-1', 'done', 1, 1, 'ar', '{}', 0, 0)",
        "INSERT INTO versions (article_id, number, content_hash, text, created_at, summary)"
        """ VALUES (1, 1, 'h', 'نص قديم', 0, '{"bullets": [], "engine": "extractive"}')""",
    )
    engine = database.connect(empty_settings)
    try:
        view = articles.item(engine, "old-1", public=True)
        assert (view["published_version"], view["summary_version"]) == (1, 1)
        assert [(v["version"], v["engine"], v["author"]) for v in articles.item(engine, "old-1")["versions"]] == [
            (1, "extractive", None)
        ]
    finally:
        engine.dispose()
