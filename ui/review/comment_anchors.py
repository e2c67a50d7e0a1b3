"""Where comments' passages are in the editor: the core counts in the release's plain text, the editor in its body.

The core's plain text is the headline, then one line per non-empty paragraph; the editor shows the
headline apart and may hold empty paragraphs. A TextMap translates between the two, and a passage
whose words moved is found again by its quoted text, nearest its old place.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtGui import QColor, QTextCharFormat, QTextCursor, QTextDocument, QTextFormat
from PySide6.QtWidgets import QTextEdit

# Marks our extra selections, so that other areas' (find, proofing) survive our updates.
ANCHOR_PROPERTY = QTextFormat.Property.UserProperty + 61
OPEN_COLOUR = QColor("#fde293")
FOCUS_COLOUR = QColor("#fbbc04")


@dataclass(frozen=True)
class Segment:
    """One non-empty paragraph: where it starts in the core's plain text and in the editor."""

    core_start: int
    editor_start: int
    length: int


class TextMap:
    """Translates offsets between the core's plain text of a release and the editor's body."""

    def __init__(self, title: str, document: QTextDocument) -> None:
        lines = [title]
        self.segments: list[Segment] = []
        core = len(title) + 1
        block = document.firstBlock()
        while block.isValid():
            text = block.text().replace("\u2028", " ")
            if text.strip():
                self.segments.append(Segment(core, block.position(), len(text)))
                lines.append(text)
                core += len(text) + 1
            block = block.next()
        self.plain_text = "\n".join(lines)

    def to_core(self, editor_position: int) -> int | None:
        """The core offset of an editor position inside a non-empty paragraph (its end included)."""
        for segment in self.segments:
            if segment.editor_start <= editor_position <= segment.editor_start + segment.length:
                return segment.core_start + editor_position - segment.editor_start
        return None

    def to_editor(self, core_offset: int) -> int | None:
        """The editor position of a core offset in the body; None inside the headline."""
        for segment in self.segments:
            if segment.core_start <= core_offset <= segment.core_start + segment.length:
                return segment.editor_start + core_offset - segment.core_start
        return None

    def selection_anchor(self, cursor: QTextCursor) -> tuple[int, int, str] | None:
        """The editor's selection as the core's anchor (start, end, quoted text), or None if empty."""
        if not cursor.hasSelection():
            return None
        start = self.to_core(cursor.selectionStart())
        end = self.to_core(cursor.selectionEnd())
        if start is None or end is None or end <= start:
            return None
        return start, end, self.plain_text[start:end]

    def locate(self, start: int | None, quoted: str) -> tuple[int, int] | None:
        """The editor range of a passage: its quoted text nearest its old place, or None if gone."""
        if start is None or not quoted:
            return None
        best: int | None = None
        position = self.plain_text.find(quoted)
        while position != -1:
            if best is None or abs(position - start) < abs(best - start):
                best = position
            position = self.plain_text.find(quoted, position + 1)
        if best is None:
            return None
        editor_start = self.to_editor(best)
        editor_end = self.to_editor(best + len(quoted))
        if editor_start is None or editor_end is None:
            return None
        return editor_start, editor_end


def anchor_selection(editor: QTextEdit, start: int, end: int, focused: bool) -> QTextEdit.ExtraSelection:
    """A highlight of one commented passage, tagged as ours."""
    selection = QTextEdit.ExtraSelection()
    cursor = QTextCursor(editor.document())
    cursor.setPosition(start)
    cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
    selection.cursor = cursor
    text_format = QTextCharFormat()
    text_format.setBackground(FOCUS_COLOUR if focused else OPEN_COLOUR)
    text_format.setProperty(ANCHOR_PROPERTY, True)
    selection.format = text_format
    return selection


def set_anchor_highlights(editor: QTextEdit, ranges: list[tuple[int, int]], focused: int | None = None) -> None:
    """Replaces our highlights in the editor, keeping every other extra selection."""
    others = [item for item in editor.extraSelections() if not item.format.property(ANCHOR_PROPERTY)]
    ours = [anchor_selection(editor, start, end, index == focused) for index, (start, end) in enumerate(ranges)]
    editor.setExtraSelections(others + ours)


def anchor_highlights(editor: QTextEdit) -> list[tuple[int, int]]:
    """The passages we highlight now, as editor ranges (for tests and the panel)."""
    return [
        (item.cursor.selectionStart(), item.cursor.selectionEnd())
        for item in editor.extraSelections()
        if item.format.property(ANCHOR_PROPERTY)
    ]
