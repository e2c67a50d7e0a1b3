"""The morphology the style patterns ask of a word (its parses, a form in other grammemes, the case of the
text's word) and the one question they ask of the text between two tokens."""

from __future__ import annotations

from desktop.language import analysis
from desktop.language.word_cache import word_cache
from desktop.language.words import Token

GENDERS = frozenset({"masc", "femn", "neut"})


@word_cache(20_000)
def parses_of(key: str) -> tuple:
    """The analyser's parses of a lowered word, remembered per word (cleared with the other word caches)."""
    return analysis.parse(key)


def inflect_to(parse, grammemes: set[str]) -> str | None:
    """The form of parse with grammemes, or None when the dictionary has none."""
    try:
        inflected = parse.inflect(grammemes)
    except ValueError:
        return None
    return None if inflected is None else inflected.word


def cased_like(word: str, like: str) -> str:
    """word with a capital when the text's word it replaces has one."""
    return word[:1].upper() + word[1:] if like[:1].isupper() else word


def gap_ok(text: str, tokens: list[Token], left: int) -> bool:
    """Only spaces between tokens[left] and the next, or the dot of an initial («О.В.Довгалем»)."""
    gap = text[tokens[left][2]:tokens[left + 1][1]]
    if not gap or gap.isspace():
        return bool(gap)
    return len(tokens[left][0]) == 1 and tokens[left][0].isupper() and gap.strip() == "."
