"""Capitalisation: a lowercase sentence start, and official names with capitals past their first word.

Правопис 2019 (§ 49–52) capitalises only the first word of the names of bodies, organisations and
events: «Міжнародний саміт міст та регіонів», «Житомирська обласна рада». A capital is flagged only
on a common word such names are built of (саміт, форум, обласний, громада…), never on a word
pymorphy3 knows as a name, surname or place, nor on a capitalised word of the glossary or directory.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Sequence
from itertools import chain, compress, filterfalse, product, repeat
from operator import eq, itemgetter, not_, or_
from typing import TYPE_CHECKING

from desktop.language import analysis
from desktop.language.euphony import (
    LATER_SENTENCE_RE,
    PAUSE,
    PLAIN,
    START,
    context_before,
    sentence_start_form,
)
from desktop.language.finding import Finding
from desktop.language.inflection import morph
from desktop.language.word_cache import word_cache
from desktop.language.words import Token, normal_key

if TYPE_CHECKING:
    from desktop.language.dictionaries import Dictionaries

# Lemmas of the common words official names are made of; a capital on one inside a name is wrong.
NAME_PARTS = frozenset((
    "саміт", "форум", "конгрес", "конференція", "нарада", "засідання", "зустріч", "фестиваль", "конкурс",
    "олімпіада", "виставка", "ярмарок", "ярмарка", "семінар", "тренінг", "марафон", "турнір", "чемпіонат",
    "змагання", "комісія", "комітет", "управління", "відділ", "департамент", "служба", "агентство",
    "адміністрація", "громада", "місто", "регіон", "район", "область", "асоціація", "центр", "фонд",
    "програма", "проєкт", "стратегія", "тиждень", "місцевий", "регіональний", "міський", "обласний",
    "районний", "військовий", "державний", "територіальний", "сільський", "селищний", "міжнародний",
    "всеукраїнський", "національний", "влада", "орган", "самоврядування", "співробітництво", "поліція",
    "головний", "молодіжний", "дитячий", "обласна", "районна", "міська", "сила",
))
# Positions, bodies and documents: small letters in running text (Правопис 2019; «голова облдержадміністрації»,
# «департамент соціальної політики», «указ», «програма»), unless a proper name follows (Рада Європи).
RUNNING_TEXT_SMALL = frozenset((
    "голова", "заступник", "заступниця", "керівник", "керівниця", "міністр", "начальник", "начальниця",
    "директор", "директорка", "департамент", "управління", "відділ", "рада", "статут", "положення",
    "указ", "розпорядження", "наказ", "рішення", "уряд", "меморандум", "комісія", "комітет",
))
HEADS_AFTER = frozenset(("президент", "кабінет", "правління"))
POSITIONS = frozenset(("голова", "заступник", "заступниця", "керівник", "керівниця", "міністр", "начальник",
                       "начальниця", "директор", "директорка"))
MONTH_NAMES = frozenset(("січня", "лютого", "березня", "квітня", "травня", "червня", "липня", "серпня", "вересня",
                         "жовтня", "листопада", "грудня"))
CAPITAL_MONTHS = frozenset({month.capitalize() for month in MONTH_NAMES} | {month.upper() for month in MONTH_NAMES})
AFTER_NUMBER_RE = re.compile(r"\d[ \u00a0]$")
# Connecting words a name may hold between its capitalised words.
CONNECTORS = frozenset(("та", "і", "й", "з", "із", "зі", "у", "в", "на", "при", "для", "до", "щодо"))
# The same in every mix of cases (each of their letters is the lowercase of itself and its capital alone)
CONNECTOR_SPELLINGS = frozenset(map("".join, chain.from_iterable(
    product(*zip(word, word.upper(), strict=True)) for word in CONNECTORS)))
PROPER_TAGS = frozenset(("Name", "Surn", "Patr", "Geox", "Orgn", "Trad", "Abbr"))
QUOTED_RE = re.compile(r"«[^»\n]*»|„[^“\n]*“|\"[^\"\n]*\"|“[^”\n]*”")
STOP_MARKS = frozenset(".!?")
# A stop or a line break, then no letter nor another stop, then a small Cyrillic letter (linear: a run of
# stops is tried from each, each tries up to the next).
SMALL_CYRILLIC = "".join(char for char in map(chr, range(0x400, 0x500)) if char.islower())
SMALL_AFTER_GAP_RE = re.compile(rf"[.!?…\n](?:[^\w.!?…\n]|[\d_])*+[{SMALL_CYRILLIC}]")

# Plural words that open names written with their first capital («Збройні сили України», «Олімпійські ігри»).
PLURAL_NAME_STARTS = frozenset(("збройний", "сила", "сухопутний", "повітряний", "сполучений", "об’єднаний",
                                "об'єднаний", "олімпійський", "паралімпійський", "дефлімпійський", "військо"))
FUNCTION_TAGS = frozenset(("PREP", "CONJ", "PRCL", "NPRO"))
PHRASE_OPENERS = frozenset(("PREP", "VERB", "INFN"))
CAPITALS_MESSAGE = "Великими літерами пишуть лише абревіатури, а не слова чи заголовки."
COMMON_WORD_MESSAGE = "Загальну назву всередині речення пишуть з малої літери: це не власна назва."
NAME_MESSAGE = "У назвах органів, організацій і заходів з великої літери пишуть лише перше слово (Правопис, § 50)."
START_MESSAGE = "Речення починайте з великої літери."


class CapitalisationChecker:
    """Finds capitals where the 2019 rules want small letters, and small letters opening a sentence."""

    def __init__(self, extra_words: Iterable[str] = ()) -> None:
        self._proper: set[str] = set()
        self._lowercase: set[str] = set()
        self._verdicts: dict[str, bool] = {}  # word -> whether it is a name part to write small
        self.add_words(extra_words)

    def add_words(self, words: Iterable[str]) -> None:
        """Glossary and directory words: the capitalised ones are names and stay as written."""
        for word in words:
            word = word.strip()
            if word[:1].isupper():
                self._proper.add(normal_key(word))
            elif word:
                self._lowercase.add(normal_key(word))
        self._verdicts.clear()

    def clear_caches(self) -> None:
        """Forget the verdicts on words seen so far."""
        self._verdicts.clear()

    def findings(self, text: str, tokens: list[Token], exclude: Sequence[tuple[int, int]] = ()) -> list[Finding]:
        """Every capitalisation finding of text (exclude: spans another layer fixes already)."""
        if not tokens:
            return []
        words = list(map(itemgetter(0), tokens))
        # the tokens that start with a capital, picked out in C: the rules about capitals look only at them
        capitals = list(compress(range(len(tokens)), map(str.isupper, map(itemgetter(0), words))))
        capital_words = list(map(words.__getitem__, capitals))
        found = self._sentence_starts(text, tokens, exclude)
        found += self._names(text, tokens, capitals)
        found += _months(text, tokens, list(compress(capitals, map(CAPITAL_MONTHS.__contains__, capital_words))))
        found += self._capitals_runs(text, tokens, list(compress(capitals, map(str.isupper, capital_words))))
        plural = list(compress(capitals, map(_plural_common, capital_words)))
        if plural:
            found += self._plural_common_words(text, tokens, plural, {f.start for f in found})
        return found

    def _capitals_runs(self, text: str, tokens: list[Token], capitals: list[int]) -> list[Finding]:
        """«ВІДБУЛАСЬ СЕЛЕКТОРНА НАРАДА», «підписали МЕМОРАНДУМ»: words set in capitals (not abbreviations)."""
        found: list[Finding] = []
        run: list[int] = []
        for index in capitals:
            word = tokens[index][0]
            if not (word.isupper() and _cyrillic(word[0])) or not run and len(word) < 2:
                continue
            if run and (index != run[-1] + 1 or text[tokens[run[-1]][2]:tokens[index][1]].strip(" \u00a0,;:–—-")):
                found += self._capitals_finding(text, tokens, run)
                run = []
                if len(word) < 2:
                    continue
            run.append(index)
        found += self._capitals_finding(text, tokens, run)
        return found

    def _capitals_finding(self, text: str, tokens: list[Token], run: list[int]) -> list[Finding]:
        if not run or not any(_capitalised_common_word(tokens[index][0]) for index in run):
            return []
        if _quoted(text, run, tokens):
            return []  # «МИ РАЗОМ»: a campaign's or a document's name as its authors set it
        if any(_place_like_adjective(tokens[index][0]) for index in run):
            return []  # «КИЇВСЬКОЇ ОБЛАСТІ» or «МІСЬКИМИ ГОЛОВАМИ»: which capital it takes is not sure
        start, end = tokens[run[0]][1], tokens[run[-1]][2]
        fixed = list(text[start:end])
        previous_end = tokens[run[0] - 1][2] if run[0] else 0
        sentence_start = context_before(text, tokens, run[0]) == START or "\n" in text[previous_end:start]
        for position, index in enumerate(run):
            word, word_start, _word_end = tokens[index]
            if _proper_word(word):
                lowered = word[0] + word[1:].lower()  # a place or a name: Україна
            elif not _capitalised_common_word(word, 4) and not _short_function_word(word):
                continue  # an abbreviation: ЗСУ, ОДА, ГЕС
            else:
                lowered = word.lower()
                if position == 0 and sentence_start:
                    lowered = word[0] + lowered[1:]
            offset = word_start - start
            fixed[offset:offset + len(word)] = lowered
        replacement = "".join(fixed)
        if replacement == text[start:end]:
            return []
        return [Finding(start, end, "capitalisation", "all-capitals", CAPITALS_MESSAGE, (replacement,))]

    def _plural_common_words(self, text: str, tokens: list[Token], capitals: list[int],
                             taken: set[int]) -> list[Finding]:
        """«до Програм селищної ради», «до Військових частин»: a capitalised plural common word mid-sentence."""
        found: list[Finding] = []
        for index in capitals:
            if not 0 < index < len(tokens) - 1:
                continue
            if not tokens[index - 1][0][0].islower() or not tokens[index + 1][0][0].islower():
                continue
            word, start, end = tokens[index]
            if not _plural_common(word) or start in taken:
                continue
            if not _plain_gap(text, tokens, index - 1, index + 1):
                continue  # «Збройних Сил України»: a name of several capitals is the name rule's
            key = normal_key(word)
            if key in self._proper and key.lower() not in self._lowercase:
                continue
            if not any(PHRASE_OPENERS & tags for _lemma, tags in _parses(tokens[index - 1][0])):
                continue  # «усілякими Господніми ласками»: only after a preposition or a verb is it surely common
            found.append(Finding(start, end, "capitalisation", "capital-common-word", COMMON_WORD_MESSAGE,
                                 (word[0].lower() + word[1:],)))
        return found

    def _sentence_starts(self, text: str, tokens: list[Token], exclude: Sequence[tuple[int, int]]) -> list[Finding]:
        found = []
        # a sentence opens after a stop or a line break (or at the text's start): look only there, and only
        # where the first letter after it is a small Cyrillic one (its word is the first token after the stop)
        candidates = sorted({bisect_left(tokens, match.start() + 1, key=itemgetter(1))
                             for match in SMALL_AFTER_GAP_RE.finditer(text)} | {0})
        for index in candidates:
            if index >= len(tokens):
                continue
            word, start, end = tokens[index]
            if not word[0].islower() or not _cyrillic(word[0]):
                continue
            if context_before(text, tokens, index) != START:
                continue
            previous_end = tokens[index - 1][2] if index else 0
            marks = text[previous_end:start].strip()
            if marks.endswith(("...", "…")):
                continue  # an ellipsis may go on in small letters
            if not marks or marks[-1] not in STOP_MARKS:
                # a paragraph's first word: a list item opens in small letters, a paragraph of sentences does not
                line_end = text.find("\n", end)
                if not LATER_SENTENCE_RE.search(text, end, len(text) if line_end < 0 else line_end):
                    continue
            if any(begin < end and start < stop for begin, stop in exclude):
                continue
            following = tokens[index + 1][0] if index + 1 < len(tokens) else ""
            fixed = sentence_start_form(word, following)
            found.append(Finding(start, end, "capitalisation", "lowercase-sentence-start", START_MESSAGE, (fixed,)))
        return found

    def _names(self, text: str, tokens: list[Token], capitals: list[int]) -> list[Finding]:
        # the capitalised words outside quotes, picked out in C
        kept = list(compress(capitals, map(_capitalised, map(itemgetter(0), map(tokens.__getitem__, capitals)))))
        if any(q in text for q in "«„\"“"):
            # a position inside a quote has an odd number of the quotes' starts and ends at or before it
            bounds = list(chain.from_iterable(match.span() for match in QUOTED_RE.finditer(text)))
            starts = map(itemgetter(1), map(tokens.__getitem__, kept))
            inside = map((1).__and__, map(bisect_right, repeat(bounds), starts))
            kept = list(compress(kept, map(not_, inside)))
        # a word joins the name of the capital before it when it comes next, or when connectors come between
        # them: most capitals (a sentence's first word) do neither, told apart in C
        after_previous = list(map((1).__add__, kept[:-1]))
        maybe = map(or_, map(eq, after_previous, kept[1:]),
                    map(CONNECTOR_SPELLINGS.__contains__, map(itemgetter(0), map(tokens.__getitem__, after_previous))))
        runs: list[list[int]] = []  # token indexes of the capitalised words of one name
        for position in compress(range(len(after_previous)), maybe):
            previous, index = kept[position], kept[position + 1]
            if not self._joins(text, tokens, previous, index):
                continue
            if runs and runs[-1][-1] == previous:
                runs[-1].append(index)
            else:
                runs.append([previous, index])
        # a lone capital (most: a sentence's first word) has a finding only as a running-text word
        in_runs = set(chain.from_iterable(runs))
        lone = list(filterfalse(in_runs.__contains__, kept))
        lone_words = map(itemgetter(0), map(tokens.__getitem__, lone))
        runs += [[index] for index in compress(lone, map(_running_text_lemma, lone_words))]
        runs.sort()
        found: list[Finding] = []
        for run in runs:
            found += self._run_findings(text, tokens, run)
        return found

    def _joins(self, text: str, tokens: list[Token], previous: int, index: int) -> bool:
        """Whether the capital at index goes on the name of the one at previous: only connectors and plain
        spaces between them, and no place's name closing the first before a connector."""
        return ((index == previous + 1
                 or tokens[previous + 1][0].lower() in CONNECTORS
                 and all(tokens[between][0].lower() in CONNECTORS for between in range(previous + 2, index)))
                and _joined(text, tokens, previous, index)
                # «Збройних сил України та Національної гвардії»: a name closed by a place, then another
                and not (index > previous + 1 and _proper_word(tokens[previous][0].upper())))

    def _run_findings(self, text: str, tokens: list[Token], run: list[int]) -> list[Finding]:
        if len(run) > 1 and context_before(text, tokens, run[0]) == START and not self._name_part(tokens[run[0]][0]):
            run = run[1:]  # «Сьогодні Міжнародний …»: the first capital is the sentence's
        if not run:
            return []
        if self._running_text_word(text, tokens, run[0]):
            # «Голова облдержадміністрації», «Заступником Керівника»: a position or a document, not a name's start
            small = [run[0]] + [index for index in run[1:] if self._lemmas(tokens[index][0]) & POSITIONS]
            return [self._finding(text, tokens, small)]
        if len(run) < 2 or self._is_person(tokens[run[0]][0]):
            return []
        small = [index for index in run[1:] if self._name_part(tokens[index][0])]
        if not small:
            return []
        heads = [tokens[run[-1]][0]] + ([tokens[run[-1] + 1][0]] if run[-1] + 1 < len(tokens) else [])
        if not any(any("NOUN" in tags for _lemma, tags in _parses(head)) for head in heads):
            return []  # «Першому Національному»: adjectives without a noun name a channel or a team, not a body
        return [self._finding(text, tokens, small)]

    def _finding(self, text: str, tokens: list[Token], small: list[int]) -> Finding:
        start, end = tokens[small[0]][1], tokens[small[-1]][2]
        fixed = list(text[start:end])
        for index in small:
            offset = tokens[index][1] - start
            fixed[offset] = fixed[offset].lower()
        return Finding(start, end, "capitalisation", "official-name-capitals", NAME_MESSAGE, ("".join(fixed),))

    def _running_text_word(self, text: str, tokens: list[Token], index: int) -> bool:
        """A position, body or document word capitalised in the middle of a sentence, no proper name after it."""
        word = tokens[index][0]
        if not _running_text_lemma(word):
            return False  # the usual case, decided from the word alone (its verdict is cached)
        context = context_before(text, tokens, index)
        if not (context == PAUSE or context == PLAIN and tokens[index - 1][0][:1].islower()):
            return False
        key = normal_key(word)
        if key in self._proper and key.lower() not in self._lowercase:
            return False
        if index + 1 < len(tokens):
            following = tokens[index + 1][0]
            if following[:1].isupper() and not self._is_person(following):
                gap = text[tokens[index][2]:tokens[index + 1][1]]
                if not gap.strip(" \u00a0"):
                    # Рада Європи, Комітет Червоного Хреста: a name; but «Указом Президента», «Голова Правління»
                    return bool(self._lemmas(following) & (POSITIONS | HEADS_AFTER))
        return True

    def _lemmas(self, word: str, common_only: bool = False) -> set[str]:
        """The lemmas of word's parses (common_only: of those that are not names, surnames or places)."""
        return {parse[0] for parse in _parses(word)
                if not (common_only and PROPER_TAGS & parse[1])}

    def _name_part(self, word: str) -> bool:
        verdict = self._verdicts.get(word)
        if verdict is None:
            key = normal_key(word)
            if key in self._proper and key.lower() not in self._lowercase:
                verdict = False
            else:
                parses = _parses(word)
                verdict = (any(parse[0] in NAME_PARTS for parse in parses)
                           and not any(PROPER_TAGS & parse[1] for parse in parses))
            self._verdicts[word] = verdict
        return verdict

    def _is_person(self, word: str) -> bool:
        return any({"Name", "Surn", "Patr"} & parse[1] for parse in _parses(word))


