"""The administrator's users dialog: add, change roles, deactivate and activate, reset a password — audited."""

from __future__ import annotations

from typing import Any

import pytest

from desktop import workspace
from desktop.errors import LoginFailed
from desktop.storage import audit
from desktop.storage.engine import Database
from tests.conftest import TEST_PASSWORD
from ui.shell.users_dialog import PasswordDialog, RolesDialog, UsersDialog


@pytest.fixture
def dialog(qtbot: Any, sqlite_database: Database, people: dict, message_boxes: dict) -> UsersDialog:
    found = UsersDialog(workspace.log_in(sqlite_database, "admin", TEST_PASSWORD))
    qtbot.addWidget(found)
    found.show()
    return found


def _row(dialog: UsersDialog, login: str) -> dict:
    return dialog.model.rows[dialog.model.row_of_login(login)]


def _audited(database: Database) -> list[tuple[str, str]]:
    with database.session() as session:
        return [(row.action, row.detail) for row in reversed(audit.recent(session))
                if row.action in ("user_roles_changed", "user_deactivated", "user_activated", "password_changed")]


def test_an_admin_changes_roles_and_deactivates_a_user_from_the_dialog(
    dialog: UsersDialog, sqlite_database: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    dialog.select_login("olena")

    def choose_roles(roles_dialog: RolesDialog) -> int:
        roles_dialog.boxes["supervisor"].setChecked(True)
        return 1

    monkeypatch.setattr(RolesDialog, "exec", choose_roles)
    dialog.roles_button.click()
    assert _row(dialog, "olena")["roles"] == ["author", "supervisor"]

    import ui.review.actions as review_actions

    monkeypatch.setattr(review_actions, "confirm", lambda *_args: True)
    dialog.select_login("olena")
    assert dialog.active_button.text() == "&Деактивувати"
    dialog.active_button.click()
    assert _row(dialog, "olena")["active"] is False
    assert dialog.model.data(dialog.model.index(dialog.model.row_of_login("olena"), 4)) == "деактивований"
    with pytest.raises(LoginFailed):
        workspace.log_in(sqlite_database, "olena", TEST_PASSWORD)
    assert dialog.active_button.text() == "&Активувати"
    dialog.active_button.click()
    assert workspace.log_in(sqlite_database, "olena", TEST_PASSWORD).has_role("supervisor")
    assert _audited(sqlite_database) == [
        ("user_roles_changed", "olena: author → author supervisor"),
        ("user_deactivated", "olena"),
        ("user_activated", "olena"),
    ]


def test_the_admin_cannot_take_away_their_own_last_admin_role(
    dialog: UsersDialog, message_boxes: dict, monkeypatch: pytest.MonkeyPatch
) -> None:
    dialog.select_login("admin")
    assert not dialog.active_button.isEnabled()  # nobody deactivates themselves

    def drop_admin(roles_dialog: RolesDialog) -> int:
        roles_dialog.boxes["admin"].setChecked(False)
        return 1

    monkeypatch.setattr(RolesDialog, "exec", drop_admin)
    dialog.roles_button.click()
    assert "останній адміністратор" in message_boxes["warnings"][-1]
    assert "admin" in _row(dialog, "admin")["roles"]


def test_an_admin_adds_a_user_and_resets_a_password(
    dialog: UsersDialog, sqlite_database: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    dialog.login_edit.setText("iryna")
    dialog.name_edit.setText("Ірина Мельник")
    dialog.password_edit.setText("iryna-password")
    dialog.role_boxes["exporter"].setChecked(True)
    dialog.findChild(type(dialog.roles_button), "add_user").click()
    assert _row(dialog, "iryna")["roles"] == ["exporter"]
    assert not dialog.login_edit.text() and not dialog.role_boxes["exporter"].isChecked()

    def new_password(password_dialog: PasswordDialog) -> int:
        password_dialog.password_edit.setText("another-password")
        password_dialog.repeat_edit.setText("another-password")
        return 1

    monkeypatch.setattr(PasswordDialog, "exec", new_password)
    dialog.select_login("iryna")
    dialog.password_button.click()
    assert workspace.log_in(sqlite_database, "iryna", "another-password").user.login == "iryna"
    assert ("password_changed", "iryna") in _audited(sqlite_database)


def test_the_main_windows_users_action_opens_this_dialog_for_admins_only(qtbot: Any, sqlite_database: Database,
                                                                          people: dict) -> None:
    from ui.shell.main_window import MainWindow

    admin_window = MainWindow(workspace.log_in(sqlite_database, "admin", TEST_PASSWORD))
    author_window = MainWindow(workspace.log_in(sqlite_database, "olena", TEST_PASSWORD))
    qtbot.addWidget(admin_window)
    qtbot.addWidget(author_window)
    assert admin_window.actions_.users.isEnabled() and not author_window.actions_.users.isEnabled()


def test_an_admin_unlocks_a_locked_user_from_the_dialog(
    dialog: UsersDialog, sqlite_database: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    from desktop import accounts

    monkeypatch.setattr(accounts, "DELAY_AFTER_FAILURES", accounts.LOCK_AFTER_FAILURES)
    for _ in range(accounts.LOCK_AFTER_FAILURES):
        with pytest.raises(LoginFailed):
            workspace.log_in(sqlite_database, "olena", "wrong-password-guess")
    dialog.reload()
    dialog.select_login("olena")
    assert "заблокований" in dialog.model.data(dialog.model.index(dialog.model.row_of_login("olena"), 4))
    assert dialog.unlock_button.isEnabled()
    dialog.unlock_button.click()
    assert _row(dialog, "olena")["locked"] is False and not dialog.unlock_button.isEnabled()
    assert workspace.log_in(sqlite_database, "olena", TEST_PASSWORD).user.login == "olena"
