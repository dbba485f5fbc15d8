"""The jobs tests use the store tests' temporary database."""

from tests.store.conftest import blobs, engine, service_settings

__all__ = ["blobs", "engine", "service_settings"]
