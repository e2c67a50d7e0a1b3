"""False alarms of the spelling layer: surnames after a given name, initials or a title, and words
pymorphy3's Ukrainian dictionary knows though hunspell does not."""

from __future__ import annotations

import re

from desktop.language.grammar import parses
from desktop.language.lexicon import lexicon

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
    return lexicon().standard(word.lower().replace("’", "'").replace("ʼ", "'"))


def is_surname(text: str, start: int) -> bool:
    """Whether the capitalised word at start follows a given name, initials or a title: a surname."""
    if not text[start:start + 1].isupper():
        return False
    before = text[max(0, start - 40):start]
    if _INITIALS_RE.search(before):
        return True
    previous = re.search(r"(\w+)\s+$", before)
    if previous is None:
        return False
    word = previous.group(1)
    if word.lower() in TITLES:
        # «начальник Коростенськоі районної …»: a name of a body, not a surname, follows the title
        return not _body_name_follows(text, start)
    found = parses(word)
    return word[:1].isupper() and bool(found) and all("Name" in p.tag for p in found)


def _body_name_follows(text: str, start: int) -> bool:
    following = re.match(r"\w+\s+([а-яіїєґ’']+)", text[start:start + 80])
    return following is not None and any("ADJF" in p.tag for p in parses(following.group(1)))


def false_alarm(text: str, word: str, start: int) -> bool:
    """Whether a word hunspell rejects is nonetheless correct: a surname, or a word pymorphy3 knows."""
    return is_surname(text, start) or (word.islower() and known_word(word))
