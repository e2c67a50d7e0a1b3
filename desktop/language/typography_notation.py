"""Typography of notation: initials, dotted abbreviations, times, numeric dates, a date's year word, ordinals
in digits, Roman numerals of periods, the asterisk for an apostrophe and a dash after a colon."""

from __future__ import annotations

import re
from collections.abc import Iterator

from desktop.language import analysis
from desktop.language.dates import GENITIVE_MONTHS
from desktop.language.finding import Finding
from desktop.language.inflection import morph
from desktop.language.typography_marks import (
    COUNTED_WORDS,
    DIGIT_MARKS,
    MONTHS,
    NUMBER_MARKS,
    char_at,
    letter_at,
    matches_at,
    typo,
)
from desktop.language.word_cache import word_cache

CAPITALS = "А-ЯІЇЄҐ"
CAPITAL_SET = frozenset(map(chr, range(ord("А"), ord("Я") + 1))) | frozenset("ІЇЄҐ")  # CAPITALS as a set
SMALL = "а-яіїєґ"
# «І.І.Бузак», «В.І. Войтенко»: two initials before a surname, a space missing after a dot (after the
# surname, in a list «Слободян О.С.», documents write them close)
INITIALS_RE = re.compile(rf"([{CAPITALS}])\.([ \u00a0]?)([{CAPITALS}])\.([ \u00a0]?)")
# where INITIALS_RE can match: the stop after the first initial (re finds a literal «.» quickly, a class slowly)
FIRST_INITIAL_STOP_RE = re.compile(rf"\.(?=[ \u00a0]?[{CAPITALS}]\.)")
SURNAME_RE = re.compile(rf"[{CAPITALS}][{SMALL}'’ʼ]+(?:-[{CAPITALS}]?[{SMALL}'’ʼ]+)?")
# «в.о.», «т.в.о.», «т.д.», «т.зв.»: an abbreviation of a letter and short parts, each with its stop
DOTTED_ABBREVIATION_RE = re.compile(rf"\.[{SMALL}]{{1,2}}\.")
# «о 17.00», «о 09:00»: a time after a preposition of time
TIME_RE = re.compile(r"(\d{1,2})([.:])(\d\d)(?![\d]|[.,:]\d)")
TIME_PREPOSITIONS = frozenset(("о", "об", "з", "із", "до", "від", "після", "близько"))
# «27.04.2015 року» in running text
NUMERIC_DATE_RE = re.compile(r"(\d{1,2})\.(\d\d)\.(\d{4})(?![\d]|[.,]\d)")
YEAR_WORD_RE = re.compile(r"[ \u00a0]+(?:року|р\.)")
# «5 серпня 2020 № 695»: a full date whose year lacks «р.» / «року»
DATE_YEAR_RE = re.compile(r"(\d{1,2})[ \u00a0](?:" + "|".join(MONTHS) + r")[ \u00a0](\d{4})(?=[ \u00a0]+(№|[а-яіїєґ]))")
# «31 сесія», «чергової 25 сесії», «53 позачергової сесії»: an ordinal written as a bare number
ORDINAL_RE = re.compile(rf"(\d{{1,3}})[ \u00a0]+([{SMALL}'’ʼ]+)(?:[ \u00a0]+([{SMALL}'’ʼ]+))?")
ORDINAL_NOUNS = frozenset(("сесія", "засідання", "скликання", "конференція", "з’їзд", "з'їзд", "річниця"))
ORDINAL_NOUN_STARTS = ("сесі", "засідан", "скликан", "конференці", "з’їзд", "з'їзд", "річниц")
# «у 1 півріччі», «2 квартал»: the half-year and the quarter take Roman numerals (Cyrillic І as offices type it)
PERIOD_NOUN_STARTS = ("півріч", "квартал")
ROMAN = {1: ("І", "I"), 2: ("ІІ", "II"), 3: ("ІІІ", "III"), 4: ("IV",)}
ASTERISK_RE = re.compile(r"\*")
COLON_DASH_RE = re.compile(r":([ \u00a0]+[–—-])[ \u00a0]+(?=[а-яіїєґ])")
WORD_BEFORE_RE = re.compile(rf"([{CAPITALS}{SMALL}'’ʼ]+)[ \u00a0]+$")

INITIALS_MESSAGE = "Ініціали відбивайте пробілами: «І. І. Бузак»."


