"""False alarms of the spelling layer: surnames after a given name, initials or a title, and words
pymorphy3's Ukrainian dictionary knows though hunspell does not."""

from __future__ import annotations

import re

from desktop.language.grammar import parses
from desktop.language.lexicon import lexicon
from desktop.language.word_cache import word_cache

# position and title words a surname follows («голова Петренко», «пан Коваленко»)
TITLES = frozenset((
    "пан", "пані", "голова", "голови", "заступник", "заступника", "заступниця", "начальник", "начальника",
    "начальниця", "директор", "директора", "директорка", "міністр", "міністра", "міністерка", "депутат",
    "депутата", "депутатка", "мер", "староста", "секретар", "секретаря", "керівник", "керівника", "керівниця",
    "генерал", "полковник", "майор", "лейтенант", "капітан", "професор", "доктор", "лікар", "спікер",
))
_INITIALS_RE = re.compile(r"(?:\b[А-ЯІЇЄҐ]\.\s?){1,2}$")


def known_word(word: str) -> bool:
    """Whether pymorphy3's dictionary (not its guesser) knows word as a standard form (not «реґіонів», «приняли»)."""
    return lexicon().standard(word.lower().replace("’", "'").replace("ʼ", "'"), written_lowercase=word.islower())


# Letter sequences no Ukrainian word has: «ї» right after a consonant («Осадчї»: «'ї» or a vowel before it),
# a soft sign after a vowel or at the start, Russian letters. A word with one is a typo, never a name.
_IMPOSSIBLE_RE = re.compile(r"[бвгґджзклмнпрстфхцчшщ]ї|[аеєиіїоуюяь]ь|^ь|[ыэъё]", re.IGNORECASE)
# Words that name a settlement before its name («с. Чкалово», «у селищі Нове»).
_PLACE_MARKER_RE = re.compile(
    r"(?:\b(?:с|смт|м|сел|с-ще)\.|\bсмт|\b(?:сел[оіа]|селом|селищ[еіау]|селищем|міст[оіау]|містом|"
    r"хутор[іау]?|село|селище))\s+$", re.IGNORECASE)
# Endings of Ukrainian place names, in the forms they take after «у с.», «до смт»
_PLACE_ENDING_RE = re.compile(
    r"(?:[оеє]в[еоіа]|[оеє]вого|[оеє]вому|[иіїе]н[еоіа]|[иі]ного|[ії]вк[аиіуо]|[ії]вкою|[ии]чі|[иі]чах|ц[іяь]|"
    r"ськ[аиуоіе]?|цьк[аиуоіе]?|поль|пол[яі]|піль|город[аіу]?|град[аіу]?|ів|їв|ин|ине|ани|яни|ка|ки|ці)$")
# The patronymic written as in Russian: «Юрієвич» for «Юрійович», «Ігоревна» for «Ігорівна»
_RUSSIAN_PATRONYMIC_RE = re.compile(r"^(?P<stem>[А-ЯІЇЄҐ][а-яіїєґ']+?)(?P<vowel>і?[еє])в(?P<end>ич|н)(?P<case>[а-яії]{0,3})$")


def impossible_spelling(word: str) -> bool:
    """Whether word has a letter sequence no Ukrainian word has."""
    return _IMPOSSIBLE_RE.search(word) is not None


def is_surname(text: str, start: int) -> bool:
    """Whether the capitalised word at start follows a given name, initials or a title (or comes before
    initials): a surname; or follows «с.», «смт», «село» and ends as a place name does."""
    if not text[start:start + 1].isupper():
        return False
    word = re.match(r"[\w'’ʼ-]+", text[start:start + 60])
    if word is None or impossible_spelling(word.group()) or russian_patronymic(word.group()):
        return False
    before = text[max(0, start - 40):start]
    if _INITIALS_RE.search(before) or _INITIALS_AFTER_RE.match(text, start + len(word.group())):
        return True
    if _PLACE_MARKER_RE.search(before):
        return _PLACE_ENDING_RE.search(word.group()) is not None
    previous = re.search(r"(\w+)\s+$", before)
    if previous is None:
        return False
    name = previous.group(1)
    if name.lower() in TITLES:
        # «начальник Коростенськоі районної …»: a name of a body, not a surname, follows the title;
        # «Директор Дапартаменту освіти»: a common word mistyped, not a surname
        return not _body_name_follows(text, start) and not near_miss(word.group())
    # a given name («Ігор», though also «ігор» of «гра»), not a word that is sometimes one («Далі», «Надія»
    # stays: a noun): no parse of a word of another kind
    found = parses(name)
    return (name[:1].isupper() and any("Name" in p.tag for p in found)
            and not any(p.tag.POS in _NOT_NAME_POS for p in found))


