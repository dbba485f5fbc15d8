"""Articles by the CMS's id: one version per distinct text, a job per version, results, listing, delete."""

from __future__ import annotations

import re

import pytest
import sqlalchemy as sa

from khulasa.errors import NotFound, NotYours, UnencodableText
from khulasa.model import Article
from khulasa.store import articles, deliveries, jobs, keys
from khulasa.store.articles import StoredFile, article_digest
from khulasa.store.blobs import DirectoryBlobStore
from tests.web.articles import HARBOUR, LIBRARY


def jobs_of(engine: sa.Engine) -> list[tuple[str, int]]:
    with engine.connect() as conn:
        return [tuple(r) for r in conn.exec_driver_sql("SELECT state, version_id FROM jobs ORDER BY id")]  # type: ignore[misc]


def test_layout_is_not_content() -> None:
    assert article_digest(LIBRARY) == article_digest("\n\n" + LIBRARY.replace("\n", "  \n\n") + "\n")
    assert article_digest(LIBRARY) != article_digest(LIBRARY.replace("60", "70"))


def test_same_text_makes_no_version_and_no_job(engine: sa.Engine) -> None:
    first = articles.upsert(engine, "a-1", Article(text=LIBRARY, title="t"), key_id=None)
    again = articles.upsert(engine, "a-1", Article(text=LIBRARY, title="new title"), key_id=None)
    assert (first.created, first.new_version, first.version) == (True, True, 1)
    assert (again.created, again.new_version, again.version) == (False, False, 1)
    assert len(jobs_of(engine)) == 1
    assert articles.item(engine, "a-1")["title"] == "new title"


def test_a_newer_text_replaces_the_queued_version_instead_of_queueing_twice(engine: sa.Engine) -> None:
    articles.upsert(engine, "a-1", Article(text=LIBRARY), key_id=None)
    articles.upsert(engine, "a-1", Article(text=LIBRARY.replace("60", "70")), key_id=None)
    view = articles.item(engine, "a-1")
    assert [v["version"] for v in view["versions"]] == [1, 2]
    assert len(jobs_of(engine)) == 1 and jobs_of(engine)[0][0] == "queued"


def test_results_are_shown_and_delete_keeps_files_another_item_uses(engine: sa.Engine, blobs: DirectoryBlobStore) -> None:
    own: dict[str, str] = {}
    for external_id in ("a-1", "a-2"):
        articles.upsert(engine, external_id, Article(text=HARBOUR), key_id=None)
        job = jobs.claim(engine, 30)
        assert job is not None
        shared = blobs.put(b"same audio for both", "mp3")
        own[external_id] = blobs.put(external_id.encode(), "vtt")
        made = [StoredFile("mp3", "audio/mpeg", shared, 19), StoredFile("vtt", "text/vtt", own[external_id], 3)]
        with engine.begin() as conn:
            assert articles.record_done(conn, job, {"bullets": []}, {"duration": 1.0}, made, None)
    assert articles.item(engine, "a-1")["state"] == "done"
    assert articles.find_file(engine, "a-1", "mp3").blob == shared

    articles.delete(engine, blobs, "a-1")
    assert blobs.size(shared) == 19  # a-2 still uses it
    assert articles.find_file(engine, "a-2", "vtt").blob == own["a-2"]
    with pytest.raises(NotFound):
        blobs.size(own["a-1"])
    items, _ = articles.listing(engine, None, None, 10, None)
    assert [i["external_id"] for i in items] == ["a-2"]


def test_listing_pages_in_order_of_change(engine: sa.Engine) -> None:
    for n in range(5):
        articles.upsert(engine, f"a-{n}", Article(text=LIBRARY + f"\nسطر {n}"), key_id=None)
    seen: list[str] = []
    after = None
    while True:
        page, after = articles.listing(engine, "queued", None, 2, after)
        seen += [i["external_id"] for i in page]
        if after is None:
            break
    assert seen == [f"a-{n}" for n in range(5)]
    assert articles.listing(engine, "done", None, 2, None) == ([], None)


