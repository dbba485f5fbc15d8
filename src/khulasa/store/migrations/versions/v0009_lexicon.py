"""The newsroom's pronunciation dictionary.

Revision ID: 0009
Revises: 0008

``lexicon_entries`` holds one row per term (``term_key``, the term in the
form the dictionary compares, is unique: «CNN» and «cnn» are one entry).
``lexicon_changes`` gets a row for every add, change and removal, naming the
terms it touched; the newest row's id is the dictionary's version, so the
version goes up with every change and tells which terms changed since audio
was made.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None


def upgrade() -> None:
    """Create lexicon_entries and lexicon_changes."""
    op.create_table(
        "lexicon_entries",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("term", sa.String(100), nullable=False),
        sa.Column("term_key", sa.String(200), nullable=False, unique=True),
        sa.Column("say", sa.String(200), nullable=False),
        sa.Column("note", sa.Text),
        sa.Column("created_at", sa.Float, nullable=False),
        sa.Column("updated_at", sa.Float, nullable=False),
        sqlite_autoincrement=True,
    )
    op.create_table(
        "lexicon_changes",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("terms", sa.JSON, nullable=False),
        sa.Column("at", sa.Float, nullable=False),
        sqlite_autoincrement=True,
    )


def downgrade() -> None:
    """Drop the dictionary."""
    op.drop_table("lexicon_changes")
    op.drop_table("lexicon_entries")
