"""Renamed settlements and districts: an old name («Кіровоград», «Новомосковськ», «Червоноградський район»)
found in every inflected form, with the current name in the same form.

The table (resources/proofing/languagetool/data/renamed_places.csv) is LanguageTool's replace_renamed.txt
(LGPL-2.1) kept to the renamings the official codifier КАТОТТГ confirms; scripts/build_renamed_places.py
rebuilds it.
"""

from __future__ import annotations

import csv
import re
from bisect import bisect_left
from dataclasses import dataclass
from functools import lru_cache
from operator import itemgetter
from pathlib import Path

from desktop.language.finding import Finding
from desktop.language.inflection import morph
from desktop.language.phrases import PhraseMatch, PhraseMatcher, all_word_forms
from desktop.language.words import Token, normal_key, tokenize
from desktop.paths import resource

RENAMED_PLACES_FILE = resource("proofing", "languagetool", "data", "renamed_places.csv")
MESSAGE = "«{}» перейменовано; чинна назва за кодифікатором КАТОТТГ — «{}»."
# A sentence that tells the history («колишній Кіровоград», «до перейменування») names the old place on purpose.
HISTORY_RE = re.compile(r"колишн|раніше|перейменув|перейменован|стара назва|старою назвою|історичн|до \d{4}",
                        re.IGNORECASE)
SENTENCE_END_RE = re.compile(r"[.!?\n]")
CASES = frozenset({"nomn", "gent", "datv", "accs", "ablt", "loct", "voct"})
NUMBERS = frozenset({"plur"})
GENDERS = frozenset({"masc", "femn", "neut"})
PERSON = frozenset({"Surn", "Name", "Patr"})
# The case a preposition before the name asks for, when the form alone is ambiguous («Дніпропетровську»).
PREPOSITION_CASES = {"у": "loct", "в": "loct", "на": "loct", "при": "loct", "до": "gent", "з": "gent",
                     "із": "gent", "зі": "gent", "від": "gent", "біля": "gent", "для": "gent", "поблизу": "gent"}
MODIFIERS = frozenset({"ADJF", "PRTF", "NUMR"})
# Endings of a district's name, for hyphenated names the analyser does not inflect («Новоград-Волинського»).
ADJECTIVE_FORMS = {"ий": ("ого", "ому", "им", "ім", "а", "ої", "ій", "у", "ою", "е", "і", "их", "ими"),
                   "ій": ("ього", "ьому", "ім", "я", "ьої", "ю", "ьою", "є", "і", "іх", "іми")}

_token_start = itemgetter(1)


@dataclass(frozen=True)
class RenamedPlace:
    """One renaming: the old name and the current ones (several places may have borne the old name)."""

    old: str
    current: tuple[str, ...]

    @property
    def is_adjective(self) -> bool:
        """A district's or a hromada's name («красноградський»), written in lowercase in the table."""
        return self.old[:1].islower()


def load_renamed_places(path: Path = RENAMED_PLACES_FILE) -> list[RenamedPlace]:
    """The rows of the renamed places table (old, current names joined by «|»)."""
    with open(path, encoding="utf-8", newline="") as handle:
        # the typographic apostrophe in what is offered, so that a fix raises no apostrophe finding
        return [RenamedPlace(row["old"].strip(),
                             tuple(name.strip().replace("'", "’") for name in row["current"].split("|")))
                for row in csv.DictReader(handle) if row.get("old", "").strip()]


def _written_forms(place: RenamedPlace) -> list[str]:
    """The table's name, and for a hyphenated district name its inflected forms (the matcher inflects
    only single words)."""
    forms = [place.old]
    if place.is_adjective and "-" in place.old:
        for ending, endings in ADJECTIVE_FORMS.items():
            if place.old.endswith(ending):
                forms += [place.old[: -len(ending)] + other for other in endings]
    return forms


