"""Logging in, and creating the first administrator of an empty database."""

from __future__ import annotations

from typing import TYPE_CHECKING

import shiboken6
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QVBoxLayout,
    QWidget,
)

from desktop import workspace
from desktop.errors import UserError
from ui.common.tasks import TaskRunner, failure_text

if TYPE_CHECKING:
    from desktop.storage.engine import Database


def _password_edit(name: str) -> QLineEdit:
    edit = QLineEdit()
    edit.setObjectName(name)
    edit.setEchoMode(QLineEdit.EchoMode.Password)
    return edit


def _message_label() -> QLabel:
    """Where a refusal is shown, in red, inside the dialog."""
    label = QLabel()
    label.setObjectName("message")
    label.setStyleSheet("color: #b00020")
    label.setWordWrap(True)
    return label


class LoginDialog(QDialog):
    """Login and password; on success `self.workspace` holds the logged-in user's workspace.

    The password check (Argon2, by design slow) runs off the GUI thread: the dialog shows a moving
    bar and keeps answering, and «Скасувати» still closes it.
    """

    def __init__(
        self, database: Database, login: str = "", parent: QWidget | None = None, tasks: TaskRunner | None = None
    ) -> None:
        super().__init__(parent)
        self.database = database
        self.workspace: workspace.Workspace | None = None
        self.tasks = tasks or TaskRunner(self)
        self.checking = False
        self.cancelled = False
        self.setWindowTitle("Вхід — Вісник")
        self.login_edit = QLineEdit(login)
        self.login_edit.setObjectName("login")
        self.password_edit = _password_edit("password")
        self.message = _message_label()
        form = QFormLayout()
        form.addRow("Логін:", self.login_edit)
        form.addRow("Пароль:", self.password_edit)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText("Увійти")
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText("Скасувати")
        self.ok_button = buttons.button(QDialogButtonBox.StandardButton.Ok)
        buttons.accepted.connect(self.try_login)
        buttons.rejected.connect(self.reject)
        self.busy = QProgressBar()
        self.busy.setObjectName("busy")
        self.busy.setRange(0, 0)  # moving, with no end known
        self.busy.setFormat("Перевіряю пароль…")
        self.busy.setTextVisible(True)
        self.busy.hide()
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(f"База даних: {database.display_name}"))
        layout.addLayout(form)
        layout.addWidget(self.busy)
        layout.addWidget(self.message)
        layout.addWidget(buttons)
        (self.password_edit if login else self.login_edit).setFocus()

    def try_login(self) -> None:
        """Checks the login and password off the GUI thread; accepts on success."""
        if self.checking:
            return  # one check at a time: a second press waits for the first
        login, password = self.login_edit.text(), self.password_edit.text()
        self._set_checking(True)
        self.message.setText("")
        self.tasks.run(lambda: workspace.log_in(self.database, login, password), self._logged_in, self._refused)

    def reject(self) -> None:
        self.cancelled = True
        super().reject()

    def _set_checking(self, checking: bool) -> None:
        self.checking = checking
        self.busy.setVisible(checking)
        self.ok_button.setEnabled(not checking)
        self.login_edit.setReadOnly(checking)
        self.password_edit.setReadOnly(checking)

    def _logged_in(self, found: workspace.Workspace) -> None:
        if not shiboken6.isValid(self) or self.cancelled:
            return  # cancelled while the password was being checked: nobody is logged in
        self._set_checking(False)
        self.workspace = found
        self.accept()

    def _refused(self, error: Exception) -> None:
        if not shiboken6.isValid(self):
            return
        self._set_checking(False)
        self.message.setText(failure_text(error, "Не вдалося ввійти"))
        self.password_edit.clear()
        self.password_edit.setFocus()


class FirstAdminDialog(QDialog):
    """Asked once, on an empty database: who administers this office's Visnyk."""

    def __init__(self, database: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.database = database
        self.workspace: workspace.Workspace | None = None  # the new administrator, logged in
        self.setWindowTitle("Перший запуск — Вісник")
        intro = QLabel(
            "База даних порожня. Створіть обліковий запис адміністратора: "
            "він додаватиме користувачів і змінюватиме налаштування відділу."
        )
        intro.setWordWrap(True)
        self.login_edit = QLineEdit()
        self.login_edit.setObjectName("login")
        self.name_edit = QLineEdit()
        self.name_edit.setObjectName("name")
        self.position_edit = QLineEdit()
        self.password_edit = _password_edit("password")
        self.repeat_edit = _password_edit("repeat")
        self.message = _message_label()
        form = QFormLayout()
        form.addRow("Логін:", self.login_edit)
        form.addRow("Ім'я та прізвище:", self.name_edit)
        form.addRow("Посада:", self.position_edit)
        form.addRow("Пароль:", self.password_edit)
        form.addRow("Пароль ще раз:", self.repeat_edit)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText("Створити")
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText("Скасувати")
        buttons.accepted.connect(self.create)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addWidget(buttons)

    def create(self) -> None:
        if self.password_edit.text() != self.repeat_edit.text():
            self.message.setText("Паролі не збігаються.")
            return
        login = self.login_edit.text().strip()
        try:
            workspace.create_first_admin(
                self.database, login, self.name_edit.text(), self.password_edit.text(), self.position_edit.text(),
            )
            self.workspace = workspace.log_in(self.database, login, self.password_edit.text())
        except UserError as error:
            self.message.setText(str(error))
            return
        self.accept()


def log_in_again(database: Database, parent: QWidget) -> workspace.Workspace | None:
    """Switching users: the login dialog over the open database; None when it is cancelled."""
    dialog = LoginDialog(database, "", parent)
    return dialog.workspace if dialog.exec() else None
