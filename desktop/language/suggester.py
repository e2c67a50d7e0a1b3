"""Spelling suggestions in a millisecond: the words one typing slip away, looked up in pymorphy3's dictionary.

hunspell's suggester tries its own edits through the affix rules (~7 ms a word even without n-grams,
~0.5 s with them); the typos people make are one slip away from the word they meant: two letters swapped,
one dropped, doubled, a neighbouring key or a letter Ukrainian spelling confuses (и/і/ї, е/є, г/ґ). The
keys of pymorphy3's word DAWG one slip from the word are found by looking each such string up (~900 for
a 12-letter word, ~0.3 ms), kept when the lexicon (desktop.language.lexicon) holds them as a
standard form, and the accepted words (glossary, directory forms) are matched beside them. They are
ranked by how likely the slip is; the spelling layer asks hunspell only when none is a word. edits()
(every string one slip away, ~70 a letter, with its cost) is the reference the lookups are tested against.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from typing import Any

from desktop.language.lexicon import lexicon

# The apostrophe as the lexicon spells it; suggestions are written with the writer's or the typographic one.
APOSTROPHE = "'"
TYPOGRAPHIC_APOSTROPHE = "’"
ALPHABET = "абвгґдеєжзиіїйклмнопрстуфхцчшщьюя" + APOSTROPHE
# The Ukrainian ЙЦУКЕН keyboard, row by row; each row is offset to the right of the one above by half a key.
KEYBOARD_ROWS = ("йцукенгшщзхї", "фівапролджє", "ячсмитьбю")
# Letters Ukrainian spelling (or a Russian habit) confuses, both ways.
SIMILAR_PAIRS = ("иі", "ії", "иї", "еє", "гґ", "шщ", "еи", "ь'", "ій")
# Confused only at a word's start, where they alternate (the prefixes з-/с-, у-/в-: «зкерували» → «скерували»).
START_PAIRS = ("зс", "ув")

# The cost of each kind of slip (lower: likelier); a suggestion's rank is its cost.
COST_APOSTROPHE = 0.4  # an apostrophe left out or typed (the commonest Ukrainian slip: «обєкт», «мязи»)
COST_CAPITAL = 0.42  # an abbreviation written in small letters
COST_SIMILAR = 0.45
COST_TRANSPOSED = 0.5
COST_DOUBLED = 0.55  # a letter typed twice, or one of a double letter left out
COST_INSERTED = 0.6  # a letter left out (the commonest slip in typing)
COST_NEIGHBOUR = 0.65
COST_SPLIT = 0.75  # a space left out after a little word: «вцілому» → «в цілому»
COST_DELETED = 0.8  # a letter typed in too many
COST_SUBSTITUTED = 1.0
COST_FIRST_LETTER = 0.2  # added when the first letter is changed: people rarely slip on it
COST_ACCEPTED = -0.3  # a glossary or directory word goes before a dictionary word of the same slip
# Up to this many accepted words, each is compared with a misspelt word; above, its edits are looked up.
ACCEPTED_COMPARED = 1500
# Words that may stand alone before a word a space was left out after (prepositions, conjunctions, particles).
PREPOSITIONS = frozenset((
    "в", "у", "з", "із", "зі", "до", "на", "за", "по", "від", "під", "над", "при", "про", "без", "для", "через",
))
SPLIT_WORDS = PREPOSITIONS | {"та", "і", "й", "а", "як", "що", "не", "ні", "би", "б", "же", "ж", "так", "то"}
# What a preposition governs: a noun, an adjective, a pronoun or a numeral, not a verb («з керували»).
GOVERNED_POS = frozenset(("NOUN", "ADJF", "ADJS", "NPRO", "NUMR", "PRTF"))


def _neighbours() -> dict[str, frozenset[str]]:
    near: dict[str, set[str]] = {}
    for row_index, row in enumerate(KEYBOARD_ROWS):
        for index, letter in enumerate(row):
            keys = near.setdefault(letter, set())
            keys.update(row[max(0, index - 1):index] + row[index + 1:index + 2])
            if row_index > 0:  # the keys above: the same index and the next one
                keys.update(KEYBOARD_ROWS[row_index - 1][index:index + 2])
            if row_index + 1 < len(KEYBOARD_ROWS):  # the keys below: the one before and the same index
                keys.update(KEYBOARD_ROWS[row_index + 1][max(0, index - 1):index + 1])
    for letter, keys in near.items():
        for key in keys:
            near.setdefault(key, set()).add(letter)
    return {letter: frozenset(keys - {letter}) for letter, keys in near.items()}


NEIGHBOURS = _neighbours()
START_SIMILAR = {letter: frozenset(other for pair in START_PAIRS if letter in pair for other in pair if other != letter)
                 for pair in START_PAIRS for letter in pair}
SIMILAR: dict[str, frozenset[str]] = {
    letter: frozenset(other for pair in SIMILAR_PAIRS if letter in pair for other in pair if other != letter)
    for pair in SIMILAR_PAIRS for letter in pair}


VOWELS = frozenset("аеєиіїоуюя")


def substitution_cost(written: str, meant: str, before: str = "") -> float:
    """The cost of meant typed as written (after the letter before)."""
    # «ї» stands only after a vowel or an apostrophe: one after a consonant is no і confused, it is a slip
    confusable = not (written == "ї" and before and before not in VOWELS and before != APOSTROPHE)
    if confusable and meant in SIMILAR.get(written, ()):
        return COST_SIMILAR
    if not before and meant in START_SIMILAR.get(written, ()):
        return COST_SIMILAR
    if APOSTROPHE in (written, meant):
        return COST_APOSTROPHE
    if meant in NEIGHBOURS.get(written, ()):
        return COST_NEIGHBOUR
    return COST_SUBSTITUTED


def edits(word: str) -> dict[str, float]:
    """Every string one slip away from word (lowercase, apostrophe «'»), with the slip's cost (the lowest)."""
    found: dict[str, float] = {}

    def add(candidate: str, cost: float, at: int) -> None:
        if at == 0:
            cost += COST_FIRST_LETTER
        if cost < found.get(candidate, 9.0):
            found[candidate] = cost

    length = len(word)
    for at in range(length):
        head, letter, tail = word[:at], word[at], word[at + 1:]
        # the letter at is one too many
        doubled = (at > 0 and word[at - 1] == letter) or tail[:1] == letter
        add(head + tail, COST_DOUBLED if doubled else COST_APOSTROPHE if letter == APOSTROPHE else COST_DELETED,
            at)
        if tail:  # swapped with the next
            add(head + tail[0] + letter + tail[1:], COST_TRANSPOSED, at)
        for other in ALPHABET:  # typed in place of another
            if other != letter:
                add(head + other + tail, substitution_cost(letter, other, head[-1:]), at)
    for at in range(length + 1):  # a letter left out before at
        head, tail = word[:at], word[at:]
        for other in ALPHABET:
            doubling = (head[-1:] == other) or (tail[:1] == other)
            cost = COST_DOUBLED if doubling else COST_APOSTROPHE if other == APOSTROPHE else COST_INSERTED
            add(head + other + tail, cost, at if at < length else at)
    found.pop(word, None)
    return {candidate: cost for candidate, cost in found.items()
            if candidate and not candidate.startswith(APOSTROPHE) and not candidate.endswith(APOSTROPHE)}


def slip_cost(word: str, meant: str) -> float | None:
    """The cost of meant typed as word when one slip apart (the cheapest reading), None when not."""
    length, other = len(word), len(meant)
    at = _first_difference(word, meant)
    first = COST_FIRST_LETTER if at == 0 else 0.0
    if length == other + 1:  # a letter too many at at
        if word[at + 1:] != meant[at:]:
            return None
        letter = word[at]
        if (at > 0 and word[at - 1] == letter) or word[at + 1:at + 2] == letter:
            return COST_DOUBLED + first
        return (COST_APOSTROPHE if letter == APOSTROPHE else COST_DELETED) + first
    if other == length + 1:  # a letter left out at at
        if meant[at + 1:] != word[at:]:
            return None
        letter = meant[at]
        if word[at - 1:at] == letter or word[at:at + 1] == letter:
            return COST_DOUBLED + first
        return (COST_APOSTROPHE if letter == APOSTROPHE else COST_INSERTED) + first
    if length != other or at >= length:
        return None
    if word[at + 1:] == meant[at + 1:]:
        return substitution_cost(word[at], meant[at], word[at - 1:at]) + first
    if word[at + 2:] == meant[at + 2:] and word[at] == meant[at + 1] and word[at + 1] == meant[at]:
        return COST_TRANSPOSED + first
    return None


class _Words:
    """The keys of pymorphy3's word DAWG one slip from a word: every string one slip away, looked up."""

    def __init__(self, analyser: Any) -> None:
        self._has = analyser.dictionary.words.__contains__  # C with the DAWG2 extension: ~0.2 µs a lookup

    def near(self, word: str) -> set[str]:
        """The keys of the DAWG one slip from word (lowercase, apostrophe «'»): a letter left out, typed in
        too many, typed for another (of ALPHABET) or two swapped."""
        splits = [(word[:at], word[at:]) for at in range(len(word) + 1)]
        candidates = {head + tail[1:] for head, tail in splits if tail}
        candidates.update(head + tail[1] + tail[0] + tail[2:] for head, tail in splits if len(tail) > 1)
        candidates.update(head + letter + tail[1:] for head, tail in splits if tail for letter in ALPHABET)
        candidates.update(head + letter + tail for head, tail in splits for letter in ALPHABET)
        candidates.discard(word)
        candidates.discard("")
        return set(filter(self._has, candidates))


@cache
def _words() -> _Words:
    from desktop.language.inflection import morph

    return _Words(morph())


@dataclass(frozen=True)
class Ranked:
    """A suggestion (lowercase, apostrophe «'»; or an accepted word as written) and its cost."""

    word: str
    cost: float
    as_is: bool = False  # written as it is (an accepted word, a name), not in the case of the misspelt word


def suggestions(key: str, accepted: Mapping[str, str], limit: int = 5) -> list[Ranked]:
    """The words one slip away from key (normalised, any case), best first.

    accepted: the accepted words (glossary, directory forms) by their lowercase form. A word written
    lowercase is offered dictionary words that may be written so (not a name's form alone).
    """
    lowered = key.lower()
    candidates = {}
    for near in _words().near(lowered):
        cost = slip_cost(lowered, near)
        if cost is not None:
            candidates[near] = cost
    candidates.update((word, cost) for word, cost in _accepted_near(lowered, accepted).items()
                      if cost < candidates.get(word, 9.0))
    found, common = lexicon().standard_many([*candidates, lowered])
    usable = common if key == lowered else found
    ranked: dict[str, Ranked] = {}
    if key == lowered and lowered in found and lowered not in common:  # an abbreviation written small: «зсу»
        ranked[lowered] = Ranked(lowered.upper(), COST_CAPITAL, True)
    for candidate, cost in candidates.items():
        original = accepted.get(candidate)
        if original is not None:
            ranked[original] = Ranked(original, cost + COST_ACCEPTED, True)
        elif candidate in usable:
            ranked.setdefault(candidate, Ranked(candidate, cost))
    for split in _splits(lowered):
        ranked.setdefault(split, Ranked(split, COST_SPLIT))
    # ties: the later slip first (a word's start is typed with more care), then the dictionary's order
    ordered = sorted(ranked.values(), key=lambda r: (r.cost, -_first_difference(lowered, r.word.lower()), r.word))
    kept: list[Ranked] = []
    for suggestion in ordered:
        if suggestion.as_is or not _distorted(suggestion.word):
            kept.append(suggestion)
            if len(kept) == limit:
                break
    return kept


def _distorted(word: str) -> bool:
    """Whether the dictionary holds word only as a distortion it keeps to correct (Dist: «обєкта»)."""
    from desktop.language.inflection import morph

    if " " in word:
        return False
    parses = [parse for parse in morph().parse(word) if parse.is_known]
    return bool(parses) and all("Dist" in parse.tag for parse in parses)


def _accepted_near(word: str, accepted: Mapping[str, str]) -> dict[str, float]:
    """The accepted words (by lowercase form) one slip from word: each compared when they are few, the
    edits of word looked up among them when many (a large directory's every case form)."""
    if len(accepted) > ACCEPTED_COMPARED:
        return {candidate: cost for candidate, cost in edits(word).items() if candidate in accepted}
    near = {}
    length = len(word)
    for candidate in accepted:
        if abs(len(candidate) - length) <= 1:
            cost = slip_cost(word, candidate)
            if cost is not None:
                near[candidate] = cost
    return near


def _splits(word: str) -> list[str]:
    """«вцілому» → «в цілому»: a little word and a word the dictionary knows, a space left out between."""
    heads = [(word[:at], word[at:]) for at in range(1, min(len(word) - 1, 6)) if word[:at] in SPLIT_WORDS]
    if not heads:
        return []
    _found, common = lexicon().standard_many({tail for _head, tail in heads if len(tail) > 3})
    return [f"{head} {tail}" for head, tail in heads if tail in common
            and (head not in PREPOSITIONS or _governed(tail))]


def _governed(word: str) -> bool:
    from desktop.language.inflection import morph

    return any(parse.tag.POS in GOVERNED_POS for parse in morph().parse(word))


def _first_difference(a: str, b: str) -> int:
    for index, (x, y) in enumerate(zip(a, b, strict=False)):
        if x != y:
            return index
    return min(len(a), len(b))


def written_like(model: str, suggestion: str) -> str:
    """suggestion (lowercase) in model's case and with its apostrophe (the typographic one if it has none)."""
    # the writer's apostrophe (a typewriter «'» too: its own finding says so), else the typographic one
    apostrophe = next((ch for ch in model if ch in "’ʼ'"), TYPOGRAPHIC_APOSTROPHE)
    suggestion = suggestion.replace(APOSTROPHE, apostrophe)
    if len(model) > 1 and model.isupper():
        return suggestion.upper()
    if model[:1].isupper():
        return suggestion[:1].upper() + suggestion[1:]
    return suggestion
