"""The rules of numerals and counting: the noun after 2–4 (nominative plural) and after five and more
(genitive plural), an adjective between 2–4 and a noun, a fraction's genitive singular, the noun after
«сотні», «тисячі», «десятки», and «півтора»/«півтори» with its noun's gender and case."""

from __future__ import annotations

from desktop.language.finding import Finding
from desktop.language.grammar_words import (
    features,
    finding,
    inflect,
    is_adjective,
    key,
    match_case,
    next_word,
    parses,
    plain,
    singular,
    singular_genitive,
    table,
)
from desktop.language.words import Token

FEW_WORDS = frozenset(("два", "дві", "три", "чотири", "обидва", "обидві"))
MANY_WORDS = frozenset(("п'ять", "шість", "сім", "вісім", "дев'ять", "десять", "одинадцять", "дванадцять",
                        "двадцять", "тридцять", "сорок", "п'ятдесят", "сто"))
COUNT_NOUNS = frozenset(("сотні", "сотень", "тисячі", "тисяч", "десятки", "десятків"))

COUNT_FORMS = table("count_forms.tsv")

# ---- numerals ----------------------------------------------------------------------------------

def _numeral(text: str, tokens: list[Token], index: int) -> list[Finding]:
    few = key(tokens[index][0]) in FEW_WORDS
    fix: str | None
    noun = next_word(text, tokens, index)
    if noun is None:
        return []
    word, start, end = noun
    found = features(word)
    if not found or not word.islower():
        return []
    if few and (all(f[0] == "ADJF" for f in found) or (any(f[0] == "ADJF" and f[5] in _FRACTIONS for f in found)
                                                      and any(f[0] == "ADJF" and f[2] == "plur" for f in found))):
        return _few_adjective(text, tokens, index + 1)
    if not all(f[0] == "NOUN" for f in found) or any(f[5] in ("рік", "раз") for f in found):
        return []
    if not few and key(word) in COUNT_FORMS:
        fix = match_case(word, COUNT_FORMS[key(word)])
        return [finding(start, end, "numeral-many", f"Після числівників від п’яти — родовий відмінок множини: «{fix}».", fix)]
    if few and not any(f[2] == "plur" for f in found) and any(f[1] == "gent" for f in found):
        fix = inflect(word, {"plur", "nomn"})
        if fix:
            return [finding(start, end, "numeral-few", f"Після числівників 2–4 іменник у називному відмінку множини: «{fix}».", fix)]
    if not few and not any(f[2] == "plur" and f[1] == "gent" for f in found):
        if any(f[5] in ("сотня", "тисяча", "десяток") for f in found):
            return []  # «двадцять сотень»: a count of its own
        fix = inflect(word, {"plur", "gent"})
        if fix:
            return [finding(start, end, "numeral-many", f"Після числівників від п’яти іменник у родовому відмінку множини: «{fix}».", fix)]
    return []


_FRACTIONS = frozenset(("другий", "третій", "четвертий", "п'ятий", "шостий", "сьомий", "восьмий", "дев'ятий",
                        "десятий", "сотий", "тисячний"))


def _few_adjective(text: str, tokens: list[Token], index: int) -> list[Finding]:
    """2–4, an adjective, a noun: «дві селекторних наради» → «дві селекторні наради», «обидва синіх
    автомобіля» → «автомобілі», «два десятих відсотки» → «відсотка» (a fraction: the genitive singular)."""
    adjective, a_start, a_end = tokens[index]
    noun = next_word(text, tokens, index)
    if noun is None:
        return []
    word, start, end = noun
    nouns = features(word)
    adjectives = features(adjective)
    if not nouns or not word.islower() or not all(f[0] == "NOUN" for f in nouns) or any(f[4] for f in nouns):
        return []
    if all(f[5] in _FRACTIONS for f in adjectives if f[0] == "ADJF") and any(f[0] == "ADJF" for f in adjectives) \
            and all(f[2] == "plur" for f in adjectives if f[0] == "ADJF"):
        if all(f[2] == "plur" for f in nouns) and not any(f[1] == "gent" for f in nouns):
            fix = singular_genitive(word)
            if fix:
                return [finding(start, end, "numeral-fraction", f"Після дробу іменник у родовому відмінку однини: «{fix}».", fix)]
        return []
    if not all(f[2] == "plur" and f[0] == "ADJF" for f in adjectives):
        return []
    if not any(f[2] == "plur" for f in nouns) and any(f[1] == "gent" for f in nouns):
        fix = inflect(word, {"plur", "nomn"})
        if fix:
            return [finding(start, end, "numeral-few", f"Після числівників 2–4 іменник у називному відмінку множини: «{fix}».", fix)]
        return []
    if (all(f[1] == "gent" or f[1] in ("accs", "loct") for f in adjectives) and not any(f[1] == "nomn" for f in adjectives)
            and all(f[3] == "femn" or (f[2] == "plur" and f[1] in ("nomn", "accs", "voct")) for f in nouns)
            and any(f[3] == "femn" for f in nouns) and any(f[1] == "nomn" and f[2] == "plur" for f in nouns)):
        fix = inflect(adjective, {"plur", "nomn"}, "ADJF")
        if fix:
            return [finding(a_start, a_end, "numeral-adjective",
                             f"Між числівниками 2–4 та іменником жіночого роду прикметник у називному відмінку: «{fix}».", fix)]
    return []

def _count_noun(text: str, tokens: list[Token], index: int) -> list[Finding]:
    """«дві сотні солдат» → «солдатів»."""
    following = next_word(text, tokens, index)
    if following is None:
        return []
    if key(following[0]) not in COUNT_FORMS:
        following = next_word(text, tokens, index + 1) if is_adjective(following[0]) else None
    if following is None or key(following[0]) not in COUNT_FORMS:
        return []
    word, start, end = following
    fix = match_case(word, COUNT_FORMS[key(word)])
    return [finding(start, end, "numeral-many", f"Після «{tokens[index][0]}» — родовий відмінок множини: «{fix}».", fix)]


def _one_and_half(text: str, tokens: list[Token], index: int) -> list[Finding]:
    """«півтора» with a masculine or neuter noun, «півтори» with a feminine one; the noun in the genitive singular."""
    numeral, n_start, n_end = tokens[index]
    noun = next_word(text, tokens, index)
    if noun is None:
        return []
    word, start, end = noun
    found = features(word)
    if not found or not all(f[0] == "NOUN" for f in found) or any(f[4] for f in found) or not word.islower():
        return []
    if any(f[5] == "раз" for f in found):
        return []  # «півтора рази»
    genders = {f[3] for f in found if f[2] != "plur" and f[3]}
    lexeme_genders = {plain(p.lexeme[0].tag.gender) for p in parses(word) if p.lexeme}
    if not lexeme_genders or None in lexeme_genders or ("femn" in lexeme_genders and len(lexeme_genders) > 1):
        return []
    gender = "femn" if "femn" in lexeme_genders else "masc"
    right = "півтори" if gender == "femn" else "півтора"
    if not any(f[1] == "gent" and f[2] != "plur" for f in found):
        fix = singular(word, "gent")
        if fix and (gender == "femn") == (key(numeral) == "півтори"):
            return [finding(start, end, "numeral-one-and-half", f"Після «{numeral}» іменник у родовому відмінку однини: «{fix}».", fix)]
        return []
    if genders and key(numeral) != right:
        fix = match_case(numeral, right)
        return [finding(n_start, n_end, "numeral-one-and-half",
                         f"«Півтори» — з іменниками жіночого роду, «півтора» — з іншими: «{fix} {word}».", fix)]
    return []
