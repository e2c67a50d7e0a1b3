"""Start-up over a damaged database: the newest copy is offered, put back, and the window opens on it."""

from __future__ import annotations

import argparse
from typing import Any

import pytest
from PySide6.QtWidgets import QApplication, QMessageBox

from desktop import accounts
from desktop.storage import backups
from desktop.storage.engine import Database
from tests.conftest import TEST_PASSWORD
from ui.shell import app
from ui.shell.main_window import MainWindow


def _damaged_with_a_copy(database: Database) -> str:
    with database.session() as session:
        accounts.create_first_admin(session, "admin", "Адміністратор Тестовий", TEST_PASSWORD)
    backups.make_backup(database.url)
    database.dispose()
    path = backups.database_file(database.url)
    data = bytearray(path.read_bytes())
    data[:100] = b"\x00" * 100
    path.write_bytes(bytes(data))
    return database.url


def _start(qtbot: Any, url: str) -> MainWindow:
    window = MainWindow()
    qtbot.addWidget(window)
    args = argparse.Namespace(database=url, demo=False, screenshot=None, acting_login="admin")
    app._connect(window, args, 0.0, 0.0)
    return window


@pytest.fixture(autouse=True)
def password(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("VISNYK_PASSWORD", TEST_PASSWORD)
    monkeypatch.delenv("VISNYK_BENCH_STARTUP", raising=False)


def test_the_newest_copy_is_offered_and_the_window_opens_on_it(
    qtbot: Any, sqlite_database: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    url = _damaged_with_a_copy(sqlite_database)
    asked: list[str] = []
    told: list[str] = []
    monkeypatch.setattr(QMessageBox, "question", lambda _p, _t, text, *a, **k: asked.append(text) or QMessageBox.StandardButton.Yes)
    monkeypatch.setattr(QMessageBox, "information", lambda _p, _t, text, *a, **k: told.append(text))
    window = _start(qtbot, url)
    qtbot.waitUntil(lambda: window.workspace is not None)
    assert "пошкоджений" in asked[0] and "Відновити базу з резервної копії від" in asked[0]
    assert "нічого не видаляється" in asked[0]
    assert told[0].startswith("Базу відновлено з копії від")
    assert window.workspace.user.login == "admin"
    assert list(backups.database_file(url).parent.glob("*.damaged-*"))  # the damaged file is kept


def test_declining_leaves_the_damaged_file_and_says_what_to_do(
    qtbot: Any, sqlite_database: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    url = _damaged_with_a_copy(sqlite_database)
    before = backups.database_file(url).read_bytes()
    errors: list[str] = []
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.No)
    monkeypatch.setattr(QMessageBox, "critical", lambda _p, _t, text, *a, **k: errors.append(text))
    exits: list[int] = []
    monkeypatch.setattr(QApplication, "exit", lambda *args: exits.append(args[-1]))  # the test's loop goes on
    window = _start(qtbot, url)
    qtbot.waitUntil(lambda: exits == [2])
    assert window.workspace is None
    assert "python run.py backup restore" in errors[0]
    assert backups.database_file(url).read_bytes() == before


def test_the_daily_copy_is_made_off_the_gui_thread_once(qtbot: Any, sqlite_database: Database) -> None:
    from desktop.workspace import Workspace

    with sqlite_database.session() as session:
        admin = accounts.create_first_admin(session, "admin", "Адміністратор Тестовий", TEST_PASSWORD)
    window = MainWindow()
    qtbot.addWidget(window)
    workspace = Workspace(sqlite_database, admin)
    app._daily_backup(window, workspace)
    qtbot.waitUntil(lambda: "резервну копію" in window.statusBar().currentMessage())
    assert len(backups.list_backups(sqlite_database.url)) == 1
    window.statusBar().clearMessage()
    app._daily_backup(window, workspace)  # not due again today: nothing made, nothing said
    qtbot.wait(200)
    assert len(backups.list_backups(sqlite_database.url)) == 1
    assert window.statusBar().currentMessage() == ""
