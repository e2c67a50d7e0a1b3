"""Typography: quotes, apostrophes, dashes, spacing, repeated words and mixed-script homoglyphs."""

from __future__ import annotations

import re
from collections.abc import Iterator
from itertools import compress
from operator import eq, itemgetter

from desktop.language.finding import Finding
from desktop.language.typography_marks import DigitRuns, char_positions, matches_at, merged_starts, typo
from desktop.language.typography_notation import known_word
from desktop.language.typography_pack import find_more_typography, sentence_particle_comma
from desktop.language.words import ProtectedSpans, Token, tokenize

# Latin letters that look like Cyrillic ones, and back; ï is the usual stand-in for ї.
LATIN_TO_CYRILLIC = dict(zip("aceikopxyABCEHIKMOPTXïÏ", "асеікорхуАВСЕНІКМОРТХїЇ", strict=True))
CYRILLIC_TO_LATIN = {cyrillic: latin for latin, cyrillic in LATIN_TO_CYRILLIC.items() if latin not in "ïÏ"}
# Lone Latin letters that pass for Ukrainian one-letter words (i, a, o, y, c) between Cyrillic words.
LONE_LETTERS = "aioyc"
# Short endings written after a number are case endings missing their hyphen (11ти → 11-ти).
ORDINAL_ENDINGS = frozenset(["й", "го", "му", "ми", "ти", "х", "ї", "а", "е", "у", "ій", "ий", "ого", "ому", "их", "им", "ою"])
# Allowed repetitions: emphatic doubles of Ukrainian (and a word typed letter by letter: «Р І Ш Е Н Н Я»).
REPEAT_ALLOWED = frozenset({"так", "ні", "ну", "ой", "ах", "ха"})

# Every pattern starts with a rare character (a literal one, which re skips to far faster than to a class)
# so that re skips most of the text quickly; the context around a hit is then checked in Python. Rules that
# start from a single mark find it with str.find (typography_marks.char_positions).
QUOTE_CHARS = "\"“”„«»'"
APOSTROPHE_CHARS = "'`"
HYPHEN_AS_DASH_RE = re.compile(r" (--?|–) ")
WORD_BEFORE_DASH_RE = re.compile(r"(?<![^\W\d_])[а-яіїєґ'’ʼ]+$")
PREDICATIVE_BEFORE_RE = re.compile(r"(?<![^\W\d_])(?:це|так|дуже|не|було|є|буде|як|надто|досить)[ \u00a0]+$", re.IGNORECASE)
WORD_AFTER_DASH_RE = re.compile(r"[а-яіїєґ'’ʼ]+(?![^\W\d_])")
GLUED_NUMBER_RE = re.compile(r"[0-9]+()[а-яіїєґА-ЯІЇЄҐ]")  # matched where a run of digits starts
DOUBLE_SPACE_RE = re.compile(r"  +")
SPACE_BEFORE_PUNCTUATION = tuple((space, re.compile(rf"{space}[,.:;!?]")) for space in " \t")
DOUBLED_PUNCTUATION_RE = re.compile(r"[,.;:](?:[,;:]|\.(?!\.))+")
# where a doubled mark can start: a mark before another (each mark a pattern of its own, found by its literal)
MARK_PAIRS = tuple((mark, re.compile(rf"{re.escape(mark)}(?=[,;:.])")) for mark in ",.;:")
MISSING_SPACE_AFTER_STOP = tuple((stop, re.compile(rf"{re.escape(stop)}(?=[А-ЯІЇЄҐ][а-яіїєґ'’ʼ])")) for stop in ".!?")
MISSING_SPACE_AFTER_COMMA_RE = re.compile(r",(?=[^\W\d_])")
# Words that are not parenthetical: a comma stands before them, never after («виклики, зокрема етапи»).
COMMA_AFTER_PARTICLE_RE = re.compile(r",[ \t]+(зокрема|навіть|особливо|також),[ \t]*")
# …unless a clause or a parenthetical of its own comes next («зокрема, якщо…», «зокрема, за даними ОВА, …»).
CLAUSE_OR_PARENTHETICAL = (
    "як", "якщо", "коли", "що", "щоб", "аби", "де", "куди", "звідки", "хоча", "хоч", "бо", "оскільки", "поки",
    "доки", "адже", "попри", "незважаючи", "враховуючи", "який", "яка", "яке", "які", "якого", "яких",
    "наприклад", "мабуть", "можливо", "звичайно", "звісно", "безумовно", "власне", "втім", "отже", "тобто",
    "щоправда", "певно", "очевидно", "здається", "зрештою", "по-перше", "по-друге", "по-третє", "як-от",
    "на жаль", "на щастя", "на думку", "на мою думку", "на нашу думку", "до речі", "за даними", "за словами",
    "за інформацією", "за повідомленням", "за оцінками", "з одного боку", "з іншого боку", "крім того",
    "окрім того", "більше того", "до того ж", "перш за все", "насамперед", "передусім", "як відомо",
    "як зазначив", "як зазначила", "як наголосив", "як наголосила", "як повідомили",
)
_CLAUSE_START_RE = re.compile(
    "(?:" + "|".join(re.escape(phrase) for phrase in sorted(CLAUSE_OR_PARENTHETICAL, key=len, reverse=True))
    + r")(?![^\W\d_])|[—–(\-]", re.IGNORECASE
)
# Short forms a stop closes before a comma: «тис.», «грн.», «ін.», «обл.»
ABBREVIATIONS = frozenset(("тис", "млн", "млрд", "грн", "коп", "ін", "обл", "вул", "просп", "буд", "кв", "смт", "ст",
                           "рр", "напр", "див", "тел", "каб", "корп", "пров", "пл", "проф", "доц", "акад"))