def _initials(text: str) -> Iterator[Finding]:
    for match in matches_at(INITIALS_RE, text, _first_initials(text)):
        start = match.start()
        if letter_at(text, start - 1) or char_at(text, start - 1) == ".":
            continue  # the end of a word or of a longer abbreviation
        first, gap, second, gap_after = match.group(1), match.group(2), match.group(3), match.group(4)
        surname = SURNAME_RE.match(text, match.end())
        if surname is not None:
            if gap and gap_after:
                continue
            end = surname.end() if not gap_after else match.end(3) + 1
            fixed = f"{first}. {second}. {surname.group()}" if not gap_after else f"{first}. {second}."
            yield typo(start, end, "initials-spacing", INITIALS_MESSAGE, fixed)


def _first_initials(text: str) -> list[int]:
    """Where INITIALS_RE can match: a capital before a stop that FIRST_INITIAL_STOP_RE finds."""
    starts = [match.start() - 1 for match in FIRST_INITIAL_STOP_RE.finditer(text)]
    return [start for start in starts if start >= 0 and text[start] in CAPITAL_SET]


def _dotted_abbreviations(text: str) -> Iterator[Finding]:
    last_end = -1
    for match in DOTTED_ABBREVIATION_RE.finditer(text):
        start = match.start() - 1
        if start < last_end or start < 0 or not ("а" <= text[start] <= "я" or text[start] in "іїєґ"):
            continue
        if letter_at(text, start - 1) or char_at(text, start - 1) in ".@/":
            continue  # inside a word, an address or a link
        end = match.end()
        following = SMALL_LETTER_DOT_RE.match(text, end)
        while following is not None:
            end = following.end()
            following = SMALL_LETTER_DOT_RE.match(text, end)
        if letter_at(text, end) or char_at(text, end).isdigit():
            continue  # «сайт.укр.net»: a link
        letters = text[start:end].split(".")[:-1]
        last_end = end
        fixed = ". ".join(letters) + "."
        yield typo(start, end, "abbreviation-spacing",
                   f"У скороченні після крапки ставте пробіл: «{fixed}».", fixed)


SMALL_LETTER_DOT_RE = re.compile(rf"[{SMALL}]{{1,2}}\.")


def _times(text: str, starts: list[int]) -> Iterator[Finding]:
    for match in matches_at(TIME_RE, text, starts):
        start = match.start()
        if char_at(text, start - 1) not in " \u00a0":
            continue
        word = WORD_BEFORE_RE.search(text, max(start - 12, 0), start)
        if word is None or word.group(1).lower() not in TIME_PREPOSITIONS:
            continue
        hours, mark, minutes = match.group(1), match.group(2), match.group(3)
        if int(hours) > 23 or int(minutes) > 59:
            continue
        if text[match.end() + 1:match.end() + 16].lower().startswith(COUNTED_WORDS):
            continue  # «до 12.50 грн»: an amount
        if mark == ".":
            fixed = f"{int(hours)}:{minutes}"
            yield typo(start, match.end(), "time-format", f"Час пишіть із двокрапкою: «{fixed}».", fixed)
        elif len(hours) == 2 and hours.startswith("0"):
            fixed = f"{int(hours)}:{minutes}"
            yield typo(start, match.end(), "time-format", f"Годину пишіть без нуля попереду: «{fixed}».", fixed)


def _numeric_dates(text: str, starts: list[int]) -> Iterator[Finding]:
    for match in matches_at(NUMERIC_DATE_RE, text, starts):
        start, end = match.start(), match.end()
        if char_at(text, start - 1) in DIGIT_MARKS or letter_at(text, start - 1):
            continue
        day, month = int(match.group(1)), int(match.group(2))
        if not (1 <= day <= 31 and 1 <= month <= 12):
            continue
        word = WORD_BEFORE_RE.search(text, max(start - 12, 0), start)
        if word is not None and word.group(1).lower() in ("від", "за"):
            continue  # «наказ від 27.04.2015 № 12»: a document's date, as the document writes it
        year_word = YEAR_WORD_RE.match(text, end)
        after = year_word.end() if year_word else end
        rest = text[after:text.find("\n", after) if "\n" in text[after:] else len(text)]
        if not rest.strip(" \u00a0.,") or rest.lstrip(" \u00a0").startswith("№"):
            continue  # a dateline on its own, or a document's number follows
        fixed = f"{day} {GENITIVE_MONTHS[month - 1]} {match.group(3)}" + ("" if year_word else " року")
        yield typo(start, end, "numeric-date", f"У тексті дату пишіть словами: «{fixed}».", fixed)


