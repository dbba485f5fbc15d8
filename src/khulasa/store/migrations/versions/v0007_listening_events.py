"""Listening events and the daily figures made from them.

Revision ID: 0007
Revises: 0006

Readers' players report what they did with the audio (seen, played, how far,
speed, download, error); each event is kept raw for a while and counted into
one row per article, day and audio kind as it is written, so the figures
are read from a table whose size does not grow with the traffic.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    """Create listening_events and listening_days."""
    op.create_table(
        "listening_events",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("article_id", sa.Integer, nullable=False),
        sa.Column("version", sa.Integer),
        sa.Column("audio", sa.String(8), nullable=False),
        sa.Column("event", sa.String(16), nullable=False),
        sa.Column("position", sa.Float),
        sa.Column("value", sa.Float),
        sa.Column("listened", sa.Float),
        sa.Column("day", sa.String(10), nullable=False),
        sa.Column("at", sa.Float, nullable=False),
        sqlite_autoincrement=True,
    )
    op.create_index("ix_listening_events_article_id", "listening_events", ["article_id"])
    op.create_index("ix_listening_events_at", "listening_events", ["at"])
    op.create_table(
        "listening_days",
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
    )
    op.create_index("ix_listening_days_day", "listening_days", ["day"])


def downgrade() -> None:
    """Drop both tables."""
    op.drop_index("ix_listening_days_day", table_name="listening_days")
    op.drop_table("listening_days")
    op.drop_index("ix_listening_events_at", table_name="listening_events")
    op.drop_index("ix_listening_events_article_id", table_name="listening_events")
    op.drop_table("listening_events")