LATIN_LETTER_RE = re.compile(r"[A-Za-zïÏ]")
WORD_AROUND_RE = re.compile(r"[^\W\d_]+")

QUOTES_MESSAGE = "Лапки в українському тексті — «ялинки», а лапки всередині лапок — „лапки“."


def _is_cyrillic(char: str) -> bool:
    return "\u0400" <= char <= "\u04ff"


def find_typography(text: str, protected: ProtectedSpans | None = None,
                    tokens: list[Token] | None = None, lowered: list[str] | None = None) -> list[Finding]:
    """Every typography finding of text, each with its fix (lowered: the tokens' words in lowercase, when
    computed already)."""
    protected = protected or ProtectedSpans(text)
    tokens = tokenize(text) if tokens is None else tokens
    found: list[Finding] = []
    numbers = DigitRuns(text)
    for rule in (_quotes, _apostrophes, _hyphens, _double_spaces, _spaces_before_punctuation,
                 _doubled_punctuation, _comma_after_particle, _missing_spaces, _mixed_scripts):
        found.extend(f for f in rule(text) if not protected.overlaps(f.start, f.end))
    found.extend(f for f in _glued_numbers(text, numbers.followed_by_letter())
                 if not protected.overlaps(f.start, f.end))
    found.extend(f for f in find_more_typography(text, numbers) if not protected.overlaps(f.start, f.end))
    found.extend(sentence_particle_comma(text, _CLAUSE_START_RE))
    found.extend(_repeated_words(text, tokens, lowered))
    found = _without_spacing_at_quotes(found)
    found.sort(key=lambda f: (f.start, f.end))
    return found


SPACING_RULES = frozenset({"double-space", "space-before-punctuation", "missing-space-after-comma",
                           "missing-space-after-stop", "doubled-punctuation"})


def _without_spacing_at_quotes(found: list[Finding]) -> list[Finding]:
    """No spacing finding on a quote's own marks (« ,,» is a quote, not a comma after a space): the quote's fix says it."""
    quotes = [(f.start, f.end) for f in found if f.rule == "quotes"]
    if not quotes:
        return found

    def on_a_quote(finding: Finding) -> bool:
        return any((finding.start < end and start < finding.end)
                   or (finding.rule == "space-before-punctuation" and finding.end == start) for start, end in quotes)

    return [f for f in found if f.rule not in SPACING_RULES or not on_a_quote(f)]