@word_cache(20_000)
def _parses(word: str) -> tuple[tuple[str, frozenset[str]], ...]:
    """pymorphy3's parses of word as (lemma, grammemes), computed once per word."""
    return tuple((parse.normal_form, frozenset(parse.tag.grammemes)) for parse in analysis.parse(word))


def _months(text: str, tokens: list[Token], capitals: list[int]) -> list[Finding]:
    """«27 Серпня»: a month after a day is a common noun."""
    return [Finding(start, end, "capitalisation", "capital-month", "Назви місяців пишуть з малої літери.",
                    (word.lower(),))
            for word, start, end in map(tokens.__getitem__, capitals)
            if word.lower() in MONTH_NAMES and AFTER_NUMBER_RE.search(text, max(start - 2, 0), start)]


def _cyrillic(char: str) -> bool:
    return "\u0400" <= char <= "\u04ff"


@word_cache(8192)
def _plural_common(word: str) -> bool:
    """A capitalised word that is a plural common word only («Програм», «Військових»), no name's first word."""
    if not _capitalised(word):
        return False
    parses = _parses(word)
    if not parses or not all("plur" in tags and not PROPER_TAGS & tags for _lemma, tags in parses):
        return False
    # «Збройні сили», «Олімпійські ігри»: names the 2019 rules open with a capital
    return not any(lemma in PLURAL_NAME_STARTS for lemma, _tags in parses) and not _proper_word(word.upper())


