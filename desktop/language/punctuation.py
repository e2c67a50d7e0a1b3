"""Punctuation: commas before subordinate clauses and «а», «але», around parenthetical words, after
«а саме», and the commas that are not needed (after «Проте», after a circumstance opening a sentence).

Each rule is conservative: the words around a comma are looked up in pymorphy3 (parts of speech, cases)
and a rule stays quiet unless every parse of the words fits. Word lists and exceptions follow
Правопис 2019 and LanguageTool's Ukrainian rules (languagetool-org/languagetool,
languagetool-language-modules/uk/src/main/resources/org/languagetool/rules/uk/grammar-punctuation.xml,
commit 01f9a7abbdab36674992b5d65eb40ad78162631b: its parenthetical words and contrast conjunctions with
their exceptions; LGPL-2.1, the licence text is desktop/resources/proofing/languagetool/data/LICENSE-LGPL-2.1.txt).
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Callable
from itertools import compress
from operator import itemgetter

from desktop.language.finding import Finding
from desktop.language.grammar import parses
from desktop.language.typography import CLAUSE_OR_PARENTHETICAL
from desktop.language.word_cache import word_cache
from desktop.language.words import Token

KIND = "punctuation"

# Subordinating conjunctions and relative words that open a clause after a noun or a verb: a comma before them.
# Only the nominative and accusative forms of «який»: «мешканці яких» (a genitive) opens no clause of its own.
SUBORDINATORS = frozenset({
    "що", "щоб", "аби", "якщо", "якби", "коли", "де", "куди", "звідки", "бо", "оскільки", "хоча", "доки",
    "який", "яка", "яке", "які", "чий", "чия", "чиє", "чиї",
})  # not «наче», «ніби», «немов»: often particles («місто наче вимерло»)
# Every form of «який» and the prepositions that open a relative clause with it («вікторина, у якій …»).
RELATIVE_FORMS = frozenset({"який", "яка", "яке", "які", "якого", "якої", "яких", "якому", "якій", "яким", "якими",
                            "якім", "яку", "якою"})
CLAUSE_PREPOSITIONS = frozenset({"у", "в", "на", "з", "із", "зі", "до", "від", "для", "за", "під", "над", "при",
                                 "про", "через", "після", "перед", "серед", "між", "без", "по", "біля", "щодо",
                                 "завдяки", "крім", "окрім", "навколо", "протягом", "упродовж", "впродовж"})
# Words before which a subordinator starts a compound conjunction or a fixed phrase, not a new clause
# («у разі якщо», «за умови що», «в міру того як»).
COMPOUND_HEADS = frozenset({"разі", "випадку", "випадок", "умови", "міру", "час", "мірі"})
# Verbs whose «що» is an object, not a clause («є що сказати», «маємо що показати»).
NO_CLAUSE_VERBS = frozenset({"бути", "мати", "немати"})
# After these the subordinator is not a conjunction («що б там не було», «що завгодно»).
NOT_A_CLAUSE_AFTER = frozenset({"б", "би", "завгодно", "небудь", "попало", "до", "ж", "й", "і", "саме"})
# Pronouns a «хто», «що» clause explains («всі, хто», «те, що»).
DEMONSTRATIVES = frozenset({
    "всі", "усі", "все", "усе", "всіх", "усіх", "всім", "усім", "всіма", "усіма", "кожен", "кожний", "кожного",
    "кожному", "ті", "тих", "тими", "той", "те", "того", "тим", "тому",
})
# Of these, the ones that form compound conjunctions after a preposition («через те що», «для того щоб»):
# flagged only after «про», after «на» that is no part of «незважаючи на», or after «в/у» («у тому, що»).
# «всі хто куди», «хто чим може»: an idiom, not a clause.
INDEFINITE_AFTER = frozenset({"чим", "як", "куди", "де", "кого", "кому", "що", "звідки", "коли"})
COMPOUND_DEMONSTRATIVES = frozenset({"те", "того", "тим", "тому"})
DEMONSTRATIVE_CLAUSE = frozenset({"хто", "що", "який", "яка", "яке", "які", "де", "куди", "звідки"})

# Sentence openers that take no comma after them (conjunctions and adverbs of time, not parenthetical words).
# «Зокрема», «Також», «Особливо», «Навіть» are the typography layer's («comma-after-particle»).
NO_COMMA_OPENERS = frozenset({
    "проте", "однак", "але", "тому", "тож", "зате", "цьогоріч", "торік", "сьогодні", "нині", "наразі", "зараз",
    "вчора", "учора", "завтра", "згодом", "нещодавно", "тепер", "потім", "спочатку", "спершу",
})
# Parenthetical words and phrases (LanguageTool's list without «врешті», often an adverb «at last»):
# commas on both sides.
PARENTHETICAL = ("мабуть", "щоправда", "крім того", "окрім того", "втім", "на жаль", "на щастя",
                 "будь ласка", "по-перше", "по-друге", "по-третє")
# Conjunctions of contrast: a comma before them (LanguageTool's COMMA_BEFORE_BUT).
CONTRAST = frozenset({"а", "але", "зате"})
# Words after which a contrast conjunction needs no comma of its own («ну а», «і а», «не тільки…»).
LETTER_HEADS = frozenset({"пункт", "пункту", "пунктом", "підпункт", "підпункту", "підпунктом", "літера", "літери",
                          "літеру", "літерою", "пп", "п", "абзац", "абзацу"})
CONTRAST_EXCEPTIONS = frozenset({"ну", "а", "і", "й", "та", "але", "чи", "або", "то", "ні", "не"})

# Prepositions that open a circumstance at the head of a sentence («За результатами обговорення звітів …»).
CIRCUMSTANCE_PREPOSITIONS = frozenset({
    "на", "за", "в", "у", "під", "через", "до", "після", "перед", "з", "із", "зі", "від", "протягом",
    "впродовж", "упродовж", "для", "серед", "при", "по", "над", "між", "відповідно", "згідно",
})
# Openings after which a comma is right: parenthetical phrases («За словами …», «На думку …») and the
# prepositions whose phrases are set off («Незважаючи на …», «У разі …», «З метою …», «Крім …»).
SET_OFF_OPENINGS = frozenset({
    "за словами", "за даними", "за інформацією", "за повідомленням", "за повідомленнями", "за оцінками",
    "за оцінкою", "за прогнозами", "за підрахунками", "за розрахунками", "за висловом", "за твердженням",
    "за свідченням", "за статистикою", "за відомостями", "на думку", "на переконання", "на погляд", "на мою",
    "на нашу", "на жаль", "на щастя", "з одного", "з іншого", "з погляду", "з точки", "до речі", "по суті",
    "в цілому", "у цілому", "в свою", "у свою", "в першу", "у першу", "без сумніву", "на відміну", "у разі",
    "в разі", "у випадку", "в випадку", "з метою", "у зв'язку", "в зв'язку", "з огляду", "на додаток",
    "на підставі", "на противагу", "у міру", "в міру", "у порівнянні", "в порівнянні", "на випадок",
    "за умови", "за умов", "за відсутності", "за наявності", "при цьому", "до того", "у той", "в той",
    "між тим", "в тому", "у тому", "по-перше", "у підсумку", "в підсумку", "в результаті", "у результаті",
    "зі слів", "з слів", "із слів", "з розповіді", "за розповіддю", "з повідомлення", "за спостереженнями",
    "на мій", "на наш", "за традицією", "з досвіду", "на загал", "без перебільшення",
})
LIST_CONJUNCTIONS = frozenset({"та", "і", "й", "або", "чи"})
# Conjunctions that may stand before the circumstance («Але через відсутність депутатів …»).
CIRCUMSTANCE_OPENING_CONJUNCTIONS = frozenset({"але", "а", "і", "проте", "однак", "тож"})
MIN_CIRCUMSTANCE_WORDS = 4
# Words that end a relative clause's scan (a conjunction joins a second predicate to the clause).
CLAUSE_STOPS = frozenset({"і", "й", "та", "або", "чи", "а", "але", "проте", "однак", "зате", "ні", "ані", "як",
                          "ніж", "тобто", "також", "потім", "далі"})
# Words that open no list member of their own («та інші», «та й», «зокрема»).
LIST_STOPS = frozenset({"ін", "інш", "інші", "інших", "іншим", "іншими", "так", "навпаки", "т", "зокрема",
                        "особливо", "насамперед", "передусім", "наприклад", "тобто", "навіть", "крім", "окрім",
                        "серед", "включно", "саме", "також", "тому", "ще", "не", "ні"})
# «на тему», «під назвою», «за темою», «під гаслом»: the title follows with no colon.
TITLE_HEADS = {"тему": ("на",), "темою": ("за",), "назвою": ("під",), "гаслом": ("під",)}
# «Сьогодні, 5 травня, …», «У понеділок, 5 травня, …»: the words a date explains.
DATE_HEADS = frozenset({"Сьогодні", "Вчора", "Учора", "Завтра", "Позавчора", "Післязавтра", "понеділок",
                        "вівторок", "середу", "четвер", "п’ятницю", "п'ятницю", "суботу", "неділю"})
MONTHS_GENITIVE = ("січня", "лютого", "березня", "квітня", "травня", "червня", "липня", "серпня", "вересня",
                   "жовтня", "листопада", "грудня")
# Words that still belong to the date («…, 5 травня о 10:00, …», «з 9 до 12 травня»).
DATE_CONTINUATIONS = frozenset({"о", "об", "з", "із", "до", "по", "від", "та", "і", "й", "або", "року", "р"})
# Abbreviations that end in a dot inside a sentence («2018 р.», «ст. 5», «п. 3»).
NUMBER_ABBREVIATIONS = frozenset({"р", "рр", "ст", "п", "пп", "ч", "арт"})
# Words that make «, як …» a comparison («такі міста, як Київ», «так само, як»).
COMPARISON_HEADS = frozenset({"такий", "така", "таке", "такі", "такого", "такої", "таких", "такому", "такій",
                              "таким", "такими", "такою", "так", "той", "те", "ті", "тих", "тим", "того"})
# Sentence openers whose clause is answered by «то» («Якщо …, то …»).
CORRELATIVE_HEADS = frozenset({"якщо", "коли", "хоча", "хоч", "оскільки", "якби", "раз", "поки", "доки", "щойно"})
# The verbs of a resolution's or an order's formula («…, рада вирішила:», «…, наказую:»).
RESOLUTION_VERBS = frozenset({"вирішила", "вирішив", "вирішили", "вирішує", "вирішують", "постановляє", "постановляю",
                              "постановила", "наказую", "зобов'язую", "ухвалює", "ухвалила", "ухвалив",
                              "розпоряджаюсь", "розпоряджаюся", "пропоную", "рекомендує", "погоджує"})
# Parenthetical phrases that name a source («За словами голови, …», «На думку експертів, …»).
SOURCE_PHRASES = frozenset({("за", "словами"), ("за", "даними"), ("за", "інформацією"), ("за", "повідомленням"),
                            ("на", "думку"), ("на", "переконання"), ("за", "оцінками"), ("на", "погляд")})
SOURCE_POSSESSIVES = frozenset({"його", "її", "їх", "їхніми", "їхню", "моїми", "нашими", "вашими", "моєю", "нашою",
                                "мою", "нашу"})
RELATIVE_WORDS = frozenset({"який", "яка", "яке", "які", "що", "щоб", "коли", "якщо", "де"})

_SENTENCE_END = ".!?…"
_APOSTROPHES = str.maketrans({"’": "'", "ʼ": "'"})
_TRIGGERS = SUBORDINATORS | {"хто"}
_CLAUSE_WORDS = frozenset(p for p in CLAUSE_OR_PARENTHETICAL if " " not in p)
_CLAUSE_PHRASES = tuple(p for p in CLAUSE_OR_PARENTHETICAL if " " in p)
_PARENTHETICAL_PHRASES = frozenset(tuple(p.split()) for p in PARENTHETICAL)
_WORD = itemgetter(0)
_START = itemgetter(1)
# A gerund opening a sentence (a table cannot list them all); the scan starts at the rare sentence marks.
_GERUND = r"[ \t\u00a0«\"]*([А-ЯІЇЄҐ][а-яіїєґ'’ʼ]+(?:ючи|учи|ачи|ячи|вши)(?:сь)?)(?![^\W\d_'’ʼ\-])"
_GERUND_RE = re.compile(r"[.!?…\n]" + _GERUND)  # no «^|» alternative: it would cost the scan its fast start
_GERUND_FIRST_RE = re.compile(_GERUND)
_SPACE = "[ \t\u00a0]+"
_DATE_APPOSITION_RE = re.compile(
    ",[ \t\u00a0]+\\d{1,2}" + _SPACE + "(?P<last>(?:" + "|".join(MONTHS_GENITIVE) + ")(?:" + _SPACE
    + "\\d{4}" + _SPACE + "року)?)" + _SPACE + "(?P<next>[^\\W\\d_]+(?:['’ʼ\\-][^\\W\\d_]+)*)(?![.\\w])")
_NUMBER_GAP_RE = re.compile(r"(?:[ \t\u00a0./№\-]|\d(?:,\d)?)+")
_MARK_RE = re.compile(r"[,.!?;:()\n—–]")
_SENTENCE_REST_RE = re.compile(r"[^.!?;\n]{0,400}")


@word_cache(65536)
def _pos(word: str) -> frozenset[str]:
    """The parts of speech of word's dictionary parses (empty for an unknown word)."""
    return frozenset(str(p.tag.POS) for p in parses(word))