def _char(text: str, index: int) -> str:
    return text[index] if 0 <= index < len(text) else " "


def _quotes(text: str) -> Iterator[Finding]:
    # Walk the quote characters keeping the nesting depth: outer quotes are «», inner ones „“.
    depth = 0
    for at in char_positions(text, QUOTE_CHARS):
        char = text[at]
        before, after = _char(text, at - 1), _char(text, at + 1)
        if char == "'":
            if before.isalnum() and after.isalnum():
                continue  # an apostrophe, the apostrophe rule's business
            if not ((before.isspace() or before in "([—") and after.isalpha()
                    or (before.isalpha() or before in ".!?") and not after.isalnum()):
                continue
        if char in "«„":
            opening = True
        elif char == "»":
            opening = False
        elif char == "“":
            # “ closes an inner „…“ but opens an English-style quotation
            opening = depth == 0 or (before.isspace() or before in "(«[—") and not after.isspace()
        else:
            opening = (before.isspace() or before in "([—-«„") and not after.isspace()
            if before.isspace() and after.isspace():
                continue  # a lone quote between spaces: nothing to say
        if opening:
            depth += 1
            expected = "«" if depth == 1 else "„"
        else:
            expected = "»" if depth <= 1 else "“"
            depth = max(depth - 1, 0)
        if char != expected:
            yield typo(at, at + 1, "quotes", QUOTES_MESSAGE, expected)


def _apostrophes(text: str) -> Iterator[Finding]:
    for at in char_positions(text, APOSTROPHE_CHARS):
        if _is_cyrillic(_char(text, at - 1)) and _is_cyrillic(_char(text, at + 1)):
            yield typo(at, at + 1, "apostrophe",
                          "Апостроф пишіть знаком ’ (або ʼ), а не ' чи `.", "’")


def _hyphens(text: str) -> Iterator[Finding]:
    # from the dashes, rarer than the spaces the pattern starts with
    starts = [at - 1 for at in char_positions(text, "-–") if at and text[at - 1] == " "]
    for match in matches_at(HYPHEN_AS_DASH_RE, text, starts):
        start, end = match.start(), match.end()
        if _char(text, start - 1).isspace() or _char(text, end).isspace():
            continue
        if _compound_adjective(text, start, end):
            yield typo(start, end, "compound-adjective-dash",
                       "Частини складного прикметника пишіть через дефіс без пробілів: «соціально-політичний».", "-")
        elif match.group(1) != "–":
            yield typo(match.start(1), match.end(1), "hyphen-as-dash", "Між словами ставте тире (—), а не дефіс.", "—")
        elif _dash_between_words(text, start, end):
            yield typo(match.start(1), match.end(1), "en-dash-as-dash",
                       "Між словами ставте довге тире (—), а не коротке (–).", "—")


def _dash_between_words(text: str, start: int, end: int) -> bool:
    """A spaced en dash between words (not a range of numbers «5 – 7», which takes it)."""
    before, after = _char(text, start - 1), _char(text, end)
    return (before.isalpha() or before in "»\"”!?.,)…") and (after.isalpha() or after in "«\"„(")


def _compound_adjective(text: str, start: int, end: int) -> bool:
    """«соціально – політичної»: a compound adjective the dictionary knows, cut in two by a spaced dash."""
    first = WORD_BEFORE_DASH_RE.search(text, max(start - 30, 0), start)
    second = WORD_AFTER_DASH_RE.match(text, end)
    if first is None or second is None or not first.group().endswith("о"):
        return False
    if PREDICATIVE_BEFORE_RE.search(text, max(first.start() - 12, 0), first.start()):
        return False  # «це важливо – …»: a predicate and a dash
    return known_word(f"{first.group()}-{second.group()}")


