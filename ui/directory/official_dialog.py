"""Adding or editing one official: the fields, and the six case forms, each correctable by hand."""

from __future__ import annotations

from PySide6.QtCore import QTimer
from PySide6.QtGui import QBrush, QColor, QFont, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemDelegate,
    QAbstractItemView,
    QApplication,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop.errors import UserError
from desktop.facade.directory import OfficialRow
from desktop.language.inflection import CASES
from desktop.workspace import Workspace
from ui.directory.officials_model import CASE_LABELS, GENDER_LABELS

PARTS = ("name", "position")
PART_COLUMNS = {"name": "Ім'я та прізвище", "position": "Посада"}
NAME_FIELDS = ("surname", "given_name", "patronymic")
CORRECTED_COLOUR = "#fff3c4"
PREVIEW_DELAY_MS = 300


def case_forms_table(name: str, headers: list[str], edit_triggers: QAbstractItemView.EditTrigger) -> QTableWidget:
    """The six case forms, a row each, exactly as tall as its rows; the last column stretches.

    Tab leaves the table, the arrows move inside it.
    """
    table = QTableWidget(len(CASES), len(headers))
    table.setObjectName(name)
    table.setHorizontalHeaderLabels(headers)
    table.setVerticalHeaderLabels([CASE_LABELS[case] for case in CASES])
    table.horizontalHeader().setSectionResizeMode(len(headers) - 1, QHeaderView.ResizeMode.Stretch)
    table.setTabKeyNavigation(False)
    table.setEditTriggers(edit_triggers)
    table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
    rows_height = sum(table.rowHeight(row) for row in range(len(CASES)))
    table.setFixedHeight(rows_height + table.horizontalHeader().sizeHint().height() + 2 * table.frameWidth())
    return table


def form_item(text: str, *, corrected: bool, generated: str) -> QTableWidgetItem:
    """A case form's cell; one corrected by hand is yellow and bold, its tooltip naming the generated form."""
    item = QTableWidgetItem(text)
    if corrected:
        bold = QFont()
        bold.setBold(True)
        item.setBackground(QBrush(QColor(CORRECTED_COLOUR)))
        item.setFont(bold)
        item.setToolTip(f"Виправлено вручну. Згенерована форма: {generated}")
    return item


