"""The agency credit line of each article version.

Revision ID: 0003
Revises: 0002

Ingest takes the closing credit ("رويترز، العربي الجديد") out of the body
and keeps it as ``Article.credit``; before this column the store dropped it,
so a job summarized without it and the API could not show it. Rows stored
before the upgrade have none (NULL).
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    """Add the nullable ``versions.credit`` column."""
    with op.batch_alter_table("versions") as batch:
        batch.add_column(sa.Column("credit", sa.Text, nullable=True))


def downgrade() -> None:
    """Drop the column again."""
    with op.batch_alter_table("versions") as batch:
        batch.drop_column("credit")
