"""Proofing in the editor window (underlines, context menu, the F7 panel) and the check before submitting."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import shiboken6
from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QApplication, QDockWidget, QMessageBox, QToolButton, QWidget

from desktop.errors import UserError
from desktop.language.proofing import Proofreader
from ui.proofing.headline import HeadlineProofing
from ui.proofing.highlighter import ProofingHighlighter
from ui.proofing.menu import ProofingMenu
from ui.proofing.panel import ProofingPanel

if TYPE_CHECKING:
    from desktop.workspace import Workspace

PANEL_SHORTCUT = QKeySequence("F7")
PANEL_TITLE = "Правопис"


def findings_phrase(count: int) -> str:
    """«1 зауваження», «3 зауваження», «5 зауважень» — the noun agreeing with the number."""
    if count % 10 == 1 and count % 100 != 11:
        return f"{count} зауваження"
    if 2 <= count % 10 <= 4 and not 12 <= count % 100 <= 14:
        return f"{count} зауваження"
    return f"{count} зауважень"


def confirm_submit_with_findings(parent: QWidget | None, workspace: Workspace, text: str) -> bool:
    """True to go on submitting: the text is clean, or its author confirms despite the findings."""
    # The first check of a session loads the dictionaries (about a second): say that something is happening.
    QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
    try:
        count = len(workspace.proofing.check_text(text))
    except (UserError, OSError):
        return True  # a checker that cannot load must not stand between an author and their reviewer
    finally:
        QApplication.restoreOverrideCursor()
    if not count:
        return True
    answer = QMessageBox.question(
        parent,
        "Подати на погодження",
        f"У тексті залишилося {findings_phrase(count)}. Усе одно подати на погодження?\n\n"
        "Керівник побачить їх на панелі «Правопис» (F7).",
        QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
        QMessageBox.StandardButton.No,
    )
    return answer == QMessageBox.StandardButton.Yes


def confirm_release_submit(parent: QWidget | None, workspace: Workspace, release_id: int) -> bool:
    """confirm_submit_with_findings for the stored text of a release (after the editor has saved it)."""
    try:
        text = workspace.releases.open_release(release_id).document.plain_text()
    except UserError:
        return True  # the move itself will say what is wrong
    return confirm_submit_with_findings(parent, workspace, text)


class ProofingController(QObject):
    """Proofing in one editor window: wavy underlines, the context menu, the panel and its F7 action."""

    def __init__(self, window: Any, workspace: Workspace) -> None:
        super().__init__(window)
        self.window = window
        self.workspace = workspace
        self.highlighter: ProofingHighlighter | None = None
        self.menu: ProofingMenu | None = None
        self.panel: ProofingPanel | None = None
        self.dock: QDockWidget | None = None
        self.headline: HeadlineProofing | None = None

        self.toggle_action = QAction("&Панель правопису", window)
        self.toggle_action.setShortcut(PANEL_SHORTCUT)
        self.toggle_action.setToolTip("Показати або сховати всі зауваження правопису (F7)")
        self.toggle_action.triggered.connect(self.toggle_panel)
        self.fix_all_action = QAction("Виправити всю &типографіку", window)
        self.fix_all_action.triggered.connect(self.fix_all_typography)
        self.recheck_action = QAction("Перевірити &заново", window)
        self.recheck_action.setToolTip("Перечитати глосарій, довідник і словники та перевірити весь текст")
        self.recheck_action.triggered.connect(self.recheck)
        menu = window.menuBar().addMenu("Правопи&с")
        menu.addActions([self.toggle_action, self.fix_all_action, self.recheck_action])
        self.status_button = QToolButton()
        self.status_button.setObjectName("proofing_status")
        self.status_button.setAutoRaise(True)
        self.status_button.setText("Правопис: перевірка…")
        self.status_button.setToolTip("Панель правопису (F7)")
        self.status_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.status_button.clicked.connect(self.toggle_panel)
        window.statusBar().addPermanentWidget(self.status_button)
        for action in (self.fix_all_action, self.recheck_action):
            action.setEnabled(False)

        tasks = window.tasks
        # Loading the dictionaries, the morphology and the directory takes a moment: off the GUI thread.
        tasks.run(workspace.proofing.proofreader, self._install, self._failed)

    def _failed(self, error: Exception) -> None:
        if shiboken6.isValid(self.status_button):
            self.status_button.setText("Правопис недоступний")
            self.status_button.setToolTip(f"Не вдалося завантажити словники: {error}")

    def _install(self, proofreader: Proofreader) -> None:
        if not shiboken6.isValid(self.window):
            return  # the window closed while the dictionaries loaded
        window, editor = self.window, self.window.editor
        self.highlighter = ProofingHighlighter(
            editor.document(), proofreader, cursor_position=lambda: editor.textCursor().position()
        )
        editor.cursorPositionChanged.connect(self.highlighter.cursor_moved)
        self.panel = ProofingPanel(editor, self.highlighter, self.workspace, window.tasks,
                                   headline=getattr(window, "headline_edit", None))
        self.menu = ProofingMenu(editor, self.highlighter, self.workspace, window.tasks,
                                 on_changed=self.panel.schedule_refresh)
        self.dock = window.add_side_panel(self.panel, PANEL_TITLE)
        right = Qt.DockWidgetArea.RightDockWidgetArea
        others = [d for d in window.findChildren(QDockWidget)
                  if d is not self.dock and not d.isHidden() and window.dockWidgetArea(d) == right]
        if others:
            window.tabifyDockWidget(others[0], self.dock)
            others[0].raise_()  # the panel waits in its tab; F7 or a reviewer's findings bring it forward
        self.panel.counts_changed.connect(self._show_count)
        # The document's own signal: it also fires when the window reloads the text with its signals blocked.
        editor.document().contentsChanged.connect(self.panel.schedule_refresh)
        if self.panel.headline is not None:
            self.panel.headline.textChanged.connect(self.panel.schedule_refresh)
            highlighter = self.highlighter
            self.headline = headline_proofing = HeadlineProofing(
                self.panel.headline, self.menu, lambda: highlighter.proofreader, lambda: highlighter.generation)
            self.panel.headline_findings = headline_proofing.current_findings  # one check serves both
            # a word added or ignored, or the dictionaries reloaded: the panel refreshes, and so does the headline
            self.panel.counts_changed.connect(lambda _count: headline_proofing.refresh())
        self.fix_all_action.setEnabled(True)
        self.recheck_action.setEnabled(True)
        self.highlighter.rehighlight()  # every paragraph now, so the panel and the counts are complete
        self.panel.refresh()
        if self._reviewing() and self.panel.entries:
            self.show_panel(focus=False)

    def _reviewing(self) -> bool:
        record = getattr(self.window, "record", None)
        return getattr(record, "status", "") == "in_review" and self.workspace.has_role("supervisor")

    def _show_count(self, total: int) -> None:
        title = f"{PANEL_TITLE} ({total})" if total else PANEL_TITLE
        if self.dock is not None:
            self.dock.setWindowTitle(title)
        self.status_button.setText(f"Правопис: {findings_phrase(total)}" if total else "Правопис: без зауважень")

    # The panel.

    def show_panel(self, focus: bool = True) -> None:
        if self.dock is None or self.panel is None:
            return
        self.dock.show()
        self.dock.raise_()
        self.panel.refresh()
        if focus:
            self.panel.tree.setFocus(Qt.FocusReason.ShortcutFocusReason)

    def toggle_panel(self) -> None:
        """F7: brings the panel forward and into focus; pressed in the panel, hides it and returns to the text."""
        if self.dock is None or self.panel is None:
            self.window.statusBar().showMessage("Словники ще завантажуються…", 3000)
            return
        focused = QApplication.focusWidget()
        if self.dock.isVisible() and focused is not None and self.panel.isAncestorOf(focused):
            self.dock.hide()
            self.window.editor.setFocus(Qt.FocusReason.ShortcutFocusReason)
        else:
            self.show_panel()

    def fix_all_typography(self) -> None:
        if self.panel is None:
            return
        fixed = self.panel.fix_all_typography()
        message = f"Виправлено типографіку: {fixed}." if fixed else "Типографіку виправляти не треба."
        self.window.statusBar().showMessage(message, 5000)

    def recheck(self) -> None:
        """Rebuilds the checker from the database (a new glossary word elsewhere, a new official) and re-checks."""
        if self.highlighter is None or self.panel is None:
            return
        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            proofreader = self.workspace.proofing.reload_proofreader()
        except UserError as error:
            QMessageBox.warning(self.window, "Вісник", str(error))
            return
        finally:
            QApplication.restoreOverrideCursor()
        self.highlighter.proofreader = proofreader
        self.highlighter.recheck_all()
        self.panel.refresh()


def attach_proofing(editor_window: Any, workspace: Workspace) -> ProofingController:
    """Gives an editor window its underlines, context menu entries and the F7 proofing panel."""
    return ProofingController(editor_window, workspace)
