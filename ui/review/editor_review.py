"""Review in the editor window: the comments panel, the workflow moves, and what changed since last seen."""

from __future__ import annotations

import contextlib
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QLabel, QMessageBox, QPushButton

from desktop.errors import UserError
from ui.review.actions import DONE_MESSAGES, ReviewActions
from ui.review.comments_panel import CommentsPanel

if TYPE_CHECKING:
    from ui.editor.window import EditorWindow

COMMENT_SELECTION_SHORTCUT = QKeySequence("Ctrl+Alt+M")


class EditorReview(QObject):
    """Adds review to an EditorWindow: a «Погодження» menu, a comments dock, the unseen-changes notice."""

    def __init__(self, window: EditorWindow) -> None:
        super().__init__(window)
        self.window = window
        self.workspace = window.workspace
        self.panel = CommentsPanel(
            window.workspace,
            window.release_id,
            window.editor,
            headline=lambda: window.headline_edit.text().strip(),
            save_first=window.flush,
        )
        self.dock = window.add_side_panel(self.panel, "Коментарі")
        self.actions = ReviewActions(
            window,
            window.workspace,
            window.tasks,
            lambda: window.release_id,
            self._after_move,
            self._show_error,
            before_move=self._save_before_move,
        )
        self.comment_selection = QAction("&Коментар до виділеного…", window)
        self.comment_selection.setShortcut(COMMENT_SELECTION_SHORTCUT)
        self.comment_selection.triggered.connect(self.comment_on_selection)
        menu = window.menuBar().addMenu("По&годження")
        self.menu = menu
        menu.addAction(self.comment_selection)
        # The editor's toolbar is full already: icons with tooltips there, names in the menu.
        self.actions.add_to(menu, window.actions_.toolbar, named_buttons=False)
        window.resizeDocks([self.dock], [300], Qt.Orientation.Horizontal)
        self.actions.update_enabled()  # afterwards the window's sync_with_core keeps them current
        self.approval_label = QLabel()
        self.approval_label.setObjectName("approval_line")
        self.approval_label.setStyleSheet("color: #0d652d")
        window.statusBar().addPermanentWidget(self.approval_label)
        self.show_approval()
        self._notice_unseen_changes()
        window.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if watched is self.window and event.type() == QEvent.Type.Close:
            self.mark_seen()  # whoever had the text open has seen it, up to its current revision
        return super().eventFilter(watched, event)

    def comment_on_selection(self) -> None:
        """Shows the comments dock and starts a comment on the selected passage."""
        self.dock.show()
        self.dock.raise_()
        self.panel.comment_on_selection()

    def show_approval(self) -> None:
        """Who approved the text, in the status bar, while the approval holds."""
        try:
            line = self.workspace.review.approval_line(self.window.release_id)
        except UserError:
            line = None
        self.approval_label.setText(line or "")
        self.approval_label.setVisible(bool(line))

    def _save_before_move(self, name: str, release_id: int) -> bool:
        # The move applies to the stored text: unsaved words go in first, or the move waits.
        self.window.flush()
        if self.window.is_dirty():
            QMessageBox.warning(self.window, "Вісник", "Спершу збережіть текст: зміни ще не записано.")
            return False
        return True

    def _after_move(self, name: str, release_id: int) -> None:
        self.window.reload()
        self.window.statusBar().showMessage(DONE_MESSAGES[name].format(id=release_id), 8000)
        self.window.sync_with_core()
        self.panel.refresh()
        main_window = self.window.main_window
        if main_window is not None and hasattr(main_window, "refresh"):
            main_window.refresh()

    def _show_error(self, error: Exception) -> None:
        QMessageBox.warning(self.window, "Вісник", str(error))

    def _notice_unseen_changes(self) -> None:
        """Offers a returning reader what changed since the revision they last saw."""
        self.unseen_button = QPushButton()
        self.unseen_button.setObjectName("unseen_changes")
        self.unseen_button.setFlat(True)
        self.unseen_button.setStyleSheet("color: #b06000; text-decoration: underline")
        self.unseen_button.clicked.connect(self.show_changes)
        self.unseen_button.hide()
        self.window.statusBar().addWidget(self.unseen_button)
        try:
            seen = self.workspace.review.last_seen_revision(self.window.release_id)
            numbers = self.workspace.releases.revision_numbers(self.window.release_id)
        except UserError:
            return
        if seen is not None and numbers and numbers[-1] > seen:
            self.unseen_button.setText(f"Нове після №{seen}: показати зміни")
            self.unseen_button.setToolTip(
                f"Текст змінено після редакції №{seen}, яку ви бачили востаннє (Ctrl+Shift+H)"
            )
            self.unseen_button.show()

    def show_changes(self) -> None:
        """The diff since the revision last seen; afterwards the notice goes."""
        self.actions.show_diff()
        self.unseen_button.hide()

    def mark_seen(self) -> None:
        """Remembers the current text as seen (when the window closes)."""
        with contextlib.suppress(UserError):
            self.workspace.review.mark_seen(self.window.release_id)


def attach_review(window: EditorWindow) -> EditorReview:
    """Gives an editor window its review menu and comments panel."""
    return EditorReview(window)
