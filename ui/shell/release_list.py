"""The release list: a Qt table model over the core's release rows."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor

from desktop.labels import STATUS_LABELS
from ui.common.moments import format_date, format_moment
from ui.common.tables import Index, RowsTableModel

COLUMNS = ("Заголовок", "Стан", "Автор", "Змінено", "Дата події")
STATUS_COLOURS = {
    "draft": "#5f6368",
    "in_review": "#b06000",
    "returned": "#b00020",
    "approved": "#1e7e34",
    "archived": "#80868b",
}


class ReleaseListModel(RowsTableModel):
    """Rows of (id, title, status, author_name, updated_at, event_date)."""

    columns = COLUMNS

    def release_id(self, row: int) -> int | None:
        found = self.row_at(row)
        return found.id if found is not None else None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row = self.rows[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return (
                row.title or "(без заголовка)",
                STATUS_LABELS.get(row.status, row.status),
                row.author_name,
                format_moment(row.updated_at),
                format_date(row.event_date),
            )[column]
        if role == Qt.ItemDataRole.ForegroundRole and column == 1:
            return QBrush(QColor(STATUS_COLOURS.get(row.status, "#000000")))
        if role == Qt.ItemDataRole.ToolTipRole and column == 0:
            return row.title
        if role == Qt.ItemDataRole.UserRole:
            return row.id
        return None