@word_cache(65536)
def _cases(word: str) -> frozenset[str]:
    return frozenset(str(p.tag.case) for p in parses(word) if p.tag.case)


@word_cache(65536)
def _is_participle(word: str) -> bool:
    return any("pssv" in p.tag or "actv" in p.tag for p in parses(word))


@word_cache(65536)
def _lemmas(word: str) -> frozenset[str]:
    return frozenset(p.normal_form for p in parses(word))


@word_cache(65536)
def _key(word: str) -> str:
    return word.lower().translate(_APOSTROPHES)


def _only(word: str, *allowed: str) -> bool:
    found = _pos(word)
    return bool(found) and found <= set(allowed)


def _is_verb(word: str) -> bool:
    return "VERB" in _pos(word)


def _finding(start: int, end: int, rule: str, message: str, fix: str) -> Finding:
    return Finding(start, end, KIND, rule, message, (fix,))


def find_punctuation(text: str, tokens: list[Token]) -> list[Finding]:
    """Every punctuation finding of text (tokens: its words, as words.tokenize gives them)."""
    found: list[Finding] = []
    if len(tokens) < 2:
        return found
    triggers = _RULES_BY_WORD
    # the words a rule starts from, picked out in C (map, compress): no Python loop over every word
    for index in compress(range(len(tokens)), map(triggers.__contains__, map(_WORD, tokens))):
        for rule in triggers[tokens[index][0]]:
            finding = rule(text, tokens, index)
            if finding is not None:
                found.append(finding)
    first = _GERUND_FIRST_RE.match(text)
    for match in ([first] if first else []) + list(_GERUND_RE.finditer(text)):
        index = bisect_left(tokens, match.start(1), key=_START)
        if index < len(tokens) and tokens[index][1] == match.start(1):
            finding = _gerund_comma(text, tokens, index)
            if finding is not None:
                found.append(finding)
    return found


