"""What every grammar rule reads of a word: its pymorphy3 parses and features (POS, case, number, gender,
indeclinable, lemma, animate), cached per word and primed for a whole text at once; the inflection helpers
that build a fix in the right form (inflect, singular, lemma_form, match_case), adjective-noun agreement,
the word after a word, the Finding constructor, and the word lists and tables more than one rule group uses
(offices, ordinals, the sentence stops, the grammar tables' reader)."""

from __future__ import annotations

import inspect
from collections.abc import Iterable
from functools import cache
from itertools import repeat
from pathlib import Path
from typing import Any

from desktop.language import analysis
from desktop.language.finding import Finding
from desktop.language.inflection import morph
from desktop.language.lexicon import lexicon
from desktop.language.word_cache import register, word_cache
from desktop.language.words import Token
from desktop.paths import resource

GRAMMAR_DIR = resource("proofing", "grammar")

OFFICES = frozenset(("управління", "відділ", "департамент", "міністерство", "служба", "прокуратура", "адміністрація",
                      "суд", "поліція", "комісія", "центр", "інспекція", "рада", "виконком", "фонд", "агенція"))

STOP = ".;:!?\n"

def table(name: str) -> dict[str, str]:
    rows: dict[str, str] = {}
    path: Path = GRAMMAR_DIR / name
    lines = [line for line in path.read_text(encoding="utf-8").splitlines() if line and not line.startswith("#")]
    for line in lines[1:]:
        key, value = line.split("\t")[:2]
        rows[key] = value
    return rows

def key(word: str) -> str:
    return word.lower().replace("’", "'").replace("ʼ", "'")


def keys_of(words: list[str]) -> list[str]:
    """key() of each of words, in C (maps over the str methods: no Python call a word)."""
    lowered = map(str.lower, words)
    return list(map(str.replace, map(str.replace, lowered, repeat("’"), repeat("'")), repeat("ʼ"), repeat("'")))


@word_cache(65536)
def parses(word: str) -> tuple:
    """pymorphy3's known (dictionary) parses of word, cached per word."""
    return analysis.known(key(word))


Features = tuple[str | None, str | None, str | None, str | None, bool, str, bool]


# word as written -> its features (a dict, not an lru_cache: prime_features fills it for a whole text at once)
_FEATURES: dict[str, tuple[Features, ...]] = {}
register(_FEATURES)
_FEATURES_LIMIT = 65536
# a paradigm's form (paradigm id << 16 | form index) -> its POS, case, number, gender, whether indeclinable,
# whether animate, and how its lemma is built from its spelling (as analysis.lemma): dictionary data, decoded
# as the words need it, so forgotten with the word caches
FormFeatures = tuple[str | None, str | None, str | None, str | None, bool, bool, int, int | None, str, str]
_FORM_FEATURES: dict[int, FormFeatures] = {}
register(_FORM_FEATURES)
_FORM_FEATURES_LIMIT = 200_000
TagFeatures = tuple[str | None, str | None, str | None, str | None, bool, bool]


def features(word: str) -> tuple[Features, ...]:
    """Each known parse as (POS, case, number, gender, indeclinable, lemma, animate), cached per word."""
    found = _FEATURES.get(word)
    if found is None:
        found = _features_of(word, key(word))
        if len(_FEATURES) >= _FEATURES_LIMIT:
            _FEATURES.clear()
        _FEATURES[word] = found
    return found


def prime_features(words: Iterable[str], keys: dict[str, str] | None = None) -> None:
    """Computes the features of words (as written) not cached yet, the dictionary read once for all
    (keys: each word's key(), when known already)."""
    cached = _FEATURES
    new = [word for word in words if word not in cached]
    if not new:
        return
    if len(cached) + len(new) > _FEATURES_LIMIT:
        cached.clear()
    lowers = keys_of(new) if keys is None else list(map(keys.__getitem__, new))
    analysis.prime(set(lowers))
    for word, lower in zip(new, lowers, strict=True):
        cached[word] = _features_of(word, lower)


