"""The punctuation rules that flag a needless mark: a comma after «Проте», «Цьогоріч» or after a
circumstance opening a sentence, before «та», «і» closing a list, around «відповідно до …» inside a
clause, before «як» meaning «у ролі», and a colon between «на тему», «під назвою» and the title."""

from __future__ import annotations

from desktop.language.finding import Finding
from desktop.language.grammar import parses
from desktop.language.punctuation_words import (
    CIRCUMSTANCE_OPENING_CONJUNCTIONS,
    CIRCUMSTANCE_PREPOSITIONS,
    CLAUSE_PHRASES,
    CLAUSE_WORDS,
    COMPARISON_HEADS,
    LIST_CONJUNCTIONS,
    LIST_STOPS,
    MARK_RE,
    MIN_CIRCUMSTANCE_WORDS,
    RELATIVE_WORDS,
    RESOLUTION_VERBS,
    SET_OFF_OPENINGS,
    TITLE_HEADS,
    TRIGGERS,
    bare_gap,
    cases_of,
    finding,
    is_participle,
    is_verb,
    key_of,
    only,
    pos_of,
    sentence_start,
    verb_before_punctuation,
)
from desktop.language.word_cache import word_cache
from desktop.language.words import Token

# --- no comma after «Проте», «Цьогоріч» opening a sentence ---------------------------------------------

def _opener_comma(text: str, tokens: list[Token], index: int) -> Finding | None:
    word, start, end = tokens[index]
    if index + 1 >= len(tokens) or not sentence_start(text, tokens, index):
        return None
    if text[end:tokens[index + 1][1]].rstrip(" \t\u00a0") != ",":
        return None
    following = tokens[index + 1][0]
    if _opens_clause(text, tokens, index + 1) or "GRND" in pos_of(following) or is_participle(following):
        return None
    if not verb_before_punctuation(text, tokens, index + 1):
        return None  # «Проте, на жаль, …», «Сьогодні, у День Соборності, …»: a phrase set off by two commas
    return finding(start, end + 1, "no-comma-after-opener",
                    f"Після «{word}» на початку речення кома не потрібна.", word)


def _opens_clause(text: str, tokens: list[Token], index: int) -> bool:
    """A subordinate clause or a parenthetical phrase starts at token index («як зазначив», «на жаль»)."""
    key = key_of(tokens[index][0])
    if key in CLAUSE_WORDS or key in TRIGGERS:
        return True
    rest = text[tokens[index][1]:tokens[index][1] + 24].lower().replace("’", "'").replace("ʼ", "'")
    return any(rest.startswith(phrase) for phrase in CLAUSE_PHRASES)

# --- no comma after a circumstance opening a sentence ---------------------------------------------------

def _circumstance_comma(text: str, tokens: list[Token], index: int) -> Finding | None:
    count = len(tokens)
    if not sentence_start(text, tokens, index):
        return None
    key = key_of(tokens[index][0])
    if key in CIRCUMSTANCE_OPENING_CONJUNCTIONS and index + 1 < count \
            and bare_gap(text, tokens[index][2], tokens[index + 1][1]):
        index += 1
        key = tokens[index][0]
    if key not in CIRCUMSTANCE_PREPOSITIONS:
        return None
    if index + 1 < count and f"{key} {key_of(tokens[index + 1][0])}" in SET_OFF_OPENINGS:
        return None
    comma = _circumstance_end(text, tokens, index)
    if comma is None or _resolution_follows(tokens, comma):
        return None
    last = tokens[comma - 1]
    return finding(last[1], text.index(",", last[2]) + 1, "no-comma-after-circumstance",
                    "Обставину на початку речення комою не відокремлюють.", last[0])


def _resolution_follows(tokens: list[Token], position: int) -> bool:
    """«Відповідно до статті 26 Закону …, міська рада вирішила:»: the formula of a resolution or an order,
    where the comma after the grounds is the drafting rule."""
    for ahead in range(position, min(position + 6, len(tokens))):
        word = tokens[ahead][0]
        if key_of(word) in RESOLUTION_VERBS or (len(word) > 3 and word.isupper()):
            return True
    return False


def _circumstance_end(text: str, tokens: list[Token], index: int) -> int | None:
    """The index of the word after the comma that closes the circumstance opening at index, if that comma
    is not needed: the circumstance is nouns and adjectives only, and the sentence's core follows."""
    mark = MARK_RE.search(text, tokens[index][2])
    if mark is None or mark.group() != ",":
        return None  # no comma before the sentence's end: nothing to take away
    inner = 0  # the last inner comma: a list («За сумлінну працю, високий професіоналізм … та …»)
    last_case: frozenset[str] = frozenset()
    for position in range(index + 1, min(index + 30, len(tokens))):
        marks = text[tokens[position - 1][2]:tokens[position][1]].strip(" \t\u00a0«»\"")
        word = tokens[position][0]
        if marks == ",":
            if _clause_follows(text, tokens, position, last_case):
                if position - index < MIN_CIRCUMSTANCE_WORDS or inner and not _list_closed(tokens, inner, position):
                    return None
                return position
            if not only(word, "NOUN", "ADJF", "NUMR") or is_participle(word):
                return None
            inner = position
        elif marks and not marks.isdigit():
            return None
        if not _circumstance_word(word):
            return None
        if cases := cases_of(word):
            last_case = cases
    return None