def _bare_gap(text: str, start: int, end: int) -> bool:
    """Only spaces between two words (no punctuation, no line break)."""
    gap = text[start:end]
    return gap == " " or (gap != "" and not gap.strip(" \t\u00a0"))


def _sentence_start(text: str, tokens: list[Token], index: int) -> bool:
    if index == 0:
        return not text[:tokens[0][1]].strip(" \t\u00a0«\"(") or any(ch in text[:tokens[0][1]] for ch in "\n.!?")
    before = text[tokens[index - 1][2]:tokens[index][1]]
    return any(ch in before for ch in _SENTENCE_END + "\n")


# --- a comma before a subordinate clause -------------------------------------------------------------

def _subordinate_comma(text: str, tokens: list[Token], index: int) -> Finding | None:
    if index == 0:
        return None
    word = key = tokens[index][0]
    previous, start, end = tokens[index - 1]
    if not _bare_gap(text, end, tokens[index][1]):
        return None
    if index + 1 < len(tokens) and _key(tokens[index + 1][0]) in NOT_A_CLAUSE_AFTER \
            and _bare_gap(text, tokens[index][2], tokens[index + 1][1]):
        return None
    previous_key = _key(previous)
    if previous_key in DEMONSTRATIVES:
        if key in DEMONSTRATIVE_CLAUSE and _demonstrative_clause(text, tokens, index - 1) \
                and not (index + 1 < len(tokens) and _key(tokens[index + 1][0]) in INDEFINITE_AFTER):
            return _finding(start, tokens[index][2], "comma-before-clause",
                            f"Перед «{word}» після «{previous}» потрібна кома: далі підрядне речення.",
                            f"{previous}, {word}")
        return None
    if previous_key in COMPOUND_HEADS or not previous.islower():
        return None
    if key == "хто":
        return None  # «допомагаючи хто чим може»: only «всі, хто», «той, хто» are clear
    if not _only(previous, "NOUN") and (not _only(previous, "VERB", "GRND") or _lemmas(previous) & NO_CLAUSE_VERBS):
        return None
    return _finding(start, tokens[index][2], "comma-before-clause",
                    f"Перед «{word}» потрібна кома: це початок підрядного речення.", f"{previous}, {word}")


