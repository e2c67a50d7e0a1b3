"""The grammar layer's word rules: each starts at a word of a role (a bit) and looks at the words after
it. Every word's parses and role are cached per word; a rule flags only when every parse disagrees."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path

from desktop.language import analysis
from desktop.language.finding import Finding
from desktop.language.inflection import morph
from desktop.language.word_cache import register, word_cache
from desktop.language.words import Token
from desktop.paths import resource

GRAMMAR_DIR = resource("proofing", "grammar")

FEW_WORDS = frozenset(("два", "дві", "три", "чотири", "обидва", "обидві"))
MANY_WORDS = frozenset(("п'ять", "шість", "сім", "вісім", "дев'ять", "десять", "одинадцять", "дванадцять",
                        "двадцять", "тридцять", "сорок", "п'ятдесят", "сто"))
COUNT_NOUNS = frozenset(("сотні", "сотень", "тисячі", "тисяч", "десятки", "десятків"))
PREPOSITIONS = frozenset(("по", "згідно", "у", "в", "за", "з", "до"))
EVENT_VERBS = frozenset(("відбутися", "відбуватися", "розпочатися", "розпочинатися", "початися", "починатися",
                         "завершитися", "завершуватися", "закінчитися", "закінчуватися", "відкритися"))
# words of time and measure that follow an event verb as an adverbial («відбулася місяць тому»)
_TIME_NOUNS = frozenset(("місяць", "рік", "тиждень", "день", "година", "хвилина", "ніч", "вечір", "ранок", "раз"))
# words after which a verb goes in the infinitive («треба писати», «повинен їхати»)
MODALS = frozenset(("треба", "варто", "повинен", "повинна", "повинно", "повинні", "потрібно", "необхідно", "можна"))
_BE_FORMS = frozenset(("бути", "було", "буде", "будуть", "був", "була", "були", "б", "би"))
FUTURE_BE = frozenset(("буду", "будеш", "буде", "будемо", "будете", "будуть"))
_MODAL_BEFORE_FUTURE = MODALS | frozenset(("слід", "доведеться", "довелося", "змога", "мусить", "не"))
# the head of a department governs the genitive: «завідувач відділу», not «відділом»
HEADS = frozenset(("завідувач", "завідувача", "завідувачу", "завідувачеві", "завідувачем", "завідувачі",
                   "завідувачів", "завідувачам", "завідувачами", "завідувачка", "завідувачки", "завідувачці",
                   "завідувачку", "завідувачкою", "зав", "завідуючий", "завідуючого", "завідуючому", "завідуючим",
                   "завідуюча", "завідуючої", "завідуючій", "завідуючу", "завідуючою", "завідуючі", "завідуючих",
                   "завідуючими"))
TEACH_VERBS = frozenset(("навчати", "навчити", "навчатися", "навчитися", "навчатись", "навчитись", "вчити", "вчитися",
                         "научити", "научитися"))
FOCUS_VERBS = frozenset(("зосередити", "зосереджувати", "зосередитися", "зосереджуватися", "сконцентрувати",
                         "концентрувати", "сконцентруватися", "концентруватися"))
_PERSONAL = frozenset(("йому", "їй", "їм", "мені", "тобі", "нам", "вам", "собі"))
# «напрямок» is a direction in space; a field of work is «напрям» («за напрямами діяльності»)
_FIELD_NOUNS = frozenset(("діяльність", "робота", "розвиток", "співпраця", "співробітництво", "політика",
                          "дослідження", "підготовка", "фінансування", "реформа", "допомога", "підтримка"))
_FIELD_ADJECTIVES = frozenset(("основний", "пріоритетний", "головний", "стратегічний", "ключовий", "перспективний",
                               "окремий", "різний", "інший", "всіх", "визначений"))
# verbs after which «у/в» + an office is «до»: «звернутися до управління»
SEND_VERBS = frozenset(("звернутися", "звертатися", "звернутись", "звертатись", "скерувати", "скеровувати",
                        "направити", "направляти", "надіслати", "надсилати"))
_OFFICES = frozenset(("управління", "відділ", "департамент", "міністерство", "служба", "прокуратура", "адміністрація",
                      "суд", "поліція", "комісія", "центр", "інспекція", "рада", "виконком", "фонд", "агенція"))
# verbs whose «-но/-то» form takes a role in the instrumental: «його обрано головою»
_ROLE_VERBS = frozenset(("обрати", "призначити", "визнати", "назвати", "оголосити", "вважати", "затвердити",
                         "обирати", "призначати", "визнавати", "називати", "зарахувати", "залучити", "представити",
                         "нагородити", "відзначити", "відрядити", "ввести", "запросити", "переобрати", "делегувати"))
_ABLT_PRONOUNS = frozenset(("ним", "нею", "ними", "мною", "тобою", "нами", "вами"))
_STOP = ".;:!?\n"


def _table(name: str) -> dict[str, str]:
    rows: dict[str, str] = {}
    path: Path = GRAMMAR_DIR / name
    lines = [line for line in path.read_text(encoding="utf-8").splitlines() if line and not line.startswith("#")]
    for line in lines[1:]:
        key, value = line.split("\t")[:2]
        rows[key] = value
    return rows


PARTICIPLES = _table("participles.tsv")
COUNT_FORMS = _table("count_forms.tsv")


def key(word: str) -> str:
    return word.lower().replace("’", "'").replace("ʼ", "'")


@word_cache(65536)
def parses(word: str) -> tuple:
    """pymorphy3's known (dictionary) parses of word, cached per word."""
    return analysis.known(key(word))


Features = tuple[str | None, str | None, str | None, str | None, bool, str, bool]


# word as written -> its features (a dict, not an lru_cache: prime_features fills it for a whole text at once)
_FEATURES: dict[str, tuple[Features, ...]] = {}
register(_FEATURES)
_FEATURES_LIMIT = 65536
# pymorphy3's tag id -> (POS, case, number, gender, indeclinable, animate): dictionary data, kept
_TAG_FEATURES: dict[int, tuple[str | None, str | None, str | None, str | None, bool, bool]] = {}
register(_TAG_FEATURES)


def features(word: str) -> tuple[Features, ...]:
    """Each known parse as (POS, case, number, gender, indeclinable, lemma, animate), cached per word."""
    found = _FEATURES.get(word)
    if found is None:
        found = _features_of(word)
        if len(_FEATURES) >= _FEATURES_LIMIT:
            _FEATURES.clear()
        _FEATURES[word] = found
    return found


def prime_features(words: Iterable[str]) -> None:
    """Computes the features of words (as written) not cached yet, the dictionary read once for all."""
    new = [word for word in words if word not in _FEATURES]
    if not new:
        return
    if len(_FEATURES) + len(new) > _FEATURES_LIMIT:
        _FEATURES.clear()
    analysis.prime({key(word) for word in new})
    for word in new:
        _FEATURES[word] = _features_of(word)


def _features_of(word: str) -> tuple[Features, ...]:
    """word's features from its dictionary entries (pymorphy3's parse for a word not read directly)."""
    entries = analysis.entries(key(word))
    if entries is None:
        return tuple((_plain(p.tag.POS), _plain(p.tag.case), _plain(p.tag.number), _plain(p.tag.gender),
                      "Fixd" in p.tag, p.normal_form, p.tag.animacy == "anim") for p in parses(word))
    tag_features, form, lemma = _TAG_FEATURES, analysis.form, analysis.lemma
    found = []
    for spelling, paradigm_id, index in entries:
        info = form(paradigm_id, index)
        fields = tag_features.get(info[0])
        if fields is None:
            tag = morph().dictionary.gramtab[info[0]]
            fields = tag_features[info[0]] = (_plain(tag.POS), _plain(tag.case), _plain(tag.number),
                                              _plain(tag.gender), "Fixd" in tag, tag.animacy == "anim")
        pos, case, number, gender, fixed, animate = fields
        found.append((pos, case, number, gender, fixed, lemma(spelling, index, info), animate))
    return tuple(found)


