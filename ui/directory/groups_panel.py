"""The groups tab of the directory: collective participants such as «голови громад району»."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QAbstractItemView,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QSpinBox,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop.errors import UserError
from desktop.facade.directory import GroupRow
from desktop.language.inflection import CASES
from desktop.workspace import Workspace
from ui.common.tables import row_table
from ui.directory.official_dialog import case_forms_table, form_item
from ui.directory.officials_model import GroupsModel


class GroupsPanel(QWidget):
    """Lists the groups; anyone adds one, an admin renames, re-ranks, deactivates or restores."""

    def __init__(self, workspace: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.workspace = workspace
        self.is_admin = workspace.has_role("admin")
        self.model = GroupsModel(self)
        self.table = row_table(self.model, "groups")
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for column in (1, 2):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        self.table.selectionModel().selectionChanged.connect(lambda *_: self._fill_from_selection())

        self.text_edit = QLineEdit()
        self.text_edit.setObjectName("group_text")
        self.text_edit.setPlaceholderText("голови територіальних громад Коростенського району")
        self.precedence_spin = QSpinBox()
        self.precedence_spin.setObjectName("group_precedence")
        self.precedence_spin.setRange(0, 999_999)
        self.precedence_spin.setValue(1000)
        self.precedence_spin.setMaximumWidth(120)
        form = QFormLayout()
        form.addRow("&Текст групи (у називному, множина):", self.text_edit)
        form.addRow("&Ранг:", self.precedence_spin)
        self.add_button = QPushButton("&Додати групу")
        self.add_button.clicked.connect(self.add_group)
        self.save_button = QPushButton("&Зберегти зміни")
        self.save_button.clicked.connect(self.save_group)
        self.toggle_button = QPushButton("&Деактивувати")
        self.toggle_button.clicked.connect(self.toggle_active)
        buttons = QHBoxLayout()
        for button in (self.add_button, self.save_button, self.toggle_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        note = QLabel("Група узгоджується в множині: «участь у якому взяли голови громад…». "
                      + ("Форму можна виправити: F2 або подвійне клацання; виправлені позначено жовтим."
                         if self.is_admin else ""))
        note.setStyleSheet("color: #5f6368")
        note.setWordWrap(True)
        self.forms_table = case_forms_table(
            "group_forms", ["Відмінкова форма"],
            QAbstractItemView.EditTrigger.DoubleClicked | QAbstractItemView.EditTrigger.EditKeyPressed
            if self.is_admin else QAbstractItemView.EditTrigger.NoEditTriggers,
        )
        self.forms_table.itemChanged.connect(self._form_edited)
        self.generated: dict[str, str] = {}
        self._filling = False
        layout = QVBoxLayout(self)
        layout.addWidget(self.table, 1)
        layout.addLayout(form)
        layout.addLayout(buttons)
        layout.addWidget(self.forms_table)
        layout.addWidget(note)
        self.refresh()

    def selected(self) -> GroupRow | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.group(rows[0].row()) if rows else None

    def refresh(self, select_id: int | None = None) -> None:
        """Reloads the groups, keeping (or moving to) a selection."""
        current = self.selected()
        try:
            self.model.set_rows(self.workspace.directory.groups(include_inactive=True))
        except UserError as error:
            QMessageBox.warning(self, "Довідник посадовців", str(error))
            return
        wanted = select_id if select_id is not None else (current.id if current else None)
        row = self.model.row_of(wanted) if wanted is not None else -1
        if row >= 0:
            self.table.selectRow(row)
        elif self.model.rowCount():
            self.table.selectRow(0)
        self._update_enabled()

    def _fill_from_selection(self) -> None:
        group = self.selected()
        if group is not None:
            self.text_edit.setText(group.text)
            self.precedence_spin.setValue(group.precedence)
        self._show_forms()
        self._update_enabled()

    def _show_forms(self) -> None:
        """The selected group's case forms, those corrected by hand marked."""
        group = self.selected()
        applied: dict[str, str] = {}
        self.generated = {}
        if group is not None:
            try:
                applied, self.generated = self.workspace.directory.group_forms(group.id)
            except UserError as error:
                QMessageBox.warning(self, "Довідник посадовців", str(error))
        self._filling = True
        for row, case in enumerate(CASES):
            corrected = case in applied and applied[case] != self.generated.get(case)
            item = form_item(applied.get(case, ""), corrected=corrected, generated=self.generated.get(case, ""))
            self.forms_table.setItem(row, 0, item)
        self._filling = False

    def is_corrected(self, case: str) -> bool:
        """True when the selected group's form in this case was corrected by hand."""
        item = self.forms_table.item(CASES.index(case), 0)
        return item is not None and item.text() != self.generated.get(case, item.text())

    def _form_edited(self, item: QTableWidgetItem) -> None:
        group = self.selected()
        if self._filling or group is None:
            return
        case = CASES[item.row()]
        text = " ".join(item.text().split())
        # the generated text typed back (or nothing) removes the correction
        wanted = "" if text in ("", self.generated.get(case)) else text
        try:
            self.workspace.directory.set_group_form_override(group.id, case, wanted)
        except UserError as error:
            QMessageBox.warning(self, "Довідник посадовців", str(error))
        self._show_forms()

    def _update_enabled(self) -> None:
        group = self.selected()
        can_add = any(self.workspace.has_role(role) for role in ("author", "supervisor", "admin"))
        self.add_button.setEnabled(can_add)
        self.save_button.setEnabled(self.is_admin and group is not None)
        self.toggle_button.setEnabled(self.is_admin and group is not None)
        self.toggle_button.setText("&Відновити" if group is not None and not group.active else "&Деактивувати")

    def _run(self, work: object) -> GroupRow | None:
        try:
            return work()  # type: ignore[operator]
        except UserError as error:
            QMessageBox.warning(self, "Довідник посадовців", str(error))
            return None

    def add_group(self) -> None:
        text, rank = self.text_edit.text(), self.precedence_spin.value()
        group = self._run(lambda: self.workspace.directory.save_group(None, text, rank))
        if group is not None:
            self.refresh(group.id)

    def save_group(self) -> None:
        current = self.selected()
        if current is None:
            return
        text, rank = self.text_edit.text(), self.precedence_spin.value()
        group = self._run(lambda: self.workspace.directory.save_group(current.id, text, rank))
        if group is not None:
            self.refresh(group.id)

    def toggle_active(self) -> None:
        current = self.selected()
        if current is None:
            return
        group = self._run(lambda: self.workspace.directory.save_group(current.id, current.text, active=not current.active))
        if group is not None:
            self.refresh(group.id)
