"""The administrator's view of the audit log, with a check of its hash chain."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop.errors import UserError
from desktop.labels import STATUS_LABELS
from ui.common.moments import format_moment
from ui.common.tables import Index, RowsTableModel, row_table

if TYPE_CHECKING:
    from desktop.facade.review import AuditRow
    from desktop.workspace import Workspace
    from ui.shell.main_window import MainWindow

COLUMNS = ("Час", "Користувач", "Дія", "Реліз", "Редакція", "Відбиток", "Подробиці")
HASH_PREFIX = 12
ROW_LIMIT = 2000
ACTION_LABELS = {
    "release_created": "Створено реліз",
    "revision_saved": "Збережено редакцію",
    "save_conflict": "Конфлікт збереження",
    "submit": "Подано на погодження",
    "approve": "Погоджено",
    "return": "Повернуто на доопрацювання",
    "rework": "Знову чернетка",
    "approval_voided": "Погодження скасовано правкою",
    "archive": "Архівовано",
    "restore": "Відновлено з архіву",
    "backup_restore": "Відновлено з резервної копії",
    "comment_added": "Коментар",
    "comment_resolved": "Коментар вирішено",
    "comment_reopened": "Коментар відкрито знову",
    "export": "Експорт",
    "exported": "Експорт",
    "login": "Вхід",
    "login_failed": "Невдалий вхід",
    "user_created": "Створено користувача",
    "user_roles_changed": "Змінено ролі",
    "password_changed": "Змінено пароль",
    "setting_changed": "Змінено налаштування",
    "official_added": "Додано посадовця",
    "official_updated": "Змінено посадовця",
    "official_activated": "Посадовця відновлено",
    "official_deactivated": "Посадовця вимкнено",
    "official_form_corrected": "Виправлено відмінок",
    "group_added": "Додано групу",
    "group_updated": "Змінено групу",
    "group_form_corrected": "Виправлено відмінок групи",
    "officials_imported": "Імпорт довідника",
    "officials_exported": "Експорт довідника",
}

_MOVE = re.compile(r"\b(" + "|".join(STATUS_LABELS) + r") → (" + "|".join(STATUS_LABELS) + r")\b")


def action_label(action: str) -> str:
    """The Ukrainian name of an audit action; an unknown one is shown as stored."""
    return ACTION_LABELS.get(action, action)


def readable_detail(detail: str) -> str:
    """The core writes moves as «draft → in_review»; the table shows the states' Ukrainian names."""
    return _MOVE.sub(lambda match: f"{STATUS_LABELS[match[1]]} → {STATUS_LABELS[match[2]]}", detail)


class AuditTableModel(RowsTableModel):
    """Audit rows, newest first, each numbered by its id; the row a chain check found broken is painted red."""

    columns = COLUMNS

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.broken_id: int | None = None

    def set_broken(self, broken_id: int | None) -> None:
        self.broken_id = broken_id
        if self.rows:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self.rows) - 1, len(COLUMNS) - 1))

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:  # noqa: N802
        if orientation == Qt.Orientation.Vertical and role == Qt.ItemDataRole.DisplayRole:
            return str(self.rows[section].id)
        return super().headerData(section, orientation, role)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row = self.rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(row, index.column())
        if role == Qt.ItemDataRole.ToolTipRole:
            if index.column() == 5:
                return f"Відбиток тексту: {row.content_hash or '—'}\nПечатка запису: {row.row_hash}"
            if index.column() == 6:
                return row.detail
        if role == Qt.ItemDataRole.BackgroundRole and row.id == self.broken_id:
            return QBrush(QColor("#fce8e6"))
        if role == Qt.ItemDataRole.ForegroundRole and row.id == self.broken_id:
            return QBrush(QColor("#a50e0e"))
        return None

    @staticmethod
    def _text(row: AuditRow, column: int) -> str:
        values = (
            format_moment(row.created_at),
            row.user_login or "—",
            action_label(row.action),
            f"№{row.release_id}" if row.release_id else "",
            f"№{row.revision_number}" if row.revision_number else "",
            row.content_hash[:HASH_PREFIX],
            readable_detail(row.detail),
        )
        return values[column]


