"""Database failures as one Ukrainian line: the one place that maps SQLAlchemy, sqlite3 and psycopg errors.

A driver's message carries the statement and its parameters (a whole release's text, a password
hash); none of it is ever shown. Only the kind of failure is told, with what the user can do.
"""

from __future__ import annotations

import errno
import sqlite3
from pathlib import Path

from sqlalchemy.engine import make_url
from sqlalchemy.exc import DBAPIError, SQLAlchemyError

from desktop.errors import DamagedDatabase, UserError

LOCKED = ("База даних зайнята: інша програма чи робоче місце саме записує в неї. "
          "Зміни не збережено; спробуйте ще раз за хвилину.")
FULL = "На диску з базою даних не лишилося місця. Зміни не збережено; звільніть місце й спробуйте ще раз."
READ_ONLY = ("Базу даних відкрито лише для читання (немає права запису у файл чи теку, або сервер не приймає "
             "змін). Зміни не збережено; зверніться до адміністратора.")
OUT_OF_RANGE = "Число завелике або замале для бази даних. Нічого не збережено."
UNREACHABLE = "Не вдалося відкрити базу даних: немає доступу до файлу чи теки {where}."
OTHER = "Помилка бази даних ({kind}). Зміни не збережено; спробуйте ще раз або зверніться до адміністратора."

# SQLSTATE codes from PostgreSQL (psycopg's error.sqlstate).
_PG_LOCKED = {"55P03", "40P01", "40001", "57014"}
_PG_FULL = {"53100", "53200", "54000"}
_PG_READ_ONLY = {"25006", "42501"}
_PG_OUT_OF_RANGE = {"22003"}
_PG_DAMAGED = {"XX001", "XX002"}


def _driver_error(error: BaseException) -> BaseException:
    return error.orig if isinstance(error, DBAPIError) and error.orig is not None else error


def _first_line(error: BaseException) -> str:
    """The driver's own first line, lower-cased: matched against, never shown."""
    text = str(_driver_error(error)).strip().lower()
    return text.splitlines()[0] if text else ""


def kind_of(error: BaseException) -> str:
    """«locked», «full», «read-only», «damaged», «out-of-range», «unreachable», «connection» or «other»."""
    driver = _driver_error(error)
    sqlstate = getattr(driver, "sqlstate", None)
    if sqlstate:
        if sqlstate in _PG_LOCKED:
            return "locked"
        if sqlstate in _PG_FULL:
            return "full"
        if sqlstate in _PG_READ_ONLY:
            return "read-only"
        if sqlstate in _PG_OUT_OF_RANGE:
            return "out-of-range"
        if sqlstate in _PG_DAMAGED:
            return "damaged"
    if isinstance(driver, OSError) and driver.errno == errno.ENOSPC:
        return "full"
    if isinstance(driver, OverflowError):
        return "out-of-range"
    message = _first_line(error)
    if "database is locked" in message or "database table is locked" in message:
        return "locked"
    if "disk is full" in message or "no space left" in message or "could not extend file" in message:
        return "full"
    if "readonly" in message or "read-only" in message or "read only" in message:
        return "read-only"
    if "malformed" in message or "file is not a database" in message or "disk image" in message:
        return "damaged"
    if "integer overflow" in message or "too large to convert" in message or "out of range" in message:
        return "out-of-range"
    if "unable to open database file" in message:
        return "unreachable"
    if "connection refused" in message or "could not connect" in message or "timeout expired" in message \
            or "server closed the connection" in message or "connection failed" in message:
        return "connection"
    return "other"


def is_database_error(error: BaseException) -> bool:
    """Whether the error came from the database layer (and so is mapped here)."""
    return isinstance(error, SQLAlchemyError | sqlite3.Error) or (
        isinstance(error, DBAPIError) and error.orig is not None
    ) or type(error).__module__.startswith("psycopg")


def database_user_error(error: BaseException, url: str = "") -> UserError:
    """The one line to show for a database failure; a damaged SQLite file names its newest copy."""
    if isinstance(error, UserError):
        return error
    kind = kind_of(error)
    if kind == "damaged" and url and make_url(url).get_backend_name() == "sqlite":
        return damaged_database_error(url)
    if kind == "locked":
        return UserError(LOCKED)
    if kind == "full":
        return UserError(FULL)
    if kind == "read-only":
        return UserError(READ_ONLY)
    if kind == "out-of-range":
        return UserError(OUT_OF_RANGE)
    if kind == "damaged":
        return UserError("База даних пошкоджена. Зміни не збережено; зверніться до адміністратора.")
    if kind == "unreachable":
        return UserError(UNREACHABLE.format(where=_where(url)))
    if kind == "connection":
        host = make_url(url).host if url else ""
        return UserError(
            f"Не вдалося з'єднатися із сервером бази даних ({host}). Перевірте, чи він запущений."
        )
    return UserError(OTHER.format(kind=type(_driver_error(error)).__name__))


def _where(url: str) -> str:
    from desktop.storage.backups import database_file

    path = database_file(url) if url else None
    return str(path) if path else ""


def quick_check(path: Path) -> str | None:
    """SQLite's quick check of a database file: None when sound, else what is wrong (in English, for logs).

    A file that cannot be opened for another reason (no permission) is not called damaged here: the
    normal opening reports that.
    """
    try:
        connection = sqlite3.connect(path.resolve().as_uri() + "?mode=ro", uri=True, timeout=5)
    except sqlite3.Error:
        return None
    try:
        rows = connection.execute("PRAGMA quick_check").fetchall()
    except sqlite3.DatabaseError as error:
        return None if kind_of(error) in ("locked", "unreachable", "read-only") else str(error)
    finally:
        connection.close()
    result = "; ".join(str(row[0]) for row in rows)
    return None if result == "ok" else result


def damaged_database_error(url: str) -> DamagedDatabase:
    """The error for an SQLite file that does not open or fails its check, naming the newest copy."""
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


def emptied_database_error(url: str) -> DamagedDatabase:
    """A 0-byte SQLite file: refused, never silently made into a new empty database."""
    from desktop.storage.backups import database_file, latest_backup

    backup = latest_backup(url)
    if backup is not None:
        return damaged_database_error(url)
    return DamagedDatabase(
        f"Файл бази даних порожній (0 байтів): {database_file(url)}. Резервних копій немає. "
        "Якщо дані є в іншій копії, покладіть її на місце цього файлу; щоб почати нову базу, "
        "видаліть порожній файл.",
        None, url,
    )
