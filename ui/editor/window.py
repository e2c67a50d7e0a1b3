"""The window in which one release is written: headline, body, signature, autosave and conflicts."""

from __future__ import annotations

import time
from datetime import datetime
from html import escape
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import QApplication, QDockWidget, QLabel, QMainWindow, QMessageBox, QWidget

from desktop.document import Document
from desktop.errors import UserError
from desktop.labels import STATUS_LABELS
from ui.common.tasks import TaskRunner, failure_text
from ui.editor.actions import EditorActions
from ui.editor.conflict_dialog import KEEP_MINE, ConflictDialog
from ui.editor.find_replace import FindReplaceBar
from ui.editor.page import EditorPage
from ui.editor.release_editor import ReleaseEditor

if TYPE_CHECKING:
    from desktop.facade.releases import ReleaseRecord
    from desktop.workspace import Workspace

# Autosave after this pause in typing: well inside the promised 2 s, long enough not to save every key.
AUTOSAVE_DELAY_MS = 1500
AUTOSAVE_MAX_WAIT_S = 10.0
VIEW_DELAY_MS = 150
OVER_LIMIT_STYLE = "color: #c5221f; font-weight: bold"
CLOSE_QUESTION = (
    "Зміни вже автозбережено, але ще не записано як редакцію. Зберегти редакцію?\n"
    "«Закрити» лишає автозбережений текст; відкинути його можна командою «Повернутися до збереженої редакції»."
)