def _features_of(word: str, lower: str) -> tuple[Features, ...]:
    """word's features (lower: its key) from its dictionary entries (pymorphy3's parse for a word not read directly)."""
    entries = analysis.entries(lower)
    if entries is None:
        return tuple((plain(p.tag.POS), plain(p.tag.case), plain(p.tag.number), plain(p.tag.gender),
                      "Fixd" in p.tag, p.normal_form, p.tag.animacy == "anim") for p in parses(word))
    table = _FORM_FEATURES
    found = []
    for position in range(0, len(entries), 2):
        spelling: str = entries[position]
        forms: tuple[int, ...] = entries[position + 1]
        for form in forms:
            record = table.get(form)
            if record is None:
                record = _form_features(form)
            # the lemma: the stem between the lemma's prefix and suffix (the first form's is the spelling itself)
            lemma = record[8] + spelling[record[6]:record[7]] + record[9] if form & 0xFFFF else spelling
            found.append((record[0], record[1], record[2], record[3], record[4], lemma, record[5]))
    return tuple(found)


def _form_features(form: int) -> FormFeatures:
    """The features of a paradigm's form (paradigm id << 16 | index) and its lemma's making (see
    _FORM_FEATURES), decoded and kept (pymorphy3's build_tag_info and build_normal_form, taken apart as
    analysis.form does)."""
    paradigm_id, index = form >> 16, form & 0xFFFF
    dictionary = morph().dictionary
    paradigm = dictionary.paradigms[paradigm_id]
    length = len(paradigm) // 3
    suffix = dictionary.suffixes[paradigm[index]]
    fields = _tags()[paradigm[length + index]]
    if len(_FORM_FEATURES) > _FORM_FEATURES_LIMIT:
        _FORM_FEATURES.clear()
    prefixes = dictionary.paradigm_prefixes
    record = _FORM_FEATURES[form] = (
        *fields, len(prefixes[paradigm[length * 2 + index]]), -len(suffix) if suffix else None,
        prefixes[paradigm[length * 2]], dictionary.suffixes[paradigm[0]])
    return record


# the parts of speech a rule's role asks of a word, as bits (parts_of_speech)
ADJECTIVE_POS, VERB_POS = 1, 2
_POS_BITS = {"ADJF": ADJECTIVE_POS, "PRTF": ADJECTIVE_POS, "VERB": VERB_POS}


def parts_of_speech(entries: Iterable[tuple[Any, ...] | None]) -> list[int]:
    """The bits (ADJECTIVE_POS, VERB_POS) of the parts of speech of each word's dictionary entries
    (analysis.entries; 0 for None): the POS of its features, without building them."""
    table = _paradigm_pos()
    found = []
    for entry in entries:
        bits = 0
        if entry:
            for forms in entry[1::2]:
                for form in forms:
                    bits |= table[form >> 16][form & 0xFFFF]
        found.append(bits)
    return found


