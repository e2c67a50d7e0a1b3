"""Opening the database: SQLite by default, PostgreSQL for an office; migrations applied on open."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event, inspect, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError, DatabaseError, SQLAlchemyError
from sqlalchemy.orm import Session, sessionmaker

from desktop.errors import UserError
from desktop.paths import private_file
from desktop.storage.errors import (
    damaged_database_error,
    database_user_error,
    emptied_database_error,
    kind_of,
    quick_check,
)
from desktop.storage.light import (
    BUSY_TIMEOUT_MS,
    MIGRATIONS,
    default_database_url,
    migration_heads,
    sqlite_pragmas,
)

__all__ = [
    "BUSY_TIMEOUT_MS", "MIGRATIONS", "Database", "current_heads", "database_url", "default_database_url",
    "make_engine", "migrate", "migration_heads", "normalize_url",
]


def normalize_url(url: str) -> str:
    """Accepts postgresql:// and postgres:// and routes them to psycopg 3."""
    if url.startswith("postgres://"):
        url = "postgresql://" + url[len("postgres://") :]
    if url.startswith("postgresql://"):
        url = "postgresql+psycopg://" + url[len("postgresql://") :]
    return url


def database_url(url: str | None = None) -> str:
    """The URL to open: the given one or the default, normalised."""
    return normalize_url(url or default_database_url())


def _set_sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    for statement in sqlite_pragmas(BUSY_TIMEOUT_MS):
        cursor.execute(statement)
    cursor.close()


def make_engine(url: str) -> Engine:
    """An engine with the pragmas Visnyk relies on (WAL, foreign keys, busy timeout on SQLite)."""
    url = normalize_url(url)
    try:
        parsed = make_url(url)
    except ArgumentError as error:
        raise UserError(f"Неправильна адреса бази даних: {url}") from error
    if parsed.get_backend_name() == "sqlite":
        database = parsed.database
        engine = create_engine(url, connect_args={"timeout": BUSY_TIMEOUT_MS / 1000})
        if database and database != ":memory:":
            Path(database).parent.mkdir(parents=True, exist_ok=True)
            # Before the pragmas: SQLite gives the -wal and -shm files the database file's permissions.
            event.listen(engine, "connect", lambda *_: private_file(Path(database)))
        event.listen(engine, "connect", _set_sqlite_pragmas)
        return engine
    if parsed.get_backend_name() == "postgresql":
        return create_engine(url, pool_pre_ping=True, connect_args={"connect_timeout": 5})
    raise UserError("Підтримуються лише SQLite і PostgreSQL.")


def current_heads(engine: Engine) -> set[str]:
    """The revisions the database is at; empty for a new database."""
    with engine.connect() as connection:
        if not inspect(connection).has_table("alembic_version"):
            return set()
        return {row[0] for row in connection.execute(text("SELECT version_num FROM alembic_version"))}


def migrate(engine: Engine) -> None:
    """Brings the schema to the newest migration; cheap when it is already there."""
    if current_heads(engine) == migration_heads():
        return
    from alembic import command
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, "head")


class Database:
    """The open database: an engine and a session factory."""

    def __init__(self, url: str | None = None, *, apply_migrations: bool = True) -> None:
        self.url = database_url(url)
        self.engine = make_engine(self.url)
        self.sessions = sessionmaker(self.engine, expire_on_commit=False)
        # Set once a damaged page is met: from then on nothing is written to this file.
        self.damaged = False
        if apply_migrations:
            if self.dialect == "sqlite":
                self._refuse_unsound_file()
            try:
                migrate(self.engine)
            except (DatabaseError, sqlite3.Error) as error:
                self.engine.dispose()
                raise database_user_error(error, self.url) from error

    def _refuse_unsound_file(self) -> None:
        """SQLite's quick check before anything is written; a 0-byte file is never taken for a new one."""
        from desktop.storage.backups import database_file

        path = database_file(self.url)
        if path is None or not path.exists():
            return
        if path.stat().st_size == 0:
            self.engine.dispose()
            raise emptied_database_error(self.url)
        if quick_check(path) is not None:
            self.engine.dispose()
            raise damaged_database_error(self.url)

    @property
    def dialect(self) -> str:
        return self.engine.dialect.name

    @property
    def display_name(self) -> str:
        """The URL without a password, for the status bar and messages."""
        return make_url(self.url).render_as_string(hide_password=True)

    @contextmanager
    def session(self) -> Iterator[Session]:
        """A session that commits on success and rolls back on error; a database failure is one Ukrainian line."""
        if self.damaged:
            raise damaged_database_error(self.url)
        session = self.sessions()
        try:
            yield session
            session.commit()
        except (SQLAlchemyError, sqlite3.Error, OverflowError) as error:
            # OverflowError: SQLite's driver refuses an integer past 64 bits before the statement runs
            with suppress(SQLAlchemyError, sqlite3.Error):
                session.rollback()
            if kind_of(error) == "damaged":
                self.damaged = True
            raise database_user_error(error, self.url) from error
        except BaseException:
            with suppress(SQLAlchemyError, sqlite3.Error):
                session.rollback()
            raise
        finally:
            with suppress(SQLAlchemyError, sqlite3.Error):
                session.close()

    def ping(self) -> None:
        with self.engine.connect() as connection:
            connection.execute(text("SELECT 1"))

    def dispose(self) -> None:
        self.engine.dispose()
