"""More typography: dates, number ranges and groups, №, %, list hyphens, «,,» quotes, dashes and the headline's stop.

The notation's rules (initials, abbreviations, times, numeric dates, ordinals) are in typography_notation;
find_more_typography runs both.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from desktop.language.finding import Finding
from desktop.language.typography_marks import (
    COUNTED_WORDS,
    DIGIT_MARKS,
    MONTHS,
    NBSP,
    NUMBER_MARKS,
    DigitRuns,
    char_at,
    char_positions,
    letter_at,
    matches_at,
    typo,
)
from desktop.language.typography_notation import NUMBER_RULES, TEXT_RULES

# Each pattern starts with a digit or a rare mark, so that re skips most of the text quickly; what stands
# before a hit (a lookbehind would stop re's fast skipping) is checked in Python.
DATE_LEADING_ZERO_RE = re.compile(r"0([1-9]) (?=(?:" + "|".join(MONTHS) + r")\b)", re.IGNORECASE)
DIGITS_AND_MARKS = frozenset("0123456789,.")
RANGE_BEFORE = NUMBER_MARKS
SCHOOL_YEAR_RE = re.compile(r"[ \u00a0]+(?:навчальн|н\.[ \u00a0]?р(?![^\W\d_]))", re.IGNORECASE)
NUMBER_RANGE_RE = re.compile(r"(\d{1,4})-(\d{1,4})(?![\d\-.,/:]\d|[\d-]|[^\W\d_])")
# a list item's hyphen: found from the hyphen (a line start would be tried at every character), then only
# spaces may stand before it on its line
LIST_HYPHEN_RE = re.compile(r"-[ \t]+(?=[^\W\d_]|«)")
NUMBER_SIGN_RE = re.compile(r"№(?=\d)")
PERCENT_RE = re.compile(r"%")
COMMA_QUOTE_RE = re.compile(r",,[ \t]?(?=[^\W\d_])")
DASHES = "—–"
GROUPED_NUMBER_RE = re.compile(r"[1-9]\d{0,2}(?: \d{3})+(?![\d,.]?\d)(?! \d)")
LONG_NUMBER_RE = re.compile(r"[1-9]\d{4,8}(?![\d,./:-]?\d)(?=[ \u00a0][^\W\d_])")
HEADLINE_LIMIT = 200  # characters; a longer first line is a paragraph, not a headline
SENTENCE_INSIDE_RE = re.compile(r"[.!?…][ \t\u00a0]+[А-ЯІЇЄҐ]")
HEADLINE_STOP_RE = re.compile(r"(?<![.!?…])\.[\s\u00a0]*$")
# «у 2023 р.», «тощо.» is a sentence, «т. д.», an initial «Т. Г.»: the stop belongs to the abbreviation
HEADLINE_ABBREVIATION_RE = re.compile(
    r"(?<![^\W\d_])(?:р|рр|ст|тис|млн|млрд|грн|обл|м|с|смт|ін|д|п|[А-ЯІЇЄҐA-Z])\.[\s\u00a0]*$")
SENTENCE_PARTICLES = ("Зокрема,", "Також,", "Особливо,", "Навіть,")
SENTENCE_PARTICLE_RE = re.compile(r"(Зокрема|Також|Особливо|Навіть),[ \t]*")

QUOTES_MESSAGE = "Лапки в українському тексті — «ялинки», а лапки всередині лапок — „лапки“."


def find_more_typography(text: str, numbers: DigitRuns | None = None) -> list[Finding]:
    """The findings of the rules in this module (all but the headline's, which needs to know the headline).

    numbers: the text's runs of digits (the rules about numbers look only there)."""
    found: list[Finding] = []
    for rule in (_date_zeros, _list_hyphens, _number_signs, _percents, _comma_quotes, _dash_spacing, *TEXT_RULES):
        found.extend(rule(text))
    runs = DigitRuns(text) if numbers is None else numbers
    if runs.starts:
        for number_rule, following in ((_number_ranges, "-"), (_thousands, " \u00a0"), *NUMBER_RULES):
            starts = runs.followed_by(following)
            if starts:
                found.extend(number_rule(text, starts))
    return found


def _date_zeros(text: str) -> Iterator[Finding]:
    for match in DATE_LEADING_ZERO_RE.finditer(text):
        if char_at(text, match.start() - 1) in DIGIT_MARKS:
            continue
        yield typo(match.start(), match.end(1), "date-leading-zero",
                   f"День у даті пишіть без нуля попереду: «{match.group(1)} …».", match.group(1))


def _number_ranges(text: str, starts: list[int]) -> Iterator[Finding]:
    for match in matches_at(NUMBER_RANGE_RE, text, starts):
        if char_at(text, match.start() - 1) in RANGE_BEFORE or char_at(text, match.start() - 1).isdigit():
            continue
        first, second = match.group(1), match.group(2)
        if first.startswith("0") or second.startswith("0") or int(first) >= int(second):
            continue  # 05-07 or 12-5: a code, a phone or a house number, not a range
        if len(first) != len(second) and not (len(first) < 4 and len(second) < 4):
            continue
        year_range = len(first) == 4 and int(first) >= 1900 and int(second) <= 2100
        if len(first) == 4 and not year_range:
            continue  # ДСТУ 3008-2015: a standard's number and year
        if year_range and int(second) == int(first) + 1 and SCHOOL_YEAR_RE.match(text, match.end()):
            yield typo(match.start(), match.end(), "school-year",
                       f"Навчальний рік пишіть через скісну риску: «{first}/{second}».", f"{first}/{second}")
            continue
        yield typo(match.start(), match.end(), "number-range-hyphen",
                   "Проміжок між числами позначайте тире без пробілів: «2022–2023».", f"{first}–{second}")


def _list_hyphens(text: str) -> Iterator[Finding]:
    for match in LIST_HYPHEN_RE.finditer(text):
        at = match.start()
        if text[text.rfind("\n", 0, at) + 1:at].strip(" \t"):
            continue  # a hyphen inside the line
        yield typo(at, at + 1, "list-hyphen",
                   "Пункт переліку починайте тире (—) або маркером, а не дефісом.", "—")


def _number_signs(text: str) -> Iterator[Finding]:
    for match in NUMBER_SIGN_RE.finditer(text):
        yield typo(match.start(), match.end(), "number-sign-space", "Після знака № ставте пробіл: «№ 5».", "№ ")


def _percents(text: str) -> Iterator[Finding]:
    for match in PERCENT_RE.finditer(text):
        at = match.start()
        spaces = at
        while spaces > 0 and text[spaces - 1] in " \t":
            spaces -= 1
        if spaces < at and char_at(text, spaces - 1).isdigit():
            yield typo(spaces, match.end(), "percent-space", "Знак % пишіть одразу після числа: «5%».", "%")
        elif letter_at(text, at + 1):
            yield typo(at, match.end(), "percent-space", "Після знака % потрібен пробіл.", "% ")


def _comma_quotes(text: str) -> Iterator[Finding]:
    for match in COMMA_QUOTE_RE.finditer(text):
        before = text[match.start() - 1:match.start()]
        if before and not (before.isspace() or before in "(—–"):
            continue  # «слово,,слово» is doubled punctuation
        yield typo(match.start(), match.end(), "quotes", QUOTES_MESSAGE, "«")


def _dash_spacing(text: str) -> Iterator[Finding]:
    for start in char_positions(text, DASHES):
        end, dash = start + 1, text[start]
        before = start > 0 and text[start - 1] in " \t"
        after = end < len(text) and text[end] in " \t"
        start -= before
        end += after
        if before and after or not (letter_at(text, start - 1) and letter_at(text, end)):
            continue
        if not before and not after and not text[end].islower():
            continue  # Київ—Львів: a route or a span of names
        yield typo(start, end, "dash-spacing",
                   "Тире між словами відбивайте пробілами з обох боків: «слово — слово».", f" {dash} ")


def _thousands(text: str, starts: list[int]) -> Iterator[Finding]:
    for match in matches_at(GROUPED_NUMBER_RE, text, starts):
        before = char_at(text, match.start() - 1)
        if before.isdigit() or before in ",." or before == " " and char_at(text, match.start() - 2) in DIGITS_AND_MARKS:
            continue
        grouped = match.group()
        yield typo(match.start(), match.end(), "thousands-space",
                   "Розряди числа відділяйте нерозривним пробілом, щоб число не розривалося між рядками.",
                   grouped.replace(" ", NBSP))
    for match in matches_at(LONG_NUMBER_RE, text, starts):
        if char_at(text, match.start() - 1) in NUMBER_MARKS or char_at(text, match.start() - 1).isdigit():
            continue
        following = text[match.end() + 1:match.end() + 16].lower()
        if not following.startswith(COUNTED_WORDS):
            continue
        digits = match.group()
        grouped = NBSP.join(_groups(digits))
        yield typo(match.start(), match.end(), "thousands-space",
                   f"Великі числа ділять на розряди нерозривним пробілом: «{grouped.replace(NBSP, ' ')}».", grouped)


def _groups(digits: str) -> list[str]:
    head = len(digits) % 3 or 3
    return [digits[:head]] + [digits[index:index + 3] for index in range(head, len(digits), 3)]


def sentence_particle_comma(text: str, clause_start: re.Pattern[str]) -> Iterator[Finding]:
    """«Зокрема, …» opening a sentence: the word is not parenthetical, so no comma after it."""
    if not any(particle in text for particle in SENTENCE_PARTICLES):
        return  # the usual text: four str searches are quicker than the pattern's scan
    for match in SENTENCE_PARTICLE_RE.finditer(text):
        at = match.start()
        if at and text[at - 1] != "\n" and not (text[at - 1] in " \t\u00a0" and char_at(text, at - 2) in ".!?…"):
            continue  # mid-sentence: the comma after the particle is the other rule's
        if clause_start.match(text, match.end()):
            continue
        word = match.group(1)
        comma = text.index(",", match.end(1))
        yield Finding(match.start(1), comma + 1, "typography", "comma-after-particle",
                      f"Після «{word}» кома не потрібна: це слово не вставне.", (word,))


def find_headline_stop(headline: str) -> list[Finding]:
    """A full stop closing the headline (a headline ends bare, or with ? or !)."""
    match = HEADLINE_STOP_RE.search(headline)
    if match is None or HEADLINE_ABBREVIATION_RE.search(headline) or len(headline) > HEADLINE_LIMIT:
        return []
    if SENTENCE_INSIDE_RE.search(headline, 0, match.start()):
        return []  # two sentences: a lead paragraph, not a headline
    return [Finding(match.start(), match.start() + 1, "typography", "headline-stop",
                    "У кінці заголовка крапку не ставлять.", ("",))]


def headline_of(text: str) -> str | None:
    """The first line of a whole release (its headline), when more text follows it; else None."""
    line_end = text.find("\n")
    if line_end < 0 or not text[line_end:].strip():
        return None
    return text[:line_end]
