"""Open the service's database and bring its schema up to date.

SQLite (the default) gets WAL mode, a busy timeout and ``BEGIN IMMEDIATE``
for every transaction, so concurrent writers queue up instead of failing
half-way; PostgreSQL URLs are used as given.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import sqlalchemy as sa
from sqlalchemy import event

from khulasa.config import Settings
from khulasa.config import data_dir as data_dir  # store.blobs still reaches it here; it is derived from the settings
from khulasa.errors import ConfigError, MissingDependency

MIGRATIONS = Path(__file__).resolve().parent / "migrations"
READ_ONLY = "khulasa_read_only"
_PASSWORD = re.compile(r"^([^:/]+://[^:/@]*:)[^@]*@")


def database_url(settings: Settings) -> str:
    """The database URL: the setting, or a SQLite file in the data folder.

    A bare ``postgresql://`` URL means the psycopg (3) driver, the one the
    ``postgres`` extra installs.
    """
    url = settings.database_url or f"sqlite:///{data_dir(settings) / 'khulasa.db'}"
    for bare in ("postgresql://", "postgres://"):
        if url.startswith(bare):
            return "postgresql+psycopg://" + url[len(bare) :]
    return url


def _sqlite_tuning(engine: sa.Engine) -> None:
    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        dbapi_connection.isolation_level = None  # let SQLAlchemy's "begin" event below issue BEGIN
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA busy_timeout=30000")
        cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(connection: sa.Connection) -> None:
        # writers take the write lock up front, so two never deadlock upgrading a read lock;
        # readers (see :func:`reading`) never wait for a writer in WAL mode
        read_only = connection.get_execution_options().get(READ_ONLY, False)
        connection.exec_driver_sql("BEGIN" if read_only else "BEGIN IMMEDIATE")


MAX_ROW_ID = 2**63 - 1
"""Largest row number SQLite and PostgreSQL hold (a signed 64-bit integer): a larger id names no row, and the
database cannot even compare one ("Python int too large to convert to SQLite INTEGER")."""


def reading(engine: sa.Engine) -> sa.Connection:
    """A connection for reads only: on SQLite it never takes or waits for the write lock.

    Use as ``with reading(engine) as conn:``; writes go through ``engine.begin()``.
    """
    return engine.connect().execution_options(**{READ_ONLY: True})


def connect(settings: Settings) -> sa.Engine:
    """An engine for the configured database, migrated to the newest schema."""
    url = database_url(settings)
    try:
        engine = sa.create_engine(url)
    except ImportError as exc:
        raise MissingDependency(
            f"the database driver for {url.split('://', 1)[0]} is not installed ({exc.name}); "
            "for PostgreSQL: pip install 'khulasa[postgres]'."
        ) from None
    except (sa.exc.ArgumentError, ValueError) as exc:  # ValueError: a port that is not a number
        shown = _PASSWORD.sub(r"\1***@", url)  # the URL may not parse, so SQLAlchemy cannot hide it for us
        raise ConfigError(
            f"KHULASA_DATABASE_URL={shown!r} cannot be used ({exc}); give a sqlite:/// or postgresql:// URL."
        ) from None
    if engine.dialect.name == "sqlite":
        _sqlite_tuning(engine)
    try:
        migrate(engine)
    except sa.exc.OperationalError as exc:
        shown = engine.url.render_as_string(hide_password=True)
        engine.dispose()
        reason = str(exc.orig).strip().splitlines()[0] if exc.orig else type(exc).__name__
        raise ConfigError(
            f"cannot open the database {shown} ({reason}); check KHULASA_DATABASE_URL and that the server runs."
        ) from None
    return engine


def migrate(engine: sa.Engine) -> None:
    """Run every Alembic migration the database has not had yet."""
    from alembic import command
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, "head")
