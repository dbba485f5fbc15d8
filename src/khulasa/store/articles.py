"""Articles by the publisher's own id: upsert by content hash, read, list, delete, record results.

A PUT of the same cleaned text is a no-op (no version, no job); changed text
makes a new version and queues its work in the same transaction, so an
acknowledged write always has its job. Results are written back by the job
runner through :func:`record_done` and :func:`record_failed`.

An article belongs to the key that created it, as a source does: another
key's PUT or DELETE is refused with :class:`~khulasa.errors.NotYours`, and
the owner's webhook gets the article's events. An admin key, and the
operator (no key: the CLI and feed sources it added), may act on any
article. An article owned by nobody (a demo upload, or one stored before
keys owned articles without a key) is open to every key; the first key to
PUT it becomes its owner.

Review before publishing: a finished version becomes the article's
``done_version_id`` (what keys see) and, in "auto" mode, at once its
``published_version_id`` (what readers without a key see: the player, the
feeds, public reads). In "review" mode (the ``publish`` setting, or the
article's own choice) it waits in state ``review`` until :func:`publish`
or :func:`reject`. An editor's bullets (:func:`edit_summary`) are a new
version with the same text whose summary is given, not made: its job only
reads it aloud.
"""

from __future__ import annotations

import hashlib
import time
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import sqlalchemy as sa

from khulasa.encodable import first_unencodable, unencodable_sentence
from khulasa.errors import NotFound, NotInReview, NotYours, UnencodableText
from khulasa.model import Article
from khulasa.store import deliveries, jobs
from khulasa.store.blobs import BlobStore
from khulasa.store.database import reading
from khulasa.store.jobs import Job
from khulasa.store.schema import articles, files, source_items, versions


@dataclass(frozen=True)
class Upserted:
    """What a PUT did."""

    external_id: str
    """The publisher's id."""
    state: str
    """The item's state after the PUT."""
    version: int
    """Number of the item's newest version, from 1."""
    created: bool
    """True when the item did not exist before."""
    new_version: bool
    """True when the content changed (or is new), so a job was queued."""


@dataclass(frozen=True)
class StoredFile:
    """One file made for a version."""

    extension: str
    """"mp3", "ogg", "vtt" or "json"."""
    media_type: str
    """Its MIME type."""
    blob: str
    """Content-addressed blob name."""
    size: int
    """Length in bytes."""
    audio: str = "summary"
    """Whose file it is: the summary's ("summary") or the whole article's ("article")."""


def article_digest(text: str) -> str:
    """The identity of an article's content: SHA-256 of its cleaned text.

    Layout alone (spaces at line ends, blank lines, Unicode composition) is
    not a change: a CMS that re-saves an article unchanged makes no new version.
    """
    lines = (line.strip() for line in unicodedata.normalize("NFC", text).splitlines())
    return hashlib.sha256("\n".join(line for line in lines if line).encode("utf-8")).hexdigest()


def _missing(external_id: str) -> NotFound:
    return NotFound(f"there is no article {external_id!r} (it was never sent, or it was deleted).")


def _not_yours(external_id: str) -> NotYours:
    return NotYours(
        f"article {external_id!r} was created by another API key, so only that key may change or delete it "
        "(or an admin key, made with `khulasa keys create NAME --admin`)."
    )


def _may_act(owner: int | None, key_id: int | None, admin: bool) -> bool:
    """Whether ``key_id`` may change an article owned by ``owner`` (None for either: nobody's / the operator)."""
    return admin or key_id is None or owner is None or owner == key_id


@dataclass(frozen=True)
class Choices:
    """What a PUT chose for one article over the settings; None keeps the article's earlier choice (or the setting)."""

    narrate: str | None = None
    """What is read aloud: "summary", "article" or "both"."""
    voice: str | None = None
    """The voice, by a name ``khulasa voices list`` shows."""
    speed: float | None = None
    """The speaking rate; 1.0 is the voice's normal pace."""


