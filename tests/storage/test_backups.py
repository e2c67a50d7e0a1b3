"""Copies of the embedded database, and a damaged one offered its newest copy: nothing is lost."""

from __future__ import annotations

import json
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from desktop import accounts
from desktop.cli import main as cli_main
from desktop.errors import DamagedDatabase, UserError
from desktop.storage import backups
from desktop.storage.engine import Database
from desktop.workspace import restore_database
from tests.conftest import TEST_PASSWORD

MORNING = datetime(2026, 11, 25, 9, 0, 0)


def _add_admin(database: Database, login: str = "admin") -> None:
    with database.session() as session:
        if accounts.count_users(session) == 0:
            accounts.create_first_admin(session, login, "Адміністратор Тестовий", TEST_PASSWORD)
        else:
            actor = accounts.list_users(session)[0]
            accounts.add_user(session, actor, login, "Друга Людина", ["author"], TEST_PASSWORD)


def _logins(url: str) -> list[str]:
    database = Database(url)
    try:
        with database.session() as session:
            return [user.login for user in accounts.list_users(session)]
    finally:
        database.dispose()


def _damage(path: Path) -> bytes:
    """Overwrites the file's header, as a failing disk or a stray program would."""
    data = bytearray(path.read_bytes())
    data[:100] = b"\x00" * 100
    path.write_bytes(bytes(data))
    return bytes(data)


def test_a_copy_holds_the_data_and_is_made_once_a_day(sqlite_database: Database) -> None:
    _add_admin(sqlite_database)
    first = backups.make_backup(sqlite_database.url, now=MORNING)
    assert first is not None and first.path.exists() and backups.is_sound(first.path)
    assert backups.make_backup(sqlite_database.url, now=MORNING + timedelta(hours=5)) is None  # not due yet
    later = backups.make_backup(sqlite_database.url, now=MORNING + timedelta(days=1))
    assert later is not None
    assert [b.made_at for b in backups.list_backups(sqlite_database.url)] == [later.made_at, first.made_at]
    assert _logins(f"sqlite:///{first.path}") == ["admin"]


def test_only_the_newest_seven_copies_are_kept(sqlite_database: Database) -> None:
    for day in range(10):
        backups.make_backup(sqlite_database.url, now=MORNING + timedelta(days=day))
    kept = backups.list_backups(sqlite_database.url)
    assert len(kept) == backups.KEEP
    assert kept[0].made_at == MORNING + timedelta(days=9) and kept[-1].made_at == MORNING + timedelta(days=3)


def test_a_damaged_database_names_its_newest_copy_and_is_restored_from_it(sqlite_database: Database) -> None:
    url = sqlite_database.url
    _add_admin(sqlite_database)
    backups.make_backup(url, now=MORNING)
    _add_admin(sqlite_database, "later")  # after the copy: only the kept damaged file has it
    sqlite_database.dispose()
    path = backups.database_file(url)
    damaged_bytes = _damage(path)

    with pytest.raises(DamagedDatabase) as caught:
        Database(url)
    assert caught.value.backup is not None and caught.value.url == url
    assert "Є резервна копія від 25.11.2026 09:00" in str(caught.value)
    assert "python run.py backup restore" in str(caught.value)

    kept = backups.restore_backup(url, now=MORNING + timedelta(days=1))
    assert _logins(url) == ["admin"]
    assert kept.read_bytes() == damaged_bytes  # nothing is deleted: the damaged file stays beside it
    assert kept.name == "visnyk.sqlite3.damaged-20261126-090000"


def test_a_damaged_database_without_copies_says_so(sqlite_database: Database) -> None:
    sqlite_database.dispose()
    _damage(backups.database_file(sqlite_database.url))
    with pytest.raises(DamagedDatabase, match="Резервних копій немає") as caught:
        Database(sqlite_database.url)
    assert caught.value.backup is None
    with pytest.raises(UserError, match="Резервних копій бази даних немає"):
        backups.restore_backup(sqlite_database.url)


def test_a_damaged_copy_is_refused_and_the_database_left_as_it_was(sqlite_database: Database) -> None:
    made = backups.make_backup(sqlite_database.url, now=MORNING)
    _damage(made.path)
    sqlite_database.dispose()
    path = backups.database_file(sqlite_database.url)
    before = path.read_bytes()
    with pytest.raises(UserError, match="теж пошкоджена"):
        backups.restore_backup(sqlite_database.url)
    assert path.read_bytes() == before


