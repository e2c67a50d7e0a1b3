"""Wavy underlines under proofing findings, re-checking only the paragraph that changed."""

from __future__ import annotations

import re
import weakref
from collections.abc import Callable

from PySide6.QtGui import (
    QColor,
    QSyntaxHighlighter,
    QTextBlock,
    QTextBlockUserData,
    QTextCharFormat,
    QTextDocument,
)

from desktop.language.proofing import Finding, Proofreader

UNDERLINE_COLOURS = {
    "spelling": QColor("#d93025"),  # red
    "typography": QColor("#1a73e8"),  # blue
    "punctuation": QColor("#1a73e8"),
    "style": QColor("#1a73e8"),
    "security": QColor("#f29900"),  # orange
    "grammar": QColor("#188038"),  # green
    "euphony": QColor("#188038"),
    "capitalisation": QColor("#188038"),
}
_ASTRAL = re.compile("[\U00010000-\U0010ffff]")


def underline_format(kind: str) -> QTextCharFormat:
    """The overlay a finding of this kind gets: only the underline, the text's own format stays."""
    fmt = QTextCharFormat()
    fmt.setUnderlineStyle(QTextCharFormat.UnderlineStyle.WaveUnderline)
    fmt.setUnderlineColor(UNDERLINE_COLOURS.get(kind, UNDERLINE_COLOURS["typography"]))
    fmt.setToolTip("")  # the context menu and the panel explain; a tooltip here would follow every word
    return fmt


_FORMATS: dict[str, QTextCharFormat] = {}


def format_for(kind: str) -> QTextCharFormat:
    """The shared underline format of a kind of finding."""
    fmt = _FORMATS.get(kind)
    if fmt is None:
        fmt = _FORMATS[kind] = underline_format(kind)
    return fmt


def utf16_length(text: str) -> int:
    """Qt counts positions in UTF-16 units: a character beyond the BMP (an emoji) takes two."""
    return len(text) + len(_ASTRAL.findall(text))


def python_offset(text: str, units: int) -> int:
    """The Python offset in text of a Qt (UTF-16) position."""
    if not _ASTRAL.search(text):
        return units
    counted = 0
    for index, ch in enumerate(text):
        if counted >= units:
            return index
        counted += 2 if ord(ch) > 0xFFFF else 1
    return len(text)


def finding_under(findings: list[Finding], offset: int) -> Finding | None:
    """The finding covering (or ending at) offset; where two layers flag a word, the most pressing kind."""
    chosen = [f for f in findings if f.start <= offset < f.end] or [f for f in findings if f.end == offset]
    if not chosen:
        return None
    return min(chosen, key=lambda f: (f.kind != "security", f.kind != "spelling", f.end - f.start))


class BlockFindings(QTextBlockUserData):
    """The findings of one paragraph, kept on its QTextBlock for the context menu and the panel."""

    def __init__(self, text: str, findings: list[Finding], generation: int) -> None:
        super().__init__()
        self.text = text
        self.findings = findings
        self.generation = generation


_live: weakref.WeakSet[ProofingHighlighter] = weakref.WeakSet()


class ProofingHighlighter(QSyntaxHighlighter):
    """Underlines findings: red spelling, blue typography and style, orange security.

    Qt calls highlightBlock for the one paragraph an edit touched (our blocks carry no state that
    could spill over to the next), and the proofreader's word caches make that re-check cheap.
    """

    def __init__(self, document: QTextDocument, proofreader: Proofreader,
                 cursor_position: Callable[[], int] | None = None) -> None:
        self.proofreader = proofreader
        # The word being typed is not underlined until the cursor leaves it: «Приві» is not a mistake yet.
        self.cursor_position = cursor_position
        self.generation = 0
        self._deferred_block: int | None = None
        super().__init__(document)
        _live.add(self)

    def highlightBlock(self, text: str) -> None:  # noqa: N802
        block = self.currentBlock()
        data = block.userData()
        if isinstance(data, BlockFindings) and data.text == text and data.generation == self.generation:
            findings = data.findings
        else:
            findings = self.proofreader.check_paragraph(text) if text.strip() else []
            self.setCurrentBlockUserData(BlockFindings(text, findings, self.generation))
        typing_at = self._typing_offset(block)
        astral = bool(_ASTRAL.search(text))
        deferred = False
        for finding in findings:
            if finding.kind == "spelling" and typing_at is not None and finding.start < typing_at <= finding.end:
                deferred = True
                continue
            if astral:
                start = utf16_length(text[:finding.start])
                length = utf16_length(text[finding.start:finding.end])
            else:
                start, length = finding.start, finding.end - finding.start
            self.setFormat(start, length, format_for(finding.kind))
        if deferred:
            self._deferred_block = block.blockNumber()
        elif self._deferred_block == block.blockNumber():
            self._deferred_block = None

    def _typing_offset(self, block: QTextBlock) -> int | None:
        if self.cursor_position is None:
            return None
        position = self.cursor_position() - block.position()
        if not 0 <= position <= block.length() - 1:
            return None
        return python_offset(block.text(), position)  # Python offsets from here

    def cursor_moved(self) -> None:
        """Underlines the word just left behind (it was deferred while being typed)."""
        if self._deferred_block is None or self.cursor_position is None:
            return
        block = self.document().findBlockByNumber(self._deferred_block)
        if not block.isValid():
            self._deferred_block = None
            return
        offset = self.cursor_position() - block.position()
        data = block.userData()
        still_inside = 0 <= offset < block.length() and isinstance(data, BlockFindings) and any(
            f.kind == "spelling" and f.start < offset <= f.end for f in data.findings
        )
        if not still_inside:
            self._deferred_block = None
            self.rehighlightBlock(block)

    def findings_of(self, block: QTextBlock) -> list[Finding]:
        """The block's findings (offsets inside the block), checked now if it has not been yet."""
        data = block.userData()
        text = block.text()
        if isinstance(data, BlockFindings) and data.text == text and data.generation == self.generation:
            return data.findings
        return self.proofreader.check_paragraph(text) if text.strip() else []

    def recheck_all(self) -> None:
        """Re-checks every paragraph (after a word was added to a dictionary or ignored)."""
        self.generation += 1
        self.rehighlight()


def recheck_everywhere(proofreader: Proofreader) -> None:
    """Re-checks every open document using this proofreader (its dictionaries just changed)."""
    for highlighter in list(_live):
        if highlighter.proofreader is proofreader:
            try:
                highlighter.recheck_all()
            except RuntimeError:  # its document is already gone
                _live.discard(highlighter)