def _plain(grammeme: object) -> str | None:
    """pymorphy3's grammeme as a plain str (its own compares slowly, in Python)."""
    return None if grammeme is None else str(grammeme)


@word_cache(65536)
def is_pos(word: str, pos: str) -> bool:
    found = features(word)
    return bool(found) and all(pos == f[0] for f in found)


def _cases(word: str, pos: str | None = None) -> set[str | None]:
    return {f[1] for f in features(word) if pos is None or f[0] == pos}


def match_case(model: str, word: str) -> str:
    word = word.replace("'", "’") if "’" in model or "'" not in model else word
    if model.isupper() and len(model) > 1:
        return word.upper()
    return word[:1].upper() + word[1:] if model[:1].isupper() else word


def inflect(word: str, grammemes: set[str], pos: str = "NOUN") -> str | None:
    """The one form of word's parses of pos with grammemes, None when there is none or several."""
    return _inflect(word, frozenset(grammemes), pos)


@word_cache(16384)
def _inflect(word: str, grammemes: frozenset[str], pos: str) -> str | None:
    forms = set()
    for p in parses(word):
        if pos == p.tag.POS:
            form = analysis.inflected(p, grammemes)
            if form is not None:
                forms.add(form)
    return match_case(word, forms.pop()) if len(forms) == 1 else None


def _lemma_form(lemma: str, grammemes: set[str], pos: str) -> str | None:
    return _lemma_form_cached(lemma, frozenset(grammemes), pos)


@word_cache(4096)
def _lemma_form_cached(lemma: str, grammemes: frozenset[str], pos: str) -> str | None:
    forms = {f.word for p in morph().parse(lemma) if p.is_known and pos == p.tag.POS and p.normal_form == lemma
             if (f := p.inflect(grammemes)) is not None}
    return forms.pop() if len(forms) == 1 else None


def _finding(start: int, end: int, rule: str, message: str, fix: str | None) -> Finding:
    return Finding(start, end, "grammar", rule, message, (fix,) if fix else ())


def _next(text: str, tokens: list[Token], index: int) -> Token | None:
    """The word right after tokens[index], when only a space parts them."""
    if index + 1 >= len(tokens):
        return None
    following = tokens[index + 1]
    return following if not text[tokens[index][2]:following[1]].strip() else None


def _lemmas(word: str) -> set[str]:
    return {f[5] for f in features(word)}


# ---- numerals ----------------------------------------------------------------------------------

def _numeral(text: str, tokens: list[Token], index: int) -> list[Finding]:
    few = key(tokens[index][0]) in FEW_WORDS
    fix: str | None
    noun = _next(text, tokens, index)
    if noun is None:
        return []
    word, start, end = noun
    found = features(word)
    if not found or not word.islower():
        return []
    if few and (all(f[0] == "ADJF" for f in found) or (any(f[0] == "ADJF" and f[5] in _FRACTIONS for f in found)
                                                      and any(f[0] == "ADJF" and f[2] == "plur" for f in found))):
        return _few_adjective(text, tokens, index + 1)
    if not all(f[0] == "NOUN" for f in found) or any(f[5] in ("рік", "раз") for f in found):
        return []
    if not few and key(word) in COUNT_FORMS:
        fix = match_case(word, COUNT_FORMS[key(word)])
        return [_finding(start, end, "numeral-many", f"Після числівників від п’яти — родовий відмінок множини: «{fix}».", fix)]
    if few and not any(f[2] == "plur" for f in found) and any(f[1] == "gent" for f in found):
        fix = inflect(word, {"plur", "nomn"})
        if fix:
            return [_finding(start, end, "numeral-few", f"Після числівників 2–4 іменник у називному відмінку множини: «{fix}».", fix)]
    if not few and not any(f[2] == "plur" and f[1] == "gent" for f in found):
        if any(f[5] in ("сотня", "тисяча", "десяток") for f in found):
            return []  # «двадцять сотень»: a count of its own
        fix = inflect(word, {"plur", "gent"})
        if fix:
            return [_finding(start, end, "numeral-many", f"Після числівників від п’яти іменник у родовому відмінку множини: «{fix}».", fix)]
    return []


_FRACTIONS = frozenset(("другий", "третій", "четвертий", "п'ятий", "шостий", "сьомий", "восьмий", "дев'ятий",
                        "десятий", "сотий", "тисячний"))


def _few_adjective(text: str, tokens: list[Token], index: int) -> list[Finding]:
    """2–4, an adjective, a noun: «дві селекторних наради» → «дві селекторні наради», «обидва синіх
    автомобіля» → «автомобілі», «два десятих відсотки» → «відсотка» (a fraction: the genitive singular)."""
    adjective, a_start, a_end = tokens[index]
    noun = _next(text, tokens, index)
    if noun is None:
        return []
    word, start, end = noun
    nouns = features(word)
    adjectives = features(adjective)
    if not nouns or not word.islower() or not all(f[0] == "NOUN" for f in nouns) or any(f[4] for f in nouns):
        return []
    if all(f[5] in _FRACTIONS for f in adjectives if f[0] == "ADJF") and any(f[0] == "ADJF" for f in adjectives) \
            and all(f[2] == "plur" for f in adjectives if f[0] == "ADJF"):
        if all(f[2] == "plur" for f in nouns) and not any(f[1] == "gent" for f in nouns):
            fix = singular_genitive(word)
            if fix:
                return [_finding(start, end, "numeral-fraction", f"Після дробу іменник у родовому відмінку однини: «{fix}».", fix)]
        return []
    if not all(f[2] == "plur" and f[0] == "ADJF" for f in adjectives):
        return []
    if not any(f[2] == "plur" for f in nouns) and any(f[1] == "gent" for f in nouns):
        fix = inflect(word, {"plur", "nomn"})
        if fix:
            return [_finding(start, end, "numeral-few", f"Після числівників 2–4 іменник у називному відмінку множини: «{fix}».", fix)]
        return []
    if (all(f[1] == "gent" or f[1] in ("accs", "loct") for f in adjectives) and not any(f[1] == "nomn" for f in adjectives)
            and all(f[3] == "femn" or (f[2] == "plur" and f[1] in ("nomn", "accs", "voct")) for f in nouns)
            and any(f[3] == "femn" for f in nouns) and any(f[1] == "nomn" and f[2] == "plur" for f in nouns)):
        fix = inflect(adjective, {"plur", "nomn"}, "ADJF")
        if fix:
            return [_finding(a_start, a_end, "numeral-adjective",
                             f"Між числівниками 2–4 та іменником жіночого роду прикметник у називному відмінку: «{fix}».", fix)]
    return []


@word_cache(16384)
def singular(word: str, case: str, pos: str = "NOUN") -> str | None:
    """The singular form in case of word's parses of pos (their lexeme's gender), None unless one."""
    forms = set()
    for p in parses(word):
        gender = p.lexeme[0].tag.gender if p.lexeme else None
        if pos == p.tag.POS and gender:
            form = p.inflect({case, gender})
            if form is not None and form.tag.number != "plur":
                forms.add(form.word)
    return match_case(word, forms.pop()) if len(forms) == 1 else None


@word_cache(16384)
def singular_genitive(word: str) -> str | None:
    forms = set()
    for p in parses(word):
        gender = p.lexeme[0].tag.gender if p.lexeme else None
        form = p.inflect({"gent", gender}) if gender else None
        if form is not None and form.tag.number != "plur":
            forms.add(form.word)
    return match_case(word, forms.pop()) if len(forms) == 1 else None


def _count_noun(text: str, tokens: list[Token], index: int) -> list[Finding]:
    """«дві сотні солдат» → «солдатів»."""
    following = _next(text, tokens, index)
    if following is None:
        return []
    if key(following[0]) not in COUNT_FORMS:
        following = _next(text, tokens, index + 1) if _is_adjective(following[0]) else None
    if following is None or key(following[0]) not in COUNT_FORMS:
        return []
    word, start, end = following
    fix = match_case(word, COUNT_FORMS[key(word)])
    return [_finding(start, end, "numeral-many", f"Після «{tokens[index][0]}» — родовий відмінок множини: «{fix}».", fix)]


