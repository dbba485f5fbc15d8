"""What the CMS sent with each article version besides its text: title, publication time, language, metadata.

Revision ID: 0005
Revises: 0004

Those fields lived only on the article, so a PUT of a new version replaced
them at once, while its summary was still being made: a keyless GET (and
the feeds) showed the old summary under the new, still embargoed headline.
With them kept per version, what is public is the last finished version's.
Rows stored before the upgrade have none (NULL) and show the article's fields, as before.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    """Add the nullable ``versions.details`` JSON column."""
    with op.batch_alter_table("versions") as batch:
        batch.add_column(sa.Column("details", sa.JSON, nullable=True))


def downgrade() -> None:
    """Drop the column again."""
    with op.batch_alter_table("versions") as batch:
        batch.drop_column("details")
