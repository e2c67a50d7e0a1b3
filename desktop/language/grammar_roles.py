"""The grammar layer's dispatch: each rule's role bit, the table of role bits and the rules they start
(ROLE_RULES), and role_of, which gives a word the bits of the rules that may start at it. Holds also the one
rule too small for a group of its own, «будь» with a pronoun written with a hyphen («будь-кого»)."""

from __future__ import annotations

from collections.abc import Callable
from functools import cache

from desktop.language import analysis
from desktop.language.finding import Finding
from desktop.language.grammar_agreement import PARTICIPLES, _adjective, _participle
from desktop.language.grammar_government import (
    FOCUS_VERBS,
    HEADS,
    TEACH_VERBS,
    _contribution,
    _deputy,
    _direction,
    _focus,
    _funds,
    _head,
    _teach,
)
from desktop.language.grammar_numerals import (
    COUNT_NOUNS,
    FEW_WORDS,
    MANY_WORDS,
    _count_noun,
    _numeral,
    _one_and_half,
)
from desktop.language.grammar_prepositions import PREPOSITIONS, _preposition
from desktop.language.grammar_time import _half_past, _minutes, _without
from desktop.language.grammar_verbs import FUTURE_BE, MODALS, _future_passive, _modal, _passive_agent, _verb
from desktop.language.grammar_words import (
    ADJECTIVE_POS,
    VERB_POS,
    features,
    finding,
    key,
    lexeme_forms,
    next_word,
    parts_of_speech,
)
from desktop.language.words import Token

_ANY_PRONOUNS = frozenset(("хто", "кого", "кому", "ким", "кім", "чого", "чому", "чим", "який", "яка", "яке",
                           "які", "якого", "якої", "якому", "яким", "якій", "яких", "де", "коли", "куди", "звідки",
                           "скільки", "чий", "чия", "чиє", "чиї"))

def _any(text: str, tokens: list[Token], index: int) -> list[Finding]:
    """«будь кого» → «будь-кого»: «будь» with a pronoun is written with a hyphen («будь що буде» is a saying)."""
    following = next_word(text, tokens, index)
    if following is None or following[0].lower() not in _ANY_PRONOUNS:
        return []
    if index > 0 and tokens[index - 1][0].lower() in ("не", "б", "би", "хоч", "хоча"):
        return []
    word = tokens[index][0]
    fix = f"{word}-{following[0]}"
    return [finding(tokens[index][1], following[2], "hyphen-any", f"Пишуть через дефіс: «{fix}».", fix)]

# ---- roles -------------------------------------------------------------------------------------

(NUMERAL, COUNT, HALF, PREPOSITION, ADJECTIVE, VERB, MODAL, FUTURE, PARTICIPLE, HEAD, TEACH, FOCUS, DIRECTION, PASSIVE,
 MINUTES, HALF_PAST, WITHOUT, ANY, DEPUTY, CONTRIBUTION, FUNDS) = (1 << n for n in range(21))

ROLE_RULES: tuple[tuple[int, Callable[[str, list[Token], int], list[Finding]]], ...] = (
    (NUMERAL, _numeral), (COUNT, _count_noun), (HALF, _one_and_half), (PREPOSITION, _preposition),
    (ADJECTIVE, _adjective), (VERB, _verb), (MODAL, _modal), (FUTURE, _future_passive), (PARTICIPLE, _participle),
    (HEAD, _head), (TEACH, _teach), (FOCUS, _focus), (DIRECTION, _direction), (PASSIVE, _passive_agent),
    (MINUTES, _minutes), (HALF_PAST, _half_past), (WITHOUT, _without), (ANY, _any),
    (DEPUTY, _deputy), (CONTRIBUTION, _contribution), (FUNDS, _funds),
)


def _exact_roles() -> dict[str, int]:
    """Each word one of the rules starts at as written (a lowercase key) -> the bits of those rules."""
    roles: dict[str, int] = {}
    for words, bit in ((FEW_WORDS | MANY_WORDS, NUMERAL), (COUNT_NOUNS, COUNT), (("півтора", "півтори"), HALF),
                       (PREPOSITIONS, PREPOSITION), (MODALS, MODAL), (FUTURE_BE, FUTURE), (HEADS, HEAD),
                       (("хвилин", "годині"), MINUTES), (("пів",), HALF_PAST), (("без",), WITHOUT), (("будь",), ANY),
                       (("кошти",), FUNDS)):
        for word in words:
            roles[word] = roles.get(word, 0) | bit
    return roles


