"""A shared workstation: switching users without restarting, each user's inbox and the notice of what waits."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QLabel

from desktop import workspace
from desktop.storage.engine import Database
from tests.conftest import TEST_PASSWORD
from tests.ui.review_support import choose_inbox, create, main_window, submit
from ui.shell.login_dialog import FirstAdminDialog, LoginDialog
from ui.shell.main_window import MainWindow


@pytest.fixture(autouse=True)
def _boxes(message_boxes: dict[str, Any]) -> dict[str, Any]:
    return message_boxes


def answer_login(qtbot: Any, login: str | None, password: str = TEST_PASSWORD) -> list[str]:
    """Fills the next login dialog and presses «Увійти» (or «Скасувати» for login None); returns its messages."""
    seen: list[str] = []

    def fill() -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, LoginDialog):
            QTimer.singleShot(10, fill)
            return
        seen.append(dialog.windowTitle())
        buttons = dialog.findChild(QDialogButtonBox)
        if login is None:
            buttons.button(QDialogButtonBox.StandardButton.Cancel).click()
            return
        dialog.login_edit.setText(login)
        dialog.password_edit.setText(password)
        buttons.button(QDialogButtonBox.StandardButton.Ok).click()

    QTimer.singleShot(0, fill)
    return seen


def test_switching_from_the_author_to_the_supervisor_and_back(
    qtbot: Any, sqlite_database: Database, people: dict
) -> None:
    returned = create(sqlite_database, people["author"])
    submit(sqlite_database, people["author"], returned)
    with sqlite_database.session() as session:
        from desktop.workflow import transitions

        transitions.return_release(session, session.merge(people["supervisor"]), returned, "Додайте дату.")
    for _ in range(2):
        submit(sqlite_database, people["author"], create(sqlite_database, people["author"]))

    window = main_window(qtbot, workspace.log_in(sqlite_database, "olena", TEST_PASSWORD))
    assert window.notice.isVisible() and window.notice_label.text() == "Повернуто вам: 1"
    choose_inbox(window, "returned")
    assert window.model.rowCount() == 1

    shown = answer_login(qtbot, "petro")
    qtbot.keyClick(window, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    assert shown == ["Вхід — Вісник"]
    assert window.workspace is not None and window.workspace.user.login == "petro"
    assert "Петро Коваль" in window.user_label.text()
    assert window.notice_label.text() == "Очікують погодження: 2"
    assert window.current_inbox == "all"  # the supervisor never chose one here
    choose_inbox(window, "awaiting")
    assert window.model.rowCount() == 2 and window.actions_.review.approve.isEnabled() is False
    window.select_release(window.model.rows[0].id)
    assert window.actions_.review.approve.isEnabled()

    answer_login(qtbot, "olena")
    window.actions_.switch_user.trigger()
    assert window.workspace.user.login == "olena"
    assert window.current_inbox == "returned"  # remembered for her
    assert window.notice_label.text() == "Повернуто вам: 1"
    assert window.model.rowCount() == 1
    window.select_release(returned)
    assert not window.actions_.review.approve.isEnabled() and window.actions_.review.submit.isEnabled()


def test_switching_closes_the_editors_and_a_cancel_keeps_the_user(
    qtbot: Any, sqlite_database: Database, people: dict
) -> None:
    from ui.editor.window import open_editor

    release_id = create(sqlite_database, people["author"])
    window = main_window(qtbot, workspace.log_in(sqlite_database, "olena", TEST_PASSWORD))
    editor = open_editor(window, release_id)
    assert editor is not None and editor.isVisible()
    answer_login(qtbot, None)
    window.switch_user()
    assert window.workspace is not None and window.workspace.user.login == "olena"
    assert not window.__dict__.get("editor_windows")  # her editor went before anyone else could use it


def test_log_out_and_a_cancelled_login_closes_the_window(
    qtbot: Any, sqlite_database: Database, people: dict
) -> None:
    window = main_window(qtbot, workspace.log_in(sqlite_database, "olena", TEST_PASSWORD))
    answer_login(qtbot, None)
    window.log_out()
    assert window.workspace is None and not window.isVisible()


def test_a_deactivated_user_cannot_log_in_again(qtbot: Any, sqlite_database: Database, people: dict) -> None:
    admin = workspace.log_in(sqlite_database, "admin", TEST_PASSWORD)
    admin.set_user_active("olena", False)
    dialog = LoginDialog(sqlite_database, "olena")
    qtbot.addWidget(dialog)
    dialog.password_edit.setText(TEST_PASSWORD)
    dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok).click()
    qtbot.waitUntil(lambda: "Неправильний логін або пароль" in dialog.message.text())
    assert dialog.workspace is None


def test_the_first_administrator_is_logged_in_at_once(qtbot: Any, sqlite_database: Database) -> None:
    dialog = FirstAdminDialog(sqlite_database)
    qtbot.addWidget(dialog)
    dialog.login_edit.setText("chief")
    dialog.name_edit.setText("Андрій Коваль")
    dialog.password_edit.setText("a-long-password")
    dialog.repeat_edit.setText("a-long-password")
    dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok).click()
    assert dialog.workspace is not None and dialog.workspace.has_role("admin")


def test_the_first_steps_page_leads_to_users_directory_and_settings(qtbot: Any, sqlite_database: Database,
                                                                     people: dict, monkeypatch: Any) -> None:
    from ui.shell.help import FirstStepsDialog

    window = MainWindow(workspace.log_in(sqlite_database, "admin", TEST_PASSWORD))
    qtbot.addWidget(window)
    opened: list[str] = []
    monkeypatch.setattr(window.actions_, "edit_users", lambda: opened.append("users"))
    monkeypatch.setattr(window.actions_, "open_directory", lambda: opened.append("directory"))
    monkeypatch.setattr(window.actions_, "edit_settings", lambda: opened.append("settings"))
    steps = FirstStepsDialog(window)
    qtbot.addWidget(steps)
    for key in ("users", "directory", "settings"):
        steps.buttons[key].click()
    assert opened == ["users", "directory", "settings"]
    texts = " ".join(label.text() for label in steps.findChildren(QLabel))
    assert "Тека експорту" in texts and "Документи" in texts


def test_start_up_on_an_empty_database_logs_the_new_admin_in_and_shows_the_first_steps(
    qtbot: Any, sqlite_database: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    import argparse

    from ui.shell import app
    from ui.shell.help import FirstStepsDialog

    def create(dialog: FirstAdminDialog) -> int:
        dialog.login_edit.setText("chief")
        dialog.name_edit.setText("Андрій Коваль")
        dialog.password_edit.setText("a-long-password")
        dialog.repeat_edit.setText("a-long-password")
        dialog.create()
        return dialog.result()

    shown: list[str] = []
    monkeypatch.setattr(FirstAdminDialog, "exec", create)
    monkeypatch.setattr(FirstStepsDialog, "exec", lambda dialog: shown.append(dialog.windowTitle()) or 0)
    monkeypatch.delenv("VISNYK_BENCH_STARTUP", raising=False)
    window = MainWindow()
    qtbot.addWidget(window)
    args = argparse.Namespace(database=sqlite_database.url, acting_login=None, demo=False, screenshot=None)
    app._connect(window, args, 0.0, 0.0)
    qtbot.waitUntil(lambda: window.workspace is not None)
    assert window.workspace.user.login == "chief"  # no second login to type
    qtbot.waitUntil(lambda: shown == ["Перші кроки — Вісник"])