def upsert(
    engine: sa.Engine,
    external_id: str,
    article: Article,
    key_id: int | None,
    *,
    admin: bool = False,
    narrate: str | None = None,
    publish: str | None = None,
    voice: str | None = None,
    speed: float | None = None,
) -> Upserted:
    """Store ``article`` under ``external_id``; queue a job only when its text is new.

    ``key_id`` is the key sending it (None: the operator or the demo page);
    it owns a new article, and may change an existing one only when it owns it,
    nobody does, or ``admin`` is set.

    A string UTF-8 cannot carry (a lone surrogate from a feed's JSON, say) is
    refused here, whatever path the article came by: stored, it made every
    read of the item, and every feed listing it, fail.

    ``narrate`` ("summary", "article", "both") is kept as this article's
    choice of what is read aloud, over the setting; None keeps the choice it
    had. ``voice`` and ``speed`` likewise (checked by the caller, see
    :mod:`khulasa.speech.voices.choice`). A new choice for unchanged text
    queues the work again, so the audio asked for is made.

    ``publish`` ("auto", "review") is kept likewise as this article's choice
    over the ``publish`` setting; None keeps the choice it had.
    """
    fields = {"text": article.text, "title": article.title, "published": article.published, "language": article.language}
    where = first_unencodable({**fields, "credit": article.credit, "metadata": dict(article.metadata)})
    if where is not None:
        raise UnencodableText(unencodable_sentence(f"the article's {where}"))
    for attempt in range(3):
        try:
            return _upsert_once(engine, external_id, article, key_id, admin, Choices(narrate, voice, speed), publish)
        except sa.exc.IntegrityError:  # a concurrent first PUT of the same id won; read what it made
            if attempt == 2:
                raise
    raise AssertionError("unreachable")


def _upsert_once(
    engine: sa.Engine,
    external_id: str,
    article: Article,
    key_id: int | None,
    admin: bool,
    chosen: Choices,
    publish: str | None,
) -> Upserted:
    digest = article_digest(article.text)
    now = time.time()
    fields: dict[str, Any] = {
        "title": article.title,
        "published": article.published,
        "language": article.language,
        "metadata": dict(article.metadata),
    }
    with engine.begin() as conn:
        row = conn.execute(sa.select(articles).where(articles.c.external_id == external_id)).first()
        if row is None:
            article_id = conn.execute(
                articles.insert().values(
                    external_id=external_id,
                    state="queued",
                    version_id=0,
                    created_at=now,
                    updated_at=now,
                    key_id=key_id,
                    narrate=chosen.narrate,
                    voice=chosen.voice,
                    speed=chosen.speed,
                    publish=publish,
                    **fields,
                )
            ).inserted_primary_key[0]  # type: ignore[index]
            version_id = _add_version(conn, article_id, 1, digest, article, key_id, now, fields)
            conn.execute(articles.update().where(articles.c.id == article_id).values(version_id=version_id))
            jobs.enqueue(conn, article_id, version_id)
            return Upserted(external_id, "queued", 1, created=True, new_version=True)
        if not _may_act(row.key_id, key_id, admin):
            raise _not_yours(external_id)
        # nobody's article: the first key to send it claims it (kept apart from ``fields``, the version's details)
        claim = {"key_id": key_id} if row.key_id is None and key_id is not None else {}
        latest = conn.execute(sa.select(versions).where(versions.c.id == row.version_id)).one()
        if latest.content_hash == digest:
            changes: dict[str, Any] = {k: v for k, v in fields.items() if getattr(row, k) != v}
            credit_changed = latest.credit != article.credit
            if credit_changed:  # the same body under a corrected credit line: kept, but no new version
                conn.execute(versions.update().where(versions.c.id == latest.id).values(credit=article.credit))
            state = row.state
            rechoices = {
                name: value
                for name, value in (("narrate", chosen.narrate), ("voice", chosen.voice), ("speed", chosen.speed))
                if value is not None and value != getattr(row, name)
            }
            rechosen = bool(rechoices)
            changes.update(rechoices)
            if publish is not None and publish != row.publish:  # applies to the next finished version
                changes["publish"] = publish
            finished = state in ("done", "review", "rejected")
            if state == "failed" or (rechosen and finished):  # tried again; or made again with the audio now asked for
                jobs.enqueue(conn, row.id, row.version_id)
                changes.update(state="queued", error_code=None, error_message=None)
                state = "queued"
            if changes or credit_changed or claim:
                conn.execute(articles.update().where(articles.c.id == row.id).values(updated_at=now, **changes, **claim))
            if any(k in fields for k in changes):  # the newest version's own record of them, shown once it is finished
                conn.execute(versions.update().where(versions.c.id == latest.id).values(details=fields))
            return Upserted(
                external_id,
                state,
                latest.number,
                created=False,
                new_version=state == "queued" and row.state in ("failed", "done", "review", "rejected"),
            )
        number = latest.number + 1
        version_id = _add_version(conn, row.id, number, digest, article, key_id, now, fields)
        conn.execute(
            articles.update()
            .where(articles.c.id == row.id)
            .values(
                version_id=version_id,
                state="queued",
                error_code=None,
                error_message=None,
                updated_at=now,
                **fields,
                **claim,
                **{name: value for name, value in vars(chosen).items() if value is not None},
                **({"publish": publish} if publish is not None else {}),
            )
        )
        jobs.enqueue(conn, row.id, version_id)
        return Upserted(external_id, "queued", number, created=False, new_version=True)


