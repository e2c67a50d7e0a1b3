"""Splitting text into words, and the spans (links, e-mails) no layer should touch."""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterator
from functools import cache
from itertools import accumulate

APOSTROPHES = "'’ʼ`"
STRESS_MARK = "\u0301"  # the combining acute accent that marks stress inside Ukrainian words
LETTER = r"[^\W\d_]"
_STRESSED_LETTER = rf"(?:{LETTER}|{STRESS_MARK})"
# A word: letters joined by apostrophes (м’ясо) and hyphens (країн-партнерів).
WORD_RE = re.compile(rf"{LETTER}+(?:[{APOSTROPHES}]{LETTER}+)*(?:-{LETTER}+(?:[{APOSTROPHES}]{LETTER}+)*)*")
# The same with stress marks allowed; twice as slow, so only for texts that have them.
STRESSED_WORD_RE = re.compile(
    rf"{_STRESSED_LETTER}+(?:[{APOSTROPHES}]{_STRESSED_LETTER}+)*(?:-{_STRESSED_LETTER}+(?:[{APOSTROPHES}]{_STRESSED_LETTER}+)*)*"
)
SPLIT_RE = re.compile(f"({WORD_RE.pattern})")
STRESSED_SPLIT_RE = re.compile(f"({STRESSED_WORD_RE.pattern})")


def _basic_plane_letters() -> str:
    """LETTER's characters of the Basic Multilingual Plane as class ranges (a few ms, once): re tests such a
    class by a table look-up, a category class character by character through the Unicode database."""
    plane = "".join(map(chr, range(0x10000)))
    return "".join(f"{re.escape(run[0])}-{re.escape(run[-1])}" if len(run) > 1 else re.escape(run)
                   for run in re.findall(f"{LETTER}+", plane))


def _split_pattern(letter: str) -> re.Pattern[str]:
    # possessive: a word's letters are never given back (nothing after them could use one), so re keeps
    # no backtracking points
    return re.compile(rf"({letter}++(?:[{APOSTROPHES}]{letter}++)*+(?:-{letter}++(?:[{APOSTROPHES}]{letter}++)*+)*+)")


@cache
def _plane_split(stressed: bool) -> re.Pattern[str]:
    """tokenize's split for texts within the Basic Multilingual Plane (nearly all): the same words as
    SPLIT_RE (or STRESSED_SPLIT_RE). Built at the first tokenize (~10 ms), not at import: most commands
    that import this module never split a text, and a text with no stress mark needs only one of the two."""
    return _split_pattern(f"[{_plane_letters()}{STRESS_MARK if stressed else ''}]")


@cache
def _plane_letters() -> str:
    return _basic_plane_letters()
CYRILLIC_RE = re.compile(r"[\u0400-\u04FF]")
LATIN_RE = re.compile(r"[A-Za-z\u00C0-\u024F]")

# Links, e-mails and site names keep their own punctuation: no typography or spelling inside them.
# Each is found by a cheap marker (@, ://, www., a domain ending) and grown to the whitespace around it.
# The dot markers share one pattern that starts with «.», which re finds quickly; @ and :// by str.find.
DOT_MARKER_RE = re.compile(r"\.(?:(?<=www\.)|(?:ua|com|org|net|gov|info|edu|eu|укр)\b)", re.IGNORECASE)
LITERAL_MARKERS = ("@", "://")
_SPAN_STOP = " \t\n\r«»\"<>()[]"
_TRAILING = ".,;:!?"


Token = tuple[str, int, int]  # a word as written, its start and end


def tokenize(text: str) -> list[Token]:
    """The words of text with their offsets."""
    # split() with a capturing group alternates gaps and words; summing their lengths in C gives the
    # offsets faster than a match object per word would
    stressed = STRESS_MARK in text
    if _within_basic_plane(text):
        parts = _plane_split(stressed).split(text)
    else:
        parts = (STRESSED_SPLIT_RE if stressed else SPLIT_RE).split(text)
    # the running sum alternates a word's start (after a gap) and its end: zip takes the two in turn
    offsets = accumulate(map(len, parts))
    return list(zip(parts[1::2], offsets, offsets, strict=False))


def _within_basic_plane(text: str) -> bool:
    """Whether text has no character beyond U+FFFF (each is one UTF-16 unit; the encoding is a copy in C)."""
    return len(text.encode("utf-16-le", "surrogatepass")) == 2 * len(text)


def normal_key(word: str) -> str:
    """Lowercase with one apostrophe: the form words are compared in across layers."""
    return word.lower().replace("’", "'").replace("ʼ", "'").replace("`", "'")


def word_pattern(text: str) -> re.Pattern[str]:
    """The word regex fit for text."""
    return STRESSED_WORD_RE if STRESS_MARK in text else WORD_RE


def iter_words(text: str) -> Iterator[re.Match[str]]:
    """Every word of text, as regex matches."""
    return word_pattern(text).finditer(text)


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
        for start, end in _markers(text):
            if self._ends and start < self._ends[-1]:
                continue
            while start > 0 and text[start - 1] not in _SPAN_STOP:
                start -= 1
            while end < len(text) and text[end] not in _SPAN_STOP:
                end += 1
            while end > start and text[end - 1] in _TRAILING:
                end -= 1
            self._starts.append(start)
            self._ends.append(end)

    def __contains__(self, offset: int) -> bool:
        index = bisect_right(self._starts, offset) - 1
        return index >= 0 and offset < self._ends[index]

    def overlaps(self, start: int, end: int) -> bool:
        """Whether [start, end) touches a protected span."""
        if not self._starts:
            return False
        index = bisect_right(self._starts, end - 1) - 1
        return index >= 0 and self._ends[index] > start


def _markers(text: str) -> list[tuple[int, int]]:
    """The spans of every link marker in text, in order."""
    found = [match.span() for match in DOT_MARKER_RE.finditer(text)]
    for marker in LITERAL_MARKERS:
        at = text.find(marker)
        while at >= 0:
            found.append((at, at + len(marker)))
            at = text.find(marker, at + 1)
    found.sort()
    return found
