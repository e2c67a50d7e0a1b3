"""Case forms of officials' names (shevchenko) and positions (pymorphy3) in Ukrainian."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from desktop.language.morphology import morph
from desktop.language.word_cache import word_cache
from desktop.language.words import normal_key

CASES = ("nominative", "genitive", "dative", "accusative", "instrumental", "locative")
GENDERS = ("masculine", "feminine")

_MORPH_CASE = {
    "nominative": "nomn",
    "genitive": "gent",
    "dative": "datv",
    "accusative": "accs",
    "instrumental": "ablt",
    "locative": "loct",
}
_MORPH_GENDER = {"masculine": "masc", "feminine": "femn"}
_APOSTROPHES = "’ʼ"

# Masculine adjectival surnames (Заславський, Лісовий) are mis-declined by shevchenko 1.0
# («Лісовия»), so they get the adjective endings here instead: hard and soft stems.
_HARD_ADJECTIVE_ENDINGS = {
    "genitive": "ого",
    "dative": "ому",
    "accusative": "ого",
    "instrumental": "им",
    "locative": "ому",
}
_SOFT_ADJECTIVE_ENDINGS = {
    "genitive": "ього",
    "dative": "ьому",
    "accusative": "ього",
    "instrumental": "ім",
    "locative": "ьому",
}


def _shevchenko() -> Any:
    import shevchenko

    return shevchenko


def check_case(case: str) -> str:
    """Returns the case name or raises ValueError for an unknown one."""
    if case not in CASES:
        raise ValueError(f"unknown grammatical case: {case!r}")
    return case


def detect_gender(given_name: str, surname: str, patronymic: str | None = None) -> str:
    """'masculine' or 'feminine' from the name; a given name in -а/-я is the fallback clue."""
    data = {"givenName": given_name, "familyName": surname}
    if patronymic:
        data["patronymicName"] = patronymic
    try:
        gender = _shevchenko().detect_gender(data)["gender"]
    except Exception:  # invalid input for shevchenko (empty, Latin letters): fall back below
        gender = None
    if gender is not None:
        return str(getattr(gender, "value", gender))
    if patronymic and patronymic.rstrip().endswith("на"):
        return "feminine"
    return "feminine" if given_name.strip().lower().endswith(("а", "я")) else "masculine"


@dataclass(frozen=True)
class NameForm:
    """One case of a person's name, part by part."""

    given_name: str
    surname: str
    patronymic: str | None = None

    def short(self) -> str:
        """«Юрій Тарасюк»: the form press releases use."""
        return " ".join(part for part in (self.given_name, self.surname) if part)

    def full(self) -> str:
        """«Юрій Петрович Тарасюк»."""
        return " ".join(part for part in (self.given_name, self.patronymic, self.surname) if part)

    def official(self) -> str:
        """«Тарасюк Юрій Петрович»: the order of lists and orders."""
        return " ".join(part for part in (self.surname, self.given_name, self.patronymic) if part)


def _adjectival_surname(surname: str, case: str) -> str | None:
    lower = surname.lower()
    if len(lower) < 4 or case == "nominative":
        return None
    if lower.endswith("ий"):
        return surname[:-2] + _HARD_ADJECTIVE_ENDINGS[case]
    if lower.endswith("ій") and any(p.tag.POS == "ADJF" for p in morph().parse(lower)):
        return surname[:-2] + _SOFT_ADJECTIVE_ENDINGS[case]
    return None


def name_forms(
    given_name: str, surname: str, patronymic: str | None = None, gender: str | None = None
) -> dict[str, NameForm]:
    """Every case of a name; the gender is detected when not given."""
    gender = gender or detect_gender(given_name, surname, patronymic)
    # shevchenko inflects each part on its own (by its kind and the gender): given names and
    # patronymics repeat across a directory, so each part's cases are computed once.
    given = _part_cases("givenName", given_name, gender)
    family = _part_cases("familyName", surname, gender)
    middle = _part_cases("patronymicName", patronymic, gender) if patronymic else None
    forms: dict[str, NameForm] = {}
    for index, case in enumerate(CASES):
        surname_form = family[index]
        if gender == "masculine":
            surname_form = _adjectival_surname(surname, case) or surname_form
        forms[case] = NameForm(given[index], surname_form, middle[index] if middle else None)
    return forms


@word_cache(8192)
def _part_cases(kind: str, value: str, gender: str) -> tuple[str, ...]:
    """One part of a name (givenName, patronymicName, familyName) in every case, in CASES order."""
    shevchenko = _shevchenko()
    forms = []
    for case in CASES:
        if case == "nominative":
            forms.append(value)
            continue
        grammatical_case = shevchenko.GrammaticalCase["ABLATIVE" if case == "instrumental" else case.upper()]
        try:
            out = shevchenko.in_grammatical_case(grammatical_case, {"gender": gender, kind: value})
        except Exception:  # shevchenko refuses some inputs (Latin letters): keep the part as written
            out = {}
        forms.append(out.get(kind) or value)
    return tuple(forms)


def full_name_forms(
    given_name: str,
    surname: str,
    patronymic: str | None = None,
    gender: str | None = None,
    with_patronymic: bool = False,
) -> dict[str, str]:
    """Every case of a name as one string, «Юрій Тарасюк» (or with the patronymic)."""
    forms = name_forms(given_name, surname, patronymic, gender)
    return {case: form.full() if with_patronymic else form.short() for case, form in forms.items()}