def _one_and_half(text: str, tokens: list[Token], index: int) -> list[Finding]:
    """«півтора» with a masculine or neuter noun, «півтори» with a feminine one; the noun in the genitive singular."""
    numeral, n_start, n_end = tokens[index]
    noun = _next(text, tokens, index)
    if noun is None:
        return []
    word, start, end = noun
    found = features(word)
    if not found or not all(f[0] == "NOUN" for f in found) or any(f[4] for f in found) or not word.islower():
        return []
    if any(f[5] == "раз" for f in found):
        return []  # «півтора рази»
    genders = {f[3] for f in found if f[2] != "plur" and f[3]}
    lexeme_genders = {_plain(p.lexeme[0].tag.gender) for p in parses(word) if p.lexeme}
    if not lexeme_genders or None in lexeme_genders or ("femn" in lexeme_genders and len(lexeme_genders) > 1):
        return []
    gender = "femn" if "femn" in lexeme_genders else "masc"
    right = "півтори" if gender == "femn" else "півтора"
    if not any(f[1] == "gent" and f[2] != "plur" for f in found):
        fix = singular(word, "gent")
        if fix and (gender == "femn") == (key(numeral) == "півтори"):
            return [_finding(start, end, "numeral-one-and-half", f"Після «{numeral}» іменник у родовому відмінку однини: «{fix}».", fix)]
        return []
    if genders and key(numeral) != right:
        fix = match_case(numeral, right)
        return [_finding(n_start, n_end, "numeral-one-and-half",
                         f"«Півтори» — з іменниками жіночого роду, «півтора» — з іншими: «{fix} {word}».", fix)]
    return []


# ---- prepositions ------------------------------------------------------------------------------

def _preposition(text: str, tokens: list[Token], index: int) -> list[Finding]:
    word, start, _end = tokens[index]
    lower = word.lower()
    following = _next(text, tokens, index)
    if following is None:
        return _at_hour(text, tokens, index) if lower in ("у", "в") and index + 2 < len(tokens) else []
    if not _prep_candidate(lower, following[0]):
        return []
    noun, noun_start, noun_end = following
    if lower == "по":
        return _po(text, tokens, index)
    if lower == "згідно":
        return _zghidno(text, tokens, index)
    if lower == "за":
        if all(f[5] == "ініціатива" and f[0] == "NOUN" for f in features(noun)) and "gent" in _cases(noun):
            fix = match_case(word, "з")
            return [_finding(start, noun_end, "preposition-initiative", f"Правильно «{fix} ініціативи».",
                             f"{fix} {noun}")]
        return []
    if lower == "до":
        return _measures_to(text, tokens, index)
    if lower in ("у", "в"):
        return _office(text, tokens, index) or _at_hour(text, tokens, index) or _hours(text, tokens, index) \
            or _split_infinitive(text, tokens, index)
    if lower == "з":
        return _date_range(text, tokens, index) or _split_infinitive(text, tokens, index)
    return []


def _split_infinitive(text: str, tokens: list[Token], index: int) -> list[Finding]:
    """«в їхати» → «в’їхати»: a preposition never stands before an infinitive; a split word."""
    word, start, _end = tokens[index]
    following = tokens[index + 1]
    found = parses(following[0])
    if not found or not all(p.tag.POS == "VERB" and "infn" in p.tag for p in found) or following[0][:1] not in "єїюяЄЇЮЯ":
        return []
    joined = f"{word}’{following[0]}"
    fix = joined if parses(joined) else None
    return [_finding(start, following[2], "split-word", f"Прийменник перед неозначеною формою — розірване слово: «{fix or word + following[0]}».", fix)]


_ORDINAL_LOCATIVE = {"одна": "першій", "дві": "другій", "два": "другій", "три": "третій", "чотири": "четвертій",
                     "п'ять": "п'ятій", "шість": "шостій", "сім": "сьомій", "вісім": "восьмій", "дев'ять": "дев'ятій",
                     "десять": "десятій", "одинадцять": "одинадцятій", "дванадцять": "дванадцятій"}
_DAY_PARTS = frozenset(("ранку", "вечора", "ночі", "дня", "пополудні"))


def _hours(text: str, tokens: list[Token], index: int) -> list[Finding]:
    """«в п’ять годин двадцять хвилин» → «о п’ятій годині …»: the time of day is «о» with an ordinal."""
    following = tokens[index + 1]
    number = key(following[0])
    if number not in _ORDINAL_LOCATIVE or index + 3 >= len(tokens):
        return []
    hours = tokens[index + 2]
    if hours[0].lower() not in ("годин", "години") or text[following[2]:hours[1]] != " ":
        return []
    after = tokens[index + 3]
    if text[hours[2]:after[1]] != " ":
        return []
    if not (after[0].lower() in _DAY_PARTS or any(f[0] == "NUMR" for f in features(after[0]))):
        return []
    ordinal = _ORDINAL_LOCATIVE[number]
    ordinal = ordinal.replace("'", "’") if "’" in following[0] or "'" not in following[0] else ordinal
    fix = f"{match_case(tokens[index][0], 'о')} {ordinal} годині"
    return [_finding(tokens[index][1], hours[2], "preposition-hour", f"Час доби — «{fix}».", fix)]


@word_cache(65536)
def _prep_candidate(preposition: str, word: str) -> bool:
    """Whether a rule of the preposition may fire on the word after it (a cheap cached pre-check)."""
    found = features(word)
    if preposition == "згідно":
        return True
    if not found:
        return False
    if preposition == "по":
        return any(f[1] == "datv" and f[2] == "plur" for f in found)
    if preposition == "за":
        return any(f[5] == "ініціатива" for f in found)
    if preposition == "до":
        return all(f[0] == "NOUN" and f[6] and f[2] == "plur" for f in found)
    infinitive = all(f[0] == "VERB" for f in found) and word[:1] in "єїюяЄЇЮЯ"
    if preposition in ("у", "в"):
        return (all(f[0] == "NOUN" and f[5] in _OFFICES for f in found) or all(f[0] == "ADJF" and f[5] in _ORDINALS for f in found)
                or key(word) in _ORDINAL_LOCATIVE or infinitive)
    if preposition == "з":
        return any(f[5] in _MONTH_LEMMAS for f in found) or infinitive
    return False


def _po(text: str, tokens: list[Token], index: int) -> list[Finding]:
    """«по районам» → «по районах», «по технічним причинам» → «по технічних причинах»."""
    noun, noun_start, noun_end = tokens[index + 1]
    found = features(noun)
    if found and all(f[0] == "ADJF" for f in found) and any(f[2] == "plur" and f[1] == "datv" for f in found):
        following = _next(text, tokens, index + 1)
        if following is None:
            return []
        head = features(following[0])
        if head and all(f[0] == "NOUN" and f[2] == "plur" and f[1] == "datv" for f in head):
            adjective = inflect(noun, {"plur", "loct"}, "ADJF")
            fix = inflect(following[0], {"plur", "loct"})
            if adjective and fix:
                return [_finding(noun_start, following[2], "preposition-po",
                                 f"«По» з множиною — місцевий відмінок: «по {adjective} {fix}».", f"{adjective} {fix}")]
        return []
    if found and all(f[0] == "NOUN" and f[2] == "plur" and f[1] == "datv" for f in found):
        fix = inflect(noun, {"plur", "loct"})
        if fix:
            return [_finding(noun_start, noun_end, "preposition-po", f"«По» з множиною — місцевий відмінок: «по {fix}».", fix)]
    return []


