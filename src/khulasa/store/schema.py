"""The service's tables, declared once with SQLAlchemy Core.

Migrations create these tables; this module is what the code queries with.
Row ids are never reused (AUTOINCREMENT on SQLite), so a job of a deleted article
can never touch a newer one. Times are seconds since the epoch (UTC) as floats, which compare and sort the
same way on SQLite and PostgreSQL.
"""

from __future__ import annotations

import sqlalchemy as sa

metadata = sa.MetaData()

api_keys = sa.Table(
    "api_keys",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("name", sa.String(100), nullable=False, unique=True),
    sa.Column("prefix", sa.String(16), nullable=False),
    sa.Column("key_hash", sa.String(64), nullable=False, unique=True),
    sa.Column("created_at", sa.Float, nullable=False),
    sa.Column("revoked_at", sa.Float),
    sa.Column("webhook_url", sa.Text),
    sa.Column("webhook_secret", sa.String(80)),
    sa.Column("admin", sa.Boolean, nullable=False, server_default=sa.false()),
    sqlite_autoincrement=True,
)
"""API keys, stored as SHA-256 hashes; each may have one webhook URL and its signing secret; an admin key acts on any article."""

articles = sa.Table(
    "articles",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("external_id", sa.String(200), nullable=False, unique=True),
    sa.Column("state", sa.String(16), nullable=False),
    sa.Column("error_code", sa.String(64)),
    sa.Column("error_message", sa.Text),
    sa.Column("version_id", sa.Integer, nullable=False),
    sa.Column("done_version_id", sa.Integer, index=True),
    sa.Column("title", sa.Text),
    sa.Column("published", sa.String(40)),
    sa.Column("language", sa.String(35), nullable=False),
    sa.Column("metadata", sa.JSON, nullable=False),
    sa.Column("created_at", sa.Float, nullable=False),
    sa.Column("updated_at", sa.Float, nullable=False, index=True),
    sa.Column("key_id", sa.Integer),
    sa.Column("narrate", sa.String(8)),
    sa.Column("publish", sa.String(8)),
    sa.Column("published_version_id", sa.Integer, index=True),
    sqlite_autoincrement=True,
)
"""One row per CMS article: its owner key (None: nobody's yet), its state and which version is newest / last finished /
last published (what readers without a key see); ``publish`` is its own auto|review choice (NULL: the setting)."""

versions = sa.Table(
    "versions",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("article_id", sa.Integer, sa.ForeignKey("articles.id"), nullable=False, index=True),
    sa.Column("number", sa.Integer, nullable=False),
    sa.Column("content_hash", sa.String(64), nullable=False),
    sa.Column("text", sa.Text, nullable=False),
    sa.Column("key_id", sa.Integer),
    sa.Column("created_at", sa.Float, nullable=False, index=True),
    sa.Column("summary", sa.JSON),
    sa.Column("narration", sa.JSON),
    sa.Column("audio_note", sa.Text),
    sa.Column("credit", sa.Text),
    sa.Column("details", sa.JSON),
    sa.Column("article_narration", sa.JSON),
    sa.Column("author", sa.String(100)),
    sa.Column("reviewed_by", sa.String(100)),
    sa.Column("reviewed_at", sa.Float),
    sa.Column("review_note", sa.Text),
    sa.UniqueConstraint("article_id", "number"),
    sqlite_autoincrement=True,
)
"""Each distinct content an article has had, its agency credit line, the title, date, language and metadata it came
with (``details``; NULL in rows older than migration 0005), and the summary and audio made from it.

``author`` names the editor who wrote the version's bullets by hand (NULL: the summary engine made them);
``reviewed_by``/``reviewed_at``/``review_note`` record who published or rejected it, when, and why (migration 0010)."""

files = sa.Table(
    "files",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("version_id", sa.Integer, sa.ForeignKey("versions.id"), nullable=False, index=True),
    sa.Column("extension", sa.String(8), nullable=False),
    sa.Column("media_type", sa.String(64), nullable=False),
    sa.Column("blob", sa.String(120), nullable=False, index=True),
    sa.Column("size", sa.Integer, nullable=False),
    sa.Column("audio", sa.String(8), nullable=False, server_default="summary"),
    sa.UniqueConstraint("version_id", "audio", "extension", name="uq_files_version_audio_extension"),
    sqlite_autoincrement=True,
)
"""Files made for a version (mp3, ogg, vtt, json), by their content-addressed blob name; ``audio`` says whose:
the summary's or the whole article's (migration 0008)."""

jobs = sa.Table(
    "jobs",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("article_id", sa.Integer, nullable=False, index=True),
    sa.Column("version_id", sa.Integer, nullable=False),
    sa.Column("state", sa.String(16), nullable=False, index=True),
    sa.Column("attempts", sa.Integer, nullable=False, default=0),
    sa.Column("run_after", sa.Float, nullable=False),
    sa.Column("lease_until", sa.Float),
    sa.Column("created_at", sa.Float, nullable=False),
    sa.Column("finished_at", sa.Float),
    sa.Column("error_code", sa.String(64)),
    sa.Column("error_message", sa.Text),
    sa.Index(
        "one_running_job_per_article",
        "article_id",
        unique=True,
        sqlite_where=sa.text("state = 'running'"),
        postgresql_where=sa.text("state = 'running'"),
    ),
    sqlite_autoincrement=True,
)
"""The durable job table: queued → running → done | failed; at most one running job per article."""

