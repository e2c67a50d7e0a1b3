"""The participant picker the editor opens: type-ahead search, a chosen list to order, a live preview.

Keyboard: type to search; Down/Up (PageDown/PageUp, Shift to extend) move in the results even
from the search field; Enter adds the highlighted officials (Space too, in the results); Tab goes
search → results → chosen; in the chosen list Delete removes, Alt+Up/Alt+Down (or Ctrl+Up/Ctrl+Down)
move; Ctrl+R orders by rank; Ctrl+N types in another participant; Ctrl+Enter inserts.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QEvent, QItemSelectionModel, QObject, Qt
from PySide6.QtGui import QKeyEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop.directory.search import fold
from desktop.errors import UserError
from desktop.facade.directory import GroupRow, OfficialRow
from desktop.participants import (
    Participant,
    participants_clause,
    verb_agreement,
)
from desktop.workspace import Workspace
from ui.common.tables import row_table
from ui.directory.officials_model import PickerResultsModel
from ui.drafting.chosen_participants import ChosenParticipantsList

RESULT_LIMIT = 50
ENTER_KEYS = (Qt.Key.Key_Return, Qt.Key.Key_Enter)
COMMAND_MODIFIERS = (Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier
                     | Qt.KeyboardModifier.MetaModifier)
MOVE_KEYS = (Qt.Key.Key_Down, Qt.Key.Key_Up, Qt.Key.Key_PageDown, Qt.Key.Key_PageUp)


def clause_example(participants: Sequence[Participant]) -> str:
    """The clause as a release writes it after an event: «участь у якому взяли …»."""
    if not participants:
        return ""
    verb = verb_agreement(participants, "взяв", "взяла", "взяли")
    return f"участь у якому {verb} {participants_clause(participants, 'nominative')}"


class ParticipantPicker(QDialog):
    """Chooses and orders a release's participants; `.exec()`, then `.participants()`."""

    def __init__(self, workspace: Workspace, parent: QWidget | None = None,
                 chosen: list[Participant] | None = None) -> None:
        super().__init__(parent)
        self.workspace = workspace
        self.setWindowTitle("Учасники")
        self.resize(1040, 600)
        workspace.directory.refresh_directory()
        try:
            self.groups = workspace.directory.groups()
        except UserError:
            self.groups = []
        self._build()
        for participant in chosen or []:
            self.chosen.append(participant)
        self.update_results()
        self._changed()
        self.search_edit.setFocus()

    # Layout.

    def _build(self) -> None:
        self.search_edit = QLineEdit()
        self.search_edit.setObjectName("search")
        self.search_edit.setPlaceholderText("Прізвище, ім'я, посада або організація…")
        self.search_edit.setClearButtonEnabled(True)
        self.search_edit.textChanged.connect(lambda *_: self.update_results())
        search_label = QLabel("&Пошук у довіднику:")
        search_label.setBuddy(self.search_edit)

        self.model = PickerResultsModel(self)
        self.results = row_table(self.model, "results", several=True)
        self.results.setTabKeyNavigation(False)
        self.results.verticalHeader().hide()
        header = self.results.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        header.resizeSection(0, 230)
        self.results.doubleClicked.connect(lambda *_: self.add_selected())
        self.add_button = self._button("&Додати →", self.add_selected, "add")
        self.ad_hoc_button = self._button("&Інший учасник…", self.add_ad_hoc, "ad_hoc")
        self.found_label = QLabel()
        self.found_label.setStyleSheet("color: #5f6368")

        self.chosen = ChosenParticipantsList()
        self.chosen.changed.connect(self._changed)
        self.chosen.itemSelectionChanged.connect(self._update_enabled)
        self.chosen.currentRowChanged.connect(lambda *_: self._update_enabled())
        chosen_label = QLabel("&Обрані учасники (у порядку згадування):")
        chosen_label.setBuddy(self.chosen)
        self.up_button = self._button("Вгору", lambda: self.move_current(-1), "move_up")
        self.up_button.setToolTip("Alt+↑")
        self.down_button = self._button("Вниз", lambda: self.move_current(1), "move_down")
        self.down_button.setToolTip("Alt+↓")
        self.rank_button = self._button("За &рангом", self.order_by_rank, "by_rank")
        self.rank_button.setToolTip("Старші посади — першими (Ctrl+R)")
        self.remove_button = self._button("При&брати", self.remove_selected, "remove")
        self.remove_button.setToolTip("Delete")

        self.preview = QLabel()
        self.preview.setObjectName("preview")
        self.preview.setWordWrap(True)
        self.preview.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.preview.setFrameShape(QFrame.Shape.StyledPanel)
        self.preview.setStyleSheet("padding: 6px; background: palette(base)")
        self.preview.setMinimumHeight(64)
        self.preview.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.status_label = QLabel()
        self.status_label.setObjectName("status")
        self.status_label.setStyleSheet("color: #5f6368")

        self.buttons = QDialogButtonBox()
        self.insert_button = self.buttons.addButton("&Вставити", QDialogButtonBox.ButtonRole.AcceptRole)
        self.insert_button.setObjectName("insert")
        self.insert_button.setToolTip("Ctrl+Enter")
        self.insert_button.setDefault(True)
        self.buttons.addButton("Скасувати", QDialogButtonBox.ButtonRole.RejectRole)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)

        left = QVBoxLayout()
        left.addWidget(search_label)
        left.addWidget(self.search_edit)
        left.addWidget(self.results, 1)
        left_buttons = QHBoxLayout()
        left_buttons.addWidget(self.found_label, 1)
        left_buttons.addWidget(self.ad_hoc_button)
        left_buttons.addWidget(self.add_button)
        left.addLayout(left_buttons)
        right = QVBoxLayout()
        right.addWidget(chosen_label)
        right.addWidget(self.chosen, 1)
        order = QHBoxLayout()
        for button in (self.up_button, self.down_button, self.rank_button):
            order.addWidget(button)
        order.addStretch(1)
        order.addWidget(self.remove_button)
        right.addLayout(order)
        right.addWidget(QLabel("Так буде в тексті:"))
        right.addWidget(self.preview)
        grid = QGridLayout()
        grid.addLayout(left, 0, 0)
        grid.addLayout(right, 0, 1)
        grid.setColumnStretch(0, 11)
        grid.setColumnStretch(1, 9)
        layout = QVBoxLayout(self)
        layout.addLayout(grid, 1)
        bottom = QHBoxLayout()
        bottom.addWidget(self.status_label, 1)
        bottom.addWidget(self.buttons)
        layout.addLayout(bottom)

        self.setTabOrder(self.search_edit, self.results)
        self.setTabOrder(self.results, self.chosen)
        for widget in (self.search_edit, self.results):
            widget.installEventFilter(self)
        for sequence in ("Ctrl+Return", "Ctrl+Enter"):
            QShortcut(QKeySequence(sequence), self, activated=self.accept)
        QShortcut(QKeySequence("Ctrl+R"), self, activated=self.order_by_rank)
        QShortcut(QKeySequence("Ctrl+N"), self, activated=self.add_ad_hoc)
        QShortcut(QKeySequence.StandardKey.Find, self, activated=self._focus_search)

    def _button(self, text: str, slot: object, name: str) -> QPushButton:
        button = QPushButton(text)
        button.setObjectName(name)
        button.clicked.connect(slot)  # type: ignore[arg-type]
        return button

    def _focus_search(self) -> None:
        self.search_edit.setFocus()
        self.search_edit.selectAll()

    # Keyboard.

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if event.type() != QEvent.Type.KeyPress or not isinstance(event, QKeyEvent):
            return super().eventFilter(watched, event)
        key, modifiers = event.key(), event.modifiers()
        control = bool(modifiers & Qt.KeyboardModifier.ControlModifier)
        if key in ENTER_KEYS and control:
            self.accept()
            return True
        if watched is self.search_edit:
            if key in MOVE_KEYS:
                self._move_in_results(event)
                return True
            if key in ENTER_KEYS:
                self.add_selected()
                return True
        elif watched is self.results:
            if key in ENTER_KEYS or key == Qt.Key.Key_Space:
                self.add_selected()
                return True
            if event.text().isprintable() and event.text() and not modifiers & COMMAND_MODIFIERS:
                # typing in the results goes on with the search
                self.search_edit.setFocus()
                self.search_edit.insert(event.text())
                return True
        return super().eventFilter(watched, event)

    def _move_in_results(self, event: QKeyEvent) -> None:
        """Down/Up typed in the search field move the highlight in the results, Shift extending it."""
        count = self.model.rowCount()
        if not count:
            return
        current = self.results.currentIndex().row()
        step = {Qt.Key.Key_Down: 1, Qt.Key.Key_Up: -1, Qt.Key.Key_PageDown: 10, Qt.Key.Key_PageUp: -10}[
            Qt.Key(event.key())]
        row = 0 if current < 0 else max(0, min(count - 1, current + step))
        index = self.model.index(row, 0)
        flags = QItemSelectionModel.SelectionFlag.Rows
        if event.modifiers() & Qt.KeyboardModifier.ShiftModifier:
            flags |= QItemSelectionModel.SelectionFlag.Select
        else:
            flags |= QItemSelectionModel.SelectionFlag.ClearAndSelect
        self.results.selectionModel().setCurrentIndex(index, flags)
        self.results.scrollTo(index)

    # Results.

    def update_results(self) -> None:
        """Searches as the user types: groups whose text holds every word, then officials, best first."""
        text = self.search_edit.text()
        words = fold(text).split()
        groups: list[OfficialRow | GroupRow] = [
            group for group in self.groups if all(word in fold(group.text) for word in words)]
        try:
            officials = self.workspace.directory.search_officials(text, RESULT_LIMIT)
        except UserError as error:
            self.status_label.setText(str(error))
            officials = []
        self.model.set_rows([*groups, *officials])
        if self.model.rowCount():
            # the best match not chosen yet, so Enter adds someone new
            first = next((number for number, row in enumerate(self.model.rows) if not self.model.is_chosen(row)), 0)
            self.results.selectionModel().setCurrentIndex(
                self.model.index(first, 0),
                QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows)
        if not words:
            self.found_label.setText("Старші за рангом; почніть вводити, щоб знайти")
        elif officials or groups:
            self.found_label.setText(f"Знайдено: {len(officials) + len(groups)}"
                                     + (" (перші)" if len(officials) >= RESULT_LIMIT else ""))
        else:
            self.found_label.setText("Нікого не знайдено — Ctrl+N, щоб увести вручну")
        self._update_enabled()

    def selected_results(self) -> list[OfficialRow | GroupRow]:
        """The highlighted results in the order they are listed."""
        rows = sorted(index.row() for index in self.results.selectionModel().selectedRows())
        if not rows and self.results.currentIndex().isValid():
            rows = [self.results.currentIndex().row()]
        return [row for row in (self.model.row_at(number) for number in rows) if row is not None]

    def add_selected(self) -> None:
        """Adds the highlighted officials and groups to the chosen list (each once)."""
        picked = self.selected_results()
        if not picked:
            return
        chosen_ids = {p.official_id for p in self.participants() if p.official_id is not None}
        chosen_texts = {p.text for p in self.participants() if p.plural}
        added, repeated = [], []
        try:
            official_ids = [row.id for row in picked if isinstance(row, OfficialRow) and row.id not in chosen_ids]
            people = iter(self.workspace.directory.participants(official_ids))
            for row in picked:
                if isinstance(row, OfficialRow):
                    if row.id in chosen_ids:
                        repeated.append(row.display_name)
                        continue
                    participant = next(people)
                elif row.text in chosen_texts:
                    repeated.append(row.text)
                    continue
                else:
                    participant = self.workspace.directory.group_participant(row.id)
                self.chosen.append(participant)
                added.append(participant.display_name)
        except UserError as error:
            QMessageBox.warning(self, "Учасники", str(error))
            self.workspace.directory.refresh_directory()
            self.update_results()
        message = f"Додано: {', '.join(added)}." if added else ""
        if repeated:
            message += f" Уже серед обраних: {', '.join(repeated)}."
        self.status_label.setText(message.strip())
        self._changed()
        self.search_edit.selectAll()  # the next name typed replaces the last one

    def add_ad_hoc(self) -> None:
        """Asks for a participant who is not in the directory (optionally saving them there)."""
        from ui.drafting.ad_hoc_participant_dialog import AdHocParticipantDialog

        dialog = AdHocParticipantDialog(self.workspace, self)
        if dialog.exec() and dialog.participant is not None:
            self.chosen.append(dialog.participant)
            self.status_label.setText(f"Додано: {dialog.participant.display_name}.")
            self.workspace.directory.refresh_directory()
            self.groups = self.workspace.directory.groups()
            self.update_results()
            self._changed()
        self._focus_search()

    # The chosen list.

    def participants(self) -> list[Participant]:
        """The chosen participants in the order shown."""
        return self.chosen.participants()

    def clause(self, case: str = "nominative") -> str:
        """The chosen participants as a clause in a case, as the release will say it."""
        return participants_clause(self.participants(), case)

    def move_current(self, step: int) -> None:
        """Moves the current chosen participant up (-1) or down (+1)."""
        self.chosen.move_current(step)

    def remove_selected(self) -> None:
        """Removes the selected participants from the chosen list."""
        self.chosen.remove_selected()

    def order_by_rank(self) -> None:
        """Senior officials first (smaller rank number); the rest keep their order."""
        self.chosen.order_by_rank()
        self.status_label.setText("Упорядковано за рангом.")

    def _changed(self) -> None:
        chosen = self.participants()
        self.model.set_chosen({p.official_id for p in chosen if p.official_id is not None},
                              {p.text for p in chosen if p.plural})
        example = clause_example(chosen)
        self.preview.setText(f"…{example}." if example else "Оберіть учасників ліворуч.")
        self._update_enabled()

    def _update_enabled(self) -> None:
        has_chosen = self.chosen.count() > 0
        self.insert_button.setEnabled(has_chosen)
        self.rank_button.setEnabled(self.chosen.count() > 1)
        self.remove_button.setEnabled(has_chosen)
        self.up_button.setEnabled(self.chosen.currentRow() > 0)
        self.down_button.setEnabled(0 <= self.chosen.currentRow() < self.chosen.count() - 1)
        self.add_button.setEnabled(self.model.rowCount() > 0)

    def accept(self) -> None:
        """Inserts: only with at least one participant chosen."""
        if self.chosen.count():
            super().accept()
