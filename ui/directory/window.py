"""The directory manager: officials (a filterable table, their cards, import, export) and groups."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

import shiboken6
from PySide6.QtCore import QByteArray, QSettings, Qt, QTimer
from PySide6.QtGui import QCloseEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QCheckBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLineEdit,
    QMainWindow,
    QMessageBox,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from desktop.errors import UserError
from desktop.facade.directory import OfficialRow
from desktop.workspace import Workspace
from ui.common.tables import row_table
from ui.common.tasks import TaskRunner, failure_text
from ui.directory.groups_panel import GroupsPanel
from ui.directory.import_preview_dialog import ImportPreviewDialog, report_summary
from ui.directory.official_dialog import OfficialDialog
from ui.directory.officials_model import OfficialsModel

if TYPE_CHECKING:
    from ui.shell.main_window import MainWindow

FILTER_DELAY_MS = 150
FILTER_LIMIT = 500
IMPORT_FILTER = "Таблиці посадовців (*.csv *.xlsx *.txt);;CSV (*.csv *.txt);;Excel (*.xlsx)"
EXPORT_FILTERS = {"CSV (*.csv)": ".csv", "Excel (*.xlsx)": ".xlsx"}
TITLE = "Довідник посадовців"


class DirectoryWindow(QMainWindow):
    """Officials and groups; buttons follow the roles, and the core refuses whatever they miss."""

    def __init__(self, workspace: Workspace, tasks: TaskRunner | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setMinimumSize(820, 520)  # below this the table, the groups and the buttons overlap
        self.setWindowFlag(Qt.WindowType.Window)
        self.workspace = workspace
        self.tasks = tasks or TaskRunner(self)
        self.is_admin = workspace.has_role("admin")
        self.can_add = any(workspace.has_role(role) for role in ("author", "supervisor", "admin"))
        self.setWindowTitle(f"{TITLE} — Вісник")
        self.model = OfficialsModel(self)
        self.tabs = QTabWidget()
        self.tabs.addTab(self._build_officials_tab(), "&Посадовці")
        self.groups_panel = GroupsPanel(workspace)
        self.tabs.addTab(self.groups_panel, "&Групи")
        self.tabs.currentChanged.connect(self._tab_changed)
        self.setCentralWidget(self.tabs)
        self._restore_geometry()
        self.refresh()
        self.filter_edit.setFocus()

    def _build_officials_tab(self) -> QWidget:
        self.filter_edit = QLineEdit()
        self.filter_edit.setObjectName("filter")
        self.filter_edit.setPlaceholderText("Фільтр: прізвище, ім'я, посада або організація…")
        self.filter_edit.setClearButtonEnabled(True)
        self.filter_timer = QTimer(self)
        self.filter_timer.setSingleShot(True)
        self.filter_timer.setInterval(FILTER_DELAY_MS)
        self.filter_timer.timeout.connect(self.refresh)
        self.filter_edit.textChanged.connect(lambda *_: self.filter_timer.start())
        self.inactive_check = QCheckBox("Показувати &неактивних")
        self.inactive_check.setObjectName("show_inactive")
        self.inactive_check.setChecked(True)
        self.inactive_check.toggled.connect(lambda *_: self.refresh())

        self.table = row_table(self.model, "officials")
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Interactive)
        for column in (3, 4):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        header.resizeSection(0, 260)
        header.resizeSection(2, 240)
        self.table.doubleClicked.connect(lambda *_: self.edit_official())
        self.table.selectionModel().selectionChanged.connect(lambda *_: self.update_enabled())

        self.add_button = self._button("&Додати…", self.add_official, "add")
        self.edit_button = self._button("&Змінити…", self.edit_official, "edit")
        self.toggle_button = self._button("Д&еактивувати", self.toggle_active, "toggle_active")
        self.import_button = self._button("&Імпорт…", self.import_officials, "import")
        self.export_button = self._button("Е&кспорт…", self.export_officials, "export")
        buttons = QHBoxLayout()
        for button in (self.add_button, self.edit_button, self.toggle_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        buttons.addWidget(self.import_button)
        buttons.addWidget(self.export_button)

        filters = QHBoxLayout()
        filters.addWidget(self.filter_edit, 1)
        filters.addWidget(self.inactive_check)
        tab = QWidget()
        layout = QVBoxLayout(tab)
        layout.addLayout(filters)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)

        QShortcut(QKeySequence.StandardKey.Find, self, activated=self._focus_filter)
        QShortcut(QKeySequence.StandardKey.New, self, activated=self.add_official)
        for key, widget, slot in (
            (Qt.Key.Key_Return, self.table, self.edit_official),
            (Qt.Key.Key_Enter, self.table, self.edit_official),
            (Qt.Key.Key_F2, self.table, self.edit_official),
            (Qt.Key.Key_Delete, self.table, self.toggle_active),
            (Qt.Key.Key_Down, self.filter_edit, self.table.setFocus),
        ):
            # only while that widget has the focus: Down in the table must still move the selection
            QShortcut(QKeySequence(key), widget, activated=slot, context=Qt.ShortcutContext.WidgetShortcut)
        QShortcut(QKeySequence.StandardKey.Close, self, activated=self.close)
        return tab

    def _button(self, text: str, slot: Any, name: str) -> QPushButton:
        button = QPushButton(text)
        button.setObjectName(name)
        button.clicked.connect(slot)
        return button

    def _focus_filter(self) -> None:
        self.tabs.setCurrentIndex(0)
        self.filter_edit.setFocus()
        self.filter_edit.selectAll()

    def _tab_changed(self, index: int) -> None:
        if self.tabs.widget(index) is self.groups_panel:
            self.statusBar().showMessage(f"Груп: {self.groups_panel.model.rowCount()}")
        else:
            self.refresh()

    # Data.

    def refresh(self, select_id: int | None = None) -> None:
        """Reloads the table for the filter, keeping (or moving to) a selection."""
        self.filter_timer.stop()
        current = self.selected_official()
        text = self.filter_edit.text().strip()
        include_inactive = self.inactive_check.isChecked()
        try:
            if text:
                rows = self.workspace.directory.search_officials(text, FILTER_LIMIT, include_inactive)
            else:
                rows = self.workspace.directory.list_officials(include_inactive)
        except UserError as error:
            self.statusBar().showMessage(str(error), 10000)
            return
        self.model.set_rows(rows)
        wanted = select_id if select_id is not None else (current.id if current else None)
        row = self.model.row_of(wanted) if wanted is not None else -1
        if row >= 0:
            self.table.selectRow(row)
        elif rows:
            self.table.selectRow(0)
        shown = f"Знайдено: {len(rows)}" if text else f"Посадовців: {len(rows)}"
        if text and len(rows) >= FILTER_LIMIT:
            shown += f" (показано перші {FILTER_LIMIT}; уточніть фільтр)"
        self.statusBar().showMessage(shown)
        self.update_enabled()

    def selected_official(self) -> OfficialRow | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.official(rows[0].row()) if rows else None

    def update_enabled(self) -> None:
        """Buttons follow the roles; the core refuses anyway whatever a button says."""
        official = self.selected_official()
        self.add_button.setEnabled(self.can_add)
        self.edit_button.setEnabled(official is not None)
        self.edit_button.setText("&Змінити…" if self.is_admin else "&Переглянути…")
        self.toggle_button.setEnabled(self.is_admin and official is not None)
        self.toggle_button.setText("&Відновити" if official is not None and not official.active else "Д&еактивувати")
        self.import_button.setEnabled(self.is_admin)

    # Officials.

    def add_official(self) -> None:
        if not self.can_add:
            return
        dialog = OfficialDialog(self.workspace, None, self)
        if dialog.exec() and dialog.saved is not None:
            self.refresh(dialog.saved.id)
            self.statusBar().showMessage(f"Додано: {dialog.saved.display_name}.", 5000)

    def edit_official(self) -> None:
        official = self.selected_official()
        if official is None:
            return
        try:
            dialog = OfficialDialog(self.workspace, official.id, self)
        except UserError as error:
            QMessageBox.warning(self, TITLE, str(error))
            self.refresh()
            return
        if dialog.exec() and dialog.saved is not None:
            self.refresh(dialog.saved.id)
            self.statusBar().showMessage(f"Збережено: {dialog.saved.display_name}.", 5000)

    def toggle_active(self) -> None:
        """Deactivates the selected official (hidden from the picker) or restores an inactive one."""
        official = self.selected_official()
        if official is None or not self.is_admin:
            return
        if official.active:
            answer = QMessageBox.question(
                self, TITLE, f"Деактивувати {official.display_name}? Посадовця не буде серед учасників "
                "у нових релізах; наявні релізи не зміняться.")
            if answer != QMessageBox.StandardButton.Yes:
                return
        try:
            self.workspace.directory.deactivate_official(official.id, active=not official.active)
        except UserError as error:
            QMessageBox.warning(self, TITLE, str(error))
            return
        self.refresh(official.id)

    # Import and export.

    def import_officials(self) -> None:
        """Asks for a file, shows what importing it would do, and imports only when confirmed."""
        name, _ = QFileDialog.getOpenFileName(self, "Імпорт посадовців", str(Path.home()), IMPORT_FILTER)
        if not name:
            return
        path = Path(name)
        self.statusBar().showMessage(f"Перевіряю {path.name}…")
        self.import_button.setEnabled(False)
        self.tasks.run(lambda: self.workspace.directory.import_preview(path),
                       lambda report: self._confirm_import(path, report), self._task_failed)

    def _confirm_import(self, path: Path, report: Any) -> None:
        self.update_enabled()
        self.statusBar().showMessage(report_summary(report, done=False))
        if not ImportPreviewDialog(path, report, self).exec():
            self.statusBar().showMessage("Імпорт скасовано: довідник не змінено.", 5000)
            return
        self.statusBar().showMessage(f"Імпортую {path.name}…")
        self.import_button.setEnabled(False)
        self.tasks.run(lambda: self.workspace.directory.import_file(path), self._imported, self._task_failed)

    def _imported(self, report: Any) -> None:
        self.refresh()
        self.groups_panel.refresh()
        summary = report_summary(report, done=True)
        self.statusBar().showMessage(summary, 15000)
        if not (report.imported or report.updated):
            return
        # The new names in every case, for drafting and for the spelling checker: about a millisecond
        # each, so a large file takes a while; the window stays usable meanwhile.
        self.statusBar().showMessage(f"{summary} Відмінюю імена й посади…")
        self.tasks.run_with_progress(
            self.workspace.directory.complete_directory_forms,
            lambda done, total: self._forms_progress(summary, done, total),
            lambda count: self._forms_done(summary, count),
            self._task_failed,
        )

    def _forms_progress(self, summary: str, done: int, total: int) -> None:
        if shiboken6.isValid(self):
            self.statusBar().showMessage(f"{summary} Відмінюю імена й посади: {done} з {total}…")

    def _forms_done(self, summary: str, count: int) -> None:
        if shiboken6.isValid(self):
            self.statusBar().showMessage(f"{summary} Відмінкові форми готові ({count}).", 15000)

    def export_officials(self) -> None:
        """Writes the directory to a CSV or XLSX file the user picks."""
        name, chosen = QFileDialog.getSaveFileName(
            self, "Експорт посадовців", str(Path.home() / "посадовці.xlsx"), ";;".join(EXPORT_FILTERS))
        if not name:
            return
        path = Path(name)
        if path.suffix.lower() not in (".csv", ".xlsx"):
            path = path.with_suffix(EXPORT_FILTERS.get(chosen, ".xlsx"))
        self.statusBar().showMessage(f"Записую {path.name}…")
        self.tasks.run(lambda: self.workspace.directory.export_file(path),
                       lambda count: self.statusBar().showMessage(f"Експортовано {count} посадовців у {path}.",
                                                                  10000),
                       self._task_failed)

    def _task_failed(self, error: Exception) -> None:
        self.update_enabled()
        self.statusBar().clearMessage()
        QMessageBox.warning(self, TITLE, failure_text(error, "Не вдалося"))

    # Window state.

    def _restore_geometry(self) -> None:
        geometry = QSettings().value("directory/geometry")
        if isinstance(geometry, QByteArray):
            self.restoreGeometry(geometry)
        else:
            self.resize(1000, 620)

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802
        QSettings().setValue("directory/geometry", self.saveGeometry())
        super().closeEvent(event)


def open_directory_window(window: MainWindow) -> DirectoryWindow:
    """Shows the main window's one directory manager, creating it on first use."""
    existing = getattr(window, "directory_window", None)
    if isinstance(existing, DirectoryWindow):
        existing.refresh()
    else:
        existing = DirectoryWindow(window.workspace, window.tasks, window)
        window.directory_window = existing  # type: ignore[attr-defined]
    existing.show()
    existing.raise_()
    existing.activateWindow()
    return existing
