"""One analysis per distinct word, shared by every layer: pymorphy3's parses, read straight from its DAWG.

pymorphy3's own parse builds its Parse objects through a chain of analyser units (~6 µs a word with the
DAWG2 extension, ~25 µs without); the layers asked it for the same words, each in a cache of its own.
Here a lowercase Ukrainian word the dictionary holds gets the very parses pymorphy3 would give it (its
DictionaryAnalyzer's, in its order: the guessing units run only for words the dictionary lacks) from one
lookup of the DAWG (desktop.language.lexicon), «г» looked up as «ґ» too as pymorphy3 does. Every other word
(capitals, other letters, words the dictionary lacks) goes to pymorphy3's parse, once.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Set
from itertools import compress, filterfalse, repeat
from operator import not_
from typing import Any

from desktop.language.lexicon import lexicon
from desktop.language.morphology import morph
from desktop.language.word_cache import register, word_cache

# words read directly: lowercase Ukrainian letters, the typewriter apostrophe, a hyphen
_DIRECT = re.compile(r"[а-щьюяєіїґ'-]+")
_MAX_G = 3  # more «г» than this: pymorphy3's parse (2 ** n spellings to look up)


def spellings(lower: str) -> list[str] | None:
    """The spellings pymorphy3 looks lower up as, in its order (dawg_python's similar_items with «г» → «ґ»);
    None when lower is not read directly."""
    if not _DIRECT.fullmatch(lower):
        return None
    count = lower.count("г")
    if not count:
        return [lower]
    if count == 1:  # the commonest: the word, then with its one «г» as «ґ» (what _g_variants gives)
        return [lower, lower.replace("г", "ґ")]
    return _g_variants("", lower, 0) if count <= _MAX_G else None


def _g_variants(prefix: str, word: str, start: int) -> list[str]:
    found = []
    for position in range(start, len(word)):
        if word[position] == "г":
            found += _g_variants(prefix + word[start:position] + "ґ", word, position + 1)
    found.insert(0, prefix + word[start:])
    return found


# A word's dictionary entries, flat: each spelling looked up that the dictionary holds, then its forms
# (paradigm id << 16 | the form's index in it), the lexicon's own tuple; in pymorphy3's order
Entries = tuple[Any, ...]  # (str, tuple[int, ...], str, tuple[int, ...], …)
# word (lowercase) -> its dictionary entries, or None when pymorphy3 must be asked
_ENTRIES: dict[str, Entries | None] = {}
register(_ENTRIES)
_LIMIT = 65536


def prime(words: Iterable[str]) -> None:
    """Reads the dictionary entries of words (lowercase) not read yet, all in one batch."""
    entries = _ENTRIES
    new = list(filterfalse(entries.__contains__, words))
    if not new:
        return
    if len(entries) + len(new) > _LIMIT:
        entries.clear()
    # most words are read directly with no «г» to look up as «ґ» too: their one spelling is the word
    # itself (spellings() without its call), sorted out in C; the words with «г» get spellings()
    direct = list(compress(new, map(_DIRECT.fullmatch, new)))
    with_g = list(compress(direct, map(str.__contains__, direct, repeat("г"))))
    alone = set(direct).difference(with_g)
    found = {word: spellings(word) for word in with_g}
    wanted = alone.union(*(those for those in found.values() if those))
    forms = lexicon().forms_many(wanted)
    entries.update(dict.fromkeys(set(new).difference(direct)))  # None: pymorphy3 is asked
    read = list(map(forms.__getitem__, alone))
    entries.update(zip(alone, zip(alone, read, strict=True), strict=True))
    entries.update(dict.fromkeys(compress(alone, map(not_, read)), ()))
    empty = ()
    for word, those in found.items():
        if those is None:
            entries[word] = None
            continue
        flat: list[Any] = []
        for spelling in those:
            forms_read = forms.get(spelling, empty)
            if forms_read:
                flat += (spelling, forms_read)
        entries[word] = tuple(flat)


def entries(word: str) -> Entries | None:
    """The dictionary entries of word (lowercase) in pymorphy3's order (see Entries), None when it is not
    read directly."""
    try:
        return _ENTRIES[word]
    except KeyError:
        prime((word,))
        return _ENTRIES[word]


# a form (paradigm << 16 | index) -> (tag id, the stem's start and end in a form's spelling, the lemma's
# prefix and suffix): dictionary data, kept (pymorphy3's build_tag_info and build_normal_form, taken apart)
_FORMS: dict[int, tuple[int, int, int | None, str, str]] = {}
_FORMS_LIMIT = 200_000
register(_FORMS)  # a decoded table, but filled by the words seen: a cold check decodes it again


def form(paradigm_id: int, index: int) -> tuple[int, int, int | None, str, str]:
    """The tag id of a paradigm's form, and how its lemma is built from its spelling (see lemma)."""
    key = paradigm_id << 16 | index
    found = _FORMS.get(key)
    if found is None:
        if len(_FORMS) > _FORMS_LIMIT:
            _FORMS.clear()
        dictionary = morph().dictionary
        paradigm = dictionary.paradigms[paradigm_id]
        length = len(paradigm) // 3
        suffix = dictionary.suffixes[paradigm[index]]
        found = _FORMS[key] = (paradigm[length + index],
                               len(dictionary.paradigm_prefixes[paradigm[length * 2 + index]]),
                               -len(suffix) if suffix else None,
                               dictionary.paradigm_prefixes[paradigm[length * 2]], dictionary.suffixes[paradigm[0]])
    return found


def lemma(spelling: str, index: int, info: tuple[int, int, int | None, str, str]) -> str:
    """The normal form of the form index of a paradigm (info: form()) spelt spelling, as pymorphy3 builds it."""
    if index == 0:
        return spelling
    return info[3] + spelling[info[1]:info[2]] + info[4]


def _dictionary_parses(word: str) -> tuple[Any, ...] | None:
    """The dictionary parses of word (lowercase) as pymorphy3 Parse objects, None when not read directly."""
    found = entries(word)
    if not found:
        return found
    analyser = morph()
    make, unit, gramtab = analyser._result_type, analyser._units[0].analyzer, analyser.dictionary.gramtab
    parses = []
    for position in range(0, len(found), 2):
        spelling = found[position]
        for packed in found[position + 1]:
            paradigm_id, index = packed >> 16, packed & 0xFFFF
            info = form(paradigm_id, index)
            parses.append(make(spelling, gramtab[info[0]], lemma(spelling, index, info), 1.0,
                               ((unit, spelling, paradigm_id, index),)))
    return tuple(parses)


@word_cache(65536)
def parse(word: str) -> tuple[Any, ...]:
    """pymorphy3's parse of word, as a tuple."""
    # pymorphy3 looks a word up in lowercase; only a single capital letter gets more (an initial's parses)
    found = _dictionary_parses(word.lower()) if len(word) > 1 or word.islower() else None
    return found if found else tuple(morph().parse(word))


@word_cache(65536)
def known(word: str) -> tuple[Any, ...]:
    """pymorphy3's known (dictionary) parses of word (lowercase)."""
    found = _dictionary_parses(word)
    if found is not None:
        return found  # a word pymorphy3 would guess (not in the dictionary) has no known parse
    return tuple(p for p in morph().parse(word) if p.is_known)


# paradigm id -> its forms as (prefix, tag, suffix): dictionary data, kept (pymorphy3's build_paradigm_info)
_PARADIGMS: dict[int, list[tuple[str, Any, str]]] = {}
register(_PARADIGMS)


def inflected(parse: Any, grammemes: Set[Any]) -> str | None:
    """The word of parse.inflect(grammemes) (None when there is none), as pymorphy3 picks it, without
    building the lexeme's Parse objects; a parse of another analyser unit is inflected by pymorphy3."""
    stack = parse.methods_stack
    analyser = morph()
    if len(stack) != 1 or stack[0][0] is not analyser._units[0].analyzer:
        form = parse.inflect(grammemes)
        return None if form is None else form.word
    _unit, spelling, paradigm_id, index = stack[0]
    forms = _PARADIGMS.get(paradigm_id)
    if forms is None:
        if len(_PARADIGMS) > _FORMS_LIMIT:
            _PARADIGMS.clear()
        forms = _PARADIGMS[paradigm_id] = analyser.dictionary.build_paradigm_info(paradigm_id)
    prefix, _tag, suffix = forms[index]
    stem = spelling[len(prefix):len(spelling) - len(suffix)]
    required = grammemes
    possible = [form for form in forms if required <= form[1].grammemes]
    if not possible:
        required = analyser.TagClass.fix_rare_cases(required)
        possible = [form for form in forms if required <= form[1].grammemes]
    if not possible:
        return None
    wanted = parse.tag.updated_grammemes(required)
    best, best_score = possible[0], None
    for form in possible:  # heapq.nlargest(1, …): the first of the most similar
        tag_grammemes = form[1].grammemes
        score = len(wanted & tag_grammemes) - 0.1 * len(wanted ^ tag_grammemes)
        if best_score is None or score > best_score:
            best, best_score = form, score
    return best[0] + stem + best[2]
