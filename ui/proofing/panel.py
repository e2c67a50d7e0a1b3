"""The proofing panel (F7): every finding of the release, grouped by kind, with one-click fixes."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

import shiboken6
from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QFont, QTextBlock
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QTextEdit,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop.language.proofing import KINDS, Finding, fix_all_typography
from desktop.language.report import summary
from ui.proofing.edits import fix_all_typography_in, fixable_typography, replace_finding, select_span
from ui.proofing.highlighter import UNDERLINE_COLOURS, ProofingHighlighter

if TYPE_CHECKING:
    from desktop.workspace import Workspace
    from ui.common.tasks import TaskRunner

REFRESH_DELAY_MS = 400  # after a pause in typing: the underlines are live, the list need not be
ENTRY_ROLE = int(Qt.ItemDataRole.UserRole)
KIND_TITLES = {"spelling": "Орфографія", "grammar": "Граматика", "euphony": "Милозвучність",
               "typography": "Типографіка", "punctuation": "Пунктуація", "style": "Стиль",
               "capitalisation": "Велика літера", "security": "Безпека"}


@dataclass(frozen=True)
class Entry:
    """One finding as the panel lists it: in the headline or in a paragraph of the body."""

    finding: Finding
    fragment: str
    block_number: int  # -1 for the headline
    block_text: str

    @property
    def in_headline(self) -> bool:
        return self.block_number < 0


def snippet(text: str, finding: Finding, replacement: str | None) -> tuple[str, str | None]:
    """The finding with the word either side, as written and with the replacement applied.

    Whole words only («Сьогодні, 05 березня», never «огодні, 05 березня»); a very long neighbour is left out.
    """
    left, right = _word_before(text, finding.start), _word_after(text, finding.end)
    head, tail = text[left:finding.start], text[finding.end:right]
    before = head + text[finding.start:finding.end] + tail
    return before, None if replacement is None else head + replacement + tail


_WORD_LIMIT = 16  # characters: a longer neighbour (or a longer run of marks before it) is not shown
_WORD_MARKS = "'’ʼ-"


def _word_before(text: str, start: int) -> int:
    """Where the word before start begins, the marks and spaces between them included."""
    gap = start
    while gap > 0 and start - gap < _WORD_LIMIT and not text[gap - 1].isalnum() and text[gap - 1] != "\n":
        gap -= 1
    word = gap
    while word > 0 and (text[word - 1].isalnum() or text[word - 1] in _WORD_MARKS):
        word -= 1
    return word if gap - word <= _WORD_LIMIT else start


def _word_after(text: str, end: int) -> int:
    """Where the word after end ends, the marks and spaces between them included."""
    gap = end
    while gap < len(text) and gap - end < _WORD_LIMIT and not text[gap].isalnum() and text[gap] != "\n":
        gap += 1
    word = gap
    while word < len(text) and (text[word].isalnum() or text[word] in _WORD_MARKS):
        word += 1
    return word if word - gap <= _WORD_LIMIT else end


class ProofingPanel(QWidget):
    """Lists the findings of the headline and the body; Enter jumps to one, «Виправити» fixes it."""

    counts_changed = Signal(int)

    def __init__(self, editor: QTextEdit, highlighter: ProofingHighlighter, workspace: Workspace,
                 tasks: TaskRunner, headline: QLineEdit | None = None,
                 editable: Callable[[], bool] | None = None) -> None:
        super().__init__()
        self.setObjectName("proofing_panel")
        self.editor = editor
        self.highlighter = highlighter
        self.workspace = workspace
        self.tasks = tasks
        self.headline = headline
        # the headline's findings; the headline's own proofing supplies them once it is set up
        self.headline_findings: Callable[[], list[Finding]] = self._check_headline
        self.editable = editable or (lambda: not editor.isReadOnly())
        self.entries: list[Entry] = []

        self.summary_label = QLabel()
        self.summary_label.setObjectName("proofing_summary")
        self.summary_label.setWordWrap(True)
        self.tree = QTreeWidget()
        self.tree.setObjectName("proofing_tree")
        self.tree.setHeaderHidden(True)
        self.tree.setRootIsDecorated(False)
        self.tree.setIndentation(10)
        self.tree.setUniformRowHeights(True)
        self.tree.setAccessibleName("Зауваження правопису")
        self.tree.itemActivated.connect(lambda item, _column: self.jump_to(item))
        self.tree.currentItemChanged.connect(lambda *_: self._show_current())
        self.details_label = QLabel()
        self.details_label.setObjectName("proofing_details")
        self.details_label.setWordWrap(True)
        self.details_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.details_label.setMinimumHeight(48)
        self.details_label.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.fix_button = QPushButton("&Виправити")
        self.fix_button.setObjectName("proofing_fix")
        self.fix_button.setToolTip("Замінити позначений фрагмент першим варіантом")
        self.fix_button.clicked.connect(self.fix_current)
        self.fix_all_button = QPushButton("Виправити всю &типографіку")
        self.fix_all_button.setObjectName("proofing_fix_all")
        self.fix_all_button.setToolTip("Лапки, апострофи, тире, пробіли й повтори — одним кроком (скасовується Ctrl+Z)")
        self.fix_all_button.clicked.connect(self.fix_all_typography)

        buttons = QHBoxLayout()
        buttons.addWidget(self.fix_button)
        buttons.addWidget(self.fix_all_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addWidget(self.summary_label)
        layout.addWidget(self.tree, 1)
        layout.addWidget(self.details_label)
        layout.addLayout(buttons)

        self.refresh_timer = QTimer(self)
        self.refresh_timer.setSingleShot(True)
        self.refresh_timer.setInterval(REFRESH_DELAY_MS)
        self.refresh_timer.timeout.connect(self.refresh)

    # The list.

    def schedule_refresh(self) -> None:
        """Refreshes the list (and the counts in the titles) after a pause in typing."""
        self.refresh_timer.start()

    def _check_headline(self) -> list[Finding]:
        title = self.headline.text() if self.headline is not None else ""
        return self.highlighter.proofreader.check_headline(title) if title.strip() else []

    def collect(self) -> list[Entry]:
        """Every finding of the headline and of each paragraph (the highlighter's, already checked)."""
        entries: list[Entry] = []
        if self.headline is not None:
            title = self.headline.text()
            entries += [Entry(f, title[f.start:f.end], -1, title) for f in self.headline_findings()]
        block = self.editor.document().firstBlock()
        while block.isValid():
            text = block.text()
            entries += [Entry(f, text[f.start:f.end], block.blockNumber(), text)
                        for f in self.highlighter.findings_of(block)]
            block = block.next()
        return entries

    def refresh(self) -> None:
        """Rebuilds the list, keeping the selection on the same finding or the one after it."""
        self.refresh_timer.stop()
        previous = self._current_entry()
        self.entries = self.collect()
        self.tree.blockSignals(True)
        self.tree.clear()
        chosen: QTreeWidgetItem | None = None
        bold = QFont(self.tree.font())
        bold.setBold(True)
        for kind in KINDS:
            indexes = [i for i, entry in enumerate(self.entries) if entry.finding.kind == kind]
            if not indexes:
                continue
            group = QTreeWidgetItem([f"{KIND_TITLES[kind]} — {len(indexes)}"])
            group.setFont(0, bold)
            group.setForeground(0, UNDERLINE_COLOURS[kind])
            group.setFlags(Qt.ItemFlag.ItemIsEnabled)
            self.tree.addTopLevelItem(group)
            for index in indexes:
                item = QTreeWidgetItem([self._item_text(self.entries[index])])
                item.setData(0, ENTRY_ROLE, index)
                item.setToolTip(0, self.entries[index].finding.message)
                group.addChild(item)
                if chosen is None and previous is not None and self._same_or_after(self.entries[index], previous):
                    chosen = item
            group.setExpanded(True)
        self.tree.blockSignals(False)
        if chosen is None:
            chosen = self._first_item()
        if chosen is not None:
            self.tree.setCurrentItem(chosen)
        self._show_current()
        self._update_summary()

    def _item_text(self, entry: Entry) -> str:
        place = "Заголовок: " if entry.in_headline else ""
        suggestions = self._suggestions(entry)
        if len(entry.fragment.strip()) < 3 or not any(ch.isalnum() for ch in entry.fragment):
            # A quote mark or a space means nothing alone: show it among its words, before and after.
            before, after = snippet(entry.block_text, entry.finding, suggestions[0] if suggestions else None)
            return f"{place}{before} → {after}" if after is not None else f"{place}{before}"
        fragment = entry.fragment if len(entry.fragment) <= 40 else entry.fragment[:39] + "…"
        shown = f"{place}«{fragment}»"
        if suggestions:
            shown += f" → «{suggestions[0]}»"
        return shown

    def _first_item(self) -> QTreeWidgetItem | None:
        group = self.tree.topLevelItem(0)
        return group.child(0) if group is not None and group.childCount() else None

    @staticmethod
    def _same_or_after(entry: Entry, previous: Entry) -> bool:
        return (entry.block_number, entry.finding.start) >= (previous.block_number, previous.finding.start) and (
            entry.finding.kind == previous.finding.kind)

    def _update_summary(self) -> None:
        total = len(self.entries)
        self.summary_label.setText(summary([entry.finding for entry in self.entries]))
        typography = any(e.finding.kind == "typography" and e.finding.suggestions for e in self.entries)
        self.fix_all_button.setEnabled(typography and self.editable())
        self.counts_changed.emit(total)

    # The chosen finding.

    def _current_entry(self) -> Entry | None:
        item = self.tree.currentItem()
        index = item.data(0, ENTRY_ROLE) if item is not None else None
        return self.entries[index] if isinstance(index, int) and index < len(self.entries) else None

    def _suggestions(self, entry: Entry) -> tuple[str, ...]:
        if entry.finding.suggestions or entry.finding.kind != "spelling":
            return entry.finding.suggestions
        return self.workspace.proofing.known_suggestions(entry.fragment) or ()

    def _show_current(self) -> None:
        entry = self._current_entry()
        if entry is None:
            self.details_label.setText("Виберіть зауваження: Enter — перейти до нього в тексті.")
            self.fix_button.setEnabled(False)
            return
        finding = entry.finding
        lines = [finding.message]
        suggestions = self._suggestions(entry)
        if finding.kind == "security":
            lines.append("Вирішує керівник; автоматично не виправляється.")
        elif suggestions:
            lines.append("Варіанти: " + ", ".join(f"«{s}»" for s in suggestions))
        elif finding.kind == "spelling" and self.workspace.proofing.known_suggestions(entry.fragment) is None:
            lines.append("Пошук варіантів…")
            self._find_suggestions(entry)
        self.details_label.setText("\n".join(lines))
        self.fix_button.setEnabled(bool(suggestions) and finding.kind != "security" and self.editable())

    def _find_suggestions(self, entry: Entry) -> None:
        def done(_suggestions: tuple[str, ...]) -> None:
            if not shiboken6.isValid(self):
                return
            item = self.tree.currentItem()
            if item is not None and self._current_entry() == entry:
                item.setText(0, self._item_text(entry))
                self._show_current()

        self.tasks.run(lambda: self.workspace.proofing.suggest(entry.fragment), done, lambda _error: None)

    def _block(self, entry: Entry) -> QTextBlock | None:
        block = self.editor.document().findBlockByNumber(entry.block_number)
        return block if block.isValid() and block.text() == entry.block_text else None

    def jump_to(self, item: QTreeWidgetItem | None = None) -> None:
        """Selects the finding's text in the headline or the body and puts the focus there."""
        if item is not None and item is not self.tree.currentItem():
            self.tree.setCurrentItem(item)
        entry = self._current_entry()
        if entry is None:
            return
        if entry.in_headline and self.headline is not None:
            self.headline.setFocus(Qt.FocusReason.OtherFocusReason)
            self.headline.setSelection(entry.finding.start, entry.finding.end - entry.finding.start)
            return
        block = self._block(entry)
        if block is None:
            self.refresh()  # the text moved on since the list was made
            return
        self.editor.setTextCursor(select_span(self.editor.document(), block, entry.finding))
        self.editor.ensureCursorVisible()
        self.editor.setFocus(Qt.FocusReason.OtherFocusReason)

    # Fixes.

    def fix_current(self) -> None:
        """Applies the chosen finding's first suggestion (one undo step)."""
        entry = self._current_entry()
        if entry is None or entry.finding.kind == "security" or not self.editable():
            return
        suggestions = self._suggestions(entry)
        if not suggestions:
            return
        if entry.in_headline and self.headline is not None:
            text = self.headline.text()
            if text == entry.block_text:
                self.headline.setSelection(entry.finding.start, entry.finding.end - entry.finding.start)
                self.headline.insert(suggestions[0])  # through the line edit, so Ctrl+Z takes it back
        else:
            block = self._block(entry)
            if block is not None:
                replace_finding(self.editor.document(), block, entry.finding, suggestions[0], entry.fragment)
        self.refresh()
        self.tree.setFocus()

    def fix_all_typography(self) -> int:
        """Applies every typography fix of the body as one undo step, and the headline's; returns how many."""
        if not self.editable():
            return 0
        fixed = fix_all_typography_in(self.editor.document(), self.highlighter.findings_of)
        if self.headline is not None:
            title = self.headline.text()
            findings = [f for f in self.headline_findings() if f.kind == "typography"]
            new_title = fix_all_typography(title, findings)
            if new_title != title:
                self.headline.selectAll()
                self.headline.insert(new_title)
                fixed += len(fixable_typography(findings))
        self.refresh()
        return fixed