def _demonstrative_clause(text: str, tokens: list[Token], index: int) -> bool:
    """«всі хто», «те що»: the pronoun at index is explained by the clause after it (not «через те що»)."""
    key = _key(tokens[index][0])
    if key not in COMPOUND_DEMONSTRATIVES:
        return True
    if index == 0 or not _bare_gap(text, tokens[index - 1][2], tokens[index][1]):
        return key == "те"
    before = _key(tokens[index - 1][0])
    if before == "про":
        return key != "тому"
    if before == "на":
        return key != "тому" and (index < 2 or _key(tokens[index - 2][0]) not in ("незважаючи", "зважаючи", "огляду"))
    return before in ("в", "у") and key == "тому"


def _preposition_relative_comma(text: str, tokens: list[Token], index: int) -> Finding | None:
    """«вікторину у якій пригадали …»: a relative clause opened by a preposition and «який» after a noun."""
    if index < 2:
        return None
    noun, preposition = tokens[index - 2], tokens[index - 1]
    if preposition[0] not in CLAUSE_PREPOSITIONS or not noun[0].islower() or not _only(noun[0], "NOUN"):
        return None
    if not _bare_gap(text, noun[2], preposition[1]) or not _bare_gap(text, preposition[2], tokens[index][1]):
        return None
    if _key(noun[0]) in COMPOUND_HEADS or not _predicate_before(text, tokens, index - 2):
        return None  # «…подією, участь у якій взяв …»: the clause began before the noun
    return _finding(noun[1], tokens[index][2], "comma-before-clause",
                    f"Перед «{preposition[0]} {tokens[index][0]}» потрібна кома: це початок підрядного речення.",
                    f"{noun[0]}, {text[preposition[1]:tokens[index][2]]}")


def _predicate_before(text: str, tokens: list[Token], index: int) -> bool:
    """A verb among the words before index, back to the previous mark: the clause the noun at index ends
    has its predicate, so a clause opened after the noun is a new one."""
    for position in range(index - 1, max(-1, index - 16), -1):
        if not _bare_gap(text, tokens[position][2], tokens[position + 1][1]):
            return False
        if _is_verb(tokens[position][0]):
            return True
    return False


# --- a comma before «а», «але», «зате» ------------------------------------------------------------------

def _contrast_comma(text: str, tokens: list[Token], index: int) -> Finding | None:
    if not 0 < index < len(tokens) - 1:
        return None
    word = tokens[index][0]
    previous, start, end = tokens[index - 1]
    following = tokens[index + 1]
    if not _bare_gap(text, end, tokens[index][1]) or not _bare_gap(text, tokens[index][2], following[1]):
        return None
    if _key(previous) in CONTRAST_EXCEPTIONS or _key(following[0]) == "ля" \
            or word == "а" and _key(previous) in LETTER_HEADS:
        return None  # «пункт а статті 5»: a letter, not a conjunction
    if not _pos(previous) or _pos(previous) & {"CONJ", "PRCL", "PREP"}:
        return None
    return _finding(start, tokens[index][2], "comma-before-contrast",
                    f"Перед протиставним сполучником «{word}» потрібна кома.", f"{previous}, {word}")


# --- no comma after «Проте», «Цьогоріч» opening a sentence ---------------------------------------------

def _opener_comma(text: str, tokens: list[Token], index: int) -> Finding | None:
    word, start, end = tokens[index]
    if index + 1 >= len(tokens) or not _sentence_start(text, tokens, index):
        return None
    if text[end:tokens[index + 1][1]].rstrip(" \t\u00a0") != ",":
        return None
    following = tokens[index + 1][0]
    if _opens_clause(text, tokens, index + 1) or "GRND" in _pos(following) or _is_participle(following):
        return None
    if not _verb_before_punctuation(text, tokens, index + 1):
        return None  # «Проте, на жаль, …», «Сьогодні, у День Соборності, …»: a phrase set off by two commas
    return _finding(start, end + 1, "no-comma-after-opener",
                    f"Після «{word}» на початку речення кома не потрібна.", word)


def _opens_clause(text: str, tokens: list[Token], index: int) -> bool:
    """A subordinate clause or a parenthetical phrase starts at token index («як зазначив», «на жаль»)."""
    key = _key(tokens[index][0])
    if key in _CLAUSE_WORDS or key in _TRIGGERS:
        return True
    rest = text[tokens[index][1]:tokens[index][1] + 24].lower().translate(_APOSTROPHES)
    return any(rest.startswith(phrase) for phrase in _CLAUSE_PHRASES)


def _verb_before_punctuation(text: str, tokens: list[Token], index: int) -> bool:
    """A verb among the words from index up to the next punctuation mark or the sentence's end."""
    for position in range(index, min(index + 40, len(tokens))):
        if position > index and text[tokens[position - 1][2]:tokens[position][1]].strip(" \t\u00a0«»\""):
            return False
        if _is_verb(tokens[position][0]):
            return True
    return False


# --- parenthetical words: «мабуть», «на жаль», «по-перше» ----------------------------------------------

def _parenthetical_comma(text: str, tokens: list[Token], first: int) -> Finding | None:
    count = len(tokens)
    after = first + 1
    if (_key(tokens[first][0]),) not in _PARENTHETICAL_PHRASES:
        if after >= count or (_key(tokens[first][0]), _key(tokens[after][0])) not in _PARENTHETICAL_PHRASES \
                or not _bare_gap(text, tokens[first][2], tokens[after][1]):
            return None
        after += 1
    start, end = tokens[first][1], tokens[after - 1][2]
    phrase = text[start:end]
    key = " ".join(_key(phrase).split())
    if key in ("крім того", "окрім того") and after < count and "gent" in _cases(tokens[after][0]) \
            and _only(tokens[after][0], "NOUN", "ADJF"):
        return None  # «крім того питання»: «того» is a demonstrative here
    right = after < count and _bare_gap(text, end, tokens[after][1]) \
        and not (key.startswith("по-") and _key(tokens[after][0]) == "ж")
    left = False
    if first and _bare_gap(text, tokens[first - 1][2], start):
        previous = tokens[first - 1][0]
        if _key(previous) == "це":
            left = not key.startswith("по-")  # «Це мабуть водій», but «Це по-перше»
        else:
            left = bool(_pos(previous)) and not _pos(previous) & {"CONJ", "PRCL", "PREP"}
    if not (left or right):
        return None
    fix = (f"{tokens[first - 1][0]}, " if left else "") + phrase + (f", {tokens[after][0]}" if right else "")
    return _finding(tokens[first - 1][1] if left else start, tokens[after][2] if right else end,
                    "parenthetical-commas", f"«{phrase}» — вставне слово: його виділяють комами.", fix)