def _add_version(
    conn: sa.Connection,
    article_id: int,
    number: int,
    digest: str,
    article: Article,
    key_id: int | None,
    now: float,
    details: dict[str, Any],
    **edited: Any,
) -> int:
    result = conn.execute(
        versions.insert().values(
            article_id=article_id,
            number=number,
            content_hash=digest,
            text=article.text,
            credit=article.credit,
            details=details,
            key_id=key_id,
            created_at=now,
            **edited,
        )
    )
    return int(result.inserted_primary_key[0])  # type: ignore[index]


def article_for(engine: sa.Engine, version_id: int) -> Article | None:
    """The Article a job works on: the version's text and credit with the item's title, date, language, metadata."""
    with reading(engine) as conn:
        row = conn.execute(
            sa.select(
                versions.c.text,
                versions.c.credit,
                versions.c.details,
                articles.c.title,
                articles.c.published,
                articles.c.language,
                articles.c.metadata,
            )
            .join(articles, articles.c.id == versions.c.article_id)
            .where(versions.c.id == version_id)
        ).first()
    if row is None:
        return None
    shown = details_of(row.details, row)
    return Article(
        text=row.text,
        title=shown["title"],
        published=shown["published"],
        language=shown["language"],
        metadata=shown["metadata"] or {},
        credit=row.credit,
    )


def made_summary(engine: sa.Engine, version_id: int) -> dict[str, Any] | None:
    """The summary already made for this version, or None.

    A job for a version that has its summary (the dictionary changed, the
    publisher asked for other audio) makes the audio again and keeps the box
    as it is: the same bullets, and no summary engine run for them.
    """
    with reading(engine) as conn:
        summary: dict[str, Any] | None = conn.execute(sa.select(versions.c.summary).where(versions.c.id == version_id)).scalar()
    return summary


def details_of(details: dict[str, Any] | None, article: Any) -> dict[str, Any]:
    """A version's title, published, language and metadata; the article's own for a version stored before they were kept."""
    if details is not None:
        return details
    return {name: getattr(article, name) for name in ("title", "published", "language", "metadata")}


def choices(engine: sa.Engine, article_id: int) -> Choices:
    """What the publisher chose for this article: what is read aloud, the voice and the speed (None: the setting)."""
    with reading(engine) as conn:
        row = conn.execute(
            sa.select(articles.c.narrate, articles.c.voice, articles.c.speed).where(articles.c.id == article_id)
        ).first()
    return Choices() if row is None else Choices(row.narrate, row.voice, row.speed)


def publish_choice(engine: sa.Engine, article_id: int) -> str | None:
    """Whether this article's finished versions go live at once ("auto") or wait for an editor ("review"); None: the setting."""
    with reading(engine) as conn:
        chosen: str | None = conn.execute(sa.select(articles.c.publish).where(articles.c.id == article_id)).scalar()
    return chosen


def edited_summary(engine: sa.Engine, version_id: int) -> dict[str, Any] | None:
    """The bullets an editor wrote for this version (its job reads them aloud, never summarizes again); None: a machine's."""
    with reading(engine) as conn:
        row = conn.execute(sa.select(versions.c.author, versions.c.summary).where(versions.c.id == version_id)).first()
    if row is None or row.author is None or row.summary is None:
        return None
    given: dict[str, Any] = row.summary
    return given


def article_audio_before(engine: sa.Engine, version_id: int) -> tuple[dict[str, Any], list[StoredFile]] | None:
    """The whole-article audio of an earlier version with the same text, to keep for an editor's version.

    An edit changes the bullets, not the article: its job reads the new
    bullets and keeps the article's audio already made (figures and files);
    None when no earlier version of this text has one.
    """
    with reading(engine) as conn:
        this = conn.execute(sa.select(versions.c.article_id, versions.c.content_hash).where(versions.c.id == version_id)).first()
        if this is None:
            return None
        earlier = conn.execute(
            sa.select(versions.c.id, versions.c.article_narration)
            .where(
                versions.c.article_id == this.article_id,
                versions.c.content_hash == this.content_hash,
                versions.c.id < version_id,
                versions.c.article_narration.is_not(None),
            )
            .order_by(versions.c.id.desc())
            .limit(1)
        ).first()
        if earlier is None or "duration" not in (earlier.article_narration or {}):
            return None
        made = [
            StoredFile(f.extension, f.media_type, f.blob, f.size, f.audio)
            for f in conn.execute(
                sa.select(files).where(files.c.version_id == earlier.id, files.c.audio == "article").order_by(files.c.id)
            )
        ]
    figures: dict[str, Any] = earlier.article_narration
    return (figures, made) if made else None


