"""A page preview of a release: A4 pages with the export's margins, drawn from the document model."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QRectF, QSize, QSizeF, Qt
from PySide6.QtGui import (
    QColor,
    QFont,
    QPainter,
    QPaintEvent,
    QTextBlockFormat,
    QTextCharFormat,
    QTextCursor,
    QTextDocument,
    QTextListFormat,
)
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QScrollArea, QVBoxLayout, QWidget

from desktop.document import Document

try:  # the export's measures, when that module is present
    from desktop.export import layout as _layout

    PAGE_MM = (_layout.PAGE_WIDTH_MM, _layout.PAGE_HEIGHT_MM)
    MARGINS_MM = (_layout.MARGIN_LEFT_MM, _layout.MARGIN_TOP_MM, _layout.MARGIN_RIGHT_MM, _layout.MARGIN_BOTTOM_MM)
    FONT_PT = _layout.FONT_SIZE_PT
    INDENT_CM = _layout.FIRST_LINE_INDENT_CM
except ImportError:  # pragma: no cover - the same figures, after ДСТУ 4163
    PAGE_MM = (210.0, 297.0)
    MARGINS_MM = (30.0, 20.0, 10.0, 20.0)
    FONT_PT = 14.0
    INDENT_CM = 1.25

PX_PER_MM = 96 / 25.4
PAGE_GAP_PX = 24


def _mm(value: float) -> float:
    return value * PX_PER_MM


def page_document(document: Document, signature_lines: Sequence[str]) -> QTextDocument:
    """The release as a paginated QTextDocument: headline, blocks, then the department signature."""
    pages = QTextDocument()
    font = QFont("Liberation Serif")
    font.setPointSizeF(FONT_PT)
    pages.setDefaultFont(font)
    pages.setPageSize(QSizeF(_mm(PAGE_MM[0]), _mm(PAGE_MM[1])))
    frame = pages.rootFrame().frameFormat()
    frame.setLeftMargin(_mm(MARGINS_MM[0]))
    frame.setTopMargin(_mm(MARGINS_MM[1]))
    frame.setRightMargin(_mm(MARGINS_MM[2]))
    frame.setBottomMargin(_mm(MARGINS_MM[3]))
    pages.rootFrame().setFrameFormat(frame)
    cursor = QTextCursor(pages)
    heading = QTextBlockFormat()
    heading.setAlignment(Qt.AlignmentFlag.AlignCenter)
    heading.setBottomMargin(12)
    bold = QTextCharFormat()
    bold.setFontWeight(QFont.Weight.Bold)
    cursor.setBlockFormat(heading)
    cursor.insertText(document.title, bold)
    indent = _mm(INDENT_CM * 10)
    current_list = None
    for block in document.blocks:
        fmt = QTextBlockFormat()
        fmt.setAlignment(Qt.AlignmentFlag.AlignJustify)
        if block.kind in ("lead", "paragraph"):
            fmt.setTextIndent(indent)
        elif block.kind == "quote":
            fmt.setLeftMargin(indent)
        elif block.kind == "subheading":
            fmt.setAlignment(Qt.AlignmentFlag.AlignLeft)
            fmt.setTopMargin(8)
        cursor.insertBlock(fmt, QTextCharFormat())
        if block.kind == "list_item":
            if current_list is None:
                list_format = QTextListFormat()
                list_format.setStyle(QTextListFormat.Style.ListDisc)
                current_list = cursor.createList(list_format)
            else:
                current_list.add(cursor.block())
        else:
            current_list = None
        for run in block.runs:
            char = QTextCharFormat()
            char.setFontWeight(QFont.Weight.Bold if run.bold or block.kind == "subheading" else QFont.Weight.Normal)
            char.setFontItalic(run.italic or block.kind == "quote")
            char.setFontUnderline(run.underline)
            cursor.insertText(run.text, char)
    signature = QTextBlockFormat()
    signature.setTopMargin(24)
    for index, line in enumerate(signature_lines):
        if index:
            signature.setTopMargin(0)
        cursor.insertBlock(signature, QTextCharFormat())
        cursor.insertText(line)
    return pages


class PageStackView(QWidget):
    """Paints the pages of a paginated QTextDocument one under another, scaled."""

    def __init__(self, pages: QTextDocument, scale: float = 0.75, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.pages = pages
        self.scale = scale
        self.setObjectName("page_stack")

    @property
    def page_count(self) -> int:
        return self.pages.pageCount()

    def sizeHint(self) -> QSize:  # noqa: N802
        size = self.pages.pageSize()
        height = self.page_count * (size.height() * self.scale + PAGE_GAP_PX) + PAGE_GAP_PX
        return QSize(int(size.width() * self.scale) + 2 * PAGE_GAP_PX, int(height))

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802
        painter = QPainter(self)
        painter.fillRect(self.rect(), QColor("#dadce0"))
        size = self.pages.pageSize()
        left = (self.width() - size.width() * self.scale) / 2
        for page in range(self.page_count):
            top = PAGE_GAP_PX + page * (size.height() * self.scale + PAGE_GAP_PX)
            painter.save()
            painter.translate(left, top)
            painter.scale(self.scale, self.scale)
            painter.fillRect(QRectF(4, 4, size.width(), size.height()), QColor("#b0b3b8"))
            painter.fillRect(QRectF(0, 0, size.width(), size.height()), Qt.GlobalColor.white)
            painter.translate(0, -page * size.height())
            clip = QRectF(0, page * size.height(), size.width(), size.height())
            self.pages.drawContents(painter, clip)
            painter.restore()
        painter.end()


class PagePreviewDialog(QDialog):
    """Shows the release as it will lie on A4 pages (the editor's rendering until the PDF preview)."""

    def __init__(self, document: Document, signature_lines: Sequence[str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(f"Попередній перегляд — {document.title or 'без заголовка'}")
        self.pages = page_document(document, signature_lines)
        self.view = PageStackView(self.pages)
        self.view.setMinimumSize(self.view.sizeHint())
        scroll = QScrollArea()
        scroll.setWidget(self.view)
        scroll.setWidgetResizable(True)
        scroll.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        count = self.view.page_count
        note = QLabel(f"Сторінок: {count}. Поля: ліве {MARGINS_MM[0]:g} мм, праве {MARGINS_MM[2]:g} мм, "
                      f"верхнє й нижнє {MARGINS_MM[1]:g} мм; шрифт {FONT_PT:g} пт.")
        note.setObjectName("preview_note")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.button(QDialogButtonBox.StandardButton.Close).setText("Закрити")
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(scroll, 1)
        layout.addWidget(note)
        layout.addWidget(buttons)
        self.resize(self.view.sizeHint().width() + 40, 860)
