"""The editor's context menu additions: the finding under the cursor, its fixes and the dictionaries."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

import shiboken6
from PySide6.QtCore import QEvent, QObject, QPoint, Qt
from PySide6.QtGui import QAction, QContextMenuEvent, QFont, QTextBlock
from PySide6.QtWidgets import QMenu, QMessageBox, QTextEdit

from desktop.errors import UserError
from desktop.language.proofing import Finding
from ui.proofing.edits import replace_finding
from ui.proofing.highlighter import ProofingHighlighter, finding_under, python_offset, recheck_everywhere

if TYPE_CHECKING:
    from desktop.workspace import Workspace
    from ui.common.tasks import TaskRunner

MESSAGE_WIDTH_PX = 380
SEARCHING_TEXT = "Пошук варіантів…"


def finding_at(highlighter: ProofingHighlighter, position: int) -> tuple[QTextBlock, Finding] | None:
    """The finding that covers (or ends at) a document position, with its block."""
    block = highlighter.document().findBlock(position)
    if not block.isValid():
        return None
    offset = python_offset(block.text(), position - block.position())
    finding = finding_under(highlighter.findings_of(block), offset)
    return None if finding is None else (block, finding)


# Qt's own entries, named in Ukrainian (their shortcut stays after the tab); mnemonics clear of ours.
STANDARD_TEXTS = {
    "edit-undo": "&Скасувати",
    "edit-redo": "Пов&торити",
    "edit-cut": "Ви&різати",
    "edit-copy": "&Копіювати",
    "edit-paste": "Вст&авити",
    "edit-delete": "В&илучити",
    "select-all": "Виді&лити все",
    "link-copy": "Копіювати &адресу посилання",
}


def _menu_text(text: str) -> str:
    return text.replace("&", "&&")


def put_on_top(menu: QMenu, entries: list[QAction]) -> None:
    """Names Qt's own entries of a standard context menu in Ukrainian and puts entries above them."""
    standard = menu.actions()
    for action in standard:
        name = STANDARD_TEXTS.get(action.objectName())
        if name is not None:
            shortcut = action.text().partition("\t")[2]
            action.setText(f"{name}\t{shortcut}" if shortcut else name)
    first = standard[0] if standard else None
    if entries:
        menu.insertActions(first, entries)
        if first is not None:
            menu.insertSeparator(first)


