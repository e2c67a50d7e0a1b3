"""The release list: a Qt table model over the core's release rows."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor, QIcon, QPainter, QPixmap

from desktop.labels import STATUS_LABELS
from ui.common.moments import format_date, format_moment
from ui.common.tables import Index, RowsTableModel

COLUMNS = ("Заголовок", "Стан", "Причина повернення", "Автор", "Змінено", "Дата події")
STATUS_COLUMN = 1
RETURN_COLUMN = 2
REASON_LIMIT = 60
# Who has to act next in each state (the state column's tooltip); a draft or a return is with its author.
HOLDER = {"in_review": "у керівника", "approved": "у відповідального за оприлюднення", "archived": "в архіві"}
STATUS_COLOURS = {
    "draft": "#5f6368",
    "in_review": "#b06000",
    "returned": "#b00020",
    "approved": "#1e7e34",
    "archived": "#80868b",
}



def status_icon(status: str) -> QIcon:
    """A dot in the state's colour, so that the state reads at a glance."""
    cached = _ICONS.get(status)
    if cached is None:
        pixmap = QPixmap(12, 12)
        pixmap.fill(Qt.GlobalColor.transparent)
        painter = QPainter(pixmap)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setBrush(QColor(STATUS_COLOURS.get(status, "#000000")))
        painter.setPen(Qt.PenStyle.NoPen)
        painter.drawEllipse(1, 1, 10, 10)
        painter.end()
        cached = _ICONS[status] = QIcon(pixmap)
    return cached


_ICONS: dict[str, QIcon] = {}


def return_tooltip(note: Any) -> str:
    """«Повернув(ла) Петро Коваль 20.04.2023 14:05:» and the whole comment."""
    return f"Повернув(ла) {note.returned_by} {format_moment(note.returned_at)}:\n{note.comment}"


def shorten(text: str, limit: int = REASON_LIMIT) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


class ReleaseListModel(RowsTableModel):
    """Rows of (id, title, status, author_name, updated_at, event_date), and why returned ones came back."""

    columns = COLUMNS

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.return_notes: dict[int, Any] = {}

    def set_return_notes(self, notes: dict[int, Any]) -> None:
        self.return_notes = dict(notes)
        if self.rows:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self.rows) - 1, len(COLUMNS) - 1))

    def holder(self, row: Any) -> str:
        """Who has the release now: its author while it is written, then the supervisor, then publishing."""
        return "Зараз " + HOLDER.get(row.status, f"в автора: {row.author_name}")

    def release_id(self, row: int) -> int | None:
        found = self.row_at(row)
        return found.id if found is not None else None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row = self.rows[index.row()]
        column = index.column()
        note = self.return_notes.get(row.id)
        if role == Qt.ItemDataRole.DisplayRole:
            return (
                row.title or "(без заголовка)",
                STATUS_LABELS.get(row.status, row.status),
                shorten(note.comment) if note else "",
                row.author_name,
                format_moment(row.updated_at),
                format_date(row.event_date),
            )[column]
        if role == Qt.ItemDataRole.ForegroundRole and column in (STATUS_COLUMN, RETURN_COLUMN):
            return QBrush(QColor(STATUS_COLOURS.get(row.status, "#000000")))
        if role == Qt.ItemDataRole.DecorationRole and column == STATUS_COLUMN:
            return status_icon(row.status)
        if role == Qt.ItemDataRole.ToolTipRole:
            if note is not None:
                return f"{row.title}\n\n{return_tooltip(note)}" if column == 0 else return_tooltip(note)
            if column == STATUS_COLUMN:
                return self.holder(row)
            return row.title if column == 0 else None
        if role == Qt.ItemDataRole.UserRole:
            return row.id
        return None
