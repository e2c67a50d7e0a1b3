"""Context conditions of a table rule: the words around a match that make a phrase wrong or right.

A condition is written in a table cell as space-separated clauses:

* `next=питання|захід|@anim` — the word after the match (past up to two adjectives) must be one of these
  dictionary forms, or any animate noun (`@anim`), or the rule stays quiet;
* `!next=продукція|товар` — the rule stays quiet when the word after is one of these;
* `prev=…` and `!prev=…` — the same for the word before the match;
* `next=@genplur` — the word after is a noun in the genitive plural («ряд питань», «ряд будинків»);
* `!next=@advb` — quiet when the word after is an adverb («поступив негарно» is to behave, not to arrive);
* `then=:` — the text right after the match (past spaces) starts with one of these marks («наступні питання:»);
  a longer entry is compared with the spaces left out (`then=,що`: «рахував, що»).

«в якості голови» (as the head) is a calque, «в якості продукції» (in the quality of goods) is not:
`next=@anim|…` tells them apart.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from desktop.language import analysis
from desktop.language.word_cache import word_cache
from desktop.language.words import Token, normal_key

ANIMATE = "@anim"
GENITIVE_PLURAL = "@genplur"
FUNCTION_WORD = "@function"
ADVERB = "@advb"
FUNCTION_WORDS = frozenset({FUNCTION_WORD})
# Parts of speech skipped to reach the noun a phrase governs: «в якості почесного гостя».
MODIFIERS = frozenset({"ADJF", "PRTF", "NUMR"})
MAX_SKIPPED = 2
SENTENCE_MARKS = ".!?;:()\n"
LIMIT = 1000  # characters in a condition cell
THEN_REACH = 24  # characters after a match that a `then=` clause reads
SPACE_RE = re.compile(r"[ \t\u00a0]+")


@dataclass(frozen=True)
class Clause:
    """One clause: which side, whether the listed words are required or forbidden, and the words."""

    side: str  # "next" | "prev" | "then"
    required: bool
    words: frozenset[str]


def parse_context(cell: str | None) -> tuple[Clause, ...]:
    """The clauses of a table cell; a malformed one raises ValueError with a Ukrainian message."""
    if not cell or not cell.strip():
        return ()
    if len(cell) > LIMIT:
        raise ValueError(f"Умова контексту довша за {LIMIT} символів.")
    clauses = []
    for part in cell.split():
        required = not part.startswith("!")
        side, _, words = part.lstrip("!").partition("=")
        if side not in ("next", "prev", "then") or not words:
            raise ValueError(f"Незрозуміла умова контексту «{part}»: очікується next=…, prev=… або then=….")
        clauses.append(Clause(side, required, frozenset(normal_key(w) for w in words.split("|") if w)))
    return tuple(clauses)


@word_cache(20_000)
def _lemmas(word: str) -> tuple[frozenset[str], bool]:
    """The dictionary forms of word (and word itself, and @anim or @genplur where it is such a noun),
    whether it is only ever a modifier (an adjective, a participle, a numeral)."""
    key = normal_key(word)
    parses = analysis.parse(key)
    lemmas = {key} | {normal_key(parse.normal_form) for parse in parses}
    if any(parse.tag.POS == "NOUN" and "anim" in parse.tag for parse in parses):
        lemmas.add(ANIMATE)
    if any(parse.tag.POS in ("NOUN", "ADJF") and "gent" in parse.tag and "plur" in parse.tag for parse in parses):
        lemmas.add(GENITIVE_PLURAL)
    if parses and all(parse.tag.POS in ("PREP", "CONJ", "PRCL") for parse in parses):
        lemmas.add(FUNCTION_WORD)
    if parses and all(parse.tag.POS == "ADVB" for parse in parses):
        lemmas.add(ADVERB)
    # a possessive or demonstrative pronoun («мою радість») modifies too, and so does an adjective that also
    # serves as a noun («військового училища», «військовий» being a serviceman too)
    modifier = bool(parses) and (
        all(parse.tag.POS in MODIFIERS or (parse.tag.POS == "NPRO" and "pers" not in parse.tag) for parse in parses)
        or any(parse.tag.POS in MODIFIERS for parse in parses)
        and {normal_key(p.normal_form) for p in parses if p.tag.POS == "NOUN"}
        <= {normal_key(p.normal_form) for p in parses if p.tag.POS in MODIFIERS})
    return frozenset(lemmas), modifier


def _neighbour(text: str, tokens: list[Token], first: int, last: int, side: str) -> frozenset[str] | None:
    """The lemmas of the word next to tokens[first:last] on side, past its modifiers, in the
    same sentence."""
    step, position = (1, last) if side == "next" else (-1, first - 1)
    skipped: frozenset[str] | None = None
    for _ in range(MAX_SKIPPED + 1):
        if not 0 <= position < len(tokens):
            return None
        before, after = (tokens[position - 1][2], tokens[position][1]) if step == 1 else (
            tokens[position][2], tokens[position + 1][1])
        if any(mark in text[before:after] for mark in SENTENCE_MARKS):
            return None
        lemmas, modifier = _lemmas(tokens[position][0])
        if side == "prev":
            return lemmas
        if not modifier:
            # «ряд важливих для життя району питань»: a preposition after the modifiers, whose
            # genitive plural then stands for the noun's
            return skipped if skipped is not None and lemmas & FUNCTION_WORDS else lemmas
        skipped = lemmas
        position += step
    return skipped


def context_allows(clauses: tuple[Clause, ...], text: str, tokens: list[Token], first: int, last: int) -> bool:
    """Whether the words around tokens[first:last] of text satisfy every clause."""
    for clause in clauses:
        if clause.side == "then":
            after = text[tokens[last - 1][2]:tokens[last - 1][2] + THEN_REACH]
            listed = after.lstrip(" \t\u00a0")[:1] in clause.words or any(
                len(word) > 1 and normal_key(SPACE_RE.sub("", after)).startswith(word) for word in clause.words)
        else:
            neighbour = _neighbour(text, tokens, first, last, clause.side)
            listed = neighbour is not None and bool(neighbour & clause.words)
        if listed != clause.required:
            return False
    return True
