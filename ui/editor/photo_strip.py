"""The editor's strip of photos: drop files or pick them, drag to reorder, caption, credit and alt text.

Every change goes through the workspace as a save of the release (a revision; an approval is
voided), after the editor's own unsaved words are saved, so the two never conflict.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QModelIndex, QRect, QSize, Qt, Signal
from PySide6.QtGui import (
    QAction,
    QColor,
    QDragEnterEvent,
    QDragMoveEvent,
    QDropEvent,
    QIcon,
    QPainter,
    QPixmap,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QDockWidget,
    QFileDialog,
    QFormLayout,
    QGridLayout,
    QLabel,
    QLineEdit,
    QListView,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QTabBar,
    QVBoxLayout,
    QWidget,
)

from desktop.errors import UserError

if TYPE_CHECKING:
    from ui.editor.window import EditorWindow

THUMBNAIL_SIZE = QSize(120, 90)
GPS_WARNING = (
    "В оригіналі фото були координати GPS місця зйомки. Їх видалено з файлу, але перевірте, "
    "чи не видно місця на самому знімку."
)


def _numbered(thumbnail: bytes, number: int) -> QPixmap:
    """The thumbnail with its place in the release in a corner badge, as it will be in the files."""
    pixmap = QPixmap()
    pixmap.loadFromData(thumbnail)
    pixmap = pixmap.scaled(THUMBNAIL_SIZE, Qt.AspectRatioMode.KeepAspectRatio,
                           Qt.TransformationMode.SmoothTransformation)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setBrush(QColor(32, 33, 36, 200))
    painter.setPen(Qt.PenStyle.NoPen)
    painter.drawRoundedRect(QRect(4, 4, 26, 22), 5, 5)
    painter.setPen(QColor("white"))
    font = painter.font()
    font.setBold(True)
    painter.setFont(font)
    painter.drawText(QRect(4, 4, 26, 22), Qt.AlignmentFlag.AlignCenter, str(number))
    painter.end()
    return pixmap


def _local_files(event: QDropEvent | QDragEnterEvent | QDragMoveEvent) -> list[str]:
    mime = event.mimeData()
    if not mime.hasUrls():
        return []
    return [url.toLocalFile() for url in mime.urls() if url.isLocalFile()]


class PhotoList(QListWidget):
    """Thumbnails left to right; dragged to reorder; files dropped on it are attached."""

    files_dropped = Signal(list)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("photo_list")
        self.setViewMode(QListView.ViewMode.ListMode)
        self.setFlow(QListView.Flow.LeftToRight)
        # Rows of thumbnails in the side panel, in the release's order.
        self.setWrapping(True)
        self.setResizeMode(QListView.ResizeMode.Adjust)
        self.setIconSize(THUMBNAIL_SIZE)
        self.setSpacing(4)
        self.setMinimumHeight(THUMBNAIL_SIZE.height() + 24)
        self.setDragDropMode(QAbstractItemView.DragDropMode.InternalMove)
        self.setDefaultDropAction(Qt.DropAction.MoveAction)
        self.setAcceptDrops(True)
        self.setAccessibleName("Фото релізу")

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:  # noqa: N802
        if event.source() is not self and _local_files(event):
            event.acceptProposedAction()
            return
        super().dragEnterEvent(event)

    def dragMoveEvent(self, event: QDragMoveEvent) -> None:  # noqa: N802
        if event.source() is not self and _local_files(event):
            event.acceptProposedAction()
            return
        super().dragMoveEvent(event)

    def dropEvent(self, event: QDropEvent) -> None:  # noqa: N802
        files = _local_files(event) if event.source() is not self else []
        if files:
            event.acceptProposedAction()
            self.files_dropped.emit(files)
            return
        super().dropEvent(event)


class PhotoStrip(QWidget):
    """The photos of the release in the editor window, with their words and the controls to change them."""

    changed = Signal()

    def __init__(self, window: EditorWindow) -> None:
        super().__init__(window)
        self.setObjectName("photo_strip")
        self.window_ = window
        self.workspace = window.workspace
        self.release_id = window.release_id
        self._views: list[Any] = []
        self._filling = False
        self.setAcceptDrops(True)

        self.list = PhotoList(self)
        self.list.files_dropped.connect(self.add_files)
        self.list.currentRowChanged.connect(self._show_selected)
        self.list.model().rowsMoved.connect(self._rows_moved)

        self.add_action = QAction("Додати &фото…", self)
        self.add_action.setToolTip("Додати фото з диска (JPEG, PNG, WebP, HEIC); метадані буде видалено")
        self.add_action.triggered.connect(self.choose_files)
        self.earlier_action = QAction("◀ Раніше", self)
        self.earlier_action.triggered.connect(lambda: self.move_selected(-1))
        self.later_action = QAction("Пізніше ▶", self)
        self.later_action.triggered.connect(lambda: self.move_selected(1))
        self.remove_action = QAction("Прибрати фото", self)
        self.remove_action.triggered.connect(self.remove_selected)

        buttons = QGridLayout()
        for index, action in enumerate((self.add_action, self.remove_action, self.earlier_action, self.later_action)):
            button = QPushButton(action.text())
            button.setObjectName(f"photo_{action.text()}")
            button.setToolTip(action.toolTip())
            button.clicked.connect(action.trigger)
            action.enabledChanged.connect(button.setEnabled)
            buttons.addWidget(button, index // 2, index % 2)

        self.caption_edit = QLineEdit()
        self.caption_edit.setPlaceholderText("Що на фото, хто, де")
        self.credit_edit = QLineEdit()
        self.credit_edit.setPlaceholderText("Ім'я автора (у файлах буде «Фото: …»)")
        self.alt_edit = QLineEdit()
        self.alt_edit.setPlaceholderText("Опис для людей, які не бачать фото")
        fields = QFormLayout()
        fields.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapAllRows)
        fields.addRow("Підпис:", self.caption_edit)
        fields.addRow("Автор:", self.credit_edit)
        fields.addRow("Опис (alt):", self.alt_edit)
        for edit, key in ((self.caption_edit, "caption"), (self.credit_edit, "credit"), (self.alt_edit, "alt")):
            edit.editingFinished.connect(lambda key=key, edit=edit: self._apply_words(key, edit.text()))

        self.notes = QLabel()
        self.notes.setObjectName("photo_notes")
        self.notes.setWordWrap(True)
        self.notes.setStyleSheet("color: #b06000")
        self.report = QLabel()
        self.report.setObjectName("photo_report")
        self.report.setWordWrap(True)
        self.hint = QLabel("Перетягніть сюди фото або натисніть «Додати фото…».")
        self.hint.setStyleSheet("color: #5f6368")
        self.hint.setWordWrap(True)  # a long hint never widens the side panels

        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 4, 6, 4)
        layout.addLayout(buttons)
        layout.addWidget(self.hint)
        layout.addWidget(self.list, 1)
        layout.addLayout(fields)
        layout.addWidget(self.notes)
        layout.addWidget(self.report)
        self.reload()

    # Showing.

    @property
    def editable(self) -> bool:
        return bool(getattr(self.window_.record, "editable", True))

    def reload(self, select: int | None = None) -> None:
        """The release's photos from the database; `select` is the number to show (1-based)."""
        try:
            self._views = self.workspace.photos.photos(self.release_id)
        except UserError as error:
            self.report.setText(str(error))
            self._views = []
        self._filling = True
        self.list.clear()
        for view in self._views:
            item = QListWidgetItem(QIcon(_numbered(view.thumbnail, view.number)), "")
            item.setToolTip(" · ".join(p for p in (view.caption, f"Фото: {view.credit}" if view.credit else "") if p))
            item.setData(Qt.ItemDataRole.UserRole, view.number)
            item.setSizeHint(QSize(THUMBNAIL_SIZE.width() + 12, THUMBNAIL_SIZE.height() + 12))
            item.setData(Qt.ItemDataRole.AccessibleTextRole, f"Фото {view.number}: {view.caption or 'без підпису'}")
            self.list.addItem(item)
        self._filling = False
        self.hint.setVisible(not self._views)
        if self._views:
            row = min(max((select or 1) - 1, 0), len(self._views) - 1)
            self.list.setCurrentRow(row)
        self._show_selected(self.list.currentRow())

    def _show_selected(self, row: int) -> None:
        view = self._views[row] if 0 <= row < len(self._views) else None
        for edit, value in (
            (self.caption_edit, view.caption if view else ""),
            (self.credit_edit, view.credit if view else ""),
            (self.alt_edit, view.alt if view else ""),
        ):
            edit.blockSignals(True)
            edit.setText(value)
            edit.setEnabled(view is not None and self.editable)
            edit.blockSignals(False)
        self.notes.setText("\n".join(self._notes(view)) if view else "")
        self.notes.setVisible(bool(self.notes.text()))
        editable = self.editable
        self.add_action.setEnabled(editable)
        self.remove_action.setEnabled(editable and view is not None)
        self.earlier_action.setEnabled(editable and view is not None and row > 0)
        self.later_action.setEnabled(editable and view is not None and row < len(self._views) - 1)
        self.list.setDragEnabled(editable)

    def _notes(self, view: Any) -> list[str]:
        """The proofreader's findings in the photo's words (as in the body) and its GPS flag, for the reviewer."""
        return self.workspace.photos.photo_notes(view)

    def selected_number(self) -> int | None:
        row = self.list.currentRow()
        return row + 1 if 0 <= row < len(self._views) else None

    # Changing: the editor's words first, then the photo change at the editor's version.

    def _change(self, work: Callable[[int], Any], select: int | None = None) -> Any:
        window = self.window_
        window.flush()
        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            change = work(window.version)
        except UserError as error:
            QApplication.restoreOverrideCursor()
            window.statusBar().showMessage(str(error), 15000)
            QMessageBox.warning(self, "Вісник", str(error))
            self.reload(self.selected_number())
            return None
        QApplication.restoreOverrideCursor()
        window.version = change.version
        window.saved.emit(change.version)
        self.reload(select if select is not None else change.number or None)
        self.changed.emit()
        return change

    def choose_files(self) -> None:
        paths, _filter = QFileDialog.getOpenFileNames(
            self, "Додати фото", str(Path.home()), self.workspace.photos.photo_file_filter()
        )
        if paths:
            self.add_files(paths)

    def add_files(self, paths: list[str]) -> None:
        """Attaches each file in turn; says once what metadata went, and warns of a GPS position."""
        lines: list[str] = []
        gps = False
        for path in paths:
            change = self._change(
                lambda version, path=path: self.workspace.photos.attach_photo(self.release_id, path, expected_version=version)
            )
            if change is None:
                continue
            lines.append(f"«{Path(path).name}»: {change.removed_line}")
            gps = gps or change.photos[-1].original_had_gps
        if lines:
            text = "\n".join(lines + ([GPS_WARNING] if gps else []))
            self.report.setText(text)
            self.report.setStyleSheet("color: #b06000" if gps else "color: #0d652d")
            self.window_.statusBar().showMessage(lines[-1], 15000)

    def _apply_words(self, key: str, text: str) -> None:
        number = self.selected_number()
        if self._filling or number is None or not self.editable:
            return
        view = self._views[number - 1]
        if getattr(view, key) == " ".join(text.split()):
            return
        self._change(
            lambda version: self.workspace.photos.update_photo(
                self.release_id, number, expected_version=version, **{key: text}
            ),
            select=number,
        )

    def move_selected(self, step: int) -> None:
        number = self.selected_number()
        if number is None or not 1 <= number + step <= len(self._views):
            return
        self._move(number, number + step)

    def _move(self, number: int, to_number: int) -> None:
        self._change(
            lambda version: self.workspace.photos.move_photo(self.release_id, number, to_number, expected_version=version),
            select=to_number,
        )

    def _rows_moved(self, _parent: QModelIndex, start: int, _end: int, _destination: QModelIndex, row: int) -> None:
        """A thumbnail dragged to another place: the same move in the release."""
        if self._filling:
            return
        target = row if row < start else row - 1
        if target != start:
            self._move(start + 1, target + 1)

    def remove_selected(self) -> None:
        number = self.selected_number()
        if number is None:
            return
        answer = QMessageBox.question(self, "Прибрати фото", f"Прибрати фото №{number} з релізу?")
        if answer != QMessageBox.StandardButton.Yes:
            return
        self._change(
            lambda version: self.workspace.photos.remove_photo(self.release_id, number, expected_version=version),
            select=number,
        )


def attach_photo_strip(window: EditorWindow) -> PhotoStrip:
    """Docks the photo strip beside the text, in a tab with the other panels; listed in «Панелі»."""
    strip = PhotoStrip(window)
    dock = window.add_side_panel(strip, "Фото")
    right = Qt.DockWidgetArea.RightDockWidgetArea
    others = [d for d in window.findChildren(QDockWidget)
              if d is not dock and not d.isHidden() and window.dockWidgetArea(d) == right]
    if others:
        # The tab in front stays in front (a reviewer's proofing findings, say): the photos wait in theirs.
        bars = window.findChildren(QTabBar)
        fronts = {bar: bar.currentIndex() for bar in bars}
        window.tabifyDockWidget(others[0], dock)
        for bar in window.findChildren(QTabBar):
            if bar in fronts and fronts[bar] >= 0:
                bar.setCurrentIndex(fronts[bar])
        if not any(index >= 0 for index in fronts.values()):
            others[0].raise_()
    strip.dock = dock  # type: ignore[attr-defined]
    return strip