def is_current(engine: sa.Engine, job: Job) -> bool:
    """Whether the job's version is still its article's newest (the article not deleted, not edited since)."""
    with reading(engine) as conn:
        row = conn.execute(sa.select(articles.c.version_id).where(articles.c.id == job.article_id)).first()
    return row is not None and row.version_id == job.version_id


def record_done(
    conn: sa.Connection,
    job: Job,
    summary: dict[str, Any],
    narration: dict[str, Any] | None,
    made: list[StoredFile],
    audio_note: str | None,
    audio_error: str | None = None,
    article_narration: dict[str, Any] | None = None,
    publish: str = "auto",
) -> bool:
    """Store a finished job's results; False when the article was deleted meanwhile.

    ``publish`` is the setting, used when the article made no choice of its
    own: in "review" mode the newest version waits in state ``review`` and
    nothing is published; in "auto" mode it is published at once. A version
    that finishes after a newer one was sent (or edited) never takes the
    place of a newer finished or published one.

    ``article_narration`` is the whole article's audio (its figures, or why there is none).

    ``audio_error`` is the code of an audio failure that will not be retried
    ("native_crash"): it stays on the job row, where /metrics counts it.
    """
    version = conn.execute(sa.select(versions).where(versions.c.id == job.version_id)).first()
    article = conn.execute(sa.select(articles).where(articles.c.id == job.article_id)).first()
    if version is None or article is None:
        jobs.finish(conn, job, "done")
        return False
    now = time.time()
    conn.execute(
        versions.update()
        .where(versions.c.id == version.id)
        .values(summary=summary, narration=narration, audio_note=audio_note, article_narration=article_narration)
    )
    conn.execute(files.delete().where(files.c.version_id == version.id))
    for f in made:
        conn.execute(
            files.insert().values(
                version_id=version.id, extension=f.extension, media_type=f.media_type, blob=f.blob, size=f.size, audio=f.audio
            )
        )
    values: dict[str, Any] = {"updated_at": now}
    if article.done_version_id is None or version.id >= article.done_version_id:
        values["done_version_id"] = version.id
    current = article.version_id == version.id
    live = article.published_version_id == version.id  # made again (a dictionary change): its box is already published
    review = (article.publish or publish) == "review" and not live
    publishes = not review and (article.published_version_id is None or version.id > article.published_version_id)
    if publishes:
        values["published_version_id"] = version.id
    if current:
        values.update(state="review" if review else "done", error_code=None, error_message=None)
    conn.execute(articles.update().where(articles.c.id == article.id).values(**values))
    jobs.finish(conn, job, "done", audio_error, audio_note if audio_error else None)
    if not review:  # live at once: article.done is its publication, as it always was
        deliveries.enqueue_event(conn, article.key_id, "article.done", _event(article.external_id, version.number, "done"))
    elif current:  # nothing is said to be done until an editor publishes it
        deliveries.enqueue_event(
            conn, article.key_id, "summary.ready_for_review", _event(article.external_id, version.number, "review")
        )
    return True


def _published_events(conn: sa.Connection, article: Any, version: Any) -> None:
    """An editor published: ``summary.published`` (the bullets, who wrote and reviewed them), then ``article.done``.

    ``article.done`` follows so a receiver written before review existed
    hears of the version when it goes live, never while it waits.
    """
    event = _event(article.external_id, version.number, "done")
    latest = conn.execute(sa.select(versions).where(versions.c.id == version.id)).one()
    event["summary"] = {
        "bullets": [b["text"] for b in (latest.summary or {}).get("bullets", [])],
        "engine": (latest.summary or {}).get("engine"),
        "author": latest.author,
        "reviewed_by": latest.reviewed_by,
    }
    deliveries.enqueue_event(conn, article.key_id, "summary.published", event)
    deliveries.enqueue_event(conn, article.key_id, "article.done", _event(article.external_id, version.number, "done"))


def _reviewable(conn: sa.Connection, external_id: str, key_id: int | None, admin: bool) -> Any:
    """The article row, when this key may review it and it is waiting for review."""
    row = conn.execute(sa.select(articles).where(articles.c.external_id == external_id)).first()
    if row is None:
        raise _missing(external_id)
    if not _may_act(row.key_id, key_id, admin):
        raise _not_yours(external_id)
    if row.state != "review" or row.done_version_id != row.version_id:
        raise NotInReview(
            f"article {external_id!r} is {row.state}, not waiting for review: only an item in state review "
            "(its newest version finished, under publish mode review) can be published or rejected."
        )
    return row


