"""Spelling of compounds the dictionary cannot see, since each word of them is a word: «онлайн нарадах»
(онлайн-нарадах), «осіннього-зимового» (осінньо-зимового), «напів гіркий», «мульти-валютний», «будь
якому», «все таки» (Правопис 2019, § 35, 36, 42)."""

from __future__ import annotations

from collections.abc import Callable
from itertools import compress, filterfalse, repeat
from operator import itemgetter

from desktop.language.finding import Finding
from desktop.language.grammar import parses
from desktop.language.word_cache import register, word_cache
from desktop.language.words import Token

# First parts written with a hyphen before a noun (Правопис 2019, § 35: «онлайн-нарада», «офлайн-режим»).
HYPHENATED_FIRST_PARTS = frozenset({"онлайн", "офлайн"})
# Foreign first parts written together since 2019 («ексміністр», «віцепрезидент»), with a hyphen before a
# proper name («екс-Югославія»).
TOGETHER_FIRST_PARTS = frozenset({"екс", "віце"})
# Prefixes written together with the word (§ 35): «напівгіркий», «мультивалютний», «багатоповерховий».
TOGETHER_PREFIXES = frozenset({"напів", "мульти", "ультра", "квазі", "еко", "багато", "псевдо", "гіпер",
                               "мікро", "макро", "нео", "пост"})
# «будь-», «-будь», «-таки» (§ 42): the particle is joined with a hyphen to these words.
# «будь що буде», «будь як є», «що будь у вас» (if there were) are right apart: «що», «як», «хто» are left out,
# and «-будь» is joined only at the end of a clause («де будь.»).
BUD_WORDS = frozenset({"який", "яка", "яке", "які", "якого", "якому", "якої", "якій", "якою", "яких", "якими",
                       "де", "коли", "куди", "звідки", "чий", "чия", "чиє", "чиї", "кого", "кому", "чого", "ким"})
BUD_BEFORE = frozenset({"де", "коли", "куди", "звідки"})
_CLAUSE_END = ".,;:!?)»…"
TAKY_WORDS = frozenset({"все", "всe", "так", "знову", "довго"})
_NOT_AFTER_BUD = frozenset({"ласка", "ласкаві"})
# Pronominal and reduplicated pairs keep their endings («такий-сякий», «білий-білий»).
_PRONOUNS = frozenset({"такий", "сякий", "який", "котрий", "інший", "той", "цей", "весь", "свій", "мій"})

Accepts = Callable[[str], bool]


# A pair is looked at only when it opens with one of _PAIR_FIRST or closes with one of _PAIR_SECOND.
_PAIR_FIRST = HYPHENATED_FIRST_PARTS | TOGETHER_FIRST_PARTS | {"напів", "будь"}
_PAIR_SECOND = frozenset({"будь", "таки"})
_PAIR_WORDS = _PAIR_FIRST | _PAIR_SECOND


def compound_findings(text: str, tokens: list[Token], words: set[str], accepts: Accepts) -> list[Finding]:
    """Every such compound of text (words: its distinct words as written); accepts(word): whether the
    spelling layer takes the fix as it is."""
    found: list[Finding] = []
    single: dict[str, tuple[str, str, str]] = {}  # word as written -> rule, message, fix
    firsts: set[str] = set()  # words as written that may open a pair, or close one
    if len(_PLAIN) > _PLAIN_LIMIT:
        _PLAIN.clear()
    new = list(words.difference(_PLAIN))  # a set difference in C: the editor re-checks the same words
    # most words are plain: no hyphen and none of the pair words (_word_kind's None), told in C
    maybe = set(compress(new, map(str.__contains__, new, repeat("-"))))
    maybe.update(compress(new, map(_PAIR_WORDS.__contains__, map(str.lower, new))))
    _PLAIN.update(filterfalse(maybe.__contains__, new))
    for word in maybe:
        kind = _word_kind(word)
        if kind is True:
            firsts.add(word)
        elif isinstance(kind, tuple):
            single[word] = kind
        else:
            _PLAIN.add(word)
    single = {word: entry for word, entry in single.items() if accepts(entry[2])}
    if not single and not firsts:
        return found
    wanted = firsts | single.keys()
    last = len(tokens) - 1
    for index in list(compress(range(len(tokens)), map(wanted.__contains__, map(itemgetter(0), tokens)))):
        word, start, end = tokens[index]
        entry = single.get(word)
        if entry is not None:
            found.append(Finding(start, end, "spelling", entry[0], entry[1], (entry[2],)))
            continue
        lower = word.lower()
        pairs = []
        if lower in _PAIR_FIRST and index < last:
            pairs.append((tokens[index], tokens[index + 1]))
        if lower in _PAIR_SECOND and index > 0:
            pairs.append((tokens[index - 1], tokens[index]))
        for first, second in pairs:
            if text[first[2]:second[1]] != " ":
                continue
            fixed = _joined_pair(first[0], second[0])
            if fixed is not None and second[0].lower() == "будь" and text[second[2]:second[2] + 1] not in _CLAUSE_END:
                fixed = None
            if fixed is not None:
                suggestion = fixed[0]
                finding = Finding(first[1], second[2], "spelling", "compound-spelling", fixed[1], (suggestion,))
                if finding not in found and accepts(suggestion):
                    found.append(finding)
    return found