# --- a colon after «а саме» before a list ----------------------------------------------------------------

def _namely_colon(text: str, tokens: list[Token], index: int) -> Finding | None:
    if index + 2 >= len(tokens) or tokens[index + 1][0] != "саме":
        return None
    start, end = tokens[index][1], tokens[index + 1][2]
    if not _bare_gap(text, tokens[index][2], tokens[index + 1][1]) or not _bare_gap(text, end, tokens[index + 2][1]):
        return None
    if not _only(tokens[index + 2][0], "NOUN", "ADJF", "NUMR", "PREP"):
        return None
    rest = _SENTENCE_REST_RE.match(text, end)
    following = rest.group() if rest else ""
    if "," not in following and not any(f" {c} " in following for c in LIST_CONJUNCTIONS):
        return None  # no list follows: «а саме в березні» is a clarification
    return _finding(start, end, "namely-colon", "Після «а саме» перед переліком ставлять двокрапку.", "а саме:")


# --- no comma after a circumstance opening a sentence ---------------------------------------------------

def _circumstance_comma(text: str, tokens: list[Token], index: int) -> Finding | None:
    count = len(tokens)
    if not _sentence_start(text, tokens, index):
        return None
    key = _key(tokens[index][0])
    if key in CIRCUMSTANCE_OPENING_CONJUNCTIONS and index + 1 < count \
            and _bare_gap(text, tokens[index][2], tokens[index + 1][1]):
        index += 1
        key = tokens[index][0]
    if key not in CIRCUMSTANCE_PREPOSITIONS:
        return None
    if index + 1 < count and f"{key} {_key(tokens[index + 1][0])}" in SET_OFF_OPENINGS:
        return None
    comma = _circumstance_end(text, tokens, index)
    if comma is None or _resolution_follows(tokens, comma):
        return None
    last = tokens[comma - 1]
    return _finding(last[1], text.index(",", last[2]) + 1, "no-comma-after-circumstance",
                    "Обставину на початку речення комою не відокремлюють.", last[0])


def _resolution_follows(tokens: list[Token], position: int) -> bool:
    """«Відповідно до статті 26 Закону …, міська рада вирішила:»: the formula of a resolution or an order,
    where the comma after the grounds is the drafting rule."""
    for ahead in range(position, min(position + 6, len(tokens))):
        word = tokens[ahead][0]
        if _key(word) in RESOLUTION_VERBS or (len(word) > 3 and word.isupper()):
            return True
    return False


def _circumstance_end(text: str, tokens: list[Token], index: int) -> int | None:
    """The index of the word after the comma that closes the circumstance opening at index, if that comma
    is not needed: the circumstance is nouns and adjectives only, and the sentence's core follows."""
    mark = _MARK_RE.search(text, tokens[index][2])
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
            if not _only(word, "NOUN", "ADJF", "NUMR") or _is_participle(word):
                return None
            inner = position
        elif marks and not marks.isdigit():
            return None
        if not _circumstance_word(word):
            return None
        if cases := _cases(word):
            last_case = cases
    return None


def _list_closed(tokens: list[Token], start: int, end: int) -> bool:
    return any(_key(tokens[p][0]) in LIST_CONJUNCTIONS for p in range(start, end))


@word_cache(65536)
def _circumstance_word(word: str) -> bool:
    key = _key(word)
    if key in _TRIGGERS or key in _CLAUSE_WORDS:
        return False
    if key in LIST_CONJUNCTIONS:
        return True
    found = _pos(word)
    if not found:
        return word[:1].isupper()  # a name or an abbreviation
    if _is_participle(word):
        return False
    return found <= {"NOUN", "ADJF", "NUMR", "PREP", "NPRO"}


def _clause_follows(text: str, tokens: list[Token], position: int, last_case: frozenset[str]) -> bool:
    """The word at position starts the sentence's core (a predicate, a subject, an agent), not an apposition,
    a list's next member or a clause set off by commas."""
    word = tokens[position][0]
    if not word.islower() or _opens_clause(text, tokens, position):
        return False
    for ahead in range(position, min(position + 3, len(tokens))):
        if _key(tokens[ahead][0]) in _TRIGGERS or _key(tokens[ahead][0]) in ("якого", "якої", "яких", "якому"):
            return False
    found = _pos(word)
    if not found or "GRND" in found or _is_participle(word) or found & {"CONJ", "PRCL", "PREP", "ADVB"}:
        return False
    if "VERB" not in found:
        if not found <= {"NOUN", "ADJF", "NPRO", "NUMR"}:
            return False
        shared = _cases(word) & last_case - {"voct"}
        if shared and not ("nomn" in _cases(word) and (shared <= {"accs"} or _subject_of_verb(tokens, position))):
            return False  # the same case: an apposition or the next member of a list
    return _verb_before_punctuation(text, tokens, position) or _verb_ahead(tokens, position)


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
    return any(_is_verb(tokens[p][0]) for p in range(position, min(position + 8, len(tokens))))


# --- the comma that closes a relative clause -----------------------------------------------------------

