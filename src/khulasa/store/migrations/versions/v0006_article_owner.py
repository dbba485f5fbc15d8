"""Articles belong to the key that created them; admin keys may act on any.

Revision ID: 0006
Revises: 0005

``articles.key_id`` is the owner: only that key may PUT or DELETE the
article (another gets 403 ``not_yours``, as with sources), and its webhook
gets the article's events. ``api_keys.admin`` marks the operator keys that
newsroom tools use to act on any article.

An article stored before this revision is given the key of its first
version: that is the key that created it, which ``versions.key_id`` has
always recorded, so owners come out as if the rule had always held. An
article whose first version has no key (a demo upload) stays owned by
nobody: any key may change or delete it, and the first key to PUT it
claims it. Refusing every key there would strand it, since no key ever
had a claim to it.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    """Add ``articles.key_id`` (filled from each article's first version) and ``api_keys.admin`` (false)."""
    with op.batch_alter_table("articles") as batch:
        batch.add_column(sa.Column("key_id", sa.Integer, nullable=True))
    with op.batch_alter_table("api_keys") as batch:
        batch.add_column(sa.Column("admin", sa.Boolean, nullable=False, server_default=sa.false()))
    op.execute(
        "UPDATE articles SET key_id = (SELECT versions.key_id FROM versions "
        "WHERE versions.article_id = articles.id AND versions.number = 1)"
    )


def downgrade() -> None:
    """Drop both columns."""
    with op.batch_alter_table("api_keys") as batch:
        batch.drop_column("admin")
    with op.batch_alter_table("articles") as batch:
        batch.drop_column("key_id")