def _list_closed(tokens: list[Token], start: int, end: int) -> bool:
    return any(key_of(tokens[p][0]) in LIST_CONJUNCTIONS for p in range(start, end))


@word_cache(65536)
def _circumstance_word(word: str) -> bool:
    key = key_of(word)
    if key in TRIGGERS or key in CLAUSE_WORDS:
        return False
    if key in LIST_CONJUNCTIONS:
        return True
    found = pos_of(word)
    if not found:
        return word[:1].isupper()  # a name or an abbreviation
    if is_participle(word):
        return False
    return found <= {"NOUN", "ADJF", "NUMR", "PREP", "NPRO"}


def _clause_follows(text: str, tokens: list[Token], position: int, last_case: frozenset[str]) -> bool:
    """The word at position starts the sentence's core (a predicate, a subject, an agent), not an apposition,
    a list's next member or a clause set off by commas."""
    word = tokens[position][0]
    if not word.islower() or _opens_clause(text, tokens, position):
        return False
    for ahead in range(position, min(position + 3, len(tokens))):
        if key_of(tokens[ahead][0]) in TRIGGERS or key_of(tokens[ahead][0]) in ("якого", "якої", "яких", "якому"):
            return False
    found = pos_of(word)
    if not found or "GRND" in found or is_participle(word) or found & {"CONJ", "PRCL", "PREP", "ADVB"}:
        return False
    if "VERB" not in found:
        if not found <= {"NOUN", "ADJF", "NPRO", "NUMR"}:
            return False
        shared = cases_of(word) & last_case - {"voct"}
        if shared and not ("nomn" in cases_of(word) and (shared <= {"accs"} or _subject_of_verb(tokens, position))):
            return False  # the same case: an apposition or the next member of a list
    return verb_before_punctuation(text, tokens, position) or _verb_ahead(tokens, position)


def _subject_of_verb(tokens: list[Token], position: int) -> bool:
    """The noun at position is the subject of the verb right after it («засідання не відбулося»)."""
    ahead = position + 1
    if ahead < len(tokens) and tokens[ahead][0] == "не":
        ahead += 1
    return ahead < len(tokens) and _agrees(tokens[position][0], tokens[ahead][0])


@word_cache(16384)
def _agrees(noun: str, verb: str) -> bool:
    """Some nominative parse of noun and some finite parse of verb agree in number, gender or person."""
    subjects = [p.tag for p in parses(noun) if p.tag.POS == "NOUN" and p.tag.case == "nomn"]
    for tag in (p.tag for p in parses(verb) if p.tag.POS == "VERB" and "infn" not in p.tag and "Impe" not in p.tag):
        for subject in subjects:
            if (tag.number or "sing") != (subject.number or "sing"):
                continue
            if tag.number == "plur" or (tag.gender is None and tag.person in (None, "3per")) \
                    or tag.gender == subject.gender:
                return True
    return False


def _verb_ahead(tokens: list[Token], position: int) -> bool:
    return any(is_verb(tokens[p][0]) for p in range(position, min(position + 8, len(tokens))))

# --- no comma before «та», «і» closing a list ---------------------------------------------------------------

def _list_conjunction_comma(text: str, tokens: list[Token], index: int) -> Finding | None:
    """«питання архітектури, соціальні питання, питання служби дітей, та питання торгівлі»: the last member
    of a list of nouns is joined by «та» with no comma."""
    count = len(tokens)
    if not 1 < index < count - 1 or text[tokens[index - 1][2]:tokens[index][1]] != ", ":
        return None
    following = tokens[index + 1][0]
    if not bare_gap(text, tokens[index][2], tokens[index + 1][1]) or not following.islower() \
            or key_of(following) in LIST_STOPS or key_of(following) in ("та", "і", "й") or not _plain_member(following):
        return None
    # the members before: the two segments between the commas are plain noun phrases
    plain = 0
    end = index - 1  # the last word before the comma
    position = end
    while plain < 2:
        start = position
        while start > 0 and bare_gap(text, tokens[start - 1][2], tokens[start][1]):
            start -= 1
        if start == 0 or text[tokens[start - 1][2]:tokens[start][1]] != ", ":
            return None
        if not all(_plain_member(tokens[p][0]) for p in range(start, position + 1)) \
                or key_of(tokens[start][0]) in LIST_STOPS or key_of(tokens[start][0]) in LIST_CONJUNCTIONS:
            return None
        plain += 1
        position = start - 1
    # the member after: no verb up to the next mark
    for position in range(index + 1, min(index + 12, count)):
        if position > index + 1 and not bare_gap(text, tokens[position - 1][2], tokens[position][1]):
            break
        if not _plain_member(tokens[position][0]):
            return None
    comma = tokens[index - 1]
    return finding(comma[1], tokens[index][2], "list-conjunction-comma",
                    f"Перед «{tokens[index][0]}», що приєднує останній однорідний член, кома не потрібна.",
                    f"{comma[0]} {tokens[index][0]}")