def _glued_numbers(text: str, number_starts: list[int]) -> Iterator[Finding]:
    for match in matches_at(GLUED_NUMBER_RE, text, number_starts):
        start = end = match.end(1)
        while start > 0 and text[start - 1].isdigit():
            start -= 1
        while end < len(text) and text[end].isalpha():
            end += 1
        if _char(text, start - 1) in ".,:/-" or _char(text, start - 1).isalnum():
            continue  # 2.5км is a unit after a decimal; А1234 or COVID19 are designations
        if _char(text, end) == "-" or _char(text, end).isdigit():
            continue
        number, word = text[start:match.end(1)], text[match.end(1):end]
        if len(word) == 1 and word != "й":
            continue  # a house or building letter: 1А, 5б
        if word.lower() in ORDINAL_ENDINGS:
            fix, message = f"{number}-{word}", f"Закінчення після числа пишіть через дефіс: «{number}-{word}»."
        else:
            fix, message = f"{number} {word}", "Число злилося зі словом: між ними потрібен пробіл."
        yield typo(start, end, "number-glued-to-word", message, fix)


def _double_spaces(text: str) -> Iterator[Finding]:
    first = text.find("  ")
    if first < 0:
        return
    for match in DOUBLE_SPACE_RE.finditer(text, first):
        if not _char(text, match.start() - 1).isspace() and not _char(text, match.end()).isspace():
            yield typo(match.start(), match.end(), "double-space", "Зайвий пробіл.", " ")


def _spaces_before_punctuation(text: str) -> Iterator[Finding]:
    for at in merged_starts(text, SPACE_BEFORE_PUNCTUATION):
        end = at + 1
        start = at
        while start > 0 and text[start - 1] in " \t":
            start -= 1
        previous, following = _char(text, start - 1), _char(text, end + 1)
        if previous.isspace() or previous in ".,:;!?" or start == 0:
            continue  # a line starting with punctuation, or «…» typed as dots
        if following.isalnum() or following in ".":
            continue  # .NET, ,5 or an ellipsis
        yield typo(start, end, "space-before-punctuation",
                      "Перед розділовим знаком пробіл не ставлять.", "")


def _doubled_punctuation(text: str) -> Iterator[Finding]:
    # «..», «.;», «,,» — but an ellipsis «...» is three dots and stays.
    for match in matches_at(DOUBLED_PUNCTUATION_RE, text, merged_starts(text, MARK_PAIRS)):
        marks = match.group()
        if "..." in text[match.start():match.end() + 1] or text[match.start() - 1:match.start()] == ".":
            continue
        if marks in (".,", ".;", ".:") and _abbreviation_stop(text, match.start()):
            continue  # «Слободян О.С., …», «2014/2015 н. р.; …»: the stop of an abbreviation, then the mark
        if marks == ",," and (match.start() == 0 or text[match.start() - 1] in " \t\n(—–") \
                and text[match.end():match.end() + 2].strip(" \t")[:1].isalpha():
            continue  # «,,» typed as an opening quote: the quote rule's finding
        # Usually the last mark is the one meant («котелень.;» in a list); the first is the other choice.
        choices = tuple(dict.fromkeys((marks[-1], marks[0])))
        yield typo(match.start(), match.end(), "doubled-punctuation",
                      f"Зайвий розділовий знак: «{marks}».", *choices)


def _abbreviation_stop(text: str, at: int) -> bool:
    """Whether the stop at «at» closes an abbreviation: a single letter (an initial) or a usual short form."""
    start = at
    while start > 0 and text[start - 1].isalpha():
        start -= 1
    word = text[start:at]
    return len(word) == 1 or word.lower() in ABBREVIATIONS


def _comma_after_particle(text: str) -> Iterator[Finding]:
    for match in COMMA_AFTER_PARTICLE_RE.finditer(text):
        if _CLAUSE_START_RE.match(text, match.end()):
            continue
        # the word and its comma: a lone comma's underline is too short to see
        word = match.group(1)
        comma = text.index(",", match.end(1))
        yield typo(match.start(1), comma + 1, "comma-after-particle",
                      f"Після «{word}» кома не потрібна: це слово не вставне, кома стоїть лише перед ним.", word)


