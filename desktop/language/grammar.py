"""Grammar on pymorphy3's Ukrainian morphology: numeral and noun, preposition and case, adjective and
noun, an event verb and its subject, a verb with several people, verb government, participles in
-учий/-ючий, impossible dates. Conservative: a pair is flagged only when no parse of its words agrees.
House rule: a verb with several people as its subject is plural («участь взяли Іван Петренко та
Олена Коваль»), as the templates and the participant picker write it.

Speed: every distinct word is parsed once (cached for the process) and given a role, the rules a
word can start; only the words with a role are looked at."""

from __future__ import annotations

import re
from collections.abc import Callable
from itertools import chain, compress, repeat
from operator import add, itemgetter, mul

from desktop.language.finding import Finding
from desktop.language.grammar_agreement import adjective_candidate
from desktop.language.grammar_dates import find_dates
from desktop.language.grammar_numerals import COUNT_FORMS
from desktop.language.grammar_roles import ADJECTIVE, ROLE_RULES, roles_of
from desktop.language.grammar_words import (
    features,
    inflect,
    is_pos,
    key,
    keys_of,
    match_case,
    parses,
    singular,
    singular_genitive,
)
from desktop.language.word_cache import register, word_cache
from desktop.language.words import WORD_RE, Token

__all__ = ["find_grammar", "parses"]

_DECIMAL_RE = re.compile(r"\d+,\d+")
# nouns a number stands beside as a label or a date, not as a count
_NOT_COUNTED = frozenset(("рік", "січень", "лютий", "березень", "квітень", "травень", "червень", "липень",
                          "серпень", "вересень", "жовтень", "листопад", "грудень", "стаття", "пункт", "частина"))
_NUMBER_RE = re.compile(r"[0-9]+(?:,[0-9]+)?")
_WORD_AFTER_RE = re.compile(rf" ({WORD_RE.pattern})")
_NOT_BEFORE_FIGURE = frozenset(",.-–/:_")
_YEAR_PREPOSITIONS = frozenset(("у ", "в ", "У ", "В "))
_ROLE_CACHE: dict[str, int] = {}
register(_ROLE_CACHE)
_RULES_BY_ROLE: dict[int, tuple[Callable[[str, list[Token], int], list[Finding]], ...]] = {}


def _finding(start: int, end: int, rule: str, message: str, fix: str | None) -> Finding:
    return Finding(start, end, "grammar", rule, message, (fix,) if fix else ())


def find_grammar(text: str, tokens: list[Token]) -> list[Finding]:
    """Every grammar finding of text (tokens: its words)."""
    found: list[Finding] = []
    cache = _ROLE_CACHE
    by_role = _RULES_BY_ROLE
    words = list(map(itemgetter(0), tokens))
    new = list(set(words).difference(cache))
    if new:
        cache.update(zip(new, roles_of(new, keys_of(new)), strict=True))
    roles = list(map(cache.__getitem__, words))
    # only the words with a role, picked out in C (most words start no rule); of the commonest role, an
    # adjective alone, only those that may disagree with the word after them (most agree), also in C
    size = len(roles)
    others = compress(range(size), map(mul, roles, map(ADJECTIVE.__ne__, roles)))
    adjectives = list(compress(range(size - 1), map(ADJECTIVE.__eq__, roles)))
    candidates = compress(adjectives, map(adjective_candidate, map(words.__getitem__, adjectives),
                                          map(words.__getitem__, map(add, adjectives, repeat(1)))))
    for index in sorted(chain(others, candidates)):
        role = roles[index]
        rules = by_role.get(role)
        if rules is None:
            rules = by_role[role] = tuple(rule for bit, rule in ROLE_RULES if role & bit)
        for rule in rules:
            found.extend(rule(text, tokens, index))
    numbers = list(_NUMBER_RE.finditer(text))
    if numbers:
        found.extend(_digits(text, numbers))
        found.extend(_years(text, numbers))
        found.extend(find_dates(text, numbers))
    return found


