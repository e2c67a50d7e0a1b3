"""Punctuation: commas before subordinate clauses and «а», «але», around parenthetical words, after
«а саме», and the commas that are not needed (after «Проте», after a circumstance opening a sentence).

Each rule is conservative: the words around a comma are looked up in pymorphy3 (parts of speech, cases)
and a rule stays quiet unless every parse of the words fits. Word lists and exceptions follow
Правопис 2019 and LanguageTool's Ukrainian rules (languagetool-org/languagetool,
languagetool-language-modules/uk/src/main/resources/org/languagetool/rules/uk/grammar-punctuation.xml,
commit 01f9a7abbdab36674992b5d65eb40ad78162631b: its parenthetical words and contrast conjunctions with
their exceptions; LGPL-2.1, the licence text is desktop/resources/proofing/languagetool/data/LICENSE-LGPL-2.1.txt).

This module is the layer's entry point and dispatch (the words each rule starts from); the rules are in
punctuation_missing (a mark lacking) and punctuation_needless (a mark too many), their word lists and
per-word helpers in punctuation_words.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Callable
from itertools import compress
from operator import itemgetter

from desktop.language.finding import Finding
from desktop.language.punctuation_missing import (
    _contrast_comma,
    _correlative_comma,
    _date_apposition_comma,
    _gerund_comma,
    _namely_colon,
    _parenthetical_comma,
    _preposition_relative_comma,
    _relative_clause_end,
    _source_phrase_comma,
    _subordinate_comma,
)
from desktop.language.punctuation_needless import (
    _according_commas,
    _circumstance_comma,
    _list_conjunction_comma,
    _opener_comma,
    _role_as_comma,
    _title_colon,
)
from desktop.language.punctuation_words import (
    CIRCUMSTANCE_OPENING_CONJUNCTIONS,
    CIRCUMSTANCE_PREPOSITIONS,
    CONTRAST,
    DATE_HEADS,
    NO_COMMA_OPENERS,
    PARENTHETICAL_PHRASES,
    RELATIVE_FORMS,
    SOURCE_PHRASES,
    TITLE_HEADS,
    TRIGGERS,
)
from desktop.language.words import Token

_WORD = itemgetter(0)
_START = itemgetter(1)
# A gerund opening a sentence (a table cannot list them all); the scan starts at the rare sentence marks.
_GERUND = r"[ \t\u00a0«\"]*([А-ЯІЇЄҐ][а-яіїєґ'’ʼ]+(?:ючи|учи|ачи|ячи|вши)(?:сь)?)(?![^\W\d_'’ʼ\-])"
# one pattern a mark, each led by its literal (which re skips to far faster than to a class; «^|» would cost
# the scan its fast start too); a match holds no other mark, so theirs merged are the matches of [.!?…\n]
_GERUND_RES = tuple((mark, re.compile(re.escape(mark) + _GERUND)) for mark in ".!?…\n")
_GERUND_FIRST_RE = re.compile(_GERUND)

def find_punctuation(text: str, tokens: list[Token]) -> list[Finding]:
    """Every punctuation finding of text (tokens: its words, as words.tokenize gives them)."""
    found: list[Finding] = []
    if len(tokens) < 2:
        return found
    triggers = _RULES_BY_WORD
    # the words a rule starts from, picked out in C (map, compress): no Python loop over every word
    for index in compress(range(len(tokens)), map(triggers.__contains__, map(_WORD, tokens))):
        for rule in triggers[tokens[index][0]]:
            finding = rule(text, tokens, index)
            if finding is not None:
                found.append(finding)
    first = _GERUND_FIRST_RE.match(text)
    after_marks = sorted((match for mark, pattern in _GERUND_RES if mark in text for match in pattern.finditer(text)),
                         key=re.Match.start)
    for match in ([first] if first else []) + after_marks:
        index = bisect_left(tokens, match.start(1), key=_START)
        if index < len(tokens) and tokens[index][1] == match.start(1):
            finding = _gerund_comma(text, tokens, index)
            if finding is not None:
                found.append(finding)
    return found

# --- the words each rule starts from --------------------------------------------------------------------

_Rule = Callable[[str, list[Token], int], "Finding | None"]


def _rules_by_word() -> dict[str, tuple[_Rule, ...]]:
    table: dict[str, list[_Rule]] = {}

    def add(words: frozenset[str] | set[str], rule: _Rule) -> None:
        for word in words:
            table.setdefault(word, []).append(rule)

    add(TRIGGERS, _subordinate_comma)
    add(CONTRAST, _contrast_comma)
    add({w.capitalize() for w in NO_COMMA_OPENERS}, _opener_comma)
    firsts = {phrase[0] for phrase in PARENTHETICAL_PHRASES}
    add(firsts | {w.capitalize() for w in firsts}, _parenthetical_comma)
    add(RELATIVE_FORMS, _preposition_relative_comma)
    add({"а"}, _namely_colon)
    add(set(TITLE_HEADS), _title_colon)
    add(DATE_HEADS, _date_apposition_comma)
    add({"як"}, _role_as_comma)
    add({"то", "так"}, _correlative_comma)
    add({phrase[1] for phrase in SOURCE_PHRASES}, _source_phrase_comma)
    add({"який", "яка", "яке", "які", "що"}, _relative_clause_end)
    add({"та", "і", "й"}, _list_conjunction_comma)
    add({"відповідно", "згідно"}, _according_commas)
    add({w.capitalize() for w in CIRCUMSTANCE_PREPOSITIONS | CIRCUMSTANCE_OPENING_CONJUNCTIONS}, _circumstance_comma)
    return {word: tuple(rules) for word, rules in table.items()}


_RULES_BY_WORD = _rules_by_word()
