"""The agreement of an adjective or participle with the noun after it (also across a second
adjective), and the active participles in -учий/-ючий calqued from Russian («дезінфікуючий»,
«виконуючий обов’язки») with their Ukrainian words."""

from __future__ import annotations

from desktop.language import analysis
from desktop.language.finding import Finding
from desktop.language.grammar_words import (
    Features,
    agrees,
    features,
    finding,
    is_adjective,
    is_pos,
    lemma_form,
    lemmas_of,
    match_case,
    next_word,
    parses,
    table,
    usual_locative,
)
from desktop.language.word_cache import word_cache
from desktop.language.words import Token

PARTICIPLES = table("participles.tsv")

# ---- adjectives and nouns ----------------------------------------------------------------------

@word_cache(65536)
def adjective_candidate(word: str, noun: str) -> bool:
    """Whether the adjective may disagree with the word after it (a cheap cached pre-check)."""
    if is_adjective(noun) and not is_pos(noun, "NOUN"):
        return True
    return _adjective_fix(word, noun) is not None


def _adjective(text: str, tokens: list[Token], index: int) -> list[Finding]:
    word, start, end = tokens[index]
    if index + 1 >= len(tokens):
        return []
    following = tokens[index + 1]
    if not adjective_candidate(word, following[0]) or text[end:following[1]].strip():
        return []
    noun = following[0]
    if is_adjective(noun) and not is_pos(noun, "NOUN"):
        # «майбутнього місцевих виборів»: the first adjective against the noun after the second
        head = next_word(text, tokens, index + 1)
        if head is None or _adjective_fix(noun, head[0]) is not None or not agrees(noun, head[0]):
            return []
        fix = _adjective_fix(word, head[0], noun)
        if fix is None:
            return []
        noun = head[0]
    else:
        fix = _adjective_fix(word, noun)
    if fix is None:
        return []
    return [finding(start, end, "adjective-agreement", f"Прикметник не узгоджений з іменником «{noun}»: «{fix}».", fix)]

@word_cache(65536)
def _adjective_fix(word: str, noun_word: str, middle: str = "") -> str | None:
    """The adjective's form agreeing with the noun after it, when no parse of the pair agrees;
    middle: an agreeing adjective between them («майбутнього місцевих виборів»), whose parses pick the noun's."""
    nouns = features(noun_word)
    if not nouns or not noun_word.islower() or not all(f[0] == "NOUN" and not f[4] for f in nouns):
        return None
    before_another = bool(middle)
    if not middle:
        # most pairs agree: that answer (None) first, before the sets the other answers need (every check
        # before the fixes below answers None, so their order does not change the answer)
        adjectives = [f for f in features(word) if f[0] in ("ADJF", "PRTF")]
        if not adjectives:
            return None
        for a in adjectives:
            for n in nouns:
                if a[1] == n[1] and a[2] == n[2] and (n[2] == "plur" or a[3] == n[3] or n[3] is None):
                    return None
    if middle:
        nouns = tuple(n for n in nouns if any(a[1] == n[1] and a[2] == n[2] and (n[2] == "plur" or a[3] == n[3] or n[3] is None)
                                              for a in features(middle) if a[0] in ("ADJF", "PRTF")))
    adjectives = [f for f in features(word) if f[0] in ("ADJF", "PRTF")]
    shared = {a[1] for a in adjectives} & {n[1] for n in nouns} if not middle else {n[1] for n in nouns}
    if not shared or not adjectives:
        return None  # «вдячний колективу»: not one phrase
    if before_another:
        if not word.islower() or any("pssv" in p.tag or "actv" in p.tag for p in parses(word)):
            return None  # «присвяченого місцевим виборам»: a participle governs
    elif not any(a[1] == n[1] and a[2] == n[2] for a in adjectives for n in nouns):
        return None  # «присвячена історії»: the number differs in every shared case, a governed noun
    for a in adjectives:
        for n in nouns:
            if a[1] == n[1] and a[2] == n[2] and (n[2] == "plur" or a[3] == n[3] or n[3] is None):
                return None
    if {f[5] for f in features(word) if f[0] == "NOUN"} - {a[5] for a in adjectives} - _neuter_nouns(adjectives):
        return None  # «свята очільник»: the noun «свято» as well («черговому», a person on duty, is the same word)
    fixes = set()
    adjective_parses = [p for p in parses(word) if p.tag.POS in ("ADJF", "PRTF")]
    for _pos, case, number, gender, *_rest in nouns:
        if case in shared:
            grammemes = {case} | ({"plur"} if number == "plur" else set())
            if number != "plur" and gender:
                grammemes.add(gender)
            for a in adjective_parses:
                form = analysis.inflected(a, grammemes)
                if form is not None:
                    fixes.add((usual_locative(form) or form) if case == "loct" and number != "plur" else form)
    return match_case(word, fixes.pop()) if len(fixes) == 1 else None


def _neuter_nouns(adjectives: list[Features]) -> set[str]:
    """The nouns made of the adjectives' neuter («майбутній» → «майбутнє»): the same word."""
    return {a[5][:-2] + ("є" if a[5].endswith("ій") else "е") for a in adjectives}


# ---- participles -------------------------------------------------------------------------------

def _participle(text: str, tokens: list[Token], index: int) -> list[Finding]:
    """«дезінфікуючих засобів» → «дезінфекційних», «виконуючий обов’язки» → «виконувач обов’язків»."""
    word, start, end = tokens[index]
    found = [p for p in parses(word) if p.tag.POS == "ADJF"]
    if not found:
        return []
    lemma = found[0].normal_form
    if lemma == "виконуючий":
        following = next_word(text, tokens, index)
        if following is None or not lemmas_of(following[0]) & {"обов'язок"}:
            return []
        # a person: «виконуючий» as an inanimate accusative is the nominative's double
        order = ("nomn", "gent", "datv", "ablt", "loct", "accs")
        first = min((p for p in found if p.tag.case in order), key=lambda p: order.index(p.tag.case))
        forms = {lemma_form("виконувач", {first.tag.case} | ({"plur"} if first.tag.number == "plur" else set()), "NOUN")}
        duties = "обов’язків" if "’" in following[0] or "'" not in following[0] else "обов'язків"
        noun = forms.pop() if len(forms) == 1 else None
        fix = f"{match_case(word, noun)} {duties}" if noun else None
        return [finding(start, following[2], "participle-acting",
                         f"Посада — «виконувач обов’язків», не «виконуючий обов’язки»{f': «{fix}»' if fix else ''}.", fix)]
    adjective = PARTICIPLES.get(lemma)
    if adjective is None:
        return []
    forms = set()
    for p in found:
        grammemes = {p.tag.case} | ({"plur"} if p.tag.number == "plur" else {p.tag.gender} if p.tag.gender else set())
        form = lemma_form(adjective, grammemes, "ADJF")
        if form:
            forms.add(form)
    only = forms.pop() if len(forms) == 1 else None
    fix = match_case(word, only) if only else None
    return [finding(start, end, "participle-active",
                     f"Активний дієприкметник на -учий/-ючий — калька; українською «{fix or adjective}».", fix)]
