"""The PDF preview: the release rendered by the PDF exporter itself, shown with QtPdf.

PySide6-Pdf exists only for PySide6 6.12, which the project does not use (see pyproject.toml);
without QtPdf the pages are rasterised by poppler's pdftoppm instead, off the GUI thread.
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path
from typing import Any

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, Qt
from PySide6.QtGui import QImage, QKeySequence, QPixmap, QShortcut
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from desktop.errors import UserError
from ui.common.tasks import failure_text

try:
    from PySide6.QtPdf import QPdfDocument
    from PySide6.QtPdfWidgets import QPdfView

    HAVE_QTPDF = True
except ImportError:  # PySide6-Essentials without the Pdf add-on
    HAVE_QTPDF = False

ZOOM_STEP = 1.2
RASTER_DPI = 110
RASTER_TIMEOUT_S = 60


def rasterise(data: bytes, dpi: int = RASTER_DPI) -> list[bytes]:
    """The pages as PNG bytes by poppler's pdftoppm (no Qt: runs in a worker thread)."""
    tool = shutil.which("pdftoppm")
    if tool is None:
        raise UserError("Для перегляду PDF потрібен модуль QtPdf або програма pdftoppm (poppler-utils).")
    with tempfile.TemporaryDirectory(prefix="visnyk-preview-") as folder:
        done = subprocess.run([tool, "-png", "-r", str(dpi), "-", str(Path(folder) / "page")], input=data,
                              capture_output=True, timeout=RASTER_TIMEOUT_S, check=False)
        if done.returncode != 0:
            raise UserError("Не вдалося намалювати сторінки PDF для перегляду.")
        # pdftoppm pads the page numbers to the same width, so the names sort in page order.
        return [page.read_bytes() for page in sorted(Path(folder).glob("page-*.png"))]


class PageImagesView(QScrollArea):
    """Page images one under another, scaled to the width or zoomed: the view without QtPdf."""

    def __init__(self, pages: list[bytes], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("pdf_view")
        self.images = [QImage.fromData(QByteArray(page), "PNG") for page in pages]
        self.zoom: float | None = None  # None: fit to the width
        self.labels: list[QLabel] = []
        desk = QWidget()
        desk.setObjectName("pdf_desk")
        desk.setStyleSheet("QWidget#pdf_desk { background: #dadce0; }")
        column = QVBoxLayout(desk)
        column.setSpacing(16)
        column.setContentsMargins(16, 16, 16, 16)
        for _image in self.images:
            label = QLabel()
            label.setAlignment(Qt.AlignmentFlag.AlignHCenter)
            column.addWidget(label)
            self.labels.append(label)
        column.addStretch(1)
        self.setWidget(desk)
        self.setWidgetResizable(True)

    def set_zoom(self, zoom: float | None) -> None:
        self.zoom = zoom
        self._scale()

    def factor(self) -> float:
        if self.zoom is not None:
            return self.zoom
        width = max(self.viewport().width() - 40, 200)
        return width / max(self.images[0].width(), 1) if self.images else 1.0

    def _scale(self) -> None:
        factor = self.factor()
        for image, label in zip(self.images, self.labels, strict=True):
            scaled = image.scaledToWidth(max(int(image.width() * factor), 50),
                                         Qt.TransformationMode.SmoothTransformation)
            label.setPixmap(QPixmap.fromImage(scaled))

    def resizeEvent(self, event: Any) -> None:  # noqa: N802
        super().resizeEvent(event)
        if self.zoom is None:
            self._scale()


class PdfPreviewDialog(QDialog):
    """Shows PDF bytes page after page: exactly what the export will write (without the signature)."""

    def __init__(
        self, data: bytes, title: str = "", parent: QWidget | None = None, pages: list[bytes] | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("pdf_preview")
        self.setWindowTitle(f"Перегляд PDF — {title or 'реліз'}")
        self.data = data
        self.document: Any = None
        if HAVE_QTPDF and pages is None:
            # QPdfDocument reads from the buffer lazily: both live as long as the dialog.
            self.buffer = QBuffer(self)
            self.buffer.setData(QByteArray(data))
            self.buffer.open(QIODevice.OpenModeFlag.ReadOnly)
            self.document = QPdfDocument(self)
            self.document.load(self.buffer)
            self.view: Any = QPdfView(self)
            self.view.setObjectName("pdf_view")
            self.view.setDocument(self.document)
            self.view.setPageMode(QPdfView.PageMode.MultiPage)
            self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
            self.view.setPageSpacing(16)
            self._pages = self.document.pageCount()
        else:
            self.view = PageImagesView(pages if pages is not None else rasterise(data), self)
            self._pages = len(self.view.images)

        self.info_label = QLabel(f"Сторінок: {self.page_count}. Так реліз виглядатиме в експортованому PDF.")
        self.info_label.setObjectName("pdf_info")
        zoom_out = QPushButton("−")
        zoom_out.setToolTip("Зменшити (Ctrl+−)")
        zoom_out.clicked.connect(self.zoom_out)
        zoom_in = QPushButton("+")
        zoom_in.setToolTip("Збільшити (Ctrl++)")
        zoom_in.clicked.connect(self.zoom_in)
        fit = QPushButton("За &шириною")
        fit.setToolTip("За шириною вікна (Ctrl+0)")
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
        return self._pages

    def _zoom_by(self, step: float) -> None:
        if self.document is not None:
            self.view.setZoomMode(QPdfView.ZoomMode.Custom)
            self.view.setZoomFactor(self.view.zoomFactor() * step)
        else:
            self.view.set_zoom(self.view.factor() * step)

    def zoom_in(self) -> None:
        self._zoom_by(ZOOM_STEP)

    def zoom_out(self) -> None:
        self._zoom_by(1 / ZOOM_STEP)

    def fit_width(self) -> None:
        if self.document is not None:
            self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        else:
            self.view.set_zoom(None)


def render_preview(workspace: Any, release_id: int, document: Any) -> tuple[bytes, list[bytes] | None]:
    """The PDF bytes, and the page images when QtPdf is missing (the slow part, for a worker)."""
    data = workspace.exports.preview_pdf_bytes(release_id, document)
    return data, (None if HAVE_QTPDF else rasterise(data))


def show_pdf_preview(editor: Any) -> None:
    """Renders the editor's current text through the PDF exporter (off the GUI thread) and shows it."""
    document = editor.current_document()
    workspace = editor.workspace
    release_id = editor.release_id

    def shown(result: tuple[bytes, list[bytes] | None]) -> None:
        data, pages = result
        dialog = PdfPreviewDialog(data, document.title, editor, pages)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        editor.pdf_preview = dialog
        dialog.show()

    def failed(error: Exception) -> None:
        message = failure_text(error, "Не вдалося підготувати PDF")
        QMessageBox.warning(editor, "Перегляд PDF", message)

    editor.statusBar().showMessage("Готується PDF…", 3000)
    editor.tasks.run(lambda: render_preview(workspace, release_id, document), shown, failed)
