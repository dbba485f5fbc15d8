"""Feed sources and the items read from them.

Revision ID: 0002
Revises: 0001
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    """Create the sources and source_items tables."""
    op.create_table(
        "sources",
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
    op.create_table(
        "source_items",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("source_id", sa.Integer, sa.ForeignKey("sources.id"), nullable=False),
        sa.Column("item_key", sa.String(500), nullable=False),
        sa.Column("link", sa.String(2000)),
        sa.Column("content_hash", sa.String(64), nullable=False),
        sa.Column("external_id", sa.String(200), nullable=False),
        sa.Column("seen_at", sa.Float, nullable=False),
        sa.Column("error", sa.Text),
        sa.UniqueConstraint("source_id", "item_key"),
        sqlite_autoincrement=True,
    )
    op.create_index("ix_source_items_source_id", "source_items", ["source_id"])


def downgrade() -> None:
    """Drop both tables."""
    op.drop_index("ix_source_items_source_id", table_name="source_items")
    op.drop_table("source_items")
    op.drop_table("sources")
