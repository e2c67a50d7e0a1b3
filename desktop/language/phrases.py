"""Matching listed phrases in every inflected form, through pymorphy3 lexemes computed once per list."""

from __future__ import annotations

import contextlib
import hashlib
import importlib.metadata
import json
import os
import re
import subprocess
import sys
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from itertools import compress
from pathlib import Path

from desktop.language.inflection import morph
from desktop.language.words import Token, normal_key, tokenize
from desktop.paths import user_cache_dir

# Prepositions and conjunctions that alternate for euphony: «у відповідності» = «в відповідності».
ALTERNATES = ({"у", "в"}, {"і", "й"}, {"з", "із", "зі"})
GAP_RE = re.compile(r"[ \t\u00a0]+")


def _forms_cache_path(words: Sequence[str]) -> Path:
    digest = hashlib.sha256("\n".join(sorted(set(words))).encode("utf-8")).hexdigest()[:16]
    dictionaries = importlib.metadata.version("pymorphy3-dicts-uk")
    return user_cache_dir() / f"phrase-forms-{dictionaries}-{digest}.json"


def all_word_forms(words: Sequence[str]) -> dict[str, frozenset[str]]:
    """word_forms for every word, kept on disk: the 24 MB analyser then loads only for a suggestion.

    On a machine without the file a helper process derives it, so that the editor does not keep the
    analyser in memory for the forms alone; if the helper cannot, they are derived here.
    """
    path = _forms_cache_path(words)
    stored = _read_forms(path, words)
    if stored is None:
        _derive_in_helper(words, path)
        stored = _read_forms(path, words)
    if stored is not None:
        return stored
    forms = {word: word_forms(word) for word in words}
    _write_forms(path, forms)
    return forms


def _read_forms(path: Path, words: Sequence[str]) -> dict[str, frozenset[str]] | None:
    try:
        stored = json.loads(path.read_text(encoding="utf-8"))
        return {word: frozenset(stored[word]) for word in words}
    except (OSError, ValueError, KeyError):
        return None


def _write_forms(path: Path, forms: dict[str, frozenset[str]]) -> None:
    # Written whole or not at all (a reader never sees half a file); a read-only cache folder only
    # costs the next start its time.
    partial = path.with_name(f".{path.name}.{os.getpid()}.part")
    with contextlib.suppress(OSError):
        partial.write_text(json.dumps({w: sorted(f) for w, f in forms.items()}, ensure_ascii=False), encoding="utf-8")
        os.replace(partial, path)
    with contextlib.suppress(OSError):
        partial.unlink()


def _derive_in_helper(words: Sequence[str], path: Path) -> None:
    """Runs this module as a process that writes the forms of words to path (a failure is left to the caller)."""
    with contextlib.suppress(OSError, subprocess.SubprocessError):
        subprocess.run([sys.executable, "-m", __name__, str(path)], input=json.dumps(list(words)),
                       text=True, encoding="utf-8", capture_output=True, timeout=120, check=False)


def word_forms(word: str) -> frozenset[str]:
    """Every form of word when it is written in its dictionary form; else just word as written.

    A word written inflected («на протязі», «в рамках») is meant literally, and its other
    forms would match innocent phrases («на протяг»).
    """
    key = normal_key(word)
    for group in ALTERNATES:
        if key in group:
            return frozenset(group)
    if not key.isalpha() and "'" not in key or word.isupper():
        return frozenset({key})
    forms = {key}
    if morph().word_is_known(key):
        for parse in lemma_parses(key):
            forms.update(normal_key(form.word) for form in parse.lexeme)
    return frozenset(forms)


def lemma_parses(word: str) -> list:
    """The analyser's parses of word in which it is its own dictionary form (none: written inflected)."""
    key = normal_key(word)
    return [parse for parse in morph().parse(key) if normal_key(parse.normal_form) == key]


def _apostrophe_variants(form: str) -> set[str]:
    """form with each apostrophe spelling, so a text word needs one lowercase lookup."""
    return {form, form.replace("'", "’"), form.replace("'", "ʼ"), form.replace("'", "`")}