def _relative_clause_end(text: str, tokens: list[Token], index: int) -> Finding | None:
    """«Питання, що розглядали на нараді були …»: the clause's predicate, then the sentence's own, with no
    comma between; the comma goes before the second predicate."""
    if index < 1 or text[tokens[index - 1][2]:tokens[index][1]] != ", " or not _only(tokens[index - 1][0], "NOUN"):
        return None
    first_predicate = 0
    for position in range(index + 1, min(index + 24, len(tokens))):
        if not _bare_gap(text, tokens[position - 1][2], tokens[position][1]) \
                and not _number_gap(text, tokens[position - 1], tokens[position][1]):
            return None
        word = tokens[position][0]
        key = _key(word)
        if key in CLAUSE_STOPS or key in _TRIGGERS or key in _CLAUSE_WORDS:
            return None
        if not first_predicate:
            if _is_finite(word):
                first_predicate = position
            continue
        if position > first_predicate + 1 and _only(word, "VERB") and _only_finite(word):
            insert = position - 1 if tokens[position - 1][0] == "не" else position
            if insert <= first_predicate:
                return None
            before = tokens[insert - 1]
            head = text[before[1]:tokens[insert][1]].rstrip(" \t\u00a0")  # the word and a date after it
            return _finding(before[1], tokens[position][2], "relative-clause-end",
                            f"Підрядне речення закривають комою: кома перед «{tokens[insert][0]}».",
                            f"{head}, {text[tokens[insert][1]:tokens[position][2]]}")
    return None


def _number_gap(text: str, previous: Token, end: int) -> bool:
    """The gap after previous holds a date or a document's number, not a clause's border («від 17.09.2018 р.
    № 30-р»): digits, dots and «№» (a dot only after a digit or an abbreviation such as «р.»)."""
    gap = text[previous[2]:end]
    if not _NUMBER_GAP_RE.fullmatch(gap) or "\n" in gap:
        return False
    if "." in gap and not text[end:end + 1].islower() and not gap.rstrip(" \t\u00a0").endswith(("№", "-")):
        return False  # «… 2018 р. Голова …»: the dot ends the sentence
    return any(ch.isdigit() or ch == "№" for ch in gap) or previous[0] in NUMBER_ABBREVIATIONS and gap[:1] == "."


@word_cache(65536)
def _is_finite(word: str) -> bool:
    """Some parse of word is a finite verb or an impersonal «-но, -то» predicate."""
    return any(p.tag.POS == "VERB" and "infn" not in p.tag for p in parses(word))


@word_cache(65536)
def _only_finite(word: str) -> bool:
    """Every parse of word is a personal finite verb (no infinitive, no «-но, -то» form)."""
    found = parses(word)
    return bool(found) and all("infn" not in p.tag and "Impe" not in p.tag for p in found)


# --- no comma before «та», «і» closing a list ---------------------------------------------------------------

def _list_conjunction_comma(text: str, tokens: list[Token], index: int) -> Finding | None:
    """«питання архітектури, соціальні питання, питання служби дітей, та питання торгівлі»: the last member
    of a list of nouns is joined by «та» with no comma."""
    count = len(tokens)
    if not 1 < index < count - 1 or text[tokens[index - 1][2]:tokens[index][1]] != ", ":
        return None
    following = tokens[index + 1][0]
    if not _bare_gap(text, tokens[index][2], tokens[index + 1][1]) or not following.islower() \
            or _key(following) in LIST_STOPS or _key(following) in ("та", "і", "й") or not _plain_member(following):
        return None
    # the members before: the two segments between the commas are plain noun phrases
    plain = 0
    end = index - 1  # the last word before the comma
    position = end
    while plain < 2:
        start = position
        while start > 0 and _bare_gap(text, tokens[start - 1][2], tokens[start][1]):
            start -= 1
        if start == 0 or text[tokens[start - 1][2]:tokens[start][1]] != ", ":
            return None
        if not all(_plain_member(tokens[p][0]) for p in range(start, position + 1)) \
                or _key(tokens[start][0]) in LIST_STOPS or _key(tokens[start][0]) in LIST_CONJUNCTIONS:
            return None
        plain += 1
        position = start - 1
    # the member after: no verb up to the next mark
    for position in range(index + 1, min(index + 12, count)):
        if position > index + 1 and not _bare_gap(text, tokens[position - 1][2], tokens[position][1]):
            break
        if not _plain_member(tokens[position][0]):
            return None
    comma = tokens[index - 1]
    return _finding(comma[1], tokens[index][2], "list-conjunction-comma",
                    f"Перед «{tokens[index][0]}», що приєднує останній однорідний член, кома не потрібна.",
                    f"{comma[0]} {tokens[index][0]}")


@word_cache(65536)
def _plain_member(word: str) -> bool:
    """A word of a plain noun phrase: a noun, an adjective (not a participle), a numeral, a preposition or
    «та, і, й»; no verb, no clause word, no name."""
    key = _key(word)
    if key in _TRIGGERS or key in _CLAUSE_WORDS or key in LIST_STOPS:
        return False
    if key in ("та", "і", "й"):
        return True
    found = _pos(word)
    return bool(found) and word.islower() and found <= {"NOUN", "ADJF", "NUMR", "PREP"} and not _is_participle(word)


# --- no commas around «відповідно до …» inside a clause -----------------------------------------------------

def _according_commas(text: str, tokens: list[Token], index: int) -> Finding | None:
    """«рішення, які, відповідно до регламенту, будуть …»: the phrase right after the clause's relative word
    is not set off."""
    count = len(tokens)
    if not 2 <= index < count - 2 or text[tokens[index - 1][2]:tokens[index][1]] != ", ":
        return None
    if _key(tokens[index - 1][0]) not in RELATIVE_WORDS:
        return None
    linked = _key(tokens[index + 1][0])
    if (_key(tokens[index][0]), linked) not in (("відповідно", "до"), ("згідно", "з"), ("згідно", "із")):
        return None
    for position in range(index + 2, min(index + 14, count)):
        gap = text[tokens[position - 1][2]:tokens[position][1]]
        word = tokens[position][0]
        if gap == ", ":
            if not _is_verb(word) or not word.islower():
                return None
            relative = tokens[index - 1]
            span = text[relative[1]:tokens[position][2]]
            first_comma = tokens[index - 1][2] - relative[1]
            last_comma = tokens[position - 1][2] - relative[1]
            fix = span[:first_comma] + span[first_comma + 1:last_comma] + span[last_comma + 1:]
            return _finding(relative[1], tokens[position][2], "according-commas",
                            f"Зворот «{tokens[index][0]} {tokens[index + 1][0]} …» тут комами не відокремлюють.", fix)
        if gap.strip(" \t\u00a0") and not gap.strip(" \t\u00a0«»\"").isdigit() and gap.strip() not in ("«", "»"):
            return None
        if not (_circumstance_word(word) and not _is_verb(word)):
            return None
    return None