@cache
def _paradigm_pos() -> list[bytes]:
    """Each paradigm's forms' POS bits, by form index (dictionary data: ~5 ms once, the tags' features first)."""
    dictionary = morph().dictionary
    tags = _tags()
    bits = bytes(_POS_BITS.get(fields[0], 0) for fields in tags)  # type: ignore[arg-type]
    return [bytes(map(bits.__getitem__, paradigm[len(paradigm) // 3:len(paradigm) // 3 * 2]))
            for paradigm in dictionary.paradigms]


def lexeme_forms(lemmas: Iterable[str]) -> frozenset[str]:
    """Every spelling the dictionary holds with a parse whose lemma is one of lemmas (dictionary data:
    the forms of each lexeme whose first form is the lemma, as pymorphy3 builds a lexeme)."""
    dictionary = morph().dictionary
    prefixes, suffixes = dictionary.paradigm_prefixes, dictionary.suffixes
    found: set[str] = set()
    for lemma in lemmas:
        for paradigm_id, index in lexicon().payloads(lemma):
            if index:
                continue
            paradigm = dictionary.paradigms[paradigm_id]
            length = len(paradigm) // 3
            stem = lemma[len(prefixes[paradigm[length * 2]]):len(lemma) - len(suffixes[paradigm[0]])]
            found.update(prefixes[paradigm[length * 2 + i]] + stem + suffixes[paradigm[i]] for i in range(length))
    return frozenset(found)


@cache
def _tags() -> tuple[TagFeatures, ...]:
    """pymorphy3's tag id -> (POS, case, number, gender, indeclinable, animate): dictionary data, decoded
    once for every tag (~6 ms)."""
    return tuple(map(_tag_features, morph().dictionary.gramtab))


def _tag_features(tag: Any) -> TagFeatures:
    """(plain(tag.POS), plain(tag.case), plain(tag.number), plain(tag.gender), "Fixd" in tag,
    tag.animacy == "anim"), each category picked as pymorphy3's descriptor picks it (the first grammeme of
    the category's set & the tag's grammemes), without a descriptor call for each."""
    grammemes = tag.grammemes
    picked = []
    for category in _categories(type(tag)):
        found = category & grammemes
        picked.append(str(next(iter(found))) if found else None)
    pos, case, number, gender, animacy = picked
    return pos, case, number, gender, "Fixd" in grammemes, animacy == "anim"


_CATEGORIES: dict[Any, tuple[frozenset[str], ...]] = {}  # a tag class -> its category sets (not per word)


def _categories(tag_class: Any) -> tuple[frozenset[str], ...]:
    """The grammeme sets of a tag class's POS, case, number, gender and animacy (pymorphy3's descriptors')."""
    found = _CATEGORIES.get(tag_class)
    if found is None:
        found = _CATEGORIES[tag_class] = tuple(inspect.getattr_static(tag_class, name).grammeme_set
                                               for name in ("POS", "case", "number", "gender", "animacy"))
    return found


def plain(grammeme: object) -> str | None:
    """pymorphy3's grammeme as a plain str (its own compares slowly, in Python)."""
    return None if grammeme is None else str(grammeme)


@word_cache(65536)
def is_pos(word: str, pos: str) -> bool:
    found = features(word)
    return bool(found) and all(pos == f[0] for f in found)


def cases_of(word: str, pos: str | None = None) -> set[str | None]:
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


def lemma_form(lemma: str, grammemes: set[str], pos: str) -> str | None:
    return _lemma_form_cached(lemma, frozenset(grammemes), pos)


@word_cache(4096)
def _lemma_form_cached(lemma: str, grammemes: frozenset[str], pos: str) -> str | None:
    forms = {f.word for p in morph().parse(lemma) if p.is_known and pos == p.tag.POS and p.normal_form == lemma
             if (f := p.inflect(grammemes)) is not None}
    return forms.pop() if len(forms) == 1 else None


def finding(start: int, end: int, rule: str, message: str, fix: str | None) -> Finding:
    return Finding(start, end, "grammar", rule, message, (fix,) if fix else ())


def next_word(text: str, tokens: list[Token], index: int) -> Token | None:
    """The word right after tokens[index], when only a space parts them."""
    if index + 1 >= len(tokens):
        return None
    following = tokens[index + 1]
    return following if not text[tokens[index][2]:following[1]].strip() else None


def instrumental_phrase(text: str, tokens: list[Token], index: int, animate: bool) -> list[Token] | None:
    """The noun in the instrumental after the word at index, with the one adjective before it if there is one
    («відділом», «обласним управлінням»); None unless every parse of the noun is an instrumental noun of the
    animacy asked for, written in small letters."""
    following = next_word(text, tokens, index)
    if following is None:
        return None
    words = [following]
    if all(f[0] in ("ADJF", "PRTF") for f in features(following[0])) and "ablt" in cases_of(following[0]):
        second = next_word(text, tokens, index + 1)
        if second is None:
            return None
        words.append(second)
    noun = words[-1][0]
    found = features(noun)
    if not found or not noun.islower() or not all(f[0] == "NOUN" and f[1] == "ablt" and f[6] == animate for f in found):
        return None
    return words


def lemmas_of(word: str) -> set[str]:
    return {f[5] for f in features(word)}

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

ORDINALS = frozenset(("перший", "другий", "третій", "четвертий", "п'ятий", "шостий", "сьомий", "восьмий",
                       "дев'ятий", "десятий", "одинадцятий", "дванадцятий"))

@word_cache(65536)
def is_adjective(word: str) -> bool:
    return any(f[0] in ("ADJF", "PRTF") for f in features(word))

@word_cache(16384)
def agrees(adjective: str, noun: str) -> bool:
    nouns = features(noun)
    if not nouns or not all(f[0] == "NOUN" for f in nouns):
        return False
    return any(a[1] == n[1] and a[2] == n[2] and (n[2] == "plur" or a[3] == n[3] or n[3] is None)
               for a in features(adjective) if a[0] in ("ADJF", "PRTF") for n in nouns)

def usual_locative(form: str | None) -> str | None:
    """«належнім» → «належному»: the commoner locative ending of a masculine or neuter adjective."""
    if form is None or not form.endswith(("ім", "им")):
        return form
    for candidate in (form[:-2] + "ому", form[:-2] + "ьому"):
        if any(f[0] == "ADJF" and f[1] == "loct" for f in features(candidate)):
            return candidate
    return form
