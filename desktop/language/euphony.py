"""Euphony after Правопис 2019, §23–25: у/в, і/й and з/із/зі, in the clear cases only.

The alternations are about sounds, so only plain Ukrainian words on both sides are judged: a number,
an abbreviation, a Latin word, a quote or a bracket next to the little word leaves it alone, and so
do the cases where usage allows both forms (у after a vowel before a consonant, і at a contrast).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from itertools import compress
from operator import itemgetter

from desktop.language.finding import Finding
from desktop.language.typography_notation import word_parses
from desktop.language.word_cache import word_cache
from desktop.language.words import Token, tokenize

VOWELS = frozenset("аеиіоуяюєї")
PLAIN_VOWELS = frozenset("аеиіоу")  # я, ю, є, ї at a word's start sound [й] first
IOTATED = frozenset("йяюєї")
I_SOUNDS = frozenset("иії")
# у before these whatever ends the word before it (§23, 1.4)
HARD_FOR_V = ("в", "ф", "льв", "зв", "св", "дв", "тв", "гв", "хв")
SIBILANTS = frozenset("зсжшщ")  # not ц, ч: «з цим», «з членами» are usual
CLUSTER_FOR_ZI = frozenset("зсшщ")  # зі before these followed by another consonant (§25)
PAUSE_MARKS = frozenset(",;:—–-()…")
SENTENCE_ENDS = frozenset(".!?")
# A full stop after these ends an abbreviation, not a sentence (вул. Шевченка, ст. 22).
NO_SENTENCE_END = frozenset((
    "вул", "просп", "пров", "пл", "бульв", "буд", "корп", "кв", "каб", "м", "с", "смт", "сел", "обл", "ст",
    "п", "пп", "ч", "абз", "розд", "гл", "дод", "табл", "рис", "див", "напр", "зокр", "ім", "тел", "р", "рр",
    "т", "зв", "ін", "тис", "млн", "млрд", "грн", "год", "хв", "проф", "доц", "акад", "ген", "о", "св", "ред",
))
SPACES = frozenset(" \u00a0")
LATER_SENTENCE_RE = re.compile(r"[.!?][ \t\u00a0]+[А-ЯІЇЄҐ]")
PARAGRAPH_BREAK_RE = re.compile(r"\n[ \t\u00a0]*\n")
PLAIN_WORD_RE = re.compile("[\u0400-\u04ff'’ʼ-]+")
# The words that head the names of bodies (департамент, управління, міністерство …).
BODY_STEMS = ("департамент", "управлінн", "міністерств", "відділ", "комітет", "комісі", "служб", "інститут",
              "університет", "академі", "агентств", "інспекці")
LITTLE_WORDS = frozenset(("у", "в", "і", "й", "з", "зі", "із"))
LITTLE_WORDS_AS_WRITTEN = LITTLE_WORDS | {word.capitalize() for word in LITTLE_WORDS} | {"ЗІ", "ІЗ"}

SOURCE = " (Правопис, §{})."
MESSAGES = {
    "euphony-u-before-v": "Перед «в», «ф» і збігами «льв», «св», «тв», «хв» пишіть «у», а не «в»" + SOURCE.format(23),
    "euphony-u-between-consonants": "Між приголосними пишіть «у», а не «в»" + SOURCE.format(23),
    "euphony-u-after-pause": "На початку речення й після розділового знака перед приголосним пишіть «у»"
                             + SOURCE.format(23),
    "euphony-v-between-vowels": "Між голосними пишіть «в», а не «у»" + SOURCE.format(23),
    "euphony-v-sentence-start": "На початку речення перед голосним пишіть «В», а не «У»" + SOURCE.format(23),
    "euphony-y-after-vowel": "Після «и», «і», «ї» перед приголосним пишіть «й», а не «і»" + SOURCE.format(24),
    "euphony-z-after-vowel": "Після голосного перед приголосним (крім свистячих і шиплячих) пишіть «з», а не «із»"
                             + SOURCE.format(25),
    "euphony-i-between-consonants": "Між приголосними пишіть «і», а не «й»" + SOURCE.format(24),
    "euphony-i-after-pause": "На початку речення й після розділового знака пишіть «і», а не «й»" + SOURCE.format(24),
    "euphony-i-before-iotated": "Перед словом на «й», «я», «ю», «є», «ї» пишіть «і», а не «й»" + SOURCE.format(24),
    "euphony-y-between-vowels": "Між голосними пишіть «й», а не «і»" + SOURCE.format(24),
    "euphony-zi-before-cluster": "Перед збігом приголосних на «з», «с», «ш», «щ» пишіть «зі» (або «із»)"
                                 + SOURCE.format(25),
    "euphony-iz-before-sibilant": "Між приголосним і свистячим чи шиплячим пишіть «із», а не «з»" + SOURCE.format(25),
    "euphony-z-before-vowel": "Перед голосним пишіть «з», а не «зі» чи «із»" + SOURCE.format(25),
    "euphony-z-sentence-start": "На початку речення перед приголосним (крім свистячих і шиплячих) пишіть «З»"
                                + SOURCE.format(25),
}

PLAIN, PAUSE, START, UNCLEAR = "plain", "pause", "start", "unclear"


def find_euphony(text: str, tokens: list[Token] | None = None) -> list[Finding]:
    """The у/в, і/й and з/із/зі findings of text, each with its one fix."""
    tokens = tokenize(text) if tokens is None else tokens
    return list(_findings(text, tokens))


def _little_word_indexes(tokens: list[Token]) -> list[int]:
    """The token indexes of the little words, picked out in C (map, compress): no Python loop over every word."""
    return list(compress(range(len(tokens)), map(LITTLE_WORDS_AS_WRITTEN.__contains__, map(itemgetter(0), tokens))))


def _findings(text: str, tokens: list[Token]) -> Iterator[Finding]:
    last = len(tokens) - 1
    for index in _little_word_indexes(tokens):
        word, start, end = tokens[index]
        lowered = word.lower()
        if len(word) > 2 or lowered not in LITTLE_WORDS or index == last:
            continue
        following, next_start, _next_end = tokens[index + 1]
        if not _plain_gap(text[end:next_start]) or not _judgeable(following):
            continue
        if following.lower() in NO_SENTENCE_END and text[tokens[index + 1][2]:tokens[index + 1][2] + 1] == ".":
            continue  # an abbreviation follows: в с. Селещина, у м. Києві
        if start > 1 and text[start - 1] == " " and text[start - 2].isalpha():
            before = PLAIN  # a word after a word: the common case, decided cheaply
        else:
            before = context_before(text, tokens, index)
        capital = word[0].isupper()
        if capital and before != START and len(word) == 1:
            continue  # a capital mid-sentence: an initial or a Roman numeral (І етап)
        if before == START and not capital:
            if _capitalisation_flags(text, tokens, index):
                continue  # the capitalisation layer gives it its capital and its euphonic form at once
            before = PAUSE  # a list item or a line after an ellipsis keeps its small letter: judge it after a pause
        previous = tokens[index - 1][0] if before == PLAIN else ""
        if before == PLAIN and not _judgeable(previous):
            continue
        found = _rule(lowered, before, previous[-1:].lower(), following.lower())
        if found is None:
            continue
        rule, fix = found
        if rule == "euphony-y-after-vowel" and (_inside_name(text, tokens, index) or _pause_like(tokens, index)):
            continue  # «Департаменту освіти і науки»: a body's name keeps its registered form
        if capital:
            fix = fix[0].upper() + fix[1:]
        yield Finding(start, end, "euphony", rule, MESSAGES[rule], (fix,))


def sentence_start_form(word: str, following: str) -> str:
    """The capitalised form of a little word opening a sentence before following (в Києві → У)."""
    found = _rule(word.lower(), START, "", following.lower()) if word.lower() in LITTLE_WORDS and following else None
    fixed = found[1] if found else word
    return fixed[0].upper() + fixed[1:]


def _rule(word: str, before: str, last: str, following: str) -> tuple[str, str] | None:
    """(rule, replacement) for the little word between last (the letter before) and following, or None."""
    first = following[0]
    if word == "в":
        if following.startswith(HARD_FOR_V):
            return "euphony-u-before-v", "у"
        if first in VOWELS:
            return None
        if before in (START, PAUSE):
            return "euphony-u-after-pause", "у"
        if before == PLAIN and _consonant(last):
            return "euphony-u-between-consonants", "у"
    elif word == "у":
        if first in PLAIN_VOWELS:
            if before == START and first == "у":
                return "euphony-v-sentence-start", "в"  # «У Україні»; «У одного з …» is usual
            if before == PLAIN and last in VOWELS:
                return "euphony-v-between-vowels", "в"
    elif word == "й":
        if before == START:
            return "euphony-i-after-pause", "і"
        if first in IOTATED:
            return "euphony-i-before-iotated", "і"
        if first in VOWELS:
            return None
        if before == PAUSE:
            return "euphony-i-after-pause", "і"
        if before == PLAIN and _consonant(last):
            return "euphony-i-between-consonants", "і"
    elif word == "і":
        if before == PLAIN and last in VOWELS and first in PLAIN_VOWELS:
            return "euphony-y-between-vowels", "й"
        if before == PLAIN and last in I_SOUNDS and _consonant(first) and first not in IOTATED:
            return "euphony-y-after-vowel", "й"  # «засіданні і депутати»: і after и, і, ї is the clearest clash
    elif word == "з":
        if first in CLUSTER_FOR_ZI and len(following) > 1 and following[1] != "ь" and _consonant(following[1]):
            return "euphony-zi-before-cluster", "зі"
        if first in SIBILANTS and before == PLAIN and _consonant(last):
            return "euphony-iz-before-sibilant", "із"
    elif word in ("зі", "із") and first in PLAIN_VOWELS:
        return "euphony-z-before-vowel", "з"
    elif (word == "із" and first in CLUSTER_FOR_ZI and len(following) > 1 and following[1] != "ь"
          and _consonant(following[1])):
        return "euphony-zi-before-cluster", "зі"
    elif (word == "із" and before == PLAIN and last in VOWELS and _consonant(first)
          and first not in SIBILANTS and first not in "цчй"):
        return "euphony-z-after-vowel", "з"
    elif word == "із" and before == START and first not in SIBILANTS and first not in PLAIN_VOWELS:
        # «Із її приходом» → «З її»: я, ю, є, ї open with the consonant [й]
        return "euphony-z-sentence-start", "з"
    return None


def _capitalisation_flags(text: str, tokens: list[Token], index: int) -> bool:
    """Whether the capitalisation layer flags this small letter opening a sentence (as its _sentence_starts does)."""
    start, end = tokens[index][1], tokens[index][2]
    marks = text[tokens[index - 1][2] if index else 0:start].strip()
    if marks.endswith(("...", "…")):
        return False
    if marks and marks[-1] in SENTENCE_ENDS:
        return True
    line_end = text.find("\n", end)
    return LATER_SENTENCE_RE.search(text, end, len(text) if line_end < 0 else line_end) is not None


def _pause_like(tokens: list[Token], index: int) -> bool:
    """«більше і більше», «за і проти», «району і визначили»: a repetition, a pair of prepositions, a new clause."""
    previous, following = tokens[index - 1][0].lower(), tokens[index + 1][0].lower()
    if previous == following:
        return True
    if any(parse[1] == "PREP" for parse in word_parses(previous)):
        return True
    parses = word_parses(following)
    return bool(parses) and any(parse[1] == "VERB" for parse in parses)


def _inside_name(text: str, tokens: list[Token], index: int) -> bool:
    """Whether a capitalised word mid-sentence opens the phrase the word at index stands in (a name)."""
    for back in range(index - 1, max(index - 5, -1), -1):
        word, start, _end = tokens[back]
        if not _plain_gap(text[_end:tokens[back + 1][1]]):
            return False
        if word[:1].isupper() and word[1:2].islower() and context_before(text, tokens, back) == PLAIN:
            return True
        if word.lower().startswith(BODY_STEMS):
            return True  # «департаменту освіти і науки», whatever its capital
    return False


def _consonant(letter: str) -> bool:
    """Whether letter is a Ukrainian consonant; a soft sign at a word's end stands for the consonant before it."""
    return letter == "ь" or ("а" <= letter <= "я" or letter == "ґ") and letter not in VOWELS and letter not in "ъыэё"


