"""Whether pymorphy3's Ukrainian dictionary holds a word as a standard form, read straight from its DAWG.

The spelling layer asks this first, for every distinct word of a text: the dictionary (~3.7 M forms,
the same VESUM source as the hunspell dictionary) knows nearly every correct word, and one walk of its
DAWG costs a few microseconds where a hunspell call through enchant costs twenty. The walk is
dawg_python's own (wrapper.Dictionary.follow_char and Completer) with the calls inlined.
"""

from __future__ import annotations

import struct
from collections.abc import Iterable, Iterator
from functools import cache
from itertools import compress, filterfalse, repeat
from operator import is_, itemgetter
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

# dawg_python.units
_IS_LEAF_BIT = 1 << 31
_HAS_LEAF_BIT = 1 << 8
_EXTENSION_BIT = 1 << 9
_LABEL_MASK = _IS_LEAF_BIT | 0xFF
_SEPARATOR = 1  # dawg_python.compat PAYLOAD_SEPARATOR, b"\x01"
_PAYLOAD = struct.Struct(">HH")
_NODES_LIMIT = 200_000
# a base64 letter's byte -> its six bits
_BASE64 = [0] * 256
for _value, _letter in enumerate(b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"):
    _BASE64[_letter] = _value  # pymorphy3.dawg.WordsDawg.DATA_FORMAT: paradigm, form index


class Lexicon:
    """The standard word forms of pymorphy3's dictionary (lowercase, apostrophe «'»)."""

    def __init__(self, analyser: Any) -> None:
        words = analyser.dictionary.words  # a dawg_python RecordDAWG of word -> (paradigm, form)
        self._words = words
        self._units = words.dct._units
        self._guide = words.guide._units
        self._paradigms = analyser.dictionary.paradigms
        self._gramtab = analyser.dictionary.gramtab
        # a tag id -> _VARIANT | _PROPER, the marks of its forms (an int: no pair to allocate)
        self._kinds: dict[int, int] = {}
        # the node after a key's separator -> whether a standard parse hangs from it (dictionary data, not
        # a word's verdict: the same for every word with those parses)
        self._verdicts: dict[int, tuple[bool, bool]] = {}
        # the same node -> its payloads as forms (paradigm << 16 | form index: an int, no pair to allocate)
        self._payloads: dict[int, tuple[int, ...]] = {}
        # word -> the node after its key's separator (0: not in the dictionary), as forms_many found it:
        # standard_many walks only the words it lacks (a per-word cache, forgotten with the others)
        self._nodes: dict[str, int] = {}
        # these tables are forgotten with the word caches: what a cold check costs includes decoding them
        register(self._nodes)
        register(self._verdicts)
        register(self._payloads)
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

        The words are walked in sorted order, each from where its common prefix with the one before ends
        (a text's words share two thirds of their bytes so); after the key, the node the payloads hang
        from is shared by every word with the same parses (the DAWG is minimal), so its verdict is kept.
        """
        verdicts, nodes = self._verdicts, self._nodes
        words = list(words)
        # the words whose node is known already (most: forms_many walked them), the rest walked now; sorted
        # out with maps and sets in C, the verdict computed in Python once for each new node
        indexes = list(map(nodes.get, words))
        walked = list(self._sorted_walk(list(compress(words, map(is_, indexes, repeat(None))))))
        located = [*zip(words, indexes, strict=True), *walked]
        located = list(compress(located, map(itemgetter(1), located)))  # in the dictionary (node not 0 nor None)
        in_words, in_nodes = list(map(itemgetter(0), located)), list(map(itemgetter(1), located))
        for index in filterfalse(verdicts.__contains__, set(in_nodes)):
            verdicts[index] = self._payloads_standard(index)
        judged = list(map(verdicts.__getitem__, in_nodes))
        # a verdict's second part (a common word's parse) implies its first (a standard parse)
        return set(compress(in_words, map(itemgetter(0), judged))), set(compress(in_words, map(all, judged)))

    def _payloads_standard(self, index: int) -> tuple[bool, bool]:
        """Whether some parse hanging from the node at index (the key's, after its separator) is standard,
        and whether one is a common word's."""
        payloads = self._payloads.get(index)
        if payloads is None:
            payloads = self._payloads[index] = self._read_payloads(index)
        if not payloads:
            return False, False
        if not self._kind(payloads[0]):
            return True, True
        # the first parse is a variant or a name's: look at them all (rare)
        standard = [parse for parse in payloads if not self._kind(parse) & _VARIANT]
        return bool(standard), any(not self._kind(parse) & _PROPER for parse in standard)

    def payloads_many(self, words: Iterable[str]) -> dict[str, tuple[tuple[int, int], ...]]:
        """The (paradigm, form) payloads of each of words (lowercase, apostrophe «'»), as forms_many reads them."""
        return {word: tuple([(form >> 16, form & 0xFFFF) for form in forms])
                for word, forms in self.forms_many(words).items()}

    def forms_many(self, words: Iterable[str]) -> dict[str, tuple[int, ...]]:
        """The payloads of each of words (lowercase, apostrophe «'») as forms (paradigm << 16 | form index),
        in the dictionary's order, walked in sorted order as standard_many."""
        known, nodes = self._payloads, self._nodes
        if len(nodes) > _NODES_LIMIT:
            nodes.clear()
        if len(known) > _NODES_LIMIT:
            known.clear()
        walked = list(self._sorted_walk(words))
        nodes.update(walked)
        indexes = list(map(itemgetter(1), walked))
        tails: dict[int, tuple[int, ...]] = {}
        for index in filterfalse(known.__contains__, set(indexes)):  # the nodes not read yet
            if index:
                known[index] = self._read_payloads(index, tails)
        return dict(zip(map(itemgetter(0), walked), map(known.get, indexes, repeat(())), strict=True))

    def _sorted_walk(self, words: Iterable[str]) -> Iterator[tuple[str, int]]:
        """Each of words with the node its key ends at (0 when the dictionary lacks it), walked in sorted
        order, each key from where its common prefix with the one before ends.

        Words sort as their UTF-8 keys do (code point order is byte order, the separator below every
        letter). The common prefix is where the two keys, left-aligned as integers, first differ: no byte
        of a key is zero, so a shorter key's zero padding differs from the longer one's next byte.
        """
        units, extension, mask = self._units, _EXTENSION_BIT, _LABEL_MASK
        previous = b""
        path = [0]  # path[i]: the node after the first i bytes of previous
        from_bytes = int.from_bytes
        for word in sorted(words):
            key = word.encode("utf-8") + b"\x01"
            size, previous_size = len(key), len(previous)
            if size >= previous_size:
                differing = from_bytes(key) ^ (from_bytes(previous) << ((size - previous_size) << 3))
                low = size - ((differing.bit_length() + 7) >> 3)
            else:
                differing = (from_bytes(key) << ((previous_size - size) << 3)) ^ from_bytes(previous)
                low = previous_size - ((differing.bit_length() + 7) >> 3)
            if low >= len(path):
                low = len(path) - 1
            del path[low + 1:]
            index = path[low]
            previous = key
            for label in key[low:]:
                unit = units[index]
                index ^= ((unit >> 10) << ((unit & extension) >> 6)) ^ label
                if units[index] & mask != label:
                    yield word, 0
                    break
                path.append(index)
            else:
                yield word, index

    def payloads(self, word: str) -> tuple[tuple[int, int], ...]:
        """The (paradigm, form) pairs of word (lowercase, apostrophe «'») as written, in the dictionary's
        order: pymorphy3's dictionary lookup without its letter substitutions (dawg_python's
        RecordDAWG.get with the calls inlined)."""
        units = self._units
        index = 0
        for label in word.encode("utf-8") + b"\x01":
            unit = units[index]
            index ^= ((unit >> 10) << ((unit & _EXTENSION_BIT) >> 6)) ^ label
            if units[index] & _LABEL_MASK != label:
                return ()
        found = self._payloads.get(index)
        if found is None:
            found = self._payloads[index] = self._read_payloads(index)
        return tuple([(form >> 16, form & 0xFFFF) for form in found])

    def _read_payloads(self, index: int, tails: dict[int, tuple[int, ...]] | None = None) -> tuple[int, ...]:
        """Every payload under the node at index, depth first as dawg_python's Completer walks them.

        A payload is four bytes (paradigm, form) in base64: six letters carry them, «==» pads; the six
        are decoded on the way down and the padding is not walked. The first three levels are three nested
        loops (a recursive walk cost a call a letter); the last three letters are a subtree many payloads
        share (the DAWG is minimal), read once for each node into tails (one batch's, not kept).
        """
        units, guide, letters = self._units, self._guide, _BASE64
        extension, mask = _EXTENSION_BIT, _LABEL_MASK
        if tails is None:
            tails = {}
        found: list[int] = []
        unit = units[index]
        base0 = index ^ ((unit >> 10) << ((unit & extension) >> 6))
        label0 = guide[index * 2]
        while label0:
            node0 = base0 ^ label0
            if units[node0] & mask != label0:
                break
            value0 = letters[label0]
            unit = units[node0]
            base1 = node0 ^ ((unit >> 10) << ((unit & extension) >> 6))
            label1 = guide[node0 * 2]
            while label1:
                node1 = base1 ^ label1
                if units[node1] & mask != label1:
                    break
                value1 = (value0 << 6) | letters[label1]
                unit = units[node1]
                base2 = node1 ^ ((unit >> 10) << ((unit & extension) >> 6))
                label2 = guide[node1 * 2]
                while label2:
                    node2 = base2 ^ label2
                    if units[node2] & mask != label2:
                        break
                    tail = tails.get(node2)
                    if tail is None:
                        tail = tails[node2] = self._read_tail(node2)
                    # 36 bits: the payload's 32 (paradigm << 16 | form) and four zeros
                    head = ((value1 << 6) | letters[label2]) << 18
                    for bits in tail:
                        found.append((head | bits) >> 4)
                    label2 = guide[node2 * 2 + 1]
                label1 = guide[node1 * 2 + 1]
            label0 = guide[node0 * 2 + 1]
        return tuple(found)

    def _read_tail(self, index: int) -> tuple[int, ...]:
        """The last three letters of each payload under the node at index (after three), as 18 bits each."""
        units, guide, letters = self._units, self._guide, _BASE64
        extension, mask = _EXTENSION_BIT, _LABEL_MASK
        found: list[int] = []
        unit = units[index]
        base3 = index ^ ((unit >> 10) << ((unit & extension) >> 6))
        label3 = guide[index * 2]
        while label3:
            node3 = base3 ^ label3
            if units[node3] & mask != label3:
                break
            value3 = letters[label3]
            unit = units[node3]
            base4 = node3 ^ ((unit >> 10) << ((unit & extension) >> 6))
            label4 = guide[node3 * 2]
            while label4:
                node4 = base4 ^ label4
                if units[node4] & mask != label4:
                    break
                value4 = (value3 << 6) | letters[label4]
                unit = units[node4]
                base5 = node4 ^ ((unit >> 10) << ((unit & extension) >> 6))
                label5 = guide[node4 * 2]
                while label5:
                    node5 = base5 ^ label5
                    if units[node5] & mask != label5:
                        break
                    found.append((value4 << 6) | letters[label5])
                    label5 = guide[node5 * 2 + 1]
                label4 = guide[node4 * 2 + 1]
            label3 = guide[node3 * 2 + 1]
        return tuple(found)


@cache
def lexicon() -> Lexicon:
    """The lexicon over the shared pymorphy3 analyser."""
    return Lexicon(morph())