def _zghidno(text: str, tokens: list[Token], index: int) -> list[Finding]:
    word, start, _end = tokens[index]
    noun, _noun_start, noun_end = tokens[index + 1]
    lower = noun.lower()
    if lower in ("з", "із", "зі"):
        return []
    if lower == "до":
        return [_finding(start, noun_end, "preposition-zghidno", "Правильно «згідно з».", match_case(word, "згідно з"))]
    found = features(noun)
    if not found or "gent" not in {f[1] for f in found}:
        return []
    words = [noun]
    end = noun_end
    if all(f[0] == "ADJF" for f in found):
        following = _next(text, tokens, index + 1)
        if following is None or not is_pos(following[0], "NOUN") or "gent" not in _cases(following[0]):
            return []
        words.append(following[0])
        end = following[2]
    elif not all(f[0] == "NOUN" for f in found):
        return []
    if any("ablt" in _cases(w) for w in words):
        return []
    head = words[-1]
    plural = all(f[2] == "plur" for f in features(head) if f[1] == "gent")
    fixes = []
    for w in words:
        pos = "NOUN" if w is head else "ADJF"
        if pos == "NOUN":
            form = inflect(w, {"plur", "ablt"}) if plural else singular(w, "ablt")
        elif plural:
            form = inflect(w.lower(), {"plur", "ablt"}, pos)
        else:
            genders = {f[3] for f in features(head) if f[1] == "gent" and f[3]}
            form = inflect(w.lower(), {"ablt", genders.pop()}, pos) if len(genders) == 1 else None
        if form is None:
            return []
        fixes.append(form)
    phrase = f"{match_case(word, 'згідно')} {_with(fixes[0])} {' '.join(fixes)}"
    return [_finding(start, end, "preposition-zghidno", f"Правильно «згідно з» та орудний відмінок: «{phrase}».", phrase)]


_VOWELS = frozenset("аеєиіїоуюяАЕЄИІЇОУЮЯ")


def _with(word: str) -> str:
    """«з» or «зі» before word (Правопис §24: «зі» before з, с, ш, щ and another consonant)."""
    lower = word.lower()
    if len(lower) > 1 and lower[0] in "зсшщ" and lower[1].isalpha() and lower[1] not in _VOWELS and lower[1] != "ь":
        return "зі"
    return "з"


def _measures_to(text: str, tokens: list[Token], index: int) -> list[Finding]:
    """«заходів до порушників» → «заходів щодо порушників»."""
    if index == 0 or text[tokens[index - 1][2]:tokens[index][1]].strip():
        return []
    if not all(f[5] == "захід" and f[2] == "plur" for f in features(tokens[index - 1][0])) or not features(tokens[index - 1][0]):
        return []
    noun = tokens[index + 1][0]
    found = features(noun)
    if found and all(f[0] == "NOUN" and f[6] and f[2] == "plur" for f in found) and noun.islower():
        word, start, end = tokens[index]
        fix = match_case(word, "щодо")
        return [_finding(start, end, "preposition-measures", f"Заходи вживають щодо когось: «{fix} {noun}».", fix)]
    return []


@word_cache(4096)
def _meant(word: str) -> tuple[Features, ...]:
    """The features of the word an unknown word was most likely meant to be (the spelling's first suggestion)."""
    from desktop.language.suggester import suggestions

    ranked = suggestions(word, {}, limit=1)
    return features(ranked[0].word) if ranked else ()


def _office(text: str, tokens: list[Token], index: int) -> list[Finding]:
    """«звернутися в управління» → «звернутися до управління» (a misspelt verb read as the word it was meant to
    be: «зкерували в управління»)."""
    if index == 0 or not any(f[5] in SEND_VERBS for f in features(tokens[index - 1][0]) or _meant(tokens[index - 1][0])):
        return []
    if text[tokens[index - 1][2]:tokens[index][1]].strip():
        return []
    noun, _noun_start, noun_end = tokens[index + 1]
    found = features(noun)
    if not found or not noun.islower() or not all(f[0] == "NOUN" and f[5] in _OFFICES for f in found):
        return []
    accs = [f for f in found if f[1] == "accs"]
    if not accs:
        return []
    if not any(f[2] != "plur" for f in accs):
        return []
    gent = singular(noun, "gent")
    if gent is None:
        return []
    word, start, _end = tokens[index]
    fix = f"{match_case(word, 'до')} {gent}"
    return [_finding(start, noun_end, "preposition-office", f"Звертаються до установи: «{fix}».", fix)]


def _at_hour(text: str, tokens: list[Token], index: int) -> list[Finding]:
    """«у третій годині» → «о третій годині»."""
    word, start, end = tokens[index]
    following = tokens[index + 1]
    hour_index = index + 2
    gap = text[end:following[1]]
    if following[0] in ("й", "ій") and gap.strip().rstrip("-").isdigit():
        hour_index = index + 2  # «у 10-й годині»
    elif gap.strip() or not all(f[0] == "ADJF" and f[5] in _ORDINALS for f in features(following[0])) or not features(following[0]):
        return []
    if hour_index >= len(tokens) or tokens[hour_index][0].lower() != "годині":
        return []
    if text[tokens[hour_index - 1][2]:tokens[hour_index][1]].strip():
        return []
    fix = match_case(word, "о")
    return [_finding(start, end, "preposition-hour", f"Час доби — з прийменником «о»: «{fix}».", fix)]


_ORDINALS = frozenset(("перший", "другий", "третій", "четвертий", "п'ятий", "шостий", "сьомий", "восьмий",
                       "дев'ятий", "десятий", "одинадцятий", "дванадцятий"))
_MONTH_LEMMAS = frozenset(("січень", "лютий", "березень", "квітень", "травень", "червень", "липень", "серпень",
                           "вересень", "жовтень", "листопад", "грудень"))


def _month(word: str, case: str) -> bool:
    found = features(word)
    return bool(found) and any(f[0] == "NOUN" and f[5] in _MONTH_LEMMAS and f[1] == case for f in found) \
        and all(f[5] in _MONTH_LEMMAS for f in found if f[0] == "NOUN")


def _date_range(text: str, tokens: list[Token], index: int) -> list[Finding]:
    """«з грудня 2012 року по грудень 2013 року» → «… до грудня 2013 року»."""
    if not _month(tokens[index + 1][0], "gent"):
        return []
    for other in range(index + 2, min(index + 5, len(tokens) - 1)):
        word, start, _end = tokens[other]
        if any(ch in _STOP for ch in text[tokens[other - 1][2]:start]):
            return []
        if word.lower() == "по":
            month, _m_start, m_end = tokens[other + 1]
            if not _month(month, "accs") or text[tokens[other][2]:tokens[other + 1][1]].strip():
                return []
            gent = inflect(month, {"gent"})
            if gent is None:
                return []
            fix = f"{match_case(word, 'до')} {gent}"
            return [_finding(start, m_end, "preposition-date-range", f"Межу проміжку часу позначає «до»: «з … {fix}».", fix)]
    return []


# ---- adjectives and nouns ----------------------------------------------------------------------

@word_cache(65536)
def _is_adjective(word: str) -> bool:
    return any(f[0] in ("ADJF", "PRTF") for f in features(word))


@word_cache(65536)
def adjective_candidate(word: str, noun: str) -> bool:
    """Whether the adjective may disagree with the word after it (a cheap cached pre-check)."""
    if _is_adjective(noun) and not is_pos(noun, "NOUN"):
        return True
    return _adjective_fix(word, noun) is not None


def _adjective(text: str, tokens: list[Token], index: int) -> list[Finding]:
    word, start, end = tokens[index]
    if index + 1 >= len(tokens):
        return []
    following = tokens[index + 1]
    if not adjective_candidate(word, following[0]) or text[end:following[1]].strip():
        return []
    noun = following[0]
    if _is_adjective(noun) and not is_pos(noun, "NOUN"):
        # «майбутнього місцевих виборів»: the first adjective against the noun after the second
        head = _next(text, tokens, index + 1)
        if head is None or _adjective_fix(noun, head[0]) is not None or not _agrees(noun, head[0]):
            return []
        fix = _adjective_fix(word, head[0], noun)
        if fix is None:
            return []
        noun = head[0]
    else:
        fix = _adjective_fix(word, noun)
    if fix is None:
        return []
    return [_finding(start, end, "adjective-agreement", f"Прикметник не узгоджений з іменником «{noun}»: «{fix}».", fix)]


