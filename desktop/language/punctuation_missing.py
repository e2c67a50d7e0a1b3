"""The punctuation rules that ask for a missing mark: a comma before a subordinate clause and before
«а», «але», «зате», commas around a parenthetical word, a colon after «а саме», the comma that closes a
relative clause, a gerund phrase, a date after «Сьогодні, …», the comma before «то» after «Якщо …» and
after «За словами …» opening a sentence."""

from __future__ import annotations

from desktop.language.finding import Finding
from desktop.language.grammar import parses
from desktop.language.punctuation_words import (
    CLAUSE_PREPOSITIONS,
    CLAUSE_STOPS,
    CLAUSE_WORDS,
    COMPARISON_HEADS,
    COMPOUND_DEMONSTRATIVES,
    COMPOUND_HEADS,
    CONTRAST_EXCEPTIONS,
    CORRELATIVE_HEADS,
    DATE_APPOSITION_RE,
    DATE_CONTINUATIONS,
    DEMONSTRATIVE_CLAUSE,
    DEMONSTRATIVES,
    INDEFINITE_AFTER,
    LETTER_HEADS,
    LIST_CONJUNCTIONS,
    NO_CLAUSE_VERBS,
    NOT_A_CLAUSE_AFTER,
    NUMBER_ABBREVIATIONS,
    NUMBER_GAP_RE,
    PARENTHETICAL_PHRASES,
    SENTENCE_REST_RE,
    SOURCE_PHRASES,
    SOURCE_POSSESSIVES,
    TRIGGERS,
    bare_gap,
    cases_of,
    finding,
    is_participle,
    is_verb,
    key_of,
    lemmas_of,
    only,
    pos_of,
    sentence_start,
    verb_before_punctuation,
)
from desktop.language.word_cache import word_cache
from desktop.language.words import Token

# --- a comma before a subordinate clause -------------------------------------------------------------

def _subordinate_comma(text: str, tokens: list[Token], index: int) -> Finding | None:
    if index == 0:
        return None
    word = key = tokens[index][0]
    previous, start, end = tokens[index - 1]
    if not bare_gap(text, end, tokens[index][1]):
        return None
    if index + 1 < len(tokens) and key_of(tokens[index + 1][0]) in NOT_A_CLAUSE_AFTER \
            and bare_gap(text, tokens[index][2], tokens[index + 1][1]):
        return None
    previous_key = key_of(previous)
    if previous_key in DEMONSTRATIVES:
        if key in DEMONSTRATIVE_CLAUSE and _demonstrative_clause(text, tokens, index - 1) \
                and not (index + 1 < len(tokens) and key_of(tokens[index + 1][0]) in INDEFINITE_AFTER):
            return finding(start, tokens[index][2], "comma-before-clause",
                            f"Перед «{word}» після «{previous}» потрібна кома: далі підрядне речення.",
                            f"{previous}, {word}")
        return None
    if previous_key in COMPOUND_HEADS or not previous.islower():
        return None
    if key == "хто":
        return None  # «допомагаючи хто чим може»: only «всі, хто», «той, хто» are clear
    if not only(previous, "NOUN") and (not only(previous, "VERB", "GRND") or lemmas_of(previous) & NO_CLAUSE_VERBS):
        return None
    return finding(start, tokens[index][2], "comma-before-clause",
                    f"Перед «{word}» потрібна кома: це початок підрядного речення.", f"{previous}, {word}")


def _demonstrative_clause(text: str, tokens: list[Token], index: int) -> bool:
    """«всі хто», «те що»: the pronoun at index is explained by the clause after it (not «через те що»)."""
    key = key_of(tokens[index][0])
    if key not in COMPOUND_DEMONSTRATIVES:
        return True
    if index == 0 or not bare_gap(text, tokens[index - 1][2], tokens[index][1]):
        return key == "те"
    before = key_of(tokens[index - 1][0])
    if before == "про":
        return key != "тому"
    if before == "на":
        return key != "тому" and (index < 2 or key_of(tokens[index - 2][0]) not in ("незважаючи", "зважаючи", "огляду"))
    return before in ("в", "у") and key == "тому"


def _preposition_relative_comma(text: str, tokens: list[Token], index: int) -> Finding | None:
    """«вікторину у якій пригадали …»: a relative clause opened by a preposition and «який» after a noun."""
    if index < 2:
        return None
    noun, preposition = tokens[index - 2], tokens[index - 1]
    if preposition[0] not in CLAUSE_PREPOSITIONS or not noun[0].islower() or not only(noun[0], "NOUN"):
        return None
    if not bare_gap(text, noun[2], preposition[1]) or not bare_gap(text, preposition[2], tokens[index][1]):
        return None
    if key_of(noun[0]) in COMPOUND_HEADS or not _predicate_before(text, tokens, index - 2):
        return None  # «…подією, участь у якій взяв …»: the clause began before the noun
    return finding(noun[1], tokens[index][2], "comma-before-clause",
                    f"Перед «{preposition[0]} {tokens[index][0]}» потрібна кома: це початок підрядного речення.",
                    f"{noun[0]}, {text[preposition[1]:tokens[index][2]]}")


