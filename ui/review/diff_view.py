"""The word-level diff between two texts of a release: by default what changed since the user last looked."""

from __future__ import annotations

import contextlib
import html
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from desktop.errors import UserError
from ui.common.moments import format_moment

if TYPE_CHECKING:
    from desktop.facade.review import DiffResult, RevisionInfo
    from desktop.workspace import Workspace

INSERT_STYLE = "color:#0d652d; background:#e6f4ea; text-decoration:underline"
DELETE_STYLE = "color:#a50e0e; background:#fce8e6; text-decoration:line-through"
# Combo data for "nothing" (from) and "the text as it is now" (to).
NOTHING = -1
CURRENT = 0


def revision_label(revision: RevisionInfo) -> str:
    """«№3 — Олена Мельник, 20.04.2023 14:05»."""
    return f"№{revision.number} — {revision.author_name}, {format_moment(revision.created_at)}"


def diff_html(chunks: list[tuple[str, str]]) -> str:
    """The diff as HTML: insertions green and underlined, deletions red and struck out.

    The first line (the headline) is bold; a paragraph break that was added or removed shows as ¶.
    """
    paragraphs: list[list[str]] = [[]]
    for op, text in chunks:
        style = INSERT_STYLE if op == "insert" else DELETE_STYLE if op == "delete" else ""
        for index, line in enumerate(text.split("\n")):
            if index > 0:
                if style:
                    paragraphs[-1].append(f'<span style="{style}">¶</span>')
                paragraphs.append([])
            if line:
                escaped = html.escape(line)
                paragraphs[-1].append(f'<span style="{style}">{escaped}</span>' if style else escaped)
    body = []
    for number, parts in enumerate(paragraphs):
        content = "".join(parts) or "&nbsp;"
        weight = "font-weight:bold; font-size:15pt;" if number == 0 else ""
        body.append(f'<p style="{weight} margin-bottom:8px">{content}</p>')
    return '<div style="font-size:13pt">' + "".join(body) + "</div>"


def word_counts(chunks: list[tuple[str, str]]) -> tuple[int, int]:
    """Words inserted and words deleted."""
    inserted = sum(len(text.split()) for op, text in chunks if op == "insert")
    deleted = sum(len(text.split()) for op, text in chunks if op == "delete")
    return inserted, deleted


class DiffView(QWidget):
    """Two revision pickers and the marked-up difference between them."""

    def __init__(self, workspace: Workspace, release_id: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.workspace = workspace
        self.release_id = release_id
        self.result: DiffResult | None = None
        self.from_combo = QComboBox()
        self.from_combo.setObjectName("diff_from")
        self.to_combo = QComboBox()
        self.to_combo.setObjectName("diff_to")
        self.summary = QLabel()
        self.summary.setObjectName("diff_summary")
        self.summary.setWordWrap(True)
        self.browser = QTextBrowser()
        self.browser.setObjectName("diff_text")
        self.browser.setOpenLinks(False)
        legend = QLabel(
            f'<span style="{INSERT_STYLE}">додано</span>&nbsp;&nbsp;'
            f'<span style="{DELETE_STYLE}">вилучено</span>'
        )
        pickers = QFormLayout()
        pickers.addRow("&Від редакції:", self.from_combo)
        pickers.addRow("&До редакції:", self.to_combo)
        header = QHBoxLayout()
        header.addLayout(pickers, 1)
        header.addWidget(legend, 0, Qt.AlignmentFlag.AlignBottom)
        layout = QVBoxLayout(self)
        layout.addLayout(header)
        layout.addWidget(self.summary)
        layout.addWidget(self.browser, 1)
        self.load()
        self.from_combo.currentIndexChanged.connect(lambda *_: self.show_diff())
        self.to_combo.currentIndexChanged.connect(lambda *_: self.show_diff())

    def load(self) -> None:
        """Fills the pickers: from the revision last seen (or nothing) to the current text."""
        try:
            self.revisions = self.workspace.review.revisions(self.release_id)
            seen = self.workspace.review.last_seen_revision(self.release_id)
        except UserError as error:
            self.summary.setText(str(error))
            return
        for combo in (self.from_combo, self.to_combo):
            combo.blockSignals(True)
            combo.clear()
        self.from_combo.addItem("— порожній текст (нічого ще не переглянуто) —", NOTHING)
        for revision in self.revisions:
            label = revision_label(revision)
            self.from_combo.addItem(label, revision.number)
            self.to_combo.addItem(label, revision.number)
        self.to_combo.addItem("Поточний текст", CURRENT)
        self.to_combo.setCurrentIndex(self.to_combo.count() - 1)
        if seen is not None:
            self.from_combo.setCurrentIndex(max(0, self.from_combo.findData(seen)))
        elif len(self.revisions) > 1:
            # Never seen: the change from the previous revision tells the most; nothing else to compare to.
            self.from_combo.setCurrentIndex(self.from_combo.findData(self.revisions[-2].number))
        for combo in (self.from_combo, self.to_combo):
            combo.blockSignals(False)
        self.show_diff()

    def select(self, from_number: int | None, to_number: int | None) -> None:
        """Picks two revisions by number (None: nothing / the current text) and shows their diff."""
        self.from_combo.setCurrentIndex(self.from_combo.findData(NOTHING if from_number is None else from_number))
        self.to_combo.setCurrentIndex(self.to_combo.findData(CURRENT if to_number is None else to_number))
        self.show_diff()

    def show_diff(self) -> None:
        """Diffs the two chosen texts and remembers the newer one as seen."""
        from_number = self.from_combo.currentData()
        to_number = self.to_combo.currentData()
        from_rev = None if from_number in (None, NOTHING) else int(from_number)
        to_rev = None if to_number in (None, CURRENT) else int(to_number)
        try:
            self.result = self.workspace.review.diff(self.release_id, from_rev, to_rev, from_empty=from_rev is None)
        except UserError as error:
            self.summary.setText(str(error))
            self.browser.clear()
            return
        self.browser.setHtml(diff_html(self.result.chunks))
        inserted, deleted = word_counts(self.result.chunks)
        if not self.result.changed:
            self.summary.setText("Тексти однакові: змін немає.")
        else:
            self.summary.setText(f"Додано слів: {inserted}. Вилучено слів: {deleted}.")
        self._mark_seen(to_rev)

    def _mark_seen(self, to_rev: int | None) -> None:
        newest = self.revisions[-1].number if self.revisions else None
        target = newest if to_rev is None else to_rev
        if target is None or target < (self.workspace.review.last_seen_revision(self.release_id) or 0):
            return  # looking at an old revision does not make the newer ones seen, nor unseen
        # Remembering what was seen is a convenience, never a reason to interrupt.
        with contextlib.suppress(UserError):
            self.workspace.review.mark_seen(self.release_id, target)


class DiffDialog(QDialog):
    """The diff view in its own window (Esc closes it)."""

    def __init__(self, workspace: Workspace, release_id: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(f"Зміни в релізі №{release_id}")
        self.resize(820, 600)
        self.setMinimumSize(560, 400)
        self.view = DiffView(workspace, release_id, self)
        buttons = QDialogButtonBox()
        buttons.addButton("Закрити", QDialogButtonBox.ButtonRole.RejectRole)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.view, 1)
        layout.addWidget(buttons)
        self.view.browser.setFocus()
