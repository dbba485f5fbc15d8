"""The jobs tests use the store tests' temporary database, on SQLite and on PostgreSQL."""

from tests.store.conftest import blobs, database_url, engine, service_settings

__all__ = ["blobs", "database_url", "engine", "service_settings"]