def _reviewed(conn: sa.Connection, row: sa.Row[Any], by: str | None, note: str | None, **decided: Any) -> None:
    """Record the review on the waiting version (who, when, the note) and move the item to what was ``decided``.

    The item changes only if it is still in review with that version, so a
    version made since (an edit, new text) is never decided in its place.
    """
    now = time.time()
    reviewed = {"reviewed_by": by, "reviewed_at": now, "review_note": note}
    conn.execute(versions.update().where(versions.c.id == row.version_id).values(**reviewed))
    conn.execute(
        articles.update()
        .where(articles.c.id == row.id, articles.c.state == "review", articles.c.version_id == row.version_id)
        .values(updated_at=now, **decided)
    )


def publish(engine: sa.Engine, external_id: str, by: str | None, key_id: int | None, *, admin: bool = False) -> None:
    """Publish the version waiting for review: readers without a key see it from now on.

    ``by`` is the reviewer's name (the key's), kept on the version. The
    state is checked and changed in one transaction, so a version made
    since (an edit, new text) is never published in its place.
    """
    with engine.begin() as conn:
        row = _reviewable(conn, external_id, key_id, admin)
        _reviewed(conn, row, by, None, state="done", published_version_id=row.version_id)
        version = conn.execute(sa.select(versions).where(versions.c.id == row.version_id)).one()
        _published_events(conn, row, version)


def reject(engine: sa.Engine, external_id: str, note: str, by: str | None, key_id: int | None, *, admin: bool = False) -> None:
    """Send the version waiting for review back with ``note``: state ``rejected``, readers keep the last published one."""
    with engine.begin() as conn:
        row = _reviewable(conn, external_id, key_id, admin)
        _reviewed(conn, row, by, note, state="rejected")
        version = conn.execute(sa.select(versions.c.number).where(versions.c.id == row.version_id)).scalar_one()
        event = _event(external_id, version, "rejected")
        event["review"] = {"note": note, "by": by}
        deliveries.enqueue_event(conn, row.key_id, "summary.rejected", event)


def current_article(engine: sa.Engine, external_id: str) -> tuple[int, Article]:
    """The newest version's id and Article (what an editor's bullets are checked against)."""
    with reading(engine) as conn:
        version_id = conn.execute(sa.select(articles.c.version_id).where(articles.c.external_id == external_id)).scalar()
    found = article_for(engine, version_id) if version_id is not None else None
    if version_id is None or found is None:
        raise _missing(external_id)
    return version_id, found


def edit_summary(
    engine: sa.Engine,
    external_id: str,
    write: Callable[[Article], dict[str, Any]],
    author: str,
    key_id: int | None,
    *,
    admin: bool = False,
) -> int:
    """Store an editor's bullets as a new version of the article and queue its audio; returns the version's number.

    ``write`` turns the newest version's Article into the summary to store
    (the editor's bullets, checked against that text). The new version
    keeps the text, credit and details, and names ``author``; it becomes
    the newest, so a job still working on an older version finishes
    without taking its place, and the edit's own job reads the given
    bullets aloud without summarizing again. Written against a version
    that changed meanwhile, the summary is checked again against the new one.
    """
    for _attempt in range(3):
        based_on, article = current_article(engine, external_id)
        summary = write(article)
        with engine.begin() as conn:
            row = conn.execute(sa.select(articles).where(articles.c.external_id == external_id)).first()
            if row is None:
                raise _missing(external_id)
            if not _may_act(row.key_id, key_id, admin):
                raise _not_yours(external_id)
            if row.version_id != based_on:
                continue
            latest = conn.execute(sa.select(versions).where(versions.c.id == row.version_id)).one()
            now = time.time()
            number = conn.execute(sa.select(sa.func.max(versions.c.number)).where(versions.c.article_id == row.id)).scalar_one()
            version_id = _add_version(
                conn,
                row.id,
                number + 1,
                latest.content_hash,
                article,
                key_id,
                now,
                latest.details or details_of(None, row),
                summary=summary,
                author=author,
            )
            conn.execute(
                articles.update()
                .where(articles.c.id == row.id)
                .values(version_id=version_id, state="queued", error_code=None, error_message=None, updated_at=now)
            )
            jobs.enqueue(conn, row.id, version_id)
            return int(number) + 1
    raise NotFound(f"article {external_id!r} kept changing while the edit was stored; send the edit again.")