@word_cache(16384)
def _agrees(adjective: str, noun: str) -> bool:
    nouns = features(noun)
    if not nouns or not all(f[0] == "NOUN" for f in nouns):
        return False
    return any(a[1] == n[1] and a[2] == n[2] and (n[2] == "plur" or a[3] == n[3] or n[3] is None)
               for a in features(adjective) if a[0] in ("ADJF", "PRTF") for n in nouns)


@word_cache(65536)
def _adjective_fix(word: str, noun_word: str, middle: str = "") -> str | None:
    """The adjective's form agreeing with the noun after it, when no parse of the pair agrees;
    middle: an agreeing adjective between them («майбутнього місцевих виборів»), whose parses pick the noun's."""
    nouns = features(noun_word)
    if not nouns or not noun_word.islower() or not all(f[0] == "NOUN" and not f[4] for f in nouns):
        return None
    before_another = bool(middle)
    if middle:
        nouns = tuple(n for n in nouns if any(a[1] == n[1] and a[2] == n[2] and (n[2] == "plur" or a[3] == n[3] or n[3] is None)
                                              for a in features(middle) if a[0] in ("ADJF", "PRTF")))
    adjectives = [f for f in features(word) if f[0] in ("ADJF", "PRTF")]
    shared = {a[1] for a in adjectives} & {n[1] for n in nouns} if not middle else {n[1] for n in nouns}
    if not shared or not adjectives:
        return None  # «вдячний колективу»: not one phrase
    if before_another:
        if not word.islower() or any("pssv" in p.tag or "actv" in p.tag for p in parses(word)):
            return None  # «присвяченого місцевим виборам»: a participle governs
    elif not any(a[1] == n[1] and a[2] == n[2] for a in adjectives for n in nouns):
        return None  # «присвячена історії»: the number differs in every shared case, a governed noun
    for a in adjectives:
        for n in nouns:
            if a[1] == n[1] and a[2] == n[2] and (n[2] == "plur" or a[3] == n[3] or n[3] is None):
                return None
    if {f[5] for f in features(word) if f[0] == "NOUN"} - {a[5] for a in adjectives} - _neuter_nouns(adjectives):
        return None  # «свята очільник»: the noun «свято» as well («черговому», a person on duty, is the same word)
    fixes = set()
    adjective_parses = [p for p in parses(word) if p.tag.POS in ("ADJF", "PRTF")]
    for _pos, case, number, gender, *_rest in nouns:
        if case in shared:
            grammemes = {case} | ({"plur"} if number == "plur" else set())
            if number != "plur" and gender:
                grammemes.add(gender)
            for a in adjective_parses:
                form = analysis.inflected(a, grammemes)
                if form is not None:
                    fixes.add((_usual_locative(form) or form) if case == "loct" and number != "plur" else form)
    return match_case(word, fixes.pop()) if len(fixes) == 1 else None


def _neuter_nouns(adjectives: list[Features]) -> set[str]:
    """The nouns made of the adjectives' neuter («майбутній» → «майбутнє»): the same word."""
    return {a[5][:-2] + ("є" if a[5].endswith("ій") else "е") for a in adjectives}


# ---- participles -------------------------------------------------------------------------------

def _participle(text: str, tokens: list[Token], index: int) -> list[Finding]:
    """«дезінфікуючих засобів» → «дезінфекційних», «виконуючий обов’язки» → «виконувач обов’язків»."""
    word, start, end = tokens[index]
    found = [p for p in parses(word) if p.tag.POS == "ADJF"]
    if not found:
        return []
    lemma = found[0].normal_form
    if lemma == "виконуючий":
        following = _next(text, tokens, index)
        if following is None or not _lemmas(following[0]) & {"обов'язок"}:
            return []
        # a person: «виконуючий» as an inanimate accusative is the nominative's double
        order = ("nomn", "gent", "datv", "ablt", "loct", "accs")
        first = min((p for p in found if p.tag.case in order), key=lambda p: order.index(p.tag.case))
        forms = {_lemma_form("виконувач", {first.tag.case} | ({"plur"} if first.tag.number == "plur" else set()), "NOUN")}
        duties = "обов’язків" if "’" in following[0] or "'" not in following[0] else "обов'язків"
        noun = forms.pop() if len(forms) == 1 else None
        fix = f"{match_case(word, noun)} {duties}" if noun else None
        return [_finding(start, following[2], "participle-acting",
                         f"Посада — «виконувач обов’язків», не «виконуючий обов’язки»{f': «{fix}»' if fix else ''}.", fix)]
    adjective = PARTICIPLES.get(lemma)
    if adjective is None:
        return []
    forms = set()
    for p in found:
        grammemes = {p.tag.case} | ({"plur"} if p.tag.number == "plur" else {p.tag.gender} if p.tag.gender else set())
        form = _lemma_form(adjective, grammemes, "ADJF")
        if form:
            forms.add(form)
    only = forms.pop() if len(forms) == 1 else None
    fix = match_case(word, only) if only else None
    return [_finding(start, end, "participle-active",
                     f"Активний дієприкметник на -учий/-ючий — калька; українською «{fix or adjective}».", fix)]


def _head(text: str, tokens: list[Token], index: int) -> list[Finding]:
    """«завідувач відділом» → «завідувач відділу»: the head of something governs the genitive."""
    following = _next(text, tokens, index)
    if following is None:
        return []
    words = [following]
    if all(f[0] in ("ADJF", "PRTF") for f in features(following[0])) and "ablt" in _cases(following[0]):
        second = _next(text, tokens, index + 1)
        if second is None:
            return []
        words.append(second)
    noun = words[-1][0]
    found = features(noun)
    if not found or not noun.islower() or not all(f[0] == "NOUN" and f[1] == "ablt" and not f[6] for f in found):
        return []
    plural = all(f[2] == "plur" for f in found)
    fixes = []
    for w, _s, _e in words:
        if w is noun:
            form = inflect(w, {"gent", "plur"} if plural else {"gent"})
        else:
            genders = {f[3] for f in found}
            form = inflect(w, {"gent", "plur"} if plural else {"gent", *(g for g in genders if g)}, "ADJF") if len(genders) == 1 else None
        if form is None:
            return []
        fixes.append(form)
    fix = " ".join(fixes)
    return [_finding(words[0][1], words[-1][2], "government-head", f"Завідувач — чого: «{fix}».", fix)]


# ---- verbs -------------------------------------------------------------------------------------

@word_cache(4096)
def _event_verb(word: str) -> bool:
    return any(p.tag.POS == "VERB" and "past" in p.tag and p.tag.gender and p.normal_form in EVENT_VERBS
               for p in parses(word))


def _verb(text: str, tokens: list[Token], index: int) -> list[Finding]:
    word, start, end = tokens[index]
    if word.lower() in ("взяв", "взяла"):
        return _several_people(text, tokens, index)
    if not _event_verb(word):
        return []
    following = _next(text, tokens, index)
    if following is None:
        return []
    previous = tokens[index - 1][0] if index > 0 and not text[tokens[index - 1][2]:start].strip() else ""
    fix = _verb_fix(word, following[0], previous)
    if fix is None:
        return []
    return [_finding(start, end, "verb-agreement", f"Дієслово не узгоджене з підметом «{following[0]}»: «{fix}».", fix)]


@word_cache(16384)
def _verb_fix(word: str, noun: str, previous: str) -> str | None:
    verbs = [p for p in parses(word) if p.tag.POS == "VERB" and "past" in p.tag and p.tag.gender]
    subjects = [p for p in parses(noun) if p.tag.POS == "NOUN" and "nomn" in p.tag]
    if not subjects or not is_pos(noun, "NOUN") or not noun.islower() or any(s.normal_form in _TIME_NOUNS for s in subjects):
        return None
    if any(s.tag.number != "plur" and s.tag.gender in {v.tag.gender for v in verbs} for s in subjects):
        return None
    before = [f for f in features(previous) if f[0] == "NOUN" and f[1] == "nomn"] if previous else []
    if any(f[2] != "plur" and f[3] in {v.tag.gender for v in verbs} for f in before):
        return None  # «прем’єра відбулася місяць тому»: the subject stands before
    singular = [s for s in subjects if s.tag.number != "plur" and s.tag.gender]
    grammemes = {"past", singular[0].tag.gender} if singular else {"past", "plur"}
    form = verbs[0].inflect(grammemes)
    if form is None:
        return None
    fixed = form.word[:-2] + "ся" if word.endswith("ся") and form.word.endswith("сь") else form.word
    return match_case(word, fixed)


