"""Copies of the embedded SQLite database, and putting one back when the file is damaged.

The GUI makes a copy once a day after the list is ready (SQLite's online backup: consistent while
others write), keeps the newest seven, and offers the newest when the database will not open.
Restoring never deletes anything: the damaged file is kept beside it under another name.
A PostgreSQL server is backed up by its own administrator (pg_dump); none of this applies there.
"""

from __future__ import annotations

import contextlib
import os
import re
import sqlite3
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

from sqlalchemy.engine import make_url

from desktop.errors import UserError
from desktop.paths import private_file, private_folder

KEEP = 7
DAILY = timedelta(hours=20)
_STAMP = "%Y%m%d-%H%M%S"
_NAME = re.compile(r"^(?P<stamp>\d{8}-\d{6})\.sqlite3$")
SIDE_FILES = ("-wal", "-shm", "-journal")


@dataclass(frozen=True)
class Backup:
    """One copy: its file and when it was made (local time)."""

    path: Path
    made_at: datetime

    def label(self) -> str:
        """«25.11.2026 14:03»."""
        return self.made_at.strftime("%d.%m.%Y %H:%M")


def database_file(url: str) -> Path | None:
    """The SQLite file behind url; None for PostgreSQL or an in-memory database."""
    parsed = make_url(url)
    if parsed.get_backend_name() != "sqlite" or not parsed.database or parsed.database == ":memory:":
        return None
    return Path(parsed.database)


def backup_folder(database: Path) -> Path:
    """Where the copies of this database file are kept: backups/<file name>/ beside it."""
    return database.parent / "backups" / database.name


def list_backups(url: str) -> list[Backup]:
    """The copies of the database at url, newest first."""
    database = database_file(url)
    if database is None or not backup_folder(database).is_dir():
        return []
    found = []
    for path in backup_folder(database).iterdir():
        match = _NAME.match(path.name)
        if match and path.is_file():
            found.append(Backup(path, datetime.strptime(match["stamp"], _STAMP)))
    return sorted(found, key=lambda backup: backup.made_at, reverse=True)


def latest_backup(url: str) -> Backup | None:
    """The newest copy, if there is one."""
    backups = list_backups(url)
    return backups[0] if backups else None


def make_backup(url: str, *, min_age: timedelta = DAILY, keep: int = KEEP, now: datetime | None = None) -> Backup | None:
    """Copies the database unless the newest copy is younger than min_age; keeps the newest `keep`."""
    database = database_file(url)
    if database is None or not database.exists():
        return None
    now = now or datetime.now()
    newest = latest_backup(url)
    # a copy dated ahead of now (the clock was once wrong) does not hold the next one back
    if newest is not None and timedelta(0) <= now - newest.made_at < min_age:
        return None
    folder = backup_folder(database)
    target = folder / f"{now.strftime(_STAMP)}.sqlite3"
    partial = folder / f".{target.name}.part"
    try:
        private_folder(folder.parent)
        private_folder(folder)
        _copy_database(database, partial)
        if not is_sound(partial):
            # a damaged copy must not push the good ones out of the rotation
            raise sqlite3.DatabaseError("the copy fails SQLite's quick check")
        os.replace(partial, target)
    except (OSError, sqlite3.Error) as error:
        with contextlib.suppress(OSError):
            partial.unlink()
        raise UserError(f"Не вдалося зробити резервну копію бази даних у {folder}: {error}") from error
    for old in list_backups(url)[keep:]:
        with contextlib.suppress(OSError):
            old.path.unlink()
    return Backup(target, datetime.strptime(now.strftime(_STAMP), _STAMP))


def backup_from_file(path: str | Path) -> Backup:
    """A copy named by the user (any SQLite file), dated by its modification time."""
    path = Path(path)
    if not path.is_file():
        raise UserError(f"Файл не знайдено: {path}")
    return Backup(path, datetime.fromtimestamp(path.stat().st_mtime))


def _copy_database(source_path: Path, target: Path) -> None:
    """SQLite's online backup: a consistent copy, its write-ahead log included, while others write.

    The copy is a single private file: created 0600, and switched out of WAL mode so that opening
    it (the quick check, a restore) leaves no -wal or -shm file beside it.
    """
    os.close(os.open(target, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600))
    private_file(target)
    source = sqlite3.connect(source_path, timeout=5)
    try:
        copy = sqlite3.connect(target)
        try:
            source.backup(copy)
            copy.execute("PRAGMA journal_mode=DELETE")
        finally:
            copy.close()
    finally:
        source.close()


def is_sound(path: Path) -> bool:
    """Whether an SQLite file opens and passes SQLite's quick check."""
    try:
        connection = sqlite3.connect(path.resolve().as_uri() + "?mode=ro", uri=True)
        try:
            return connection.execute("PRAGMA quick_check").fetchone()[0] == "ok"
        finally:
            connection.close()
    except sqlite3.Error:
        return False


def restore_backup(url: str, backup: Backup | None = None, *, now: datetime | None = None,
                   on_restored: Callable[[str], None] | None = None) -> Path:
    """Puts a copy (the newest by default) in place of the database; returns where the old file went.

    on_restored(url) is told once the copy is in place (the audit forgets its witness through it:
    copies sit below the audit log and never import it).
    """
    database = database_file(url)
    if database is None:
        raise UserError("Відновлювати з копії можна лише вбудовану базу SQLite; PostgreSQL відновлює його адміністратор.")
    backup = backup or latest_backup(url)
    if backup is None:
        raise UserError(f"Резервних копій бази даних немає (шукав у {backup_folder(database)}).")
    if not is_sound(backup.path):
        raise UserError(f"Резервна копія {backup.path.name} теж пошкоджена; спробуйте давнішу.")
    stamp = (now or datetime.now()).strftime(_STAMP)
    kept = database.with_name(f"{database.name}.damaged-{stamp}")
    number = 1
    while any(kept.with_name(kept.name + suffix).exists() for suffix in ("", *SIDE_FILES)):
        number += 1  # never over an earlier damaged file
        kept = database.with_name(f"{database.name}.damaged-{stamp}-{number}")
    partial = database.with_name(f".{database.name}.restoring")
    try:
        _copy_database(backup.path, partial)  # first the copy: a full disk changes nothing
    except (OSError, sqlite3.Error) as error:
        with contextlib.suppress(OSError):
            partial.unlink()
        raise UserError(f"Не вдалося відновити базу даних з копії {backup.path.name}: {error}") from error
    moved: list[tuple[Path, Path]] = []
    try:
        for suffix in (*SIDE_FILES, ""):  # the log files first: the database goes last
            current = database.with_name(database.name + suffix)
            if current.exists():
                aside = kept.with_name(kept.name + suffix)
                os.replace(current, aside)
                moved.append((current, aside))
        os.replace(partial, database)
    except OSError as error:
        for current, aside in reversed(moved):  # put everything back as it was
            with contextlib.suppress(OSError):
                os.replace(aside, current)
        with contextlib.suppress(OSError):
            partial.unlink()
        raise UserError(f"Не вдалося відновити базу даних з копії {backup.path.name}: {error}") from error
    if on_restored is not None:
        on_restored(url)
    return kept
