"""Which spelling suggestions are corrections: hunspell also offers splits that only look like words."""

from __future__ import annotations

from collections.abc import Iterable

from desktop.language.inflection import morph

# A split mends a missing space after a little word (вцілому → в цілому, дотого → до того); a split of
# one word into two others («виконуючий» → «виконую чий») is never what the writer meant.
FUNCTION_TAGS = frozenset(("PREP", "CONJ", "PRCL"))


def plausible_suggestions(suggestions: Iterable[str]) -> list[str]:
    """suggestions without the splits into two words, unless the first is a preposition, conjunction or particle."""
    kept = []
    for suggestion in suggestions:
        parts = suggestion.split()
        if len(parts) > 1 and not (len(parts) == 2 and _function_word(parts[0])):
            continue
        kept.append(suggestion)
    return kept


def _function_word(word: str) -> bool:
    return any(FUNCTION_TAGS & parse.tag.grammemes for parse in morph().parse(word.lower()))