def _several_people(text: str, tokens: list[Token], index: int) -> list[Finding]:
    word, start, end = tokens[index]
    near = {t[0].lower() for t in tokens[max(0, index - 1):index + 2]}
    if "участь" not in near:
        return []
    names = 0
    joined = False
    for other, other_start, _other_end in tokens[index + 1:index + 25]:
        if any(ch in _STOP for ch in text[end:other_start]):
            break
        if other.lower() in ("та", "і", "й") and names:
            joined = True
        if other[:1].isupper() and any("Name" in p.tag and "nomn" in p.tag for p in parses(other)):
            names += 1
    if names >= 2 and joined:
        fix = match_case(word, "взяли")
        return [_finding(start, end, "verb-several-people", "Кілька осіб — дієслово в множині: «взяли».", fix)]
    return []


def _modal(text: str, tokens: list[Token], index: int) -> list[Finding]:
    """«треба писав» → «треба писати»: after «треба», «варто», «повинен» the verb is an infinitive."""
    following = _next(text, tokens, index)
    if following is None or (key(following[0]) in _BE_FORMS and not (
            key(tokens[index][0]) == "варто" and key(following[0]) in ("були", "був", "була"))):
        return []  # «треба було», «повинен був»; but «варто були» → «варто бути»
    word, start, end = following
    found = features(word)
    if index > 0 and key(tokens[index - 1][0]) in ("чи", "як", "що", "коли", "де"):
        return []
    verbs = [p for p in parses(word)]
    if not verbs or not all(p.tag.POS == "VERB" and "infn" not in p.tag and "Impe" not in p.tag
                            and ("past" in p.tag or "pres" in p.tag or "futr" in p.tag) for p in verbs):
        return []
    if any(f[5] == "бути" for f in found):
        fix = "бути"
    else:
        lemmas = {p.normal_form for p in verbs}
        if len(lemmas) != 1:
            return []
        fix = lemmas.pop()
    fix = match_case(word, fix)
    return [_finding(start, end, "verb-infinitive", f"Після «{tokens[index][0]}» дієслово в неозначеній формі: «{fix}».", fix)]


def _future_passive(text: str, tokens: list[Token], index: int) -> list[Finding]:
    """«будуть розглянути» → «будуть розглянуті»: the compound future takes an imperfective infinitive."""
    if index > 0 and key(tokens[index - 1][0]) in _MODAL_BEFORE_FUTURE:
        return []
    following = _next(text, tokens, index)
    if following is None:
        return []
    word, start, end = following
    found = parses(word)
    if not found or not all(p.tag.POS == "VERB" and "infn" in p.tag and "perf" in p.tag for p in found):
        return []
    after = _next(text, tokens, index + 1)
    if after is not None and any(f[0] == "VERB" for f in features(after[0])):
        return []
    fix = None
    if key(tokens[index][0]) in ("будуть", "будемо", "будете"):
        impersonal = {f.word for p in found for f in p.lexeme if "Impe" in f.tag}
        if len(impersonal) == 1:
            candidate = impersonal.pop()[:-1] + "і"
            if any(f[0] == "ADJF" and f[1] == "nomn" and f[2] == "plur" for f in features(candidate)):
                fix = match_case(word, candidate)
    message = (f"Складений майбутній час — з дієсловом недоконаного виду; тут дієприкметник: «{fix}»." if fix
               else "Складений майбутній час утворюють лише з дієсловом недоконаного виду.")
    return [_finding(start, end, "verb-future-perfective", message, fix)]


def _teach(text: str, tokens: list[Token], index: int) -> list[Finding]:
    """«навчати математиці» → «навчати математики»: «навчати» governs the genitive."""
    position = index + 1
    following = _next(text, tokens, index)
    if following is None:
        return []
    if key(following[0]) in ("їх", "його", "її", "нас", "вас", "мене", "тебе") or (
            features(following[0]) and all(f[0] == "NOUN" and f[6] and f[1] in ("accs", "gent") for f in features(following[0]))):
        following = _next(text, tokens, index + 1)  # «навчати учнів елементарній математиці»
        position += 1
    if following is None:
        return []
    word = following[0]
    if key(word) in _PERSONAL or not word.islower():
        return []
    found = features(word)
    if not found or "datv" not in {f[1] for f in found} or any(f[1] in ("gent", "nomn", "accs", None) for f in found):
        return []
    after = _next(text, tokens, position)
    if after is not None and (after[0].lower() == "не" or any(f[0] == "VERB" for f in features(after[0]))):
        return []  # «навчило її нікому не вірити»
    words = [following]
    if any(f[0] == "NPRO" for f in found) or all(f[0] == "ADJF" for f in found):
        if after is not None and "datv" in _cases(after[0], "NOUN") and not _cases(after[0], "NOUN") & {"gent", "nomn"}:
            words.append(after)
    elif not all(f[0] == "NOUN" and not f[6] for f in found):
        return []
    fixes: list[str] = []
    head = features(words[-1][0])
    genders = {f[3] for f in head if f[1] == "datv"}
    for w, _s, _e in words:
        feats = features(w)
        pos = "NOUN" if all(f[0] == "NOUN" for f in feats) else ("NPRO" if any(f[0] == "NPRO" for f in feats) else "ADJF")
        grams = {"gent"} | ({"plur"} if all(f[2] == "plur" for f in feats) else set())
        if pos != "NOUN" and len(genders) == 1 and None not in genders and "plur" not in grams:
            grams.add(genders.pop() or "")
        form = inflect(w, grams, pos)
        if form is None:
            fixes = []
            break
        fixes.append(form)
    fix = " ".join(fixes) if fixes else None
    return [_finding(words[0][1], words[-1][2], "government-teach",
                     f"Навчати (навчатися) — чого, не чому{f': «{fix}»' if fix else ''}.", fix)]


def _focus(text: str, tokens: list[Token], index: int) -> list[Finding]:
    """«сконцентрувати зусилля на підтримку» → «на підтримці»: зосереджуються на чому."""
    for other in range(index + 1, min(index + 4, len(tokens) - 1)):
        if any(ch in _STOP for ch in text[tokens[other - 1][2]:tokens[other][1]]):
            return []
        if tokens[other][0].lower() == "на":
            break
    else:
        return []
    first = _accusative_phrase(text, tokens, other + 1, True)
    if first is None:
        return []
    found = [first]
    # «на підтримку галузей, належне функціонування закладів, …»: the objects listed after commas
    position = first[1] + 1
    while position < min(first[1] + 25, len(tokens)):
        gap = text[tokens[position - 1][2]:tokens[position][1]]
        if any(ch in _STOP for ch in gap):
            break
        if gap == ", ":
            more = _accusative_phrase(text, tokens, position, False)
            if more is not None:
                found.append(more)
                position = more[1]
        position += 1
    return [item[0] for item in found]


def _usual_locative(form: str | None) -> str | None:
    """«належнім» → «належному»: the commoner locative ending of a masculine or neuter adjective."""
    if form is None or not form.endswith(("ім", "им")):
        return form
    for candidate in (form[:-2] + "ому", form[:-2] + "ьому"):
        if any(f[0] == "ADJF" and f[1] == "loct" for f in features(candidate)):
            return candidate
    return form


