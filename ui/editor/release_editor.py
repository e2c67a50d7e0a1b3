"""The rich-text editor of a release's body, converting QTextDocument ⇄ the document model."""

from __future__ import annotations

from PySide6.QtCore import QMimeData, Qt
from PySide6.QtGui import (
    QColor,
    QFont,
    QKeyEvent,
    QTextBlock,
    QTextBlockFormat,
    QTextCharFormat,
    QTextCursor,
    QTextDocument,
    QTextFormat,
    QTextListFormat,
)
from PySide6.QtWidgets import QTextEdit, QWidget

from desktop.document import BLOCK_KINDS, Block, Document, Run

# The block kind lives in the block format, so Qt's own undo stack keeps it with the text.
KIND_PROPERTY = int(QTextFormat.Property.UserProperty)

KIND_LABELS = {
    "lead": "Лід",
    "paragraph": "Абзац",
    "quote": "Цитата",
    "list_item": "Пункт списку",
    "subheading": "Підзаголовок",
}

EDITOR_FONT_FAMILY = "Liberation Serif"
EDITOR_FONT_SIZE = 13.0
# How each kind looks; size, weight below bold and colour are not run flags, so reading back ignores them.
_KIND_SIZE = {"subheading": EDITOR_FONT_SIZE + 2}
_KIND_WEIGHT = {"subheading": int(QFont.Weight.DemiBold), "lead": int(QFont.Weight.Medium)}
_KIND_COLOUR = {"quote": "#3c4043", "lead": "#1f1f1f"}
_BOLD_WEIGHT = int(QFont.Weight.Bold)
_FIRST_LINE_INDENT_PX = 28.0


def base_weight(kind: str) -> int:
    """The font weight of a kind's unformatted text (bold is always heavier)."""
    return _KIND_WEIGHT.get(kind, int(QFont.Weight.Normal))


def block_format(kind: str) -> QTextBlockFormat:
    """The paragraph format that shows a kind: indents, margins, background."""
    fmt = QTextBlockFormat()
    fmt.setProperty(KIND_PROPERTY, kind)
    fmt.setBottomMargin(6)
    fmt.setAlignment(Qt.AlignmentFlag.AlignJustify)
    if kind == "paragraph":
        fmt.setTextIndent(_FIRST_LINE_INDENT_PX)
    elif kind == "lead":
        fmt.setTextIndent(_FIRST_LINE_INDENT_PX)
        fmt.setBackground(QColor("#eef3fb"))
        fmt.setBottomMargin(10)
    elif kind == "quote":
        fmt.setLeftMargin(36)
        fmt.setRightMargin(24)
        fmt.setBackground(QColor("#f4f4f2"))
    elif kind == "subheading":
        fmt.setTopMargin(10)
        fmt.setAlignment(Qt.AlignmentFlag.AlignLeft)
    return fmt


def char_format(kind: str, run: Run | None = None) -> QTextCharFormat:
    """The character format of a run inside a block of the kind."""
    fmt = QTextCharFormat()
    fmt.setFontFamilies([EDITOR_FONT_FAMILY, "Times New Roman", "serif"])
    fmt.setFontPointSize(_KIND_SIZE.get(kind, EDITOR_FONT_SIZE))
    fmt.setForeground(QColor(_KIND_COLOUR.get(kind, "#202124")))
    bold = run.bold if run else False
    fmt.setFontWeight(_BOLD_WEIGHT if bold else base_weight(kind))
    fmt.setFontItalic(run.italic if run else False)
    fmt.setFontUnderline(run.underline if run else False)
    return fmt


def kind_of(block: QTextBlock) -> str:
    """The kind stored in a block's format; a block without one is a paragraph."""
    value = block.blockFormat().property(KIND_PROPERTY)
    return value if value in BLOCK_KINDS else "paragraph"


