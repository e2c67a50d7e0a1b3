"""The rules that start at a preposition: «по» with the plural's locative, «згідно з» and the
instrumental, «з ініціативи», «заходи щодо», «звернутися до» an office, the hour with «о», the end of a
date range with «до», and a word split after «в»/«з» («в їхати» → «в’їхати»)."""

from __future__ import annotations

from desktop.language.finding import Finding
from desktop.language.grammar_words import (
    OFFICES,
    ORDINALS,
    STOP,
    Features,
    cases_of,
    features,
    finding,
    inflect,
    is_pos,
    key,
    match_case,
    next_word,
    parses,
    singular,
)
from desktop.language.word_cache import word_cache
from desktop.language.words import Token

PREPOSITIONS = frozenset(("по", "згідно", "у", "в", "за", "з", "до"))

# verbs after which «у/в» + an office is «до»: «звернутися до управління»
SEND_VERBS = frozenset(("звернутися", "звертатися", "звернутись", "звертатись", "скерувати", "скеровувати",
                        "направити", "направляти", "надіслати", "надсилати"))

# ---- prepositions ------------------------------------------------------------------------------

def _preposition(text: str, tokens: list[Token], index: int) -> list[Finding]:
    word, start, _end = tokens[index]
    lower = word.lower()
    following = next_word(text, tokens, index)
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
        if all(f[5] == "ініціатива" and f[0] == "NOUN" for f in features(noun)) and "gent" in cases_of(noun):
            fix = match_case(word, "з")
            return [finding(start, noun_end, "preposition-initiative", f"Правильно «{fix} ініціативи».",
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
    return [finding(start, following[2], "split-word", f"Прийменник перед неозначеною формою — розірване слово: «{fix or word + following[0]}».", fix)]


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
    return [finding(tokens[index][1], hours[2], "preposition-hour", f"Час доби — «{fix}».", fix)]


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
        return (all(f[0] == "NOUN" and f[5] in OFFICES for f in found) or all(f[0] == "ADJF" and f[5] in ORDINALS for f in found)
                or key(word) in _ORDINAL_LOCATIVE or infinitive)
    if preposition == "з":
        return any(f[5] in _MONTH_LEMMAS for f in found) or infinitive
    return False


def _po(text: str, tokens: list[Token], index: int) -> list[Finding]:
    """«по районам» → «по районах», «по технічним причинам» → «по технічних причинах»."""
    noun, noun_start, noun_end = tokens[index + 1]
    found = features(noun)
    if found and all(f[0] == "ADJF" for f in found) and any(f[2] == "plur" and f[1] == "datv" for f in found):
        following = next_word(text, tokens, index + 1)
        if following is None:
            return []
        head = features(following[0])
        if head and all(f[0] == "NOUN" and f[2] == "plur" and f[1] == "datv" for f in head):
            adjective = inflect(noun, {"plur", "loct"}, "ADJF")
            fix = inflect(following[0], {"plur", "loct"})
            if adjective and fix:
                return [finding(noun_start, following[2], "preposition-po",
                                 f"«По» з множиною — місцевий відмінок: «по {adjective} {fix}».", f"{adjective} {fix}")]
        return []
    if found and all(f[0] == "NOUN" and f[2] == "plur" and f[1] == "datv" for f in found):
        fix = inflect(noun, {"plur", "loct"})
        if fix:
            return [finding(noun_start, noun_end, "preposition-po", f"«По» з множиною — місцевий відмінок: «по {fix}».", fix)]
    return []


def _zghidno(text: str, tokens: list[Token], index: int) -> list[Finding]:
    word, start, _end = tokens[index]
    noun, _noun_start, noun_end = tokens[index + 1]
    lower = noun.lower()
    if lower in ("з", "із", "зі"):
        return []
    if lower == "до":
        return [finding(start, noun_end, "preposition-zghidno", "Правильно «згідно з».", match_case(word, "згідно з"))]
    found = features(noun)
    if not found or "gent" not in {f[1] for f in found}:
        return []
    words = [noun]
    end = noun_end
    if all(f[0] == "ADJF" for f in found):
        following = next_word(text, tokens, index + 1)
        if following is None or not is_pos(following[0], "NOUN") or "gent" not in cases_of(following[0]):
            return []
        words.append(following[0])
        end = following[2]
    elif not all(f[0] == "NOUN" for f in found):
        return []
    if any("ablt" in cases_of(w) for w in words):
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
    return [finding(start, end, "preposition-zghidno", f"Правильно «згідно з» та орудний відмінок: «{phrase}».", phrase)]


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
        return [finding(start, end, "preposition-measures", f"Заходи вживають щодо когось: «{fix} {noun}».", fix)]
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
    if not found or not noun.islower() or not all(f[0] == "NOUN" and f[5] in OFFICES for f in found):
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
    return [finding(start, noun_end, "preposition-office", f"Звертаються до установи: «{fix}».", fix)]


def _at_hour(text: str, tokens: list[Token], index: int) -> list[Finding]:
    """«у третій годині» → «о третій годині»."""
    word, start, end = tokens[index]
    following = tokens[index + 1]
    hour_index = index + 2
    gap = text[end:following[1]]
    if following[0] in ("й", "ій") and gap.strip().rstrip("-").isdigit():
        hour_index = index + 2  # «у 10-й годині»
    elif gap.strip() or not all(f[0] == "ADJF" and f[5] in ORDINALS for f in features(following[0])) or not features(following[0]):
        return []
    if hour_index >= len(tokens) or tokens[hour_index][0].lower() != "годині":
        return []
    if text[tokens[hour_index - 1][2]:tokens[hour_index][1]].strip():
        return []
    fix = match_case(word, "о")
    return [finding(start, end, "preposition-hour", f"Час доби — з прийменником «о»: «{fix}».", fix)]

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
        if any(ch in STOP for ch in text[tokens[other - 1][2]:start]):
            return []
        if word.lower() == "по":
            month, _m_start, m_end = tokens[other + 1]
            if not _month(month, "accs") or text[tokens[other][2]:tokens[other + 1][1]].strip():
                return []
            gent = inflect(month, {"gent"})
            if gent is None:
                return []
            fix = f"{match_case(word, 'до')} {gent}"
            return [finding(start, m_end, "preposition-date-range", f"Межу проміжку часу позначає «до»: «з … {fix}».", fix)]
    return []
