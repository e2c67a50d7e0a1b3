"""Shared fixtures: a migrated database on SQLite and on PostgreSQL, one user of each role, an in-memory keyring."""
# ruff: noqa: E402  (the private folders are set before the first import that could read them)

from __future__ import annotations

import os

# Qt tests never need a screen.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import secrets
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path

# Before anything is imported or any fixture runs (module- and session-scoped ones too): every folder
# a library might write into (the home, XDG data/config/cache, Hypothesis's database) is a temporary one.
_PRIVATE_ROOT = Path(tempfile.mkdtemp(prefix="visnyk-tests-"))
for _variable, _folder in {
    "HOME": "home", "XDG_DATA_HOME": "data", "XDG_CONFIG_HOME": "config", "XDG_CACHE_HOME": "cache",
    "XDG_STATE_HOME": "state", "VISNYK_DATA_DIR": "userdata",
}.items():
    (_PRIVATE_ROOT / _folder).mkdir()
    os.environ[_variable] = str(_PRIVATE_ROOT / _folder)
# One office's audit key for the whole run (module-scoped databases outlive a test's config folder).
os.environ["VISNYK_AUDIT_KEY_FILE"] = str(_PRIVATE_ROOT / "audit.key")
os.environ["HYPOTHESIS_STORAGE_DIRECTORY"] = str(_PRIVATE_ROOT / "hypothesis")
os.environ.pop("VISNYK_DATABASE_URL", None)


import pytest
from argon2 import PasswordHasher
from hypothesis import settings as hypothesis_settings
from hypothesis.database import DirectoryBasedExampleDatabase
from sqlalchemy import create_engine, text

from desktop import accounts, passwords
from desktop.storage.engine import Database
from desktop.storage.models import Base, User

hypothesis_settings.register_profile(
    "private", database=DirectoryBasedExampleDatabase(str(_PRIVATE_ROOT / "hypothesis"))
)
hypothesis_settings.load_profile("private")

# The server the storage tests make their database on (README: VISNYK_TEST_POSTGRES).
POSTGRES_SERVER = os.environ.get("VISNYK_TEST_POSTGRES", "postgresql+psycopg://postgres@127.0.0.1:5432/postgres")
SHARED = Path(__file__).resolve().parents[1].parent / "shared"
TEST_PASSWORD = "test-password-1"


@pytest.fixture(autouse=True, scope="session")
def _fast_password_hashing() -> Iterator[None]:
    """Argon2id with the cheapest parameters: the tests create users by the hundred, not attackers."""
    original = passwords.hasher
    passwords.hasher = PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1)
    yield
    passwords.hasher = original


@pytest.fixture(scope="session")
def _sqlite_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One migrated SQLite file, copied for every test (migrating each time is slow)."""
    path = tmp_path_factory.mktemp("template") / "template.sqlite3"
    database = Database(f"sqlite:///{path}")
    database.dispose()
    return path


@pytest.fixture(scope="session")
def _postgres_url() -> Iterator[str]:
    """A fresh PostgreSQL database for the test session, dropped at the end."""
    try:
        server = create_engine(POSTGRES_SERVER, isolation_level="AUTOCOMMIT", connect_args={"connect_timeout": 3})
        with server.connect() as connection:
            connection.execute(text("SELECT 1"))
    except Exception as error:  # any failure to reach the server means: skip, visibly
        pytest.skip(f"PostgreSQL не відповідає: {str(error).splitlines()[0]}")
    name = f"visnyk_test_{secrets.token_hex(4)}"
    with server.connect() as connection:
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    url = POSTGRES_SERVER.rsplit("/", 1)[0] + f"/{name}"
    Database(url).dispose()  # migrate once
    yield url
    with server.connect() as connection:
        connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    server.dispose()


def _truncate_all(database: Database) -> None:
    tables = ", ".join(f'"{table.name}"' for table in Base.metadata.sorted_tables)
    with database.engine.begin() as connection:
        # the audit log's append-only triggers (migration 0005) do not fire for a replica session
        connection.execute(text("SET LOCAL session_replication_role = replica"))
        connection.execute(text(f"TRUNCATE {tables} RESTART IDENTITY CASCADE"))


@pytest.fixture(params=["sqlite", "postgresql"])
def database(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Database]:
    """An empty, migrated database: a SQLite file, or the session's PostgreSQL database emptied."""
    if request.param == "sqlite":
        path = tmp_path / "visnyk.sqlite3"
        shutil.copy(request.getfixturevalue("_sqlite_template"), path)
        database = Database(f"sqlite:///{path}")
    else:
        database = Database(request.getfixturevalue("_postgres_url"))
        _truncate_all(database)
    yield database
    database.dispose()


@pytest.fixture
def sqlite_database(tmp_path: Path, _sqlite_template: Path) -> Iterator[Database]:
    """An empty, migrated SQLite database only, for tests that need no PostgreSQL run."""
    path = tmp_path / "visnyk.sqlite3"
    shutil.copy(_sqlite_template, path)
    database = Database(f"sqlite:///{path}")
    yield database
    database.dispose()


@pytest.fixture
def admin(database: Database) -> User:
    """The first administrator (holds every role)."""
    with database.session() as session:
        return accounts.create_first_admin(session, "admin", "Адміністратор Тестовий", TEST_PASSWORD)


def _add(database: Database, admin: User, login: str, name: str, role: str) -> User:
    with database.session() as session:
        return accounts.add_user(session, admin, login, name, [role], TEST_PASSWORD)


@pytest.fixture
def author(database: Database, admin: User) -> User:
    """A press officer."""
    return _add(database, admin, "author", "Прес-офіцер Тестовий", "author")


@pytest.fixture
def supervisor(database: Database, admin: User) -> User:
    """A supervisor who approves."""
    return _add(database, admin, "supervisor", "Керівник Тестовий", "supervisor")


@pytest.fixture
def exporter(database: Database, admin: User) -> User:
    """The person who publishes."""
    return _add(database, admin, "exporter", "Відповідальний Тестовий", "exporter")


@pytest.fixture(autouse=True)
def _private_data_dir(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    """Tests never touch the developer's own data folder or database."""
    monkeypatch.setenv("VISNYK_DATA_DIR", str(tmp_path_factory.mktemp("userdata")))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path_factory.mktemp("config")))
    monkeypatch.delenv("VISNYK_DATABASE_URL", raising=False)


@pytest.fixture(scope="session")
def reference_release() -> str:
    """The reference release from ../shared/examples, or a skip naming what is missing."""
    path = SHARED / "examples" / "korosten-summit-2023.txt"
    if not path.exists():
        pytest.skip(f"немає еталонного релізу: {path}")
    return path.read_text(encoding="utf-8")


class MemoryKeyring:
    """An in-memory stand-in for the OS keyring: passwords by (service, key) in `saved`."""

    def __init__(self) -> None:
        self.saved: dict[tuple[str, str], str] = {}

    def get_password(self, service: str, key: str) -> str | None:
        return self.saved.get((service, key))

    def set_password(self, service: str, key: str, password: str) -> None:
        self.saved[(service, key)] = password

    def delete_password(self, service: str, key: str) -> None:
        del self.saved[(service, key)]


@pytest.fixture
def memory_keyring(monkeypatch: pytest.MonkeyPatch) -> MemoryKeyring:
    """Signing remembers certificate passwords here: tests never touch the developer's own keyring."""
    from desktop.export import signing  # late: most tests never load the signing stack

    store = MemoryKeyring()
    monkeypatch.setattr(signing, "_keyring", lambda: store)
    return store
