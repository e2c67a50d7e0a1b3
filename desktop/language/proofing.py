"""One entry point over the proofing layers, and the report and fixes built on its findings."""

from __future__ import annotations

import gc
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import replace
from itertools import repeat
from operator import itemgetter

from desktop.language import analysis
from desktop.language.capitalisation import CapitalisationChecker
from desktop.language.euphony import find_euphony
from desktop.language.finding import KINDS, Finding
from desktop.language.grammar import find_grammar
from desktop.language.orthography import default_orthography_checker
from desktop.language.phrases import normal_key
from desktop.language.places import default_renamed_places_checker
from desktop.language.punctuation import find_punctuation
from desktop.language.security import SecurityChecker, default_security_checker
from desktop.language.spelling import DEFAULT_GLOSSARY, Dictionaries, SpellChecker
from desktop.language.style import StyleChecker, default_style_checker
from desktop.language.typography import find_typography
from desktop.language.typography_pack import find_headline_stop, headline_of
from desktop.language.word_cache import clear_word_caches
from desktop.language.words import ProtectedSpans, tokenize

__all__ = [
    "DEFAULT_GLOSSARY", "KINDS", "Finding", "Proofreader", "apply_fix", "fix_all_typography", "report",
]

# Spelling findings these rules already explain better (a calque, a homoglyph) are dropped.
APOSTROPHE = "'"
# capitalisation rules whose fix only makes a word small (offsets stay)
LOWERCASED_RULES = frozenset({"capital-common-word"})
SUPERSEDING_RULES = frozenset({"latin-in-cyrillic", "cyrillic-in-latin", "number-glued-to-word"})


class Proofreader:
    """Checks a text with every layer: spelling, typography, style, security, euphony and capitalisation."""

    def __init__(self, extra_words: Iterable[str] = (), security_terms: Iterable[str] | None = None, *,
                 dictionaries: Dictionaries | None = None, style: StyleChecker | None = None,
                 spelling_suggestions: bool = True) -> None:
        # extra_words: the department glossary, every case form of the directory's names, the
        # personal dictionary; the glossary is not implied, so pass DEFAULT_GLOSSARY when there is no database.
        # spelling_suggestions=False leaves spelling findings without suggestions (an underliner asks
        # self.spelling.suggest(word) when the menu opens): hunspell takes ~0.4 s per misspelt word.
        extra_words = list(extra_words)
        self.spelling = SpellChecker(dictionaries, extra_words, with_suggestions=spelling_suggestions)
        self.capitalisation = CapitalisationChecker(extra_words)
        self.style = style or default_style_checker()
        # the 2019 orthography and renamed places are style findings too: a word to change, not a misspelling
        self.orthography = default_orthography_checker()
        self.places = default_renamed_places_checker()
        self.security = default_security_checker() if security_terms is None else SecurityChecker(security_terms)
        self._ignored: set[str] = set()

    def add_words(self, words: Iterable[str]) -> None:
        """Accept more words as correct (a glossary or personal dictionary entry just added)."""
        words = list(words)
        self.spelling.add_words(words)
        self.capitalisation.add_words(words)

    def ignore(self, word: str) -> None:
        """Stop flagging word (spelling, typography or style; never security) in this session."""
        self.spelling.ignore(word)
        self._ignored.add(normal_key(word))

    def clear_caches(self) -> None:
        """Forget every cached verdict and every word's cached parses, as a new process would (the
        dictionaries stay loaded)."""
        self.spelling.clear_caches()
        self.capitalisation.clear_caches()
        self.orthography.clear_caches()
        self.style.clear_caches()
        self.places.clear_caches()
        clear_word_caches()

    def check(self, text: str) -> list[Finding]:
        """Every finding of the whole text, all layers, sorted by start."""
        with _cycle_collection_paused():
            return self._check(text)

    def _check(self, text: str) -> list[Finding]:
        tokens = tokenize(text)
        protected = ProtectedSpans(text)
        lowered = list(map(str.lower, map(itemgetter(0), tokens)))
        typography = find_typography(text, protected, tokens, lowered)
        vocabulary = set(lowered)  # one set for the layers that look words up, not one each
        # every new word's dictionary entries read in one batch, for all the layers
        analysis.prime(set(map(str.replace, map(str.replace, vocabulary, repeat("’"), repeat("'")), repeat("ʼ"), repeat("'"))))
        style = self.style.findings(text, tokens, lowered, vocabulary)
        style += (self.orthography.findings(text, tokens, lowered, vocabulary)
                  + self.places.findings(text, tokens, lowered, vocabulary))
        security = self.security.findings(text, tokens, lowered)
        superseding = [(f.start, f.end) for f in style]
        superseding += [(f.start, f.end) for f in typography if f.rule in SUPERSEDING_RULES]
        # «осінньо – зимовий»: the compound's fix joins it into a word the dictionary has; its halves are no misspelling
        superseding += [(f.start - 1, f.end + 1) for f in typography if f.rule == "compound-adjective-dash"]
        spelling = self.spelling.findings(text, protected, tokens, exclude=superseding)
        if spelling:  # a current place name the dictionary lacks is no misspelling («Звягельської»)
            names = self.places.current_name_forms()
            spelling = [f for f in spelling if normal_key(text[f.start:f.end]) not in names]
        euphony = find_euphony(text, tokens)
        capitalisation = self.capitalisation.findings(text, tokens, exclude=[(f.start, f.end) for f in euphony])
        if any(f.rule in LOWERCASED_RULES for f in capitalisation):
            euphony += _euphony_of_the_fixed_capitals(text, euphony, capitalisation)
        headline = headline_of(text)
        grammar = find_grammar(text, tokens)
        if grammar and style:  # a phrase the style layer rewrites whole needs no grammar fix inside it
            grammar = [f for f in grammar if not _inside_any(f, style)]
        found = spelling + typography + style + security + grammar + euphony + capitalisation
        found += find_punctuation(text, tokens)
        found = [_with_text_apostrophe(text, f) for f in found]
        if headline is not None:
            found += find_headline_stop(headline)
        if self._ignored:
            found = [f for f in found if f.kind == "security" or normal_key(text[f.start:f.end]) not in self._ignored]
        found.sort(key=lambda f: (f.start, f.end, KINDS.index(f.kind)))
        return found

    def check_headline(self, text: str) -> list[Finding]:
        """The findings of a headline on its own: every layer's, and a full stop at its end."""
        found = self.check(text)
        found += find_headline_stop(text)
        found.sort(key=lambda f: (f.start, f.end, KINDS.index(f.kind)))
        return found

    def check_paragraph(self, text: str) -> list[Finding]:
        """The findings of one paragraph, for the editor's re-check as one types (the word caches stay warm)."""
        return self.check(text)