class EditorWindow(QMainWindow):
    """Edits one release; nothing typed here is ever lost."""

    document_changed = Signal()
    saved = Signal(int)

    def __init__(
        self,
        workspace: Workspace,
        record: ReleaseRecord,
        tasks: TaskRunner | None = None,
        main_window: Any = None,
    ) -> None:
        super().__init__(main_window)
        self.setWindowFlag(Qt.WindowType.Window)
        self.workspace = workspace
        self.tasks = tasks or TaskRunner(self)
        self.main_window = main_window
        self.release_id = record.id
        self._saving = False
        self._pending_kind: str | None = None
        self._in_conflict = False
        self.autosaved_since_revision = False  # words stored by autosave that no revision holds yet
        self.setObjectName("editor_window")
        # The page with its find bar (about 480 px) beside the side panels (about 300 px).
        self.setMinimumSize(820, 560)
        self.resize(980, 820)

        self.editor = ReleaseEditor()
        self.find_bar = FindReplaceBar(self.editor)
        self._build_body()
        self.actions_ = EditorActions(self)
        self._build_status_bar()

        self.autosave_timer = QTimer(self)
        self.autosave_timer.setSingleShot(True)
        self.autosave_timer.setInterval(AUTOSAVE_DELAY_MS)
        self.autosave_timer.timeout.connect(self.autosave)
        self.view_timer = QTimer(self)
        self.view_timer.setSingleShot(True)
        self.view_timer.setInterval(VIEW_DELAY_MS)
        self.view_timer.timeout.connect(self.refresh_view)
        self._last_save_text = ""
        self._unsaved_since: float | None = None
        self._undo_steps = 0
        self._loading = False
        self.autosave_max_wait_s = AUTOSAVE_MAX_WAIT_S

        self._load(record)  # the record's fields, its text and whether it may be changed
        # Not textChanged: a highlighter's underlines emit it too, and would postpone the autosave forever.
        text_document = self.editor.document()
        text_document.contentsChange.connect(self._on_contents_change)
        text_document.undoCommandAdded.connect(self._on_changed)
        self.headline_edit.textChanged.connect(self._on_changed)
        from ui.review.editor_review import (
            attach_review,  # review's menu and comments dock, kept in its own module
        )

        self.review = attach_review(self)
        from ui.proofing.controller import attach_proofing  # underlines, context menu and the F7 panel

        self.proofing = attach_proofing(self, workspace)
        from ui.editor.photo_strip import attach_photo_strip  # the photos under the text

        self.photo_strip = attach_photo_strip(self)
        self.editor.setFocus()

    # Layout.

    def _build_body(self) -> None:
        self.page_view = EditorPage(self.editor, self.find_bar)
        # The parts other code and tests reach through the window.
        self.headline_edit = self.page_view.headline_edit
        self.headline_counter = self.page_view.headline_counter
        self.signature_label = self.page_view.signature_label
        self.read_only_banner = self.page_view.read_only_banner
        self.return_banner = self.page_view.return_banner
        self.setCentralWidget(self.page_view)

    def _build_status_bar(self) -> None:
        self.counts_label = QLabel()
        self.counts_label.setObjectName("counts")
        self.save_state_label = QLabel()
        self.save_state_label.setObjectName("save_state")
        self.info_label = QLabel()
        bar = self.statusBar()
        bar.addWidget(self.counts_label, 1)
        bar.addPermanentWidget(self.save_state_label)
        bar.addPermanentWidget(self.info_label)

    def add_side_panel(self, widget: QWidget, title: str) -> QDockWidget:
        """Docks another area's panel (proofing, review) on the right; listed in the «Панелі» menu."""
        dock = QDockWidget(title, self)
        dock.setObjectName(f"dock_{widget.objectName() or len(self.findChildren(QDockWidget))}")
        dock.setWidget(widget)
        dock.setAllowedAreas(Qt.DockWidgetArea.RightDockWidgetArea | Qt.DockWidgetArea.LeftDockWidgetArea)
        self.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, dock)
        self.actions_.panels_menu.addAction(dock.toggleViewAction())
        self.actions_.panels_menu.menuAction().setVisible(True)
        return dock

    # The text.

    def _load(self, record: ReleaseRecord) -> None:
        self.record = record
        self.version = record.version
        self._saved_document = record.document
        self._unsaved_since = None
        self.headline_max = record.headline_max
        self.headline_edit.blockSignals(True)
        self.headline_edit.setText(record.document.title)
        self.headline_edit.setCursorPosition(0)  # a long headline shows its beginning, not its end
        self.headline_edit.blockSignals(False)
        self._loading = True
        self.editor.blockSignals(True)
        self.editor.set_model(record.document)
        self.editor.blockSignals(False)
        self._loading = False
        self._undo_steps = 0
        lines = record.signature_lines
        self.signature_label.setText(
            "\n".join(lines) if lines else "Підпис відділу не задано (Сервіс → Налаштування відділу)."
        )
        self._apply_editable(record)
        self._show_status(record.status)
        self._show_return_note(record.status)
        self._update_headline_counter()
        self.refresh_view()
        self.actions_.update_format()

    def _apply_editable(self, record: ReleaseRecord) -> None:
        """A release the user may not change opens read-only, saying why, instead of refusing every save."""
        self.editor.setReadOnly(not record.editable)
        self.headline_edit.setReadOnly(not record.editable)
        self.read_only_banner.setText(f"Лише перегляд. {record.read_only_reason}")
        self.read_only_banner.setVisible(not record.editable)
        self.actions_.set_editable(record.editable)

    def _show_status(self, status: str) -> None:
        self.status = status
        label = STATUS_LABELS.get(status, status)
        self.info_label.setText(f"{self.record.template_name or 'Реліз'} · {label}")

    def _show_return_note(self, status: str) -> None:
        """A returned release says across the top who returned it, when, and the whole comment."""
        note = None
        if status == "returned":
            try:
                note = self.workspace.review.return_notes([self.release_id]).get(self.release_id)
            except UserError:
                note = None
        self.return_banner.setVisible(note is not None)
        if note is not None:
            from ui.common.moments import format_moment

            self.return_banner.setText(
                f"<b>Повернуто на доопрацювання</b> — {escape(note.returned_by)}, {format_moment(note.returned_at)}"
                f"<br>{escape(note.comment).replace(chr(10), '<br>')}"
            )

    def sync_with_core(self) -> None:
        """Asks the core again what this user may do: after a save, an autosave, a move, a change elsewhere."""
        try:
            state = self.workspace.review.workflow_state(self.release_id)
        except UserError:
            return
        editable = "edit" in state.allowed
        if editable != self.record.editable and not self._saving and not self.is_dirty():
            # The state changed under the window (a return, a submit elsewhere): the text and banners anew.
            self.reload()
            state = self.workspace.review.workflow_state(self.release_id)
            editable = "edit" in state.allowed
        if state.status and state.status != getattr(self, "status", None):
            self._show_status(state.status)
            self._show_return_note(state.status)
        self.actions_.set_editable(editable)
        review = getattr(self, "review", None)
        if review is not None:
            review.actions.apply(set(state.allowed))
            review.show_approval()

    def current_document(self) -> Document:
        """The headline and the body as the document model."""
        return self.editor.model(self.headline_edit.text().strip())

    def is_dirty(self) -> bool:
        """True while the window holds words the database does not."""
        return self.current_document() != self._saved_document

    def _on_contents_change(self, _position: int, removed: int, added: int) -> None:
        # Typing changes the length; a format change, undo or redo moves the undo stack; a re-highlight neither.
        steps = self.editor.document().availableUndoSteps()
        if not self._loading and (removed != added or steps != self._undo_steps):
            self._undo_steps = steps
            self._on_changed()

    def _on_changed(self) -> None:
        # Per key only timers restart: converting a long text to the model waits for a pause in typing.
        now = time.monotonic()
        if self._unsaved_since is None:
            self._unsaved_since = now
        # Someone who never pauses still gets a save: past the longest wait the timer is left to run out.
        if now - self._unsaved_since < self.autosave_max_wait_s or not self.autosave_timer.isActive():
            self.autosave_timer.start()
        self.view_timer.start()
        self._update_headline_counter()
        self.document_changed.emit()

    def refresh_view(self) -> None:
        """Counts, the unsaved-changes marks: what depends on the whole text."""
        self.view_timer.stop()
        document = self.current_document()
        characters = len(document.title) + sum(len(block.text) for block in document.blocks)
        self.counts_label.setText(f"Слів: {document.word_count()} · Символів: {characters}")
        dirty = document != self._saved_document
        if dirty and not self._saving:
            self.save_state_label.setText("Є незбережені зміни")
        elif not dirty and not self._saving:
            self.save_state_label.setText(self._last_save_text)
        self._update_title(dirty)

    def _update_headline_counter(self) -> None:
        length = len(self.headline_edit.text().strip())
        self.headline_counter.setText(f"{length}/{self.headline_max}")
        over = length > self.headline_max
        self.headline_counter.setStyleSheet(OVER_LIMIT_STYLE if over else "color: #5f6368")
        self.headline_counter.setToolTip(
            f"Заголовок довший за рекомендовані {self.headline_max} символів на {length - self.headline_max}."
            if over
            else f"Рекомендована довжина заголовка — до {self.headline_max} символів."
        )

    def headline_over_limit(self) -> bool:
        return len(self.headline_edit.text().strip()) > self.headline_max

    def _update_title(self, dirty: bool) -> None:
        title = self.headline_edit.text().strip() or "Без заголовка"
        self.setWindowTitle(f"{'*' if dirty else ''}№{self.release_id}: {title} — Вісник")

    # Saving: one save at a time, the next one queued.

    def save(self) -> None:
        """An explicit save (Ctrl+S): the text and a revision."""
        self.autosave_timer.stop()
        self._request_save("save")

    def autosave(self) -> None:
        """The text without a revision, shortly after the last change."""
        if self._in_conflict:
            return
        document = self.current_document()
        if document != self._saved_document:
            self._request_save("autosave", document)

    def _request_save(self, kind: str, document: Document | None = None) -> None:
        """Saves the document (the window's text now unless the caller has just converted it)."""
        if self._saving:
            # An explicit save outranks a queued autosave.
            self._pending_kind = "save" if "save" in (kind, self._pending_kind) else "autosave"
            return
        self._saving = True
        document = document if document is not None else self.current_document()
        version = self.version
        self.save_state_label.setText("Збереження…")
        self.tasks.run(
            lambda: self.workspace.releases.save(self.release_id, document, version, kind),
            lambda new_version: self._saved(document, new_version, kind),
            self._save_failed,
        )

    def _saved(self, document: Document, new_version: int, kind: str) -> None:
        self._saving = False
        self._unsaved_since = None
        self.version = new_version
        self._saved_document = document
        moment = datetime.now().strftime("%H:%M:%S")
        self._last_save_text = f"{'Збережено' if kind == 'save' else 'Автозбережено'} о {moment}"
        self.save_state_label.setText(self._last_save_text)
        self.autosaved_since_revision = kind == "autosave" or (self.autosaved_since_revision and kind != "save")
        current = self.current_document()  # typed meanwhile?
        self._update_title(current != document)
        # A save can move the release (returned or approved → draft): what is allowed follows at once.
        self.sync_with_core()
        self.saved.emit(new_version)
        if kind == "save" and self.main_window is not None and hasattr(self.main_window, "refresh"):
            self.main_window.refresh()
        self._run_pending(current)

    def _run_pending(self, current: Document) -> None:
        """The save queued while one was running; else an autosave soon if words came meanwhile."""
        pending, self._pending_kind = self._pending_kind, None
        dirty = current != self._saved_document
        if pending == "save" or (pending == "autosave" and dirty):
            self._request_save(pending, current)
        elif dirty:
            self.autosave_timer.start()

    def _save_failed(self, error: Exception) -> None:
        from desktop.errors import Conflict

        self._saving = False
        self._pending_kind = None
        if isinstance(error, Conflict):
            self.resolve_conflict(error)
            return
        message = failure_text(error, "Не вдалося зберегти")
        self.save_state_label.setText("Не збережено")
        self.statusBar().showMessage(message, 15000)
        QMessageBox.warning(self, "Вісник", message)

    def resolve_conflict(self, error: Exception) -> None:
        """Someone saved meanwhile: the user's text is already a revision; the newest text or theirs?"""
        self.autosave_timer.stop()
        self._in_conflict = True
        try:
            dialog = ConflictDialog(self.release_id, getattr(error, "revision_number", None), self)
            dialog.exec()
            choice = dialog.choice()
        finally:
            self._in_conflict = False
        if choice == KEEP_MINE:
            self.version = int(getattr(error, "current_version", self.workspace.releases.open_release(self.release_id).version))
            self._request_save("save")
        else:
            self.reload()

    def reload(self) -> None:
        """Shows the newest text from the database."""
        try:
            record = self.workspace.releases.open_release(self.release_id)
        except UserError as error:
            QMessageBox.warning(self, "Вісник", str(error))
            return
        self._load(record)
        self.save_state_label.setText("Завантажено найновіший текст")

    def revert_to_revision(self) -> None:
        """Drops the words typed and autosaved since the last revision, after asking."""
        try:
            saved = self.workspace.releases.saved_revision(self.release_id)
        except UserError as error:
            QMessageBox.warning(self, "Вісник", str(error))
            return
        if saved is None:
            return
        number, document = saved
        if document == self.current_document():
            self.statusBar().showMessage(f"Текст уже такий, як у збереженій редакції №{number}.", 5000)
            return
        from ui.review.actions import confirm

        if not confirm(self, "Повернутися до збереженої редакції",
                       f"Відкинути зміни, зроблені після редакції №{number}? Текст стане таким, як у ній.",
                       "&Повернутися"):
            return
        self.autosave_timer.stop()
        self.headline_edit.setText(document.title)
        self._loading = True
        self.editor.set_model(document)
        self._loading = False
        self._request_save("autosave", document)
        self.autosaved_since_revision = False
        self.refresh_view()
        self.statusBar().showMessage(f"Текст повернуто до редакції №{number}.", 8000)

    def print_release(self) -> None:
        """Prints the current text as the PDF export lays it out (with a preview first)."""
        from ui.export.printing import print_document

        print_document(self, self.workspace, self.release_id, self.current_document())

    def flush(self, kind: str = "save") -> None:
        """Stores any unsaved words now, on this thread (before a submit or on closing); "save" makes a revision."""
        self.autosave_timer.stop()
        self.tasks.pool.waitForDone(5000)
        QApplication.processEvents()
        document = self.current_document()
        if document != self._saved_document or (kind == "save" and self.autosaved_since_revision):
            try:
                self._saved(document, self.workspace.releases.save(self.release_id, document, self.version, kind), kind)
            except UserError as error:
                self._save_failed(error)

    # Preview and closing.

    def show_preview(self) -> None:
        from ui.export.page_preview import PagePreviewDialog

        PagePreviewDialog(self.current_document(), self.record.signature_lines, self).exec()

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802
        self.autosave_timer.stop()
        self.tasks.pool.waitForDone(5000)  # a save in flight finishes before the window goes
        QApplication.processEvents()
        if self.record.editable and (self.is_dirty() or self.autosaved_since_revision):
            # Autosave keeps every word anyway: the question is whether they become a revision.
            box = QMessageBox(QMessageBox.Icon.Question, "Зміни без редакції", CLOSE_QUESTION, parent=self)
            buttons = QMessageBox.StandardButton
            box.setStandardButtons(buttons.Save | buttons.Discard | buttons.Cancel)
            box.button(buttons.Save).setText("Зберегти редакцію")
            box.button(buttons.Discard).setText("Закрити")
            box.button(buttons.Cancel).setText("Скасувати")
            box.setDefaultButton(buttons.Save)
            answer = box.exec()
            if answer == buttons.Cancel:
                event.ignore()
                return
            self.flush("save" if answer == buttons.Save else "autosave")
            if self.is_dirty():
                event.ignore()
                return
        super().closeEvent(event)


def open_editor(window: Any, release_id: int) -> EditorWindow | None:
    """Opens (or brings forward) the editor of a release from the main window."""
    editors: dict[int, EditorWindow] = window.__dict__.setdefault("editor_windows", {})
    existing = editors.get(release_id)
    if existing is not None and existing.isVisible():
        existing.raise_()
        existing.activateWindow()
        return existing
    try:
        record = window.workspace.releases.open_release(release_id)
    except UserError as error:
        window.show_error(error)
        return None
    editor = EditorWindow(window.workspace, record, getattr(window, "tasks", None), window)
    editor.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    editor.destroyed.connect(lambda *_: editors.pop(release_id, None))
    editors[release_id] = editor
    editor.show()
    return editor