def test_the_agency_credit_is_kept_with_the_version_and_given_to_the_job(engine: sa.Engine) -> None:
    articles.upsert(engine, "a-1", Article(text=LIBRARY, title="t", credit="رويترز، العربي الجديد"), key_id=None)
    assert articles.item(engine, "a-1")["credit"] == "رويترز، العربي الجديد"
    job = jobs.claim(engine, lease_seconds=30)
    assert job is not None
    made = articles.article_for(engine, job.version_id)
    assert made is not None and made.credit == "رويترز، العربي الجديد"


def test_a_corrected_credit_on_the_same_text_is_kept_without_a_new_version(engine: sa.Engine) -> None:
    articles.upsert(engine, "a-1", Article(text=LIBRARY, credit=None), key_id=None)
    again = articles.upsert(engine, "a-1", Article(text=LIBRARY, credit="وكالة الأنباء الأردنية"), key_id=None)
    assert (again.new_version, again.version) == (False, 1)
    assert articles.item(engine, "a-1")["credit"] == "وكالة الأنباء الأردنية"
    assert len(jobs_of(engine)) == 1


@pytest.mark.parametrize(
    ("article", "where"),
    [
        (Article(text=LIBRARY + "\ud800"), "text"),
        (Article(text=LIBRARY, title="\udc00مكتبة"), "title"),
        (Article(text=LIBRARY, metadata={"link": "http://news.test/?p=8\ud83d"}), "metadata.link"),
        (Article(text=LIBRARY, credit="رويترز\udfff"), "credit"),
    ],
    ids=["text", "title", "metadata", "credit"],
)
def test_text_utf8_cannot_carry_is_refused_whatever_path_it_came_by(engine: sa.Engine, article: Article, where: str) -> None:
    with pytest.raises(UnencodableText, match=f"the article's {re.escape(where)} holds a lone surrogate"):
        articles.upsert(engine, "a-1", article, key_id=None)
    with pytest.raises(NotFound):
        articles.item(engine, "a-1")  # nothing was stored


def test_the_public_view_keeps_the_finished_versions_title_until_the_edit_is_done(engine: sa.Engine) -> None:
    articles.upsert(engine, "a-1", Article(text=LIBRARY, title="افتتاح المكتبة", metadata={"section": "culture"}), None)
    job = jobs.claim(engine, 30)
    assert job is not None
    with engine.begin() as conn:
        articles.record_done(conn, job, {"bullets": [{"text": "نقطة"}]}, None, [], None)
    edit = Article(text=LIBRARY.replace("60", "70"), title="عنوان محظور", metadata={"embargo": "08:00"}, credit="بترا")
    articles.upsert(engine, "a-1", edit, None)

    public, keyed = articles.item(engine, "a-1", public=True), articles.item(engine, "a-1")
    assert (public["title"], public["metadata"], public["credit"]) == ("افتتاح المكتبة", {"section": "culture"}, None)
    assert (keyed["title"], keyed["metadata"], keyed["credit"]) == ("عنوان محظور", {"embargo": "08:00"}, "بترا")
    assert [f.title for f in articles.finished(engine, 10)] == ["افتتاح المكتبة"]
    pending = jobs.claim(engine, 30)
    assert pending is not None
    made = articles.article_for(engine, pending.version_id)
    assert made is not None and made.title == "عنوان محظور"  # the job summarizes the edit with its own title
    with engine.begin() as conn:
        articles.record_done(conn, pending, {"bullets": [{"text": "نقطة"}]}, None, [], None)
    assert articles.item(engine, "a-1", public=True)["title"] == "عنوان محظور"
    assert [f.title for f in articles.finished(engine, 10)] == ["عنوان محظور"]


