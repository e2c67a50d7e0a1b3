"""The one report format every proofing layer produces."""

from __future__ import annotations

from dataclasses import dataclass

KINDS = ("spelling", "typography", "punctuation", "style", "security", "grammar", "euphony", "capitalisation")


@dataclass(frozen=True)
class Finding:
    """One problem in a checked text: a span, its kind and rule, a Ukrainian message, replacements."""

    start: int  # character (code point) offsets in the checked text
    end: int
    kind: str  # one of KINDS
    rule: str  # stable rule id, e.g. "number-glued-to-word"
    message: str
    suggestions: tuple[str, ...] = ()

    def to_json(self) -> dict:
        """A JSON-ready dict with the report's keys."""
        return {
            "start": self.start,
            "end": self.end,
            "kind": self.kind,
            "rule": self.rule,
            "message": self.message,
            "suggestions": list(self.suggestions),
        }

    def shifted(self, offset: int) -> Finding:
        """The same finding moved by offset characters (for text checked in pieces)."""
        return Finding(self.start + offset, self.end + offset, self.kind, self.rule, self.message, self.suggestions)
