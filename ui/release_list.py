"""The release list: a Qt table model over the core's release rows."""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor

from desktop.labels import STATUS_LABELS

COLUMNS = ("Заголовок", "Стан", "Автор", "Змінено", "Дата події")
STATUS_COLOURS = {
    "draft": "#5f6368",
    "in_review": "#b06000",
    "returned": "#b00020",
    "approved": "#1e7e34",
    "archived": "#80868b",
}

Index = QModelIndex | QPersistentModelIndex


def format_moment(moment: datetime | None) -> str:
    """Local time, as a Ukrainian office writes it: 20.04.2023 14:05."""
    if moment is None:
        return ""
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone().strftime("%d.%m.%Y %H:%M")


def format_date(day: date | None) -> str:
    return day.strftime("%d.%m.%Y") if day else ""


class ReleaseListModel(QAbstractTableModel):
    """Rows of (id, title, status, author_name, updated_at, event_date)."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.rows: list[Any] = []

    def set_rows(self, rows: list[Any]) -> None:
        self.beginResetModel()
        self.rows = list(rows)
        self.endResetModel()

    def release_id(self, row: int) -> int | None:
        return self.rows[row].id if 0 <= row < len(self.rows) else None

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:  # noqa: N802
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return COLUMNS[section]
        return None

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