# Words (as written) that neither open a pair nor are wrong alone: most words, kept to be skipped in bulk.
_PLAIN: set[str] = set()
register(_PLAIN)
_PLAIN_LIMIT = 200_000


@word_cache(65536)
def _word_kind(word: str) -> tuple[str, str, str] | bool | None:
    """True for a word that may open or close a pair; the rule, message and fix of a word wrong alone."""
    lower = word.lower()
    if lower in _PAIR_FIRST or lower in _PAIR_SECOND:
        return True
    if "-" in word:
        fixed = _hyphenated(lower)
        if fixed is not None:
            return "compound-spelling", fixed[1], _match_case(word, fixed[0])
    return None


def clear_caches() -> None:
    """Forget every word's verdict (a cold checker's benchmark)."""
    _PLAIN.clear()
    _word_kind.cache_clear()  # type: ignore[attr-defined]


def _joined_pair(first: str, second: str) -> tuple[str, str] | None:
    """The right spelling of two words written apart (as written), and why; None if they are right so."""
    one, two = first.lower(), second.lower()
    hyphenated = f"{first}-{second}"
    if one in HYPHENATED_FIRST_PARTS and _noun(two):
        return hyphenated, f"«{one}» з іменником пишуть через дефіс: «{hyphenated}»."
    if one in TOGETHER_FIRST_PARTS and _noun(two):
        if second[:1].isupper():
            return hyphenated, f"Перед власною назвою «{one}» пишуть через дефіс: «{hyphenated}»."
        together = first + second
        return together, f"За Правописом 2019 «{one}» пишуть разом: «{together}»."
    if one == "напів" and two.isalpha():
        together = first + (two if second[1:].islower() else second)
        return together, f"Слова з «напів» пишуть разом: «{together}»."
    if (one == "будь" and two in BUD_WORDS) or (one in BUD_BEFORE and two == "будь"):
        return hyphenated, f"Частку «будь» пишуть через дефіс: «{hyphenated}»."
    if one in TAKY_WORDS and two == "таки":
        return hyphenated, f"Частку «таки» пишуть через дефіс: «{hyphenated}»."
    return None


@word_cache(4096)
def _hyphenated(word: str) -> tuple[str, str] | None:
    parts = word.split("-")
    if len(parts) != 2 or not all(parts):
        return None
    first, second = parts
    if first in TOGETHER_PREFIXES and first != second:
        return first + second, f"Префікс «{first}» пишуть разом зі словом: «{first}{second}»."
    adverb = _compound_adjective_first_part(first, second)
    if adverb is not None:
        return (f"{adverb}-{second}",
                f"Перша частина складного прикметника — на -о: «{adverb}-{second}».")
    return None


def _compound_adjective_first_part(first: str, second: str) -> str | None:
    """«осінньо» for «осіннього-зимового»: two adjectives agreeing in case, the first not in -о."""
    one, two = parses(first), parses(second)
    if not one or not two or not all(p.tag.POS == "ADJF" for p in one):
        return None
    lemmas = {p.normal_form for p in one}
    if lemmas & _PRONOUNS or lemmas & {p.normal_form for p in two}:
        return None
    if any(lemma[:-2] in second_lemma or second_lemma[:-2] in lemma
           for lemma in lemmas for second_lemma in {p.normal_form for p in two}):
        return None  # «великий-превеликий»
    agreeing = [p for p in one for q in two if q.tag.POS == "ADJF" and p.tag.case == q.tag.case
                and p.tag.number == q.tag.number and p.tag.gender == q.tag.gender]
    if not agreeing:
        return None
    lemma = agreeing[0].normal_form
    if lemma.endswith("ній"):
        return lemma[:-2] + "ьо"
    if lemma.endswith("ий"):
        return lemma[:-2] + "о"
    return None


def _noun(word: str) -> bool:
    found = parses(word)
    return bool(found) and all(p.tag.POS == "NOUN" for p in found)


def _match_case(model: str, fixed: str) -> str:
    if len(model) > 1 and model.isupper():
        return fixed.upper()
    if model[:1].isupper():
        return fixed[:1].upper() + fixed[1:]
    return fixed
