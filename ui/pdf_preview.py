"""The PDF preview: the release rendered by the PDF exporter itself, shown with QtPdf."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop.errors import UserError

ZOOM_STEP = 1.2


class PdfPreviewDialog(QDialog):
    """Shows PDF bytes page after page: exactly what the export will write (without the signature)."""

    def __init__(self, data: bytes, title: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("pdf_preview")
        self.setWindowTitle(f"Перегляд PDF — {title or 'реліз'}")
        # QPdfDocument reads from the buffer lazily: both live as long as the dialog.
        self.buffer = QBuffer(self)
        self.buffer.setData(QByteArray(data))
        self.buffer.open(QIODevice.OpenModeFlag.ReadOnly)
        self.document = QPdfDocument(self)
        self.document.load(self.buffer)
        self.view = QPdfView(self)
        self.view.setObjectName("pdf_view")
        self.view.setDocument(self.document)
        self.view.setPageMode(QPdfView.PageMode.MultiPage)
        self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        self.view.setPageSpacing(16)

        self.info_label = QLabel(f"Сторінок: {self.page_count}. Так реліз виглядатиме в експортованому PDF.")
        self.info_label.setObjectName("pdf_info")
        zoom_out = QPushButton("−")
        zoom_out.setToolTip("Зменшити (Ctrl+−)")
        zoom_out.clicked.connect(self.zoom_out)
        zoom_in = QPushButton("+")
        zoom_in.setToolTip("Збільшити (Ctrl++)")
        zoom_in.clicked.connect(self.zoom_in)
        fit = QPushButton("За &шириною")
        fit.clicked.connect(self.fit_width)
        for button in (zoom_out, zoom_in):
            button.setFixedWidth(36)
        QShortcut(QKeySequence.StandardKey.ZoomIn, self, activated=self.zoom_in)
        QShortcut(QKeySequence.StandardKey.ZoomOut, self, activated=self.zoom_out)
        QShortcut(QKeySequence("Ctrl+0"), self, activated=self.fit_width)

        bar = QHBoxLayout()
        bar.addWidget(self.info_label, 1)
        bar.addWidget(zoom_out)
        bar.addWidget(zoom_in)
        bar.addWidget(fit)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.button(QDialogButtonBox.StandardButton.Close).setText("Закрити")
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(self.view, 1)
        layout.addWidget(buttons)
        self.resize(760, 900)

    @property
    def page_count(self) -> int:
        return self.document.pageCount()

    def zoom_in(self) -> None:
        self.view.setZoomMode(QPdfView.ZoomMode.Custom)
        self.view.setZoomFactor(self.view.zoomFactor() * ZOOM_STEP)

    def zoom_out(self) -> None:
        self.view.setZoomMode(QPdfView.ZoomMode.Custom)
        self.view.setZoomFactor(self.view.zoomFactor() / ZOOM_STEP)

    def fit_width(self) -> None:
        self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)


def show_pdf_preview(editor: Any) -> None:
    """Renders the editor's current text through the PDF exporter (off the GUI thread) and shows it."""
    document = editor.current_document()
    workspace = editor.workspace
    release_id = editor.release_id

    def shown(data: bytes) -> None:
        dialog = PdfPreviewDialog(data, document.title, editor)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        editor.pdf_preview = dialog
        dialog.show()

    def failed(error: Exception) -> None:
        message = str(error) if isinstance(error, UserError) else f"Не вдалося підготувати PDF: {error}"
        QMessageBox.warning(editor, "Перегляд PDF", message)

    editor.statusBar().showMessage("Готується PDF…", 3000)
    editor.tasks.run(lambda: workspace.preview_pdf_bytes(release_id, document), shown, failed)
