"""The editor window's central area: the headline with its counter, then the body and signature on a page."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QScrollArea,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from ui.editor.release_editor import EDITOR_FONT_FAMILY, ReleaseEditor

PAGE_MAX_WIDTH = 920
EDITOR_MIN_HEIGHT = 260


class EditorPage(QWidget):
    """Lays the headline over a white page that holds the growing body and, right under it, the signature."""

    def __init__(self, editor: ReleaseEditor, find_bar: QWidget, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.editor = editor
        self.headline_edit = QLineEdit()
        self.headline_edit.setObjectName("headline")
        self.headline_edit.setPlaceholderText("Заголовок релізу")
        headline_font = QFont(EDITOR_FONT_FAMILY)
        headline_font.setPointSizeF(15)
        headline_font.setBold(True)
        self.headline_edit.setFont(headline_font)
        self.headline_counter = QLabel()
        self.headline_counter.setObjectName("headline_counter")
        headline_label = QLabel("&Заголовок:")
        headline_label.setBuddy(self.headline_edit)
        headline_row = QHBoxLayout()
        headline_row.addWidget(headline_label)
        headline_row.addWidget(self.headline_edit, 1)
        headline_row.addWidget(self.headline_counter)

        # The body grows with its text inside a scrolling page, so the signature always sits right under it.
        self.editor.setFrameShape(QFrame.Shape.NoFrame)
        self.editor.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.editor.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.editor.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.editor.document().documentLayout().documentSizeChanged.connect(lambda *_: self._fit_editor())
        self.editor.cursorPositionChanged.connect(self._keep_cursor_visible)
        self.signature_label = QLabel()
        self.signature_label.setObjectName("signature")
        self.signature_label.setTextInteractionFlags(Qt.TextInteractionFlag.NoTextInteraction)
        self.signature_label.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.signature_label.setWordWrap(True)
        self.signature_label.setToolTip("Підпис відділу з налаштувань; змінює його адміністратор.")
        self.page = QFrame()
        self.page.setObjectName("page")
        self.page.setMaximumWidth(PAGE_MAX_WIDTH)
        self.page.setStyleSheet(
            "QFrame#page { background: white; border: 1px solid #c8cacd; }"
            "QLabel#signature { color: #3c4043; background: white; padding: 12px 18px 24px 18px;"
            f" font-family: '{EDITOR_FONT_FAMILY}', serif; font-size: 13pt; }}"
        )
        page_layout = QVBoxLayout(self.page)
        page_layout.setContentsMargins(1, 1, 1, 1)
        page_layout.setSpacing(0)
        page_layout.addWidget(self.editor)
        page_layout.addWidget(self.signature_label)
        page_layout.addStretch(1)
        desk = QWidget()
        desk.setObjectName("desk")
        desk.setStyleSheet("QWidget#desk { background: #e8eaed; }")
        desk_layout = QHBoxLayout(desk)
        desk_layout.setContentsMargins(16, 12, 16, 16)
        desk_layout.addWidget(self.page)
        self.scroll = QScrollArea()
        self.scroll.setObjectName("page_scroll")
        self.scroll.setWidgetResizable(True)
        self.scroll.setFrameShape(QFrame.Shape.NoFrame)
        self.scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.scroll.setWidget(desk)

        self.read_only_banner = QLabel()
        self.read_only_banner.setObjectName("read_only_banner")
        self.read_only_banner.setWordWrap(True)
        self.read_only_banner.setStyleSheet("background: #fef7e0; color: #3c4043; padding: 6px 16px;")
        self.read_only_banner.hide()
        # Why a release came back, whole, above the text it is about.
        self.return_banner = QLabel()
        self.return_banner.setObjectName("return_banner")
        self.return_banner.setWordWrap(True)
        self.return_banner.setTextFormat(Qt.TextFormat.RichText)
        self.return_banner.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.return_banner.setStyleSheet(
            "background: #fce8e6; color: #3c4043; padding: 8px 16px; border-left: 4px solid #b00020;"
        )
        self.return_banner.hide()

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 10, 0, 0)
        layout.setSpacing(6)
        headline_row.setContentsMargins(16, 0, 16, 0)
        layout.addWidget(self.read_only_banner)
        layout.addWidget(self.return_banner)
        layout.addLayout(headline_row)
        layout.addWidget(self.scroll, 1)
        layout.addWidget(find_bar)

    def _fit_editor(self) -> None:
        height = int(self.editor.document().size().height()) + 2 * self.editor.frameWidth() + 4
        self.editor.setFixedHeight(max(height, EDITOR_MIN_HEIGHT))

    def _keep_cursor_visible(self) -> None:
        rect = self.editor.cursorRect()
        point = self.editor.viewport().mapTo(self.scroll.widget(), rect.center())
        self.scroll.ensureVisible(point.x(), point.y(), 24, rect.height() + 24)
