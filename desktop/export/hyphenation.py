"""Ukrainian hyphenation: pyphen's uk_UA patterns, filtered by the rules of Ukrainian typesetting.

pyphen alone breaks words a typesetter would not: «з’-їзд», «ма-йбутнє», «Кири-ченко», «НА-ТО».
`break_pairs` keeps only the breaks the rules allow, and refuses whole classes of words:
capitalised words (proper names, abbreviations, the start of a sentence), words with digits,
Latin letters or dots, and anything that is not a plain Cyrillic word. Links break elsewhere
(`link_pairs`), at the points a reader still recognises: after «//», before «/», «.», «-», «@».
"""

from __future__ import annotations

import contextlib
import contextvars
import functools
import re
from collections.abc import Iterator
from typing import Any

APOSTROPHES = "’ʼ'"
# The Ukrainian alphabet in both cases, and the other Cyrillic letters a quoted name may carry.
CYRILLIC = "\u0400-\u04ff"
VOWELS = set("аеєиіїоуюяАЕЄИІЇОУЮЯ")
_WORD = re.compile(rf"^[{CYRILLIC}{APOSTROPHES}\-\u0301]+$")
_LETTER = re.compile(rf"[{CYRILLIC}]")
# A link or an e-mail address: a scheme, «www.», or a name@domain.
LINK = re.compile(
    r"(?:(?:https?|ftp)://|mailto:|www\.)[^\s<>«»\"]+[^\s<>«»\".,;:!?)\]]"
    r"|[\w.+-]+@[\w-]+(?:\.[\w-]+)+",
    re.IGNORECASE,
)
MIN_PART = 2

_banned: contextvars.ContextVar[frozenset[str]] = contextvars.ContextVar("visnyk_unhyphenated", default=frozenset())


@functools.cache
def _dictionary() -> Any:  # pyphen.Pyphen, imported late
    import pyphen

    return pyphen.Pyphen(lang="uk_UA")


def is_protected(word: str) -> bool:
    """Whether a word is never broken: not a plain Cyrillic word, or capitalised (a name, an abbreviation)."""
    if not _WORD.match(word) or not _LETTER.search(word):
        return True
    # Proper names, abbreviations (ЗСУ, ОТГ-шний) and sentence starts keep their shape.
    return any(ch.isupper() for ch in word)


def _part_ok(part: str) -> bool:
    letters = [ch for ch in part if ch not in APOSTROPHES]
    return len(letters) >= MIN_PART and any(ch in VOWELS for ch in letters)


def allowed_break(head: str, tail: str) -> bool:
    """Whether a word may break between `head` and `tail` (the rules of Ukrainian hyphenation)."""
    if not head or not tail:
        return False
    # Never next to an apostrophe or the word's own hyphen: «з’-їзд», «’їзд», «країн-/партнерів».
    if head[-1] in APOSTROPHES + "-" or tail[0] in APOSTROPHES + "-":
        return False
    # Each side keeps a syllable: no single letters, no vowel-less scraps.
    if not _part_ok(head.rsplit("-", 1)[-1]) or not _part_ok(tail.split("-", 1)[0]):
        return False
    first, last = tail[0].lower(), head[-1].lower()
    # «ь» stays with its consonant; «й» with the vowel before it, except in «йо»; «ьо», «йо» hold together.
    if first == "ь" or (first == "й" and tail[1:2].lower() != "о"):
        return False
    return not (last in "ьй" and first == "о")


def break_pairs(word: str) -> list[tuple[str, str]]:
    """The allowed (head, tail) breaks of a word, the longest head first; none for a protected word."""
    if word in _banned.get():
        return []
    if "\u00a0" in word:
        # «з партнерами» breaks in its last word; «20 квітня», «12 млн» never.
        if any(ch.isdigit() for ch in word):
            return []
        last = word.rsplit("\u00a0", 1)[1]
        prefix = word[: len(word) - len(last)]
        return [(prefix + head, tail) for head, tail in break_pairs(last)]
    if is_protected(word):
        return []
    # pyphen's patterns know only the typographic apostrophe; every apostrophe is one character.
    normal = word.replace("'", "’").replace("ʼ", "’")
    pairs = []
    for head, _tail in _dictionary().iterate(normal):
        cut = len(head)
        pair = (word[:cut], word[cut:])
        if allowed_break(*pair):
            pairs.append(pair)
    return pairs


def hyphenate(word: str) -> Iterator[tuple[str, str]]:
    """reportlab's hyphenation hook: (head, tail) pairs, the longest head first."""
    return iter(break_pairs(word))


@contextlib.contextmanager
def unhyphenated(words: frozenset[str] | set[str]) -> Iterator[None]:
    """Within the block, these words are not broken (a paragraph re-wraps around a bad line end)."""
    token = _banned.set(_banned.get() | frozenset(words))
    try:
        yield
    finally:
        _banned.reset(token)


_LINK_BREAK_BEFORE = set("/.-_?#%~&=@")


def link_pairs(link: str) -> list[tuple[str, str]]:
    """Where a link or an e-mail address may break, the longest head first.

    After «://» or «mailto:», before a single «/», «.», «-», «_», «?», «#», «@» and the like,
    never leaving a line that ends with a hyphen (a reader, and poppler, would take it for a
    hyphenation and drop it).
    """
    pairs: list[tuple[str, str]] = []
    start = link.find("://")
    start = start + 3 if start >= 0 else (7 if link.lower().startswith("mailto:") else 0)
    if start:
        pairs.append((link[:start], link[start:]))
    for index in range(start + 1, len(link)):
        ch, previous = link[index], link[index - 1]
        if ch in _LINK_BREAK_BEFORE and previous not in _LINK_BREAK_BEFORE and previous != "-":
            pairs.append((link[:index], link[index:]))
    return [pair for pair in reversed(pairs) if pair[0] and pair[1]]