def _predicate_before(text: str, tokens: list[Token], index: int) -> bool:
    """A verb among the words before index, back to the previous mark: the clause the noun at index ends
    has its predicate, so a clause opened after the noun is a new one."""
    for position in range(index - 1, max(-1, index - 16), -1):
        if not bare_gap(text, tokens[position][2], tokens[position + 1][1]):
            return False
        if is_verb(tokens[position][0]):
            return True
    return False


# --- a comma before «а», «але», «зате» ------------------------------------------------------------------

def _contrast_comma(text: str, tokens: list[Token], index: int) -> Finding | None:
    if not 0 < index < len(tokens) - 1:
        return None
    word = tokens[index][0]
    previous, start, end = tokens[index - 1]
    following = tokens[index + 1]
    if not bare_gap(text, end, tokens[index][1]) or not bare_gap(text, tokens[index][2], following[1]):
        return None
    if key_of(previous) in CONTRAST_EXCEPTIONS or key_of(following[0]) == "ля" \
            or word == "а" and key_of(previous) in LETTER_HEADS:
        return None  # «пункт а статті 5»: a letter, not a conjunction
    if not pos_of(previous) or pos_of(previous) & {"CONJ", "PRCL", "PREP"}:
        return None
    return finding(start, tokens[index][2], "comma-before-contrast",
                    f"Перед протиставним сполучником «{word}» потрібна кома.", f"{previous}, {word}")

# --- parenthetical words: «мабуть», «на жаль», «по-перше» ----------------------------------------------

def _parenthetical_comma(text: str, tokens: list[Token], first: int) -> Finding | None:
    count = len(tokens)
    after = first + 1
    if (key_of(tokens[first][0]),) not in PARENTHETICAL_PHRASES:
        if after >= count or (key_of(tokens[first][0]), key_of(tokens[after][0])) not in PARENTHETICAL_PHRASES \
                or not bare_gap(text, tokens[first][2], tokens[after][1]):
            return None
        after += 1
    start, end = tokens[first][1], tokens[after - 1][2]
    phrase = text[start:end]
    key = " ".join(key_of(phrase).split())
    if key in ("крім того", "окрім того") and after < count and "gent" in cases_of(tokens[after][0]) \
            and only(tokens[after][0], "NOUN", "ADJF"):
        return None  # «крім того питання»: «того» is a demonstrative here
    right = after < count and bare_gap(text, end, tokens[after][1]) \
        and not (key.startswith("по-") and key_of(tokens[after][0]) == "ж")
    left = False
    if first and bare_gap(text, tokens[first - 1][2], start):
        previous = tokens[first - 1][0]
        if key_of(previous) == "це":
            left = not key.startswith("по-")  # «Це мабуть водій», but «Це по-перше»
        else:
            left = bool(pos_of(previous)) and not pos_of(previous) & {"CONJ", "PRCL", "PREP"}
    if not (left or right):
        return None
    fix = (f"{tokens[first - 1][0]}, " if left else "") + phrase + (f", {tokens[after][0]}" if right else "")
    return finding(tokens[first - 1][1] if left else start, tokens[after][2] if right else end,
                    "parenthetical-commas", f"«{phrase}» — вставне слово: його виділяють комами.", fix)


# --- a colon after «а саме» before a list ----------------------------------------------------------------

def _namely_colon(text: str, tokens: list[Token], index: int) -> Finding | None:
    if index + 2 >= len(tokens) or tokens[index + 1][0] != "саме":
        return None
    start, end = tokens[index][1], tokens[index + 1][2]
    if not bare_gap(text, tokens[index][2], tokens[index + 1][1]) or not bare_gap(text, end, tokens[index + 2][1]):
        return None
    if not only(tokens[index + 2][0], "NOUN", "ADJF", "NUMR", "PREP"):
        return None
    rest = SENTENCE_REST_RE.match(text, end)
    following = rest.group() if rest else ""
    if "," not in following and not any(f" {c} " in following for c in LIST_CONJUNCTIONS):
        return None  # no list follows: «а саме в березні» is a clarification
    return finding(start, end, "namely-colon", "Після «а саме» перед переліком ставлять двокрапку.", "а саме:")

# --- the comma that closes a relative clause -----------------------------------------------------------

