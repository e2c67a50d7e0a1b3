"""The administrator's department settings dialog (users are in ui/shell/users_dialog.py)."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from desktop.errors import UserError
from desktop.settings import OPTIONS
from desktop.workspace import Workspace


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