def _accusative_phrase(text: str, tokens: list[Token], position: int, first: bool) -> tuple[Finding, int] | None:
    """A noun (with an adjective before it) in the accusative and not the locative at position, and its
    locative as the finding's fix; the index of its last word."""
    if position >= len(tokens) or (first and text[tokens[position - 1][2]:tokens[position][1]].strip()):
        return None
    words = [tokens[position]]
    second = _next(text, tokens, position)
    if (all(f[0] in ("ADJF", "PRTF") for f in features(words[0][0])) and features(words[0][0])) or (
            _is_adjective(words[0][0]) and second is not None and is_pos(second[0], "NOUN") and _agrees(words[0][0], second[0])):
        if second is None:
            return None
        words.append(second)
    noun = words[-1][0]
    found = features(noun)
    if not found or not noun.islower() or not all(f[0] == "NOUN" for f in found) or "loct" in _cases(noun):
        return None
    accs = [f for f in found if f[1] == "accs"]
    if not accs:
        return None
    if not first and "gent" in _cases(words[0][0]) | ({"nomn"} if len(words) == 1 else set()):
        return None  # after a comma, only a phrase that cannot be a genitive or a subject
    if not first and len(words) == 2 and not _agrees(words[0][0], noun):
        return None
    plural = all(f[2] == "plur" for f in accs)
    genders = {f[3] for f in accs}
    fixes = []
    for w, _s, _e in words:
        if w is noun:
            form = inflect(w, {"loct", "plur"}) if plural else singular(w, "loct")
        elif plural:
            form = inflect(w, {"loct", "plur"}, "ADJF")
        else:
            form = inflect(w, {"loct", *(g for g in genders if g)}, "ADJF") if len(genders) == 1 else None
            form = _usual_locative(form)
        if form is None:
            return None
        fixes.append(form)
    fix = " ".join(fixes)
    return (_finding(words[0][1], words[-1][2], "government-focus", f"Зосереджуються на чому: «на {fix}».", fix),
            position + len(words) - 1)


def _direction(text: str, tokens: list[Token], index: int) -> list[Finding]:
    """«за напрямками діяльності» → «за напрямами»: a field of work is «напрям»."""
    word, start, end = tokens[index]
    found = [p for p in parses(word) if p.normal_form == "напрямок"]
    if not found or not word.islower():
        return []
    following = _next(text, tokens, index)
    previous = tokens[index - 1][0] if index > 0 and not text[tokens[index - 1][2]:start].strip() else ""
    if not ((following and _lemmas(following[0]) & _FIELD_NOUNS) or (previous and _lemmas(previous) & _FIELD_ADJECTIVES)):
        return []
    forms = {_lemma_form("напрям", {p.tag.case} | ({"plur"} if p.tag.number == "plur" else set()), "NOUN") for p in found}
    fix = match_case(word, forms.pop() or "") if len(forms) == 1 else None
    return [_finding(start, end, "noun-direction", f"Галузь роботи — «напрям», «напрямок» — це рух: «{fix}».", fix)]


def _passive_agent(text: str, tokens: list[Token], index: int) -> list[Finding]:
    """«справу порушено прокурором»: a «-но/-то» form does not name the doer in the instrumental."""
    found = parses(tokens[index][0])
    if not found or not all(p.tag.POS == "VERB" and "Impe" in p.tag for p in found):
        return []
    if any(p.normal_form in _ROLE_VERBS for p in found):
        return []
    following = _next(text, tokens, index)
    if following is None:
        return []
    words = [following]
    if key(following[0]) not in _ABLT_PRONOUNS:
        if all(f[0] in ("ADJF", "PRTF") for f in features(following[0])) and "ablt" in _cases(following[0]):
            second = _next(text, tokens, index + 1)
            if second is None:
                return []
            words.append(second)
        noun = words[-1][0]
        nouns = features(noun)
        if not nouns or not noun.islower() or not all(f[0] == "NOUN" and f[1] == "ablt" and f[6] for f in nouns):
            return []
        after = _next(text, tokens, index + len(words))
        if after is not None and after[0][:1].isupper():
            return []  # «підписано головою Іваном Петренком»? a title before a name: too unsure
    return [_finding(tokens[index][1], words[-1][2], "passive-agent",
                     "Безособова форма на -но/-то не називає діяча в орудному відмінку: краще «прокурор порушив справу».", None)]


# ---- time of day -------------------------------------------------------------------------------

_CARDINALS = {"перший": "одна", "другий": "дві", "третій": "три", "четвертий": "чотири", "п'ятий": "п'ять",
              "шостий": "шість", "сьомий": "сім", "восьмий": "вісім", "дев'ятий": "дев'ять", "десятий": "десять",
              "двадцятий": "двадцять", "тридцятий": "тридцять", "сороковий": "сорок", "п'ятдесятий": "п'ятдесят"}
_ANY_PRONOUNS = frozenset(("хто", "кого", "кому", "ким", "кім", "чого", "чому", "чим", "який", "яка", "яке",
                           "які", "якого", "якої", "якому", "яким", "якій", "яких", "де", "коли", "куди", "звідки",
                           "скільки", "чий", "чия", "чиє", "чиї"))


def _ordinal_femn(word: str, case: str) -> bool:
    found = features(word)
    return bool(found) and any(f[0] == "ADJF" and f[5] in _ORDINALS and f[1] == case and f[3] == "femn" for f in found) \
        and not any(f[0] == "NOUN" and not f[6] for f in found)


def _minutes(text: str, tokens: list[Token], index: int) -> list[Finding]:
    """«п’ять хвилин третьої» → «п’ять хвилин на третю»; «о першій годині двадцятій хвилині» → «двадцять хвилин»."""
    word = tokens[index][0].lower()
    following = _next(text, tokens, index)
    if word == "хвилин" and following is not None and _ordinal_femn(following[0], "gent"):
        after = _next(text, tokens, index + 1)
        if after is not None and any(f[0] in ("NOUN", "ADJF") for f in features(after[0])):
            return []  # «11 хвилин другої половини»
        fix = inflect(following[0], {"accs", "femn"}, "ADJF")
        phrase = f"на {fix}" if fix else None
        return [_finding(following[1], following[2], "time-minutes",
                         f"Хвилини після години — «{phrase or 'на …'}» або «по …».", phrase)]
    if word == "годині":
        for other in range(index + 1, min(index + 4, len(tokens))):
            if text[tokens[other - 1][2]:tokens[other][1]].strip():
                return []
            if tokens[other][0].lower() == "хвилині" and other > index + 1:
                ordinal = tokens[other - 1][0]
                lemmas = {f[5] for f in features(ordinal) if f[0] == "ADJF"}
                if not lemmas or not lemmas <= _CARDINALS.keys():
                    return []
                cardinal = _CARDINALS[lemmas.pop()]
                last = cardinal.split()[-1]
                minutes = "хвилина" if last == "одна" else "хвилини" if last in ("дві", "три", "чотири") else "хвилин"
                words = [t[0] for t in tokens[index + 1:other - 1]] + [cardinal.replace("'", "’") if "’" in ordinal else cardinal, minutes]
                fix = " ".join(words)
                return [_finding(tokens[index + 1][1], tokens[other][2], "time-minutes",
                                 f"Хвилини називають кількісним числівником: «{fix}».", fix)]
    return []


def _half_past(text: str, tokens: list[Token], index: int) -> list[Finding]:
    """«пів першої» → «пів на першу»."""
    following = _next(text, tokens, index)
    if following is None or not _ordinal_femn(following[0], "gent"):
        return []
    after = _next(text, tokens, index + 1)
    if after is not None and any(f[0] == "NOUN" for f in features(after[0])):
        return []  # «пів першої години»? not a time of day
    fix = inflect(following[0], {"accs", "femn"}, "ADJF")
    if fix is None:
        return []
    phrase = f"{tokens[index][0]} на {fix}"
    return [_finding(tokens[index][1], following[2], "time-half", f"Правильно «{phrase}».", phrase)]