# --- no colon between «на тему», «під назвою» and the title in quotes -----------------------------------

def _title_colon(text: str, tokens: list[Token], index: int) -> Finding | None:
    """«семінар на тему: «…»»: the title is part of the sentence, no colon before it."""
    word, start, end = tokens[index]
    if index == 0 or _key(tokens[index - 1][0]) not in TITLE_HEADS.get(_key(word), ()):
        return None
    if not _bare_gap(text, tokens[index - 1][2], start) or not text.startswith(":", end):
        return None
    after = end + 1
    while after < len(text) and text[after] in " \t\u00a0":
        after += 1
    if not text.startswith(("«", "„", '"'), after):
        return None
    return _finding(start, end + 1, "title-colon",
                    f"Після «{tokens[index - 1][0]} {word}» перед назвою в лапках двокрапку не ставлять.", word)


# --- a comma after a gerund phrase opening a sentence ------------------------------------------------------

def _gerund_comma(text: str, tokens: list[Token], index: int) -> Finding | None:
    """«Обговорюючи питання порядку денного детально зупинилися …»: the phrase of a gerund opening a sentence
    is closed by a comma before the predicate (the fix only where the place is clear: the phrase is the
    gerund, its object and words in oblique cases, then an adverb or the verb)."""
    if not _sentence_start(text, tokens, index) or "GRND" not in _pos(tokens[index][0]) \
            or not _only(tokens[index][0], "GRND"):
        return None
    for position in range(index + 1, min(index + 12, len(tokens))):
        if not _bare_gap(text, tokens[position - 1][2], tokens[position][1]):
            return None
        word = tokens[position][0]
        if _only(word, "VERB") and _only_finite(word):
            insert = position - 1 if _only(tokens[position - 1][0], "ADVB") else position
            if tokens[insert - 1][0] == "не":
                insert -= 1
            if insert <= index + 1:
                return None
            before = tokens[insert - 1]
            return _finding(before[1], tokens[position][2], "gerund-phrase-comma",
                            "Дієприслівниковий зворот на початку речення відокремлюють комою.",
                            f"{before[0]}, {text[tokens[insert][1]:tokens[position][2]]}")
        key = _key(word)
        if key in CLAUSE_STOPS or key in _TRIGGERS or key in _CLAUSE_WORDS or not word.islower():
            return None
        found = _pos(word)
        if found & {"VERB", "GRND", "CONJ", "PRCL"} or not found or _is_participle(word):
            return None
        if position > index + 1 and "ADVB" not in found and "nomn" in _cases(word):
            return None  # perhaps the subject: where the phrase ends is not clear
        if "ADVB" in found and position + 1 < len(tokens) and not _is_verb(tokens[position + 1][0]):
            return None
    return None


# --- the comma that closes a date after «Сьогодні, …» -----------------------------------------------------

def _date_apposition_comma(text: str, tokens: list[Token], index: int) -> Finding | None:
    """«Сьогодні, 22 листопада 2021 року голова …»: a date that explains «сьогодні», «у понеділок» is set off
    by two commas; the opening one is there, the closing one is missing."""
    word = tokens[index][0]
    if word[0].isupper():
        if not _sentence_start(text, tokens, index):
            return None
    elif index == 0 or tokens[index - 1][0] not in ("У", "В") or not _sentence_start(text, tokens, index - 1):
        return None  # «У понеділок, 5 травня …» opening a sentence
    match = _DATE_APPOSITION_RE.match(text, tokens[index][2])
    if match is None or _key(match.group("next")) in DATE_CONTINUATIONS:
        return None
    last = match.group("last")
    at = match.start("last")
    return _finding(at, match.end("next"), "date-apposition-comma",
                    "Дату, що уточнює час, відокремлюють комами з обох боків: бракує коми після неї.",
                    f"{last}, {match.group('next')}")


# --- no comma before «як» meaning «у ролі» ------------------------------------------------------------------

def _role_as_comma(text: str, tokens: list[Token], index: int) -> Finding | None:
    """«значенні громадської організації, як важливого елементу.»: «як» in the sense «у ролі» joins a noun
    in the same case, with no comma (a comparison «такі міста, як Київ» keeps its comma)."""
    count = len(tokens)
    if not 1 <= index < count - 1 or text[tokens[index - 1][2]:tokens[index][1]] != ", ":
        return None
    noun, following = tokens[index - 1][0], tokens[index + 1][0]
    if not noun.islower() or not _only(noun, "NOUN") or not following.islower():
        return None
    if not _bare_gap(text, tokens[index][2], tokens[index + 1][1]) or _is_participle(following) \
            or not _only(following, "ADJF", "NOUN"):
        return None
    if not _cases(noun) & _cases(following) & {"gent", "datv", "ablt", "loct"}:
        return None
    if any(_key(tokens[p][0]) in COMPARISON_HEADS for p in range(max(0, index - 5), index)):
        return None  # «таких організацій, як …»: a comparison
    for position in range(index + 1, min(index + 8, count + 1)):
        if position == count:
            break
        gap = text[tokens[position - 1][2]:tokens[position][1]]
        if position > index + 1 and not _bare_gap(text, tokens[position - 1][2], tokens[position][1]):
            if gap.strip(" \t\u00a0")[:1] not in (".", ";", "!"):
                return None  # the phrase goes on or is closed by a comma of its own
            break
        word = tokens[position][0]
        if not word.islower() or not _pos(word) or _pos(word) & {"VERB", "GRND", "CONJ", "ADVB", "PRCL"} \
                or _key(word) in _TRIGGERS:
            return None
    else:
        return None
    start = tokens[index - 1][1]
    return _finding(start, tokens[index][2], "role-as-comma",
                    "«Як» у значенні «у ролі» комою не відокремлюють.", f"{noun} {tokens[index][0]}")


