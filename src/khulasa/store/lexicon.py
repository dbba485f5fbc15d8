"""The newsroom's pronunciation dictionary in the database: entries, the version every change bumps, re-narration.

Each add, change or removal writes a row to ``lexicon_changes`` naming the
terms it touched, in the same transaction; the newest row's id is the
dictionary's version. Audio records the version it was made with, so
:func:`renarrate` knows which terms changed since, and queues again only the
finished items whose spoken text holds one of them.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

import sqlalchemy as sa

from khulasa.errors import DuplicateTerm, NotFound
from khulasa.speech.lexicon import Entry, Lexicon, checked, term_key
from khulasa.store import jobs
from khulasa.store.database import MAX_ROW_ID, reading
from khulasa.store.schema import articles, lexicon_changes, lexicon_entries, versions


@dataclass(frozen=True)
class StoredEntry:
    """A dictionary entry as stored."""

    id: int
    """Row id, used by the API and ``khulasa lexicon remove``."""
    term: str
    """The word or phrase as the text writes it."""
    say: str
    """How the voice reads it, in Arabic letters."""
    note: str | None
    """The editors' note, if any."""
    created_at: float
    """When it was added (seconds since the epoch)."""
    updated_at: float
    """When it was last changed."""

    @property
    def entry(self) -> Entry:
        """The entry as the speech side uses it."""
        return Entry(self.term, self.say, self.note)


def _row(row: Any) -> StoredEntry:
    return StoredEntry(row.id, row.term, row.say, row.note, row.created_at, row.updated_at)


def version(conn: sa.Connection) -> int:
    """The dictionary's version: 0 before any change, then up by one or more with every change."""
    return int(conn.execute(sa.select(sa.func.coalesce(sa.func.max(lexicon_changes.c.id), 0))).scalar_one())


def listing(engine: sa.Engine) -> tuple[int, list[StoredEntry]]:
    """The version and every entry, in the order they were added."""
    with reading(engine) as conn:
        return version(conn), [_row(r) for r in conn.execute(sa.select(lexicon_entries).order_by(lexicon_entries.c.id))]


def _changed(conn: sa.Connection, terms: Iterable[str]) -> None:
    conn.execute(lexicon_changes.insert().values(terms=sorted(set(terms)), at=time.time()))


def _same_term(conn: sa.Connection, key: str, other_than: int | None = None) -> Any:
    query = sa.select(lexicon_entries).where(lexicon_entries.c.term_key == key)
    if other_than is not None:
        query = query.where(lexicon_entries.c.id != other_than)
    return conn.execute(query).first()


def _duplicate(term: str, existing: Any) -> DuplicateTerm:
    return DuplicateTerm(
        f"the dictionary already has «{existing.term}» (entry {existing.id}) for «{term}»; change that entry instead."
    )


def add(engine: sa.Engine, term: str, say: str, note: str | None = None) -> StoredEntry:
    """Add an entry (checked: :func:`~khulasa.speech.lexicon.checked`); a term already there is :class:`DuplicateTerm`."""
    entry = checked(term, say, note)
    key = term_key(entry.term)
    now = time.time()
    try:
        with engine.begin() as conn:
            existing = _same_term(conn, key)
            if existing is not None:
                raise _duplicate(entry.term, existing)
            new_id = conn.execute(
                lexicon_entries.insert().values(
                    term=entry.term, term_key=key, say=entry.say, note=entry.note, created_at=now, updated_at=now
                )
            ).inserted_primary_key[0]  # type: ignore[index]
            _changed(conn, [entry.term])
            return _row(conn.execute(sa.select(lexicon_entries).where(lexicon_entries.c.id == new_id)).one())
    except sa.exc.IntegrityError:  # added by someone else between the check and the insert
        with reading(engine) as conn:
            raise _duplicate(entry.term, _same_term(conn, key)) from None


KEEP: Any = object()
"""Leave this field as it is (for :func:`change`)."""


def change(engine: sa.Engine, entry_id: int, term: str | None = None, say: str | None = None, note: Any = KEEP) -> StoredEntry:
    """Change an entry's term, say and/or note (None or absent: keep; ``note=None`` clears the note)."""
    with engine.begin() as conn:
        row = _entry(conn, entry_id)
        entry = checked(row.term if term is None else term, row.say if say is None else say, row.note if note is KEEP else note)
        key = term_key(entry.term)
        existing = _same_term(conn, key, other_than=entry_id)
        if existing is not None:
            raise _duplicate(entry.term, existing)
        if (entry.term, entry.say, entry.note) != (row.term, row.say, row.note):
            conn.execute(
                lexicon_entries.update()
                .where(lexicon_entries.c.id == entry_id)
                .values(term=entry.term, term_key=key, say=entry.say, note=entry.note, updated_at=time.time())
            )
            heard = (entry.term, entry.say) != (row.term, row.say)  # a note is never heard: a new version, no term to re-read
            _changed(conn, [row.term, entry.term] if heard else [])
        return _row(conn.execute(sa.select(lexicon_entries).where(lexicon_entries.c.id == entry_id)).one())