def _euphony_of_the_fixed_capitals(text: str, euphony: list[Finding], capitalisation: list[Finding]) -> list[Finding]:
    """The euphony findings the text has once its wrong capitals are small: a capital mid-sentence made
    «Пункти прийому допомоги і …» look like a body's name, whose «і» stays; a common phrase takes «й»."""
    lowered = list(text)
    for finding in capitalisation:
        if finding.rule in LOWERCASED_RULES:
            lowered[finding.start:finding.end] = text[finding.start:finding.end].lower()
    fixed = "".join(lowered)
    known = {(f.start, f.end, f.rule) for f in euphony}
    return [f for f in find_euphony(fixed, tokenize(fixed)) if (f.start, f.end, f.rule) not in known]


def _inside_any(finding: Finding, others: list[Finding]) -> bool:
    return any(other.start <= finding.start and finding.end <= other.end for other in others)


def _with_text_apostrophe(text: str, finding: Finding) -> Finding:
    """A suggestion built from the dictionary's forms («п'ятій») takes the office's apostrophe ’ unless the
    replaced words themselves hold the typewriter one: a fix must not bring an apostrophe finding."""
    if not any(APOSTROPHE in suggestion for suggestion in finding.suggestions) or APOSTROPHE in text[finding.start:finding.end]:
        return finding
    return replace(finding, suggestions=tuple(s.replace(APOSTROPHE, "’") for s in finding.suggestions))


@contextmanager
def _cycle_collection_paused() -> Iterator[None]:
    """No cycle collection while a check runs: its tens of thousands of small objects (words, offsets)
    hold no cycles and go with their last reference, but their count would start full collections that
    walk every object of the application, a quarter of a long text's check time in the editor."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def report(findings: Iterable[Finding]) -> dict:
    """The one report format: {"findings": [{start, end, kind, rule, message, suggestions}, ...]}."""
    return {"findings": [finding.to_json() for finding in findings]}


def apply_fix(text: str, finding: Finding, suggestion_index: int = 0) -> str:
    """text with finding's span replaced by one of its suggestions."""
    if not 0 <= suggestion_index < len(finding.suggestions):
        raise ValueError(f"Для «{text[finding.start:finding.end]}» немає виправлення №{suggestion_index + 1}.")
    return text[:finding.start] + finding.suggestions[suggestion_index] + text[finding.end:]


def fix_all_typography(text: str, findings: Iterable[Finding]) -> str:
    """text with every typography finding's first suggestion applied, right to left, overlaps skipped."""
    fixable = sorted((f for f in findings if f.kind == "typography" and f.suggestions),
                     key=lambda f: (f.start, f.end), reverse=True)
    limit = len(text) + 1
    for finding in fixable:
        if finding.end > limit:
            continue  # overlaps a fix already applied to its right
        text = apply_fix(text, finding)
        limit = finding.start
    return text
