"""Table models of the officials directory: officials (the manager's table) and groups."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor, QFont

from desktop.facade.directory import GroupRow, OfficialRow
from ui.common.tables import Index, RowsTableModel

OFFICIAL_COLUMNS = ("ПІБ", "Посада", "Організація", "Ранг", "Активний")
GROUP_COLUMNS = ("Група", "Ранг", "Активна")
INACTIVE_COLOUR = "#80868b"
CASE_LABELS = {
    "nominative": "Називний", "genitive": "Родовий", "dative": "Давальний",
    "accusative": "Знахідний", "instrumental": "Орудний", "locative": "Місцевий",
}
GENDER_LABELS = {"masculine": "чоловіча", "feminine": "жіноча"}


class _RowsModel(RowsTableModel):
    """A read-only table over a list of frozen rows, inactive ones greyed."""

    def cells(self, row: Any) -> tuple[str, ...]:
        raise NotImplementedError

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row = self.rows[index.row()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return self.cells(row)[index.column()]
        if role == Qt.ItemDataRole.ForegroundRole and not row.active:
            return QBrush(QColor(INACTIVE_COLOUR))
        if role == Qt.ItemDataRole.FontRole and not row.active:
            font = QFont()
            font.setItalic(True)
            return font
        if role == Qt.ItemDataRole.TextAlignmentRole and self.columns[index.column()] == "Ранг":
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None


class OfficialsModel(_RowsModel):
    """The directory table: ПІБ, Посада, Організація, Ранг, Активний."""

    columns = OFFICIAL_COLUMNS

    def cells(self, row: OfficialRow) -> tuple[str, ...]:
        return (row.full_name, row.position, row.organization, str(row.precedence),
                "так" if row.active else "ні")

    def official(self, row: int) -> OfficialRow | None:
        return self.row_at(row)


class GroupsModel(_RowsModel):
    """Collective participants: Група, Ранг, Активна."""

    columns = GROUP_COLUMNS

    def cells(self, row: GroupRow) -> tuple[str, ...]:
        return (row.text, str(row.precedence), "так" if row.active else "ні")

    def group(self, row: int) -> GroupRow | None:
        return self.row_at(row)


class PickerResultsModel(RowsTableModel):
    """The picker's search results: matching groups first (they are few), then officials, best first."""

    columns = ("Учасник", "Посада, організація")

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.chosen_ids: set[int] = set()
        self.chosen_texts: set[str] = set()

    def set_chosen(self, official_ids: set[int], group_texts: set[str]) -> None:
        """Marks the results already among the chosen participants."""
        self.chosen_ids, self.chosen_texts = official_ids, group_texts
        if self.rows:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self.rows) - 1, len(self.columns) - 1))

    def is_chosen(self, row: OfficialRow | GroupRow) -> bool:
        return row.text in self.chosen_texts if isinstance(row, GroupRow) else row.id in self.chosen_ids

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row = self.rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            mark = "✓ " if self.is_chosen(row) else ""
            if isinstance(row, GroupRow):
                return (mark + row.text, "група — узгоджується в множині")[index.column()]
            detail = row.short_position or row.position
            if row.organization and row.organization.lower() not in detail.lower():
                detail = f"{detail}, {row.organization}"
            return (mark + row.full_name, detail)[index.column()]
        if role == Qt.ItemDataRole.ToolTipRole:
            if isinstance(row, GroupRow):
                return row.text
            return "\n".join(part for part in (row.full_name, row.position, row.organization) if part)
        if role == Qt.ItemDataRole.FontRole and isinstance(row, GroupRow):
            font = QFont()
            font.setItalic(True)
            return font
        if role == Qt.ItemDataRole.ForegroundRole and (
                self.is_chosen(row) or (isinstance(row, GroupRow) and index.column() == 1)):
            return QBrush(QColor(INACTIVE_COLOUR))
        return None
