"""Alembic's entry point: run migrations on the connection Khulasa hands over.

Khulasa never runs Alembic from an ini file; :func:`khulasa.store.database.migrate`
puts an open connection in ``config.attributes["connection"]``.
"""

from __future__ import annotations

from alembic import context

from khulasa.store.schema import metadata

connection = context.config.attributes["connection"]
context.configure(connection=connection, target_metadata=metadata, render_as_batch=True)
with context.begin_transaction():
    context.run_migrations()