_NOT_NAME_POS = frozenset({"ADVB", "VERB", "INFN", "PREP", "CONJ", "PRCL", "NPRO", "INTJ", "NUMR", "PRED", "GRND"})


_INITIALS_AFTER_RE = re.compile(r"\s+[А-ЯІЇЄҐ]\.\s?(?:[А-ЯІЇЄҐ]\.)?")


def _body_name_follows(text: str, start: int) -> bool:
    following = re.match(r"\w+\s+([а-яіїєґ’']+)", text[start:start + 80])
    return following is not None and any("ADJF" in p.tag for p in parses(following.group(1)))


_ALPHABET = "абвгґдеєжзиіїйклмнопрстуфхцчшщьюя'"


@word_cache(4096)
def near_miss(word: str) -> bool:
    """Whether word is one letter away (a letter wrong, missing, extra or two swapped) from a common
    word's genitive (not a name's, not a distorted form): after a title, «Дапартаменту» is the body's
    name mistyped («Директор Департаменту»), where a surname would agree with the title."""
    lower = word.lower().replace("’", "'").replace("ʼ", "'")
    if len(lower) < 6:  # short names are a letter from some word or other («Огір», «опір»)
        return False
    splits = [(lower[:i], lower[i:]) for i in range(len(lower) + 1)]
    candidates = {a + b[1:] for a, b in splits if b}
    candidates |= {a + b[1] + b[0] + b[2:] for a, b in splits if len(b) > 1}
    candidates |= {a + c + b[1:] for a, b in splits if b for c in _ALPHABET}
    candidates |= {a + c + b for a, b in splits for c in _ALPHABET}
    candidates.discard(lower)
    _found, common = lexicon().standard_many(candidates)
    return any(not (p.tag.grammemes & _NOT_COMMON) and "gent" in p.tag for candidate in common
               for p in parses(candidate))


_NOT_COMMON = frozenset({"Name", "Surn", "Patr", "Dist"})


def russian_patronymic(word: str) -> str | None:
    """The Ukrainian form of a patronymic written as in Russian («Юрієвич» → «Юрійович»), if the
    dictionary knows it."""
    match = _RUSSIAN_PATRONYMIC_RE.match(word)
    if match is None:
        return None
    stem, vowel, end, case = match["stem"], match["vowel"], match["end"], match["case"]
    soft = vowel.startswith("і") or vowel == "є"
    if end == "ич":
        fixed = stem + ("ійович" if soft else "ович") + case
    else:
        fixed = stem + ("іївн" if soft else "івн") + case
    return fixed if any("Patr" in p.tag for p in parses(fixed)) else None


# Prefixes that make new words of any word, written together with it (Правопис 2019, § 35): «напівгіркий».
PREFIXES = ("напів", "само", "між", "понад", "анти", "пост", "супер", "ультра", "контр", "псевдо", "міні",
            "мікро", "макро", "мега", "нео", "квазі", "гіпер", "авіа", "авто", "агро", "біо", "гідро",
            "електро", "енерго", "фото", "теле", "радіо", "відео", "кібер", "еко", "мульти", "інфра", "етно")


def prefixed_word(word: str) -> bool:
    """Whether word is a productive prefix and a common word the dictionary holds («напівгіркий»)."""
    lower = word.lower()
    if not lower.startswith(PREFIXES):  # most words: no prefix at all, told in C
        return False
    for prefix in PREFIXES:
        rest = lower[len(prefix):]
        if lower.startswith(prefix) and len(rest) >= 4 and "-" not in rest:
            return lexicon().standard(rest, written_lowercase=True)
    return False


def place_compound(word: str) -> bool:
    """Whether word is a hyphenated place name whose first part is an adverb in -о («Мало-Янисоль»,
    «Високо-Литовськ»): the second part is a name, not a misspelling."""
    parts = word.split("-")
    return (len(parts) == 2 and all(part[:1].isupper() and part[1:].islower() for part in parts)
            and parts[0].endswith("о") and known_word(parts[0].lower()) and not impossible_spelling(parts[1]))


def false_alarm(text: str, word: str, start: int, looked_up: bool = False) -> bool:
    """Whether a word hunspell rejects is nonetheless correct: a surname, a place, a prefixed word, or a
    word pymorphy3 knows (looked_up: the caller found it is not one, known_word is not asked again)."""
    if word.islower():
        return (not looked_up and known_word(word)) or prefixed_word(word)
    return is_surname(text, start) or place_compound(word) or (word[1:].islower() and prefixed_word(word))
