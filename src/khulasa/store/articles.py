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
"""

from __future__ import annotations

import hashlib
import time
import unicodedata
from dataclasses import dataclass
from typing import Any

import sqlalchemy as sa

from khulasa.encodable import first_unencodable, unencodable_sentence
from khulasa.errors import NotFound, NotYours, UnencodableText
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


def upsert(
    engine: sa.Engine, external_id: str, article: Article, key_id: int | None, *, admin: bool = False, narrate: str | None = None
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
    had. A new choice for unchanged text queues the work again, so the
    audio asked for is made.
    """
    fields = {"text": article.text, "title": article.title, "published": article.published, "language": article.language}
    where = first_unencodable({**fields, "credit": article.credit, "metadata": dict(article.metadata)})
    if where is not None:
        raise UnencodableText(unencodable_sentence(f"the article's {where}"))
    for attempt in range(3):
        try:
            return _upsert_once(engine, external_id, article, key_id, admin, narrate)
        except sa.exc.IntegrityError:  # a concurrent first PUT of the same id won; read what it made
            if attempt == 2:
                raise
    raise AssertionError("unreachable")


def _upsert_once(
    engine: sa.Engine, external_id: str, article: Article, key_id: int | None, admin: bool, narrate: str | None
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
                    narrate=narrate,
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
            rechosen = narrate is not None and narrate != row.narrate
            if rechosen:
                changes["narrate"] = narrate
            if state == "failed" or (rechosen and state == "done"):  # tried again; or made again with the audio now asked for
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
                new_version=state == "queued" and row.state in ("failed", "done"),
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
                **({"narrate": narrate} if narrate is not None else {}),
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


def narrate_choice(engine: sa.Engine, article_id: int) -> str | None:
    """What the publisher chose to have read aloud for this article ("summary", "article", "both"); None: the setting."""
    with reading(engine) as conn:
        chosen: str | None = conn.execute(sa.select(articles.c.narrate).where(articles.c.id == article_id)).scalar()
    return chosen


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
) -> bool:
    """Store a finished job's results; False when the article was deleted meanwhile.

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
    values: dict[str, Any] = {"done_version_id": version.id, "updated_at": now}
    if article.version_id == version.id:
        values.update(state="done", error_code=None, error_message=None)
    conn.execute(articles.update().where(articles.c.id == article.id).values(**values))
    jobs.finish(conn, job, "done", audio_error, audio_note if audio_error else None)
    deliveries.enqueue_event(conn, article.key_id, "article.done", _event(article.external_id, version.number, "done"))
    return True


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

    ``public`` is the view of a reader without a key: while a newer version
    is being made, its title, date, language, metadata and credit stay the
    last finished version's, as its summary does; an unfinished edit (an
    embargoed headline) is shown only to keys.
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
            )
            .where(versions.c.article_id == row.id)
            .order_by(versions.c.number)
        ).all()
        credit = conn.execute(sa.select(versions.c.credit).where(versions.c.id == row.version_id)).scalar()
        done = None
        made: list[StoredFile] = []
        if row.done_version_id is not None:
            done = conn.execute(sa.select(versions).where(versions.c.id == row.done_version_id)).first()
            made = [
                StoredFile(f.extension, f.media_type, f.blob, f.size, f.audio)
                for f in conn.execute(sa.select(files).where(files.c.version_id == row.done_version_id).order_by(files.c.id))
            ]
    numbers = {h.id: h.number for h in history}
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
        "summary_version": numbers.get(row.done_version_id) if done is not None else None,
        "summary": done.summary if done is not None else None,
        "narration": done.narration if done is not None else None,
        "audio_note": done.audio_note if done is not None else None,
        "article_narration": done.article_narration if done is not None else None,
        "narrate": row.narrate,
        "files": made,
        "versions": [
            {"version": h.number, "content_hash": h.content_hash, "created_at": h.created_at, "summarized": bool(h.summarized)}
            for h in history
        ],
    }


def find_file(engine: sa.Engine, external_id: str, extension: str, audio: str = "summary") -> StoredFile:
    """The ``extension`` file of the item's finished version, of its summary's audio or (``audio="article"``) the article's."""
    with reading(engine) as conn:
        row = conn.execute(
            sa.select(files)
            .join(articles, articles.c.done_version_id == files.c.version_id)
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


def blob_known(engine: sa.Engine, blob: str) -> StoredFile | None:
    """The file row for a content-addressed name, if any item still uses it."""
    with reading(engine) as conn:
        row = conn.execute(sa.select(files).where(files.c.blob == blob).limit(1)).first()
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
        .join(articles, articles.c.done_version_id == versions.c.id)
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
    """The ``limit`` items whose summary arrived last, newest first; only those with an MP3 when ``with_audio``.

    ``audio="article"`` gives each item the MP3 of the whole article instead of the summary's.
    An item edited since keeps showing its last finished summary until the
    new one is done, as ``GET /v1/articles/{id}/summary.mp3`` does.
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