def _without(text: str, tokens: list[Token], index: int) -> list[Finding]:
    """«без десяти третя» → «за десять третя» (or «десять до третьої»)."""
    words: list[Token] = []
    position = index
    while len(words) < 4:
        following = _next(text, tokens, position)
        if following is None:
            return []
        found = features(following[0])
        if found and all(f[0] == "NUMR" for f in found) and "gent" in _cases(following[0]):
            words.append(following)
            position += 1
            continue
        break
    if not words:
        return []
    following = _next(text, tokens, position)
    minutes = None
    if following is not None and following[0].lower() == "хвилин":
        minutes = following
        position += 1
        following = _next(text, tokens, position)
    if following is None or not _ordinal_femn(following[0], "nomn"):
        return []
    after = _next(text, tokens, position + 1)
    if after is not None and any(f[0] == "NOUN" for f in features(after[0])):
        return []
    fix = None
    cardinals = {f[5] for f in features(words[0][0])}
    if len(words) == 1 and len(cardinals) == 1:
        cardinal = match_case(words[0][0], cardinals.pop())
        fix = " ".join([match_case(tokens[index][0], "за"), cardinal, *([minutes[0]] if minutes else []), following[0]])
    return [_finding(tokens[index][1], following[2], "time-without",
                     f"Час до години — «за … {following[0]}» або «… до {inflect(following[0], {'gent', 'femn'}, 'ADJF') or '…'}».", fix)]


def _any(text: str, tokens: list[Token], index: int) -> list[Finding]:
    """«будь кого» → «будь-кого»: «будь» with a pronoun is written with a hyphen («будь що буде» is a saying)."""
    following = _next(text, tokens, index)
    if following is None or following[0].lower() not in _ANY_PRONOUNS:
        return []
    if index > 0 and tokens[index - 1][0].lower() in ("не", "б", "би", "хоч", "хоча"):
        return []
    word = tokens[index][0]
    fix = f"{word}-{following[0]}"
    return [_finding(tokens[index][1], following[2], "hyphen-any", f"Пишуть через дефіс: «{fix}».", fix)]


# ---- deputies, contributions, funds -------------------------------------------------------------

_DEPUTIES = frozenset(("заступник", "заступниця"))


def _deputy(text: str, tokens: list[Token], index: int) -> list[Finding]:
    """«заступник обласної військової адміністрації» → «заступник начальника …»: a deputy is someone's."""
    if not any(f[5] in _DEPUTIES for f in features(tokens[index][0])):
        return []
    position = index
    while True:
        following = _next(text, tokens, position)
        if following is None:
            return []
        found = features(following[0])
        if found and all(f[0] == "ADJF" for f in found) and "gent" in _cases(following[0]):
            position += 1
            continue
        break
    if not found or not all(f[0] == "NOUN" and f[5] in _OFFICES and not f[6] for f in found) or "gent" not in _cases(following[0]):
        return []
    if any(f[1] in ("nomn", "accs") and f[2] != "plur" for f in found) and following[0][:1].islower() and position == index:
        return []  # «заступник управління» may be «the deputy (of the) department» only with a genitive
    head = "начальника" if any(f[5] == "адміністрація" for f in found) else "керівника"
    return [_finding(tokens[index + 1][1], following[2], "government-deputy",
                     f"Заступником буває особа, не установа: «{tokens[index][0]} {head} …».", None)]


def _contribution(text: str, tokens: list[Token], index: int) -> list[Finding]:
    """«внесок у відновленні» → «внесок у відновлення»: a contribution is into something (the accusative)."""
    if not any(f[5] == "внесок" for f in features(tokens[index][0])):
        return []
    position = index
    while True:  # «внесок міжнародних партнерів у …»: the contributors in the genitive between
        preposition = _next(text, tokens, position)
        if preposition is None or position > index + 3:
            return []
        if preposition[0].lower() in ("у", "в"):
            break
        if "gent" not in _cases(preposition[0]):
            return []
        position += 1
    following = _next(text, tokens, position + 1)
    if following is None:
        return []
    found = features(following[0])
    if not found or not following[0].islower() or not all(f[0] == "NOUN" and f[1] == "loct" for f in found):
        return []
    plural = all(f[2] == "plur" for f in found)
    fix = inflect(following[0], {"accs", "plur"}) if plural else singular(following[0], "accs")
    if fix is None:
        return []
    return [_finding(following[1], following[2], "government-contribution", f"Внесок — у що: «у {fix}».", fix)]


def _funds(text: str, tokens: list[Token], index: int) -> list[Finding]:
    """«за кошти бюджету» → «коштом бюджету»."""
    if tokens[index][0].lower() != "кошти" or index == 0 or tokens[index - 1][0].lower() != "за":
        return []
    if text[tokens[index - 1][2]:tokens[index][1]].strip():
        return []
    following = _next(text, tokens, index)
    if following is None or "gent" not in _cases(following[0]) or following[0][:1].isupper():
        return []
    fix = match_case(tokens[index - 1][0], "коштом")
    return [_finding(tokens[index - 1][1], tokens[index][2], "government-funds",
                     f"Джерело фінансування — «{fix} …» або «за рахунок коштів …».", fix)]


# ---- roles -------------------------------------------------------------------------------------

(NUMERAL, COUNT, HALF, PREPOSITION, ADJECTIVE, VERB, MODAL, FUTURE, PARTICIPLE, HEAD, TEACH, FOCUS, DIRECTION, PASSIVE,
 MINUTES, HALF_PAST, WITHOUT, ANY, DEPUTY, CONTRIBUTION, FUNDS) = (1 << n for n in range(21))

ROLE_RULES: tuple[tuple[int, Callable[[str, list[Token], int], list[Finding]]], ...] = (
    (NUMERAL, _numeral), (COUNT, _count_noun), (HALF, _one_and_half), (PREPOSITION, _preposition),
    (ADJECTIVE, _adjective), (VERB, _verb), (MODAL, _modal), (FUTURE, _future_passive), (PARTICIPLE, _participle),
    (HEAD, _head), (TEACH, _teach), (FOCUS, _focus), (DIRECTION, _direction), (PASSIVE, _passive_agent),
    (MINUTES, _minutes), (HALF_PAST, _half_past), (WITHOUT, _without), (ANY, _any),
    (DEPUTY, _deputy), (CONTRIBUTION, _contribution), (FUNDS, _funds),
)


def role_of(word: str) -> int:
    """The rules a word starts (a bit set, 0 for none)."""
    lower = key(word)
    role = 0
    if lower in FEW_WORDS or lower in MANY_WORDS:
        role |= NUMERAL
    if lower in COUNT_NOUNS:
        role |= COUNT
    if lower in ("півтора", "півтори"):
        role |= HALF
    if lower in PREPOSITIONS:
        role |= PREPOSITION
    if lower in MODALS:
        role |= MODAL
    if lower in FUTURE_BE:
        role |= FUTURE
    if lower in HEADS:
        role |= HEAD
    if lower.startswith("напрям"):
        role |= DIRECTION
    if lower in ("хвилин", "годині"):
        role |= MINUTES
    if lower == "пів":
        role |= HALF_PAST
    if lower == "без":
        role |= WITHOUT
    if lower == "будь":
        role |= ANY
    if lower.startswith("заступни"):
        role |= DEPUTY
    if lower.startswith("внес"):
        role |= CONTRIBUTION
    if lower == "кошти":
        role |= FUNDS
    if role & (NUMERAL | PREPOSITION | MODAL | FUTURE):
        return role
    found = features(word)
    if not found:
        return role
    lemmas = {f[5] for f in found}
    if any(f[0] in ("ADJF", "PRTF") for f in found):
        role |= ADJECTIVE
        if ("уч" in lower or "юч" in lower) and lemmas & (PARTICIPLES.keys() | {"виконуючий"}):
            role |= PARTICIPLE
    if lower.endswith(("ся", "сь")) or lower in ("взяв", "взяла"):
        role |= VERB
    if lemmas & TEACH_VERBS:
        role |= TEACH
    if lemmas & FOCUS_VERBS:
        role |= FOCUS
    if lower.endswith(("но", "то")) and any(f[0] == "VERB" for f in found):
        role |= PASSIVE
    return role