def test_a_new_title_on_the_same_text_is_public_at_once(engine: sa.Engine) -> None:
    articles.upsert(engine, "a-1", Article(text=LIBRARY, title="قديم"), None)
    job = jobs.claim(engine, 30)
    assert job is not None
    with engine.begin() as conn:
        articles.record_done(conn, job, {"bullets": []}, None, [], None)
    articles.upsert(engine, "a-1", Article(text=LIBRARY, title="جديد"), None)  # nothing new to make, so nothing to wait for
    assert articles.item(engine, "a-1", public=True)["title"] == "جديد"
    assert [f.title for f in articles.finished(engine, 10)] == ["جديد"]


# Articles belong to the key that created them, as sources do.


def test_another_key_may_neither_change_nor_delete_an_article(engine: sa.Engine, blobs: DirectoryBlobStore) -> None:
    coast, desert = keys.create_key(engine, "coast-cms")[0], keys.create_key(engine, "desert-cms")[0]
    articles.upsert(engine, "harbour-1", Article(text=HARBOUR), key_id=coast.id)
    with pytest.raises(NotYours, match="another API key"):
        articles.upsert(engine, "harbour-1", Article(text=HARBOUR.replace("2", "3")), key_id=desert.id)
    with pytest.raises(NotYours, match="--admin"):
        articles.delete(engine, blobs, "harbour-1", by_key=desert.id)
    assert [v["version"] for v in articles.item(engine, "harbour-1")["versions"]] == [1]
    assert articles.upsert(engine, "harbour-1", Article(text=HARBOUR.replace("2", "3")), key_id=coast.id).version == 2
    articles.delete(engine, blobs, "harbour-1", by_key=coast.id)
    with pytest.raises(NotFound):
        articles.item(engine, "harbour-1")


def test_an_admin_key_changes_any_article_and_the_owner_keeps_it(engine: sa.Engine, blobs: DirectoryBlobStore) -> None:
    coast, desert = keys.create_key(engine, "coast-cms")[0], keys.create_key(engine, "desert-cms")[0]
    tools = keys.create_key(engine, "desk-tools", admin=True)[0]
    assert tools.admin and not coast.admin
    articles.upsert(engine, "library-1", Article(text=LIBRARY), key_id=coast.id)
    edited = articles.upsert(engine, "library-1", Article(text=LIBRARY.replace("60", "70")), key_id=tools.id, admin=True)
    assert edited.version == 2
    with pytest.raises(NotYours):  # the admin's edit did not make the article the admin's, nor anyone else's
        articles.upsert(engine, "library-1", Article(text=LIBRARY), key_id=desert.id)
    articles.delete(engine, blobs, "library-1", by_key=None)  # what the web layer passes for an admin key


def test_an_article_owned_by_nobody_is_claimed_by_the_first_key_that_sends_it(engine: sa.Engine) -> None:
    coast, desert = keys.create_key(engine, "coast-cms")[0], keys.create_key(engine, "desert-cms")[0]
    articles.upsert(engine, "demo-1", Article(text=LIBRARY), key_id=None)  # a demo upload
    articles.upsert(engine, "demo-1", Article(text=LIBRARY), key_id=coast.id)  # the same text: no version, but claimed
    with pytest.raises(NotYours):
        articles.upsert(engine, "demo-1", Article(text=HARBOUR), key_id=desert.id)


def test_events_go_to_the_owner_even_when_an_admin_sent_the_version(engine: sa.Engine) -> None:
    coast = keys.create_key(engine, "coast-cms")[0]
    tools = keys.create_key(engine, "desk-tools", admin=True)[0]
    for key in (coast, tools):
        keys.set_webhook(engine, key.id, f"https://hooks.{key.name}.test/in")
    articles.upsert(engine, "library-1", Article(text=LIBRARY), key_id=coast.id)
    articles.upsert(engine, "library-1", Article(text=LIBRARY.replace("60", "70")), key_id=tools.id, admin=True)
    job = jobs.claim(engine, 30)
    assert job is not None
    with engine.begin() as conn:
        assert articles.record_done(conn, job, {"bullets": []}, None, [], None)
    assert [d["url"] for d in deliveries.log(engine, coast.id)] == ["https://hooks.coast-cms.test/in"]
    assert deliveries.log(engine, tools.id) == []
