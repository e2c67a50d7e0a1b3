"""A participant typed in while drafting: a person or a group not (yet) in the directory."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLineEdit,
    QMessageBox,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from desktop.errors import UserError
from desktop.participants import Participant
from desktop.workspace import Workspace
from ui.directory.officials_model import GENDER_LABELS

ADD_ROLES = ("author", "supervisor", "admin")


class AdHocParticipantDialog(QDialog):
    """Asks for a name, position and gender (or a group's text); optionally saves it to the directory."""

    def __init__(self, workspace: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.workspace = workspace
        self.participant: Participant | None = None
        self.setWindowTitle("Інший учасник")
        self.resize(560, 300)
        self.kind_combo = QComboBox()
        self.kind_combo.setObjectName("kind")
        self.kind_combo.addItems(["Особа", "Група або кілька осіб (у множині)"])

        self.edits: dict[str, QLineEdit] = {}
        person = QWidget()
        person_form = QFormLayout(person)
        person_form.setContentsMargins(0, 0, 0, 0)
        for key, label in (("given_name", "&Ім'я"), ("surname", "&Прізвище"), ("patronymic", "По &батькові"),
                           ("position", "П&осада (у називному)"), ("organization", "Органі&зація")):
            edit = QLineEdit()
            edit.setObjectName(key)
            self.edits[key] = edit
            person_form.addRow(label + ":", edit)
        self.gender_combo = QComboBox()
        self.gender_combo.setObjectName("gender")
        self.gender_combo.addItem("визначити автоматично", "")
        for key, label in GENDER_LABELS.items():
            self.gender_combo.addItem(label, key)
        person_form.addRow("&Стать:", self.gender_combo)
        group = QWidget()
        group_form = QFormLayout(group)
        group_form.setContentsMargins(0, 0, 0, 0)
        self.group_edit = QLineEdit()
        self.group_edit.setObjectName("group_text")
        self.group_edit.setPlaceholderText("представники громадськості")
        group_form.addRow("&Текст:", self.group_edit)  # addRow(text, widget) makes the label the widget's buddy
        self.pages = QStackedWidget()
        self.pages.addWidget(person)
        self.pages.addWidget(group)
        self.kind_combo.currentIndexChanged.connect(self._switch_kind)

        self.save_check = QCheckBox("&Зберегти в довідник")
        self.save_check.setObjectName("save_to_directory")
        self.save_check.setEnabled(any(workspace.has_role(role) for role in ADD_ROLES))
        buttons = QDialogButtonBox()
        buttons.addButton("&Додати", QDialogButtonBox.ButtonRole.AcceptRole).setDefault(True)
        buttons.addButton("Скасувати", QDialogButtonBox.ButtonRole.RejectRole)
        buttons.accepted.connect(self.add)
        buttons.rejected.connect(self.reject)
        kind_form = QFormLayout()
        kind_form.addRow("&Хто:", self.kind_combo)
        layout = QVBoxLayout(self)
        layout.addLayout(kind_form)
        layout.addWidget(self.pages)
        layout.addWidget(self.save_check)
        layout.addStretch(1)
        layout.addWidget(buttons)
        self.edits["given_name"].setFocus()

    def _switch_kind(self, index: int) -> None:
        self.pages.setCurrentIndex(index)
        (self.group_edit if index else self.edits["given_name"]).setFocus()

    def add(self) -> None:
        """Builds the participant (saving it first when asked); a refusal keeps the dialog open."""
        save = self.save_check.isChecked()
        try:
            if self.kind_combo.currentIndex():
                self.participant = self.workspace.directory.add_ad_hoc_group(self.group_edit.text(), save)
            else:
                values = {key: edit.text() for key, edit in self.edits.items()}
                self.participant = self.workspace.directory.add_ad_hoc(
                    values["given_name"], values["surname"], values["position"],
                    gender=self.gender_combo.currentData() or "", patronymic=values["patronymic"],
                    save=save, organization=values["organization"])
        except UserError as error:
            QMessageBox.warning(self, "Інший учасник", str(error))
            return
        self.accept()
