"""Alembic migrations for the service's database, run by :func:`khulasa.store.database.migrate`."""
