"""Review before publishing, and editors' bullets.

Revision ID: 0010
Revises: 0008

``articles.published_version_id`` is the version readers without a key
see (the player, the feeds, public reads); ``done_version_id`` stays the
newest finished one, which in review mode may be waiting for an editor.
Every article finished before this revision was published as it
finished, so the published version starts as the finished one.
``articles.publish`` is the article's own choice, "auto" or "review"
(NULL: the ``publish`` setting).

``versions.author`` names the editor who wrote a version's bullets by hand
(NULL: the summary engine made them), and ``reviewed_by``,
``reviewed_at``, ``review_note`` keep who published or rejected a version,
when, and the note sent back with a rejection.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0010"
down_revision = "0009"  # re-chained after the lexicon's 0009 where both branches meet
branch_labels = None
depends_on = None


def upgrade() -> None:
    """Add the review columns; what was finished is what was published."""
    with op.batch_alter_table("articles") as batch:
        batch.add_column(sa.Column("publish", sa.String(8), nullable=True))
        batch.add_column(sa.Column("published_version_id", sa.Integer, nullable=True))
    with op.batch_alter_table("versions") as batch:
        batch.add_column(sa.Column("author", sa.String(100), nullable=True))
        batch.add_column(sa.Column("reviewed_by", sa.String(100), nullable=True))
        batch.add_column(sa.Column("reviewed_at", sa.Float, nullable=True))
        batch.add_column(sa.Column("review_note", sa.Text, nullable=True))
    op.create_index("ix_articles_published_version_id", "articles", ["published_version_id"])  # the feeds join on it
    op.execute("UPDATE articles SET published_version_id = done_version_id")


def downgrade() -> None:
    """Drop the review columns; an item waiting for review or rejected goes back to done, as it would have been."""
    op.execute("UPDATE articles SET state = 'done' WHERE state IN ('review', 'rejected')")
    with op.batch_alter_table("versions") as batch:
        for name in ("review_note", "reviewed_at", "reviewed_by", "author"):
            batch.drop_column(name)
    op.drop_index("ix_articles_published_version_id", table_name="articles")
    with op.batch_alter_table("articles") as batch:
        batch.drop_column("published_version_id")
        batch.drop_column("publish")
