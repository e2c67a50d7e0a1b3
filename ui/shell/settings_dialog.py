"""The administrator's dialogs: department settings and users."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop import accounts
from desktop.errors import UserError
from desktop.settings import OPTIONS
from desktop.workspace import Workspace
from ui.common.tables import Index, RowsTableModel, row_table


class SettingsDialog(QDialog):
    """Every option of the settings registry, edited in one form."""

    def __init__(self, workspace: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.workspace = workspace
        self.setWindowTitle("Налаштування відділу")
        self.resize(640, 420)
        values = workspace.settings()
        self.editors: dict[str, QLineEdit | QPlainTextEdit | QCheckBox] = {}
        form = QFormLayout()
        for option in OPTIONS:
            value = values[option.key]
            if option.kind == "bool":
                editor: QLineEdit | QPlainTextEdit | QCheckBox = QCheckBox()
                editor.setChecked(value == "true")
            elif option.kind == "multiline":
                editor = QPlainTextEdit(value)
                editor.setFixedHeight(72)
            else:
                editor = QLineEdit(value)
            editor.setObjectName(option.key)
            self.editors[option.key] = editor
            form.addRow(option.label + ":", editor)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Save).setText("Зберегти")
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText("Скасувати")
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(buttons)

    def value_of(self, key: str) -> str:
        editor = self.editors[key]
        if isinstance(editor, QCheckBox):
            return "true" if editor.isChecked() else "false"
        if isinstance(editor, QPlainTextEdit):
            return editor.toPlainText()
        return editor.text()

    def save(self) -> None:
        current = self.workspace.settings()
        try:
            for key in self.editors:
                value = self.value_of(key)
                if value != current[key]:
                    self.workspace.set_setting(key, value)
        except UserError as error:
            QMessageBox.warning(self, "Налаштування", str(error))
            return
        self.accept()


class UsersModel(RowsTableModel):
    """The users as the core lists them, read-only (the dialog only adds users)."""

    columns = ("Логін", "Ім'я", "Посада", "Ролі")

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or role != Qt.ItemDataRole.DisplayRole:
            return None
        user = self.rows[index.row()]
        roles = ", ".join(accounts.ROLE_LABELS[r] for r in user["roles"])
        return str((user["login"], user["name"], user["position"], roles)[index.column()])


class UsersDialog(QDialog):
    """The list of users and a form to add one."""

    def __init__(self, workspace: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.workspace = workspace
        self.setWindowTitle("Користувачі")
        self.resize(720, 460)
        self.model = UsersModel(self)
        self.table = row_table(self.model, "users")
        self.table.horizontalHeader().setStretchLastSection(True)
        self.login_edit = QLineEdit()
        self.name_edit = QLineEdit()
        self.position_edit = QLineEdit()
        self.password_edit = QLineEdit()
        self.password_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.role_boxes = {role: QCheckBox(accounts.ROLE_LABELS[role]) for role in accounts.ROLES}
        roles_row = QHBoxLayout()
        for box in self.role_boxes.values():
            roles_row.addWidget(box)
        form = QFormLayout()
        form.addRow("Логін:", self.login_edit)
        form.addRow("Ім'я та прізвище:", self.name_edit)
        form.addRow("Посада:", self.position_edit)
        form.addRow("Пароль:", self.password_edit)
        form.addRow("Ролі:", roles_row)
        add_button = QPushButton("Додати користувача")
        add_button.clicked.connect(self.add_user)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.button(QDialogButtonBox.StandardButton.Close).setText("Закрити")
        close.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table, 1)
        layout.addWidget(QLabel("Новий користувач"))
        layout.addLayout(form)
        layout.addWidget(add_button)
        layout.addWidget(close)
        self.reload()

    def reload(self) -> None:
        self.model.set_rows(self.workspace.users())

    def add_user(self) -> None:
        roles = [role for role, box in self.role_boxes.items() if box.isChecked()]
        try:
            self.workspace.add_user(self.login_edit.text().strip(), self.name_edit.text(), roles,
                                    self.password_edit.text(), self.position_edit.text())
        except UserError as error:
            QMessageBox.warning(self, "Користувачі", str(error))
            return
        for edit in (self.login_edit, self.name_edit, self.position_edit, self.password_edit):
            edit.clear()
        self.reload()