def record_failed(conn: sa.Connection, job: Job, code: str, message: str) -> None:
    """Mark a job failed for good, and its article when this was the newest version."""
    jobs.finish(conn, job, "failed", code, message)
    version = conn.execute(sa.select(versions).where(versions.c.id == job.version_id)).first()
    article = conn.execute(sa.select(articles).where(articles.c.id == job.article_id)).first()
    if version is None or article is None:
        return
    if article.version_id == version.id:
        conn.execute(
            articles.update()
            .where(articles.c.id == article.id)
            .values(state="failed", error_code=code, error_message=message, updated_at=time.time())
        )
    event = _event(article.external_id, version.number, "failed")
    event["error"] = {"code": code, "message": message}
    deliveries.enqueue_event(conn, article.key_id, "article.failed", event)


def _event(external_id: str, number: int, state: str) -> dict[str, Any]:
    return {"external_id": external_id, "version": number, "state": state, "at": time.time()}


def item(engine: sa.Engine, external_id: str, *, public: bool = False) -> dict[str, Any]:
    """Everything known about one item, as plain data (the web layer adds URLs).

    ``public`` is the view of a reader without a key: it shows the last
    *published* version (see :func:`publish`), never one waiting for review;
    while a newer version is being made or reviewed, its title, date,
    language, metadata and credit stay the published version's, as its
    summary does; an unfinished edit (an embargoed headline) is shown only to keys.
    """
    with reading(engine) as conn:
        row = conn.execute(sa.select(articles).where(articles.c.external_id == external_id)).first()
        if row is None:
            raise _missing(external_id)
        history = conn.execute(
            sa.select(
                versions.c.id,
                versions.c.number,
                versions.c.content_hash,
                versions.c.created_at,
                versions.c.summary.is_not(None).label("summarized"),
                versions.c.summary,
                versions.c.author,
                versions.c.reviewed_by,
                versions.c.reviewed_at,
                versions.c.review_note,
            )
            .where(versions.c.article_id == row.id)
            .order_by(versions.c.number)
        ).all()
        credit = conn.execute(sa.select(versions.c.credit).where(versions.c.id == row.version_id)).scalar()
        done = None
        made: list[StoredFile] = []
        shown_id = row.published_version_id if public else row.done_version_id
        if shown_id is not None:
            done = conn.execute(sa.select(versions).where(versions.c.id == shown_id)).first()
            made = [
                StoredFile(f.extension, f.media_type, f.blob, f.size, f.audio)
                for f in conn.execute(sa.select(files).where(files.c.version_id == shown_id).order_by(files.c.id))
            ]
    numbers = {h.id: h.number for h in history}
    newest = next((h for h in history if h.id == row.version_id), None)
    shown = details_of(None, row)
    if public and done is not None and done.id != row.version_id:
        shown, credit = details_of(done.details, row), done.credit
    return {
        "external_id": row.external_id,
        "state": row.state,
        "error": {"code": row.error_code, "message": row.error_message} if row.state == "failed" else None,
        "version": numbers.get(row.version_id),
        "title": shown["title"],
        "published": shown["published"],
        "credit": credit,
        "language": shown["language"],
        "metadata": shown["metadata"],
        "created_at": row.created_at,
        "updated_at": row.updated_at,
        "summary_version": numbers.get(done.id) if done is not None else None,
        "summary": done.summary if done is not None else None,
        "narration": done.narration if done is not None else None,
        "audio_note": done.audio_note if done is not None else None,
        "article_narration": done.article_narration if done is not None else None,
        "narrate": row.narrate,
        "publish": row.publish,
        "published_version": numbers.get(row.published_version_id),
        "review": _review(newest) if newest is not None and not public else None,
        "voice": row.voice,
        "speed": row.speed,
        "files": made,
        "versions": [
            {
                "version": h.number,
                "content_hash": h.content_hash,
                "created_at": h.created_at,
                "summarized": bool(h.summarized),
                **({} if public else {"engine": (h.summary or {}).get("engine"), "author": h.author, "review": _review(h)}),
            }
            for h in history
        ],
    }


def _review(version: Any) -> dict[str, Any] | None:
    """Who published or rejected a version, when, and the note sent back; None while nobody has."""
    if version.reviewed_by is None and version.reviewed_at is None:
        return None
    return {"note": version.review_note, "by": version.reviewed_by, "at": version.reviewed_at}