def remove(engine: sa.Engine, entry_id: int) -> StoredEntry:
    """Delete an entry; the voice reads the term its own way again once its items are re-narrated."""
    with engine.begin() as conn:
        row = _entry(conn, entry_id)
        conn.execute(lexicon_entries.delete().where(lexicon_entries.c.id == entry_id))
        _changed(conn, [row.term])
    return _row(row)


def _entry(conn: sa.Connection, entry_id: int) -> sa.Row[Any]:
    """The entry's row, or NotFound: also for an id no database row can have (it cannot even be compared)."""
    row = None
    if 0 < entry_id <= MAX_ROW_ID:
        row = conn.execute(sa.select(lexicon_entries).where(lexicon_entries.c.id == entry_id)).first()
    if row is None:
        raise _missing(entry_id)
    return row


def _missing(entry_id: int) -> NotFound:
    return NotFound(f"the dictionary has no entry {entry_id}; GET /v1/lexicon (or `khulasa lexicon list`) shows the ids.")


def import_entries(engine: sa.Engine, entries: Sequence[Entry]) -> tuple[int, int]:
    """Add ``entries``, or change the say and note of terms already there: (added, changed); one version for all."""
    added = changed = 0
    touched: list[str] = []
    now = time.time()
    with engine.begin() as conn:
        for entry in entries:
            key = term_key(entry.term)
            existing = _same_term(conn, key)
            if existing is None:
                conn.execute(
                    lexicon_entries.insert().values(
                        term=entry.term, term_key=key, say=entry.say, note=entry.note, created_at=now, updated_at=now
                    )
                )
                added += 1
                touched.append(entry.term)
            elif (existing.say, existing.note) != (entry.say, entry.note):
                conn.execute(
                    lexicon_entries.update()
                    .where(lexicon_entries.c.id == existing.id)
                    .values(say=entry.say, note=entry.note, updated_at=now)
                )
                changed += 1
                touched.append(existing.term)
        if touched:
            _changed(conn, touched)
    return added, changed


FINISHED = ("done", "review")
"""Article states whose newest version has its audio: what :func:`renarrate` looks at (a box waiting for review
is read with the new sayings before an editor hears it)."""

_compiled: dict[str, Lexicon] = {}
_compiled_lock = threading.Lock()


def current(engine: sa.Engine) -> Lexicon:
    """The dictionary as it is now, ready to apply: built again only when its version changed (one small read per call)."""
    where = engine.url.render_as_string(hide_password=False)
    with reading(engine) as conn:
        now = version(conn)
        cached = _compiled.get(where)
        if cached is not None and cached.version == now:
            return cached
        rows = conn.execute(sa.select(lexicon_entries).order_by(lexicon_entries.c.id)).all()
    built = Lexicon((Entry(r.term, r.say, r.note) for r in rows), now)
    with _compiled_lock:
        _compiled[where] = built
    return built


def made_with(narration: dict[str, Any] | None) -> int:
    """The dictionary version a narration's audio was made with (0: before the dictionary, or with none)."""
    return int((narration or {}).get("lexicon") or 0)


def renarrate(engine: sa.Engine) -> int:
    """Queue a job for each finished item whose audio holds a term changed since it was made; how many were queued.

    The job makes the audio again from the stored summary (the summary is not
    made again: see :mod:`khulasa.jobs.runner`). Items whose newest version
    is not finished yet are left alone: their job reads the dictionary as it
    is when it runs.
    """
    from khulasa.speech.verbalize import verbalize

    with reading(engine) as conn:
        changes = [(int(r.id), list(r.terms)) for r in conn.execute(sa.select(lexicon_changes).order_by(lexicon_changes.c.id))]
        if not changes:
            return 0
        rows = conn.execute(
            sa.select(
                articles.c.id,
                versions.c.id.label("version_id"),
                versions.c.text,
                versions.c.summary,
                versions.c.narration,
                versions.c.article_narration,
            )
            .join(versions, versions.c.id == articles.c.done_version_id)
            .where(articles.c.state.in_(FINISHED), articles.c.done_version_id == articles.c.version_id)
            .order_by(articles.c.id)
        ).all()
    matchers: dict[int, Lexicon] = {}
    stale: list[tuple[int, int]] = []
    for row in rows:
        spoken = _spoken_texts(row)
        if not spoken:
            continue
        since = max(made_with(row.narration), made_with(row.article_narration))
        if since not in matchers:
            terms = {term for number, touched in changes if number > since for term in touched}
            matchers[since] = Lexicon(Entry(term, "ا") for term in terms)
        matcher = matchers[since]
        if len(matcher) and any(matcher.found(verbalize(text)) for text in spoken):
            stale.append((row.id, row.version_id))
    if stale:
        with engine.begin() as conn:
            for article_id, version_id in stale:
                jobs.enqueue(conn, article_id, version_id)
    return len(stale)


def _spoken_texts(row: Any) -> list[str]:
    """What an item's audio reads: its bullets (summary audio) and its text (whole-article audio)."""
    texts: list[str] = []
    if row.narration and row.summary:
        texts += [bullet["text"] for bullet in row.summary.get("bullets", [])]
    if row.article_narration and "unavailable" not in row.article_narration:
        texts.append(row.text)
    return texts
