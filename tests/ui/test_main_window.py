"""The GUI shell: the first administrator, logging in, and the main window listing releases."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox, QProgressBar

from desktop import workspace
from desktop.demo.seed import fill_demo
from ui.shell.login_dialog import FirstAdminDialog, LoginDialog
from ui.shell.main_window import MainWindow

DEMO_PASSWORD = "demo-password-1"


def _press_ok(dialog) -> None:  # type: ignore[no-untyped-def]
    box = dialog.findChild(QDialogButtonBox)
    box.button(QDialogButtonBox.StandardButton.Ok).click()


def test_first_start_asks_for_the_first_administrator(qtbot, sqlite_database) -> None:
    assert workspace.needs_first_admin(sqlite_database)
    dialog = FirstAdminDialog(sqlite_database)
    qtbot.addWidget(dialog)
    qtbot.keyClicks(dialog.login_edit, "chief")
    dialog.name_edit.setText("Андрій Коваль")  # QTest types ASCII only
    qtbot.keyClicks(dialog.password_edit, "a-long-password")
    qtbot.keyClicks(dialog.repeat_edit, "a-long-password")
    _press_ok(dialog)
    assert dialog.result() == dialog.DialogCode.Accepted
    assert not workspace.needs_first_admin(sqlite_database)
    assert workspace.log_in(sqlite_database, "chief", "a-long-password").has_role("admin")


def test_first_administrator_needs_matching_passwords(qtbot, sqlite_database) -> None:
    dialog = FirstAdminDialog(sqlite_database)
    qtbot.addWidget(dialog)
    qtbot.keyClicks(dialog.login_edit, "chief")
    dialog.name_edit.setText("Андрій Коваль")  # QTest types ASCII only
    qtbot.keyClicks(dialog.password_edit, "a-long-password")
    qtbot.keyClicks(dialog.repeat_edit, "another-password")
    _press_ok(dialog)
    assert "не збігаються" in dialog.message.text()
    assert workspace.needs_first_admin(sqlite_database)


def test_login_dialog_refuses_a_wrong_password(qtbot, sqlite_database) -> None:
    fill_demo(sqlite_database, DEMO_PASSWORD)
    dialog = LoginDialog(sqlite_database, "olena")
    qtbot.addWidget(dialog)
    qtbot.keyClicks(dialog.password_edit, "wrong-password")
    _press_ok(dialog)
    qtbot.waitUntil(lambda: "Неправильний логін або пароль" in dialog.message.text())
    assert dialog.workspace is None
    qtbot.keyClicks(dialog.password_edit, DEMO_PASSWORD)
    _press_ok(dialog)
    qtbot.waitUntil(lambda: dialog.workspace is not None)
    assert dialog.workspace.user.login == "olena"
    assert dialog.result() == dialog.DialogCode.Accepted


def _slow_log_in(monkeypatch, seconds: float) -> list[str]:  # type: ignore[no-untyped-def]
    """workspace.log_in made slow (as Argon2 on a busy machine); returns the threads it ran on."""
    import threading
    import time

    threads: list[str] = []
    original = workspace.log_in

    def slow(*args, **kwargs):  # type: ignore[no-untyped-def]
        threads.append(threading.current_thread().name)
        time.sleep(seconds)
        return original(*args, **kwargs)

    monkeypatch.setattr(workspace, "log_in", slow)
    return threads


def test_the_login_dialog_answers_while_the_password_is_checked(qtbot, sqlite_database, monkeypatch) -> None:
    import threading

    from PySide6.QtCore import QTimer

    fill_demo(sqlite_database, DEMO_PASSWORD)
    threads = _slow_log_in(monkeypatch, 0.6)
    dialog = LoginDialog(sqlite_database, "olena")
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.password_edit.setText(DEMO_PASSWORD)
    ticks: list[bool] = []
    timer = QTimer(dialog)
    timer.timeout.connect(lambda: ticks.append(dialog.busy.isVisible()))
    timer.start(20)
    _press_ok(dialog)
    _press_ok(dialog)  # a second press while checking starts no second check
    assert dialog.busy.isVisible() and not dialog.ok_button.isEnabled()
    assert dialog.busy.format() == "Перевіряю пароль…"
    qtbot.waitUntil(lambda: dialog.workspace is not None, timeout=5000)
    assert sum(ticks) >= 5  # the event loop ran all along: the dialog was never frozen
    assert not dialog.busy.isVisible()
    assert len(threads) == 1 and threads[0] != threading.main_thread().name


def test_cancelling_while_the_password_is_checked_logs_nobody_in(qtbot, sqlite_database, monkeypatch) -> None:
    fill_demo(sqlite_database, DEMO_PASSWORD)
    threads = _slow_log_in(monkeypatch, 0.3)
    dialog = LoginDialog(sqlite_database, "olena")
    qtbot.addWidget(dialog)
    dialog.password_edit.setText(DEMO_PASSWORD)
    _press_ok(dialog)
    dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Cancel).click()
    qtbot.wait(600)
    assert threads and dialog.workspace is None
    assert dialog.result() == dialog.DialogCode.Rejected


def test_start_up_logs_in_off_the_gui_thread_and_fills_the_list(qtbot, sqlite_database, monkeypatch) -> None:
    import argparse
    import threading

    from ui.shell import app

    fill_demo(sqlite_database, DEMO_PASSWORD)
    monkeypatch.setenv("VISNYK_PASSWORD", DEMO_PASSWORD)
    monkeypatch.delenv("VISNYK_BENCH_STARTUP", raising=False)
    threads = _slow_log_in(monkeypatch, 0.4)
    window = MainWindow()
    qtbot.addWidget(window)
    window.show()
    args = argparse.Namespace(database=sqlite_database.url, demo=False, screenshot=None, acting_login="olena")
    app._connect(window, args, 0.0, 0.0)
    busy = window.findChild(QProgressBar, "startup_busy")
    assert busy is not None and busy.isVisible()  # the window says it is opening the database
    assert window.workspace is None  # nothing done on the GUI thread yet
    qtbot.waitUntil(lambda: window.workspace is not None and window.model.rowCount() > 0, timeout=10000)
    assert window.workspace.user.login == "olena"
    assert threads and threads[0] != threading.main_thread().name
    assert window.findChild(QProgressBar, "startup_busy") is None or not busy.isVisible()


@pytest.fixture
def demo_window(qtbot, sqlite_database):  # type: ignore[no-untyped-def]
    fill_demo(sqlite_database, DEMO_PASSWORD)
    window = MainWindow(workspace.log_in(sqlite_database, "olena", DEMO_PASSWORD))
    qtbot.addWidget(window)
    window.show()
    return window


def _select_inbox(window: MainWindow, key: str) -> None:
    for row in range(window.inbox_list.count()):
        if window.inbox_list.item(row).data(Qt.ItemDataRole.UserRole) == key:
            window.inbox_list.setCurrentRow(row)


def _titles(window: MainWindow) -> list[str]:
    return [window.model.rows[row].title for row in range(window.model.rowCount())]


def test_main_window_lists_the_demo_releases(demo_window) -> None:
    _select_inbox(demo_window, "all")
    titles = _titles(demo_window)
    assert len(titles) == 4
    assert any("Партнерство заради Перемоги" in title for title in titles)
    assert "Олена Мельник" in demo_window.user_label.text()
    assert "sqlite" in demo_window.database_label.text()


def test_inboxes_show_their_counts(demo_window) -> None:
    labels = [demo_window.inbox_list.item(row).text() for row in range(demo_window.inbox_list.count())]
    assert "Усі релізи (4)" in labels
    assert "Архів (1)" in labels


def test_search_box_filters_the_list(qtbot, demo_window) -> None:
    _select_inbox(demo_window, "all")
    demo_window.search_edit.setText("опалювального")
    qtbot.waitUntil(lambda: len(_titles(demo_window)) == 1, timeout=3000)
    assert "опалювального сезону" in _titles(demo_window)[0]


def test_status_filter(demo_window) -> None:
    _select_inbox(demo_window, "all")
    demo_window.status_filter.setCurrentIndex(demo_window.status_filter.findData("approved"))
    assert [row.status for row in demo_window.model.rows] == ["approved"]


def test_author_has_no_administrator_actions(demo_window) -> None:
    actions = demo_window.actions_
    assert actions.new_release.isEnabled()
    assert not actions.settings.isEnabled()
    assert not actions.users.isEnabled()


def test_window_shows_before_login_with_only_quit_and_about(qtbot, sqlite_database) -> None:
    window = MainWindow()
    qtbot.addWidget(window)
    window.show()
    actions = window.actions_
    assert actions.quit.isEnabled() and actions.about.isEnabled()
    assert not actions.new_release.isEnabled() and not actions.refresh.isEnabled()
    assert all(menu.isEnabled() for menu in window.menuBar().actions())
    fill_demo(sqlite_database, DEMO_PASSWORD)
    window.attach(workspace.log_in(sqlite_database, "olena", DEMO_PASSWORD))
    assert actions.new_release.isEnabled() and actions.refresh.isEnabled()
    assert window.model.rowCount() > 0


def test_start_up_fetches_the_first_list_off_the_gui_thread_too(qtbot, sqlite_database, monkeypatch) -> None:
    import argparse
    import threading

    from desktop.facade.releases import ReleasesFacade
    from ui.shell import app

    fill_demo(sqlite_database, DEMO_PASSWORD)
    monkeypatch.setenv("VISNYK_PASSWORD", DEMO_PASSWORD)
    monkeypatch.delenv("VISNYK_BENCH_STARTUP", raising=False)
    asked: list[str] = []
    real = ReleasesFacade.list_releases

    def recording(self, *args, **kwargs):  # type: ignore[no-untyped-def]
        asked.append(threading.current_thread().name)
        return real(self, *args, **kwargs)

    monkeypatch.setattr(ReleasesFacade, "list_releases", recording)
    window = MainWindow()
    qtbot.addWidget(window)
    window.show()
    args = argparse.Namespace(database=sqlite_database.url, demo=False, screenshot=None, acting_login="olena")
    app._connect(window, args, 0.0, 0.0)
    qtbot.waitUntil(lambda: window.workspace is not None and window.model.rowCount() > 0, timeout=10000)
    assert asked and threading.main_thread().name not in asked  # the list came from the worker alone
    assert "Усі релізи (4)" in [window.inbox_list.item(row).text() for row in range(window.inbox_list.count())]
    window.refresh()  # later refreshes (a search, another inbox) still work on the window's own
    assert asked[-1] == threading.main_thread().name and window.model.rowCount() > 0
