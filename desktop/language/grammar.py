"""Grammar on pymorphy3's Ukrainian morphology: numeral and noun, preposition and case, adjective and
noun, an event verb and its subject, a verb with several people. Conservative: a pair is flagged only
when no parse of its words agrees. House rule: a verb with several people as its subject is plural
(«участь взяли Іван Петренко та Олена Коваль»), as the templates and the participant picker write it."""

from __future__ import annotations

import functools
import re
from bisect import bisect_left
from typing import Any

from desktop.language.finding import Finding
from desktop.language.inflection import morph
from desktop.language.words import Token

FEW_WORDS = frozenset(("два", "дві", "три", "чотири", "обидва", "обидві"))
MANY_WORDS = frozenset(("п'ять", "шість", "сім", "вісім", "дев'ять", "десять", "одинадцять", "дванадцять",
                        "двадцять", "тридцять", "сорок", "п'ятдесят", "сто"))
PREPOSITIONS = frozenset(("по", "згідно", "у", "в"))
# nouns a number stands beside as a label or a date, not as a count
_NOT_COUNTED = frozenset(("рік", "січень", "лютий", "березень", "квітень", "травень", "червень", "липень",
                          "серпень", "вересень", "жовтень", "листопад", "грудень", "стаття", "пункт", "частина"))
EVENT_VERBS = frozenset(("відбутися", "відбуватися", "розпочатися", "розпочинатися", "початися", "починатися",
                         "завершитися", "завершуватися", "закінчитися", "закінчуватися", "відкритися"))
_DECIMAL_RE = re.compile(r"\d+,\d+")
_CLAUSE_END = ".;:!?\n"
_CASES = ("nomn", "gent", "datv", "accs", "ablt", "loct")


@functools.lru_cache(maxsize=65536)
def parses(word: str) -> tuple[Any, ...]:
    """pymorphy3's known (dictionary) parses of word, cached per word."""
    return tuple(p for p in morph().parse(word.lower().replace("’", "'").replace("ʼ", "'")) if p.is_known)


def _is(word: str, pos: str) -> bool:
    found = parses(word)
    return bool(found) and all(pos == p.tag.POS for p in found)


def _match_case(model: str, word: str) -> str:
    return word[:1].upper() + word[1:] if model[:1].isupper() else word


def _inflect(word: str, grammemes: set[str], pos: str = "NOUN") -> str | None:
    forms = set()
    for p in parses(word):
        if pos == p.tag.POS:
            form = p.inflect(grammemes)
            if form is not None:
                forms.add(form.word)
    return _match_case(word, forms.pop().replace("'", "’") if "’" in word else forms.pop()) if len(forms) == 1 else None


def _singular_genitive(word: str) -> str | None:
    forms = set()
    for p in parses(word):
        gender = p.lexeme[0].tag.gender if p.lexeme else None
        form = p.inflect({"gent", gender}) if gender else None
        if form is not None and form.tag.number != "plur":
            forms.add(form.word)
    return _match_case(word, forms.pop()) if len(forms) == 1 else None


def _has(word: str, *grammemes: str) -> bool:
    return any(all(g in p.tag for g in grammemes) for p in parses(word))


def _finding(start: int, end: int, rule: str, message: str, fix: str) -> Finding:
    return Finding(start, end, "grammar", rule, message, (fix,))


def find_grammar(text: str, tokens: list[Token]) -> list[Finding]:
    """Every grammar finding of text (tokens: its words)."""
    found: list[Finding] = []
    roles = {word: kind for word in {token[0] for token in tokens} if (kind := _role(word))}
    last = len(tokens) - 1
    for index in [i for i, token in enumerate(tokens) if token[0] in roles and i < last]:
        word = tokens[index][0]
        kind = roles[word]
        end = tokens[index][2]
        following = tokens[index + 1]
        if text[end:following[1]].strip():
            continue
        if kind in (_FEW, _MANY):
            found.extend(_numeral(following, kind == _FEW))
        elif kind == _PREPOSITION:
            found.extend(_preposition(text, tokens, index))
        elif kind == _ADJECTIVE:
            found.extend(_adjective(word, tokens[index][1], following))
        else:
            found.extend(_verb(text, tokens, index))
    if any(ch.isdigit() for ch in text):
        found.extend(_digits(text, tokens))
        found.extend(_years(text))
    return found


_FEW, _MANY, _PREPOSITION, _ADJECTIVE, _VERB = 1, 2, 3, 4, 5


