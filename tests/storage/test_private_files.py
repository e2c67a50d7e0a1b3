"""The database, its copies and the data folder are private; copies are single files; exports never overwrite unasked."""

from __future__ import annotations

import stat
from pathlib import Path

import pytest

from desktop.cli import main as cli_main
from desktop.paths import user_data_dir
from desktop.storage import backups
from desktop.storage.engine import Database
from tests.workflow_support import PASSWORD, make_staff


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_a_new_database_its_log_files_and_the_data_folder_are_owner_only(tmp_path: Path) -> None:
    folder = tmp_path / "data"
    database = Database(f"sqlite:///{folder / 'visnyk.sqlite3'}")
    try:
        make_staff(database)
        path = backups.database_file(database.url)
        with database.engine.connect():  # the write-ahead log and its index are open now
            files = [path.with_name(path.name + suffix) for suffix in ("", "-wal", "-shm")]
            assert {file.name: _mode(file) for file in files if file.exists()} == {file.name: 0o600 for file in files}
    finally:
        database.dispose()
    assert _mode(user_data_dir()) == 0o700


def test_an_existing_world_readable_database_is_made_private(sqlite_database: Database) -> None:
    path = backups.database_file(sqlite_database.url)
    sqlite_database.dispose()
    path.chmod(0o644)
    Database(sqlite_database.url).dispose()
    assert _mode(path) == 0o600


def test_copies_are_private_single_files(sqlite_database: Database) -> None:
    make_staff(sqlite_database)
    copy = backups.make_backup(sqlite_database.url)
    assert copy is not None and _mode(copy.path) == 0o600 and _mode(copy.path.parent) == 0o700
    assert backups.is_sound(copy.path)  # opening a copy leaves nothing beside it
    assert sorted(p.name for p in copy.path.parent.iterdir()) == [copy.path.name]
    sqlite_database.dispose()
    backups.restore_backup(sqlite_database.url, copy)
    assert _mode(backups.database_file(sqlite_database.url)) == 0o600


def test_officials_export_refuses_to_overwrite_without_force(
    sqlite_database: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    make_staff(sqlite_database)
    monkeypatch.setenv("VISNYK_PASSWORD", PASSWORD)
    target = tmp_path / "officials.csv"
    target.write_text("не чіпати", encoding="utf-8")
    base = ["--database", sqlite_database.url, "--as", "admin", "officials", "export", str(target)]
    assert cli_main(base) != 0
    err = capsys.readouterr().err
    assert "уже існує" in err and "--force" in err and "Traceback" not in err and len(err.strip().splitlines()) == 1
    assert target.read_text(encoding="utf-8") == "не чіпати"
    assert cli_main([*base, "--force"]) == 0
    assert target.read_text(encoding="utf-8-sig") != "не чіпати"