class ProofingMenu(QObject):
    """Adds the proofing entries on top of a QTextEdit's own context menu."""

    def __init__(self, editor: QTextEdit, highlighter: ProofingHighlighter, workspace: Workspace,
                 tasks: TaskRunner, on_changed: Callable[[], None] | None = None) -> None:
        super().__init__(editor)
        self.editor = editor
        self.highlighter = highlighter
        self.workspace = workspace
        self.tasks = tasks
        self.on_changed = on_changed
        # The mouse's menu comes to the viewport, the keyboard's (Menu key, Shift+F10) to the editor.
        editor.installEventFilter(self)
        editor.viewport().installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if event.type() == QEvent.Type.ContextMenu and isinstance(event, QContextMenuEvent):
            if event.reason() == QContextMenuEvent.Reason.Mouse:
                position = self.editor.cursorForPosition(self._viewport_point(watched, event.pos())).position()
            else:
                position = self.editor.textCursor().position()
            menu = self.build_menu(position)
            self.show_menu(menu, event.globalPos())
            menu.deleteLater()
            return True
        return super().eventFilter(watched, event)

    def show_menu(self, menu: QMenu, global_position: QPoint) -> None:
        """Runs the menu where it was asked for (a test replaces this to read the menu instead)."""
        menu.exec(global_position)

    def _viewport_point(self, watched: QObject, point: QPoint) -> QPoint:
        if watched is self.editor:
            return self.editor.viewport().mapFrom(self.editor, point)
        return point

    def build_menu(self, position: int) -> QMenu:
        """The editor's standard menu with the proofing entries for the finding at position on top."""
        menu = self.editor.createStandardContextMenu()
        put_on_top(menu, self.proofing_actions(menu, position))
        return menu

    def proofing_actions(self, menu: QMenu, position: int) -> list[QAction]:
        """The entries for the finding at position: its message, fixes, ignore, the dictionaries."""
        found = finding_at(self.highlighter, position)
        if found is None:
            return []
        block, finding = found
        fragment = block.text()[finding.start:finding.end]
        return self.finding_actions(menu, finding, fragment, self.editor.isReadOnly(),
                                    lambda suggestion: self.replace(block, finding, suggestion, fragment))

    def finding_actions(self, menu: QMenu, finding: Finding, fragment: str, read_only: bool,
                        replace: Callable[[str], None]) -> list[QAction]:
        """The entries for one finding of the text `fragment`, wherever it stands (body or headline)."""
        entries: list[QAction] = []
        message = QAction(self._elided(finding.message), menu)
        message.setEnabled(False)
        message.setToolTip(finding.message)
        entries.append(message)
        if finding.kind == "security":
            return entries  # for the reviewer's judgement: never a one-click change
        if finding.kind == "spelling" and not finding.suggestions:
            known = self.workspace.proofing.known_suggestions(fragment)
            if known is None:
                placeholder = QAction(SEARCHING_TEXT, menu)
                placeholder.setEnabled(False)
                entries.append(placeholder)
                self._find_suggestions(menu, placeholder, fragment, read_only, replace)
            else:
                entries += self._suggestion_actions(menu, known, read_only, replace)
        else:
            entries += self._suggestion_actions(menu, finding.suggestions, read_only, replace)
        entries.append(self._separator(menu))
        ignore = QAction("&Пропустити", menu)
        ignore.setToolTip(f"Не позначати «{fragment}» до кінця сеансу")
        ignore.triggered.connect(lambda: self.ignore(fragment))
        entries.append(ignore)
        if finding.kind == "spelling":
            personal = QAction("Додати до &особистого словника", menu)
            personal.triggered.connect(lambda: self.add_personal(fragment))
            department = QAction("Додати до словника &відділу", menu)
            department.triggered.connect(lambda: self.add_department(fragment))
            department.setEnabled(self.workspace.proofing.can_edit_glossary())
            if not department.isEnabled():
                department.setToolTip("Словник відділу поповнюють керівник або адміністратор.")
            entries += [personal, department]
        return entries

    def _elided(self, text: str) -> str:
        metrics = self.editor.fontMetrics()
        return _menu_text(metrics.elidedText(text, Qt.TextElideMode.ElideRight, MESSAGE_WIDTH_PX))

    @staticmethod
    def _separator(menu: QMenu) -> QAction:
        separator = QAction(menu)
        separator.setSeparator(True)
        return separator

    def _suggestion_actions(self, menu: QMenu, suggestions: tuple[str, ...], read_only: bool,
                            replace: Callable[[str], None]) -> list[QAction]:
        if not suggestions:
            none = QAction("Варіантів немає", menu)
            none.setEnabled(False)
            return [none]
        actions = []
        bold = QFont(menu.font())
        bold.setBold(True)
        for suggestion in suggestions:
            action = QAction(_menu_text(suggestion) if suggestion.strip() else "(вилучити)", menu)
            action.setFont(bold)
            action.setEnabled(not read_only)
            action.triggered.connect(lambda _=False, s=suggestion: replace(s))
            actions.append(action)
        return actions

    def _find_suggestions(self, menu: QMenu, placeholder: QAction, fragment: str, read_only: bool,
                          replace: Callable[[str], None]) -> None:
        """Asks hunspell off the GUI thread (it takes up to a second or two) and fills the open menu."""

        def done(suggestions: tuple[str, ...]) -> None:
            if not shiboken6.isValid(menu) or not shiboken6.isValid(placeholder):
                return  # the menu closed meanwhile; the answer stays cached for the next time
            menu.insertActions(placeholder, self._suggestion_actions(menu, suggestions, read_only, replace))
            menu.removeAction(placeholder)

        def failed(_error: Exception) -> None:
            if shiboken6.isValid(placeholder):
                placeholder.setText("Варіантів немає")

        self.tasks.run(lambda: self.workspace.proofing.suggest(fragment), done, failed)

    # What the entries do.

    def replace(self, block: QTextBlock, finding: Finding, suggestion: str, fragment: str) -> None:
        """Replaces the finding's text with the suggestion (one undo step)."""
        # The menu is modal, so the text cannot change under it; the check guards against a stale block all the same.
        replace_finding(self.editor.document(), block, finding, suggestion, expected=fragment)

    def ignore(self, word: str) -> None:
        """Stops flagging the word until the program closes."""
        proofreader = self.highlighter.proofreader
        proofreader.ignore(word)
        recheck_everywhere(proofreader)
        self._changed()

    def add_personal(self, word: str) -> None:
        self._add(lambda: self.workspace.proofing.add_personal_word(word))

    def add_department(self, word: str) -> None:
        self._add(lambda: self.workspace.proofing.add_glossary_word(word))

    def _add(self, store: Callable[[], str]) -> None:
        try:
            store()
        except UserError as error:
            QMessageBox.warning(self.editor.window(), "Вісник", str(error))
            return
        recheck_everywhere(self.highlighter.proofreader)
        self._changed()

    def _changed(self) -> None:
        if self.on_changed is not None:
            self.on_changed()
