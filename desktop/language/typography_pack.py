"""More typography: dates, number ranges and groups, №, %, list hyphens, «,,» quotes, dashes and the headline's stop."""

from __future__ import annotations

import re
from collections.abc import Iterator

from desktop.language import analysis
from desktop.language.dates import GENITIVE_MONTHS
from desktop.language.finding import Finding
from desktop.language.inflection import morph
from desktop.language.word_cache import word_cache

NBSP = "\u00a0"
MONTHS = ("січня", "лютого", "березня", "квітня", "травня", "червня", "липня", "серпня", "вересня", "жовтня",
          "листопада", "грудня")
# Each pattern starts with a digit or a rare mark, so that re skips most of the text quickly; what stands
# before a hit (a lookbehind would stop re's fast skipping) is checked in Python.
DATE_LEADING_ZERO_RE = re.compile(r"0([1-9]) (?=(?:" + "|".join(MONTHS) + r")\b)", re.IGNORECASE)
DIGIT_RUN_RE = re.compile(r"[0-9]+")
DIGIT_MARKS = frozenset("0123456789.,/:-")
NUMBER_MARKS = frozenset(".,/:№-")
DIGITS_AND_MARKS = frozenset("0123456789,.")
RANGE_BEFORE = NUMBER_MARKS
SCHOOL_YEAR_RE = re.compile(r"[ \u00a0]+(?:навчальн|н\.[ \u00a0]?р(?![^\W\d_]))", re.IGNORECASE)
NUMBER_RANGE_RE = re.compile(r"(\d{1,4})-(\d{1,4})(?![\d\-.,/:]\d|[\d-]|[^\W\d_])")
LIST_HYPHEN_RE = re.compile(r"^[ \t]*(-)[ \t]+(?=[^\W\d_]|«)", re.MULTILINE)
NUMBER_SIGN_RE = re.compile(r"№(?=\d)")
PERCENT_RE = re.compile(r"%")
COMMA_QUOTE_RE = re.compile(r",,[ \t]?(?=[^\W\d_])")
DASH_RE = re.compile(r"[—–]")
GROUPED_NUMBER_RE = re.compile(r"[1-9]\d{0,2}(?: \d{3})+(?![\d,.]?\d)(?! \d)")
LONG_NUMBER_RE = re.compile(r"[1-9]\d{4,8}(?![\d,./:-]?\d)(?=[ \u00a0][^\W\d_])")
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
SENTENCE_PARTICLE_RE = re.compile(r"(Зокрема|Також|Особливо|Навіть),[ \t]*")

QUOTES_MESSAGE = "Лапки в українському тексті — «ялинки», а лапки всередині лапок — „лапки“."


def typo(start: int, end: int, rule: str, message: str, *fixes: str) -> Finding:
    """A typography finding: the one shape every rule of this layer builds."""
    return Finding(start, end, "typography", rule, message, fixes)


def find_more_typography(text: str, numbers: DigitRuns | None = None) -> list[Finding]:
    """The findings of the rules in this module (all but the headline's, which needs to know the headline).

    numbers: the text's runs of digits (the rules about numbers look only there)."""
    found: list[Finding] = []
    for rule in (_date_zeros, _list_hyphens, _number_signs, _percents, _comma_quotes, _dash_spacing, _initials,
                 _dotted_abbreviations, _asterisk_apostrophes, _colon_dashes):
        found.extend(rule(text))
    runs = DigitRuns(text) if numbers is None else numbers
    if runs.starts:
        for number_rule, following in ((_number_ranges, "-"), (_thousands, " \u00a0"), (_times, ".:"),
                                       (_numeric_dates, "."), (_date_years, " \u00a0"), (_ordinals, " \u00a0")):
            starts = runs.followed_by(following)
            if starts:
                found.extend(number_rule(text, starts))
    return found


class DigitRuns:
    """Where the text's runs of digits start, by the character after each: one scan for every rule about numbers."""

    def __init__(self, text: str) -> None:
        self.starts: list[int] = []
        self._by_next: dict[str, list[int]] = {}
        for match in DIGIT_RUN_RE.finditer(text):
            start, end = match.span()
            self.starts.append(start)
            self._by_next.setdefault(text[end:end + 1], []).append(start)

    def followed_by(self, characters: str) -> list[int]:
        """The starts of the runs followed by one of characters."""
        lists = [self._by_next[char] for char in characters if char in self._by_next]
        return lists[0] if len(lists) == 1 else sorted(start for found in lists for start in found)

    def followed_by_letter(self) -> list[int]:
        """The starts of the runs a letter follows («5км», «11ти»)."""
        return sorted(start for char, found in self._by_next.items() if char.isalpha() for start in found)


def matches_at(pattern: re.Pattern[str], text: str, starts: list[int]) -> Iterator[re.Match[str]]:
    """pattern's matches that start at one of starts, none overlapping the one before."""
    last_end = -1
    for start in starts:
        if start < last_end:
            continue
        match = pattern.match(text, start)
        if match is not None:
            last_end = match.end()
            yield match


