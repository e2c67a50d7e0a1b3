"""The punctuation layer's word lists, patterns and per-word helpers: the subordinators, contrast
conjunctions, parenthetical words, openers and the other lists its rules start from or stop at, the regexes
they share, and the cached per-word look-ups (parts of speech, cases, lemmas, a normalised key), the gap and
sentence-start tests and the Finding constructor. The parenthetical words and contrast conjunctions with
their exceptions follow LanguageTool's Ukrainian rules (languagetool-org/languagetool,
languagetool-language-modules/uk/src/main/resources/org/languagetool/rules/uk/grammar-punctuation.xml,
commit 01f9a7abbdab36674992b5d65eb40ad78162631b; LGPL-2.1, the licence text is
desktop/resources/proofing/languagetool/data/LICENSE-LGPL-2.1.txt)."""

from __future__ import annotations

import re

from desktop.language.finding import Finding
from desktop.language.grammar import parses
from desktop.language.grammar_words import features
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

SENTENCE_END = ".!?…"
APOSTROPHES = str.maketrans({"’": "'", "ʼ": "'"})
TRIGGERS = SUBORDINATORS | {"хто"}
CLAUSE_WORDS = frozenset(p for p in CLAUSE_OR_PARENTHETICAL if " " not in p)
CLAUSE_PHRASES = tuple(p for p in CLAUSE_OR_PARENTHETICAL if " " in p)
PARENTHETICAL_PHRASES = frozenset(tuple(p.split()) for p in PARENTHETICAL)

SPACE = "[ \t\u00a0]+"
DATE_APPOSITION_RE = re.compile(
    ",[ \t\u00a0]+\\d{1,2}" + SPACE + "(?P<last>(?:" + "|".join(MONTHS_GENITIVE) + ")(?:" + SPACE
    + "\\d{4}" + SPACE + "року)?)" + SPACE + "(?P<next>[^\\W\\d_]+(?:['’ʼ\\-][^\\W\\d_]+)*)(?![.\\w])")
NUMBER_GAP_RE = re.compile(r"(?:[ \t\u00a0./№\-]|\d(?:,\d)?)+")
MARK_RE = re.compile(r"[,.!?;:()\n—–]")
SENTENCE_REST_RE = re.compile(r"[^.!?;\n]{0,400}")

@word_cache(65536)
def pos_of(word: str) -> frozenset[str]:
    """The parts of speech of word's dictionary parses (empty for an unknown word), read from their
    features (one for each parse: str(p.tag.POS), None as «None»)."""
    return frozenset([str(f[0]) for f in features(word)])


@word_cache(65536)
def cases_of(word: str) -> frozenset[str]:
    return frozenset([f[1] for f in features(word) if f[1]])  # str(p.tag.case) of each parse that has one


# The grammemes of a participle; in the dictionary only adjective (ADJF) tags have them.
PARTICIPLE_GRAMMEMES = frozenset(("pssv", "actv"))


@word_cache(65536)
def is_participle(word: str) -> bool:
    # the parts of speech first (read from the features, primed for the whole text): a word with no
    # adjective parse needs no look at its tags
    return "ADJF" in pos_of(word) and any(not PARTICIPLE_GRAMMEMES.isdisjoint(p.tag.grammemes) for p in parses(word))


@word_cache(65536)
def lemmas_of(word: str) -> frozenset[str]:
    return frozenset(p.normal_form for p in parses(word))


@word_cache(65536)
def key_of(word: str) -> str:
    return word.lower().replace("’", "'").replace("ʼ", "'")  # APOSTROPHES; replace() is quicker than translate()


def only(word: str, *allowed: str) -> bool:
    found = pos_of(word)
    return bool(found) and found <= set(allowed)


def is_verb(word: str) -> bool:
    return "VERB" in pos_of(word)


def finding(start: int, end: int, rule: str, message: str, fix: str) -> Finding:
    return Finding(start, end, KIND, rule, message, (fix,))

def bare_gap(text: str, start: int, end: int) -> bool:
    """Only spaces between two words (no punctuation, no line break)."""
    gap = text[start:end]
    return gap == " " or (gap != "" and not gap.strip(" \t\u00a0"))


def sentence_start(text: str, tokens: list[Token], index: int) -> bool:
    if index == 0:
        return not text[:tokens[0][1]].strip(" \t\u00a0«\"(") or any(ch in text[:tokens[0][1]] for ch in "\n.!?")
    before = text[tokens[index - 1][2]:tokens[index][1]]
    return any(ch in before for ch in SENTENCE_END + "\n")

def verb_before_punctuation(text: str, tokens: list[Token], index: int) -> bool:
    """A verb among the words from index up to the next punctuation mark or the sentence's end."""
    for position in range(index, min(index + 40, len(tokens))):
        if position > index and text[tokens[position - 1][2]:tokens[position][1]].strip(" \t\u00a0«»\""):
            return False
        if is_verb(tokens[position][0]):
            return True
    return False