def find_file(engine: sa.Engine, external_id: str, extension: str, audio: str = "summary", *, public: bool = False) -> StoredFile:
    """The ``extension`` file of the item's finished version, of its summary's audio or (``audio="article"``) the article's.

    ``public`` (a reader without a key) gets the published version's file, never one waiting for review.
    """
    shown = articles.c.published_version_id if public else articles.c.done_version_id
    with reading(engine) as conn:
        row = conn.execute(
            sa.select(files)
            .join(articles, shown == files.c.version_id)
            .where(articles.c.external_id == external_id, files.c.extension == extension, files.c.audio == audio)
        ).first()
        if row is None:
            exists = conn.execute(sa.select(articles.c.state).where(articles.c.external_id == external_id)).first()
    if row is None:
        if exists is None:
            raise _missing(external_id)
        whose = "" if audio == "summary" else " of the whole article (made when narrate is article or both)"
        raise NotFound(
            f"article {external_id!r} has no {extension} file{whose} yet (its state is {exists.state}); "
            "GET the article to see its state and which files it has."
        )
    return StoredFile(row.extension, row.media_type, row.blob, row.size, row.audio)


def text_of(engine: sa.Engine, external_id: str) -> str:
    """The article text the item's summary was made from (the newest version's while none is finished).

    The editor's page shows it beside the box, so an editor checks each bullet against what the summary read.
    """
    with reading(engine) as conn:
        row = conn.execute(
            sa.select(articles.c.version_id, articles.c.done_version_id).where(articles.c.external_id == external_id)
        ).first()
        if row is None:
            raise _missing(external_id)
        text: str = conn.execute(
            sa.select(versions.c.text).where(versions.c.id == (row.done_version_id or row.version_id))
        ).scalar_one()
    return text


def blob_known(engine: sa.Engine, blob: str, *, public: bool = False) -> StoredFile | None:
    """The file row for a content-addressed name, if any item still uses it.

    ``public`` (a reader without a key) is answered only for files of a
    version that was published, or is older than the published one: the
    audio of a version waiting for review (or rejected, never published)
    is for keys.
    """
    query = sa.select(files).where(files.c.blob == blob)
    if public:
        query = (
            query.join(versions, versions.c.id == files.c.version_id)
            .join(articles, articles.c.id == versions.c.article_id)
            .where(versions.c.id <= articles.c.published_version_id)
        )
    with reading(engine) as conn:
        row = conn.execute(query.limit(1)).first()
    return StoredFile(row.extension, row.media_type, row.blob, row.size, row.audio) if row else None


def listing(
    engine: sa.Engine, state: str | None, updated_since: float | None, limit: int, after: tuple[float, int] | None
) -> tuple[list[dict[str, Any]], tuple[float, int] | None]:
    """Items in order of last change, filtered; returns a page and the cursor of the next one."""
    query = sa.select(articles.c.id, articles.c.external_id, articles.c.state, articles.c.title, articles.c.updated_at)
    if state:
        query = query.where(articles.c.state == state)
    if updated_since is not None:
        query = query.where(articles.c.updated_at >= updated_since)
    if after is not None:
        query = query.where(
            sa.tuple_(articles.c.updated_at, articles.c.id) > sa.tuple_(sa.literal(after[0]), sa.literal(after[1]))
        )
    query = query.order_by(articles.c.updated_at, articles.c.id).limit(limit + 1)
    with reading(engine) as conn:
        rows = conn.execute(query).all()
    page = rows[:limit]
    nxt = (page[-1].updated_at, page[-1].id) if len(rows) > limit else None
    return [{"external_id": r.external_id, "state": r.state, "title": r.title, "updated_at": r.updated_at} for r in page], nxt


@dataclass(frozen=True)
class Finished:
    """One item's newest finished summary, as the outgoing feeds show it."""

    external_id: str
    """The publisher's id."""
    version: int
    """Number of the version the summary was made from."""
    title: str | None
    """The article's title, if it has one."""
    published: str | None
    """The article's publication time as it was given (ISO 8601), if any."""
    metadata: dict[str, Any]
    """The publisher's metadata (a feed source's items carry their ``link``)."""
    bullets: list[str]
    """The summary's bullets, in order."""
    duration: float | None
    """Length of the narration in seconds; None when the summary has no audio."""
    mp3: StoredFile | None
    """The narration's MP3 file; None when the summary has no audio."""
    summarized_at: float
    """When the summarized version arrived (seconds since the epoch): the feed's order."""
    updated_at: float
    """The item's last change: what the feeds' Last-Modified is made of."""


