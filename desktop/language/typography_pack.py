"""More typography: dates, number ranges and groups, №, %, list hyphens, «,,» quotes, dashes and the headline's stop."""

from __future__ import annotations

import re
from collections.abc import Iterator

from desktop.language.finding import Finding

NBSP = "\u00a0"
MONTHS = ("січня", "лютого", "березня", "квітня", "травня", "червня", "липня", "серпня", "вересня", "жовтня",
          "листопада", "грудня")
DATE_LEADING_ZERO_RE = re.compile(r"(?<![\d.,/:-])0([1-9]) (?=(?:" + "|".join(MONTHS) + r")\b)", re.IGNORECASE)
NUMBER_RANGE_RE = re.compile(r"(?<![\d.,/:№-])(\d{1,4})-(\d{1,4})(?![\d\-.,/:]\d|[\d-]|[^\W\d_])")
LIST_HYPHEN_RE = re.compile(r"^[ \t]*(-)[ \t]+(?=[^\W\d_]|«)", re.MULTILINE)
NUMBER_SIGN_RE = re.compile(r"№(?=\d)")
PERCENT_RE = re.compile(r"(?<=\d)([ \t]+)%|%(?=[^\W\d_])")
COMMA_QUOTE_RE = re.compile(r",,[ \t]?(?=[^\W\d_])")
DASH_RE = re.compile(r"[—–]")
GROUPED_NUMBER_RE = re.compile(r"(?<![\d,.] )(?<![\d,.])[1-9]\d{0,2}(?: \d{3})+(?![\d,.]?\d)(?! \d)")
LONG_NUMBER_RE = re.compile(r"(?<![\d,./:№-])[1-9]\d{4,8}(?![\d,./:-]?\d)(?=[ \u00a0][^\W\d_])")
# Counted things after which a long number is an amount, not a code, a postcode or a phone.
COUNTED_WORDS = (
    "грн", "гривн", "гривень", "долар", "євро", "ос", "людей", "людин", "мешкан", "жител", "учн", "дітей", "тонн",
    "кг", "км", "га", "гектар", "кілометр", "метр", "одиниц", "штук", "примірник", "раз", "пацієнт", "голос",
    "підпис", "заяв", "звернен", "випадк", "доз", "комплект", "набор", "пакет", "літр", "кіловат", "квадратн",
    "переселен", "вакцин", "місц", "робочих", "тисяч", "сімей", "родин", "домогосподарств", "абонент",
)
HEADLINE_LIMIT = 200  # characters; a longer first line is a paragraph, not a headline
SENTENCE_INSIDE_RE = re.compile(r"[.!?…][ \t\u00a0]+[А-ЯІЇЄҐ]")
HEADLINE_STOP_RE = re.compile(r"(?<![.!?…])\.[\s\u00a0]*$")
# «у 2023 р.», «тощо.» is a sentence, «т. д.», an initial «Т. Г.»: the stop belongs to the abbreviation
HEADLINE_ABBREVIATION_RE = re.compile(
    r"(?<![^\W\d_])(?:р|рр|ст|тис|млн|млрд|грн|обл|м|с|смт|ін|д|п|[А-ЯІЇЄҐA-Z])\.[\s\u00a0]*$")
SENTENCE_PARTICLE_RE = re.compile(r"(?:^|(?<=[.!?…][ \t\u00a0])|(?<=\n))(Зокрема|Також|Особливо|Навіть),[ \t]*",
                                  re.MULTILINE)

QUOTES_MESSAGE = "Лапки в українському тексті — «ялинки», а лапки всередині лапок — „лапки“."


def find_more_typography(text: str) -> list[Finding]:
    """The findings of the rules in this module (all but the headline's, which needs to know the headline)."""
    found: list[Finding] = []
    for rule in (_date_zeros, _number_ranges, _list_hyphens, _number_signs, _percents, _comma_quotes,
                 _dash_spacing, _thousands):
        found.extend(rule(text))
    return found


def _date_zeros(text: str) -> Iterator[Finding]:
    for match in DATE_LEADING_ZERO_RE.finditer(text):
        yield Finding(match.start(), match.end(1), "typography", "date-leading-zero",
                      f"День у даті пишіть без нуля попереду: «{match.group(1)} …».", (match.group(1),))