def _date_zeros(text: str) -> Iterator[Finding]:
    for match in DATE_LEADING_ZERO_RE.finditer(text):
        if _char(text, match.start() - 1) in DIGIT_MARKS:
            continue
        yield typo(match.start(), match.end(1), "date-leading-zero",
                   f"День у даті пишіть без нуля попереду: «{match.group(1)} …».", match.group(1))


def _number_ranges(text: str, starts: list[int]) -> Iterator[Finding]:
    for match in matches_at(NUMBER_RANGE_RE, text, starts):
        if _char(text, match.start() - 1) in RANGE_BEFORE or _char(text, match.start() - 1).isdigit():
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
        yield typo(match.start(1), match.end(1), "list-hyphen",
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
        if spaces < at and _char(text, spaces - 1).isdigit():
            yield typo(spaces, match.end(), "percent-space", "Знак % пишіть одразу після числа: «5%».", "%")
        elif _letter(text, at + 1):
            yield typo(at, match.end(), "percent-space", "Після знака % потрібен пробіл.", "% ")


def _comma_quotes(text: str) -> Iterator[Finding]:
    for match in COMMA_QUOTE_RE.finditer(text):
        before = text[match.start() - 1:match.start()]
        if before and not (before.isspace() or before in "(—–"):
            continue  # «слово,,слово» is doubled punctuation
        yield typo(match.start(), match.end(), "quotes", QUOTES_MESSAGE, "«")


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
        yield typo(start, end, "dash-spacing",
                   "Тире між словами відбивайте пробілами з обох боків: «слово — слово».", f" {dash} ")


def _char(text: str, index: int) -> str:
    return text[index] if 0 <= index < len(text) else " "


def _letter(text: str, index: int) -> bool:
    return 0 <= index < len(text) and text[index].isalpha()


def _thousands(text: str, starts: list[int]) -> Iterator[Finding]:
    for match in matches_at(GROUPED_NUMBER_RE, text, starts):
        before = _char(text, match.start() - 1)
        if before.isdigit() or before in ",." or before == " " and _char(text, match.start() - 2) in DIGITS_AND_MARKS:
            continue
        grouped = match.group()
        yield typo(match.start(), match.end(), "thousands-space",
                   "Розряди числа відділяйте нерозривним пробілом, щоб число не розривалося між рядками.",
                   grouped.replace(" ", NBSP))
    for match in matches_at(LONG_NUMBER_RE, text, starts):
        if _char(text, match.start() - 1) in NUMBER_MARKS or _char(text, match.start() - 1).isdigit():
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
    for match in SENTENCE_PARTICLE_RE.finditer(text):
        at = match.start()
        if at and text[at - 1] != "\n" and not (text[at - 1] in " \t\u00a0" and _char(text, at - 2) in ".!?…"):
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


# --- initials, abbreviations, times, dates and ordinals ---------------------------------------------------

CAPITALS = "А-ЯІЇЄҐ"
SMALL = "а-яіїєґ"
# «І.І.Бузак», «В.І. Войтенко»: two initials before a surname, a space missing after a dot (after the
# surname, in a list «Слободян О.С.», documents write them close)
INITIALS_RE = re.compile(rf"([{CAPITALS}])\.([ \u00a0]?)([{CAPITALS}])\.([ \u00a0]?)")
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
    for match in INITIALS_RE.finditer(text):
        start = match.start()
        if _letter(text, start - 1) or _char(text, start - 1) == ".":
            continue  # the end of a word or of a longer abbreviation
        first, gap, second, gap_after = match.group(1), match.group(2), match.group(3), match.group(4)
        surname = SURNAME_RE.match(text, match.end())
        if surname is not None:
            if gap and gap_after:
                continue
            end = surname.end() if not gap_after else match.end(3) + 1
            fixed = f"{first}. {second}. {surname.group()}" if not gap_after else f"{first}. {second}."
            yield typo(start, end, "initials-spacing", INITIALS_MESSAGE, fixed)


def _dotted_abbreviations(text: str) -> Iterator[Finding]:
    last_end = -1
    for match in DOTTED_ABBREVIATION_RE.finditer(text):
        start = match.start() - 1
        if start < last_end or start < 0 or not ("а" <= text[start] <= "я" or text[start] in "іїєґ"):
            continue
        if _letter(text, start - 1) or _char(text, start - 1) in ".@/":
            continue  # inside a word, an address or a link
        end = match.end()
        following = SMALL_LETTER_DOT_RE.match(text, end)
        while following is not None:
            end = following.end()
            following = SMALL_LETTER_DOT_RE.match(text, end)
        if _letter(text, end) or _char(text, end).isdigit():
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
        if _char(text, start - 1) not in " \u00a0":
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
        if _char(text, start - 1) in DIGIT_MARKS or _letter(text, start - 1):
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
        if _char(text, match.start() - 1).isdigit():
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
        if _char(text, at - 1) in CYRILLIC_BEFORE_APOSTROPHE and _char(text, at + 1) in "яюєїЯЮЄЇ":
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
        before = _char(text, start - 1)
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