class OfficialDialog(QDialog):
    """One official's card; an admin edits it, anybody may add a new one, the core decides."""

    def __init__(self, workspace: Workspace, official_id: int | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.workspace = workspace
        self.official_id = official_id
        self.is_admin = workspace.has_role("admin")
        self.editable = self.is_admin or official_id is None
        self.saved: OfficialRow | None = None
        self.original: OfficialRow | None = None
        self.generated: dict[str, dict[str, str]] = {part: dict.fromkeys(CASES, "") for part in PARTS}
        # (part, case) → text: the corrections as stored, and as the user wants them now
        self.stored_corrections: dict[tuple[str, str], str] = {}
        self.corrections: dict[tuple[str, str], str] = {}
        self._filling = False
        self.setWindowTitle("Новий посадовець" if official_id is None else "Посадовець")
        self.resize(820, 560)
        self._build()
        self.preview_timer = QTimer(self)
        self.preview_timer.setSingleShot(True)
        self.preview_timer.setInterval(PREVIEW_DELAY_MS)
        self.preview_timer.timeout.connect(self.regenerate)
        if official_id is not None:
            self._load(official_id)
        for editor in (*self.edits.values(),):
            editor.textChanged.connect(lambda *_: self.preview_timer.start())
        self.gender_combo.currentIndexChanged.connect(lambda *_: self.regenerate())
        self.regenerate()

    # Layout.

    def _build(self) -> None:
        self.edits: dict[str, QLineEdit] = {}
        labels = {
            "surname": "&Прізвище", "given_name": "&Ім'я", "patronymic": "По &батькові",
            "position": "П&осада (у називному)", "short_position": "&Коротка посада",
            "organization": "&Організація", "phone": "&Телефон", "email": "&Email",
        }
        for key in labels:
            edit = QLineEdit()
            edit.setObjectName(key)
            edit.setReadOnly(not self.editable)
            self.edits[key] = edit
        self.edits["position"].setPlaceholderText("начальник Коростенської районної військової адміністрації")
        self.edits["short_position"].setPlaceholderText("начальник Коростенської РВА")
        self.gender_combo = QComboBox()
        self.gender_combo.setObjectName("gender")
        self.gender_combo.addItem("визначити автоматично", "")
        for key, label in GENDER_LABELS.items():
            self.gender_combo.addItem(label, key)
        self.gender_combo.setEnabled(self.editable)
        self.detected_label = QLabel()
        self.detected_label.setStyleSheet("color: #5f6368")
        self.precedence_spin = QSpinBox()
        self.precedence_spin.setObjectName("precedence")
        self.precedence_spin.setRange(0, 999_999)
        self.precedence_spin.setValue(1000)
        self.precedence_spin.setToolTip("Менше число — вища посада: за рангом упорядковують учасників.")
        self.precedence_spin.setReadOnly(not self.editable)
        self.active_check = QCheckBox("Активний (пропонувати серед учасників)")
        self.active_check.setObjectName("active")
        self.active_check.setChecked(True)
        self.active_check.setEnabled(self.editable and self.official_id is not None)

        left, right = QFormLayout(), QFormLayout()
        for key in NAME_FIELDS:
            left.addRow(labels[key] + ":", self.edits[key])
        gender_row = QHBoxLayout()
        gender_row.addWidget(self.gender_combo)
        gender_row.addWidget(self.detected_label, 1)
        gender_label = QLabel("&Стать:")
        gender_label.setBuddy(self.gender_combo)
        left.addRow(gender_label, gender_row)
        right.addRow("&Ранг:", self.precedence_spin)
        right.addRow(labels["phone"] + ":", self.edits["phone"])
        right.addRow(labels["email"] + ":", self.edits["email"])
        right.addRow("", self.active_check)
        wide = QFormLayout()
        for key in ("position", "short_position", "organization"):
            wide.addRow(labels[key] + ":", self.edits[key])
        grid = QGridLayout()
        grid.addLayout(left, 0, 0)
        grid.addLayout(right, 0, 1)
        grid.addLayout(wide, 1, 0, 1, 2)
        grid.setColumnStretch(0, 3)
        grid.setColumnStretch(1, 2)

        can_correct = self.is_admin
        self.forms_table = case_forms_table(
            "case_forms", [PART_COLUMNS[part] for part in PARTS],
            QAbstractItemView.EditTrigger.DoubleClicked | QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.AnyKeyPressed if can_correct else QAbstractItemView.EditTrigger.NoEditTriggers,
        )
        self.forms_table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        self.forms_table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.forms_table.setWordWrap(False)
        self.forms_table.itemChanged.connect(self._form_edited)
        self.reset_button = QPushButton("&Відновити згенеровану форму")
        self.reset_button.setObjectName("reset_form")
        self.reset_button.setEnabled(False)
        self.reset_button.setVisible(can_correct)
        self.reset_button.clicked.connect(self.reset_selected_form)
        self.forms_table.currentCellChanged.connect(lambda *_: self._update_reset_button())
        legend = QLabel(
            "Форми створюються автоматично. Щоб виправити форму, двічі клацніть її або натисніть F2; "
            "виправлені вручну позначено жовтим, і вони не зміняться, доки не зміниться ім'я чи посада."
            if can_correct else "Форми створюються автоматично; виправити їх може адміністратор."
        )
        legend.setWordWrap(True)
        legend.setStyleSheet("color: #5f6368")
        self.status_label = QLabel()
        self.status_label.setObjectName("status")
        self.status_label.setStyleSheet("color: #b06000")
        self.status_label.setWordWrap(True)

        buttons = QDialogButtonBox()
        if self.editable:
            self.save_button = buttons.addButton("Зберегти", QDialogButtonBox.ButtonRole.AcceptRole)
            buttons.addButton("Скасувати", QDialogButtonBox.ButtonRole.RejectRole)
        else:
            self.save_button = None
            buttons.addButton("Закрити", QDialogButtonBox.ButtonRole.RejectRole)
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        QShortcut(QKeySequence.StandardKey.Save, self, activated=self.save)

        forms_header = QHBoxLayout()
        forms_title = QLabel("<b>Відмінкові форми</b>")
        forms_title.setBuddy(self.forms_table)
        forms_header.addWidget(forms_title)
        forms_header.addStretch(1)
        forms_header.addWidget(self.reset_button)
        layout = QVBoxLayout(self)
        layout.addLayout(grid)
        layout.addSpacing(6)
        layout.addLayout(forms_header)
        layout.addWidget(self.forms_table)
        layout.addWidget(legend)
        layout.addWidget(self.status_label)
        layout.addStretch(1)
        layout.addWidget(buttons)
        chain = [self.edits["surname"], self.edits["given_name"], self.edits["patronymic"], self.gender_combo,
                 self.precedence_spin, self.edits["phone"], self.edits["email"], self.active_check,
                 self.edits["position"], self.edits["short_position"], self.edits["organization"],
                 self.forms_table, self.reset_button, *buttons.buttons()]
        for first, second in zip(chain, chain[1:], strict=False):
            self.setTabOrder(first, second)  # as the form reads: the name, its card, the position, the forms
        self.edits["surname"].setFocus()

    # Data.

    def _load(self, official_id: int) -> None:
        forms = self.workspace.directory.official_forms(official_id)
        official = self.original = forms.official
        self._filling = True
        for key, edit in self.edits.items():
            edit.setText(getattr(official, key))
        self.gender_combo.setCurrentIndex(max(0, self.gender_combo.findData(official.gender)))
        self.precedence_spin.setValue(official.precedence)
        self.active_check.setChecked(official.active)
        self._filling = False
        shown = {"name": forms.names, "position": forms.positions}
        for part in PARTS:
            for case in CASES:
                if forms.is_corrected(part, case):
                    self.stored_corrections[(part, case)] = shown[part][case]
        self.corrections = dict(self.stored_corrections)
        self.setWindowTitle(f"Посадовець: {official.display_name}")

    def values(self) -> dict[str, object]:
        """The fields as the core takes them."""
        values: dict[str, object] = {key: edit.text() for key, edit in self.edits.items()}
        values["gender"] = self.gender_combo.currentData() or ""
        values["precedence"] = self.precedence_spin.value()
        if self.official_id is not None:
            values["active"] = self.active_check.isChecked()
        return values

    def _changed_parts(self) -> set[str]:
        """Which texts differ from the stored ones: their corrections no longer apply (as in the core)."""
        if self.original is None:
            return set()
        changed = set()
        if any(self.edits[key].text().strip() != getattr(self.original, key) for key in NAME_FIELDS):
            changed.add("name")
        if " ".join(self.edits["position"].text().split()) != self.original.position:
            changed.add("position")
        return changed

    def regenerate(self) -> None:
        """Recomputes the generated forms from the fields and shows them, corrections on top."""
        self.preview_timer.stop()
        gender = self.gender_combo.currentData() or ""
        try:
            names, positions, used = self.workspace.directory.preview_forms(
                self.edits["given_name"].text(), self.edits["surname"].text(),
                self.edits["patronymic"].text(), gender, self.edits["position"].text())
        except (UserError, ValueError) as error:
            self.status_label.setText(str(error))
            return
        self.generated = {"name": names, "position": positions}
        if not gender:
            self.detected_label.setText(f"визначено: {GENDER_LABELS[used]}" if used in GENDER_LABELS else "")
        else:
            self.detected_label.setText("")
        dropped = [part for part in self._changed_parts()
                   if any(key[0] == part for key in self.corrections)]
        for part in dropped:
            self.corrections = {key: text for key, text in self.corrections.items() if key[0] != part}
        if dropped:
            what = " і ".join({"name": "імені", "position": "посади"}[part] for part in dropped)
            self.status_label.setText(f"Виправлені вручну форми {what} скинуто: змінився сам текст.")
        self._show_forms()

    def _show_forms(self) -> None:
        self._filling = True
        for row, case in enumerate(CASES):
            for column, part in enumerate(PARTS):
                generated = self.generated[part].get(case, "")
                text = self.corrections.get((part, case), generated)
                item = form_item(text, corrected=(part, case) in self.corrections, generated=generated)
                self.forms_table.setItem(row, column, item)
        self._filling = False
        self._update_reset_button()

    def is_corrected(self, part: str, case: str) -> bool:
        """True when the form is shown as corrected by hand."""
        return (part, case) in self.corrections

    def _form_edited(self, item: QTableWidgetItem) -> None:
        if self._filling:
            return
        part, case = PARTS[item.column()], CASES[item.row()]
        text = " ".join(item.text().split())
        if not text or text == self.generated[part].get(case, ""):
            self.corrections.pop((part, case), None)
        else:
            self.corrections[(part, case)] = text
        self._show_forms()

    def reset_selected_form(self) -> None:
        """Drops the correction of the selected form: the generated one applies again."""
        row, column = self.forms_table.currentRow(), self.forms_table.currentColumn()
        if row < 0 or column < 0:
            return
        self.corrections.pop((PARTS[column], CASES[row]), None)
        self._show_forms()
        self.forms_table.setCurrentCell(row, column)

    def _update_reset_button(self) -> None:
        row, column = self.forms_table.currentRow(), self.forms_table.currentColumn()
        self.reset_button.setEnabled(row >= 0 and column >= 0 and (PARTS[column], CASES[row]) in self.corrections)

    def _editing_a_form(self) -> bool:
        focus = QApplication.focusWidget()
        return focus is not None and focus is not self.forms_table and self.forms_table.isAncestorOf(focus)

    # Saving.

    def save(self) -> None:
        """Stores the fields, then the corrections that differ from what is stored."""
        if not self.editable:
            return
        editor = QApplication.focusWidget()
        if self._editing_a_form() and editor is not None:
            # Ctrl+S while a form is being typed: take what the open editor holds first
            self.forms_table.commitData(editor)
            self.forms_table.closeEditor(editor, QAbstractItemDelegate.EndEditHint.NoHint)
        self.regenerate()
        changed = self._changed_parts()
        try:
            saved = self.workspace.directory.save_official(self.official_id, **self.values())
            if self.official_id is None:
                # stored now: should a correction below fail, Save again updates instead of adding twice
                self.official_id, self.original = saved.id, saved
            for part in PARTS:
                for case in CASES:
                    stored = None if part in changed else self.stored_corrections.get((part, case))
                    wanted = self.corrections.get((part, case))
                    if wanted != stored:
                        self.workspace.directory.set_form_override(saved.id, case, wanted or "", part)
        except UserError as error:
            QMessageBox.warning(self, "Довідник посадовців", str(error))
            return
        self.saved = saved
        self.accept()