def runs_of(block: QTextBlock) -> tuple[Run, ...]:
    """The block's text as runs with the three flags read from the character formats."""
    runs: list[Run] = []
    iterator = block.begin()
    while not iterator.atEnd():
        fragment = iterator.fragment()
        if fragment.isValid() and fragment.text():
            fmt = fragment.charFormat()
            # Qt writes U+2028 for a soft line break; the model has one line per block.
            text = fragment.text().replace("\u2028", " ").replace("\ufffc", "")
            runs.append(Run(text, fmt.fontWeight() >= _BOLD_WEIGHT, fmt.fontItalic(), fmt.fontUnderline()))
        iterator += 1
    return Block("paragraph", tuple(runs)).normalized().runs


def to_document(text_document: QTextDocument, title: str) -> Document:
    """The model of the editor's text; empty paragraphs are dropped."""
    blocks: list[Block] = []
    block = text_document.firstBlock()
    while block.isValid():
        runs = runs_of(block)
        if "".join(run.text for run in runs).strip():
            blocks.append(Block(kind_of(block), runs))
        block = block.next()
    return Document(title, tuple(blocks))


def _join_list(cursor: QTextCursor) -> None:
    """Puts the cursor's block into the list of the list item just above it, or starts a list."""
    previous = cursor.block().previous()
    if previous.isValid() and kind_of(previous) == "list_item" and previous.textList() is not None:
        previous.textList().add(cursor.block())
    else:
        list_format = QTextListFormat()
        list_format.setStyle(QTextListFormat.Style.ListDisc)
        list_format.setIndent(1)
        cursor.createList(list_format)


def fill_text_document(text_document: QTextDocument, document: Document) -> None:
    """Replaces the text document's content with the model's blocks (the headline is not in the body)."""
    text_document.clear()
    cursor = QTextCursor(text_document)
    blocks = document.blocks or (Block("lead", ()),)
    for index, block in enumerate(blocks):
        if index == 0:
            cursor.setBlockFormat(block_format(block.kind))
        else:
            cursor.insertBlock(block_format(block.kind))
        cursor.setBlockCharFormat(char_format(block.kind))
        if block.kind == "list_item":
            _join_list(cursor)
        for run in block.runs:
            cursor.insertText(run.text, char_format(block.kind, run))
        cursor.setCharFormat(char_format(block.kind))


