"""Opening the database: SQLite by default, PostgreSQL for an office; migrations applied on open."""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import Engine, create_engine, event, inspect, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError, DatabaseError, OperationalError
from sqlalchemy.orm import Session, sessionmaker

from desktop.errors import DamagedDatabase, UserError
from desktop.paths import user_data_dir

MIGRATIONS = Path(__file__).resolve().parent / "migrations"
BUSY_TIMEOUT_MS = 5000


def default_database_url() -> str:
    """VISNYK_DATABASE_URL, or SQLite in the user data folder."""
    return os.environ.get("VISNYK_DATABASE_URL") or f"sqlite:///{user_data_dir() / 'visnyk.sqlite3'}"


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


def _set_sqlite_pragmas(dbapi_connection, _record) -> None:  # noqa: ANN001 - SQLAlchemy's event
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
    cursor.execute("PRAGMA synchronous=NORMAL")
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
            from desktop.storage.backups import private_file

            event.listen(engine, "connect", lambda *_: private_file(Path(database)))
        event.listen(engine, "connect", _set_sqlite_pragmas)
        return engine
    if parsed.get_backend_name() == "postgresql":
        return create_engine(url, pool_pre_ping=True, connect_args={"connect_timeout": 5})
    raise UserError("Підтримуються лише SQLite і PostgreSQL.")


_REVISION_LINE = re.compile(r"^(down_revision|revision)\s*=\s*['\"]?([\w]+)?['\"]?", re.MULTILINE)


def migration_heads() -> set[str]:
    """The newest revision ids, read from the migration files' text (importing Alembic costs start-up time)."""
    revisions: set[str] = set()
    parents: set[str] = set()
    for path in (MIGRATIONS / "versions").glob("*.py"):
        values = dict(_REVISION_LINE.findall(path.read_text(encoding="utf-8")))
        if values.get("revision"):
            revisions.add(values["revision"])
        if values.get("down_revision") and values["down_revision"] != "None":
            parents.add(values["down_revision"])
    return revisions - parents


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
        if apply_migrations:
            if self.dialect == "sqlite" and _emptied(self.url):
                raise damaged_database_error(self.url)
            try:
                migrate(self.engine)
            except DatabaseError as error:
                self.engine.dispose()
                if self.dialect == "sqlite" and _looks_damaged(error):
                    raise damaged_database_error(self.url) from error
                if isinstance(error, OperationalError):
                    raise UserError(describe_connection_error(self.url, error)) from error
                raise UserError(
                    f"Не вдалося підготувати базу даних {self.display_name}: {str(error).splitlines()[0]}"
                ) from error

    @property
    def dialect(self) -> str:
        return self.engine.dialect.name

    @property
    def display_name(self) -> str:
        """The URL without a password, for the status bar and messages."""
        return make_url(self.url).render_as_string(hide_password=True)

    @contextmanager
    def session(self) -> Iterator[Session]:
        """A session that commits on success and rolls back on error."""
        session = self.sessions()
        try:
            yield session
            session.commit()
        except BaseException:
            session.rollback()
            raise
        finally:
            session.close()

    def ping(self) -> None:
        with self.engine.connect() as connection:
            connection.execute(text("SELECT 1"))

    def dispose(self) -> None:
        self.engine.dispose()


def _emptied(url: str) -> bool:
    """An SQLite file cut to nothing while copies of it exist: a damaged database, not a new one."""
    from desktop.storage.backups import database_file, latest_backup

    path = database_file(url)
    return path is not None and path.exists() and path.stat().st_size == 0 and latest_backup(url) is not None


def _looks_damaged(error: Exception) -> bool:
    message = str(error).lower()
    return "file is not a database" in message or "malformed" in message or "disk image" in message


def damaged_database_error(url: str) -> DamagedDatabase:
    """The error for an SQLite file that does not open, naming the newest copy to restore."""
    from desktop.storage.backups import database_file, latest_backup

    backup = latest_backup(url)
    where = database_file(url)
    message = f"Файл бази даних пошкоджений або це не база «Вісника»: {where}."
    if backup is None:
        message += " Резервних копій немає."
    else:
        message += (f" Є резервна копія від {backup.label()}: відновіть її командою "
                    "«python run.py backup restore» або погодьтеся на відновлення під час запуску програми.")
    return DamagedDatabase(message, backup, url)


def describe_connection_error(url: str, error: Exception) -> str:
    """A Ukrainian one-liner for a database that does not open."""
    message = str(error).lower()
    if "locked" in message:
        return "База даних заблокована іншою програмою. Закрийте її та спробуйте ще раз."
    if "file is not a database" in message or "malformed" in message:
        return "Файл бази даних пошкоджений. Відновіть його з останньої резервної копії."
    if "connection refused" in message or "could not connect" in message or "timeout" in message:
        return f"Не вдалося з'єднатися із сервером бази даних ({make_url(url).host}). Перевірте, чи він запущений."
    return f"Не вдалося відкрити базу даних: {str(error).splitlines()[0]}"
