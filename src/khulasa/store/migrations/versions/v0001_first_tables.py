"""First tables: API keys, articles, versions, files, jobs, webhook deliveries.

Revision ID: 0001
Revises:
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    """Create every table of the first schema."""
    op.create_table(
        "api_keys",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("name", sa.String(100), nullable=False, unique=True),
        sa.Column("prefix", sa.String(16), nullable=False),
        sa.Column("key_hash", sa.String(64), nullable=False, unique=True),
        sa.Column("created_at", sa.Float, nullable=False),
        sa.Column("revoked_at", sa.Float),
        sa.Column("webhook_url", sa.Text),
        sa.Column("webhook_secret", sa.String(80)),
        sqlite_autoincrement=True,
    )
    op.create_table(
        "articles",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("external_id", sa.String(200), nullable=False, unique=True),
        sa.Column("state", sa.String(16), nullable=False),
        sa.Column("error_code", sa.String(64)),
        sa.Column("error_message", sa.Text),
        sa.Column("version_id", sa.Integer, nullable=False),
        sa.Column("done_version_id", sa.Integer),
        sa.Column("title", sa.Text),
        sa.Column("published", sa.String(40)),
        sa.Column("language", sa.String(35), nullable=False),
        sa.Column("metadata", sa.JSON, nullable=False),
        sa.Column("created_at", sa.Float, nullable=False),
        sa.Column("updated_at", sa.Float, nullable=False),
        sqlite_autoincrement=True,
    )
    op.create_index("ix_articles_updated_at", "articles", ["updated_at"])
    op.create_table(
        "versions",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("article_id", sa.Integer, sa.ForeignKey("articles.id"), nullable=False),
        sa.Column("number", sa.Integer, nullable=False),
        sa.Column("content_hash", sa.String(64), nullable=False),
        sa.Column("text", sa.Text, nullable=False),
        sa.Column("key_id", sa.Integer),
        sa.Column("created_at", sa.Float, nullable=False),
        sa.Column("summary", sa.JSON),
        sa.Column("narration", sa.JSON),
        sa.Column("audio_note", sa.Text),
        sa.UniqueConstraint("article_id", "number"),
        sqlite_autoincrement=True,
    )
    op.create_index("ix_versions_article_id", "versions", ["article_id"])
    op.create_table(
        "files",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("version_id", sa.Integer, sa.ForeignKey("versions.id"), nullable=False),
        sa.Column("extension", sa.String(8), nullable=False),
        sa.Column("media_type", sa.String(64), nullable=False),
        sa.Column("blob", sa.String(120), nullable=False),
        sa.Column("size", sa.Integer, nullable=False),
        sa.UniqueConstraint("version_id", "extension"),
        sqlite_autoincrement=True,
    )
    op.create_index("ix_files_version_id", "files", ["version_id"])
    op.create_index("ix_files_blob", "files", ["blob"])
    op.create_table(
        "jobs",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("article_id", sa.Integer, nullable=False),
        sa.Column("version_id", sa.Integer, nullable=False),
        sa.Column("state", sa.String(16), nullable=False),
        sa.Column("attempts", sa.Integer, nullable=False),
        sa.Column("run_after", sa.Float, nullable=False),
        sa.Column("lease_until", sa.Float),
        sa.Column("created_at", sa.Float, nullable=False),
        sa.Column("finished_at", sa.Float),
        sa.Column("error_code", sa.String(64)),
        sa.Column("error_message", sa.Text),
        sqlite_autoincrement=True,
    )
    op.create_index("ix_jobs_article_id", "jobs", ["article_id"])
    op.create_index("ix_jobs_state", "jobs", ["state"])
    op.create_index(
        "one_running_job_per_article",
        "jobs",
        ["article_id"],
        unique=True,
        sqlite_where=sa.text("state = 'running'"),
        postgresql_where=sa.text("state = 'running'"),
    )
    op.create_table(
        "deliveries",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("key_id", sa.Integer, nullable=False),
        sa.Column("event", sa.String(32), nullable=False),
        sa.Column("url", sa.Text, nullable=False),
        sa.Column("body", sa.Text, nullable=False),
        sa.Column("state", sa.String(16), nullable=False),
        sa.Column("attempts", sa.Integer, nullable=False),
        sa.Column("next_attempt_at", sa.Float, nullable=False),
        sa.Column("last_status", sa.Integer),
        sa.Column("last_error", sa.Text),
        sa.Column("created_at", sa.Float, nullable=False),
        sa.Column("delivered_at", sa.Float),
        sqlite_autoincrement=True,
    )
    op.create_index("ix_deliveries_key_id", "deliveries", ["key_id"])
    op.create_index("ix_deliveries_state", "deliveries", ["state"])


def downgrade() -> None:
    """Drop every table of the first schema."""
    for table in ("deliveries", "jobs", "files", "versions", "articles", "api_keys"):
        op.drop_table(table)
