"""The comments beside a release's text: a thread, replies, passages anchored in the editor, resolving."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QCheckBox,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QTextEdit,
    QToolButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop.errors import UserError
from ui.common.moments import format_moment
from ui.review.comment_anchors import TextMap, set_anchor_highlights

if TYPE_CHECKING:
    from desktop.facade.review import CommentInfo
    from desktop.workspace import Workspace

COMMENT_ID = Qt.ItemDataRole.UserRole
RESOLVED_COLOUR = QColor("#80868b")
# Another workstation's comment shows up within this time even without a notification.
POLL_INTERVAL_MS = 10000
QUOTE_LIMIT = 80


def quote(text: str) -> str:
    """A passage as it stands in the list: «…», shortened."""
    text = " ".join(text.split())
    return f"«{text if len(text) <= QUOTE_LIMIT else text[: QUOTE_LIMIT - 1] + '…'}»"


class CommentsPanel(QWidget):
    """Lists a release's comments and adds, answers and resolves them; anchors follow the editor's text."""

    def __init__(
        self,
        workspace: Workspace,
        release_id: int,
        editor: QTextEdit | None = None,
        headline: Callable[[], str] | None = None,
        save_first: Callable[[], None] | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("comments_panel")
        self.workspace = workspace
        self.release_id = release_id
        self.editor = editor
        self.headline = headline or (lambda: "")
        # An anchor counts in the stored text: the editor's words are saved before one is taken.
        self.save_first = save_first
        self.comments: list[CommentInfo] = []
        self.pending_anchor: tuple[int, int, str] | None = None
        self.pending_parent: int | None = None
        self._build()
        if editor is not None:
            self.highlight_timer = QTimer(self)
            self.highlight_timer.setSingleShot(True)
            self.highlight_timer.setInterval(300)
            self.highlight_timer.timeout.connect(self.update_highlights)
            editor.textChanged.connect(self.highlight_timer.start)
            editor.selectionChanged.connect(self._update_buttons)
        self.poll_timer = QTimer(self)
        self.poll_timer.setInterval(POLL_INTERVAL_MS)
        self.poll_timer.timeout.connect(self.refresh_if_changed)
        self.poll_timer.start()
        self.refresh()

    def _build(self) -> None:
        self.tree = QTreeWidget()
        self.tree.setObjectName("comment_tree")
        self.tree.setHeaderHidden(True)
        self.tree.setWordWrap(True)
        self.tree.setUniformRowHeights(False)
        self.tree.setIndentation(16)
        self.tree.setAlternatingRowColors(True)
        self.tree.setStyleSheet("QTreeWidget::item { padding: 5px 2px; }")
        self.tree.currentItemChanged.connect(lambda *_: self._on_current_changed())
        self.tree.itemActivated.connect(lambda *_: self.show_passage())
        self.show_resolved = QCheckBox("Показувати вирі&шені")
        self.show_resolved.toggled.connect(lambda *_: self._fill())
        self.summary = QLabel()
        self.summary.setObjectName("comments_summary")

        self.context_label = QLabel()
        self.context_label.setObjectName("comment_context")
        self.context_label.setWordWrap(True)
        self.context_label.setStyleSheet("color: #5f6368")
        self.clear_context_button = QToolButton()
        self.clear_context_button.setText("✕")
        self.clear_context_button.setToolTip("Скасувати відповідь чи прив’язку до фрагмента")
        self.clear_context_button.clicked.connect(self.clear_context)
        context_row = QHBoxLayout()
        context_row.addWidget(self.context_label, 1)
        context_row.addWidget(self.clear_context_button)

        self.compose = QPlainTextEdit()
        self.compose.setObjectName("comment_text")
        self.compose.setPlaceholderText("Напишіть коментар… (Ctrl+Enter — додати)")
        self.compose.setTabChangesFocus(True)
        self.compose.setMaximumHeight(90)
        self.compose.textChanged.connect(self._update_buttons)
        # Ctrl+Enter adds the comment (submitting is Ctrl+Shift+Enter): the box claims it before any shortcut.
        self.compose.installEventFilter(self)
        self.add_button = QPushButton("&Додати")
        self.add_button.clicked.connect(self.add_comment)
        self.anchor_button = QPushButton("До виді&леного")
        self.anchor_button.setToolTip("Коментар до виділеного в тексті фрагмента (Ctrl+Alt+M у редакторі)")
        self.anchor_button.clicked.connect(self.comment_on_selection)
        self.reply_button = QPushButton("В&ідповісти")
        self.reply_button.clicked.connect(self.reply_to_current)
        self.resolve_button = QPushButton("Вирішен&о")
        self.resolve_button.clicked.connect(self.toggle_resolved)

        top = QVBoxLayout()
        top.addWidget(self.summary)
        top.addWidget(self.show_resolved)
        thread_buttons = QHBoxLayout()
        thread_buttons.addWidget(self.reply_button)
        thread_buttons.addWidget(self.resolve_button)
        thread_buttons.addStretch(1)
        compose_buttons = QHBoxLayout()
        compose_buttons.addWidget(self.anchor_button)
        compose_buttons.addStretch(1)
        compose_buttons.addWidget(self.add_button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.tree, 1)
        layout.addLayout(thread_buttons)
        layout.addLayout(context_row)
        layout.addWidget(self.compose)
        layout.addLayout(compose_buttons)
        self.tree.viewport().installEventFilter(self)
        self._show_context()

    # Loading.

    def refresh(self) -> None:
        """Reads the comments again and re-marks their passages."""
        try:
            self.comments = self.workspace.review.comments(self.release_id)
        except UserError as error:
            self.summary.setText(str(error))
            return
        self._fill()

    def refresh_if_changed(self) -> None:
        """Re-reads the comments (another workstation's, or resolved there) and redraws only on a change."""
        if not self.isVisible():
            return
        try:
            comments = self.workspace.review.comments(self.release_id)
        except UserError:
            return
        if comments != self.comments:
            self.comments = comments
            self._fill()

    def _fill(self) -> None:
        current = self.current_comment_id()
        self.tree.clear()
        show_resolved = self.show_resolved.isChecked()
        items: dict[int, QTreeWidgetItem] = {}
        open_count = 0
        for comment in self.comments:
            if comment.parent_id is None and not comment.resolved:
                open_count += 1
            parent = items.get(comment.parent_id) if comment.parent_id is not None else None
            if comment.parent_id is not None and parent is None:
                continue  # the reply of a hidden (resolved) thread
            if comment.parent_id is None and comment.resolved and not show_resolved:
                continue
            item = QTreeWidgetItem([self._item_text(comment)])
            item.setData(0, COMMENT_ID, comment.id)
            item.setToolTip(0, comment.text)
            if comment.resolved:
                item.setForeground(0, QBrush(RESOLVED_COLOUR))
            if parent is None:
                self.tree.addTopLevelItem(item)
            else:
                parent.addChild(item)
            items[comment.id] = item
        self.tree.expandAll()
        resolved_count = sum(1 for c in self.comments if c.parent_id is None and c.resolved)
        self.summary.setText(f"Відкритих: {open_count} · вирішених: {resolved_count}")
        if current is not None and current in items:
            self.tree.setCurrentItem(items[current])
        self.update_highlights()
        self._update_buttons()

    @staticmethod
    def _item_text(comment: CommentInfo) -> str:
        lines = [f"{comment.author_name} · {format_moment(comment.created_at)}"]
        if comment.resolved:
            lines[0] += " · вирішено"
        if comment.anchored:
            lines.append(quote(comment.anchor_text))
        lines.append(comment.text)
        return "\n".join(lines)

    # Which comment.

    def current_comment_id(self) -> int | None:
        item = self.tree.currentItem()
        return int(item.data(0, COMMENT_ID)) if item is not None else None

    def comment(self, comment_id: int | None) -> CommentInfo | None:
        return next((c for c in self.comments if c.id == comment_id), None)

    def _on_current_changed(self) -> None:
        self._update_buttons()
        self.update_highlights()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if watched is self.compose and event.type() in (QEvent.Type.ShortcutOverride, QEvent.Type.KeyPress):
            key_event = event  # a QKeyEvent for both types
            modifiers = key_event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier  # type: ignore[attr-defined]
            is_send = key_event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and (  # type: ignore[attr-defined]
                modifiers == Qt.KeyboardModifier.ControlModifier
            )
            if is_send:
                event.accept()
                if event.type() == QEvent.Type.KeyPress:
                    self.add_comment()
                return True
        # A click on a comment shows its passage, even on the comment already current.
        if watched is self.tree.viewport() and event.type() == QEvent.Type.MouseButtonRelease:
            QTimer.singleShot(0, self.show_passage)
        return super().eventFilter(watched, event)

    # The passages in the editor.

    def text_map(self) -> TextMap | None:
        return TextMap(self.headline(), self.editor.document()) if self.editor is not None else None

    def passage_range(self, comment: CommentInfo, text_map: TextMap | None = None) -> tuple[int, int] | None:
        """Where the comment's passage is in the editor now, or None (not anchored, or its words are gone).

        A caller locating several passages builds the map once and passes it; without one, a fresh map is built.
        """
        if not comment.anchored:
            return None
        text_map = text_map if text_map is not None else self.text_map()
        if text_map is None:
            return None
        return text_map.locate(comment.anchor_start, comment.anchor_text)

    def update_highlights(self) -> None:
        """Marks the passages of the open comments; the current comment's passage stronger."""
        if self.editor is None:
            return
        current = self.current_comment_id()
        ranges: list[tuple[int, int]] = []
        focused: int | None = None
        open_comments = [comment for comment in self.comments if not comment.resolved and comment.anchored]
        # One map of the whole document for all the passages (this runs after every pause in typing).
        text_map = self.text_map() if open_comments else None
        for comment in open_comments:
            found = self.passage_range(comment, text_map)
            if found is None:
                continue
            if comment.id == current:
                focused = len(ranges)
            ranges.append(found)
        set_anchor_highlights(self.editor, ranges, focused)

    def show_passage(self) -> None:
        """Selects the current comment's passage in the editor."""
        comment = self.comment(self.current_comment_id())
        if comment is None or self.editor is None or not comment.anchored:
            return
        found = self.passage_range(comment)
        if found is None:
            self.context_label.setText("Фрагмент, до якого цей коментар, у тексті вже змінено.")
            return
        cursor = self.editor.textCursor()
        cursor.setPosition(found[0])
        cursor.setPosition(found[1], cursor.MoveMode.KeepAnchor)
        self.editor.setTextCursor(cursor)
        self.editor.ensureCursorVisible()

    # Writing.

    def comment_on_selection(self) -> None:
        """Takes the editor's selection as the passage of the next comment and moves to the text box."""
        if self.editor is None:
            return
        if self.save_first is not None:
            self.save_first()
        text_map = self.text_map()
        anchor = text_map.selection_anchor(self.editor.textCursor()) if text_map else None
        if anchor is None:
            self.context_label.setText("Спершу виділіть у тексті фрагмент, якого стосується коментар.")
            self.context_label.show()
            return
        self.pending_anchor = anchor
        self.pending_parent = None
        self._show_context()
        self.compose.setFocus()

    def reply_to_current(self) -> None:
        """Makes the next comment a reply to the current thread."""
        comment = self.comment(self.current_comment_id())
        if comment is None:
            return
        self.pending_parent = comment.parent_id or comment.id  # one level: replies join the thread
        self.pending_anchor = None
        self._show_context()
        self.compose.setFocus()

    def clear_context(self) -> None:
        self.pending_anchor = None
        self.pending_parent = None
        self._show_context()

    def _show_context(self) -> None:
        if self.pending_anchor is not None:
            text = f"До фрагмента {quote(self.pending_anchor[2])}"
        elif self.pending_parent is not None:
            parent = self.comment(self.pending_parent)
            text = f"Відповідь на коментар: {parent.author_name}" if parent else "Відповідь"
        else:
            text = ""
        self.context_label.setText(text)
        self.context_label.setVisible(bool(text))
        self.clear_context_button.setVisible(bool(text))

    def add_comment(self) -> None:
        """Sends the text box's comment (anchored or a reply, as prepared)."""
        text = self.compose.toPlainText().strip()
        if not text:
            self.compose.setFocus()
            return
        try:
            new_id = self.workspace.review.add_comment(
                self.release_id, text, anchor=self.pending_anchor, parent_id=self.pending_parent
            )
        except UserError as error:
            self.context_label.setText(str(error))
            self.context_label.show()
            return
        self.compose.clear()
        self.clear_context()
        self.refresh()
        self._select(new_id)

    def toggle_resolved(self) -> None:
        """Resolves the current comment, or reopens a resolved one."""
        comment = self.comment(self.current_comment_id())
        if comment is None:
            return
        try:
            self.workspace.review.resolve_comment(comment.id, not comment.resolved)
        except UserError as error:
            self.context_label.setText(str(error))
            self.context_label.show()
            return
        self.refresh()

    def _select(self, comment_id: int) -> None:
        iterator = [self.tree.topLevelItem(i) for i in range(self.tree.topLevelItemCount())]
        while iterator:
            item = iterator.pop()
            if item.data(0, COMMENT_ID) == comment_id:
                self.tree.setCurrentItem(item)
                return
            iterator.extend(item.child(i) for i in range(item.childCount()))

    def _update_buttons(self) -> None:
        comment = self.comment(self.current_comment_id())
        self.reply_button.setEnabled(comment is not None)
        self.resolve_button.setEnabled(comment is not None)
        self.resolve_button.setText("Відкрити &знову" if comment and comment.resolved else "Вирішен&о")
        self.add_button.setEnabled(bool(self.compose.toPlainText().strip()))
        has_selection = self.editor is not None and self.editor.textCursor().hasSelection()
        self.anchor_button.setEnabled(has_selection)