def _missing_spaces(text: str) -> Iterator[Finding]:
    for at in merged_starts(text, MISSING_SPACE_AFTER_STOP):
        before = text[max(at - 2, 0):at]
        if len(before) == 2 and all(c.isalnum() or c in ")»" for c in before):
            if before[-1].isupper() and before[-2].isupper():
                continue  # an abbreviation such as «США.Україна» is rare; initials «Т.Г.» are not flagged
            yield typo(at, at + 1, "missing-space-after-stop",
                          "Після кінця речення потрібен пробіл.", text[at] + " ")
    for match in MISSING_SPACE_AFTER_COMMA_RE.finditer(text):
        at = match.start()
        if _char(text, at - 1).isalpha():
            yield typo(at, at + 1, "missing-space-after-comma",
                          "Після коми потрібен пробіл.", ", ")


def _repeated_words(text: str, tokens: list[Token], lowered: list[str] | None = None) -> Iterator[Finding]:
    # compare neighbours in C (map, compress): a Python loop over every word pair is the layer's slowest part
    if lowered is None:
        lowered = list(map(str.lower, map(itemgetter(0), tokens)))
    for index in compress(range(len(tokens) - 1), map(eq, lowered, lowered[1:])):
        (first, start, first_end), (_second, second_start, end) = tokens[index], tokens[index + 1]
        if first.lower() in REPEAT_ALLOWED or not first.isalpha() or len(first) == 1 and first.isupper():
            continue
        if text[first_end:second_start].strip(" \t"):
            continue  # punctuation between them: «Так, так» or a new sentence
        yield typo(start, end, "repeated-word",
                      f"Слово «{first}» повторено двічі поспіль.", first)


def _mixed_scripts(text: str) -> Iterator[Finding]:
    # Latin letters are rare in Ukrainian text, so start from them and look at the word around.
    if not _has_latin_letter(text):
        return
    last_end = -1
    for match in LATIN_LETTER_RE.finditer(text):
        if match.start() < last_end:
            continue
        word_match = WORD_AROUND_RE.search(text, _word_start(text, match.start()))
        if word_match is None:
            continue
        word, start = word_match.group(), word_match.start()
        last_end = word_match.end()
        cyrillic = sum(1 for c in word if _is_cyrillic(c))
        if cyrillic:
            latin = len(word) - cyrillic
            yield _homoglyph_finding(word, start, to_cyrillic=cyrillic >= latin)
        elif (len(word) == 1 and word in LONE_LETTERS and _char(text, start - 1) in " ,"
              and _char(text, start + 1) == " " and _is_cyrillic(_char(text, start - 2))
              and _is_cyrillic(_char(text, start + 2))):
            yield _homoglyph_finding(word, start, to_cyrillic=True)


def _has_latin_letter(text: str) -> bool:
    """Whether text has a letter of LATIN_LETTER_RE, found in C faster than by the class's scan."""
    # of the text's ASCII characters only a letter changes with case
    ascii_part = text.encode("ascii", "ignore")
    return ascii_part.lower() != ascii_part.upper() or "ï" in text or "Ï" in text


def _word_start(text: str, index: int) -> int:
    while index > 0 and (text[index - 1].isalpha()):
        index -= 1
    return index


def _homoglyph_finding(word: str, start: int, to_cyrillic: bool) -> Finding:
    table = LATIN_TO_CYRILLIC if to_cyrillic else CYRILLIC_TO_LATIN
    fixed = "".join(table.get(c, c) for c in word)
    if to_cyrillic:
        rule, message = "latin-in-cyrillic", f"У слові «{word}» є латинські літери серед кириличних."
        clean = not any(c.isascii() and c.isalpha() for c in fixed)
    else:
        rule, message = "cyrillic-in-latin", f"У слові «{word}» є кириличні літери серед латинських."
        clean = fixed.isascii()
    return typo(start, start + len(word), rule, message, *((fixed,) if clean else ()))
