"""What every typography rule shares: the finding it builds, the text's runs of digits, the character tests."""

from __future__ import annotations

import re
from collections.abc import Iterator

from desktop.language.finding import Finding

NBSP = "\u00a0"
MONTHS = ("січня", "лютого", "березня", "квітня", "травня", "червня", "липня", "серпня", "вересня", "жовтня",
          "листопада", "грудня")
# [0-9] first, not [0-9]+: re skips to a pattern's first character quickly only when it is a plain class
DIGIT_RUN_RE = re.compile(r"[0-9][0-9]*")
DIGIT_MARKS = frozenset("0123456789.,/:-")
NUMBER_MARKS = frozenset(".,/:№-")
# Counted things after which a long number is an amount, not a code, a postcode or a phone.
COUNTED_WORDS = (
    "грн", "гривн", "гривень", "долар", "євро", "ос", "людей", "людин", "мешкан", "жител", "учн", "дітей", "тонн",
    "кг", "км", "га", "гектар", "кілометр", "метр", "одиниц", "штук", "примірник", "раз", "пацієнт", "голос",
    "підпис", "заяв", "звернен", "випадк", "доз", "комплект", "набор", "пакет", "літр", "кіловат", "квадратн",
    "переселен", "вакцин", "місц", "робочих", "тисяч", "сімей", "родин", "домогосподарств", "абонент",
)


def typo(start: int, end: int, rule: str, message: str, *fixes: str) -> Finding:
    """A typography finding: the one shape every rule of this layer builds."""
    return Finding(start, end, "typography", rule, message, fixes)


class DigitRuns:
    """Where the text's runs of digits start, by the character after each: one scan for every rule about numbers."""

    def __init__(self, text: str) -> None:
        self.starts: list[int] = []
        self._by_next: dict[str, list[int]] = {}
        for match in DIGIT_RUN_RE.finditer(text):
            start, end = match.span()
            self.starts.append(start)
            self._by_next.setdefault(text[end:end + 1], []).append(start)

    def followed_by(self, characters: str) -> list[int]:
        """The starts of the runs followed by one of characters."""
        lists = [self._by_next[char] for char in characters if char in self._by_next]
        return lists[0] if len(lists) == 1 else sorted(start for found in lists for start in found)

    def followed_by_letter(self) -> list[int]:
        """The starts of the runs a letter follows («5км», «11ти»)."""
        return sorted(start for char, found in self._by_next.items() if char.isalpha() for start in found)


def matches_at(pattern: re.Pattern[str], text: str, starts: list[int]) -> Iterator[re.Match[str]]:
    """pattern's matches that start at one of starts, none overlapping the one before."""
    last_end = -1
    for start in starts:
        if start < last_end:
            continue
        match = pattern.match(text, start)
        if match is not None:
            last_end = match.end()
            yield match


def char_positions(text: str, chars: str) -> list[int]:
    """Where any of chars stands in text, in order: str.find runs through the text in C far faster than re
    tests a character class at every character, so for rare marks this is the quicker scan."""
    found: list[int] = []
    for char in chars:
        at = text.find(char)
        while at >= 0:
            found.append(at)
            at = text.find(char, at + 1)
    found.sort()
    return found


def merged_starts(text: str, patterns: tuple[tuple[str, re.Pattern[str]], ...]) -> list[int]:
    """The starts of every pattern's matches, in order; each pattern (one starting with a literal, which re
    finds quickly) runs only when its first character is in text."""
    found: list[int] = []
    for first, pattern in patterns:
        if first in text:
            found.extend(match.start() for match in pattern.finditer(text))
    found.sort()
    return found


def char_at(text: str, index: int) -> str:
    return text[index] if 0 <= index < len(text) else " "


def letter_at(text: str, index: int) -> bool:
    return 0 <= index < len(text) and text[index].isalpha()