_EXACT_ROLES = _exact_roles()
_PREFIX_ROLES = (("напрям", DIRECTION), ("заступни", DEPUTY), ("внес", CONTRIBUTION))
_PREFIXES = tuple(prefix for prefix, _bit in _PREFIX_ROLES)
_FINAL_ROLES = NUMERAL | PREPOSITION | MODAL | FUTURE
_PARTICIPLE_LEMMAS = frozenset(PARTICIPLES.keys() | {"виконуючий"})
_VERB_LEMMAS = TEACH_VERBS | FOCUS_VERBS


@cache
def _verb_forms() -> tuple[frozenset[str], frozenset[str], frozenset[str]]:
    """The spellings of the verbs of TEACH, of FOCUS and of either, every form (dictionary data, read once)."""
    teach, focus = lexeme_forms(TEACH_VERBS), lexeme_forms(FOCUS_VERBS)
    return teach, focus, teach | focus


def roles_of(words: list[str], lowers: list[str]) -> list[int]:
    """role_of each of words (lowers: their keys), told from the parts of speech of their dictionary
    entries and the spellings of the verbs asked for, without their features (most words need none)."""
    teach_forms, focus_forms, verb_forms = _verb_forms()
    found = []
    all_entries = list(map(analysis.entries, lowers))
    for word, lower, entries, pos in zip(words, lowers, all_entries, parts_of_speech(all_entries), strict=True):
        role = _table_role(lower)
        if role & _FINAL_ROLES:
            found.append(role)
            continue
        if not entries:  # no parse (the role as written), or pymorphy3's parse (the features')
            found.append(role if entries is not None else role_of(word, lower))
            continue
        if pos & ADJECTIVE_POS:
            if "уч" in lower or "юч" in lower:  # a participle's lemma: the features' (rare)
                found.append(role_of(word, lower))
                continue
            role |= ADJECTIVE
        if lower.endswith(("ся", "сь")) or lower in ("взяв", "взяла"):
            role |= VERB
        spellings = entries[::2]
        if not verb_forms.isdisjoint(spellings):
            if not teach_forms.isdisjoint(spellings):
                role |= TEACH
            if not focus_forms.isdisjoint(spellings):
                role |= FOCUS
        if pos & VERB_POS and lower.endswith(("но", "то")):
            role |= PASSIVE
        found.append(role)
    return found


def _table_role(lower: str) -> int:
    """The rules a word starts by its spelling alone: the exact words' and the prefixes' tables."""
    role = _EXACT_ROLES.get(lower, 0)
    if lower.startswith(_PREFIXES):
        for prefix, bit in _PREFIX_ROLES:
            if lower.startswith(prefix):
                role |= bit
    return role


def role_of(word: str, lower: str | None = None) -> int:
    """The rules a word starts (a bit set, 0 for none; lower: key(word), when known already)."""
    if lower is None:
        lower = key(word)
    role = _table_role(lower)
    if role & _FINAL_ROLES:
        return role
    found = features(word)
    if not found:
        return role
    adjective = verb = False
    lemmas = set()
    for f in found:
        pos = f[0]
        if pos == "ADJF" or pos == "PRTF":
            adjective = True
        elif pos == "VERB":
            verb = True
        lemmas.add(f[5])
    if adjective:
        role |= ADJECTIVE
        if ("уч" in lower or "юч" in lower) and not _PARTICIPLE_LEMMAS.isdisjoint(lemmas):
            role |= PARTICIPLE
    if lower.endswith(("ся", "сь")) or lower in ("взяв", "взяла"):
        role |= VERB
    if not _VERB_LEMMAS.isdisjoint(lemmas):
        if not TEACH_VERBS.isdisjoint(lemmas):
            role |= TEACH
        if not FOCUS_VERBS.isdisjoint(lemmas):
            role |= FOCUS
    if verb and lower.endswith(("но", "то")):
        role |= PASSIVE
    return role