def finished_query(
    limit: int, *, with_audio: bool = False, source_id: int | None = None, audio: str = "summary"
) -> sa.Select[Any]:
    """The query behind :func:`finished`, kept apart so a test can read its plan."""
    mp3 = sa.and_(files.c.version_id == versions.c.id, files.c.extension == "mp3", files.c.audio == audio)
    query = (
        sa.select(
            articles.c.external_id,
            articles.c.title,
            articles.c.published,
            articles.c.metadata,
            articles.c.updated_at,
            articles.c.language,
            versions.c.details,
            versions.c.number,
            versions.c.created_at,
            versions.c.summary,
            versions.c.narration,
            versions.c.article_narration,
            files.c.media_type,
            files.c.blob,
            files.c.size,
        )
        .select_from(versions)
        .join(articles, articles.c.published_version_id == versions.c.id)
        .outerjoin(files, mp3)
        .order_by(versions.c.created_at.desc(), versions.c.id.desc())
        .limit(limit)
    )
    # Ordered by the versions' own columns and filtered with EXISTS, the database walks
    # ix_versions_created_at from the newest and stops at the limit; a filter on the
    # outer-joined file, or a tie broken on articles, made it sort the whole archive.
    if with_audio:
        held = files.alias("audio")  # its own name, or the subquery would correlate with the joined files
        query = query.where(
            sa.exists().where(held.c.version_id == versions.c.id, held.c.extension == "mp3", held.c.audio == audio)
        )
    if source_id is not None:
        query = query.where(
            articles.c.external_id.in_(sa.select(source_items.c.external_id).where(source_items.c.source_id == source_id))
        )
    return query


def finished(
    engine: sa.Engine, limit: int, *, with_audio: bool = False, source_id: int | None = None, audio: str = "summary"
) -> list[Finished]:
    """The ``limit`` items whose published summary arrived last, newest first; only those with an MP3 when ``with_audio``.

    ``audio="article"`` gives each item the MP3 of the whole article instead of the summary's.
    An item edited since keeps showing its last published summary until the
    new one is done (and, in review mode, published), as ``GET /v1/articles/{id}/summary.mp3`` does.
    ``source_id`` keeps the items read from that feed source.
    """
    query = finished_query(limit, with_audio=with_audio, source_id=source_id, audio=audio)
    with reading(engine) as conn:
        rows = conn.execute(query).all()
    shown = [details_of(r.details, r) for r in rows]  # the summarized version's title, not a newer one still being made
    return [
        Finished(
            external_id=r.external_id,
            version=r.number,
            title=details["title"],
            published=details["published"],
            metadata=details["metadata"] or {},
            bullets=[b["text"] for b in (r.summary or {}).get("bullets", [])],
            duration=_duration(r.article_narration if audio == "article" else r.narration) if r.blob else None,
            mp3=StoredFile("mp3", r.media_type, r.blob, r.size, audio) if r.blob else None,
            summarized_at=r.created_at,
            updated_at=r.updated_at,
        )
        for r, details in zip(rows, shown, strict=True)
    ]


def _duration(narration: dict[str, Any] | None) -> float | None:
    return narration.get("duration") if narration else None


def delete(engine: sa.Engine, blobs: BlobStore, external_id: str, by_key: int | None = None) -> None:
    """Remove the item, its versions, queued jobs and every file no other item uses.

    ``by_key`` is the key asking: it may delete only its own articles and nobody's.
    None is the operator or an admin key, who may delete any.
    """
    with engine.begin() as conn:
        row = conn.execute(sa.select(articles).where(articles.c.external_id == external_id)).first()
        if row is None:
            raise _missing(external_id)
        if not _may_act(row.key_id, by_key, admin=False):
            raise _not_yours(external_id)
        version_ids = sa.select(versions.c.id).where(versions.c.article_id == row.id).scalar_subquery()
        names = set(conn.execute(sa.select(files.c.blob).where(files.c.version_id.in_(version_ids))).scalars())
        conn.execute(files.delete().where(files.c.version_id.in_(version_ids)))
        jobs.forget(conn, row.id)
        conn.execute(versions.delete().where(versions.c.article_id == row.id))
        conn.execute(articles.delete().where(articles.c.id == row.id))
        unused = _unused(conn, names)
    for name in unused:
        blobs.delete(name)


def drop_unused(engine: sa.Engine, blobs: BlobStore, names: list[str]) -> None:
    """Delete the blobs among ``names`` that no file row refers to (results of a deleted item's job)."""
    with reading(engine) as conn:
        unused = _unused(conn, set(names))
    for name in unused:
        blobs.delete(name)


def _unused(conn: sa.Connection, names: set[str]) -> set[str]:
    """The blobs among ``names`` that no file row refers to any more."""
    if not names:
        return set()
    return names - set(conn.execute(sa.select(files.c.blob).where(files.c.blob.in_(names))).scalars())