def _is_another_noun(word: str, old: str) -> bool:
    """Whether word is also a form of another noun: «Гончарів» (a surname, the potters) of «Гончари»,
    «новгородці» of «Новгородка»."""
    return any(p.tag.POS == "NOUN" and normal_key(p.normal_form) != normal_key(old)
               for p in morph().parse(normal_key(word)))


def _names_a_body_in_force(word: str, tokens: list[Token], following: int) -> bool:
    """Whether word is here an adjective agreeing with the noun after it: «Дніпропетровська область»,
    «Комсомольського району» name the oblast or district, not the renamed city."""
    adjectives = [p for p in morph().parse(normal_key(word)) if p.tag.POS == "ADJF"]
    if not adjectives:
        return False
    for position in range(following, min(following + 3, len(tokens))):
        parses = morph().parse(normal_key(tokens[position][0]))
        nouns = [p for p in parses if p.tag.POS == "NOUN"]
        for adjective in adjectives:
            wanted = set(adjective.tag.grammemes) & (CASES | GENDERS | NUMBERS)
            if any(wanted <= set(noun.tag.grammemes) | ({"masc", "femn", "neut"} if "plur" in wanted else set())
                   for noun in nouns):
                return True
        if not parses or not all(p.tag.POS in MODIFIERS for p in parses):
            return False
    return False


def _sentence(text: str, start: int, end: int) -> str:
    before = max((m.end() for m in SENTENCE_END_RE.finditer(text, 0, start)), default=0)
    after = SENTENCE_END_RE.search(text, end)
    return text[before:after.start() if after else len(text)]


def _inflect_name(name: str, grammemes: set[str], part_of_speech: str | None = None) -> str | None:
    """name (one or several words) in the given case and number, or None when a word will not inflect."""
    words = []
    for word in name.split():
        if not morph().word_is_known(normal_key(word)):
            return None  # a guessed paradigm would invent a form
        parses = morph().parse(normal_key(word))
        # the dictionary form; a plural name («Горішні Плавні») is its own nominative plural
        parses = [p for p in parses if normal_key(p.normal_form) == normal_key(word)] or [
            p for p in parses if "nomn" in p.tag and "plur" in p.tag]
        # a place: not the surname or given name spelt alike, not an indeclinable reading
        parses.sort(key=lambda p: (bool(PERSON & set(p.tag.grammemes)), "Fixd" in p.tag,
                                   len(name.split()) == 1 and part_of_speech != p.tag.POS))
        inflected = None
        for parse in parses:
            wanted = (grammemes & CASES) | ({"plur"} if "plur" in parse.tag else grammemes - CASES)
            inflected = parse.inflect(wanted) or parse.inflect(wanted & CASES)
            if inflected is not None:
                break
        if inflected is None:
            return None
        words.append(inflected.word[:1].upper() + inflected.word[1:] if word[:1].isupper() else inflected.word)
    return " ".join(words)


def _shared_ending_transfer(old: str, new: str, form: str) -> str | None:
    """form of old respelt as new when both end alike («красноградського» → «берестинського»)."""
    shared = 0
    while shared < min(len(old), len(new)) and old[-1 - shared] == new[-1 - shared]:
        shared += 1
    if shared < 2 or not form.startswith(old[:len(old) - shared]):
        return None
    return new[:len(new) - shared] + form[len(old) - shared:]


def _consonant_stem_transfer(old: str, new: str, form: str) -> str | None:
    """form of old with new in its place when both are one word ending in a consonant, so decline alike
    («Новомосковську» → «Самару»)."""
    vowels = "аеєиіїоуюяь'"
    if " " in new or old[-1] in vowels or new[-1] in vowels or not form.startswith(old):
        return None
    return new + form[len(old):]


