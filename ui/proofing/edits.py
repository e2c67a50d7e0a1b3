"""Applying proofing fixes to the editor's QTextDocument: each fix, or all of them, one undo step."""

from __future__ import annotations

from collections.abc import Callable, Iterable

from PySide6.QtGui import QTextBlock, QTextCursor, QTextDocument

from desktop.language.proofing import Finding
from ui.proofing.highlighter import utf16_length


def block_span(block: QTextBlock, finding: Finding) -> tuple[int, int]:
    """The finding's span as positions in the document (Qt's UTF-16 units)."""
    text = block.text()
    start = block.position() + utf16_length(text[:finding.start])
    return start, start + utf16_length(text[finding.start:finding.end])


def select_span(document: QTextDocument, block: QTextBlock, finding: Finding) -> QTextCursor:
    """A cursor selecting the finding's text."""
    start, end = block_span(block, finding)
    cursor = QTextCursor(document)
    cursor.setPosition(start)
    cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
    return cursor


def replace_finding(document: QTextDocument, block: QTextBlock, finding: Finding, replacement: str,
                    expected: str | None = None) -> bool:
    """Replaces the finding's text, as one undo step; False when the text there has changed meanwhile."""
    cursor = select_span(document, block, finding)
    if expected is not None and cursor.selectedText() != expected:
        return False
    cursor.beginEditBlock()
    # insertText over a selection keeps the format of its first character: bold stays bold.
    cursor.insertText(replacement)
    cursor.endEditBlock()
    return True


def fixable_typography(findings: Iterable[Finding]) -> list[Finding]:
    """The typography findings that carry a fix, right to left, overlapping ones dropped."""
    fixable = sorted((f for f in findings if f.kind == "typography" and f.suggestions),
                     key=lambda f: (f.start, f.end), reverse=True)
    kept: list[Finding] = []
    limit: int | None = None
    for finding in fixable:
        if limit is not None and finding.end > limit:
            continue  # overlaps a fix already taken on its right
        kept.append(finding)
        limit = finding.start
    return kept


def fix_all_typography_in(document: QTextDocument, findings_of: Callable[[QTextBlock], list[Finding]]) -> int:
    """Applies every typography fix of the whole document as one undo step; returns how many."""
    plan: list[tuple[int, int, str]] = []
    block = document.firstBlock()
    while block.isValid():
        for finding in fixable_typography(findings_of(block)):
            start, end = block_span(block, finding)
            plan.append((start, end, finding.suggestions[0]))
        block = block.next()
    if not plan:
        return 0
    cursor = QTextCursor(document)
    cursor.beginEditBlock()
    # From the end backwards, so that earlier positions stay valid.
    for start, end, replacement in sorted(plan, reverse=True):
        cursor.setPosition(start)
        cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
        cursor.insertText(replacement)
    cursor.endEditBlock()
    return len(plan)

