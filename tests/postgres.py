"""A throw-away PostgreSQL server for the tests and the benchmarks.

Debian's ``postgresql`` package gives the binaries (``/usr/lib/postgresql/<version>/bin``);
``initdb`` makes a cluster in a temporary folder, ``pg_ctl`` starts it on a Unix socket in
that folder and no TCP port, so runs never meet each other or a real server. PostgreSQL
refuses to run as root (CI and this machine run as root), so there the cluster belongs to
the package's ``postgres`` user. Durability is off (fsync, synchronous commit): the data
dies with the run anyway, and each test's fresh database is then a quick copy of a template.
"""

from __future__ import annotations

import itertools
import os
import pwd
import shutil
import subprocess
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import sqlalchemy as sa

SUPERUSER = "postgres"
TEMPLATE = "khulasa_template"
FAST = "-c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=300"


def binaries() -> Path | None:
    """The newest installed PostgreSQL's bin folder, or None when initdb and pg_ctl are not installed."""
    found = [b for b in Path("/usr/lib/postgresql").glob("*/bin") if (b / "initdb").is_file() and (b / "pg_ctl").is_file()]
    if found:
        return max(found, key=lambda b: int(b.parent.name) if b.parent.name.isdigit() else 0)
    on_path = shutil.which("pg_ctl")
    return Path(on_path).parent if on_path and (Path(on_path).parent / "initdb").is_file() else None


def missing() -> str | None:
    """Why a cluster cannot be started here, in one sentence; None when it can."""
    if binaries() is None:
        return "PostgreSQL is not installed (apt-get install postgresql; scripts/test does it)"
    if os.geteuid() == 0:
        try:
            pwd.getpwnam(SUPERUSER)
        except KeyError:
            return f"running as root, and there is no {SUPERUSER!r} user to own the cluster"
    return None


class Cluster:
    """A running server in ``folder`` (data in ``folder/data``, socket in ``folder``); :meth:`stop` removes it all."""

    def __init__(self, folder: Path, bin_dir: Path) -> None:
        self.folder = folder
        self.bin_dir = bin_dir
        self._names = itertools.count(1)

    @classmethod
    def start(cls) -> Cluster:
        """initdb and start a new cluster in a new temporary folder, with a migrated template database."""
        bin_dir = binaries()
        if bin_dir is None:
            raise RuntimeError(missing())
        folder = Path(tempfile.mkdtemp(prefix="khulasa-pg-"))
        cluster = cls(folder, bin_dir)
        if os.geteuid() == 0:
            owner = pwd.getpwnam(SUPERUSER)
            os.chown(folder, owner.pw_uid, owner.pw_gid)
        try:
            cluster._run("initdb", "-D", str(folder / "data"), "-U", SUPERUSER, "--auth=trust", "--no-sync", "-E", "UTF8")
            options = f"-k {folder} -c listen_addresses='' {FAST}"
            cluster._run("pg_ctl", "start", "-w", "-D", str(folder / "data"), "-l", str(folder / "server.log"), "-o", options)
            cluster._template()
        except BaseException:
            cluster.stop()
            raise
        return cluster

    def url(self, database: str) -> str:
        """The database's URL as an operator would write it in KHULASA_DATABASE_URL."""
        return f"postgresql://{SUPERUSER}@/{database}?host={self.folder}"

    @contextmanager
    def database(self, *, migrated: bool = True, copy_of: str | None = None) -> Iterator[str]:
        """A new database for the block, dropped after it; yields its URL.

        A copy of the migrated template, of database ``copy_of`` (which must have no open connection), or empty.
        """
        name = f"khulasa_{os.getpid()}_{next(self._names)}"
        template = copy_of or (TEMPLATE if migrated else "template0")
        self._admin(f"CREATE DATABASE {name} TEMPLATE {template}")
        try:
            yield self.url(name)
        finally:
            self._admin(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")

    def stop(self) -> None:
        """Stop the server at once (nothing in it is kept) and remove its folder."""
        if (self.folder / "data" / "postmaster.pid").exists():
            self._run("pg_ctl", "stop", "-D", str(self.folder / "data"), "-m", "immediate")
        shutil.rmtree(self.folder, ignore_errors=True)

    def _template(self) -> None:
        from khulasa.store import database

        self._admin(f"CREATE DATABASE {TEMPLATE}")
        engine = sa.create_engine(self._sqlalchemy_url(TEMPLATE))
        try:
            database.migrate(engine)
        finally:
            engine.dispose()

    def _admin(self, statement: str) -> None:
        engine = sa.create_engine(self._sqlalchemy_url("postgres"), isolation_level="AUTOCOMMIT")
        try:
            with engine.connect() as conn:
                conn.exec_driver_sql(statement)
        finally:
            engine.dispose()

    def _sqlalchemy_url(self, database: str) -> str:
        return f"postgresql+psycopg://{SUPERUSER}@/{database}?host={self.folder}"

    def _run(self, program: str, *args: str) -> None:
        command = [str(self.bin_dir / program), *args]
        if os.geteuid() == 0:
            command = ["runuser", "-u", SUPERUSER, "--", *command]
        done = subprocess.run(command, capture_output=True, text=True, timeout=120, check=False, cwd=self.folder)
        if done.returncode != 0:
            log = self.folder / "server.log"
            server = log.read_text(errors="replace")[-2000:] if log.exists() else ""
            raise RuntimeError(f"{program} failed ({done.returncode}): {done.stderr.strip()} {server}")
