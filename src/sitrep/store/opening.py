"""Opening a store: the database checked before anything is written to it, brought to the newest
schema in one transaction, and every failure told in one line that says what to do.

A file or database that is not a sitrep store (another application's, a half-made one, one from a
newer sitrep) is refused untouched: nothing is created in it, and a SQLite file is not even
switched to WAL. A migration runs in a single transaction on both databases (SQLite's Python driver
would commit each CREATE TABLE on its own), so one that fails leaves the database as it was.
"""
from __future__ import annotations

import os
import sqlite3
from contextlib import closing
from pathlib import Path

from sqlalchemy import Connection, Engine, create_engine, event, inspect, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import DBAPIError, SQLAlchemyError
from sqlalchemy.pool import NullPool

from sitrep.store.schema import metadata

MIGRATIONS = Path(__file__).parent / "migrations"
VERSION_TABLE = "alembic_version"
SQLITE_HEADER = b"SQLite format 3\x00"
# How long a command waits for a SQLite store another process is writing to.
TIMEOUT_ENV = "SITREP_DB_TIMEOUT"
DEFAULT_TIMEOUT_SECONDS = 30.0
# Any number: PostgreSQL sessions migrating a database take this advisory lock in turn.
MIGRATION_LOCK = 7_230_518


class StoreError(Exception):
    """The store cannot be opened or used: one line saying why and what to do."""


def sqlite_path(url: str) -> Path | None:
    """The file of a SQLite URL (None for another database, or SQLite in memory)."""
    parsed = make_url(url)
    if parsed.get_backend_name() != "sqlite" or not parsed.database or parsed.database == ":memory:":
        return None
    return Path(parsed.database)


def lock_timeout() -> float:
    """Seconds to wait for a SQLite store another process holds ($SITREP_DB_TIMEOUT, default 30)."""
    value = os.environ.get(TIMEOUT_ENV, "")
    try:
        seconds = float(value) if value.strip() else DEFAULT_TIMEOUT_SECONDS
    except ValueError:
        raise StoreError(f"{TIMEOUT_ENV} must be a number of seconds, not {value!r}") from None
    return max(seconds, 0.0)


def _sqlite_pragmas(timeout: float):
    def set_pragmas(dbapi_connection, _record) -> None:
        cursor = dbapi_connection.cursor()
        # WAL: readers (the web layer) never block the ingest; synchronous=NORMAL is safe against a
        # killed process (only a power cut may lose the last transactions).
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute(f"PRAGMA busy_timeout={int(timeout * 1000)}")
        cursor.close()
    return set_pragmas


def create_store_engine(url: str, *, transactional_ddl: bool = False) -> Engine:
    """An engine on the store at ``url`` (SQLite: WAL, foreign keys, the lock timeout).
    ``transactional_ddl``: SQLite transactions that hold schema changes too (BEGIN IMMEDIATE, so
    that two processes migrating a new file take turns); for migrations only."""
    if sqlite_path(url) is None:
        return create_engine(url, poolclass=NullPool if transactional_ddl else None)
    engine = create_engine(url, poolclass=NullPool if transactional_ddl else None)
    event.listen(engine, "connect", _sqlite_pragmas(lock_timeout()))
    if transactional_ddl:
        event.listen(engine, "connect", lambda dbapi_connection, _record: setattr(dbapi_connection, "isolation_level", None))
        event.listen(engine, "begin", lambda connection: connection.exec_driver_sql("BEGIN IMMEDIATE"))
    return engine


def check_sqlite_file(path: Path) -> None:
    """Refuse, before connecting, a path that cannot be a store: a folder, a file in a missing
    folder, a file that is not a SQLite database."""
    shown = str(path)
    if path.is_dir():
        raise StoreError(f"{shown} is a folder, not a store file: give a file name (--db FILE or $SITREP_DB)")
    if not path.parent.is_dir():
        raise StoreError(f"the folder of {shown} does not exist: create it, or give another --db")
    if not path.exists():
        return
    try:
        with path.open("rb") as fh:
            header = fh.read(len(SQLITE_HEADER))
    except OSError as exc:
        raise StoreError(f"cannot read the store {shown}: {exc.strerror or exc}") from None
    if header and header != SQLITE_HEADER:
        raise StoreError(f"{shown} is not a SQLite database, so not a sitrep store: give another --db")