deliveries = sa.Table(
    "deliveries",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("key_id", sa.Integer, nullable=False, index=True),
    sa.Column("event", sa.String(32), nullable=False),
    sa.Column("url", sa.Text, nullable=False),
    sa.Column("body", sa.Text, nullable=False),
    sa.Column("state", sa.String(16), nullable=False, index=True),
    sa.Column("attempts", sa.Integer, nullable=False, default=0),
    sa.Column("next_attempt_at", sa.Float, nullable=False),
    sa.Column("last_status", sa.Integer),
    sa.Column("last_error", sa.Text),
    sa.Column("created_at", sa.Float, nullable=False),
    sa.Column("delivered_at", sa.Float),
    sqlite_autoincrement=True,
)
"""Webhook deliveries: pending → delivered | failed, with the last answer, readable through the API."""

sources = sa.Table(
    "sources",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("url", sa.String(2000), nullable=False, unique=True),
    sa.Column("kind", sa.String(16), nullable=False),
    sa.Column("title", sa.Text),
    sa.Column("key_id", sa.Integer),
    sa.Column("poll_seconds", sa.Float),
    sa.Column("etag", sa.Text),
    sa.Column("last_modified", sa.Text),
    sa.Column("created_at", sa.Float, nullable=False),
    sa.Column("last_polled_at", sa.Float),
    sa.Column("last_ok_at", sa.Float),
    sa.Column("last_error", sa.Text),
    sqlite_autoincrement=True,
)
"""Feeds the service polls (RSS, Atom, WordPress), with the validators of the last copy read and how the last poll went."""

source_items = sa.Table(
    "source_items",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("source_id", sa.Integer, sa.ForeignKey("sources.id"), nullable=False, index=True),
    sa.Column("item_key", sa.String(500), nullable=False),
    sa.Column("link", sa.String(2000)),
    sa.Column("content_hash", sa.String(64), nullable=False),
    sa.Column("external_id", sa.String(200), nullable=False),
    sa.Column("seen_at", sa.Float, nullable=False),
    sa.Column("error", sa.Text),
    sa.UniqueConstraint("source_id", "item_key"),
    sqlite_autoincrement=True,
)
"""Each feed item already handed to the upsert (by GUID or post id), so an unchanged item is never processed twice.

Several keys may point at one ``external_id``: a story whose GUID the feed changed keeps its article.
``error`` says why an item could not be read; it is tried again only when its content changes.
"""

listening_events = sa.Table(
    "listening_events",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("article_id", sa.Integer, nullable=False, index=True),
    sa.Column("version", sa.Integer),
    sa.Column("audio", sa.String(8), nullable=False),
    sa.Column("event", sa.String(16), nullable=False),
    sa.Column("position", sa.Float),
    sa.Column("value", sa.Float),
    sa.Column("listened", sa.Float),
    sa.Column("day", sa.String(10), nullable=False),
    sa.Column("at", sa.Float, nullable=False, index=True),
    sqlite_autoincrement=True,
)
"""What readers' players reported, one row per event, kept ``events_retention_days``; nothing in it names a person.

``value`` is the quartile of a ``progress`` event or the rate of a ``speed`` event; ``listened`` the
seconds heard since that player's previous report. Every row is also counted in ``listening_days``
when it is written, so deleting old rows loses no figure.
"""

listening_days = sa.Table(
    "listening_days",
    metadata,
    sa.Column("article_id", sa.Integer, primary_key=True),
    sa.Column("day", sa.String(10), primary_key=True),
    sa.Column("audio", sa.String(8), primary_key=True),
    sa.Column("impressions", sa.Integer, nullable=False),
    sa.Column("plays", sa.Integer, nullable=False),
    sa.Column("q25", sa.Integer, nullable=False),
    sa.Column("q50", sa.Integer, nullable=False),
    sa.Column("q75", sa.Integer, nullable=False),
    sa.Column("q100", sa.Integer, nullable=False),
    sa.Column("listened_seconds", sa.Float, nullable=False),
    sa.Column("speed_changes", sa.Integer, nullable=False),
    sa.Column("faster", sa.Integer, nullable=False),
    sa.Column("downloads", sa.Integer, nullable=False),
    sa.Column("errors", sa.Integer, nullable=False),
    sa.Index("ix_listening_days_day", "day"),
)
"""The figures per article, UTC day and audio kind (summary or article), added to as events are written.

``faster`` counts speed changes to a rate above 1; ``listened_seconds`` / ``plays`` is the mean heard per play.
"""

lexicon_entries = sa.Table(
    "lexicon_entries",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("term", sa.String(100), nullable=False),
    sa.Column("term_key", sa.String(200), nullable=False, unique=True),
    sa.Column("say", sa.String(200), nullable=False),
    sa.Column("note", sa.Text),
    sa.Column("created_at", sa.Float, nullable=False),
    sa.Column("updated_at", sa.Float, nullable=False),
    sqlite_autoincrement=True,
)
"""The pronunciation dictionary: how the voice says a term.

``term_key`` is the term as compared (no tashkeel, one alef, lower case): unique, so «CNN» and «cnn» are one entry.
"""

lexicon_changes = sa.Table(
    "lexicon_changes",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("terms", sa.JSON, nullable=False),
    sa.Column("at", sa.Float, nullable=False),
    sqlite_autoincrement=True,
)
"""One row per change to the dictionary, with the terms it touched; the newest id is the dictionary's version."""