def _date_years(text: str, starts: list[int]) -> Iterator[Finding]:
    for match in matches_at(DATE_YEAR_RE, text, starts):
        if char_at(text, match.start() - 1).isdigit():
            continue
        following = match.group(3)
        rest = text[match.end():match.end() + 8].lstrip(" \u00a0")
        if following != "№" and rest.startswith(("р.", "рок", "рік", "рр")):
            continue
        year = match.group(2)
        fixed = f"{year} р." if following == "№" else f"{year} року"
        yield typo(match.start(2), match.end(2), "date-year-word",
                   f"Після року в повній даті пишіть «р.» або «року»: «{fixed}».", fixed)


def _asterisk_apostrophes(text: str) -> Iterator[Finding]:
    for match in ASTERISK_RE.finditer(text):
        at = match.start()
        if char_at(text, at - 1) in CYRILLIC_BEFORE_APOSTROPHE and char_at(text, at + 1) in "яюєїЯЮЄЇ":
            yield typo(at, at + 1, "asterisk-apostrophe", "Апостроф пишіть знаком ’, а не зірочкою.", "’")


CYRILLIC_BEFORE_APOSTROPHE = frozenset("бпвмфрзкгхжшчщдтнБПВМФРЗКГХЖШЧЩДТН")


def _colon_dashes(text: str) -> Iterator[Finding]:
    for match in COLON_DASH_RE.finditer(text):
        yield typo(match.start(), match.end(), "colon-dash",
                   "Після двокрапки тире не ставлять: перелік іде одразу за нею.", ": ")


# The last consonant of an ordinal's stem: перша, друга, третя, четверта … сьома, восьма, сорокова, тисячна.
LAST_DIGIT_CONSONANT = {1: "ш", 2: "г", 3: "т", 4: "т", 5: "т", 6: "т", 7: "м", 8: "м", 9: "т"}
OBLIQUE_ENDINGS = {
    ("masc", "gent"): "го", ("neut", "gent"): "го", ("femn", "gent"): "ї",
    ("masc", "datv"): "му", ("neut", "datv"): "му", ("femn", "datv"): "й",
    ("masc", "loct"): "му", ("neut", "loct"): "му", ("femn", "loct"): "й",
    ("masc", "ablt"): "м", ("neut", "ablt"): "м", ("femn", "ablt"): "ю",
    ("masc", "nomn"): "й", ("masc", "accs"): "й",
}
# The cases a preposition before the number leaves («на 25 сесії»: the locative).
PREPOSITION_CASES = {
    "на": {"accs", "loct"}, "у": {"accs", "loct"}, "в": {"accs", "loct"}, "при": {"loct"}, "по": {"loct", "accs"},
    "до": {"gent"}, "з": {"gent", "ablt"}, "із": {"gent", "ablt"}, "від": {"gent"}, "після": {"gent"},
    "для": {"gent"}, "протягом": {"gent"}, "щодо": {"gent"}, "під": {"ablt", "accs"}, "перед": {"ablt"},
    "за": {"ablt", "accs"}, "над": {"ablt"}, "час": {"gent"},
}


def ordinal_ending(number: int, gender: str, case: str) -> str:
    """The ending written after an ordinal in digits: 31-ша, 25-ї, 6-го, 128-ме, 3-тя."""
    ending = OBLIQUE_ENDINGS.get((gender, case))
    if ending is not None:
        return ending
    if 11 <= number % 100 <= 19:
        consonant = "т"
    elif number % 10:
        consonant = LAST_DIGIT_CONSONANT[number % 10]
    elif number % 100 == 40:
        consonant = "в"
    elif number % 1000 == 0:
        consonant = "н"
    else:
        consonant = "т"
    soft = number % 10 == 3 and not 11 <= number % 100 <= 19
    if gender == "femn":
        return consonant + ("я" if soft else "а") if case == "nomn" else consonant + ("ю" if soft else "у")
    return consonant + ("є" if soft else "е")