def _sqlite_contents(path: Path) -> tuple[set[str], str | None]:
    """Tables and schema version of an existing SQLite file, read without writing to it (opened
    for writing all the same: a read-only connection to a WAL file leaves its -wal and -shm behind)."""
    try:
        with closing(sqlite3.connect(f"{path.resolve().as_uri()}?mode=rw", uri=True, timeout=lock_timeout())) as db:
            tables = {row[0] for row in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
            version = None
            if VERSION_TABLE in tables:
                row = db.execute(f"SELECT version_num FROM {VERSION_TABLE}").fetchone()
                version = row[0] if row else None
    except sqlite3.DatabaseError as exc:
        raise StoreError(describe(exc, str(path))) from None
    return tables, version


def _contents(connection: Connection) -> tuple[set[str], str | None]:
    tables = set(inspect(connection).get_table_names())
    version = None
    if VERSION_TABLE in tables:
        version = connection.scalar(text(f"SELECT version_num FROM {VERSION_TABLE}"))
    return tables, version


def _alembic_config():
    from alembic.config import Config  # imported here: alembic takes a third of a second to import

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    return config


def _known_revisions(config) -> tuple[set[str], str]:
    from alembic.script import ScriptDirectory

    script = ScriptDirectory.from_config(config)
    return {revision.revision for revision in script.walk_revisions()}, script.get_current_head()


def check_contents(tables: set[str], version: str | None, where: str, whole_file: bool, known: set[str]) -> None:
    """Refuse a database that holds tables but is no sitrep store, or a store of a newer sitrep.
    ``whole_file``: the database is one application's file (SQLite), so any table is foreign."""
    ours = set(metadata.tables)
    if version is None and (tables & ours or (whole_file and tables)):
        names = ", ".join(sorted(tables)[:5]) + (", ..." if len(tables) > 5 else "")
        raise StoreError(f"{where} holds tables ({names}) but is not a sitrep store (or one whose creation "
                         "failed): sitrep leaves it untouched; give another --db")
    if version is not None and version not in known:
        raise StoreError(f"{where} was made by a newer sitrep (schema {version}): upgrade sitrep to open it")


def migrate(url: str, config, head: str) -> None:
    """Bring the database to the newest schema, all in one transaction."""
    from alembic import command

    engine = create_store_engine(url, transactional_ddl=True)
    try:
        with engine.begin() as connection:
            if engine.dialect.name == "postgresql":
                connection.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": MIGRATION_LOCK})
            config.attributes["connection"] = connection
            command.upgrade(config, head)
    finally:
        engine.dispose()


def open_engine(url: str) -> Engine:
    """The engine of the store at ``url``, checked and at the newest schema; StoreError if it
    cannot be (the database is then left as it was)."""
    where = render(url)
    path = sqlite_path(url)
    config = _alembic_config()
    known, head = _known_revisions(config)
    try:
        if path is not None:
            check_sqlite_file(path)
            tables, version = _sqlite_contents(path) if path.exists() else (set(), None)
        else:
            probe = create_store_engine(url, transactional_ddl=True)
            try:
                with probe.connect() as connection:
                    tables, version = _contents(connection)
            finally:
                probe.dispose()
        check_contents(tables, version, where, whole_file=path is not None, known=known)
        if version != head:
            migrate(url, config, head)
    except SQLAlchemyError as exc:
        raise StoreError(describe(exc, where)) from None
    return create_store_engine(url)


def render(url: str) -> str:
    """The store as a user names it: the file, or the URL without its password."""
    path = sqlite_path(url)
    if path is not None:
        return str(path)
    parsed = make_url(url)
    return parsed.set(drivername=parsed.get_backend_name()).render_as_string(hide_password=True)


def describe(exc: BaseException, where: str) -> str:
    """One line saying what went wrong with the store at ``where`` and what to do."""
    original = exc.orig if isinstance(exc, DBAPIError) and exc.orig is not None else exc
    message = (str(original).strip().splitlines() or [type(original).__name__])[0]
    lowered = message.lower()
    if "database is locked" in lowered or "database table is locked" in lowered:
        return (f"the store {where} is locked by another process (waited {lock_timeout():g} s): try again when it "
                f"has finished, or wait longer with {TIMEOUT_ENV}=SECONDS")
    if "readonly database" in lowered or "read-only" in lowered:
        return f"the store {where} cannot be written (read-only file or folder): give a writable --db"
    if "unable to open database file" in lowered:
        return f"cannot open the store {where}: check that its folder exists and can be written, or give another --db"
    if "file is not a database" in lowered or "malformed" in lowered:
        return f"{where} is not a readable SQLite database ({message}): give another --db"
    if "disk is full" in lowered or "no space" in lowered:
        return f"the store {where} is out of disk space: free some and run the command again"
    if "connection" in lowered or "could not translate host" in lowered or "does not exist" in lowered \
            or "authentication" in lowered:
        return f"cannot connect to {where}: {message}"
    return f"the store {where} failed: {message}"