def _not_counted(word: str) -> bool:
    return any(f[5] in _NOT_COUNTED for f in features(word))  # f[5]: the parse's normal form


@word_cache(8192)
def _few_fix(word: str) -> str | None:
    """The plural nominative after 2–4, when no parse of word is plural and one is the genitive singular."""
    found = features(word)
    if not found or not all(f[0] == "NOUN" for f in found) or _not_counted(word):
        return None
    if any(f[2] == "plur" for f in found) or not any(f[1] == "gent" for f in found):
        return None
    return inflect(word, {"plur", "nomn"})


def _digits(text: str, numbers: list[re.Match[str]]) -> list[Finding]:
    """A figure before a noun: 2–4 (not 12–14) with the plural nominative, 1 (not 11) with the singular
    nominative, a decimal with the singular genitive."""
    found: list[Finding] = []
    fix: str | None
    for number_match in numbers:
        if number_match.start() and text[number_match.start() - 1] in _NOT_BEFORE_FIGURE:
            continue
        match = _WORD_AFTER_RE.match(text, number_match.end())
        if match is None:
            continue
        word = match.group(1)
        if not word.islower() or not is_pos(word, "NOUN") or _not_counted(word):
            continue
        before = text[max(0, number_match.start() - 40):number_match.start()]
        stripped = before.rstrip()
        if stripped.endswith(("№", ".")):
            continue  # «ст. 33 документа», «№ 2 пункту»: a label, not a count
        previous = stripped.rpartition(" ")[2]
        if len(stripped) == len(before) - 1 and previous.isalpha() and is_pos(previous, "NOUN"):
            continue  # «статті 3 Закону»
        start, end = match.span(1)
        number = number_match.group(0)
        if _DECIMAL_RE.fullmatch(number):
            if len(number.partition(",")[2]) != 3:  # «2,000 слів»: a thousands separator
                found.extend(_decimal(word, start, end))
        elif (number[-1] in "056789" or number.endswith(("11", "12", "13", "14"))) and key(word) in COUNT_FORMS:
            fix = match_case(word, COUNT_FORMS[key(word)])
            found.append(_finding(start, end, "numeral-many",
                                  f"Після числівників від п’яти — родовий відмінок множини: «{fix}».", fix))
        elif number[-1] in "234" and not number.endswith(("12", "13", "14")) and len(number) < 4:
            fix = _few_fix(word)
            if fix:
                found.append(_finding(start, end, "numeral-few",
                                      f"Після числівників 2–4 іменник у називному відмінку множини: «{fix}».", fix))
        elif (number[-1] == "1" and not number.endswith("11") and len(number) < 4
              and all(f[2] == "plur" and f[1] in ("gent", "accs") for f in features(word))
              and any(f[1] == "gent" for f in features(word))):
            fix = singular(word, "nomn")
            if fix:
                found.append(_finding(start, end, "numeral-one",
                                      f"Після числівника, що закінчується на 1, іменник в однині: «{fix}».", fix))
    return found


def _decimal(word: str, start: int, end: int) -> list[Finding]:
    found = features(word)
    if not found or not all(f[2] == "plur" for f in found):
        return []
    fix = singular_genitive(word)
    if not fix:
        return []
    return [_finding(start, end, "numeral-decimal", f"Після дробового числа іменник у родовому відмінку однини: «{fix}».", fix)]


def _years(text: str, numbers: list[re.Match[str]]) -> list[Finding]:
    """«у 2023 року» → «у 2023 році»."""
    found: list[Finding] = []
    for match in numbers:
        start, end = match.span()
        if (end - start == 4 and text[start - 2:start] in _YEAR_PREPOSITIONS and (start < 3 or not _word_char(text[start - 3]))
                and text.startswith(" року", end) and (end + 5 >= len(text) or not _word_char(text[end + 5]))):
            found.append(_finding(end + 1, end + 5, "preposition-year", "Після «у/в» з роком — місцевий відмінок: «році».", "році"))
    return found


def _word_char(char: str) -> bool:
    return char.isalnum() or char in "’'ʼ_"
