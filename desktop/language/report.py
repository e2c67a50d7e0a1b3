"""Proofing findings as people read them: kind names, line and column, one line per finding."""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Sequence

from desktop.language.proofing import Finding

KIND_LABELS = {
    "spelling": "орфографія",
    "typography": "типографіка",
    "punctuation": "пунктуація",
    "style": "стиль",
    "security": "безпека",
    "grammar": "граматика",
    "euphony": "милозвучність",
    "capitalisation": "велика літера",
}


class LineIndex:
    """Converts character offsets of a text into 1-based line and column numbers."""

    def __init__(self, text: str) -> None:
        self._starts = [0] + [index + 1 for index, ch in enumerate(text) if ch == "\n"]

    def line_column(self, offset: int) -> tuple[int, int]:
        line = bisect_right(self._starts, offset) - 1
        return line + 1, offset - self._starts[line] + 1


def fix_text(finding: Finding) -> str:
    """The first suggestion as «→ …», or a note for findings that are never auto-fixed."""
    if finding.suggestions:
        return " → " + " / ".join(_quoted(s) for s in finding.suggestions[:3])
    return ""


def _quoted(suggestion: str) -> str:
    # A suggested quote mark inside «» would read as «««»: such suggestions stand bare.
    return suggestion if set(suggestion) & set("«»„“\"'") else f"«{suggestion}»"


def finding_lines(text: str, findings: Sequence[Finding]) -> list[str]:
    """«рядок:стовпчик  тип  повідомлення → пропозиція», one line per finding."""
    index = LineIndex(text)
    lines = []
    for finding in findings:
        line, column = index.line_column(finding.start)
        lines.append(f"{line}:{column}  {KIND_LABELS.get(finding.kind, finding.kind)}  "
                     f"{finding.message}{fix_text(finding)}")
    return lines


def summary(findings: Sequence[Finding]) -> str:
    """«Зауважень: N (орфографія 2, типографіка 1)», or that none were found."""
    if not findings:
        return "Зауважень немає."
    counts = {kind: sum(1 for f in findings if f.kind == kind) for kind in KIND_LABELS}
    parts = ", ".join(f"{KIND_LABELS[kind]} {count}" for kind, count in counts.items() if count)
    return f"Зауважень: {len(findings)} ({parts})."