def test_a_full_disk_during_a_restore_changes_nothing(sqlite_database: Database, monkeypatch) -> None:
    backups.make_backup(sqlite_database.url, now=MORNING)
    sqlite_database.dispose()
    path = backups.database_file(sqlite_database.url)
    damaged = _damage(path)

    def full_disk(*_args: object, **_kwargs: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(backups, "_copy_database", full_disk)
    with pytest.raises(UserError, match="Не вдалося відновити"):
        backups.restore_backup(sqlite_database.url)
    assert path.read_bytes() == damaged
    assert not list(path.parent.glob("*.damaged-*")) and not list(path.parent.glob(".*.restoring"))


def test_postgresql_is_left_to_its_administrator() -> None:
    url = "postgresql+psycopg://postgres@127.0.0.1:5432/visnyk"
    assert backups.make_backup(url) is None
    with pytest.raises(UserError, match="PostgreSQL"):
        backups.restore_backup(url)


def test_the_command_line_backs_up_and_restores(sqlite_database: Database, capsys: pytest.CaptureFixture[str]) -> None:
    url = sqlite_database.url
    _add_admin(sqlite_database)
    assert cli_main(["--database", url, "backup", "create"]) == 0
    assert "Резервну копію збережено" in capsys.readouterr().out
    assert cli_main(["--database", url, "backup", "list", "--json"]) == 0
    assert len(json.loads(capsys.readouterr().out)) == 1
    assert cli_main(["--database", url, "backup", "restore"]) == 2  # a sound database is not replaced by accident
    assert "справна" in capsys.readouterr().err
    sqlite_database.dispose()
    _damage(backups.database_file(url))
    assert cli_main(["--database", url, "users", "list"]) == 2
    assert "пошкоджений" in capsys.readouterr().err
    assert cli_main(["--database", url, "backup", "restore"]) == 0
    assert "Базу відновлено з копії від" in capsys.readouterr().out
    assert _logins(url) == ["admin"]


def test_two_databases_in_one_folder_keep_their_own_copies(sqlite_database: Database, tmp_path: Path) -> None:
    other = Database(f"sqlite:///{tmp_path / 'visnyk.db'}")  # the same stem, another file
    try:
        _add_admin(other, "other")
        backups.make_backup(other.url, now=MORNING)
    finally:
        other.dispose()
    assert backups.list_backups(sqlite_database.url) == []
    with pytest.raises(UserError, match="Резервних копій бази даних немає"):
        backups.restore_backup(sqlite_database.url)


def test_a_chosen_copy_in_wal_mode_is_restored_with_its_log(sqlite_database: Database, tmp_path: Path) -> None:
    chosen = tmp_path / "from-colleague.sqlite3"
    colleague = Database(f"sqlite:///{chosen}")
    with colleague.session() as session:
        accounts.create_first_admin(session, "colleague", "Колега Тестовий", TEST_PASSWORD)
    # the colleague's program is still open: the row lives in the write-ahead log, not yet in the file
    assert Path(f"{chosen}-wal").stat().st_size > 0
    sqlite_database.dispose()
    _damage(backups.database_file(sqlite_database.url))
    backups.restore_backup(sqlite_database.url, backups.backup_from_file(chosen))
    colleague.dispose()
    assert _logins(sqlite_database.url) == ["colleague"]


def test_a_copy_dated_ahead_of_the_clock_does_not_stop_the_daily_copies(sqlite_database: Database) -> None:
    backups.make_backup(sqlite_database.url, now=MORNING + timedelta(days=30))  # the clock was wrong once
    assert backups.make_backup(sqlite_database.url, now=MORNING) is not None


@pytest.mark.parametrize("folder", ["with #hash", "with %20 and %41"])
def test_odd_folder_names_do_not_fool_the_soundness_check(tmp_path: Path, folder: str) -> None:
    database = Database(f"sqlite:///{tmp_path / folder / 'visnyk.sqlite3'}")
    try:
        _add_admin(database)
        made = backups.make_backup(database.url, now=MORNING)
    finally:
        database.dispose()
    assert made is not None and backups.is_sound(made.path)
    _damage(made.path)
    assert not backups.is_sound(made.path)


def test_a_failed_move_puts_everything_back(sqlite_database: Database, monkeypatch: pytest.MonkeyPatch) -> None:
    import os

    backups.make_backup(sqlite_database.url, now=MORNING)
    sqlite_database.dispose()
    path = backups.database_file(sqlite_database.url)
    damaged = _damage(path)
    real_replace = os.replace

    def refuse_the_last(source: object, target: object) -> None:
        if str(source).endswith(".restoring"):
            raise PermissionError(13, "The file is in use")  # as Windows says of an open file
        real_replace(source, target)

    monkeypatch.setattr(backups.os, "replace", refuse_the_last)
    with pytest.raises(UserError, match="Не вдалося відновити"):
        backups.restore_backup(sqlite_database.url)
    assert path.read_bytes() == damaged
    assert not list(path.parent.glob("*.damaged-*")) and not list(path.parent.glob(".*.restoring"))


def test_two_restores_in_one_second_keep_both_damaged_files(sqlite_database: Database) -> None:
    backups.make_backup(sqlite_database.url, now=MORNING)
    sqlite_database.dispose()
    path = backups.database_file(sqlite_database.url)
    first = _damage(path)
    backups.restore_backup(sqlite_database.url, now=MORNING)
    second = bytearray(path.read_bytes())
    second[:50] = b"\x01" * 50
    path.write_bytes(bytes(second))
    kept = backups.restore_backup(sqlite_database.url, now=MORNING)
    assert kept.name.endswith("-2")
    assert sorted(p.read_bytes() for p in path.parent.glob("*.damaged-*")) == sorted([first, bytes(second)])


def test_a_database_cut_to_nothing_is_damaged_when_copies_exist(sqlite_database: Database) -> None:
    _add_admin(sqlite_database)
    backups.make_backup(sqlite_database.url, now=MORNING)
    sqlite_database.dispose()
    backups.database_file(sqlite_database.url).write_bytes(b"")
    with pytest.raises(DamagedDatabase):  # not a fresh install asking for a first administrator
        Database(sqlite_database.url)


@pytest.mark.parametrize("way", ["gui", "cli"])
def test_a_restore_tells_the_audit_witness_the_older_log_is_known(sqlite_database: Database, way: str) -> None:
    from desktop.storage import audit

    _add_admin(sqlite_database)
    backups.make_backup(sqlite_database.url, now=MORNING)
    _add_admin(sqlite_database, "later")  # more audit rows after the copy
    sqlite_database.dispose()
    _damage(backups.database_file(sqlite_database.url))
    if way == "gui":
        restore_database(sqlite_database.url)
    else:
        assert cli_main(["--database", sqlite_database.url, "backup", "restore"]) == 0
    database = Database(sqlite_database.url)
    try:
        with database.session() as session:
            assert audit.verify_chain(session).ok
    finally:
        database.dispose()
