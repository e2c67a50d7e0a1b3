"""The release editor's actions, menus and toolbar, kept in step with the cursor."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QSize
from PySide6.QtGui import QAction, QFont, QKeySequence
from PySide6.QtWidgets import QComboBox, QLineEdit, QStyle, QToolBar

from desktop.document import BLOCK_KINDS
from ui.editor.release_editor import KIND_LABELS

if TYPE_CHECKING:
    from ui.editor.window import EditorWindow


class EditorActions:
    """Builds the menus and the toolbar of an EditorWindow."""

    def __init__(self, window: EditorWindow) -> None:
        self.window = window
        editor = window.editor
        icon = window.style().standardIcon
        pixmap = QStyle.StandardPixmap

        self.save = self._action("&Зберегти", [QKeySequence.StandardKey.Save], window.save,
                                 icon(pixmap.SP_DialogSaveButton))
        self.save.setToolTip("Зберегти редакцію (Ctrl+S)")
        self.preview = self._action("&Попередній перегляд…", [QKeySequence("Ctrl+Shift+P")], window.show_preview,
                                    icon(pixmap.SP_FileDialogContentsView))
        self.pdf_preview = self._action("Перегляд &PDF…", [QKeySequence("Ctrl+Alt+P")], self._show_pdf_preview)
        self.pdf_preview.setToolTip("Як реліз виглядатиме в експортованому PDF (Ctrl+Alt+P)")
        self.print_ = self._action("&Друк…", [QKeySequence.StandardKey.Print], window.print_release)
        self.print_.setToolTip("Надрукувати реліз так, як його розкладе експорт у PDF, з переглядом (Ctrl+P)")
        self.revert = self._action("Повернутися до з&береженої редакції…", [], window.revert_to_revision)
        self.revert.setToolTip("Відкинути зміни, зроблені після останньої збереженої редакції")
        self.close = self._action("&Закрити", [QKeySequence("Ctrl+W")], window.close)
        self.undo = self._action("&Скасувати", [QKeySequence.StandardKey.Undo], self._undo,
                                 icon(pixmap.SP_ArrowBack))
        self.redo = self._action("&Повторити", [QKeySequence("Ctrl+Y"), QKeySequence("Ctrl+Shift+Z")], self._redo,
                                 icon(pixmap.SP_ArrowForward))
        self.undo.setEnabled(False)
        self.redo.setEnabled(False)
        self.bold = self._format_action("&Жирний", QKeySequence.StandardKey.Bold, editor.set_bold, "Ж")
        bold_font = QFont()
        bold_font.setBold(True)
        self.bold.setFont(bold_font)
        self.italic = self._format_action("&Курсив", QKeySequence.StandardKey.Italic, editor.set_italic, "К")
        italic_font = QFont()
        italic_font.setItalic(True)
        self.italic.setFont(italic_font)
        self.underline = self._format_action("П&ідкреслений", QKeySequence.StandardKey.Underline,
                                             editor.set_underline, "П")
        underline_font = QFont()
        underline_font.setUnderline(True)
        self.underline.setFont(underline_font)
        self.find = self._action("&Знайти…", [QKeySequence.StandardKey.Find], lambda: window.find_bar.open_find(False))
        self.replace = self._action("За&мінити…", [QKeySequence("Ctrl+H")], lambda: window.find_bar.open_find(True))

        self.kind_combo = QComboBox()
        self.kind_combo.setObjectName("block_kind")
        self.kind_combo.setToolTip("Вид абзацу")
        self.kind_actions: dict[str, QAction] = {}
        for number, kind in enumerate(BLOCK_KINDS, start=1):
            self.kind_combo.addItem(KIND_LABELS[kind], kind)
            self.kind_actions[kind] = self._action(
                KIND_LABELS[kind], [QKeySequence(f"Ctrl+{number}")], lambda _=False, k=kind: self.set_kind(k)
            )
        self.kind_combo.activated.connect(lambda index: self.set_kind(self.kind_combo.itemData(index)))

        menu = window.menuBar()
        file_menu = menu.addMenu("&Реліз")
        file_menu.addActions([self.save, self.revert])
        file_menu.addSeparator()
        file_menu.addActions([self.preview, self.pdf_preview, self.print_])
        file_menu.addSeparator()
        file_menu.addAction(self.close)
        edit_menu = menu.addMenu("&Правка")
        edit_menu.addActions([self.undo, self.redo])
        edit_menu.addSeparator()
        edit_menu.addActions([self.find, self.replace])
        self.format_menu = menu.addMenu("&Формат")
        self.format_menu.addActions([self.bold, self.italic, self.underline])
        self.format_menu.addSeparator()
        self.format_menu.addActions(list(self.kind_actions.values()))
        self.panels_menu = menu.addMenu("П&анелі")
        self.panels_menu.menuAction().setVisible(False)

        self.toolbar = QToolBar("Редагування")
        self.toolbar.setObjectName("editor_toolbar")
        self.toolbar.setIconSize(QSize(18, 18))
        self.toolbar.setMovable(False)
        self.toolbar.addActions([self.save, self.undo, self.redo])
        self.toolbar.addSeparator()
        self.toolbar.addActions([self.bold, self.italic, self.underline])
        self.toolbar.addWidget(self.kind_combo)
        self.toolbar.addSeparator()
        self.toolbar.addActions([self.find, self.replace, self.preview])
        window.addToolBar(self.toolbar)

        editor.undoAvailable.connect(self.undo.setEnabled)
        editor.redoAvailable.connect(self.redo.setEnabled)
        editor.currentCharFormatChanged.connect(lambda *_: self.update_format())
        editor.cursorPositionChanged.connect(self.update_format)

    def set_editable(self, editable: bool) -> None:
        """Editing actions only where the text may change."""
        for action in (self.save, self.revert, self.bold, self.italic, self.underline, *self.kind_actions.values()):
            action.setEnabled(editable)
        self.kind_combo.setEnabled(editable)
        self.replace.setEnabled(editable)
        self.window.find_bar.replace_all_button.setEnabled(editable)
        self.window.find_bar.replace_button.setEnabled(editable)

    def _action(self, text: str, shortcuts: list[object], slot: Callable[..., object], icon: object = None) -> QAction:
        action = QAction(text, self.window)
        if icon is not None:
            action.setIcon(icon)  # type: ignore[arg-type]
        action.setShortcuts(shortcuts)  # type: ignore[arg-type]
        action.triggered.connect(slot)
        return action

    def _format_action(self, text: str, shortcut: object, apply: Callable[[bool], None], short: str) -> QAction:
        action = self._action(text, [shortcut], lambda on: (apply(on), self.window.editor.setFocus()))
        action.setCheckable(True)
        action.setIconText(short)
        keys = QKeySequence(shortcut).toString(QKeySequence.SequenceFormat.NativeText)  # type: ignore[arg-type]
        action.setToolTip(f"{text.replace('&', '')} ({keys})")
        return action

    def _show_pdf_preview(self) -> None:
        from ui.export.pdf_preview import show_pdf_preview  # reportlab loads only when a preview is asked for

        show_pdf_preview(self.window)

    def _focused_line_edit(self) -> QLineEdit | None:
        focused = self.window.focusWidget()
        return focused if isinstance(focused, QLineEdit) else None

    def _undo(self) -> None:
        line = self._focused_line_edit()
        (line.undo if line else self.window.editor.undo)()

    def _redo(self) -> None:
        line = self._focused_line_edit()
        (line.redo if line else self.window.editor.redo)()

    def set_kind(self, kind: str) -> None:
        self.window.editor.set_block_kind(kind)
        self.window.editor.setFocus()
        self.update_format()

    def update_format(self) -> None:
        """The format buttons and the kind box show what is under the cursor."""
        editor = self.window.editor
        fmt = editor.currentCharFormat()
        self.bold.setChecked(editor.is_bold())
        self.italic.setChecked(fmt.fontItalic())
        self.underline.setChecked(fmt.fontUnderline())
        index = self.kind_combo.findData(editor.current_kind())
        if index >= 0 and index != self.kind_combo.currentIndex():
            self.kind_combo.setCurrentIndex(index)