def _match_case(original: str, word: str) -> str:
    """Keeps a capital first letter and the original apostrophe sign."""
    for sign in _APOSTROPHES:
        if sign in original:
            word = word.replace("'", sign)
    if original[:1].isupper():
        word = word[:1].upper() + word[1:]
    return word


def _is_abbreviation(token: str) -> bool:
    letters = [c for c in token if c.isalpha()]
    return "." in token or any(c.isdigit() for c in token) or (len(letters) > 1 and token.isupper())


@word_cache(4096)
def _parses(token: str) -> tuple[Any, ...]:
    # A position's words are looked at several times over, and a directory repeats its positions.
    from desktop.language.analysis import parse  # analysis is above: imported when first needed

    return parse(normal_key(token))


def _nominative(parse: Any, plural: bool) -> bool:
    tag = parse.tag
    if tag.case not in (None, "nomn"):
        return False
    return ("plur" in tag) == plural


def _noun_parse(token: str, plural: bool, gender: str | None) -> Any | None:
    candidates = [
        p
        for p in _parses(token)
        if p.tag.POS == "NOUN"
        and _nominative(p, plural)
        and "Surn" not in p.tag
        and "Name" not in p.tag
        and "Pltm" not in p.tag
    ]
    if not candidates:
        return None
    # «голова» is both masculine and feminine: the person's gender decides, animate first
    wanted = _MORPH_GENDER.get(gender or "")
    candidates.sort(key=lambda p: ("anim" not in p.tag, bool(wanted) and wanted not in p.tag))
    return candidates[0]


def _adjective_parse(token: str, plural: bool) -> Any | None:
    for parse in _parses(token):
        if parse.tag.POS in ("ADJF", "PRTF", "NUMR") and _nominative(parse, plural):
            return parse
    return None


@dataclass
class _Word:
    index: int
    parse: Any
    is_noun: bool


def _head_words(tokens: list[str], plural: bool, gender: str | None) -> list[_Word]:
    """The leading adjectives and the head noun: the part of a position that declines."""
    words: list[_Word] = []
    for index, token in enumerate(tokens):
        if not token or _is_abbreviation(token) or not re.fullmatch(r"[\w'’ʼ-]+", token):
            break
        adjective = _adjective_parse(token, plural)
        noun = _noun_parse(token, plural, gender)
        following = tokens[index + 1] if index + 1 < len(tokens) else ""
        continues = (
            bool(following)
            and not _is_abbreviation(following)
            and (_adjective_parse(following, plural) or _noun_parse(following, plural, gender))
        )
        if adjective is not None and (noun is None or continues):
            words.append(_Word(index, adjective, False))
            continue
        if noun is not None:
            words.append(_Word(index, noun, True))
        break
    return words


def _agreement_tags(words: list[_Word], plural: bool, gender: str | None) -> set[str]:
    if plural:
        return {"plur"}
    head = next((w for w in words if w.is_noun), None)
    if head is not None and head.parse.tag.gender:
        return {head.parse.tag.gender}
    for word in words:
        if word.parse.tag.gender:
            return {word.parse.tag.gender}
    return {_MORPH_GENDER.get(gender or "", "masc")}


def _inflect_word(word: _Word, case: str, agreement: set[str], animate: bool) -> str | None:
    grammeme = _MORPH_CASE[case]
    # the locative of a masculine person and of masculine adjectives reads as the dative in
    # modern usage («при начальникові», «першому»), not «директорі», «першім»
    if grammeme == "loct" and agreement & {"masc", "neut"} and (animate or not word.is_noun):
        grammeme = "datv"
    if word.is_noun:
        wanted = {grammeme} | ({"plur"} if "plur" in agreement else set())
        result = word.parse.inflect(wanted)
        return result.word if result else None
    # an animate masculine or plural head takes the genitive form of its adjectives in the accusative
    if grammeme == "accs" and animate and agreement & {"masc", "plur"}:
        grammeme = "gent"
    result = word.parse.inflect({grammeme} | agreement)
    return result.word if result else None


def position_forms(position: str, gender: str | None = None, plural: bool = False) -> dict[str, str]:
    """Every case of a position: the leading adjectives and the head noun decline, the rest stays."""
    position = " ".join(position.split())
    tokens = position.split(" ")
    words = _head_words(tokens, plural, gender)
    forms = {"nominative": position}
    if not words:
        return {case: position for case in CASES}
    agreement = _agreement_tags(words, plural, gender)
    head = next((w for w in words if w.is_noun), words[-1])
    animate = "inan" not in head.parse.tag
    for case in CASES[1:]:
        declined = list(tokens)
        for word in words:
            form = _inflect_word(word, case, agreement, animate)
            if form:
                declined[word.index] = _match_case(tokens[word.index], form)
        forms[case] = " ".join(declined)
    return forms


def phrase_gender(phrase: str) -> str:
    """'masculine', 'feminine', 'neuter' or 'plural' of a noun phrase's first noun («Міжнародний саміт…»)."""
    for token in phrase.replace("«", " ").split():
        nouns = [p for p in _parses(token.strip(",.;:»")) if p.tag.POS == "NOUN" and "Surn" not in p.tag]
        if not nouns or _is_abbreviation(token):
            continue
        # the nominative reading first; an oblique one («подією») still tells the gender
        nouns.sort(key=lambda p: p.tag.case not in (None, "nomn"))
        tag = nouns[0].tag
        if "plur" in tag or "Pltm" in tag:
            return "plural"
        return {"masc": "masculine", "femn": "feminine", "neut": "neuter"}.get(tag.gender or "", "masculine")
    return "masculine"