@word_cache(8192)
def _judgeable(word: str) -> bool:
    """A plain Ukrainian word: Cyrillic letters only, not an abbreviation (ОВА, ЗСУ) nor a Roman numeral (І)."""
    if not word or word.isupper():
        return False
    return PLAIN_WORD_RE.fullmatch(word) is not None


def _plain_gap(gap: str) -> bool:
    """Only spaces (SPACES) between two words: strip() tells in C."""
    return gap == " " or (gap != "" and not gap.strip(" \u00a0"))


def context_before(text: str, tokens: list[Token], index: int) -> str:
    """Whether the word at index opens a sentence, follows a pause, follows a plain space, or none of these."""
    start = tokens[index][1]
    if start > 1 and text[start - 1] == " " and text[start - 2].isalpha() and index:
        return PLAIN  # a word after a word and one space: the common case, decided cheaply
    previous_end = tokens[index - 1][2] if index else 0
    gap = text[previous_end:start]
    if not index and not gap.strip():
        return START
    if PARAGRAPH_BREAK_RE.search(gap) and not gap[gap.rfind("\n") + 1:].strip():
        return START  # a blank line: a new paragraph, whatever ended the last one (a date, a headline)
    marks = "".join(char for char in gap if not char.isspace())
    if not marks:
        return PLAIN  # a line broken without a mark is a hard wrap inside a sentence
    if any(char.isdigit() or char.isalpha() or char in "«»\"„“”'" for char in marks):
        return UNCLEAR
    if not index:
        return UNCLEAR  # the text opens with punctuation: nothing to go by
    if marks[-1] in SENTENCE_ENDS:
        if marks == "." and index and tokens[index - 1][0].lower() in NO_SENTENCE_END:
            return UNCLEAR
        if marks == "." and index and len(tokens[index - 1][0]) == 1:
            return UNCLEAR  # an initial: В. Зеленський
        return START
    if marks.endswith("...") or all(char in PAUSE_MARKS for char in marks):
        return PAUSE
    return UNCLEAR