# --- a comma before «то» after «Якщо …», before «так і» after «як …» --------------------------------------

def _correlative_comma(text: str, tokens: list[Token], index: int) -> Finding | None:
    """«Якщо кошти надійдуть то ремонт завершать»: the clause opened by «якщо», «коли», «хоча» ends before
    its «то»; «як у місті так і в селах»: the second part of «як …, так і …» takes a comma."""
    count = len(tokens)
    if not 1 <= index < count - 1:
        return None
    word = tokens[index][0]
    previous = tokens[index - 1]
    if not _bare_gap(text, previous[2], tokens[index][1]) or not _bare_gap(text, tokens[index][2], tokens[index + 1][1]):
        return None
    following = _key(tokens[index + 1][0])
    if _key(previous[0]) in CONTRAST_EXCEPTIONS or _key(previous[0]) in ("так", "як"):
        return None
    if word == "то":
        if following in ("є", "що", "й", "і", "ж", "чи"):
            return None
        heads, reach = CORRELATIVE_HEADS, 20
    else:  # «так і»
        if following not in ("і", "й") or index + 2 >= count or _key(tokens[index + 2][0]) in ("не", "було", "є"):
            return None
        heads, reach = frozenset({"як"}), 10
    for position in range(index - 1, max(-1, index - reach), -1):
        key = _key(tokens[position][0])
        if key in heads and position < index - 1 \
                and (word == "то" and _sentence_start(text, tokens, position) or word == "так"):
            if word == "так" and position and _key(tokens[position - 1][0]) in COMPARISON_HEADS:
                return None
            return _finding(previous[1], tokens[index][2], "correlative-comma",
                            f"Перед «{word}» потрібна кома: тут закінчується перша частина речення.",
                            f"{previous[0]}, {word}")
        if position and not _bare_gap(text, tokens[position - 1][2], tokens[position][1]):
            return None  # a mark between: the pair is not plain, let it be
    return None


# --- a comma after «За словами …», «На думку …» opening a sentence ---------------------------------------

def _source_phrase_comma(text: str, tokens: list[Token], index: int) -> Finding | None:
    """«За словами голови громади у селі відкрили укриття»: the phrase that names the source is
    parenthetical; it ends where its chain of genitives ends, and a comma closes it."""
    count = len(tokens)
    word = _key(tokens[index][0])
    head = index - 1
    if head >= 0 and _key(tokens[head][0]) in SOURCE_POSSESSIVES:
        head -= 1
    if head < 0 or (_key(tokens[head][0]), word) not in SOURCE_PHRASES or not tokens[head][0][0].isupper() \
            or not _sentence_start(text, tokens, head):
        return None
    if any(not _bare_gap(text, tokens[p][2], tokens[p + 1][1]) for p in range(head, index)):
        return None
    chain = -1 if head < index - 1 else 0  # «За його словами»: no genitive follows
    position = index + 1
    while position < count and position - index < 12:
        if not _bare_gap(text, tokens[position - 1][2], tokens[position][1]):
            return None  # a comma is there already, or a mark this rule does not read
        current = tokens[position][0]
        if chain >= 0 and (not current.islower() and position > index or "gent" in _cases(current)):
            chain += 1
            position += 1
            continue
        if chain == 0:
            return None  # «За словами» with no one named
        found = _pos(current)
        if not found or found & {"CONJ", "PRCL"} or _key(current) in _TRIGGERS or _key(current) in _CLAUSE_WORDS:
            return None
        if "VERB" in found and chain > 1:
            return None  # «За даними поліції постраждалих немає»: the clause may begin inside the chain
        if not _verb_before_punctuation(text, tokens, position):
            return None  # «За словами голови бюджетну комісії, …»: the phrase ends at the comma after it
        before = tokens[position - 1]
        return _finding(before[1], tokens[position][2], "source-phrase-comma",
                        f"Зворот «{tokens[head][0]} {' '.join(t[0] for t in tokens[head + 1:index + 1])} …» вставний: "
                        "після нього потрібна кома.", f"{before[0]}, {current}")
    return None


# --- the words each rule starts from --------------------------------------------------------------------

_Rule = Callable[[str, list[Token], int], "Finding | None"]


def _rules_by_word() -> dict[str, tuple[_Rule, ...]]:
    table: dict[str, list[_Rule]] = {}

    def add(words: frozenset[str] | set[str], rule: _Rule) -> None:
        for word in words:
            table.setdefault(word, []).append(rule)

    add(_TRIGGERS, _subordinate_comma)
    add(CONTRAST, _contrast_comma)
    add({w.capitalize() for w in NO_COMMA_OPENERS}, _opener_comma)
    firsts = {phrase[0] for phrase in _PARENTHETICAL_PHRASES}
    add(firsts | {w.capitalize() for w in firsts}, _parenthetical_comma)
    add(RELATIVE_FORMS, _preposition_relative_comma)
    add({"а"}, _namely_colon)
    add(set(TITLE_HEADS), _title_colon)
    add(DATE_HEADS, _date_apposition_comma)
    add({"як"}, _role_as_comma)
    add({"то", "так"}, _correlative_comma)
    add({phrase[1] for phrase in SOURCE_PHRASES}, _source_phrase_comma)
    add({"який", "яка", "яке", "які", "що"}, _relative_clause_end)
    add({"та", "і", "й"}, _list_conjunction_comma)
    add({"відповідно", "згідно"}, _according_commas)
    add({w.capitalize() for w in CIRCUMSTANCE_PREPOSITIONS | CIRCUMSTANCE_OPENING_CONJUNCTIONS}, _circumstance_comma)
    return {word: tuple(rules) for word, rules in table.items()}


_RULES_BY_WORD = _rules_by_word()