class ReleaseEditor(QTextEdit):
    """A QTextEdit whose every paragraph is one block of the document model."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("release_editor")
        self.setAcceptRichText(False)
        self.setTabChangesFocus(True)
        font = QFont(EDITOR_FONT_FAMILY)
        font.setPointSizeF(EDITOR_FONT_SIZE)
        self.document().setDefaultFont(font)
        self.document().setDocumentMargin(18)

    # The model.

    def set_model(self, document: Document) -> None:
        """Shows the document's blocks; the undo history starts empty."""
        self.document().setUndoRedoEnabled(False)
        fill_text_document(self.document(), document)
        self.document().setUndoRedoEnabled(True)
        self.document().setModified(False)
        self.moveCursor(QTextCursor.MoveOperation.Start)

    def model(self, title: str) -> Document:
        """The text as a document with the given headline."""
        return to_document(self.document(), title)

    # Formatting, each change one undo step.

    def current_kind(self) -> str:
        return kind_of(self.textCursor().block())

    def set_block_kind(self, kind: str) -> None:
        """Gives every block touched by the selection the kind, restyling its text."""
        cursor = self.textCursor()
        start, end = cursor.selectionStart(), cursor.selectionEnd()
        edit = QTextCursor(self.document())
        edit.beginEditBlock()
        block = self.document().findBlock(start)
        last = self.document().findBlock(end)
        while block.isValid():
            self._restyle_block(edit, block, kind)
            if block == last:
                break
            block = block.next()
        edit.endEditBlock()
        self.setCurrentCharFormat(char_format(kind, self._run_at_cursor()))

    def _restyle_block(self, edit: QTextCursor, block: QTextBlock, kind: str) -> None:
        edit.setPosition(block.position())
        text_list = block.textList()
        if text_list is not None and kind != "list_item":
            text_list.remove(block)
        edit.setBlockFormat(block_format(kind))
        edit.setBlockCharFormat(char_format(kind))
        if kind == "list_item" and block.textList() is None:
            _join_list(edit)
        # Each fragment keeps its own flags; only the kind's look changes.
        iterator = block.begin()
        spans: list[tuple[int, int, Run]] = []
        while not iterator.atEnd():
            fragment = iterator.fragment()
            if fragment.isValid():
                fmt = fragment.charFormat()
                run = Run("", fmt.fontWeight() >= _BOLD_WEIGHT, fmt.fontItalic(), fmt.fontUnderline())
                spans.append((fragment.position(), fragment.length(), run))
            iterator += 1
        for position, length, run in spans:
            edit.setPosition(position)
            edit.setPosition(position + length, QTextCursor.MoveMode.KeepAnchor)
            edit.setCharFormat(char_format(kind, run))

    def _run_at_cursor(self) -> Run:
        fmt = self.currentCharFormat()
        return Run("", fmt.fontWeight() >= _BOLD_WEIGHT, fmt.fontItalic(), fmt.fontUnderline())

    def set_bold(self, on: bool) -> None:
        fmt = QTextCharFormat()
        fmt.setFontWeight(_BOLD_WEIGHT if on else base_weight(self.current_kind()))
        self.mergeCurrentCharFormat(fmt)

    def set_italic(self, on: bool) -> None:
        fmt = QTextCharFormat()
        fmt.setFontItalic(on)
        self.mergeCurrentCharFormat(fmt)

    def set_underline(self, on: bool) -> None:
        fmt = QTextCharFormat()
        fmt.setFontUnderline(on)
        self.mergeCurrentCharFormat(fmt)

    def is_bold(self) -> bool:
        return self.currentCharFormat().fontWeight() >= _BOLD_WEIGHT

    # Typing.

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and not (
            event.modifiers() & Qt.KeyboardModifier.ShiftModifier
        ):
            kind = self.current_kind()
            cursor = self.textCursor()
            if kind in ("lead", "subheading") and cursor.atBlockEnd():
                # After a lead or a subheading comes an ordinary paragraph, not a second lead.
                cursor.beginEditBlock()
                cursor.insertBlock(block_format("paragraph"), char_format("paragraph"))
                cursor.endEditBlock()
                self.setTextCursor(cursor)
                self.ensureCursorVisible()
                return
            if kind == "list_item" and not cursor.block().text():
                # Enter on an empty bullet ends the list, as in every word processor.
                self.set_block_kind("paragraph")
                return
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            # A soft line break would hide two paragraphs in one block: the model has none.
            event = QKeyEvent(event.type(), event.key(), Qt.KeyboardModifier.NoModifier, event.text())
        super().keyPressEvent(event)

    def insertFromMimeData(self, source: QMimeData) -> None:  # noqa: N802
        """Pastes plain text only, so that no foreign formatting ever enters a release."""
        if not source.hasText():
            return
        cursor = self.textCursor()
        cursor.beginEditBlock()
        first = cursor.block().blockNumber() if not cursor.hasSelection() else self.document().findBlock(
            cursor.selectionStart()).blockNumber()
        cursor.insertText(source.text(), char_format(self.current_kind()))
        # Pasted paragraphs after the first are ordinary paragraphs, not a second lead or heading.
        block = self.document().findBlockByNumber(first).next()
        while block.isValid() and block.blockNumber() <= cursor.block().blockNumber():
            if kind_of(block) in ("lead", "subheading"):
                self._restyle_block(QTextCursor(self.document()), block, "paragraph")
            block = block.next()
        cursor.endEditBlock()
        self.ensureCursorVisible()
