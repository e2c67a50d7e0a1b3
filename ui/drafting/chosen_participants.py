"""The picker's chosen list: participants in the order a release names them, reordered by key or drag."""

from __future__ import annotations

from PySide6.QtCore import QItemSelectionModel, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QAbstractItemView, QListWidget, QListWidgetItem, QWidget

from desktop.participants import Participant, order_by_precedence

KEY = Qt.ItemDataRole.UserRole
ENTER_KEYS = (Qt.Key.Key_Return, Qt.Key.Key_Enter)
REORDER_MODIFIERS = Qt.KeyboardModifier.AltModifier | Qt.KeyboardModifier.ControlModifier


def participant_label(participant: Participant) -> str:
    """«Юрій Тарасюк — начальник Коростенської РВА», or a group's text."""
    if participant.plural or not participant.surname:
        return participant.text or participant.display_name
    position = participant.short_position or participant.position
    return f"{participant.display_name} — {position}" if position else participant.display_name


class ChosenParticipantsList(QListWidget):
    """Numbered participants; Delete removes, Alt+Up/Alt+Down (or Ctrl+) move, drag and drop reorders."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        # item key → participant: an integer key survives a drag and drop, whatever Qt copies
        self._participants: dict[int, Participant] = {}
        self._next_key = 0
        self.setObjectName("chosen")
        self.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.setDragDropMode(QAbstractItemView.DragDropMode.InternalMove)
        self.setDefaultDropAction(Qt.DropAction.MoveAction)
        self.setAlternatingRowColors(True)
        self.setWordWrap(True)
        self.setResizeMode(QListWidget.ResizeMode.Adjust)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setStyleSheet("QListWidget::item { padding: 4px 2px; }")
        # A drop moves rows inside the model: renumber once the move is complete. The list's own changes
        # renumber at once, which cancels this pending one (one «changed» per change).
        self._renumber_timer = QTimer(self)
        self._renumber_timer.setSingleShot(True)
        self._renumber_timer.setInterval(0)
        self._renumber_timer.timeout.connect(self._renumber)
        for signal in (self.model().rowsMoved, self.model().rowsInserted):
            signal.connect(lambda *_: self._renumber_timer.start())

    def participants(self) -> list[Participant]:
        """The participants in the order shown."""
        return [self._participants[self.item(row).data(KEY)] for row in range(self.count())]

    def append(self, participant: Participant) -> None:
        """Adds a participant at the end and makes it current."""
        key = self._next_key
        self._next_key += 1
        self._participants[key] = participant
        self._add_item(key)
        self.setCurrentRow(self.count() - 1, QItemSelectionModel.SelectionFlag.ClearAndSelect)
        self._renumber()

    def _add_item(self, key: int) -> None:
        participant = self._participants[key]
        item = QListWidgetItem(participant_label(participant))
        item.setData(KEY, key)
        item.setToolTip(participant.form("nominative"))
        self.addItem(item)

    def move_current(self, step: int) -> None:
        """Moves the current participant up (-1) or down (+1); it stays current, to move on."""
        row = self.currentRow()
        target = row + step
        if row < 0 or not 0 <= target < self.count():
            return
        item = self.takeItem(row)
        self.insertItem(target, item)
        self.setCurrentItem(item, QItemSelectionModel.SelectionFlag.ClearAndSelect)
        self._renumber()

    def remove_selected(self) -> None:
        """Removes the selected participants (or the current one)."""
        rows = sorted((self.row(item) for item in self.selectedItems()), reverse=True)
        if not rows and self.currentRow() >= 0:
            rows = [self.currentRow()]
        for row in rows:
            item = self.takeItem(row)
            self._participants.pop(item.data(KEY), None)
        if self.count() and rows:
            self.setCurrentRow(min(rows[-1], self.count() - 1), QItemSelectionModel.SelectionFlag.ClearAndSelect)
        self._renumber()

    def order_by_rank(self) -> None:
        """Senior officials first (a smaller rank number); those without a rank keep their order last."""
        keys = [self.item(row).data(KEY) for row in range(self.count())]
        key_of = {id(self._participants[key]): key for key in keys}
        ordered = order_by_precedence(self._participants[key] for key in keys)
        self.clear()
        for participant in ordered:
            self._add_item(key_of[id(participant)])
        self._renumber()

    def _renumber(self) -> None:
        self._renumber_timer.stop()
        for row, participant in enumerate(self.participants()):
            self.item(row).setText(f"{row + 1}. {participant_label(participant)}")
        self.changed.emit()

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802
        key, modifiers = event.key(), event.modifiers()
        if key in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace):
            self.remove_selected()
        elif key in (Qt.Key.Key_Up, Qt.Key.Key_Down) and modifiers & REORDER_MODIFIERS:
            self.move_current(-1 if key == Qt.Key.Key_Up else 1)
        elif key in ENTER_KEYS and not modifiers & Qt.KeyboardModifier.ControlModifier:
            event.accept()  # Enter here must not insert by accident; Ctrl+Enter does
        else:
            super().keyPressEvent(event)