class RenamedPlacesChecker:
    """Finds old names of renamed places and proposes the current name in the matched form."""

    def __init__(self, places: list[RenamedPlace] | None = None) -> None:
        self.places = load_renamed_places() if places is None else places
        phrases, self._place_of = [], []
        for index, place in enumerate(self.places):
            for form in _written_forms(place):
                phrases.append(form)
                self._place_of.append(index)
        self._matcher = PhraseMatcher(phrases)
        self._cache: dict[tuple[int, str, str | None], tuple[str, ...]] = {}
        self._current_forms: frozenset[str] | None = None

    def clear_caches(self) -> None:
        """Forget the inflected suggestions made so far."""
        self._cache.clear()

    def current_name_forms(self) -> frozenset[str]:
        """Every form of every current name's words, lowercased with the typewriter apostrophe: words the
        spelling dictionary may lack («Звягельської») but a fix offers."""
        if self._current_forms is None:
            words = sorted({normal_key(word) for place in self.places for name in place.current for word in name.split()})
            forms = set(words)
            for word_forms in all_word_forms(words).values():
                forms |= word_forms
            for word in words:
                for ending, endings in ADJECTIVE_FORMS.items():
                    if word.endswith(ending):
                        forms |= {word[: -len(ending)] + other for other in endings}
            self._current_forms = frozenset(forms)
        return self._current_forms

    def findings(self, text: str, tokens: list[Token] | None = None, lowered: list[str] | None = None,
                 vocabulary: set[str] | None = None) -> list[Finding]:
        """Every old place name of text that the sentence around it does not explain (tokens, lowered,
        vocabulary: see PhraseMatcher.find)."""
        found = []
        for match in self._matcher.find(text, tokens, lowered, vocabulary):
            place = self.places[self._place_of[match.index]]
            word = match.words[0]
            if not place.is_adjective and not word[:1].isupper():
                continue  # a common word spelt like an old name
            if tokens is None:
                tokens = tokenize(text)
            position = bisect_left(tokens, match.start, key=_token_start)
            if not place.is_adjective and (_is_another_noun(word, place.old)
                                           or _names_a_body_in_force(word, tokens, position + 1)):
                continue
            sentence = _sentence(text, match.start, match.end)
            if HISTORY_RE.search(sentence) or any(name in sentence.replace(word, " ") for name in place.current):
                continue
            before = tokens[position - 1][0].lower() if position > 0 else ""
            suggestions = self._suggestions(match, place, PREPOSITION_CASES.get(before))
            message = MESSAGE.format(text[match.start:match.end], "», «".join(place.current))
            found.append(Finding(match.start, match.end, "style", f"renamed:{place.old}", message, suggestions))
        return found

    def _suggestions(self, match: PhraseMatch, place: RenamedPlace, case: str | None) -> tuple[str, ...]:
        key = (self._place_of[match.index], match.words[0], case)
        if key not in self._cache:
            self._cache[key] = self._inflected(match.words[0], place, case)
        return self._cache[key]

    def _inflected(self, word: str, place: RenamedPlace, case: str | None) -> tuple[str, ...]:
        form, old = normal_key(word), normal_key(place.old)
        parses = [p for p in morph().parse(form) if normal_key(p.normal_form) == old]
        parses.sort(key=lambda p: case is None or case not in p.tag)
        suggestions = []
        for name in place.current:
            if form == old:
                inflected: str | None = name
            else:
                inflected = _shared_ending_transfer(old, normal_key(name), form) if place.is_adjective else None
                if inflected is None and parses:
                    grammemes = set(parses[0].tag.grammemes) & (CASES | NUMBERS)
                    if place.is_adjective:
                        grammemes |= set(parses[0].tag.grammemes) & GENDERS
                    inflected = _inflect_name(name, grammemes, str(parses[0].tag.POS))
                if inflected is None:
                    inflected = _consonant_stem_transfer(old, normal_key(name), form)
            if inflected is None:
                continue
            capital = word[:1].isupper()
            inflected = inflected.replace("'", "’")  # the analyser writes the typewriter apostrophe
            suggestions.append(inflected[:1].upper() + inflected[1:] if capital else inflected)
        return tuple(suggestions)


@lru_cache(maxsize=1)
def default_renamed_places_checker() -> RenamedPlacesChecker:
    """The renamed places checker over the shipped table, built once."""
    return RenamedPlacesChecker()

