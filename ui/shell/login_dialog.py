"""Logging in, and creating the first administrator of an empty database."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from desktop import workspace
from desktop.errors import UserError

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
    """Login and password; on success `self.workspace` holds the logged-in user's workspace."""

    def __init__(self, database: Database, login: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.database = database
        self.workspace: workspace.Workspace | None = None
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
        buttons.accepted.connect(self.try_login)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(f"База даних: {database.display_name}"))
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addWidget(buttons)
        (self.password_edit if login else self.login_edit).setFocus()

    def try_login(self) -> None:
        try:
            self.workspace = workspace.log_in(self.database, self.login_edit.text(), self.password_edit.text())
        except UserError as error:
            self.message.setText(str(error))
            self.password_edit.clear()
            self.password_edit.setFocus()
            return
        self.accept()


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