@word_cache(8192)
def _running_text_lemma(word: str) -> bool:
    """Whether word is a position, body or document word (not as a name, surname or place)."""
    return any(lemma in RUNNING_TEXT_SMALL for lemma, tags in _parses(word) if not PROPER_TAGS & tags)


@word_cache(8192)
def _capitalised(word: str) -> bool:
    """Capital first letter, small ones after it (not an abbreviation), Cyrillic."""
    return len(word) > 1 and word[0].isupper() and _cyrillic(word[0]) and word[1:2].islower()


def _joined(text: str, tokens: list[Token], previous: int, index: int) -> bool:
    """Whether the words between previous and index are connectors and plain spaces only."""
    for left, right in zip(range(previous, index), range(previous + 1, index + 1), strict=True):
        gap = text[tokens[left][2]:tokens[right][1]]
        if gap.strip(" \u00a0"):
            return False
    return True


@word_cache(4096)
def _capitalised_common_word(word: str, shortest: int = 5) -> bool:
    """A word in capitals that is a common word of shortest letters or more, not an abbreviation (НАРАДА, not ГЕС)."""
    if len(word) < shortest or not word.isupper():
        return False
    lowered = word.lower()
    if not morph().word_is_known(lowered):
        return False
    parses = _parses(lowered)
    # «ЦНАП», «МВС» have a common parse too, but also an abbreviation's; «РАДА» a name's too, but a common one
    return (not any("Abbr" in tags for _lemma, tags in parses)
            and any(not PROPER_TAGS & tags for _lemma, tags in parses) and not _proper_word(word))


