"""The find and replace bar under a release editor."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut, QTextCursor, QTextDocument
from PySide6.QtWidgets import (
    QCheckBox,
    QGridLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QTextEdit,
    QToolButton,
    QWidget,
)


class FindReplaceBar(QWidget):
    """Finds forwards and backwards, replaces one or all matches; «replace all» is one undo step."""

    def __init__(self, editor: QTextEdit, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.editor = editor
        self.setObjectName("find_replace_bar")
        self.find_edit = QLineEdit()
        self.find_edit.setObjectName("find_text")
        self.find_edit.setPlaceholderText("Знайти…")
        self.find_edit.setClearButtonEnabled(True)
        self.replace_edit = QLineEdit()
        self.replace_edit.setObjectName("replace_text")
        self.replace_edit.setPlaceholderText("Замінити на…")
        # Compact, as in every browser's find bar: the bar fits beside the side panels at the smallest window.
        self.match_case = QCheckBox("&Aa")
        self.match_case.setToolTip("Враховувати регістр (великі й малі літери)")
        self.previous_button = QToolButton()
        self.previous_button.setArrowType(Qt.ArrowType.UpArrow)
        self.previous_button.setToolTip("Попереднє (Shift+F3)")
        self.next_button = QToolButton()
        self.next_button.setArrowType(Qt.ArrowType.DownArrow)
        self.next_button.setToolTip("Наступне (F3 або Enter)")
        self.replace_button = QPushButton("&Замінити")
        self.replace_all_button = QPushButton("Замінити &все")
        self.close_button = QToolButton()
        self.close_button.setText("✕")
        self.close_button.setToolTip("Закрити (Esc)")
        self.close_button.setAutoRaise(True)
        self.status = QLabel()
        self.status.setObjectName("find_status")
        self.status.setMinimumWidth(90)
        for line in (self.find_edit, self.replace_edit):
            line.setMinimumWidth(140)
        self.replace_label = QLabel("Замінити &на:")
        self.replace_label.setBuddy(self.replace_edit)
        find_label = QLabel("&Знайти:")
        find_label.setBuddy(self.find_edit)

        layout = QGridLayout(self)
        layout.setContentsMargins(8, 4, 8, 4)
        layout.addWidget(find_label, 0, 0)
        layout.addWidget(self.find_edit, 0, 1)
        layout.addWidget(self.previous_button, 0, 2)
        layout.addWidget(self.next_button, 0, 3)
        layout.addWidget(self.match_case, 0, 4)
        layout.addWidget(self.status, 0, 5)
        layout.addWidget(self.close_button, 0, 6)
        layout.addWidget(self.replace_label, 1, 0)
        layout.addWidget(self.replace_edit, 1, 1)
        layout.addWidget(self.replace_button, 1, 2, 1, 3)
        layout.addWidget(self.replace_all_button, 1, 5, 1, 2)
        layout.setColumnStretch(1, 1)

        self.next_button.clicked.connect(self.find_next)
        self.previous_button.clicked.connect(self.find_previous)
        self.replace_button.clicked.connect(self.replace)
        self.replace_all_button.clicked.connect(self.replace_all)
        self.close_button.clicked.connect(self.close_bar)
        self.find_edit.returnPressed.connect(self.find_next)
        self.replace_edit.returnPressed.connect(self.replace)
        self.find_edit.textChanged.connect(lambda *_: self.status.clear())
        QShortcut(QKeySequence(Qt.Key.Key_Escape), self, activated=self.close_bar,
                  context=Qt.ShortcutContext.WidgetWithChildrenShortcut)
        QShortcut(QKeySequence("Shift+Return"), self.find_edit, activated=self.find_previous,
                  context=Qt.ShortcutContext.WidgetShortcut)
        QShortcut(QKeySequence.StandardKey.FindNext, self, activated=self.find_next,
                  context=Qt.ShortcutContext.WidgetWithChildrenShortcut)
        QShortcut(QKeySequence.StandardKey.FindPrevious, self, activated=self.find_previous,
                  context=Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.hide()

    def open_find(self, with_replace: bool = False) -> None:
        """Shows the bar with the editor's selection as the text to find."""
        selected = self.editor.textCursor().selectedText()
        if selected and "\u2029" not in selected:
            self.find_edit.setText(selected)
        for widget in (self.replace_label, self.replace_edit, self.replace_button, self.replace_all_button):
            widget.setVisible(with_replace)
        self.show()
        self.find_edit.setFocus()
        self.find_edit.selectAll()

    def close_bar(self) -> None:
        self.hide()
        self.editor.setFocus()

    def _flags(self, backward: bool = False) -> QTextDocument.FindFlag:
        flags = QTextDocument.FindFlag(0)
        if self.match_case.isChecked():
            flags |= QTextDocument.FindFlag.FindCaseSensitively
        if backward:
            flags |= QTextDocument.FindFlag.FindBackward
        return flags

    def _find(self, backward: bool) -> bool:
        needle = self.find_edit.text()
        if not needle:
            return False
        document = self.editor.document()
        found = document.find(needle, self.editor.textCursor(), self._flags(backward))
        if found.isNull():
            # Wrap around once, as a user expects from a search bar.
            start = QTextCursor(document)
            start.movePosition(QTextCursor.MoveOperation.End if backward else QTextCursor.MoveOperation.Start)
            found = document.find(needle, start, self._flags(backward))
        if found.isNull():
            self.status.setText("Не знайдено")
            self.status.setStyleSheet("color: #c5221f")
            return False
        self.status.clear()
        self.status.setStyleSheet("")
        self.editor.setTextCursor(found)
        return True

    def find_next(self) -> bool:
        return self._find(backward=False)

    def find_previous(self) -> bool:
        return self._find(backward=True)

    def _selection_matches(self) -> bool:
        selected = self.editor.textCursor().selectedText()
        needle = self.find_edit.text()
        if self.match_case.isChecked():
            return selected == needle
        return selected.casefold() == needle.casefold()

    def replace(self) -> None:
        """Replaces the current match, then moves on to the next one."""
        if not self.find_edit.text():
            return
        if self._selection_matches():
            self.editor.textCursor().insertText(self.replace_edit.text())
        self.find_next()

    def replace_all(self) -> int:
        """Replaces every match as one undo step; returns how many."""
        needle = self.find_edit.text()
        if not needle:
            return 0
        document = self.editor.document()
        count = 0
        edit = QTextCursor(document)
        edit.beginEditBlock()
        found = document.find(needle, 0, self._flags())
        while not found.isNull():
            edit.setPosition(found.selectionStart())
            edit.setPosition(found.selectionEnd(), QTextCursor.MoveMode.KeepAnchor)
            edit.insertText(self.replace_edit.text())
            count += 1
            found = document.find(needle, edit.position(), self._flags())
        edit.endEditBlock()
        self.status.setStyleSheet("" if count else "color: #c5221f")
        self.status.setText(f"Замінено: {count}" if count else "Не знайдено")
        return count
