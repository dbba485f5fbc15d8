"""The whole article read aloud, beside the summary.

Revision ID: 0008
Revises: 0007

``files.audio`` says which narration a file belongs to, "summary" (every
file stored before this revision) or "article"; a version may now have an
MP3 of each, so the unique key becomes (version, audio, extension).
``versions.article_narration`` keeps the article audio's duration, voice and
loudness (its timings live in its JSON file: a long article has thousands
of word timings, too many for a row read on every GET). ``articles.narrate``
is the publisher's choice for one article ("summary", "article", "both"),
NULL to follow the ``narrate`` setting.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None

_OLD_SQLITE = "uq_files_version_id_extension"
"""The name the batch naming convention gives the unnamed unique key of 0001 on SQLite."""
_OLD_POSTGRES = "files_version_id_extension_key"
"""The name PostgreSQL gave it."""
_CONVENTION = {"uq": "uq_%(table_name)s_%(column_0_N_name)s"}


def _old_name() -> str:
    return _OLD_POSTGRES if op.get_bind().dialect.name == "postgresql" else _OLD_SQLITE


def upgrade() -> None:
    """Add files.audio, versions.article_narration and articles.narrate; widen the files' unique key."""
    with op.batch_alter_table("files", naming_convention=_CONVENTION) as batch:
        batch.add_column(sa.Column("audio", sa.String(8), nullable=False, server_default="summary"))
        batch.drop_constraint(_old_name(), type_="unique")
        batch.create_unique_constraint("uq_files_version_audio_extension", ["version_id", "audio", "extension"])
    with op.batch_alter_table("versions") as batch:
        batch.add_column(sa.Column("article_narration", sa.JSON, nullable=True))
    with op.batch_alter_table("articles") as batch:
        batch.add_column(sa.Column("narrate", sa.String(8), nullable=True))


def downgrade() -> None:
    """Drop the article audio's rows and the three columns."""
    op.execute("DELETE FROM files WHERE audio <> 'summary'")
    with op.batch_alter_table("articles") as batch:
        batch.drop_column("narrate")
    with op.batch_alter_table("versions") as batch:
        batch.drop_column("article_narration")
    with op.batch_alter_table("files", naming_convention=_CONVENTION) as batch:
        batch.drop_constraint("uq_files_version_audio_extension", type_="unique")
        batch.create_unique_constraint(_old_name(), ["version_id", "extension"])
        batch.drop_column("audio")
