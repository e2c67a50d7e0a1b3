"""The administrator's users dialog: add, change roles, deactivate and activate, reset a password.

Nobody is deleted: the audit log and the releases need the rows. Every change goes through the core,
which audits it and keeps the last administrator's role.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop.accounts import ROLE_LABELS, ROLES
from desktop.errors import UserError
from desktop.workspace import Workspace
from ui.common.tables import Index, RowsTableModel, row_table

INACTIVE_COLOUR = QColor("#80868b")


class UsersModel(RowsTableModel):
    """The users as the core lists them, a deactivated one in grey."""

    columns = ("Логін", "Ім'я", "Посада", "Ролі", "Стан")

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        user = self.rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            roles = ", ".join(ROLE_LABELS[r] for r in user["roles"])
            state = "активний" if user["active"] else "деактивований"
            if user.get("locked"):
                state += ", заблокований після невдалих входів"
            return str((user["login"], user["name"], user["position"], roles, state)[index.column()])
        if role == Qt.ItemDataRole.ForegroundRole and not user["active"]:
            return QBrush(INACTIVE_COLOUR)
        return None

    def row_of_login(self, login: str) -> int:
        return next((number for number, user in enumerate(self.rows) if user["login"] == login), -1)


def role_boxes() -> dict[str, QCheckBox]:
    boxes = {}
    for role in ROLES:
        box = QCheckBox(ROLE_LABELS[role])
        box.setObjectName(f"role_{role}")
        boxes[role] = box
    return boxes


def password_edit(name: str) -> QLineEdit:
    edit = QLineEdit()
    edit.setObjectName(name)
    edit.setEchoMode(QLineEdit.EchoMode.Password)
    return edit


class RolesDialog(QDialog):
    """Which roles one user holds: a box per role."""

    def __init__(self, user: dict[str, Any], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(f"Ролі — {user['name']}")
        self.boxes = role_boxes()
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(f"Ролі користувача «{user['login']}»:"))
        for role, box in self.boxes.items():
            box.setChecked(role in user["roles"])
            layout.addWidget(box)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText("Зберегти")
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText("Скасувати")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def roles(self) -> list[str]:
        return [role for role, box in self.boxes.items() if box.isChecked()]


class PasswordDialog(QDialog):
    """A new password for a user, typed twice."""

    def __init__(self, login: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(f"Новий пароль — {login}")
        self.password_edit = password_edit("new_password")
        self.repeat_edit = password_edit("repeat_password")
        self.message = QLabel()
        self.message.setStyleSheet("color: #b00020")
        self.message.setWordWrap(True)
        form = QFormLayout()
        form.addRow("Новий пароль:", self.password_edit)
        form.addRow("Ще раз:", self.repeat_edit)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText("Змінити пароль")
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText("Скасувати")
        buttons.accepted.connect(self._check)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addWidget(buttons)

    def _check(self) -> None:
        if self.password_edit.text() != self.repeat_edit.text():
            self.message.setText("Паролі не збігаються.")
            return
        self.accept()

    def password(self) -> str:
        return self.password_edit.text()


class UsersDialog(QDialog):
    """The list of users with what an administrator does to them, and a form to add one."""

    def __init__(self, workspace: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.workspace = workspace
        self.setObjectName("users_dialog")
        self.setWindowTitle("Користувачі")
        self.setMinimumSize(640, 480)
        self.resize(820, 560)
        self.model = UsersModel(self)
        self.table = row_table(self.model, "users")
        header = self.table.horizontalHeader()
        header.setStretchLastSection(False)
        for column in range(self.model.columnCount()):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        self.table.doubleClicked.connect(lambda *_: self.change_roles())

        self.roles_button = QPushButton("&Ролі…")
        self.roles_button.setObjectName("change_roles")
        self.roles_button.clicked.connect(self.change_roles)
        self.active_button = QPushButton("&Деактивувати")
        self.active_button.setObjectName("toggle_active")
        self.active_button.clicked.connect(self.toggle_active)
        self.password_button = QPushButton("&Скинути пароль…")
        self.password_button.setObjectName("reset_password")
        self.password_button.clicked.connect(self.reset_password)
        self.unlock_button = QPushButton("Р&озблокувати")
        self.unlock_button.setObjectName("unlock")
        self.unlock_button.setToolTip("Зняти блокування після невдалих спроб входу")
        self.unlock_button.clicked.connect(self.unlock)
        actions = QHBoxLayout()
        for button in (self.roles_button, self.active_button, self.password_button, self.unlock_button):
            actions.addWidget(button)
        actions.addStretch(1)
        self.table.selectionModel().selectionChanged.connect(lambda *_: self._update_buttons())

        self.login_edit = QLineEdit()
        self.login_edit.setObjectName("new_login")
        self.name_edit = QLineEdit()
        self.name_edit.setObjectName("new_name")
        self.position_edit = QLineEdit()
        self.password_edit = password_edit("new_user_password")
        self.role_boxes = role_boxes()
        roles_row = QHBoxLayout()
        for box in self.role_boxes.values():
            roles_row.addWidget(box)
        roles_row.addStretch(1)
        form = QFormLayout()
        form.addRow("Логін:", self.login_edit)
        form.addRow("Ім'я та прізвище:", self.name_edit)
        form.addRow("Посада:", self.position_edit)
        form.addRow("Пароль:", self.password_edit)
        form.addRow("Ролі:", roles_row)
        add_button = QPushButton("Д&одати користувача")
        add_button.setObjectName("add_user")
        add_button.clicked.connect(self.add_user)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.button(QDialogButtonBox.StandardButton.Close).setText("Закрити")
        close.rejected.connect(self.reject)
        note = QLabel("Користувачів не видаляють: деактивований не може ввійти, а його записи лишаються в журналі.")
        note.setWordWrap(True)
        note.setStyleSheet("color: #5f6368")
        layout = QVBoxLayout(self)
        layout.addWidget(self.table, 1)
        layout.addLayout(actions)
        layout.addWidget(note)
        title = QLabel("<b>Новий користувач</b>")
        layout.addWidget(title)
        layout.addLayout(form)
        layout.addWidget(add_button, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addWidget(close)
        self.reload()

    def reload(self, select: str | None = None) -> None:
        chosen = select or (self.selected_user() or {}).get("login")
        self.model.set_rows(self.workspace.users())
        row = self.model.row_of_login(chosen) if chosen else -1
        if row >= 0:
            self.table.selectRow(row)
        self._update_buttons()

    def selected_user(self) -> dict[str, Any] | None:
        rows = self.table.selectionModel().selectedRows() if self.table.selectionModel() else []
        return self.model.row_at(rows[0].row()) if rows else None

    def select_login(self, login: str) -> None:
        row = self.model.row_of_login(login)
        if row >= 0:
            self.table.selectRow(row)

    def _update_buttons(self) -> None:
        user = self.selected_user()
        for button in (self.roles_button, self.active_button, self.password_button):
            button.setEnabled(user is not None)
        if user is not None:
            self.active_button.setText("&Деактивувати" if user["active"] else "&Активувати")
            self.active_button.setEnabled(user["login"] != self.workspace.user.login or not user["active"])
        self.unlock_button.setEnabled(bool(user and user.get("locked")))

    def _do(self, work: Any, login: str, done: str) -> bool:
        try:
            work()
        except UserError as error:
            QMessageBox.warning(self, "Користувачі", str(error))
            return False
        self.reload(login)
        parent = self.parent()
        status_bar = getattr(parent, "statusBar", None)
        if callable(status_bar):
            status_bar().showMessage(done, 6000)
        return True

    def change_roles(self) -> None:
        user = self.selected_user()
        if user is None:
            return
        dialog = RolesDialog(user, self)
        if dialog.exec():
            self._do(lambda: self.workspace.set_user_roles(user["login"], dialog.roles()), user["login"],
                     f"Ролі користувача {user['login']} змінено.")

    def toggle_active(self) -> None:
        user = self.selected_user()
        if user is None:
            return
        activate = not user["active"]
        if not activate:
            from ui.review.actions import confirm

            if not confirm(self, "Деактивувати користувача",
                           f"Деактивувати «{user['name']}»? Увійти цей користувач більше не зможе; "
                           "його релізи й записи в журналі лишаються. Активувати знову можна будь-коли.",
                           "&Деактивувати"):
                return
        self._do(lambda: self.workspace.set_user_active(user["login"], activate), user["login"],
                 f"Користувача {user['login']} {'активовано' if activate else 'деактивовано'}.")

    def unlock(self) -> None:
        user = self.selected_user()
        if user is None:
            return
        self._do(lambda: self.workspace.unlock_user(user["login"]), user["login"],
                 f"Користувача {user['login']} розблоковано.")

    def reset_password(self) -> None:
        user = self.selected_user()
        if user is None:
            return
        dialog = PasswordDialog(user["login"], self)
        if dialog.exec():
            self._do(lambda: self.workspace.reset_password(user["login"], dialog.password()), user["login"],
                     f"Пароль користувача {user['login']} змінено.")

    def add_user(self) -> None:
        roles = [role for role, box in self.role_boxes.items() if box.isChecked()]
        login = self.login_edit.text().strip()
        added = self._do(
            lambda: self.workspace.add_user(login, self.name_edit.text(), roles, self.password_edit.text(),
                                            self.position_edit.text()),
            login, f"Додано користувача {login}.",
        )
        if added:
            for edit in (self.login_edit, self.name_edit, self.position_edit, self.password_edit):
                edit.clear()
            for box in self.role_boxes.values():
                box.setChecked(False)