def _relative_clause_end(text: str, tokens: list[Token], index: int) -> Finding | None:
    """«Питання, що розглядали на нараді були …»: the clause's predicate, then the sentence's own, with no
    comma between; the comma goes before the second predicate."""
    if index < 1 or text[tokens[index - 1][2]:tokens[index][1]] != ", " or not only(tokens[index - 1][0], "NOUN"):
        return None
    first_predicate = 0
    for position in range(index + 1, min(index + 24, len(tokens))):
        if not bare_gap(text, tokens[position - 1][2], tokens[position][1]) \
                and not _number_gap(text, tokens[position - 1], tokens[position][1]):
            return None
        word = tokens[position][0]
        key = key_of(word)
        if key in CLAUSE_STOPS or key in TRIGGERS or key in CLAUSE_WORDS:
            return None
        if not first_predicate:
            if _is_finite(word):
                first_predicate = position
            continue
        if position > first_predicate + 1 and only(word, "VERB") and _only_finite(word):
            insert = position - 1 if tokens[position - 1][0] == "не" else position
            if insert <= first_predicate:
                return None
            before = tokens[insert - 1]
            head = text[before[1]:tokens[insert][1]].rstrip(" \t\u00a0")  # the word and a date after it
            return finding(before[1], tokens[position][2], "relative-clause-end",
                            f"Підрядне речення закривають комою: кома перед «{tokens[insert][0]}».",
                            f"{head}, {text[tokens[insert][1]:tokens[position][2]]}")
    return None


def _number_gap(text: str, previous: Token, end: int) -> bool:
    """The gap after previous holds a date or a document's number, not a clause's border («від 17.09.2018 р.
    № 30-р»): digits, dots and «№» (a dot only after a digit or an abbreviation such as «р.»)."""
    gap = text[previous[2]:end]
    if not NUMBER_GAP_RE.fullmatch(gap) or "\n" in gap:
        return False
    if "." in gap and not text[end:end + 1].islower() and not gap.rstrip(" \t\u00a0").endswith(("№", "-")):
        return False  # «… 2018 р. Голова …»: the dot ends the sentence
    return any(ch.isdigit() or ch == "№" for ch in gap) or previous[0] in NUMBER_ABBREVIATIONS and gap[:1] == "."


@word_cache(65536)
def _is_finite(word: str) -> bool:
    """Some parse of word is a finite verb or an impersonal «-но, -то» predicate."""
    # the parts of speech (primed features) first: most words have no verb parse, and need no tags read
    return is_verb(word) and any(p.tag.POS == "VERB" and "infn" not in p.tag for p in parses(word))


@word_cache(65536)
def _only_finite(word: str) -> bool:
    """Every parse of word is a personal finite verb (no infinitive, no «-но, -то» form)."""
    found = parses(word)
    return bool(found) and all("infn" not in p.tag and "Impe" not in p.tag for p in found)

# --- a comma after a gerund phrase opening a sentence ------------------------------------------------------

def _gerund_comma(text: str, tokens: list[Token], index: int) -> Finding | None:
    """«Обговорюючи питання порядку денного детально зупинилися …»: the phrase of a gerund opening a sentence
    is closed by a comma before the predicate (the fix only where the place is clear: the phrase is the
    gerund, its object and words in oblique cases, then an adverb or the verb)."""
    if not sentence_start(text, tokens, index) or "GRND" not in pos_of(tokens[index][0]) \
            or not only(tokens[index][0], "GRND"):
        return None
    for position in range(index + 1, min(index + 12, len(tokens))):
        if not bare_gap(text, tokens[position - 1][2], tokens[position][1]):
            return None
        word = tokens[position][0]
        if only(word, "VERB") and _only_finite(word):
            insert = position - 1 if only(tokens[position - 1][0], "ADVB") else position
            if tokens[insert - 1][0] == "не":
                insert -= 1
            if insert <= index + 1:
                return None
            before = tokens[insert - 1]
            return finding(before[1], tokens[position][2], "gerund-phrase-comma",
                            "Дієприслівниковий зворот на початку речення відокремлюють комою.",
                            f"{before[0]}, {text[tokens[insert][1]:tokens[position][2]]}")
        key = key_of(word)
        if key in CLAUSE_STOPS or key in TRIGGERS or key in CLAUSE_WORDS or not word.islower():
            return None
        found = pos_of(word)
        if found & {"VERB", "GRND", "CONJ", "PRCL"} or not found or is_participle(word):
            return None
        if position > index + 1 and "ADVB" not in found and "nomn" in cases_of(word):
            return None  # perhaps the subject: where the phrase ends is not clear
        if "ADVB" in found and position + 1 < len(tokens) and not is_verb(tokens[position + 1][0]):
            return None
    return None


# --- the comma that closes a date after «Сьогодні, …» -----------------------------------------------------