@functools.lru_cache(maxsize=65536)
def _role(word: str) -> int:
    """What rule a word triggers, if any (0), cached per word."""
    lower = word.lower().replace("’", "'").replace("ʼ", "'")
    if lower in FEW_WORDS:
        return _FEW
    if lower in MANY_WORDS:
        return _MANY
    if lower in PREPOSITIONS:
        return _PREPOSITION
    if _is_adjective(word):
        return _ADJECTIVE
    if lower.endswith(("ся", "сь")) or lower in ("взяв", "взяла"):
        return _VERB
    return 0


def _numeral(noun: Token, few: bool) -> list[Finding]:
    word, start, end = noun
    if not _is(word, "NOUN") or any(p.normal_form in _NOT_COUNTED for p in parses(word)):
        return []
    if few and not _has(word, "plur") and _has(word, "gent"):
        fix = _inflect(word, {"plur", "nomn"})
        if fix:
            return [_finding(start, end, "numeral-few", f"Після числівників 2–4 іменник у називному відмінку множини: «{fix}».", fix)]
    if not few and not _has(word, "plur", "gent"):
        fix = _inflect(word, {"plur", "gent"})
        if fix:
            return [_finding(start, end, "numeral-many", f"Після числівників від п’яти іменник у родовому відмінку множини: «{fix}».", fix)]
    return []


_FIGURE_RE = re.compile(r"(?<![\d,.])(\d+(?:,\d+)?) (?=\w)")


def _digits(text: str, tokens: list[Token]) -> list[Finding]:
    """A figure before a noun: 2–4 (not 12–14) with the plural nominative, a decimal with the singular genitive."""
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
        if before.endswith("№") or (index > 0 and tokens[index - 1][2] == window + len(before) and _is(tokens[index - 1][0], "NOUN")):
            continue  # «статті 3 Закону», «№ 2 пункту»: a label, not a count
        word, start, end = tokens[index]
        if not _is(word, "NOUN") or any(p.normal_form in _NOT_COUNTED for p in parses(word)):
            continue
        number = match.group(1)
        if _DECIMAL_RE.fullmatch(number):
            if all("plur" in p.tag and "gent" in p.tag for p in parses(word)):
                fix = _singular_genitive(word)
                if fix:
                    found.append(_finding(start, end, "numeral-decimal",
                                          f"Після дробового числа іменник у родовому відмінку однини: «{fix}».", fix))
        elif (number[-1] in "234" and not number.endswith(("12", "13", "14")) and len(number) < 4
              and not _has(word, "plur") and _has(word, "gent")):
            fix = _inflect(word, {"plur", "nomn"})
            if fix:
                found.append(_finding(start, end, "numeral-few",
                                      f"Після числівників 2–4 іменник у називному відмінку множини: «{fix}».", fix))
    return found


def _preposition(text: str, tokens: list[Token], index: int) -> list[Finding]:
    word, start, _end = tokens[index]
    lower = word.lower()
    noun, noun_start, noun_end = tokens[index + 1]
    if lower == "по":
        found = parses(noun)
        if found and all(p.tag.POS == "NOUN" and "plur" in p.tag and "datv" in p.tag for p in found):
            fix = _inflect(noun, {"plur", "loct"})
            if fix:
                return [_finding(noun_start, noun_end, "preposition-po", f"«По» з множиною — місцевий відмінок: «по {fix}».", fix)]
    elif lower == "згідно":
        if noun.lower() in ("з", "із", "зі", "із"):
            return []
        if noun.lower() == "до":
            return [_finding(start, noun_end, "preposition-zghidno", "Правильно «згідно з».", _match_case(word, "згідно з"))]
        found = parses(noun)
        if found and all(p.tag.POS == "NOUN" for p in found) and all("gent" in p.tag for p in found[:1]):
            fix = _inflect(noun, {"plur", "ablt"} if all("plur" in p.tag for p in found) else {"ablt"})
            if fix:
                phrase = f"{_match_case(word, 'згідно')} з {fix}"
                return [_finding(start, noun_end, "preposition-zghidno", f"Правильно «згідно з» та орудний відмінок: «{phrase}».", phrase)]
    return []


_YEAR_RE = re.compile(r"(?<![\w’'])[уУвВ] \d{4} (року)\b")


def _years(text: str) -> list[Finding]:
    """«у 2023 року» → «у 2023 році»."""
    return [_finding(m.start(1), m.end(1), "preposition-year", "Після «у/в» з роком — місцевий відмінок: «році».", "році")
            for m in _YEAR_RE.finditer(text)]


