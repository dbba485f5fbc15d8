"""Where the service keeps things: rows in a database, audio in a blob store.

The database is reached through SQLAlchemy Core (a SQLite file in the data
folder by default, PostgreSQL by URL) and its schema is changed only by the
Alembic migrations shipped in ``migrations/``, run at start. Audio and
timing files live in a blob store under content-addressed names.
"""
