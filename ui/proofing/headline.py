"""Proofing in the headline: wavy underlines and the context-menu entries, as in the body.

A QLineEdit has no QSyntaxHighlighter. It does draw the formats an input method gives its text, so
the findings go in as such formats (an input-method event with nothing to insert): the text, the
cursor and the undo history stay as they are, and the underlines look exactly like the body's.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, QEvent, QObject, QTimer
from PySide6.QtGui import QContextMenuEvent, QInputMethodEvent, QTextFormat
from PySide6.QtWidgets import QLineEdit

from desktop.language.proofing import Finding, Proofreader
from ui.proofing.highlighter import finding_under, format_for, python_offset, utf16_length
from ui.proofing.menu import ProofingMenu, put_on_top


class HeadlineProofing(QObject):
    """Underlines the headline's findings and adds their entries to its context menu."""

    def __init__(self, headline: QLineEdit, menu: ProofingMenu, proofreader: Callable[[], Proofreader],
                 generation: Callable[[], int] = lambda: 0) -> None:
        super().__init__(headline)
        self.headline = headline
        self.menu = menu
        self.proofreader = proofreader
        self.generation = generation  # moves on when the dictionaries change
        self.findings: list[Finding] = []
        self._checked: tuple[str, int, int] | None = None  # what self.findings were found for
        self.underlined: tuple[str, list[Finding]] = ("", [])  # the text and the findings underlined in it
        self._composing = False  # an input method is composing a character: its preedit is not ours to touch
        self._sending = False
        headline.textChanged.connect(self.refresh)
        headline.cursorPositionChanged.connect(self._underline)
        headline.installEventFilter(self)
        self.refresh()

    def refresh(self) -> None:
        """Brings the findings and the underlines up to date (the text, or the dictionaries, changed)."""
        self.current_findings()
        self._underline()

    def current_findings(self) -> list[Finding]:
        """The headline's findings, checked once per text and dictionary state (the panel asks too)."""
        text = self.headline.text()
        proofreader = self.proofreader()
        state = (text, self.generation(), id(proofreader))
        if state != self._checked:
            self.findings = proofreader.check_headline(text) if text.strip() else []
            self._checked = state
        return self.findings

    def _typing_offset(self) -> int | None:
        if not self.headline.hasFocus():
            return None
        return python_offset(self.headline.text(), self.headline.cursorPosition())

    def _underline(self) -> None:
        # The word being typed is not underlined until the cursor leaves it, as in the body.
        typing_at = self._typing_offset()
        shown = [f for f in self.findings
                 if not (f.kind == "spelling" and typing_at is not None and f.start < typing_at <= f.end)]
        text = self.headline.text()
        if (text, shown) == self.underlined or self._composing:
            return
        self.underlined = (text, shown)
        cursor = self.headline.cursorPosition()
        # Input-method formats are placed relative to the cursor.
        attributes = [
            QInputMethodEvent.Attribute(
                QInputMethodEvent.AttributeType.TextFormat,
                utf16_length(text[:f.start]) - cursor,
                utf16_length(text[f.start:f.end]),
                QTextFormat(format_for(f.kind)),
            )
            for f in shown
        ]
        # A read-only headline (a release in review) takes them too: a test keeps watch on that.
        self._sending = True
        try:
            QCoreApplication.sendEvent(self.headline, QInputMethodEvent("", attributes))
        finally:
            self._sending = False

    def finding_at(self, units: int) -> Finding | None:
        """The finding under (or just before) a Qt position of the headline, the most pressing kind first."""
        return finding_under(self.findings, python_offset(self.headline.text(), units))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if watched is self.headline and event.type() == QEvent.Type.FocusOut:
            QTimer.singleShot(0, self._underline)  # the word being typed is done: underline it
            return False
        if watched is self.headline and event.type() == QEvent.Type.InputMethod and not self._sending:
            composing = bool(event.preeditString())  # type: ignore[attr-defined]
            if self._composing and not composing:
                self._composing = False
                self.underlined = ("", [])
                QTimer.singleShot(0, self._underline)  # after the input method's own event
            self._composing = composing
            return False
        if watched is self.headline and event.type() == QEvent.Type.ContextMenu and isinstance(event, QContextMenuEvent):
            if event.reason() == QContextMenuEvent.Reason.Mouse:
                position = self.headline.cursorPositionAt(event.pos())
            else:
                position = self.headline.cursorPosition()
            menu = self.headline.createStandardContextMenu()
            finding = self.finding_at(position)
            if finding is not None:
                text = self.headline.text()
                fragment = text[finding.start:finding.end]
                put_on_top(menu, self.menu.finding_actions(
                    menu, finding, fragment, self.headline.isReadOnly(),
                    lambda suggestion: self.replace(finding, fragment, suggestion),
                ))
            else:
                put_on_top(menu, [])
            self.menu.show_menu(menu, event.globalPos())
            menu.deleteLater()
            return True
        return super().eventFilter(watched, event)

    def replace(self, finding: Finding, fragment: str, suggestion: str) -> None:
        """Replaces the finding's text through the line edit, so that Ctrl+Z takes it back."""
        text = self.headline.text()
        if text[finding.start:finding.end] != fragment:
            return  # the headline changed meanwhile
        start = utf16_length(text[:finding.start])
        self.headline.setSelection(start, utf16_length(fragment))
        self.headline.insert(suggestion)