class AuditWindow(QDialog):
    """The audit log table with a «Перевірити ланцюжок» button naming the first broken row."""

    def __init__(self, workspace: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.workspace = workspace
        self.setWindowTitle("Журнал аудиту")
        self.resize(1100, 620)
        self.setMinimumSize(760, 460)  # below this the columns and buttons overlap
        self.model = AuditTableModel(self)
        self.table = row_table(self.model, "audit_rows", several=True)
        self.table.verticalHeader().show()  # the row numbers are the entries' ids, which a broken chain names
        header = self.table.horizontalHeader()
        for column in range(len(COLUMNS) - 1):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(len(COLUMNS) - 1, QHeaderView.ResizeMode.Stretch)
        self.count_label = QLabel()
        self.result_label = QLabel("Ланцюжок ще не перевірено.")
        self.result_label.setObjectName("chain_result")
        self.result_label.setWordWrap(True)
        self.verify_button = QPushButton("Перевірити &ланцюжок")
        self.verify_button.setObjectName("verify_chain")
        self.verify_button.clicked.connect(self.verify)
        self.reload_button = QPushButton("&Оновити")
        self.reload_button.clicked.connect(self.reload)
        close_button = QPushButton("Закрити")
        close_button.clicked.connect(self.reject)
        buttons = QHBoxLayout()
        buttons.addWidget(self.verify_button)
        buttons.addWidget(self.result_label, 1)
        buttons.addWidget(self.reload_button)
        buttons.addWidget(close_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.count_label)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)
        QShortcut(QKeySequence.StandardKey.Refresh, self, activated=self.reload)
        self.reload()

    def reload(self) -> None:
        """Reads the newest rows again."""
        try:
            rows = self.workspace.review.audit_rows(ROW_LIMIT)
        except UserError as error:
            self.count_label.setText(str(error))
            return
        self.model.set_rows(rows)
        shown = f"Показано останні {len(rows)} записів." if len(rows) == ROW_LIMIT else f"Записів: {len(rows)}."
        self.count_label.setText(shown + " Найновіші — вгорі.")

    def verify(self) -> None:
        """Walks the whole chain and names the first broken row, selecting it in the table."""
        try:
            report = self.workspace.review.verify_audit()
        except UserError as error:
            self._show_result(str(error), ok=False)
            return
        if report.ok:
            self.model.set_broken(None)
            self._show_result(f"Ланцюжок цілий: перевірено записів — {report.rows}.", ok=True)
            return
        self.model.set_broken(report.broken_id)
        self._show_result(
            f"Ланцюжок порушено: {report.reason}. Перший пошкоджений — запис №{report.broken_id}; "
            "він і новіші записи не можуть вважатися достовірними.",
            ok=False,
        )
        row = self.model.row_of(report.broken_id) if report.broken_id is not None else -1
        if row >= 0:
            self.table.selectRow(row)
            self.table.scrollTo(self.model.index(row, 0))

    def _show_result(self, text: str, ok: bool) -> None:
        colour = "#0d652d" if ok else "#a50e0e"
        self.result_label.setStyleSheet(f"color: {colour}; font-weight: bold")
        self.result_label.setText(text)


def show_audit_window(window: MainWindow) -> AuditWindow:
    """Opens the audit log beside the main window (one at a time)."""
    existing = getattr(window, "_audit_window", None)
    if isinstance(existing, AuditWindow) and existing.isVisible():
        existing.reload()
        existing.raise_()
        existing.activateWindow()
        return existing
    audit_window = AuditWindow(window.workspace, window)
    window._audit_window = audit_window  # type: ignore[attr-defined]
    audit_window.show()
    return audit_window