def _adjective(word: str, start: int, noun: Token) -> list[Finding]:
    fix = _adjective_fix(word, noun[0])
    if fix is None:
        return []
    return [_finding(start, start + len(word), "adjective-agreement",
                     f"Прикметник не узгоджений з іменником «{noun[0]}»: «{fix}».", fix)]


@functools.lru_cache(maxsize=65536)
def _features(word: str) -> tuple[tuple[str | None, str | None, str | None, str | None, bool], ...]:
    """Each known parse as (POS, case, number, gender, indeclinable), cached per word."""
    return tuple((p.tag.POS, p.tag.case, p.tag.number, p.tag.gender, "Fixd" in p.tag) for p in parses(word))


@functools.lru_cache(maxsize=65536)
def _is_adjective(word: str) -> bool:
    return any(pos in ("ADJF", "PRTF") for pos, *_rest in _features(word))


@functools.lru_cache(maxsize=65536)
def _adjective_fix(word: str, noun_word: str) -> str | None:
    """The adjective's form agreeing with the noun after it, when no parse of the pair agrees."""
    nouns = _features(noun_word)
    if not nouns or not noun_word.islower() or not all(pos == "NOUN" and not fixed for pos, *_m, fixed in nouns):
        return None
    adjectives = [f for f in _features(word) if f[0] in ("ADJF", "PRTF")]
    shared = {a[1] for a in adjectives} & {n[1] for n in nouns}
    if not shared:
        return None  # «вдячний колективу»: not one phrase
    if not any(a[1] == n[1] and a[2] == n[2] for a in adjectives for n in nouns):
        return None  # «присвячена історії»: the number differs in every shared case, a governed noun
    for a in adjectives:
        for n in nouns:
            if a[1] == n[1] and a[2] == n[2] and (n[2] == "plur" or a[3] == n[3] or n[3] is None):
                return None
    fixes = set()
    adjective_parses = [p for p in parses(word) if p.tag.POS in ("ADJF", "PRTF")]
    for _pos, case, number, gender, _fixed in nouns:
        if case in shared:
            grammemes = {case} | ({"plur"} if number == "plur" else set())
            if number != "plur" and gender:
                grammemes.add(gender)
            for a in adjective_parses:
                form = a.inflect(grammemes)
                if form is not None:
                    fixes.add(form.word)
    return _match_case(word, fixes.pop()) if len(fixes) == 1 else None


def _verb(text: str, tokens: list[Token], index: int) -> list[Finding]:
    word, start, end = tokens[index]
    verbs = [p for p in parses(word) if p.tag.POS == "VERB" and "past" in p.tag and p.tag.gender]
    if not verbs:
        return []
    if word.lower() in ("взяв", "взяла"):
        return _several_people(text, tokens, index)
    if not any(p.normal_form in EVENT_VERBS for p in verbs):
        return []
    noun = tokens[index + 1][0]
    subjects = [p for p in parses(noun) if p.tag.POS == "NOUN" and "nomn" in p.tag]
    if not subjects or not _is(noun, "NOUN") or not noun.islower():
        return []
    if any(s.tag.number != "plur" and s.tag.gender in {v.tag.gender for v in verbs} for s in subjects):
        return []
    singular = [s for s in subjects if s.tag.number != "plur" and s.tag.gender]
    grammemes = {"past", singular[0].tag.gender} if singular else {"past", "plur"}
    form = verbs[0].inflect(grammemes)
    if form is None:
        return []
    fixed = form.word[:-2] + "ся" if word.endswith("ся") and form.word.endswith("сь") else form.word
    fix = _match_case(word, fixed)
    return [_finding(start, end, "verb-agreement", f"Дієслово не узгоджене з підметом «{noun}»: «{fix}».", fix)]


def _several_people(text: str, tokens: list[Token], index: int) -> list[Finding]:
    word, start, end = tokens[index]
    near = {t[0].lower() for t in tokens[max(0, index - 1):index + 2]}
    if "участь" not in near:
        return []
    names = 0
    joined = False
    for other, other_start, _other_end in tokens[index + 1:index + 25]:
        if any(ch in _CLAUSE_END for ch in text[end:other_start]):
            break
        if other.lower() in ("та", "і", "й") and names:
            joined = True
        if other[:1].isupper() and any("Name" in p.tag and "nomn" in p.tag for p in parses(other)):
            names += 1
    if names >= 2 and joined:
        fix = _match_case(word, "взяли")
        return [_finding(start, end, "verb-several-people", "Кілька осіб — дієслово в множині: «взяли».", fix)]
    return []
