"""Workflow actions on a release (submit, approve, return, archive, restore), for any window that shows one."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QMenu,
    QMessageBox,
    QPlainTextEdit,
    QStyle,
    QToolBar,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from desktop.errors import UserError

if TYPE_CHECKING:
    from desktop.workspace import Workspace
    from ui.common.tasks import TaskRunner
    from ui.shell.main_window import MainWindow

# Ctrl+S saves in the editor and Ctrl+R may be Refresh: the moves use combinations free everywhere.
# Ctrl+Enter sends what was typed in a small box (a comment, a return's reason): submitting is apart.
SUBMIT_SHORTCUT = QKeySequence("Ctrl+Shift+Return")
APPROVE_SHORTCUT = QKeySequence("Ctrl+Shift+A")
RETURN_SHORTCUT = QKeySequence("Ctrl+Shift+R")
DIFF_SHORTCUT = QKeySequence("Ctrl+Shift+H")  # history; Ctrl+Shift+D opens the directory

DONE_MESSAGES = {
    "submit": "Реліз №{id} подано на погодження.",
    "approve": "Реліз №{id} погоджено.",
    "return": "Реліз №{id} повернуто на доопрацювання.",
    "archive": "Реліз №{id} перенесено в архів.",
    "restore": "Реліз №{id} відновлено з архіву.",
}


def confirm(parent: QWidget, title: str, text: str, accept_text: str) -> bool:
    """Asks a yes/no question with buttons that say what they do."""
    box = QMessageBox(QMessageBox.Icon.Question, title, text, QMessageBox.StandardButton.NoButton, parent)
    accept = box.addButton(accept_text, QMessageBox.ButtonRole.AcceptRole)
    box.addButton("Скасувати", QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(accept)
    box.exec()
    return box.clickedButton() is accept


class ReturnCommentDialog(QDialog):
    """Asks the supervisor what to fix before a release goes back to its author."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Повернути на доопрацювання")
        label = QLabel("Що треба виправити? Коментар побачить автор релізу:")
        self.comment_edit = QPlainTextEdit()
        self.comment_edit.setObjectName("return_comment")
        self.comment_edit.setTabChangesFocus(True)
        label.setBuddy(self.comment_edit)
        buttons = QDialogButtonBox()
        buttons.addButton("&Повернути", QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton("Скасувати", QDialogButtonBox.ButtonRole.RejectRole)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        QShortcut(QKeySequence("Ctrl+Return"), self, activated=self.accept)
        layout = QVBoxLayout(self)
        layout.addWidget(label)
        layout.addWidget(self.comment_edit, 1)
        layout.addWidget(buttons)
        self.resize(480, 240)

    def comment(self) -> str:
        return self.comment_edit.toPlainText().strip()


def ask_return_comment(parent: QWidget) -> str | None:
    """Asks the supervisor what to fix; None when cancelled, "" when left empty."""
    dialog = ReturnCommentDialog(parent)
    return dialog.comment() if dialog.exec() else None


class ReviewActions:
    """The workflow moves as QActions, enabled by what the core allows for the chosen release."""

    def __init__(
        self,
        parent: QWidget,
        workspace: Workspace,
        tasks: TaskRunner,
        release_id: Callable[[], int | None],
        after_move: Callable[[str, int], None],
        show_error: Callable[[Exception], None],
        before_move: Callable[[str, int], bool] | None = None,
    ) -> None:
        self.parent = parent
        self._workspace = workspace
        self.tasks = tasks
        self.release_id = release_id
        self.after_move = after_move
        self.show_error = show_error
        # The editor saves its text first; returning False cancels the move.
        self.before_move = before_move
        self.allowed: set[str] = set()  # what the core allowed when last asked
        self.submit = self._action("&Подати на погодження", SUBMIT_SHORTCUT, self.submit_release)
        self.approve = self._action("По&годити", APPROVE_SHORTCUT, self.approve_release)
        self.return_ = self._action("Повернути на &доопрацювання…", RETURN_SHORTCUT, self.return_release)
        self.archive = self._action("&Архівувати", None, self.archive_release)
        self.restore = self._action("Відновити з а&рхіву", None, self.restore_release)
        self.diff = self._action("&Зміни між редакціями…", DIFF_SHORTCUT, self.show_diff)
        icon = parent.style().standardIcon
        pixmap = QStyle.StandardPixmap
        self.submit.setIcon(icon(pixmap.SP_ArrowUp))  # up to the supervisor; the arrows left/right are undo/redo
        self.approve.setIcon(icon(pixmap.SP_DialogApplyButton))
        self.return_.setIcon(icon(pixmap.SP_ArrowDown))
        self.diff.setIcon(icon(pixmap.SP_FileDialogContentsView))
        self.submit.setToolTip("Подати реліз на погодження керівникові (Ctrl+Shift+Enter)")
        self.approve.setToolTip("Погодити поточну редакцію (Ctrl+Shift+A)")
        self.return_.setToolTip("Повернути авторові з коментарем (Ctrl+Shift+R)")
        self.moves = {
            "submit": self.submit,
            "approve": self.approve,
            "return": self.return_,
            "archive": self.archive,
            "restore": self.restore,
        }

    @property
    def workspace(self) -> Workspace:
        return self._workspace

    def _action(self, text: str, shortcut: QKeySequence | None, slot: Callable[[], Any]) -> QAction:
        action = QAction(text, self.parent)
        if shortcut is not None:
            action.setShortcut(shortcut)
        action.triggered.connect(slot)
        return action

    def add_to(self, menu: QMenu, toolbar: QToolBar | None = None, named_buttons: bool = True) -> None:
        """Puts the moves into a menu (and the frequent ones on a toolbar, named or as icons)."""
        menu.addSeparator()
        menu.addActions([self.submit, self.approve, self.return_])
        menu.addSeparator()
        menu.addActions([self.archive, self.restore])
        menu.addSeparator()
        menu.addAction(self.diff)
        if toolbar is not None:
            toolbar.addSeparator()
            for action in (self.submit, self.approve, self.return_):
                toolbar.addAction(action)
                # The moves matter too much for an icon alone: the button names them.
                button = toolbar.widgetForAction(action)
                if named_buttons and isinstance(button, QToolButton):
                    button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)

    def update_enabled(self) -> None:
        """Asks the core what this user may do to the release now and enables exactly that."""
        release_id = self.release_id()
        allowed: set[str] = set()
        if release_id is not None:
            try:
                allowed = self.workspace.review.allowed_actions(release_id)
            except UserError:
                allowed = set()
        self.apply(allowed)

    def apply(self, allowed: set[str]) -> None:
        """Enables the moves the core's allowed_actions named, and nothing else."""
        self.allowed = set(allowed)
        for name, action in self.moves.items():
            action.setEnabled(name in allowed)
        self.diff.setEnabled(self.release_id() is not None and "read" in allowed)

    # The moves.

    def submit_release(self) -> None:
        self._move("submit", lambda release_id: self.workspace.review.submit(release_id))

    def approve_release(self) -> None:
        release_id = self.release_id()
        if release_id is None:
            return
        if not confirm(
            self.parent,
            "Погодити реліз",
            f"Погодити поточну редакцію релізу №{release_id}?\n"
            "Оприлюднити можна буде лише саме цей текст; будь-яка правка скасує погодження.",
            "По&годити",
        ):
            return
        self._move("approve", lambda rid: self.workspace.review.approve(rid))

    def return_release(self) -> None:
        if self.release_id() is None:
            return
        comment = ask_return_comment(self.parent)
        if comment is None:
            return
        if not comment:
            QMessageBox.warning(
                self.parent,
                "Повернути на доопрацювання",
                "Реліз не повернуто: напишіть у коментарі, що саме треба виправити.",
            )
            return
        self._move("return", lambda rid: self.workspace.review.return_release(rid, comment))

    def archive_release(self) -> None:
        release_id = self.release_id()
        if release_id is None:
            return
        if not confirm(
            self.parent,
            "Архівувати реліз",
            f"Перенести реліз №{release_id} в архів? Його можна буде відновити.",
            "&Архівувати",
        ):
            return
        self._move("archive", lambda rid: self.workspace.review.archive(rid))

    def restore_release(self) -> None:
        self._move("restore", lambda rid: self.workspace.review.restore(rid))

    def _move(self, name: str, work: Callable[[int], None]) -> None:
        release_id = self.release_id()
        if release_id is None:
            return
        if self.before_move is not None and not self.before_move(name, release_id):
            return
        if name == "submit":
            from ui.proofing.controller import (
                confirm_release_submit,  # findings left in the saved text: submit anyway?
            )

            if not confirm_release_submit(self.parent, self.workspace, release_id):
                return

        def done(_: object) -> None:
            self.after_move(name, release_id)

        def failed(error: Exception) -> None:
            self.show_error(error)
            self.update_enabled()

        self.tasks.run(lambda: work(release_id), done, failed)

    def show_diff(self) -> None:
        release_id = self.release_id()
        if release_id is None:
            return
        from ui.review.diff_view import DiffDialog

        DiffDialog(self.workspace, release_id, self.parent).exec()