@word_cache(65536)
def _plain_member(word: str) -> bool:
    """A word of a plain noun phrase: a noun, an adjective (not a participle), a numeral, a preposition or
    «та, і, й»; no verb, no clause word, no name."""
    key = key_of(word)
    if key in TRIGGERS or key in CLAUSE_WORDS or key in LIST_STOPS:
        return False
    if key in ("та", "і", "й"):
        return True
    found = pos_of(word)
    return bool(found) and word.islower() and found <= {"NOUN", "ADJF", "NUMR", "PREP"} and not is_participle(word)


# --- no commas around «відповідно до …» inside a clause -----------------------------------------------------

def _according_commas(text: str, tokens: list[Token], index: int) -> Finding | None:
    """«рішення, які, відповідно до регламенту, будуть …»: the phrase right after the clause's relative word
    is not set off."""
    count = len(tokens)
    if not 2 <= index < count - 2 or text[tokens[index - 1][2]:tokens[index][1]] != ", ":
        return None
    if key_of(tokens[index - 1][0]) not in RELATIVE_WORDS:
        return None
    linked = key_of(tokens[index + 1][0])
    if (key_of(tokens[index][0]), linked) not in (("відповідно", "до"), ("згідно", "з"), ("згідно", "із")):
        return None
    for position in range(index + 2, min(index + 14, count)):
        gap = text[tokens[position - 1][2]:tokens[position][1]]
        word = tokens[position][0]
        if gap == ", ":
            if not is_verb(word) or not word.islower():
                return None
            relative = tokens[index - 1]
            span = text[relative[1]:tokens[position][2]]
            first_comma = tokens[index - 1][2] - relative[1]
            last_comma = tokens[position - 1][2] - relative[1]
            fix = span[:first_comma] + span[first_comma + 1:last_comma] + span[last_comma + 1:]
            return finding(relative[1], tokens[position][2], "according-commas",
                            f"Зворот «{tokens[index][0]} {tokens[index + 1][0]} …» тут комами не відокремлюють.", fix)
        if gap.strip(" \t\u00a0") and not gap.strip(" \t\u00a0«»\"").isdigit() and gap.strip() not in ("«", "»"):
            return None
        if not (_circumstance_word(word) and not is_verb(word)):
            return None
    return None


# --- no colon between «на тему», «під назвою» and the title in quotes -----------------------------------

def _title_colon(text: str, tokens: list[Token], index: int) -> Finding | None:
    """«семінар на тему: «…»»: the title is part of the sentence, no colon before it."""
    word, start, end = tokens[index]
    if index == 0 or key_of(tokens[index - 1][0]) not in TITLE_HEADS.get(key_of(word), ()):
        return None
    if not bare_gap(text, tokens[index - 1][2], start) or not text.startswith(":", end):
        return None
    after = end + 1
    while after < len(text) and text[after] in " \t\u00a0":
        after += 1
    if not text.startswith(("«", "„", '"'), after):
        return None
    return finding(start, end + 1, "title-colon",
                    f"Після «{tokens[index - 1][0]} {word}» перед назвою в лапках двокрапку не ставлять.", word)

# --- no comma before «як» meaning «у ролі» ------------------------------------------------------------------

def _role_as_comma(text: str, tokens: list[Token], index: int) -> Finding | None:
    """«значенні громадської організації, як важливого елементу.»: «як» in the sense «у ролі» joins a noun
    in the same case, with no comma (a comparison «такі міста, як Київ» keeps its comma)."""
    count = len(tokens)
    if not 1 <= index < count - 1 or text[tokens[index - 1][2]:tokens[index][1]] != ", ":
        return None
    noun, following = tokens[index - 1][0], tokens[index + 1][0]
    if not noun.islower() or not only(noun, "NOUN") or not following.islower():
        return None
    if not bare_gap(text, tokens[index][2], tokens[index + 1][1]) or is_participle(following) \
            or not only(following, "ADJF", "NOUN"):
        return None
    if not cases_of(noun) & cases_of(following) & {"gent", "datv", "ablt", "loct"}:
        return None
    if any(key_of(tokens[p][0]) in COMPARISON_HEADS for p in range(max(0, index - 5), index)):
        return None  # «таких організацій, як …»: a comparison
    for position in range(index + 1, min(index + 8, count + 1)):
        if position == count:
            break
        gap = text[tokens[position - 1][2]:tokens[position][1]]
        if position > index + 1 and not bare_gap(text, tokens[position - 1][2], tokens[position][1]):
            if gap.strip(" \t\u00a0")[:1] not in (".", ";", "!"):
                return None  # the phrase goes on or is closed by a comma of its own
            break
        word = tokens[position][0]
        if not word.islower() or not pos_of(word) or pos_of(word) & {"VERB", "GRND", "CONJ", "ADVB", "PRCL"} \
                or key_of(word) in TRIGGERS:
            return None
    else:
        return None
    start = tokens[index - 1][1]
    return finding(start, tokens[index][2], "role-as-comma",
                    "«Як» у значенні «у ролі» комою не відокремлюють.", f"{noun} {tokens[index][0]}")
