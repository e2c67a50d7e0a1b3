"""Printing a release as the PDF export lays it out: the exporter's pages, previewed, then sent to a printer."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QByteArray, QRectF, Qt
from PySide6.QtGui import QImage, QPainter
from PySide6.QtPrintSupport import QPrinter, QPrintPreviewDialog
from PySide6.QtWidgets import QMessageBox, QWidget

from ui.common.tasks import TaskRunner, failure_text
from ui.export.pdf_preview import rasterise

# Sharp enough for a laser printer, small enough to rasterise a long release in a second or two.
PRINT_DPI = 200


def page_images(workspace: Any, release_id: int, document: Any = None) -> list[bytes]:
    """The release's PDF pages as PNG bytes (no Qt widgets: runs in a worker thread)."""
    return rasterise(workspace.exports.preview_pdf_bytes(release_id, document), PRINT_DPI)


def paint_pages(printer: QPrinter, pages: list[bytes]) -> int:
    """Draws each page image onto the printer's page, kept in proportion; returns the pages painted."""
    painter = QPainter()
    if not painter.begin(printer):
        return 0
    painted = 0
    try:
        for number, data in enumerate(pages):
            image = QImage.fromData(QByteArray(data), "PNG")
            if image.isNull():
                continue
            if number:
                printer.newPage()
            target = QRectF(painter.viewport())
            size = image.size().toSizeF()
            size.scale(target.size(), Qt.AspectRatioMode.KeepAspectRatio)
            painter.drawImage(QRectF(target.topLeft(), size), image)
            painted += 1
    finally:
        painter.end()
    return painted


def make_printer() -> QPrinter:
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setFullPage(True)  # the PDF pages carry the ДСТУ margins already
    printer.setDocName("Вісник — реліз")
    return printer


def show_print_preview(parent: QWidget, pages: list[bytes]) -> QPrintPreviewDialog:
    """Qt's print preview of the pages, with its own «Друк» button."""
    printer = make_printer()
    dialog = QPrintPreviewDialog(printer, parent)
    dialog.printer_ = printer  # type: ignore[attr-defined]  # the dialog only points at it: it must live as long
    dialog.setObjectName("print_preview")
    dialog.setWindowTitle("Друк — попередній перегляд")
    dialog.paintRequested.connect(lambda target: paint_pages(target, pages))
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.resize(820, 900)
    dialog.open()
    return dialog


def print_document(parent: QWidget, workspace: Any, release_id: int, document: Any = None) -> None:
    """Renders the release (or the editor's text) through the PDF exporter off the GUI thread, then previews it."""
    tasks: TaskRunner = getattr(parent, "tasks", None) or TaskRunner(parent)

    def shown(pages: list[bytes]) -> None:
        parent.print_preview = show_print_preview(parent, pages)  # type: ignore[attr-defined]

    def failed(error: Exception) -> None:
        QMessageBox.warning(parent, "Друк", failure_text(error, "Не вдалося підготувати сторінки до друку"))

    status_bar = getattr(parent, "statusBar", None)
    if callable(status_bar):
        status_bar().showMessage("Готуються сторінки до друку…", 3000)
    tasks.run(lambda: page_images(workspace, release_id, document), shown, failed)


def print_release(parent: QWidget, workspace: Any, release_id: int) -> None:
    """Prints the selected release's stored text from the main window."""
    print_document(parent, workspace, release_id)