def _ordinals(text: str, starts: list[int]) -> Iterator[Finding]:
    for match in matches_at(ORDINAL_RE, text, starts):
        start = match.start()
        before = char_at(text, start - 1)
        if before.isdigit() or before in NUMBER_MARKS or before.isalpha() or before == "№":
            continue
        words = [match.group(2), match.group(3) or ""]
        number = int(match.group(1))
        if words[0].startswith(PERIOD_NOUN_STARTS) and 1 <= number <= 4:
            if number == 1 or not _count_form_possible(number, words[0]):
                yield typo(start, match.end(1), "roman-period",
                           f"Номер півріччя чи кварталу пишіть римською цифрою: «{ROMAN[number][0]} {words[0]}».",
                           *ROMAN[number])
            continue
        if words[0].startswith(ORDINAL_NOUN_STARTS):
            noun, adjective_after = words[0], ""
        elif words[1].startswith(ORDINAL_NOUN_STARTS):
            noun, adjective_after = words[1], words[0]
        else:
            continue
        if not number:
            continue
        fixed = _ordinal_fix(text, start, number, noun, adjective_after)
        if fixed:
            yield typo(start, match.end(1), "ordinal-ending",
                       f"Порядковий числівник цифрами пишіть із закінченням: «{fixed}».", fixed)


def _ordinal_fix(text: str, start: int, number: int, noun: str, adjective_after: str) -> str | None:
    nouns = [(gender, case) for lemma, pos, gender, number_tag, case in word_parses(noun)
             if pos == "NOUN" and lemma in ORDINAL_NOUNS and number_tag == "sing" and case != "voct"]
    if not nouns:
        return None
    count_possible = _count_form_possible(number, noun)
    context = text[max(start - 40, 0):start]
    word = WORD_BEFORE_RE.search(context)
    previous = word.group(1) if word else ""
    adjectives = [adjective_after] if adjective_after else []
    if previous and not adjective_after:
        adjectives.append(previous)
    agreed = None
    for adjective in adjectives:
        forms = {(gender, case) for _lemma, pos, gender, number_tag, case in word_parses(adjective)
                 if pos in ("ADJF", "PRTF") and number_tag == "sing"}
        if forms:
            agreed = [form for form in nouns if form in forms]
            if not agreed:
                return None  # the adjective does not agree: the numeral counts («25 позачергових»)
            break
    if agreed is None:
        if adjective_after or count_possible:
            return None  # «31 сесія», «3 засідання»: it may count them
        agreed = nouns
        cases = PREPOSITION_CASES.get(previous.lower()) if previous else None
        at_start = not context.strip() or context.rstrip(" \u00a0")[-1:] in ".!?\n" or context.endswith("\n")
        if cases is not None:
            agreed = [form for form in agreed if form[1] in cases]
        elif at_start:
            agreed = [form for form in agreed if form[1] == "nomn"]
        elif previous and _is_noun(previous) and context.endswith((" ", "\u00a0")) and context[-2:-1].isalpha():
            agreed = [form for form in agreed if form[1] == "gent"]
    endings = {ordinal_ending(number, gender, case) for gender, case in agreed}
    if len(endings) != 1:
        return None
    return f"{number}-{endings.pop()}"


def _count_form_possible(number: int, noun: str) -> bool:
    """Whether noun is the form a count of number takes (31 сесія, 3 засідання, 25 сесій)."""
    if number % 10 == 1 and number % 100 != 11:
        wanted = {("sing", "nomn"), ("sing", "accs")}
    elif 2 <= number % 10 <= 4 and not 12 <= number % 100 <= 14:
        wanted = {("plur", "nomn"), ("plur", "accs")}
    else:
        wanted = {("plur", "gent")}
    return any((number_tag, case) in wanted for _lemma, pos, _gender, number_tag, case in word_parses(noun))


def _is_noun(word: str) -> bool:
    parses = word_parses(word)
    return bool(parses) and all(pos == "NOUN" for _lemma, pos, _gender, _number, _case in parses)


@word_cache(4096)
def word_parses(word: str) -> tuple[tuple[str, str, str, str, str], ...]:
    """pymorphy3's parses of word as (lemma, part of speech, gender, number, case), computed once per word."""
    # the Ukrainian dictionary marks the plural only: a parse without a number is singular
    return tuple((parse.normal_form, str(parse.tag.POS), str(parse.tag.gender),
                  "plur" if parse.tag.number == "plur" else "sing", str(parse.tag.case))
                 for parse in analysis.parse(word.lower()))


@word_cache(2048)
def known_word(word: str) -> bool:
    """Whether pymorphy3's dictionary holds word (a compound such as «соціально-політичний» in any form)."""
    return bool(morph().word_is_known(word.lower()))


# The rules of this module as typography_pack.find_more_typography runs them: on the text, and on the runs of
# digits followed by one of the characters given.
TEXT_RULES = (_initials, _dotted_abbreviations, _asterisk_apostrophes, _colon_dashes)
NUMBER_RULES = ((_times, ".:"), (_numeric_dates, "."), (_date_years, " \u00a0"), (_ordinals, " \u00a0"))
