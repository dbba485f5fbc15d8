"""A voice and a speed per article.

Revision ID: 0011
Revises: 0008

``articles.voice`` is the voice a PUT chose for the article (a name as
``khulasa voices list`` shows it: "espeak", a cloud voice, or an installed
Piper voice's name) and ``articles.speed`` its speaking rate; NULL follows
the ``voice`` and ``speed`` settings. What a finished version was actually
read with is kept in its narration (``versions.narration``), so changing the
choice later does not rewrite what an earlier version says it used.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0011"
down_revision = "0010"
branch_labels = None
depends_on = None


def upgrade() -> None:
    """Add articles.voice and articles.speed."""
    with op.batch_alter_table("articles") as batch:
        batch.add_column(sa.Column("voice", sa.String(64), nullable=True))
        batch.add_column(sa.Column("speed", sa.Float, nullable=True))


def downgrade() -> None:
    """Drop the two columns: every article follows the settings again."""
    with op.batch_alter_table("articles") as batch:
        batch.drop_column("speed")
        batch.drop_column("voice")