@word_cache(1024)
def _proper_word(word: str) -> bool:
    """A word in capitals that the dictionary writes with a capital only (УКРАЇНИ → України)."""
    if len(word) < 4:
        return False
    lowered = word.lower()
    capitalised = word[0] + lowered[1:]
    parses = _parses(capitalised)
    if parses and all({"Geox", "Name", "Surn"} & tags for _lemma, tags in parses):
        return True
    dictionaries = _dictionaries()
    # the lowercase form first: most words asked are common ones, which settles it in one call
    return not dictionaries.check(lowered) and dictionaries.check(capitalised)


_LOADED: list[Dictionaries] = []  # the shipped dictionaries, once asked for


def _dictionaries() -> Dictionaries:
    """The shipped hunspell dictionaries (load_dictionaries finds its cache folder anew on each call: a
    tenth of a millisecond, here once per process)."""
    if not _LOADED:
        from desktop.language.spelling import load_dictionaries  # noqa: PLC0415  (only for a run of capitals)

        _LOADED.append(load_dictionaries())
    return _LOADED[0]


def _short_function_word(word: str) -> bool:
    """A word of up to three letters in capitals that is a preposition, conjunction, particle or pronoun (ПРО, МИ)."""
    if len(word) > 3:
        return False
    if word.lower() in CONNECTORS or word.lower() == "про":
        return True
    parses = _parses(word.lower())
    return not any("Abbr" in tags for _lemma, tags in parses) and any(
        FUNCTION_TAGS & tags for _lemma, tags in parses)


def _quoted(text: str, run: list[int], tokens: list[Token]) -> bool:
    """Whether the run stands inside quotes on its line."""
    start = tokens[run[0]][1]
    line_start = text.rfind("\n", 0, start) + 1
    before = text[line_start:start]
    return before.count("«") > before.count("»") or before.count("„") > before.count("“") or before.count('"') % 2 == 1


def _place_like_adjective(word: str) -> bool:
    """An adjective in -ський, -цький, -зький (Київська, міська): a place's, with a capital, or a common one."""
    return len(word) > 4 and any("ADJF" in tags and lemma.endswith(("ський", "цький", "зький"))
                                 for lemma, tags in _parses(word.lower()))


def _plain_gap(text: str, tokens: list[Token], first: int, last: int) -> bool:
    """Whether only plain spaces stand between the tokens first … last."""
    return all(not text[tokens[index][2]:tokens[index + 1][1]].strip(" \u00a0") for index in range(first, last))