def _number_ranges(text: str) -> Iterator[Finding]:
    for match in NUMBER_RANGE_RE.finditer(text):
        first, second = match.group(1), match.group(2)
        if first.startswith("0") or second.startswith("0") or int(first) >= int(second):
            continue  # 05-07 or 12-5: a code, a phone or a house number, not a range
        if len(first) != len(second) and not (len(first) < 4 and len(second) < 4):
            continue
        year_range = len(first) == 4 and int(first) >= 1900 and int(second) <= 2100
        if len(first) == 4 and not year_range:
            continue  # ДСТУ 3008-2015: a standard's number and year
        yield Finding(match.start(), match.end(), "typography", "number-range-hyphen",
                      "Проміжок між числами позначайте тире без пробілів: «2022–2023».", (f"{first}–{second}",))


def _list_hyphens(text: str) -> Iterator[Finding]:
    for match in LIST_HYPHEN_RE.finditer(text):
        yield Finding(match.start(1), match.end(1), "typography", "list-hyphen",
                      "Пункт переліку починайте тире (—) або маркером, а не дефісом.", ("—",))


def _number_signs(text: str) -> Iterator[Finding]:
    for match in NUMBER_SIGN_RE.finditer(text):
        yield Finding(match.start(), match.end(), "typography", "number-sign-space",
                      "Після знака № ставте пробіл: «№ 5».", ("№ ",))


def _percents(text: str) -> Iterator[Finding]:
    for match in PERCENT_RE.finditer(text):
        if match.group(1):
            yield Finding(match.start(1), match.end(), "typography", "percent-space",
                          "Знак % пишіть одразу після числа: «5%».", ("%",))
        else:
            yield Finding(match.start(), match.end(), "typography", "percent-space",
                          "Після знака % потрібен пробіл.", ("% ",))


def _comma_quotes(text: str) -> Iterator[Finding]:
    for match in COMMA_QUOTE_RE.finditer(text):
        before = text[match.start() - 1:match.start()]
        if before and not (before.isspace() or before in "(—–"):
            continue  # «слово,,слово» is doubled punctuation
        yield Finding(match.start(), match.end(), "typography", "quotes", QUOTES_MESSAGE, ("«",))


def _dash_spacing(text: str) -> Iterator[Finding]:
    for match in DASH_RE.finditer(text):
        start, end, dash = match.start(), match.end(), match.group()
        before = start > 0 and text[start - 1] in " \t"
        after = end < len(text) and text[end] in " \t"
        start -= before
        end += after
        if before and after or not (_letter(text, start - 1) and _letter(text, end)):
            continue
        if not before and not after and not text[end].islower():
            continue  # Київ—Львів: a route or a span of names
        yield Finding(start, end, "typography", "dash-spacing",
                      "Тире між словами відбивайте пробілами з обох боків: «слово — слово».", (f" {dash} ",))


def _letter(text: str, index: int) -> bool:
    return 0 <= index < len(text) and text[index].isalpha()


def _thousands(text: str) -> Iterator[Finding]:
    for match in GROUPED_NUMBER_RE.finditer(text):
        grouped = match.group()
        yield Finding(match.start(), match.end(), "typography", "thousands-space",
                      "Розряди числа відділяйте нерозривним пробілом, щоб число не розривалося між рядками.",
                      (grouped.replace(" ", NBSP),))
    for match in LONG_NUMBER_RE.finditer(text):
        following = text[match.end() + 1:match.end() + 16].lower()
        if not following.startswith(COUNTED_WORDS):
            continue
        digits = match.group()
        grouped = NBSP.join(_groups(digits))
        yield Finding(match.start(), match.end(), "typography", "thousands-space",
                      f"Великі числа ділять на розряди нерозривним пробілом: «{grouped.replace(NBSP, ' ')}».",
                      (grouped,))


def _groups(digits: str) -> list[str]:
    head = len(digits) % 3 or 3
    return [digits[:head]] + [digits[index:index + 3] for index in range(head, len(digits), 3)]


def sentence_particle_comma(text: str, clause_start: re.Pattern[str]) -> Iterator[Finding]:
    """«Зокрема, …» opening a sentence: the word is not parenthetical, so no comma after it."""
    for match in SENTENCE_PARTICLE_RE.finditer(text):
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
