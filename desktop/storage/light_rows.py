"""The rows an unsigned export reads and writes, through sqlite3 alone (desktop.export.light says why).

Only a database this module is sure of is opened: a sqlite:/// address without a query (whose witness
address is computed as SQLAlchemy renders it, witness_address), an existing file that passes SQLite's quick check, at the newest migration, with
no restore awaiting its audit row. Anything else is None, and the caller takes the ordinary path,
which opens, migrates, restores or refuses as it always does. Columns are named one by one, so a
table that lacks one raises sqlite3.Error, which is a fallback too.

The rows are written as SQLAlchemy writes them on SQLite (times as «YYYY-MM-DD HH:MM:SS.ffffff» in
UTC, booleans as 0 and 1): whatever is written here reads back through the models unchanged.
Nothing here imports SQLAlchemy, the models or the audit log: a test keeps it so.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any
from urllib.parse import quote, unquote

from desktop.paths import private_file
from desktop.roles import role_set_of
from desktop.storage.audit_chain import SEALED_COLUMNS, NewEntry
from desktop.storage.light import (
    BUSY_TIMEOUT_MS,
    RESTORE_NOTE_SUFFIX,
    SQLITE_PREFIXES,
    migration_heads,
    sqlite_file,
    sqlite_pragmas,
)

_TIME_FORMAT = "%Y-%m-%d %H:%M:%S.%f"


def witness_address(url: str) -> str | None:
    """The address of a sqlite:/// URL without a query as SQLAlchemy renders it — the key of the audit witness —
    or None for any other URL. SQLAlchemy percent-quotes the file's path (all but letters, digits, «_.-~», the
    space, «+» and «/»): a Cyrillic folder or a Windows path («C:\\Users\\Олена\\…») is written so."""
    prefix = next((prefix for prefix in SQLITE_PREFIXES if url.startswith(prefix)), None)
    if prefix is None or "?" in url:
        return None
    return prefix + quote(unquote(url[len(prefix):]), safe=" +/")


def stored_time(moment: datetime) -> str:
    """A time as SQLAlchemy stores DateTime(timezone=True) on SQLite: UTC, naive text, microseconds."""
    return moment.astimezone(UTC).strftime(_TIME_FORMAT)


def read_time(value: str | None) -> datetime | None:
    """A stored time back (naive, UTC, as SQLAlchemy gives it on SQLite)."""
    return None if value is None else datetime.fromisoformat(value).replace(tzinfo=None)


def read_date(value: str | None) -> date | None:
    """A stored Date back."""
    return None if value is None else date.fromisoformat(value)


def open_database(url: str) -> sqlite3.Connection | None:
    """A connection in autocommit mode (the caller begins its transaction), or None (see the module's note)."""
    path = sqlite_file(url) if witness_address(url) is not None else None
    if path is None or not path.is_file() or path.stat().st_size == 0:
        return None
    if path.with_name(path.name + RESTORE_NOTE_SUFFIX).exists():
        return None
    # Before the pragmas, as the engine does: SQLite gives the -wal and -shm files the file's permissions.
    private_file(path)
    try:
        connection = sqlite3.connect(f"{path.resolve().as_uri()}?mode=rw", uri=True,
                                     timeout=BUSY_TIMEOUT_MS / 1000, isolation_level=None)
    except sqlite3.Error:
        return None
    try:
        for statement in sqlite_pragmas(BUSY_TIMEOUT_MS):
            connection.execute(statement)
        sound = connection.execute("PRAGMA quick_check").fetchall() == [("ok",)]
        heads = {row[0] for row in connection.execute("SELECT version_num FROM alembic_version")}
    except sqlite3.Error:
        connection.close()
        return None
    if not sound or heads != migration_heads():
        connection.close()
        return None
    return connection


@dataclass(frozen=True)
class UserRow:
    """A users row: what a login and an export read."""

    id: int
    login: str
    full_name: str
    position: str
    password_hash: str
    roles: str
    active: bool
    failed_logins: int
    last_failed_at: datetime | None
    locked_until: datetime | None

    @property
    def role_set(self) -> frozenset[str]:
        return role_set_of(self.roles)


_USER_SELECT = ("SELECT id, login, full_name, position, password_hash, roles, active, failed_logins, last_failed_at, "
                "locked_until FROM users")


def _user(row: Any) -> UserRow | None:
    if row is None:
        return None
    return UserRow(id=row[0], login=row[1], full_name=row[2], position=row[3], password_hash=row[4], roles=row[5],
                   active=bool(row[6]), failed_logins=int(row[7] or 0), last_failed_at=read_time(row[8]),
                   locked_until=read_time(row[9]))


def read_user(connection: sqlite3.Connection, login: str) -> UserRow | None:
    """The user with this login (stripped, as a login is looked up), or None."""
    return _user(connection.execute(f"{_USER_SELECT} WHERE login = ?", (login.strip(),)).fetchone())


def read_user_by_id(connection: sqlite3.Connection, user_id: int | None) -> UserRow | None:
    """The user with this id, or None."""
    return _user(connection.execute(f"{_USER_SELECT} WHERE id = ?", (user_id,)).fetchone())


@dataclass(frozen=True)
class ReleaseRow:
    """A releases row: what an export reads of it."""

    id: int
    title: str
    status: str
    author_id: int
    updated_at: datetime | None
    event_date: date | None
    place: str
    document_json: str
    participants_json: str
    facts_json: str
    photos_json: str
    content_hash: str
    approved_revision_id: int | None
    approved_hash: str
    approved_by: int | None
    approved_at: datetime | None
    self_approved: bool


_RELEASE_COLUMNS = tuple(ReleaseRow.__dataclass_fields__)


def read_release(connection: sqlite3.Connection, release_id: int) -> ReleaseRow | None:
    """The release with this id, or None."""
    row = connection.execute(f"SELECT {', '.join(_RELEASE_COLUMNS)} FROM releases WHERE id = ?",
                             (release_id,)).fetchone()
    if row is None:
        return None
    values = dict(zip(_RELEASE_COLUMNS, row, strict=True))
    values.update(updated_at=read_time(row[4]), event_date=read_date(row[5]), approved_at=read_time(row[15]),
                  self_approved=bool(row[16]))
    return ReleaseRow(**values)


@dataclass(frozen=True)
class RevisionRow:
    """A revisions row: the stored text an approval binds."""

    id: int
    release_id: int
    document_json: str
    participants_json: str
    facts_json: str
    photos_json: str
    content_hash: str


def read_revision(connection: sqlite3.Connection, revision_id: int | None) -> RevisionRow | None:
    """The revision with this id, or None."""
    row = connection.execute(
        "SELECT id, release_id, document_json, participants_json, facts_json, photos_json, content_hash "
        "FROM revisions WHERE id = ?", (revision_id,)).fetchone()
    return None if row is None else RevisionRow(*row)


def read_settings(connection: sqlite3.Connection) -> dict[str, str]:
    """Every stored department setting (the defaults are desktop.options')."""
    return {key: value for key, value in connection.execute("SELECT key, value FROM settings")}


@dataclass(frozen=True)
class AuditRow(NewEntry):
    """An audit_log row: every sealed column and its seal, created_at as SQLAlchemy gives it back."""

    row_hash: str


_AUDIT_SELECT = f"SELECT {', '.join(SEALED_COLUMNS)} FROM audit_log"


def _audit_row(row: Any) -> AuditRow:
    created = read_time(row[1])
    if created is None:
        raise sqlite3.DataError("an audit row without its time")
    return AuditRow(row[0], created, *row[2:])


def audit_rows(connection: sqlite3.Connection) -> Iterator[AuditRow]:
    """The whole log in id order, for audit_chain.walk."""
    for row in connection.execute(f"{_AUDIT_SELECT} ORDER BY id"):
        yield _audit_row(row)


def last_audit_row(connection: sqlite3.Connection) -> AuditRow | None:
    """The newest row of the log, or None for an empty log."""
    row = connection.execute(f"{_AUDIT_SELECT} ORDER BY id DESC LIMIT 1").fetchone()
    return None if row is None else _audit_row(row)


def audit_seal(connection: sqlite3.Connection, number: int) -> str | None:
    """The seal stored in audit row `number`, or None."""
    row = connection.execute("SELECT row_hash FROM audit_log WHERE id = ?", (number,)).fetchone()
    return None if row is None else str(row[0])


def approval_witness(connection: sqlite3.Connection, release_id: int) -> str | None:
    """The content hash of the release's newest «approve» audit row."""
    row = connection.execute(
        "SELECT content_hash FROM audit_log WHERE release_id = ? AND action = 'approve' ORDER BY id DESC LIMIT 1",
        (release_id,)).fetchone()
    return None if row is None else str(row[0])


def recorded_sha256(connection: sqlite3.Connection, final: Path) -> str | None:
    """The SHA-256 of the newest export row of this file, or None."""
    row = connection.execute("SELECT sha256 FROM exports WHERE path = ? ORDER BY id DESC LIMIT 1",
                             (str(final.resolve()),)).fetchone()
    return None if row is None else str(row[0])


def insert_export(connection: sqlite3.Connection, *, release_id: int, revision_id: int, user_id: int, fmt: str,
                  signed: bool, path: str, sha256: str, content_hash: str, created_at: datetime) -> int:
    """Adds an exports row; its id."""
    cursor = connection.execute(
        "INSERT INTO exports (release_id, revision_id, user_id, format, signed, path, sha256, content_hash, "
        "created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (release_id, revision_id, user_id, fmt, int(signed), path, sha256, content_hash, stored_time(created_at)))
    if cursor.lastrowid is None:
        raise sqlite3.DataError("no id for the export row")
    return cursor.lastrowid


def insert_audit(connection: sqlite3.Connection, entry: NewEntry, row_hash: str) -> None:
    """Adds the sealed audit row."""
    values = [getattr(entry, name) for name in SEALED_COLUMNS[:-1]]
    values[1] = stored_time(entry.created_at)
    connection.execute(
        f"INSERT INTO audit_log ({', '.join(SEALED_COLUMNS)}) VALUES ({', '.join('?' * len(SEALED_COLUMNS))})",
        (*values, row_hash))