@dataclass(frozen=True)
class PhraseMatch:
    """Phrase number `index` found over words[first:last] of a text, spanning text[start:end]."""

    index: int
    start: int
    end: int
    words: tuple[str, ...]


class PhraseMatcher:
    """Finds any of a list of phrases in a text, each in every inflected form."""

    def __init__(self, phrases: Sequence[str]) -> None:
        self.phrases = list(phrases)
        self._slots: list[list[frozenset[str]]] = []
        # first word's forms -> phrases starting with it, longest first, so a check touches only candidates
        self._by_first_form: dict[str, list[int]] = {}
        forms = all_word_forms([word for phrase in self.phrases for word in phrase.split()])
        for index, phrase in enumerate(self.phrases):
            slots = [forms[word] for word in phrase.split()]
            self._slots.append(slots)
            for form in slots[0]:
                # every apostrophe spelling as a key, so a text word needs one lowercase lookup
                for variant in _apostrophe_variants(form):
                    self._by_first_form.setdefault(variant, []).append(index)
        self._first_forms = frozenset(self._by_first_form)
        # first form -> every second word its phrases allow, when none of them is a single word: most
        # openings are common words («у», «на»), and the next word rules them out without a slower look
        self._second_words: dict[str, frozenset[str]] = {}
        for form, candidates in self._by_first_form.items():
            candidates.sort(key=lambda i: -len(self._slots[i]))
            if all(len(self._slots[i]) > 1 for i in candidates):
                self._second_words[form] = frozenset(
                    variant for i in candidates for second in self._slots[i][1] for variant in _apostrophe_variants(second)
                )

    def find(self, text: str, tokens: list[Token] | None = None, lowered: list[str] | None = None,
             vocabulary: set[str] | None = None) -> Iterator[PhraseMatch]:
        """Every non-overlapping match in text, left to right.

        tokens, lowered (the tokens' words in lowercase) and vocabulary (the set of lowered) can be
        passed in when already computed.
        """
        if tokens is None:
            tokens = tokenize(text)
        if lowered is None:
            lowered = [token[0].lower() for token in tokens]
        # a set intersection in C tells which phrase openings occur at all; most texts have none
        present = self._first_forms.intersection(lowered if vocabulary is None else vocabulary)
        if not present:
            return
        next_free = 0
        last = len(lowered) - 1
        second_words = self._second_words
        for position in _positions(lowered, present):
            if position < next_free:
                continue
            seconds = second_words.get(lowered[position])
            if seconds is not None and (position == last or lowered[position + 1] not in seconds):
                continue
            matched = self._match_at(text, tokens, position, self._by_first_form[lowered[position]])
            if matched is not None:
                next_free = position + len(matched.words)
                yield matched

    def _match_at(self, text: str, tokens: list[Token], position: int,
                  candidates: list[int]) -> PhraseMatch | None:
        for index in candidates:
            slots = self._slots[index]
            last = position + len(slots)
            if last > len(tokens):
                continue
            ok = True
            for offset in range(1, len(slots)):
                word, start, _end = tokens[position + offset]
                previous_end = tokens[position + offset - 1][2]
                # phrase words must follow each other with only spaces between them
                if normal_key(word) not in slots[offset] or not GAP_RE.fullmatch(text, previous_end, start):
                    ok = False
                    break
            if ok:
                words = tuple(token[0] for token in tokens[position:last])
                return PhraseMatch(index, tokens[position][1], tokens[last - 1][2], words)
        return None


def _positions(words: list[str], wanted: set[str] | frozenset[str]) -> list[int]:
    """The indexes of words that are in wanted, in order; compress and map keep the loop in C, where a
    Python loop over a long text's 10,000 words cost more than the rest of the phrase check."""
    return list(compress(range(len(words)), map(wanted.__contains__, words)))


if __name__ == "__main__":
    # The helper of all_word_forms: the words as a JSON list on stdin, the file to write as the argument.
    requested = json.loads(sys.stdin.read())
    _write_forms(Path(sys.argv[1]), {word: word_forms(word) for word in requested})
