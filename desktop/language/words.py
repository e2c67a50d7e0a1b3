"""Splitting text into words, and the spans (links, e-mails) no layer should touch."""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterator

# A letter, or the combining acute accent that marks stress inside Ukrainian words.
LETTER = r"(?:[^\W\d_]|\u0301)"
APOSTROPHES = "'’ʼ`"
# A word: letters joined by apostrophes (м’ясо) and hyphens (країн-партнерів).
WORD_RE = re.compile(rf"{LETTER}+(?:[{APOSTROPHES}]{LETTER}+)*(?:-{LETTER}+(?:[{APOSTROPHES}]{LETTER}+)*)*")
CYRILLIC_RE = re.compile(r"[\u0400-\u04FF]")
LATIN_RE = re.compile(r"[A-Za-z\u00C0-\u024F]")

# Links, e-mails and paths keep their own punctuation: no typography or spelling inside them.
PROTECTED_RE = re.compile(
    r"(?:https?://|ftp://|www\.)[^\s«»\"<>]+[^\s«»\"<>.,;:!?)]"
    r"|[\w.+-]+@[\w-]+(?:\.[\w-]+)+"
    r"|\b[\w-]+(?:\.[\w-]+)*\.(?:ua|com|org|net|gov|info|edu|eu|рф|укр)\b(?:/[^\s«»\"<>]*[^\s«»\"<>.,;:!?)])?",
    re.IGNORECASE,
)


def iter_words(text: str) -> Iterator[re.Match[str]]:
    """Every word of text, as regex matches."""
    return WORD_RE.finditer(text)


def is_cyrillic(word: str) -> bool:
    """Whether word has a Cyrillic letter."""
    return CYRILLIC_RE.search(word) is not None


def is_latin(word: str) -> bool:
    """Whether word has a Latin letter."""
    return LATIN_RE.search(word) is not None


class ProtectedSpans:
    """The links and e-mails of one text, for a quick 'is this offset inside one?' test."""

    def __init__(self, text: str) -> None:
        self._starts: list[int] = []
        self._ends: list[int] = []
        for match in PROTECTED_RE.finditer(text):
            self._starts.append(match.start())
            self._ends.append(match.end())

    def __contains__(self, offset: int) -> bool:
        index = bisect_right(self._starts, offset) - 1
        return index >= 0 and offset < self._ends[index]

    def overlaps(self, start: int, end: int) -> bool:
        """Whether [start, end) touches a protected span."""
        if not self._starts:
            return False
        index = bisect_right(self._starts, end - 1) - 1
        return index >= 0 and self._ends[index] > start
