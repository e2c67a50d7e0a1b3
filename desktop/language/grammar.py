"""Grammar on pymorphy3's Ukrainian morphology: numeral and noun, preposition and case, adjective and
noun, an event verb and its subject, a verb with several people, verb government, participles in
-учий/-ючий, impossible dates. Conservative: a pair is flagged only when no parse of its words agrees.
House rule: a verb with several people as its subject is plural («участь взяли Іван Петренко та
Олена Коваль»), as the templates and the participant picker write it.

Speed: every distinct word is parsed once (cached for the process) and given a role, the rules a
word can start; only the words with a role are looked at."""

from __future__ import annotations

import functools
import re
from bisect import bisect_left

from desktop.language.finding import Finding
from desktop.language.grammar_dates import find_dates
from desktop.language.grammar_rules import (
    COUNT_FORMS,
    ROLE_RULES,
    key,
    features,
    inflect,
    is_pos,
    match_case,
    parses,
    role_of,
    singular,
)
from desktop.language.words import Token

__all__ = ["find_grammar", "parses"]

_DECIMAL_RE = re.compile(r"\d+,\d+")
# nouns a number stands beside as a label or a date, not as a count
_NOT_COUNTED = frozenset(("рік", "січень", "лютий", "березень", "квітень", "травень", "червень", "липень",
                          "серпень", "вересень", "жовтень", "листопад", "грудень", "стаття", "пункт", "частина"))
_FIGURE_RE = re.compile(r"(?<![\d,.\-–/:\w])(\d+(?:,\d+)?) (?=\w)")
_YEAR_RE = re.compile(r"(?<![\w’'])[уУвВ] \d{4} (року)\b")
_ROLE_CACHE: dict[str, int] = {}


def _finding(start: int, end: int, rule: str, message: str, fix: str | None) -> Finding:
    return Finding(start, end, "grammar", rule, message, (fix,) if fix else ())


def find_grammar(text: str, tokens: list[Token]) -> list[Finding]:
    """Every grammar finding of text (tokens: its words)."""
    found: list[Finding] = []
    cache = _ROLE_CACHE
    for index, token in enumerate(tokens):
        word = token[0]
        role = cache.get(word)
        if role is None:
            role = cache[word] = role_of(word)
        if role:
            for bit, rule in ROLE_RULES:
                if role & bit:
                    found.extend(rule(text, tokens, index))
    if any(ch.isdigit() for ch in text):
        found.extend(_digits(text, tokens))
        found.extend(_years(text))
        found.extend(find_dates(text))
    return found


def _not_counted(word: str) -> bool:
    return any(p.normal_form in _NOT_COUNTED for p in parses(word))


@functools.lru_cache(maxsize=8192)
def _few_fix(word: str) -> str | None:
    """The plural nominative after 2–4, when no parse of word is plural and one is the genitive singular."""
    found = features(word)
    if not found or not all(f[0] == "NOUN" for f in found) or _not_counted(word):
        return None
    if any(f[2] == "plur" for f in found) or not any(f[1] == "gent" for f in found):
        return None
    return inflect(word, {"plur", "nomn"})


def _digits(text: str, tokens: list[Token]) -> list[Finding]:
    """A figure before a noun: 2–4 (not 12–14) with the plural nominative, 1 (not 11) with the singular
    nominative, a decimal with the singular genitive."""
    found: list[Finding] = []
    starts: list[int] = []
    for match in _FIGURE_RE.finditer(text):
        if not starts:
            starts = [token[1] for token in tokens]
        index = bisect_left(starts, match.end())
        if index >= len(tokens) or starts[index] != match.end():
            continue
        window = max(0, match.start() - 60)
        before = text[window:match.start()].rstrip()
        if before.endswith(("№", ".")) or (index > 0 and tokens[index - 1][2] == window + len(before)
                                           and is_pos(tokens[index - 1][0], "NOUN")):
            continue  # «статті 3 Закону», «ст. 33 документа», «№ 2 пункту»: a label, not a count
        word, start, end = tokens[index]
        if not word.islower() or not is_pos(word, "NOUN") or _not_counted(word):
            continue
        number = match.group(1)
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
        elif number[-1] == "1" and not number.endswith("11") and len(number) < 4:
            if all(f[2] == "plur" and f[1] in ("gent", "accs") for f in features(word)) and any(f[1] == "gent" for f in features(word)):
                fix = singular(word, "nomn")
                if fix:
                    found.append(_finding(start, end, "numeral-one",
                                          f"Після числівника, що закінчується на 1, іменник в однині: «{fix}».", fix))
    return found


def _decimal(word: str, start: int, end: int) -> list[Finding]:
    found = features(word)
    if not found or not all(f[2] == "plur" for f in found):
        return []
    fix = _singular_genitive(word)
    if not fix:
        return []
    return [_finding(start, end, "numeral-decimal", f"Після дробового числа іменник у родовому відмінку однини: «{fix}».", fix)]


def _singular_genitive(word: str) -> str | None:
    forms = set()
    for p in parses(word):
        gender = p.lexeme[0].tag.gender if p.lexeme else None
        form = p.inflect({"gent", gender}) if gender else None
        if form is not None and form.tag.number != "plur":
            forms.add(form.word)
    return match_case(word, forms.pop()) if len(forms) == 1 else None


def _years(text: str) -> list[Finding]:
    """«у 2023 року» → «у 2023 році»."""
    return [_finding(m.start(1), m.end(1), "preposition-year", "Після «у/в» з роком — місцевий відмінок: «році».", "році")
            for m in _YEAR_RE.finditer(text)]
