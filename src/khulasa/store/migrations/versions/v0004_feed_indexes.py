"""Indexes the feeds read by: versions by when they arrived, articles by their finished version.

Revision ID: 0004
Revises: 0003

``GET /v1/feed.xml`` lists the newest finished summaries. Without these
indexes the database sorted every finished item on each request: 161 ms
for a 100,000-item archive on SQLite, growing with the archive. With them
it walks the newest versions in order and stops at the limit: 3.5 ms at
any size (``bench/feed_scale.py``). Building them on an existing archive
takes one pass over each table.
"""

from __future__ import annotations

from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    """Index ``versions.created_at`` and ``articles.done_version_id``."""
    op.create_index("ix_versions_created_at", "versions", ["created_at"])
    op.create_index("ix_articles_done_version_id", "articles", ["done_version_id"])


def downgrade() -> None:
    """Drop both indexes."""
    op.drop_index("ix_articles_done_version_id", table_name="articles")
    op.drop_index("ix_versions_created_at", table_name="versions")
