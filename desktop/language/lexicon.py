"""Whether pymorphy3's Ukrainian dictionary holds a word as a standard form, and its forms there.

The spelling layer asks this first, for every distinct word of a text: the dictionary (~3.7 M forms,
the same VESUM source as the hunspell dictionary) knows nearly every correct word, and a lookup in its
DAWG costs about a microsecond with the DAWG2 extension pymorphy3 loads it with (pymorphy3's "fast"
extra, a project dependency) where a hunspell call through enchant costs twenty. Without the extension
pymorphy3 loads the same file with the pure-Python dawg_python, which answers the same, slower.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import cache
from itertools import compress, filterfalse
from operator import itemgetter
from typing import Any

from desktop.language.morphology import morph
from desktop.language.word_cache import register

# Forms the dictionary keeps only to be corrected: non-standard spellings («реґіонів», «територіяльних»).
# Its distorted forms (Dist, VESUM's «bad»: «задіяним», «приняли») are accepted as before: they mix words
# officials use every day with Russianisms, which a style rule with the correction should name, not this.
VARIANT_GRAMMEMES = frozenset({"alt"})
# Forms written in capitals only: a lowercase «зсу» is no word. (Names and surnames stay: the dictionary
# holds many common words only as a surname, «цюпка».)
PROPER_GRAMMEMES = frozenset({"Abbr"})
_VARIANT, _PROPER = 1, 2  # a form's marks (Lexicon._kind)
_WORDS_LIMIT = 200_000
_NOT_FOUND: tuple[int, ...] = ()


class Lexicon:
    """The standard word forms of pymorphy3's dictionary (lowercase, apostrophe «'»)."""

    def __init__(self, analyser: Any) -> None:
        # a RecordDAWG of word -> its (paradigm, form index) pairs, in the dictionary's order
        self._lookup = analyser.dictionary.words.get
        self._paradigms = analyser.dictionary.paradigms
        self._gramtab = analyser.dictionary.gramtab
        # a tag id -> _VARIANT | _PROPER, the marks of its forms (an int: no pair to allocate)
        self._kinds: dict[int, int] = {}
        # a word's forms -> whether a standard parse is among them (the same for every word with those parses)
        self._verdicts: dict[tuple[int, ...], tuple[bool, bool]] = {}
        # word -> its forms (paradigm << 16 | form index: an int, no pair to allocate); () when not a key
        self._forms: dict[str, tuple[int, ...]] = {}
        # these tables are forgotten with the word caches: what a cold check costs includes filling them
        register(self._forms)
        register(self._verdicts)
        register(self._kinds)

    def _kind(self, form: int) -> int:
        """Whether a form (paradigm << 16 | form index) is a variant spelling (_VARIANT) and whether it is
        written in capitals only (_PROPER), by its tag (pymorphy3's build_tag_info, taken apart)."""
        paradigm = self._paradigms[form >> 16]
        tag_id = paradigm[len(paradigm) // 3 + (form & 0xFFFF)]
        kind = self._kinds.get(tag_id)
        if kind is None:
            grammemes = self._gramtab[tag_id].grammemes
            kind = self._kinds[tag_id] = ((_VARIANT if not VARIANT_GRAMMEMES.isdisjoint(grammemes) else 0)
                                          | (_PROPER if not PROPER_GRAMMEMES.isdisjoint(grammemes) else 0))
        return kind

    def standard(self, word: str, written_lowercase: bool = False) -> bool:
        """Whether word (lowercase) is in the dictionary with a standard parse (a common word's, if written so)."""
        found, common = self.standard_many((word,))
        return word in (common if written_lowercase else found)

    def standard_many(self, words: Iterable[str]) -> tuple[set[str], set[str]]:
        """Those of words (lowercase) the dictionary holds with a standard parse, and those with a standard
        parse that may be written lowercase (not only a name, a surname or an abbreviation's).

        Most words' forms are known already (forms_many read them for the whole text); a verdict is
        computed once for each set of forms, which many words share (every noun of one paradigm and case).
        """
        verdicts, known = self._verdicts, self._forms
        words = list(words)
        if len(known) > _WORDS_LIMIT:
            known.clear()
        self._read(filterfalse(known.__contains__, words))
        located = list(compress(words, map(known.__getitem__, words)))  # in the dictionary
        forms = list(map(known.__getitem__, located))
        for those in filterfalse(verdicts.__contains__, set(forms)):
            verdicts[those] = self._standard(those)
        judged = list(map(verdicts.__getitem__, forms))
        # a verdict's second part (a common word's parse) implies its first (a standard parse)
        return set(compress(located, map(itemgetter(0), judged))), set(compress(located, map(all, judged)))

    def _standard(self, forms: tuple[int, ...]) -> tuple[bool, bool]:
        """Whether some of a word's forms is standard, and whether one is a common word's."""
        if not self._kind(forms[0]):
            return True, True
        # the first parse is a variant or a name's: look at them all (rare)
        standard = [form for form in forms if not self._kind(form) & _VARIANT]
        return bool(standard), any(not self._kind(form) & _PROPER for form in standard)

    def payloads_many(self, words: Iterable[str]) -> dict[str, tuple[tuple[int, int], ...]]:
        """The (paradigm, form) payloads of each of words (lowercase, apostrophe «'»), as forms_many reads them."""
        return {word: tuple([(form >> 16, form & 0xFFFF) for form in forms])
                for word, forms in self.forms_many(words).items()}

    def forms_many(self, words: Iterable[str]) -> dict[str, tuple[int, ...]]:
        """The payloads of each of words (lowercase, apostrophe «'») as forms (paradigm << 16 | form index),
        in the dictionary's order (() for a word it lacks)."""
        if len(self._forms) > _WORDS_LIMIT:
            self._forms.clear()
        return self._read(words)

    def _read(self, words: Iterable[str]) -> dict[str, tuple[int, ...]]:
        """forms_many's lookups, kept in self._forms."""
        lookup = self._lookup
        found = {}
        for word in words:
            pairs = lookup(word)
            found[word] = tuple([paradigm << 16 | index for paradigm, index in pairs]) if pairs else _NOT_FOUND
        self._forms.update(found)
        return found

    def payloads(self, word: str) -> tuple[tuple[int, int], ...]:
        """The (paradigm, form) pairs of word (lowercase, apostrophe «'») as written, in the dictionary's
        order: pymorphy3's dictionary lookup without its letter substitutions."""
        return tuple(self._lookup(word, ()))


@cache
def lexicon() -> Lexicon:
    """The lexicon over the shared pymorphy3 analyser."""
    return Lexicon(morph())