class MainReviewActions(ReviewActions):
    """The review actions of the main window: on the selected release, plus the audit log for admins."""

    def __init__(self, window: MainWindow) -> None:
        # The window has no workspace until a user logs in: the property below reads the window's.
        super().__init__(
            window, window.workspace, window.tasks, window.selected_release_id, self._after_move, window.show_error
        )
        self.window = window
        self.audit = self._action("&Журнал аудиту…", None, self.show_audit)

    @property
    def workspace(self) -> Workspace:
        assert self.window.workspace is not None, "actions run only once a user is logged in"
        return self.window.workspace

    def install(self, release_menu: QMenu, toolbar: QToolBar, tools_menu: QMenu) -> MainReviewActions:
        """Adds the moves to the Release menu and toolbar, the audit log to the Tools menu."""
        self.add_to(release_menu, toolbar)
        tools_menu.addSeparator()
        tools_menu.addAction(self.audit)
        return self

    def update_enabled(self) -> None:
        super().update_enabled()
        is_admin = self.workspace.has_role("admin")
        self.audit.setEnabled(is_admin)
        self.audit.setVisible(is_admin)

    def _after_move(self, name: str, release_id: int) -> None:
        self.window.statusBar().showMessage(DONE_MESSAGES[name].format(id=release_id), 8000)
        self.window.refresh()

    def show_audit(self) -> None:
        from ui.review.audit_window import show_audit_window

        show_audit_window(self.window)
