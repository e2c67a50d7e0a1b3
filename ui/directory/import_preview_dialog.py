"""The preview of an officials import: what would be added and updated, every refused row and why."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop.directory.exchange import ImportReport


def report_summary(report: ImportReport, done: bool) -> str:
    """«Буде додано 3, оновлено 1, відхилено 2 рядки» — or, after the import, what was done."""
    verbs = ("Додано", "оновлено", "відхилено") if done else ("Буде додано", "оновлено", "відхилено")
    return (f"{verbs[0]}: {report.imported}, {verbs[1]}: {report.updated}, "
            f"{verbs[2]}: {len(report.refused)}.")


class ImportPreviewDialog(QDialog):
    """Shows a dry run's report; «Імпортувати» commits it, «Скасувати» changes nothing."""

    def __init__(self, path: Path, report: ImportReport, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(f"Імпорт посадовців: {path.name}")
        self.resize(720, 460)
        summary = QLabel(f"<b>{report_summary(report, done=False)}</b>")
        summary.setObjectName("summary")
        hint = QLabel(
            "Відхилені рядки не імпортуються; решту файлу буде імпортовано. Виправте їх у файлі та "
            "імпортуйте ще раз — уже наявних посадовців буде оновлено, а не продубльовано."
            if report.refused else "Усі рядки файлу придатні до імпорту."
        )
        hint.setWordWrap(True)
        self.refused_table = QTableWidget(len(report.refused), 2)
        self.refused_table.setObjectName("refused_rows")
        self.refused_table.setHorizontalHeaderLabels(["Рядок", "Чому відхилено"])
        self.refused_table.verticalHeader().hide()
        self.refused_table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.refused_table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.refused_table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        self.refused_table.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        for number, (row, reason) in enumerate(report.refused):
            self.refused_table.setItem(number, 0, QTableWidgetItem(str(row)))
            self.refused_table.setItem(number, 1, QTableWidgetItem(reason))
            self.refused_table.item(number, 1).setToolTip(reason)
        self.refused_table.setVisible(bool(report.refused))
        buttons = QDialogButtonBox()
        self.import_button = buttons.addButton("&Імпортувати", QDialogButtonBox.ButtonRole.AcceptRole)
        self.import_button.setEnabled(bool(report.imported or report.updated))
        buttons.addButton("Скасувати", QDialogButtonBox.ButtonRole.RejectRole)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(summary)
        layout.addWidget(hint)
        layout.addWidget(self.refused_table, 1)
        if not report.refused:
            layout.addStretch(1)
        layout.addWidget(buttons)
        self.import_button.setFocus()