def _date_apposition_comma(text: str, tokens: list[Token], index: int) -> Finding | None:
    """«Сьогодні, 22 листопада 2021 року голова …»: a date that explains «сьогодні», «у понеділок» is set off
    by two commas; the opening one is there, the closing one is missing."""
    word = tokens[index][0]
    if word[0].isupper():
        if not sentence_start(text, tokens, index):
            return None
    elif index == 0 or tokens[index - 1][0] not in ("У", "В") or not sentence_start(text, tokens, index - 1):
        return None  # «У понеділок, 5 травня …» opening a sentence
    match = DATE_APPOSITION_RE.match(text, tokens[index][2])
    if match is None or key_of(match.group("next")) in DATE_CONTINUATIONS:
        return None
    last = match.group("last")
    at = match.start("last")
    return finding(at, match.end("next"), "date-apposition-comma",
                    "Дату, що уточнює час, відокремлюють комами з обох боків: бракує коми після неї.",
                    f"{last}, {match.group('next')}")

# --- a comma before «то» after «Якщо …», before «так і» after «як …» --------------------------------------

def _correlative_comma(text: str, tokens: list[Token], index: int) -> Finding | None:
    """«Якщо кошти надійдуть то ремонт завершать»: the clause opened by «якщо», «коли», «хоча» ends before
    its «то»; «як у місті так і в селах»: the second part of «як …, так і …» takes a comma."""
    count = len(tokens)
    if not 1 <= index < count - 1:
        return None
    word = tokens[index][0]
    previous = tokens[index - 1]
    if not bare_gap(text, previous[2], tokens[index][1]) or not bare_gap(text, tokens[index][2], tokens[index + 1][1]):
        return None
    following = key_of(tokens[index + 1][0])
    if key_of(previous[0]) in CONTRAST_EXCEPTIONS or key_of(previous[0]) in ("так", "як"):
        return None
    if word == "то":
        if following in ("є", "що", "й", "і", "ж", "чи"):
            return None
        heads, reach = CORRELATIVE_HEADS, 20
    else:  # «так і»
        if following not in ("і", "й") or index + 2 >= count or key_of(tokens[index + 2][0]) in ("не", "було", "є"):
            return None
        heads, reach = frozenset({"як"}), 10
    for position in range(index - 1, max(-1, index - reach), -1):
        key = key_of(tokens[position][0])
        if key in heads and position < index - 1 \
                and (word == "то" and sentence_start(text, tokens, position) or word == "так"):
            if word == "так" and position and key_of(tokens[position - 1][0]) in COMPARISON_HEADS:
                return None
            return finding(previous[1], tokens[index][2], "correlative-comma",
                            f"Перед «{word}» потрібна кома: тут закінчується перша частина речення.",
                            f"{previous[0]}, {word}")
        if position and not bare_gap(text, tokens[position - 1][2], tokens[position][1]):
            return None  # a mark between: the pair is not plain, let it be
    return None


# --- a comma after «За словами …», «На думку …» opening a sentence ---------------------------------------

def _source_phrase_comma(text: str, tokens: list[Token], index: int) -> Finding | None:
    """«За словами голови громади у селі відкрили укриття»: the phrase that names the source is
    parenthetical; it ends where its chain of genitives ends, and a comma closes it."""
    count = len(tokens)
    word = key_of(tokens[index][0])
    head = index - 1
    if head >= 0 and key_of(tokens[head][0]) in SOURCE_POSSESSIVES:
        head -= 1
    if head < 0 or (key_of(tokens[head][0]), word) not in SOURCE_PHRASES or not tokens[head][0][0].isupper() \
            or not sentence_start(text, tokens, head):
        return None
    if any(not bare_gap(text, tokens[p][2], tokens[p + 1][1]) for p in range(head, index)):
        return None
    chain = -1 if head < index - 1 else 0  # «За його словами»: no genitive follows
    position = index + 1
    while position < count and position - index < 12:
        if not bare_gap(text, tokens[position - 1][2], tokens[position][1]):
            return None  # a comma is there already, or a mark this rule does not read
        current = tokens[position][0]
        if chain >= 0 and (not current.islower() and position > index or "gent" in cases_of(current)):
            chain += 1
            position += 1
            continue
        if chain == 0:
            return None  # «За словами» with no one named
        found = pos_of(current)
        if not found or found & {"CONJ", "PRCL"} or key_of(current) in TRIGGERS or key_of(current) in CLAUSE_WORDS:
            return None
        if "VERB" in found and chain > 1:
            return None  # «За даними поліції постраждалих немає»: the clause may begin inside the chain
        if not verb_before_punctuation(text, tokens, position):
            return None  # «За словами голови бюджетну комісії, …»: the phrase ends at the comma after it
        before = tokens[position - 1]
        return finding(before[1], tokens[position][2], "source-phrase-comma",
                        f"Зворот «{tokens[head][0]} {' '.join(t[0] for t in tokens[head + 1:index + 1])} …» вставний: "
                        "після нього потрібна кома.", f"{before[0]}, {current}")
    return None
